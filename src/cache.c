/* cache: posts and their metadata on disk (see cache.h). */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "frontmatter.h"
#include "post.h"
#include "util.h"

/* ---- SHA-256 (FIPS 180-4) ------------------------------------------------ */

struct sha256 {
	uint32_t h[8];
	uint64_t bits;
	unsigned char block[64];
	size_t used;
};

static const uint32_t sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t ror(uint32_t x, int n)
{
	return (x >> n) | (x << (32 - n));
}

static void sha256_block(struct sha256 *s, const unsigned char *p)
{
	uint32_t w[64];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	uint32_t a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3];
	uint32_t e = s->h[4], f = s->h[5], g = s->h[6], h = s->h[7];
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = h + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) +
			      ((e & f) ^ (~e & g)) + sha256_k[i] + w[i];
		uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) +
			      ((a & b) ^ (a & c) ^ (b & c));
		h = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	s->h[0] += a, s->h[1] += b, s->h[2] += c, s->h[3] += d;
	s->h[4] += e, s->h[5] += f, s->h[6] += g, s->h[7] += h;
}

static void sha256_init(struct sha256 *s)
{
	static const uint32_t h0[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372,
		0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
	memcpy(s->h, h0, sizeof(h0));
	s->bits = 0;
	s->used = 0;
}

static void sha256_update(struct sha256 *s, const void *data, size_t len)
{
	const unsigned char *p = data;
	s->bits += (uint64_t)len * 8;
	while (len) {
		size_t n = 64 - s->used < len ? 64 - s->used : len;
		memcpy(s->block + s->used, p, n);
		s->used += n;
		p += n;
		len -= n;
		if (s->used == 64) {
			sha256_block(s, s->block);
			s->used = 0;
		}
	}
}

static void sha256_final(struct sha256 *s, unsigned char out[32])
{
	uint64_t bits = s->bits;
	unsigned char pad = 0x80, zero = 0, len[8];
	sha256_update(s, &pad, 1);
	while (s->used != 56)
		sha256_update(s, &zero, 1);
	for (int i = 0; i < 8; i++)
		len[i] = (unsigned char)(bits >> (56 - 8 * i));
	sha256_update(s, len, 8);
	for (int i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(s->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(s->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(s->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)s->h[i];
	}
}

void cache_sha256_hex(const void *data, size_t len, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	struct sha256 s;
	unsigned char d[32];
	sha256_init(&s);
	sha256_update(&s, data, len);
	sha256_final(&s, d);
	for (int i = 0; i < 32; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[64] = '\0';
}

/* ---- directories and locks ---------------------------------------------- */

int cache_default_dir(struct strbuf *out, struct strbuf *err)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	if (xdg && xdg[0] == '/') {
		strbuf_addf(out, "%s/digest-tui", xdg);
		return 0;
	}
	const char *home = getenv("HOME");
	if (!home || home[0] != '/') {
		struct passwd *pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : NULL;
	}
	if (!home || home[0] != '/') {
		strbuf_addstr(err, "no cache directory: set XDG_CACHE_HOME or HOME");
		return -1;
	}
	strbuf_addf(out, "%s/.cache/digest-tui", home);
	return 0;
}

static char *join(const char *dir, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/%s", dir, name);
	return strbuf_detach(&sb, NULL);
}

/* mkdir -p with `mode` for what it creates. */
static int make_dirs(const char *path, mode_t mode)
{
	char *p = xstrdup(path);
	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s)
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, mode) < 0 && errno != EEXIST) {
			int e = errno;
			free(p);
			errno = e;
			return -1;
		}
		if (!c)
			break;
		*s = c;
	}
	free(p);
	return 0;
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
	if (create && (make_dirs(c->dir, 0700) < 0 || make_dirs(c->posts, 0755) < 0 ||
		       make_dirs(c->meta, 0755) < 0)) {
		strbuf_addf(err, "%s: cannot create the cache directory: %s", c->dir,
			    strerror(errno));
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

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* flock with a bounded wait; 0, or -1 (EWOULDBLOCK when still busy). */
static int lock_wait(int fd, int op, int wait_ms)
{
	for (int waited = 0;; waited += 20) {
		if (flock(fd, op | LOCK_NB) == 0)
			return 0;
		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK || waited >= wait_ms)
			return -1;
		sleep_ms(20);
	}
}

