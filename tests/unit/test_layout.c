/* Layout engine by value: widths, wrapping, fitting and sanitizing. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "layout.h"
#include "strbuf.h"
#include "tap.h"
#include "text.h"

/* ---- helpers ----------------------------------------------------------- */

/* Clean display text: valid UTF-8 without C0 (but '\n' when allowed), DEL,
 * C1, bidi controls or other format characters but ZWSP/ZWNJ/ZWJ. */
static int is_clean(const char *s, size_t len, int allow_nl)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + len;
	if (u8_check(p, len))
		return 0;
	while (p < end) {
		ucs4_t c;
		p += u8_mbtouc(&c, p, (size_t)(end - p));
		if (c == '\n' && allow_nl)
			continue;
		if (c < 0x20 || (c >= 0x7f && c < 0xa0))
			return 0;
		if (c == 0x061c || c == 0x200e || c == 0x200f ||
		    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
		    c == 0xfeff || c == 0x00ad || c == 0x2060)
			return 0;
	}
	return 1;
}

static char *sanitized(const char *s, size_t len)
{
	struct strbuf sb;
	strbuf_init(&sb);
	layout_sanitize(s, len, &sb);
	return strbuf_detach(&sb, NULL);
}

/* Checks the invariants every produced line must hold; returns the number
 * of violations, with a diagnostic for each. */
static int check_line(const struct layout_line *l, int width, int amb,
		      const char *what)
{
	int bad = 0;
	if (!l->s || strlen(l->s) != l->len) {
		printf("# %s: bad string\n", what);
		return 1;
	}
	if (l->indent < 0 || (width >= 1 && l->indent + l->width > width)) {
		printf("# %s: indent %d + width %d > %d\n", what, l->indent,
		       l->width, width);
		bad++;
	}
	if (l->width != layout_width(l->s, l->len, amb)) {
		printf("# %s: width %d, measured %d\n", what, l->width,
		       layout_width(l->s, l->len, amb));
		bad++;
	}
	if (!is_clean(l->s, l->len, 0)) {
		printf("# %s: unclean line \"%s\"\n", what, l->s);
		bad++;
	}
	size_t at = 0;
	int sum = 0;
	for (size_t r = 0; r < l->nruns; r++) {
		const struct layout_run *run = &l->runs[r];
		if (run->start != at || run->len == 0 ||
		    run->width != layout_width(l->s + run->start, run->len, amb) ||
		    (r && l->runs[r - 1].style == run->style)) {
			printf("# %s: bad run %zu\n", what, r);
			bad++;
		}
		at = run->start + run->len;
		sum += run->width;
	}
	if (at != l->len || sum != l->width) {
		printf("# %s: runs cover %zu of %zu bytes, %d of %d columns\n",
		       what, at, l->len, sum, l->width);
		bad++;
	}
	return bad;
}

static int check_lines(const struct layout_lines *ls, int width, int amb,
		       const char *what)
{
	int bad = 0;
	for (size_t i = 0; i < ls->n; i++)
		bad += check_line(&ls->v[i], width, amb, what);
	return bad;
}

static struct layout_opts opts(int width, enum layout_break mode, int first,
			       int rest)
{
	struct layout_opts o;
	layout_opts_init(&o);
	o.width = width;
	o.line_break = mode;
	o.first_indent = first;
	o.rest_indent = rest;
	return o;
}

/* Wraps plain s and returns its lines joined with '|' (indents as leading
 * spaces when show_indent), after checking the line invariants. */
static char *wrap_o(const char *s, const struct layout_opts *o, int show_indent)
{
	struct text t;
	struct layout_lines ls;
	struct strbuf sb;
	text_init(&t);
	text_append_str(&t, s, STYLE_PLAIN);
	layout_lines_init(&ls);
	layout_wrap(&t, o, &ls);
	strbuf_init(&sb);
	for (size_t i = 0; i < ls.n; i++) {
		if (i)
			strbuf_addch(&sb, '|');
		if (show_indent)
			for (int k = 0; k < ls.v[i].indent; k++)
				strbuf_addch(&sb, ' ');
		strbuf_add(&sb, ls.v[i].s, ls.v[i].len);
	}
	if (check_lines(&ls, o->width, o->ambiguous_width, s))
		strbuf_addstr(&sb, " <INVARIANT BROKEN>");
	layout_lines_free(&ls);
	text_free(&t);
	return strbuf_detach(&sb, NULL);
}

