/* launch_driver: drives launch.c for tests/open_browser.sh (a check program,
 * not a test by itself).
 *   launch_driver [--wait] [--command CMD] URL   open URL in a browser
 *   launch_driver --yank CMD TEXT                 run CMD with TEXT on stdin
 *   launch_driver --osc52 TEXT                    print the OSC 52 sequence
 *                                                 (tmux form when $TMUX is set)
 *   launch_driver --argv [--command CMD] URL      print the browser argv,
 *                                                 NUL-terminated words
 * After launching, --no-children checks that no child is left to reap (no
 * zombie, no attached child) and says "children: none".
 * Exit status 0, or 1 with the message on stderr. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "launch.h"
#include "strbuf.h"

int main(int argc, char **argv)
{
	const char *command = NULL, *yank = NULL;
	int wait_mode = 0, osc52 = 0, print_argv = 0, no_children = 0;
	int i = 1;
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "--wait"))
			wait_mode = 1;
		else if (!strcmp(argv[i], "--command") && i + 1 < argc)
			command = argv[++i];
		else if (!strcmp(argv[i], "--yank") && i + 1 < argc)
			yank = argv[++i];
		else if (!strcmp(argv[i], "--osc52"))
			osc52 = 1;
		else if (!strcmp(argv[i], "--argv"))
			print_argv = 1;
		else if (!strcmp(argv[i], "--no-children"))
			no_children = 1;
		else if (!strcmp(argv[i], "--"))
			{ i++; break; }
		else
			break;
	}
	if (i != argc - 1) {
		fprintf(stderr, "usage: launch_driver [--wait] [--command CMD] [--yank CMD] [--osc52] [--argv] [--no-children] [--] URL\n");
		return 2;
	}
	const char *url = argv[i];
	struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	int rc = 0;
	if (osc52) {
		osc52_build(url, strlen(url), osc52_in_tmux(), &out);
		fwrite(out.buf, 1, out.len, stdout);
	} else if (print_argv) {
		char **v = launch_browser_argv(command, url, &err);
		if (!v)
			rc = -1;
		for (char **a = v; a && *a; a++)
			fwrite(*a, 1, strlen(*a) + 1, stdout);
		launch_argv_free(v);
	} else if (yank) {
		rc = launch_yank_command(yank, url, strlen(url), &err);
	} else {
		rc = launch_browser(command, url, wait_mode ? LAUNCH_WAIT : LAUNCH_DETACHED, &err);
	}
	if (rc < 0)
		fprintf(stderr, "launch_driver: %s\n", err.buf);
	if (no_children && rc == 0) {
		struct timespec ts = { 0, 200 * 1000000L };
		nanosleep(&ts, NULL);
		int status;
		pid_t p = waitpid(-1, &status, WNOHANG);
		if (p < 0 && errno == ECHILD) {
			printf("children: none\n");
		} else {
			printf("children: %s\n", p > 0 ? "a zombie was left" : "a child is still attached");
			rc = -1;
		}
	}
	strbuf_release(&err);
	strbuf_release(&out);
	return rc < 0 ? 1 : 0;
}
