/* http: the one place where a libcurl easy handle is set up, so that every
 * request the program makes — posts, GitHub listings, paper facts — follows
 * the same rules: http and https only (file:// as well where a caller asks,
 * for local sources), at most HTTP_MAX_REDIRS redirects and only to http or
 * https, a connect timeout, a total timeout and a floor on speed, HTTP/2
 * over TLS where the server offers it, one User-Agent (digest-tui/VERSION),
 * every Accept-Encoding libcurl decodes, no signals, and an error buffer.
 * It also reads the response headers its callers share ("Name: value" and
 * Retry-After). The transfers themselves, easy or multi, and their
 * callbacks are the callers'. */
#ifndef DIGEST_HTTP_H
#define DIGEST_HTTP_H

#include <curl/curl.h>
#include <stddef.h>
#include <time.h>

/* Redirects followed before a request fails (CURLE_TOO_MANY_REDIRECTS):
 * enough for a moved blog or a CDN's hop, few enough that a loop fails
 * fast. */
#define HTTP_MAX_REDIRS 5

struct http_limits {
	long connect_timeout_ms;  /* to connect; never longer than timeout_ms */
	long timeout_ms;          /* the whole transfer */
	long low_speed_limit;     /* slower than this many bytes a second ... */
	long low_speed_time;      /* ... for this many seconds aborts it */
	long long max_bytes;      /* a body announced larger is refused */
	int allow_file;           /* file:// URLs too (local sources) */
};

/* libcurl's global state: http_init before the first handle (later calls do
 * nothing until http_cleanup), http_cleanup after the last one is freed.
 * http_init returns 0, or -1 when libcurl cannot start. */
int http_init(void);
void http_cleanup(void);

/* A new easy handle set up as above, its error messages written to errbuf
 * (CURL_ERROR_SIZE bytes that must outlive the handle). The caller sets the
 * URL, its callbacks and headers, and performs it (or adds it to a multi
 * handle). NULL when libcurl cannot make one. */
CURL *http_easy(const struct http_limits *l, char *errbuf);

/* Whether a failure says the host cannot be reached at all: its name (or
 * the proxy's) does not resolve, or no connection could be made. */
int http_unreachable(CURLcode rc);

/* The value of a header line "Name: value" when its name is `name` (any
 * case): a pointer into line, its length in *vlen, blanks and the line's
 * end trimmed. NULL for another header, or an empty value. */
const char *http_header_value(const char *line, size_t len, const char *name,
			      size_t *vlen);

/* The wait a Retry-After header line asks for, in seconds from now: its
 * delta-seconds (at most 15 digits), or its HTTP-date less now (0 for a date
 * past). -1 for another header, or a value that is neither. */
long long http_retry_after(const char *line, size_t len, time_t now);

#endif
