/* rank_why: the terms that explain a for-me score (see rank_why.h). */
#include "config.h"

#include <linear.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "rank.h"
#include "rank_why.h"
#include "strbuf.h"
#include "util.h"

/* A term is listed when it pushes at least this share of the strongest
 * term of its direction; a neighbouring word joins a phrase when it pushes
 * the same way at least this share as hard as the word the phrase grew
 * from; a term that pushes down less than WHY_DOWN_MIN (in the model's
 * log-odds: the odds move by under 5%), or than WHY_DOWN_SHARE of the
 * strongest term up, says nothing worth a place. */
#define WHY_LIST_SHARE 0.15
#define WHY_JOIN_SHARE 0.25
#define WHY_DOWN_MIN 0.05
#define WHY_DOWN_SHARE 0.125
#define WHY_PHRASE_WORDS 3
#define SYL 3 /* bytes of a Hangul syllable in UTF-8 */

/* ---- a word less its particle or ending ------------------------------------
 * What the syllable before a suffix must end in for the suffix to be one:
 * 이, 은, 을, 과 and 으로 follow a final consonant, 가, 는, 를 and 와 a vowel,
 * 로 a vowel or ㄹ. So 디스플레이 and 전문가 keep their last syllable. */
enum after { ANY, CONS, VOWEL, VOWEL_L };

enum {
	DROP = 1,     /* a word it leaves under two syllables is dropped: the
		       * word was only a particle or a predicate (위한, 높아졌다) */
	ATTEST = 2,   /* cut only when the rest is a noun the paper writes
		       * elsewhere: 정확도 is no 정확 + 도, 로봇도 is 로봇 + 도 */
	PARTICLE = 4, /* a particle (its rest is a noun), not a verb ending */
	PREDICATE = 8,/* an ending of a verb's own stem: the word is a
		       * predicate (줄이면서도), dropped whole */
	OWNED = 16,   /* ATTEST when the word ends in one of own_words */
};

struct suffix {
	const char *s;
	unsigned char len, after, flags;
};

#define S(x) x, sizeof(x) - 1

/* Words whose last syllable may be theirs, not an OWNED suffix: loanwords
 * that end in 인 (파이프라인, 도메인, 디자인, 체인) and the -isms (민주주의;
 * but 위주의 is 위주 + 의 where the paper writes 위주로 too). */
static const char *const own_words[] = {
	"라인", "레인", "메인", "자인", "체인", "그인", "게인", "테인", "주의", "의의",
};

/* Longest first: the first that fits is cut (no two of a length fit one
 * word). A suffix without DROP leaves a word of two syllables whole (결과,
 * 경로, 목적, 역할, 포함). */
