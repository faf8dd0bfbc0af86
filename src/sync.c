/* sync: where marks and notes live, and the git carrier (see sync.h). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "configfile.h"
#include "fileio.h"
#include "i18n.h"
#include "launch.h"
#include "marks.h"
#include "sha256.h"
#include "sync.h"
#include "util.h"
#include "worker.h"
#include "xdg.h"

#define BRANCH "main"
#define REMOTE_REF "refs/remotes/origin/" BRANCH
#define GIT_TIMEOUT_MS (120 * 1000)
/* A sync waits this long for another one (or a git it left) to finish. */
#define LOCK_WAIT_MS (60 * 1000)
#define PUSH_TRIES 3
#define NOTE_NAME_MAX 160

/* ---- places ------------------------------------------------------------------ */

static char *join(const char *dir, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/%s", dir, name);
	return strbuf_detach(&sb, NULL);
}

int sync_place_init(struct sync_place *p, const struct config *cfg, struct strbuf *err)
{
	memset(p, 0, sizeof(*p));
	p->state_dir = marks_default_dir();
	if (!p->state_dir) {
		strbuf_addstr(err, _("no state directory: neither XDG_STATE_HOME nor HOME is set"));
		return -1;
	}
	if (cfg->sync_dir) {
		p->mode = SYNC_DIR;
		p->journal_dir = xstrdup(cfg->sync_dir);
		p->peers_dir = xstrdup(cfg->sync_dir);
		p->notes_dir = join(cfg->sync_dir, "notes");
	} else if (cfg->sync_git) {
		p->mode = SYNC_GIT;
		p->remote = cfg->sync_git;
		p->work_tree = join(p->state_dir, "sync");
		p->journal_dir = xstrdup(p->state_dir);
		p->peers_dir = xstrdup(p->work_tree);
		p->notes_dir = join(p->work_tree, "notes");
	} else {
		struct strbuf data = STRBUF_INIT;
		p->journal_dir = xstrdup(p->state_dir);
		p->peers_dir = xstrdup(p->state_dir);
		if (xdg_dir("XDG_DATA_HOME", ".local/share", &data) == 0) {
			strbuf_addstr(&data, "/notes");
			p->notes_dir = strbuf_detach(&data, NULL);
		} else {
			strbuf_release(&data);
			p->notes_dir = join(p->state_dir, "notes");
		}
	}
	return 0;
}

void sync_place_free(struct sync_place *p)
{
	free(p->state_dir);
	free(p->journal_dir);
	free(p->peers_dir);
	free(p->notes_dir);
	free(p->work_tree);
	memset(p, 0, sizeof(*p));
}

struct marks *sync_marks_open(const struct config *cfg, unsigned flags, struct strbuf *err)
{
	struct sync_place p;
	struct strbuf why = STRBUF_INIT;
	if (sync_place_init(&p, cfg, &why) < 0) {
		strbuf_release(&why);
		return marks_open(NULL, flags, err); /* it says why, in memory only */
	}
	struct marks_place where = { p.state_dir, p.journal_dir, p.peers_dir, NULL };
	struct marks *m = marks_open_at(&where, flags, err);
	sync_place_free(&p);
	return m;
}

