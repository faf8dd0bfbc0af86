/* render: turns a paper of the model into display lines through the layout
 * engine — the section view's content and what --dump prints. It decides the
 * look (title, links, headings, labels, bullets, indents) and records where each
 * section starts so the view can jump to it. No curses, no I/O. */
#ifndef DIGEST_RENDER_H
#define DIGEST_RENDER_H

#include <stddef.h>

#include "layout.h"
#include "model.h"

/* The language of the words render and facts_render add of their own (the
 * facts' labels: Authors, first version, upvotes…). --dump's stay English
 * whatever the locale (src/i18n.h); only the reader asks for the locale's. */
enum render_labels {
	RENDER_LABELS_ENGLISH,  /* as written: --dump */
	RENDER_LABELS_LOCALE,   /* translated, as the reader's messages are */
};

/* msgid (marked with N_()) in the language labels says. */
const char *render_label(enum render_labels labels, const char *msgid)
	__attribute__((format_arg(2)));
/* ngettext's choice of msgid or plural for n, in that language. */
const char *render_nlabel(enum render_labels labels, const char *msgid, const char *plural,
			  unsigned long n) __attribute__((format_arg(2), format_arg(3)));

struct rendered_paper {
	struct layout_lines lines;
	size_t title_lines;     /* the title's lines, which come first */
	size_t *section_line;   /* first line of each section, in order */
	int *section_canonical; /* section_canonical() of each section */
	size_t nsections;
};

/* Lays out the paper for o->width columns (o's indents are ignored). */
void render_paper(const struct paper *p, const struct layout_opts *o,
		  struct rendered_paper *out);
void rendered_paper_free(struct rendered_paper *r);
/* Moves the lines of more into r before its line at (r->lines.n: at the
 * end), the section lines after them moved to match; more is left empty.
 * (The paper facts, and the reader's for-me line under the title.) */
void rendered_paper_insert(struct rendered_paper *r, size_t at, struct layout_lines *more);

/* Starts a section at the end of r: a blank line, then its heading (name),
 * its first line recorded with canonical (section_canonical's number, or
 * another's: facts_render.h's Abstract, notes.h's Notes). */
void render_begin_section(struct rendered_paper *r, const char *name, int canonical,
			  const struct layout_opts *o);
/* Adds section s at the end of r, laid out as render_paper lays out a
 * paper's sections (o's indents are ignored). */
void render_section_into(const struct section *s, int canonical, const struct layout_opts *o,
			 struct rendered_paper *r);

/* The URL of the link listed under the paper as "[number]" (a link inside
 * its text: number is what the user typed, digits only), normalised for a
 * browser (url_normalize); NULL when there is no such link, or its URL is
 * refused (*why says why, when why is not NULL). Free it. */
char *render_reference_url(const struct paper *p, const char *number, const char **why);

/* The digest's header lines (title, date, paper count) for --dump. */
void render_digest_header(const struct digest *d, const struct layout_opts *o,
			  struct layout_lines *out);

/* Appends one line's text (indent as spaces, no styles) to sb, and a newline. */
void render_line_plain(const struct layout_line *line, struct strbuf *sb);

#endif
