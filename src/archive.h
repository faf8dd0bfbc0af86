/* archive: a set of loaded digests in date order — from files and directories
 * named on the command line, or the bundled sample. Owns the digests. */
#ifndef DIGEST_ARCHIVE_H
#define DIGEST_ARCHIVE_H

#include <stddef.h>

#include "model.h"
#include "strbuf.h"

/* Parses the post at path into out; returns 0, or -1 with one line in err. */
typedef int (*archive_loader_fn)(void *ctx, const char *path, struct digest *out,
				 struct strbuf *err);

struct search_index;

struct archive {
	struct digest *v;
	size_t n, cap;
	size_t npending;             /* digests not parsed yet */
	archive_loader_fn loader;    /* parses pending digests */
	void *loader_ctx;
	void (*loader_free)(void *ctx);
	/* Digests loaded through the persistent index (index.h) hold only what
	 * --list, --search and --export print (no sections); their search text
	 * comes with them, in memory that `backing` owns. */
	const struct search_index *search;
	void *backing;
	void (*backing_free)(void *backing);
	int failed_files;            /* pending FILE|DIR posts found bad */
	int sample;                  /* the bundled sample: not a real digest */
};

void archive_init(struct archive *a);
void archive_free(struct archive *a);

/* Loads a FILE, or every *.md in a DIR. Each problem adds one line to errors.
 * Returns the number of files that could not be loaded (0 when all were). */
int archive_load_path(struct archive *a, const char *path, struct strbuf *errors);

/* The same for the reader, which shows the newest digest first: a DIR's
 * posts whose file names start with a date are added pending (see below;
 * dated and ordered by their names, as the cache's are, and parsed when
 * needed: a bad one is reported then, and counted in failed_files), the
 * others parsed now. */
int archive_list_path(struct archive *a, const char *path, struct strbuf *errors);

/* Loads the bundled sample digest (compiled in; cannot fail). */
void archive_load_sample(struct archive *a);

/* Sorts by date (undated first), then path: oldest to newest. */
void archive_sort(struct archive *a);
/* That order, for qsort over struct digest. */
int archive_compare(const void *x, const void *y);

/* One post, one digest: the same post fetched under two source names (or
 * named twice on the command line) is one digest. In an archive sorted as
 * archive_sort sorts, a digest whose file has the same bytes as an earlier
 * one of its date is dropped (freed). When map is not NULL (a->n entries),
 * map[old index] becomes the new index, or (size_t)-1 for a dropped one.
 * Returns how many were dropped. Only digests sharing a date are read. */
size_t archive_drop_duplicates(struct archive *a, size_t *map);

/* Whether digests i and j carry the same date (both undated counts). */
int archive_same_date(const struct archive *a, size_t i, size_t j);

/* Whether paper p of digest d repeats a paper (same arXiv ID) of an earlier
 * digest of the same date: two slightly different copies of one post. What
 * prints a paper per line (--list, --search) prints it once. */
int archive_paper_repeats(const struct archive *a, size_t d, size_t p);

/* Lazy loading, so the reader can show the newest digest before the rest of
 * a large archive is parsed: a pending digest has only its path and date
 * (from the file name) until archive_ensure parses it with the loader. */
void archive_add_pending(struct archive *a, const char *path, const char *date);
/* Parses digest i if it is pending. A post that turns out bad stays as an
 * empty digest marked bad and titled with the reason (indices stay valid).
 * Returns 0, or -1 with a line in err. */
int archive_ensure(struct archive *a, size_t i, struct strbuf *err);
/* Parses every pending digest, newest first; returns how many failed. */
int archive_ensure_all(struct archive *a, struct strbuf *err);

/* For a reload that parses only what changed: every digest old has parsed
 * (not bad) whose post is not among the nchanged paths `changed` moves into
 * fresh, in place of fresh's pending digest of the same path, which goes to
 * old (to be freed with it); npending follows on both sides. Returns how
 * many moved. */
size_t archive_reuse_parsed(struct archive *fresh, struct archive *old,
			    const char *const *changed, size_t nchanged);

#endif
