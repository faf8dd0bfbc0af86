/* facts_render: paper facts as display lines (see facts_render.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "facts_render.h"
#include "strbuf.h"
#include "text.h"
#include "util.h"

static void authors_line(const struct paper_facts *f, int all_authors,
			 enum render_labels labels, struct strbuf *out)
{
	size_t n = f->nauthors;
	size_t shown = !all_authors && n > FACTS_AUTHORS_BRIEF ? FACTS_AUTHORS_SHOWN : n;
	struct strbuf names = STRBUF_INIT;
	/* All but the last of every name; the last is joined with "and". */
	size_t joined = shown == n && n > 1 ? n - 1 : shown;
	for (size_t i = 0; i < joined; i++) {
		if (i)
			strbuf_addstr(&names, ", ");
		strbuf_addstr(&names, f->authors[i]);
	}
	if (joined < shown)
		/* TRANSLATORS: the authors' names but the last, then the last. */
		strbuf_addf(out, render_label(labels, "%s and %s"), names.buf,
			    f->authors[joined]);
	else if (shown < n)
		/* TRANSLATORS: the first authors' names, then how many there
		 * are in all. */
		strbuf_addf(out, render_nlabel(labels, "%s et al. (%lu)", "%s et al. (%lu)",
					       (unsigned long)n),
			    names.buf, (unsigned long)n);
	else
		strbuf_add(out, names.buf, names.len);
	strbuf_release(&names);
}

void facts_authors_line(const struct paper_facts *f, int all_authors, struct strbuf *out)
{
	authors_line(f, all_authors, RENDER_LABELS_ENGLISH, out);
}

/* Appends s, sanitized and in NFC as the post's own text is (facts.c
 * already dropped controls; this is the layout engine's own rule). */
static void append_clean(struct text *t, const char *s, unsigned style)
{
	struct strbuf sb = STRBUF_INIT;
	layout_sanitize(s, strlen(s), &sb);
	text_append(t, sb.buf, sb.len, style);
	strbuf_release(&sb);
}

/* "Label  value" wrapped with a hanging indent of 2, as the link lines are. */
static void labelled(const char *label, const char *value, unsigned style,
		     const struct layout_opts *base, struct layout_lines *out)
{
	struct text t;
	text_init(&t);
	text_append_str(&t, label, STYLE_LABEL);
	text_append_str(&t, "  ", STYLE_PLAIN);
	append_clean(&t, value, style);
	struct layout_opts o = *base;
	o.first_indent = 0;
	o.rest_indent = 2;
	layout_wrap(&t, &o, out);
	text_free(&t);
}

static void head_lines(const struct paper_facts *f, const struct layout_opts *o,
		       int all_authors, enum render_labels labels, struct layout_lines *out)
{
	struct strbuf sb = STRBUF_INIT;
	if (f->nauthors) {
		authors_line(f, all_authors, labels, &sb);
		labelled(render_nlabel(labels, "Author", "Authors", (unsigned long)f->nauthors),
			 sb.buf, STYLE_PLAIN, o, out);
	}
	/* cs.CL · first version 2025-09-28 · 42 upvotes */
	strbuf_reset(&sb);
	if (f->primary_category)
		strbuf_addstr(&sb, f->primary_category);
	if (f->published) {
		strbuf_addstr(&sb, sb.len ? " · " : "");
		/* TRANSLATORS: %s is the date of the paper's first arXiv
		 * version. */
		strbuf_addf(&sb, render_label(labels, "first version %s"), f->published);
	}
	if (f->upvotes >= 0) {
		strbuf_addstr(&sb, sb.len ? " · " : "");
		/* TRANSLATORS: the paper's upvotes on Hugging Face. */
		strbuf_addf(&sb, render_nlabel(labels, "%lu upvote", "%lu upvotes",
					       (unsigned long)f->upvotes),
			    (unsigned long)f->upvotes);
	}
	if (sb.len) {
		struct text t;
		text_init(&t);
		append_clean(&t, sb.buf, STYLE_DIM);
		struct layout_opts lo = *o;
		lo.first_indent = 0;
		lo.rest_indent = 2;
		layout_wrap(&t, &lo, out);
		text_free(&t);
	}
	if (f->comment)
		/* TRANSLATORS: the label of arXiv's comments (pages, venue). */
		labelled(render_label(labels, "Comment"), f->comment, STYLE_PLAIN, o, out);
	if (f->code_url)
		labelled(render_label(labels, "Code"), f->code_url, STYLE_DIM | STYLE_LINK, o,
			 out);
	strbuf_release(&sb);
}

void facts_render_labelled(const struct paper_facts *f, const struct layout_opts *o,
			   int all_authors, enum render_labels labels, struct rendered_paper *r)
{
	if (!f || f->missing)
		return;
	struct layout_lines head;
	layout_lines_init(&head);
	head_lines(f, o, all_authors, labels, &head);
	/* render_paper writes the title and the links, then a blank line
	 * before anything else: the facts go just before that line. */
	size_t at = 0;
	while (at < r->lines.n && r->lines.v[at].len)
		at++;
	rendered_paper_insert(r, at, &head);

	if (f->abstract) {
		render_begin_section(r, "Abstract", FACTS_SECTION_ABSTRACT, o);
		struct text t;
		text_init(&t);
		append_clean(&t, f->abstract, STYLE_PLAIN);
		struct layout_opts lo = *o;
		lo.first_indent = lo.rest_indent = 2;
		layout_wrap(&t, &lo, &r->lines);
		text_free(&t);
	}
}

void facts_render_into(const struct paper_facts *f, const struct layout_opts *o,
		       int all_authors, struct rendered_paper *r)
{
	facts_render_labelled(f, o, all_authors, RENDER_LABELS_ENGLISH, r);
}
