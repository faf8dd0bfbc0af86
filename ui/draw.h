/* draw: puts layout lines on the curses screen — styles to attributes and
 * colors, search-match highlighting, borders. It measures nothing itself:
 * every width comes from the layout engine. */
#ifndef DIGEST_DRAW_H
#define DIGEST_DRAW_H

#include "layout.h"

/* Sets up colors (unless NO_COLOR is set or the terminal has none). */
void draw_init(void);

/* Draws line at row y from column x, clipped and padded to exactly w columns.
 * Bytes matching `needle` (ASCII case-insensitive; may be NULL) are drawn
 * highlighted. extra_style is ORed into every run (e.g. the selection). */
void draw_line(int y, int x, int w, const struct layout_line *line,
	       const char *needle, unsigned extra_style);

/* A plain string, fitted to w columns with an ellipsis. */
void draw_text(int y, int x, int w, const char *s, unsigned style, int amb);

void draw_vline(int y, int x, int h);
void draw_hline(int y, int x, int w);
/* A line-drawing frame around a rectangle (at least 2x2). */
void draw_box(int y, int x, int h, int w);
/* Fills a rectangle with blanks. */
void draw_clear(int y, int x, int h, int w);

/* Where needle occurs in s (ASCII case-insensitive): byte offset or -1. */
long draw_find(const char *s, size_t len, const char *needle, size_t from);

/* Display style of the selected row. */
#define STYLE_SELECTED STYLE_MATCH

#endif
