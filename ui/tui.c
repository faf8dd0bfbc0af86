/* tui: terminal lifecycle, signals and the event loop (see tui.h). Every
 * state's keys go through input.c; the loop acts on the ui_result bits that
 * come back and sleeps in ppoll() until a key, a signal, a change another
 * process made (watch.c), the end of the for-me model's learning child
 * (forme_ui.c), or the next timer. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "draw.h"
#include "archive_search.h"
#include "forme_ui.h"
#include "i18n.h"
#include "input.h"
#include "keymap.h"
#include "listing.h"
#include "news.h"
#include "prompt.h"
#include "reading.h"
#include "refresh.h"
#include "screen.h"
#include "strbuf.h"
#include "sync_ui.h"
#include "testknob.h"
#include "tui.h"
#include "util.h"
#include "watch.h"

/* Background parsing of older digests yields to keys this often. */
#define LOAD_SLICE_MS 20
/* A running fetch is stepped this long at most between looks at the keys
 * and signals. */
#define FETCH_STEP_MS 100
/* The terminal said it has input this many times in a row and gave none:
 * it is gone (EOF, EIO). */
#define DEAD_TERMINAL_POLLS 20

static volatile sig_atomic_t quit_signal; /* SIGTERM, SIGHUP: leave */
static volatile sig_atomic_t interrupts;  /* SIGINT: cancel a prompt, or leave */
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
	if (sig == SIGINT)
		interrupts = 1;
	else
		quit_signal = sig;
}

/* A browser or yank command closing its pipe must not stop the reader; a
 * handler (not SIG_IGN) so the programs it starts get the default back. */
static void on_sigpipe(int sig)
{
	(void)sig;
}

/* The reader draws UTF-8; a non-UTF-8 locale gets C.UTF-8 when it exists. */
static int ensure_utf8_locale(void)
{
	if (!strcmp(nl_langinfo(CODESET), "UTF-8"))
		return 0;
	if (setlocale(LC_CTYPE, "C.UTF-8") && !strcmp(nl_langinfo(CODESET), "UTF-8"))
		return 0;
	return -1;
}

/* The loop's signals are blocked except while it sleeps in ppoll, so none
 * arrives between a look at the flags and the sleep. *wait_mask is the mask
 * to sleep with. */
static void install_signals(sigset_t *wait_mask)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal interrupts the sleep so the loop sees it. */
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_sigpipe;
	sigaction(SIGPIPE, &sa, NULL);

	sigset_t block;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGWINCH); /* curses' handler: KEY_RESIZE */
	sigprocmask(SIG_BLOCK, &block, wait_mask);
	sigdelset(wait_mask, SIGINT);
	sigdelset(wait_mask, SIGTERM);
	sigdelset(wait_mask, SIGHUP);
	sigdelset(wait_mask, SIGWINCH);
}

/* ---- the loop's state -------------------------------------------------------- */

struct loop {
	struct app *a;
	struct input in;
	int dirty;                  /* the screen needs drawing */
	int quit;
	int hangup;                 /* the terminal is gone */
	int dead_polls;             /* see DEAD_TERMINAL_POLLS */
};

static void act_on(struct loop *l, ui_result r)
{
	struct app *a = l->a;
	if (r & UI_OPENED)
		reading_note(a, READING_OPENED, NULL);
	if (r & UI_REBUILD)
		listing_build(a);
	else if (r & UI_RESORT)
		listing_resort(a);
	if (r & UI_MOVED)
		reading_note(a, READING_MOVED, NULL);
	if (r & (UI_LAYOUT | UI_REBUILD))
		screen_layout(a);
	if (r & UI_REPAINT)
		screen_repaint();
	if (r & UI_QUIT)
		l->quit = 1;
	/* Keys that come together are drawn together: what each one showed
	 * counts as seen all the same. */
	news_note_shown(a);
	l->dirty = 1;
}

/* After an Esc: when more bytes follow at once, they are the rest of an
 * escape sequence curses did not recognize (End on a vt100 entry, say). Reads
 * them up to the final byte so they are not taken as keys. Returns 1 when a
 * sequence was swallowed, 0 for a lone Esc. */
static int swallow_escape_sequence(void)
{
	wint_t ch;
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
	return swallowed;
}

static void handle_mouse(struct loop *l)
{
	MEVENT ev;
	if (getmouse(&ev) != OK)
		return;
	struct input_mouse m = { INPUT_CLICK, ev.y, ev.x };
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED))
		m.kind = ev.bstate & BUTTON4_PRESSED ? INPUT_WHEEL_UP : INPUT_WHEEL_DOWN;
	else if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		return;
	act_on(l, input_mouse(&l->in, l->a, &m));
}

/* Takes every key curses has (get_wch does not wait: timeout 0). Returns how
 * many it read. */
