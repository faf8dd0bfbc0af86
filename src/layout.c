/* layout: the wide-character layout engine (see layout.h).
 *
 * Pipeline: the styled input is sanitized span by span into one clean NFC
 * buffer (so style spans are remapped exactly), split at '\n' into
 * paragraphs, each paragraph is cut into grapheme clusters with their widths
 * in one pass, and lines are filled greedily. ASCII and Hangul syllables, the
 * bulk of the digests, take fast paths everywhere (text made only of them has
 * one code point per cluster and skips the cluster table); libunistring
 * handles the rest (UTF-8 decoding, NFC, UAX #29 clusters, UAX #14 breaks). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <uninorm.h>
#include <unistr.h>

#include "layout.h"
#include "util.h"
#include "width.h"

/* Drawn instead of a cluster wider than the whole line (a wide character at
 * width 1, a 6-column ZWJ family at width 5): drawing it would overflow the
 * line. vim uses '>' for a wide character that does not fit; ASCII keeps it
 * one column whatever the ambiguous width. */
#define OVERSIZE_MARK ">"

/* The mark of text left out (a truncated row, the middle of a long URL).
 * U+2026 is East-Asian ambiguous: a terminal that draws ambiguous characters
 * two columns wide (--ambiguous-width 2) disagrees with ncurses' wcwidth() on
 * it, so there the mark is U+22EF, which everyone counts one column. */
#define ELLIPSIS "\xe2\x80\xa6"       /* U+2026 */
#define ELLIPSIS_NARROW "\xe2\x8b\xaf" /* U+22EF */

static const char *ellipsis(int amb)
{
	return amb == 2 ? ELLIPSIS_NARROW : ELLIPSIS;
}

static const char spaces[] = "                                ";

void layout_opts_init(struct layout_opts *o)
{
	o->width = 80;
	o->ambiguous_width = 1;
	o->line_break = LAYOUT_BREAK_KEEP_ALL;
	o->first_indent = 0;
	o->rest_indent = 0;
}

void layout_lines_init(struct layout_lines *l)
{
	l->v = NULL;
	l->n = l->cap = 0;
}

void layout_line_free(struct layout_line *line)
{
	if (!line->runs_in_s)
		free(line->runs);
	free(line->s);
	memset(line, 0, sizeof(*line));
}

void layout_lines_free(struct layout_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		layout_line_free(&l->v[i]);
	free(l->v);
	layout_lines_init(l);
}

int layout_width(const char *s, size_t len, int ambiguous_width)
{
	return width_str(s, len, ambiguous_width);
}

/* Are the 3 bytes at p a Hangul syllable U+AC00..U+D7A3? */
static inline int hangul3(const uint8_t *p)
{
	/* With both continuation bytes well formed, the encodings of the
	 * syllables are one range of byte triples: EA B0 80 to ED 9E A3. */
	uint32_t v = (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
	return (v & 0xc0c0) == 0x8080 && v - 0xeab080 <= 0xed9ea3 - 0xeab080;
}

/* End of the run at p of printable ASCII and Hangul syllables (the bulk of
 * the digests): text that needs no sanitizing, normalizing or grapheme
 * cluster rules. *nh gets the number of syllables in it. */
static const uint8_t *simple_run(const uint8_t *p, const uint8_t *end, size_t *nh)
{
	size_t h = 0;
	for (;;) {
		while (p < end && (uint8_t)(*p - 0x20) < 0x5f)
			p++;
		const uint8_t *q = p;
		while (end - p >= 3 && hangul3(p))
			p += 3;
		if (p == q)
			break;
		h += (size_t)(p - q) / 3;
	}
	*nh = h;
	return p;
}

/* ------------------------------------------------------------------------
 * Sanitizing
 * ------------------------------------------------------------------------ */

enum esc_state {
	ESC_NONE,
	ESC_ESC,      /* after ESC */
	ESC_NF,       /* ESC + intermediates (charset designations, ...) */
	ESC_CSI,      /* ESC [ or U+009B: up to a final byte */
	ESC_STR,      /* OSC, DCS, SOS, PM, APC: up to BEL or ST */
	ESC_STR_ESC,  /* ESC inside a string: ST if '\' follows */
};

/* Carried from span to span, so a sequence cut by a style boundary is still
 * removed whole. */
struct san {
	enum esc_state esc;
	unsigned col;  /* columns since the last newline, modulo 8: tab stops */
	int cr;        /* last character was CR: a following LF is the same break */
	int other;     /* emitted something but ASCII, Hangul syllables and '\n' */
	int keep_tabs; /* tabs stay: wrapping expands them to the stops of the
			* line they land on */
};

/* Composition partners with combining class 0: they can change under NFC
 * though they look like starters (Indic vowel signs and the like). */
static int nfc_second(ucs4_t c)
{
	switch (c) {
	case 0x09be: case 0x09d7: case 0x0b3e: case 0x0b56: case 0x0b57:
	case 0x0bbe: case 0x0bd7: case 0x0cc2: case 0x0cd5: case 0x0cd6:
	case 0x0d3e: case 0x0d57: case 0x0dcf: case 0x0ddf: case 0x102e:
	case 0x1b35: case 0x11127: case 0x1133e: case 0x11357: case 0x114b0:
	case 0x114ba: case 0x114bd: case 0x115af: case 0x11930:
		return 1;
	}
	return (c >= 0x1161 && c <= 0x1175) || (c >= 0x11a8 && c <= 0x11c2);
}

/* Conservative NFC quick check: 0 only when c cannot change under NFC
 * whatever surrounds it, so most text skips u8_normalize. */
static int needs_nfc(ucs4_t c)
{
	if (c < 0x300)
		return 0;
	if (uc_combining_class(c) != 0 || nfc_second(c))
		return 1;
	ucs4_t d[UC_DECOMPOSITION_MAX_LENGTH];
	return uc_canonical_decomposition(c, d) > 0;
}

static void put_cp(struct strbuf *out, ucs4_t c)
{
	uint8_t b[6];
	int n = u8_uctomb(b, c, sizeof(b));
	if (n > 0)
		strbuf_add(out, b, (size_t)n);
}

/* Feeds c to the escape-sequence recognizer: 1 if it belongs to a sequence
 * (and is dropped), 0 if it is text. Sequences are parsed the way terminals
 * do (ECMA-48), so no remainder of one can act on the terminal. */
static int esc_consume(struct san *st, ucs4_t c)
{
	switch (st->esc) {
	case ESC_NONE:
		return 0;
	case ESC_STR_ESC:
		if (c == '\\') {
			st->esc = ESC_NONE;
			return 1;
		}
		st->esc = ESC_ESC; /* that ESC ends the string and starts anew */
		/* fall through */
	case ESC_ESC:
		st->esc = ESC_NONE;
		if (c == '[') {
			st->esc = ESC_CSI;
			return 1;
		}
		if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_') {
			st->esc = ESC_STR;
			return 1;
		}
		if (c >= 0x20 && c <= 0x2f) {
			st->esc = ESC_NF;
			return 1;
		}
		return c >= 0x30 && c <= 0x7e; /* else a bare ESC: only it goes */
	case ESC_NF:
		if (c >= 0x20 && c <= 0x2f)
			return 1;
		st->esc = ESC_NONE;
		return c >= 0x30 && c <= 0x7e;
	case ESC_CSI:
		if (c >= 0x20 && c <= 0x3f)
			return 1;
		st->esc = ESC_NONE;
		/* Anything but a final byte aborts the sequence and is text. */
		return c >= 0x40 && c <= 0x7e;
	case ESC_STR:
		if (c == 0x1b) {
			st->esc = ESC_STR_ESC;
			return 1;
		}
		if (c == 0x07 || c == 0x9c) {
			st->esc = ESC_NONE;
			return 1;
		}
		/* An unterminated string would swallow the rest of the text:
		 * end it at the line break (and at CAN/SUB, as terminals do). */
		if (c == '\n' || c == '\r' || c == 0x18 || c == 0x1a) {
			st->esc = ESC_NONE;
			return 0;
		}
		return 1;
	}
	return 0;
}

