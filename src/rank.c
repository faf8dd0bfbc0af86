/* rank: the "for me" model — labels, training, scoring, the model file
 * (see rank.h). */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <linear.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fileio.h"
#include "i18n.h"
#include "marks.h"
#include "rank.h"
#include "rank_docs.h"
#include "rank_linear.h"
#include "sha256.h"
#include "strbuf.h"
#include "strmap.h"
#include "util.h"

/* liblinear's C: how little the weights are held back. Rows are unit
 * length, so a few points of a term's weight decide; 4 lets a dozen labels
 * of a topic lift its terms clearly, and the balance of the two classes
 * (class weights) keeps a reader who hides most papers from learning "no"
 * for everything. */
#define RANK_C 4.0
#define RANK_EPS 0.01
/* Terms seen in fewer papers than this (when there are 50 labelled papers
 * or more) are left out: a word of one paper says nothing of a taste. */
#define RANK_MIN_DF 2
#define RANK_MAX_TERMS (1u << 18)
/* The bias feature's value (liblinear's -B). */
#define RANK_BIAS 1.0
/* A model file larger than this is not one rank_save wrote. */
#define RANK_FILE_MAX ((size_t)64 << 20)

struct rank_model {
	struct rank_vocab vocab;
	double *w;             /* liblinear's layout: w[f - 1], then the bias's */
	struct rank_stamp stamp;
	long long trained;
	size_t papers;
	int lin_label[2];
	struct model lin;      /* liblinear's view of w, for predict_probability */
	const struct rank_linear *lib;
	/* Stored scores (rank_remember): key, text length, score; a table of
	 * indices + 1 (0: empty) over them. */
	struct stored {
		char *key;
		size_t len;
		double score;
	} *stored;
	size_t nstored, stored_cap;
	uint32_t *stored_slot;
	size_t nslots;
};

static void forget(struct rank_model *m);

/* ---- labels ------------------------------------------------------------------ */

enum rank_label rank_label_of(unsigned flags)
{
	if (flags & (MARK_STAR | MARK_LATER))
		return RANK_POSITIVE;
	if (flags & MARK_HIDDEN)
		return RANK_NEGATIVE;
	if (flags & MARK_READ)
		return RANK_WEAK;
	return RANK_UNLABELLED;
}

static void count_label(struct rank_stamp *s, enum rank_label l)
{
	if (l == RANK_POSITIVE)
		s->positive++;
	else if (l == RANK_NEGATIVE)
		s->negative++;
	else if (l == RANK_WEAK)
		s->weak++;
}

static void stamp_key(const char *key, unsigned flags, void *ctx)
{
	struct rank_stamp *s = ctx;
	enum rank_label l = rank_label_of(flags);
	if (l == RANK_UNLABELLED)
		return;
	count_label(s, l);
	/* A sum: the same labels give the same hash in any order. */
	s->hash += rank_hash(key, strlen(key)) ^ ((uint64_t)l * 0x9e3779b97f4a7c15ull);
}

void rank_stamp_of(const struct marks *m, struct rank_stamp *s)
{
	memset(s, 0, sizeof(*s));
	marks_foreach(m, stamp_key, s);
}

int rank_stamp_same(const struct rank_stamp *a, const struct rank_stamp *b)
{
	return a->positive == b->positive && a->negative == b->negative &&
	       a->weak == b->weak && a->hash == b->hash;
}

int rank_labels_enough(const struct rank_stamp *s)
{
	return s->positive >= RANK_MIN_LABELS &&
	       (uint64_t)s->negative + s->weak >= RANK_MIN_LABELS;
}

void rank_labels_describe(const struct rank_stamp *s, struct strbuf *out)
{
	/* TRANSLATORS: the papers starred or kept for later (the plural
	 * follows it), those hidden or read, then how many of each it needs. */
	strbuf_addf(out, ngettext("too few labels for for-me (%lu starred or later, %lu hidden "
				  "or read; it needs %d of each)",
				  "too few labels for for-me (%lu starred or later, %lu hidden "
				  "or read; it needs %d of each)", (unsigned long)s->positive),
		    (unsigned long)s->positive, (unsigned long)((uint64_t)s->negative + s->weak),
		    RANK_MIN_LABELS);
}

