/* triage: the marks actions — star, read, later, hide a paper (toggles),
 * undo the last change, mark a whole digest read — and what each says in
 * the status line. Every change goes through src/marks.c; each returns
 * UI_HANDLED | UI_REBUILD (a changed mark may take a row out of the
 * listing). When a paper becomes read by being shown is reading.c's. */
#ifndef DIGEST_TRIAGE_H
#define DIGEST_TRIAGE_H

#include "result.h"

struct app;

/* Toggles flag (MARK_STAR, MARK_READ, MARK_LATER, MARK_HIDDEN) of the
 * selected paper; with the advance setting the next paper is selected. */
ui_result triage_toggle(struct app *a, unsigned flag);
/* Undoes the last change of marks, says what it was, and selects that
 * paper again (an unhidden one comes back into the list). */
ui_result triage_undo(struct app *a);
/* Marks every paper of the selected paper's digest read. */
ui_result triage_digest_read(struct app *a);

#endif
