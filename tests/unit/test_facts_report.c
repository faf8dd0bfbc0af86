/* Unit tests for facts_report.c: the facts step's reports round trip
 * through their records, whole and a byte at a time; a record cut short
 * waits for more; garbage, another format version, a length the kind does
 * not have are refused with a reason; the summary line's wording; how the
 * receiving end tells a run that ended well, was killed, was cut short or
 * sent garbage; and facts_report_send through a real pipe. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "facts_report.h"
#include "tap.h"

static struct facts_report progress(size_t done, size_t total)
{
	struct facts_report r = { .kind = FACTS_REPORT_PROGRESS, .done = done, .total = total };
	return r;
}

static struct facts_report done(int learned, int not_found, int known, int failed, int hf,
				int arxiv)
{
	struct facts_report r = { .kind = FACTS_REPORT_DONE };
	r.counts = (struct facts_fetch_counts){ learned, not_found, known, failed, hf, arxiv };
	return r;
}

static struct facts_report problem(const char *text)
{
	struct facts_report r;
	facts_report_problem(&r, text, strlen(text));
	return r;
}

/* What decoding buf[0..len) says: 1, 0 or -1, the record in *r, the
 * refusal in why. */
static int decode(const void *buf, size_t len, struct facts_report *r, size_t *used,
		  struct strbuf *why)
{
	strbuf_reset(why);
	*used = 0;
	return facts_report_decode(buf, len, r, used, why);
}

static int same_counts(const struct facts_fetch_counts *a, const struct facts_fetch_counts *b)
{
	return a->learned == b->learned && a->not_found == b->not_found && a->known == b->known &&
	       a->failed == b->failed && a->hf_requests == b->hf_requests &&
	       a->arxiv_requests == b->arxiv_requests;
}

static void test_round_trip(void)
{
	struct facts_report in[4] = { progress(0, 40), progress(17, 40),
				      problem("facts: cannot reach 127.0.0.1:9 (연결 거부)"),
				      done(3, 1, 12, 2, 1, 4) };
	struct strbuf wire = STRBUF_INIT, why = STRBUF_INIT;
	for (int i = 0; i < 4; i++)
		facts_report_encode(&in[i], &wire);
	is_int((long)wire.len, 4 * FACTS_REPORT_HEADER + 8 + 8 + (long)strlen(in[2].text) + 24,
	       "four records: a 5-byte header each, then its payload");
	ok((unsigned char)wire.buf[0] == 0xFA && wire.buf[1] == 1 && wire.buf[2] == 1 &&
	   wire.buf[3] == 0 && wire.buf[4] == 8, "a progress record's header: FA 01 01 00 08");
	size_t at = 0, used;
	struct facts_report out;
	for (int i = 0; i < 4; i++) {
		int rc = decode(wire.buf + at, wire.len - at, &out, &used, &why);
		is_int(rc, 1, "record %d decodes", i);
		is_int(out.kind, in[i].kind, "  of its kind");
		at += used;
		if (i < 2)
			ok(out.done == in[i].done && out.total == in[i].total, "  progress %zu/%zu",
			   out.done, out.total);
		else if (i == 2)
			is_str(out.text, in[2].text, "  the problem's text, UTF-8 and all");
		else
			ok(same_counts(&out.counts, &in[3].counts), "  the six counts");
	}
	is_int((long)at, (long)wire.len, "every byte read, none left");

	/* The same through the receiving end, a byte at a time. */
	struct facts_report_stream s;
	facts_report_stream_init(&s);
	int rc = 0;
	for (size_t i = 0; i < wire.len && rc == 0; i++)
		rc = facts_report_stream_take(&s, wire.buf + i, 1);
	is_int(rc, 0, "a byte at a time: all taken");
	ok(s.done == 17 && s.total == 40, "  the last progress: 17/40");
	ok(s.finished && same_counts(&s.counts, &in[3].counts), "  the counts");
	is_str(s.problem.buf, in[2].text, "  the first problem");
	is_int((long)s.in.len, 0, "  nothing left over");
	facts_report_stream_release(&s);
	strbuf_release(&wire);
	strbuf_release(&why);
}

static void test_encode_bounds(void)
{
	struct strbuf wire = STRBUF_INIT, why = STRBUF_INIT;
	struct facts_report out, r = progress(50, 40);
	size_t used;
	facts_report_encode(&r, &wire);
	ok(decode(wire.buf, wire.len, &out, &used, &why) == 1 && out.done == 40 && out.total == 40,
	   "progress done over total is sent as total");
	strbuf_reset(&wire);
	r = done(-1, 2, 3, 4, 5, 6);
	facts_report_encode(&r, &wire);
	ok(decode(wire.buf, wire.len, &out, &used, &why) == 1 && out.counts.learned == 0,
	   "a negative count is sent as 0");
	r = problem("facts: first line\nsecond line");
	is_str(r.text, "facts: first line", "a problem keeps its first line");
	/* 2000 three-byte syllables: 6000 bytes, cut on a syllable's start. */
	char *big = malloc(6001);
	for (int i = 0; i < 2000; i++)
		memcpy(big + 3 * i, "\xea\xb0\x80", 3);
	big[6000] = '\0';
	r = problem(big);
	is_int((long)strlen(r.text), 4095, "a text over 4096 bytes is cut to 4095, ...");
	is_int((unsigned char)r.text[4092], 0xea, "  ... on a character's start");
	strbuf_reset(&wire);
	facts_report_encode(&r, &wire);
	ok(decode(wire.buf, wire.len, &out, &used, &why) == 1 && !strcmp(out.text, r.text),
	   "  and round trips");
	free(big);
	strbuf_reset(&wire);
	r = problem("");
	facts_report_encode(&r, &wire);
	ok(decode(wire.buf, wire.len, &out, &used, &why) == 1 && out.kind == FACTS_REPORT_PROBLEM &&
	   !*out.text, "an empty problem round trips");
	strbuf_release(&wire);
	strbuf_release(&why);
}

