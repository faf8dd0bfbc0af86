/* archive_search: the search index the archive search uses (see archive_search.h). */
#include "config.h"

#include <string.h>

#include "app.h"
#include "archive_search.h"
#include "index.h"
#include "notes.h"
#include "strbuf.h"
#include "util.h"

void archive_search_prepare(struct app *a)
{
	if (a->search_index)
		return;
	if (!a->cli->npaths) {
		/* Initials too, so that a 초성 query needs no second load. */
		struct strbuf err = STRBUF_INIT;
		a->search_index = index_search_for(a->archive, INDEX_SEARCH_INITIALS, &err);
		strbuf_release(&err); /* the posts' problems show as they load */
		if (a->search_index)
			return;
	}
	app_ensure_all(a);
	a->search_index = search_index_build(a->archive);
}

size_t archive_search_settle(struct app *a, int budget_ms)
{
	struct search_results *r = &a->hits;
	long t0 = app_now_ms();
	/* The newest hits first: they head the Search results listing. The
	 * budget ends the parsing only once a hit is there to show, so that
	 * the first results never wait for the loader's next slice. */
	int shown = 0;
	for (size_t i = r->n; budget_ms > 0 && i-- > 0;) {
		size_t d = r->v[i].digest;
		if (d >= a->archive->n)
			continue;
		if (a->archive->v[d].pending) {
			app_ensure(a, d);
			if (shown && app_now_ms() - t0 >= budget_ms)
				break;
		}
		const struct digest *dg = &a->archive->v[d];
		shown |= !dg->pending && !dg->bad && r->v[i].paper < dg->npapers;
	}
	size_t kept = 0, pending = 0;
	for (size_t i = 0; i < r->n; i++) {
		const struct search_hit h = r->v[i];
		if (h.digest >= a->archive->n)
			continue;
		const struct digest *d = &a->archive->v[h.digest];
		if (d->pending)
			pending++;
		else if (d->bad || h.paper >= d->npapers)
			continue;
		r->v[kept++] = h;
	}
	r->n = kept;
	return pending;
}

/* Parses the digests that may hold the paper of the note of key (see
 * archive_search_notes); one a parsed digest holds needs none. */
static void settle_note(const char *key, int whole, void *ctx)
{
	struct app *a = ctx;
	if (!a->archive->npending || (whole && app_key_parsed(a, key)))
		return;
	if (!whole || !strncmp(key, "url:", 4)) {
		app_ensure_all(a); /* a link is not in the search text */
		return;
	}
	if (!strncmp(key, "paper:", 6)) {
		size_t n = strcspn(key + 6, "/");
		for (size_t d = 0; d < a->archive->n; d++) {
			const char *date = a->archive->v[d].date;
			if (date && strlen(date) == n && !strncmp(date, key + 6, n))
				app_ensure(a, d);
		}
		return;
	}
	struct search_query q;
	struct search_results r;
	search_results_init(&r);
	if (search_query_parse(key, strlen(key), &q) == 0)
		search_run(a->search_index, &q, &r);
	search_query_free(&q);
	for (size_t i = 0; i < r.n; i++)
		app_ensure(a, r.v[i].digest);
	search_results_free(&r);
}

const struct search_extra *archive_search_notes(struct app *a)
{
	if (!a->notes)
		return NULL;
	if (a->notes_extra && a->notes_extra_pending == a->archive->npending)
		return a->notes_extra;
	archive_search_prepare(a);
	notes_foreach_key(a->notes, settle_note, a);
	if (a->notes_extra)
		search_extra_free(a->notes_extra);
	else
		a->notes_extra = xmalloc(sizeof(*a->notes_extra));
	search_extra_init(a->notes_extra);
	notes_search_extra(a->notes, a->archive, a->notes_extra);
	a->notes_extra_pending = a->archive->npending;
	return a->notes_extra;
}