void rank_labels_of_docs(const struct rank_doc *docs, size_t n, const struct marks *m,
			 unsigned char *labels)
{
	for (size_t i = 0; i < n; i++)
		labels[i] = (unsigned char)rank_label_of(marks_get(m, docs[i].key));
}

/* ---- the model ---------------------------------------------------------------- */

static struct rank_model *model_new(void)
{
	struct rank_model *m = xcalloc(1, sizeof(*m));
	rank_vocab_init(&m->vocab);
	return m;
}

/* Points liblinear's view at w: two classes, "wanted" (1) first, so that
 * predict_probability's first estimate is the probability of wanted. */
static void model_link(struct rank_model *m, const struct rank_linear *lib)
{
	m->lib = lib;
	m->lin_label[0] = 1;
	m->lin_label[1] = -1;
	memset(&m->lin, 0, sizeof(m->lin));
	m->lin.param.solver_type = L2R_LR;
	m->lin.nr_class = 2;
	m->lin.nr_feature = (int)m->vocab.n;
	m->lin.w = m->w;
	m->lin.label = m->lin_label;
	m->lin.bias = RANK_BIAS;
}

void rank_free(struct rank_model *m)
{
	if (!m)
		return;
	rank_vocab_free(&m->vocab);
	free(m->w);
	forget(m);
	free(m);
}

const struct rank_vocab *rank_model_vocab(const struct rank_model *m)
{
	return &m->vocab;
}

double rank_model_weight(const struct rank_model *m, size_t f)
{
	return f >= 1 && f <= m->vocab.n + 1 ? m->w[f - 1] : 0;
}

const struct rank_stamp *rank_model_stamp(const struct rank_model *m)
{
	return &m->stamp;
}

long long rank_model_trained(const struct rank_model *m, size_t *papers)
{
	if (papers)
		*papers = m->papers;
	return m->trained;
}

/* ---- training ------------------------------------------------------------------ */

static void quiet(const char *s)
{
	(void)s;
}

/* The labelled docs, a key once (the first doc holding it): their indices
 * into *which, and their labels counted into *c. Returns how many. */
static size_t pick_labelled(const struct rank_doc *docs, const unsigned char *labels,
			    size_t n, size_t **which, struct rank_stamp *c)
{
	struct strmap seen = STRMAP_INIT;
	size_t k = 0;
	*which = xmalloc((n + 1) * sizeof(**which));
	memset(c, 0, sizeof(*c));
	for (size_t i = 0; i < n; i++) {
		if (labels[i] == RANK_UNLABELLED || !docs[i].key)
			continue;
		int added;
		strmap_add(&seen, docs[i].key, strlen(docs[i].key), &added);
		if (!added)
			continue;
		(*which)[k++] = i;
		count_label(c, (enum rank_label)labels[i]);
	}
	strmap_free(&seen);
	return k;
}

/* The rows of the picked docs in one block (each ended by liblinear's
 * marker), and the start of each in *starts. */
static struct feature_node *make_rows(const struct rank_vocab *v, const struct rank_doc *docs,
				      const size_t *which, size_t k, struct feature_node ***starts)
{
	struct rank_scratch s;
	rank_scratch_init(&s);
	size_t used = 0, cap = k * 64 + 16;
	struct feature_node *space = xmalloc(cap * sizeof(*space));
	size_t *off = xmalloc((k + 1) * sizeof(*off));
	for (size_t i = 0; i < k; i++) {
		size_t nf;
		struct feature_node *row = rank_row(v, &docs[which[i]], RANK_BIAS, 1, &s, &nf);
		size_t need = nf + 2; /* the bias, the marker */
		if (used + need > cap) {
			cap = 2 * (used + need);
			space = xrealloc(space, cap * sizeof(*space));
		}
		memcpy(space + used, row, need * sizeof(*row));
		off[i] = used;
		used += need;
	}
	rank_scratch_free(&s);
	*starts = xmalloc((k + 1) * sizeof(**starts));
	for (size_t i = 0; i < k; i++)
		(*starts)[i] = space + off[i];
	free(off);
	return space;
}

