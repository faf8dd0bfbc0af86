/* app: the reader's state shared by its panes — the archive, the marks and
 * their keys, the current listing's rows and their order, the selection
 * (changed only by app_select), focus, layout mode, the active search, the
 * paper facts read so far, the notes, the status message and a pending
 * yes/no question with what its yes does. app.c owns every app_* function and calls nothing
 * else in ui/ (the listing's rows are built and sorted by listing.c, the
 * for-me model is forme_ui.c's, when a paper becomes read is reading.c's,
 * the panes keep their own scroll positions). */
#ifndef DIGEST_APP_H
#define DIGEST_APP_H

#include <stddef.h>
#include <time.h>

#include "actions.h"
#include "archive.h"
#include "choices.h"
#include "cli.h"
#include "configfile.h"
#include "layout.h"
#include "marks.h"
#include "pane.h"
#include "search.h"

enum layout_mode { LAYOUT_AUTO, LAYOUT_SIDE, LAYOUT_STACKED };

enum listing_kind {
	LISTING_DIGEST,   /* the papers of one digest, in post order */
	LISTING_UNREAD,   /* every unread paper of the archive, each once */
	LISTING_STARRED,
	LISTING_LATER,
	LISTING_SEARCH,   /* the hits of the archive search */
	LISTING_HIDDEN,   /* the hidden papers, which no other listing lists */
};

/* One row of the list: a paper of a digest. */
struct item {
	size_t digest;
	size_t paper;
};

struct app;

/* What a yes to a question does (app_ask): arg is the asker's. */
typedef ui_result app_yes_fn(struct app *a, void *arg);

/* A question waiting for y or n. */
struct app_question {
	app_yes_fn *yes;           /* NULL: none is waiting */
	void *arg;
	void (*free_arg)(void *arg); /* frees arg once answered, or NULL */
	char text[512];
	char no[64];               /* what a no says ("not opened") */
};

/* What reading.c knows, and only it writes (marks keys, so that a reload
 * keeps them). */
struct reading {
	char *moved;                 /* the paper a key moved to, or NULL */
	long shown_since;            /* in the paper pane since (ms, monotonic),
				      * or -1 */
	char *decided;               /* made read or unread by hand last */
};

/* One message of the session, as app_message said it. */
struct app_logged {
	char *text;                /* whole: every line, nothing cut */
	time_t when;               /* the last time it was said */
	unsigned repeats;          /* said again this many times in a row */
	int typed;                 /* said while a->as_you_type was set */
};

/* The session's messages: app_message keeps the last this many. */
#define APP_MESSAGES_MAX 200

struct keytab;
struct forme;
struct notes;
struct refresh;
struct sync_ui;
struct seen;
struct facts_lookup;
struct watch;

struct app {
	struct archive *archive;
	unsigned archive_gen;      /* bumped when the archive is replaced */
	struct marks *marks;
	char ***keys;              /* marks key of every paper: [digest][paper] */
	size_t **ids;              /* one number per distinct key: [digest][paper] */
	size_t nids;
	struct keytab *keytab;     /* key -> number */
	const struct config *cfg;
	struct layout_opts lo;

	enum listing_kind listing;
	size_t digest;             /* the digest of LISTING_DIGEST */
	struct item *items;        /* what the list shows (built by listing.c) */
	size_t nitems, items_cap;
	unsigned char *noted;      /* noted[i]: items[i] has a note (notes_lookup
				    * when the rows were built: listing.c) */
	size_t selected;           /* index into items: set by app_select only */
	/* Where each digest and listing was left, so that coming back to one
	 * selects what was selected there: the paper selected in digest d
	 * (digest_paper[d], or (size_t)-1), and the item selected in each listing
	 * ({-1, -1}: none yet). */
	size_t *digest_paper;
	struct item listing_item[LISTING_HIDDEN + 1];