void sync_note_name(const char *key, struct strbuf *out)
{
	size_t name = out->len;
	for (const unsigned char *s = (const unsigned char *)key; *s; s++) {
		int plain = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			    (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' ||
			    (*s == '.' && s != (const unsigned char *)key);
		if (plain)
			strbuf_addch(out, (char)*s);
		else
			strbuf_addf(out, "%%%02X", *s);
	}
	if (out->len - name > NOTE_NAME_MAX) {
		/* A file name has its limits; a link as a key may not. */
		char h[65];
		sha256_hex(key, strlen(key), h);
		strbuf_setlen(out, name + NOTE_NAME_MAX - 17);
		strbuf_addf(out, "-%.16s", h);
	}
	strbuf_addstr(out, ".md");
}

int sync_note_key(const char *name, struct strbuf *key)
{
	size_t n = strlen(name);
	if (n > 3 && !strcmp(name + n - 3, ".md"))
		n -= 3;
	/* sync_note_name's cut: NOTE_NAME_MAX bytes, the last 17 "-" and a
	 * hash. */
	int cut = n == NOTE_NAME_MAX && name[n - 17] == '-' &&
		  strspn(name + n - 16, "0123456789abcdef") >= 16;
	if (cut)
		n -= 17;
	strbuf_add_percent_decoded(key, name, n);
	return !cut;
}

int sync_note_path(const struct config *cfg, const char *key, struct strbuf *out,
		   struct strbuf *err)
{
	struct sync_place p;
	if (sync_place_init(&p, cfg, err) < 0)
		return -1;
	strbuf_addf(out, "%s/", p.notes_dir);
	sync_note_name(key, out);
	sync_place_free(&p);
	return 0;
}

/* The nearest existing directory above a path that does not exist. */
static int creatable(const char *dir)
{
	char *p = xstrdup(dir);
	int ok = 0;
	for (;;) {
		char *slash = strrchr(p, '/');
		if (!slash)
			break;
		*slash = '\0';
		struct stat st;
		const char *at = *p ? p : "/";
		if (stat(at, &st) == 0) {
			ok = S_ISDIR(st.st_mode) && access(at, W_OK | X_OK) == 0;
			break;
		}
		if (errno != ENOENT)
			break;
	}
	free(p);
	return ok;
}

int sync_check_config(const struct config *cfg, struct strbuf *err)
{
	int rc = 0;
	if (cfg->sync_dir) {
		struct stat st;
		int there = stat(cfg->sync_dir, &st) == 0;
		if (there && !S_ISDIR(st.st_mode)) {
			strbuf_addf(err, _("sync-dir %s: not a directory"), cfg->sync_dir);
			strbuf_addch(err, '\n');
			rc = -1;
		} else if (!there && (errno != ENOENT || !creatable(cfg->sync_dir))) {
			strbuf_addf(err, _("sync-dir %s: does not exist and cannot be made "
					   "(no writable directory above it)"), cfg->sync_dir);
			strbuf_addch(err, '\n');
			rc = -1;
		} else if (there && access(cfg->sync_dir, W_OK | X_OK) < 0) {
			strbuf_addf(err, "sync-dir %s: %s\n", cfg->sync_dir, strerror(errno));
			rc = -1;
		}
	}
	if (cfg->sync_git) {
		char *git = launch_which("git");
		if (!git) {
			strbuf_addstr(err, _("sync-git is set, but git is not installed (not found in "
					     "PATH)"));
			strbuf_addch(err, '\n');
			rc = -1;
		}
		free(git);
	}
	return rc;
}

/* ---- running git ------------------------------------------------------------- */

struct gitrun {
	const struct sync_place *p;
	const char *machine;
	char *env[10];
	size_t nenv;
	int lockfd;                /* sync.lock: every git inherits it */
	struct strbuf out;         /* the last command's output */
	sync_progress_fn *progress;
	void *ctx;
};

static void say(struct gitrun *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void say(struct gitrun *g, const char *fmt, ...)
{
	if (!g->progress)
		return;
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	g->progress(sb.buf, g->ctx);
	strbuf_release(&sb);
}

/* Runs git -C WORK_TREE ARG... (NULL-terminated). Returns its exit status,
 * or -1 with one line in err (not started, killed, too slow). Its output is
 * in g->out. */
static int git(struct gitrun *g, struct strbuf *err, ...)
{
	const char *argv[32];
	size_t n = 0;
	argv[n++] = "git";
	argv[n++] = "-C";
	argv[n++] = g->p->work_tree;
	/* Bookkeeping commits: never a gc in the background, never a
	 * passphrase for a signature. */
	argv[n++] = "-c";
	argv[n++] = "gc.autoDetach=false";
	argv[n++] = "-c";
	argv[n++] = "commit.gpgSign=false";
	va_list ap;
	va_start(ap, err);
	const char *a;
	while ((a = va_arg(ap, const char *)) && n < sizeof(argv) / sizeof(argv[0]) - 1)
		argv[n++] = a;
	va_end(ap);
	argv[n] = NULL;
	strbuf_reset(&g->out);
	struct launch_run r = { (char *const *)argv, g->env, GIT_TIMEOUT_MS, g->lockfd };
	struct strbuf why = STRBUF_INIT;
	int rc = launch_capture(&r, &g->out, &why);
	if (rc < 0)
		strbuf_addf(err, _("sync: %s"), why.buf);
	strbuf_release(&why);
	return rc;
}

/* The line of git's output that says why it failed: its first "fatal:" or
 * "error:" line, else its last line; controls made '?'. */
static void add_reason(struct strbuf *err, const struct strbuf *out)
{
	const char *best = NULL, *last = NULL;
	size_t bestlen = 0, lastlen = 0;
	for (const char *s = out->buf; s < out->buf + out->len;) {
		const char *nl = memchr(s, '\n', (size_t)(out->buf + out->len - s));
		size_t len = nl ? (size_t)(nl - s) : (size_t)(out->buf + out->len - s);
		if (len && !best && (!strncmp(s, "fatal: ", 7) || !strncmp(s, "error: ", 7))) {
			best = s + 7;
			bestlen = len - 7;
		}
		if (len) {
			last = s;
			lastlen = len;
		}
		s += len + 1;
	}
	if (!best) {
		best = last;
		bestlen = lastlen;
	}
	if (!best) {
		strbuf_addstr(err, _("git said nothing"));
		return;
	}
	for (size_t i = 0; i < bestlen && i < 300; i++) {
		unsigned char c = (unsigned char)best[i];
		strbuf_addch(err, c < 0x20 || c == 0x7f ? '?' : (char)c);
	}
}

static void add_env(struct gitrun *g, const char *name, const char *value)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s=%s", name, value);
	g->env[g->nenv++] = strbuf_detach(&sb, NULL);
	g->env[g->nenv] = NULL;
}

static void gitrun_free(struct gitrun *g)
{
	for (size_t i = 0; i < g->nenv; i++)
		free(g->env[i]);
	strbuf_release(&g->out);
}

/* Whether rev names a commit (git rev-parse -q --verify). */
static int have_rev(struct gitrun *g, const char *rev, struct strbuf *err)
{
	return git(g, err, "rev-parse", "-q", "--verify", rev, (char *)NULL) == 0;
}

static int exists(const char *dir, const char *name)
{
	char *p = join(dir, name);
	struct stat st;
	int rc = lstat(p, &st) == 0;
	free(p);
	return rc;
}

/* ---- the work tree ------------------------------------------------------------ */

/* Makes the work tree a repository with origin at the URL. */
static int ensure_tree(struct gitrun *g, struct strbuf *err)
{
	const struct sync_place *p = g->p;
	if (fileio_mkdirs(p->work_tree, 0700, NULL) < 0) {
		strbuf_addf(err, _("sync: %s: cannot create it: %s"), p->work_tree, strerror(errno));
		return -1;
	}
	if (!exists(p->work_tree, ".git")) {
		say(g, _("sync: making the work tree %s"), p->work_tree);
		if (git(g, err, "init", "-q", (char *)NULL) != 0 ||
		    git(g, err, "symbolic-ref", "HEAD", "refs/heads/" BRANCH, (char *)NULL) != 0)
			goto failed;
	}
	int have = git(g, err, "config", "--get", "remote.origin.url", (char *)NULL);
	if (have < 0)
		return -1;
	size_t len = g->out.len;
	while (len && g->out.buf[len - 1] == '\n')
		len--;
	if (have == 0 && len == strlen(p->remote) && !memcmp(g->out.buf, p->remote, len))
		return 0;
	if (git(g, err, "remote", have == 0 ? "set-url" : "add", "origin", p->remote,
		(char *)NULL) != 0)
		goto failed;
	return 0;
failed:
	if (!err->len) {
		struct strbuf reason = STRBUF_INIT;
		add_reason(&reason, &g->out);
		/* TRANSLATORS: the work tree's path, then what git said. */
		strbuf_addf(err, _("sync: cannot set up %s: %s"), p->work_tree, reason.buf);
		strbuf_release(&reason);
	}
	return -1;
}

/* Removes the lock files a killed git left in dir (recursively for refs/).
 * Only with sync.lock held: then no git of a sync runs here. */
static void remove_locks(const char *dir, int deep)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' && (!de->d_name[1] || !strcmp(de->d_name, "..")))
			continue;
		char *path = join(dir, de->d_name);
		size_t n = strlen(de->d_name);
		struct stat st;
		if (n > 5 && !strcmp(de->d_name + n - 5, ".lock"))
			unlink(path);
		else if (deep && lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			remove_locks(path, 1);
		free(path);
	}
	closedir(d);
}

