/* util: allocation that cannot return NULL, and the program's message helpers.
 * Messages are one line, prefixed with the program name, on stderr, with
 * unsafe characters (utf8.h) shown as '?'. The bottom of the program: it
 * calls no module but utf8.c; strbuf.c and everything else stand on it. */
#ifndef DIGEST_UTIL_H
#define DIGEST_UTIL_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grows an array pointer p holding *cap elements so that index n fits. */
#define ALLOC_GROW(p, n, cap)                                                  \
	do {                                                                   \
		if ((size_t)(n) >= (cap)) {                                    \
			(cap) = (cap) ? (cap) * 2 : 8;                         \
			if ((cap) <= (size_t)(n))                              \
				(cap) = (size_t)(n) + 1;                       \
			(p) = xrealloc((p), (cap) * sizeof(*(p)));             \
		}                                                              \
	} while (0)

/* Hook run before a fatal message is printed (the UI restores the terminal). */
extern void (*util_before_die)(void);

void error_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