static int read_keys(struct loop *l)
{
	int n = 0;
	while (!l->quit) {
		wint_t ch;
		int rc = get_wch(&ch);
		if (rc == ERR)
			break;
		n++;
		l->dirty = 1;
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			screen_layout(l->a);
			continue;
		}
		if (rc == KEY_CODE_YES && ch == KEY_MOUSE) {
			handle_mouse(l);
			continue;
		}
		unsigned key = keymap_from_curses(rc == KEY_CODE_YES, (unsigned)ch);
		if (key == 27 && swallow_escape_sequence())
			continue; /* a key this terminal's terminfo does not know */
		act_on(l, input_key(&l->in, l->a, key));
	}
	return n;
}

static void draw(struct loop *l)
{
	struct strbuf line = STRBUF_INIT;
	size_t lead = 0;
	int open = input_prompt_line(&l->in, l->a, &line, &lead);
	screen_draw(l->a, open ? line.buf : NULL, lead);
	strbuf_release(&line);
	l->dirty = 0;
}

/* The timeout of the loop's ppoll: ms until the next timer (0: do not
 * sleep, work is waiting), or -1 for none. */
static int poll_timeout_ms(struct loop *l, long mark_read_due)
{
	struct app *a = l->a;
	long t = -1;
	if (a->archive->npending && !refresh_running(a))
		return 0; /* lazy loading: look at the keys, then load a slice */
	if (refresh_running(a))
		return 0; /* the fetch's step below does the waiting */
	if (mark_read_due >= 0)
		t = mark_read_due;
	long due = watch_due(a); /* other processes' changes, without inotify */
	if (due >= 0)
		t = t < 0 || due < t ? due : t;
	due = forme_ui_due(a); /* learning the for-me model again */
	if (due >= 0)
		t = t < 0 || due < t ? due : t;
	return t > INT_MAX ? INT_MAX : (int)t;
}

static void run(struct loop *l, const sigset_t *wait_mask)
{
	struct app *a = l->a;
	int forme_readable = 0;
	while (!l->quit && !quit_signal && !l->hangup) {
		if (interrupts) {
			interrupts = 0;
			ui_result r = input_interrupt(&l->in, a);
			if (r & UI_QUIT) {
				quit_signal = SIGINT;
				break;
			}
			act_on(l, r);
		}
		int got = read_keys(l);
		if (l->quit)
			break;
		long mark_read_due;
		if (reading_note(a, READING_SHOWN, &mark_read_due))
			l->dirty = 1;
		news_note_shown(a);
		/* Before the sleep: a mark just made starts the for-me
		 * model's quiet time, whose end wakes the loop. */
		ui_result learned = forme_ui_step(a, forme_readable);
		forme_readable = 0;
		if (learned)
			act_on(l, learned);
		if (l->dirty)
			draw(l);

		/* The terminal, what watch.c watches, the for-me child, then the
		 * sync; a negative fd (no inotify, no child, no sync) is ignored
		 * by ppoll. */
		struct pollfd fds[3 + WATCH_NFDS] = { { STDIN_FILENO, POLLIN, 0 } };
		int wfd[WATCH_NFDS], readable[WATCH_NFDS];
		watch_fds(a, wfd);
		for (int i = 0; i < WATCH_NFDS; i++)
			fds[1 + i] = (struct pollfd){ wfd[i], POLLIN, 0 };
		fds[1 + WATCH_NFDS] = (struct pollfd){ forme_ui_fd(a), POLLIN, 0 };
		fds[2 + WATCH_NFDS] = (struct pollfd){ sync_ui_fd(a), POLLIN, 0 };
		int rc, timeout = poll_timeout_ms(l, mark_read_due);
		struct timespec ts = { timeout / 1000, (timeout % 1000) * 1000000L };
		rc = ppoll(fds, 3 + WATCH_NFDS, timeout < 0 ? NULL : &ts, wait_mask);
		if (rc > 0)
			forme_readable = (fds[1 + WATCH_NFDS].revents & (POLLIN | POLLHUP)) != 0;
		if (rc < 0) {
			if (errno == EINTR) {
				/* Back from C-z, a resize: paint it all anew. */
				screen_repaint();
				l->dirty = 1;
			}
			continue;
		}
		if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
			l->hangup = 1;
			break;
		}
		/* Readable again and again with no key: EOF or EIO. */
		if (fds[0].revents & POLLIN) {
			l->dead_polls = got ? 0 : l->dead_polls + 1;
			if (l->dead_polls > DEAD_TERMINAL_POLLS) {
				l->hangup = 1;
				break;
			}
			continue; /* keys first */
		}
		l->dead_polls = 0;
		for (int i = 0; i < WATCH_NFDS; i++)
			readable[i] = (fds[1 + i].revents & POLLIN) != 0;
		ui_result changed = watch_check(a, readable, refresh_fetching_posts(a));
		if (changed)
			act_on(l, changed);
		if (fds[2 + WATCH_NFDS].revents & (POLLIN | POLLHUP))
			act_on(l, sync_ui_step(a));
		if (refresh_running(a)) {
			/* Transfers run until a key arrives (or a tenth of a second
			 * passes, to show progress). */
			act_on(l, refresh_step(a, FETCH_STEP_MS, STDIN_FILENO));
		} else if (a->archive->npending) {
			/* Idle: parse older digests until a key arrives. */
			app_load_slice(a, LOAD_SLICE_MS, STDIN_FILENO);
			if (a->listing == LISTING_SEARCH && archive_search_settle(a, 0) < a->hits.n)
				listing_build(a); /* hits in the digests just parsed */
			l->dirty = 1;
		}
	}
}

