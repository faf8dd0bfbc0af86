/* configfile: reading, checking and printing the configuration file (see
 * configfile.h and digest-tui.conf(5)). */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "actions.h"
#include "configfile.h"
#include "fileio.h"
#include "keyname.h"
#include "launch.h"
#include "source.h"
#include "strbuf.h"
#include "utf8.h"
#include "util.h"
#include "xdg.h"

/* A configuration file bigger than this is refused unread. */
#define CONFIG_MAX_FILE (1024 * 1024)

/* ---- the settings table -------------------------------------------------
 * SETTING_TABLE (configfile.h) expanded into data: the shape of each type's
 * values is in the functions below, each setting's in its row. */
enum setting_type {
	TYPE_INT,
	TYPE_BOOL,
	TYPE_CHOICE,
	TYPE_CHOICE_OR_SECONDS,
	TYPE_WIDTH,
	TYPE_LANG,
	TYPE_COMMAND,
	TYPE_URL,
	TYPE_SECRET,
	TYPE_DIR,
	TYPE_GIT_REMOTE,
};

struct setting_limits {
	long lo, hi;                          /* INT, WIDTH, CHOICE_OR_SECONDS */
	const char *unit;                     /* "whole number" when NULL */
	long pct_lo, pct_hi;                  /* WIDTH's percentage */
	const struct config_choice *choices;  /* CHOICE, CHOICE_OR_SECONDS */
	int number_choice;                    /* CHOICE_OR_SECONDS: a number's */
	const char *expect;                   /* the string types */
};

