/* fuzz_config: libFuzzer target for the configuration file parser —
 * any bytes through config_load_string.
 *
 * Invariants (besides ASan/UBSan): the error report is one line per error
 * (at most CONFIG_MAX_ERRORS of them, plus a "too many errors" line), each
 * "NAME:LINE:COLUMN: message" and clean enough for a terminal (no C0, DEL,
 * C1 or bidi control, valid UTF-8); the number returned matches; and the
 * effective configuration, printed (config_print), loads without a single
 * error and prints the same again ("loading the output gives the same
 * configuration", configfile.h). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "configfile.h"
#include "fuzz_check.h"
#include "strbuf.h"

#define NAME "fuzz.conf"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* ~/ in a source line expands to $HOME: keep it the same everywhere. */
	setenv("HOME", "/nonexistent/fuzz-home", 1);
	return 0;
}

static void check_errors(const struct strbuf *err, int n)
{
	size_t lines = 0;
	for (size_t at = 0; at < err->len;) {
		const char *nl = memchr(err->buf + at, '\n', err->len - at);
		FUZZ_CHECK(nl != NULL, "error report does not end with a newline");
		size_t len = (size_t)(nl - (err->buf + at));
		FUZZ_CHECK(len > strlen(NAME ":") && !memcmp(err->buf + at, NAME ":", strlen(NAME ":")),
			   "error line %zu does not start with the name: %.*s", lines,
			   (int)len, err->buf + at);
		fuzz_check_clean("error line", err->buf + at, len, 0);
		lines++;
		at += len + 1;
	}
	FUZZ_CHECK(n >= 0 && n <= CONFIG_MAX_ERRORS + 1, "%d errors", n);
	/* After CONFIG_MAX_ERRORS errors, one "too many errors" line more. */
	FUZZ_CHECK(lines == (size_t)n || (n == CONFIG_MAX_ERRORS && lines == (size_t)n + 1),
		   "%d errors in %zu lines", n, lines);
}

/* The printed configuration from its first setting on (the comment lines
 * before it name the file read). */
static const char *settings_part(const struct strbuf *sb)
{
	const char *s = strstr(sb->buf, "\nset ");
	return s ? s : sb->buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c;
	struct strbuf err = STRBUF_INIT, once = STRBUF_INIT, err2 = STRBUF_INIT,
		      twice = STRBUF_INIT;
	config_init_defaults(&c);
	int n = config_load_string(&c, NAME, (const char *)data, size, &err);
	check_errors(&err, n);
	FUZZ_CHECK((n == 0) == (err.len == 0), "%d errors but %zu bytes of report", n,
		   err.len);

	config_print(&c, &once);
	/* A quoted value may hold a tab; nothing else but newlines. Known
	 * issue (tests/fixtures/regress/fuzz-config-bidi-in-source-url): the
	 * loader takes bidi controls in values (messages show them escaped),
	 * and config_print writes them raw, having no escape for them. */
	fuzz_check_clean("config_print", once.buf, once.len,
			 FUZZ_ALLOW_NL | FUZZ_ALLOW_TAB | FUZZ_ALLOW_BIDI);
	struct config again;
	config_init_defaults(&again);
	int n2 = config_load_string(&again, "printed", once.buf, once.len, &err2);
	FUZZ_CHECK(n2 == 0, "the printed configuration does not load: %s\n--- printed:\n%s",
		   err2.buf, once.buf);
	/* A secret (github-token) is printed masked, never in full, so it
	 * cannot come back from the print: carry it over. */
	if (c.github_token) {
		free(again.github_token);
		again.github_token = strdup(c.github_token);
	}
	config_print(&again, &twice);
	FUZZ_CHECK(!strcmp(settings_part(&once), settings_part(&twice)),
		   "printed, loaded and printed again differs:\n--- once:\n%s\n--- twice:\n%s",
		   once.buf, twice.buf);

	config_free(&again);
	config_free(&c);
	strbuf_release(&err);
	strbuf_release(&err2);
	strbuf_release(&once);
	strbuf_release(&twice);
	return 0;
}
