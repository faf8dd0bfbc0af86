/* model: constructors and destructor for the digest model (see model.h). */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model.h"
#include "util.h"

static void blocks_free(struct block *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(b[i].label);
		text_free(&b[i].text);
	}
	free(b);
}

void section_free(struct section *s)
{
	free(s->name);
	blocks_free(s->blocks, s->nblocks);
	s->name = NULL;
	s->blocks = NULL;
	s->nblocks = s->blocks_cap = 0;
}

static void paper_free(struct paper *p)
{
	text_free(&p->title);
	free(p->arxiv_id);
	free(p->url);
	for (size_t i = 0; i < p->nlinks; i++) {
		free(p->links[i].label);
		free(p->links[i].url);
	}
	free(p->links);
	for (size_t i = 0; i < p->nsections; i++)
		section_free(&p->sections[i]);
	free(p->sections);
	blocks_free(p->preamble, p->npreamble);
}

static int in_arena(const struct digest *d, const void *p)
{
	uintptr_t a = (uintptr_t)d->arena, q = (uintptr_t)p;
	return q >= a && q < a + d->arena_len;
}

void digest_free(struct digest *d)
{
	if (d->arena) {
		/* Only the top strings may have been replaced since. */
		char *const top[] = { d->path, d->date, d->title };
		for (size_t i = 0; i < sizeof(top) / sizeof(*top); i++)
			if (top[i] && !in_arena(d, top[i]))
				free(top[i]);
		free(d->arena);
		memset(d, 0, sizeof(*d));
		return;
	}
	free(d->path);
	free(d->date);
	free(d->title);
	for (size_t i = 0; i < d->ntags; i++)
		free(d->tags[i]);
	free(d->tags);
	for (size_t i = 0; i < d->npapers; i++)
		paper_free(&d->papers[i]);
	free(d->papers);
	memset(d, 0, sizeof(*d));
}

/* Compaction: every string and array of a digest moved into one block. A
 * parsed post is thousands of small allocations (each text, span list,
 * label), and their headers and rounding cost more than the text itself. */
struct arena {
	char *base; /* NULL: only measure */
	size_t used;
};

static void *arena_put(struct arena *a, const void *p, size_t n, size_t align)
{
	a->used = (a->used + align - 1) & ~(align - 1);
	void *to = a->base ? a->base + a->used : NULL;
	if (to && n)
		memcpy(to, p, n);
	a->used += n;
	return to;
}

/* Each moves *what into the arena and points it there (when copying). The
 * arrays' elements all hold pointers or sizes: pointer alignment suits them. */
#define ARENA_MOVE(a, what, n)                                                 \
	do {                                                                   \
		if ((what) && (n)) {                                           \
			void *to_ = arena_put((a), (what), (n) * sizeof(*(what)), \
					      sizeof(void *));                 \
			if (to_)                                               \
				(what) = to_;                                  \
		}                                                              \
	} while (0)

static void arena_str(struct arena *a, char **s)
{
	if (*s) {
		char *to = arena_put(a, *s, strlen(*s) + 1, 1);
		if (to)
			*s = to;
	}
}

static void arena_text(struct arena *a, struct text *t)
{
	if (t->s) {
		char *to = arena_put(a, t->s, t->len + 1, 1);
		if (to)
			t->s = to;
	}
	t->cap = t->len + 1;
	ARENA_MOVE(a, t->spans, t->nspans);
	t->spans_cap = t->nspans;
}

static void arena_blocks(struct arena *a, struct block **b, size_t n, size_t *cap)
{
	ARENA_MOVE(a, *b, n);
	*cap = n;
	for (size_t i = 0; i < n; i++) {
		arena_str(a, &(*b)[i].label);
		arena_text(a, &(*b)[i].text);
	}
}

/* Moves d's contents into a (or measures them); d's arrays are the arena's
 * copies afterwards, so the walk rewrites only what it has copied. Measuring
 * (a->base NULL) changes nothing but the capacities recorded in d's arrays,
 * lowered to their lengths: harmless, they are freed once copied. */