/* liblinear's problem: each strong label RANK_STRONG_COPIES times, a weak
 * one once; y is 1 for wanted, -1 for not. */
static void make_problem(const unsigned char *labels, const size_t *which, size_t k,
			 struct feature_node **rows, size_t nfeatures, struct problem *prob)
{
	size_t l = 0;
	for (size_t i = 0; i < k; i++)
		l += labels[which[i]] == RANK_WEAK ? 1 : RANK_STRONG_COPIES;
	prob->l = (int)l;
	prob->n = (int)nfeatures + 1;
	prob->bias = RANK_BIAS;
	prob->y = xmalloc((l + 1) * sizeof(*prob->y));
	prob->x = xmalloc((l + 1) * sizeof(*prob->x));
	size_t j = 0;
	for (size_t i = 0; i < k; i++) {
		int lab = labels[which[i]];
		size_t copies = lab == RANK_WEAK ? 1 : RANK_STRONG_COPIES;
		for (size_t c = 0; c < copies; c++, j++) {
			prob->y[j] = lab == RANK_POSITIVE ? 1 : -1;
			prob->x[j] = rows[i];
		}
	}
}

/* Trains liblinear on prob; copies the weights, oriented to "wanted", into
 * m->w. Returns 0, or -1 with err. */
static int fit(const struct problem *prob, const struct rank_stamp *c, struct rank_model *m,
	       const struct rank_linear *lib, struct strbuf *err)
{
	/* Class weights: each class's instances weigh, in all, as much as the
	 * other's. */
	double pos = (double)c->positive * RANK_STRONG_COPIES;
	double neg = (double)c->negative * RANK_STRONG_COPIES + c->weak;
	int weight_label[2] = { 1, -1 };
	double weight[2] = { (pos + neg) / (2 * pos), (pos + neg) / (2 * neg) };
	struct parameter param;
	memset(&param, 0, sizeof(param));
	param.solver_type = L2R_LR;
	param.eps = RANK_EPS;
	param.C = RANK_C;
	param.nr_weight = 2;
	param.weight_label = weight_label;
	param.weight = weight;
	param.p = 0.1;
	const char *bad = lib->check_parameter(prob, &param);
	if (bad) {
		strbuf_addf(err, _("for-me: liblinear refused the training: %s"), bad);
		return -1;
	}
	lib->set_print_string_function(quiet);
	struct model *lm = lib->train(prob, &param);
	if (!lm) {
		strbuf_addstr(err, _("for-me: liblinear could not train a model"));
		return -1;
	}
	size_t nw = m->vocab.n + 1;
	m->w = xmalloc(nw * sizeof(*m->w));
	double sign = lm->label[0] == 1 ? 1.0 : -1.0;
	for (size_t f = 0; f < nw; f++)
		m->w[f] = sign * lm->w[f];
	lib->free_and_destroy_model(&lm);
	return 0;
}

int rank_train(const struct rank_doc *docs, const unsigned char *labels, size_t n,
	       const struct rank_stamp *stamp, struct rank_model **out, struct strbuf *err)
{
	*out = NULL;
	size_t *which;
	struct rank_stamp c;
	size_t k = pick_labelled(docs, labels, n, &which, &c);
	if (!rank_labels_enough(&c)) {
		free(which);
		return 1;
	}
	const struct rank_linear *lib = rank_linear(err);
	if (!lib) {
		free(which);
		return -1;
	}
	struct rank_model *m = model_new();
	rank_vocab_build(&m->vocab, docs, which, k, k >= 50 ? RANK_MIN_DF : 1, RANK_MAX_TERMS);
	struct feature_node **rows;
	struct feature_node *space = make_rows(&m->vocab, docs, which, k, &rows);
	struct problem prob;
	make_problem(labels, which, k, rows, m->vocab.n, &prob);
	int rc = fit(&prob, &c, m, lib, err);
	free(prob.y);
	free(prob.x);
	free(rows);
	free(space);
	free(which);
	if (rc < 0) {
		rank_free(m);
		return -1;
	}
	if (stamp)
		m->stamp = *stamp;
	m->trained = (long long)time(NULL);
	m->papers = k;
	model_link(m, lib);
	*out = m;
	return 0;
}

