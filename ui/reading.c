/* reading: when a paper becomes read (see reading.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "reading.h"
#include "strbuf.h"
#include "testknob.h"
#include "util.h"

/* The paper the user moved to is no longer waited for. */
static void forget(struct reading *r)
{
	free(r->moved);
	r->moved = NULL;
	r->shown_since = -1;
}

/* Marks the selected paper read: 1 when it was not read before. */
static int mark_read(struct app *a)
{
	const struct item *it = app_item(a);
	if (!it || a->cfg->mark_read == CONFIG_MARK_READ_NEVER)
		return 0;
	const char *key = app_key(a, it);
	if (a->reading.moved && !strcmp(a->reading.moved, key))
		forget(&a->reading);
	/* Made unread by hand: the rule leaves it so. */
	if ((a->reading.decided && !strcmp(a->reading.decided, key)) ||
	    (marks_get(a->marks, key) & MARK_READ))
		return 0;
	free(a->reading.decided);
	a->reading.decided = NULL;
	struct strbuf err = STRBUF_INIT;
	marks_set_seen(a->marks, key, &err);
	if (err.len)
		app_message(a, "%s", err.buf);
	strbuf_release(&err);
	return 1;
}

/* Whether the selected paper is the one the user moved to. */
static int selected_is_moved(const struct app *a)
{
	const struct item *it = app_item(a);
	return it && a->reading.moved && !strcmp(a->reading.moved, app_key(a, it));
}

/* READING_SHOWN: runs the timer of the paper moved to; returns 1 when it
 * marked it, and *due the ms until it is due (-1: none runs). */
static int look(struct app *a, long *due)
{
	struct reading *r = &a->reading;
	*due = -1;
	if (!r->moved)
		return 0;
	if (!selected_is_moved(a)) {
		forget(r); /* moved away: only another move brings the timer back */
		return 0;
	}
	if (a->paper_pane.h <= 0 || a->paper_pane.w <= 0) {
		r->shown_since = -1; /* not shown: the count starts when it is */
		return 0;
	}
	long now = app_now_ms();
	if (r->shown_since < 0)
		r->shown_since = now;
	long after = a->cfg->mark_read == CONFIG_MARK_READ_AFTER
			     ? testknob_get(TESTKNOB_MARK_READ_MS, a->cfg->mark_read_after * 1000L)
			     : 0;
	*due = r->shown_since + after - now;
	if (*due > 0)
		return 0;
	*due = -1;
	return mark_read(a);
}

ui_result reading_note(struct app *a, enum reading_event ev, long *due_ms)
{
	struct reading *r = &a->reading;
	long due = -1;
	int now_read = 0;
	switch (ev) {
	case READING_SHOWN:
		now_read = look(a, &due);
		break;
	case READING_MOVED:
		forget(r);
		if (app_item(a) && a->cfg->mark_read != CONFIG_MARK_READ_NEVER &&
		    !(marks_get(a->marks, app_key(a, app_item(a))) & MARK_READ) &&
		    !(r->decided && !strcmp(r->decided, app_key(a, app_item(a)))))
			r->moved = xstrdup(app_key(a, app_item(a)));
		break;
	case READING_OPENED:
	case READING_FINISHED:
		now_read = mark_read(a);
		break;
	case READING_DECIDED:
		if (selected_is_moved(a))
			forget(r);
		free(r->decided);
		r->decided = app_item(a) ? xstrdup(app_key(a, app_item(a))) : NULL;
		break;
	}
	if (due_ms)
		*due_ms = due;
	return now_read ? UI_HANDLED : 0;
}

void reading_free(struct app *a)
{
	forget(&a->reading);
	free(a->reading.decided);
	a->reading.decided = NULL;
}