int cache_lock_fetch(struct cache *c, int wait_ms, struct strbuf *err)
{
	if (c->fetch_fd >= 0)
		return 0;
	char *path = join(c->dir, "fetch.lock");
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		strbuf_addf(err, "%s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	if (lock_wait(fd, LOCK_EX, wait_ms) < 0) {
		if (errno == EWOULDBLOCK)
			strbuf_addstr(err, "another digest-tui is updating the cache");
		else
			strbuf_addf(err, "%s: cannot lock: %s", path, strerror(errno));
		close(fd);
		free(path);
		return -1;
	}
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

/* store.lock: exclusive for a store (blocking: a reader holds it briefly),
 * shared for a load (bounded; without it after a second). */
static int store_lock(const struct cache *c, int shared)
{
	char *path = join(c->dir, "store.lock");
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	if (fd < 0)
		return -1;
	int rc = shared ? lock_wait(fd, LOCK_SH, 1000) : lock_wait(fd, LOCK_EX, 30000);
	if (rc < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static void store_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}

static int is_temp_name(const char *name)
{
	return !strncmp(name, ".tmp-", 5);
}

static void clean_dir(const char *path)
{
	DIR *dir = opendir(path);
	if (!dir)
		return;
	struct dirent *de;
	struct strbuf p = STRBUF_INIT;
	while ((de = readdir(dir))) {
		if (!is_temp_name(de->d_name))
			continue;
		strbuf_reset(&p);
		strbuf_addf(&p, "%s/%s", path, de->d_name);
		unlink(p.buf);
	}
	closedir(dir);
	strbuf_release(&p);
}

void cache_clean_temp(const struct cache *c)
{
	clean_dir(c->posts);
	clean_dir(c->meta);
}

/* ---- atomic writes -------------------------------------------------------- */

void (*cache_before_rename)(const char *tmp);

static int fsync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	/* Some file systems cannot fsync a directory; that is not a failure. */
	if (rc < 0 && (errno == EINVAL || errno == EROFS))
		rc = 0;
	close(fd);
	return rc;
}

int cache_write_atomic(const char *dir, const char *name, const void *data,
		       size_t len, struct strbuf *err)
{
	static unsigned long counter;
	struct strbuf tmp = STRBUF_INIT, dst = STRBUF_INIT;
	strbuf_addf(&tmp, "%s/.tmp-%ld-%lu", dir, (long)getpid(), ++counter);
	strbuf_addf(&dst, "%s/%s", dir, name);
	const char *what = "create";
	int e;
	int fd = open(tmp.buf, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0)
		goto fail;
	what = "write";
	for (const char *p = data; len;) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			goto fail_fd;
		}
		p += n;
		len -= (size_t)n;
	}
	what = "sync";
	if (fsync(fd) < 0)
		goto fail_fd;
	what = "close";
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (cache_before_rename)
		cache_before_rename(tmp.buf);
	what = "rename";
	if (rename(tmp.buf, dst.buf) < 0)
		goto fail;
	if (fsync_dir(dir) < 0) {
		/* The file is in place; only its durability is in doubt. */
		strbuf_addf(err, "%s: cannot sync the directory: %s", dir, strerror(errno));
		strbuf_release(&tmp);
		strbuf_release(&dst);
		return -1;
	}
	strbuf_release(&tmp);
	strbuf_release(&dst);
	return 0;

fail_fd:
	e = errno;
	close(fd);
	errno = e;
fail:
	e = errno;
	strbuf_addf(err, "%s: cannot %s: %s", dst.buf, what, strerror(e));
	unlink(tmp.buf);
	strbuf_release(&tmp);
	strbuf_release(&dst);
	return -1;
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
	}
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

