/* fetch: the libcurl multi engine that fills the cache (see fetch.h). */
#include "config.h"

#include <curl/curl.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "charset.h"
#include "clock.h"
#include "date.h"
#include "fetch.h"
#include "fileio.h"
#include "github.h"
#include "http.h"
#include "i18n.h"
#include "model.h"
#include "post.h"
#include "sha1.h"
#include "sha256.h"
#include "testknob.h"
#include "util.h"

enum job_state { JOB_QUEUED, JOB_ACTIVE, JOB_WAITING, JOB_DONE };

struct job {
	struct source_item *item;
	struct fetch_result res;
	enum job_state state;
	struct cache_meta old;     /* the cached metadata, when readable */
	int have_meta;
	int post_ok;               /* old names a post that checks out */
	int post_exists;           /* posts/STEM.md exists */
	char disk_sha[65];         /* its checksum when !post_ok, else "" */
	int blob_match;            /* post_ok and its git blob SHA is the listed one */
	int conditional;           /* the request carries If-None-Match/-Modified-Since */
	int unconditional;         /* validators refused (400/431): ask without them */
	long long deadline;        /* monotonic ms: the end of this URL's time */
	char *path;                /* posts/STEM.md */
	char *error;
	CURL *easy;
	struct curl_slist *headers;
	struct strbuf body;
	char *etag, *last_modified;
	int too_big;
	long long retry_at;        /* monotonic ms */
	int host;                  /* index in f->hosts, -1: file:// */
	int probe;                 /* the first request to its host */
	char errbuf[CURL_ERROR_SIZE];
	struct fetch *f;
};

/* The trees-API listing of one SOURCE_GITHUB source: asked for before any
 * post, through the same multi handle. */
struct listing {
	const struct source *src;
	CURL *easy;
	struct strbuf body;
	char *etag;
	struct github_limit limit;
	long status;
	int too_big;
	int started;
	int done;
	int ok;                    /* posts holds the listing */
	int host, probe;           /* as a job's */
	int offline;               /* its host could not be reached */
	struct github_listing posts;
	char *url;
	char *cached_etag;         /* of the listing kept from the last fetch */
	char *cached_body;
	size_t cached_len;
	char errbuf[CURL_ERROR_SIZE];
	struct curl_slist *headers;
	struct fetch *f;
};

/* A host (scheme, name, port) of the URLs asked: its first request goes
 * alone, and tells whether the rest are worth asking (see fetch.h). */
enum host_state { HOST_UNKNOWN, HOST_PROBING, HOST_UP, HOST_DOWN };

struct host {
	char *key;                 /* SCHEME://NAME:PORT */
	char *name;
	long port;
	enum host_state state;
	char *why;                 /* HOST_DOWN: "cannot resolve NAME" ... */
};

/* What a fetch plans for one source. */
struct per_source {
	long newest;               /* the newest cached post's day, or LONG_MIN */
	struct source_window w;    /* its window, catch-up included */
	struct source_catchup cu;
	int down_host;             /* >= 0: its listing found this host
				    * unreachable: nothing of it is asked */
	int unreachable;           /* items failed as unreachable */
};

/* Dates, sorted, each once (date_set_add). */
struct date_set {
	char **v;
	size_t n, cap;
};

struct fetch {
	struct cache cache;
	struct fetch_opts o;
	const struct source_list *sources;
	struct source_window w;
	struct source_items items;
	struct listing *lists;     /* one per SOURCE_GITHUB source */
	size_t nlists, lists_done;
	struct per_source *src;    /* one per source */
	struct host *hosts;
	size_t nhosts, hosts_cap;
	const char **down_why;     /* the hosts' why, in the order they went down */
	size_t ndown, down_cap;
	struct date_set new_dates;  /* of new digests */
	struct date_set post_dates; /* of every post new, updated or unchanged */
	int planned;               /* items listed and jobs made */
	int listing_requests;
	struct job *jobs;
	size_t njobs;
	size_t next;               /* first job never started */
	size_t active, waiting, done;
	long long bytes;
	struct fetch_counts *counts;   /* per source */
	struct fetch_counts total;
	int changed;
	int finished;
	CURLM *multi;
	struct strbuf notes;
};

/* ---- options ---------------------------------------------------------------- */

void fetch_opts_init(struct fetch_opts *o)
{
	fetch_opts_init_with(o, 4, 20);
}

/* The knobs read here are for the test suite (fast retries, short waits:
 * testknob.h); digest-tui(1) lists them as such. No user setting depends
 * on them: `timeout` alone bounds a URL's time. */
void fetch_opts_init_with(struct fetch_opts *o, int parallel, int timeout_s)
{
	o->parallel = (int)testknob_range(TESTKNOB_PARALLEL, 1, 64, parallel);
	o->retries = (int)testknob_range(TESTKNOB_RETRIES, 0, 10, 2);
	o->retry_ms = testknob_range(TESTKNOB_RETRY_MS, 0, 600000, 500);
	o->timeout_s = timeout_s > 0 ? timeout_s : 20;
	o->connect_timeout_ms = testknob_range(TESTKNOB_CONNECT_TIMEOUT_MS, 1, 600000,
					       o->timeout_s * 1000L);
	o->low_speed_limit = 10;
	o->low_speed_time = testknob_range(TESTKNOB_LOW_SPEED_TIME, 1, 3600, o->timeout_s);
	o->max_bytes = 4LL << 20;
	o->recent_days = 3;
	o->refetch = 0;
	o->lock_wait_ms = (int)testknob_range(TESTKNOB_LOCK_WAIT_MS, 0, 3600000, 2000);
	o->github_api_url = GITHUB_DEFAULT_API_URL;
	o->github_raw_url = GITHUB_DEFAULT_RAW_URL;
	o->github_token = NULL;
}

static int is_file_url(const char *url)
{
	return !strncasecmp(url, "file:", 5);
}

/* ---- hosts --------------------------------------------------------------------- */

/* The host of a URL, as an index into f->hosts (added when new); -1 for
 * file:// and for what libcurl cannot parse (which fails on its own). */
static int host_of(struct fetch *f, const char *url)
{
	if (is_file_url(url))
		return -1;
	CURLU *u = curl_url();
	char *scheme = NULL, *name = NULL, *port = NULL;
	int idx = -1;
	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &name, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK) {
		struct strbuf key = STRBUF_INIT;
		strbuf_addf(&key, "%s://%s:%s", scheme, name, port);
		for (size_t i = 0; i < f->nhosts && idx < 0; i++)
			if (!strcmp(f->hosts[i].key, key.buf))
				idx = (int)i;
		if (idx < 0) {
			ALLOC_GROW(f->hosts, f->nhosts, f->hosts_cap);
			struct host *h = &f->hosts[f->nhosts];
			memset(h, 0, sizeof(*h));
			h->key = strbuf_detach(&key, NULL);
			h->name = xstrdup(name);
			h->port = strtol(port, NULL, 10);
			idx = (int)f->nhosts++;
		}
		strbuf_release(&key);
	}
	curl_free(scheme);
	curl_free(name);
	curl_free(port);
	curl_url_cleanup(u);
	return idx;
}

static enum host_state host_state(const struct fetch *f, int host)
{
	return host >= 0 ? f->hosts[host].state : HOST_UP;
}

/* ---- planning ------------------------------------------------------------------ */

static struct fetch_counts *counts_of(struct fetch *f, const struct job *j)
{
	return &f->counts[j->item->src - f->sources->v];
}

