/* list_pane: the paper list — one row per paper (selection marker, three
 * mark columns, number or date, title cut to the width), or two in compact
 * triage mode (the Goal sentence, dimmed). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "draw.h"
#include "facts_ui.h"
#include "i18n.h"
#include "news.h"
#include "strbuf.h"
#include "util.h"

struct list_state {
	size_t top;  /* first item shown */
};

static int rows_per_item(const struct app *a)
{
	return app_item_rows(a);
}

static size_t visible_items(const struct pane *p, const struct app *a)
{
	size_t n = (size_t)(p->h / rows_per_item(a));
	return n ? n : 1;
}

/* Keeps the selection on screen. */
static void list_scroll_to_selection(struct pane *p, struct app *a)
{
	struct list_state *s = p->state;
	size_t vis = visible_items(p, a);
	if (a->selected < s->top)
		s->top = a->selected;
	else if (a->selected >= s->top + vis)
		s->top = a->selected - vis + 1;
	if (a->nitems > vis && s->top > a->nitems - vis)
		s->top = a->nitems - vis;
	if (a->nitems <= vis)
		s->top = 0;
}

/* The Goal sentence: the Introduction's "Goal" bullet, else the first text. */
static const struct text *paper_goal(const struct paper *p)
{
	for (size_t i = 0; i < p->nsections; i++)
		for (size_t j = 0; j < p->sections[i].nblocks; j++) {
			const struct block *b = &p->sections[i].blocks[j];
			if (b->label && !strcasecmp(b->label, "Goal"))
				return &b->text;
		}
	if (p->nsections && p->sections[0].nblocks)
		return &p->sections[0].blocks[0].text;
	return NULL;
}

/* Three columns tell the marks at a glance, so that no mark hides another:
 * the first the paper's read state — N new (unread, of a digest that arrived
 * since the last session), O unread (old), blank read — as mutt marks mail;
 * the second starred (*), kept for later (+) or hidden (x); the third = when
 * the paper has a note (lines of writing). ASCII, so every terminal and font
 * shows them in one column each. */
static char read_char(const struct app *a, const struct item *it, unsigned m)
{
	if (m & MARK_READ)
		return ' ';
	return news_digest_is_new(a, it->digest) ? 'N' : 'O';
}

static char flag_char(unsigned m)
{
	if (m & MARK_STAR)
		return '*';
	if (m & MARK_LATER)
		return '+';
	if (m & MARK_HIDDEN)
		return 'x';
	return ' ';
}

/* The digits of n >= 0 (ASCII digits: one column each). */
static int digits(int n)
{
	int w = 1;
	while (n >= 10)
		n /= 10, w++;
	return w;
}

static int number_width(const struct app *a)
{
	int max = 1;
	for (size_t i = 0; i < a->nitems; i++) {
		int w = digits(app_item_paper(a, &a->items[i])->number);
		if (w > max)
			max = w;
	}
	return max;
}

/* Compact triage's upvotes column: as wide as the most upvotes of the
 * digest's papers (of the rows on screen in the other listings, which may
 * hold the whole archive), or 0 when none are known. */
static int upvotes_width(struct pane *p, struct app *a, size_t top)
{
	if (!a->compact)
		return 0;
	size_t from = a->listing == LISTING_DIGEST ? 0 : top;
	size_t to = a->listing == LISTING_DIGEST ? a->nitems : top + visible_items(p, a);
	int max = 0;
	for (size_t i = from; i < to && i < a->nitems; i++) {
		int up = facts_ui_upvotes(a, app_item_paper(a, &a->items[i]));
		if (up >= 0 && digits(up) > max)
			max = digits(up);
	}
	return max;
}

/* Whether the aggregate listing's papers come from more than one year: then
 * the dates carry the year. */
static int spans_years(const struct app *a)
{
	const char *first = NULL;
	for (size_t i = 0; i < a->nitems; i++) {
		const char *d = a->archive->v[a->items[i].digest].date;
		if (!d)
			continue;
		if (!first)
			first = d;
		else if (strncmp(first, d, 5))
			return 1;
	}
	return 0;
}

/* numw: the number column's width in the Digest listing; elsewhere -1 for
 * full dates, 0 for MM-DD. upw: the upvotes column's (0: none). */