#define ENDING(x) { S(x), ANY, DROP }
#define PREDICATE_END(x) { S(x), ANY, PREDICATE }
#define PARTICLE_END(x, after) { S(x), after, DROP | PARTICLE }
static const struct suffix suffixes[] = {
	/* four syllables */
	ENDING("하였으며"), ENDING("되었으며"), ENDING("하면서도"),
	PARTICLE_END("만으로도", ANY),
	/* three */
	ENDING("하였음"), ENDING("하고자"), ENDING("되었음"), ENDING("없이도"),
	ENDING("하였다"), ENDING("했으며"), ENDING("하도록"), ENDING("하려는"),
	ENDING("하면서"), ENDING("하므로"), ENDING("하지만"), ENDING("합니다"),
	ENDING("되었다"), ENDING("시켰다"), ENDING("시키는"), ENDING("시키며"),
	ENDING("시키고"), ENDING("아졌다"), ENDING("어졌다"), ENDING("였으며"),
	ENDING("적으로"), ENDING("적이다"), ENDING("적이고"), PREDICATE_END("면서도"),
	PREDICATE_END("스러운"), PREDICATE_END("스럽게"), PREDICATE_END("스럽고"),
	PREDICATE_END("않고도"), PARTICLE_END("만으로", ANY), PARTICLE_END("으로도", CONS),
	PARTICLE_END("에서의", ANY), PARTICLE_END("에서는", ANY),
	PARTICLE_END("에서도", ANY), PARTICLE_END("으로서", CONS),
	PARTICLE_END("으로써", CONS), PARTICLE_END("으로의", CONS),
	PARTICLE_END("으로는", CONS), { S("이었다"), CONS, DROP },
	/* two */
	ENDING("하다"), ENDING("한다"), ENDING("했다"), ENDING("하는"), ENDING("하여"),
	ENDING("하고"), ENDING("하며"), ENDING("하기"), ENDING("하면"), ENDING("하지"),
	ENDING("하게"), ENDING("해서"), ENDING("된다"), ENDING("되는"), ENDING("되어"),
	ENDING("되며"), ENDING("되고"), ENDING("되지"), ENDING("졌다"), ENDING("시킨"),
	ENDING("시켜"), ENDING("적인"), ENDING("없이"), ENDING("했음"), ENDING("받아"),
	ENDING("받는"), ENDING("받은"), ENDING("받을"), PREDICATE_END("면서"),
	PREDICATE_END("지만"), PREDICATE_END("으며"), PREDICATE_END("므로"),
	PREDICATE_END("고자"), PREDICATE_END("는지"), PREDICATE_END("않고"),
	PREDICATE_END("않은"), PREDICATE_END("않는"), PREDICATE_END("않아"),
	PREDICATE_END("롭게"), PREDICATE_END("르게"), PARTICLE_END("에서", ANY),
	PARTICLE_END("에게", ANY), PARTICLE_END("에는", ANY), PARTICLE_END("에도", ANY),
	PARTICLE_END("에의", ANY), PARTICLE_END("까지", ANY), PARTICLE_END("부터", ANY),
	PARTICLE_END("보다", ANY), PARTICLE_END("처럼", ANY), PARTICLE_END("마다", ANY),
	PARTICLE_END("과의", CONS), PARTICLE_END("와의", VOWEL),
	PARTICLE_END("과는", CONS), PARTICLE_END("와는", VOWEL),
	PARTICLE_END("로서", VOWEL_L), PARTICLE_END("로써", VOWEL_L),
	PARTICLE_END("로의", VOWEL_L), PARTICLE_END("로는", VOWEL_L),
	PARTICLE_END("으로", CONS), PARTICLE_END("이나", CONS),
	PARTICLE_END("로도", VOWEL_L), PARTICLE_END("와도", VOWEL),
	{ S("였다"), VOWEL, DROP }, { S("이다"), CONS, DROP }, { S("이며"), CONS, DROP },
	{ S("이고"), CONS, DROP }, { S("과도"), CONS, PARTICLE },
	/* one */
	ENDING("한"), ENDING("된"), ENDING("됨"), ENDING("게"), PREDICATE_END("며"),
	PREDICATE_END("른"), PREDICATE_END("운"), PARTICLE_END("을", CONS),
	PARTICLE_END("를", VOWEL), PARTICLE_END("은", CONS), PARTICLE_END("는", VOWEL),
	PARTICLE_END("에", ANY), { S("할"), ANY, 0 }, { S("함"), ANY, 0 },
	{ S("해"), ANY, 0 }, { S("적"), ANY, 0 }, { S("인"), ANY, OWNED },
	{ S("이"), CONS, PARTICLE }, { S("가"), VOWEL, PARTICLE },
	{ S("과"), CONS, PARTICLE }, { S("와"), VOWEL, PARTICLE },
	{ S("로"), VOWEL_L, PARTICLE }, { S("만"), ANY, PARTICLE },
	{ S("의"), ANY, PARTICLE | OWNED }, { S("도"), ANY, ATTEST | PARTICLE },
	{ S("임"), ANY, ATTEST },
};
#undef ENDING
#undef PREDICATE_END
#undef PARTICLE_END
#undef S

