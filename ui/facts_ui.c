/* facts_ui: the reader's paper facts (see facts_ui.h). */
#include "config.h"

#include <stdlib.h>

#include "app.h"
#include "facts_ui.h"
#include "util.h"

const struct paper_facts *facts_ui_get(void *app, const char *id)
{
	struct app *a = app;
	if (!a->facts) {
		a->facts = xmalloc(sizeof(*a->facts));
		/* Unreadable files are skipped quietly: the status line is
		 * not the place for a list, and --dump reports them. */
		facts_lookup_init(a->facts, NULL, NULL);
	}
	return facts_lookup_get(a->facts, id);
}

void facts_ui_reload(struct app *a)
{
	if (a->facts) {
		facts_lookup_free(a->facts);
		free(a->facts);
		a->facts = NULL;
	}
	a->facts_gen++;
}

const struct paper_facts *facts_ui_paper(struct app *a, const struct paper *p)
{
	return p && p->arxiv_id ? facts_ui_get(a, p->arxiv_id) : NULL;
}

int facts_ui_upvotes(struct app *a, const struct paper *p)
{
	const struct paper_facts *f = facts_ui_paper(a, p);
	return f ? f->upvotes : -1;
}
