/* text: UTF-8 text carrying style spans — what the parser produces for titles and
 * body text, and what the layout engine consumes. Styles are bit flags so nested
 * Markdown (a link inside emphasis) keeps all of its meanings. */
#ifndef DIGEST_TEXT_H
#define DIGEST_TEXT_H

#include <stddef.h>
#include <stdint.h>

enum text_style {
	STYLE_PLAIN   = 0,
	STYLE_EMPH    = 1 << 0,  /* *x* */
	STYLE_STRONG  = 1 << 1,  /* **x** */
	STYLE_CODE    = 1 << 2,  /* `x` */
	STYLE_LINK    = 1 << 3,  /* [x](url) text */
	STYLE_HEADING = 1 << 4,  /* section headings in the view */
	STYLE_LABEL   = 1 << 5,  /* "Goal:" and similar bullet labels */
	STYLE_TITLE   = 1 << 6,  /* paper title in the view */
	STYLE_DIM     = 1 << 7,  /* secondary text: URLs, compact goal row */
	STYLE_MATCH   = 1 << 8,  /* search hit */
	STYLE_QUOTE   = 1 << 9,  /* block quote text */
	/* The reader's own chrome, never produced by the parser. */
	STYLE_SELECTED = 1 << 10, /* the selected row of the list */
	STYLE_HEADER  = 1 << 11,  /* the header line */
	STYLE_STATUS  = 1 << 12,  /* the status line */
	STYLE_UNREAD  = 1 << 13,  /* an unread paper's title in the list */
};

/* A run of bytes [start, start+len) of text->s carrying style. Spans are sorted,
 * do not overlap, and cover the text entirely (unstyled bytes get STYLE_PLAIN). */
struct text_span {
	uint32_t start;   /* 32 bits: a text holds less than TEXT_MAX bytes */
	uint32_t len;
	unsigned style;
};

/* Bytes a text can hold; text_append drops what goes beyond (nothing real
 * comes near: a whole archive is some tens of megabytes). */
#define TEXT_MAX ((size_t)UINT32_MAX - 1)

struct text {
	char *s;          /* NUL-terminated UTF-8 */
	struct text_span *spans;
	uint32_t len, cap;          /* 32 bits: an archive holds a text per */
	uint32_t nspans, spans_cap; /* paragraph, and its size counts */
};

void text_init(struct text *t);
void text_free(struct text *t);
/* Appends bytes with a style, merging with the previous span when equal. */
void text_append(struct text *t, const char *s, size_t len, unsigned style);
void text_append_str(struct text *t, const char *s, unsigned style);
/* Deep copy. */
void text_copy(struct text *dst, const struct text *src);
/* Collapses runs of ASCII white space to one space and trims both ends,
 * keeping spans consistent. */
void text_collapse_space(struct text *t);
/* Removes the first n bytes (n <= len), keeping spans consistent. */
void text_remove_prefix(struct text *t, size_t n);
/* Appends all of src to dst, styles ORed with extra. */
void text_append_text(struct text *dst, const struct text *src, unsigned extra);

#endif