/* Puts the work tree right after a sync cut short (sync.h, Recovery).
 * What fails here (nothing to clean or check out) fails again later, said. */
static void heal(struct gitrun *g)
{
	struct strbuf ignored = STRBUF_INIT, *err = &ignored;
	char *dotgit = join(g->p->work_tree, ".git");
	char *refs = join(dotgit, "refs");
	remove_locks(dotgit, 0);
	remove_locks(refs, 1);
	if (exists(dotgit, "rebase-merge") || exists(dotgit, "rebase-apply")) {
		say(g, "%s", _("sync: undoing a rebase a sync left half-done"));
		if (git(g, err, "rebase", "--abort", (char *)NULL) != 0)
			git(g, err, "rebase", "--quit", (char *)NULL);
	}
	/* The journals in the work tree are copies: as committed they are
	 * right, and this machine's is copied in again. */
	char *journals = join(g->p->work_tree, "journals");
	fileio_clean_temp(journals);
	git(g, err, "clean", "-fq", "--", "journals", (char *)NULL);
	git(g, err, "checkout", "-q", "--", "journals", (char *)NULL);
	strbuf_release(&ignored);
	free(journals);
	free(refs);
	free(dotgit);
}

/* Copies this machine's journal into the work tree when it changed. */
static int copy_journal(struct gitrun *g, struct marks *m, struct strbuf *err)
{
	struct strbuf now = STRBUF_INIT, why = STRBUF_INIT;
	if (marks_snapshot(m, &now, &why) < 0) {
		strbuf_addf(err, _("sync: %s"), why.buf);
		if (err->len && err->buf[err->len - 1] == '\n')
			strbuf_setlen(err, err->len - 1);
		strbuf_release(&now);
		strbuf_release(&why);
		return -1;
	}
	char *dir = join(g->p->work_tree, "journals");
	struct strbuf name = STRBUF_INIT;
	strbuf_addf(&name, "%s.marks", g->machine);
	char *path = join(dir, name.buf);
	char *old = NULL;
	size_t oldlen = 0;
	int rc = 0;
	if (now.len && (fileio_read(path, (size_t)1 << 30, 0, &old, &oldlen, NULL) < 0 ||
			oldlen != now.len || memcmp(old, now.buf, now.len))) {
		if (fileio_mkdirs(dir, 0700, &why) < 0 ||
		    fileio_replace(dir, name.buf, now.buf, now.len, 0600, &why) < 0) {
			strbuf_addf(err, _("sync: %s"), why.buf);
			rc = -1;
		}
	}
	free(old);
	free(path);
	free(dir);
	strbuf_release(&name);
	strbuf_release(&now);
	strbuf_release(&why);
	return rc;
}