static void count(struct fetch *f, struct job *j, enum fetch_outcome outcome)
{
	struct fetch_counts *c[2] = { counts_of(f, j), &f->total };
	for (int i = 0; i < 2; i++) {
		switch (outcome) {
		case FETCH_NEW:
			c[i]->fresh++;
			break;
		case FETCH_UPDATED:
			c[i]->updated++;
			break;
		case FETCH_UNCHANGED:
			c[i]->unchanged++;
			break;
		case FETCH_MISSING:
			c[i]->missing++;
			break;
		case FETCH_FAILED:
			c[i]->failed++;
			break;
		case FETCH_PENDING:
			break;
		}
	}
}

static int cmp_date(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds date to s, which stays sorted, each date once. */
static void date_set_add(struct date_set *s, const char *date)
{
	if (s->n && bsearch(&date, s->v, s->n, sizeof(char *), cmp_date))
		return;
	ALLOC_GROW(s->v, s->n, s->cap);
	size_t i = s->n;
	while (i > 0 && strcmp(s->v[i - 1], date) > 0) {
		s->v[i] = s->v[i - 1];
		i--;
	}
	s->v[i] = xstrdup(date);
	s->n++;
}

static void date_set_free(struct date_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

static void finish_job(struct fetch *f, struct job *j, enum fetch_outcome outcome)
{
	/* A name of the older scheme (the part before '~'), which two posts
	 * of a day could share: replaced by this one, so not shown twice. */
	const char *tilde = j->item->stem ? strchr(j->item->stem, '~') : NULL;
	if (tilde && (outcome == FETCH_NEW || outcome == FETCH_UPDATED ||
		      outcome == FETCH_UNCHANGED)) {
		char *legacy = xstrndup(j->item->stem, (size_t)(tilde - j->item->stem));
		if (cache_remove(&f->cache, legacy, j->item->src->name))
			f->changed++;
		free(legacy);
	}
	j->res.outcome = outcome;
	if (outcome == FETCH_NEW || outcome == FETCH_UPDATED || outcome == FETCH_UNCHANGED)
		j->res.path = j->path;
	if (outcome == FETCH_NEW || outcome == FETCH_UPDATED)
		f->changed++;
	if (outcome == FETCH_NEW && j->item->date)
		date_set_add(&f->new_dates, j->item->date);
	if (j->res.path && j->item->date)
		date_set_add(&f->post_dates, j->item->date);
	j->res.error = j->error;
	j->state = JOB_DONE;
	f->done++;
	count(f, j, outcome);
	strbuf_release(&j->body);
}

static void job_fail(struct fetch *f, struct job *j, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void job_fail(struct fetch *f, struct job *j, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	free(j->error);
	j->error = strbuf_detach(&sb, NULL);
	finish_job(f, j, FETCH_FAILED);
}

/* A job not asked (or its host's first request) because its host cannot
 * be reached: failed, said once for the host (fetch_summary). */
static void job_unreachable(struct fetch *f, struct job *j, int host)
{
	j->res.unreachable = 1;
	f->src[j->item->src - f->sources->v].unreachable++;
	job_fail(f, j, _("offline: %s"), f->hosts[host].why);
}

/* Why a body is not a post, said once: post_parse's reason (in English)
 * may already begin with "not a digest post". */
static void add_post_reason(struct strbuf *out, const char *why)
{
	if (!why)
		why = N_("unknown reason");
	if (!strncmp(why, "not a digest post", 17))
		strbuf_addstr(out, _(why));
	else
		/* TRANSLATORS: why the file is not a post. */
		strbuf_addf(out, _("not a digest post (%s)"), _(why));
}

/* The cached bytes agree with the checksums stored, which is not proof
 * they are a post (a file put there by hand, with metadata to match): a
 * conditional request would keep it forever. A post is vouched for
 * (post_ok), and matched against the listing's blob. */
static void vouch_for_post(struct fetch *f, struct job *j, const char *data, size_t len)
{
	struct digest d;
	const char *bad = NULL;
	if (post_parse(data, len, j->path, &d, &bad) == 0) {
		digest_free(&d);
		j->post_ok = 1;
		if (j->item->blob_sha) {
			char blob[41];
			sha1_git_blob_hex(data, len, blob);
			j->blob_match = !strcmp(blob, j->item->blob_sha);
		}
		return;
	}
	struct strbuf r = STRBUF_INIT;
	add_post_reason(&r, bad);
	strbuf_addf(&f->notes, _("%s/%s: %s; asking for it again"), f->cache.posts, j->old.file,
		    r.buf);
	strbuf_addch(&f->notes, '\n');
	strbuf_release(&r);
}

/* Reads what the cache has for a job; decides whether to ask at all. */
static void plan_job(struct fetch *f, struct job *j)
{
	struct strbuf why = STRBUF_INIT, path = STRBUF_INIT;
	struct stat st;
	strbuf_addf(&path, "%s/%s.md", f->cache.posts, j->item->stem);
	j->path = strbuf_detach(&path, NULL);
	j->post_exists = stat(j->path, &st) == 0;
	int rc = cache_meta_read(&f->cache, j->item->stem, &j->old, &why);
	if (rc < 0) {
		/* TRANSLATORS: the cache's file, then what is wrong with it. */
		strbuf_addf(&f->notes, _("%s/%s.meta: %s; asking for it again"),
			    f->cache.meta, j->item->stem, why.buf);
		strbuf_addch(&f->notes, '\n');
	} else if (rc == 1 && j->post_exists) {
		strbuf_addf(&f->notes, _("%s: no metadata; asking for it again"), j->path);
		strbuf_addch(&f->notes, '\n');
	} else if (rc == 0) {
		j->have_meta = 1;
		if (j->old.status == 200) {
			char *data;
			size_t len;
			int checked = cache_post_check(&f->cache, &j->old, &data, &len, &why);
			if (checked == 1) {
				/* A store cut short left the previous post,
				 * complete: heal its metadata and go on with
				 * that (no validators: an unconditional ask). */
				free(data);
				cache_heal(&f->cache, j->item->stem);
				cache_meta_free(&j->old);
				strbuf_reset(&why);
				if (cache_meta_read(&f->cache, j->item->stem, &j->old, &why) == 0)
					checked = cache_post_check(&f->cache, &j->old, &data,
								   &len, &why);
				else
					checked = -1;
			}
			if (checked == 0) {
				vouch_for_post(f, j, data, len);
				free(data);
			} else {
				strbuf_addf(&f->notes, _("%s/%s: %s; asking for it again"),
					    f->cache.posts, j->old.file, why.buf);
				strbuf_addch(&f->notes, '\n');
			}
		}
	}
	strbuf_release(&why);

	/* A post not vouched for by its metadata: what is on disk, to tell a
	 * repair with the same bytes from an update. */
	char *data;
	size_t len;
	if (j->post_exists && !j->post_ok &&
	    fileio_read(j->path, FILEIO_POST_MAX, FILEIO_NOFOLLOW, &data, &len, NULL) == 0) {
		sha256_hex(data, len, j->disk_sha);
		free(data);
	}

	/* A day known to have no post is asked again, but not at every fetch
	 * once it is old: after a day, then two, four, and at most a week
	 * after the last 404 (misses counts them). Never "never": a server
	 * that answered 404 by mistake is caught up with. */
	long day;
	if (!f->o.refetch && j->have_meta && j->old.status == 404 && !j->post_exists &&
	    j->item->date && !strcmp(j->old.url, j->item->url) &&
	    date_parse(j->item->date, &day) == 0 &&
	    day < f->src[j->item->src - f->sources->v].w.last - f->o.recent_days &&
	    j->old.fetched / 86400 - day > f->o.recent_days &&
	    (long long)time(NULL) - j->old.fetched < fetch_missing_backoff(j->old.misses)) {
		j->res.status = 404;
		finish_job(f, j, FETCH_MISSING);
	}

	/* A listed post whose cached bytes are the listed blob: not asked
	 * for at all. One whose blob changed is asked for without validators,
	 * so a stale 304 cannot keep the old one. */
	if (j->item->blob_sha && j->state != JOB_DONE) {
		if (j->blob_match && !f->o.refetch)
			finish_job(f, j, FETCH_UNCHANGED);
		else
			j->unconditional = 1;
	}
}

long long fetch_missing_backoff(long misses)
{
	long long days = 1;
	for (long i = 1; i < misses && days < 7; i++)
		days *= 2;
	return (days < 7 ? days : 7) * 86400;
}

static void github_items(struct fetch *f, const struct source *s);
static void listing_init(struct fetch *f, struct listing *l, const struct source *s);

/* Source si's window: w reached back to its newest cached post (a template
 * `tmpl` bounded by `cap`, see source.h). A bound that leaves out only days
 * the cache already knows (their 404 kept in meta/, as a paused blog's) is
 * no loss worth telling. */
static void plan_window(struct fetch *f, size_t si, struct source_window w,
			const char *tmpl, long cap)
{
	struct per_source *ps = &f->src[si];
	source_window_catchup(&w, ps->newest, cap, &ps->cu);
	ps->w = w;
	if (!ps->cu.capped || !tmpl)
		return;
	struct strbuf url = STRBUF_INIT, path = STRBUF_INIT;
	int known = 1;
	for (long day = ps->newest + 1; day < w.first && known; day++) {
		char date[DATE_LEN + 1];
		date_format(day, date);
		strbuf_reset(&url);
		source_expand(tmpl, day, &url);
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/", f->cache.meta);
		source_item_stem(f->sources->v[si].name, date, url.buf, &path);
		strbuf_addstr(&path, ".meta");
		known = access(path.buf, F_OK) == 0;
	}
	if (known)
		ps->cu.capped = 0;
	strbuf_release(&url);
	strbuf_release(&path);
}

/* The items of one source that is not listed by the fetcher, over its
 * window. Returns 0, or -1 with why (a DIR gone). */
static int plan_source(struct fetch *f, size_t si, struct strbuf *why)
{
	const struct source *s = &f->sources->v[si];
	if (s->kind == SOURCE_TEMPLATE)
		plan_window(f, si, f->w, s->location, SOURCE_CATCHUP_MAX_DAYS);
	else if (s->kind == SOURCE_DIR)
		plan_window(f, si, f->w, NULL, 0);
	else
		f->src[si].w = f->w;   /* one URL: no window to reach back */
	return source_items_add(&f->items, s, &f->src[si].w, why);
}

/* The items of every source over its window (a listed source's from its
 * listing, or its date template when there is none), and what the cache
 * holds for each; a job whose host is known to be unreachable fails at
 * once. */
static void plan_all(struct fetch *f)
{
	const struct source_list *sources = f->sources;
	/* Items of a source that cannot be listed (a DIR gone) fail as one. */
	struct strbuf why = STRBUF_INIT;
	char **list_errors = xcalloc(sources->n ? sources->n : 1, sizeof(char *));
	for (size_t i = 0; i < sources->n; i++) {
		strbuf_reset(&why);
		if (sources->v[i].kind == SOURCE_GITHUB) {
			github_items(f, &sources->v[i]);
		} else if (plan_source(f, i, &why) < 0) {
			ALLOC_GROW(f->items.v, f->items.n, f->items.cap);
			struct source_item *it = &f->items.v[f->items.n++];
			memset(it, 0, sizeof(*it));
			it->src = &sources->v[i];
			it->url = xstrdup(sources->v[i].location);
			list_errors[i] = xstrdup(why.buf);
		}
	}
	strbuf_release(&why);
	f->njobs = f->items.n;
	f->jobs = xcalloc(f->njobs ? f->njobs : 1, sizeof(*f->jobs));
	for (size_t i = 0; i < f->njobs; i++) {
		struct job *j = &f->jobs[i];
		j->f = f;
		j->item = &f->items.v[i];
		j->res.source = j->item->src->name;
		j->res.date = j->item->date;
		j->res.url = j->item->url;
		j->host = -1;
		strbuf_init(&j->body);
		cache_meta_init(&j->old);
		size_t si = (size_t)(j->item->src - sources->v);
		if (!j->item->stem) {
			job_fail(f, j, "%s", list_errors[si]);
			continue;
		}
		plan_job(f, j);
		if (j->state == JOB_DONE)
			continue;
		j->host = host_of(f, j->item->url);
		int down = f->src[si].down_host;
		if (down < 0 && host_state(f, j->host) == HOST_DOWN)
			down = j->host;
		if (down >= 0)
			job_unreachable(f, j, down);
	}
	for (size_t i = 0; i < sources->n; i++)
		free(list_errors[i]);
	free(list_errors);
	f->planned = 1;
	if (f->done == f->njobs) {
		f->finished = 1;
		cache_unlock_fetch(&f->cache);
	}
}

struct fetch *fetch_start(const char *cache_dir, const struct source_list *sources,
			  const struct source_window *w, const struct fetch_opts *o,
			  struct strbuf *err)
{
	if (http_init() < 0) {
		strbuf_addstr(err, _("cannot initialize libcurl"));
		return NULL;
	}
	struct fetch *f = xcalloc(1, sizeof(*f));
	f->o = *o;
	if (f->o.parallel < 1)
		f->o.parallel = 1;
	f->sources = sources;
	f->w = *w;
	strbuf_init(&f->notes);
	source_items_init(&f->items);
	f->cache.fetch_fd = -1;
	if (cache_open(&f->cache, cache_dir, 1, err) < 0) {
		free(f);
		return NULL;
	}
	if (cache_lock_fetch(&f->cache, o->lock_wait_ms, err) < 0) {
		cache_close(&f->cache);
		free(f);
		return NULL;
	}
	cache_clean_temp(&f->cache);
	f->multi = curl_multi_init();
	if (!f->multi) {
		strbuf_addstr(err, _("cannot initialize libcurl"));
		cache_close(&f->cache);
		free(f);
		return NULL;
	}
	curl_multi_setopt(f->multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)f->o.parallel);

	f->counts = xcalloc(sources->n ? sources->n : 1, sizeof(*f->counts));
	/* Where each source's catch-up starts, read under the lock. */
	f->src = xcalloc(sources->n ? sources->n : 1, sizeof(*f->src));
	long *newest = xcalloc(sources->n ? sources->n : 1, sizeof(long));
	cache_newest_days(&f->cache, sources, newest);
	for (size_t i = 0; i < sources->n; i++) {
		f->src[i].newest = newest[i];
		f->src[i].w = f->w;
		f->src[i].down_host = -1;
		if (sources->v[i].kind == SOURCE_GITHUB)
			f->nlists++;
	}
	free(newest);
	if (f->nlists) {
		struct strbuf why = STRBUF_INIT;
		if (f->o.github_token && *f->o.github_token &&
		    github_token_refused(f->o.github_api_url, &why)) {
			f->o.github_token = NULL;
			strbuf_addf(&f->notes, "%s\n", why.buf);
		}
		strbuf_release(&why);
		/* The listings come first (the first fetch_step starts them);
		 * the items are known once they are in. */
		f->lists = xcalloc(f->nlists, sizeof(*f->lists));
		size_t k = 0;
		for (size_t i = 0; i < sources->n; i++)
			if (sources->v[i].kind == SOURCE_GITHUB)
				listing_init(f, &f->lists[k++], &sources->v[i]);
	} else {
		plan_all(f);
	}
	return f;
}

/* ---- transfers -------------------------------------------------------------------- */

static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
	struct job *j = arg;
	size_t len = size * n;
	if ((long long)(j->body.len + len) > j->f->o.max_bytes) {
		j->too_big = 1;
		return 0;   /* aborts the transfer: CURLE_WRITE_ERROR */
	}
	strbuf_add(&j->body, data, len);
	j->f->bytes += (long long)len;
	return len;
}

/* A header's value as a new string, or NULL (see http_header_value). */
static char *header_value(const char *line, size_t len, const char *name)
{
	size_t n;
	const char *v = http_header_value(line, len, name, &n);
	return v ? xstrndup(v, n) : NULL;
}

/* A validator worth sending back: at most 1 KiB of visible ASCII (and
 * spaces). A server that sends a huge or binary one would refuse it when it
 * comes back (431), and every later fetch would fail. */
static int validator_ok(const char *v)
{
	size_t n = 0;
	for (; v[n]; n++)
		if ((unsigned char)v[n] < 0x20 || (unsigned char)v[n] > 0x7e)
			return 0;
	return n > 0 && n <= FETCH_VALIDATOR_MAX;
}

static size_t on_header(char *line, size_t size, size_t n, void *arg)
{
	struct job *j = arg;
	size_t len = size * n;
	char *v;
	if (len >= 5 && !strncmp(line, "HTTP/", 5)) {
		/* A new response (after a redirect): its headers only. */
		free(j->etag);
		free(j->last_modified);
		j->etag = j->last_modified = NULL;
	} else if ((v = header_value(line, len, "etag"))) {
		free(j->etag);
		j->etag = validator_ok(v) ? v : (free(v), NULL);
	} else if ((v = header_value(line, len, "last-modified"))) {
		free(j->last_modified);
		j->last_modified = validator_ok(v) ? v : (free(v), NULL);
	}
	return len;
}

/* A request's limits: the fetch's connect timeout and floor on speed, a
 * total time and a largest body. */
static struct http_limits http_limits_of(const struct fetch *f, long timeout_ms,
					 long long max_bytes)
{
	struct http_limits l = { f->o.connect_timeout_ms, timeout_ms, f->o.low_speed_limit,
				 f->o.low_speed_time, max_bytes, 0 };
	return l;
}

/* ---- listings (SOURCE_GITHUB) ------------------------------------------------ */

/* The listing kept from the last fetch, for a conditional request:
 * DIR/github-NAME.listing holds "URL\nETAG\n" and the answer's body. */
static void listing_cache_name(const struct listing *l, struct strbuf *out)
{
	strbuf_addf(out, "github-%s.listing", l->src->name);
}

static void listing_init(struct fetch *f, struct listing *l, const struct source *s)
{
	l->f = f;
	l->src = s;
	strbuf_init(&l->body);
	github_listing_init(&l->posts);
	github_limit_init(&l->limit);
	struct strbuf url = STRBUF_INIT, path = STRBUF_INIT;
	github_tree_url(f->o.github_api_url, s->gh_repo, s->gh_branch, &url);
	l->url = strbuf_detach(&url, NULL);
	l->host = host_of(f, l->url);
	strbuf_addf(&path, "%s/", f->cache.dir);
	listing_cache_name(l, &path);
	char *data;
	size_t len;
	if (fileio_read(path.buf, (size_t)GITHUB_MAX_LISTING + 2 * FETCH_VALIDATOR_MAX + 4096,
			FILEIO_NOFOLLOW, &data, &len, NULL) == 0) {
		char *nl1 = memchr(data, '\n', len);
		char *nl2 = nl1 ? memchr(nl1 + 1, '\n', len - (size_t)(nl1 + 1 - data)) : NULL;
		if (nl2 && (size_t)(nl1 - data) == strlen(l->url) &&
		    !memcmp(data, l->url, strlen(l->url))) {
			char *etag = xstrndup(nl1 + 1, (size_t)(nl2 - nl1 - 1));
			if (validator_ok(etag)) {
				l->cached_etag = etag;
				l->cached_len = len - (size_t)(nl2 + 1 - data);
				l->cached_body = xstrndup(nl2 + 1, l->cached_len);
			} else {
				free(etag);
			}
		}
		free(data);
	}
	strbuf_release(&path);
}

static void listing_free(struct listing *l)
{
	if (l->easy) {
		curl_multi_remove_handle(l->f->multi, l->easy);
		curl_easy_cleanup(l->easy);
	}
	curl_slist_free_all(l->headers);
	strbuf_release(&l->body);
	github_listing_free(&l->posts);
	free(l->etag);
	free(l->url);
	free(l->cached_etag);
	free(l->cached_body);
}

static size_t on_listing_body(char *data, size_t size, size_t n, void *arg)
{
	struct listing *l = arg;
	size_t len = size * n;
	if ((long long)(l->body.len + len) > GITHUB_MAX_LISTING) {
		l->too_big = 1;
		return 0;
	}
	strbuf_add(&l->body, data, len);
	l->f->bytes += (long long)len;
	return len;
}

static size_t on_listing_header(char *line, size_t size, size_t n, void *arg)
{
	struct listing *l = arg;
	size_t len = size * n;
	char *v;
	if (len >= 5 && !strncmp(line, "HTTP/", 5)) {
		free(l->etag);
		l->etag = NULL;
		github_limit_init(&l->limit);
	} else if ((v = header_value(line, len, "etag"))) {
		free(l->etag);
		l->etag = validator_ok(v) ? v : (free(v), NULL);
	} else {
		github_limit_header(&l->limit, line, len);
	}
	return len;
}

/* Ends a listing; a note says why the date template stands in for it. */
static void listing_finish(struct fetch *f, struct listing *l, const char *why)
{
	if (why) {
		/* TRANSLATORS: the source's name, then why its listing failed. */
		strbuf_addf(&f->notes, _("%s: %s; using the date template instead"),
			    l->src->name, why);
		strbuf_addch(&f->notes, '\n');
	}
	l->done = 1;
	f->lists_done++;
	strbuf_release(&l->body);
	if (f->lists_done == f->nlists)
		plan_all(f);
}

static void start_listing(struct fetch *f, struct listing *l)
{
	struct http_limits lim = http_limits_of(f, f->o.timeout_s * 1000L, GITHUB_MAX_LISTING);
	CURL *e = http_easy(&lim, l->errbuf);
	if (!e) {
		listing_finish(f, l, _("cannot create a transfer"));
		return;
	}
	l->easy = e;
	curl_easy_setopt(e, CURLOPT_URL, l->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, l);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_listing_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, l);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_listing_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, l);
	l->headers = curl_slist_append(l->headers, "Accept: application/vnd.github+json");
	l->headers = curl_slist_append(l->headers, "X-GitHub-Api-Version: 2022-11-28");
	if (l->cached_etag) {
		struct strbuf h = STRBUF_INIT;
		strbuf_addf(&h, "If-None-Match: %s", l->cached_etag);
		l->headers = curl_slist_append(l->headers, h.buf);
		strbuf_release(&h);
	}
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, l->headers);
	/* The token as libcurl's bearer authentication, not a header of our
	 * own: libcurl does not send it on to another host after a redirect. */
	if (f->o.github_token && *f->o.github_token) {
		curl_easy_setopt(e, CURLOPT_HTTPAUTH, CURLAUTH_BEARER);
		curl_easy_setopt(e, CURLOPT_XOAUTH2_BEARER, f->o.github_token);
	}
	if (curl_multi_add_handle(f->multi, e) != CURLM_OK) {
		curl_easy_cleanup(e);
		l->easy = NULL;
		listing_finish(f, l, _("cannot start a transfer"));
		return;
	}
	f->listing_requests++;
	f->active++;
}

