/* cli: command-line options (see cli.h). */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "configfile.h"
#include "date.h"
#include "export.h"
#include "fileio.h"
#include "i18n.h"
#include "mark_cli.h"
#include "marks.h"
#include "strbuf.h"
#include "util.h"

enum {
	OPT_LIST = 256,
	OPT_DUMP,
	OPT_WIDTH,
	OPT_FETCH,
	OPT_SOURCE,
	OPT_DAYS,
	OPT_UNTIL,
	OPT_OFFLINE,
	OPT_REFETCH,
	OPT_SEARCH,
	OPT_EXPORT,
	OPT_FORMAT,
	OPT_MARK,
	OPT_CONFIG,
	OPT_CHECK_CONFIG,
	OPT_SYNC,
	OPT_HELP,
	OPT_VERSION,
	OPT_SETTING, /* OPT_SETTING + N: setting N of SETTING_TABLE */
};

/* The one list of options: getopt_long's table and --help come from it, with
 * the settings of SETTING_TABLE marked as options after it. */
static const struct cli_option {
	const char *name;
	int has_arg;
	int id;
	const char *arg;
	const char *help;
} options[] = {
	{ "list", no_argument, OPT_LIST, NULL,
	  N_("print one line per paper: DATE NUMBER ARXIV_ID MARKS TITLE (tab-separated)") },
	{ "dump", no_argument, OPT_DUMP, NULL,
	  N_("print the posts as the section view shows them") },
	{ "width", required_argument, OPT_WIDTH, "N",
	  N_("wrap --dump output to N columns (default: terminal width, else 80)") },
	{ "fetch", no_argument, OPT_FETCH, NULL,
	  N_("update the cache from the sources and exit (for cron)") },
	{ "source", required_argument, OPT_SOURCE, "SOURCE",
	  N_("read posts from SOURCE (TEMPLATE, URL, DIR or \"github OWNER/REPO [BRANCH] [PATH]\") "
	     "instead of the configured ones, or github hahngt/hahngt.github.io (repeatable)") },
	{ "until", required_argument, OPT_UNTIL, "YYYY-MM-DD",
	  N_("last day of the fetch window (default today)") },
	{ "offline", no_argument, OPT_OFFLINE, NULL, N_("never touch the network") },
	{ "refetch", no_argument, OPT_REFETCH, NULL,
	  N_("with --fetch: ask for every day of the window, days that had no post too") },
	{ "search", required_argument, OPT_SEARCH, "QUERY",
	  N_("print the papers matching QUERY in the --list format") },
	{ "export", required_argument, OPT_EXPORT, "all|starred|later",
	  N_("print every paper but the hidden ones, or the starred (or later) ones") },
	{ "format", required_argument, OPT_FORMAT, "markdown|bibtex|tsv",
	  N_("the --export format (default markdown)") },
	{ "mark", required_argument, OPT_MARK, MARK_CLI_OPS,
	  N_("mark the cached papers ARXIV_ID... as the reader does (one step, which u undoes); "
	     "an ID that is not a cached paper: nothing marked, exit 2") },
	{ "config", required_argument, OPT_CONFIG, "FILE",
	  N_("read this configuration file instead of the default (also -c)") },
	{ "check-config", no_argument, OPT_CHECK_CONFIG, NULL,
	  N_("validate the configuration and print the effective settings") },
	{ "sync", no_argument, OPT_SYNC, NULL,
	  N_("carry the marks and notes to and from the sync-git remote, and exit") },
	{ "help", no_argument, OPT_HELP, NULL, N_("show this help and exit") },
	{ "version", no_argument, OPT_VERSION, NULL,
	  N_("show the version and the linked libraries' versions") },
};
#define NOPTIONS (sizeof(options) / sizeof(options[0]))

