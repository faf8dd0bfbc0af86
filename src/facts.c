/* facts: the paper facts model, cleaning hostile text, and the store (see
 * facts.h). The two readers are facts_hf.c and facts_arxiv.c. */
#include "config.h"

#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <uninorm.h>

#include "cache.h"
#include "facts.h"
#include "fileio.h"
#include "i18n.h"
#include "strbuf.h"
#include "utf8.h"
#include "util.h"

void paper_facts_init(struct paper_facts *f)
{
	memset(f, 0, sizeof(*f));
	f->upvotes = -1;
}

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void paper_facts_free(struct paper_facts *f)
{
	free(f->id);
	free(f->title);
	free(f->abstract);
	free_strings(f->authors, f->nauthors);
	free(f->primary_category);
	free_strings(f->categories, f->ncategories);
	free(f->comment);
	free(f->published);
	free(f->code_url);
	paper_facts_init(f);
}

void facts_list_init(struct facts_list *l)
{
	memset(l, 0, sizeof(*l));
}

void facts_list_free(struct facts_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		paper_facts_free(&l->v[i]);
	free(l->v);
	facts_list_init(l);
}

struct paper_facts *facts_list_add(struct facts_list *l)
{
	ALLOC_GROW(l->v, l->n, l->cap);
	paper_facts_init(&l->v[l->n]);
	return &l->v[l->n++];
}

/* ---- cleaning ------------------------------------------------------------ */

char *facts_clean_text(const char *s, size_t n, size_t max)
{
	if (!s)
		return NULL;
	struct strbuf out = STRBUF_INIT;
	int space = 0;   /* a blank is pending */
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		const char *add = s + i;
		size_t addlen = len;
		if (cp == UTF8_INVALID) {
			add = "\xEF\xBF\xBD"; /* U+FFFD */
			addlen = 3;
		} else if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xa0 ||
			   cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 ||
			   cp == 0x2029 || cp == 0x85) {
			space = 1;
			i += len;
			continue;
		} else if (utf8_unsafe(cp)) {
			i += len;
			continue;
		}
		i += len;
		size_t need = addlen + (space && out.len);
		if (out.len + need > max) {
			/* Cut at this character boundary, leaving room for the mark. */
			while (out.len && out.len + 3 > max) {
				size_t k = out.len - 1;
				while (k && ((unsigned char)out.buf[k] & 0xc0) == 0x80)
					k--;
				strbuf_setlen(&out, k);
			}
			strbuf_addstr(&out, "\xE2\x80\xA6"); /* … */
			break;
		}
		if (space && out.len)
			strbuf_addch(&out, ' ');
		space = 0;
		strbuf_add(&out, add, addlen);
	}
	if (!out.len) {
		strbuf_release(&out);
		return NULL;
	}
	return strbuf_detach(&out, NULL);
}

/* ---- BibTeX key -------------------------------------------------------------- */

/* s[0..n) folded to a-z0-9: decomposed (é -> e + accent), marks and
 * everything else dropped. */
