/* reading: the one rule of when a paper becomes read (the mark-read
 * setting). A paper is read by the user, never by the reader alone: only a
 * paper the user moved to with a key in this session (selected it in the
 * list, or went on to it with Space or next-unread) starts the timer, and
 * the opening screen, another listing (a view, another digest, the digests
 * overview) and a reload never do. Whoever sees something that may make the
 * selected paper read tells reading_note what happened — the loop looking
 * at what the paper pane shows, a key moving to a paper, the reader opening
 * or scrolling the paper on purpose, paging past its end — and reading_note
 * alone decides and marks it (marks_set_seen). It owns a->reading. Calls
 * only app.c; no curses. */
#ifndef DIGEST_READING_H
#define DIGEST_READING_H

#include "result.h"

struct app;

enum reading_event {
	READING_SHOWN,    /* the loop looks at what the paper pane shows */
	READING_MOVED,    /* a key moved the selection to this paper (UI_MOVED) */
	READING_OPENED,   /* shown or scrolled on purpose: Enter, the focus, a
			   * scroll, a section key (UI_OPENED) */
	READING_FINISHED, /* its end was paged past (Space) */
	READING_DECIDED,  /* the user marked it read or unread by hand: no
			   * timer runs for it any more */
};

/* Applies the rule to the selected paper after ev: with mark-read N a paper
 * the user moved to is read once it stayed in the paper pane N seconds
 * (DIGEST_TUI_TEST_MARK_READ_MS: that many ms; see testknob.h) — moving
 * away, or the pane hidden, starts the count again on return only after
 * another move; with on-open, as soon as the paper pane shows it after the
 * move; with either, at once when it was opened on purpose or finished;
 * with never, only toggle-read marks. Returns UI_HANDLED when it marked a
 * paper read, else 0; *due_ms (when not NULL) is how many ms until the rule
 * wants another READING_SHOWN look, or -1 when no timer runs. */
ui_result reading_note(struct app *a, enum reading_event ev, long *due_ms);
/* Frees what a->reading holds (before app_free). */
void reading_free(struct app *a);

#endif
