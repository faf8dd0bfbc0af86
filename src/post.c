/* post: the digest post parser (see post.h).
 *
 * A post is front matter, then papers: each a numbered heading (level 1-3)
 * linking to arXiv, a preamble (Alphaxiv quote line, metadata such as
 * `제목:` / `arXiv:` lines), then sections under deeper headings. The Markdown
 * is parsed by cmark; this file walks the AST and never re-parses lines of
 * Markdown itself, except to recover the two known broken heading forms. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>
#include <unistr.h>

#include "arxiv.h"
#include "frontmatter.h"
#include "i18n.h"
#include "fileio.h"
#include "post.h"
#include "scratch.h"
#include "strbuf.h"
#include "utf8.h"
#include "util.h"

/* Lists and quotes nested deeper than this are flattened into their parent's
 * depth: the view cannot indent further usefully, and hostile posts nest
 * thousands deep. */
#define MAX_BLOCK_DEPTH 8

/* ---- input repair --------------------------------------------------- */

/* Makes the bytes valid UTF-8 without NULs and without a BOM, copying only
 * when something needs repair. Returns the text to parse. */
static const char *repair_input(const char *data, size_t *len, struct strbuf *buf)
{
	const uint8_t *s = (const uint8_t *)data;
	size_t n = *len;
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		s += 3, n -= 3;
	size_t valid = utf8_valid_prefix((const char *)s, n);
	if (valid == n) {
		*len = n;
		return (const char *)s;
	}
	strbuf_grow(buf, n + n / 2);
	strbuf_add(buf, s, valid);
	for (size_t i = valid; i < n;) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, s + i, n - i);
		if (uc == 0 || uc == 0xFFFD)
			strbuf_add(buf, "\xEF\xBF\xBD", 3);
		else
			strbuf_add(buf, s + i, (size_t)k);
		i += (size_t)k;
	}
	*len = buf->len;
	return buf->buf;
}

/* ---- display math ----------------------------------------------------- */

/* A line of s[0, n) at `at`: its end (before '\n'), and where its text
 * starts (after the indent). */
static size_t line_end(const char *s, size_t n, size_t at)
{
	const char *nl = memchr(s + at, '\n', n - at);
	return nl ? (size_t)(nl - s) : n;
}

static size_t skip_indent(const char *s, size_t at, size_t end)
{
	while (at < end && (s[at] == ' ' || s[at] == '\t'))
		at++;
	return at;
}

/* Does the line s[a, e) (indent skipped, CR and blanks dropped at the end)
 * end with "$$"? Sets *e to the trimmed end. */
static int ends_dollars(const char *s, size_t a, size_t *e)
{
	while (*e > a && (s[*e - 1] == ' ' || s[*e - 1] == '\t' || s[*e - 1] == '\r'))
		(*e)--;
	return *e - a >= 2 && s[*e - 2] == '$' && s[*e - 1] == '$';
}

#define MATH_FENCE "~~~~~~~~~~"

/* Markdown has no display math, and inside a paragraph a "$$" block's lines
 * would be joined (or read as list items: "+ x"). Each block of lines from
 * one starting with "$$" to one ending with "$$" (maybe the same) becomes a
 * fenced code block with the info string "math", so that it keeps its own
 * lines, verbatim. Code fences are left alone. Returns the text to parse:
 * s itself when it has no such block. */
