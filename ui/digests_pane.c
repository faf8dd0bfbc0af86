/* digests_pane: the digests overview — every digest, newest first, one row
 * each (the selection, the new marker, date, title cut to the width, papers,
 * unread papers, the top Hugging Face upvotes where known), in the body's
 * place, as mutt's mailbox list or newsboat's feed list; Enter opens the
 * selected digest at its first unread paper, q, Esc or i return. Its rows
 * are its own listing: the digests [ and ] stop at (listing.c says which). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "overlay.h"
#include "draw.h"
#include "facts_ui.h"
#include "i18n.h"
#include "listing.h"
#include "news.h"
#include "strbuf.h"
#include "util.h"

struct digests_state {
	size_t *rows;          /* digest indexes, newest first */
	size_t n, cap;
	size_t selected, top;  /* into rows */
	unsigned opened;       /* the a->digests_opened the rows were set up for */
	unsigned archive_gen;  /* the archive the rows index */
};

/* The row of digest d, or (size_t)-1. */
static size_t row_of(const struct digests_state *s, size_t d)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->rows[i] == d)
			return i;
	return (size_t)-1;
}

/* The digest the reader is on: the Digest listing's, else the selected
 * paper's. */
static size_t current_digest(const struct app *a)
{
	if (a->listing != LISTING_DIGEST && app_item(a))
		return app_item(a)->digest;
	return a->digest;
}

/* The rows, built again for a new opening or a reloaded archive: the
 * selection on the current digest (a new opening) or on the date it was on. */
static void digests_sync(struct pane *p, struct app *a)
{
	struct digests_state *s = p->state;
	int fresh = s->opened != a->digests_opened;
	if (!fresh && s->archive_gen == a->archive_gen && s->n)
		return;
	char *date = NULL;
	if (!fresh && s->selected < s->n && a->archive->v[s->rows[s->selected]].date)
		date = xstrdup(a->archive->v[s->rows[s->selected]].date);
	s->n = 0;
	for (size_t d = a->archive->n; d-- > 0;)
		if (listing_digest_listed(a, d)) {
			ALLOC_GROW(s->rows, s->n, s->cap);
			s->rows[s->n++] = d;
		}
	size_t sel = fresh ? row_of(s, current_digest(a)) : (size_t)-1;
	for (size_t i = 0; date && i < s->n && sel == (size_t)-1; i++)
		if (a->archive->v[s->rows[i]].date && !strcmp(a->archive->v[s->rows[i]].date, date))
			sel = i;
	s->selected = sel != (size_t)-1 ? sel : 0;
	if (fresh)
		s->top = 0;
	s->opened = a->digests_opened;
	s->archive_gen = a->archive_gen;
	free(date);
}

/* The rows below the column headings. */
static size_t visible_rows(const struct pane *p)
{
	return p->h > 1 ? (size_t)(p->h - 1) : 1;
}

static void scroll_to_selection(struct pane *p)
{
	struct digests_state *s = p->state;
	size_t vis = visible_rows(p);
	if (s->selected < s->top)
		s->top = s->selected;
	else if (s->selected >= s->top + vis)
		s->top = s->selected - vis + 1;
	if (s->n <= vis)
		s->top = 0;
}

/* The column headings, in the reader's language, and the widths of the
 * columns in display columns: a heading is as wide as it reads (a Hangul
 * syllable takes two), the numbers are ASCII. */
struct columns {
	const char *date_h, *title_h, *papers_h, *unread_h, *top_h, *undated;
	int date, papers, unread, top, title;
};

static int digits(long n)
{
	int w = 1;
	for (; n >= 10; n /= 10)
		w++;
	return w;
}

static int max_int(int x, int y)
{
	return x > y ? x : y;
}

static int str_width(const char *s, const struct app *a)
{
	return layout_width(s, strlen(s), a->lo.ambiguous_width);
}

