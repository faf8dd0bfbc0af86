/* Unit tests for search.c: case and normalization insensitivity, 초성 search,
 * mixed queries, highlight ranges, and hits by value on the bundled sample. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uninorm.h>

#include "archive.h"
#include "facts.h"
#include "post.h"
#include "search.h"
#include "strbuf.h"
#include "util.h"
#include "tap.h"

/* Posts written for this test. The second one is stored in NFD (built at run
 * time), the way some editors save Hangul and accented letters. */
static const char post_a[] =
	"---\n"
	"title: \"Daily Papers — 2025-11-01\"\n"
	"date: 2025-11-01 08:00:00\n"
	"---\n\n"
	"# 1. [Deep Reinforcement Learning at Scale](https://arxiv.org/abs/2501.00001)\n\n"
	"## Introduction\n\n"
	"- Goal: 강화학습 에이전트를 대규모로 학습한다.\n\n"
	"# 2. [Café Models for Everyone](https://arxiv.org/abs/2501.00002)\n\n"
	"## Method\n\n"
	"대형 언어 모델의 효율을 높인다. LoRA를 쓴다. Die Straße ist lang.\n\n"
	"# 3. [A Plain Blog Post](https://example.com/blog)\n\n"
	"## Results\n\n"
	"까다로운 따옴표 없이 빠르게 뛴다. ΣΊΣΥΦΟΣ rolls the stone.\n";

static const char post_b_nfc[] =
	"---\n"
	"title: \"Daily Papers — 2025-11-02\"\n"
	"date: 2025-11-02 08:00:00\n"
	"---\n\n"
	"# 1. [Café Society of Agents](https://arxiv.org/abs/2501.00003)\n\n"
	"## Introduction\n\n"
	"- Goal: 심층 강화학습으로 로봇을 제어한다.\n";

static void add_post(struct archive *a, const char *data, size_t len, const char *path)
{
	const char *why = NULL;
	ALLOC_GROW(a->v, a->n, a->cap);
	if (post_parse(data, len, path, &a->v[a->n], &why) == 0)
		a->n++;
	else
		printf("# cannot parse %s: %s\n", path, why);
}

static char *to_nfd(const char *s)
{
	size_t n = 0;
	uint8_t *r = u8_normalize(UNINORM_NFD, (const uint8_t *)s, strlen(s), NULL, &n);
	char *out = xstrndup((const char *)r, n);
	free(r);
	return out;
}

/* The hits of query as "DATE#N DATE#N ...". */
static char *hits(const struct search_index *ix, const struct archive *a,
		  const char *query)
{
	struct search_query q;
	struct strbuf sb = STRBUF_INIT;
	if (search_query_parse(query, strlen(query), &q) == 0) {
		struct search_results r;
		search_results_init(&r);
		search_run(ix, &q, &r);
		for (size_t i = 0; i < r.n; i++) {
			const struct digest *d = &a->v[r.v[i].digest];
			strbuf_addf(&sb, "%s%s#%d", i ? " " : "", d->date ? d->date : "-",
				    d->papers[r.v[i].paper].number);
		}
		search_results_free(&r);
	} else {
		strbuf_addstr(&sb, "(empty query)");
	}
	search_query_free(&q);
	return strbuf_detach(&sb, NULL);
}

static void check_hits(const struct search_index *ix, const struct archive *a,
		       const char *query, const char *want, const char *what)
{
	char *got = hits(ix, a, query);
	is_str(got, want, "%s: '%s'", what, query);
	free(got);
}

