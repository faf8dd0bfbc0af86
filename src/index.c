/* index: the persistent index of the cache (see index.h).
 *
 * The file, in the machine's byte order (a foreign one fails the probe):
 *   header     struct ix_header, its own checksum last
 *   table      nrec struct ix_record, sorted by post name, checksummed whole
 *   light      per record: name, date, title, papers (see put_light), then
 *              each paper's text and initials lengths (without the NULs)
 *   text       per record: each paper's search text and a NUL
 *   init       per record: each paper's initials and a NUL
 * Each record's slices of the three regions follow the previous record's
 * (the regions hold nothing else: search_index_adopt scans them whole) and
 * carry their own checksums, so --list reads and checks the light region only.
 * The file is mapped read-only: --list touches only the table and the light
 * region, and nothing is copied. Writers only ever replace it whole
 * (fileio_replace), so a mapping stays valid; only a file truncated in place
 * by something else while a command reads it could fault (SIGBUS). A FIFO,
 * symlink or device in its place is never opened for reading. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "fileio.h"
#include "index.h"
#include "model.h"
#include "postdir.h"
#include "search.h"
#include "testknob.h"
#include "util.h"

#define IX_MAGIC "DTINDEX\n"
#define IX_PROBE 0x01020304u

struct ix_header {
	char magic[8];
	uint32_t version, probe, record_size, reserved;
	uint64_t nrec;
	uint64_t table_off, light_off, light_len, text_off, text_len, init_off, init_len;
	uint64_t file_len;
	uint64_t table_hash;
	uint64_t header_hash;   /* of the bytes above */
};

/* What identifies a file's version without reading it: a write changes
 * ctime, a replacement the inode, and nobody can set ctime back — unless the
 * change falls within one tick of a coarse clock and the replacement gets
 * the old inode back (see racy() below). */
struct ix_stat {
	int64_t size, mtime_s, mtime_ns, ctime_s, ctime_ns;
	uint64_t ino, dev;
};

struct ix_record {
	struct ix_stat post, meta;
	char sha256[64];           /* of the post, hex, as its metadata says */
	uint64_t light_off, light_len, text_off, text_len, init_off, init_len;
	uint64_t light_hash, text_hash, init_hash;
	uint32_t npapers, reserved;
};

/* ---- checksums -------------------------------------------------------------
 * Four lanes of 8 bytes, each step a bijection of the lane (xor, odd
 * multiply, xor-shift), so any one changed word changes the sum; fast enough
 * (several GB/s) to check the whole text region on every search. Catches
 * corruption, not forgery: the parser below trusts no length anyway. */
static uint64_t load64(const unsigned char *p)
{
	uint64_t w;
	memcpy(&w, p, 8);
	return w;
}

static uint64_t mix(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0x9E3779B97F4A7C15ull;
	return h ^ (h >> 29);
}

static uint64_t ix_hash(const void *data, size_t n)
{
	const unsigned char *p = data;
	uint64_t h0 = 0x243F6A8885A308D3ull, h1 = 0x13198A2E03707344ull,
		 h2 = 0xA4093822299F31D0ull, h3 = 0x082EFA98EC4E6C89ull;
	size_t len = n;
	for (; n >= 32; p += 32, n -= 32) {
		h0 = mix(h0, load64(p));
		h1 = mix(h1, load64(p + 8));
		h2 = mix(h2, load64(p + 16));
		h3 = mix(h3, load64(p + 24));
	}
	for (; n >= 8; p += 8, n -= 8)
		h0 = mix(h0, load64(p));
	unsigned char tail[8] = { 0 };
	if (n)
		memcpy(tail, p, n);
	h1 = mix(h1, load64(tail));
	uint64_t h = mix(h0, len) + mix(h1, 1) * 3 + mix(h2, 2) * 5 + mix(h3, 3) * 7;
	return mix(h, h >> 32);
}

/* ---- serializing a paper list ("light" digest) -----------------------------
 * A string is a uint32 length (UINT32_MAX: NULL) and its bytes; counts and
 * numbers are uint32 / int32. */
#define NO_STR UINT32_MAX

static void put_u32(struct strbuf *b, uint32_t v)
{
	strbuf_add(b, &v, 4);
}

static void put_mem(struct strbuf *b, const char *s, size_t n)
{
	put_u32(b, s ? (uint32_t)n : NO_STR);
	if (s)
		strbuf_add(b, s, n);
}

static void put_str(struct strbuf *b, const char *s)
{
	put_mem(b, s, s ? strlen(s) : 0);
}

static void put_light(struct strbuf *b, const char *name, const struct digest *d)
{
	put_str(b, name);
	put_str(b, d->date);
	put_str(b, d->title);
	put_u32(b, (uint32_t)d->npapers);
	for (size_t i = 0; i < d->npapers; i++) {
		const struct paper *p = &d->papers[i];
		put_u32(b, (uint32_t)p->number);
		put_str(b, p->arxiv_id);
		put_str(b, p->url);
		put_mem(b, p->title.s, p->title.len);
		put_u32(b, (uint32_t)p->nlinks);
		for (size_t k = 0; k < p->nlinks; k++) {
			put_str(b, p->links[k].label);
			put_str(b, p->links[k].url);
		}
	}
}

