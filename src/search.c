/* search: archive-wide search and 초성 search (see search.h). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "facts.h"
#include "i18n.h"
#include "search.h"
#include "utf8.h"
#include "util.h"

/* ---- folding ------------------------------------------------------------------
 * fold() appends the search form of text: full case folding, NFC, runs of
 * blanks and control characters as one space (none at either end), invisible
 * format characters dropped, invalid UTF-8 as U+FFFD. Characters known to be
 * unchanged by case folding and NFC (ASCII, Hangul syllables and letters, CJK
 * ideographs, general punctuation) are copied directly; every other run goes
 * through u8_casefold together with the character before it, with which it
 * may compose. With a map, each output byte records the input bytes it came
 * from, for highlighting. */

struct fold_map {
	size_t *start, *end;   /* per output byte: input range it came from */
	size_t cap;
};

enum fold_class { F_FAST, F_SPACE, F_DROP, F_SLOW };

static enum fold_class classify(ucs4_t c)
{
	if (c >= 0xAC00 && c <= 0xD7A3)
		return F_FAST;
	if ((c >= 0x3131 && c <= 0x318E) || (c >= 0x4E00 && c <= 0x9FFF) ||
	    (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) ||
	    c == 0xFFFD)
		return F_FAST;
	if (c < 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
	    c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000)
		return F_SPACE;  /* includes C1 controls */
	if (utf8_unsafe(c))
		return F_DROP;   /* the invisible ones: the controls are spaces */
	return F_SLOW;
}

static void map_put(struct fold_map *map, size_t from, size_t to, size_t a, size_t b)
{
	if (!map)
		return;
	if (to > map->cap) {
		size_t cap = map->cap ? map->cap : 64;
		while (cap < to)
			cap *= 2;
		map->start = xrealloc(map->start, cap * sizeof(size_t));
		map->end = xrealloc(map->end, cap * sizeof(size_t));
		map->cap = cap;
	}
	for (size_t k = from; k < to; k++) {
		map->start[k] = a;
		map->end[k] = b;
	}
}

static void fold_slow(const char *s, size_t a, size_t b, struct strbuf *out,
		      struct fold_map *map)
{
	/* Without the invisible characters fold() drops (a soft hyphen
	 * between a letter and its combining mark must not keep them apart). */
	struct strbuf kept = STRBUF_INIT;
	for (size_t i = a; i < b;) {
		ucs4_t c;
		int k = u8_mbtouc(&c, (const uint8_t *)s + i, b - i);
		if ((unsigned char)s[i] < 0x80 || classify(c) != F_DROP)
			strbuf_add(&kept, s + i, (size_t)k);
		i += (size_t)k;
	}
	uint8_t buf[256];
	size_t n = sizeof(buf);
	uint8_t *r = u8_casefold((const uint8_t *)kept.buf, kept.len, NULL, UNINORM_NFC,
				 buf, &n);
	size_t at = out->len;
	if (r) {
		strbuf_add(out, r, n);
		if (r != buf)
			free(r);
	} else {
		strbuf_add(out, kept.buf, kept.len);
	}
	strbuf_release(&kept);
	map_put(map, at, out->len, a, b);
}

/* Whether c can join the character before it under NFC (a combining mark,
 * or a Hangul vowel or final jamo after a syllable). Only then are the two
 * folded, and highlighted, together. */
static int may_compose(ucs4_t c)
{
	return uc_combining_class(c) != UC_CCC_NR || (c >= 0x1160 && c <= 0x11FF) ||
	       (c >= 0xD7B0 && c <= 0xD7FF);
}

static void fold(const char *s, size_t len, struct strbuf *out, struct fold_map *map)
{
	const size_t NONE = (size_t)-1;
	size_t seg = NONE;             /* input start of the open slow run */
	size_t prev_in = NONE, prev_out = 0; /* the last fast character */
	int space = 1;                 /* at the start, or after a space */
	size_t base = out->len;
	size_t i = 0;
	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		enum fold_class cls;
		size_t n = 1;
		ucs4_t c = b;
		if (b < 0x80) {
			cls = (b <= 0x20 || b == 0x7f) ? F_SPACE : F_FAST;
		} else {
			int k = u8_mbtouc(&c, (const uint8_t *)s + i, len - i);
			n = (size_t)k;
			cls = classify(c);
		}
		if (cls != F_SLOW && cls != F_DROP && seg != NONE) {
			fold_slow(s, seg, i, out, map);
			seg = NONE;
		}
		switch (cls) {
		case F_FAST:
			prev_in = i;
			prev_out = out->len;
			if (b < 0x80)
				strbuf_addch(out, (b >= 'A' && b <= 'Z') ? (char)(b + 32) : (char)b);
			else if (c == 0xFFFD)
				strbuf_add(out, "\xEF\xBF\xBD", 3); /* also for invalid bytes */
			else
				strbuf_add(out, s + i, n);
			map_put(map, prev_out, out->len, i, i + n);
			space = 0;
			break;
		case F_SPACE:
			if (!space) {
				strbuf_addch(out, ' ');
				map_put(map, out->len - 1, out->len, i, i + n);
			} else if (map && out->len > base && out->buf[out->len - 1] == ' ') {
				map->end[out->len - 1] = i + n;
			}
			space = 1;
			prev_in = NONE;
			break;
		case F_DROP:
			/* Invisible: what follows may still compose with
			 * the character before it. */
			break;
		case F_SLOW:
			if (seg == NONE) {
				if (prev_in != NONE && prev_out >= base && may_compose(c)) {
					/* It may compose with the character before. */
					seg = prev_in;
					strbuf_setlen(out, prev_out);
				} else {
					seg = i;
				}
			}
			prev_in = NONE;
			space = 0;
			break;
		}
		i += n;
	}
	if (seg != NONE)
		fold_slow(s, seg, len, out, map);
	if (out->len > base && out->buf[out->len - 1] == ' ')
		strbuf_setlen(out, out->len - 1);
}

