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
#include "screen.h"
#include "strbuf.h"
#include "render.h"
#include "triage.h"
#include "urls.h"
#include "util.h"
#include "views.h"

/* O asks first when it would open more tabs than this. */
#define OPEN_STARRED_ASK_ABOVE 5

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

static void toggle(struct app *a, unsigned flag)
{
	if (a->selected >= a->nitems)
		return;
	struct strbuf err = STRBUF_INIT;
	const char *key = app_key(a, &a->items[a->selected]);
	int on = marks_toggle(a->marks, key, flag, &err);
	if (err.len)
		app_message(a, "%s", err.buf);
	else if (on >= 0)
		app_message(a, "%s%s%s", on ? "" : "no longer ", mark_name(flag),
			    unsaved_note(a));
	strbuf_release(&err);
}

static void undo(struct app *a)
{
	struct strbuf err = STRBUF_INIT;
	int rc = marks_undo(a->marks, &err);
	if (err.len)
		app_message(a, "%s", err.buf);
	else
		app_message(a, "%s%s", rc > 0 ? "undone" : "nothing to undo",
			    rc > 0 ? unsaved_note(a) : "");
	strbuf_release(&err);
}

static void digest_read(struct app *a)
{
	const struct digest *d = app_digest(a);
	if (!d)
		return;
	struct strbuf err = STRBUF_INIT;
	if (marks_digest_read(a->marks, d, &err) < 0 || err.len)
		app_message(a, "%s", err.buf);
	else
		app_message(a, "every paper of %s marked read (u undoes)%s",
			    d->date ? d->date : "this digest", unsaved_note(a));
	strbuf_release(&err);
}

void triage_paper_opened(struct app *a)
{
	const struct paper *p = app_paper(a);
	if (!p || p == a->opened)
		return;
	a->opened = p;
	struct strbuf err = STRBUF_INIT;
	marks_set(a->marks, app_key(a, &a->items[a->selected]), MARK_READ, 1, &err);
	if (err.len)
		app_message(a, "%s", err.buf);
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
	if (!p)
		return;
	char *url = url_for_paper(p, kind, a->cfg->alphaxiv_lang);
	if (!url) {
		app_message(a, "this paper has no %s link", url_kind_name(kind));
		return;
	}
	if (triage_open_url(a, url) == 0)
		app_message(a, "opened %s", url);
	free(url);
}

static size_t count_starred(struct app *a)
{
	size_t n = 0;
	for (size_t d = 0; d < a->archive->n; d++)
		for (size_t i = 0; i < a->archive->v[d].npapers; i++)
			n += (marks_get(a->marks, a->keys[d][i]) & MARK_STAR) != 0;
	return n;
}

/* Many tabs at once are asked about first (UI_ASK); the answer y runs the
 * action again with a->ask_confirmed set. */
static ui_result open_starred(struct app *a)
{
	int opened = 0, failed = 0;
	app_ensure_all(a);
	size_t n = count_starred(a);
	if (n > OPEN_STARRED_ASK_ABOVE && !a->ask_confirmed) {
		a->ask_action = ACTION_OPEN_STARRED;
		snprintf(a->ask_text, sizeof(a->ask_text),
			 "open %zu starred papers in the browser? (y/n)", n);
		return UI_HANDLED | UI_ASK;
	}
	for (size_t d = 0; d < a->archive->n; d++)
		for (size_t i = 0; i < a->archive->v[d].npapers; i++) {
			if (!(marks_get(a->marks, a->keys[d][i]) & MARK_STAR))
				continue;
			char *url = url_for_paper(&a->archive->v[d].papers[i], URL_ABS, NULL);
			if (url && triage_open_url(a, url) == 0)
				opened++;
			else
				failed++;
			free(url);
		}
	if (!failed)
		app_message(a, "opened %d starred paper%s", opened, opened == 1 ? "" : "s");
	return UI_HANDLED | (a->cfg->browser_terminal ? UI_REPAINT : 0);
}

/* OSC 52 reaches the terminal's clipboard, also over SSH and inside tmux. */
static void yank(struct app *a)
{
	const struct paper *p = app_paper(a);
	char *url = p ? url_for_paper(p, URL_ABS, NULL) : NULL;
	if (!url)
		url = p ? url_for_paper(p, URL_LINK, NULL) : NULL;
	if (!url) {
		app_message(a, "this paper has no URL to copy");
		return;
	}
	struct strbuf seq = STRBUF_INIT, err = STRBUF_INIT;
	osc52_build(url, strlen(url), osc52_in_tmux(), &seq);
	draw_flush();
	ssize_t w = write(STDOUT_FILENO, seq.buf, seq.len);
	if (a->cfg->yank_command &&
	    launch_yank_command(a->cfg->yank_command, url, strlen(url), &err) < 0)
		app_message(a, "%s", err.buf);
	else
		app_message(a, w == (ssize_t)seq.len ? "copied %s" : "could not copy %s", url);
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
		/* Unstarring in the Starred view takes the row away. */
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
		return open_starred(a);
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
	enum view_kind v;
	if (views_by_name(name, &v) == 0)
		views_switch(a, v);
	else
		app_message(a, "unknown view '%s' (digest, unread, starred, later, search)", name);
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
	struct strbuf out = STRBUF_INIT;
	app_ensure_all(a);
	size_t count = export_papers(a->archive, a->marks, flag, f, &out);
	FILE *fp = fopen(words[2], "w");
	int ok = fp && fwrite(out.buf, 1, out.len, fp) == out.len;
	int saved = errno;
	if (fp && fclose(fp) != 0 && ok) {
		ok = 0;
		saved = errno;
	}
	if (!ok)
		app_message(a, "cannot write %s: %s", words[2], strerror(saved));
	else
		app_message(a, "exported %zu paper%s to %s", count, count == 1 ? "" : "s",
			    words[2]);
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
		views_goto_date(a, call.argv[1]);
		break;
	case COMMAND_SEARCH:
		views_search(a, call.rest); /* the rest, verbatim */
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
