/* sample: the bundled sample digest — posts written by this project, compiled
 * into the binary (sample_data.c is generated) and installed under pkgdatadir. */
#ifndef DIGEST_SAMPLE_H
#define DIGEST_SAMPLE_H

#include <stddef.h>

struct sample_post {
	const char *name;   /* file name, e.g. 2026-11-27-daily-papers-20261127.md */
	const char *data;   /* NUL-terminated */
	size_t len;
};

extern const struct sample_post sample_posts[];
extern const size_t sample_nposts;

#endif
