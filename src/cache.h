/* cache: the fetched posts on disk, for offline-first reading.
 *
 * Layout under $XDG_CACHE_HOME/digest-tui (default ~/.cache/digest-tui):
 *   posts/STEM.md     a post as fetched (converted to UTF-8 when it was not);
 *                     STEM is DATE-SOURCE-NAME (see source.h), so the names
 *                     sort by date
 *   meta/STEM.meta    its metadata, "key: value" lines: source, url, date,
 *                     status, file, bytes, sha256, etag, last-modified,
 *                     charset, fetched (UTC). A day that had no post (404)
 *                     has a .meta with status 404 and no file.
 *   fetch.lock        flock()ed by the one process updating the cache
 *   store.lock        flock()ed: exclusively around each store (post then
 *                     metadata), shared while loading, so a reader never sees
 *                     a post with the metadata of its previous version
 * Every file is written to a temporary ".tmp-*" file in the same directory
 * (never named *.md, so no loader reads it), fsync()ed, renamed into place,
 * and the directory fsync()ed. A post whose metadata is missing, unreadable or
 * disagrees with it (size, SHA-256) is not loaded but reported, and the next
 * fetch asks for it again in full. */
#ifndef DIGEST_CACHE_H
#define DIGEST_CACHE_H

#include <stddef.h>

#include "archive.h"
#include "source.h"
#include "strbuf.h"

struct cache {
	char *dir;        /* .../digest-tui */
	char *posts;      /* .../digest-tui/posts */
	char *meta;       /* .../digest-tui/meta */
	int fetch_fd;     /* fetch.lock while held, else -1 */
};

struct cache_meta {
	char *source;
	char *url;
	char *date;           /* YYYY-MM-DD or NULL */
	long status;          /* 200: a post is stored; 404: no post that day */
	char *file;           /* the post's name in posts/, NULL without one */
	long long bytes;      /* of the stored post */
	char sha256[65];      /* of the stored post, lower-case hex, or "" */
	char *etag;           /* as the server sent it, or NULL */
	char *last_modified;  /* as the server sent it, or NULL */
	char *charset;        /* "utf-8", or "cp949" when converted */
	long long fetched;    /* Unix time of the response stored */
};

/* $XDG_CACHE_HOME/digest-tui, or ~/.cache/digest-tui. Returns 0, or -1 with
 * a message in err when neither XDG_CACHE_HOME nor a home directory is known. */
int cache_default_dir(struct strbuf *out, struct strbuf *err);

/* Opens the cache at dir (NULL: the default). With create, makes the
 * directories (mode 0700 for the top one). Returns 0, or -1 with a message. */
int cache_open(struct cache *c, const char *dir, int create, struct strbuf *err);
void cache_close(struct cache *c);   /* also releases the fetch lock */

/* Takes fetch.lock, waiting up to wait_ms for another process to let go.
 * Returns 0, or -1 with "another digest-tui is updating the cache" (or an
 * I/O error) in err. */
int cache_lock_fetch(struct cache *c, int wait_ms, struct strbuf *err);
void cache_unlock_fetch(struct cache *c);
/* Removes temporary files left by a killed writer (with the fetch lock held). */
void cache_clean_temp(const struct cache *c);

void cache_meta_init(struct cache_meta *m);
void cache_meta_free(struct cache_meta *m);
void cache_meta_format(const struct cache_meta *m, struct strbuf *out);
/* Returns 0, or -1 with *why set to a static reason. */
int cache_meta_parse(const char *data, size_t len, struct cache_meta *m,
		     const char **why);
/* Reads meta/STEM.meta. Returns 0, 1 when there is none, or -1 when it is
 * corrupt (the reason in err). */
int cache_meta_read(const struct cache *c, const char *stem, struct cache_meta *m,
		    struct strbuf *err);
/* Reads the post m names and checks its size and checksum. Returns 0 (with
 * the bytes in *data when data is not NULL; free them), or -1 with the reason
 * in err. */
int cache_post_check(const struct cache *c, const struct cache_meta *m,
		     char **data, size_t *len, struct strbuf *err);

/* Stores a post (data, len) as posts/STEM.md — setting m's file, bytes and
 * sha256 — then m as meta/STEM.meta; with data NULL only the metadata. Each
 * file atomically, under store.lock. Returns 0, or -1 with a message. */
int cache_store(const struct cache *c, const char *stem, const char *data,
		size_t len, struct cache_meta *m, struct strbuf *err);

/* Writes dir/name atomically (temporary file, fsync, rename, fsync of dir). */
int cache_write_atomic(const char *dir, const char *name, const void *data,
		       size_t len, struct strbuf *err);
/* For tests: called with the temporary file's path just before the rename. */
extern void (*cache_before_rename)(const char *tmp);

/* Adds every good cached post to a (not sorted: call archive_sort), only those
 * of the sources in `only` when it is not NULL. Each bad entry adds one line
 * to errors. Returns the number of posts added. */
int cache_load(const struct cache *c, struct archive *a,
	       const struct source_list *only, struct strbuf *errors);
/* cache_load on the default cache, which need not exist (then 0). */
int cache_load_archive(struct archive *a, struct strbuf *errors);
int cache_load_archive_sources(struct archive *a, const struct source_list *only,
			       struct strbuf *errors);

/* Adds every cached post to a as a pending digest (see archive.h): nothing is
 * read but the directory; archive_ensure checks and parses a post when it is
 * needed. The archive keeps the cache open until it is freed. Returns the
 * number of posts listed (sorted by date, as their names are). */
int cache_list_archive(struct archive *a, struct strbuf *errors);

/* SHA-256 of data as 64 lower-case hex digits. */
void cache_sha256_hex(const void *data, size_t len, char out[65]);

/* For the persistent index (index.h): the posts' file names, sorted (free
 * with free_names; NULL when there are none, a line in errors when the
 * directory cannot be read); cache_load_post reads, checks and parses
 * posts/NAME as cache_load does (0, or -1 after a line in errors); the
 * shared store lock cache_load holds while it reads (-1 when it could not be
 * taken; cache_unlock_store accepts that). */
char **cache_post_names(const struct cache *c, size_t *n, struct strbuf *errors);
int cache_load_post(const struct cache *c, const char *name, struct digest *out,
		    struct strbuf *errors);
int cache_lock_store_shared(const struct cache *c);
void cache_unlock_store(int fd);

#endif