static void draw_item(struct pane *p, struct app *a, size_t i, int row, int numw, int upw)
{
	const struct item *it = &a->items[i];
	const struct paper *paper = app_item_paper(a, it);
	const struct digest *d = &a->archive->v[it->digest];
	unsigned marks = marks_get(a->marks, app_key(a, it));
	/* The selection is in reverse video while the list has the focus, and
	 * bold and underlined while the paper has it: the focus shows without
	 * colour. */
	int sel = i == a->selected;
	char prefix[48];
	/* Aggregate listings mix digests, so they show the date instead. */
	char note = a->noted[i] ? '=' : ' ';
	if (a->listing == LISTING_DIGEST)
		snprintf(prefix, sizeof(prefix), "%c%c%c%c%*d ", sel ? '>' : ' ',
			 read_char(a, it, marks), flag_char(marks), note, numw, paper->number);
	else
		snprintf(prefix, sizeof(prefix), "%c%c%c%c%s ", sel ? '>' : ' ',
			 read_char(a, it, marks), flag_char(marks), note,
			 d->date ? d->date + (numw < 0 ? 0 : 5) : numw < 0 ? "---------- " : "--- ");
	struct text t;
	text_init(&t);
	text_append_str(&t, prefix, STYLE_PLAIN);
	/* Compact triage: the Hugging Face upvotes, when --fetch learned them,
	 * right-aligned (blank for a paper of unknown upvotes). */
	if (upw) {
		int up = facts_ui_upvotes(a, paper);
		struct strbuf votes = STRBUF_INIT;
		if (up >= 0)
			strbuf_addf(&votes, "%*d^ ", upw, up);
		else
			strbuf_addf(&votes, "%*s", upw + 2, "");
		text_append_str(&t, votes.buf, STYLE_DIM);
		strbuf_release(&votes);
	}
	text_append_text(&t, &paper->title, marks & MARK_READ ? 0 : STYLE_UNREAD);
	struct layout_line line;
	layout_fit(&t, p->w, a->lo.ambiguous_width, &line);
	draw_line(p->y + row, p->x, p->w, &line, a->has_query ? &a->query : NULL,
		  !sel ? 0 : a->focus == p ? STYLE_SELECTED : STYLE_STRONG | STYLE_EMPH);
	layout_line_free(&line);
	text_free(&t);

	if (a->compact && row + 1 < p->h) {
		const struct text *goal = paper_goal(paper);
		text_init(&t);
		int indent = layout_width(prefix, strlen(prefix), a->lo.ambiguous_width);
		for (int k = 0; k < indent; k++)
			text_append_str(&t, " ", STYLE_DIM);
		if (goal)
			text_append_text(&t, goal, STYLE_DIM);
		layout_fit(&t, p->w, a->lo.ambiguous_width, &line);
		draw_line(p->y + row + 1, p->x, p->w, &line,
			  a->has_query ? &a->query : NULL, 0);
		layout_line_free(&line);
		text_free(&t);
	}
}

static void list_draw(struct pane *p, struct app *a)
{
	struct list_state *s = p->state;
	list_scroll_to_selection(p, a);
	int numw = a->listing == LISTING_DIGEST ? number_width(a) : spans_years(a) ? -1 : 0;
	int upw = upvotes_width(p, a, s->top);
	int row = 0;
	for (size_t i = s->top; i < a->nitems && row < p->h; i++) {
		draw_item(p, a, i, row, numw, upw);
		row += rows_per_item(a);
	}
	for (; row < p->h; row++)
		draw_line(p->y + row, p->x, p->w, NULL, NULL, 0);
	if (!a->nitems && p->h > 0 && p->w > 0) {
		struct strbuf none = STRBUF_INIT;
		strbuf_addf(&none, " %s", a->listing == LISTING_DIGEST
						  ? _("(no papers in this digest)")
						  : _("(no papers in this view)"));
		draw_text(p->y, p->x, p->w, none.buf, STYLE_DIM, a->lo.ambiguous_width);
		strbuf_release(&none);
	}
}

static ui_result list_action(struct pane *p, struct app *a, enum action act)
{
	size_t sel = a->selected;
	if (!a->nitems || !pane_move_selection(act, a->nitems, visible_items(p, a), &sel))
		return 0;
	app_select(a, sel);
	return UI_HANDLED;
}

static ui_result list_click(struct pane *p, struct app *a, int row, int col)
{
	struct list_state *s = p->state;
	app_select(a, s->top + (size_t)(row / rows_per_item(a)));
	return UI_HANDLED;
}

/* n/N in the list: the next paper, in list order, that mentions the query
 * anywhere (title, ID or text). */
static int item_matches(struct app *a, const void *unused, size_t i)
{
	return search_paper_matches_facts(&a->query, app_item_paper(a, &a->items[i]), facts_ui_get,
					  a);
}

static int list_search(struct pane *p, struct app *a, int dir, size_t from)
{
	size_t i = app_search_around(a, a->nitems, from, dir, item_matches, NULL);
	if (i == (size_t)-1)
		return 0;
	app_select(a, i);
	return 1;
}

static size_t list_position(struct pane *p, struct app *a)
{
	return a->selected;
}

const struct pane_ops list_pane_ops = {
	.state_size = sizeof(struct list_state),
	.name = "list",
	.draw = list_draw,
	.action = list_action,
	.click = list_click,
	.search = list_search,
	.position = list_position,
};
