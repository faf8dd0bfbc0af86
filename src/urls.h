/* urls: the web pages a paper can be opened at — its arXiv abstract and PDF,
 * its Alphaxiv overview and its Hugging Face page — taken from the post's own
 * links when it has them, else built from the arXiv ID. And the one check every
 * URL passes before it reaches a browser or the clipboard. No I/O. */
#ifndef DIGEST_URLS_H
#define DIGEST_URLS_H

#include "model.h"

enum url_kind {
	URL_LINK,      /* the heading's link as written (a blog post, say), else abs */
	URL_ABS,       /* https://arxiv.org/abs/ID */
	URL_PDF,       /* https://arxiv.org/pdf/ID */
	URL_ALPHAXIV,  /* https://www.alphaxiv.org/LANG/overview/ID */
	URL_HF,        /* https://huggingface.co/papers/ID (new-style IDs only) */
	URL_KIND_COUNT
};

#define URL_ALPHAXIV_LANG_DEFAULT "ko"

/* "link", "abs", "pdf", "alphaxiv", "hf" — for the config and messages. */
const char *url_kind_name(enum url_kind k);
/* Returns 0 and sets *k, or -1 for an unknown name ("huggingface" also works). */
int url_kind_parse(const char *name, enum url_kind *k);

/* The host of an http or https URL: where it starts in url and its length
 * in *len (user info and port left out), and in *path where the path (or
 * the query, or the fragment) starts. NULL for any other URL. */
const char *url_host_span(const char *url, size_t *len, const char **path);

/* Whether url may be handed to a browser: http or https with a host, valid
 * UTF-8, no control characters (C0, DEL, C1), no bidi controls, at most 8 KiB.
 * Returns 1, or 0 with *why (may be NULL) set to a static reason, in
 * English: _(why) shows it. */
int url_is_safe(const char *url, const char **why);

/* The URL as it may reach a browser, a clipboard or a shell: checked as
 * url_is_safe does, the scheme lower-cased, and every byte outside this set
 * percent-encoded:
 *     A-Z a-z 0-9 - . _ ~ : / ? # [ ] @ = + , %XX
 * So no quote, space, $, backtick, ;, &, |, (, ), <, >, *, !, backslash or
 * non-ASCII byte survives, and the result is safe in a shell command line
 * even unquoted (where %u goes in the `browser` setting). A '%' not followed
 * by two hex digits becomes %25. Returns a new string, or NULL with *why set
 * (may be NULL) when the result is not an http(s) URL with a host (ASCII
 * letters, digits, dots and dashes, or an IPv6 literal); the reason is in
 * English, _(why) shows it. */
char *url_normalize(const char *url, const char **why);

/* A URL built from a normalized arXiv ID ("2509.22622", "hep-th/9901001"):
 * a new string, or NULL when the kind cannot be built from it (URL_LINK; HF
 * for an old-style ID; an ID that is not one). lang: the Alphaxiv language,
 * NULL or invalid for the default. */
char *url_from_id(const char *arxiv_id, enum url_kind kind, const char *lang);

/* The URL of a paper: the post's link of that kind when it has a safe one
 * (the heading link for abs/pdf when it points there, an "Alphaxiv" or
 * "Hugging Face" labeled link or one to those hosts), else built from the
 * arXiv ID. An explicitly given Alphaxiv lang wins over the post's link.
 * Returns a new string, normalized (url_normalize), or NULL when the paper
 * has no such URL. */
char *url_for_paper(const struct paper *p, enum url_kind kind, const char *lang);

#endif
