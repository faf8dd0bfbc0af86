/* cache: posts and their metadata on disk (see cache.h). */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "date.h"
#include "fileio.h"
#include "i18n.h"
#include "frontmatter.h"
#include "post.h"
#include "postdir.h"
#include "sha256.h"
#include "util.h"
#include "xdg.h"

/* ---- directories and locks ---------------------------------------------- */

int cache_default_dir(struct strbuf *out, struct strbuf *err)
{
	if (xdg_dir("XDG_CACHE_HOME", ".cache", out) < 0) {
		strbuf_addstr(err, _("no cache directory: neither XDG_CACHE_HOME nor HOME is set"));
		return -1;
	}
	return 0;
}

static char *join(const char *dir, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/%s", dir, name);
	return strbuf_detach(&sb, NULL);
}

int cache_open(struct cache *c, const char *dir, int create, struct strbuf *err)
{
	memset(c, 0, sizeof(*c));
	c->fetch_fd = -1;
	struct strbuf d = STRBUF_INIT;
	if (dir) {
		strbuf_addstr(&d, dir);
	} else if (cache_default_dir(&d, err) < 0) {
		strbuf_release(&d);
		return -1;
	}
	while (d.len > 1 && d.buf[d.len - 1] == '/')
		strbuf_setlen(&d, d.len - 1);
	c->dir = strbuf_detach(&d, NULL);
	c->posts = join(c->dir, "posts");
	c->meta = join(c->dir, "meta");
	if (create && (fileio_mkdirs(c->dir, 0700, err) < 0 ||
		       fileio_mkdirs(c->posts, 0755, err) < 0 ||
		       fileio_mkdirs(c->meta, 0755, err) < 0)) {
		cache_close(c);
		return -1;
	}
	return 0;
}

void cache_close(struct cache *c)
{
	cache_unlock_fetch(c);
	free(c->dir);
	free(c->posts);
	free(c->meta);
	memset(c, 0, sizeof(*c));
	c->fetch_fd = -1;
}

int cache_lock_fetch(struct cache *c, int wait_ms, struct strbuf *err)
{
	if (c->fetch_fd >= 0)
		return 0;
	char *path = join(c->dir, "fetch.lock");
	struct strbuf why = STRBUF_INIT;
	int fd = fileio_lock(path, 0, wait_ms, 1, &why);
	if (fd < 0) {
		if (errno == EWOULDBLOCK)
			strbuf_addstr(err, _("another digest-tui is updating the cache"));
		else
			strbuf_add(err, why.buf, why.len);
		strbuf_release(&why);
		free(path);
		return -1;
	}
	strbuf_release(&why);
	free(path);
	c->fetch_fd = fd;
	return 0;
}

void cache_unlock_fetch(struct cache *c)
{
	if (c->fetch_fd >= 0)
		close(c->fetch_fd);   /* releases the flock */
	c->fetch_fd = -1;
}

/* store.lock: exclusive for a store (a reader holds it briefly), shared for
 * a load (bounded; without it after a second). */
static int store_lock(const struct cache *c, int shared)
{
	char *path = join(c->dir, "store.lock");
	int fd = fileio_lock(path, shared, shared ? 1000 : 30000, 1, NULL);
	free(path);
	return fd;
}

static void store_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}

void cache_clean_temp(const struct cache *c)
{
	fileio_clean_temp(c->posts);
	fileio_clean_temp(c->meta);
}

/* ---- metadata ------------------------------------------------------------- */

void cache_meta_init(struct cache_meta *m)
{
	memset(m, 0, sizeof(*m));
}

void cache_meta_free(struct cache_meta *m)
{
	free(m->source);
	free(m->url);
	free(m->date);
	free(m->file);
	free(m->etag);
	free(m->last_modified);
	free(m->charset);
	cache_meta_init(m);
}

