/* commands_ui: the ':' dispatcher (see commands_ui.h). */
#include "config.h"

#include <string.h>

#include "app.h"
#include "commands.h"
#include "commands_ui.h"
#include "export.h"
#include "links.h"
#include "listing.h"
#include "strbuf.h"

/* Each runs a parsed command line (its row of COMMAND_TABLE). */
typedef ui_result command_handler(struct app *a, const struct command_call *call);

/* :view NAME */
static ui_result cmd_listing(struct app *a, const struct command_call *call)
{
	enum listing_kind v;
	if (listing_by_name(call->argv[1], &v) == 0)
		listing_show(a, v);
	else
		app_message(a, "unknown view '%s' (digest, unread, starred, later, hidden, search)",
			    call->argv[1]);
	return UI_HANDLED;
}

static ui_result cmd_digests(struct app *a, const struct command_call *call)
{
	app_open_digests(a);
	return UI_HANDLED | UI_LAYOUT;
}

static ui_result cmd_date(struct app *a, const struct command_call *call)
{
	listing_goto_date(a, call->argv[1]);
	return UI_HANDLED;
}

static ui_result cmd_search(struct app *a, const struct command_call *call)
{
	listing_search(a, call->rest); /* the rest, verbatim */
	return UI_HANDLED;
}

/* :export starred|later FILE [markdown|bibtex|tsv] */
static ui_result cmd_export(struct app *a, const struct command_call *call)
{
	char **words = call->argv;
	unsigned flag;
	enum export_format f = EXPORT_MARKDOWN;
	if (!strcmp(words[1], "starred")) {
		flag = MARK_STAR;
	} else if (!strcmp(words[1], "later")) {
		flag = MARK_LATER;
	} else {
		app_message(a, ":export exports starred or later papers, not '%s'", words[1]);
		return UI_HANDLED;
	}
	if (call->argc >= 4 && export_format_parse(words[3], &f) < 0) {
		app_message(a, ":export writes markdown, bibtex or tsv, not '%s'", words[3]);
		return UI_HANDLED;
	}
	struct strbuf out = STRBUF_INIT, written = STRBUF_INIT, err = STRBUF_INIT;
	app_ensure_all(a);
	size_t count = export_papers(a->archive, a->marks, flag, f, &out);
	if (export_write_file(words[2], out.buf, out.len, &written, &err) < 0)
		app_message(a, "%s", err.buf);
	else
		app_message(a, "exported %zu paper%s to %s", count, count == 1 ? "" : "s",
			    written.buf);
	strbuf_release(&written);
	strbuf_release(&err);
	strbuf_release(&out);
	return UI_HANDLED;
}

static ui_result cmd_open(struct app *a, const struct command_call *call)
{
	return links_open_reference(a, call->argv[1]);
}

static ui_result cmd_sort(struct app *a, const struct command_call *call)
{
	const char *order = call->argv[1];
	if (strcmp(order, "upvotes") && strcmp(order, "number")) {
		app_message(a, ":sort sorts by upvotes or number, not '%s'", order);
		return UI_HANDLED;
	}
	a->sort_upvotes = order[0] == 'u';
	listing_build(a);
	app_message(a, a->sort_upvotes ? "digests sorted by Hugging Face upvotes (unknown last)"
				       : "digests in post order");
	return UI_HANDLED | UI_REBUILD;
}

static ui_result cmd_quit(struct app *a, const struct command_call *call)
{
	return UI_HANDLED | UI_QUIT;
}

static command_handler *const handlers[COMMAND_COUNT] = {
#define COMMAND_HANDLER(id, name, alias, args, min, max, flags, handler, needs, summary) \
	[COMMAND_##id] = handler,
	COMMAND_TABLE(COMMAND_HANDLER)
#undef COMMAND_HANDLER
};

ui_result commands_ui_run(struct app *a, const char *line)
{
	struct command_call call;
	struct strbuf err = STRBUF_INIT;
	int rc = command_parse(line, &call, &err);
	if (rc) {
		if (rc < 0)
			app_message(a, "%s", err.buf);
		strbuf_release(&err);
		return UI_HANDLED;
	}
	strbuf_release(&err);
	ui_result r = handlers[call.cmd](a, &call);
	command_call_free(&call);
	return r;
}
