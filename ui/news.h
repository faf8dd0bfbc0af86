/* news: what is new since the user last looked, as the reader sees it —
 * which digests arrived that the user has not seen (since an earlier
 * session, or during this one: a fetch, a cron --fetch the watch picked
 * up), their line in the status
 * line, noting which digests the user had on screen, and keeping that in
 * the seen state (src/seen.h) between sessions. Where the reader opens and
 * the next new digest are listing.c's; the markers are drawn by the panes.
 * Calls only app.c and src/; no curses. Without a seen state (reading named
 * files, or the tests' bare app) nothing is new. */
#ifndef DIGEST_NEWS_H
#define DIGEST_NEWS_H

#include <stddef.h>

#include "strbuf.h"

struct app;

/* Takes over the seen state read from dir (NULL: the state directory) and
 * learns the archive's digests: those that arrived and the user has not
 * seen are new. Their line ("3 new digests: Dec 10, 11, 12") goes to
 * the status line; a problem with the state file joins it. */
void news_start(struct app *a, const char *dir);
/* Saves the seen state (what the user saw, the digests known) and frees
 * it. A failure to save goes to stderr after the reader has left the
 * terminal: the caller prints err when not empty. */
void news_stop(struct app *a, struct strbuf *err);

/* Learns the digests of the archive just reloaded: appends the line of those
 * that arrived ("1 new digest: Dec 12") to line. Returns how many. */
size_t news_learn(struct app *a, struct strbuf *line);
/* Whether digest d is new: arrived, and not seen before this session. */
int news_digest_is_new(const struct app *a, size_t d);
/* How many digests of the archive are new (each date once). */
size_t news_count(const struct app *a);
/* Appends the line of every new digest ("3 new digests: Dec 10, 11, 12"). */
void news_line(const struct app *a, struct strbuf *out);
/* Notes what is on screen: the Digest listing's digest, and the digest of
 * the paper shown in the paper pane, are seen. */
void news_note_shown(struct app *a);

#endif
