/* prompt: the status-line editor (see prompt.h). */
#include "config.h"

#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "app.h"
#include "layout.h"
#include "prompt.h"
#include "strbuf.h"

/* Longest input kept: enough for any query, small enough to stay cheap. */
#define PROMPT_MAX 1024

static void drop_last_char(struct strbuf *in)
{
	size_t n = in->len;
	while (n > 0 && ((unsigned char)in->buf[n - 1] & 0xC0) == 0x80)
		n--;
	strbuf_setlen(in, n ? n - 1 : 0);
}

char *prompt_read(struct app *a, const char *lead, prompt_draw_fn draw,
		  prompt_changed_fn changed, void *arg)
{
	struct strbuf in = STRBUF_INIT, shown = STRBUF_INIT;
	char *result = NULL;
	curs_set(1);
	for (;;) {
		strbuf_reset(&shown);
		strbuf_addstr(&shown, lead);
		layout_sanitize(in.buf, in.len, &shown);
		draw(a, shown.buf, layout_width(shown.buf, shown.len, a->lo.ambiguous_width));
		wint_t ch;
		int rc = get_wch(&ch);
		if (rc == ERR)
			continue;
		int edited = 0;
		if (rc == KEY_CODE_YES) {
			if (ch == KEY_ENTER)
				break;
			if (ch != KEY_BACKSPACE)
				continue; /* KEY_RESIZE: the next draw relays out */
			if (!in.len)
				goto cancel;
			drop_last_char(&in);
			edited = 1;
		} else if (ch == '\n' || ch == '\r') {
			break;
		} else if (ch == 27 || ch == 3) { /* Esc, C-c */
			goto cancel;
		} else if (ch == 127 || ch == 8) {
			if (!in.len)
				goto cancel; /* as in less and vi */
			drop_last_char(&in);
			edited = 1;
		} else if (ch == 21) { /* C-u */
			strbuf_reset(&in);
			edited = 1;
		} else if (ch >= 0x20 && in.len < PROMPT_MAX) {
			char mb[MB_LEN_MAX];
			mbstate_t st;
			memset(&st, 0, sizeof(st));
			size_t k = wcrtomb(mb, (wchar_t)ch, &st);
			if (k != (size_t)-1) {
				strbuf_add(&in, mb, k);
				edited = 1;
			}
		}
		if (edited && changed) {
			strbuf_reset(&shown);
			layout_sanitize(in.buf, in.len, &shown);
			changed(a, shown.buf, arg);
		}
	}
	strbuf_reset(&shown);
	layout_sanitize(in.buf, in.len, &shown);
	result = strbuf_detach(&shown, NULL);
cancel:
	curs_set(0);
	strbuf_release(&in);
	strbuf_release(&shown);
	return result;
}
