/* facts_ui: the paper facts (facts.h) as the reader uses them — read from the
 * store when the paper pane or a search asks, kept until a fetch learns more, and
 * searches filtered by them. Fetching them is refresh.c's, showing them
 * paper_pane.c's; no curses here. */
#ifndef DIGEST_FACTS_UI_H
#define DIGEST_FACTS_UI_H

#include "facts.h"

struct app;
struct paper;

/* The known facts of arXiv ID id, or NULL; app is a struct app (the type
 * fits search_facts_fn). Read once, then kept in a->facts. */
const struct paper_facts *facts_ui_get(void *app, const char *id);
/* Forgets what was read (the store changed) and bumps a->facts_gen so the
 * paper pane lays the paper out again. */
void facts_ui_reload(struct app *a);
/* The facts of paper p (NULL: none known, no paper, or no arXiv ID). */
const struct paper_facts *facts_ui_paper(struct app *a, const struct paper *p);
/* The Hugging Face upvotes known for paper p, or -1. */
int facts_ui_upvotes(struct app *a, const struct paper *p);

#endif
