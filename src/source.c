/* source: source kinds, names, the date window and template expansion (see
 * source.h). */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "github.h"
#include "i18n.h"
#include "postdir.h"
#include "sha256.h"
#include "source.h"
#include "urls.h"
#include "util.h"

int source_window_init(struct source_window *w, int days, const char *until,
		       struct strbuf *err)
{
	if (days <= 0)
		days = SOURCE_DEFAULT_DAYS;
	long last;
	if (until) {
		if (date_parse(until, &last) < 0) {
			strbuf_addf(err, _("'%s' is not a date as YYYY-MM-DD"), until);
			return -1;
		}
	} else {
		last = date_today();
	}
	w->last = last;
	w->first = last - (days - 1);
	return 0;
}

/* ---- template expansion --------------------------------------------------- */

static const char *const wday_names[] = { "Sunday", "Monday", "Tuesday",
	"Wednesday", "Thursday", "Friday", "Saturday" };
static const char *const month_names[] = { "January", "February", "March",
	"April", "May", "June", "July", "August", "September", "October",
	"November", "December" };

static const char date_fields[] = "YmdejyFGgVuwUWaAbBh";

/* Whether s (just after a '%') starts a date field. */
static int is_field(const char *s)
{
	if (!*s || !strchr(date_fields, *s))
		return 0;
	/* %B0, %d5: percent-encoding, not a field. */
	if (isxdigit((unsigned char)s[0]) && isxdigit((unsigned char)s[1]))
		return 0;
	return 1;
}

static void expand_field(char f, const struct tm *tm, struct strbuf *out)
{
	switch (f) {
	case 'a':
		strbuf_add(out, wday_names[tm->tm_wday], 3);
		return;
	case 'A':
		strbuf_addstr(out, wday_names[tm->tm_wday]);
		return;
	case 'b':
	case 'h':
		strbuf_add(out, month_names[tm->tm_mon], 3);
		return;
	case 'B':
		strbuf_addstr(out, month_names[tm->tm_mon]);
		return;
	default:
		break;
	}
	/* Numeric fields: the same in every locale. */
	char buf[64];
	size_t n = 0;
	switch (f) {
	case 'Y': n = strftime(buf, sizeof(buf), "%Y", tm); break;
	case 'm': n = strftime(buf, sizeof(buf), "%m", tm); break;
	case 'd': n = strftime(buf, sizeof(buf), "%d", tm); break;
	case 'e': n = strftime(buf, sizeof(buf), "%e", tm); break;
	case 'j': n = strftime(buf, sizeof(buf), "%j", tm); break;
	case 'y': n = (size_t)snprintf(buf, sizeof(buf), "%02d", (tm->tm_year + 1900) % 100); break;
	case 'F': n = strftime(buf, sizeof(buf), "%F", tm); break;
	case 'G': n = strftime(buf, sizeof(buf), "%G", tm); break;
	case 'g': /* the last two digits of %G */
		n = strftime(buf, sizeof(buf), "%G", tm);
		if (n >= 2) {
			memmove(buf, buf + n - 2, 2);
			n = 2;
		}
		break;
	case 'V': n = strftime(buf, sizeof(buf), "%V", tm); break;
	case 'u': n = strftime(buf, sizeof(buf), "%u", tm); break;
	case 'w': n = strftime(buf, sizeof(buf), "%w", tm); break;
	case 'U': n = strftime(buf, sizeof(buf), "%U", tm); break;
	case 'W': n = strftime(buf, sizeof(buf), "%W", tm); break;
	default: break;
	}
	strbuf_add(out, buf, n);
}

int source_has_date_fields(const char *s)
{
	for (; *s; s++) {
		if (*s != '%')
			continue;
		if (s[1] == '%') {
			s++;
			continue;
		}
		if (is_field(s + 1))
			return 1;
	}
	return 0;
}

void source_expand(const char *tmpl, long day, struct strbuf *out)
{
	struct tm tm;
	date_to_tm(day, &tm);
	for (const char *s = tmpl; *s; s++) {
		if (*s == '%' && s[1] == '%') {
			strbuf_addch(out, '%');
			s++;
		} else if (*s == '%' && is_field(s + 1)) {
			expand_field(s[1], &tm, out);
			s++;
		} else {
			strbuf_addch(out, *s);
		}
	}
}

