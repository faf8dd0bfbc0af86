/* Unit tests for notes.c: where a note lives, the template it starts from,
 * what counts as a note (an untouched template, blanks and an empty file do
 * not), making one without ever replacing one, the editor's argv (the
 * editor setting, $VISUAL, $EDITOR, vi; quoting; the path one word), an
 * editor run on the note, hostile bytes cleaned, a note too large, the bulk
 * lookup, and the notes carried by the search (plain words, note:, 초성)
 * and the three exports and the --list MARKS letter. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive.h"
#include "configfile.h"
#include "export.h"
#include "fileio.h"
#include "launch.h"
#include "marks.h"
#include "notes.h"
#include "post.h"
#include "render.h"
#include "search.h"
#include "strbuf.h"
#include "sync.h"
#include "util.h"
#include "tap.h"

static char base[] = "/tmp/digest-tui-notes.XXXXXX";

static const char post_a[] =
	"---\n"
	"title: \"Daily Papers — 2025-11-28\"\n"
	"date: 2025-11-28 08:00:00\n"
	"---\n\n"
	"# 1. [LoRA: Low-Rank Adaptation of Large Language Models](https://arxiv.org/abs/2106.09685)\n\n"
	"## Introduction\n\nText.\n\n"
	"# 2. [A Blog Post](https://example.com/post)\n\n"
	"## Introduction\n\nText.\n\n"
	"# 3. [Old Style](https://arxiv.org/abs/hep-th/9901001)\n\n"
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

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "w");
	if (!f || fwrite(data, 1, len, f) != len)
		printf("# cannot write %s\n", path);
	if (f)
		fclose(f);
}

static char *read_all(const char *path)
{
	char *data = NULL;
	size_t len;
	if (fileio_read(path, FILEIO_FILE_MAX, 0, &data, &len, NULL) < 0)
		return xstrdup("(unreadable)");
	return data;
}

/* Writes the note of key in n. */
static void put_note(struct notes *n, const char *key, const char *text)
{
	struct strbuf path = STRBUF_INIT;
	notes_path(n, key, &path);
	write_file(path.buf, text, strlen(text));
	strbuf_release(&path);
}

static void test_place(void)
{
	struct config cfg;
	config_init_defaults(&cfg);
	struct strbuf err = STRBUF_INIT, path = STRBUF_INIT, want = STRBUF_INIT;
	setenv("XDG_DATA_HOME", "/x/data", 1);
	setenv("XDG_STATE_HOME", "/x/state", 1);
	struct notes *n = notes_open(&cfg, &err);
	ok(n && !strcmp(notes_dir(n), "/x/data/digest-tui/notes"),
	   "the notes live in $XDG_DATA_HOME/digest-tui/notes");
	notes_path(n, "hep-th/9901001", &path);
	sync_note_path(&cfg, "hep-th/9901001", &want, &err);
	is_str(path.buf, want.buf, "  a note's path is sync_note_path's");
	is_str(path.buf, "/x/data/digest-tui/notes/hep-th%2F9901001.md", "  ID.md, / as %%2F");
	notes_free(n);
	config_set(&cfg, "sync-dir", "/x/Sync", &err);
	n = notes_open(&cfg, &err);
	is_str(notes_dir(n), "/x/Sync/notes", "with sync-dir, in DIR/notes");
	notes_free(n);
	is_str(err.buf, "", "no errors");
	ok(!notes_has(NULL, "x") && !notes_lookup(NULL, "x"), "no notes at all: none has one");
	strbuf_release(&err);
	strbuf_release(&path);
	strbuf_release(&want);
	config_free(&cfg);
}

