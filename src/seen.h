/* seen: which digests this user has had on screen, and which the reader
 * already knew — the memory behind "what is new since I last looked" — kept
 * per digest date in $XDG_STATE_HOME/digest-tui/seen-digests (beside the
 * marks journal). It decides which dates are new in a session; what the
 * reader does with that (where it opens, the markers, the status line) is
 * ui/'s. No curses.
 *
 * A digest is identified by its date: one date, one digest (two copies of a
 * post of one date, from two sources, are one digest to the reader).
 *
 * The file, rewritten whole (fileio_replace) and never appended to:
 *     # digest-tui seen digests v1
 *     2025-12-10 s
 *     2025-12-11 k
 * one line per date, oldest first: "s" the user has seen it, "k" the reader
 * knew it without the user seeing it (it was in the archive of a first run). A line that is
 * not one is skipped; a file that does not start with the header (or cannot
 * be read) counts as no file at all, so the reader starts afresh — never
 * with the whole archive new (see seen_learn). Saving merges what another
 * instance saved meanwhile (seen and known only grow).
 *
 * New: a date the reader learns (its archive holds it, at start or after a
 * reload) that is neither known nor seen. On a first run (no file, or a bad
 * one) the dates of the first seen_learn that has any are known and none of
 * them is new: the archive that was there before digest-tui remembered
 * anything is not news; from then on every date that arrives is new, and
 * stays new, session after session, until the user has seen it (a digest
 * that came while the user was away for a week waits to be read). Within a
 * session a new date stays new once seen, so its markers do not vanish
 * while the user reads it. */
#ifndef DIGEST_SEEN_H
#define DIGEST_SEEN_H

#include <stddef.h>

#include "strbuf.h"

enum seen_flag {
	SEEN_KNOWN = 1 << 0,  /* in the archive of a first run (saved, "k") */
	SEEN_SEEN = 1 << 1,   /* the user had it on screen (saved, "s") */
	SEEN_NEW = 1 << 2,    /* new in this session (never saved) */
};

/* The file's name in the state directory. */
#define SEEN_FILE "seen-digests"
/* The largest file read: a date a line is 13 bytes, so a century of days
 * fits many times over. */
#define SEEN_FILE_MAX ((size_t)1 << 20)

struct seen;

/* Reads dir/SEEN_FILE (dir NULL: marks_default_dir(), the state directory;
 * none: in memory only, nothing saved). Never fails: a file that cannot be
 * read or is not one is a first run, with one line about it in err (a
 * missing file is said nothing of); skipped lines add one line naming the
 * first, FILE:LINE. */
struct seen *seen_open(const char *dir, struct strbuf *err);
void seen_close(struct seen *s);

/* Whether no good file was read: the first seen_learn with dates is the
 * baseline. */
int seen_first_run(const struct seen *s);
/* The file's path, or NULL in memory only. */
const char *seen_path(const struct seen *s);

/* The enum seen_flag bits of date (0 for a date never met, or not one). */
unsigned seen_get(const struct seen *s, const char *date);
/* How many dates carry every bit of flags. */
size_t seen_count(const struct seen *s, unsigned flags);

/* The reader holds these dates now (at start; after a reload): each that
 * was neither known nor seen becomes known, and new (SEEN_NEW) unless this
 * is the first run's baseline (see above). fresh (n entries, or NULL) gets
 * 1 for each date that became new, 0 for the others. NULL or malformed
 * dates are passed over. Returns how many became new. */
size_t seen_learn(struct seen *s, const char *const *dates, size_t n, unsigned char *fresh);
/* The user had date on screen. Returns 1 when it was not seen before, 0
 * when it was (or date is no date). */
int seen_mark_seen(struct seen *s, const char *date);

/* Writes the file when anything changed since it was read or last saved,
 * merged with what it holds now (created with its directory, mode 0600).
 * Returns 0, or -1 with one line in err. */
int seen_save(struct seen *s, struct strbuf *err);

/* "3 new digests: Dec 10, 11, 12" for dates (YYYY-MM-DD, oldest first),
 * appended to out: the month named once for a run of days in it ("Nov 30,
 * Dec 1, 2"); whole dates when they span two years; past
 * SEEN_NAME_MAX dates, the first and the last ("11 new digests: Dec 11 …
 * Dec 26"). Nothing for n == 0. */
#define SEEN_NAME_MAX 7
void seen_news_line(const char *const *dates, size_t n, struct strbuf *out);

#endif
