/* forme_ui: the for-me order in the reader (see forme_ui.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"
#include "facts.h"
#include "facts_ui.h"
#include "fileio.h"
#include "i18n.h"
#include "forme_ui.h"
#include "rank.h"
#include "rank_cli.h"
#include "rank_docs.h"
#include "rank_why.h"
#include "strbuf.h"
#include "testknob.h"
#include "util.h"
#include "worker.h"

/* The child learns at a lower priority than the reader's keys. */
#define FORME_NICE 5

/* The learning child's exit statuses. */
enum { LEARNED = 0, TOO_FEW_CACHED = 1, NOT_LEARNED = 2 };

struct forme {
	enum forme_state state;
	struct rank_model *model;   /* the model in use (perhaps older than the
				     * marks), or NULL */
	int looked;                 /* its file was read since the last use */
	struct rank_stamp stamp;    /* the marks' labels as of marks_seen */
	uint64_t decided;           /* and their decisions' (decided_hash) */
	unsigned long marks_seen;   /* marks_changes() when they were counted */
	long due;                   /* learn at this time (app_now_ms), or -1 */
	struct worker child;        /* the learning child (its pipe is at
				     * end of file when it ends), or none */
	struct rank_stamp fitting;  /* the labels it learns from */
	uint64_t fitting_decided;
	uint64_t model_decided;     /* the decisions the model learned from ... */
	int model_decided_known;    /* ... when known (not for a model read at
				     * the first use) */
	int failed;                 /* a child's status other than LEARNED ... */
	struct rank_stamp failed_on;/* ... for these labels */
	/* Scores by key number (a->ids), NAN when not known yet; for one
	 * model, archive and set of paper facts. */
	double *score;
	size_t nscore;
	unsigned archive_gen, facts_gen;
	unsigned gen;               /* forme_ui_gen */
};

static struct forme *forme_get(struct app *a)
{
	if (!a->forme) {
		struct forme *f = xcalloc(1, sizeof(*f));
		f->due = -1;
		f->child = (struct worker)WORKER_INIT;
		f->marks_seen = marks_changes(a->marks) - 1; /* count them first */
		a->forme = f;
	}
	return a->forme;
}

static void forget_scores(struct forme *f)
{
	for (size_t i = 0; i < f->nscore; i++)
		f->score[i] = NAN;
	f->gen++;
}

static void use_model(struct forme *f, struct rank_model *m)
{
	rank_free(f->model);
	f->model = m;
	forget_scores(f);
}

/* Whether a new model is to be learned for the marks' labels now. */
static int wants_model(const struct forme *f)
{
	if (!rank_labels_enough(&f->stamp))
		return 0;
	if (f->failed && rank_stamp_same(&f->failed_on, &f->stamp))
		return 0; /* tried: the marks must change first */
	if (f->child.pid && rank_stamp_same(&f->fitting, &f->stamp))
		return 0; /* being learned */
	return !f->model || !rank_stamp_same(rank_model_stamp(f->model), &f->stamp);
}

static void add_decided(const char *key, unsigned flags, void *ctx)
{
	enum rank_label l = rank_label_of(flags);
	if (l == RANK_POSITIVE || l == RANK_NEGATIVE) /* a sum: in any order */
		*(uint64_t *)ctx += rank_hash(key, strlen(key)) * (l == RANK_POSITIVE ? 3 : 5);
}

/* A hash of the decisions among the labels — wanted (starred, later) or not
 * (hidden) — without the papers merely read: a new model whose decisions
 * are the old one's was learned from papers read, and does not re-sort the
 * list under the reader's eyes (the next build of the list sorts by it). */
static uint64_t decided_hash(const struct marks *m)
{
	uint64_t h = 0;
	marks_foreach(m, add_decided, &h);
	return h;
}

/* Counts the marks' labels again when they changed. Returns 1 when the
 * labels differ from those counted before. */
