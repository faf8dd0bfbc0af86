/* Unit tests for src/commands.c: the ':' command table's lookup (aliases
 * too), parsing with the messages that say which argument is missing, too
 * many arguments, unknown commands, the verbatim rest of :search, and Tab
 * completion of command names. */
#include "config.h"

#include <string.h>

#include "commands.h"
#include "strbuf.h"
#include "tap.h"

/* The message command_parse gives for line ("" when it parses). */
static const char *parse_error(const char *line, struct strbuf *err)
{
	struct command_call call;
	strbuf_reset(err);
	if (command_parse(line, &call, err) == 0)
		command_call_free(&call);
	return err->buf;
}

static const char *complete(const char *prefix, size_t *n, struct strbuf *out)
{
	strbuf_reset(out);
	*n = command_complete(prefix, strlen(prefix), out);
	return out->buf;
}

int main(void)
{
	struct strbuf err = STRBUF_INIT;
	struct command_call call;

	is_int(command_by_name("view"), COMMAND_LISTING, "view is a command");
	is_int(command_by_name("q"), COMMAND_QUIT, "q is quit's alias");
	is_int(command_by_name("quit"), COMMAND_QUIT, "quit");
	is_int(command_by_name("vie"), COMMAND_NONE, "no prefix matching");
	for (int c = 1; c < COMMAND_COUNT; c++)
		ok(command_info[c].name && command_info[c].summary && *command_info[c].summary,
		   ":%s has a summary", command_info[c].name);

	is_str(parse_error("date", &err), ":date needs a date (YYYY-MM-DD)",
	       ":date alone says which argument is missing");
	is_str(parse_error("view", &err),
	       ":view needs a view (digest, unread, starred, later, hidden or search)",
	       ":view alone says which argument is missing");
	is_str(parse_error("search", &err), ":search needs a query", ":search alone");
	is_str(parse_error("export", &err), ":export needs which papers (all, starred or later)",
	       ":export alone: the first argument");
	is_str(parse_error("export starred", &err), ":export needs a file name",
	       ":export starred: the second argument");
	is_str(parse_error("date 2026-01-01 2026-01-02", &err),
	       "too many arguments: :date YYYY-MM-DD", "too many arguments");
	is_str(parse_error("quit now", &err), ":quit takes no argument", ":quit with an argument");
	is_str(parse_error("frobnicate", &err),
	       "unknown command 'frobnicate' (view, digests, date, search, export, open, note, sort, messages, quit)",
	       "an unknown command lists the commands");
	is_str(parse_error("export 'starred", &err), "unterminated single quote",
	       "a quoting error is reported");
	ok(!strchr(parse_error("date", &err), '\n'), "messages carry no newline");

	strbuf_reset(&err);
	is_int(command_parse("   ", &call, &err), 1, "a blank line is nothing to do");
	is_str(err.buf, "", "and no message");

	const char *line = "search  딥러닝 \"x\"";
	is_int(command_parse(line, &call, &err), 0, ":search with a query parses");
	is_int(call.cmd, COMMAND_SEARCH, "as :search");
	is_str(call.rest, "  딥러닝 \"x\"", "its rest is verbatim");
	command_call_free(&call);
	is_int(command_parse("export later '/tmp/a b.md' tsv", &call, &err), 0, ":export parses");
	is_int(call.argc, 4, "four words");
	is_str(call.argv[2], "/tmp/a b.md", "a quoted file name is one word");
	command_call_free(&call);

	is_int(command_parse("export! starred F.bib", &call, &err), 0, ":export! parses");
	ok(call.cmd == COMMAND_EXPORT && call.bang == 1 && call.argc == 3,
	   "  as :export with its bang");
	is_str(call.argv[0], "export!", "  argv[0] as typed");
	command_call_free(&call);
	is_int(command_parse("export starred F.bib --format bibtex", &call, &err), 0,
	       ":export SELECTION FILE --format F parses");
	ok(call.bang == 0 && call.argc == 5, "  without a bang");
	command_call_free(&call);
	is_str(parse_error("view! starred", &err), ":view takes no !", "a ! after a command without one");
	is_str(parse_error("q!", &err), ":quit takes no !", "  an alias too");
	is_str(parse_error("export!", &err), ":export needs which papers (all, starred or later)",
	       ":export! alone: the first argument");

	struct strbuf out = STRBUF_INIT;
	size_t n;
	is_str(complete("vi", &n, &out), "ew ", "vi<Tab> completes view");
	is_int((long)n, 1, "one match");
	is_str(complete("", &n, &out), "", "an empty name completes nothing");
	is_int((long)n, COMMAND_COUNT - 1, "every command matches it");
	is_str(complete("x", &n, &out), "", "x matches nothing");
	is_int((long)n, 0, "no match");
	is_str(complete("export", &n, &out), " ", "a whole name gets its blank");

	struct strbuf usage = STRBUF_INIT;
	command_usage(COMMAND_EXPORT, &usage);
	is_str(usage.buf, ":export[!] all|starred|later FILE [--format markdown|bibtex|tsv]",
	       "command_usage shows the '!' of a command that has one");
	strbuf_reset(&usage);
	command_usage(COMMAND_DATE, &usage);
	is_str(usage.buf, ":date YYYY-MM-DD", "  and none for one that has not");
	strbuf_release(&usage);
	strbuf_release(&out);
	strbuf_release(&err);
	return tap_done();
}
