/* facts_ui: the paper facts (facts.h) as the reader asks for them — by
 * arXiv ID (the type search_facts_fn wants), by paper, a paper's upvotes —
 * from what app.c has read of the store (app_facts). Fetching them is
 * refresh.c's, showing them paper_pane.c's; no curses here. */
#ifndef DIGEST_FACTS_UI_H
#define DIGEST_FACTS_UI_H

#include "facts.h"

struct app;
struct paper;

/* The known facts of arXiv ID id, or NULL; app is a struct app (the type
 * fits search_facts_fn). Read once, then kept (app_facts; a fetch that
 * learned more calls app_forget_facts). */
const struct paper_facts *facts_ui_get(void *app, const char *id);
/* The facts of paper p (NULL: none known, no paper, or no arXiv ID). */
const struct paper_facts *facts_ui_paper(struct app *a, const struct paper *p);
/* The Hugging Face upvotes known for paper p, or -1. */
int facts_ui_upvotes(struct app *a, const struct paper *p);

#endif