static void check_parse(void)
{
	struct search_query q;
	is_int(search_query_parse("  Hello \t  World \n", 18, &q), 0, "query parses");
	is_str(q.text, "Hello World", "query trimmed, blanks collapsed");
	is_str(q.folded, "hello world", "query case-folded");
	ok(q.initials == NULL, "a Latin query is not a 초성 query");
	search_query_free(&q);

	is_int(search_query_parse(" \t\n ", 4, &q), -1, "blank query is empty");
	search_query_free(&q);
	is_int(search_query_parse("\xe2\x80\x8b", 3, &q), -1, "a zero-width space alone is empty");
	search_query_free(&q);

	is_int(search_query_parse("ㄱㅎㅎㅅ", strlen("ㄱㅎㅎㅅ"), &q), 0, "초성 query parses");
	is_str(q.initials, "ASSJ", "초성 query: choseong indexes ㄱ=0 ㅎ=18 ㅅ=9");
	search_query_free(&q);
	search_query_parse(" ㅇㅇ  ㅁㄷ ", strlen(" ㅇㅇ  ㅁㄷ "), &q);
	is_str(q.initials, "LL GD", "초성 query with a word gap");
	search_query_free(&q);
	search_query_parse("ᄀᄒᄒᄉ", strlen("ᄀᄒᄒᄉ"), &q);
	is_str(q.initials, "ASSJ", "conjoining initial jamo are consonants too");
	search_query_free(&q);
	search_query_parse("ㄲㄸㅃㅆㅉ", strlen("ㄲㄸㅃㅆㅉ"), &q);
	is_str(q.initials, "BEIKN", "double consonants keep their own index");
	search_query_free(&q);
	search_query_parse("강ㅎ", strlen("강ㅎ"), &q);
	ok(q.initials == NULL, "syllable + consonant is a plain query");
	search_query_free(&q);
	search_query_parse("ㄳ", strlen("ㄳ"), &q);
	ok(q.initials == NULL, "ㄳ is no initial consonant: plain query");
	search_query_free(&q);
	search_query_parse("Lㄱ", strlen("Lㄱ"), &q);
	ok(q.initials == NULL, "Latin + consonant is a plain query");
	search_query_free(&q);

	const char nfd[] = "Cafe\xcc\x81";
	search_query_parse(nfd, strlen(nfd), &q);
	is_str(q.text, "Café", "query text is NFC");
	is_str(q.folded, "café", "query folded is NFC");
	search_query_free(&q);

	const char hangul_nfd[] = "\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xbc"; /* 강 as jamo */
	search_query_parse(hangul_nfd, strlen(hangul_nfd), &q);
	is_str(q.folded, "강", "NFD Hangul query composes");
	ok(q.initials == NULL, "a composed syllable is no 초성 query");
	search_query_free(&q);

	/* Hostile bytes: NUL, invalid UTF-8, escapes. */
	const char bad[] = "a\0b\xff\xfe\x1b[31mc\xed\x95";
	is_int(search_query_parse(bad, sizeof(bad) - 1, &q), 0, "hostile query parses");
	ok(q.folded && !memchr(q.folded, '\0', q.folded_len) && strlen(q.folded) == q.folded_len,
	   "no NUL in a folded query");
	search_query_free(&q);
}

