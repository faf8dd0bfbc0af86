/* search: finding papers across the whole archive — titles, arXiv IDs, block
 * labels and body text — case-insensitively (full case folding) and
 * normalization-insensitively (NFD and NFC find each other), plus Korean
 * initial-consonant search (초성 검색): a query made only of consonant letters
 * (ㄱ..ㅎ, or conjoining initial jamo), e.g. ㄱㅎㅎㅅ, finds 강화학습; it matches
 * a consecutive run of syllables anywhere in a word (ㅎㅎ finds 화학 in
 * 강화학습); spaces in it stand for word gaps. Any other query is plain text.
 *
 * Field prefixes search the paper facts (facts.h) and are AND-combined with
 * the plain words and with each other: author:NAME (case- and
 * accent-insensitive, part of any author's name), abstract:WORD (in the
 * English abstract) and cat:CATEGORY (an arXiv category, "cat:cs" for every
 * cs.*); a value may be quoted to hold spaces (author:"Kim Min"). A paper
 * without known facts matches no prefix.
 *
 * Text beside the index: the notes (notes.h) change outside the index's
 * knowledge and are never stored in it. A caller hands their text over in a
 * struct search_extra (notes_search_extra makes it), and search_add_extra,
 * after search_run or search_refine, adds the papers whose extra text holds
 * the plain words (so a paper whose note has the word is a hit even when its
 * post has not) and keeps only those whose extra text holds every
 * note:WORD prefix (folded as the rest; a 초성 value as a 초성 query). A
 * paper without extra text matches no note: prefix.
 *
 * Speed: search_index_build prepares, once, one case-folded NFC string per
 * paper and a parallel string of syllable initials; search_run is then a
 * memmem scan over them (and search_refine one over the previous hits, for a
 * query that grew by a keystroke). The same folding drives search_find /
 * search_ranges, which give the byte ranges to highlight in displayed text.
 * No curses. */
#ifndef DIGEST_SEARCH_H
#define DIGEST_SEARCH_H

#include <stddef.h>

#include "archive.h"
#include "marks.h"
#include "strbuf.h"
#include "text.h"

struct search_query {
	char *text;          /* trimmed, blanks collapsed, NFC: for messages */
	char *folded;        /* case-folded NFC of text: what is looked for */
	size_t folded_len;
	char *initials;      /* 초성 query: one byte per consonant, ' ' for a
			      * word gap; NULL for a plain query */
	size_t initials_len;
	struct search_term *terms; /* the field prefixes, AND-combined */
	size_t nterms;
};

enum search_field { SEARCH_AUTHOR, SEARCH_ABSTRACT, SEARCH_CATEGORY, SEARCH_NOTE };

struct search_term {
	enum search_field field;
	char *folded;        /* folded value (author: without accents) */
	size_t len;
	char *initials;      /* note: with a 초성 value, as search_query's;
			      * else NULL */
	size_t initials_len;
};

struct paper_facts;
/* Where the facts of a paper come from: the known facts of arXiv ID id, or
 * NULL (facts_lookup_get fits). */
typedef const struct paper_facts *(*search_facts_fn)(void *ctx, const char *id);

/* Parses any bytes (invalid UTF-8 and control characters are tolerated: they
 * become U+FFFD and blanks). Returns 0, or -1 when nothing is left to search
 * for (q is then empty but may still be freed). A query of prefixes only has
 * an empty folded text: every paper passes that part. */
int search_query_parse(const char *s, size_t len, struct search_query *q);
void search_query_free(struct search_query *q);

struct search_index;

/* Indexes every paper of the archive; the archive must outlive the index and
 * not change (rebuild after loading more digests). */
struct search_index *search_index_build(const struct archive *a);
void search_index_free(struct search_index *ix);

/* The text search_index_build keeps for one paper, appended to text (its
 * case-folded NFC fields, newline-separated; never a NUL) and init (one byte
 * per syllable initial, ' ' and '\n' between: never a NUL). The persistent
 * index (index.h) stores exactly this. */
void search_paper_text(const struct paper *p, struct strbuf *text, struct strbuf *init);

/* Paper `paper` of digest `digest`: its text at text+off (len bytes, a NUL
 * after them) and its initials at init+ioff (ilen bytes, a NUL after). */
struct search_entry {
	size_t digest, paper;
	size_t off, len;
	size_t ioff, ilen;
};

/* An index over text prepared elsewhere: text (text_len bytes) must be
 * exactly the entries' texts, each followed by a NUL, in the order of e, and
 * init likewise; a digest's entries are consecutive, paper 0 first. The
 * index takes e (malloc()ed) and borrows text and init, which must outlive
 * it. The entries may be in any digest order (hits come out sorted). */
struct search_index *search_index_adopt(const char *text, size_t text_len,
					const char *init, size_t init_len,
					struct search_entry *e, size_t n,
					size_t ndigests);
