/* fuzz_search: libFuzzer target for archive search — a random
 * query through search_query_parse, then search_find / search_ranges /
 * search_highlight on random text, and search_run / search_refine /
 * search_paper_matches over a two-paper archive made of that text.
 *
 * Input: [0] the query's length (0..255), the query, then the text; the text
 * is split in two at its middle: paper 1's title, and paper 2's body.
 *
 * Invariants (besides ASan/UBSan): the parsed query is clean text (no C0,
 * DEL, C1 or bidi control; valid UTF-8); a query that is not empty finds
 * itself (typing what is shown finds it); search_ranges gives non-empty,
 * ordered, non-overlapping ranges inside the text, and search_find walks
 * them in order; search_highlight keeps the text and its spans tiling it;
 * the index (search_run, search_refine) agrees with search_paper_matches,
 * and so does an index adopted from search_paper_text (what the persistent
 * index stores), its papers laid out in the other order. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "fuzz_check.h"
#include "model.h"
#include "search.h"
#include "strbuf.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_spans(const struct text *t, const char *what)
{
	size_t at = 0;
	for (size_t i = 0; i < t->nspans; i++) {
		FUZZ_CHECK(t->spans[i].start == at, "%s: span %zu starts at %zu, not %zu",
			   what, i, (size_t)t->spans[i].start, at);
		at += t->spans[i].len;
	}
	FUZZ_CHECK(at == t->len, "%s: spans cover %zu of %zu bytes", what, at, (size_t)t->len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t qlen = data[0];
	if (qlen > size - 1)
		qlen = size - 1;
	const char *qs = (const char *)data + 1;
	const char *s = qs + qlen;
	size_t len = size - 1 - qlen;

	struct search_query q;
	int rc = search_query_parse(qs, qlen, &q);
	FUZZ_CHECK(q.text != NULL, "no display text");
	fuzz_check_clean("query text", q.text, strlen(q.text), 0);
	if (rc < 0) {
		FUZZ_CHECK(q.folded_len == 0, "rejected query with %zu folded bytes",
			   q.folded_len);
		search_query_free(&q);
		return 0;
	}
	/* A query of field prefixes only (author:, abstract:, cat:, note:) has
	 * no words. */
	FUZZ_CHECK((q.folded_len > 0 || q.nterms) && strlen(q.folded) == q.folded_len,
		   "folded query of %zu bytes, length %zu", strlen(q.folded), q.folded_len);
	if (q.initials)
		FUZZ_CHECK(strlen(q.initials) == q.initials_len, "initials length");

	/* The query finds itself, raw and as displayed (its field prefixes
	 * are taken out of its words, so then it need not). */
	size_t st = 0, ml = 0;
	int prefixed = q.nterms || strcasestr(q.text, "author:") ||
		       strcasestr(q.text, "abstract:") || strcasestr(q.text, "cat:") ||
		       strcasestr(q.text, "note:");
	if (!prefixed) {
		FUZZ_CHECK(search_find(&q, qs, qlen, 0, &st, &ml),
			   "query \"%s\" does not find the bytes it was typed as", q.text);
		FUZZ_CHECK(search_find(&q, q.text, strlen(q.text), 0, &st, &ml),
			   "query \"%s\" does not find its own display text", q.text);
	}

	/* Ranges in the text. */
	struct search_range *v = NULL;
	size_t n = search_ranges(&q, s, len, &v);
	FUZZ_CHECK((n == 0) == (v == NULL), "%zu ranges, array %p", n, (void *)v);
	for (size_t i = 0; i < n; i++) {
		FUZZ_CHECK(v[i].len > 0, "range %zu is empty", i);
		FUZZ_CHECK(v[i].start + v[i].len <= len, "range %zu ends at %zu of %zu", i,
			   v[i].start + v[i].len, len);
		if (i)
			FUZZ_CHECK(v[i].start >= v[i - 1].start + v[i - 1].len,
				   "ranges %zu and %zu overlap or are out of order", i - 1, i);
	}
	/* search_find walks the same ranges (the first few). */
	size_t from = 0;
	for (size_t i = 0; i < n && i < 8; i++) {
		FUZZ_CHECK(search_find(&q, s, len, from, &st, &ml), "find %zu: nothing", i);
		FUZZ_CHECK(st == v[i].start && ml == v[i].len,
			   "find %zu: %zu+%zu, range %zu+%zu", i, st, ml, v[i].start, v[i].len);
		from = st + 1;
	}
	if (n <= 8)
		FUZZ_CHECK(!search_find(&q, s, len, from, &st, &ml),
			   "find past the last range found %zu+%zu", st, ml);
	free(v);

	/* Highlighting keeps the text. */
	struct text t;
	text_init(&t);
	text_append(&t, s, len / 3, STYLE_PLAIN);
	text_append(&t, s + len / 3, len - len / 3, STYLE_EMPH);
	search_highlight(&q, &t);
	FUZZ_CHECK(t.len == len && (len == 0 || !memcmp(t.s, s, len)),
		   "search_highlight changed the text");
	check_spans(&t, "search_highlight");
	text_free(&t);

	/* Field prefixes are checked against paper facts (none here), after the
	 * index has found the words: the two below do not compare then. */
	if (prefixed) {
		search_query_free(&q);
		return 0;
	}

	/* The index against the one-paper matcher. */
	struct archive a;
	archive_init(&a);
	a.v = calloc(1, sizeof(*a.v));
	a.n = a.cap = 1;
	struct digest *d = &a.v[0];
	d->path = strdup("fuzz.md");
	struct paper *p1 = digest_add_paper(d);
	p1->number = 1;
	text_append(&p1->title, s, len / 2, STYLE_PLAIN);
	struct paper *p2 = digest_add_paper(d);
	p2->number = 2;
	text_append_str(&p2->title, "Second", STYLE_PLAIN);
	struct section *sec = paper_add_section(p2, "Method");
	struct block *b = section_add_block(sec, BLOCK_BULLET);
	b->label = strdup("Goal");
	text_append(&b->text, s + len / 2, len - len / 2, STYLE_PLAIN);

	int m1 = search_paper_matches(&q, &d->papers[0]);
	int m2 = search_paper_matches(&q, &d->papers[1]);
	if (search_find(&q, d->papers[0].title.s, d->papers[0].title.len, 0, &st, &ml))
		FUZZ_CHECK(m1, "found in paper 1's title, but paper 1 does not match");
	struct search_index *ix = search_index_build(&a);
	FUZZ_CHECK(search_index_papers(ix) == 2, "index of %zu papers",
		   search_index_papers(ix));
	struct search_results r, r2;
	search_results_init(&r);
	search_results_init(&r2);
	size_t hits = search_run(ix, &q, &r);
	FUZZ_CHECK(hits == r.n && hits == (size_t)(m1 + m2),
		   "search_run: %zu hits, matchers say %d + %d", hits, m1, m2);
	for (size_t i = 0; i < r.n; i++) {
		FUZZ_CHECK(r.v[i].digest == 0 && r.v[i].paper < 2, "hit %zu out of range", i);
		FUZZ_CHECK(r.v[i].paper == 0 ? m1 : m2, "hit %zu on a paper that does not match", i);
	}
	/* Refining by the same query over all the hits changes nothing. */
	size_t hits2 = search_refine(ix, &q, &r, &r2);
	FUZZ_CHECK(hits2 == hits, "search_refine: %zu hits, search_run %zu", hits2, hits);

	/* The same papers as a second digest, adopted in reverse order (the
	 * index file's order need not be the archive's). */
	struct strbuf tx = STRBUF_INIT, in = STRBUF_INIT;
	struct search_entry *e = calloc(4, sizeof(*e));
	size_t ne = 0;
	for (size_t dg = 2; dg-- > 0;) {
		for (size_t pp = 0; pp < 2; pp++, ne++) {
			size_t t0 = tx.len, i0 = in.len;
			search_paper_text(&d->papers[pp], &tx, &in);
			e[ne] = (struct search_entry){ dg, pp, t0, tx.len - t0, i0, in.len - i0 };
			strbuf_addch(&tx, '\0');
			strbuf_addch(&in, '\0');
		}
	}
	FUZZ_CHECK(!memchr(tx.buf, '\0', e[0].len) && !memchr(in.buf, '\0', e[0].ilen),
		   "search_paper_text wrote a NUL");
	struct search_index *ax = search_index_adopt(tx.buf, tx.len, in.buf, in.len, e, ne, 2);
	size_t ahits = search_run(ax, &q, &r2);
	FUZZ_CHECK(ahits == 2 * hits, "adopted index: %zu hits, built %zu twice", ahits, hits);
	for (size_t i = 0; i < r2.n; i++) {
		FUZZ_CHECK(r2.v[i].digest == i / hits && r2.v[i].paper == r.v[i % hits].paper,
			   "adopted hit %zu: %zu/%zu, out of archive order", i,
			   r2.v[i].digest, r2.v[i].paper);
	}
	FUZZ_CHECK(search_refine(ax, &q, &r2, &r2) == ahits, "adopted index: refine");
	search_index_free(ax);
	strbuf_release(&tx);
	strbuf_release(&in);
	search_results_free(&r);
	search_results_free(&r2);
	search_index_free(ix);
	archive_free(&a);
	search_query_free(&q);
	return 0;
}