static const char *fence_display_math(const char *s, size_t *len, struct strbuf *buf)
{
	size_t n = *len;
	/* Most posts have no '$' at all: memchr skips them fastest. */
	const char *d = memchr(s, '$', n);
	while (d && (size_t)(d - s) + 1 < n && d[1] != '$')
		d = memchr(d + 1, '$', n - (size_t)(d + 1 - s));
	if (!d || (size_t)(d - s) + 1 >= n)
		return s;
	size_t copied = 0, at = 0;
	char fence = 0;
	size_t fence_len = 0;
	while (at < n) {
		size_t end = line_end(s, n, at), a = skip_indent(s, at, end);
		size_t next = end < n ? end + 1 : n;
		if (fence) {
			size_t k = a;
			while (k < end && s[k] == fence)
				k++;
			if (k - a >= fence_len && skip_indent(s, k, end) >= end - (s[end - 1] == '\r'))
				fence = 0;
			at = next;
			continue;
		}
		if (end - a >= 3 && (s[a] == '`' || s[a] == '~') && s[a + 1] == s[a] &&
		    s[a + 2] == s[a]) {
			fence = s[a];
			fence_len = 3;
			while (a + fence_len < end && s[a + fence_len] == fence)
				fence_len++;
			at = next;
			continue;
		}
		if (end - a < 2 || s[a] != '$' || s[a + 1] != '$') {
			at = next;
			continue;
		}
		/* The closing line: this one when it ends with "$$" after text of
		 * its own, else the next line that does. */
		size_t e = end, close = at;
		int found = ends_dollars(s, a, &e) && e - a >= 4;
		if (!found) {
			close = next;
			while (close < n) {
				size_t ce = line_end(s, n, close), ca = skip_indent(s, close, ce);
				size_t cend = ce;
				if (ends_dollars(s, ca, &cend) || cend == ca) {
					/* Its end, or a blank line: no block then. */
					found = cend > ca;
					break;
				}
				close = ce < n ? ce + 1 : n;
			}
		}
		if (!found || memmem(s + at, line_end(s, n, close) - at, MATH_FENCE,
				     sizeof(MATH_FENCE) - 1)) {
			at = next;
			continue;
		}
		size_t last = line_end(s, n, close);
		size_t after = last < n ? last + 1 : n;
		strbuf_add(buf, s + copied, at - copied);
		if (buf->len && buf->buf[buf->len - 1] != '\n')
			strbuf_addch(buf, '\n');
		strbuf_add(buf, s + at, a - at);       /* the block's indent */
		strbuf_addstr(buf, MATH_FENCE "math\n");
		strbuf_add(buf, s + at, last - at);
		strbuf_addch(buf, '\n');
		strbuf_add(buf, s + at, a - at);
		strbuf_addstr(buf, MATH_FENCE "\n");
		copied = at = after;
	}
	if (!buf->len)
		return s;
	strbuf_add(buf, s + copied, n - copied);
	*len = buf->len;
	return buf->buf;
}

/* ---- inline text ---------------------------------------------------- */

/* The number of the paper's reference to url ("[1]"), added to its links
 * when new: a link in the text keeps its URL, listed under the paper. */
static int paper_reference(struct paper *p, const char *url)
{
	int n = 0;
	for (size_t i = 0; i < p->nlinks; i++) {
		const char *l = p->links[i].label;
		if (l[0] != '[' || !isdigit((unsigned char)l[1]))
			continue;
		n++;
		if (!strcmp(p->links[i].url, url))
			return atoi(l + 1);
	}
	char label[24];
	snprintf(label, sizeof(label), "[%d]", n + 1);
	paper_add_link(p, label, url);
	return n + 1;
}

/* Collects the inline content under `node` as styled text. Raw HTML is kept
 * literally (a title may begin with `<think>`). Soft breaks become spaces, or
 * newlines when keep_lines is set; hard breaks become newlines. The first
 * link's destination is returned in *first_url when asked for. With refs,
 * a link whose text is not its URL is followed by its reference number
 * ("[1]") and its URL joins refs' links. An image shows as "[image: alt]". */
