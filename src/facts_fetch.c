/* facts_fetch: asking Hugging Face and arXiv for paper facts (see
 * facts_fetch.h). */
#include "config.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "archive.h"
#include "cache.h"
#include "cli.h"
#include "clock.h"
#include "configfile.h"
#include "date.h"
#include "facts.h"
#include "facts_fetch.h"
#include "facts_report.h"
#include "fetch.h"
#include "fetch_cli.h"
#include "fileio.h"
#include "http.h"
#include "i18n.h"
#include "source.h"
#include "strbuf.h"
#include "testknob.h"
#include "util.h"

void facts_fetch_opts_init(struct facts_fetch_opts *o, const struct config *cfg)
{
	memset(o, 0, sizeof(*o));
	o->hf_url = cfg->metadata_hf_url;
	o->arxiv_url = cfg->metadata_arxiv_url;
	o->timeout_s = cfg->timeout;
	o->batch = (int)testknob_range(TESTKNOB_ARXIV_BATCH, 1, 100, 100);
	o->arxiv_gap_ms = testknob_get(TESTKNOB_ARXIV_GAP_MS, 3000);
	o->max_wait_s = 30;
}

/* ---- one request ---------------------------------------------------------- */

struct answer {
	struct strbuf body;
	long retry_after;   /* seconds, -1: none given */
	int too_big;
	char errbuf[CURL_ERROR_SIZE];   /* the handle's error buffer */
};

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
	struct answer *a = ud;
	size_t len = size * n;
	if (a->body.len + len > FACTS_MAX_BYTES) {
		a->too_big = 1;
		return 0; /* stops the transfer */
	}
	strbuf_add(&a->body, p, len);
	return len;
}

