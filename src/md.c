/* md: blocks, padding and output of SHA-1 and SHA-256 (see md.h). */
#include "config.h"

#include <string.h>

#include "md.h"

void md_init(struct md *m, const uint32_t *iv, int nwords, md_compress_fn *compress)
{
	memset(m, 0, sizeof(*m));
	memcpy(m->h, iv, (size_t)nwords * sizeof(*iv));
	m->compress = compress;
}

void md_update(struct md *m, const void *data, size_t len)
{
	const unsigned char *p = data;
	m->bits += (uint64_t)len * 8;
	while (len) {
		size_t n = 64 - m->used < len ? 64 - m->used : len;
		memcpy(m->block + m->used, p, n);
		m->used += n;
		p += n;
		len -= n;
		if (m->used == 64) {
			m->compress(m->h, m->block);
			m->used = 0;
		}
	}
}

void md_final(struct md *m, unsigned char *out, int nwords)
{
	uint64_t bits = m->bits;
	unsigned char pad = 0x80, zero = 0, len[8];
	md_update(m, &pad, 1);
	while (m->used != 56)
		md_update(m, &zero, 1);
	for (int i = 0; i < 8; i++)
		len[i] = (unsigned char)(bits >> (56 - 8 * i));
	md_update(m, len, 8);
	for (int i = 0; i < nwords; i++) {
		out[4 * i] = (unsigned char)(m->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(m->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(m->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)m->h[i];
	}
}

void md_final_hex(struct md *m, int nwords, char *out)
{
	unsigned char d[32];
	md_final(m, d, nwords);
	md_hex(d, (size_t)nwords * 4, out);
}

uint32_t md_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

void md_hex(const unsigned char *d, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[2 * n] = '\0';
}
