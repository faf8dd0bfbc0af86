/* messages_pane: the :messages overlay — every message the session said
 * (app_message keeps them, at most APP_MESSAGES_MAX), oldest first, each
 * with the time it was said and wrapped whole by the layout engine, in a
 * box over the other panes that opens on its last page (the newest). */
#include "config.h"

#include <stdio.h>
#include <time.h>

#include "app.h"
#include "i18n.h"
#include "overlay.h"
#include "strbuf.h"

static void messages_rows(struct app *a, int iw, struct layout_lines *rows)
{
	int amb = a->lo.ambiguous_width;
	overlay_heading(rows, _("Messages, newest last (q or Esc closes; j/k scroll)"), iw, amb);
	if (!a->nmessages) {
		struct text none;
		text_init(&none);
		overlay_entry(rows, &none, 0, 0, _("(none yet)"), iw, amb);
		text_free(&none);
		return;
	}
	/* "12:04:59  " beside each message; a narrow box puts it above. */
	const int lw = 10;
	int below = iw - lw - 1 < OVERLAY_DESC_MIN;
	struct strbuf desc = STRBUF_INIT;
	for (size_t i = 0; i < a->nmessages; i++) {
		const struct app_logged *m = &a->messages[i];
		char when[16] = "--:--:--";
		struct tm tm;
		if (localtime_r(&m->when, &tm))
			strftime(when, sizeof(when), "%H:%M:%S", &tm);
		struct text left;
		text_init(&left);
		text_append_str(&left, when, STYLE_DIM);
		text_append_str(&left, "  ", STYLE_PLAIN);
		strbuf_reset(&desc);
		strbuf_addstr(&desc, m->text);
		if (m->repeats) {
			unsigned long times = (unsigned long)m->repeats + 1;
			strbuf_addch(&desc, ' ');
			/* TRANSLATORS: after a message said more than once in a
			 * row: how many times. */
			strbuf_addf(&desc, ngettext("(%lu time)", "(%lu times)", times), times);
		}
		overlay_entry(rows, &left, lw, below, desc.buf, iw, amb);
		text_free(&left);
	}
	strbuf_release(&desc);
}

static void messages_draw(struct pane *p, struct app *a)
{
	overlay_draw(p, a, messages_rows);
}

const struct pane_ops messages_pane_ops = {
	.state_size = sizeof(struct overlay_state),
	.name = "messages",
	.draw = messages_draw,
	.action = overlay_action,
};
