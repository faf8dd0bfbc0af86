/* md: the frame SHA-1 and SHA-256 share (FIPS 180-4's Merkle-Damgard
 * construction): input gathered into 64-byte blocks for a compression
 * function, the padding that ends a message with its length in bits, and
 * the digest written out as big-endian words, or as hex. The compression
 * functions are sha1.c's and sha256.c's; nothing here allocates. */
#ifndef DIGEST_MD_H
#define DIGEST_MD_H

#include <stddef.h>
#include <stdint.h>

typedef void md_compress_fn(uint32_t *h, const unsigned char *block);

struct md {
	uint32_t h[8];             /* the chaining value: its first nwords */
	uint64_t bits;             /* the message's length so far */
	unsigned char block[64];
	size_t used;               /* bytes of block filled */
	md_compress_fn *compress;
};

/* Starts a message: h from iv (nwords words), compressed by compress. */
void md_init(struct md *m, const uint32_t *iv, int nwords, md_compress_fn *compress);
void md_update(struct md *m, const void *data, size_t len);
/* Pads the message and writes the first nwords words of h, big-endian, to
 * out (4 * nwords bytes); m must be started again before reuse. */
void md_final(struct md *m, unsigned char *out, int nwords);

/* md_final, then the digest as 8 * nwords lower-case hex digits and a NUL. */
void md_final_hex(struct md *m, int nwords, char *out);

/* The big-endian word at p (a compression function's message words). */
uint32_t md_be32(const unsigned char *p);
/* d[0..n) as 2n lower-case hex digits and a NUL. */
void md_hex(const unsigned char *d, size_t n, char *out);

#endif