/* Reading it back: every length checked against what is left. */
struct cursor {
	const char *p, *end;
	int bad;
};

static uint32_t get_u32(struct cursor *c)
{
	uint32_t v = 0;
	if (c->end - c->p < 4) {
		c->bad = 1;
		return 0;
	}
	memcpy(&v, c->p, 4);
	c->p += 4;
	return v;
}

/* The next string: *s and *n (s NULL for a NULL string). */
static void get_mem(struct cursor *c, const char **s, size_t *n)
{
	uint32_t len = get_u32(c);
	*s = NULL;
	*n = 0;
	if (c->bad || len == NO_STR)
		return;
	if ((size_t)(c->end - c->p) < len) {
		c->bad = 1;
		return;
	}
	*s = c->p;
	*n = len;
	c->p += len;
}

/* Space in a digest's arena: pointers aligned. */
struct arena {
	char *base;   /* NULL: only measure */
	size_t used;
};

static void *arena_take(struct arena *a, size_t n, size_t align)
{
	a->used = (a->used + align - 1) & ~(align - 1);
	void *p = a->base ? a->base + a->used : NULL;
	a->used += n;
	return p;
}

static char *arena_str(struct arena *a, const char *s, size_t n)
{
	if (!s)
		return NULL;
	char *to = arena_take(a, n + 1, 1);
	if (to) {
		memcpy(to, s, n);
		to[n] = '\0';
	}
	return to;
}

static char *get_str(struct cursor *c, struct arena *a)
{
	const char *s;
	size_t n;
	get_mem(c, &s, &n);
	return arena_str(a, s, n);
}

/* Reads one serialized digest into d (measuring only, when a->base is
 * NULL), and points *lens at its papers' text and initials lengths (two
 * uint32 a paper, unaligned). Returns 0, or -1 when the bytes are not one. */
static int read_light(const char *p, size_t len, const char *dir, struct arena *a,
		      struct digest *d, const char **lens)
{
	struct cursor c = { p, p + len, 0 };
	const char *name;
	size_t nlen;
	get_mem(&c, &name, &nlen);
	if (!name)
		return -1;
	memset(d, 0, sizeof(*d));
	char *path = arena_take(a, strlen(dir) + 1 + nlen + 1, 1);
	if (path) {
		size_t dl = strlen(dir);
		memcpy(path, dir, dl);
		path[dl] = '/';
		memcpy(path + dl + 1, name, nlen);
		path[dl + 1 + nlen] = '\0';
	}
	d->path = path;
	d->date = get_str(&c, a);
	d->title = get_str(&c, a);
	uint32_t np = get_u32(&c);
	/* Each paper takes at least 20 bytes: no huge count gets allocated. */
	if (c.bad || np > (size_t)(c.end - c.p) / 20)
		return -1;
	d->npapers = d->papers_cap = np;
	d->papers = arena_take(a, np * sizeof(struct paper), sizeof(void *));
	for (uint32_t i = 0; i < np && !c.bad; i++) {
		struct paper tmp, *pp = d->papers ? &d->papers[i] : &tmp;
		memset(pp, 0, sizeof(*pp));
		pp->number = (int)get_u32(&c);
		pp->arxiv_id = get_str(&c, a);
		pp->url = get_str(&c, a);
		const char *t;
		size_t tn;
		get_mem(&c, &t, &tn);
		if (t && tn >= TEXT_MAX)
			c.bad = 1;
		pp->title.s = arena_str(a, t, tn);
		pp->title.len = pp->title.cap = (uint32_t)(t ? tn : 0);
		if (t && tn) {
			/* One plain span, as the parser's invariant wants. */
			pp->title.spans = arena_take(a, sizeof(struct text_span),
						     sizeof(void *));
			pp->title.nspans = pp->title.spans_cap = 1;
			if (pp->title.spans)
				*pp->title.spans = (struct text_span){ 0, (uint32_t)tn,
								       STYLE_PLAIN };
		}
		uint32_t nl = get_u32(&c);
		if (c.bad || nl > (size_t)(c.end - c.p) / 8)
			return -1;
		pp->nlinks = pp->links_cap = nl;
		pp->links = arena_take(a, nl * sizeof(struct link), sizeof(void *));
		for (uint32_t k = 0; k < nl && !c.bad; k++) {
			char *label = get_str(&c, a), *url = get_str(&c, a);
			if (pp->links)
				pp->links[k] = (struct link){ label, url };
		}
	}
	if (c.bad || (size_t)(c.end - c.p) != (size_t)np * 8)
		return -1;
	*lens = c.p;
	return 0;
}

/* A digest of its own from serialized bytes (one allocation: digest_free
 * frees it). Returns 0, or -1 (d then empty). */