static void test_template_and_body(const struct archive *a)
{
	struct strbuf t = STRBUF_INIT, b = STRBUF_INIT;
	const struct digest *d = &a->v[0];
	notes_template(d, &d->papers[0], NULL, &t);
	is_str(t.buf,
	       "# LoRA: Low-Rank Adaptation of Large Language Models\n"
	       "\n"
	       "- Date: 2025-11-28\n"
	       "- arXiv: https://arxiv.org/abs/2106.09685\n"
	       "- Alphaxiv: https://www.alphaxiv.org/ko/overview/2106.09685\n"
	       "\n",
	       "the template: title, date, arXiv and Alphaxiv links, an empty line");
	strbuf_reset(&t);
	notes_template(d, &d->papers[0], "en", &t);
	ok(strstr(t.buf, "alphaxiv.org/en/overview/") != NULL, "  the Alphaxiv link in alphaxiv-lang");
	strbuf_reset(&t);
	notes_template(NULL, &d->papers[1], NULL, &t);
	is_str(t.buf, "# A Blog Post\n\n\n", "  no date, no arXiv: neither line");

	/* What counts as a note. */
	strbuf_reset(&t);
	notes_template(d, &d->papers[0], NULL, &t);
	notes_body(t.buf, t.len, &b);
	is_str(b.buf, "", "an untouched template has no body: no note");
	strbuf_reset(&b);
	const char *other = "# Another Title\n- Date: 1999-01-01\n- arXiv: x\n- Alphaxiv: y\n\n\n";
	notes_body(other, strlen(other), &b);
	is_str(b.buf, "", "  whatever its date, links or title say");
	strbuf_reset(&b);
	notes_body("", 0, &b);
	is_str(b.buf, "", "an empty file: no note");
	notes_body(" \n\n  \t\n", 7, &b);
	is_str(b.buf, "", "blanks only: no note");
	strbuf_reset(&t);
	notes_template(d, &d->papers[0], NULL, &t);
	strbuf_addstr(&t, "Worth a read.\n\n- Date: kept below the head\n\n\n");
	notes_body(t.buf, t.len, &b);
	is_str(b.buf, "Worth a read.\n\n- Date: kept below the head",
	       "the body: what follows the head, without blank lines at its end");
	strbuf_reset(&b);
	const char *plain = "No template at all\n# a heading later\n";
	notes_body(plain, strlen(plain), &b);
	is_str(b.buf, "No template at all\n# a heading later", "a note without the template is all body");
	strbuf_release(&t);
	strbuf_release(&b);
}

static void test_hostile(const char *dir)
{
	struct notes *n = notes_open_dir(dir);
	struct strbuf b = STRBUF_INIT, err = STRBUF_INIT;
	static const char hostile[] =
		"# T\n\nred \x1b[31mtext\x1b[0m and \x1b]52;c;aGk=\x07" "clip\r\n"
		"bidi \xe2\x80\xae" "evil\xe2\x80\xac" " bad \xff\xfe byte \x01\x7f\tend\r\nnul \0 here\n";
	struct strbuf path = STRBUF_INIT;
	notes_path(n, "2106.09685", &path);
	write_file(path.buf, hostile, sizeof(hostile) - 1);
	is_int(notes_get(n, "2106.09685", &b, &err), 1, "a hostile note is read");
	is_str(b.buf, "red text and clip\nbidi evil bad \xef\xbf\xbd\xef\xbf\xbd byte   end\nnul  here",
	       "  escape sequences, bidi controls and control characters gone, bad bytes U+FFFD, "
	       "CRLF a line break");
	ok(!memchr(b.buf, 0x1b, b.len) && !strstr(b.buf, "\r"), "  no ESC, no CR");

	/* Too large: not read, said, yet a note. */
	size_t big = NOTES_MAX_BYTES + 10;
	char *data = xmalloc(big);
	memset(data, 'x', big);
	strbuf_reset(&path);
	notes_path(n, "2401.00001", &path);
	write_file(path.buf, data, big);
	free(data);
	is_int(notes_get(n, "2401.00001", &b, &err), -1, "a note over NOTES_MAX_BYTES is not read");
	ok(strstr(err.buf, "larger than 256 KiB") != NULL, "  and said: %s", err.buf);
	is_int(notes_has(n, "2401.00001"), 1, "  but it is a note (the glyph)");
	ok(!notes_lookup(n, "2401.00001") && strstr(notes_errors(n), "larger than") != NULL,
	   "  the bulk lookup leaves it out, and says so");
	unlink(path.buf);

	/* A FIFO where a note goes: refused, never waited on. */
	strbuf_reset(&path);
	notes_path(n, "2401.00002", &path);
	mkfifo(path.buf, 0600);
	strbuf_reset(&err);
	is_int(notes_get(n, "2401.00002", &b, &err), -1, "a FIFO as a note is refused");
	is_int(notes_has(n, "2401.00002"), 0, "  and is no note");
	unlink(path.buf);
	strbuf_release(&path);
	strbuf_release(&b);
	strbuf_release(&err);
	notes_free(n);
}

