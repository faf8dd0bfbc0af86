/* configfile: the configuration's loader and public API (configfile.h) —
 * the defaults, reading a file line by line (set, source, bind, unbind,
 * color), `set` from the command line, and what the configuration decides
 * (sources, keys, widths). The words of a line are config_lex.c's, what a
 * setting's value may be config_values.c's, and printing the whole
 * configuration config_print.c's. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "config_lex.h"
#include "config_values.h"
#include "configfile.h"
#include "fileio.h"
#include "i18n.h"
#include "keyname.h"
#include "source.h"
#include "strbuf.h"
#include "utf8.h"
#include "util.h"
#include "xdg.h"

/* A configuration file bigger than this is refused unread. */
#define CONFIG_MAX_FILE (1024 * 1024)

static const char *const pane_names[] = { "list", "view", "help" };
#define NPANES (sizeof(pane_names) / sizeof(pane_names[0]))

static const char *const source_kind_names[] = { "template", "url", "dir", "github" };

const char *config_source_kind_name(enum source_kind k)
{
	return (unsigned)k < 4 ? source_kind_names[k] : "?";
}

/* ---- defaults and freeing ------------------------------------------------ */

/* The built-in scheme: what ui/draw.c shows without a configuration. */
static const struct config_color default_colors[CONFIG_ELEMENT_COUNT] = {
	[CONFIG_ELEMENT_TITLE] = { CONFIG_ELEMENT_TITLE, 6, -1, CONFIG_ATTR_BOLD, 0 },
	[CONFIG_ELEMENT_HEADING] = { CONFIG_ELEMENT_HEADING, 3, -1, CONFIG_ATTR_BOLD, 0 },
	[CONFIG_ELEMENT_LABEL] = { CONFIG_ELEMENT_LABEL, 2, -1, CONFIG_ATTR_BOLD, 0 },
	[CONFIG_ELEMENT_CODE] = { CONFIG_ELEMENT_CODE, 5, -1, 0, 0 },
	[CONFIG_ELEMENT_LINK] = { CONFIG_ELEMENT_LINK, 4, -1, 0, 0 },
	[CONFIG_ELEMENT_DIM] = { CONFIG_ELEMENT_DIM, -1, -1, CONFIG_ATTR_DIM, 0 },
	[CONFIG_ELEMENT_MATCH] = { CONFIG_ELEMENT_MATCH, -1, -1, CONFIG_ATTR_REVERSE, 0 },
	[CONFIG_ELEMENT_SELECTED] = { CONFIG_ELEMENT_SELECTED, -1, -1, CONFIG_ATTR_REVERSE, 0 },
	[CONFIG_ELEMENT_HEADER] = { CONFIG_ELEMENT_HEADER, 6, -1,
				    CONFIG_ATTR_BOLD | CONFIG_ATTR_REVERSE, 0 },
	[CONFIG_ELEMENT_STATUS] = { CONFIG_ELEMENT_STATUS, -1, -1, 0, 0 },
	[CONFIG_ELEMENT_BORDER] = { CONFIG_ELEMENT_BORDER, -1, -1, 0, 0 },
};

void config_init_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	/* The defaults are values like any other: tests/unit/test_config.c
	 * checks that each one parses. */
	for (int i = 0; i < CONFIG_SETTING_COUNT; i++) {
		enum config_setting_id id = (enum config_setting_id)i;
		struct config_value v;
		if (config_values_parse(id, config_setting_info(id)->def, &v, NULL) == 0)
			config_values_store(c, id, &v);
		config_values_release(&v);
	}
	memcpy(c->colors, default_colors, sizeof(c->colors));
}

static void source_free(struct config_source *s)
{
	free(s->name);
	for (size_t i = 0; i < s->nargs; i++)
		free(s->args[i]);
	free(s->args);
}

void config_free(struct config *c)
{
	free(c->path);
	config_values_clear(c);
	for (size_t i = 0; i < c->nsources; i++)
		source_free(&c->sources[i]);
	free(c->sources);
	free(c->binds);
	free(c->unbinds);
	memset(c, 0, sizeof(*c));
}

/* ---- the loader ---------------------------------------------------------- */

