/* Unit tests for source.c: date fields, the window, kinds, names and items. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "date.h"
#include "source.h"
#include "tap.h"

static char tmpdir[] = "/tmp/digest-tui-test-source.XXXXXX";

static void touch(const char *name);

static char *expand(const char *tmpl, const char *date)
{
	long day = 0;
	struct strbuf sb = STRBUF_INIT;
	if (date_parse(date, &day) < 0)
		return strdup("(bad date)");
	source_expand(tmpl, day, &sb);
	return strbuf_detach(&sb, NULL);
}

static void is_expand(const char *tmpl, const char *date, const char *want)
{
	char *got = expand(tmpl, date);
	is_str(got, want, "expand '%s' on %s", tmpl, date);
	free(got);
}

static void test_expand(void)
{
	is_expand(SOURCE_DEFAULT_TEMPLATE, "2025-09-29",
		  "https://raw.githubusercontent.com/hahngt/hahngt.github.io/main/_posts/"
		  "2025-09-29-daily-papers-20250929.md");
	is_expand("p/%F.md", "2024-02-29", "p/2024-02-29.md");
	is_expand("%y%m%d-%j", "2025-01-05", "250105-005");
	is_expand("%e|%a|%A|%b|%B|%h", "2025-09-07", " 7|Sun|Sunday|Sep|September|Sep");
	is_expand("%G-W%V-%u %g", "2021-01-03", "2020-W53-7 20");
	is_expand("100%% of %Y", "2025-01-01", "100% of 2025");
	is_expand("a%20b/%EA%B0%80/%Y", "2025-01-01", "a%20b/%EA%B0%80/2025");
	is_expand("%B0 %d5 %Bx", "2025-03-01", "%B0 %d5 Marchx");
	is_expand("no fields", "2025-01-01", "no fields");
	is_expand("trailing %", "2025-01-01", "trailing %");

	ok(source_has_date_fields("x/%Y.md"), "%%Y is a date field");
	ok(!source_has_date_fields("x/%20.md"), "%%20 is not");
	ok(!source_has_date_fields("x/%%Y.md"), "%%%%Y is not");
	ok(!source_has_date_fields("x/%EA%B0%80"), "percent-encoded Hangul is not");
	ok(source_has_date_fields("%F"), "%%F is");
}

static void test_window(void)
{
	char buf[DATE_LEN + 1];
	struct source_window w;
	struct strbuf err = STRBUF_INIT;
	is_int(source_window_init(&w, 14, "2025-10-10", &err), 0, "a 14-day window");
	date_format(w.first, buf);
	is_str(buf, "2025-09-27", "starts 13 days before --until");
	date_format(w.last, buf);
	is_str(buf, "2025-10-10", "ends with --until");
	is_int(source_window_init(&w, 0, "2025-10-10", &err), 0, "days 0 means the default");
	is_int(w.last - w.first + 1, SOURCE_DEFAULT_DAYS, "of 14 days");
	is_int(source_window_init(&w, 3, NULL, &err), 0, "no --until");
	is_int(w.last, date_today(), "ends today");
	is_int(w.last - w.first, 2, "3 days");
	ok(source_window_init(&w, 3, "yesterday", &err) < 0, "a bad --until is an error");
	ok(source_window_init(&w, 3, "2025-02-30", &err) < 0, "so is a day no month has");
	ok(strstr(err.buf, "yesterday") != NULL, "that names it");
	strbuf_release(&err);
}

static const char *kind_name(enum source_kind k)
{
	return k == SOURCE_TEMPLATE ? "template" : k == SOURCE_URL ? "url" : "dir";
}

static void is_kind(const char *spec, const char *want_kind, const char *want_loc)
{
	enum source_kind k = SOURCE_URL;
	struct strbuf loc = STRBUF_INIT, err = STRBUF_INIT;
	int rc = source_classify(spec, &k, &loc, &err);
	if (!want_kind) {
		ok(rc < 0 && err.len > 0, "'%s' is refused", spec);
	} else {
		is_str(rc == 0 ? kind_name(k) : err.buf, want_kind, "'%s' is a %s", spec,
		       want_kind);
		if (want_loc)
			is_str(loc.buf, want_loc, "'%s' location", spec);
	}
	strbuf_release(&loc);
	strbuf_release(&err);
}

static void test_kinds(void)
{
	char path[512], url[600];
	is_kind(SOURCE_DEFAULT_TEMPLATE, "template", SOURCE_DEFAULT_TEMPLATE);
	is_kind("http://127.0.0.1:8080/p/%F.md", "template", NULL);
	is_kind("HTTPS://example.com/post.md", "url", "HTTPS://example.com/post.md");
	is_kind("https://example.com/a%20b.md", "url", NULL);
	is_kind("file:///srv/posts/%Y-%m-%d.md", "template", "file:///srv/posts/%Y-%m-%d.md");
	is_kind("file:///no/such/dir/post.md", "url", "file:///no/such/dir/post.md");
	snprintf(url, sizeof(url), "file://%s", tmpdir);
	is_kind(url, "dir", tmpdir);
	snprintf(url, sizeof(url), "file://localhost%s/", tmpdir);
	is_kind(url, "dir", tmpdir);
	is_kind(tmpdir, "dir", tmpdir);
	snprintf(path, sizeof(path), "%s/2025-09-29 post.md", tmpdir);
	snprintf(url, sizeof(url), "file://%s/2025-09-29%%20post.md", tmpdir);
	is_kind(path, "url", url);
	snprintf(path, sizeof(path), "%s/%%Y/%%m%%d 50%%.md", tmpdir);
	snprintf(url, sizeof(url), "file://%s/%%Y/%%m%%d%%2050%%%%25.md", tmpdir);
	is_kind(path, "template", url);
	is_kind("ftp://example.com/x.md", NULL, NULL);
	is_kind("gopher://example.com/", NULL, NULL);
	is_kind("https://", NULL, NULL);
	is_kind("file://relative/x.md", NULL, NULL);
	is_kind("/no/such/directory", NULL, NULL);
	is_kind("", NULL, NULL);

	/* A relative path is made absolute. */
	char cwd[512];
	if (getcwd(cwd, sizeof(cwd)) && chdir("/tmp") == 0) {
		is_kind(tmpdir + 5, "dir", tmpdir);
		snprintf(url, sizeof(url), "file:///tmp/x/%%F.md");
		is_kind("x/%F.md", "template", url);
		if (chdir(cwd) != 0)
			perror("chdir");
	}
}

