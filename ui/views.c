/* views: which papers the list shows — one digest, or an aggregate over the
 * archive (unread, starred, later, search hits) in which a paper that
 * appeared on several days is listed once, at its newest appearance. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "strbuf.h"
#include "util.h"

static const char *const view_names[] = {
	[VIEW_DIGEST] = "digest",
	[VIEW_UNREAD] = "unread",
	[VIEW_STARRED] = "starred",
	[VIEW_LATER] = "later",
	[VIEW_SEARCH] = "search",
};

const char *views_name(enum view_kind v)
{
	return view_names[v];
}

struct keyref {
	const char *key;
	size_t d, p;
};

static int cmp_keyref(const void *x, const void *y)
{
	const struct keyref *a = x, *b = y;
	return strcmp(a->key, b->key);
}

/* Every paper's marks key, and a small number per distinct key so the
 * aggregate views can list a paper once without comparing strings. */
void views_init_keys(struct app *a)
{
	size_t total = 0;
	a->keys = xcalloc(a->archive->n, sizeof(*a->keys));
	a->ids = xcalloc(a->archive->n, sizeof(*a->ids));
	for (size_t d = 0; d < a->archive->n; d++) {
		const struct digest *dg = &a->archive->v[d];
		a->keys[d] = xcalloc(dg->npapers, sizeof(**a->keys));
		a->ids[d] = xcalloc(dg->npapers, sizeof(**a->ids));
		for (size_t p = 0; p < dg->npapers; p++)
			a->keys[d][p] = marks_paper_key(dg, &dg->papers[p]);
		total += dg->npapers;
	}
	struct keyref *refs = xcalloc(total ? total : 1, sizeof(*refs));
	size_t n = 0;
	for (size_t d = 0; d < a->archive->n; d++)
		for (size_t p = 0; p < a->archive->v[d].npapers; p++)
			refs[n++] = (struct keyref){ a->keys[d][p], d, p };
	qsort(refs, n, sizeof(*refs), cmp_keyref);
	a->nids = 0;
	for (size_t i = 0; i < n; i++) {
		if (i && strcmp(refs[i].key, refs[i - 1].key))
			a->nids++;
		a->ids[refs[i].d][refs[i].p] = a->nids;
	}
	if (n)
		a->nids++;
	free(refs);
}

void views_free(struct app *a)
{
	for (size_t d = 0; a->keys && d < a->archive->n; d++) {
		for (size_t p = 0; p < a->archive->v[d].npapers; p++)
			free(a->keys[d][p]);
		free(a->keys[d]);
		free(a->ids[d]);
	}
	free(a->keys);
	free(a->ids);
	a->keys = NULL;
	a->ids = NULL;
	free(a->items);
	a->items = NULL;
	free(a->hits_text);
	a->hits_text = NULL;
	a->nitems = a->items_cap = 0;
}

static void add_item(struct app *a, size_t d, size_t p)
{
	ALLOC_GROW(a->items, a->nitems, a->items_cap);
	a->items[a->nitems++] = (struct item){ d, p };
}

/* Whether the paper belongs in an aggregate view. */
static int wanted(const struct app *a, enum view_kind v, unsigned m)
{
	if (m & MARK_HIDDEN)
		return 0;
	switch (v) {
	case VIEW_UNREAD:
		return !(m & MARK_READ);
	case VIEW_STARRED:
		return (m & MARK_STAR) != 0;
	case VIEW_LATER:
		return (m & MARK_LATER) != 0;
	default:
		return 1;
	}
}

/* Newest first, each paper once: one that reappears is listed at its most
 * recent digest. */
static void build_aggregate(struct app *a)
{
	unsigned char *seen = xcalloc(a->nids ? a->nids : 1, 1);
	for (size_t d = a->archive->n; d-- > 0;) {
		const struct digest *dg = &a->archive->v[d];
		for (size_t p = 0; p < dg->npapers; p++) {
			size_t id = a->ids[d][p];
			if (seen[id] || !wanted(a, a->view, marks_get(a->marks, a->keys[d][p])))
				continue;
			seen[id] = 1;
			add_item(a, d, p);
		}
	}
	free(seen);
}

