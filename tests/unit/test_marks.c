/* Unit tests for marks.c: toggles, letters, keys, undo, the journal format,
 * compaction, corrupted journals (reported, skipped, kept aside), a write
 * that fails half-way (cut back), a writer killed with SIGKILL at random
 * moments, and concurrent writers. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "marks.h"
#include "model.h"
#include "strbuf.h"
#include "util.h"
#include "tap.h"

static char base[] = "/tmp/digest-tui-marks.XXXXXX";

static char *subdir(const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/%s", base, name);
	return strbuf_detach(&sb, NULL);
}

static char *slurp(const char *dir, const char *name)
{
	struct strbuf path = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s", dir, name);
	char *data = NULL;
	size_t len;
	if (read_file(path.buf, &data, &len) < 0)
		data = NULL;
	strbuf_release(&path);
	return data;
}

static void spill(const char *dir, const char *name, const char *data, size_t len)
{
	struct strbuf path = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s", dir, name);
	mkdir(dir, 0700);
	FILE *f = fopen(path.buf, "wb");
	if (f) {
		fwrite(data, 1, len, f);
		fclose(f);
	}
	strbuf_release(&path);
}

static void append_raw(const char *dir, const char *data)
{
	struct strbuf path = STRBUF_INIT;
	strbuf_addf(&path, "%s/marks", dir);
	FILE *f = fopen(path.buf, "ab");
	if (f) {
		fputs(data, f);
		fclose(f);
	}
	strbuf_release(&path);
}

/* The journal without timestamps: "OPS KEY" per mark line. */
static char *journal_ops(const char *dir)
{
	char *data = slurp(dir, "marks");
	struct strbuf sb = STRBUF_INIT;
	for (char *line = data, *nl; line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			nl = line + strlen(line) - 1;
		/* History records (^) are counted apart (count_records). */
		if (*line != '#' && nl - line > 21 && line[21] != '^')
			strbuf_add(&sb, line + 21, (size_t)(nl - line - 21 + 1));
	}
	free(data);
	return strbuf_detach(&sb, NULL);
}

/* The journal's lines: all but history records, or (records) only them. */
static int count_kind(const char *dir, int records)
{
	char *data = slurp(dir, "marks");
	int n = 0;
	for (char *line = data, *nl; line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			break;
		n += (nl - line > 21 && line[21] == '^') == records;
	}
	free(data);
	return n;
}

static int count_lines(const char *dir)
{
	return count_kind(dir, 0);
}

static int count_records(const char *dir)
{
	return count_kind(dir, 1);
}

/* Every line of the journal is a header or a well-formed mark line. */
static int journal_clean(const char *dir)
{
	char *data = slurp(dir, "marks");
	if (!data)
		return 0;
	int good = 1;
	size_t len = strlen(data);
	if (len && data[len - 1] != '\n')
		good = 0;
	for (char *line = data, *nl; good && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			break;
		*nl = '\0';
		if (line[0] == '#')
			continue;
		int y, mo, d, h, mi, s, n = 0;
		char ops[16], key[256];
		if (sscanf(line, "%4d-%2d-%2dT%2d:%2d:%2dZ %15s %255s%n", &y, &mo, &d, &h,
			   &mi, &s, ops, key, &n) != 8 || line[n] != '\0' ||
		    strspn(ops + strspn(ops, ".<^&"), "+-rslh") != strlen(ops + strspn(ops, ".<^&")))
			good = 0;
	}
	free(data);
	return good;
}

static int find_backup(const char *dir, char *name, size_t size)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int found = 0;
	while (d && (de = readdir(d))) {
		if (!strncmp(de->d_name, "marks.corrupt-", 14)) {
			snprintf(name, size, "%s", de->d_name);
			found++;
		}
	}
	if (d)
		closedir(d);
	return found;
}

static void letters_is(const struct marks *m, const char *key, const char *want,
		       const char *what)
{
	char l[5];
	marks_letters(m, key, l);
	is_str(l, want, "%s: %s is %s", what, key, want);
}

