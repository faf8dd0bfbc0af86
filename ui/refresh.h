/* refresh: fetching in the background while the reader runs — started at
 * start-up (unless offline or reading named files) and by the refresh key,
 * stepped from the event loop so keys keep working, and on completion the
 * archive reloaded from the cache (watch_reload) without moving the
 * selection. After the posts, the paper facts of the posts fetched
 * (facts_fetch.h) are learned by a child process, so that waiting on the
 * store's pacing lock and arXiv's 3-second spacing never holds up a key; it
 * sends typed reports up a pipe (facts_report.h), never text to parse, and
 * they show when it ends (app->facts_gen). What other processes store in
 * the cache is watch.c's. */
#ifndef DIGEST_REFRESH_H
#define DIGEST_REFRESH_H

#include <stddef.h>

#include "result.h"

struct app;

/* Starts a fetch (a message says why when it cannot). */
ui_result refresh_start(struct app *a);
/* Whether a fetch is running (its posts, or the facts after them). */
int refresh_running(const struct app *a);
/* Whether it is fetching posts, storing them one by one. */
int refresh_fetching_posts(const struct app *a);
/* Runs transfers for at most timeout_ms, returning early when fd (the
 * terminal) has input; updates the status line and reloads on completion
 * (then UI_REBUILD). */
ui_result refresh_step(struct app *a, int timeout_ms, int fd);
/* "fetching 3/14" into buf while a fetch runs: returns 1, else 0. */
int refresh_progress(const struct app *a, char *buf, size_t size);
/* Stops a running fetch (nothing partial is stored; a facts child is
 * killed: each facts file is replaced atomically). */
void refresh_stop(struct app *a);

#endif