	struct pane list, paper_pane, help, messages_pane;
	struct pane digests;       /* the digests overview, in the body's place */
	int digests_open;          /* app_open_digests, app_close_digests */
	unsigned digests_opened;   /* bumped at each opening: the overview
				    * selects the current digest anew */
	struct pane *focus;        /* &list or &paper_pane */
	struct pane *overlay;      /* &help or &messages_pane over them, or NULL */
	enum layout_mode layout;
	int rows, cols;            /* the screen's size, as last laid out */
	int zoom;                  /* the focused pane fills the body */
	int compact;               /* list shows each paper's Goal */
	enum config_sort sort;     /* the listings' order (:sort, set sort) */

	struct search_query query; /* highlighted and used by n/N */
	int has_query;
	/* What the archive search searches (archive_search.c): the cache's persistent
	 * index (src/index.c) loaded, or one built over the parsed archive. */
	struct search_index *search_index;
	struct search_results hits;
	char *hits_text;           /* the query the hits were found with */

	const struct cli *cli;     /* for fetching: its sources, --offline */
	struct refresh *refresh;   /* the background fetch, or NULL */
	struct watch *watch;       /* other processes' changes (watch.c) */
	struct facts_lookup *facts;/* paper facts read so far: app_facts */
	unsigned facts_gen;        /* bumped by app_forget_facts */
	struct forme *forme;       /* the for-me order (forme_ui.c), or NULL */
	struct notes *notes;       /* the notes (notes.h), opened by app_init;
				    * NULL when they have no place */
	char *notes_why;           /* then why (one line) */
	unsigned notes_gen;        /* bumped by app_forget_notes */
	/* The notes as the archive search takes them (archive_search.c builds it), for
	 * the archive as it was with notes_extra_pending digests pending; NULL
	 * until built, and again when the notes or the archive change. */
	struct search_extra *notes_extra;
	size_t notes_extra_pending;
	struct sync_ui *sync;      /* the background sync (sync_ui.c), or NULL */
	char status[512];          /* a one-line message, or empty */
	struct app_logged *messages; /* the session's, oldest first */
	size_t nmessages;
	/* Set by the dispatcher while a prompt's text changes: a message said
	 * then replaces the one said a key before, so that a search as you
	 * type leaves its last word in the history, not one a key. */
	int as_you_type;

	struct app_question question; /* app_ask, app_answer */
	struct reading reading;    /* when a paper becomes read (reading.c) */
	struct seen *seen;         /* what is new (news.c), or NULL: nothing is */
	int opening;               /* no key yet: the opening screen, which the
				    * start-up fetch's new digests may move */
};

/* Sets up a over the archive (newest readable digest current; the listing's
 * rows are not built yet: listing_build does that). The panes are the
 * caller's to initialize. */
void app_init(struct app *a, struct archive *archive, struct marks *marks,
	      const struct config *cfg, const struct cli *cli,
	      const struct layout_opts *lo);
/* Frees what app_init and the app_* functions allocated (not the panes, the
 * archive or the marks; the notes too). */
void app_free(struct app *a);

/* The selected item, its digest and its paper (NULL when the list is
 * empty; app_digest is then the Digest listing's digest, if any). */
const struct item *app_item(const struct app *a);
const struct digest *app_digest(const struct app *a);
const struct paper *app_paper(const struct app *a);
const char *app_key(const struct app *a, const struct item *it);
const struct paper *app_item_paper(const struct app *a, const struct item *it);
/* Selects item i (clamped to the list): the one way the selection
 * changes. */
void app_select(struct app *a, size_t i);

/* Says something in the status line and keeps it, whole and with the time,
 * in the session's messages (:messages shows them): the status line gets
 * its first line, ending in an ellipsis when more was cut (a second line,
 * or what is beyond a->status); a message said again right after itself is
 * kept once, counted. An empty message clears the status line only. */