/* A new index over ix's text (shared: ix must outlive it, or be handed to it
 * with search_index_set_owner) whose digest d is map[d] (< ndigests), or is
 * left out when map[d] is (size_t)-1. For an index loaded beside the
 * archive it is searched for (index.h: index_search_for). */
struct search_index *search_index_remap(const struct search_index *ix, const size_t *map,
					size_t ndigests);
/* Hands ix the thing its text lives in: owner_free(owner) when ix is freed. */
void search_index_set_owner(struct search_index *ix, void *owner,
			    void (*owner_free)(void *owner));
size_t search_index_papers(const struct search_index *ix);
/* The indexed text of paper `paper` of digest `digest` (its *len bytes,
 * a NUL after them), or NULL when ix has no such paper. */
const char *search_index_text(const struct search_index *ix, size_t digest, size_t paper,
			      size_t *len);
size_t search_index_bytes(const struct search_index *ix); /* memory used */

struct search_hit {
	size_t digest;   /* index into archive->v */
	size_t paper;    /* index into that digest's papers */
};

struct search_results {
	struct search_hit *v;
	size_t n, cap;
};

void search_results_init(struct search_results *r);
void search_results_free(struct search_results *r);

/* Replaces r's contents with the papers matching q, in archive order.
 * Returns the number of hits. */
size_t search_run(const struct search_index *ix, const struct search_query *q,
		  struct search_results *r);

/* Like search_run but only among prev's hits — valid when q's text extends
 * the query prev was found with (typing one more character). r and prev may
 * be the same. */
size_t search_refine(const struct search_index *ix, const struct search_query *q,
		     const struct search_results *prev, struct search_results *r);

/* Whether a paper matches, without an index (for one paper); its facts from
 * get (may be NULL: then no prefix matches). A query with a note: prefix
 * matches nothing here (the notes are search_add_extra's). */
int search_paper_matches(const struct search_query *q, const struct paper *p);
int search_paper_matches_facts(const struct search_query *q, const struct paper *p,
			       search_facts_fn get, void *ctx);

/* Whether facts f (NULL: none known) satisfy every prefix of q but note:
 * (1 when q has none). */
int search_facts_match(const struct search_query *q, const struct paper_facts *f);

/* Keeps in r only the hits (papers of a) whose facts, from get, satisfy q's
 * prefixes; nothing changes when q has none but note:. Returns the hits
 * left. */
size_t search_filter_facts(const struct search_query *q, const struct archive *a,
			   search_facts_fn get, void *ctx, struct search_results *r);

/* Text of some papers kept beside the index (see above), folded once. */
struct search_extra {
	struct search_extra_entry *v;   /* in archive order */
	size_t n, cap;
	struct strbuf text, init;       /* folded texts and their initials */
};

void search_extra_init(struct search_extra *x);
void search_extra_free(struct search_extra *x);
/* Adds the text s[0..len) (any bytes, folded as the index's text) of paper
 * `paper` of digest `digest` (indexes into the archive searched). One text
 * a paper: a second one for the same paper is ignored. */
void search_extra_add(struct search_extra *x, size_t digest, size_t paper, const char *s,
		      size_t len);

/* After search_run or search_refine of q into r: adds the papers whose text
 * in x holds q's plain words, and keeps only the hits whose text in x holds
 * every note: prefix (see above). x may be NULL (no paper has extra text).
 * r stays in archive order. Returns the hits. */
size_t search_add_extra(const struct search_query *q, const struct search_extra *x,
			struct search_results *r);

/* Highlighting in text as displayed (any UTF-8; layout lines are fine): the
 * first match starting at or after byte `from`. Returns 1 and sets *start and
 * *mlen (bytes of s), or 0. */
int search_find(const struct search_query *q, const char *s, size_t len,
		size_t from, size_t *start, size_t *mlen);

struct search_range {
	size_t start, len;
};

/* Every match in s, in order, not overlapping: a new array (free()) whose
 * length is returned; *out is NULL when there is none. */
size_t search_ranges(const struct search_query *q, const char *s, size_t len,
		     struct search_range **out);

/* ORs STYLE_MATCH into the spans of t over every match (before layout). */
void search_highlight(const struct search_query *q, struct text *t);

/* The papers of the archive matching query, as digest-tui --search lists
 * them (searching a->search when the archive came with one: index.h, and
 * the extra text of some papers, extra: NULL for none, see
 * search_add_extra): in archive order, a paper in two copies of its date's
 * post once; the prefixes checked against facts from get (NULL: none are
 * known). Returns 0
 * with the hits in out (replacing what it held), or -1 with a message in err
 * when the query is empty. Printing them is the caller's. */
int search_archive(const struct archive *a, const char *query, search_facts_fn get,
		   void *ctx, const struct search_extra *extra, struct search_results *out,
		   struct strbuf *err);

#endif
