/* fetch: brings the cache up to date from the sources, with libcurl's multi
 * interface driven by the caller's loop — never blocking longer than the
 * caller allows — so the TUI can fetch in the background, and --fetch can
 * wait for it (fetch_run).
 *
 *   struct fetch *f = fetch_start(NULL, &sources, &window, &opts, &err);
 *   while (fetch_step(f, 100))          // or fetch_step_fd(f, 100, STDIN_FILENO)
 *           draw fetch_progress(f, &p): "fetching p.done/p.total";
 *   fetch_nresults(f) / fetch_result(f, i); fetch_changed(f) > 0: reload;
 *   fetch_free(f);
 *
 * What it does per item (a URL of a source; see source.h):
 *   - up to `parallel` transfers at once, connections reused, HTTP/2
 *     multiplexing when the server offers it; http, https and file only
 *     (redirects to http and https only, at most 5); TLS always verified;
 *     the proxy environment honoured (libcurl's defaults);
 *   - a post stored before is asked for with If-None-Match /
 *     If-Modified-Since: 304 means unchanged, and no body is transferred;
 *   - 404 (or a missing file://) means no post that day: remembered (with
 *     the count of 404s in a row), and, once the day is more than
 *     `recent_days` before the window's last day and was already that old
 *     when the 404 came, asked again only when fetch_missing_backoff(count)
 *     has passed since: 1, 2, 4, then every 7 days — never "never". With
 *     `refetch`, every day is asked regardless;
 *   - validators (ETag, Last-Modified) are kept only when at most 1 KiB of
 *     visible ASCII; a 400 or 431 answer to a conditional request is retried
 *     once, at once, without validators;
 *   - 5xx and timeouts are retried `retries` times, after retry_ms, then twice
 *     that, within timeout_s for the URL in all (each try gets what is left);
 *     other failures (refused connection, a truncated body, a body over
 *     max_bytes, too many redirects, a body that is not a post, a file://
 *     that is not a regular file) are not, and never change the cache;
 *   - EUC-KR / CP949 bodies are converted to UTF-8 (charset.h);
 *   - a good body is stored (cache.h) only when it differs from the cached one.
 * A SOURCE_GITHUB source is listed first, by one request to the git trees
 * API per fetch (through the same multi handle, so fetch_step never blocks
 * on it), conditional on the ETag of the listing kept from the last fetch
 * (CACHE/github-NAME.listing); until every listing is in, fetch_progress
 * counts the listings as the items. Its items are then the listed posts
 * dated within the window moved to end with the newest listed post at or
 * before the window's last day (source_window_follow); a post whose cached
 * bytes have the listed git blob SHA-1 (computed over them, never stored) is
 * FETCH_UNCHANGED with no request at all; one whose SHA differs is asked for
 * without validators. A post no longer listed stays in the cache untouched.
 * When the listing cannot be had — rate limited (403/429 with
 * X-RateLimit-Remaining: 0 or Retry-After), cut short (truncated), any
 * other failure — one line in fetch_notes says why (with the time the rate
 * limit ends), and the source's date template over the window stands in.
 * Catch-up: each source's window reaches back to the newest post the cache
 * holds for it (source_window_catchup; a template source at most
 * SOURCE_CATCHUP_MAX_DAYS past it, a listing source's window first moved to
 * its newest listed post), so a break loses nothing.
 * Offline: the first request to a host (scheme, host and port) goes alone;
 * when it cannot resolve the host (or the proxy) or cannot connect, no other
 * URL of that host is asked — they fail as unreachable with it, and the
 * summary holds one line for the host — and a listing that fails so makes
 * no request of its date template. Any other answer (a 404, a 500, a
 * timeout) opens the host to the rest, each URL failing or not on its own.
 * Only one process fetches into a cache at a time (fetch.lock). */
#ifndef DIGEST_FETCH_H
#define DIGEST_FETCH_H

#include <stddef.h>

#include "source.h"
#include "strbuf.h"

/* The DIGEST_TUI_* environment variables named below exist for the test
 * suite only (digest-tui(1) says so); users set `parallel` and `timeout`. */
