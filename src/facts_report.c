/* facts_report: the facts step's reports, typed, printed and on the wire
 * (see facts_report.h). */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "facts_report.h"
#include "fileio.h"
#include "i18n.h"
#include "util.h"

/* The payload's length a kind fixes (a problem's is its text's). */
#define PROGRESS_LEN 8
#define DONE_LEN 24

static void put_u32(struct strbuf *out, size_t v)
{
	uint32_t x = v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
	unsigned char b[4] = { x >> 24, x >> 16 & 0xff, x >> 8 & 0xff, x & 0xff };
	strbuf_add(out, b, 4);
}

static uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A count as sent: never negative. */
static size_t count_of(int v)
{
	return v < 0 ? 0 : (size_t)v;
}

static int count_from(uint32_t v)
{
	return v > INT32_MAX ? INT32_MAX : (int)v;
}

/* How much of text[0..len) a problem keeps: up to its first newline (or
 * NUL), at most FACTS_REPORT_TEXT_MAX bytes, not ending inside a UTF-8
 * character. */
static size_t text_len(const char *text, size_t len)
{
	size_t n = 0;
	while (n < len && text[n] != '\n' && text[n] != '\0')
		n++;
	if (n > FACTS_REPORT_TEXT_MAX) {
		n = FACTS_REPORT_TEXT_MAX;
		while (n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80)
			n--;
	}
	return n;
}

void facts_report_problem(struct facts_report *r, const char *text, size_t len)
{
	memset(r, 0, offsetof(struct facts_report, text));
	r->kind = FACTS_REPORT_PROBLEM;
	len = text_len(text, len);
	memcpy(r->text, text, len);
	r->text[len] = '\0';
}

void facts_report_encode(const struct facts_report *r, struct strbuf *out)
{
	size_t len = r->kind == FACTS_REPORT_PROGRESS ? PROGRESS_LEN
		     : r->kind == FACTS_REPORT_DONE   ? DONE_LEN
						      : text_len(r->text, sizeof(r->text));
	unsigned char h[FACTS_REPORT_HEADER] = { FACTS_REPORT_MAGIC, FACTS_REPORT_VERSION,
						 (unsigned char)r->kind, len >> 8, len & 0xff };
	strbuf_add(out, h, sizeof(h));
	switch (r->kind) {
	case FACTS_REPORT_PROGRESS:
		put_u32(out, r->done < r->total ? r->done : r->total);
		put_u32(out, r->total);
		break;
	case FACTS_REPORT_DONE: {
		const struct facts_fetch_counts *k = &r->counts;
		int v[6] = { k->learned, k->not_found, k->known, k->failed, k->hf_requests,
			     k->arxiv_requests };
		for (int i = 0; i < 6; i++)
			put_u32(out, count_of(v[i]));
		break;
	}
	case FACTS_REPORT_PROBLEM:
		strbuf_add(out, r->text, len);
		break;
	}
}

/* Whether the header's first bytes (n of them) are refused: said in err. */
static int header_refused(const unsigned char *p, size_t n, struct strbuf *err)
{
	if (n >= 1 && p[0] != FACTS_REPORT_MAGIC) {
		strbuf_addf(err, _("not a facts record (its first byte is 0x%02x)"), p[0]);
		return 1;
	}
	if (n >= 2 && p[1] != FACTS_REPORT_VERSION) {
		/* TRANSLATORS: the record's format version, then this
		 * program's. */
		strbuf_addf(err, _("a facts record of format version %u; this digest-tui reads "
				   "version %d"), p[1], FACTS_REPORT_VERSION);
		return 1;
	}
	if (n >= 3 && (p[2] < FACTS_REPORT_PROGRESS || p[2] > FACTS_REPORT_DONE)) {
		strbuf_addf(err, _("a facts record of an unknown kind (%u)"), p[2]);
		return 1;
	}
	if (n < FACTS_REPORT_HEADER)
		return 0;
	unsigned len = (unsigned)p[3] << 8 | p[4];
	if (p[2] == FACTS_REPORT_PROGRESS && len != PROGRESS_LEN) {
		/* TRANSLATORS: the record's length, then the length it must
		 * have. */
		strbuf_addf(err, ngettext("a progress record of %u byte (not %d)",
					  "a progress record of %u bytes (not %d)", (unsigned long)len),
			    len, PROGRESS_LEN);
		return 1;
	}
	if (p[2] == FACTS_REPORT_DONE && len != DONE_LEN) {
		strbuf_addf(err, ngettext("a done record of %u byte (not %d)",
					  "a done record of %u bytes (not %d)", (unsigned long)len),
			    len, DONE_LEN);
		return 1;
	}
	if (p[2] == FACTS_REPORT_PROBLEM && len > FACTS_REPORT_TEXT_MAX) {
		/* TRANSLATORS: the record's length, then the most it may
		 * have. */
		strbuf_addf(err, ngettext("a problem record of %u byte (at most %d)",
					  "a problem record of %u bytes (at most %d)", (unsigned long)len),
			    len, FACTS_REPORT_TEXT_MAX);
		return 1;
	}
	return 0;
}

