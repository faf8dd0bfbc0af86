/* bench_rank: the for-me model's speed on the cache (a check program, not a
 * test; make bench's row 12). Loads every paper of the default cache
 * through its index, labels LABELS of them as a reader of one topic would
 * (robots: wanted; the others hidden, or read every third one), then times
 * in CPU time, RUNS times each:
 *   train     rank_train on those labels (terms, tf-idf rows, liblinear)
 *   remember  the score of every paper of the cache from its text, stored
 *             in the model (rank_remember: what a refit does after training)
 *   save      rank_serialize of the model, and load: rank_parse of it back
 *   score     rank_score_all over every paper: the stored scores, as the
 *             reader and --list get them
 * and prints one "NAME MEDIAN_MS MIN_MS" line each, after "papers N",
 * "labels N" and "terms N" lines; then "computed N": the papers score had to
 * compute (a key on two days with texts of two lengths is stored once).
 *   bench_rank [-l LABELS] [-n RUNS] */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "archive.h"
#include "index.h"
#include "rank.h"
#include "rank_docs.h"
#include "strbuf.h"
#include "util.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

static void report(const char *what, double *t, int n)
{
	qsort(t, (size_t)n, sizeof(*t), cmp_double);
	printf("%s %.2f %.2f\n", what, t[n / 2], t[0]);
}

/* The synthetic reader: robots and embodied agents. */
static int wanted(const struct rank_doc *d)
{
	static const char *const words[] = { "로봇", "robot", "embodied", "체화", "manipulation" };
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++) {
		size_t n = strlen(words[i]);
		for (size_t k = 0; k + n <= d->len; k++)
			if (!memcmp(d->text + k, words[i], n))
				return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int nlabels = 1000, runs = 7, opt;
	while ((opt = getopt(argc, argv, "l:n:")) != -1) {
		if (opt == 'l')
			nlabels = atoi(optarg);
		else if (opt == 'n')
			runs = atoi(optarg);
		else
			return 2;
	}
	if (runs < 1 || nlabels < 10)
		return 2;
	struct archive a;
	struct strbuf err = STRBUF_INIT;
	archive_init(&a);
	index_load_cache(&a, INDEX_SEARCH, &err);
	struct rank_docs docs;
	rank_docs_init(&docs);
	rank_docs_add_archive(&docs, &a);
	if (docs.n < (size_t)nlabels) {
		fprintf(stderr, "bench_rank: %zu papers in the cache, fewer than %d labels\n",
			docs.n, nlabels);
		return 1;
	}
	/* Labels spread evenly over the archive. */
	unsigned char *labels = xcalloc(docs.n, 1);
	size_t step = docs.n / (size_t)nlabels;
	for (size_t k = 0; k < (size_t)nlabels; k++) {
		size_t i = k * step;
		labels[i] = wanted(&docs.v[i]) ? RANK_POSITIVE : k % 3 ? RANK_NEGATIVE : RANK_WEAK;
	}
	printf("papers %zu\nlabels %d\n", docs.n, nlabels);

	double *t = xmalloc((size_t)runs * sizeof(*t));
	struct rank_model *m = NULL;
	for (int r = 0; r < runs; r++) {
		rank_free(m);
		double t0 = now_ms();
		if (rank_train(docs.v, labels, docs.n, NULL, &m, &err) != 0) {
			fprintf(stderr, "bench_rank: no model: %s\n", err.buf);
			return 1;
		}
		t[r] = now_ms() - t0;
	}
	printf("terms %zu\n", rank_model_vocab(m)->n);
	report("train", t, runs);
	for (int r = 0; r < runs; r++) {
		double t0 = now_ms();
		rank_remember(m, docs.v, docs.n);
		t[r] = now_ms() - t0;
	}
	report("remember", t, runs);

	struct strbuf file = STRBUF_INIT;
	for (int r = 0; r < runs; r++) {
		strbuf_reset(&file);
		double t0 = now_ms();
		rank_serialize(m, &file);
		t[r] = now_ms() - t0;
	}
	report("save", t, runs);
	for (int r = 0; r < runs; r++) {
		struct rank_model *back;
		double t0 = now_ms();
		if (rank_parse(file.buf, file.len, &back, &err) != 0)
			return 1;
		t[r] = now_ms() - t0;
		rank_free(back);
	}
	report("load", t, runs);

	double *scores = xmalloc(docs.n * sizeof(*scores));
	size_t computed = 0;
	for (int r = 0; r < runs; r++) {
		double t0 = now_ms();
		computed = rank_score_all(m, docs.v, docs.n, scores);
		t[r] = now_ms() - t0;
	}
	report("score", t, runs);
	/* A paper on two days under one key, with texts of two lengths. */
	printf("computed %zu\n", computed);

	free(scores);
	free(t);
	free(labels);
	strbuf_release(&file);
	strbuf_release(&err);
	rank_free(m);
	rank_docs_free(&docs);
	archive_free(&a);
	return 0;
}
