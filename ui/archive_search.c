/* archive_search: the search index the archive search uses (see archive_search.h). */
#include "config.h"

#include "app.h"
#include "archive_search.h"
#include "index.h"
#include "strbuf.h"

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
	/* The newest hits first: they head the Search results listing. */
	for (size_t i = r->n; budget_ms > 0 && i-- > 0;) {
		size_t d = r->v[i].digest;
		if (d < a->archive->n && a->archive->v[d].pending) {
			app_ensure(a, d);
			if (app_now_ms() - t0 >= budget_ms)
				break;
		}
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
