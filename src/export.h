/* export: writing papers out — the --list / --search line (DATE NUMBER
 * ARXIV_ID MARKS TITLE, tab-separated), and exports of starred or queued
 * papers as a Markdown list, BibTeX entries or those TSV lines. Titles are
 * sanitized (layout_sanitize) before they are written. The only I/O is
 * export_write_file, through fileio. */
#ifndef DIGEST_EXPORT_H
#define DIGEST_EXPORT_H

#include <stddef.h>

#include "archive.h"
#include "marks.h"
#include "model.h"
#include "strbuf.h"

enum export_format {
	EXPORT_MARKDOWN,  /* - [Title](https://arxiv.org/abs/ID) — arXiv:ID (DATE) */
	EXPORT_BIBTEX,    /* @misc{ID, title, year, eprint, archivePrefix, primaryClass, url} */
	EXPORT_TSV,       /* the --list format */
};

/* "markdown" (or "md"), "bibtex" (or "bib"), "tsv". Returns 0, or -1. */
int export_format_parse(const char *name, enum export_format *f);
const char *export_format_name(enum export_format f);

/* One --list line, newline included: DATE, NUMBER, ARXIV_ID, MARKS
 * (marks_letters; "-" when m is NULL), TITLE; "-" for an unknown field. */
void export_list_line(const struct digest *d, const struct paper *p,
		      const struct marks *m, struct strbuf *out);

/* A paper with the digest it was read from. */
struct export_item {
	const struct digest *digest;
	const struct paper *paper;
};

/* Writes the items in order in the format. m is only used for TSV's MARKS
 * column (may be NULL). */
void export_items(const struct export_item *items, size_t n,
		  enum export_format fmt, const struct marks *m,
		  struct strbuf *out);

/* Exports the papers of the archive that carry all the marks in `flags`
 * (e.g. MARK_STAR, or MARK_LATER), in archive order, each paper once (its
 * first appearance: several days sharing a key are one paper). Returns the
 * number of papers written. */
size_t export_papers(const struct archive *a, const struct marks *m,
		     unsigned flags, enum export_format fmt, struct strbuf *out);

/* Writes data to path atomically (fileio_replace: a reader of the file never
 * sees half an export, and a crash leaves the old file or the new one). A
 * leading "~/" stands for $HOME; a relative path is relative to the current
 * directory. The path written is put in `written` (when not NULL) for the
 * message. Returns 0, or -1 with one line in err ("~/ needs HOME", a missing
 * directory, a file name that is a directory, an I/O error). */
int export_write_file(const char *path, const char *data, size_t len,
		      struct strbuf *written, struct strbuf *err);

/* The year of a paper for citations: from a new-style ID's YYMM, an
 * old-style ID's YY, else the digest's date; 0 when unknown. */
int export_year(const char *arxiv_id, const char *date);

#endif
