/* draw: puts layout lines on the curses screen — styles to the configured
 * colors and attributes, search-match highlighting, borders. It measures
 * nothing itself: every width comes from the layout engine. */
#ifndef DIGEST_DRAW_H
#define DIGEST_DRAW_H

#include "configfile.h"
#include "layout.h"
#include "search.h"

/* Sets up colors from the configuration (attributes only when NO_COLOR is
 * set or the terminal has no colors), and ASCII borders for ambiguous
 * width 2. */
void draw_init(const struct config *cfg, int ambiguous_width);

/* Draws line at row y from column x, clipped and padded to exactly w columns.
 * Matches of q (may be NULL) are drawn highlighted. extra_style is ORed into
 * every run (e.g. the selection). */
void draw_line(int y, int x, int w, const struct layout_line *line,
	       const struct search_query *q, unsigned extra_style);

/* A plain string, fitted to w columns with an ellipsis. */
void draw_text(int y, int x, int w, const char *s, unsigned style, int amb);

void draw_vline(int y, int x, int h);
void draw_hline(int y, int x, int w);
/* A line-drawing frame around a rectangle (at least 2x2). */
void draw_box(int y, int x, int h, int w);

/* Begins a frame: a blank screen image, and none of the previous frame's
 * ambiguous characters (see draw.c) left to put back. */
void draw_begin(void);

/* Puts what was drawn on the terminal (refresh); every screen update goes
 * through it. */
void draw_flush(void);

/* Whether the terminal takes OSC 52 (set the clipboard): terminfo's Ms
 * capability, or a terminal type known to (xterm, kitty, foot, alacritty,
 * wezterm, iTerm2's). */
int draw_has_clipboard(void);

#endif
