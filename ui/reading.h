/* reading: the one rule of when a paper becomes read (the mark-read
 * setting). Whoever sees something that may make the selected paper read
 * tells reading_note what happened — the loop looking at what the paper pane
 * shows, the reader opening or scrolling the paper on purpose, paging past
 * its end — and reading_note alone decides and marks it (marks_set_seen).
 * It owns a->reading. Calls only app.c; no curses. */
#ifndef DIGEST_READING_H
#define DIGEST_READING_H

#include "result.h"

struct app;

enum reading_event {
	READING_SHOWN,    /* the loop looks at what the paper pane shows */
	READING_OPENED,   /* shown or scrolled on purpose: Enter, the focus, a
			   * scroll, a section key (UI_OPENED) */
	READING_FINISHED, /* its end was paged past (Space) */
};

/* Applies the rule to the selected paper after ev: with mark-read on-open
 * a paper is read once the paper pane shows it, with mark-read N once it
 * stayed there N seconds (DIGEST_TUI_TEST_MARK_READ_MS: that many ms; see
 * testknob.h), and with either once it was opened on purpose or finished;
 * with never, only toggle-read marks. Returns UI_HANDLED when it marked a
 * paper read, else 0; *due_ms (when not NULL) is how many ms until the rule
 * wants another READING_SHOWN look, or -1 when no timer runs. */
ui_result reading_note(struct app *a, enum reading_event ev, long *due_ms);

#endif