static void test_names(void)
{
	struct source_list l;
	struct strbuf err = STRBUF_INIT;
	char spec[600];
	source_list_init(&l);
	source_list_add_default(&l);
	is_str(l.v[0].name, "hahngt", "the default source's name");
	is_int(l.v[0].kind, SOURCE_GITHUB, "is a github source");
	is_str(l.v[0].location, "hahngt/hahngt.github.io main _posts", "of the blog's _posts on main");
	is_int(source_list_add(&l, SOURCE_DEFAULT_TEMPLATE, &err), 0, "the same again");
	is_str(l.v[1].name, "hahngt2", "gets a unique name");
	is_int(source_list_add(&l, "https://someone.github.io/_posts/%F.md", &err), 0, "a github.io URL");
	is_str(l.v[2].name, "someone", "is named by its owner");
	is_int(source_list_add(&l, "https://www.Example.COM/feed/today.md", &err), 0, "a plain URL");
	is_str(l.v[3].name, "example_com", "is named by its host");
	is_int(source_list_add(&l, "http://user@127.0.0.1:8080/p/%F.md", &err), 0, "an IP address");
	is_str(l.v[4].name, "127_0_0_1", "is named by it");
	is_int(source_list_add(&l, "mine=http://127.0.0.1:8080/p/%F.md", &err), 0, "NAME=URL");
	is_str(l.v[5].name, "mine", "takes NAME");
	is_str(l.v[5].location, "http://127.0.0.1:8080/p/%F.md", "without NAME= in the URL");
	is_str(l.v[5].spec, "mine=http://127.0.0.1:8080/p/%F.md", "the spec as given");
	ok(source_list_add(&l, "mine=http://127.0.0.1/x.md", &err) < 0, "a name taken is refused");
	strbuf_reset(&err);
	ok(source_list_add(&l, "My-Name=http://127.0.0.1/x.md", &err) < 0, "a bad name is refused");
	ok(strstr(err.buf, "My-Name") != NULL, "with a message naming it");
	strbuf_reset(&err);
	snprintf(spec, sizeof(spec), "file://%s/Daily Posts/%%F.md", tmpdir);
	is_int(source_list_add(&l, spec, &err), 0, "a file:// template");
	is_str(l.v[6].name, "daily_posts", "is named by its directory");
	is_int(source_list_add(&l, tmpdir, &err), 0, "a directory");
	ok(!strncmp(l.v[7].name, "digest_tui_test_source_", 23), "is named by itself (%s)",
	   l.v[7].name);
	ok(source_list_find(&l, "mine") == &l.v[5], "find by name");
	ok(source_list_find(&l, "nobody") == NULL, "find of an unknown name");
	source_list_free(&l);
	strbuf_release(&err);
}