/* ---- classification -------------------------------------------------------- */

static int has_prefix_ci(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* Percent-encodes a local path for a file:// URL; with keep_fields, date
 * fields stay as they are. */
static void encode_path(const char *path, int keep_fields, struct strbuf *out)
{
	static const char safe[] = "-._~/!$&'()*+,;=:@";
	for (const unsigned char *s = (const unsigned char *)path; *s; s++) {
		if (*s == '%' && keep_fields && is_field((const char *)s + 1)) {
			strbuf_add(out, s, 2);
			s++;
		} else if (*s == '%' && keep_fields && s[1] == '%') {
			strbuf_addstr(out, "%%25");  /* expands to %25 */
			s++;
		} else if (isalnum(*s) || (*s < 0x80 && strchr(safe, *s))) {
			strbuf_addch(out, *s);
		} else if (*s == '%' && keep_fields) {
			strbuf_addstr(out, "%%25");
		} else {
			strbuf_addf(out, "%%%02X", *s);
		}
	}
}

static void absolute_path(const char *path, struct strbuf *out)
{
	if (path[0] != '/') {
		char cwd[PATH_MAX];
		if (getcwd(cwd, sizeof(cwd)))
			strbuf_addf(out, "%s/", strcmp(cwd, "/") ? cwd : "");
	}
	strbuf_addstr(out, path);
}

static int is_scheme_url(const char *s)
{
	if (!isalpha((unsigned char)*s))
		return 0;
	const char *p = s;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	return p[0] == ':' && p[1] == '/' && p[2] == '/';
}

/* "OWNER/REPO [BRANCH] [PATH]" (after "github") into "OWNER/REPO BRANCH
 * PATH", PATH "" for "/"; only characters safe in a URL get through. */
static int github_classify(const char *args, enum source_kind *kind,
			   struct strbuf *location, struct strbuf *err)
{
	char *w[4] = { NULL, NULL, NULL, NULL };
	int n = 0, rc = -1;
	for (const char *p = args; *p && n < 4;) {
		p += strspn(p, " \t");
		size_t len = strcspn(p, " \t");
		if (len)
			w[n++] = xstrndup(p, len);
		p += len;
	}
	const char *branch = n > 1 ? w[1] : "main";
	char *path = xstrdup(n > 2 ? w[2] : "_posts");
	size_t plen = strlen(path);
	while (plen && path[plen - 1] == '/')
		path[--plen] = '\0';
	const char *p = path + strspn(path, "/");
	if (n == 0)
		strbuf_addstr(err, _("github: missing OWNER/REPO (expected github OWNER/REPO "
				     "[BRANCH] [PATH])"));
	else if (n > 3)
		strbuf_addstr(err, _("github: too many words (expected github OWNER/REPO "
				     "[BRANCH] [PATH])"));
	else if (!github_repo_ok(w[0]))
		strbuf_addstr(err, _("github: not an OWNER/REPO of letters, digits, '.', '_' "
				     "and '-'"));
	else if (!github_ref_ok(branch))
		strbuf_addstr(err, _("github: not a branch name of letters, digits, '.', '_', "
				     "'-' and '/'"));
	else if (*p && !github_ref_ok(p))
		strbuf_addstr(err, _("github: not a path of letters, digits, '.', '_', '-' "
				     "and '/'"));
	else {
		*kind = SOURCE_GITHUB;
		strbuf_addf(location, "%s %s %s", w[0], branch, p);
		rc = 0;
	}
	free(path);
	for (int i = 0; i < 4; i++)
		free(w[i]);
	return rc;
}

int source_classify(const char *spec, enum source_kind *kind,
		    struct strbuf *location, struct strbuf *err)
{
	if (!*spec) {
		strbuf_addstr(err, _("an empty --source"));
		return -1;
	}
	if (has_prefix_ci(spec, "http://") || has_prefix_ci(spec, "https://")) {
		const char *host = strstr(spec, "://") + 3;
		if (!*host || *host == '/') {
			/* TRANSLATORS: (here and below) a message that starts
			 * with the source as "%s: " keeps it there. */
			strbuf_addf(err, _("%s: a URL without a host"), spec);
			return -1;
		}
		*kind = source_has_date_fields(spec) ? SOURCE_TEMPLATE : SOURCE_URL;
		strbuf_addstr(location, spec);
		return 0;
	}
	if (has_prefix_ci(spec, "file://")) {
		const char *path = spec + 7;
		if (has_prefix_ci(path, "localhost/"))
			path += 9;
		if (*path != '/') {
			strbuf_addf(err, _("%s: a file URL needs an absolute path (file:///...)"), spec);
			return -1;
		}
		struct stat st;
		if (source_has_date_fields(path)) {
			*kind = SOURCE_TEMPLATE;
		} else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			char *real = realpath(path, NULL);
			*kind = SOURCE_DIR;
			strbuf_addstr(location, real ? real : path);
			free(real);
			return 0;
		} else {
			*kind = SOURCE_URL;
		}
		strbuf_addf(location, "file://%s", path);
		return 0;
	}
	if (!strncmp(spec, "github", 6) && (spec[6] == ' ' || spec[6] == '\t' || !spec[6]))
		return github_classify(spec + 6, kind, location, err);
	if (is_scheme_url(spec)) {
		strbuf_addf(err, _("%s: unsupported protocol (only http, https and file)"), spec);
		return -1;
	}

	/* A local path. */
	struct strbuf abs = STRBUF_INIT;
	absolute_path(spec, &abs);
	int rc = 0;
	struct stat st;
	if (source_has_date_fields(spec)) {
		*kind = SOURCE_TEMPLATE;
		strbuf_addstr(location, "file://");
		encode_path(abs.buf, 1, location);
	} else if (stat(abs.buf, &st) < 0) {
		strbuf_addf(err, "%s: %s", spec, strerror(errno));
		rc = -1;
	} else {
		char *real = realpath(abs.buf, NULL);
		const char *p = real ? real : abs.buf;
		if (S_ISDIR(st.st_mode)) {
			*kind = SOURCE_DIR;
			strbuf_addstr(location, p);
		} else {
			*kind = SOURCE_URL;
			strbuf_addstr(location, "file://");
			encode_path(p, 0, location);
		}
		free(real);
	}
	strbuf_release(&abs);
	return rc;
}

