/* http: configured libcurl handles and shared header reading (see http.h). */
#include "config.h"

#include <curl/curl.h>
#include <string.h>
#include <strings.h>

#include "http.h"

static const char user_agent[] = "digest-tui/" PACKAGE_VERSION;

static int ready;

int http_init(void)
{
	if (!ready && curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK)
		ready = 1;
	return ready ? 0 : -1;
}

void http_cleanup(void)
{
	if (ready)
		curl_global_cleanup();
	ready = 0;
}

CURL *http_easy(const struct http_limits *l, char *errbuf)
{
	CURL *e = curl_easy_init();
	if (!e)
		return NULL;
	errbuf[0] = '\0';
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, l->allow_file ? "http,https,file" : "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)HTTP_MAX_REDIRS);
	curl_easy_setopt(e, CURLOPT_USERAGENT, user_agent);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, l->timeout_ms);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, l->connect_timeout_ms < l->timeout_ms
								? l->connect_timeout_ms
								: l->timeout_ms);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, l->low_speed_limit);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, l->low_speed_time);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)l->max_bytes);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	/* TLS verification and the proxy environment: libcurl's defaults. */
	return e;
}

int http_unreachable(CURLcode rc)
{
	return rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_RESOLVE_PROXY ||
	       rc == CURLE_COULDNT_CONNECT;
}

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

const char *http_header_value(const char *line, size_t len, const char *name,
			      size_t *vlen)
{
	size_t n = strlen(name);
	if (len <= n || strncasecmp(line, name, n) || line[n] != ':')
		return NULL;
	const char *v = line + n + 1, *end = line + len;
	while (v < end && blank(*v))
		v++;
	while (end > v && blank(end[-1]))
		end--;
	*vlen = (size_t)(end - v);
	return end > v ? v : NULL;
}

long long http_retry_after(const char *line, size_t len, time_t now)
{
	size_t n;
	const char *v = http_header_value(line, len, "retry-after", &n);
	if (!v)
		return -1;
	size_t digits = 0;
	while (digits < n && v[digits] >= '0' && v[digits] <= '9')
		digits++;
	if (digits == n) {
		if (n > 15)
			return -1;
		long long s = 0;
		for (size_t i = 0; i < n; i++)
			s = s * 10 + (v[i] - '0');
		return s;
	}
	char date[64];
	if (n >= sizeof(date))
		return -1;
	memcpy(date, v, n);
	date[n] = '\0';
	time_t t = curl_getdate(date, NULL);
	if (t == (time_t)-1)
		return -1;
	return t > now ? (long long)(t - now) : 0;
}
