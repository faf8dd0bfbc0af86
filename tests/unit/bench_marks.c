/* bench_marks: the time to merge two machines' marks journals, ten years of
 * them (make bench, row 12; not a test).
 *   bench_marks [--lines N] [--runs R] [--keep DIR]
 * Writes two journals of N lines each (default 50,000: about 14 a day for
 * ten years; read, star, later and hide lines over some 30,000 papers, the
 * two machines' times interleaved), then opens the marks R times (default
 * 7) as each machine would at start (its own journal and the other's, for
 * writing) and as a third (both read-only), and prints the medians:
 *   merge 2 x 50000 lines: 38.1 ms as one of the machines, 35.0 ms read-only; 29876 papers marked
 * --keep DIR leaves the state directories there (DIR/a, DIR/b, sync-dir
 * DIR/sync) for the first-frame rows. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "fileio.h"
#include "marks.h"
#include "strbuf.h"

static unsigned long rng = 88172645463325252UL;
static unsigned long next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void journal(const char *dir, const char *machine, long lines, long offset)
{
	static const char *const ops[] = { ".+r", ".+r", ".+r", "+s", "-s", "+l", "-l", "+h" };
	struct strbuf sb = STRBUF_INIT, name = STRBUF_INIT;
	strbuf_addstr(&sb, "# digest-tui marks v2\n");
	time_t t = 1420070400 + offset; /* 2015-01-01 */
	for (long i = 0; i < lines; i++) {
		t += 60 + (time_t)(next_rand() % 12000);
		struct tm tm;
		gmtime_r(&t, &tm);
		char stamp[40];
		strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
		strbuf_addf(&sb, "%s.%06luZ %s %02d%02d.%05lu\n", stamp, next_rand() % 1000000,
			    ops[next_rand() % 8], tm.tm_year % 100, tm.tm_mon + 1,
			    next_rand() % 30000 / 10);
	}
	strbuf_addf(&name, "%s.marks", machine);
	if (fileio_replace(dir, name.buf, sb.buf, sb.len, 0600, NULL) < 0)
		perror(dir);
	strbuf_release(&sb);
	strbuf_release(&name);
}

static double open_ms(const char *state, const char *dir, const char *machine, unsigned flags,
		      size_t *count)
{
	struct timespec a, b;
	struct strbuf err = STRBUF_INIT;
	struct marks_place place = { state, dir, NULL, machine };
	clock_gettime(CLOCK_MONOTONIC, &a);
	struct marks *m = marks_open_at(&place, flags, &err);
	clock_gettime(CLOCK_MONOTONIC, &b);
	*count = marks_count(m);
	if (err.len)
		fprintf(stderr, "bench_marks: %s", err.buf);
	marks_close(m);
	strbuf_release(&err);
	return (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return a < b ? -1 : a > b;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
	long lines = 50000;
	int runs = 7;
	const char *keep = NULL;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--lines"))
			lines = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "--runs"))
			runs = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--keep"))
			keep = argv[i + 1];
	}
	if (lines < 1 || runs < 1 || runs > 99) {
		fprintf(stderr, "usage: bench_marks [--lines N] [--runs 1-99] [--keep DIR]\n");
		return 2;
	}
	char tmpl[] = "/tmp/digest-tui-bench-marks.XXXXXX";
	const char *base = keep ? keep : mkdtemp(tmpl);
	struct strbuf sync = STRBUF_INIT, jdir = STRBUF_INIT, sa = STRBUF_INIT, sb = STRBUF_INIT,
		      sc = STRBUF_INIT;
	strbuf_addf(&sync, "%s/sync", base);
	strbuf_addf(&jdir, "%s/journals", sync.buf);
	strbuf_addf(&sa, "%s/a", base);
	strbuf_addf(&sb, "%s/b", base);
	strbuf_addf(&sc, "%s/c", base);
	if (!base || fileio_mkdirs(jdir.buf, 0700, NULL) < 0) {
		perror("bench_marks");
		return 1;
	}
	journal(jdir.buf, "lab-ws-000001", lines, 0);
	journal(jdir.buf, "laptop-000002", lines, 3600);
	double own[99], third[99];
	size_t count = 0;
	for (int r = 0; r < runs; r++) {
		own[r] = open_ms(r % 2 ? sb.buf : sa.buf, sync.buf,
				 r % 2 ? "laptop-000002" : "lab-ws-000001", 0, &count);
		third[r] = open_ms(sc.buf, sync.buf, "third-000003", MARKS_READONLY, &count);
	}
	printf("merge 2 x %ld lines: %.1f ms as one of the machines, %.1f ms read-only; "
	       "%zu papers marked\n", lines, median(own, runs), median(third, runs), count);
	if (!keep) {
		char cmd[128];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", base);
		if (system(cmd) != 0)
			fprintf(stderr, "bench_marks: could not remove %s\n", base);
	}
	strbuf_release(&sync);
	strbuf_release(&jdir);
	strbuf_release(&sa);
	strbuf_release(&sb);
	strbuf_release(&sc);
	return 0;
}
