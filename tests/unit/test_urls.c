/* Unit tests for urls.c: URLs built from new- and old-style arXiv IDs, taken
 * from the posts' own links, and the safety check every URL passes. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "post.h"
#include "strbuf.h"
#include "urls.h"
#include "tap.h"

static void check_id(const char *id, enum url_kind k, const char *lang, const char *want)
{
	char *got = url_from_id(id, k, lang);
	is_str(got, want, "%s URL of %s (lang %s)", url_kind_name(k), id ? id : "NULL",
	       lang ? lang : "default");
	free(got);
}

static void check_paper(const struct paper *p, enum url_kind k, const char *lang,
			const char *want, const char *what)
{
	char *got = url_for_paper(p, k, lang);
	is_str(got, want, "%s: %s URL", what, url_kind_name(k));
	free(got);
}

static void check_safe(const char *url, int want)
{
	const char *why = NULL;
	int got = url_is_safe(url, &why);
	/* Control bytes stay out of the TAP output. */
	struct strbuf shown = STRBUF_INIT;
	for (const char *s = url; *s; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			strbuf_addf(&shown, "\\x%02x", (unsigned char)*s);
		else
			strbuf_addch(&shown, *s);
	}
	is_int(got, want, "url_is_safe(\"%s\")%s%s", shown.buf, got ? "" : ": ",
	       got ? "" : why);
	strbuf_release(&shown);
}

static int load(const char *name, struct digest *d)
{
	const char *top = getenv("top_srcdir");
	struct strbuf path = STRBUF_INIT, err = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s", top ? top : ".", name);
	int rc = post_load(path.buf, d, &err);
	if (rc < 0)
		printf("# %s\n", err.buf);
	strbuf_release(&path);
	strbuf_release(&err);
	return rc;
}

static void check_built(void)
{
	check_id("2509.22622", URL_ABS, NULL, "https://arxiv.org/abs/2509.22622");
	check_id("2509.22622", URL_PDF, NULL, "https://arxiv.org/pdf/2509.22622");
	check_id("2509.22622", URL_ALPHAXIV, NULL, "https://www.alphaxiv.org/ko/overview/2509.22622");
	check_id("2509.22622", URL_ALPHAXIV, "en", "https://www.alphaxiv.org/en/overview/2509.22622");
	check_id("2509.22622", URL_ALPHAXIV, "../x", "https://www.alphaxiv.org/ko/overview/2509.22622");
	check_id("2509.22622", URL_HF, NULL, "https://huggingface.co/papers/2509.22622");
	check_id("2509.22622", URL_LINK, NULL, NULL);
	check_id("1501.0001", URL_ABS, NULL, "https://arxiv.org/abs/1501.0001");
	check_id("hep-th/9901001", URL_ABS, NULL, "https://arxiv.org/abs/hep-th/9901001");
	check_id("hep-th/9901001", URL_PDF, NULL, "https://arxiv.org/pdf/hep-th/9901001");
	check_id("math.GT/0309136", URL_PDF, NULL, "https://arxiv.org/pdf/math.GT/0309136");
	check_id("hep-th/9901001", URL_HF, NULL, NULL);
	check_id("2509.22622v2", URL_ABS, NULL, NULL);
	check_id("x/../../etc", URL_ABS, NULL, NULL);
	check_id(NULL, URL_ABS, NULL, NULL);
	check_id("", URL_ABS, NULL, NULL);
}

static void check_safety(void)
{
	check_safe("https://arxiv.org/abs/2509.22622", 1);
	check_safe("http://example.com", 1);
	check_safe("HTTPS://EXAMPLE.COM/Path?q=1#x", 1);
	check_safe("https://example.com/a b;$(touch x)`y`'z\"", 1);
	check_safe("https://ko.wikipedia.org/wiki/강화학습", 1);
	check_safe("javascript:alert(1)", 0);
	check_safe("JavaScript://%0aalert(1)", 0);
	check_safe("file:///etc/passwd", 0);
	check_safe("ftp://example.com/", 0);
	check_safe("-https://example.com", 0);
	check_safe(" https://example.com", 0);
	check_safe("https://", 0);
	check_safe("https:///path", 0);
	check_safe("https://example.com/\nrm -rf", 0);
	check_safe("https://example.com/\t", 0);
	check_safe("https://example.com/\x7f", 0);
	check_safe("https://example.com/\x1b]52;c;eA==\a", 0);
	check_safe("https://example.com/\xc2\x9b", 0);        /* C1 CSI */
	check_safe("https://example.com/\xe2\x80\xae" "fdp", 0); /* RLO */
	check_safe("https://example.com/\xff", 0);
	check_safe("", 0);
	ok(!url_is_safe(NULL, NULL), "NULL is not safe");
	char *big = malloc(9000);
	memcpy(big, "https://x/", 10);
	memset(big + 10, 'a', 8989);
	big[8999] = '\0';
	ok(!url_is_safe(big, NULL), "a URL over 8 KiB is refused");
	free(big);
}

