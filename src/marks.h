/* marks: per-paper triage marks — read, starred, later (reading queue) and
 * hidden — kept in human-readable append-only journals, one a machine, and
 * merged. It owns the journals' format, their merge, the undo history and
 * the machine's name; carrying journals between machines is sync.c's.
 *
 * Where (struct marks_place): the state directory is
 * $XDG_STATE_HOME/digest-tui (default ~/.local/state/digest-tui). It holds
 * `machine` (this machine's name, made once: the host name in lower case,
 * letters, digits and dashes, a dash and six random hex digits, such as
 * lab-ws-7f3a9c; never changed after), `marks.lock`, and, unless the place
 * says otherwise, `journals/`. Each machine writes only its own journal,
 * journals/MACHINE.marks, so that no file is ever written by two machines;
 * every other *.marks file there (a name of a-z, 0-9 and dashes) is another
 * machine's, read and never written. The marks are the merge of all of
 * them: journal_dir/journals (this machine's journal and others'),
 * peers_dir/journals (others', as a carrier brings them) and the state
 * directory's journals/.
 *
 * Journal lines, oldest first:
 *     # digest-tui marks v2
 *     2025-11-28T04:12:00.031250Z +s 2509.22622
 *     2025-11-28T04:13:10.000004Z -s 2509.22622
 *     2025-11-28T04:20:00.500000Z +rl url:https://example.com/post
 * A line is TIME (UTC to the microsecond), one space, OPS ([+-] followed by
 * letters r s l h, one or more groups), one space, KEY. A line sets each
 * mark it names, at its TIME.
 *
 * Merge: last writer wins per (paper, mark). Of all lines of all journals
 * naming a mark of a paper, the one with the greatest (TIME, MACHINE) wins
 * (machine names compared as bytes; within one journal a later line wins a
 * tie), whatever the order in which journals are read: a deterministic
 * total order, so every machine that has read the same lines shows the same
 * marks. Reading a line twice changes nothing, so a journal replaced
 * wholesale (by a carrier, or compacted) is simply read again.
 *
 * Clock (a hybrid logical clock): a change is written at
 * TIME = max(wall clock, newest TIME read from any journal + 1 µs), and all
 * lines of one change share it. A machine whose clock is behind thus still
 * writes after everything it has seen (a change made after reading another
 * machine's wins over it); a clock far ahead drags the others' times along
 * with it, never backwards.
 *
 * The undo history rides along, so that `u` works after a restart. OPS may
 * start with a kind: none, a decision (an undo step); "." a paper read by
 * being shown, or a compacted mark (no step); "<" an undo (it takes the last
 * step back); "^" a record of a step whose effect the lines above already
 * hold (compaction writes the last 100 steps so; they change nothing).
 * Then "&" joins the line to the step of the line above (one change of many
 * keys, written together). The undo stack is this machine's: the steps of
 * its own journal, by any process of this machine (a `--mark` from a script
 * is a step like a key in the reader), the last 100 at open, then every step
 * appended. Other machines' steps are never on it. An undo writes the marks
 * the step changed back as they were before it, at a new TIME, so it wins
 * the merge.
 *
 * Durability and sharing: every change is appended as whole lines with one
 * write() to an O_APPEND descriptor, under an exclusive flock of marks.lock,
 * and fsync'ed before the call returns: a mark the UI has shown survives a
 * SIGKILL right after; a write that fails half-way (a disk that fills) is
 * cut back to the lines before it, so the journal holds whole lines only and
 * the change is reported as not saved. Before each change the lines other
 * processes appended are read, so two of them never lose each other's
 * marks. When this machine's journal has grown (more than 4 lines per paper
 * it names, and at least a few dozen), it is compacted under the same lock:
 * for each (paper, mark) only its newest line of this journal is kept, with
 * its TIME (an older one can never win a merge again: the newer one of the
 * same machine beats it everywhere), then the undo records; written to a
 * temporary file, fsync'ed and renamed over the journal.
 *
 * Bad lines (garbage, invalid UTF-8, a truncated last line) of this
 * machine's journal are skipped and reported in one message naming
 * FILE:LINE; before the journal is next rewritten the original is kept as
 * MACHINE.marks.corrupt-YYYYmmddTHHMMSS. Another machine's journal is never
 * rewritten: its bad lines are reported and skipped, and a last line without
 * its newline (a copy made while it was written) is neither: it waits,
 * unread, until it is whole.
 *
 * Migration: the journal of earlier versions, `marks` in the state
 * directory (format v1: the same lines with whole seconds, replayed in file
 * order), becomes this machine's journal when it is first opened for
 * writing: its lines in order, each TIME made later than the one before
 * (by 1 µs when needed, so the merge keeps the replay's order), every kind
 * kept, so the marks and the undo history stay as they were. The new journal
 * is written and fsync'ed first, then `marks` is renamed
 * `marks.v1-migrated`; a crash at any point leaves `marks` in place and the
 * next start does it again (a journal that already begins with the
 * converted lines is not written twice). In the same way, this machine's
 * journal in the state directory moves into journal_dir when that is
 * elsewhere (sync-dir set): it is renamed MACHINE.marks.moved afterwards.
 * Read-only handles migrate nothing: they read `marks` as it is.
 *
 * Keys (marks_paper_key): the arXiv ID ("2509.22622", "hep-th/9901001") so a
 * paper on several days shares its marks; else "url:" and the heading link;
 * else "paper:DATE/NUMBER/HASH" of the title. No curses here. */