int facts_report_decode(const void *buf, size_t len, struct facts_report *r, size_t *used,
			struct strbuf *err)
{
	const unsigned char *p = buf;
	if (header_refused(p, len, err))
		return -1;
	if (len < FACTS_REPORT_HEADER)
		return 0;
	size_t n = (size_t)p[3] << 8 | p[4];
	if (len < FACTS_REPORT_HEADER + n)
		return 0;
	const unsigned char *q = p + FACTS_REPORT_HEADER;
	memset(r, 0, sizeof(*r));
	r->kind = (enum facts_report_kind)p[2];
	if (r->kind == FACTS_REPORT_PROGRESS) {
		r->done = get_u32(q);
		r->total = get_u32(q + 4);
		if (r->done > r->total) {
			strbuf_addf(err, _("a progress record of %zu done of %zu"), r->done, r->total);
			return -1;
		}
	} else if (r->kind == FACTS_REPORT_DONE) {
		struct facts_fetch_counts *k = &r->counts;
		int *v[6] = { &k->learned, &k->not_found, &k->known, &k->failed, &k->hf_requests,
			      &k->arxiv_requests };
		for (int i = 0; i < 6; i++)
			*v[i] = count_from(get_u32(q + 4 * i));
	} else {
		if (memchr(q, '\0', n) || memchr(q, '\n', n)) {
			strbuf_addstr(err, _("a problem record with a NUL or a newline in its text"));
			return -1;
		}
		memcpy(r->text, q, n);
		r->text[n] = '\0';
	}
	*used = FACTS_REPORT_HEADER + n;
	return 1;
}

void facts_report_summary(const struct facts_fetch_counts *k, struct strbuf *out)
{
	/* "facts: 3 learned, 0 not found, 12 known, 0 failed (1 Hugging Face
	 * request, 0 arXiv requests)": each count translated on its own, as
	 * git's diffstat is. */
	/* TRANSLATORS: the start of the paper facts' summary line, before
	 * its counts. */
	strbuf_addf(out, "%s: ", C_("summary line", "facts"));
	/* TRANSLATORS: the counts of the papers whose facts were learned,
	 * not found, already known, or failed; then of the requests made. */
	strbuf_addf(out, ngettext("%d learned", "%d learned", (unsigned long)k->learned),
		    k->learned);
	strbuf_addstr(out, ", ");
	strbuf_addf(out, ngettext("%d not found", "%d not found", (unsigned long)k->not_found),
		    k->not_found);
	strbuf_addstr(out, ", ");
	strbuf_addf(out, ngettext("%d known", "%d known", (unsigned long)k->known), k->known);
	strbuf_addstr(out, ", ");
	strbuf_addf(out, ngettext("%d failed", "%d failed", (unsigned long)k->failed), k->failed);
	strbuf_addstr(out, " (");
	strbuf_addf(out, ngettext("%d Hugging Face request", "%d Hugging Face requests",
				  (unsigned long)k->hf_requests), k->hf_requests);
	strbuf_addstr(out, ", ");
	strbuf_addf(out, ngettext("%d arXiv request", "%d arXiv requests",
				  (unsigned long)k->arxiv_requests), k->arxiv_requests);
	strbuf_addch(out, ')');
}

