/* triage: marks, opening, yanking and the ':' commands (see triage.h).
 * Everything it changes goes through src/marks.c, src/urls.c, src/launch.c and
 * src/export.c; this file only picks the paper and reports in the status
 * line. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "commands.h"
#include "draw.h"
#include "export.h"
#include "launch.h"
#include "layout.h"
#include "screen.h"
#include "strbuf.h"
#include "render.h"
#include "triage.h"
#include "urls.h"
#include "util.h"
#include "listing.h"

static const char *mark_name(unsigned flag)
{
	switch (flag) {
	case MARK_STAR:
		return "starred";
	case MARK_READ:
		return "read";
	case MARK_LATER:
		return "in the reading queue";
	default:
		return "hidden";
	}
}

/* Said after every change of marks that could not reach the marks file
 * (a read-only state directory, no HOME): the mark is gone at exit. */
static const char *unsaved_note(const struct app *a)
{
	return marks_path(a->marks) ? "" : " (marks in memory only: not saved)";
}

/* "2025-11-04 #2 Title…": the paper of key, for messages (the listing's
 * copy first, else its newest appearance). */
static void describe_paper(struct app *a, const char *key, struct strbuf *out)
{
	const struct digest *dg = NULL;
	const struct paper *p = NULL;
	for (size_t i = 0; i < a->nitems && !p; i++)
		if (!strcmp(app_key(a, &a->items[i]), key)) {
			dg = &a->archive->v[a->items[i].digest];
			p = app_item_paper(a, &a->items[i]);
		}
	for (size_t d = a->archive->n; !p && d-- > 0;)
		for (size_t i = 0; a->keys[d] && i < a->archive->v[d].npapers; i++)
			if (!strcmp(a->keys[d][i], key)) {
				dg = &a->archive->v[d];
				p = &dg->papers[i];
				break;
			}
	if (!p) {
		strbuf_addstr(out, key);
		return;
	}
	strbuf_addf(out, "%s #%d ", dg->date ? dg->date : "undated", p->number);
	/* Titles come from the network: layout_fit sanitizes them, and cuts
	 * them with an ellipsis to leave room for the rest of the message. */
	struct layout_line l;
	layout_fit(&p->title, 40, a->lo.ambiguous_width, &l);
	size_t len = l.len;
	while (len && l.s[len - 1] == ' ')
		len--;
	strbuf_add(out, l.s, len);
	layout_line_free(&l);
}

static void toggle(struct app *a, unsigned flag)
{
	if (!app_item(a)) {
		app_message(a, "no paper here to mark");
		return;
	}
	struct strbuf err = STRBUF_INIT;
	const char *key = app_key(a, app_item(a));
	int on = marks_toggle(a->marks, key, flag, &err);
	if (err.len)
		app_message(a, "%s", err.buf);
	else if (on >= 0)
		app_message(a, "%s%s%s", on ? "" : "no longer ", mark_name(flag),
			    unsaved_note(a));
	strbuf_release(&err);
	/* On to the next paper; the rebuild keeps it selected even when the
	 * marked one leaves the list (hidden, read in Unread). */
	if (a->cfg->advance && a->selected + 1 < a->nitems)
		app_select(a, a->selected + 1);
}

/* "unstarred", "no longer hidden": what undoing a change of mask back to
 * old did. */
static const char *undo_verb(unsigned mask, unsigned old)
{
	unsigned f = mask & MARK_STAR    ? MARK_STAR
		     : mask & MARK_LATER ? MARK_LATER
		     : mask & MARK_HIDDEN ? MARK_HIDDEN
					  : MARK_READ;
	int now_on = (old & f) != 0;
	switch (f) {
	case MARK_STAR:
		return now_on ? "starred again" : "unstarred";
	case MARK_LATER:
		return now_on ? "back in the reading queue" : "out of the reading queue";
	case MARK_HIDDEN:
		return now_on ? "hidden again" : "shown again";
	default:
		return now_on ? "read again" : "unread again";
	}
}

/* Undoes the last change, says what it was, and selects that paper again
 * (rebuilding the list, where an unhidden paper comes back). */
