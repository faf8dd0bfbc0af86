/* listing: the list's rows for each listing (see listing.h). In the aggregate
 * listings
 * a paper that appeared on several days is listed once, at its newest
 * appearance. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "facts_ui.h"
#include "archive_search.h"
#include "forme_ui.h"
#include "i18n.h"
#include "listing.h"
#include "news.h"
#include "notes.h"
#include "strbuf.h"
#include "util.h"

static const char *const listing_names[] = {
	[LISTING_DIGEST] = "digest",
	[LISTING_UNREAD] = "unread",
	[LISTING_STARRED] = "starred",
	[LISTING_LATER] = "later",
	[LISTING_SEARCH] = "search",
	[LISTING_HIDDEN] = "hidden",
};

const char *listing_name(enum listing_kind v)
{
	return listing_names[v];
}

int listing_by_name(const char *name, enum listing_kind *v)
{
	for (size_t i = 0; i < sizeof(listing_names) / sizeof(listing_names[0]); i++)
		if (!strcmp(name, listing_names[i])) {
			*v = (enum listing_kind)i;
			return 0;
		}
	return -1;
}

static void add_item(struct app *a, size_t d, size_t p)
{
	ALLOC_GROW(a->items, a->nitems, a->items_cap);
	a->items[a->nitems++] = (struct item){ d, p };
}

/* Whether the paper belongs in an aggregate listing. */
static int wanted(enum listing_kind v, unsigned m)
{
	if (v == LISTING_HIDDEN)
		return (m & MARK_HIDDEN) != 0;
	if (m & MARK_HIDDEN)
		return 0;
	switch (v) {
	case LISTING_UNREAD:
		return !(m & MARK_READ);
	case LISTING_STARRED:
		return (m & MARK_STAR) != 0;
	case LISTING_LATER:
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
			if (seen[id] || !wanted(a->listing, marks_get(a->marks, a->keys[d][p])))
				continue;
			seen[id] = 1;
			add_item(a, d, p);
		}
	}
	free(seen);
}

/* The hits come in archive order (oldest digest first): listed like the
 * other aggregate listings, newest digest first, each paper once. */
static void build_hits(struct app *a)
{
	unsigned char *seen = xcalloc(a->nids ? a->nids : 1, 1);
	const struct search_hit *v = a->hits.v;
	/* Tens of thousands of hits (ㄱ): no lookup when nothing is hidden. */
	int any_hidden = marks_count_flag(a->marks, MARK_HIDDEN) > 0;
	for (size_t end = a->hits.n; end > 0;) {
		size_t start = end - 1; /* the hits of one digest: [start, end) */
		while (start > 0 && v[start - 1].digest == v[end - 1].digest)
			start--;
		for (size_t i = start; i < end; i++) {
			if (!a->keys[v[i].digest] ||
			    v[i].paper >= a->archive->v[v[i].digest].npapers)
				continue; /* not parsed yet: listed once it is */
			size_t id = a->ids[v[i].digest][v[i].paper];
			if (seen[id] ||
			    (any_hidden &&
			     (marks_get(a->marks, a->keys[v[i].digest][v[i].paper]) & MARK_HIDDEN)))
				continue;
			seen[id] = 1;
			add_item(a, v[i].digest, v[i].paper);
		}
		end = start;
	}
	free(seen);
}

/* ---- the order ------------------------------------------------------------
 * Every listing comes in the blog's order first — newest digest first, each
 * digest's papers in post order (one digest: post order) — and :sort
 * upvotes or for-me then puts the better first across the whole listing
 * (in Unread: what to read first), ties in the blog's order. */

struct ranked {
	double by;
	struct item it;
};

static int cmp_ranked(const void *x, const void *y)
{
	const struct ranked *p = x, *q = y;
	if (p->by != q->by)
		return p->by > q->by ? -1 : 1;
	if (p->it.digest != q->it.digest)
		return p->it.digest > q->it.digest ? -1 : 1;
	return (p->it.paper > q->it.paper) - (p->it.paper < q->it.paper);
}

/* Sorts the rows by by[i] (NULL: all equal, so the blog's order), best
 * first. */
static void sort_items(struct app *a, const double *by)
{
	struct ranked *r = xmalloc((a->nitems + 1) * sizeof(*r));
	for (size_t i = 0; i < a->nitems; i++)
		r[i] = (struct ranked){ by ? by[i] : 0, a->items[i] };
	qsort(r, a->nitems, sizeof(*r), cmp_ranked);
	for (size_t i = 0; i < a->nitems; i++)
		a->items[i] = r[i].it;
	free(r);
}