/* Commits this machine's journal and the notes, when they changed. */
static int commit_local(struct gitrun *g, struct strbuf *err)
{
	struct strbuf path = STRBUF_INIT, msg = STRBUF_INIT;
	strbuf_addf(&path, "journals/%s.marks", g->machine);
	int rc = 0;
	if (exists(g->p->work_tree, path.buf) &&
	    git(g, err, "add", "-A", "--", path.buf, (char *)NULL) != 0)
		rc = -1;
	if (rc == 0 && exists(g->p->work_tree, "notes") &&
	    git(g, err, "add", "-A", "--", "notes", (char *)NULL) != 0)
		rc = -1;
	if (rc == 0) {
		int staged = git(g, err, "diff", "--cached", "--quiet", (char *)NULL);
		if (staged == 1) {
			say(g, "%s", _("sync: committing this machine's marks and notes"));
			strbuf_addf(&msg, "digest-tui %s", g->machine);
			if (git(g, err, "commit", "-q", "--no-verify", "-m", msg.buf,
				(char *)NULL) != 0)
				rc = -1;
		} else if (staged != 0) {
			rc = -1;
		}
	}
	if (rc < 0 && !err->len) {
		struct strbuf reason = STRBUF_INIT;
		add_reason(&reason, &g->out);
		/* TRANSLATORS: what git said. */
		strbuf_addf(err, _("sync: cannot commit: %s"), reason.buf);
		strbuf_release(&reason);
	}
	strbuf_release(&path);
	strbuf_release(&msg);
	return rc;
}

/* ---- rebasing ------------------------------------------------------------------ */