static void check_synthetic(void)
{
	struct archive a;
	archive_init(&a);
	add_post(&a, post_a, sizeof(post_a) - 1, "2025-11-01-a.md");
	char *b = to_nfd(post_b_nfc);
	ok(strcmp(b, post_b_nfc) != 0 && !strstr(b, "강화학습") && !strstr(b, "Café"),
	   "post B really is NFD");
	add_post(&a, b, strlen(b), "2025-11-02-b.md");
	free(b);
	is_int((long)a.n, 2, "two synthetic posts");
	struct search_index *ix = search_index_build(&a);
	is_int((long)search_index_papers(ix), 4, "four papers indexed");

	check_hits(ix, &a, "reinforcement", "2025-11-01#1", "Latin");
	check_hits(ix, &a, "REINFORCEMENT LEARNING", "2025-11-01#1", "Latin upper case");
	check_hits(ix, &a, "rEiNfOrCeMeNt    learning", "2025-11-01#1", "mixed case, extra blanks");
	check_hits(ix, &a, "café", "2025-11-01#2 2025-11-02#1", "NFC query finds NFC and NFD text");
	check_hits(ix, &a, "cafe\xcc\x81", "2025-11-01#2 2025-11-02#1", "NFD query finds NFC and NFD text");
	check_hits(ix, &a, "CAFÉ", "2025-11-01#2 2025-11-02#1", "upper-case accented letter");
	check_hits(ix, &a, "cafe", "", "no accent does not find an accented word");
	check_hits(ix, &a, "강화학습", "2025-11-01#1 2025-11-02#1", "Hangul finds NFC and NFD syllables");
	char *q = to_nfd("강화학습");
	check_hits(ix, &a, q, "2025-11-01#1 2025-11-02#1", "NFD Hangul query");
	free(q);
	check_hits(ix, &a, "strasse", "2025-11-01#2", "full case folding: ß is ss");
	check_hits(ix, &a, "STRAẞE", "2025-11-01#2", "capital sharp s");
	check_hits(ix, &a, "σίσυφος", "2025-11-01#3", "Greek, final sigma");
	check_hits(ix, &a, "2501.00002", "2025-11-01#2", "arXiv ID");
	check_hits(ix, &a, "goal", "2025-11-01#1 2025-11-02#1", "block labels");

	/* 초성 */
	check_hits(ix, &a, "ㄱㅎㅎㅅ", "2025-11-01#1 2025-11-02#1", "초성 of 강화학습 (NFC and NFD text)");
	check_hits(ix, &a, "ㅎㅎ", "2025-11-01#1 2025-11-02#1", "초성 run inside a word (화학)");
	check_hits(ix, &a, "ᄀᄒᄒᄉ", "2025-11-01#1 2025-11-02#1", "초성 as conjoining jamo");
	check_hits(ix, &a, "ㅇㅇ ㅁㄷ", "2025-11-01#2", "초성 across a word gap (언어 모델)");
	check_hits(ix, &a, "ㅇㅇㅁㄷ", "", "초성 runs do not cross word gaps");
	check_hits(ix, &a, "ㄲㄷ", "2025-11-01#3", "double consonant ㄲ (까다로운)");
	check_hits(ix, &a, "ㄸㅇ", "2025-11-01#3", "double consonant ㄸ (따옴표)");
	check_hits(ix, &a, "ㄱㄷ", "", "ㄱ does not match ㄲ");
	check_hits(ix, &a, "ㅃㄹ", "2025-11-01#3", "double consonant ㅃ (빠르게)");
	check_hits(ix, &a, "ㄹㅂ", "2025-11-02#1", "초성 in NFD text (로봇)");

	/* Mixed queries are plain text. */
	check_hits(ix, &a, "강ㅎ", "", "syllable + consonant: plain text, no hit");
	check_hits(ix, &a, "언어 모델", "2025-11-01#2", "Hangul words");
	check_hits(ix, &a, "lora를", "2025-11-01#2", "Latin + Hangul");
	check_hits(ix, &a, "LoRA를 쓴다", "2025-11-01#2", "Latin + Hangul words");

	/* Refining a grown query. */
	struct search_query q1, q2;
	struct search_results r;
	search_results_init(&r);
	search_query_parse("ca", 2, &q1);
	search_run(ix, &q1, &r);
	is_int((long)r.n, 3, "'ca' hits three papers");
	search_query_parse("café", strlen("café"), &q2);
	search_refine(ix, &q2, &r, &r);
	is_int((long)r.n, 2, "refined to 'café': two");
	ok(r.n == 2 && r.v[0].digest == 0 && r.v[0].paper == 1 && r.v[1].digest == 1 &&
	   r.v[1].paper == 0, "refined hits in order");
	search_results_free(&r);
	search_query_free(&q1);
	search_query_free(&q2);

	/* One paper without an index. */
	search_query_parse("ㄹㅂ", strlen("ㄹㅂ"), &q1);
	ok(search_paper_matches(&q1, &a.v[1].papers[0]), "search_paper_matches: 초성");
	ok(!search_paper_matches(&q1, &a.v[0].papers[0]), "search_paper_matches: no hit");
	search_query_free(&q1);

	/* An index remapped without digest 0 (a reader whose archive left a
	 * post out) still holds its text: a match there is stepped over, never
	 * counted, and the scan ends (it once spun on such text). */
	size_t map[2] = { (size_t)-1, 0 };
	struct search_index *only_b = search_index_remap(ix, map, 1);
	is_int((long)search_index_papers(only_b), 1, "remapped: one paper left");
	struct archive b_only = { .v = &a.v[1], .n = 1 };
	check_hits(only_b, &b_only, "reinforcement", "", "text of a left-out digest");
	check_hits(only_b, &b_only, "café", "2025-11-02#1", "and the digest kept");
	check_hits(only_b, &b_only, "ㄱㅎㅎㅅ", "2025-11-02#1", "초성 too");
	search_index_free(only_b);
	size_t map_a[2] = { 0, (size_t)-1 };
	struct search_index *only_a = search_index_remap(ix, map_a, 1);
	check_hits(only_a, &a, "society", "", "text of a left-out digest after the kept one");
	check_hits(only_a, &a, "강화학습", "2025-11-01#1", "Hangul in the kept one only");
	search_index_free(only_a);

	search_index_free(ix);
	archive_free(&a);
}

