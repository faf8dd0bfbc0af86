/* listing: which papers the list shows — one digest, or an aggregate over
 * the archive (unread, starred, later, hidden, search hits); the docs and
 * the key names call these "views" (view-unread, :view) — and moving between
 * listings: by name, digests by date or direction, the archive search, and
 * putting the reader back where it was after the archive is reloaded.
 * In the order the sort setting or :sort says (the blog's, upvotes, for-me).
 * Calls app.c, archive_search.c (the archive search), facts_ui.c (upvotes, facts in
 * queries) and forme_ui.c (for-me scores); never a pane or the event loop. */
#ifndef DIGEST_LISTING_H
#define DIGEST_LISTING_H

#include "app.h"
#include "strbuf.h"

/* Fills a->items for the listing; keeps the selected paper selected when
 * it is still listed. */
void listing_build(struct app *a);
/* Sorts the rows again (the scores of the order changed: a new for-me
 * model), the same rows: a paper read meanwhile stays in Unread until the
 * next build. The selected paper stays selected. */
void listing_resort(struct app *a);
/* Shows listing v as it is (the selection kept where it can be), without
 * a word: what Esc goes back to. */
void listing_set(struct app *a, enum listing_kind v);
/* Shows listing v; another listing than the current one opens where it was
 * left, else at its top. */
void listing_show(struct app *a, enum listing_kind v);
/* Selects the paper with marks key `key` in the listing; in the Digest
 * listing a paper of another digest takes the reader to the newest digest listing it.
 * Returns whether it is now selected. */
int listing_select_key(struct app *a, const char *key);
const char *listing_name(enum listing_kind v);
/* The listing called name ("starred"): 0, or -1 when there is none. */
int listing_by_name(const char *name, enum listing_kind *v);
/* The dates the item's paper appeared on, comma-separated, into out. */
void listing_dates(const struct app *a, const struct item *it, struct strbuf *out);
/* Searches every digest and shows the hits in the Search results listing. */
void listing_search(struct app *a, const char *text);
/* The next readable digest in that direction (dir -1 older, 1 newer); bad
 * posts on the way are passed over and reported. Outside the Digest listing it
 * goes back to that listing. */
void listing_change_digest(struct app *a, int dir);
/* Shows the digest dated date (YYYY-MM-DD); when none is, the nearest
 * digest, saying so. -1 with a message when there is no dated digest or
 * date is not a date. */
int listing_goto_date(struct app *a, const char *date);
/* Selects the next (dir 1) or previous (dir -1) unread paper of the list;
 * in the Digest listing, when this digest has none left that way, the first
 * (last) unread paper, in the list's order, of the next newer (older)
 * digest that has one. Returns 0, or -1 with a message when there is none. */
int listing_next_unread(struct app *a, int dir);
/* The start: the oldest digest new since the last session (news.h) that
 * has unread papers, at its first unread paper (in the list's order), so
 * that Space reads on through everything new; without one, the newest
 * digest with unread papers, its first unread paper (in the list's order)
 * selected; else the newest digest with papers. Builds the rows. */
void listing_open_where_the_work_is(struct app *a);
/* Whether digest d is one that [ and ] stop at: a post that parsed, and not
 * a second copy of an earlier post of its date (parses it when pending). */
int listing_digest_listed(struct app *a, size_t d);
/* Digest d's papers that are not hidden, and how many of them are unread
 * (0 and 0 while it is not parsed). */
void listing_digest_counts(const struct app *a, size_t d, size_t *papers, size_t *unread);
/* Shows digest d at its first unread paper (else the paper it was left
 * on): what the digests overview opens. */
void listing_show_digest(struct app *a, size_t d);
/* The next new digest (news.h) after the current one by date that has
 * unread papers, around the end, at its first unread paper. Returns 0, or
 * -1 with a message when there is none. */
int listing_next_new(struct app *a);
/* Takes over a freshly loaded archive (fresh is left empty), keeping the
 * digest, listing, search and selected paper when they still exist. */
void listing_reload_archive(struct app *a, struct archive *fresh);

#endif
