/* strbuf: the one growable byte buffer used across digest-tui.
 * Owns its heap memory; always NUL-terminated so buf can be handed to C string
 * functions. Allocation failure aborts (see util.h): callers never check. */
#ifndef DIGEST_STRBUF_H
#define DIGEST_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *buf;   /* never NULL after strbuf_init */
	size_t len;
	size_t cap;
};

#define STRBUF_INIT { strbuf_empty, 0, 0 }
extern char strbuf_empty[];

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
void strbuf_setlen(struct strbuf *sb, size_t len);
/* Hands the buffer to the caller (who frees it) and leaves sb empty. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
/* Appends a file name for a message, its line breaks written as \n and \r,
 * so that a name cannot make a message of one line look like two (other
 * controls are left to the printing, which shows them as '?'). */
void strbuf_addpath(struct strbuf *sb, const char *path);
/* Appends s[0..n) percent-decoded: each % and two hex digits as the byte
 * they name, anything else (a % without them too) as it is. */
void strbuf_add_percent_decoded(struct strbuf *sb, const char *s, size_t n);

#endif
