/* cli: the command line — one table of options feeds getopt_long, --help and
 * the man-page check; cli_parse fills a struct cli and reports usage errors. */
#ifndef DIGEST_CLI_H
#define DIGEST_CLI_H

#include <stdio.h>

#include "layout.h"

enum cli_mode {
	CLI_TUI,     /* the full-screen reader (default) */
	CLI_LIST,
	CLI_DUMP,
	CLI_FETCH,   /* update the cache, no UI (for cron) */
	CLI_SEARCH,  /* --search QUERY: matching papers in the --list format */
	CLI_EXPORT,  /* --export starred|later */
	CLI_CHECK_CONFIG,
	CLI_HELP,
	CLI_VERSION,
};

struct cli {
	enum cli_mode mode;
	int width;                 /* --width, 0 when not given */
	int ambiguous_width;       /* 1 or 2; 0 when not given */
	enum layout_break line_break;
	int line_break_given;
	char **paths;              /* FILE|DIR arguments (points into argv) */
	int npaths;
	const char **sources;      /* --source TEMPLATE|URL|DIR, in order */
	int nsources;
	int days;                  /* --days, 0 when not given */
	const char *until;         /* --until YYYY-MM-DD, NULL for today */
	int offline;               /* --offline: never touch the network */
	int refetch;               /* --refetch: ask for every day (--fetch) */
	const char *query;         /* --search */
	unsigned export_marks;     /* --export: MARK_STAR or MARK_LATER */
	const char *format;        /* --format, NULL for markdown */
	const char *config;        /* -c FILE */
};

void cli_free(struct cli *c);

/* Returns 0, or 2 with a one-line message in err for a usage error. */
struct strbuf;
int cli_parse(int argc, char **argv, struct cli *c, struct strbuf *err);
void cli_help(FILE *out);

#endif