struct loader {
	struct config *c;
	const char *name;
	struct strbuf *errors;
	int nerrors;
	int stopped;
	int lineno;
	const char *line;  /* the current line */
	size_t len;
	struct config_lex_line w;
	struct strbuf found; /* quoted()'s */
};

/* Column (from 1, in characters) of byte offset off of the current line. */
static int column_of(const struct loader *L, size_t off)
{
	int col = 1;
	for (size_t i = 0; i < off && i < L->len; i++)
		if (((unsigned char)L->line[i] & 0xc0) != 0x80)
			col++;
	return col + (off > L->len ? (int)(off - L->len) : 0);
}

__attribute__((format(printf, 3, 4)))
static void err_at(struct loader *L, size_t off, const char *fmt, ...)
{
	if (L->stopped)
		return;
	if (L->nerrors == CONFIG_MAX_ERRORS) {
		config_lex_add_safe(L->errors, L->name, strlen(L->name));
		strbuf_addf(L->errors, ":%d: ", L->lineno);
		strbuf_addf(L->errors, ngettext("too many errors (stopped after %d)",
						"too many errors (stopped after %d)",
						(unsigned long)CONFIG_MAX_ERRORS),
			    CONFIG_MAX_ERRORS);
		strbuf_addch(L->errors, '\n');
		L->stopped = 1;
		return;
	}
	L->nerrors++;
	config_lex_add_safe(L->errors, L->name, strlen(L->name));
	strbuf_addf(L->errors, ":%d:%d: ", L->lineno, column_of(L, off));
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(L->errors, fmt, ap);
	va_end(ap);
	strbuf_addch(L->errors, '\n');
}

/* s quoted for a message ('s', config_lex_add_found), until the next call:
 * the word a message of the line is about. */
static const char *quoted(struct loader *L, const char *s)
{
	strbuf_reset(&L->found);
	config_lex_add_found(&L->found, s);
	return L->found.buf;
}

/* Where a missing word would go: just after the last word. */
static size_t end_of_words(const struct loader *L)
{
	return L->w.n ? L->w.v[L->w.n - 1].end + 1 : 0;
}

/* Reports words past the `max` first ones of the line, which end with
 * what (translated: "the value"). Returns -1 if any. */
static int no_more_words(struct loader *L, size_t max, const char *what)
{
	if (L->w.n <= max)
		return 0;
	/* TRANSLATORS: the word found, then what it follows ("the value",
	 * "the source", "the key" or "the action"). */
	err_at(L, L->w.v[max].start, _("unexpected %s after %s (expected the end of the line; "
				       "quote a value that contains spaces)"),
	       quoted(L, L->w.v[max].s), what);
	return -1;
}

/* Levenshtein distance of two short strings, capped at 9. */
static int distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 40 || lb > 40)
		return 9;
	int row[41];
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int diag = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int up = row[j];
			int best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb] > 9 ? 9 : row[lb];
}

/* The "did you mean" of the names the file reads (actions, settings): of
 * the n names name(i) gives, the nearest to word when at most 2 edits away,
 * else NULL. */
static const char *nearest_name(const char *word, int n, const char *(*name)(int i))
{
	int best = 9;
	const char *guess = NULL;
	for (int i = 0; i < n; i++) {
		int d = distance(word, name(i));
		if (d < best)
			best = d, guess = name(i);
	}
	return best <= 2 ? guess : NULL;
}

static const char *action_name(int i)
{
	return action_info[i + 1].name;
}

static const char *setting_name(int i)
{
	return config_setting_info((enum config_setting_id)i)->name;
}

/* "unknown setting 'dayz' (did you mean 'days'? ...)" when word is near
 * a setting's name: returns 1, or 0 (nothing added) when it is near none. */
static int suggest_setting(const char *found, const char *word, struct strbuf *out)
{
	const char *guess = nearest_name(word, CONFIG_SETTING_COUNT, setting_name);
	if (guess)
		/* TRANSLATORS: the setting typed, then the nearest setting's name. */
		strbuf_addf(out, _("unknown setting %s (did you mean '%s'? the settings are listed "
				   "by --check-config and in digest-tui.conf(5))"), found, guess);
	return guess != NULL;
}

/* ---- set ----------------------------------------------------------------- */

