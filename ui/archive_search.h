/* archive_search: what the archive search (f, :search) searches — the persistent
 * index of the cache (index.h) when the reader reads the cache, so that no
 * post is parsed to search; else a search index built over the parsed
 * archive. It parses only the digests that hold hits. No curses. */
#ifndef DIGEST_ARCHIVE_SEARCH_H
#define DIGEST_ARCHIVE_SEARCH_H

struct app;

/* How long a keystroke of the archive search may parse digests with hits. */
#define ARCHIVE_SEARCH_BUDGET_MS 8

/* Makes a->search_index ready to search (does nothing when it is). */
void archive_search_prepare(struct app *a);
/* Parses the digests a->hits point into, newest first, for about budget_ms
 * (0: none), and drops the hits that are not there once parsed (a post found
 * bad, or changed since it was indexed). Hits in digests still pending stay:
 * the list shows them once the loader has parsed their digest (call this
 * again then). Returns how many hits are still pending. */
size_t archive_search_settle(struct app *a, int budget_ms);

#endif
