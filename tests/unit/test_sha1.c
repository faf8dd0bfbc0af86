/* Unit tests for sha1.c: the FIPS 180-2 vectors, incremental updates split at
 * every length, and git's blob names (as `git hash-object` prints them). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sha1.h"
#include "tap.h"
#include "util.h"

int main(void)
{
	char h[41];
	sha1_hex("abc", 3, h);
	is_str(h, "a9993e364706816aba3e25717850c26c9cd0d89d", "FIPS 180-2: \"abc\"");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sha1_hex(two, strlen(two), h);
	is_str(h, "84983e441c3bd26ebaae4aa1f95129e5e54670f1", "FIPS 180-2: the 448-bit message");
	sha1_hex("", 0, h);
	is_str(h, "da39a3ee5e6b4b0d3255bfef95601890afd80709", "the empty message");
	char *million = xmalloc(1000000);
	memset(million, 'a', 1000000);
	sha1_hex(million, 1000000, h);
	is_str(h, "34aa973cd4c4daa4f61eeb2bdbad27316534016f", "one million 'a'");

	/* Pieces of every length from 1 to 130 give the same digest. */
	int same = 1;
	for (size_t step = 1; step <= 130; step++) {
		struct md s;
		unsigned char d[20];
		sha1_init(&s);
		for (size_t off = 0; off < 1000; off += step)
			md_update(&s, million + off, off + step > 1000 ? 1000 - off : step);
		md_final(&s, d, SHA1_WORDS);
		char one[41];
		sha1_hex(million, 1000, one);
		char got[41];
		static const char x[] = "0123456789abcdef";
		for (int i = 0; i < 20; i++) {
			got[2 * i] = x[d[i] >> 4];
			got[2 * i + 1] = x[d[i] & 15];
		}
		got[40] = '\0';
		if (strcmp(got, one))
			same = 0;
	}
	ok(same, "incremental updates of every piece length agree");
	free(million);

	sha1_git_blob_hex("hello\n", 6, h);
	is_str(h, "ce013625030ba8dba906f756967f9e9ca394464a", "git blob of \"hello\\n\"");
	sha1_git_blob_hex("", 0, h);
	is_str(h, "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391", "git blob of nothing");
	return tap_done();
}
