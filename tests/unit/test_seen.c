/* Unit tests for src/seen.c: which digests are new in a session — a first
 * run (no file, an empty cache, a bad file) makes no archive new; what
 * arrives after is; seen and known outlast the session, new does not; bad
 * lines are skipped and named; two instances' saves merge; the file is
 * replaced atomically, mode 0600; and the status line's naming of dates. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "seen.h"
#include "strbuf.h"
#include "util.h"
#include "tap.h"

static char base[] = "/tmp/digest-tui-seen.XXXXXX";
static char dir[256], file[300];

static void write_file(const char *text, size_t len)
{
	FILE *f = fopen(file, "wb");
	if (f) {
		fwrite(text, 1, len, f);
		fclose(f);
	}
}

static struct seen *open_dir(struct strbuf *err)
{
	strbuf_reset(err);
	return seen_open(dir, err);
}

static void test_first_run(void)
{
	struct strbuf err = STRBUF_INIT;
	unlink(file);
	struct seen *s = open_dir(&err);
	ok(seen_first_run(s), "no file: a first run");
	is_str(err.buf, "", "  said nothing of");
	const char *start[] = { "2025-12-01", "2025-12-02" };
	unsigned char fresh[3];
	is_int((long)seen_learn(s, start, 2, fresh), 0, "the archive at a first start: nothing new");
	ok(seen_get(s, "2025-12-01") == SEEN_KNOWN, "  but known");
	ok(!seen_first_run(s), "  and the baseline is taken");
	const char *later[] = { "2025-12-01", "2025-12-02", "2025-12-03" };
	is_int((long)seen_learn(s, later, 3, fresh), 1, "what the first fetch brings is new");
	ok(!fresh[0] && !fresh[1] && fresh[2], "  the new one flagged in fresh");
	ok(seen_get(s, "2025-12-03") == SEEN_NEW, "  new, not known");
	is_int((long)seen_learn(s, later, 3, NULL), 0, "learning it again: nothing more");
	is_int(seen_mark_seen(s, "2025-12-03"), 1, "the user sees it");
	is_int(seen_mark_seen(s, "2025-12-03"), 0, "  once");
	ok(seen_get(s, "2025-12-03") & SEEN_NEW, "  still new in this session");
	is_int(seen_mark_seen(s, "2025-13-03"), 0, "no month 13: not a date");
	is_int(seen_save(s, &err), 0, "saved");
	seen_close(s);

	struct stat st;
	ok(stat(file, &st) == 0 && (st.st_mode & 0777) == 0600, "the file is mode 0600");
	char *data = NULL;
	size_t len = 0;
	fileio_read(file, 1 << 20, 0, &data, &len, NULL);
	is_str(data, "# digest-tui seen digests v1\n2025-12-01 k\n2025-12-02 k\n2025-12-03 s\n",
	       "one line per date: k known, s seen; new is not saved");
	free(data);

	s = open_dir(&err);
	ok(!seen_first_run(s), "the next session reads it");
	ok(seen_get(s, "2025-12-03") == (SEEN_KNOWN | SEEN_SEEN), "  seen, no longer new");
	const char *next[] = { "2025-12-01", "2025-12-02", "2025-12-03", "2025-12-04", NULL,
			       "undated" };
	is_int((long)seen_learn(s, next, 6, NULL), 1, "one more date is new; NULL and junk passed over");
	is_int((long)seen_count(s, SEEN_NEW), 1, "seen_count of new");
	seen_close(s); /* not saved: the next session finds it new again */
	s = open_dir(&err);
	is_int((long)seen_learn(s, next, 4, NULL), 1, "a session that quit unsaved leaves it new");
	is_int(seen_save(s, &err), 0, "a session that saves without seeing it");
	seen_close(s);
	s = open_dir(&err);
	is_int((long)seen_learn(s, next, 4, NULL), 1, "  leaves it new for the next (unseen, not known)");
	seen_close(s);
	strbuf_release(&err);
}

static void test_empty_cache(void)
{
	struct strbuf err = STRBUF_INIT;
	unlink(file);
	struct seen *s = open_dir(&err);
	is_int((long)seen_learn(s, NULL, 0, NULL), 0, "an empty cache at a first start");
	ok(seen_first_run(s), "  leaves the baseline to come");
	const char *fetched[] = { "2025-12-01", "2025-12-02" };
	is_int((long)seen_learn(s, fetched, 2, NULL), 0,
	       "the first fetch into an empty cache is the archive, not news");
	const char *more[] = { "2025-12-01", "2025-12-02", "2025-12-05" };
	is_int((long)seen_learn(s, more, 3, NULL), 1, "what comes after it is new");
	seen_close(s);
	strbuf_release(&err);
}

