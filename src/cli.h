/* cli: the command line — one table of options feeds getopt_long, --help and
 * the man-page check; cli_parse fills a struct cli and reports usage errors. */
#ifndef DIGEST_CLI_H
#define DIGEST_CLI_H

#include <stdio.h>

struct config;

enum cli_mode {
	CLI_TUI,     /* the full-screen reader (default) */
	CLI_LIST,
	CLI_DUMP,
	CLI_FETCH,   /* update the cache, no UI (for cron) */
	CLI_SEARCH,  /* --search QUERY: matching papers in the --list format */
	CLI_EXPORT,  /* --export all|starred|later */
	CLI_MARK,    /* --mark OP ARXIV_ID...: change marks from the shell */
	CLI_CHECK_CONFIG,
	CLI_SYNC,    /* --sync: carry marks and notes (sync.h) */
	CLI_HELP,
	CLI_VERSION,
};

struct cli {
	enum cli_mode mode;
	int width;                 /* --width, 0 when not given */
	/* --NAME VALUE for the settings whose SETTING_TABLE row has OPTION 1
	 * (--days, --line-break, ...), in order; checked, applied by
	 * cli_apply_settings. The strings point into argv. */
	struct cli_setting {
		const char *name;
		const char *value;
	} *settings;
	int nsettings;
	char **paths;              /* FILE|DIR arguments (points into argv) */
	int npaths;
	const char **sources;      /* --source TEMPLATE|URL|DIR, in order */
	int nsources;
	const char *until;         /* --until YYYY-MM-DD, NULL for today */
	int offline;               /* --offline: never touch the network */
	int refetch;               /* --refetch: ask for every day (--fetch) */
	const char *query;         /* --search */
	unsigned export_marks;     /* --export: MARK_STAR, MARK_LATER, or 0 for all */
	const char *format;        /* --format, NULL for markdown */
	unsigned mark_flag;        /* --mark: the mark (enum mark_flag) ... */
	int mark_on;               /* ... set or cleared; the IDs are paths */
	const char *config;        /* -c FILE */
	/* The directory the program was started in (fileio_current_dir()), or
	 * NULL when unknown: the reader's :export writes a relative FILE there. */
	char *start_dir;
};

void cli_free(struct cli *c);

/* Returns 0, or 2 with a one-line message in err for a usage error. */
struct strbuf;
int cli_parse(int argc, char **argv, struct cli *c, struct strbuf *err);
void cli_help(FILE *out);
/* Puts the settings given as options over those of the configuration file.
 * Returns 0, or -1 with a one-line message in err (not when cli_parse
 * accepted them). */
int cli_apply_settings(const struct cli *c, struct config *cfg, struct strbuf *err);

#endif
