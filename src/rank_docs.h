/* rank_docs: the papers the ranking reads — each one's marks key, search
 * text and English abstract — gathered from an archive. It owns the keys
 * and the texts it makes; the texts of an archive loaded through the
 * persistent index (index.h) are borrowed from it, so the archive must
 * outlive the docs. The ranking itself is rank.h's. No curses. */
#ifndef DIGEST_RANK_DOCS_H
#define DIGEST_RANK_DOCS_H

#include <stddef.h>

#include "rank_features.h"
#include "search.h"

struct archive;

struct rank_docs {
	struct rank_doc *v;
	size_t n, cap;
	size_t *digest, *paper;   /* doc i is paper paper[i] of digest digest[i] */
	const char **id;          /* its arXiv ID (the archive's), or NULL */
	char **owned;             /* what the docs point to that is theirs */
	size_t nowned, owned_cap;
};

void rank_docs_init(struct rank_docs *d);
void rank_docs_free(struct rank_docs *d);

/* Adds every paper of a (a paper repeating one of an earlier digest of its
 * date, archive_paper_repeats, once): its text from the archive's search
 * index when it came with one (index.h), else search_paper_text of the
 * parsed paper. Pending digests are skipped (archive_ensure them first). */
void rank_docs_add_archive(struct rank_docs *d, const struct archive *a);

/* Adds paper p of digest dg (index digest, paper in a) on its own. */
void rank_docs_add_paper(struct rank_docs *d, const struct archive *a, size_t digest,
			 size_t paper);

/* Gives doc i its abstract from get (facts_lookup_get fits; the facts must
 * outlive the docs), for every doc, or for those whose only[i] is set when
 * only is not NULL. */
void rank_docs_add_abstracts(struct rank_docs *d, search_facts_fn get, void *ctx,
			     const unsigned char *only);

#endif