/* ---- names ------------------------------------------------------------------ */

/* Lower-case letters, digits and single '_', at most SOURCE_NAME_MAX bytes. */
static void sanitize_name(const char *s, size_t n, struct strbuf *out)
{
	size_t start = out->len;
	for (size_t i = 0; i < n && out->len - start < SOURCE_NAME_MAX; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isalnum(c) && c < 0x80) {
			strbuf_addch(out, tolower(c));
		} else if (out->len > start && out->buf[out->len - 1] != '_') {
			strbuf_addch(out, '_');
		}
	}
	while (out->len > start && out->buf[out->len - 1] == '_')
		strbuf_setlen(out, out->len - 1);
}

static int valid_name(const char *s, size_t n)
{
	if (n == 0 || n > SOURCE_NAME_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		      s[i] == '_'))
			return 0;
	return 1;
}

/* The last path component of `path` without '%' fields, skipping the file
 * name when skip_last. */
static void name_from_path(const char *path, int skip_last, struct strbuf *out)
{
	size_t end = strlen(path);
	int skipped = !skip_last;
	while (end > 0) {
		while (end > 0 && path[end - 1] == '/')
			end--;
		size_t start = end;
		while (start > 0 && path[start - 1] != '/')
			start--;
		if (start == end)
			break;
		if (skipped && !memchr(path + start, '%', end - start)) {
			size_t before = out->len;
			sanitize_name(path + start, end - start, out);
			if (out->len > before)
				return;
		}
		skipped = 1;
		end = start;
	}
}

