/* seen: the digests this user has seen and the reader has known (see
 * seen.h). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "i18n.h"
#include "marks.h"
#include "seen.h"
#include "util.h"

#define SEEN_HEADER "# digest-tui seen digests v1"
#define DATE_LEN 10

struct entry {
	char date[DATE_LEN + 1];
	unsigned char flags;
};

struct seen {
	char *dir;                 /* NULL: in memory only */
	char *path;
	struct entry *v;           /* sorted by date */
	size_t n, cap;
	int first_run;             /* the next seen_learn with dates is the baseline */
	int dirty;                 /* changed since read or saved */
};

/* Whether s starts with a date YYYY-MM-DD (month 01-12, day 01-31). */
static int is_date(const char *s, size_t len)
{
	if (!s || len < DATE_LEN)
		return 0;
	for (int i = 0; i < DATE_LEN; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0;
	int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
	return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static int valid(const char *date)
{
	return date && strlen(date) == DATE_LEN && is_date(date, DATE_LEN);
}

/* The index of date, or where it would go (*found 0). */
static size_t find(const struct seen *s, const char *date, int *found)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = memcmp(s->v[mid].date, date, DATE_LEN);
		if (!c) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = 0;
	return lo;
}

/* Sets flags on date (added when new): returns the bits it did not have. */
static unsigned add(struct seen *s, const char *date, unsigned flags)
{
	int found;
	size_t i = find(s, date, &found);
	if (!found) {
		ALLOC_GROW(s->v, s->n, s->cap);
		memmove(&s->v[i + 1], &s->v[i], (s->n - i) * sizeof(*s->v));
		memcpy(s->v[i].date, date, DATE_LEN);
		s->v[i].date[DATE_LEN] = '\0';
		s->v[i].flags = 0;
		s->n++;
	}
	unsigned added = flags & ~(unsigned)s->v[i].flags;
	s->v[i].flags |= (unsigned char)flags;
	return added;
}

/* Takes the lines of a file: 0, or -1 when it is not one (no header).
 * *bad_line: the first line skipped (0: none), *nbad how many. */
static int parse(struct seen *s, const char *data, size_t len, size_t *bad_line, size_t *nbad)
{
	size_t hl = strlen(SEEN_HEADER), lineno = 2; /* the header is line 1 */
	if (len < hl || memcmp(data, SEEN_HEADER, hl) || (len > hl && data[hl] != '\n'))
		return -1;
	for (const char *p = data + hl + (len > hl), *end = data + len; p < end; lineno++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (l == DATE_LEN + 2 && is_date(p, l) && p[DATE_LEN] == ' ' &&
		    (p[DATE_LEN + 1] == 's' || p[DATE_LEN + 1] == 'k')) {
			char date[DATE_LEN + 1];
			memcpy(date, p, DATE_LEN);
			date[DATE_LEN] = '\0';
			add(s, date, p[DATE_LEN + 1] == 's' ? SEEN_SEEN | SEEN_KNOWN : SEEN_KNOWN);
		} else if (l) {
			if (!*bad_line)
				*bad_line = lineno;
			++*nbad;
		}
		p += l + 1;
	}
	return 0;
}

/* Reads the file into s. Returns 1 when a good file was read, 0 when there
 * is none (or it is bad: said in err). */
static int load(struct seen *s, struct strbuf *err)
{
	char *data = NULL;
	size_t len = 0, bad_line = 0, nbad = 0;
	if (fileio_read(s->path, SEEN_FILE_MAX, FILEIO_NOFOLLOW, &data, &len, NULL) < 0) {
		if (errno != ENOENT && err)
			strbuf_addf(err, _("%s: cannot read: %s; what is new starts afresh"), s->path,
				    strerror(errno));
		return 0;
	}
	int rc = parse(s, data, len, &bad_line, &nbad);
	free(data);
	if (rc < 0) {
		s->n = 0;
		if (err)
			strbuf_addf(err, _("%s: not a file of seen digests; what is new starts afresh"),
				    s->path);
		return 0;
	}
	if (nbad && err)
		/* TRANSLATORS: the file, the first bad line's number, then how
		 * many lines are bad. */
		strbuf_addf(err, ngettext("%s:%zu: %zu bad line skipped", "%s:%zu: %zu bad lines skipped",
					  (unsigned long)nbad), s->path, bad_line, nbad);
	return 1;
}

struct seen *seen_open(const char *dir, struct strbuf *err)
{
	struct seen *s = xcalloc(1, sizeof(*s));
	s->dir = dir ? xstrdup(dir) : marks_default_dir();
	if (s->dir) {
		struct strbuf p = STRBUF_INIT;
		strbuf_addf(&p, "%s/%s", s->dir, SEEN_FILE);
		s->path = strbuf_detach(&p, NULL);
	}
	s->first_run = !s->path || !load(s, err);
	return s;
}

void seen_close(struct seen *s)
{
	if (!s)
		return;
	free(s->dir);
	free(s->path);
	free(s->v);
	free(s);
}

int seen_first_run(const struct seen *s)
{
	return s->first_run;
}

const char *seen_path(const struct seen *s)
{
	return s->path;
}

unsigned seen_get(const struct seen *s, const char *date)
{
	int found;
	if (!valid(date))
		return 0;
	size_t i = find(s, date, &found);
	return found ? s->v[i].flags : 0;
}

size_t seen_count(const struct seen *s, unsigned flags)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n; i++)
		n += (s->v[i].flags & flags) == flags;
	return n;
}

