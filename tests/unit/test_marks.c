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

#include "fileio.h"
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
	if (fileio_read(path.buf, FILEIO_FILE_MAX, 0, &data, &len, NULL) < 0)
		data = NULL;
	strbuf_release(&path);
	return data;
}

static void spill(const char *dir, const char *name, const char *data, size_t len)
{
	struct strbuf path = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s", dir, name);
	mkdir(dir, 0700);
	char *slash = strrchr(path.buf, '/');
	if (slash && strchr(name, '/')) {
		*slash = '\0';
		mkdir(path.buf, 0700);
		*slash = '/';
	}
	FILE *f = fopen(path.buf, "wb");
	if (f) {
		fwrite(data, 1, len, f);
		fclose(f);
	}
	strbuf_release(&path);
}

/* This machine's journal in a state directory: "journals/NAME.marks". */
static char jname_buf[128];
static const char *J(const char *dir)
{
	struct strbuf name = STRBUF_INIT, err = STRBUF_INIT;
	if (marks_machine(dir, 0, &name, &err) < 0)
		strbuf_addstr(&name, "none");
	snprintf(jname_buf, sizeof(jname_buf), "journals/%s.marks", name.buf);
	strbuf_release(&name);
	strbuf_release(&err);
	return jname_buf;
}

static void append_raw(const char *dir, const char *data)
{
	struct strbuf path = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s", dir, J(dir));
	FILE *f = fopen(path.buf, "ab");
	if (f) {
		fputs(data, f);
		fclose(f);
	}
	strbuf_release(&path);
}

#define STAMP 27 /* 2025-11-28T04:12:00.031250Z */

/* The journal without times: "OPS KEY" per mark line. */
static char *journal_ops(const char *dir)
{
	char *data = slurp(dir, J(dir));
	struct strbuf sb = STRBUF_INIT;
	for (char *line = data, *nl; line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			nl = line + strlen(line) - 1;
		/* History records (^) are counted apart (count_records). */
		if (*line != '#' && nl - line > STAMP + 1 && line[STAMP + 1] != '^')
			strbuf_add(&sb, line + STAMP + 1, (size_t)(nl - line - STAMP - 1 + 1));
	}
	free(data);
	return strbuf_detach(&sb, NULL);
}