static char *wrap_s(const char *s, int width, enum layout_break mode)
{
	struct layout_opts o = opts(width, mode, 0, 0);
	return wrap_o(s, &o, 0);
}

#define IS_WRAP(s, w, mode, want, ...)                                        \
	do {                                                                   \
		char *got_ = wrap_s(s, w, mode);                              \
		is_str(got_, want, __VA_ARGS__);                               \
		free(got_);                                                    \
	} while (0)

/* Fits plain s and returns the line, after checking it is exactly width. */
static char *fit_s(const char *s, int width, int amb)
{
	struct layout_line l;
	layout_fit_str(s, STYLE_PLAIN, width, amb, &l);
	int bad = check_line(&l, width, amb, s);
	if (l.width != (width > 0 ? width : 0) || l.indent != 0) {
		printf("# fit \"%s\" to %d: width %d\n", s, width, l.width);
		bad++;
	}
	char *r = l.s;
	l.s = NULL;
	layout_line_free(&l);
	if (bad) {
		free(r);
		r = strdup("<INVARIANT BROKEN>");
	}
	return r;
}

#define IS_FIT(s, w, amb, want, ...)                                          \
	do {                                                                   \
		char *got_ = fit_s(s, w, amb);                                 \
		is_str(got_, want, __VA_ARGS__);                               \
		free(got_);                                                    \
	} while (0)

#define IS_SAN(s, want, ...)                                                  \
	do {                                                                   \
		char *got_ = sanitized(s, sizeof(s) - 1);                      \
		is_str(got_, want, __VA_ARGS__);                               \
		if (!is_clean(got_, strlen(got_), 1))                          \
			ok(0, "  ... and it is clean");                        \
		free(got_);                                                    \
	} while (0)

#define FAMILY "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7"
#define FLAG_KR "\xf0\x9f\x87\xb0\xf0\x9f\x87\xb7"
#define FLAG_US "\xf0\x9f\x87\xba\xf0\x9f\x87\xb8"
#define GRIN "\xf0\x9f\x98\x80"
#define ELL "\xe2\x80\xa6"
#define ELL2 "\xe2\x8b\xaf" /* U+22EF */

/* ---- widths ------------------------------------------------------------ */

static void test_widths(void)
{
	is_int(layout_width("한국어", strlen("한국어"), 1), 6, "Hangul syllables are 2 columns");
	is_int(layout_width("abc", 3, 2), 3, "ASCII is 1 column in both modes");

	char *s = sanitized("\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab", 9);
	is_str(s, "한", "NFD jamo U+1112 U+1161 U+11AB sanitize to the syllable");
	is_int(layout_width(s, strlen(s), 1), 2, "  ... which is 2 columns");
	free(s);
	s = sanitized("e\xcc\x81", 3);
	is_str(s, "\xc3\xa9", "e + U+0301 composes to U+00E9");
	is_int(layout_width(s, strlen(s), 1), 1, "  ... 1 column");
	free(s);
	is_int(layout_width("q\xcc\x81\xcc\xa3", 5, 1), 1,
	       "q with two combining marks (no precomposed form) is 1 column");

	static const char *const amb[] = { "·", "—", "‘", "’", "“", "”", "→",
					   "×", "①", "°", "±", "α", ELL };
	int w1 = 0, w2 = 0;
	for (size_t i = 0; i < sizeof(amb) / sizeof(amb[0]); i++) {
		w1 += layout_width(amb[i], strlen(amb[i]), 1) == 1;
		w2 += layout_width(amb[i], strlen(amb[i]), 2) == 2;
	}
	is_int(w1, 13, "ambiguous · — ‘ ’ “ ” → × ① ° ± α … are 1 column in mode 1");
	is_int(w2, 13, "  ... and 2 columns in mode 2");
	is_int(layout_width("ö", strlen("ö"), 2), 1, "ö is not ambiguous: 1 column in mode 2");
	is_int(layout_width("\xcc\x81", 2, 2), 0, "a combining mark stays 0 in mode 2");
	is_int(layout_width("한", 3, 2), 2, "Hangul is 2 in mode 2");

	is_int(layout_width(GRIN, 4, 1), 2, "U+1F600 is 2 columns");
	is_int(layout_width(FAMILY, strlen(FAMILY), 1), 6,
	       "ZWJ family: sum of its code points (2+0+2+0+2), as ncurses advances");
	is_int(layout_width(FLAG_KR, 8, 1), 2, "flag KR: two regional indicators, 2 columns");
	is_int(layout_width("\xe2\x80\x8b\xe2\x80\x8c\xe2\x80\x8d", 9, 1), 0,
	       "ZWSP, ZWNJ, ZWJ are 0 columns");

	s = sanitized("a\xe2\x80\x8b" "b\xe2\x80\x8d" "c", 9);
	is_str(s, "a\xe2\x80\x8b" "b\xe2\x80\x8d" "c", "ZWSP and ZWJ survive sanitizing");
	free(s);
	s = sanitized("\xe2\x9d\xa4\xef\xb8\x8f", 6);
	is_str(s, "\xe2\x9d\xa4", "U+2764 U+FE0F loses the emoji selector");
	is_int(layout_width(s, strlen(s), 1), 1, "  ... and is 1 column, like wcwidth");
	free(s);
	s = sanitized("\xcd\xb8", 2);
	is_str(s, "\xef\xbf\xbd", "unassigned U+0378 becomes U+FFFD");
	free(s);
	s = sanitized("\xee\x80\x80", 3);
	is_str(s, "\xee\x80\x80", "private use U+E000 is kept (wcwidth 1)");
	free(s);
}

