/* scratch: a bump allocator for blocks that die together (see scratch.h). */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scratch.h"
#include "util.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SCRATCH_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define SCRATCH_ASAN 1
#endif
#ifdef SCRATCH_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

/* A post's tree takes a few hundred kilobytes: chunks start at 64 KiB and
 * double up to 1 MiB; a bigger block gets a chunk of its own size. Only a
 * chunk up to KEEP_MAX survives a reset, so one huge post leaves nothing
 * behind. */
#define CHUNK_MIN ((size_t)64 << 10)
#define CHUNK_MAX ((size_t)1 << 20)
#define KEEP_MAX CHUNK_MAX

struct scratch_chunk {
	struct scratch_chunk *next;
	size_t size; /* bytes in data */
	size_t used;
	max_align_t data[];
};

/* Each block is a header holding its size, then the bytes, both a multiple
 * of ALIGN. */
#define ALIGN (_Alignof(max_align_t))
#define HEADER ALIGN

static size_t round_up(size_t n)
{
	return (n + ALIGN - 1) & ~(ALIGN - 1);
}

static unsigned char *chunk_bytes(struct scratch_chunk *c)
{
	return (unsigned char *)c->data;
}

/* The size in a block's header, which stays poisoned between uses. */
static size_t get_size(void *p)
{
	size_t *h = (size_t *)(void *)((unsigned char *)p - HEADER);
	UNPOISON(h, sizeof(*h));
	size_t n = *h;
	POISON(h, sizeof(*h));
	return n;
}

static void set_size(void *p, size_t n)
{
	size_t *h = (size_t *)(void *)((unsigned char *)p - HEADER);
	UNPOISON(h, sizeof(*h));
	*h = n;
	POISON(h, sizeof(*h));
}

static void new_chunk(struct scratch *s, size_t need)
{
	size_t size = CHUNK_MIN;
	if (s->head && s->head->size < CHUNK_MAX)
		size = s->head->size * 2;
	else if (s->head)
		size = CHUNK_MAX;
	if (size < need)
		size = need;
	struct scratch_chunk *c = xmalloc(sizeof(*c) + size);
	c->next = s->head;
	c->size = size;
	c->used = 0;
	POISON(chunk_bytes(c), size);
	s->head = c;
}

void *scratch_alloc(struct scratch *s, size_t n)
{
	if (n > SIZE_MAX / 2)
		die(1, "out of memory (a block of %zu bytes)", n);
	size_t need = HEADER + round_up(n ? n : 1);
	if (!s->head || s->head->size - s->head->used < need)
		new_chunk(s, need);
	unsigned char *b = chunk_bytes(s->head) + s->head->used;
	s->head->used += need;
	s->last = b + HEADER;
	UNPOISON(s->last, n);
	set_size(s->last, n);
	return s->last;
}

void *scratch_calloc(struct scratch *s, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / 2 / size)
		die(1, "out of memory (%zu blocks of %zu bytes)", count, size);
	void *p = scratch_alloc(s, count * size);
	memset(p, 0, count * size);
	return p;
}

void *scratch_realloc(struct scratch *s, void *p, size_t n)
{
	if (!p)
		return scratch_alloc(s, n);
	size_t old = get_size(p);
	if (p == s->last && n <= SIZE_MAX / 2) {
		/* The last block: its end moves, nothing is copied. */
		unsigned char *base = chunk_bytes(s->head);
		size_t end = (size_t)((unsigned char *)p - base) + round_up(n ? n : 1);
		if (end <= s->head->size) {
			s->head->used = end;
			set_size(p, n);
			if (n > old)
				UNPOISON(p, n);
			else
				POISON((unsigned char *)p + n, old - n);
			return p;
		}
	}
	if (n <= old) {
		set_size(p, n);
		POISON((unsigned char *)p + n, old - n);
		return p;
	}
	void *q = scratch_alloc(s, n);
	memcpy(q, p, old);
	POISON(p, old);
	return q;
}

static void free_chunks(struct scratch_chunk *c)
{
	while (c) {
		struct scratch_chunk *next = c->next;
		UNPOISON(chunk_bytes(c), c->size);
		free(c);
		c = next;
	}
}

void scratch_reset(struct scratch *s)
{
	s->last = NULL;
	if (!s->head)
		return;
	if (s->head->size > KEEP_MAX) {
		scratch_release(s);
		return;
	}
	free_chunks(s->head->next);
	s->head->next = NULL;
	s->head->used = 0;
	POISON(chunk_bytes(s->head), s->head->size);
}

void scratch_release(struct scratch *s)
{
	free_chunks(s->head);
	s->head = NULL;
	s->last = NULL;
}
