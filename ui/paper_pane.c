/* paper_pane: the selected paper rendered to lines (render.c through the
 * layout engine) with its paper facts (facts_render.h) when known, in the
 * for-me order why it is there (forme_ui.h) under its title, and its note
 * (notes.h: the Notes section) when it has one, scrolled
 * by line, page and section. The configuration and the key names call this
 * pane "view" (bind ... view, focus-view), so its ops->name stays "view". */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "facts_render.h"
#include "facts_ui.h"
#include "forme_ui.h"
#include "i18n.h"
#include "listing.h"
#include "notes.h"
#include "render.h"
#include "strbuf.h"
#include "util.h"

/* The text starts one column in from the border. */
#define PAPER_MARGIN 1

struct paper_state {
	struct rendered_paper r;
	int valid;
	const struct paper *paper; /* what r shows */
	int width;                 /* what r was laid out for */
	size_t top;                /* first line shown */
	int reloaded;              /* the paper is the same one, reloaded */
	unsigned archive_gen;      /* the archive r was rendered from */
	unsigned facts_gen;        /* the facts store r was rendered from */
	unsigned forme_gen;        /* the for-me state its why line is of */
	enum config_sort sort;     /* the order it was rendered in */
	unsigned notes_gen;        /* the notes r was rendered from */
	int all_authors;           /* every author, not "et al." */
};

/* The measure: the pane's width, at most text-width columns (0: no cap),
 * the text left-aligned as less and man set it, the rest of a wide pane
 * blank: long lines of Hangul are hard to follow across a wide terminal. */
static int text_width(const struct pane *p, const struct app *a)
{
	int w = p->w - PAPER_MARGIN;
	if (a->cfg->text_width > 0 && w > a->cfg->text_width)
		w = a->cfg->text_width;
	return w > 0 ? w : 0;
}

static size_t line_count(const struct paper_state *s)
{
	return s->valid ? s->r.lines.n : 0;
}

/* In the aggregate listings the first row says which days the paper was in. */
static int dates_row(const struct pane *p, const struct app *a)
{
	return a->listing != LISTING_DIGEST && app_paper(a) && p->h > 1;
}

/* The rows the paper's lines are drawn on: below the dates row, if any. */
static size_t text_rows(const struct pane *p, const struct app *a)
{
	return p->h > 0 ? (size_t)(p->h - dates_row(p, a)) : 1;
}

/* Ordinary scrolling stops with the last line at the bottom; section jumps
 * may go further so the heading is at the top. */
static size_t max_top(const struct pane *p, const struct app *a,
		      const struct paper_state *s)
{
	size_t n = line_count(s), h = text_rows(p, a);
	return n > h ? n - h : 0;
}

/* Lines of context kept above a match the pane scrolls to. */
#define MATCH_CONTEXT 2

/* A search result opens where the query matches when that is below the
 * first screen, as less does: the reader sees why the paper was found. */
static void show_first_match(struct pane *p, struct app *a)
{
	struct paper_state *s = p->state;
	size_t rows = text_rows(p, a), start, len;
	for (size_t i = 0; i < s->r.lines.n; i++) {
		const struct layout_line *l = &s->r.lines.v[i];
		if (!search_find(&a->query, l->s, l->len, 0, &start, &len))
			continue;
		if (i >= rows) {
			size_t top = i > MATCH_CONTEXT ? i - MATCH_CONTEXT : 0,
			       limit = max_top(p, a, s);
			s->top = top < limit ? top : limit;
		}
		return;
	}
}

/* In the for-me order, one line under the title says why the paper is
 * where it is ("for you: 로봇 조작, manipulation, VLA"), cut to the width. */
static void add_why_line(struct app *a, const struct layout_opts *o, struct rendered_paper *r)
{
	/* The paper as shown spells its Latin terms (VLA, not vla). */
	struct strbuf shown = STRBUF_INIT, why = STRBUF_INIT, clean = STRBUF_INIT;
	for (size_t i = 0; i < r->lines.n; i++) {
		strbuf_add(&shown, r->lines.v[i].s, r->lines.v[i].len);
		strbuf_addch(&shown, '\n');
	}
	if (forme_ui_why(a, app_item(a), shown.buf, &why) == 0) {
		layout_sanitize(why.buf, why.len, &clean);
		struct layout_lines more;
		layout_lines_init(&more);
		ALLOC_GROW(more.v, 1, more.cap);
		layout_fit_str(clean.buf, STYLE_DIM, o->width, o->ambiguous_width, &more.v[0]);
		more.n = 1;
		rendered_paper_insert(r, r->title_lines, &more);
	}
	strbuf_release(&shown);
	strbuf_release(&why);
	strbuf_release(&clean);
}

