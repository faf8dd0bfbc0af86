/* notes: the reader's own notes on papers — a Markdown file a paper, where
 * sync_note_path (sync.h) puts it: $XDG_DATA_HOME/digest-tui/notes/ID.md,
 * or the notes/ of the synced folder or git work tree when sync is set. It
 * owns what a note holds (the template it starts from, what counts as a
 * note, its text made safe to show), the editor that edits it, and finding
 * the notes of many papers at once for --list, the exports and the search.
 * Where notes live is sync.h's; showing them is the reader's. No curses.
 *
 * A note starts, on first use (notes_create), as a template:
 *
 *	# Attention Is All You Need
 *
 *	- Date: 2025-11-27
 *	- arXiv: https://arxiv.org/abs/1706.03762
 *	- Alphaxiv: https://www.alphaxiv.org/ko/overview/1706.03762
 *
 * and an empty line for the user (Date when the digest has one, the links
 * when the paper has them).
 *
 * Its body is the note less the template's head — its leading lines that
 * are blank or begin "- Date:", "- arXiv:" or "- Alphaxiv:" (whatever they
 * say), and the first non-blank one when it is a heading ("# ") — and
 * without blank lines at its end. A note whose body is empty — an empty
 * file, blanks only, or the template as it was made (whatever the date or
 * links, or the title the heading says) — counts as no note: no glyph,
 * nothing exported, nothing found. The body is what the Notes section
 * shows, the exports carry and the search looks in.
 *
 * The note is the user's text, but it may come from another machine (sync):
 * it is read bounded (NOTES_MAX_BYTES; a larger note is not read, and said)
 * and cleaned as the posts' text is (layout_sanitize: valid UTF-8, escape
 * sequences and control and bidi characters removed but the line breaks,
 * tabs as spaces, NFC).
 *
 * Usage, in the reader:
 *
 *	struct notes *n = notes_open(cfg, err);      // NULL: nowhere (no HOME)
 *	notes_has(n, key);                           // the list's glyph, a row
 *	notes_get(n, key, &body, err);               // the Notes section
 *	endwin(); notes_edit(n, cfg, d, p, err); ... // :note, then redraw
 *	notes_free(n);
 */
#ifndef DIGEST_NOTES_H
#define DIGEST_NOTES_H

#include <stddef.h>

#include "layout.h"
#include "model.h"
#include "render.h"
#include "strbuf.h"

struct archive;
struct config;
struct search_extra;

/* The largest note read; a larger one is said in notes_errors and not read
 * (it still counts as a note: notes_has). */
#define NOTES_MAX_BYTES ((size_t)256 << 10)
/* The most files of the notes directory one scan looks at (see
 * notes_lookup); the rest are said in notes_errors. */
#define NOTES_SCAN_MAX 100000

struct notes;

/* The notes of configuration cfg (where sync_note_path puts them). Returns
 * them, or NULL with one line in err when they have no place (neither
 * XDG_DATA_HOME nor HOME is set). Nothing is read or made yet. */
struct notes *notes_open(const struct config *cfg, struct strbuf *err);
/* The notes in directory dir (for tests). */
struct notes *notes_open_dir(const char *dir);
void notes_free(struct notes *n);
/* The directory the notes are in. */
const char *notes_dir(const struct notes *n);

/* Appends the path of the note of the paper whose marks key (marks.h:
 * marks_paper_key) is key. */
void notes_path(const struct notes *n, const char *key, struct strbuf *out);

/* Whether the paper has a note (see above), as the file is now: one stat
 * when it has no file, a read of it when it has. 1 or 0; a note that
 * cannot be read (too large, say) counts as one. n may be NULL (0). */
int notes_has(const struct notes *n, const char *key);

/* The note's body, cleaned, into body (reset first), as the file is now.
 * Returns 1 (a note), 0 (none: no file, or an empty body), or -1 with one
 * line in err (larger than NOTES_MAX_BYTES, not a regular file, unreadable). */
int notes_get(const struct notes *n, const char *key, struct strbuf *body,
	      struct strbuf *err);

/* The body (see above) of a note's text (any bytes), cleaned, appended to
 * out. */
