/* tui: terminal lifecycle, pane manager and event loop (see tui.h). */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "app.h"
#include "draw.h"
#include "keymap.h"
#include "strbuf.h"
#include "tui.h"
#include "util.h"

/* Below this many columns the list and the view are stacked. */
#define SIDE_BY_SIDE_MIN_COLS 80

static volatile sig_atomic_t caught_signal;
static SCREEN *screen;

static void restore_terminal(void)
{
	if (screen) {
		endwin();
		delscreen(screen);
		screen = NULL;
	}
}

static void on_signal(int sig)
{
	caught_signal = sig;
}

/* ---- the app state helpers used by the panes ------------------------- */

const struct digest *app_digest(const struct app *a)
{
	return a->archive->n ? &a->archive->v[a->digest] : NULL;
}

const struct paper *app_paper(const struct app *a)
{
	const struct digest *d = app_digest(a);
	return d && a->selected < d->npapers ? &d->papers[a->selected] : NULL;
}

void app_select(struct app *a, size_t i)
{
	const struct digest *d = app_digest(a);
	size_t n = d ? d->npapers : 0;
	a->selected = n ? (i < n ? i : n - 1) : 0;
}

void app_message(struct app *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->status, sizeof(a->status), fmt, ap);
	va_end(ap);
}

/* ---- pane manager ----------------------------------------------------- */

static int is_stacked(const struct app *a)
{
	if (a->layout == LAYOUT_AUTO)
		return COLS < SIDE_BY_SIDE_MIN_COLS;
	return a->layout == LAYOUT_STACKED;
}

static void set_rect(struct pane *p, int y, int x, int h, int w)
{
	p->y = y;
	p->x = x;
	p->h = h > 0 ? h : 0;
	p->w = w > 0 ? w : 0;
}

/* Gives every pane its rectangle for the current size and mode. Rows: the
 * header, the body, the status line; the body is split by a border. */
static void layout_panes(struct app *a)
{
	int rows = LINES, cols = COLS;
	int header = rows >= 3, status = rows >= 2;
	int by = header, bh = rows - header - status;
	set_rect(&a->list, 0, 0, 0, 0);
	set_rect(&a->view, 0, 0, 0, 0);
	if (a->zoom) {
		set_rect(a->focus, by, 0, bh, cols);
	} else if (is_stacked(a)) {
		int lh = bh >= 7 ? bh * 2 / 5 : (bh - 1) / 2;
		if (lh < 1 && bh >= 1)
			lh = 1;
		set_rect(&a->list, by, 0, lh, cols);
		set_rect(&a->view, by + lh + 1, 0, bh - lh - 1, cols);
	} else {
		int lw = cols * 2 / 5;
		if (lw > 60)
			lw = 60;
		set_rect(&a->list, by, 0, bh, lw);
		set_rect(&a->view, by, lw + 1, bh, cols - lw - 1);
	}
	int hw = cols - 4 < 90 ? cols - 4 : 90, hh = rows - 2;
	if (hw < 1)
		hw = cols;
	if (hh < 1)
		hh = rows;
	set_rect(&a->help, (rows - hh) / 2, (cols - hw) / 2, hh, hw);
	struct pane *panes[] = { &a->list, &a->view, &a->help };
	for (size_t i = 0; i < 3; i++)
		if (panes[i]->ops->resize)
			panes[i]->ops->resize(panes[i], a);
}

static void draw_header(struct app *a)
{
	if (LINES < 3)
		return;
	const struct digest *d = app_digest(a);
	char right[64];
	snprintf(right, sizeof(right), " %zu/%zu ", d && d->npapers ? a->selected + 1 : 0,
		 d ? d->npapers : 0);
	struct strbuf left = STRBUF_INIT;
	if (d) {
		strbuf_addf(&left, " %s", d->title ? d->title : d->path);
		if (d->date && (!d->title || !strstr(d->title, d->date)))
			strbuf_addf(&left, " · %s", d->date);
	}
	int amb = a->lo.ambiguous_width;
	int rw = layout_width(right, strlen(right), amb);
	if (rw > COLS)
		rw = 0;
	draw_text(0, 0, COLS - rw, left.buf, STYLE_TITLE | STYLE_SELECTED, amb);
	if (rw)
		draw_text(0, COLS - rw, rw, right, STYLE_TITLE | STYLE_SELECTED, amb);
	strbuf_release(&left);
}

