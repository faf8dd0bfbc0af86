/* result: what a pane, an action's handler, a ':' command, the background
 * fetch, the watch or the for-me refit asks of the event loop after acting.
 * They never call back into the loop (ui/tui.c); they return these bits and
 * the loop acts on them, as htop's panels return a HandlerResult to its
 * ScreenManager. */
#ifndef DIGEST_RESULT_H
#define DIGEST_RESULT_H

enum {
	UI_HANDLED = 1u << 0, /* the key or event was taken */
	UI_REBUILD = 1u << 1, /* marks changed: build the listing again */
	UI_LAYOUT = 1u << 2,  /* focus, zoom or layout changed: new rectangles */
	UI_OPENED = 1u << 3,  /* a paper was opened on purpose (reading.c) */
	UI_REPAINT = 1u << 4, /* the terminal's contents are lost: paint it all */
	UI_QUIT = 1u << 5,
	UI_MOVED = 1u << 6,   /* a key moved the selection to another paper
			       * (reading.c: the mark-read timer may start) */
	UI_RESORT = 1u << 7,  /* the order's scores changed: sort the rows again,
			       * the same rows (listing_resort) */
};
typedef unsigned ui_result;

#endif
