/* facts_fetch: asking Hugging Face and arXiv for paper facts (see
 * facts_fetch.h). */
#include "config.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "archive.h"
#include "cache.h"
#include "cli.h"
#include "configfile.h"
#include "facts.h"
#include "facts_fetch.h"
#include "fetch.h"
#include "fetch_cli.h"
#include "fileio.h"
#include "source.h"
#include "strbuf.h"
#include "util.h"

/* The env variable name's value as a number in [lo, hi], else def. */
static long env_long(const char *name, long lo, long hi, long def)
{
	const char *s = getenv(name);
	char *end;
	if (!s || !*s)
		return def;
	errno = 0;
	long v = strtol(s, &end, 10);
	return !*end && !errno && v >= lo && v <= hi ? v : def;
}

void facts_fetch_opts_init(struct facts_fetch_opts *o, const struct config *cfg)
{
	memset(o, 0, sizeof(*o));
	o->hf_url = cfg->metadata_hf_url;
	o->arxiv_url = cfg->metadata_arxiv_url;
	o->timeout_s = cfg->timeout;
	o->batch = (int)env_long("DIGEST_TUI_ARXIV_BATCH", 1, 100, 100);
	o->arxiv_gap_ms = 3000;
	o->max_wait_s = 30;
}

/* ---- one request ---------------------------------------------------------- */

