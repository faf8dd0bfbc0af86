/* prompt: a one-line editor in the status line (search, commands). It reads
 * keys until Enter or Esc and calls back after every change, so searches can
 * run as the query is typed. */
#ifndef DIGEST_PROMPT_H
#define DIGEST_PROMPT_H

struct app;

/* Called after each edit with the text so far (sanitized). */
typedef void (*prompt_changed_fn)(struct app *a, const char *text, void *arg);
/* Redraws the screen with the prompt line shown. */
typedef void (*prompt_draw_fn)(struct app *a, const char *line, int cursor_col);

/* Returns the entered text (sanitized; free it), or NULL when cancelled
 * with Esc, Ctrl-C or a backspace on an empty line. Editing: Backspace, C-u
 * (the whole line), C-w (the last word); Up and Down recall what was entered
 * before at a prompt with the same lead. */
char *prompt_read(struct app *a, const char *lead, prompt_draw_fn draw,
		  prompt_changed_fn changed, void *arg);
/* Frees the prompts' history (at exit). */
void prompt_forget(void);

#endif