static const struct setting {
	struct config_setting_info info;
	enum setting_type type;
	struct setting_limits lim;
} settings[CONFIG_SETTING_COUNT] = {
#define SETTING_ROW(id, name, type, field, def, limits, summary, option) \
	[CONFIG_SET_##id] = { { name, def, summary, option }, TYPE_##type, limits },
	SETTING_TABLE(SETTING_ROW)
#undef SETTING_ROW
};

/* A value read from text, before it is stored in its field. */
struct setting_value {
	int i;          /* INT, BOOL, WIDTH's number; a CHOICE's value */
	int n;          /* WIDTH: a percentage; CHOICE_OR_SECONDS: the seconds */
	const char *s;  /* the string types; "" for unset */
	char *owned;    /* what s points to when parsing made it (free it) */
};

/* Storing a value into a field and reading it back, by type. */
#define STORE_INT(c, f, v) ((c)->f = (v)->i)
#define STORE_BOOL(c, f, v) ((c)->f = (v)->i)
#define STORE_CHOICE(c, f, v) ((c)->f = (v)->i)
#define STORE_CHOICE_OR_SECONDS(c, f, v) ((c)->f = (v)->i, (c)->f##_after = (v)->n)
#define STORE_WIDTH(c, f, v) ((c)->f = (v)->i, (c)->f##_percent = (v)->n)
#define STORE_LANG(c, f, v) set_string(&(c)->f, (v)->s)
#define STORE_COMMAND(c, f, v) set_string(&(c)->f, (v)->s)
#define STORE_URL(c, f, v) set_string(&(c)->f, (v)->s)
#define STORE_SECRET(c, f, v) set_string(&(c)->f, (v)->s)
#define STORE_DIR(c, f, v) set_string(&(c)->f, (v)->s)
#define STORE_GIT_REMOTE(c, f, v) set_string(&(c)->f, (v)->s)
#define LOAD_INT(c, f, v) ((v)->i = (c)->f)
#define LOAD_BOOL(c, f, v) ((v)->i = (c)->f)
#define LOAD_CHOICE(c, f, v) ((v)->i = (int)(c)->f)
#define LOAD_CHOICE_OR_SECONDS(c, f, v) ((v)->i = (int)(c)->f, (v)->n = (c)->f##_after)
#define LOAD_WIDTH(c, f, v) ((v)->i = (c)->f, (v)->n = (c)->f##_percent)
#define LOAD_LANG(c, f, v) ((v)->s = (c)->f ? (c)->f : "")
#define LOAD_COMMAND(c, f, v) ((v)->s = (c)->f ? (c)->f : "")
#define LOAD_URL(c, f, v) ((v)->s = (c)->f ? (c)->f : "")
#define LOAD_SECRET(c, f, v) ((v)->s = (c)->f ? (c)->f : "")
#define LOAD_DIR(c, f, v) ((v)->s = (c)->f ? (c)->f : "")
#define LOAD_GIT_REMOTE(c, f, v) ((v)->s = (c)->f ? (c)->f : "")

static void set_string(char **dst, const char *v);

static void setting_store(struct config *c, enum config_setting_id id,
			  const struct setting_value *v)
{
	switch (id) {
#define SETTING_STORE(id, name, type, field, ...) \
	case CONFIG_SET_##id: STORE_##type(c, field, v); break;
	SETTING_TABLE(SETTING_STORE)
#undef SETTING_STORE
	case CONFIG_SETTING_COUNT:
		break;
	}
}

static void setting_load(const struct config *c, enum config_setting_id id,
			 struct setting_value *v)
{
	memset(v, 0, sizeof(*v));
	switch (id) {
#define SETTING_LOAD(id, name, type, field, ...) \
	case CONFIG_SET_##id: LOAD_##type(c, field, v); break;
	SETTING_TABLE(SETTING_LOAD)
#undef SETTING_LOAD
	case CONFIG_SETTING_COUNT:
		break;
	}
}

const struct config_setting_info *config_setting_info(enum config_setting_id id)
{
	return (unsigned)id < CONFIG_SETTING_COUNT ? &settings[id].info : NULL;
}

enum config_setting_id config_setting_by_name(const char *name)
{
	for (int i = 0; i < CONFIG_SETTING_COUNT; i++)
		if (!strcmp(settings[i].info.name, name))
			return (enum config_setting_id)i;
	return CONFIG_SETTING_COUNT;
}

const char *config_choice_name(enum config_setting_id id, int value)
{
	if ((unsigned)id >= CONFIG_SETTING_COUNT || !settings[id].lim.choices)
		return NULL;
	for (const struct config_choice *ch = settings[id].lim.choices; ch->name; ch++)
		if (ch->value == value)
			return ch->name;
	return NULL;
}

int config_choice_value(enum config_setting_id id, const char *name, int *value)
{
	if ((unsigned)id >= CONFIG_SETTING_COUNT || !settings[id].lim.choices)
		return -1;
	for (const struct config_choice *ch = settings[id].lim.choices; ch->name; ch++)
		if (!strcmp(ch->name, name)) {
			*value = ch->value;
			return 0;
		}
	return -1;
}

/* "a, b or c" (last_sep " or "), or "a, b, " before more words. */
static void add_choices(struct strbuf *out, const struct config_choice *ch,
			const char *last_sep)
{
	for (size_t i = 0; ch[i].name; i++) {
		if (i)
			strbuf_addstr(out, ch[i + 1].name || !last_sep ? ", " : last_sep);
		strbuf_addstr(out, ch[i].name);
	}
}

static void add_number_range(struct strbuf *out, const struct setting_limits *l)
{
	strbuf_addf(out, "a %s from %ld to %ld", l->unit ? l->unit : "whole number",
		    l->lo, l->hi);
}

void config_setting_expect(enum config_setting_id id, struct strbuf *out)
{
	if ((unsigned)id >= CONFIG_SETTING_COUNT)
		return;
	const struct setting_limits *l = &settings[id].lim;
	switch (settings[id].type) {
	case TYPE_INT:
		if (l->hi == l->lo + 1)
			strbuf_addf(out, "%ld or %ld", l->lo, l->hi);
		else
			add_number_range(out, l);
		break;
	case TYPE_BOOL:
		strbuf_addstr(out, "yes or no");
		break;
	case TYPE_CHOICE:
		add_choices(out, l->choices, " or ");
		break;
	case TYPE_CHOICE_OR_SECONDS:
		add_choices(out, l->choices, NULL);
		strbuf_addstr(out, ", or ");
		add_number_range(out, l);
		break;
	case TYPE_WIDTH:
		add_number_range(out, l);
		strbuf_addf(out, ", or a percentage from %ld%% to %ld%%", l->pct_lo, l->pct_hi);
		break;
	case TYPE_LANG:
	case TYPE_COMMAND:
	case TYPE_URL:
	case TYPE_SECRET:
	case TYPE_DIR:
	case TYPE_GIT_REMOTE:
		strbuf_addstr(out, l->expect);
		break;
	}
}

void config_setting_metavar(enum config_setting_id id, struct strbuf *out)
{
	if ((unsigned)id >= CONFIG_SETTING_COUNT)
		return;
	const struct setting_limits *l = &settings[id].lim;
	switch (settings[id].type) {
	case TYPE_INT:
		if (l->hi == l->lo + 1)
			strbuf_addf(out, "%ld|%ld", l->lo, l->hi);
		else
			strbuf_addch(out, 'N');
		break;
	case TYPE_BOOL:
		strbuf_addstr(out, "yes|no");
		break;
	case TYPE_CHOICE:
	case TYPE_CHOICE_OR_SECONDS:
		for (size_t i = 0; l->choices[i].name; i++)
			strbuf_addf(out, "%s%s", i ? "|" : "", l->choices[i].name);
		if (settings[id].type == TYPE_CHOICE_OR_SECONDS)
			strbuf_addstr(out, "|N");
		break;
	case TYPE_WIDTH:
		strbuf_addstr(out, "N|N%");
		break;
	case TYPE_LANG:
		strbuf_addstr(out, "LANG");
		break;
	case TYPE_COMMAND:
		strbuf_addstr(out, "COMMAND");
		break;
	case TYPE_URL:
		strbuf_addstr(out, "URL");
		break;
	case TYPE_SECRET:
		strbuf_addstr(out, "TOKEN");
		break;
	case TYPE_DIR:
		strbuf_addstr(out, "DIR");
		break;
	case TYPE_GIT_REMOTE:
		strbuf_addstr(out, "URL");
		break;
	}
}

static const char *const pane_names[] = { "list", "view", "help" };
#define NPANES (sizeof(pane_names) / sizeof(pane_names[0]))

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {
	{ "bold", CONFIG_ATTR_BOLD },
	{ "dim", CONFIG_ATTR_DIM },
	{ "underline", CONFIG_ATTR_UNDERLINE },
	{ "reverse", CONFIG_ATTR_REVERSE },
	{ "italic", CONFIG_ATTR_ITALIC },
};
#define NATTRS (sizeof(attr_names) / sizeof(attr_names[0]))

static const char *const element_names[CONFIG_ELEMENT_COUNT] = {
#define CONFIG_ELEMENT_NAME(id, name, help) name,
	CONFIG_ELEMENT_TABLE(CONFIG_ELEMENT_NAME)
#undef CONFIG_ELEMENT_NAME
};

static const char *const source_kind_names[] = { "template", "url", "dir", "github" };

const char *config_element_name(enum config_element e)
{
	return (unsigned)e < CONFIG_ELEMENT_COUNT ? element_names[e] : "?";
}

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

static int setting_parse(enum config_setting_id id, const char *v,
			 struct setting_value *out, struct strbuf *why);

void config_init_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	/* The defaults are values like any other: tests/unit/test_config.c
	 * checks that each one parses. */
	for (int i = 0; i < CONFIG_SETTING_COUNT; i++) {
		struct setting_value v;
		if (setting_parse((enum config_setting_id)i, settings[i].info.def, &v, NULL) == 0)
			setting_store(c, (enum config_setting_id)i, &v);
		free(v.owned);
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
	free(c->browser);
	free(c->alphaxiv_lang);
	free(c->yank_command);
	free(c->metadata_hf_url);
	free(c->metadata_arxiv_url);
	free(c->github_api_url);
	free(c->github_raw_url);
	free(c->github_token);
	free(c->sync_dir);
	free(c->sync_git);
	for (size_t i = 0; i < c->nsources; i++)
		source_free(&c->sources[i]);
	free(c->sources);
	free(c->binds);
	free(c->unbinds);
	memset(c, 0, sizeof(*c));
}

/* ---- small text helpers --------------------------------------------------- */

/* Appends s for a message: unsafe characters and invalid bytes escaped, and
 * cut after 200 characters. */
static void add_safe(struct strbuf *out, const char *s, size_t n)
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

/* Appends 'word' for a message. */
static void add_found(struct strbuf *out, const char *s)
{
	strbuf_addch(out, '\'');
	add_safe(out, s, strlen(s));
	strbuf_addch(out, '\'');
}

/* Appends a word in the file's syntax, quoted when it has to be. */
static void add_word(struct strbuf *out, const char *s)
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

/* ---- splitting a line into words ------------------------------------------ */

struct word {
	char *s;       /* NUL-terminated, unquoted */
	size_t start;  /* byte offset in the line */
	size_t end;    /* byte offset just past it (quotes included) */
};

struct words {
	struct word *v;
	size_t n, cap;
	struct strbuf text; /* the words' bytes, NUL-separated */
	size_t *offs;       /* offsets into text until the split is done */
	size_t offs_cap;
};

static void words_init(struct words *w)
{
	memset(w, 0, sizeof(*w));
	strbuf_init(&w->text);
}

static void words_free(struct words *w)
{
	free(w->v);
	free(w->offs);
	strbuf_release(&w->text);
}

static int is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* Splits s[0..n) into words: blanks separate them, "..." takes \" and \\,
 * '...' is literal, pieces join ("a"'b'c is one word abc), and a # outside
 * quotes ends the line. Returns 0, or -1 with *bad at the byte offset of a
 * quote that is never closed. */
static int split_words(const char *s, size_t n, struct words *w, size_t *bad)
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
	for (size_t k = 0; k < w->n; k++)
		w->v[k].s = w->text.buf + w->offs[k];
	return 0;
}

