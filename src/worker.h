/* worker: a piece of work done in a forked child process that reports up a
 * pipe — the reader's jobs that may block or take long: the paper facts
 * (which wait on a pacing lock other processes share), a git sync (the
 * network), learning the for-me model (CPU). One home for the fork, the
 * child's detachment from the terminal, its _exit (nothing of the parent's
 * atexit or handlers runs in it), the parent's end of the pipe, and killing
 * and reaping. What goes up the pipe is the caller's; no curses.
 *
 *	struct worker w = WORKER_INIT;
 *	if (worker_start(&w, job, arg, 0) == 0) {
 *		// poll w.fd; read what the job wrote until end of file
 *		int status = worker_finish(&w, 0);   // waitpid's status
 *	}
 */
#ifndef DIGEST_WORKER_H
#define DIGEST_WORKER_H

#include <sys/types.h>

struct worker {
	pid_t pid;  /* the child, or 0 */
	int fd;     /* the read end of its pipe (non-blocking), or -1 */
};
#define WORKER_INIT { 0, -1 }

/* The job: runs in the child, writes what it reports to fd, and returns the
 * child's exit status. */
typedef int worker_job(int fd, void *arg);

/* Forks a child that runs job(write end, arg) with standard input, output
 * and error on /dev/null (nothing of it reaches the terminal), SIGPIPE
 * ignored (a parent gone makes a write fail, not kill it), at the priority
 * nice_incr below the parent's, and _exits with its return. Returns 0 (w
 * filled), or -1 with errno set (nothing started). */
int worker_start(struct worker *w, worker_job *job, void *arg, int nice_incr);

/* Ends the child: kills it first when kill_first, then waits for it, and
 * closes the pipe. Returns waitpid's status, or -1 when there was no child.
 * w is WORKER_INIT after. */
int worker_finish(struct worker *w, int kill_first);

/* Gives up the child without waiting (it goes on alone; init reaps it once
 * the parent is gone) and closes the pipe. */
void worker_detach(struct worker *w);

#endif
