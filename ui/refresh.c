/* refresh: background fetching from the event loop (see refresh.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cache.h"
#include "fetch.h"
#include "fetch_cli.h"
#include "refresh.h"
#include "strbuf.h"
#include "util.h"
#include "views.h"

struct refresh {
	struct fetch *fetch;
	struct source_list sources;
};

ui_result refresh_start(struct app *a)
{
	if (a->cli->offline || a->cli->npaths) {
		app_message(a, a->cli->offline ? "offline: not fetching"
					       : "reading named files: not fetching");
		return UI_HANDLED;
	}
	if (a->refresh) {
		app_message(a, "already fetching");
		return UI_HANDLED;
	}
	struct refresh *r = xcalloc(1, sizeof(*r));
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
		app_message(a, "cannot fetch: %s", err.buf);
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

static void refresh_free(struct app *a)
{
	struct refresh *r = a->refresh;
	fetch_free(r->fetch);
	source_list_free(&r->sources);
	free(r);
	a->refresh = NULL;
}

void refresh_stop(struct app *a)
{
	if (a->refresh)
		refresh_free(a);
}

/* One line for the status: what came, what failed. */
static void summarize(struct app *a, const struct fetch *f)
{
	struct fetch_progress p;
	fetch_progress(f, &p);
	const struct fetch_counts *k = &p.counts;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "fetched: %d new, %d updated, %d unchanged", k->fresh, k->updated,
		    k->unchanged);
	if (k->failed) {
		const char *why = NULL;
		for (size_t i = 0; i < fetch_nresults(f) && !why; i++)
			if (fetch_result(f, i)->outcome == FETCH_FAILED)
				why = fetch_result(f, i)->error;
		strbuf_addf(&sb, ", %d failed%s%s", k->failed, why ? ": " : "", why ? why : "");
	}
	app_message(a, "%s", sb.buf);
	strbuf_release(&sb);
}

/* Loads the cache again and puts the reader back where it was. A problem
 * with the cache joins the fetch's summary in the status line. */
static void reload(struct app *a)
{
	struct archive fresh;
	struct strbuf err = STRBUF_INIT;
	archive_init(&fresh);
	cache_list_archive(&fresh, &err);
	if (fresh.n)
		views_reload_archive(a, &fresh);
	else
		archive_free(&fresh);
	if (err.len) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s; %s", a->status, err.buf);
		app_message(a, "%s", sb.buf);
		strbuf_release(&sb);
	}
	strbuf_release(&err);
}

ui_result refresh_step(struct app *a, int timeout_ms, int fd)
{
	struct refresh *r = a->refresh;
	if (!r)
		return 0;
	if (fetch_step_fd(r->fetch, timeout_ms, fd))
		return UI_HANDLED; /* the progress shown may have changed */
	summarize(a, r->fetch);
	int changed = fetch_changed(r->fetch) > 0;
	refresh_free(a);
	if (changed)
		reload(a);
	return UI_HANDLED | UI_REBUILD;
}

int refresh_progress(const struct app *a, char *buf, size_t size)
{
	if (!a->refresh)
		return 0;
	struct fetch_progress p;
	fetch_progress(a->refresh->fetch, &p);
	snprintf(buf, size, " fetching %zu/%zu ", p.done, p.total);
	return 1;
}
