/* util: checked allocation and one-line messages (see util.h). */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "util.h"

void (*util_before_die)(void);

static _Noreturn void out_of_memory(size_t n)
{
	if (util_before_die)
		util_before_die();
	fprintf(stderr, "digest-tui: out of memory (%zu bytes)\n", n);
	exit(1);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory(n);
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Writes s as one line of text for a terminal: a message names files and
 * quotes text from outside (a directory's file names, a cache's, a server's
 * answer), so unsafe characters (utf8_unsafe; tab aside) and invalid UTF-8
 * are written as '?'. */
static void put_safe(const char *s, size_t len, FILE *out)
{
	size_t i = 0;
	while (i < len) {
		uint32_t c;
		size_t n = utf8_decode(s + i, len - i, &c);
		if (c == UTF8_INVALID || (c != '\t' && utf8_unsafe(c)))
			fputc('?', out);
		else
			fwrite(s + i, 1, n, out);
		i += n;
	}
}

static void vmessage(const char *fmt, va_list ap)
{
	char small[512], *buf = small;
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(small, sizeof(small), fmt, aq);
	va_end(aq);
	if (n >= (int)sizeof(small) && (buf = malloc((size_t)n + 1)))
		vsnprintf(buf, (size_t)n + 1, fmt, ap);
	else if (n >= (int)sizeof(small))
		buf = small; /* out of memory: the message cut short */
	fputs("digest-tui: ", stderr);
	if (n > 0)
		put_safe(buf, strlen(buf), stderr);
	fputc('\n', stderr);
	if (buf != small)
		free(buf);
}

void error_msg(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
}

void die(int status, const char *fmt, ...)
{
	va_list ap;
	if (util_before_die)
		util_before_die();
	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	exit(status);
}
