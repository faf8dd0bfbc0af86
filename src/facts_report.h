/* facts_report: what the facts step (facts_fetch_cli_run, facts_fetch.h)
 * tells whoever runs it — its progress, each problem, and its counts when
 * done — as typed values, and the one format in which they cross a pipe.
 * It does not learn facts (facts_fetch.c) nor start processes.
 *
 * Why a pipe: learning facts waits on the store's pacing lock (facts/.pace,
 * flock()ed for each request, held across arXiv's 3-second gap, and by a
 * cron --fetch for as long as its requests take), and that wait must never
 * block the reader's event loop. So the reader runs the step in a child
 * process (ui/refresh.c) that sends these records up a pipe, and the loop
 * takes them as they come (facts_report_stream) without blocking. Both ends
 * are this module, and nothing is parsed from text printed for people:
 * --fetch prints its lines from the same values (facts_report_print), and
 * the reader shows them from the values it decodes.
 *
 *   child:  facts_fetch_cli_run(c, cfg, fetched, facts_report_send, &fd);
 *   reader: facts_report_stream_take(&s, buf, n) as bytes come (< 0: stop
 *           the child); at the end facts_report_stream_line(&s, status, &line)
 *
 * A record: a header of 5 bytes, then its payload; integers big-endian.
 *   byte 0      0xFA (FACTS_REPORT_MAGIC)
 *   byte 1      the format's version (FACTS_REPORT_VERSION: 1). Any other
 *               version keeps bytes 0 and 1 where they are, so that a
 *               program refuses a record of another version by name
 *               instead of misreading it
 *   byte 2      the kind: 1 progress, 2 problem, 3 done
 *   bytes 3-4   the payload's length, which the kind fixes:
 *     progress  8: papers decided (learned or found nowhere), of those to
 *               ask about — two u32, done <= total
 *     problem   0 to FACTS_REPORT_TEXT_MAX: one line of text (no NUL, no
 *               newline), as --fetch prints it after "digest-tui: "
 *     done      24: learned, not found, known, failed, Hugging Face
 *               requests, arXiv requests — six u32
 * A run sends progress records as it goes, its problems, then one done
 * record; a run that cannot start sends a problem and no done record. */
#ifndef DIGEST_FACTS_REPORT_H
#define DIGEST_FACTS_REPORT_H

#include <stddef.h>

#include "facts_fetch.h"
#include "strbuf.h"

#define FACTS_REPORT_MAGIC 0xFA
#define FACTS_REPORT_VERSION 1
#define FACTS_REPORT_HEADER 5
/* The longest problem text; a longer one is cut (on a character). */
#define FACTS_REPORT_TEXT_MAX 4096

enum facts_report_kind {
	FACTS_REPORT_PROGRESS = 1,
	FACTS_REPORT_PROBLEM = 2,
	FACTS_REPORT_DONE = 3,
};

struct facts_report {
	enum facts_report_kind kind;
	size_t done, total;                    /* PROGRESS */
	struct facts_fetch_counts counts;      /* DONE */
	char text[FACTS_REPORT_TEXT_MAX + 1];  /* PROBLEM: one line */
};

/* Makes r the problem text[0..len): up to its first newline, cut at
 * FACTS_REPORT_TEXT_MAX bytes on a character's start. */
void facts_report_problem(struct facts_report *r, const char *text, size_t len);

/* Appends r, as one record, to out. A count over 2^32 - 1 is sent as that,
 * a progress's done as at most its total; a problem's text is cut at its
 * first newline and at FACTS_REPORT_TEXT_MAX bytes. */
void facts_report_encode(const struct facts_report *r, struct strbuf *out);
/* Reads the record at the start of buf[0..len). Returns 1 with it in *r and
 * its length in *used; 0 when buf holds only the start of one (nothing is
 * refused so far: read more); -1 when the bytes are not a record this
 * program reads — not this format, another version of it, an unknown kind,
 * a length the kind does not have, done over total, a NUL or newline in a
 * problem — with one line in err saying which. */
int facts_report_decode(const void *buf, size_t len, struct facts_report *r, size_t *used,
			struct strbuf *err);

/* The summary line --fetch prints and the reader shows: "facts: 3 learned,
 * 1 not found, 0 known, 0 failed (1 Hugging Face request, 1 arXiv
 * request)". Appended to out, no newline. */
void facts_report_summary(const struct facts_fetch_counts *k, struct strbuf *out);

/* Where the facts step tells its reports (ctx is the callback's own):
 * facts_report_print is --fetch's printer — a problem on stderr as an error
 * message, the done record's summary on stdout, progress not at all;
 * facts_report_send encodes each one on the file descriptor *(int *)ctx (a
 * reader gone away only costs the record). */
void facts_report_print(void *ctx, const struct facts_report *r);
void facts_report_send(void *ctx, const struct facts_report *r);

/* The receiving end: records taken as bytes come, in pieces of any size. */
struct facts_report_stream {
	struct strbuf in;            /* the start of a record still coming */
	size_t done, total;          /* the last progress (0/0: none yet) */
	int finished;                /* a done record came: counts holds it */
	struct facts_fetch_counts counts;
	struct strbuf problem;       /* the first problem ("": none) */
	struct strbuf refused;       /* why its bytes were refused ("": not) */
};
void facts_report_stream_init(struct facts_report_stream *s);
void facts_report_stream_release(struct facts_report_stream *s);
/* Takes buf[0..n). Returns 0, or -1 once the bytes are not records
 * (s->refused says why); then nothing more is taken, and the writer should
 * be stopped: what follows cannot be read. */
int facts_report_stream_take(struct facts_report_stream *s, const void *buf, size_t n);
/* The line that tells how the run ended, once its writer has, appended to
 * out: the summary (facts_report_summary) when the done record came and
 * nothing was refused or cut short, else "paper facts: stopped (WHY)" —
 * WHY the refusal, or that a record was cut short and the writer's end from
 * wait_status (waitpid's; -1: not known): "killed by signal 9", "exit
 * status 1". Then "; " and the first problem, if any. */
void facts_report_stream_line(const struct facts_report_stream *s, int wait_status,
			      struct strbuf *out);

#endif