int cache_meta_parse(const char *data, size_t len, struct cache_meta *m,
		     const char **why)
{
	cache_meta_init(m);
	int version = 0, have_status = 0, have_bytes = 0, have_fetched = 0;
	*why = NULL;
	if (memchr(data, '\0', len)) {
		*why = "NUL bytes in the metadata";
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
			*why = "a line that is not 'key: value'";
			break;
		}
		*colon = '\0';
		const char *key = line, *v = colon + 1;
		while (*v == ' ')
			v++;
		long long num;
		if (!version) {
			if (strcmp(key, "version") || strcmp(v, "1"))
				*why = "no 'version: 1' line first";
			version = 1;
		} else if (!strcmp(key, "source")) {
			set_str(&m->source, v);
		} else if (!strcmp(key, "url")) {
			set_str(&m->url, v);
		} else if (!strcmp(key, "date")) {
			long day;
			if (strlen(v) != 10 || source_day_parse(v, &day) < 0)
				*why = "a bad date";
			else
				set_str(&m->date, v);
		} else if (!strcmp(key, "status")) {
			if (parse_number(v, 100, 599, &num) < 0)
				*why = "a bad status";
			m->status = (long)num;
			have_status = 1;
		} else if (!strcmp(key, "file")) {
			if (!valid_file_name(v))
				*why = "a bad file name";
			else
				set_str(&m->file, v);
		} else if (!strcmp(key, "bytes")) {
			if (parse_number(v, 0, 1LL << 40, &m->bytes) < 0)
				*why = "a bad byte count";
			have_bytes = 1;
		} else if (!strcmp(key, "sha256")) {
			size_t i = 0;
			while (i < 64 && isxdigit((unsigned char)v[i]) && !isupper((unsigned char)v[i]))
				i++;
			if (i != 64 || v[64])
				*why = "a bad checksum";
			else
				memcpy(m->sha256, v, 65);
		} else if (!strcmp(key, "etag")) {
			set_str(&m->etag, v);
		} else if (!strcmp(key, "last-modified")) {
			set_str(&m->last_modified, v);
		} else if (!strcmp(key, "charset")) {
			set_str(&m->charset, v);
		} else if (!strcmp(key, "fetched")) {
			struct tm tm;
			memset(&tm, 0, sizeof(tm));
			const char *end = strptime(v, "%Y-%m-%dT%H:%M:%SZ", &tm);
			if (!end || *end)
				*why = "a bad fetch time";
			m->fetched = (long long)timegm(&tm);
			have_fetched = 1;
		}
		/* Unknown keys are for later versions to add. */
	}
	free(copy);
	if (!*why && !version)
		*why = "empty";
	if (!*why && (!m->url || !have_status || !have_fetched))
		*why = "a missing field";
	if (!*why && m->status == 200 && (!m->file || !have_bytes || !m->sha256[0]))
		*why = "a missing field";
	if (!*why && m->status != 200 && m->file)
		*why = "a file with a status other than 200";
	if (*why) {
		cache_meta_free(m);
		return -1;
	}
	return 0;
}

int cache_meta_read(const struct cache *c, const char *stem, struct cache_meta *m,
		    struct strbuf *err)
{
	struct strbuf path = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s.meta", c->meta, stem);
	char *data;
	size_t len;
	cache_meta_init(m);
	if (read_file(path.buf, &data, &len) < 0) {
		int rc = errno == ENOENT ? 1 : -1;
		if (rc < 0)
			strbuf_addf(err, "cannot read %s: %s", path.buf, strerror(errno));
		strbuf_release(&path);
		return rc;
	}
	const char *why;
	int rc = cache_meta_parse(data, len, m, &why);
	if (rc < 0)
		strbuf_addf(err, "corrupt metadata (%s)", why);
	free(data);
	strbuf_release(&path);
	return rc;
}

int cache_post_check(const struct cache *c, const struct cache_meta *m,
		     char **data, size_t *len, struct strbuf *err)
{
	if (m->status != 200 || !m->file) {
		strbuf_addstr(err, "no post in the metadata");
		return -1;
	}
	struct strbuf path = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s", c->posts, m->file);
	char *buf;
	size_t n;
	if (read_file(path.buf, &buf, &n) < 0) {
		strbuf_addf(err, "cannot read the post: %s", strerror(errno));
		strbuf_release(&path);
		return -1;
	}
	strbuf_release(&path);
	char sum[65];
	if ((long long)n != m->bytes) {
		strbuf_addf(err, "%zu bytes where the metadata says %lld", n, m->bytes);
		free(buf);
		return -1;
	}
	cache_sha256_hex(buf, n, sum);
	if (strcmp(sum, m->sha256)) {
		strbuf_addstr(err, "checksum mismatch");
		free(buf);
		return -1;
	}
	if (data) {
		*data = buf;
		*len = n;
	} else {
		free(buf);
	}
	return 0;
}

