/* sha256: SHA-256 (FIPS 180-4) of a byte string, incrementally or at once.
 * Used by the cache for its checksums and by source for stable cache names;
 * nothing here allocates or does I/O. */
#ifndef DIGEST_SHA256_H
#define DIGEST_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include "md.h"

struct sha256 {
	struct md md;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
/* Writes the 32-byte digest; s must be initialized again before reuse. */
void sha256_final(struct sha256 *s, unsigned char out[32]);
/* SHA-256 of data as 64 lower-case hex digits and a NUL. */
void sha256_hex(const void *data, size_t len, char out[65]);

#endif
