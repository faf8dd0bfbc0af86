/* Layout properties over every real post: each paragraph (blank-line
 * separated; this is about layout, not Markdown) wrapped in keep-all mode at
 * several widths must fit, measure what wcwidth() measures, give back its
 * text exactly (but the middle of a URL wider than the line, which an
 * ellipsis stands for), and break only at spaces unless a word is wider
 * than the line. One test per post and width. */
#include "config.h"

#include <dirent.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "fileio.h"
#include "layout.h"
#include "strbuf.h"
#include "tap.h"
#include "text.h"
#include "util.h"

static const int widths[] = { 20, 37, 80, 133 };

/* Width by glibc, as the terminal sees it; -1 if s holds anything that is
 * not a printable character. */
static int wc_width(const char *s, size_t len)
{
	mbstate_t st;
	memset(&st, 0, sizeof(st));
	int total = 0;
	while (len) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, len, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
			return -1;
		int w = wcwidth(wc);
		if (w < 0)
			return -1;
		total += w;
		s += n;
		len -= n;
	}
	return total;
}

static void strip_space(struct strbuf *dst, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t')
			strbuf_addch(dst, s[i]);
}

static int is_ascii_alnum(unsigned char b)
{
	return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
}

/* Is the break at src[at] (no space there) one keep-all allows? After '-'
 * or '/' inside Latin words, after ZWSP or a non-ASCII space, or inside a
 * word (maximal run of non-spaces) wider than the line's room. */
static int inner_break_ok(const char *src, size_t len, size_t at, int room)
{
	unsigned char prev = (unsigned char)src[at - 1], next = (unsigned char)src[at];
	if ((prev == '-' || prev == '/') && at >= 2 &&
	    is_ascii_alnum((unsigned char)src[at - 2]) && is_ascii_alnum(next))
		return 1;
	static const char *const zs[] = { "\xe2\x80\x8b", "\xe3\x80\x80", "\xe2\x80\x82",
					  "\xe2\x80\x83", "\xe2\x80\x89" };
	for (size_t i = 0; i < sizeof(zs) / sizeof(zs[0]); i++)
		if (at >= 3 && memcmp(src + at - 3, zs[i], 3) == 0)
			return 1;
	size_t a = at, b = at;
	while (a > 0 && src[a - 1] != ' ' && src[a - 1] != '\n')
		a--;
	while (b < len && src[b] != ' ' && src[b] != '\n')
		b++;
	return wc_width(src + a, b - a) > room;
}

/* A line holding a URL shortened in the middle ("https://host/…/id"): the
 * line up to the ellipsis is the text at `at`, and the rest of the line
 * follows within the same URL (no space skipped). Returns the end of the
 * line's text in src, or 0. */
static size_t shortened_url_at(const char *src, size_t srclen, size_t at,
			       const char *l, size_t len)
{
	const char *ell = memmem(l, len, "\xe2\x80\xa6", 3);
	if (!ell)
		return 0;
	size_t head = (size_t)(ell - l), tail = len - head - 3;
	if (at + head > srclen || memcmp(src + at, l, head))
		return 0;
	for (size_t k = at + head; k + tail <= srclen && src[k] != ' ' && src[k] != '\n'; k++)
		if (!memcmp(src + k, ell + 3, tail))
			return k + tail;
	return 0;
}

/* Lays out one paragraph and checks it; returns the number of problems
 * (with a diagnostic for the first few). */
static int check_paragraph(const struct text *t, const char *src, size_t srclen,
			   int W, const char *file, long *nlines)
{
	struct layout_opts o;
	struct layout_lines ls;
	layout_opts_init(&o);
	o.width = W;
	o.first_indent = 2;
	o.rest_indent = 6;
	layout_lines_init(&ls);
	layout_wrap(t, &o, &ls);
	*nlines += (long)ls.n;

	int bad = 0, shortened = 0;
	size_t c = 0;
	struct strbuf joined, want;
	strbuf_init(&joined);
	strbuf_init(&want);
#define PROBLEM(line, ...)                                                     \
	do {                                                                   \
		if (bad++ < 3) {                                               \
			printf("# %s at width %d, line %zu: ", file, W, line); \
			printf(__VA_ARGS__);                                   \
			putchar('\n');                                         \
		}                                                              \
	} while (0)
	for (size_t i = 0; i < ls.n; i++) {
		const struct layout_line *l = &ls.v[i];
		if (l->indent < 0 || l->indent + l->width > W)
			PROBLEM(i, "indent %d + width %d > %d", l->indent, l->width, W);
		int ww = wc_width(l->s, l->len);
		if (ww != l->width)
			PROBLEM(i, "width %d but wcwidth says %d: \"%s\"", l->width, ww, l->s);
		int sum = 0;
		size_t at = 0;
		for (size_t r = 0; r < l->nruns; r++) {
			if (l->runs[r].start != at)
				PROBLEM(i, "runs not contiguous");
			at += l->runs[r].len;
			sum += l->runs[r].width;
		}
		if (sum != l->width || at != l->len)
			PROBLEM(i, "runs add up to %d columns, %zu bytes", sum, at);
		for (size_t k = 0; k < l->len; k++)
			if ((unsigned char)l->s[k] < 0x20 || l->s[k] == 0x7f)
				PROBLEM(i, "control byte 0x%02x", (unsigned char)l->s[k]);
		strip_space(&joined, l->s, l->len);

		/* Where is this line in the sanitized text? */
		size_t try = c;
		while (try < srclen && (src[try] == ' ' || src[try] == '\n') &&
		       !(try + l->len <= srclen && memcmp(src + try, l->s, l->len) == 0))
			try++;
		if (try + l->len <= srclen && memcmp(src + try, l->s, l->len) == 0) {
			c = try + l->len;
		} else if ((c = shortened_url_at(src, srclen, try, l->s, l->len))) {
			shortened++;
		} else {
			PROBLEM(i, "text does not continue with \"%s\"", l->s);
			goto done;
		}
		/* How does it end? */
		size_t e = c;
		while (e < srclen && src[e] == ' ')
			e++;
		if (e == srclen || src[e] == '\n' || e > c || i + 1 == ls.n)
			continue; /* end, hard break, or at spaces */
		if (!inner_break_ok(src, srclen, c, W - l->indent))
			PROBLEM(i, "break inside a word that fits: \"%s\" | \"%.12s\"", l->s, src + c);
	}
	for (size_t k = c; k < srclen; k++) {
		if (src[k] != ' ' && src[k] != '\n') {
			PROBLEM(ls.n, "text left over: \"%.20s\"", src + k);
			break;
		}
	}
	strip_space(&want, src, srclen);
	if (!shortened && strcmp(joined.buf, want.buf) != 0)
		PROBLEM(ls.n, "joined lines differ from the text");
done:
#undef PROBLEM
	strbuf_release(&joined);
	strbuf_release(&want);
	layout_lines_free(&ls);
	return bad;
}

