/* replay: runs a fuzz target's LLVMFuzzerTestOneInput over files, without
 * libFuzzer — as a TAP unit test in make check (so every input that once
 * crashed a target, and every fixture, goes through the target's invariants
 * in the normal, sanitizer and valgrind runs), or by hand on a crash file:
 *
 *   tests/fuzz/replay_post [FILE...]
 *
 * With no FILE it reads, under $top_srcdir (default "."): every file of
 * tests/fixtures and tests/fixtures/regress named fuzz-TARGET-* (TARGET
 * taken from this program's name, replay_TARGET), the posts of data/sample
 * and config/digest-tui.conf. A broken invariant aborts (the message names it). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../unit/tap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int read_all(const char *path, uint8_t **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	size_t cap = 4096, n = 0, got;
	uint8_t *buf = malloc(cap);
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			uint8_t *nb = realloc(buf, cap *= 2);
			if (!nb)
				free(buf);
			buf = nb;
		}
	}
	int bad = ferror(f) || !buf;
	fclose(f);
	if (bad) {
		free(buf);
		return -1;
	}
	*data = buf;
	*len = n;
	return 0;
}

static void run_file(const char *path, const char *show)
{
	uint8_t *data;
	size_t len;
	if (read_all(path, &data, &len) < 0) {
		ok(0, "%s: cannot read: %s", show, strerror(errno));
		return;
	}
	/* An exact-size copy, so ASan sees any read past the end. */
	uint8_t *copy = malloc(len ? len : 1);
	if (len)
		memcpy(copy, data, len);
	free(data);
	LLVMFuzzerTestOneInput(copy, len);
	free(copy);
	ok(1, "%s (%zu bytes)", show, len);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file of dir whose name starts with prefix (all when
 * prefix is NULL) and, when suffix is set, ends with it; in name order. */
static void run_dir(const char *top, const char *sub, const char *prefix,
		    const char *suffix)
{
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/%s", top, sub);
	DIR *d = opendir(dir);
	if (!d)
		return;
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		if (de->d_name[0] == '.' || (prefix && strncmp(de->d_name, prefix, strlen(prefix))))
			continue;
		if (suffix && (l < strlen(suffix) || strcmp(de->d_name + l - strlen(suffix), suffix)))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 32;
			names = realloc(names, cap * sizeof(*names));
			if (!names)
				abort();
		}
		names[n++] = strdup(de->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		char path[8192], show[4096];
		struct stat st;
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		snprintf(show, sizeof(show), "%s/%s", sub, names[i]);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			run_file(path, show);
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			run_file(argv[i], argv[i]);
		return tap_done();
	}
	const char *top = getenv("top_srcdir");
	if (!top || !*top)
		top = ".";
	/* replay_TARGET: the target's regression inputs are fuzz-TARGET-*. */
	const char *base = strrchr(argv[0], '/');
	base = base ? base + 1 : argv[0];
	const char *target = strncmp(base, "replay_", 7) ? base : base + 7;
	char prefix[64];
	snprintf(prefix, sizeof(prefix), "fuzz-%s-", target);
	run_dir(top, "tests/fixtures", NULL, NULL);
	run_dir(top, "tests/fixtures/regress", prefix, NULL);
	run_dir(top, "data/sample", NULL, ".md");
	run_dir(top, "config", NULL, ".conf");
	if (!tap_count) {
		tap_skip_all("no inputs found under top_srcdir");
		return 0;
	}
	return tap_done();
}