static void collect_inlines(cmark_node *node, struct text *t, unsigned base,
			    int keep_lines, char **first_url, struct paper *refs)
{
	cmark_iter *it = cmark_iter_new(node);
	int emph = 0, strong = 0, link = 0;
	size_t link_start = 0;
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *cur = cmark_iter_get_node(it);
		int delta = ev == CMARK_EVENT_ENTER ? 1 : -1;
		unsigned style = base | (emph ? STYLE_EMPH : 0) |
				 (strong ? STYLE_STRONG : 0) | (link ? STYLE_LINK : 0);
		const char *lit;
		switch (cmark_node_get_type(cur)) {
		case CMARK_NODE_EMPH:
			emph += delta;
			break;
		case CMARK_NODE_STRONG:
			strong += delta;
			break;
		case CMARK_NODE_LINK:
			link += delta;
			if (ev == CMARK_EVENT_ENTER && first_url && !*first_url &&
			    cmark_node_get_url(cur))
				*first_url = xstrdup(cmark_node_get_url(cur));
			if (ev == CMARK_EVENT_ENTER) {
				link_start = t->len;
			} else if (refs && (lit = cmark_node_get_url(cur)) && *lit &&
				   !(t->len - link_start == strlen(lit) &&
				     !memcmp(t->s + link_start, lit, strlen(lit)))) {
				char ref[24];
				snprintf(ref, sizeof(ref), "[%d]", paper_reference(refs, lit));
				text_append_str(t, ref, (style & ~STYLE_LINK) | STYLE_DIM);
			}
			break;
		case CMARK_NODE_IMAGE:
			if (ev == CMARK_EVENT_ENTER && first_url && !*first_url &&
			    cmark_node_get_url(cur))
				*first_url = xstrdup(cmark_node_get_url(cur));
			text_append_str(t, ev == CMARK_EVENT_ENTER ? "[image: " : "]",
					style | STYLE_DIM);
			break;
		case CMARK_NODE_TEXT:
		case CMARK_NODE_HTML_INLINE:
			if ((lit = cmark_node_get_literal(cur)))
				text_append_str(t, lit, style);
			break;
		case CMARK_NODE_CODE:
			if ((lit = cmark_node_get_literal(cur)))
				text_append_str(t, lit, style | STYLE_CODE);
			break;
		case CMARK_NODE_SOFTBREAK:
			text_append_str(t, keep_lines ? "\n" : " ", style);
			break;
		case CMARK_NODE_LINEBREAK:
			text_append_str(t, "\n", style);
			break;
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK:
			/* Only reached when flattening a deep subtree. */
			if (ev == CMARK_EVENT_ENTER &&
			    (lit = cmark_node_get_literal(cur)))
				text_append_str(t, lit, style);
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			if (ev == CMARK_EVENT_EXIT && cur != node && t->len)
				text_append_str(t, " ", style);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* Drops trailing white space (including hard-break newlines), in place. */
static void text_trim_end(struct text *t)
{
	size_t n = t->len;
	while (n && isspace((unsigned char)t->s[n - 1]))
		n--;
	if (n == t->len)
		return;
	while (t->nspans && t->spans[t->nspans - 1].start >= n)
		t->nspans--;
	if (t->nspans)
		t->spans[t->nspans - 1].len = (uint32_t)(n - t->spans[t->nspans - 1].start);
	t->len = (uint32_t)n;
	t->s[n] = '\0';
}

static size_t leading_space(const struct text *t)
{
	size_t n = 0;
	while (n < t->len && isspace((unsigned char)t->s[n]))
		n++;
	return n;
}

/* ---- block sinks: a section, or a paper's preamble --------------------- */

struct sink {
	struct paper *paper;
	struct section *section; /* NULL: the paper's preamble */
};

static struct block *sink_add(const struct sink *k, enum block_kind kind)
{
	return k->section ? section_add_block(k->section, kind)
			  : paper_add_preamble(k->paper, kind);
}

/* "Goal: ..." — a short label (at most three words of letters) before a colon
 * at the very start of a bullet. The label is stored apart and styled. */
static void split_label(struct block *b)
{
	const char *s = b->text.s;
	if (!s)
		return;
	size_t max = b->text.len < 48 ? b->text.len : 48, i = 0;
	int words = 1;
	for (; i < max; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ':')
			break;
		if (!strncmp(s + i, "\xEF\xBC\x9A", 3)) /* fullwidth colon */
			break;
		if (c == ' ') {
			if (i == 0 || s[i - 1] == ' ' || ++words > 3)
				return;
		} else if (!(isalpha(c) || c >= 0x80 || c == '-' || c == '/' ||
			     c == '&')) {
			return;
		}
	}
	if (i == 0 || i == max || s[i - 1] == ' ')
		return;
	size_t colon_len = s[i] == ':' ? 1 : 3;
	size_t after = i + colon_len;
	if (after < b->text.len && s[after] != ' ')
		return; /* "http://..." or "a:b" is not a label */
	b->label = xstrndup(s, i);
	text_remove_prefix(&b->text, after);
	text_remove_prefix(&b->text, leading_space(&b->text));
}

static void add_text_block(const struct sink *k, enum block_kind kind, int depth,
			   int ordinal, cmark_node *node, int keep_lines)
{
	struct block *b = sink_add(k, kind);
	b->depth = depth;
	b->ordinal = ordinal;
	collect_inlines(node, &b->text, kind == BLOCK_QUOTE ? STYLE_QUOTE : 0,
			keep_lines, NULL, k->paper);
	text_remove_prefix(&b->text, leading_space(&b->text));
	text_trim_end(&b->text);
	if (kind == BLOCK_BULLET)
		split_label(b);
}

static void add_blocks(const struct sink *k, cmark_node *node, int depth,
		       enum block_kind kind, int ordinal);

static void add_list(const struct sink *k, cmark_node *list, int depth)
{
	int ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
	int number = ordered ? cmark_node_get_list_start(list) : 0;
	for (cmark_node *item = cmark_node_first_child(list); item;
	     item = cmark_node_next(item), number += ordered) {
		int first = 1;
		for (cmark_node *c = cmark_node_first_child(item); c;
		     c = cmark_node_next(c)) {
			/* The item's first paragraph carries the bullet; later
			 * ones continue it as indented paragraphs. */
			if (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH && first)
				add_text_block(k, BLOCK_BULLET, depth, number, c, 0);
			else
				add_blocks(k, c, depth + 1, BLOCK_PARAGRAPH, 0);
			first = 0;
		}
		if (first) /* an empty item still shows its bullet */
			add_text_block(k, BLOCK_BULLET, depth, number, item, 0);
	}
}

/* Adds the block-level node as model blocks. `kind` is what a paragraph
 * becomes here (a paragraph inside a quote is a quote block). */
static void add_blocks(const struct sink *k, cmark_node *node, int depth,
		       enum block_kind kind, int ordinal)
{
	if (depth > MAX_BLOCK_DEPTH) {
		add_text_block(k, kind, MAX_BLOCK_DEPTH, 0, node, 0);
		return;
	}
	const char *lit;
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_PARAGRAPH:
	case CMARK_NODE_HEADING:
		add_text_block(k, kind, depth, ordinal, node, 0);
		break;
	case CMARK_NODE_LIST:
		add_list(k, node, depth);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		for (cmark_node *c = cmark_node_first_child(node); c;
		     c = cmark_node_next(c))
			add_blocks(k, c, depth + 1, BLOCK_QUOTE, 0);
		break;
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_HTML_BLOCK:
		/* Shown literally: raw HTML in a post is text to the reader. */
		if ((lit = cmark_node_get_literal(node)) && *lit) {
			struct block *b = sink_add(k, BLOCK_CODE);
			b->depth = depth;
			text_append_str(&b->text, lit,
					cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK
						? STYLE_CODE : 0);
			text_trim_end(&b->text);
		}
		break;
	default: /* thematic breaks and the like carry no text */
		break;
	}
}

