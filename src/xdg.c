/* xdg: the program's XDG directories (see xdg.h). */
#include "config.h"

#include <stdlib.h>

#include "strbuf.h"
#include "xdg.h"

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
