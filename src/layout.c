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
#include <string.h>

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

#define ELLIPSIS "\xe2\x80\xa6" /* U+2026, East-Asian ambiguous */

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
	free(line->s);
	free(line->runs);
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
	uint32_t v = (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
	uint32_t c = (v >> 4 & 0xf000) | (v >> 2 & 0x0fc0) | (v & 0x3f);
	return (v & 0xf0c0c0) == 0xe08080 && c - 0xac00 < 11172;
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
		 * hide text. */
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
	struct san st = { ESC_NONE, 0, 0, 0 };
	san_piece(&st, s, len, out);
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
};

struct cluster {
	size_t off;     /* byte offset in the paragraph */
	int w;
	unsigned flags;
};

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

/* Sanitizes each span of `in` on its own into x->s, keeping its style. */
static void sanitize_text(struct ctx *x, const struct text *in)
{
	struct san st = { ESC_NONE, 0, 0, 0 };
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
			cl[k++].flags = b == ' ' ? CL_SPACE | CL_ASCII : CL_ASCII;
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
		return !(f & CL_SPACE) && uax14_break(x, p, n, cl[j].off);
	if (f & CL_SPACE)
		return 0;
	if (pf & CL_SPACE) {
		size_t k = j - 1;
		while (k > 0 && (cl[k].flags & CL_SPACE))
			k--;
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
	l->len = x->line.len;
	l->s = xmalloc(l->len + 1);
	memcpy(l->s, x->line.buf, l->len);
	l->s[l->len] = '\0';
	l->indent = indent;
	l->width = x->lw;
	l->nruns = x->nruns;
	l->runs = NULL;
	if (x->nruns) {
		l->runs = xmalloc(x->nruns * sizeof(*l->runs));
		memcpy(l->runs, x->runs, x->nruns * sizeof(*l->runs));
	}
}

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
		size_t k2 = k;
		int w = 0;
		while (k2 < b && pstart + cl[k2].off < send &&
		       !(cl[k2].flags & CL_OVER))
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

/* Wraps the paragraph x->s[pstart, pstart+n) (no '\n' inside). */
static void wrap_para(struct ctx *x, size_t pstart, size_t n,
		      const struct layout_opts *o, int W, int *first,
		      struct layout_lines *out)
{
	const char *p = x->s.buf + pstart;
	build_clusters(x, p, n, W);
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
		/* Clamp the indent so that the first cluster fits. */
		int indent = *first ? o->first_indent : o->rest_indent;
		int cw = pos < m && cl[pos].w > 1 ? cl[pos].w : 1;
		if (indent > W - cw)
			indent = W - cw;
		if (indent < 0)
			indent = 0;
		long avail = W - indent, w = 0;
		size_t i = pos, fc = pos, end, next;
		while (fc < m && (cl[fc].flags & CL_SPACE))
			fc++;
		/* Spaces never overflow: trailing ones are dropped at a break. */
		while (i < m && ((cl[i].flags & CL_SPACE) || w + cl[i].w <= avail))
			w += cl[i++].w;
		if (i == m) {
			end = next = m;
		} else {
			size_t j = i;
			while (j > fc && !may_break(x, p, n, j, o->line_break))
				j--;
			if (j > fc) {
				end = next = j;       /* at a break opportunity */
			} else if (i > fc) {
				end = next = i;       /* a word wider than the line */
			} else {
				pos = i;              /* leading spaces push the first */
				para_start = 0;       /* cluster out: drop them */
				continue;
			}
		}
		while (end > pos && (cl[end - 1].flags & CL_SPACE))
			end--;
		line_reset(x);
		line_add_clusters(x, pstart, pos, end);
		line_finish(x, indent, new_line(out));
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
	if (mode == LAYOUT_BREAK_NORMAL)
		return uax14_break(x, (const char *)u, n, j);
	size_t pj = u[j - 1] < 0x80 ? j - 1 : j - 3;
	if (u[pj] == ' ') {
		size_t k = pj;
		while (k > 0 && u[k] == ' ')
			k--;
		if (u[k] == ' ')
			return uax14_break(x, (const char *)u, n, j);
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

static void wrap_para_simple(struct ctx *x, size_t pstart, size_t n,
			     const struct layout_opts *o, int W, int *first,
			     struct layout_lines *out)
{
	const uint8_t *u = (const uint8_t *)x->s.buf + pstart;
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
				end = next = i;
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
}

void layout_wrap(const struct text *in, const struct layout_opts *o,
		 struct layout_lines *out)
{
	int W = o->width;
	if (W < 1)
		return; /* nothing fits in no columns */
	struct ctx *x = ctx_get(o->ambiguous_width);
	sanitize_text(x, in);
	int first = 1;
	size_t at = 0;
	while (x->s.len) {
		const char *nl = memchr(x->s.buf + at, '\n', x->s.len - at);
		size_t end = nl ? (size_t)(nl - x->s.buf) : x->s.len;
		if (x->simple && W >= 2)
			wrap_para_simple(x, at, end - at, o, W, &first, out);
		else
			wrap_para(x, at, end - at, o, W, &first, out);
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
	sanitize_text(x, in);
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
		const char *ell = ELLIPSIS;
		int ew = width_cp(0x2026, x->amb);
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