/* Why a command (the browser or yank-command setting) is none, by the rules
 * of launch_split, which runs it; NULL when it splits into words. */
static const char *command_problem(const char *s)
{
	const char *why = NULL;
	char **argv = launch_split(s, NULL, &why);
	launch_argv_free(argv);
	return argv ? NULL : why;
}

/* ---- the loader ------------------------------------------------------------ */

struct loader {
	struct config *c;
	const char *name;
	struct strbuf *errors;
	int nerrors;
	int stopped;
	int lineno;
	const char *line;  /* the current line */
	size_t len;
	struct words w;
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
		add_safe(L->errors, L->name, strlen(L->name));
		strbuf_addf(L->errors, ":%d: too many errors (stopped after %d)\n",
			    L->lineno, CONFIG_MAX_ERRORS);
		L->stopped = 1;
		return;
	}
	L->nerrors++;
	add_safe(L->errors, L->name, strlen(L->name));
	strbuf_addf(L->errors, ":%d:%d: ", L->lineno, column_of(L, off));
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(L->errors, fmt, ap);
	va_end(ap);
	strbuf_addch(L->errors, '\n');
}

/* An error whose message quotes a word: "<before>'word'<after>". */
static void err_word(struct loader *L, const struct word *w, const char *before,
		     const char *after)
{
	struct strbuf msg = STRBUF_INIT;
	strbuf_addstr(&msg, before);
	add_found(&msg, w->s);
	strbuf_addstr(&msg, after);
	err_at(L, w->start, "%s", msg.buf);
	strbuf_release(&msg);
}

/* Where a missing word would go: just after the last word. */
static size_t end_of_words(const struct loader *L)
{
	return L->w.n ? L->w.v[L->w.n - 1].end + 1 : 0;
}

/* Reports words past the `max` first ones of the line. Returns -1 if any. */
static int no_more_words(struct loader *L, size_t max, const char *what)
{
	if (L->w.n <= max)
		return 0;
	struct strbuf msg = STRBUF_INIT;
	strbuf_addstr(&msg, "unexpected ");
	add_found(&msg, L->w.v[max].s);
	strbuf_addf(&msg, " after %s (expected the end of the line; quote a value "
		    "that contains spaces)", what);
	err_at(L, L->w.v[max].start, "%s", msg.buf);
	strbuf_release(&msg);
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
	return settings[i].info.name;
}

/* " (did you mean 'days'? the settings are listed ...)" for an unknown
 * setting near a known one; returns 0 (nothing added) when none is. */
static int suggest_setting(const char *word, struct strbuf *out)
{
	const char *guess = nearest_name(word, CONFIG_SETTING_COUNT, setting_name);
	if (guess)
		strbuf_addf(out, " (did you mean '%s'? the settings are listed by --check-config "
			    "and in digest-tui.conf(5))", guess);
	return guess != NULL;
}

