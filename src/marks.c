/* marks: the triage-mark journals and their merge (see marks.h). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <unistr.h>

#include "fileio.h"
#include "i18n.h"
#include "clock.h"
#include "marks.h"
#include "strmap.h"
#include "util.h"
#include "xdg.h"

#define JOURNAL_HEADER "# digest-tui marks v2\n"
#define MAX_LINE 4096
#define MAX_KEY 2048
#define UNDO_MAX 1000
/* Undo steps a restart keeps (the journal's last ones). */
#define UNDO_KEEP 100
/* A journal is compacted long before this; larger is not ours. */
#define MAX_JOURNAL (256L << 20)
/* "2025-11-28T04:12:00.031250Z"; v1 wrote "2025-11-28T04:12:00Z". */
#define STAMP_LEN 27
#define STAMP_V1_LEN 20
/* 9999-12-31T23:59:59.999999Z: the last time the stamp's shape holds. */
#define MAX_TIME 253402300799999999ULL
/* Bytes before a journal's read offset kept to tell an append from a
 * journal replaced by another one. */
#define TAIL_MAX 48
#define NO_WHO 0xffff
#define MACHINE_MAX 64
#define MACHINE_FILE "machine"
#define V1_NAME "marks"
#define V1_ASIDE ".v1-migrated"
#define MOVED_ASIDE ".moved"

static const char flag_letters[] = "rslh"; /* bit i of the flags */

struct entry {
	char *key;
	unsigned char flags;    /* the merge's marks */
	unsigned char own_mask; /* marks this machine's journal has a line for */
	unsigned char own_val;  /* their values in its newest line */
	uint16_t who[4];        /* each mark's winning line: its machine (names) */
	uint64_t t[4];          /* and its time (µs) */
	uint64_t own_t[4];      /* the time of this machine's newest line */
};

struct undo_item {
	char *key;
	unsigned mask;    /* the flags the change touched */
	unsigned old;     /* their values before it (old & mask) */
};

struct undo_step {
	struct undo_item *v;
	size_t n;
};

/* One journal file as read so far. */
struct journal {
	char *path;
	uint16_t who;           /* index in names */
	unsigned char own;      /* this machine's: written here */
	unsigned char v1;       /* a v1 file: times made increasing as read */
	unsigned char fixed;    /* named at open (not found by a scan) */
	dev_t dev;
	ino_t ino;
	off_t size;             /* the size when last looked at */
	struct timespec mtime;
	off_t offset;           /* bytes read (whole lines) */
	size_t lineno;          /* lines read */
	char tail[TAIL_MAX];    /* the bytes before offset */
	size_t ntail;
	uint64_t prev, prev_raw; /* v1: the last line's time, made and raw */
	int corrupt;            /* holds bad lines */
	size_t bad_first, bad_count;  /* bad lines not yet reported */
	int failed;             /* errno of the last failure reported */
};

/* A directory holding journals, and when it was last listed. */
struct scan_dir {
	char *path;
	ino_t ino;
	struct timespec mtime;
	time_t listed_at;
	int listed;
};

struct marks {
	char *state_dir, *journal_dir, *peers_dir, *lockpath;
	char *machine;     /* NULL: none yet */
	unsigned oflags;
	int fd;            /* this machine's journal, O_APPEND; -1 when not open */
	int lockfd;        /* marks.lock; -1 when there is none */
	int memory_only;   /* no directory: nothing is ever written */
	int prepared;      /* migration done (or tried) */
	struct journal own;
	size_t nlines;     /* mark lines in own (for compaction) */
	int tail_partial;  /* own does not end with a newline */
	size_t own_keys;   /* keys own has a line for */
	uint64_t own_newest;
	unsigned factor;
	size_t min_lines;

	struct journal *peers;
	size_t npeers, peers_cap;
	struct scan_dir dirs[3];
	size_t ndirs;
	char **names;      /* machines; names[0] is "" (the v1 journal) */
	size_t nnames, names_cap;
	uint64_t hlc;      /* the newest time read or written */

	struct strmap index; /* key -> its entry: the number in ents */
	struct entry *ents;  /* in the order their keys were first met */
	size_t nents, ents_cap;
	size_t live;         /* entries with a mark set */
	size_t nflag[4];   /* keys carrying each flag (bit i) */
	unsigned long changes; /* bumped whenever a key's flags change */

	struct undo_step *undo;
	size_t nundo, undo_cap;
	int seeding;       /* own's steps go on the undo stack as read */
};

/* ---- the table ---------------------------------------------------------
 * strmap.h's table indexes the entries, which stay in the order their keys
 * were first met, so that walking them (marks_foreach, compaction) never
 * depends on the table's layout. An entry pointer is valid until the next
 * lookup_add. */

static struct entry *lookup(const struct marks *m, const char *key)
{
	const struct strmap_slot *s = strmap_find(&m->index, key, strlen(key));
	return s ? &m->ents[s->val.num] : NULL;
}

static struct entry *lookup_add(struct marks *m, const char *key, size_t keylen)
{
	if (keylen > MAX_KEY)
		keylen = MAX_KEY;
	int added;
	struct strmap_slot *s = strmap_add(&m->index, key, keylen, &added);
	if (!added)
		return &m->ents[s->val.num];
	ALLOC_GROW(m->ents, m->nents + 1, m->ents_cap);
	struct entry *e = &m->ents[m->nents];
	memset(e, 0, sizeof(*e));
	e->key = xstrndup(key, keylen);
	for (int k = 0; k < 4; k++)
		e->who[k] = NO_WHO;
	s->key = e->key; /* key need not end at keylen, nor outlive the call */
	s->val.num = m->nents++;
	return e;
}

static void entry_set(struct marks *m, struct entry *e, unsigned flags)
{
	flags &= MARK_ALL;
	if (e->flags != flags)
		m->changes++;
	if (!e->flags && flags)
		m->live++;
	else if (e->flags && !flags)
		m->live--;
	for (int i = 0; i < 4; i++)
		if (((e->flags ^ flags) >> i) & 1)
			m->nflag[i] += (flags >> i) & 1 ? 1 : (size_t)-1;
	e->flags = (unsigned char)flags;
}

/* ---- time ------------------------------------------------------------------ */

/* The clock's rule (marks.h): never before anything read or written. */
static uint64_t next_time(struct marks *m)
{
	uint64_t now = (uint64_t)clock_wall_us();
	uint64_t t = now > m->hlc ? now : m->hlc + 1;
	if (t > MAX_TIME)
		t = MAX_TIME;
	m->hlc = t;
	return t;
}

static void format_stamp(uint64_t t, char out[STAMP_LEN + 1])
{
	char buf[64];
	time_t sec = (time_t)(t / 1000000u);
	struct tm tm;
	gmtime_r(&sec, &tm);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%06uZ",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
		 tm.tm_sec, (unsigned)(t % 1000000u));
	memcpy(out, buf, STAMP_LEN);
	out[STAMP_LEN] = '\0';
}

static int digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static unsigned num(const char *s, size_t n)
{
	unsigned v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (unsigned)(s[i] - '0');
	return v;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (y >= 1970). */
static uint64_t days_from_civil(unsigned y, unsigned mo, unsigned d)
{
	y -= mo <= 2;
	unsigned era = y / 400, yoe = y - era * 400;
	unsigned doy = (153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (uint64_t)era * 146097 + doe - 719468;
}

/* Reads a stamp at the start of s: returns its length (STAMP_LEN, or
 * STAMP_V1_LEN for whole seconds) with the time in *t, or 0. */
static size_t parse_stamp(const char *s, size_t len, uint64_t *t)
{
	if (len < STAMP_V1_LEN || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) ||
	    s[7] != '-' || !digits(s + 8, 2) || s[10] != 'T' || !digits(s + 11, 2) ||
	    s[13] != ':' || !digits(s + 14, 2) || s[16] != ':' || !digits(s + 17, 2))
		return 0;
	size_t n;
	unsigned frac = 0;
	if (s[19] == 'Z') {
		n = STAMP_V1_LEN;
	} else if (len >= STAMP_LEN && s[19] == '.' && digits(s + 20, 6) && s[26] == 'Z') {
		n = STAMP_LEN;
		frac = num(s + 20, 6);
	} else {
		return 0;
	}
	unsigned y = num(s, 4), mo = num(s + 5, 2), d = num(s + 8, 2);
	unsigned h = num(s + 11, 2), mi = num(s + 14, 2), se = num(s + 17, 2);
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
		return 0;
	uint64_t secs = days_from_civil(y, mo, d) * 86400u + h * 3600u + mi * 60u + se;
	*t = secs * 1000000u + frac;
	return n;
}

/* ---- small helpers -------------------------------------------------------- */

static int key_valid(const char *key, size_t len)
{
	if (!len || len > MAX_KEY)
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)key[i];
		if (c <= 0x20 || c == 0x7f)
			return 0;
	}
	return u8_check((const uint8_t *)key, len) == NULL;
}

