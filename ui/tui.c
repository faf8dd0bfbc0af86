/* tui: terminal lifecycle, pane manager and event loop (see tui.h). */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "draw.h"
#include "keymap.h"
#include "prompt.h"
#include "refresh.h"
#include "strbuf.h"
#include "tui.h"
#include "util.h"

/* Below this many columns the list and the view are stacked. */
#define SIDE_BY_SIDE_MIN_COLS 80
/* How often the loop wakes without input (timed mark-read, marks written
 * by another instance). */
#define TICK_MS 1000
/* Background parsing of older digests yields to keys this often. */
#define LOAD_SLICE_MS 20

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

const struct paper *app_item_paper(const struct app *a, const struct item *it)
{
	return &a->archive->v[it->digest].papers[it->paper];
}

const char *app_key(const struct app *a, const struct item *it)
{
	return a->keys[it->digest][it->paper];
}

const struct digest *app_digest(const struct app *a)
{
	if (a->selected < a->nitems)
		return &a->archive->v[a->items[a->selected].digest];
	return a->view == VIEW_DIGEST && a->archive->n ? &a->archive->v[a->digest] : NULL;
}

const struct paper *app_paper(const struct app *a)
{
	return a->selected < a->nitems ? app_item_paper(a, &a->items[a->selected]) : NULL;
}

void app_select(struct app *a, size_t i)
{
	a->selected = a->nitems ? (i < a->nitems ? i : a->nitems - 1) : 0;
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
	set_rect(&a->view_pane, 0, 0, 0, 0);
	if (a->zoom) {
		set_rect(a->focus, by, 0, bh, cols);
	} else if (is_stacked(a)) {
		int lh = bh >= 7 ? bh * 2 / 5 : (bh - 1) / 2;
		if (lh < 1 && bh >= 1)
			lh = 1;
		set_rect(&a->list, by, 0, lh, cols);
		set_rect(&a->view_pane, by + lh + 1, 0, bh - lh - 1, cols);
	} else {
		int lw = config_list_width(a->cfg, cols);
		if (lw > cols - 2)
			lw = cols - 2;
		set_rect(&a->list, by, 0, bh, lw);
		set_rect(&a->view_pane, by, lw + 1, bh, cols - lw - 1);
	}
	int hw = cols - 4 < 90 ? cols - 4 : 90, hh = rows - 2;
	if (hw < 1)
		hw = cols;
	if (hh < 1)
		hh = rows;
	set_rect(&a->help, (rows - hh) / 2, (cols - hw) / 2, hh, hw);
}

static void draw_header(struct app *a)
{
	if (LINES < 3)
		return;
	const struct digest *d = app_digest(a);
	char right[64];
	snprintf(right, sizeof(right), " %zu/%zu ", a->nitems ? a->selected + 1 : 0,
		 a->nitems);
	struct strbuf left = STRBUF_INIT;
	if (a->view != VIEW_DIGEST) {
		strbuf_addf(&left, " %s", views_name(a->view));
		if (a->view == VIEW_SEARCH && a->has_query)
			strbuf_addf(&left, ": %s", a->query.text);
	} else if (d) {
		strbuf_addf(&left, " %s", d->title ? d->title : d->path);
		if (d->date && (!d->title || !strstr(d->title, d->date)))
			/* U+00B7 is East-Asian ambiguous. */
			strbuf_addf(&left, a->lo.ambiguous_width == 2 ? " - %s" : " · %s", d->date);
	}
	int amb = a->lo.ambiguous_width;
	int rw = layout_width(right, strlen(right), amb);
	if (rw > COLS)
		rw = 0;
	draw_text(0, 0, COLS - rw, left.buf, STYLE_HEADER, amb);
	if (rw)
		draw_text(0, COLS - rw, rw, right, STYLE_HEADER, amb);
	strbuf_release(&left);
}

static void draw_status(struct app *a)
{
	if (LINES < 2)
		return;
	int amb = a->lo.ambiguous_width;
	char right[64] = "";
	/* The right end: fetch progress, else which digest of how many. */
	if (!refresh_progress(a, right, sizeof(right)) && a->view == VIEW_DIGEST &&
	    a->archive->n > 1)
		snprintf(right, sizeof(right), " digest %zu/%zu ", a->digest + 1,
			 a->archive->n);
	int rw = layout_width(right, strlen(right), amb);
	if (rw >= COLS)
		rw = 0;
	const char *msg = a->status[0] ? a->status : "? help  q quit";
	draw_text(LINES - 1, 0, COLS - rw, msg,
		  STYLE_STATUS | (a->status[0] ? 0 : STYLE_DIM), amb);
	if (rw)
		draw_text(LINES - 1, COLS - rw, rw, right, STYLE_STATUS | STYLE_DIM, amb);
}