#define NSUFFIXES (sizeof(suffixes) / sizeof(*suffixes))
/* The suffixes by the last byte of their last syllable (64 values), in the
 * table's order within each: cut looks at the few that may fit. */
struct suffix_index {
	unsigned char at[NSUFFIXES];
	unsigned char start[65];
};

static void index_suffixes(struct suffix_index *ix)
{
	unsigned char count[64] = { 0 };
	for (size_t i = 0; i < NSUFFIXES; i++)
		count[suffixes[i].s[suffixes[i].len - 1] & 0x3F]++;
	ix->start[0] = 0;
	for (size_t b = 0; b < 64; b++)
		ix->start[b + 1] = (unsigned char)(ix->start[b] + count[b]);
	unsigned char next[64];
	memcpy(next, ix->start, sizeof(next));
	for (size_t i = 0; i < NSUFFIXES; i++)
		ix->at[next[suffixes[i].s[suffixes[i].len - 1] & 0x3F]++] = (unsigned char)i;
}

#define PLURAL "들"
#define DECLARATIVE "다" /* a word still ending in it is a predicate */

/* A run of Hangul syllables of the text (a word), and what is shown of it. */
struct run {
	uint32_t start, end;   /* bytes of doc->text */
	uint32_t stem;         /* its end less the suffix; 0: dropped */
	uint32_t tok, ntok;    /* its bigrams: text tokens tok.. */
	uint32_t word;         /* its stem's index in words */
};

/* A stem: what all the bigrams of its runs pushed, and whether it is
 * shown already. */
struct word {
	double push;
	int used;
};

struct why {
	const struct rank_vocab *v;
	const struct rank_doc *doc;
	const char *display;
	double *push;             /* [v->n + 1]: weight x value of each feature */
	double *times;            /* [v->n + 1]: what the text's places count */
	struct rank_tokens text;  /* doc->text's terms with their places */
	uint32_t *feature;        /* [text.n]: each one's feature, or 0 */
	struct run *runs;
	size_t nruns;
	struct word *words;
	size_t nwords;
	uint64_t *nouns;          /* sorted: stems written as nouns */
	size_t nnouns;
	struct suffix_index suffix;
	struct rank_tokens shown; /* the display's terms, then the abstract's */
	size_t ndisp;             /* how many are the display's */
	int have_shown;
};

static unsigned syllable(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	return (((unsigned)(u[0] & 0x0F) << 12) | ((unsigned)(u[1] & 0x3F) << 6) |
		(u[2] & 0x3F)) - 0xAC00;
}

static int fits_after(const char *p, unsigned char after)
{
	unsigned final = syllable(p) % 28; /* 0: none, 8: ㄹ */
	switch (after) {
	case CONS: return final != 0;
	case VOWEL: return final == 0;
	case VOWEL_L: return final == 0 || final == 8;
	default: return 1;
	}
}

static int ends_with(const char *s, size_t start, size_t end, const char *x)
{
	size_t n = strlen(x);
	return end - start >= n && !memcmp(s + end - n, x, n);
}

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return (a > b) - (a < b);
}

static int is_noun(const struct why *w, size_t start, size_t end)
{
	uint64_t h = rank_hash(w->doc->text + start, end - start);
	return w->nouns && bsearch(&h, w->nouns, w->nnouns, sizeof(h), cmp_u64) != NULL;
}

static int owned(const char *s, size_t start, size_t end)
{
	for (size_t i = 0; i < sizeof(own_words) / sizeof(*own_words); i++)
		if (ends_with(s, start, end, own_words[i]))
			return 1;
	return 0;
}

/* The word [start, end) less the first suffix of the table that fits: its
 * new end (end: none fits, or it leaves a word of two syllables whole), or
 * 0 when the word is dropped. *flags: the suffix's. */
