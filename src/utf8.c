/* utf8: validation, decoding and the unsafe code points (see utf8.h). */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"

/* The exact check, a character at a time: where the first problem starts.
 * Only a post the DFA found a problem in comes here. */
static size_t valid_prefix_slow(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i]) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (cp == UTF8_INVALID)
			break;
		i += k;
	}
	return i;
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

size_t utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[0];
	*cp = UTF8_INVALID;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t len;
	uint32_t v;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, v = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, v = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, v = c & 0x07;
	else
		return 1;
	/* The second byte's range rules out overlong forms, surrogates and
	 * values past U+10FFFF; a bad byte ends the maximal subpart. */
	unsigned lo = 0x80, hi = 0xBF;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	if (n < 2 || s[1] < lo || s[1] > hi)
		return 1;
	v = (v << 6) | (s[1] & 0x3F);
	for (size_t i = 2; i < len; i++) {
		if (i >= n || (s[i] & 0xC0) != 0x80)
			return i;
		v = (v << 6) | (s[i] & 0x3F);
	}
	*cp = v;
	return len;
}

int utf8_unsafe(uint32_t c)
{
	if (c < 0xA0)
		return c < 0x20 || c >= 0x7F;
	if (c < 0x2000)
		return c == 0xAD || c == 0x061C || c == 0x180E;
	if (c <= 0x206F)
		return (c >= 0x200B && c <= 0x200F) || (c >= 0x2028 && c <= 0x202E) ||
		       c >= 0x2060;
	return c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB);
}
