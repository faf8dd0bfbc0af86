/* launch: browsers, yank commands and OSC 52 (see launch.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "i18n.h"
#include "launch.h"
#include "urls.h"
#include "util.h"

/* ---- words ------------------------------------------------------------------ */

void launch_argv_free(char **argv)
{
	if (!argv)
		return;
	for (char **a = argv; *a; a++)
		free(*a);
	free(argv);
}

static void argv_push(char ***argv, int *n, size_t *cap, char *word)
{
	ALLOC_GROW(*argv, (size_t)*n + 1, *cap);
	(*argv)[(*n)++] = word;
	(*argv)[*n] = NULL;
}

char **launch_split(const char *cmd, int *argc, const char **why)
{
	const char *dummy;
	if (!why)
		why = &dummy;
	char **argv = NULL;
	int n = 0;
	size_t cap = 0;
	struct strbuf word = STRBUF_INIT;
	int in_word = 0;
	const char *s = cmd ? cmd : "";
	for (;;) {
		char c = *s;
		if (c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (in_word) {
				argv_push(&argv, &n, &cap, strbuf_detach(&word, NULL));
				in_word = 0;
			}
			if (!c)
				break;
			s++;
		} else if (c == '\'') {
			const char *end = strchr(s + 1, '\'');
			if (!end) {
				*why = N_("unterminated single quote");
				goto fail;
			}
			strbuf_add(&word, s + 1, (size_t)(end - s - 1));
			in_word = 1;
			s = end + 1;
		} else if (c == '"') {
			s++;
			while (*s != '"') {
				if (!*s) {
					*why = N_("unterminated double quote");
					goto fail;
				}
				if (*s == '\\' && s[1] && strchr("\"\\$`", s[1]))
					s++;
				strbuf_addch(&word, *s++);
			}
			s++;
			in_word = 1;
		} else if (c == '\\') {
			if (!s[1]) {
				*why = N_("backslash at the end");
				goto fail;
			}
			strbuf_addch(&word, s[1]);
			in_word = 1;
			s += 2;
		} else {
			strbuf_addch(&word, c);
			in_word = 1;
			s++;
		}
	}
	strbuf_release(&word);
	if (!n) {
		*why = N_("empty command");
		free(argv);
		return NULL;
	}
	if (argc)
		*argc = n;
	return argv;
fail:
	strbuf_release(&word);
	launch_argv_free(argv);
	return NULL;
}

static int executable_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

char *launch_which(const char *program)
{
	if (!program || !*program)
		return NULL;
	if (strchr(program, '/'))
		return executable_file(program) ? xstrdup(program) : NULL;
	const char *path = getenv("PATH");
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = path;;) {
		size_t n = strcspn(p, ":");
		strbuf_reset(&sb);
		if (n)
			strbuf_add(&sb, p, n);
		else
			strbuf_addch(&sb, '.'); /* an empty entry is the current directory */
		strbuf_addf(&sb, "/%s", program);
		if (executable_file(sb.buf))
			return strbuf_detach(&sb, NULL);
		if (!p[n])
			break;
		p += n + 1;
	}
	strbuf_release(&sb);
	return NULL;
}

/* Replaces %u (and %s when also_s) in word by url and %% by %. Returns a new
 * string; *hit is set when the URL went in. */
static char *substitute(const char *word, const char *url, int also_s, int *hit)
{
	struct strbuf sb = STRBUF_INIT;
	for (const char *s = word; *s; s++) {
		if (s[0] == '%' && (s[1] == 'u' || (also_s && s[1] == 's'))) {
			strbuf_addstr(&sb, url);
			*hit = 1;
			s++;
		} else if (s[0] == '%' && s[1] == '%') {
			strbuf_addch(&sb, '%');
			s++;
		} else {
			strbuf_addch(&sb, *s);
		}
	}
	return strbuf_detach(&sb, NULL);
}