static void note_conflict(struct strbuf *notes, const char *path)
{
	const char *name = path + strlen("notes/");
	size_t n = strlen(name);
	if (n > 3 && !strcmp(name + n - 3, ".md"))
		n -= 3;
	if (notes->len)
		strbuf_addstr(notes, ", ");
	for (size_t i = 0; i < n && i < 80; i++) {
		unsigned char c = (unsigned char)name[i];
		strbuf_addch(notes, c < 0x20 || c == 0x7f ? '?' : (char)c);
	}
}

/* Resolves the conflicts of a rebase stopped on one: a note is kept as git
 * left it (both versions between markers), a journal as this machine's
 * commit has it. Returns how many paths, or -1 (err). */
static int resolve(struct gitrun *g, struct strbuf *notes, size_t *nnotes, struct strbuf *err)
{
	if (git(g, err, "diff", "--name-only", "--diff-filter=U", "-z", (char *)NULL) != 0)
		return -1;
	struct strbuf list = STRBUF_INIT;
	strbuf_add(&list, g->out.buf, g->out.len);
	int n = 0;
	for (const char *s = list.buf; s < list.buf + list.len; s += strlen(s) + 1) {
		if (!*s)
			continue;
		if (!strncmp(s, "journals/", 9))
			git(g, err, "checkout", "--theirs", "--", s, (char *)NULL);
		else if (!strncmp(s, "notes/", 6)) {
			note_conflict(notes, s);
			(*nnotes)++;
		}
		if (git(g, err, "add", "-A", "--", s, (char *)NULL) != 0) {
			strbuf_release(&list);
			return -1;
		}
		n++;
	}
	strbuf_release(&list);
	return n;
}

static int rebase_in_progress(const struct gitrun *g)
{
	char *dotgit = join(g->p->work_tree, ".git");
	int rc = exists(dotgit, "rebase-merge") || exists(dotgit, "rebase-apply");
	free(dotgit);
	return rc;
}

/* Puts this machine's commits on top of origin/main. */
static int integrate(struct gitrun *g, struct strbuf *notes, size_t *nnotes,
		     struct strbuf *err)
{
	if (!have_rev(g, REMOTE_REF, err))
		return 0; /* an empty remote: nothing to take */
	if (!have_rev(g, "HEAD", err))
		return git(g, err, "reset", "-q", "--hard", REMOTE_REF, (char *)NULL) == 0 ? 0 : -1;
	if (git(g, err, "merge-base", "--is-ancestor", REMOTE_REF, "HEAD", (char *)NULL) == 0)
		return 0;
	say(g, "%s", _("sync: putting this machine's changes after the others'"));
	int rc = git(g, err, "rebase", "-q", REMOTE_REF, (char *)NULL);
	for (int i = 0; rc != 0 && i < 100 && rebase_in_progress(g); i++) {
		int n = resolve(g, notes, nnotes, err);
		if (n < 0)
			break;
		rc = git(g, err, "rebase", "--continue", (char *)NULL);
		/* Resolved to what is already there: nothing left to commit. */
		if (rc != 0 && rebase_in_progress(g) && n == 0)
			rc = git(g, err, "rebase", "--skip", (char *)NULL);
	}
	if (rc == 0)
		return 0;
	if (!err->len) {
		struct strbuf reason = STRBUF_INIT;
		add_reason(&reason, &g->out);
		/* TRANSLATORS: what git said. */
		strbuf_addf(err, _("sync: git rebase failed: %s"), reason.buf);
		strbuf_release(&reason);
	}
	if (rebase_in_progress(g))
		git(g, err, "rebase", "--abort", (char *)NULL);
	return -1;
}

/* ---- one sync ---------------------------------------------------------------------- */

static void add_unreachable(struct gitrun *g, struct strbuf *err)
{
	struct strbuf remote = STRBUF_INIT, reason = STRBUF_INIT;
	for (const char *s = g->p->remote; *s; s++)
		strbuf_addch(&remote, (unsigned char)*s < 0x20 ? '?' : *s);
	add_reason(&reason, &g->out);
	/* TRANSLATORS: the git remote's URL, then what git said. */
	strbuf_addf(err, _("sync: cannot reach %s: %s"), remote.buf, reason.buf);
	strbuf_release(&remote);
	strbuf_release(&reason);
}