/* The journal's lines: all but history records, or (records) only them. */
static int count_kind(const char *dir, int records)
{
	char *data = slurp(dir, J(dir));
	int n = 0;
	for (char *line = data, *nl; line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			break;
		n += (nl - line > STAMP + 1 && line[STAMP + 1] == '^') == records;
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

/* Every line of a journal is a header or a well-formed v2 mark line, and
 * the times never go back. */
static int file_clean(const char *dir, const char *name)
{
	char *data = slurp(dir, name);
	if (!data)
		return 0;
	int good = 1;
	size_t len = strlen(data);
	if (len && data[len - 1] != '\n')
		good = 0;
	char last[STAMP + 1] = "";
	for (char *line = data, *nl; good && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			break;
		*nl = '\0';
		if (line[0] == '#')
			continue;
		int y, mo, d, h, mi, s, us, n = 0;
		char ops[16], key[256];
		if (sscanf(line, "%4d-%2d-%2dT%2d:%2d:%2d.%6dZ %15s %255s%n", &y, &mo, &d, &h,
			   &mi, &s, &us, ops, key, &n) != 9 || line[n] != '\0' ||
		    strspn(ops + strspn(ops, ".<^&"), "+-rslh") != strlen(ops + strspn(ops, ".<^&")) ||
		    strncmp(line, last, STAMP) < 0)
			good = 0;
		memcpy(last, line, STAMP);
	}
	free(data);
	return good;
}

static int journal_clean(const char *dir)
{
	return file_clean(dir, J(dir));
}

/* Copies kept aside of this machine's journal (journals/NAME.marks.corrupt-*). */
static int find_backup(const char *dir, char *name, size_t size)
{
	struct strbuf jd = STRBUF_INIT;
	strbuf_addf(&jd, "%s/journals", dir);
	DIR *d = opendir(jd.buf);
	strbuf_release(&jd);
	struct dirent *de;
	int found = 0;
	while (d && (de = readdir(d))) {
		if (strstr(de->d_name, ".marks.corrupt-") && strlen(de->d_name) + 10 < size) {
			memcpy(name, "journals/", 9);
			memcpy(name + 9, de->d_name, strlen(de->d_name) + 1);
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
	ok(marks_path(m) && strstr(marks_path(m), "/basic/journals/"), "journals/MACHINE.marks");
	letters_is(m, "2509.22622", "-", "unknown key");
	unsigned long changes = marks_changes(m);
	is_int(marks_toggle(m, "2509.22622", MARK_STAR, &err), 1, "star toggles on");
	letters_is(m, "2509.22622", "s", "starred");
	ok(marks_changes(m) != changes, "marks_changes tells that a mark changed");
	changes = marks_changes(m);
	marks_set(m, "2509.22622", MARK_STAR, 1, &err);
	ok(marks_changes(m) == changes, "and not when a change changes nothing");
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
	char *data = slurp(dir, J(dir));
	ok(data && !strncmp(data, "# digest-tui marks v2\n", 22), "journal header");
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
	/* The title's hash is 64-bit FNV-1a: journals keep these keys, so it
	 * never changes. */
	is_str(k3, "paper:2025-11-28/3/bf7c59b023edf824", "date/number/title-hash key");
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
	long before = file_size(dir, J(dir));
	char *journal = slurp(dir, J(dir));
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
	is_int(file_size(dir, J(dir)), before, "  the journal is cut back to its length before");
	char *after = slurp(dir, J(dir));
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
	is_str(ops, ".+s keep-1\n.+rl keep-2\n.-r churn\n.+s from-w2\n",
	       "compaction keeps the newest line per paper and mark, the other handle's "
	       "too, in time order (an unmark too: it may still win a merge)");
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

/* A state directory whose machine is called name. */
static void make_state(const char *dir, const char *name)
{
	char line[80];
	snprintf(line, sizeof(line), "%s\n", name);
	spill(dir, "machine", line, strlen(line));
}

static void test_corrupt(void)
{
	char *dir = subdir("corrupt");
	make_state(dir, "lab-ws-0a0b0c");
	static const char bad[] =
		"# digest-tui marks v2\n"
		"2025-11-28T04:12:00.000000Z +s 2509.22622\n"
		"garbage line here\n"
		"2025-11-28T04:12:01.000000Z +l 2509.\xff\xfe\n"
		"2025-11-28T04:12:02.000000Z +q 2509.00001\n"
		"2025-11-28T04:12:03.000000Z +r hep-th/9901001\n"
		"2025-11-28T04:12:04.000000Z +s 2509.1"; /* truncated */
	spill(dir, "journals/lab-ws-0a0b0c.marks", bad, sizeof(bad) - 1);
	struct strbuf err = STRBUF_INIT;

	/* Read-only: reported, nothing touched. */
	struct marks *r = marks_open(dir, MARKS_READONLY, &err);
	char *first = strchr(err.buf, '\n');
	ok(first && first[1] == '\0', "one message line");
	struct strbuf want = STRBUF_INIT;
	strbuf_addf(&want, "%s/journals/lab-ws-0a0b0c.marks:3: ", dir);
	ok(!strncmp(err.buf, want.buf, want.len), "the message names file:line: %.*s",
	   (int)err.len - 1, err.buf);
	ok(strstr(err.buf, "4 bad lines") != NULL, "and counts the bad lines");
	letters_is(r, "2509.22622", "s", "good lines before the bad ones count");
	letters_is(r, "hep-th/9901001", "r", "good lines after the bad ones count");
	letters_is(r, "2509.1", "-", "the truncated line is skipped");
	char name[256];
	is_int(find_backup(dir, name, sizeof(name)), 0, "read-only: no backup made");
	char *data = slurp(dir, J(dir));
	ok(data && !strcmp(data, bad), "read-only: the file is left as it is");
	free(data);
	marks_close(r);

	/* Writable: reported, kept aside, rewritten clean. */
	strbuf_reset(&err);
	struct marks *m = marks_open(dir, 0, &err);
	ok(!strncmp(err.buf, want.buf, want.len) && strstr(err.buf, ".marks.corrupt-"),
	   "writable: the message names file:line and the backup: %.*s", (int)err.len - 1,
	   err.buf);
	ok(strchr(err.buf, '\n') == err.buf + err.len - 1, "still one message line");
	is_int(find_backup(dir, name, sizeof(name)), 1, "one backup");
	ok(strlen(name) == strlen("journals/lab-ws-0a0b0c.marks.corrupt-20251128T041200"),
	   "backup name %s", name);
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
	append_raw(dir, "2025-11-28T05:00:00.000000Z +s 2509.9");
	is_int(marks_set(m, "2509.77777", MARK_LATER, 1, &err), 0, "append after a cut line");
	ok(strstr(err.buf, "unreadable marks line") && strstr(err.buf, ".marks.corrupt-"),
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
	ok(marks_changes(m) != 0, "marks replayed from the journal count as changes");
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

/* Compaction beside a planted symlink where a temporary file could go
 * writes neither through the link nor leaves the journal a link; a FIFO
 * where a journal goes is refused, not waited on. */
static void test_planted(void)
{
	char *dir = subdir("planted");
	make_state(dir, "lab-ws-0d0e0f");
	const char *journal = "# digest-tui marks v2\n2025-11-01T10:00:00.000000Z +s 2509.00001\ngarbage\n";
	spill(dir, "journals/lab-ws-0d0e0f.marks", journal, strlen(journal));
	char *victim = subdir("victim");
	spill(base, "victim", "precious\n", 9);
	struct strbuf p = STRBUF_INIT;
	strbuf_addf(&p, "%s/journals/lab-ws-0d0e0f.marks.tmp", dir);
	ok(symlink(victim, p.buf) == 0, "a .tmp name planted as a symlink to a victim");
	struct strbuf err = STRBUF_INIT;
	struct marks *m = marks_open(dir, 0, &err);
	char *v = slurp(base, "victim");
	is_str(v, "precious\n", "compaction leaves the victim alone");
	free(v);
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/%s", dir, J(dir));
	struct stat st;
	ok(lstat(p.buf, &st) == 0 && S_ISREG(st.st_mode), "the journal is a regular file");
	ok(marks_get(m, "2509.00001") == MARK_STAR, "with the good mark");
	marks_close(m);

	char *fifo = subdir("fifo");
	make_state(fifo, "lab-ws-101112");
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/journals", fifo);
	mkdir(p.buf, 0700);
	strbuf_addstr(&p, "/lab-ws-101112.marks");
	mkfifo(p.buf, 0600);
	strbuf_reset(&err);
	m = marks_open(fifo, MARKS_READONLY, &err);
	ok(m && err.len > 0, "a FIFO journal: refused at once, reported (%.*s)",
	   err.len ? (int)err.len - 1 : 0, err.buf);
	marks_close(m);
	unlink(p.buf);
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/journals/other-1.marks", fifo);
	mkfifo(p.buf, 0600);
	strbuf_reset(&err);
	m = marks_open(fifo, 0, &err);
	ok(m && strstr(err.buf, "other-1.marks: a FIFO, not a regular file"),
	   "another machine's journal as a FIFO: refused, reported (%.*s)",
	   err.len ? (int)err.len - 1 : 0, err.buf);
	strbuf_reset(&err);
	is_int(marks_set(m, "2509.00002", MARK_STAR, 1, &err), 0, "  and marking goes on");
	is_int(marks_refresh(m, &err), 0, "  a refresh does not report it again");
	is_str(err.buf, "", "  (nothing said)");
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

/* ---- machines, the merge, the clock ------------------------------------------ */

static void test_machine(void)
{
	char *dir = subdir("machine");
	struct strbuf name = STRBUF_INIT, again = STRBUF_INIT, err = STRBUF_INIT;
	is_int(marks_machine(dir, 0, &name, &err), -1, "no machine file, not made: -1");
	strbuf_release(&err);
	/* Four processes start at once on a fresh state directory: one name. */
	int fds[2];
	ok(pipe(fds) == 0, "a pipe for the names");
	for (int i = 0; i < 4; i++) {
		if (fork() == 0) {
			struct strbuf n = STRBUF_INIT, e = STRBUF_INIT;
			char line[80] = "";
			if (marks_machine(dir, 1, &n, &e) == 0)
				snprintf(line, sizeof(line), "%-70s", n.buf);
			strbuf_release(&n);
			strbuf_release(&e);
			free(dir);
			_exit(write(fds[1], line, 70) == 70 ? 0 : 1);
		}
	}
	close(fds[1]);
	char got[4][71];
	int n = 0;
	while (n < 4 && read(fds[0], got[n], 70) == 70)
		got[n++][70] = '\0';
	close(fds[0]);
	while (wait(NULL) > 0)
		;
	is_int(n, 4, "four processes made or read a name");
	ok(n == 4 && !strcmp(got[0], got[1]) && !strcmp(got[0], got[2]) && !strcmp(got[0], got[3]),
	   "and all four have the same one (%s)", got[0]);
	is_int(marks_machine(dir, 0, &name, &err), 0, "then it is read");
	ok(marks_machine_valid(name.buf, name.len) && strchr(name.buf, '-') &&
	   strlen(strrchr(name.buf, '-') + 1) == 6,
	   "host name, a dash, six hex digits: %s", name.buf);
	is_int(marks_machine(dir, 1, &again, &err), 0, "asked again, with create");
	is_str(again.buf, name.buf, "the name never changes");
	ok(!marks_machine_valid("Lab_WS", 6) && !marks_machine_valid("-x", 2) &&
	   marks_machine_valid("lab-ws-7f3a9c", 13), "what a machine name is");
	spill(dir, "machine", "../../etc\n", 10);
	strbuf_reset(&name);
	is_int(marks_machine(dir, 1, &name, &err), -1, "a machine file that is no name: -1");
	ok(strstr(err.buf, "not a machine name") != NULL, "  saying so: %s", err.buf);
	strbuf_release(&name);
	strbuf_release(&again);
	strbuf_release(&err);
	free(dir);
}

/* A handle of machine `machine` with its own state directory, sharing
 * journal_dir with the others (as with sync-dir). */
static struct marks *open_machine(const char *journal_dir, const char *machine,
				  unsigned flags, struct strbuf *err)
{
	struct strbuf state = STRBUF_INIT;
	strbuf_addf(&state, "%s.state-%s", journal_dir, machine);
	struct marks_place place = { state.buf, journal_dir, NULL, machine };
	struct marks *m = marks_open_at(&place, flags, err);
	strbuf_release(&state);
	return m;
}

static void test_merge(void)
{
	char *dir = subdir("merge");
	mkdir(dir, 0700);
	struct strbuf err = STRBUF_INIT;
	struct marks *a = open_machine(dir, "lab-a", 0, &err);
	struct marks *b = open_machine(dir, "laptop-b", 0, &err);
	marks_set(a, "2509.00001", MARK_STAR, 1, &err);
	marks_set(a, "2509.00002", MARK_STAR, 1, &err);
	marks_set(b, "2509.00003", MARK_LATER, 1, &err);
	is_str(err.buf, "", "two machines mark, each in its journal");
	is_int(marks_refresh(a, &err), 1, "a refresh of A reads B's journal");
	letters_is(a, "2509.00003", "l", "A sees B's mark");
	marks_refresh(b, &err);
	letters_is(b, "2509.00001", "s", "B sees A's");
	marks_set(b, "2509.00001", MARK_STAR, 0, &err);
	marks_refresh(a, &err);
	letters_is(a, "2509.00001", "-", "starred on A, unstarred later on B: unstarred on A");
	letters_is(b, "2509.00001", "-", "and on B");
	is_int((long)marks_undo_depth(a), 2, "A's undo stack holds A's steps only");
	marks_close(a);
	marks_close(b);

	/* Ties and order: a third machine reads the same lines, whatever the
	 * order of reading; equal times go to the greater machine name. */
	char *d2 = subdir("merge2");
	mkdir(d2, 0700);
	const char *ja = "# digest-tui marks v2\n"
			 "2025-11-01T10:00:00.000001Z +s k1\n"
			 "2025-11-01T10:00:00.000003Z +s k2\n"
			 "2025-11-01T10:00:00.000005Z -s k3\n";
	const char *jb = "# digest-tui marks v2\n"
			 "2025-11-01T10:00:00.000002Z -s k1\n"
			 "2025-11-01T10:00:00.000003Z -s k2\n"
			 "2025-11-01T10:00:00.000004Z +s k3\n";
	spill(d2, "journals/aa.marks", ja, strlen(ja));
	spill(d2, "journals/bb.marks", jb, strlen(jb));
	const char *who[] = { "aa", "bb", "cc" };
	for (int i = 0; i < 3; i++) {
		struct marks *m = open_machine(d2, who[i], MARKS_READONLY, &err);
		char l1[5], l2[5], l3[5];
		marks_letters(m, "k1", l1);
		marks_letters(m, "k2", l2);
		marks_letters(m, "k3", l3);
		char all[32];
		snprintf(all, sizeof(all), "%s %s %s", l1, l2, l3);
		is_str(all, "- - -", "seen from %s (its own journal read first or none): "
		       "the later line wins, a tie goes to the greater name", who[i]);
		marks_close(m);
	}
	is_str(err.buf, "", "no errors");
	strbuf_release(&err);
	free(d2);
	free(dir);
}

static void test_clock(void)
{
	char *dir = subdir("clock");
	mkdir(dir, 0700);
	/* Another machine's clock is far ahead. */
	const char *ahead = "# digest-tui marks v2\n2999-01-01T00:00:00.000000Z +s 2509.00001\n";
	spill(dir, "journals/ahead.marks", ahead, strlen(ahead));
	struct strbuf err = STRBUF_INIT;
	struct marks *m = open_machine(dir, "behind", 0, &err);
	letters_is(m, "2509.00001", "s", "a mark from a clock ahead");
	is_int(marks_toggle(m, "2509.00001", MARK_STAR, &err), 0, "unstarred here");
	char *j = slurp(dir, "journals/behind.marks");
	ok(j && strstr(j, "2999-01-01T00:00:00.000001Z -s 2509.00001"),
	   "written 1 µs after the newest time read, not at the wall clock");
	free(j);
	marks_close(m);
	m = open_machine(dir, "third", MARKS_READONLY, &err);
	letters_is(m, "2509.00001", "-", "so the unstar wins the merge everywhere");
	marks_close(m);
	is_str(err.buf, "", "no errors");
	strbuf_release(&err);
	free(dir);
}

/* Another machine's journal as a file syncer leaves it: copied while it was
 * written (a last line without its newline), later whole; or replaced by
 * its compacted form. */
static void test_partial_peer(void)
{
	char *dir = subdir("partial");
	mkdir(dir, 0700);
	const char *cut = "# digest-tui marks v2\n"
			  "2025-11-01T10:00:00.000000Z +s 2509.00001\n"
			  "2025-11-01T10:00:01.000000Z +l 2509.0000";
	spill(dir, "journals/other.marks", cut, strlen(cut));
	struct strbuf err = STRBUF_INIT;
	struct marks *m = open_machine(dir, "here", 0, &err);
	is_str(err.buf, "", "a last line cut short is not reported");
	letters_is(m, "2509.00001", "s", "the whole lines are read");
	letters_is(m, "2509.0000", "-", "the cut line is not read as a shorter key");
	is_int(marks_set(m, "2509.00009", MARK_STAR, 1, &err), 0, "marking goes on");
	is_int(marks_refresh(m, &err), 0, "a refresh of the same copy: nothing new");
	const char *whole = "# digest-tui marks v2\n"
			    "2025-11-01T10:00:00.000000Z +s 2509.00001\n"
			    "2025-11-01T10:00:01.000000Z +l 2509.00002\n";
	spill(dir, "journals/other.marks", whole, strlen(whole));
	is_int(marks_refresh(m, &err), 1, "the whole copy arrives: read");
	letters_is(m, "2509.00002", "l", "the line is read once whole");
	const char *compacted = "# digest-tui marks v2\n"
				"2025-11-01T10:00:01.000000Z .+l 2509.00002\n"
				"2025-11-01T10:00:00.000000Z .+s 2509.00001\n";
	spill(dir, "journals/other.marks", compacted, strlen(compacted));
	marks_refresh(m, &err);
	letters_is(m, "2509.00001", "s", "replaced by its compacted form: read again, same marks");
	letters_is(m, "2509.00002", "l", "same marks");
	is_str(err.buf, "", "nothing reported");
	struct dirent *de;
	int aside = 0;
	struct strbuf jd = STRBUF_INIT;
	strbuf_addf(&jd, "%s/journals", dir);
	DIR *d = opendir(jd.buf);
	while (d && (de = readdir(d)))
		aside += strstr(de->d_name, "other.marks.") != NULL;
	if (d)
		closedir(d);
	is_int(aside, 0, "another machine's journal is never kept aside");
	char *j = slurp(dir, "journals/other.marks");
	is_str(j, compacted, "nor written");
	free(j);
	marks_close(m);
	strbuf_release(&jd);
	strbuf_release(&err);
	free(dir);
}

/* Compaction keeps this machine's newest line per (paper, mark), an unmark
 * too: dropped, an older mark of another machine would win again. */
static void test_compaction_merge(void)
{
	char *dir = subdir("cmerge");
	mkdir(dir, 0700);
	struct strbuf err = STRBUF_INIT;
	struct marks *a = open_machine(dir, "a", 0, &err);
	marks_set_compaction(a, 1, 0);
	marks_set(a, "2509.00001", MARK_STAR, 1, &err);
	/* B starred it after A did, before it learned of A's unstar below. */
	struct marks *b = open_machine(dir, "b", 0, &err);
	marks_set(b, "2509.00001", MARK_STAR, 1, &err);
	marks_close(b);
	marks_refresh(a, &err);
	marks_set(a, "2509.00001", MARK_STAR, 0, &err);
	for (int i = 0; i < 20; i++)
		marks_toggle(a, "2509.00002", MARK_LATER, &err);
	is_int(marks_compact(a, &err), 0, "A compacts");
	marks_close(a);
	char *j = slurp(dir, "journals/a.marks");
	ok(j && strstr(j, ".-s 2509.00001"), "its unstar stays in the journal");
	int lines = 0;
	for (char *p = j; p && (p = strstr(p, "Z .-l 2509.00002\n")); p++)
		lines++;
	ok(lines == 1 && !strstr(j, "Z .+l 2509.00002\n"),
	   "twenty toggles of one mark leave one line (besides the undo records)");
	free(j);
	struct marks *c = open_machine(dir, "c", MARKS_READONLY, &err);
	letters_is(c, "2509.00001", "-", "the merge after A's compaction: still unstarred");
	letters_is(c, "2509.00002", "-", "twenty toggles: off");
	marks_close(c);
	is_str(err.buf, "", "no errors");
	strbuf_release(&err);
	free(dir);
}

/* A script (--mark) is another process of this machine: its step is on the
 * running handle's undo stack once read. */
static void test_script_step(void)
{
	char *dir = subdir("script");
	struct strbuf err = STRBUF_INIT;
	struct marks *reader = marks_open(dir, 0, &err);
	marks_set(reader, "2509.00001", MARK_LATER, 1, &err);
	struct marks *script = marks_open(dir, 0, &err);
	const char *keys[] = { "2509.00002", "2509.00003" };
	is_int(marks_set_many(script, keys, 2, MARK_STAR, 1, &err), 0, "a script stars two papers");
	marks_close(script);
	is_int(marks_refresh(reader, &err), 1, "the running reader's refresh sees them");
	letters_is(reader, "2509.00002", "s", "starred");
	const char *key;
	unsigned mask, old;
	size_t n;
	ok(marks_undo_peek(reader, &key, &mask, &old, &n) && !strcmp(key, "2509.00002") &&
	   mask == MARK_STAR && n == 2, "the script's change is the reader's next undo");
	is_int(marks_undo(reader, &err), 1, "u takes it back");
	letters_is(reader, "2509.00002", "-", "unstarred");
	letters_is(reader, "2509.00003", "-", "both");
	letters_is(reader, "2509.00001", "l", "the reader's own step is next");
	is_int((long)marks_undo_depth(reader), 1, "one step left");
	marks_close(reader);
	is_str(err.buf, "", "no errors");
	strbuf_release(&err);
	free(dir);
}

/* ---- migration --------------------------------------------------------------- */

static const char v1_journal[] =
	"# digest-tui marks v1\n"
	"2025-11-01T10:00:00Z +s 2509.00001\n"
	"2025-11-01T10:00:00Z .+r 2509.00002\n"        /* seen, same second */
	"2025-11-01T10:00:05Z +l 2509.00003\n"
	"2025-11-01T10:00:05Z &+l 2509.00004\n"        /* one step, two papers */
	"2025-11-01T09:59:00Z +h 2509.00005\n"         /* the clock went back */
	"2025-11-01T09:59:01Z -h 2509.00005\n"
	"2025-11-01T10:01:00Z +s 2509.00006\n"
	"2025-11-01T10:01:01Z <-s 2509.00006\n"        /* undone */
	"2025-11-01T10:02:00Z +r 2509.00007\n";

static void v1_expect(struct marks *m, const char *what)
{
	char all[64] = "";
	const char *keys[] = { "2509.00001", "2509.00002", "2509.00003", "2509.00004",
			       "2509.00005", "2509.00006", "2509.00007" };
	for (int i = 0; i < 7; i++) {
		char l[5];
		marks_letters(m, keys[i], l);
		strcat(all, l);
		strcat(all, " ");
	}
	is_str(all, "s r l l - - r ", "%s: every v1 mark, in the order they were made", what);
}

static void crash_before_rename(const char *tmp, const char *dst)
{
	(void)tmp;
	if (strstr(dst, "/journals/"))
		kill(getpid(), SIGKILL);
}

static void test_migration(void)
{
	char *dir = subdir("migrate");
	spill(dir, "marks", v1_journal, sizeof(v1_journal) - 1);
	struct strbuf err = STRBUF_INIT;
	struct marks *r = marks_open(dir, MARKS_READONLY, &err);
	v1_expect(r, "read-only, before the migration");
	marks_close(r);
	char *v1 = slurp(dir, "marks");
	is_str(v1, v1_journal, "a read-only open migrates nothing");
	free(v1);

	/* Killed just before the new journal is renamed into place. */
	pid_t pid = fork();
	if (pid == 0) {
		struct strbuf e = STRBUF_INIT;
		fileio_before_rename = crash_before_rename;
		marks_close(marks_open(dir, 0, &e));
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "a migration killed before its rename");
	v1 = slurp(dir, "marks");
	is_str(v1, v1_journal, "  leaves the v1 file as it was");
	free(v1);

	struct marks *m = marks_open(dir, 0, &err);
	is_str(err.buf, "", "the next start migrates quietly");
	v1_expect(m, "migrated");
	v1 = slurp(dir, "marks.v1-migrated");
	is_str(v1, v1_journal, "the v1 file is kept as marks.v1-migrated");
	free(v1);
	ok(slurp(dir, "marks") == NULL, "and no longer read as marks");
	ok(journal_clean(dir), "the new journal is v2, its times increasing");
	is_int((long)marks_undo_depth(m), 5, "the undo history came along (5 steps, one undone)");
	const char *key;
	unsigned mask, old;
	size_t n;
	ok(marks_undo_peek(m, &key, &mask, &old, &n) && !strcmp(key, "2509.00007"), "the last first");
	marks_undo(m, &err);
	marks_undo(m, &err);
	letters_is(m, "2509.00005", "h", "undoing an unhide made after the clock went back");
	marks_undo(m, &err);
	letters_is(m, "2509.00005", "-", "then the hide");
	marks_undo(m, &err);
	letters_is(m, "2509.00003", "-", "the step of two papers undone");
	letters_is(m, "2509.00004", "-", "both");
	marks_undo(m, &err);
	letters_is(m, "2509.00001", "-", "down to the first star");
	letters_is(m, "2509.00002", "r", "a paper read by being shown stays read");
	marks_close(m);
	int lines = count_lines(dir);

	/* Killed after the journal is written, before marks is renamed: the
	 * next start finishes without writing the lines twice. */
	struct strbuf from = STRBUF_INIT, to = STRBUF_INIT;
	strbuf_addf(&from, "%s/marks.v1-migrated", dir);
	strbuf_addf(&to, "%s/marks", dir);
	rename(from.buf, to.buf);
	char *before = slurp(dir, J(dir));
	m = marks_open(dir, 0, &err);
	char *after = slurp(dir, J(dir));
	is_str(after, before, "a migration redone finds its lines written: the journal is unchanged");
	is_int(count_lines(dir), lines, "no line twice");
	ok(slurp(dir, "marks") == NULL, "and marks is renamed");
	marks_close(m);
	free(before);
	free(after);

	/* A corrupt v1 file: the good lines move, the original is kept. */
	char *bad = subdir("migrate-bad");
	static const char corrupt[] = "# digest-tui marks v1\n2025-11-01T10:00:00Z +s 2509.00001\n"
				      "garbage\n2025-11-01T10:00:03Z +s 25";
	spill(bad, "marks", corrupt, sizeof(corrupt) - 1);
	strbuf_reset(&err);
	m = marks_open(bad, 0, &err);
	struct strbuf want = STRBUF_INIT;
	strbuf_addf(&want, "%s/marks:3: unreadable marks line skipped (2 bad lines in all); "
		    "the original is kept as %s/marks.v1-migrated\n", bad, bad);
	is_str(err.buf, want.buf, "a corrupt v1 file: its bad lines named, the original kept");
	letters_is(m, "2509.00001", "s", "its good marks moved");
	marks_close(m);
	strbuf_release(&want);
	strbuf_release(&from);
	strbuf_release(&to);
	strbuf_release(&err);
	free(bad);
	free(dir);
}

/* sync-dir set after marks were made here: this machine's journal moves
 * from the state directory into the synced folder. */
static void test_move_to_sync_dir(void)
{
	char *state = subdir("mv-state"), *sync = subdir("mv-sync");
	make_state(state, "mover");
	mkdir(sync, 0700);
	struct strbuf err = STRBUF_INIT;
	struct marks *m = marks_open(state, 0, &err);
	marks_set(m, "2509.00001", MARK_STAR, 1, &err);
	marks_close(m);
	struct marks_place place = { state, sync, NULL, NULL };
	m = marks_open_at(&place, MARKS_READONLY, &err);
	letters_is(m, "2509.00001", "s", "read-only, sync-dir set: the journal in the state directory is read");
	marks_close(m);
	m = marks_open_at(&place, 0, &err);
	letters_is(m, "2509.00001", "s", "writable: moved");
	is_int((long)marks_undo_depth(m), 1, "with its history");
	ok(strstr(marks_path(m), "/mv-sync/journals/mover.marks") != NULL, "into DIR/journals");
	char *moved = slurp(state, "journals/mover.marks.moved");
	ok(moved && strstr(moved, "+s 2509.00001"), "the old one renamed .moved");
	free(moved);
	marks_close(m);
	is_str(err.buf, "", "no errors");
	strbuf_release(&err);
	free(state);
	free(sync);
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
	test_machine();
	test_merge();
	test_clock();
	test_partial_peer();
	test_compaction_merge();
	test_script_step();
	test_migration();
	test_move_to_sync_dir();
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", base);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", base);
	return tap_done();
}
