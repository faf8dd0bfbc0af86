/* sync_ui: the marks and notes carried by git while the reader runs
 * (sync-git; sync.h's sync_job_*, a child process, so that neither reading
 * nor marking ever waits for a network): a sync is started at start-up, by
 * the refresh key beside the fetch, and at quit (tui.c waits for it a few
 * seconds); its progress shows at the right end of the status line, its
 * outcome, a note kept in two versions or its one-line error in the status
 * line, and what it brought is taken in at once (the marks read again, the
 * notes forgotten). With --offline nothing is synced. A synced folder
 * (sync-dir) needs no run: watch.c watches it. */
#ifndef DIGEST_SYNC_UI_H
#define DIGEST_SYNC_UI_H

#include <stddef.h>

#include "result.h"

struct app;
struct strbuf;

/* How long quitting waits for the sync, at most (ms). */
#define SYNC_UI_QUIT_MS 5000

/* Starts a sync when sync-git is set, the reader is not offline and none
 * runs yet: 1 when one started (or a message said why not), else 0. */
int sync_ui_start(struct app *a);
/* Whether a sync runs. */
int sync_ui_running(const struct app *a);
/* The descriptor that becomes readable when the running sync says
 * something or ends, or -1. */
int sync_ui_fd(const struct app *a);
/* Takes what the sync said; at its end, what it brought (then UI_REBUILD),
 * and its outcome or error in the status line. */
ui_result sync_ui_step(struct app *a);
/* While a sync runs: its last step ("sync: fetching from URL"), or with
 * brief just "syncing", into buf with a blank either side; returns 1, else
 * 0. */
int sync_ui_progress(const struct app *a, int brief, char *buf, size_t size);
/* The end: a sync still running is left to finish on its own (its line
 * saying so into left), else the last sync's error, if any, into left. */
void sync_ui_stop(struct app *a, struct strbuf *left);

#endif
