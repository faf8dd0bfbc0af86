/* draw: styled layout lines onto curses (see draw.h). */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include <term.h>
#include <unistr.h>

#include "draw.h"
#include "util.h"
#include "width.h"

/* The attributes (color pair included) of each configurable element. */
static attr_t element_attr[CONFIG_ELEMENT_COUNT];

/* Line-drawing characters are East-Asian ambiguous (U+2500...): a terminal
 * drawing those two columns wide (--ambiguous-width 2) would shift every
 * border, so there the borders are ASCII. */
static chtype vline_ch, hline_ch, corner_ch[4];

/* Text is another matter: ncurses counts an ambiguous character one column
 * (wcwidth), the terminal draws it two, and every cell after it on the row
 * would land one column off. So with ambiguous width 2 each one is put in
 * curses as two blanks — two cells, as the terminal has them and the layout
 * counted them — and written into them directly after each refresh (an
 * overlay). ncurses believes those cells blank, so it would neither
 * rewrite them for the next frame's characters nor clear them when the next
 * frame has a real blank there: every row that held an overlay is thrown
 * away (wredrawln) before the next refresh, and the overlays of the frame
 * are written again. The list holds the frame begun by draw_begin. */
struct overlay {
	int y, x;
	attr_t attr;
	char s[24];  /* the character and its combining marks */
};
static int amb_overlay;
static struct overlay *overlays;
static size_t noverlays, overlays_cap;
/* The rows the terminal shows overlays on (from the last flush). */
static int *overlay_rows;
static size_t noverlay_rows, overlay_rows_cap;

static attr_t config_attrs(unsigned a)
{
	attr_t r = A_NORMAL;
	if (a & CONFIG_ATTR_BOLD)
		r |= A_BOLD;
	if (a & CONFIG_ATTR_DIM)
		r |= A_DIM;
	if (a & CONFIG_ATTR_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & CONFIG_ATTR_REVERSE)
		r |= A_REVERSE;
#ifdef A_ITALIC
	if (a & CONFIG_ATTR_ITALIC)
		r |= A_ITALIC;
#endif
	return r;
}

void draw_init(const struct config *cfg, int ambiguous_width)
{
	int ascii = ambiguous_width == 2;
	amb_overlay = ascii;
	vline_ch = ascii ? '|' : ACS_VLINE;
	hline_ch = ascii ? '-' : ACS_HLINE;
	corner_ch[0] = ascii ? '+' : ACS_ULCORNER;
	corner_ch[1] = ascii ? '+' : ACS_URCORNER;
	corner_ch[2] = ascii ? '+' : ACS_LLCORNER;
	corner_ch[3] = ascii ? '+' : ACS_LRCORNER;
	const char *no_color = getenv("NO_COLOR");
	int color = has_colors() && !(no_color && *no_color);
	if (color) {
		start_color();
		use_default_colors();
	}
	for (int e = 0; e < CONFIG_ELEMENT_COUNT; e++) {
		const struct config_color *c = &cfg->colors[e];
		element_attr[e] = config_attrs(c->attrs);
		if (color && (c->fg >= 0 || c->bg >= 0) && c->fg < COLORS && c->bg < COLORS &&
		    e + 1 < COLOR_PAIRS) {
			init_pair((short)(e + 1), (short)c->fg, (short)c->bg);
			element_attr[e] |= COLOR_PAIR(e + 1);
		}
	}
}

/* Styles map onto elements; a few fixed attributes carry meaning even without
 * colors (emphasis underlined, strong and unread bold). */
static attr_t style_attr(unsigned style)
{
	static const struct {
		unsigned style;
		int element;
	} map[] = {
		{ STYLE_TITLE, CONFIG_ELEMENT_TITLE },
		{ STYLE_HEADING, CONFIG_ELEMENT_HEADING },
		{ STYLE_LABEL, CONFIG_ELEMENT_LABEL },
		{ STYLE_CODE, CONFIG_ELEMENT_CODE },
		{ STYLE_LINK, CONFIG_ELEMENT_LINK },
		{ STYLE_DIM | STYLE_QUOTE, CONFIG_ELEMENT_DIM },
		{ STYLE_HEADER, CONFIG_ELEMENT_HEADER },
		{ STYLE_STATUS, CONFIG_ELEMENT_STATUS },
		{ STYLE_SELECTED, CONFIG_ELEMENT_SELECTED },
		{ STYLE_MATCH, CONFIG_ELEMENT_MATCH },
	};
	attr_t a = A_NORMAL;
	if (style & (STYLE_STRONG | STYLE_UNREAD))
		a |= A_BOLD;
	if (style & STYLE_EMPH)
		a |= A_UNDERLINE;
	/* Later entries win the color; attributes accumulate. */
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (style & map[i].style) {
			attr_t e = element_attr[map[i].element];
			if (e & A_COLOR)
				a &= ~A_COLOR;
			a |= e;
		}
	return a;
}

/* Puts an ambiguous character (and the marks after it) at the cursor as two
 * blanks, and records it for the overlay. Returns the bytes it took. */
static size_t put_ambiguous(const char *s, size_t len, attr_t a)
{
	const uint8_t *u = (const uint8_t *)s;
	ucs4_t c;
	size_t n = (size_t)u8_mbtouc(&c, u, len);
	while (n < len) {
		int k = u8_mbtouc(&c, u + n, len - n);
		if (width_cp(c, 1) != 0 || n + (size_t)k >= sizeof(overlays->s))
			break;
		n += (size_t)k;
	}
	struct overlay *o;
	ALLOC_GROW(overlays, noverlays + 1, overlays_cap);
	o = &overlays[noverlays++];
	getyx(stdscr, o->y, o->x);
	o->attr = a;
	memcpy(o->s, s, n);
	o->s[n] = '\0';
	addnstr("  ", 2);
	return n;
}

