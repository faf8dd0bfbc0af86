/* model: the digest data model — a post (digest) holding papers, each holding
 * sections made of blocks of styled text. Filled by post.c, read by everything
 * else. Owns all of its strings; digest_free releases the lot. */
#ifndef DIGEST_MODEL_H
#define DIGEST_MODEL_H

#include <stddef.h>

#include "text.h"

enum block_kind {
	BLOCK_PARAGRAPH,
	BLOCK_BULLET,   /* list item; `label` set for "Goal: ..." style items */
	BLOCK_QUOTE,
	BLOCK_CODE,
};

struct block {
	enum block_kind kind;
	int depth;         /* list / quote nesting, 0 for top level */
	int ordinal;       /* 1-based number of an ordered-list item, else 0 */
	char *label;       /* e.g. "Goal" (without the colon), or NULL */
	struct text text;  /* body, label removed; may contain '\n' hard breaks */
};

struct section {
	char *name;        /* heading text as written, e.g. "Introduction" */
	struct block *blocks;
	size_t nblocks, blocks_cap;
};

struct link {
	char *label;       /* e.g. "Alphaxiv" */
	char *url;
};

struct paper {
	int number;        /* as written in the heading, or the 1-based position */
	struct text title; /* one line, white space collapsed */
	char *arxiv_id;    /* normalized (e.g. "2509.22622", "hep-th/9901001") or NULL */
	char *url;         /* the heading's link, or NULL */
	struct link *links;/* other links of the preamble (Alphaxiv, ...) */
	size_t nlinks, links_cap;
	struct section *sections;
	size_t nsections, sections_cap;
	struct block *preamble;   /* body text before the first section, if any */
	size_t npreamble, preamble_cap;
};

struct digest {
	char *path;        /* file it came from (or a label such as "<sample>") */
	int pending;       /* only path and date known yet (see archive_ensure) */
	int bad;           /* it turned out unreadable when parsed lazily */
	char *date;        /* "YYYY-MM-DD" or NULL when unknown */
	char *title;       /* from front matter, or NULL */
	char **tags;
	size_t ntags, tags_cap;
	struct paper *papers;
	size_t npapers, papers_cap;
	void *arena;       /* all of the above after digest_compact, else NULL */
	size_t arena_len;
};

void digest_free(struct digest *d);
/* Moves every string and array of d into one allocation (post_parse does
 * it last): a whole archive stays in memory, and thousands of small blocks
 * per post cost more than their text. A compacted digest is read-only: its
 * parts cannot grow or be freed one by one (digest_free frees it whole);
 * only path, date and title may be replaced, by strings of their own. */
void digest_compact(struct digest *d);
struct paper *digest_add_paper(struct digest *d);
struct section *paper_add_section(struct paper *p, const char *name);
struct block *section_add_block(struct section *s, enum block_kind kind);
/* Frees what a section holds (its name and blocks; not s itself): for a
 * section of its own, outside any paper (post_parse_blocks). */
void section_free(struct section *s);
struct block *paper_add_preamble(struct paper *p, enum block_kind kind);
void paper_add_link(struct paper *p, const char *label, const char *url);

/* The section index whose name matches one of the five canonical sections
 * (Introduction=1 .. Conclusion=5), or 0 when the name is something else. */
int section_canonical(const char *name);
/* "Introduction" .. "Conclusion" for 1..5. */
const char *section_canonical_name(int canonical);

#endif
