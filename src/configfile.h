/* configfile: the configuration file — settings, news sources, key bindings and
 * colors — read from $XDG_CONFIG_HOME/digest-tui/config or `-c FILE`.
 *
 * The file is line-based, in the manner of newsboat and mutt:
 *
 *   set NAME VALUE
 *   source NAME KIND ARG          (KIND: template, url or dir)
 *   source NAME github OWNER/REPO [BRANCH] [PATH]
 *   bind [PANE] KEY ACTION        (PANE: list, view or help)
 *   unbind [PANE] KEY
 *   color ELEMENT FG BG [ATTR]...
 *
 * Words are separated by blanks; "double quotes" take \" and \\ escapes,
 * 'single quotes' are literal, and a # outside quotes starts a comment.
 * Loading collects every error (FILE:LINE:COLUMN: message, one per line) so the
 * caller can list them all and refuse to start on a half-read file. Nothing
 * here touches curses: colors are numbers (-1 the terminal's default, 0-255),
 * attributes a bit set. See digest-tui.conf(5). */
#ifndef DIGEST_CONFIGFILE_H
#define DIGEST_CONFIGFILE_H

#include <stddef.h>

#include "actions.h"
#include "i18n.h"
#include "layout.h"
#include "source.h"

struct strbuf;

/* Lines longer than this many bytes (newline excluded) are rejected. */
#define CONFIG_MAX_LINE 4096
/* Loading stops after this many errors, with a "too many errors" line. */
#define CONFIG_MAX_ERRORS 20

enum config_layout {
	CONFIG_LAYOUT_AUTO,     /* side by side from 80 columns, else stacked */
	CONFIG_LAYOUT_SIDE,
	CONFIG_LAYOUT_STACKED,
};

/* The order of a digest's papers (--list prints in it). */
enum config_sort {
	CONFIG_SORT_NUMBER,     /* as the blog lists them */
	CONFIG_SORT_UPVOTES,    /* Hugging Face upvotes, most first */
	CONFIG_SORT_FOR_ME,     /* the for-me model's score (rank.h), best first */
};

enum config_mark_read {
	CONFIG_MARK_READ_ON_OPEN, /* read as soon as shown after a key moved to it */
	CONFIG_MARK_READ_NEVER,   /* only the toggle-read action marks */
	CONFIG_MARK_READ_AFTER,   /* after mark_read_after seconds shown (ui/reading.h) */
};

/* `source NAME KIND ARG`, checked by the fetcher's own rules (source.h): the
 * kind is what source_classify() makes of ARG. */
struct config_source {
	char *name;             /* 1 to SOURCE_NAME_MAX of a-z, 0-9 and _ */
	enum source_kind kind;  /* SOURCE_TEMPLATE, SOURCE_URL, SOURCE_DIR or
				 * SOURCE_GITHUB */
	char **args;            /* ARG (~/ expanded): nargs is 1, but for
				 * SOURCE_GITHUB OWNER/REPO [BRANCH] [PATH] */
	size_t nargs;
	int line;               /* where it was defined (0: not from a file) */
};

/* `bind` (action != ACTION_NONE) or `unbind` (action == ACTION_NONE). */
struct config_bind {
	const char *pane;       /* "list", "view", "help" (static), or NULL: all */
	unsigned key;           /* code from keyname_parse */
	enum action action;
};

/* The elements a `color` line can style. */
#define CONFIG_ELEMENT_TABLE(_) \
	_(TITLE,    "title",    "paper titles in the list and the view") \
	_(HEADING,  "heading",  "section headings in the view") \
	_(LABEL,    "label",    "bullet labels such as Goal:") \
	_(CODE,     "code",     "inline code") \
	_(LINK,     "link",     "link text") \
	_(DIM,      "dim",      "secondary text: URLs, the compact Goal row") \
	_(MATCH,    "match",    "search matches") \
	_(SELECTED, "selected", "the selected row of the list") \
	_(HEADER,   "header",   "the header line at the top") \
	_(STATUS,   "status",   "the status line at the bottom") \
	_(BORDER,   "border",   "the lines between and around panes")

enum config_element {
#define CONFIG_ELEMENT_ENUM(id, name, help) CONFIG_ELEMENT_##id,
	CONFIG_ELEMENT_TABLE(CONFIG_ELEMENT_ENUM)
#undef CONFIG_ELEMENT_ENUM
	CONFIG_ELEMENT_COUNT
};

