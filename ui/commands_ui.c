/* commands_ui: the ':' dispatcher (see commands_ui.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "commands.h"
#include "commands_ui.h"
#include "export.h"
#include "facts_ui.h"
#include "forme_ui.h"
#include "i18n.h"
#include "links.h"
#include "listing.h"
#include "notes_ui.h"
#include "overlay.h"
#include "strbuf.h"
#include "util.h"

/* Each runs a parsed command line (its row of COMMAND_TABLE). */
typedef ui_result command_handler(struct app *a, const struct command_call *call);

/* :view NAME */
static ui_result cmd_listing(struct app *a, const struct command_call *call)
{
	enum listing_kind v;
	if (listing_by_name(call->argv[1], &v) == 0)
		listing_show(a, v);
	else
		app_message(a, _("unknown view '%s' (digest, unread, starred, later, hidden, search)"),
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

/* An export waiting for its yes: the request, with strings of its own (the
 * command line is gone by the time the question is answered). */
struct export_pending {
	struct export_request r;
	char *path, *format;
};

static void export_pending_free(void *arg)
{
	struct export_pending *p = arg;
	free(p->path);
	free(p->format);
	free(p);
}

static ui_result export_replace(struct app *a, void *arg);

/* Runs the export r asks for and says how it went; a file that exists
 * (r->overwrite 0) becomes a question whose yes replaces it. */
static void export_run(struct app *a, const struct export_request *r)
{
	struct strbuf msg = STRBUF_INIT, err = STRBUF_INIT;
	app_ensure_all(a);
	/* The notes go with the papers, as --export's (none without a place),
	 * as they are now. */
	app_forget_notes(a);
	struct export_request with_notes = *r;
	with_notes.notes = a->notes;
	int rc = export_to_file(a->archive, a->marks, facts_ui_get, a, &with_notes,
				a->cli ? a->cli->start_dir : NULL, &msg, &err);
	if (rc == EXPORT_EXISTS) {
		struct export_pending *p = xcalloc(1, sizeof(*p));
		p->r = *r;
		p->r.overwrite = 1;
		p->r.path = p->path = xstrdup(r->path);
		p->r.format = p->format = r->format ? xstrdup(r->format) : NULL;
		/* TRANSLATORS: a question the keys y and n answer, whatever the
		 * language; "not replaced" is said after its n. */
		app_ask(a, export_replace, p, export_pending_free, _("not replaced"),
			_("%s: replace it? (y/n)"), err.buf);
	} else {
		app_message(a, "%s", rc == 0 ? msg.buf : err.buf);
	}
	strbuf_release(&msg);
	strbuf_release(&err);
}

static ui_result export_replace(struct app *a, void *arg)
{
	export_run(a, &((struct export_pending *)arg)->r);
	return UI_HANDLED;
}

/* :export[!] all|starred|later FILE [--format F]: the bytes --export
 * prints (export_make), into a file. */
static ui_result cmd_export(struct app *a, const struct command_call *call)
{
	struct export_request r;
	struct strbuf err = STRBUF_INIT;
	if (export_request_parse(call->argv, call->argc, call->bang, &r, &err) == 0)
		export_run(a, &r);
	else
		app_message(a, "%s", err.buf);
	strbuf_release(&err);
	return UI_HANDLED;
}

static ui_result cmd_open(struct app *a, const struct command_call *call)
{
	return links_open_reference(a, call->argv[1]);
}

static ui_result cmd_note(struct app *a, const struct command_call *call)
{
	return notes_ui_edit(a);
}

/* :sort for-me|upvotes|number: the order of every listing. */
static ui_result cmd_sort(struct app *a, const struct command_call *call)
{
	const char *order = call->argv[1];
	if (app_set_sort_name(a, order) < 0) {
		app_message(a, _(":sort sorts by for-me, upvotes or number, not '%s'"), order);
		return UI_HANDLED;
	}
	listing_resort(a);
	if (a->sort == CONFIG_SORT_FOR_ME) {
		/* Unless the sorting just said it (a first use): once. */
		struct strbuf sb = STRBUF_INIT;
		forme_ui_describe(a, &sb);
		if (strcmp(a->status, sb.buf))
			app_message(a, "%s", sb.buf);
		strbuf_release(&sb);
	} else {
		app_message(a, "%s", a->sort == CONFIG_SORT_UPVOTES
					     ? _("sorted by Hugging Face upvotes (unknown last)")
					     : _("in the blog's order"));
	}
	app_remember_choice(a, CHOICE_SORT);
	return UI_HANDLED | UI_LAYOUT;
}

static ui_result cmd_messages(struct app *a, const struct command_call *call)
{
	overlay_open(a, &a->messages_pane, 1);
	return UI_HANDLED;
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