/* A whole number of at most 9 digits: 0 with *v set, -1 not a number. */
static int parse_number(const char *s, long *v)
{
	size_t n = strlen(s);
	if (n == 0 || n > 9 || strspn(s, "0123456789") != n)
		return -1;
	*v = strtol(s, NULL, 10);
	return 0;
}

static int parse_bool(const char *s, int *v)
{
	static const char *const yes[] = { "yes", "true", "on" };
	static const char *const no[] = { "no", "false", "off" };
	for (size_t i = 0; i < 3; i++) {
		if (!strcasecmp(s, yes[i])) {
			*v = 1;
			return 0;
		}
		if (!strcasecmp(s, no[i])) {
			*v = 0;
			return 0;
		}
	}
	return -1;
}

static int valid_lang(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz");
	if (n < 2 || n > 3)
		return 0;
	s += n;
	while (*s == '-') {
		s++;
		size_t k = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
		if (k < 2 || k > 8)
			return 0;
		s += k;
	}
	return *s == '\0';
}

static void set_string(char **dst, const char *v)
{
	free(*dst);
	*dst = *v ? xstrdup(v) : NULL;
}

/* An http:// or https:// URL with a host, of printable ASCII without blanks
 * or quotes (the fetcher puts it on no command line, but a URL is one word). */
static int valid_url(const char *s)
{
	const char *rest = !strncmp(s, "https://", 8) ? s + 8
			 : !strncmp(s, "http://", 7) ? s + 7 : NULL;
	if (!rest || !*rest || *rest == '/')
		return 0;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f || *p == '"' ||
		    *p == '\'' || *p == '\\')
			return 0;
	return 1;
}

/* v as an absolute directory (~/ expanded, no slash at its end): a new
 * string, or NULL when it is relative. */
static char *absolute_dir(const char *v)
{
	/* ~/ is the home directory: a relative path would depend on where
	 * digest-tui happens to be started. */
	struct strbuf dir = STRBUF_INIT;
	xdg_expand_home(v, &dir, NULL);
	while (dir.len > 1 && dir.buf[dir.len - 1] == '/')
		strbuf_setlen(&dir, dir.len - 1);
	if (dir.buf[0] != '/') {
		strbuf_release(&dir);
		return NULL;
	}
	return strbuf_detach(&dir, NULL);
}

/* What git takes as a remote: scheme://HOST/PATH (ssh, git, http, https,
 * file), [USER@]HOST:PATH, or an absolute path; one word of printable
 * ASCII, not starting with '-' (it goes on git's command line). */
static int valid_git_remote(const char *s)
{
	if (!*s || *s == '-')
		return 0;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f)
			return 0;
	static const char *const schemes[] = { "ssh://", "git://", "http://", "https://",
					       "file://" };
	for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		size_t n = strlen(schemes[i]);
		if (!strncmp(s, schemes[i], n))
			return s[n] != '\0' && (i == 4 ? s[n] == '/' : s[n] != '/');
	}
	if (s[0] == '/')
		return 1;
	const char *colon = strchr(s, ':');
	const char *slash = strchr(s, '/');
	return colon && colon > s && colon[1] && (!slash || slash > colon) &&
	       !strstr(s, "://");
}

/* Reads v as a value of setting id into *out. Returns 0, or -1 with what is
 * wrong in why (when not NULL), written to follow the quoted value:
 * " is out of range for days (expected a whole number from 1 to 3660)". */
static int setting_parse(enum config_setting_id id, const char *v,
			 struct setting_value *out, struct strbuf *why)
{
	const struct setting *s = &settings[id];
	const struct setting_limits *l = &s->lim;
	const char *name = s->info.name;
	const char *problem = NULL;   /* what v is not */
	const char *detail = NULL;    /* and why, when there is more to say */
	int range = 0;                /* a number, but out of range */
	long num;
	memset(out, 0, sizeof(*out));
	switch (s->type) {
	case TYPE_INT: {
		const char *digits = v + (v[0] == '-');
		size_t n = strlen(digits);
		if (n == 0 || strspn(digits, "0123456789") != n)
			problem = "a number";
		else if (digits != v || parse_number(digits, &num) < 0 || num < l->lo ||
			 num > l->hi)
			range = 1;
		else
			out->i = (int)num;
		break;
	}
	case TYPE_BOOL:
		if (parse_bool(v, &out->i) < 0)
			problem = "a boolean";
		break;
	case TYPE_CHOICE:
	case TYPE_CHOICE_OR_SECONDS: {
		size_t i = 0;
		while (l->choices[i].name && strcmp(v, l->choices[i].name))
			i++;
		if (l->choices[i].name)
			out->i = l->choices[i].value;
		else if (s->type == TYPE_CHOICE || parse_number(v, &num) < 0)
			problem = "a valid";
		else if (num < l->lo || num > l->hi)
			range = 1;
		else
			out->i = l->number_choice, out->n = (int)num;
		break;
	}
	case TYPE_WIDTH: {
		size_t n = strlen(v);
		int pct = n > 1 && v[n - 1] == '%';
		char *digits = xstrndup(v, pct ? n - 1 : n);
		if (parse_number(digits, &num) < 0)
			problem = "a width";
		else if (pct ? (num < l->pct_lo || num > l->pct_hi) : (num < l->lo || num > l->hi))
			range = 1;
		else
			out->i = (int)num, out->n = pct;
		free(digits);
		break;
	}
	case TYPE_LANG:
		if (!valid_lang(v))
			problem = "a language code";
		break;
	case TYPE_COMMAND:
		if (*v && (detail = command_problem(v)))
			problem = "a command";
		break;
	case TYPE_URL:
		if (*v && !valid_url(v))
			problem = "a URL starting with http:// or https://";
		break;
	case TYPE_SECRET:
		/* Any value: a message about it would quote it. Its user
		 * checks it (fetch_cli_config) without printing it. */
		break;
	case TYPE_DIR:
		if (*v && !(out->owned = absolute_dir(v)))
			problem = "an absolute directory";
		break;
	case TYPE_GIT_REMOTE:
		if (*v && !valid_git_remote(v))
			problem = "a git remote";
		break;
	}
	if (!problem && !range) {
		out->s = out->owned ? out->owned : v;
		return 0;
	}
	free(out->owned);
	out->owned = NULL;
	if (why) {
		if (range)
			strbuf_addf(why, " is out of range for %s", name);
		else if (!strcmp(problem, "a valid"))
			strbuf_addf(why, " is not a valid %s", name);
		else
			strbuf_addf(why, " is not %s", problem);
		if (detail)
			strbuf_addf(why, ": %s", detail);
		strbuf_addstr(why, " (expected ");
		config_setting_expect(id, why);
		strbuf_addch(why, ')');
	}
	return -1;
}

