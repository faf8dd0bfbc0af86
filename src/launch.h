/* launch: opening a URL in a browser, copying it to the clipboard, and
 * running a program to its end with its output captured (sync's git),
 * without ever going through a shell. The browser is a configured command (split into
 * words with simple quoting; %u becomes the URL as one argument), else the
 * first program of $BROWSER (a colon-separated list) found in PATH, else
 * xdg-open. Only URLs passing url_is_safe() are opened. Yanking builds an
 * OSC 52 clipboard escape sequence for the terminal (the caller writes it), or
 * runs a configured command with the text on its standard input.
 * No curses: a terminal browser (LAUNCH_WAIT) needs the caller to endwin()
 * before and to refresh after. */
#ifndef DIGEST_LAUNCH_H
#define DIGEST_LAUNCH_H

#include <stddef.h>

#include "strbuf.h"

enum launch_mode {
	/* A graphical browser: a detached child in its own session (double
	 * fork, so no zombie is left), standard streams on /dev/null. Returns
	 * once the program has started (or failed to). */
	LAUNCH_DETACHED,
	/* A terminal browser (w3m, lynx): keeps the terminal and waits for it
	 * to exit, ignoring SIGINT and SIGQUIT meanwhile like system() does. */
	LAUNCH_WAIT,
};

/* Splits a command into words. Blanks separate words; '...' quotes
 * literally; "..." quotes with \" \\ \$ \` escapes; a backslash outside
 * quotes takes the next character literally. No expansion of any kind.
 * Returns a NULL-terminated vector (free with launch_argv_free) and its
 * length in *argc (may be NULL), or NULL with *why set to a static reason
 * (unterminated quote, empty command), in English: _(why) shows it. */
char **launch_split(const char *cmd, int *argc, const char **why);
void launch_argv_free(char **argv);

/* The full path of program as execvp would find it in $PATH (or itself when
 * it contains a slash and is executable): a new string, or NULL. */
char *launch_which(const char *program);

/* The argument vector that would open url: command (may be NULL or empty)
 * with each %u replaced by the URL (%% is a percent sign; without %u the URL
 * is the last argument), or the $BROWSER / xdg-open choice. Returns NULL
 * with a one-line message in err when the URL is refused or there is no
 * browser. */
char **launch_browser_argv(const char *command, const char *url,
			   struct strbuf *err);

/* Opens url. Returns 0 (started; for LAUNCH_WAIT: exited with status 0), or
 * -1 with a one-line message in err (refused URL, no browser, exec failure,
 * non-zero exit of a waited-for browser). */
int launch_browser(const char *command, const char *url, enum launch_mode mode,
		   struct strbuf *err);

/* Runs argv (argv[0] looked up in $PATH; no shell) in this terminal and
 * waits for it, as LAUNCH_WAIT runs a terminal browser: SIGINT and SIGQUIT
 * ignored meanwhile. For an editor. Returns 0 when it exited with status 0,
 * or -1 with one line in err (not found, exec failure, a non-zero status,
 * a signal). The caller hands the screen over (endwin) before and takes it
 * back after. */
int launch_wait(char **argv, struct strbuf *err);

/* Runs command (e.g. "wl-copy" or "xclip -selection clipboard") detached,
 * with data on its standard input. Returns 0 once it started, or -1 with a
 * message in err. */
int launch_yank_command(const char *command, const char *data, size_t len,
			struct strbuf *err);

/* A program run to its end with its output captured (sync runs git so). */
struct launch_run {
	char *const *argv;  /* argv[0] is looked up in $PATH; no shell */
	char *const *env;   /* "NAME=VALUE" entries put over the environment
			     * (NULL-terminated), or NULL */
	int timeout_ms;     /* then it is killed, with all it started; 0: none */
	int keep_fd;        /* a descriptor it inherits, or -1: a lock it holds
			     * as long as it (or what it starts) runs */
};

/* At most this much of a program's output is kept. */
#define LAUNCH_CAPTURE_MAX (1 << 20)

/* Runs r->argv in a session of its own (no controlling terminal: a program
 * that would ask for a password fails instead), standard input /dev/null,
 * standard output and error appended to out. Returns its exit status
 * (0-255), or -1 with one line in err when it could not be started (exec
 * failure reported through a pipe), was killed by a signal or outlived its
 * timeout. */
int launch_capture(const struct launch_run *r, struct strbuf *out, struct strbuf *err);

/* Appends to out the OSC 52 sequence that sets the clipboard to data:
 * ESC ] 52 ; c ; BASE64 BEL, or with tmux != 0 the same wrapped for tmux's
 * passthrough: ESC P tmux; ESC ESC ] 52 ; c ; BASE64 BEL ESC \ . */
void osc52_build(const void *data, size_t len, int tmux, struct strbuf *out);

/* Whether $TMUX is set (use the passthrough form). */
int osc52_in_tmux(void);

/* Standard base64 with padding, appended to out. */
void base64_encode(const void *data, size_t len, struct strbuf *out);

#endif
