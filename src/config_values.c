/* config_values: each setting's value by its type, and the colors, attributes
 * and elements of `color` lines (see config_values.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config_lex.h"
#include "config_values.h"
#include "configfile.h"
#include "i18n.h"
#include "launch.h"
#include "strbuf.h"
#include "util.h"
#include "xdg.h"

/* ---- the settings table -------------------------------------------------
 * SETTING_TABLE (configfile.h) expanded into data: the shape of each type's
 * values is in the functions below, each setting's in its row. The string
 * types come last (from TYPE_LANG): their fields are strings that
 * config_values_clear frees. */
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
	const char *unit;                     /* "whole number" when NULL; N_() */
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

/* Storing a value into a field and reading it back, by type. */
#define STORE_INT(c, f, v) ((c)->f = (v)->i)
#define STORE_BOOL(c, f, v) ((c)->f = (v)->i)
#define STORE_CHOICE(c, f, v) ((c)->f = (v)->i)
#define STORE_CHOICE_OR_SECONDS(c, f, v) ((c)->f = (v)->i, (c)->f##_after = (v)->n)
#define STORE_WIDTH(c, f, v) ((c)->f = (v)->i, (c)->f##_percent = (v)->n)
#define STORE_STRING(c, f, v) set_string(&(c)->f, (v)->s)
#define STORE_LANG STORE_STRING
#define STORE_COMMAND STORE_STRING
#define STORE_URL STORE_STRING
#define STORE_SECRET STORE_STRING
#define STORE_DIR STORE_STRING
#define STORE_GIT_REMOTE STORE_STRING
#define LOAD_INT(c, f, v) ((v)->i = (c)->f)
#define LOAD_BOOL(c, f, v) ((v)->i = (c)->f)
#define LOAD_CHOICE(c, f, v) ((v)->i = (int)(c)->f)
#define LOAD_CHOICE_OR_SECONDS(c, f, v) ((v)->i = (int)(c)->f, (v)->n = (c)->f##_after)
#define LOAD_WIDTH(c, f, v) ((v)->i = (c)->f, (v)->n = (c)->f##_percent)
#define LOAD_STRING(c, f, v) ((v)->s = (c)->f ? (c)->f : "")
#define LOAD_LANG LOAD_STRING
#define LOAD_COMMAND LOAD_STRING
#define LOAD_URL LOAD_STRING
#define LOAD_SECRET LOAD_STRING
#define LOAD_DIR LOAD_STRING
#define LOAD_GIT_REMOTE LOAD_STRING

static void set_string(char **dst, const char *v)
{
	free(*dst);
	*dst = *v ? xstrdup(v) : NULL;
}

void config_values_store(struct config *c, enum config_setting_id id,
			 const struct config_value *v)
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

void config_values_clear(struct config *c)
{
	const struct config_value unset = { 0, 0, "", NULL };
	for (int i = 0; i < CONFIG_SETTING_COUNT; i++)
		if (settings[i].type >= TYPE_LANG)
			config_values_store(c, (enum config_setting_id)i, &unset);
}

void config_values_release(struct config_value *v)
{
	free(v->owned);
	v->owned = NULL;
}

static void setting_load(const struct config *c, enum config_setting_id id,
			 struct config_value *v)
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

/* ---- what the table says ------------------------------------------------- */

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

/* "a, b" (the choices but the last when all_but_last, else all of them). */
static void add_choices(struct strbuf *out, const struct config_choice *ch, int all_but_last)
{
	for (size_t i = 0; ch[i].name && (!all_but_last || ch[i + 1].name); i++)
		strbuf_addf(out, "%s%s", i ? ", " : "", ch[i].name);
}

static void add_number_range(struct strbuf *out, const struct setting_limits *l)
{
	/* TRANSLATORS: a unit ("whole number", "number of seconds", "number
	 * of columns"), then the bounds: "a whole number from 1 to 3660". */
	strbuf_addf(out, _("a %s from %ld to %ld"), l->unit ? _(l->unit) : _("whole number"),
		    l->lo, l->hi);
}

void config_setting_expect(enum config_setting_id id, struct strbuf *out)
{
	if ((unsigned)id >= CONFIG_SETTING_COUNT)
		return;
	const struct setting_limits *l = &settings[id].lim;
	struct strbuf part = STRBUF_INIT;
	switch (settings[id].type) {
	case TYPE_INT:
		if (l->hi == l->lo + 1)
			strbuf_addf(out, _("%ld or %ld"), l->lo, l->hi);
		else
			add_number_range(out, l);
		break;
	case TYPE_BOOL:
		strbuf_addstr(out, _("yes or no"));
		break;
	case TYPE_CHOICE: {
		size_t n = 0;
		while (l->choices[n].name)
			n++;
		add_choices(&part, l->choices, 1);
		/* TRANSLATORS: the values a setting takes, the last after "or":
		 * "auto, side or stacked". */
		strbuf_addf(out, _("%s or %s"), part.buf, l->choices[n - 1].name);
		break;
	}
	case TYPE_CHOICE_OR_SECONDS: {
		struct strbuf range = STRBUF_INIT;
		add_choices(&part, l->choices, 0);
		add_number_range(&range, l);
		/* TRANSLATORS: the values a setting takes, then a range of
		 * numbers: "on-open, never, or a number of seconds from 1 to
		 * 3600". */
		strbuf_addf(out, _("%s, or %s"), part.buf, range.buf);
		strbuf_release(&range);
		break;
	}
	case TYPE_WIDTH:
		add_number_range(&part, l);
		/* TRANSLATORS: a range of columns, then the percentages'. */
		strbuf_addf(out, _("%s, or a percentage from %ld%% to %ld%%"), part.buf, l->pct_lo,
			    l->pct_hi);
		break;
	case TYPE_LANG:
	case TYPE_COMMAND:
	case TYPE_URL:
	case TYPE_SECRET:
	case TYPE_DIR:
	case TYPE_GIT_REMOTE:
		strbuf_addstr(out, _(l->expect));
		break;
	}
	strbuf_release(&part);
}