size_t seen_learn(struct seen *s, const char *const *dates, size_t n, unsigned char *fresh)
{
	size_t nnew = 0;
	int baseline = 0;
	for (size_t i = 0; s->first_run && i < n && !baseline; i++)
		baseline = valid(dates[i]);
	for (size_t i = 0; i < n; i++) {
		if (fresh)
			fresh[i] = 0;
		if (!valid(dates[i]) || (seen_get(s, dates[i]) & (SEEN_KNOWN | SEEN_SEEN | SEEN_NEW)))
			continue;
		/* A new date is not known: unless the user sees it, it is new
		 * again next session. */
		add(s, dates[i], baseline ? SEEN_KNOWN : SEEN_NEW);
		s->dirty = 1;
		if (!baseline) {
			nnew++;
			if (fresh)
				fresh[i] = 1;
		}
	}
	if (baseline)
		s->first_run = 0;
	return nnew;
}

int seen_mark_seen(struct seen *s, const char *date)
{
	if (!valid(date) || !(add(s, date, SEEN_SEEN | SEEN_KNOWN) & SEEN_SEEN))
		return 0;
	s->dirty = 1;
	return 1;
}

int seen_save(struct seen *s, struct strbuf *err)
{
	if (!s->dirty || !s->path)
		return 0;
	/* What another instance saved meanwhile joins ours: both only grow. */
	struct seen disk = { .path = s->path };
	size_t bad_line = 0, nbad = 0;
	char *data = NULL;
	size_t len = 0;
	if (fileio_read(s->path, SEEN_FILE_MAX, FILEIO_NOFOLLOW, &data, &len, NULL) == 0 &&
	    parse(&disk, data, len, &bad_line, &nbad) == 0)
		for (size_t i = 0; i < disk.n; i++)
			add(s, disk.v[i].date, disk.v[i].flags);
	free(data);
	free(disk.v);

	struct strbuf out = STRBUF_INIT;
	strbuf_addstr(&out, SEEN_HEADER "\n");
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].flags & (SEEN_KNOWN | SEEN_SEEN))
			strbuf_addf(&out, "%s %c\n", s->v[i].date,
				    s->v[i].flags & SEEN_SEEN ? 's' : 'k');
	int rc = fileio_mkdirs(s->dir, 0700, err);
	if (rc == 0)
		rc = fileio_replace(s->dir, SEEN_FILE, out.buf, out.len, 0600, err);
	strbuf_release(&out);
	if (rc == 0)
		s->dirty = 0;
	return rc;
}

/* ---- the news line ------------------------------------------------------- */

/* "Dec 10" (or "10" when prev, the date named before it, is of the same
 * month), or the whole date with whole. */
static void add_day(struct strbuf *out, const char *date, const char *prev, int whole)
{
	if (whole || !valid(date)) {
		strbuf_addstr(out, date ? date : _("undated"));
		return;
	}
	const char *const month_names[] = {
		C_("month", "Jan"), C_("month", "Feb"), C_("month", "Mar"), C_("month", "Apr"),
		C_("month", "May"), C_("month", "Jun"), C_("month", "Jul"), C_("month", "Aug"),
		C_("month", "Sep"), C_("month", "Oct"), C_("month", "Nov"), C_("month", "Dec"),
	};
	int m = (date[5] - '0') * 10 + (date[6] - '0');
	int d = (date[8] - '0') * 10 + (date[9] - '0');
	if (prev && !memcmp(prev, date, 7))
		/* TRANSLATORS: a day of the month after another of the same
		 * month: "Dec 10, 11". */
		strbuf_addf(out, C_("day of a month named before", "%d"), d);
	else
		/* TRANSLATORS: a month's short name, then the day: "Dec 10". */
		strbuf_addf(out, C_("month and day", "%s %d"), month_names[m - 1], d);
}

void seen_news_line(const char *const *dates, size_t n, struct strbuf *out)
{
	if (!n)
		return;
	struct strbuf days = STRBUF_INIT;
	int whole = 0;
	for (size_t i = 0; i < n; i++)
		if (!valid(dates[i]) || !valid(dates[0]) || memcmp(dates[i], dates[0], 4))
			whole = 1;
	if (n > SEEN_NAME_MAX) {
		add_day(&days, dates[0], NULL, whole);
		strbuf_addstr(&days, " \xe2\x80\xa6 "); /* U+2026, as the catch-up line */
		add_day(&days, dates[n - 1], NULL, whole);
	} else {
		for (size_t i = 0; i < n; i++) {
			if (i)
				strbuf_addstr(&days, ", ");
			add_day(&days, dates[i], i ? dates[i - 1] : NULL, whole);
		}
	}
	/* TRANSLATORS: how many digests are new, then their days ("Dec 10,
	 * 11" or "Dec 10 ... Jan 3"). */
	strbuf_addf(out, ngettext("%zu new digest: %s", "%zu new digests: %s", (unsigned long)n),
		    n, days.buf);
	strbuf_release(&days);
}