static int flag_bit(char c)
{
	const char *p = c ? strchr(flag_letters, c) : NULL;
	return p ? 1 << (p - flag_letters) : 0;
}

static void add_letters(struct strbuf *sb, unsigned flags)
{
	for (int i = 0; flag_letters[i]; i++)
		if (flags & (1u << i))
			strbuf_addch(sb, flag_letters[i]);
}

/* "+rs-l": the groups of a line's OPS. */
static void add_ops(struct strbuf *sb, unsigned plus, unsigned minus)
{
	if (plus) {
		strbuf_addch(sb, '+');
		add_letters(sb, plus);
	}
	if (minus) {
		strbuf_addch(sb, '-');
		add_letters(sb, minus);
	}
}

/* Blocking: a process holds the lock only for a few writes. */
static int lock_fd(int fd, int op)
{
	if (fd < 0)
		return 0;
	return fileio_lock_fd(fd, op == LOCK_SH, -1);
}

static void unlock_fd(int fd)
{
	fileio_unlock_fd(fd);
}

static char *path_join(const char *dir, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/%s", dir, name);
	return strbuf_detach(&sb, NULL);
}

static uint16_t name_index(struct marks *m, const char *name)
{
	for (size_t i = 0; i < m->nnames; i++)
		if (!strcmp(m->names[i], name))
			return (uint16_t)i;
	if (m->nnames >= NO_WHO - 1)
		return 0; /* thousands of machines: the rest tie as one */
	ALLOC_GROW(m->names, m->nnames, m->names_cap);
	m->names[m->nnames] = xstrdup(name);
	return (uint16_t)m->nnames++;
}

int marks_machine_valid(const char *s, size_t len)
{
	if (!len || len > MACHINE_MAX || s[0] == '-')
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

/* ---- lines -------------------------------------------------------------- */

struct line {
	uint64_t t;
	char kind;            /* 0, '.', '<' or '^' */
	int joins;            /* '&' */
	unsigned set, clear;
	const char *key;
	size_t keylen;
	const char *rest;     /* what follows the stamp and its blank */
	size_t restlen;
};

/* Parses one line (without its newline). Returns 0 for a mark line (a
 * history record too), 1 for a comment or blank line, -1 for a bad line. */
static int parse_line(const char *s, size_t len, struct line *L)
{
	if (len && s[len - 1] == '\r')
		len--;
	if (!len || s[0] == '#')
		return 1;
	if (len > MAX_LINE)
		return -1;
	unsigned char high = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			return -1;
		high |= c;
	}
	if ((high & 0x80) && u8_check((const uint8_t *)s, len))
		return -1;
	size_t i = parse_stamp(s, len, &L->t);
	if (!i || i >= len || s[i] != ' ')
		return -1;
	i++;
	L->rest = s + i;
	L->restlen = len - i;
	L->kind = 0;
	L->joins = 0;
	if (i < len && (s[i] == '.' || s[i] == '<' || s[i] == '^'))
		L->kind = s[i++];
	if (i < len && s[i] == '&') {
		L->joins = 1;
		i++;
	}
	unsigned set = 0, clear = 0;
	int ngroups = 0;
	while (i < len && (s[i] == '+' || s[i] == '-')) {
		int plus = s[i++] == '+';
		size_t start = i;
		while (i < len && flag_bit(s[i])) {
			unsigned b = (unsigned)flag_bit(s[i++]);
			if (plus) {
				set |= b;
				clear &= ~b;
			} else {
				clear |= b;
				set &= ~b;
			}
		}
		if (i == start)
			return -1;
		ngroups++;
	}
	if (!ngroups || i >= len || s[i] != ' ')
		return -1;
	i++;
	if (i >= len || len - i > MAX_KEY || memchr(s + i, ' ', len - i))
		return -1;
	L->set = set;
	L->clear = clear;
	L->key = s + i;
	L->keylen = len - i;
	return 0;
}

/* A v1 journal was replayed in file order: its times are made increasing
 * (the lines of one step keep one time) so that the merge keeps that order. */
static void v1_time(struct journal *j, struct line *L)
{
	uint64_t raw = L->t;
	if (L->joins && raw == j->prev_raw && j->prev)
		L->t = j->prev;
	else if (L->t <= j->prev)
		L->t = j->prev + 1;
	j->prev_raw = raw;
	j->prev = L->t;
}

/* ---- the undo stack ------------------------------------------------------ */

static void free_step(struct undo_step *st)
{
	for (size_t i = 0; i < st->n; i++)
		free(st->v[i].key);
	free(st->v);
}

static void drop_oldest_steps(struct marks *m, size_t n)
{
	if (!n)
		return; /* no stack at all yet: nothing to move */
	for (size_t i = 0; i < n; i++)
		free_step(&m->undo[i]);
	memmove(m->undo, m->undo + n, (m->nundo - n) * sizeof(*m->undo));
	m->nundo -= n;
}

static void clear_undo(struct marks *m)
{
	drop_oldest_steps(m, m->nundo);
}

static void push_undo(struct marks *m, struct undo_item *v, size_t n)
{
	if (!n) {
		free(v);
		return;
	}
	if (m->nundo == UNDO_MAX)
		drop_oldest_steps(m, 1);
	ALLOC_GROW(m->undo, m->nundo, m->undo_cap);
	m->undo[m->nundo].v = v;
	m->undo[m->nundo].n = n;
	m->nundo++;
}

/* A line of this machine's journal in the undo history (marks.h): a
 * decision starts a step or, joined (&), adds to the last one; an undo line
 * (<) takes the last step back; a seen line (.) is no step. A line names
 * only marks it changed, so it tells their values before it too. */
static void seed_undo(struct marks *m, const struct line *L)
{
	char kind = L->kind == '^' ? 0 : L->kind;
	if (kind == '.' || (kind == '<' && L->joins))
		return;
	if (kind == '<') {
		if (m->nundo)
			free_step(&m->undo[--m->nundo]);
		return;
	}
	unsigned mask = L->set | L->clear;
	if (!mask)
		return;
	struct undo_item it = { xstrndup(L->key, L->keylen), mask, L->clear };
	if (L->joins && m->nundo) {
		struct undo_step *st = &m->undo[m->nundo - 1];
		st->v = xrealloc(st->v, (st->n + 1) * sizeof(*st->v));
		st->v[st->n++] = it;
		return;
	}
	/* A long journal: the oldest steps go a hundred at a time, not one
	 * memmove per line. */
	if (m->nundo >= 2 * UNDO_KEEP)
		drop_oldest_steps(m, m->nundo - UNDO_KEEP);
	struct undo_item *v = xmalloc(sizeof(*v));
	*v = it;
	push_undo(m, v, 1);
}

/* ---- the merge ------------------------------------------------------------- */

/* Whether a line of machine who at time t wins mark i of e (marks.h). */
static int wins(const struct marks *m, const struct entry *e, int i, uint64_t t,
		uint16_t who)
{
	if (e->who[i] == NO_WHO || t > e->t[i])
		return 1;
	if (t < e->t[i])
		return 0;
	if (who == e->who[i])
		return 1; /* later in the same journal */
	return strcmp(m->names[who], m->names[e->who[i]]) > 0;
}

/* This machine's newest line per mark, which compaction keeps. */
static void note_own(struct marks *m, struct entry *e, unsigned mask, unsigned values,
		     uint64_t t)
{
	if (!e->own_mask && mask)
		m->own_keys++;
	for (int i = 0; i < 4; i++) {
		unsigned b = 1u << i;
		if (!(mask & b) || ((e->own_mask & b) && t < e->own_t[i]))
			continue;
		e->own_mask |= (unsigned char)b;
		e->own_t[i] = t;
		e->own_val = (unsigned char)((e->own_val & ~b) | (values & b));
	}
	if (t > m->own_newest)
		m->own_newest = t;
}

