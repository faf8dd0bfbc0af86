/* fetch_cli: --fetch (see fetch_cli.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "date.h"
#include "fetch.h"
#include "fetch_cli.h"
#include "http.h"
#include "i18n.h"
#include "util.h"

int fetch_cli_config(const struct cli *c, const struct config *cfg,
		     struct source_list *sources, struct source_window *w,
		     struct fetch_opts *o, struct strbuf *err)
{
	source_list_init(sources);
	if (c->nsources == 0 && cfg->nsources == 0)
		source_list_add_default(sources);
	else if (c->nsources == 0 && config_add_sources(cfg, sources, err) < 0)
		goto fail;
	for (int i = 0; i < c->nsources; i++)
		if (source_list_add(sources, c->sources[i], err) < 0)
			goto fail;
	if (source_window_init(w, cfg->days, c->until, err) < 0)
		goto fail;
	fetch_opts_init_with(o, cfg->parallel, cfg->timeout);
	o->refetch = c->refetch;
	if (cfg->github_api_url)
		o->github_api_url = cfg->github_api_url;
	if (cfg->github_raw_url)
		o->github_raw_url = cfg->github_raw_url;
	o->github_token = cfg->github_token ? cfg->github_token : getenv("GITHUB_TOKEN");
	if (o->github_token && !*o->github_token)
		o->github_token = NULL;
	/* It goes into a header: visible ASCII only. Never quoted back. */
	for (const char *t = o->github_token; t && *t; t++)
		if ((unsigned char)*t <= 0x20 || (unsigned char)*t >= 0x7f) {
			/* TRANSLATORS: where the token came from: github-token
			 * or $GITHUB_TOKEN. */
			strbuf_addf(err, _("the GitHub token (%s) holds a blank or a byte that is "
					   "not visible ASCII; not used"),
				    cfg->github_token ? "github-token" : "$GITHUB_TOKEN");
			goto fail;
		}
	return 0;
fail:
	source_list_free(sources);
	return 2;
}

struct bar {
	int tty;
	long long last_ms;
	int drawn;
};

static void draw_bar(const struct fetch *f, void *arg)
{
	struct bar *b = arg;
	if (!b->tty)
		return;
	long long now = clock_mono_ms();
	struct fetch_progress p;
	fetch_progress(f, &p);
	if (b->drawn && now - b->last_ms < 100 && p.done < p.total)
		return;
	b->last_ms = now;
	b->drawn = 1;
	const int width = 30;
	int fill = p.total ? (int)(p.done * (size_t)width / p.total) : width;
	char bar[64];
	memset(bar, '#', (size_t)fill);
	memset(bar + fill, '-', (size_t)(width - fill));
	bar[width] = '\0';
	fputs("\r\033[K", stderr);
	if (p.waiting)
		/* TRANSLATORS: done of all, the bar, the KiB received, then how
		 * many wait to be asked again (the plural follows it). */
		fprintf(stderr, ngettext("fetching %zu/%zu [%s] %lld KiB, %zu to retry",
					 "fetching %zu/%zu [%s] %lld KiB, %zu to retry",
					 (unsigned long)p.waiting),
			p.done, p.total, bar, (p.bytes + 1023) / 1024, p.waiting);
	else
		/* TRANSLATORS: done of all, the bar, then the KiB received. */
		fprintf(stderr, _("fetching %zu/%zu [%s] %lld KiB"), p.done, p.total, bar,
			(p.bytes + 1023) / 1024);
	fflush(stderr);
}

static void clear_bar(struct bar *b)
{
	if (b->tty && b->drawn) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
}

/* "NAME: 3 new, 1 updated, 10 unchanged, 0 missing (404), 0 failed": each
 * count translated on its own (ngettext), as git's diffstat does. */
static void print_counts(const char *name, const struct fetch_counts *k)
{
	struct strbuf line = STRBUF_INIT;
	strbuf_addf(&line, "%s: ", name);
	fetch_counts_text(k, 1, &line);
	printf("%s\n", line.buf);
	strbuf_release(&line);
}

/* Each line of s as one error message. */
static void print_lines(const char *s)
{
	while (*s) {
		const char *nl = strchr(s, '\n');
		int n = nl ? (int)(nl - s) : (int)strlen(s);
		error_msg("%.*s", n, s);
		s += n + (nl ? 1 : 0);
	}
}

int fetch_cli_run(const struct cli *c, const struct config *cfg,
		  struct fetch_summary **fetched)
{
	if (fetched)
		*fetched = NULL;
	if (c->offline) {
		error_msg("%s", _("--fetch needs the network, which --offline forbids"));
		return 2;
	}
	struct source_list sources;
	struct source_window w;
	struct strbuf err = STRBUF_INIT;
	struct fetch_opts o;
	if (fetch_cli_config(c, cfg, &sources, &w, &o, &err)) {
		error_msg("%s", err.buf);
		strbuf_release(&err);
		return 2;
	}
	struct fetch *f = fetch_start(NULL, &sources, &w, &o, &err);
	if (!f) {
		error_msg("%s", err.buf);
		strbuf_release(&err);
		source_list_free(&sources);
		http_cleanup();
		return 1;
	}
	struct bar bar = { isatty(STDERR_FILENO), 0, 0 };
	int failed = fetch_run(f, draw_bar, &bar);
	clear_bar(&bar);

	/* Problems first, on stderr; then the summary on stdout. */
	print_lines(fetch_notes(f));
	for (size_t i = 0; i < fetch_nresults(f); i++) {
		const struct fetch_result *r = fetch_result(f, i);
		if (r->outcome == FETCH_FAILED && !r->unreachable)
			error_msg("%s%s%s: %s: %s", r->source, r->date ? " " : "",
				  r->date ? r->date : "", r->url, r->error ? r->error : _("failed"));
	}
	/* A host that cannot be reached: one line, not one per URL. */
	struct fetch_summary sum;
	struct strbuf line = STRBUF_INIT;
	fetch_summary(f, &sum);
	fetch_summary_offline(&sum, &line);
	print_lines(line.buf);
	for (size_t i = 0; i < sources.n; i++) {
		struct fetch_counts k;
		fetch_source_counts(f, i, &k);
		print_counts(sources.v[i].name, &k);
	}
	strbuf_reset(&line);
	fetch_summary_catchup(&sum, date_today(), &line);
	if (line.len)
		printf("%s\n", line.buf);
	strbuf_release(&line);
	if (fetched)
		*fetched = fetch_summary_dup(&sum);
	int status = failed ? 1 : 0;
	if (fflush(stdout) == EOF)
		status = 1;
	fetch_free(f);
	http_cleanup();
	source_list_free(&sources);
	strbuf_release(&err);
	return status;
}