void config_setting_metavar(enum config_setting_id id, struct strbuf *out)
{
	static const char *const metavar[] = {
		[TYPE_INT] = "N",       [TYPE_BOOL] = "yes|no", [TYPE_WIDTH] = "N|N%",
		[TYPE_LANG] = "LANG",   [TYPE_COMMAND] = "COMMAND", [TYPE_URL] = "URL",
		[TYPE_SECRET] = "TOKEN", [TYPE_DIR] = "DIR",    [TYPE_GIT_REMOTE] = "URL",
	};
	if ((unsigned)id >= CONFIG_SETTING_COUNT)
		return;
	const struct setting_limits *l = &settings[id].lim;
	enum setting_type t = settings[id].type;
	if (t == TYPE_INT && l->hi == l->lo + 1) {
		strbuf_addf(out, "%ld|%ld", l->lo, l->hi);
	} else if (t == TYPE_CHOICE || t == TYPE_CHOICE_OR_SECONDS) {
		for (size_t i = 0; l->choices[i].name; i++)
			strbuf_addf(out, "%s%s", i ? "|" : "", l->choices[i].name);
		if (t == TYPE_CHOICE_OR_SECONDS)
			strbuf_addstr(out, "|N");
	} else {
		strbuf_addstr(out, metavar[t]);
	}
}

/* ---- reading a value ----------------------------------------------------- */

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

/* Why a command (the browser or yank-command setting) is none, by the rules
 * of launch_split, which runs it; NULL when it splits into words. */
