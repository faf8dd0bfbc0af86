/* archive_search: what the archive search (f, :search) searches — the persistent
 * index of the cache (index.h) when the reader reads the cache, so that no
 * post is parsed to search; else a search index built over the parsed
 * archive — and the notes beside it. It parses only the digests that hold
 * hits or noted papers. No curses. */
#ifndef DIGEST_ARCHIVE_SEARCH_H
#define DIGEST_ARCHIVE_SEARCH_H

struct app;
struct search_extra;

/* How long a keystroke of the archive search may parse digests with hits. */
#define ARCHIVE_SEARCH_BUDGET_MS 8

/* Makes a->search_index ready to search (does nothing when it is). */
void archive_search_prepare(struct app *a);
/* Parses the digests a->hits point into, newest first, for about budget_ms
 * (0: none) and at least until one hit is there to show, and drops the hits that are not there once parsed (a post found
 * bad, or changed since it was indexed). Hits in digests still pending stay:
 * the list shows them once the loader has parsed their digest (call this
 * again then). Returns how many hits are still pending. */
size_t archive_search_settle(struct app *a, int budget_ms);

/* The notes as the archive search takes them (search_add_extra), built
 * when the notes or the archive changed (app.h: notes_extra): the digests
 * that hold noted papers are parsed first (a few: the notes' keys name
 * them — an arXiv ID is looked up in the search index, a "paper:DATE/..."
 * key parses that date's digests, any other key every digest), since a
 * note finds its paper only in a parsed digest. NULL without notes. */
const struct search_extra *archive_search_notes(struct app *a);

#endif