static void arena_digest(struct arena *a, struct digest *d)
{
	arena_str(a, &d->path);
	arena_str(a, &d->date);
	arena_str(a, &d->title);
	ARENA_MOVE(a, d->tags, d->ntags);
	d->tags_cap = d->ntags;
	for (size_t i = 0; i < d->ntags; i++)
		arena_str(a, &d->tags[i]);
	ARENA_MOVE(a, d->papers, d->npapers);
	d->papers_cap = d->npapers;
	for (size_t i = 0; i < d->npapers; i++) {
		struct paper *p = &d->papers[i];
		arena_text(a, &p->title);
		arena_str(a, &p->arxiv_id);
		arena_str(a, &p->url);
		ARENA_MOVE(a, p->links, p->nlinks);
		p->links_cap = p->nlinks;
		for (size_t j = 0; j < p->nlinks; j++) {
			arena_str(a, &p->links[j].label);
			arena_str(a, &p->links[j].url);
		}
		ARENA_MOVE(a, p->sections, p->nsections);
		p->sections_cap = p->nsections;
		for (size_t j = 0; j < p->nsections; j++) {
			arena_str(a, &p->sections[j].name);
			arena_blocks(a, &p->sections[j].blocks, p->sections[j].nblocks,
				     &p->sections[j].blocks_cap);
		}
		arena_blocks(a, &p->preamble, p->npreamble, &p->preamble_cap);
	}
}

void digest_compact(struct digest *d)
{
	if (d->arena)
		return;
	struct digest measure = *d, old = *d;
	struct arena a = { NULL, 0 };
	arena_digest(&a, &measure);
	a.base = xmalloc(a.used ? a.used : 1);
	a.used = 0;
	arena_digest(&a, d);
	d->arena = a.base;
	d->arena_len = a.used;
	digest_free(&old);
}

struct paper *digest_add_paper(struct digest *d)
{
	ALLOC_GROW(d->papers, d->npapers, d->papers_cap);
	struct paper *p = &d->papers[d->npapers++];
	memset(p, 0, sizeof(*p));
	text_init(&p->title);
	return p;
}

struct section *paper_add_section(struct paper *p, const char *name)
{
	ALLOC_GROW(p->sections, p->nsections, p->sections_cap);
	struct section *s = &p->sections[p->nsections++];
	memset(s, 0, sizeof(*s));
	s->name = xstrdup(name);
	return s;
}

static struct block *block_init(struct block *b, enum block_kind kind)
{
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	text_init(&b->text);
	return b;
}

struct block *section_add_block(struct section *s, enum block_kind kind)
{
	ALLOC_GROW(s->blocks, s->nblocks, s->blocks_cap);
	return block_init(&s->blocks[s->nblocks++], kind);
}

struct block *paper_add_preamble(struct paper *p, enum block_kind kind)
{
	ALLOC_GROW(p->preamble, p->npreamble, p->preamble_cap);
	return block_init(&p->preamble[p->npreamble++], kind);
}

void paper_add_link(struct paper *p, const char *label, const char *url)
{
	ALLOC_GROW(p->links, p->nlinks, p->links_cap);
	p->links[p->nlinks].label = xstrdup(label);
	p->links[p->nlinks].url = xstrdup(url);
	p->nlinks++;
}

/* Canonical sections in the order the digests write them; a few spellings each,
 * English and Korean, matched as case-insensitive prefixes of the heading. */
static const char *const canonical_names[5][4] = {
	{ "introduction", "서론", "소개", NULL },
	{ "method", "방법", NULL },
	{ "result", "결과", "실험", NULL },
	{ "limitation", "한계", NULL },
	{ "conclusion", "결론", NULL },
};

int section_canonical(const char *name)
{
	while (*name == ' ')
		name++;
	for (int i = 0; i < 5; i++)
		for (int j = 0; canonical_names[i][j]; j++)
			if (!strncasecmp(name, canonical_names[i][j],
					 strlen(canonical_names[i][j])))
				return i + 1;
	return 0;
}

const char *section_canonical_name(int canonical)
{
	static const char *const names[] = { "Introduction", "Method", "Results",
					     "Limitations", "Conclusion" };
	return canonical >= 1 && canonical <= 5 ? names[canonical - 1] : "";
}