static void san_cp(struct san *st, ucs4_t c, struct strbuf *out, int *nfc)
{
	if (esc_consume(st, c))
		return;
	if (c < 0x20 || c == 0x7f) {
		int was_cr = st->cr;
		st->cr = 0;
		switch (c) {
		case '\n':
			if (!was_cr)
				strbuf_addch(out, '\n');
			st->col = 0;
			break;
		case '\r':
			strbuf_addch(out, '\n');
			st->col = 0;
			st->cr = 1;
			break;
		case '\t':
			if (st->keep_tabs) {
				strbuf_addch(out, '\t');
				st->other = 1;
				break;
			}
			strbuf_add(out, spaces, 8 - st->col);
			st->col = 0;
			break;
		case '\v':
		case '\f':
			strbuf_addch(out, ' ');
			st->col = (st->col + 1) & 7;
			break;
		case 0x1b:
			st->esc = ESC_ESC;
			break;
		default:
			break; /* other C0 controls and DEL: dropped */
		}
		return;
	}
	st->cr = 0;
	if (c < 0xa0) {
		/* C1 controls: dropped; CSI and the string introducers open a
		 * sequence like their ESC forms. */
		if (c == 0x9b)
			st->esc = ESC_CSI;
		else if (c == 0x90 || c == 0x98 || c == 0x9d || c == 0x9e ||
			 c == 0x9f)
			st->esc = ESC_STR;
		return;
	}
	/* U+FE0F asks for emoji presentation: terminals then draw a narrow base
	 * (U+2764) two columns wide while wcwidth() counts one, shifting the
	 * rest of the line. Dropped, the base is drawn as text, one column. */
	if (c == 0xfe0f)
		return;
	if (c != 0x200b && c != 0x200c && c != 0x200d) {
		/* ZWSP (a break opportunity) and ZWJ/ZWNJ (inside clusters) are
		 * the only format characters kept; the others (bidi controls,
		 * BOM, soft hyphen, tags, ...) are invisible and can reorder or
		 * hide text. By category, so more than utf8_unsafe's set, which
		 * tests/unit/test_utf8 checks it drops. */
		uint32_t mask = uc_general_category(c).bitmask;
		if (mask & UC_CATEGORY_MASK_Cf)
			return;
		if (mask & (UC_CATEGORY_MASK_Zl | UC_CATEGORY_MASK_Zp))
			c = ' '; /* wcwidth -1; a line separator is a space here */
		else if (mask & (UC_CATEGORY_MASK_Cn | UC_CATEGORY_MASK_Cs))
			c = 0xfffd; /* unassigned: wcwidth -1, the terminal guesses */
		/* Private use (Co) stays: wcwidth and we both count 1 column,
		 * whatever a font draws there. */
	}
	put_cp(out, c);
	st->other = 1;
	int w = width_cp(c, 1);
	if (w > 0)
		st->col = (st->col + (unsigned)w) & 7;
	if (!*nfc && needs_nfc(c))
		*nfc = 1;
}

/* Sanitizes one piece (a style span) appending to out, then normalizes what
 * it appended when needed. */
static void san_piece(struct san *st, const char *s, size_t len,
		      struct strbuf *out)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + len;
	size_t start = out->len;
	int nfc = 0;
	while (p < end) {
		if (st->esc == ESC_NONE) {
			/* Printable ASCII and Hangul syllables go through as is. */
			size_t nh;
			const uint8_t *q = simple_run(p, end, &nh);
			if (q > p) {
				/* width = bytes - syllables (3 bytes, 2 columns) */
				strbuf_add(out, p, (size_t)(q - p));
				st->col = (st->col + (unsigned)((size_t)(q - p) - nh)) & 7;
				st->cr = 0;
				p = q;
				continue;
			}
		}
		ucs4_t c;
		if (*p < 0x80) {
			c = *p++;
		} else {
			/* Invalid or truncated sequences decode as U+FFFD. */
			int n = u8_mbtouc(&c, p, (size_t)(end - p));
			p += n;
		}
		san_cp(st, c, out, &nfc);
	}
	if (nfc) {
		size_t rn = 0;
		uint8_t *r = u8_normalize(UNINORM_NFC,
					  (const uint8_t *)out->buf + start,
					  out->len - start, NULL, &rn);
		if (r) { /* on allocation failure the text stays unnormalized */
			strbuf_setlen(out, start);
			strbuf_add(out, r, rn);
			free(r);
		}
	}
}

void layout_sanitize(const char *s, size_t len, struct strbuf *out)
{
	struct san st = { ESC_NONE, 0, 0, 0, 0 };
	san_piece(&st, s, len, out);
}

void layout_sanitize_line(const char *s, size_t len, struct strbuf *out)
{
	size_t at = out->len;
	layout_sanitize(s, len, out);
	for (size_t i = at; i < out->len; i++)
		if (out->buf[i] == '\n')
			out->buf[i] = ' ';
}

/* ------------------------------------------------------------------------
 * Clusters, breaks, lines
 * ------------------------------------------------------------------------ */

enum {
	CL_SPACE = 1,  /* exactly one ASCII space */
	CL_ASCII = 2,  /* exactly one ASCII character */
	CL_HANGUL = 4, /* exactly one Hangul syllable */
	CL_ZS = 8,     /* starts with ZWSP or a non-ASCII space: UAX #14 decides */
	CL_OVER = 16,  /* wider than the line: drawn as OVERSIZE_MARK */
	CL_URL = 32,   /* a whole URL (ASCII, one column a byte): never broken,
			* drawn shortened in the middle when wider than its line */
	CL_TAB = 64,   /* a tab (also CL_SPACE): to the next multiple of
			* TAB_STOP columns of its line */
};


struct cluster {
	size_t off;     /* byte offset in the paragraph */
	int w;
	unsigned flags;
};

#define TAB_STOP 8

