/* help_pane: the ? overlay — every action of the action table with the keys
 * bound to it now and its help text, then every ':' command of the command
 * table with its arguments and summary, in a box over the other panes. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "commands.h"
#include "draw.h"
#include "keymap.h"
#include "strbuf.h"
#include "util.h"

struct help_state {
	size_t top;
};

/* Appends s cut or padded to `width` columns, then a gap. */
static void append_column(struct text *t, const char *s, unsigned style, int width,
			  int amb)
{
	struct layout_line cell;
	layout_fit_str(s, style, width, amb, &cell);
	text_append(t, cell.s, cell.len, style);
	text_append_str(t, "  ", STYLE_PLAIN);
	layout_line_free(&cell);
}

/* Appends the keys that run act in the pane without the focus but not in
 * the focused one, each marked with that pane's name. */
static void add_other_pane_keys(struct app *a, enum action act, struct strbuf *keys)
{
	const char *other = a->focus == &a->list ? a->paper_pane.ops->name : a->list.ops->name;
	struct strbuf o = STRBUF_INIT;
	keymap_describe(a->cfg, other, act, &o);
	size_t here = keys->len;
	for (char *save = NULL, *tok = strtok_r(o.buf, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save)) {
		/* Already listed for the focused pane? */
		int seen = 0;
		for (const char *k = keys->buf; k < keys->buf + here && !seen;) {
			size_t n = strcspn(k, " ");
			seen = n == strlen(tok) && !strncmp(k, tok, n);
			k += n + (k[n] == ' ');
		}
		if (!seen)
			strbuf_addf(keys, "%s%s(%s)", keys->len ? " " : "", tok, other);
	}
	strbuf_release(&o);
}

/* The narrowest description column beside the others; in a narrower
 * overlay the description goes under them, indented. */
#define HELP_DESC_MIN 16
#define HELP_BELOW_INDENT 2

static struct layout_line *new_row(struct layout_lines *rows)
{
	ALLOC_GROW(rows->v, rows->n, rows->cap);
	return &rows->v[rows->n++];
}

static void add_row(struct layout_lines *rows, const struct text *t, int iw, int amb)
{
	layout_fit(t, iw, amb, new_row(rows));
}

/* One entry as display rows of width iw: `left` (the columns before the
 * description, lw wide) then the description, wrapped so that nothing of
 * it is cut; with below, the description goes under `left`. */
static void add_entry(struct layout_lines *rows, struct text *left, int lw, int below,
		      const char *desc, int iw, int amb)
{
	int indent = lw, dw = iw - lw - 1; /* a column of air before the frame */
	if (below) {
		add_row(rows, left, iw, amb);
		indent = HELP_BELOW_INDENT;
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
	if (!wrapped.n && !below) /* no text: the keys and name alone */
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

static void add_heading(struct layout_lines *rows, const char *s, int iw, int amb)
{
	layout_fit_str(s, STYLE_HEADING, iw, amb, new_row(rows));
}

/* Every row of the overlay at inner width iw. */
static void help_rows(struct app *a, int iw, struct layout_lines *rows)
{
	int amb = a->lo.ambiguous_width;
	/* The keys column is as wide as its widest entry, up to a third. */
	struct strbuf *keys = xcalloc(ACTION_COUNT, sizeof(*keys));
	int kw = 0, nw = 0;
	for (int i = 1; i < ACTION_COUNT; i++) {
		strbuf_init(&keys[i]);
		/* The keys as they work in the pane the help was opened from,
		 * then those that do it only in the other pane ("<Space>(list)"). */
		keymap_describe(a->cfg, a->focus->ops->name, (enum action)i, &keys[i]);
		add_other_pane_keys(a, (enum action)i, &keys[i]);
		int w = layout_width(keys[i].buf, keys[i].len, amb);
		int n = layout_width(action_info[i].name, strlen(action_info[i].name), amb);
		kw = w > kw ? w : kw;
		nw = n > nw ? n : nw;
	}
	if (kw > iw / 3)
		kw = iw / 3;
	int lw = kw + 2 + nw + 2;
	int below = iw - lw - 1 < HELP_DESC_MIN;
	add_heading(rows, "Keys (q, Esc or ? closes; j/k scroll)", iw, amb);
	for (int i = 1; i < ACTION_COUNT; i++) {
		struct text left;
		text_init(&left);
		const char *k = keys[i].len ? keys[i].buf : "(unbound)";
		if (below) { /* no columns to line up: keys and name as they are */
			text_append_str(&left, k, STYLE_LABEL);
			text_append_str(&left, "  ", STYLE_PLAIN);
			text_append_str(&left, action_info[i].name, STYLE_DIM);
		} else {
			append_column(&left, k, STYLE_LABEL, kw, amb);
			append_column(&left, action_info[i].name, STYLE_DIM, nw, amb);
		}
		add_entry(rows, &left, lw, below, action_info[i].help, iw, amb);
		text_free(&left);
		strbuf_release(&keys[i]);
	}
	free(keys);
	add_heading(rows, "", iw, amb);
	add_heading(rows, "Commands (after :, Tab completes the name)", iw, amb);
	for (int c = 1; c < COMMAND_COUNT; c++) {
		struct strbuf usage = STRBUF_INIT;
		command_usage((enum command)c, &usage);
		struct text left;
		text_init(&left);
		if (below)
			text_append_str(&left, usage.buf, STYLE_LABEL);
		else
			append_column(&left, usage.buf, STYLE_LABEL, kw + 2 + nw, amb);
		add_entry(rows, &left, lw, below, command_info[c].summary, iw, amb);
		text_free(&left);
		strbuf_release(&usage);
	}
}

static void help_draw(struct pane *p, struct app *a)
{
	struct help_state *s = p->state;
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
	help_rows(a, iw, &rows);
	size_t limit = rows.n > (size_t)ih ? rows.n - (size_t)ih : 0;
	if (s->top > limit)
		s->top = limit;
	for (int row = 0; row < ih; row++) {
		size_t i = s->top + (size_t)row;
		draw_line(iy + row, ix, iw, i < rows.n ? &rows.v[i] : NULL, NULL, 0);
	}
	layout_lines_free(&rows);
}

static ui_result help_action(struct pane *p, struct app *a, enum action act)
{
	struct help_state *s = p->state;
	switch (act) {
	case ACTION_MOVE_DOWN:
		s->top++;
		break;
	case ACTION_MOVE_UP:
		if (s->top)
			s->top--;
		break;
	case ACTION_PAGE_DOWN:
	case ACTION_HALF_DOWN:
		s->top += (size_t)(p->h > 2 ? p->h - 2 : 1);
		break;
	case ACTION_PAGE_UP:
	case ACTION_HALF_UP:
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
		a->help_open = 0;
		s->top = 0;
		break;
	}
	return UI_HANDLED;
}

const struct pane_ops help_pane_ops = {
	.state_size = sizeof(struct help_state),
	.name = "help",
	.draw = help_draw,
	.action = help_action,
};