/* sync-dir and sync-git: one carrier at a time. Returns 1 with what
 * follows the quoted value in why when v may not be set beside the other. */
static int exclusive_conflict(const struct config *c, enum config_setting_id id,
			      const struct setting_value *v, struct strbuf *why)
{
	const char *other = id == CONFIG_SET_SYNC_DIR ? c->sync_git
			  : id == CONFIG_SET_SYNC_GIT ? c->sync_dir : NULL;
	if (!other || !*v->s)
		return 0;
	strbuf_addf(why, " cannot be set: %s is set already (one of sync-dir and sync-git; "
		    "set the other to \"\" first)",
		    id == CONFIG_SET_SYNC_DIR ? "sync-git" : "sync-dir");
	return 1;
}

int config_set(struct config *c, const char *name, const char *value,
	       struct strbuf *err)
{
	enum config_setting_id id = config_setting_by_name(name);
	if (id == CONFIG_SETTING_COUNT) {
		strbuf_addstr(err, "unknown setting ");
		add_found(err, name);
		suggest_setting(name, err);
		return -1;
	}
	struct setting_value v;
	struct strbuf why = STRBUF_INIT;
	int rc = setting_parse(id, value, &v, &why);
	if (rc == 0 && c && exclusive_conflict(c, id, &v, &why))
		rc = -1;
	if (rc < 0) {
		add_found(err, value);
		strbuf_add(err, why.buf, why.len);
	} else if (c) {
		setting_store(c, id, &v);
	}
	free(v.owned);
	strbuf_release(&why);
	return rc;
}

static void do_set(struct loader *L)
{
	if (L->w.n < 2) {
		err_at(L, end_of_words(L), "missing setting name (expected set NAME VALUE)");
		return;
	}
	const struct word *nw = &L->w.v[1];
	enum config_setting_id id = config_setting_by_name(nw->s);
	struct strbuf msg = STRBUF_INIT;
	if (id == CONFIG_SETTING_COUNT) {
		if (!suggest_setting(nw->s, &msg)) {
			strbuf_addstr(&msg, " (expected one of: ");
			for (int i = 0; i < CONFIG_SETTING_COUNT; i++)
				strbuf_addf(&msg, "%s%s", i ? ", " : "", settings[i].info.name);
			strbuf_addch(&msg, ')');
		}
		err_word(L, nw, "unknown setting ", msg.buf);
	} else if (L->w.n < 3) {
		config_setting_expect(id, &msg);
		err_at(L, end_of_words(L), "missing value for %s (expected %s)",
		       settings[id].info.name, msg.buf);
	} else if (no_more_words(L, 3, "the value") == 0) {
		struct setting_value v;
		if (setting_parse(id, L->w.v[2].s, &v, &msg) < 0 ||
		    exclusive_conflict(L->c, id, &v, &msg))
			err_word(L, &L->w.v[2], "", msg.buf);
		else
			setting_store(L->c, id, &v);
		free(v.owned);
	}
	strbuf_release(&msg);
}

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

