/* rank: the "for me" model of this reader — trained from the marks, it
 * gives each paper the probability that the reader wants it. It owns the
 * labels read from the marks, training (liblinear's L2-regularised logistic
 * regression), scoring, and the model file; a paper's terms are
 * rank_features.h's, where its text comes from rank_docs.h's, the "why"
 * line rank_why.h's. Nothing leaves the machine. No curses.
 *
 * Labels: a paper starred or in the reading queue (later) is wanted; else a
 * hidden one is not; else one read (without either) is a weak "not": it was
 * seen and not kept, which says less than hiding it. Weak ones weigh a third
 * of the others: liblinear 2.3 has no instance weights, so each strong label
 * enters training RANK_STRONG_COPIES times (the loss of a copied instance is
 * exactly that of one weighing as much); the two classes are then balanced
 * by liblinear's class weights. With fewer than RANK_MIN_LABELS wanted, or as
 * many "not" (hidden or read), there is no model: for-me falls back to
 * upvotes, and says so.
 *
 * Stored scores: scoring a paper reads every byte of its text (a ten-year
 * archive holds 50 MB of it: 0.2 s of CPU), so a model trained for the
 * reader also keeps the score it gave each paper at hand (rank_remember),
 * by key and text length; rank_score returns that, and computes only the
 * papers that came since, or whose text changed length. rank_score_text
 * always computes.
 *
 * The model file, $XDG_STATE_HOME/digest-tui/forme.model beside the marks,
 * is text written whole and atomically (fileio_replace):
 *	digest-tui for-me model 1
 *	stamp POSITIVE NEGATIVE WEAK HASH      the labels it learned from
 *	trained UNIX_TIME PAPERS               when, from how many papers
 *	terms T                                then T lines, in feature order:
 *	IDF WEIGHT TERM                        (numbers as IEEE-754 bits, hex:
 *	...                                    exact, and no locale reads them)
 *	bias WEIGHT
 *	scores S                               then S lines:
 *	SCORE LENGTH KEY                       a paper's score, its text's length
 *	sha256 HEX                             of every byte above this line
 * A missing, corrupt or other-version file is no model (rank_load says
 * why); rank_ensure trains a new one. Deleting the file resets it. The
 * stamp tells a model that is stale: its labels are no longer the marks'.
 *
 * Usage (as --list --sort for-me does, rank_cli.c):
 *
 *	struct rank_model *model;
 *	int rc = rank_ensure(NULL, marks, get_docs, ctx, &model, err);
 *	if (rc == 0) {               // a model: score
 *		double p = rank_score(model, &doc);
 *		rank_free(model);
 *	} else if (rc == 1) {        // too few labels: fall back, say so
 *	}
 */
#ifndef DIGEST_RANK_H
#define DIGEST_RANK_H

#include <stddef.h>
#include <stdint.h>

#include "rank_features.h"

struct marks;
struct strbuf;
struct rank_docs;

#define RANK_MODEL_FILE "forme.model"
/* Bumped whenever the file or what a term is (the tokenizer) changes. */
#define RANK_MODEL_VERSION 1
/* The fewest wanted, and the fewest "not", papers a model is trained from. */
#define RANK_MIN_LABELS 5
/* How many times a strong label enters training (a weak one once). */
#define RANK_STRONG_COPIES 3

enum rank_label {
	RANK_UNLABELLED = 0,
	RANK_POSITIVE,        /* starred or later */
	RANK_NEGATIVE,        /* hidden */
	RANK_WEAK,            /* read, neither starred nor later nor hidden */
};

/* The label of a paper whose marks are flags (enum mark_flag bits). */
enum rank_label rank_label_of(unsigned flags);

/* What a model learns from: how many labels of each kind the marks hold and
 * a hash of every labelled key with its label (in no order). */
struct rank_stamp {
	uint32_t positive, negative, weak;
	uint64_t hash;
};

void rank_stamp_of(const struct marks *m, struct rank_stamp *s);
int rank_stamp_same(const struct rank_stamp *a, const struct rank_stamp *b);
/* Whether s holds RANK_MIN_LABELS wanted and as many "not" (strong or weak). */
int rank_labels_enough(const struct rank_stamp *s);
/* Appends why there is no model: "too few labels for for-me (3 starred or
 * later, 12 hidden or read; it needs 5 of each)". */
