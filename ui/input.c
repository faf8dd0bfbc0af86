/* input: the dispatcher of keys and mouse events for every state, and the
 * handlers of the action table (see input.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "commands_ui.h"
#include "i18n.h"
#include "input.h"
#include "keymap.h"
#include "links.h"
#include "listing.h"
#include "notes_ui.h"
#include "overlay.h"
#include "reading.h"
#include "refresh.h"
#include "sync_ui.h"
#include "triage.h"
#include "util.h"

void input_init(struct input *in)
{
	memset(in, 0, sizeof(*in));
	in->mode = INPUT_NORMAL;
}

static void close_prompt(struct input *in)
{
	if (in->mode != INPUT_NORMAL)
		prompt_close(&in->prompt);
	free(in->query);
	in->query = NULL;
	in->mode = INPUT_NORMAL;
}

void input_free(struct input *in)
{
	close_prompt(in);
}

static void open_prompt(struct input *in, enum input_mode mode, const char *lead)
{
	in->mode = mode;
	prompt_open(&in->prompt, lead);
}

int input_prompt_line(const struct input *in, const struct app *a, struct strbuf *out,
		      size_t *lead)
{
	if (in->mode != INPUT_NORMAL) {
		prompt_line(&in->prompt, out);
		*lead = strlen(in->prompt.lead);
		return 1;
	}
	if (!app_question(a))
		return 0;
	strbuf_reset(out);
	strbuf_addstr(out, app_question(a));
	strbuf_addch(out, ' ');
	*lead = 0;
	return 1;
}

/* What runs an action: the handler column of ACTION_TABLE (src/actions.h),
 * the act_* functions of this file. Each runs one action (act, with the
 * table's arg) and says what the loop should do next; 0 when there was
 * nothing to act on. The actions that open a prompt are with their prompt;
 * the others are under "the actions" below. */
typedef ui_result action_handler(struct input *in, struct app *a, enum action act, int arg);

/* The selected paper, to tell afterwards whether a key moved to another. */
static struct item selected_item(const struct app *a)
{
	const struct item *it = app_item(a);
	return it ? *it : (struct item){ (size_t)-1, (size_t)-1 };
}

/* UI_MOVED when the selection is on another paper than before (reading.c
 * starts the mark-read timer for a paper a key moved to). */
static ui_result moved_from(const struct app *a, struct item before)
{
	struct item now = selected_item(a);
	return app_item(a) && (now.digest != before.digest || now.paper != before.paper)
		       ? UI_MOVED
		       : 0;
}

/* ---- "/" and "search: " ------------------------------------------------------ */

static ui_result act_search(struct input *in, struct app *a, enum action act, int arg)
{
	in->pane = a->focus;
	in->origin = a->focus->ops->position(a->focus, a);
	in->selected = a->selected;
	open_prompt(in, INPUT_SEARCH, "/");
	return UI_HANDLED;
}

/* As the query is typed, the pane jumps to the first match after the origin. */
static void search_here_changed(struct input *in, struct app *a, const char *text)
{
	app_set_query(a, text);
	app_clear_message(a);
	if (a->has_query && !in->pane->ops->search(in->pane, a, 1, in->origin))
		app_message(a, _("not found: %s"), a->query.text);
}

static void search_here_cancel(struct input *in, struct app *a)
{
	/* Back where we were, nothing highlighted. */
	app_set_query(a, NULL);
	app_select(a, in->selected);
	app_clear_message(a);
}

static ui_result act_search_archive(struct input *in, struct app *a, enum action act, int arg)
{
	in->listing = a->listing;
	in->selected = a->selected;
	in->query = a->listing == LISTING_SEARCH && a->has_query ? xstrdup(a->query.text) : NULL;
	/* TRANSLATORS: the lead of the line where a search of every digest
	 * is typed; the query follows it. */
	open_prompt(in, INPUT_SEARCH_ARCHIVE, _("search: "));
	return UI_HANDLED;
}

static void find_cancel(struct input *in, struct app *a)
{
	/* The listing as it was, earlier results and all. */
	if (in->query) {
		listing_search(a, in->query);
	} else {
		app_set_query(a, NULL);
		listing_set(a, in->listing);
	}
	app_select(a, in->selected);
	app_clear_message(a);
}

