/* marks: the triage-mark journal (see marks.h). */
#include "config.h"

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
#include "marks.h"
#include "util.h"

#define JOURNAL_HEADER "# digest-tui marks v1\n"
#define MAX_LINE 4096
#define MAX_KEY 2048
#define UNDO_MAX 1000
/* Undo steps a restart keeps (the journal's last ones). */
#define UNDO_KEEP 100
/* A journal is compacted long before this; larger is not ours. */
#define MAX_JOURNAL (256L << 20)

static const char flag_letters[] = "rslh"; /* bit i of the flags */

struct entry {
	char *key;        /* NULL: empty slot */
	unsigned flags;
	char stamp[21];   /* time of the last change, as written in the journal */
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

struct marks {
	char *dir, *path, *lockpath;
	unsigned oflags;
	int fd;            /* journal, O_APPEND; -1 when not open */
	int lockfd;        /* marks.lock; -1 when there is none */
	int memory_only;   /* no directory: nothing is ever written */
	dev_t dev;
	ino_t ino;
	off_t offset;      /* bytes of the journal replayed */
	size_t lineno;     /* lines of the journal replayed */
	size_t nlines;     /* mark lines in the journal (for compaction) */
	int tail_partial;  /* the journal does not end with a newline */
	int corrupt;       /* the current journal holds bad lines */
	size_t bad_first, bad_count;  /* bad lines not yet reported */
	unsigned factor;
	size_t min_lines;

	struct entry *tab;
	size_t tabcap, tabused, live;
	size_t nflag[4];   /* keys carrying each flag (bit i) */

