/* github: the GitHub side of a `github OWNER/REPO [BRANCH] [PATH]` source —
 * the git trees API's listing (JSON, read with jansson under caps on size,
 * depth and count) into the posts it names, the URLs asked for, and the
 * one-line account of a rate-limited answer. No I/O: fetch.c transfers. */
#ifndef DIGEST_GITHUB_H
#define DIGEST_GITHUB_H

#include <stddef.h>
#include <time.h>

#include "strbuf.h"

#define GITHUB_DEFAULT_API_URL "https://api.github.com"
#define GITHUB_DEFAULT_RAW_URL "https://raw.githubusercontent.com"
/* A listing larger than this is refused (GitHub itself truncates a tree at
 * 100 000 entries or 7 MB); the posts kept from one listing are at most
 * GITHUB_MAX_POSTS (the newest win), the JSON nested at most
 * GITHUB_MAX_DEPTH deep. */
#define GITHUB_MAX_LISTING (16LL << 20)
#define GITHUB_MAX_POSTS 20000
#define GITHUB_MAX_DEPTH 8
/* A post's file name (the part after PATH/) is at most this many bytes. */
#define GITHUB_MAX_NAME 200

/* One post of a listing: a blob directly under PATH named YYYY-MM-DD-*.md. */
struct github_post {
	char *name;        /* the file name, [A-Za-z0-9._-] only */
	char date[11];     /* YYYY-MM-DD, from the name */
	long day;          /* the same, as date_parse gives it */
	char sha[41];      /* the blob's SHA-1, 40 lower-case hex digits */
};

struct github_listing {
	struct github_post *v;   /* newest first (by date, then name) */
	size_t n, cap;
	int truncated;           /* GitHub said the tree was cut short */
};

void github_listing_init(struct github_listing *l);
void github_listing_free(struct github_listing *l);

/* Reads a trees-API answer: the blobs of tree[] whose path is PATH/NAME
 * (path "" for the top level) with NAME a dated post. Entries of any other
 * shape are skipped, not refused. Returns 0, or -1 with a one-line reason in
 * err (not JSON, too deep, too large, no tree[]). */
int github_listing_parse(const char *json, size_t len, const char *path,
			 struct github_listing *out, struct strbuf *err);

/* Whether s is OWNER/REPO (each 1 to 100 of [A-Za-z0-9._-], not "." or
 * ".."), a BRANCH or a PATH (segments of [A-Za-z0-9._-] joined by '/', no
 * "." or ".." segment, at most 200 bytes). Only such text goes into URLs. */
int github_repo_ok(const char *s);
int github_ref_ok(const char *s);

/* Whether the token must not be sent to the trees API at api_url: anything
 * but https, unless plain http to this machine (127.0.0.1, localhost or
 * ::1, as libcurl reads the URL), where no one on the way can read it.
 * Returns 1 with the one line that says so in why, else 0. */
int github_token_refused(const char *api_url, struct strbuf *why);

/* {api}/repos/{repo}/git/trees/{branch}?recursive=1 */
void github_tree_url(const char *api, const char *repo, const char *branch,
		     struct strbuf *out);
/* {raw}/{repo}/{branch}/{path}/{name} ({path}/ left out when path is ""). */
void github_raw_url(const char *raw, const char *repo, const char *branch,
		    const char *path, const char *name, struct strbuf *out);

/* The rate-limit headers of an answer, as far as they were sent. */
struct github_limit {
	int remaining;     /* X-RateLimit-Remaining, -1 when absent */
	long long reset;   /* X-RateLimit-Reset (epoch seconds), -1 when absent */
	long long retry_after;   /* Retry-After in seconds from when it came
				  * (http_retry_after), -1 when absent */
};

void github_limit_init(struct github_limit *g);
/* Reads one header line into g when it is one of the three. */
void github_limit_header(struct github_limit *g, const char *line, size_t len);
/* Whether a status with these headers says "rate limited" (403 or 429 with
 * X-RateLimit-Remaining: 0, or with Retry-After). */
int github_limit_hit(const struct github_limit *g, long status);
/* The one line that says a listing was refused for the rate limit (status
 * the HTTP status) and when asking again is allowed: "GitHub's rate limit is
 * reached (HTTP 403); it can be asked again at 14:05" in local time (with the
 * date, "at 2025-05-24 14:05", when it is not today), from Retry-After
 * (counted from now) or else X-RateLimit-Reset; "... again later" when
 * neither was sent or the time is not ahead of now (nor before 2100). */
void github_limit_message(const struct github_limit *g, long status, time_t now,
			  struct strbuf *out);

#endif