void cli_help(FILE *out)
{
	/* TRANSLATORS: the words in capitals (OPTION, FILE, DIR, OP,
	 * ARXIV_ID) and the option names stay as they are: they name what is
	 * typed. */
	fprintf(out, "%s\n\n", _("Usage: digest-tui [OPTION]... [FILE|DIR]...\n"
				 "       digest-tui --mark OP ARXIV_ID...\n"
				 "A terminal reader for daily paper digests.\n"
				 "With no FILE, reads the cached digests, newest first (and "
				 "fetches new ones in\n"
				 "the background); the bundled sample digest only when the cache "
				 "is empty.\n"
				 "A DIR means every *.md in it."));
	for (size_t i = 0; i < NOPTIONS; i++) {
		char left[64];
		snprintf(left, sizeof(left), "--%s%s%s", options[i].name,
			 options[i].arg ? " " : "", options[i].arg ? options[i].arg : "");
		fprintf(out, "  %-30s %s\n", left, _(options[i].help));
	}
	fprintf(out, "\n%s\n", _("Settings of the configuration file, given as options (which win):"));
	struct strbuf left = STRBUF_INIT;
	for (int i = 0; i < CONFIG_SETTING_COUNT; i++) {
		const struct config_setting_info *s = config_setting_info((enum config_setting_id)i);
		if (!s->option)
			continue;
		strbuf_reset(&left);
		strbuf_addf(&left, "--%s ", s->name);
		config_setting_metavar((enum config_setting_id)i, &left);
		fprintf(out, "  %-30s ", left.buf);
		/* TRANSLATORS: a setting's summary, then its default value. */
		fprintf(out, _("%s (default %s)"), _(s->summary), s->def);
		fputc('\n', out);
	}
	strbuf_release(&left);
	fprintf(out, "\n%s\n", _("Exit status: 0 ok, 1 runtime failure, 2 usage error or bad input."));
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

void cli_free(struct cli *c)
{
	free(c->sources);
	c->sources = NULL;
	c->nsources = 0;
	free(c->settings);
	c->settings = NULL;
	c->nsettings = 0;
	free(c->start_dir);
	c->start_dir = NULL;
}

int cli_apply_settings(const struct cli *c, struct config *cfg, struct strbuf *err)
{
	for (int i = 0; i < c->nsettings; i++)
		if (config_set(cfg, c->settings[i].name, c->settings[i].value, err) < 0)
			return -1;
	return 0;
}

/* getopt_long's table: the options, then the settings that are options. */
static void make_longopts(struct option *longopts)
{
	size_t nlong = 0;
	for (size_t i = 0; i < NOPTIONS; i++)
		longopts[nlong++] = (struct option){ options[i].name, options[i].has_arg,
						     NULL, options[i].id };
	for (int i = 0; i < CONFIG_SETTING_COUNT; i++) {
		const struct config_setting_info *s = config_setting_info((enum config_setting_id)i);
		if (s->option)
			longopts[nlong++] = (struct option){ s->name, required_argument, NULL,
							     OPT_SETTING + i };
	}
	memset(&longopts[nlong], 0, sizeof(longopts[0]));
}

/* --SETTING VALUE: checked now, applied over the configuration later
 * (cli_apply_settings). Returns 0, or 2 with a message in err. */
static int take_setting(struct cli *c, int id, struct strbuf *err)
{
	const char *name = config_setting_info((enum config_setting_id)id)->name;
	strbuf_addf(err, "--%s: ", name);
	if (config_set(NULL, name, optarg, err) < 0)
		return 2;
	strbuf_reset(err);
	c->settings = xrealloc(c->settings, sizeof(*c->settings) * (size_t)(c->nsettings + 1));
	c->settings[c->nsettings++] = (struct cli_setting){ name, optarg };
	return 0;
}

/* One option getopt_long returned (its argument in optarg). Returns 0, or 2
 * with a message in err. */
static int take_option(struct cli *c, int opt, char **argv, struct strbuf *err)
{
	long v;
	switch (opt) {
	case OPT_LIST:
		c->mode = CLI_LIST;
		break;
	case OPT_DUMP:
		c->mode = CLI_DUMP;
		break;
	case OPT_WIDTH:
		if (parse_int(optarg, 1, 10000, &v) < 0) {
			strbuf_addf(err, _("--width wants a number from 1 to 10000, not '%s'"), optarg);
			return 2;
		}
		c->width = (int)v;
		break;
	case OPT_FETCH:
		c->mode = CLI_FETCH;
		break;
	case OPT_SOURCE:
		c->sources = xrealloc(c->sources, sizeof(*c->sources) * (size_t)(c->nsources + 1));
		c->sources[c->nsources++] = optarg;
		break;
	case OPT_UNTIL:
		if (date_parse(optarg, NULL) < 0) {
			strbuf_addf(err, _("--until wants a date as YYYY-MM-DD, not '%s'"), optarg);
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
		if (export_selection_parse(optarg, &c->export_marks) < 0) {
			strbuf_addf(err, _("--export wants all, starred or later, not '%s'"), optarg);
			return 2;
		}
		c->mode = CLI_EXPORT;
		break;
	case OPT_FORMAT: {
		enum export_format f;
		if (export_format_parse(optarg, &f) < 0) {
			strbuf_addf(err, _("--format wants markdown, bibtex or tsv, not '%s'"), optarg);
			return 2;
		}
		c->format = optarg;
		break;
	}
	case OPT_MARK:
		if (mark_cli_op(optarg, &c->mark_flag, &c->mark_on) < 0) {
			/* TRANSLATORS: the operations (star|unstar|...), then what was typed. */
			strbuf_addf(err, _("--mark wants %s, not '%s'"), MARK_CLI_OPS, optarg);
			return 2;
		}
		c->mode = CLI_MARK;
		break;
	case 'c':
	case OPT_CONFIG:
		c->config = optarg;
		break;
	case OPT_CHECK_CONFIG:
		c->mode = CLI_CHECK_CONFIG;
		break;
	case OPT_SYNC:
		c->mode = CLI_SYNC;
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
		strbuf_addf(err, _("option '%s' needs an argument"), argv[optind - 1]);
		return 2;
	default:
		if (opt >= OPT_SETTING && opt < OPT_SETTING + CONFIG_SETTING_COUNT)
			return take_setting(c, opt - OPT_SETTING, err);
		strbuf_addf(err, _("unknown option '%s'"), argv[optind - 1]);
		return 2;
	}
	return 0;
}

/* Options that only mean something together. Returns 0, or 2. */
static int check_together(const struct cli *c, struct strbuf *err)
{
	if (c->refetch && c->mode != CLI_FETCH) {
		strbuf_addstr(err, _("--refetch goes with --fetch"));
		return 2;
	}
	if (c->format && c->mode != CLI_EXPORT) {
		strbuf_addstr(err, _("--format goes with --export"));
		return 2;
	}
	if (c->mode == CLI_MARK && !c->npaths) {
		strbuf_addstr(err, _("--mark wants the arXiv IDs of the papers to mark"));
		return 2;
	}
	return 0;
}

int cli_parse(int argc, char **argv, struct cli *c, struct strbuf *err)
{
	struct option longopts[NOPTIONS + CONFIG_SETTING_COUNT + 1];
	make_longopts(longopts);
	memset(c, 0, sizeof(*c));
	c->mode = CLI_TUI;
	opterr = 0;
	optind = 1;
	int opt;
	while ((opt = getopt_long(argc, argv, ":hVc:", longopts, NULL)) != -1)
		if (take_option(c, opt, argv, err))
			return 2;
	c->paths = argv + optind;
	c->npaths = argc - optind;
	if (check_together(c, err))
		return 2;
	c->start_dir = fileio_current_dir();
	return 0;
}
