/* charset: EUC-KR / CP949 to UTF-8 (see charset.h). */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uniconv.h>
#include <unistr.h>

#include "charset.h"

const char *charset_from_content_type(const char *ct, char *buf, size_t size)
{
	if (!ct || size == 0)
		return NULL;
	const char *p = ct;
	while ((p = strchr(p, ';'))) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "charset", 7))
			continue;
		const char *v = p + 7;
		while (*v == ' ' || *v == '\t')
			v++;
		if (*v != '=')
			continue;
		v++;
		while (*v == ' ' || *v == '\t')
			v++;
		char quote = (*v == '"' || *v == '\'') ? *v++ : 0;
		size_t n = 0;
		while (v[n] && v[n] != ';' && v[n] != quote &&
		       (quote || (v[n] != ' ' && v[n] != '\t' && v[n] != '\r' && v[n] != '\n')))
			n++;
		if (n == 0 || n >= size)
			return NULL;
		for (size_t i = 0; i < n; i++)
			buf[i] = (char)tolower((unsigned char)v[i]);
		buf[n] = '\0';
		return buf;
	}
	return NULL;
}

int charset_is_korean(const char *label)
{
	static const char *const names[] = { "euc-kr", "euckr", "euc_kr", "cp949",
		"cp-949", "ms949", "windows-949", "x-windows-949", "uhc",
		"ks_c_5601-1987", "ks_c_5601", "ksc5601", "ksc_5601", "ks_c_5601-1989",
		"korean", "csksc56011987", "csEUCKR", "x-euc-kr" };
	if (!label)
		return 0;
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (!strcasecmp(label, names[i]))
			return 1;
	return 0;
}

/* Strict CP949 to UTF-8; 0 on success. */
static int from_cp949(const char *data, size_t len, struct strbuf *out)
{
	if (len == 0)
		return 0;
	size_t n = 0;
	uint8_t *u = u8_conv_from_encoding("CP949", iconveh_error, data, len, NULL,
					   NULL, &n);
	if (!u)
		return -1;
	strbuf_add(out, u, n);
	free(u);
	return 0;
}

enum charset_result charset_to_utf8(const char *data, size_t len,
				    const char *content_type, struct strbuf *out)
{
	char label[64];
	const char *cs = charset_from_content_type(content_type, label, sizeof(label));
	int valid = u8_check((const uint8_t *)data, len) == NULL;
	int ascii = 1;
	for (size_t i = 0; i < len && ascii; i++)
		ascii = (unsigned char)data[i] < 0x80;
	if (ascii)
		return CHARSET_UTF8;
	if (charset_is_korean(cs) || !valid) {
		size_t before = out->len;
		if (from_cp949(data, len, out) == 0)
			return CHARSET_CONVERTED;
		strbuf_setlen(out, before);
	}
	return valid ? CHARSET_UTF8 : CHARSET_UNKNOWN;
}
