/* text: styled UTF-8 text (see text.h). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

void text_init(struct text *t)
{
	memset(t, 0, sizeof(*t));
}

void text_free(struct text *t)
{
	free(t->s);
	free(t->spans);
	text_init(t);
}

void text_append(struct text *t, const char *s, size_t len, unsigned style)
{
	if (len > TEXT_MAX - t->len)
		len = TEXT_MAX - t->len;
	if (!len)
		return;
	if (t->len + len + 1 > t->cap) {
		/* Most texts are a paragraph of a few hundred bytes, built
		 * from many pieces: start where few of them need to grow. */
		size_t cap = t->cap ? (size_t)t->cap * 2 : 256;
		while (cap < t->len + len + 1)
			cap *= 2;
		if (cap > TEXT_MAX + 1)
			cap = TEXT_MAX + 1;
		t->s = xrealloc(t->s, cap);
		t->cap = (uint32_t)cap;
	}
	memcpy(t->s + t->len, s, len);
	t->s[t->len + len] = '\0';
	if (t->nspans && t->spans[t->nspans - 1].style == style) {
		t->spans[t->nspans - 1].len += (uint32_t)len;
	} else {
		ALLOC_GROW(t->spans, t->nspans, t->spans_cap);
		t->spans[t->nspans++] =
			(struct text_span){ (uint32_t)t->len, (uint32_t)len, style };
	}
	t->len += (uint32_t)len;
}

void text_append_str(struct text *t, const char *s, unsigned style)
{
	text_append(t, s, strlen(s), style);
}

void text_copy(struct text *dst, const struct text *src)
{
	text_init(dst);
	text_append_text(dst, src, 0);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* Puts s[0, n) of t's own text (at or after the write position w, so a
 * move to the left) at w, in style: text_collapse_space's in-place step. */
static void put_back(struct text *t, size_t *w, size_t *ns, const char *s, size_t n,
		     unsigned style)
{
	memmove(t->s + *w, s, n);
	if (*ns && t->spans[*ns - 1].style == style)
		t->spans[*ns - 1].len += (uint32_t)n;
	else
		t->spans[(*ns)++] = (struct text_span){ (uint32_t)*w, (uint32_t)n, style };
	*w += n;
}

/* Done in place: the text only shrinks (a run of blanks becomes one space
 * or none) and so does its list of spans, so nothing is allocated. */
void text_collapse_space(struct text *t)
{
	size_t w = 0, ns = 0;
	int pending_space = 0;
	for (size_t i = 0; i < t->nspans; i++) {
		/* Read before put_back may overwrite span i (ns <= i). */
		size_t start = t->spans[i].start, n = t->spans[i].len, run = 0;
		unsigned style = t->spans[i].style;
		for (size_t j = 0; j <= n; j++) {
			if (j == n || is_space(t->s[start + j])) {
				if (run) {
					if (pending_space && w)
						put_back(t, &w, &ns, " ", 1, style);
					put_back(t, &w, &ns, t->s + start + j - run, run, style);
					pending_space = 0;
					run = 0;
				}
				if (j < n)
					pending_space = 1;
			} else {
				run++;
			}
		}
	}
	t->len = (uint32_t)w;
	t->nspans = ns;
	if (t->s)
		t->s[w] = '\0';
}

void text_append_text(struct text *dst, const struct text *src, unsigned extra)
{
	for (size_t i = 0; i < src->nspans; i++)
		text_append(dst, src->s + src->spans[i].start, src->spans[i].len,
			    src->spans[i].style | extra);
}

void text_remove_prefix(struct text *t, size_t n)
{
	if (!n)
		return;
	if (n > t->len)
		n = t->len;
	size_t ns = 0;
	for (size_t i = 0; i < t->nspans; i++) {
		size_t start = t->spans[i].start, len = t->spans[i].len;
		if (start + len <= n)
			continue;
		if (start < n) {
			len -= n - start;
			start = n;
		}
		t->spans[ns++] = (struct text_span){ (uint32_t)(start - n), (uint32_t)len,
						     t->spans[i].style };
	}
	t->nspans = ns;
	memmove(t->s, t->s + n, t->len - n + 1);
	t->len -= (uint32_t)n;
}