/* Applies a line's marks to e as the merge rules, from journal j. */
static void merge_marks(struct marks *m, struct entry *e, const struct journal *j,
			unsigned set, unsigned clear, uint64_t t)
{
	unsigned flags = e->flags;
	for (int i = 0; i < 4; i++) {
		unsigned b = 1u << i;
		if (!((set | clear) & b) || !wins(m, e, i, t, j->who))
			continue;
		e->t[i] = t;
		e->who[i] = j->who;
		flags = set & b ? flags | b : flags & ~b;
	}
	entry_set(m, e, flags);
	if (j->own)
		note_own(m, e, set | clear, set, t);
}

static void apply_line(struct marks *m, struct journal *j, struct line *L)
{
	if (j->v1)
		v1_time(j, L);
	if (L->t > m->hlc)
		m->hlc = L->t;
	if (j->own && m->seeding)
		seed_undo(m, L);
	if (L->kind == '^')
		return; /* a step of the history, already in the marks above it */
	merge_marks(m, lookup_add(m, L->key, L->keylen), j, L->set, L->clear, L->t);
}

static void note_bad(struct journal *j)
{
	if (!j->bad_count)
		j->bad_first = j->lineno;
	j->bad_count++;
	j->corrupt = 1;
}

/* Applies the whole lines of buf. A last line without its newline is a
 * write cut short in this machine's journal and in a v1 file (a bad line),
 * and a copy still under way in another machine's (left unread). Returns
 * the bytes used. */
static size_t apply_buffer(struct marks *m, struct journal *j, const char *buf, size_t got)
{
	size_t at = 0;
	while (at < got) {
		const char *nl = memchr(buf + at, '\n', got - at);
		if (!nl && !j->own && !j->v1)
			break;
		size_t end = nl ? (size_t)(nl - buf) : got;
		j->lineno++;
		struct line L;
		/* parse_line checked the key's bytes with the line's. */
		int rc = nl ? parse_line(buf + at, end - at, &L) : -1;
		if (rc == 0)
			apply_line(m, j, &L);
		else if (rc < 0)
			note_bad(j);
		if (j->own) {
			if (rc < 0 || (rc == 0 && L.kind != '^'))
				m->nlines++;
			m->tail_partial = !nl;
		}
		at = nl ? end + 1 : got;
	}
	return at;
}

static void keep_tail(struct journal *j, const char *buf, size_t used)
{
	if (used >= TAIL_MAX) {
		memcpy(j->tail, buf + used - TAIL_MAX, TAIL_MAX);
		j->ntail = TAIL_MAX;
		return;
	}
	size_t keep = j->ntail + used > TAIL_MAX ? TAIL_MAX - used : j->ntail;
	memmove(j->tail, j->tail + j->ntail - keep, keep);
	memcpy(j->tail + keep, buf, used);
	j->ntail = keep + used;
}

/* Reads journal j from its offset to size through fd and applies what it
 * holds. Returns 1 when lines were read, 0 when none, -1 (errno). */
static int read_from(struct marks *m, struct journal *j, int fd, off_t size)
{
	if (size <= j->offset)
		return 0;
	if (size > MAX_JOURNAL) {
		errno = EFBIG;
		return -1;
	}
	size_t want = (size_t)(size - j->offset);
	char *buf = xmalloc(want + 1);
	size_t got = 0;
	while (got < want) {
		ssize_t r = pread(fd, buf + got, want - got, j->offset + (off_t)got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			free(buf);
			errno = e;
			return -1;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	size_t used = apply_buffer(m, j, buf, got);
	j->offset += (off_t)used;
	keep_tail(j, buf, used);
	free(buf);
	return used > 0;
}

static void journal_restart(struct journal *j)
{
	j->offset = 0;
	j->lineno = 0;
	j->ntail = 0;
	j->prev = j->prev_raw = 0;
	j->corrupt = 0;
	j->bad_count = 0;
}

/* ---- this machine's journal ------------------------------------------------ */

static int own_reopen(struct marks *m, int create)
{
	int ro = (m->oflags & MARKS_READONLY) || m->memory_only;
	/* A FIFO or device in the journal's place is refused, never waited
	 * on or read without end. */
	int fd = fileio_open(m->own.path, !ro, create && !ro, !ro, 0600, NULL);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) < 0) {
		close(fd);
		return -1;
	}
	if (m->fd >= 0)
		close(m->fd);
	m->fd = fd;
	m->own.dev = st.st_dev;
	m->own.ino = st.st_ino;
	journal_restart(&m->own);
	m->nlines = 0;
	m->tail_partial = 0;
	/* Another process compacted it: its records are the history now. */
	if (m->seeding)
		clear_undo(m);
	return 0;
}

/* Brings the marks up to date with this machine's journal on disk (the
 * caller holds the lock, or there is none). Returns 1 when lines were read,
 * 0, or -1 (errno). */
static int own_sync(struct marks *m, int create)
{
	if (!m->own.path)
		return 0;
	struct stat st;
	if (m->fd < 0 || stat(m->own.path, &st) < 0 || st.st_dev != m->own.dev ||
	    st.st_ino != m->own.ino) {
		if (own_reopen(m, create) < 0)
			return -1;
	}
	if (fstat(m->fd, &st) < 0)
		return -1;
	return read_from(m, &m->own, m->fd, st.st_size);
}

static int needs_compaction(const struct marks *m)
{
	return m->own.corrupt || m->nlines > (size_t)m->factor * m->own_keys + m->min_lines;
}

/* ---- other machines' journals ------------------------------------------------ */

static struct journal *add_peer(struct marks *m, const char *path, const char *machine,
				int v1, int fixed)
{
	for (size_t i = 0; i < m->npeers; i++)
		if (!strcmp(m->peers[i].path, path))
			return &m->peers[i];
	ALLOC_GROW(m->peers, m->npeers, m->peers_cap);
	struct journal *j = &m->peers[m->npeers++];
	memset(j, 0, sizeof(*j));
	j->path = xstrdup(path);
	j->who = name_index(m, machine);
	j->v1 = (unsigned char)v1;
	j->fixed = (unsigned char)fixed;
	return j;
}

/* Whether the bytes before j's offset are still those read: else the file
 * was replaced by one that is not its continuation. */
static int tail_matches(const struct journal *j, int fd, off_t size)
{
	if (!j->offset)
		return 1;
	if (size < j->offset || !j->ntail)
		return 0;
	char buf[TAIL_MAX];
	ssize_t r = pread(fd, buf, j->ntail, j->offset - (off_t)j->ntail);
	return r == (ssize_t)j->ntail && !memcmp(buf, j->tail, j->ntail);
}

static void report_failure(struct journal *j, int e, struct strbuf *err)
{
	if (j->failed == e)
		return;
	j->failed = e;
	strbuf_addf(err, "%s: ", j->path);
	if (!fileio_add_refusal(err, j->path, e))
		strbuf_addstr(err, strerror(e));
	strbuf_addch(err, '\n');
}

/* Reads what is new in another machine's journal: an append from where it
 * was left, else (replaced by a carrier, compacted) all of it again, which
 * the merge takes as it is. A journal gone keeps what it gave. */
static int peer_read(struct marks *m, struct journal *j, struct strbuf *err)
{
	struct stat st;
	if (stat(j->path, &st) < 0)
		return 0;
	if (st.st_dev == j->dev && st.st_ino == j->ino && st.st_size == j->size &&
	    st.st_mtim.tv_sec == j->mtime.tv_sec && st.st_mtim.tv_nsec == j->mtime.tv_nsec)
		return 0;
	int fd = fileio_open(j->path, 0, 0, 0, 0, NULL);
	if (fd < 0 || fstat(fd, &st) < 0) {
		report_failure(j, errno, err);
		if (fd >= 0)
			close(fd);
		return 0;
	}
	if (!tail_matches(j, fd, st.st_size))
		journal_restart(j);
	int rc = read_from(m, j, fd, st.st_size);
	if (rc < 0)
		report_failure(j, errno, err);
	else
		j->failed = 0;
	close(fd);
	j->dev = st.st_dev;
	j->ino = st.st_ino;
	j->size = st.st_size;
	j->mtime = st.st_mtim;
	return rc > 0;
}

static int peer_name(const char *name, size_t *len)
{
	size_t n = strlen(name);
	if (n <= 6 || strcmp(name + n - 6, ".marks"))
		return 0;
	*len = n - 6;
	return marks_machine_valid(name, n - 6);
}

