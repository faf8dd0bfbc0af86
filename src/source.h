/* source: where digest posts come from, and which URLs a fetch asks for.
 *
 * A source is given as [NAME=]TEMPLATE|URL|DIR and is one of:
 *   - a URL template (http://, https:// or file://, or a local path) holding
 *     date fields: one URL per day of the date window;
 *   - a single URL (http://, https:// or file://, or a local file);
 *   - a local directory of posts (a path, or a file:// URL naming a
 *     directory): every *.md in it — those whose name starts with a date only
 *     when the date is in the window;
 *   - a GitHub repository, "github OWNER/REPO [BRANCH] [PATH]" (BRANCH main,
 *     PATH _posts; PATH "/" is the top level): its posts are what the git
 *     trees API lists under PATH (see github.h and fetch.h), and its date
 *     template — used when the listing cannot be had — is
 *     RAW/OWNER/REPO/BRANCH/PATH/SOURCE_GITHUB_TEMPLATE_NAME.
 * Each source has a short name ([a-z0-9_], at most 32 bytes) shown by the UI
 * and used in the cache's file names: NAME when given, else derived from the
 * URL (the GitHub owner, the host) or the directory's name.
 *
 * Date fields are strftime's day fields: %Y %m %d %e %j %y %F %G %g %V %u %w
 * %U %W %a %A %b %B %h, and %% for a '%'. Anything else after a '%' (as the
 * hex digits of percent-encoding, %20 or %EA) is copied as it is; so is a
 * field letter that is a hex digit when a hex digit follows it (%B0, %d5).
 * No I/O but the checks of local paths and listing DIR sources. */
#ifndef DIGEST_SOURCE_H
#define DIGEST_SOURCE_H

#include <stddef.h>

#include "strbuf.h"

#define SOURCE_DEFAULT_NAME "hahngt"
#define SOURCE_DEFAULT_SPEC "github hahngt/hahngt.github.io"
/* The file names of the digest blog's posts: a github source's fallback. */
#define SOURCE_GITHUB_TEMPLATE_NAME "%Y-%m-%d-daily-papers-%Y%m%d.md"
/* The default source's fallback, with the default github-raw-url. */
#define SOURCE_DEFAULT_TEMPLATE \
	"https://raw.githubusercontent.com/hahngt/hahngt.github.io/main/_posts/" \
	"%Y-%m-%d-daily-papers-%Y%m%d.md"
#define SOURCE_DEFAULT_DAYS 14
#define SOURCE_NAME_MAX 32

enum source_kind {
	SOURCE_TEMPLATE,  /* a URL with date fields: one URL per day */
	SOURCE_URL,       /* one URL */
	SOURCE_DIR,       /* a local directory of posts */
	SOURCE_GITHUB,    /* a GitHub repository, listed by the trees API */
};

struct source {
	char *name;            /* short name, unique within its list */
	char *spec;            /* as given, NAME= included */
	enum source_kind kind;
	char *location;        /* the URL or template; for SOURCE_DIR the
				* directory's absolute path; for SOURCE_GITHUB
				* "OWNER/REPO BRANCH PATH" */
	/* SOURCE_GITHUB only (else NULL): the parts of location; path is ""
	 * for the repository's top level. */
	char *gh_repo, *gh_branch, *gh_path;
};

struct source_list {
	struct source *v;
	size_t n, cap;
};

void source_list_init(struct source_list *l);
void source_list_free(struct source_list *l);
/* Adds the public digest blog (SOURCE_DEFAULT_SPEC, named "hahngt"). */
void source_list_add_default(struct source_list *l);
/* Adds [NAME=]TEMPLATE|URL|DIR. Returns 0, or -1 with a one-line message in
 * err (an unsupported protocol, a path that does not exist, a bad NAME). */
int source_list_add(struct source_list *l, const char *spec, struct strbuf *err);
const struct source *source_list_find(const struct source_list *l, const char *name);