/* ---- scoring ------------------------------------------------------------------- */

static double score_with(const struct rank_model *m, const struct rank_doc *doc,
			 struct rank_scratch *s)
{
	size_t nf;
	struct feature_node *row = rank_row(&m->vocab, doc, RANK_BIAS, 0, s, &nf);
	double prob[2];
	m->lib->predict_probability(&m->lin, row, prob);
	return prob[0];
}

double rank_score_text(const struct rank_model *m, const struct rank_doc *doc)
{
	struct rank_scratch s;
	rank_scratch_init(&s);
	double p = score_with(m, doc, &s);
	rank_scratch_free(&s);
	return p;
}

static void forget(struct rank_model *m)
{
	for (size_t i = 0; i < m->nstored; i++)
		free(m->stored[i].key);
	free(m->stored);
	free(m->stored_slot);
	m->stored = NULL;
	m->stored_slot = NULL;
	m->nstored = m->stored_cap = m->nslots = 0;
}

/* Where key's entries start in the table: hashed by the key alone, so that
 * rank_score_key finds them without the text's length. */
static size_t stored_home(const struct rank_model *m, const char *key)
{
	uint64_t h = rank_hash(key, strlen(key));
	return (size_t)(h ^ (h >> 29)) & (m->nslots - 1);
}

/* The slot of (key, len): its entry, or the empty one where it belongs. A
 * paper on two days (one key) may have two texts: each has its score. */
static uint32_t *stored_slot(const struct rank_model *m, const char *key, size_t len)
{
	size_t s = stored_home(m, key);
	for (uint32_t i; (i = m->stored_slot[s]); s = (s + 1) & (m->nslots - 1))
		if (m->stored[i - 1].len == len && !strcmp(m->stored[i - 1].key, key))
			break;
	return &m->stored_slot[s];
}

static const struct stored *find_stored(const struct rank_model *m, const struct rank_doc *doc)
{
	if (!m->nstored || !doc->key)
		return NULL;
	uint32_t i = *stored_slot(m, doc->key, doc->len);
	return i ? &m->stored[i - 1] : NULL;
}

/* Stores a score, unless (key, len) has one. Returns 0, or -1 for one seen. */
static int store(struct rank_model *m, const char *key, size_t len, double score)
{
	if (2 * (m->nstored + 1) >= m->nslots) {
		free(m->stored_slot);
		m->nslots = m->nslots ? 2 * m->nslots : 1024;
		m->stored_slot = xcalloc(m->nslots, sizeof(*m->stored_slot));
		for (size_t i = 0; i < m->nstored; i++)
			*stored_slot(m, m->stored[i].key, m->stored[i].len) = (uint32_t)(i + 1);
	}
	uint32_t *slot = stored_slot(m, key, len);
	if (*slot)
		return -1;
	ALLOC_GROW(m->stored, m->nstored, m->stored_cap);
	m->stored[m->nstored] = (struct stored){ xstrdup(key), len, score };
	*slot = (uint32_t)++m->nstored;
	return 0;
}

int rank_score_stored(const struct rank_model *m, const struct rank_doc *doc)
{
	return find_stored(m, doc) != NULL;
}

int rank_score_key(const struct rank_model *m, const char *key, double *score)
{
	if (!m->nstored || !key)
		return 0;
	for (size_t s = stored_home(m, key); m->stored_slot[s]; s = (s + 1) & (m->nslots - 1)) {
		const struct stored *st = &m->stored[m->stored_slot[s] - 1];
		if (!strcmp(st->key, key)) {
			*score = st->score;
			return 1;
		}
	}
	return 0;
}

double rank_score(const struct rank_model *m, const struct rank_doc *doc)
{
	const struct stored *st = find_stored(m, doc);
	return st ? st->score : rank_score_text(m, doc);
}

