/* mark_cli: digest-tui --mark (see mark_cli.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "arxiv.h"
#include "i18n.h"
#include "index.h"
#include "mark_cli.h"
#include "sync.h"
#include "marks.h"
#include "strbuf.h"
#include "util.h"

static const struct {
	const char *name;
	unsigned flag;
	int on;
} ops[] = {
	{ "star", MARK_STAR, 1 },     { "unstar", MARK_STAR, 0 },
	{ "later", MARK_LATER, 1 },   { "unlater", MARK_LATER, 0 },
	{ "hide", MARK_HIDDEN, 1 },   { "unhide", MARK_HIDDEN, 0 },
	{ "read", MARK_READ, 1 },     { "unread", MARK_READ, 0 },
};

int mark_cli_op(const char *name, unsigned *flag, int *on)
{
	for (size_t i = 0; i < sizeof(ops) / sizeof(*ops); i++)
		if (!strcmp(ops[i].name, name)) {
			*flag = ops[i].flag;
			*on = ops[i].on;
			return 0;
		}
	return -1;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Sets found[i] for each key of keys (sorted) that is a paper of a. */
static void find_papers(const struct archive *a, char **keys, size_t n, unsigned char *found)
{
	for (size_t i = 0; i < a->n; i++)
		for (size_t j = 0; j < a->v[i].npapers; j++) {
			const char *id = a->v[i].papers[j].arxiv_id;
			char **hit = id ? bsearch(&id, keys, n, sizeof(*keys), cmp_str) : NULL;
			if (hit)
				found[hit - keys] = 1;
		}
}

/* The normalized IDs, sorted, once each; a line in err for each that is
 * not an arXiv ID. Returns how many are good (in *keys). */
static size_t normalize(char *const *ids, int nids, char ***keys, int *bad, struct strbuf *err)
{
	size_t n = 0;
	*keys = xmalloc(((size_t)nids + 1) * sizeof(**keys));
	for (int i = 0; i < nids; i++) {
		char *id = arxiv_id_normalize(ids[i]);
		if (!id)
			id = arxiv_id_from_url(ids[i]);
		if (!id) {
			strbuf_addf(err, _("--mark: '%s' is not an arXiv ID"), ids[i]);
			strbuf_addch(err, '\n');
			(*bad)++;
			continue;
		}
		(*keys)[n++] = id;
	}
	qsort(*keys, n, sizeof(**keys), cmp_str);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (k && !strcmp((*keys)[k - 1], (*keys)[i]))
			free((*keys)[i]);
		else
			(*keys)[k++] = (*keys)[i];
	}
	return k;
}

static int apply(const struct config *cfg, unsigned flag, int on, char **keys, size_t n,
		 struct strbuf *err)
{
	struct marks *m = sync_marks_open(cfg, 0, err);
	if (err->len && err->buf[err->len - 1] != '\n')
		strbuf_addch(err, '\n');
	int status = 0;
	if (!marks_path(m)) {
		strbuf_addstr(err, _("--mark: the marks cannot be saved: nothing was marked"));
		strbuf_addch(err, '\n');
		status = 1;
	} else if (marks_set_many(m, (const char *const *)keys, n, flag, on, err) < 0) {
		strbuf_addch(err, '\n');
		status = 1;
	}
	marks_close(m);
	return status;
}

int mark_cli_run(const struct config *cfg, unsigned flag, int on, char *const *ids,
		 int nids, struct strbuf *err)
{
	int bad = 0;
	char **keys;
	size_t n = normalize(ids, nids, &keys, &bad, err);
	struct archive a;
	archive_init(&a);
	index_load_cache(&a, INDEX_LIST, err);
	unsigned char *found = xcalloc(n + 1, 1);
	find_papers(&a, keys, n, found);
	archive_free(&a);
	for (size_t i = 0; i < n; i++)
		if (!found[i]) {
			strbuf_addf(err, _("--mark: %s is not a paper of the cached digests"), keys[i]);
			strbuf_addch(err, '\n');
			bad++;
		}
	int status;
	if (bad) {
		/* TRANSLATORS: the first number is how many of the IDs given
		 * (the second number) are unknown; the plural follows it. */
		strbuf_addf(err, ngettext("--mark: nothing was marked (%d of %d IDs is unknown)",
					  "--mark: nothing was marked (%d of %d IDs are unknown)",
					  (unsigned long)bad),
			    bad, nids);
		strbuf_addch(err, '\n');
		status = 2;
	} else {
		status = apply(cfg, flag, on, keys, n, err);
	}
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	free(found);
	return status;
}
