/* render: the look of a paper on screen and in --dump (see render.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "render.h"
#include "urls.h"
#include "strbuf.h"
#include "util.h"

#define BODY_INDENT 2
#define NEST_INDENT 2
/* Columns a hanging indent must leave to the text (see render_block). */
#define HANG_MIN 20

static void blank_line(struct layout_lines *out)
{
	ALLOC_GROW(out->v, out->n, out->cap);
	struct layout_line *l = &out->v[out->n++];
	memset(l, 0, sizeof(*l));
	l->s = xstrdup("");
}

/* Wraps `t` with the given indents, appending to out. */
static void wrap(const struct text *t, const struct layout_opts *base, int first,
		 int rest, struct layout_lines *out)
{
	struct layout_opts o = *base;
	o.first_indent = first;
	o.rest_indent = rest;
	layout_wrap(t, &o, out);
}

/* A code line too long for the view goes on under this mark, so that the
 * rest does not look like a line of its own (U+21AA: one column whatever
 * the ambiguous width). */
#define CODE_CONT_MARK "\xe2\x86\xaa "
#define CODE_CONT_WIDTH 2

/* Puts the mark before a continuation line, in its indent. */
static void mark_continuation(struct layout_line *l)
{
	size_t ml = strlen(CODE_CONT_MARK);
	char *s = xmalloc(ml + l->len + 1);
	memcpy(s, CODE_CONT_MARK, ml);
	memcpy(s + ml, l->s, l->len + 1);
	/* The runs move out of the old text's allocation, one place on. */
	struct layout_run *runs = xmalloc((l->nruns + 1) * sizeof(*runs));
	if (l->nruns)
		memcpy(runs + 1, l->runs, l->nruns * sizeof(*runs));
	if (!l->runs_in_s)
		free(l->runs);
	free(l->s);
	l->s = s;
	l->runs = runs;
	l->runs_in_s = 0;
	l->len += ml;
	l->indent -= CODE_CONT_WIDTH;
	l->width += CODE_CONT_WIDTH;
	for (size_t i = 1; i <= l->nruns; i++)
		l->runs[i].start += ml;
	l->runs[0] = (struct layout_run){ 0, ml, CODE_CONT_WIDTH, STYLE_DIM };
	l->nruns++;
}

/* A code block line by line: each keeps its own lines, a wrapped one
 * continuing under the mark. */
static void render_code(const struct text *t, const struct layout_opts *o,
			int indent, struct layout_lines *out)
{
	size_t at = 0;
	while (at <= t->len) {
		const char *nl = t->s ? memchr(t->s + at, '\n', t->len - at) : NULL;
		size_t end = nl ? (size_t)(nl - t->s) : t->len;
		struct text line;
		text_init(&line);
		/* The spans of this line, styles kept. */
		for (size_t i = 0; i < t->nspans; i++) {
			size_t a = t->spans[i].start, e = a + t->spans[i].len;
			if (a < at)
				a = at;
			if (e > end)
				e = end;
			if (a < e)
				text_append(&line, t->s + a, e - a, t->spans[i].style);
		}
		size_t first = out->n;
		/* The mark needs room: none below a few columns. */
		int mark = o->width - indent > 2 * CODE_CONT_WIDTH;
		if (line.len)
			wrap(&line, o, indent, indent + (mark ? CODE_CONT_WIDTH : 0), out);
		else
			blank_line(out);
		for (size_t i = first + 1; mark && i < out->n; i++)
			if (out->v[i].indent >= CODE_CONT_WIDTH)
				mark_continuation(&out->v[i]);
		text_free(&line);
		if (!nl)
			break;
		at = end + 1;
	}
}