static const char *command_problem(const char *s)
{
	const char *why = NULL;
	char **argv = launch_split(s, NULL, &why);
	launch_argv_free(argv);
	return argv ? NULL : why;
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

/* What a value a setting does not take is not. */
enum problem {
	PROBLEM_NONE,
	PROBLEM_RANGE,          /* a number, but out of range */
	PROBLEM_CHOICE,         /* none of the choices */
	PROBLEM_NUMBER,
	PROBLEM_BOOLEAN,
	PROBLEM_WIDTH,
	PROBLEM_LANG,
	PROBLEM_COMMAND,        /* with launch_split's reason (N_()) */
	PROBLEM_URL,
	PROBLEM_DIR,
	PROBLEM_GIT_REMOTE,
};

/* The message about text, a value setting id does not take: "'0' is out of
 * range for days (expected a whole number from 1 to 3660)". */
static void add_problem(enum config_setting_id id, enum problem problem, const char *text,
			const char *detail, struct strbuf *why)
{
	struct strbuf found = STRBUF_INIT, expect = STRBUF_INIT;
	config_lex_add_found(&found, text);
	config_setting_expect(id, &expect);
	const char *f = found.buf, *e = expect.buf, *name = settings[id].info.name;
	/* TRANSLATORS (each message here): the value as written, the
	 * setting's name where there is one, then what its value may be. */
	switch (problem) {
	case PROBLEM_NONE:
	case PROBLEM_RANGE:
		strbuf_addf(why, _("%s is out of range for %s (expected %s)"), f, name, e);
		break;
	case PROBLEM_CHOICE:
		strbuf_addf(why, _("%s is not a valid %s (expected %s)"), f, name, e);
		break;
	case PROBLEM_NUMBER:
		strbuf_addf(why, _("%s is not a number (expected %s)"), f, e);
		break;
	case PROBLEM_BOOLEAN:
		strbuf_addf(why, _("%s is not a boolean (expected %s)"), f, e);
		break;
	case PROBLEM_WIDTH:
		strbuf_addf(why, _("%s is not a width (expected %s)"), f, e);
		break;
	case PROBLEM_LANG:
		strbuf_addf(why, _("%s is not a language code (expected %s)"), f, e);
		break;
	case PROBLEM_COMMAND:
		/* TRANSLATORS: the value, why it is no command, then what it
		 * may be. */
		strbuf_addf(why, _("%s is not a command: %s (expected %s)"), f, _(detail), e);
		break;
	case PROBLEM_URL:
		strbuf_addf(why, _("%s is not a URL starting with http:// or https:// (expected %s)"),
			    f, e);
		break;
	case PROBLEM_DIR:
		strbuf_addf(why, _("%s is not an absolute directory (expected %s)"), f, e);
		break;
	case PROBLEM_GIT_REMOTE:
		strbuf_addf(why, _("%s is not a git remote (expected %s)"), f, e);
		break;
	}
	strbuf_release(&found);
	strbuf_release(&expect);
}

int config_values_parse(enum config_setting_id id, const char *v,
			struct config_value *out, struct strbuf *why)
{
	const struct setting *s = &settings[id];
	const struct setting_limits *l = &s->lim;
	enum problem problem = PROBLEM_NONE; /* what v is not */
	const char *detail = NULL;           /* and why, when there is more to say */
	long num;
	memset(out, 0, sizeof(*out));
	switch (s->type) {
	case TYPE_INT: {
		const char *digits = v + (v[0] == '-');
		size_t n = strlen(digits);
		if (n == 0 || strspn(digits, "0123456789") != n)
			problem = PROBLEM_NUMBER;
		else if (digits != v || parse_number(digits, &num) < 0 || num < l->lo ||
			 num > l->hi)
			problem = PROBLEM_RANGE;
		else
			out->i = (int)num;
		break;
	}
	case TYPE_BOOL:
		if (parse_bool(v, &out->i) < 0)
			problem = PROBLEM_BOOLEAN;
		break;
	case TYPE_CHOICE:
	case TYPE_CHOICE_OR_SECONDS:
		if (config_choice_value(id, v, &out->i) == 0)
			break;
		if (s->type == TYPE_CHOICE || parse_number(v, &num) < 0)
			problem = PROBLEM_CHOICE;
		else if (num < l->lo || num > l->hi)
			problem = PROBLEM_RANGE;
		else
			out->i = l->number_choice, out->n = (int)num;
		break;
	case TYPE_WIDTH: {
		size_t n = strlen(v);
		int pct = n > 1 && v[n - 1] == '%';
		char *digits = xstrndup(v, pct ? n - 1 : n);
		if (parse_number(digits, &num) < 0)
			problem = PROBLEM_WIDTH;
		else if (pct ? (num < l->pct_lo || num > l->pct_hi) : (num < l->lo || num > l->hi))
			problem = PROBLEM_RANGE;
		else
			out->i = (int)num, out->n = pct;
		free(digits);
		break;
	}
	case TYPE_LANG:
		if (!valid_lang(v))
			problem = PROBLEM_LANG;
		break;
	case TYPE_COMMAND:
		if (*v && (detail = command_problem(v)))
			problem = PROBLEM_COMMAND;
		break;
	case TYPE_URL:
		if (*v && !valid_url(v))
			problem = PROBLEM_URL;
		break;
	case TYPE_SECRET:
		/* Any value: a message about it would quote it. Its user
		 * checks it (fetch_cli_config) without printing it. */
		break;
	case TYPE_DIR:
		if (*v && !(out->owned = absolute_dir(v)))
			problem = PROBLEM_DIR;
		break;
	case TYPE_GIT_REMOTE:
		if (*v && !valid_git_remote(v))
			problem = PROBLEM_GIT_REMOTE;
		break;
	}
	if (problem == PROBLEM_NONE) {
		out->s = out->owned ? out->owned : v;
		return 0;
	}
	config_values_release(out);
	if (why)
		add_problem(id, problem, v, detail, why);
	return -1;
}

/* ---- printing a value ---------------------------------------------------- */

void config_values_print(const struct config *c, enum config_setting_id id,
			 struct strbuf *out)
{
	if ((unsigned)id >= CONFIG_SETTING_COUNT)
		return;
	const struct setting *s = &settings[id];
	struct config_value v;
	setting_load(c, id, &v);
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
		config_lex_add_word(out, v.s);
		break;
	case TYPE_SECRET:
		strbuf_addstr(out, *v.s ? "\"\"  # set, not shown" : "\"\"");
		break;
	}
}

/* ---- colors, attributes, elements ---------------------------------------- */

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

int config_values_color(const char *s, int *v)
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

void config_values_add_color(struct strbuf *out, int v)
{
	if (v < 0)
		strbuf_addstr(out, "default");
	else if (v < 8)
		strbuf_addstr(out, color_names[v]);
	else
		strbuf_addf(out, "color%d", v);
}

unsigned config_values_attr(const char *s)
{
	for (size_t k = 0; k < NATTRS; k++)
		if (!strcasecmp(s, attr_names[k].name))
			return attr_names[k].bit;
	return 0;
}

void config_values_add_attrs(struct strbuf *out, unsigned attrs)
{
	for (size_t i = 0; i < NATTRS; i++)
		if (attrs & attr_names[i].bit)
			strbuf_addf(out, " %s", attr_names[i].name);
}

int config_values_element(const char *name)
{
	for (int e = 0; e < CONFIG_ELEMENT_COUNT; e++)
		if (!strcmp(name, element_names[e]))
			return e;
	return -1;
}

const char *config_element_name(enum config_element e)
{
	return (unsigned)e < CONFIG_ELEMENT_COUNT ? element_names[e] : "?";
}
