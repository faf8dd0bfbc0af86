/* Unit tests for sync.c and the runner it uses (launch_capture): where
 * marks and notes live for each carrier, note file names, a program run
 * with its output captured (exit status, environment, a lock it inherits,
 * exec failure, timeout), and a sync in the background reporting through
 * its pipe (real git, against a bare repository; skipped without git). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <poll.h>
#include <unistd.h>

#include "configfile.h"
#include "fileio.h"
#include "launch.h"
#include "marks.h"
#include "strbuf.h"
#include "sync.h"
#include "util.h"
#include "tap.h"

static char base[] = "/tmp/digest-tui-sync.XXXXXX";

static void test_places(void)
{
	struct config cfg;
	config_init_defaults(&cfg);
	struct strbuf err = STRBUF_INIT, path = STRBUF_INIT;
	struct sync_place p;
	setenv("XDG_STATE_HOME", "/x/state", 1);
	setenv("XDG_DATA_HOME", "/x/data", 1);
	is_int(sync_place_init(&p, &cfg, &err), 0, "no carrier");
	ok(p.mode == SYNC_NONE && !strcmp(p.journal_dir, "/x/state/digest-tui") &&
	   !strcmp(p.notes_dir, "/x/data/digest-tui/notes") && !p.work_tree,
	   "  journals in the state directory, notes in the data directory");
	sync_place_free(&p);
	config_set(&cfg, "sync-dir", "/x/Sync", &err);
	sync_place_init(&p, &cfg, &err);
	ok(p.mode == SYNC_DIR && !strcmp(p.journal_dir, "/x/Sync") &&
	   !strcmp(p.peers_dir, "/x/Sync") && !strcmp(p.notes_dir, "/x/Sync/notes"),
	   "sync-dir: journals and notes in DIR");
	sync_place_free(&p);
	config_set(&cfg, "sync-dir", "", &err);
	config_set(&cfg, "sync-git", "host:marks.git", &err);
	sync_place_init(&p, &cfg, &err);
	ok(p.mode == SYNC_GIT && !strcmp(p.journal_dir, "/x/state/digest-tui") &&
	   !strcmp(p.peers_dir, "/x/state/digest-tui/sync") &&
	   !strcmp(p.notes_dir, "/x/state/digest-tui/sync/notes") &&
	   !strcmp(p.work_tree, "/x/state/digest-tui/sync") && !strcmp(p.remote, "host:marks.git"),
	   "sync-git: this machine's journal stays in the state directory, the rest in the work tree");
	sync_place_free(&p);

	sync_note_path(&cfg, "2509.22622", &path, &err);
	is_str(path.buf, "/x/state/digest-tui/sync/notes/2509.22622.md", "a note is named by its arXiv ID");
	strbuf_reset(&path);
	sync_note_path(&cfg, "hep-th/9901001", &path, &err);
	is_str(path.buf, "/x/state/digest-tui/sync/notes/hep-th%2F9901001.md", "an old-style ID's / is %%2F");
	strbuf_reset(&path);
	sync_note_path(&cfg, "url:https://example.com/a b?x=../..", &path, &err);
	is_str(path.buf, "/x/state/digest-tui/sync/notes/url%3Ahttps%3A%2F%2Fexample.com%2Fa%20b%3Fx%3D..%2F...md",
	       "a link as key: every byte but letters, digits . _ - is %%XX");
	strbuf_reset(&path);
	char longkey[600];
	memset(longkey, 'a', sizeof(longkey) - 1);
	longkey[sizeof(longkey) - 1] = '\0';
	sync_note_path(&cfg, longkey, &path, &err);
	const char *name = strrchr(path.buf, '/') + 1;
	ok(strlen(name) == 160 + 3 && name[143] == '-', "a long key is cut and hashed: %zu bytes",
	   strlen(name));
	/* Back from the name to the key: what the reader looks for among the
	 * digests it has not parsed yet. */
	struct strbuf key = STRBUF_INIT;
	ok(sync_note_key(name, &key) == 0 && key.len == 143 && strspn(key.buf, "a") == 143,
	   "sync_note_key: a cut name gives the key's start, and says it was cut");
	const char *keys[] = { "2509.22622", "hep-th/9901001", "url:https://example.com/a b?x=../..",
			       ".hidden", "paper:2025-11-28/3/0123abcd", "100%" };
	int back = 1;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		struct strbuf nm = STRBUF_INIT;
		sync_note_name(keys[i], &nm);
		strbuf_reset(&key);
		back &= sync_note_key(nm.buf, &key) == 1 && !strcmp(key.buf, keys[i]);
		strbuf_release(&nm);
	}
	ok(back, "  a whole name gives its key back (IDs, links, a leading dot, %%)");
	strbuf_release(&key);
	is_str(err.buf, "", "no errors");
	strbuf_release(&path);
	strbuf_release(&err);
	config_free(&cfg);
}

