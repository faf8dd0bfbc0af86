/* facts_arxiv: reads the arXiv API's Atom feed (XML, with expat) into paper
 * facts (see facts.h). No DTD is read: a DOCTYPE or an entity declaration
 * stops the parse, so no entity can expand (billion laughs) or reach out
 * (external entities). */
#include "config.h"

#include <expat.h>
#include <stdlib.h>
#include <string.h>

#include "arxiv.h"
#include "facts.h"
#include "i18n.h"
#include "strbuf.h"
#include "util.h"

#define NS_ATOM "http://www.w3.org/2005/Atom|"
#define NS_ARXIV "http://arxiv.org/schemas/atom|"

enum field {
	F_NONE,
	F_ID,
	F_TITLE,
	F_SUMMARY,
	F_PUBLISHED,
	F_COMMENT,
	F_AUTHOR_NAME,
};

struct reader {
	XML_Parser p;
	struct facts_list *out;
	const char *refused;     /* why the parse was stopped (N_()), or NULL */
	int depth;
	int entry_depth;         /* depth of the <entry> we are in, or 0 */
	int in_author;
	enum field field;
	struct strbuf text;      /* of the field being read */
	struct paper_facts cur;  /* the entry being read */
	char *id_url;
};

static void stop(struct reader *r, const char *why)
{
	if (!r->refused)
		r->refused = why;
	XML_StopParser(r->p, XML_FALSE);
}

static const char *attr(const XML_Char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (!strcmp(atts[i], name))
			return atts[i + 1];
	return NULL;
}

static void add_category(struct paper_facts *f, const char *term)
{
	char *t = term ? facts_clean_text(term, strlen(term), 64) : NULL;
	if (!t)
		return;
	for (size_t i = 0; i < f->ncategories; i++)
		if (!strcmp(f->categories[i], t)) {
			free(t);
			return;
		}
	if (f->ncategories >= FACTS_MAX_CATEGORIES) {
		free(t);
		return;
	}
	f->categories = xrealloc(f->categories, sizeof(*f->categories) * (f->ncategories + 1));
	f->categories[f->ncategories++] = t;
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct reader *r = ud;
	if (++r->depth > FACTS_MAX_DEPTH) {
		stop(r, N_("the answer nests too deep"));
		return;
	}
	if (!r->entry_depth) {
		if (!strcmp(name, NS_ATOM "entry")) {
			r->entry_depth = r->depth;
			paper_facts_free(&r->cur);
			r->cur.origin = FACTS_FROM_ARXIV;
			free(r->id_url);
			r->id_url = NULL;
		}
		return;
	}
	r->field = F_NONE;
	strbuf_reset(&r->text);
	if (r->in_author && r->depth == r->entry_depth + 2 && !strcmp(name, NS_ATOM "name")) {
		r->field = F_AUTHOR_NAME;
		return;
	}
	if (r->depth != r->entry_depth + 1)
		return;
	if (!strcmp(name, NS_ATOM "id"))
		r->field = F_ID;
	else if (!strcmp(name, NS_ATOM "title"))
		r->field = F_TITLE;
	else if (!strcmp(name, NS_ATOM "summary"))
		r->field = F_SUMMARY;
	else if (!strcmp(name, NS_ATOM "published"))
		r->field = F_PUBLISHED;
	else if (!strcmp(name, NS_ARXIV "comment"))
		r->field = F_COMMENT;
	else if (!strcmp(name, NS_ATOM "author"))
		r->in_author = 1;
	else if (!strcmp(name, NS_ATOM "category"))
		add_category(&r->cur, attr(atts, "term"));
	else if (!strcmp(name, NS_ARXIV "primary_category") && !r->cur.primary_category) {
		const char *t = attr(atts, "term");
		r->cur.primary_category = t ? facts_clean_text(t, strlen(t), 64) : NULL;
	}
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct reader *r = ud;
	/* Past the cap the rest is dropped: facts_clean_text marks the cut. */
	if (r->field != F_NONE && len > 0 && r->text.len <= FACTS_MAX_TEXT)
		strbuf_add(&r->text, s, (size_t)len);
}