static void render_block(const struct block *b, const struct layout_opts *o,
			 struct layout_lines *out)
{
	int indent = BODY_INDENT + b->depth * NEST_INDENT;
	struct text t;
	text_init(&t);
	int hang = indent;
	switch (b->kind) {
	case BLOCK_BULLET: {
		char marker[24];
		if (b->ordinal)
			snprintf(marker, sizeof(marker), "%d. ", b->ordinal);
		else
			snprintf(marker, sizeof(marker), "- ");
		text_append_str(&t, marker, STYLE_PLAIN);
		if (b->label) {
			text_append_str(&t, b->label, STYLE_LABEL);
			text_append_str(&t, ": ", STYLE_LABEL);
		}
		/* Continuation lines start under the text after "- Goal: ",
		 * unless that leaves them less than HANG_MIN columns or half
		 * the line: then under the label, as w3m's small hang does,
		 * rather than a syllable a line. */
		hang = indent + layout_width(t.s, t.len, o->ambiguous_width);
		if (o->width - hang < HANG_MIN || 2 * (o->width - hang) < o->width)
			hang = indent + layout_width(marker, strlen(marker),
						     o->ambiguous_width);
		break;
	}
	case BLOCK_QUOTE:
		text_append_str(&t, "| ", STYLE_DIM);
		hang = indent + 2;
		break;
	case BLOCK_CODE:
		render_code(&b->text, o, indent + 2, out);
		text_free(&t);
		return;
	case BLOCK_PARAGRAPH:
		/* Nothing goes before it: wrapped as it is, not copied. */
		wrap(&b->text, o, indent, hang, out);
		text_free(&t);
		return;
	}
	text_append_text(&t, &b->text, 0);
	/* Labels alone would hang past the line at tiny widths: the engine
	 * clamps indents, so any hang is safe here. */
	wrap(&t, o, indent, hang, out);
	text_free(&t);
}

static void render_blocks(const struct block *b, size_t n,
			  const struct layout_opts *o, struct layout_lines *out)
{
	for (size_t i = 0; i < n; i++) {
		/* Bullets of one list sit together; other blocks get air. */
		if (i > 0 && !(b[i].kind == BLOCK_BULLET && b[i - 1].kind == BLOCK_BULLET) &&
		    !(b[i].kind == BLOCK_QUOTE && b[i - 1].kind == BLOCK_QUOTE))
			blank_line(out);
		render_block(&b[i], o, out);
	}
}

static void render_links(const struct paper *p, const struct layout_opts *o,
			 struct layout_lines *out)
{
	struct text t;
	if (p->arxiv_id || p->url) {
		text_init(&t);
		if (p->arxiv_id) {
			text_append_str(&t, "arXiv ", STYLE_LABEL);
			text_append_str(&t, p->arxiv_id, STYLE_PLAIN);
			if (p->url)
				text_append_str(&t, "  ", STYLE_PLAIN);
		}
		if (p->url)
			text_append_str(&t, p->url, STYLE_DIM | STYLE_LINK);
		wrap(&t, o, 0, 2, out);
		text_free(&t);
	}
	for (size_t i = 0; i < p->nlinks; i++) {
		text_init(&t);
		text_append_str(&t, p->links[i].label, STYLE_LABEL);
		text_append_str(&t, "  ", STYLE_PLAIN);
		text_append_str(&t, p->links[i].url, STYLE_DIM | STYLE_LINK);
		wrap(&t, o, 0, 2, out);
		text_free(&t);
	}
}

void render_paper(const struct paper *p, const struct layout_opts *o,
		  struct rendered_paper *out)
{
	memset(out, 0, sizeof(*out));
	layout_lines_init(&out->lines);

	struct text t;
	text_init(&t);
	char num[24];
	snprintf(num, sizeof(num), "%d. ", p->number);
	text_append_str(&t, num, STYLE_TITLE);
	int hang = layout_width(num, strlen(num), o->ambiguous_width);
	text_append_text(&t, &p->title, STYLE_TITLE);
	wrap(&t, o, 0, hang, &out->lines);
	text_free(&t);
	out->title_lines = out->lines.n;

	render_links(p, o, &out->lines);
	if (p->npreamble) {
		blank_line(&out->lines);
		render_blocks(p->preamble, p->npreamble, o, &out->lines);
	}

	for (size_t i = 0; i < p->nsections; i++)
		render_section_into(&p->sections[i], section_canonical(p->sections[i].name), o,
				    out);
}