struct answer {
	struct strbuf body;
	long retry_after;   /* seconds, -1: none given */
	int too_big;
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
	static const char name[] = "retry-after:";
	if (len > sizeof(name) - 1 && !strncasecmp(p, name, sizeof(name) - 1)) {
		char buf[64];
		size_t k = len - (sizeof(name) - 1);
		if (k >= sizeof(buf))
			k = sizeof(buf) - 1;
		memcpy(buf, p + sizeof(name) - 1, k);
		buf[k] = '\0';
		char *s = buf + strspn(buf, " \t");
		s[strcspn(s, "\r\n")] = '\0';
		if (*s && strspn(s, "0123456789") == strlen(s) && strlen(s) <= 9) {
			a->retry_after = strtol(s, NULL, 10);
		} else if (*s) {
			/* An HTTP date. */
			time_t t = curl_getdate(s, NULL);
			if (t != (time_t)-1)
				a->retry_after = t > time(NULL) ? (long)(t - time(NULL)) : 0;
		}
	}
	return len;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (ms > 0 && nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* GETs url into a->body. Returns 0 for a 200 answer, else -1 with a reason
 * (no URL in it: the caller names it) in why; a 429/503 with Retry-After up
 * to max_wait_s is waited out and asked once more (*requests counts both),
 * a longer one returns -2 (a->retry_after says how long). */
static int get(CURL *e, const char *url, const struct facts_fetch_opts *o,
	       struct answer *a, int *requests, struct strbuf *why)
{
	for (int attempt = 0;; attempt++) {
		strbuf_reset(&a->body);
		a->retry_after = -1;
		a->too_big = 0;
		char errbuf[CURL_ERROR_SIZE] = "";
		curl_easy_setopt(e, CURLOPT_URL, url);
		curl_easy_setopt(e, CURLOPT_ERRORBUFFER, errbuf);
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
				strbuf_addstr(why, "the answer is larger than 4 MiB");
			else
				strbuf_addstr(why, *errbuf ? errbuf : curl_easy_strerror(rc));
			return -1;
		}
		if (status == 200)
			return 0;
		if ((status == 429 || status == 503) && a->retry_after >= 0 && attempt == 0 &&
		    a->retry_after <= o->max_wait_s) {
			sleep_ms(a->retry_after * 1000);
			continue;
		}
		strbuf_addf(why, "HTTP %ld", status);
		if ((status == 429 || status == 503) && a->retry_after > o->max_wait_s) {
			strbuf_addf(why, ", asked to wait %ld s (Retry-After): not asked again "
				    "before then", a->retry_after);
			return -2;
		}
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
	    fileio_replace(dir, file, buf, (size_t)n, 0600, &err) < 0)
		strbuf_addf(errors, "facts: %s\n", err.buf);
	strbuf_release(&err);
}

/* Whether the server called name may be asked at now; when not, says so. */
static int may_ask(const char *dir, const char *name, const char *label,
		   long long now, struct strbuf *errors)
{
	long long t = hold_until(dir, name);
	if (t <= now)
		return 1;
	strbuf_addf(errors, "facts: %s asked to wait: not asked for %lld s more\n", label,
		    t - now);
	return 0;
}

/* A wait longer than a week is taken as a week. */
static long long hold_end(long long now, long retry_after)
{
	return now + (retry_after < 7 * 24 * 3600 ? retry_after : 7 * 24 * 3600);
}

/* ---- the plan ------------------------------------------------------------- */

struct want_state {
	const struct facts_want *w;
	int ask;                 /* not fresh: to be asked */
	int learned;
	int prior_tries;         /* of a stored "missing" record */
};

static int cmp_str0(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int cmp_date(const void *a, const void *b)
{
	const struct want_state *x = a, *y = b;
	int c = cmp_str0(x->w->date, y->w->date);
	return c ? c : strcmp(x->w->id, y->w->id);
}

static int cmp_id(const void *a, const void *b)
{
	const struct want_state *x = a, *y = b;
	int c = strcmp(x->w->id, y->w->id);
	return c ? c : cmp_str0(x->w->date, y->w->date);
}

/* Stores what an answer says about the wanted papers among s[0..n). */
static void take(const char *dir, struct want_state *s, size_t n, struct facts_list *got,
		 long long now, struct facts_fetch_counts *c, struct strbuf *errors)
{
	for (size_t i = 0; i < got->n; i++) {
		struct paper_facts *f = &got->v[i];
		for (size_t k = 0; k < n; k++) {
			if (!s[k].ask || s[k].learned || strcmp(s[k].w->id, f->id))
				continue;
			f->fetched = now;
			struct strbuf err = STRBUF_INIT;
			if (facts_store_save(dir, f, &err) < 0)
				strbuf_addf(errors, "facts: %s: %s\n", f->id, err.buf);
			else
				c->learned++;
			strbuf_release(&err);
			s[k].learned = 1;
		}
	}
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

static int valid_date(const char *d)
{
	return d && strlen(d) == 10 && strspn(d, "0123456789-") == 10 && d[4] == '-' &&
	       d[7] == '-';
}

int facts_fetch(const char *dir, const struct facts_want *wants, size_t n,
		const struct facts_fetch_opts *o, struct facts_fetch_counts *c,
		struct strbuf *errors)
{
	memset(c, 0, sizeof(*c));
	long long now = (long long)time(NULL);
	struct want_state *s = xcalloc(n ? n : 1, sizeof(*s));
	for (size_t i = 0; i < n; i++)
		s[i].w = &wants[i];
	/* The same paper in two digests is asked once, for its first date. */
	qsort(s, n, sizeof(*s), cmp_id);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (m && !strcmp(s[m - 1].w->id, s[i].w->id))
			continue;
		s[m] = s[i];
		struct paper_facts f;
		struct strbuf err = STRBUF_INIT;
		int st = facts_store_load(dir, s[m].w->id, &f, &err);
		if (st < 0)
			strbuf_addf(errors, "facts: %s\n", err.buf);
		strbuf_release(&err);
		s[m].ask = !facts_fresh(st, &f, (time_t)now);
		s[m].prior_tries = st == 0 && f.missing ? f.tries : 0;
		c->known += !s[m].ask;
		paper_facts_free(&f);
		m++;
	}
	qsort(s, m, sizeof(*s), cmp_date);

	CURL *e = curl_easy_init();
	if (!e) {
		strbuf_addstr(errors, "facts: cannot start libcurl\n");
		free(s);
		c->failed = 1;
		return 1;
	}
	char ua[64];
	snprintf(ua, sizeof(ua), "digest-tui/%s", PACKAGE_VERSION);
	curl_easy_setopt(e, CURLOPT_USERAGENT, ua);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, 3L);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, o->timeout_s);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, o->timeout_s);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, 4 * o->timeout_s);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)FACTS_MAX_BYTES);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);

	struct answer a;
	strbuf_init(&a.body);
	struct strbuf url = STRBUF_INIT, why = STRBUF_INIT;
	struct facts_list got;
	facts_list_init(&got);

	size_t to_ask = 0;
	for (size_t i = 0; i < m; i++)
		to_ask += s[i].ask != 0;
