/* Unit tests for date.c: which strings are dates (real days only, leap
 * centuries, no year 0000), day numbers against the C library's calendar,
 * formatting every day back, and that the readers of dates elsewhere
 * (file names, listings, windows) refuse what date_parse refuses. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "frontmatter.h"
#include "github.h"
#include "source.h"
#include "strbuf.h"
#include "tap.h"

static void test_parse(void)
{
	static const struct {
		const char *s;
		int ok;
		const char *what;
	} cases[] = {
		{ "2025-02-28", 1, "2025-02-28" },
		{ "2025-02-29", 0, "2025-02-29: 2025 is no leap year" },
		{ "2025-02-30", 0, "2025-02-30: no month has it" },
		{ "2025-04-31", 0, "2025-04-31: April has 30 days" },
		{ "2024-02-29", 1, "2024-02-29: a leap day" },
		{ "1900-02-29", 0, "1900-02-29: a century is no leap year" },
		{ "2000-02-29", 1, "2000-02-29: but every fourth one is" },
		{ "2100-02-29", 0, "2100-02-29: 2100 is not" },
		{ "2400-02-29", 1, "2400-02-29: 2400 is" },
		{ "2025-13-01", 0, "2025-13-01: month 13" },
		{ "2025-00-10", 0, "2025-00-10: month 0" },
		{ "2025-10-00", 0, "2025-10-00: day 0" },
		{ "2025-12-31", 1, "2025-12-31" },
		{ "2025-12-32", 0, "2025-12-32" },
		{ "0000-01-01", 0, "0000-01-01: there is no year 0" },
		{ "0000-02-29", 0, "0000-02-29" },
		{ "0001-01-01", 1, "0001-01-01: the first day" },
		{ "9999-12-31", 1, "9999-12-31: the last" },
		{ "2025-1-01", 0, "a one-digit month" },
		{ "2025-10-1", 0, "a one-digit day" },
		{ "25-10-01", 0, "a two-digit year" },
		{ "2025/10/01", 0, "slashes" },
		{ " 2025-10-01", 0, "a leading space" },
		{ "+2025-10-01", 0, "a sign" },
		{ "2025-10-01 ", 0, "a trailing space" },
		{ "2025-10-01x", 0, "anything after it" },
		{ "", 0, "nothing" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_int(date_parse(cases[i].s, NULL), cases[i].ok ? 0 : -1, "%s", cases[i].what);
	long d;
	is_int(date_parse("1970-01-01", &d), 0, "the epoch");
	is_int(d, 0, "  is day 0");
	date_parse("1969-12-31", &d);
	is_int(d, -1, "the day before is -1");
	date_parse("2025-10-01", &d);
	is_int(d, 20362, "2025-10-01 is day 20362");
	is_int(date_parse_prefix("2025-10-01-daily-papers.md", &d), 0, "a prefix: a file name");
	is_int(d, 20362, "  its day");
	is_int(date_parse_prefix("2025-10-01 09:00:00 +0900", NULL), 0, "a front-matter time");
	is_int(date_parse_prefix("2025-02-30-x.md", NULL), -1, "a prefix checks the calendar too");
	is_int(date_parse_prefix("2025-10", NULL), -1, "a prefix cut short");
}

/* Against timegm over 1900-2100, and every day of 0001-9999 formatted back. */
static void test_days(void)
{
	int agree = 1;
	for (int y = 1900; y <= 2100 && agree; y++)
		for (int m = 1; m <= 12; m++)
			for (int dd = 1; dd <= 31; dd++) {
				struct tm tm;
				memset(&tm, 0, sizeof(tm));
				tm.tm_year = y - 1900;
				tm.tm_mon = m - 1;
				tm.tm_mday = dd;
				tm.tm_hour = 12;
				time_t t = timegm(&tm);
				int real = tm.tm_mday == dd; /* timegm normalized it */
				char s[32];
				snprintf(s, sizeof(s), "%04d-%02d-%02d", y, m, dd);
				long d;
				int got = date_parse(s, &d);
				if (real != (got == 0) || (real && d != (long)((t - 12 * 3600) / 86400)))
					agree = 0;
			}
	ok(agree, "every day 1900-2100 as timegm counts it, and only those");
	long first, last;
	date_parse("0001-01-01", &first);
	date_parse("9999-12-31", &last);
	int round = 1;
	long n = 0;
	for (long d = first; d <= last && round; d++, n++) {
		char buf[DATE_LEN + 1];
		long back;
		date_format(d, buf);
		round = date_parse(buf, &back) == 0 && back == d;
	}
	ok(round, "every day of 0001-9999 is formatted and read back (%ld days)", n);
	is_int(last - first + 1, 3652059, "  3,652,059 of them");
	char buf[DATE_LEN + 1];
	date_format(0, buf);
	is_str(buf, "1970-01-01", "day 0 is written 1970-01-01");
	struct tm tm;
	date_to_tm(0, &tm);
	is_int(tm.tm_wday, 4, "a Thursday");
	time_t now = time(NULL);
	struct tm local;
	localtime_r(&now, &local);
	char want[DATE_LEN + 1];
	strftime(want, sizeof(want), "%Y-%m-%d", &local);
	date_format(date_today(), buf);
	is_str(buf, want, "today is the local date");
}

/* The readers of dates in other modules refuse what date_parse refuses. */
static void test_readers(void)
{
	char *d = frontmatter_date_from_name("posts/2025-02-30-daily-papers.md");
	ok(d == NULL, "a post named 2025-02-30-... has no date");
	free(d);
	d = frontmatter_date_from_name("posts/2024-02-29-daily-papers.md");
	is_str(d, "2024-02-29", "a post named 2024-02-29-... is dated");
	free(d);
	struct strbuf err = STRBUF_INIT;
	struct source_window w;
	ok(source_window_init(&w, 3, "2025-02-30", &err) < 0, "--until 2025-02-30 is refused");
	struct github_listing l;
	github_listing_init(&l);
	const char *json = "{\"tree\":[{\"path\":\"2025-02-30-a.md\",\"type\":\"blob\","
			   "\"sha\":\"0123456789012345678901234567890123456789\"},"
			   "{\"path\":\"2025-02-28-a.md\",\"type\":\"blob\","
			   "\"sha\":\"0123456789012345678901234567890123456789\"}]}";
	github_listing_parse(json, strlen(json), "", &l, &err);
	ok(l.n == 1 && !strcmp(l.v[0].date, "2025-02-28"),
	   "a GitHub listing passes over a post named 2025-02-30-...");
	github_listing_free(&l);
	strbuf_release(&err);
}

int main(void)
{
	test_parse();
	test_days();
	test_readers();
	return tap_done();
}
