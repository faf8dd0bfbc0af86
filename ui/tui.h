/* tui: the full-screen reader's terminal setup and restore, signals, and the
 * one event loop that every state (list, paper, help, prompts, questions)
 * runs in. The only entry point the rest of the program uses. */
#ifndef DIGEST_TUI_H
#define DIGEST_TUI_H

#include "archive.h"
#include "cli.h"
#include "configfile.h"
#include "layout.h"
#include "marks.h"

/* Runs the reader over a loaded archive (newest digest first) on the
 * terminal of stdin/stdout (the caller checks there is one). `message` is
 * shown in the status line at start (or NULL). Unless the command line says
 * --offline or names files, it fetches the sources in the background and
 * reloads the cache when something new came. Returns the exit status: 0, 1,
 * or 128 + N when signal N (or a hangup of the terminal: SIGHUP) ended it —
 * the caller closes the marks, then re-raises N. */
int tui_run(struct archive *archive, struct marks *marks, const struct config *cfg,
	    const struct cli *cli, const struct layout_opts *lo, const char *message);

#endif
