/* Unit tests for strmap.c: FNV-1a's published values (the hash is kept in
 * files, so it must not change), adding and finding keys through growth,
 * keys given by length, and walking the slots. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "tap.h"
#include "util.h"

static void test_hash(void)
{
	ok(strmap_hash("", 0) == 0xcbf29ce484222325ULL, "FNV-1a of \"\" is the offset basis");
	ok(strmap_hash("a", 1) == 0xaf63dc4c8601ec8cULL, "FNV-1a of \"a\"");
	ok(strmap_hash("foobar", 6) == 0x85944171f73967e8ULL, "FNV-1a of \"foobar\"");
	ok(strmap_hash("foobarbaz", 6) == strmap_hash("foobar", 6), "only the bytes given");
}

static void test_map(void)
{
	struct strmap m = STRMAP_INIT;
	ok(strmap_find(&m, "x", 1) == NULL, "an empty map finds nothing");
	enum { N = 100000 };
	char **keys = xmalloc(N * sizeof(*keys));
	int all_added = 1;
	for (size_t i = 0; i < N; i++) {
		char buf[32];
		snprintf(buf, sizeof(buf), "2510.%05zu", i);
		keys[i] = xstrdup(buf);
		int added;
		struct strmap_slot *s = strmap_add(&m, keys[i], strlen(keys[i]), &added);
		all_added &= added && s->key == keys[i] && s->val.num == 0;
		s->val.num = i;
	}
	ok(all_added, "%d keys added, each with a zero value", N);
	is_int((long)m.n, N, "  held");
	ok(m.cap >= 2 * m.n && (m.cap & (m.cap - 1)) == 0, "  at most half full, a power of two");
	int all_found = 1;
	for (size_t i = 0; i < N; i++) {
		struct strmap_slot *s = strmap_find(&m, keys[i], strlen(keys[i]));
		all_found &= s && s->val.num == i;
	}
	ok(all_found, "every key found with its value");
	int added = 1;
	struct strmap_slot *s = strmap_add(&m, "2510.00042", 10, &added);
	ok(!added && s->val.num == 42 && s->key == keys[42],
	   "adding a key held (another copy of it) finds the first");
	ok(!strmap_find(&m, "2510.0004", 9), "a prefix of a key is another key");
	ok(strmap_find(&m, "2510.00042 and more", 10) == s, "a key given by its length");
	ok(!strmap_find(&m, "2510.100000", 11), "a key never added");
	size_t walked = 0;
	for (size_t i = 0; i < m.cap; i++)
		walked += m.slots[i].key != NULL;
	is_int((long)walked, N, "the slots hold every key once");
	strmap_free(&m);
	ok(m.n == 0 && m.cap == 0 && !strmap_find(&m, keys[0], 10), "freed: empty");
	for (size_t i = 0; i < N; i++)
		free(keys[i]);
	free(keys);
}

int main(void)
{
	test_hash();
	test_map();
	return tap_done();
}