static void fold_ascii(const char *s, size_t n, struct strbuf *out)
{
	size_t len = 0;
	uint8_t *d = u8_normalize(UNINORM_NFD, (const uint8_t *)s, n, NULL, &len);
	const char *p = d ? (const char *)d : s;
	size_t pn = d ? len : n;
	for (size_t i = 0; i < pn; i++) {
		char c = p[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			strbuf_addch(out, c);
	}
	free(d);
}

int facts_bibtex_key(const struct paper_facts *f, int year, struct strbuf *out)
{
	if (!f->nauthors)
		return -1;
	const char *name = f->authors[0];
	size_t end = strlen(name);
	while (end && name[end - 1] == ' ')
		end--;
	size_t start = end;
	while (start && name[start - 1] != ' ')
		start--;
	struct strbuf key = STRBUF_INIT;
	fold_ascii(name + start, end - start, &key);
	int letters = 0;
	for (size_t i = 0; i < key.len; i++)
		letters |= key.buf[i] >= 'a' && key.buf[i] <= 'z';
	if (!letters) {
		strbuf_release(&key);
		return -1;
	}
	if (year)
		strbuf_addf(&key, "%d", year);
	static const char *const articles[] = { "a", "an", "the", NULL };
	const char *t = f->title ? f->title : "";
	while (*t) {
		size_t wn = strcspn(t, " -:");
		struct strbuf w = STRBUF_INIT;
		fold_ascii(t, wn, &w);
		int skip = !w.len;
		for (size_t i = 0; !skip && articles[i]; i++)
			skip = !strcmp(w.buf, articles[i]);
		if (!skip)
			strbuf_add(&key, w.buf, w.len);
		strbuf_release(&w);
		if (!skip)
			break;
		t += wn;
		t += strspn(t, " -:");
	}
	strbuf_add(out, key.buf, key.len);
	strbuf_release(&key);
	return 0;
}

/* ---- JSON form --------------------------------------------------------------- */

static void set_str(json_t *o, const char *key, const char *v)
{
	if (v)
		json_object_set_new(o, key, json_string(v));
}

static void set_strings(json_t *o, const char *key, char **v, size_t n)
{
	if (!n)
		return;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	json_object_set_new(o, key, a);
}

void facts_to_json(const struct paper_facts *f, struct strbuf *out)
{
	json_t *o = json_object();
	set_str(o, "id", f->id);
	json_object_set_new(o, "fetched", json_integer(f->fetched));
	if (f->missing) {
		json_object_set_new(o, "missing", json_true());
		json_object_set_new(o, "tries", json_integer(f->tries));
	} else {
		json_object_set_new(o, "origin", json_string(f->origin == FACTS_FROM_HF
							      ? "huggingface" : "arxiv"));
		set_str(o, "title", f->title);
		set_strings(o, "authors", f->authors, f->nauthors);
		set_str(o, "abstract", f->abstract);
		set_str(o, "primary_category", f->primary_category);
		set_strings(o, "categories", f->categories, f->ncategories);
		set_str(o, "comment", f->comment);
		set_str(o, "published", f->published);
		set_str(o, "code", f->code_url);
		if (f->upvotes >= 0)
			json_object_set_new(o, "upvotes", json_integer(f->upvotes));
	}
	char *s = json_dumps(o, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
	json_decref(o);
	if (s) {
		strbuf_addstr(out, s);
		strbuf_addch(out, '\n');
		free(s);
	}
}

/* A string member, cleaned again (the file may have been edited). */
static char *get_str(json_t *o, const char *key, size_t max)
{
	json_t *v = json_object_get(o, key);
	if (!json_is_string(v))
		return NULL;
	return facts_clean_text(json_string_value(v), json_string_length(v), max);
}

static void get_strings(json_t *o, const char *key, size_t cap, char ***v, size_t *n)
{
	json_t *a = json_object_get(o, key);
	if (!json_is_array(a))
		return;
	size_t len = json_array_size(a);
	for (size_t i = 0; i < len && *n < cap; i++) {
		json_t *e = json_array_get(a, i);
		char *s = json_is_string(e) ? facts_clean_text(json_string_value(e),
							      json_string_length(e),
							      FACTS_MAX_NAME) : NULL;
		if (!s)
			continue;
		*v = xrealloc(*v, sizeof(**v) * (*n + 1));
		(*v)[(*n)++] = s;
	}
}

int facts_from_json(const char *data, size_t len, struct paper_facts *f,
		    struct strbuf *err)
{
	paper_facts_init(f);
	if (len > FACTS_MAX_BYTES) {
		strbuf_addstr(err, _("larger than 4 MiB"));
		return -1;
	}
	json_error_t je;
	json_t *o = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	if (!o || !json_is_object(o)) {
		strbuf_addf(err, _("not a facts record (line %d)"), o ? 1 : je.line);
		json_decref(o);
		return -1;
	}
	f->id = get_str(o, "id", FACTS_MAX_NAME);
	json_t *v = json_object_get(o, "fetched");
	f->fetched = json_is_integer(v) ? json_integer_value(v) : 0;
	if (json_is_true(json_object_get(o, "missing"))) {
		f->missing = 1;
		v = json_object_get(o, "tries");
		f->tries = json_is_integer(v) && json_integer_value(v) > 0 &&
			   json_integer_value(v) < 1000 ? (int)json_integer_value(v) : 1;
	} else {
		char *origin = get_str(o, "origin", 32);
		f->origin = origin && !strcmp(origin, "huggingface") ? FACTS_FROM_HF
								     : FACTS_FROM_ARXIV;
		free(origin);
		f->title = get_str(o, "title", FACTS_MAX_NAME);
		get_strings(o, "authors", FACTS_MAX_AUTHORS, &f->authors, &f->nauthors);
		f->abstract = get_str(o, "abstract", FACTS_MAX_TEXT);
		f->primary_category = get_str(o, "primary_category", FACTS_MAX_NAME);
		get_strings(o, "categories", FACTS_MAX_CATEGORIES, &f->categories,
			    &f->ncategories);
		f->comment = get_str(o, "comment", FACTS_MAX_TEXT);
		f->published = get_str(o, "published", 16);
		f->code_url = get_str(o, "code", FACTS_MAX_NAME);
		v = json_object_get(o, "upvotes");
		f->upvotes = json_is_integer(v) && json_integer_value(v) >= 0 &&
			     json_integer_value(v) <= 10000000 ? (int)json_integer_value(v) : -1;
	}
	json_decref(o);
	if (!f->id) {
		strbuf_addstr(err, _("not a facts record (no id)"));
		paper_facts_free(f);
		return -1;
	}
	return 0;
}

/* ---- the store ------------------------------------------------------------------ */

int facts_store_dir(const char *cache_dir, struct strbuf *out, struct strbuf *err)
{
	if (cache_dir) {
		strbuf_addstr(out, cache_dir);
	} else if (cache_default_dir(out, err) < 0) {
		return -1;
	}
	strbuf_addstr(out, "/facts");
	return 0;
}

/* The file name of id: '/' (old-style IDs, hep-th/9901001) as '_'. Refuses
 * anything but the characters of arXiv IDs, so no name leaves the directory. */
static int file_name(const char *id, struct strbuf *out)
{
	size_t n = strlen(id);
	if (!n || n > 64 || id[0] == '.' ||
	    strspn(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-/") != n)
		return -1;
	for (const char *p = id; *p; p++)
		strbuf_addch(out, *p == '/' ? '_' : *p);
	strbuf_addstr(out, ".json");
	return 0;
}

/* The one place the store writes a file. */
static int write_file(const char *dir, const char *name, const char *data, size_t len,
		      struct strbuf *err)
{
	return fileio_replace(dir, name, data, len, 0600, err);
}

int facts_store_save(const char *dir, const struct paper_facts *f, struct strbuf *err)
{
	struct strbuf name = STRBUF_INIT, json = STRBUF_INIT;
	int rc = -1;
	if (!f->id || file_name(f->id, &name) < 0)
		strbuf_addstr(err, _("facts: not an arXiv ID, not stored"));
	else if (fileio_mkdirs(dir, 0700, err) == 0) {
		facts_to_json(f, &json);
		rc = write_file(dir, name.buf, json.buf, json.len, err);
	}
	strbuf_release(&name);
	strbuf_release(&json);
	return rc;
}

int facts_store_has(const char *dir, const char *id)
{
	struct strbuf path = STRBUF_INIT;
	struct stat st;
	strbuf_addf(&path, "%s/", dir);
	int has = file_name(id, &path) < 0 || lstat(path.buf, &st) == 0 || errno != ENOENT;
	strbuf_release(&path);
	return has;
}

int facts_store_load(const char *dir, const char *id, struct paper_facts *f,
		     struct strbuf *err)
{
	struct strbuf path = STRBUF_INIT;
	paper_facts_init(f);
	strbuf_addf(&path, "%s/", dir);
	if (file_name(id, &path) < 0) {
		strbuf_release(&path);
		return 1;
	}
	char *data;
	size_t len;
	int rc;
	/* Files the store wrote itself: a symlink in their place is refused. */
	if (fileio_read(path.buf, FACTS_MAX_BYTES, FILEIO_NOFOLLOW, &data, &len, NULL) < 0) {
		int e = errno;
		rc = e == ENOENT ? 1 : -1;
		if (rc < 0) {
			strbuf_addf(err, "%s: ", path.buf);
			if (!fileio_add_refusal(err, path.buf, e))
				strbuf_addf(err, _("cannot read: %s"), strerror(e));
		}
	} else {
		struct strbuf why = STRBUF_INIT;
		rc = facts_from_json(data, len, f, &why);
		if (rc == 0 && strcmp(f->id, id)) {
			strbuf_addstr(&why, _("the facts of another paper"));
			paper_facts_free(f);
			rc = -1;
		}
		if (rc < 0)
			/* TRANSLATORS: the file, then what is wrong with it. */
			strbuf_addf(err, _("%s: %s (it will be fetched again)"), path.buf, why.buf);
		strbuf_release(&why);
		free(data);
	}
	strbuf_release(&path);
	return rc;
}

void facts_lookup_init(struct facts_lookup *l, const char *cache_dir, struct strbuf *errors)
{
	struct strbuf dir = STRBUF_INIT, err = STRBUF_INIT;
	memset(l, 0, sizeof(*l));
	l->errors = errors;
	if (facts_store_dir(cache_dir, &dir, &err) == 0)
		l->dir = strbuf_detach(&dir, NULL);
	strbuf_release(&dir);
	strbuf_release(&err);
}

const struct paper_facts *facts_lookup_get(void *ctx, const char *id)
{
	struct facts_lookup *l = ctx;
	if (!l->dir)
		return NULL;
	int added;
	struct strmap_slot *slot = strmap_add(&l->ids, id, strlen(id), &added);
	if (!added)
		return slot->val.ptr;
	slot->key = xstrdup(id);
	struct paper_facts *f = xmalloc(sizeof(*f));
	struct strbuf err = STRBUF_INIT;
	int st = facts_store_load(l->dir, id, f, &err);
	if (st < 0 && l->errors)
		strbuf_addf(l->errors, "%s\n", err.buf);
	strbuf_release(&err);
	if (st != 0 || f->missing) {
		paper_facts_free(f);
		free(f);
		f = NULL;
	}
	slot->val.ptr = f;
	return f;
}

void facts_lookup_free(struct facts_lookup *l)
{
	for (size_t i = 0; i < l->ids.cap; i++) {
		struct strmap_slot *s = &l->ids.slots[i];
		if (!s->key)
			continue;
		free((char *)s->key);
		if (s->val.ptr) {
			paper_facts_free(s->val.ptr);
			free(s->val.ptr);
		}
	}
	strmap_free(&l->ids);
	free(l->dir);
	memset(l, 0, sizeof(*l));
}

int facts_fresh(int st, const struct paper_facts *f, time_t now)
{
	const long long day = 24 * 3600;
	if (st != 0)
		return 0;
	long long age = (long long)now - f->fetched;
	if (age < 0)
		return 0; /* a clock set back: ask again */
	if (!f->missing)
		return age < day;
	long long wait = day;
	for (int i = 1; i < f->tries && wait < 30 * day; i++)
		wait *= 2;
	if (wait > 30 * day)
		wait = 30 * day;
	return age < wait;
}