static void test_basics(void)
{
	char *dir = subdir("basic");
	struct strbuf err = STRBUF_INIT;
	struct marks *m = marks_open(dir, 0, &err);
	is_str(err.buf, "", "a fresh marks directory opens quietly");
	ok(marks_path(m) && strstr(marks_path(m), "/basic/marks"), "journal path");
	letters_is(m, "2509.22622", "-", "unknown key");
	is_int(marks_toggle(m, "2509.22622", MARK_STAR, &err), 1, "star toggles on");
	letters_is(m, "2509.22622", "s", "starred");
	is_int(marks_toggle(m, "2509.22622", MARK_READ, &err), 1, "read toggles on");
	letters_is(m, "2509.22622", "rs", "read and starred");
	is_int(marks_toggle(m, "2509.22622", MARK_STAR, &err), 0, "star toggles off");
	letters_is(m, "2509.22622", "r", "read only");
	marks_set(m, "hep-th/9901001", MARK_LATER, 1, &err);
	marks_set(m, "hep-th/9901001", MARK_HIDDEN, 1, &err);
	marks_set(m, "hep-th/9901001", MARK_STAR, 1, &err);
	marks_set(m, "hep-th/9901001", MARK_READ, 1, &err);
	letters_is(m, "hep-th/9901001", "rslh", "all four");
	marks_set(m, "hep-th/9901001", MARK_READ, 1, &err);
	is_int((long)marks_undo_depth(m), 7, "a change that changes nothing is no undo step");
	is_str(err.buf, "", "no errors so far");
	is_int((long)marks_count(m), 2, "two marked keys");
	ok(marks_set(m, "bad key", MARK_STAR, 1, &err) < 0 && err.len,
	   "a key with a space is refused");
	strbuf_reset(&err);

	char *ops = journal_ops(dir);
	is_str(ops,
	       "+s 2509.22622\n+r 2509.22622\n-s 2509.22622\n+l hep-th/9901001\n"
	       "+h hep-th/9901001\n+s hep-th/9901001\n+r hep-th/9901001\n",
	       "the journal holds one line per change");
	free(ops);
	char *data = slurp(dir, "marks");
	ok(data && !strncmp(data, "# digest-tui marks v1\n", 22), "journal header");
	ok(journal_clean(dir), "journal lines are well-formed");
	free(data);

	/* Another handle sees the same marks. */
	struct marks *m2 = marks_open(dir, MARKS_READONLY, &err);
	letters_is(m2, "2509.22622", "r", "reopened");
	letters_is(m2, "hep-th/9901001", "rslh", "reopened");
	ok(marks_set(m2, "x", MARK_STAR, 1, &err) < 0, "read-only marks refuse changes");
	strbuf_reset(&err);

	/* Undo, a stack. */
	is_int(marks_undo(m, &err), 1, "undo");
	letters_is(m, "hep-th/9901001", "slh", "undo of +r");
	is_int(marks_undo(m, &err), 1, "undo again");
	letters_is(m, "hep-th/9901001", "lh", "undo of +s");
	is_int(marks_refresh(m2, &err), 1, "the other handle refreshes");
	letters_is(m2, "hep-th/9901001", "lh", "undo seen by the other handle");
	for (int i = 0; i < 5; i++)
		marks_undo(m, &err);
	is_int((long)marks_undo_depth(m), 0, "undo stack empty");
	is_int(marks_undo(m, &err), 0, "nothing more to undo");
	is_int((long)marks_count(m), 0, "everything undone");
	is_int(marks_refresh(m2, &err), 1, "refresh");
	is_int((long)marks_count(m2), 0, "the other handle agrees");
	is_int(marks_refresh(m2, &err), 0, "a refresh without news is cheap");
	is_str(err.buf, "", "no errors");

	/* A whole digest read: one undo step. */
	struct digest d;
	memset(&d, 0, sizeof(d));
	d.date = xstrdup("2025-11-28");
	struct paper *p = digest_add_paper(&d);
	p->number = 1;
	p->arxiv_id = xstrdup("2509.00001");
	p = digest_add_paper(&d);
	p->number = 2;
	p->url = xstrdup("https://example.com/a b\n\xea\xb0\x80");
	p = digest_add_paper(&d);
	p->number = 3;
	text_append_str(&p->title, "No link at all", STYLE_PLAIN);
	marks_set(m, "2509.00001", MARK_STAR, 1, &err);
	is_int(marks_digest_read(m, &d, &err), 0, "mark a digest read");
	char *k2 = marks_paper_key(&d, &d.papers[1]);
	char *k3 = marks_paper_key(&d, &d.papers[2]);
	is_str(k2, "url:https://example.com/a%20b%0A%EA%B0%80", "URL key, encoded");
	ok(!strncmp(k3, "paper:2025-11-28/3/", 19) && strlen(k3) == 19 + 16,
	   "date/number/title-hash key (%s)", k3);
	letters_is(m, "2509.00001", "rs", "digest read");
	letters_is(m, k2, "r", "digest read");
	letters_is(m, k3, "r", "digest read");
	is_int(marks_undo(m, &err), 1, "undo the digest");
	letters_is(m, "2509.00001", "s", "digest read undone");
	letters_is(m, k2, "-", "digest read undone");
	letters_is(m, k3, "-", "digest read undone");
	struct digest d2;
	memset(&d2, 0, sizeof(d2));
	d2.date = xstrdup("2025-12-01");
	p = digest_add_paper(&d2);
	p->arxiv_id = xstrdup("2509.00001");
	p->number = 9;
	char *k1 = marks_paper_key(&d2, p);
	is_str(k1, "2509.00001", "an arXiv ID is the key, whatever the day");
	letters_is(m, k1, "s", "same paper on another day shares its marks");
	free(k1);
	free(k2);
	free(k3);
	digest_free(&d);
	digest_free(&d2);
	marks_close(m2);
	marks_close(m);
	strbuf_release(&err);
	free(dir);
}