/* Columns of cluster k when the line holds w columns before it. */
static inline long cluster_w(const struct cluster *c, long w)
{
	return c->flags & CL_TAB ? TAB_STOP - w % TAB_STOP : c->w;
}

struct sspan {
	size_t start, len;
	unsigned style;
};

struct ctx {
	int amb;
	struct strbuf s;            /* the sanitized text */
	struct sspan *sp;           /* its style spans */
	size_t nsp, spcap, spcur;
	struct cluster *cl;         /* clusters of the current paragraph, */
	size_t ncl, clcap;          /* plus a sentinel at ncl */
	char *gb, *lb;              /* grapheme / line break scratch */
	size_t gbcap, lbcap;
	int lb_ok;                  /* lb holds the current paragraph's breaks */
	int simple;                 /* s is only ASCII, Hangul syllables, '\n' */
	struct strbuf line;         /* the line being built */
	struct layout_run *runs;
	size_t nruns, runcap;
	int lw;
	size_t short_k;             /* the URL cluster drawn shortened on the */
	int short_w;                /* line being built (SIZE_MAX: none), in short_w columns */
};

/* Scratch buffers live on between calls, one set per thread: a post is laid
 * out in thousands of calls, and allocating them anew each time cost more
 * than the layout itself. Nothing else is kept: results depend only on the
 * arguments. */
static _Thread_local struct ctx scratch;

static struct ctx *ctx_get(int amb)
{
	struct ctx *x = &scratch;
	if (!x->s.buf) {
		strbuf_init(&x->s);
		strbuf_init(&x->line);
	}
	x->amb = amb == 2 ? 2 : 1;
	strbuf_reset(&x->s);
	x->nsp = x->spcur = x->ncl = x->nruns = 0;
	x->lb_ok = 0;
	x->short_k = SIZE_MAX;
	return x;
}

/* Lets go of buffers that one huge text made huge. */
static void ctx_put(struct ctx *x)
{
	const size_t keep = 1 << 20;
	if (x->s.cap > keep)
		strbuf_release(&x->s);
	if (x->line.cap > keep)
		strbuf_release(&x->line);
	if (x->clcap * sizeof(*x->cl) > keep) {
		free(x->cl);
		x->cl = NULL;
		x->clcap = 0;
	}
	if (x->gbcap > keep) {
		free(x->gb);
		x->gb = NULL;
		x->gbcap = 0;
	}
	if (x->lbcap > keep) {
		free(x->lb);
		x->lb = NULL;
		x->lbcap = 0;
	}
	if (x->spcap * sizeof(*x->sp) > keep) {
		free(x->sp);
		x->sp = NULL;
		x->spcap = 0;
	}
	if (x->runcap * sizeof(*x->runs) > keep) {
		free(x->runs);
		x->runs = NULL;
		x->runcap = 0;
	}
}

static void grow_bytes(char **p, size_t *cap, size_t n)
{
	if (n > *cap) {
		*cap = n + n / 2 + 64;
		*p = xrealloc(*p, *cap);
	}
}

/* Sanitizes each span of `in` on its own into x->s, keeping its style (and
 * its tabs when keep_tabs). */
static void sanitize_text(struct ctx *x, const struct text *in, int keep_tabs)
{
	struct san st = { ESC_NONE, 0, 0, 0, keep_tabs };
	struct text_span whole = { 0, (uint32_t)in->len, STYLE_PLAIN };
	const struct text_span *v = in->nspans ? in->spans : &whole;
	size_t n = in->nspans ? in->nspans : 1;
	x->simple = 1;
	if (!in->s)
		return;
	strbuf_grow(&x->s, in->len);
	for (size_t i = 0; i < n; i++) {
		size_t a = v[i].start, len = v[i].len;
		if (a >= in->len)
			continue;
		if (len > in->len - a)
			len = in->len - a;
		size_t before = x->s.len;
		san_piece(&st, in->s + a, len, &x->s);
		if (x->s.len == before)
			continue;
		if (x->nsp && x->sp[x->nsp - 1].style == v[i].style) {
			x->sp[x->nsp - 1].len = x->s.len - x->sp[x->nsp - 1].start;
		} else {
			ALLOC_GROW(x->sp, x->nsp, x->spcap);
			x->sp[x->nsp++] = (struct sspan){ before, x->s.len - before,
							  v[i].style };
		}
	}
	x->simple = !st.other;
}

/* ZWSP and the Unicode spaces other than no-break ones. */
static int is_break_space(ucs4_t c)
{
	return c == 0x200b || c == 0x1680 || c == 0x205f || c == 0x3000 ||
	       (c >= 0x2000 && c <= 0x200a && c != 0x2007);
}

/* Splits p[0..n) into grapheme clusters with their widths. Clusters wider
 * than maxw (when maxw > 0) become OVERSIZE_MARK. */
static void build_clusters(struct ctx *x, const char *s, size_t n, int maxw)
{
	const uint8_t *p = (const uint8_t *)s;
	int complex = 0;
	if (n + 1 > x->clcap) {
		x->clcap = n + n / 2 + 16;
		x->cl = xrealloc(x->cl, x->clcap * sizeof(*x->cl));
	}
	struct cluster *cl = x->cl;
	size_t k = 0, i = 0;
	while (i < n) {
		uint8_t b = p[i];
		cl[k].off = i;
		if (b < 0x80) {
			cl[k].w = 1;
			cl[k++].flags = b == ' ' ? CL_SPACE | CL_ASCII :
					b == '\t' ? CL_SPACE | CL_TAB : CL_ASCII;
			i++;
			continue;
		}
		if (n - i >= 3 && hangul3(p + i)) {
			cl[k].w = 2;
			cl[k++].flags = CL_HANGUL;
			i += 3;
			continue;
		}
		ucs4_t c;
		int len = u8_mbtouc(&c, p + i, n - i);
		int w = width_cp(c, x->amb);
		cl[k].w = w > 0 ? w : 0;
		cl[k].flags = is_break_space(c) ? CL_ZS : 0;
		k++;
		/* Pairs of GCB=Other code points always break: only text with
		 * something else needs the full UAX #29 rules. */
		if (!complex && uc_graphemeclusterbreak_property(c) != GBP_OTHER)
			complex = 1;
		i += (size_t)len;
	}
	if (complex) {
		grow_bytes(&x->gb, &x->gbcap, n);
		u8_grapheme_breaks(p, n, x->gb);
		size_t m = 0;
		for (size_t j = 0; j < k; j++) {
			if (j == 0 || x->gb[cl[j].off]) {
				cl[m++] = cl[j];
			} else {
				cl[m - 1].w += cl[j].w;
				cl[m - 1].flags &= ~(unsigned)(CL_SPACE | CL_ASCII | CL_HANGUL);
			}
		}
		k = m;
	}
	if (maxw > 0 && (complex || maxw < 2)) {
		for (size_t j = 0; j < k; j++) {
			if (cl[j].w > maxw) {
				cl[j].w = 1;
				cl[j].flags |= CL_OVER;
			}
		}
	}
	cl[k].off = n;
	cl[k].w = 0;
	cl[k].flags = 0;
	x->ncl = k;
}

