/* utf8: fast UTF-8 validation (see utf8.h). */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"

/* The second byte of a three-byte sequence, by the low nibble of its lead
 * byte: E0 must not be overlong (A0-BF), ED must not be a surrogate (80-9F). */
static const unsigned char second_lo[16] = {
	0xA0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
};
static const unsigned char second_hi[16] = {
	0xBF, 0xBF, 0xBF, 0xBF, 0xBF, 0xBF, 0xBF, 0xBF,
	0xBF, 0xBF, 0xBF, 0xBF, 0xBF, 0x9F, 0xBF, 0xBF,
};

/* The exact check, byte by byte: where the first problem starts. */
static size_t valid_prefix_slow(const char *str, size_t n)
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
			 * and no zero byte. A lone space between two words is
			 * the common case and skips the word test. */
			if (i < n && s[i] >= 0x80)
				continue;
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
		if ((c & 0xF0) == 0xE0) {
			/* Three bytes: all of Hangul, so the common case, taken a
			 * whole word of syllables at a time. */
			do {
				if (i + 3 > n)
					return i;
				unsigned b = s[i + 1];
				if (b < second_lo[c & 15] || b > second_hi[c & 15] ||
				    (s[i + 2] & 0xC0) != 0x80)
					return i;
				i += 3;
			} while (i < n && ((c = s[i]) & 0xF0) == 0xE0);
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

/* The fast check: a DFA whose state is a shift count, after Per Vognsen's
 * "shift-based DFA". Each byte's row holds, six bits per state, the next
 * state's shift: one load (independent of the state) and one shift a
 * byte, about one cycle. Its states: */
enum {
	S_ACCEPT, /* between characters */
	S_ERROR,  /* absorbing */
	S_CONT1,  /* one continuation byte (80-BF) to go */
	S_CONT2,
	S_CONT3,
	S_E0,     /* after E0: A0-BF, then one more (no overlong form) */
	S_ED,     /* after ED: 80-9F, then one more (no surrogate) */
	S_F0,     /* after F0: 90-BF, then two more (no overlong form) */
	S_F4,     /* after F4: 80-8F, then two more (nothing above U+10FFFF) */
};

#define SH(state, next) ((uint64_t)((next) * 6) << ((state) * 6))
/* A byte that starts a character from S_ACCEPT and is an error elsewhere. */
#define LEAD(next) (SH(S_ACCEPT, next) | SH(S_ERROR, S_ERROR) | SH(S_CONT1, S_ERROR) | \
		    SH(S_CONT2, S_ERROR) | SH(S_CONT3, S_ERROR) | SH(S_E0, S_ERROR) |  \
		    SH(S_ED, S_ERROR) | SH(S_F0, S_ERROR) | SH(S_F4, S_ERROR))
/* A continuation byte, with where E0, ED, F0 and F4 go on it. */
#define CONT(e0, ed, f0, f4) (SH(S_ACCEPT, S_ERROR) | SH(S_ERROR, S_ERROR) |             \
			      SH(S_CONT1, S_ACCEPT) | SH(S_CONT2, S_CONT1) |          \
			      SH(S_CONT3, S_CONT2) | SH(S_E0, e0) | SH(S_ED, ed) |    \
			      SH(S_F0, f0) | SH(S_F4, f4))
#define BAD LEAD(S_ERROR) /* NUL, C0, C1, F5-FF */
#define ASCII LEAD(S_ACCEPT)
#define C8 CONT(S_ERROR, S_CONT1, S_ERROR, S_CONT2) /* 80-8F */
#define C9 CONT(S_ERROR, S_CONT1, S_CONT2, S_ERROR) /* 90-9F */
#define CA CONT(S_CONT1, S_ERROR, S_CONT2, S_ERROR) /* A0-BF */
#define X4(r) r, r, r, r
#define X16(r) X4(r), X4(r), X4(r), X4(r)

static const uint64_t dfa[] = {
	BAD, ASCII, ASCII, ASCII, X4(ASCII), X4(ASCII), X4(ASCII),  /* 00-0F */
	X16(ASCII), X16(ASCII), X16(ASCII),                          /* 10-3F */
	X16(ASCII), X16(ASCII), X16(ASCII), X16(ASCII),              /* 40-7F */
	X16(C8), X16(C9), X16(CA), X16(CA),                          /* 80-BF */
	BAD, BAD, LEAD(S_CONT1), LEAD(S_CONT1),                      /* C0-C3 */
	X4(LEAD(S_CONT1)), X4(LEAD(S_CONT1)), X4(LEAD(S_CONT1)),     /* C4-CF */
	X16(LEAD(S_CONT1)),                                          /* D0-DF */
	LEAD(S_E0), LEAD(S_CONT2), LEAD(S_CONT2), LEAD(S_CONT2),     /* E0-E3 */
	X4(LEAD(S_CONT2)), X4(LEAD(S_CONT2)),                        /* E4-EB */
	LEAD(S_CONT2), LEAD(S_ED), LEAD(S_CONT2), LEAD(S_CONT2),     /* EC-EF */
	LEAD(S_F0), LEAD(S_CONT3), LEAD(S_CONT3), LEAD(S_CONT3),     /* F0-F3 */
	LEAD(S_F4), BAD, BAD, BAD, X4(BAD), X4(BAD),                 /* F4-FF */
};
_Static_assert(sizeof(dfa) / sizeof(dfa[0]) == 256, "a row for every byte");

size_t utf8_valid_prefix(const char *str, size_t n)
{
	/* Posts are almost always valid: the DFA says so in one pass, and
	 * only a post with a problem is read again to find where it is. */
	const unsigned char *s = (const unsigned char *)str;
	uint64_t state = 0;
	for (size_t i = 0; i < n; i++)
		state = dfa[s[i]] >> (state & 63);
	if ((state & 63) == S_ACCEPT * 6)
		return n;
	return valid_prefix_slow(str, n);
}
