/* export: --list lines and Markdown / BibTeX / TSV exports (see export.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "export.h"
#include "facts.h"
#include "fileio.h"
#include "layout.h"
#include "urls.h"
#include "util.h"

int export_format_parse(const char *name, enum export_format *f)
{
	if (!strcasecmp(name, "markdown") || !strcasecmp(name, "md"))
		*f = EXPORT_MARKDOWN;
	else if (!strcasecmp(name, "bibtex") || !strcasecmp(name, "bib"))
		*f = EXPORT_BIBTEX;
	else if (!strcasecmp(name, "tsv"))
		*f = EXPORT_TSV;
	else
		return -1;
	return 0;
}

const char *export_format_name(enum export_format f)
{
	switch (f) {
	case EXPORT_MARKDOWN:
		return "markdown";
	case EXPORT_BIBTEX:
		return "bibtex";
	case EXPORT_TSV:
		return "tsv";
	}
	return "?";
}

/* The title as one clean line (sanitized, NFC, no tabs or newlines). */
static void clean_title(const struct paper *p, struct strbuf *out)
{
	strbuf_reset(out);
	layout_sanitize(p->title.s ? p->title.s : "", p->title.s ? p->title.len : 0, out);
	for (size_t j = 0; j < out->len; j++)
		if (out->buf[j] == '\t' || out->buf[j] == '\n' || out->buf[j] == '\r')
			out->buf[j] = ' ';
}

