/* commands_ui: the ':' commands at work — the line typed at the ':' prompt
 * parsed against the command table (src/commands.h) and run: listings,
 * dates, the archive search, export, a paper's link [N], the sort order,
 * quitting. Returns what the loop should do next; never calls it. */
#ifndef DIGEST_COMMANDS_UI_H
#define DIGEST_COMMANDS_UI_H

#include "result.h"

struct app;

/* Runs a ":" command line (a message says what is wrong with a bad one). */
ui_result commands_ui_run(struct app *a, const char *line);

#endif
