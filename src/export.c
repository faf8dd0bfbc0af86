/* export: --list lines, Markdown / BibTeX / TSV exports, and :export's file
 * (see export.h). */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unictype.h>
#include <unistr.h>

#include "commands.h"
#include "export.h"
#include "facts.h"
#include "fileio.h"
#include "i18n.h"
#include "layout.h"
#include "notes.h"
#include "urls.h"
#include "util.h"
#include "xdg.h"

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
	layout_sanitize_line(p->title.s ? p->title.s : "", p->title.s ? p->title.len : 0, out);
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

/* The MARKS field: marks_letters, and 'n' after them when the paper has a
 * note ("sn"; "n" alone instead of "-"). */
static void marks_field(const struct marks *m, const char *key, int note, struct strbuf *out)
{
	char letters[5];
	marks_letters(m, key, letters);
	if (note)
		strbuf_addf(out, "%sn", strcmp(letters, "-") ? letters : "");
	else
		strbuf_addstr(out, letters);
}

/* A --list line without its newline; the note is only looked up for its
 * letter when notes is not NULL, else `note` says. */
static void list_line(const struct digest *d, const struct paper *p,
		      const struct marks *m, struct notes *notes, int note,
		      struct strbuf *title, struct strbuf *out)
{
	char *key = marks_paper_key(d, p);
	clean_title(p, title);
	add_field(out, d ? d->date : NULL);
	strbuf_addf(out, "\t%d\t", p->number);
	add_field(out, p->arxiv_id);
	strbuf_addch(out, '\t');
	marks_field(m, key, notes ? notes_lookup(notes, key) != NULL : note, out);
	strbuf_addf(out, "\t%s", title->len ? title->buf : "-");
	free(key);
}

void export_list_line(const struct digest *d, const struct paper *p,
		      const struct marks *m, struct notes *notes, struct strbuf *out)
{
	struct strbuf title = STRBUF_INIT;
	list_line(d, p, m, notes, 0, &title, out);
	strbuf_addch(out, '\n');
	strbuf_release(&title);
}

/* TSV's NOTE column: the note with backslash, tab, newline and carriage
 * return written \\ \t \n \r, so that it is one field; "-" for none. */
static void tsv_note(const char *note, struct strbuf *out)
{
	if (!note || !*note) {
		strbuf_addch(out, '-');
		return;
	}
	for (; *note; note++) {
		const char *esc = *note == '\\' ? "\\\\" : *note == '\t' ? "\\t"
				: *note == '\n' ? "\\n" : *note == '\r' ? "\\r" : NULL;
		if (esc)
			strbuf_addstr(out, esc);
		else
			strbuf_addch(out, *note);
	}
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

/* A code fence's line (up to three spaces, then three or more ` or ~):
 * its character and length in *ch and *n. */
static int md_fence(const char *s, size_t n, char *ch, size_t *len)
{
	size_t lead = strspn(s, " ");
	if (lead > 3 || lead >= n || (s[lead] != '`' && s[lead] != '~'))
		return 0;
	size_t k = 0;
	while (lead + k < n && s[lead + k] == s[lead])
		k++;
	*ch = s[lead];
	*len = k;
	return k >= 3;
}

/* The heading level of an ATX heading line (up to three spaces, 1-6 '#',
 * then a space or the end), its '#' from s + *at; or 0. */
static size_t md_heading(const char *s, size_t n, size_t *at)
{
	size_t lead = strspn(s, " ");
	size_t k = lead < 4 ? strspn(s + lead, "#") : 0;
	if (lead + k > n || k < 1 || k > 6 || (lead + k < n && s[lead + k] != ' '))
		return 0;
	*at = lead;
	return k;
}

/* The note under its paper's item: a block quote inside the item (indented
 * as its text), every line quoted so that nothing of it (a fence, a list,
 * HTML) reaches outside the quote, and its headings three levels down (#
 * as ####, at most ######; not in a code block), under the export's own
 * structure. No blank line: the list stays tight, as it is without notes. */
static void markdown_note(const char *note, struct strbuf *out)
{
	char fence = 0, ch;
	size_t fence_len = 0, len, at;
	while (*note) {
		size_t n = strcspn(note, "\n"), level = 0;
		strbuf_addstr(out, n ? "  > " : "  >");
		if (md_fence(note, n, &ch, &len)) {
			if (!fence) {
				fence = ch;
				fence_len = len;
			} else if (ch == fence && len >= fence_len) {
				fence = 0;
			}
		} else if (!fence) {
			level = md_heading(note, n, &at);
		}
		if (level) {
			strbuf_add(out, note, at);
			for (size_t k = level + 3 > 6 ? 6 : level + 3; k > 0; k--)
				strbuf_addch(out, '#');
			strbuf_add(out, note + at + level, n - at - level);
		} else {
			strbuf_add(out, note, n);
		}
		strbuf_addch(out, '\n');
		note += n + (note[n] == '\n');
	}
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
	if (it->note)
		markdown_note(it->note, out);
}

/* ---- BibTeX ------------------------------------------------------------------ */

/* s[0..n) with BibTeX's specials escaped. Braces become \textbraceleft{}
 * and \textbraceright{}, not \{ and \}: BibTeX counts a brace after a
 * backslash all the same, so a hostile title could not unbalance the entry. */
static void bib_escape(struct strbuf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
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
			strbuf_addch(out, s[i]);
			break;
		default:
			strbuf_addch(out, s[i]);
		}
	}
}