static void test_create_and_has(const char *dir, const struct archive *a)
{
	struct strbuf nd = STRBUF_INIT, path = STRBUF_INIT, err = STRBUF_INIT, b = STRBUF_INIT;
	strbuf_addf(&nd, "%s/made/notes", dir); /* made on first use */
	struct notes *n = notes_open_dir(nd.buf);
	const struct digest *d = &a->v[0];
	char *key = marks_paper_key(d, &d->papers[0]);
	is_int(notes_has(n, key), 0, "no file: no note");
	is_int(notes_create(n, d, &d->papers[0], NULL, &path, &err), 1, "notes_create makes the note");
	struct strbuf want = STRBUF_INIT;
	notes_path(n, key, &want);
	is_str(path.buf, want.buf, "  at its path");
	struct stat st;
	ok(stat(path.buf, &st) == 0 && (st.st_mode & 0777) == 0600, "  private to the user (0600)");
	char *text = read_all(path.buf);
	struct strbuf t = STRBUF_INIT;
	notes_template(d, &d->papers[0], NULL, &t);
	is_str(text, t.buf, "  holding the template");
	free(text);
	is_int(notes_has(n, key), 0, "  which is no note yet");
	is_int(notes_get(n, key, &b, &err), 0, "  nor has a body");

	write_file(path.buf, "mine\n", 5);
	strbuf_reset(&path);
	is_int(notes_create(n, d, &d->papers[0], NULL, &path, &err), 0,
	       "a note that exists is not made again");
	text = read_all(path.buf);
	is_str(text, "mine\n", "  nor replaced");
	free(text);
	is_int(notes_has(n, key), 1, "written: a note");
	is_int(notes_get(n, key, &b, &err), 1, "  read");
	is_str(b.buf, "mine", "  its body");
	is_str(err.buf, "", "no errors");
	free(key);
	notes_free(n);
	strbuf_release(&nd);
	strbuf_release(&path);
	strbuf_release(&want);
	strbuf_release(&t);
	strbuf_release(&err);
	strbuf_release(&b);
}

/* The words of argv as [a][b]...; NULL as "NULL". */
static const char *words(char **argv, struct strbuf *out)
{
	strbuf_reset(out);
	if (!argv)
		return "NULL";
	for (char **w = argv; *w; w++)
		strbuf_addf(out, "[%s]", *w);
	launch_argv_free(argv);
	return out->buf;
}

static void test_editor_argv(void)
{
	struct strbuf w = STRBUF_INIT, err = STRBUF_INIT;
	const char *path = "/n/a b $(rm -rf x);'\".md";
	setenv("VISUAL", "vis --flag", 1);
	setenv("EDITOR", "ed", 1);
	is_str(words(notes_editor_argv("emacs -nw", path, &err), &w),
	       "[emacs][-nw][/n/a b $(rm -rf x);'\".md]",
	       "the editor setting wins; the path is one last word, whatever it holds");
	is_str(words(notes_editor_argv("  ", path, &err), &w), "[vis][--flag][/n/a b $(rm -rf x);'\".md]",
	       "a blank setting is unset: $VISUAL, split");
	is_str(words(notes_editor_argv(NULL, "/n.md", &err), &w), "[vis][--flag][/n.md]",
	       "no setting: $VISUAL");
	setenv("VISUAL", "", 1);
	is_str(words(notes_editor_argv(NULL, "/n.md", &err), &w), "[ed][/n.md]",
	       "an empty $VISUAL is unset: $EDITOR");
	unsetenv("VISUAL");
	setenv("EDITOR", "'my editor' -c \"set ft=markdown\" a\\ b $HOME", 1);
	is_str(words(notes_editor_argv(NULL, "/n.md", &err), &w),
	       "[my editor][-c][set ft=markdown][a b][$HOME][/n.md]",
	       "quotes and backslashes as the browser setting's, nothing expanded");
	unsetenv("EDITOR");
	is_str(words(notes_editor_argv(NULL, "/n.md", &err), &w), "[vi][/n.md]",
	       "neither: vi");
	is_str(err.buf, "", "  no errors");
	is_str(words(notes_editor_argv("emacs 'unclosed", "/n.md", &err), &w), "NULL",
	       "a command that does not split: no argv");
	is_str(err.buf, "cannot read the editor command (the editor setting): unterminated single quote",
	       "  and one line says why");
	strbuf_release(&w);
	strbuf_release(&err);
}