/* ---- wrapping ---------------------------------------------------------- */

/* URLs whole, forced cuts at UAX #14 opportunities and never
 * before closing or after opening punctuation, numbers with their counters. */
static void test_wrap_rules(void)
{
	const char *ax = "https://www.alphaxiv.org/ko/overview/2510.25602";
	struct layout_opts o = opts(46, LAYOUT_BREAK_KEEP_ALL, 0, 2);
	char *got = wrap_o("Alphaxiv https://www.alphaxiv.org/ko/overview/2510.25602", &o, 1);
	is_str(got, "Alphaxiv|  https://www.alphaxiv.org/ko/" ELL "/2510.25602",
	       "a URL wider than its line: whole path segments around the ellipsis");
	free(got);
	o = opts(60, LAYOUT_BREAK_KEEP_ALL, 0, 2);
	got = wrap_o("Alphaxiv 링크는 https://www.alphaxiv.org/ko/overview/2510.25602", &o, 1);
	is_str(got, "Alphaxiv 링크는|  https://www.alphaxiv.org/ko/overview/2510.25602",
	       "a URL that fits on a line of its own goes there whole");
	free(got);
	o = opts(46, LAYOUT_BREAK_NORMAL, 0, 2);
	got = wrap_o("링크 https://www.alphaxiv.org/ko/overview/2510.25602 끝", &o, 0);
	is_str(got, "링크|https://www.alphaxiv.org/ko/" ELL "/2510.25602|끝",
	       "normal mode keeps URLs whole too");
	free(got);
	IS_WRAP("주소(https://example.com/a/b/c/d/e/f/g).", 24, LAYOUT_BREAK_KEEP_ALL,
		"주소|(https://ex" ELL "/c/d/e/f/g).",
		"a URL keeps its brackets; the closing one and the period stay on its line");
	IS_WRAP(ax, 10, LAYOUT_BREAK_KEEP_ALL, "https" ELL "5602",
		"at 10 columns, the start and the end share the room");
	IS_WRAP(ax, 1, LAYOUT_BREAK_KEEP_ALL, ELL, "at 1 column, the ellipsis alone");
	o = opts(46, LAYOUT_BREAK_KEEP_ALL, 0, 2);
	o.ambiguous_width = 2;
	got = wrap_o(ax, &o, 0);
	is_str(got, "https://www.alphaxiv.org/ko/" ELL2 "/2510.25602",
	       "ambiguous 2: the URL's ellipsis is U+22EF");
	free(got);

	IS_WRAP("벤치마크(CultureBench)를 제안하였다.", 16, LAYOUT_BREAK_KEEP_ALL,
		"벤치마크|(CultureBench)를|제안하였다.",
		"a forced cut before '(' after a Hangul word, the particle kept");
	IS_WRAP("(reference-to-video, R2V)", 12, LAYOUT_BREAK_KEEP_ALL,
		"(reference-|to-video,|R2V)",
		"a forced cut after a hyphen (UAX #14)");
	IS_WRAP("Streamo-Instruct-465K)과", 20, LAYOUT_BREAK_KEEP_ALL,
		"Streamo-|Instruct-465K)과",
		"a forced cut after a hyphen, never between a hyphen and a digit (LB25)");
	IS_WRAP("Streamo-Instruct-Data)과", 20, LAYOUT_BREAK_KEEP_ALL,
		"Streamo-Instruct-|Data)과",
		"a forced cut at the last hyphen that fits");
	IS_WRAP("ABCDEFGH)가", 8, LAYOUT_BREAK_KEEP_ALL, "ABCDEFG|H)가",
		"no line starts with closing punctuation");
	IS_WRAP("ABCDEFG(HIJ", 8, LAYOUT_BREAK_KEEP_ALL, "ABCDEFG|(HIJ",
		"no line ends with opening punctuation");
	IS_WRAP("가나다라마바사아자차카타", 9, LAYOUT_BREAK_KEEP_ALL,
		"가나다라|마바사아|자차카타",
		"a Hangul word alone wider than the line is still cut by syllable");
	IS_WRAP("가나다 두 가지 방법", 8, LAYOUT_BREAK_KEEP_ALL,
		"가나다|두 가지|방법", "a number stays with its counter (두 가지)");
	IS_WRAP("모두 3070만 개의 문서", 12, LAYOUT_BREAK_KEEP_ALL,
		"모두|3070만 개의|문서", "digits and magnitude with their counter");
	IS_WRAP("크기 50, 배치 크기", 12, LAYOUT_BREAK_KEEP_ALL, "크기 50,|배치 크기",
		"a number followed by a comma is not glued to the next word");
	IS_WRAP("두 가지", 4, LAYOUT_BREAK_KEEP_ALL, "두|가지",
		"the number gives way when the two do not fit on a line");
	IS_WRAP("모델 두 모델", 8, LAYOUT_BREAK_KEEP_ALL, "모델 두|모델",
		"a number before a word that is no counter breaks as usual");
	IS_WRAP("자세히는 https://example.org/results/2025와 같다.", 20,
		LAYOUT_BREAK_KEEP_ALL, "자세히는|https://e" ELL "lts/2025와|같다.",
		"a shortened URL keeps its particle on its line");

	/* Tabs go to the stops of the line they land on. */
	IS_WRAP("ab\tcd abcdefghi jk\tl", 10, LAYOUT_BREAK_KEEP_ALL,
		"ab      cd|abcdefghi|jk      l",
		"a tab after 'jk' on the third line goes to column 8 of that line");
	o = opts(30, LAYOUT_BREAK_KEEP_ALL, 2, 4);
	got = wrap_o("가\t나", &o, 1);
	is_str(got, "  가      나", "tab stops count from the text's start, not the screen's");
	free(got);
}

