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

static void command_view(struct app *a, const char *name)
{
	enum listing_kind v;
	if (listing_by_name(name, &v) == 0)
		listing_show(a, v);
	else
		app_message(a, "unknown view '%s' (digest, unread, starred, later, hidden, search)",
			    name);
}

/* :export starred|later FILE [markdown|bibtex|tsv] */
static void command_export(struct app *a, char **words, int n)
{
	unsigned flag;
	enum export_format f = EXPORT_MARKDOWN;
	if (!strcmp(words[1], "starred")) {
		flag = MARK_STAR;
	} else if (!strcmp(words[1], "later")) {
		flag = MARK_LATER;
	} else {
		app_message(a, ":export exports starred or later papers, not '%s'", words[1]);
		return;
	}
	if (n >= 4 && export_format_parse(words[3], &f) < 0) {
		app_message(a, ":export writes markdown, bibtex or tsv, not '%s'", words[3]);
		return;
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
}

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
	ui_result r = UI_HANDLED;
	switch (call.cmd) {
	case COMMAND_VIEW:
		command_view(a, call.argv[1]);
		break;
	case COMMAND_DATE:
		listing_goto_date(a, call.argv[1]);
		break;
	case COMMAND_SEARCH:
		listing_search(a, call.rest); /* the rest, verbatim */
		break;
	case COMMAND_EXPORT:
		command_export(a, call.argv, call.argc);
		break;
	case COMMAND_OPEN:
		r |= links_open_reference(a, call.argv[1]);
		break;
	case COMMAND_SORT:
		if (!strcmp(call.argv[1], "upvotes") || !strcmp(call.argv[1], "number")) {
			a->sort_upvotes = call.argv[1][0] == 'u';
			listing_build(a);
			app_message(a, a->sort_upvotes ? "digests sorted by Hugging Face upvotes "
							 "(unknown last)"
						       : "digests in post order");
			r |= UI_REBUILD;
		} else {
			app_message(a, ":sort sorts by upvotes or number, not '%s'", call.argv[1]);
		}
		break;
	case COMMAND_QUIT:
		r |= UI_QUIT;
		break;
	case COMMAND_NONE:
	case COMMAND_COUNT:
		break;
	}
	command_call_free(&call);
	return r;
}
