/* testknob: the test-only knobs (see testknob.h). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "testknob.h"

static const char *const knob_names[TESTKNOB_COUNT] = {
	[TESTKNOB_MARK_READ_MS] = "DIGEST_TUI_TEST_MARK_READ_MS",
	[TESTKNOB_ARXIV_GAP_MS] = "DIGEST_TUI_TEST_ARXIV_GAP_MS",
	[TESTKNOB_COARSE_TIMESTAMPS] = "DIGEST_TUI_TEST_COARSE_TIMESTAMPS",
	[TESTKNOB_LOCALEDIR] = "DIGEST_TUI_TEST_LOCALEDIR",
};

const char *testknob_str(enum testknob k)
{
	const char *s = (unsigned)k < TESTKNOB_COUNT ? getenv(knob_names[k]) : NULL;
	return s && *s ? s : NULL;
}

long testknob_get(enum testknob k, long fallback)
{
	const char *s = testknob_str(k);
	if (!s)
		return fallback;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < 0)
		return fallback;
	return v;
}