/* Classifies a spec (without NAME=): its kind and location, as above. Returns
 * 0, or -1 with a message in err. */
int source_classify(const char *spec, enum source_kind *kind,
		    struct strbuf *location, struct strbuf *err);
/* The name a spec gets when none is given (not yet made unique). */
void source_derive_name(const char *spec, enum source_kind kind,
			const char *location, struct strbuf *out);
/* Whether s holds at least one date field. */
int source_has_date_fields(const char *s);
/* Appends the template with its date fields filled for `day`. */
void source_expand(const char *tmpl, long day, struct strbuf *out);

/* The fetch window: `days` days ending with `last` (inclusive). */
struct source_window {
	long first, last;
};
/* days <= 0 means SOURCE_DEFAULT_DAYS; until NULL means today. Returns 0, or
 * -1 with a message in err for a bad date. */
int source_window_init(struct source_window *w, int days, const char *until,
		       struct strbuf *err);

/* One thing to fetch: a URL and the cache entry it goes to. */
struct source_item {
	const struct source *src;
	char *url;
	char *date;     /* "YYYY-MM-DD" when known, else NULL */
	char *blob_sha; /* a listed post's git blob SHA-1 (40 hex), else NULL */
	char *stem;     /* cache name without extension: DATE-SOURCE-BASENAME,
			 * or undated-SOURCE-BASENAME; when the file name is
			 * not [DATE-]BASENAME.md with BASENAME of
			 * [A-Za-z0-9._-], BASENAME sanitized plus "~" and 10
			 * hex digits of the name's SHA-256: unique and stable
			 * for any name */
};

struct source_items {
	struct source_item *v;
	size_t n, cap;
};

void source_items_init(struct source_items *it);
void source_items_free(struct source_items *it);
/* Appends the items of one source over the window, newest first (for a DIR:
 * by name, newest first). Returns 0, or -1 with a message in err (a DIR that
 * cannot be read). */
int source_items_add(struct source_items *it, const struct source *s,
		     const struct source_window *w, struct strbuf *err);
/* Appends one item (a listed post of a SOURCE_GITHUB source: its raw URL,
 * date and blob SHA, which may be NULL). */
void source_items_push(struct source_items *it, const struct source *s,
		       const char *url, const char *date, const char *blob_sha);
/* Catch-up: a fetch reaches back to the newest post the cache holds for a
 * source, however long ago, so that nothing published during a break is
 * lost; `days` is the window on an empty cache and a minimum after that. A
 * template source costs a request a day, so its catch-up reaches back at
 * most SOURCE_CATCHUP_MAX_DAYS days (a quarter) from the window's last day,
 * leaving out the older days after that post, and says so; --days reaches
 * further. A listing source (github, DIR) has no bound. */
#define SOURCE_CATCHUP_MAX_DAYS 92

struct source_catchup {
	long caught;  /* days of the window after the newest cached post: the
		       * whole window on an empty cache, 0 when the cache
		       * holds the window's last day or a later one */
	long wanted;  /* days after the newest cached post up to the window's
		       * last day (as caught on an empty cache) */
	int capped;   /* the bound stopped it: days after the newest cached
		       * post are not in the window (caught < wanted) */
};
/* Reaches w back to `newest`, the day of the newest post the cache holds
 * for the source (LONG_MIN: none): [min(newest, w->first) .. w->last], the
 * newest cached day included so that a change to it is seen; with cap > 0,
 * reaching back at most cap days from w->last, the days between newest and
 * them left out (w->first never moves later). */
void source_window_catchup(struct source_window *w, long newest, long cap,
			   struct source_catchup *c);

/* The window of a listing source: the `days` days (w->last - w->first + 1)
 * ending with the newest of the listed days at or before w->last; w as it is
 * when no listed day is. days[] need not be sorted. */
void source_window_follow(struct source_window *w, const long *days, size_t n);
/* The cache stem of a URL's item (see struct source_item). */
void source_item_stem(const char *source_name, const char *date,
		      const char *url, struct strbuf *out);

#endif
