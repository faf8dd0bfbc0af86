/* screen: what the reader puts on the terminal — the panes' rectangles for
 * the size and layout mode, the header, the body (list, paper pane,
 * borders, help overlay), the status line or the open prompt, text for the
 * terminal's clipboard (OSC 52), and giving the terminal to a program (a
 * terminal browser) and taking it back. Terminal setup and the event loop
 * are tui.c's. */
#ifndef DIGEST_SCREEN_H
#define DIGEST_SCREEN_H

#include <stddef.h>

struct app;

/* Gives every pane its rectangle for the terminal's size and a's mode
 * (a->rows and a->cols are set from the terminal). */
void screen_layout(struct app *a);
/* Draws everything. prompt (or NULL): the line shown instead of the status
 * message, the cursor at its end; a line too long for the terminal shows
 * its first lead bytes (the prompt's lead), an ellipsis and its end. */
void screen_draw(struct app *a, const char *prompt, size_t lead);
/* Puts text on the terminal's clipboard (OSC 52) when the terminal, or
 * tmux around it, is known to take it: 1 when it was sent, else 0. */
int screen_copy(const char *text, size_t len);
/* The next screen_draw paints the whole terminal (C-l, after a program had
 * it). */
void screen_repaint(void);
/* Leaves curses mode so a program can use the terminal; screen_resume comes
 * back, at the terminal's size now (a resize meanwhile is taken in: lay
 * the panes out again), and repaints. */
void screen_suspend(void);
void screen_resume(void);

#endif