static void do_source(struct loader *L)
{
	struct config *c = L->c;
	static const char *const usage = "source NAME template|url|dir ARG, or source NAME "
		"github OWNER/REPO [BRANCH] [PATH]";
	static const char *const what[] = {
		[SOURCE_TEMPLATE] = "a URL template with date fields, such as "
			"https://example.org/%Y-%m-%d-daily-papers-%Y%m%d.md",
		[SOURCE_URL] = "the URL of one post, starting with https://, http:// or file://",
		[SOURCE_DIR] = "a directory of posts, as /path or ~/path",
	};
	if (L->w.n < 2) {
		err_at(L, end_of_words(L), "missing source name (expected %s)", usage);
		return;
	}
	const struct word *nw = &L->w.v[1];
	if (!valid_source_name(nw->s)) {
		struct strbuf after = STRBUF_INIT;
		strbuf_addf(&after, " is not a source name (expected 1 to %d of a-z, 0-9 "
			    "and _)", SOURCE_NAME_MAX);
		err_word(L, nw, "", after.buf);
		strbuf_release(&after);
		return;
	}
	for (size_t i = 0; i < c->nsources; i++)
		if (!strcmp(c->sources[i].name, nw->s)) {
			struct strbuf after = STRBUF_INIT;
			if (c->sources[i].line)
				strbuf_addf(&after, " is already defined on line %d (expected a "
					    "new name)", c->sources[i].line);
			else
				strbuf_addstr(&after, " is already defined (expected a new name)");
			err_word(L, nw, "source ", after.buf);
			strbuf_release(&after);
			return;
		}
	if (L->w.n < 3) {
		err_at(L, end_of_words(L), "missing source kind (expected template, url, dir or github)");
		return;
	}
	const struct word *kw = &L->w.v[2];
	if (!strcmp(kw->s, "github")) {
		/* github OWNER/REPO [BRANCH] [PATH]: checked by source.c. */
		struct strbuf gspec = STRBUF_INIT, gloc = STRBUF_INIT, gwhy = STRBUF_INIT;
		enum source_kind gk;
		strbuf_addstr(&gspec, "github");
		for (size_t i = 3; i < L->w.n; i++)
			strbuf_addf(&gspec, " %s", L->w.v[i].s);
		if (L->w.n > 6 || source_classify(gspec.buf, &gk, &gloc, &gwhy) < 0) {
			err_at(L, end_of_words(L), "%s", L->w.n > 6 ? "github: too many words "
			       "(expected github OWNER/REPO [BRANCH] [PATH])" : gwhy.buf);
		} else {
			ALLOC_GROW(c->sources, c->nsources, c->sources_cap);
			struct config_source *s = &c->sources[c->nsources++];
			s->name = xstrdup(nw->s);
			s->kind = gk;
			s->nargs = L->w.n - 3;
			s->args = xcalloc(s->nargs, sizeof(*s->args));
			for (size_t i = 0; i < s->nargs; i++)
				s->args[i] = xstrdup(L->w.v[3 + i].s);
			s->line = L->lineno;
		}
		strbuf_release(&gspec);
		strbuf_release(&gloc);
		strbuf_release(&gwhy);
		return;
	}
	int kind = -1;
	for (int k = 0; k < 3; k++)
		if (!strcmp(kw->s, source_kind_names[k]))
			kind = k;
	if (kind < 0) {
		err_word(L, kw, "unknown source kind ", " (expected template, url, dir or github)");
		return;
	}
	if (L->w.n < 4) {
		err_at(L, end_of_words(L), "missing %s for source '%s' (expected %s)",
		       source_kind_names[kind], nw->s, what[kind]);
		return;
	}
	if (no_more_words(L, 4, "the source") < 0)
		return;

	const struct word *aw = &L->w.v[3];
	struct strbuf spec = STRBUF_INIT, loc = STRBUF_INIT, why = STRBUF_INIT;
	xdg_expand_home(aw->s, &spec, NULL);
	enum source_kind got;
	struct strbuf after = STRBUF_INIT;
	int bad = 1;
	if (!has_scheme(spec.buf) && spec.buf[0] != '/') {
		strbuf_addf(&after, " is not a URL or an absolute path (expected %s)", what[kind]);
	} else if (source_classify(spec.buf, &got, &loc, &why) < 0) {
		/* Its message starts with the spec itself, already quoted here. */
		const char *reason = why.buf;
		if (!strncmp(reason, spec.buf, spec.len) && !strncmp(reason + spec.len, ": ", 2))
			reason += spec.len + 2;
		strbuf_addstr(&after, ": ");
		add_safe(&after, reason, strlen(reason));
		strbuf_addf(&after, " (expected %s)", what[kind]);
	} else if ((int)got != kind && kind == SOURCE_TEMPLATE) {
		strbuf_addstr(&after, " has no date field (expected date fields such as "
			      "%Y-%m-%d in it, or the kind url for a single post)");
	} else if ((int)got != kind && got == SOURCE_TEMPLATE) {
		strbuf_addstr(&after, " has date fields (expected the kind template for it)");
	} else if ((int)got != kind && got == SOURCE_DIR) {
		strbuf_addstr(&after, " is a directory (expected the kind dir for it)");
	} else if ((int)got != kind) {
		strbuf_addf(&after, " is not a directory (expected %s)", what[kind]);
	} else {
		bad = 0;
	}
	if (bad) {
		err_word(L, aw, "", after.buf);
	} else {
		ALLOC_GROW(c->sources, c->nsources, c->sources_cap);
		struct config_source *s = &c->sources[c->nsources++];
		s->name = xstrdup(nw->s);
		s->kind = got;
		s->args = xmalloc(sizeof(*s->args));
		s->args[0] = strbuf_detach(&spec, NULL);
		s->nargs = 1;
		s->line = L->lineno;
	}
	strbuf_release(&after);
	strbuf_release(&spec);
	strbuf_release(&loc);
	strbuf_release(&why);
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

static int parse_key(struct loader *L, const struct word *w, unsigned *key)
{
	if (keyname_parse(w->s, key) == 0)
		return 0;
	struct strbuf after = STRBUF_INIT;
	struct strbuf bracketed = STRBUF_INIT;
	unsigned k;
	strbuf_addf(&bracketed, "<%s>", w->s);
	strbuf_addstr(&after, " (expected a character such as j, C-x for Ctrl-x, or a "
		      "name such as <Enter>, <PageDown> or <F5>");
	if (keyname_parse(bracketed.buf, &k) == 0) {
		strbuf_addstr(&after, "; did you mean ");
		add_found(&after, bracketed.buf);
		strbuf_addch(&after, '?');
	}
	strbuf_addch(&after, ')');
	err_word(L, w, "unknown key ", after.buf);
	strbuf_release(&after);
	strbuf_release(&bracketed);
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
		err_word(L, &L->w.v[i], "unknown pane ", " (expected list, view or help)");
		return;
	}
	if (L->w.n <= i) {
		err_at(L, end_of_words(L), "missing key (expected %s; write \"#\" in quotes "
		       "for the # key)", usage);
		return;
	}
	if (parse_key(L, &L->w.v[i], &key) < 0)
		return;
	i++;
	if (unbind) {
		if (no_more_words(L, i, "the key") < 0)
			return;
		add_binding(L->c, pane, key, ACTION_NONE);
		return;
	}
	if (L->w.n <= i) {
		err_at(L, end_of_words(L), "missing action (expected %s)", usage);
		return;
	}
	const struct word *aw = &L->w.v[i];
	enum action a = action_by_name(aw->s);
	if (a == ACTION_NONE) {
		struct strbuf after = STRBUF_INIT;
		const char *guess = nearest_name(aw->s, ACTION_COUNT - 1, action_name);
		if (guess)
			strbuf_addf(&after, " (did you mean '%s'? the actions are listed by ? "
				    "and in digest-tui(1))", guess);
		else
			strbuf_addstr(&after, " (expected an action name such as move-down or "
				      "quit; the actions are listed by ? and in digest-tui(1))");
		err_word(L, aw, "unknown action ", after.buf);
		strbuf_release(&after);
		return;
	}
	if (no_more_words(L, i + 1, "the action") < 0)
		return;
	add_binding(L->c, pane, key, a);
}