static void touch(const char *name)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	FILE *f = fopen(path, "w");
	if (f) {
		fputs("x\n", f);
		fclose(f);
	}
}

static void test_github(void)
{
	struct source_list l;
	struct strbuf err = STRBUF_INIT;
	source_list_init(&l);
	is_int(source_list_add(&l, "github me/blog", &err), 0, "github OWNER/REPO");
	is_str(l.v[0].name, "me", "is named by its owner");
	is_str(l.v[0].gh_repo, "me/blog", "its repository");
	is_str(l.v[0].gh_branch, "main", "branch main by default");
	is_str(l.v[0].gh_path, "_posts", "path _posts by default");
	is_int(source_list_add(&l, "x=github  me/blog  gh-pages/v2  site/_posts/ ", &err), 0,
	       "with a branch and a path");
	is_str(l.v[1].location, "me/blog gh-pages/v2 site/_posts", "a trailing / dropped");
	is_int(source_list_add(&l, "y=github me/blog main /", &err), 0, "PATH / is the top");
	is_str(l.v[2].gh_path, "", "as an empty path");
	static const char *const bad[] = {
		"github", "github me", "github me/", "github /blog", "github me/blog/x",
		"github ../blog", "github me/..", "github me/b?x=1", "github me/blog main ../x",
		"github me/blog ma%in", "github me/blog main a//b", "github me/blog main a b c",
		"github me/bl\xc3\xa9og",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		strbuf_reset(&err);
		ok(source_list_add(&l, bad[i], &err) < 0 && !strncmp(err.buf, "github: ", 8),
		   "'%s' is refused: %s", bad[i], err.buf);
	}
	struct source_items it;
	struct source_window w;
	source_items_init(&it);
	source_window_init(&w, 3, "2025-10-01", &err);
	strbuf_reset(&err);
	ok(source_items_add(&it, &l.v[0], &w, &err) < 0 && it.n == 0,
	   "its items come from the fetcher's listing");
	source_items_push(&it, &l.v[0], "http://h/r/me/blog/main/_posts/2025-09-30-a.md",
			  "2025-09-30", "0123456789abcdef0123456789abcdef01234567");
	is_str(it.v[0].stem, "2025-09-30-me-a", "a pushed item's stem");
	is_str(it.v[0].blob_sha, "0123456789abcdef0123456789abcdef01234567", "and its blob");
	source_items_free(&it);

	/* The window follows the posts: 3 days ending with the newest listed
	 * day at or before --until. */
	long d0;
	date_parse("2025-10-01", &d0);
	long days[] = { d0 - 300, d0 - 290, d0 - 289, d0 + 5 };
	source_window_follow(&w, days, 4);
	is_int(w.last, d0 - 289, "the window ends with the newest post before --until");
	is_int(w.first, d0 - 291, "and keeps its length");
	source_window_init(&w, 3, "2025-10-01", &err);
	source_window_follow(&w, days + 3, 1);
	is_int(w.last, d0, "no post before --until: the window is as it was");
	source_list_free(&l);
	strbuf_release(&err);
}