/* ---- initials ---------------------------------------------------------------- */

/* The choseong index (0..18) of a consonant letter, or -1. */
static int consonant_index(ucs4_t c)
{
	static const uint16_t compat[19] = {
		0x3131, 0x3132, 0x3134, 0x3137, 0x3138, 0x3139, 0x3141, 0x3142, 0x3143,
		0x3145, 0x3146, 0x3147, 0x3148, 0x3149, 0x314A, 0x314B, 0x314C, 0x314D,
		0x314E,
	};
	if (c >= 0x1100 && c <= 0x1112)
		return (int)(c - 0x1100);
	for (int i = 0; i < 19; i++)
		if (compat[i] == c)
			return i;
	return -1;
}

/* Appends the initials string of folded text f: 'A' + choseong of each
 * Hangul syllable, one ' ' for any run of anything else, '\n' kept. With pos,
 * records for each output byte the folded byte range of its character (a
 * separator: of its first character). */
static void initials_of(const char *f, size_t n, struct strbuf *out,
			struct fold_map *pos)
{
	size_t i = 0;
	int gap = 0;
	while (i < n) {
		unsigned char b = (unsigned char)f[i];
		size_t k = 1;
		ucs4_t c = b;
		if (b >= 0x80) {
			int m = u8_mbtouc(&c, (const uint8_t *)f + i, n - i);
			k = (size_t)m;
		}
		if (c >= 0xAC00 && c <= 0xD7A3) {
			strbuf_addch(out, (char)('A' + (c - 0xAC00) / 588));
			map_put(pos, out->len - 1, out->len, i, i + k);
			gap = 0;
		} else if (c == '\n') {
			strbuf_addch(out, '\n');
			map_put(pos, out->len - 1, out->len, i, i + k);
			gap = 1;
		} else if (!gap) {
			strbuf_addch(out, ' ');
			map_put(pos, out->len - 1, out->len, i, i + k);
			gap = 1;
		}
		i += k;
	}
}

/* ---- queries ------------------------------------------------------------------- */

/* A 초성 query: when s[0..len) is consonant letters only (spaces between
 * words allowed), appends one byte per consonant ('A' + choseong) and ' '
 * per space to out and returns how many consonants; else returns 0 (out
 * may hold a part then). */
static size_t consonant_initials(const char *s, size_t len, struct strbuf *out)
{
	size_t consonants = 0;
	const uint8_t *t = (const uint8_t *)s, *end = t + len;
	while (t < end) {
		ucs4_t c;
		int n = u8_mbtouc(&c, t, (size_t)(end - t));
		int k = consonant_index(c);
		if (k >= 0) {
			strbuf_addch(out, (char)('A' + k));
			consonants++;
		} else if (c == ' ') {
			strbuf_addch(out, ' ');
		} else {
			return 0;
		}
		t += n;
	}
	return consonants;
}

/* ---- field prefixes --------------------------------------------------------- */

/* fold() without accents: decomposed, combining marks dropped (Müller and
 * Muller, Ségolène and Segolene find each other). */
static void fold_bare(const char *s, size_t len, struct strbuf *out)
{
	struct strbuf f = STRBUF_INIT;
	fold(s, len, &f, NULL);
	size_t n = 0;
	uint8_t *d = f.len ? u8_normalize(UNINORM_NFD, (const uint8_t *)f.buf, f.len, NULL, &n)
			   : NULL;
	if (!d) {
		strbuf_add(out, f.buf, f.len);
	} else {
		for (size_t i = 0; i < n;) {
			ucs4_t c;
			int k = u8_mbtouc(&c, d + i, n - i);
			if (uc_combining_class(c) == UC_CCC_NR)
				strbuf_add(out, d + i, (size_t)k);
			i += (size_t)k;
		}
		free(d);
	}
	strbuf_release(&f);
}

static const struct {
	const char *name;
	enum search_field field;
} prefixes[] = {
	{ "author:", SEARCH_AUTHOR },
	{ "abstract:", SEARCH_ABSTRACT },
	{ "cat:", SEARCH_CATEGORY },
	{ "note:", SEARCH_NOTE },
};

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Takes the prefixed words out of s into q->terms; the rest, the plain
 * words, into plain. A prefix counts at the start of a word only, and one
 * with nothing after it is dropped. */