static char *ranges_str(const char *query, const char *s)
{
	struct search_query q;
	struct strbuf sb = STRBUF_INIT;
	search_query_parse(query, strlen(query), &q);
	struct search_range *v;
	size_t n = search_ranges(&q, s, strlen(s), &v);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&sb, "%s%zu+%zu", i ? " " : "", v[i].start, v[i].len);
	free(v);
	search_query_free(&q);
	return strbuf_detach(&sb, NULL);
}

static void check_ranges(const char *query, const char *s, const char *want)
{
	char *got = ranges_str(query, s);
	is_str(got, want, "ranges of '%s' in '%s'", query, s);
	free(got);
}

static void check_highlight(void)
{
	check_ranges("café", "A Cafe\xcc\x81 and CAFÉ", "2+6 13+5");
	check_ranges("cafe\xcc\x81", "A Café", "2+5");
	check_ranges("attention", "Attention is all: ATTENTION", "0+9 18+9");
	check_ranges("ㅎㅎ", "강화학습 연구", "3+6");
	check_ranges("ㄱㅎㅎㅅ", "심층 강화학습으로", "7+12");
	check_ranges("ㅇㅇ ㅁㄷ", "대형 언어 모델의", "7+13");
	check_ranges("language model", "large language  model", "6+15");
	check_ranges("강화", "강화학습과 강화", "0+6 16+6");
	check_ranges("xyz", "nothing here", "");
	check_ranges("strasse", "Die Straße", "4+7");

	struct search_query q;
	search_query_parse("ㅎㅎ", strlen("ㅎㅎ"), &q);
	size_t at = 0, len = 0;
	const char *line = "강화학습 화학";
	ok(search_find(&q, line, strlen(line), 0, &at, &len) && at == 3 && len == 6,
	   "search_find: first match");
	ok(search_find(&q, line, strlen(line), 4, &at, &len) && at == 13 && len == 6,
	   "search_find: next match after a position");
	ok(!search_find(&q, line, strlen(line), 14, &at, &len), "search_find: no more");
	search_query_free(&q);

	struct text t;
	text_init(&t);
	text_append_str(&t, "Deep ", STYLE_PLAIN);
	text_append_str(&t, "Reinforcement", STYLE_EMPH);
	text_append_str(&t, " learning", STYLE_PLAIN);
	search_query_parse("forcement learn", 15, &q);
	search_highlight(&q, &t);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < t.nspans; i++)
		strbuf_addf(&sb, "[%.*s|%u]", (int)t.spans[i].len, t.s + t.spans[i].start,
			    t.spans[i].style);
	char want[128];
	snprintf(want, sizeof(want), "[Deep |0][Rein|%d][forcement|%d][ learn|%d][ing|0]",
		 STYLE_EMPH, STYLE_EMPH | STYLE_MATCH, STYLE_MATCH);
	is_str(sb.buf, want, "search_highlight splits spans and ORs STYLE_MATCH");
	is_str(t.s, "Deep Reinforcement learning", "search_highlight keeps the text");
	strbuf_release(&sb);
	text_free(&t);
	search_query_free(&q);
}

