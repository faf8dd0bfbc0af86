/* post: turns the bytes of one daily digest post (front matter + Markdown) into
 * the digest model, with cmark's AST. Tolerates the variants real posts have;
 * rejects with a reason what is not a post at all. No I/O but post_load. */
#ifndef DIGEST_POST_H
#define DIGEST_POST_H

#include <stddef.h>

#include "model.h"

/* Parses a post. `path` is recorded and used for the date when the front
 * matter has none. Returns 0, or -1 with *why set to a static reason when the
 * bytes are not a digest post (d is then empty), in English: _(why) shows
 * it. */
int post_parse(const char *data, size_t len, const char *path,
	       struct digest *d, const char **why);

/* Parses Markdown that is no post (a note: notes.h) into the blocks of
 * section s, as a paper's sections are parsed: paragraphs, headings (as
 * paragraphs), lists with their labels, quotes, code. A link keeps its text
 * only. md is any bytes the layout engine cleaned (layout_sanitize). Free
 * s with section_free. */
void post_parse_blocks(const char *md, size_t len, struct section *s);

/* Reads and parses a file. Returns 0, or -1 with a one-line message in err
 * ("FILE: reason"). */
struct strbuf;
int post_load(const char *path, struct digest *d, struct strbuf *err);

#endif
