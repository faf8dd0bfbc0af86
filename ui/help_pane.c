/* help_pane: the ? overlay — every action of the action table with the keys
 * bound to it now and its help text, then every ':' command of the command
 * table with its arguments and summary, in a box over the other panes. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "commands.h"
#include "draw.h"
#include "i18n.h"
#include "keymap.h"
#include "overlay.h"
#include "strbuf.h"
#include "util.h"

/* Appends s cut or padded to `width` columns, then a gap. */
static void append_column(struct text *t, const char *s, unsigned style, int width,
			  int amb)
{
	struct layout_line cell;
	layout_fit_str(s, style, width, amb, &cell);
	text_append(t, cell.s, cell.len, style);
	text_append_str(t, "  ", STYLE_PLAIN);
	layout_line_free(&cell);
}

/* Appends the keys that run act in the pane without the focus but not in
 * the focused one, each marked with that pane's name. */
static void add_other_pane_keys(struct app *a, enum action act, struct strbuf *keys)
{
	const char *other = a->focus == &a->list ? a->paper_pane.ops->name : a->list.ops->name;
	struct strbuf o = STRBUF_INIT;
	keymap_describe(a->cfg, other, act, &o);
	size_t here = keys->len;
	for (char *save = NULL, *tok = strtok_r(o.buf, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save)) {
		/* Already listed for the focused pane? */
		int seen = 0;
		for (const char *k = keys->buf; k < keys->buf + here && !seen;) {
			size_t n = strcspn(k, " ");
			seen = n == strlen(tok) && !strncmp(k, tok, n);
			k += n + (k[n] == ' ');
		}
		if (!seen)
			strbuf_addf(keys, "%s%s(%s)", keys->len ? " " : "", tok, other);
	}
	strbuf_release(&o);
}

/* Every row of the overlay at inner width iw. */
static void help_rows(struct app *a, int iw, struct layout_lines *rows)
{
	int amb = a->lo.ambiguous_width;
	/* The keys column is as wide as its widest entry, up to a third. */
	struct strbuf *keys = xcalloc(ACTION_COUNT, sizeof(*keys));
	int kw = 0, nw = 0;
	/* TRANSLATORS: the ? help's keys column of an action no key runs. */
	const char *unbound = _("(unbound)");
	for (int i = 1; i < ACTION_COUNT; i++) {
		strbuf_init(&keys[i]);
		/* The keys as they work in the pane the help was opened from,
		 * then those that do it only in the other pane ("<Space>(list)"). */
		keymap_describe(a->cfg, a->focus->ops->name, (enum action)i, &keys[i]);
		add_other_pane_keys(a, (enum action)i, &keys[i]);
		int w = keys[i].len ? layout_width(keys[i].buf, keys[i].len, amb)
				    : layout_width(unbound, strlen(unbound), amb);
		int n = layout_width(action_info[i].name, strlen(action_info[i].name), amb);
		kw = w > kw ? w : kw;
		nw = n > nw ? n : nw;
	}
	if (kw > iw / 3)
		kw = iw / 3;
	int lw = kw + 2 + nw + 2;
	int below = iw - lw - 1 < OVERLAY_DESC_MIN;
	overlay_heading(rows, _("Keys (q, Esc or ? closes; j/k scroll)"), iw, amb);
	for (int i = 1; i < ACTION_COUNT; i++) {
		struct text left;
		text_init(&left);
		const char *k = keys[i].len ? keys[i].buf : unbound;
		if (below) { /* no columns to line up: keys and name as they are */
			text_append_str(&left, k, STYLE_LABEL);
			text_append_str(&left, "  ", STYLE_PLAIN);
			text_append_str(&left, action_info[i].name, STYLE_DIM);
		} else {
			append_column(&left, k, STYLE_LABEL, kw, amb);
			append_column(&left, action_info[i].name, STYLE_DIM, nw, amb);
		}
		overlay_entry(rows, &left, lw, below, _(action_info[i].help), iw, amb);
		text_free(&left);
		strbuf_release(&keys[i]);
	}
	free(keys);
	overlay_heading(rows, "", iw, amb);
	overlay_heading(rows, _("Commands (after :, Tab completes the name)"), iw, amb);
	for (int c = 1; c < COMMAND_COUNT; c++) {
		struct strbuf usage = STRBUF_INIT;
		command_usage((enum command)c, &usage);
		struct text left;
		text_init(&left);
		if (below)
			text_append_str(&left, usage.buf, STYLE_LABEL);
		else
			append_column(&left, usage.buf, STYLE_LABEL, kw + 2 + nw, amb);
		overlay_entry(rows, &left, lw, below, _(command_info[c].summary), iw, amb);
		text_free(&left);
		strbuf_release(&usage);
	}
}

static void help_draw(struct pane *p, struct app *a)
{
	overlay_draw(p, a, help_rows);
}

const struct pane_ops help_pane_ops = {
	.state_size = sizeof(struct overlay_state),
	.name = "help",
	.draw = help_draw,
	.action = overlay_action,
};