static void test_environment(void)
{
	char *home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	char *xdg = getenv("XDG_STATE_HOME") ? xstrdup(getenv("XDG_STATE_HOME")) : NULL;
	setenv("XDG_STATE_HOME", "/x/state", 1);
	char *d = marks_default_dir();
	is_str(d, "/x/state/digest-tui", "XDG_STATE_HOME");
	free(d);
	setenv("XDG_STATE_HOME", "relative/state", 1);
	setenv("HOME", "/home/u", 1);
	d = marks_default_dir();
	is_str(d, "/home/u/.local/state/digest-tui", "a relative XDG_STATE_HOME is ignored");
	free(d);
	unsetenv("XDG_STATE_HOME");
	unsetenv("HOME");
	d = marks_default_dir();
	ok(d == NULL, "no HOME: no directory");
	struct strbuf err = STRBUF_INIT;
	struct marks *m = marks_open(NULL, 0, &err);
	ok(err.len > 0, "in-memory marks are announced: %.*s", (int)err.len - 1, err.buf);
	is_int(marks_toggle(m, "2509.22622", MARK_STAR, &err), 1, "in-memory marks work");
	ok(marks_path(m) == NULL, "no path");
	marks_close(m);
	strbuf_release(&err);
	if (home)
		setenv("HOME", home, 1);
	if (xdg)
		setenv("XDG_STATE_HOME", xdg, 1);
	free(home);
	free(xdg);
}

