/* input: the dispatcher — what a key, a mouse event or an interrupt does in
 * the reader's current state: the list or the paper (with the help overlay
 * over them or not), a prompt ("/", "search: ", ":") or a yes/no question
 * (app_question: its y or n goes to app_answer). In the list and the paper
 * a key's action runs the handler its row of ACTION_TABLE names, where the
 * row says it works. The prompts are states here, not loops: the event loop
 * (tui.c) reads the terminal and feeds every key through input_key,
 * whatever the state. No curses: keys are keyname codes (src/keyname.h). */
#ifndef DIGEST_INPUT_H
#define DIGEST_INPUT_H

#include <stddef.h>

#include "app.h"
#include "prompt.h"
#include "result.h"
#include "strbuf.h"

enum input_mode {
	INPUT_NORMAL,   /* list or paper (a->overlay: the help or messages over them) */
	INPUT_SEARCH,   /* "/": search the focused pane as you type */
	INPUT_SEARCH_ARCHIVE,     /* "search: ": search every digest as you type */
	INPUT_COMMAND,  /* ":" */
};

struct input {
	enum input_mode mode;
	struct prompt prompt;
	/* What Esc goes back to: "/" the pane, its start and the selection;
	 * "search: " the listing, selection and any earlier results. */
	struct pane *pane;
	size_t origin, selected;
	enum listing_kind listing;
	char *query;
};

enum input_mouse_kind { INPUT_CLICK, INPUT_WHEEL_UP, INPUT_WHEEL_DOWN };
struct input_mouse {
	enum input_mouse_kind kind;
	int y, x;
};

void input_init(struct input *in);
void input_free(struct input *in);
/* The key (a keyname code; Esc is 27) in the current state. */
ui_result input_key(struct input *in, struct app *a, unsigned key);
ui_result input_mouse(struct input *in, struct app *a, const struct input_mouse *m);
/* SIGINT: cancels an open prompt (UI_HANDLED); otherwise UI_QUIT. */
ui_result input_interrupt(struct input *in, struct app *a);
/* When a prompt or question is open: its line into out, the length of its
 * lead ("search: "; what stays when the line is too long to show whole) into
 * *lead, and 1; else 0. */
int input_prompt_line(const struct input *in, const struct app *a, struct strbuf *out,
		      size_t *lead);

#endif