static void draw_status(struct app *a, const char *prompt)
{
	if (LINES < 2)
		return;
	int amb = a->lo.ambiguous_width;
	if (prompt) {
		draw_text(LINES - 1, 0, COLS, prompt, STYLE_PLAIN, amb);
		return;
	}
	char right[64] = "";
	if (a->archive->n > 1)
		snprintf(right, sizeof(right), " digest %zu/%zu ", a->digest + 1,
			 a->archive->n);
	int rw = layout_width(right, strlen(right), amb);
	if (rw >= COLS)
		rw = 0;
	const char *msg = a->status[0] ? a->status : "? help  q quit";
	draw_text(LINES - 1, 0, COLS - rw, msg, a->status[0] ? STYLE_PLAIN : STYLE_DIM, amb);
	if (rw)
		draw_text(LINES - 1, COLS - rw, rw, right, STYLE_DIM, amb);
}

static void draw_screen(struct app *a, const char *prompt)
{
	erase();
	draw_header(a);
	if (a->list.w && a->list.h)
		a->list.ops->draw(&a->list, a);
	if (a->view.w && a->view.h)
		a->view.ops->draw(&a->view, a);
	if (!a->zoom && a->list.h && a->view.h) {
		if (a->list.y == a->view.y)
			draw_vline(a->list.y, a->list.w, a->list.h);
		else
			draw_hline(a->list.y + a->list.h, 0, COLS);
	}
	if (a->help_open)
		a->help.ops->draw(&a->help, a);
	draw_status(a, prompt);
	refresh();
}

/* ---- the search prompt ------------------------------------------------ */

/* Reads a line in the status line. Returns a sanitized string, or NULL when
 * cancelled with Esc (or an interrupt). */
static char *prompt_read(struct app *a, const char *lead)
{
	struct strbuf in = STRBUF_INIT, shown = STRBUF_INIT;
	curs_set(1);
	for (;;) {
		strbuf_reset(&shown);
		strbuf_addstr(&shown, lead);
		layout_sanitize(in.buf, in.len, &shown);
		draw_screen(a, shown.buf);
		int cx = layout_width(shown.buf, shown.len, a->lo.ambiguous_width);
		move(LINES - 1, cx < COLS ? cx : COLS - 1);
		refresh();
		wint_t ch;
		int rc = get_wch(&ch);
		if (caught_signal || rc == ERR) {
			if (caught_signal)
				break;
			continue;
		}
		if (rc == KEY_CODE_YES) {
			if (ch == KEY_BACKSPACE) {
				goto backspace;
			} else if (ch == KEY_ENTER) {
				goto done;
			} else if (ch == KEY_RESIZE) {
				layout_panes(a);
			}
			continue;
		}
		if (ch == 27) /* Esc */
			break;
		if (ch == '\n' || ch == '\r')
			goto done;
		if (ch == 127 || ch == 8) {
backspace:
			if (!in.len)
				break; /* backspace on an empty prompt cancels, as in less */
			size_t n = in.len;
			while (n > 0 && ((unsigned char)in.buf[n - 1] & 0xC0) == 0x80)
				n--;
			strbuf_setlen(&in, n ? n - 1 : 0);
			continue;
		}
		if (ch == 21) { /* C-u clears */
			strbuf_reset(&in);
			continue;
		}
		if (ch < 0x20)
			continue;
		char mb[MB_LEN_MAX];
		mbstate_t st;
		memset(&st, 0, sizeof(st));
		size_t k = wcrtomb(mb, (wchar_t)ch, &st);
		if (k != (size_t)-1 && in.len < 1024)
			strbuf_add(&in, mb, k);
	}
	curs_set(0);
	strbuf_release(&in);
	strbuf_release(&shown);
	return NULL;
done:
	curs_set(0);
	strbuf_reset(&shown);
	layout_sanitize(in.buf, in.len, &shown);
	strbuf_release(&in);
	return strbuf_detach(&shown, NULL);
}