static int notice_marks(struct app *a, struct forme *f)
{
	unsigned long now = marks_changes(a->marks);
	if (now == f->marks_seen)
		return 0;
	f->marks_seen = now;
	struct rank_stamp s;
	rank_stamp_of(a->marks, &s);
	if (rank_stamp_same(&s, &f->stamp) && f->state != FORME_OFF)
		return 0;
	f->stamp = s;
	f->decided = decided_hash(a->marks);
	return 1;
}

/* The model file, read once per use of the order: a model for other labels
 * than the marks' still orders the papers until the new one is learned. */
static void look_at_file(struct forme *f)
{
	if (f->looked)
		return;
	f->looked = 1;
	struct rank_model *m = NULL;
	struct strbuf err = STRBUF_INIT;
	/* Missing, damaged or of another version: learned anew, silently (the
	 * file is derived from the marks). */
	if (rank_load(NULL, &m, &err) == 0) {
		use_model(f, m);
		f->model_decided_known = 0;
	}
	strbuf_release(&err);
}

/* The state the marks, the model and the last child's status make. */
static enum forme_state state_now(struct forme *f)
{
	if (!rank_labels_enough(&f->stamp))
		return FORME_TOO_FEW;
	if (f->failed && rank_stamp_same(&f->failed_on, &f->stamp))
		return FORME_FAILED;
	look_at_file(f);
	return f->model ? FORME_READY : FORME_LEARNING;
}

/* Moves to the state of now; says a change in the status line. Returns
 * whether the state changed. */
static int settle(struct app *a, struct forme *f)
{
	enum forme_state was = f->state, now = state_now(f);
	if (now == was)
		return 0;
	f->state = now;
	f->gen++;
	struct strbuf sb = STRBUF_INIT;
	forme_ui_describe(a, &sb);
	app_message(a, "%s", sb.buf);
	strbuf_release(&sb);
	return 1;
}

void forme_ui_describe(const struct app *a, struct strbuf *out)
{
	const struct forme *f = a->forme;
	enum forme_state s = f ? f->state : FORME_OFF;
	if (s == FORME_READY) {
		const struct rank_stamp *st = rank_model_stamp(f->model);
		unsigned long not = (unsigned long)st->negative + st->weak;
		/* TRANSLATORS: the papers starred or kept for later, then those
		 * hidden or read (the plural follows that count). */
		strbuf_addf(out, ngettext("sorted for you: best first (learned from %lu wanted, "
					  "%lu not)",
					  "sorted for you: best first (learned from %lu wanted, "
					  "%lu not)", not),
			    (unsigned long)st->positive, not);
	} else if (s == FORME_TOO_FEW) {
		/* What it does first: the status line may cut the rest. */
		struct strbuf why = STRBUF_INIT;
		rank_labels_describe(&f->stamp, &why);
		/* TRANSLATORS: the order the list falls back to; %s says why
		 * for-me cannot rank yet. */
		strbuf_addf(out, _("by upvotes: %s"), why.buf);
		strbuf_release(&why);
	} else if (s == FORME_FAILED && f->failed == TOO_FEW_CACHED) {
		strbuf_addf(out, ngettext("by upvotes: too few of the papers you labelled are "
					  "cached for for-me (it needs %lu of each)",
					  "by upvotes: too few of the papers you labelled are "
					  "cached for for-me (it needs %lu of each)",
					  (unsigned long)RANK_MIN_LABELS),
			    (unsigned long)RANK_MIN_LABELS);
	} else if (s == FORME_FAILED) {
		strbuf_addstr(out, _("by upvotes: for-me could not learn (digest-tui --list --sort "
				     "for-me says why)"));
	} else {
		strbuf_addstr(out, _("ranking: learning your taste\u2026"));
	}
}

/* ---- the learning child ------------------------------------------------- */

/* In the child: learns and saves the model, as --list --sort for-me would.
 * Returns its exit status. */