static char **with_url(char **words, const char *url, int also_s)
{
	char **argv = NULL;
	int n = 0, hit = 0;
	size_t cap = 0;
	for (char **w = words; *w; w++)
		argv_push(&argv, &n, &cap, substitute(*w, url, also_s, &hit));
	if (!hit)
		argv_push(&argv, &n, &cap, xstrdup(url));
	return argv;
}

/* A short printable form of untrusted text for messages. */
static void add_quoted(struct strbuf *err, const char *s)
{
	size_t i = 0;
	strbuf_addch(err, '\'');
	for (; s[i] && i < 100; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c >= 0x7f || c == '\'' || c == '\\')
			strbuf_addf(err, "\\x%02x", c);
		else
			strbuf_addch(err, (char)c);
	}
	if (s[i])
		strbuf_addstr(err, "...");
	strbuf_addch(err, '\'');
}

/* "cannot run 'NAME': not found in PATH". */
static void add_not_found(struct strbuf *err, const char *name)
{
	struct strbuf shown = STRBUF_INIT;
	add_quoted(&shown, name);
	strbuf_addf(err, _("cannot run %s: not found in PATH"), shown.buf);
	strbuf_release(&shown);
}

static char **browser_argv(const char *command, const char *url, struct strbuf *err);

char **launch_browser_argv(const char *command, const char *url,
			   struct strbuf *err)
{
	const char *why;
	/* Normalized here too, whoever the caller: %u is always shell-safe. */
	char *norm = url ? url_normalize(url, &why) : (why = N_("empty URL"), NULL);
	if (!norm) {
		struct strbuf shown = STRBUF_INIT;
		add_quoted(&shown, url ? url : "");
		/* TRANSLATORS: the URL, then why it is refused. */
		strbuf_addf(err, _("refusing to open %s: %s"), shown.buf, _(why));
		strbuf_release(&shown);
		return NULL;
	}
	char **argv = browser_argv(command, norm, err);
	free(norm);
	return argv;
}

static char **browser_argv(const char *command, const char *url, struct strbuf *err)
{
	const char *why;
	if (command && command[strspn(command, " \t")]) {
		char **words = launch_split(command, NULL, &why);
		if (!words) {
			strbuf_addf(err, _("cannot read the browser command: %s"), _(why));
			return NULL;
		}
		char **argv = with_url(words, url, 0);
		launch_argv_free(words);
		return argv;
	}
	const char *browser = getenv("BROWSER");
	if (browser && *browser) {
		char *list = xstrdup(browser);
		char **argv = NULL;
		for (char *save = NULL, *entry = strtok_r(list, ":", &save);
		     entry && !argv; entry = strtok_r(NULL, ":", &save)) {
			char **words = launch_split(entry, NULL, &why);
			if (!words)
				continue;
			char *path = launch_which(words[0]);
			if (path)
				argv = with_url(words, url, 1);
			free(path);
			launch_argv_free(words);
		}
		free(list);
		if (argv)
			return argv;
	}
	char *xdg = launch_which("xdg-open");
	if (!xdg) {
		strbuf_addstr(err, _("no browser found: configure a browser command, or set "
				     "$BROWSER"));
		return NULL;
	}
	free(xdg);
	char *words[] = { "xdg-open", NULL };
	return with_url(words, url, 0);
}

/* ---- running ---------------------------------------------------------------- */

/* In a child: default signal handling, no blocked signals. Only
 * async-signal-safe calls. */