/* A color name or colorN: 0 with *v set, or -1. */
static int parse_color(const char *s, int *v)
{
	if (!strcasecmp(s, "default")) {
		*v = CONFIG_COLOR_DEFAULT;
		return 0;
	}
	for (int i = 0; i < 8; i++)
		if (!strcasecmp(s, color_names[i])) {
			*v = i;
			return 0;
		}
	long n;
	if (!strncasecmp(s, "color", 5) && parse_number(s + 5, &n) == 0 && n <= 255 &&
	    strlen(s + 5) <= 3) {
		*v = (int)n;
		return 0;
	}
	return -1;
}

static void do_color(struct loader *L)
{
	static const char *const usage = "color ELEMENT FOREGROUND BACKGROUND [ATTRIBUTE]...";
	static const char *const colors_expected =
		" is not a color (expected default, black, red, green, yellow, blue, "
		"magenta, cyan, white, or color0 to color255)";
	if (L->w.n < 2) {
		err_at(L, end_of_words(L), "missing element (expected %s)", usage);
		return;
	}
	const struct word *ew = &L->w.v[1];
	int el = -1;
	for (int e = 0; e < CONFIG_ELEMENT_COUNT; e++)
		if (!strcmp(ew->s, element_names[e]))
			el = e;
	if (el < 0) {
		struct strbuf after = STRBUF_INIT;
		strbuf_addstr(&after, " (expected one of: ");
		for (int e = 0; e < CONFIG_ELEMENT_COUNT; e++)
			strbuf_addf(&after, "%s%s", e ? ", " : "", element_names[e]);
		strbuf_addch(&after, ')');
		err_word(L, ew, "unknown element ", after.buf);
		strbuf_release(&after);
		return;
	}
	int fg, bg;
	if (L->w.n < 3) {
		err_at(L, end_of_words(L), "missing foreground color (expected %s)", usage);
		return;
	}
	if (parse_color(L->w.v[2].s, &fg) < 0) {
		err_word(L, &L->w.v[2], "", colors_expected);
		return;
	}
	if (L->w.n < 4) {
		err_at(L, end_of_words(L), "missing background color (expected %s)", usage);
		return;
	}
	if (parse_color(L->w.v[3].s, &bg) < 0) {
		err_word(L, &L->w.v[3], "", colors_expected);
		return;
	}
	unsigned attrs = 0;
	for (size_t i = 4; i < L->w.n; i++) {
		const struct word *aw = &L->w.v[i];
		size_t k = 0;
		while (k < NATTRS && strcasecmp(aw->s, attr_names[k].name))
			k++;
		if (k == NATTRS) {
			err_word(L, aw, "", " is not an attribute (expected bold, dim, "
				 "underline, reverse or italic)");
			return;
		}
		attrs |= attr_names[k].bit;
	}
	L->c->colors[el] = (struct config_color){ (enum config_element)el, fg, bg, attrs, 1 };
}

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
		err_word(L, &L->w.v[0], "unknown command ",
			 " (expected set, source, bind, unbind or color)");
}

/* Checks the bytes of a line: 0, or -1 after reporting the first bad one. */
static int check_text(struct loader *L)
{
	const unsigned char *u = (const unsigned char *)L->line;
	size_t i = 0;
	while (i < L->len) {
		uint32_t cp;
		if (u[i] == 0) {
			err_at(L, i, "NUL byte (expected text)");
			return -1;
		}
		size_t n = utf8_decode(L->line + i, L->len - i, &cp);
		if (cp == UTF8_INVALID) {
			err_at(L, i, "not valid UTF-8 (byte 0x%02X; expected UTF-8 text)", u[i]);
			return -1;
		}
		if (cp != '\t' && (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))) {
			err_at(L, i, "control character U+%04X (expected text)", (unsigned)cp);
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
	words_init(&L.w);
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
			err_at(&L, 0, "line longer than %d bytes", CONFIG_MAX_LINE);
			continue;
		}
		if (check_text(&L) < 0)
			continue;
		size_t bad;
		if (split_words(L.line, L.len, &L.w, &bad) < 0) {
			err_at(&L, bad, "unterminated quote (expected a closing %c before the "
			       "end of the line)", L.line[bad]);
			continue;
		}
		if (L.w.n)
			do_line(&L);
	}
	words_free(&L.w);
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
		add_safe(errors, path, strlen(path));
		strbuf_addstr(errors, ": ");
		if (e == EFBIG)
			strbuf_addf(errors, "larger than %d bytes (expected a small text file)",
				    CONFIG_MAX_FILE);
		else if (!fileio_add_refusal(errors, path, e)) /* a FIFO, /dev/zero */
			strbuf_addf(errors, "cannot read: %s", strerror(e));
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

