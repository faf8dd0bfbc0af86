/* strmap: the one hash table of strings — open addressing with linear
 * probing over a power-of-two array, kept at most half full — and the
 * program's one string hash, 64-bit FNV-1a, whose values are stable (a file
 * may keep them). The map holds pointers: keys and values are the
 * caller's, who frees them (walking the slots, as below). Not for integer
 * keys (rank_features.c has its own, tuned tables).
 *
 *	struct strmap m = STRMAP_INIT;
 *	int added;
 *	struct strmap_slot *s = strmap_add(&m, id, strlen(id), &added);
 *	if (added)
 *		s->key = xstrdup(id), s->val.ptr = make(id);
 *	...
 *	for (size_t i = 0; i < m.cap; i++)
 *		if (m.slots[i].key)
 *			free(m.slots[i].key), ...;
 *	strmap_free(&m);
 */
#ifndef DIGEST_STRMAP_H
#define DIGEST_STRMAP_H

#include <stddef.h>
#include <stdint.h>

#define STRMAP_FNV_BASIS 14695981039346656037ULL
#define STRMAP_FNV_PRIME 1099511628211ULL

/* FNV-1a of s[0..n). */
uint64_t strmap_hash(const void *s, size_t n);

struct strmap_slot {
	const char *key;   /* NUL-terminated; NULL in an empty slot */
	union {
		void *ptr;
		size_t num;
	} val;
};

struct strmap {
	struct strmap_slot *slots;   /* cap of them; NULL while empty */
	size_t cap;                  /* a power of two, or 0 */
	size_t n;                    /* keys held */
};

#define STRMAP_INIT { NULL, 0, 0 }

/* The slot of the key key[0..len) (which need not end there), or NULL. */
struct strmap_slot *strmap_find(const struct strmap *m, const char *key, size_t len);

/* The slot of key[0..len), added when it is not there: then *added is 1 and
 * the slot's key is `key` itself, with a zero value. A caller whose key
 * does not outlive the map, or does not end at len, sets the slot's key to a
 * copy that does (the same bytes). The slot is valid until the next add. */
struct strmap_slot *strmap_add(struct strmap *m, const char *key, size_t len, int *added);

/* Frees the slots (not the keys or values) and empties m. */
void strmap_free(struct strmap *m);

#endif
