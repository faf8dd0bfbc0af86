/* testknob: the test-only knobs — environment variables with which the test
 * suite shortens a timer it would otherwise sleep out, or imitates a machine
 * it cannot be (a filesystem with whole-second timestamps, an installed
 * catalogue of translations). Every knob is
 * named here and read nowhere else, so a reader can find them all; none is
 * documented for users, and with none set the program behaves as shipped. */
#ifndef DIGEST_TESTKNOB_H
#define DIGEST_TESTKNOB_H

enum testknob {
	/* The mark-read delay in milliseconds, instead of the setting's
	 * seconds. */
	TESTKNOB_MARK_READ_MS,
	/* The gap between arXiv API requests in milliseconds (3000). */
	TESTKNOB_ARXIV_GAP_MS,
	/* Nonzero: file timestamps are treated as whole seconds, as on a
	 * filesystem that keeps no nanoseconds. */
	TESTKNOB_COARSE_TIMESTAMPS,
	/* A directory that stands for LOCALEDIR (LL/LC_MESSAGES/digest-tui.mo
	 * under it): the build's catalogues before they are installed. */
	TESTKNOB_LOCALEDIR,
	/* The fetcher's, for fast retries and short waits (fetch.h names
	 * what each stands for; no user setting depends on them). */
	TESTKNOB_PARALLEL,
	TESTKNOB_RETRIES,
	TESTKNOB_RETRY_MS,
	TESTKNOB_CONNECT_TIMEOUT_MS,
	TESTKNOB_LOW_SPEED_TIME,
	TESTKNOB_LOCK_WAIT_MS,
	/* IDs per arXiv API request (100). */
	TESTKNOB_ARXIV_BATCH,
	/* The reader's quiet time after a change of the marks before it
	 * learns the for-me model again, in milliseconds (1000). */
	TESTKNOB_FORME_DEBOUNCE_MS,
	/* How long the reader, quitting, waits for its sync in milliseconds
	 * (5000). */
	TESTKNOB_QUIT_SYNC_MS,
	TESTKNOB_COUNT
};

/* The knob's value: its variable as a whole number >= 0, or fallback when
 * the variable is unset or not such a number. */
long testknob_get(enum testknob k, long fallback);
/* The same within [lo, hi]: fallback for a number outside. */
long testknob_range(enum testknob k, long lo, long hi, long fallback);
/* The knob's variable as text, or NULL when it is unset or empty. */
const char *testknob_str(enum testknob k);

#endif