static void draw_body(struct app *a)
{
	erase();
	draw_header(a);
	if (a->list.w && a->list.h)
		a->list.ops->draw(&a->list, a);
	if (a->view_pane.w && a->view_pane.h)
		a->view_pane.ops->draw(&a->view_pane, a);
	if (!a->zoom && a->list.h && a->view_pane.h) {
		if (a->list.y == a->view_pane.y)
			draw_vline(a->list.y, a->list.w, a->list.h);
		else
			draw_hline(a->list.y + a->list.h, 0, COLS);
	}
	if (a->help_open) {
		/* The box on a blank background: no pieces of the panes beside it. */
		for (int y = a->help.y; y < a->help.y + a->help.h; y++) {
			move(y, 0);
			clrtoeol();
		}
		a->help.ops->draw(&a->help, a);
	}
}

static void draw_screen(struct app *a)
{
	draw_body(a);
	draw_status(a);
	draw_flush();
}

/* The prompt's view of the screen: everything, with the prompt as status. */
static void draw_with_prompt(struct app *a, const char *line, int cursor)
{
	layout_panes(a); /* the terminal may have been resized meanwhile */
	draw_body(a);
	if (LINES >= 1) {
		draw_text(LINES - 1, 0, COLS, line, STYLE_STATUS, a->lo.ambiguous_width);
		move(LINES - 1, cursor < COLS ? cursor : COLS - 1);
	}
	draw_flush();
}

/* ---- searching --------------------------------------------------------- */

struct pane_search {
	struct pane *pane;
	size_t origin;      /* where the search started: it restarts there */
};

/* As the query is typed, the pane jumps to the first match after the origin. */
static void pane_search_changed(struct app *a, const char *text, void *arg)
{
	struct pane_search *ps = arg;
	app_set_query(a, text);
	a->status[0] = '\0';
	if (a->has_query && !ps->pane->ops->search(ps->pane, a, 1, ps->origin))
		app_message(a, "not found: %s", a->query.text);
}

static void search_pane(struct app *a)
{
	struct pane *p = a->focus;
	struct pane_search ps = { p, p->ops->position(p, a) };
	size_t keep_selected = a->selected;
	char *q = prompt_read(a, "/", draw_with_prompt, pane_search_changed, &ps);
	if (!q) { /* cancelled: back where we were, nothing highlighted */
		app_set_query(a, NULL);
		app_select(a, keep_selected);
		a->status[0] = '\0';
	}
	free(q);
}

struct archive_search {
	enum view_kind view;  /* to return to on Esc */
	size_t selected;
	char *query;          /* the Search results shown before, if any */
};

static void archive_search_changed(struct app *a, const char *text, void *arg)
{
	views_search(a, text);
}

static void search_archive(struct app *a)
{
	struct archive_search as = { a->view, a->selected,
				     a->view == VIEW_SEARCH && a->has_query ? xstrdup(a->query.text)
									    : NULL };
	char *q = prompt_read(a, "find: ", draw_with_prompt, archive_search_changed, &as);
	if (!q || !*q) {
		/* Cancelled: the view as it was, earlier results and all. */
		if (as.query) {
			views_search(a, as.query);
		} else {
			app_set_query(a, NULL);
			a->view = as.view;
			views_build(a);
		}
		app_select(a, as.selected);
		a->status[0] = '\0';
	}
	free(q);
	free(as.query);
}

static void run_command(struct app *a)
{
	char *line = prompt_read(a, ":", draw_with_prompt, NULL, NULL);
	if (line)
		triage_command(a, line);
	free(line);
}

static void search_again(struct app *a, int dir)
{
	if (!a->has_query) {
		app_message(a, "no search yet: / searches here, f every digest");
		return;
	}
	struct pane *p = a->focus;
	if (!p->ops->search(p, a, dir, p->ops->position(p, a)))
		app_message(a, "not found: %s", a->query.text);
}