/* A value on one line: control characters become spaces. */
static void add_field(struct strbuf *out, const char *key, const char *value)
{
	if (!value)
		return;
	strbuf_addf(out, "%s: ", key);
	for (const char *s = value; *s; s++)
		strbuf_addch(out, (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s);
	strbuf_addch(out, '\n');
}

void cache_meta_format(const struct cache_meta *m, struct strbuf *out)
{
	strbuf_addstr(out, "# digest-tui cache metadata\nversion: 1\n");
	add_field(out, "source", m->source);
	add_field(out, "url", m->url);
	add_field(out, "date", m->date);
	strbuf_addf(out, "status: %ld\n", m->status);
	if (m->file) {
		add_field(out, "file", m->file);
		strbuf_addf(out, "bytes: %lld\n", m->bytes);
		add_field(out, "sha256", m->sha256);
		if (m->prev_sha256[0]) {
			strbuf_addf(out, "previous-bytes: %lld\n", m->prev_bytes);
			add_field(out, "previous-sha256", m->prev_sha256);
		}
	}
	if (m->status == 404 && m->misses > 1)
		strbuf_addf(out, "misses: %ld\n", m->misses);
	add_field(out, "etag", m->etag);
	add_field(out, "last-modified", m->last_modified);
	add_field(out, "charset", m->charset);
	time_t t = (time_t)m->fetched;
	struct tm tm;
	char when[32];
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	strbuf_addf(out, "fetched: %s\n", when);
}

static int parse_number(const char *s, long long lo, long long hi, long long *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (!*s || *end || errno || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int valid_file_name(const char *s)
{
	size_t n = strlen(s);
	return n > 3 && s[0] != '.' && !strchr(s, '/') && !strcmp(s + n - 3, ".md");
}

static void set_str(char **field, const char *v)
{
	free(*field);
	*field = xstrdup(v);
}

/* A number field in [lo, hi] into *out: NULL, or why when it is none. */
static const char *long_field(const char *v, long lo, long hi, long *out, const char *why)
{
	long long num;
	if (parse_number(v, lo, hi, &num) < 0)
		return why;
	*out = (long)num;
	return NULL;
}

/* The fields a metadata file must have, as far as they were read. */
enum { HAVE_STATUS = 1, HAVE_BYTES = 2, HAVE_FETCHED = 4 };

/* Reads the field key: v into m (unknown keys are for later versions to
 * add). Returns NULL, or what is wrong with it. */
static const char *meta_field(struct cache_meta *m, const char *key, const char *v,
			      unsigned *have)
{
	if (!strcmp(key, "source")) {
		set_str(&m->source, v);
	} else if (!strcmp(key, "url")) {
		set_str(&m->url, v);
	} else if (!strcmp(key, "date")) {
		if (date_parse(v, NULL) < 0)
			return N_("a bad date");
		set_str(&m->date, v);
	} else if (!strcmp(key, "status")) {
		*have |= HAVE_STATUS;
		return long_field(v, 100, 599, &m->status, N_("a bad status"));
	} else if (!strcmp(key, "file")) {
		if (!valid_file_name(v))
			return N_("a bad file name");
		set_str(&m->file, v);
	} else if (!strcmp(key, "bytes")) {
		*have |= HAVE_BYTES;
		if (parse_number(v, 0, 1LL << 40, &m->bytes) < 0)
			return N_("a bad byte count");
	} else if (!strcmp(key, "sha256") || !strcmp(key, "previous-sha256")) {
		size_t i = 0;
		while (i < 64 && isxdigit((unsigned char)v[i]) && !isupper((unsigned char)v[i]))
			i++;
		if (i != 64 || v[64])
			return N_("a bad checksum");
		memcpy(key[0] == 'p' ? m->prev_sha256 : m->sha256, v, 65);
	} else if (!strcmp(key, "misses")) {
		return long_field(v, 1, 1000000, &m->misses, N_("a bad miss count"));
	} else if (!strcmp(key, "previous-bytes")) {
		if (parse_number(v, 0, 1LL << 40, &m->prev_bytes) < 0)
			return N_("a bad byte count");
	} else if (!strcmp(key, "etag")) {
		set_str(&m->etag, v);
	} else if (!strcmp(key, "last-modified")) {
		set_str(&m->last_modified, v);
	} else if (!strcmp(key, "charset")) {
		set_str(&m->charset, v);
	} else if (!strcmp(key, "fetched")) {
		*have |= HAVE_FETCHED;
		struct tm tm;
		memset(&tm, 0, sizeof(tm));
		const char *end = strptime(v, "%Y-%m-%dT%H:%M:%SZ", &tm);
		m->fetched = (long long)timegm(&tm);
		if (!end || *end)
			return N_("a bad fetch time");
	}
	return NULL;
}

/* What the fields read (have) leave wrong with m, or NULL. */
static const char *meta_check(const struct cache_meta *m, unsigned have)
{
	if (!m->url || !(have & HAVE_STATUS) || !(have & HAVE_FETCHED))
		return N_("a missing field");
	if (m->status == 200 && (!m->file || !(have & HAVE_BYTES) || !m->sha256[0]))
		return N_("a missing field");
	if (m->status != 200 && m->file)
		return N_("a file with a status other than 200");
	return NULL;
}

int cache_meta_parse(const char *data, size_t len, struct cache_meta *m,
		     const char **why)
{
	cache_meta_init(m);
	int version = 0;
	unsigned have = 0;
	*why = NULL;
	if (memchr(data, '\0', len)) {
		*why = N_("NUL bytes in the metadata");
		return -1;
	}
	char *copy = xstrndup(data, len);
	char *save = NULL;
	for (char *line = strtok_r(copy, "\n", &save); line && !*why;
	     line = strtok_r(NULL, "\n", &save)) {
		size_t n = strlen(line);
		while (n && (line[n - 1] == '\r' || line[n - 1] == ' '))
			line[--n] = '\0';
		if (!n || line[0] == '#')
			continue;
		char *colon = strchr(line, ':');
		if (!colon || colon == line) {
			*why = N_("a line that is not 'key: value'");
			break;
		}
		*colon = '\0';
		const char *key = line, *v = colon + 1;
		while (*v == ' ')
			v++;
		if (!version) {
			if (strcmp(key, "version") || strcmp(v, "1"))
				*why = N_("no 'version: 1' line first");
			version = 1;
		} else {
			*why = meta_field(m, key, v, &have);
		}
	}
	free(copy);
	if (!*why && !version)
		/* TRANSLATORS: a metadata file with nothing in it. */
		*why = N_("empty");
	if (!*why && m->misses < 1)
		m->misses = 1;
	if (!*why)
		*why = meta_check(m, have);
	if (*why) {
		cache_meta_free(m);
		return -1;
	}
	return 0;
}

int cache_meta_read(const struct cache *c, const char *stem, struct cache_meta *m,
		    struct strbuf *err)
{
	struct strbuf path = STRBUF_INIT, why = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s.meta", c->meta, stem);
	char *data;
	size_t len;
	cache_meta_init(m);
	if (fileio_read(path.buf, CACHE_META_MAX, FILEIO_NOFOLLOW, &data, &len, &why) < 0) {
		int rc = errno == ENOENT ? 1 : -1;
		if (rc < 0)
			strbuf_addf(err, _("cannot read %s"), why.buf);
		strbuf_release(&path);
		strbuf_release(&why);
		return rc;
	}
	strbuf_release(&why);
	const char *reason;
	int rc = cache_meta_parse(data, len, m, &reason);
	if (rc < 0)
		strbuf_addf(err, _("corrupt metadata (%s)"), _(reason));
	free(data);
	strbuf_release(&path);
	return rc;
}

int cache_post_check(const struct cache *c, const struct cache_meta *m,
		     char **data, size_t *len, struct strbuf *err)
{
	if (m->status != 200 || !m->file) {
		strbuf_addstr(err, _("no post in the metadata"));
		return -1;
	}
	struct strbuf path = STRBUF_INIT, why = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s", c->posts, m->file);
	char *buf;
	size_t n;
	if (fileio_read(path.buf, FILEIO_POST_MAX, FILEIO_NOFOLLOW, &buf, &n, &why) < 0) {
		/* The path is the caller's to name: only what is wrong. */
		if (errno == EINVAL)
			strbuf_addstr(err, _("the post is not a regular file"));
		else if (errno == ELOOP)
			strbuf_addstr(err, _("the post is a symbolic link"));
		else if (errno == EFBIG)
			strbuf_addf(err, ngettext("the post is larger than %zu byte",
						  "the post is larger than %zu bytes",
						  (unsigned long)FILEIO_POST_MAX), FILEIO_POST_MAX);
		else
			strbuf_addf(err, _("cannot read the post: %s"), strerror(errno));
		strbuf_release(&path);
		strbuf_release(&why);
		return -1;
	}
	strbuf_release(&path);
	strbuf_release(&why);
	char sum[65];
	sha256_hex(buf, n, sum);
	int rc = 0;
	if ((long long)n == m->bytes && !strcmp(sum, m->sha256)) {
		rc = 0;
	} else if (m->prev_sha256[0] && (long long)n == m->prev_bytes &&
		   !strcmp(sum, m->prev_sha256)) {
		rc = 1;   /* the store of a new version was cut short */
	} else if ((long long)n != m->bytes) {
		/* TRANSLATORS: the post's size, then the size its metadata says. */
		strbuf_addf(err, ngettext("%zu byte where the metadata says %lld",
					  "%zu bytes where the metadata says %lld", (unsigned long)n),
			    n, m->bytes);
		rc = -1;
	} else {
		strbuf_addstr(err, _("checksum mismatch"));
		rc = -1;
	}
	if (rc >= 0 && data) {
		*data = buf;
		*len = n;
	} else {
		free(buf);
	}
	return rc;
}

int cache_store(const struct cache *c, const char *stem, const char *data,
		size_t len, struct cache_meta *m, struct strbuf *err)
{
	struct strbuf name = STRBUF_INIT, meta = STRBUF_INIT;
	int lock = store_lock(c, 0);
	m->prev_sha256[0] = '\0';
	m->prev_bytes = 0;
	if (data) {
		strbuf_addf(&name, "%s.md", stem);
		free(m->file);
		m->file = xstrdup(name.buf);
		m->bytes = (long long)len;
		sha256_hex(data, len, m->sha256);
		/* The post now in place, when its metadata vouches for it, is
		 * named in the new metadata: a crash between the two renames
		 * below then leaves it shown, its metadata "pending". */
		struct cache_meta old;
		struct strbuf ignore = STRBUF_INIT;
		char *cur;
		size_t curlen;
		if (cache_meta_read(c, stem, &old, &ignore) == 0 && old.file &&
		    !strcmp(old.file, name.buf) &&
		    cache_post_check(c, &old, &cur, &curlen, &ignore) >= 0) {
			sha256_hex(cur, curlen, m->prev_sha256);
			m->prev_bytes = (long long)curlen;
			free(cur);
		}
		cache_meta_free(&old);
		strbuf_release(&ignore);
	}
	cache_meta_format(m, &meta);
	/* The metadata first: it names both versions, so whichever post a
	 * crash leaves in place is recognised. */
	struct strbuf mname = STRBUF_INIT;
	strbuf_addf(&mname, "%s.meta", stem);
	int rc = fileio_replace(c->meta, mname.buf, meta.buf, meta.len, 0644, err);
	if (rc == 0 && data)
		rc = fileio_replace(c->posts, name.buf, data, len, 0644, err);
	store_unlock(lock);
	strbuf_release(&mname);
	strbuf_release(&name);
	strbuf_release(&meta);
	return rc;
}

/* Rewrites the metadata of a post whose store was cut short so that it
 * describes the post in place (its validators dropped: they were the new
 * version's). Checks again under the exclusive store lock; a failure (a
 * read-only cache) only leaves the healing to a later run. */
static void heal_entry(const struct cache *c, const char *stem)
{
	int lock = store_lock(c, 0);
	struct cache_meta m;
	struct strbuf err = STRBUF_INIT;
	if (lock >= 0 && cache_meta_read(c, stem, &m, &err) == 0) {
		if (cache_post_check(c, &m, NULL, NULL, &err) == 1) {
			memcpy(m.sha256, m.prev_sha256, sizeof(m.sha256));
			m.bytes = m.prev_bytes;
			m.prev_sha256[0] = '\0';
			m.prev_bytes = 0;
			free(m.etag);
			free(m.last_modified);
			m.etag = m.last_modified = NULL;
			struct strbuf out = STRBUF_INIT, name = STRBUF_INIT;
			cache_meta_format(&m, &out);
			strbuf_addf(&name, "%s.meta", stem);
			fileio_replace(c->meta, name.buf, out.buf, out.len, 0644, &err);
			strbuf_release(&out);
			strbuf_release(&name);
		}
		cache_meta_free(&m);
	}
	strbuf_release(&err);
	store_unlock(lock);
}

int cache_remove(const struct cache *c, const char *stem, const char *source)
{
	int lock = store_lock(c, 0);
	struct cache_meta m;
	struct strbuf err = STRBUF_INIT, path = STRBUF_INIT;
	int removed = 0;
	if (cache_meta_read(c, stem, &m, &err) == 0 && m.source && !strcmp(m.source, source)) {
		/* The post first: a post without metadata would be reported. */
		strbuf_addf(&path, "%s/%s.md", c->posts, stem);
		unlink(path.buf);
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s.meta", c->meta, stem);
		removed = unlink(path.buf) == 0;
		fileio_sync_dir(c->posts, NULL);
		fileio_sync_dir(c->meta, NULL);
	}
	cache_meta_free(&m);
	strbuf_release(&err);
	strbuf_release(&path);
	store_unlock(lock);
	return removed;
}

void cache_heal(const struct cache *c, const char *stem)
{
	heal_entry(c, stem);
}

/* ---- loading -------------------------------------------------------------- */

static int wanted(const struct source_list *only, const char *source)
{
	return !only || (source && source_list_find(only, source));
}

/* Reads, checks and parses posts/NAME. Returns 0, 1 when its source is not
 * in `only`, or -1 after adding one line to errors. *pending is set when the
 * post is good but its metadata names it as the previous version (a store
 * cut short): the caller heals it once it holds no lock. */
static int load_post(const struct cache *c, const char *name,
		     const struct source_list *only, struct digest *out,
		     struct strbuf *errors, int *pending)
{
	char *stem = xstrndup(name, strlen(name) - 3);
	struct cache_meta m;
	struct strbuf why = STRBUF_INIT, path = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s", c->posts, name);
	char *data = NULL;
	size_t len = 0;
	*pending = 0;
	int rc = cache_meta_read(c, stem, &m, &why);
	if (rc == 1)
		strbuf_addstr(&why, _("no metadata"));
	if (rc == 0 && !wanted(only, m.source)) {
		rc = 1;
	} else {
		if (rc == 0 && (!m.file || strcmp(m.file, name))) {
			strbuf_addstr(&why, _("the metadata is another post's"));
			rc = -1;
		}
		if (rc == 0) {
			rc = cache_post_check(c, &m, &data, &len, &why);
			if (rc == 1) {
				*pending = 1;
				rc = 0;
			}
		}
		if (rc != 0) {
			strbuf_addpath(errors, path.buf);
			strbuf_addstr(errors, ": ");
			strbuf_addf(errors, _("bad cache entry (%s); it will be fetched again"),
				    why.buf);
			strbuf_addch(errors, '\n');
			rc = -1;
		} else {
			const char *reason = NULL;
			if (post_parse(data, len, path.buf, out, &reason) < 0) {
				strbuf_addpath(errors, path.buf);
				strbuf_addf(errors, ": %s\n", _(reason));
				rc = -1;
				*pending = 0;
			}
		}
	}
	cache_meta_free(&m);
	free(data);
	free(stem);
	strbuf_release(&why);
	strbuf_release(&path);
	return rc;
}

/* The posts' file names, sorted (so by date). */
static char **post_names(const struct cache *c, size_t *n, struct strbuf *errors)
{
	char **names = postdir_list(c->posts, n);
	if (!names && errno != ENOENT) {
		strbuf_addf(errors, _("%s: cannot open the cache: %s"), c->posts, strerror(errno));
		strbuf_addch(errors, '\n');
	}
	return names;
}

void cache_newest_days(const struct cache *c, const struct source_list *l, long *out)
{
	size_t n = 0, left = l->n;
	char **names = postdir_list(c->posts, &n);
	for (size_t k = 0; k < l->n; k++)
		out[k] = LONG_MIN;
	/* Sorted by name, so by date: the first match from the end wins. */
	for (size_t i = n; i-- > 0 && left;) {
		long day;
		const char *name = names[i];
		if (date_parse_prefix(name, &day) < 0 || name[DATE_LEN] != '-' || !name[DATE_LEN + 1])
			continue;
		for (size_t k = 0; k < l->n; k++) {
			size_t len = strlen(l->v[k].name);
			if (out[k] == LONG_MIN && !strncmp(name + 11, l->v[k].name, len) &&
			    name[11 + len] == '-') {
				out[k] = day;
				left--;
			}
		}
	}
	postdir_free(names, n);
}

int cache_load(const struct cache *c, struct archive *a,
	       const struct source_list *only, struct strbuf *errors)
{
	size_t n;
	char **names = post_names(c, &n, errors);
	int lock = store_lock(c, 1);
	int loaded = 0;
	char *heal = xcalloc(n ? n : 1, 1);
	for (size_t i = 0; i < n; i++) {
		int pending;
		ALLOC_GROW(a->v, a->n, a->cap);
		if (load_post(c, names[i], only, &a->v[a->n], errors, &pending) == 0) {
			a->n++;
			loaded++;
		}
		heal[i] = (char)pending;
	}
	store_unlock(lock);
	for (size_t i = 0; i < n; i++) {
		if (heal[i]) {
			char *stem = xstrndup(names[i], strlen(names[i]) - 3);
			heal_entry(c, stem);
			free(stem);
		}
	}
	free(heal);
	postdir_free(names, n);
	return loaded;
}

static int lazy_loader(void *ctx, const char *path, struct digest *out,
		       struct strbuf *err)
{
	const struct cache *c = ctx;
	const char *name = strrchr(path, '/');
	name = name ? name + 1 : path;
	int pending;
	int lock = store_lock(c, 1);
	int rc = load_post(c, name, NULL, out, err, &pending);
	store_unlock(lock);
	if (pending) {
		char *stem = xstrndup(name, strlen(name) - 3);
		heal_entry(c, stem);
		free(stem);
	}
	return rc == 0 ? 0 : -1;
}

static void lazy_free(void *ctx)
{
	cache_close(ctx);
	free(ctx);
}

int cache_list_archive(struct archive *a, struct strbuf *errors)
{
	struct cache *c = xcalloc(1, sizeof(*c));
	struct strbuf err = STRBUF_INIT;
	if (cache_open(c, NULL, 0, &err) < 0) {
		strbuf_addf(errors, "%s\n", err.buf);
		strbuf_release(&err);
		free(c);
		return 0;
	}
	strbuf_release(&err);
	size_t n;
	char **names = post_names(c, &n, errors);
	struct strbuf path = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", c->posts, names[i]);
		char *date = frontmatter_date_from_name(names[i]);
		archive_add_pending(a, path.buf, date);
		free(date);
	}
	strbuf_release(&path);
	postdir_free(names, n);
	/* The names sort by date, so a date's posts are side by side. */
	size_t dropped = archive_drop_duplicates(a, NULL);
	if (a->loader_free)
		a->loader_free(a->loader_ctx);
	a->loader = lazy_loader;
	a->loader_ctx = c;
	a->loader_free = lazy_free;
	return (int)(n - dropped);
}

int cache_load_archive_sources(struct archive *a, const struct source_list *only,
			       struct strbuf *errors)
{
	struct cache c;
	struct strbuf err = STRBUF_INIT;
	if (cache_open(&c, NULL, 0, &err) < 0) {
		strbuf_addf(errors, "%s\n", err.buf);
		strbuf_release(&err);
		return 0;
	}
	int n = cache_load(&c, a, only, errors);
	cache_close(&c);
	strbuf_release(&err);
	return n;
}

int cache_load_archive(struct archive *a, struct strbuf *errors)
{
	return cache_load_archive_sources(a, NULL, errors);
}

/* ---- watching for changes made by other processes ---------------------------- */

struct post_stamp {
	char *name;
	dev_t dev;
	ino_t ino;
	off_t size;
	long long mtime_ns;
};

struct cache_watch {
	char *posts;
	struct post_stamp *v;
	size_t n;
};

/* The stamps of the posts now, sorted by name (postdir_list sorts). */
static struct post_stamp *take_stamps(const char *posts, size_t *n)
{
	char **names = postdir_list(posts, n);
	if (!names) {
		*n = 0;
		return NULL;
	}
	struct post_stamp *v = xcalloc(*n ? *n : 1, sizeof(*v));
	struct strbuf path = STRBUF_INIT;
	for (size_t i = 0; i < *n; i++) {
		struct stat st;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", posts, names[i]);
		v[i].name = names[i];
		if (lstat(path.buf, &st) == 0) {
			v[i].dev = st.st_dev;
			v[i].ino = st.st_ino;
			v[i].size = st.st_size;
			v[i].mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL +
					st.st_mtim.tv_nsec;
		}
	}
	strbuf_release(&path);
	free(names);   /* the strings now belong to v */
	return v;
}

static void free_stamps(struct post_stamp *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

struct cache_watch *cache_watch_new(const char *dir)
{
	struct cache_watch *w = xcalloc(1, sizeof(*w));
	struct strbuf d = STRBUF_INIT, err = STRBUF_INIT;
	if (dir)
		strbuf_addstr(&d, dir);
	else if (cache_default_dir(&d, &err) < 0)
		strbuf_addstr(&d, "/nonexistent");
	strbuf_addstr(&d, "/posts");
	w->posts = strbuf_detach(&d, NULL);
	strbuf_release(&err);
	w->v = take_stamps(w->posts, &w->n);
	return w;
}

static void add_change(struct cache_changes *out, const char *posts, const char *name,
		       enum cache_change_kind kind)
{
	ALLOC_GROW(out->v, out->n, out->cap);
	struct strbuf p = STRBUF_INIT;
	strbuf_addf(&p, "%s/%s", posts, name);
	out->v[out->n].path = strbuf_detach(&p, NULL);
	out->v[out->n].kind = kind;
	out->n++;
}

size_t cache_watch_poll(struct cache_watch *w, struct cache_changes *out)
{
	size_t n, before = out->n;
	struct post_stamp *now = take_stamps(w->posts, &n);
	size_t i = 0, j = 0;
	/* Both lists are sorted by name: one merge. */
	while (i < w->n || j < n) {
		int cmp = i == w->n ? 1 : j == n ? -1 : strcmp(w->v[i].name, now[j].name);
		if (cmp < 0) {
			add_change(out, w->posts, w->v[i++].name, CACHE_REMOVED);
		} else if (cmp > 0) {
			add_change(out, w->posts, now[j++].name, CACHE_ADDED);
		} else {
			const struct post_stamp *a = &w->v[i++], *b = &now[j++];
			if (a->dev != b->dev || a->ino != b->ino || a->size != b->size ||
			    a->mtime_ns != b->mtime_ns)
				add_change(out, w->posts, b->name, CACHE_CHANGED);
		}
	}
	free_stamps(w->v, w->n);
	w->v = now;
	w->n = n;
	return out->n - before;
}

void cache_watch_free(struct cache_watch *w)
{
	if (!w)
		return;
	free_stamps(w->v, w->n);
	free(w->posts);
	free(w);
}

void cache_changes_free(struct cache_changes *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i].path);
	free(c->v);
	memset(c, 0, sizeof(*c));
}

/* For the persistent index (index.c), which validates its entries against
 * the same checks and reports bad entries in the same words. */
char **cache_post_names(const struct cache *c, size_t *n, struct strbuf *errors)
{
	return post_names(c, n, errors);
}

int cache_load_post(const struct cache *c, const char *name, struct digest *out,
		    struct strbuf *errors, int *pending)
{
	return load_post(c, name, NULL, out, errors, pending);
}

int cache_lock_store_shared(const struct cache *c)
{
	return store_lock(c, 1);
}

void cache_unlock_store(int fd)
{
	store_unlock(fd);
}
