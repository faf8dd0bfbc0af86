/* refresh: background fetching from the event loop (see refresh.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"
#include "facts_fetch.h"
#include "facts_report.h"
#include "date.h"
#include "fetch.h"
#include "fetch_cli.h"
#include "i18n.h"
#include "listing.h"
#include "news.h"
#include "refresh.h"
#include "strbuf.h"
#include "util.h"
#include "watch.h"
#include "worker.h"

struct refresh {
	struct fetch *fetch;       /* the posts; NULL once they are done */
	struct source_list sources;
	struct worker facts_child; /* the facts step, reporting up its pipe */
	struct facts_report_stream facts;   /* its reports so far */
	char posts_summary[512];   /* the posts' line, shown with the facts' */
	struct fetch_summary *fetched;      /* what the posts' fetch did */
};

ui_result refresh_start(struct app *a)
{
	if (a->cli->offline || a->cli->npaths) {
		app_message(a, "%s", a->cli->offline ? _("offline: not fetching")
						     : _("reading named files: not fetching"));
		/* What another process stored shows all the same. */
		return UI_HANDLED | watch_check_posts(a);
	}
	if (a->refresh) {
		app_message(a, "%s", _("already fetching"));
		return UI_HANDLED;
	}
	struct refresh *r = xcalloc(1, sizeof(*r));
	r->facts_child = (struct worker)WORKER_INIT;
	facts_report_stream_init(&r->facts);
	struct strbuf err = STRBUF_INIT;
	struct source_window w;
	struct fetch_opts o;
	if (fetch_cli_config(a->cli, a->cfg, &r->sources, &w, &o, &err) == 0) {
		o.lock_wait_ms = 0; /* another instance fetching: just say so */
		r->fetch = fetch_start(NULL, &r->sources, &w, &o, &err);
		if (!r->fetch)
			source_list_free(&r->sources);
	}
	if (!r->fetch) {
		app_message(a, _("cannot fetch: %s"), err.buf);
		free(r);
	} else {
		a->refresh = r;
	}
	strbuf_release(&err);
	return UI_HANDLED;
}

int refresh_running(const struct app *a)
{
	return a->refresh != NULL;
}

int refresh_fetching_posts(const struct app *a)
{
	return a->refresh && a->refresh->fetch;
}

static void refresh_free(struct app *a)
{
	struct refresh *r = a->refresh;
	if (r->fetch)
		fetch_free(r->fetch);
	/* SIGKILL: the child inherited the loop's blocked signals. */
	worker_finish(&r->facts_child, 1);
	facts_report_stream_release(&r->facts);
	source_list_free(&r->sources);
	fetch_summary_free(r->fetched);
	free(r);
	a->refresh = NULL;
}

void refresh_stop(struct app *a)
{
	if (a->refresh)
		refresh_free(a);
}

/* One line for the status, from the fetch's summary: the catch-up line
 * when digests came ("caught up 16 days: 11 new digests (12-11 … 12-26)"),
 * else the counts; what failed after it. The start-up fetch that brought
 * nothing new keeps the digests new since the last session in front. */
static void summarize(struct app *a, const struct fetch *f)
{
	struct fetch_summary sum;
	fetch_summary(f, &sum);
	const struct fetch_counts *k = &sum.counts;
	struct strbuf sb = STRBUF_INIT;
	fetch_summary_catchup(&sum, date_today(), &sb);
	/* Each count translated on its own, as --fetch's line is. */
	if (sb.len) {
		if (k->updated) {
			strbuf_addstr(&sb, "; ");
			strbuf_addf(&sb, ngettext("%d updated", "%d updated",
						  (unsigned long)k->updated), k->updated);
		}
	} else {
		if (a->opening && news_count(a)) {
			news_line(a, &sb);
			strbuf_addstr(&sb, "; ");
		}
		struct strbuf counts = STRBUF_INIT;
		fetch_counts_text(k, 0, &counts);
		/* TRANSLATORS: the counts of the posts a fetch found new,
		 * updated and unchanged. */
		strbuf_addf(&sb, _("fetched: %s"), counts.buf);
		strbuf_release(&counts);
	}
	if (k->failed) {
		const char *why = NULL;
		for (size_t i = 0; i < fetch_nresults(f) && !why; i++)
			if (fetch_result(f, i)->outcome == FETCH_FAILED)
				why = fetch_result(f, i)->error;
		strbuf_addstr(&sb, ", ");
		strbuf_addf(&sb, ngettext("%d failed", "%d failed", (unsigned long)k->failed),
			    k->failed);
		if (why)
			strbuf_addf(&sb, ": %s", why);
	}
	app_message(a, "%s", sb.buf);
	strbuf_release(&sb);
}

