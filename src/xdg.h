/* xdg: where the program keeps its files — its directory under an XDG base
 * directory, the one rule of the cache and the state (marks, the for-me
 * model). What goes inside is the callers'. */
#ifndef DIGEST_XDG_H
#define DIGEST_XDG_H

#include "strbuf.h"

/* The program's directory under an XDG base directory: $XDG_VAR/digest-tui
 * when that variable holds an absolute path, else $HOME/HOME_SUB/digest-tui
 * when HOME does (e.g. "XDG_CACHE_HOME", ".cache"). Returns 0, or -1
 * (nothing added) when neither helps. */
int xdg_dir(const char *xdg_var, const char *home_sub, struct strbuf *out);

#endif