static void undo(struct app *a)
{
	struct strbuf err = STRBUF_INIT, what = STRBUF_INIT;
	const char *k;
	unsigned mask = 0, old = 0;
	size_t nkeys = 0;
	char *key = NULL;
	if (marks_undo_peek(a->marks, &k, &mask, &old, &nkeys)) {
		key = xstrdup(k);
		if (nkeys > 1) {
			strbuf_addf(&what, "%s: %zu papers", undo_verb(mask, old), nkeys);
		} else {
			strbuf_addf(&what, "%s ", undo_verb(mask, old));
			describe_paper(a, key, &what);
		}
	}
	int rc = marks_undo(a->marks, &err);
	if (err.len)
		app_message(a, "%s", err.buf);
	else if (rc > 0)
		app_message(a, "%s%s", what.buf, unsaved_note(a));
	else
		app_message(a, "nothing to undo");
	if (rc > 0 && key && nkeys == 1) {
		listing_build(a);
		listing_select_key(a, key);
	}
	free(key);
	strbuf_release(&what);
	strbuf_release(&err);
}

static void digest_read(struct app *a)
{
	const struct digest *d = app_digest(a);
	if (!d || !a->nitems) {
		app_message(a, "no paper in this digest to mark read");
		return;
	}
	struct strbuf err = STRBUF_INIT;
	if (marks_digest_read(a->marks, d, &err) < 0 || err.len)
		app_message(a, "%s", err.buf);
	else
		app_message(a, "every paper of %s marked read (u undoes)%s",
			    d->date ? d->date : "this digest", unsaved_note(a));
	strbuf_release(&err);
}

/* A graphical browser is started detached and the screen is not disturbed;
 * a terminal browser (browser-terminal yes) gets the terminal meanwhile. */
int triage_open_url(struct app *a, const char *url)
{
	struct strbuf err = STRBUF_INIT;
	int in_terminal = a->cfg->browser_terminal;
	if (in_terminal)
		screen_suspend();
	int rc = launch_browser(a->cfg->browser, url,
				in_terminal ? LAUNCH_WAIT : LAUNCH_DETACHED, &err);
	if (in_terminal)
		screen_resume();
	if (rc < 0)
		app_message(a, "%s", err.buf);
	strbuf_release(&err);
	return rc;
}

static void open_paper(struct app *a, enum url_kind kind)
{
	const struct paper *p = app_paper(a);
	if (!p) {
		app_message(a, "no paper here to open");
		return;
	}
	char *url = url_for_paper(p, kind, a->cfg->alphaxiv_lang);
	if (!url) {
		app_message(a, "this paper has no %s link", url_kind_name(kind));
		return;
	}
	if (triage_open_url(a, url) == 0)
		app_message(a, "opened %s", url);
	free(url);
}

/* The starred papers to open, each once (a paper in several digests shares
 * its key), hidden ones left out: items into *out, their number returned. */
static size_t starred_items(struct app *a, struct item **out)
{
	unsigned char *seen = xcalloc(a->nids ? a->nids : 1, 1);
	size_t n = 0, cap = 0;
	*out = NULL;
	for (size_t d = 0; d < a->archive->n; d++)
		for (size_t i = 0; a->keys[d] && i < a->archive->v[d].npapers; i++) {
			unsigned m = marks_get(a->marks, a->keys[d][i]);
			if (!(m & MARK_STAR) || (m & MARK_HIDDEN) || seen[a->ids[d][i]])
				continue;
			seen[a->ids[d][i]] = 1;
			ALLOC_GROW(*out, n, cap);
			(*out)[n++] = (struct item){ d, i };
		}
	free(seen);
	return n;
}

/* More tabs than open-many are asked about first (ask). What opened counts
 * as read. */
static ui_result open_starred(struct app *a, int ask);

static ui_result open_starred_yes(struct app *a, void *arg)
{
	return open_starred(a, 0);
}

