/* pane: the interface every pane implements (paper list, section view, help
 * overlay). The pane manager in tui.c gives each a rectangle and forwards
 * actions, mouse and search to the focused or pointed-at pane. */
#ifndef DIGEST_PANE_H
#define DIGEST_PANE_H

#include <stddef.h>

#include "actions.h"

struct app;
struct pane;

struct pane_ops {
	const char *name;
	void (*draw)(struct pane *p, struct app *a);
	/* Returns 1 when the pane handled the action. */
	int (*action)(struct pane *p, struct app *a, enum action act);
	/* Called after the rectangle changed. */
	void (*resize)(struct pane *p, struct app *a);
	void (*click)(struct pane *p, struct app *a, int row, int col);
	/* Moves to the next (dir 1) or previous (-1) match of a->query after
	 * (or before) position `from`; returns 0 when there is none. */
	int (*search)(struct pane *p, struct app *a, int dir, size_t from);
	/* The current position (selected item, top line) a search starts at. */
	size_t (*position)(struct pane *p, struct app *a);
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

void list_pane_init(struct pane *p);
void view_pane_init(struct pane *p);
void help_pane_init(struct pane *p);

/* The papers were loaded again: lay out anew, keeping the scroll position
 * when the same paper is shown. */
void view_pane_reload(struct pane *p);

#endif
