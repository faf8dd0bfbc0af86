/* facts_fetch: learning the facts of papers (facts.h) from the network — one
 * Hugging Face daily-papers request per digest date, then the arXiv API for
 * the papers that list did not have, in batches, politely spaced — and
 * keeping them in the facts store. Blocking; --fetch runs it after the posts,
 * and the reader in a child process (facts_report.h says why).
 * It decides what to ask; reading answers is facts_hf.c / facts_arxiv.c.
 *
 *   facts_fetch_opts_init(&o, cfg);
 *   facts_fetch(store_dir, wants, n, &o, &counts, &errors);
 *
 * What it asks: the papers of the fetched posts first, then the backlog —
 * other cached papers that have no facts yet — newest first, at most
 * FACTS_BACKLOG_DAYS days and FACTS_BACKLOG_PAPERS papers of it a run, so
 * that a large cache is caught up over a few runs, never in one long one.
 * A fetched post's paper whose facts were learned less than 24 hours ago is
 * not asked again, nor one found nowhere before its back-off has passed
 * (facts_fresh); a backlog paper that anything is stored for (its facts, or
 * that it was found nowhere) is not asked at all.
 *
 * Every process that learns into one store shares its pacing (STORE/.pace,
 * flock()ed for each request): arXiv's gap holds between any two of them,
 * and a process asks neither for a paper another has learned meanwhile nor
 * Hugging Face for a day it answered within the hour; one waiting for that
 * lock just waits (a reader's child shows no new progress meanwhile). A 429
 * or 503 with Retry-After up to o->max_wait_s is waited out and asked once
 * more; a longer one stops asking that server, in this run and the next
 * ones, until the wait is over (at most a week; STORE/.hold-NAME holds the
 * time). A host whose name does not resolve, or that refuses the connection
 * (offline, say), is asked nothing more in this run: one line for it, not
 * one per request. Any other failure (status, timeout, a body over 4 MiB,
 * JSON or XML that does not read) is one line in errors; no failure changes
 * anything stored. */
#ifndef DIGEST_FACTS_FETCH_H
#define DIGEST_FACTS_FETCH_H

#include <stddef.h>

struct cli;
struct config;
struct facts_report;
struct fetch_summary;
struct strbuf;

/* One paper to learn about: its arXiv ID and its digest's date (YYYY-MM-DD,
 * or NULL: then only arXiv is asked). */
struct facts_want {
	const char *id;
	const char *date;
	int backlog;             /* 0: a paper of a fetched post; 1: another
				  * cached one, asked only when it has no
				  * facts, within the backlog's bound */
};

/* The most of the backlog one run asks for: the papers of its 7 newest days
 * (a Hugging Face request each), and 300 papers in all (3 arXiv requests of
 * 100 for those Hugging Face does not know). */
#define FACTS_BACKLOG_DAYS 7
#define FACTS_BACKLOG_PAPERS 300

struct facts_fetch_opts {
	const char *hf_url;      /* with %F for the date; NULL: not asked */
	const char *arxiv_url;   /* without a query; NULL: not asked */
	long timeout_s;          /* connecting, or a stalled transfer */
	int batch;               /* IDs per arXiv request: 100, or
				  * DIGEST_TUI_ARXIV_BATCH (1-100) */
	long arxiv_gap_ms;       /* between arXiv requests, from the end of
				  * one (of any process) to the next: 3000
				  * (arXiv asks for one every 3 seconds), or
				  * DIGEST_TUI_TEST_ARXIV_GAP_MS (testknob.h) */
	long max_wait_s;         /* the longest Retry-After waited for: 30 */
	/* Called before the first request and after each one: papers decided
	 * (learned or found nowhere) of those to ask about. May be NULL. */
	void (*progress)(void *ctx, size_t done, size_t total);
	void *progress_ctx;
};

struct facts_fetch_counts {
	int learned;             /* papers whose facts were stored */
	int not_found;           /* asked, but neither source knows them */
	int known;               /* fresh in the store: not asked */
	int failed;              /* requests that failed */
	int hf_requests, arxiv_requests;
};

/* The configuration's URLs and timeout, then the environment. */
void facts_fetch_opts_init(struct facts_fetch_opts *o, const struct config *cfg);

/* Learns the facts of wants[0..n) into the store at store_dir (facts.h).
 * Returns the number of failed requests (0: all went well); each failure,
 * and each unreadable stored file, is one line in errors. */
int facts_fetch(const char *store_dir, const struct facts_want *wants, size_t n,
		const struct facts_fetch_opts *o, struct facts_fetch_counts *counts,
		struct strbuf *errors);

/* Whether the configuration asks for paper facts (metadata, and a server
 * to ask). */
int facts_fetch_enabled(const struct config *cfg);

/* Where --fetch's second step tells what it does (facts_report.h): ctx is
 * the callback's own. */
typedef void facts_report_fn(void *ctx, const struct facts_report *r);

/* --fetch's second step, run after the posts by --fetch (main.c) and by the
 * reader's facts child (ui/refresh.c) alike: the facts of the papers of the
 * posts the fetch fetched — the cached digests dated as fetched->post_dates,
 * however far a catch-up reached (fetched NULL: none) — then the backlog of
 * the other cached papers (of the --source ones, when given). Tells emit
 * its progress as it goes, then each problem, then its counts (a done
 * report); one that cannot start tells a problem and no counts. Returns the
 * exit status (0, or 1). */
int facts_fetch_cli_run(const struct cli *c, const struct config *cfg,
			const struct fetch_summary *fetched, facts_report_fn *emit, void *ctx);

#endif