/* ---- paper headings ----------------------------------------------------- */

/* Length of a "12. " / "12) " prefix, or 0; the number goes to *number. */
static size_t number_prefix(const char *s, size_t len, int *number)
{
	size_t i = 0;
	long n = 0;
	while (i < len && i < 6 && isdigit((unsigned char)s[i]))
		n = n * 10 + (s[i++] - '0');
	if (i == 0 || i >= len || (s[i] != '.' && s[i] != ')'))
		return 0;
	i++;
	if (i < len && s[i] != ' ')
		return 0;
	while (i < len && s[i] == ' ')
		i++;
	*number = (int)n;
	return i;
}

static int is_arxiv_url(const char *url)
{
	return url && strstr(url, "arxiv.org/");
}

/* Sets the paper's URL and ID from a URL, unless it has them already. */
static void paper_set_url(struct paper *p, const char *url, size_t len)
{
	while (len && isspace((unsigned char)url[len - 1]))
		len--;
	if (!len)
		return;
	if (!p->url)
		p->url = xstrndup(url, len);
	if (!p->arxiv_id) {
		char *u = xstrndup(url, len);
		p->arxiv_id = arxiv_id_from_url(u);
		if (!p->arxiv_id)
			p->arxiv_id = arxiv_id_normalize(u);
		free(u);
	}
}

