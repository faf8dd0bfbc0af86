/* Unit tests for export.c: Markdown, BibTeX and TSV exports of starred and
 * queued papers, by value; the --list line; citation years. */
#include "config.h"

#include <dirent.h>
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive.h"
#include "export.h"
#include "marks.h"
#include "post.h"
#include "strbuf.h"
#include "util.h"
#include "tap.h"

static const char post_x[] =
	"---\n"
	"title: \"Daily Papers — 2025-11-28\"\n"
	"date: 2025-11-28 08:00:00\n"
	"---\n\n"
	"# 1. [LoRA: Low-Rank Adaptation of Large Language Models](https://arxiv.org/abs/2106.09685)\n\n"
	"## Introduction\n\nText.\n\n"
	"# 2. [Braces {and} 100% $cost$ & #1 under_score ~tilde^ back\\\\slash](https://arxiv.org/abs/2509.22622)\n\n"
	"## Introduction\n\nText.\n\n"
	"# 3. [The Large N Limit of Superconformal Field Theories](https://arxiv.org/abs/hep-th/9711200v2)\n\n"
	"## Introduction\n\nText.\n\n"
	"# 4. [A Blog Post (with parens)](https://example.com/post_(1))\n\n"
	"## Introduction\n\nText.\n";

static const char post_y[] =
	"---\n"
	"title: \"Daily Papers — 2025-11-29\"\n"
	"date: 2025-11-29 08:00:00\n"
	"---\n\n"
	"# 1. [LoRA: Low-Rank Adaptation of Large Language Models](https://arxiv.org/abs/2106.09685)\n\n"
	"## Introduction\n\nText.\n\n"
	"# 2. [Later *Reading*](https://arxiv.org/abs/2401.00001)\n\n"
	"## Introduction\n\nText.\n";

static void add_post(struct archive *a, const char *data, const char *path)
{
	const char *why = NULL;
	ALLOC_GROW(a->v, a->n, a->cap);
	if (post_parse(data, strlen(data), path, &a->v[a->n], &why) == 0)
		a->n++;
	else
		printf("# cannot parse %s: %s\n", path, why);
}

static void mark(struct marks *m, const struct digest *d, size_t i, unsigned flag)
{
	struct strbuf err = STRBUF_INIT;
	char *key = marks_paper_key(d, &d->papers[i]);
	if (marks_set(m, key, flag, 1, &err) < 0)
		printf("# %s", err.buf);
	free(key);
	strbuf_release(&err);
}