static void split_prefixes(const char *s, size_t len, struct search_query *q,
			   struct strbuf *plain)
{
	size_t cap = 0;
	size_t i = 0;
	while (i < len) {
		if (is_blank(s[i])) {
			strbuf_addch(plain, ' ');
			i++;
			continue;
		}
		size_t k = 0, plen = 0;
		for (; k < sizeof(prefixes) / sizeof(prefixes[0]); k++) {
			plen = strlen(prefixes[k].name);
			if (len - i >= plen && !strncasecmp(s + i, prefixes[k].name, plen))
				break;
		}
		if (k == sizeof(prefixes) / sizeof(prefixes[0])) {
			while (i < len && !is_blank(s[i]))
				strbuf_addch(plain, s[i++]);
			continue;
		}
		i += plen;
		size_t a = i, b;
		if (i < len && s[i] == '"') {
			a = ++i;
			while (i < len && s[i] != '"')
				i++;
			b = i;
			if (i < len)
				i++; /* the closing quote */
		} else {
			while (i < len && !is_blank(s[i]))
				i++;
			b = i;
		}
		struct strbuf v = STRBUF_INIT;
		if (prefixes[k].field == SEARCH_AUTHOR)
			fold_bare(s + a, b - a, &v);
		else
			fold(s + a, b - a, &v, NULL);
		if (v.len) {
			ALLOC_GROW(q->terms, q->nterms, cap);
			struct search_term *t = &q->terms[q->nterms++];
			memset(t, 0, sizeof(*t));
			t->field = prefixes[k].field;
			struct strbuf ini = STRBUF_INIT;
			/* note:ㄱㅎㅎㅅ, as a plain 초성 query. */
			if (t->field == SEARCH_NOTE && consonant_initials(v.buf, v.len, &ini)) {
				t->initials_len = ini.len;
				t->initials = strbuf_detach(&ini, NULL);
			}
			strbuf_release(&ini);
			t->len = v.len;
			t->folded = strbuf_detach(&v, NULL);
		}
		strbuf_release(&v);
	}
}

static int term_matches(const struct search_term *t, const struct paper_facts *f)
{
	struct strbuf b = STRBUF_INIT;
	int found = 0;
	switch (t->field) {
	case SEARCH_AUTHOR:
		for (size_t i = 0; i < f->nauthors && !found; i++) {
			strbuf_reset(&b);
			fold_bare(f->authors[i], strlen(f->authors[i]), &b);
			found = memmem(b.buf, b.len, t->folded, t->len) != NULL;
		}
		break;
	case SEARCH_ABSTRACT:
		if (f->abstract) {
			fold(f->abstract, strlen(f->abstract), &b, NULL);
			found = memmem(b.buf, b.len, t->folded, t->len) != NULL;
		}
		break;
	case SEARCH_CATEGORY:
		/* cat:cs.CL is that category; cat:cs every cs.* one. */
		for (size_t i = 0; i < f->ncategories && !found; i++) {
			strbuf_reset(&b);
			fold(f->categories[i], strlen(f->categories[i]), &b, NULL);
			found = b.len >= t->len && !memcmp(b.buf, t->folded, t->len) &&
				(b.len == t->len || b.buf[t->len] == '.');
		}
		break;
	case SEARCH_NOTE:
		found = 1; /* not a fact: search_add_extra's */
		break;
	}
	strbuf_release(&b);
	return found;
}

/* How many of q's prefixes are of field (or, with field -1, of the facts). */
static size_t count_terms(const struct search_query *q, int field)
{
	size_t n = 0;
	for (size_t i = 0; i < q->nterms; i++)
		n += field < 0 ? q->terms[i].field != SEARCH_NOTE
			       : q->terms[i].field == (enum search_field)field;
	return n;
}

int search_facts_match(const struct search_query *q, const struct paper_facts *f)
{
	if (!count_terms(q, -1))
		return 1;
	if (!f || f->missing)
		return 0;
	for (size_t i = 0; i < q->nterms; i++)
		if (!term_matches(&q->terms[i], f))
			return 0;
	return 1;
}

size_t search_filter_facts(const struct search_query *q, const struct archive *a,
			   search_facts_fn get, void *ctx, struct search_results *r)
{
	if (!count_terms(q, -1))
		return r->n;
	size_t kept = 0;
	for (size_t i = 0; i < r->n; i++) {
		const struct search_hit h = r->v[i];
		const struct paper *p = h.digest < a->n && h.paper < a->v[h.digest].npapers
						? &a->v[h.digest].papers[h.paper] : NULL;
		const struct paper_facts *f = p && p->arxiv_id && get ? get(ctx, p->arxiv_id)
								      : NULL;
		if (search_facts_match(q, f))
			r->v[kept++] = h;
	}
	r->n = kept;
	return kept;
}

/* The display form of s: blanks collapsed, then NFC (a new string). */
static char *clean_nfc(const char *s, size_t len)
{
	struct strbuf clean = STRBUF_INIT;
	int space = 1;
	for (size_t i = 0; i < len;) {
		ucs4_t c;
		int n = u8_mbtouc(&c, (const uint8_t *)s + i, len - i);
		enum fold_class cls = (unsigned char)s[i] < 0x80
			? (((unsigned char)s[i] <= 0x20 || s[i] == 0x7f) ? F_SPACE : F_FAST)
			: classify(c);
		if (cls == F_SPACE) {
			if (!space)
				strbuf_addch(&clean, ' ');
			space = 1;
		} else if (cls != F_DROP) {
			if (c == 0xFFFD)
				strbuf_add(&clean, "\xEF\xBF\xBD", 3);
			else
				strbuf_add(&clean, s + i, (size_t)n);
			space = 0;
		}
		i += (size_t)n;
	}
	if (clean.len && clean.buf[clean.len - 1] == ' ')
		strbuf_setlen(&clean, clean.len - 1);
	size_t nlen = 0;
	uint8_t *nfc = clean.len ? u8_normalize(UNINORM_NFC, (const uint8_t *)clean.buf,
						clean.len, NULL, &nlen) : NULL;
	char *r;
	if (nfc) {
		r = xstrndup((const char *)nfc, nlen);
		free(nfc);
	} else {
		r = xstrndup(clean.buf, clean.len);
	}
	strbuf_release(&clean);
	return r;
}

