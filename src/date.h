/* date: calendar days, the one rule of what a date is. A date is written
 * YYYY-MM-DD and names a real day of the years 0001 to 9999 (proleptic
 * Gregorian: 2024-02-29 is one, 2025-02-30 and 1900-02-29 are not); a day
 * is its number, days since 1970-01-01 (negative before). Posts' dates,
 * cache entries, fetch windows, --until and :date all read dates here.
 * Times of day and time zones are not this module's (but for today). */
#ifndef DIGEST_DATE_H
#define DIGEST_DATE_H

#include <time.h>

#define DATE_LEN 10   /* "YYYY-MM-DD" */

/* Whether s is a date, exactly (nothing before or after): 0 with its day
 * in *day (when day is not NULL), or -1. */
int date_parse(const char *s, long *day);
/* The same for a date at the start of s, whatever follows it (a file name
 * "2025-10-01-daily-papers.md", a front-matter "2025-10-01 09:00:00"). */
int date_parse_prefix(const char *s, long *day);

/* Writes day as YYYY-MM-DD (NUL-terminated). Years outside 0000-9999 are
 * written modulo 10000: the text is never longer. */
void date_format(long day, char out[DATE_LEN + 1]);

/* Today's day in the local time zone. */
long date_today(void);

/* Noon UTC of day as a struct tm, for strftime (weekday, day of the year,
 * ISO week). */
void date_to_tm(long day, struct tm *tm);

#endif