/* n and N; arg: 1 the next match, -1 the previous. */
static ui_result act_search_again(struct input *in, struct app *a, enum action act, int arg)
{
	struct pane *p = a->focus;
	struct item before = selected_item(a);
	if (!a->has_query)
		app_message(a, _("no search yet: / searches here, f every digest"));
	else if (!p->ops->search(p, a, arg, p->ops->position(p, a)))
		app_message(a, _("not found: %s"), a->query.text);
	return UI_HANDLED | moved_from(a, before);
}

static ui_result act_command(struct input *in, struct app *a, enum action act, int arg)
{
	open_prompt(in, INPUT_COMMAND, ":");
	return UI_HANDLED;
}

/* ":" Tab: completes the command's name while it is the only word. */
static void complete_command(struct input *in)
{
	struct strbuf text = STRBUF_INIT, more = STRBUF_INIT;
	prompt_text(&in->prompt, &text);
	size_t start = strspn(text.buf, " ");
	if (!strchr(text.buf + start, ' ') &&
	    command_complete(text.buf + start, text.len - start, &more) > 0)
		prompt_insert(&in->prompt, more.buf);
	strbuf_release(&text);
	strbuf_release(&more);
}

static ui_result prompt_state_key(struct input *in, struct app *a, unsigned key)
{
	enum prompt_event ev = prompt_key(&in->prompt, key);
	struct strbuf text = STRBUF_INIT;
	ui_result r = UI_HANDLED;
	enum input_mode mode = in->mode;
	prompt_text(&in->prompt, &text);
	switch (ev) {
	case PROMPT_IGNORED:
	case PROMPT_MOVED:
		break;
	case PROMPT_COMPLETE:
		if (mode == INPUT_COMMAND)
			complete_command(in);
		break;
	case PROMPT_EDITED:
		a->as_you_type = 1; /* what it says is kept once, as it ends */
		if (mode == INPUT_SEARCH)
			search_here_changed(in, a, text.buf);
		else if (mode == INPUT_SEARCH_ARCHIVE)
			listing_search(a, text.buf);
		a->as_you_type = 0;
		break;
	case PROMPT_CANCEL:
		if (mode == INPUT_SEARCH)
			search_here_cancel(in, a);
		else if (mode == INPUT_SEARCH_ARCHIVE)
			find_cancel(in, a);
		close_prompt(in);
		break;
	case PROMPT_ENTER:
		if (mode == INPUT_SEARCH_ARCHIVE && !text.len)
			find_cancel(in, a);
		if (mode == INPUT_SEARCH && in->pane == &a->list && a->selected != in->selected)
			r |= UI_MOVED; /* the list's search moved to a paper */
		close_prompt(in);
		if (mode == INPUT_COMMAND)
			r |= commands_ui_run(a, text.buf);
		break;
	}
	strbuf_release(&text);
	return r | UI_LAYOUT;
}

/* ---- the actions ------------------------------------------------------------ */

/* Moves, pages and scrolls: the focused pane's (the overlay's while one
 * is open, else the digests overview's while it is open). */
static ui_result act_in_focused_pane(struct input *in, struct app *a, enum action act, int arg)
{
	struct pane *p = a->overlay ? a->overlay : a->digests_open ? &a->digests : a->focus;
	size_t before = p == &a->paper_pane ? p->ops->position(p, a) : 0;
	struct item was = selected_item(a);
	ui_result r = p->ops->action(p, a, act);
	if (r && p == &a->paper_pane && p->ops->position(p, a) != before)
		r |= UI_OPENED; /* its text was scrolled */
	if (r && p == &a->list)
		r |= moved_from(a, was);
	return r;
}

/* Section keys act on the paper pane, from either pane. */
static ui_result act_in_paper_pane(struct input *in, struct app *a, enum action act, int arg)
{
	struct pane *p = &a->paper_pane;
	size_t before = p->ops->position(p, a);
	ui_result r = UI_HANDLED | p->ops->action(p, a, act);
	if (p->ops->position(p, a) != before)
		r |= UI_OPENED; /* its text was scrolled */
	return r;
}

/* Space: the paper's next page, from either pane; at the end of its text
 * the paper is finished (reading.c) and the next unread paper is shown (as
 * mutt's pager and less-style readers do). */
