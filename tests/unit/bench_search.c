/* bench_search: search latency over a large archive (a check program, not a
 * test). Loads each PATH (FILE or DIR) REPEAT times — by default the real
 * corpus ($CORPUS_DIR/posts, else ../shared/corpus/posts) 17 times, about 900
 * digests and 10,000 papers — builds the index once and times queries.
 *   bench_search [-r REPEAT] [-n RUNS] [PATH...]
 * Prints, per query: hits, median, p95 and max milliseconds of search_run,
 * and the same for typing a query one character at a time (search_run per
 * keystroke, and search_refine from the previous keystroke's hits). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "archive.h"
#include "search.h"
#include "strbuf.h"
#include "util.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

static void report(const char *what, double *t, size_t n, size_t hits)
{
	qsort(t, n, sizeof(*t), cmp_double);
	double p95 = t[(size_t)((double)(n - 1) * 0.95)];
	printf("%-34s %6zu hits  median %7.3f ms  p95 %7.3f ms  max %7.3f ms\n", what,
	       hits, t[n / 2], p95, t[n - 1]);
}

static void bench_query(const struct search_index *ix, const char *query, int runs)
{
	struct search_query q;
	if (search_query_parse(query, strlen(query), &q) < 0) {
		search_query_free(&q);
		return;
	}
	struct search_results r;
	search_results_init(&r);
	double *t = xmalloc(sizeof(double) * (size_t)runs);
	size_t hits = 0;
	for (int i = 0; i < runs; i++) {
		double t0 = now_ms();
		hits = search_run(ix, &q, &r);
		t[i] = now_ms() - t0;
	}
	char label[96];
	snprintf(label, sizeof(label), "'%s'%s", query, q.initials ? " (초성)" : "");
	report(label, t, (size_t)runs, hits);
	free(t);
	search_results_free(&r);
	search_query_free(&q);
}

/* Typing query one character (code point) at a time. */
static void bench_typing(const struct search_index *ix, const char *query, int refine)
{
	size_t len = strlen(query), nsteps = 0;
	double t[256];
	struct search_results r;
	search_results_init(&r);
	size_t hits = 0;
	for (size_t end = 1; end <= len && nsteps < 256; end++) {
		if (end < len && ((unsigned char)query[end] & 0xC0) == 0x80)
			continue; /* inside a character */
		struct search_query q;
		if (search_query_parse(query, end, &q) < 0) {
			search_query_free(&q);
			continue;
		}
		double t0 = now_ms();
		/* Refining is only valid while the query keeps its kind. */
		if (refine && nsteps > 0 && !q.initials)
			hits = search_refine(ix, &q, &r, &r);
		else
			hits = search_run(ix, &q, &r);
		t[nsteps++] = now_ms() - t0;
		search_query_free(&q);
	}
	char label[96];
	snprintf(label, sizeof(label), "typing '%s'%s", query, refine ? " +refine" : "");
	if (nsteps)
		report(label, t, nsteps, hits);
	search_results_free(&r);
}

int main(int argc, char **argv)
{
	int repeat = -1, runs = 50, i = 1;
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "-r") && i + 1 < argc)
			repeat = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-n") && i + 1 < argc)
			runs = atoi(argv[++i]);
		else
			break;
	}
	if (runs < 1)
		runs = 1;
	struct strbuf def = STRBUF_INIT, err = STRBUF_INIT;
	const char **paths = (const char **)argv + i;
	int npaths = argc - i;
	const char *only[1];
	if (!npaths) {
		const char *c = getenv("CORPUS_DIR");
		strbuf_addf(&def, "%s/posts", c && *c ? c : "../shared/corpus");
		only[0] = def.buf;
		paths = only;
		npaths = 1;
		if (repeat < 0)
			repeat = 17;
	}
	if (repeat < 1)
		repeat = 1;

	struct archive a;
	archive_init(&a);
	double t0 = now_ms();
	for (int k = 0; k < repeat; k++)
		for (int p = 0; p < npaths; p++)
			archive_load_path(&a, paths[p], &err);
	archive_sort(&a);
	double t_load = now_ms() - t0;
	if (!a.n) {
		fprintf(stderr, "bench_search: nothing loaded\n%s", err.buf);
		return 1;
	}
	size_t papers = 0, bytes = 0;
	for (size_t d = 0; d < a.n; d++)
		papers += a.v[d].npapers;
	t0 = now_ms();
	struct search_index *ix = search_index_build(&a);
	double t_build = now_ms() - t0;
	bytes = search_index_bytes(ix);
	printf("%zu digests, %zu papers; load %.0f ms; index build %.0f ms, %.1f MB\n",
	       a.n, papers, t_load, t_build, (double)bytes / 1e6);

	static const char *const queries[] = {
		"language model", "Attention", "diffusion", "reinforcement learning",
		"2509.22622", "강화학습", "언어 모델", "ㄱㅎㅎㅅ", "ㅇㅇ ㅁㄷ", "ㅎㅎ", "ㄱ",
		"e", "zzqxj", "ㅋㅋㅋㅋ", NULL,
	};
	for (int q = 0; queries[q]; q++)
		bench_query(ix, queries[q], runs);
	bench_typing(ix, "reinforcement learning", 0);
	bench_typing(ix, "reinforcement learning", 1);
	bench_typing(ix, "강화학습 에이전트", 0);
	bench_typing(ix, "ㄱㅎㅎㅅ", 0);

	search_index_free(ix);
	archive_free(&a);
	strbuf_release(&def);
	strbuf_release(&err);
	return 0;
}
