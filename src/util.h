/* util: allocation that cannot return NULL, and the program's message helpers.
 * Messages are one line, prefixed with the program name, on stderr. */
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

struct strbuf;

/* Reads a whole file, NUL-terminated (the NUL not counted in *len), with no
 * cap: for tests and tools. The program reads through fileio_read, with a
 * cap. Returns 0, or -1 with errno set. */
int read_file(const char *path, char **data, size_t *len);

/* Appends a file name to a message with its line breaks written as \n and
 * \r, so that a name cannot make a message of one line look like two (other
 * controls are left to the printing, which shows them as '?'). */
void add_path_escaped(struct strbuf *sb, const char *path);

/* The program's directory under an XDG base directory: $XDG_VAR/digest-tui
 * when that variable holds an absolute path, else $HOME/HOME_SUB/digest-tui
 * when HOME does (e.g. "XDG_CACHE_HOME", ".cache"). The one rule of the
 * cache and the marks. Returns 0, or -1 (nothing added) when neither helps. */
int xdg_dir(const char *xdg_var, const char *home_sub, struct strbuf *out);

/* The current directory as the user knows it: $PWD when it is absolute,
 * free of "." and "..", and names the current directory (as a shell's pwd
 * shows it, symbolic links kept), else getcwd(). A new string (free it), or
 * NULL when neither tells (the directory was removed). */
char *current_dir(void);

/* The names of the posts in a directory: every *.md not starting with a dot,
 * sorted (so by date, for dated names). Returns a vector of *n new strings
 * (free each and the vector), or NULL with errno set. */
char **list_posts(const char *dir, size_t *n);
void free_names(char **names, size_t n);

/* The deepest nesting of JSON arrays and objects in data, counting no further
 * once past limit (strings skipped): checked before a JSON parser recurses
 * into hostile input (the Hugging Face and GitHub readers). */
int util_json_depth(const char *data, size_t len, int limit);

#endif