static int light_digest(const char *p, size_t len, const char *dir, struct digest *d)
{
	struct arena a = { NULL, 0 };
	const char *lens;
	if (read_light(p, len, dir, &a, d, &lens) < 0) {
		memset(d, 0, sizeof(*d));
		return -1;
	}
	a.base = xmalloc(a.used ? a.used : 1);
	size_t size = a.used;
	a.used = 0;
	read_light(p, len, dir, &a, d, &lens);
	d->arena = a.base;
	d->arena_len = size;
	return 0;
}

/* The name a serialized digest starts with, or -1. */
static int light_name(const char *p, size_t len, const char **name, size_t *n)
{
	struct cursor c = { p, p + len, 0 };
	get_mem(&c, name, n);
	return *name ? 0 : -1;
}

/* ---- the posts ------------------------------------------------------------ */

/* One post of the new index: its record and its three slices, which point
 * into the old file's bytes or into `own`. */
struct slot {
	struct ix_record rec;
	const char *light, *text, *init;
	const char *lens;      /* in light: each paper's text and initials length */
	struct strbuf own;     /* light, then text, then init, when rebuilt */
	int checked;           /* 1: text, 2: text and init checked */
	int heal;              /* its metadata is cache_heal's to rewrite */
	const char *name;      /* the post's file name */
	size_t digest;         /* its index in the archive */
};

/* The keys of dir/name; with coarse (TESTKNOB_COARSE_TIMESTAMPS), as a
 * filesystem with whole-second times and recycled inodes would give them. */
static void stat_key(int dirfd, const char *name, int coarse, struct ix_stat *k)
{
	struct stat st;
	memset(k, 0, sizeof(*k));
	if (dirfd < 0 || fstatat(dirfd, name, &st, 0) < 0) {
		k->size = -1;  /* missing: never equal to a stored key */
		return;
	}
	k->size = st.st_size;
	k->mtime_s = st.st_mtim.tv_sec;
	k->mtime_ns = st.st_mtim.tv_nsec;
	k->ctime_s = st.st_ctim.tv_sec;
	k->ctime_ns = st.st_ctim.tv_nsec;
	k->ino = st.st_ino;
	k->dev = st.st_dev;
	if (coarse) {
		k->mtime_ns = k->ctime_ns = 0;
		k->ino = 0;
	}
}

static int same_key(const struct ix_stat *a, const struct ix_stat *b)
{
	return a->size >= 0 && !memcmp(a, b, sizeof(*a));
}

/* ---- racily clean records ---------------------------------------------------
 * Keys prove nothing about a change made in the same tick of the file
 * system's clock as the time they recorded: where times are whole seconds
 * (ext4 with 128-byte inodes, FAT, some network file systems), a post
 * rewritten within the second with the same size can get its old inode back,
 * and then every key matches (git's "racily clean" entries,
 * Documentation/technical/racy-git.txt). So a record is trusted on its keys
 * only when all four of its times (the post's and the metadata's mtime and
 * ctime) are strictly older than the index file's own mtime: the file
 * system's clock, at its granularity (even when that clock is not ours, on a
 * network file system). A change after the file was written bears a time no
 * older than that; one before the record's stat is in its keys; and no store
 * falls between the stat and the write, for the writer holds the store lock
 * throughout (without it, the file is not written). (Another program's edit
 * in that window, within the tick of the post's last change, would go
 * unseen, as it would by git; the post then no longer matches its metadata's
 * checksum.) A whole-second time in the second of a finer mtime counts as not
 * older: it may be a coarse clock's rounding of a later moment (posts on
 * another file system).
 *
 * Any other record is "racy" and checked by content (same_content: the
 * metadata's checksum, and the post read and hashed), in every run until the
 * file is rewritten later than its times, which any change to the cache
 * brings about. The file is not rewritten only to settle racy records:
 * hashing the few posts stored within the tick before the last write costs
 * less than writing the whole file again. Older records are trusted on their
 * keys, and no post is read. */
struct ix_time {
	int64_t s, ns;
};

/* Whether the time (s, ns) is not strictly older than ref. */
static int not_older(int64_t s, int64_t ns, const struct ix_time *ref)
{
	if (s != ref->s)
		return s > ref->s;
	return ns == 0 || ns >= ref->ns;
}

static int racy(const struct ix_record *r, const struct ix_time *ref)
{
	return not_older(r->post.mtime_s, r->post.mtime_ns, ref) ||
	       not_older(r->post.ctime_s, r->post.ctime_ns, ref) ||
	       not_older(r->meta.mtime_s, r->meta.mtime_ns, ref) ||
	       not_older(r->meta.ctime_s, r->meta.ctime_ns, ref);
}

static uint32_t len_at(const char *lens, size_t k)
{
	uint32_t v;
	memcpy(&v, lens + 4 * k, 4);
	return v;
}

/* Whether region r (len bytes) is n strings of the lengths at lens (every
 * other uint32 from lens), each followed by a NUL. */
static int lengths_fit(const char *r, size_t len, const char *lens, size_t n)
{
	size_t at = 0;
	for (size_t k = 0; k < n; k++) {
		size_t l = len_at(lens, 2 * k);
		if (l >= len - at || r[at + l] != '\0')
			return 0;
		at += l + 1;
	}
	return at == len;
}