static ui_result open_starred(struct app *a, int ask)
{
	int opened = 0, failed = 0;
	app_ensure_all(a);
	struct item *v;
	size_t n = starred_items(a, &v);
	if (!n) {
		app_message(a, "no starred paper to open (s stars one)");
		return UI_HANDLED;
	}
	if (ask && n > (size_t)a->cfg->open_many) {
		app_ask(a, open_starred_yes, NULL,
			"open %zu starred papers in the browser? (y/n)", n);
		free(v);
		return UI_HANDLED;
	}
	struct strbuf err = STRBUF_INIT;
	for (size_t k = 0; k < n; k++) {
		char *url = url_for_paper(app_item_paper(a, &v[k]), URL_ABS, NULL);
		if (url && triage_open_url(a, url) == 0) {
			opened++;
			marks_set_seen(a->marks, app_key(a, &v[k]), &err);
		} else {
			failed++;
		}
		free(url);
	}
	free(v);
	if (err.len)
		app_message(a, "%s", err.buf);
	else if (!failed)
		app_message(a, "opened %d starred paper%s (marked read)", opened,
			    opened == 1 ? "" : "s");
	strbuf_release(&err);
	return UI_HANDLED | UI_REBUILD | (a->cfg->browser_terminal ? UI_REPAINT : 0);
}

/* Where a yanked URL can go: tmux takes a plain OSC 52 itself (its
 * set-clipboard option; the passthrough wrapping is dropped by tmux 3.3 and
 * later unless allow-passthrough is on, which is not known here), and
 * outside tmux the terminal must say it handles OSC 52 (terminfo's Ms, or a
 * terminal type known to). */
static int osc52_route(void)
{
	return osc52_in_tmux() || draw_has_clipboard();
}

static void yank(struct app *a)
{
	const struct paper *p = app_paper(a);
	if (!p) {
		app_message(a, "no paper here to copy");
		return;
	}
	char *url = url_for_paper(p, URL_ABS, NULL);
	if (!url)
		url = url_for_paper(p, URL_LINK, NULL);
	if (!url) {
		app_message(a, "this paper has no URL to copy");
		return;
	}
	struct strbuf seq = STRBUF_INIT, err = STRBUF_INIT;
	int sent = 0;
	if (osc52_route()) {
		osc52_build(url, strlen(url), 0, &seq);
		draw_flush();
		sent = write(STDOUT_FILENO, seq.buf, seq.len) == (ssize_t)seq.len;
	}
	if (a->cfg->yank_command) {
		if (launch_yank_command(a->cfg->yank_command, url, strlen(url), &err) < 0)
			app_message(a, "%s", err.buf);
		else
			app_message(a, "copied %s", url);
	} else if (sent) {
		app_message(a, osc52_in_tmux() ? "copied %s (to tmux's clipboard)" : "copied %s",
			    url);
	} else {
		app_message(a, "cannot copy %s: this terminal takes no OSC 52 (set yank-command)",
			    url);
	}
	strbuf_release(&seq);
	strbuf_release(&err);
	free(url);
}

ui_result triage_action(struct app *a, enum action act)
{
	/* A terminal browser had the screen meanwhile. */
	ui_result opened = UI_HANDLED | (a->cfg->browser_terminal ? UI_REPAINT : 0);
	switch (act) {
	case ACTION_STAR:
		toggle(a, MARK_STAR);
		/* Unstarring in the Starred listing takes the row away. */
		return UI_HANDLED | UI_REBUILD;
	case ACTION_READ:
		toggle(a, MARK_READ);
		return UI_HANDLED | UI_REBUILD;
	case ACTION_LATER:
		toggle(a, MARK_LATER);
		return UI_HANDLED | UI_REBUILD;
	case ACTION_HIDE:
		toggle(a, MARK_HIDDEN);
		return UI_HANDLED | UI_REBUILD;
	case ACTION_UNDO:
		undo(a);
		return UI_HANDLED | UI_REBUILD;
	case ACTION_DIGEST_READ:
		digest_read(a);
		return UI_HANDLED | UI_REBUILD;
	case ACTION_OPEN_ABS:
		open_paper(a, URL_ABS);
		return opened;
	case ACTION_OPEN_PDF:
		open_paper(a, URL_PDF);
		return opened;
	case ACTION_OPEN_ALPHAXIV:
		open_paper(a, URL_ALPHAXIV);
		return opened;
	case ACTION_OPEN_HF:
		open_paper(a, URL_HF);
		return opened;
	case ACTION_OPEN_STARRED:
		return open_starred(a, 1);
	case ACTION_YANK:
		yank(a);
		return UI_HANDLED;
	default:
		return 0;
	}
}