static void test_wrap(void)
{
	const char *ko = "대규모 언어 모델은 긴 문맥을 처리하는 데 어려움을 겪는다.";
	IS_WRAP(ko, 15, LAYOUT_BREAK_KEEP_ALL,
		"대규모 언어|모델은 긴|문맥을 처리하는|데 어려움을|겪는다.",
		"keep-all breaks Korean only at spaces");
	IS_WRAP(ko, 15, LAYOUT_BREAK_NORMAL,
		"대규모 언어 모|델은 긴 문맥을|처리하는 데 어|려움을 겪는다.",
		"normal (UAX #14) also breaks between syllables");
	IS_WRAP(ko, 80, LAYOUT_BREAK_KEEP_ALL, ko, "a line that fits stays whole");
	IS_WRAP("모델(LLM)은 “긴 문맥”을 다룬다.", 12, LAYOUT_BREAK_KEEP_ALL,
		"모델(LLM)은|“긴 문맥”을|다룬다.",
		"keep-all around punctuation (UAX #14 at the spaces)");
	IS_WRAP("초장문단어하나로만이루어진줄", 10, LAYOUT_BREAK_KEEP_ALL,
		"초장문단어|하나로만이|루어진줄",
		"a Korean word wider than the line breaks by cluster");
	IS_WRAP("See https://arxiv.org/abs/2509.22622v1 now", 12,
		LAYOUT_BREAK_KEEP_ALL, "See|https:" ELL "622v1|now",
		"a URL wider than the line is shortened in the middle, never broken");
	test_wrap_rules();
	IS_WRAP("AB Vision-Language model", 16, LAYOUT_BREAK_KEEP_ALL,
		"AB|Vision-Language|model",
		"keep-all never breaks inside a word, not even after a hyphen");
	IS_WRAP("AB Vision-Language model", 16, LAYOUT_BREAK_NORMAL,
		"AB Vision-|Language model",
		"normal (UAX #14) breaks after a hyphen");
	IS_WRAP("LLM-기반 에이전트", 6, LAYOUT_BREAK_KEEP_ALL,
		"LLM-기|반|에이전|트",
		"  ... but not between Latin and Hangul (forced breaks only)");
	IS_WRAP("10-20 a", 4, LAYOUT_BREAK_KEEP_ALL, "10-2|0 a",
		"  ... nor before a digit");

	IS_WRAP("a    b", 3, LAYOUT_BREAK_KEEP_ALL, "a|b",
		"trailing spaces at a break are dropped, leading ones too");
	IS_WRAP("  들여쓴 문단", 8, LAYOUT_BREAK_KEEP_ALL, "  들여쓴|문단",
		"leading spaces of a paragraph are kept");
	IS_WRAP("끝에 공백   ", 80, LAYOUT_BREAK_KEEP_ALL, "끝에 공백",
		"trailing spaces at the end are not drawn");
	IS_WRAP("첫 줄\n둘째 줄\n\n넷째", 80, LAYOUT_BREAK_KEEP_ALL,
		"첫 줄|둘째 줄||넷째", "'\\n' is a hard break, empty lines kept");
	IS_WRAP("a\r\nb\rc", 80, LAYOUT_BREAK_KEEP_ALL, "a|b|c", "CRLF and CR are breaks");
	IS_WRAP("a\tb", 80, LAYOUT_BREAK_KEEP_ALL, "a       b", "tabs expand to 8-column stops");
	IS_WRAP("", 10, LAYOUT_BREAK_KEEP_ALL, "", "empty text gives no line");

	struct layout_opts o = opts(20, LAYOUT_BREAK_KEEP_ALL, 2, 10);
	char *got = wrap_o("- Goal: 긴 문맥을 처리하는 새로운 모델을 제안한다.", &o, 1);
	is_str(got, "  - Goal: 긴 문맥을|          처리하는|          새로운|          모델을|          제안한다.",
	       "hanging indent: first line at 2, the rest under the text at 10");
	free(got);
	o = opts(6, LAYOUT_BREAK_KEEP_ALL, 2, 10);
	got = wrap_o("가나 다라", &o, 1);
	is_str(got, "  가나|    다|    라",
	       "an indent that leaves no room is clamped so a cluster fits");
	free(got);
	o = opts(12, LAYOUT_BREAK_KEEP_ALL, 2, 4);
	got = wrap_o("첫 줄\n둘째 줄", &o, 1);
	is_str(got, "  첫 줄|    둘째 줄", "lines after a hard break take rest_indent");
	free(got);

	IS_WRAP("ab" FAMILY "c", 6, LAYOUT_BREAK_KEEP_ALL, "ab|" FAMILY "|c",
		"a ZWJ sequence is never split");
	IS_WRAP(FLAG_KR FLAG_US, 3, LAYOUT_BREAK_KEEP_ALL, FLAG_KR "|" FLAG_US,
		"flags break between pairs of regional indicators");
	IS_WRAP("qqq\xcc\x81", 2, LAYOUT_BREAK_KEEP_ALL, "qq|q\xcc\x81",
		"a combining mark stays with its base");
	IS_WRAP("가나", 1, LAYOUT_BREAK_KEEP_ALL, ">|>",
		"a wide character at width 1 becomes '>'");
	IS_WRAP("x" FAMILY, 5, LAYOUT_BREAK_KEEP_ALL, "x>",
		"a cluster wider than the line becomes '>'");

	/* Widths 1..5 (and indents that do not fit) on hostile mixes. */
	static const char *const hard[] = {
		"가나다라마바사 아자차카타파하",
		"https://arxiv.org/abs/2509.22622 링크",
		GRIN FAMILY FLAG_KR " e\xcc\x81 q\xcc\x81\xcc\xa3 " GRIN GRIN,
		"  \xe2\x80\x8b한\xe2\x80\x8b국 \xe3\x80\x80어 \t끝",
		"- Goal: 작은 폭에서도 무한 루프 없이",
		" ",
	};
	int bad = 0, lost = 0;
	for (size_t h = 0; h < sizeof(hard) / sizeof(hard[0]); h++) {
		for (int w = 1; w <= 5; w++) {
			for (int mode = 0; mode < 2; mode++) {
				for (int amb = 1; amb <= 2; amb++) {
					struct text t;
					struct layout_lines ls;
					text_init(&t);
					text_append_str(&t, hard[h], STYLE_PLAIN);
					o = opts(w, mode ? LAYOUT_BREAK_NORMAL : LAYOUT_BREAK_KEEP_ALL, 3, 7);
					o.ambiguous_width = amb;
					layout_lines_init(&ls);
					layout_wrap(&t, &o, &ls);
					bad += check_lines(&ls, w, amb, hard[h]);
					size_t chars = 0;
					for (size_t i = 0; i < ls.n; i++)
						chars += ls.v[i].len;
					lost += ls.n == 0 && strcmp(hard[h], " ");
					lost += chars == 0 && strcmp(hard[h], " ");
					layout_lines_free(&ls);
					text_free(&t);
				}
			}
		}
	}
	is_int(bad, 0, "widths 1..5: every line fits, widths add up, runs agree");
	is_int(lost, 0, "widths 1..5: text is laid out, not dropped");
}

