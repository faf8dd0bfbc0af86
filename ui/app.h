/* app: the reader's state shared by its panes — the archive being read, the
 * current digest and paper, focus, layout mode, search and status message. The
 * panes own their own scroll positions. */
#ifndef DIGEST_APP_H
#define DIGEST_APP_H

#include <stddef.h>

#include "archive.h"
#include "layout.h"
#include "pane.h"

enum layout_mode { LAYOUT_AUTO, LAYOUT_SIDE, LAYOUT_STACKED };

struct app {
	struct archive *archive;
	size_t digest;             /* index into archive->v */
	size_t selected;           /* paper index in the current digest */
	struct layout_opts lo;     /* ambiguous width and line breaking */

	struct pane list, view, help;
	struct pane *focus;        /* &list or &view */
	enum layout_mode layout;
	int zoom;                  /* the focused pane fills the body */
	int compact;               /* list shows each paper's Goal */
	int help_open;

	char *search;              /* the last search, sanitized; or NULL */
	struct pane *search_pane;  /* where it applies */
	char status[512];          /* a one-line message, or empty */
	int quit;
};

const struct digest *app_digest(const struct app *a);
const struct paper *app_paper(const struct app *a);
/* Selects paper i of the current digest (clamped); the view follows. */
void app_select(struct app *a, size_t i);
void app_message(struct app *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