struct fetch_opts {
	int parallel;            /* transfers at once: 4 (DIGEST_TUI_PARALLEL) */
	int retries;             /* after the first try: 2 (DIGEST_TUI_RETRIES) */
	long retry_ms;           /* first back-off: 500 (DIGEST_TUI_RETRY_MS) */
	long connect_timeout_ms; /* timeout_s (DIGEST_TUI_CONNECT_TIMEOUT_MS) */
	long low_speed_limit;    /* bytes/s ... */
	long low_speed_time;     /* ... for this many seconds aborts a try:
				  * timeout_s (DIGEST_TUI_LOW_SPEED_TIME) */
	long timeout_s;          /* one URL in all, retries included: 20 */
	long long max_bytes;     /* largest body accepted: 4 MiB */
	int recent_days;         /* 3 (see above) */
	int refetch;             /* ask for every day, known 404s too: 0 */
	int lock_wait_ms;        /* for another fetch to end: 2000
				  * (DIGEST_TUI_LOCK_WAIT_MS) */
	/* SOURCE_GITHUB sources (borrowed: they must outlive the fetch): the
	 * trees API (GITHUB_DEFAULT_API_URL), the raw host
	 * (GITHUB_DEFAULT_RAW_URL) and a token sent to the API only, as a
	 * bearer token, and never printed (NULL: none). */
	const char *github_api_url;
	const char *github_raw_url;
	const char *github_token;
};

/* The largest validator (ETag, Last-Modified) stored and sent back. */
#define FETCH_VALIDATOR_MAX 1024

/* The defaults (parallel 4, timeout 20 s). */
void fetch_opts_init(struct fetch_opts *o);
/* The same with the configuration's parallel and timeout (seconds for one
 * URL in all, retries included). */
void fetch_opts_init_with(struct fetch_opts *o, int parallel, int timeout_s);

/* How long after the last of `misses` 404s in a row an old day is asked
 * again, in seconds: 1, 2, 4 days, then 7 days for ever. */
long long fetch_missing_backoff(long misses);

enum fetch_outcome {
	FETCH_PENDING,    /* not finished yet */
	FETCH_NEW,        /* stored; there was no post before */
	FETCH_UPDATED,    /* stored over a different post */
	FETCH_UNCHANGED,  /* 304, or the same bytes */
	FETCH_MISSING,    /* 404: no post that day (maybe not asked: remembered) */
	FETCH_FAILED,     /* see error; the cache is as it was */
};

struct fetch_result {
	const char *source;      /* the source's name */
	const char *date;        /* YYYY-MM-DD, or NULL */
	const char *url;
	const char *path;        /* the cached post, once stored or unchanged */
	enum fetch_outcome outcome;
	long status;             /* last HTTP status (0: none, or file://) */
	int requests;            /* requests made (0: answered by the cache) */
	const char *error;       /* for FETCH_FAILED: one line, else NULL */
	int unreachable;         /* FETCH_FAILED because its host could not be
				  * reached (error "offline: ..."): said once
				  * for the host in the summary */
};

struct fetch_counts {
	int fresh, updated, unchanged, missing, failed;
};

struct fetch_progress {
	size_t total;            /* items */
	size_t done;             /* finished, whatever the outcome */
	size_t active;           /* transfers running */
	size_t waiting;          /* waiting to be retried */
	long long bytes;         /* body bytes received */
	int listing_requests;    /* trees-API requests made */
	struct fetch_counts counts;   /* over all sources so far */
};

struct fetch;

/* Locks the cache at cache_dir (NULL: the default; created if need be),
 * lists the items of every source over the window and checks what the cache
 * holds for them (a bad entry is noted, see fetch_notes, and asked for in
 * full). Transfers begin with the first fetch_step. `sources` must outlive
 * the fetch. Returns NULL with a message in err — "another digest-tui is
 * updating the cache" when the lock stays taken for o->lock_wait_ms. */
struct fetch *fetch_start(const char *cache_dir, const struct source_list *sources,
			  const struct source_window *w, const struct fetch_opts *o,
			  struct strbuf *err);

/* Runs transfers, waiting at most timeout_ms (0: not at all) for network
 * activity. Returns 1 while there is more to do, 0 once finished (then the
 * cache lock is released). fetch_step_fd also returns as soon as fd (when >=
 * 0, e.g. STDIN_FILENO) is readable, so a UI can wait for keys and the
 * network at once. */