static void test_capture(void)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	char *sh[] = { "sh", "-c", "echo out; echo err >&2; echo \"$SYNC_TEST\"; exit 3", NULL };
	char *env[] = { "SYNC_TEST=set for it", NULL };
	struct launch_run r = { sh, env, 0, -1 };
	is_int(launch_capture(&r, &out, &err), 3, "the exit status comes back");
	is_str(out.buf, "out\nerr\nset for it\n", "  with stdout, stderr and the environment given");
	strbuf_reset(&out);

	char *tty[] = { "sh", "-c", "(: </dev/tty) 2>/dev/null && echo has a terminal || echo no terminal", NULL };
	r = (struct launch_run){ tty, NULL, 0, -1 };
	launch_capture(&r, &out, &err);
	is_str(out.buf, "no terminal\n", "it has no terminal to ask a password on");
	strbuf_reset(&out);

	/* A lock it inherits is held as long as it runs. */
	char *lockpath = NULL;
	struct strbuf lp = STRBUF_INIT;
	strbuf_addf(&lp, "%s/lock", base);
	lockpath = lp.buf;
	int fd = fileio_lock(lockpath, 0, 0, 1, &err);
	char *probe[] = { "sh", "-c", "flock -n \"$0\" true && echo free || echo held", lockpath, NULL };
	char *flock_path = launch_which("flock");
	if (flock_path) {
		r = (struct launch_run){ probe, NULL, 0, -1 };
		launch_capture(&r, &out, &err);
		is_str(out.buf, "held\n", "a lock of ours is held while we hold it");
		strbuf_reset(&out);
		char *bg[] = { "sh", "-c", "sleep 2 >/dev/null 2>&1 & exit 0", NULL };
		r = (struct launch_run){ bg, NULL, 0, fd };
		launch_capture(&r, &out, &err);
		close(fd);
		r = (struct launch_run){ probe, NULL, 0, -1 };
		launch_capture(&r, &out, &err);
		is_str(out.buf, "held\n", "given to the program, it stays held by what it left running");
		strbuf_reset(&out);
	} else {
		close(fd);
		ok(1, "# SKIP flock(1) is not installed");
		ok(1, "# SKIP flock(1) is not installed");
	}
	free(flock_path);
	strbuf_release(&lp);

	char *none[] = { "digest-tui-no-such-program", NULL };
	r = (struct launch_run){ none, NULL, 0, -1 };
	is_int(launch_capture(&r, &out, &err), -1, "a program not found: -1");
	ok(strstr(err.buf, "not found in PATH") != NULL, "  saying so: %s", err.buf);
	strbuf_reset(&err);
	char *slow[] = { "sh", "-c", "echo started; exec sleep 30", NULL };
	r = (struct launch_run){ slow, NULL, 200, -1 };
	is_int(launch_capture(&r, &out, &err), -1, "a program that outlives its timeout: -1");
	ok(strstr(err.buf, "took longer than") != NULL, "  stopped, and said: %s", err.buf);
	strbuf_release(&out);
	strbuf_release(&err);
}