/* Whether the slot's text (and, with init, its initials) is intact. */
static int text_ok(const struct slot *s, int init)
{
	return ix_hash(s->text, s->rec.text_len) == s->rec.text_hash &&
	       lengths_fit(s->text, s->rec.text_len, s->lens, s->rec.npapers) &&
	       (!init || (ix_hash(s->init, s->rec.init_len) == s->rec.init_hash &&
			  lengths_fit(s->init, s->rec.init_len, s->lens + 4, s->rec.npapers)));
}

/* Builds slot s from a parsed digest. */
static void fill_slot(struct slot *s, const char *name, const struct digest *d)
{
	struct strbuf text = STRBUF_INIT, init = STRBUF_INIT;
	strbuf_reset(&s->own);
	put_light(&s->own, name, d);
	for (size_t i = 0; i < d->npapers; i++) {
		size_t t0 = text.len, i0 = init.len;
		search_paper_text(&d->papers[i], &text, &init);
		put_u32(&s->own, (uint32_t)(text.len - t0));
		put_u32(&s->own, (uint32_t)(init.len - i0));
		strbuf_addch(&text, '\0');
		strbuf_addch(&init, '\0');
	}
	size_t light_len = s->own.len, text_len = text.len;
	s->lens = NULL; /* set below, once own stops moving */
	strbuf_add(&s->own, text.buf, text.len);
	strbuf_add(&s->own, init.buf, init.len);
	strbuf_release(&text);
	s->lens = s->own.buf + light_len - 8 * d->npapers;
	s->light = s->own.buf;
	s->text = s->own.buf + light_len;
	s->init = s->text + text_len;
	s->rec.light_len = light_len;
	s->rec.text_len = text_len;
	s->rec.init_len = init.len;
	s->rec.light_hash = ix_hash(s->light, light_len);
	s->rec.text_hash = ix_hash(s->text, text_len);
	s->rec.init_hash = ix_hash(s->init, init.len);
	s->rec.npapers = (uint32_t)d->npapers;
	s->checked = 2;
	strbuf_release(&init);
}

/* The old file, mapped. Only the pages used are read: --list touches the
 * table and the light region. */
struct old_index {
	char *map;
	size_t map_len;
	const struct ix_header *h;
	const struct ix_record *tab;
	size_t nrec;
	const char *light, *text, *init;
	const char *text_kept, *init_kept; /* pages before these given back */
	struct ix_time ref;                /* see racy() */
};

/* Gives back the mapping's pages from *kept up to `upto` (whole pages, a
 * quarter of a megabyte or more at a time): once checked, a record's text
 * need not stay in memory until the search reads it again, so a 초성
 * search's peak RSS is about what it reads (the initials), not the whole
 * file. (The pages are the file's: read again from the page cache.) */
static void old_release(const char **kept, const char *upto)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t from = ((uintptr_t)*kept + page - 1) & ~(page - 1);
	uintptr_t to = (uintptr_t)upto & ~(page - 1);
	if (to >= from + 64 * page) {
		madvise((void *)from, to - from, MADV_DONTNEED);
		*kept = (const char *)to;
	}
}

static int region_ok(uint64_t off, uint64_t len, uint64_t file_len)
{
	return off <= file_len && len <= file_len - off;
}

/* Maps dir/index into old (its times as stat_key's with coarse). Returns 0,
 * or -1 when there is none usable (missing, short, foreign, corrupt): then
 * it is rebuilt. */
static int old_read(const char *dir, int coarse, struct old_index *old)
{
	memset(old, 0, sizeof(*old));
	struct strbuf path = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s", dir, INDEX_FILE);
	/* Our own file: no symlink followed, and a FIFO put there neither
	 * blocks the open nor gets read. */
	int fd = open(path.buf, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	strbuf_release(&path);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size < (off_t)sizeof(struct ix_header) ||
	    (uint64_t)st.st_size > SIZE_MAX / 2) {
		close(fd);
		return -1;
	}
	void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return -1;
	old->map = map;
	old->map_len = (size_t)st.st_size;
	const struct ix_header *hp = map;
	struct ix_header h = *hp;
	if (memcmp(h.magic, IX_MAGIC, 8) || h.version != INDEX_VERSION ||
	    h.probe != IX_PROBE || h.record_size != sizeof(struct ix_record) ||
	    h.header_hash != ix_hash(&h, offsetof(struct ix_header, header_hash)) ||
	    h.file_len != (uint64_t)st.st_size)
		goto bad;
	if (h.table_off != sizeof(h) || h.nrec > h.file_len / sizeof(struct ix_record) ||
	    h.light_off != h.table_off + h.nrec * sizeof(struct ix_record) ||
	    !region_ok(h.light_off, h.light_len, h.file_len) ||
	    h.text_off != h.light_off + h.light_len ||
	    !region_ok(h.text_off, h.text_len, h.file_len) ||
	    h.init_off != h.text_off + h.text_len ||
	    !region_ok(h.init_off, h.init_len, h.file_len) ||
	    h.init_off + h.init_len != h.file_len)
		goto bad;
	old->h = hp;
	old->tab = (const struct ix_record *)(old->map + h.table_off);
	old->nrec = (size_t)h.nrec;
	if (ix_hash(old->tab, old->nrec * sizeof(struct ix_record)) != h.table_hash)
		goto bad;
	/* The records tile the regions in order. */
	uint64_t lo = 0, to = 0, io = 0;
	for (size_t i = 0; i < old->nrec; i++) {
		const struct ix_record *r = &old->tab[i];
		if (r->light_off != lo || r->text_off != to || r->init_off != io ||
		    r->light_len > h.light_len - lo || r->text_len > h.text_len - to ||
		    r->init_len > h.init_len - io)
			goto bad;
		lo += r->light_len;
		to += r->text_len;
		io += r->init_len;
	}
	if (lo != h.light_len || to != h.text_len || io != h.init_len)
		goto bad;
	old->light = old->map + h.light_off;
	old->text = old->map + h.text_off;
	old->init = old->map + h.init_off;
	old->text_kept = old->text;
	old->init_kept = old->init;
	old->ref = (struct ix_time){ st.st_mtim.tv_sec, coarse ? 0 : st.st_mtim.tv_nsec };
	return 0;
bad:
	munmap(old->map, old->map_len);
	memset(old, 0, sizeof(*old));
	return -1;
}