/* ---- using and printing ---------------------------------------------------- */

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

static void print_color_value(struct strbuf *out, int v)
{
	if (v < 0)
		strbuf_addstr(out, "default");
	else if (v < 8)
		strbuf_addstr(out, color_names[v]);
	else
		strbuf_addf(out, "color%d", v);
}

static void print_bind(struct strbuf *out, const struct config_bind *b)
{
	struct strbuf key = STRBUF_INIT;
	keyname_format(b->key, &key);
	strbuf_addstr(out, b->action != ACTION_NONE ? "bind " : "unbind ");
	if (b->pane)
		strbuf_addf(out, "%s ", b->pane);
	add_word(out, key.buf);
	if (b->action != ACTION_NONE)
		strbuf_addf(out, " %s", action_info[b->action].name);
	strbuf_addch(out, '\n');
	strbuf_release(&key);
}

static void print_setting(const struct config *c, enum config_setting_id id,
			  struct strbuf *out)
{
	const struct setting *s = &settings[id];
	struct setting_value v;
	setting_load(c, id, &v);
	strbuf_addf(out, "# %s (", s->info.summary);
	config_setting_expect(id, out);
	strbuf_addf(out, ")\nset %s ", s->info.name);
	switch (s->type) {
	case TYPE_INT:
		strbuf_addf(out, "%d", v.i);
		break;
	case TYPE_BOOL:
		strbuf_addstr(out, v.i ? "yes" : "no");
		break;
	case TYPE_CHOICE:
	case TYPE_CHOICE_OR_SECONDS: {
		const char *name = config_choice_name(id, v.i);
		if (s->type == TYPE_CHOICE_OR_SECONDS && v.i == s->lim.number_choice)
			strbuf_addf(out, "%d", v.n);
		else
			strbuf_addstr(out, name ? name : "?");
		break;
	}
	case TYPE_WIDTH:
		strbuf_addf(out, "%d%s", v.i, v.n ? "%" : "");
		break;
	case TYPE_LANG:
	case TYPE_COMMAND:
	case TYPE_URL:
	case TYPE_DIR:
	case TYPE_GIT_REMOTE:
		add_word(out, v.s);
		break;
	case TYPE_SECRET:
		strbuf_addstr(out, *v.s ? "\"\"  # set, not shown" : "\"\"");
		break;
	}
	strbuf_addch(out, '\n');
}

void config_print(const struct config *c, struct strbuf *out)
{
	strbuf_addstr(out, "# digest-tui: the effective configuration\n# read from: ");
	if (c->path)
		add_safe(out, c->path, strlen(c->path));
	else
		strbuf_addstr(out, "no file (the defaults)");
	strbuf_addstr(out, "\n\n");

	for (int i = 0; i < CONFIG_SETTING_COUNT; i++)
		print_setting(c, (enum config_setting_id)i, out);

	strbuf_addstr(out, "\n# sources\n");
	if (!c->nsources)
		strbuf_addstr(out, "# (none)\n");
	for (size_t i = 0; i < c->nsources; i++) {
		const struct config_source *s = &c->sources[i];
		strbuf_addstr(out, "source ");
		add_word(out, s->name);
		strbuf_addf(out, " %s", config_source_kind_name(s->kind));
		for (size_t k = 0; k < s->nargs; k++) {
			strbuf_addch(out, ' ');
			add_word(out, s->args[k]);
		}
		strbuf_addch(out, '\n');
	}

	/* Lines for all panes first: a later one would replace the pane lines. */
	strbuf_addstr(out, "\n# key bindings\n");
	if (!c->nbinds && !c->nunbinds)
		strbuf_addstr(out, "# (none besides the defaults)\n");
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < c->nunbinds; i++)
			if (!c->unbinds[i].pane == !pass)
				print_bind(out, &c->unbinds[i]);
		for (size_t i = 0; i < c->nbinds; i++)
			if (!c->binds[i].pane == !pass)
				print_bind(out, &c->binds[i]);
	}
	strbuf_addstr(out, "# the action table's default bindings still in effect:\n");
	for (int a = 1; a < ACTION_COUNT; a++) {
		char *keys = xstrdup(action_info[a].keys);
		for (char *save = NULL, *tok = strtok_r(keys, " ", &save); tok;
		     tok = strtok_r(NULL, " ", &save)) {
			unsigned k;
			enum action got;
			if (keyname_parse(tok, &k) < 0 || config_key_action(c, NULL, k, &got))
				continue;
			strbuf_addstr(out, "# ");
			print_bind(out, &(struct config_bind){ NULL, k, (enum action)a });
		}
		free(keys);
	}

	strbuf_addstr(out, "\n# colors\n");
	for (int e = 0; e < CONFIG_ELEMENT_COUNT; e++) {
		const struct config_color *col = &c->colors[e];
		strbuf_addf(out, "color %s ", element_names[e]);
		print_color_value(out, col->fg);
		strbuf_addch(out, ' ');
		print_color_value(out, col->bg);
		for (size_t i = 0; i < NATTRS; i++)
			if (col->attrs & attr_names[i].bit)
				strbuf_addf(out, " %s", attr_names[i].name);
		strbuf_addch(out, '\n');
	}
}