static void bib_text(struct strbuf *out, const char *s)
{
	bib_escape(out, s, strlen(s));
}

/* The character at s[i] (of n bytes) into *uc; returns its length. */
static size_t char_at(const char *s, size_t i, size_t n, ucs4_t *uc)
{
	int k = u8_mbtouc(uc, (const uint8_t *)s + i, n - i);
	return k > 0 ? (size_t)k : 1;
}

/* Whether a word's capitals must be kept from a style's case change, as
 * Better BibTeX decides: a capital after the first character of the word or
 * of a part of it between hyphens (TiDAR, LLMs, RGBA, iPhone; not Low-Rank),
 * or capitals with a digit (GPT-4o, 3D, V2). An ordinary capitalised word
 * (Large) is left to the style. */
static int bib_keeps_case(const char *w, size_t n)
{
	int upper = 0, inside = 0, digit = 0;
	size_t pos = 0;
	for (size_t i = 0; i < n;) {
		ucs4_t uc;
		i += char_at(w, i, n, &uc);
		if (uc == '-') {
			pos = 0;
			continue;
		}
		if (uc_is_upper(uc)) {
			upper = 1;
			inside |= pos > 0;
		}
		digit |= uc >= '0' && uc <= '9';
		pos++;
	}
	return inside || (digit && upper);
}

/* A title with the words that keep their case in braces ({TiDAR}: PAN,
 * LLMs ...). A word is what lies between spaces, less the punctuation
 * around it ("(PAN):" gives ({PAN}):), so a brace group always starts with
 * a letter or digit: BibTeX takes a group starting with a backslash for an
 * accent and would change its case. */
static void bib_title(struct strbuf *out, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		if (s[i] == ' ') {
			strbuf_addch(out, s[i++]);
			continue;
		}
		size_t end = i + strcspn(s + i, " ");
		/* The core: from the first letter or digit to the last. */
		size_t c0 = end, c1 = i;
		for (size_t j = i; j < end;) {
			ucs4_t uc;
			size_t k = char_at(s, j, end, &uc);
			if (uc_is_alnum(uc)) {
				if (c0 == end)
					c0 = j;
				c1 = j + k;
			}
			j += k;
		}
		if (c0 < c1 && bib_keeps_case(s + c0, c1 - c0)) {
			bib_escape(out, s + i, c0 - i);
			strbuf_addch(out, '{');
			bib_escape(out, s + c0, c1 - c0);
			strbuf_addch(out, '}');
			bib_escape(out, s + c1, end - c1);
		} else {
			bib_escape(out, s + i, end - i);
		}
		i = end;
	}
}

/* A name for the author field: one holding " and " is braced, or BibTeX
 * would take it for two names. */