size_t rank_score_all(const struct rank_model *m, const struct rank_doc *docs, size_t n,
		      double *out)
{
	struct rank_scratch s;
	rank_scratch_init(&s);
	size_t computed = 0;
	for (size_t i = 0; i < n; i++) {
		const struct stored *st = find_stored(m, &docs[i]);
		if (st) {
			out[i] = st->score;
		} else {
			out[i] = score_with(m, &docs[i], &s);
			computed++;
		}
	}
	rank_scratch_free(&s);
	return computed;
}

void rank_remember(struct rank_model *m, const struct rank_doc *docs, size_t n)
{
	forget(m);
	struct rank_scratch s;
	rank_scratch_init(&s);
	for (size_t i = 0; i < n; i++)
		if (docs[i].key && !find_stored(m, &docs[i]))
			store(m, docs[i].key, docs[i].len, score_with(m, &docs[i], &s));
	rank_scratch_free(&s);
}

/* ---- the file ------------------------------------------------------------------ */

static uint64_t double_bits(double d)
{
	uint64_t u;
	memcpy(&u, &d, sizeof(u));
	return u;
}

static double bits_double(uint64_t u)
{
	double d;
	memcpy(&d, &u, sizeof(d));
	return d;
}

void rank_serialize(const struct rank_model *m, struct strbuf *out)
{
	size_t start = out->len;
	strbuf_addf(out, "digest-tui for-me model %d\n", RANK_MODEL_VERSION);
	strbuf_addf(out, "stamp %" PRIu32 " %" PRIu32 " %" PRIu32 " %016" PRIx64 "\n",
		    m->stamp.positive, m->stamp.negative, m->stamp.weak, m->stamp.hash);
	strbuf_addf(out, "trained %lld %zu\n", m->trained, m->papers);
	strbuf_addf(out, "terms %zu\n", m->vocab.n);
	for (size_t f = 1; f <= m->vocab.n; f++)
		strbuf_addf(out, "%016" PRIx64 " %016" PRIx64 " %s\n",
			    double_bits(m->vocab.idf[f]), double_bits(m->w[f - 1]),
			    m->vocab.term[f]);
	strbuf_addf(out, "bias %016" PRIx64 "\n", double_bits(m->w[m->vocab.n]));
	strbuf_addf(out, "scores %zu\n", m->nstored);
	for (size_t i = 0; i < m->nstored; i++)
		strbuf_addf(out, "%016" PRIx64 " %zu %s\n", double_bits(m->stored[i].score),
			    m->stored[i].len, m->stored[i].key);
	char hex[65];
	sha256_hex(out->buf + start, out->len - start, hex);
	strbuf_addf(out, "sha256 %s\n", hex);
}

/* A line reader over the file's bytes. */
struct lines {
	const char *p, *end;
	char *line;            /* the current line, NUL-terminated (a copy) */
	size_t cap;
};

static int next_line(struct lines *l)
{
	if (l->p >= l->end)
		return 0;
	const char *nl = memchr(l->p, '\n', (size_t)(l->end - l->p));
	if (!nl)
		return 0; /* a last line without its newline: cut short */
	size_t len = (size_t)(nl - l->p);
	if (len + 1 > l->cap) {
		l->cap = len + 64;
		l->line = xrealloc(l->line, l->cap);
	}
	memcpy(l->line, l->p, len);
	l->line[len] = '\0';
	l->p = nl + 1;
	return memchr(l->line, '\0', len) == NULL;
}

static int parse_hex(const char *s, const char **end, uint64_t *v)
{
	size_t n = strspn(s, "0123456789abcdef");
	if (n != 16)
		return -1;
	*v = 0;
	for (size_t i = 0; i < n; i++)
		*v = (*v << 4) | (uint64_t)(s[i] <= '9' ? s[i] - '0' : s[i] - 'a' + 10);
	*end = s + n;
	return 0;
}