int cache_store(const struct cache *c, const char *stem, const char *data,
		size_t len, struct cache_meta *m, struct strbuf *err)
{
	struct strbuf name = STRBUF_INIT, meta = STRBUF_INIT;
	if (data) {
		strbuf_addf(&name, "%s.md", stem);
		free(m->file);
		m->file = xstrdup(name.buf);
		m->bytes = (long long)len;
		cache_sha256_hex(data, len, m->sha256);
	}
	cache_meta_format(m, &meta);
	int lock = store_lock(c, 0);
	int rc = 0;
	if (data)
		rc = cache_write_atomic(c->posts, name.buf, data, len, err);
	if (rc == 0) {
		strbuf_reset(&name);
		strbuf_addf(&name, "%s.meta", stem);
		rc = cache_write_atomic(c->meta, name.buf, meta.buf, meta.len, err);
	}
	store_unlock(lock);
	strbuf_release(&name);
	strbuf_release(&meta);
	return rc;
}

/* ---- loading -------------------------------------------------------------- */

static int wanted(const struct source_list *only, const char *source)
{
	return !only || (source && source_list_find(only, source));
}

/* Reads, checks and parses posts/NAME. Returns 0, 1 when its source is not
 * in `only`, or -1 after adding one line to errors. */
static int load_post(const struct cache *c, const char *name,
		     const struct source_list *only, struct digest *out,
		     struct strbuf *errors)
{
	char *stem = xstrndup(name, strlen(name) - 3);
	struct cache_meta m;
	struct strbuf why = STRBUF_INIT, path = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s", c->posts, name);
	char *data = NULL;
	size_t len = 0;
	int rc = cache_meta_read(c, stem, &m, &why);
	if (rc == 1)
		strbuf_addstr(&why, "no metadata");
	if (rc == 0 && !wanted(only, m.source)) {
		rc = 1;
	} else {
		if (rc == 0 && (!m.file || strcmp(m.file, name))) {
			strbuf_addstr(&why, "the metadata is another post's");
			rc = -1;
		}
		if (rc == 0)
			rc = cache_post_check(c, &m, &data, &len, &why);
		if (rc != 0) {
			strbuf_addf(errors, "%s: bad cache entry (%s); it will be fetched again\n",
				    path.buf, why.buf);
			rc = -1;
		} else {
			const char *reason = NULL;
			if (post_parse(data, len, path.buf, out, &reason) < 0) {
				strbuf_addf(errors, "%s: %s\n", path.buf, reason);
				rc = -1;
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
	char **names = list_posts(c->posts, n);
	if (!names && errno != ENOENT)
		strbuf_addf(errors, "%s: cannot open the cache: %s\n", c->posts,
			    strerror(errno));
	return names;
}

int cache_load(const struct cache *c, struct archive *a,
	       const struct source_list *only, struct strbuf *errors)
{
	size_t n;
	char **names = post_names(c, &n, errors);
	int lock = store_lock(c, 1);
	int loaded = 0;
	for (size_t i = 0; i < n; i++) {
		ALLOC_GROW(a->v, a->n, a->cap);
		if (load_post(c, names[i], only, &a->v[a->n], errors) == 0) {
			a->n++;
			loaded++;
		}
	}
	store_unlock(lock);
	free_names(names, n);
	return loaded;
}

static int lazy_loader(void *ctx, const char *path, struct digest *out,
		       struct strbuf *err)
{
	const struct cache *c = ctx;
	const char *name = strrchr(path, '/');
	int lock = store_lock(c, 1);
	int rc = load_post(c, name ? name + 1 : path, NULL, out, err);
	store_unlock(lock);
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
	free_names(names, n);
	if (a->loader_free)
		a->loader_free(a->loader_ctx);
	a->loader = lazy_loader;
	a->loader_ctx = c;
	a->loader_free = lazy_free;
	return (int)n;
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

/* For the persistent index (index.c), which validates its entries against
 * the same checks and reports bad entries in the same words. */
char **cache_post_names(const struct cache *c, size_t *n, struct strbuf *errors)
{
	return post_names(c, n, errors);
}

int cache_load_post(const struct cache *c, const char *name, struct digest *out,
		    struct strbuf *errors)
{
	return load_post(c, name, NULL, out, errors);
}

int cache_lock_store_shared(const struct cache *c)
{
	return store_lock(c, 1);
}

void cache_unlock_store(int fd)
{
	store_unlock(fd);
}