/* Lays the paper out again when the paper or the width changed. */
static void paper_update(struct pane *p, struct app *a)
{
	struct paper_state *s = p->state;
	const struct paper *paper = app_paper(a);
	int w = text_width(p, a);
	if (s->archive_gen != a->archive_gen || s->facts_gen != a->facts_gen ||
	    s->forme_gen != forme_ui_gen(a) || s->sort != a->sort ||
	    s->notes_gen != a->notes_gen) {
		/* The archive was reloaded, facts arrived, the why line changed
		 * or a note: lay out anew, keeping the scroll position when the
		 * same paper is shown. */
		s->archive_gen = a->archive_gen;
		s->facts_gen = a->facts_gen;
		s->forme_gen = forme_ui_gen(a);
		s->sort = a->sort;
		s->notes_gen = a->notes_gen;
		if (s->valid)
			rendered_paper_free(&s->r);
		s->valid = 0;
		s->reloaded = 1;
	}
	if (s->valid && s->paper == paper && s->width == w)
		return;
	int shown_anew = s->paper != paper && !s->reloaded;
	if (shown_anew) {
		s->top = 0;
		s->all_authors = 0;
	}
	s->reloaded = 0;
	if (s->valid)
		rendered_paper_free(&s->r);
	s->valid = 0;
	s->paper = paper;
	s->width = w;
	if (!paper || w <= 0)
		return;
	struct layout_opts o = a->lo;
	o.width = w;
	render_paper(paper, &o, &s->r);
	const struct paper_facts *f = facts_ui_paper(a, paper);
	if (f)
		facts_render_labelled(f, &o, s->all_authors, RENDER_LABELS_LOCALE, &s->r);
	if (a->sort == CONFIG_SORT_FOR_ME)
		add_why_line(a, &o, &s->r);
	const char *note = notes_lookup(a->notes, app_key(a, app_item(a)));
	if (note)
		notes_render_into(note, &o, &s->r);
	s->valid = 1;
	if (shown_anew && a->listing == LISTING_SEARCH && a->has_query)
		show_first_match(p, a);
}

static void scroll_by(struct pane *p, const struct app *a, long delta)
{
	struct paper_state *s = p->state;
	size_t limit = max_top(p, a, s);
	if (delta < 0) {
		s->top = (size_t)-delta > s->top ? 0 : s->top - (size_t)-delta;
	} else if (s->top < limit) {
		s->top += (size_t)delta;
		if (s->top > limit)
			s->top = limit;
	}
}

static void paper_draw(struct pane *p, struct app *a)
{
	struct paper_state *s = p->state;
	paper_update(p, a);
	const struct search_query *q = a->has_query ? &a->query : NULL;
	size_t n = line_count(s);
	if (s->top >= n && n)
		s->top = n - 1;
	int first = 0;
	if (dates_row(p, a)) {
		struct strbuf list = STRBUF_INIT, dates = STRBUF_INIT;
		listing_dates(a, app_item(a), &list);
		/* TRANSLATORS: %s is the dates, comma-separated, of the
		 * digests the paper appeared in. */
		strbuf_addf(&dates, _("in the digests of %s"), list.buf);
		strbuf_release(&list);
		draw_line(p->y, p->x, PAPER_MARGIN < p->w ? PAPER_MARGIN : p->w, NULL, NULL, 0);
		draw_text(p->y, p->x + PAPER_MARGIN, text_width(p, a), dates.buf, STYLE_DIM,
			  a->lo.ambiguous_width);
		strbuf_release(&dates);
		first = 1;
	}
	for (int row = first; row < p->h; row++) {
		size_t i = s->top + (size_t)(row - first);
		if (p->w > 0)
			draw_line(p->y + row, p->x, PAPER_MARGIN < p->w ? PAPER_MARGIN : p->w,
				  NULL, NULL, 0);
		draw_line(p->y + row, p->x + PAPER_MARGIN, text_width(p, a),
			  i < n ? &s->r.lines.v[i] : NULL, q, 0);
	}
}

static ui_result jump_section(struct pane *p, struct app *a, int canonical, int dir)
{
	struct paper_state *s = p->state;
	paper_update(p, a);
	if (!s->valid)
		return UI_HANDLED;
	const struct rendered_paper *r = &s->r;
	if (canonical) {
		for (size_t i = 0; i < r->nsections; i++)
			if (r->section_canonical[i] == canonical) {
				s->top = r->section_line[i];
				return UI_HANDLED;
			}
		if (canonical == NOTES_SECTION)
			app_message(a, _("this paper has no note (:note writes one)"));
		else
			/* TRANSLATORS: %s is a section's heading as the posts
			 * write it (Method, Results, Abstract…), in English. */
			app_message(a, _("this paper has no %s section"),
				    canonical == FACTS_SECTION_ABSTRACT
					    ? "Abstract"
					    : section_canonical_name(canonical));
		return UI_HANDLED;
	}
	if (dir > 0) {
		for (size_t i = 0; i < r->nsections; i++)
			if (r->section_line[i] > s->top) {
				s->top = r->section_line[i];
				return UI_HANDLED;
			}
	} else {
		for (size_t i = r->nsections; i-- > 0;)
			if (r->section_line[i] < s->top) {
				s->top = r->section_line[i];
				return UI_HANDLED;
			}
		s->top = 0;
	}
	return UI_HANDLED;
}