void source_derive_name(const char *spec, enum source_kind kind,
			const char *location, struct strbuf *out)
{
	size_t before = out->len, hlen;
	const char *host, *rest;
	if (kind == SOURCE_GITHUB) {
		sanitize_name(location, strcspn(location, "/"), out);
	} else if ((host = url_host_span(spec, &hlen, &rest))) {
		static const char *const by_owner[] = { "raw.githubusercontent.com",
			"github.com", "gitlab.com", "codeberg.org" };
		int owner = 0;
		for (size_t i = 0; i < sizeof(by_owner) / sizeof(*by_owner); i++)
			if (hlen == strlen(by_owner[i]) && !strncasecmp(host, by_owner[i], hlen))
				owner = 1;
		if (owner && *rest == '/') {
			sanitize_name(rest + 1, strcspn(rest + 1, "/?#"), out);
		} else if (hlen > 10 && !strncasecmp(host + hlen - 10, ".github.io", 10)) {
			sanitize_name(host, hlen - 10, out);
		} else {
			if (hlen > 4 && !strncasecmp(host, "www.", 4))
				host += 4, hlen -= 4;
			sanitize_name(host, hlen, out);
		}
	} else {
		const char *path = kind == SOURCE_DIR ? location : spec;
		if (has_prefix_ci(path, "file://"))
			path += 7;
		name_from_path(path, kind != SOURCE_DIR, out);
	}
	if (out->len == before)
		strbuf_addstr(out, "local");
}

/* ---- lists ------------------------------------------------------------------ */

void source_list_init(struct source_list *l)
{
	memset(l, 0, sizeof(*l));
}

void source_list_free(struct source_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].spec);
		free(l->v[i].location);
		free(l->v[i].gh_repo);
		free(l->v[i].gh_branch);
		free(l->v[i].gh_path);
	}
	free(l->v);
	source_list_init(l);
}

const struct source *source_list_find(const struct source_list *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].name, name))
			return &l->v[i];
	return NULL;
}

static void list_push(struct source_list *l, const char *name, const char *spec,
		      enum source_kind kind, const char *location)
{
	ALLOC_GROW(l->v, l->n, l->cap);
	struct source *s = &l->v[l->n++];
	s->name = xstrdup(name);
	s->spec = xstrdup(spec);
	s->kind = kind;
	s->location = xstrdup(location);
	s->gh_repo = s->gh_branch = s->gh_path = NULL;
	if (kind == SOURCE_GITHUB) {
		/* "OWNER/REPO BRANCH PATH", as github_classify wrote it. */
		size_t a = strcspn(location, " ");
		const char *b = location + a + (location[a] ? 1 : 0);
		size_t bl = strcspn(b, " ");
		const char *c = b + bl + (b[bl] ? 1 : 0);
		s->gh_repo = xstrndup(location, a);
		s->gh_branch = xstrndup(b, bl);
		s->gh_path = xstrdup(c);
	}
}

void source_list_add_default(struct source_list *l)
{
	struct strbuf loc = STRBUF_INIT, err = STRBUF_INIT;
	enum source_kind kind;
	if (source_classify(SOURCE_DEFAULT_SPEC, &kind, &loc, &err) < 0)
		die(1, _("the default source: %s"), err.buf);
	list_push(l, SOURCE_DEFAULT_NAME, SOURCE_DEFAULT_SPEC, kind, loc.buf);
	strbuf_release(&loc);
	strbuf_release(&err);
}

int source_list_add(struct source_list *l, const char *spec, struct strbuf *err)
{
	const char *body = spec;
	const char *eq = strchr(spec, '=');
	struct stat st;
	size_t nlen = eq ? (size_t)(eq - spec) : 0;
	/* NAME=...: a name before the first '=' with no '/' or ':' in it, unless
	 * the whole spec is an existing path. */
	int named = eq && nlen > 0 && !memchr(spec, '/', nlen) &&
		    !memchr(spec, ':', nlen) && stat(spec, &st) < 0;
	if (named) {
		if (!valid_name(spec, nlen)) {
			strbuf_addf(err, ngettext("source name '%.*s' must be 1 to %d of a-z, 0-9 and _",
						  "source name '%.*s' must be 1 to %d of a-z, 0-9 and _",
						  (unsigned long)SOURCE_NAME_MAX),
				    (int)nlen, spec, SOURCE_NAME_MAX);
			return -1;
		}
		body = eq + 1;
	}
	enum source_kind kind;
	struct strbuf loc = STRBUF_INIT, name = STRBUF_INIT;
	if (source_classify(body, &kind, &loc, err) < 0) {
		strbuf_release(&loc);
		return -1;
	}
	if (named) {
		strbuf_add(&name, spec, nlen);
		if (source_list_find(l, name.buf)) {
			strbuf_addf(err, _("two sources are named '%s'"), name.buf);
			strbuf_release(&loc);
			strbuf_release(&name);
			return -1;
		}
	} else {
		source_derive_name(body, kind, loc.buf, &name);
		size_t base = name.len;
		if (base > SOURCE_NAME_MAX - 3)
			strbuf_setlen(&name, base = SOURCE_NAME_MAX - 3);
		for (int i = 2; source_list_find(l, name.buf) && i < 1000; i++) {
			strbuf_setlen(&name, base);
			strbuf_addf(&name, "%d", i);
		}
	}
	list_push(l, name.buf, spec, kind, loc.buf);
	strbuf_release(&loc);
	strbuf_release(&name);
	return 0;
}