/* Lists d's journals when it changed (a directory changed in the second of
 * its last listing is listed again: its time cannot tell). */
static void scan_dir(struct marks *m, struct scan_dir *d)
{
	struct stat st;
	if (stat(d->path, &st) < 0)
		return;
	if (d->listed && st.st_ino == d->ino && st.st_mtim.tv_sec == d->mtime.tv_sec &&
	    st.st_mtim.tv_nsec == d->mtime.tv_nsec && st.st_mtim.tv_sec + 1 < d->listed_at)
		return;
	DIR *dir = opendir(d->path);
	if (!dir)
		return;
	d->listed = 1;
	d->ino = st.st_ino;
	d->mtime = st.st_mtim;
	d->listed_at = time(NULL);
	struct dirent *de;
	struct strbuf path = STRBUF_INIT, name = STRBUF_INIT;
	while ((de = readdir(dir))) {
		size_t n;
		if (!peer_name(de->d_name, &n))
			continue;
		strbuf_reset(&name);
		strbuf_add(&name, de->d_name, n);
		if (m->machine && !strcmp(name.buf, m->machine))
			continue; /* this machine's, or a carrier's copy of it */
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", d->path, de->d_name);
		add_peer(m, path.buf, name.buf, 0, 0);
	}
	closedir(dir);
	strbuf_release(&path);
	strbuf_release(&name);
}

static int peers_refresh(struct marks *m, struct strbuf *err)
{
	for (size_t i = 0; i < m->ndirs; i++)
		scan_dir(m, &m->dirs[i]);
	int changed = 0;
	for (size_t i = 0; i < m->npeers; i++)
		changed |= peer_read(m, &m->peers[i], err);
	return changed;
}

static void add_scan_dir(struct marks *m, const char *base)
{
	char *path = path_join(base, "journals");
	for (size_t i = 0; i < m->ndirs; i++) {
		if (!strcmp(m->dirs[i].path, path)) {
			free(path);
			return;
		}
	}
	memset(&m->dirs[m->ndirs], 0, sizeof(m->dirs[0]));
	m->dirs[m->ndirs++].path = path;
}

/* ---- reports ------------------------------------------------------------------ */

static void report_bad(struct marks *m, struct journal *j, struct strbuf *err,
		       const char *backup)
{
	if (!j->bad_count)
		return;
	strbuf_addf(err, "%s:%zu: ", j->path, j->bad_first);
	if (j->bad_count > 1)
		strbuf_addf(err, ngettext("unreadable marks line skipped (%zu bad line in all)",
					  "unreadable marks line skipped (%zu bad lines in all)",
					  (unsigned long)j->bad_count), j->bad_count);
	else
		strbuf_addstr(err, _("unreadable marks line skipped"));
	strbuf_addstr(err, "; ");
	if (backup)
		/* TRANSLATORS: the path of the copy. */
		strbuf_addf(err, _("the original is kept as %s"), backup);
	else if (!j->own || (m->oflags & MARKS_READONLY) || m->memory_only)
		strbuf_addstr(err, _("the file is left as it is"));
	else
		strbuf_addstr(err, _("the original will be kept aside before it is rewritten"));
	strbuf_addch(err, '\n');
	j->bad_count = 0;
}

static void report_all_bad(struct marks *m, struct strbuf *err)
{
	report_bad(m, &m->own, err, NULL);
	for (size_t i = 0; i < m->npeers; i++)
		report_bad(m, &m->peers[i], err, NULL);
}

/* The line "PATH: why[; more]" for a failure with errno e on the journal or
 * the lock file: a FIFO or device there is named as such. more (NULL for
 * none) is what follows from it, translated. */
static void add_file_error(struct strbuf *err, const char *path, int e, const char *more)
{
	strbuf_addf(err, "%s: ", path);
	if (!fileio_add_refusal(err, path, e))
		strbuf_addstr(err, strerror(e));
	if (more)
		strbuf_addf(err, "; %s", more);
	strbuf_addch(err, '\n');
}

/* The line "LOCKPATH: cannot lock: why" for errno. */
static void add_lock_error(const struct marks *m, struct strbuf *err)
{
	strbuf_addf(err, _("%s: cannot lock: %s"), m->lockpath, strerror(errno));
	strbuf_addch(err, '\n');
}

/* ---- compaction ---------------------------------------------------------- */

/* A copy of from as to, a new file: a link, else its bytes. Returns 0, or
 * -1 (errno; EEXIST: to is taken). */
static int copy_file(const char *from, const char *to)
{
	if (link(from, to) == 0)
		return 0;
	if (errno == EEXIST)
		return -1;
	char *data;
	size_t len;
	if (fileio_read(from, MAX_JOURNAL, 0, &data, &len, NULL) < 0)
		return -1;
	int rc = fileio_create(to, data, len, 0600, NULL);
	free(data);
	return rc;
}

/* from renamed to, unless something is there already. Returns 0, or -1
 * (errno; EEXIST: to is taken). */
static int move_file(const char *from, const char *to)
{
	struct stat st;
	if (lstat(to, &st) == 0) {
		errno = EEXIST;
		return -1;
	}
	return errno == ENOENT ? rename(from, to) : -1;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
}

/* Puts path aside as path+suffix, or path+suffix-N when that is taken, by
 * place (copy_file or move_file), and syncs the directory. Returns the new
 * name, or NULL (errno). */
static char *put_aside(const char *path, const char *suffix,
		       int (*place)(const char *from, const char *to))
{
	struct strbuf name = STRBUF_INIT;
	for (int n = 0; n < 100; n++) {
		strbuf_reset(&name);
		strbuf_addf(&name, "%s%s", path, suffix);
		if (n)
			strbuf_addf(&name, "-%d", n);
		if (place(path, name.buf) == 0) {
			char *dir = dir_of(path);
			fileio_sync_dir(dir, NULL);
			free(dir);
			return strbuf_detach(&name, NULL);
		}
		if (errno != EEXIST)
			break;
	}
	strbuf_release(&name);
	return NULL;
}

/* Keeps a copy of path as path.corrupt-YYYYmmddTHHMMSS[-N]. */
static char *keep_backup(const char *path)
{
	time_t t = time(NULL);
	struct tm tm;
	char suffix[48];
	gmtime_r(&t, &tm);
	strftime(suffix, sizeof(suffix), ".corrupt-%Y%m%dT%H%M%S", &tm);
	return put_aside(path, suffix, copy_file);
}

struct kept_line {
	uint64_t t;
	const char *key;
	unsigned set, clear;
};

static int cmp_kept(const void *x, const void *y)
{
	const struct kept_line *a = x, *b = y;
	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	return strcmp(a->key, b->key);
}

/* This machine's newest line per (paper, mark): one line per paper and
 * time, in time order; then the undo records. */
static void compacted_text(const struct marks *m, struct strbuf *out)
{
	struct kept_line *v = xmalloc((4 * m->own_keys + 1) * sizeof(*v));
	size_t n = 0;
	for (size_t i = 0; i < m->nents; i++) {
		const struct entry *e = &m->ents[i];
		if (!e->own_mask)
			continue;
		size_t first = n;
		for (int k = 0; k < 4; k++) {
			unsigned b = 1u << k;
			if (!(e->own_mask & b))
				continue;
			size_t at = first;
			while (at < n && v[at].t != e->own_t[k])
				at++;
			if (at == n)
				v[n++] = (struct kept_line){ e->own_t[k], e->key, 0, 0 };
			if (e->own_val & b)
				v[at].set |= b;
			else
				v[at].clear |= b;
		}
	}
	qsort(v, n, sizeof(*v), cmp_kept);
	char stamp[STAMP_LEN + 1];
	strbuf_addstr(out, JOURNAL_HEADER);
	for (size_t i = 0; i < n; i++) {
		format_stamp(v[i].t, stamp);
		strbuf_addf(out, "%s .", stamp);
		add_ops(out, v[i].set, v[i].clear);
		strbuf_addf(out, " %s\n", v[i].key);
	}
	free(v);
	/* The history `u` needs after a restart: the last steps, as records
	 * that change nothing (at the newest time: they move no clock). */
	format_stamp(m->own_newest ? m->own_newest : m->hlc, stamp);
	for (size_t k = m->nundo > UNDO_KEEP ? m->nundo - UNDO_KEEP : 0; k < m->nundo; k++)
		for (size_t j = 0; j < m->undo[k].n; j++) {
			const struct undo_item *it = &m->undo[k].v[j];
			strbuf_addf(out, "%s ^%s", stamp, j ? "&" : "");
			add_ops(out, it->mask & ~it->old, it->mask & it->old);
			strbuf_addf(out, " %s\n", it->key);
		}
}