struct para {
	struct text t;
	char *clean;
	size_t len;
};

/* Blank-line separated paragraphs; each source line its own span, with
 * alternating styles so runs are exercised. */
static size_t split(const char *data, size_t len, struct para **out)
{
	struct para *v = NULL;
	size_t n = 0, cap = 0;
	size_t i = 0;
	int open = 0;
	while (i < len) {
		size_t eol = i;
		while (eol < len && data[eol] != '\n')
			eol++;
		size_t k = i;
		while (k < eol && (data[k] == ' ' || data[k] == '\t' || data[k] == '\r'))
			k++;
		int blank = k == eol;
		if (!blank) {
			if (!open) {
				ALLOC_GROW(v, n, cap);
				text_init(&v[n].t);
				n++;
				open = 1;
			}
			struct text *t = &v[n - 1].t;
			if (t->len)
				text_append(t, "\n", 1, t->spans[t->nspans - 1].style);
			text_append(t, data + i, eol - i,
				    t->nspans % 2 ? STYLE_EMPH : STYLE_PLAIN);
		} else {
			open = 0;
		}
		i = eol + 1;
	}
	for (size_t p = 0; p < n; p++) {
		struct strbuf sb;
		strbuf_init(&sb);
		layout_sanitize(v[p].t.s, v[p].t.len, &sb);
		v[p].clean = strbuf_detach(&sb, &v[p].len);
	}
	*out = v;
	return n;
}

static int md_filter(const struct dirent *e)
{
	size_t l = strlen(e->d_name);
	return l > 3 && strcmp(e->d_name + l - 3, ".md") == 0;
}

int main(void)
{
	const char *dir = getenv("CORPUS_DIR");
	if (!dir || !*dir) {
		tap_skip_all("CORPUS_DIR not set");
		return 0;
	}
	struct strbuf posts;
	strbuf_init(&posts);
	strbuf_addf(&posts, "%s/posts", dir);
	struct dirent **names;
	int nfiles = scandir(posts.buf, &names, md_filter, alphasort);
	if (nfiles <= 0) {
		tap_skip_all("no corpus posts");
		strbuf_release(&posts);
		return 0;
	}
	if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "C.utf8")) {
		tap_skip_all("no C.UTF-8 locale to compare wcwidth() with");
		return 0;
	}
	long total_lines = 0, total_paras = 0;
	for (int f = 0; f < nfiles; f++) {
		struct strbuf path;
		strbuf_init(&path);
		strbuf_addf(&path, "%s/%s", posts.buf, names[f]->d_name);
		char *data;
		size_t len;
		if (fileio_read(path.buf, FILEIO_FILE_MAX, 0, &data, &len, NULL) != 0) {
			ok(0, "%s: cannot read", names[f]->d_name);
			strbuf_release(&path);
			continue;
		}
		struct para *v;
		size_t n = split(data, len, &v);
		total_paras += (long)n;
		for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++) {
			int bad = 0;
			long lines = 0;
			for (size_t p = 0; p < n; p++)
				bad += check_paragraph(&v[p].t, v[p].clean, v[p].len,
						       widths[w], names[f]->d_name, &lines);
			ok(bad == 0, "%s at width %d: %zu paragraphs, %ld lines",
			   names[f]->d_name, widths[w], n, lines);
			total_lines += lines;
		}
		for (size_t p = 0; p < n; p++) {
			text_free(&v[p].t);
			free(v[p].clean);
		}
		free(v);
		free(data);
		strbuf_release(&path);
		free(names[f]);
	}
	free(names);
	strbuf_release(&posts);
	printf("# %ld paragraphs, %ld lines laid out\n", total_paras, total_lines);
	return tap_done();
}