/* ---- items ------------------------------------------------------------------ */

void source_items_init(struct source_items *it)
{
	memset(it, 0, sizeof(*it));
}

void source_items_free(struct source_items *it)
{
	for (size_t i = 0; i < it->n; i++) {
		free(it->v[i].url);
		free(it->v[i].date);
		free(it->v[i].stem);
		free(it->v[i].blob_sha);
	}
	free(it->v);
	source_items_init(it);
}

/* Characters a cache name keeps as they are. */
static int stem_char(unsigned char c)
{
	return (isalnum(c) && c < 0x80) || c == '-' || c == '_' || c == '.';
}

void source_item_stem(const char *source_name, const char *date,
		      const char *url, struct strbuf *out)
{
	size_t plen = strcspn(url, "?#");
	size_t start = plen;
	while (start > 0 && url[start - 1] != '/')
		start--;
	/* The file name, percent-decoded. */
	struct strbuf dec = STRBUF_INIT;
	strbuf_add_percent_decoded(&dec, url + start, plen - start);
	const char *base = dec.buf;
	size_t blen = dec.len;
	/* A canonical name keeps its old cache name, so existing caches stay
	 * valid: [DATE-]BASE.md with BASE of [A-Za-z0-9._-], not starting with
	 * a dot, at most 100 bytes. Any other name (non-ASCII, blanks, another
	 * extension, a different separator after the date) would lose bytes
	 * in the sanitized form, and two such names could collide: they get a
	 * hash of the whole original name, after a '~' no canonical name has. */
	int canonical = blen > 3 && !memcmp(base + blen - 3, ".md", 3);
	if (canonical)
		blen -= 3;
	else if (blen > 3 && !strncasecmp(base + blen - 3, ".md", 3))
		blen -= 3;
	else if (blen > 9 && !strncasecmp(base + blen - 9, ".markdown", 9))
		blen -= 9;
	if (date && blen >= 10 && !memcmp(base, date, 10)) {
		/* One '-' after the date, as in 2025-11-03-name.md. */
		if (canonical && blen != 10 &&
		    (blen < 12 || base[10] != '-' || strchr("-_ ", base[11])))
			canonical = 0;
		base += 10, blen -= 10;
		while (blen && (*base == '-' || *base == '_' || *base == ' '))
			base++, blen--;
	}
	/* An empty name (DATE.md, a URL ending in /) is "post"; so a name
	 * that says "post" itself is not canonical. */
	if (blen > 100 || (blen && base[0] == '.') || (blen == 4 && !memcmp(base, "post", 4)))
		canonical = 0;
	if (!blen && !dec.len)
		canonical = 1;
	for (size_t i = 0; canonical && i < blen; i++)
		canonical = stem_char((unsigned char)base[i]);
	strbuf_addf(out, "%s-%s-", date ? date : "undated", source_name);
	size_t before = out->len;
	for (size_t i = 0; i < blen && out->len - before < 100; i++) {
		unsigned char c = (unsigned char)base[i];
		strbuf_addch(out, stem_char(c) && (c != '.' || i > 0) ? c : '_');
	}
	if (out->len == before)
		strbuf_addstr(out, "post");
	if (!canonical) {
		char sum[65];
		sha256_hex(dec.buf, dec.len, sum);
		strbuf_addf(out, "~%.10s", sum);
	}
	strbuf_release(&dec);
}