/* Caller holds the exclusive lock. */
static int compact_locked(struct marks *m, struct strbuf *err)
{
	/* Catch up (other processes' steps join the history), then read the
	 * whole journal again, so that every bad line is found and counted. */
	if (own_sync(m, 1) < 0) {
		add_file_error(err, m->own.path, errno, NULL);
		return -1;
	}
	int seeding = m->seeding;
	m->seeding = 0; /* the history is the one in memory */
	close(m->fd);
	m->fd = -1;
	m->own.bad_count = 0;
	int rc = 0;
	char *backup = NULL;
	if (own_sync(m, 1) < 0) {
		add_file_error(err, m->own.path, errno, NULL);
		rc = -1;
	} else if (m->own.corrupt && !(backup = keep_backup(m->own.path))) {
		strbuf_addf(err, _("%s: cannot keep a copy of the corrupted marks file (%s); not "
				   "rewriting it"), m->own.path, strerror(errno));
		strbuf_addch(err, '\n');
		rc = -1;
	}
	if (rc == 0) {
		report_bad(m, &m->own, err, backup);
		struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;
		compacted_text(m, &out);
		/* A fresh temporary file (O_EXCL|O_NOFOLLOW) renamed over the
		 * journal: a planted symlink is neither written through nor left
		 * in its place. */
		char *dir = dir_of(m->own.path);
		rc = fileio_replace(dir, strrchr(m->own.path, '/') + 1, out.buf, out.len, 0600, &why);
		if (rc < 0) {
			strbuf_addf(err, _("%s: cannot rewrite the marks file (%s)"), m->own.path,
				    why.buf);
			strbuf_addch(err, '\n');
		}
		free(dir);
		strbuf_release(&why);
		strbuf_release(&out);
		/* Continue with the new file (or the old one when renaming failed). */
		close(m->fd);
		m->fd = -1;
		if (own_sync(m, 1) < 0 && rc == 0) {
			add_file_error(err, m->own.path, errno, NULL);
			rc = -1;
		}
	}
	free(backup);
	m->seeding = seeding;
	return rc;
}

/* ---- migration ------------------------------------------------------------- */

/* The lines of a journal of an earlier place or format, as lines of this
 * machine's journal (v1: times made increasing). Bad lines are counted in
 * rep, which names the file. */
static void convert_lines(const char *data, size_t len, int v1, struct journal *rep,
			  struct strbuf *out)
{
	char stamp[STAMP_LEN + 1];
	rep->v1 = (unsigned char)v1;
	for (size_t at = 0; at < len;) {
		const char *nl = memchr(data + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - data) : len;
		rep->lineno++;
		struct line L;
		int rc = nl ? parse_line(data + at, end - at, &L) : -1;
		if (rc == 0 && key_valid(L.key, L.keylen)) {
			if (v1)
				v1_time(rep, &L);
			format_stamp(L.t, stamp);
			strbuf_addf(out, "%s ", stamp);
			strbuf_add(out, L.rest, L.restlen);
			strbuf_addch(out, '\n');
		} else if (rc != 1) {
			note_bad(rep);
		}
		at = nl ? end + 1 : len;
	}
}

/* The journal's lines after its header (comment lines at the start). */
static const char *journal_body(const char *data, size_t *len)
{
	const char *p = data, *end = data + *len;
	while (p < end && *p == '#') {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	*len = (size_t)(end - p);
	return p;
}

/* Writes this machine's journal as the lines of src (converted) followed by
 * its own lines, unless it already begins with them (a migration redone
 * after a crash). Returns 0 or -1 (errno). */
static int write_migrated(struct marks *m, const struct strbuf *conv)
{
	char *data = NULL;
	size_t len = 0;
	if (fileio_read(m->own.path, MAX_JOURNAL, 0, &data, &len, NULL) < 0 && errno != ENOENT)
		return -1;
	const char *body = data ? journal_body(data, &len) : "";
	int rc = 0;
	if (len < conv->len || memcmp(body, conv->buf, conv->len)) {
		struct strbuf out = STRBUF_INIT;
		strbuf_addstr(&out, JOURNAL_HEADER);
		strbuf_add(&out, conv->buf, conv->len);
		strbuf_add(&out, body, len);
		if (len && body[len - 1] != '\n')
			strbuf_addstr(&out, " (truncated)\n"); /* stays a bad line */
		char *dir = dir_of(m->own.path);
		rc = fileio_replace(dir, strrchr(m->own.path, '/') + 1, out.buf, out.len, 0600, NULL);
		free(dir);
		strbuf_release(&out);
	}
	free(data);
	return rc;
}

/* Moves the journal at src into this machine's journal (marks.h, Migration);
 * src is renamed src+suffix once that is on disk. On failure src stays and
 * is read as it is. */
static void migrate_one(struct marks *m, const char *src, int v1, const char *suffix,
			struct strbuf *err)
{
	char *data;
	size_t len;
	if (fileio_read(src, MAX_JOURNAL, 0, &data, &len, NULL) < 0) {
		if (errno != ENOENT) {
			add_file_error(err, src, errno, _("its marks are not read"));
		}
		return;
	}
	struct journal rep;
	memset(&rep, 0, sizeof(rep));
	rep.path = (char *)src;
	struct strbuf conv = STRBUF_INIT;
	convert_lines(data, len, v1, &rep, &conv);
	free(data);
	char *aside = NULL;
	if (write_migrated(m, &conv) < 0) {
		/* TRANSLATORS: an old marks file, the journal, then why. */
		strbuf_addf(err, _("%s: cannot move its marks into %s (%s); it is kept and read as "
				   "it is"), src, m->own.path, strerror(errno));
		strbuf_addch(err, '\n');
		add_peer(m, src, v1 ? "" : m->machine, v1, 1);
	} else if (!(aside = put_aside(src, suffix, move_file))) {
		/* TRANSLATORS: an old marks file, the journal, then why. */
		strbuf_addf(err, _("%s: its marks are in %s now, but it cannot be renamed (%s)"),
			    src, m->own.path, strerror(errno));
		strbuf_addch(err, '\n');
	}
	report_bad(m, &rep, err, aside ? aside : src);
	free(aside);
	strbuf_release(&conv);
}

/* The journals of an earlier version or place (marks.h). Writable: moved
 * into this machine's journal; else read where they are. */
static void earlier_journals(struct marks *m, int migrate, struct strbuf *err)
{
	char *v1 = path_join(m->state_dir, V1_NAME);
	char *local = NULL;
	if (m->machine) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s/journals/%s.marks", m->state_dir, m->machine);
		local = strbuf_detach(&sb, NULL);
		if (!strcmp(local, m->own.path)) {
			free(local);
			local = NULL; /* this machine's journal is in the state directory */
		}
	}
	struct stat st;
	if (migrate) {
		migrate_one(m, v1, 1, V1_ASIDE, err);
		if (local)
			migrate_one(m, local, 0, MOVED_ASIDE, err);
	} else {
		if (stat(v1, &st) == 0 || errno != ENOENT)
			add_peer(m, v1, "", 1, 1);
		if (local && stat(local, &st) == 0)
			add_peer(m, local, m->machine, 0, 1);
	}
	free(v1);
	free(local);
}

/* ---- the machine's name ----------------------------------------------------- */

/* The host name as a machine name's start: lower case, a-z 0-9 and '-'. */
static void host_part(struct strbuf *out)
{
	char host[256] = "";
	if (gethostname(host, sizeof(host) - 1) < 0)
		host[0] = '\0';
	size_t start = out->len;
	for (const char *s = host; *s && *s != '.' && out->len - start < 32; s++) {
		char c = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			strbuf_addch(out, c);
		else if (out->len > start && out->buf[out->len - 1] != '-')
			strbuf_addch(out, '-');
	}
	while (out->len > start && out->buf[out->len - 1] == '-')
		strbuf_setlen(out, out->len - 1);
	if (out->len == start)
		strbuf_addstr(out, "machine");
}

static void random_bytes(unsigned char *buf, size_t n)
{
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	ssize_t got = fd >= 0 ? read(fd, buf, n) : -1;
	if (fd >= 0)
		close(fd);
	if (got == (ssize_t)n)
		return;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	uint64_t x = (uint64_t)ts.tv_nsec * 2654435761u ^ (uint64_t)getpid() << 20;
	for (size_t i = 0; i < n; i++, x >>= 8)
		buf[i] = (unsigned char)x;
}

