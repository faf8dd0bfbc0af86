/* facts_hf: reads the Hugging Face daily-papers answer (JSON, with jansson)
 * into paper facts (see facts.h). */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "arxiv.h"
#include "facts.h"
#include "i18n.h"
#include "jsoncap.h"
#include "strbuf.h"
#include "util.h"

static char *str_member(json_t *o, const char *key, size_t max)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? facts_clean_text(json_string_value(v),
						    json_string_length(v), max) : NULL;
}

/* "2025-09-29T14:01:02.000Z" -> "2025-09-29"; NULL when it is no date. */
static char *date_member(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	const char *s = json_is_string(v) ? json_string_value(v) : "";
	if (json_string_length(v) < 10 || strspn(s, "0123456789") != 4 || s[4] != '-' ||
	    strspn(s + 5, "0123456789") != 2 || s[7] != '-' || strspn(s + 8, "0123456789") < 2)
		return NULL;
	return xstrndup(s, 10);
}

/* An http(s) URL without blanks or controls (it may be opened in a browser). */
static char *url_member(json_t *o, const char *key)
{
	char *u = str_member(o, key, FACTS_MAX_NAME);
	if (u && ((strncmp(u, "https://", 8) && strncmp(u, "http://", 7)) ||
		  strpbrk(u, " \"'<>\\`"))) {
		free(u);
		u = NULL;
	}
	return u;
}

static void read_paper(json_t *elem, struct facts_list *out)
{
	json_t *p = json_object_get(elem, "paper");
	if (!json_is_object(p))
		return;
	json_t *idv = json_object_get(p, "id");
	char *id = json_is_string(idv) && json_string_length(idv) < 64
			   ? arxiv_id_normalize(json_string_value(idv)) : NULL;
	if (!id)
		return;
	struct paper_facts *f = facts_list_add(out);
	f->id = id;
	f->origin = FACTS_FROM_HF;
	f->title = str_member(p, "title", FACTS_MAX_NAME);
	if (!f->title)
		f->title = str_member(elem, "title", FACTS_MAX_NAME);
	f->abstract = str_member(p, "summary", FACTS_MAX_TEXT);
	f->published = date_member(p, "publishedAt");
	f->code_url = url_member(p, "githubRepo");
	json_t *up = json_object_get(p, "upvotes");
	if (json_is_integer(up) && json_integer_value(up) >= 0 &&
	    json_integer_value(up) <= 10000000)
		f->upvotes = (int)json_integer_value(up);
	json_t *authors = json_object_get(p, "authors");
	size_t n = json_is_array(authors) ? json_array_size(authors) : 0;
	for (size_t i = 0; i < n && f->nauthors < FACTS_MAX_AUTHORS; i++) {
		json_t *a = json_array_get(authors, i);
		char *name = json_is_object(a) ? str_member(a, "name", FACTS_MAX_NAME) : NULL;
		if (!name)
			continue;
		f->authors = xrealloc(f->authors, sizeof(*f->authors) * (f->nauthors + 1));
		f->authors[f->nauthors++] = name;
	}
}

int facts_parse_hf(const char *data, size_t len, struct facts_list *out,
		   struct strbuf *err)
{
	if (len > FACTS_MAX_BYTES) {
		strbuf_addstr(err, _("the answer is larger than 4 MiB"));
		return -1;
	}
	/* A \u0000 in a string is let in, to be dropped with the other controls. */
	json_t *root = jsoncap_load(data, len, FACTS_MAX_DEPTH, JSON_ALLOW_NUL, _("the answer"), err);
	if (!root)
		return -1;
	if (!json_is_array(root)) {
		strbuf_addstr(err, _("the answer is not a JSON array of papers"));
		json_decref(root);
		return -1;
	}
	size_t n = json_array_size(root);
	for (size_t i = 0; i < n; i++)
		read_paper(json_array_get(root, i), out);
	json_decref(root);
	return 0;
}