static size_t cut(const struct why *w, size_t start, size_t end, int attest, unsigned *flags)
{
	const char *s = w->doc->text;
	*flags = 0;
	unsigned b = (unsigned char)s[end - 1] & 0x3F;
	for (size_t i = w->suffix.start[b]; i < w->suffix.start[b + 1]; i++) {
		const struct suffix *x = &suffixes[w->suffix.at[i]];
		if (end - start < x->len || memcmp(s + end - x->len, x->s, x->len))
			continue;
		if (x->flags & PREDICATE)
			return 0;
		size_t rest = end - x->len;
		if (rest > start && !fits_after(s + rest - SYL, x->after))
			continue;
		if (rest - start >= 3 * SYL && ends_with(s, start, rest, PLURAL))
			rest -= SYL;
		if (rest - start < 2 * SYL)
			return (x->flags & DROP) ? 0 : end;
		if (((x->flags & ATTEST) || ((x->flags & OWNED) && owned(s, start, end))) &&
		    !(attest && is_noun(w, start, rest)))
			continue;
		*flags = x->flags;
		return rest;
	}
	if (end - start >= 3 * SYL && ends_with(s, start, end, PLURAL))
		return end - SYL;
	return end;
}

/* Words of two syllables that say nothing of a paper's topic: adverbs and
 * the like (거의, 주로), postpositions written apart (대해, 간의), a count's
 * unit (가지). */
static const char function_words[] =
	"거의 주로 모두 매우 가장 특히 다시 함께 각각 여러 "
	"대해 관해 의해 인해 위함 이들 그들 가지 간의 개의 ";

static int function_word(const char *s, size_t start, size_t end)
{
	if (end - start != 2 * SYL)
		return 0;
	for (const char *p = function_words; *p; p += 2 * SYL + 1)
		if (!memcmp(p, s + start, 2 * SYL))
			return 1;
	return 0;
}

/* The end of the stem of the word [start, end), or 0 when it is dropped.
 * attest: whether ATTEST suffixes are cut (w->nouns known). *noun: the
 * stem is a noun (nothing cut, or a particle). What one suffix leaves may
 * end in another (대해서는, 최소한의, 노동집약적이며): it is cut once more.
 * A word glued to a number (10개의, 3가지) is a count: dropped. */
static size_t stem_of(const struct why *w, size_t start, size_t end, int attest, int *noun)
{
	const char *s = w->doc->text;
	unsigned flags;
	if (start > 0 && s[start - 1] >= '0' && s[start - 1] <= '9')
		return 0;
	size_t stem = cut(w, start, end, attest, &flags);
	*noun = !flags || (flags & PARTICLE);
	if (stem && stem < end) {
		unsigned first = flags;
		stem = cut(w, start, stem, attest, &flags);
		*noun = (first & PARTICLE) && (!flags || (flags & PARTICLE));
	}
	if (!stem || ends_with(s, start, stem, DECLARATIVE) || function_word(s, start, stem))
		return 0;
	return stem;
}

/* The runs of the text, from its bigrams (a lone syllable has none: it is
 * no word to show). */
static void find_runs(struct why *w)
{
	const struct rank_tokens *t = &w->text;
	w->runs = xmalloc((t->n + 1) * sizeof(*w->runs));
	for (size_t i = 0; i < t->n; i++) {
		if (!(t->key[i] & RANK_KEY_HANGUL))
			continue;
		struct run *r = w->nruns ? &w->runs[w->nruns - 1] : NULL;
		if (r && r->end == t->off[i] + SYL && r->tok + r->ntok == i) {
			r->end = t->off[i] + 2 * SYL;
			r->ntok++;
			continue;
		}
		w->runs[w->nruns++] = (struct run){ t->off[i], t->off[i] + 2 * SYL, 0,
						    (uint32_t)i, 1, 0 };
	}
}

struct keyed {
	uint64_t hash;
	uint32_t run;
};

