/* rank_features: terms, vocabulary and tf-idf rows (see rank_features.h). */
#include "config.h"

#include <linear.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rank_features.h"
#include "strmap.h"
#include "util.h"

/* Terms are hashed as strmap_hash does (FNV-1a), a byte at a time as the
 * scanner reads them. */
#define FNV_BASIS STRMAP_FNV_BASIS
#define FNV_PRIME STRMAP_FNV_PRIME

/* ---- stop-words -------------------------------------------------------------
 * Sorted (strcmp order, so the Hangul ones by their UTF-8 bytes) for bsearch;
 * only looked up when a vocabulary is built. */
static const char *const stopwords[] = {
	"about", "above", "after", "again", "against", "all", "also", "am", "an", "and",
	"any", "are", "as", "at", "be", "because", "been", "before", "being", "below",
	"between", "both", "but", "by", "can", "could", "did", "do", "does", "doing",
	"down", "during", "each", "eg", "etc", "few", "for", "from", "further", "had",
	"has", "have", "having", "he", "her", "here", "hers", "him", "his", "how",
	"however", "ie", "if", "in", "into", "is", "it", "its", "itself", "just", "may",
	"me", "might", "more", "most", "much", "must", "my", "no", "nor", "not", "of",
	"off", "on", "once", "only", "or", "other", "our", "ours", "out", "over", "own",
	"same", "she", "should", "so", "some", "such", "than", "that", "the", "their",
	"them", "then", "there", "these", "they", "this", "those", "through", "thus",
	"to", "too", "under", "until", "up", "upon", "us", "very", "via", "was", "we",
	"were", "what", "when", "where", "whether", "which", "while", "who", "whom",
	"why", "will", "with", "within", "without", "would", "yet", "you", "your",
	/* Korean endings and function words, as syllable pairs. */
	"같은", "것을", "것이", "과의", "그리", "까지", "니다", "되는",
	"되며", "되어", "된다", "등을", "등의", "따라", "또는", "또한",
	"러한", "리고", "보다", "부터", "습니", "않고", "않는", "없는",
	"에게", "에서", "였다", "와의", "위한", "위해", "으로", "으며",
	"이다", "이러", "이를", "이며", "있는", "있다", "있어", "처럼",
	"통한", "통해", "하고", "하기", "하는", "하며", "하여", "한다",
	"했다",
};
#define NSTOPWORDS (sizeof(stopwords) / sizeof(stopwords[0]))

static int cmp_stop(const void *k, const void *e)
{
	return strcmp((const char *)k, *(const char *const *)e);
}

int rank_stopword(const char *term, size_t len)
{
	char buf[RANK_TERM_MAX + 1];
	if (len > RANK_TERM_MAX)
		return 0;
	memcpy(buf, term, len);
	buf[len] = '\0';
	return bsearch(buf, stopwords, NSTOPWORDS, sizeof(*stopwords), cmp_stop) != NULL;
}

/* ---- terms ------------------------------------------------------------------- */

static uint64_t mix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return h;
}

uint64_t rank_hash(const char *s, size_t len)
{
	return mix64(strmap_hash(s, len));
}

/* A Latin term's key: never 0, never with the Hangul bit. */
static uint64_t latin_key(uint64_t fnv)
{
	return (mix64(fnv) & ~RANK_KEY_HANGUL) | 1;
}

/* ---- the vocabulary's table ---------------------------------------------------- */

static inline size_t slot_of(uint64_t key, size_t nslots)
{
	return (size_t)((key * 0x9e3779b97f4a7c15ull) >> 32) & (nslots - 1);
}

static inline uint32_t vocab_find(const struct rank_vocab *v, uint64_t key)
{
	if (!v->nslots)
		return 0;
	for (size_t s = slot_of(key, v->nslots);; s = (s + 1) & (v->nslots - 1)) {
		if (v->slots[s].key == key)
			return v->slots[s].idx;
		if (!v->slots[s].key)
			return 0;
	}
}