void views_build(struct app *a)
{
	struct item keep = { (size_t)-1, (size_t)-1 };
	if (a->selected < a->nitems)
		keep = a->items[a->selected];
	a->nitems = 0;
	switch (a->view) {
	case VIEW_DIGEST:
		if (a->archive->n) {
			const struct digest *dg = &a->archive->v[a->digest];
			for (size_t p = 0; p < dg->npapers; p++)
				if (!(marks_get(a->marks, a->keys[a->digest][p]) & MARK_HIDDEN))
					add_item(a, a->digest, p);
		}
		break;
	case VIEW_SEARCH:
		for (size_t i = 0; i < a->hits.n; i++)
			add_item(a, a->hits.v[i].digest, a->hits.v[i].paper);
		break;
	default:
		build_aggregate(a);
		break;
	}
	/* The same paper stays selected; else the same position. */
	for (size_t i = 0; i < a->nitems; i++)
		if (a->items[i].digest == keep.digest && a->items[i].paper == keep.paper) {
			a->selected = i;
			return;
		}
	app_select(a, a->selected);
}

void views_switch(struct app *a, enum view_kind v)
{
	if (a->view != v)
		a->selected = 0;
	a->view = v;
	views_build(a);
	if (v != VIEW_DIGEST)
		app_message(a, "%s: %zu paper%s", views_name(v), a->nitems,
			    a->nitems == 1 ? "" : "s");
}

void views_dates(const struct app *a, const struct item *it, struct strbuf *out)
{
	size_t id = a->ids[it->digest][it->paper];
	for (size_t d = 0; d < a->archive->n; d++)
		for (size_t p = 0; p < a->archive->v[d].npapers; p++)
			if (a->ids[d][p] == id) {
				const char *date = a->archive->v[d].date;
				strbuf_addf(out, "%s%s", out->len ? ", " : "",
					    date ? date : "undated");
				break;
			}
}

void app_set_query(struct app *a, const char *text)
{
	if (a->has_query)
		search_query_free(&a->query);
	a->has_query = text && search_query_parse(text, strlen(text), &a->query) == 0;
}

/* Typing one more letter only narrows the previous hits, which is much
 * cheaper than a scan of the whole archive (초성 queries excepted: a new
 * consonant changes what the earlier ones match). */
void views_search(struct app *a, const char *text)
{
	app_set_query(a, text);
	if (!a->has_query) {
		a->hits.n = 0;
	} else {
		if (!a->index)
			a->index = search_index_build(a->archive);
		size_t plen = a->hits_text ? strlen(a->hits_text) : 0;
		if (a->hits_text && !a->query.initials && !strncmp(text, a->hits_text, plen))
			search_refine(a->index, &a->query, &a->hits, &a->hits);
		else
			search_run(a->index, &a->query, &a->hits);
	}
	free(a->hits_text);
	a->hits_text = a->has_query ? xstrdup(text) : NULL;
	a->selected = 0;
	a->view = VIEW_SEARCH;
	views_build(a);
	app_message(a, "%zu paper%s match", a->nitems, a->nitems == 1 ? "" : "es");
}

void app_replace_archive(struct app *a, struct archive *fresh)
{
	const struct digest *d = app_digest(a);
	char *date = d && d->date ? xstrdup(d->date) : NULL;
	char *key = a->selected < a->nitems ? xstrdup(app_key(a, &a->items[a->selected]))
					    : NULL;
	char *query = a->view == VIEW_SEARCH && a->has_query ? xstrdup(a->query.text) : NULL;

	views_free(a);
	if (a->index)
		search_index_free(a->index);
	a->index = NULL;
	a->hits.n = 0;
	a->opened = NULL;
	archive_free(a->archive);
	*a->archive = *fresh;
	archive_init(fresh);
	views_init_keys(a);

	a->digest = a->archive->n ? a->archive->n - 1 : 0;
	for (size_t i = 0; date && i < a->archive->n; i++)
		if (a->archive->v[i].date && !strcmp(a->archive->v[i].date, date))
			a->digest = i;
	if (query)
		views_search(a, query);
	views_build(a);
	for (size_t i = 0; key && i < a->nitems; i++)
		if (!strcmp(app_key(a, &a->items[i]), key))
			a->selected = i;
	view_pane_reload(&a->view_pane);
	free(date);
	free(key);
	free(query);
}
