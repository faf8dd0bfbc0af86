/* github: the trees-API listing and GitHub's URLs (see github.h). */
#include "config.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "github.h"
#include "i18n.h"
#include "http.h"
#include "jsoncap.h"
#include "util.h"

void github_listing_init(struct github_listing *l)
{
	memset(l, 0, sizeof(*l));
}

void github_listing_free(struct github_listing *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].name);
	free(l->v);
	github_listing_init(l);
}

static int name_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '_' || c == '-';
}

/* One segment: 1 to max of name_char, not "." or "..". */
static int segment_ok(const char *s, size_t n, size_t max)
{
	if (n == 0 || n > max || (n == 1 && s[0] == '.') ||
	    (n == 2 && s[0] == '.' && s[1] == '.'))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!name_char((unsigned char)s[i]))
			return 0;
	return 1;
}

int github_repo_ok(const char *s)
{
	const char *slash = strchr(s, '/');
	return slash && segment_ok(s, (size_t)(slash - s), 100) &&
	       segment_ok(slash + 1, strlen(slash + 1), 100);
}

int github_ref_ok(const char *s)
{
	size_t len = strlen(s);
	if (len == 0 || len > 200)
		return 0;
	for (const char *p = s; *p;) {
		size_t n = strcspn(p, "/");
		if (!segment_ok(p, n, 200))
			return 0;
		p += n;
		if (*p == '/' && !*++p)
			return 0;   /* a trailing '/' */
	}
	return 1;
}

/* A post's name: YYYY-MM-DD-<something>.md of name_char. */
static int post_name(const char *name, size_t n, long *day)
{
	if (n < 15 || n > GITHUB_MAX_NAME || strcmp(name + n - 3, ".md") || name[10] != '-')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!name_char((unsigned char)name[i]))
			return 0;
	return date_parse_prefix(name, day) == 0;
}

static int hex40(const char *s, size_t n)
{
	if (n != 40)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') ||
		      (s[i] >= 'A' && s[i] <= 'F')))
			return 0;
	return 1;
}

static int newest_first(const void *a, const void *b)
{
	const struct github_post *x = a, *y = b;
	if (x->day != y->day)
		return x->day > y->day ? -1 : 1;
	return -strcmp(x->name, y->name);
}

int github_listing_parse(const char *json, size_t len, const char *path,
			 struct github_listing *out, struct strbuf *err)
{
	if ((long long)len > GITHUB_MAX_LISTING) {
		strbuf_addf(err, ngettext("the listing is larger than %lld byte",
					  "the listing is larger than %lld bytes",
					  (unsigned long)GITHUB_MAX_LISTING), GITHUB_MAX_LISTING);
		return -1;
	}
	json_t *root = jsoncap_load(json, len, GITHUB_MAX_DEPTH, JSON_REJECT_DUPLICATES,
				    _("the listing"), err);
	if (!root)
		return -1;
	json_t *tree = json_object_get(root, "tree");
	if (!json_is_object(root) || !json_is_array(tree)) {
		strbuf_addstr(err, _("the listing has no tree[]"));
		json_decref(root);
		return -1;
	}
	out->truncated = json_is_true(json_object_get(root, "truncated"));
	size_t plen = strlen(path);
	size_t i;
	json_t *e;
	json_array_foreach(tree, i, e) {
		json_t *pv = json_object_get(e, "path"), *tv = json_object_get(e, "type"),
		       *sv = json_object_get(e, "sha");
		if (!json_is_string(pv) || !json_is_string(tv) || !json_is_string(sv) ||
		    strcmp(json_string_value(tv), "blob") ||
		    !hex40(json_string_value(sv), json_string_length(sv)))
			continue;
		const char *p = json_string_value(pv);
		size_t n = json_string_length(pv);
		if (strlen(p) != n)
			continue;   /* a NUL inside */
		if (plen) {
			if (n <= plen + 1 || strncmp(p, path, plen) || p[plen] != '/')
				continue;
			p += plen + 1;
			n -= plen + 1;
		}
		long day;
		if (memchr(p, '/', n) || !post_name(p, n, &day))
			continue;
		ALLOC_GROW(out->v, out->n, out->cap);
		struct github_post *gp = &out->v[out->n++];
		gp->name = xstrndup(p, n);
		gp->day = day;
		date_format(day, gp->date);
		const char *sha = json_string_value(sv);
		for (int k = 0; k < 40; k++)
			gp->sha[k] = (char)(sha[k] >= 'A' && sha[k] <= 'F' ? sha[k] + 32 : sha[k]);
		gp->sha[40] = '\0';
	}
	json_decref(root);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), newest_first);
	/* Two entries of one name cannot come from git; from a stand-in they
	 * would name one cache file twice: the first stays. */
	size_t w = 0;
	for (size_t r = 0; r < out->n; r++) {
		if (w && !strcmp(out->v[w - 1].name, out->v[r].name)) {
			free(out->v[r].name);
			continue;
		}
		out->v[w++] = out->v[r];
	}
	out->n = w;
	while (out->n > GITHUB_MAX_POSTS)
		free(out->v[--out->n].name);
	return 0;
}