static int cmp_keyed(const void *x, const void *y)
{
	const struct keyed *a = x, *b = y;
	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	return (a->run > b->run) - (a->run < b->run);
}

/* Each run's stem, and the words: runs of the same stem are one word (two
 * stems of one 64-bit hash would be taken for one, as terms are). */
static void find_words(struct why *w)
{
	const char *s = w->doc->text;
	int noun;
	w->nouns = xmalloc((w->nruns + 1) * sizeof(*w->nouns));
	for (size_t i = 0; i < w->nruns; i++) {
		size_t stem = stem_of(w, w->runs[i].start, w->runs[i].end, 0, &noun);
		if (stem && noun)
			w->nouns[w->nnouns++] = rank_hash(s + w->runs[i].start,
							  stem - w->runs[i].start);
	}
	qsort(w->nouns, w->nnouns, sizeof(*w->nouns), cmp_u64);
	struct keyed *k = xmalloc((w->nruns + 1) * sizeof(*k));
	size_t nk = 0;
	for (size_t i = 0; i < w->nruns; i++) {
		struct run *r = &w->runs[i];
		r->stem = (uint32_t)stem_of(w, r->start, r->end, 1, &noun);
		if (r->stem)
			k[nk++] = (struct keyed){ rank_hash(s + r->start, r->stem - r->start),
						  (uint32_t)i };
	}
	qsort(k, nk, sizeof(*k), cmp_keyed);
	w->words = xmalloc((nk + 1) * sizeof(*w->words));
	for (size_t i = 0; i < nk; i++) {
		if (!i || k[i].hash != k[i - 1].hash)
			w->words[w->nwords++] = (struct word){ 0, 0 };
		w->runs[k[i].run].word = (uint32_t)(w->nwords - 1);
	}
	free(k);
}

/* What each word pushed: each bigram's push shared among its places as
 * they count in the row (a place in the title RANK_TITLE_WEIGHT times), so
 * a bigram of two words (데이 of 데이터 and 파운데이션) is not counted
 * twice. The places of dropped runs keep their share: it is shown by no
 * one. */
static void word_pushes(struct why *w)
{
	const struct rank_tokens *t = &w->text;
	const char *nl = memchr(w->doc->text, '\n', w->doc->len);
	size_t title = nl ? (size_t)(nl - w->doc->text) : w->doc->len;
	w->feature = xmalloc((t->n + 1) * sizeof(*w->feature));
	for (size_t i = 0; i < t->n; i++) {
		uint32_t f = (t->key[i] & RANK_KEY_HANGUL) ? rank_vocab_find(w->v, t->key[i]) : 0;
		w->feature[i] = f;
		if (f)
			w->times[f] += t->off[i] < title ? RANK_TITLE_WEIGHT : 1;
	}
	for (size_t i = 0; i < w->nruns; i++) {
		const struct run *r = &w->runs[i];
		if (!r->stem)
			continue;
		for (size_t k = r->tok; k < r->tok + r->ntok; k++) {
			uint32_t f = w->feature[k];
			if (f)
				w->words[r->word].push += w->push[f] *
							  (t->off[k] < title ? RANK_TITLE_WEIGHT : 1) /
							  w->times[f];
		}
	}
}

/* ---- phrases: a word with its neighbours -------------------------------------- */

struct place {
	uint32_t first, last; /* runs */
};

/* The word next to the places' (dir +1: after the last run, -1: before the
 * first), one space away, the run between them whole (no particle), that
 * joins a phrase grown from a word pushing p; 0 when none does, else its
 * index + 1. */
