/* Unit tests for export.c: Markdown, BibTeX and TSV exports of all, starred
 * and queued papers, by value (authors and keys from paper facts, capitals
 * kept in braces, hostile titles, primaryClass); hidden papers left out; the
 * --list line; citation years; :export's words and its file (format by
 * extension, an existing file refused, relative paths under a given
 * directory). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive.h"
#include "export.h"
#include "facts.h"
#include "fileio.h"
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

/* Facts for some, a hidden paper, an old-style ID whose facts name a finer
 * category than its archive. */
static const char post_z[] =
	"---\n"
	"title: \"Daily Papers — 2025-11-30\"\n"
	"date: 2025-11-30 08:00:00\n"
	"---\n\n"
	"# 1. [TiDAR: Think in Diffusion, Talk in Autoregression](https://arxiv.org/abs/2511.08923)\n\n"
	"## Introduction\n\nText.\n\n"
	"# 2. [Put Away](https://arxiv.org/abs/2511.00002)\n\n"
	"## Introduction\n\nText.\n\n"
	"# 3. [On Motives](https://arxiv.org/abs/math/0501001)\n\n"
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

/* ---- paper facts, as a store would give them ---------------------------- */

static char id_lora[] = "2106.09685", id_tidar[] = "2511.08923", id_motives[] = "math/0501001";
static char cat_cl[] = "cs.CL", cat_ag[] = "math.AG";
static char *authors_lora[] = { "Edward J. Hu", "Yelong Shen" };
static char *authors_tidar[] = { "Jingyu Liu", "Tom and Jerry Inc." };
static char *authors_motives[] = { "Yves André" };
static char title_lora[] = "LoRA: Low-Rank Adaptation of Large Language Models";
static char title_tidar[] = "TiDAR: Think in Diffusion, Talk in Autoregression";
static char title_motives[] = "On Motives";
static struct paper_facts known[3];

static void facts_setup(void)
{
	for (size_t i = 0; i < 3; i++)
		paper_facts_init(&known[i]);
	known[0].id = id_lora;
	known[0].title = title_lora;
	known[0].authors = authors_lora;
	known[0].nauthors = 2;
	known[0].primary_category = cat_cl;
	known[1].id = id_tidar;
	known[1].title = title_tidar;
	known[1].authors = authors_tidar;
	known[1].nauthors = 2;
	known[1].primary_category = cat_cl;
	known[2].id = id_motives;
	known[2].title = title_motives;
	known[2].authors = authors_motives;
	known[2].nauthors = 1;
	known[2].primary_category = cat_ag;
}

static const struct paper_facts *lookup(void *ctx, const char *id)
{
	(void)ctx;
	for (size_t i = 0; i < 3; i++)
		if (!strcmp(known[i].id, id))
			return &known[i];
	return NULL;
}

/* The value of the BibTeX title of a paper titled t (no ID, no facts). */
static const char *bib_title_of(const char *t, struct strbuf *out)
{
	struct digest d;
	memset(&d, 0, sizeof(d));
	struct paper *p = digest_add_paper(&d);
	p->number = 1;
	text_append_str(&p->title, t, STYLE_PLAIN);
	struct export_item it = { &d, p, NULL, NULL };
	strbuf_reset(out);
	export_items(&it, 1, EXPORT_BIBTEX, NULL, out);
	digest_free(&d);
	char *at = strstr(out->buf, "  title = {");
	char *end = at ? strstr(at, "},\n") : NULL;
	if (!at || !end) {
		strbuf_reset(out);
		return "(no title field)";
	}
	size_t n = (size_t)(end - at) - 11;
	memmove(out->buf, at + 11, n);
	strbuf_setlen(out, n);
	return out->buf;
}

/* Whether a title's braces balance and no group opens on a backslash (BibTeX
 * takes such a group for an accent and changes its case). */
static int bib_well_formed(const char *s)
{
	int depth = 0;
	for (; *s; s++) {
		if (*s == '{' && depth++ == 0 && s[1] == '\\')
			return 0;
		if (*s == '}' && --depth < 0)
			return 0;
	}
	return depth == 0;
}

