/* Unit tests for frontmatter.c: the header variants real posts have. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "frontmatter.h"
#include "tap.h"

static size_t parse(const char *s, struct digest *d)
{
	memset(d, 0, sizeof(*d));
	return frontmatter_parse(s, strlen(s), d);
}

int main(void)
{
	struct digest d;
	const char *quoted = "---\nlayout: post\ntitle: \"Daily Papers — 2025-09-29\"\n"
			     "date: 2025-09-29 08:15:00\ntags: [papers, hugginface]\n"
			     "categories: []\n---\n\n# 1. x\n";
	size_t body = parse(quoted, &d);
	is_str(quoted + body, "\n# 1. x\n", "body starts after the closing ---");
	is_str(d.title, "Daily Papers — 2025-09-29", "quoted title");
	is_str(d.date, "2025-09-29", "date without its time");
	is_int((long)d.ntags, 2, "flow tags");
	ok(d.ntags == 2 && !strcmp(d.tags[0], "papers") && !strcmp(d.tags[1], "hugginface"),
	   "flow tag values");
	digest_free(&d);

	parse("---\ntitle: Daily Papers — 2025-09-12\"\ndate: 2025-09-12\n---\n", &d);
	is_str(d.title, "Daily Papers — 2025-09-12", "stray trailing quote dropped");
	digest_free(&d);

	parse("---\ntitle: 'It''s a day'\ntags:\n  - arxiv\n  - \"daily\"\n- third\n---\n", &d);
	is_str(d.title, "It's a day", "single-quoted title with ''");
	is_int((long)d.ntags, 3, "block tags");
	ok(d.ntags == 3 && !strcmp(d.tags[1], "daily"), "quoted block tag unquoted");
	digest_free(&d);

	parse("---\r\ntitle: \"A \\\"quoted\\\" word\"\r\ndate: \"2025-10-01\"\r\n---\r\nbody", &d);
	is_str(d.title, "A \"quoted\" word", "CRLF front matter, escaped quotes");
	is_str(d.date, "2025-10-01", "quoted date");
	digest_free(&d);

	is_int((long)parse("---\ntitle: never closed\n# 1. x\n", &d), 0,
	       "unterminated front matter is no front matter");
	ok(d.title == NULL, "and sets nothing");
	digest_free(&d);

	is_int((long)parse("# 1. [x](y)\n", &d), 0, "no front matter");
	digest_free(&d);

	parse("---\ndate: 2025-13-45\n---\n", &d);
	ok(d.date == NULL, "an impossible date is ignored");
	digest_free(&d);

	char *date = frontmatter_date_from_name("/a/b/2025-10-07-daily-papers-20251007.md");
	is_str(date, "2025-10-07", "date from a file name");
	free(date);
	date = frontmatter_date_from_name("000_55210d2bb642b7f3.txt");
	ok(date == NULL, "no date in a hash-like name");
	return tap_done();
}
