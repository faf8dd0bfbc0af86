/* config_lex: a configuration line's words, and words and messages written
 * back (see config_lex.h). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config_lex.h"
#include "strbuf.h"
#include "utf8.h"
#include "util.h"

void config_lex_init(struct config_lex_line *w)
{
	memset(w, 0, sizeof(*w));
	strbuf_init(&w->text);
}

void config_lex_free(struct config_lex_line *w)
{
	free(w->v);
	free(w->offs);
	strbuf_release(&w->text);
}

static int is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

int config_lex_split(const char *s, size_t n, struct config_lex_line *w, size_t *bad)
{
	w->n = 0;
	strbuf_reset(&w->text);
	size_t i = 0;
	for (;;) {
		while (i < n && is_blank(s[i]))
			i++;
		if (i == n || s[i] == '#')
			break;
		ALLOC_GROW(w->v, w->n, w->cap);
		ALLOC_GROW(w->offs, w->n, w->offs_cap);
		w->offs[w->n] = w->text.len;
		w->v[w->n].start = i;
		while (i < n && !is_blank(s[i]) && s[i] != '#') {
			if (s[i] == '"' || s[i] == '\'') {
				char q = s[i];
				size_t open = i++;
				while (i < n && s[i] != q) {
					if (q == '"' && s[i] == '\\' && i + 1 < n &&
					    (s[i + 1] == '"' || s[i + 1] == '\\'))
						i++;
					strbuf_addch(&w->text, s[i]);
					i++;
				}
				if (i == n) {
					*bad = open;
					w->n = 0;
					return -1;
				}
				i++; /* the closing quote */
			} else {
				strbuf_addch(&w->text, s[i]);
				i++;
			}
		}
		w->v[w->n].end = i;
		strbuf_addch(&w->text, '\0');
		w->n++;
	}
	/* The text may have moved as it grew: point into it only now. */
	for (size_t k = 0; k < w->n; k++)
		w->v[k].s = w->text.buf + w->offs[k];
	return 0;
}

void config_lex_add_word(struct strbuf *out, const char *s)
{
	int quote = !*s;
	for (const char *p = s; *p; p++)
		if (*p == ' ' || *p == '\t' || *p == '#' || *p == '"' ||
		    *p == '\'' || *p == '\\' || (unsigned char)*p < 0x20)
			quote = 1;
	if (!quote) {
		strbuf_addstr(out, s);
		return;
	}
	strbuf_addch(out, '"');
	for (const char *p = s; *p; p++) {
		if (*p == '"' || *p == '\\')
			strbuf_addch(out, '\\');
		strbuf_addch(out, *p);
	}
	strbuf_addch(out, '"');
}

void config_lex_add_safe(struct strbuf *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	int chars = 0;
	while (i < n) {
		if (chars++ == 200) {
			strbuf_addstr(out, "...");
			return;
		}
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (cp == UTF8_INVALID) {
			while (len--)
				strbuf_addf(out, "\\x%02X", u[i++]);
		} else if (utf8_unsafe(cp)) {
			strbuf_addf(out, "<U+%04X>", (unsigned)cp);
			i += len;
		} else {
			strbuf_add(out, s + i, len);
			i += len;
		}
	}
}

void config_lex_add_found(struct strbuf *out, const char *s)
{
	strbuf_addch(out, '\'');
	config_lex_add_safe(out, s, strlen(s));
	strbuf_addch(out, '\'');
}
