/* forme_ui: the for-me order in the reader — the model of this reader
 * (src/rank.h), read from its file the first time the order is for-me and
 * never at start-up otherwise; learned again in the background when the
 * marks' labels have changed (a second after the last change) or when there
 * is no model; each listed paper's score; the line that says why; and what
 * the status line says of it all. Sorting by the scores is listing.c's.
 *
 * Learning reads every cached paper's text (a quarter of a second for ten
 * years of digests), so it never runs in the reader's process: a child
 * process trains the model, writes it to its file (rank_save: atomically)
 * and exits; the loop sees the child's pipe close and reads the file back.
 * Nothing else passes between them: the child's exit status says whether it
 * learned (0), found too few labelled papers in the cache (1) or failed (2).
 * While it learns, the model it replaces (trained on older marks) keeps
 * ordering the papers; with none, the listings keep the blog's order and
 * the status line says "ranking: learning your taste…". A new model sorts
 * the list again at once, unless only papers read changed since the old
 * one: a list never moves under the paper being read (its next build
 * sorts by the new scores). No curses. */
#ifndef DIGEST_FORME_UI_H
#define DIGEST_FORME_UI_H

#include "result.h"

struct app;
struct item;
struct strbuf;

/* A second without a change of the marks before a new model is learned:
 * a burst of stars and hides is learned from once. */
#define FORME_DEBOUNCE_MS 1000

enum forme_state {
	FORME_OFF,       /* the order is not for-me (nothing is loaded for it) */
	FORME_LEARNING,  /* no model yet: the blog's order meanwhile */
	FORME_READY,     /* the papers have scores */
	FORME_TOO_FEW,   /* too few labels in the marks: upvotes instead */
	FORME_FAILED,    /* learning failed, or the cache holds too few of the
			  * labelled papers: upvotes instead */
};

/* The scores of a->items[0..nitems) into score[0..nitems), the better the
 * higher: from the model (a paper's score stored in it, else computed from
 * its text), which is read from its file, or learned, as needed. Only when
 * FORME_READY is returned are the scores set. Says a change of state in
 * the status line. */
enum forme_state forme_ui_scores(struct app *a, double *score);

/* What the status line says of the for-me order now: "sorted for you: best
 * first (learned from 7 wanted, 12 not)", "ranking: learning your taste…",
 * or, first, that it is by upvotes and why ("by upvotes: too few labels
 * for for-me (...)"). */
void forme_ui_describe(const struct app *a, struct strbuf *out);

/* Why paper it is where it is, in one line: "for you: 로봇 조작,
 * manipulation, VLA" (rank_why_line: the paper's own text, to be
 * sanitized). display is the paper as shown (for the spelling of Latin
 * terms; NULL: none). Returns 0, or -1 (out unchanged) when the order is
 * not for-me, there is no model, or no term pushed either way. */
int forme_ui_why(struct app *a, const struct item *it, const char *display,
		 struct strbuf *out);
/* Changes whenever what forme_ui_why says may have changed (another model,
 * another state): the paper pane lays its paper out again. */
unsigned forme_ui_gen(const struct app *a);

/* The loop's part. forme_ui_fd: the learning child's pipe, readable when
 * it ends (-1: none). forme_ui_due: ms until a new model is to be learned
 * (0: now), or -1. forme_ui_step: takes in an ended child (readable: the
 * fd was readable), notices changed marks, starts the child when due;
 * returns UI_RESORT (and UI_HANDLED) when the order changed. Cheap when
 * nothing did: call it every time round the loop. */
int forme_ui_fd(const struct app *a);
long forme_ui_due(const struct app *a);
ui_result forme_ui_step(struct app *a, int readable);
/* Stops a learning child (SIGKILL: the file is replaced atomically, and
 * its temporary file is cleaned up later) and frees the state. */
void forme_ui_stop(struct app *a);

#endif