static void item_push(struct source_items *it, const struct source *s,
		      const char *url, const char *date)
{
	ALLOC_GROW(it->v, it->n, it->cap);
	struct source_item *item = &it->v[it->n++];
	struct strbuf stem = STRBUF_INIT;
	source_item_stem(s->name, date, url, &stem);
	item->src = s;
	item->url = xstrdup(url);
	item->date = date ? xstrdup(date) : NULL;
	item->stem = strbuf_detach(&stem, NULL);
	item->blob_sha = NULL;
}

void source_items_push(struct source_items *it, const struct source *s,
		       const char *url, const char *date, const char *blob_sha)
{
	item_push(it, s, url, date);
	it->v[it->n - 1].blob_sha = blob_sha ? xstrdup(blob_sha) : NULL;
}

void source_window_follow(struct source_window *w, const long *days, size_t n)
{
	long best = LONG_MIN;
	for (size_t i = 0; i < n; i++)
		if (days[i] <= w->last && days[i] > best)
			best = days[i];
	if (best == LONG_MIN)
		return;
	long span = w->last - w->first;
	w->last = best;
	w->first = best - span;
}

void source_window_catchup(struct source_window *w, long newest, long cap,
			   struct source_catchup *c)
{
	memset(c, 0, sizeof(*c));
	if (newest == LONG_MIN) {
		c->caught = c->wanted = w->last - w->first + 1;
		return;
	}
	if (newest >= w->last)
		return;
	c->wanted = w->last - newest;
	long first = cap > 0 && c->wanted > cap ? w->last - cap + 1 : newest;
	if (first < w->first)
		w->first = first;
	c->capped = w->first > newest + 1;
	c->caught = w->last - (c->capped ? w->first - 1 : newest);
}

static int dir_items(struct source_items *it, const struct source *s,
		     const struct source_window *w, struct strbuf *err)
{
	size_t n;
	char **names = postdir_list(s->location, &n);
	if (!names) {
		strbuf_addf(err, _("%s: cannot open directory: %s"), s->location, strerror(errno));
		return -1;
	}
	struct strbuf url = STRBUF_INIT, path = STRBUF_INIT;
	/* Newest first, and only the days of the window (undated posts too). */
	for (size_t i = n; i-- > 0;) {
		long day;
		int dated = date_parse_prefix(names[i], &day) == 0;
		if (dated && (day < w->first || day > w->last))
			continue;
		strbuf_reset(&url);
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", strcmp(s->location, "/") ? s->location : "",
			    names[i]);
		strbuf_addstr(&url, "file://");
		encode_path(path.buf, 0, &url);
		char date[DATE_LEN + 1];
		if (dated)
			date_format(day, date);
		item_push(it, s, url.buf, dated ? date : NULL);
	}
	postdir_free(names, n);
	strbuf_release(&url);
	strbuf_release(&path);
	return 0;
}

int source_items_add(struct source_items *it, const struct source *s,
		     const struct source_window *w, struct strbuf *err)
{
	if (s->kind == SOURCE_DIR)
		return dir_items(it, s, w, err);
	if (s->kind == SOURCE_GITHUB) {
		/* Its posts come from the trees API, which fetch.c asks. */
		strbuf_addf(err, _("%s: a github source is listed by the fetcher"), s->spec);
		return -1;
	}
	if (s->kind == SOURCE_URL) {
		size_t plen = strcspn(s->location, "?#");
		size_t start = plen;
		while (start > 0 && s->location[start - 1] != '/')
			start--;
		char *base = xstrndup(s->location + start, plen - start);
		long day;
		char date[DATE_LEN + 1];
		int dated = date_parse_prefix(base, &day) == 0;
		if (dated)
			date_format(day, date);
		item_push(it, s, s->location, dated ? date : NULL);
		free(base);
		return 0;
	}
	struct strbuf url = STRBUF_INIT;
	for (long day = w->last; day >= w->first; day--) {
		char date[DATE_LEN + 1];
		strbuf_reset(&url);
		source_expand(s->location, day, &url);
		date_format(day, date);
		item_push(it, s, url.buf, date);
	}
	strbuf_release(&url);
	return 0;
}