/* sync-dir and sync-git: one carrier at a time. Returns 1 with the
 * message in why (text is the value as written) when v may not be set
 * beside the other. */
static int exclusive_conflict(const struct config *c, enum config_setting_id id,
			      const char *text, const struct config_value *v, struct strbuf *why)
{
	const char *other = id == CONFIG_SET_SYNC_DIR ? c->sync_git
			  : id == CONFIG_SET_SYNC_GIT ? c->sync_dir : NULL;
	if (!other || !*v->s)
		return 0;
	struct strbuf found = STRBUF_INIT;
	config_lex_add_found(&found, text);
	/* TRANSLATORS: the value, then the other setting (sync-dir or
	 * sync-git). */
	strbuf_addf(why, _("%s cannot be set: %s is set already (one of sync-dir and sync-git; "
			   "set the other to \"\" first)"),
		    found.buf, id == CONFIG_SET_SYNC_DIR ? "sync-git" : "sync-dir");
	strbuf_release(&found);
	return 1;
}

int config_set(struct config *c, const char *name, const char *value,
	       struct strbuf *err)
{
	enum config_setting_id id = config_setting_by_name(name);
	if (id == CONFIG_SETTING_COUNT) {
		struct strbuf found = STRBUF_INIT;
		config_lex_add_found(&found, name);
		if (!suggest_setting(found.buf, name, err))
			strbuf_addf(err, _("unknown setting %s"), found.buf);
		strbuf_release(&found);
		return -1;
	}
	struct config_value v;
	struct strbuf why = STRBUF_INIT;
	int rc = config_values_parse(id, value, &v, &why);
	if (rc == 0 && c && exclusive_conflict(c, id, value, &v, &why))
		rc = -1;
	if (rc < 0) {
		strbuf_add(err, why.buf, why.len);
	} else if (c) {
		config_values_store(c, id, &v);
	}
	config_values_release(&v);
	strbuf_release(&why);
	return rc;
}

static void do_set(struct loader *L)
{
	if (L->w.n < 2) {
		err_at(L, end_of_words(L), "%s", _("missing setting name (expected set NAME VALUE)"));
		return;
	}
	const struct config_lex_word *nw = &L->w.v[1];
	enum config_setting_id id = config_setting_by_name(nw->s);
	struct strbuf msg = STRBUF_INIT;
	if (id == CONFIG_SETTING_COUNT) {
		if (!suggest_setting(quoted(L, nw->s), nw->s, &msg)) {
			struct strbuf names = STRBUF_INIT;
			for (int i = 0; i < CONFIG_SETTING_COUNT; i++)
				strbuf_addf(&names, "%s%s", i ? ", " : "", setting_name(i));
			/* TRANSLATORS: the setting typed, then every setting's name. */
			strbuf_addf(&msg, _("unknown setting %s (expected one of: %s)"),
				    L->found.buf, names.buf);
			strbuf_release(&names);
		}
		err_at(L, nw->start, "%s", msg.buf);
	} else if (L->w.n < 3) {
		config_setting_expect(id, &msg);
		/* TRANSLATORS: a setting's name, then what its value may be. */
		err_at(L, end_of_words(L), _("missing value for %s (expected %s)"),
		       config_setting_info(id)->name, msg.buf);
	} else if (no_more_words(L, 3, _("the value")) == 0) {
		struct config_value v;
		if (config_values_parse(id, L->w.v[2].s, &v, &msg) < 0 ||
		    exclusive_conflict(L->c, id, L->w.v[2].s, &v, &msg))
			err_at(L, L->w.v[2].start, "%s", msg.buf);
		else
			config_values_store(L->c, id, &v);
		config_values_release(&v);
	}
	strbuf_release(&msg);
}

/* ---- source -------------------------------------------------------------- */

/* A source's name as the fetcher wants it (source.h): 1 to SOURCE_NAME_MAX of
 * a-z, 0-9 and _. It names the source's files in the cache. */
static int valid_source_name(const char *s)
{
	size_t n = strlen(s);
	return n >= 1 && n <= SOURCE_NAME_MAX &&
	       strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

/* Whether s starts with a URL scheme ("xyz://"). */
static int has_scheme(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			     "0123456789+.-");
	return n > 0 && !strncmp(s + n, "://", 3);
}