/* The rows in the order a->sort says: upvotes (unknown last); for-me by
 * the model's scores — by upvotes when it has too few labels, in the
 * blog's order while it learns. */
static void sort_listing(struct app *a)
{
	double *by = xmalloc((a->nitems + 1) * sizeof(*by));
	enum config_sort sort = a->sort;
	if (sort == CONFIG_SORT_FOR_ME) {
		enum forme_state s = forme_ui_scores(a, by);
		if (s == FORME_LEARNING)
			sort = CONFIG_SORT_NUMBER;
		else if (s != FORME_READY)
			sort = CONFIG_SORT_UPVOTES;
	}
	if (sort == CONFIG_SORT_UPVOTES)
		for (size_t i = 0; i < a->nitems; i++)
			by[i] = facts_ui_upvotes(a, app_item_paper(a, &a->items[i]));
	sort_items(a, sort == CONFIG_SORT_NUMBER ? NULL : by);
	free(by);
}

/* Selects it when listed; returns whether it was. */
static int select_item(struct app *a, struct item it)
{
	for (size_t i = 0; i < a->nitems; i++)
		if (a->items[i].digest == it.digest && a->items[i].paper == it.paper) {
			app_select(a, i);
			return 1;
		}
	return 0;
}

/* The selected item ({-1, -1}: none), to select again after the rows
 * change (reselect). */
static struct item kept(const struct app *a)
{
	struct item none = { (size_t)-1, (size_t)-1 };
	return app_item(a) ? *app_item(a) : none;
}

/* The rows' note glyphs: one lookup a row (the notes are read once). */
static void note_glyphs(struct app *a)
{
	a->noted = xrealloc(a->noted, a->nitems + 1);
	for (size_t i = 0; i < a->nitems; i++)
		a->noted[i] = notes_lookup(a->notes, app_key(a, &a->items[i])) != NULL;
}

/* The same paper stays selected; else the same position. */
static void reselect(struct app *a, struct item keep)
{
	if (!select_item(a, keep))
		app_select(a, a->selected);
}

void listing_build(struct app *a)
{
	struct item keep = kept(a);
	a->nitems = 0;
	switch (a->listing) {
	case LISTING_DIGEST:
		app_ensure(a, a->digest);
		if (a->archive->n) {
			const struct digest *dg = &a->archive->v[a->digest];
			for (size_t p = 0; p < dg->npapers; p++)
				if (!(marks_get(a->marks, a->keys[a->digest][p]) & MARK_HIDDEN))
					add_item(a, a->digest, p);
		}
		break;
	case LISTING_SEARCH:
		build_hits(a);
		break;
	default:
		build_aggregate(a);
		break;
	}
	if (a->sort != CONFIG_SORT_NUMBER)
		sort_listing(a);
	note_glyphs(a);
	reselect(a, keep);
}

void listing_resort(struct app *a)
{
	struct item keep = kept(a);
	sort_listing(a);
	note_glyphs(a);
	reselect(a, keep);
}

void listing_set(struct app *a, enum listing_kind v)
{
	a->listing = v;
	listing_build(a);
}

/* Remembers where the current listing (and digest) was left. */
static void remember(struct app *a)
{
	const struct item *it = app_item(a);
	if (!it)
		return;
	a->listing_item[a->listing] = *it;
	if (a->listing == LISTING_DIGEST && a->digest < a->archive->n)
		a->digest_paper[a->digest] = it->paper;
}

/* Digest d's rows with paper p selected ((size_t)-1, or not listed: the
 * first). */
static void show_digest_at(struct app *a, size_t d, size_t p)
{
	a->digest = d;
	a->listing = LISTING_DIGEST;
	app_select(a, 0);
	listing_build(a);
	app_select(a, 0);
	select_item(a, (struct item){ d, p });
}

/* Digest d's rows, with the paper it was left on selected (else its first). */
static void show_digest(struct app *a, size_t d)
{
	show_digest_at(a, d, a->digest_paper[d]);
}

int listing_select_key(struct app *a, const char *key)
{
	for (size_t i = 0; i < a->nitems; i++)
		if (!strcmp(app_key(a, &a->items[i]), key)) {
			app_select(a, i);
			return 1;
		}
	if (a->listing != LISTING_DIGEST || (marks_get(a->marks, key) & MARK_HIDDEN))
		return 0;
	/* A paper of another digest (what an undo after a restart takes back):
	 * the newest digest that lists it. */
	for (size_t d = a->archive->n; d-- > 0;) {
		app_ensure(a, d);
		for (size_t p = 0; a->keys[d] && p < a->archive->v[d].npapers; p++)
			if (!strcmp(a->keys[d][p], key)) {
				remember(a);
				a->digest_paper[d] = p;
				show_digest(a, d);
				return 1;
			}
	}
	return 0;
}

