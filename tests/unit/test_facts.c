/* Unit tests for the paper facts: the Hugging Face JSON reader, the arXiv Atom
 * reader (good answers, hostile strings, malformed and refused input), text
 * cleaning, the store and freshness. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "facts.h"
#include "facts_render.h"
#include "post.h"
#include "render.h"
#include "strbuf.h"
#include "tap.h"
#include "util.h"

static struct facts_list list;
static struct strbuf err = STRBUF_INIT;

static int hf(const char *json)
{
	facts_list_free(&list);
	strbuf_reset(&err);
	return facts_parse_hf(json, strlen(json), &list, &err);
}

static int atom(const char *xml)
{
	facts_list_free(&list);
	strbuf_reset(&err);
	return facts_parse_arxiv(xml, strlen(xml), &list, &err);
}

static const struct paper_facts *find(const char *id)
{
	for (size_t i = 0; i < list.n; i++)
		if (!strcmp(list.v[i].id, id))
			return &list.v[i];
	return NULL;
}

/* No byte of s is a control character, and no bidi control is in it. */
static int clean(const char *s)
{
	if (!s)
		return 1;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return !strstr(s, "\xE2\x80\xAE") && !strstr(s, "\xC2\x9B") && !strstr(s, "\xE2\x81\xA6");
}

static const char hf_good[] =
	"[{\"paper\": {\"id\": \"2509.22622\", \"title\": \"Scaling\\n  Laws  for Agents\","
	" \"summary\": \"We study\\nagents.\", \"upvotes\": 42,"
	" \"publishedAt\": \"2025-09-26T17:59:01.000Z\","
	" \"githubRepo\": \"https://github.com/example/agents\","
	" \"authors\": [{\"name\": \"Ada Lovelace\", \"hidden\": false}, {\"name\": \"Alan Turing\"},"
	" {\"_id\": \"no name\"}, {\"name\": \"Émile Borel\"}]},"
	" \"title\": \"Scaling Laws for Agents\", \"numComments\": 3},"
	" {\"paper\": {\"id\": \"arXiv:2510.00001v2\", \"title\": \"Second\", \"upvotes\": -5,"
	"  \"githubRepo\": \"javascript:alert(1)\"}},"
	" {\"paper\": {\"title\": \"no id\"}}, {\"title\": \"no paper\"}, 17, null,"
	" {\"paper\": {\"id\": \"not an id\"}}]";