static size_t neighbour(const struct why *w, const struct place *pl, size_t n, int dir, double p)
{
	size_t best = 0;
	for (size_t i = 0; i < n; i++) {
		size_t a = dir > 0 ? pl[i].last : pl[i].first;
		if ((dir > 0 && a + 1 >= w->nruns) || (dir < 0 && a == 0))
			continue;
		const struct run *x = &w->runs[a], *y = &w->runs[dir > 0 ? a + 1 : a - 1];
		const struct run *l = dir > 0 ? x : y, *r = dir > 0 ? y : x;
		if (!y->stem || l->stem != l->end || r->start != l->end + 1 ||
		    w->doc->text[l->end] != ' ')
			continue;
		const struct word *o = &w->words[y->word];
		if (o->used || (o->push > 0) != (p > 0) || fabs(o->push) < WHY_JOIN_SHARE * fabs(p))
			continue;
		if (!best || fabs(o->push) > fabs(w->words[best - 1].push))
			best = y->word + 1;
	}
	return best;
}

/* Keeps the places that grow by word (dir as for neighbour), grown. */
static size_t grow(const struct why *w, struct place *pl, size_t n, int dir, size_t word)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		size_t a = dir > 0 ? pl[i].last : pl[i].first;
		size_t b = dir > 0 ? a + 1 : a - 1;
		if ((dir > 0 && b >= w->nruns) || (dir < 0 && a == 0) || w->runs[b].word != word ||
		    !w->runs[b].stem)
			continue;
		const struct run *l = &w->runs[dir > 0 ? a : b], *r = &w->runs[dir > 0 ? b : a];
		if (l->stem != l->end || r->start != l->end + 1 || w->doc->text[l->end] != ' ')
			continue;
		pl[k] = pl[i];
		*(dir > 0 ? &pl[k].last : &pl[k].first) = (uint32_t)b;
		k++;
	}
	return k;
}

/* Word's text, joined with the neighbours that push with it into a phrase
 * of at most WHY_PHRASE_WORDS words ("로봇 조작"); *push: what they pushed
 * together. The words are used. */
static char *phrase(struct why *w, size_t word, double *push)
{
	struct place *pl = xmalloc((w->nruns + 1) * sizeof(*pl));
	size_t n = 0;
	for (size_t i = 0; i < w->nruns; i++)
		if (w->runs[i].stem && w->runs[i].word == word)
			pl[n++] = (struct place){ (uint32_t)i, (uint32_t)i };
	double p = w->words[word].push;
	*push = p;
	w->words[word].used = 1;
	for (int words = 1, dir = 1; words < WHY_PHRASE_WORDS && dir >= -1;) {
		size_t next = neighbour(w, pl, n, dir, p);
		if (!next) {
			dir -= 2;
			continue;
		}
		n = grow(w, pl, n, dir, next - 1);
		w->words[next - 1].used = 1;
		*push += w->words[next - 1].push;
		words++;
	}
	const struct run *a = &w->runs[pl[0].first], *b = &w->runs[pl[0].last];
	free(pl);
	return xstrndup(w->doc->text + a->start, b->stem - a->start);
}

/* ---- Latin terms as the paper writes them -------------------------------------- */

struct spelling {
	const char *s;
	size_t len, count;
};

/* Capitalised as a title or a sentence's start does it ("Models"). */
static int capitalised(const struct spelling *x)
{
	if (!(x->s[0] >= 'A' && x->s[0] <= 'Z'))
		return 0;
	for (size_t i = 1; i < x->len; i++)
		if (x->s[i] >= 'A' && x->s[i] <= 'Z')
			return 0;
	return 1;
}

/* Counts the spellings of key among the terms t of s. */
static size_t count_spellings(const struct rank_tokens *t, const char *s, size_t from,
			      size_t to, uint64_t key, struct spelling *sp, size_t n, size_t max)
{
	for (size_t i = from; i < to; i++) {
		if (t->key[i] != key)
			continue;
		size_t k = 0;
		while (k < n && !(sp[k].len == t->len[i] && !memcmp(sp[k].s, s + t->off[i], sp[k].len)))
			k++;
		if (k == n && n < max)
			sp[n++] = (struct spelling){ s + t->off[i], t->len[i], 0 };
		if (k < n)
			sp[k].count++;
	}
	return n;
}

