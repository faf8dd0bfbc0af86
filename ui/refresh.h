/* refresh: fetching in the background while the reader runs — started at
 * start-up (unless offline or reading named files) and by the refresh key,
 * stepped from the event loop so keys keep working, and on completion the
 * archive reloaded from the cache without moving the selection (the paper
 * pane notices through app->archive_gen). After the posts, the paper facts
 * (facts_fetch.h) are learned by a child process, so that arXiv's 3-second
 * spacing never holds up a key; they show when it ends (app->facts_gen).
 * It also watches the cache's posts (cache_watch_*): what another process
 * stores there (a cron --fetch) is reloaded without a restart. */
#ifndef DIGEST_REFRESH_H
#define DIGEST_REFRESH_H

#include <stddef.h>

#include "result.h"

struct app;

/* Starts a fetch (a message says why when it cannot). */
ui_result refresh_start(struct app *a);
/* Whether a fetch is running. */
int refresh_running(const struct app *a);
/* Runs transfers for at most timeout_ms, returning early when fd (the
 * terminal) has input; updates the status line and reloads on completion
 * (then UI_REBUILD). */
ui_result refresh_step(struct app *a, int timeout_ms, int fd);
/* "fetching 3/14" into buf while a fetch runs: returns 1, else 0. */
int refresh_progress(const struct app *a, char *buf, size_t size);
/* Stops a running fetch (nothing partial is stored; a facts child is
 * killed: each facts file is replaced atomically). */
void refresh_stop(struct app *a);

/* Starts watching the cache's posts (not when reading named files). */
void refresh_watch_start(struct app *a);
/* The descriptor that becomes readable when posts/ changes (inotify), or -1:
 * then refresh_watch_due says when to look. */
int refresh_watch_fd(const struct app *a);
/* Without inotify: ms until the next look (0: now), or -1 when not
 * watching. */
long refresh_watch_due(const struct app *a);
/* Looks for changed posts (after fd was readable, or when due) and reloads
 * the archive when some changed, keeping the selection (then UI_REBUILD). */
ui_result refresh_watch_check(struct app *a);
void refresh_watch_stop(struct app *a);

#endif
