/* rank_linear: liblinear, loaded (dlopen) the first time the ranking trains
 * or scores, not when the program starts: liblinear brings the C++ runtime
 * and a BLAS, whose loading would cost every start (the reader's first
 * frame, each --list) a millisecond or more for a feature it may not use.
 * It owns that one load; what is done with the functions is rank.c's.
 *
 * The table is filled once and never changes after: the only state here, a
 * cache of the library's addresses (nothing a test needs to reset). Call it
 * first from one thread. */
#ifndef DIGEST_RANK_LINEAR_H
#define DIGEST_RANK_LINEAR_H

#include <linear.h>

struct strbuf;

struct rank_linear {
	struct model *(*train)(const struct problem *prob, const struct parameter *param);
	const char *(*check_parameter)(const struct problem *prob,
				       const struct parameter *param);
	double (*predict_probability)(const struct model *m, const struct feature_node *x,
				      double *prob_estimates);
	void (*free_and_destroy_model)(struct model **m);
	void (*set_print_string_function)(void (*print)(const char *));
};

/* liblinear's functions, or NULL with a message in err (naming the Debian
 * package liblinear4) when the library cannot be loaded. */
const struct rank_linear *rank_linear(struct strbuf *err);

#endif