/* ---- actions handled by the manager ----------------------------------- */

static void change_digest(struct app *a, int dir)
{
	size_t n = a->archive->n;
	if ((dir < 0 && a->digest == 0) || (dir > 0 && a->digest + 1 >= n)) {
		app_message(a, dir < 0 ? "no older digest" : "no newer digest");
		return;
	}
	a->digest = dir < 0 ? a->digest - 1 : a->digest + 1;
	a->selected = 0;
	view_pane_invalidate(&a->view);
}

static void run_search(struct app *a, int dir)
{
	if (!a->search || !*a->search) {
		app_message(a, "no search yet: press / to search");
		return;
	}
	struct pane *p = a->search_pane ? a->search_pane : a->focus;
	if (!p->ops->search(p, a, dir))
		app_message(a, "not found: %s", a->search);
}

static void manager_action(struct app *a, enum action act)
{
	a->status[0] = '\0';
	if (a->help_open) {
		a->help.ops->action(&a->help, a, act);
		if (act != ACTION_REDRAW)
			return;
	}
	switch (act) {
	case ACTION_QUIT:
		a->quit = 1;
		return;
	case ACTION_HELP:
		a->help_open = 1;
		return;
	case ACTION_REDRAW:
		clearok(curscr, TRUE);
		return;
	case ACTION_FOCUS_NEXT:
		a->focus = a->focus == &a->list ? &a->view : &a->list;
		break;
	case ACTION_FOCUS_LIST:
		a->focus = &a->list;
		break;
	case ACTION_FOCUS_VIEW:
	case ACTION_OPEN_PAPER:
		a->focus = &a->view;
		break;
	case ACTION_TOGGLE_STACKED:
		a->layout = is_stacked(a) ? LAYOUT_SIDE : LAYOUT_STACKED;
		break;
	case ACTION_TOGGLE_ZOOM:
		a->zoom = !a->zoom;
		break;
	case ACTION_TOGGLE_COMPACT:
		a->compact = !a->compact;
		app_message(a, a->compact ? "compact triage: Goal under each title"
					  : "compact triage off");
		break;
	case ACTION_DIGEST_PREV:
		change_digest(a, -1);
		break;
	case ACTION_DIGEST_NEXT:
		change_digest(a, 1);
		break;
	case ACTION_SEARCH: {
		char *q = prompt_read(a, "/");
		if (q && *q) {
			free(a->search);
			a->search = q;
			a->search_pane = a->focus;
			run_search(a, 1);
		} else {
			free(q);
		}
		break;
	}
	case ACTION_SEARCH_NEXT:
		run_search(a, 1);
		break;
	case ACTION_SEARCH_PREV:
		run_search(a, -1);
		break;
	case ACTION_SECTION_NEXT:
	case ACTION_SECTION_PREV:
	case ACTION_SECTION_1:
	case ACTION_SECTION_2:
	case ACTION_SECTION_3:
	case ACTION_SECTION_4:
	case ACTION_SECTION_5:
		/* Section keys always act on the view, from either pane. */
		a->view.ops->action(&a->view, a, act);
		break;
	default:
		if (!a->focus->ops->action(a->focus, a, act))
			return;
		break;
	}
	layout_panes(a);
}

static void handle_mouse(struct app *a)
{
	MEVENT ev;
	if (getmouse(&ev) != OK)
		return;
	struct pane *panes[] = { &a->list, &a->view };
	for (size_t i = 0; i < 2; i++) {
		struct pane *p = panes[i];
		if (!p->w || !pane_contains(p, ev.y, ev.x))
			continue;
		if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
			enum action act = ev.bstate & BUTTON4_PRESSED ? ACTION_MOVE_UP
								     : ACTION_MOVE_DOWN;
			for (int k = 0; k < 3; k++)
				p->ops->action(p, a, act);
		} else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) {
			a->focus = p;
			if (p->ops->click)
				p->ops->click(p, a, ev.y - p->y, ev.x - p->x);
		}
	}
}

