/* sync: carrying the marks and notes between machines. It owns where they
 * live for a configuration, the git carrier (`digest-tui --sync`, and the
 * reader in the background) and its recovery; the journals' format and
 * merge are marks.c's, and a file syncer's work is nobody's here.
 *
 * What is carried: every machine's marks journal (marks.h: one a machine,
 * journals/MACHINE.marks, written only by its machine) and the notes (one
 * file a paper, sync_note_path). Where (struct sync_place):
 *
 *   no sync     this machine's journal in the state directory
 *               ($XDG_STATE_HOME/digest-tui/journals/); the notes in
 *               $XDG_DATA_HOME/digest-tui/notes/.
 *   sync-dir    DIR/journals/ (this machine's journal is written there, the
 *               others' read there) and DIR/notes/: Syncthing, Nextcloud or
 *               Dropbox keeps DIR in step; nothing is run.
 *   sync-git    a git work tree, $XDG_STATE_HOME/digest-tui/sync/, whose
 *               remote origin is the URL, branch main: its journals/ holds
 *               the other machines' journals as the last sync brought them,
 *               and a copy of this machine's; its notes/ the notes. This
 *               machine's journal itself stays in the state directory and is
 *               copied into the work tree by each sync (under the marks
 *               lock: whole lines), so that git, which rewrites the work
 *               tree's files while it rebases, never races a mark being
 *               written.
 *
 * A sync with git (sync_run), with the user's git, a fixed argv, no shell,
 * no terminal (GIT_TERMINAL_PROMPT=0, a session of its own: a missing
 * credential fails instead of asking), the user's ssh agent and credential
 * helpers, 120 s at most a command:
 *   1. the work tree is made if missing (git init, remote origin URL) and
 *      healed from a sync cut short (below);
 *   2. this machine's journal is copied in, and it and notes/ committed
 *      ("digest-tui MACHINE"; author MACHINE <MACHINE@digest-tui.invalid>
 *      when git knows no identity; no hooks, no signing);
 *   3. git fetch origin, then this machine's commits are rebased onto
 *      origin/main. Journals never conflict (one file a machine). A note
 *      changed on two machines conflicts: the note is taken as git leaves it,
 *      both versions between conflict markers (<<<<<<< ======= >>>>>>>),
 *      committed, and said in one line, so no text is ever lost;
 *   4. git push origin HEAD:main; a push refused because another machine
 *      pushed meanwhile goes back to 3 (three times at most).
 * An unreachable or missing remote stops the sync with one line ("sync:
 * cannot reach URL: why"); the commit stays and goes with the next sync,
 * and marks and notes work as ever, in their files.
 *
 * Recovery: a sync holds the lock sync.lock in the state directory, and
 * every git it runs inherits it, so the lock is free only when no git of
 * a sync runs on the work tree, even one left running by a sync killed
 * meanwhile. A sync that gets it removes the lock files a killed git left
 * (.git/index.lock, ref locks), aborts a rebase left in progress (its
 * commits are back where they were, and rebased again), and puts the
 * journals/ of the work tree back as committed (they are copies: this
 * machine's is copied again). So the next sync heals whatever a kill -9 at
 * any point left. */
#ifndef DIGEST_SYNC_H
#define DIGEST_SYNC_H

#include "strbuf.h"

struct config;
struct marks;

enum sync_mode {
	SYNC_NONE,
	SYNC_DIR,
	SYNC_GIT,
};

/* Where the marks and notes are for a configuration (see above). */
struct sync_place {
	enum sync_mode mode;
	char *state_dir;     /* $XDG_STATE_HOME/digest-tui */
	char *journal_dir;   /* holds journals/ with this machine's journal */
	char *peers_dir;     /* holds journals/ of the other machines */
	char *notes_dir;     /* the notes, one file a paper */
	char *work_tree;     /* sync-git: the git work tree; else NULL */
	const char *remote;  /* sync-git: the URL (the configuration's) */
};

/* Fills p for cfg. Returns 0, or -1 with one line in err (no HOME: nothing
 * can be placed). Free with sync_place_free. */
int sync_place_init(struct sync_place *p, const struct config *cfg, struct strbuf *err);
void sync_place_free(struct sync_place *p);

/* marks_open_at with cfg's place (marks.h flags): the one way the program
 * opens its marks. Never fails (see marks_open_at). */
struct marks *sync_marks_open(const struct config *cfg, unsigned flags, struct strbuf *err);

/* The note file of a paper, by its marks key (marks_paper_key): NOTES/ID.md,
 * the key with every byte but A-Z a-z 0-9 . _ - written %XX (so
 * hep-th/9901001 is hep-th%2F9901001.md), a long key cut and followed by a
 * hash. Appends the path to out. Returns 0, or -1 with one line in err. */
int sync_note_path(const struct config *cfg, const char *key, struct strbuf *out,
		   struct strbuf *err);
/* The note's file name alone (ID.md, as above), appended to out: what
 * sync_note_path puts after the notes directory (sync_place's notes_dir). */
void sync_note_name(const char *key, struct strbuf *out);

/* The key a note's file name stands for (sync_note_name's inverse: %XX
 * read back), appended to key. Returns 1, or 0 when the name was cut (a
 * long key): key is then only the key's start. */
int sync_note_key(const char *name, struct strbuf *key);

/* What --check-config adds about sync-dir and sync-git: the folder exists
 * or can be made (its nearest existing parent is a writable directory), git
 * is installed. Returns 0, or -1 with one line a problem in err. */
int sync_check_config(const struct config *cfg, struct strbuf *err);

/* Called with each step's line ("sync: fetching from URL"). */
typedef void sync_progress_fn(const char *line, void *ctx);

/* One sync (see above): with sync-git all of it; with sync-dir nothing to
 * run (it says so); without either a usage error. progress may be NULL.
 * Appends the outcome's line to out ("sync: URL: received 2 changes, sent
 * 1"), and a line a note that conflicted to warn. Returns 0; 1 with one line
 * in err when it failed (an unreachable remote: "sync: cannot reach URL:
 * why"); 2 with one line in err when nothing is set to sync with. */
int sync_run(const struct config *cfg, sync_progress_fn *progress, void *ctx,
	     struct strbuf *out, struct strbuf *warn, struct strbuf *err);

/* A sync in a child process, for the reader, which must never wait on a
 * network: sync_job_start forks (the child runs sync_run and _exits), and
 * the reader polls sync_job_fd for input and calls sync_job_read, which
 * hands over one line at a time: kind 'P' progress, 'O' the outcome, 'W' a
 * warning, 'E' the error. */
struct sync_job;

/* Returns the job, or NULL with one line in err (fork failed). */
struct sync_job *sync_job_start(const struct config *cfg, struct strbuf *err);
int sync_job_fd(const struct sync_job *j);
/* Returns 1 with the next line's kind and text (line is reset first), 0
 * when no whole line is there yet, -1 once the child is done and every line
 * was read: *status is then sync_run's status (1 when the child died). */
int sync_job_read(struct sync_job *j, char *kind, struct strbuf *line, int *status);
/* Waits for the child (it finishes its sync: a sync is never cut short by
 * the reader) and frees j. */
void sync_job_free(struct sync_job *j);
/* Frees j without waiting: the child finishes its sync on its own (the
 * reader quitting while a sync runs); what it says next is lost. */
void sync_job_detach(struct sync_job *j);

#endif
