/* layout: the wide-character layout engine. It owns every measurement, cut and
 * wrap of text that reaches a screen or --dump: sanitizing hostile text, NFC
 * normalization, display widths per grapheme cluster (agreeing with wcwidth()),
 * Korean keep-all / UAX #14 line breaking, truncation with an ellipsis and
 * padding. It knows nothing about curses, posts or panes. */
#ifndef DIGEST_LAYOUT_H
#define DIGEST_LAYOUT_H

#include <stddef.h>

#include "strbuf.h"
#include "text.h"

enum layout_break {
	LAYOUT_BREAK_KEEP_ALL, /* break only at spaces (Korean convention), default */
	LAYOUT_BREAK_NORMAL,   /* plain UAX #14: also between Hangul syllables */
};

struct layout_opts {
	int width;            /* columns available for the line, indent included */
	int ambiguous_width;  /* 1 or 2: width of East-Asian-ambiguous characters */
	enum layout_break line_break;
	int first_indent;     /* blank columns before the first line */
	int rest_indent;      /* blank columns before continuation lines */
};

/* Defaults: width 80, ambiguous 1, keep-all, no indents. */
void layout_opts_init(struct layout_opts *o);

/* A styled piece of one display line: bytes [start, start+len) of line->s. */
struct layout_run {
	size_t start;
	size_t len;
	int width;
	unsigned style;
};

/* One display line. s is clean: valid NFC UTF-8 without control characters,
 * escape sequences or bidi controls; drawing it can only print glyphs. */
struct layout_line {
	char *s;              /* owned, NUL-terminated; indent not included */
	size_t len;
	int indent;           /* blank columns to leave before s */
	int width;            /* display width of s (indent excluded) */
	struct layout_run *runs;
	size_t nruns;
	int runs_in_s;        /* runs share s's allocation (freeing s frees them) */
};

struct layout_lines {
	struct layout_line *v;
	size_t n, cap;
};

void layout_lines_init(struct layout_lines *l);
void layout_lines_free(struct layout_lines *l);
void layout_line_free(struct layout_line *line);

/* Sanitizes and normalizes arbitrary bytes into clean UTF-8 (appended to out):
 * invalid sequences become U+FFFD, ESC-introduced sequences (CSI, OSC, DCS, ...)
 * are removed whole, other C0/C1 controls, DEL and bidi/invisible format controls
 * are replaced visibly or removed, tabs become spaces, and the result is NFC. */
void layout_sanitize(const char *s, size_t len, struct strbuf *out);
/* The same for text shown as one line (a title): its line breaks become
 * spaces. */
void layout_sanitize_line(const char *s, size_t len, struct strbuf *out);

/* Display width of already clean UTF-8 text, as the terminal will draw it. */
int layout_width(const char *s, size_t len, int ambiguous_width);

/* Wraps styled text into display lines appended to out. Each produced line
 * satisfies indent + width <= o->width (for o->width >= 1). Newlines in the
 * text (hard breaks) force a line break. Never splits a grapheme cluster.
 * Never breaks a URL (http/https): one that does not fit on a line of its
 * own is drawn shortened in the middle around an ellipsis (U+2026, or U+22EF
 * with ambiguous width 2), so a line's text is then not all of the input's.
 * A number keeps its Korean counter ("두 가지") while both fit. A word wider
 * than the line is cut at a UAX #14 opportunity first, never leaving closing
 * punctuation first on a line or opening punctuation last. Tabs go to the
 * next multiple of 8 columns of the line they land on (indent excluded). */
void layout_wrap(const struct text *in, const struct layout_opts *o,
		 struct layout_lines *out);

/* Lays out text as exactly one line of exactly `width` columns: cut with "…"
 * when too wide (never half a wide character: a space pads instead) and padded
 * with spaces when short. Newlines become spaces. out must be released with
 * layout_line_free. */
void layout_fit(const struct text *in, int width, int ambiguous_width,
		struct layout_line *out);

/* Convenience for plain strings (one style for the whole string). */
void layout_fit_str(const char *s, unsigned style, int width,
		    int ambiguous_width, struct layout_line *out);

#endif
