/* Unit tests for github.c: the trees-API listing (posts picked by path,
 * type, name and SHA; newest first; hostile shapes skipped or refused under
 * the caps), the URLs, and rate-limit headers. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "github.h"
#include "source.h"
#include "tap.h"
#include "util.h"

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"

static int parse(const char *json, const char *path, struct github_listing *l,
		 struct strbuf *err)
{
	github_listing_free(l);
	strbuf_reset(err);
	return github_listing_parse(json, strlen(json), path, l, err);
}

int main(void)
{
	struct github_listing l;
	struct strbuf err = STRBUF_INIT, sb = STRBUF_INIT;
	github_listing_init(&l);
	const char *json =
		"{\"sha\":\"x\",\"truncated\":false,\"tree\":["
		"{\"path\":\"_posts\",\"type\":\"tree\",\"sha\":\"" SHA_A "\"},"
		"{\"path\":\"_posts/2025-10-02-daily-papers-20251002.md\",\"type\":\"blob\",\"sha\":\"" SHA_A "\",\"size\":10},"
		"{\"path\":\"_posts/2025-12-26-daily-papers-20251226.md\",\"type\":\"blob\",\"sha\":\"" SHA_B "\"},"
		"{\"path\":\"_posts/README.md\",\"type\":\"blob\",\"sha\":\"" SHA_A "\"},"
		"{\"path\":\"_posts/2025-13-01-bad-month.md\",\"type\":\"blob\",\"sha\":\"" SHA_A "\"},"
		"{\"path\":\"_posts/drafts/2025-12-30-draft.md\",\"type\":\"blob\",\"sha\":\"" SHA_A "\"},"
		"{\"path\":\"_posts/2025-12-29-x.md\",\"type\":\"tree\",\"sha\":\"" SHA_A "\"},"
		"{\"path\":\"_posts/2025-12-28-short-sha.md\",\"type\":\"blob\",\"sha\":\"abc\"},"
		"{\"path\":\"_posts/2025-12-27-a b.md\",\"type\":\"blob\",\"sha\":\"" SHA_A "\"},"
		"{\"path\":\"_posts/2025-12-25-../x.md\",\"type\":\"blob\",\"sha\":\"" SHA_A "\"},"
		"{\"path\":\"_posts/2025-12-24-ok.markdown\",\"type\":\"blob\",\"sha\":\"" SHA_A "\"},"
		"{\"path\":\"_postsX/2025-12-31-no.md\",\"type\":\"blob\",\"sha\":\"" SHA_A "\"},"
		"{\"path\":\"2025-12-31-top.md\",\"type\":\"blob\",\"sha\":\"" SHA_A "\"},"
		"{\"path\":7,\"type\":\"blob\",\"sha\":\"" SHA_A "\"},"
		"\"a string\","
		"{\"path\":\"_posts/2025-10-02-daily-papers-20251002.md\",\"type\":\"blob\",\"sha\":\"" SHA_B "\"}"
		"]}";
	is_int(parse(json, "_posts", &l, &err), 0, "a listing parses");
	is_int((long)l.n, 2, "two posts: the dated blobs right under _posts, named by rule");
	if (l.n == 2) {
		is_str(l.v[0].name, "2025-12-26-daily-papers-20251226.md", "newest first");
		is_str(l.v[0].date, "2025-12-26", "dated by its name");
		is_str(l.v[0].sha, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "its SHA in lower case");
		is_str(l.v[1].name, "2025-10-02-daily-papers-20251002.md", "a name listed twice counts once");
	}
	is_int(l.truncated, 0, "not truncated");
	is_int(parse(json, "", &l, &err), 0, "the top level as PATH");
	ok(l.n == 1 && !strcmp(l.v[0].name, "2025-12-31-top.md"), "gives the top-level post");

	is_int(parse("{\"tree\":[],\"truncated\":true}", "_posts", &l, &err), 0, "an empty tree");
	ok(l.n == 0 && l.truncated, "truncated is read");
	ok(parse("not json", "_posts", &l, &err) < 0 && strstr(err.buf, "not JSON"),
	   "not JSON is refused: %s", err.buf);
	ok(parse("[1,2]", "_posts", &l, &err) < 0 && strstr(err.buf, "no tree[]"),
	   "an array is refused: %s", err.buf);
	ok(parse("{\"tree\":{}}", "_posts", &l, &err) < 0, "a tree that is no array is refused");
	ok(parse("{\"tree\":[],\"tree\":[]}", "_posts", &l, &err) < 0,
	   "duplicate keys are refused");
	struct strbuf deep = STRBUF_INIT;
	strbuf_addstr(&deep, "{\"tree\":[],\"x\":");
	for (int i = 0; i < 100000; i++)
		strbuf_addch(&deep, '[');
	ok(parse(deep.buf, "_posts", &l, &err) < 0 && strstr(err.buf, "deeper"),
	   "100000 nested arrays are refused before jansson sees them: %s", err.buf);
	strbuf_release(&deep);
	ok(github_listing_parse("{}", (size_t)GITHUB_MAX_LISTING + 1, "_posts", &l, &err) < 0,
	   "a listing over the size cap is refused unread");

	/* Many posts: at most GITHUB_MAX_POSTS, the newest kept. */
	struct strbuf many = STRBUF_INIT;
	strbuf_addstr(&many, "{\"tree\":[");
	int total = GITHUB_MAX_POSTS + 50;
	for (int i = 0; i < total; i++) {
		char date[DATE_LEN + 1];
		date_format(10000 + i % 5000, date);
		strbuf_addf(&many, "%s{\"path\":\"p/%s-n%d.md\",\"type\":\"blob\","
			    "\"sha\":\"" SHA_A "\"}", i ? "," : "", date, i);
	}
	strbuf_addstr(&many, "]}");
	is_int(github_listing_parse(many.buf, many.len, "p", &l, &err), 0, "a large listing");
	is_int((long)l.n, GITHUB_MAX_POSTS, "is capped");
	if (l.n == GITHUB_MAX_POSTS) {
		char newest[DATE_LEN + 1];
		date_format(10000 + 4999, newest);
		is_str(l.v[0].date, newest, "the newest kept");
	}
	strbuf_release(&many);
	github_listing_free(&l);

	ok(github_repo_ok("hahngt/hahngt.github.io"), "a repository name");
	ok(!github_repo_ok("a/b/c") && !github_repo_ok("a") && !github_repo_ok("a/..") &&
	   !github_repo_ok("a/b c") && !github_repo_ok("a/b%2f"), "bad repository names");
	ok(github_ref_ok("feature/x-1") && !github_ref_ok("a/../b") && !github_ref_ok("a/") &&
	   !github_ref_ok("") && !github_ref_ok("a?b"), "branch and path names");

	github_tree_url("http://127.0.0.1:9/api/", "o/r", "main", &sb);
	is_str(sb.buf, "http://127.0.0.1:9/api/repos/o/r/git/trees/main?recursive=1", "the trees URL");
	strbuf_reset(&sb);
	github_raw_url("https://raw.githubusercontent.com", "o/r", "main", "_posts", "2025-01-01-a.md", &sb);
	is_str(sb.buf, "https://raw.githubusercontent.com/o/r/main/_posts/2025-01-01-a.md", "a raw URL");
	strbuf_reset(&sb);
	github_raw_url("http://h/raw/", "o/r", "main", "", "x.md", &sb);
	is_str(sb.buf, "http://h/raw/o/r/main/x.md", "at the top level");

	/* The token goes over https, or plain http to this machine only. */
	static const struct {
		const char *url;
		int refused;
	} token_to[] = {
		{ "https://api.github.com", 0 },
		{ "HTTPS://API.GITHUB.COM/", 0 },
		{ "http://127.0.0.1:8080/api", 0 },
		{ "http://localhost/api", 0 },
		{ "http://LocalHost:9/api", 0 },
		{ "http://[::1]:8080/api", 0 },
		{ "http://api.example.com/api", 1 },
		{ "http://127.0.0.1@api.example.com/api", 1 },
		{ "http://localhost.example.com/api", 1 },
		{ "http://127.0.0.2/api", 1 },
		{ "http://[::2]/api", 1 },
		{ "ftp://127.0.0.1/api", 1 },
		{ "not a URL", 1 },
	};
	for (size_t i = 0; i < sizeof(token_to) / sizeof(token_to[0]); i++) {
		strbuf_reset(&sb);
		int r = github_token_refused(token_to[i].url, &sb);
		ok(r == token_to[i].refused && (r ? sb.len > 0 : sb.len == 0),
		   "the token %s %s", r ? "is not sent to" : "may go to", token_to[i].url);
	}
	strbuf_reset(&sb);
	github_token_refused("http://user:secret@api.example.com:8080/api", &sb);
	is_str(sb.buf, "the GitHub token is not sent over plain http to api.example.com "
	       "(github-api-url): only over https, or to 127.0.0.1, localhost or ::1; the "
	       "listings are asked for without it", "saying so in one line, naming the host only");
	strbuf_reset(&sb);
	github_token_refused("ftp://h/", &sb);
	is_str(sb.buf, "the GitHub token is not sent to a URL that is not https (github-api-url): "
	       "only over https, or to 127.0.0.1, localhost or ::1; the listings are asked "
	       "for without it", "  or that it is not https");
	strbuf_reset(&sb);

	struct github_limit g;
	github_limit_init(&g);
	const char *h1 = "X-RateLimit-Remaining: 0\r\n", *h2 = "x-ratelimit-reset: 1700000000\r\n";
	github_limit_header(&g, h1, strlen(h1));
	github_limit_header(&g, h2, strlen(h2));
	ok(g.remaining == 0 && g.reset == 1700000000LL, "rate-limit headers are read");
	ok(github_limit_hit(&g, 403) && github_limit_hit(&g, 429) && !github_limit_hit(&g, 404),
	   "403 or 429 with nothing remaining is the limit");
	github_limit_init(&g);
	github_limit_header(&g, h2, strlen(h2));
	ok(!github_limit_hit(&g, 403), "a 403 with requests remaining is not");
	const char *h3 = "Retry-After: 120\r\n", *h4 = "Retry-After: Wed, 21 Oct 2015\r\n",
		   *h5 = "Retry-After: someday\r\n";
	github_limit_header(&g, h5, strlen(h5));
	ok(g.retry_after < 0, "a Retry-After that is neither seconds nor a date is none");
	github_limit_header(&g, h4, strlen(h4));
	ok(g.retry_after == 0, "a Retry-After date past is no wait (http_retry_after)");
	github_limit_header(&g, h3, strlen(h3));
	ok(g.retry_after == 120 && github_limit_hit(&g, 429), "Retry-After: 120");
	strbuf_reset(&sb);
	setenv("TZ", "UTC", 1);
	const time_t now = (time_t)1700000000; /* 2023-11-14 22:13:20 UTC */
	github_limit_message(&g, 429, now, &sb);
	is_str(sb.buf, "GitHub's rate limit is reached (HTTP 429); it can be asked again at 22:15",
	       "Retry-After counts from now: the time of day");
	github_limit_init(&g);
	g.reset = 1700000000LL + 86400;
	strbuf_reset(&sb);
	github_limit_message(&g, 403, now, &sb);
	is_str(sb.buf, "GitHub's rate limit is reached (HTTP 403); it can be asked again at "
	       "2023-11-15 22:13", "another day gets its date");
	/* Without a time worth naming the sentence still reads: "later". */
	static const struct {
		long long reset, retry_after;
		const char *what;
	} later[] = {
		{ -1, -1, "no header (or one that could not be read)" },
		{ 1700000000LL - 600, -1, "a reset ten minutes ago" },
		{ 1000000000LL, -1, "a reset years ago" },
		{ 1700000000LL, -1, "a reset now" },
		{ 9000000000LL, -1, "a reset past 2100" },
		{ -1, 0, "Retry-After: 0" },
	};
	for (size_t i = 0; i < sizeof(later) / sizeof(later[0]); i++) {
		github_limit_init(&g);
		g.reset = later[i].reset;
		g.retry_after = later[i].retry_after;
		strbuf_reset(&sb);
		github_limit_message(&g, 403, now, &sb);
		is_str(sb.buf, "GitHub's rate limit is reached (HTTP 403); it can be asked again later",
		       "%s: again later", later[i].what);
	}
	strbuf_release(&sb);
	strbuf_release(&err);
	return tap_done();
}