/* "unread: 12 papers": the view just shown and its count, one message a
 * view (the view's name is translated; the English is :view's word). */
static void say_count(struct app *a, enum listing_kind v)
{
	unsigned long n = a->nitems;
	switch (v) {
	case LISTING_UNREAD:
		app_message(a, ngettext("unread: %zu paper", "unread: %zu papers", n), a->nitems);
		break;
	case LISTING_STARRED:
		app_message(a, ngettext("starred: %zu paper", "starred: %zu papers", n), a->nitems);
		break;
	case LISTING_LATER:
		app_message(a, ngettext("later: %zu paper", "later: %zu papers", n), a->nitems);
		break;
	case LISTING_HIDDEN:
		app_message(a, ngettext("hidden: %zu paper", "hidden: %zu papers", n), a->nitems);
		break;
	default:
		app_message(a, ngettext("search: %zu paper", "search: %zu papers", n), a->nitems);
		break;
	}
}

void listing_show(struct app *a, enum listing_kind v)
{
	if (v != LISTING_DIGEST)
		app_ensure_all(a);
	int changed = a->listing != v;
	remember(a);
	if (changed && v == LISTING_DIGEST && app_item(a)) {
		/* From an aggregate listing: the selected paper's own digest, with
		 * that paper selected. */
		struct item it = *app_item(a);
		a->digest_paper[it.digest] = it.paper;
		show_digest(a, it.digest);
		return;
	}
	a->listing = v;
	listing_build(a);
	if (changed) {
		app_select(a, 0); /* another listing starts where it was left, or at its top */
		select_item(a, a->listing_item[v]);
	}
	if (v != LISTING_DIGEST)
		say_count(a, v);
}

void listing_dates(const struct app *a, const struct item *it, struct strbuf *out)
{
	size_t id = a->ids[it->digest][it->paper], start = out->len;
	const char *last = NULL;
	for (size_t d = 0; d < a->archive->n; d++)
		for (size_t p = 0; p < a->archive->v[d].npapers; p++)
			if (a->ids[d][p] == id) {
				const char *date = a->archive->v[d].date;
				date = date ? date : _("undated");
				/* Two posts of one date name it once. */
				if (!last || strcmp(last, date))
					strbuf_addf(out, "%s%s", out->len > start ? ", " : "",
						    date);
				last = date;
				break;
			}
}

/* Typing one more letter only narrows the previous hits, which is much
 * cheaper than a scan of the whole archive (초성 queries excepted: a new
 * consonant changes what the earlier ones match). */
void listing_search(struct app *a, const char *text)
{
	size_t a_pending = 0;
	app_set_query(a, text);
	if (!a->has_query) {
		a->hits.n = 0;
	} else {
		archive_search_prepare(a);
		size_t plen = a->hits_text ? strlen(a->hits_text) : 0;
		if (a->hits_text && !a->query.initials && !a->query.nterms &&
		    !strchr(a->hits_text, ':') && !strncmp(text, a->hits_text, plen))
			search_refine(a->search_index, &a->query, &a->hits, &a->hits);
		else
			search_run(a->search_index, &a->query, &a->hits);
		/* A frame's worth of parsing; the loader does the rest. */
		a_pending = archive_search_settle(a, ARCHIVE_SEARCH_BUDGET_MS);
		/* The notes' words and note:, then the facts' prefixes over all. */
		search_add_extra(&a->query, archive_search_notes(a), &a->hits);
		search_filter_facts(&a->query, a->archive, facts_ui_get, a, &a->hits);
	}
	free(a->hits_text);
	a->hits_text = a->has_query ? xstrdup(text) : NULL;
	a->listing = LISTING_SEARCH;
	listing_build(a);
	app_select(a, 0); /* the best place for new results: the first */
	/* The older digests still being parsed may add hits. */
	if (a_pending)
		app_message(a, ngettext("%zu paper matches so far", "%zu papers match so far",
					(unsigned long)a->nitems), a->nitems);
	else
		app_message(a, ngettext("%zu paper matches", "%zu papers match",
					(unsigned long)a->nitems), a->nitems);
}

/* A second copy of a post of its date, a few bytes apart (a mirror that
 * lags behind): every paper of it is in an earlier digest of that date.
 * [ and ] pass it by, as they visit each date once. */
