/* Unit tests for fileio.c: bounded reads that refuse FIFOs and devices
 * without blocking, mkdir -p, atomic replace (and planted symlinks), locks
 * with a bounded wait, temporary-file cleanup (a dead writer's file goes, a
 * live writer's stays). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fileio.h"
#include "tap.h"
#include "util.h"

static char tmpdir[] = "/tmp/digest-tui-test-fileio.XXXXXX";

static char *path_of(const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/%s", tmpdir, name);
	return strbuf_detach(&sb, NULL);
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static int count_temp(const char *dir)
{
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "test $(ls -a '%s' | grep -c '^\\.tmp-') = 0", dir);
	return system(cmd) == 0 ? 0 : 1;
}

static void test_read(void)
{
	struct strbuf err = STRBUF_INIT;
	char *data = NULL, *p = path_of("plain");
	size_t len = 0;
	put(p, "hello\n");
	is_int(fileio_read(p, 100, 0, &data, &len, &err), 0, "a regular file reads");
	ok(len == 6 && !strcmp(data, "hello\n"), "  whole, NUL-terminated");
	free(data);
	is_int(fileio_read(p, 5, 0, &data, &len, &err), -1, "over the cap: refused");
	is_int(errno, EFBIG, "  with EFBIG");
	ok(strstr(err.buf, "larger than 5 bytes") != NULL && !strchr(err.buf, '\n'),
	   "  one line without a newline: %s", err.buf);
	strbuf_reset(&err);
	is_int(fileio_read(p, 6, 0, &data, &len, &err), 0, "exactly at the cap: read");
	free(data);

	/* A FIFO with no writer: an open without O_NONBLOCK would hang. The
	 * child is killed by an alarm if it does. */
	char *fifo = path_of("fifo");
	mkfifo(fifo, 0600);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		alarm(5);
		struct strbuf e = STRBUF_INIT;
		char *d;
		size_t l;
		int rc = fileio_read(fifo, 100, 0, &d, &l, &e);
		int good = rc == -1 && errno == EINVAL && strstr(e.buf, "a FIFO");
		/* The child's heap is checked by valgrind too. */
		strbuf_release(&e);
		free(fifo);
		free(p);
		_exit(good ? 0 : 3);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "a FIFO is refused at once (EINVAL, \"a FIFO\"), not waited on");

	/* /dev/zero behind a symlink: refused, not read until memory runs out. */
	char *zero = path_of("zero.md");
	if (symlink("/dev/zero", zero) == 0) {
		is_int(fileio_read(zero, 1 << 20, 0, &data, &len, &err), -1,
		       "a symlink to /dev/zero is refused");
		is_int(errno, EINVAL, "  as not a regular file");
		strbuf_reset(&err);
	}
	char *link = path_of("link");
	symlink(p, link);
	is_int(fileio_read(link, 100, 0, &data, &len, &err), 0, "a symlink to a file is followed");
	free(data);
	is_int(fileio_read(link, 100, FILEIO_NOFOLLOW, &data, &len, &err), -1,
	       "  but not with FILEIO_NOFOLLOW");
	strbuf_reset(&err);
	is_int(fileio_read(tmpdir, 100, 0, &data, &len, &err), -1, "a directory is refused");
	is_int(errno, EISDIR, "  with EISDIR");
	char *none = path_of("none");
	strbuf_reset(&err);
	is_int(fileio_read(none, 100, 0, &data, &len, &err), -1, "a missing file fails");
	is_int(errno, ENOENT, "  with ENOENT, for callers that allow it");

	int fd = fileio_open(fifo, 1, 0, 1, 0600, NULL);
	ok(fd < 0 && errno == EINVAL, "fileio_open refuses a FIFO for appending too");
	free(p);
	free(fifo);
	free(zero);
	free(link);
	free(none);
	strbuf_release(&err);
}

static void test_mkdirs(void)
{
	struct strbuf err = STRBUF_INIT;
	char *d = path_of("a/b/c");
	is_int(fileio_mkdirs(d, 0700, &err), 0, "mkdir -p makes the parents");
	struct stat st;
	ok(stat(d, &st) == 0 && S_ISDIR(st.st_mode), "  the directory exists");
	is_int(fileio_mkdirs(d, 0700, &err), 0, "an existing directory is fine");
	char *f = path_of("a/file");
	put(f, "x");
	char *under = path_of("a/file/sub");
	is_int(fileio_mkdirs(under, 0700, &err), -1, "under a file: fails");
	ok(strstr(err.buf, "cannot create the directory") != NULL, "  saying so: %s", err.buf);
	strbuf_reset(&err);
	is_int(fileio_mkdirs(f, 0700, &err), -1, "a file where the directory goes: fails");
	is_int(errno, ENOTDIR, "  with ENOTDIR");
	free(d);
	free(f);
	free(under);
	strbuf_release(&err);
}