#ifndef DIGEST_MARKS_H
#define DIGEST_MARKS_H

#include <stddef.h>

#include "model.h"
#include "strbuf.h"

enum mark_flag {
	MARK_READ   = 1 << 0,  /* letter r */
	MARK_STAR   = 1 << 1,  /* letter s */
	MARK_LATER  = 1 << 2,  /* letter l */
	MARK_HIDDEN = 1 << 3,  /* letter h */
};
#define MARK_ALL (MARK_READ | MARK_STAR | MARK_LATER | MARK_HIDDEN)

enum marks_open_flags {
	MARKS_READONLY = 1 << 0, /* never write (for --list, --search, export) */
	MARKS_NOCREATE = 1 << 1, /* do not create the directory until a change */
};

/* Where the journals are (see above). NULL members take the defaults. */
struct marks_place {
	const char *state_dir;   /* NULL: marks_default_dir() */
	const char *journal_dir; /* holds journals/ with this machine's journal;
				  * NULL: state_dir */
	const char *peers_dir;   /* holds journals/ of other machines as well;
				  * NULL: journal_dir */
	const char *machine;     /* NULL: marks_machine() of state_dir */
};

struct marks;

/* The default directory: $XDG_STATE_HOME/digest-tui when XDG_STATE_HOME is
 * an absolute path, else $HOME/.local/state/digest-tui. Returns a new string,
 * or NULL when neither variable helps. */
char *marks_default_dir(void);

/* This machine's name, from state_dir/machine (state_dir NULL: the default),
 * appended to name. With create, a missing file is made (the directory too):
 * written in full to a temporary file, then linked into place, so two
 * processes starting at once agree on one name. Returns 0, or -1 with one
 * line in err (no file and !create: errno ENOENT). */
int marks_machine(const char *state_dir, int create, struct strbuf *name,
		  struct strbuf *err);

/* Whether s is a machine name as journals are named: 1 to 64 of a-z, 0-9
 * and '-', starting with a letter or digit. */
int marks_machine_valid(const char *s, size_t len);

/* Opens the marks at place (NULL: all defaults): creates the directories, the
 * machine's name and an empty journal unless read-only or MARKS_NOCREATE;
 * migrates (see above) when writable; reads every journal. Never fails: on
 * trouble (no HOME, unreadable file) the marks work in memory only and a
 * one-line message goes to err; a corrupted journal adds one line naming
 * FILE:LINE. A writable journal that is corrupted or overgrown is compacted
 * right away (after keeping the corrupted original aside). */
struct marks *marks_open_at(const struct marks_place *place, unsigned flags,
			    struct strbuf *err);
/* marks_open_at with state_dir dir (NULL: the default) and the rest default:
 * every journal in dir/journals. */
struct marks *marks_open(const char *dir, unsigned flags, struct strbuf *err);
void marks_close(struct marks *m);

/* This machine's journal's path, or NULL for in-memory marks (and for a
 * read-only handle on a state directory that has no machine name yet). */
const char *marks_path(const struct marks *m);

