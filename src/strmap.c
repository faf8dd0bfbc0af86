/* strmap: a string hash table and FNV-1a (see strmap.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "util.h"

uint64_t strmap_hash(const void *s, size_t n)
{
	const unsigned char *p = s;
	uint64_t h = STRMAP_FNV_BASIS;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * STRMAP_FNV_PRIME;
	return h;
}

/* The slot of key[0..len) whose hash is h: its own, or the empty one where
 * it belongs (cap > 0). */
static struct strmap_slot *probe(const struct strmap *m, const char *key, size_t len,
				 uint64_t h)
{
	size_t mask = m->cap - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		struct strmap_slot *s = &m->slots[i];
		if (!s->key || (!strncmp(s->key, key, len) && !s->key[len]))
			return s;
	}
}

struct strmap_slot *strmap_find(const struct strmap *m, const char *key, size_t len)
{
	if (!m->n)
		return NULL;
	struct strmap_slot *s = probe(m, key, len, strmap_hash(key, len));
	return s->key ? s : NULL;
}

static void grow(struct strmap *m)
{
	struct strmap old = *m;
	m->cap = old.cap ? old.cap * 2 : 64;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	for (size_t i = 0; i < old.cap; i++) {
		const char *k = old.slots[i].key;
		if (k) {
			size_t len = strlen(k);
			*probe(m, k, len, strmap_hash(k, len)) = old.slots[i];
		}
	}
	free(old.slots);
}

struct strmap_slot *strmap_add(struct strmap *m, const char *key, size_t len, int *added)
{
	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	struct strmap_slot *s = probe(m, key, len, strmap_hash(key, len));
	*added = !s->key;
	if (*added) {
		s->key = key;
		memset(&s->val, 0, sizeof(s->val));
		m->n++;
	}
	return s;
}

void strmap_free(struct strmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->n = 0;
}
