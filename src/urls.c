/* urls: paper URLs from posts and arXiv IDs (see urls.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arxiv.h"
#include "i18n.h"
#include "strbuf.h"
#include "urls.h"
#include "utf8.h"
#include "util.h"

#define URL_MAX 8192

static const char *const kind_names[URL_KIND_COUNT] = {
	[URL_LINK] = "link",
	[URL_ABS] = "abs",
	[URL_PDF] = "pdf",
	[URL_ALPHAXIV] = "alphaxiv",
	[URL_HF] = "hf",
};

const char *url_kind_name(enum url_kind k)
{
	return (unsigned)k < URL_KIND_COUNT ? kind_names[k] : "?";
}

int url_kind_parse(const char *name, enum url_kind *k)
{
	for (int i = 0; i < URL_KIND_COUNT; i++) {
		if (!strcasecmp(name, kind_names[i])) {
			*k = (enum url_kind)i;
			return 0;
		}
	}
	if (!strcasecmp(name, "huggingface") || !strcasecmp(name, "hugging-face")) {
		*k = URL_HF;
		return 0;
	}
	if (!strcasecmp(name, "arxiv")) {
		*k = URL_ABS;
		return 0;
	}
	return -1;
}

/* Where the host starts (after "scheme://"), or NULL when the scheme is not
 * http or https. */
static const char *after_scheme(const char *url)
{
	if (!strncasecmp(url, "https://", 8))
		return url + 8;
	if (!strncasecmp(url, "http://", 7))
		return url + 7;
	return NULL;
}

int url_is_safe(const char *url, const char **why)
{
	const char *dummy;
	if (!why)
		why = &dummy;
	if (!url || !*url) {
		*why = N_("empty URL");
		return 0;
	}
	size_t len = strlen(url);
	if (len > URL_MAX) {
		*why = N_("URL too long");
		return 0;
	}
	for (size_t i = 0; i < len;) {
		uint32_t c;
		i += utf8_decode(url + i, len - i, &c);
		if (c == UTF8_INVALID) {
			*why = N_("URL is not valid UTF-8");
			return 0;
		}
		if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
			*why = N_("URL contains control characters");
			return 0;
		}
		if (utf8_unsafe(c)) {
			*why = N_("URL contains invisible or bidirectional text controls");
			return 0;
		}
	}
	const char *host = after_scheme(url);
	if (!host) {
		*why = N_("only http and https URLs are opened");
		return 0;
	}
	if (!*host || strchr("/?#:@ ", *host)) {
		*why = N_("URL has no host");
		return 0;
	}
	return 1;
}

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Kept as they are: RFC 3986's unreserved and general delimiters, and the
 * sub-delimiters that mean nothing to a shell. */
static int url_char_kept(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       (c && strchr("-._~:/?#[]@=+,", c));
}

char *url_normalize(const char *url, const char **why)
{
	const char *dummy;
	if (!why)
		why = &dummy;
	if (!url_is_safe(url, why))
		return NULL;
	const char *host = after_scheme(url);
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, (size_t)(host - url) == 8 ? "https://" : "http://");
	for (const char *s = host; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '%' && is_hex(s[1]) && is_hex(s[2]))
			strbuf_addch(&sb, '%');
		else if (url_char_kept(c))
			strbuf_addch(&sb, (char)c);
		else
			strbuf_addf(&sb, "%%%02X", c);
	}
	/* The host: ASCII letters, digits, dots, dashes (or an IPv6 literal),
	 * up to the port, path, query or fragment; anything else there was
	 * not a host a browser should be sent to. */
	const char *h = sb.buf + (sb.buf[4] == 's' ? 8 : 7);
	size_t n = strcspn(h, "/?#");
	const char *at = memchr(h, '@', n);
	if (at) {
		n -= (size_t)(at + 1 - h);
		h = at + 1;
	}
	size_t hl = h[0] == '[' ? strcspn(h, "]") + 1 : strcspn(h, ":/?#");
	int host_ok = hl > 0 && hl <= n;
	for (size_t i = 0; host_ok && h[0] != '[' && i < hl; i++)
		host_ok = (h[i] >= 'a' && h[i] <= 'z') || (h[i] >= 'A' && h[i] <= 'Z') ||
			  (h[i] >= '0' && h[i] <= '9') || h[i] == '.' || h[i] == '-';
	if (!host_ok || sb.len > URL_MAX) {
		*why = sb.len > URL_MAX ? N_("URL too long") : N_("URL has no valid host");
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

const char *url_host_span(const char *url, size_t *len, const char **path)
{
	const char *h = after_scheme(url);
	if (!h)
		return NULL;
	size_t n = strcspn(h, "/?#");
	*path = h + n;
	const char *at = memchr(h, '@', n);
	if (at) {
		n -= (size_t)(at + 1 - h);
		h = at + 1;
	}
	const char *colon = memchr(h, ':', n);
	*len = colon ? (size_t)(colon - h) : n;
	return h;
}

/* Lower-cased host of an http(s) URL into buf (user info and port dropped);
 * returns a pointer to the path part, or NULL. */
static const char *url_host(const char *url, char *buf, size_t size)
{
	size_t n;
	const char *path;
	const char *h = url_host_span(url, &n, &path);
	if (!h || n >= size)
		return NULL;
	for (size_t i = 0; i < n; i++)
		buf[i] = (h[i] >= 'A' && h[i] <= 'Z') ? (char)(h[i] + 32) : h[i];
	buf[n] = '\0';
	return path;
}

static int host_is(const char *host, const char *domain)
{
	if (!strcmp(host, domain))
		return 1;
	size_t hl = strlen(host), dl = strlen(domain);
	return hl > dl && host[hl - dl - 1] == '.' && !strcmp(host + hl - dl, domain);
}

/* Whether url is a safe link of the given kind. */
static int url_is_kind(const char *url, enum url_kind kind)
{
	char host[256];
	if (!url || !url_is_safe(url, NULL))
		return 0;
	const char *path = url_host(url, host, sizeof(host));
	if (!path)
		return 0;
	switch (kind) {
	case URL_ABS:
		return host_is(host, "arxiv.org") && !strncmp(path, "/abs/", 5);
	case URL_PDF:
		return host_is(host, "arxiv.org") && !strncmp(path, "/pdf/", 5);
	case URL_ALPHAXIV:
		return host_is(host, "alphaxiv.org");
	case URL_HF:
		return host_is(host, "huggingface.co") && !strncmp(path, "/papers/", 8);
	default:
		return 1;
	}
}

static int lang_ok(const char *lang)
{
	if (!lang || !*lang || strlen(lang) > 16)
		return 0;
	for (const char *s = lang; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '-'))
			return 0;
	return 1;
}

