/* sha1: SHA-1 (see sha1.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "md.h"
#include "sha1.h"

static uint32_t rol(uint32_t x, int n)
{
	return (x << n) | (x >> (32 - n));
}

static void compress(uint32_t *h, const unsigned char *p)
{
	uint32_t w[80];
	for (int i = 0; i < 16; i++)
		w[i] = md_be32(p + 4 * i);
	for (int i = 16; i < 80; i++)
		w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
	for (int i = 0; i < 80; i++) {
		uint32_t f, k;
		if (i < 20) {
			f = (b & c) | (~b & d);
			k = 0x5a827999;
		} else if (i < 40) {
			f = b ^ c ^ d;
			k = 0x6ed9eba1;
		} else if (i < 60) {
			f = (b & c) | (b & d) | (c & d);
			k = 0x8f1bbcdc;
		} else {
			f = b ^ c ^ d;
			k = 0xca62c1d6;
		}
		uint32_t t = rol(a, 5) + f + e + k + w[i];
		e = d;
		d = c;
		c = rol(b, 30);
		b = a;
		a = t;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
}

void sha1_init(struct md *m)
{
	static const uint32_t iv[SHA1_WORDS] = { 0x67452301, 0xefcdab89, 0x98badcfe,
						 0x10325476, 0xc3d2e1f0 };
	md_init(m, iv, SHA1_WORDS, compress);
}

void sha1_hex(const void *data, size_t len, char out[41])
{
	struct md m;
	sha1_init(&m);
	md_update(&m, data, len);
	md_final_hex(&m, SHA1_WORDS, out);
}

void sha1_git_blob_hex(const void *data, size_t len, char out[41])
{
	struct md m;
	char head[32];
	int n = snprintf(head, sizeof(head), "blob %zu", len);
	sha1_init(&m);
	md_update(&m, head, (size_t)n + 1);   /* the NUL too */
	md_update(&m, data, len);
	md_final_hex(&m, SHA1_WORDS, out);
}