int search_query_parse(const char *in, size_t inlen, struct search_query *q)
{
	memset(q, 0, sizeof(*q));
	/* The whole query (prefixes too) is what messages show and what is
	 * searched again after a reload; the plain words are folded. */
	q->text = clean_nfc(in, inlen);
	struct strbuf pb = STRBUF_INIT;
	split_prefixes(in, inlen, q, &pb);
	char *plain = clean_nfc(pb.buf, pb.len);
	strbuf_release(&pb);

	struct strbuf f = STRBUF_INIT;
	fold(plain, strlen(plain), &f, NULL);
	q->folded_len = f.len;
	q->folded = strbuf_detach(&f, NULL);

	/* 초성 only? Consonant letters, possibly with spaces between words. */
	struct strbuf ini = STRBUF_INIT;
	if (consonant_initials(plain, strlen(plain), &ini)) {
		q->initials_len = ini.len;
		q->initials = strbuf_detach(&ini, NULL);
	}
	strbuf_release(&ini);
	free(plain);
	return q->folded_len || q->nterms ? 0 : -1;
}

void search_query_free(struct search_query *q)
{
	free(q->text);
	free(q->folded);
	free(q->initials);
	for (size_t i = 0; i < q->nterms; i++) {
		free(q->terms[i].folded);
		free(q->terms[i].initials);
	}
	free(q->terms);
	memset(q, 0, sizeof(*q));
}

/* ---- the index ---------------------------------------------------------------- */

struct search_index {
	struct search_entry *e;
	size_t n;
	size_t *first;       /* per digest: its first entry */
	size_t ndigests;
	const char *text, *init;
	size_t text_len, init_len;
	int borrowed;        /* text and init belong to someone else */
	void *owner;         /* freed with the index (search_index_set_owner) */
	void (*owner_free)(void *owner);
	int unordered;       /* entries not in archive order: sort the hits */
};

static void add_field(struct strbuf *t, const char *s, size_t len)
{
	if (!s || !len)
		return;
	size_t before = t->len;
	strbuf_addch(t, '\n');
	fold(s, len, t, NULL);
	if (t->len == before + 1)
		strbuf_setlen(t, before);
}

static void add_blocks(struct strbuf *t, const struct block *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (b[i].label)
			add_field(t, b[i].label, strlen(b[i].label));
		add_field(t, b[i].text.s, b[i].text.len);
	}
}

/* Appends the searchable text of a paper: fields separated by newlines. */
static void paper_text(const struct paper *p, struct strbuf *t)
{
	size_t start = t->len;
	add_field(t, p->title.s, p->title.len);
	if (p->arxiv_id)
		add_field(t, p->arxiv_id, strlen(p->arxiv_id));
	add_blocks(t, p->preamble, p->npreamble);
	for (size_t s = 0; s < p->nsections; s++)
		add_blocks(t, p->sections[s].blocks, p->sections[s].nblocks);
	/* Drop the leading separator. */
	if (t->len > start) {
		memmove(t->buf + start, t->buf + start + 1, t->len - start - 1);
		strbuf_setlen(t, t->len - 1);
	}
}

struct search_index *search_index_build(const struct archive *a)
{
	struct search_index *ix = xcalloc(1, sizeof(*ix));
	size_t total = 0;
	for (size_t i = 0; i < a->n; i++)
		total += a->v[i].npapers;
	ix->e = xmalloc((total + 1) * sizeof(*ix->e));
	ix->first = xmalloc((a->n + 1) * sizeof(*ix->first));
	ix->ndigests = a->n;
	struct strbuf t = STRBUF_INIT, ini = STRBUF_INIT;
	for (size_t i = 0; i < a->n; i++) {
		const struct digest *d = &a->v[i];
		ix->first[i] = ix->n;
		for (size_t j = 0; j < d->npapers; j++) {
			struct search_entry *e = &ix->e[ix->n++];
			e->digest = i;
			e->paper = j;
			e->off = t.len;
			paper_text(&d->papers[j], &t);
			e->len = t.len - e->off;
			e->ioff = ini.len;
			initials_of(t.buf + e->off, e->len, &ini, NULL);
			e->ilen = ini.len - e->ioff;
			strbuf_addch(&t, '\0');
			strbuf_addch(&ini, '\0');
		}
	}
	ix->text_len = t.len;
	ix->text = strbuf_detach(&t, NULL);
	ix->init_len = ini.len;
	ix->init = strbuf_detach(&ini, NULL);
	return ix;
}

void search_paper_text(const struct paper *p, struct strbuf *text, struct strbuf *init)
{
	size_t at = text->len;
	paper_text(p, text);
	initials_of(text->buf + at, text->len - at, init, NULL);
}