int github_token_refused(const char *api_url, struct strbuf *why)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL;
	int parsed = u && curl_url_set(u, CURLUPART_URL, api_url, 0) == CURLUE_OK &&
		     curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
		     curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK;
	int https = parsed && !strcasecmp(scheme, "https");
	int http = parsed && !strcasecmp(scheme, "http");
	int loopback = http && (!strcmp(host, "127.0.0.1") || !strcasecmp(host, "localhost") ||
				!strcmp(host, "[::1]"));
	int refused = !https && !loopback;
	if (refused && http)
		strbuf_addf(why, _("the GitHub token is not sent over plain http to %s "
				   "(github-api-url): only over https, or to 127.0.0.1, "
				   "localhost or ::1; the listings are asked for without it"), host);
	else if (refused)
		strbuf_addstr(why, _("the GitHub token is not sent to a URL that is not https "
				     "(github-api-url): only over https, or to 127.0.0.1, "
				     "localhost or ::1; the listings are asked for without it"));
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return refused;
}

void github_tree_url(const char *api, const char *repo, const char *branch,
		     struct strbuf *out)
{
	size_t alen = strlen(api);
	while (alen && api[alen - 1] == '/')
		alen--;
	strbuf_add(out, api, alen);
	strbuf_addf(out, "/repos/%s/git/trees/%s?recursive=1", repo, branch);
}

void github_raw_url(const char *raw, const char *repo, const char *branch,
		    const char *path, const char *name, struct strbuf *out)
{
	size_t rlen = strlen(raw);
	while (rlen && raw[rlen - 1] == '/')
		rlen--;
	strbuf_add(out, raw, rlen);
	strbuf_addf(out, "/%s/%s/", repo, branch);
	if (*path)
		strbuf_addf(out, "%s/", path);
	strbuf_addstr(out, name);
}

void github_limit_init(struct github_limit *g)
{
	g->remaining = -1;
	g->reset = -1;
	g->retry_after = -1;
}

/* The value of "Name: digits" (at most 15) as a number, or -1. */
static long long header_number(const char *line, size_t len, const char *name)
{
	size_t n;
	const char *v = http_header_value(line, len, name, &n);
	if (!v || n > 15)
		return -1;
	long long x = 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return -1;
		x = x * 10 + (v[i] - '0');
	}
	return x;
}

void github_limit_header(struct github_limit *g, const char *line, size_t len)
{
	long long v;
	if ((v = header_number(line, len, "x-ratelimit-remaining")) >= 0)
		g->remaining = v > 1000000 ? 1000000 : (int)v;
	else if ((v = header_number(line, len, "x-ratelimit-reset")) >= 0)
		g->reset = v;
	else if ((v = http_retry_after(line, len, time(NULL))) >= 0)
		g->retry_after = v;
}

int github_limit_hit(const struct github_limit *g, long status)
{
	return (status == 403 || status == 429) && (g->remaining == 0 || g->retry_after >= 0);
}

void github_limit_message(const struct github_limit *g, long status, time_t now,
			  struct strbuf *out)
{
	long long at = g->retry_after >= 0 ? (long long)now + g->retry_after : g->reset;
	/* Not ahead of now (a clock apart from GitHub's), or past 2100: no
	 * time worth naming. */
	if (at <= (long long)now || at > 4102444800LL) {
		strbuf_addf(out, _("GitHub's rate limit is reached (HTTP %ld); it can be asked "
				   "again later"), status);
		return;
	}
	time_t t = (time_t)at;
	struct tm when, today;
	char buf[32];
	localtime_r(&t, &when);
	localtime_r(&now, &today);
	if (when.tm_year == today.tm_year && when.tm_yday == today.tm_yday)
		strftime(buf, sizeof(buf), "%H:%M", &when);
	else
		strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M", &when);
	/* TRANSLATORS: the HTTP status, then the time (14:05, or
	 * 2026-01-08 14:05 on another day). */
	strbuf_addf(out, _("GitHub's rate limit is reached (HTTP %ld); it can be asked again "
			   "at %s"), status, buf);
}
