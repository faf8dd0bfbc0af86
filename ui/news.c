/* news: the digests new since the last visit (see news.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "news.h"
#include "seen.h"
#include "util.h"

/* Learns every date of the archive; the line of those that became new goes
 * to line. */
static size_t learn(struct app *a, struct strbuf *line)
{
	size_t n = a->archive->n;
	if (!a->seen || a->archive->sample || !n)
		return 0; /* the bundled sample is no day's digest */
	const char **dates = xmalloc(n * sizeof(*dates));
	unsigned char *fresh = xmalloc(n);
	for (size_t d = 0; d < n; d++)
		dates[d] = a->archive->v[d].date;
	size_t nnew = seen_learn(a->seen, dates, n, fresh);
	size_t k = 0;
	for (size_t d = 0; d < n; d++)
		if (fresh[d])
			dates[k++] = dates[d]; /* oldest first, as the archive */
	seen_news_line(dates, k, line);
	free(fresh);
	free(dates);
	return nnew;
}

void news_start(struct app *a, const char *dir)
{
	struct strbuf err = STRBUF_INIT, line = STRBUF_INIT;
	a->seen = seen_open(dir, &err);
	learn(a, &line);
	if (err.len)
		strbuf_addf(&line, "%s%s", line.len ? "; " : "", err.buf);
	if (line.len)
		app_message(a, "%s", line.buf);
	strbuf_release(&line);
	strbuf_release(&err);
}

void news_stop(struct app *a, struct strbuf *err)
{
	if (!a->seen)
		return;
	seen_save(a->seen, err);
	seen_close(a->seen);
	a->seen = NULL;
}

size_t news_learn(struct app *a, struct strbuf *line)
{
	return learn(a, line);
}

int news_digest_is_new(const struct app *a, size_t d)
{
	return a->seen && d < a->archive->n &&
	       (seen_get(a->seen, a->archive->v[d].date) & SEEN_NEW);
}

size_t news_count(const struct app *a)
{
	size_t n = 0;
	for (size_t d = 0; a->seen && d < a->archive->n; d++)
		n += news_digest_is_new(a, d) && !(d && archive_same_date(a->archive, d - 1, d));
	return n;
}

void news_line(const struct app *a, struct strbuf *out)
{
	size_t n = 0;
	const char **dates = xmalloc((a->archive->n + 1) * sizeof(*dates));
	for (size_t d = 0; a->seen && d < a->archive->n; d++)
		if (news_digest_is_new(a, d) && !(d && archive_same_date(a->archive, d - 1, d)))
			dates[n++] = a->archive->v[d].date;
	seen_news_line(dates, n, out);
	free(dates);
}

void news_note_shown(struct app *a)
{
	if (!a->seen || a->archive->sample)
		return;
	if (a->listing == LISTING_DIGEST && a->list.h > 0 && a->list.w > 0 &&
	    a->digest < a->archive->n)
		seen_mark_seen(a->seen, a->archive->v[a->digest].date);
	const struct digest *d = app_paper(a) && a->paper_pane.h > 0 && a->paper_pane.w > 0
					 ? app_digest(a)
					 : NULL;
	if (d)
		seen_mark_seen(a->seen, d->date);
}
