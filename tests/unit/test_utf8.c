/* Unit tests for utf8.c: utf8_valid_prefix agrees with libunistring's
 * u8_check (plus its own rule: no NUL) on crafted and random input. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "tap.h"
#include "utf8.h"

/* The reference: the longest valid prefix by u8_check, cut at a NUL. */
static size_t reference(const uint8_t *s, size_t n)
{
	const uint8_t *bad = u8_check(s, n);
	size_t v = bad ? (size_t)(bad - s) : n;
	const uint8_t *nul = memchr(s, 0, v);
	return nul ? (size_t)(nul - s) : v;
}

static int agrees(const uint8_t *s, size_t n)
{
	return utf8_valid_prefix((const char *)s, n) == reference(s, n);
}

/* Bytes a random test draws from: the lead and continuation bytes around
 * every boundary the check has, ASCII and NUL. */
static const uint8_t alphabet[] = {
	0x00, 0x20, 'a', 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1,
	0xc2, 0xdf, 0xe0, 0xe1, 0xea, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf3, 0xf4,
	0xf5, 0xff, 0xb0, 0x9e, 0xa3,
};

int main(void)
{
	static const struct {
		const char *s;
		size_t valid;
		const char *what;
	} cases[] = {
		{ "plain ASCII text, longer than a word", 36, "ASCII" },
		{ "\xea\xb0\x95\xed\x99\x94 \xed\x95\x99\xec\x8a\xb5", 13, "Hangul words and a space" },
		{ "\xed\x9e\xa3", 3, "U+D7A3, the last syllable (ED, below A0)" },
		{ "ab\xed\xa0\x80", 2, "a surrogate stops at its lead byte" },
		{ "\xe0\x9f\xbf", 0, "an overlong three-byte form" },
		{ "\xe0\xa0\x80", 3, "U+0800, the first three-byte character" },
		{ "\xea\xb0", 0, "a syllable cut at the end" },
		{ "\xea\xb0\x95\xea", 3, "the next syllable cut after its lead" },
		{ "\xea\xb0\x95\xea\xb0\x41", 3, "a bad third byte in a run" },
		{ "\xf0\x9f\x98\x80!", 5, "a four-byte emoji" },
		{ "\xf4\x90\x80\x80", 0, "above U+10FFFF" },
		{ "\xc0\xaf", 0, "an overlong two-byte form" },
		{ "\xc3\xa9t\xc3\xa9", 5, "two-byte Latin" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_int((long)utf8_valid_prefix(cases[i].s, strlen(cases[i].s)),
		       (long)cases[i].valid, "%s", cases[i].what);
	is_int((long)utf8_valid_prefix("ab\0cd", 5), 2, "a NUL ends the valid prefix");

	/* Every cut of a valid mixed text: a check must never read past n
	 * (AddressSanitizer and valgrind see that) and must agree. */
	const char *mixed = "LLM\xec\x9d\x98 \xea\xb0\x95\xed\x99\x94\xed\x95\x99\xec\x8a\xb5 "
			    "(RL) \xe2\x80\x94 \xf0\x9f\x98\x80 caf\xc3\xa9.";
	size_t mlen = strlen(mixed);
	int cuts_ok = 1;
	for (size_t n = 0; n <= mlen; n++) {
		uint8_t *copy = malloc(n ? n : 1);
		memcpy(copy, mixed, n);
		cuts_ok &= agrees(copy, n);
		free(copy);
	}
	ok(cuts_ok, "every prefix of a mixed text agrees with u8_check");

	/* Random strings over the boundary bytes, and runs of syllables with
	 * one byte changed. */
	srand(20261130);
	int random_ok = 1, first_bad = -1;
	for (int t = 0; t < 200000 && random_ok; t++) {
		uint8_t buf[24];
		size_t n = (size_t)(rand() % (int)sizeof(buf));
		if (t & 1) {
			for (size_t i = 0; i < n; i++)
				buf[i] = alphabet[rand() % (int)sizeof(alphabet)];
		} else {
			static const uint8_t syllable[3] = { 0xea, 0xb0, 0x95 };
			for (size_t i = 0; i < n; i++)
				buf[i] = (i % 4 == 3) ? ' ' : syllable[i % 4];
			if (n)
				buf[rand() % (int)n] = alphabet[rand() % (int)sizeof(alphabet)];
		}
		uint8_t *copy = malloc(n ? n : 1);
		memcpy(copy, buf, n);
		if (!agrees(copy, n)) {
			random_ok = 0;
			first_bad = t;
		}
		free(copy);
	}
	ok(random_ok, "200,000 random strings agree with u8_check (first disagreement: %d)",
	   first_bad);
	return tap_done();
}
