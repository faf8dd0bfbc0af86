/* fuzz_layout: libFuzzer target for the layout engine — random
 * styled text at random widths, ambiguous widths, break modes and indents
 * through layout_wrap, layout_fit and layout_sanitize.
 *
 * Input: 5 parameter bytes, then the text.
 *   [0] width: 0..99 (b < 200), else 37 * (b - 199) (up to 2072)
 *   [1] bit 0: ambiguous width 2; bit 1: LAYOUT_BREAK_NORMAL
 *   [2] first indent - 8,  [3] rest indent - 8 (negative ones too)
 *   [4] seed for cutting the text into style spans
 *
 * Invariants (besides ASan/UBSan): every wrapped line has indent + width <=
 * width, its width field equals layout_width() of its bytes, its runs tile
 * it, and it is clean (valid UTF-8, no C0, DEL, C1 or bidi control); no text
 * is lost or invented (the non-space characters of the lines are those of the
 * sanitized text, where a '>' may stand for a cluster too wide for the line);
 * where an ellipsis may stand for the middle of a URL too wide for the line;
 * ASCII-and-Hangul text wraps the same on the fast path as on the general
 * one; layout_fit gives one
 * clean line of exactly the width; layout_sanitize's output is clean (but
 * '\n') and sanitizing it again changes nothing. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <uninorm.h>

#include "fuzz_check.h"
#include "layout.h"
#include "strbuf.h"
#include "text.h"

static const unsigned styles[] = {
	STYLE_PLAIN, STYLE_EMPH, STYLE_STRONG | STYLE_LINK, STYLE_CODE,
	STYLE_TITLE, STYLE_PLAIN, STYLE_DIM,
};

/* Cuts s into spans of pseudo-random lengths and styles, between
 * characters. */
static void make_text(struct text *t, const char *s, size_t len, unsigned seed)
{
	text_init(t);
	size_t at = 0;
	uint32_t r = seed * 2654435761u + 1;
	while (at < len) {
		r = r * 1103515245u + 12345u;
		size_t n = seed & 1 ? len - at : 1 + (r >> 16) % 24;
		if (n > len - at)
			n = len - at;
		/* Spans hold whole characters, as the parser's do (a span cut
		 * inside a UTF-8 sequence would add U+FFFDs of its own). */
		while (at + n < len && ((unsigned char)s[at + n] & 0xc0) == 0x80)
			n++;
		text_append(t, s + at, n, styles[(r >> 8) % (sizeof(styles) / sizeof(styles[0]))]);
		at += n;
	}
}

/* The characters of s that are not ASCII white space, in NFD. Normalized
 * before the blanks go: NFD puts combining marks in canonical order, and
 * without the ' ' or '\n' between them, the marks that begin one line or
 * paragraph would be sorted among those that end the one before. */
static char *ink(const char *s, size_t len, size_t *outlen)
{
	size_t n = 0;
	uint8_t *r = u8_normalize(UNINORM_NFD, (const uint8_t *)s, len, NULL, &n);
	FUZZ_CHECK(r != NULL || len == 0, "u8_normalize failed");
	struct strbuf b = STRBUF_INIT;
	for (size_t i = 0; i < n; i++)
		if (r[i] != ' ' && r[i] != '\n')
			strbuf_addch(&b, (char)r[i]);
	free(r);
	*outlen = b.len;
	return strbuf_detach(&b, NULL);
}

/* Does the ink of the lines (a, na) match that of the text (b, nb)? A '>'
 * in the lines is either a '>' of the text or a cluster too wide for the
 * line, drawn as '>': it matches any non-empty run. So the pieces of a
 * between its '>'s must appear in b in order: the first at the start, the
 * last at the end. */
static int ink_matches(const char *a, size_t na, const char *b, size_t nb)
{
	const char *gt = memchr(a, '>', na);
	if (!gt)
		return na == nb && !memcmp(a, b, na);
	size_t first = (size_t)(gt - a);
	if (first > nb || memcmp(a, b, first))
		return 0;
	size_t at = first; /* in b */
	const char *p = gt + 1, *end = a + na;
	for (;;) {
		/* A wildcard consumes at least one byte of b. */
		if (at >= nb)
			return 0;
		at++;
		const char *next = memchr(p, '>', (size_t)(end - p));
		size_t plen = (size_t)((next ? next : end) - p);
		if (!next) {
			/* The last piece: at the end of b. */
			return nb - at >= plen && !memcmp(b + nb - plen, p, plen);
		}
		const char *hit = plen ? memmem(b + at, nb - at, p, plen) : b + at;
		if (!hit)
			return 0;
		at = (size_t)(hit - b) + plen;
		p = next + 1;
	}
}

/* Replaces each U+2026 or U+22EF in a[0, n) by '>'; returns the new length. */
static size_t ellipses_to_wildcards(char *a, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		if (n - i >= 3 && (!memcmp(a + i, "\xe2\x80\xa6", 3) ||
				   !memcmp(a + i, "\xe2\x8b\xaf", 3))) {
			a[o++] = '>';
			i += 3;
		} else {
			a[o++] = a[i++];
		}
	}
	return o;
}

/* Text made only of printable ASCII, Hangul syllables and '\n'. */
static int is_simple(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s;
	for (size_t i = 0; i < n;) {
		if (p[i] == '\n' || (p[i] >= 0x20 && p[i] < 0x7f)) {
			i++;
			continue;
		}
		if (n - i < 3 || (p[i] & 0xf0) != 0xe0 || (p[i + 1] & 0xc0) != 0x80 ||
		    (p[i + 2] & 0xc0) != 0x80)
			return 0;
		uint32_t c = (uint32_t)(p[i] & 0x0f) << 12 | (uint32_t)(p[i + 1] & 0x3f) << 6 |
			     (p[i + 2] & 0x3f);
		if (c < 0xac00 || c > 0xd7a3)
			return 0;
		i += 3;
	}
	return 1;
}