/* Latin feature f as the display and the abstract write it most often (a
 * tie goes to a spelling that is not merely capitalised, "manipulation"
 * over the title's "Manipulation", then to the first), or as the
 * vocabulary does. */
static char *latin_word(struct why *w, uint32_t f)
{
	const char *disp = w->display, *abs = w->doc->abstract;
	if (!w->have_shown) { /* once, for the first Latin term */
		w->have_shown = 1;
		if (disp)
			rank_tokenize(disp, strlen(disp), &w->shown);
		w->ndisp = w->shown.n;
		if (abs)
			rank_tokenize(abs, strlen(abs), &w->shown);
	}
	size_t ndisp = w->ndisp;
	struct spelling sp[8];
	size_t n = count_spellings(&w->shown, disp, 0, ndisp, w->v->key[f], sp, 0, 8);
	n = count_spellings(&w->shown, abs, ndisp, w->shown.n, w->v->key[f], sp, n, 8);
	size_t best = 0;
	for (size_t k = 1; k < n; k++)
		if (sp[k].count > sp[best].count ||
		    (sp[k].count == sp[best].count && capitalised(&sp[best]) && !capitalised(&sp[k])))
			best = k;
	return n ? xstrndup(sp[best].s, sp[best].len) : xstrdup(w->v->term[f]);
}

/* ---- choosing the terms ---------------------------------------------------------- */

/* A term that may be listed: a Hangul word (its index) or a Latin feature. */
struct candidate {
	double push;
	uint32_t id;
	int latin;
};

/* Strongest up first (so strongest down last); a tie in a fixed order. */
static int cmp_candidate(const void *x, const void *y)
{
	const struct candidate *a = x, *b = y;
	if (a->push != b->push)
		return a->push < b->push ? 1 : -1;
	if (a->latin != b->latin)
		return a->latin - b->latin;
	return (a->id > b->id) - (a->id < b->id);
}

static int cmp_term(const void *x, const void *y)
{
	double a = fabs(((const struct rank_why_term *)x)->push);
	double b = fabs(((const struct rank_why_term *)y)->push);
	return (a < b) - (a > b);
}

/* Whether two terms say the same: one Hangul term inside the other (조작 in
 * 로봇 조작, 모델 in 언어모델). Latin terms are one feature whatever their
 * case, so never the same. */
static int overlap(const char *a, const char *b)
{
	if ((unsigned char)a[0] < 0x80 || (unsigned char)b[0] < 0x80)
		return 0;
	return strstr(a, b) || strstr(b, a);
}

/* Adds term s (pushing p) to v, of at most max; of two terms that overlap,
 * the one that pushed harder stays (the shorter on a tie). */
static void add(struct rank_why_term *v, size_t *n, size_t max, char *s, double p)
{
	size_t i = 0;
	while (i < *n) {
		if (!overlap(v[i].text, s)) {
			i++;
			continue;
		}
		if (fabs(p) < fabs(v[i].push) ||
		    (fabs(p) == fabs(v[i].push) && strlen(s) >= strlen(v[i].text))) {
			free(s);
			return;
		}
		free(v[i].text);
		v[i] = v[--*n];
	}
	if (*n < max)
		v[(*n)++] = (struct rank_why_term){ s, p };
	else
		free(s);
}

/* Lists the candidates c[0..n) (strongest first in their direction) in v,
 * those that push at least WHY_LIST_SHARE of the first and floor, a word
 * with the neighbours of its phrase. */
static void choose(struct why *w, const struct candidate *c, size_t n, double floor,
		   struct rank_why_term *v, size_t *nv, size_t max)
{
	for (size_t i = 0; i < n && *nv < max; i++) {
		if (fabs(c[i].push) < WHY_LIST_SHARE * fabs(c[0].push) || fabs(c[i].push) < floor)
			break;
		double p = c[i].push;
		char *s;
		if (c[i].latin) {
			s = latin_word(w, c[i].id);
		} else if (w->words[c[i].id].used) {
			continue;
		} else {
			s = phrase(w, c[i].id, &p);
		}
		add(v, nv, max, s, p);
	}
	qsort(v, *nv, sizeof(*v), cmp_term);
}