static int run(const char *cmd)
{
	return system(cmd);
}

/* A sync in the background: progress lines, then the outcome; the marks
 * a second machine sent are then read. */
static void test_job(void)
{
	char *git = launch_which("git");
	if (!git) {
		ok(1, "# SKIP git is not installed");
		return;
	}
	free(git);
	char cmd[512];
	snprintf(cmd, sizeof(cmd), "git init -q --bare '%s/remote.git'", base);
	if (run(cmd) != 0) {
		ok(1, "# SKIP git init --bare failed");
		return;
	}
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
	struct config cfg;
	config_init_defaults(&cfg);
	struct strbuf err = STRBUF_INIT, url = STRBUF_INIT, state = STRBUF_INIT, line = STRBUF_INIT;
	strbuf_addf(&url, "%s/remote.git", base);
	config_set(&cfg, "sync-git", url.buf, &err);

	/* Another machine's star, sent first. */
	strbuf_addf(&state, "%s/other", base);
	setenv("XDG_STATE_HOME", state.buf, 1);
	struct marks *m = sync_marks_open(&cfg, 0, &err);
	marks_set(m, "2509.00001", MARK_STAR, 1, &err);
	marks_close(m);
	struct strbuf out = STRBUF_INIT, warn = STRBUF_INIT;
	is_int(sync_run(&cfg, NULL, NULL, &out, &warn, &err), 0, "another machine syncs: %s%s",
	       out.buf, err.buf);

	strbuf_reset(&state);
	strbuf_addf(&state, "%s/here", base);
	setenv("XDG_STATE_HOME", state.buf, 1);
	m = sync_marks_open(&cfg, 0, &err);
	marks_set(m, "2509.00002", MARK_LATER, 1, &err);
	struct sync_job *j = sync_job_start(&cfg, &err);
	ok(j != NULL, "a sync starts in the background");
	int status = -1, progress = 0, rc;
	char kind;
	struct strbuf outcome = STRBUF_INIT;
	while ((rc = sync_job_read(j, &kind, &line, &status)) >= 0) {
		if (rc == 0) {
			struct pollfd p = { sync_job_fd(j), POLLIN, 0 };
			poll(&p, 1, 5000);
			continue;
		}
		if (kind == 'P')
			progress++;
		else if (kind == 'O')
			strbuf_add(&outcome, line.buf, line.len);
		else
			printf("# %c %s\n", kind, line.buf);
	}
	sync_job_free(j);
	is_int(status, 0, "it ends with status 0");
	ok(progress >= 3, "  after progress lines (%d)", progress);
	ok(strstr(outcome.buf, "received 1 change, sent 1") != NULL, "  and the outcome: %s",
	   outcome.buf);
	is_int(marks_refresh(m, &err), 1, "the running handle's refresh reads what it brought");
	ok(marks_get(m, "2509.00001") == MARK_STAR, "  the other machine's star");
	marks_close(m);
	is_str(err.buf, "", "no errors");

	config_set(&cfg, "sync-git", "/nonexistent/remote.git", &err);
	strbuf_reset(&out);
	strbuf_reset(&err);
	is_int(sync_run(&cfg, NULL, NULL, &out, &warn, &err), 1, "an unreachable remote: status 1");
	ok(!strncmp(err.buf, "sync: cannot reach /nonexistent/remote.git: ", 44) && !strchr(err.buf, '\n'),
	   "  one line: %s", err.buf);
	strbuf_release(&out);
	strbuf_release(&warn);
	strbuf_release(&outcome);
	strbuf_release(&line);
	strbuf_release(&url);
	strbuf_release(&state);
	strbuf_release(&err);
	config_free(&cfg);
}

int main(void)
{
	if (!mkdtemp(base)) {
		tap_skip_all("no temporary directory");
		return 0;
	}
	test_places();
	test_capture();
	test_job();
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", base);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", base);
	return tap_done();
}