/* The old record for name at or after *j (records are sorted by name, each
 * checked before its name is believed); NULL when there is none. */
static const struct ix_record *old_find(const struct old_index *old, size_t *j,
					const char *name, int *dropped)
{
	size_t nlen = strlen(name);
	while (*j < old->nrec) {
		const struct ix_record *r = &old->tab[*j];
		const char *l = old->light + r->light_off, *rn;
		size_t rl;
		if (ix_hash(l, r->light_len) != r->light_hash ||
		    light_name(l, r->light_len, &rn, &rl) < 0) {
			(*j)++;           /* corrupt: dropped, rebuilt */
			*dropped = 1;
			continue;
		}
		size_t m = rl < nlen ? rl : nlen;
		int c = memcmp(rn, name, m);
		if (!c)
			c = (rl > nlen) - (rl < nlen);
		if (c > 0)
			return NULL;
		(*j)++;
		if (!c)
			return r;
		*dropped = 1;             /* its post is gone */
	}
	return NULL;
}

/* Points slot s at old record r's bytes. */
static void adopt_old(struct slot *s, const struct old_index *old,
		      const struct ix_record *r)
{
	s->rec = *r;
	s->light = old->light + r->light_off;
	s->text = old->text + r->text_off;
	s->init = old->init + r->init_off;
	s->checked = 0;
}

/* The post's SHA-256 as its metadata says, or "" when unreadable. */
static void meta_sha(const struct cache *c, const char *stem, char out[65])
{
	struct cache_meta m;
	struct strbuf why = STRBUF_INIT;
	out[0] = '\0';
	if (cache_meta_read(c, stem, &m, &why) == 0 && strlen(m.sha256) == 64)
		memcpy(out, m.sha256, 65);
	cache_meta_free(&m);
	strbuf_release(&why);
}

/* Whether the post, whose keys changed, still holds what r was made from:
 * its metadata names it with r's checksum, and the post matches. */
static int same_content(const struct cache *c, const char *name, const char *stem,
			const struct ix_record *r)
{
	struct cache_meta m;
	struct strbuf why = STRBUF_INIT;
	int same = cache_meta_read(c, stem, &m, &why) == 0 && m.file &&
		   !strcmp(m.file, name) && strlen(m.sha256) == 64 &&
		   !memcmp(m.sha256, r->sha256, 64) &&
		   cache_post_check(c, &m, NULL, NULL, &why) == 0;
	cache_meta_free(&m);
	strbuf_release(&why);
	return same;
}

/* Parses posts/NAME afresh into s. Returns 0, or -1 (not in the index;
 * the reason is a line in errors). */
static int rebuild(const struct cache *c, const char *name, struct slot *s,
		   struct strbuf *errors)
{
	struct digest d;
	memset(&d, 0, sizeof(d));
	int pending = 0;
	int rc = cache_load_post(c, name, &d, errors, &pending);
	s->heal = pending;
	if (rc < 0)
		return -1;
	/* The checksum of what was parsed: the metadata's, which load_post
	 * checked the post against (under the store lock) — unless the post is
	 * the previous version (pending), whose metadata names the next one:
	 * then none, so that no later post can pass for it. */
	char sha[65] = "";
	if (!pending) {
		char *stem = xstrndup(name, strlen(name) - 3);
		meta_sha(c, stem, sha);
		free(stem);
	}
	memset(s->rec.sha256, 0, sizeof(s->rec.sha256));
	memcpy(s->rec.sha256, sha, strlen(sha));
	fill_slot(s, name, &d);
	digest_free(&d);
	return 0;
}

/* ---- writing ---------------------------------------------------------------- */

