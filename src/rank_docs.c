/* rank_docs: the papers the ranking reads (see rank_docs.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "facts.h"
#include "marks.h"
#include "rank_docs.h"
#include "search.h"
#include "util.h"

void rank_docs_init(struct rank_docs *d)
{
	memset(d, 0, sizeof(*d));
}

void rank_docs_free(struct rank_docs *d)
{
	for (size_t i = 0; i < d->nowned; i++)
		free(d->owned[i]);
	free(d->owned);
	free(d->v);
	free(d->digest);
	free(d->paper);
	free(d->id);
	rank_docs_init(d);
}

static char *own(struct rank_docs *d, char *s)
{
	ALLOC_GROW(d->owned, d->nowned, d->owned_cap);
	d->owned[d->nowned++] = s;
	return s;
}

void rank_docs_add_paper(struct rank_docs *d, const struct archive *a, size_t digest,
			 size_t paper)
{
	const struct digest *dg = &a->v[digest];
	const struct paper *p = &dg->papers[paper];
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 256;
		d->v = xrealloc(d->v, d->cap * sizeof(*d->v));
		d->digest = xrealloc(d->digest, d->cap * sizeof(*d->digest));
		d->paper = xrealloc(d->paper, d->cap * sizeof(*d->paper));
		d->id = xrealloc(d->id, d->cap * sizeof(*d->id));
	}
	struct rank_doc *doc = &d->v[d->n];
	memset(doc, 0, sizeof(*doc));
	doc->key = own(d, marks_paper_key(dg, p));
	doc->text = search_index_text(a->search, digest, paper, &doc->len);
	if (!doc->text) {
		struct strbuf text = STRBUF_INIT, init = STRBUF_INIT;
		search_paper_text(p, &text, &init);
		strbuf_release(&init);
		doc->text = own(d, strbuf_detach(&text, &doc->len));
	}
	d->digest[d->n] = digest;
	d->paper[d->n] = paper;
	d->id[d->n] = p->arxiv_id;
	d->n++;
}

void rank_docs_add_archive(struct rank_docs *d, const struct archive *a)
{
	for (size_t i = 0; i < a->n; i++) {
		if (a->v[i].pending)
			continue;
		for (size_t j = 0; j < a->v[i].npapers; j++)
			if (!archive_paper_repeats(a, i, j))
				rank_docs_add_paper(d, a, i, j);
	}
}

void rank_docs_add_abstracts(struct rank_docs *d, search_facts_fn get, void *ctx,
			     const unsigned char *only)
{
	for (size_t i = 0; get && i < d->n; i++) {
		if ((only && !only[i]) || !d->id[i])
			continue;
		const struct paper_facts *f = get(ctx, d->id[i]);
		d->v[i].abstract = f ? f->abstract : NULL;
	}
}