static void listing_store(struct fetch *f, struct listing *l)
{
	if (!l->etag)
		return;
	struct strbuf data = STRBUF_INIT, name = STRBUF_INIT, err = STRBUF_INIT;
	strbuf_addf(&data, "%s\n%s\n", l->url, l->etag);
	strbuf_add(&data, l->body.buf, l->body.len);
	listing_cache_name(l, &name);
	if (fileio_replace(f->cache.dir, name.buf, data.buf, data.len, 0644, &err) < 0)
		strbuf_addf(&f->notes, "%s\n", err.buf);
	strbuf_release(&data);
	strbuf_release(&name);
	strbuf_release(&err);
}

/* The end of the first request to a host: the host is up, unless it could
 * not be reached at all; then what still waits for it fails with it (a
 * listing makes no request of its date template). Returns 1 when down. */
static int host_settle(struct fetch *f, int host, CURLcode rc)
{
	struct host *h = &f->hosts[host];
	if (!http_unreachable(rc)) {
		h->state = HOST_UP;
		return 0;
	}
	h->state = HOST_DOWN;
	struct strbuf why = STRBUF_INIT;
	if (rc == CURLE_COULDNT_RESOLVE_HOST)
		strbuf_addf(&why, _("cannot resolve %s"), h->name);
	else if (rc == CURLE_COULDNT_RESOLVE_PROXY)
		strbuf_addf(&why, _("cannot resolve the proxy for %s"), h->name);
	else
		/* TRANSLATORS: a host's name, then its port. */
		strbuf_addf(&why, _("cannot connect to %s port %ld"), h->name, h->port);
	h->why = strbuf_detach(&why, NULL);
	ALLOC_GROW(f->down_why, f->ndown, f->down_cap);
	f->down_why[f->ndown++] = h->why;
	for (size_t i = 0; i < f->nlists; i++) {
		struct listing *l = &f->lists[i];
		if (!l->started && l->host == host) {
			l->started = l->offline = 1;
			listing_finish(f, l, NULL);
		}
	}
	for (size_t i = 0; f->planned && i < f->njobs; i++)
		if (f->jobs[i].state == JOB_QUEUED && f->jobs[i].host == host)
			job_unreachable(f, &f->jobs[i], host);
	return 1;
}