/* The ARG of each one-word kind, for messages (translated where shown). */
static const char *const source_arg_what[] = {
	/* xgettext:no-c-format */
	[SOURCE_TEMPLATE] = N_("a URL template with date fields, such as "
			       "https://example.org/%Y-%m-%d-daily-papers-%Y%m%d.md"),
	[SOURCE_URL] = N_("the URL of one post, starting with https://, http:// or file://"),
	[SOURCE_DIR] = N_("a directory of posts, as /path or ~/path"),
};

/* Checks a source line's NAME: 0, or -1 after reporting what is wrong. */
static int check_source_name(struct loader *L, const struct config_lex_word *nw)
{
	const struct config *c = L->c;
	if (!valid_source_name(nw->s)) {
		err_at(L, nw->start, ngettext("%s is not a source name (expected 1 to %d of a-z, "
					      "0-9 and _)",
					      "%s is not a source name (expected 1 to %d of a-z, "
					      "0-9 and _)", (unsigned long)SOURCE_NAME_MAX),
		       quoted(L, nw->s), SOURCE_NAME_MAX);
		return -1;
	}
	for (size_t i = 0; i < c->nsources; i++)
		if (!strcmp(c->sources[i].name, nw->s)) {
			if (c->sources[i].line)
				/* TRANSLATORS: a source's name, then the line that
				 * defines it. */
				err_at(L, nw->start, _("source %s is already defined on line %d "
						       "(expected a new name)"),
				       quoted(L, nw->s), c->sources[i].line);
			else
				err_at(L, nw->start, _("source %s is already defined (expected a "
						       "new name)"), quoted(L, nw->s));
			return -1;
		}
	return 0;
}

/* Adds the source of the current line; args (nargs of them) become its. */
static void add_source(struct loader *L, const char *name, enum source_kind kind,
		       char **args, size_t nargs)
{
	struct config *c = L->c;
	ALLOC_GROW(c->sources, c->nsources, c->sources_cap);
	c->sources[c->nsources++] =
		(struct config_source){ xstrdup(name), kind, args, nargs, L->lineno };
}

/* source NAME github OWNER/REPO [BRANCH] [PATH]: checked by source.c. */
static void github_source(struct loader *L, const char *name)
{
	struct strbuf spec = STRBUF_INIT, loc = STRBUF_INIT, why = STRBUF_INIT;
	enum source_kind kind;
	strbuf_addstr(&spec, "github");
	for (size_t i = 3; i < L->w.n; i++)
		strbuf_addf(&spec, " %s", L->w.v[i].s);
	if (L->w.n > 6 || source_classify(spec.buf, &kind, &loc, &why) < 0) {
		err_at(L, end_of_words(L), "%s", L->w.n > 6 ? _("github: too many words "
		       "(expected github OWNER/REPO [BRANCH] [PATH])") : why.buf);
	} else {
		size_t nargs = L->w.n - 3;
		char **args = xcalloc(nargs, sizeof(*args));
		for (size_t i = 0; i < nargs; i++)
			args[i] = xstrdup(L->w.v[3 + i].s);
		add_source(L, name, kind, args, nargs);
	}
	strbuf_release(&spec);
	strbuf_release(&loc);
	strbuf_release(&why);
}

/* Whether spec (ARG, ~/ expanded) is what kind (template, url or dir)
 * takes: 0, or -1 with the message in msg (found: ARG quoted). */
