/* cli: command-line options (see cli.h). */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "export.h"
#include "marks.h"
#include "strbuf.h"
#include "util.h"

enum {
	OPT_LIST = 256,
	OPT_DUMP,
	OPT_WIDTH,
	OPT_AMBIGUOUS,
	OPT_LINE_BREAK,
	OPT_FETCH,
	OPT_SOURCE,
	OPT_DAYS,
	OPT_UNTIL,
	OPT_OFFLINE,
	OPT_REFETCH,
	OPT_SEARCH,
	OPT_EXPORT,
	OPT_FORMAT,
	OPT_CONFIG,
	OPT_CHECK_CONFIG,
	OPT_HELP,
	OPT_VERSION,
};

/* The one list of options: getopt_long's table and --help come from it. */
static const struct cli_option {
	const char *name;
	int has_arg;
	int id;
	const char *arg;
	const char *help;
} options[] = {
	{ "list", no_argument, OPT_LIST, NULL,
	  "print one line per paper: DATE NUMBER ARXIV_ID MARKS TITLE (tab-separated)" },
	{ "dump", no_argument, OPT_DUMP, NULL,
	  "print the posts as the section view shows them" },
	{ "width", required_argument, OPT_WIDTH, "N",
	  "wrap --dump output to N columns (default: terminal width, else 80)" },
	{ "ambiguous-width", required_argument, OPT_AMBIGUOUS, "1|2",
	  "columns of East-Asian ambiguous characters (default 1)" },
	{ "line-break", required_argument, OPT_LINE_BREAK, "keep-all|normal",
	  "Korean line breaking: at spaces only (keep-all, default) or UAX #14" },
	{ "fetch", no_argument, OPT_FETCH, NULL,
	  "update the cache from the sources and exit (for cron)" },
	{ "source", required_argument, OPT_SOURCE, "TEMPLATE|URL|DIR",
	  "read posts from this source instead of the configured ones (repeatable)" },
	{ "days", required_argument, OPT_DAYS, "N",
	  "fetch the last N days (default 14)" },
	{ "until", required_argument, OPT_UNTIL, "YYYY-MM-DD",
	  "last day of the fetch window (default today)" },
	{ "offline", no_argument, OPT_OFFLINE, NULL, "never touch the network" },
	{ "refetch", no_argument, OPT_REFETCH, NULL,
	  "with --fetch: ask for every day of the window, days that had no post too" },
	{ "search", required_argument, OPT_SEARCH, "QUERY",
	  "print the papers matching QUERY in the --list format" },
	{ "export", required_argument, OPT_EXPORT, "starred|later",
	  "print the starred (or later) papers" },
	{ "format", required_argument, OPT_FORMAT, "markdown|bibtex|tsv",
	  "the --export format (default markdown)" },
	{ "config", required_argument, OPT_CONFIG, "FILE",
	  "read this configuration file instead of the default (also -c)" },
	{ "check-config", no_argument, OPT_CHECK_CONFIG, NULL,
	  "validate the configuration and print the effective settings" },
	{ "help", no_argument, OPT_HELP, NULL, "show this help and exit" },
	{ "version", no_argument, OPT_VERSION, NULL,
	  "show the version and the linked libraries' versions" },
};
#define NOPTIONS (sizeof(options) / sizeof(options[0]))

