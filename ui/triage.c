/* triage: what the reader does to papers — marks (star, read, later, hide,
 * undo), opening them in the browser, yanking their URL, and the ":" commands
 * (views, dates, export). Everything it changes goes through src/marks.c,
 * src/urls.c, src/launch.c and src/export.c; this file only picks the paper
 * and reports in the status line. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "draw.h"
#include "export.h"
#include "launch.h"
#include "strbuf.h"
#include "urls.h"
#include "util.h"

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
	/* Hiding, or unstarring in the Starred view, takes the row away. */
	views_build(a);
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
	views_build(a);
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
	views_build(a);
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
static int open_url(struct app *a, const char *url)
{
	struct strbuf err = STRBUF_INIT;
	int in_terminal = a->cfg->browser_terminal;
	if (in_terminal)
		endwin();
	int rc = launch_browser(a->cfg->browser, url,
				in_terminal ? LAUNCH_WAIT : LAUNCH_DETACHED, &err);
	if (in_terminal) {
		reset_prog_mode();
		clearok(curscr, TRUE);
		draw_flush();
	}
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
	if (open_url(a, url) == 0)
		app_message(a, "opened %s", url);
	free(url);
}

static void open_starred(struct app *a)
{
	int opened = 0, failed = 0;
	app_ensure_all(a);
	for (size_t d = 0; d < a->archive->n; d++)
		for (size_t i = 0; i < a->archive->v[d].npapers; i++) {
			if (!(marks_get(a->marks, a->keys[d][i]) & MARK_STAR))
				continue;
			char *url = url_for_paper(&a->archive->v[d].papers[i], URL_ABS, NULL);
			if (url && open_url(a, url) == 0)
				opened++;
			else
				failed++;
			free(url);
		}
	if (!failed)
		app_message(a, "opened %d starred paper%s", opened, opened == 1 ? "" : "s");
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

int triage_action(struct app *a, enum action act)
{
	switch (act) {
	case ACTION_STAR:
		toggle(a, MARK_STAR);
		return 1;
	case ACTION_READ:
		toggle(a, MARK_READ);
		return 1;
	case ACTION_LATER:
		toggle(a, MARK_LATER);
		return 1;
	case ACTION_HIDE:
		toggle(a, MARK_HIDDEN);
		return 1;
	case ACTION_UNDO:
		undo(a);
		return 1;
	case ACTION_DIGEST_READ:
		digest_read(a);
		return 1;
	case ACTION_OPEN_ABS:
		open_paper(a, URL_ABS);
		return 1;
	case ACTION_OPEN_PDF:
		open_paper(a, URL_PDF);
		return 1;
	case ACTION_OPEN_ALPHAXIV:
		open_paper(a, URL_ALPHAXIV);
		return 1;
	case ACTION_OPEN_HF:
		open_paper(a, URL_HF);
		return 1;
	case ACTION_OPEN_STARRED:
		open_starred(a);
		return 1;
	case ACTION_YANK:
		yank(a);
		return 1;
	default:
		return 0;
	}
}

/* ---- ":" commands ----------------------------------------------------- */

static void command_date(struct app *a, const char *date)
{
	for (size_t d = 0; d < a->archive->n; d++)
		if (a->archive->v[d].date && !strcmp(a->archive->v[d].date, date)) {
			a->digest = d;
			a->selected = 0;
			views_switch(a, VIEW_DIGEST);
			return;
		}
	app_message(a, "no digest dated %s", date);
}

static void command_view(struct app *a, const char *name)
{
	static const enum view_kind kinds[] = { VIEW_DIGEST, VIEW_UNREAD, VIEW_STARRED,
						VIEW_LATER, VIEW_SEARCH };
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(name, views_name(kinds[i]))) {
			views_switch(a, kinds[i]);
			return;
		}
	app_message(a, "unknown view '%s' (digest, unread, starred, later, search)", name);
}

/* :export starred|later FILE [markdown|bibtex|tsv] */
static void command_export(struct app *a, char **words, int n)
{
	unsigned flag = n >= 2 && !strcmp(words[1], "later") ? MARK_LATER : MARK_STAR;
	enum export_format f = EXPORT_MARKDOWN;
	if (n < 3 || (strcmp(words[1], "starred") && strcmp(words[1], "later")) ||
	    (n >= 4 && export_format_parse(words[3], &f) < 0)) {
		app_message(a, "usage: :export starred|later FILE [markdown|bibtex|tsv]");
		return;
	}
	struct strbuf out = STRBUF_INIT;
	app_ensure_all(a);
	size_t count = export_papers(a->archive, a->marks, flag, f, &out);
	FILE *fp = fopen(words[2], "w");
	if (!fp || fwrite(out.buf, 1, out.len, fp) != out.len || fclose(fp) != 0) {
		app_message(a, "cannot write %s: %s", words[2], strerror(errno));
		if (fp)
			fclose(fp);
	} else {
		app_message(a, "exported %zu paper%s to %s", count, count == 1 ? "" : "s",
			    words[2]);
	}
	strbuf_release(&out);
}

void triage_command(struct app *a, const char *line)
{
	int n = 0;
	const char *why = NULL;
	char **words = launch_split(line, &n, &why);
	if (!words) {
		if (why && strcmp(why, "empty command"))
			app_message(a, "%s", why);
		return;
	}
	if (!strcmp(words[0], "view") && n == 2)
		command_view(a, words[1]);
	else if (!strcmp(words[0], "date") && n == 2)
		command_date(a, words[1]);
	else if (!strcmp(words[0], "export"))
		command_export(a, words, n);
	else if (!strcmp(words[0], "search") && n >= 2)
		views_search(a, strstr(line, "search") + strlen("search")); /* the rest, verbatim */
	else if ((!strcmp(words[0], "q") || !strcmp(words[0], "quit")) && n == 1)
		a->quit = 1;
	else
		app_message(a, "unknown command '%s' (view, date, search, export, quit)", words[0]);
	launch_argv_free(words);
}
