/* overlay: what the two boxes over the panes share — the ? help
 * (help_pane.c) and the session's messages (messages_pane.c): rows of
 * layout lines made for the box's inner width (headings, and entries of a
 * left column with a description wrapped beside or under it), drawn in a
 * frame, scrolled by the list's keys; any other action closes the box. A
 * pane of this kind starts its state with struct overlay_state and names
 * what makes its rows. */
#ifndef DIGEST_OVERLAY_H
#define DIGEST_OVERLAY_H

#include "layout.h"
#include "pane.h"
#include "text.h"

struct app;

struct overlay_state {
	size_t top;   /* the first row shown; SIZE_MAX: the last page */
	size_t limit; /* the last page's top, as last drawn */
};

/* Every row of the overlay at inner width iw, appended to rows. */
typedef void overlay_rows_fn(struct app *a, int iw, struct layout_lines *rows);

/* A heading row: s in the heading style, cut to iw. */
void overlay_heading(struct layout_lines *rows, const char *s, int iw, int amb);

/* One entry as rows of width iw: `left` (the columns before the
 * description, lw wide) then the description, wrapped by the layout engine
 * so that nothing of it is cut; with below (a box too narrow for a
 * column beside left), the description goes under left, indented. */
void overlay_entry(struct layout_lines *rows, const struct text *left, int lw, int below,
		   const char *desc, int iw, int amb);

/* The narrowest description column beside the left one; below it the
 * description goes under (overlay_entry's below). */
#define OVERLAY_DESC_MIN 16

/* Opens overlay p (&a->help, &a->messages_pane) over the panes, at its top or
 * (at_end) its last page. */
void overlay_open(struct app *a, struct pane *p, int at_end);

/* Draws the overlay p: its frame (when there is room), and the rows that
 * make_rows gives from its scroll position, clamped to the last page. */
void overlay_draw(struct pane *p, struct app *a, overlay_rows_fn *make_rows);

/* Scrolls p by the move and page actions; any other (q, Esc, ?) closes it
 * (a->overlay = NULL) and returns UI_HANDLED; C-l is not the overlay's (0). */
ui_result overlay_action(struct pane *p, struct app *a, enum action act);

#endif
