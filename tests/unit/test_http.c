/* Unit tests for http.c: Retry-After as seconds or an HTTP-date, header
 * values, which failures mean "unreachable", and that a handle takes the
 * protocols it is set up for (file:// only where asked). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "http.h"
#include "tap.h"

static long long retry(const char *line, time_t now)
{
	return http_retry_after(line, strlen(line), now);
}

static void test_retry_after(void)
{
	time_t now = 1760000000; /* 2025-10-09T08:53:20Z */
	is_int(retry("Retry-After: 120\r\n", now), 120, "seconds");
	is_int(retry("retry-after:7", now), 7, "any case, no space");
	is_int(retry("RETRY-AFTER: \t 0 \r\n", now), 0, "zero, blanks around");
	is_int(retry("Retry-After: 999999999999999\r\n", now), 999999999999999LL,
	       "fifteen digits");
	is_int(retry("Retry-After: 9999999999999999\r\n", now), -1, "sixteen are refused");
	is_int(retry("Retry-After: Thu, 09 Oct 2025 08:55:20 GMT\r\n", now), 120,
	       "an HTTP-date two minutes ahead");
	is_int(retry("Retry-After: Thu, 09 Oct 2025 08:00:00 GMT\r\n", now), 0,
	       "a date past is no wait");
	is_int(retry("Retry-After: soon\r\n", now), -1, "neither a number nor a date");
	is_int(retry("Retry-After: 12 s\r\n", now), -1, "a number with more after it");
	is_int(retry("Retry-After:\r\n", now), -1, "empty");
	is_int(retry("Retry-Afterward: 5\r\n", now), -1, "another header");
	is_int(retry("X-Retry-After: 5\r\n", now), -1, "another header, ending the same");
}

static void test_header_value(void)
{
	size_t n = 0;
	const char *line = "ETag:  \"abc\" \r\n";
	const char *v = http_header_value(line, strlen(line), "etag", &n);
	ok(v && n == 5 && !memcmp(v, "\"abc\"", 5), "a value, trimmed");
	ok(!http_header_value(line, strlen(line), "etags", &n), "another name");
	line = "ETag: \r\n";
	ok(!http_header_value(line, strlen(line), "etag", &n), "an empty value is none");
	line = "HTTP/1.1 200 OK\r\n";
	ok(!http_header_value(line, strlen(line), "http", &n), "a status line is no header");
}

static void test_unreachable(void)
{
	ok(http_unreachable(CURLE_COULDNT_RESOLVE_HOST) && http_unreachable(CURLE_COULDNT_CONNECT) &&
	   http_unreachable(CURLE_COULDNT_RESOLVE_PROXY), "no name, no proxy, no connection");
	ok(!http_unreachable(CURLE_OPERATION_TIMEDOUT) && !http_unreachable(CURLE_OK) &&
	   !http_unreachable(CURLE_TOO_MANY_REDIRECTS), "a timeout or a redirect loop is not");
}

static size_t keep(char *p, size_t size, size_t n, void *ud)
{
	(void)p;
	*(size_t *)ud += size * n;
	return size * n;
}

/* A file:// URL through a handle set up with or without allow_file. */
static CURLcode get_file(const char *url, int allow_file, size_t *got, char *errbuf)
{
	struct http_limits l = { 5000, 5000, 1, 5, 1 << 20, allow_file };
	CURL *e = http_easy(&l, errbuf);
	if (!e)
		return CURLE_FAILED_INIT;
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, keep);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, got);
	CURLcode rc = curl_easy_perform(e);
	curl_easy_cleanup(e);
	return rc;
}

static void test_protocols(void)
{
	char path[] = "/tmp/digest-tui-test-http.XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0 || write(fd, "twelve bytes", 12) != 12) {
		ok(0, "a temporary file");
		return;
	}
	close(fd);
	char url[64];
	snprintf(url, sizeof(url), "file://%s", path);
	char errbuf[CURL_ERROR_SIZE];
	size_t got = 0;
	is_int(get_file(url, 1, &got, errbuf), CURLE_OK, "file:// where it is asked for");
	is_int((long)got, 12, "  read whole");
	got = 0;
	is_int(get_file(url, 0, &got, errbuf), CURLE_UNSUPPORTED_PROTOCOL,
	       "file:// refused elsewhere");
	ok(errbuf[0] != '\0', "  with the reason in the error buffer");
	is_int((long)got, 0, "  nothing read");
	unlink(path);
}

int main(void)
{
	if (http_init() < 0) {
		tap_skip_all("libcurl does not start");
		return 0;
	}
	test_retry_after();
	test_header_value();
	test_unreachable();
	test_protocols();
	http_cleanup();
	return tap_done();
}
