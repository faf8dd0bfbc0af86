/* list_pane: the paper list — one row per paper (marker, number, title cut to
 * the width), or two in compact triage mode (the Goal sentence, dimmed). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "draw.h"
#include "strbuf.h"
#include "util.h"

struct list_state {
	size_t top;  /* first paper shown */
};

static int rows_per_paper(const struct app *a)
{
	return a->compact ? 2 : 1;
}

static size_t visible_papers(const struct pane *p, const struct app *a)
{
	size_t n = (size_t)(p->h / rows_per_paper(a));
	return n ? n : 1;
}

/* Keeps the selection on screen. */
static void list_scroll_to_selection(struct pane *p, struct app *a)
{
	struct list_state *s = p->state;
	size_t vis = visible_papers(p, a);
	if (a->selected < s->top)
		s->top = a->selected;
	else if (a->selected >= s->top + vis)
		s->top = a->selected - vis + 1;
	const struct digest *d = app_digest(a);
	size_t n = d ? d->npapers : 0;
	if (n > vis && s->top > n - vis)
		s->top = n - vis;
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

static int number_width(size_t n)
{
	int w = 1;
	while (n >= 10)
		n /= 10, w++;
	return w;
}

static void list_draw(struct pane *p, struct app *a)
{
	struct list_state *s = p->state;
	const struct digest *d = app_digest(a);
	size_t n = d ? d->npapers : 0;
	list_scroll_to_selection(p, a);
	int numw = number_width(n);
	const char *needle = a->search_pane == p ? a->search : NULL;
	int row = 0;
	for (size_t i = s->top; i < n && row < p->h; i++) {
		const struct paper *paper = &d->papers[i];
		int sel = i == a->selected;
		struct text t;
		text_init(&t);
		char prefix[32];
		snprintf(prefix, sizeof(prefix), "%c%*d ", sel ? '>' : ' ', numw,
			 paper->number);
		text_append_str(&t, prefix, STYLE_PLAIN);
		text_append_text(&t, &paper->title, 0);
		struct layout_line line;
		layout_fit(&t, p->w, a->lo.ambiguous_width, &line);
		draw_line(p->y + row, p->x, p->w, &line, needle,
			  sel ? STYLE_SELECTED : 0);
		layout_line_free(&line);
		text_free(&t);
		row++;
		if (a->compact && row < p->h) {
			const struct text *goal = paper_goal(paper);
			text_init(&t);
			text_append_str(&t, "   ", STYLE_DIM);
			for (int k = 0; k < numw; k++)
				text_append_str(&t, " ", STYLE_DIM);
			if (goal)
				text_append_text(&t, goal, STYLE_DIM);
			layout_fit(&t, p->w, a->lo.ambiguous_width, &line);
			draw_line(p->y + row, p->x, p->w, &line, needle, 0);
			layout_line_free(&line);
			text_free(&t);
			row++;
		}
	}
	for (; row < p->h; row++)
		draw_line(p->y + row, p->x, p->w, NULL, NULL, 0);
	if (!n && p->h > 0 && p->w > 0)
		draw_text(p->y, p->x, p->w, " (no papers in this digest)", STYLE_DIM,
			  a->lo.ambiguous_width);
}

static int list_action(struct pane *p, struct app *a, enum action act)
{
	const struct digest *d = app_digest(a);
	size_t n = d ? d->npapers : 0, sel = a->selected;
	size_t page = visible_papers(p, a);
	if (!n)
		return 0;
	switch (act) {
	case ACTION_MOVE_DOWN:
		sel = sel + 1 < n ? sel + 1 : sel;
		break;
	case ACTION_MOVE_UP:
		sel = sel ? sel - 1 : 0;
		break;
	case ACTION_MOVE_FIRST:
		sel = 0;
		break;
	case ACTION_MOVE_LAST:
		sel = n - 1;
		break;
	case ACTION_PAGE_DOWN:
	case ACTION_HALF_DOWN:
		sel += act == ACTION_PAGE_DOWN ? page : (page + 1) / 2;
		break;
	case ACTION_PAGE_UP:
	case ACTION_HALF_UP: {
		size_t step = act == ACTION_PAGE_UP ? page : (page + 1) / 2;
		sel = sel > step ? sel - step : 0;
		break;
	}
	default:
		return 0;
	}
	app_select(a, sel);
	return 1;
}

static void list_click(struct pane *p, struct app *a, int row, int col)
{
	struct list_state *s = p->state;
	app_select(a, s->top + (size_t)(row / rows_per_paper(a)));
}

static int title_matches(const struct paper *paper, const char *needle)
{
	struct strbuf clean = STRBUF_INIT;
	layout_sanitize(paper->title.s ? paper->title.s : "", paper->title.len, &clean);
	int hit = draw_find(clean.buf, clean.len, needle, 0) >= 0;
	strbuf_release(&clean);
	return hit;
}

static int list_search(struct pane *p, struct app *a, int dir)
{
	const struct digest *d = app_digest(a);
	size_t n = d ? d->npapers : 0;
	for (size_t k = 1; k <= n; k++) {
		size_t i = (a->selected + n + (size_t)dir * k) % n;
		if (title_matches(&d->papers[i], a->search)) {
			if ((dir > 0 && i <= a->selected) || (dir < 0 && i >= a->selected))
				app_message(a, "search wrapped around");
			app_select(a, i);
			return 1;
		}
	}
	return 0;
}

static void list_destroy(struct pane *p)
{
	free(p->state);
	p->state = NULL;
}

static const struct pane_ops list_ops = {
	.name = "list",
	.draw = list_draw,
	.action = list_action,
	.click = list_click,
	.search = list_search,
	.destroy = list_destroy,
};

void list_pane_init(struct pane *p)
{
	memset(p, 0, sizeof(*p));
	p->ops = &list_ops;
	p->state = xcalloc(1, sizeof(struct list_state));
}
