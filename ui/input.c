/* input: the dispatcher of keys and mouse events for every state (see
 * input.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "commands_ui.h"
#include "input.h"
#include "keymap.h"
#include "links.h"
#include "refresh.h"
#include "triage.h"
#include "util.h"
#include "listing.h"
#include "reading.h"

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

/* ---- "/" and "find: " ------------------------------------------------------ */

static void search_here_start(struct input *in, struct app *a)
{
	in->pane = a->focus;
	in->origin = a->focus->ops->position(a->focus, a);
	in->selected = a->selected;
	open_prompt(in, INPUT_SEARCH, "/");
}

/* As the query is typed, the pane jumps to the first match after the origin. */
static void search_here_changed(struct input *in, struct app *a, const char *text)
{
	app_set_query(a, text);
	app_clear_message(a);
	if (a->has_query && !in->pane->ops->search(in->pane, a, 1, in->origin))
		app_message(a, "not found: %s", a->query.text);
}

static void search_here_cancel(struct input *in, struct app *a)
{
	/* Back where we were, nothing highlighted. */
	app_set_query(a, NULL);
	app_select(a, in->selected);
	app_clear_message(a);
}

static void find_start(struct input *in, struct app *a)
{
	in->listing = a->listing;
	in->selected = a->selected;
	in->query = a->listing == LISTING_SEARCH && a->has_query ? xstrdup(a->query.text) : NULL;
	open_prompt(in, INPUT_FIND, "find: ");
}

static void find_cancel(struct input *in, struct app *a)
{
	/* The listing as it was, earlier results and all. */
	if (in->query) {
		listing_search(a, in->query);
	} else {
		app_set_query(a, NULL);
		a->listing = in->listing;
		listing_build(a);
	}
	app_select(a, in->selected);
	app_clear_message(a);
}

static void search_again(struct app *a, int dir)
{
	if (!a->has_query) {
		app_message(a, "no search yet: / searches here, f every digest");
		return;
	}
	struct pane *p = a->focus;
	if (!p->ops->search(p, a, dir, p->ops->position(p, a)))
		app_message(a, "not found: %s", a->query.text);
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
		if (mode == INPUT_SEARCH)
			search_here_changed(in, a, text.buf);
		else if (mode == INPUT_FIND)
			listing_search(a, text.buf);
		break;
	case PROMPT_CANCEL:
		if (mode == INPUT_SEARCH)
			search_here_cancel(in, a);
		else if (mode == INPUT_FIND)
			find_cancel(in, a);
		close_prompt(in);
		break;
	case PROMPT_ENTER:
		if (mode == INPUT_FIND && !text.len)
			find_cancel(in, a);
		close_prompt(in);
		if (mode == INPUT_COMMAND)
			r |= commands_ui_run(a, text.buf);
		break;
	}
	strbuf_release(&text);
	return r | UI_LAYOUT;
}

/* ---- the list and the paper ----------------------------------------------- */

/* Space: the paper's next page, from either pane; at the end of its text
 * the paper counts as read and the next unread paper is shown (as mutt's
 * pager and less-style readers do). */
static ui_result read_next(struct app *a)
{
	struct pane *v = &a->paper_pane;
	size_t before = v->ops->position(v, a);
	ui_result r = v->ops->action(v, a, ACTION_PAGE_DOWN);
	if (v->h > 0 && v->ops->position(v, a) != before)
		return r | UI_HANDLED | UI_OPENED;
	reading_note(a, READING_FINISHED, NULL);
	listing_next_unread(a, 1);
	return UI_HANDLED | UI_REBUILD;
}

static ui_result link_action(struct app *a, enum action act)
{
	switch (act) {
	case ACTION_OPEN_ABS:
		return links_open_paper(a, URL_ABS);
	case ACTION_OPEN_PDF:
		return links_open_paper(a, URL_PDF);
	case ACTION_OPEN_ALPHAXIV:
		return links_open_paper(a, URL_ALPHAXIV);
	case ACTION_OPEN_HF:
		return links_open_paper(a, URL_HF);
	case ACTION_OPEN_STARRED:
		return links_open_starred(a);
	case ACTION_YANK:
		return links_yank(a);
	default:
		return 0;
	}
}