static void slot_put(struct rank_vocab *v, uint64_t key, uint32_t idx)
{
	size_t s = slot_of(key, v->nslots);
	while (v->slots[s].key)
		s = (s + 1) & (v->nslots - 1);
	v->slots[s].key = key;
	v->slots[s].idx = idx;
}

static void rehash(struct rank_vocab *v, size_t nslots)
{
	free(v->slots);
	v->nslots = nslots;
	v->slots = xcalloc(nslots, sizeof(*v->slots));
	for (size_t i = 1; i <= v->n; i++)
		slot_put(v, v->key[i], (uint32_t)i);
}

uint32_t rank_vocab_find(const struct rank_vocab *v, uint64_t key)
{
	return vocab_find(v, key);
}

/* Character classes of ASCII bytes: letters, digits. */
enum { C_ALPHA = 1, C_DIGIT = 2 };
static const unsigned char ascii_class[128] = {
	['0'] = C_DIGIT, ['1'] = C_DIGIT, ['2'] = C_DIGIT, ['3'] = C_DIGIT,
	['4'] = C_DIGIT, ['5'] = C_DIGIT, ['6'] = C_DIGIT, ['7'] = C_DIGIT,
	['8'] = C_DIGIT, ['9'] = C_DIGIT,
#define L(c) [c] = C_ALPHA, [c - 32] = C_ALPHA
	L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'),
	L('j'), L('k'), L('l'), L('m'), L('n'), L('o'), L('p'), L('q'), L('r'),
	L('s'), L('t'), L('u'), L('v'), L('w'), L('x'), L('y'), L('z'),
#undef L
};

/* The bytes of a Latin character at p (before end): 1 for an ASCII letter or
 * digit, 2 for a letter of U+00C0..U+027F (not × or ÷), else 0. */
static inline size_t latin_char(const unsigned char *p, const unsigned char *end, int *alpha)
{
	if (*p < 0x80) {
		*alpha = ascii_class[*p] == C_ALPHA;
		return ascii_class[*p] ? 1 : 0;
	}
	if (*p >= 0xC3 && *p <= 0xC9 && p + 1 < end && (p[1] & 0xC0) == 0x80 &&
	    !(*p == 0xC3 && (p[1] == 0x97 || p[1] == 0xB7))) {
		*alpha = 1;
		return 2;
	}
	return 0;
}

/* The syllable index (0..11171) of a Hangul syllable at p, or -1. */
static inline int hangul_at(const unsigned char *p, const unsigned char *end)
{
	if (*p < 0xEA || *p > 0xED || p + 2 >= end || (p[1] & 0xC0) != 0x80 ||
	    (p[2] & 0xC0) != 0x80)
		return -1;
	unsigned cp = ((unsigned)(*p & 0x0F) << 12) | ((unsigned)(p[1] & 0x3F) << 6) |
		      (p[2] & 0x3F);
	return cp >= 0xAC00 && cp <= 0xD7A3 ? (int)(cp - 0xAC00) : -1;
}

void rank_tokens_init(struct rank_tokens *t, int positions)
{
	memset(t, 0, sizeof(*t));
	t->positions = positions;
}

void rank_tokens_free(struct rank_tokens *t)
{
	free(t->key);
	free(t->off);
	free(t->len);
	rank_tokens_init(t, t->positions);
}

static void push(struct rank_tokens *t, uint64_t key, size_t off, size_t len)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->key = xrealloc(t->key, t->cap * sizeof(*t->key));
		if (t->positions) {
			t->off = xrealloc(t->off, t->cap * sizeof(*t->off));
			t->len = xrealloc(t->len, t->cap * sizeof(*t->len));
		}
	}
	t->key[t->n] = key;
	if (t->positions) {
		t->off[t->n] = (uint32_t)off;
		t->len[t->n] = (uint8_t)len;
	}
	t->n++;
}

/* Where the terms of a scan go: pushed on tokens, or, with a vocabulary,
 * counted straight into a scratch (scoring a whole archive reads every
 * byte of it: no array of terms in between). */
struct sink {
	struct rank_tokens *tokens;
	const struct rank_vocab *v;
	struct rank_scratch *s;
	uint32_t times;     /* what a term counts for */
};