/* Metadata lines of the older blog form: `제목: title`, `arXiv: url`. Returns 1
 * when the line was one (and has been applied). */
static int apply_metadata_line(struct paper *p, const char *line, size_t n)
{
	static const struct { const char *key; int is_title; } keys[] = {
		{ "제목", 1 }, { "Title", 1 }, { "arXiv", 0 }, { "arxiv", 0 },
		{ "ArXiv", 0 }, { "URL", 0 }, { "Link", 0 },
	};
	while (n && isspace((unsigned char)*line))
		line++, n--;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		size_t kl = strlen(keys[i].key);
		if (n <= kl || memcmp(line, keys[i].key, kl))
			continue;
		size_t j = kl;
		while (j < n && line[j] == ' ')
			j++;
		if (j < n && line[j] == ':')
			j++;
		else if (j + 3 <= n && !memcmp(line + j, "\xEF\xBC\x9A", 3))
			j += 3;
		else
			continue;
		while (j < n && isspace((unsigned char)line[j]))
			j++;
		if (keys[i].is_title) {
			if (!p->title.len)
				text_append(&p->title, line + j, n - j, 0);
		} else {
			paper_set_url(p, line + j, n - j);
		}
		return 1;
	}
	return 0;
}

/* A paragraph of the preamble: metadata lines are applied; what is left is
 * kept as a preamble paragraph. `skip` bytes at the start were already used. */
static void add_preamble_paragraph(struct paper *p, cmark_node *para, size_t skip)
{
	struct text t;
	text_init(&t);
	collect_inlines(para, &t, 0, 1, NULL, NULL);
	struct strbuf rest = STRBUF_INIT;
	int had_meta = 0;
	for (size_t i = skip < t.len ? skip : t.len; i < t.len;) {
		const char *eol = memchr(t.s + i, '\n', t.len - i);
		size_t n = eol ? (size_t)(eol - (t.s + i)) : t.len - i;
		if (apply_metadata_line(p, t.s + i, n)) {
			had_meta = 1;
		} else if (n) {
			if (rest.len)
				strbuf_addch(&rest, ' ');
			strbuf_add(&rest, t.s + i, n);
		}
		i += n + 1;
	}
	if (!had_meta && !skip) {
		/* Ordinary text: keep its styles. */
		strbuf_release(&rest);
		text_free(&t);
		struct sink k = { p, NULL };
		add_text_block(&k, BLOCK_PARAGRAPH, 0, 0, para, 0);
		return;
	}
	if (rest.len) {
		struct block *b = paper_add_preamble(p, BLOCK_PARAGRAPH);
		text_append(&b->text, rest.buf, rest.len, 0);
		text_collapse_space(&b->text);
	}
	strbuf_release(&rest);
	text_free(&t);
}

/* A block that is nothing but links ("> [Alphaxiv](url)", "[PDF](u) | [Code](v)")
 * becomes the paper's links. Returns 1 when it was such a block. */
static int take_link_block(struct paper *p, cmark_node *node)
{
	struct strbuf other = STRBUF_INIT;
	int nlinks = 0, ok = 1, in_link = 0;
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *cur = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(cur);
		if (type == CMARK_NODE_LINK) {
			in_link += ev == CMARK_EVENT_ENTER ? 1 : -1;
			nlinks += ev == CMARK_EVENT_ENTER;
		} else if (type == CMARK_NODE_TEXT && !in_link) {
			strbuf_addstr(&other, cmark_node_get_literal(cur));
		} else if (type == CMARK_NODE_CODE || type == CMARK_NODE_HTML_INLINE ||
			   type == CMARK_NODE_IMAGE || type == CMARK_NODE_LIST) {
			ok = 0;
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < other.len; i++)
		if (!strchr(" \t|·,-/()[]", other.buf[i]) &&
		    (unsigned char)other.buf[i] < 0x80)
			ok = 0;
	strbuf_release(&other);
	if (!ok || !nlinks)
		return 0;

	it = cmark_iter_new(node);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *cur = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(cur) != CMARK_NODE_LINK)
			continue;
		struct text label;
		text_init(&label);
		collect_inlines(cur, &label, 0, 0, NULL, NULL);
		text_collapse_space(&label);
		const char *url = cmark_node_get_url(cur);
		if (url && *url)
			paper_add_link(p, label.len ? label.s : url, url);
		text_free(&label);
	}
	cmark_iter_free(it);
	return 1;
}