/* Quitting with sync-git set: a last sync carries this session's marks and
 * notes (after the one running, if any), waited for at most
 * SYNC_UI_QUIT_MS; a key or a signal stops the wait, and what is left
 * finishes in the background. */
static void sync_before_quit(struct loop *l, const sigset_t *wait_mask)
{
	struct app *a = l->a;
	long until = app_now_ms() +
		     testknob_range(TESTKNOB_QUIT_SYNC_MS, 0, 600000, SYNC_UI_QUIT_MS);
	int last = 0;
	while (!quit_signal && !interrupts && !l->hangup) {
		if (!sync_ui_running(a) && (last++ || !sync_ui_start(a) || !sync_ui_running(a)))
			break;
		app_message(a, "%s",
			    _("syncing before quitting (a key leaves it to finish in the background)"));
		draw(l);
		long left = until - app_now_ms();
		if (left <= 0)
			break;
		struct pollfd fds[2] = { { STDIN_FILENO, POLLIN, 0 }, { sync_ui_fd(a), POLLIN, 0 } };
		struct timespec ts = { left / 1000, (left % 1000) * 1000000L };
		if (ppoll(fds, 2, &ts, wait_mask) > 0 && fds[0].revents)
			break;
		sync_ui_step(a);
	}
}

int tui_run(struct archive *archive, struct marks *marks, const struct config *cfg,
	    const struct cli *cli, const struct layout_opts *lo, const char *message)
{
	if (ensure_utf8_locale() < 0) {
		/* Not translated: the translations are UTF-8, which this
		 * locale's terminal would not show. */
		error_msg("the reader needs a UTF-8 locale (set LANG, e.g. LANG=C.UTF-8)");
		return 1;
	}
	struct app a;
	app_init(&a, archive, marks, cfg, cli, lo);
	app_recall_choices(&a);
	pane_init(&a.list, &list_pane_ops);
	pane_init(&a.paper_pane, &paper_pane_ops);
	pane_init(&a.help, &help_pane_ops);
	pane_init(&a.digests, &digests_pane_ops);
	pane_init(&a.messages_pane, &messages_pane_ops);
	/* What is new is the cache's: named files are read as they are. */
	if (!cli->npaths)
		news_start(&a, NULL);
	a.opening = 1;
	listing_open_where_the_work_is(&a);
	if (message)
		app_message(&a, "%s", message);
	keymap_init_defaults();

	struct loop l;
	memset(&l, 0, sizeof(l));
	l.a = &a;
	l.dirty = 1;
	input_init(&l.in);

	util_before_die = restore_terminal;
	screen = newterm(NULL, stdout, stdin);
	int status = 0;
	if (!screen) {
		error_msg(_("cannot use the terminal (TERM=%s)"), getenv("TERM") ? getenv("TERM") : "");
		status = 1;
	} else {
		sigset_t wait_mask;
		install_signals(&wait_mask);
		cbreak();
		noecho();
		nonl();
		keypad(stdscr, TRUE);
		curs_set(0);
		set_escdelay(25);
		timeout(0); /* the loop waits in ppoll, never in curses */
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED,
			  NULL);
		mouseinterval(0);
		draw_init(cfg, a.lo.ambiguous_width);
		screen_layout(&a);
		watch_start(&a);

		/* Offline first: the cache is on screen before any byte is fetched. */
		if (!cli->offline && !cli->npaths)
			refresh_start(&a);
		sync_ui_start(&a);
		run(&l, &wait_mask);
		if (l.quit && !quit_signal)
			sync_before_quit(&l, &wait_mask);
		restore_terminal();
		sigprocmask(SIG_SETMASK, &wait_mask, NULL);
	}
	util_before_die = NULL;
	input_free(&l.in);
	refresh_stop(&a);
	watch_stop(&a);
	struct strbuf err = STRBUF_INIT;
	sync_ui_stop(&a, &err);
	if (err.len)
		error_msg("%s", err.buf);
	strbuf_reset(&err);
	news_stop(&a, &err);
	if (err.len)
		error_msg("%s", err.buf);
	strbuf_release(&err);
	forme_ui_stop(&a);
	pane_free(&a.list);
	pane_free(&a.paper_pane);
	pane_free(&a.help);
	pane_free(&a.digests);
	pane_free(&a.messages_pane);
	prompt_forget();
	reading_free(&a);
	app_free(&a);
	if (quit_signal)
		return 128 + quit_signal;
	if (l.hangup)
		return 128 + SIGHUP;
	return status;
}