static inline void emit(struct sink *k, uint64_t key, size_t off, size_t len)
{
	if (!k->v) {
		push(k->tokens, key, off, len);
		return;
	}
	uint32_t f = vocab_find(k->v, key);
	if (!f)
		return;
	if (!k->s->count[f])
		k->s->touched[k->s->ntouched++] = f;
	k->s->count[f] += k->times;
}

/* A Latin term starting at p: its end; emitted when it is one. */
static inline const unsigned char *latin_term(const unsigned char *start,
					      const unsigned char *p,
					      const unsigned char *end, struct sink *k)
{
	const unsigned char *from = p;
	uint64_t h = FNV_BASIS;
	int has_alpha = 0, alpha = 0, prev_digit = 0;
	for (;;) {
		size_t n = latin_char(p, end, &alpha);
		if (n == 1) {
			h = (h ^ (unsigned char)(alpha ? (*p | 0x20) : *p)) * FNV_PRIME;
			prev_digit = !alpha;
		} else {
			h = (h ^ p[0]) * FNV_PRIME;
			h = (h ^ p[1]) * FNV_PRIME;
			prev_digit = 0;
		}
		has_alpha |= alpha;
		p += n;
		if (p >= end)
			break;
		if (latin_char(p, end, &alpha))
			continue;
		/* A joiner between two term characters stays in the term. */
		if (p + 1 < end && (*p == '-' || (*p == '.' && prev_digit)) &&
		    latin_char(p + 1, end, &alpha) && (*p == '-' || !alpha)) {
			h = (h ^ *p) * FNV_PRIME;
			p++;
			continue;
		}
		break;
	}
	size_t len = (size_t)(p - from);
	if (has_alpha && len >= 2 && len <= RANK_TERM_MAX)
		emit(k, latin_key(h), (size_t)(from - start), len);
	return p;
}

static inline void scan(const char *s, size_t len, struct sink *k)
{
	const unsigned char *start = (const unsigned char *)s, *p = start, *end = start + len;
	int prev = -1; /* the syllable just before p, or -1 */
	int alpha;
	while (p < end) {
		if (*p < 0x80) {
			prev = -1;
			if (ascii_class[*p])
				p = latin_term(start, p, end, k);
			else /* blanks, punctuation */
				p++;
			continue;
		}
		int syl = hangul_at(p, end);
		if (syl >= 0) {
			if (prev >= 0)
				emit(k, RANK_KEY_HANGUL | ((uint64_t)prev << 14) | (uint64_t)syl,
				     (size_t)(p - start) - 3, 6);
			prev = syl;
			p += 3;
			continue;
		}
		prev = -1;
		if (latin_char(p, end, &alpha))
			p = latin_term(start, p, end, k);
		else
			p++;
	}
}

void rank_tokenize(const char *s, size_t len, struct rank_tokens *t)
{
	struct sink k = { t, NULL, NULL, 1 };
	scan(s, len, &k);
}

uint64_t rank_term_key(const char *term, size_t len)
{
	struct rank_tokens t;
	rank_tokens_init(&t, 1);
	rank_tokenize(term, len, &t);
	uint64_t key = t.n == 1 && t.off[0] == 0 && t.len[0] == len ? t.key[0] : 0;
	rank_tokens_free(&t);
	return key;
}

/* ---- the vocabulary --------------------------------------------------------- */

void rank_vocab_init(struct rank_vocab *v)
{
	memset(v, 0, sizeof(*v));
}

void rank_vocab_free(struct rank_vocab *v)
{
	for (size_t i = 1; i <= v->n; i++)
		free(v->term[i]);
	free(v->term);
	free(v->idf);
	free(v->key);
	free(v->slots);
	rank_vocab_init(v);
}