struct search_index *search_index_adopt(const char *text, size_t text_len,
					const char *init, size_t init_len,
					struct search_entry *e, size_t n,
					size_t ndigests)
{
	struct search_index *ix = xcalloc(1, sizeof(*ix));
	ix->e = e;
	ix->n = n;
	ix->text = text;
	ix->text_len = text_len;
	ix->init = init;
	ix->init_len = init_len;
	ix->borrowed = 1;
	ix->ndigests = ndigests;
	ix->first = xcalloc(ndigests + 1, sizeof(*ix->first));
	for (size_t k = n; k-- > 0;) {
		if (e[k].paper == 0 && e[k].digest < ndigests)
			ix->first[e[k].digest] = k;
		if (k && (e[k].digest < e[k - 1].digest ||
			  (e[k].digest == e[k - 1].digest && e[k].paper < e[k - 1].paper)))
			ix->unordered = 1;
	}
	return ix;
}

void search_index_free(struct search_index *ix)
{
	if (!ix)
		return;
	free(ix->e);
	free(ix->first);
	if (!ix->borrowed) {
		free((char *)ix->text);
		free((char *)ix->init);
	}
	if (ix->owner_free)
		ix->owner_free(ix->owner);
	free(ix);
}

struct search_index *search_index_remap(const struct search_index *ix, const size_t *map,
					size_t ndigests)
{
	struct search_entry *e = xmalloc((ix->n + 1) * sizeof(*e));
	size_t k = 0;
	for (size_t i = 0; i < ix->n; i++) {
		size_t d = ix->e[i].digest;
		if (d >= ix->ndigests || map[d] >= ndigests)
			continue;
		e[k] = ix->e[i];
		e[k++].digest = map[d];
	}
	return search_index_adopt(ix->text, ix->text_len, ix->init, ix->init_len, e, k,
				  ndigests);
}

void search_index_set_owner(struct search_index *ix, void *owner,
			    void (*owner_free)(void *owner))
{
	ix->owner = owner;
	ix->owner_free = owner_free;
}

const char *search_index_text(const struct search_index *ix, size_t digest, size_t paper,
			      size_t *len)
{
	if (!ix || digest >= ix->ndigests)
		return NULL;
	/* A digest's entries are consecutive, paper 0 first (search_index_adopt). */
	size_t k = ix->first[digest] + paper;
	if (k >= ix->n || ix->e[k].digest != digest || ix->e[k].paper != paper)
		return NULL;
	*len = ix->e[k].len;
	return ix->text + ix->e[k].off;
}

size_t search_index_papers(const struct search_index *ix)
{
	return ix ? ix->n : 0;
}

size_t search_index_bytes(const struct search_index *ix)
{
	return ix ? ix->text_len + ix->init_len + ix->n * sizeof(*ix->e) : 0;
}

void search_results_init(struct search_results *r)
{
	memset(r, 0, sizeof(*r));
}

void search_results_free(struct search_results *r)
{
	free(r->v);
	search_results_init(r);
}

/* Where the needle is in hay: memmem, or memchr on a rare byte of the
 * needle and a check around it, when that pays. glibc's memmem starts from
 * the needle's first byte and then skips ahead by less than the needle's
 * length: fine for a long needle of common bytes, slow for one character
 * that is everywhere in the text (a Latin letter) and for a needle whose
 * first byte is (every consonant of the initials starts with E3). So:
 * in the initials, a single consonant is found by its last byte; in the
 * text, mostly Hangul, a needle holding an ASCII byte is found by its
 * rarest one; a needle of Hangul only goes to memmem. */
static const char *find_bytes(const char *hay, size_t hlen, const char *needle, size_t nlen,
			      int initials)
{
	if (!nlen || nlen > hlen)
		return nlen ? NULL : hay;
	size_t a = nlen;
	if (initials) {
		if (nlen <= 3)
			a = nlen - 1;
	} else if (nlen == 1) {
		a = 0;
	} else {
		/* The rarest ASCII byte of the needle, by English letter
		 * frequency (a digit or punctuation rarer still): in text that
		 * is mostly Hangul, any of them is rare enough for memchr. */
		static const char by_frequency[] = "etaoinsrhldcumfpgwybvkxjqz";
		int best = -1;
		for (size_t i = 0; i < nlen; i++) {
			unsigned char b = (unsigned char)needle[i];
			if (b <= ' ' || b >= 0x80)
				continue;
			const char *f = strchr(by_frequency, b);
			int rank = f ? (int)(f - by_frequency) : (int)sizeof(by_frequency);
			if (rank > best) {
				best = rank;
				a = i;
			}
		}
	}
	if (a == nlen)
		return memmem(hay, hlen, needle, nlen);
	const char *p = hay + a, *end = hay + hlen - (nlen - 1 - a);
	while (p < end) {
		const char *q = memchr(p, needle[a], (size_t)(end - p));
		if (!q)
			return NULL;
		if (!memcmp(q - a, needle, nlen))
			return q - a;
		p = q + 1;
	}
	return NULL;
}

static size_t entry_start(const struct search_index *ix, size_t k, int ini)
{
	return ini ? ix->e[k].ioff : ix->e[k].off;
}