void rank_labels_describe(const struct rank_stamp *s, struct strbuf *out);

struct rank_model;

/* Trains a model from docs[0..n), doc i labelled labels[i] (enum
 * rank_label; RANK_UNLABELLED ones are not read); a key that two docs share
 * counts once. stamp is kept in the model (NULL: zeros). Returns 0 with
 * *out set (free with rank_free), 1 when there are too few labels among the
 * docs (*out NULL), or -1 with a message in err. Touches no global state
 * but liblinear's print function (silenced). */
int rank_train(const struct rank_doc *docs, const unsigned char *labels, size_t n,
	       const struct rank_stamp *stamp, struct rank_model **out, struct strbuf *err);
void rank_free(struct rank_model *m);

/* The labels of docs[0..n) from the marks m, into labels[0..n). */
void rank_labels_of_docs(const struct rank_doc *docs, size_t n, const struct marks *m,
			 unsigned char *labels);

/* The probability (0..1) that the reader wants doc, by liblinear's
 * predict_probability over its text and abstract. */
double rank_score_text(const struct rank_model *m, const struct rank_doc *doc);
/* The same, or the score stored for doc's key and text length. */
double rank_score(const struct rank_model *m, const struct rank_doc *doc);
/* rank_score for docs[0..n), into out[0..n): one working buffer for all.
 * Returns how many were computed from their text (not stored). */
size_t rank_score_all(const struct rank_model *m, const struct rank_doc *docs, size_t n,
		      double *out);
/* Whether a score is stored for doc (so rank_score needs no abstract). */
int rank_score_stored(const struct rank_model *m, const struct rank_doc *doc);
/* The score stored for the paper of marks key key, found by the key alone
 * (for a paper on two days with texts of two lengths, either one's): for a
 * reader that knows its papers' keys without having read their text.
 * Returns 1 with *score set, 0 when none is stored. */
int rank_score_key(const struct rank_model *m, const char *key, double *score);
/* Computes and stores the scores of docs[0..n) (a key once), replacing the
 * stored ones. */
void rank_remember(struct rank_model *m, const struct rank_doc *docs, size_t n);

/* What a model is made of, read-only (for rank_why.c and tests). */
const struct rank_vocab *rank_model_vocab(const struct rank_model *m);
/* The weight of feature f (1..terms), 0 outside; f = terms + 1: the bias. */
double rank_model_weight(const struct rank_model *m, size_t f);
const struct rank_stamp *rank_model_stamp(const struct rank_model *m);
/* When it was trained (Unix time) and from how many distinct papers. */
long long rank_model_trained(const struct rank_model *m, size_t *papers);

/* Writes m to dir/RANK_MODEL_FILE (dir NULL: marks_default_dir()), creating
 * dir. Returns 0, or -1 with a message in err. */
int rank_save(const struct rank_model *m, const char *dir, struct strbuf *err);
/* Reads dir/RANK_MODEL_FILE. Returns 0 with *out set, 1 when there is no
 * file, -1 (with why in err) when it is unreadable, corrupt or of another
 * version. */
int rank_load(const char *dir, struct rank_model **out, struct strbuf *err);
/* The model's text, as rank_save writes it (for tests). */
void rank_serialize(const struct rank_model *m, struct strbuf *out);
int rank_parse(const char *data, size_t len, struct rank_model **out, struct strbuf *err);

/* Fills docs with the papers to train on (all that may be labelled, with
 * their abstracts when known). Returns 0, or -1 with a message in err. */
typedef int (*rank_docs_fn)(void *ctx, struct rank_docs *docs, struct strbuf *err);

/* The model for the marks m: the one in dir (NULL: marks_default_dir())
 * when it loads and its stamp is m's labels; else one trained from the docs
 * get fills, saved to dir (a failed save only adds a line to err). Returns 0
 * with *out set, 1 when there are too few labels (*out NULL; the marks'
 * stamp in *stamp when not NULL, for rank_labels_describe), -1 with a
 * message in err. */
int rank_ensure(const char *dir, const struct marks *m, rank_docs_fn get, void *ctx,
		struct rank_model **out, struct rank_stamp *stamp, struct strbuf *err);

#endif
