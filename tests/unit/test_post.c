/* Unit tests for post.c: the model built from small posts, by value. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "post.h"
#include "tap.h"

static int parse(const char *s, size_t len, struct digest *d)
{
	const char *why = NULL;
	return post_parse(s, len, "2025-09-29-daily-papers-20250929.md", d, &why);
}

static int has_style(const struct text *t, const char *word, unsigned style)
{
	const char *at = t->s ? strstr(t->s, word) : NULL;
	if (!at)
		return 0;
	size_t off = (size_t)(at - t->s);
	for (size_t i = 0; i < t->nspans; i++)
		if (off >= t->spans[i].start && off < t->spans[i].start + t->spans[i].len)
			return (t->spans[i].style & style) == style;
	return 0;
}

static const char normal[] =
	"---\ntitle: \"Daily Papers — 2025-09-29\"\ndate: 2025-09-29 08:15:00\n"
	"tags: [papers, hugginface]\ncategories: []\n---\n\n"
	"# 1. [LongLive: Real-time *Interactive*   Video](https://arxiv.org/abs/2509.22622)\n\n"
	"> [Alphaxiv](https://www.alphaxiv.org/ko/overview/2509.22622)\n\n"
	"## Introduction\n\n"
	"- Goal: 본 연구는 `KV` 캐시를 **갱신**한다.\n"
	"- Motivation: 동기  \n- Contribution: 기여\n"
	"- plain item: with http://x.y/z\n\n"
	"## Method  \n첫 줄  \n둘째 <Silence>, <Standby> 줄\n\n"
	"1. step one\n2. step two\n   - nested\n\n"
	"## Results\n\n결과.\n\n"
	"# 2. [<think> So? </think> Lessons & $x$ * y](https://arxiv.org/abs/2509.1)\n\n"
	"## Conclusion\n\n끝\n";

static void test_normal(void)
{
	struct digest d;
	is_int(parse(normal, strlen(normal), &d), 0, "a normal post parses");
	is_str(d.title, "Daily Papers — 2025-09-29", "digest title");
	is_str(d.date, "2025-09-29", "digest date");
	is_int((long)d.npapers, 2, "two papers");
	if (d.npapers != 2)
		return;
	struct paper *p = &d.papers[0];
	is_int(p->number, 1, "paper number");
	is_str(p->title.s, "LongLive: Real-time Interactive Video", "title, spaces collapsed");
	ok(has_style(&p->title, "Interactive", STYLE_EMPH), "emphasis keeps a style");
	is_str(p->arxiv_id, "2509.22622", "arXiv ID");
	is_str(p->url, "https://arxiv.org/abs/2509.22622", "primary URL");
	is_int((long)p->nlinks, 1, "one preamble link");
	if (p->nlinks)
		ok(!strcmp(p->links[0].label, "Alphaxiv") &&
		   !strcmp(p->links[0].url, "https://www.alphaxiv.org/ko/overview/2509.22622"),
		   "the Alphaxiv link");
	is_int((long)p->npreamble, 0, "the link line is not body text");
	is_int((long)p->nsections, 3, "three sections");
	if (p->nsections != 3)
		return;
	struct section *intro = &p->sections[0];
	is_str(intro->name, "Introduction", "section name");
	is_int((long)intro->nblocks, 4, "four bullets");
	is_str(intro->blocks[0].label, "Goal", "Goal label");
	is_str(intro->blocks[0].text.s, "본 연구는 KV 캐시를 갱신한다.", "Goal text without its label");
	ok(has_style(&intro->blocks[0].text, "KV", STYLE_CODE), "code span style");
	ok(has_style(&intro->blocks[0].text, "갱신", STYLE_STRONG), "strong style");
	is_str(intro->blocks[1].label, "Motivation", "Motivation label");
	is_str(intro->blocks[1].text.s, "동기", "a trailing hard break is trimmed");
	is_str(intro->blocks[3].label, "plain item", "two-word label");

	struct section *method = &p->sections[1];
	is_str(method->name, "Method", "trailing spaces of a heading dropped");
	is_int((long)method->nblocks, 4, "paragraph, two steps, a nested item");
	is_str(method->blocks[0].text.s, "첫 줄\n둘째 <Silence>, <Standby> 줄",
	       "hard breaks kept as newlines, raw HTML kept as text");
	is_int(method->blocks[1].kind, BLOCK_BULLET, "ordered item is a bullet");
	is_int(method->blocks[2].ordinal, 2, "ordinal kept");
	is_int(method->blocks[3].depth, 1, "nested item depth");

	p = &d.papers[1];
	is_str(p->title.s, "<think> So? </think> Lessons & $x$ * y", "raw HTML title shown literally");
	is_int((long)p->nsections, 1, "a paper with a single section");
	digest_free(&d);
}

static void test_broken_headings(void)
{
	static const char blank[] =
		"---\ntitle: x\n---\n### 1. [First part of the\n\n"
		"rest of the title](https://arxiv.org/abs/2508.20751v2)\n"
		"제목: First part of the rest of the title\n"
		"arXiv: https://arxiv.org/abs/2508.20751\n\n"
		"#### Introduction\n- Goal: g\n\n"
		"### 2. [Second](https://arxiv.org/abs/2508.20752)\n";
	struct digest d;
	is_int(parse(blank, strlen(blank), &d), 0, "broken heading (blank line) parses");
	is_int((long)d.npapers, 2, "both papers found");
	if (d.npapers == 2) {
		is_str(d.papers[0].title.s, "First part of the rest of the title", "title joined");
		is_str(d.papers[0].arxiv_id, "2508.20751", "ID recovered");
		is_int((long)d.papers[0].npreamble, 0, "metadata lines are not body");
		is_int((long)d.papers[0].nsections, 1, "section under level 4");
		is_str(d.papers[1].title.s, "Second", "next paper intact");
	}
	digest_free(&d);

	static const char indent[] =
		"---\ntitle: x\n---\n### 1. [A title that\n    continues here](http://arxiv.org/abs/2508.20751v1)\n"
		"### 2. [Next](https://arxiv.org/abs/2508.20753)\n";
	is_int(parse(indent, strlen(indent), &d), 0, "broken heading (indented) parses");
	if (d.npapers == 2) {
		is_str(d.papers[0].title.s, "A title that continues here", "indented rest joined");
		is_str(d.papers[0].arxiv_id, "2508.20751", "ID from the indented line");
	} else {
		ok(0, "indented: expected two papers, got %zu", d.npapers);
	}
	digest_free(&d);

	static const char meta[] =
		"### 1. Title only in metadata\n제목: Real Title\narXiv: https://arxiv.org/abs/2401.00001\n";
	is_int(parse(meta, strlen(meta), &d), 0, "a post without front matter but with papers");
	if (d.npapers == 1)
		is_str(d.papers[0].arxiv_id, "2401.00001", "ID from the arXiv: line");
	digest_free(&d);
}

static void test_hostile_bytes(void)
{
	struct digest d;
	static const char bad[] = "\xEF\xBB\xBF---\r\ntitle: \"T\"\r\n---\r\n\r\n"
				  "# 1. [A\xff title](https://arxiv.org/abs/2509.00001)\r\n\r\n"
				  "## Method\r\n\r\nnul\0here\r\n";
	is_int(parse(bad, sizeof(bad) - 1, &d), 0, "BOM, CRLF, invalid UTF-8 and NUL parse");
	is_str(d.title, "T", "title read through BOM and CRLF");
	if (d.npapers == 1) {
		is_str(d.papers[0].title.s, "A\xEF\xBF\xBD title", "invalid byte becomes U+FFFD");
		ok(d.papers[0].nsections == 1 && d.papers[0].sections[0].nblocks == 1 &&
		   !strcmp(d.papers[0].sections[0].blocks[0].text.s, "nul\xEF\xBF\xBDhere"),
		   "NUL becomes U+FFFD");
	} else {
		ok(0, "expected one paper");
	}
	digest_free(&d);

	const char *why = NULL;
	is_int(post_parse("just a shopping list\n- milk\n", 27, "list.txt", &d, &why), -1,
	       "not a post is rejected");
	ok(why && strstr(why, "not a digest post"), "with a reason");
	is_int(post_parse("", 0, "empty.md", &d, &why), -1, "an empty file is rejected");
	static const char empty_day[] = "---\ntitle: nothing today\n---\n";
	is_int(parse(empty_day, strlen(empty_day), &d), 0, "front matter without papers is a post");
	is_int((long)d.npapers, 0, "with no papers");
	digest_free(&d);

	/* Deep nesting must neither recurse without bound nor lose the text. */
	size_t depth = 20000;
	char *deep = malloc(depth * 2 + 64);
	size_t n = (size_t)sprintf(deep, "# 1. [t](https://arxiv.org/abs/2509.00002)\n## M\n");
	for (size_t i = 0; i < depth; i++)
		deep[n++] = '>';
	n += (size_t)sprintf(deep + n, " deep\n");
	is_int(parse(deep, n, &d), 0, "20000 nested quotes parse");
	ok(d.npapers == 1 && d.papers[0].nsections == 1 &&
	   d.papers[0].sections[0].nblocks >= 1 &&
	   strstr(d.papers[0].sections[0].blocks[0].text.s, "deep"),
	   "the deepest text survives");
	digest_free(&d);
	free(deep);
}

