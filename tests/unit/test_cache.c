/* Unit tests for cache.c: metadata, atomic stores, crash healing, loading,
 * locks, the watch for changes. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "archive.h"
#include "cache.h"
#include "fileio.h"
#include "tap.h"
#include "util.h"

static char tmpdir[] = "/tmp/digest-tui-test-cache.XXXXXX";

static const char post1[] =
	"---\ntitle: \"Daily Papers — 2025-09-29\"\ndate: 2025-09-29 08:15:00\n---\n\n"
	"# 1. [First Paper](https://arxiv.org/abs/2509.00001)\n\n"
	"## Introduction\n\n- Goal: 첫 번째 논문의 목표.\n\n## Conclusion\n\n끝.\n";
static const char post2[] =
	"---\ntitle: \"Daily Papers — 2025-09-30\"\ndate: 2025-09-30 08:15:00\n---\n\n"
	"# 1. [Second Paper](https://arxiv.org/abs/2509.00002)\n\n"
	"## Method\n\n방법.\n";

static void test_dirs(void)
{
	struct strbuf d = STRBUF_INIT, err = STRBUF_INIT;
	setenv("XDG_CACHE_HOME", "/x/cache", 1);
	cache_default_dir(&d, &err);
	is_str(d.buf, "/x/cache/digest-tui", "XDG_CACHE_HOME is honoured");
	strbuf_reset(&d);
	setenv("XDG_CACHE_HOME", "relative", 1);
	setenv("HOME", "/home/someone", 1);
	cache_default_dir(&d, &err);
	is_str(d.buf, "/home/someone/.cache/digest-tui", "a relative XDG_CACHE_HOME is ignored");
	strbuf_reset(&d);
	unsetenv("XDG_CACHE_HOME");
	cache_default_dir(&d, &err);
	is_str(d.buf, "/home/someone/.cache/digest-tui", "else ~/.cache");
	strbuf_reset(&d);
	unsetenv("HOME");
	is_int(cache_default_dir(&d, &err), -1, "neither XDG_CACHE_HOME nor HOME: none");
	is_str(err.buf, "no cache directory: neither XDG_CACHE_HOME nor HOME is set",
	       "  the marks' rule and words (not the password database's home)");
	setenv("HOME", "/home/someone", 1);
	strbuf_release(&d);
	strbuf_release(&err);
}

static void fill_meta(struct cache_meta *m, const char *date)
{
	cache_meta_init(m);
	m->source = xstrdup("test");
	m->url = xstrdup("http://127.0.0.1/p.md");
	m->date = date ? xstrdup(date) : NULL;
	m->status = 200;
	m->etag = xstrdup("\"abc\"");
	m->last_modified = xstrdup("Mon, 29 Sep 2025 08:00:00 GMT");
	m->charset = xstrdup("utf-8");
	m->fetched = 1759132800;
}

static int read_all(const char *path, struct strbuf *out)
{
	char *data;
	size_t len;
	strbuf_reset(out);
	if (fileio_read(path, FILEIO_FILE_MAX, 0, &data, &len, NULL) < 0)
		return -1;
	strbuf_add(out, data, len);
	free(data);
	return 0;
}

static int count_temp(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *de;
	while (d && (de = readdir(d)))
		n += !strncmp(de->d_name, ".tmp-", 5);
	if (d)
		closedir(d);
	return n;
}

static void test_meta(void)
{
	struct cache_meta m, back;
	struct strbuf text = STRBUF_INIT;
	const char *why;
	fill_meta(&m, "2025-09-29");
	m.file = xstrdup("2025-09-29-test-p.md");
	m.bytes = 12;
	memcpy(m.sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 65);
	cache_meta_format(&m, &text);
	ok(strstr(text.buf, "\nurl: http://127.0.0.1/p.md\n") != NULL, "metadata is key: value lines");
	ok(strstr(text.buf, "\nfetched: 2025-09-29T08:00:00Z\n") != NULL, "the fetch time in UTC");
	is_int(cache_meta_parse(text.buf, text.len, &back, &why), 0, "it parses back");
	is_str(back.source, "test", "source");
	is_str(back.url, m.url, "url");
	is_str(back.date, "2025-09-29", "date");
	is_int(back.status, 200, "status");
	is_str(back.file, m.file, "file");
	is_int(back.bytes, 12, "bytes");
	is_str(back.sha256, m.sha256, "sha256");
	is_str(back.etag, "\"abc\"", "etag");
	is_str(back.last_modified, m.last_modified, "last-modified");
	is_str(back.charset, "utf-8", "charset");
	is_int((long)back.fetched, 1759132800L, "fetched");
	cache_meta_free(&back);

	/* Every truncation of it is detected (no crash, no half metadata). */
	int caught = 0, total = 0;
	const char *last_line = strrchr(text.buf, '\n');
	for (size_t n = 0; n < text.len; n++) {
		if (text.buf + n > last_line - 1)
			break;
		total++;
		if (cache_meta_parse(text.buf, n, &back, &why) < 0)
			caught++;
		else
			cache_meta_free(&back);
	}
	/* "fetched" comes last and is required: every cut is seen. */
	is_int(caught, total, "truncated metadata is refused (%d cuts)", total);

	static const char *const bad[] = {
		"",
		"garbage\x01\x02\n",
		"url: x\nstatus: 200\n",
		"version: 2\nurl: x\nstatus: 404\nfetched: 2025-01-01T00:00:00Z\n",
		"version: 1\nstatus: 404\nfetched: 2025-01-01T00:00:00Z\n",
		"version: 1\nurl: x\nstatus: 200\nfetched: 2025-01-01T00:00:00Z\n",
		"version: 1\nurl: x\nstatus: 200\nfile: a.md\nbytes: 3\nsha256: xyz\nfetched: 2025-01-01T00:00:00Z\n",
		"version: 1\nurl: x\nstatus: 200\nfile: ../a.md\nbytes: 3\nsha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\nfetched: 2025-01-01T00:00:00Z\n",
		"version: 1\nurl: x\nstatus: 404\nfetched: yesterday\n",
		"version: 1\nurl: x\nstatus: 99999\nfetched: 2025-01-01T00:00:00Z\n",
		"version: 1\nurl: x\nstatus: 404\nfile: a.md\nfetched: 2025-01-01T00:00:00Z\n",
		"version: 1\nurl: x\nstatus: 404\ndate: 2025-02-30\nfetched: 2025-01-01T00:00:00Z\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		int rc = cache_meta_parse(bad[i], strlen(bad[i]), &back, &why);
		ok(rc < 0 && why, "bad metadata %zu is refused (%s)", i, why ? why : "-");
		if (rc == 0)
			cache_meta_free(&back);
	}
	const char nul[] = "version: 1\nurl: x\0\nstatus: 404\nfetched: 2025-01-01T00:00:00Z\n";
	ok(cache_meta_parse(nul, sizeof(nul) - 1, &back, &why) < 0, "NUL bytes are refused");
	const char missing[] = "# c\nversion: 1\nurl: x\nstatus: 404\nfetched: 2025-01-01T00:00:00Z\nfuture: key\n";
	is_int(cache_meta_parse(missing, strlen(missing), &back, &why), 0,
	       "a 404 record with an unknown key parses");
	is_str(back.file, NULL, "and has no file");
	cache_meta_free(&back);
	cache_meta_free(&m);
	strbuf_release(&text);
}

