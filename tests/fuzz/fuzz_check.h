/* fuzz_check: invariants shared by the libFuzzer targets in tests/fuzz.
 * A failed check prints what broke and abort()s, which libFuzzer reports
 * as a crash and saves the input as crash-<sha1>.
 *
 * Built by `make fuzz` with clang -fsanitize=fuzzer,address,undefined against
 * the sources of libdigest.a; run by tools/fuzz.sh. Header-only so each
 * target stays one file. */
#ifndef DIGEST_FUZZ_CHECK_H
#define DIGEST_FUZZ_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <unistr.h>

#include "layout.h"
#include "width.h"

#define FUZZ_CHECK(cond, ...)                                                  \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: invariant broken: %s: ",       \
				__FILE__, __LINE__, #cond);                    \
			fprintf(stderr, __VA_ARGS__);                          \
			fputc('\n', stderr);                                   \
			abort();                                               \
		}                                                              \
	} while (0)

/* Format characters that reorder or hide text (bidi embeddings, overrides,
 * isolates, marks). */
static inline int fuzz_is_bidi(ucs4_t c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0x200e || c == 0x200f || c == 0x061c;
}

/* What fuzz_first_unclean lets through besides printable text. */
enum { FUZZ_ALLOW_NL = 1, FUZZ_ALLOW_TAB = 2, FUZZ_ALLOW_BIDI = 4 };

/* s[0..len) is text a terminal can only print: valid UTF-8, no NUL, no C0
 * control (but '\n' and '\t' when allowed), no DEL, no C1 control
 * (U+0080..009F), no bidi control. Returns the byte offset of the first
 * offence, or len. */
static inline size_t fuzz_first_unclean(const char *s, size_t len, unsigned allow)
{
	const uint8_t *p = (const uint8_t *)s;
	const uint8_t *bad = u8_check(p, len);
	size_t end = bad ? (size_t)(bad - p) : len; /* invalid UTF-8 from here */
	size_t i = 0;
	while (i < end) {
		ucs4_t c;
		if (p[i] < 0x80) {
			c = p[i];
			if ((c < 0x20 && !(c == '\n' && (allow & FUZZ_ALLOW_NL)) &&
			     !(c == '\t' && (allow & FUZZ_ALLOW_TAB))) || c == 0x7f)
				return i;
			i++;
			continue;
		}
		int n = u8_mbtouc(&c, p + i, end - i);
		if ((c >= 0x80 && c < 0xa0) || (fuzz_is_bidi(c) && !(allow & FUZZ_ALLOW_BIDI)))
			return i;
		i += (size_t)n;
	}
	if (end < len)
		return end;
	return len;
}

static inline void fuzz_check_clean(const char *what, const char *s, size_t len,
				    unsigned allow)
{
	size_t at = fuzz_first_unclean(s, len, allow);
	FUZZ_CHECK(at == len, "%s: unclean byte 0x%02x at offset %zu of %zu", what,
		   (unsigned)(unsigned char)s[at < len ? at : 0], at, len);
}

/* Every layout line fits `width` columns, its width field is what it
 * measures, its runs tile it, and it is clean. */
static inline void fuzz_check_lines(const char *what, const struct layout_lines *l,
				    int width, int amb)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct layout_line *ln = &l->v[i];
		FUZZ_CHECK(ln->s != NULL, "%s: line %zu has no text", what, i);
		FUZZ_CHECK(ln->s[ln->len] == '\0', "%s: line %zu not terminated", what, i);
		FUZZ_CHECK(ln->indent >= 0, "%s: line %zu: indent %d", what, i, ln->indent);
		FUZZ_CHECK(width < 1 || ln->indent + ln->width <= width,
			   "%s: line %zu: indent %d + width %d > %d", what, i,
			   ln->indent, ln->width, width);
		int w = layout_width(ln->s, ln->len, amb);
		FUZZ_CHECK(w == ln->width, "%s: line %zu: width field %d, measured %d",
			   what, i, ln->width, w);
		fuzz_check_clean(what, ln->s, ln->len, 0);
		size_t at = 0;
		long rw = 0;
		for (size_t r = 0; r < ln->nruns; r++) {
			FUZZ_CHECK(ln->runs[r].start == at, "%s: line %zu: run %zu starts at %zu, not %zu",
				   what, i, r, ln->runs[r].start, at);
			at += ln->runs[r].len;
			rw += ln->runs[r].width;
		}
		FUZZ_CHECK(at == ln->len, "%s: line %zu: runs cover %zu of %zu bytes", what,
			   i, at, ln->len);
		FUZZ_CHECK(rw == ln->width, "%s: line %zu: runs are %ld columns, line %d",
			   what, i, rw, ln->width);
	}
}

#endif
