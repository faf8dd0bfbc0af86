/* scratch: a bump allocator for many small blocks that all die at once (the
 * parse tree of one post). Allocating is a pointer bump, growing the last
 * block is in place, freeing one block does nothing; scratch_reset frees
 * them all. Under AddressSanitizer what is not handed out is poisoned, so
 * overruns and use after a reset are still caught. Not thread-safe. */
#ifndef DIGEST_SCRATCH_H
#define DIGEST_SCRATCH_H

#include <stddef.h>

struct scratch_chunk;

struct scratch {
	struct scratch_chunk *head; /* the chunk blocks come from; older ones follow */
	void *last;                 /* the last block handed out: it grows in place */
};

#define SCRATCH_INIT { NULL, NULL }

/* n bytes, aligned for any type; zeroed with scratch_calloc. Never NULL:
 * running out of memory ends the program, as xmalloc does. */
void *scratch_alloc(struct scratch *s, size_t n);
void *scratch_calloc(struct scratch *s, size_t count, size_t size);
/* Grows or shrinks block p (NULL: a new block); its bytes are kept. */
void *scratch_realloc(struct scratch *s, void *p, size_t n);

/* Frees every block at once; keeps one modest chunk for the next round. */
void scratch_reset(struct scratch *s);
/* Frees everything; s is empty again. */
void scratch_release(struct scratch *s);

#endif
