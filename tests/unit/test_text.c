/* Unit tests for text.c and strbuf.c: styled text spans stay consistent. */
#include "config.h"

#include <stdlib.h>

#include "strbuf.h"
#include "tap.h"
#include "text.h"

static int spans_cover(const struct text *t)
{
	size_t at = 0;
	for (size_t i = 0; i < t->nspans; i++) {
		if (t->spans[i].start != at || !t->spans[i].len)
			return 0;
		at += t->spans[i].len;
	}
	return at == t->len;
}

int main(void)
{
	struct text t;
	text_init(&t);
	text_append_str(&t, "  Hello ", STYLE_PLAIN);
	text_append_str(&t, "big\n\t", STYLE_STRONG);
	text_append_str(&t, "  world  ", STYLE_PLAIN);
	text_append_str(&t, "!", STYLE_PLAIN);
	is_int((long)t.nspans, 3, "equal neighbouring styles merge");
	text_collapse_space(&t);
	is_str(t.s, "Hello big world !", "collapse_space folds and trims white space");
	ok(spans_cover(&t), "spans still cover the text after collapsing");
	text_remove_prefix(&t, 6);
	is_str(t.s, "big world !", "remove_prefix");
	is_int((long)t.spans[0].style, STYLE_STRONG, "the first span keeps its style");
	ok(spans_cover(&t), "spans cover the text after remove_prefix");

	struct text c;
	text_copy(&c, &t);
	is_str(c.s, t.s, "copy has the same bytes");
	is_int((long)c.nspans, (long)t.nspans, "copy has the same spans");
	text_free(&c);
	text_free(&t);

	struct strbuf sb = STRBUF_INIT;
	is_str(sb.buf, "", "a fresh strbuf is an empty string");
	for (int i = 0; i < 1000; i++)
		strbuf_addf(&sb, "%d,", i);
	is_int((long)sb.len, 3890, "strbuf grows through many appends");
	strbuf_setlen(&sb, 4);
	is_str(sb.buf, "0,1,", "setlen cuts");
	size_t len;
	char *s = strbuf_detach(&sb, &len);
	is_int((long)len, 4, "detach hands over the length");
	is_str(sb.buf, "", "detach leaves the strbuf empty");
	free(s);
	return tap_done();
}