static void die_hook(const char *tmp, const char *dst)
{
	(void)tmp;
	(void)dst;
	_exit(0);
}

static void test_replace(void)
{
	struct strbuf err = STRBUF_INIT;
	char *dst = path_of("target");
	char *data;
	size_t len;
	is_int(fileio_replace(tmpdir, "target", "one\n", 4, 0644, &err), 0, "replace creates");
	is_int(fileio_replace(tmpdir, "target", "two!\n", 5, 0644, &err), 0, "and replaces");
	fileio_read(dst, 100, 0, &data, &len, NULL);
	is_str(data, "two!\n", "  with the new content");
	free(data);
	is_int(count_temp(tmpdir), 0, "  leaving no temporary file");

	/* The final name a symlink to a victim: the link is replaced, the
	 * victim untouched. */
	char *victim = path_of("victim");
	put(victim, "precious\n");
	char *ln = path_of("linked");
	symlink(victim, ln);
	is_int(fileio_replace(tmpdir, "linked", "new\n", 4, 0644, &err), 0,
	       "replace over a symlink");
	fileio_read(victim, 100, 0, &data, &len, NULL);
	is_str(data, "precious\n", "  does not write through it");
	free(data);
	struct stat st;
	ok(lstat(ln, &st) == 0 && S_ISREG(st.st_mode), "  and leaves a regular file");

	/* A killed writer leaves its temporary file, which clean_temp removes. */
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		fileio_before_rename = die_hook;
		fileio_replace(tmpdir, "target", "three\n", 6, 0644, NULL);
		_exit(1);
	}
	int status;
	waitpid(pid, &status, 0);
	fileio_read(dst, 100, 0, &data, &len, NULL);
	is_str(data, "two!\n", "killed before the rename: the old content");
	free(data);
	is_int(count_temp(tmpdir), 1, "  and a temporary file");
	fileio_clean_temp(tmpdir);
	is_int(count_temp(tmpdir), 0, "fileio_clean_temp removes it");
	ok(fileio_is_temp_name(".tmp-1-2-3") && !fileio_is_temp_name("x.md"), "temp names");

	/* fileio_create: never over an existing file or through a link. */
	is_int(fileio_create(victim, "x", 1, 0600, &err), -1, "create refuses an existing file");
	char *dangling = path_of("dangling");
	char *target = path_of("dangling-target");
	symlink(target, dangling);
	strbuf_reset(&err);
	is_int(fileio_create(dangling, "x", 1, 0600, &err), -1, "  and a dangling symlink");
	ok(lstat(target, &st) < 0, "  creating nothing at its target");
	char *fresh = path_of("fresh");
	is_int(fileio_create(fresh, "abc", 3, 0600, &err), 0, "create makes a new file");
	is_int(fileio_replace("/nonexistent-dir", "x", "y", 1, 0644, &err), -1,
	       "replace in a missing directory fails");
	free(dst);
	free(victim);
	free(ln);
	free(dangling);
	free(target);
	free(fresh);
	strbuf_release(&err);
}

/* Plants a file at dst between the temporary file's write and its placing:
 * another writer that got there first. */
static void plant_hook(const char *tmp, const char *dst)
{
	(void)tmp;
	put(dst, "theirs\n");
}

/* fileio_create_atomic: a whole file, or nothing over an existing one. */
static void test_create_atomic(void)
{
	struct strbuf err = STRBUF_INIT;
	char *p = path_of("atomic");
	char *data;
	size_t len;
	is_int(fileio_create_atomic(tmpdir, "atomic", "one\n", 4, 0644, &err), 0,
	       "create_atomic makes a new file");
	is_int(fileio_create_atomic(tmpdir, "atomic", "two\n", 4, 0644, &err), -1,
	       "  and refuses an existing one");
	is_int(errno, EEXIST, "  with EEXIST");
	fileio_read(p, 100, 0, &data, &len, NULL);
	is_str(data, "one\n", "  which keeps its content");
	free(data);
	is_int(count_temp(tmpdir), 0, "  leaving no temporary file");

	char *late = path_of("late");
	fileio_before_rename = plant_hook;
	is_int(fileio_create_atomic(tmpdir, "late", "mine\n", 5, 0644, &err), -1,
	       "a file made by another while writing: refused too");
	fileio_before_rename = NULL;
	fileio_read(late, 100, 0, &data, &len, NULL);
	is_str(data, "theirs\n", "  the other's file is kept");
	free(data);
	is_int(count_temp(tmpdir), 0, "  and no temporary file is left");

	char *dangling = path_of("atomic-dangling");
	char *target = path_of("atomic-target");
	symlink(target, dangling);
	is_int(fileio_create_atomic(tmpdir, "atomic-dangling", "x", 1, 0644, &err), -1,
	       "a dangling symlink counts as existing");
	struct stat st;
	ok(lstat(target, &st) < 0, "  nothing is made at its target");
	free(p);
	free(late);
	free(dangling);
	free(target);
	strbuf_release(&err);
}

