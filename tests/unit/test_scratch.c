/* Unit tests for scratch.c: blocks are aligned, zeroed when asked, keep
 * their bytes when they grow (in place when last), and a reset frees them
 * all. (cmark's use of it is covered by every parser test.) */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scratch.h"
#include "tap.h"

static int aligned(const void *p)
{
	return (uintptr_t)p % _Alignof(max_align_t) == 0;
}

int main(void)
{
	struct scratch s = SCRATCH_INIT;
	char *a = scratch_alloc(&s, 5);
	memcpy(a, "abcd", 5);
	char *b = scratch_calloc(&s, 10, 3);
	ok(aligned(a) && aligned(b), "blocks are aligned for any type");
	int zero = 1;
	for (int i = 0; i < 30; i++)
		zero &= b[i] == 0;
	ok(zero, "calloc's block is zeroed");

	char *b2 = scratch_realloc(&s, b, 4000);
	ok(b2 == b, "the last block grows in place");
	char *a2 = scratch_realloc(&s, a, 100);
	ok(a2 != a && !strcmp(a2, "abcd"), "an earlier block moves, its bytes kept");
	ok(scratch_realloc(&s, a2, 3) == a2, "shrinking keeps the block");
	char *c = scratch_realloc(&s, NULL, 7);
	ok(c && aligned(c), "realloc of NULL is a new block");

	/* Blocks past the first chunk, and one bigger than any chunk. */
	char *big = scratch_alloc(&s, (size_t)3 << 20);
	memset(big, 'x', (size_t)3 << 20);
	size_t total = 0;
	int kept = 1;
	char *prev = NULL;
	for (int i = 0; i < 20000; i++) {
		char *p = scratch_alloc(&s, 40);
		snprintf(p, 40, "block %d", i);
		if (prev && strncmp(prev, "block ", 6))
			kept = 0;
		prev = p;
		total += 40;
	}
	ok(kept && big[0] == 'x' && big[((size_t)3 << 20) - 1] == 'x',
	   "%zu bytes in many chunks and a big block stay intact", total);

	/* A growing string interleaved with other blocks, as cmark's buffers
	 * grow between its nodes. */
	char *str = NULL;
	size_t len = 0;
	for (int i = 0; i < 500; i++) {
		str = scratch_realloc(&s, str, len + 11);
		memcpy(str + len, "0123456789", 11);
		len += 10;
		scratch_calloc(&s, 1, 24);
	}
	int same = 1;
	for (size_t i = 0; i < len; i++)
		same &= str[i] == (char)('0' + i % 10);
	ok(same && str[len] == 0, "a string grown 500 times between other blocks keeps its bytes");

	scratch_reset(&s);
	char *d = scratch_alloc(&s, 16);
	ok(d != NULL && aligned(d), "after a reset, blocks come again");
	scratch_release(&s);
	ok(s.head == NULL && s.last == NULL, "release leaves it empty");
	scratch_release(&s);
	ok(1, "a second release is harmless");
	return tap_done();
}
