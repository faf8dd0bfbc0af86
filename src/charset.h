/* charset: posts served in a legacy Korean encoding (EUC-KR, or its superset
 * CP949 / UHC) become UTF-8; everything else is left as it is.
 *
 * A body is converted when its Content-Type names a Korean charset (euc-kr,
 * cp949, ks_c_5601-1987, ...) and the bytes decode strictly as CP949, or when
 * it is not valid UTF-8 but decodes strictly as CP949. Valid UTF-8 is almost
 * never valid CP949 (a UTF-8 Hangul syllable leaves a lone trail byte), so the
 * guess is safe. Uses libunistring's u8_conv_from_encoding (iconv). */
#ifndef DIGEST_CHARSET_H
#define DIGEST_CHARSET_H

#include <stddef.h>

#include "strbuf.h"

enum charset_result {
	CHARSET_UTF8,       /* valid UTF-8: use the bytes as they are */
	CHARSET_CONVERTED,  /* converted from CP949: use out */
	CHARSET_UNKNOWN,    /* neither UTF-8 nor CP949: use the bytes as they are */
};

/* The charset parameter of a Content-Type value, lower-cased and unquoted,
 * into buf; returns buf, or NULL when there is none. */
const char *charset_from_content_type(const char *content_type, char *buf,
				      size_t size);

/* Whether a charset label means EUC-KR / CP949. */
int charset_is_korean(const char *label);

/* Decides as above; with CHARSET_CONVERTED the UTF-8 text is appended to out.
 * content_type may be NULL. */
enum charset_result charset_to_utf8(const char *data, size_t len,
				    const char *content_type, struct strbuf *out);

#endif