static long rev_count(struct gitrun *g, const char *range, struct strbuf *err)
{
	if (git(g, err, "rev-list", "--count", range, (char *)NULL) != 0)
		return 0;
	return strtol(g->out.buf, NULL, 10);
}

/* Fetches, rebases and pushes until the push is taken. Returns 0 or 1. */
static int exchange(struct gitrun *g, struct strbuf *out, struct strbuf *warn,
		    struct strbuf *err)
{
	struct strbuf notes = STRBUF_INIT;
	size_t nnotes = 0;
	int had_remote = have_rev(g, REMOTE_REF, err);
	char before[64] = "";
	if (had_remote)
		snprintf(before, sizeof(before), "%.40s", g->out.buf);
	long sent = 0, received = 0;
	int rc = 1;
	for (int tries = 0; tries < PUSH_TRIES; tries++) {
		say(g, _("sync: fetching from %s"), g->p->remote);
		int f = git(g, err, "fetch", "-q", "origin", (char *)NULL);
		if (f != 0) {
			if (f > 0)
				add_unreachable(g, err);
			break;
		}
		if (integrate(g, &notes, &nnotes, err) < 0)
			break;
		if (have_rev(g, REMOTE_REF, err)) {
			struct strbuf range = STRBUF_INIT;
			strbuf_addf(&range, "%s..%s", had_remote ? before : "", REMOTE_REF);
			received = rev_count(g, had_remote ? range.buf : REMOTE_REF, err);
			strbuf_release(&range);
		}
		if (!have_rev(g, "HEAD", err) ||
		    (have_rev(g, REMOTE_REF, err) &&
		     git(g, err, "merge-base", "--is-ancestor", "HEAD", REMOTE_REF, (char *)NULL) == 0)) {
			rc = 0; /* nothing of ours the remote lacks */
			break;
		}
		long ahead = rev_count(g, have_rev(g, REMOTE_REF, err) ? REMOTE_REF "..HEAD" : "HEAD", err);
		say(g, _("sync: sending to %s"), g->p->remote);
		int p = git(g, err, "push", "-q", "origin", "HEAD:refs/heads/" BRANCH, (char *)NULL);
		if (p == 0) {
			sent += ahead;
			rc = 0;
			break;
		}
		int refused = p > 0 && (strstr(g->out.buf, "[rejected]") ||
					strstr(g->out.buf, "fetch first") ||
					strstr(g->out.buf, "non-fast-forward"));
		if (!refused || tries == PUSH_TRIES - 1) {
			if (p > 0)
				add_unreachable(g, err);
			break;
		}
	}
	if (rc == 0) {
		/* TRANSLATORS: the git remote's URL, how many changes came
		 * from it (the plural follows it), then how many went. */
		strbuf_addf(out, ngettext("sync: %s: received %ld change, sent %ld",
					  "sync: %s: received %ld changes, sent %ld",
					  (unsigned long)received),
			    g->p->remote, received, sent);
		strbuf_addch(out, '\n');
	}
	if (nnotes == 1) {
		strbuf_addf(warn, _("sync: note %s was changed on two machines: both versions "
				    "are kept in it between conflict markers"), notes.buf);
		strbuf_addch(warn, '\n');
	} else if (nnotes > 1) {
		/* TRANSLATORS: how many notes, then their names. */
		strbuf_addf(warn, ngettext("sync: %zu note was changed on two machines (%s): both "
					   "versions are kept in each between conflict markers",
					   "sync: %zu notes were changed on two machines (%s): both "
					   "versions are kept in each between conflict markers",
					   (unsigned long)nnotes), nnotes, notes.buf);
		strbuf_addch(warn, '\n');
	}
	strbuf_release(&notes);
	return rc;
}

/* Git's identity when it has none of its own: the machine's. */
static void identity(struct gitrun *g)
{
	struct strbuf ignore = STRBUF_INIT;
	if (git(g, &ignore, "var", "GIT_COMMITTER_IDENT", (char *)NULL) != 0) {
		struct strbuf email = STRBUF_INIT;
		strbuf_addf(&email, "%s@digest-tui.invalid", g->machine);
		add_env(g, "GIT_AUTHOR_NAME", g->machine);
		add_env(g, "GIT_AUTHOR_EMAIL", email.buf);
		add_env(g, "GIT_COMMITTER_NAME", g->machine);
		add_env(g, "GIT_COMMITTER_EMAIL", email.buf);
		strbuf_release(&email);
	}
	strbuf_release(&ignore);
}

