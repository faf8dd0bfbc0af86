/* overlay: the boxes over the panes (see overlay.h). */
#include "config.h"

#include <stdint.h>

#include "app.h"
#include "draw.h"
#include "overlay.h"
#include "util.h"

/* Under a description too narrow to sit beside its left column. */
#define OVERLAY_BELOW_INDENT 2

static struct layout_line *new_row(struct layout_lines *rows)
{
	ALLOC_GROW(rows->v, rows->n, rows->cap);
	return &rows->v[rows->n++];
}

static void add_row(struct layout_lines *rows, const struct text *t, int iw, int amb)
{
	layout_fit(t, iw, amb, new_row(rows));
}

void overlay_heading(struct layout_lines *rows, const char *s, int iw, int amb)
{
	layout_fit_str(s, STYLE_HEADING, iw, amb, new_row(rows));
}

void overlay_entry(struct layout_lines *rows, const struct text *left, int lw, int below,
		   const char *desc, int iw, int amb)
{
	int indent = lw, dw = iw - lw - 1; /* a column of air before the frame */
	if (below) {
		add_row(rows, left, iw, amb);
		indent = OVERLAY_BELOW_INDENT;
		dw = iw - indent - 1;
		if (dw < 1)
			return;
	}
	struct text d;
	text_init(&d);
	text_append_str(&d, desc, STYLE_PLAIN);
	struct layout_opts o;
	layout_opts_init(&o);
	o.width = dw;
	o.ambiguous_width = amb;
	struct layout_lines wrapped;
	layout_lines_init(&wrapped);
	layout_wrap(&d, &o, &wrapped);
	text_free(&d);
	if (!wrapped.n && !below) /* no text: the left column alone */
		add_row(rows, left, iw, amb);
	for (size_t k = 0; k < wrapped.n; k++) {
		struct text t;
		text_init(&t);
		if (k == 0 && !below)
			text_append_text(&t, left, 0);
		else
			for (int c = 0; c < indent; c++)
				text_append(&t, " ", 1, STYLE_PLAIN);
		text_append(&t, wrapped.v[k].s, wrapped.v[k].len, STYLE_PLAIN);
		add_row(rows, &t, iw, amb);
		text_free(&t);
	}
	layout_lines_free(&wrapped);
}

void overlay_open(struct app *a, struct pane *p, int at_end)
{
	struct overlay_state *s = p->state;
	if (at_end)
		s->top = SIZE_MAX;
	a->overlay = p;
}

void overlay_draw(struct pane *p, struct app *a, overlay_rows_fn *make_rows)
{
	struct overlay_state *s = p->state;
	if (p->h < 1 || p->w < 1)
		return;
	/* Border rows and columns only when there is room for them. */
	int framed = p->h >= 3 && p->w >= 4;
	int iy = p->y + framed, ix = p->x + framed;
	int ih = p->h - 2 * framed, iw = p->w - 2 * framed;
	if (framed)
		draw_box(p->y, p->x, p->h, p->w);
	struct layout_lines rows;
	layout_lines_init(&rows);
	make_rows(a, iw, &rows);
	s->limit = rows.n > (size_t)ih ? rows.n - (size_t)ih : 0;
	if (s->top > s->limit)
		s->top = s->limit;
	for (int row = 0; row < ih; row++) {
		size_t i = s->top + (size_t)row;
		draw_line(iy + row, ix, iw, i < rows.n ? &rows.v[i] : NULL, NULL, 0);
	}
	layout_lines_free(&rows);
}

ui_result overlay_action(struct pane *p, struct app *a, enum action act)
{
	struct overlay_state *s = p->state;
	size_t page = (size_t)(p->h > 3 ? p->h - 3 : 1), half = (page + 1) / 2;
	if (s->top > s->limit)
		s->top = s->limit;
	switch (act) {
	case ACTION_MOVE_DOWN:
	case ACTION_PAGE_DOWN:
	case ACTION_HALF_DOWN: {
		size_t step = act == ACTION_MOVE_DOWN ? 1 : act == ACTION_PAGE_DOWN ? page : half;
		s->top = s->limit - s->top > step ? s->top + step : s->limit;
		break;
	}
	case ACTION_MOVE_UP:
	case ACTION_PAGE_UP:
	case ACTION_HALF_UP: {
		size_t step = act == ACTION_MOVE_UP ? 1 : act == ACTION_PAGE_UP ? page : half;
		s->top = s->top > step ? s->top - step : 0;
		break;
	}
	case ACTION_MOVE_FIRST:
		s->top = 0;
		break;
	case ACTION_MOVE_LAST:
		s->top = SIZE_MAX; /* the drawing clamps it to the last page */
		break;
	case ACTION_REDRAW:
		return 0;
	default:
		/* Everything else (q, ?, Esc) closes the overlay. */
		a->overlay = NULL;
		s->top = 0;
		break;
	}
	return UI_HANDLED;
}