/* The whole new file from the slots; each slot then points into it. */
static char *assemble(struct slot *v, size_t n, size_t *len)
{
	struct ix_header h;
	memset(&h, 0, sizeof(h));
	memcpy(h.magic, IX_MAGIC, 8);
	h.version = INDEX_VERSION;
	h.probe = IX_PROBE;
	h.record_size = sizeof(struct ix_record);
	h.nrec = n;
	h.table_off = sizeof(h);
	h.light_off = h.table_off + n * sizeof(struct ix_record);
	for (size_t i = 0; i < n; i++) {
		v[i].rec.light_off = h.light_len;
		v[i].rec.text_off = h.text_len;
		v[i].rec.init_off = h.init_len;
		h.light_len += v[i].rec.light_len;
		h.text_len += v[i].rec.text_len;
		h.init_len += v[i].rec.init_len;
	}
	h.text_off = h.light_off + h.light_len;
	h.init_off = h.text_off + h.text_len;
	h.file_len = h.init_off + h.init_len;
	char *buf = xmalloc((size_t)h.file_len);
	struct ix_record *tab = (struct ix_record *)(buf + h.table_off);
	for (size_t i = 0; i < n; i++) {
		struct slot *s = &v[i];
		char *l = buf + h.light_off + s->rec.light_off;
		char *t = buf + h.text_off + s->rec.text_off;
		char *in = buf + h.init_off + s->rec.init_off;
		memcpy(l, s->light, s->rec.light_len);
		s->lens = l + (s->lens - s->light);
		memcpy(t, s->text, s->rec.text_len);
		memcpy(in, s->init, s->rec.init_len);
		s->light = l;
		s->text = t;
		s->init = in;
		strbuf_release(&s->own);
		tab[i] = s->rec;
	}
	h.table_hash = ix_hash(tab, n * sizeof(struct ix_record));
	h.header_hash = ix_hash(&h, offsetof(struct ix_header, header_hash));
	memcpy(buf, &h, sizeof(h));
	*len = (size_t)h.file_len;
	return buf;
}

/* The one place the file is written: atomically, or not at all (an index
 * that cannot be written is rebuilt in memory next time; no message). */
static void index_write(const char *dir, const char *buf, size_t len)
{
	struct strbuf err = STRBUF_INIT;
	fileio_replace(dir, INDEX_FILE, buf, len, 0644, &err);
	strbuf_release(&err);
}

/* ---- loading ---------------------------------------------------------------- */

struct backing {
	char *buf;             /* the new file, when it was rebuilt */
	char *map;             /* else the old one, mapped */
	size_t map_len;
	struct search_index *search;
};

static void backing_free(void *p)
{
	struct backing *b = p;
	search_index_free(b->search);
	free(b->buf);
	if (b->map)
		munmap(b->map, b->map_len);
	free(b);
}

struct sorted {
	struct digest d;
	size_t slot;
};

static int cmp_sorted(const void *x, const void *y)
{
	return archive_compare(&((const struct sorted *)x)->d, &((const struct sorted *)y)->d);
}

/* Hands the slots' digests to a in archive order, and their text to
 * a->search. Every slot points into buf, which a then owns. */
static void hand_over(struct archive *a, const struct cache *c, struct slot *v,
		      size_t n, struct backing *b, const char *text, size_t text_len,
		      const char *init, size_t init_len, int level)
{
	struct sorted *s = xmalloc((n + 1) * sizeof(*s));
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		v[i].digest = (size_t)-1;
		if (light_digest(v[i].light, v[i].rec.light_len, c->posts, &s[m].d) < 0)
			continue;  /* cannot happen: checked when read or made */
		s[m++].slot = i;
	}
	if (m > 1)
		qsort(s, m, sizeof(*s), cmp_sorted);
	for (size_t k = 0; k < m; k++) {
		ALLOC_GROW(a->v, a->n, a->cap);
		v[s[k].slot].digest = a->n;
		a->v[a->n++] = s[k].d;
	}
	free(s);
	/* One post, one digest; the text entries follow the digests' moves. */
	size_t *map = xmalloc((a->n + 1) * sizeof(*map));
	if (archive_drop_duplicates(a, map))
		for (size_t i = 0; i < n; i++)
			if (v[i].digest != (size_t)-1)
				v[i].digest = map[v[i].digest];
	free(map);
	if (level && m) {
		size_t total = 0;
		for (size_t i = 0; i < n; i++)
			total += v[i].rec.npapers;
		struct search_entry *e = xmalloc((total + 1) * sizeof(*e));
		size_t k = 0;
		for (size_t i = 0; i < n; i++) {
			size_t t = (size_t)(v[i].text - text);
			size_t in = init_len ? (size_t)(v[i].init - init) : 0;
			for (size_t p = 0; p < v[i].rec.npapers; p++) {
				size_t tl = len_at(v[i].lens, 2 * p);
				size_t il = init_len ? len_at(v[i].lens, 2 * p + 1) : 0;
				if (v[i].digest != (size_t)-1)
					e[k++] = (struct search_entry){ v[i].digest, p, t, tl,
									in, il };
				t += tl + 1;
				in += init_len ? il + 1 : 0;
			}
		}
		b->search = search_index_adopt(text, text_len, init, init_len, e, k, a->n);
		a->search = b->search;
	}
	a->backing = b;
	a->backing_free = backing_free;
}