static ui_result act_read_next(struct input *in, struct app *a, enum action act, int arg)
{
	struct pane *v = &a->paper_pane;
	size_t before = v->ops->position(v, a);
	ui_result r = v->ops->action(v, a, ACTION_PAGE_DOWN);
	if (v->h > 0 && v->ops->position(v, a) != before)
		return r | UI_HANDLED | UI_OPENED;
	reading_note(a, READING_FINISHED, NULL);
	struct item was = selected_item(a);
	listing_next_unread(a, 1);
	return UI_HANDLED | UI_REBUILD | moved_from(a, was);
}

/* arg: 1 the next, -1 the previous. */
static ui_result act_next_unread(struct input *in, struct app *a, enum action act, int arg)
{
	struct item was = selected_item(a);
	listing_next_unread(a, arg);
	return UI_HANDLED | UI_REBUILD | moved_from(a, was);
}

/* Another digest, like [ and ]: its first paper is not one a key moved to. */
static ui_result act_next_new(struct input *in, struct app *a, enum action act, int arg)
{
	listing_next_new(a);
	return UI_HANDLED;
}

static ui_result act_show_digests(struct input *in, struct app *a, enum action act, int arg)
{
	app_open_digests(a);
	return UI_HANDLED;
}

static ui_result act_focus_next(struct input *in, struct app *a, enum action act, int arg)
{
	a->focus = a->focus == &a->list ? &a->paper_pane : &a->list;
	return UI_HANDLED | (a->focus == &a->paper_pane ? UI_OPENED : 0);
}

static ui_result act_focus_list(struct input *in, struct app *a, enum action act, int arg)
{
	a->focus = &a->list;
	return UI_HANDLED;
}

static ui_result act_focus_paper(struct input *in, struct app *a, enum action act, int arg)
{
	a->focus = &a->paper_pane;
	return UI_HANDLED | UI_OPENED;
}

/* arg: -1 older, 1 newer. */
static ui_result act_change_digest(struct input *in, struct app *a, enum action act, int arg)
{
	listing_change_digest(a, arg);
	return UI_HANDLED;
}

/* arg: the listing (enum listing_kind). */
static ui_result act_show_listing(struct input *in, struct app *a, enum action act, int arg)
{
	listing_show(a, (enum listing_kind)arg);
	return UI_HANDLED;
}

/* arg: the mark (MARK_STAR, ...). With `advance`, the next paper is one a
 * key moved to. */
static ui_result act_toggle_mark(struct input *in, struct app *a, enum action act, int arg)
{
	if ((unsigned)arg == MARK_READ)
		reading_note(a, READING_DECIDED, NULL);
	struct item was = selected_item(a);
	ui_result r = triage_toggle(a, (unsigned)arg);
	return r | moved_from(a, was);
}

static ui_result act_undo(struct input *in, struct app *a, enum action act, int arg)
{
	return triage_undo(a);
}

static ui_result act_digest_read(struct input *in, struct app *a, enum action act, int arg)
{
	return triage_digest_read(a);
}

/* arg: the link (enum url_kind). */
static ui_result act_open_link(struct input *in, struct app *a, enum action act, int arg)
{
	return links_open_paper(a, (enum url_kind)arg);
}

static ui_result act_open_code(struct input *in, struct app *a, enum action act, int arg)
{
	return links_open_code(a);
}

static ui_result act_open_starred(struct input *in, struct app *a, enum action act, int arg)
{
	return links_open_starred(a);
}

static ui_result act_yank(struct input *in, struct app *a, enum action act, int arg)
{
	return links_yank(a);
}

static ui_result act_edit_note(struct input *in, struct app *a, enum action act, int arg)
{
	return notes_ui_edit(a);
}

/* The posts, and the marks and notes of other machines (sync-git). */
static ui_result act_refresh(struct input *in, struct app *a, enum action act, int arg)
{
	ui_result r = UI_HANDLED | refresh_start(a);
	sync_ui_start(a);
	return r;
}

static ui_result act_toggle_layout(struct input *in, struct app *a, enum action act, int arg)
{
	a->layout = app_is_stacked(a) ? LAYOUT_SIDE : LAYOUT_STACKED;
	app_remember_choice(a, CHOICE_LAYOUT);
	return UI_HANDLED;
}

static ui_result act_toggle_zoom(struct input *in, struct app *a, enum action act, int arg)
{
	a->zoom = !a->zoom;
	return UI_HANDLED;
}

static ui_result act_toggle_compact(struct input *in, struct app *a, enum action act, int arg)
{
	a->compact = !a->compact;
	app_message(a, a->compact ? _("compact triage: Goal under each title")
			       : _("compact triage off"));
	return UI_HANDLED;
}