char *url_from_id(const char *id, enum url_kind kind, const char *lang)
{
	if (!id)
		return NULL;
	char *norm = arxiv_id_normalize(id);
	int ok = norm && !strcmp(norm, id);
	free(norm);
	if (!ok)
		return NULL;
	int old_style = strchr(id, '/') != NULL;
	struct strbuf sb = STRBUF_INIT;
	switch (kind) {
	case URL_ABS:
		strbuf_addf(&sb, "https://arxiv.org/abs/%s", id);
		break;
	case URL_PDF:
		strbuf_addf(&sb, "https://arxiv.org/pdf/%s", id);
		break;
	case URL_ALPHAXIV:
		strbuf_addf(&sb, "https://www.alphaxiv.org/%s/overview/%s",
			    lang_ok(lang) ? lang : URL_ALPHAXIV_LANG_DEFAULT, id);
		break;
	case URL_HF:
		if (old_style)
			return NULL;
		strbuf_addf(&sb, "https://huggingface.co/papers/%s", id);
		break;
	default:
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

static int label_is(const char *label, enum url_kind kind)
{
	if (!label)
		return 0;
	switch (kind) {
	case URL_ALPHAXIV:
		return !strcasecmp(label, "alphaxiv");
	case URL_HF:
		return !strcasecmp(label, "hugging face") ||
		       !strcasecmp(label, "huggingface") || !strcasecmp(label, "hf");
	case URL_PDF:
		return !strcasecmp(label, "pdf");
	case URL_ABS:
		return !strcasecmp(label, "arxiv");
	default:
		return 0;
	}
}

/* Whether url is a safe link of this kind for this paper (not one about
 * another paper the post happens to mention). */
static int link_fits(const struct paper *p, const char *url, enum url_kind kind)
{
	if (!url_is_kind(url, kind))
		return 0;
	if (!p->arxiv_id)
		return 1;
	char *id = arxiv_id_from_url(url);
	int same = id && !strcmp(id, p->arxiv_id);
	free(id);
	return same;
}

/* The post's own link of this kind, or NULL. */
static const char *post_link(const struct paper *p, enum url_kind kind)
{
	if (p->url && link_fits(p, p->url, kind))
		return p->url;
	/* A labeled link first, then any link to the right place. */
	for (size_t i = 0; i < p->nlinks; i++)
		if (label_is(p->links[i].label, kind) && link_fits(p, p->links[i].url, kind))
			return p->links[i].url;
	for (size_t i = 0; i < p->nlinks; i++)
		if (link_fits(p, p->links[i].url, kind))
			return p->links[i].url;
	return NULL;
}

char *url_for_paper(const struct paper *p, enum url_kind kind, const char *lang)
{
	if (!p)
		return NULL;
	if (kind == URL_LINK) {
		char *u = p->url ? url_normalize(p->url, NULL) : NULL;
		if (u)
			return u;
		kind = URL_ABS;
	}
	const char *link = NULL;
	if (!(kind == URL_ALPHAXIV && lang_ok(lang) && p->arxiv_id))
		link = post_link(p, kind);
	char *u = link ? url_normalize(link, NULL) : NULL;
	if (u)
		return u;
	return url_from_id(p->arxiv_id, kind, lang);
}