int fetch_step(struct fetch *f, int timeout_ms);
int fetch_step_fd(struct fetch *f, int timeout_ms, int fd);
/* How soon the next fetch_step is due, in ms (0: now; -1: finished) — for a
 * caller that sleeps in its own poll() without passing fetch_step_fd a
 * timeout. */
long fetch_timeout_ms(struct fetch *f);
int fetch_finished(const struct fetch *f);

/* Blocking: fetch_step until finished, calling tick (when not NULL) after each
 * step. Returns the number of failed items. */
int fetch_run(struct fetch *f, void (*tick)(const struct fetch *f, void *arg),
	      void *arg);

void fetch_progress(const struct fetch *f, struct fetch_progress *p);
size_t fetch_nresults(const struct fetch *f);
const struct fetch_result *fetch_result(const struct fetch *f, size_t i);
/* Per source, in the order of the list given to fetch_start. */
void fetch_source_counts(const struct fetch *f, size_t source, struct fetch_counts *c);
/* Adds the counts as --fetch's line writes them, each translated on its
 * own (ngettext, as git's diffstat): "3 new, 1 updated, 10 unchanged", and
 * with all ", 0 missing (404), 0 failed" after them. */
void fetch_counts_text(const struct fetch_counts *k, int all, struct strbuf *out);
/* Posts stored (new or updated) so far: the archive needs reloading. */
int fetch_changed(const struct fetch *f);
/* Lines about the cache itself (bad entries found, stores that failed). */
const char *fetch_notes(const struct fetch *f);

/* What a fetch did, for the one line a reader or a script reads. Pointers
 * into the fetch: valid until fetch_free. Complete once the fetch has
 * finished; before, what is known so far. */
struct fetch_summary {
	struct fetch_counts counts;   /* over every source */
	int changed;                  /* fetch_changed */
	const char *const *new_dates; /* the dates of the new digests, each once,
				       * YYYY-MM-DD, oldest first */
	size_t nnew_dates;
	const char *const *post_dates; /* the dates of the posts it fetched — new,
				       * updated or unchanged, not missing or
				       * failed — each once, oldest first: the
				       * posts whose paper facts the facts step
				       * learns (facts_fetch.h) */
	size_t npost_dates;
	long caught_up;               /* days caught up (source_catchup's caught)
				       * by the source that caught up the most
				       * of those with new digests (of all when
				       * none has; of the capped one, if any) */
	long wanted;                  /* with capped: the days it wanted */
	int capped;                   /* a template source's catch-up stopped at
				       * SOURCE_CATCHUP_MAX_DAYS: older days not
				       * fetched (days the cache already knows,
				       * as a 404, do not count) */
	const char *const *offline;   /* for each unreachable host, why:
				       * "cannot resolve HOST", "cannot resolve
				       * the proxy for HOST", "cannot connect to
				       * HOST port N" */
	size_t noffline;
};
void fetch_summary(const struct fetch *f, struct fetch_summary *s);
/* A copy of s that owns all it points to, so that it outlives the fetch
 * (the facts step runs after fetch_free). Free it with fetch_summary_free
 * (NULL is allowed). */
struct fetch_summary *fetch_summary_dup(const struct fetch_summary *s);
void fetch_summary_free(struct fetch_summary *s);
/* Appends the catch-up line — "caught up 16 days: 11 new digests (12-11 …
 * 12-26)"; "caught up 1 day: 1 new digest (12-26)"; when capped, "caught
 * up 92 of 140 days: ... ; older days not fetched; use --days 140" — dates
 * as MM-DD in the year of `today` (date_today), else YYYY-MM-DD. Appends
 * nothing when there is no new digest and no cap to tell. No newline. */
void fetch_summary_catchup(const struct fetch_summary *s, long today, struct strbuf *out);
/* Appends one line per unreachable host, each ending in '\n': "offline:
 * cannot resolve HOST; the cache is unchanged" (or "; nothing fetched from
 * it" when other sources changed the cache). */
void fetch_summary_offline(const struct fetch_summary *s, struct strbuf *out);

/* Stops transfers still running (storing nothing partial), releases the
 * lock, frees everything. */
void fetch_free(struct fetch *f);
/* (libcurl's global state is http.h's: http_cleanup after the last
 * fetch_free.) */

#endif