static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
	struct answer *a = ud;
	size_t len = size * n;
	long long wait = http_retry_after(p, len, time(NULL));
	if (wait >= 0)
		a->retry_after = wait < LONG_MAX ? (long)wait : LONG_MAX;
	return len;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (ms > 0 && nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* GETs url into a->body. Returns 0 for a 200 answer, else -1 with a reason
 * (no URL in it: the caller names it) in why; a 429/503 with Retry-After up
 * to max_wait_s is waited out (and min_wait_ms at least) and asked once more
 * (*requests counts both), a longer one returns -2 (a->retry_after says how
 * long); a host that cannot be reached (http_unreachable) returns -3. */
static int get(CURL *e, const char *url, const struct facts_fetch_opts *o, long min_wait_ms,
	       struct answer *a, int *requests, struct strbuf *why)
{
	for (int attempt = 0;; attempt++) {
		strbuf_reset(&a->body);
		a->retry_after = -1;
		a->too_big = 0;
		a->errbuf[0] = '\0';
		curl_easy_setopt(e, CURLOPT_URL, url);
		curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
		curl_easy_setopt(e, CURLOPT_WRITEDATA, a);
		curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
		curl_easy_setopt(e, CURLOPT_HEADERDATA, a);
		(*requests)++;
		CURLcode rc = curl_easy_perform(e);
		long status = 0;
		curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
		if (rc != CURLE_OK) {
			if (a->too_big)
				strbuf_addstr(why, _("the answer is larger than 4 MiB"));
			else
				strbuf_addstr(why, *a->errbuf ? a->errbuf : curl_easy_strerror(rc));
			return http_unreachable(rc) ? -3 : -1;
		}
		if (status == 200)
			return 0;
		if ((status == 429 || status == 503) && a->retry_after >= 0 && attempt == 0 &&
		    a->retry_after <= o->max_wait_s) {
			sleep_ms(a->retry_after * 1000 > min_wait_ms ? a->retry_after * 1000
								     : min_wait_ms);
			continue;
		}
		if ((status == 429 || status == 503) && a->retry_after > o->max_wait_s) {
			/* TRANSLATORS: the HTTP status, then the seconds the
			 * server asked to wait. */
			strbuf_addf(why, ngettext("HTTP %ld, asked to wait %ld s (Retry-After): not "
						  "asked again before then",
						  "HTTP %ld, asked to wait %ld s (Retry-After): not "
						  "asked again before then",
						  (unsigned long)a->retry_after),
				    status, a->retry_after);
			return -2;
		}
		strbuf_addf(why, "HTTP %ld", status);
		return -1;
	}
}

/* ---- holds ------------------------------------------------------------------
 * A server that asks for a longer wait than get() gives (Retry-After) is not
 * asked again before then, by this run or the next: DIR/.hold-NAME holds the
 * Unix time from which it may be asked. */

static long long hold_until(const char *dir, const char *name)
{
	struct strbuf path = STRBUF_INIT;
	strbuf_addf(&path, "%s/.hold-%s", dir, name);
	char *data;
	size_t len;
	long long t = 0;
	if (fileio_read(path.buf, 64, FILEIO_NOFOLLOW, &data, &len, NULL) == 0) {
		t = strtoll(data, NULL, 10);
		free(data);
	}
	strbuf_release(&path);
	return t;
}

static void hold_set(const char *dir, const char *name, long long until,
		     struct strbuf *errors)
{
	char buf[32], file[32];
	int n = snprintf(buf, sizeof(buf), "%lld\n", until);
	snprintf(file, sizeof(file), ".hold-%s", name);
	struct strbuf err = STRBUF_INIT;
	if (fileio_mkdirs(dir, 0700, &err) < 0 ||
	    fileio_replace(dir, file, buf, (size_t)n, 0600, &err) < 0) {
		strbuf_addf(errors, _("facts: %s"), err.buf);
		strbuf_addch(errors, '\n');
	}
	strbuf_release(&err);
}

/* Whether the server called name may be asked at now; when not, says so. */
static int may_ask(const char *dir, const char *name, const char *label,
		   long long now, struct strbuf *errors)
{
	long long t = hold_until(dir, name);
	if (t <= now)
		return 1;
	/* TRANSLATORS: Hugging Face or arXiv, then seconds. */
	strbuf_addf(errors, ngettext("facts: %s asked to wait: not asked for %lld s more",
				     "facts: %s asked to wait: not asked for %lld s more",
				     (unsigned long)(t - now)), label, t - now);
	strbuf_addch(errors, '\n');
	return 0;
}

/* A wait longer than a week is taken as a week. */
static long long hold_end(long long now, long retry_after)
{
	return now + (retry_after < 7 * 24 * 3600 ? retry_after : 7 * 24 * 3600);
}

/* ---- the pacing record ------------------------------------------------------
 * Pacing belongs to the store, not to a process: every process that learns
 * facts into it (--fetch from cron, a reader's facts child) takes the flock
 * of STORE/.pace for each unit of work — one Hugging Face day, one arXiv
 * batch — and, holding it, reads the record, looks again in the store for
 * what it means to ask (another process may have learned it meanwhile),
 * waits out arXiv's gap, asks, stores the answer and writes the record. So
 * no two arXiv requests from one cache are closer than the gap, and nothing
 * is asked twice. The lock is a flock: a process that dies releases it, and
 * the file left behind holds only times. Its lines:
 *   arxiv MS        the end of the last arXiv request
 *   asked MS        the end of the last request to either server
 *   hf DATE MS      Hugging Face answered for DATE (kept for an hour)
 * MS are wall-clock milliseconds: unlike the monotonic clock they mean the
 * same after a reboot; a clock set back is handled where they are used. The
 * file is rewritten in place (its lock is on its inode, which a rename would
 * change): a crash while it is written leaves at worst a line that does not
 * read, which is passed over. */

#define PACE_NAME ".pace"
#define PACE_MAX_BYTES (1 << 20)
/* How long a day Hugging Face answered is not asked again by any process:
 * longer than a run, much shorter than the 24 hours the facts keep. */
#define PACE_DAY_MS (3600 * 1000LL)

struct pace_day {
	char date[11];
	long long ms;
};

struct pace {
	int fd;                  /* the lock, held from pace_lock to pace_unlock */
	long long arxiv_ms, asked_ms;
	struct pace_day *days;   /* answered less than PACE_DAY_MS ago */
	size_t ndays, cap;
};

static int day_fresh(long long ms, long long now)
{
	return now >= ms && now - ms < PACE_DAY_MS;
}

static void pace_add_day(struct pace *p, const char *date, long long ms)
{
	ALLOC_GROW(p->days, p->ndays, p->cap);
	snprintf(p->days[p->ndays].date, sizeof(p->days[0].date), "%s", date);
	p->days[p->ndays++].ms = ms;
}

/* Whether Hugging Face answered for date lately (to any process). */
static int pace_day_asked(const struct pace *p, const char *date)
{
	long long now = clock_wall_ms(0);
	for (size_t i = 0; i < p->ndays; i++)
		if (!strcmp(p->days[i].date, date) && day_fresh(p->days[i].ms, now))
			return 1;
	return 0;
}

/* The record's text (empty when there is none yet). */
static void pace_text(const char *path, struct strbuf *out)
{
	char *data;
	size_t len;
	if (fileio_read(path, PACE_MAX_BYTES, FILEIO_NOFOLLOW, &data, &len, NULL) == 0) {
		strbuf_add(out, data, len);
		free(data);
	}
}

/* Reads the record into p; lines it does not know are passed over. */
static void pace_parse(struct pace *p, const char *text)
{
	long long now = clock_wall_ms(0);
	p->arxiv_ms = p->asked_ms = 0;
	p->ndays = 0;
	for (const char *l = text; *l; l += strcspn(l, "\n"), l += *l == '\n') {
		char date[11];
		long long ms;
		if (sscanf(l, "arxiv %lld", &ms) == 1)
			p->arxiv_ms = ms;
		else if (sscanf(l, "asked %lld", &ms) == 1)
			p->asked_ms = ms;
		else if (sscanf(l, "hf %10s %lld", date, &ms) == 2 && date_parse(date, NULL) == 0 &&
			 day_fresh(ms, now))
			pace_add_day(p, date, ms);
	}
}

static int pace_write(const struct pace *p)
{
	struct strbuf b = STRBUF_INIT;
	strbuf_addf(&b, "arxiv %lld\nasked %lld\n", p->arxiv_ms, p->asked_ms);
	for (size_t i = 0; i < p->ndays; i++)
		strbuf_addf(&b, "hf %s %lld\n", p->days[i].date, p->days[i].ms);
	int rc = lseek(p->fd, 0, SEEK_SET) < 0 || fileio_write_all(p->fd, b.buf, b.len) < 0 ||
			 ftruncate(p->fd, (off_t)b.len) < 0 ? -1 : 0;
	strbuf_release(&b);
	return rc;
}

/* The longest one unit of work can hold the lock: two tries of a request,
 * the Retry-After between them, arXiv's gap, and some to store the answer. */
static int unit_ms(const struct facts_fetch_opts *o)
{
	long long ms = (2 * 4 * (long long)o->timeout_s + o->max_wait_s) * 1000 +
		       o->arxiv_gap_ms + 10000;
	return ms < INT_MAX ? (int)ms : INT_MAX;
}

/* ---- the plan ------------------------------------------------------------- */

struct want_state {
	const struct facts_want *w;
	int backlog;             /* no fetched post lists it (facts_want) */
	int ask;                 /* not fresh: to be asked */
	int learned;
	int prior_tries;         /* of a stored "missing" record */
};

/* One facts_fetch call. */
struct run {
	const char *dir;
	const struct facts_fetch_opts *o;
	struct facts_fetch_counts *c;
	struct strbuf *errors;
	long long now;           /* its start (Unix time): when facts were learned */
	struct want_state *s;    /* one per paper: the fetched posts' first,
				  * then the backlog's; each newest first */
	size_t m, to_ask;
	size_t others;           /* papers another process settled meanwhile */
	int stop;                /* no more requests at all */
	CURL *e;
	struct answer a;
	struct strbuf url, why, pace_path;
	struct strbuf unreachable; /* hosts not to ask again, a line each */
	struct facts_list got;
	struct pace pace;
};

static int cmp_str0(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* The order of the work: the fetched posts' papers, then the backlog's;
 * each newest first (a paper without a date last). */
static int cmp_plan(const void *a, const void *b)
{
	const struct want_state *x = a, *y = b;
	if (x->backlog != y->backlog)
		return x->backlog - y->backlog;
	if (!x->w->date != !y->w->date)
		return !x->w->date - !y->w->date;
	int c = cmp_str0(y->w->date, x->w->date);
	return c ? c : strcmp(x->w->id, y->w->id);
}

/* By ID; for each, a fetched post's entry first, and the oldest date. */
static int cmp_id(const void *a, const void *b)
{
	const struct want_state *x = a, *y = b;
	int c = strcmp(x->w->id, y->w->id);
	if (c)
		return c;
	if (x->w->backlog != y->w->backlog)
		return (x->w->backlog != 0) - (y->w->backlog != 0);
	return cmp_str0(x->w->date, y->w->date);
}

/* Whether w is to be asked about at now: a fetched post's paper when the
 * store has no fresh facts of it (they are loaded: an unreadable file is
 * asked for again, and told in errors when tell); a backlog paper when
 * nothing is stored for it — a paper found nowhere is asked again only
 * while a fetched post lists it, and the store is not read whole each run. */
static int wanted(struct run *r, struct want_state *w, time_t now, int tell)
{
	if (w->backlog)
		return !facts_store_has(r->dir, w->w->id);
	struct paper_facts f;
	struct strbuf err = STRBUF_INIT;
	int st = facts_store_load(r->dir, w->w->id, &f, &err);
	if (st < 0 && tell) {
		strbuf_addf(r->errors, _("facts: %s"), err.buf);
		strbuf_addch(r->errors, '\n');
	}
	strbuf_release(&err);
	int want = !facts_fresh(st, &f, now);
	w->prior_tries = st == 0 && f.missing ? f.tries : 0;
	paper_facts_free(&f);
	return want;
}

/* Keeps the backlog to be asked (the end of s[0..m), newest first) within
 * FACTS_BACKLOG_DAYS days and FACTS_BACKLOG_PAPERS papers. */
static void bound_backlog(struct want_state *s, size_t m)
{
	size_t days = 0, papers = 0;
	const char *day = NULL;
	for (size_t i = 0; i < m; i++) {
		if (!s[i].backlog || !s[i].ask)
			continue;
		int new_day = !papers || cmp_str0(day, s[i].w->date);
		if (papers == FACTS_BACKLOG_PAPERS || (new_day && days == FACTS_BACKLOG_DAYS)) {
			s[i].ask = 0;
			continue;
		}
		days += new_day;
		day = s[i].w->date;
		papers++;
	}
}

/* The papers of wants[0..n) once each — a fetched post's when one lists it,
 * for its first date — in the order of the work, and which of them the
 * store has no fresh facts of; the backlog within its bound. */
static void plan(struct run *r, const struct facts_want *wants, size_t n)
{
	struct want_state *s = xcalloc(n ? n : 1, sizeof(*s));
	for (size_t i = 0; i < n; i++)
		s[i].w = &wants[i];
	qsort(s, n, sizeof(*s), cmp_id);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (m && !strcmp(s[m - 1].w->id, s[i].w->id))
			continue;
		s[m] = s[i];
		s[m].backlog = s[m].w->backlog != 0;
		s[m].ask = wanted(r, &s[m], (time_t)r->now, 1);
		r->c->known += !s[m].ask && !s[m].backlog;
		m++;
	}
	qsort(s, m, sizeof(*s), cmp_plan);
	bound_backlog(s, m);
	for (size_t i = 0; i < m; i++)
		r->to_ask += s[i].ask != 0;
	r->s = s;
	r->m = m;
}

/* Whether w is still to be asked about, now that this process holds the
 * lock: another one may have learned it (or found it nowhere) meanwhile. */
static int still_wanted(struct run *r, struct want_state *w)
{
	if (!w->ask || w->learned)
		return 0;
	if (wanted(r, w, time(NULL), 0))   /* told once, by plan() */
		return 1;
	w->ask = 0;
	r->c->known++;
	r->others++;
	return 0;
}

static void progress(const struct run *r)
{
	if (r->o->progress)
		r->o->progress(r->o->progress_ctx,
			       (size_t)(r->c->learned + r->c->not_found) + r->others, r->to_ask);
}

/* Stores what an answer says about the wanted papers among s[0..n). */
static void take(struct run *r, struct want_state *s, size_t n)
{
	for (size_t i = 0; i < r->got.n; i++) {
		struct paper_facts *f = &r->got.v[i];
		for (size_t k = 0; k < n; k++) {
			if (!s[k].ask || s[k].learned || strcmp(s[k].w->id, f->id))
				continue;
			f->fetched = r->now;
			struct strbuf err = STRBUF_INIT;
			if (facts_store_save(r->dir, f, &err) < 0) {
				strbuf_addf(r->errors, _("facts: %s: %s"), f->id, err.buf);
				strbuf_addch(r->errors, '\n');
			} else {
				r->c->learned++;
			}
			strbuf_release(&err);
			s[k].learned = 1;
		}
	}
}

/* Asked of arXiv and not found: remembered, so that the back-off applies. */
static void take_missing(struct run *r, struct want_state *w)
{
	struct paper_facts miss;
	paper_facts_init(&miss);
	miss.id = xstrdup(w->w->id);
	miss.missing = 1;
	miss.tries = w->prior_tries + 1;
	miss.fetched = r->now;
	struct strbuf err = STRBUF_INIT;
	if (facts_store_save(r->dir, &miss, &err) < 0) {
		strbuf_addf(r->errors, _("facts: %s: %s"), miss.id, err.buf);
		strbuf_addch(r->errors, '\n');
	}
	strbuf_release(&err);
	paper_facts_free(&miss);
	r->c->not_found++;
}

/* hf_url with every %F replaced by date. */
static void expand_date(const char *tmpl, const char *date, struct strbuf *out)
{
	for (const char *p = tmpl; *p; p++) {
		if (p[0] == '%' && p[1] == 'F') {
			strbuf_addstr(out, date);
			p++;
		} else {
			strbuf_addch(out, *p);
		}
	}
}

/* ---- hosts that cannot be reached --------------------------------------------
 * Offline, every request would fail the same way, each after its own
 * attempt to resolve or connect: the first failure of a host stands for the
 * rest of the run. */

/* The host of url, with the port when the URL names one ("" when it does not
 * parse). */
static void url_host(const char *url, struct strbuf *out)
{
	CURLU *u = curl_url();
	char *host = NULL, *port = NULL;
	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
		strbuf_addstr(out, host);
		if (curl_url_get(u, CURLUPART_PORT, &port, 0) == CURLUE_OK)
			strbuf_addf(out, ":%s", port);
	}
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
}