enum {
	CONFIG_ATTR_BOLD      = 1 << 0,
	CONFIG_ATTR_DIM       = 1 << 1,
	CONFIG_ATTR_UNDERLINE = 1 << 2,
	CONFIG_ATTR_REVERSE   = 1 << 3,
	CONFIG_ATTR_ITALIC    = 1 << 4,
};

#define CONFIG_COLOR_DEFAULT (-1)

struct config_color {
	enum config_element element;
	int fg, bg;             /* -1 (default) or 0-255 */
	unsigned attrs;         /* CONFIG_ATTR_* */
	int from_file;          /* set by a `color` line rather than the defaults */
};

/* ---- the settings table ---------------------------------------------------
 * One row per `set NAME VALUE` setting, in the manner of tig's OPTION_INFO:
 *
 *   _(ID, "name", TYPE, field, "default", LIMITS, "summary", OPTION)
 *
 * TYPE says how a value is read and printed:
 *   INT      a whole number from .lo to .hi (.unit names it in messages:
 *            "whole number" when unset); two bounds next to each other read
 *            "1 or 2"
 *   BOOL     yes|true|on or no|false|off
 *   CHOICE   one of .choices, whose value goes into the (enum) field
 *   CHOICE_OR_SECONDS  one of .choices, or a number of seconds from .lo to
 *            .hi: the field gets .number_choice and field##_after the number
 *   WIDTH    a number from .lo to .hi (.unit), or a percentage from .pct_lo%
 *            to .pct_hi%: field##_percent says which
 *   LANG     a language code (ko, en, pt-BR)
 *   COMMAND  a command line split as src/launch.c splits it; "" is unset (NULL)
 *   URL      an http:// or https:// URL; "" is unset (NULL)
 *   SECRET   any text, never printed (--check-config shows whether it is
 *            set); "" is unset (NULL)
 *   DIR      an absolute directory (~/ is $HOME); "" is unset (NULL)
 *   GIT_REMOTE  a git remote: scheme://HOST/PATH, [USER@]HOST:PATH or an
 *            absolute path; "" is unset (NULL)
 * LIMITS is SETTING_LIMITS(.lo = ..., ...): the bounds and choices, and for
 * the string types .expect, the whole "expected ..." text of messages. The
 * default is written as a value and read by the same parser at start-up. The
 * summary (one line, lower case) is printed by --check-config and --help.
 * The summary, .unit and .expect are N_() (src/i18n.h), translated where
 * they are shown; a % in them that is no format wants xgettext:no-c-format.
 * OPTION is 1 when a command-line option --name overrides the setting.
 *
 * Adding a setting: one row here and its field in struct config below (plus
 * its entries in digest-tui.conf(5) and config/digest-tui.conf, which
 * tests/man_drift.sh checks against this table). */
#define SETTING_LIMITS(...) { __VA_ARGS__ }
#define SETTING_CHOICES(...) \
	((const struct config_choice[]){ __VA_ARGS__, { NULL, 0 } })