/* ---- ":" commands (the table is src/commands.h) ---------------------- */

static void command_view(struct app *a, const char *name)
{
	enum listing_kind v;
	if (listing_by_name(name, &v) == 0)
		listing_show(a, v);
	else
		app_message(a, "unknown view '%s' (digest, unread, starred, later, hidden, search)",
			    name);
}

/* :export starred|later FILE [markdown|bibtex|tsv] */
static void command_export(struct app *a, char **words, int n)
{
	unsigned flag;
	enum export_format f = EXPORT_MARKDOWN;
	if (!strcmp(words[1], "starred")) {
		flag = MARK_STAR;
	} else if (!strcmp(words[1], "later")) {
		flag = MARK_LATER;
	} else {
		app_message(a, ":export exports starred or later papers, not '%s'", words[1]);
		return;
	}
	if (n >= 4 && export_format_parse(words[3], &f) < 0) {
		app_message(a, ":export writes markdown, bibtex or tsv, not '%s'", words[3]);
		return;
	}
	struct strbuf out = STRBUF_INIT, written = STRBUF_INIT, err = STRBUF_INIT;
	app_ensure_all(a);
	size_t count = export_papers(a->archive, a->marks, flag, f, &out);
	if (export_write_file(words[2], out.buf, out.len, &written, &err) < 0)
		app_message(a, "%s", err.buf);
	else
		app_message(a, "exported %zu paper%s to %s", count, count == 1 ? "" : "s",
			    written.buf);
	strbuf_release(&written);
	strbuf_release(&err);
	strbuf_release(&out);
}

ui_result triage_command(struct app *a, const char *line)
{
	struct command_call call;
	struct strbuf err = STRBUF_INIT;
	int rc = command_parse(line, &call, &err);
	if (rc) {
		if (rc < 0)
			app_message(a, "%s", err.buf);
		strbuf_release(&err);
		return UI_HANDLED;
	}
	strbuf_release(&err);
	ui_result r = UI_HANDLED;
	switch (call.cmd) {
	case COMMAND_VIEW:
		command_view(a, call.argv[1]);
		break;
	case COMMAND_DATE:
		listing_goto_date(a, call.argv[1]);
		break;
	case COMMAND_SEARCH:
		listing_search(a, call.rest); /* the rest, verbatim */
		break;
	case COMMAND_EXPORT:
		command_export(a, call.argv, call.argc);
		break;
	case COMMAND_OPEN: {
		const char *why = NULL;
		char *url = app_paper(a) ? render_reference_url(app_paper(a), call.argv[1], &why)
					 : NULL;
		if (!url)
			app_message(a, why ? "not opening link [%s]: %s" : "this paper has no link [%s]",
				    call.argv[1], why);
		else if (triage_open_url(a, url) == 0)
			app_message(a, "opened %s", url);
		free(url);
		break;
	}
	case COMMAND_SORT:
		if (!strcmp(call.argv[1], "upvotes") || !strcmp(call.argv[1], "number")) {
			a->sort_upvotes = call.argv[1][0] == 'u';
			listing_build(a);
			app_message(a, a->sort_upvotes ? "digests sorted by Hugging Face upvotes "
							 "(unknown last)"
						       : "digests in post order");
			r |= UI_REBUILD;
		} else {
			app_message(a, ":sort sorts by upvotes or number, not '%s'", call.argv[1]);
		}
		break;
	case COMMAND_QUIT:
		r |= UI_QUIT;
		break;
	case COMMAND_NONE:
	case COMMAND_COUNT:
		break;
	}
	command_call_free(&call);
	return r;
}