static void check_sample(void)
{
	const char *top = getenv("top_srcdir");
	struct strbuf path = STRBUF_INIT, err = STRBUF_INIT;
	strbuf_addf(&path, "%s/data/sample", top ? top : ".");
	struct archive a;
	archive_init(&a);
	if (archive_load_path(&a, path.buf, &err) != 0 || a.n != 2) {
		ok(0, "load the bundled sample from %s: %s", path.buf, err.buf);
		goto out;
	}
	archive_sort(&a);
	struct search_index *ix = search_index_build(&a);
	check_hits(ix, &a, "강화학습", "2026-11-27#4 2026-11-27#7", "sample");
	check_hits(ix, &a, "ㄱㅎㅎㅅ", "2026-11-26#3 2026-11-27#4 2026-11-27#7",
		   "sample 초성 (초기화해서, 강화학습)");
	check_hits(ix, &a, "ATTENTION", "2026-11-26#1 2026-11-27#6", "sample");
	check_hits(ix, &a, "transformer",
		   "2026-11-26#1 2026-11-26#5 2026-11-27#2 2026-11-27#5 2026-11-27#6", "sample");
	check_hits(ix, &a, "diffusion", "2026-11-26#4", "sample");
	check_hits(ix, &a, "2106.09685", "2026-11-27#1", "sample arXiv ID");

	struct search_results hits;
	search_results_init(&hits);
	strbuf_reset(&err);
	is_int(search_archive(&a, "Attention", NULL, NULL, NULL, &hits, &err), 0, "search_archive");
	is_int((long)hits.n, 2, "  two papers");
	ok(hits.n == 2 && a.v[hits.v[0].digest].papers[hits.v[0].paper].number == 1 &&
	   !strcmp(a.v[hits.v[0].digest].date, "2026-11-26") &&
	   a.v[hits.v[1].digest].papers[hits.v[1].paper].number == 6 &&
	   !strcmp(a.v[hits.v[1].digest].date, "2026-11-27"),
	   "  2026-11-26 #1 and 2026-11-27 #6, in archive order");
	is_int(search_archive(&a, "   ", NULL, NULL, NULL, &hits, &err), -1, "search_archive: empty query");
	ok(err.len > 0, "  with a message");
	search_results_free(&hits);
	search_index_free(ix);
out:
	archive_free(&a);
	strbuf_release(&path);
	strbuf_release(&err);
}

static void check_fixtures(void)
{
	/* Hostile fixtures (escapes, NUL, invalid UTF-8) index and search. */
	const char *top = getenv("top_srcdir");
	struct strbuf path = STRBUF_INIT, err = STRBUF_INIT;
	strbuf_addf(&path, "%s/tests/fixtures", top ? top : ".");
	struct archive a;
	archive_init(&a);
	archive_load_path(&a, path.buf, &err);
	archive_sort(&a);
	ok(a.n > 10, "fixtures load (%zu posts)", a.n);
	struct search_index *ix = search_index_build(&a);
	struct search_query q;
	struct search_results r;
	search_results_init(&r);
	search_query_parse("강화학습", strlen("강화학습"), &q);
	size_t plain = search_run(ix, &q, &r);
	search_query_free(&q);
	search_query_parse("ㄱㅎㅎㅅ", strlen("ㄱㅎㅎㅅ"), &q);
	size_t cho = search_run(ix, &q, &r);
	search_query_free(&q);
	ok(plain >= 4 && cho >= plain, "fixtures: 강화학습 %zu papers, ㄱㅎㅎㅅ %zu", plain, cho);
	search_query_parse("hep-th/9711200", strlen("hep-th/9711200"), &q);
	is_int((long)search_run(ix, &q, &r), 1, "fixtures: old-style ID");
	search_query_free(&q);
	search_results_free(&r);
	search_index_free(ix);
	archive_free(&a);
	strbuf_release(&path);
	strbuf_release(&err);
}

