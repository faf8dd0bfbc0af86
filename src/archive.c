/* archive: loading posts into date order (see archive.h). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "archive.h"
#include "fileio.h"
#include "frontmatter.h"
#include "i18n.h"
#include "post.h"
#include "postdir.h"
#include "sample.h"
#include "util.h"

void archive_init(struct archive *a)
{
	memset(a, 0, sizeof(*a));
}

void archive_free(struct archive *a)
{
	for (size_t i = 0; i < a->n; i++)
		digest_free(&a->v[i]);
	free(a->v);
	if (a->loader_free)
		a->loader_free(a->loader_ctx);
	if (a->backing_free)
		a->backing_free(a->backing);
	archive_init(a);
}

static struct digest *archive_slot(struct archive *a)
{
	ALLOC_GROW(a->v, a->n, a->cap);
	return &a->v[a->n];
}

static int load_file(struct archive *a, const char *path, struct strbuf *errors)
{
	struct strbuf err = STRBUF_INIT;
	if (post_load(path, archive_slot(a), &err) < 0) {
		strbuf_addf(errors, "%s\n", err.buf);
		strbuf_release(&err);
		return 1;
	}
	a->n++;
	return 0;
}

/* Every post of the directory path: parsed now, or (pending, for the
 * reader) the dated ones left to a->loader and parsed when first shown. */
static int load_dir(struct archive *a, const char *path, int pending, struct strbuf *errors)
{
	size_t n;
	char **names = postdir_list(path, &n);
	if (!names) {
		strbuf_addf(errors, _("%s: cannot open directory: %s"), path, strerror(errno));
		strbuf_addch(errors, '\n');
		return 1;
	}
	int failed = 0;
	struct strbuf file = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		strbuf_reset(&file);
		strbuf_addf(&file, "%s%s%s", path,
			    path[strlen(path) - 1] == '/' ? "" : "/", names[i]);
		char *date = pending ? frontmatter_date_from_name(names[i]) : NULL;
		if (date)
			archive_add_pending(a, file.buf, date);
		else
			failed += load_file(a, file.buf, errors);
		free(date);
	}
	strbuf_release(&file);
	postdir_free(names, n);
	return failed;
}

int archive_load_path(struct archive *a, const char *path, struct strbuf *errors)
{
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return load_dir(a, path, 0, errors);
	return load_file(a, path, errors);
}

/* The reader's loader for pending files named on the command line. */
static int file_loader(void *ctx, const char *path, struct digest *out,
		       struct strbuf *err)
{
	struct archive *a = ctx;
	int rc = post_load(path, out, err);
	a->failed_files += rc < 0;
	return rc;
}

int archive_list_path(struct archive *a, const char *path, struct strbuf *errors)
{
	struct stat st;
	if (a->loader && a->loader != file_loader)
		return archive_load_path(a, path, errors);
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		a->loader = file_loader;
		a->loader_ctx = a;
		return load_dir(a, path, 1, errors);
	}
	return load_file(a, path, errors);
}

void archive_load_sample(struct archive *a)
{
	a->sample = 1;
	for (size_t i = 0; i < sample_nposts; i++) {
		const char *why = NULL;
		if (post_parse(sample_posts[i].data, sample_posts[i].len,
			       sample_posts[i].name, archive_slot(a), &why) == 0)
			a->n++;
	}
}

int archive_compare(const void *x, const void *y)
{
	const struct digest *a = x, *b = y;
	if (!a->date != !b->date)
		return a->date ? 1 : -1;
	int c = a->date ? strcmp(a->date, b->date) : 0;
	return c ? c : strcmp(a->path, b->path);
}

void archive_sort(struct archive *a)
{
	if (a->n > 1)
		qsort(a->v, a->n, sizeof(*a->v), archive_compare);
}

static int same_date(const struct digest *x, const struct digest *y)
{
	return x->date && y->date ? !strcmp(x->date, y->date) : !x->date && !y->date;
}

int archive_same_date(const struct archive *a, size_t i, size_t j)
{
	return same_date(&a->v[i], &a->v[j]);
}

/* Whether the files at x and y hold the same bytes; a missing or unreadable
 * one (the bundled sample has no file) never does. Sizes first: two posts
 * of one date differ in size nearly always, and are then not read. */
static int same_bytes(const char *x, const char *y)
{
	struct stat sx, sy;
	if (!x || !y || stat(x, &sx) < 0 || stat(y, &sy) < 0 || !S_ISREG(sx.st_mode) ||
	    !S_ISREG(sy.st_mode) || sx.st_size != sy.st_size)
		return 0;
	if (sx.st_dev == sy.st_dev && sx.st_ino == sy.st_ino)
		return 1; /* one file, named twice */
	char *a, *b = NULL;
	size_t la, lb;
	/* At most the size they had: one that grew meanwhile is another. */
	size_t max = (size_t)sx.st_size;
	if (fileio_read(x, max, 0, &a, &la, NULL) < 0)
		return 0;
	int same = fileio_read(y, max, 0, &b, &lb, NULL) == 0 && la == lb && !memcmp(a, b, la);
	free(b);
	free(a);
	return same;
}

