/* rank_why: why the for-me model scores a paper as it does — the terms of
 * the paper that pushed it up, and down, the most (their weight in the
 * model times their value in the paper's row), spelled as the paper spells
 * them. The model is rank.h's. No curses.
 *
 * A Hangul bigram is shown as the word it came from: the run of syllables
 * around it whose bigrams push the same way (at least a quarter as hard),
 * across one space to the next word when that one does too ("로봇 조작"),
 * less a particle that ends it (을, 의, 에서, ...: not 이 or 가, which end
 * too many words). A Latin term is shown as the display text (or else the
 * abstract) writes it ("VLA", not "vla"). A term already shown as part of
 * another is not shown again. */
#ifndef DIGEST_RANK_WHY_H
#define DIGEST_RANK_WHY_H

#include <stddef.h>

#include "rank_features.h"

struct rank_model;
struct strbuf;

#define RANK_WHY_UP 3
#define RANK_WHY_DOWN 2

struct rank_why_term {
	char *text;     /* as the paper writes it; owned */
	double push;    /* weight x value: > 0 up, < 0 down */
};

struct rank_why {
	struct rank_why_term up[RANK_WHY_UP], down[RANK_WHY_DOWN];
	size_t nup, ndown;  /* strongest first */
};

/* The terms of doc that pushed its score the most. display is the paper's
 * text as written (its title and sections, not case-folded; NULL: none) for
 * the spelling of Latin terms. Free with rank_why_free. */
void rank_why(const struct rank_model *m, const struct rank_doc *doc, const char *display,
	      struct rank_why *out);
void rank_why_free(struct rank_why *w);

/* One line: "for you: 로봇 조작, manipulation, VLA; not: survey", or
 * "not for you: survey, 의료" when nothing pushed up ("" when nothing did
 * either way). The terms are the paper's text: sanitize before display. */
void rank_why_line(const struct rank_why *w, struct strbuf *out);

#endif