static int learn(const struct app *a)
{
	char *dir = marks_default_dir();
	if (dir) /* what a killed child left behind */
		fileio_clean_temp(dir);
	free(dir);
	struct strbuf err = STRBUF_INIT;
	struct facts_lookup facts;
	facts_lookup_init(&facts, NULL, NULL);
	struct rank_model *m = NULL;
	int rc = rank_cli_model(NULL, a->marks, &facts, &m, NULL, &err);
	/* Freed, though the process ends: valgrind follows the child too. */
	rank_free(m);
	facts_lookup_free(&facts);
	strbuf_release(&err);
	return rc == 0 ? LEARNED : rc == 1 ? TOO_FEW_CACHED : NOT_LEARNED;
}

/* In the child: learns and saves the model; its exit status says how. */
static int learn_job(int fd, void *arg)
{
	(void)fd;   /* the pipe says nothing but its end */
	return learn(arg);
}

static void start_child(struct app *a, struct forme *f)
{
	if (worker_start(&f->child, learn_job, a, FORME_NICE) < 0)
		return;
	f->fitting = f->stamp;
	f->fitting_decided = f->decided;
}

static void end_child(struct forme *f, int *status)
{
	/* Without status, SIGKILL: it inherited the loop's blocked signals. */
	int st = worker_finish(&f->child, !status);
	if (status)
		*status = st >= 0 && WIFEXITED(st) ? WEXITSTATUS(st) : NOT_LEARNED;
}

/* The child ended: its model read back from the file. Returns what the
 * loop should do. */
static ui_result child_ended(struct app *a, struct forme *f)
{
	int status;
	end_child(f, &status);
	if (f->state == FORME_OFF) {
		/* Not in use: the file is read when the order is next for-me. */
		f->looked = 0;
		return 0;
	}
	struct rank_model *m = NULL;
	struct strbuf err = STRBUF_INIT;
	if (status == LEARNED &&
	    (rank_load(NULL, &m, &err) < 0 || !m ||
	     !rank_stamp_same(rank_model_stamp(m), &f->fitting))) {
		rank_free(m); /* not saved (a read-only state directory) */
		m = NULL;
		status = NOT_LEARNED;
	}
	strbuf_release(&err);
	/* Only papers read since: the list stays as it is. */
	int read_only = status == LEARNED && f->state == FORME_READY && f->model_decided_known &&
			f->model_decided == f->fitting_decided;
	if (status == LEARNED) {
		use_model(f, m);
		f->model_decided = f->fitting_decided;
		f->model_decided_known = 1;
		f->failed = 0;
	} else {
		f->failed = status;
		f->failed_on = f->fitting;
	}
	if (settle(a, f))
		return UI_HANDLED | UI_RESORT; /* learned at last, or by upvotes */
	if (read_only)
		return UI_HANDLED; /* the why line may say otherwise */
	if (status == LEARNED)
		app_message(a, _("sorted for you again: learned from your latest marks"));
	return UI_HANDLED | UI_RESORT;
}

/* ---- the loop's part ------------------------------------------------------ */

int forme_ui_fd(const struct app *a)
{
	return a->forme ? a->forme->child.fd : -1;
}

long forme_ui_due(const struct app *a)
{
	const struct forme *f = a->forme;
	if (!f || f->state == FORME_OFF || f->due < 0 || f->child.pid)
		return -1;
	long t = f->due - app_now_ms();
	return t > 0 ? t : 0;
}

/* A new model for the labels now, learned delay ms from now (each change
 * of the labels puts it off again), if one is wanted. */
static void plan(struct forme *f, long delay)
{
	f->due = wants_model(f) ? app_now_ms() + delay : -1;
}

static long debounce_ms(void)
{
	return testknob_get(TESTKNOB_FORME_DEBOUNCE_MS, FORME_DEBOUNCE_MS);
}