static void child_default_signals(void)
{
	struct sigaction dfl;
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	for (int sig = 1; sig < NSIG; sig++)
		sigaction(sig, &dfl, NULL); /* fails harmlessly for KILL, STOP, ... */
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* The exec failed: its errno goes up the pipe. */
static _Noreturn void child_failed(int err_fd)
{
	int e = errno;
	ssize_t unused = write(err_fd, &e, sizeof(e));
	(void)unused;
	_exit(127);
}

/* In the child: default signal handling, no blocked signals, then exec; on
 * failure the errno goes up the pipe. Only async-signal-safe calls. */
/* path is the child's own copy: freed before an exit without exec, so that
 * a leak checker following the child finds nothing lost. */
static _Noreturn void child_exec(char *path, char **argv, int detached,
				 int in_fd, int err_fd)
{
	child_default_signals();
	if (detached) {
		int null = open("/dev/null", O_RDWR);
		if (null >= 0) {
			dup2(in_fd >= 0 ? in_fd : null, 0);
			dup2(null, 1);
			dup2(null, 2);
			if (null > 2)
				close(null);
		}
	} else if (in_fd >= 0) {
		dup2(in_fd, 0);
	}
	execv(path, argv);
	int e = errno;
	free(path);
	errno = e;
	child_failed(err_fd);
}

static void describe_status(struct strbuf *err, const char *name, int status)
{
	if (WIFEXITED(status))
		/* TRANSLATORS: a program's name, then its exit status. */
		strbuf_addf(err, _("%s exited with status %d"), name, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		strbuf_addf(err, _("%s was killed by signal %d"), name, WTERMSIG(status));
	else
		strbuf_addf(err, _("%s failed"), name);
}

/* The intermediate child of a detached launch exits at once: 0, or 126 when
 * its fork failed. Returns 0, or -1 with a message in err. */
static int reap_intermediate(pid_t pid, const char *name, struct strbuf *err)
{
	int status = 0;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return 0; /* someone else reaped it (ECHILD) */
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 126) {
		strbuf_addf(err, _("cannot run %s: fork failed"), name);
		return -1;
	}
	return 0;
}

/* Hands the input over and closes fd; a program that does not read it must
 * neither block us nor kill us with SIGPIPE. */
static void feed_input(int fd, const char *input, size_t inlen, int write_it)
{
	struct sigaction ign, old_pipe;
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old_pipe);
	fcntl(fd, F_SETFL, O_NONBLOCK);
	size_t off = 0;
	while (write_it && off < inlen) {
		ssize_t w = write(fd, input + off, inlen - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	close(fd);
	sigaction(SIGPIPE, &old_pipe, NULL);
}

/* The errno child_exec sent up the pipe, or 0 at EOF: the exec succeeded
 * (the pipe closed on exec). */
static int exec_errno(int fd)
{
	int e = 0;
	ssize_t r;
	do
		r = read(fd, &e, sizeof(e));
	while (r < 0 && errno == EINTR);
	return r == (ssize_t)sizeof(e) ? e : 0;
}

/* Waits for the program; anything but exit status 0 is a message in err.
 * Returns 0 or -1. */
static int wait_program(pid_t pid, const char *name, struct strbuf *err)
{
	int status = 0;
	pid_t w;
	while ((w = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		;
	if (w == pid && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
		describe_status(err, name, status);
		return -1;
	}
	return 0;
}

static int spawn(char **argv, enum launch_mode mode, const char *input,
		 size_t inlen, struct strbuf *err)
{
	char *path = launch_which(argv[0]);
	if (!path) {
		add_not_found(err, argv[0]);
		return -1;
	}
	int detached = mode == LAUNCH_DETACHED;
	int ep[2], ip[2] = { -1, -1 };
	if (pipe2(ep, O_CLOEXEC) < 0 || (input && pipe2(ip, O_CLOEXEC) < 0)) {
		strbuf_addf(err, _("cannot run %s: %s"), argv[0], strerror(errno));
		free(path);
		return -1;
	}
	struct sigaction ign, old_int, old_quit;
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	if (!detached) {
		sigaction(SIGINT, &ign, &old_int);
		sigaction(SIGQUIT, &ign, &old_quit);
	}
	/* No handler of ours may run in the child before it resets them. */
	sigset_t all, oldmask;
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &oldmask);
	pid_t pid = fork();
	if (pid == 0) {
		if (detached) {
			/* Own session, and orphaned at once: init reaps it. */
			setsid();
			pid_t grandchild = fork();
			if (grandchild != 0) {
				free(path);
				_exit(grandchild < 0 ? 126 : 0);
			}
		}
		child_exec(path, argv, detached, ip[0], ep[1]);
	}
	int fork_errno = errno;
	sigprocmask(SIG_SETMASK, &oldmask, NULL);
	close(ep[1]);
	if (ip[0] >= 0)
		close(ip[0]);
	free(path);
	int rc = 0;
	if (pid < 0) {
		strbuf_addf(err, _("cannot run %s: %s"), argv[0], strerror(fork_errno));
		rc = -1;
	}
	if (pid > 0 && detached)
		rc = reap_intermediate(pid, argv[0], err);
	if (ip[1] >= 0)
		feed_input(ip[1], input, inlen, rc == 0 && pid > 0);
	int e = pid > 0 ? exec_errno(ep[0]) : 0;
	if (e && rc == 0) {
		strbuf_addf(err, _("cannot run %s: %s"), argv[0], strerror(e));
		rc = -1;
	}
	close(ep[0]);
	if (pid > 0 && !detached) {
		/* Reaped whatever happened; its status counts when all else went well. */
		struct strbuf why = STRBUF_INIT;
		if (wait_program(pid, argv[0], &why) < 0 && rc == 0) {
			strbuf_add(err, why.buf, why.len);
			rc = -1;
		}
		strbuf_release(&why);
	}
	if (!detached) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
	}
	return rc;
}

int launch_browser(const char *command, const char *url, enum launch_mode mode,
		   struct strbuf *err)
{
	char **argv = launch_browser_argv(command, url, err);
	if (!argv)
		return -1;
	int rc = spawn(argv, mode, NULL, 0, err);
	launch_argv_free(argv);
	return rc;
}

int launch_wait(char **argv, struct strbuf *err)
{
	return spawn(argv, LAUNCH_WAIT, NULL, 0, err);
}

int launch_yank_command(const char *command, const char *data, size_t len,
			struct strbuf *err)
{
	const char *why;
	char **argv = launch_split(command, NULL, &why);
	if (!argv) {
		strbuf_addf(err, _("cannot read the yank command: %s"), _(why));
		return -1;
	}
	int rc = spawn(argv, LAUNCH_DETACHED, data ? data : "", data ? len : 0, err);
	launch_argv_free(argv);
	return rc;
}

/* ---- OSC 52 ---------------------------------------------------------------- */

void base64_encode(const void *data, size_t len, struct strbuf *out)
{
	static const char tab[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *s = data;
	strbuf_grow(out, (len + 2) / 3 * 4);
	size_t i = 0;
	for (; i + 3 <= len; i += 3) {
		unsigned v = (unsigned)s[i] << 16 | (unsigned)s[i + 1] << 8 | s[i + 2];
		char q[4] = { tab[v >> 18], tab[(v >> 12) & 63], tab[(v >> 6) & 63],
			      tab[v & 63] };
		strbuf_add(out, q, 4);
	}
	if (i < len) {
		unsigned v = (unsigned)s[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)s[i + 1] << 8;
		char q[4] = { tab[v >> 18], tab[(v >> 12) & 63],
			      i + 1 < len ? tab[(v >> 6) & 63] : '=', '=' };
		strbuf_add(out, q, 4);
	}
}

void osc52_build(const void *data, size_t len, int tmux, struct strbuf *out)
{
	if (tmux)
		strbuf_addstr(out, "\033Ptmux;\033\033]52;c;");
	else
		strbuf_addstr(out, "\033]52;c;");
	base64_encode(data, len, out);
	strbuf_addch(out, '\a');
	if (tmux)
		strbuf_addstr(out, "\033\\");
}

int osc52_in_tmux(void)
{
	const char *t = getenv("TMUX");
	return t && *t;
}

/* ---- running to the end, output captured ---------------------------------------- */

/* The environment with r->env's NAME=VALUE entries put over it: built
 * before the fork, as the child may only make async-signal-safe calls. */
static char **capture_env(char *const *add)
{
	extern char **environ;
	size_t n = 0, k = 0;
	while (environ[n])
		n++;
	while (add && add[k])
		k++;
	char **v = xmalloc((n + k + 1) * sizeof(*v));
	size_t out = 0;
	for (size_t i = 0; i < n; i++) {
		size_t len = strcspn(environ[i], "=");
		int replaced = 0;
		for (size_t j = 0; j < k && !replaced; j++)
			replaced = !strncmp(add[j], environ[i], len) && add[j][len] == '=';
		if (!replaced)
			v[out++] = environ[i];
	}
	for (size_t j = 0; j < k; j++)
		v[out++] = add[j];
	v[out] = NULL;
	return v;
}

/* Reads the child's output until EOF or the deadline (0: none). Returns 0,
 * or -1 when the deadline passed. */
static int capture_output(int fd, long long deadline, struct strbuf *out)
{
	char buf[4096];
	for (;;) {
		int wait = -1;
		if (deadline) {
			long left = deadline - clock_mono_ms();
			if (left <= 0)
				return -1;
			wait = (int)left;
		}
		struct pollfd p = { fd, POLLIN, 0 };
		int n = poll(&p, 1, wait);
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0)
			continue; /* the deadline, checked above */
		ssize_t r = read(fd, buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return 0;
		if (out->len < LAUNCH_CAPTURE_MAX)
			strbuf_add(out, buf, (size_t)r);
	}
}

int launch_capture(const struct launch_run *r, struct strbuf *out, struct strbuf *err)
{
	char *path = launch_which(r->argv[0]);
	if (!path) {
		add_not_found(err, r->argv[0]);
		return -1;
	}
	int op[2], ep[2];
	if (pipe2(op, O_CLOEXEC) < 0 || pipe2(ep, O_CLOEXEC) < 0) {
		strbuf_addf(err, _("cannot run %s: %s"), r->argv[0], strerror(errno));
		free(path);
		return -1;
	}
	char **envp = capture_env(r->env);
	sigset_t all, oldmask;
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &oldmask);
	pid_t pid = fork();
	if (pid == 0) {
		child_default_signals();
		setsid(); /* no terminal to prompt on; a group of its own */
		int null = open("/dev/null", O_RDONLY);
		if (null >= 0 && null != 0)
			dup2(null, 0);
		dup2(op[1], 1);
		dup2(op[1], 2);
		if (r->keep_fd >= 0)
			fcntl(r->keep_fd, F_SETFD, 0);
		execve(path, (char **)r->argv, envp);
		child_failed(ep[1]);
	}
	int fork_errno = errno;
	sigprocmask(SIG_SETMASK, &oldmask, NULL);
	close(op[1]);
	close(ep[1]);
	free(path);
	free(envp);
	if (pid < 0) {
		strbuf_addf(err, _("cannot run %s: %s"), r->argv[0], strerror(fork_errno));
		close(op[0]);
		close(ep[0]);
		return -1;
	}
	long long deadline = r->timeout_ms > 0 ? clock_mono_ms() + r->timeout_ms : 0;
	int late = capture_output(op[0], deadline, out) < 0;
	if (late)
		kill(-pid, SIGKILL); /* its group: what it started too */
	close(op[0]);
	int e = 0, status = 0;
	ssize_t n;
	do
		n = read(ep[0], &e, sizeof(e));
	while (n < 0 && errno == EINTR);
	close(ep[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (n == (ssize_t)sizeof(e)) {
		strbuf_addf(err, _("cannot run %s: %s"), r->argv[0], strerror(e));
		return -1;
	}
	if (late) {
		/* TRANSLATORS: a program's name, then seconds. */
		strbuf_addf(err, ngettext("%s took longer than %d s and was stopped",
					  "%s took longer than %d s and was stopped",
					  (unsigned long)(r->timeout_ms / 1000)),
			    r->argv[0], r->timeout_ms / 1000);
		return -1;
	}
	if (!WIFEXITED(status)) {
		describe_status(err, r->argv[0], status);
		return -1;
	}
	return WEXITSTATUS(status);
}