/* Whether old record r (its light checked by old_find) parses, and, when the
 * text was read, whether its text is intact. */
static int old_intact(struct slot *s, int level)
{
	struct arena measure = { NULL, 0 };
	struct digest d;
	if (read_light(s->light, s->rec.light_len, "", &measure, &d, &s->lens) < 0 ||
	    d.npapers != s->rec.npapers)
		return 0;
	if (!level)
		return 1;
	s->checked = text_ok(s, level == INDEX_SEARCH_INITIALS) ? level : 0;
	return s->checked != 0;
}

/* One run over the cache. */
struct run {
	struct cache c;
	int level;              /* the enum index_want */
	int coarse;             /* TESTKNOB_COARSE_TIMESTAMPS */
	struct old_index old;
	int have_old;
	size_t j;               /* the next old record to look at */
	int dirty;              /* the file is to be written */
	int posts_fd, meta_fd;  /* names relative to these: no path walk per post */
	struct strbuf path;
};

/* Fills slot s for posts/NAME: from its old record when that still holds,
 * else parsed anew. Returns 1, or 0 when the post is bad (a line in errors:
 * a bad post stays out of the index, and is reported each time, as
 * cache_load reports it). */
static int load_slot(struct run *r, struct slot *s, const char *name, struct strbuf *errors)
{
	memset(s, 0, sizeof(*s));
	strbuf_init(&s->own);
	s->name = name;
	/* The keys before the content: a change after this is seen next time. */
	struct ix_stat post, meta;
	stat_key(r->posts_fd, name, r->coarse, &post);
	strbuf_reset(&r->path);
	strbuf_add(&r->path, name, strlen(name) - 3);
	strbuf_addstr(&r->path, ".meta");
	stat_key(r->meta_fd, r->path.buf, r->coarse, &meta);
	const struct ix_record *o = r->have_old ? old_find(&r->old, &r->j, name, &r->dirty)
						: NULL;
	int ok = 0;
	if (o) {
		adopt_old(s, &r->old, o);
		int intact = old_intact(s, r->level);
		/* A plain query scans all of the text anyway; a 초성 one scans
		 * the initials, and the text of few papers. */
		if (r->level == INDEX_SEARCH_INITIALS) {
			old_release(&r->old.text_kept, s->text + s->rec.text_len);
			old_release(&r->old.init_kept, s->init + s->rec.init_len);
		}
		int same = same_key(&post, &o->post) && same_key(&meta, &o->meta);
		if (intact && same && !racy(o, &r->old.ref)) {
			ok = 1;
		} else if (intact) {
			char *stem = xstrndup(name, strlen(name) - 3);
			ok = same_content(&r->c, name, stem, o);
			free(stem);
		}
		if (!ok || !same)
			r->dirty = 1;
	}
	s->rec.post = post;
	s->rec.meta = meta;
	/* Only a new good post or a dropped record changes the file. */
	if (!ok && rebuild(&r->c, name, s, errors) == 0) {
		ok = 1;
		r->dirty |= !o;
	}
	if (!ok)
		strbuf_release(&s->own);
	return ok;
}

/* Makes the new file of the *nv slots in b->buf, and writes it when locked
 * (the store lock held since before the first stat: see racy()). Kept
 * records' text goes into it: what --list did not check is checked first (a
 * record that fails is parsed anew, or dropped). */
static void write_new(struct run *r, struct slot *v, size_t *nv, int locked,
		      struct backing *b, struct strbuf *errors)
{
	size_t kept = 0;
	for (size_t i = 0; i < *nv; i++) {
		struct slot *s = &v[i];
		int fine = s->checked == INDEX_SEARCH_INITIALS ||
			   (!s->own.len && text_ok(s, 1));
		if (!fine) {
			strbuf_release(&s->own);
			strbuf_init(&s->own);
			fine = rebuild(&r->c, s->name, s, errors) == 0;
		}
		if (fine)
			v[kept++] = *s;
		else
			strbuf_release(&s->own);
	}
	*nv = kept;
	size_t len;
	b->buf = assemble(v, kept, &len);
	if (locked)
		index_write(r->c.dir, b->buf, len);
	if (r->have_old)
		munmap(r->old.map, r->old.map_len);
}