static void listing_done(struct fetch *f, struct listing *l, CURLcode rc)
{
	long status = 0;
	curl_easy_getinfo(l->easy, CURLINFO_RESPONSE_CODE, &status);
	curl_multi_remove_handle(f->multi, l->easy);
	curl_easy_cleanup(l->easy);
	l->easy = NULL;
	f->active--;
	l->status = status;
	if (l->probe) {
		l->probe = 0;
		if (host_settle(f, l->host, rc)) {
			l->offline = 1;
			listing_finish(f, l, NULL);
			return;
		}
	}
	struct strbuf why = STRBUF_INIT;
	const char *data = NULL;
	size_t len = 0;
	if (rc == CURLE_WRITE_ERROR || rc == CURLE_FILESIZE_EXCEEDED) {
		/* TRANSLATORS: the repository (OWNER/REPO), then a size. */
		strbuf_addf(&why, ngettext("the GitHub listing of %s is larger than %lld byte",
					   "the GitHub listing of %s is larger than %lld bytes",
					   (unsigned long)GITHUB_MAX_LISTING),
			    l->src->gh_repo, GITHUB_MAX_LISTING);
	} else if (rc != CURLE_OK) {
		/* TRANSLATORS: the repository (OWNER/REPO), then what went
		 * wrong. */
		strbuf_addf(&why, _("the GitHub listing of %s: %s"), l->src->gh_repo,
			    l->errbuf[0] ? l->errbuf : curl_easy_strerror(rc));
	} else if (github_limit_hit(&l->limit, status)) {
		github_limit_message(&l->limit, status, time(NULL), &why);
	} else if (status == 304 && l->cached_body) {
		data = l->cached_body;
		len = l->cached_len;
	} else if (status == 200) {
		data = l->body.buf;
		len = l->body.len;
	} else {
		strbuf_addf(&why, _("the GitHub listing of %s: HTTP status %ld"), l->src->gh_repo,
			    status);
	}
	if (data) {
		struct strbuf perr = STRBUF_INIT;
		if (github_listing_parse(data, len, l->src->gh_path, &l->posts, &perr) < 0) {
			strbuf_addf(&why, _("the GitHub listing of %s: %s"), l->src->gh_repo, perr.buf);
		} else if (l->posts.truncated) {
			strbuf_addf(&why, _("GitHub cut the listing of %s short (truncated)"),
				    l->src->gh_repo);
		} else {
			l->ok = 1;
			if (status == 200)
				listing_store(f, l);
		}
		strbuf_release(&perr);
	}
	listing_finish(f, l, l->ok ? NULL : why.buf);
	strbuf_release(&why);
}

