/* main: digest-tui's entry point — reads the command line, loads the posts
 * and runs the chosen mode (--list, --dump, or the reader). */
#include "config.h"

#include <curl/curl.h>
#include <cmark.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <unistring/version.h>

#include "archive.h"
#include "cli.h"
#include "layout.h"
#include "render.h"
#include "strbuf.h"
#include "tui.h"
#include "util.h"

static void print_version(void)
{
	curl_version_info_data *curl = curl_version_info(CURLVERSION_NOW);
	printf("digest-tui %s\n", PACKAGE_VERSION);
	printf("%s, cmark %s, libcurl %s, libunistring %d.%d\n",
	       tui_library_version(), cmark_version_string(), curl->version,
	       _libunistring_version >> 8, _libunistring_version & 0xff);
}

static void list_digest(const struct digest *d, struct strbuf *out)
{
	struct strbuf title = STRBUF_INIT;
	for (size_t i = 0; i < d->npapers; i++) {
		const struct paper *p = &d->papers[i];
		strbuf_reset(&title);
		/* Titles from the network never reach a terminal unsanitized. */
		layout_sanitize(p->title.s ? p->title.s : "", p->title.len, &title);
		for (size_t j = 0; j < title.len; j++)
			if (title.buf[j] == '\t' || title.buf[j] == '\n')
				title.buf[j] = ' ';
		strbuf_addf(out, "%s\t%d\t%s\t%s\t%s\n", d->date ? d->date : "-",
			    p->number, p->arxiv_id ? p->arxiv_id : "-", "-",
			    title.len ? title.buf : "-");
	}
	strbuf_release(&title);
}

static void dump_digest(const struct digest *d, const struct layout_opts *o,
			struct strbuf *out)
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
		strbuf_addch(out, '\n');
		for (size_t j = 0; j < r.lines.n; j++)
			render_line_plain(&r.lines.v[j], out);
		rendered_paper_free(&r);
	}
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

static int terminal_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Writes and flushes in large pieces; a closed pipe (| head) is not an error
 * worth a message. */
static int flush_out(struct strbuf *out)
{
	if (out->len && fwrite(out->buf, 1, out->len, stdout) != out->len)
		return -1;
	strbuf_reset(out);
	return 0;
}

int main(int argc, char **argv)
{
	struct cli cli;
	struct strbuf err = STRBUF_INIT;
	setlocale(LC_ALL, "");
	if (cli_parse(argc, argv, &cli, &err)) {
		error_msg("%s", err.buf);
		fprintf(stderr, "Try 'digest-tui --help' for more information.\n");
		strbuf_release(&err);
		return 2;
	}
	if (cli.mode == CLI_HELP) {
		cli_help(stdout);
		return 0;
	}
	if (cli.mode == CLI_VERSION) {
		print_version();
		return 0;
	}

	struct archive archive;
	archive_init(&archive);
	int failed = 0;
	for (int i = 0; i < cli.npaths; i++)
		failed += archive_load_path(&archive, cli.paths[i], &err);
	if (!cli.npaths)
		archive_load_sample(&archive);
	archive_sort(&archive);
	report_lines(&err);

	struct layout_opts lo;
	layout_opts_init(&lo);
	lo.width = cli.width ? cli.width : terminal_width();
	lo.ambiguous_width = cli.ambiguous_width;
	lo.line_break = cli.line_break;

	if (cli.mode == CLI_TUI) {
		int rc = tui_run(&archive, &lo, cli.npaths ? NULL : "showing the bundled sample digest");
		strbuf_release(&err);
		archive_free(&archive);
		return rc ? rc : (failed ? 2 : 0);
	}

	struct strbuf out = STRBUF_INIT;
	int status = 0;
	for (size_t i = 0; i < archive.n && status == 0; i++) {
		if (cli.mode == CLI_LIST) {
			list_digest(&archive.v[i], &out);
		} else {
			if (i)
				strbuf_addch(&out, '\n');
			dump_digest(&archive.v[i], &lo, &out);
		}
		if (out.len > 65536 && flush_out(&out) < 0)
			status = 1;
	}
	if (flush_out(&out) < 0 || fflush(stdout) == EOF)
		status = 1;

	strbuf_release(&out);
	strbuf_release(&err);
	archive_free(&archive);
	if (status)
		return status;
	return failed ? 2 : 0;
}