/* ---- styles through wrapping -------------------------------------------- */

static void test_spans(void)
{
	struct text t;
	struct layout_lines ls;
	struct layout_opts o = opts(80, LAYOUT_BREAK_KEEP_ALL, 0, 0);
	text_init(&t);
	text_append_str(&t, "굵은", STYLE_STRONG);
	text_append_str(&t, " 보통\x1b[31m ", STYLE_PLAIN);
	text_append_str(&t, "\x1b[0m", STYLE_EMPH);
	text_append_str(&t, "링크", STYLE_PLAIN);
	text_append_str(&t, "\xe2\x80\xae", STYLE_CODE);
	text_append_str(&t, "끝", STYLE_PLAIN);
	layout_lines_init(&ls);
	layout_wrap(&t, &o, &ls);
	if (is_int((long)ls.n, 1, "styled text: one line")) {
		const struct layout_line *l = &ls.v[0];
		is_str(l->s, "굵은 보통 링크끝", "  ... escapes and bidi controls removed");
		is_int((long)l->nruns, 2, "  ... two runs: spans that vanished merge their neighbours");
		if (l->nruns == 2) {
			is_int(l->runs[0].style, STYLE_STRONG, "  ... run 1 style");
			is_int((long)l->runs[0].len, 6, "  ... run 1 bytes");
			is_int(l->runs[0].width, 4, "  ... run 1 width");
			is_int(l->runs[1].style, STYLE_PLAIN, "  ... run 2 style");
			is_int(l->runs[1].width, 12, "  ... run 2 width");
		}
		is_int(check_line(l, 80, 1, "spans"), 0, "  ... invariants hold");
	}
	layout_lines_free(&ls);
	text_free(&t);

	/* A CSI cut by a style boundary is still removed whole. */
	text_init(&t);
	text_append_str(&t, "abc\x1b[3", STYLE_PLAIN);
	text_append_str(&t, "1mdef", STYLE_LINK);
	layout_lines_init(&ls);
	layout_wrap(&t, &o, &ls);
	if (is_int((long)ls.n, 1, "CSI across spans: one line")) {
		is_str(ls.v[0].s, "abcdef", "  ... no trace of the sequence");
		ok(ls.v[0].nruns == 2 && ls.v[0].runs[1].style == STYLE_LINK &&
		   ls.v[0].runs[1].len == 3, "  ... 'def' keeps its style");
	}
	layout_lines_free(&ls);
	text_free(&t);

	/* Styles across wrapped lines. */
	text_init(&t);
	text_append_str(&t, "가나 ", STYLE_PLAIN);
	text_append_str(&t, "다라 마바", STYLE_MATCH);
	text_append_str(&t, " 사", STYLE_PLAIN);
	o = opts(9, LAYOUT_BREAK_KEEP_ALL, 0, 0);
	layout_lines_init(&ls);
	layout_wrap(&t, &o, &ls);
	int good = ls.n == 2 && ls.v[0].nruns == 2 && ls.v[1].nruns == 2 &&
		   ls.v[0].runs[0].style == STYLE_PLAIN && ls.v[0].runs[1].style == STYLE_MATCH &&
		   ls.v[1].runs[0].style == STYLE_MATCH && ls.v[1].runs[1].style == STYLE_PLAIN &&
		   ls.v[1].runs[0].start == 0 && ls.v[1].runs[0].len == 6;
	ok(good, "styles follow the text across wrapped lines (가나 [다라|마바] 사)");
	is_int(check_lines(&ls, 9, 1, "styled wrap"), 0, "  ... invariants hold");
	layout_lines_free(&ls);
	text_free(&t);
}