static int check_source_arg(int kind, const struct strbuf *spec, const char *found,
			    struct strbuf *msg)
{
	struct strbuf loc = STRBUF_INIT, why = STRBUF_INIT, reason = STRBUF_INIT;
	enum source_kind got;
	const char *what = _(source_arg_what[kind]);
	if (!has_scheme(spec->buf) && spec->buf[0] != '/') {
		/* TRANSLATORS: the argument, then what the source's kind takes. */
		strbuf_addf(msg, _("%s is not a URL or an absolute path (expected %s)"), found, what);
	} else if (source_classify(spec->buf, &got, &loc, &why) < 0) {
		/* Its message starts with the spec itself, already quoted here. */
		const char *r = why.buf;
		if (!strncmp(r, spec->buf, spec->len) && !strncmp(r + spec->len, ": ", 2))
			r += spec->len + 2;
		config_lex_add_safe(&reason, r, strlen(r));
		/* TRANSLATORS: the argument, why it is refused, then what the
		 * source's kind takes. */
		strbuf_addf(msg, _("%s: %s (expected %s)"), found, reason.buf, what);
	} else if ((int)got != kind && kind == SOURCE_TEMPLATE) {
		strbuf_addf(msg, _("%s has no date field (expected date fields such as %%Y-%%m-%%d "
				   "in it, or the kind url for a single post)"), found);
	} else if ((int)got != kind && got == SOURCE_TEMPLATE) {
		strbuf_addf(msg, _("%s has date fields (expected the kind template for it)"), found);
	} else if ((int)got != kind && got == SOURCE_DIR) {
		strbuf_addf(msg, _("%s is a directory (expected the kind dir for it)"), found);
	} else if ((int)got != kind) {
		strbuf_addf(msg, _("%s is not a directory (expected %s)"), found, what);
	}
	strbuf_release(&loc);
	strbuf_release(&why);
	strbuf_release(&reason);
	return msg->len ? -1 : 0;
}

/* source NAME template|url|dir ARG. */
static void one_arg_source(struct loader *L, const char *name,
			   const struct config_lex_word *kw)
{
	int kind = -1;
	for (int k = 0; k < 3; k++)
		if (!strcmp(kw->s, source_kind_names[k]))
			kind = k;
	if (kind < 0) {
		err_at(L, kw->start, _("unknown source kind %s (expected template, url, dir or "
				       "github)"), quoted(L, kw->s));
		return;
	}
	if (L->w.n < 4) {
		/* TRANSLATORS: the source's kind (template, url or dir), its
		 * name, then what the kind takes. */
		err_at(L, end_of_words(L), _("missing %s for source '%s' (expected %s)"),
		       source_kind_names[kind], name, _(source_arg_what[kind]));
		return;
	}
	if (no_more_words(L, 4, _("the source")) < 0)
		return;
	const struct config_lex_word *aw = &L->w.v[3];
	struct strbuf spec = STRBUF_INIT, after = STRBUF_INIT;
	xdg_expand_home(aw->s, &spec, NULL);
	if (check_source_arg(kind, &spec, quoted(L, aw->s), &after) < 0) {
		err_at(L, aw->start, "%s", after.buf);
	} else {
		char **args = xmalloc(sizeof(*args));
		args[0] = strbuf_detach(&spec, NULL);
		add_source(L, name, (enum source_kind)kind, args, 1);
	}
	strbuf_release(&after);
	strbuf_release(&spec);
}

static void do_source(struct loader *L)
{
	if (L->w.n < 2) {
		err_at(L, end_of_words(L), "%s", _("missing source name (expected source NAME "
		       "template|url|dir ARG, or source NAME github OWNER/REPO [BRANCH] [PATH])"));
		return;
	}
	const struct config_lex_word *nw = &L->w.v[1];
	if (check_source_name(L, nw) < 0)
		return;
	if (L->w.n < 3)
		err_at(L, end_of_words(L), "%s",
		       _("missing source kind (expected template, url, dir or github)"));
	else if (!strcmp(L->w.v[2].s, "github"))
		github_source(L, nw->s);
	else
		one_arg_source(L, nw->s, &L->w.v[2]);
}

int config_add_sources(const struct config *c, struct source_list *l, struct strbuf *err)
{
	struct strbuf spec = STRBUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < c->nsources && rc == 0; i++) {
		strbuf_reset(&spec);
		strbuf_addf(&spec, "%s=", c->sources[i].name);
		if (c->sources[i].kind == SOURCE_GITHUB)
			strbuf_addstr(&spec, "github ");
		for (size_t k = 0; k < c->sources[i].nargs; k++)
			strbuf_addf(&spec, "%s%s", k ? " " : "", c->sources[i].args[k]);
		if (source_list_add(l, spec.buf, err) < 0)
			rc = -1;
	}
	strbuf_release(&spec);
	return rc;
}

/* ---- bind and unbind ----------------------------------------------------- */