/* Plain text of a paragraph or code block, soft breaks as newlines. */
static void node_lines(cmark_node *node, struct text *t)
{
	if (cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK) {
		const char *lit = cmark_node_get_literal(node);
		if (lit)
			text_append_str(t, lit, 0);
	} else {
		collect_inlines(node, t, 0, 1, NULL, NULL);
	}
}

/* The broken heading forms: `### 1. [First part of the title` whose link text
 * ran over a blank line or onto an indented next line, so the heading has no
 * link and the next block starts with `rest of the title](URL)`. Joins them.
 * Returns how many bytes of the next block's text were used (0: not broken). */
static size_t recover_broken_heading(struct paper *p, cmark_node *next)
{
	if (!next || p->url || !p->title.len || p->title.s[0] != '[')
		return 0;
	cmark_node_type type = cmark_node_get_type(next);
	if (type != CMARK_NODE_PARAGRAPH && type != CMARK_NODE_CODE_BLOCK)
		return 0;
	struct text t;
	text_init(&t);
	node_lines(next, &t);
	size_t used = 0;
	const char *eol = t.s ? memchr(t.s, '\n', t.len) : NULL;
	size_t first = eol ? (size_t)(eol - t.s) : t.len;
	const char *close = first ? memmem(t.s, first, "](", 2) : NULL;
	const char *paren = close ? memchr(close + 2, ')', first - (size_t)(close + 2 - t.s)) : NULL;
	if (paren) {
		text_remove_prefix(&p->title, 1); /* the '[' */
		text_append(&p->title, " ", 1, 0);
		size_t lead = leading_space(&t);
		text_append(&p->title, t.s + lead, (size_t)(close - t.s) - lead, 0);
		paper_set_url(p, close + 2, (size_t)(paren - close - 2));
		used = (size_t)(paren + 1 - t.s);
	}
	text_free(&t);
	return used;
}

/* Reads a heading: is it a paper heading? Fills title, number, URL if so. */
static int read_paper_heading(cmark_node *h, int level_limit, struct text *title,
			      int *number, char **url)
{
	collect_inlines(h, title, 0, 0, url, NULL);
	text_collapse_space(title);
	if (cmark_node_get_heading_level(h) > level_limit)
		return 0;
	size_t skip = number_prefix(title->s ? title->s : "", title->len, number);
	if (!skip && !is_arxiv_url(*url))
		return 0;
	text_remove_prefix(title, skip);
	return 1;
}

struct walk {
	struct digest *d;
	struct paper *paper;     /* current paper, or NULL before the first */
	struct section *section; /* current section, or NULL in the preamble */
	int paper_level;         /* heading level of papers, once known */
};

static void walk_heading(struct walk *w, cmark_node *h, cmark_node **next)
{
	struct text title;
	int number = 0;
	char *url = NULL;
	text_init(&title);
	int limit = w->paper_level ? w->paper_level : 3;
	if (read_paper_heading(h, limit, &title, &number, &url)) {
		if (!w->paper_level)
			w->paper_level = cmark_node_get_heading_level(h);
		struct paper *p = digest_add_paper(w->d);
		p->number = number ? number : (int)w->d->npapers;
		p->title = title;
		if (url)
			paper_set_url(p, url, strlen(url));
		free(url);
		w->paper = p;
		w->section = NULL;
		size_t used = recover_broken_heading(p, *next);
		if (used) {
			text_collapse_space(&p->title);
			if (cmark_node_get_type(*next) == CMARK_NODE_PARAGRAPH)
				add_preamble_paragraph(p, *next, used);
			*next = cmark_node_next(*next);
		}
		return;
	}
	free(url);
	if (w->paper) {
		w->section = paper_add_section(w->paper, title.s ? title.s : "");
	}
	text_free(&title);
}