/* ---- fitting ----------------------------------------------------------- */

static void test_fit(void)
{
	/* Rule: when the text is wider than the line, keep the clusters that
	 * fit in width - width("…"), pad with spaces up to that, then "…". */
	IS_FIT("가나다라", 8, 1, "가나다라", "fits exactly");
	IS_FIT("가나다라", 9, 1, "가나다라 ", "padded with a space");
	IS_FIT("가나다라", 5, 1, "가나" ELL, "cut at 5: 가나…");
	IS_FIT("가나다라", 4, 1, "가 " ELL, "cut at 4: a space where 나 would straddle");
	IS_FIT("가나다라", 3, 1, "가" ELL, "cut at 3");
	IS_FIT("가나다라", 2, 1, " " ELL, "cut at 2");
	IS_FIT("가나다라", 1, 1, ELL, "cut at 1: the ellipsis alone");
	IS_FIT("가나다라", 0, 1, "", "width 0: empty line");
	/* U+2026 is ambiguous: with ambiguous 2 the mark is U+22EF, one
	 * column for ncurses and for the terminal alike. */
	IS_FIT("가나다라", 5, 2, "가나" ELL2, "ambiguous 2: the mark is U+22EF, 1 column");
	IS_FIT("가나다라", 4, 2, "가 " ELL2, "ambiguous 2, cut at 4");
	IS_FIT("가나다라", 1, 2, ELL2, "ambiguous 2, width 1: the mark alone");
	IS_FIT("hello world", 8, 1, "hello w" ELL, "ASCII cut");
	IS_FIT("hi", 5, 1, "hi   ", "ASCII padded");
	IS_FIT("a\nb", 5, 1, "a b  ", "newlines become spaces");
	IS_FIT("ab" FAMILY, 7, 1, "ab    " ELL, "a ZWJ sequence is dropped whole, never cut");
	IS_FIT("\x1b[31m빨강\x1b[0m", 6, 1, "빨강  ", "escapes do not count");
	IS_FIT("", 3, 1, "   ", "empty text: all padding");

	struct text t;
	struct layout_line l;
	text_init(&t);
	text_append_str(&t, "제목", STYLE_TITLE);
	text_append_str(&t, " 링크입니다", STYLE_LINK);
	layout_fit(&t, 8, 1, &l);
	ok(l.nruns == 2 && l.runs[0].style == STYLE_TITLE && l.runs[0].width == 4 &&
	   l.runs[1].style == STYLE_LINK && l.runs[1].width == 4 && l.width == 8,
	   "fit keeps styles; the ellipsis takes the style of the text it replaces");
	is_str(l.s, "제목 링" ELL, "  ... by value");
	layout_line_free(&l);
	text_free(&t);
}

