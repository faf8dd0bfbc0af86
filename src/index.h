/* index: the persistent index of the cache — for every cached post, what
 * --list, --search and --export print (its papers' numbers, titles, IDs and
 * links) and its search text, so they need not parse the whole archive.
 * It owns the file $XDG_CACHE_HOME/digest-tui/index; the posts stay cache.c's.
 *
 * Validated, never trusted: each entry is keyed by its post's and metadata's
 * size, mtime, ctime, inode and device, and by the post's SHA-256; every part
 * carries a checksum. An entry whose keys differ is checked again: the same
 * content (the metadata's SHA-256, verified against the post) keeps it, other
 * content is parsed anew. So is an entry whose keys match but whose times are
 * not strictly older than the index file's mtime ("racily clean", see racy()
 * in index.c: on a file system with whole-second times, a post rewritten
 * within the second can keep every key), until a later rewrite of the file;
 * older entries are trusted on their keys, without reading their posts. A
 * missing, truncated, corrupt or foreign-version file, or a bad entry, is
 * rebuilt silently; the file is rewritten (atomically) only when something
 * changed. A post that is bad in the cache is never indexed, so it is
 * reported as cache_load reports it, every run. Every run removes the
 * temporary files of index writers that died before their rename (a live
 * writer's are safe: see fileio.h).
 *
 * Usage, for the printing modes (main.c):
 *
 *	struct archive a;
 *	archive_init(&a);
 *	index_load_cache(&a, INDEX_SEARCH, errors); // papers, sorted; a.search
 *	search_archive(&a, query, get, ctx, &hits, err);   // searches a.search
 *	archive_free(&a);                           // frees the index's memory
 */
#ifndef DIGEST_INDEX_H
#define DIGEST_INDEX_H

#include <stddef.h>

#include "archive.h"
#include "strbuf.h"

/* Bumped whenever the file's layout or what it stores changes (also when
 * the search folding or the parser change what a post indexes to). */
#define INDEX_VERSION 3
#define INDEX_FILE "index"

enum index_want {
	INDEX_LIST = 0,             /* the papers only */
	INDEX_SEARCH = 1,           /* and their search text, in a->search */
	INDEX_SEARCH_INITIALS = 2,  /* and their initials too (초성 queries) */
};

/* What --search QUERY needs: INDEX_SEARCH, or INDEX_SEARCH_INITIALS for a
 * 초성 query. */
enum index_want index_want_search(const char *query);

/* Loads every good post of the default cache into the empty archive a,
 * sorted (archive_sort's order), through the index: digests with date, path,
 * title and papers (number, title, arXiv ID, URL, links; no sections). Bad
 * cache entries add one line each to errors, in cache_load's words. With
 * INDEX_SEARCH, a->search holds every paper's search text (and initials
 * with INDEX_SEARCH_INITIALS). Returns the
 * number of posts loaded. A non-empty archive is filled by cache_load
 * instead (no index, no a->search). */
int index_load_cache(struct archive *a, enum index_want want, struct strbuf *errors);

/* For the reader, whose archive a lists the default cache's posts (pending:
 * cache_list_archive): the persistent index's search text of a's digests,
 * matched by path — so an archive search reads no post. Returns NULL (and
 * the caller parses and indexes a itself) when the index does not cover
 * every digest of a that is not known bad. The index owns what it loaded;
 * search_index_free frees it. Problems add lines to errors. */
struct search_index *index_search_for(const struct archive *a, enum index_want want,
				      struct strbuf *errors);

/* The same on the cache at dir (NULL: the default), for tests. */
int index_load_cache_dir(struct archive *a, const char *dir, enum index_want want,
			 struct strbuf *errors);

#endif
