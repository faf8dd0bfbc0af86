/* screen: the reader's drawing and pane geometry (see screen.h). */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "app.h"
#include "draw.h"
#include "fileio.h"
#include "i18n.h"
#include "keymap.h"
#include "launch.h"
#include "listing.h"
#include "news.h"
#include "refresh.h"
#include "screen.h"
#include "strbuf.h"
#include "sync_ui.h"

static void set_rect(struct pane *p, int y, int x, int h, int w)
{
	p->y = y;
	p->x = x;
	p->h = h > 0 ? h : 0;
	p->w = w > 0 ? w : 0;
}

/* Rows: the header, the body, the status line; the body is split by a
 * border (stacked: under the list's papers, at most two fifths down). */
void screen_layout(struct app *a)
{
	int rows = LINES, cols = COLS;
	a->rows = rows;
	a->cols = cols;
	int header = rows >= 3, status = rows >= 2;
	int by = header, bh = rows - header - status;
	set_rect(&a->list, 0, 0, 0, 0);
	set_rect(&a->paper_pane, 0, 0, 0, 0);
	set_rect(&a->digests, 0, 0, 0, 0);
	if (a->digests_open) {
		set_rect(&a->digests, by, 0, bh, cols); /* in the place of both */
	} else if (a->zoom) {
		set_rect(a->focus, by, 0, bh, cols);
	} else if (app_is_stacked(a)) {
		/* The list takes the rows its papers need, up to two fifths of
		 * the body; the paper pane the rest. */
		int lh = bh >= 7 ? bh * 2 / 5 : (bh - 1) / 2;
		long need = (long)(a->nitems ? a->nitems : 1) * app_item_rows(a);
		if (need < lh)
			lh = (int)need;
		if (lh < 1 && bh >= 1)
			lh = 1;
		set_rect(&a->list, by, 0, lh, cols);
		set_rect(&a->paper_pane, by + lh + 1, 0, bh - lh - 1, cols);
	} else {
		int lw = config_list_width(a->cfg, cols);
		if (lw > cols - 2)
			lw = cols - 2;
		set_rect(&a->list, by, 0, bh, lw);
		set_rect(&a->paper_pane, by, lw + 1, bh, cols - lw - 1);
	}
	int hw = cols - 4 < 90 ? cols - 4 : 90, hh = rows - 2;
	if (hw < 1)
		hw = cols;
	if (hh < 1)
		hh = rows;
	set_rect(&a->help, (rows - hh) / 2, (cols - hw) / 2, hh, hw);
	set_rect(&a->messages_pane, (rows - hh) / 2, (cols - hw) / 2, hh, hw);
}

/* The header's word for a listing other than a digest. listing_name's
 * names are what the user types (:view starred) and stay as they are; the
 * header says them in the reader's language. */
