/* prompt: the one-line editor shown in the status line (search, find,
 * commands, yes/no questions). It is a state, not a loop: the event loop
 * feeds it one key at a time (keyname codes) and it says what happened, so
 * loading, fetching, timers and signals go on while it is open. It keeps the
 * history of each prompt; it reads no terminal and draws nothing. */
#ifndef DIGEST_PROMPT_H
#define DIGEST_PROMPT_H

#include "strbuf.h"

enum prompt_event {
	PROMPT_IGNORED,  /* the key means nothing here */
	PROMPT_MOVED,    /* shown differently, the text unchanged */
	PROMPT_EDITED,   /* the text changed */
	PROMPT_COMPLETE, /* Tab: the owner may complete (prompt_insert) */
	PROMPT_ENTER,    /* done: prompt_text has the line */
	PROMPT_CANCEL,   /* Esc, C-c, or Backspace on an empty line */
};

struct prompt {
	const char *lead;        /* "/", "search: ", ":" (a string literal) */
	struct strbuf in;        /* what is typed, as typed */
	struct strbuf draft;     /* what was typed before Up went into history */
	struct history *h;
	size_t at;               /* the history line shown; h->n: the draft */
};

/* Opens an empty prompt led by lead (which also names its history). */
void prompt_open(struct prompt *p, const char *lead);
/* Frees what the prompt holds (not its history). */
void prompt_close(struct prompt *p);
/* Editing: Backspace, C-u (the whole line), C-w (the last word); Up and Down
 * recall what was entered before at a prompt with the same lead. Enter adds
 * the line to the history. */
enum prompt_event prompt_key(struct prompt *p, unsigned key);
/* Appends s at the end of the line. */
void prompt_insert(struct prompt *p, const char *s);
/* The text typed, sanitized for the screen, into out (replacing it). */
void prompt_text(const struct prompt *p, struct strbuf *out);
/* The line to show (lead and sanitized text) into out (replacing it). */
void prompt_line(const struct prompt *p, struct strbuf *out);
/* Frees every prompt's history (at exit). */
void prompt_forget(void);

#endif
