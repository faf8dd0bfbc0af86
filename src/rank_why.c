/* rank_why: the terms that explain a for-me score (see rank_why.h). */
#include "config.h"

#include <linear.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rank.h"
#include "rank_why.h"
#include "strbuf.h"
#include "util.h"

/* A term is listed when it pushes at least this share of the strongest
 * term of its direction; a neighbouring bigram joins a word at this share
 * of the term's own push. */
#define WHY_LIST_SHARE 0.15
#define WHY_JOIN_SHARE 0.25
#define SYLLABLE 3 /* bytes of a Hangul syllable in UTF-8 */

/* Particles that end a word, longest first: not part of the term shown.
 * Not 이, 가, 도 or 만, which end too many words (디스플레이, 전문가,
 * 유사도): a particle left on is better than a word cut short. */
static const char *const particles[] = {
	"으로", "에서", "에게", "까지", "부터", "보다", "처럼", "과의", "와의",
	"을", "를", "은", "는", "의", "에", "로", "과", "와",
};

struct why {
	const struct rank_vocab *v;
	const struct rank_doc *doc;
	const char *display;
	double *push;             /* [v->n + 1]: weight x value of each feature */
	unsigned char *used;      /* [v->n + 1]: shown already */
	struct rank_tokens text;  /* doc->text's terms with their places */
	struct rank_tokens other; /* the display's or abstract's, for spellings */
};

struct pushed {
	uint32_t f;
	double push;
};

static int cmp_pushed(const void *x, const void *y)
{
	double a = ((const struct pushed *)x)->push, b = ((const struct pushed *)y)->push;
	return (a < b) - (a > b);
}

static int same_way(double push, double p)
{
	return (push > 0) == (p > 0) && fabs(push) >= WHY_JOIN_SHARE * fabs(p);
}

/* Whether token b joins the word of token a (b next to a: the same run of
 * syllables, or the first bigram of the run after one space) pushing as p. */
static int joins(const struct why *w, size_t a, size_t b, double p)
{
	const struct rank_tokens *t = &w->text;
	if (!(t->key[a] & RANK_KEY_HANGUL) || !(t->key[b] & RANK_KEY_HANGUL))
		return 0;
	size_t lo = a < b ? a : b, hi = a < b ? b : a;
	int next = t->off[hi] == t->off[lo] + SYLLABLE;
	int after_space = t->off[hi] == t->off[lo] + 2 * SYLLABLE + 1 &&
			  w->doc->text[t->off[lo] + 2 * SYLLABLE] == ' ';
	uint32_t f = rank_vocab_find(w->v, t->key[b]);
	return (next || after_space) && f && same_way(w->push[f], p);
}

/* The span [start, end) less a particle ending it, if a word of two
 * syllables or more is left. */
static size_t trim_particle(const char *s, size_t start, size_t end)
{
	for (size_t i = 0; i < sizeof(particles) / sizeof(*particles); i++) {
		size_t n = strlen(particles[i]);
		if (end - start >= n + 2 * SYLLABLE && !memcmp(s + end - n, particles[i], n) &&
		    s[end - n - 1] != ' ')
			return end - n;
	}
	return end;
}

/* The word around the first place of Hangul feature f. */
static char *hangul_word(struct why *w, uint32_t f)
{
	const struct rank_tokens *t = &w->text;
	size_t i = 0;
	while (i < t->n && t->key[i] != w->v->key[f])
		i++;
	if (i == t->n) /* in the abstract, which has no Hangul to speak of */
		return xstrdup(w->v->term[f]);
	double p = w->push[f];
	size_t lo = i, hi = i;
	while (lo > 0 && joins(w, lo, lo - 1, p))
		lo--;
	while (hi + 1 < t->n && joins(w, hi, hi + 1, p))
		hi++;
	for (size_t k = lo; k <= hi; k++)
		w->used[rank_vocab_find(w->v, t->key[k])] = 1;
	size_t start = t->off[lo], end = trim_particle(w->doc->text, start,
							 t->off[hi] + 2 * SYLLABLE);
	return xstrndup(w->doc->text + start, end - start);
}

