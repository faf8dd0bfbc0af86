/* triage: the marks actions (see triage.h). Every change goes through
 * src/marks.c; this file only picks the paper and reports in the status
 * line. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "i18n.h"
#include "layout.h"
#include "listing.h"
#include "strbuf.h"
#include "triage.h"
#include "util.h"

/* What toggling flag did, now on or off. */
static const char *mark_said(unsigned flag, int on)
{
	switch (flag) {
	case MARK_STAR:
		return on ? C_("mark set", "starred") : _("no longer starred");
	case MARK_READ:
		return on ? C_("mark set", "read") : _("no longer read");
	case MARK_LATER:
		return on ? _("in the reading queue") : _("no longer in the reading queue");
	default:
		return on ? C_("mark set", "hidden") : _("no longer hidden");
	}
}

/* Says what a change of marks did; one that could not reach the marks file
 * (a read-only state directory, no HOME) says the mark is gone at exit. */
static void say_marked(struct app *a, const char *what)
{
	if (marks_path(a->marks))
		app_message(a, "%s", what);
	else
		/* TRANSLATORS: what the change of marks did, then why it is lost
		 * at exit. */
		app_message(a, _("%s (marks in memory only: not saved)"), what);
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
	strbuf_addf(out, "%s #%d ", dg->date ? dg->date : _("undated"), p->number);
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
		app_message(a, "%s", _("no paper here to mark"));
		return UI_HANDLED | UI_REBUILD;
	}
	struct strbuf err = STRBUF_INIT;
	const char *key = app_key(a, app_item(a));
	int on = marks_toggle(a->marks, key, flag, &err);
	if (err.len)
		app_message(a, "%s", err.buf);
	else if (on >= 0)
		say_marked(a, mark_said(flag, on));
	strbuf_release(&err);
	/* On to the next paper; the rebuild keeps it selected even when the
	 * marked one leaves the list (hidden, read in Unread). */
	if (a->cfg->advance && a->selected + 1 < a->nitems)
		app_select(a, a->selected + 1);
	return UI_HANDLED | UI_REBUILD;
}

/* What undoing a change of mask back to old did, to one paper (what: its
 * description) or to n of them (what: NULL): "unstarred 2025-11-04 #2
 * Title…", "unread again: 12 papers". Each a whole message, for the
 * translations' word order. */
static void undo_said(unsigned mask, unsigned old, const char *what, size_t n,
		      struct strbuf *out)
{
	unsigned long k = n;
	unsigned f = mask & MARK_STAR    ? MARK_STAR
		     : mask & MARK_LATER ? MARK_LATER
		     : mask & MARK_HIDDEN ? MARK_HIDDEN
					  : MARK_READ;
	int on = (old & f) != 0;
	switch (f) {
	case MARK_STAR:
		if (what)
			strbuf_addf(out, on ? _("starred again %s") : _("unstarred %s"), what);
		else
			strbuf_addf(out, on ? ngettext("starred again: %zu paper",
						       "starred again: %zu papers", k)
					    : ngettext("unstarred: %zu paper", "unstarred: %zu papers", k),
				    n);
		break;
	case MARK_LATER:
		if (what)
			strbuf_addf(out, on ? _("back in the reading queue %s")
					    : _("out of the reading queue %s"), what);
		else
			strbuf_addf(out, on ? ngettext("back in the reading queue: %zu paper",
						       "back in the reading queue: %zu papers", k)
					    : ngettext("out of the reading queue: %zu paper",
						       "out of the reading queue: %zu papers", k),
				    n);
		break;
	case MARK_HIDDEN:
		if (what)
			strbuf_addf(out, on ? _("hidden again %s") : _("shown again %s"), what);
		else
			strbuf_addf(out, on ? ngettext("hidden again: %zu paper",
						       "hidden again: %zu papers", k)
					    : ngettext("shown again: %zu paper", "shown again: %zu papers", k),
				    n);
		break;
	default:
		if (what)
			strbuf_addf(out, on ? _("read again %s") : _("unread again %s"), what);
		else
			strbuf_addf(out, on ? ngettext("read again: %zu paper", "read again: %zu papers", k)
					    : ngettext("unread again: %zu paper",
						       "unread again: %zu papers", k),
				    n);
		break;
	}
}

/* Undoes the last change, says what it was, and selects that paper again
 * (rebuilding the list, where an unhidden paper comes back). */
ui_result triage_undo(struct app *a)
{
	struct strbuf err = STRBUF_INIT, what = STRBUF_INIT, paper = STRBUF_INIT;
	const char *k;
	unsigned mask = 0, old = 0;
	size_t nkeys = 0;
	char *key = NULL;
	if (marks_undo_peek(a->marks, &k, &mask, &old, &nkeys)) {
		key = xstrdup(k);
		if (nkeys <= 1)
			describe_paper(a, key, &paper);
		undo_said(mask, old, nkeys > 1 ? NULL : paper.buf, nkeys, &what);
	}
	int rc = marks_undo(a->marks, &err);
	if (err.len)
		app_message(a, "%s", err.buf);
	else if (rc > 0)
		say_marked(a, what.buf);
	else
		app_message(a, "%s", _("nothing to undo"));
	if (rc > 0 && key && nkeys == 1) {
		listing_build(a);
		listing_select_key(a, key);
	}
	free(key);
	strbuf_release(&what);
	strbuf_release(&paper);
	strbuf_release(&err);
	return UI_HANDLED | UI_REBUILD;
}

ui_result triage_digest_read(struct app *a)
{
	const struct digest *d = app_digest(a);
	if (!d || !a->nitems) {
		app_message(a, "%s", _("no paper in this digest to mark read"));
		return UI_HANDLED | UI_REBUILD;
	}
	struct strbuf err = STRBUF_INIT;
	if (marks_digest_read(a->marks, d, &err) < 0 || err.len)
		app_message(a, "%s", err.buf);
	else {
		struct strbuf what = STRBUF_INIT;
		if (d->date)
			strbuf_addf(&what, _("every paper of %s marked read (u undoes)"), d->date);
		else
			strbuf_addstr(&what, _("every paper of this digest marked read (u undoes)"));
		say_marked(a, what.buf);
		strbuf_release(&what);
	}
	strbuf_release(&err);
	return UI_HANDLED | UI_REBUILD;
}