static void test_edit(const char *dir, const struct archive *a)
{
	struct strbuf script = STRBUF_INIT, nd = STRBUF_INIT, err = STRBUF_INIT, b = STRBUF_INIT;
	strbuf_addf(&script, "%s/editor.sh", dir);
	const char *body = "#!/bin/sh\n[ $# -eq 2 ] && [ \"$1\" = --flag ] || exit 9\n"
			   "printf 'Read the appendix.\\n' >>\"$2\"\n";
	write_file(script.buf, body, strlen(body));
	chmod(script.buf, 0700);
	strbuf_addf(&nd, "%s/edit", dir);
	struct notes *n = notes_open_dir(nd.buf);
	struct config cfg;
	config_init_defaults(&cfg);
	struct strbuf cmd = STRBUF_INIT;
	strbuf_addf(&cmd, "%s --flag", script.buf);
	config_set(&cfg, "editor", cmd.buf, &err);
	const struct digest *d = &a->v[0];
	is_int(notes_edit(n, &cfg, d, &d->papers[2], &err), 0, ":note runs the editor on a new note");
	char *key = marks_paper_key(d, &d->papers[2]);
	is_int(notes_get(n, key, &b, &err), 1, "  which the editor made a note");
	is_str(b.buf, "Read the appendix.", "  below the template");
	is_int(notes_edit(n, &cfg, d, &d->papers[2], &err), 0, "editing it again");
	notes_get(n, key, &b, &err);
	is_str(b.buf, "Read the appendix.\nRead the appendix.", "  keeps what it held");
	is_str(err.buf, "", "  no errors");
	config_set(&cfg, "editor", script.buf, &err); /* no --flag: exits 9 */
	is_int(notes_edit(n, &cfg, d, &d->papers[2], &err), -1, "an editor that fails");
	ok(strstr(err.buf, "exited with status 9") != NULL, "  says so: %s", err.buf);
	free(key);
	notes_free(n);
	config_free(&cfg);
	strbuf_release(&cmd);
	strbuf_release(&script);
	strbuf_release(&nd);
	strbuf_release(&err);
	strbuf_release(&b);
}

/* --search's hits for query as "D.P D.P". */
static const char *hits(const struct archive *a, struct notes *n, const char *query,
			struct strbuf *out)
{
	struct search_results r;
	struct search_extra x;
	struct strbuf err = STRBUF_INIT;
	search_results_init(&r);
	search_extra_init(&x);
	notes_search_extra(n, a, &x);
	strbuf_reset(out);
	if (search_archive(a, query, NULL, NULL, &x, &r, &err) < 0)
		strbuf_addstr(out, "error");
	for (size_t i = 0; i < r.n; i++)
		strbuf_addf(out, "%s%zu.%zu", i ? " " : "", r.v[i].digest, r.v[i].paper);
	search_results_free(&r);
	search_extra_free(&x);
	strbuf_release(&err);
	return out->buf;
}

