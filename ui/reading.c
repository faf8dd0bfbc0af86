/* reading: when a paper becomes read (see reading.h). */
#include "config.h"

#include "app.h"
#include "reading.h"
#include "strbuf.h"
#include "testknob.h"

/* Marks the selected paper read, once: 1 when it did. */
static int mark_read(struct app *a)
{
	const struct paper *p = app_paper(a);
	if (!p || p == a->reading.marked)
		return 0;
	a->reading.marked = p;
	struct strbuf err = STRBUF_INIT;
	marks_set_seen(a->marks, app_key(a, app_item(a)), &err);
	if (err.len)
		app_message(a, "%s", err.buf);
	strbuf_release(&err);
	return 1;
}

ui_result reading_note(struct app *a, enum reading_event ev, long *due_ms)
{
	struct reading *r = &a->reading;
	const struct paper *p = app_paper(a);
	long due = -1;
	if (r->archive_gen != a->archive_gen) {
		/* Another archive: what was marked is no paper of it. */
		r->archive_gen = a->archive_gen;
		r->marked = NULL;
	}
	int now_read = 0;
	if (ev == READING_SHOWN) {
		long now = app_now_ms();
		if (p != r->shown) {
			r->shown = p;
			r->shown_since = now;
		}
		if (a->cfg->mark_read != CONFIG_MARK_READ_NEVER && p && a->paper_pane.h > 0 &&
		    a->paper_pane.w > 0 && p != r->marked) {
			long after = a->cfg->mark_read == CONFIG_MARK_READ_AFTER
					     ? testknob_get(TESTKNOB_MARK_READ_MS,
							    a->cfg->mark_read_after * 1000L)
					     : 0;
			due = r->shown_since + after - now;
			if (due <= 0) {
				due = -1;
				now_read = mark_read(a);
			}
		}
	} else if (a->cfg->mark_read != CONFIG_MARK_READ_NEVER) {
		now_read = mark_read(a);
	}
	if (due_ms)
		*due_ms = due;
	return now_read ? UI_HANDLED : 0;
}