/* Markdown that digests of other blogs use. */
static const char constructs[] =
	"---\ndate: 2025-11-03\n---\n\n"
	"# 1. [Title](https://arxiv.org/abs/2511.98001)\n\n"
	"> [Alphaxiv](https://www.alphaxiv.org/ko/overview/2511.98001)\n\n"
	"## Method\n\n"
	"[구현](https://github.com/a/b)과 [다시](https://github.com/a/b), "
	"[페이지](https://example.org/p)를 보라. ![구조도](https://example.org/f.png)와 "
	"<https://example.org/r>도.\n\n"
	"식은\n$$\nL = a\n+ b\n$$\n이다.\n\n"
	"```\n$$\nnot math\n```\n\n"
	"한 줄: $$E = mc^2$$ 은 줄 안에 있다.\n";

static void test_constructs(void)
{
	struct digest d;
	is_int(parse(constructs, strlen(constructs), &d), 0, "the constructs post parses");
	if (d.npapers != 1 || d.papers[0].nsections != 1) {
		ok(0, "one paper, one section");
		return;
	}
	struct paper *p = &d.papers[0];
	is_int((long)p->nlinks, 3, "Alphaxiv and two references (a URL linked twice counts once)");
	if (p->nlinks == 3) {
		is_str(p->links[1].label, "[1]", "the first reference's label");
		is_str(p->links[1].url, "https://github.com/a/b", "the first reference's URL");
		is_str(p->links[2].label, "[2]", "the second reference's label");
		is_str(p->links[2].url, "https://example.org/p", "the second reference's URL");
	}
	struct section *s = &p->sections[0];
	is_int((long)s->nblocks, 6, "blocks: text, paragraph, math, paragraph, code, text");
	if (s->nblocks != 6)
		return;
	is_str(s->blocks[0].text.s,
	       "구현[1]과 다시[1], 페이지[2]를 보라. [image: 구조도]와 https://example.org/r도.",
	       "links keep their reference number, an image its alt, an autolink its URL");
	ok(has_style(&s->blocks[0].text, "[1]", STYLE_DIM), "the reference number is dim");
	is_str(s->blocks[1].text.s, "식은", "the paragraph before the display block");
	is_int(s->blocks[2].kind, BLOCK_CODE, "a $$ block is a block of its own lines");
	is_str(s->blocks[2].text.s, "$$\nL = a\n+ b\n$$", "its lines verbatim ('+ b' is no list item)");
	is_str(s->blocks[3].text.s, "이다.", "the paragraph after it");
	is_str(s->blocks[4].text.s, "$$\nnot math", "$$ inside a code fence stays code");
	is_str(s->blocks[5].text.s, "한 줄: $$E = mc^2$$ 은 줄 안에 있다.",
	       "$$...$$ inside a line is no display block");
	digest_free(&d);
}

int main(void)
{
	test_normal();
	test_broken_headings();
	test_hostile_bytes();
	test_constructs();
	return tap_done();
}
