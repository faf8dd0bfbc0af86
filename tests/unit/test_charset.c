/* Unit tests for charset.c: EUC-KR / CP949 posts become UTF-8. */
#include "config.h"

#include <string.h>

#include "charset.h"
#include "tap.h"

/* "한국어 논문" in EUC-KR, and "똠방각하" (똠 is in CP949 only, not EUC-KR). */
static const char euckr[] = "\xc7\xd1\xb1\xb9\xbe\xee \xb3\xed\xb9\xae";
static const char cp949[] = "\x8c\x63\xb9\xe6\xb0\xa2\xc7\xcf";

int main(void)
{
	char buf[64];
	struct strbuf out = STRBUF_INIT;

	is_str(charset_from_content_type("text/markdown; charset=EUC-KR", buf, sizeof(buf)),
	       "euc-kr", "charset from a Content-Type");
	is_str(charset_from_content_type("text/plain;charset=\"ks_c_5601-1987\" ; x=y", buf, sizeof(buf)),
	       "ks_c_5601-1987", "a quoted charset");
	is_str(charset_from_content_type("text/plain; format=flowed", buf, sizeof(buf)), NULL,
	       "no charset");
	is_str(charset_from_content_type(NULL, buf, sizeof(buf)), NULL, "no Content-Type");
	ok(charset_is_korean("EUC-KR") && charset_is_korean("cp949") &&
	   charset_is_korean("ks_c_5601-1987") && charset_is_korean("x-windows-949"),
	   "Korean labels");
	ok(!charset_is_korean("utf-8") && !charset_is_korean(NULL), "other labels");

	is_int(charset_to_utf8(euckr, strlen(euckr), "text/markdown; charset=euc-kr", &out),
	       CHARSET_CONVERTED, "a labelled EUC-KR body is converted");
	is_str(out.buf, "한국어 논문", "to the right Hangul");
	strbuf_reset(&out);
	is_int(charset_to_utf8(euckr, strlen(euckr), "text/plain", &out), CHARSET_CONVERTED,
	       "an unlabelled one too (it is not UTF-8)");
	is_str(out.buf, "한국어 논문", "to the same text");
	strbuf_reset(&out);
	is_int(charset_to_utf8(cp949, strlen(cp949), NULL, &out), CHARSET_CONVERTED,
	       "CP949 beyond EUC-KR");
	is_str(out.buf, "똠방각하", "decodes");
	strbuf_reset(&out);

	const char *utf8 = "# 1. 한국어 제목 — ok";
	is_int(charset_to_utf8(utf8, strlen(utf8), "text/plain; charset=utf-8", &out),
	       CHARSET_UTF8, "UTF-8 stays as it is");
	is_int((long)out.len, 0, "and nothing is written");
	is_int(charset_to_utf8(utf8, strlen(utf8), "text/plain; charset=euc-kr", &out),
	       CHARSET_UTF8, "even when mislabelled EUC-KR");
	is_int(charset_to_utf8("plain ascii", 11, "text/plain; charset=euc-kr", &out),
	       CHARSET_UTF8, "ASCII needs nothing");
	const char junk[] = "\xff\xfe\xff\x80\x80";
	is_int(charset_to_utf8(junk, sizeof(junk) - 1, NULL, &out), CHARSET_UNKNOWN,
	       "neither UTF-8 nor CP949 is left alone");
	is_int((long)out.len, 0, "with nothing written");
	strbuf_release(&out);
	return tap_done();
}
