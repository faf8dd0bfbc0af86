/* date: YYYY-MM-DD and day numbers (see date.h). */
#include "config.h"

#include <string.h>
#include <time.h>

#include "date.h"

/* Howard Hinnant's days_from_civil and civil_from_days: exact for every
 * year, no time_t and no time zone involved. */
static long days_from_civil(long y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_parse_prefix(const char *s, long *day)
{
	int v[3] = { 0, 0, 0 };
	for (int i = 0, f = 0; i < DATE_LEN; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return -1;
			f++;
		} else if (s[i] >= '0' && s[i] <= '9') {
			v[f] = v[f] * 10 + (s[i] - '0');
		} else {
			return -1;   /* a NUL too: s is never read past it */
		}
	}
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y = v[0], m = v[1], d = v[2];
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] + (m == 2 && leap(y)))
		return -1;
	if (day)
		*day = days_from_civil(y, m, d);
	return 0;
}

int date_parse(const char *s, long *day)
{
	return strlen(s) == DATE_LEN ? date_parse_prefix(s, day) : -1;
}

void date_format(long day, char out[DATE_LEN + 1])
{
	long y;
	int m, d;
	civil_from_days(day, &y, &m, &d);
	unsigned yy = (unsigned)(((y % 10000) + 10000) % 10000);
	out[0] = (char)('0' + yy / 1000);
	out[1] = (char)('0' + yy / 100 % 10);
	out[2] = (char)('0' + yy / 10 % 10);
	out[3] = (char)('0' + yy % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

long date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return days_from_civil(tm.tm_year + 1900L, tm.tm_mon + 1, tm.tm_mday);
}

void date_to_tm(long day, struct tm *tm)
{
	time_t t = (time_t)day * 86400 + 12 * 3600;
	gmtime_r(&t, tm);
}