size_t archive_drop_duplicates(struct archive *a, size_t *map)
{
	size_t kept = 0, dropped = 0;
	for (size_t i = 0; i < a->n;) {
		size_t end = i + 1, first = kept; /* the group's kept ones: [first, kept) */
		while (end < a->n && same_date(&a->v[i], &a->v[end]))
			end++;
		for (size_t k = i; k < end; k++) {
			int dup = 0;
			for (size_t j = first; j < kept && !dup; j++)
				dup = same_bytes(a->v[j].path, a->v[k].path);
			if (dup) {
				if (a->v[k].pending)
					a->npending--;
				digest_free(&a->v[k]);
				if (map)
					map[k] = (size_t)-1;
				dropped++;
				continue;
			}
			if (map)
				map[k] = kept;
			if (kept != k)
				a->v[kept] = a->v[k];
			kept++;
		}
		i = end;
	}
	a->n = kept;
	return dropped;
}

int archive_paper_repeats(const struct archive *a, size_t d, size_t p)
{
	const char *id = a->v[d].papers[p].arxiv_id;
	for (size_t e = d; id && e-- > 0 && same_date(&a->v[e], &a->v[d]);)
		for (size_t q = 0; q < a->v[e].npapers; q++)
			if (a->v[e].papers[q].arxiv_id && !strcmp(a->v[e].papers[q].arxiv_id, id))
				return 1;
	return 0;
}

void archive_add_pending(struct archive *a, const char *path, const char *date)
{
	struct digest *d = archive_slot(a);
	memset(d, 0, sizeof(*d));
	d->path = xstrdup(path);
	d->date = date ? xstrdup(date) : NULL;
	d->pending = 1;
	a->n++;
	a->npending++;
}

int archive_ensure(struct archive *a, size_t i, struct strbuf *err)
{
	struct digest *d = &a->v[i];
	if (!d->pending)
		return 0;
	struct digest parsed;
	memset(&parsed, 0, sizeof(parsed));
	size_t before = err->len;
	int rc = a->loader ? a->loader(a->loader_ctx, d->path, &parsed, err) : -1;
	a->npending--;
	if (rc == 0) {
		/* The file name's date keeps the order the archive was sorted in. */
		parsed.date = d->date; /* the parsed one lives in its arena */
		d->date = NULL;
		digest_free(d);
		*d = parsed;
		return 0;
	}
	if (err->len == before) {
		strbuf_addf(err, _("%s: cannot be read"), d->path);
		strbuf_addch(err, '\n');
	}
	d->pending = 0;
	d->bad = 1;
	d->title = xstrndup(err->buf + before, strcspn(err->buf + before, "\n"));
	return -1;
}

int archive_ensure_all(struct archive *a, struct strbuf *err)
{
	int failed = 0;
	for (size_t i = a->n; a->npending && i-- > 0;)
		failed += archive_ensure(a, i, err) < 0;
	return failed;
}

static int cmp_path(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

struct parsed_digest {
	const char *path;   /* stays set: the array is searched again */
	size_t i;
	int taken;          /* moved into fresh already */
};

static int cmp_parsed(const void *x, const void *y)
{
	return strcmp(((const struct parsed_digest *)x)->path,
		      ((const struct parsed_digest *)y)->path);
}

size_t archive_reuse_parsed(struct archive *fresh, struct archive *old,
			    const char *const *changed, size_t nchanged)
{
	const char **ch = xmalloc((nchanged + 1) * sizeof(*ch));
	for (size_t i = 0; i < nchanged; i++)
		ch[i] = changed[i];
	qsort(ch, nchanged, sizeof(*ch), cmp_path);
	struct parsed_digest *v = xmalloc((old->n + 1) * sizeof(*v));
	size_t n = 0, moved = 0;
	for (size_t i = 0; i < old->n; i++)
		if (!old->v[i].pending && !old->v[i].bad && old->v[i].path)
			v[n++] = (struct parsed_digest){ old->v[i].path, i, 0 };
	qsort(v, n, sizeof(*v), cmp_parsed);
	for (size_t j = 0; j < fresh->n; j++) {
		struct digest *d = &fresh->v[j];
		if (!d->pending || !d->path || bsearch(&d->path, ch, nchanged, sizeof(*ch), cmp_path))
			continue;
		struct parsed_digest key = { d->path, 0, 0 };
		struct parsed_digest *hit = bsearch(&key, v, n, sizeof(*v), cmp_parsed);
		if (!hit || hit->taken)
			continue;
		/* The pending entry goes to old, which frees it. */
		struct digest t = *d;
		*d = old->v[hit->i];
		old->v[hit->i] = t;
		hit->taken = 1;
		fresh->npending--;
		old->npending++;
		moved++;
	}
	free(v);
	free(ch);
	return moved;
}