static void bib_author(struct strbuf *out, const char *name)
{
	size_t n = strlen(name);
	int braced = 0;
	for (size_t i = 0; i + 5 <= n && !braced; i++)
		braced = !strncasecmp(name + i, " and ", 5);
	if (braced)
		strbuf_addch(out, '{');
	bib_text(out, name);
	if (braced)
		strbuf_addch(out, '}');
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

/* The note as a field: escaped as titles are, its lines folded into one
 * (every run of blanks and line breaks one space). */
static void bib_note(const char *note, struct strbuf *out)
{
	struct strbuf one = STRBUF_INIT;
	for (const char *s = note; *s; s++) {
		int blank = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\r';
		if (!blank)
			strbuf_addch(&one, *s);
		else if (one.len && one.buf[one.len - 1] != ' ')
			strbuf_addch(&one, ' ');
	}
	if (one.len && one.buf[one.len - 1] == ' ')
		strbuf_setlen(&one, one.len - 1);
	strbuf_addstr(out, "  note = {");
	bib_escape(out, one.buf, one.len);
	strbuf_addstr(out, "},\n");
	strbuf_release(&one);
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
	bib_title(out, title->len ? title->buf : "(untitled)");
	strbuf_addstr(out, "},\n");
	if (it->facts && it->facts->nauthors) {
		strbuf_addstr(out, "  author = {");
		for (size_t i = 0; i < it->facts->nauthors; i++) {
			if (i)
				strbuf_addstr(out, " and ");
			bib_author(out, it->facts->authors[i]);
		}
		strbuf_addstr(out, "},\n");
	}
	int year = export_year(p->arxiv_id, it->digest ? it->digest->date : NULL);
	if (year)
		strbuf_addf(out, "  year = {%d},\n", year);
	if (p->arxiv_id) {
		/* As arXiv's own export: the whole ID (an old-style one with its
		 * archive, which its link needs). */
		strbuf_addstr(out, "  eprint = {");
		bib_text(out, p->arxiv_id);
		strbuf_addstr(out, "},\n  archivePrefix = {arXiv},\n");
		/* The primary category the facts name (math.AG), else the
		 * archive an old-style ID names (hep-th/9901001); a new-style
		 * ID names none. */
		const char *slash = strchr(p->arxiv_id, '/');
		if (it->facts && it->facts->primary_category) {
			strbuf_addstr(out, "  primaryClass = {");
			bib_text(out, it->facts->primary_category);
			strbuf_addstr(out, "},\n");
		} else if (slash) {
			strbuf_addstr(out, "  primaryClass = {");
			bib_escape(out, p->arxiv_id, (size_t)(slash - p->arxiv_id));
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
	if (it->note)
		bib_note(it->note, out);
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
			list_line(items[i].digest, items[i].paper, m, NULL,
				  items[i].note != NULL, &title, out);
			strbuf_addch(out, '\t');
			tsv_note(items[i].note, out);
			strbuf_addch(out, '\n');
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

int export_selection_parse(const char *name, unsigned *marks)
{
	if (!strcmp(name, "all"))
		*marks = 0;
	else if (!strcmp(name, "starred"))
		*marks = MARK_STAR;
	else if (!strcmp(name, "later"))
		*marks = MARK_LATER;
	else
		return -1;
	return 0;
}

size_t export_make_notes(const struct archive *a, const struct marks *m,
			 struct notes *notes, unsigned flags, enum export_format fmt,
			 export_facts_fn facts, void *ctx, struct strbuf *out)
{
	struct export_item *items = NULL;
	struct keyed *keys = NULL;
	size_t n = 0, cap = 0, kcap = 0;
	if (notes)
		notes_forget(notes); /* as they are now */
	for (size_t i = 0; i < a->n; i++) {
		const struct digest *d = &a->v[i];
		for (size_t j = 0; j < d->npapers; j++) {
			char *key = marks_paper_key(d, &d->papers[j]);
			/* A hidden paper is one the user put away: every
			 * selection, all papers too, leaves it out. */
			unsigned mk = marks_get(m, key);
			if ((mk & flags) != flags ||
			    ((mk & MARK_HIDDEN) && !(flags & MARK_HIDDEN))) {
				free(key);
				continue;
			}
			ALLOC_GROW(items, n, cap);
			ALLOC_GROW(keys, n, kcap);
			items[n] = (struct export_item){ d, &d->papers[j],
				facts && d->papers[j].arxiv_id
					? facts(ctx, d->papers[j].arxiv_id) : NULL,
				notes_lookup(notes, key) };
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

size_t export_make(const struct archive *a, const struct marks *m, unsigned flags,
		   enum export_format fmt, export_facts_fn facts, void *ctx,
		   struct strbuf *out)
{
	return export_make_notes(a, m, NULL, flags, fmt, facts, ctx, out);
}

/* ---- :export: to a file --------------------------------------------------- */

int export_format_for_path(const char *path, enum export_format *f)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash + 1 : path, '.');
	if (!dot)
		return -1;
	if (!strcasecmp(dot, ".bib"))
		*f = EXPORT_BIBTEX;
	else if (!strcasecmp(dot, ".md") || !strcasecmp(dot, ".markdown"))
		*f = EXPORT_MARKDOWN;
	else if (!strcasecmp(dot, ".tsv"))
		*f = EXPORT_TSV;
	else
		return -1;
	return 0;
}

/* Whether word is --format (its value then in *value: the word after it,
 * or what follows '='). Advances *i past what it took. */
static int format_option(char **argv, int argc, int *i, const char **value)
{
	const char *w = argv[*i];
	if (!strncmp(w, "--format=", 9)) {
		*value = w + 9;
		return 1;
	}
	if (strcmp(w, "--format"))
		return 0;
	*value = *i + 1 < argc ? argv[++*i] : NULL;
	return 1;
}

int export_request_parse(char **argv, int argc, int overwrite,
			 struct export_request *r, struct strbuf *err)
{
	memset(r, 0, sizeof(*r));
	r->overwrite = overwrite;
	if (argc < 2 || export_selection_parse(argv[1], &r->marks) < 0) {
		strbuf_addf(err, _(":export exports all, starred or later papers, not '%s'"),
			    argc < 2 ? "" : argv[1]);
		return -1;
	}
	for (int i = 2; i < argc; i++) {
		const char *fmt = NULL;
		enum export_format f;
		int extra = 0;
		if (format_option(argv, argc, &i, &fmt)) {
			extra = r->format != NULL;
		} else if (!r->path) {
			r->path = argv[i];
			continue;
		} else {
			/* The bare FORMAT of the older syntax; else a second
			 * FILE, most likely a name with a blank. */
			fmt = argv[i];
			extra = r->format || export_format_parse(fmt, &f) < 0;
		}
		if (extra) {
			struct strbuf usage = STRBUF_INIT;
			command_usage(COMMAND_EXPORT, &usage);
			/* TRANSLATORS: :export's usage. */
			strbuf_addf(err, _("too many arguments (quote a name with blanks): %s"),
				    usage.buf);
			strbuf_release(&usage);
			return -1;
		}
		if (!fmt) {
			strbuf_addstr(err, _(":export --format needs markdown, bibtex or tsv"));
			return -1;
		}
		if (export_format_parse(fmt, &f) < 0) {
			strbuf_addf(err, _(":export --format wants markdown, bibtex or tsv, not '%s'"),
				    fmt);
			return -1;
		}
		r->format = fmt;
	}
	if (!r->path || !*r->path) {
		strbuf_addstr(err, _(":export needs a file name"));
		return -1;
	}
	return 0;
}

/* Refuses a path that names no file: "", "dir/", ".", "..", "~". */
static int check_name(const char *path, struct strbuf *err)
{
	const char *last = strrchr(path, '/');
	last = last ? last + 1 : path;
	if (*last && strcmp(last, ".") && strcmp(last, "..") && strcmp(path, "~"))
		return 0;
	strbuf_addpath(err, path);
	strbuf_addf(err, ": %s", _("not a file name"));
	return -1;
}

/* The absolute name of an export's file into out: "~/" under $HOME, a
 * relative path under base (NULL: the current directory); "." components
 * and repeated slashes dropped (".." is left for the system to follow).
 * Returns 0, or -1 with one line in err. */
static int resolve_path(const char *path, const char *base, struct strbuf *out,
			struct strbuf *err)
{
	struct strbuf raw = STRBUF_INIT;
	char *cwd = NULL;
	int rc = check_name(path, err);
	if (rc == 0 && (path[0] == '/' || !strncmp(path, "~/", 2))) {
		rc = xdg_expand_home(path, &raw, err);
	} else if (rc == 0 && (base || (base = cwd = fileio_current_dir()))) {
		strbuf_addf(&raw, "%s/%s", base, path);
	} else if (rc == 0) {
		strbuf_addpath(err, path);
		strbuf_addf(err, ": %s", _("the current directory is unknown: give an absolute path"));
		rc = -1;
	}
	for (const char *s = raw.buf; rc == 0 && *s;) {
		size_t n = strcspn(s, "/");
		if (n && !(n == 1 && s[0] == '.')) {
			strbuf_addch(out, '/');
			strbuf_add(out, s, n);
		}
		s += n;
		s += strspn(s, "/");
	}
	free(cwd);
	strbuf_release(&raw);
	return rc;
}

/* What is at the absolute path: 0 nothing, 1 a regular file (or a symbolic
 * link to one, then *target is the file's name), or -1 with one line in err
 * for anything else. *mode gets the permissions to keep. */
static int existing_file(const char *path, struct strbuf *target, mode_t *mode,
			 struct strbuf *err)
{
	struct stat st;
	*mode = 0644;
	if (lstat(path, &st) < 0)
		return 0; /* the write says why when it is more than ENOENT */
	if (S_ISLNK(st.st_mode)) {
		char *real = realpath(path, NULL);
		if (!real)
			return 1; /* a dangling link: replaced itself */
		strbuf_addstr(target, real);
		free(real);
		if (stat(target->buf, &st) < 0)
			return 1;
	}
	if (!S_ISREG(st.st_mode)) {
		strbuf_addpath(err, path);
		strbuf_addstr(err, ": ");
		if (!fileio_add_refusal(err, path, S_ISDIR(st.st_mode) ? EISDIR : EINVAL))
			strbuf_addstr(err, _("not a regular file"));
		return -1;
	}
	*mode = st.st_mode & 0777;
	return 1;
}

/* "PATH already exists", the message of EXPORT_EXISTS. */
static void add_exists(struct strbuf *err, const char *path)
{
	struct strbuf shown = STRBUF_INIT;
	strbuf_addpath(&shown, path);
	strbuf_addf(err, _("%s already exists"), shown.buf);
	strbuf_release(&shown);
}

/* Writes data to path (a regular file's name), creating it, or replacing it
 * when replace. Returns 0, EXPORT_EXISTS, or -1. */
static int write_at(const char *path, const char *data, size_t len, mode_t mode,
		    int replace, struct strbuf *err)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	char *dir = !slash ? xstrdup(".")
			   : xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
	int rc = replace ? fileio_replace(dir, name, data, len, mode, err)
			 : fileio_create_atomic(dir, name, data, len, mode, err);
	if (rc < 0 && !replace && errno == EEXIST) {
		/* Made meanwhile: as when it was there at first. */
		strbuf_reset(err);
		add_exists(err, path);
		rc = EXPORT_EXISTS;
	}
	free(dir);
	return rc;
}

/* "exported 12 starred papers to PATH", "... 1 paper kept for later ...",
 * "... 3 papers ...". */
static void add_exported(struct strbuf *out, size_t n, unsigned marks, const char *path)
{
	struct strbuf shown = STRBUF_INIT;
	strbuf_addpath(&shown, path);
	/* TRANSLATORS: how many papers, then the file. */
	if (marks == MARK_STAR)
		strbuf_addf(out, ngettext("exported %zu starred paper to %s",
					  "exported %zu starred papers to %s", (unsigned long)n),
			    n, shown.buf);
	else if (marks == MARK_LATER)
		strbuf_addf(out, ngettext("exported %zu paper kept for later to %s",
					  "exported %zu papers kept for later to %s", (unsigned long)n),
			    n, shown.buf);
	else
		strbuf_addf(out, ngettext("exported %zu paper to %s", "exported %zu papers to %s",
					  (unsigned long)n), n, shown.buf);
	strbuf_release(&shown);
}

int export_to_file(const struct archive *a, const struct marks *m,
		   export_facts_fn facts, void *ctx, const struct export_request *r,
		   const char *base_dir, struct strbuf *msg, struct strbuf *err)
{
	struct strbuf path = STRBUF_INIT, target = STRBUF_INIT, data = STRBUF_INIT;
	enum export_format fmt;
	mode_t mode;
	int rc = -1, there;
	if (resolve_path(r->path, base_dir, &path, err) < 0)
		goto out;
	if (r->format ? export_format_parse(r->format, &fmt) < 0
		      : export_format_for_path(path.buf, &fmt) < 0) {
		if (r->format) {
			strbuf_addf(err, _("unknown format '%s' (markdown, bibtex or tsv)"),
				    r->format);
		} else {
			struct strbuf shown = STRBUF_INIT;
			strbuf_addpath(&shown, r->path);
			strbuf_addf(err, _("cannot tell the format of %s: end its name in .bib, .md "
					   "or .tsv, or add --format bibtex|markdown|tsv"), shown.buf);
			strbuf_release(&shown);
		}
		goto out;
	}
	there = existing_file(path.buf, &target, &mode, err);
	if (there < 0)
		goto out;
	if (there && !r->overwrite) {
		add_exists(err, path.buf);
		rc = EXPORT_EXISTS;
		goto out;
	}
	size_t n = export_make_notes(a, m, r->notes, r->marks, fmt, facts, ctx, &data);
	rc = write_at(target.len ? target.buf : path.buf, data.buf ? data.buf : "",
		      data.len, mode, there, err);
	if (rc == 0)
		add_exported(msg, n, r->marks, path.buf);
out:
	strbuf_release(&path);
	strbuf_release(&target);
	strbuf_release(&data);
	return rc;
}