int main(void)
{
	char dir[] = "/tmp/digest-tui-export.XXXXXX";
	if (!mkdtemp(dir)) {
		tap_skip_all("no temporary directory");
		return 0;
	}
	struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	struct marks *m = marks_open(dir, 0, &err);
	is_str(err.buf, "", "marks open quietly");

	struct archive a;
	archive_init(&a);
	add_post(&a, post_x, "x.md");
	add_post(&a, post_y, "y.md");
	if (a.n != 2 || a.v[0].npapers != 4 || a.v[1].npapers != 2) {
		ok(0, "parse the test posts");
		return tap_done();
	}
	is_str(a.v[0].papers[1].title.s,
	       "Braces {and} 100% $cost$ & #1 under_score ~tilde^ back\\slash",
	       "the awkward title as parsed");

	mark(m, &a.v[0], 0, MARK_STAR);   /* LoRA, on both days */
	mark(m, &a.v[0], 1, MARK_STAR);
	mark(m, &a.v[0], 2, MARK_STAR);
	mark(m, &a.v[0], 3, MARK_STAR);
	mark(m, &a.v[1], 1, MARK_LATER);
	mark(m, &a.v[0], 0, MARK_READ);

	/* TSV: the --list lines, LoRA once (first day), MARKS filled. */
	size_t n = export_papers(&a, m, MARK_STAR, EXPORT_TSV, &out);
	is_int((long)n, 4, "four starred papers (LoRA once)");
	is_str(out.buf,
	       "2025-11-28\t1\t2106.09685\trs\tLoRA: Low-Rank Adaptation of Large Language Models\n"
	       "2025-11-28\t2\t2509.22622\ts\tBraces {and} 100% $cost$ & #1 under_score ~tilde^ back\\slash\n"
	       "2025-11-28\t3\thep-th/9711200\ts\tThe Large N Limit of Superconformal Field Theories\n"
	       "2025-11-28\t4\t-\ts\tA Blog Post (with parens)\n",
	       "TSV export of starred papers");

	strbuf_reset(&out);
	n = export_papers(&a, m, MARK_STAR, EXPORT_MARKDOWN, &out);
	is_str(out.buf,
	       "- [LoRA: Low-Rank Adaptation of Large Language Models](https://arxiv.org/abs/2106.09685) — arXiv:2106.09685 (2025-11-28)\n"
	       "- [Braces {and} 100% $cost$ & #1 under\\_score ~tilde^ back\\\\slash](https://arxiv.org/abs/2509.22622) — arXiv:2509.22622 (2025-11-28)\n"
	       "- [The Large N Limit of Superconformal Field Theories](https://arxiv.org/abs/hep-th/9711200) — arXiv:hep-th/9711200 (2025-11-28)\n"
	       "- [A Blog Post (with parens)](https://example.com/post_%281%29) (2025-11-28)\n",
	       "Markdown export of starred papers");

	strbuf_reset(&out);
	n = export_papers(&a, m, MARK_STAR, EXPORT_BIBTEX, &out);
	is_str(out.buf,
	       "@misc{2106.09685,\n"
	       "  title = {LoRA: Low-Rank Adaptation of Large Language Models},\n"
	       "  year = {2021},\n"
	       "  eprint = {2106.09685},\n"
	       "  archivePrefix = {arXiv},\n"
	       "  url = {https://arxiv.org/abs/2106.09685},\n"
	       "}\n"
	       "\n"
	       "@misc{2509.22622,\n"
	       "  title = {Braces \\textbraceleft{}and\\textbraceright{} 100\\% \\$cost\\$ \\& \\#1 under\\_score \\textasciitilde{}tilde\\textasciicircum{} back\\textbackslash{}slash},\n"
	       "  year = {2025},\n"
	       "  eprint = {2509.22622},\n"
	       "  archivePrefix = {arXiv},\n"
	       "  url = {https://arxiv.org/abs/2509.22622},\n"
	       "}\n"
	       "\n"
	       "@misc{hep-th/9711200,\n"
	       "  title = {The Large N Limit of Superconformal Field Theories},\n"
	       "  year = {1997},\n"
	       "  eprint = {9711200},\n"
	       "  archivePrefix = {arXiv},\n"
	       "  primaryClass = {hep-th},\n"
	       "  url = {https://arxiv.org/abs/hep-th/9711200},\n"
	       "}\n"
	       "\n"
	       "@misc{paper-2025-11-28-4,\n"
	       "  title = {A Blog Post (with parens)},\n"
	       "  year = {2025},\n"
	       "  url = {https://example.com/post_%281%29},\n"
	       "}\n",
	       "BibTeX export of starred papers");
	int depth = 0, balanced = 1;
	for (size_t i = 0; i < out.len; i++) {
		depth += out.buf[i] == '{';
		depth -= out.buf[i] == '}';
		if (depth < 0)
			balanced = 0;
	}
	ok(balanced && depth == 0, "BibTeX braces balance");
	ok(!strstr(out.buf, "author"), "no author field when authors are unknown");

	strbuf_reset(&out);
	n = export_papers(&a, m, MARK_LATER, EXPORT_MARKDOWN, &out);
	is_int((long)n, 1, "one paper in the reading queue");
	is_str(out.buf,
	       "- [Later Reading](https://arxiv.org/abs/2401.00001) — arXiv:2401.00001 (2025-11-29)\n",
	       "Markdown export of the reading queue");

	strbuf_reset(&out);
	n = export_papers(&a, m, MARK_HIDDEN, EXPORT_BIBTEX, &out);
	ok(n == 0 && out.len == 0, "nothing hidden: empty export");

	/* The --list line. */
	strbuf_reset(&out);
	export_list_line(&a.v[1], &a.v[1].papers[0], m, &out);
	is_str(out.buf, "2025-11-29\t1\t2106.09685\trs\tLoRA: Low-Rank Adaptation of Large Language Models\n",
	       "a paper on a second day shares its marks");
	strbuf_reset(&out);
	export_list_line(&a.v[1], &a.v[1].papers[0], NULL, &out);
	is_str(out.buf, "2025-11-29\t1\t2106.09685\t-\tLoRA: Low-Rank Adaptation of Large Language Models\n",
	       "--list line without marks");
	struct digest undated;
	memset(&undated, 0, sizeof(undated));
	struct paper *p = digest_add_paper(&undated);
	p->number = 7;
	text_append_str(&p->title, "New\nline and \x1b[31mred", STYLE_PLAIN);
	strbuf_reset(&out);
	export_list_line(&undated, p, m, &out);
	is_str(out.buf, "-\t7\t-\t-\tNew line and red\n",
	       "--list line: unknown fields, a sanitized one-line title");
	digest_free(&undated);

	/* Years. */
	is_int(export_year("2509.22622", "2026-01-01"), 2025, "year of 2509.22622");
	is_int(export_year("0704.0001", NULL), 2007, "year of 0704.0001");
	is_int(export_year("hep-th/9901001", NULL), 1999, "year of hep-th/9901001");
	is_int(export_year("cs/0112017", NULL), 2001, "year of cs/0112017");
	is_int(export_year(NULL, "2024-03-05"), 2024, "year from the date");
	is_int(export_year(NULL, NULL), 0, "no year");

	enum export_format f;
	ok(export_format_parse("md", &f) == 0 && f == EXPORT_MARKDOWN, "format 'md'");
	ok(export_format_parse("BibTeX", &f) == 0 && f == EXPORT_BIBTEX, "format 'BibTeX'");
	ok(export_format_parse("tsv", &f) == 0 && f == EXPORT_TSV, "format 'tsv'");
	ok(export_format_parse("pdf", &f) < 0, "unknown format");

	/* export_write_file: atomic, ~/ expanded, errors in one line. */
	{
		struct strbuf home = STRBUF_INIT, written = STRBUF_INIT, e = STRBUF_INIT;
		strbuf_addf(&home, "%s/home", dir);
		mkdir(home.buf, 0700);
		setenv("HOME", home.buf, 1);
		is_int(export_write_file("~/starred.md", "- one\n", 6, &written, &e), 0,
		       "export_write_file writes ~/FILE");
		strbuf_addstr(&home, "/starred.md");
		is_str(written.buf, home.buf, "  under $HOME");
		char *data = NULL;
		size_t len = 0;
		ok(read_file(home.buf, &data, &len) == 0 && len == 6, "  the whole export");
		free(data);
		is_int(export_write_file("~/starred.md", "- two\n- three\n", 14, NULL, &e), 0,
		       "  and replaces it");
		ok(read_file(home.buf, &data, &len) == 0 && len == 14, "  with the new one");
		free(data);
		int temps = 0;
		struct dirent *de;
		strbuf_reset(&written);
		strbuf_addf(&written, "%s/home", dir);
		DIR *d = opendir(written.buf);
		while (d && (de = readdir(d)))
			temps += !strncmp(de->d_name, ".tmp-", 5);
		if (d)
			closedir(d);
		is_int(temps, 0, "  leaving no temporary file");
		is_int(export_write_file("~/no/such/dir/x.md", "x", 1, NULL, &e), -1,
		       "a missing directory fails");
		ok(e.len && !strchr(e.buf, '\n'), "  in one line: %s", e.buf);
		strbuf_reset(&e);
		unsetenv("HOME");
		is_int(export_write_file("~/x.md", "x", 1, NULL, &e), -1, "~/ without HOME fails");
		ok(strstr(e.buf, "HOME is not set") != NULL, "  saying so");
		strbuf_release(&home);
		strbuf_release(&written);
		strbuf_release(&e);
	}

	marks_close(m);
	archive_free(&a);
	strbuf_release(&out);
	strbuf_release(&err);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return tap_done();
}