/* The most upvotes any paper of digest d has, or -1 when none is known. */
static int top_upvotes(struct app *a, size_t d)
{
	int top = -1;
	const struct digest *dg = &a->archive->v[d];
	for (size_t i = 0; i < dg->npapers; i++) {
		int u = facts_ui_upvotes(a, &dg->papers[i]);
		top = u > top ? u : top;
	}
	return top;
}

/* Appends s cut or padded to width columns. */
static void append_cell(struct text *t, const char *s, unsigned style, int width, int amb)
{
	struct layout_line cell;
	layout_fit_str(s, style, width, amb, &cell);
	text_append(t, cell.s, cell.len, style);
	layout_line_free(&cell);
}

/* "> N 2025-12-26  " then the title, cut to its column, then the numbers. */
static void add_row(struct text *t, struct app *a, size_t d, const struct columns *c, int sel)
{
	const struct digest *dg = &a->archive->v[d];
	size_t papers, unread;
	listing_digest_counts(a, d, &papers, &unread);
	char lead[8];
	snprintf(lead, sizeof(lead), "%c%c ", sel ? '>' : ' ', news_digest_is_new(a, d) ? 'N' : ' ');
	text_append_str(t, lead, STYLE_PLAIN);
	append_cell(t, dg->date ? dg->date : c->undated, STYLE_PLAIN, c->date,
		    a->lo.ambiguous_width);
	text_append_str(t, "  ", STYLE_PLAIN);
	if (c->title > 0)
		append_cell(t, dg->title ? dg->title : dg->path, unread ? STYLE_UNREAD : STYLE_PLAIN,
			    c->title, a->lo.ambiguous_width);
	int up = top_upvotes(a, d);
	char nums[64], top[16] = "-";
	if (up >= 0)
		snprintf(top, sizeof(top), "%d", up);
	snprintf(nums, sizeof(nums), "  %*zu %*zu %*s", c->papers, papers, c->unread, unread,
		 c->top, top);
	text_append_str(t, nums, STYLE_PLAIN);
}

static void columns_for(struct pane *p, struct app *a, struct columns *c)
{
	struct digests_state *s = p->state;
	/* TRANSLATORS: the headings of the :digests overview's columns: a
	 * digest's date, its title, how many papers it has, how many of them
	 * are unread, and the most Hugging Face upvotes one of them has (^
	 * marks upvotes, as in the list). The columns widen to fit them. */
	c->date_h = C_("digests column", "date");
	c->title_h = C_("digests column", "title");
	c->papers_h = C_("digests column", "papers");
	c->unread_h = C_("digests column", "unread");
	c->top_h = C_("digests column", "top^");
	c->undated = _("undated");
	size_t most = 0;
	for (size_t i = 0; i < s->n; i++)
		most = a->archive->v[s->rows[i]].npapers > most ? a->archive->v[s->rows[i]].npapers
								 : most;
	c->date = max_int(10, max_int(str_width(c->date_h, a), str_width(c->undated, a)));
	c->papers = max_int(digits((long)most), str_width(c->papers_h, a));
	c->unread = max_int(digits((long)most), str_width(c->unread_h, a));
	c->top = max_int(4, str_width(c->top_h, a));
	c->title = p->w - (3 + c->date + 2) - 2 - c->papers - 1 - c->unread - 1 - c->top;
}

/* Appends " " and s right-aligned in width columns. */
static void append_heading_right(struct text *t, const char *s, int width, const struct app *a)
{
	int pad = width - str_width(s, a);
	text_append_str(t, " ", STYLE_DIM);
	for (int i = 0; i < pad; i++)
		text_append_str(t, " ", STYLE_DIM);
	text_append_str(t, s, STYLE_DIM);
}

static void draw_headings(struct pane *p, struct app *a, const struct columns *c)
{
	struct text t;
	text_init(&t);
	text_append_str(&t, "   ", STYLE_DIM);
	append_cell(&t, c->date_h, STYLE_DIM, c->date + 2, a->lo.ambiguous_width);
	if (c->title > 0)
		append_cell(&t, c->title_h, STYLE_DIM, c->title + 1, a->lo.ambiguous_width);
	else
		text_append_str(&t, " ", STYLE_DIM);
	append_heading_right(&t, c->papers_h, c->papers, a);
	append_heading_right(&t, c->unread_h, c->unread, a);
	append_heading_right(&t, c->top_h, c->top, a);
	struct layout_line line;
	layout_fit(&t, p->w, a->lo.ambiguous_width, &line);
	draw_line(p->y, p->x, p->w, &line, NULL, 0);
	layout_line_free(&line);
	text_free(&t);
}