/* Makes path hold a new name, unless another process made one first. */
static int make_machine(const char *dir, const char *path, struct strbuf *err)
{
	struct strbuf name = STRBUF_INIT, tmp = STRBUF_INIT;
	unsigned char r[3];
	host_part(&name);
	random_bytes(r, sizeof(r));
	strbuf_addf(&name, "-%02x%02x%02x\n", r[0], r[1], r[2]);
	random_bytes(r, sizeof(r));
	strbuf_addf(&tmp, "%s/.tmp-machine-%ld-%02x%02x%02x", dir, (long)getpid(), r[0], r[1], r[2]);
	int rc = fileio_create(tmp.buf, name.buf, name.len, 0600, err);
	if (rc == 0) {
		/* link() never replaces: the first process's name stays. */
		if (link(tmp.buf, path) < 0 && errno != EEXIST) {
			strbuf_addf(err, "%s: %s", path, strerror(errno));
			rc = -1;
		}
		unlink(tmp.buf);
		fileio_sync_dir(dir, NULL);
	}
	strbuf_release(&tmp);
	strbuf_release(&name);
	return rc;
}

int marks_machine(const char *state_dir, int create, struct strbuf *name,
		  struct strbuf *err)
{
	char *dir = state_dir ? xstrdup(state_dir) : marks_default_dir();
	if (!dir) {
		strbuf_addstr(err, _("no state directory: neither XDG_STATE_HOME nor HOME is set"));
		errno = ENOENT;
		return -1;
	}
	char *path = path_join(dir, MACHINE_FILE);
	int rc = -1;
	for (int tries = 0; tries < 2; tries++) {
		char *data;
		size_t len;
		if (fileio_read(path, 256, 0, &data, &len, NULL) == 0) {
			while (len && (data[len - 1] == '\n' || data[len - 1] == '\r'))
				len--;
			if (marks_machine_valid(data, len)) {
				strbuf_add(name, data, len);
				rc = 0;
			} else {
				strbuf_addf(err, _("%s: not a machine name (1 to 64 of a-z, 0-9 and -); "
						   "remove it to make a new one"), path);
				errno = EINVAL;
			}
			free(data);
			break;
		}
		int e = errno;
		if (e != ENOENT || !create || tries) {
			strbuf_addf(err, "%s: %s", path, strerror(e));
			errno = e;
			break;
		}
		if (fileio_mkdirs(dir, 0700, err) < 0 || make_machine(dir, path, err) < 0)
			break;
	}
	free(path);
	free(dir);
	return rc;
}

/* ---- opening ------------------------------------------------------------ */