static void walk_block(struct walk *w, cmark_node *node)
{
	if (!w->paper)
		return; /* text before the first paper: the digest's own intro */
	if (w->section) {
		struct sink k = { w->paper, w->section };
		add_blocks(&k, node, 0, BLOCK_PARAGRAPH, 0);
		return;
	}
	cmark_node_type type = cmark_node_get_type(node);
	if ((type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_PARAGRAPH) &&
	    take_link_block(w->paper, node))
		return;
	if (type == CMARK_NODE_PARAGRAPH) {
		add_preamble_paragraph(w->paper, node, 0);
		return;
	}
	struct sink k = { w->paper, NULL };
	add_blocks(&k, node, 0, BLOCK_PARAGRAPH, 0);
}

/* cmark's tree of one post lives in a scratch allocator: a post makes
 * thousands of small nodes and strings that die together, which malloc
 * would allocate and free one by one. cmark's allocator takes no context,
 * hence one file-wide scratch; post_parse is never re-entered. */
static struct scratch tree = SCRATCH_INIT;

static void *tree_calloc(size_t count, size_t size)
{
	return scratch_calloc(&tree, count, size);
}

static void *tree_realloc(void *p, size_t n)
{
	return scratch_realloc(&tree, p, n);
}

static void tree_free(void *p)
{
	(void)p; /* scratch_reset frees it with the rest of the tree */
}

static cmark_mem tree_mem = { tree_calloc, tree_realloc, tree_free };

int post_parse(const char *data, size_t len, const char *path,
	       struct digest *d, const char **why)
{
	struct strbuf repaired = STRBUF_INIT;
	memset(d, 0, sizeof(*d));
	d->path = xstrdup(path ? path : "-");
	if (len == 0) {
		*why = N_("empty file");
		digest_free(d);
		return -1;
	}
	const char *s = repair_input(data, &len, &repaired);
	size_t body = frontmatter_parse(s, len, d);
	if (!d->date)
		d->date = frontmatter_date_from_name(d->path);

	struct strbuf math = STRBUF_INIT;
	size_t blen = len - body;
	const char *b = fence_display_math(s + body, &blen, &math);
	cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, &tree_mem);
	cmark_parser_feed(parser, b, blen);
	cmark_node *doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	struct walk w = { d, NULL, NULL, 0 };
	for (cmark_node *node = cmark_node_first_child(doc), *next; node; node = next) {
		next = cmark_node_next(node);
		if (cmark_node_get_type(node) == CMARK_NODE_HEADING)
			walk_heading(&w, node, &next);
		else
			walk_block(&w, node);
	}
	/* The whole tree goes at once: freeing node by node would cost as
	 * much as building it. */
	scratch_reset(&tree);
	strbuf_release(&math);
	strbuf_release(&repaired);

	if (!body && !d->npapers) {
		*why = N_("not a digest post (no front matter and no numbered paper headings)");
		digest_free(d);
		return -1;
	}
	digest_compact(d);
	return 0;
}

int post_load(const char *path, struct digest *d, struct strbuf *err)
{
	char *data;
	size_t len;
	if (fileio_read(path, FILEIO_FILE_MAX, 0, &data, &len, err) < 0) {
		memset(d, 0, sizeof(*d));
		return -1;
	}
	const char *why = NULL;
	int rc = post_parse(data, len, path, d, &why);
	if (rc < 0) {
		strbuf_addpath(err, path);
		strbuf_addf(err, ": %s", _(why));
	}
	free(data);
	return rc;
}

void post_parse_blocks(const char *md, size_t len, struct section *s)
{
	cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, &tree_mem);
	cmark_parser_feed(parser, md, len);
	cmark_node *doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	/* No paper: a link keeps its text, and lists no reference. */
	struct sink k = { NULL, s };
	for (cmark_node *node = cmark_node_first_child(doc); node; node = cmark_node_next(node))
		add_blocks(&k, node, 0, BLOCK_PARAGRAPH, 0);
	scratch_reset(&tree);
}