static void test_search(const char *dir, const struct archive *a)
{
	struct strbuf nd = STRBUF_INIT, s = STRBUF_INIT;
	strbuf_addf(&nd, "%s/search", dir);
	fileio_mkdirs(nd.buf, 0700, NULL);
	struct notes *n = notes_open_dir(nd.buf);
	is_str(hits(a, n, "note:appendix", &s), "", "note: without notes: no hit");
	is_str(hits(a, n, "Text", &s), "0.0 0.1 0.2", "plain words: the posts' text");
	put_note(n, "2106.09685", "# LoRA\n\n- Date: 2025-11-28\n\nThe APPENDIX has 강화학습 tricks.\n");
	put_note(n, "url:https://example.com/post", "# A Blog Post\n\n- Date: 2025-11-28\n\n");
	is_str(hits(a, n, "appendix", &s), "0.0", "a plain word only the note has finds the paper");
	is_str(hits(a, n, "note:appendix", &s), "0.0", "note:WORD finds it, case-folded");
	is_str(hits(a, n, "note:ㄱㅎㅎㅅ", &s), "0.0", "note: with 초성");
	is_str(hits(a, n, "ㄱㅎㅎㅅ", &s), "0.0", "a plain 초성 query finds the note too");
	is_str(hits(a, n, "note:2025", &s), "", "the template's head is not searched");
	is_str(hits(a, n, "note:blog", &s), "", "an untouched template is no note");
	is_str(hits(a, n, "Text note:tricks", &s), "0.0", "plain words and note: together");
	is_str(hits(a, n, "Old note:tricks", &s), "", "  both must match");
	is_str(hits(a, n, "note:tricks note:zzz", &s), "", "every note: must match");
	put_note(n, "hep-th/9901001", "Tricks of the trade\n");
	is_str(hits(a, n, "note:tricks", &s), "0.0 0.2", "a note written since is found by the next search");
	is_str(hits(a, n, "note:", &s), "error", "note: with nothing after it is nothing to search for");
	put_note(n, "2106.09685", "Read the blog first.\n");
	is_str(hits(a, n, "blog", &s), "0.0 0.1", "the note's hits and the posts' merge in archive order");

	/* As the reader searches while typing: search_run, then search_refine
	 * from the previous hits; the note's hits come back each time. */
	struct search_index *ix = search_index_build(a);
	struct search_extra x;
	struct search_query q1, q2;
	struct search_results r;
	search_extra_init(&x);
	search_results_init(&r);
	notes_search_extra(n, a, &x);
	search_query_parse("firs", 4, &q1);
	search_query_parse("first", 5, &q2);
	search_run(ix, &q1, &r);
	is_int((long)search_add_extra(&q1, &x, &r), 1, "search_add_extra after search_run");
	search_refine(ix, &q2, &r, &r);
	is_int((long)search_add_extra(&q2, &x, &r), 1, "  and after search_refine");
	ok(r.n == 1 && r.v[0].digest == 0 && r.v[0].paper == 0, "  the noted paper");
	is_int((long)search_paper_matches(&q2, &a->v[0].papers[0]), 0,
	       "  (its post alone does not match)");
	search_query_free(&q1);
	search_query_free(&q2);
	search_query_parse("note:first", 10, &q1);
	is_int(search_paper_matches(&q1, &a->v[0].papers[0]), 0,
	       "one paper without the notes: a note: query matches nothing");
	search_query_free(&q1);
	search_results_free(&r);
	search_extra_free(&x);
	search_index_free(ix);
	notes_free(n);
	strbuf_release(&nd);
	strbuf_release(&s);
}