static void test_brace_protection(void)
{
	struct strbuf out = STRBUF_INIT;
	static const char *const cases[][2] = {
		{ "TiDAR: Think in Diffusion, Talk in Autoregression",
		  "{TiDAR}: Think in Diffusion, Talk in Autoregression" },
		{ "PAN: A World Model for General, Interactable Worlds",
		  "{PAN}: A World Model for General, Interactable Worlds" },
		{ "Scaling LLMs on RGBA Images", "Scaling {LLMs} on {RGBA} Images" },
		{ "GPT-4o Sees in 3D and V2", "{GPT-4o} Sees in {3D} and {V2}" },
		{ "Low-Rank Adaptation of Large Language Models",
		  "Low-Rank Adaptation of Large Language Models" },
		{ "(PAN) on an iPhone, R&D", "({PAN}) on an {iPhone}, {R\\&D}" },
		{ "Text-to-SQL with A N-gram", "{Text-to-SQL} with A N-gram" },
		{ "Émile at the ÉCOLE", "Émile at the {ÉCOLE}" },
		{ "대형 언어 모델 LLM 평가", "대형 언어 모델 {LLM} 평가" },
		{ "100% of $x$ & #1_a", "100\\% of \\$x\\$ \\& \\#1\\_a" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_str(bib_title_of(cases[i][0], &out), cases[i][1],
		       "BibTeX title: %s", cases[i][0]);

	/* Hostile titles: braces balance whatever the title holds. */
	is_str(bib_title_of("Foo{Bar} }{ \\LLM{", &out),
	       "{Foo\\textbraceleft{}Bar}\\textbraceright{} \\textbraceright{}\\textbraceleft{} "
	       "\\textbackslash{}{LLM}\\textbraceleft{}",
	       "unbalanced braces and a backslash: escaped, the capitals still kept");
	static const char *const hostile[] = {
		"{{{", "}}}", "a}b{c", "\\", "\\{", "\\}", "{\\em Foo}", "TiDAR{", "}LLMs{",
		"x\\", "\\\\{\\\\}", "%{$}#_&~^", "{\\'E}cole", "ÉCOLE}{", "GPT-4o}}",
		"\\}LLM", "{}{}}{", "A\\{B\\}C",
	};
	int bad = 0;
	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++)
		if (!bib_well_formed(bib_title_of(hostile[i], &out))) {
			printf("# %s -> %s\n", hostile[i], out.buf);
			bad++;
		}
	is_int(bad, 0, "hostile titles: braces balance, no group opens on a backslash");
	strbuf_release(&out);
}

static void test_facts_in_exports(struct archive *a, struct marks *m)
{
	struct strbuf out = STRBUF_INIT;
	struct export_item items[] = {
		{ &a->v[0], &a->v[0].papers[0], lookup(NULL, "2106.09685"), NULL },
		{ &a->v[0], &a->v[0].papers[2], NULL, NULL },
		{ &a->v[2], &a->v[2].papers[0], lookup(NULL, "2511.08923"), NULL },
		{ &a->v[2], &a->v[2].papers[2], lookup(NULL, "math/0501001"), NULL },
		{ &a->v[2], &a->v[2].papers[2], NULL, NULL },
	};
	export_items(items, 5, EXPORT_BIBTEX, m, &out);
	is_str(out.buf,
	       "@misc{hu2021lora,\n"
	       "  title = {{LoRA}: Low-Rank Adaptation of Large Language Models},\n"
	       "  author = {Edward J. Hu and Yelong Shen},\n"
	       "  year = {2021},\n"
	       "  eprint = {2106.09685},\n"
	       "  archivePrefix = {arXiv},\n"
	       "  primaryClass = {cs.CL},\n"
	       "  url = {https://arxiv.org/abs/2106.09685},\n"
	       "}\n"
	       "\n"
	       "@misc{hep-th/9711200,\n"
	       "  title = {The Large N Limit of Superconformal Field Theories},\n"
	       "  year = {1997},\n"
	       "  eprint = {hep-th/9711200},\n"
	       "  archivePrefix = {arXiv},\n"
	       "  primaryClass = {hep-th},\n"
	       "  url = {https://arxiv.org/abs/hep-th/9711200},\n"
	       "}\n"
	       "\n"
	       "@misc{liu2025tidar,\n"
	       "  title = {{TiDAR}: Think in Diffusion, Talk in Autoregression},\n"
	       "  author = {Jingyu Liu and {Tom and Jerry Inc.}},\n"
	       "  year = {2025},\n"
	       "  eprint = {2511.08923},\n"
	       "  archivePrefix = {arXiv},\n"
	       "  primaryClass = {cs.CL},\n"
	       "  url = {https://arxiv.org/abs/2511.08923},\n"
	       "}\n"
	       "\n"
	       "@misc{andre2005on,\n"
	       "  title = {On Motives},\n"
	       "  author = {Yves André},\n"
	       "  year = {2005},\n"
	       "  eprint = {math/0501001},\n"
	       "  archivePrefix = {arXiv},\n"
	       "  primaryClass = {math.AG},\n"
	       "  url = {https://arxiv.org/abs/math/0501001},\n"
	       "}\n"
	       "\n"
	       "@misc{math/0501001,\n"
	       "  title = {On Motives},\n"
	       "  year = {2005},\n"
	       "  eprint = {math/0501001},\n"
	       "  archivePrefix = {arXiv},\n"
	       "  primaryClass = {math},\n"
	       "  url = {https://arxiv.org/abs/math/0501001},\n"
	       "}\n",
	       "BibTeX with facts: key and authors from them, primaryClass from the facts, "
	       "else from an old-style ID; a name holding 'and' braced");
	strbuf_reset(&out);
	export_items(items, 1, EXPORT_MARKDOWN, m, &out);
	is_str(out.buf,
	       "- [LoRA: Low-Rank Adaptation of Large Language Models](https://arxiv.org/abs/2106.09685)"
	       " — Edward J. Hu, Yelong Shen — arXiv:2106.09685 (2025-11-28)\n",
	       "Markdown with facts names the authors");
	strbuf_release(&out);
}

/* Hidden papers are left out of every selection, all papers too. */
static void test_hidden(struct archive *a, struct marks *m)
{
	struct strbuf out = STRBUF_INIT;
	size_t n = export_make(a, m, 0, EXPORT_TSV, NULL, NULL, &out);
	is_int((long)n, 7, "all papers: eight distinct, the hidden one left out");
	ok(!strstr(out.buf, "2511.00002"), "  the hidden paper is not in --export all");
	strbuf_reset(&out);
	n = export_make(a, m, MARK_STAR, EXPORT_TSV, NULL, NULL, &out);
	ok(n == 4 && !strstr(out.buf, "2511.00002"), "  nor among the starred ones");
	strbuf_reset(&out);
	n = export_make(a, m, MARK_HIDDEN, EXPORT_TSV, NULL, NULL, &out);
	ok(n == 1 && strstr(out.buf, "2511.00002"), "  asked for by its mark, it is there");
	strbuf_release(&out);
}

/* The words of :export[!] into a request. */
static void test_request_parse(void)
{
	struct export_request r;
	struct strbuf err = STRBUF_INIT;
	char *w1[] = { "export!", "starred", "F.bib" };
	ok(export_request_parse(w1, 3, 1, &r, &err) == 0 && r.marks == MARK_STAR &&
	   !strcmp(r.path, "F.bib") && !r.format && r.overwrite,
	   ":export! starred F.bib: starred, F.bib, the format from the name, overwrite");
	char *w2[] = { "export", "later", "x", "--format", "tsv" };
	ok(export_request_parse(w2, 5, 0, &r, &err) == 0 && r.marks == MARK_LATER &&
	   !strcmp(r.format, "tsv") && !r.overwrite, ":export later x --format tsv");
	char *w3[] = { "export", "all", "--format=bibtex", "x" };
	ok(export_request_parse(w3, 4, 0, &r, &err) == 0 && r.marks == 0 &&
	   !strcmp(r.path, "x") && !strcmp(r.format, "bibtex"),
	   ":export all --format=bibtex x: the option before FILE too");
	char *w4[] = { "export", "starred", "x", "md" };
	ok(export_request_parse(w4, 4, 0, &r, &err) == 0 && !strcmp(r.format, "md"),
	   ":export starred x md: a bare format word, as before");
	static const struct {
		char *w[6];
		int n;
		const char *msg;
	} bad[] = {
		{ { "export", "starred", "--format", "bibtex" }, 4, ":export needs a file name" },
		{ { "export", "hidden", "x" }, 3,
		  ":export exports all, starred or later papers, not 'hidden'" },
		{ { "export", "starred", "x", "--format", "pdf" }, 5,
		  ":export --format wants markdown, bibtex or tsv, not 'pdf'" },
		{ { "export", "starred", "x", "--format" }, 4,
		  ":export --format needs markdown, bibtex or tsv" },
		{ { "export", "starred", "x", "tsv", "md" }, 5,
		  "too many arguments (quote a name with blanks): "
		  ":export[!] all|starred|later FILE [--format markdown|bibtex|tsv]" },
		{ { "export", "starred", "my", "papers.bib" }, 4,
		  "too many arguments (quote a name with blanks): "
		  ":export[!] all|starred|later FILE [--format markdown|bibtex|tsv]" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		strbuf_reset(&err);
		ok(export_request_parse((char **)bad[i].w, bad[i].n, 0, &r, &err) == -1,
		   "refused: %s", bad[i].msg);
		is_str(err.buf, bad[i].msg, "  saying so");
	}
	strbuf_release(&err);
}

/* Runs export_to_file; the message or the error into msg. */
static int to_file(const struct archive *a, const struct marks *m, unsigned marks,
		   const char *path, const char *format, int overwrite, const char *base,
		   struct strbuf *msg)
{
	struct export_request r = { marks, path, format, overwrite, NULL };
	strbuf_reset(msg);
	return export_to_file(a, m, lookup, NULL, &r, base, msg, msg);
}

/* Whether the file at path holds exactly want[0..len). */
static int holds(const char *path, const char *want, size_t len)
{
	char *data = NULL;
	size_t n = 0;
	int same = fileio_read(path, FILEIO_FILE_MAX, 0, &data, &n, NULL) == 0 && n == len &&
		   !memcmp(data, want, len);
	free(data);
	return same;
}

static void test_to_file(const char *dir, struct archive *a, struct marks *m)
{
	struct strbuf msg = STRBUF_INIT, want = STRBUF_INIT, base = STRBUF_INIT,
		      path = STRBUF_INIT;
	strbuf_addf(&base, "%s/base", dir);
	mkdir(base.buf, 0755);

	/* The reader's call writes the bytes --export prints. */
	export_make(a, m, MARK_STAR, EXPORT_BIBTEX, lookup, NULL, &want);
	is_int(to_file(a, m, MARK_STAR, "F.bib", NULL, 0, base.buf, &msg), 0,
	       "starred papers to F.bib, relative to the given directory");
	strbuf_addf(&path, "%s/F.bib", base.buf);
	ok(holds(path.buf, want.buf, want.len),
	   "  byte for byte what --export starred --format bibtex prints");
	strbuf_reset(&want);
	strbuf_addf(&want, "exported 4 starred papers to %s", path.buf);
	is_str(msg.buf, want.buf, "  the message names the count and the absolute path");

	/* An existing file: refused without overwrite, left as it was. */
	is_int(to_file(a, m, MARK_LATER, "F.bib", NULL, 0, base.buf, &msg), EXPORT_EXISTS,
	       "an existing file is refused without overwrite");
	strbuf_reset(&want);
	strbuf_addf(&want, "%s already exists", path.buf);
	is_str(msg.buf, want.buf, "  saying so, with its absolute path");
	strbuf_reset(&want);
	export_make(a, m, MARK_STAR, EXPORT_BIBTEX, lookup, NULL, &want);
	ok(holds(path.buf, want.buf, want.len), "  and the file is untouched");
	chmod(path.buf, 0600);
	is_int(to_file(a, m, MARK_LATER, "F.bib", NULL, 1, base.buf, &msg), 0,
	       "with overwrite it is replaced");
	strbuf_reset(&want);
	export_make(a, m, MARK_LATER, EXPORT_BIBTEX, lookup, NULL, &want);
	ok(holds(path.buf, want.buf, want.len), "  by the new export");
	struct stat st;
	ok(stat(path.buf, &st) == 0 && (st.st_mode & 0777) == 0600, "  keeping its permissions");
	strbuf_reset(&want);
	strbuf_addf(&want, "exported 1 paper kept for later to %s", path.buf);
	is_str(msg.buf, want.buf, "  the message of the later papers");

	/* The format: from the extension, unless one is named. */
	is_int(to_file(a, m, 0, "notes.txt", NULL, 0, base.buf, &msg), -1,
	       "an unknown extension and no format: an error");
	is_str(msg.buf, "cannot tell the format of notes.txt: end its name in .bib, .md or .tsv, "
	       "or add --format bibtex|markdown|tsv", "  one line naming the choices");
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/notes.txt", base.buf);
	ok(access(path.buf, F_OK) < 0, "  and no file");
	is_int(to_file(a, m, 0, "notes.txt", "tsv", 0, base.buf, &msg), 0,
	       "the named format, whatever the name");
	strbuf_reset(&want);
	export_make(a, m, 0, EXPORT_TSV, lookup, NULL, &want);
	ok(holds(path.buf, want.buf, want.len), "  writes TSV");
	strbuf_reset(&want);
	strbuf_addf(&want, "exported 7 papers to %s", path.buf);
	is_str(msg.buf, want.buf, "  the message of all papers");
	is_int(to_file(a, m, MARK_STAR, "md.bib", "markdown", 0, base.buf, &msg), 0,
	       "a named format wins over the extension");
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/md.bib", base.buf);
	strbuf_reset(&want);
	export_make(a, m, MARK_STAR, EXPORT_MARKDOWN, lookup, NULL, &want);
	ok(holds(path.buf, want.buf, want.len), "  Markdown in md.bib");
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/sub", base.buf);
	mkdir(path.buf, 0755);
	is_int(to_file(a, m, MARK_STAR, "./sub//../later.MD", NULL, 0, base.buf, &msg), 0,
	       ".MD is Markdown too");
	strbuf_reset(&want);
	strbuf_addf(&want, "exported 4 starred papers to %s/base/sub/../later.MD", dir);
	is_str(msg.buf, want.buf, "  '.' and '//' dropped from the name shown, '..' kept");
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/later.MD", base.buf);
	ok(access(path.buf, F_OK) == 0, "  the file is where the name says");

	strbuf_release(&msg);
	strbuf_release(&want);
	strbuf_release(&base);
	strbuf_release(&path);
}

static void write_file_or_note(const char *path, const char *data)
{
	FILE *f = fopen(path, "w");
	if (!f || fputs(data, f) == EOF || fclose(f) == EOF)
		printf("# cannot write %s\n", path);
}

/* Files that are not regular ones, links, names that name no file, and the
 * current directory when none is given. */
static void test_odd_targets(const char *dir, struct archive *a, struct marks *m)
{
	struct strbuf msg = STRBUF_INIT, want = STRBUF_INIT, p = STRBUF_INIT, q = STRBUF_INIT;
	strbuf_addf(&q, "%s/base", dir);
	strbuf_addf(&p, "%s/fifo.md", q.buf);
	if (mkfifo(p.buf, 0600) < 0)
		printf("# mkfifo: %s\n", strerror(errno));
	is_int(to_file(a, m, MARK_STAR, "fifo.md", NULL, 1, q.buf, &msg), -1,
	       "a FIFO is never replaced, even with overwrite (and not waited on)");
	strbuf_addf(&want, "%s: a FIFO, not a regular file", p.buf);
	is_str(msg.buf, want.buf, "  saying so");
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/base/sub.md", dir);
	mkdir(p.buf, 0755);
	is_int(to_file(a, m, MARK_STAR, p.buf, NULL, 1, NULL, &msg), -1, "a directory: refused");
	strbuf_reset(&want);
	strbuf_addf(&want, "%s: a directory, not a regular file", p.buf);
	is_str(msg.buf, want.buf, "  as a directory");
	is_int(to_file(a, m, MARK_STAR, "sub/", "tsv", 1, dir, &msg), -1, "a name ending in /");
	is_str(msg.buf, "sub/: not a file name", "  is not a file name");

	/* A symbolic link to a file: refused as the file, then the file replaced. */
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/base/real.bib", dir);
	write_file_or_note(p.buf, "old\n");
	strbuf_reset(&q);
	strbuf_addf(&q, "%s/base/link.bib", dir);
	if (symlink("real.bib", q.buf) < 0)
		printf("# symlink: %s\n", strerror(errno));
	is_int(to_file(a, m, MARK_STAR, q.buf, NULL, 0, NULL, &msg), EXPORT_EXISTS,
	       "a link to a file is an existing file");
	is_int(to_file(a, m, MARK_STAR, q.buf, NULL, 1, NULL, &msg), 0, "  replaced with overwrite");
	struct stat st;
	ok(lstat(q.buf, &st) == 0 && S_ISLNK(st.st_mode), "  the link is kept");
	strbuf_reset(&want);
	export_make(a, m, MARK_STAR, EXPORT_BIBTEX, lookup, NULL, &want);
	ok(holds(p.buf, want.buf, want.len), "  and the file it names has the export");

	/* No directory given: the current one. */
	char *cwd = fileio_current_dir();
	if (chdir(dir) == 0) {
		char *real = realpath(".", NULL);
		is_int(to_file(a, m, MARK_LATER, "cwd.tsv", NULL, 0, NULL, &msg), 0,
		       "no directory given: relative to the current one");
		strbuf_reset(&want);
		strbuf_addf(&want, "exported 1 paper kept for later to %s/cwd.tsv", real);
		is_str(msg.buf, want.buf, "  named absolutely");
		free(real);
		if (cwd && chdir(cwd) != 0)
			printf("# cannot go back to %s\n", cwd);
	}
	free(cwd);
	strbuf_release(&msg);
	strbuf_release(&want);
	strbuf_release(&p);
	strbuf_release(&q);
}

/* The exports by value, without facts. */
static void test_by_value(struct archive *a, struct marks *m)
{
	struct strbuf out = STRBUF_INIT;
	/* TSV: the --list lines and the NOTE column ("-": none), LoRA once
	 * (first day), MARKS filled. */
	size_t n = export_make(a, m, MARK_STAR, EXPORT_TSV, NULL, NULL, &out);
	is_int((long)n, 4, "four starred papers (LoRA once)");
	is_str(out.buf,
	       "2025-11-28\t1\t2106.09685\trs\tLoRA: Low-Rank Adaptation of Large Language Models\t-\n"
	       "2025-11-28\t2\t2509.22622\ts\tBraces {and} 100% $cost$ & #1 under_score ~tilde^ back\\slash\t-\n"
	       "2025-11-28\t3\thep-th/9711200\ts\tThe Large N Limit of Superconformal Field Theories\t-\n"
	       "2025-11-28\t4\t-\ts\tA Blog Post (with parens)\t-\n",
	       "TSV export of starred papers");

	strbuf_reset(&out);
	n = export_make(a, m, MARK_STAR, EXPORT_MARKDOWN, NULL, NULL, &out);
	is_str(out.buf,
	       "- [LoRA: Low-Rank Adaptation of Large Language Models](https://arxiv.org/abs/2106.09685) — arXiv:2106.09685 (2025-11-28)\n"
	       "- [Braces {and} 100% $cost$ & #1 under\\_score ~tilde^ back\\\\slash](https://arxiv.org/abs/2509.22622) — arXiv:2509.22622 (2025-11-28)\n"
	       "- [The Large N Limit of Superconformal Field Theories](https://arxiv.org/abs/hep-th/9711200) — arXiv:hep-th/9711200 (2025-11-28)\n"
	       "- [A Blog Post (with parens)](https://example.com/post_%281%29) (2025-11-28)\n",
	       "Markdown export of starred papers");

	strbuf_reset(&out);
	n = export_make(a, m, MARK_STAR, EXPORT_BIBTEX, NULL, NULL, &out);
	is_str(out.buf,
	       "@misc{2106.09685,\n"
	       "  title = {{LoRA}: Low-Rank Adaptation of Large Language Models},\n"
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
	       "  eprint = {hep-th/9711200},\n"
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
	n = export_make(a, m, MARK_LATER, EXPORT_MARKDOWN, NULL, NULL, &out);
	is_int((long)n, 1, "one paper in the reading queue");
	is_str(out.buf,
	       "- [Later Reading](https://arxiv.org/abs/2401.00001) — arXiv:2401.00001 (2025-11-29)\n",
	       "Markdown export of the reading queue");


	strbuf_release(&out);
}

static void test_list_line_and_years(struct archive *a, struct marks *m)
{
	struct strbuf out = STRBUF_INIT;
	/* The --list line. */
	strbuf_reset(&out);
	export_list_line(&a->v[1], &a->v[1].papers[0], m, NULL, &out);
	is_str(out.buf, "2025-11-29\t1\t2106.09685\trs\tLoRA: Low-Rank Adaptation of Large Language Models\n",
	       "a paper on a second day shares its marks");
	strbuf_reset(&out);
	export_list_line(&a->v[1], &a->v[1].papers[0], NULL, NULL, &out);
	is_str(out.buf, "2025-11-29\t1\t2106.09685\t-\tLoRA: Low-Rank Adaptation of Large Language Models\n",
	       "--list line without marks");
	struct digest undated;
	memset(&undated, 0, sizeof(undated));
	struct paper *p = digest_add_paper(&undated);
	p->number = 7;
	text_append_str(&p->title, "New\nline and \x1b[31mred", STYLE_PLAIN);
	strbuf_reset(&out);
	export_list_line(&undated, p, m, NULL, &out);
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

	strbuf_release(&out);
}

/* ~/ is $HOME, the file is written whole with no temporary file left, and
 * the errors are one line. */
static void test_home_and_errors(const char *dir, struct archive *a, struct marks *m)
{
	struct strbuf home = STRBUF_INIT, msg = STRBUF_INIT, want = STRBUF_INIT;
	strbuf_addf(&home, "%s/home", dir);
	mkdir(home.buf, 0700);
	setenv("HOME", home.buf, 1);
	is_int(to_file(a, m, MARK_STAR, "~/starred.md", NULL, 0, "/nowhere", &msg), 0,
	       "export_to_file writes ~/FILE");
	strbuf_addf(&want, "exported 4 starred papers to %s/starred.md", home.buf);
	is_str(msg.buf, want.buf, "  under $HOME, whatever the base directory");
	strbuf_reset(&want);
	export_make(a, m, MARK_STAR, EXPORT_MARKDOWN, lookup, NULL, &want);
	strbuf_addstr(&home, "/starred.md");
	ok(holds(home.buf, want.buf, want.len), "  the whole export");
	is_int(to_file(a, m, MARK_LATER, "~/starred.md", NULL, 1, NULL, &msg), 0,
	       "  and replaces it with overwrite");
	int temps = 0;
	struct dirent *de;
	strbuf_reset(&home);
	strbuf_addf(&home, "%s/home", dir);
	DIR *d = opendir(home.buf);
	while (d && (de = readdir(d)))
		temps += !strncmp(de->d_name, ".tmp-", 5);
	if (d)
		closedir(d);
	is_int(temps, 0, "  leaving no temporary file");
	is_int(to_file(a, m, MARK_STAR, "~/no/such/dir/x.md", NULL, 0, NULL, &msg), -1,
	       "a missing directory fails");
	ok(msg.len && !strchr(msg.buf, '\n'), "  in one line: %s", msg.buf);
	unsetenv("HOME");
	is_int(to_file(a, m, MARK_STAR, "~/x.md", NULL, 0, NULL, &msg), -1,
	       "~/ without HOME fails");
	ok(strstr(msg.buf, "HOME is not set") != NULL, "  saying so");
	strbuf_release(&home);
	strbuf_release(&msg);
	strbuf_release(&want);
}

int main(void)
{
	char dir[] = "/tmp/digest-tui-export.XXXXXX";
	if (!mkdtemp(dir)) {
		tap_skip_all("no temporary directory");
		return 0;
	}
	struct strbuf err = STRBUF_INIT;
	struct marks *m = marks_open(dir, 0, &err);
	is_str(err.buf, "", "marks open quietly");

	struct archive a;
	archive_init(&a);
	add_post(&a, post_x, "x.md");
	add_post(&a, post_y, "y.md");
	add_post(&a, post_z, "z.md");
	if (a.n != 3 || a.v[0].npapers != 4 || a.v[1].npapers != 2 || a.v[2].npapers != 3) {
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
	mark(m, &a.v[2], 1, MARK_STAR);   /* starred, then put away */
	mark(m, &a.v[2], 1, MARK_HIDDEN);
	facts_setup();

	test_by_value(&a, m);
	test_hidden(&a, m);
	test_brace_protection();
	test_facts_in_exports(&a, m);
	test_list_line_and_years(&a, m);
	test_home_and_errors(dir, &a, m);
	test_request_parse();
	test_to_file(dir, &a, m);
	test_odd_targets(dir, &a, m);

	marks_close(m);
	archive_free(&a);
	strbuf_release(&err);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return tap_done();
}