static void test_unwritable(void)
{
	/* A journal that can be read but not written (here: the lock file
	 * cannot be created, as root ignores permissions): its marks load,
	 * changes stay in memory, the file is untouched. */
	char *dir = subdir("unwritable");
	static const char journal[] = "# digest-tui marks v1\n"
				      "2025-11-28T04:12:00Z +s 2509.22622\n";
	spill(dir, "marks", journal, sizeof(journal) - 1);
	struct strbuf lock = STRBUF_INIT, err = STRBUF_INIT;
	strbuf_addf(&lock, "%s/marks.lock", dir);
	mkdir(lock.buf, 0700);
	struct marks *m = marks_open(dir, 0, &err);
	ok(strstr(err.buf, "memory only") && strchr(err.buf, '\n') == err.buf + err.len - 1,
	   "unwritable: announced in one line: %.*s", (int)err.len - 1, err.buf);
	letters_is(m, "2509.22622", "s", "unwritable: existing marks load");
	strbuf_reset(&err);
	is_int(marks_toggle(m, "2509.22622", MARK_READ, &err), 1, "unwritable: changes in memory");
	letters_is(m, "2509.22622", "rs", "unwritable");
	char *data = slurp(dir, "marks");
	ok(data && !strcmp(data, journal), "unwritable: the journal is untouched");
	free(data);
	marks_close(m);
	strbuf_release(&lock);
	strbuf_release(&err);
	free(dir);
}

static long file_size(const char *dir, const char *name)
{
	struct strbuf path = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s", dir, name);
	struct stat st;
	long n = stat(path.buf, &st) == 0 ? (long)st.st_size : -1;
	strbuf_release(&path);
	return n;
}

static void test_write_cut_short(void)
{
	/* A write that stops half-way, as on a disk that fills: here the file
	 * size limit, a few bytes past the journal's end (SIGXFSZ ignored, so
	 * the write returns EFBIG). The journal is cut back to its last whole
	 * line: the next change finds nothing bad, keeps no corrupt copy. */
	char *dir = subdir("cut");
	struct strbuf err = STRBUF_INIT;
	struct marks *m = marks_open(dir, 0, &err);
	marks_set(m, "2509.00001", MARK_STAR, 1, &err);
	marks_set(m, "2509.00002", MARK_STAR, 1, &err);
	long before = file_size(dir, "marks");
	char *journal = slurp(dir, "marks");
	static const char *const five[] = { "2509.00003", "2509.00004", "2509.00005",
					    "2509.00006", "2509.00007" };
	struct rlimit old, lim;
	getrlimit(RLIMIT_FSIZE, &old);
	lim = old;
	lim.rlim_cur = (rlim_t)before + 20; /* part of the first new line */
	void (*xfsz)(int) = signal(SIGXFSZ, SIG_IGN);
	int rc = setrlimit(RLIMIT_FSIZE, &lim);
	if (rc == 0)
		rc = marks_set_many(m, five, 5, MARK_STAR, 1, &err);
	setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, xfsz);
	is_int(rc, -1, "a write cut short fails");
	ok(strstr(err.buf, "marks not saved: File too large") != NULL,
	   "  saying the marks are not saved, and why: %.*s", (int)err.len - 1, err.buf);
	is_int(file_size(dir, "marks"), before, "  the journal is cut back to its length before");
	char *after = slurp(dir, "marks");
	is_str(after, journal, "  holding what it held");
	ok(journal_clean(dir), "  whole lines only, ending with a newline");
	free(after);
	strbuf_reset(&err);
	is_int(marks_set(m, "2509.00008", MARK_STAR, 1, &err), 0, "the next change is saved");
	is_str(err.buf, "", "  with no bad line to report");
	char name[64];
	is_int(find_backup(dir, name, sizeof(name)), 0, "  and no corrupt copy kept");
	ok(journal_clean(dir), "  the journal still whole lines only");
	marks_close(m);
	struct marks *r = marks_open(dir, MARKS_READONLY, &err);
	letters_is(r, "2509.00002", "s", "read again");
	letters_is(r, "2509.00008", "s", "read again");
	is_str(err.buf, "", "read again: no errors");
	marks_close(r);
	free(journal);
	strbuf_release(&err);
	free(dir);
}

