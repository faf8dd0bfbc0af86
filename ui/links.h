/* links: what leaves the reader for the browser or the clipboard — the
 * selected paper's arXiv, PDF, Alphaxiv or Hugging Face page, its code link
 * (paper facts), a link [N] of its text, every starred paper at once, and
 * its URL yanked. URLs come from src/urls.c and src/render.c, programs are
 * started by src/launch.c, the terminal is screen.c's; this module picks the
 * paper and says what happened in the status line. */
#ifndef DIGEST_LINKS_H
#define DIGEST_LINKS_H

#include "result.h"
#include "urls.h"

struct app;

/* Opens url in the browser (a message when that fails): 0, or -1. A
 * graphical browser is started detached and the screen is not disturbed; a
 * terminal browser (browser-terminal yes) gets the terminal meanwhile. */
int links_open_url(struct app *a, const char *url);

/* The actions: each returns UI_HANDLED, with UI_REPAINT after a terminal
 * browser had the screen. */
ui_result links_open_paper(struct app *a, enum url_kind kind);
/* The paper's link [N] (n as typed after :open). */
ui_result links_open_reference(struct app *a, const char *n);
ui_result links_open_code(struct app *a);
/* Every starred paper (each once, hidden ones left out), marked read as it
 * opens; more than open-many are asked about first (app_ask). Returns
 * UI_REBUILD too. */
ui_result links_open_starred(struct app *a);
/* The paper's arXiv URL (else its link) to the clipboard: the terminal's
 * (OSC 52, screen_copy) and yank-command's. */
ui_result links_yank(struct app *a);

#endif
