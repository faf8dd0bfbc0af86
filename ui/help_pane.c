/* help_pane: the ? overlay — every action of the action table with the keys
 * bound to it now and its help text, in a box over the other panes. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "keymap.h"
#include "strbuf.h"
#include "util.h"

struct help_state {
	size_t top;
};

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
	size_t total = ACTION_COUNT; /* a title line + one per action */
	size_t limit = total > (size_t)ih ? total - (size_t)ih : 0;
	if (s->top > limit)
		s->top = limit;
	struct strbuf sb = STRBUF_INIT;
	for (int row = 0; row < ih; row++) {
		size_t i = s->top + (size_t)row;
		strbuf_reset(&sb);
		unsigned style = STYLE_PLAIN;
		if (i == 0) {
			strbuf_addstr(&sb, "Keys (q, Esc or ? closes; j/k scroll)");
			style = STYLE_HEADING;
		} else if (i < ACTION_COUNT) {
			struct strbuf keys = STRBUF_INIT;
			keymap_describe((enum action)i, &keys);
			strbuf_addf(&sb, "%-18s %-17s %s", keys.len ? keys.buf : "(unbound)",
				    action_info[i].name, action_info[i].help);
			strbuf_release(&keys);
		}
		struct layout_line line;
		layout_fit_str(sb.buf, style, iw, amb, &line);
		draw_line(iy + row, ix, iw, &line, NULL, 0);
		layout_line_free(&line);
	}
	strbuf_release(&sb);
}

static int help_action(struct pane *p, struct app *a, enum action act)
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
		s->top = ACTION_COUNT;
		break;
	case ACTION_REDRAW:
		return 0;
	default:
		/* Everything else (q, ?, Esc) closes the overlay. */
		a->help_open = 0;
		s->top = 0;
		break;
	}
	return 1;
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