static void end_entry(struct reader *r)
{
	char *id = r->id_url ? arxiv_id_from_url(r->id_url) : NULL;
	if (!id)
		return; /* arXiv's error entries, and entries with no abs URL */
	struct paper_facts *f = facts_list_add(r->out);
	*f = r->cur;
	free(f->id);
	f->id = id;
	if (f->primary_category)
		add_category(f, f->primary_category);
	paper_facts_init(&r->cur);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	struct reader *r = ud;
	if (r->entry_depth && r->depth == r->entry_depth) {
		end_entry(r);
		r->entry_depth = 0;
		r->in_author = 0;
	} else if (r->entry_depth && r->field != F_NONE) {
		struct paper_facts *f = &r->cur;
		size_t max = r->field == F_SUMMARY || r->field == F_COMMENT ? FACTS_MAX_TEXT
									    : FACTS_MAX_NAME;
		char *t = facts_clean_text(r->text.buf, r->text.len, max);
		char **dst = NULL;
		switch (r->field) {
		case F_ID:
			dst = &r->id_url;
			break;
		case F_TITLE:
			dst = &f->title;
			break;
		case F_SUMMARY:
			dst = &f->abstract;
			break;
		case F_COMMENT:
			dst = &f->comment;
			break;
		case F_PUBLISHED:
			/* Only the YYYY-MM-DD of a timestamp; anything else
			 * (a cut there could split a character) is no date. */
			if (t && strspn(t, "0123456789") == 4 && t[4] == '-' &&
			    strspn(t + 5, "0123456789") == 2 && t[7] == '-' &&
			    strspn(t + 8, "0123456789") >= 2)
				t[10] = '\0';
			else
				free(t), t = NULL;
			dst = &f->published;
			break;
		case F_AUTHOR_NAME:
			if (t && f->nauthors < FACTS_MAX_AUTHORS) {
				f->authors = xrealloc(f->authors,
						      sizeof(*f->authors) * (f->nauthors + 1));
				f->authors[f->nauthors++] = t;
				t = NULL;
			}
			break;
		case F_NONE:
			break;
		}
		if (dst && !*dst) {
			*dst = t;
			t = NULL;
		}
		free(t);
		r->field = F_NONE;
	} else if (r->in_author && r->depth == r->entry_depth + 1 &&
		   !strcmp(name, NS_ATOM "author")) {
		r->in_author = 0;
	}
	r->depth--;
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
			       const XML_Char *pubid, int has_internal_subset)
{
	stop(ud, N_("the answer has a DOCTYPE (refused)"));
}

static void XMLCALL on_entity(void *ud, const XML_Char *name, int is_param,
			      const XML_Char *value, int value_length, const XML_Char *base,
			      const XML_Char *sysid, const XML_Char *pubid,
			      const XML_Char *notation)
{
	stop(ud, N_("the answer declares an entity (refused)"));
}

int facts_parse_arxiv(const char *data, size_t len, struct facts_list *out,
		      struct strbuf *err)
{
	if (len > FACTS_MAX_BYTES) {
		strbuf_addstr(err, _("the answer is larger than 4 MiB"));
		return -1;
	}
	struct reader r;
	memset(&r, 0, sizeof(r));
	r.out = out;
	strbuf_init(&r.text);
	paper_facts_init(&r.cur);
	r.p = XML_ParserCreateNS("UTF-8", '|');
	if (!r.p) {
		strbuf_addstr(err, _("out of memory"));
		return -1;
	}
	XML_SetUserData(r.p, &r);
	XML_SetElementHandler(r.p, on_start, on_end);
	XML_SetCharacterDataHandler(r.p, on_text);
	XML_SetStartDoctypeDeclHandler(r.p, on_doctype);
	XML_SetEntityDeclHandler(r.p, on_entity);
	XML_SetParamEntityParsing(r.p, XML_PARAM_ENTITY_PARSING_NEVER);
	size_t before = out->n;
	int ok = XML_Parse(r.p, data, (int)len, XML_TRUE) == XML_STATUS_OK && !r.refused;
	if (!ok) {
		if (r.refused)
			strbuf_addstr(err, _(r.refused));
		else
			/* TRANSLATORS: a line number, then what expat says. */
			strbuf_addf(err, _("the answer is not XML (line %lu: %s)"),
				    (unsigned long)XML_GetCurrentLineNumber(r.p),
				    XML_ErrorString(XML_GetErrorCode(r.p)));
		while (out->n > before)
			paper_facts_free(&out->v[--out->n]);
	}
	XML_ParserFree(r.p);
	paper_facts_free(&r.cur);
	free(r.id_url);
	strbuf_release(&r.text);
	return ok ? 0 : -1;
}