/* Catch-up: the window reaches back to the newest cached post. */
static void test_catchup(void)
{
	struct source_window w;
	struct source_catchup c;
	struct strbuf err = STRBUF_INIT;
	long last;
	date_parse("2025-12-26", &last);

	source_window_init(&w, 14, "2025-12-26", &err);
	source_window_catchup(&w, LONG_MIN, SOURCE_CATCHUP_MAX_DAYS, &c);
	is_int(w.last - w.first + 1, 14, "an empty cache: the 14 days");
	is_int(c.caught, 14, "  all caught up");
	ok(!c.capped, "  not capped");

	source_window_catchup(&w, last - 16, SOURCE_CATCHUP_MAX_DAYS, &c);
	is_int(w.first, last - 16, "last post 12-10, now 12-26: the window starts 12-10");
	is_int(w.last, last, "  and ends 12-26");
	is_int(c.caught, 16, "  16 days caught up");
	is_int(c.wanted, 16, "  of 16");
	ok(!c.capped, "  not capped");

	source_window_init(&w, 14, "2025-12-26", &err);
	source_window_catchup(&w, last - 1, SOURCE_CATCHUP_MAX_DAYS, &c);
	is_int(w.first, last - 13, "a post yesterday: the 14 days all the same (a minimum)");
	is_int(c.caught, 1, "  one day caught up");

	source_window_init(&w, 14, "2025-12-26", &err);
	source_window_catchup(&w, last + 3, SOURCE_CATCHUP_MAX_DAYS, &c);
	is_int(w.first, last - 13, "a post after --until: the 14 days");
	is_int(c.caught, 0, "  nothing caught up");

	source_window_init(&w, 14, "2025-12-26", &err);
	source_window_catchup(&w, last - 140, SOURCE_CATCHUP_MAX_DAYS, &c);
	is_int(w.first, last - SOURCE_CATCHUP_MAX_DAYS + 1, "a template, 140 days behind: the cap");
	is_int(c.caught, SOURCE_CATCHUP_MAX_DAYS, "  92 days caught up");
	is_int(c.wanted, 140, "  of 140");
	ok(c.capped, "  capped");

	source_window_init(&w, 14, "2025-12-26", &err);
	source_window_catchup(&w, last - SOURCE_CATCHUP_MAX_DAYS, SOURCE_CATCHUP_MAX_DAYS, &c);
	ok(!c.capped && c.caught == SOURCE_CATCHUP_MAX_DAYS && w.first == last - 92,
	   "exactly the cap: all of it, the cached day included");

	source_window_init(&w, 14, "2025-12-26", &err);
	source_window_catchup(&w, last - 140, 0, &c);
	is_int(w.first, last - 140, "a listing source, 140 days behind: no cap");
	is_int(c.caught, 140, "  140 days caught up");

	source_window_init(&w, 200, "2025-12-26", &err);
	source_window_catchup(&w, last - 140, SOURCE_CATCHUP_MAX_DAYS, &c);
	is_int(w.first, last - 199, "--days 200 over the cap: at least 200 days");
	ok(!c.capped && c.caught == 140, "  so not capped, 140 caught up");

	source_window_init(&w, 100, "2025-12-26", &err);
	source_window_catchup(&w, last - 140, SOURCE_CATCHUP_MAX_DAYS, &c);
	is_int(w.first, last - 99, "--days 100, 140 behind: 100 days");
	ok(c.capped && c.caught == 100 && c.wanted == 140, "  capped: 100 of 140");
	strbuf_release(&err);
}

