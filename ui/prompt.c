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
#include "util.h"

/* Longest input kept: enough for any query, small enough to stay cheap. */
#define PROMPT_MAX 1024

/* What was entered at each prompt (by its lead: "/", "find: ", ":"), for Up
 * and Down, oldest first; a line entered twice in a row is kept once. */
#define HISTORY_MAX 100
#define HISTORY_PROMPTS 4
static struct history {
	const char *lead;
	char *line[HISTORY_MAX];
	size_t n;
} histories[HISTORY_PROMPTS];

static struct history *history_of(const char *lead)
{
	for (size_t i = 0; i < HISTORY_PROMPTS; i++) {
		struct history *h = &histories[i];
		if (!h->lead || !strcmp(h->lead, lead)) {
			h->lead = lead;
			return h;
		}
	}
	return NULL; /* more prompts than kept: no history */
}

static void history_add(struct history *h, const char *line)
{
	if (!h || !*line || (h->n && !strcmp(h->line[h->n - 1], line)))
		return;
	if (h->n == HISTORY_MAX) {
		free(h->line[0]);
		memmove(h->line, h->line + 1, (HISTORY_MAX - 1) * sizeof(*h->line));
		h->n--;
	}
	h->line[h->n++] = xstrdup(line);
}

void prompt_forget(void)
{
	for (size_t i = 0; i < HISTORY_PROMPTS; i++) {
		for (size_t j = 0; j < histories[i].n; j++)
			free(histories[i].line[j]);
		memset(&histories[i], 0, sizeof(histories[i]));
	}
}

static void drop_last_char(struct strbuf *in)
{
	size_t n = in->len;
	while (n > 0 && ((unsigned char)in->buf[n - 1] & 0xC0) == 0x80)
		n--;
	strbuf_setlen(in, n ? n - 1 : 0);
}

/* C-w: the blanks before the cursor, then the word. */
static void drop_last_word(struct strbuf *in)
{
	while (in->len && in->buf[in->len - 1] == ' ')
		strbuf_setlen(in, in->len - 1);
	while (in->len && in->buf[in->len - 1] != ' ')
		drop_last_char(in);
}

char *prompt_read(struct app *a, const char *lead, prompt_draw_fn draw,
		  prompt_changed_fn changed, void *arg)
{
	struct strbuf in = STRBUF_INIT, shown = STRBUF_INIT, draft = STRBUF_INIT;
	char *result = NULL;
	struct history *h = history_of(lead);
	size_t at = h ? h->n : 0; /* the history line shown; h->n: the draft */
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
			if ((ch == KEY_UP && h && at > 0) || (ch == KEY_DOWN && h && at < h->n)) {
				if (at == h->n) { /* leaving what is being typed */
					strbuf_reset(&draft);
					strbuf_add(&draft, in.buf, in.len);
				}
				at += ch == KEY_UP ? (size_t)-1 : 1;
				strbuf_reset(&in);
				strbuf_addstr(&in, at < h->n ? h->line[at] : draft.buf);
				edited = 1;
			} else if (ch == KEY_BACKSPACE) {
				if (!in.len)
					goto cancel;
				drop_last_char(&in);
				edited = 1;
			} /* else KEY_RESIZE and the rest: the next draw relays out */
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
		} else if (ch == 23) { /* C-w */
			drop_last_word(&in);
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
		if (edited && h && ch != KEY_UP && ch != KEY_DOWN)
			at = h->n; /* an edited line is the one being typed */
		if (edited && changed) {
			strbuf_reset(&shown);
			layout_sanitize(in.buf, in.len, &shown);
			changed(a, shown.buf, arg);
		}
	}
	strbuf_reset(&shown);
	layout_sanitize(in.buf, in.len, &shown);
	history_add(h, shown.buf);
	result = strbuf_detach(&shown, NULL);
cancel:
	curs_set(0);
	strbuf_release(&in);
	strbuf_release(&shown);
	strbuf_release(&draft);
	return result;
}
