/* sync_ui: the background sync (see sync_ui.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "i18n.h"
#include "marks.h"
#include "strbuf.h"
#include "sync.h"
#include "sync_ui.h"
#include "util.h"

struct sync_ui {
	struct sync_job *job;      /* the running sync, or NULL */
	struct strbuf step;        /* its last progress line */
	struct strbuf out, warn, err; /* what it said it did, warned, failed */
	struct strbuf line;
};

int sync_ui_start(struct app *a)
{
	if (!a->cfg->sync_git || a->cli->offline || (a->sync && a->sync->job))
		return 0;
	struct sync_ui *s = a->sync;
	if (!s) {
		s = a->sync = xcalloc(1, sizeof(*s));
		strbuf_init(&s->step);
		strbuf_init(&s->out);
		strbuf_init(&s->warn);
		strbuf_init(&s->err);
		strbuf_init(&s->line);
	}
	strbuf_reset(&s->step);
	strbuf_reset(&s->out);
	strbuf_reset(&s->warn);
	strbuf_reset(&s->err);
	struct strbuf err = STRBUF_INIT;
	s->job = sync_job_start(a->cfg, &err);
	if (!s->job)
		app_message(a, "%s", err.buf);
	strbuf_release(&err);
	return 1;
}

int sync_ui_running(const struct app *a)
{
	return a->sync && a->sync->job;
}

int sync_ui_fd(const struct app *a)
{
	return sync_ui_running(a) ? sync_job_fd(a->sync->job) : -1;
}

/* Appends text's lines to msg, "; " between them. */
static void add_lines(struct strbuf *msg, const struct strbuf *text)
{
	for (const char *l = text->buf; *l;) {
		size_t n = strcspn(l, "\n");
		if (n)
			strbuf_addf(msg, "%s%.*s", msg->len ? "; " : "", (int)n, l);
		l += n + (l[n] == '\n');
	}
}

/* The sync is over (status: sync_run's): what it brought is read, and said
 * — a note kept in two versions first, the outcome after. */
static ui_result finished(struct app *a, struct sync_ui *s, int status)
{
	if (status != 0) {
		struct strbuf msg = STRBUF_INIT;
		add_lines(&msg, &s->err);
		app_message(a, "%s", msg.len ? msg.buf : _("sync: failed"));
		strbuf_release(&msg);
		return UI_HANDLED;
	}
	struct strbuf msg = STRBUF_INIT, err = STRBUF_INIT;
	add_lines(&msg, &s->warn);
	add_lines(&msg, &s->out);
	/* Other machines' journals and notes, as the sync left them. */
	if (marks_refresh(a->marks, &err) < 0)
		add_lines(&msg, &err);
	app_forget_notes(a);
	app_message(a, "%s", msg.len ? msg.buf : _("synced"));
	strbuf_release(&msg);
	strbuf_release(&err);
	return UI_HANDLED | UI_REBUILD;
}

ui_result sync_ui_step(struct app *a)
{
	struct sync_ui *s = a->sync;
	if (!sync_ui_running(a))
		return 0;
	char kind;
	int status = 1, rc;
	while ((rc = sync_job_read(s->job, &kind, &s->line, &status)) == 1) {
		struct strbuf *to = kind == 'P' ? &s->step : kind == 'O' ? &s->out
						 : kind == 'W'	 ? &s->warn
								 : &s->err;
		if (kind == 'P')
			strbuf_reset(to);
		strbuf_addf(to, "%s%s", s->line.buf, kind == 'P' ? "" : "\n");
	}
	if (rc == 0)
		return UI_HANDLED; /* its progress may have changed */
	sync_job_free(s->job); /* it has ended: no wait */
	s->job = NULL;
	return finished(a, s, status);
}

int sync_ui_progress(const struct app *a, int brief, char *buf, size_t size)
{
	if (!sync_ui_running(a))
		return 0;
	const struct strbuf *step = &a->sync->step;
	/* TRANSLATORS: the status line's right end while a sync runs. */
	snprintf(buf, size, " %s ", brief || !step->len ? _("syncing") : step->buf);
	return 1;
}

void sync_ui_stop(struct app *a, struct strbuf *left)
{
	struct sync_ui *s = a->sync;
	if (!s)
		return;
	if (s->job) {
		sync_job_detach(s->job);
		strbuf_addstr(left, _("sync: not done yet; it finishes in the background"));
	} else {
		add_lines(left, &s->err);
	}
	strbuf_release(&s->step);
	strbuf_release(&s->out);
	strbuf_release(&s->warn);
	strbuf_release(&s->err);
	strbuf_release(&s->line);
	free(s);
	a->sync = NULL;
}
