/* width: display widths of code points and strings, as the terminal counts
 * them. ncursesw advances the cursor by wcwidth() of each code point, so a
 * grapheme cluster occupies the sum of its code points' widths; these functions
 * reproduce glibc's wcwidth() for a UTF-8 locale without calling it: they are
 * pure and do not depend on the locale. */
#ifndef DIGEST_WIDTH_H
#define DIGEST_WIDTH_H

#include <stddef.h>
#include <stdint.h>

/* Columns of code point c: 0, 1 or 2, or -1 for controls (C0, DEL, C1) and
 * U+2028/U+2029, which the layout sanitizer never lets through. With
 * ambiguous_width 2, East-Asian-ambiguous characters of width 1 count 2.
 * Equals glibc wcwidth() in C.UTF-8 (for ambiguous_width 1) for every
 * assigned code point; unassigned ones are not looked up (the sanitizer
 * replaces them with U+FFFD first). */
int width_cp(uint32_t c, int ambiguous_width);

/* Nonzero when c has East_Asian_Width=A (Unicode 14). */
int width_is_ambiguous(uint32_t c);

/* Sum of width_cp over the UTF-8 string s (negative widths count 0; invalid
 * sequences count as U+FFFD). */
int width_str(const char *s, size_t len, int ambiguous_width);

#endif