/* A listed source's items: the listed posts in its window — the window
 * moved to end with the newest post at or before its last day, then reached
 * back to the newest cached post — or, without a listing, its date template
 * over the window as it is, reached back as a template's (bounded). */
static void github_items(struct fetch *f, const struct source *s)
{
	struct listing *l = NULL;
	for (size_t i = 0; i < f->nlists; i++)
		if (f->lists[i].src == s)
			l = &f->lists[i];
	size_t si = (size_t)(s - f->sources->v);
	struct strbuf url = STRBUF_INIT;
	if (l && l->ok) {
		struct source_window w = f->w;
		long *days = xcalloc(l->posts.n ? l->posts.n : 1, sizeof(long));
		for (size_t i = 0; i < l->posts.n; i++)
			days[i] = l->posts.v[i].day;
		source_window_follow(&w, days, l->posts.n);
		free(days);
		plan_window(f, si, w, NULL, 0);
		w = f->src[si].w;
		for (size_t i = 0; i < l->posts.n; i++) {
			const struct github_post *p = &l->posts.v[i];
			if (p->day < w.first || p->day > w.last)
				continue;
			strbuf_reset(&url);
			github_raw_url(f->o.github_raw_url, s->gh_repo, s->gh_branch, s->gh_path,
				       p->name, &url);
			source_items_push(&f->items, s, url.buf, p->date, p->sha);
		}
	} else {
		struct strbuf tmpl = STRBUF_INIT;
		github_raw_url(f->o.github_raw_url, s->gh_repo, s->gh_branch, s->gh_path,
			       SOURCE_GITHUB_TEMPLATE_NAME, &tmpl);
		plan_window(f, si, f->w, tmpl.buf, SOURCE_CATCHUP_MAX_DAYS);
		if (l && l->offline)
			f->src[si].down_host = l->host;
		const struct source_window *w = &f->src[si].w;
		for (long day = w->last; day >= w->first; day--) {
			char date[DATE_LEN + 1];
			strbuf_reset(&url);
			source_expand(tmpl.buf, day, &url);
			date_format(day, date);
			source_items_push(&f->items, s, url.buf, date, NULL);
		}
		strbuf_release(&tmpl);
	}
	strbuf_release(&url);
}

/* A file:// URL naming a FIFO or a device would block libcurl's read, or
 * never end: only regular files are read (stat does not block). */
static int file_url_refused(const char *url)
{
	CURLU *u = curl_url();
	char *path = NULL;
	int refused = 0;
	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_PATH, &path, CURLU_URLDECODE) == CURLUE_OK) {
		struct stat st;
		refused = stat(path, &st) == 0 && !S_ISREG(st.st_mode);
	}
	curl_free(path);
	curl_url_cleanup(u);
	return refused;
}