static void test_exports(const char *dir, const struct archive *a)
{
	struct strbuf nd = STRBUF_INIT, with = STRBUF_INIT, without = STRBUF_INIT;
	strbuf_addf(&nd, "%s/exports", dir);
	fileio_mkdirs(nd.buf, 0700, NULL);
	struct notes *n = notes_open_dir(nd.buf);
	/* Without notes: what export_make made before notes were. */
	for (int f = EXPORT_MARKDOWN; f <= EXPORT_TSV; f++) {
		strbuf_reset(&with);
		strbuf_reset(&without);
		export_make_notes(a, NULL, n, 0, (enum export_format)f, NULL, NULL, &with);
		export_make(a, NULL, 0, (enum export_format)f, NULL, NULL, &without);
		is_str(with.buf, without.buf, "%s: no note, the same bytes",
		       export_format_name((enum export_format)f));
	}
	put_note(n, "2106.09685",
		 "# LoRA\n\n- Date: 2025-11-28\n\n# Verdict\nUse r = 8.\n\n```\n# not a heading\n"
		 "```\n{braces} 100% \\ back\ttab\n");
	strbuf_reset(&with);
	export_make_notes(a, NULL, n, 0, EXPORT_MARKDOWN, NULL, NULL, &with);
	is_str(with.buf,
	       "- [LoRA: Low-Rank Adaptation of Large Language Models](https://arxiv.org/abs/2106.09685)"
	       " — arXiv:2106.09685 (2025-11-28)\n"
	       "  > #### Verdict\n"
	       "  > Use r = 8.\n"
	       "  >\n"
	       "  > ```\n"
	       "  > # not a heading\n"
	       "  > ```\n"
	       "  > {braces} 100% \\ back    tab\n"
	       "- [A Blog Post](https://example.com/post) (2025-11-28)\n"
	       "- [Old Style](https://arxiv.org/abs/hep-th/9901001) — arXiv:hep-th/9901001 (2025-11-28)\n",
	       "Markdown: the note a quote in its item, its headings down three levels but in code");
	strbuf_reset(&with);
	export_make_notes(a, NULL, n, 0, EXPORT_BIBTEX, NULL, NULL, &with);
	ok(strstr(with.buf, "  url = {https://arxiv.org/abs/2106.09685},\n"
			    "  note = {\\# Verdict Use r = 8. ``` \\# not a heading ``` "
			    "\\textbraceleft{}braces\\textbraceright{} 100\\% \\textbackslash{} back tab},\n}\n")
	   != NULL, "BibTeX: note = {...}, escaped as titles are, its lines folded");
	ok(strstr(with.buf, "@misc{paper-2025-11-28-2,\n  title = {A Blog Post},\n  year = {2025},\n"
			    "  url = {https://example.com/post},\n}\n") != NULL,
	   "  a paper without a note has no note field");
	strbuf_reset(&with);
	export_make_notes(a, NULL, n, 0, EXPORT_TSV, NULL, NULL, &with);
	is_str(with.buf,
	       "2025-11-28\t1\t2106.09685\tn\tLoRA: Low-Rank Adaptation of Large Language Models\t"
	       "# Verdict\\nUse r = 8.\\n\\n```\\n# not a heading\\n```\\n{braces} 100% \\\\ back    tab\n"
	       "2025-11-28\t2\t-\t-\tA Blog Post\t-\n"
	       "2025-11-28\t3\thep-th/9901001\t-\tOld Style\t-\n",
	       "TSV: a last column, NOTE, one field (\\\\ \\n escaped); MARKS has n");

	/* The --list MARKS letter. */
	struct strbuf line = STRBUF_INIT;
	export_list_line(&a->v[0], &a->v[0].papers[0], NULL, n, &line);
	export_list_line(&a->v[0], &a->v[0].papers[1], NULL, n, &line);
	export_list_line(&a->v[0], &a->v[0].papers[0], NULL, NULL, &line);
	is_str(line.buf,
	       "2025-11-28\t1\t2106.09685\tn\tLoRA: Low-Rank Adaptation of Large Language Models\n"
	       "2025-11-28\t2\t-\t-\tA Blog Post\n"
	       "2025-11-28\t1\t2106.09685\t-\tLoRA: Low-Rank Adaptation of Large Language Models\n",
	       "--list: n for a note, '-' still for nothing");
	notes_free(n);
	strbuf_release(&line);
	strbuf_release(&nd);
	strbuf_release(&with);
	strbuf_release(&without);
}

/* A directory of many files: the scan reads names only, and a paper looked
 * up reads its note once. */
static void test_lookup(const char *dir)
{
	struct strbuf nd = STRBUF_INIT;
	strbuf_addf(&nd, "%s/lookup", dir);
	fileio_mkdirs(nd.buf, 0700, NULL);
	struct notes *n = notes_open_dir(nd.buf);
	put_note(n, "2501.00001", "one\n");
	is_str(notes_lookup(n, "2501.00001"), "one", "notes_lookup: the body");
	ok(!notes_lookup(n, "2501.00002"), "  none for a paper without a note");
	put_note(n, "2501.00002", "two\n");
	put_note(n, "2501.00001", "changed\n");
	ok(!notes_lookup(n, "2501.00002") && !strcmp(notes_lookup(n, "2501.00001"), "one"),
	   "  a snapshot: what changed since is not seen");
	notes_forget(n);
	ok(!strcmp(notes_lookup(n, "2501.00002"), "two") &&
	   !strcmp(notes_lookup(n, "2501.00001"), "changed"), "  until notes_forget");
	is_str(notes_errors(n), "", "  no errors");
	notes_free(n);
	strbuf_release(&nd);
}