static const char *pane_by_name(const char *s)
{
	for (size_t i = 0; i < NPANES; i++)
		if (!strcmp(s, pane_names[i]))
			return pane_names[i];
	return NULL;
}

static int same_pane(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* Removes the entries for key: those of pane, or of every pane when pane is
 * NULL. */
static void drop_key(struct config_bind *v, size_t *n, const char *pane, unsigned key)
{
	size_t k = 0;
	for (size_t i = 0; i < *n; i++)
		if (!(v[i].key == key && (!pane || same_pane(v[i].pane, pane))))
			v[k++] = v[i];
	*n = k;
}

/* The one rule of bind and unbind: the later line wins, and a line without a
 * pane replaces what earlier lines said about that key in any pane. */
static void add_binding(struct config *c, const char *pane, unsigned key, enum action a)
{
	drop_key(c->binds, &c->nbinds, pane, key);
	drop_key(c->unbinds, &c->nunbinds, pane, key);
	if (a != ACTION_NONE) {
		ALLOC_GROW(c->binds, c->nbinds, c->binds_cap);
		c->binds[c->nbinds++] = (struct config_bind){ pane, key, a };
	} else {
		ALLOC_GROW(c->unbinds, c->nunbinds, c->unbinds_cap);
		c->unbinds[c->nunbinds++] = (struct config_bind){ pane, key, ACTION_NONE };
	}
}

static int parse_key(struct loader *L, const struct config_lex_word *w, unsigned *key)
{
	if (keyname_parse(w->s, key) == 0)
		return 0;
	struct strbuf bracketed = STRBUF_INIT, guess = STRBUF_INIT;
	unsigned k;
	strbuf_addf(&bracketed, "<%s>", w->s);
	if (keyname_parse(bracketed.buf, &k) == 0) {
		config_lex_add_found(&guess, bracketed.buf);
		/* TRANSLATORS: the key typed, then the same in <>. */
		err_at(L, w->start, _("unknown key %s (expected a character such as j, C-x for "
				      "Ctrl-x, or a name such as <Enter>, <PageDown> or <F5>; "
				      "did you mean %s?)"), quoted(L, w->s), guess.buf);
	} else {
		err_at(L, w->start, _("unknown key %s (expected a character such as j, C-x for "
				      "Ctrl-x, or a name such as <Enter>, <PageDown> or <F5>)"),
		       quoted(L, w->s));
	}
	strbuf_release(&bracketed);
	strbuf_release(&guess);
	return -1;
}

static void do_bind(struct loader *L, int unbind)
{
	const char *usage = unbind ? "unbind [PANE] KEY" : "bind [PANE] KEY ACTION";
	size_t i = 1;
	const char *pane = NULL;
	size_t want = unbind ? 2 : 3; /* words without a pane */
	unsigned key;
	if (L->w.n > i && (pane = pane_by_name(L->w.v[i].s)) != NULL) {
		i++;
	} else if (L->w.n > want && keyname_parse(L->w.v[i].s, &key) < 0) {
		/* One word too many for no pane, and it is no key either. */
		err_at(L, L->w.v[i].start, _("unknown pane %s (expected list, view or help)"),
		       quoted(L, L->w.v[i].s));
		return;
	}
	if (L->w.n <= i) {
		/* TRANSLATORS: the line's usage ("bind [PANE] KEY ACTION"). */
		err_at(L, end_of_words(L), _("missing key (expected %s; write \"#\" in quotes "
					     "for the # key)"), usage);
		return;
	}
	if (parse_key(L, &L->w.v[i], &key) < 0)
		return;
	i++;
	if (unbind) {
		if (no_more_words(L, i, _("the key")) < 0)
			return;
		add_binding(L->c, pane, key, ACTION_NONE);
		return;
	}
	if (L->w.n <= i) {
		err_at(L, end_of_words(L), _("missing action (expected %s)"), usage);
		return;
	}
	const struct config_lex_word *aw = &L->w.v[i];
	enum action a = action_by_name(aw->s);
	if (a == ACTION_NONE) {
		const char *guess = nearest_name(aw->s, ACTION_COUNT - 1, action_name);
		if (guess)
			/* TRANSLATORS: the action typed, then the nearest action's
			 * name. */
			err_at(L, aw->start, _("unknown action %s (did you mean '%s'? the actions "
					       "are listed by ? and in digest-tui(1))"),
			       quoted(L, aw->s), guess);
		else
			err_at(L, aw->start, _("unknown action %s (expected an action name such "
					       "as move-down or quit; the actions are listed by ? "
					       "and in digest-tui(1))"), quoted(L, aw->s));
		return;
	}
	if (no_more_words(L, i + 1, _("the action")) < 0)
		return;
	add_binding(L->c, pane, key, a);
}

/* ---- color --------------------------------------------------------------- */

static void do_color(struct loader *L)
{
	static const char *const usage = "color ELEMENT FOREGROUND BACKGROUND [ATTRIBUTE]...";
	if (L->w.n < 2) {
		err_at(L, end_of_words(L), _("missing element (expected %s)"), usage);
		return;
	}
	const struct config_lex_word *ew = &L->w.v[1];
	int el = config_values_element(ew->s);
	if (el < 0) {
		struct strbuf names = STRBUF_INIT;
		for (int e = 0; e < CONFIG_ELEMENT_COUNT; e++)
			strbuf_addf(&names, "%s%s", e ? ", " : "",
				    config_element_name((enum config_element)e));
		/* TRANSLATORS: the element typed, then every element's name. */
		err_at(L, ew->start, _("unknown element %s (expected one of: %s)"),
		       quoted(L, ew->s), names.buf);
		strbuf_release(&names);
		return;
	}
	int fgbg[2];
	for (size_t k = 0; k < 2; k++) {
		if (L->w.n < 3 + k) {
			err_at(L, end_of_words(L), k ? _("missing background color (expected %s)")
						     : _("missing foreground color (expected %s)"),
			       usage);
			return;
		}
		if (config_values_color(L->w.v[2 + k].s, &fgbg[k]) < 0) {
			err_at(L, L->w.v[2 + k].start, _("%s is not a color (expected default, "
							 "black, red, green, yellow, blue, magenta, "
							 "cyan, white, or color0 to color255)"),
			       quoted(L, L->w.v[2 + k].s));
			return;
		}
	}
	unsigned attrs = 0;
	for (size_t i = 4; i < L->w.n; i++) {
		const struct config_lex_word *aw = &L->w.v[i];
		unsigned bit = config_values_attr(aw->s);
		if (!bit) {
			err_at(L, aw->start, _("%s is not an attribute (expected bold, dim, underline, "
					       "reverse or italic)"), quoted(L, aw->s));
			return;
		}
		attrs |= bit;
	}
	L->c->colors[el] =
		(struct config_color){ (enum config_element)el, fgbg[0], fgbg[1], attrs, 1 };
}

/* ---- lines and files ----------------------------------------------------- */

static void do_line(struct loader *L)
{
	const char *d = L->w.v[0].s;
	if (!strcmp(d, "set"))
		do_set(L);
	else if (!strcmp(d, "source"))
		do_source(L);
	else if (!strcmp(d, "bind"))
		do_bind(L, 0);
	else if (!strcmp(d, "unbind"))
		do_bind(L, 1);
	else if (!strcmp(d, "color"))
		do_color(L);
	else
		err_at(L, L->w.v[0].start, _("unknown command %s (expected set, source, bind, "
					     "unbind or color)"), quoted(L, d));
}

/* Checks the bytes of a line: 0, or -1 after reporting the first bad one. */
static int check_text(struct loader *L)
{
	const unsigned char *u = (const unsigned char *)L->line;
	size_t i = 0;
	while (i < L->len) {
		uint32_t cp;
		if (u[i] == 0) {
			err_at(L, i, "%s", _("NUL byte (expected text)"));
			return -1;
		}
		size_t n = utf8_decode(L->line + i, L->len - i, &cp);
		if (cp == UTF8_INVALID) {
			err_at(L, i, _("not valid UTF-8 (byte 0x%02X; expected UTF-8 text)"), u[i]);
			return -1;
		}
		if (cp != '\t' && (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))) {
			err_at(L, i, _("control character U+%04X (expected text)"), (unsigned)cp);
			return -1;
		}
		i += n;
	}
	return 0;
}