static void test_compaction(void)
{
	char *dir = subdir("compact");
	struct strbuf err = STRBUF_INIT;
	struct marks *m = marks_open(dir, 0, &err);
	marks_set_compaction(m, 4, 8);
	marks_set(m, "keep-1", MARK_STAR, 1, &err);
	marks_set(m, "keep-2", MARK_LATER | MARK_READ, 1, &err);
	int max = 0;
	for (int i = 0; i < 200; i++) {
		marks_toggle(m, "churn", MARK_READ, &err);
		int n = count_lines(dir);
		if (n > max)
			max = n;
	}
	is_str(err.buf, "", "no errors while churning");
	ok(max <= 4 * 3 + 8 + 2, "the journal stays small (at most %d lines)", max);
	ok(journal_clean(dir), "compacted journal is well-formed");
	struct marks *m2 = marks_open(dir, MARKS_READONLY, &err);
	letters_is(m2, "keep-1", "s", "after compaction");
	letters_is(m2, "keep-2", "rl", "after compaction");
	letters_is(m2, "churn", "-", "after compaction (200 toggles)");

	/* A handle holding the old file notices the new one. */
	struct marks *w2 = marks_open(dir, 0, &err);
	marks_set(w2, "from-w2", MARK_STAR, 1, &err);
	is_int(marks_compact(m, &err), 0, "explicit compaction");
	char *ops = journal_ops(dir);
	is_str(ops, ".+s from-w2\n.+s keep-1\n.+rl keep-2\n",
	       "compaction keeps the other handle's mark, one line per key");
	is_int(count_records(dir), 100, "and this handle's last 100 undo steps as records");
	free(ops);
	marks_set(w2, "after", MARK_HIDDEN, 1, &err);
	marks_refresh(m2, &err);
	letters_is(m2, "after", "h", "an append after another's compaction lands in the new file");
	letters_is(m2, "from-w2", "s", "still there");
	is_str(err.buf, "", "no errors");
	marks_close(w2);
	marks_close(m2);
	marks_close(m);
	strbuf_release(&err);
	free(dir);
}