static void collect_key(const char *key, int whole, void *ctx)
{
	strbuf_addf(ctx, "%s%s%s", ((struct strbuf *)ctx)->len ? " " : "", key, whole ? "" : "...");
}

/* The keys the notes stand for, for finding their papers among digests
 * not parsed yet: only notes with a body, in any order (sorted here). */
static void test_keys(const char *dir)
{
	struct strbuf nd = STRBUF_INIT, keys = STRBUF_INIT;
	strbuf_addf(&nd, "%s/keys", dir);
	fileio_mkdirs(nd.buf, 0700, NULL);
	struct notes *n = notes_open_dir(nd.buf);
	notes_foreach_key(n, collect_key, &keys);
	is_str(keys.buf, "", "notes_foreach_key: no notes, no key");
	put_note(n, "hep-th/9901001", "one\n");
	put_note(n, "url:https://example.com/a b", "two\n");
	put_note(n, "2501.00003", "# Untouched\n\n- Date: 2025-01-01\n\n");
	notes_forget(n);
	notes_foreach_key(n, collect_key, &keys);
	ok(!strcmp(keys.buf, "hep-th/9901001 url:https://example.com/a b") ||
	   !strcmp(keys.buf, "url:https://example.com/a b hep-th/9901001"),
	   "  each note with a body, by the key its name stands for: %s", keys.buf);
	notes_free(n);
	strbuf_release(&nd);
	strbuf_release(&keys);
}

/* The lines of r from its last section on, plain, one a line. */
static void last_section(const struct rendered_paper *r, struct strbuf *out)
{
	for (size_t i = r->nsections ? r->section_line[r->nsections - 1] : 0; i < r->lines.n; i++)
		render_line_plain(&r->lines.v[i], out);
}

static void test_render(const struct archive *a)
{
	struct layout_opts o;
	layout_opts_init(&o);
	o.width = 40;
	struct rendered_paper r;
	struct strbuf got = STRBUF_INIT;
	render_paper(&a->v[0].papers[0], &o, &r);
	size_t sections = r.nsections, lines = r.lines.n;
	notes_render_into("## Verdict\n\n- **cheap**: rank 8 is enough\n- read [the appendix](https://x.org)\n",
			  &o, &r);
	ok(r.nsections == sections + 1 && r.section_canonical[sections] == NOTES_SECTION &&
	   r.section_line[sections] == lines + 1,
	   "the Notes section: the last, key %d, after a blank line", NOTES_SECTION);
	last_section(&r, &got);
	is_str(got.buf, "Notes\n  Verdict\n\n  - cheap: rank 8 is enough\n  - read the appendix\n",
	       "  the note's Markdown laid out as a section's (a link keeps its text)");
	rendered_paper_free(&r);
	render_paper(&a->v[0].papers[0], &o, &r);
	notes_render_into("mine\n<<<<<<< ours\n# A\n=======\n> B\n>>>>>>> theirs", &o, &r);
	strbuf_reset(&got);
	last_section(&r, &got);
	is_str(got.buf, "Notes\n    mine\n    <<<<<<< ours\n    # A\n    =======\n    > B\n    >>>>>>> theirs\n",
	       "  a note with conflict markers: each line as it is");
	rendered_paper_free(&r);
	strbuf_release(&got);
}

int main(void)
{
	if (!mkdtemp(base)) {
		tap_skip_all("cannot make a temporary directory");
		return 0;
	}
	setenv("HOME", base, 1);
	struct archive a;
	archive_init(&a);
	add_post(&a, post_a, "/x/2025-11-28-daily-papers-20251128.md");
	test_place();
	test_template_and_body(&a);
	test_hostile(base);
	test_create_and_has(base, &a);
	test_editor_argv();
	test_edit(base, &a);
	test_search(base, &a);
	test_exports(base, &a);
	test_lookup(base);
	test_keys(base);
	test_render(&a);
	archive_free(&a);
	struct strbuf rm = STRBUF_INIT;
	strbuf_addf(&rm, "rm -rf '%s'", base);
	if (system(rm.buf) != 0)
		printf("# could not remove %s\n", base);
	strbuf_release(&rm);
	return tap_done();
}