int config_load_string(struct config *c, const char *name, const char *data,
		       size_t len, struct strbuf *errors)
{
	struct loader L;
	memset(&L, 0, sizeof(L));
	L.c = c;
	L.name = name;
	L.errors = errors;
	config_lex_init(&L.w);
	strbuf_init(&L.found);
	size_t pos = 0;
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		pos = 3; /* a byte-order mark some editors write */
	while (pos < len && !L.stopped) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - data) : len;
		L.lineno++;
		L.line = data + pos;
		L.len = end - pos;
		pos = nl ? end + 1 : len;
		if (L.len && L.line[L.len - 1] == '\r')
			L.len--; /* CRLF line ends */
		if (L.len > CONFIG_MAX_LINE) {
			L.len = 0; /* column 1 */
			err_at(&L, 0, ngettext("line longer than %d byte", "line longer than %d bytes",
					       (unsigned long)CONFIG_MAX_LINE), CONFIG_MAX_LINE);
			continue;
		}
		if (check_text(&L) < 0)
			continue;
		size_t bad;
		if (config_lex_split(L.line, L.len, &L.w, &bad) < 0) {
			/* TRANSLATORS: %c is the quote, " or '. */
			err_at(&L, bad, _("unterminated quote (expected a closing %c before the "
					  "end of the line)"), L.line[bad]);
			continue;
		}
		if (L.w.n)
			do_line(&L);
	}
	config_lex_free(&L.w);
	strbuf_release(&L.found);
	return L.nerrors;
}