/* After an Esc: when more bytes follow at once, they are the rest of an
 * escape sequence curses did not recognize (End on a vt100 entry, say). Reads
 * them up to the final byte so they are not taken as keys. Returns 1 when a
 * sequence was swallowed, 0 for a lone Esc. */
static int swallow_escape_sequence(void)
{
	wint_t ch;
	nodelay(stdscr, TRUE);
	int rc = get_wch(&ch);
	int swallowed = 0;
	if (rc == OK && (ch == '[' || ch == 'O')) {
		swallowed = 1;
		/* CSI parameters, then one final byte in 0x40..0x7e. */
		for (int i = 0; i < 32; i++) {
			rc = get_wch(&ch);
			if (rc != OK || (ch >= 0x40 && ch <= 0x7e))
				break;
		}
	} else if (rc == KEY_CODE_YES) {
		ungetch((int)ch);
	} else if (rc == OK) {
		unget_wch((wchar_t)ch);
	}
	nodelay(stdscr, FALSE);
	return swallowed;
}

/* ---- terminal setup --------------------------------------------------- */

/* The reader draws UTF-8; a non-UTF-8 locale gets C.UTF-8 when it exists. */
static int ensure_utf8_locale(void)
{
	if (!strcmp(nl_langinfo(CODESET), "UTF-8"))
		return 0;
	if (setlocale(LC_CTYPE, "C.UTF-8") && !strcmp(nl_langinfo(CODESET), "UTF-8"))
		return 0;
	return -1;
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal interrupts get_wch so the loop sees it. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

const char *tui_library_version(void)
{
	return curses_version();
}

int tui_run(struct archive *archive, const struct layout_opts *lo,
	    const char *message)
{
	if (ensure_utf8_locale() < 0) {
		error_msg("the reader needs a UTF-8 locale (set LANG, e.g. LANG=C.UTF-8)");
		return 1;
	}
	struct app a;
	memset(&a, 0, sizeof(a));
	a.archive = archive;
	a.digest = archive->n ? archive->n - 1 : 0; /* newest first */
	a.lo = *lo;
	list_pane_init(&a.list);
	view_pane_init(&a.view);
	help_pane_init(&a.help);
	a.focus = &a.list;
	if (message)
		app_message(&a, "%s", message);
	keymap_init_defaults();

	util_before_die = restore_terminal;
	screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		error_msg("cannot use the terminal (TERM=%s)", getenv("TERM") ? getenv("TERM") : "");
		return 1;
	}
	install_signals();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	draw_init();
	layout_panes(&a);

	while (!a.quit && !caught_signal) {
		draw_screen(&a, NULL);
		wint_t ch;
		int rc = get_wch(&ch);
		if (rc == ERR)
			continue; /* interrupted: the loop condition sees signals */
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			layout_panes(&a);
			continue;
		}
		if (rc == KEY_CODE_YES && ch == KEY_MOUSE) {
			handle_mouse(&a);
			continue;
		}
		unsigned key = keymap_from_curses(rc == KEY_CODE_YES, (unsigned)ch);
		if (key == 27 && swallow_escape_sequence())
			continue; /* a key this terminal's terminfo does not know */
		if (key == 27 && a.help_open) {
			a.help_open = 0;
			continue;
		}
		enum action act = keymap_lookup(key);
		if (act != ACTION_NONE)
			manager_action(&a, act);
		else if (a.help_open)
			a.help_open = 0;
	}

	restore_terminal();
	util_before_die = NULL;
	a.list.ops->destroy(&a.list);
	a.view.ops->destroy(&a.view);
	a.help.ops->destroy(&a.help);
	free(a.search);
	if (caught_signal) {
		int sig = caught_signal;
		signal(sig, SIG_DFL);
		raise(sig);
		return 128 + sig;
	}
	return 0;
}
