/* archive: a set of loaded digests in date order — from files and directories
 * named on the command line, or the bundled sample. Owns the digests. */
#ifndef DIGEST_ARCHIVE_H
#define DIGEST_ARCHIVE_H

#include <stddef.h>

#include "model.h"
#include "strbuf.h"

struct archive {
	struct digest *v;
	size_t n, cap;
};

void archive_init(struct archive *a);
void archive_free(struct archive *a);

/* Loads a FILE, or every *.md in a DIR. Each problem adds one line to errors.
 * Returns the number of files that could not be loaded (0 when all were). */
int archive_load_path(struct archive *a, const char *path, struct strbuf *errors);

/* Loads the bundled sample digest (compiled in; cannot fail). */
void archive_load_sample(struct archive *a);

/* Sorts by date (undated first), then path: oldest to newest. */
void archive_sort(struct archive *a);

#endif