static void test_items(void)
{
	struct source_list l;
	struct source_items it;
	struct source_window w;
	struct strbuf err = STRBUF_INIT, stem = STRBUF_INIT;
	source_list_init(&l);
	source_items_init(&it);
	is_int(source_list_add(&l, "hahngt=" SOURCE_DEFAULT_TEMPLATE, &err), 0,
	       "the default's fallback template");
	source_window_init(&w, 3, "2025-10-01", &err);
	is_int(source_items_add(&it, &l.v[0], &w, &err), 0, "items of a template");
	is_int((long)it.n, 3, "one per day");
	if (it.n == 3) {
		is_str(it.v[0].date, "2025-10-01", "newest first");
		is_str(it.v[2].date, "2025-09-29", "oldest last");
		is_str(it.v[2].url, "https://raw.githubusercontent.com/hahngt/hahngt.github.io/main/"
				   "_posts/2025-09-29-daily-papers-20250929.md", "its URL");
		is_str(it.v[2].stem, "2025-09-29-hahngt-daily-papers-20250929",
		       "its cache name starts with the date");
	}
	source_items_free(&it);

	/* A directory: the window applies to dated names; others always count. */
	touch("2025-09-28-a.md");
	touch("2025-09-30 b.md");
	touch("2025-10-01-c.md");
	touch("notes.md");
	touch(".hidden.md");
	touch("2025-09-30-d.txt");
	is_int(source_list_add(&l, tmpdir, &err), 0, "a directory source");
	is_int(source_items_add(&it, &l.v[1], &w, &err), 0, "items of a directory");
	is_int((long)it.n, 4, "the posts in the window and the undated one");
	if (it.n == 4) {
		char want[600];
		is_str(it.v[0].date, NULL, "undated names sort after dates (newest first)");
		is_str(it.v[1].date, "2025-10-01", "then the newest");
		snprintf(want, sizeof(want), "file://%s/2025-09-30%%20b.md", tmpdir);
		is_str(it.v[2].url, want, "file URLs are percent-encoded");
		/* Not canonical (a blank after the date): a hash of the name. */
		snprintf(want, sizeof(want), "2025-09-30-%s-b~610a70a9e9", l.v[1].name);
		is_str(it.v[2].stem, want, "the stem of a file name with a space");
		snprintf(want, sizeof(want), "undated-%s-notes", l.v[1].name);
		is_str(it.v[0].stem, want, "the stem of an undated post");
	}
	source_items_free(&it);

	/* A single URL. */
	is_int(source_list_add(&l, "https://example.com/a/2025-01-02-x.md?raw=1", &err), 0, "a URL source");
	is_int(source_items_add(&it, &l.v[2], &w, &err), 0, "its items");
	is_int((long)it.n, 1, "one item, whatever the window");
	if (it.n == 1) {
		is_str(it.v[0].date, "2025-01-02", "dated by its name");
		is_str(it.v[0].stem, "2025-01-02-example_com-x", "its stem");
	}
	source_items_free(&it);

	source_item_stem("s", NULL, "https://h/", &stem);
	is_str(stem.buf, "undated-s-post", "a URL ending in / has a stem");
	strbuf_reset(&stem);
	source_item_stem("s", "2025-01-01", "https://h/%EA%B0%80..md#x", &stem);
	is_str(stem.buf, "2025-01-01-s-___.~1c44b05ce8", "odd bytes become _, and a hash is added");
	strbuf_reset(&stem);
	source_item_stem("s", "2025-01-01", "https://h/.hidden.md", &stem);
	is_str(stem.buf, "2025-01-01-s-_hidden~1f38d3ab30", "a leading dot is not kept");

	/* Two posts of one date whose names differ only in
	 * bytes the sanitized form loses get two cache names, stable ones. */
	{
		struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, again = STRBUF_INIT;
		source_item_stem("d", "2025-11-03", "file:///p/2025-11-03-%EB%85%BC%EB%AC%B8.md", &a);
		source_item_stem("d", "2025-11-03", "file:///p/2025-11-03-%EC%9A%94%EC%95%BD.md", &b);
		source_item_stem("d", "2025-11-03", "file:///p/2025-11-03-%EB%85%BC%EB%AC%B8.md", &again);
		ok(strcmp(a.buf, b.buf) != 0, "논문.md and 요약.md: two cache names (%s, %s)", a.buf, b.buf);
		is_str(again.buf, a.buf, "  the same name gives the same cache name");
		const char *pairs[][2] = {
			{ "2025-11-03-a b.md", "2025-11-03-a_b.md" },
			{ "2025-11-03-x.md", "2025-11-03_x.md" },
			{ "2025-11-03-x.md", "2025-11-03--x.md" },
			{ "2025-11-03-x.md", "2025-11-03-x.markdown" },
			{ "2025-11-03-x.md", "2025-11-03-x.MD" },
			{ "2025-11-03.md", "2025-11-03-post.md" },
		};
		for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
			strbuf_reset(&a);
			strbuf_reset(&b);
			struct strbuf u = STRBUF_INIT;
			strbuf_addf(&u, "https://h/%s", pairs[i][0]);
			source_item_stem("d", "2025-11-03", u.buf, &a);
			strbuf_reset(&u);
			strbuf_addf(&u, "https://h/%s", pairs[i][1]);
			source_item_stem("d", "2025-11-03", u.buf, &b);
			ok(strcmp(a.buf, b.buf) != 0, "%s and %s differ (%s, %s)", pairs[i][0],
			   pairs[i][1], a.buf, b.buf);
			strbuf_release(&u);
		}
		strbuf_reset(&a);
		source_item_stem("hahngt", "2025-11-03",
				 "https://h/_posts/2025-11-03-daily-papers-20251103.md", &a);
		is_str(a.buf, "2025-11-03-hahngt-daily-papers-20251103",
		       "a canonical name keeps its cache name of before (caches stay valid)");
		strbuf_release(&a);
		strbuf_release(&b);
		strbuf_release(&again);
	}

	/* A directory gone is an error for its items. */
	char gone[600];
	snprintf(gone, sizeof(gone), "%s/gone", tmpdir);
	mkdir(gone, 0755);
	is_int(source_list_add(&l, gone, &err), 0, "another directory");
	rmdir(gone);
	ok(source_items_add(&it, &l.v[3], &w, &err) < 0, "that vanished is an error");
	ok(strstr(err.buf, "gone") != NULL, "naming it");
	source_items_free(&it);
	source_list_free(&l);
	strbuf_release(&err);
	strbuf_release(&stem);
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		tap_skip_all("cannot make a temporary directory");
		return 0;
	}
	char sub[600];
	snprintf(sub, sizeof(sub), "%s/Daily Posts", tmpdir);
	mkdir(sub, 0755);
	touch("2025-09-29 post.md");
	test_expand();
	test_window();
	test_kinds();
	test_names();
	test_items();
	test_github();
	test_catchup();
	char cmd[700];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tmpdir);
	return tap_done();
}
