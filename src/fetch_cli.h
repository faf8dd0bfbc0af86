/* fetch_cli: `digest-tui --fetch` — updates the cache with no UI (for cron).
 *
 * Sources: the --source options (each [NAME=]TEMPLATE|URL|DIR, see source.h)
 * or else the configured ones (for now the public digest blog); the window:
 * --days N (default 14) ending with --until (default today), each source's
 * reaching back to its newest cached post (catch-up, see fetch.h).
 * Output: a progress bar on stderr when it is a terminal; one line per
 * problem on stderr (an unreachable host: one line, fetch_summary_offline);
 * one summary line per source on stdout, then the catch-up line when there
 * is one (fetch_summary_catchup):
 *   hahngt: 3 new, 0 updated, 10 unchanged, 1 missing (404), 0 failed
 *   caught up 4 days: 3 new digests (12-23 … 12-26)
 * Exit status: 0; 1 when an item failed, the cache cannot be written, or
 * another digest-tui is updating the cache (after waiting up to 2 s,
 * DIGEST_TUI_LOCK_WAIT_MS); 2 for a bad --source or --until, or --offline
 * (fetching needs the network). */
#ifndef DIGEST_FETCH_CLI_H
#define DIGEST_FETCH_CLI_H

#include "cli.h"
#include "configfile.h"
#include "fetch.h"
#include "source.h"
#include "strbuf.h"

/* The sources, window and transfer options a command line and the
 * configuration ask for (the command line wins; with neither, the public
 * digest blog over 14 days). Returns 0, or 2 with a one-line message in err. */
int fetch_cli_config(const struct cli *c, const struct config *cfg,
		     struct source_list *sources, struct source_window *w,
		     struct fetch_opts *o, struct strbuf *err);

/* Runs --fetch; returns the exit status. When fetched is not NULL, *fetched
 * is what the fetch did (fetch_summary_dup: free it with
 * fetch_summary_free) for the facts step that follows (facts_fetch.h), or
 * NULL when no fetch ran. */
int fetch_cli_run(const struct cli *c, const struct config *cfg,
		  struct fetch_summary **fetched);

#endif