/* The candidates: the words and the Latin features of the row. */
static struct candidate *candidates(const struct why *w, const struct feature_node *row,
				    size_t nf, size_t *n)
{
	struct candidate *c = xmalloc((w->nwords + nf + 1) * sizeof(*c));
	*n = 0;
	for (size_t i = 0; i < w->nwords; i++)
		if (w->words[i].push != 0)
			c[(*n)++] = (struct candidate){ w->words[i].push, (uint32_t)i, 0 };
	for (size_t i = 0; i < nf; i++) {
		uint32_t f = (uint32_t)row[i].index;
		if (!(w->v->key[f] & RANK_KEY_HANGUL) && w->push[f] != 0)
			c[(*n)++] = (struct candidate){ w->push[f], f, 1 };
	}
	qsort(c, *n, sizeof(*c), cmp_candidate);
	return c;
}

void rank_why(const struct rank_model *m, const struct rank_doc *doc, const char *display,
	      struct rank_why *out)
{
	memset(out, 0, sizeof(*out));
	struct why w = { 0 };
	w.v = rank_model_vocab(m);
	w.doc = doc;
	w.display = display;
	index_suffixes(&w.suffix);
	struct rank_scratch s;
	rank_scratch_init(&s);
	size_t nf, nc;
	struct feature_node *row = rank_row(w.v, doc, 0, 0, &s, &nf);
	w.push = xcalloc(w.v->n + 1, sizeof(*w.push));
	w.times = xcalloc(w.v->n + 1, sizeof(*w.times));
	for (size_t i = 0; i < nf; i++)
		w.push[row[i].index] = rank_model_weight(m, (size_t)row[i].index) * row[i].value;
	rank_tokens_init(&w.text, 1);
	rank_tokens_init(&w.shown, 1);
	rank_tokenize(doc->text, doc->len, &w.text);
	find_runs(&w);
	find_words(&w);
	word_pushes(&w);
	struct candidate *c = candidates(&w, row, nf, &nc);
	rank_scratch_free(&s);
	size_t up = 0;
	while (up < nc && c[up].push > 0)
		up++;
	choose(&w, c, up, 0, out->up, &out->nup, RANK_WHY_UP);
	/* The strongest down first: the candidates from the end. */
	for (size_t i = up, j = nc; i < j--; i++) {
		struct candidate t = c[i];
		c[i] = c[j];
		c[j] = t;
	}
	double floor = up ? WHY_DOWN_SHARE * c[0].push : 0;
	choose(&w, c + up, nc - up, floor > WHY_DOWN_MIN ? floor : WHY_DOWN_MIN, out->down,
	       &out->ndown, RANK_WHY_DOWN);
	free(c);
	rank_tokens_free(&w.text);
	rank_tokens_free(&w.shown);
	free(w.push);
	free(w.times);
	free(w.feature);
	free(w.runs);
	free(w.words);
	free(w.nouns);
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
	struct strbuf up = STRBUF_INIT, down = STRBUF_INIT;
	add_list(&up, w->up, w->nup);
	add_list(&down, w->down, w->ndown);
	/* TRANSLATORS: the words of a paper that the for-me model likes,
	 * and those it does not, as the paper writes them. */
	if (w->nup && w->ndown)
		strbuf_addf(out, _("for you: %s; not: %s"), up.buf, down.buf);
	else if (w->nup)
		strbuf_addf(out, _("for you: %s"), up.buf);
	else if (w->ndown)
		strbuf_addf(out, _("not for you: %s"), down.buf);
	strbuf_release(&up);
	strbuf_release(&down);
}
