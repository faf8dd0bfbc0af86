/* facts_render: the paper facts (facts.h) as display lines, spliced into a
 * rendered paper (render.h) — authors, category, first-version date,
 * upvotes, the arXiv comment and the code link under the title and links, and
 * an Abstract section after the digest's own sections. For --dump and the
 * paper view; the layout engine measures and wraps, as for the rest. */
#ifndef DIGEST_FACTS_RENDER_H
#define DIGEST_FACTS_RENDER_H

#include "facts.h"
#include "layout.h"
#include "render.h"

/* The Abstract's section_canonical number: the key after Conclusion (5). */
#define FACTS_SECTION_ABSTRACT 6
/* Without all_authors, more authors than this show as the first
 * FACTS_AUTHORS_SHOWN and "et al. (N)". */
#define FACTS_AUTHORS_BRIEF 4
#define FACTS_AUTHORS_SHOWN 3

/* Adds f to r, which render_paper made with the same o: the facts lines go
 * after the title and link lines (before the first blank line), the
 * Abstract (when known) becomes r's last section, and r's section lines are
 * moved to match. A missing-paper record (f->missing) adds nothing. The
 * labels are English, as --dump prints them. */
void facts_render_into(const struct paper_facts *f, const struct layout_opts *o,
		       int all_authors, struct rendered_paper *r);
/* The same, with the labels (Authors, first version, upvotes, Comment,
 * Code, "and", "et al.") in the language labels says: the reader's. The
 * Abstract's heading stays as the posts write their sections. */
void facts_render_labelled(const struct paper_facts *f, const struct layout_opts *o,
			   int all_authors, enum render_labels labels, struct rendered_paper *r);

/* The author list as one line, in English: "A, B and C", or with
 * all_authors unset and more than FACTS_AUTHORS_BRIEF names, "A, B, C et
 * al. (N)". */
void facts_authors_line(const struct paper_facts *f, int all_authors, struct strbuf *out);

#endif