static void corrupt_byte(const char *path, long off)
{
	FILE *f = fopen(path, "r+b");
	if (!f)
		return;
	fseek(f, off, SEEK_SET);
	int c = fgetc(f);
	fseek(f, off, SEEK_SET);
	fputc(c ^ 0x20, f);
	fclose(f);
}

static void die_before_rename(const char *tmp, const char *dst)
{
	(void)tmp;
	(void)dst;
	_exit(0);
}

static int renames_left;

/* Dies before the rename after renames_left more. */
static void die_before_nth_rename(const char *tmp, const char *dst)
{
	(void)tmp;
	(void)dst;
	if (renames_left-- == 0)
		_exit(0);
}

static void test_store_and_load(void)
{
	struct cache c;
	struct strbuf err = STRBUF_INIT, path = STRBUF_INIT, got = STRBUF_INIT;
	struct strbuf dir = STRBUF_INIT;
	strbuf_addf(&dir, "%s/cache/digest-tui", tmpdir);
	is_int(cache_open(&c, dir.buf, 1, &err), 0, "cache_open creates the directories");
	struct stat st;
	ok(stat(c.posts, &st) == 0 && S_ISDIR(st.st_mode), "posts/ exists");
	ok(stat(c.meta, &st) == 0 && S_ISDIR(st.st_mode), "meta/ exists");

	struct cache_meta m;
	fill_meta(&m, "2025-09-29");
	is_int(cache_store(&c, "2025-09-29-test-a", post1, strlen(post1), &m, &err), 0,
	       "store a post");
	is_str(m.file, "2025-09-29-test-a.md", "store sets the file name");
	is_int((long)m.bytes, (long)strlen(post1), "and the byte count");
	strbuf_addf(&path, "%s/2025-09-29-test-a.md", c.posts);
	ok(read_all(path.buf, &got) == 0 && got.len == strlen(post1) &&
	   !memcmp(got.buf, post1, got.len), "the post is stored byte for byte");
	cache_meta_free(&m);

	struct cache_meta back;
	is_int(cache_meta_read(&c, "2025-09-29-test-a", &back, &err), 0, "its metadata reads back");
	is_int(cache_post_check(&c, &back, NULL, NULL, &err), 0, "and the post checks out");
	cache_meta_free(&back);
	is_int(cache_meta_read(&c, "2025-09-30-none", &back, &err), 1, "absent metadata is 1");
	is_int(count_temp(c.posts) + count_temp(c.meta), 0, "no temporary files are left");

	fill_meta(&m, "2025-09-30");
	cache_store(&c, "2025-09-30-test-b", post2, strlen(post2), &m, &err);
	cache_meta_free(&m);
	fill_meta(&m, "2025-10-01");
	m.status = 404;
	is_int(cache_store(&c, "2025-10-01-test-c", NULL, 0, &m, &err), 0, "store a 404 record");
	cache_meta_free(&m);
	is_int(cache_meta_read(&c, "2025-10-01-test-c", &back, &err), 0, "it reads back");
	is_int(back.status, 404, "with status 404");
	cache_meta_free(&back);

	struct archive a;
	struct strbuf errors = STRBUF_INIT;
	archive_init(&a);
	is_int(cache_load(&c, &a, NULL, &errors), 2, "both posts load");
	is_str(errors.buf, "", "without a message");
	archive_sort(&a);
	if (a.n == 2) {
		is_str(a.v[0].date, "2025-09-29", "in date order");
		is_str(a.v[1].papers[0].title.s, "Second Paper", "the second post's paper");
	}
	archive_free(&a);

	/* Only some sources. */
	struct source_list only;
	source_list_init(&only);
	source_list_add(&only, "other=http://127.0.0.1/%F.md", &err);
	archive_init(&a);
	is_int(cache_load(&c, &a, &only, &errors), 0, "no posts of another source");
	archive_free(&a);
	source_list_add(&only, "test=http://127.0.0.1/x/%F.md", &err);
	archive_init(&a);
	is_int(cache_load(&c, &a, &only, &errors), 2, "all of a source named");
	archive_free(&a);
	source_list_free(&only);

	/* A crash between writing and renaming leaves the old post as it was. */
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		fileio_before_rename = die_before_rename;
		fill_meta(&m, "2025-09-29");
		cache_store(&c, "2025-09-29-test-a", post2, strlen(post2), &m, &err);
		_exit(1);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	ok(read_all(path.buf, &got) == 0 && got.len == strlen(post1) &&
	   !memcmp(got.buf, post1, got.len), "a write killed before its rename changes nothing");
	is_int(count_temp(c.posts) + count_temp(c.meta), 1, "it leaves a temporary file");
	DIR *d = opendir(c.posts);
	struct dirent *de;
	int md_temp = 0;
	while (d && (de = readdir(d)))
		if (!strncmp(de->d_name, ".tmp-", 5) && strstr(de->d_name, ".md"))
			md_temp++;
	if (d)
		closedir(d);
	is_int(md_temp, 0, "whose name is no *.md");
	archive_init(&a);
	strbuf_reset(&errors);
	is_int(cache_load(&c, &a, NULL, &errors), 2, "the loader ignores it");
	is_str(errors.buf, "", "silently");
	archive_free(&a);
	cache_clean_temp(&c);
	is_int(count_temp(c.posts) + count_temp(c.meta), 0, "cache_clean_temp removes it");

	/* A crash between the two renames of a store (the metadata in place,
	 * the post not yet): the old post is complete and still shown, and the
	 * next load heals its metadata without the network. */
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		renames_left = 1;
		fileio_before_rename = die_before_nth_rename;
		fill_meta(&m, "2025-09-29");
		free(m.etag);
		m.etag = xstrdup("\"new\"");
		cache_store(&c, "2025-09-29-test-a", post2, strlen(post2), &m, &err);
		_exit(1);
	}
	waitpid(pid, &status, 0);
	ok(read_all(path.buf, &got) == 0 && got.len == strlen(post1) &&
	   !memcmp(got.buf, post1, got.len), "killed between the renames: the old post in place");
	is_int(cache_meta_read(&c, "2025-09-29-test-a", &back, &err), 0, "the new metadata in place");
	is_int(back.bytes, (long)strlen(post2), "  naming the new post");
	strbuf_reset(&err);
	is_int(cache_post_check(&c, &back, NULL, NULL, &err), 1, "  so the post is pending, not bad");
	cache_meta_free(&back);
	archive_init(&a);
	strbuf_reset(&errors);
	is_int(cache_load(&c, &a, NULL, &errors), 2, "the pending post is loaded");
	is_str(errors.buf, "", "  with nothing to report");
	archive_free(&a);
	is_int(cache_meta_read(&c, "2025-09-29-test-a", &back, &err), 0, "healed metadata reads");
	is_int(back.bytes, (long)strlen(post1), "  and describes the post in place");
	is_int(cache_post_check(&c, &back, NULL, NULL, &err), 0, "  which checks out");
	ok(back.etag == NULL, "  the new version's validator dropped");
	ok(back.prev_sha256[0] == '\0', "  and no previous version left");
	cache_meta_free(&back);
	cache_clean_temp(&c);

	/* Corruption: a changed byte, a truncated post, garbage metadata. */
	corrupt_byte(path.buf, 20);
	fill_meta(&m, NULL);
	is_int(cache_meta_read(&c, "2025-09-29-test-a", &back, &err), 0, "metadata still reads");
	strbuf_reset(&err);
	ok(cache_post_check(&c, &back, NULL, NULL, &err) < 0, "a changed byte is detected");
	is_str(err.buf, "checksum mismatch", "as a checksum mismatch");
	cache_meta_free(&back);
	cache_meta_free(&m);
	archive_init(&a);
	strbuf_reset(&errors);
	is_int(cache_load(&c, &a, NULL, &errors), 1, "the bad post is not loaded");
	ok(strstr(errors.buf, "2025-09-29-test-a.md: bad cache entry (checksum mismatch)") != NULL,
	   "but reported");
	is_int((long)(strchr(errors.buf, '\n') - errors.buf + 1), (long)errors.len,
	       "in one line");
	archive_free(&a);

	strbuf_reset(&path);
	strbuf_addf(&path, "%s/2025-09-30-test-b.meta", c.meta);
	FILE *f = fopen(path.buf, "w");
	if (f) {
		fputs("\x7f" "ELF\x02\x01 not metadata at all", f);
		fclose(f);
	}
	archive_init(&a);
	strbuf_reset(&errors);
	is_int(cache_load(&c, &a, NULL, &errors), 0, "garbage metadata: not loaded");
	ok(strstr(errors.buf, "2025-09-30-test-b.md: bad cache entry (corrupt metadata") != NULL,
	   "and reported");
	archive_free(&a);

	/* A post without metadata, a non-post with metadata. */
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/2025-10-02-x.md", c.posts);
	f = fopen(path.buf, "w");
	if (f) {
		fputs(post1, f);
		fclose(f);
	}
	fill_meta(&m, "2025-10-03");
	cache_store(&c, "2025-10-03-test-n", "just notes\n", 11, &m, &err);
	cache_meta_free(&m);
	archive_init(&a);
	strbuf_reset(&errors);
	is_int(cache_load(&c, &a, NULL, &errors), 0, "neither loads");
	ok(strstr(errors.buf, "2025-10-02-x.md: bad cache entry (no metadata)") != NULL,
	   "a post without metadata is reported");
	ok(strstr(errors.buf, "2025-10-03-test-n.md: not a digest post") != NULL,
	   "a non-post is reported like any file");
	archive_free(&a);

	/* cache_load_archive: the default cache (XDG_CACHE_HOME). */
	struct strbuf xdg = STRBUF_INIT;
	strbuf_addf(&xdg, "%s/cache", tmpdir);
	setenv("XDG_CACHE_HOME", xdg.buf, 1);
	archive_init(&a);
	strbuf_reset(&errors);
	is_int(cache_load_archive(&a, &errors), 0, "cache_load_archive reads XDG_CACHE_HOME");
	ok(errors.len > 0, "and reports its bad entries");
	archive_free(&a);
	strbuf_reset(&xdg);
	strbuf_addf(&xdg, "%s/nothing-here", tmpdir);
	setenv("XDG_CACHE_HOME", xdg.buf, 1);
	archive_init(&a);
	strbuf_reset(&errors);
	is_int(cache_load_archive(&a, &errors), 0, "no cache: no posts");
	is_str(errors.buf, "", "and no message");
	ok(stat(xdg.buf, &st) < 0, "and loading creates nothing");
	archive_free(&a);

	cache_close(&c);
	strbuf_release(&xdg);
	strbuf_release(&errors);
	strbuf_release(&err);
	strbuf_release(&path);
	strbuf_release(&got);
	strbuf_release(&dir);
}

