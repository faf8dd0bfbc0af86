/* config_lex: the words of a configuration line and the way back — a line
 * split into words (blanks between them, "double quotes" taking \" and \\,
 * 'single quotes' literal, a # outside quotes ending the line), a word
 * written in that syntax (quoted when it has to be), and text quoted safely
 * for a message. What the words mean is not its business: the loader
 * (configfile.c) and the printer (config_print.c) have that.
 *
 * Internal to the configuration: configfile.h is the public header. */
#ifndef DIGEST_CONFIG_LEX_H
#define DIGEST_CONFIG_LEX_H

#include <stddef.h>

#include "strbuf.h"

struct config_lex_word {
	char *s;       /* NUL-terminated, unquoted (points into the line's text) */
	size_t start;  /* byte offset in the line */
	size_t end;    /* byte offset just past it (quotes included) */
};

/* A line's words. Reused line after line: init once, split each line, free
 * once. The words' strings are valid until the next split. */
struct config_lex_line {
	struct config_lex_word *v;
	size_t n, cap;
	struct strbuf text; /* the words' bytes, NUL-separated */
	size_t *offs;       /* offsets into text until the split is done */
	size_t offs_cap;
};

void config_lex_init(struct config_lex_line *w);
void config_lex_free(struct config_lex_line *w);

/* Splits s[0..n) into w's words: blanks (space, tab) separate them, "..."
 * takes \" and \\, '...' is literal, pieces join ("a"'b'c is one word abc),
 * and a # outside quotes ends the line. Returns 0, or -1 (no words) with
 * *bad at the byte offset of a quote that is never closed. */
int config_lex_split(const char *s, size_t n, struct config_lex_line *w, size_t *bad);

/* Appends s as one word of the file's syntax, in double quotes when it is
 * empty or holds a blank, #, a quote, a backslash or a control character:
 * config_lex_split reads it back as s. */
void config_lex_add_word(struct strbuf *out, const char *s);

/* Appends s[0..n) for a message: characters unsafe to show as <U+XXXX>,
 * invalid bytes as \xXX, cut with "..." after 200 characters. */
void config_lex_add_safe(struct strbuf *out, const char *s, size_t n);

/* Appends 'S' for a message (config_lex_add_safe between single quotes). */
void config_lex_add_found(struct strbuf *out, const char *s);

#endif
