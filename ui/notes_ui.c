/* notes_ui: :note and edit-note (see notes_ui.h). */
#include "config.h"

#include "app.h"
#include "i18n.h"
#include "notes.h"
#include "notes_ui.h"
#include "screen.h"
#include "strbuf.h"

/* Why no note can be written here, or NULL. */
static const char *cannot(const struct app *a)
{
	if (!app_paper(a))
		return _("no paper here to write a note on");
	return a->notes ? NULL : a->notes_why;
}

ui_result notes_ui_edit(struct app *a)
{
	const char *why = cannot(a);
	if (why) {
		app_message(a, "%s", why);
		return UI_HANDLED;
	}
	struct strbuf err = STRBUF_INIT;
	screen_suspend();
	int rc = notes_edit(a->notes, a->cfg, app_digest(a), app_paper(a), &err);
	screen_resume();
	/* The panes as they are at the terminal's size now (it may have been
	 * resized meanwhile): the section jump below needs them. */
	screen_layout(a);
	app_forget_notes(a);
	ui_result r = UI_HANDLED | UI_REBUILD | UI_REPAINT | UI_LAYOUT;
	const char *key = app_key(a, app_item(a));
	if (rc < 0) {
		app_message(a, _("note: %s"), err.buf);
	} else if (!notes_lookup(a->notes, key)) {
		app_message(a, "%s", _("no note: it is empty, or the template as it was made"));
	} else {
		a->focus = &a->paper_pane;
		a->paper_pane.ops->action(&a->paper_pane, a, ACTION_SECTION_7);
		struct strbuf path = STRBUF_INIT;
		notes_path(a->notes, key, &path);
		app_message(a, _("note saved (7 shows it): %s"), path.buf);
		strbuf_release(&path);
		r |= UI_OPENED;
	}
	strbuf_release(&err);
	return r;
}