/* One "IDF WEIGHT TERM" line into the model. */
static int parse_term(struct rank_model *m, const char *line, size_t f)
{
	uint64_t idf, w;
	const char *p;
	if (parse_hex(line, &p, &idf) < 0 || *p != ' ' || parse_hex(p + 1, &p, &w) < 0 ||
	    *p != ' ')
		return -1;
	double di = bits_double(idf), dw = bits_double(w);
	if (!isfinite(di) || !isfinite(dw) || di <= 0)
		return -1;
	if (rank_vocab_add(&m->vocab, p + 1, di) != f)
		return -1; /* not a term, or one seen before */
	m->w[f - 1] = dw;
	return 0;
}

/* "scores S" and S lines "SCORE LENGTH KEY". */
static int parse_scores(struct lines *l, struct rank_model *m)
{
	size_t n;
	int end = 0;
	if (!next_line(l) || sscanf(l->line, "scores %zu%n", &n, &end) != 1 || l->line[end])
		return -1;
	for (size_t i = 0; i < n; i++) {
		uint64_t bits;
		const char *p;
		char *key;
		if (!next_line(l) || parse_hex(l->line, &p, &bits) < 0 || *p != ' ' ||
		    !(p[1] >= '0' && p[1] <= '9'))
			return -1;
		errno = 0;
		unsigned long long len = strtoull(p + 1, &key, 10);
		double score = bits_double(bits);
		if (errno || *key != ' ' || !key[1] || strchr(key + 1, ' ') ||
		    !(score >= 0 && score <= 1) || store(m, key + 1, (size_t)len, score) < 0)
			return -1;
	}
	return 0;
}

static int parse_body(struct lines *l, struct rank_model *m)
{
	unsigned long long hash;
	size_t nterms;
	int n = 0;
	if (!next_line(l) || sscanf(l->line, "stamp %" SCNu32 " %" SCNu32 " %" SCNu32 " %llx%n",
				    &m->stamp.positive, &m->stamp.negative, &m->stamp.weak,
				    &hash, &n) != 4 || l->line[n])
		return -1;
	m->stamp.hash = hash;
	n = 0;
	if (!next_line(l) || sscanf(l->line, "trained %lld %zu%n", &m->trained, &m->papers, &n) != 2 ||
	    l->line[n])
		return -1;
	n = 0;
	if (!next_line(l) || sscanf(l->line, "terms %zu%n", &nterms, &n) != 1 || l->line[n] ||
	    nterms > RANK_MAX_TERMS)
		return -1;
	m->w = xcalloc(nterms + 1, sizeof(*m->w));
	for (size_t f = 1; f <= nterms; f++)
		if (!next_line(l) || parse_term(m, l->line, f) < 0)
			return -1;
	uint64_t bias;
	const char *p;
	if (!next_line(l) || strncmp(l->line, "bias ", 5) || parse_hex(l->line + 5, &p, &bias) < 0 ||
	    *p || !isfinite(bits_double(bias)))
		return -1;
	m->w[nterms] = bits_double(bias);
	return parse_scores(l, m);
}

int rank_parse(const char *data, size_t len, struct rank_model **out, struct strbuf *err)
{
	*out = NULL;
	int version = 0, n = 0;
	/* A model that could not score is no model. */
	const struct rank_linear *lib = rank_linear(err);
	if (!lib)
		return -1;
	if (len < 32 || sscanf(data, "digest-tui for-me model %d%n", &version, &n) != 1 ||
	    data[n] != '\n') {
		strbuf_addstr(err, _("not a for-me model"));
		return -1;
	}
	if (version != RANK_MODEL_VERSION) {
		strbuf_addf(err, _("a for-me model of version %d, not %d"), version,
			    RANK_MODEL_VERSION);
		return -1;
	}
	/* The checksum covers everything before its own line. */
	const char *sum = len >= 73 ? data + len - 72 : NULL;
	char hex[65];
	if (!sum || strncmp(sum, "sha256 ", 7) || data[len - 1] != '\n' ||
	    (sha256_hex(data, (size_t)(sum - data), hex), memcmp(hex, sum + 7, 64))) {
		strbuf_addstr(err, _("a damaged for-me model (its checksum does not match)"));
		return -1;
	}
	struct rank_model *m = model_new();
	struct lines l = { data + n + 1, sum, NULL, 0 };
	int rc = parse_body(&l, m);
	free(l.line);
	if (rc < 0 || l.p != sum) {
		strbuf_addstr(err, _("a damaged for-me model (a line does not read)"));
		rank_free(m);
		return -1;
	}
	model_link(m, lib);
	*out = m;
	return 0;
}

