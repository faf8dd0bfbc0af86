/* worker: work in a forked child that reports up a pipe (see worker.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "worker.h"

/* In the child: nothing of the terminal, no signal of the parent's. */
static void detach_from_terminal(int nice_incr)
{
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
	}
	signal(SIGPIPE, SIG_IGN);
	errno = 0;
	if (nice_incr && nice(nice_incr) == -1 && errno) {
		/* at the parent's priority, then */
	}
}

int worker_start(struct worker *w, worker_job *job, void *arg, int nice_incr)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	/* Nothing buffered is written twice, by the parent and the child. */
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		int e = errno;
		close(p[0]);
		close(p[1]);
		errno = e;
		return -1;
	}
	if (pid == 0) {
		close(p[0]);
		detach_from_terminal(nice_incr);
		_exit(job(p[1], arg));
	}
	close(p[1]);
	fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
	w->pid = pid;
	w->fd = p[0];
	return 0;
}

int worker_finish(struct worker *w, int kill_first)
{
	int status = -1;
	if (w->pid > 0) {
		if (kill_first)
			kill(w->pid, SIGKILL);
		while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	if (w->fd >= 0)
		close(w->fd);
	w->pid = 0;
	w->fd = -1;
	return status;
}

void worker_detach(struct worker *w)
{
	if (w->fd >= 0)
		close(w->fd);
	w->pid = 0;
	w->fd = -1;
}
