/* fuzz_facts_check.h: what fuzz_facts_hf and fuzz_facts_arxiv check of a
 * paper facts reader given any bytes as a server's answer (included by each).
 *
 * Invariants (besides ASan/UBSan): a refusal keeps nothing and says why in one
 * line; an accepted answer gives papers whose every string is clean for a
 * terminal (valid UTF-8, no control or bidi character, no newline), within
 * the caps of facts.h; and each paper, stored as JSON and read back, is the
 * same paper. */
#ifndef DIGEST_FUZZ_FACTS_CHECK_H
#define DIGEST_FUZZ_FACTS_CHECK_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "fuzz_check.h"
#include "strbuf.h"

static void check_str(const char *what, const char *s, size_t max)
{
	if (!s)
		return;
	size_t len = strlen(s);
	FUZZ_CHECK(len > 0 && len <= max, "%s: %zu bytes", what, len);
	FUZZ_CHECK(s[0] != ' ' && s[len - 1] != ' ', "%s: not trimmed", what);
	fuzz_check_clean(what, s, len, 0);
}

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static void check_round_trip(const struct paper_facts *f)
{
	struct strbuf json = STRBUF_INIT, err = STRBUF_INIT;
	struct paper_facts g;
	facts_to_json(f, &json);
	FUZZ_CHECK(facts_from_json(json.buf, json.len, &g, &err) == 0, "stored facts of %s do "
		   "not read back: %s", f->id, err.buf);
	FUZZ_CHECK(same_str(f->id, g.id) && same_str(f->title, g.title) &&
		   same_str(f->abstract, g.abstract) && same_str(f->comment, g.comment) &&
		   same_str(f->published, g.published) && same_str(f->code_url, g.code_url) &&
		   same_str(f->primary_category, g.primary_category) &&
		   f->upvotes == g.upvotes && f->origin == g.origin &&
		   f->nauthors == g.nauthors && f->ncategories == g.ncategories,
		   "facts of %s change through the store", f->id);
	for (size_t i = 0; i < f->nauthors; i++)
		FUZZ_CHECK(!strcmp(f->authors[i], g.authors[i]), "author %zu changes", i);
	paper_facts_free(&g);
	strbuf_release(&json);
	strbuf_release(&err);
}

typedef int (*fuzz_facts_parser)(const char *data, size_t len, struct facts_list *out,
				 struct strbuf *err);

/* Runs parse over data and checks everything it gives. */
static int fuzz_facts_one(fuzz_facts_parser parse, const uint8_t *data, size_t size)
{
	struct facts_list l;
	struct strbuf err = STRBUF_INIT;
	facts_list_init(&l);
	int rc = parse((const char *)data, size, &l, &err);
	if (rc < 0) {
		FUZZ_CHECK(l.n == 0, "refused, but %zu papers kept", l.n);
		FUZZ_CHECK(err.len > 0 && !memchr(err.buf, '\n', err.len), "the reason is not one line");
		fuzz_check_clean("reason", err.buf, err.len, 0);
	} else {
		FUZZ_CHECK(err.len == 0, "accepted with a reason: %s", err.buf);
	}
	for (size_t i = 0; i < l.n; i++) {
		const struct paper_facts *f = &l.v[i];
		FUZZ_CHECK(f->id != NULL, "paper %zu has no ID", i);
		check_str("id", f->id, 64);
		check_str("title", f->title, FACTS_MAX_NAME);
		check_str("abstract", f->abstract, FACTS_MAX_TEXT);
		check_str("comment", f->comment, FACTS_MAX_TEXT);
		check_str("published", f->published, 10);
		check_str("code", f->code_url, FACTS_MAX_NAME);
		check_str("primary category", f->primary_category, 64);
		FUZZ_CHECK(f->nauthors <= FACTS_MAX_AUTHORS, "%zu authors", f->nauthors);
		for (size_t k = 0; k < f->nauthors; k++)
			check_str("author", f->authors[k], FACTS_MAX_NAME);
		FUZZ_CHECK(f->ncategories <= FACTS_MAX_CATEGORIES, "%zu categories", f->ncategories);
		for (size_t k = 0; k < f->ncategories; k++)
			check_str("category", f->categories[k], 64);
		FUZZ_CHECK(f->upvotes >= -1, "upvotes %d", f->upvotes);
		check_round_trip(f);
	}
	facts_list_free(&l);
	strbuf_release(&err);
	return 0;
}

#endif