static int load_file(struct config *c, const char *path, struct strbuf *errors,
		     int missing_ok)
{
	char *data;
	size_t len;
	if (fileio_read(path, CONFIG_MAX_FILE, 0, &data, &len, NULL) < 0) {
		if (missing_ok && errno == ENOENT)
			return 0;
		int e = errno;
		config_lex_add_safe(errors, path, strlen(path));
		strbuf_addstr(errors, ": ");
		if (e == EFBIG)
			strbuf_addf(errors, ngettext("larger than %d byte (expected a small text "
						     "file)", "larger than %d bytes (expected a "
						     "small text file)", (unsigned long)CONFIG_MAX_FILE),
				    CONFIG_MAX_FILE);
		else if (!fileio_add_refusal(errors, path, e)) /* a FIFO, /dev/zero */
			strbuf_addf(errors, _("cannot read: %s"), strerror(e));
		strbuf_addch(errors, '\n');
		return 1;
	}
	int n = config_load_string(c, path, data, len, errors);
	free(data);
	free(c->path);
	c->path = xstrdup(path);
	return n;
}

int config_load_file(struct config *c, const char *path, struct strbuf *errors)
{
	return load_file(c, path, errors, 0);
}

int config_load_optional(struct config *c, const char *path, struct strbuf *errors)
{
	return load_file(c, path, errors, 1);
}

char *config_default_path(void)
{
	struct strbuf p = STRBUF_INIT;
	if (xdg_dir("XDG_CONFIG_HOME", ".config", &p) < 0)
		return NULL;
	strbuf_addstr(&p, "/config");
	return strbuf_detach(&p, NULL);
}

/* ---- using --------------------------------------------------------------- */

int config_key_action(const struct config *c, const char *pane, unsigned key,
		      enum action *a)
{
	/* A line for this pane first, then one for all panes. */
	for (int pass = pane ? 0 : 1; pass < 2; pass++) {
		const char *want = pass == 0 ? pane : NULL;
		for (size_t i = 0; i < c->nbinds; i++)
			if (c->binds[i].key == key && same_pane(c->binds[i].pane, want)) {
				*a = c->binds[i].action;
				return 1;
			}
		for (size_t i = 0; i < c->nunbinds; i++)
			if (c->unbinds[i].key == key && same_pane(c->unbinds[i].pane, want)) {
				*a = ACTION_NONE;
				return 1;
			}
	}
	return 0;
}

int config_list_width(const struct config *c, int cols)
{
	int w = c->list_width_percent ? (int)((long)cols * c->list_width / 100)
				      : c->list_width;
	if (w > cols)
		w = cols;
	return w < 1 ? 1 : w;
}