static void put(const char *s, size_t len, attr_t a)
{
	if (!len)
		return;
	attrset(a);
	if (!amb_overlay) {
		addnstr(s, (int)len);
		return;
	}
	size_t i = 0, run = 0;
	while (i < len) {
		ucs4_t c;
		int k = u8_mbtouc(&c, (const uint8_t *)s + i, len - i);
		if (width_is_ambiguous(c) && width_cp(c, 1) == 1) {
			if (i > run)
				addnstr(s + run, (int)(i - run));
			i += put_ambiguous(s + i, len - i, a);
			run = i;
		} else {
			i += (size_t)k;
		}
	}
	if (len > run)
		addnstr(s + run, (int)(len - run));
}

static void blanks(int n, attr_t a)
{
	attrset(a);
	for (int i = 0; i < n; i++)
		addch(' ');
}

void draw_line(int y, int x, int w, const struct layout_line *line,
	       const struct search_query *q, unsigned extra_style)
{
	if (w <= 0 || y < 0 || y >= LINES)
		return;
	move(y, x);
	int indent = line ? line->indent : 0;
	if (indent > w)
		indent = w;
	blanks(indent, style_attr(extra_style));
	int used = indent;
	if (line && line->len && indent + line->width <= w) {
		/* The next match is looked up only once the previous one is
		 * behind; runs are cut at match boundaries. */
		size_t ms = 0, ml = 0;
		int m = q && search_find(q, line->s, line->len, 0, &ms, &ml);
		for (size_t r = 0; r < line->nruns; r++) {
			const struct layout_run *run = &line->runs[r];
			size_t at = run->start, end = run->start + run->len;
			while (at < end) {
				while (m && ms + ml <= at)
					m = search_find(q, line->s, line->len,
							ms + (ml ? ml : 1), &ms, &ml);
				size_t stop = end;
				unsigned st = run->style | extra_style;
				if (m && ms <= at) {
					st |= STYLE_MATCH;
					if (ms + ml < stop)
						stop = ms + ml;
				} else if (m && ms < stop) {
					stop = ms;
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
	if (h > 0) {
		attrset(element_attr[CONFIG_ELEMENT_BORDER]);
		mvvline(y, x, vline_ch, h);
		attrset(A_NORMAL);
	}
}

void draw_hline(int y, int x, int w)
{
	if (w > 0) {
		attrset(element_attr[CONFIG_ELEMENT_BORDER]);
		mvhline(y, x, hline_ch, w);
		attrset(A_NORMAL);
	}
}

void draw_box(int y, int x, int h, int w)
{
	if (h < 2 || w < 2)
		return;
	attrset(element_attr[CONFIG_ELEMENT_BORDER]);
	mvaddch(y, x, corner_ch[0]);
	mvaddch(y, x + w - 1, corner_ch[1]);
	mvaddch(y + h - 1, x, corner_ch[2]);
	mvaddch(y + h - 1, x + w - 1, corner_ch[3]);
	draw_hline(y, x + 1, w - 2);
	draw_hline(y + h - 1, x + 1, w - 2);
	draw_vline(y + 1, x, h - 2);
	draw_vline(y + 1, x + w - 1, h - 2);
}

void draw_flush(void)
{
	/* In a one-column terminal the last row's only cell is the lower-right
	 * corner, which ncurses (6.4) writes in insert mode after reading the
	 * cell left of it: column -1, outside the line (valgrind sees it). A
	 * plain blank there is never written; nothing fits in one column. */
	if (COLS == 1 && LINES >= 1) {
		int y, x;
		getyx(stdscr, y, x);
		attrset(A_NORMAL);
		mvaddch(LINES - 1, 0, ' ');
		move(y, x);
	}
	for (size_t i = 0; i < noverlay_rows; i++)
		if (overlay_rows[i] < LINES)
			wredrawln(stdscr, overlay_rows[i], 1);
	noverlay_rows = 0;
	refresh();
	if (noverlays) {
		/* After ncurses' own output; then back to the cursor and the
		 * attributes it believes the terminal has. */
		attr_t keep = A_NORMAL;
		for (size_t i = 0; i < noverlays; i++) {
			const struct overlay *o = &overlays[i];
			if (o->y >= LINES || o->x >= COLS)
				continue;
			putp(tparm(cursor_address, o->y, o->x));
			vidattr(o->attr);
			putp(o->s);
			if (!noverlay_rows || overlay_rows[noverlay_rows - 1] != o->y) {
				ALLOC_GROW(overlay_rows, noverlay_rows + 1, overlay_rows_cap);
				overlay_rows[noverlay_rows++] = o->y;
			}
		}
		vidattr(keep);
		int cy, cx;
		getyx(curscr, cy, cx);
		putp(tparm(cursor_address, cy, cx));
		fflush(stdout);
	}
}

void draw_begin(void)
{
	erase();
	noverlays = 0;
}

int draw_has_clipboard(void)
{
	char *ms = tigetstr("Ms");
	if (ms && ms != (char *)-1)
		return 1;
	static const char *const known[] = { "xterm", "kitty", "foot", "alacritty",
					      "wezterm", "iterm" };
	const char *term = getenv("TERM");
	for (size_t i = 0; term && i < sizeof(known) / sizeof(known[0]); i++)
		if (!strncmp(term, known[i], strlen(known[i])))
			return 1;
	return 0;
}