uint32_t rank_vocab_add(struct rank_vocab *v, const char *term, double idf)
{
	size_t len = strlen(term);
	uint64_t key = rank_term_key(term, len);
	if (!key || rank_vocab_find(v, key) || v->n + 1 >= UINT32_MAX / 4)
		return 0;
	if (v->n + 1 >= v->cap) {
		v->cap = v->cap ? v->cap * 2 : 1024;
		v->term = xrealloc(v->term, v->cap * sizeof(*v->term));
		v->idf = xrealloc(v->idf, v->cap * sizeof(*v->idf));
		v->key = xrealloc(v->key, v->cap * sizeof(*v->key));
	}
	size_t i = ++v->n;
	v->term[i] = xstrndup(term, len);
	v->idf[i] = idf;
	v->key[i] = key;
	if (4 * v->n >= v->nslots)
		rehash(v, v->nslots ? v->nslots * 2 : 4096);
	else
		slot_put(v, key, (uint32_t)i);
	return (uint32_t)i;
}

/* Document frequencies while a vocabulary is built: key -> df, the paper
 * that counted last, and where the term was first seen. */
struct df_entry {
	uint64_t key;
	uint32_t df;
	uint32_t last;      /* the paper counted last, + 1 */
	uint32_t doc, off;  /* the first occurrence */
	uint8_t len, in_abstract;
};

struct df_table {
	struct df_entry *v;
	size_t n, nslots;
};

static struct df_entry *df_slot(struct df_table *t, uint64_t key)
{
	if (2 * (t->n + 1) >= t->nslots) {
		struct df_entry *old = t->v;
		size_t oldn = t->nslots;
		t->nslots = t->nslots ? t->nslots * 2 : 8192;
		t->v = xcalloc(t->nslots, sizeof(*t->v));
		for (size_t i = 0; i < oldn; i++) {
			if (!old[i].key)
				continue;
			size_t s = slot_of(old[i].key, t->nslots);
			while (t->v[s].key)
				s = (s + 1) & (t->nslots - 1);
			t->v[s] = old[i];
		}
		free(old);
	}
	size_t s = slot_of(key, t->nslots);
	while (t->v[s].key && t->v[s].key != key)
		s = (s + 1) & (t->nslots - 1);
	if (!t->v[s].key) {
		t->v[s].key = key;
		t->n++;
	}
	return &t->v[s];
}

static void df_count(struct df_table *t, const struct rank_tokens *tok, uint32_t doc,
		     int in_abstract)
{
	for (size_t i = 0; i < tok->n; i++) {
		struct df_entry *e = df_slot(t, tok->key[i]);
		if (e->last == doc + 1)
			continue;
		if (!e->df) {
			e->doc = doc;
			e->off = tok->off[i];
			e->len = tok->len[i];
			e->in_abstract = (uint8_t)in_abstract;
		}
		e->df++;
		e->last = doc + 1;
	}
}

struct candidate {
	char *term;
	uint32_t df;
};

static int cmp_candidate_df(const void *x, const void *y)
{
	const struct candidate *a = x, *b = y;
	if (a->df != b->df)
		return a->df > b->df ? -1 : 1;
	return strcmp(a->term, b->term);
}

static int cmp_candidate_term(const void *x, const void *y)
{
	return strcmp(((const struct candidate *)x)->term, ((const struct candidate *)y)->term);
}

/* The term of a df entry as the vocabulary spells it (ASCII lower-cased). */
static char *entry_term(const struct df_entry *e, const struct rank_doc *d)
{
	const char *src = (e->in_abstract ? d->abstract : d->text) + e->off;
	char *s = xstrndup(src, e->len);
	for (char *c = s; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c + 32);
	return s;
}

