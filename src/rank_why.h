/* rank_why: why the for-me model scores a paper as it does — the terms of
 * the paper that pushed it up, and down, the most (their weight in the
 * model times their value in the paper's row), as the paper writes them.
 * The model is rank.h's. No curses.
 *
 * A Hangul term is a whole word of the paper's text, never a piece of one.
 * The model weighs pairs of syllables; each pair's push is shared among
 * the places where it occurs, and a word (a run of syllables) gets what
 * the pairs in it pushed, summed over every place where the word occurs
 * (조작을 and 조작은 are the word 조작). It is shown less its particle or
 * verb or adjective ending, cut by a small table (rank_why.c's suffixes:
 * 은/는/이/가/을/를/의/에/에서/(으)로/와/과/도/만, 하다/한다/했다/하는/하여/
 * 된/되는/적/적인/였다/아졌다 and the like): 이, 을, 은, 과 only after a
 * final consonant, 가, 를, 는, 와 only after a vowel (디스플레이 and
 * 전문가 keep their last syllable), 도 only when the paper writes the rest
 * as a noun too (정확도 stays whole), and never to under two syllables
 * (결과, 경로). A word that is only a particle or a predicate (위한,
 * 높아졌다, 줄이면서도), a count (10개의) or an adverb (거의) is shown
 * not at all. Words one space apart that push the same way are one phrase
 * ("로봇 조작", at most three words); of two terms one inside the other
 * (로봇 조작 and 로봇 조작 정책, 학습 and 강화학습) only the one that
 * pushed harder is shown, the shorter on a tie.
 *
 * A Latin term is shown as the display text and the abstract write it most
 * often ("VLA", "GPT-4o", not "vla"; on a tie "manipulation" before the
 * title's "Manipulation"), once whatever its case (its key folds case).
 * A term down that moved the odds by under 5%, or by under an eighth as
 * much as the strongest term up, is not listed. */
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
