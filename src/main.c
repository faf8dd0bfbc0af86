/* main: digest-tui's entry point — reads the command line, loads the posts
 * (named files, else the cache, else the bundled sample) and runs the chosen
 * mode: --list, --dump, --search, --export, --fetch, or the reader. */
#include "config.h"

#include <curl/curl.h>
#include <cmark.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <unistring/version.h>

#include "archive.h"
#include "cache.h"
#include "cli.h"
#include "configfile.h"
#include "export.h"
#include "facts.h"
#include "facts_fetch.h"
#include "facts_report.h"
#include "facts_render.h"
#include "fetch_cli.h"
#include "i18n.h"
#include "index.h"
#include "layout.h"
#include "mark_cli.h"
#include "marks.h"
#include "notes.h"
#include "rank_cli.h"
#include "render.h"
#include "search.h"
#include "strbuf.h"
#include "sync.h"
#include "tui.h"
#include "util.h"

static void print_version(void)
{
	curl_version_info_data *curl = curl_version_info(CURLVERSION_NOW);
	printf("digest-tui %s\n", PACKAGE_VERSION);
	printf("ncursesw %s, cmark %s, libcurl %s, libunistring %d.%d\n",
	       NCURSESW_VERSION, cmark_version_string(), curl->version,
	       _libunistring_version >> 8, _libunistring_version & 0xff);
}

/* The facts of p from the store at facts_dir (NULL: none), into r. */
static void add_facts(const char *facts_dir, const struct paper *p,
		      const struct layout_opts *o, struct rendered_paper *r,
		      struct strbuf *err)
{
	struct paper_facts f;
	if (!facts_dir || !p->arxiv_id)
		return;
	if (facts_store_load(facts_dir, p->arxiv_id, &f, err) == 0) {
		facts_render_into(&f, o, 1, r);
		paper_facts_free(&f);
	} else if (err->len && err->buf[err->len - 1] != '\n') {
		strbuf_addch(err, '\n');
	}
}

static void dump_digest(const struct digest *d, const struct layout_opts *o,
			const char *facts_dir, struct strbuf *out, struct strbuf *err)
{
	struct layout_lines lines;
	layout_lines_init(&lines);
	render_digest_header(d, o, &lines);
	for (size_t i = 0; i < lines.n; i++)
		render_line_plain(&lines.v[i], out);
	layout_lines_free(&lines);
	for (size_t i = 0; i < d->npapers; i++) {
		struct rendered_paper r;
		render_paper(&d->papers[i], o, &r);
		add_facts(facts_dir, &d->papers[i], o, &r, err);
		strbuf_addch(out, '\n');
		for (size_t j = 0; j < r.lines.n; j++)
			render_line_plain(&r.lines.v[j], out);
		rendered_paper_free(&r);
	}
}