void rank_vocab_build(struct rank_vocab *v, const struct rank_doc *docs,
		      const size_t *which, size_t n, size_t min_df, size_t max_terms)
{
	struct df_table t = { NULL, 0, 0 };
	struct rank_tokens tok;
	rank_tokens_init(&tok, 1);
	for (size_t i = 0; i < n; i++) {
		const struct rank_doc *d = &docs[which[i]];
		tok.n = 0;
		rank_tokenize(d->text, d->len, &tok);
		df_count(&t, &tok, (uint32_t)i, 0);
		if (d->abstract) {
			tok.n = 0;
			rank_tokenize(d->abstract, strlen(d->abstract), &tok);
			df_count(&t, &tok, (uint32_t)i, 1);
		}
	}
	rank_tokens_free(&tok);

	struct candidate *c = xmalloc((t.n + 1) * sizeof(*c));
	size_t nc = 0;
	for (size_t s = 0; s < t.nslots; s++) {
		const struct df_entry *e = &t.v[s];
		if (!e->key || e->df < min_df)
			continue;
		char *term = entry_term(e, &docs[which[e->doc]]);
		if (rank_stopword(term, e->len)) {
			free(term);
			continue;
		}
		c[nc++] = (struct candidate){ term, e->df };
	}
	free(t.v);
	if (nc > max_terms) {
		qsort(c, nc, sizeof(*c), cmp_candidate_df);
		for (size_t i = max_terms; i < nc; i++)
			free(c[i].term);
		nc = max_terms;
	}
	qsort(c, nc, sizeof(*c), cmp_candidate_term);
	rank_vocab_init(v);
	v->ndocs = n;
	for (size_t i = 0; i < nc; i++) {
		rank_vocab_add(v, c[i].term, log((1.0 + (double)n) / (1.0 + c[i].df)) + 1.0);
		free(c[i].term);
	}
	free(c);
}

/* ---- rows ---------------------------------------------------------------------- */

void rank_scratch_init(struct rank_scratch *s)
{
	memset(s, 0, sizeof(*s));
	rank_tokens_init(&s->tokens, 0);
}

void rank_scratch_free(struct rank_scratch *s)
{
	rank_tokens_free(&s->tokens);
	free(s->count);
	free(s->touched);
	free(s->row);
	rank_scratch_init(s);
}

/* 1 + ln tf for the small counts, which are most. */
static const double sublinear[8] = {
	0, 1, 1.6931471805599453, 2.0986122886681098, 2.3862943611198906,
	2.6094379124341003, 2.7917594692280550, 2.9459101090932196,
};

static int cmp_node(const void *x, const void *y)
{
	int a = ((const struct feature_node *)x)->index, b = ((const struct feature_node *)y)->index;
	return (a > b) - (a < b);
}

struct feature_node *rank_row(const struct rank_vocab *v, const struct rank_doc *doc,
			      double bias, int sorted, struct rank_scratch *s, size_t *n)
{
	if (s->size < v->n + 1) {
		free(s->count);
		free(s->touched);
		s->size = v->n + 1;
		s->count = xcalloc(s->size, sizeof(*s->count));
		s->touched = xmalloc(s->size * sizeof(*s->touched));
	}
	s->ntouched = 0;
	struct sink sk = { NULL, v, s, 1 };
	scan(doc->text, doc->len, &sk);
	if (doc->abstract)
		scan(doc->abstract, strlen(doc->abstract), &sk);
	/* The title again, for the times it counts beyond once. */
	const char *nl = memchr(doc->text, '\n', doc->len);
	sk.times = RANK_TITLE_WEIGHT - 1;
	scan(doc->text, nl ? (size_t)(nl - doc->text) : doc->len, &sk);

	if (s->row_cap < s->ntouched + 2) {
		s->row_cap = s->ntouched + 64;
		s->row = xrealloc(s->row, s->row_cap * sizeof(*s->row));
	}
	double norm = 0;
	for (size_t i = 0; i < s->ntouched; i++) {
		uint32_t f = s->touched[i];
		uint32_t c = s->count[f];
		double x = (c < 8 ? sublinear[c] : 1.0 + log((double)c)) * v->idf[f];
		s->row[i] = (struct feature_node){ (int)f, x };
		norm += x * x;
		s->count[f] = 0;
	}
	norm = norm > 0 ? 1.0 / sqrt(norm) : 0;
	for (size_t i = 0; i < s->ntouched; i++)
		s->row[i].value *= norm;
	if (sorted)
		qsort(s->row, s->ntouched, sizeof(*s->row), cmp_node);
	size_t end = s->ntouched;
	if (bias > 0)
		s->row[end++] = (struct feature_node){ (int)v->n + 1, bias };
	s->row[end] = (struct feature_node){ -1, 0 };
	*n = s->ntouched;
	return s->row;
}
