/* clock: the program's two clocks in milliseconds. The monotonic one
 * measures intervals (timeouts, retries, frame budgets, progress); the wall
 * clock is for times that must mean the same to another process or after a
 * reboot (the facts' pacing record). Test-only speed-ups are testknob.h's. */
#ifndef DIGEST_CLOCK_H
#define DIGEST_CLOCK_H

/* Milliseconds of CLOCK_MONOTONIC: never goes back, from an unspecified
 * start. */
long long clock_mono_ms(void);

/* Milliseconds since the epoch (CLOCK_REALTIME), rounded down, or up when
 * round_up (a time that must not come before the event it records). */
long long clock_wall_ms(int round_up);

/* Microseconds since the epoch (CLOCK_REALTIME), rounded down; 0 before
 * it: the marks journals' times. */
long long clock_wall_us(void);

#endif