static const char *listing_title(enum listing_kind v)
{
	switch (v) {
	case LISTING_UNREAD:
		return C_("list header", "unread");
	case LISTING_STARRED:
		return C_("list header", "starred");
	case LISTING_LATER:
		return C_("list header", "later");
	case LISTING_SEARCH:
		return C_("list header", "search");
	case LISTING_HIDDEN:
		return C_("list header", "hidden");
	case LISTING_DIGEST:
		break;
	}
	return listing_name(v);
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
	if (a->digests_open) {
		struct pane *p = &a->digests;
		size_t n = p->ops->count(p, a), nnew = news_count(a);
		snprintf(right, sizeof(right), " %zu/%zu ", n ? p->ops->position(p, a) + 1 : 0, n);
		strbuf_addch(&left, ' ');
		if (nnew)
			strbuf_addf(&left, ngettext("digests, newest first (%lu new)",
						    "digests, newest first (%lu new)",
						    (unsigned long)nnew),
				    (unsigned long)nnew);
		else
			strbuf_addstr(&left, _("digests, newest first"));
	} else if (a->listing == LISTING_SEARCH && a->has_query) {
		strbuf_addch(&left, ' ');
		/* TRANSLATORS: the header of the search results; %s is the
		 * query. */
		strbuf_addf(&left, _("search: %s"), a->query.text);
	} else if (a->listing != LISTING_DIGEST) {
		strbuf_addf(&left, " %s", listing_title(a->listing));
	} else if (d) {
		/* The bundled sample is no day's digest: it says what it is. */
		const char *title = d->title ? d->title : d->path;
		strbuf_addch(&left, ' ');
		if (a->archive->sample)
			/* TRANSLATORS: %s is the sample digest's title. */
			strbuf_addf(&left, _("sample: %s"), title);
		else
			strbuf_addstr(&left, title);
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
	char right[256] = "";
	/* The right end: fetch progress, else the sync's (its step while it
	 * takes a third of the line at most), else which digest of how many. */
	int shown = refresh_progress(a, right, sizeof(right));
	if (!shown && (shown = sync_ui_progress(a, 0, right, sizeof(right))) &&
	    layout_width(right, strlen(right), amb) > COLS / 3)
		sync_ui_progress(a, 1, right, sizeof(right));
	if (!shown && a->listing == LISTING_DIGEST && !a->digests_open && a->archive->n > 1) {
		char at[128];
		/* TRANSLATORS: which digest of how many is shown (the plural
		 * follows the second number). */
		snprintf(at, sizeof(at), ngettext("digest %lu/%lu", "digest %lu/%lu",
						  (unsigned long)a->archive->n),
			 (unsigned long)a->digest + 1, (unsigned long)a->archive->n);
		snprintf(right, sizeof(right), " %s ", at);
	}
	int rw = layout_width(right, strlen(right), amb);
	if (rw >= COLS)
		rw = 0;
	/* The hint names the keys bound now (a config may move help or quit). */
	struct strbuf hint = STRBUF_INIT;
	static const enum action hinted[] = { ACTION_HELP, ACTION_QUIT };
	static const enum action hinted_digests[] = { ACTION_OPEN_PAPER, ACTION_QUIT };
	const char *const said[] = { C_("status hint", "help"), C_("status hint", "quit") };
	const char *const said_digests[] = { C_("status hint", "opens a digest"),
					     C_("status hint", "back") };
	const enum action *keys = a->digests_open ? hinted_digests : hinted;
	const char *const *words = a->digests_open ? said_digests : said;
	const char *pane = a->digests_open ? a->digests.ops->name : a->focus->ops->name;
	for (size_t i = 0; !a->status[0] && i < 2; i++) {
		struct strbuf k = STRBUF_INIT;
		keymap_describe(a->cfg, pane, keys[i], &k);
		if (k.len)
			strbuf_addf(&hint, "%s%.*s %s", hint.len ? "  " : "",
				    (int)strcspn(k.buf, " "), k.buf, words[i]);
		strbuf_release(&k);
	}
	const char *msg = a->status[0] ? a->status : hint.buf;
	draw_text(LINES - 1, 0, COLS - rw, msg,
		  STYLE_STATUS | (a->status[0] ? 0 : STYLE_DIM), amb);
	if (rw)
		draw_text(LINES - 1, COLS - rw, rw, right, STYLE_STATUS | STYLE_DIM, amb);
	strbuf_release(&hint);
}

static void draw_body(struct app *a)
{
	draw_begin();
	draw_header(a);
	if (a->digests.w && a->digests.h)
		a->digests.ops->draw(&a->digests, a);
	if (a->list.w && a->list.h)
		a->list.ops->draw(&a->list, a);
	if (a->paper_pane.w && a->paper_pane.h)
		a->paper_pane.ops->draw(&a->paper_pane, a);
	if (!a->zoom && a->list.h && a->paper_pane.h) {
		if (a->list.y == a->paper_pane.y)
			draw_vline(a->list.y, a->list.w, a->list.h);
		else
			draw_hline(a->list.y + a->list.h, 0, COLS);
	}
	if (a->overlay) {
		/* The box on a blank background: no pieces of the panes beside it. */
		struct pane *o = a->overlay;
		for (int y = o->y; y < o->y + o->h; y++) {
			move(y, 0);
			clrtoeol();
		}
		o->ops->draw(o, a);
	}
}

/* The prompt's line into out: whole when it fits, else scrolled
 * horizontally — the lead, an ellipsis, and as much of the end (where the
 * cursor is) as fits. Returns its width. */
static int fit_prompt(const char *line, size_t lead, int amb, struct strbuf *out)
{
	size_t len = strlen(line);
	int w = layout_width(line, len, amb);
	strbuf_reset(out);
	if (w + 1 <= COLS || COLS <= 8) {
		strbuf_add(out, line, len);
		return w;
	}
	size_t from = lead;
	int lw = layout_width(line, lead, amb) + 1; /* with the ellipsis */
	while (from < len && (((unsigned char)line[from] & 0xC0) == 0x80 ||
			      lw + layout_width(line + from, len - from, amb) + 1 > COLS))
		from++;
	strbuf_add(out, line, lead);
	strbuf_addstr(out, "\u2026");
	strbuf_add(out, line + from, len - from);
	return layout_width(out->buf, out->len, amb);
}

static void draw_prompt(struct app *a, const char *prompt, size_t lead)
{
	int amb = a->lo.ambiguous_width;
	struct strbuf line = STRBUF_INIT;
	int cursor_col = fit_prompt(prompt, lead, amb, &line);
	/* A fetch's progress stays at the right end while there is room. */
	char right[64] = "";
	int rw = refresh_progress(a, right, sizeof(right)) ? layout_width(right, strlen(right), amb)
							  : 0;
	if (cursor_col + 1 + rw > COLS)
		rw = 0;
	draw_text(LINES - 1, 0, COLS - rw, line.buf, STYLE_STATUS, amb);
	if (rw)
		draw_text(LINES - 1, COLS - rw, rw, right, STYLE_STATUS | STYLE_DIM, amb);
	move(LINES - 1, cursor_col < COLS ? cursor_col : COLS - 1);
	curs_set(1);
	strbuf_release(&line);
}

void screen_draw(struct app *a, const char *prompt, size_t lead)
{
	/* Anew each time: the terminal's size, and the stacked list's height
	 * follows the listing's papers, which change in many ways. */
	screen_layout(a);
	draw_body(a);
	if (!prompt) {
		curs_set(0);
		draw_status(a);
	} else if (LINES >= 1) {
		draw_prompt(a, prompt, lead);
	}
	draw_flush();
}

int screen_copy(const char *text, size_t len)
{
	/* Where it can go: tmux takes a plain OSC 52 itself (its set-clipboard
	 * option; the passthrough wrapping is dropped by tmux 3.3 and later
	 * unless allow-passthrough is on, which is not known here), and
	 * outside tmux the terminal must say it handles OSC 52 (terminfo's Ms,
	 * or a terminal type known to). */
	if (!osc52_in_tmux() && !draw_has_clipboard())
		return 0;
	struct strbuf seq = STRBUF_INIT;
	osc52_build(text, len, 0, &seq);
	draw_flush(); /* after what curses holds back, not inside it */
	int sent = fileio_write_all(STDOUT_FILENO, seq.buf, seq.len) == 0;
	strbuf_release(&seq);
	return sent;
}

void screen_repaint(void)
{
	clearok(curscr, TRUE);
}

void screen_suspend(void)
{
	endwin();
}

void screen_resume(void)
{
	reset_prog_mode();
	/* A resize while the program had the terminal is learned now, not at
	 * the next key: the caller lays the panes out at this size. */
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0 &&
	    (ws.ws_row != LINES || ws.ws_col != COLS))
		resizeterm(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
	draw_flush();
}
