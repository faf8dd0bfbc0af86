/* utf8: UTF-8 as the rest of the program reads it — the fast validity check
 * every post goes through before parsing, the one decoder of a character,
 * and the one rule of which code points are unsafe to show (what hides,
 * reorders or moves text on a terminal). Repair, normalization and
 * everything finer are libunistring's; what each caller does with an unsafe
 * character (drop it, escape it, refuse the text) is the caller's. */
#ifndef DIGEST_UTF8_H
#define DIGEST_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Length of the longest prefix of s that is valid UTF-8 without NUL bytes
 * (no overlong forms, no surrogates, nothing above U+10FFFF). */
size_t utf8_valid_prefix(const char *s, size_t n);

/* What utf8_decode gives for bytes that are not a character. */
#define UTF8_INVALID ((uint32_t)0xFFFFFFFF)

/* Decodes the character at s[0..n) (n > 0) into *cp and returns its length.
 * Bytes that are not valid UTF-8 (overlong, surrogate, above U+10FFFF, cut
 * short) give *cp = UTF8_INVALID and the length of their maximal subpart
 * (Unicode's "best practice", as libunistring's u8_mbtouc counts), at least
 * 1: a caller that writes one U+FFFD for each agrees with libunistring. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Whether a code point must never reach a terminal as it is, in text from
 * outside (posts, servers, file names, configuration): C0 controls (tab,
 * newline and CR included: callers that keep them test them first), DEL and
 * C1 controls; the soft hyphen; the Arabic letter mark and the bidi
 * embeddings, overrides and isolates (U+061C, U+200E-200F, U+202A-202E,
 * U+2066-2069); zero-width and invisible format characters (U+180E,
 * U+200B-200D, U+2060-206F, U+FEFF); the line and paragraph separators
 * (U+2028-2029); and the interlinear annotation controls (U+FFF9-FFFB). */
int utf8_unsafe(uint32_t cp);

#endif