static void start_job(struct fetch *f, struct job *j)
{
	if (is_file_url(j->item->url) && file_url_refused(j->item->url)) {
		job_fail(f, j, "%s", _("not a regular file; not read"));
		return;
	}
	/* `timeout` bounds the URL's whole time, retries included: each try
	 * gets what is left of it. */
	if (!j->deadline)
		j->deadline = clock_mono_ms() + f->o.timeout_s * 1000LL;
	long long left = j->deadline - clock_mono_ms();
	if (left < 1)
		left = 1;
	struct http_limits lim = http_limits_of(f, (long)left, f->o.max_bytes);
	lim.allow_file = 1;
	CURL *e = http_easy(&lim, j->errbuf);
	if (!e) {
		job_fail(f, j, "%s", _("cannot create a transfer"));
		return;
	}
	j->easy = e;
	j->too_big = 0;
	strbuf_reset(&j->body);
	free(j->etag);
	free(j->last_modified);
	j->etag = j->last_modified = NULL;
	curl_easy_setopt(e, CURLOPT_URL, j->item->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, j);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, j);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, j);
	/* Over HTTP/2, a try waits for the host's connection to multiplex on. */
	if (!strncasecmp(j->item->url, "https:", 6))
		curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);

	curl_slist_free_all(j->headers);
	j->headers = NULL;
	j->conditional = 0;
	if (j->post_ok && !j->unconditional && !strcmp(j->old.url, j->item->url) &&
	    !is_file_url(j->item->url)) {
		struct strbuf h = STRBUF_INIT;
		if (j->old.etag) {
			strbuf_addf(&h, "If-None-Match: %s", j->old.etag);
			j->headers = curl_slist_append(j->headers, h.buf);
			j->conditional = 1;
		}
		if (j->old.last_modified) {
			strbuf_reset(&h);
			strbuf_addf(&h, "If-Modified-Since: %s", j->old.last_modified);
			j->headers = curl_slist_append(j->headers, h.buf);
			j->conditional = 1;
		}
		strbuf_release(&h);
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, j->headers);
	}
	if (curl_multi_add_handle(f->multi, e) != CURLM_OK) {
		curl_easy_cleanup(e);
		j->easy = NULL;
		job_fail(f, j, "%s", _("cannot start a transfer"));
		return;
	}
	j->res.requests++;
	j->state = JOB_ACTIVE;
	f->active++;
}

/* Starts what may start: a host's first request alone, the others of that
 * host once it has answered (see fetch.h). */
static void start_ready(struct fetch *f)
{
	for (size_t i = 0; i < f->nlists; i++) {
		struct listing *l = &f->lists[i];
		if (l->started || host_state(f, l->host) == HOST_PROBING)
			continue;
		int first = host_state(f, l->host) == HOST_UNKNOWN;
		l->started = 1;
		start_listing(f, l);
		if (first && l->easy) {
			l->probe = 1;
			f->hosts[l->host].state = HOST_PROBING;
		}
	}
	if (!f->planned)
		return;
	long long now = clock_mono_ms();
	for (size_t i = 0; i < f->njobs && f->active < (size_t)f->o.parallel && f->waiting; i++) {
		struct job *j = &f->jobs[i];
		if (j->state == JOB_WAITING && j->retry_at <= now) {
			f->waiting--;
			start_job(f, j);
		}
	}
	while (f->next < f->njobs && f->jobs[f->next].state != JOB_QUEUED)
		f->next++;
	for (size_t i = f->next; i < f->njobs && f->active < (size_t)f->o.parallel; i++) {
		struct job *j = &f->jobs[i];
		if (j->state != JOB_QUEUED || host_state(f, j->host) == HOST_PROBING)
			continue;
		int first = host_state(f, j->host) == HOST_UNKNOWN;
		start_job(f, j);
		if (first && j->state == JOB_ACTIVE) {
			j->probe = 1;
			f->hosts[j->host].state = HOST_PROBING;
		}
	}
}

static int retry_later(struct fetch *f, struct job *j)
{
	if (j->res.requests > f->o.retries)
		return 0;
	long delay = f->o.retry_ms;
	for (int i = 1; i < j->res.requests && delay < 600000; i++)
		delay *= 2;
	if (j->deadline && clock_mono_ms() + delay >= j->deadline)
		return 0;   /* no time left for another try */
	j->retry_at = clock_mono_ms() + delay;
	j->state = JOB_WAITING;
	f->waiting++;
	return 1;
}

/* Records a day without a post. */
static void store_missing(struct fetch *f, struct job *j)
{
	if (!j->post_exists) {
		struct cache_meta m;
		struct strbuf err = STRBUF_INIT;
		cache_meta_init(&m);
		m.source = xstrdup(j->item->src->name);
		m.url = xstrdup(j->item->url);
		m.date = j->item->date ? xstrdup(j->item->date) : NULL;
		m.status = 404;
		m.misses = j->have_meta && j->old.status == 404 ? j->old.misses + 1 : 1;
		m.fetched = (long long)time(NULL);
		if (cache_store(&f->cache, j->item->stem, NULL, 0, &m, &err) < 0)
			strbuf_addf(&f->notes, "%s\n", err.buf);
		strbuf_release(&err);
		cache_meta_free(&m);
	}
	finish_job(f, j, FETCH_MISSING);
}

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* A complete body: converted, checked to be a post, stored when new. */
static void store_body(struct fetch *f, struct job *j, const char *content_type)
{
	struct strbuf conv = STRBUF_INIT;
	const char *data = j->body.buf;
	size_t len = j->body.len;
	const char *charset = "utf-8";
	switch (charset_to_utf8(data, len, content_type, &conv)) {
	case CHARSET_CONVERTED:
		data = conv.buf;
		len = conv.len;
		charset = "cp949";
		break;
	case CHARSET_UNKNOWN:
		charset = "unknown";
		break;
	case CHARSET_UTF8:
		break;
	}

	struct digest d;
	const char *why = NULL;
	if (post_parse(data, len, j->path, &d, &why) < 0) {
		struct strbuf r = STRBUF_INIT;
		add_post_reason(&r, why);
		job_fail(f, j, _("%s; not stored"), r.buf);
		strbuf_release(&r);
		strbuf_release(&conv);
		return;
	}
	digest_free(&d);

	char sum[65];
	sha256_hex(data, len, sum);
	struct strbuf err = STRBUF_INIT;
	if (j->post_ok && !strcmp(sum, j->old.sha256)) {
		/* The same bytes: only new validators are worth writing down. */
		if (!same_str(j->etag, j->old.etag) ||
		    !same_str(j->last_modified, j->old.last_modified) ||
		    !same_str(j->item->url, j->old.url)) {
			free(j->old.etag);
			free(j->old.last_modified);
			free(j->old.url);
			j->old.etag = j->etag;
			j->old.last_modified = j->last_modified;
			j->old.url = xstrdup(j->item->url);
			j->etag = j->last_modified = NULL;
			if (cache_store(&f->cache, j->item->stem, NULL, 0, &j->old, &err) < 0)
				strbuf_addf(&f->notes, "%s\n", err.buf);
		}
		finish_job(f, j, FETCH_UNCHANGED);
	} else {
		struct cache_meta m;
		cache_meta_init(&m);
		m.source = xstrdup(j->item->src->name);
		m.url = xstrdup(j->item->url);
		m.date = j->item->date ? xstrdup(j->item->date) : NULL;
		m.status = 200;
		m.etag = j->etag;
		m.last_modified = j->last_modified;
		j->etag = j->last_modified = NULL;
		m.charset = xstrdup(charset);
		m.fetched = (long long)time(NULL);
		if (cache_store(&f->cache, j->item->stem, data, len, &m, &err) < 0) {
			strbuf_addf(&f->notes, "%s\n", err.buf);
			job_fail(f, j, _("cannot store: %s"), err.buf);
		} else if (j->post_exists && !strcmp(sum, j->disk_sha)) {
			/* The same post, its metadata repaired: the archive
			 * can show it again, so it counts as a change. */
			f->changed++;
			finish_job(f, j, FETCH_UNCHANGED);
		} else {
			finish_job(f, j, j->post_exists ? FETCH_UPDATED : FETCH_NEW);
		}
		cache_meta_free(&m);
	}
	strbuf_release(&err);
	strbuf_release(&conv);
}