static int repeats_earlier(struct app *a, size_t d)
{
	for (size_t e = d; a->archive->v[d].date && e-- > 0 &&
			   archive_same_date(a->archive, e, d);)
		app_ensure(a, e);
	const struct digest *dg = &a->archive->v[d];
	if (dg->bad || !dg->npapers)
		return 0;
	for (size_t p = 0; p < dg->npapers; p++)
		if (!archive_paper_repeats(a->archive, d, p))
			return 0;
	return 1;
}

void listing_change_digest(struct app *a, int dir)
{
	if (a->listing != LISTING_DIGEST) {
		listing_show(a, LISTING_DIGEST);
		return;
	}
	size_t d = a->digest;
	while (dir < 0 ? d > 0 : d + 1 < a->archive->n) {
		d = dir < 0 ? d - 1 : d + 1;
		app_ensure(a, d);
		if (repeats_earlier(a, d))
			continue;
		if (!a->archive->v[d].bad) {
			remember(a);
			show_digest(a, d);
			return;
		}
		/* Its title holds "PATH: reason"; the date says enough of where. */
		const struct digest *bad = &a->archive->v[d];
		const char *why = strstr(bad->title, ": ");
		/* TRANSLATORS: a digest's date (or path), then why it could not
		 * be read. */
		app_message(a, _("passed over %s: %s"), bad->date ? bad->date : bad->path,
			    why ? why + 2 : bad->title);
	}
	if (!a->status[0])
		app_message(a, "%s", dir < 0 ? _("no older digest") : _("no newer digest"));
}

int listing_goto_date(struct app *a, const char *date)
{
	for (size_t d = 0; d < a->archive->n; d++)
		if (a->archive->v[d].date && !strcmp(a->archive->v[d].date, date)) {
			remember(a);
			show_digest(a, d);
			return 0;
		}
	long want;
	if (date_parse(date, &want) < 0) {
		app_message(a, _(":date needs a date as YYYY-MM-DD, not '%s'"), date);
		return -1;
	}
	/* No digest that day: the nearest one (the later on a tie). */
	size_t best = (size_t)-1;
	long best_gap = 0;
	for (size_t d = 0; d < a->archive->n; d++) {
		long n;
		if (!a->archive->v[d].date || date_parse(a->archive->v[d].date, &n) < 0)
			continue;
		long gap = n > want ? n - want : want - n;
		if (best == (size_t)-1 || gap <= best_gap) {
			best = d;
			best_gap = gap;
		}
	}
	if (best == (size_t)-1) {
		app_message(a, _("no digest dated %s"), date);
		return -1;
	}
	remember(a);
	show_digest(a, best);
	/* TRANSLATORS: the date asked for, then the nearest digest's. */
	app_message(a, _("no digest dated %s: the nearest is %s"), date, a->archive->v[best].date);
	return 0;
}

void listing_reload_archive(struct app *a, struct archive *fresh)
{
	char *key = app_item(a) ? xstrdup(app_key(a, app_item(a))) : NULL;
	char *query = a->listing == LISTING_SEARCH && a->has_query ? xstrdup(a->query.text) : NULL;
	app_replace_archive(a, fresh);
	if (query)
		listing_search(a, query);
	listing_build(a);
	for (size_t i = 0; key && i < a->nitems; i++)
		if (!strcmp(app_key(a, &a->items[i]), key))
			app_select(a, i);
	free(key);
	free(query);
}

/* Unread and not hidden: what next-unread stops at. */
static int item_unread(const struct app *a, size_t d, size_t p)
{
	return !(marks_get(a->marks, a->keys[d][p]) & (MARK_READ | MARK_HIDDEN));
}

/* The first unread paper of digest d, or (size_t)-1. */
static size_t first_unread(const struct app *a, size_t d)
{
	for (size_t p = 0; a->keys[d] && p < a->archive->v[d].npapers; p++)
		if (item_unread(a, d, p))
			return p;
	return (size_t)-1;
}

/* Digest d's rows, its first unread paper in the list's order selected
 * (dir < 0: its last). */
static void show_digest_unread(struct app *a, size_t d, int dir)
{
	show_digest_at(a, d, (size_t)-1);
	for (size_t k = 0; k < a->nitems; k++) {
		size_t i = dir > 0 ? k : a->nitems - 1 - k;
		if (item_unread(a, a->items[i].digest, a->items[i].paper)) {
			app_select(a, i);
			return;
		}
	}
}

