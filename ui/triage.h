/* triage: what the reader does to papers — marks (star, read, later, hide,
 * undo), opening them in the browser, yanking their URL — and the ':'
 * commands of src/commands.h. It changes marks, listings and the status
 * message, and returns what the loop should do next (ui_result). */
#ifndef DIGEST_TRIAGE_H
#define DIGEST_TRIAGE_H

#include "actions.h"
#include "result.h"

struct app;

/* Runs a mark, open, yank or digest-read action: its ui_result (with
 * UI_HANDLED), or 0 when act is none of them. */
ui_result triage_action(struct app *a, enum action act);
/* Opens url in the browser (a message when that fails): 0, or -1. */
int triage_open_url(struct app *a, const char *url);
/* Runs a ":" command line. */
ui_result triage_command(struct app *a, const char *line);

#endif