/* ---- actions handled by the manager ----------------------------------- */

/* The next readable digest in that direction (lazily parsed ones that turn
 * out bad are passed over, and reported). */
static void change_digest(struct app *a, int dir)
{
	if (a->view != VIEW_DIGEST) {
		views_switch(a, VIEW_DIGEST);
		return;
	}
	size_t d = a->digest;
	while (dir < 0 ? d > 0 : d + 1 < a->archive->n) {
		d = dir < 0 ? d - 1 : d + 1;
		app_ensure(a, d);
		if (!a->archive->v[d].bad) {
			a->digest = d;
			a->selected = 0;
			views_build(a);
			return;
		}
		/* Its title holds "PATH: reason"; the date says enough of where. */
		const struct digest *bad = &a->archive->v[d];
		const char *why = strstr(bad->title, ": ");
		app_message(a, "passed over %s: %s", bad->date ? bad->date : bad->path,
			    why ? why + 2 : bad->title);
	}
	if (!a->status[0])
		app_message(a, dir < 0 ? "no older digest" : "no newer digest");
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
		a->focus = a->focus == &a->list ? &a->view_pane : &a->list;
		break;
	case ACTION_FOCUS_LIST:
		a->focus = &a->list;
		break;
	case ACTION_FOCUS_VIEW:
	case ACTION_OPEN_PAPER:
		a->focus = &a->view_pane;
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
	case ACTION_VIEW_DIGEST:
		views_switch(a, VIEW_DIGEST);
		break;
	case ACTION_VIEW_UNREAD:
		views_switch(a, VIEW_UNREAD);
		break;
	case ACTION_VIEW_STARRED:
		views_switch(a, VIEW_STARRED);
		break;
	case ACTION_VIEW_LATER:
		views_switch(a, VIEW_LATER);
		break;
	case ACTION_SEARCH:
		search_pane(a);
		break;
	case ACTION_FIND:
		search_archive(a);
		break;
	case ACTION_COMMAND:
		run_command(a);
		break;
	case ACTION_SEARCH_NEXT:
		search_again(a, 1);
		break;
	case ACTION_SEARCH_PREV:
		search_again(a, -1);
		break;
	case ACTION_REFRESH:
		refresh_start(a);
		break;
	case ACTION_SECTION_NEXT:
	case ACTION_SECTION_PREV:
	case ACTION_SECTION_1:
	case ACTION_SECTION_2:
	case ACTION_SECTION_3:
	case ACTION_SECTION_4:
	case ACTION_SECTION_5:
		/* Section keys always act on the view, from either pane. */
		a->view_pane.ops->action(&a->view_pane, a, act);
		break;
	default:
		if (triage_action(a, act))
			break;
		if (!a->focus->ops->action(a->focus, a, act))
			return;
		break;
	}
	if ((act == ACTION_OPEN_PAPER || act == ACTION_FOCUS_VIEW ||
	     (act == ACTION_FOCUS_NEXT && a->focus == &a->view_pane)) &&
	    a->cfg->mark_read == CONFIG_MARK_READ_ON_OPEN)
		triage_paper_opened(a);
	layout_panes(a);
}