int index_load_cache_dir(struct archive *a, const char *dir, enum index_want want,
			 struct strbuf *errors)
{
	struct run r;
	memset(&r, 0, sizeof(r));
	struct strbuf err = STRBUF_INIT;
	if (cache_open(&r.c, dir, 0, &err) < 0) {
		strbuf_addf(errors, "%s\n", err.buf);
		strbuf_release(&err);
		return 0;
	}
	strbuf_release(&err);
	if (a->n) {
		int n = cache_load(&r.c, a, NULL, errors);
		cache_close(&r.c);
		return n;
	}
	r.level = want;
	r.coarse = testknob_get(TESTKNOB_COARSE_TIMESTAMPS, 0) != 0;
	size_t n = 0;
	char **names = cache_post_names(&r.c, &n, errors);
	int lock = cache_lock_store_shared(&r.c);
	r.have_old = old_read(r.c.dir, r.coarse, &r.old) == 0;
	r.dirty = !r.have_old;
	struct slot *v = xcalloc(n + 1, sizeof(*v));
	size_t nv = 0;
	strbuf_init(&r.path);
	r.posts_fd = open(r.c.posts, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	r.meta_fd = open(r.c.meta, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	for (size_t i = 0; i < n; i++)
		nv += load_slot(&r, &v[nv], names[i], errors);
	if (r.posts_fd >= 0)
		close(r.posts_fd);
	if (r.meta_fd >= 0)
		close(r.meta_fd);
	if (r.have_old && r.j < r.old.nrec)
		r.dirty = 1;          /* posts gone since */
	struct backing *b = xcalloc(1, sizeof(*b));
	if (r.dirty) {
		write_new(&r, v, &nv, lock >= 0, b, errors);
	} else {
		b->map = r.old.map;
		b->map_len = r.old.map_len;
	}
	const char *base = b->buf ? b->buf : b->map;
	const struct ix_header *h = (const struct ix_header *)base;
	const char *text = base + h->text_off, *init = base + h->init_off;
	size_t text_len = (size_t)h->text_len, init_len = (size_t)h->init_len;
	cache_unlock_store(lock);
	/* Temporary files of index writers killed before their rename (one is
	 * as big as the index), removed by whichever run comes next: only the
	 * dead writers' (fileio_clean_temp takes each one's lock first). */
	fileio_clean_temp(r.c.dir);
	/* As cache_load does: a post whose store was cut short is shown, and
	 * its metadata rewritten once no lock is held. */
	for (size_t i = 0; i < nv; i++) {
		if (v[i].heal) {
			char *stem = xstrndup(v[i].name, strlen(v[i].name) - 3);
			cache_heal(&r.c, stem);
			free(stem);
		}
	}
	if (r.level != INDEX_SEARCH_INITIALS) {
		init = "";  /* not checked: not searched */
		init_len = 0;
	}
	hand_over(a, &r.c, v, nv, b, text, text_len, init, init_len, r.level);
	for (size_t i = 0; i < nv; i++)
		strbuf_release(&v[i].own);
	free(v);
	strbuf_release(&r.path);
	postdir_free(names, n);
	cache_close(&r.c);
	return (int)nv;
}

enum index_want index_want_search(const char *query)
{
	struct search_query q;
	search_query_parse(query, strlen(query), &q);
	enum index_want w = q.initials ? INDEX_SEARCH_INITIALS : INDEX_SEARCH;
	search_query_free(&q);
	return w;
}

int index_load_cache(struct archive *a, enum index_want want, struct strbuf *errors)
{
	return index_load_cache_dir(a, NULL, want, errors);
}

/* ---- the reader's archive search --------------------------------------------- */

struct by_path {
	const char *path;
	size_t digest;
};

static int cmp_by_path(const void *x, const void *y)
{
	return strcmp(((const struct by_path *)x)->path, ((const struct by_path *)y)->path);
}

static void free_loaded(void *p)
{
	struct archive *b = p;
	archive_free(b);
	free(b);
}

struct search_index *index_search_for(const struct archive *a, enum index_want want,
				      struct strbuf *errors)
{
	struct archive *b = xmalloc(sizeof(*b));
	archive_init(b);
	index_load_cache_dir(b, NULL, want, errors);
	if (!b->search) {
		free_loaded(b);
		return NULL;
	}
	/* The reader's digests by path; each of the index's finds its own. */
	struct by_path *v = xmalloc((a->n + 1) * sizeof(*v));
	size_t n = 0;
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i].path)
			v[n++] = (struct by_path){ a->v[i].path, i };
	qsort(v, n, sizeof(*v), cmp_by_path);
	size_t *map = xmalloc((b->n + 1) * sizeof(*map));
	unsigned char *covered = xcalloc(a->n + 1, 1);
	for (size_t i = 0; i < b->n; i++) {
		struct by_path key = { b->v[i].path, 0 };
		const struct by_path *hit = b->v[i].path
			? bsearch(&key, v, n, sizeof(*v), cmp_by_path) : NULL;
		map[i] = hit ? hit->digest : (size_t)-1;
		if (hit)
			covered[hit->digest] = 1;
	}
	int whole = 1;
	for (size_t i = 0; i < a->n && whole; i++)
		if (!covered[i] && !a->v[i].bad)
			whole = 0;  /* a post the index does not hold */
	struct search_index *ix = NULL;
	if (whole) {
		ix = search_index_remap(b->search, map, a->n);
		search_index_set_owner(ix, b, free_loaded);
	} else {
		free_loaded(b);
	}
	free(covered);
	free(map);
	free(v);
	return ix;
}
