/* configfile: the configuration file — settings, news sources, key bindings and
 * colors — read from $XDG_CONFIG_HOME/digest-tui/config or `-c FILE`.
 *
 * The file is line-based, in the manner of newsboat and mutt:
 *
 *   set NAME VALUE
 *   source NAME KIND ARG          (KIND: template, url or dir)
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

enum config_mark_read {
	CONFIG_MARK_READ_ON_OPEN, /* a paper is read once it is shown */
	CONFIG_MARK_READ_NEVER,   /* only the toggle-read action marks */
	CONFIG_MARK_READ_AFTER,   /* after mark_read_after seconds on screen */
};

/* `source NAME KIND ARG`, checked by the fetcher's own rules (source.h): the
 * kind is what source_classify() makes of ARG. */
struct config_source {
	char *name;             /* 1 to SOURCE_NAME_MAX of a-z, 0-9 and _ */
	enum source_kind kind;  /* SOURCE_TEMPLATE, SOURCE_URL or SOURCE_DIR */
	char **args;            /* ARG (~/ expanded); nargs is 1 for every kind */
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

struct config {
	char *path;             /* the file read last, or NULL */

	int days;               /* 1-3660, default 14 */
	int parallel;           /* 1-32, default 4 */
	int timeout;            /* seconds, 1-600, default 20 */
	char *browser;          /* command with %u; NULL: $BROWSER, then xdg-open */
	int browser_terminal;   /* the browser runs in this terminal (suspend UI) */
	char *alphaxiv_lang;    /* "ko" */
	char *yank_command;     /* reads the text on stdin; NULL: OSC 52 only */
	int ambiguous_width;    /* 1 or 2 */
	enum layout_break line_break;
	enum config_layout layout;
	int list_width;         /* columns (10-200), or a percentage (10-90) */
	int list_width_percent; /* list_width is a percentage */
	int compact;
	enum config_mark_read mark_read;
	int mark_read_after;    /* seconds, for CONFIG_MARK_READ_AFTER */

	struct config_source *sources;
	size_t nsources, sources_cap;
	struct config_bind *binds;   /* `bind` lines in effect, in file order */
	size_t nbinds, binds_cap;
	struct config_bind *unbinds; /* `unbind` lines in effect */
	size_t nunbinds, unbinds_cap;
	struct config_color colors[CONFIG_ELEMENT_COUNT]; /* indexed by element */
};

/* Fills c with the defaults (no sources, binds or unbinds; the built-in color
 * scheme). c needs no config_free before, but must get one after. */
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
 * path), else $HOME/.config/digest-tui/config; NULL when neither can be
 * found. The caller frees it. */
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

/* Names, for messages and the UI. */
const char *config_element_name(enum config_element e);
const char *config_source_kind_name(enum source_kind k);

#endif
