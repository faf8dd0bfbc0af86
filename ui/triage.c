/* triage: the marks actions (see triage.h). Every change goes through
 * src/marks.c; this file only picks the paper and reports in the status
 * line. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "layout.h"
#include "listing.h"
#include "strbuf.h"
#include "triage.h"
#include "util.h"

static const char *mark_name(unsigned flag)
{
	switch (flag) {
	case MARK_STAR:
		return "starred";
	case MARK_READ:
		return "read";
	case MARK_LATER:
		return "in the reading queue";
	default:
		return "hidden";
	}
}

/* Said after every change of marks that could not reach the marks file
 * (a read-only state directory, no HOME): the mark is gone at exit. */
static const char *unsaved_note(const struct app *a)
{
	return marks_path(a->marks) ? "" : " (marks in memory only: not saved)";
}

/* "2025-11-04 #2 Title…": the paper of key, for messages (the listing's
 * copy first, else its newest appearance). */
static void describe_paper(struct app *a, const char *key, struct strbuf *out)
{
	const struct digest *dg = NULL;
	const struct paper *p = NULL;
	for (size_t i = 0; i < a->nitems && !p; i++)
		if (!strcmp(app_key(a, &a->items[i]), key)) {
			dg = &a->archive->v[a->items[i].digest];
			p = app_item_paper(a, &a->items[i]);
		}
	for (size_t d = a->archive->n; !p && d-- > 0;)
		for (size_t i = 0; a->keys[d] && i < a->archive->v[d].npapers; i++)
			if (!strcmp(a->keys[d][i], key)) {
				dg = &a->archive->v[d];
				p = &dg->papers[i];
				break;
			}
	if (!p) {
		strbuf_addstr(out, key);
		return;
	}
	strbuf_addf(out, "%s #%d ", dg->date ? dg->date : "undated", p->number);
	/* Titles come from the network: layout_fit sanitizes them, and cuts
	 * them with an ellipsis to leave room for the rest of the message. */
	struct layout_line l;
	layout_fit(&p->title, 40, a->lo.ambiguous_width, &l);
	size_t len = l.len;
	while (len && l.s[len - 1] == ' ')
		len--;
	strbuf_add(out, l.s, len);
	layout_line_free(&l);
}

ui_result triage_toggle(struct app *a, unsigned flag)
{
	/* Unstarring in the Starred listing takes the row away: a rebuild. */
	if (!app_item(a)) {
		app_message(a, "no paper here to mark");
		return UI_HANDLED | UI_REBUILD;
	}
	struct strbuf err = STRBUF_INIT;
	const char *key = app_key(a, app_item(a));
	int on = marks_toggle(a->marks, key, flag, &err);
	if (err.len)
		app_message(a, "%s", err.buf);
	else if (on >= 0)
		app_message(a, "%s%s%s", on ? "" : "no longer ", mark_name(flag),
			    unsaved_note(a));
	strbuf_release(&err);
	/* On to the next paper; the rebuild keeps it selected even when the
	 * marked one leaves the list (hidden, read in Unread). */
	if (a->cfg->advance && a->selected + 1 < a->nitems)
		app_select(a, a->selected + 1);
	return UI_HANDLED | UI_REBUILD;
}

/* "unstarred", "no longer hidden": what undoing a change of mask back to
 * old did. */
static const char *undo_verb(unsigned mask, unsigned old)
{
	unsigned f = mask & MARK_STAR    ? MARK_STAR
		     : mask & MARK_LATER ? MARK_LATER
		     : mask & MARK_HIDDEN ? MARK_HIDDEN
					  : MARK_READ;
	int now_on = (old & f) != 0;
	switch (f) {
	case MARK_STAR:
		return now_on ? "starred again" : "unstarred";
	case MARK_LATER:
		return now_on ? "back in the reading queue" : "out of the reading queue";
	case MARK_HIDDEN:
		return now_on ? "hidden again" : "shown again";
	default:
		return now_on ? "read again" : "unread again";
	}
}

/* Undoes the last change, says what it was, and selects that paper again
 * (rebuilding the list, where an unhidden paper comes back). */
ui_result triage_undo(struct app *a)
{
	struct strbuf err = STRBUF_INIT, what = STRBUF_INIT;
	const char *k;
	unsigned mask = 0, old = 0;
	size_t nkeys = 0;
	char *key = NULL;
	if (marks_undo_peek(a->marks, &k, &mask, &old, &nkeys)) {
		key = xstrdup(k);
		if (nkeys > 1) {
			strbuf_addf(&what, "%s: %zu papers", undo_verb(mask, old), nkeys);
		} else {
			strbuf_addf(&what, "%s ", undo_verb(mask, old));
			describe_paper(a, key, &what);
		}
	}
	int rc = marks_undo(a->marks, &err);
	if (err.len)
		app_message(a, "%s", err.buf);
	else if (rc > 0)
		app_message(a, "%s%s", what.buf, unsaved_note(a));
	else
		app_message(a, "nothing to undo");
	if (rc > 0 && key && nkeys == 1) {
		listing_build(a);
		listing_select_key(a, key);
	}
	free(key);
	strbuf_release(&what);
	strbuf_release(&err);
	return UI_HANDLED | UI_REBUILD;
}

ui_result triage_digest_read(struct app *a)
{
	const struct digest *d = app_digest(a);
	if (!d || !a->nitems) {
		app_message(a, "no paper in this digest to mark read");
		return UI_HANDLED | UI_REBUILD;
	}
	struct strbuf err = STRBUF_INIT;
	if (marks_digest_read(a->marks, d, &err) < 0 || err.len)
		app_message(a, "%s", err.buf);
	else
		app_message(a, "every paper of %s marked read (u undoes)%s",
			    d->date ? d->date : "this digest", unsaved_note(a));
	strbuf_release(&err);
	return UI_HANDLED | UI_REBUILD;
}
