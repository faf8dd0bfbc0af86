/* Unit tests for utf8.c: utf8_valid_prefix agrees with libunistring's
 * u8_check (plus its own rule: no NUL) on crafted and random input;
 * utf8_decode reads characters as u8_mbtouc does and invalid bytes by
 * their maximal subpart, cut short or not; utf8_unsafe holds
 * every code point of the one unsafe set and nothing around it. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "layout.h"
#include "strbuf.h"
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

/* Whether s[0..k) can begin a character: some continuation makes it valid
 * UTF-8 (the second byte's ranges each hold one of 80, 90, A0 or BF, and any
 * later position takes any continuation byte). */
static int begins_character(const uint8_t *s, size_t k)
{
	static const uint8_t tries[] = { 0x80, 0x90, 0xa0, 0xbf };
	for (size_t t = 0; t < sizeof(tries); t++) {
		uint8_t buf[4];
		memcpy(buf, s, k);
		for (size_t i = k; i < 4; i++)
			buf[i] = tries[t];
		for (size_t len = k; len <= 4; len++) {
			ucs4_t c;
			if (k && !u8_check(buf, len) && u8_mbtouc(&c, buf, len) == (int)len)
				return 1;
		}
	}
	return 0;
}

/* Whether utf8_decode reads s[0..n) right: a character as u8_mbtouc reads
 * it; bytes that are not one as UTF8_INVALID over their maximal subpart
 * (Unicode 3.9: the longest prefix that can begin a character, at least 1). */
static int decode_agrees(const uint8_t *s, size_t n)
{
	ucs4_t want;
	int wlen = u8_mbtouc(&want, s, n);
	uint32_t got;
	size_t len = utf8_decode((const char *)s, n, &got);
	int valid = !u8_check(s, (size_t)wlen);
	if (valid)
		return got == want && len == (size_t)wlen;
	if (got != UTF8_INVALID || len < 1 || len > n)
		return 0;
	return (len == 1 || begins_character(s, len)) &&
	       (len == n || len == 4 || !begins_character(s, len + 1));
}

static void test_decode(void)
{
	uint32_t cp;
	is_int((long)utf8_decode("\xea\xb0\x95", 3, &cp), 3, "decode: a syllable is 3 bytes");
	is_int((long)cp, 0xac15, "  U+AC15");
	is_int((long)utf8_decode("\xea\xb0\x95", 2, &cp), 2, "decode: cut after 2 bytes: 2 bytes");
	ok(cp == UTF8_INVALID, "  not a character");
	is_int((long)utf8_decode("\xed\xa0\x80", 3, &cp), 1, "decode: a surrogate: its lead alone");
	ok(cp == UTF8_INVALID, "  not a character");
	is_int((long)utf8_decode("\xef\xbf\xbd", 3, &cp), 3, "decode: a literal U+FFFD");
	is_int((long)cp, 0xfffd, "  is U+FFFD, not invalid");
	is_int((long)utf8_decode("\xf4\x8f\xbf\xbf", 4, &cp), 4, "decode: U+10FFFF");
	is_int((long)utf8_decode("\xf4\x90\x80\x80", 4, &cp), 1, "decode: above U+10FFFF");
	/* Every sequence of up to three bytes over the boundary bytes, each
	 * cut at every length. */
	int all = 1;
	size_t na = sizeof(alphabet);
	for (size_t a = 0; a < na; a++)
		for (size_t b = 0; b < na; b++)
			for (size_t c = 0; c < na; c++)
				for (size_t d = 0; d < 4; d++) {
					uint8_t s[4] = { alphabet[a], alphabet[b], alphabet[c],
							 alphabet[(a + b + c + d) % na] };
					for (size_t n = 1; n <= 4; n++)
						all &= decode_agrees(s, n);
				}
	ok(all, "decode: every sequence over the boundary bytes: characters as u8_mbtouc "
	   "reads them, invalid bytes by their maximal subpart");
	int every = 1;
	for (uint32_t c = 0; c <= 0x10ffff; c++) {
		uint8_t s[4];
		int n = u8_uctomb(s, c, 4);
		if (n > 0)
			every &= utf8_decode((const char *)s, (size_t)n, &cp) == (size_t)n && cp == c;
	}
	ok(every, "decode: every scalar value round-trips");
}

static void test_unsafe(void)
{
	/* The set, as ranges; everything between is safe. */
	static const uint32_t set[][2] = {
		{ 0x00, 0x1f }, { 0x7f, 0x9f }, { 0xad, 0xad }, { 0x61c, 0x61c },
		{ 0x180e, 0x180e }, { 0x200b, 0x200f }, { 0x2028, 0x202e },
		{ 0x2060, 0x206f }, { 0xfeff, 0xfeff }, { 0xfff9, 0xfffb },
	};
	size_t k = 0;
	int agree = 1;
	uint32_t first_bad = 0;
	for (uint32_t c = 0; c <= 0x10ffff; c++) {
		while (k < sizeof(set) / sizeof(set[0]) && c > set[k][1])
			k++;
		int in = k < sizeof(set) / sizeof(set[0]) && c >= set[k][0];
		if (utf8_unsafe(c) != in && agree) {
			agree = 0;
			first_bad = c;
		}
	}
	ok(agree, "unsafe: exactly the set, over all of Unicode (first disagreement U+%04X)",
	   (unsigned)first_bad);
	ok(utf8_unsafe('\t') && utf8_unsafe('\n') && utf8_unsafe(0x1b) && utf8_unsafe(0x9b),
	   "unsafe: tab, newline, ESC and CSI");
	ok(utf8_unsafe(0x202e) && utf8_unsafe(0x2067) && utf8_unsafe(0x200f),
	   "unsafe: a bidi override, an isolate and a mark");
	ok(utf8_unsafe(0x180e) && utf8_unsafe(0xfff9) && utf8_unsafe(0xfffb),
	   "unsafe: the Mongolian vowel separator and the annotation controls");
	ok(utf8_unsafe(0x2028) && utf8_unsafe(0x2029), "unsafe: line and paragraph separators");
	ok(!utf8_unsafe(' ') && !utf8_unsafe(0xac00) && !utf8_unsafe(0xfffd) &&
	   !utf8_unsafe(0x2010) && !utf8_unsafe(0xfffc),
	   "safe: a space, a syllable, U+FFFD, a hyphen, the object replacement");
	/* The layout drops format characters by their category, which holds
	 * the set: none gets through it but the newline (where it breaks
	 * lines) and the zero-width space and joiners (breaks, clusters). */
	int dropped = 1;
	uint32_t leaked = 0;
	for (uint32_t c = 0; c <= 0x10ffff && dropped; c++) {
		if (!utf8_unsafe(c) || c == '\n' || (c >= 0x200b && c <= 0x200d))
			continue;
		uint8_t in[8] = "a";
		int n = u8_uctomb(in + 1, c, 4);
		in[1 + n] = 'b';
		struct strbuf out = STRBUF_INIT;
		layout_sanitize((const char *)in, (size_t)n + 2, &out);
		uint8_t enc[4];
		int m = u8_uctomb(enc, c, 4);
		for (size_t i = 0; i + (size_t)m <= out.len && dropped; i++)
			if (!memcmp(out.buf + i, enc, (size_t)m) && (c >= 0x80 || m == 1)) {
				dropped = 0;
				leaked = c;
			}
		strbuf_release(&out);
	}
	ok(dropped, "unsafe: layout_sanitize lets none through (first: U+%04X)", (unsigned)leaked);
}

int main(void)
{
	test_decode();
	test_unsafe();
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