/* author:, abstract:, cat: — parsed apart from the plain words, matched
 * against facts, AND-combined. */
static const struct paper_facts *fake_facts(void *ctx, const char *id)
{
	struct paper_facts *f = ctx;
	return !strcmp(id, f->id) ? f : NULL;
}

static int facts_q(const char *query, const struct paper_facts *f)
{
	struct search_query q;
	int r = search_query_parse(query, strlen(query), &q) < 0 ? -1
								 : search_facts_match(&q, f);
	search_query_free(&q);
	return r;
}

static void check_prefixes(void)
{
	struct search_query q;
	const char in[] = "Author:\"Ségolène  Müller\" diffusion  cat:cs.CL model abstract:Scaling";
	is_int(search_query_parse(in, strlen(in), &q), 0, "a query with prefixes parses");
	is_int((int)q.nterms, 3, "three prefixes");
	is_str(q.folded, "diffusion model", "the plain words, without the prefixes");
	is_str(q.text, "Author:\"Ségolène Müller\" diffusion cat:cs.CL model abstract:Scaling",
	       "the text keeps the prefixes (shown, searched again after a reload)");
	ok(q.nterms == 3 && q.terms[0].field == SEARCH_AUTHOR &&
	   !strcmp(q.terms[0].folded, "segolene muller"), "author: folded without accents");
	ok(q.nterms == 3 && q.terms[1].field == SEARCH_CATEGORY &&
	   !strcmp(q.terms[1].folded, "cs.cl"), "cat: folded");
	ok(q.nterms == 3 && q.terms[2].field == SEARCH_ABSTRACT &&
	   !strcmp(q.terms[2].folded, "scaling"), "abstract: folded");
	search_query_free(&q);
	is_int(search_query_parse("author:", 7, &q), -1, "an empty prefix alone is an empty query");
	search_query_free(&q);
	is_int(search_query_parse("xauthor:kim", 11, &q), 0, "a prefix inside a word is plain text");
	is_int((int)q.nterms, 0, "  no prefix");
	search_query_free(&q);

	struct paper_facts f;
	paper_facts_init(&f);
	f.id = xstrdup("2501.00001");
	const char *authors[] = { "Émile Borel", "KIM Min-jun" };
	f.authors = xmalloc(sizeof(char *) * 2);
	for (int i = 0; i < 2; i++)
		f.authors[f.nauthors++] = xstrdup(authors[i]);
	f.abstract = xstrdup("We study Scaling laws.");
	f.categories = xmalloc(sizeof(char *) * 2);
	f.categories[f.ncategories++] = xstrdup("cs.CL");
	f.categories[f.ncategories++] = xstrdup("stat.ML");
	is_int(facts_q("author:emile", &f), 1, "author: ignores accents");
	is_int(facts_q("author:min-JUN", &f), 1, "author: ignores case");
	is_int(facts_q("author:\"borel kim\"", &f), 0, "author: within one name");
	is_int(facts_q("abstract:\"scaling laws\"", &f), 1, "abstract: a quoted phrase");
	is_int(facts_q("cat:stat", &f), 1, "cat:stat finds stat.ML");
	is_int(facts_q("cat:cs.C", &f), 0, "cat: whole categories only");
	is_int(facts_q("author:kim cat:cs.cl", &f), 1, "two prefixes, both met");
	is_int(facts_q("author:kim cat:math", &f), 0, "two prefixes, one unmet: AND");
	is_int(facts_q("author:kim", NULL), 0, "no facts known: no prefix matches");
	is_int(facts_q("kim", NULL), 1, "no prefix: the facts do not matter");

	/* search_paper_matches_facts: the plain words in the paper, the
	 * prefixes in its facts. */
	struct archive a;
	archive_init(&a);
	add_post(&a, post_a, strlen(post_a), "a.md");
	const struct paper *p = &a.v[0].papers[0]; /* 2501.00001, 강화학습 */
	search_query_parse("author:borel 강화학습", strlen("author:borel 강화학습"), &q);
	is_int(search_paper_matches_facts(&q, p, fake_facts, &f), 1, "prefix and plain word, both");
	is_int(search_paper_matches_facts(&q, p, NULL, NULL), 0, "  without facts: no");
	search_query_free(&q);
	search_query_parse("author:borel 없는말", strlen("author:borel 없는말"), &q);
	is_int(search_paper_matches_facts(&q, p, fake_facts, &f), 0, "  the plain word must match too");
	search_query_free(&q);

	/* search_run + search_filter_facts over an index: prefixes only. */
	struct search_index *ix = search_index_build(&a);
	struct search_results r;
	search_results_init(&r);
	search_query_parse("cat:cs.CL", 9, &q);
	search_run(ix, &q, &r);
	ok(r.n == search_index_papers(ix), "prefixes only: every paper is a candidate");
	search_filter_facts(&q, &a, fake_facts, &f, &r);
	ok(r.n == 1 && r.v[0].digest == 0 && r.v[0].paper == 0, "  the facts keep the one paper");
	search_query_free(&q);
	search_results_free(&r);
	search_index_free(ix);
	archive_free(&a);
	paper_facts_free(&f);
}