static int terminal_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Each collected problem is one line of its own on stderr. */
static void report_lines(struct strbuf *errors)
{
	char *save = NULL;
	for (char *line = strtok_r(errors->buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		error_msg("%s", line);
	strbuf_reset(errors);
}

/* Writes out and empties it; a failed write (a closed pipe) returns -1. */
static int flush_out(struct strbuf *out)
{
	if (out->len && fwrite(out->buf, 1, out->len, stdout) != out->len)
		return -1;
	strbuf_reset(out);
	return 0;
}

/* --sync: the outcome on stdout, warnings and the error on stderr. */
static int sync_cli_run(const struct config *cfg)
{
	struct strbuf out = STRBUF_INIT, warn = STRBUF_INIT, err = STRBUF_INIT;
	int status = sync_run(cfg, NULL, NULL, &out, &warn, &err);
	report_lines(&warn);
	if (err.len) {
		strbuf_addch(&err, '\n');
		report_lines(&err);
	}
	if (flush_out(&out) < 0 || fflush(stdout) == EOF)
		status = status ? status : 1;
	strbuf_release(&out);
	strbuf_release(&warn);
	strbuf_release(&err);
	return status;
}

/* -c FILE must exist; the default file is optional. Returns the number of
 * errors (each a line in err). */
static int load_config(const struct cli *cli, struct config *cfg, struct strbuf *err)
{
	if (cli->config)
		return config_load_file(cfg, cli->config, err);
	char *path = config_default_path();
	int n = path ? config_load_optional(cfg, path, err) : 0;
	free(path);
	return n;
}

/* The posts to read: the FILE|DIR arguments, else the cache, else the
 * bundled sample (with *note saying so). Returns how many files failed. */
static int load_archive(const struct cli *cli, const struct config *cfg, struct archive *a,
			const char **note, struct strbuf *err)
{
	int failed = 0;
	*note = NULL;
	for (int i = 0; i < cli->npaths; i++)
		failed += cli->mode == CLI_TUI ? archive_list_path(a, cli->paths[i], err)
					       : archive_load_path(a, cli->paths[i], err);
	if (!cli->npaths) {
		/* The reader parses the cache lazily, newest first; the printing
		 * modes need all of it now. */
		if (cli->mode == CLI_TUI)
			cache_list_archive(a, err);
		else if (cli->mode == CLI_DUMP)
			cache_load_archive(a, err);
		else /* --list, --search, --export: what the index holds (and
		      * the papers' text, which for-me reads) */
			index_load_cache(a, cli->mode == CLI_SEARCH ? index_want_search(cli->query)
					    : cli->mode == CLI_LIST && cfg->sort == CONFIG_SORT_FOR_ME
						    ? INDEX_SEARCH : INDEX_LIST, err);
		if (!a->n) {
			archive_load_sample(a);
			*note = cli->offline ? _("offline - showing the bundled sample")
					     : _("no cached digests yet - showing the bundled sample");
		}
	}
	archive_sort(a);
	/* One post, one digest. The cache's listing and the index (whose
	 * search text must stay aligned with the digests) drop their own. */
	if (cli->npaths || cli->mode == CLI_DUMP)
		archive_drop_duplicates(a, NULL);
	return failed;
}

/* --list, --dump, --search and --export: text on stdout. */
static int print_mode(const struct cli *cli, const struct config *cfg,
		      const struct archive *a, struct marks *marks,
		      const struct layout_opts *lo, struct strbuf *err)
{
	struct strbuf out = STRBUF_INIT, dir = STRBUF_INIT, nodir = STRBUF_INIT;
	int status = 0;
	/* The paper facts --fetch learned, when there is a cache to hold them. */
	const char *facts_dir = facts_store_dir(NULL, &dir, &nodir) == 0 ? dir.buf : NULL;
	/* The notes, when they have a place (read as each mode asks). */
	struct notes *notes = cli->mode == CLI_DUMP ? NULL : notes_open(cfg, &nodir);
	if (cli->mode == CLI_SEARCH) {
		struct facts_lookup facts;
		struct search_results r;
		struct search_extra x;
		facts_lookup_init(&facts, NULL, err);
		search_results_init(&r);
		search_extra_init(&x);
		notes_search_extra(notes, a, &x);
		if (search_archive(a, cli->query, facts_lookup_get, &facts, &x, &r, err) < 0) {
			status = 2;
		} else {
			/* --list's lines; as grep: no match is status 1. */
			for (size_t i = 0; i < r.n; i++) {
				const struct digest *d = &a->v[r.v[i].digest];
				export_list_line(d, &d->papers[r.v[i].paper], marks, notes, &out);
			}
			status = r.n ? 0 : 1;
		}
		search_extra_free(&x);
		search_results_free(&r);
		facts_lookup_free(&facts);
	} else if (cli->mode == CLI_EXPORT) {
		enum export_format f = EXPORT_MARKDOWN;
		if (cli->format)
			export_format_parse(cli->format, &f);
		struct facts_lookup facts;
		facts_lookup_init(&facts, NULL, err);
		export_make_notes(a, marks, notes, cli->export_marks, f, facts_lookup_get, &facts,
				  &out);
		facts_lookup_free(&facts);
	} else if (cli->mode == CLI_LIST && cfg->sort != CONFIG_SORT_NUMBER) {
		status = rank_cli_list(a, marks, notes, cfg->sort, &out, err);
	} else {
		for (size_t i = 0; i < a->n && status == 0; i++) {
			const struct digest *d = &a->v[i];
			if (cli->mode == CLI_LIST) {
				for (size_t j = 0; j < d->npapers; j++)
					if (!archive_paper_repeats(a, i, j))
						export_list_line(d, &d->papers[j], marks, notes,
								 &out);
			} else {
				if (i)
					strbuf_addch(&out, '\n');
				dump_digest(d, lo, facts_dir, &out, err);
			}
			if (out.len > 65536 && flush_out(&out) < 0)
				status = 1;
		}
	}
	if (flush_out(&out) < 0 || fflush(stdout) == EOF)
		status = status ? status : 1;
	strbuf_addstr(err, notes_errors(notes));
	notes_free(notes);
	strbuf_release(&out);
	strbuf_release(&dir);
	strbuf_release(&nodir);
	return status;
}

/* The modes that read posts: the reader, and --list, --dump, --search and
 * --export. Returns the exit status. */
static int posts_mode(const struct cli *cli, const struct config *cfg, struct strbuf *err)
{
	struct archive archive;
	archive_init(&archive);
	const char *note;
	int failed = load_archive(cli, cfg, &archive, &note, err);
	report_lines(err);

	/* Command-line options won over the configuration above. */
	struct layout_opts lo;
	layout_opts_init(&lo);
	lo.width = cli->width ? cli->width : terminal_width();
	lo.ambiguous_width = cfg->ambiguous_width;
	lo.line_break = cfg->line_break;

	/* Only the reader changes marks; the printing modes read them. */
	struct marks *marks = sync_marks_open(cfg, cli->mode == CLI_TUI ? 0 : MARKS_READONLY, err);
	report_lines(err);
	int status;
	if (cli->mode == CLI_TUI)
		status = tui_run(&archive, marks, cfg, cli, &lo, note);
	else
		status = print_mode(cli, cfg, &archive, marks, &lo, err);
	report_lines(err);
	marks_close(marks);
	failed += archive.failed_files; /* found when parsed lazily */
	archive_free(&archive);
	return !status && failed ? 2 : status;
}

int main(int argc, char **argv)
{
	struct cli cli;
	struct strbuf err = STRBUF_INIT;
	setlocale(LC_ALL, "");
	i18n_init();
	if (cli_parse(argc, argv, &cli, &err)) {
		error_msg("%s", err.buf);
		fprintf(stderr, "%s\n", _("Try 'digest-tui --help' for more information."));
		strbuf_release(&err);
		cli_free(&cli);
		return 2;
	}
	if (cli.mode == CLI_HELP || cli.mode == CLI_VERSION) {
		if (cli.mode == CLI_HELP)
			cli_help(stdout);
		else
			print_version();
		cli_free(&cli);
		return fflush(stdout) == EOF ? 1 : 0;
	}

	/* A configuration with any error stops here: no half-read settings. */
	struct config cfg;
	config_init_defaults(&cfg);
	if (load_config(&cli, &cfg, &err) || cli_apply_settings(&cli, &cfg, &err) < 0) {
		report_lines(&err);
		strbuf_release(&err);
		config_free(&cfg);
		cli_free(&cli);
		return 2;
	}
	/* From here on in the configured language (--help, usage errors and
	 * the configuration's own errors came in the locale's). */
	i18n_set_language(cfg.language);
	/* The reader needs a terminal on both ends; scripts want the other modes. */
	if (cli.mode == CLI_TUI && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		error_msg("%s", _("not a terminal: the reader needs one (use --list, --dump or "
				  "--fetch)"));
		config_free(&cfg);
		cli_free(&cli);
		return 2;
	}
	int status = 0;
	switch (cli.mode) {
	case CLI_CHECK_CONFIG: {
		struct strbuf out = STRBUF_INIT;
		config_print(&cfg, &out);
		status = flush_out(&out) < 0 || fflush(stdout) == EOF;
		strbuf_release(&out);
		if (sync_check_config(&cfg, &err) < 0) {
			report_lines(&err);
			status = 2;
		}
		break;
	}
	case CLI_MARK:
		status = mark_cli_run(&cfg, cli.mark_flag, cli.mark_on, cli.paths, cli.npaths, &err);
		report_lines(&err);
		break;
	case CLI_SYNC:
		status = sync_cli_run(&cfg);
		break;
	case CLI_FETCH: {
		struct fetch_summary *fetched;
		status = fetch_cli_run(&cli, &cfg, &fetched);
		/* Then the facts of the papers of the posts it fetched (a usage
		 * error stops before). */
		if (status != 2 && facts_fetch_enabled(&cfg) &&
		    facts_fetch_cli_run(&cli, &cfg, fetched, facts_report_print, NULL) != 0)
			status = 1;
		fetch_summary_free(fetched);
		break;
	}
	default:
		status = posts_mode(&cli, &cfg, &err);
		break;
	}
	config_free(&cfg);
	strbuf_release(&err);
	cli_free(&cli);
	/* The reader ended by a signal (or hangup), marks closed: die of it. */
	if (cli.mode == CLI_TUI && status > 128) {
		signal(status - 128, SIG_DFL);
		raise(status - 128);
	}
	return status;
}
