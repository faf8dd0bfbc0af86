/* help_pane: the ? overlay — every action of the action table with the keys
 * bound to it now and its help text, then every ':' command of the command
 * table with its arguments and summary, in a box over the other panes. */
#include "config.h"

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

/* Rows: a title, one per action, a blank, a heading, one per command. */
#define HELP_COMMANDS_AT (ACTION_COUNT + 2)
#define HELP_ROWS (HELP_COMMANDS_AT + COMMAND_COUNT - 1)

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
	const char *other = a->focus == &a->list ? a->view_pane.ops->name : a->list.ops->name;
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

static void help_draw(struct pane *p, struct app *a)
{
	struct help_state *s = p->state;
	int amb = a->lo.ambiguous_width;
	if (p->h < 1 || p->w < 1)
		return;
	/* Border rows and columns only when there is room for them. */
	int framed = p->h >= 3 && p->w >= 4;
	int iy = p->y + framed, ix = p->x + framed;
	int ih = p->h - 2 * framed, iw = p->w - 2 * framed;
	if (framed)
		draw_box(p->y, p->x, p->h, p->w);
	size_t total = HELP_ROWS;
	size_t limit = total > (size_t)ih ? total - (size_t)ih : 0;
	if (s->top > limit)
		s->top = limit;
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
	for (int row = 0; row < ih; row++) {
		size_t i = s->top + (size_t)row;
		struct layout_line line;
		if (i == 0) {
			layout_fit_str("Keys (q, Esc or ? closes; j/k scroll)", STYLE_HEADING,
				       iw, amb, &line);
		} else if (i < ACTION_COUNT) {
			struct text t;
			text_init(&t);
			append_column(&t, keys[i].len ? keys[i].buf : "(unbound)", STYLE_LABEL,
				      kw, amb);
			append_column(&t, action_info[i].name, STYLE_DIM, nw, amb);
			text_append_str(&t, action_info[i].help, STYLE_PLAIN);
			layout_fit(&t, iw, amb, &line);
			text_free(&t);
		} else if (i == HELP_COMMANDS_AT - 1) {
			layout_fit_str("Commands (after :, Tab completes the name)", STYLE_HEADING,
				       iw, amb, &line);
		} else if (i >= HELP_COMMANDS_AT && i < HELP_ROWS) {
			const struct command_info *c = &command_info[i - HELP_COMMANDS_AT + 1];
			struct strbuf usage = STRBUF_INIT;
			command_usage((enum command)(i - HELP_COMMANDS_AT + 1), &usage);
			struct text t;
			text_init(&t);
			append_column(&t, usage.buf, STYLE_LABEL, kw + 2 + nw, amb);
			text_append_str(&t, c->summary, STYLE_PLAIN);
			layout_fit(&t, iw, amb, &line);
			text_free(&t);
			strbuf_release(&usage);
		} else {
			layout_fit_str("", STYLE_PLAIN, iw, amb, &line);
		}
		draw_line(iy + row, ix, iw, &line, NULL, 0);
		layout_line_free(&line);
	}
	for (int i = 1; i < ACTION_COUNT; i++)
		strbuf_release(&keys[i]);
	free(keys);
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
		s->top = HELP_ROWS;
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

static void help_destroy(struct pane *p)
{
	free(p->state);
	p->state = NULL;
}

static const struct pane_ops help_ops = {
	.name = "help",
	.draw = help_draw,
	.action = help_action,
	.destroy = help_destroy,
};

void help_pane_init(struct pane *p)
{
	memset(p, 0, sizeof(*p));
	p->ops = &help_ops;
	p->state = xcalloc(1, sizeof(struct help_state));
}