static int sync_git(const struct sync_place *p, sync_progress_fn *progress, void *ctx,
		    struct strbuf *out, struct strbuf *warn, struct strbuf *err)
{
	struct gitrun g = { .p = p, .lockfd = -1, .out = STRBUF_INIT,
			    .progress = progress, .ctx = ctx };
	add_env(&g, "GIT_TERMINAL_PROMPT", "0");
	add_env(&g, "GIT_EDITOR", "true");
	add_env(&g, "LC_ALL", "C");
	char *lockpath = join(p->state_dir, "sync.lock");
	struct strbuf why = STRBUF_INIT;
	int rc = 1;
	struct marks *m = NULL;
	if (fileio_mkdirs(p->state_dir, 0700, &why) < 0 ||
	    (g.lockfd = fileio_lock(lockpath, 0, LOCK_WAIT_MS, 1, &why)) < 0) {
		strbuf_addf(err, errno == EWOULDBLOCK ? _("sync: %s (another sync is running)")
						      : _("sync: %s"), why.buf);
		goto done;
	}
	strbuf_reset(&why);
	struct marks_place where = { p->state_dir, p->journal_dir, p->peers_dir, NULL };
	m = marks_open_at(&where, 0, &why);
	g.machine = marks_machine_name(m);
	if (!g.machine || !marks_path(m)) {
		while (why.len && why.buf[why.len - 1] == '\n')
			strbuf_setlen(&why, why.len - 1);
		if (why.len)
			strbuf_addf(err, _("sync: %s"), why.buf);
		else
			strbuf_addstr(err, _("sync: no journal to send"));
		goto done;
	}
	strbuf_add(warn, why.buf, why.len); /* what reading the marks found */
	if (ensure_tree(&g, err) < 0)
		goto done;
	heal(&g);
	identity(&g);
	if (copy_journal(&g, m, err) < 0 || commit_local(&g, err) < 0)
		goto done;
	rc = exchange(&g, out, warn, err);
done:
	marks_close(m);
	if (g.lockfd >= 0)
		close(g.lockfd);
	free(lockpath);
	strbuf_release(&why);
	gitrun_free(&g);
	return rc;
}

/* The copies a file syncer kept of notes changed on two machines at once
 * (Syncthing's NAME.sync-conflict-..., Dropbox's and Nextcloud's "NAME
 * (conflicted copy ...)"): one line each, naming the note. */
static void conflict_copies(const char *notes, struct strbuf *warn)
{
	DIR *d = opendir(notes);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		const char *name = de->d_name;
		if (name[0] == '.' || !strstr(name, "conflict"))
			continue;
		size_t n = strcspn(name, " ");
		const char *sc = strstr(name, ".sync-conflict");
		if (sc && (size_t)(sc - name) < n)
			n = (size_t)(sc - name);
		if (n > 3 && !strncmp(name + n - 3, ".md", 3))
			n -= 3;
		struct strbuf note = STRBUF_INIT, copy = STRBUF_INIT;
		for (size_t i = 0; i < n; i++)
			strbuf_addch(&note, (unsigned char)name[i] < 0x20 ? '?' : name[i]);
		for (const char *s = name; *s; s++)
			strbuf_addch(&copy, (unsigned char)*s < 0x20 ? '?' : *s);
		/* TRANSLATORS: the note's name, then the copy's file name. */
		strbuf_addf(warn, _("sync: note %s has a copy your file syncer kept in a conflict "
				    "(%s): both versions are there, merge them in the note"),
			    note.buf, copy.buf);
		strbuf_addch(warn, '\n');
		strbuf_release(&note);
		strbuf_release(&copy);
	}
	if (d)
		closedir(d);
}

