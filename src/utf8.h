/* utf8: the fast validity check every post goes through before parsing.
 * (Repair and everything finer is libunistring's job; this only finds where
 * the first problem is, quickly, since most posts have none.) */
#ifndef DIGEST_UTF8_H
#define DIGEST_UTF8_H

#include <stddef.h>

/* Length of the longest prefix of s that is valid UTF-8 without NUL bytes
 * (no overlong forms, no surrogates, nothing above U+10FFFF). */
size_t utf8_valid_prefix(const char *s, size_t n);

#endif