/* The index scan (which finds a needle by a rare byte of it when that
 * pays) agrees with the per-paper matcher (plain memmem) on every kind of
 * needle: one letter, a rare letter, digits and dots, punctuation, long
 * common words, one consonant, several. */
static void check_matcher_agrees(void)
{
	const char *top = getenv("top_srcdir");
	struct strbuf path = STRBUF_INIT, err = STRBUF_INIT;
	struct archive a;
	archive_init(&a);
	strbuf_addf(&path, "%s/tests/fixtures", top ? top : ".");
	archive_load_path(&a, path.buf, &err);
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/data/sample", top ? top : ".");
	archive_load_path(&a, path.buf, &err);
	archive_sort(&a);
	struct search_index *ix = search_index_build(&a);
	static const char *const queries[] = {
		"e", "z", "q", "x", "2205.14135", "2509", ".", "(", "io-awareness",
		"attention", "flash", "lora", "zzqxj", "language model", "ㄱ", "ㅎ", "ㅋ",
		"ㄱㅎ", "ㅇㅇ ㅁㄷ", "강", "강화학습", "모델", "논문의 목표",
	};
	int all = 1;
	for (size_t i = 0; i < sizeof(queries) / sizeof(*queries); i++) {
		struct search_query q;
		struct search_results r;
		search_results_init(&r);
		if (search_query_parse(queries[i], strlen(queries[i]), &q) < 0) {
			search_query_free(&q);
			continue;
		}
		size_t got = search_run(ix, &q, &r), want = 0;
		for (size_t d = 0; d < a.n; d++)
			for (size_t p = 0; p < a.v[d].npapers; p++)
				want += search_paper_matches(&q, &a.v[d].papers[p]) != 0;
		if (got != want) {
			printf("# '%s': the index finds %zu papers, the matcher %zu\n", queries[i],
			       got, want);
			all = 0;
		}
		search_results_free(&r);
		search_query_free(&q);
	}
	ok(all, "the index scan and the per-paper matcher agree on %zu queries",
	   sizeof(queries) / sizeof(*queries));
	search_index_free(ix);
	archive_free(&a);
	strbuf_release(&path);
	strbuf_release(&err);
}

int main(void)
{
	check_parse();
	check_prefixes();
	check_synthetic();
	check_highlight();
	check_sample();
	check_fixtures();
	check_matcher_agrees();
	return tap_done();
}