void facts_report_print(void *ctx, const struct facts_report *r)
{
	(void)ctx;
	if (r->kind == FACTS_REPORT_PROBLEM) {
		error_msg("%s", r->text);
	} else if (r->kind == FACTS_REPORT_DONE) {
		struct strbuf line = STRBUF_INIT;
		facts_report_summary(&r->counts, &line);
		printf("%s\n", line.buf);
		strbuf_release(&line);
	}
}

void facts_report_send(void *ctx, const struct facts_report *r)
{
	struct strbuf rec = STRBUF_INIT;
	facts_report_encode(r, &rec);
	/* A reader gone away only costs the record. */
	if (fileio_write_all(*(const int *)ctx, rec.buf, rec.len) < 0)
		rec.len = 0;
	strbuf_release(&rec);
}

/* ---- the receiving end ------------------------------------------------------ */

void facts_report_stream_init(struct facts_report_stream *s)
{
	memset(s, 0, sizeof(*s));
	strbuf_init(&s->in);
	strbuf_init(&s->problem);
	strbuf_init(&s->refused);
}

void facts_report_stream_release(struct facts_report_stream *s)
{
	strbuf_release(&s->in);
	strbuf_release(&s->problem);
	strbuf_release(&s->refused);
}

static void stream_note(struct facts_report_stream *s, const struct facts_report *r)
{
	switch (r->kind) {
	case FACTS_REPORT_PROGRESS:
		s->done = r->done;
		s->total = r->total;
		break;
	case FACTS_REPORT_PROBLEM:
		if (!s->problem.len)
			strbuf_addstr(&s->problem, r->text);
		break;
	case FACTS_REPORT_DONE:
		s->finished = 1;
		s->counts = r->counts;
		break;
	}
}

int facts_report_stream_take(struct facts_report_stream *s, const void *buf, size_t n)
{
	if (s->refused.len)
		return -1;
	strbuf_add(&s->in, buf, n);
	size_t at = 0, used = 0;
	struct facts_report r;
	int rc;
	while ((rc = facts_report_decode(s->in.buf + at, s->in.len - at, &r, &used,
					 &s->refused)) > 0) {
		stream_note(s, &r);
		at += used;
	}
	/* What is left is the start of a record: at most one record long. */
	memmove(s->in.buf, s->in.buf + at, s->in.len - at);
	strbuf_setlen(&s->in, s->in.len - at);
	return rc < 0 ? -1 : 0;
}

/* How the writer ended, from waitpid's status. */
static void add_end(struct strbuf *out, int wait_status)
{
	if (wait_status != -1 && WIFSIGNALED(wait_status))
		strbuf_addf(out, _("killed by signal %d"), WTERMSIG(wait_status));
	else if (wait_status != -1 && WIFEXITED(wait_status))
		strbuf_addf(out, _("exit status %d"), WEXITSTATUS(wait_status));
	else
		strbuf_addstr(out, _("ended without its summary"));
}

void facts_report_stream_line(const struct facts_report_stream *s, int wait_status,
			      struct strbuf *out)
{
	if (s->finished && !s->refused.len && !s->in.len) {
		facts_report_summary(&s->counts, out);
	} else {
		struct strbuf why = STRBUF_INIT, end = STRBUF_INIT;
		if (s->refused.len) {
			strbuf_add(&why, s->refused.buf, s->refused.len);
		} else if (s->in.len) {
			add_end(&end, wait_status);
			/* TRANSLATORS: how the facts step ended ("exit status
			 * 1"). */
			strbuf_addf(&why, _("a record cut short; %s"), end.buf);
		} else {
			add_end(&why, wait_status);
		}
		/* TRANSLATORS: why the facts step stopped. */
		strbuf_addf(out, _("paper facts: stopped (%s)"), why.buf);
		strbuf_release(&why);
		strbuf_release(&end);
	}
	if (s->problem.len)
		strbuf_addf(out, "; %s", s->problem.buf);
}