void cli_help(FILE *out)
{
	fprintf(out,
		"Usage: digest-tui [OPTION]... [FILE|DIR]...\n"
		"A terminal reader for daily paper digests.\n"
		"With no FILE, shows the bundled sample digest. A DIR means every *.md in it.\n\n");
	for (size_t i = 0; i < NOPTIONS; i++) {
		char left[64];
		snprintf(left, sizeof(left), "--%s%s%s", options[i].name,
			 options[i].arg ? " " : "", options[i].arg ? options[i].arg : "");
		fprintf(out, "  %-28s %s\n", left, options[i].help);
	}
	fprintf(out, "\nExit status: 0 ok, 1 runtime failure, 2 usage error or bad input.\n");
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* A real calendar day as YYYY-MM-DD. */
static int valid_day(const char *s)
{
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	const char *end = strptime(s, "%Y-%m-%d", &tm);
	if (!end || *end || strlen(s) != 10)
		return 0;
	struct tm check = tm;
	check.tm_isdst = -1;
	if (timegm(&check) == (time_t)-1)
		return 0;
	return check.tm_mday == tm.tm_mday && check.tm_mon == tm.tm_mon;
}

void cli_free(struct cli *c)
{
	free(c->sources);
	c->sources = NULL;
	c->nsources = 0;
}

int cli_parse(int argc, char **argv, struct cli *c, struct strbuf *err)
{
	struct option longopts[NOPTIONS + 1];
	for (size_t i = 0; i < NOPTIONS; i++)
		longopts[i] = (struct option){ options[i].name, options[i].has_arg,
					       NULL, options[i].id };
	memset(&longopts[NOPTIONS], 0, sizeof(longopts[0]));

	memset(c, 0, sizeof(*c));
	c->mode = CLI_TUI;
	c->line_break = LAYOUT_BREAK_KEEP_ALL;
	opterr = 0;
	optind = 1;
	int opt;
	long v;
	while ((opt = getopt_long(argc, argv, ":hVc:", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_LIST:
			c->mode = CLI_LIST;
			break;
		case OPT_DUMP:
			c->mode = CLI_DUMP;
			break;
		case OPT_WIDTH:
			if (parse_int(optarg, 1, 10000, &v) < 0) {
				strbuf_addf(err, "--width wants a number from 1 to 10000, not '%s'", optarg);
				return 2;
			}
			c->width = (int)v;
			break;
		case OPT_AMBIGUOUS:
			if (parse_int(optarg, 1, 2, &v) < 0) {
				strbuf_addf(err, "--ambiguous-width wants 1 or 2, not '%s'", optarg);
				return 2;
			}
			c->ambiguous_width = (int)v;
			break;
		case OPT_LINE_BREAK:
			c->line_break_given = 1;
			if (!strcmp(optarg, "keep-all")) {
				c->line_break = LAYOUT_BREAK_KEEP_ALL;
			} else if (!strcmp(optarg, "normal")) {
				c->line_break = LAYOUT_BREAK_NORMAL;
			} else {
				strbuf_addf(err, "--line-break wants keep-all or normal, not '%s'", optarg);
				return 2;
			}
			break;
		case OPT_FETCH:
			c->mode = CLI_FETCH;
			break;
		case OPT_SOURCE:
			c->sources = xrealloc(c->sources, sizeof(*c->sources) * (size_t)(c->nsources + 1));
			c->sources[c->nsources++] = optarg;
			break;
		case OPT_DAYS:
			if (parse_int(optarg, 1, 3660, &v) < 0) {
				strbuf_addf(err, "--days wants a number from 1 to 3660, not '%s'", optarg);
				return 2;
			}
			c->days = (int)v;
			break;
		case OPT_UNTIL:
			if (!valid_day(optarg)) {
				strbuf_addf(err, "--until wants a date as YYYY-MM-DD, not '%s'", optarg);
				return 2;
			}
			c->until = optarg;
			break;
		case OPT_OFFLINE:
			c->offline = 1;
			break;
		case OPT_REFETCH:
			c->refetch = 1;
			break;
		case OPT_SEARCH:
			c->mode = CLI_SEARCH;
			c->query = optarg;
			break;
		case OPT_EXPORT:
			if (!strcmp(optarg, "starred")) {
				c->export_marks = MARK_STAR;
			} else if (!strcmp(optarg, "later")) {
				c->export_marks = MARK_LATER;
			} else {
				strbuf_addf(err, "--export wants starred or later, not '%s'", optarg);
				return 2;
			}
			c->mode = CLI_EXPORT;
			break;
		case OPT_FORMAT: {
			enum export_format f;
			if (export_format_parse(optarg, &f) < 0) {
				strbuf_addf(err, "--format wants markdown, bibtex or tsv, not '%s'", optarg);
				return 2;
			}
			c->format = optarg;
			break;
		}
		case 'c':
		case OPT_CONFIG:
			c->config = optarg;
			break;
		case OPT_CHECK_CONFIG:
			c->mode = CLI_CHECK_CONFIG;
			break;
		case 'h':
		case OPT_HELP:
			c->mode = CLI_HELP;
			break;
		case 'V':
		case OPT_VERSION:
			c->mode = CLI_VERSION;
			break;
		case ':':
			strbuf_addf(err, "option '%s' needs an argument", argv[optind - 1]);
			return 2;
		default:
			strbuf_addf(err, "unknown option '%s'", argv[optind - 1]);
			return 2;
		}
	}
	if (c->refetch && c->mode != CLI_FETCH) {
		strbuf_addstr(err, "--refetch goes with --fetch");
		return 2;
	}
	if (c->format && c->mode != CLI_EXPORT) {
		strbuf_addstr(err, "--format goes with --export");
		return 2;
	}
	c->paths = argv + optind;
	c->npaths = argc - optind;
	return 0;
}
