/* sha1: SHA-1 (FIPS 180-4) of a byte string, and git's blob name built on it.
 * Used only to tell whether a cached post is the blob a GitHub listing names
 * (a content check, not a security one: the cache's own checksums are
 * SHA-256). Nothing here allocates or does I/O. */
#ifndef DIGEST_SHA1_H
#define DIGEST_SHA1_H

#include <stddef.h>
#include <stdint.h>

#include "md.h"

/* Starts a SHA-1 in m: then md_update, and md_final(m, out, SHA1_WORDS)
 * for the 20-byte digest. */
#define SHA1_WORDS 5
void sha1_init(struct md *m);
/* SHA-1 of data as 40 lower-case hex digits and a NUL. */
void sha1_hex(const void *data, size_t len, char out[41]);
/* git's name of a blob holding data: SHA-1 of "blob <len>\0" + data. */
void sha1_git_blob_hex(const void *data, size_t len, char out[41]);

#endif