/* Marks in hit every entry whose buffer contains the needle. */
static void scan_all(const struct search_index *ix, int ini, const char *needle,
		     size_t nlen, unsigned char *hit)
{
	const char *buf = ini ? ix->init : ix->text;
	size_t len = ini ? ix->init_len : ix->text_len, pos = 0, k = 0;
	while (pos < len && ix->n) {
		const char *p = find_bytes(buf + pos, len - pos, needle, nlen, ini);
		if (!p)
			break;
		/* The scan only moves forward, and so does the entry it is in:
		 * a walk costs less than a binary search per hit when hits are
		 * dense, and at most one step per entry in all when not. */
		size_t at = (size_t)(p - buf);
		while (k + 1 < ix->n && entry_start(ix, k + 1, ini) <= at)
			k++;
		const struct search_entry *e = &ix->e[k];
		size_t start = entry_start(ix, k, ini), end = start + (ini ? e->ilen : e->len);
		/* Text no entry owns (a paper of a digest left out: a remapped or
		 * deduplicated index) is stepped over, never counted. */
		if (at < start) {
			pos = start;
		} else if (at + nlen > end) {
			pos = at + 1;
		} else {
			hit[k] = 1;
			pos = end + 1; /* next paper */
		}
	}
}

/* Marks the entries not yet in hit whose text contains the needle. */
static void scan_rest(const struct search_index *ix, const char *needle, size_t nlen,
		      unsigned char *hit)
{
	for (size_t k = 0; k < ix->n; k++) {
		const struct search_entry *e = &ix->e[k];
		if (!hit[k] && e->len >= nlen && find_bytes(ix->text + e->off, e->len, needle, nlen, 0))
			hit[k] = 1;
	}
}

static int entry_matches(const struct search_index *ix, size_t k,
			 const struct search_query *q)
{
	const struct search_entry *e = &ix->e[k];
	if (!q->folded_len || find_bytes(ix->text + e->off, e->len, q->folded, q->folded_len, 0))
		return 1;
	return q->initials &&
	       find_bytes(ix->init + e->ioff, e->ilen, q->initials, q->initials_len, 1);
}

static int cmp_hit(const void *x, const void *y)
{
	const struct search_hit *a = x, *b = y;
	if (a->digest != b->digest)
		return a->digest < b->digest ? -1 : 1;
	return (a->paper > b->paper) - (a->paper < b->paper);
}

static void collect(const struct search_index *ix, const unsigned char *hit,
		    struct search_results *r)
{
	r->n = 0;
	for (size_t k = 0; k < ix->n; k++) {
		if (!hit[k])
			continue;
		ALLOC_GROW(r->v, r->n, r->cap);
		r->v[r->n++] = (struct search_hit){ ix->e[k].digest, ix->e[k].paper };
	}
	/* Adopted entries follow the index file's order: hits in archive order. */
	if (ix->unordered && r->n > 1)
		qsort(r->v, r->n, sizeof(*r->v), cmp_hit);
}

size_t search_run(const struct search_index *ix, const struct search_query *q,
		  struct search_results *r)
{
	r->n = 0;
	if (!ix || (!q->folded_len && !q->nterms))
		return 0;
	unsigned char *hit = xcalloc(ix->n + 1, 1);
	if (!q->folded_len) {
		/* Prefixes only: every paper, for search_filter_facts. */
		memset(hit, 1, ix->n);
	} else if (q->initials) {
		/* Initials first: a short 초성 query (ㄱ) hits nearly every
		 * paper there, and the text of those need not be scanned. */
		scan_all(ix, 1, q->initials, q->initials_len, hit);
		scan_rest(ix, q->folded, q->folded_len, hit);
	} else {
		scan_all(ix, 0, q->folded, q->folded_len, hit);
	}
	collect(ix, hit, r);
	free(hit);
	return r->n;
}

size_t search_refine(const struct search_index *ix, const struct search_query *q,
		     const struct search_results *prev, struct search_results *r)
{
	if (!ix || (!q->folded_len && !q->nterms)) {
		r->n = 0;
		return 0;
	}
	size_t kept = 0;
	for (size_t i = 0; i < prev->n; i++) {
		const struct search_hit h = prev->v[i];
		if (h.digest >= ix->ndigests)
			continue;
		size_t k = ix->first[h.digest] + h.paper;
		if (k >= ix->n || ix->e[k].digest != h.digest || ix->e[k].paper != h.paper ||
		    !entry_matches(ix, k, q))
			continue;
		if (r != prev)
			ALLOC_GROW(r->v, kept, r->cap);
		r->v[kept++] = h;
	}
	r->n = kept;
	return kept;
}

int search_paper_matches(const struct search_query *q, const struct paper *p)
{
	return search_paper_matches_facts(q, p, NULL, NULL);
}

int search_paper_matches_facts(const struct search_query *q, const struct paper *p,
			       search_facts_fn get, void *ctx)
{
	/* A note: prefix needs the notes (search_add_extra): unknown here. */
	if ((!q->folded_len && !q->nterms) || count_terms(q, SEARCH_NOTE))
		return 0;
	if (q->nterms &&
	    !search_facts_match(q, p->arxiv_id && get ? get(ctx, p->arxiv_id) : NULL))
		return 0;
	if (!q->folded_len)
		return 1;
	struct strbuf t = STRBUF_INIT;
	paper_text(p, &t);
	int found = memmem(t.buf, t.len, q->folded, q->folded_len) != NULL;
	if (!found && q->initials) {
		struct strbuf ini = STRBUF_INIT;
		initials_of(t.buf, t.len, &ini, NULL);
		found = memmem(ini.buf, ini.len, q->initials, q->initials_len) != NULL;
		strbuf_release(&ini);
	}
	strbuf_release(&t);
	return found;
}