static ui_result act_help(struct input *in, struct app *a, enum action act, int arg)
{
	overlay_open(a, &a->help, 0);
	return UI_HANDLED;
}

static ui_result act_redraw(struct input *in, struct app *a, enum action act, int arg)
{
	return UI_HANDLED | UI_REPAINT;
}

static ui_result act_quit(struct input *in, struct app *a, enum action act, int arg)
{
	return UI_QUIT;
}

static const struct {
	action_handler *run;
	int arg;
} handlers[ACTION_COUNT] = {
#define ACTION_HANDLER(id, name, keys, where, handler, arg, help) [ACTION_##id] = { handler, arg },
	ACTION_TABLE(ACTION_HANDLER)
#undef ACTION_HANDLER
};

/* Runs act where the reader is: an action that does not work in an
 * overlay (the help, the messages) closes it (the overlay's own action
 * does that); in the digests overview such an action is the overview's own
 * (Enter opens a digest, q returns), or nothing. */
static ui_result run_action(struct input *in, struct app *a, enum action act)
{
	app_clear_message(a);
	unsigned where = a->overlay	       ? ACTION_IN_HELP
			 : a->digests_open      ? ACTION_IN_DIGESTS
			 : a->focus == &a->list ? ACTION_IN_LIST
						: ACTION_IN_PAPER;
	if (!(action_info[act].contexts & where)) {
		if (a->overlay)
			return UI_HANDLED | a->overlay->ops->action(a->overlay, a, act);
		if (a->digests_open)
			return UI_HANDLED | a->digests.ops->action(&a->digests, a, act);
		return 0;
	}
	ui_result r = handlers[act].run(in, a, act, handlers[act].arg);
	/* Focus, zoom, layout or the list may have changed: new rectangles. */
	return r & UI_HANDLED ? r | UI_LAYOUT : r;
}

ui_result input_key(struct input *in, struct app *a, unsigned key)
{
	a->opening = 0; /* a key: the opening screen is the user's now */
	if (in->mode != INPUT_NORMAL)
		return prompt_state_key(in, a, key);
	if (app_question(a)) /* n, Esc or anything else: no */
		return app_answer(a, key == 'y' || key == 'Y');
	if (key == 27 && a->overlay) {
		a->overlay = NULL;
		return UI_HANDLED;
	}
	if (key == 27 && a->digests_open && !a->overlay) {
		app_close_digests(a);
		return UI_HANDLED | UI_LAYOUT;
	}
	/* The overlays share the configuration's "help" pane: bind help ... */
	const char *pane = a->overlay	  ? "help"
			   : a->digests_open ? a->digests.ops->name
					     : a->focus->ops->name;
	enum action act = keymap_action_in(a->cfg, pane, key);
	if (act != ACTION_NONE)
		return run_action(in, a, act);
	if (a->overlay) {
		a->overlay = NULL;
		return UI_HANDLED;
	}
	return 0;
}

ui_result input_mouse(struct input *in, struct app *a, const struct input_mouse *m)
{
	if (in->mode != INPUT_NORMAL || app_question(a) || a->overlay)
		return 0;
	a->opening = 0;
	struct pane *panes[] = { &a->list, &a->paper_pane, &a->digests };
	struct item was = selected_item(a);
	ui_result r = 0;
	for (size_t i = 0; i < 3; i++) {
		struct pane *p = panes[i];
		if (!p->w || !pane_contains(p, m->y, m->x))
			continue;
		if (m->kind != INPUT_CLICK) {
			enum action act = m->kind == INPUT_WHEEL_UP ? ACTION_MOVE_UP
								     : ACTION_MOVE_DOWN;
			for (int k = 0; k < 3; k++)
				r |= p->ops->action(p, a, act);
		} else {
			if (p != &a->digests)
				a->focus = p;
			r |= UI_HANDLED;
			if (p->ops->click)
				r |= p->ops->click(p, a, m->y - p->y, m->x - p->x);
		}
	}
	if (!a->digests_open && r)
		r |= moved_from(a, was);
	return r;
}

ui_result input_interrupt(struct input *in, struct app *a)
{
	if (in->mode != INPUT_NORMAL)
		return prompt_state_key(in, a, 3); /* as C-c typed */
	if (app_question(a))
		return app_answer(a, 0);
	return UI_QUIT;
}