static void check_posts(void)
{
	struct digest d;
	memset(&d, 0, sizeof(d));
	if (load("data/sample/2026-11-27-daily-papers-20261127.md", &d) == 0 && d.npapers >= 1) {
		const struct paper *p = &d.papers[0];
		const char *w = "sample LoRA";
		check_paper(p, URL_LINK, NULL, "https://arxiv.org/abs/2106.09685", w);
		check_paper(p, URL_ABS, NULL, "https://arxiv.org/abs/2106.09685", w);
		check_paper(p, URL_PDF, NULL, "https://arxiv.org/pdf/2106.09685", w);
		check_paper(p, URL_ALPHAXIV, NULL, "https://www.alphaxiv.org/ko/overview/2106.09685", w);
		check_paper(p, URL_ALPHAXIV, "en", "https://www.alphaxiv.org/en/overview/2106.09685", w);
		check_paper(p, URL_HF, NULL, "https://huggingface.co/papers/2106.09685", w);
	} else {
		ok(0, "load the sample post");
	}
	digest_free(&d);

	memset(&d, 0, sizeof(d));
	if (load("tests/fixtures/old-style-id.md", &d) == 0 && d.npapers == 3) {
		const struct paper *p = &d.papers[0];
		const char *w = "old-style ID";
		check_paper(p, URL_LINK, NULL, "https://arxiv.org/abs/hep-th/9711200v2", w);
		check_paper(p, URL_ABS, NULL, "https://arxiv.org/abs/hep-th/9711200v2", w);
		check_paper(p, URL_PDF, NULL, "https://arxiv.org/pdf/hep-th/9711200", w);
		check_paper(p, URL_ALPHAXIV, NULL, "https://www.alphaxiv.org/ko/overview/hep-th/9711200", w);
		check_paper(p, URL_HF, NULL, NULL, w);
		p = &d.papers[1];
		w = "PDF heading link";
		check_paper(p, URL_LINK, NULL, "https://arxiv.org/pdf/2106.09685v2.pdf", w);
		check_paper(p, URL_ABS, NULL, "https://arxiv.org/abs/2106.09685", w);
		check_paper(p, URL_PDF, NULL, "https://arxiv.org/pdf/2106.09685v2.pdf", w);
		check_paper(p, URL_HF, NULL, "https://huggingface.co/papers/2106.09685", w);
		p = &d.papers[2];
		w = "blog post";
		check_paper(p, URL_LINK, NULL, "https://lilianweng.github.io/posts/2023-06-23-agent/", w);
		check_paper(p, URL_ABS, NULL, NULL, w);
		check_paper(p, URL_PDF, NULL, NULL, w);
		check_paper(p, URL_ALPHAXIV, NULL, NULL, w);
		check_paper(p, URL_HF, NULL, NULL, w);
	} else {
		ok(0, "load old-style-id.md");
	}
	digest_free(&d);

	memset(&d, 0, sizeof(d));
	if (load("tests/fixtures/arxiv-style.md", &d) == 0 && d.npapers == 2) {
		check_paper(&d.papers[0], URL_ABS, NULL, "http://arxiv.org/abs/2307.08691v1",
			    "http + version link as written");
		check_paper(&d.papers[0], URL_ALPHAXIV, NULL,
			    "https://www.alphaxiv.org/ko/overview/2307.08691", "no Alphaxiv line");
	} else {
		ok(0, "load arxiv-style.md");
	}
	digest_free(&d);

	/* Hostile and unusual links in a post. */
	memset(&d, 0, sizeof(d));
	struct paper *p = digest_add_paper(&d);
	p->arxiv_id = strdup("2509.22622");
	p->url = strdup("javascript:alert(1)");
	paper_add_link(p, "Alphaxiv", "file:///etc/passwd");
	paper_add_link(p, "Hugging Face", "https://huggingface.co/papers/2509.22622");
	paper_add_link(p, "Related", "https://www.alphaxiv.org/ko/overview/2401.00001");
	check_paper(p, URL_LINK, NULL, "https://arxiv.org/abs/2509.22622", "javascript: heading link");
	check_paper(p, URL_ALPHAXIV, NULL, "https://www.alphaxiv.org/ko/overview/2509.22622",
		    "file: Alphaxiv link and another paper's link");
	check_paper(p, URL_HF, NULL, "https://huggingface.co/papers/2509.22622", "labeled HF link");
	digest_free(&d);

	memset(&d, 0, sizeof(d));
	p = digest_add_paper(&d);
	paper_add_link(p, "Alphaxiv", "https://www.alphaxiv.org/en/overview/2509.22622");
	check_paper(p, URL_ALPHAXIV, NULL, "https://www.alphaxiv.org/en/overview/2509.22622",
		    "no ID, Alphaxiv link");
	check_paper(p, URL_LINK, NULL, NULL, "no ID, no heading link");
	digest_free(&d);
}

