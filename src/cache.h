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
 * Every file is replaced atomically through fileio_replace (a ".tmp-*"
 * file, never named *.md, so no loader reads it). A store writes the
 * metadata first, naming the new post's size and SHA-256 and those of the
 * post it replaces ("previous-bytes", "previous-sha256"), then the post; so
 * whatever a crash interrupts, each post in posts/ is complete and recognised
 * by its metadata (the previous-* fields stay until the next store): one matching the previous checksum is shown all the same
 * ("pending") and its metadata rewritten to match, without the network
 * (cache_heal). A post that matches neither (truncated, edited, a FIFO, over
 * 4 MiB) is not loaded but reported in one line, and the next fetch asks for
 * it again in full. */
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
	long long prev_bytes; /* of the post this one replaces, while its store */
	char prev_sha256[65]; /* is under way (else ""): see above */
	char *etag;           /* as the server sent it, or NULL */
	char *last_modified;  /* as the server sent it, or NULL */
	char *charset;        /* "utf-8", or "cp949" when converted */
	long long fetched;    /* Unix time of the response stored */
	long misses;          /* status 404: how many 404s in a row (>= 1) */
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
/* Returns 0, or -1 with *why set to a static reason (_(why) shows it). */
int cache_meta_parse(const char *data, size_t len, struct cache_meta *m,
		     const char **why);
/* Reads meta/STEM.meta. Returns 0, 1 when there is none, or -1 when it is
 * corrupt (the reason in err). */
int cache_meta_read(const struct cache *c, const char *stem, struct cache_meta *m,
		    struct strbuf *err);
/* The largest metadata file read. */
#define CACHE_META_MAX (64 * 1024)

/* Reads the post m names (a regular file of at most 4 MiB) and checks its
 * size and checksum. Returns 0 when they match, 1 when they match the
 * previous version's (a store cut short: show it, then cache_heal), with the
 * bytes in *data in both cases when data is not NULL (free them); or -1 with
 * the reason in err. */
int cache_post_check(const struct cache *c, const struct cache_meta *m,
		     char **data, size_t *len, struct strbuf *err);

/* For each source of l, the day of the newest post the cache holds for it
 * (out[i] for l->v[i]; LONG_MIN when none), from the names in posts/
 * (DATE-SOURCE-...): where a fetch's catch-up starts. */
void cache_newest_days(const struct cache *c, const struct source_list *l, long *out);

/* Stores a post (data, len) as posts/STEM.md — setting m's file, bytes and
 * sha256 (and the previous version's, see above) — writing m as
 * meta/STEM.meta first; with data NULL only the metadata. Each file
 * atomically, both under store.lock. Returns 0, or -1 with a message. */
int cache_store(const struct cache *c, const char *stem, const char *data,
		size_t len, struct cache_meta *m, struct strbuf *err);

/* Removes the post and metadata of STEM when its metadata names `source`
 * (an entry under a name of an older version, replaced). Returns 1 when
 * removed, else 0. */
int cache_remove(const struct cache *c, const char *stem, const char *source);

/* Rewrites the metadata of STEM when its post is the previous version (a
 * store cut short), so that it describes the post in place; validators are
 * dropped, so the next fetch asks unconditionally. Does nothing otherwise. */
void cache_heal(const struct cache *c, const char *stem);

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
 * number of posts listed (sorted by date, as their names are), a post
 * stored under two source names once (archive_drop_duplicates). */
int cache_list_archive(struct archive *a, struct strbuf *errors);

/* Which cached posts changed on disk: a running reader asks this on `R` and
 * on its idle timer, so that what another process (a cron --fetch) stored
 * shows without a restart. A watch remembers each posts/NAME.md's identity
 * (device, inode, size, modification time: a store renames a new file in, so
 * the inode changes); cache_watch_poll compares the directory with that. */
struct cache_watch;

enum cache_change_kind { CACHE_ADDED, CACHE_CHANGED, CACHE_REMOVED };

struct cache_change {
	char *path;                  /* posts/NAME.md, absolute as the archive has it */
	enum cache_change_kind kind;
};

struct cache_changes {
	struct cache_change *v;
	size_t n, cap;
};

/* Starts watching the posts of the cache at dir (NULL: the default one), as
 * they are now. Never fails: a cache that does not exist yet is empty. */
struct cache_watch *cache_watch_new(const char *dir);
/* Appends to out the posts added, changed or removed since the last poll (or
 * cache_watch_new), sorted by name, and remembers the new state. Returns the
 * number appended. */
size_t cache_watch_poll(struct cache_watch *w, struct cache_changes *out);
void cache_watch_free(struct cache_watch *w);
void cache_changes_free(struct cache_changes *c);

/* For the persistent index (index.h): the posts' file names, sorted (free
 * with postdir_free; NULL when there are none, a line in errors when the
 * directory cannot be read); cache_load_post reads, checks and parses
 * posts/NAME as cache_load does (0, or -1 after a line in errors; *pending
 * set when the caller must cache_heal it once it holds no lock); the
 * shared store lock cache_load holds while it reads (-1 when it could not be
 * taken; cache_unlock_store accepts that). */
char **cache_post_names(const struct cache *c, size_t *n, struct strbuf *errors);
int cache_load_post(const struct cache *c, const char *name, struct digest *out,
		    struct strbuf *errors, int *pending);
int cache_lock_store_shared(const struct cache *c);
void cache_unlock_store(int fd);

#endif
