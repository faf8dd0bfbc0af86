/* frontmatter: tolerant reading of a post's YAML header (see frontmatter.h). */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "frontmatter.h"
#include "strbuf.h"
#include "util.h"

/* Front matter bigger than this is not a header but a broken post. */
#define FRONTMATTER_MAX (64 * 1024)

static int is_delimiter(const char *line, size_t n)
{
	while (n && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
		n--;
	return (n == 3 && (!memcmp(line, "---", 3) || !memcmp(line, "...", 3)));
}

static char *trim_dup(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* A scalar value: "double quoted" (with \" escapes), 'single quoted' (with ''),
 * or plain — where a stray quote at either end alone is dropped, as in
 * `title: Daily Papers — 2025-09-12"`. Trailing `# comments` of plain values
 * are kept: titles may contain '#'. */
static char *scalar_value(const char *s, size_t n)
{
	char *v = trim_dup(s, n);
	size_t len = strlen(v);
	char quote = len >= 2 && (v[0] == '"' || v[0] == '\'') && v[len - 1] == v[0]
			     ? v[0] : 0;
	if (!quote) {
		size_t a = 0, b = len;
		if (b && (v[b - 1] == '"' || v[b - 1] == '\''))
			b--;
		if (a < b && (v[a] == '"' || v[a] == '\''))
			a++;
		char *res = trim_dup(v + a, b - a);
		free(v);
		return res;
	}
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 1; i + 1 < len; i++) {
		if (quote == '"' && v[i] == '\\' && i + 2 < len)
			i++;
		else if (quote == '\'' && v[i] == '\'' && v[i + 1] == '\'')
			i++;
		strbuf_addch(&sb, v[i]);
	}
	free(v);
	return strbuf_detach(&sb, NULL);
}

static void add_tag(struct digest *d, const char *s, size_t n)
{
	char *tag = scalar_value(s, n);
	if (!*tag) {
		free(tag);
		return;
	}
	ALLOC_GROW(d->tags, d->ntags, d->tags_cap);
	d->tags[d->ntags++] = tag;
}

/* Flow style: [a, b, "c"]. */
static void add_flow_tags(struct digest *d, const char *s, size_t n)
{
	const char *end = s + n;
	while (s < end && *s != '[')
		s++;
	if (s == end)
		return;
	s++;
	const char *close = memchr(s, ']', (size_t)(end - s));
	if (close)
		end = close;
	while (s < end) {
		const char *comma = memchr(s, ',', (size_t)(end - s));
		const char *stop = comma ? comma : end;
		add_tag(d, s, (size_t)(stop - s));
		s = comma ? comma + 1 : end;
	}
}

char *frontmatter_date_from_name(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (date_parse_prefix(base, NULL) == 0)
		return xstrndup(base, DATE_LEN);
	return NULL;
}

size_t frontmatter_parse(const char *s, size_t len, struct digest *d)
{
	const char *end = s + (len < FRONTMATTER_MAX ? len : FRONTMATTER_MAX);
	const char *nl = memchr(s, '\n', (size_t)(end - s));
	if (!nl || !is_delimiter(s, (size_t)(nl - s)))
		return 0;

	/* Find the closing delimiter first: an unterminated header is no header. */
	const char *body = NULL, *fm_end = NULL;
	for (const char *line = nl + 1; line < end;) {
		const char *eol = memchr(line, '\n', (size_t)(end - line));
		size_t n = eol ? (size_t)(eol - line) : (size_t)(end - line);
		if (is_delimiter(line, n)) {
			fm_end = line;
			body = eol ? eol + 1 : line + n;
			break;
		}
		if (!eol)
			break;
		line = eol + 1;
	}
	if (!body)
		return 0;

	int in_tags = 0;
	for (const char *line = nl + 1; line < fm_end;) {
		const char *eol = memchr(line, '\n', (size_t)(fm_end - line));
		size_t n = eol ? (size_t)(eol - line) : (size_t)(fm_end - line);
		const char *next = eol ? eol + 1 : fm_end;
		while (n && line[n - 1] == '\r')
			n--;

		const char *p = line, *e = line + n;
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if (in_tags && p < e && *p == '-') {
			add_tag(d, p + 1, (size_t)(e - p - 1));
			line = next;
			continue;
		}
		in_tags = 0;
		const char *colon = p == line ? memchr(p, ':', (size_t)(e - p)) : NULL;
		if (!colon) {
			line = next;
			continue;
		}
		size_t klen = (size_t)(colon - p);
		const char *val = colon + 1;
		size_t vlen = (size_t)(e - val);
		if (klen == 5 && !memcmp(p, "title", 5)) {
			free(d->title);
			d->title = scalar_value(val, vlen);
		} else if (klen == 4 && !memcmp(p, "date", 4)) {
			char *v = scalar_value(val, vlen);
			if (date_parse_prefix(v, NULL) == 0) {
				free(d->date);
				d->date = xstrndup(v, DATE_LEN);
			}
			free(v);
		} else if (klen == 4 && !memcmp(p, "tags", 4)) {
			char *v = trim_dup(val, vlen);
			if (*v == '[')
				add_flow_tags(d, val, vlen);
			else if (*v)
				add_tag(d, v, strlen(v));
			else
				in_tags = 1;
			free(v);
		}
		line = next;
	}
	return (size_t)(body - s);
}
