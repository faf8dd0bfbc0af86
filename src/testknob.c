/* testknob: the test-only knobs (see testknob.h). */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>

#include "testknob.h"

static const char *const knob_names[TESTKNOB_COUNT] = {
	[TESTKNOB_MARK_READ_MS] = "DIGEST_TUI_TEST_MARK_READ_MS",
	[TESTKNOB_ARXIV_GAP_MS] = "DIGEST_TUI_TEST_ARXIV_GAP_MS",
	[TESTKNOB_COARSE_TIMESTAMPS] = "DIGEST_TUI_TEST_COARSE_TIMESTAMPS",
	[TESTKNOB_LOCALEDIR] = "DIGEST_TUI_TEST_LOCALEDIR",
	[TESTKNOB_PARALLEL] = "DIGEST_TUI_PARALLEL",
	[TESTKNOB_RETRIES] = "DIGEST_TUI_RETRIES",
	[TESTKNOB_RETRY_MS] = "DIGEST_TUI_RETRY_MS",
	[TESTKNOB_CONNECT_TIMEOUT_MS] = "DIGEST_TUI_CONNECT_TIMEOUT_MS",
	[TESTKNOB_LOW_SPEED_TIME] = "DIGEST_TUI_LOW_SPEED_TIME",
	[TESTKNOB_LOCK_WAIT_MS] = "DIGEST_TUI_LOCK_WAIT_MS",
	[TESTKNOB_ARXIV_BATCH] = "DIGEST_TUI_ARXIV_BATCH",
	[TESTKNOB_FORME_DEBOUNCE_MS] = "DIGEST_TUI_TEST_FORME_DEBOUNCE_MS",
	[TESTKNOB_QUIT_SYNC_MS] = "DIGEST_TUI_TEST_QUIT_SYNC_MS",
};

const char *testknob_str(enum testknob k)
{
	const char *s = (unsigned)k < TESTKNOB_COUNT ? getenv(knob_names[k]) : NULL;
	return s && *s ? s : NULL;
}

long testknob_range(enum testknob k, long lo, long hi, long fallback)
{
	const char *s = testknob_str(k);
	if (!s)
		return fallback;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return fallback;
	return v;
}

long testknob_get(enum testknob k, long fallback)
{
	return testknob_range(k, 0, LONG_MAX, fallback);
}
