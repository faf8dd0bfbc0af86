/* arxiv: arXiv identifier recognition (see arxiv.h). */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arxiv.h"
#include "util.h"

static size_t count_digits(const char *s)
{
	size_t n = 0;
	while (isdigit((unsigned char)s[n]))
		n++;
	return n;
}

/* Length of an ID at s, without any version suffix, or 0. New style is
 * YYMM.NNNN(N); old style is archive(.SUBJ)/YYMMNNN. */
static size_t id_length(const char *s)
{
	size_t n = count_digits(s);
	if (n == 4 && s[4] == '.') {
		size_t m = count_digits(s + 5);
		if (m == 4 || m == 5)
			return 5 + m;
		return 0;
	}
	size_t i = 0;
	while (islower((unsigned char)s[i]) || s[i] == '-')
		i++;
	if (i < 2 || s[0] == '-')
		return 0;
	if (s[i] == '.' && isupper((unsigned char)s[i + 1]) &&
	    isupper((unsigned char)s[i + 2]))
		i += 3;
	if (s[i] != '/' || count_digits(s + i + 1) != 7)
		return 0;
	return i + 8;
}

/* Accepts what may follow an ID: a version, ".pdf", then the end or a URL
 * delimiter. */
static int id_tail_ok(const char *t)
{
	if (*t == 'v' && isdigit((unsigned char)t[1]))
		t += 1 + count_digits(t + 1);
	if (!strncasecmp(t, ".pdf", 4))
		t += 4;
	return *t == '\0' || strchr("/?#)> \t\r\n", *t) != NULL;
}

char *arxiv_id_normalize(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	if (!strncasecmp(s, "arxiv:", 6))
		s += 6;
	while (isspace((unsigned char)*s))
		s++;
	size_t n = id_length(s);
	if (!n || !id_tail_ok(s + n))
		return NULL;
	return xstrndup(s, n);
}

char *arxiv_id_from_url(const char *url)
{
	static const char *const hosts[] = { "arxiv.org/", "alphaxiv.org/",
					     "huggingface.co/papers/", NULL };
	for (int h = 0; hosts[h]; h++) {
		const char *p = strstr(url, hosts[h]);
		if (!p)
			continue;
		p += strlen(hosts[h]);
		/* The ID is the first path part that parses as one, which skips
		 * "abs/", "pdf/", "ko/overview/" and the like. */
		for (int depth = 0; *p && depth < 4; depth++) {
			char *id = arxiv_id_normalize(p);
			if (id)
				return id;
			const char *slash = strchr(p, '/');
			if (!slash)
				break;
			p = slash + 1;
		}
	}
	return NULL;
}
