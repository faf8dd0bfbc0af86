/* export: writing papers out — the --list / --search line (DATE NUMBER
 * ARXIV_ID MARKS TITLE, tab-separated), and exports of all, starred or
 * queued papers as a Markdown list, BibTeX entries or those TSV lines with
 * a NOTE column, each paper with its note (notes.h) when it has one. One
 * function makes an export's bytes (export_make_notes) for --export
 * (stdout) and :export (a file, export_to_file), so the two cannot
 * disagree. Titles are sanitized (layout_sanitize) before they are written.
 * The only I/O is export_to_file's, through fileio, and the notes' reading
 * (notes_lookup). */
#ifndef DIGEST_EXPORT_H
#define DIGEST_EXPORT_H

#include <stddef.h>

#include "archive.h"
#include "marks.h"
#include "model.h"
#include "strbuf.h"

enum export_format {
	EXPORT_MARKDOWN,  /* - [Title](https://arxiv.org/abs/ID) — Authors —
			   * arXiv:ID (DATE); a note under it as a block quote
			   * in the item ("  > ..." lines, its headings three
			   * levels down) */
	EXPORT_BIBTEX,    /* @misc{KEY, title, author, year, eprint, archivePrefix,
			   * primaryClass, url, note}; in titles, words whose
			   * capitals must stay ({TiDAR}, {LLMs}, {GPT-4o}) in
			   * braces; the note escaped as titles are, its lines
			   * folded into one */
	EXPORT_TSV,       /* the --list format and a sixth column, NOTE: the
			   * note with \\ \t \n \r for backslash, tab, newline,
			   * carriage return; "-" for none */
};

/* "markdown" (or "md"), "bibtex" (or "bib"), "tsv". Returns 0, or -1. */
int export_format_parse(const char *name, enum export_format *f);
const char *export_format_name(enum export_format f);

struct notes;
struct paper_facts;

/* One --list line, newline included: DATE, NUMBER, ARXIV_ID, MARKS
 * (marks_letters, "-" when m is NULL; and "n" after them when the paper
 * has a note in notes, which may be NULL: "sn", or "n" alone), TITLE; "-"
 * for an unknown field. */
void export_list_line(const struct digest *d, const struct paper *p,
		      const struct marks *m, struct notes *notes, struct strbuf *out);

/* A paper with the digest it was read from, and its facts (facts.h) when
 * known: authors in BibTeX and Markdown, the primary category, and a BibTeX
 * key of the first author's family name, the year and the title's first
 * word (vaswani2017attention) instead of the arXiv ID. */
struct export_item {
	const struct digest *digest;
	const struct paper *paper;
	const struct paper_facts *facts;   /* or NULL */
	const char *note;                  /* its note's body (notes.h), or NULL */
};

/* Writes the items in order in the format. m is only used for TSV's MARKS
 * column (may be NULL). A paper without a note is written as it was before
 * notes were. */
void export_items(const struct export_item *items, size_t n,
		  enum export_format fmt, const struct marks *m,
		  struct strbuf *out);

/* Which papers an export holds, by name: "all" (0), "starred" (MARK_STAR),
 * "later" (MARK_LATER) into *marks. Returns 0, or -1. The one list of
 * --export and :export. */
int export_selection_parse(const char *name, unsigned *marks);

/* The facts of arxiv_id from ctx, or NULL when not known (they must stay
 * valid until the export returns): facts_lookup_get with a struct
 * facts_lookup (facts.h), or the reader's facts_ui_get with its app. */
typedef const struct paper_facts *(*export_facts_fn)(void *ctx, const char *arxiv_id);

/* The one export, the bytes --export prints and :export writes: the papers
 * of the archive (parsed posts, or the index's papers) that carry all the
 * marks in `marks` (0: every paper; MARK_STAR; MARK_LATER), in archive
 * order, each paper once (its first appearance: several days sharing a key
 * are one paper). Hidden papers are left out of every selection (unless
 * `marks` has MARK_HIDDEN). facts may be NULL (no authors, keys of arXiv
 * IDs). Each paper carries its note from notes (read as they are now:
 * notes_forget first; NULL: no notes). Returns the number of papers
 * written. */
size_t export_make_notes(const struct archive *a, const struct marks *m,
			 struct notes *notes, unsigned marks, enum export_format fmt,
			 export_facts_fn facts, void *ctx, struct strbuf *out);
/* export_make_notes without notes. */
size_t export_make(const struct archive *a, const struct marks *m, unsigned marks,
		   enum export_format fmt, export_facts_fn facts, void *ctx,
		   struct strbuf *out);

/* The format a file name asks for by its extension (case-insensitive):
 * .bib -> bibtex, .md or .markdown -> markdown, .tsv -> tsv. Returns 0, or
 * -1 for any other name. */
int export_format_for_path(const char *path, enum export_format *f);

/* An export to a file, as :export[!] SELECTION FILE [--format F] asks. */
struct export_request {
	unsigned marks;          /* as export_selection_parse gives it */
	const char *path;        /* as typed: ~/x.bib, x.bib, /tmp/x.bib */
	const char *format;      /* a name for export_format_parse, or NULL: the
				  * format of path's extension */
	int overwrite;           /* replace an existing file (:export!) */
	struct notes *notes;     /* the notes the papers carry, or NULL (set by
				  * the caller: export_request_parse leaves it
				  * NULL) */
};

/* Reads the words of a ':export' command line (argv[0] the command's name;
 * argv[1] the selection; then FILE and --format F, or a bare format word
 * after FILE as the older syntax had it) into *r, with r->overwrite =
 * overwrite (the command had its '!'). The strings point into argv. Returns
 * 0, or -1 with one line in err (a bad selection or format, no FILE, too
 * many words). */
int export_request_parse(char **argv, int argc, int overwrite,
			 struct export_request *r, struct strbuf *err);

/* export_to_file's answer when the file exists and r->overwrite is 0. */
#define EXPORT_EXISTS (-2)

/* Makes the export r asks for (export_make_notes, with r->notes, facts and
 * ctx as there) and writes it to r->path: a leading "~/" stands for $HOME, a
 * relative path is relative to base_dir (the reader passes the directory it
 * was started in, struct cli's start_dir; NULL: the current directory).
 * The file is written atomically (fileio: a reader of it never sees half an
 * export, a crash leaves the old file or the new one) with the old file's
 * permissions; a
 * symbolic link to a file is kept and the file it names replaced. A FIFO,
 * device or directory there is never replaced.
 *
 * Returns 0 with "exported 12 starred papers to /home/u/papers.bib" (the
 * absolute path) in msg; EXPORT_EXISTS, nothing written, when the file
 * exists and r->overwrite is 0, with "/home/u/papers.bib already exists" in
 * err (the reader asks whether to replace it and calls again with
 * overwrite); or -1 with one line in err: no format (an extension that names
 * none and no r->format: the line names the choices), a bad format, "~/"
 * without HOME, a missing directory, a file that is not a regular one, an
 * I/O error. Nothing is computed before the path and format are known good. */
int export_to_file(const struct archive *a, const struct marks *m,
		   export_facts_fn facts, void *ctx, const struct export_request *r,
		   const char *base_dir, struct strbuf *msg, struct strbuf *err);

/* The year of a paper for citations: from a new-style ID's YYMM, an
 * old-style ID's YY, else the digest's date; 0 when unknown. */
int export_year(const char *arxiv_id, const char *date);

#endif
