/* util: checked allocation, one-line messages, the XDG directories. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include "fileio.h"
#include "strbuf.h"
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

int read_file(const char *path, char **data, size_t *len)
{
	return fileio_read(path, SIZE_MAX - 2, 0, data, len, NULL);
}

void add_path_escaped(struct strbuf *sb, const char *path)
{
	for (const char *s = path; *s; s++) {
		if (*s == '\n')
			strbuf_addstr(sb, "\\n");
		else if (*s == '\r')
			strbuf_addstr(sb, "\\r");
		else
			strbuf_addch(sb, *s);
	}
}

int xdg_dir(const char *xdg_var, const char *home_sub, struct strbuf *out)
{
	const char *xdg = getenv(xdg_var);
	if (xdg && xdg[0] == '/') {
		strbuf_addf(out, "%s/digest-tui", xdg);
		return 0;
	}
	/* Only $HOME: a process without it (a bare cron or service) is told
	 * so, by the cache and the marks alike, rather than writing into
	 * whatever home the password database names. */
	const char *home = getenv("HOME");
	if (!home || home[0] != '/')
		return -1;
	strbuf_addf(out, "%s/%s/digest-tui", home, home_sub);
	return 0;
}

/* Whether an absolute path has a "." or ".." component (POSIX pwd -L does
 * not trust such a $PWD). */
static int has_dot_component(const char *p)
{
	for (const char *s = p; (s = strchr(s, '/')); s++)
		if (s[1] == '.' && (s[2] == '/' || !s[2] ||
				    (s[2] == '.' && (s[3] == '/' || !s[3]))))
			return 1;
	return 0;
}

char *current_dir(void)
{
	const char *pwd = getenv("PWD");
	struct stat a, b;
	if (pwd && pwd[0] == '/' && !has_dot_component(pwd) && stat(pwd, &a) == 0 &&
	    stat(".", &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
		return xstrdup(pwd);
	for (size_t size = 256; size <= ((size_t)1 << 20); size *= 2) {
		char *buf = xmalloc(size);
		if (getcwd(buf, size))
			return buf;
		free(buf);
		if (errno != ERANGE)
			break;
	}
	return NULL;
}

static int cmp_names(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

char **list_posts(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	*n = 0;
	if (!d)
		return NULL;
	char **names = xmalloc(sizeof(*names));
	size_t cap = 1;
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 4 || strcmp(de->d_name + len - 3, ".md"))
			continue;
		ALLOC_GROW(names, *n, cap);
		names[(*n)++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, *n, sizeof(*names), cmp_names);
	return names;
}

void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int util_json_depth(const char *data, size_t len, int limit)
{
	int depth = 0, max = 0, in_string = 0;
	for (size_t i = 0; i < len; i++) {
		char c = data[i];
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = 0;
		} else if (c == '"') {
			in_string = 1;
		} else if (c == '[' || c == '{') {
			if (++depth > max && (max = depth) > limit)
				break;
		} else if (c == ']' || c == '}') {
			depth--;
		}
	}
	return max;
}