static void check_norm(const char *url, const char *want)
{
	const char *why = NULL;
	char *got = url_normalize(url, &why);
	is_str(got, want, "url_normalize(%s)%s%s", url, got ? "" : ": ", got ? "" : why);
	free(got);
}

/* A heading link that would run a command in a
 * `sh -c '... %u'` browser setting comes out with no character a shell acts
 * on; what is not http(s) with a host after that is refused. */
static void check_normalize(void)
{
	check_norm("https://arxiv.org/abs/2501.00007$(touch pwned)",
		   "https://arxiv.org/abs/2501.00007%24%28touch%20pwned%29");
	check_norm("https://e.com/`id`;'x'\"y\"\\z&|<>*!",
		   "https://e.com/%60id%60%3B%27x%27%22y%22%5Cz%26%7C%3C%3E%2A%21");
	check_norm("https://e.com/a%20b%zz%", "https://e.com/a%20b%25zz%25");
	check_norm("https://ko.wikipedia.org/wiki/논문", "https://ko.wikipedia.org/wiki/%EB%85%BC%EB%AC%B8");
	check_norm("HTTP://Example.com:8080/p?q=1&r=2#f",
		   "http://Example.com:8080/p?q=1%26r=2#f");
	check_norm("https://[::1]/x", "https://[::1]/x");
	check_norm("https://user@host.org/x", "https://user@host.org/x");
	check_norm("javascript:alert(1)", NULL);
	check_norm("https://", NULL);
	check_norm("https://$(id)/", NULL);
	check_norm("https://a b/", NULL);
	check_norm("https://e.com/\x1b]52;c;eA==\x07", NULL);
	const char *shell = "$`;'\"\\() |&<>*!";
	char *n = url_normalize("https://e.com/$`;'\"\\() |&<>*!{}^", NULL);
	ok(n && !strpbrk(n, shell), "no shell character survives: %s", n ? n : "(null)");
	free(n);

	/* Through url_for_paper, as the reader's o and y take it. */
	struct paper p;
	memset(&p, 0, sizeof(p));
	p.url = (char *)"https://arxiv.org/abs/2501.00007$(touch pwned)";
	char *u = url_for_paper(&p, URL_LINK, NULL);
	is_str(u, "https://arxiv.org/abs/2501.00007%24%28touch%20pwned%29",
	       "url_for_paper gives the heading link normalized");
	free(u);
}

static void check_names(void)
{
	enum url_kind k;
	ok(url_kind_parse("pdf", &k) == 0 && k == URL_PDF, "kind 'pdf'");
	ok(url_kind_parse("HuggingFace", &k) == 0 && k == URL_HF, "kind 'HuggingFace'");
	ok(url_kind_parse("alphaxiv", &k) == 0 && k == URL_ALPHAXIV, "kind 'alphaxiv'");
	ok(url_kind_parse("gopher", &k) < 0, "unknown kind");
	is_str(url_kind_name(URL_ABS), "abs", "name of URL_ABS");
}

int main(void)
{
	check_built();
	check_safety();
	check_posts();
	check_names();
	check_normalize();
	return tap_done();
}