void app_message(struct app *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void app_clear_message(struct app *a);

/* Asks a yes/no question (printf-like; the dispatcher shows it and takes
 * the answer; the session's messages keep it): on y, yes(a, arg) runs; on n
 * the status line says no ("not opened"), so that declining is never
 * silent. arg lives until the question
 * is answered: free_arg (NULL: arg is a static, or NULL) frees it then,
 * after yes has run, and when the app is freed with the question open. */
void app_ask(struct app *a, app_yes_fn *yes, void *arg, void (*free_arg)(void *arg),
	     const char *no, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* The question waiting for its answer, or NULL. */
const char *app_question(const struct app *a);
/* Answers it (answer 1: yes): the message is cleared, then yes runs, or
 * the question's no is said. The question is gone before its yes runs,
 * which may ask another (with an arg of its own). Returns what yes
 * returned, or UI_HANDLED. */
ui_result app_answer(struct app *a, int answer);

/* Opens the digests overview in the body's place (the help overlay
 * closed), or closes it. */
void app_open_digests(struct app *a);
void app_close_digests(struct app *a);
/* The choices remembered from the last run (src/choices.h) put in effect:
 * the sort order, and the layout while the configuration's layout setting
 * says what it said when the layout was chosen (an edit of the setting
 * wins). A file that cannot be read is said in the status line. */
void app_recall_choices(struct app *a);
/* Remembers the sort order (CHOICE_SORT) or the layout (CHOICE_LAYOUT) now
 * in effect for the next run; a failure is said in the status line. */
void app_remember_choice(struct app *a, enum choice_kind kind);

/* The listings' order by name, as the sort setting names it ("number",
 * "upvotes", "for-me"): what :sort sets and what remembers it across
 * sessions. app_set_sort_name returns 0, or -1 (nothing changed) for a name
 * that is no order. Either way the rows are sorted by listing_build. */
const char *app_sort_name(const struct app *a);
int app_set_sort_name(struct app *a, const char *name);

/* Whether the list and the paper pane are stacked at the current size. */
int app_is_stacked(const struct app *a);
/* The rows one item of the list takes: 1, or 2 in compact triage (its
 * Goal line under the title). */
int app_item_rows(const struct app *a);

/* Parses digest d (all digests) if still pending; a bad post is reported in
 * the status line. Returns -1 when d turned out bad. */
int app_ensure(struct app *a, size_t d);
void app_ensure_all(struct app *a);
/* The reader's clock: ms from a fixed point (monotonic), for timers and
 * budgets. */
long app_now_ms(void);
/* Parses pending digests, newest first, for about budget_ms, and no longer
 * than one digest once key_fd (when >= 0: the terminal) has input, so that
 * a key never waits for the whole slice. Returns 1 while some remain
 * pending. */
int app_load_slice(struct app *a, int budget_ms, int key_fd);

/* The paper facts read so far from the store (facts.h), opened on first
 * use (facts_ui.h asks it). */
struct facts_lookup *app_facts(struct app *a);
/* Forgets what was read (the store changed) and bumps a->facts_gen, so that
 * the paper pane lays its paper out again. */
void app_forget_facts(struct app *a);

/* Forgets what was read of the notes (a note changed: our editor, another
 * machine's sync, a file syncer) and bumps a->notes_gen, so that the rows'
 * glyphs, the Notes section and the search read them again. */
void app_forget_notes(struct app *a);
/* Whether a parsed paper has marks key key. */
int app_key_parsed(const struct app *a, const char *key);

/* Sets (text NULL: clears) the highlighted query. */
void app_set_query(struct app *a, const char *text);
/* n and N over n positions of a pane: from the one after `from` (dir 1) or
 * before it (dir -1), around the end, the first that matches (match(a, ctx,
 * i) is true), saying "search wrapped around" when it went around. Returns
 * it, or (size_t)-1 when none does. */
size_t app_search_around(struct app *a, size_t n, size_t from, int dir,
			 int (*match)(struct app *a, const void *ctx, size_t i), const void *ctx);

/* Takes over a freshly loaded archive (fresh is left empty), keeping the
 * digest of the same date current. The rows must be built again
 * (listing_reload_archive does all of it). */
void app_replace_archive(struct app *a, struct archive *fresh);

#endif