static void test_truncated(void)
{
	struct strbuf wire = STRBUF_INIT, why = STRBUF_INIT;
	struct facts_report r = problem("facts: http://127.0.0.1/query: HTTP 500"), out;
	facts_report_encode(&r, &wire);
	r = done(1, 2, 3, 4, 5, 6);
	size_t first = wire.len, used;
	facts_report_encode(&r, &wire);
	int bad = 0;
	for (size_t n = 0; n < first; n++)
		bad += decode(wire.buf, n, &out, &used, &why) != 0 || why.len;
	is_int(bad, 0, "every prefix of a record: 0 (read more), nothing refused");
	bad = 0;
	for (size_t n = first; n < wire.len; n++)
		bad += decode(wire.buf + first, n - first, &out, &used, &why) != 0;
	is_int(bad, 0, "  of a done record too");

	/* The receiving end at the end of the stream, a record half there. */
	struct facts_report_stream s;
	facts_report_stream_init(&s);
	is_int(facts_report_stream_take(&s, wire.buf, first + 10), 0, "half a record taken");
	struct strbuf line = STRBUF_INIT;
	facts_report_stream_line(&s, -1, &line);
	is_str(line.buf, "paper facts: stopped (a record cut short; ended without its summary); "
	       "facts: http://127.0.0.1/query: HTTP 500",
	       "the writer gone mid-record: stopped, cut short; its problem after");
	facts_report_stream_release(&s);
	strbuf_release(&line);
	strbuf_release(&wire);
	strbuf_release(&why);
}

/* decode's answer and reason for bytes that are not a record. */
static void refused(const char *bytes, size_t n, const char *want, const char *what)
{
	struct strbuf why = STRBUF_INIT;
	struct facts_report out;
	size_t used;
	int rc = decode(bytes, n, &out, &used, &why);
	is_int(rc, -1, "%s: refused", what);
	is_str(why.buf, want, "  saying why");
	strbuf_release(&why);
}

static void test_garbage(void)
{
	const char text[] = "facts: 2 learned, 0 not found, 1 known, 0 failed\n";
	refused(text, sizeof(text) - 1, "not a facts record (its first byte is 0x66)",
		"the human summary line");
	refused("f", 1, "not a facts record (its first byte is 0x66)",
		"  at its first byte, not after waiting for more");
	refused("\xfa\x01\x07\x00\x00", 5, "a facts record of an unknown kind (7)", "an unknown kind");
	refused("\xfa\x01\x01\x00\x09" "123456789", 14, "a progress record of 9 bytes (not 8)",
		"a progress record of another length");
	refused("\xfa\x01\x03\x00\x08", 5, "a done record of 8 bytes (not 24)",
		"a done record of another length, refused before its payload comes");
	refused("\xfa\x01\x02\x10\x01", 5, "a problem record of 4097 bytes (at most 4096)",
		"a problem over the longest");
	refused("\xfa\x01\x01\x00\x08\x00\x00\x00\x05\x00\x00\x00\x03", 13,
		"a progress record of 5 done of 3", "progress done over total");
	refused("\xfa\x01\x02\x00\x03" "a\nb", 8,
		"a problem record with a NUL or a newline in its text", "a newline in a problem");
	refused("\xfa\x01\x02\x00\x03" "a\0b", 8,
		"a problem record with a NUL or a newline in its text", "a NUL in a problem");

	/* The receiving end stops at garbage after good records, and stays
	 * stopped. */
	struct strbuf wire = STRBUF_INIT, line = STRBUF_INIT;
	struct facts_report r = progress(2, 9);
	facts_report_encode(&r, &wire);
	strbuf_addstr(&wire, "facts-progress 3/9\n");
	struct facts_report_stream s;
	facts_report_stream_init(&s);
	is_int(facts_report_stream_take(&s, wire.buf, wire.len), -1, "garbage after a record: -1");
	ok(s.done == 2 && s.total == 9, "  the record before it was taken");
	r = done(1, 0, 0, 0, 1, 0);
	strbuf_reset(&wire);
	facts_report_encode(&r, &wire);
	is_int(facts_report_stream_take(&s, wire.buf, wire.len), -1, "  nothing is taken after it");
	ok(!s.finished, "  not even a done record");
	facts_report_stream_line(&s, -1, &line);
	is_str(line.buf, "paper facts: stopped (not a facts record (its first byte is 0x66))",
	       "the line: stopped, and why");
	facts_report_stream_release(&s);
	strbuf_release(&wire);
	strbuf_release(&line);
}