/* Whether url's host failed to resolve or connect earlier in this run. */
static int host_unreachable(const struct run *r, const char *url)
{
	struct strbuf host = STRBUF_INIT;
	url_host(url, &host);
	int found = 0;
	for (const char *l = r->unreachable.buf; host.len && l && *l; l = strchr(l, '\n') + 1)
		if (!strncmp(l, host.buf, host.len) && l[host.len] == '\n')
			found = 1;
	strbuf_release(&host);
	return found;
}

/* Tells, once, that url's host cannot be reached (get()'s reason in why),
 * and remembers it. */
static void host_give_up(struct run *r, const char *url, const char *why)
{
	struct strbuf host = STRBUF_INIT;
	url_host(url, &host);
	/* TRANSLATORS: a host, then why it cannot be reached. */
	strbuf_addf(r->errors, _("facts: cannot reach %s (%s); not asked again this time"),
		    host.len ? host.buf : url, why);
	strbuf_addch(r->errors, '\n');
	r->c->failed++;
	if (host.len)
		strbuf_addf(&r->unreachable, "%s\n", host.buf);
	strbuf_release(&host);
}

/* What a failed request (get()'s rc < 0) leaves: one line — for the host, or
 * for the URL — and a hold on the server (name) that asked for a long wait.
 * Returns -1 when that server is to be asked nothing more in this run. */