/* f as the first of s (len bytes) that holds it writes it, or NULL. */
static char *spelled(struct rank_tokens *t, const char *s, size_t len, uint64_t key)
{
	if (!s)
		return NULL;
	t->n = 0;
	rank_tokenize(s, len, t);
	for (size_t i = 0; i < t->n; i++)
		if (t->key[i] == key)
			return xstrndup(s + t->off[i], t->len[i]);
	return NULL;
}

static char *latin_word(struct why *w, uint32_t f)
{
	w->used[f] = 1;
	uint64_t key = w->v->key[f];
	char *s = spelled(&w->other, w->display, w->display ? strlen(w->display) : 0, key);
	if (!s && w->doc->abstract)
		s = spelled(&w->other, w->doc->abstract, strlen(w->doc->abstract), key);
	return s ? s : xstrdup(w->v->term[f]);
}

/* Adds feature f's word to v (of at most max), unless shown already. */
static void add(struct why *w, const struct pushed *p, struct rank_why_term *v, size_t *n,
		size_t max)
{
	if (*n >= max || w->used[p->f])
		return;
	char *s = (w->v->key[p->f] & RANK_KEY_HANGUL) ? hangul_word(w, p->f) : latin_word(w, p->f);
	w->used[p->f] = 1;
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(v[i].text, s)) {
			free(s);
			return;
		}
	v[(*n)++] = (struct rank_why_term){ s, p->push };
}

void rank_why(const struct rank_model *m, const struct rank_doc *doc, const char *display,
	      struct rank_why *out)
{
	memset(out, 0, sizeof(*out));
	struct why w = { rank_model_vocab(m), doc, display, NULL, NULL, { 0 }, { 0 } };
	struct rank_scratch s;
	rank_scratch_init(&s);
	size_t nf;
	struct feature_node *row = rank_row(w.v, doc, 0, 0, &s, &nf);
	w.push = xcalloc(w.v->n + 1, sizeof(*w.push));
	w.used = xcalloc(w.v->n + 1, 1);
	struct pushed *order = xmalloc((nf + 1) * sizeof(*order));
	for (size_t i = 0; i < nf; i++) {
		uint32_t f = (uint32_t)row[i].index;
		order[i] = (struct pushed){ f, rank_model_weight(m, f) * row[i].value };
		w.push[f] = order[i].push;
	}
	rank_scratch_free(&s);
	qsort(order, nf, sizeof(*order), cmp_pushed);
	rank_tokens_init(&w.text, 1);
	rank_tokens_init(&w.other, 1);
	rank_tokenize(doc->text, doc->len, &w.text);
	for (size_t i = 0; i < nf && order[i].push > 0; i++)
		if (order[i].push >= WHY_LIST_SHARE * order[0].push)
			add(&w, &order[i], out->up, &out->nup, RANK_WHY_UP);
	for (size_t i = nf; i-- > 0 && order[i].push < 0;)
		if (order[i].push <= WHY_LIST_SHARE * order[nf - 1].push)
			add(&w, &order[i], out->down, &out->ndown, RANK_WHY_DOWN);
	rank_tokens_free(&w.text);
	rank_tokens_free(&w.other);
	free(order);
	free(w.push);
	free(w.used);
}

void rank_why_free(struct rank_why *w)
{
	for (size_t i = 0; i < w->nup; i++)
		free(w->up[i].text);
	for (size_t i = 0; i < w->ndown; i++)
		free(w->down[i].text);
	memset(w, 0, sizeof(*w));
}

static void add_list(struct strbuf *out, const struct rank_why_term *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		strbuf_addf(out, "%s%s", i ? ", " : "", v[i].text);
}

void rank_why_line(const struct rank_why *w, struct strbuf *out)
{
	if (w->nup) {
		strbuf_addstr(out, "for you: ");
		add_list(out, w->up, w->nup);
	}
	if (w->ndown) {
		strbuf_addstr(out, w->nup ? "; not: " : "not for you: ");
		add_list(out, w->down, w->ndown);
	}
}