static const char *curl_reason(const struct job *j, CURLcode rc)
{
	return j->errbuf[0] ? j->errbuf : curl_easy_strerror(rc);
}

static void transfer_done(struct fetch *f, struct job *j, CURLcode rc)
{
	long status = 0;
	char *ct = NULL;
	curl_off_t expected = -1;
	curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(j->easy, CURLINFO_CONTENT_TYPE, &ct);
	curl_easy_getinfo(j->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &expected);
	char *content_type = ct ? xstrdup(ct) : NULL;
	curl_multi_remove_handle(f->multi, j->easy);
	curl_easy_cleanup(j->easy);
	j->easy = NULL;
	f->active--;
	j->res.status = status;
	int file = is_file_url(j->item->url);
	if (j->probe) {
		j->probe = 0;
		if (host_settle(f, j->host, rc)) {
			job_unreachable(f, j, j->host);
			free(content_type);
			return;
		}
	}

	switch (rc) {
	case CURLE_OK:
		if (file || status == 200) {
			store_body(f, j, content_type);
		} else if (status == 304 && j->conditional) {
			finish_job(f, j, FETCH_UNCHANGED);
		} else if ((status == 400 || status == 431) && j->conditional &&
			   !j->unconditional) {
			/* The server refuses our validators (stored before
			 * they were checked, or changed meaning): once more
			 * without them, at once. */
			j->unconditional = 1;
			j->retry_at = clock_mono_ms();
			j->state = JOB_WAITING;
			f->waiting++;
		} else if (status == 404 || status == 410) {
			store_missing(f, j);
		} else if ((status >= 500 || status == 429 || status == 408) &&
			   retry_later(f, j)) {
			/* again later */
		} else {
			job_fail(f, j, _("HTTP status %ld"), status);
		}
		break;
	case CURLE_FILE_COULDNT_READ_FILE:
		store_missing(f, j);
		break;
	case CURLE_OPERATION_TIMEDOUT:
		if (!retry_later(f, j)) {
			if (clock_mono_ms() >= j->deadline - 5)
				/* TRANSLATORS: the timeout setting's seconds, then
				 * how many times it was asked (the plural follows
				 * it). */
				job_fail(f, j, ngettext("given up after %ld s (the timeout setting), "
							"%d try", "given up after %ld s (the timeout "
							"setting), %d tries",
							(unsigned long)j->res.requests),
					 f->o.timeout_s, j->res.requests);
			else
				job_fail(f, j, _("timed out: %s"), curl_reason(j, rc));
		}
		break;
	case CURLE_WRITE_ERROR:
	case CURLE_FILESIZE_EXCEEDED:
		if (j->too_big || rc == CURLE_FILESIZE_EXCEEDED)
			job_fail(f, j, ngettext("larger than %lld byte; refused",
						"larger than %lld bytes; refused",
						(unsigned long)f->o.max_bytes), f->o.max_bytes);
		else
			job_fail(f, j, "%s", curl_reason(j, rc));
		break;
	case CURLE_PARTIAL_FILE:
		if (expected >= 0)
			/* TRANSLATORS: the bytes received, then the bytes
			 * announced (the plural follows them). */
			job_fail(f, j, ngettext("truncated (%zu of %lld byte); not stored",
						"truncated (%zu of %lld bytes); not stored",
						(unsigned long)expected),
				 j->body.len, (long long)expected);
		else
			job_fail(f, j, "%s", _("truncated; not stored"));
		break;
	case CURLE_TOO_MANY_REDIRECTS:
		job_fail(f, j, ngettext("more than %d redirect", "more than %d redirects",
					(unsigned long)HTTP_MAX_REDIRS), HTTP_MAX_REDIRS);
		break;
	default:
		job_fail(f, j, "%s", curl_reason(j, rc));
		break;
	}
	free(content_type);
}

static void collect(struct fetch *f)
{
	CURLMsg *msg;
	int left;
	while ((msg = curl_multi_info_read(f->multi, &left))) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		char *priv = NULL;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
		/* A listing's handle points into f->lists, a post's into
		 * f->jobs. */
		if (priv && f->nlists && priv >= (char *)f->lists &&
		    priv < (char *)(f->lists + f->nlists))
			listing_done(f, (struct listing *)(void *)priv, msg->data.result);
		else if (priv)
			transfer_done(f, (struct job *)(void *)priv, msg->data.result);
	}
}

static void check_finished(struct fetch *f)
{
	if (!f->finished && f->planned && f->done == f->njobs) {
		f->finished = 1;
		cache_unlock_fetch(&f->cache);
	}
}

long fetch_timeout_ms(struct fetch *f)
{
	if (f->finished)
		return -1;
	long t = -1;
	if (f->active) {
		long ct = -1;
		curl_multi_timeout(f->multi, &ct);
		/* No timer: only socket activity will move things on; ask to
		 * be called again soon all the same. */
		t = ct >= 0 ? ct : 100;
	}
	if (f->waiting) {
		long long now = clock_mono_ms(), soonest = LLONG_MAX;
		for (size_t i = 0; i < f->njobs; i++)
			if (f->jobs[i].state == JOB_WAITING && f->jobs[i].retry_at < soonest)
				soonest = f->jobs[i].retry_at;
		long w = soonest <= now ? 0 : (long)(soonest - now);
		if (t < 0 || w < t)
			t = w;
	}
	if (!f->active && !f->waiting)
		t = 0;
	return t;
}

static void perform(struct fetch *f)
{
	int running;
	curl_multi_perform(f->multi, &running);
	collect(f);
	start_ready(f);
	check_finished(f);
}

int fetch_step_fd(struct fetch *f, int timeout_ms, int fd)
{
	if (f->finished)
		return 0;
	start_ready(f);
	perform(f);
	if (f->finished)
		return 0;
	if (timeout_ms > 0) {
		long t = fetch_timeout_ms(f);
		int wait = (t >= 0 && t < timeout_ms) ? (int)t : timeout_ms;
		struct curl_waitfd extra = { fd, CURL_WAIT_POLLIN, 0 };
		if (wait > 0)
			curl_multi_poll(f->multi, fd >= 0 ? &extra : NULL, fd >= 0 ? 1 : 0,
					wait, NULL);
		perform(f);
	}
	return !f->finished;
}

int fetch_step(struct fetch *f, int timeout_ms)
{
	return fetch_step_fd(f, timeout_ms, -1);
}

int fetch_finished(const struct fetch *f)
{
	return f->finished;
}

int fetch_run(struct fetch *f, void (*tick)(const struct fetch *f, void *arg), void *arg)
{
	while (fetch_step(f, 200))
		if (tick)
			tick(f, arg);
	if (tick)
		tick(f, arg);
	return f->total.failed;
}

/* ---- results ---------------------------------------------------------------------- */

void fetch_progress(const struct fetch *f, struct fetch_progress *p)
{
	/* A listing counts as one item while the posts are not yet known. */
	p->total = f->planned ? f->njobs : f->nlists;
	p->done = f->planned ? f->done : f->lists_done;
	p->listing_requests = f->listing_requests;
	p->active = f->active;
	p->waiting = f->waiting;
	p->bytes = f->bytes;
	p->counts = f->total;
}

size_t fetch_nresults(const struct fetch *f)
{
	return f->njobs;
}

const struct fetch_result *fetch_result(const struct fetch *f, size_t i)
{
	return i < f->njobs ? &f->jobs[i].res : NULL;
}

