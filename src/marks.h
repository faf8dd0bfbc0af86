/* marks: per-paper triage marks — read, starred, later (reading queue) and
 * hidden — kept in a human-readable append-only journal under
 * $XDG_STATE_HOME/digest-tui/marks (default ~/.local/state/digest-tui/marks).
 *
 * Journal lines, oldest first:
 *     # digest-tui marks v1
 *     2025-11-28T04:12:00Z +s 2509.22622
 *     2025-11-28T04:13:10Z -s 2509.22622
 *     2025-11-28T04:20:00Z +rl url:https://example.com/post
 * A line is TIMESTAMP, one space, OPS ([+-] followed by letters r s l h, one or
 * more groups), one space, KEY. Replaying the lines in order gives the marks.
 *
 * The undo history rides along, so that `u` works after a restart. OPS may
 * start with a kind: none, a decision (an undo step); "." a paper read by
 * being shown, or a compacted mark (no step); "<" an undo (it takes the last
 * step back); "^" a record of a step whose effect the lines above already
 * hold (compaction writes the last 100 steps so; they change nothing).
 * Then "&" joins the line to the step of the line above (one change of many
 * keys, written together). A writable handle's undo stack starts as the
 * journal's last 100 steps; later, only its own changes are pushed.
 *
 * Durability and sharing: every change is appended as whole lines with one
 * write() to an O_APPEND descriptor, under an exclusive flock of marks.lock,
 * and fsync'ed before the call returns: a mark the UI has shown survives a
 * SIGKILL right after; a write that fails half-way (a disk that fills) is
 * cut back to the lines before it, so the journal holds whole lines only and
 * the change is reported as not saved. Before each change the lines other
 * instances appended are replayed, so two instances never lose each other's
 * marks. When the journal has grown (more than 4 lines per live entry, and
 * at least a few dozen), it is compacted under the same lock: written to a
 * temporary file, fsync'ed and renamed over the journal.
 *
 * Bad lines (garbage, invalid UTF-8, a truncated last line) are skipped and
 * reported in one message naming FILE:LINE; before the journal is next
 * rewritten the original is kept as marks.corrupt-YYYYmmddTHHMMSS.
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

struct marks;

/* The default directory: $XDG_STATE_HOME/digest-tui when XDG_STATE_HOME is
 * an absolute path, else $HOME/.local/state/digest-tui. Returns a new string,
 * or NULL when neither variable helps. */
char *marks_default_dir(void);

/* Opens (creating the directory and an empty journal unless read-only or
 * MARKS_NOCREATE) and replays the journal in dir (NULL: marks_default_dir()).
 * Never fails: on trouble (no HOME, unreadable file) the marks work in memory
 * only and a one-line message goes to err; a corrupted journal adds one line
 * naming FILE:LINE. A writable journal that is corrupted or overgrown is
 * compacted right away (after keeping the corrupted original aside). */
struct marks *marks_open(const char *dir, unsigned flags, struct strbuf *err);
void marks_close(struct marks *m);

/* The journal's path, or NULL for in-memory marks. */
const char *marks_path(const struct marks *m);

/* Marks for a key as enum mark_flag bits (0 for an unknown key or m NULL). */
unsigned marks_get(const struct marks *m, const char *key);

/* How many keys carry flag (one enum mark_flag bit). */
size_t marks_count_flag(const struct marks *m, unsigned flag);

/* "rslh" letters of the set marks in that order, or "-" for none. */
void marks_letters(const struct marks *m, const char *key, char out[5]);

/* Sets (on != 0) or clears the flag(s) of key: replays others' changes, then
 * appends and fsyncs. A change that alters nothing writes nothing and is not
 * pushed on the undo stack. Returns 0, or -1 with a message in err when the
 * change could not be saved (it is still applied in memory). Like every call
 * taking err, it may also add a report while returning 0 (say, bad lines
 * another instance left, found and kept aside): show err when not empty. */
int marks_set(struct marks *m, const char *key, unsigned flag, int on,
	      struct strbuf *err);

/* Flips one flag. Returns the new state (0 or 1), or -1 with a message in
 * err when it could not be saved. */
int marks_toggle(struct marks *m, const char *key, unsigned flag,
		 struct strbuf *err);

/* Sets or clears a flag on many keys as one change (one write, one undo
 * step), e.g. "mark this whole digest read". Returns 0 or -1 (err). */
int marks_set_many(struct marks *m, const char *const *keys, size_t nkeys,
		   unsigned flag, int on, struct strbuf *err);

/* Marks every paper of d read (one undo step). */
int marks_digest_read(struct marks *m, const struct digest *d,
		      struct strbuf *err);

/* Sets MARK_READ on key without an undo step: a paper read by being shown
 * is not a decision that `u` should take back. Returns as marks_set. */
int marks_set_seen(struct marks *m, const char *key, struct strbuf *err);

/* What marks_undo would undo next: the first key of the last change, the
 * flags it touched and their values before it (old & mask), and how many
 * keys it changed. Returns 0 when there is nothing to undo. The key stays
 * owned by m and is valid until the next change. */
int marks_undo_peek(const struct marks *m, const char **key, unsigned *mask,
		    unsigned *old, size_t *nkeys);

/* Undoes the last change made through this handle (a stack of changes).
 * Returns 1 when something was undone, 0 when the stack is empty, -1 with a
 * message in err when the undo could not be saved. */
int marks_undo(struct marks *m, struct strbuf *err);
size_t marks_undo_depth(const struct marks *m);

/* Picks up lines other instances appended (or a journal they compacted).
 * Cheap when nothing changed: one stat. Returns 1 when marks changed, 0 when
 * not, -1 with a message in err. */
int marks_refresh(struct marks *m, struct strbuf *err);

/* Rewrites the journal with one line per live key now (normally automatic).
 * Returns 0 or -1 (err). */
int marks_compact(struct marks *m, struct strbuf *err);

/* Tuning, for tests: compact when lines > factor * live keys + min_lines
 * (defaults 4 and 64). */
void marks_set_compaction(struct marks *m, unsigned factor, size_t min_lines);

/* Number of keys with at least one mark set. */
size_t marks_count(const struct marks *m);

/* Calls fn for every key with marks set (in no particular order). */
void marks_foreach(const struct marks *m,
		   void (*fn)(const char *key, unsigned flags, void *ctx),
		   void *ctx);

/* The key of a paper (see above): a new string. d may be NULL. */
char *marks_paper_key(const struct digest *d, const struct paper *p);

#endif