#define PROGRESS() do { \
		if (o->progress) \
			o->progress(o->progress_ctx, (size_t)(c->learned + c->not_found), to_ask); \
	} while (0)
	PROGRESS();

	/* One daily-papers request per date that has a paper to ask about. */
	int ask_hf = o->hf_url && may_ask(dir, "huggingface", "Hugging Face", now, errors);
	int ask_arxiv = o->arxiv_url && may_ask(dir, "arxiv", "arXiv", now, errors);
	for (size_t i = 0; ask_hf && i < m;) {
		size_t j = i;
		int any = 0;
		while (j < m && !strcmp(s[j].w->date ? s[j].w->date : "",
					s[i].w->date ? s[i].w->date : "")) {
			any |= s[j].ask;
			j++;
		}
		if (any && valid_date(s[i].w->date)) {
			strbuf_reset(&url);
			strbuf_reset(&why);
			expand_date(o->hf_url, s[i].w->date, &url);
			int rc = get(e, url.buf, o, &a, &c->hf_requests, &why);
			if (rc == 0 && facts_parse_hf(a.body.buf, a.body.len, &got, &why) < 0)
				rc = -1;
			if (rc < 0) {
				strbuf_addf(errors, "facts: %s: %s\n", url.buf, why.buf);
				c->failed++;
			}
			if (rc == -2) {
				hold_set(dir, "huggingface", hold_end(now, a.retry_after), errors);
				ask_hf = 0;
			} else if (rc == 0) {
				take(dir, s + i, j - i, &got, now, c, errors);
			}
			facts_list_free(&got);
			PROGRESS();
		}
		i = j;
	}

	/* The rest from arXiv, up to o->batch IDs a request, spaced. */
	long last_end = -1;
	for (size_t i = 0; ask_arxiv && i < m;) {
		size_t ids[100];
		size_t k = 0;
		while (i < m && k < (size_t)o->batch && k < 100) {
			if (s[i].ask && !s[i].learned)
				ids[k++] = i;
			i++;
		}
		if (!k)
			continue;
		strbuf_reset(&url);
		strbuf_reset(&why);
		strbuf_addf(&url, "%s%cid_list=", o->arxiv_url,
			    strchr(o->arxiv_url, '?') ? '&' : '?');
		for (size_t q = 0; q < k; q++)
			strbuf_addf(&url, "%s%s", q ? "," : "", s[ids[q]].w->id);
		strbuf_addf(&url, "&max_results=%zu", k);
		if (last_end >= 0 && now_ms() - last_end < o->arxiv_gap_ms)
			sleep_ms(o->arxiv_gap_ms - (now_ms() - last_end));
		int rc = get(e, url.buf, o, &a, &c->arxiv_requests, &why);
		if (rc == 0 && facts_parse_arxiv(a.body.buf, a.body.len, &got, &why) < 0)
			rc = -1;
		last_end = now_ms();
		if (rc < 0) {
			strbuf_addf(errors, "facts: %s: %s\n", url.buf, why.buf);
			c->failed++;
			facts_list_free(&got);
			if (rc == -2) {
				hold_set(dir, "arxiv", hold_end(now, a.retry_after), errors);
				ask_arxiv = 0;
			}
			continue;
		}
		take(dir, s, m, &got, now, c, errors);
		facts_list_free(&got);
		/* Asked and not found: remembered, so the back-off applies. */
		for (size_t q = 0; q < k; q++) {
			struct want_state *w = &s[ids[q]];
			if (w->learned)
				continue;
			struct paper_facts miss;
			paper_facts_init(&miss);
			miss.id = xstrdup(w->w->id);
			miss.missing = 1;
			miss.tries = w->prior_tries + 1;
			miss.fetched = now;
			struct strbuf err = STRBUF_INIT;
			if (facts_store_save(dir, &miss, &err) < 0)
				strbuf_addf(errors, "facts: %s: %s\n", miss.id, err.buf);
			strbuf_release(&err);
			paper_facts_free(&miss);
			c->not_found++;
		}
		PROGRESS();
	}

	curl_easy_cleanup(e);
	strbuf_release(&a.body);
	strbuf_release(&url);
	strbuf_release(&why);
	free(s);
	return c->failed;
}