void fetch_counts_text(const struct fetch_counts *k, int all, struct strbuf *out)
{
	/* TRANSLATORS: the counts of the posts a fetch found new, updated,
	 * unchanged, missing or failed, one by one after a source's name. */
	strbuf_addf(out, ngettext("%d new", "%d new", (unsigned long)k->fresh), k->fresh);
	strbuf_addstr(out, ", ");
	strbuf_addf(out, ngettext("%d updated", "%d updated", (unsigned long)k->updated),
		    k->updated);
	strbuf_addstr(out, ", ");
	strbuf_addf(out, ngettext("%d unchanged", "%d unchanged", (unsigned long)k->unchanged),
		    k->unchanged);
	if (!all)
		return;
	strbuf_addstr(out, ", ");
	strbuf_addf(out, ngettext("%d missing (404)", "%d missing (404)",
				  (unsigned long)k->missing), k->missing);
	strbuf_addstr(out, ", ");
	strbuf_addf(out, ngettext("%d failed", "%d failed", (unsigned long)k->failed), k->failed);
}

void fetch_source_counts(const struct fetch *f, size_t source, struct fetch_counts *c)
{
	if (source < f->sources->n)
		*c = f->counts[source];
	else
		memset(c, 0, sizeof(*c));
}

int fetch_changed(const struct fetch *f)
{
	return f->changed;
}

const char *fetch_notes(const struct fetch *f)
{
	return f->notes.buf;
}

void fetch_summary(const struct fetch *f, struct fetch_summary *s)
{
	memset(s, 0, sizeof(*s));
	s->counts = f->total;
	s->changed = f->changed;
	/* Read-only views of the fetch's arrays. */
	s->new_dates = (const char *const *)f->new_dates.v;
	s->nnew_dates = f->new_dates.n;
	s->post_dates = (const char *const *)f->post_dates.v;
	s->npost_dates = f->post_dates.n;
	s->offline = (const char *const *)f->down_why;
	s->noffline = f->ndown;
	long with_new = -1, any = 0;
	for (size_t i = 0; f->planned && i < f->sources->n; i++) {
		const struct per_source *ps = &f->src[i];
		if (ps->unreachable)
			continue;   /* nothing was caught up there */
		if (ps->cu.capped && (!s->capped || ps->cu.wanted > s->wanted)) {
			s->capped = 1;
			s->wanted = ps->cu.wanted;
			s->caught_up = ps->cu.caught;
		}
		if (f->counts[i].fresh && ps->cu.caught > with_new)
			with_new = ps->cu.caught;
		if (ps->cu.caught > any)
			any = ps->cu.caught;
	}
	if (!s->capped)
		s->caught_up = with_new >= 0 ? with_new : any;
}

/* The room n strings of v take, each with its NUL. */
static size_t strings_size(const char *const *v, size_t n)
{
	size_t size = 0;
	for (size_t i = 0; i < n; i++)
		size += strlen(v[i]) + 1;
	return size;
}

/* Copies v[0..n) into the block: the pointers at *slots, the strings at
 * *text; both move past what they took. Returns the copy's array. */
static const char *const *strings_copy(const char *const *v, size_t n, char ***slots,
				       char **text)
{
	char **out = *slots;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(v[i]) + 1;
		out[i] = memcpy(*text, v[i], len);
		*text += len;
	}
	*slots += n;
	return (const char *const *)out;
}

struct fetch_summary *fetch_summary_dup(const struct fetch_summary *s)
{
	/* One block: the summary, then the arrays, then their strings. */
	size_t nptr = s->nnew_dates + s->npost_dates + s->noffline;
	size_t size = sizeof(*s) + nptr * sizeof(char *) +
		      strings_size(s->new_dates, s->nnew_dates) +
		      strings_size(s->post_dates, s->npost_dates) +
		      strings_size(s->offline, s->noffline);
	struct fetch_summary *d = xmalloc(size);
	*d = *s;
	char **slots = (char **)(d + 1), *text = (char *)(slots + nptr);
	d->new_dates = strings_copy(s->new_dates, s->nnew_dates, &slots, &text);
	d->post_dates = strings_copy(s->post_dates, s->npost_dates, &slots, &text);
	d->offline = strings_copy(s->offline, s->noffline, &slots, &text);
	return d;
}

void fetch_summary_free(struct fetch_summary *s)
{
	free(s);
}

/* A date as MM-DD in the year of `today`, else as it is. */
static void add_date(struct strbuf *out, const char *date, long today)
{
	char t[DATE_LEN + 1];
	date_format(today, t);
	strbuf_addstr(out, strncmp(date, t, 5) ? date : date + 5);
}

void fetch_summary_catchup(const struct fetch_summary *s, long today, struct strbuf *out)
{
	int fresh = s->counts.fresh;
	if (!fresh && !s->capped)
		return;
	/* "caught up 3 days: 2 new digests (12-10, 12-11)": each part
	 * translated on its own, as git's diffstat is, for its count. */
	if (s->capped) {
		/* TRANSLATORS: how many days were fetched of how many missed
		 * (the plural follows the second). */
		strbuf_addf(out, ngettext("caught up %ld of %ld day", "caught up %ld of %ld days",
					  (unsigned long)s->wanted), s->caught_up, s->wanted);
		strbuf_addstr(out, ": ");
	} else if (s->caught_up > 0) {
		strbuf_addf(out, ngettext("caught up %ld day", "caught up %ld days",
					  (unsigned long)s->caught_up), s->caught_up);
		strbuf_addstr(out, ": ");
	}
	if (!fresh)
		strbuf_addstr(out, _("no new digests"));
	else
		strbuf_addf(out, ngettext("%d new digest", "%d new digests", (unsigned long)fresh),
			    fresh);
	if (s->nnew_dates) {
		strbuf_addstr(out, " (");
		add_date(out, s->new_dates[0], today);
		if (s->nnew_dates > 1) {
			/* two dates, or the first and last with " … " (U+2026) */
			strbuf_addstr(out, s->nnew_dates == 2 ? ", " : " \xe2\x80\xa6 ");
			add_date(out, s->new_dates[s->nnew_dates - 1], today);
		}
		strbuf_addch(out, ')');
	}
	if (s->capped) {
		strbuf_addstr(out, "; ");
		strbuf_addf(out, _("older days not fetched; use --days %ld"), s->wanted);
	}
}

void fetch_summary_offline(const struct fetch_summary *s, struct strbuf *out)
{
	for (size_t i = 0; i < s->noffline; i++) {
		/* TRANSLATORS: why a host cannot be reached. */
		strbuf_addf(out, s->changed ? _("offline: %s; nothing fetched from it")
					    : _("offline: %s; the cache is unchanged"), s->offline[i]);
		strbuf_addch(out, '\n');
	}
}

void fetch_free(struct fetch *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->njobs; i++) {
		struct job *j = &f->jobs[i];
		if (j->easy) {
			curl_multi_remove_handle(f->multi, j->easy);
			curl_easy_cleanup(j->easy);
		}
		curl_slist_free_all(j->headers);
		cache_meta_free(&j->old);
		strbuf_release(&j->body);
		free(j->etag);
		free(j->last_modified);
		free(j->path);
		free(j->error);
	}
	free(f->jobs);
	for (size_t i = 0; i < f->nlists; i++)
		listing_free(&f->lists[i]);
	free(f->lists);
	for (size_t i = 0; i < f->nhosts; i++) {
		free(f->hosts[i].key);
		free(f->hosts[i].name);
		free(f->hosts[i].why);
	}
	free(f->hosts);
	free(f->down_why);   /* the hosts' own strings */
	date_set_free(&f->new_dates);
	date_set_free(&f->post_dates);
	free(f->src);
	if (f->multi)
		curl_multi_cleanup(f->multi);
	source_items_free(&f->items);
	free(f->counts);
	strbuf_release(&f->notes);
	cache_close(&f->cache);
	free(f);
}