/* Cleans the directory while the writer is between its write and rename. */
static int temp_survived;
static void clean_hook(const char *tmp, const char *dst)
{
	(void)dst;
	fileio_clean_temp(tmpdir);
	temp_survived = access(tmp, F_OK) == 0;
}

static void test_temp_liveness(void)
{
	struct strbuf err = STRBUF_INIT;
	char *data = NULL;
	size_t len = 0;
	fileio_before_rename = clean_hook;
	int rc = fileio_replace(tmpdir, "live", "live\n", 5, 0644, &err);
	fileio_before_rename = NULL;
	ok(temp_survived, "a live writer's temporary file survives a cleaner");
	is_int(rc, 0, "  and its rename succeeds");
	char *live = path_of("live");
	fileio_read(live, 100, 0, &data, &len, NULL);
	is_str(data, "live\n", "  with its content");
	free(data);
	free(live);

	/* A dead writer's file, however young: nobody holds its lock. */
	char *young = path_of(".tmp-999999-1-0badcafe");
	put(young, "partial");
	fileio_clean_temp(tmpdir);
	ok(access(young, F_OK) < 0, "a dead writer's young temporary file is removed");

	/* Held by another process: left, however old; removed once it is gone. */
	put(young, "partial");
	int go[2], ready[2];
	if (pipe(go) < 0 || pipe(ready) < 0) {
		free(young);
		strbuf_release(&err);
		return;
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(go[1]);
		int fd = open(young, O_RDONLY);
		char c = flock(fd, LOCK_EX) == 0 ? 'y' : 'n';
		if (write(ready[1], &c, 1) != 1 || read(go[0], &c, 1) < 0)
			_exit(3);
		_exit(0);   /* at the end of file on go: its parent let go */
	}
	char c = 0;
	if (read(ready[0], &c, 1) != 1)
		c = 0;
	fileio_clean_temp(tmpdir);
	ok(c == 'y' && access(young, F_OK) == 0,
	   "a temporary file whose lock another process holds is left alone");
	close(go[1]);
	int status;
	waitpid(pid, &status, 0);
	fileio_clean_temp(tmpdir);
	ok(access(young, F_OK) < 0, "  and removed once that process is gone");
	close(go[0]);
	close(ready[0]);
	close(ready[1]);
	free(young);
	strbuf_release(&err);
}

static void test_lock(void)
{
	struct strbuf err = STRBUF_INIT;
	char *p = path_of("the.lock");
	int a = fileio_lock(p, 0, 0, 1, &err);
	ok(a >= 0, "an exclusive lock is taken (and the file created)");
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		struct strbuf e = STRBUF_INIT;
		int fd = fileio_lock(p, 1, 100, 0, &e);
		_exit(fd < 0 && errno == EWOULDBLOCK && strstr(e.buf, "locked by another process") ? 0 : 3);
	}
	int status;
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "another process waits the bound, then gives up with EWOULDBLOCK");
	close(a);
	int b = fileio_lock(p, 1, 0, 0, &err);
	int c = fileio_lock(p, 1, 0, 0, &err);
	ok(b >= 0 && c >= 0, "once released, shared locks coexist");
	fileio_unlock_fd(b);
	close(b);
	close(c);
	char *fifo = path_of("fifo.lock");
	mkfifo(fifo, 0600);
	strbuf_reset(&err);
	ok(fileio_lock(fifo, 1, 0, 0, &err) < 0 && strstr(err.buf, "not a regular file"),
	   "a FIFO as the lock is refused without blocking");
	free(p);
	free(fifo);
	strbuf_release(&err);
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		tap_skip_all("cannot make a temporary directory");
		return 0;
	}
	test_read();
	test_mkdirs();
	test_replace();
	test_create_atomic();
	test_temp_liveness();
	test_lock();
	char cmd[700];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tmpdir);
	return tap_done();
}