void render_begin_section(struct rendered_paper *r, const char *name, int canonical,
			  const struct layout_opts *o)
{
	blank_line(&r->lines);
	r->section_line = xrealloc(r->section_line, (r->nsections + 1) * sizeof(*r->section_line));
	r->section_canonical = xrealloc(r->section_canonical,
					(r->nsections + 1) * sizeof(*r->section_canonical));
	r->section_line[r->nsections] = r->lines.n;
	r->section_canonical[r->nsections++] = canonical;
	struct text t;
	text_init(&t);
	text_append_str(&t, *name ? name : "(untitled)", STYLE_HEADING);
	wrap(&t, o, 0, 0, &r->lines);
	text_free(&t);
}

void render_section_into(const struct section *s, int canonical, const struct layout_opts *o,
			 struct rendered_paper *r)
{
	render_begin_section(r, s->name ? s->name : "", canonical, o);
	render_blocks(s->blocks, s->nblocks, o, &r->lines);
}

void rendered_paper_free(struct rendered_paper *r)
{
	layout_lines_free(&r->lines);
	free(r->section_line);
	free(r->section_canonical);
	memset(r, 0, sizeof(*r));
}

void rendered_paper_insert(struct rendered_paper *r, size_t at, struct layout_lines *more)
{
	if (at > r->lines.n)
		at = r->lines.n;
	if (more->n) {
		ALLOC_GROW(r->lines.v, r->lines.n + more->n, r->lines.cap);
		memmove(&r->lines.v[at + more->n], &r->lines.v[at],
			(r->lines.n - at) * sizeof(r->lines.v[0]));
		memcpy(&r->lines.v[at], more->v, more->n * sizeof(more->v[0]));
		r->lines.n += more->n;
		for (size_t i = 0; i < r->nsections; i++)
			if (r->section_line[i] >= at)
				r->section_line[i] += more->n;
		if (r->title_lines > at)
			r->title_lines += more->n;
	}
	free(more->v); /* the lines themselves now belong to r */
	layout_lines_init(more);
}

void render_digest_header(const struct digest *d, const struct layout_opts *o,
			  struct layout_lines *out)
{
	struct text t;
	text_init(&t);
	text_append_str(&t, d->title ? d->title : d->path, STYLE_TITLE);
	wrap(&t, o, 0, 0, out);
	text_free(&t);

	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s · %zu paper%s", d->date ? d->date : "undated",
		    d->npapers, d->npapers == 1 ? "" : "s");
	for (size_t i = 0; i < d->ntags; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : " · ", d->tags[i]);
	text_init(&t);
	text_append(&t, sb.buf, sb.len, STYLE_DIM);
	wrap(&t, o, 0, 0, out);
	text_free(&t);
	strbuf_release(&sb);
}

const char *render_label(enum render_labels labels, const char *msgid)
{
	return labels == RENDER_LABELS_LOCALE ? _(msgid) : msgid;
}

const char *render_nlabel(enum render_labels labels, const char *msgid, const char *plural,
			  unsigned long n)
{
	if (labels == RENDER_LABELS_LOCALE)
		return ngettext(msgid, plural, n);
	return n == 1 ? msgid : plural;
}

void render_line_plain(const struct layout_line *line, struct strbuf *sb)
{
	static const char blanks[] = "                                ";
	/* Whole runs of blanks: --dump writes an indent on most lines. */
	for (int n = line->indent; n > 0; n -= (int)sizeof(blanks) - 1)
		strbuf_add(sb, blanks, n < (int)sizeof(blanks) - 1 ? (size_t)n
								 : sizeof(blanks) - 1);
	strbuf_add(sb, line->s, line->len);
	strbuf_addch(sb, '\n');
}

char *render_reference_url(const struct paper *p, const char *number, const char **why)
{
	if (why)
		*why = NULL;
	size_t n = strspn(number, "0123456789");
	if (!n || number[n] || n > 9)
		return NULL;
	char label[16];
	snprintf(label, sizeof(label), "[%s]", number + strspn(number, "0"));
	for (size_t i = 0; i < p->nlinks; i++)
		if (p->links[i].label && !strcmp(p->links[i].label, label))
			return url_normalize(p->links[i].url, why);
	return NULL;
}