ui_result forme_ui_step(struct app *a, int readable)
{
	struct forme *f = a->forme;
	if (!f)
		return 0;
	ui_result r = 0;
	if (readable && f->child.fd >= 0) {
		char buf[64];
		ssize_t n;
		while ((n = read(f->child.fd, buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR))
			;
		if (n == 0)
			r |= child_ended(a, f);
	}
	if (a->sort != CONFIG_SORT_FOR_ME) {
		if (f->state != FORME_OFF) {
			/* Another order: the next use is a first use again. */
			f->state = FORME_OFF;
			f->due = -1;
			f->gen++;
		}
		return r;
	}
	if (f->state == FORME_OFF)
		return r; /* listing_build has not asked yet */
	if (notice_marks(a, f)) {
		plan(f, debounce_ms());
		if (settle(a, f))
			r |= UI_HANDLED | UI_RESORT;
	}
	if (f->due >= 0 && !f->child.pid && app_now_ms() >= f->due) {
		f->due = -1;
		if (wants_model(f))
			start_child(a, f);
	}
	return r;
}

void forme_ui_stop(struct app *a)
{
	struct forme *f = a->forme;
	if (!f)
		return;
	end_child(f, NULL);
	rank_free(f->model);
	free(f->score);
	free(f);
	a->forme = NULL;
}

/* ---- scores and why ------------------------------------------------------- */

/* f->score sized for every key number, and for this archive and facts. */
static void scores_for(struct app *a, struct forme *f)
{
	if (f->archive_gen != a->archive_gen || f->facts_gen != a->facts_gen) {
		f->archive_gen = a->archive_gen;
		f->facts_gen = a->facts_gen;
		forget_scores(f);
	}
	if (f->nscore < a->nids) {
		f->score = xrealloc(f->score, a->nids * sizeof(*f->score));
		for (size_t i = f->nscore; i < a->nids; i++)
			f->score[i] = NAN;
		f->nscore = a->nids;
	}
}

/* The scores of the listed papers the model stores none for (papers that
 * came since it was learned): computed from their text and abstract. */
static void compute_missing(struct app *a, struct forme *f)
{
	struct rank_docs docs;
	rank_docs_init(&docs);
	for (size_t i = 0; i < a->nitems; i++) {
		const struct item *it = &a->items[i];
		size_t id = a->ids[it->digest][it->paper];
		if (isnan(f->score[id]) && !rank_score_key(f->model, app_key(a, it), &f->score[id]))
			rank_docs_add_paper(&docs, a->archive, it->digest, it->paper);
	}
	if (docs.n) {
		rank_docs_add_abstracts(&docs, facts_ui_get, a, NULL);
		double *s = xmalloc(docs.n * sizeof(*s));
		rank_score_all(f->model, docs.v, docs.n, s);
		for (size_t i = 0; i < docs.n; i++)
			f->score[a->ids[docs.digest[i]][docs.paper[i]]] = s[i];
		free(s);
	}
	rank_docs_free(&docs);
}

enum forme_state forme_ui_scores(struct app *a, double *score)
{
	struct forme *f = forme_get(a);
	int first = f->state == FORME_OFF;
	int changed = notice_marks(a, f); /* a mark just made (UI_REBUILD) */
	settle(a, f);
	if (first) /* the first use learns at once */
		plan(f, 0);
	else if (changed)
		plan(f, debounce_ms());
	if (f->state != FORME_READY)
		return f->state;
	scores_for(a, f);
	compute_missing(a, f);
	for (size_t i = 0; i < a->nitems; i++)
		score[i] = f->score[a->ids[a->items[i].digest][a->items[i].paper]];
	return FORME_READY;
}

int forme_ui_why(struct app *a, const struct item *it, const char *display,
		 struct strbuf *out)
{
	struct forme *f = a->forme;
	if (!f || a->sort != CONFIG_SORT_FOR_ME || f->state != FORME_READY || !it)
		return -1;
	struct rank_docs docs;
	rank_docs_init(&docs);
	rank_docs_add_paper(&docs, a->archive, it->digest, it->paper);
	rank_docs_add_abstracts(&docs, facts_ui_get, a, NULL);
	struct rank_why w;
	rank_why(f->model, &docs.v[0], display, &w);
	size_t before = out->len;
	rank_why_line(&w, out);
	rank_why_free(&w);
	rank_docs_free(&docs);
	return out->len > before ? 0 : -1;
}

unsigned forme_ui_gen(const struct app *a)
{
	return a->forme ? a->forme->gen : 0;
}