/* A field from the model that goes into one TSV column. */
static void add_field(struct strbuf *out, const char *s)
{
	if (!s || !*s) {
		strbuf_addch(out, '-');
		return;
	}
	for (; *s; s++)
		strbuf_addch(out, (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s);
}

static void list_line(const struct digest *d, const struct paper *p,
		      const struct marks *m, struct strbuf *title,
		      struct strbuf *out)
{
	char letters[5];
	char *key = marks_paper_key(d, p);
	marks_letters(m, key, letters);
	free(key);
	clean_title(p, title);
	add_field(out, d ? d->date : NULL);
	strbuf_addf(out, "\t%d\t", p->number);
	add_field(out, p->arxiv_id);
	strbuf_addf(out, "\t%s\t%s\n", letters, title->len ? title->buf : "-");
}

void export_list_line(const struct digest *d, const struct paper *p,
		      const struct marks *m, struct strbuf *out)
{
	struct strbuf title = STRBUF_INIT;
	list_line(d, p, m, &title, out);
	strbuf_release(&title);
}

int export_year(const char *id, const char *date)
{
	if (id && strlen(id) >= 9 && id[4] == '.' && strspn(id, "0123456789") == 4)
		return 2000 + (id[0] - '0') * 10 + (id[1] - '0');
	const char *slash = id ? strchr(id, '/') : NULL;
	if (slash && strspn(slash + 1, "0123456789") >= 7) {
		int yy = (slash[1] - '0') * 10 + (slash[2] - '0');
		return yy >= 91 ? 1900 + yy : 2000 + yy;
	}
	if (date && strspn(date, "0123456789") == 4)
		return atoi(date);
	return 0;
}

/* ---- Markdown -------------------------------------------------------------- */

static void md_text(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\[]*_`<>", *s))
			strbuf_addch(out, '\\');
		strbuf_addch(out, *s);
	}
}

static void md_url(struct strbuf *out, const char *url)
{
	for (; *url; url++) {
		if (strchr(" ()<>", *url))
			strbuf_addf(out, "%%%02X", (unsigned char)*url);
		else
			strbuf_addch(out, *url);
	}
}

/* The URL an export links to: the canonical abstract page for arXiv
 * papers, else the post's link. */
static char *export_url(const struct paper *p)
{
	char *url = url_from_id(p->arxiv_id, URL_ABS, NULL);
	if (!url)
		url = url_for_paper(p, URL_LINK, NULL);
	return url;
}

static void markdown_item(const struct export_item *it, struct strbuf *title,
			  struct strbuf *out)
{
	const struct paper *p = it->paper;
	clean_title(p, title);
	char *url = export_url(p);
	strbuf_addstr(out, "- ");
	if (url)
		strbuf_addch(out, '[');
	md_text(out, title->len ? title->buf : "(untitled)");
	if (url) {
		strbuf_addstr(out, "](");
		md_url(out, url);
		strbuf_addch(out, ')');
	}
	if (it->facts && it->facts->nauthors) {
		strbuf_addstr(out, " — ");
		for (size_t i = 0; i < it->facts->nauthors; i++) {
			if (i)
				strbuf_addstr(out, ", ");
			md_text(out, it->facts->authors[i]);
		}
	}
	if (p->arxiv_id)
		strbuf_addf(out, " — arXiv:%s", p->arxiv_id);
	if (it->digest && it->digest->date)
		strbuf_addf(out, " (%s)", it->digest->date);
	strbuf_addch(out, '\n');
	free(url);
}

/* ---- BibTeX ------------------------------------------------------------------ */

static void bib_text(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '{':
			strbuf_addstr(out, "\\textbraceleft{}");
			break;
		case '}':
			strbuf_addstr(out, "\\textbraceright{}");
			break;
		case '\\':
			strbuf_addstr(out, "\\textbackslash{}");
			break;
		case '~':
			strbuf_addstr(out, "\\textasciitilde{}");
			break;
		case '^':
			strbuf_addstr(out, "\\textasciicircum{}");
			break;
		case '&': case '%': case '$': case '#': case '_':
			strbuf_addch(out, '\\');
			strbuf_addch(out, *s);
			break;
		default:
			strbuf_addch(out, *s);
		}
	}
}

/* The URL is normalized (url_normalize): its '%' are escapes already, and
 * encoding them again would change the address. */
static void bib_url(struct strbuf *out, const char *url)
{
	for (; *url; url++) {
		if (strchr("{}\\ ", *url))
			strbuf_addf(out, "%%%02X", (unsigned char)*url);
		else
			strbuf_addch(out, *url);
	}
}

/* Whether key is among the NUL-terminated keys in seen. */
static int key_seen(const struct strbuf *seen, const char *key)
{
	for (size_t at = 0; at < seen->len; at += strlen(seen->buf + at) + 1)
		if (!strcmp(seen->buf + at, key))
			return 1;
	return 0;
}

static void bib_key(struct strbuf *out, const struct export_item *it, struct strbuf *seen)
{
	const struct paper *p = it->paper;
	struct strbuf k = STRBUF_INIT;
	if (it->facts && facts_bibtex_key(it->facts,
					  export_year(p->arxiv_id, it->digest ? it->digest->date : NULL),
					  &k) == 0) {
		/* Two papers of one author, year and first word: b, c, ... */
		size_t base = k.len;
		for (char c = 'b'; key_seen(seen, k.buf) && c <= 'z'; c++) {
			strbuf_setlen(&k, base);
			strbuf_addch(&k, c);
		}
		if (!key_seen(seen, k.buf)) {
			strbuf_add(seen, k.buf, k.len + 1);
			strbuf_addstr(out, k.buf);
			strbuf_release(&k);
			return;
		}
	}
	strbuf_release(&k);
	if (p->arxiv_id) {
		for (const char *s = p->arxiv_id; *s; s++) {
			int ok = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
				 (*s >= '0' && *s <= '9') || strchr(".-/:", *s);
			strbuf_addch(out, ok ? *s : '_');
		}
		return;
	}
	const char *date = it->digest && it->digest->date ? it->digest->date : "undated";
	strbuf_addstr(out, "paper-");
	for (const char *s = date; *s; s++)
		strbuf_addch(out, (*s >= '0' && *s <= '9') || *s == '-' ? *s : '_');
	strbuf_addf(out, "-%d", p->number);
}

static void bibtex_item(const struct export_item *it, struct strbuf *title,
			struct strbuf *seen, struct strbuf *out)
{
	const struct paper *p = it->paper;
	clean_title(p, title);
	strbuf_addstr(out, "@misc{");
	bib_key(out, it, seen);
	strbuf_addstr(out, ",\n  title = {");
	bib_text(out, title->len ? title->buf : "(untitled)");
	strbuf_addstr(out, "},\n");
	if (it->facts && it->facts->nauthors) {
		strbuf_addstr(out, "  author = {");
		for (size_t i = 0; i < it->facts->nauthors; i++) {
			if (i)
				strbuf_addstr(out, " and ");
			bib_text(out, it->facts->authors[i]);
		}
		strbuf_addstr(out, "},\n");
	}
	int year = export_year(p->arxiv_id, it->digest ? it->digest->date : NULL);
	if (year)
		strbuf_addf(out, "  year = {%d},\n", year);
	if (p->arxiv_id) {
		const char *slash = strchr(p->arxiv_id, '/');
		strbuf_addf(out, "  eprint = {%s},\n  archivePrefix = {arXiv},\n",
			    slash ? slash + 1 : p->arxiv_id);
		if (slash)
			strbuf_addf(out, "  primaryClass = {%.*s},\n",
				    (int)(slash - p->arxiv_id), p->arxiv_id);
		else if (it->facts && it->facts->primary_category) {
			strbuf_addstr(out, "  primaryClass = {");
			bib_text(out, it->facts->primary_category);
			strbuf_addstr(out, "},\n");
		}
	}
	char *url = export_url(p);
	if (url) {
		strbuf_addstr(out, "  url = {");
		bib_url(out, url);
		strbuf_addstr(out, "},\n");
		free(url);
	}
	strbuf_addstr(out, "}\n");
}

/* ---- exports ---------------------------------------------------------------- */

void export_items(const struct export_item *items, size_t n,
		  enum export_format fmt, const struct marks *m,
		  struct strbuf *out)
{
	struct strbuf title = STRBUF_INIT, seen = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		switch (fmt) {
		case EXPORT_MARKDOWN:
			markdown_item(&items[i], &title, out);
			break;
		case EXPORT_BIBTEX:
			if (i)
				strbuf_addch(out, '\n');
			bibtex_item(&items[i], &title, &seen, out);
			break;
		case EXPORT_TSV:
			list_line(items[i].digest, items[i].paper, m, &title, out);
			break;
		}
	}
	strbuf_release(&title);
	strbuf_release(&seen);
}

struct keyed {
	char *key;
	size_t pos;
};

static int cmp_keyed(const void *x, const void *y)
{
	const struct keyed *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	return c ? c : (a->pos > b->pos) - (a->pos < b->pos);
}

size_t export_papers(const struct archive *a, const struct marks *m,
		     unsigned flags, enum export_format fmt, struct strbuf *out)
{
	return export_papers_facts(a, m, flags, fmt, NULL, NULL, out);
}

size_t export_papers_facts(const struct archive *a, const struct marks *m,
			   unsigned flags, enum export_format fmt,
			   export_facts_fn facts, void *ctx, struct strbuf *out)
{
	struct export_item *items = NULL;
	struct keyed *keys = NULL;
	size_t n = 0, cap = 0, kcap = 0;
	for (size_t i = 0; i < a->n; i++) {
		const struct digest *d = &a->v[i];
		for (size_t j = 0; j < d->npapers; j++) {
			char *key = marks_paper_key(d, &d->papers[j]);
			/* A hidden paper is one the user put away: a selection
			 * by marks leaves it out (issue 14, item 7). */
			unsigned mk = marks_get(m, key);
			if (flags && ((mk & flags) != flags ||
				      ((mk & MARK_HIDDEN) && !(flags & MARK_HIDDEN)))) {
				free(key);
				continue;
			}
			ALLOC_GROW(items, n, cap);
			ALLOC_GROW(keys, n, kcap);
			items[n] = (struct export_item){ d, &d->papers[j],
				facts && d->papers[j].arxiv_id
					? facts(ctx, d->papers[j].arxiv_id) : NULL };
			keys[n] = (struct keyed){ key, n };
			n++;
		}
	}
	/* Each key once: its first appearance. */
	char *dup = xcalloc(n + 1, 1);
	if (n)
		qsort(keys, n, sizeof(*keys), cmp_keyed);
	for (size_t i = 1; i < n; i++)
		if (!strcmp(keys[i].key, keys[i - 1].key))
			dup[keys[i].pos] = 1;
	size_t kept = 0;
	for (size_t i = 0; i < n; i++)
		if (!dup[i])
			items[kept++] = items[i];
	export_items(items, kept, fmt, m, out);
	for (size_t i = 0; i < n; i++)
		free(keys[i].key);
	free(keys);
	free(dup);
	free(items);
	return kept;
}

int export_write_file(const char *path, const char *data, size_t len,
		      struct strbuf *written, struct strbuf *err)
{
	struct strbuf full = STRBUF_INIT;
	if (!strncmp(path, "~/", 2)) {
		const char *home = getenv("HOME");
		if (!home || home[0] != '/') {
			strbuf_addf(err, "%s: cannot expand ~/: HOME is not set", path);
			return -1;
		}
		strbuf_addf(&full, "%s/%s", home, path + 2);
	} else {
		strbuf_addstr(&full, path);
	}
	char *slash = strrchr(full.buf, '/');
	const char *name = slash ? slash + 1 : full.buf;
	if (!*name || !strcmp(name, ".") || !strcmp(name, "..")) {
		strbuf_addf(err, "%s: not a file name", full.buf);
		strbuf_release(&full);
		return -1;
	}
	char *dir = slash ? xstrndup(full.buf, slash == full.buf ? 1 : (size_t)(slash - full.buf))
			  : xstrdup(".");
	int rc = fileio_replace(dir, name, data, len, 0644, err);
	if (rc == 0 && written)
		strbuf_addstr(written, full.buf);
	free(dir);
	strbuf_release(&full);
	return rc;
}