int sync_run(const struct config *cfg, sync_progress_fn *progress, void *ctx,
	     struct strbuf *out, struct strbuf *warn, struct strbuf *err)
{
	struct sync_place p;
	if (sync_place_init(&p, cfg, err) < 0)
		return 1;
	int rc = 0;
	if (p.mode == SYNC_NONE) {
		strbuf_addstr(err, _("sync: neither sync-dir nor sync-git is set "
				     "(see SYNC in digest-tui(1))"));
		rc = 2;
	} else if (p.mode == SYNC_DIR) {
		/* Opened for writing: the journal moves there, if it must. */
		struct strbuf why = STRBUF_INIT;
		marks_close(sync_marks_open(cfg, 0, &why));
		strbuf_add(warn, why.buf, why.len);
		strbuf_release(&why);
		conflict_copies(p.notes_dir, warn);
		strbuf_addf(out, _("sync: %s is kept in step by your file syncer; nothing to run"),
			    p.journal_dir);
		strbuf_addch(out, '\n');
	} else {
		rc = sync_git(&p, progress, ctx, out, warn, err);
	}
	sync_place_free(&p);
	return rc;
}

/* ---- in the background ---------------------------------------------------------------- */

struct sync_job {
	struct worker w;     /* the child doing sync_run */
	struct strbuf buf;   /* read, not yet handed over */
	int eof, status;
};

static void job_line(const char *line, void *ctx)
{
	int fd = *(int *)ctx;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "P%s\n", line);
	fileio_write_all(fd, sb.buf, sb.len);
	strbuf_release(&sb);
}

/* Sends each line of text with its kind. */
static void job_send(int fd, char kind, const struct strbuf *text)
{
	struct strbuf sb = STRBUF_INIT;
	for (const char *s = text->buf; s < text->buf + text->len;) {
		const char *nl = memchr(s, '\n', (size_t)(text->buf + text->len - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(text->buf + text->len - s);
		if (n) {
			strbuf_addch(&sb, kind);
			strbuf_add(&sb, s, n);
			strbuf_addch(&sb, '\n');
		}
		s += n + 1;
	}
	fileio_write_all(fd, sb.buf, sb.len);
	strbuf_release(&sb);
}

struct sync_job_arg {
	const struct config *cfg;
};

/* In the child: sync_run, its lines up the pipe fd. */
static int sync_job_run(int fd, void *arg)
{
	const struct sync_job_arg *x = arg;
	struct strbuf out = STRBUF_INIT, warn = STRBUF_INIT, e = STRBUF_INIT;
	int rc = sync_run(x->cfg, job_line, &fd, &out, &warn, &e);
	job_send(fd, 'O', &out);
	job_send(fd, 'W', &warn);
	job_send(fd, 'E', &e);
	strbuf_release(&out);
	strbuf_release(&warn);
	strbuf_release(&e);
	return rc;
}

struct sync_job *sync_job_start(const struct config *cfg, struct strbuf *err)
{
	struct sync_job *j = xcalloc(1, sizeof(*j));
	struct sync_job_arg x = { cfg };
	if (worker_start(&j->w, sync_job_run, &x, 0) < 0) {
		strbuf_addf(err, _("sync: cannot start: %s"), strerror(errno));
		free(j);
		return NULL;
	}
	strbuf_init(&j->buf);
	return j;
}

int sync_job_fd(const struct sync_job *j)
{
	return j->w.fd;
}

static void job_wait(struct sync_job *j)
{
	int st = worker_finish(&j->w, 0);
	j->status = st >= 0 && WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}

int sync_job_read(struct sync_job *j, char *kind, struct strbuf *line, int *status)
{
	char buf[4096];
	while (!j->eof) {
		ssize_t r = read(j->w.fd, buf, sizeof(buf));
		if (r > 0) {
			strbuf_add(&j->buf, buf, (size_t)r);
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		j->eof = 1;
		job_wait(j);
	}
	char *nl = memchr(j->buf.buf, '\n', j->buf.len);
	if (nl) {
		size_t n = (size_t)(nl - j->buf.buf);
		*kind = j->buf.buf[0];
		strbuf_reset(line);
		strbuf_add(line, j->buf.buf + 1, n ? n - 1 : 0);
		memmove(j->buf.buf, nl + 1, j->buf.len - n - 1);
		strbuf_setlen(&j->buf, j->buf.len - n - 1);
		return 1;
	}
	if (!j->eof)
		return 0;
	*status = j->status;
	return -1;
}

void sync_job_detach(struct sync_job *j)
{
	if (!j)
		return;
	worker_detach(&j->w);
	strbuf_release(&j->buf);
	free(j);
}

void sync_job_free(struct sync_job *j)
{
	if (!j)
		return;
	if (j->w.pid > 0)
		job_wait(j);
	worker_detach(&j->w);
	strbuf_release(&j->buf);
	free(j);
}