static int request_failed(struct run *r, int rc, const char *name)
{
	if (rc == -3) {
		host_give_up(r, r->url.buf, r->why.buf);
		return -1;
	}
	/* TRANSLATORS: the URL asked (or a paper's ID), then what went
	 * wrong. */
	strbuf_addf(r->errors, _("facts: %s: %s"), r->url.buf, r->why.buf);
	strbuf_addch(r->errors, '\n');
	r->c->failed++;
	if (rc == -2) {
		hold_set(r->dir, name, hold_end(time(NULL), r->a.retry_after), r->errors);
		return -1;
	}
	return 0;
}

/* ---- one unit of work, under the lock ---------------------------------------- */

/* Takes the pacing lock and reads the record. While another process holds
 * it, waits — as long as that process makes requests (the record changes at
 * least once a unit's longest time); one that does not (stopped, hung) is
 * not waited for beyond that. Returns 0, or -1 (told in errors, r->stop). */
static int pace_lock(struct run *r)
{
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT, err = STRBUF_INIT;
	int rc = -1, wait = unit_ms(r->o), stalled = 0;
	if (fileio_mkdirs(r->dir, 0700, &err) < 0)
		goto out;
	pace_text(r->pace_path.buf, &before);
	for (;;) {
		int fd = fileio_lock(r->pace_path.buf, 0, wait, 1, &err);
		int e = errno;
		strbuf_reset(&after);
		pace_text(r->pace_path.buf, &after);
		if (fd >= 0 && (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDONLY) {
			/* A read-only cache: what is asked could not be paced. */
			close(fd);
			strbuf_addf(&err, _("%s: cannot write it"), r->pace_path.buf);
			break;
		}
		if (fd >= 0) {
			r->pace.fd = fd;
			pace_parse(&r->pace, after.buf);
			rc = 0;
			break;
		}
		if (e != EWOULDBLOCK || !strcmp(before.buf, after.buf)) {
			stalled = e == EWOULDBLOCK;
			break;
		}
		strbuf_reset(&err);
		struct strbuf t = before;
		before = after;
		after = t;
	}
out:
	if (rc < 0) {
		if (stalled)
			/* TRANSLATORS: why the lock was not had, then the
			 * seconds waited. */
			strbuf_addf(r->errors, ngettext("facts: %s for %d s without a request: "
							"nothing more asked",
							"facts: %s for %d s without a request: "
							"nothing more asked",
							(unsigned long)(wait / 1000)),
				    err.buf, wait / 1000);
		else
			strbuf_addf(r->errors, _("facts: %s: nothing more asked"), err.buf);
		strbuf_addch(r->errors, '\n');
		r->c->failed++;
		r->stop = 1;
	}
	strbuf_release(&before);
	strbuf_release(&after);
	strbuf_release(&err);
	return rc;
}

/* Writes the record when a request was made, and releases the lock. */
static void pace_unlock(struct run *r, int asked)
{
	if (asked) {
		r->pace.asked_ms = clock_wall_ms(1);
		if (pace_write(&r->pace) < 0) {
			strbuf_addf(r->errors, _("facts: %s: cannot write: %s: nothing more asked"),
				    r->pace_path.buf, strerror(errno));
			strbuf_addch(r->errors, '\n');
			r->c->failed++;
			r->stop = 1;
		}
	}
	close(r->pace.fd);   /* releases the flock */
	r->pace.fd = -1;
}

/* Waits until o->arxiv_gap_ms have passed since the end of the last arXiv
 * request of any process; never longer than that (a clock set back). */
static void pace_wait_arxiv(const struct run *r)
{
	long long gap = r->o->arxiv_gap_ms, since = clock_wall_ms(0) - r->pace.arxiv_ms;
	long long wait = since < 0 ? gap : gap - since;
	if (wait > 0)
		sleep_ms((long)wait);
}

/* Hugging Face's daily papers of the day of s[i..j). Returns 0, or -1 when
 * Hugging Face is not to be asked again in this run. */
static int hf_day(struct run *r, size_t i, size_t j)
{
	const char *date = r->s[i].w->date;
	strbuf_reset(&r->url);
	expand_date(r->o->hf_url, date, &r->url);
	if (host_unreachable(r, r->url.buf))
		return -1;
	if (pace_lock(r) < 0)
		return -1;
	if (!may_ask(r->dir, "huggingface", "Hugging Face", (long long)time(NULL), r->errors)) {
		pace_unlock(r, 0);
		return -1;
	}
	int any = 0;
	if (!pace_day_asked(&r->pace, date))
		for (size_t k = i; k < j; k++)
			any |= still_wanted(r, &r->s[k]);
	int rc = 0, stop = 0;
	if (any) {
		strbuf_reset(&r->why);
		rc = get(r->e, r->url.buf, r->o, 0, &r->a, &r->c->hf_requests, &r->why);
		if (rc == 0 && facts_parse_hf(r->a.body.buf, r->a.body.len, &r->got, &r->why) < 0)
			rc = -1;
		if (rc < 0) {
			stop = request_failed(r, rc, "huggingface");
		} else {
			take(r, r->s + i, j - i);
			pace_add_day(&r->pace, date, clock_wall_ms(0));
		}
		facts_list_free(&r->got);
	}
	pace_unlock(r, any);
	progress(r);
	return stop;
}

/* The next up to o->batch papers from s[*i] on that are still to be asked,
 * from arXiv. Returns 0, or -1 when arXiv is not to be asked again in this
 * run. */
static int arxiv_batch(struct run *r, size_t *i)
{
	if (host_unreachable(r, r->o->arxiv_url) || pace_lock(r) < 0)
		return -1;
	if (!may_ask(r->dir, "arxiv", "arXiv", (long long)time(NULL), r->errors)) {
		pace_unlock(r, 0);
		return -1;
	}
	size_t ids[100], k = 0;
	while (*i < r->m && k < (size_t)r->o->batch && k < 100) {
		if (still_wanted(r, &r->s[*i]))
			ids[k++] = *i;
		(*i)++;
	}
	int rc = 0, stop = 0;
	if (k) {
		strbuf_reset(&r->url);
		strbuf_reset(&r->why);
		strbuf_addf(&r->url, "%s%cid_list=", r->o->arxiv_url,
			    strchr(r->o->arxiv_url, '?') ? '&' : '?');
		for (size_t q = 0; q < k; q++)
			strbuf_addf(&r->url, "%s%s", q ? "," : "", r->s[ids[q]].w->id);
		strbuf_addf(&r->url, "&max_results=%zu", k);
		pace_wait_arxiv(r);
		/* Recorded before it is sent too: a process killed while it
		 * waits for the answer still keeps the next one a gap away. */
		r->pace.arxiv_ms = clock_wall_ms(1);
		if (pace_write(&r->pace) < 0) {
			pace_unlock(r, 1);
			return -1;
		}
		rc = get(r->e, r->url.buf, r->o, r->o->arxiv_gap_ms, &r->a,
			 &r->c->arxiv_requests, &r->why);
		r->pace.arxiv_ms = clock_wall_ms(1);
		if (rc == 0 && facts_parse_arxiv(r->a.body.buf, r->a.body.len, &r->got, &r->why) < 0)
			rc = -1;
		if (rc < 0) {
			stop = request_failed(r, rc, "arxiv");
		} else {
			take(r, r->s, r->m);
			for (size_t q = 0; q < k; q++)
				if (!r->s[ids[q]].learned)
					take_missing(r, &r->s[ids[q]]);
		}
		facts_list_free(&r->got);
	}
	pace_unlock(r, k > 0);
	progress(r);
	return stop;
}

/* ---- a run ------------------------------------------------------------------ */

/* One handle for the whole run (its connections are kept): timeout_s to
 * connect, four times that for an answer, which must not stall for
 * timeout_s. */
static CURL *curl_start(long timeout_s, char *errbuf)
{
	struct http_limits l = { timeout_s * 1000, 4 * timeout_s * 1000, 1, timeout_s,
				 FACTS_MAX_BYTES, 0 };
	return http_easy(&l, errbuf);
}

int facts_fetch(const char *dir, const struct facts_want *wants, size_t n,
		const struct facts_fetch_opts *o, struct facts_fetch_counts *c,
		struct strbuf *errors)
{
	memset(c, 0, sizeof(*c));
	struct run r = { .dir = dir, .o = o, .c = c, .errors = errors,
			 .now = (long long)time(NULL), .pace = { .fd = -1 } };
	strbuf_init(&r.a.body);
	strbuf_init(&r.url);
	strbuf_init(&r.why);
	strbuf_init(&r.pace_path);
	strbuf_init(&r.unreachable);
	strbuf_addf(&r.pace_path, "%s/%s", dir, PACE_NAME);
	facts_list_init(&r.got);
	plan(&r, wants, n);
	r.e = curl_start(o->timeout_s, r.a.errbuf);
	if (!r.e) {
		strbuf_addstr(errors, _("facts: cannot start libcurl"));
		strbuf_addch(errors, '\n');
		c->failed = 1;
		r.stop = 1;
	}
	progress(&r);

	/* One daily-papers request per date that has a paper to ask about. */
	for (size_t i = 0; o->hf_url && !r.stop && i < r.m;) {
		size_t j = i;
		int any = 0;
		while (j < r.m && !cmp_str0(r.s[j].w->date, r.s[i].w->date))
			any |= r.s[j++].ask;
		if (any && r.s[i].w->date && date_parse(r.s[i].w->date, NULL) == 0 &&
		    hf_day(&r, i, j) < 0)
			break;
		i = j;
	}
	/* The rest from arXiv, up to o->batch IDs a request, spaced. */
	for (size_t i = 0; o->arxiv_url && !r.stop;) {
		while (i < r.m && (!r.s[i].ask || r.s[i].learned))
			i++;
		if (i == r.m || arxiv_batch(&r, &i) < 0)
			break;
	}

	if (r.e)
		curl_easy_cleanup(r.e);
	strbuf_release(&r.a.body);
	strbuf_release(&r.url);
	strbuf_release(&r.why);
	strbuf_release(&r.pace_path);
	strbuf_release(&r.unreachable);
	free(r.pace.days);
	free(r.s);
	return c->failed;
}

/* ---- --fetch ---------------------------------------------------------------- */

int facts_fetch_enabled(const struct config *cfg)
{
	return cfg->metadata && (cfg->metadata_hf_url || cfg->metadata_arxiv_url);
}

/* Each line of s as a problem report. */
static void emit_problems(const struct strbuf *s, facts_report_fn *emit, void *ctx)
{
	struct facts_report r;
	for (const char *p = s->buf; p && *p;) {
		size_t n = strcspn(p, "\n");
		facts_report_problem(&r, p, n);
		emit(ctx, &r);
		p += n + (p[n] == '\n');
	}
}

/* The digest's day, or -1 when it has none. */
static long digest_day(const struct digest *d)
{
	long day;
	return d->date && date_parse(d->date, &day) == 0 ? day : -1;
}

/* Whether date is one of dates[0..n). */
static int among(const char *date, const char *const *dates, size_t n)
{
	for (size_t i = 0; date && i < n; i++)
		if (dates[i] && !strcmp(dates[i], date))
			return 1;
	return 0;
}

/* Every paper of the digests of a: those dated as a post the fetch fetched
 * (fetched may be NULL: none) are wanted as such, the others are the
 * backlog. Returns the array (free it; its strings are a's) and its length
 * in *n. */
static struct facts_want *cached_wants(const struct archive *a,
				       const struct fetch_summary *fetched, size_t *n)
{
	const char *const *dates = fetched ? fetched->post_dates : NULL;
	size_t ndates = fetched ? fetched->npost_dates : 0;
	struct facts_want *wants = NULL;
	size_t cap = 0;
	*n = 0;
	for (size_t i = 0; i < a->n; i++) {
		const struct digest *d = &a->v[i];
		int dated = digest_day(d) >= 0;
		for (size_t k = 0; k < d->npapers; k++) {
			if (!d->papers[k].arxiv_id)
				continue;
			ALLOC_GROW(wants, *n, cap);
			wants[(*n)++] = (struct facts_want){
				.id = d->papers[k].arxiv_id,
				.date = dated ? d->date : NULL,
				.backlog = !among(d->date, dates, ndates),
			};
		}
	}
	return wants;
}

struct progress_to {
	facts_report_fn *emit;
	void *ctx;
};

static void progress_report(void *ctx, size_t done, size_t total)
{
	const struct progress_to *to = ctx;
	struct facts_report r = { .kind = FACTS_REPORT_PROGRESS, .done = done, .total = total };
	to->emit(to->ctx, &r);
}

/* Where the papers are: the store's directory and the cached digests (of
 * the --source ones, when given). Returns 0, or -1 with a message in err. */
static int cli_setup(const struct cli *c, const struct config *cfg, struct strbuf *dir,
		     struct archive *a, struct strbuf *err)
{
	struct source_list sources;
	struct source_window w;
	struct fetch_opts fo;
	if (fetch_cli_config(c, cfg, &sources, &w, &fo, err))
		return -1;
	if (facts_store_dir(NULL, dir, err) < 0) {
		source_list_free(&sources);
		return -1;
	}
	struct strbuf ignored = STRBUF_INIT; /* the posts' problems: told by the fetch */
	cache_load_archive_sources(a, c->nsources ? &sources : NULL, &ignored);
	strbuf_release(&ignored);
	source_list_free(&sources);
	return 0;
}

int facts_fetch_cli_run(const struct cli *c, const struct config *cfg,
			const struct fetch_summary *fetched, facts_report_fn *emit, void *ctx)
{
	struct strbuf err = STRBUF_INIT, dir = STRBUF_INIT;
	struct archive a;
	archive_init(&a);
	if (cli_setup(c, cfg, &dir, &a, &err) < 0) {
		struct strbuf line = STRBUF_INIT;
		struct facts_report r;
		strbuf_addf(&line, "facts: %s", err.buf);
		facts_report_problem(&r, line.buf, line.len);
		emit(ctx, &r);
		strbuf_release(&line);
		archive_free(&a);
		strbuf_release(&err);
		strbuf_release(&dir);
		return 1;
	}
	size_t n;
	struct facts_want *wants = cached_wants(&a, fetched, &n);
	struct facts_fetch_opts o;
	facts_fetch_opts_init(&o, cfg);
	struct progress_to to = { emit, ctx };
	o.progress = progress_report;
	o.progress_ctx = &to;
	struct facts_report done = { .kind = FACTS_REPORT_DONE };
	int failed = 1;
	if (http_init() < 0) {
		strbuf_addstr(&err, _("facts: cannot initialize libcurl"));
		strbuf_addch(&err, '\n');
	} else {
		failed = facts_fetch(dir.buf, wants, n, &o, &done.counts, &err);
	}
	http_cleanup();
	emit_problems(&err, emit, ctx);
	emit(ctx, &done);
	int status = failed ? 1 : 0;
	if (fflush(stdout) == EOF)
		status = 1;
	free(wants);
	archive_free(&a);
	strbuf_release(&err);
	strbuf_release(&dir);
	return status;
}