/* UAX #14 says a line may break before byte off of the paragraph p[0..n). */
static int uax14_break(struct ctx *x, const char *p, size_t n, size_t off)
{
	if (!x->lb_ok) {
		grow_bytes(&x->lb, &x->lbcap, n);
		u8_possible_linebreaks((const uint8_t *)p, n, "UTF-8", x->lb);
		x->lb_ok = 1;
	}
	return x->lb[off] == UC_BREAK_POSSIBLE ||
	       x->lb[off] == UC_BREAK_HYPHENATION;
}

/* ------------------------------------------------------------------------
 * Korean typography on top of UAX #14: numbers kept with their counters,
 * punctuation kept off the wrong end of a line, URLs kept whole.
 * ------------------------------------------------------------------------ */

/* UTF-8 of the native numerals and quantity words that a counter follows
 * ("두 가지", "여러 차례"), and of the counters and units themselves. */
struct word {
	const char *s;
	unsigned char len;
};
#define W(x) { x, sizeof(x) - 1 }
static const struct word numeral_words[] = {
	W("한"), W("두"), W("세"), W("네"), W("다섯"), W("여섯"), W("일곱"),
	W("여덟"), W("아홉"), W("열"), W("스무"), W("몇"), W("여러"), W("수십"),
	W("수백"), W("수천"), W("수만"), W("수억"),
};
static const struct word counter_words[] = {
	W("가지"), W("개"), W("명"), W("번"), W("배"), W("단계"), W("차례"),
	W("차원"), W("종"), W("년"), W("개월"), W("달"), W("주"), W("일"),
	W("시간"), W("분"), W("초"), W("회"), W("권"), W("장"), W("건"), W("편"),
	W("곳"), W("줄"), W("층"), W("쌍"), W("점"), W("위"), W("세대"), W("대"),
	W("쪽"), W("축"), W("샷"), W("에폭"), W("토큰"), W("파라미터"),
	W("매개변수"), W("퍼센트"), W("만"), W("억"), W("천"), W("조"),
};
/* Magnitudes written after digits: "3070만", "70억". */
static const struct word magnitude_syllables[] = {
	W("만"), W("억"), W("천"), W("조"), W("백"), W("십"), W("여"),
};
#undef W

/* Is the Hangul syllable at p (3 bytes) the last of a numeral or a
 * magnitude above: 한 두 세 네 섯 곱 덟 홉 열 무 몇 러 십 백 천 만 억 조 여? */