#define SETTING_TABLE(_) \
	_(DAYS, "days", INT, days, "14", SETTING_LIMITS(.lo = 1, .hi = 3660), \
	  N_("how many days back --fetch and the reader look for posts"), 1) \
	_(PARALLEL, "parallel", INT, parallel, "4", SETTING_LIMITS(.lo = 1, .hi = 32), \
	  N_("how many downloads run at the same time"), 0) \
	_(TIMEOUT, "timeout", INT, timeout, "20", \
	  SETTING_LIMITS(.lo = 1, .hi = 600, .unit = N_("number of seconds")), \
	  N_("seconds before a download is given up"), 0) \
	_(BROWSER, "browser", COMMAND, browser, "", \
	  SETTING_LIMITS(.expect = /* xgettext:no-c-format */ \
			 N_("a command such as \"firefox %u\", or \"\" for $BROWSER, then " \
			    "xdg-open")), \
	  /* xgettext:no-c-format */ N_("the command that opens links; %u in it is the URL"), 0) \
	_(BROWSER_TERMINAL, "browser-terminal", BOOL, browser_terminal, "no", \
	  SETTING_LIMITS(.lo = 0), \
	  N_("the browser runs inside this terminal, so the reader hands it the screen"), 0) \
	_(ALPHAXIV_LANG, "alphaxiv-lang", LANG, alphaxiv_lang, "ko", \
	  SETTING_LIMITS(.expect = N_("a language code such as ko or en")), \
	  N_("the language of the Alphaxiv pages that open-alphaxiv opens"), 0) \
	_(LANGUAGE, "language", CHOICE, language, "auto", \
	  SETTING_LIMITS(.choices = SETTING_CHOICES({ "auto", I18N_AUTO }, \
		{ "en", I18N_EN }, { "ko", I18N_KO })), \
	  N_("the language of the messages: the locale's (auto), English or Korean"), 0) \
	_(YANK_COMMAND, "yank-command", COMMAND, yank_command, "", \
	  SETTING_LIMITS(.expect = N_("a command such as \"wl-copy\", or \"\" for " \
			 "OSC 52 only")), \
	  N_("the command that receives yanked text on its standard input"), 0) \
	_(EDITOR, "editor", COMMAND, editor, "", \
	  SETTING_LIMITS(.expect = N_("a command such as \"emacs -nw\", or \"\" for " \
			 "$VISUAL, then $EDITOR, then vi")), \
	  N_("the command that edits a paper's note; the note's file is its last argument"), 0) \
	_(AMBIGUOUS_WIDTH, "ambiguous-width", INT, ambiguous_width, "1", \
	  SETTING_LIMITS(.lo = 1, .hi = 2), \
	  N_("columns of East-Asian ambiguous characters"), 1) \
	_(LINE_BREAK, "line-break", CHOICE, line_break, "keep-all", \
	  SETTING_LIMITS(.choices = SETTING_CHOICES( \
		{ "keep-all", LAYOUT_BREAK_KEEP_ALL }, { "normal", LAYOUT_BREAK_NORMAL })), \
	  N_("Korean line breaking: keep-all at spaces only, normal between syllables too"), 1) \
	_(LAYOUT, "layout", CHOICE, layout, "auto", \
	  SETTING_LIMITS(.choices = SETTING_CHOICES({ "auto", CONFIG_LAYOUT_AUTO }, \
		{ "side", CONFIG_LAYOUT_SIDE }, { "stacked", CONFIG_LAYOUT_STACKED })), \
	  N_("the list beside the view (side), above it (stacked), or by width (auto)"), 0) \
	_(LIST_WIDTH, "list-width", WIDTH, list_width, "40%", \
	  SETTING_LIMITS(.lo = 10, .hi = 200, .unit = N_("number of columns"), \
			 .pct_lo = 10, .pct_hi = 90), \
	  N_("the width of the list beside the view"), 0) \
	_(TEXT_WIDTH, "text-width", INT, text_width, "100", \
	  SETTING_LIMITS(.lo = 0, .hi = 1000, .unit = N_("number of columns")), \
	  N_("the widest line of a paper's text in the view, in columns; 0: the whole pane"), 0) \
	_(COMPACT, "compact", BOOL, compact, "no", SETTING_LIMITS(.lo = 0), \
	  N_("the list shows each paper's Goal line under its title"), 0) \
	_(SORT, "sort", CHOICE, sort, "number", \
	  SETTING_LIMITS(.choices = SETTING_CHOICES({ "number", CONFIG_SORT_NUMBER }, \
		{ "upvotes", CONFIG_SORT_UPVOTES }, { "for-me", CONFIG_SORT_FOR_ME })), \
	  N_("the order of the reader's views and of --list: the blog's, by upvotes, or " \
	     "for-me"), 1) \
	_(MARK_READ, "mark-read", CHOICE_OR_SECONDS, mark_read, "2", \
	  SETTING_LIMITS(.lo = 1, .hi = 3600, .unit = N_("number of seconds"), \
		.number_choice = CONFIG_MARK_READ_AFTER, \
		.choices = SETTING_CHOICES({ "on-open", CONFIG_MARK_READ_ON_OPEN }, \
					   { "never", CONFIG_MARK_READ_NEVER })), \
	  N_("when a paper a key moved to counts as read"), 0) \
	_(ADVANCE, "advance", BOOL, advance, "yes", SETTING_LIMITS(.lo = 0), \
	  N_("star, later, read and hide select the next paper afterwards"), 0) \
	_(OPEN_MANY, "open-many", INT, open_many, "5", SETTING_LIMITS(.lo = 1, .hi = 1000), \
	  N_("open-starred asks first when it would open more tabs than this"), 0) \
	_(METADATA, "metadata", BOOL, metadata, "yes", SETTING_LIMITS(.lo = 0), \
	  N_("--fetch learns each paper's authors, abstract and upvotes"), 1) \
	_(METADATA_HF_URL, "metadata-hf-url", URL, metadata_hf_url, \
	  "https://huggingface.co/api/daily_papers?date=%F", \
	  SETTING_LIMITS(.expect = /* xgettext:no-c-format */ \
			 N_("an http:// or https:// URL; %F is the digest's date")), \
	  N_("where the facts of a day's papers are asked for, one request a day"), 0) \
	_(METADATA_ARXIV_URL, "metadata-arxiv-url", URL, metadata_arxiv_url, \
	  "https://export.arxiv.org/api/query", \
	  SETTING_LIMITS(.expect = N_("an http:// or https:// URL")), \
	  N_("the arXiv API, asked for the papers Hugging Face does not know"), 0) \
	_(GITHUB_API_URL, "github-api-url", URL, github_api_url, "https://api.github.com", \
	  SETTING_LIMITS(.expect = N_("an http:// or https:// URL")), \
	  N_("the GitHub API that lists the posts of a github source"), 0) \
	_(GITHUB_RAW_URL, "github-raw-url", URL, github_raw_url, \
	  "https://raw.githubusercontent.com", \
	  SETTING_LIMITS(.expect = N_("an http:// or https:// URL")), \
	  N_("where the posts of a github source are downloaded from"), 0) \
	_(GITHUB_TOKEN, "github-token", SECRET, github_token, "", \
	  SETTING_LIMITS(.expect = N_("a GitHub token, or \"\" for $GITHUB_TOKEN or none")), \
	  N_("a token for the GitHub API (more requests an hour); never printed"), 0) \
	_(SYNC_DIR, "sync-dir", DIR, sync_dir, "", \
	  SETTING_LIMITS(.expect = N_("an absolute directory (~/ for the home directory), " \
			 "or \"\" for none")), \
	  N_("a folder a file syncer keeps in step between machines: the marks and notes go there"), 0) \
	_(SYNC_GIT, "sync-git", GIT_REMOTE, sync_git, "", \
	  SETTING_LIMITS(.expect = N_("a git remote such as ssh://host/path, user@host:path " \
			 "or /srv/git/marks.git, or \"\" for none")), \
	  N_("a git remote that --sync and the reader carry the marks and notes through"), 0)

