/* app: the reader's state shared by its panes — the archive, the marks, the
 * current view (which papers the list shows), the selection, focus, layout
 * mode, the active search and the status message. The panes own their own
 * scroll positions; views.c owns the item list. */
#ifndef DIGEST_APP_H
#define DIGEST_APP_H

#include <stddef.h>
#include <time.h>

#include "archive.h"
#include "cli.h"
#include "configfile.h"
#include "layout.h"
#include "marks.h"
#include "pane.h"
#include "search.h"

enum layout_mode { LAYOUT_AUTO, LAYOUT_SIDE, LAYOUT_STACKED };

enum view_kind {
	VIEW_DIGEST,   /* the papers of one digest, in post order */
	VIEW_UNREAD,   /* every unread paper of the archive, each once */
	VIEW_STARRED,
	VIEW_LATER,
	VIEW_SEARCH,   /* the hits of the archive search */
};

/* One row of the list: a paper of a digest. */
struct item {
	size_t digest;
	size_t paper;
};

struct app {
	struct archive *archive;
	struct marks *marks;
	char ***keys;              /* marks key of every paper: [digest][paper] */
	size_t **ids;              /* one number per distinct key: [digest][paper] */
	size_t nids;
	struct keytab *keytab;     /* key -> number */
	const struct config *cfg;
	struct layout_opts lo;

	enum view_kind view;
	size_t digest;             /* the digest of VIEW_DIGEST */
	struct item *items;        /* what the list shows */
	size_t nitems, items_cap;
	size_t selected;           /* index into items */

	struct pane list, view_pane, help;
	struct pane *focus;        /* &list or &view_pane */
	enum layout_mode layout;
	int zoom;                  /* the focused pane fills the body */
	int compact;               /* list shows each paper's Goal */
	int help_open;

	struct search_query query; /* highlighted and used by n/N */
	int has_query;
	struct search_index *index;/* built on the first archive search */
	struct search_results hits;
	char *hits_text;           /* the query the hits were found with */

	const struct paper *opened;/* last paper marked read on open */
	const struct cli *cli;     /* for fetching: its sources, --offline */
	struct refresh *refresh;   /* the background fetch, or NULL */
	char status[512];          /* a one-line message, or empty */
	int quit;
};

/* The selected item's digest and paper (NULL when the list is empty). */
const struct digest *app_digest(const struct app *a);
const struct paper *app_paper(const struct app *a);
const char *app_key(const struct app *a, const struct item *it);
const struct paper *app_item_paper(const struct app *a, const struct item *it);
/* Selects item i (clamped). */
void app_select(struct app *a, size_t i);
void app_message(struct app *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* views.c: fills a->items for the view; keeps the selected paper selected
 * when it is still listed. */
void views_build(struct app *a);
void views_switch(struct app *a, enum view_kind v);
const char *views_name(enum view_kind v);
/* The dates the item's paper appeared on, comma-separated, into out. */
void views_dates(const struct app *a, const struct item *it, struct strbuf *out);
void views_init_keys(struct app *a);
/* Digest d was parsed: its papers get their keys. */
void views_digest_loaded(struct app *a, size_t d);
/* Parses digest d (all digests) if still pending; a bad post is reported in
 * the status line. */
int app_ensure(struct app *a, size_t d);
void app_ensure_all(struct app *a);
/* Sets (text NULL: clears) the highlighted query. */
void app_set_query(struct app *a, const char *text);
/* Searches every digest and shows the hits in the Search results view. */
void views_search(struct app *a, const char *text);
/* Takes over a freshly loaded archive (fresh is left empty), keeping the
 * digest, view and selected paper when they still exist. */
void app_replace_archive(struct app *a, struct archive *fresh);
void views_free(struct app *a);

/* triage.c: the mark, open, yank and command actions. Returns 1 when the
 * action was one of them. */
int triage_action(struct app *a, enum action act);
/* Marks the shown paper read when it is opened (mark-read on-open). */
void triage_paper_opened(struct app *a);
/* Runs a ":" command line. */
void triage_command(struct app *a, const char *line);

#endif