/* The facts of the papers of the posts the fetch fetched (a catch-up's
 * too, however far back), learned by a child process: it runs
 * facts_fetch_cli_run (blocking on the store's pacing lock, spaced as arXiv
 * asks), which sends its reports up a pipe the loop reads
 * (facts_report.h). Returns 0, or -1 when no child was started. */
struct facts_job {
	const struct app *a;
	const struct refresh *r;
};

/* In the child: the facts step, its reports up the pipe fd. */
static int facts_job(int fd, void *arg)
{
	const struct facts_job *j = arg;
	return facts_fetch_cli_run(j->a->cli, j->a->cfg, j->r->fetched, facts_report_send, &fd);
}

static int facts_start(struct app *a, struct refresh *r)
{
	if (!facts_fetch_enabled(a->cfg))
		return -1;
	struct facts_job j = { a, r };
	return worker_start(&r->facts_child, facts_job, &j, 0);
}

/* The child has ended (wait_status: waitpid's): its summary, or why it
 * stopped, and its first problem, after the posts' summary. */
static void facts_done(struct app *a, struct refresh *r, int wait_status)
{
	struct strbuf sb = STRBUF_INIT;
	if (r->posts_summary[0])
		strbuf_addf(&sb, "%s; ", r->posts_summary);
	facts_report_stream_line(&r->facts, wait_status, &sb);
	app_message(a, "%s", sb.buf);
	strbuf_release(&sb);
	app_forget_facts(a);
}

/* Reads the child's reports, waiting up to timeout_ms unless fd (the
 * terminal) has input. A child that sends what is not a report is stopped:
 * nothing after it could be read. Returns 1 while it runs. */
static int facts_step(struct app *a, struct refresh *r, int timeout_ms, int fd)
{
	struct pollfd fds[2] = { { r->facts_child.fd, POLLIN, 0 }, { fd, POLLIN, 0 } };
	if (poll(fds, fd >= 0 ? 2 : 1, timeout_ms) <= 0 || !(fds[0].revents & (POLLIN | POLLHUP)))
		return 1;
	char buf[4096];
	for (;;) {
		ssize_t n = read(r->facts_child.fd, buf, sizeof(buf));
		if (n > 0 && facts_report_stream_take(&r->facts, buf, (size_t)n) == 0)
			continue;
		if (n > 0) {
			kill(r->facts_child.pid, SIGKILL);
			break;
		}
		if (n < 0 && (errno == EINTR))
			continue;
		if (n < 0)
			return 1; /* EAGAIN: more later */
		break;            /* EOF: the child is done */
	}
	int status = worker_finish(&r->facts_child, 0);
	facts_done(a, r, status);
	return 0;
}

ui_result refresh_step(struct app *a, int timeout_ms, int fd)
{
	struct refresh *r = a->refresh;
	if (!r)
		return 0;
	if (!r->fetch) {
		if (facts_step(a, r, timeout_ms, fd))
			return UI_HANDLED;
		refresh_free(a);
		return UI_HANDLED | UI_REBUILD;
	}
	if (fetch_step_fd(r->fetch, timeout_ms, fd))
		return UI_HANDLED; /* the progress shown may have changed */
	summarize(a, r->fetch);
	struct fetch_summary sum;
	fetch_summary(r->fetch, &sum);
	r->fetched = fetch_summary_dup(&sum); /* for the facts, after fetch_free */
	int changed = fetch_changed(r->fetch) > 0;
	fetch_free(r->fetch);
	r->fetch = NULL;
	size_t arrived = 0;
	if (changed)
		arrived = watch_reload(a);
	else
		watch_check_posts(a); /* another process may have stored some */
	/* No key yet: the reader opens on what the start-up fetch brought, as
	 * it would have had it been cached. */
	if (arrived && a->opening)
		listing_open_where_the_work_is(a);
	snprintf(r->posts_summary, sizeof(r->posts_summary), "%s", a->status);
	if (facts_start(a, r) < 0)
		refresh_free(a);
	return UI_HANDLED | UI_REBUILD;
}

int refresh_progress(const struct app *a, char *buf, size_t size)
{
	if (!a->refresh)
		return 0;
	struct strbuf sb = STRBUF_INIT;
	if (!a->refresh->fetch) {
		const struct refresh *r = a->refresh;
		if (r->facts.total)
			/* TRANSLATORS: the papers done, of all. */
			strbuf_addf(&sb, _("learning paper facts %zu/%zu"), r->facts.done,
				    r->facts.total);
		else
			strbuf_addstr(&sb, _("learning paper facts"));
	} else {
		struct fetch_progress p;
		fetch_progress(a->refresh->fetch, &p);
		/* TRANSLATORS: the posts done, of all. */
		strbuf_addf(&sb, _("fetching %zu/%zu"), p.done, p.total);
	}
	snprintf(buf, size, " %s ", sb.buf); /* a space either side, in the status line */
	strbuf_release(&sb);
	return 1;
}