/* This machine's name, or NULL when it has none yet (read-only). */
const char *marks_machine_name(const struct marks *m);

/* Appends to out the whole lines of this machine's journal as they are now
 * (under the shared lock: never a part of a change). Returns 0, or -1 with a
 * line in err. For carriers that copy the journal. */
int marks_snapshot(struct marks *m, struct strbuf *out, struct strbuf *err);

/* Marks for a key as enum mark_flag bits (0 for an unknown key or m NULL). */
unsigned marks_get(const struct marks *m, const char *key);

/* How many keys carry flag (one enum mark_flag bit). */
size_t marks_count_flag(const struct marks *m, unsigned flag);

/* "rslh" letters of the set marks in that order, or "-" for none. */
void marks_letters(const struct marks *m, const char *key, char out[5]);

/* Sets (on != 0) or clears the flag(s) of key: reads others' changes, then
 * appends and fsyncs. A change that alters nothing writes nothing and is not
 * pushed on the undo stack. Returns 0, or -1 with a message in err when the
 * change could not be saved (it is still applied in memory). Like every call
 * taking err, it may also add a report while returning 0 (say, bad lines
 * another process left, found and kept aside): show err when not empty. */
int marks_set(struct marks *m, const char *key, unsigned flag, int on,
	      struct strbuf *err);

/* Flips one flag. Returns the new state (0 or 1), or -1 with a message in
 * err when it could not be saved. */
int marks_toggle(struct marks *m, const char *key, unsigned flag,
		 struct strbuf *err);

/* Sets or clears a flag on many keys as one change (one write, one undo
 * step), e.g. "mark this whole digest read", or a script's --mark. Returns
 * 0 or -1 (err). */
int marks_set_many(struct marks *m, const char *const *keys, size_t nkeys,
		   unsigned flag, int on, struct strbuf *err);

/* Marks every paper of d read (one undo step). */
int marks_digest_read(struct marks *m, const struct digest *d,
		      struct strbuf *err);

/* Sets MARK_READ on key without an undo step: a paper read by being shown
 * is not a decision that `u` should take back. Returns as marks_set. */
int marks_set_seen(struct marks *m, const char *key, struct strbuf *err);

/* What marks_undo would undo next: the first key of the last step, the
 * flags it touched and their values before it (old & mask), and how many
 * keys it changed. Returns 0 when there is nothing to undo. The key stays
 * owned by m and is valid until the next change or refresh. */
int marks_undo_peek(const struct marks *m, const char **key, unsigned *mask,
		    unsigned *old, size_t *nkeys);

/* Undoes this machine's last step (a stack of steps, see above). Returns 1
 * when something was undone, 0 when the stack is empty, -1 with a message in
 * err when the undo could not be saved. */
int marks_undo(struct marks *m, struct strbuf *err);
size_t marks_undo_depth(const struct marks *m);

/* Picks up lines other processes appended (or a journal they compacted),
 * and other machines' journals as a carrier changed them. Cheap when
 * nothing changed: a few stats. Returns 1 when marks changed, 0 when not,
 * -1 with a message in err. */
int marks_refresh(struct marks *m, struct strbuf *err);

/* Rewrites this machine's journal with its newest line per (paper, mark)
 * now (normally automatic). Returns 0 or -1 (err). */
int marks_compact(struct marks *m, struct strbuf *err);

/* Tuning, for tests: compact when lines > factor * papers the journal names
 * + min_lines (defaults 4 and 64). */
void marks_set_compaction(struct marks *m, unsigned factor, size_t min_lines);

/* Number of keys with at least one mark set. */
size_t marks_count(const struct marks *m);

/* A number that changes whenever any key's marks change (ours, or others'
 * replayed): what a caller compares to see, without a look at every key,
 * whether anything changed since it last looked. */
unsigned long marks_changes(const struct marks *m);

/* Calls fn for every key with marks set, in the order the keys were first
 * read from the journals or changed: the same order for the same journals
 * read alike, whatever the hash table's layout. */
void marks_foreach(const struct marks *m,
		   void (*fn)(const char *key, unsigned flags, void *ctx),
		   void *ctx);

/* The key of a paper (see above): a new string. d may be NULL. */
char *marks_paper_key(const struct digest *d, const struct paper *p);

#endif