static void test_hf(void)
{
	ok(hf(hf_good) == 0, "a daily-papers answer reads");
	is_int((long)list.n, 2, "  two papers with arXiv IDs; the rest are skipped");
	const struct paper_facts *f = find("2509.22622");
	ok(f != NULL, "  the first by its ID");
	if (f) {
		is_str(f->title, "Scaling Laws for Agents", "  title, white space collapsed");
		is_str(f->abstract, "We study agents.", "  abstract");
		is_int(f->upvotes, 42, "  upvotes");
		is_str(f->published, "2025-09-26", "  published: the date");
		is_str(f->code_url, "https://github.com/example/agents", "  code link");
		is_int((long)f->nauthors, 3, "  three named authors");
		if (f->nauthors == 3) {
			is_str(f->authors[0], "Ada Lovelace", "  first author");
			is_str(f->authors[2], "Émile Borel", "  accents kept");
		}
		is_int(f->origin, FACTS_FROM_HF, "  from Hugging Face");
	}
	f = find("2510.00001");
	ok(f != NULL, "a prefixed, versioned ID is normalized");
	if (f) {
		is_int(f->upvotes, -1, "  negative upvotes are not known");
		ok(f->code_url == NULL, "  a javascript: link is dropped");
		ok(f->abstract == NULL && f->nauthors == 0, "  missing fields stay empty");
	}

	ok(hf("[]") == 0 && list.n == 0, "an empty day is no error");
	ok(hf("{\"error\": \"Invalid date\"}") < 0, "an object is refused");
	is_str(err.buf, "the answer is not a JSON array of papers", "  with a reason");
	ok(hf("[{\"paper\": {\"id\": \"2509.22622\"") < 0, "truncated JSON is refused");
	ok(strstr(err.buf, "not JSON") != NULL, "  as not JSON");
	ok(hf("<html>rate limited</html>") < 0, "HTML is refused");
	ok(hf("") < 0, "an empty body is refused");

	struct strbuf deep = STRBUF_INIT;
	for (int i = 0; i < 100000; i++)
		strbuf_addch(&deep, '[');
	ok(hf(deep.buf) < 0, "100,000 nested arrays are refused before jansson sees them");
	ok(strstr(err.buf, "deeper than") != NULL, "  as too deep");
	strbuf_reset(&deep);
	strbuf_addstr(&deep, "[{\"paper\": {\"id\": \"2509.22622\", \"x\": \"");
	for (int i = 0; i < 100; i++)
		strbuf_addstr(&deep, "[[[[[[[[[[");
	strbuf_addstr(&deep, "\"}}]");
	ok(hf(deep.buf) == 0 && list.n == 1, "brackets inside a string are no nesting");
	strbuf_reset(&deep);
	strbuf_addch(&deep, '[');
	while (deep.len <= FACTS_MAX_BYTES)
		strbuf_addstr(&deep, "{\"paper\": {\"id\": \"2509.22622\"}},");
	strbuf_addstr(&deep, "1]");
	ok(facts_parse_hf(deep.buf, deep.len, &list, &err) < 0, "an answer over 4 MiB is refused");
	strbuf_release(&deep);

	/* Hostile strings: escapes, C1 controls, bidi overrides, NUL, bad UTF-8
	 * (jansson refuses the last; \u escapes get through it). */
	ok(hf("[{\"paper\": {\"id\": \"2509.22622\", \"title\": \"A\\u001b[2Jb\\u009bc\","
	      " \"summary\": \"x\\u202Eevil\\u2066y\\r\\nz\", \"authors\": [{\"name\": \"\\u001b]52;c;"
	      "aGk=\\u0007Eve\"}, {\"name\": \"\\u0000\"}]}}]") == 0, "hostile strings read");
	f = list.n ? &list.v[0] : NULL;
	ok(f && clean(f->title) && clean(f->abstract), "  no control or bidi character is kept");
	ok(f && f->title && !strcmp(f->title, "A[2Jbc"), "  the escape's bytes are gone from the title");
	ok(f && f->abstract && !strcmp(f->abstract, "xevily z"), "  the abstract keeps its text");
	ok(f && f->nauthors == 1 && clean(f->authors[0]), "  a name of controls only is dropped");
	ok(hf("[{\"paper\": {\"id\": \"2509.22622\", \"title\": \"\xff\xfe\"}}]") < 0,
	   "invalid UTF-8 is refused by jansson");
}