/* ---- sanitizing -------------------------------------------------------- */

static void test_sanitize(void)
{
	IS_SAN("\x1b[31mred\x1b[0m", "red", "CSI colour removed");
	IS_SAN("a\x1b[2J\x1b[10;5Hb\x1b[Ac\x1b[?1049h", "abc", "cursor moves and modes removed");
	IS_SAN("x\x1b]52;c;SGVsbG8=\x07" "y", "xy", "OSC 52 clipboard write removed");
	IS_SAN("\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\", "link",
	       "OSC 8 hyperlink with ST removed, its text kept");
	IS_SAN("\x1b]0;pwned\x07ok", "ok", "title OSC removed");
	IS_SAN("\x1bPq#0;2;0;0;0#0~~\x1b\\after", "after", "DCS removed");
	IS_SAN("\x1b_apc\x1b\\\x1bXsos\x1b\\\x1b^pm\x1b\\z", "z", "APC, SOS, PM removed");
	IS_SAN("a\x1b", "a", "bare ESC at the end removed");
	IS_SAN("a\x1b한", "a한", "bare ESC before text removed alone");
	IS_SAN("\x1b" "c\x1b(0q\x1b" "7z", "qz", "ESC c (reset), charset switch ESC ( 0, ESC 7 removed");
	IS_SAN("a\xc2\x9b" "31mb", "ab", "8-bit CSI U+009B removed with its sequence");
	IS_SAN("a\xc2\x9d" "0;t\xc2\x9c" "b", "ab", "8-bit OSC ... U+009C removed");
	IS_SAN("a\xc2\x85\xc2\x90\xc2\x9c" "b", "ab", "other C1 controls removed");
	IS_SAN("a\x9b" "31mb", "a\xef\xbf\xbd" "31mb", "a raw 0x9B byte is invalid UTF-8: U+FFFD");
	IS_SAN("a\x07" "b\x08" "c\x7f" "d\x01" "e", "abcde", "BEL, BS, DEL, SOH removed");
	IS_SAN("abc\xe2\x80\xae" "def", "abcdef", "RLO U+202E removed");
	IS_SAN("\xe2\x80\xaa" "a\xe2\x80\xab" "b\xe2\x80\xac" "c\xe2\x80\xad" "d\xe2\x81\xa6" "e\xe2\x81\xa7"
	       "f\xe2\x81\xa8" "g\xe2\x81\xa9" "h\xe2\x80\x8e" "i\xe2\x80\x8f" "j\xd8\x9c" "k",
	       "abcdefghijk", "all bidi embeddings, overrides, isolates and marks removed");
	IS_SAN("\xef\xbb\xbf" "bom\xc2\xad" "shy\xe2\x81\xa0" "wj\xf3\xa0\x80\x81" "tag", "bomshywjtag",
	       "BOM, soft hyphen, word joiner, tags removed");
	IS_SAN("\xff" "a\xc3", "\xef\xbf\xbd" "a\xef\xbf\xbd", "invalid and truncated UTF-8: U+FFFD");
	IS_SAN("a\xe2\x80\xa8" "b", "a b", "U+2028 becomes a space");
	IS_SAN("\x1b]0;never ends\nnext", "\nnext", "an unterminated OSC ends at the line break");

	char *s = sanitized("\xed\xa0\x80", 3);
	size_t k = 0;
	while (strncmp(s + k, "\xef\xbf\xbd", 3) == 0)
		k += 3;
	ok(k > 0 && s[k] == '\0', "encoded surrogate: U+FFFD only");
	free(s);

	static const char nul[] = "a\0b";
	s = sanitized(nul, 3);
	is_str(s, "ab", "NUL removed");
	free(s);

	/* Everything at once through layout_wrap: lines hold only glyphs. */
	static const char evil[] =
		"\x1b[31m빨\x1b[2J간\x1b]52;c;SGVsbG8=\x07 글\xc2\x9b" "5A자\x9b\x1b]8;;x\x1b\\링크"
		"\x1b]8;;\x1b\\ \xe2\x80\xae뒤집기\xe2\x80\xac \x1bP1$r\x1b\\끝\x1b";
	struct text t;
	struct layout_lines ls;
	struct layout_opts o = opts(12, LAYOUT_BREAK_KEEP_ALL, 0, 0);
	text_init(&t);
	text_append(&t, evil, sizeof(evil) - 1, STYLE_PLAIN);
	layout_lines_init(&ls);
	layout_wrap(&t, &o, &ls);
	struct strbuf all;
	strbuf_init(&all);
	for (size_t i = 0; i < ls.n; i++) {
		strbuf_add(&all, ls.v[i].s, ls.v[i].len);
		strbuf_addch(&all, '|');
	}
	is_int(check_lines(&ls, 12, 1, "evil"), 0, "hostile text: every line is clean and fits");
	is_str(all.buf, "빨간|글자\xef\xbf\xbd링크|뒤집기 끝|", "  ... and its visible text survives");
	strbuf_release(&all);
	layout_lines_free(&ls);
	text_free(&t);

	struct layout_line l;
	layout_fit_str(evil, STYLE_PLAIN, 40, 1, &l);
	ok(is_clean(l.s, l.len, 0) && l.width == 40, "hostile text through layout_fit is clean");
	layout_line_free(&l);
}

int main(void)
{
	test_widths();
	test_wrap();
	test_spans();
	test_fit();
	test_sanitize();
	return tap_done();
}
