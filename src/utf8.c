/* utf8: fast UTF-8 validation (see utf8.h). */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"

size_t utf8_valid_prefix(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		if (c < 0x80) {
			if (c == 0)
				return i;
			i++;
			/* Runs of ASCII go eight bytes at a time: no high bit set
			 * and no zero byte. */
			while (i + 8 <= n) {
				uint64_t w;
				memcpy(&w, s + i, 8);
				if ((w & 0x8080808080808080ULL) ||
				    ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL))
					break;
				i += 8;
			}
			continue;
		}
		if (c >= 0xE0 && c <= 0xEF) {
			/* Three bytes: all of Hangul, so the common case. */
			if (i + 3 > n || (s[i + 1] & 0xC0) != 0x80 ||
			    (s[i + 2] & 0xC0) != 0x80 ||
			    (c == 0xE0 && s[i + 1] < 0xA0) ||  /* overlong */
			    (c == 0xED && s[i + 1] > 0x9F))    /* surrogate */
				return i;
			i += 3;
		} else if (c >= 0xC2 && c <= 0xDF) {
			if (i + 2 > n || (s[i + 1] & 0xC0) != 0x80)
				return i;
			i += 2;
		} else if (c >= 0xF0 && c <= 0xF4) {
			if (i + 4 > n || (s[i + 1] & 0xC0) != 0x80 ||
			    (s[i + 2] & 0xC0) != 0x80 || (s[i + 3] & 0xC0) != 0x80 ||
			    (c == 0xF0 && s[i + 1] < 0x90) ||  /* overlong */
			    (c == 0xF4 && s[i + 1] > 0x8F))    /* above U+10FFFF */
				return i;
			i += 4;
		} else {
			return i;
		}
	}
	return n;
}