static int same_line(const struct layout_line *a, const struct layout_line *b)
{
	if (a->len != b->len || a->indent != b->indent || a->width != b->width ||
	    memcmp(a->s, b->s, a->len) || a->nruns != b->nruns)
		return 0;
	for (size_t i = 0; i < a->nruns; i++)
		if (a->runs[i].start != b->runs[i].start || a->runs[i].len != b->runs[i].len ||
		    a->runs[i].width != b->runs[i].width || a->runs[i].style != b->runs[i].style)
			return 0;
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 5)
		return 0;
	int width = data[0] < 200 ? data[0] % 100 : 37 * (data[0] - 199);
	int amb = (data[1] & 1) + 1;
	struct layout_opts o;
	layout_opts_init(&o);
	o.width = width;
	o.ambiguous_width = amb;
	o.line_break = data[1] & 2 ? LAYOUT_BREAK_NORMAL : LAYOUT_BREAK_KEEP_ALL;
	o.first_indent = (int)data[2] - 8;
	o.rest_indent = (int)data[3] - 8;
	unsigned seed = data[4];
	const char *s = (const char *)data + 5;
	size_t len = size - 5;

	/* layout_sanitize: clean, and a fixed point. */
	struct strbuf clean = STRBUF_INIT, again = STRBUF_INIT;
	layout_sanitize(s, len, &clean);
	fuzz_check_clean("layout_sanitize", clean.buf, clean.len, FUZZ_ALLOW_NL);
	layout_sanitize(clean.buf, clean.len, &again);
	FUZZ_CHECK(again.len == clean.len && !memcmp(again.buf, clean.buf, clean.len),
		   "sanitizing clean text changed it (%zu -> %zu bytes)", clean.len,
		   again.len);
	FUZZ_CHECK(layout_width(clean.buf, clean.len, amb) >= 0, "negative width");

	/* layout_wrap */
	struct text t;
	make_text(&t, s, len, seed);
	struct layout_lines lines;
	layout_lines_init(&lines);
	layout_wrap(&t, &o, &lines);
	fuzz_check_lines("layout_wrap", &lines, width, amb);
	if (width < 1)
		FUZZ_CHECK(lines.n == 0, "%zu lines in %d columns", lines.n, width);

	/* Nothing lost, nothing invented. */
	if (width >= 1) {
		struct strbuf all = STRBUF_INIT;
		for (size_t i = 0; i < lines.n; i++) {
			strbuf_add(&all, lines.v[i].s, lines.v[i].len);
			strbuf_addch(&all, '\n');
		}
		size_t na, nb;
		char *a = ink(all.buf, all.len, &na);
		char *b = ink(clean.buf, clean.len, &nb);
		/* A URL wider than its line is shown shortened in the middle:
		 * then an ellipsis (U+2026, or U+22EF at ambiguous width 2)
		 * stands for what was left out, as '>' does. */
		if (memmem(clean.buf, clean.len, "://", 3))
			na = ellipses_to_wildcards(a, na);
		FUZZ_CHECK(ink_matches(a, na, b, nb),
			   "the lines hold other text than the input (%zu vs %zu bytes)",
			   na, nb);
		free(a);
		free(b);
		strbuf_release(&all);
	}

	/* The fast path (ASCII and Hangul) against the general one: a last
	 * paragraph with an é sends the whole text down the general path. */
	if (width >= 2 && is_simple(s, len)) {
		struct text t2;
		text_copy(&t2, &t);
		text_append(&t2, "\n\xc3\xa9", 3, STYLE_PLAIN);
		struct layout_lines l2;
		layout_lines_init(&l2);
		layout_wrap(&t2, &o, &l2);
		fuzz_check_lines("layout_wrap (general path)", &l2, width, amb);
		FUZZ_CHECK(l2.n > lines.n, "general path: %zu lines, fast path %zu", l2.n,
			   lines.n);
		for (size_t i = 0; i < lines.n; i++)
			FUZZ_CHECK(same_line(&lines.v[i], &l2.v[i]),
				   "line %zu differs: fast \"%s\" (indent %d), general \"%s\" (indent %d)",
				   i, lines.v[i].s, lines.v[i].indent, l2.v[i].s, l2.v[i].indent);
		layout_lines_free(&l2);
		text_free(&t2);
	}
	layout_lines_free(&lines);

	/* layout_fit: one line of exactly the width. */
	struct layout_line fit;
	layout_fit(&t, width, amb, &fit);
	FUZZ_CHECK(fit.s != NULL, "layout_fit: no text");
	if (width > 0) {
		FUZZ_CHECK(fit.width == width, "layout_fit: %d columns, want %d", fit.width,
			   width);
		struct layout_lines one = { &fit, 1, 1 };
		fuzz_check_lines("layout_fit", &one, width, amb);
	} else {
		FUZZ_CHECK(fit.len == 0, "layout_fit: text in %d columns", width);
	}
	layout_line_free(&fit);

	/* layout_fit_str on the text up to its first NUL. */
	char *z = strndup(s, len);
	layout_fit_str(z, STYLE_TITLE, width, amb, &fit);
	if (width > 0) {
		FUZZ_CHECK(fit.width == width, "layout_fit_str: %d columns, want %d",
			   fit.width, width);
		struct layout_lines one = { &fit, 1, 1 };
		fuzz_check_lines("layout_fit_str", &one, width, amb);
	}
	layout_line_free(&fit);
	free(z);

	text_free(&t);
	strbuf_release(&clean);
	strbuf_release(&again);
	return 0;
}