/* dir, or the marks' directory. Returns a new string, or NULL (err). */
static char *model_dir(const char *dir, struct strbuf *err)
{
	if (dir)
		return xstrdup(dir);
	char *d = marks_default_dir();
	if (!d)
		strbuf_addstr(err, _("for-me: no state directory (neither XDG_STATE_HOME nor HOME "
				     "is set)"));
	return d;
}

int rank_save(const struct rank_model *m, const char *dir, struct strbuf *err)
{
	char *d = model_dir(dir, err);
	if (!d)
		return -1;
	struct strbuf data = STRBUF_INIT;
	rank_serialize(m, &data);
	int rc = fileio_mkdirs(d, 0700, err) < 0 ||
			 fileio_replace(d, RANK_MODEL_FILE, data.buf, data.len, 0600, err) < 0
		 ? -1 : 0;
	strbuf_release(&data);
	free(d);
	return rc;
}

int rank_load(const char *dir, struct rank_model **out, struct strbuf *err)
{
	*out = NULL;
	char *d = model_dir(dir, err);
	if (!d)
		return -1;
	struct strbuf path = STRBUF_INIT, why = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s", d, RANK_MODEL_FILE);
	free(d);
	char *data = NULL;
	size_t len = 0;
	int rc;
	if (fileio_read(path.buf, RANK_FILE_MAX, FILEIO_NOFOLLOW, &data, &len, &why) < 0) {
		rc = errno == ENOENT ? 1 : -1;
		if (rc < 0) /* fileio names the path */
			strbuf_add(err, why.buf, why.len);
	} else {
		rc = rank_parse(data, len, out, &why);
		if (rc < 0)
			strbuf_addf(err, "%s: %s", path.buf, why.buf);
	}
	free(data);
	strbuf_release(&path);
	strbuf_release(&why);
	return rc;
}

/* ---- a model for the marks ----------------------------------------------------- */

int rank_ensure(const char *dir, const struct marks *m, rank_docs_fn get, void *ctx,
		struct rank_model **out, struct rank_stamp *stamp, struct strbuf *err)
{
	struct rank_stamp st;
	rank_stamp_of(m, &st);
	if (stamp)
		*stamp = st;
	*out = NULL;
	if (!rank_labels_enough(&st))
		return 1;
	struct rank_model *model = NULL;
	struct strbuf why = STRBUF_INIT;
	/* A missing, damaged or other-version model is trained anew, silently:
	 * the file is derived from the marks, as the cache's index is. */
	if (rank_load(dir, &model, &why) == 0 && rank_stamp_same(&model->stamp, &st)) {
		strbuf_release(&why);
		*out = model;
		return 0;
	}
	strbuf_release(&why);
	rank_free(model);

	struct rank_docs docs;
	rank_docs_init(&docs);
	int rc = get(ctx, &docs, err);
	unsigned char *labels = xmalloc(docs.n + 1);
	if (rc == 0) {
		rank_labels_of_docs(docs.v, docs.n, m, labels);
		rc = rank_train(docs.v, labels, docs.n, &st, &model, err);
	}
	if (rc == 1 && stamp) { /* labels in the marks, but too few of papers at hand */
		size_t *which;
		pick_labelled(docs.v, labels, docs.n, &which, stamp);
		free(which);
	}
	if (rc == 0) {
		struct strbuf serr = STRBUF_INIT;
		rank_remember(model, docs.v, docs.n);
		if (rank_save(model, dir, &serr) < 0) {
			if (err->len)
				strbuf_addch(err, '\n');
			strbuf_addf(err, _("for-me: the model is not saved: %s"), serr.buf);
		}
		strbuf_release(&serr);
		*out = model;
	}
	free(labels);
	rank_docs_free(&docs);
	return rc;
}