static void test_corrupt(void)
{
	char *dir = subdir("corrupt");
	static const char bad[] =
		"# digest-tui marks v1\n"
		"2025-11-28T04:12:00Z +s 2509.22622\n"
		"garbage line here\n"
		"2025-11-28T04:12:01Z +l 2509.\xff\xfe\n"
		"2025-11-28T04:12:02Z +q 2509.00001\n"
		"2025-11-28T04:12:03Z +r hep-th/9901001\n"
		"2025-11-28T04:12:04Z +s 2509.1"; /* truncated */
	spill(dir, "marks", bad, sizeof(bad) - 1);
	struct strbuf err = STRBUF_INIT;

	/* Read-only: reported, nothing touched. */
	struct marks *r = marks_open(dir, MARKS_READONLY, &err);
	char *first = strchr(err.buf, '\n');
	ok(first && first[1] == '\0', "one message line");
	struct strbuf want = STRBUF_INIT;
	strbuf_addf(&want, "%s/marks:3: ", dir);
	ok(!strncmp(err.buf, want.buf, want.len), "the message names file:line: %.*s",
	   (int)err.len - 1, err.buf);
	ok(strstr(err.buf, "4 bad lines") != NULL, "and counts the bad lines");
	letters_is(r, "2509.22622", "s", "good lines before the bad ones count");
	letters_is(r, "hep-th/9901001", "r", "good lines after the bad ones count");
	letters_is(r, "2509.1", "-", "the truncated line is skipped");
	char name[256];
	is_int(find_backup(dir, name, sizeof(name)), 0, "read-only: no backup made");
	char *data = slurp(dir, "marks");
	ok(data && !strcmp(data, bad), "read-only: the file is left as it is");
	free(data);
	marks_close(r);

	/* Writable: reported, kept aside, rewritten clean. */
	strbuf_reset(&err);
	struct marks *m = marks_open(dir, 0, &err);
	ok(!strncmp(err.buf, want.buf, want.len) && strstr(err.buf, "marks.corrupt-"),
	   "writable: the message names file:line and the backup: %.*s", (int)err.len - 1,
	   err.buf);
	ok(strchr(err.buf, '\n') == err.buf + err.len - 1, "still one message line");
	is_int(find_backup(dir, name, sizeof(name)), 1, "one backup");
	ok(strlen(name) == strlen("marks.corrupt-20251128T041200"), "backup name %s", name);
	data = slurp(dir, name);
	ok(data && !strcmp(data, bad), "the backup holds the original bytes");
	free(data);
	ok(journal_clean(dir), "the journal is clean again");
	letters_is(m, "2509.22622", "s", "marks kept");
	letters_is(m, "hep-th/9901001", "r", "marks kept");
	strbuf_reset(&err);
	marks_close(m);
	m = marks_open(dir, 0, &err);
	is_str(err.buf, "", "a clean journal opens quietly");

	/* A line cut short by a crash of another writer, then our append. */
	append_raw(dir, "2025-11-28T05:00:00Z +s 2509.9");
	is_int(marks_set(m, "2509.77777", MARK_LATER, 1, &err), 0, "append after a cut line");
	ok(strstr(err.buf, "unreadable marks line") && strstr(err.buf, "marks.corrupt-"),
	   "the cut line is reported, the journal kept aside: %.*s", (int)err.len - 1, err.buf);
	is_int(find_backup(dir, name, sizeof(name)), 2, "a second backup");
	strbuf_reset(&err);
	struct marks *r2 = marks_open(dir, MARKS_READONLY, &err);
	letters_is(r2, "2509.77777", "l", "our line survives the cut line before it");
	letters_is(r2, "2509.22622", "s", "older marks too");
	is_str(err.buf, "", "and the journal is clean again");
	ok(journal_clean(dir), "well-formed");
	marks_close(r2);
	marks_close(m);
	strbuf_release(&want);
	strbuf_release(&err);
	free(dir);
}

/* A child that stars keys in a loop and acknowledges each returned call on
 * the pipe; compaction is frequent thanks to a churning key. */
static _Noreturn void writer(const char *dir, const char *prefix, int count, int ack_fd)
{
	struct strbuf err = STRBUF_INIT;
	struct marks *m = marks_open(dir, 0, &err);
	marks_set_compaction(m, 2, 6);
	char key[64];
	for (int i = 0; i < count; i++) {
		snprintf(key, sizeof(key), "%s-%d", prefix, i);
		if (marks_set(m, key, MARK_STAR, 1, &err) < 0)
			_exit(3);
		if (ack_fd >= 0 && write(ack_fd, &i, sizeof(i)) != (ssize_t)sizeof(i))
			_exit(4);
		marks_toggle(m, "churn", MARK_READ, &err);
	}
	marks_close(m);
	_exit(err.len ? 5 : 0);
}