static int is_number_end(const uint8_t *p)
{
	if (!hangul3(p))
		return 0;
	uint32_t c = (uint32_t)(p[0] & 0x0f) << 12 | (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
	switch (c) {
	case 0xd55c: case 0xb450: case 0xc138: case 0xb124: case 0xc12f:
	case 0xacf1: case 0xb35f: case 0xd649: case 0xc5f4: case 0xbb34:
	case 0xba87: case 0xb7ec: case 0xc2ed: case 0xbc31: case 0xcc9c:
	case 0xb9cc: case 0xc5b5: case 0xc870: case 0xc5ec:
		return 1;
	}
	return 0;
}

/* Is w[0, len) one of v (or, with prefix, does it start with one)? */
static int word_in(const uint8_t *w, size_t len, const struct word *v, size_t nv,
		   int prefix)
{
	if (len < 3)
		return 0;
	for (size_t i = 0; i < nv; i++) {
		size_t k = v[i].len;
		/* The last byte of a syllable tells most apart at once. */
		if ((prefix ? len >= k : len == k) && w[2] == (uint8_t)v[i].s[2] &&
		    !memcmp(w, v[i].s, k))
			return 1;
	}
	return 0;
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Is u[s, e) a number: digits (with , and .) and maybe magnitudes, or a
 * native numeral? */
static int is_number_word(const uint8_t *u, size_t s, size_t e)
{
	if (s >= e)
		return 0;
	if (u[s] >= '0' && u[s] <= '9') {
		while (s < e && ((u[s] >= '0' && u[s] <= '9') || u[s] == ',' || u[s] == '.'))
			s++;
		while (e - s >= 3 && word_in(u + s, 3, magnitude_syllables,
					      NELEM(magnitude_syllables), 0))
			s += 3;
		return s == e;
	}
	/* Every numeral is one or two syllables: most words stop here. */
	if (e - s != 3 && e - s != 6)
		return 0;
	return word_in(u + s, e - s, numeral_words, NELEM(numeral_words), 0);
}

/* Is the run of spaces u[a, b) of the paragraph u[0, n) the space between a
 * number and its counter ("두 가지", "3070만 개의")? Such a space is no break
 * opportunity while the two fit on a line (the forced cut may still take
 * it). */
static int glued_space(const uint8_t *u, size_t n, size_t a, size_t b)
{
	/* Most words end in no digit and no numeral's last syllable: they
	 * are turned away before anything else is looked at (so is "50,":
	 * punctuation ends the number's phrase). */
	if (!(a > 0 && u[a - 1] >= '0' && u[a - 1] <= '9') &&
	    !(a >= 3 && is_number_end(u + a - 3)))
		return 0;
	/* A number word is short (numerals: two syllables at most). */
	size_t s = a;
	while (s > 0 && u[s - 1] != ' ' && a - s <= 24)
		s--;
	if ((s > 0 && u[s - 1] != ' ') || !is_number_word(u, s, a))
		return 0;
	/* A counter holds no space: its bytes cannot match across one. */
	return word_in(u + b, n - b, counter_words, NELEM(counter_words), 1);
}

/* Closing punctuation (UAX #14 CL, CP, EX, IS and the like): no line starts
 * with it. */
static int is_closing(ucs4_t c)
{
	if (c < 0x80)
		return c && strchr(")]}%,.!?:;", (int)c) != NULL;
	switch (c) {
	case 0x2019: case 0x201d: case 0x3001: case 0x3002: case 0x3009:
	case 0x300b: case 0x300d: case 0x300f: case 0x3011: case 0x3015:
	case 0x3017: case 0x3019: case 0x301b: case 0xff01: case 0xff05:
	case 0xff09: case 0xff0c: case 0xff0e: case 0xff1a: case 0xff1b:
	case 0xff1f: case 0xff3d: case 0xff5d: case 0xff60: case 0xff61:
	case 0xff63: case 0xff64:
		return 1;
	}
	return 0;
}

/* Opening punctuation (OP, opening quotes): no line ends with it. */
static int is_opening(ucs4_t c)
{
	if (c < 0x80)
		return c == '(' || c == '[' || c == '{';
	switch (c) {
	case 0x2018: case 0x201c: case 0x3008: case 0x300a: case 0x300c:
	case 0x300e: case 0x3010: case 0x3014: case 0x3016: case 0x3018:
	case 0x301a: case 0xff08: case 0xff3b: case 0xff5b: case 0xff5f:
	case 0xff62:
		return 1;
	}
	return 0;
}

/* First code point of cluster k of paragraph p. */
static ucs4_t cluster_cp(const struct ctx *x, const char *p, size_t k)
{
	const uint8_t *u = (const uint8_t *)p + x->cl[k].off;
	if (*u < 0x80)
		return *u;
	ucs4_t c;
	u8_mbtouc(&c, u, x->cl[k + 1].off - x->cl[k].off);
	return c;
}

static int is_hangul_cp(ucs4_t c)
{
	return c >= 0xac00 && c <= 0xd7a3;
}

/* A cut before cluster j leaves no closing punctuation first on the next
 * line and no opening punctuation last on this one. */
static int cut_ok(const struct ctx *x, const char *p, size_t j)
{
	return !is_closing(cluster_cp(x, p, j)) && !is_opening(cluster_cp(x, p, j - 1));
}

/* A cut before cluster j would part a Korean particle from its host: a
 * syllable right after a Latin letter, a digit or closing punctuation
 * ("(CultureBench)를", "LLM의"). */
static int parts_particle(const struct ctx *x, const char *p, size_t j)
{
	ucs4_t a = cluster_cp(x, p, j - 1), b = cluster_cp(x, p, j);
	return is_hangul_cp(b) && !is_hangul_cp(a) && !(x->cl[j - 1].flags & (CL_SPACE | CL_ZS));
}

/* Where to cut a token wider than the line, of which clusters [fc, i) fit
 * (i > fc): the last cut, in this order of preference, that (1) takes a
 * space keep-all kept (a number and its counter), (2) is a UAX #14
 * opportunity inside the token (after '-' or '/', before '(') that splits no
 * Hangul word and no particle, first one right after a Hangul word, (3) is
 * anywhere but before a particle, (4) is
 * anywhere — each leaving no closing punctuation first and no opening
 * punctuation last; else at i. */
static size_t forced_cut(struct ctx *x, const char *p, size_t n, size_t fc,
			 size_t i)
{
	const struct cluster *cl = x->cl;
	size_t j;
	for (j = i; j > fc; j--)
		if ((cl[j - 1].flags & CL_SPACE) && !(cl[j].flags & CL_SPACE) &&
		    cut_ok(x, p, j))
			return j;
	/* Right after a Hangul word first ("벤치마크" / "(CultureBench)를"):
	 * that keeps both the word and what follows it whole. */
	for (int after_hangul = 1; after_hangul >= 0; after_hangul--)
		for (j = i; j > fc; j--) {
			if (!uax14_break(x, p, n, cl[j].off) || !cut_ok(x, p, j) ||
			    parts_particle(x, p, j))
				continue;
			int ha = is_hangul_cp(cluster_cp(x, p, j - 1));
			int hb = is_hangul_cp(cluster_cp(x, p, j));
			if ((ha && hb) || (after_hangul && !ha))
				continue;
			return j;
		}
	for (j = i; j > fc; j--)
		if (cut_ok(x, p, j) && !parts_particle(x, p, j))
			return j;
	for (j = i; j > fc; j--)
		if (cut_ok(x, p, j))
			return j;
	return i;
}

/* ---- URLs -------------------------------------------------------------- */

static int url_char(uint8_t b)
{
	return b > 0x20 && b < 0x7f && !strchr("<>\"`{}|\\^", b);
}

/* End of the URL starting at byte i of p[0, n), or i when none starts there:
 * "http://" or "https://", then URL characters, less trailing punctuation
 * and unbalanced closing brackets (which belong to the sentence). */
static size_t url_end(const uint8_t *p, size_t n, size_t i)
{
	size_t k = i;
	if (i > 0 && (isalnum(p[i - 1]) || p[i - 1] == '/'))
		return i;
	if (n - i >= 8 && !strncasecmp((const char *)p + i, "https://", 8))
		k = i + 8;
	else if (n - i >= 7 && !strncasecmp((const char *)p + i, "http://", 7))
		k = i + 7;
	else
		return i;
	size_t host = k;
	while (k < n && url_char(p[k]))
		k++;
	for (;;) {
		if (k <= host)
			return i;
		uint8_t c = p[k - 1];
		if (strchr(".,;:!?'*_", c)) {
			k--;
			continue;
		}
		if (c == ')' || c == ']') {
			uint8_t o = c == ')' ? '(' : '[';
			long depth = 0;
			for (size_t t = host; t < k; t++)
				depth += (p[t] == o) - (p[t] == c);
			if (depth < 0) {
				k--;
				continue;
			}
		}
		break;
	}
	return k;
}

/* Makes each URL of the paragraph one cluster (CL_URL), so that no break
 * falls inside it. Only URLs made of one-byte clusters are taken (an ASCII
 * letter with a combining mark ends the URL). */
/* Does p[0, n) hold "://"? (memchr is faster than memmem here.) */
static int has_scheme_sep(const uint8_t *p, size_t n)
{
	const uint8_t *c = p, *end = p + n;
	while (end - c >= 3 && (c = memchr(c, ':', (size_t)(end - c - 2))))
		if (c[1] == '/' && c[2] == '/')
			return 1;
		else
			c++;
	return 0;
}

static void merge_urls(struct ctx *x, const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s;
	if (n < 8 || !has_scheme_sep(p, n))
		return;
	struct cluster *cl = x->cl;
	size_t m = 0, k = 0, ncl = x->ncl;
	while (k < ncl) {
		size_t off = cl[k].off, e;
		if ((p[off] | 0x20) == 'h' && (cl[k].flags & CL_ASCII) &&
		    (e = url_end(p, n, off)) > off) {
			size_t k2 = k;
			while (k2 < ncl && cl[k2].off < e && (cl[k2].flags & CL_ASCII) &&
			       cl[k2 + 1].off - cl[k2].off == 1)
				k2++;
			if (k2 - k >= 8) {
				cl[m].off = off;
				cl[m].w = (int)(k2 - k);
				cl[m++].flags = CL_URL;
				k = k2;
				continue;
			}
		}
		cl[m++] = cl[k++];
	}
	cl[m] = cl[ncl];
	x->ncl = m;
}

/* The URL u[0, len) shortened to at most `target` columns around an
 * ellipsis of one column: u[0, *head) + ellipsis + u[*tail, len). Whole
 * path segments are kept when the scheme and host and the last segment fit
 * ("https://www.alphaxiv.org/ko/…/2510.25602"), else the start and the end
 * share the room. */
static void url_shorten(const char *u, size_t len, int target, size_t *head,
			size_t *tail)
{
	size_t room = target > 1 ? (size_t)target - 1 : 0;
	const char *sep = memmem(u, len, "://", 3);
	size_t host_end = len, last = len;
	if (sep) {
		const char *h = memchr(sep + 3, '/', len - (size_t)(sep + 3 - u));
		if (h)
			host_end = (size_t)(h - u) + 1;
	}
	size_t end = len;
	if (end > 0 && u[end - 1] == '/')
		end--;
	for (size_t k = end; k > 0; k--)
		if (u[k - 1] == '/') {
			last = k - 1;
			break;
		}
	if (host_end < len && last != len && last + 1 > host_end &&
	    host_end + (len - last) <= room) {
		size_t h = host_end;
		for (size_t k = host_end; k <= last; k++)
			if (u[k] == '/' && k + 1 + (len - last) <= room)
				h = k + 1;
		*head = h;
		*tail = last;
		return;
	}
	/* The end tells URLs apart best (an arXiv ID): it gets its last
	 * segment when that leaves the start a third of the room. */
	size_t t = room / 2;
	if (last != len && len - last > t && 3 * (len - last) <= 2 * room)
		t = len - last;
	*head = room - t;
	*tail = len - t;
}

/* UAX #14 line break classes of ASCII that matter around a space. */
enum { LBX_OTHER, LBX_OP, LBX_CLOSE, LBX_QU };

static int ascii_lbclass(uint8_t b)
{
	switch (b) {
	case '(': case '[': case '{':
		return LBX_OP;
	/* CL, CP, EX, IS, SY: no break before them even after spaces (LB13). */
	case ')': case ']': case '}': case '!': case '?': case ',': case '.':
	case ':': case ';': case '/':
		return LBX_CLOSE;
	case '"': case '\'':
		return LBX_QU;
	}
	return LBX_OTHER;
}

/* glued_space for the spaces before cluster j (which follows a space). */
static int glued_at(const struct ctx *x, const char *p, size_t n, size_t j)
{
	size_t k = j - 1;
	while (k > 0 && (x->cl[k].flags & CL_SPACE))
		k--;
	return !(x->cl[k].flags & CL_SPACE) &&
	       glued_space((const uint8_t *)p, n, x->cl[k + 1].off, x->cl[j].off);
}

/* May a line break before cluster j (j > 0) of paragraph p[0..n)?
 * KEEP_ALL (CSS word-break: keep-all) keeps only UAX #14's opportunities
 * after spaces (also ZWSP and other Unicode spaces): never inside a word, so
 * Hangul words and compounds such as "Vision-Language" stay whole; a word
 * wider than the line is cut by cluster instead. For spaces between ASCII and Hangul,
 * UAX #14 reduces to rules LB13-LB15 and LB18, decided here without building
 * the paragraph's break table. */
static int may_break(struct ctx *x, const char *p, size_t n, size_t j,
		     enum layout_break mode)
{
	const struct cluster *cl = x->cl;
	const uint8_t *u = (const uint8_t *)p;
	unsigned f = cl[j].flags, pf = cl[j - 1].flags;
	if (mode == LAYOUT_BREAK_NORMAL)
		return !(f & CL_SPACE) && uax14_break(x, p, n, cl[j].off) &&
		       !((pf & CL_SPACE) && glued_at(x, p, n, j));
	if (f & CL_SPACE)
		return 0;
	if (pf & CL_SPACE) {
		size_t k = j - 1;
		while (k > 0 && (cl[k].flags & CL_SPACE))
			k--;
		if (!(cl[k].flags & CL_SPACE) && glued_space(u, n, cl[k + 1].off, cl[j].off))
			return 0;
		unsigned xf = cl[k].flags;
		const unsigned known = CL_ASCII | CL_HANGUL;
		if (!(xf & CL_SPACE) && (xf & known) && (f & known)) {
			int X = xf & CL_ASCII ? ascii_lbclass(u[cl[k].off]) : LBX_OTHER;
			int Y = f & CL_ASCII ? ascii_lbclass(u[cl[j].off]) : LBX_OTHER;
			if (Y == LBX_CLOSE || X == LBX_OP)
				return 0;                       /* LB13, LB14 */
			return !(X == LBX_QU && Y == LBX_OP);   /* LB15, LB18 */
		}
		return uax14_break(x, p, n, cl[j].off);
	}
	if (pf & CL_ZS)
		return uax14_break(x, p, n, cl[j].off);
	return 0;
}

static void line_reset(struct ctx *x)
{
	strbuf_reset(&x->line);
	x->nruns = 0;
	x->lw = 0;
}

static void line_add(struct ctx *x, const char *s, size_t n, int w,
		     unsigned style)
{
	if (!n)
		return;
	struct layout_run *r = x->nruns ? &x->runs[x->nruns - 1] : NULL;
	if (r && r->style == style) {
		r->len += n;
		r->width += w;
	} else {
		ALLOC_GROW(x->runs, x->nruns, x->runcap);
		x->runs[x->nruns++] = (struct layout_run){ x->line.len, n, w, style };
	}
	strbuf_add(&x->line, s, n);
	x->lw += w;
}

static void line_pad(struct ctx *x, long n, unsigned style)
{
	while (n > 0) {
		long k = n < (long)sizeof(spaces) - 1 ? n : (long)sizeof(spaces) - 1;
		line_add(x, spaces, (size_t)k, (int)k, style);
		n -= k;
	}
}

static void line_finish(struct ctx *x, int indent, struct layout_line *l)
{
	/* One allocation for the text and its runs (after it, aligned): a
	 * --dump of the archive makes millions of lines. */
	size_t at = (x->line.len + 1 + _Alignof(struct layout_run) - 1) &
		    ~(_Alignof(struct layout_run) - 1);
	l->len = x->line.len;
	l->s = xmalloc(at + x->nruns * sizeof(*l->runs));
	memcpy(l->s, x->line.buf, l->len);
	l->s[l->len] = '\0';
	l->indent = indent;
	l->width = x->lw;
	l->nruns = x->nruns;
	l->runs = NULL;
	l->runs_in_s = 0;
	if (x->nruns) {
		l->runs = (struct layout_run *)(void *)(l->s + at);
		l->runs_in_s = 1;
		memcpy(l->runs, x->runs, x->nruns * sizeof(*l->runs));
	}
}

static void line_add_simple(struct ctx *x, size_t a, size_t b);

/* Appends clusters [a, b) of the paragraph starting at byte pstart of x->s,
 * one run per style. A cluster takes the style of the span it starts in. */
static void line_add_clusters(struct ctx *x, size_t pstart, size_t a, size_t b)
{
	const struct cluster *cl = x->cl;
	size_t k = a;
	while (k < b) {
		size_t g = pstart + cl[k].off;
		while (x->spcur + 1 < x->nsp &&
		       x->sp[x->spcur].start + x->sp[x->spcur].len <= g)
			x->spcur++;
		const struct sspan *sp = &x->sp[x->spcur];
		size_t send = sp->start + sp->len;
		if (cl[k].flags & CL_OVER) {
			line_add(x, OVERSIZE_MARK, 1, 1, sp->style);
			k++;
			continue;
		}
		if (cl[k].flags & CL_TAB) {
			line_pad(x, cluster_w(&cl[k], x->lw), sp->style);
			k++;
			continue;
		}
		if ((cl[k].flags & CL_URL) && k != x->short_k) {
			/* One byte a column; the spans inside keep their styles,
			 * as on the fast path. */
			line_add_simple(x, g, g + (cl[k + 1].off - cl[k].off));
			k++;
			continue;
		}
		if (k == x->short_k) {
			/* A URL is one byte a column. */
			size_t len = cl[k + 1].off - cl[k].off, h, t;
			const char *ell = ellipsis(x->amb);
			url_shorten(x->s.buf + g, len, x->short_w, &h, &t);
			line_add(x, x->s.buf + g, h, (int)h, sp->style);
			line_add(x, ell, strlen(ell), 1, sp->style);
			line_add(x, x->s.buf + g + t, len - t, (int)(len - t), sp->style);
			k++;
			continue;
		}
		size_t k2 = k;
		int w = 0;
		while (k2 < b && pstart + cl[k2].off < send &&
		       !(cl[k2].flags & (CL_OVER | CL_TAB | CL_URL)) && k2 != x->short_k)
			w += cl[k2++].w;
		line_add(x, x->s.buf + g, cl[k2].off - cl[k].off, w, sp->style);
		k = k2;
	}
}

static struct layout_line *new_line(struct layout_lines *out)
{
	ALLOC_GROW(out->v, out->n, out->cap);
	return &out->v[out->n++];
}

/* Columns a URL's line keeps for what is glued after it: closing
 * punctuation and a Korean particle ("(https://…)에서"). */
#define URL_TAIL_MAX 8

/* The URL cluster u of a line that cannot move it to the next one (it is
 * first, or glued to opening punctuation before it), with `before` columns
 * of the line before it: draws it shortened so that it fits with the
 * closing punctuation and particle glued after it. Returns the end of the
 * line's clusters, or 0 when nothing can be done that way. */
static size_t url_fit(struct ctx *x, const char *p, size_t u, long before,
		      long avail)
{
	const struct cluster *cl = x->cl;
	size_t k = u + 1;
	long tw = 0;
	while (k < x->ncl && !(cl[k].flags & (CL_SPACE | CL_ZS | CL_URL)) &&
	       (is_closing(cluster_cp(x, p, k)) || is_hangul_cp(cluster_cp(x, p, k))) &&
	       tw + cl[k].w <= URL_TAIL_MAX && tw + cl[k].w + 1 <= avail - before)
		tw += cl[k++].w;
	long target = avail - before - tw;
	if (target < 1)
		return 0;
	if (cl[u].w > target) {
		x->short_k = u;
		x->short_w = (int)target;
	}
	return k;
}

/* Wraps the paragraph x->s[pstart, pstart+n) (no '\n' inside). */
static void wrap_para(struct ctx *x, size_t pstart, size_t n,
		      const struct layout_opts *o, int W, int *first,
		      struct layout_lines *out)
{
	const char *p = x->s.buf + pstart;
	build_clusters(x, p, n, W);
	merge_urls(x, p, n);
	x->lb_ok = 0;
	const struct cluster *cl = x->cl;
	size_t m = x->ncl, pos = 0;
	int para_start = 1;
	do {
		if (!para_start)
			while (pos < m && (cl[pos].flags & CL_SPACE))
				pos++;
		if (pos >= m && !para_start)
			break;
		/* Clamp the indent so that the first cluster fits (a URL
		 * shortens instead). */
		int indent = *first ? o->first_indent : o->rest_indent;
		int cw = pos < m && cl[pos].w > 1 && !(cl[pos].flags & CL_URL) ? cl[pos].w : 1;
		if (indent > W - cw)
			indent = W - cw;
		if (indent < 0)
			indent = 0;
		long avail = W - indent, w = 0;
		size_t i = pos, fc = pos, end = 0, next;
		while (fc < m && (cl[fc].flags & CL_SPACE))
			fc++;
		/* Spaces never overflow: trailing ones are dropped at a break. */
		while (i < m && ((cl[i].flags & CL_SPACE) || w + cl[i].w <= avail))
			w += cluster_w(&cl[i++], w);
		x->short_k = SIZE_MAX;
		if (i == m) {
			end = next = m;
		} else {
			size_t j = i;
			while (j > fc && !may_break(x, p, n, j, o->line_break))
				j--;
			if (j > fc) {
				end = next = j;       /* at a break opportunity */
			} else {
				/* The token at fc is wider than the line. Is
				 * it (or does it end in) a URL? */
				size_t u = i;
				long before = w;
				while (u > fc && !(cl[u].flags & CL_URL) &&
				       is_closing(cluster_cp(x, p, u)))
					before -= cl[--u].w;
				if (cl[u].flags & CL_URL) {
					/* It gets a line of its own, with the
					 * opening punctuation before it. */
					size_t v = u;
					while (v > fc && is_opening(cluster_cp(x, p, v - 1)))
						v--;
					if (v > fc && cut_ok(x, p, v))
						end = v;
					else
						end = url_fit(x, p, u, before, avail);
				}
				if (end) {
					next = end;
				} else if (i > fc) {
					end = next = forced_cut(x, p, n, fc, i);
				} else {
					pos = i;      /* leading spaces push the first */
					para_start = 0; /* cluster out: drop them */
					continue;
				}
			}
		}
		while (end > pos && (cl[end - 1].flags & CL_SPACE))
			end--;
		line_reset(x);
		line_add_clusters(x, pstart, pos, end);
		line_finish(x, indent, new_line(out));
		x->short_k = SIZE_MAX;
		*first = 0;
		para_start = 0;
		pos = next;
	} while (pos < m);
}

/* The same, for simple text (x->simple: ASCII and Hangul syllables only)
 * at widths >= 2, where clusters are code points and need no table: a byte
 * below 0x80 is a 1-column cluster, a lead byte starts a 3-byte, 2-column
 * syllable. Most text takes this path; it must give what wrap_para gives. */


/* Columns of 8 bytes of simple text (which may start or end inside a
 * syllable: its lead byte counts 2, the others 0). */
static inline long width8(uint64_t v)
{
	const uint64_t ones = 0x0101010101010101ull;
	uint64_t hi = (v >> 7) & ones;   /* non-ASCII bytes */
	uint64_t lead = hi & (v >> 6);   /* 11xxxxxx: lead bytes */
	return 8 - (long)((hi * ones) >> 56) + 2 * (long)((lead * ones) >> 56);
}

static long simple_width(const uint8_t *p, size_t n)
{
	long w = 0;
	size_t i = 0;
	for (; n - i >= 8; i += 8) {
		uint64_t v;
		memcpy(&v, p + i, 8);
		w += width8(v);
	}
	for (; i < n; i++)
		w += (p[i] < 0x80) + 2 * (p[i] >= 0xc0);
	return w;
}

static int may_break_simple(struct ctx *x, const uint8_t *u, size_t n, size_t j,
			    enum layout_break mode)
{
	if (u[j] == ' ')
		return 0;
	if (mode == LAYOUT_BREAK_NORMAL) {
		if (!uax14_break(x, (const char *)u, n, j))
			return 0;
		if (u[j - 1] != ' ')
			return 1;
		size_t k = j - 1;
		while (k > 0 && u[k] == ' ')
			k--;
		return u[k] == ' ' || !glued_space(u, n, k + 1, j);
	}
	size_t pj = u[j - 1] < 0x80 ? j - 1 : j - 3;
	if (u[pj] == ' ') {
		size_t k = pj;
		while (k > 0 && u[k] == ' ')
			k--;
		if (u[k] == ' ')
			return uax14_break(x, (const char *)u, n, j);
		if (glued_space(u, n, k + 1, j))
			return 0;
		/* u[k] is X's last byte: a continuation byte for Hangul. */
		int X = u[k] < 0x80 ? ascii_lbclass(u[k]) : LBX_OTHER;
		int Y = u[j] < 0x80 ? ascii_lbclass(u[j]) : LBX_OTHER;
		if (Y == LBX_CLOSE || X == LBX_OP)
			return 0;
		return !(X == LBX_QU && Y == LBX_OP);
	}
	return 0;
}

static void line_add_simple(struct ctx *x, size_t a, size_t b)
{
	while (a < b) {
		while (x->spcur + 1 < x->nsp &&
		       x->sp[x->spcur].start + x->sp[x->spcur].len <= a)
			x->spcur++;
		const struct sspan *sp = &x->sp[x->spcur];
		size_t e = sp->start + sp->len < b ? sp->start + sp->len : b;
		line_add(x, x->s.buf + a, e - a,
			 (int)simple_width((const uint8_t *)x->s.buf + a, e - a),
			 sp->style);
		a = e;
	}
}

/* Returns -1, having perhaps added lines, when the paragraph needs the
 * general path after all: a word wider than the line, or a URL in normal
 * mode (keep-all never breaks inside one: it has no space). */
static int wrap_para_simple(struct ctx *x, size_t pstart, size_t n,
			    const struct layout_opts *o, int W, int *first,
			    struct layout_lines *out)
{
	const uint8_t *u = (const uint8_t *)x->s.buf + pstart;
	if (o->line_break == LAYOUT_BREAK_NORMAL && n >= 8 && has_scheme_sep(u, n))
		return -1;
	x->lb_ok = 0;
	size_t pos = 0;
	int para_start = 1;
	do {
		if (!para_start)
			while (pos < n && u[pos] == ' ')
				pos++;
		if (pos >= n && !para_start)
			break;
		int indent = *first ? o->first_indent : o->rest_indent;
		int cw = pos < n && u[pos] >= 0x80 ? 2 : 1;
		if (indent > W - cw)
			indent = W - cw;
		if (indent < 0)
			indent = 0;
		long avail = W - indent, w = 0;
		size_t i = pos, fc = pos, end, next;
		while (fc < n && u[fc] == ' ')
			fc++;
		/* 8 bytes at a time while they surely fit, then byte by byte:
		 * continuation bytes weigh 0, lead bytes 2. */
		while (n - i >= 8) {
			uint64_t v;
			memcpy(&v, u + i, 8);
			long t8 = width8(v);
			if (w + t8 > avail)
				break;
			w += t8;
			i += 8;
		}
		while (i < n) {
			uint8_t b = u[i];
			long t = (b < 0x80) + 2 * (b >= 0xc0);
			if (w + t > avail && t && b != ' ')
				break;
			w += t;
			i++;
		}
		if (i == n) {
			end = next = n;
		} else {
			size_t j = i;
			while (j > fc && !may_break_simple(x, u, n, j, o->line_break))
				j -= u[j - 1] < 0x80 ? 1 : 3;
			if (j > fc) {
				end = next = j;
			} else if (i > fc) {
				return -1;
			} else {
				pos = i;
				para_start = 0;
				continue;
			}
		}
		while (end > pos && u[end - 1] == ' ')
			end--;
		line_reset(x);
		line_add_simple(x, pstart + pos, pstart + end);
		line_finish(x, indent, new_line(out));
		*first = 0;
		para_start = 0;
		pos = next;
	} while (pos < n);
	return 0;
}

void layout_wrap(const struct text *in, const struct layout_opts *o,
		 struct layout_lines *out)
{
	int W = o->width;
	if (W < 1)
		return; /* nothing fits in no columns */
	struct ctx *x = ctx_get(o->ambiguous_width);
	sanitize_text(x, in, 1);
	int first = 1;
	size_t at = 0;
	while (x->s.len) {
		const char *nl = memchr(x->s.buf + at, '\n', x->s.len - at);
		size_t end = nl ? (size_t)(nl - x->s.buf) : x->s.len;
		size_t n0 = out->n, spcur0 = x->spcur;
		int first0 = first;
		if (!x->simple || W < 2 ||
		    wrap_para_simple(x, at, end - at, o, W, &first, out) < 0) {
			/* Undone, span cursor included. */
			while (out->n > n0)
				layout_line_free(&out->v[--out->n]);
			first = first0;
			x->spcur = spcur0;
			wrap_para(x, at, end - at, o, W, &first, out);
		}
		if (!nl)
			break;
		at = end + 1;
	}
	ctx_put(x);
}

void layout_fit(const struct text *in, int width, int ambiguous_width,
		struct layout_line *out)
{
	memset(out, 0, sizeof(*out));
	if (width <= 0) {
		out->s = xstrdup("");
		return;
	}
	struct ctx *x = ctx_get(ambiguous_width);
	sanitize_text(x, in, 0);
	for (size_t i = 0; i < x->s.len; i++)
		if (x->s.buf[i] == '\n')
			x->s.buf[i] = ' ';
	build_clusters(x, x->s.buf, x->s.len, 0);
	size_t m = x->ncl, k = 0;
	long total = 0, acc = 0;
	for (size_t i = 0; i < m; i++)
		total += x->cl[i].w;
	line_reset(x);
	if (total <= width) {
		line_add_clusters(x, 0, 0, m);
		line_pad(x, width - total, STYLE_PLAIN);
	} else {
		const char *ell = ellipsis(x->amb);
		int ew = 1;
		if (ew > width) {
			ell = OVERSIZE_MARK;
			ew = 1;
		}
		/* Keep what fits before the ellipsis; a wide character that
		 * would straddle its column is replaced by a space. */
		long limit = width - ew;
		while (k < m && acc + x->cl[k].w <= limit)
			acc += x->cl[k++].w;
		line_add_clusters(x, 0, 0, k);
		line_pad(x, limit - acc, STYLE_PLAIN);
		while (x->spcur + 1 < x->nsp &&
		       x->sp[x->spcur].start + x->sp[x->spcur].len <= x->cl[k].off)
			x->spcur++;
		line_add(x, ell, strlen(ell), ew, x->sp[x->spcur].style);
	}
	line_finish(x, 0, out);
	ctx_put(x);
}

void layout_fit_str(const char *s, unsigned style, int width,
		    int ambiguous_width, struct layout_line *out)
{
	if (!s)
		s = "";
	size_t n = strlen(s);
	struct text_span sp = { 0, (uint32_t)(n < TEXT_MAX ? n : TEXT_MAX), style };
	struct text t = { .s = (char *)s, .len = sp.len, .spans = &sp, .nspans = 1,
			  .spans_cap = 1 };
	layout_fit(&t, width, ambiguous_width, out);
}