/* ---- --fetch ---------------------------------------------------------------- */

/* Each line of s as one error message. */
static void report(const struct strbuf *s)
{
	const char *p = s->buf;
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		int n = nl ? (int)(nl - p) : (int)strlen(p);
		error_msg("%.*s", n, p);
		p += n + (nl ? 1 : 0);
	}
}

static void progress_to_fd(void *ctx, size_t done, size_t total)
{
	char line[64];
	int n = snprintf(line, sizeof(line), "facts-progress %zu/%zu\n", done, total);
	/* A reader gone away only costs the line. */
	if (n > 0 && write(*(int *)ctx, line, (size_t)n) < 0)
		return;
}

int facts_fetch_cli_run(const struct cli *c, const struct config *cfg)
{
	return facts_fetch_cli_run_fd(c, cfg, -1);
}

int facts_fetch_cli_run_fd(const struct cli *c, const struct config *cfg, int progress_fd)
{
	struct source_list sources;
	struct source_window w;
	struct fetch_opts fo;
	struct strbuf err = STRBUF_INIT, dir = STRBUF_INIT;
	if (fetch_cli_config(c, cfg, &sources, &w, &fo, &err) ||
	    facts_store_dir(NULL, &dir, &err) < 0) {
		error_msg("facts: %s", err.buf);
		strbuf_release(&err);
		strbuf_release(&dir);
		return 1;
	}
	/* The papers of the window's digests, as --fetch just cached them. */
	struct archive a;
	archive_init(&a);
	cache_load_archive_sources(&a, c->nsources ? &sources : NULL, &err);
	strbuf_reset(&err); /* the posts' problems were told by the first step */
	struct facts_want *wants = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < a.n; i++) {
		const struct digest *d = &a.v[i];
		long day;
		if (!d->date || source_day_parse(d->date, &day) < 0 || day < w.first ||
		    day > w.last)
			continue;
		for (size_t k = 0; k < d->npapers; k++) {
			if (!d->papers[k].arxiv_id)
				continue;
			ALLOC_GROW(wants, n, cap);
			wants[n++] = (struct facts_want){ d->papers[k].arxiv_id, d->date };
		}
	}
	struct facts_fetch_opts o;
	facts_fetch_opts_init(&o, cfg);
	if (progress_fd >= 0) {
		o.progress = progress_to_fd;
		o.progress_ctx = &progress_fd;
	}
	struct facts_fetch_counts k;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	int failed = facts_fetch(dir.buf, wants, n, &o, &k, &err);
	curl_global_cleanup();
	report(&err);
	printf("facts: %d learned, %d not found, %d known, %d failed "
	       "(%d Hugging Face request%s, %d arXiv request%s)\n",
	       k.learned, k.not_found, k.known, k.failed, k.hf_requests,
	       k.hf_requests == 1 ? "" : "s", k.arxiv_requests,
	       k.arxiv_requests == 1 ? "" : "s");
	int status = failed ? 1 : 0;
	if (fflush(stdout) == EOF)
		status = 1;
	free(wants);
	archive_free(&a);
	source_list_free(&sources);
	strbuf_release(&err);
	strbuf_release(&dir);
	return status;
}
