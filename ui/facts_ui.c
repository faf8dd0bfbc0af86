/* facts_ui: the reader's paper facts (see facts_ui.h). */
#include "config.h"


#include "app.h"
#include "facts_ui.h"

const struct paper_facts *facts_ui_get(void *app, const char *id)
{
	return facts_lookup_get(app_facts(app), id);
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
