/* Unit tests for fetch.c's steppable API, over file:// sources (no server):
 * start, step without blocking, progress, results, the lock, cancelling; and
 * a github source's listing that hangs without blocking a step. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "date.h"
#include "fetch.h"
#include "http.h"
#include "tap.h"
#include "util.h"

static char tmpdir[] = "/tmp/digest-tui-test-fetch.XXXXXX";

static void write_post(const char *dir, const char *date)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/%s.md", dir, date);
	FILE *f = fopen(path, "w");
	if (!f)
		return;
	fprintf(f, "---\ndate: %s 08:00:00\n---\n\n# 1. [Paper of %s](https://arxiv.org/abs/2510.00001)\n\n"
		   "## Method\n\n방법.\n", date, date);
	fclose(f);
}

static long long ms_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long day_of(const char *date)
{
	long d = 0;
	date_parse(date, &d);
	return d;
}

/* The typed summary of the first fetch (an empty cache, 5 days ending
 * 2025-10-05: three posts), and the catch-up line's forms. */
static void check_summary(const struct fetch *f)
{
	struct fetch_summary s;
	struct strbuf line = STRBUF_INIT;
	fetch_summary(f, &s);
	is_int(s.counts.fresh, 3, "summary: three new");
	is_int((long)s.nnew_dates, 3, "summary: their three dates");
	ok(s.nnew_dates == 3 && !strcmp(s.new_dates[0], "2025-10-01") &&
	   !strcmp(s.new_dates[2], "2025-10-04"), "  oldest first");
	ok(s.npost_dates == 3 && !strcmp(s.post_dates[0], "2025-10-01") &&
	   !strcmp(s.post_dates[2], "2025-10-04"), "summary: the posts fetched are those three");
	is_int(s.caught_up, 5, "summary: an empty cache catches up the whole window");
	ok(!s.capped && s.noffline == 0, "summary: not capped, not offline");
	fetch_summary_catchup(&s, day_of("2025-12-26"), &line);
	is_str(line.buf, "caught up 5 days: 3 new digests (10-01 \xe2\x80\xa6 10-04)",
	       "the catch-up line, MM-DD in the current year");
	strbuf_reset(&line);
	fetch_summary_catchup(&s, day_of("2026-01-02"), &line);
	is_str(line.buf, "caught up 5 days: 3 new digests (2025-10-01 \xe2\x80\xa6 2025-10-04)",
	       "  YYYY-MM-DD in another");

	const char *one[] = { "2025-12-26" }, *two[] = { "2025-12-11", "2025-12-26" };
	struct fetch_summary h;
	memset(&h, 0, sizeof(h));
	h.counts.fresh = 1;
	h.new_dates = one;
	h.nnew_dates = 1;
	h.caught_up = 1;
	strbuf_reset(&line);
	fetch_summary_catchup(&h, day_of("2025-12-26"), &line);
	is_str(line.buf, "caught up 1 day: 1 new digest (12-26)", "one new digest: its date");
	h.counts.fresh = 2;
	h.new_dates = two;
	h.nnew_dates = 2;
	h.caught_up = 16;
	strbuf_reset(&line);
	fetch_summary_catchup(&h, day_of("2025-12-26"), &line);
	is_str(line.buf, "caught up 16 days: 2 new digests (12-11, 12-26)", "two: both dates");
	h.capped = 1;
	h.caught_up = 92;
	h.wanted = 140;
	strbuf_reset(&line);
	fetch_summary_catchup(&h, day_of("2025-12-26"), &line);
	is_str(line.buf, "caught up 92 of 140 days: 2 new digests (12-11, 12-26); older days not "
	       "fetched; use --days 140", "capped: says so, and how to reach further");
	h.counts.fresh = 0;
	h.nnew_dates = 0;
	strbuf_reset(&line);
	fetch_summary_catchup(&h, day_of("2025-12-26"), &line);
	is_str(line.buf, "caught up 92 of 140 days: no new digests; older days not fetched; "
	       "use --days 140", "capped with nothing new: still said");
	h.capped = 0;
	strbuf_reset(&line);
	fetch_summary_catchup(&h, day_of("2025-12-26"), &line);
	is_str(line.buf, "", "nothing new, not capped: nothing about catch-up");

	const char *why[] = { "cannot resolve nohost.invalid" };
	h.offline = why;
	h.noffline = 1;
	strbuf_reset(&line);
	fetch_summary_offline(&h, &line);
	is_str(line.buf, "offline: cannot resolve nohost.invalid; the cache is unchanged\n",
	       "an unreachable host: one line");
	h.changed = 2;
	strbuf_reset(&line);
	fetch_summary_offline(&h, &line);
	is_str(line.buf, "offline: cannot resolve nohost.invalid; nothing fetched from it\n",
	       "  which does not say the cache is unchanged when other sources changed it");
	strbuf_release(&line);
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		tap_skip_all("cannot make a temporary directory");
		return 0;
	}
	char www[600], cache_dir[600], spec[700];
	snprintf(www, sizeof(www), "%s/www", tmpdir);
	snprintf(cache_dir, sizeof(cache_dir), "%s/cache", tmpdir);
	mkdir(www, 0755);
	write_post(www, "2025-10-01");
	write_post(www, "2025-10-02");
	write_post(www, "2025-10-04");
	printf("# posts in %s\n", www);

	/* A day without a post is asked again after 1, 2, 4,
	 * then 7 days for ever — never "never". */
	is_int((long)fetch_missing_backoff(1), 86400L, "404 backoff after 1 miss: a day");
	is_int((long)fetch_missing_backoff(2), 2 * 86400L, "  after 2: two days");
	is_int((long)fetch_missing_backoff(3), 4 * 86400L, "  after 3: four days");
	is_int((long)fetch_missing_backoff(4), 7 * 86400L, "  after 4: a week");
	is_int((long)fetch_missing_backoff(1000000), 7 * 86400L, "  after a million: still a week");
	struct fetch_opts d;
	fetch_opts_init_with(&d, 4, 7);
	is_int(d.timeout_s, 7, "the timeout setting is the URL's whole time");
	is_int(d.refetch, 0, "refetch is off by default");

	struct source_list sl;
	struct source_window w;
	struct strbuf err = STRBUF_INIT;
	source_list_init(&sl);
	snprintf(spec, sizeof(spec), "local=file://%s/%%F.md", www);
	is_int(source_list_add(&sl, spec, &err), 0, "a file:// template source");
	source_window_init(&w, 5, "2025-10-05", &err);
	struct fetch_opts o;
	fetch_opts_init(&o);
	o.lock_wait_ms = 0;

	struct fetch *f = fetch_start(cache_dir, &sl, &w, &o, &err);
	ok(f != NULL, "fetch_start");
	if (!f) {
		printf("# %s\n", err.buf);
		return tap_done();
	}
	struct fetch_progress p;
	fetch_progress(f, &p);
	is_int((long)p.total, 5, "five items: one a day");
	is_int((long)p.done, 0, "none done before the first step");

	/* A second fetch of the same cache cannot start meanwhile. */
	strbuf_reset(&err);
	struct fetch *g = fetch_start(cache_dir, &sl, &w, &o, &err);
	ok(g == NULL, "a second fetch_start on the same cache fails");
	is_str(err.buf, "another digest-tui is updating the cache", "because of the lock");
	fetch_free(g);

	long long t0 = ms_now();
	int steps = 0;
	while (fetch_step(f, 0))
		steps++;
	ok(ms_now() - t0 < 2000, "fetch_step(0) never waits (%d steps)", steps);
	ok(fetch_finished(f), "finished");
	is_int(fetch_step(f, 100), 0, "a step after the end returns 0 at once");
	is_int(fetch_timeout_ms(f), -1, "and there is no timeout to wait for");
	fetch_progress(f, &p);
	is_int((long)p.done, 5, "all five done");
	is_int(p.counts.fresh, 3, "three new");
	is_int(p.counts.missing, 2, "two missing");
	is_int(fetch_changed(f), 3, "three changes to reload");
	struct fetch_counts c;
	fetch_source_counts(f, 0, &c);
	is_int(c.fresh, 3, "per source counts");
	is_int((long)fetch_nresults(f), 5, "five results");
	const struct fetch_result *r = fetch_result(f, 0);
	is_str(r->date, "2025-10-05", "the newest first");
	is_int(r->outcome, FETCH_MISSING, "which is missing");
	r = fetch_result(f, 1);
	is_int(r->outcome, FETCH_NEW, "2025-10-04 is new");
	is_str(r->source, "local", "from source 'local'");
	ok(r->path && strstr(r->path, "/posts/2025-10-04-local-post.md"), "stored in the cache (%s)",
	   r->path ? r->path : "-");
	ok(fetch_result(f, 5) == NULL, "no result past the end");
	is_str(fetch_notes(f), "", "no notes");
	check_summary(f);

	/* Once finished the lock is free again, even before fetch_free. */
	strbuf_reset(&err);
	g = fetch_start(cache_dir, &sl, &w, &o, &err);
	ok(g != NULL, "a finished fetch has let go of the lock");
	if (g) {
		while (fetch_step(g, 50))
			;
		fetch_progress(g, &p);
		is_int(p.counts.unchanged, 3, "the next fetch finds three unchanged");
		is_int(p.counts.missing, 2, "and the two days still missing");
		is_int(fetch_changed(g), 0, "nothing to reload");
	}
	struct fetch_summary *kept = NULL;
	if (g) {
		struct fetch_summary s;
		fetch_summary(g, &s);
		kept = fetch_summary_dup(&s);
	}
	fetch_free(g);
	fetch_free(f);
	/* The copy outlives the fetch (valgrind and ASan read it here). */
	ok(kept && kept->nnew_dates == 0 && kept->npost_dates == 3 &&
	   !strcmp(kept->post_dates[0], "2025-10-01") && !strcmp(kept->post_dates[1], "2025-10-02") &&
	   !strcmp(kept->post_dates[2], "2025-10-04") && kept->counts.unchanged == 3,
	   "fetch_summary_dup: the posts fetched again, unchanged, are the posts fetched; "
	   "the copy outlives the fetch");
	fetch_summary_free(kept);

	/* The archive sees the three posts. */
	struct archive a;
	struct cache cache;
	archive_init(&a);
	cache_open(&cache, cache_dir, 0, &err);
	is_int(cache_load(&cache, &a, NULL, &err), 3, "cache_load finds them");
	cache_close(&cache);
	archive_free(&a);

	/* Cancelling: fetch_free before the end stores nothing partial. */
	write_post(www, "2025-10-05");
	strbuf_reset(&err);
	f = fetch_start(cache_dir, &sl, &w, &o, &err);
	ok(f != NULL, "fetch_start again");
	fetch_free(f);
	char path[700];
	struct stat st;
	snprintf(path, sizeof(path), "%s/posts/2025-10-05-local-post.md", cache_dir);
	ok(stat(path, &st) < 0, "a fetch freed before any step stores nothing");

	/* A source whose directory vanished fails as one item. */
	struct source_list gone;
	source_list_init(&gone);
	snprintf(spec, sizeof(spec), "%s/vanishing", tmpdir);
	mkdir(spec, 0755);
	source_list_add(&gone, spec, &err);
	rmdir(spec);
	f = fetch_start(cache_dir, &gone, &w, &o, &err);
	ok(f && fetch_finished(f), "a source that cannot be listed finishes at once");
	if (f) {
		fetch_progress(f, &p);
		is_int(p.counts.failed, 1, "as one failure");
		ok(fetch_result(f, 0)->error && strstr(fetch_result(f, 0)->error, "vanishing"),
		   "that names the directory");
	}
	fetch_free(f);
	source_list_free(&gone);

	/* A github source whose API accepts the connection and never answers
	 * (a socket that listens and is never read): the listing goes through
	 * the multi handle, so fetch_step(0) returns at once, and the listing
	 * counts as the one item meanwhile. */
	int lfd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sa;
	socklen_t salen = sizeof(sa);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (lfd >= 0 && bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) == 0 && listen(lfd, 4) == 0 &&
	    getsockname(lfd, (struct sockaddr *)&sa, &salen) == 0) {
		char api[64];
		snprintf(api, sizeof(api), "http://127.0.0.1:%d", ntohs(sa.sin_port));
		struct source_list gh;
		source_list_init(&gh);
		source_list_add(&gh, "github someone/blog", &err);
		struct fetch_opts go;
		fetch_opts_init(&go);
		go.github_api_url = api;
		go.github_raw_url = api;
		f = fetch_start(cache_dir, &gh, &w, &go, &err);
		ok(f != NULL, "fetch_start with a github source");
		if (f) {
			struct timespec s0, s1;
			clock_gettime(CLOCK_MONOTONIC, &s0);
			int more = 1;
			for (int i = 0; i < 20; i++)
				more &= fetch_step(f, 0);
			clock_gettime(CLOCK_MONOTONIC, &s1);
			long ms = (s1.tv_sec - s0.tv_sec) * 1000 + (s1.tv_nsec - s0.tv_nsec) / 1000000;
			ok(more && ms < 500, "20 steps while the listing hangs take %ld ms", ms);
			fetch_progress(f, &p);
			ok(p.total == 1 && p.done == 0 && p.listing_requests == 1,
			   "the listing is the one item meanwhile (%zu/%zu)", p.done, p.total);
			is_int((long)fetch_nresults(f), 0, "no post results before the listing");
			ok(fetch_timeout_ms(f) >= 0, "a timeout to wait for");
		}
		fetch_free(f);
		source_list_free(&gh);
	} else {
		ok(0, "a listening socket on 127.0.0.1");
	}
	if (lfd >= 0)
		close(lfd);

	source_list_free(&sl);
	strbuf_release(&err);
	http_cleanup();
	char cmd[700];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tmpdir);
	return tap_done();
}