static const char atom_good[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:arxiv=\"http://arxiv.org/schemas/atom\">\n"
	"  <title>arXiv Query</title><id>http://arxiv.org/api/x</id>\n"
	"  <entry>\n"
	"    <id>http://arxiv.org/abs/2509.22622v2</id>\n"
	"    <updated>2025-10-01T00:00:00Z</updated>\n"
	"    <published>2025-09-26T17:59:01Z</published>\n"
	"    <title>Scaling Laws\n      for Agents</title>\n"
	"    <summary>  We study agents &amp; tools.\n</summary>\n"
	"    <author><name>Ada Lovelace</name><arxiv:affiliation>X</arxiv:affiliation></author>\n"
	"    <author><name>Alan Turing</name></author>\n"
	"    <arxiv:comment>Accepted at NeurIPS 2025</arxiv:comment>\n"
	"    <link href=\"http://arxiv.org/abs/2509.22622v2\" rel=\"alternate\"/>\n"
	"    <arxiv:primary_category term=\"cs.CL\" scheme=\"http://arxiv.org/schemas/atom\"/>\n"
	"    <category term=\"cs.CL\"/><category term=\"cs.AI\"/>\n"
	"  </entry>\n"
	"  <entry>\n"
	"    <id>http://arxiv.org/abs/hep-th/9901001v1</id>\n"
	"    <published>1999-01-01T00:00:00Z</published>\n"
	"    <title>Old style</title><summary>Strings.</summary>\n"
	"    <author><name>P. Dirac</name></author>\n"
	"    <category term=\"hep-th\"/>\n"
	"  </entry>\n"
	"  <entry>\n"
	"    <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id>\n"
	"    <title>Error</title><summary>incorrect id format for 1234</summary>\n"
	"  </entry>\n"
	"  <title>not in an entry</title>\n"
	"</feed>\n";

static void test_atom(void)
{
	ok(atom(atom_good) == 0, "an arXiv feed reads");
	is_int((long)list.n, 2, "  two papers; the error entry is skipped");
	const struct paper_facts *f = find("2509.22622");
	ok(f != NULL, "  the first by its ID, version dropped");
	if (f) {
		is_str(f->title, "Scaling Laws for Agents", "  title");
		is_str(f->abstract, "We study agents & tools.", "  abstract, entity decoded, trimmed");
		is_int((long)f->nauthors, 2, "  two authors (the affiliation is not one)");
		if (f->nauthors == 2)
			is_str(f->authors[1], "Alan Turing", "  second author");
		is_str(f->comment, "Accepted at NeurIPS 2025", "  comment");
		is_str(f->primary_category, "cs.CL", "  primary category");
		is_int((long)f->ncategories, 2, "  categories, without repeats");
		is_str(f->published, "2025-09-26", "  first version date");
		is_int(f->upvotes, -1, "  no upvotes from arXiv");
		is_int(f->origin, FACTS_FROM_ARXIV, "  from arXiv");
	}
	f = find("hep-th/9901001");
	ok(f && f->primary_category == NULL && f->ncategories == 1, "an old-style ID");

	ok(atom("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>") == 0 && list.n == 0,
	   "an empty feed is no error");
	ok(atom("<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY a \"aaaa\">"
		"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>http://arxiv.org/abs/"
		"2509.22622</id><title>&b;</title></entry></feed>") < 0,
	   "a DOCTYPE with entities (billion laughs) is refused");
	ok(strstr(err.buf, "DOCTYPE") != NULL && list.n == 0, "  saying so, nothing read");
	ok(atom("<!DOCTYPE feed SYSTEM \"file:///etc/passwd\"><feed/>") < 0,
	   "an external DTD is refused");
	ok(atom("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>http://arxiv.org/abs/"
		"2509.22622</id><title>&xxe;</title></entry></feed>") < 0,
	   "an undeclared entity is an error");
	ok(atom("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>http://arxiv.org/abs/"
		"2509.22622</id><title>cut") < 0, "truncated XML is refused");
	ok(list.n == 0, "  and nothing of it is kept");
	ok(strstr(err.buf, "not XML") != NULL, "  as not XML");
	ok(atom("{\"json\": true}") < 0, "JSON is not XML");

	struct strbuf deep = STRBUF_INIT;
	for (int i = 0; i < 10000; i++)
		strbuf_addstr(&deep, "<a>");
	ok(atom(deep.buf) < 0, "10,000 nested elements are refused");
	ok(strstr(err.buf, "too deep") != NULL, "  as too deep");
	strbuf_release(&deep);

	ok(atom("<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:arxiv=\"http://arxiv.org/schemas/atom\">"
		"<entry><id>http://arxiv.org/abs/2509.22622</id>"
		"<title>T&#x9B;31m&#x202E;x</title>"
		"<summary>a&#x9B;b&#x85;c&#x2066;</summary>"
		"<author><name>&#x9D;0;pwned&#x9C;Mallory</name></author>"
		"<arxiv:comment>ok&#x2028;fine</arxiv:comment></entry></feed>") == 0,
	   "hostile character references read");
	f = list.n ? &list.v[0] : NULL;
	ok(f && clean(f->title) && clean(f->abstract) && clean(f->comment) &&
	   f->nauthors == 1 && clean(f->authors[0]), "  and no control character is kept");
	ok(f && f->comment && !strcmp(f->comment, "ok fine"), "  a line separator is a space");
	ok(atom("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>http://arxiv.org/abs/"
		"2509.22622</id><title>T&#27;[2J</title></entry></feed>") < 0 && list.n == 0,
	   "a reference to ESC is not XML: refused");
}

static void test_clean(void)
{
	char *s = facts_clean_text("  a \t b\n", 8, 100);
	is_str(s, "a b", "blanks collapse and trim");
	free(s);
	ok(facts_clean_text(" \n\t", 3, 100) == NULL, "blank text is nothing");
	s = facts_clean_text("a\xff" "b", 3, 100);
	is_str(s, "a\xEF\xBF\xBD" "b", "a bad byte is U+FFFD");
	free(s);
	s = facts_clean_text("가나다라마", 15, 10);
	is_str(s, "가나\xE2\x80\xA6", "cut at a character boundary, with an ellipsis");
	free(s);
	ok(strlen(s = facts_clean_text("abcdefghijkl", 12, 8)) <= 8, "the cut fits the cap");
	free(s);
}

static void test_store(void)
{
	char dir[] = "/tmp/test_facts.XXXXXX";
	if (!mkdtemp(dir)) {
		ok(0, "mkdtemp");
		return;
	}
	struct strbuf sub = STRBUF_INIT;
	strbuf_addf(&sub, "%s/facts", dir);
	ok(hf(hf_good) == 0 && list.n == 2, "papers to store");
	int saved = 0;
	for (size_t i = 0; i < list.n; i++)
		saved += facts_store_save(sub.buf, &list.v[i], &err) == 0;
	is_int(saved, 2, "both stored (the directory made on the way)");
	struct paper_facts f;
	ok(facts_store_load(sub.buf, "2509.22622", &f, &err) == 0, "and read back");
	is_str(f.title, "Scaling Laws for Agents", "  title");
	is_int((long)f.nauthors, 3, "  authors");
	is_int(f.upvotes, 42, "  upvotes");
	is_str(f.code_url, "https://github.com/example/agents", "  code");
	is_int(f.origin, FACTS_FROM_HF, "  origin");
	paper_facts_free(&f);
	ok(facts_store_load(sub.buf, "2401.00000", &f, &err) == 1, "an unknown paper: none");

	struct paper_facts old;
	paper_facts_init(&old);
	old.id = xstrdup("hep-th/9901001");
	old.missing = 1;
	old.tries = 3;
	old.fetched = 1000;
	ok(facts_store_save(sub.buf, &old, &err) == 0, "a missing old-style paper is stored");
	struct strbuf path = STRBUF_INIT;
	strbuf_addf(&path, "%s/hep-th_9901001.json", sub.buf);
	ok(access(path.buf, F_OK) == 0, "  as hep-th_9901001.json, inside the directory");
	ok(facts_store_load(sub.buf, "hep-th/9901001", &f, &err) == 0 && f.missing &&
	   f.tries == 3 && f.fetched == 1000, "  and read back as missing, 3 tries");
	paper_facts_free(&f);
	free(old.id);
	old.id = xstrdup("../escape");
	strbuf_reset(&err);
	ok(facts_store_save(sub.buf, &old, &err) < 0, "an ID that would leave the directory is refused");
	paper_facts_free(&old);

	/* A corrupt file: reported, treated as unknown by the caller. */
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/2510.00001.json", sub.buf);
	FILE *fp = fopen(path.buf, "w");
	if (fp) {
		fputs("{\"id\": \"2510.00001\", \"title\": ", fp);
		fclose(fp);
	}
	strbuf_reset(&err);
	ok(facts_store_load(sub.buf, "2510.00001", &f, &err) < 0, "a corrupt file does not load");
	ok(strstr(err.buf, "fetched again") != NULL, "  and says it will be fetched again");
	fp = fopen(path.buf, "w");
	if (fp) {
		fputs("{\"id\": \"2509.22622\"}", fp);
		fclose(fp);
	}
	ok(facts_store_load(sub.buf, "2510.00001", &f, &err) < 0,
	   "a file holding another paper's facts does not load");

	/* Whether anything is stored, without reading it. */
	ok(facts_store_has(sub.buf, "2509.22622"), "has: a paper's facts");
	ok(facts_store_has(sub.buf, "hep-th/9901001"), "  a paper found nowhere");
	ok(facts_store_has(sub.buf, "2510.00001"), "  a file that does not load");
	ok(!facts_store_has(sub.buf, "2401.00000"), "  not a paper never stored");
	ok(facts_store_has(sub.buf, "../escape"), "  an ID that cannot be stored counts as stored");

	/* Freshness. */
	struct paper_facts k;
	paper_facts_init(&k);
	k.fetched = 100000;
	ok(facts_fresh(0, &k, 100000 + 3600), "known an hour ago: fresh");
	ok(!facts_fresh(0, &k, 100000 + 25 * 3600), "known 25 hours ago: asked again");
	ok(!facts_fresh(1, &k, 100000), "nothing stored: asked");
	ok(!facts_fresh(0, &k, 100000 - 10), "a clock set back: asked");
	k.missing = 1;
	k.tries = 1;
	ok(!facts_fresh(0, &k, 100000 + 25 * 3600), "missing once, a day later: asked again");
	k.tries = 3;
	ok(facts_fresh(0, &k, 100000 + 3 * 24 * 3600), "missing 3 times, 3 days later: not yet");
	ok(!facts_fresh(0, &k, 100000 + 5 * 24 * 3600), "  5 days later: asked again");
	k.tries = 50;
	ok(!facts_fresh(0, &k, 100000 + 31 * 24 * 3600), "  the back-off stops at 30 days");

	strbuf_release(&path);
	char cmd[200];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		ok(0, "removing %s", dir);
	strbuf_release(&sub);
}

static const char post[] =
	"---\ntitle: t\ndate: 2025-10-01\n---\n"
	"# 1. [Scaling Laws](https://arxiv.org/abs/2509.22622)\n\n"
	"> [Alphaxiv](https://www.alphaxiv.org/ko/overview/2509.22622)\n\n"
	"## Introduction\n\n- Goal: 목표.\n\n## Conclusion\n\n결론.\n";

static void test_render(void)
{
	struct digest d;
	const char *why = NULL;
	memset(&d, 0, sizeof(d));
	if (post_parse(post, strlen(post), "t.md", &d, &why) < 0 || d.npapers != 1) {
		ok(0, "the test post parses (%s)", why ? why : "no paper");
		return;
	}
	struct layout_opts o;
	layout_opts_init(&o);
	o.width = 60;
	struct rendered_paper r;
	render_paper(&d.papers[0], &o, &r);
	size_t before = r.lines.n, sections = r.nsections;
	ok(hf(hf_good) == 0 && list.n == 2, "facts to show");
	struct paper_facts *f = &list.v[0];
	facts_render_into(f, &o, 0, &r);
	is_int((long)r.nsections, (long)sections + 1, "one section more: the Abstract");
	is_int(r.section_canonical[r.nsections - 1], FACTS_SECTION_ABSTRACT, "  with key 6");
	int heads = 1;
	for (size_t i = 0; i < r.nsections; i++) {
		const char *want = i == r.nsections - 1 ? "Abstract"
				 : i == 0 ? "Introduction" : "Conclusion";
		heads &= r.section_line[i] < r.lines.n && !strcmp(r.lines.v[r.section_line[i]].s, want);
	}
	ok(heads, "every section line still points at its heading");
	ok(r.lines.n > before + 3, "the facts add lines");
	ok(!strncmp(r.lines.v[3].s, "Authors  Ada Lovelace", 21), "the authors come after the title and the two link lines");
	ok(!strcmp(r.lines.v[r.lines.n - 1].s, "We study agents."), "the abstract ends the paper");
	int fits = 1;
	for (size_t i = 0; i < r.lines.n; i++)
		fits &= r.lines.v[i].indent + r.lines.v[i].width <= 60;
	ok(fits, "every line fits the width");
	rendered_paper_free(&r);

	struct strbuf sb = STRBUF_INIT;
	facts_authors_line(f, 0, &sb);
	is_str(sb.buf, "Ada Lovelace, Alan Turing and Émile Borel", "three authors in full");
	struct paper_facts many;
	paper_facts_init(&many);
	for (int i = 0; i < 7; i++) {
		char name[16];
		snprintf(name, sizeof(name), "A%d", i);
		many.authors = xrealloc(many.authors, sizeof(char *) * (size_t)(i + 1));
		many.authors[many.nauthors++] = xstrdup(name);
	}
	strbuf_reset(&sb);
	facts_authors_line(&many, 0, &sb);
	is_str(sb.buf, "A0, A1, A2 et al. (7)", "seven: the first three, et al. (7)");
	/* The paper view's short form starts above four (a typical byline). */
	many.nauthors = 5;
	strbuf_reset(&sb);
	facts_authors_line(&many, 0, &sb);
	is_str(sb.buf, "A0, A1, A2 et al. (5)", "five: the first three, et al. (5)");
	many.nauthors = 4;
	strbuf_reset(&sb);
	facts_authors_line(&many, 0, &sb);
	is_str(sb.buf, "A0, A1, A2 and A3", "four: in full");
	many.nauthors = 7;
	strbuf_reset(&sb);
	facts_authors_line(&many, 1, &sb);
	is_str(sb.buf, "A0, A1, A2, A3, A4, A5 and A6", "  or all of them");
	paper_facts_free(&many);
	strbuf_release(&sb);

	/* A missing record adds nothing. */
	render_paper(&d.papers[0], &o, &r);
	before = r.lines.n;
	struct paper_facts miss;
	paper_facts_init(&miss);
	miss.missing = 1;
	facts_render_into(&miss, &o, 0, &r);
	is_int((long)r.lines.n, (long)before, "a paper found nowhere adds no line");
	rendered_paper_free(&r);
	digest_free(&d);
}

static void key_is(const char *author, const char *title, int year, const char *want)
{
	struct paper_facts f;
	paper_facts_init(&f);
	if (author) {
		f.authors = xmalloc(sizeof(char *));
		f.authors[f.nauthors++] = xstrdup(author);
	}
	f.title = title ? xstrdup(title) : NULL;
	struct strbuf k = STRBUF_INIT;
	int rc = facts_bibtex_key(&f, year, &k);
	is_str(rc == 0 ? k.buf : NULL, want, "key of %s, %d, %s", author ? author : "nobody", year,
	       title ? title : "no title");
	strbuf_release(&k);
	paper_facts_free(&f);
}

static void test_bibtex_key(void)
{
	key_is("Ashish Vaswani", "Attention Is All You Need", 2017, "vaswani2017attention");
	key_is("Émile Borel", "The Scaling Laws", 2025, "borel2025scaling");
	key_is("Jane O'Neil-Smith", "A-B Testing: a study", 2024, "oneilsmith2024b");
	key_is("Kim Minji", "Attention Sinks", 0, "minjiattention");
	key_is("김민지", "Attention", 2025, NULL);
	key_is(NULL, "Attention", 2025, NULL);
	key_is("Ada Lovelace", NULL, 2025, "lovelace2025");
	key_is("Ada Lovelace ", "  ", 2025, "lovelace2025");
}

int main(void)
{
	test_hf();
	test_atom();
	test_clean();
	test_store();
	test_render();
	test_bibtex_key();
	facts_list_free(&list);
	strbuf_release(&err);
	return tap_done();
}