static void test_lock(void)
{
	struct cache a, b;
	struct strbuf err = STRBUF_INIT, dir = STRBUF_INIT;
	strbuf_addf(&dir, "%s/lock", tmpdir);
	cache_open(&a, dir.buf, 1, &err);
	cache_open(&b, dir.buf, 1, &err);
	is_int(cache_lock_fetch(&a, 0, &err), 0, "the first fetch lock is taken");
	is_int(cache_lock_fetch(&b, 100, &err), -1, "a second one waits and gives up");
	is_str(err.buf, "another digest-tui is updating the cache", "with a clear message");
	cache_unlock_fetch(&a);
	strbuf_reset(&err);
	is_int(cache_lock_fetch(&b, 0, &err), 0, "once released it can be taken");

	/* In another process too (flock is per open file). */
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		struct cache c;
		struct strbuf e = STRBUF_INIT;
		cache_open(&c, dir.buf, 0, &e);
		_exit(cache_lock_fetch(&c, 50, &e) == 0 ? 0 : 3);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 3, "another process cannot take it");
	cache_close(&b);
	pid = fork();
	if (pid == 0) {
		struct cache c;
		struct strbuf e = STRBUF_INIT;
		cache_open(&c, dir.buf, 0, &e);
		_exit(cache_lock_fetch(&c, 50, &e) == 0 ? 0 : 3);
	}
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "closing the cache releases it");
	cache_close(&a);
	strbuf_release(&err);
	strbuf_release(&dir);
}