static void test_sigkill(void)
{
	char *dir = subdir("kill");
	struct strbuf err = STRBUF_INIT;
	srand((unsigned)time(NULL) ^ (unsigned)getpid());
	int rounds = 12, all_present = 1, all_clean = 1, total = 0;
	for (int round = 0; round < rounds; round++) {
		int fds[2];
		if (pipe(fds) < 0)
			break;
		char prefix[16];
		snprintf(prefix, sizeof(prefix), "r%d", round);
		pid_t pid = fork();
		if (pid == 0) {
			close(fds[0]);
			writer(dir, prefix, 1000000, fds[1]);
		}
		close(fds[1]);
		/* Let it get going (a random number of acknowledged marks), then
		 * kill it a random moment later, mid-flight. */
		int acked = -1, v, target = rand() % 40;
		while (acked < target && read(fds[0], &v, sizeof(v)) == (ssize_t)sizeof(v))
			acked = v;
		struct timespec ts = { 0, (long)(rand() % 3000) * 1000L };
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		int status;
		waitpid(pid, &status, 0);
		while (read(fds[0], &v, sizeof(v)) == (ssize_t)sizeof(v))
			acked = v;
		close(fds[0]);
		total += acked + 1;

		strbuf_reset(&err);
		struct marks *m = marks_open(dir, MARKS_READONLY, &err);
		if (err.len || !journal_clean(dir)) {
			all_clean = 0;
			printf("# round %d: %s", round, err.buf);
		}
		char key[64];
		for (int i = 0; i <= acked; i++) {
			snprintf(key, sizeof(key), "%s-%d", prefix, i);
			if (!(marks_get(m, key) & MARK_STAR)) {
				all_present = 0;
				printf("# round %d: acknowledged mark %s missing\n", round, key);
			}
		}
		marks_close(m);
	}
	ok(total > 0, "the killed writers acknowledged %d marks in %d rounds", total, rounds);
	ok(all_present, "every acknowledged mark survives SIGKILL");
	ok(all_clean, "the journal always parses cleanly after SIGKILL");
	strbuf_release(&err);
	free(dir);
}

static void test_concurrent(void)
{
	char *dir = subdir("concurrent");
	const int n = 150;
	pid_t a = fork();
	if (a == 0)
		writer(dir, "A", n, -1);
	pid_t b = fork();
	if (b == 0)
		writer(dir, "B", n, -1);
	int sa = -1, sb = -1;
	waitpid(a, &sa, 0);
	waitpid(b, &sb, 0);
	ok(WIFEXITED(sa) && WEXITSTATUS(sa) == 0 && WIFEXITED(sb) && WEXITSTATUS(sb) == 0,
	   "two concurrent writers finish without errors (%d, %d)", sa, sb);
	struct strbuf err = STRBUF_INIT;
	struct marks *m = marks_open(dir, MARKS_READONLY, &err);
	is_str(err.buf, "", "the shared journal parses");
	int missing = 0;
	char key[32];
	for (int i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "A-%d", i);
		missing += !(marks_get(m, key) & MARK_STAR);
		snprintf(key, sizeof(key), "B-%d", i);
		missing += !(marks_get(m, key) & MARK_STAR);
	}
	is_int(missing, 0, "all %d marks of both writers are present", 2 * n);
	letters_is(m, "churn", "-", "300 toggles of a shared key cancel out");
	ok(journal_clean(dir), "journal well-formed");
	marks_close(m);
	strbuf_release(&err);
	free(dir);
}

/* Compaction of a corrupt journal beside a planted
 * marks.tmp symlink writes neither through the link nor leaves marks a
 * link; a FIFO where the journal goes is refused, not waited on. */
static void test_planted(void)
{
	char *dir = subdir("planted");
	const char *journal = "# digest-tui marks v1\n2025-11-01T10:00:00Z +s 2509.00001\ngarbage\n";
	spill(dir, "marks", journal, strlen(journal));
	char *victim = subdir("victim");
	spill(base, "victim", "precious\n", 9);
	struct strbuf p = STRBUF_INIT;
	strbuf_addf(&p, "%s/marks.tmp", dir);
	ok(symlink(victim, p.buf) == 0, "marks.tmp planted as a symlink to a victim");
	struct strbuf err = STRBUF_INIT;
	struct marks *m = marks_open(dir, 0, &err);
	char *v = slurp(base, "victim");
	is_str(v, "precious\n", "compaction leaves the victim alone");
	free(v);
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/marks", dir);
	struct stat st;
	ok(lstat(p.buf, &st) == 0 && S_ISREG(st.st_mode), "marks is a regular file");
	ok(marks_get(m, "2509.00001") == MARK_STAR, "with the good mark");
	marks_close(m);

	char *fifo = subdir("fifo");
	mkdir(fifo, 0700);
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/marks", fifo);
	mkfifo(p.buf, 0600);
	strbuf_reset(&err);
	m = marks_open(fifo, MARKS_READONLY, &err);
	ok(m && err.len > 0, "a FIFO journal: refused at once, reported (%.*s)",
	   err.len ? (int)err.len - 1 : 0, err.buf);
	marks_close(m);
	strbuf_release(&p);
	strbuf_release(&err);
	free(fifo);
	free(victim);
	free(dir);
}