int listing_next_unread(struct app *a, int dir)
{
	for (size_t i = a->selected; dir > 0 ? i + 1 < a->nitems : i > 0;) {
		i = dir > 0 ? i + 1 : i - 1;
		if (item_unread(a, a->items[i].digest, a->items[i].paper)) {
			app_select(a, i);
			return 0;
		}
	}
	/* The Digest listing goes on into the next digests by date. */
	for (size_t d = a->digest; a->listing == LISTING_DIGEST &&
				   (dir > 0 ? d + 1 < a->archive->n : d > 0);) {
		d = dir > 0 ? d + 1 : d - 1;
		app_ensure(a, d);
		const struct digest *dg = &a->archive->v[d];
		if (dg->bad || !dg->npapers || repeats_earlier(a, d) ||
		    first_unread(a, d) == (size_t)-1)
			continue;
		show_digest_unread(a, d, dir);
		app_message(a, dir > 0 ? _("%s: the next digest with unread papers")
				       : _("%s: the previous digest with unread papers"),
			    dg->date ? dg->date : _("undated"));
		return 0;
	}
	app_message(a, "%s", dir > 0 ? _("no unread paper after this one (, goes back)")
				     : _("no unread paper before this one (. goes on)"));
	return -1;
}

void listing_digest_counts(const struct app *a, size_t d, size_t *papers, size_t *unread)
{
	*papers = *unread = 0;
	for (size_t p = 0; a->keys[d] && p < a->archive->v[d].npapers; p++) {
		unsigned m = marks_get(a->marks, a->keys[d][p]);
		*papers += !(m & MARK_HIDDEN);
		*unread += !(m & (MARK_HIDDEN | MARK_READ));
	}
}

int listing_digest_listed(struct app *a, size_t d)
{
	app_ensure(a, d);
	return d < a->archive->n && !a->archive->v[d].bad && !repeats_earlier(a, d);
}

/* The oldest new digest with an unread paper: shown there. Returns 1 when
 * there is one. */
static int open_oldest_new(struct app *a)
{
	for (size_t d = 0; d < a->archive->n; d++) {
		if (!news_digest_is_new(a, d) || !listing_digest_listed(a, d))
			continue;
		if (first_unread(a, d) != (size_t)-1) {
			show_digest_unread(a, d, 1);
			return 1;
		}
	}
	return 0;
}

/* The newest digest with unread papers, else the newest with papers (an
 * empty or bad newest digest is never the first screen). */
void listing_open_where_the_work_is(struct app *a)
{
	if (open_oldest_new(a))
		return;
	size_t with_papers = (size_t)-1;
	for (size_t d = a->archive->n; d-- > 0;) {
		if (!listing_digest_listed(a, d) || !a->archive->v[d].npapers)
			continue;
		if (with_papers == (size_t)-1)
			with_papers = d;
		if (first_unread(a, d) != (size_t)-1) {
			show_digest_unread(a, d, 1);
			return;
		}
	}
	if (with_papers != (size_t)-1)
		a->digest = with_papers;
	app_select(a, 0);
	listing_build(a);
}

void listing_show_digest(struct app *a, size_t d)
{
	if (d >= a->archive->n)
		return;
	remember(a);
	app_ensure(a, d);
	if (first_unread(a, d) != (size_t)-1)
		show_digest_unread(a, d, 1);
	else
		show_digest_at(a, d, a->digest_paper[d]);
}

int listing_next_new(struct app *a)
{
	size_t n = a->archive->n;
	size_t from = a->listing == LISTING_DIGEST ? a->digest
		      : app_item(a)		    ? app_item(a)->digest
						    : n;
	for (size_t k = 1; k <= n; k++) {
		size_t d = (from + k) % (n ? n : 1);
		if (!news_digest_is_new(a, d) || !listing_digest_listed(a, d))
			continue;
		if (first_unread(a, d) == (size_t)-1)
			continue;
		remember(a);
		show_digest_unread(a, d, 1);
		const struct digest *dg = &a->archive->v[d];
		size_t papers, unread;
		listing_digest_counts(a, d, &papers, &unread);
		/* TRANSLATORS: the digest's date, then how many of its papers
		 * are unread and how many it lists (the plural follows it). */
		app_message(a, ngettext("%s: a new digest, %zu of %zu papers unread",
					"%s: a new digest, %zu of %zu papers unread",
					(unsigned long)papers),
			    dg->date ? dg->date : _("undated"), unread, papers);
		return 0;
	}
	app_message(a, "%s", news_count(a) ? _("no unread paper left in the new digests")
					   : _("no new digest since the last session"));
	return -1;
}