char *marks_default_dir(void)
{
	struct strbuf sb = STRBUF_INIT;
	if (xdg_dir("XDG_STATE_HOME", ".local/state", &sb) < 0) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

static void set_machine(struct marks *m, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/journals/%s.marks", m->journal_dir, name);
	m->machine = xstrdup(name);
	m->own.path = strbuf_detach(&sb, NULL);
	m->own.who = name_index(m, name);
	m->own.own = 1;
}

static int open_lock(struct marks *m, int create)
{
	int ro = (m->oflags & MARKS_READONLY) || m->memory_only;
	m->lockfd = fileio_open(m->lockpath, !ro, create && !ro, 0, 0600, NULL);
	return m->lockfd < 0 ? -1 : 0;
}

/* Makes the directories, the machine's name and the lock exist (for
 * writing). */
static int ensure_files(struct marks *m, struct strbuf *err)
{
	if (m->memory_only || (m->lockfd >= 0 && m->machine))
		return 0;
	if (fileio_mkdirs(m->state_dir, 0700, NULL) < 0) {
		strbuf_addf(err, _("%s: cannot create the marks directory: %s"),
			    m->state_dir, strerror(errno));
		strbuf_addch(err, '\n');
		return -1;
	}
	if (!m->machine) {
		struct strbuf name = STRBUF_INIT, why = STRBUF_INIT;
		int rc = marks_machine(m->state_dir, 1, &name, &why);
		if (rc == 0)
			set_machine(m, name.buf);
		else
			strbuf_addf(err, "%s\n", why.buf);
		strbuf_release(&name);
		strbuf_release(&why);
		if (rc < 0)
			return -1;
	}
	char *jdir = dir_of(m->own.path);
	int rc = fileio_mkdirs(jdir, 0700, NULL);
	if (rc < 0) {
		strbuf_addf(err, _("%s: cannot create the journals directory: %s"), jdir,
			    strerror(errno));
		strbuf_addch(err, '\n');
	}
	free(jdir);
	if (rc < 0)
		return -1;
	if (m->lockfd < 0 && open_lock(m, 1) < 0) {
		add_file_error(err, m->lockpath, errno, NULL);
		return -1;
	}
	return 0;
}

static void place_dirs(struct marks *m, const struct marks_place *place)
{
	m->journal_dir = xstrdup(place->journal_dir ? place->journal_dir : m->state_dir);
	m->peers_dir = xstrdup(place->peers_dir ? place->peers_dir : m->journal_dir);
	m->lockpath = path_join(m->state_dir, "marks.lock");
	add_scan_dir(m, m->journal_dir);
	add_scan_dir(m, m->peers_dir);
	add_scan_dir(m, m->state_dir);
}

/* The machine's name: given, else read (made when create). Returns -1
 * with a line in err when writing is impossible without one. */
static int find_machine(struct marks *m, const struct marks_place *place, int create,
			struct strbuf *err)
{
	if (place->machine) {
		set_machine(m, place->machine);
		return 0;
	}
	struct strbuf name = STRBUF_INIT, why = STRBUF_INIT;
	int rc = marks_machine(m->state_dir, create, &name, &why);
	if (rc == 0)
		set_machine(m, name.buf);
	else if (create || errno != ENOENT)
		strbuf_addf(err, "%s\n", why.buf);
	strbuf_release(&name);
	strbuf_release(&why);
	return rc < 0 && create ? -1 : 0;
}

/* Reads every journal (the caller holds the lock, or there is none). */
static void read_all(struct marks *m, int readonly, int create, struct strbuf *err)
{
	if (!readonly && !m->memory_only && m->lockfd >= 0) {
		earlier_journals(m, 1, err);
		m->prepared = 1;
	} else {
		earlier_journals(m, 0, err);
	}
	/* The journal's last decisions become the undo stack, so that `u`
	 * works after a restart (printing modes, read-only, need none). */
	m->seeding = !readonly;
	if (own_sync(m, create) < 0 && (errno != ENOENT || create)) {
		add_file_error(err, m->own.path, errno, readonly ? NULL : _("marks are not saved"));
		if (!readonly)
			m->memory_only = 1;
	} else if (!readonly && !m->memory_only && m->lockfd >= 0 && needs_compaction(m)) {
		compact_locked(m, err);
	}
	peers_refresh(m, err);
	if (m->nundo > UNDO_KEEP)
		drop_oldest_steps(m, m->nundo - UNDO_KEEP);
}

struct marks *marks_open_at(const struct marks_place *place, unsigned flags,
			    struct strbuf *err)
{
	static const struct marks_place defaults;
	if (!place)
		place = &defaults;
	struct marks *m = xcalloc(1, sizeof(*m));
	m->oflags = flags;
	m->fd = -1;
	m->lockfd = -1;
	m->factor = 4;
	m->min_lines = 64;
	name_index(m, ""); /* names[0]: the v1 journal */
	m->state_dir = place->state_dir ? xstrdup(place->state_dir) : marks_default_dir();
	if (!m->state_dir) {
		strbuf_addstr(err, _("marks are not saved: neither XDG_STATE_HOME nor HOME is set"));
		strbuf_addch(err, '\n');
		m->memory_only = 1;
		return m;
	}
	place_dirs(m, place);
	int readonly = !!(flags & MARKS_READONLY);
	int create = !readonly && !(flags & MARKS_NOCREATE);
	if (!create) {
		find_machine(m, place, 0, err);
	} else if (find_machine(m, place, 1, err) < 0 || ensure_files(m, err) < 0) {
		/* Not writable here: read what there is, change in memory. */
		if (err->len && err->buf[err->len - 1] == '\n')
			strbuf_setlen(err, err->len - 1);
		strbuf_addf(err, "; %s\n", _("marks are kept in memory only"));
		m->memory_only = 1;
		readonly = 1;
		create = 0;
	}
	if (m->lockfd < 0)
		open_lock(m, 0); /* read-only, or not created yet: may not exist */
	if (lock_fd(m->lockfd, readonly ? LOCK_SH : LOCK_EX) < 0) {
		add_lock_error(m, err);
		close(m->lockfd);
		m->lockfd = -1;
	}
	read_all(m, readonly, create, err);
	report_all_bad(m, err);
	unlock_fd(m->lockfd);
	return m;
}

struct marks *marks_open(const char *dir, unsigned flags, struct strbuf *err)
{
	struct marks_place place = { dir, NULL, NULL, NULL };
	return marks_open_at(&place, flags, err);
}

void marks_close(struct marks *m)
{
	if (!m)
		return;
	if (m->fd >= 0)
		close(m->fd);
	if (m->lockfd >= 0)
		close(m->lockfd);
	for (size_t i = 0; i < m->nents; i++)
		free(m->ents[i].key);
	free(m->ents);
	strmap_free(&m->index);
	clear_undo(m);
	free(m->undo);
	for (size_t i = 0; i < m->npeers; i++)
		free(m->peers[i].path);
	free(m->peers);
	for (size_t i = 0; i < m->ndirs; i++)
		free(m->dirs[i].path);
	for (size_t i = 0; i < m->nnames; i++)
		free(m->names[i]);
	free(m->names);
	free(m->own.path);
	free(m->machine);
	free(m->state_dir);
	free(m->journal_dir);
	free(m->peers_dir);
	free(m->lockpath);
	free(m);
}

const char *marks_path(const struct marks *m)
{
	return m && !m->memory_only ? m->own.path : NULL;
}

const char *marks_machine_name(const struct marks *m)
{
	return m ? m->machine : NULL;
}

void marks_set_compaction(struct marks *m, unsigned factor, size_t min_lines)
{
	m->factor = factor;
	m->min_lines = min_lines;
}

int marks_snapshot(struct marks *m, struct strbuf *out, struct strbuf *err)
{
	if (!marks_path(m)) {
		strbuf_addstr(err, _("marks are kept in memory only: no journal to copy"));
		strbuf_addch(err, '\n');
		return -1;
	}
	if (lock_fd(m->lockfd, LOCK_SH) < 0) {
		add_lock_error(m, err);
		return -1;
	}
	char *data = NULL;
	size_t len = 0;
	int rc = fileio_read(m->own.path, MAX_JOURNAL, 0, &data, &len, NULL);
	unlock_fd(m->lockfd);
	if (rc < 0 && errno == ENOENT)
		return 0;
	if (rc < 0) {
		add_file_error(err, m->own.path, errno, NULL);
		return -1;
	}
	while (len && data[len - 1] != '\n')
		len--; /* a line a killed writer cut short */
	strbuf_add(out, data, len);
	free(data);
	return 0;
}

/* ---- reading ------------------------------------------------------------ */

size_t marks_count_flag(const struct marks *m, unsigned flag)
{
	for (int i = 0; m && i < 4; i++)
		if (flag == 1u << i)
			return m->nflag[i];
	return 0;
}

unsigned marks_get(const struct marks *m, const char *key)
{
	const struct entry *e = m && key ? lookup(m, key) : NULL;
	return e ? e->flags : 0;
}

void marks_letters(const struct marks *m, const char *key, char out[5])
{
	unsigned f = marks_get(m, key);
	int n = 0;
	for (int i = 0; flag_letters[i]; i++)
		if (f & (1u << i))
			out[n++] = flag_letters[i];
	if (!n)
		out[n++] = '-';
	out[n] = '\0';
}

size_t marks_count(const struct marks *m)
{
	return m ? m->live : 0;
}

void marks_foreach(const struct marks *m,
		   void (*fn)(const char *key, unsigned flags, void *ctx),
		   void *ctx)
{
	for (size_t i = 0; m && i < m->nents; i++)
		if (m->ents[i].flags)
			fn(m->ents[i].key, m->ents[i].flags, ctx);
}

unsigned long marks_changes(const struct marks *m)
{
	return m ? m->changes : 0;
}

size_t marks_undo_depth(const struct marks *m)
{
	return m ? m->nundo : 0;
}

/* Lines this machine's other processes appended, under the shared lock. */
static int own_refresh(struct marks *m, struct strbuf *err)
{
	struct stat st;
	if (!m->own.path || m->memory_only)
		return 0;
	if (stat(m->own.path, &st) < 0 ||
	    (m->fd >= 0 && st.st_dev == m->own.dev && st.st_ino == m->own.ino &&
	     st.st_size == m->own.offset))
		return 0;
	if (m->lockfd < 0)
		open_lock(m, 0);
	if (lock_fd(m->lockfd, LOCK_SH) < 0) {
		add_lock_error(m, err);
		return -1;
	}
	int rc = own_sync(m, 0);
	unlock_fd(m->lockfd);
	if (rc < 0) {
		add_file_error(err, m->own.path, errno, NULL);
		return -1;
	}
	return rc;
}

int marks_refresh(struct marks *m, struct strbuf *err)
{
	if (!m->state_dir)
		return 0;
	int rc = own_refresh(m, err);
	if (rc < 0)
		return -1;
	rc |= peers_refresh(m, err);
	report_all_bad(m, err);
	return rc > 0;
}

/* ---- changing ------------------------------------------------------------ */

/* What a change does to the flags in its mask. */
enum mark_op {
	MARK_OP_SET,
	MARK_OP_CLEAR,
	MARK_OP_FLIP,
	MARK_OP_RESTORE,   /* back to the bits in `old` (undo) */
};

struct change {
	const char *key;
	unsigned mask;
	enum mark_op op;
	unsigned old;    /* for MARK_OP_RESTORE */
};

static unsigned apply_op(const struct change *c, unsigned flags, unsigned mask)
{
	switch (c->op) {
	case MARK_OP_SET:
		return flags | mask;
	case MARK_OP_CLEAR:
		return flags & ~mask;
	case MARK_OP_FLIP:
		return flags ^ mask;
	case MARK_OP_RESTORE:
		return (flags & ~mask) | (c->old & mask);
	}
	return flags;
}

/* Appends nlines mark lines to this machine's journal (the caller holds the
 * lock and has caught up with it) in one write, with the header first in an
 * empty journal. Returns 0, or -1 with a line in err. */
static int append_locked(struct marks *m, const struct strbuf *lines, size_t nlines,
			 struct strbuf *err)
{
	struct strbuf buf = STRBUF_INIT;
	int header = m->own.offset == 0;
	if (header)
		strbuf_addstr(&buf, JOURNAL_HEADER);
	else if (m->tail_partial)
		/* End a line cut short by a crash so that it stays bad (a key
		 * holds no space) instead of becoming a valid mark of a
		 * shortened key. */
		strbuf_addstr(&buf, " (truncated)\n");
	strbuf_add(&buf, lines->buf, lines->len);
	/* One write() of whole lines to an O_APPEND descriptor; one that fails
	 * half-way is cut back to the lines before it. */
	int w = fileio_append(m->fd, buf.buf, buf.len, m->own.offset);
	if (w < 0) {
		strbuf_addf(err, _("%s: marks not saved: %s"), m->own.path, strerror(errno));
		/* Then it ends in a part of a line: the next change reads it as
		 * a bad line, and keeps a copy aside. */
		if (w == -2)
			strbuf_addf(err, "; %s", _("and a part of a line is left at its end, as it "
						   "could not be cut back"));
		strbuf_addch(err, '\n');
	} else {
		keep_tail(&m->own, buf.buf, buf.len);
		m->own.offset += (off_t)buf.len;
		m->own.lineno += nlines + (size_t)header + (size_t)m->tail_partial;
		m->nlines += nlines;
		m->tail_partial = 0;
	}
	strbuf_release(&buf);
	return w < 0 ? -1 : 0;
}

/* Before a change: the files, the lock, the migration, and every line
 * written elsewhere since (the clock and a flip need them). Returns 0 (with
 * *locked set when the lock is held) or -1 (err). */
static int begin_change(struct marks *m, int *locked, struct strbuf *err)
{
	*locked = 0;
	if (m->oflags & MARKS_READONLY) {
		strbuf_addstr(err, _("marks are read-only here"));
		strbuf_addch(err, '\n');
		return -1;
	}
	if (m->memory_only)
		return 0;
	if (ensure_files(m, err) < 0)
		return -1;
	if (lock_fd(m->lockfd, LOCK_EX) < 0) {
		add_lock_error(m, err);
		return -1;
	}
	*locked = 1;
	if (!m->prepared) {
		earlier_journals(m, 1, err);
		m->prepared = 1;
		m->seeding = 1;
	}
	if (own_sync(m, 1) < 0) {
		add_file_error(err, m->own.path, errno, NULL);
		return -1;
	}
	peers_refresh(m, err);
	return 0;
}

/* Applies changes after begin_change: appends the lines of what actually
 * changes in one write at one new time, fsyncs, applies in memory, unlocks.
 * kind is the lines' kind (marks.h): 0 a decision, '.' seen, '<' an undo.
 * When undo is non-NULL it receives what is needed to revert. */
static int write_changes(struct marks *m, const struct change *c, size_t n, char kind,
			 int rc, int locked, struct undo_item **undo, size_t *nundo,
			 struct strbuf *err)
{
	uint64_t t = next_time(m);
	char stamp[STAMP_LEN + 1];
	format_stamp(t, stamp);
	struct strbuf lines = STRBUF_INIT;
	size_t nlines = 0;
	struct undo_item *u = undo ? xmalloc((n + 1) * sizeof(*u)) : NULL;
	size_t nu = 0;
	struct journal *own = &m->own;
	for (size_t i = 0; i < n; i++) {
		struct entry *e = lookup_add(m, c[i].key, strlen(c[i].key));
		unsigned old = e->flags, mask = c[i].mask & MARK_ALL;
		unsigned want = apply_op(&c[i], old, mask);
		if (want == old)
			continue;
		unsigned plus = want & ~old, minus = old & ~want;
		strbuf_addf(&lines, "%s ", stamp);
		if (kind)
			strbuf_addch(&lines, kind);
		/* The later lines of one change join its undo step. */
		if (nlines && kind != '.')
			strbuf_addch(&lines, '&');
		add_ops(&lines, plus, minus);
		strbuf_addf(&lines, " %s\n", e->key);
		nlines++;
		if (u)
			u[nu++] = (struct undo_item){ xstrdup(e->key), plus | minus,
						      old & (plus | minus) };
		merge_marks(m, e, own, plus, minus, t);
	}
	if (locked && rc == 0 && nlines) {
		rc = append_locked(m, &lines, nlines, err);
		if (rc == 0 && needs_compaction(m))
			compact_locked(m, err); /* a failure here loses nothing */
	}
	if (locked)
		unlock_fd(m->lockfd);
	strbuf_release(&lines);
	if (undo) {
		*undo = u;
		*nundo = nu;
	}
	return rc;
}

static int apply_changes(struct marks *m, const struct change *c, size_t n, char kind,
			 struct undo_item **undo, size_t *nundo, struct strbuf *err)
{
	for (size_t i = 0; i < n; i++) {
		if (!c[i].key || !key_valid(c[i].key, strlen(c[i].key))) {
			strbuf_addstr(err, _("not a valid marks key"));
			strbuf_addch(err, '\n');
			return -1;
		}
	}
	int locked;
	int rc = begin_change(m, &locked, err);
	if (rc < 0 && (m->oflags & MARKS_READONLY))
		return -1;
	return write_changes(m, c, n, kind, rc, locked, undo, nundo, err);
}

int marks_set_many(struct marks *m, const char *const *keys, size_t nkeys,
		   unsigned flag, int on, struct strbuf *err)
{
	struct change *c = xmalloc((nkeys + 1) * sizeof(*c));
	for (size_t i = 0; i < nkeys; i++)
		c[i] = (struct change){ keys[i], flag, on ? MARK_OP_SET : MARK_OP_CLEAR, 0 };
	struct undo_item *u = NULL;
	size_t nu = 0;
	int rc = apply_changes(m, c, nkeys, 0, &u, &nu, err);
	free(c);
	push_undo(m, u, nu);
	return rc;
}

int marks_set(struct marks *m, const char *key, unsigned flag, int on,
	      struct strbuf *err)
{
	return marks_set_many(m, &key, 1, flag, on, err);
}

int marks_set_seen(struct marks *m, const char *key, struct strbuf *err)
{
	struct change c = { key, MARK_READ, MARK_OP_SET, 0 };
	return apply_changes(m, &c, 1, '.', NULL, NULL, err);
}

int marks_undo_peek(const struct marks *m, const char **key, unsigned *mask,
		    unsigned *old, size_t *nkeys)
{
	if (!m || !m->nundo)
		return 0;
	const struct undo_step *s = &m->undo[m->nundo - 1];
	*key = s->v[0].key;
	*mask = s->v[0].mask;
	*old = s->v[0].old;
	*nkeys = s->n;
	return 1;
}

int marks_toggle(struct marks *m, const char *key, unsigned flag,
		 struct strbuf *err)
{
	/* The flip happens under the lock, of the marks on disk. */
	struct change c = { key, flag, MARK_OP_FLIP, 0 };
	struct undo_item *u = NULL;
	size_t nu = 0;
	int rc = apply_changes(m, &c, 1, 0, &u, &nu, err);
	push_undo(m, u, nu);
	if (rc < 0)
		return -1;
	return (marks_get(m, key) & flag) ? 1 : 0;
}

int marks_digest_read(struct marks *m, const struct digest *d,
		      struct strbuf *err)
{
	char **keys = xmalloc((d->npapers + 1) * sizeof(*keys));
	for (size_t i = 0; i < d->npapers; i++)
		keys[i] = marks_paper_key(d, &d->papers[i]);
	int rc = marks_set_many(m, (const char *const *)keys, d->npapers,
				MARK_READ, 1, err);
	for (size_t i = 0; i < d->npapers; i++)
		free(keys[i]);
	free(keys);
	return rc;
}

int marks_undo(struct marks *m, struct strbuf *err)
{
	if (m->oflags & MARKS_READONLY)
		return 0; /* a read-only handle keeps no history */
	/* Caught up first: the step on top may be another process's. */
	int locked;
	int rc = begin_change(m, &locked, err);
	if (!m->nundo) {
		if (locked)
			unlock_fd(m->lockfd);
		return rc < 0 ? -1 : 0;
	}
	struct undo_step s = m->undo[--m->nundo];
	struct change *c = xmalloc((s.n + 1) * sizeof(*c));
	for (size_t i = 0; i < s.n; i++)
		c[i] = (struct change){ s.v[i].key, s.v[i].mask, MARK_OP_RESTORE, s.v[i].old };
	rc = write_changes(m, c, s.n, '<', rc, locked, NULL, NULL, err);
	free(c);
	free_step(&s);
	return rc < 0 ? -1 : 1;
}

int marks_compact(struct marks *m, struct strbuf *err)
{
	if (m->memory_only || (m->oflags & MARKS_READONLY))
		return 0;
	int locked;
	if (begin_change(m, &locked, err) < 0) {
		if (locked)
			unlock_fd(m->lockfd);
		return -1;
	}
	int rc = compact_locked(m, err);
	unlock_fd(m->lockfd);
	return rc;
}

/* ---- keys ------------------------------------------------------------------ */

char *marks_paper_key(const struct digest *d, const struct paper *p)
{
	struct strbuf sb = STRBUF_INIT;
	if (p->arxiv_id && key_valid(p->arxiv_id, strlen(p->arxiv_id))) {
		strbuf_addstr(&sb, p->arxiv_id);
	} else if (p->url && *p->url) {
		strbuf_addstr(&sb, "url:");
		for (const unsigned char *s = (const unsigned char *)p->url;
		     *s && sb.len < MAX_KEY - 3; s++) {
			if (*s <= 0x20 || *s >= 0x7f)
				strbuf_addf(&sb, "%%%02X", *s);
			else
				strbuf_addch(&sb, (char)*s);
		}
	} else {
		const char *title = p->title.s ? p->title.s : "";
		uint64_t h = strmap_hash(title, strlen(title));
		const char *date = d && d->date ? d->date : "-";
		strbuf_addstr(&sb, "paper:");
		for (const char *s = date; *s; s++)
			strbuf_addch(&sb, (unsigned char)*s > 0x20 &&
					  (unsigned char)*s < 0x7f ? *s : '_');
		strbuf_addf(&sb, "/%d/%016llx", p->number, (unsigned long long)h);
	}
	return strbuf_detach(&sb, NULL);
}