static void test_version(void)
{
	refused("\xfa\x02", 2, "a facts record of format version 2; this digest-tui reads version 1",
		"a record of a newer version, from its first two bytes");
	refused("\xfa\x00\x01\x00\x08\x00\x00\x00\x01\x00\x00\x00\x02", 13,
		"a facts record of format version 0; this digest-tui reads version 1",
		"a record of an older version");
	struct strbuf line = STRBUF_INIT;
	struct facts_report_stream s;
	facts_report_stream_init(&s);
	facts_report_stream_take(&s, "\xfa\x02\x03\x00\x20", 5);
	facts_report_stream_line(&s, -1, &line);
	is_str(line.buf, "paper facts: stopped (a facts record of format version 2; this digest-tui "
	       "reads version 1)", "the receiving end says so");
	facts_report_stream_release(&s);
	strbuf_release(&line);
}

static void test_summary(void)
{
	struct strbuf line = STRBUF_INIT;
	struct facts_fetch_counts k = { 2, 0, 1, 0, 1, 0 };
	facts_report_summary(&k, &line);
	is_str(line.buf, "facts: 2 learned, 0 not found, 1 known, 0 failed "
	       "(1 Hugging Face request, 0 arXiv requests)", "the summary line, as it always read");
	strbuf_reset(&line);
	k = (struct facts_fetch_counts){ 7, 1, 0, 0, 3, 1 };
	facts_report_summary(&k, &line);
	is_str(line.buf, "facts: 7 learned, 1 not found, 0 known, 0 failed "
	       "(3 Hugging Face requests, 1 arXiv request)", "  plurals by count");
	strbuf_release(&line);
}

/* A real wait status: a child that ends so. */
static int status_of(int sig, int code)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (sig)
			raise(sig);
		_exit(code);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	return status;
}

static void test_stream_line(void)
{
	struct strbuf wire = STRBUF_INIT, line = STRBUF_INIT;
	struct facts_report r = problem("facts: cannot reach nohost.invalid (no such host)");
	facts_report_encode(&r, &wire);
	r = problem("facts: a second problem");
	facts_report_encode(&r, &wire);
	r = done(2, 0, 1, 1, 1, 0);
	facts_report_encode(&r, &wire);
	struct facts_report_stream s;
	facts_report_stream_init(&s);
	facts_report_stream_take(&s, wire.buf, wire.len);
	facts_report_stream_line(&s, status_of(0, 1), &line);
	is_str(line.buf, "facts: 2 learned, 0 not found, 1 known, 1 failed (1 Hugging Face request, "
	       "0 arXiv requests); facts: cannot reach nohost.invalid (no such host)",
	       "a run that ended (exit status 1: a request failed): its summary, its first problem");
	facts_report_stream_release(&s);

	facts_report_stream_init(&s);
	r = progress(0, 3);
	strbuf_reset(&wire);
	facts_report_encode(&r, &wire);
	facts_report_stream_take(&s, wire.buf, wire.len);
	strbuf_reset(&line);
	facts_report_stream_line(&s, status_of(SIGKILL, 0), &line);
	is_str(line.buf, "paper facts: stopped (killed by signal 9)", "a child killed: stopped");
	strbuf_reset(&line);
	facts_report_stream_line(&s, status_of(0, 3), &line);
	is_str(line.buf, "paper facts: stopped (exit status 3)", "one that exits without its counts");
	facts_report_stream_release(&s);
	strbuf_release(&wire);
	strbuf_release(&line);
}

static void test_send(void)
{
	int p[2];
	if (pipe(p) < 0) {
		ok(0, "pipe");
		return;
	}
	struct facts_report r = progress(1, 2);
	facts_report_send(&p[1], &r);
	r = done(1, 1, 0, 0, 1, 1);
	facts_report_send(&p[1], &r);
	close(p[1]);
	char buf[256];
	ssize_t n = read(p[0], buf, sizeof(buf));
	close(p[0]);
	struct facts_report_stream s;
	facts_report_stream_init(&s);
	ok(n > 0 && facts_report_stream_take(&s, buf, (size_t)n) == 0 && s.finished &&
	   s.counts.arxiv_requests == 1 && s.done == 1 && s.total == 2,
	   "facts_report_send: the records come out of a pipe as sent");
	facts_report_stream_release(&s);

	/* A reader gone away: no error to handle (with SIGPIPE ignored). */
	signal(SIGPIPE, SIG_IGN);
	if (pipe(p) == 0) {
		close(p[0]);
		facts_report_send(&p[1], &r);
		close(p[1]);
		ok(1, "sending to a closed pipe only costs the record");
	}
}

int main(void)
{
	test_round_trip();
	test_encode_bounds();
	test_truncated();
	test_garbage();
	test_version();
	test_summary();
	test_stream_line();
	test_send();
	return tap_done();
}
