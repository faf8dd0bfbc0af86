/* pane: the interface every pane implements (paper list, paper pane, the
 * digests overview, and the help and messages overlays). The screen (screen.c) gives each a rectangle; the dispatcher
 * (input.c) forwards actions, clicks and searches to the focused or
 * pointed-at pane. A pane changes only its own state and the app's; what the
 * loop should do next it returns as ui_result bits, never by calling back.
 * A pane reads its rectangle whenever it draws or acts: a new size needs no
 * call of its own. */
#ifndef DIGEST_PANE_H
#define DIGEST_PANE_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "result.h"
#include "util.h"

struct app;
struct pane;

struct pane_ops {
	const char *name;
	size_t state_size;         /* the pane's own state, zeroed at first */
	void (*draw)(struct pane *p, struct app *a);
	/* UI_HANDLED (with what else the loop should do) when the pane took the
	 * action, 0 when it is not the pane's. */
	ui_result (*action)(struct pane *p, struct app *a, enum action act);
	ui_result (*click)(struct pane *p, struct app *a, int row, int col);
	/* Moves to the next (dir 1) or previous (-1) match of a->query after
	 * (or before) position `from`; returns 0 when there is none. */
	int (*search)(struct pane *p, struct app *a, int dir, size_t from);
	/* The current position (selected item, top line) a search starts at. */
	size_t (*position)(struct pane *p, struct app *a);
	/* How many positions there are (NULL: the header does not say). */
	size_t (*count)(struct pane *p, struct app *a);
	/* Frees what the state holds (or NULL: nothing); pane_free frees the
	 * state itself. */
	void (*destroy)(struct pane *p);
};

struct pane {
	const struct pane_ops *ops;
	int y, x, h, w;            /* 0x0 when hidden */
	void *state;
};

static inline int pane_contains(const struct pane *p, int y, int x)
{
	return y >= p->y && y < p->y + p->h && x >= p->x && x < p->x + p->w;
}

/* A pane of ops, its state zeroed, hidden (0x0) until the screen lays it
 * out. */
static inline void pane_init(struct pane *p, const struct pane_ops *ops)
{
	memset(p, 0, sizeof(*p));
	p->ops = ops;
	p->state = xcalloc(1, ops->state_size);
}

static inline void pane_free(struct pane *p)
{
	if (p->ops->destroy)
		p->ops->destroy(p);
	free(p->state);
	p->state = NULL;
}

/* The one rule of moving a selection among n rows with the move and page
 * keys (page rows a page, half of it for the half pages): sets *sel and
 * returns 1 for such an action, else returns 0 and leaves *sel. */
static inline int pane_move_selection(enum action act, size_t n, size_t page, size_t *sel)
{
	size_t s = *sel, half = (page + 1) / 2;
	switch (act) {
	case ACTION_MOVE_DOWN:
		s = s + 1 < n ? s + 1 : s;
		break;
	case ACTION_MOVE_UP:
		s = s ? s - 1 : 0;
		break;
	case ACTION_MOVE_FIRST:
		s = 0;
		break;
	case ACTION_MOVE_LAST:
		s = n ? n - 1 : 0;
		break;
	case ACTION_PAGE_DOWN:
	case ACTION_HALF_DOWN:
		s += act == ACTION_PAGE_DOWN ? page : half;
		s = n && s >= n ? n - 1 : s;
		break;
	case ACTION_PAGE_UP:
	case ACTION_HALF_UP: {
		size_t step = act == ACTION_PAGE_UP ? page : half;
		s = s > step ? s - step : 0;
		break;
	}
	default:
		return 0;
	}
	*sel = s;
	return 1;
}

extern const struct pane_ops list_pane_ops, paper_pane_ops, help_pane_ops, digests_pane_ops,
	messages_pane_ops;

#endif