/* ---- highlighting ---------------------------------------------------------------- */

static int cmp_range(const void *x, const void *y)
{
	const struct search_range *a = x, *b = y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return (a->len < b->len) - (a->len > b->len); /* longer first */
}

static void push_range(struct search_range **v, size_t *n, size_t *cap,
		       size_t start, size_t end)
{
	ALLOC_GROW(*v, *n, *cap);
	(*v)[(*n)++] = (struct search_range){ start, end - start };
}

size_t search_ranges(const struct search_query *q, const char *s, size_t len,
		     struct search_range **out)
{
	*out = NULL;
	if (!q->folded_len || !s || !len)
		return 0;
	struct strbuf f = STRBUF_INIT;
	struct fold_map map = { NULL, NULL, 0 };
	fold(s, len, &f, &map);
	struct search_range *v = NULL;
	size_t n = 0, cap = 0;
	for (size_t pos = 0; pos + q->folded_len <= f.len;) {
		const char *p = memmem(f.buf + pos, f.len - pos, q->folded, q->folded_len);
		if (!p)
			break;
		size_t k = (size_t)(p - f.buf);
		push_range(&v, &n, &cap, map.start[k], map.end[k + q->folded_len - 1]);
		pos = k + q->folded_len;
	}
	if (q->initials) {
		struct strbuf ini = STRBUF_INIT;
		struct fold_map pos = { NULL, NULL, 0 };
		initials_of(f.buf, f.len, &ini, &pos);
		for (size_t at = 0; at + q->initials_len <= ini.len;) {
			const char *p = memmem(ini.buf + at, ini.len - at, q->initials,
					       q->initials_len);
			if (!p)
				break;
			size_t k = (size_t)(p - ini.buf), last = k + q->initials_len - 1;
			size_t fa = pos.start[k], fb = pos.end[last];
			push_range(&v, &n, &cap, map.start[fa], map.end[fb - 1]);
			at = k + q->initials_len;
		}
		free(pos.start);
		free(pos.end);
		strbuf_release(&ini);
	}
	free(map.start);
	free(map.end);
	strbuf_release(&f);
	if (!n)
		return 0;
	/* In order, without overlaps. */
	qsort(v, n, sizeof(*v), cmp_range);
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		if (kept && v[i].start < v[kept - 1].start + v[kept - 1].len)
			continue;
		v[kept++] = v[i];
	}
	*out = v;
	return kept;
}

int search_find(const struct search_query *q, const char *s, size_t len,
		size_t from, size_t *start, size_t *mlen)
{
	struct search_range *v;
	size_t n = search_ranges(q, s, len, &v);
	int found = 0;
	for (size_t i = 0; i < n && !found; i++) {
		if (v[i].start >= from) {
			*start = v[i].start;
			*mlen = v[i].len;
			found = 1;
		}
	}
	free(v);
	return found;
}

void search_highlight(const struct search_query *q, struct text *t)
{
	struct search_range *v;
	size_t n = search_ranges(q, t->s, t->len, &v);
	if (!n)
		return;
	struct text nt;
	text_init(&nt);
	size_t r = 0;
	for (size_t i = 0; i < t->nspans; i++) {
		size_t at = t->spans[i].start, end = at + t->spans[i].len;
		while (at < end) {
			while (r < n && v[r].start + v[r].len <= at)
				r++;
			size_t stop = end;
			unsigned style = t->spans[i].style;
			if (r < n && v[r].start <= at) {
				style |= STYLE_MATCH;
				if (v[r].start + v[r].len < stop)
					stop = v[r].start + v[r].len;
			} else if (r < n && v[r].start < stop) {
				stop = v[r].start;
			}
			text_append(&nt, t->s + at, stop - at, style);
			at = stop;
		}
	}
	free(v);
	text_free(t);
	*t = nt;
}

/* ---- text beside the index (the notes) ------------------------------------------------ */

struct search_extra_entry {
	size_t digest, paper;
	size_t off, len;     /* in x->text (a NUL after) */
	size_t ioff, ilen;   /* in x->init (a NUL after) */
};

void search_extra_init(struct search_extra *x)
{
	memset(x, 0, sizeof(*x));
	strbuf_init(&x->text);
	strbuf_init(&x->init);
}

void search_extra_free(struct search_extra *x)
{
	free(x->v);
	strbuf_release(&x->text);
	strbuf_release(&x->init);
	search_extra_init(x);
}

static int pos_cmp(size_t d1, size_t p1, size_t d2, size_t p2)
{
	if (d1 != d2)
		return d1 < d2 ? -1 : 1;
	return (p1 > p2) - (p1 < p2);
}