	struct undo_step *undo;
	size_t nundo, undo_cap;
	int seeding;       /* replaying at open: the journal's steps fill undo */
};

/* ---- the table ---------------------------------------------------------- */

static uint64_t hash_str(const char *s)
{
	uint64_t h = 14695981039346656037ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static struct entry *lookup(const struct marks *m, const char *key)
{
	if (!m->tabcap)
		return NULL;
	size_t mask = m->tabcap - 1;
	for (size_t i = (size_t)hash_str(key) & mask;; i = (i + 1) & mask) {
		struct entry *e = &m->tab[i];
		if (!e->key)
			return NULL;
		if (!strcmp(e->key, key))
			return e;
	}
}

static void table_grow(struct marks *m)
{
	size_t oldcap = m->tabcap;
	struct entry *old = m->tab;
	m->tabcap = oldcap ? oldcap * 2 : 256;
	m->tab = xcalloc(m->tabcap, sizeof(*m->tab));
	size_t mask = m->tabcap - 1;
	for (size_t j = 0; j < oldcap; j++) {
		if (!old[j].key)
			continue;
		size_t i = (size_t)hash_str(old[j].key) & mask;
		while (m->tab[i].key)
			i = (i + 1) & mask;
		m->tab[i] = old[j];
	}
	free(old);
}

static struct entry *lookup_add(struct marks *m, const char *key, size_t keylen)
{
	char tmp[MAX_KEY + 1];
	if (keylen > MAX_KEY)
		keylen = MAX_KEY;
	memcpy(tmp, key, keylen);
	tmp[keylen] = '\0';
	struct entry *e = lookup(m, tmp);
	if (e)
		return e;
	if ((m->tabused + 1) * 4 > m->tabcap * 3)
		table_grow(m);
	size_t mask = m->tabcap - 1;
	size_t i = (size_t)hash_str(tmp) & mask;
	while (m->tab[i].key)
		i = (i + 1) & mask;
	e = &m->tab[i];
	e->key = xstrndup(tmp, keylen);
	e->flags = 0;
	e->stamp[0] = '\0';
	m->tabused++;
	return e;
}

static void entry_set(struct marks *m, struct entry *e, unsigned flags,
		      const char *stamp)
{
	flags &= MARK_ALL;
	if (!e->flags && flags)
		m->live++;
	else if (e->flags && !flags)
		m->live--;
	for (int i = 0; i < 4; i++)
		if (((e->flags ^ flags) >> i) & 1)
			m->nflag[i] += (flags >> i) & 1 ? 1 : (size_t)-1;
	e->flags = flags;
	if (stamp) {
		memcpy(e->stamp, stamp, 20);
		e->stamp[20] = '\0';
	}
}

static void table_clear_flags(struct marks *m)
{
	for (size_t i = 0; i < m->tabcap; i++)
		m->tab[i].flags = 0;
	m->live = 0;
	memset(m->nflag, 0, sizeof(m->nflag));
}

/* ---- small helpers -------------------------------------------------------- */

static void now_stamp(char out[21])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

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

/* Blocking: an instance holds the lock only for a few writes. */
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

/* ---- parsing and replaying -------------------------------------------------- */

static void push_undo(struct marks *m, struct undo_item *v, size_t n);
static void drop_oldest_steps(struct marks *m, size_t n);

/* At open, a journal line's part in the undo history (see marks.h for the
 * kinds): a decision starts a step or, joined (&), adds to the last one; an
 * undo line (<) takes the last step back; a seen line (.) is no step. */
static void seed_undo(struct marks *m, char kind, int joins, const char *key,
		      size_t keylen, unsigned mask, unsigned old)
{
	if (kind == '.' || (kind == '<' && joins))
		return;
	if (kind == '<') {
		if (m->nundo) {
			struct undo_step *st = &m->undo[--m->nundo];
			for (size_t i = 0; i < st->n; i++)
				free(st->v[i].key);
			free(st->v);
		}
		return;
	}
	if (!mask)
		return;
	struct undo_item it = { xstrndup(key, keylen), mask, old & mask };
	if (joins && m->nundo) {
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

static int digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int stamp_valid(const char *s)
{
	return digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' &&
	       digits(s + 8, 2) && s[10] == 'T' && digits(s + 11, 2) &&
	       s[13] == ':' && digits(s + 14, 2) && s[16] == ':' &&
	       digits(s + 17, 2) && s[19] == 'Z';
}

/* Parses and applies one line (without its newline). Returns 0 for a mark
 * line, 1 for a comment, blank line or history record (^: it changes
 * nothing, so compaction does not count it), -1 for a bad line. */
static int apply_line(struct marks *m, const char *s, size_t len)
{
	if (len && s[len - 1] == '\r')
		len--;
	if (!len || s[0] == '#')
		return 1;
	if (len > MAX_LINE || u8_check((const uint8_t *)s, len))
		return -1;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return -1;
	if (len < 24 || !stamp_valid(s) || s[20] != ' ')
		return -1;
	size_t i = 21;
	char kind = 0;
	int joins = 0;
	if (i < len && (s[i] == '.' || s[i] == '<' || s[i] == '^'))
		kind = s[i++];
	if (i < len && s[i] == '&') {
		joins = 1;
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
	if (!key_valid(s + i, len - i))
		return -1;
	if (kind == '^') {
		/* A step of the history, already in the marks above it. */
		if (m->seeding)
			seed_undo(m, 0, joins, s + i, len - i, set | clear, clear);
		return 1;
	}
	struct entry *e = lookup_add(m, s + i, len - i);
	unsigned old = e->flags, now = (old | set) & ~clear;
	entry_set(m, e, now, s);
	if (m->seeding)
		seed_undo(m, kind, joins, s + i, len - i, old ^ now, old);
	return 0;
}

static void note_bad(struct marks *m, size_t line)
{
	if (!m->bad_count)
		m->bad_first = line;
	m->bad_count++;
	m->corrupt = 1;
}

/* Replays the journal from m->offset to its end. Returns 0 or -1. */
static int replay(struct marks *m)
{
	struct stat st;
	if (fstat(m->fd, &st) < 0)
		return -1;
	if (st.st_size <= m->offset)
		return 0;
	if (st.st_size > MAX_JOURNAL) {
		errno = EFBIG;
		return -1;
	}
	size_t want = (size_t)(st.st_size - m->offset);
	char *buf = xmalloc(want + 1);
	size_t got = 0;
	while (got < want) {
		ssize_t r = pread(m->fd, buf + got, want - got, m->offset + (off_t)got);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			free(buf);
			errno = e;
			return -1;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	size_t at = 0;
	while (at < got) {
		char *nl = memchr(buf + at, '\n', got - at);
		size_t end = nl ? (size_t)(nl - buf) : got;
		m->lineno++;
		/* A line ending at EOF without a newline is a truncated write. */
		int rc = nl ? apply_line(m, buf + at, end - at) : -1;
		if (rc < 0)
			note_bad(m, m->lineno);
		if (rc <= 0)
			m->nlines++;
		at = nl ? end + 1 : got;
		m->tail_partial = !nl;
	}
	m->offset += (off_t)got;
	free(buf);
	return 0;
}

static void report_bad(struct marks *m, struct strbuf *err, const char *backup)
{
	if (!m->bad_count)
		return;
	strbuf_addf(err, "%s:%zu: unreadable marks line skipped", m->path,
		    m->bad_first);
	if (m->bad_count > 1)
		strbuf_addf(err, " (%zu bad lines in all)", m->bad_count);
	if (backup)
		strbuf_addf(err, "; the original is kept as %s", backup);
	else if (m->oflags & MARKS_READONLY)
		strbuf_addstr(err, "; the file is left as it is");
	else
		strbuf_addstr(err, "; the original will be kept aside before it is rewritten");
	strbuf_addch(err, '\n');
	m->bad_count = 0;
}

/* The line "PATH: why[more]" for a failure with errno e on the journal or
 * the lock file: a FIFO or device there is named as such. */
static void add_file_error(struct strbuf *err, const char *path, int e, const char *more)
{
	strbuf_addf(err, "%s: ", path);
	if (!fileio_add_refusal(err, path, e))
		strbuf_addstr(err, strerror(e));
	strbuf_addf(err, "%s\n", more);
}

static int open_journal(struct marks *m, int create)
{
	int ro = (m->oflags & MARKS_READONLY) || m->memory_only;
	/* A FIFO or device in the journal's place is refused, never waited
	 * on or read without end. */
	int fd = fileio_open(m->path, !ro, create && !ro, !ro, 0600, NULL);
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
	m->dev = st.st_dev;
	m->ino = st.st_ino;
	m->offset = 0;
	m->lineno = 0;
	m->nlines = 0;
	m->tail_partial = 0;
	m->corrupt = 0;
	return 0;
}

/* Brings the in-memory marks up to date with the journal on disk (caller
 * holds the lock, or there is none). Returns 1 when the journal was replaced
 * (compacted by another instance) and replayed from the start, 0, or -1. */
static int sync_locked(struct marks *m, int create)
{
	struct stat st;
	int replaced = 0;
	if (m->fd < 0 || stat(m->path, &st) < 0 || st.st_dev != m->dev ||
	    st.st_ino != m->ino) {
		if (open_journal(m, create) < 0)
			return -1;
		table_clear_flags(m);
		replaced = 1;
	}
	if (replay(m) < 0)
		return -1;
	return replaced;
}

static int needs_compaction(const struct marks *m)
{
	return m->corrupt || m->nlines > (size_t)m->factor * m->live + m->min_lines;
}

/* ---- compaction ---------------------------------------------------------- */

static int copy_file(const char *from, const char *to)
{
	char *data;
	size_t len;
	if (fileio_read(from, MAX_JOURNAL, 0, &data, &len, NULL) < 0)
		return -1;
	int rc = fileio_create(to, data, len, 0600, NULL);
	free(data);
	return rc;
}

/* Keeps the current journal as marks.corrupt-YYYYmmddTHHMMSS[-N]. */
static char *keep_backup(struct marks *m)
{
	time_t t = time(NULL);
	struct tm tm;
	char stamp[32];
	gmtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%S", &tm);
	struct strbuf name = STRBUF_INIT;
	for (int n = 0; n < 100; n++) {
		strbuf_reset(&name);
		strbuf_addf(&name, "%s.corrupt-%s", m->path, stamp);
		if (n)
			strbuf_addf(&name, "-%d", n);
		if (link(m->path, name.buf) == 0 ||
		    (errno != EEXIST && copy_file(m->path, name.buf) == 0)) {
			fileio_sync_dir(m->dir, NULL);
			return strbuf_detach(&name, NULL);
		}
		if (errno != EEXIST)
			break;
	}
	strbuf_release(&name);
	return NULL;
}

static int cmp_entry_ptr(const void *x, const void *y)
{
	const struct entry *a = *(const struct entry *const *)x;
	const struct entry *b = *(const struct entry *const *)y;
	return strcmp(a->key, b->key);
}

/* Caller holds the exclusive lock. */
static int compact_locked(struct marks *m, struct strbuf *err)
{
	/* Start from the whole journal, so every instance's lines count. */
	if (m->fd >= 0)
		close(m->fd);
	m->fd = -1;
	m->bad_count = 0;
	if (sync_locked(m, 1) < 0) {
		add_file_error(err, m->path, errno, "");
		return -1;
	}
	char *backup = NULL;
	if (m->corrupt) {
		backup = keep_backup(m);
		if (!backup) {
			strbuf_addf(err, "%s: cannot keep a copy of the corrupted marks file (%s); not rewriting it\n",
				    m->path, strerror(errno));
			return -1;
		}
	}
	report_bad(m, err, backup);
	free(backup);

	struct entry **live = xmalloc((m->live + 1) * sizeof(*live));
	size_t n = 0;
	for (size_t i = 0; i < m->tabcap; i++)
		if (m->tab[i].key && m->tab[i].flags)
			live[n++] = &m->tab[i];
	qsort(live, n, sizeof(*live), cmp_entry_ptr);
	struct strbuf out = STRBUF_INIT;
	strbuf_addstr(&out, JOURNAL_HEADER);
	char now[21];
	now_stamp(now);
	/* The marks as they are, then the history `u` needs after a restart:
	 * this handle's last steps, as records that change nothing. */
	for (size_t i = 0; i < n; i++) {
		strbuf_addf(&out, "%s .+", live[i]->stamp[0] ? live[i]->stamp : now);
		add_letters(&out, live[i]->flags);
		strbuf_addf(&out, " %s\n", live[i]->key);
	}
	free(live);
	for (size_t k = m->nundo > UNDO_KEEP ? m->nundo - UNDO_KEEP : 0; k < m->nundo; k++)
		for (size_t j = 0; j < m->undo[k].n; j++) {
			const struct undo_item *it = &m->undo[k].v[j];
			strbuf_addf(&out, "%s ^%s", now, j ? "&" : "");
			add_ops(&out, it->mask & ~it->old, it->mask & it->old);
			strbuf_addf(&out, " %s\n", it->key);
		}

	/* A fresh temporary file (O_EXCL|O_NOFOLLOW) renamed over the journal:
	 * a planted symlink is neither written through nor left as "marks". */
	struct strbuf why = STRBUF_INIT;
	int rc = fileio_replace(m->dir, "marks", out.buf, out.len, 0600, &why);
	if (rc < 0)
		strbuf_addf(err, "%s: cannot rewrite the marks file (%s)\n", m->path, why.buf);
	strbuf_release(&why);
	strbuf_release(&out);
	/* Continue with the new file (or the old one when renaming failed). */
	close(m->fd);
	m->fd = -1;
	if (sync_locked(m, 1) < 0 && rc == 0) {
		add_file_error(err, m->path, errno, "");
		rc = -1;
	}
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

static int open_lock(struct marks *m, int create)
{
	int ro = (m->oflags & MARKS_READONLY) || m->memory_only;
	m->lockfd = fileio_open(m->lockpath, !ro, create && !ro, 0, 0600, NULL);
	return m->lockfd < 0 ? -1 : 0;
}

/* Makes the directory, lock and journal exist (for writing). */
static int ensure_files(struct marks *m, struct strbuf *err)
{
	if (m->memory_only)
		return 0;
	if (m->lockfd >= 0 && m->fd >= 0)
		return 0;
	if (fileio_mkdirs(m->dir, 0700, NULL) < 0) {
		strbuf_addf(err, "%s: cannot create the marks directory: %s\n",
			    m->dir, strerror(errno));
		return -1;
	}
	if (m->lockfd < 0 && open_lock(m, 1) < 0) {
		add_file_error(err, m->lockpath, errno, "");
		return -1;
	}
	return 0;
}

struct marks *marks_open(const char *dir, unsigned flags, struct strbuf *err)
{
	struct marks *m = xcalloc(1, sizeof(*m));
	m->oflags = flags;
	m->fd = -1;
	m->lockfd = -1;
	m->factor = 4;
	m->min_lines = 64;
	m->dir = dir ? xstrdup(dir) : marks_default_dir();
	if (!m->dir) {
		strbuf_addstr(err, "marks are not saved: neither XDG_STATE_HOME nor HOME is set\n");
		m->memory_only = 1;
		return m;
	}
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/marks", m->dir);
	m->path = strbuf_detach(&sb, NULL);
	strbuf_addf(&sb, "%s/marks.lock", m->dir);
	m->lockpath = strbuf_detach(&sb, NULL);

	int readonly = !!(flags & MARKS_READONLY);
	int create = !readonly && !(flags & MARKS_NOCREATE);
	if (create && ensure_files(m, err) < 0) {
		/* Not writable here: read what there is, change in memory. */
		if (err->len && err->buf[err->len - 1] == '\n')
			strbuf_setlen(err, err->len - 1);
		strbuf_addstr(err, "; marks are kept in memory only\n");
		m->memory_only = 1;
		readonly = 1;
		create = 0;
	}
	if (m->lockfd < 0)
		open_lock(m, 0); /* read-only, or not created yet: may not exist */

	if (lock_fd(m->lockfd, readonly ? LOCK_SH : LOCK_EX) < 0) {
		strbuf_addf(err, "%s: cannot lock: %s\n", m->lockpath, strerror(errno));
		close(m->lockfd);
		m->lockfd = -1;
	}
	/* The journal's last decisions become the undo stack, so that `u`
	 * works after a restart (printing modes, read-only, need none). */
	m->seeding = !readonly;
	int synced = sync_locked(m, create);
	m->seeding = 0;
	if (m->nundo > UNDO_KEEP)
		drop_oldest_steps(m, m->nundo - UNDO_KEEP);
	if (synced < 0) {
		if (errno != ENOENT || create) {
			add_file_error(err, m->path, errno,
				       readonly ? "" : "; marks are not saved");
			if (!readonly)
				m->memory_only = 1;
		}
	} else if (!readonly && !m->memory_only && m->lockfd >= 0 &&
		   needs_compaction(m)) {
		compact_locked(m, err);
	}
	report_bad(m, err, NULL);
	unlock_fd(m->lockfd);
	return m;
}

void marks_close(struct marks *m)
{
	if (!m)
		return;
	if (m->fd >= 0)
		close(m->fd);
	if (m->lockfd >= 0)
		close(m->lockfd);
	for (size_t i = 0; i < m->tabcap; i++)
		free(m->tab[i].key);
	free(m->tab);
	for (size_t i = 0; i < m->nundo; i++) {
		for (size_t j = 0; j < m->undo[i].n; j++)
			free(m->undo[i].v[j].key);
		free(m->undo[i].v);
	}
	free(m->undo);
	free(m->dir);
	free(m->path);
	free(m->lockpath);
	free(m);
}

const char *marks_path(const struct marks *m)
{
	return m && !m->memory_only ? m->path : NULL;
}

void marks_set_compaction(struct marks *m, unsigned factor, size_t min_lines)
{
	m->factor = factor;
	m->min_lines = min_lines;
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
	for (size_t i = 0; m && i < m->tabcap; i++)
		if (m->tab[i].key && m->tab[i].flags)
			fn(m->tab[i].key, m->tab[i].flags, ctx);
}

size_t marks_undo_depth(const struct marks *m)
{
	return m ? m->nundo : 0;
}

int marks_refresh(struct marks *m, struct strbuf *err)
{
	if (m->memory_only)
		return 0;
	struct stat st;
	if (m->fd >= 0 && stat(m->path, &st) == 0 && st.st_dev == m->dev &&
	    st.st_ino == m->ino && st.st_size == m->offset)
		return 0;
	if (m->fd < 0 && stat(m->path, &st) < 0)
		return 0;
	if (m->lockfd < 0)
		open_lock(m, 0);
	if (lock_fd(m->lockfd, LOCK_SH) < 0) {
		strbuf_addf(err, "%s: cannot lock: %s\n", m->lockpath, strerror(errno));
		return -1;
	}
	int rc = sync_locked(m, 0);
	unlock_fd(m->lockfd);
	if (rc < 0) {
		add_file_error(err, m->path, errno, "");
		return -1;
	}
	report_bad(m, err, NULL);
	return 1;
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

static void drop_oldest_steps(struct marks *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < m->undo[i].n; j++)
			free(m->undo[i].v[j].key);
		free(m->undo[i].v);
	}
	memmove(m->undo, m->undo + n, (m->nundo - n) * sizeof(*m->undo));
	m->nundo -= n;
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

/* Appends nlines mark lines to the journal (the caller holds the lock and
 * has caught up with it) in one write, with the header first in an empty
 * journal. Returns 0, or -1 with a line in err. */
static int append_locked(struct marks *m, const struct strbuf *lines, size_t nlines,
			 struct strbuf *err)
{
	struct strbuf buf = STRBUF_INIT;
	int header = m->offset == 0;
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
	int w = fileio_append(m->fd, buf.buf, buf.len, m->offset);
	if (w < 0) {
		strbuf_addf(err, "%s: marks not saved: %s", m->path, strerror(errno));
		/* Then it ends in a part of a line: the next change reads it as
		 * a bad line, and keeps a copy aside. */
		if (w == -2)
			strbuf_addstr(err, "; and a part of a line is left at its end, "
				      "as it could not be cut back");
		strbuf_addch(err, '\n');
	} else {
		m->offset += (off_t)buf.len;
		m->lineno += nlines + (size_t)header;
		m->nlines += nlines;
		m->tail_partial = 0;
	}
	strbuf_release(&buf);
	return w < 0 ? -1 : 0;
}

/* Applies changes: under the lock, catches up with the journal, appends the
 * lines of what actually changes in one write, fsyncs, applies in memory.
 * kind is the lines' kind (marks.h): 0 a decision, '.' seen, '<' an undo.
 * When undo is non-NULL it receives what is needed to revert. */
static int apply_changes(struct marks *m, const struct change *c, size_t n, char kind,
			 struct undo_item **undo, size_t *nundo,
			 struct strbuf *err)
{
	if (m->oflags & MARKS_READONLY) {
		strbuf_addstr(err, "marks are read-only here\n");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (!c[i].key || !key_valid(c[i].key, strlen(c[i].key))) {
			strbuf_addstr(err, "not a valid marks key\n");
			return -1;
		}
	}
	int rc = 0, locked = 0;
	if (!m->memory_only) {
		if (ensure_files(m, err) < 0) {
			rc = -1;
		} else if (lock_fd(m->lockfd, LOCK_EX) < 0) {
			strbuf_addf(err, "%s: cannot lock: %s\n", m->lockpath,
				    strerror(errno));
			rc = -1;
		} else {
			locked = 1;
			if (sync_locked(m, 1) < 0) {
				add_file_error(err, m->path, errno, "");
				rc = -1;
			}
		}
	}

	char stamp[21];
	now_stamp(stamp);
	struct strbuf lines = STRBUF_INIT;
	size_t nlines = 0;
	struct undo_item *u = undo ? xmalloc((n + 1) * sizeof(*u)) : NULL;
	size_t nu = 0;
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
		if (u) {
			u[nu].key = xstrdup(e->key);
			u[nu].mask = plus | minus;
			u[nu].old = old & (plus | minus);
			nu++;
		}
		entry_set(m, e, want, stamp);
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
	/* The flip happens under the lock, of the state on disk. */
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
	if (!m->nundo)
		return 0;
	struct undo_step *s = &m->undo[m->nundo - 1];
	struct change *c = xmalloc((s->n + 1) * sizeof(*c));
	for (size_t i = 0; i < s->n; i++)
		c[i] = (struct change){ s->v[i].key, s->v[i].mask, MARK_OP_RESTORE, s->v[i].old };
	int rc = apply_changes(m, c, s->n, '<', NULL, NULL, err);
	free(c);
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].key);
	free(s->v);
	m->nundo--;
	return rc < 0 ? -1 : 1;
}

int marks_compact(struct marks *m, struct strbuf *err)
{
	if (m->memory_only || (m->oflags & MARKS_READONLY))
		return 0;
	if (ensure_files(m, err) < 0)
		return -1;
	if (lock_fd(m->lockfd, LOCK_EX) < 0) {
		strbuf_addf(err, "%s: cannot lock: %s\n", m->lockpath, strerror(errno));
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
		uint64_t h = hash_str(p->title.s ? p->title.s : "");
		const char *date = d && d->date ? d->date : "-";
		strbuf_addstr(&sb, "paper:");
		for (const char *s = date; *s; s++)
			strbuf_addch(&sb, (unsigned char)*s > 0x20 &&
					  (unsigned char)*s < 0x7f ? *s : '_');
		strbuf_addf(&sb, "/%d/%016llx", p->number, (unsigned long long)h);
	}
	return strbuf_detach(&sb, NULL);
}