static void test_corruption(void)
{
	struct strbuf err = STRBUF_INIT;
	write_file("\x7f" "ELF\0\0garbage\n\xff\xfe", 16);
	struct seen *s = open_dir(&err);
	ok(seen_first_run(s), "a file of garbage: a first run");
	ok(strstr(err.buf, "not a file of seen digests; what is new starts afresh") != NULL,
	   "  said in one line (%s)", err.buf);
	ok(!strchr(err.buf, '\n'), "  one line");
	const char *dates[] = { "2025-12-01", "2025-12-02" };
	is_int((long)seen_learn(s, dates, 2, NULL), 0, "  and the archive is not made new");
	seen_close(s);

	const char *text = "# digest-tui seen digests v1\n2025-12-01 s\nnot a line\n"
			   "2025-12-02 x\n2025-12-03 k\n\n2025-12-0";
	write_file(text, strlen(text));
	s = open_dir(&err);
	ok(!seen_first_run(s), "bad lines in a good file: read");
	ok(strstr(err.buf, "seen-digests:3: 3 bad lines skipped") != NULL,
	   "  the first bad line is named, and the count (%s)", err.buf);
	ok(seen_get(s, "2025-12-01") & SEEN_SEEN, "  the good lines count");
	ok(seen_get(s, "2025-12-03") == SEEN_KNOWN, "  (known)");
	is_int((long)seen_get(s, "2025-12-02"), 0, "  the bad ones do not");
	seen_close(s);

	unlink(file);
	if (symlink("/dev/zero", file) == 0) {
		s = open_dir(&err);
		ok(seen_first_run(s) && strstr(err.buf, "cannot read") != NULL,
		   "a symbolic link planted there is not followed (%s)", err.buf);
		seen_learn(s, dates, 2, NULL);
		seen_mark_seen(s, "2025-12-02");
		is_int(seen_save(s, &err), 0, "  and saving replaces it with a file");
		struct stat st;
		ok(lstat(file, &st) == 0 && S_ISREG(st.st_mode), "  a regular file");
		seen_close(s);
	} else {
		ok(1, "# SKIP no symlink");
		ok(1, "# SKIP no symlink");
		ok(1, "# SKIP no symlink");
	}
	strbuf_release(&err);
}

static void test_merge(void)
{
	struct strbuf err = STRBUF_INIT;
	unlink(file);
	const char *dates[] = { "2025-12-01", "2025-12-02", "2025-12-03" };
	struct seen *one = open_dir(&err), *two = open_dir(&err);
	seen_learn(one, dates, 3, NULL);
	seen_learn(two, dates, 3, NULL);
	seen_mark_seen(one, "2025-12-01");
	seen_mark_seen(two, "2025-12-03");
	is_int(seen_save(one, &err), 0, "the first instance saves");
	is_int(seen_save(two, &err), 0, "the second saves after it");
	seen_close(one);
	seen_close(two);
	struct seen *s = open_dir(&err);
	ok((seen_get(s, "2025-12-01") & SEEN_SEEN) && (seen_get(s, "2025-12-03") & SEEN_SEEN),
	   "both instances' seen digests are kept");
	ok(seen_get(s, "2025-12-02") == SEEN_KNOWN, "  and the known one");
	is_int(seen_save(s, &err), 0, "nothing changed: saving writes nothing");
	seen_close(s);

	/* No state directory: in memory, never saved. */
	char *home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	char *state = getenv("XDG_STATE_HOME") ? xstrdup(getenv("XDG_STATE_HOME")) : NULL;
	unsetenv("HOME");
	unsetenv("XDG_STATE_HOME");
	s = seen_open(NULL, &err);
	ok(seen_path(s) == NULL && seen_first_run(s), "no HOME: in memory only");
	seen_learn(s, dates, 3, NULL);
	seen_mark_seen(s, "2025-12-01");
	is_int(seen_save(s, &err), 0, "  saving does nothing");
	seen_close(s);
	if (home)
		setenv("HOME", home, 1);
	if (state)
		setenv("XDG_STATE_HOME", state, 1);
	free(home);
	free(state);
	strbuf_release(&err);
}

static void news(const char *const *dates, size_t n, const char *want, const char *what)
{
	struct strbuf sb = STRBUF_INIT;
	seen_news_line(dates, n, &sb);
	is_str(sb.buf, want, "%s", what);
	strbuf_release(&sb);
}

static void test_news_line(void)
{
	const char *one[] = { "2025-12-12" };
	news(one, 1, "1 new digest: Dec 12", "one date");
	news(one, 0, "", "none: nothing");
	const char *three[] = { "2025-12-10", "2025-12-11", "2025-12-12" };
	news(three, 3, "3 new digests: Dec 10, 11, 12", "a month named once");
	const char *across[] = { "2025-11-30", "2025-12-01", "2025-12-02" };
	news(across, 3, "3 new digests: Nov 30, Dec 1, 2", "a new month named");
	const char *years[] = { "2025-12-31", "2026-01-02" };
	news(years, 2, "2 new digests: 2025-12-31, 2026-01-02", "two years: whole dates");
	const char *many[] = { "2025-12-11", "2025-12-12", "2025-12-13", "2025-12-15",
			       "2025-12-16", "2025-12-17", "2025-12-18", "2025-12-26" };
	news(many, 8, "8 new digests: Dec 11 \xe2\x80\xa6 Dec 26", "past seven: the first and the last");
	news(many, 7, "7 new digests: Dec 11, 12, 13, 15, 16, 17, 18", "seven: each");
}

int main(void)
{
	if (!mkdtemp(base)) {
		tap_skip_all("cannot make a temporary directory");
		return 0;
	}
	snprintf(dir, sizeof(dir), "%s/state", base);
	snprintf(file, sizeof(file), "%s/%s", dir, SEEN_FILE);
	mkdir(dir, 0700);
	test_first_run();
	test_empty_cache();
	test_corruption();
	test_merge();
	test_news_line();
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", base);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", base);
	return tap_done();
}