/* A name that a CHOICE setting takes, and the value it stands for. */
struct config_choice {
	const char *name;
	int value;
};

enum config_setting_id {
#define CONFIG_SETTING_ID(id, ...) CONFIG_SET_##id,
	SETTING_TABLE(CONFIG_SETTING_ID)
#undef CONFIG_SETTING_ID
	CONFIG_SETTING_COUNT
};

struct config {
	char *path;             /* the file read last, or NULL */

	/* The settings, in the order of SETTING_TABLE. */
	int days;
	int parallel;
	int timeout;            /* seconds */
	char *browser;          /* command with %u; NULL: $BROWSER, then xdg-open */
	int browser_terminal;   /* the browser runs in this terminal (suspend UI) */
	char *alphaxiv_lang;
	enum i18n_language language; /* the messages' (i18n_set_language) */
	char *yank_command;     /* reads the text on stdin; NULL: OSC 52 only */
	char *editor;           /* edits a note (notes.h); NULL: $VISUAL, $EDITOR, vi */
	int ambiguous_width;
	enum layout_break line_break;
	enum config_layout layout;
	int list_width;         /* columns, or a percentage of the screen */
	int list_width_percent; /* list_width is a percentage */
	int text_width;         /* the view's measure cap in columns; 0: none */
	int compact;
	enum config_sort sort;
	enum config_mark_read mark_read;
	int mark_read_after;    /* seconds, for CONFIG_MARK_READ_AFTER */
	int advance;            /* triage keys move to the next paper */
	int open_many;          /* O asks above this many tabs */
	int metadata;           /* fetch paper facts (facts_fetch.h) */
	char *metadata_hf_url;  /* with %F; NULL: none asked */
	char *metadata_arxiv_url;
	char *github_api_url;   /* the trees API of github sources */
	char *github_raw_url;   /* their posts */
	char *github_token;     /* NULL: $GITHUB_TOKEN, else none */
	char *sync_dir;         /* the synced folder (sync.h); NULL: none */
	char *sync_git;         /* the git remote (sync.h); NULL: none */