void notes_body(const char *text, size_t len, struct strbuf *out);

/* Appends the template (see above) of paper p of digest d (NULL: no date),
 * its Alphaxiv link in language lang (NULL: the default, as url_for_paper). */
void notes_template(const struct digest *d, const struct paper *p, const char *lang,
		    struct strbuf *out);

/* Makes the note of paper p (of digest d) from the template when it has
 * none: written atomically, and never over a note that exists, even one
 * made meanwhile (fileio_create_atomic); the directory is made when
 * missing. Appends the note's path to path. Returns 1 when made, 0 when
 * the file was there, -1 with one line in err. */
int notes_create(const struct notes *n, const struct digest *d, const struct paper *p,
		 const char *lang, struct strbuf *path, struct strbuf *err);

/* The command that edits the note at path: the editor setting (editor; NULL
 * or blank: unset), else $VISUAL, else $EDITOR (an empty variable is
 * unset), else vi; split into words as the browser setting is
 * (launch_split: quotes and backslashes, no expansion, never a shell), and
 * path added as the last argument, one word whatever it holds. Returns a
 * NULL-terminated vector (launch_argv_free), or NULL with one line in err (a
 * command that does not split: an unterminated quote, say). */
char **notes_editor_argv(const char *editor, const char *path, struct strbuf *err);

/* :note: makes the note of paper p of digest d when it has none
 * (notes_create, with cfg's alphaxiv-lang), then runs the editor on it
 * (notes_editor_argv with cfg's editor) in this terminal and waits for it
 * (launch_wait). The caller hands the screen over before and takes it back
 * after, a resize meanwhile included. Returns 0, or -1 with one line in err
 * (the note could not be made, no editor, the editor failed: a non-zero
 * status). */
int notes_edit(const struct notes *n, const struct config *cfg, const struct digest *d,
	       const struct paper *p, struct strbuf *err);

/* ---- many papers at once ------------------------------------------------------
 * For --list, the exports and the search: the notes directory is read once
 * (its *.md names, at most NOTES_SCAN_MAX), at the first notes_lookup after
 * notes_open or notes_forget, and each note read at most once, when first
 * asked for. A paper without a file costs a hash lookup, and nothing at all
 * while the directory holds no note. */

/* The body of key's note (a cleaned, NUL-terminated string owned by n,
 * valid until notes_forget or notes_free), or NULL when it has none. n may
 * be NULL (none). A note that cannot be read adds a line to notes_errors. */
const char *notes_lookup(struct notes *n, const char *key);
/* Calls fn with the key (marks_paper_key) of each note of the directory
 * that has a body, as its file name says (sync_note_key: whole 0 for a name
 * cut short, whose key is only the key's start): to find the papers of the
 * notes among digests not parsed yet. fn must not call notes_forget. */
typedef void notes_key_fn(const char *key, int whole, void *ctx);
void notes_foreach_key(struct notes *n, notes_key_fn *fn, void *ctx);
/* Forgets what notes_lookup read: the next one reads the directory again. */
void notes_forget(struct notes *n);
/* Lines (each ending in a newline) about notes that could not be read, for
 * the caller to show; "" when none. */
const char *notes_errors(const struct notes *n);

/* Adds to x (search.h) the body of each paper of a that has a note, as a
 * search takes it (the directory read again first: notes_forget). n may be
 * NULL. Returns how many papers got one. */
size_t notes_search_extra(struct notes *n, const struct archive *a, struct search_extra *x);

/* ---- the Notes section ------------------------------------------------------------
 * The reader shows a note as the paper's last section, Notes, after the
 * Abstract: the body is Markdown, laid out as the posts' sections are
 * (post_parse_blocks, render_section_into); a note that holds git's conflict
 * markers (a sync: sync.h) is shown line by line as it is, so both versions
 * and the markers can be read. */

/* The Notes section's number in rendered_paper.section_canonical: the key
 * after the Abstract's (facts_render.h: 6). */
#define NOTES_SECTION 7

/* Adds body (a note's body: notes_lookup, notes_get) to r as its Notes
 * section, laid out with o. */
void notes_render_into(const char *body, const struct layout_opts *o, struct rendered_paper *r);

#endif