/* Which posts another process stored, changed or removed since the reader
 * looked. */
static void test_watch(void)
{
	struct cache c;
	struct strbuf err = STRBUF_INIT, dir = STRBUF_INIT;
	strbuf_addf(&dir, "%s/watch", tmpdir);
	struct cache_watch *none = cache_watch_new(dir.buf);
	struct cache_changes ch = { 0 };
	is_int((long)cache_watch_poll(none, &ch), 0, "a cache that does not exist yet: no change");
	cache_open(&c, dir.buf, 1, &err);
	struct cache_meta m;
	fill_meta(&m, "2025-09-29");
	cache_store(&c, "2025-09-29-w-a", post1, strlen(post1), &m, &err);
	cache_meta_free(&m);
	is_int((long)cache_watch_poll(none, &ch), 1, "then a post stored: one change");
	ok(ch.n == 1 && ch.v[0].kind == CACHE_ADDED && strstr(ch.v[0].path, "/posts/2025-09-29-w-a.md"),
	   "  added, with its path");
	cache_changes_free(&ch);
	cache_watch_free(none);

	fill_meta(&m, "2025-09-30");
	cache_store(&c, "2025-09-30-w-b", post2, strlen(post2), &m, &err);
	cache_meta_free(&m);
	struct cache_watch *w = cache_watch_new(dir.buf);
	is_int((long)cache_watch_poll(w, &ch), 0, "nothing changed since the watch began");
	/* Another process: a retitled post (same size even), a new day, a
	 * removed one. */
	fill_meta(&m, "2025-09-29");
	char *retitled = xstrdup(post1);
	retitled[strlen(retitled) - 3] = 'X';
	cache_store(&c, "2025-09-29-w-a", retitled, strlen(retitled), &m, &err);
	cache_meta_free(&m);
	free(retitled);
	fill_meta(&m, "2025-10-01");
	cache_store(&c, "2025-10-01-w-c", post2, strlen(post2), &m, &err);
	cache_meta_free(&m);
	struct strbuf p = STRBUF_INIT;
	strbuf_addf(&p, "%s/2025-09-30-w-b.md", c.posts);
	unlink(p.buf);
	is_int((long)cache_watch_poll(w, &ch), 3, "a changed, an added and a removed post");
	if (ch.n == 3) {
		ok(ch.v[0].kind == CACHE_CHANGED && strstr(ch.v[0].path, "2025-09-29-w-a.md"),
		   "  the rewritten post, though its size is the same");
		ok(ch.v[1].kind == CACHE_REMOVED && strstr(ch.v[1].path, "2025-09-30-w-b.md"),
		   "  the removed one");
		ok(ch.v[2].kind == CACHE_ADDED && strstr(ch.v[2].path, "2025-10-01-w-c.md"),
		   "  the new day");
	}
	cache_changes_free(&ch);
	is_int((long)cache_watch_poll(w, &ch), 0, "polled again: nothing new");
	cache_watch_free(w);
	cache_close(&c);
	strbuf_release(&p);
	strbuf_release(&err);
	strbuf_release(&dir);
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		tap_skip_all("cannot make a temporary directory");
		return 0;
	}
	test_dirs();
	test_meta();
	test_store_and_load();
	test_lock();
	test_watch();
	char cmd[700];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tmpdir);
	return tap_done();
}