static void digests_draw(struct pane *p, struct app *a)
{
	struct digests_state *s = p->state;
	digests_sync(p, a);
	scroll_to_selection(p);
	struct columns c;
	columns_for(p, a, &c);
	draw_headings(p, a, &c);
	int row = 1;
	for (size_t i = s->top; i < s->n && row < p->h; i++, row++) {
		struct text t;
		text_init(&t);
		add_row(&t, a, s->rows[i], &c, i == s->selected);
		struct layout_line line;
		layout_fit(&t, p->w, a->lo.ambiguous_width, &line);
		draw_line(p->y + row, p->x, p->w, &line, NULL,
			  i == s->selected ? STYLE_SELECTED : 0);
		layout_line_free(&line);
		text_free(&t);
	}
	for (; row < p->h; row++)
		draw_line(p->y + row, p->x, p->w, NULL, NULL, 0);
	if (!s->n && p->h > 1 && p->w > 0) {
		struct strbuf none = STRBUF_INIT;
		strbuf_addf(&none, " %s", _("(no digests)"));
		draw_text(p->y + 1, p->x, p->w, none.buf, STYLE_DIM, a->lo.ambiguous_width);
		strbuf_release(&none);
	}
}

/* Enter: the selected digest, at its first unread paper. */
static ui_result open_selected(struct pane *p, struct app *a)
{
	struct digests_state *s = p->state;
	app_close_digests(a);
	if (s->selected < s->n)
		listing_show_digest(a, s->rows[s->selected]);
	return UI_HANDLED | UI_LAYOUT;
}

static ui_result digests_action(struct pane *p, struct app *a, enum action act)
{
	struct digests_state *s = p->state;
	size_t sel = s->selected;
	digests_sync(p, a);
	if (pane_move_selection(act, s->n, visible_rows(p), &sel)) {
		s->selected = sel;
		return UI_HANDLED;
	}
	switch (act) {
	case ACTION_OPEN_PAPER:
	case ACTION_FOCUS_PAPER:
		return open_selected(p, a);
	case ACTION_QUIT:
	case ACTION_DIGESTS:
	case ACTION_FOCUS_LIST:
		app_close_digests(a);
		return UI_HANDLED | UI_LAYOUT;
	case ACTION_HELP:
		overlay_open(a, &a->help, 0);
		return UI_HANDLED;
	default:
		return 0;
	}
}

static ui_result digests_click(struct pane *p, struct app *a, int row, int col)
{
	struct digests_state *s = p->state;
	digests_sync(p, a);
	if (row < 1)
		return UI_HANDLED;
	size_t i = s->top + (size_t)(row - 1);
	if (i >= s->n)
		return UI_HANDLED;
	if (i == s->selected)
		return open_selected(p, a); /* a second click opens it */
	s->selected = i;
	return UI_HANDLED;
}

static int digests_search(struct pane *p, struct app *a, int dir, size_t from)
{
	return 0;
}

static size_t digests_position(struct pane *p, struct app *a)
{
	struct digests_state *s = p->state;
	return s->selected;
}

static size_t digests_count(struct pane *p, struct app *a)
{
	struct digests_state *s = p->state;
	digests_sync(p, a);
	return s->n;
}

static void digests_destroy(struct pane *p)
{
	struct digests_state *s = p->state;
	free(s->rows);
}

const struct pane_ops digests_pane_ops = {
	.state_size = sizeof(struct digests_state),
	.name = "digests",
	.draw = digests_draw,
	.action = digests_action,
	.click = digests_click,
	.search = digests_search,
	.position = digests_position,
	.count = digests_count,
	.destroy = digests_destroy,
};
