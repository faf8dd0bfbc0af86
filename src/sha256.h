/* sha256: SHA-256 (FIPS 180-4) of a byte string, incrementally or at once.
 * Used by the cache for its checksums and by source for stable cache names;
 * nothing here allocates or does I/O. */
#ifndef DIGEST_SHA256_H
#define DIGEST_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include "md.h"

/* Starts a SHA-256 in m: then md_update, and md_final(m, out, SHA256_WORDS)
 * for the 32-byte digest. */
#define SHA256_WORDS 8
void sha256_init(struct md *m);
/* SHA-256 of data as 64 lower-case hex digits and a NUL. */
void sha256_hex(const void *data, size_t len, char out[65]);

#endif
