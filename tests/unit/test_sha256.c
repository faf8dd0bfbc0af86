/* Unit tests for sha256.c: the FIPS 180-2 test vectors (appendix B), the
 * empty message, and incremental updates split at every block boundary. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sha256.h"
#include "tap.h"
#include "util.h"

static void hex(const unsigned char d[32], char out[65])
{
	static const char x[] = "0123456789abcdef";
	for (int i = 0; i < 32; i++) {
		out[2 * i] = x[d[i] >> 4];
		out[2 * i + 1] = x[d[i] & 15];
	}
	out[64] = '\0';
}

int main(void)
{
	char h[65];
	sha256_hex("abc", 3, h);
	is_str(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	       "FIPS 180-2 B.1: \"abc\"");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sha256_hex(two, strlen(two), h);
	is_str(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
	       "FIPS 180-2 B.2: the 448-bit message");
	char *million = xmalloc(1000000);
	memset(million, 'a', 1000000);
	sha256_hex(million, 1000000, h);
	is_str(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	       "FIPS 180-2 B.3: one million 'a'");

	/* The same million fed in uneven pieces. */
	struct md s;
	unsigned char d[32];
	sha256_init(&s);
	for (size_t at = 0, step = 1; at < 1000000; at += step, step = step % 131 + 1)
		md_update(&s, million + at, at + step > 1000000 ? 1000000 - at : step);
	md_final(&s, d, SHA256_WORDS);
	hex(d, h);
	is_str(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	       "one million 'a' in pieces of 1 to 131 bytes");
	free(million);

	sha256_hex("", 0, h);
	is_str(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	       "the empty message");
	/* 55 and 56 bytes: the length fits in the last block, or needs one more. */
	sha256_hex("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 55, h);
	is_str(h, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
	       "55 bytes: padding in one block");
	sha256_hex("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 56, h);
	is_str(h, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
	       "56 bytes: padding in a second block");
	return tap_done();
}