/* `u` after a restart: the journal's last decisions are the new handle's
 * undo stack; papers read by being shown, and steps already undone, are not;
 * a compaction keeps them; a restart keeps 100. */
static void test_undo_restart(void)
{
	char *dir = subdir("restart");
	struct strbuf err = STRBUF_INIT;
	struct marks *m = marks_open(dir, 0, &err);
	const char *pair[] = { "2509.00011", "2509.00012" };
	marks_set(m, "2509.00001", MARK_STAR, 1, &err);
	marks_set_seen(m, "2509.00002", &err);
	marks_set(m, "2509.00003", MARK_LATER, 1, &err);
	marks_set_many(m, pair, 2, MARK_READ, 1, &err);
	marks_set(m, "2509.00004", MARK_HIDDEN, 1, &err);
	marks_undo(m, &err); /* the hide */
	marks_close(m);
	is_str(err.buf, "", "four decisions, one seen, one undone");
	ok(journal_clean(dir), "their lines are well-formed");

	m = marks_open(dir, 0, &err);
	is_int((long)marks_undo_depth(m), 3, "reopened: three steps to undo");
	const char *key;
	unsigned mask, old;
	size_t n;
	ok(marks_undo_peek(m, &key, &mask, &old, &n) && !strcmp(key, "2509.00011") &&
	   mask == MARK_READ && old == 0 && n == 2, "the last is the pair marked read");
	is_int(marks_undo(m, &err), 1, "undo after a restart");
	letters_is(m, "2509.00011", "-", "the pair is unread again");
	letters_is(m, "2509.00012", "-", "both of it");
	is_int(marks_undo(m, &err), 1, "undo");
	letters_is(m, "2509.00003", "-", "no longer later");
	is_int(marks_compact(m, &err), 0, "compaction");
	marks_close(m);

	m = marks_open(dir, 0, &err);
	is_int((long)marks_undo_depth(m), 1, "after the compaction: one step left");
	is_int(marks_undo(m, &err), 1, "undo it");
	letters_is(m, "2509.00001", "-", "unstarred");
	letters_is(m, "2509.00002", "r", "the paper read by being shown stays read");
	is_int(marks_undo(m, &err), 0, "nothing more to undo");
	marks_close(m);

	m = marks_open(dir, 0, &err);
	is_int((long)marks_undo_depth(m), 0, "undone steps stay undone after a restart");
	char key_buf[32];
	for (int i = 0; i < 150; i++) {
		snprintf(key_buf, sizeof(key_buf), "2510.%05d", i);
		marks_set(m, key_buf, MARK_STAR, 1, &err);
	}
	marks_close(m);
	m = marks_open(dir, MARKS_READONLY, &err);
	is_int((long)marks_undo_depth(m), 0, "read-only handles keep no undo stack");
	marks_close(m);
	m = marks_open(dir, 0, &err);
	is_int((long)marks_undo_depth(m), 100, "a restart keeps the last 100 of 150");
	ok(marks_undo_peek(m, &key, &mask, &old, &n) && !strcmp(key, "2510.00149"),
	   "the newest first");
	marks_close(m);
	is_str(err.buf, "", "no errors");
	strbuf_release(&err);
	free(dir);
}

int main(void)
{
	if (!mkdtemp(base)) {
		tap_skip_all("no temporary directory");
		return 0;
	}
	test_basics();
	test_environment();
	test_unwritable();
	test_write_cut_short();
	test_compaction();
	test_undo_restart();
	test_corrupt();
	test_sigkill();
	test_concurrent();
	test_planted();
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", base);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", base);
	return tap_done();
}