static ui_result normal_action(struct input *in, struct app *a, enum action act)
{
	app_clear_message(a);
	if (a->help_open) {
		a->help.ops->action(&a->help, a, act);
		if (act != ACTION_REDRAW)
			return UI_HANDLED;
	}
	ui_result r = UI_HANDLED;
	switch (act) {
	case ACTION_QUIT:
		return UI_QUIT;
	case ACTION_HELP:
		a->help_open = 1;
		return UI_HANDLED;
	case ACTION_REDRAW:
		return UI_HANDLED | UI_REPAINT;
	case ACTION_FOCUS_NEXT:
		a->focus = a->focus == &a->list ? &a->paper_pane : &a->list;
		break;
	case ACTION_FOCUS_LIST:
		a->focus = &a->list;
		break;
	case ACTION_FOCUS_VIEW:
	case ACTION_OPEN_PAPER:
		a->focus = &a->paper_pane;
		break;
	case ACTION_TOGGLE_STACKED:
		a->layout = app_is_stacked(a) ? LAYOUT_SIDE : LAYOUT_STACKED;
		break;
	case ACTION_TOGGLE_ZOOM:
		a->zoom = !a->zoom;
		break;
	case ACTION_TOGGLE_COMPACT:
		a->compact = !a->compact;
		app_message(a, a->compact ? "compact triage: Goal under each title"
					  : "compact triage off");
		break;
	case ACTION_DIGEST_PREV:
		listing_change_digest(a, -1);
		break;
	case ACTION_DIGEST_NEXT:
		listing_change_digest(a, 1);
		break;
	case ACTION_VIEW_DIGEST:
		listing_show(a, LISTING_DIGEST);
		break;
	case ACTION_VIEW_UNREAD:
		listing_show(a, LISTING_UNREAD);
		break;
	case ACTION_VIEW_STARRED:
		listing_show(a, LISTING_STARRED);
		break;
	case ACTION_VIEW_LATER:
		listing_show(a, LISTING_LATER);
		break;
	case ACTION_VIEW_HIDDEN:
		listing_show(a, LISTING_HIDDEN);
		break;
	case ACTION_READ_NEXT:
		r |= read_next(a);
		break;
	case ACTION_NEXT_UNREAD:
	case ACTION_PREV_UNREAD:
		listing_next_unread(a, act == ACTION_NEXT_UNREAD ? 1 : -1);
		r |= UI_REBUILD;
		break;
	case ACTION_SEARCH:
		search_here_start(in, a);
		break;
	case ACTION_FIND:
		find_start(in, a);
		break;
	case ACTION_COMMAND:
		open_prompt(in, INPUT_COMMAND, ":");
		break;
	case ACTION_SEARCH_NEXT:
		search_again(a, 1);
		break;
	case ACTION_SEARCH_PREV:
		search_again(a, -1);
		break;
	case ACTION_REFRESH:
		r |= refresh_start(a);
		break;
	case ACTION_SECTION_NEXT:
	case ACTION_SECTION_PREV:
	case ACTION_SECTION_1:
	case ACTION_SECTION_2:
	case ACTION_SECTION_3:
	case ACTION_SECTION_4:
	case ACTION_SECTION_5:
	case ACTION_SECTION_6:
	case ACTION_ALL_AUTHORS:
	case ACTION_OPEN_CODE: {
		/* Section keys always act on the paper pane, from either pane. */
		size_t before = a->paper_pane.ops->position(&a->paper_pane, a);
		r |= a->paper_pane.ops->action(&a->paper_pane, a, act);
		if (a->paper_pane.ops->position(&a->paper_pane, a) != before)
			r |= UI_OPENED; /* its text was scrolled */
		break;
	}
	default: {
		ui_result t = triage_action(a, act);
		if (!t)
			t = link_action(a, act);
		if (!t) {
			struct pane *f = a->focus;
			size_t before = f->ops->position(f, a);
			t = f->ops->action(f, a, act);
			if (f == &a->paper_pane && f->ops->position(f, a) != before)
				t |= UI_OPENED; /* its text was scrolled */
		}
		if (!t)
			return 0;
		r |= t;
		break;
	}
	}
	if (act == ACTION_OPEN_PAPER || act == ACTION_FOCUS_VIEW ||
	    (act == ACTION_FOCUS_NEXT && a->focus == &a->paper_pane))
		r |= UI_OPENED;
	return r | UI_LAYOUT;
}

ui_result input_key(struct input *in, struct app *a, unsigned key)
{
	if (in->mode != INPUT_NORMAL)
		return prompt_state_key(in, a, key);
	if (app_question(a)) /* n, Esc or anything else: no */
		return app_answer(a, key == 'y' || key == 'Y');
	if (key == 27 && a->help_open) {
		a->help_open = 0;
		return UI_HANDLED;
	}
	enum action act =
		keymap_action_in(a->cfg, a->help_open ? "help" : a->focus->ops->name, key);
	if (act != ACTION_NONE)
		return normal_action(in, a, act);
	if (a->help_open) {
		a->help_open = 0;
		return UI_HANDLED;
	}
	return 0;
}

ui_result input_mouse(struct input *in, struct app *a, const struct input_mouse *m)
{
	if (in->mode != INPUT_NORMAL || app_question(a) || a->help_open)
		return 0;
	struct pane *panes[] = { &a->list, &a->paper_pane };
	ui_result r = 0;
	for (size_t i = 0; i < 2; i++) {
		struct pane *p = panes[i];
		if (!p->w || !pane_contains(p, m->y, m->x))
			continue;
		if (m->kind != INPUT_CLICK) {
			enum action act = m->kind == INPUT_WHEEL_UP ? ACTION_MOVE_UP
								     : ACTION_MOVE_DOWN;
			for (int k = 0; k < 3; k++)
				r |= p->ops->action(p, a, act);
		} else {
			a->focus = p;
			r |= UI_HANDLED;
			if (p->ops->click)
				r |= p->ops->click(p, a, m->y - p->y, m->x - p->x);
		}
	}
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
