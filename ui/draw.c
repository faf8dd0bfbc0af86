/* draw: styled layout lines onto curses (see draw.h). */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "draw.h"

enum { PAIR_HEADING = 1, PAIR_LABEL, PAIR_CODE, PAIR_LINK, PAIR_TITLE };

static int use_color;

void draw_init(void)
{
	const char *no_color = getenv("NO_COLOR");
	use_color = has_colors() && !(no_color && *no_color);
	if (!use_color)
		return;
	start_color();
	use_default_colors();
	init_pair(PAIR_HEADING, COLOR_YELLOW, -1);
	init_pair(PAIR_LABEL, COLOR_GREEN, -1);
	init_pair(PAIR_CODE, COLOR_MAGENTA, -1);
	init_pair(PAIR_LINK, COLOR_BLUE, -1);
	init_pair(PAIR_TITLE, COLOR_CYAN, -1);
}

static attr_t style_attr(unsigned style)
{
	attr_t a = A_NORMAL;
	if (style & (STYLE_STRONG | STYLE_TITLE | STYLE_HEADING | STYLE_LABEL))
		a |= A_BOLD;
	if (style & STYLE_EMPH)
		a |= A_UNDERLINE;
	if (style & (STYLE_DIM | STYLE_QUOTE))
		a |= A_DIM;
	if (style & STYLE_MATCH)
		a |= A_REVERSE;
	if (use_color) {
		if (style & STYLE_HEADING)
			a |= COLOR_PAIR(PAIR_HEADING);
		else if (style & STYLE_LABEL)
			a |= COLOR_PAIR(PAIR_LABEL);
		else if (style & STYLE_CODE)
			a |= COLOR_PAIR(PAIR_CODE);
		else if (style & STYLE_TITLE)
			a |= COLOR_PAIR(PAIR_TITLE);
		else if (style & STYLE_LINK)
			a |= COLOR_PAIR(PAIR_LINK);
	}
	return a;
}

long draw_find(const char *s, size_t len, const char *needle, size_t from)
{
	size_t n = needle ? strlen(needle) : 0;
	if (!n || n > len)
		return -1;
	for (size_t i = from; i + n <= len; i++)
		if (!strncasecmp(s + i, needle, n))
			return (long)i;
	return -1;
}

static void put(const char *s, size_t len, attr_t a)
{
	if (!len)
		return;
	attrset(a);
	addnstr(s, (int)len);
}

static void blanks(int n, attr_t a)
{
	attrset(a);
	for (int i = 0; i < n; i++)
		addch(' ');
}

void draw_line(int y, int x, int w, const struct layout_line *line,
	       const char *needle, unsigned extra_style)
{
	if (w <= 0 || y < 0 || y >= LINES)
		return;
	move(y, x);
	int used = 0;
	int indent = line ? line->indent : 0;
	if (indent > w)
		indent = w;
	blanks(indent, style_attr(extra_style));
	used = indent;
	if (line && line->len && indent + line->width <= w) {
		/* Match ranges are found once per line and cut runs where needed. */
		long m = draw_find(line->s, line->len, needle, 0);
		size_t nlen = needle ? strlen(needle) : 0;
		for (size_t r = 0; r < line->nruns; r++) {
			const struct layout_run *run = &line->runs[r];
			size_t at = run->start, end = run->start + run->len;
			while (at < end) {
				while (m >= 0 && (size_t)m + nlen <= at)
					m = draw_find(line->s, line->len, needle, (size_t)m + 1);
				size_t stop = end;
				unsigned st = run->style | extra_style;
				if (m >= 0 && (size_t)m <= at) {
					st ^= STYLE_MATCH; /* visible inside a selection too */
					if ((size_t)m + nlen < stop)
						stop = (size_t)m + nlen;
				} else if (m >= 0 && (size_t)m < stop) {
					stop = (size_t)m;
				}
				put(line->s + at, stop - at, style_attr(st));
				at = stop;
			}
		}
		used += line->width;
	}
	blanks(w - used, style_attr(extra_style));
	attrset(A_NORMAL);
}

void draw_text(int y, int x, int w, const char *s, unsigned style, int amb)
{
	struct layout_line line;
	layout_fit_str(s, style, w, amb, &line);
	draw_line(y, x, w, &line, NULL, 0);
	layout_line_free(&line);
}

void draw_vline(int y, int x, int h)
{
	if (h > 0)
		mvvline(y, x, ACS_VLINE, h);
}

void draw_hline(int y, int x, int w)
{
	if (w > 0)
		mvhline(y, x, ACS_HLINE, w);
}

void draw_box(int y, int x, int h, int w)
{
	if (h < 2 || w < 2)
		return;
	attrset(A_NORMAL);
	mvaddch(y, x, ACS_ULCORNER);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
	draw_hline(y, x + 1, w - 2);
	draw_hline(y + h - 1, x + 1, w - 2);
	draw_vline(y + 1, x, h - 2);
	draw_vline(y + 1, x + w - 1, h - 2);
}

void draw_clear(int y, int x, int h, int w)
{
	attrset(A_NORMAL);
	for (int r = 0; r < h; r++) {
		move(y + r, x);
		for (int c = 0; c < w; c++)
			addch(' ');
	}
}
