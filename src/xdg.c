/* xdg: the program's XDG directories and "~/" (see xdg.h). */
#include "config.h"

#include <stdlib.h>

#include "i18n.h"
#include "strbuf.h"
#include "xdg.h"

/* $HOME when it is an absolute path, else NULL. */
static const char *home_dir(void)
{
	const char *home = getenv("HOME");
	return home && home[0] == '/' ? home : NULL;
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
	const char *home = home_dir();
	if (!home)
		return -1;
	strbuf_addf(out, "%s/%s/digest-tui", home, home_sub);
	return 0;
}

int xdg_expand_home(const char *path, struct strbuf *out, struct strbuf *err)
{
	if (path[0] != '~' || (path[1] != '/' && path[1])) {
		strbuf_addstr(out, path);
		return 0;
	}
	const char *home = home_dir();
	if (!home) {
		strbuf_addstr(out, path);
		if (err) {
			strbuf_addpath(err, path);
			strbuf_addf(err, ": %s", _("cannot expand ~/: HOME is not set"));
		}
		return -1;
	}
	strbuf_addstr(out, home);
	strbuf_addstr(out, path + 1);
	return 0;
}
