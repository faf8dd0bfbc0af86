/* prompt: the status-line editor as a state of the event loop (see
 * prompt.h). */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "keyname.h"
#include "layout.h"
#include "prompt.h"
#include "util.h"

/* Longest input kept: enough for any query, small enough to stay cheap. */
#define PROMPT_MAX 1024

/* What was entered at each prompt (by its lead: "/", "search: ", ":"), for Up
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

void prompt_open(struct prompt *p, const char *lead)
{
	p->lead = lead;
	strbuf_init(&p->in);
	strbuf_init(&p->draft);
	p->h = history_of(lead);
	p->at = p->h ? p->h->n : 0;
}

void prompt_close(struct prompt *p)
{
	strbuf_release(&p->in);
	strbuf_release(&p->draft);
	p->h = NULL;
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

void prompt_text(const struct prompt *p, struct strbuf *out)
{
	strbuf_reset(out);
	layout_sanitize(p->in.buf, p->in.len, out);
}

void prompt_line(const struct prompt *p, struct strbuf *out)
{
	strbuf_reset(out);
	strbuf_addstr(out, p->lead);
	layout_sanitize(p->in.buf, p->in.len, out);
}

void prompt_insert(struct prompt *p, const char *s)
{
	size_t n = strlen(s);
	if (p->in.len + n <= PROMPT_MAX)
		strbuf_add(&p->in, s, n);
	if (p->h)
		p->at = p->h->n;
}

enum prompt_event prompt_key(struct prompt *p, unsigned key)
{
	struct history *h = p->h;
	if ((key == KEYNAME_UP && h && p->at > 0) || (key == KEYNAME_DOWN && h && p->at < h->n)) {
		if (p->at == h->n) { /* leaving what is being typed */
			strbuf_reset(&p->draft);
			strbuf_add(&p->draft, p->in.buf, p->in.len);
		}
		p->at += key == KEYNAME_UP ? (size_t)-1 : 1;
		strbuf_reset(&p->in);
		strbuf_addstr(&p->in, p->at < h->n ? h->line[p->at] : p->draft.buf);
		return PROMPT_EDITED;
	}
	enum prompt_event ev = PROMPT_IGNORED;
	switch (key) {
	case '\n':
	case '\r': {
		struct strbuf text = STRBUF_INIT;
		prompt_text(p, &text);
		history_add(h, text.buf);
		strbuf_release(&text);
		return PROMPT_ENTER;
	}
	case 27: /* Esc */
	case 3:  /* C-c */
		return PROMPT_CANCEL;
	case '\t':
		return PROMPT_COMPLETE;
	case KEYNAME_BACKSPACE:
	case 127:
	case 8:
		if (!p->in.len)
			return PROMPT_CANCEL; /* as in less and vi */
		drop_last_char(&p->in);
		ev = PROMPT_EDITED;
		break;
	case 21: /* C-u */
		strbuf_reset(&p->in);
		ev = PROMPT_EDITED;
		break;
	case 23: /* C-w */
		drop_last_word(&p->in);
		ev = PROMPT_EDITED;
		break;
	default:
		if (key >= 0x20 && key < KEYNAME_SPECIAL && key != 0x7f &&
		    p->in.len < PROMPT_MAX) {
			char mb[MB_LEN_MAX];
			mbstate_t st;
			memset(&st, 0, sizeof(st));
			size_t k = wcrtomb(mb, (wchar_t)key, &st);
			if (k != (size_t)-1) {
				strbuf_add(&p->in, mb, k);
				ev = PROMPT_EDITED;
			}
		}
		break;
	}
	if (ev == PROMPT_EDITED && h)
		p->at = h->n; /* an edited line is the one being typed */
	return ev;
}