	struct config_source *sources;
	size_t nsources, sources_cap;
	struct config_bind *binds;   /* `bind` lines in effect, in file order */
	size_t nbinds, binds_cap;
	struct config_bind *unbinds; /* `unbind` lines in effect */
	size_t nunbinds, unbinds_cap;
	struct config_color colors[CONFIG_ELEMENT_COUNT]; /* indexed by element */
};

/* Fills c with the defaults (every setting's default from SETTING_TABLE; no
 * sources, binds or unbinds; the built-in color scheme). c needs no
 * config_free before, but must get one after. */
void config_init_defaults(struct config *c);
void config_free(struct config *c);

/* Reads the file at path into c (over what c already holds). Appends one line
 * "PATH:LINE:COLUMN: message\n" per error to errors and returns the number of
 * errors, 0 when the whole file was good. A file that cannot be read is one
 * error ("PATH: cannot read: reason"). */
int config_load_file(struct config *c, const char *path, struct strbuf *errors);
/* Same, but a file that does not exist is not an error (for the default path). */
int config_load_optional(struct config *c, const char *path, struct strbuf *errors);
/* Same for text already in memory; name is used in messages. data may hold NUL
 * bytes and need not be NUL-terminated. */
int config_load_string(struct config *c, const char *name, const char *data,
		       size_t len, struct strbuf *errors);

/* $XDG_CONFIG_HOME/digest-tui/config (when XDG_CONFIG_HOME is an absolute
 * path), else $HOME/.config/digest-tui/config; NULL when neither variable
 * helps (xdg_dir's rule, xdg.h). The caller frees it. */
char *config_default_path(void);

/* Appends the effective configuration in the file's own syntax: every setting
 * with its value, the sources, the bind/unbind lines, every element's color,
 * and (as comments) the default key bindings still in effect. Loading the
 * output gives the same configuration. */
void config_print(const struct config *c, struct strbuf *out);

/* Adds the configured sources to l, as source_list_add("NAME=ARG") does for
 * --source. Returns 0, or -1 with a one-line message in err (a directory
 * that has gone since the file was read). Without any source line the
 * caller adds the default (source_list_add_default). */
int config_add_sources(const struct config *c, struct source_list *l,
		       struct strbuf *err);

/* What the configuration says about key in pane ("list", "view", "help"):
 * returns 1 and sets *a (ACTION_NONE for an unbound key) when a bind or unbind
 * line decides, 0 when the action table's defaults apply. A line for the pane
 * wins over a line for all panes. */
int config_key_action(const struct config *c, const char *pane, unsigned key,
		      enum action *a);

/* The list pane's width in columns on a screen (or stacked area) `cols` wide:
 * list-width's columns, or its percentage of cols, at least 1. */
int config_list_width(const struct config *c, int cols);

/* Sets the setting called name to value, as the line `set NAME VALUE` would
 * (the command-line options that mirror settings come through here). c may be
 * NULL to check a value only. Returns 0, or -1 with a one-line message
 * ("'VALUE' is out of range for days (expected ...)", or "unknown setting
 * 'NAME'") in err. */
int config_set(struct config *c, const char *name, const char *value,
	       struct strbuf *err);

/* What the table says about one setting, for --help and the man page check. */
struct config_setting_info {
	const char *name;
	const char *def;        /* the default, as a value of `set` */
	const char *summary;
	int option;             /* --name overrides it */
};
const struct config_setting_info *config_setting_info(enum config_setting_id id);
/* Appends what a value must look like ("a whole number from 1 to 3660"). */
void config_setting_expect(enum config_setting_id id, struct strbuf *out);
/* Appends the value's shape for --help: "N", "1|2", "keep-all|normal". */
void config_setting_metavar(enum config_setting_id id, struct strbuf *out);
/* The setting called name, or CONFIG_SETTING_COUNT. */
enum config_setting_id config_setting_by_name(const char *name);
/* The name a CHOICE setting gives value ("stacked" for layout's
 * CONFIG_LAYOUT_STACKED), or NULL. */
const char *config_choice_name(enum config_setting_id id, int value);
/* The value of a CHOICE setting's name: 0 with *value set, or -1. */
int config_choice_value(enum config_setting_id id, const char *name, int *value);

/* Names, for messages and the UI. */
const char *config_element_name(enum config_element e);
const char *config_source_kind_name(enum source_kind k);

#endif