/* The first entry not before (digest, paper). */
static size_t extra_lower(const struct search_extra *x, size_t digest, size_t paper)
{
	size_t lo = 0, hi = x->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (pos_cmp(x->v[mid].digest, x->v[mid].paper, digest, paper) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void search_extra_add(struct search_extra *x, size_t digest, size_t paper, const char *s,
		      size_t len)
{
	size_t k = extra_lower(x, digest, paper);
	if (k < x->n && x->v[k].digest == digest && x->v[k].paper == paper)
		return; /* one text a paper: the first */
	struct search_extra_entry e = { digest, paper, x->text.len, 0, x->init.len, 0 };
	fold(s, len, &x->text, NULL);
	e.len = x->text.len - e.off;
	initials_of(x->text.buf + e.off, e.len, &x->init, NULL);
	e.ilen = x->init.len - e.ioff;
	strbuf_addch(&x->text, '\0');
	strbuf_addch(&x->init, '\0');
	/* Kept in archive order, for the merge with an index's hits. */
	ALLOC_GROW(x->v, x->n, x->cap);
	memmove(x->v + k + 1, x->v + k, (x->n - k) * sizeof(*x->v));
	x->v[k] = e;
	x->n++;
}

static int extra_has(const struct search_extra *x, const struct search_extra_entry *e,
		     const char *folded, size_t len, const char *initials, size_t ilen)
{
	return find_bytes(x->text.buf + e->off, e->len, folded, len, 0) ||
	       (initials && find_bytes(x->init.buf + e->ioff, e->ilen, initials, ilen, 1));
}

/* Whether the extra text of hit h holds every note: prefix of q. */
static int extra_terms_match(const struct search_query *q, const struct search_extra *x,
			     struct search_hit h)
{
	size_t k = x ? extra_lower(x, h.digest, h.paper) : 0;
	if (!x || k == x->n || x->v[k].digest != h.digest || x->v[k].paper != h.paper)
		return 0;
	for (size_t i = 0; i < q->nterms; i++) {
		const struct search_term *t = &q->terms[i];
		if (t->field == SEARCH_NOTE &&
		    !extra_has(x, &x->v[k], t->folded, t->len, t->initials, t->initials_len))
			return 0;
	}
	return 1;
}

size_t search_add_extra(const struct search_query *q, const struct search_extra *x,
			struct search_results *r)
{
	if (q->folded_len && x && x->n) {
		/* The papers whose extra text holds the plain words, merged into
		 * r's (both in archive order). */
		struct search_results m;
		search_results_init(&m);
		size_t i = 0;
		for (size_t k = 0; k < x->n; k++) {
			const struct search_extra_entry *e = &x->v[k];
			if (!extra_has(x, e, q->folded, q->folded_len, q->initials, q->initials_len))
				continue;
			for (; i < r->n && pos_cmp(r->v[i].digest, r->v[i].paper, e->digest,
						   e->paper) < 0; i++) {
				ALLOC_GROW(m.v, m.n, m.cap);
				m.v[m.n++] = r->v[i];
			}
			if (i < r->n && r->v[i].digest == e->digest && r->v[i].paper == e->paper)
				i++;
			ALLOC_GROW(m.v, m.n, m.cap);
			m.v[m.n++] = (struct search_hit){ e->digest, e->paper };
		}
		for (; i < r->n; i++) {
			ALLOC_GROW(m.v, m.n, m.cap);
			m.v[m.n++] = r->v[i];
		}
		if (m.n > r->n) {
			search_results_free(r);
			*r = m;
		} else {
			search_results_free(&m);
		}
	}
	if (count_terms(q, SEARCH_NOTE)) {
		size_t kept = 0;
		for (size_t i = 0; i < r->n; i++)
			if (extra_terms_match(q, x, r->v[i]))
				r->v[kept++] = r->v[i];
		r->n = kept;
	}
	return r->n;
}

/* ---- the archive, as --search lists it --------------------------------------------- */

/* Whether hit i repeats an earlier hit (same arXiv ID) in an earlier digest
 * of its date, run_start being the first hit of its digest: the paper is
 * listed from that copy. Only hits count, not every paper of the date: a
 * paper only a later copy matches is listed from that copy. */
static int hit_repeats(const struct archive *a, const struct search_results *r, size_t i,
		       size_t run_start)
{
	const struct search_hit h = r->v[i];
	const char *id = a->v[h.digest].papers[h.paper].arxiv_id;
	for (size_t j = run_start; id && j-- > 0 && archive_same_date(a, r->v[j].digest, h.digest);) {
		const char *other = a->v[r->v[j].digest].papers[r->v[j].paper].arxiv_id;
		if (other && !strcmp(other, id))
			return 1;
	}
	return 0;
}

int search_archive(const struct archive *a, const char *query, search_facts_fn get,
		   void *ctx, const struct search_extra *extra, struct search_results *out,
		   struct strbuf *err)
{
	struct search_query q;
	if (search_query_parse(query, strlen(query), &q) < 0) {
		search_query_free(&q);
		strbuf_addstr(err, _("nothing to search for"));
		return -1;
	}
	/* Digests loaded through the persistent index come with their text
	 * (unless digests were added since: the sample, when it found none). */
	int have = a->search && a->search->ndigests == a->n;
	struct search_index *own = have ? NULL : search_index_build(a);
	const struct search_index *ix = have ? a->search : own;
	struct search_results r;
	search_results_init(&r);
	search_run(ix, &q, &r);
	search_add_extra(&q, extra, &r);
	search_filter_facts(&q, a, get, ctx, &r);
	out->n = 0;
	for (size_t i = 0, run = 0; i < r.n; i++) {
		if (i && r.v[i].digest != r.v[i - 1].digest)
			run = i;
		/* A paper in two copies of its date's post is listed once, as
		 * --list lists it, when either copy matches. */
		if (hit_repeats(a, &r, i, run))
			continue;
		ALLOC_GROW(out->v, out->n, out->cap);
		out->v[out->n++] = r.v[i];
	}
	search_results_free(&r);
	search_index_free(own);
	search_query_free(&q);
	return 0;
}