static void handle_mouse(struct app *a)
{
	MEVENT ev;
	if (getmouse(&ev) != OK || a->help_open)
		return;
	struct pane *panes[] = { &a->list, &a->view_pane };
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

/* The key's action in the pane that has it. */
static enum action key_action(const struct app *a, unsigned key)
{
	return keymap_action_in(a->cfg, a->help_open ? "help" : a->focus->ops->name, key);
}

/* mark-read after N seconds: the paper must stay in view that long. */
static void tick(struct app *a, time_t *shown_since, const struct paper **shown)
{
	const struct paper *p = app_paper(a);
	time_t now = time(NULL);
	if (p != *shown) {
		*shown = p;
		*shown_since = now;
	}
	if (a->cfg->mark_read == CONFIG_MARK_READ_AFTER && p && a->view_pane.h &&
	    now - *shown_since >= a->cfg->mark_read_after)
		triage_paper_opened(a);
	struct strbuf err = STRBUF_INIT;
	if (marks_refresh(a->marks, &err) > 0)
		views_build(a); /* another instance changed marks */
	strbuf_release(&err);
}

/* Parses pending digests, newest first, for about LOAD_SLICE_MS, so keys
 * are never kept waiting long. */
static void load_some(struct app *a)
{
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (size_t d = a->archive->n; a->archive->npending && d-- > 0;) {
		if (!a->archive->v[d].pending)
			continue;
		app_ensure(a, d);
		clock_gettime(CLOCK_MONOTONIC, &t);
		if ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000 >=
		    LOAD_SLICE_MS)
			break;
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
	timeout(TICK_MS);
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

static void app_init(struct app *a, struct archive *archive, struct marks *marks,
		     const struct config *cfg, const struct cli *cli,
		     const struct layout_opts *lo)
{
	memset(a, 0, sizeof(*a));
	a->archive = archive;
	a->marks = marks;
	a->cfg = cfg;
	a->cli = cli;
	a->lo = *lo;
	/* The newest readable digest first. */
	a->digest = archive->n ? archive->n - 1 : 0;
	a->layout = cfg->layout == CONFIG_LAYOUT_SIDE      ? LAYOUT_SIDE
		    : cfg->layout == CONFIG_LAYOUT_STACKED ? LAYOUT_STACKED
							   : LAYOUT_AUTO;
	a->compact = cfg->compact;
	search_results_init(&a->hits);
	list_pane_init(&a->list);
	view_pane_init(&a->view_pane);
	help_pane_init(&a->help);
	a->focus = &a->list;
	views_init_keys(a);
	while (a->digest > 0 && (app_ensure(a, a->digest), archive->v[a->digest].bad))
		a->digest--;
	views_build(a);
}

static void app_free(struct app *a)
{
	refresh_stop(a);
	a->list.ops->destroy(&a->list);
	a->view_pane.ops->destroy(&a->view_pane);
	a->help.ops->destroy(&a->help);
	app_set_query(a, NULL);
	search_results_free(&a->hits);
	prompt_forget();
	if (a->index)
		search_index_free(a->index);
	views_free(a);
}

int tui_run(struct archive *archive, struct marks *marks, const struct config *cfg,
	    const struct cli *cli, const struct layout_opts *lo, const char *message)
{
	if (ensure_utf8_locale() < 0) {
		error_msg("the reader needs a UTF-8 locale (set LANG, e.g. LANG=C.UTF-8)");
		return 1;
	}
	struct app a;
	app_init(&a, archive, marks, cfg, cli, lo);
	if (message)
		app_message(&a, "%s", message);
	keymap_init_defaults();

	util_before_die = restore_terminal;
	screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		error_msg("cannot use the terminal (TERM=%s)", getenv("TERM") ? getenv("TERM") : "");
		app_free(&a);
		return 1;
	}
	install_signals();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	timeout(TICK_MS);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	draw_init(cfg, a.lo.ambiguous_width);
	layout_panes(&a);

	/* Offline first: the cache is on screen before any byte is fetched. */
	if (!cli->offline && !cli->npaths)
		refresh_start(&a);
	time_t shown_since = time(NULL);
	const struct paper *shown = NULL;
	while (!a.quit && !caught_signal) {
		draw_screen(&a);
		wint_t ch;
		int rc;
		if (a.archive->npending && !refresh_running(&a)) {
			/* Idle: parse older digests until a key arrives. */
			timeout(0);
			rc = get_wch(&ch);
			timeout(TICK_MS);
			if (rc == ERR) {
				load_some(&a);
				continue;
			}
		} else if (refresh_running(&a)) {
			/* Transfers run until a key arrives (or a tenth of a second
			 * passes, to show progress). */
			refresh_step(&a, 100, STDIN_FILENO);
			timeout(0);
			rc = get_wch(&ch);
			timeout(TICK_MS);
		} else {
			rc = get_wch(&ch);
		}
		tick(&a, &shown_since, &shown);
		if (rc == ERR)
			continue; /* a timeout or a signal: the loop condition decides */
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
		enum action act = key_action(&a, key);
		if (act != ACTION_NONE)
			manager_action(&a, act);
		else if (a.help_open)
			a.help_open = 0;
	}

	restore_terminal();
	util_before_die = NULL;
	app_free(&a);
	if (caught_signal) {
		int sig = caught_signal;
		signal(sig, SIG_DFL);
		raise(sig);
		return 128 + sig;
	}
	return 0;
}
