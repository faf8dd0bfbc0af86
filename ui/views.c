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

/* Distinct keys get small consecutive numbers, so the aggregate views can
 * list a paper once without comparing strings: an open-addressing table from
 * key (owned by a->keys) to number. */
struct keytab {
	const char **keys;
	size_t *ids;
	size_t cap;  /* a power of two, at least twice the keys held */
};

static size_t hash_key(const char *s)
{
	size_t h = 1469598103934665603ULL; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static size_t *keytab_slot(struct keytab *t, const char *key, int *found)
{
	size_t mask = t->cap - 1, i = hash_key(key) & mask;
	while (t->keys[i] && strcmp(t->keys[i], key))
		i = (i + 1) & mask;
	*found = t->keys[i] != NULL;
	t->keys[i] = key;
	return &t->ids[i];
}

static size_t key_id(struct app *a, const char *key)
{
	struct keytab *t = a->keytab;
	if ((a->nids + 1) * 2 > t->cap) {
		struct keytab old = *t;
		t->cap = old.cap ? old.cap * 2 : 1024;
		t->keys = xcalloc(t->cap, sizeof(*t->keys));
		t->ids = xcalloc(t->cap, sizeof(*t->ids));
		int found;
		for (size_t i = 0; i < old.cap; i++)
			if (old.keys[i])
				*keytab_slot(t, old.keys[i], &found) = old.ids[i];
		free(old.keys);
		free(old.ids);
	}
	int found;
	size_t *id = keytab_slot(t, key, &found);
	if (!found)
		*id = a->nids++;
	return *id;
}

void views_digest_loaded(struct app *a, size_t d)
{
	const struct digest *dg = &a->archive->v[d];
	if (a->keys[d] || !dg->npapers)
		return;
	a->keys[d] = xcalloc(dg->npapers, sizeof(**a->keys));
	a->ids[d] = xcalloc(dg->npapers, sizeof(**a->ids));
	for (size_t p = 0; p < dg->npapers; p++) {
		a->keys[d][p] = marks_paper_key(dg, &dg->papers[p]);
		a->ids[d][p] = key_id(a, a->keys[d][p]);
	}
}

void views_init_keys(struct app *a)
{
	a->keys = xcalloc(a->archive->n ? a->archive->n : 1, sizeof(*a->keys));
	a->ids = xcalloc(a->archive->n ? a->archive->n : 1, sizeof(*a->ids));
	a->keytab = xcalloc(1, sizeof(struct keytab));
	a->nids = 0;
	for (size_t d = 0; d < a->archive->n; d++)
		views_digest_loaded(a, d);
}

int app_ensure(struct app *a, size_t d)
{
	if (d >= a->archive->n || !a->archive->v[d].pending)
		return 0;
	struct strbuf err = STRBUF_INIT;
	int rc = archive_ensure(a->archive, d, &err);
	if (rc < 0)
		app_message(a, "%.*s", (int)strcspn(err.buf, "\n"), err.buf);
	strbuf_release(&err);
	views_digest_loaded(a, d);
	return rc;
}

void app_ensure_all(struct app *a)
{
	for (size_t d = a->archive->n; a->archive->npending && d-- > 0;)
		app_ensure(a, d);
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
	if (a->keytab) {
		struct keytab *t = a->keytab;
		free(t->keys);
		free(t->ids);
		free(t);
		a->keytab = NULL;
	}
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

/* The hits come in archive order (oldest digest first): listed like the
 * other aggregate views, newest digest first, each paper once. */
static void build_hits(struct app *a)
{
	unsigned char *seen = xcalloc(a->nids ? a->nids : 1, 1);
	const struct search_hit *v = a->hits.v;
	for (size_t end = a->hits.n; end > 0;) {
		size_t start = end - 1; /* the hits of one digest: [start, end) */
		while (start > 0 && v[start - 1].digest == v[end - 1].digest)
			start--;
		for (size_t i = start; i < end; i++) {
			size_t id = a->ids[v[i].digest][v[i].paper];
			if (seen[id] ||
			    (marks_get(a->marks, a->keys[v[i].digest][v[i].paper]) & MARK_HIDDEN))
				continue;
			seen[id] = 1;
			add_item(a, v[i].digest, v[i].paper);
		}
		end = start;
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
		app_ensure(a, a->digest);
		if (a->archive->n) {
			const struct digest *dg = &a->archive->v[a->digest];
			for (size_t p = 0; p < dg->npapers; p++)
				if (!(marks_get(a->marks, a->keys[a->digest][p]) & MARK_HIDDEN))
					add_item(a, a->digest, p);
		}
		break;
	case VIEW_SEARCH:
		build_hits(a);
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
	if (v != VIEW_DIGEST)
		app_ensure_all(a);
	int changed = a->view != v;
	a->view = v;
	views_build(a);
	if (changed)
		a->selected = 0; /* a new view starts at its top */
	if (v != VIEW_DIGEST)
		app_message(a, "%s: %zu paper%s", views_name(v), a->nitems,
			    a->nitems == 1 ? "" : "s");
}

void views_dates(const struct app *a, const struct item *it, struct strbuf *out)
{
	size_t id = a->ids[it->digest][it->paper], start = out->len;
	for (size_t d = 0; d < a->archive->n; d++)
		for (size_t p = 0; p < a->archive->v[d].npapers; p++)
			if (a->ids[d][p] == id) {
				const char *date = a->archive->v[d].date;
				strbuf_addf(out, "%s%s", out->len > start ? ", " : "",
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
		app_ensure_all(a);
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
	a->view = VIEW_SEARCH;
	views_build(a);
	a->selected = 0; /* the best place for new results: the first */
	app_message(a, a->nitems == 1 ? "%zu paper matches" : "%zu papers match", a->nitems);
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