/* "et al. (N)" or every author: laid out again at the same place. */
static ui_result toggle_authors(struct pane *p, struct app *a)
{
	struct paper_state *s = p->state;
	const struct paper_facts *f = facts_ui_paper(a, app_paper(a));
	if (!f || !f->nauthors) {
		app_message(a, _("no authors are known for this paper"));
		return UI_HANDLED;
	}
	s->all_authors = !s->all_authors;
	if (s->valid)
		rendered_paper_free(&s->r);
	s->valid = 0;
	s->reloaded = 1;
	paper_update(p, a);
	unsigned long n = (unsigned long)f->nauthors;
	if (s->all_authors)
		app_message(a, ngettext("all %lu author", "all %lu authors", n), n);
	else
		app_message(a, ngettext("the first authors of %lu", "the first authors of %lu", n),
			    n);
	return UI_HANDLED;
}

static ui_result paper_action(struct pane *p, struct app *a, enum action act)
{
	struct paper_state *s = p->state;
	long page = p->h > 1 ? p->h - 1 : 1;
	paper_update(p, a);
	switch (act) {
	case ACTION_MOVE_DOWN:
		scroll_by(p, a, 1);
		return UI_HANDLED;
	case ACTION_MOVE_UP:
		scroll_by(p, a, -1);
		return UI_HANDLED;
	case ACTION_PAGE_DOWN:
		scroll_by(p, a, page);
		return UI_HANDLED;
	case ACTION_PAGE_UP:
		scroll_by(p, a, -page);
		return UI_HANDLED;
	case ACTION_HALF_DOWN:
		scroll_by(p, a, (p->h + 1) / 2);
		return UI_HANDLED;
	case ACTION_HALF_UP:
		scroll_by(p, a, -(long)((p->h + 1) / 2));
		return UI_HANDLED;
	case ACTION_MOVE_FIRST:
		s->top = 0;
		return UI_HANDLED;
	case ACTION_MOVE_LAST:
		s->top = max_top(p, a, s);
		return UI_HANDLED;
	case ACTION_SECTION_NEXT:
		return jump_section(p, a, 0, 1);
	case ACTION_SECTION_PREV:
		return jump_section(p, a, 0, -1);
	case ACTION_SECTION_1:
	case ACTION_SECTION_2:
	case ACTION_SECTION_3:
	case ACTION_SECTION_4:
	case ACTION_SECTION_5:
		return jump_section(p, a, act - ACTION_SECTION_1 + 1, 0);
	case ACTION_SECTION_6:
		return jump_section(p, a, FACTS_SECTION_ABSTRACT, 0);
	case ACTION_SECTION_7:
		return jump_section(p, a, NOTES_SECTION, 0);
	case ACTION_ALL_AUTHORS:
		return toggle_authors(p, a);
	default:
		return 0;
	}
}

/* n/N in the paper pane: the next line holding a match becomes the top line. */
static int line_matches(struct app *a, const void *state, size_t i)
{
	const struct layout_line *l = &((const struct paper_state *)state)->r.lines.v[i];
	size_t start, len;
	return search_find(&a->query, l->s, l->len, 0, &start, &len);
}

static int paper_search(struct pane *p, struct app *a, int dir, size_t from)
{
	struct paper_state *s = p->state;
	paper_update(p, a);
	size_t i = app_search_around(a, line_count(s), from, dir, line_matches, s);
	if (i == (size_t)-1)
		return 0;
	s->top = i;
	return 1;
}

static size_t paper_position(struct pane *p, struct app *a)
{
	struct paper_state *s = p->state;
	return s->top;
}

static ui_result paper_click(struct pane *p, struct app *a, int row, int col)
{
	a->focus = p;
	return UI_HANDLED;
}

static void paper_destroy(struct pane *p)
{
	struct paper_state *s = p->state;
	if (s->valid)
		rendered_paper_free(&s->r);
}

const struct pane_ops paper_pane_ops = {
	.state_size = sizeof(struct paper_state),
	.name = "view",
	.draw = paper_draw,
	.action = paper_action,
	.click = paper_click,
	.search = paper_search,
	.position = paper_position,
	.destroy = paper_destroy,
};
