/* model: constructors and destructor for the digest model (see model.h). */
#include "config.h"

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
	for (size_t i = 0; i < p->nsections; i++) {
		free(p->sections[i].name);
		blocks_free(p->sections[i].blocks, p->sections[i].nblocks);
	}
	free(p->sections);
	blocks_free(p->preamble, p->npreamble);
}

void digest_free(struct digest *d)
{
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
