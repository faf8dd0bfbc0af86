/* rank_cli: --list --sort upvotes|for-me (see rank_cli.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "export.h"
#include "facts.h"
#include "i18n.h"
#include "index.h"
#include "rank.h"
#include "rank_cli.h"
#include "rank_docs.h"
#include "strbuf.h"
#include "util.h"

/* A paper to list: where it is, and what it is sorted by. */
struct entry {
	size_t digest, paper, order;
	double by;       /* upvotes or score; -1: unknown */
};

static int cmp_entry(const void *x, const void *y)
{
	const struct entry *a = x, *b = y;
	if (a->by != b->by)
		return a->by > b->by ? -1 : 1;
	return (a->order > b->order) - (a->order < b->order);
}

/* The papers of a as --list prints them (docs holds the same ones). */
static struct entry *list_entries(const struct rank_docs *docs)
{
	struct entry *e = xmalloc((docs->n + 1) * sizeof(*e));
	for (size_t i = 0; i < docs->n; i++)
		e[i] = (struct entry){ docs->digest[i], docs->paper[i], i, -1 };
	return e;
}

static void by_upvotes(struct entry *e, const struct rank_docs *docs,
		       struct facts_lookup *facts)
{
	for (size_t i = 0; i < docs->n; i++) {
		const struct paper_facts *f = docs->id[i] ? facts_lookup_get(facts, docs->id[i]) : NULL;
		e[i].by = f && f->upvotes >= 0 ? f->upvotes : -1;
	}
}

/* The papers a for-me model learns from: the whole cache's, with their
 * search text from the index (listed itself when it came from there). */
struct cache_docs {
	const struct archive *listed;
	struct archive cache;
	struct facts_lookup *facts;
};

static int get_cache_docs(void *ctx, struct rank_docs *docs, struct strbuf *err)
{
	struct cache_docs *c = ctx;
	const struct archive *a = c->listed;
	if (!a || !a->search || a->sample) {
		index_load_cache(&c->cache, INDEX_SEARCH, err);
		a = &c->cache;
	}
	rank_docs_add_archive(docs, a);
	rank_docs_add_abstracts(docs, facts_lookup_get, c->facts, NULL);
	return 0;
}

int rank_cli_model(const struct archive *listed, const struct marks *m,
		   struct facts_lookup *facts, struct rank_model **out, struct rank_stamp *stamp,
		   struct strbuf *err)
{
	struct cache_docs c = { listed, { 0 }, facts };
	archive_init(&c.cache);
	int rc = rank_ensure(NULL, m, get_cache_docs, &c, out, stamp, err);
	archive_free(&c.cache);
	return rc;
}

/* Scores the papers with the for-me model. Returns 0, 1 when there are too
 * few labels, -1 when training failed (err). */
static int by_score(struct entry *e, struct rank_docs *docs, const struct archive *a,
		    const struct marks *m, struct facts_lookup *facts, struct strbuf *err)
{
	struct rank_model *model;
	struct rank_stamp stamp;
	int rc = rank_cli_model(a, m, facts, &model, &stamp, err);
	if (rc == 1) {
		struct strbuf few = STRBUF_INIT;
		rank_labels_describe(&stamp, &few);
		/* TRANSLATORS: why there is no for-me model yet ("too few
		 * labels for for-me (...)"). */
		strbuf_addf(err, _("%s: sorted by upvotes instead"), few.buf);
		strbuf_addch(err, '\n');
		strbuf_release(&few);
	}
	if (rc != 0)
		return rc;
	/* Abstracts for the papers the model has no score of (a new paper). */
	unsigned char *fresh = xcalloc(docs->n + 1, 1);
	for (size_t i = 0; i < docs->n; i++)
		fresh[i] = !rank_score_stored(model, &docs->v[i]);
	rank_docs_add_abstracts(docs, facts_lookup_get, facts, fresh);
	free(fresh);
	double *score = xmalloc((docs->n + 1) * sizeof(*score));
	rank_score_all(model, docs->v, docs->n, score);
	for (size_t i = 0; i < docs->n; i++)
		e[i].by = score[i];
	free(score);
	rank_free(model);
	return 0;
}

static void print(const struct archive *a, const struct marks *m, struct notes *notes,
		  const struct entry *e, size_t n, int scores, struct strbuf *out)
{
	for (size_t i = 0; i < n; i++) {
		const struct digest *d = &a->v[e[i].digest];
		export_list_line(d, &d->papers[e[i].paper], m, notes, out);
		if (scores) { /* the score goes before the line's end */
			strbuf_setlen(out, out->len - 1);
			strbuf_addf(out, "\t%.3f\n", e[i].by);
		}
	}
}

int rank_cli_list(const struct archive *a, const struct marks *m, struct notes *notes,
		  enum config_sort sort, struct strbuf *out, struct strbuf *err)
{
	struct rank_docs docs;
	rank_docs_init(&docs);
	rank_docs_add_archive(&docs, a);
	struct entry *e = list_entries(&docs);
	struct facts_lookup facts;
	struct strbuf ferr = STRBUF_INIT;
	facts_lookup_init(&facts, NULL, &ferr);
	int status = 0, scores = 0;
	if (sort == CONFIG_SORT_FOR_ME) {
		int rc = by_score(e, &docs, a, m, &facts, err);
		scores = rc == 0;
		status = rc < 0 ? 1 : 0;
		if (err->len && err->buf[err->len - 1] != '\n')
			strbuf_addch(err, '\n');
	}
	if (!scores)
		by_upvotes(e, &docs, &facts);
	qsort(e, docs.n, sizeof(*e), cmp_entry);
	print(a, m, notes, e, docs.n, scores, out);
	strbuf_add(err, ferr.buf, ferr.len);
	strbuf_release(&ferr);
	facts_lookup_free(&facts);
	free(e);
	rank_docs_free(&docs);
	return status;
}
