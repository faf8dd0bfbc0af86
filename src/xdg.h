/* xdg: where the program keeps its files — its directory under an XDG base
 * directory, the one rule of the configuration, the cache and the state
 * (marks, the for-me model) — and what "~/" in a path a user writes stands
 * for. What goes inside the directories is the callers'. */
#ifndef DIGEST_XDG_H
#define DIGEST_XDG_H

#include "strbuf.h"

/* The program's directory under an XDG base directory: $XDG_VAR/digest-tui
 * when that variable holds an absolute path, else $HOME/HOME_SUB/digest-tui
 * when HOME does (e.g. "XDG_CACHE_HOME", ".cache"). Returns 0, or -1
 * (nothing added) when neither helps. $HOME only, never the password
 * database's home: a process without HOME (a bare cron job or service)
 * reads no default configuration file and writes no cache or marks, and is
 * told so, rather than using whatever home the database names. */
int xdg_dir(const char *xdg_var, const char *home_sub, struct strbuf *out);

/* Appends path to out with a leading "~/" (or a lone "~") standing for
 * $HOME, for every path a user writes: a configuration's directories and
 * sources, an export's file. Returns 0; or -1 when path starts so and HOME
 * is not an absolute path: then path is appended as it is, and err (when
 * not NULL) gets "PATH: cannot expand ~/: HOME is not set". */
int xdg_expand_home(const char *path, struct strbuf *out, struct strbuf *err);

#endif
