/* commands: the one table of ':' commands — name, short alias, arguments,
 * what runs it, what each missing argument is, and a summary. It feeds the
 * dispatcher (ui/commands_ui.c runs each command's handler), the usage and
 * error messages, Tab completion in the ':' prompt, the ? help overlay and
 * the man-page check (tests/man_drift.sh): a new command is one row here
 * plus its handler in ui/commands_ui.c. No curses.
 *
 * Columns: id, name, alias (or NULL), argument synopsis, fewest and most
 * arguments (COMMAND_REST: the rest of the line, verbatim), whether the name
 * may end in '!' (COMMAND_BANG, or 0: ":export! ..." forces what ":export"
 * would ask about), its handler in ui/commands_ui.c (a name only ui/
 * expands), what the required arguments are ('|' between them, for "needs
 * ..." messages), summary. The last two are N_() (src/i18n.h): translated
 * where they are shown ("" where a command needs nothing: never N_("")). */
#ifndef DIGEST_COMMANDS_H
#define DIGEST_COMMANDS_H

#include <stddef.h>

struct strbuf;

#define COMMAND_REST (-1)
#define COMMAND_BANG 1

#define COMMAND_TABLE(_) \
	_(LISTING, "view",   NULL, "NAME",       1, 1, 0, cmd_listing, \
	  N_("a view (digest, unread, starred, later, hidden or search)"), \
	  N_("show a view: digest, unread, starred, later, hidden or search")) \
	_(DIGESTS, "digests", NULL, "",          0, 0, 0, cmd_digests, \
	  "", \
	  N_("the digests overview: every digest, newest first (Enter opens one)")) \
	_(DATE,    "date",   NULL, "YYYY-MM-DD", 1, 1, 0, cmd_date, \
	  N_("a date (YYYY-MM-DD)"), \
	  N_("show the digest of that day")) \
	_(SEARCH,  "search", NULL, "QUERY",      1, COMMAND_REST, 0, cmd_search, \
	  N_("a query"), \
	  N_("search every digest and show the results")) \
	_(EXPORT,  "export", NULL, "all|starred|later FILE [--format markdown|bibtex|tsv]", \
	  2, 4, COMMAND_BANG, cmd_export, \
	  N_("which papers (all, starred or later)|a file name"), \
	  N_("write all, starred or later papers to FILE as --export prints them; " \
	     ":export! replaces an existing FILE")) \
	_(OPEN,    "open",   NULL, "N",          1, 1, 0, cmd_open, \
	  N_("a link number"), \
	  N_("open the paper's link [N] (a link in its text) in the browser")) \
	_(NOTE,    "note",   NULL, "",           0, 0, 0, cmd_note, \
	  "", \
	  N_("write the selected paper's note in the editor, then show it (the key m)")) \
	_(SORT,    "sort",   NULL, "for-me|upvotes|number", 1, 1, 0, cmd_sort, \
	  N_("an order (for-me, upvotes or number)"), \
	  N_("sort every view for you (best first), by Hugging Face upvotes, or in " \
	     "the blog's order")) \
	_(MESSAGES, "messages", NULL, "",        0, 0, 0, cmd_messages, \
	  "", \
	  N_("show this session's messages, the newest last, each whole and with its time")) \
	_(QUIT,    "quit",   "q",  "",           0, 0, 0, cmd_quit, \
	  "", \
	  N_("leave the reader"))

enum command {
	COMMAND_NONE = 0,
#define COMMAND_ENUM(id, name, alias, args, min, max, flags, handler, needs, summary) COMMAND_##id,
	COMMAND_TABLE(COMMAND_ENUM)
#undef COMMAND_ENUM
	COMMAND_COUNT
};

struct command_info {
	const char *name;
	const char *alias;
	const char *args;
	int min_args, max_args;
	int flags;                 /* COMMAND_BANG, or 0 */
	const char *needs;
	const char *summary;
};

/* Indexed by enum command; entry 0 is empty. */
extern const struct command_info command_info[COMMAND_COUNT];

/* The command called name (or its alias), or COMMAND_NONE. */
enum command command_by_name(const char *name);

/* A parsed command line. argv[0] is the command's name as typed ("export!"
 * too); bang is 1 when it ended in '!' (a COMMAND_BANG command); rest points
 * into the line given to command_parse, just after the name (for
 * COMMAND_REST commands, which take it verbatim). */
struct command_call {
	enum command cmd;
	char **argv;
	int argc;
	int bang;
	const char *rest;
};

/* Splits line into words (quotes as in launch_split) and checks the command
 * and its number of arguments. Returns 0 (free call with
 * command_call_free), 1 for a blank line (nothing to do), or -1 with one
 * line in err (no newline): an unknown command, a '!' after a command that
 * has none, which argument is missing (":date needs a date (YYYY-MM-DD)"),
 * or too many. */
int command_parse(const char *line, struct command_call *call, struct strbuf *err);
void command_call_free(struct command_call *call);

/* ":export[!] all|starred|later FILE [--format markdown|bibtex|tsv]" into out. */
void command_usage(enum command c, struct strbuf *out);

/* Tab completion of a command name: appends to out what every name starting
 * with prefix[0..len) shares beyond it (plus a blank when just one name
 * matches) and returns how many names match. */
size_t command_complete(const char *prefix, size_t len, struct strbuf *out);

#endif
