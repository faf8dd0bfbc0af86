/* Unit tests for the configuration file (src/configfile.c): every setting with
 * good and bad values, the directives, quoting, hostile input, printing, and
 * the shipped sample config/digest-tui.conf. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "actions.h"
#include "configfile.h"
#include "fileio.h"
#include "keyname.h"
#include "source.h"
#include "strbuf.h"
#include "tap.h"
#include "util.h"

static struct config cfg;
static struct strbuf err = STRBUF_INIT;

/* Loads text into fresh defaults; returns the number of errors. */
static int load(const char *text)
{
	config_free(&cfg);
	config_init_defaults(&cfg);
	strbuf_reset(&err);
	return config_load_string(&cfg, "config", text, strlen(text), &err);
}

/* text, shown on one line for a test description. */
static const char *show(const char *text)
{
	static char buf[200];
	size_t k = 0;
	for (const unsigned char *p = (const unsigned char *)text; *p && k < 180; p++) {
		if (*p == '\n')
			k += (size_t)snprintf(buf + k, sizeof(buf) - k, "\\n");
		else if (*p < 0x20 || *p == 0x7f || *p >= 0x80)
			k += (size_t)snprintf(buf + k, sizeof(buf) - k, "\\x%02X", *p);
		else
			buf[k++] = (char)*p;
	}
	buf[k] = '\0';
	return buf;
}

/* text gives exactly the one error message want. */
static void error_is(const char *text, const char *want)
{
	char line[8192];
	int n = load(text);
	snprintf(line, sizeof(line), "%s\n", want);
	if (!is_str(err.buf, line, "error for: %s", show(text)))
		return;
	is_int(n, 1, "  and it counts as one error");
}

static void test_defaults(void)
{
	is_int(cfg.days, 14, "days defaults to 14");
	is_int(cfg.parallel, 4, "parallel defaults to 4");
	is_int(cfg.timeout, 20, "timeout defaults to 20");
	ok(cfg.browser == NULL, "browser defaults to unset");
	is_int(cfg.browser_terminal, 0, "browser-terminal defaults to no");
	is_str(cfg.alphaxiv_lang, "ko", "alphaxiv-lang defaults to ko");
	ok(cfg.yank_command == NULL, "yank-command defaults to unset");
	is_int(cfg.ambiguous_width, 1, "ambiguous-width defaults to 1");
	is_int(cfg.line_break, LAYOUT_BREAK_KEEP_ALL, "line-break defaults to keep-all");
	is_int(cfg.layout, CONFIG_LAYOUT_AUTO, "layout defaults to auto");
	ok(cfg.list_width == 40 && cfg.list_width_percent, "list-width defaults to 40%%");
	is_int(cfg.text_width, 100, "text-width defaults to 100 columns");
	is_int(cfg.compact, 0, "compact defaults to no");
	is_int(cfg.mark_read, CONFIG_MARK_READ_AFTER, "mark-read defaults to seconds");
	is_int(cfg.mark_read_after, 2, "mark-read defaults to 2 seconds");
	is_int(cfg.advance, 1, "advance defaults to yes");
	is_int(cfg.open_many, 5, "open-many defaults to 5");
	is_int((long)cfg.nsources + (long)cfg.nbinds + (long)cfg.nunbinds, 0,
	       "no sources, binds or unbinds by default");
	is_int(cfg.colors[CONFIG_ELEMENT_HEADING].fg, 3, "headings are yellow by default");
	is_int(cfg.colors[CONFIG_ELEMENT_STATUS].fg, CONFIG_COLOR_DEFAULT,
	       "the status line has the terminal's colors by default");
	is_int(load(""), 0, "an empty file is fine");
	is_int(load("\n\n   \n\t\n# only a comment\n   # indented comment"), 0,
	       "blank lines and comments are fine");
}

static void test_settings_good(void)
{
	static const struct {
		const char *line;
		int *field;
		int want;
	} ints[] = {
		{ "set days 1", &cfg.days, 1 },
		{ "set days 3660", &cfg.days, 3660 },
		{ "set days 007", &cfg.days, 7 },
		{ "set parallel 1", &cfg.parallel, 1 },
		{ "set parallel 32", &cfg.parallel, 32 },
		{ "set timeout 1", &cfg.timeout, 1 },
		{ "set timeout 600", &cfg.timeout, 600 },
		{ "set ambiguous-width 2", &cfg.ambiguous_width, 2 },
		{ "set ambiguous-width 1", &cfg.ambiguous_width, 1 },
		{ "set browser-terminal yes", &cfg.browser_terminal, 1 },
		{ "set browser-terminal true", &cfg.browser_terminal, 1 },
		{ "set browser-terminal on", &cfg.browser_terminal, 1 },
		{ "set browser-terminal YES", &cfg.browser_terminal, 1 },
		{ "set browser-terminal no", &cfg.browser_terminal, 0 },
		{ "set browser-terminal false", &cfg.browser_terminal, 0 },
		{ "set browser-terminal off", &cfg.browser_terminal, 0 },
		{ "set compact yes", &cfg.compact, 1 },
		{ "set compact off", &cfg.compact, 0 },
	};
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		int n = load(ints[i].line);
		ok(n == 0 && *ints[i].field == ints[i].want, "%s", show(ints[i].line));
	}

	is_int(load("set browser \"firefox --new-tab %u\""), 0, "browser with a quoted command");
	is_str(cfg.browser, "firefox --new-tab %u", "  stored unquoted");
	is_int(load("set browser firefox\nset browser ''"), 0, "browser '' ...");
	ok(cfg.browser == NULL, "  resets it to unset");
	is_int(load("set yank-command 'xclip -selection clipboard'"), 0, "yank-command");
	is_str(cfg.yank_command, "xclip -selection clipboard", "  stored unquoted");
	is_int(load("set alphaxiv-lang en"), 0, "alphaxiv-lang en");
	is_str(cfg.alphaxiv_lang, "en", "  stored");
	is_int(load("set alphaxiv-lang pt-BR"), 0, "alphaxiv-lang pt-BR");
	is_str(cfg.alphaxiv_lang, "pt-BR", "  stored");

	ok(load("set line-break normal") == 0 && cfg.line_break == LAYOUT_BREAK_NORMAL,
	   "line-break normal");
	ok(load("set line-break normal\nset line-break keep-all") == 0 &&
	   cfg.line_break == LAYOUT_BREAK_KEEP_ALL, "line-break keep-all, later line wins");
	ok(load("set layout side") == 0 && cfg.layout == CONFIG_LAYOUT_SIDE, "layout side");
	ok(load("set layout stacked") == 0 && cfg.layout == CONFIG_LAYOUT_STACKED,
	   "layout stacked");
	ok(load("set layout auto") == 0 && cfg.layout == CONFIG_LAYOUT_AUTO, "layout auto");
	ok(load("set list-width 60") == 0 && cfg.list_width == 60 && !cfg.list_width_percent,
	   "list-width 60 (columns)");
	ok(load("set list-width 10") == 0 && cfg.list_width == 10, "list-width 10");
	ok(load("set list-width 200") == 0 && cfg.list_width == 200, "list-width 200");
	ok(load("set text-width 0") == 0 && cfg.text_width == 0, "text-width 0: the whole pane");
	ok(load("set text-width 72") == 0 && cfg.text_width == 72, "text-width 72");
	error_is("set text-width 1001",
		 "config:1:16: '1001' is out of range for text-width (expected a number of "
		 "columns from 0 to 1000)");
	ok(load("set list-width 35%") == 0 && cfg.list_width == 35 && cfg.list_width_percent,
	   "list-width 35%%");
	ok(load("set list-width 90%") == 0 && cfg.list_width == 90, "list-width 90%%");
	ok(load("set mark-read never") == 0 && cfg.mark_read == CONFIG_MARK_READ_NEVER,
	   "mark-read never");
	ok(load("set mark-read 30") == 0 && cfg.mark_read == CONFIG_MARK_READ_AFTER &&
	   cfg.mark_read_after == 30, "mark-read 30 (seconds)");
	ok(load("set mark-read 30\nset mark-read on-open") == 0 &&
	   cfg.mark_read == CONFIG_MARK_READ_ON_OPEN, "mark-read on-open");
	ok(load("  set\tdays   9   # nine days") == 0 && cfg.days == 9,
	   "blanks, tabs and a trailing comment");
	ok(load("set days 9\r\nset parallel 3\r\n") == 0 && cfg.days == 9 && cfg.parallel == 3,
	   "CRLF line ends");
	ok(load("\xEF\xBB\xBFset days 5") == 0 && cfg.days == 5, "a UTF-8 byte-order mark");

	config_free(&cfg);
	config_init_defaults(&cfg);
	cfg.days = 5;
	strbuf_reset(&err);
	is_int(config_load_string(&cfg, "x", "set parallel 2", 14, &err), 0,
	       "loading adds to what the config holds");
	ok(cfg.days == 5 && cfg.parallel == 2, "  keeping earlier values");
}

static void test_settings_bad(void)
{
	error_is("set dayz 3",
		 "config:1:5: unknown setting 'dayz' (did you mean 'days'? the settings are "
		 "listed by --check-config and in digest-tui.conf(5))");
	error_is("set list_width 30",
		 "config:1:5: unknown setting 'list_width' (did you mean 'list-width'? the "
		 "settings are listed by --check-config and in digest-tui.conf(5))");
	error_is("set frobnicate 3",
		 "config:1:5: unknown setting 'frobnicate' (expected one of: days, parallel, "
		 "timeout, browser, browser-terminal, alphaxiv-lang, language, yank-command, editor, "
		 "ambiguous-width, line-break, layout, list-width, text-width, compact, sort, mark-read, "
		 "advance, open-many, metadata, metadata-hf-url, metadata-arxiv-url, github-api-url, github-raw-url, github-token, sync-dir, sync-git)");
	error_is("\n\nset days 0",
		 "config:3:10: '0' is out of range for days (expected a whole number from 1 to 3660)");
	error_is("set days 3661",
		 "config:1:10: '3661' is out of range for days (expected a whole number from 1 to 3660)");
	error_is("set days -5",
		 "config:1:10: '-5' is out of range for days (expected a whole number from 1 to 3660)");
	error_is("set days 12345678901234567890",
		 "config:1:10: '12345678901234567890' is out of range for days (expected a "
		 "whole number from 1 to 3660)");
	error_is("set days two",
		 "config:1:10: 'two' is not a number (expected a whole number from 1 to 3660)");
	error_is("set days 1.5",
		 "config:1:10: '1.5' is not a number (expected a whole number from 1 to 3660)");
	error_is("set parallel 33",
		 "config:1:14: '33' is out of range for parallel (expected a whole number from 1 to 32)");
	error_is("set timeout 601",
		 "config:1:13: '601' is out of range for timeout (expected a number of seconds "
		 "from 1 to 600)");
	error_is("set timeout 20s",
		 "config:1:13: '20s' is not a number (expected a number of seconds from 1 to 600)");
	error_is("set ambiguous-width 3",
		 "config:1:21: '3' is out of range for ambiguous-width (expected 1 or 2)");
	error_is("set compact maybe",
		 "config:1:13: 'maybe' is not a boolean (expected yes or no)");
	error_is("set browser-terminal 1",
		 "config:1:22: '1' is not a boolean (expected yes or no)");
	error_is("set line-break sometimes",
		 "config:1:16: 'sometimes' is not a valid line-break (expected keep-all or normal)");
	error_is("set layout sideways",
		 "config:1:12: 'sideways' is not a valid layout (expected auto, side or stacked)");
	error_is("set list-width 5",
		 "config:1:16: '5' is out of range for list-width (expected a number of columns "
		 "from 10 to 200, or a percentage from 10% to 90%)");
	error_is("set list-width 95%",
		 "config:1:16: '95%' is out of range for list-width (expected a number of columns "
		 "from 10 to 200, or a percentage from 10% to 90%)");
	error_is("set list-width wide",
		 "config:1:16: 'wide' is not a width (expected a number of columns from 10 to "
		 "200, or a percentage from 10% to 90%)");
	error_is("set list-width %",
		 "config:1:16: '%' is not a width (expected a number of columns from 10 to "
		 "200, or a percentage from 10% to 90%)");
	error_is("set mark-read sometimes",
		 "config:1:15: 'sometimes' is not a valid mark-read (expected on-open, never, "
		 "or a number of seconds from 1 to 3600)");
	error_is("set mark-read 0",
		 "config:1:15: '0' is out of range for mark-read (expected on-open, never, or a "
		 "number of seconds from 1 to 3600)");
	error_is("set alphaxiv-lang korean",
		 "config:1:19: 'korean' is not a language code (expected a language code such "
		 "as ko or en)");
	error_is("set alphaxiv-lang ''",
		 "config:1:19: '' is not a language code (expected a language code such as ko or en)");
	/* A command is what launch_split, which runs it, makes of it. */
	error_is("set browser \"firefox 'unclosed\"",
		 "config:1:13: 'firefox 'unclosed' is not a command: unterminated single quote "
		 "(expected a command such as \"firefox %u\", or \"\" for $BROWSER, then xdg-open)");
	error_is("set yank-command '   '",
		 "config:1:18: '   ' is not a command: empty command (expected a command such as "
		 "\"wl-copy\", or \"\" for OSC 52 only)");
	error_is("set browser 'firefox \\'",
		 "config:1:13: 'firefox \\' is not a command: backslash at the end (expected a "
		 "command such as \"firefox %u\", or \"\" for $BROWSER, then xdg-open)");
	error_is("set days",
		 "config:1:10: missing value for days (expected a whole number from 1 to 3660)");
	error_is("set", "config:1:5: missing setting name (expected set NAME VALUE)");
	error_is("set browser firefox --new-tab %u",
		 "config:1:21: unexpected '--new-tab' after the value (expected the end of "
		 "the line; quote a value that contains spaces)");
	error_is("sett days 3",
		 "config:1:1: unknown command 'sett' (expected set, source, bind, unbind or color)");
	error_is("    days 3",
		 "config:1:5: unknown command 'days' (expected set, source, bind, unbind or color)");
	error_is("set 강화 3",
		 "config:1:5: unknown setting '강화' (expected one of: days, parallel, "
		 "timeout, browser, browser-terminal, alphaxiv-lang, language, yank-command, editor, "
		 "ambiguous-width, line-break, layout, list-width, text-width, compact, sort, mark-read, "
		 "advance, open-many, metadata, metadata-hf-url, metadata-arxiv-url, github-api-url, github-raw-url, github-token, sync-dir, sync-git)");
	/* Columns count characters, not bytes. */
	error_is("set alphaxiv-lang 한국어",
		 "config:1:19: '한국어' is not a language code (expected a language code such as "
		 "ko or en)");
	error_is("# 설정\n\"강\" days 1",
		 "config:2:1: unknown command '강' (expected set, source, bind, unbind or color)");

	/* A bad value leaves the old one. */
	ok(load("set days 9\nset days zero") == 1 && cfg.days == 9,
	   "a bad value keeps the earlier one");
}

static void test_quoting(void)
{
	ok(load("set browser \"my browser \\\"x\\\" \\\\ %u\"") == 0 &&
	   cfg.browser && !strcmp(cfg.browser, "my browser \"x\" \\ %u"),
	   "double quotes take \\\" and \\\\");
	ok(load("set browser \"a\\nb\"") == 0 && cfg.browser && !strcmp(cfg.browser, "a\\nb"),
	   "other backslashes stay as they are");
	ok(load("set browser 'it\\s \"literal\"'") == 0 && cfg.browser &&
	   !strcmp(cfg.browser, "it\\s \"literal\""), "single quotes are literal");
	ok(load("set browser fire\"fox \"'%u'") == 0 && cfg.browser &&
	   !strcmp(cfg.browser, "firefox %u"), "quoted pieces join into one word");
	ok(load("set browser \"open #1 %u\" # the comment") == 0 && cfg.browser &&
	   !strcmp(cfg.browser, "open #1 %u"), "# inside quotes is not a comment");
	ok(load("set days 7# comment") == 0 && cfg.days == 7, "# right after a word starts a comment");
	error_is("set browser \"firefox %u",
		 "config:1:13: unterminated quote (expected a closing \" before the end of the line)");
	error_is("\n\n\n\n\n\n\n\n'set days 3",
		 "config:9:1: unterminated quote (expected a closing ' before the end of the line)");
	error_is("set browser \"a\\\"",
		 "config:1:13: unterminated quote (expected a closing \" before the end of the line)");
	error_is("set browser \"x\" # it's fine\nset browser 'y",
		 "config:2:13: unterminated quote (expected a closing ' before the end of the line)");
}

static void test_hostile(void)
{
	/* Exactly the limit is fine; one byte more is not. */
	struct strbuf big = STRBUF_INIT;
	strbuf_addstr(&big, "set browser '");
	while (big.len < CONFIG_MAX_LINE - 1)
		strbuf_addch(&big, 'x');
	strbuf_addstr(&big, "'\nset days 3\n");
	is_int(load(big.buf), 0, "a line of exactly 4096 bytes is fine");
	is_int(cfg.days, 3, "  and the next line is read");
	strbuf_reset(&big);
	strbuf_addstr(&big, "set days 2\n# ");
	while (big.len < 11 + CONFIG_MAX_LINE + 1)
		strbuf_addch(&big, 'y');
	strbuf_addstr(&big, "\nset dayz 3\n");
	load(big.buf);
	is_str(err.buf,
	       "config:2:1: line longer than 4096 bytes\n"
	       "config:3:5: unknown setting 'dayz' (did you mean 'days'? the settings are "
	       "listed by --check-config and in digest-tui.conf(5))\n",
	       "a line of 4097 bytes is an error, and all errors are listed");
	is_int(cfg.days, 2, "  the good lines still count");
	strbuf_reset(&big);
	for (int i = 0; i < 100000; i++)
		strbuf_addch(&big, 'z');
	load(big.buf);
	is_str(err.buf, "config:1:1: line longer than 4096 bytes\n",
	       "a huge file without a newline is one error");
	strbuf_release(&big);

	static const char nul[] = "set days 3\nset da\0ys 4\nset days 5\n";
	config_free(&cfg);
	config_init_defaults(&cfg);
	strbuf_reset(&err);
	is_int(config_load_string(&cfg, "config", nul, sizeof(nul) - 1, &err), 1,
	       "a NUL byte is an error");
	is_str(err.buf, "config:2:7: NUL byte (expected text)\n", "  naming line and column");
	is_int(cfg.days, 5, "  the lines around it are read");

	error_is("set days 3\n\xff\xfe garbage\n",
		 "config:2:1: not valid UTF-8 (byte 0xFF; expected UTF-8 text)");
	error_is("set browser 'caf\xc3'", "config:1:17: not valid UTF-8 (byte 0xC3; expected UTF-8 text)");
	error_is("set browser '\xed\xa0\x80'",
		 "config:1:14: not valid UTF-8 (byte 0xED; expected UTF-8 text)");
	error_is("set browser '\xc0\xaf'", "config:1:14: not valid UTF-8 (byte 0xC0; expected UTF-8 text)");
	error_is("set days 3\x1b[31m", "config:1:11: control character U+001B (expected text)");
	error_is("set days 3\rset days 4", "config:1:11: control character U+000D (expected text)");
	error_is("set browser '\xc2\x9b'", "config:1:14: control character U+009B (expected text)");
	/* Invisible bidi controls are shown escaped in messages. */
	error_is("set alphaxiv-lang k\xe2\x80\xae" "o",
		 "config:1:19: 'k<U+202E>o' is not a language code (expected a language code "
		 "such as ko or en)");

	/* Binary garbage: one error per bad line, capped, never a crash. */
	struct strbuf bin = STRBUF_INIT;
	unsigned seed = 12345;
	for (int i = 0; i < 20000; i++) {
		seed = seed * 1103515245u + 12345u;
		strbuf_addch(&bin, (int)((seed >> 16) & 0xff));
	}
	config_free(&cfg);
	config_init_defaults(&cfg);
	strbuf_reset(&err);
	int n = config_load_string(&cfg, "bin", bin.buf, bin.len, &err);
	is_int(n, CONFIG_MAX_ERRORS, "binary garbage stops at %d errors", CONFIG_MAX_ERRORS);
	int lines = 0, shaped = 1;
	for (const char *p = err.buf; *p; p = strchr(p, '\n') + 1) {
		int l, c, k = 0;
		lines++;
		if (sscanf(p, "bin:%d:%d: %n", &l, &c, &k) != 2 || k == 0) {
			if (sscanf(p, "bin:%d: too many errors (stopped after 20)%n", &l, &k) != 1 ||
			    k == 0 || p[k] != '\n')
				shaped = 0;
		}
		for (const char *q = p; *q != '\n'; q++)
			if ((unsigned char)*q < 0x20 && *q != '\t')
				shaped = 0;
	}
	is_int(lines, CONFIG_MAX_ERRORS + 1, "  listed one per line, then 'too many errors'");
	ok(shaped, "  every line is FILE:LINE:COLUMN: message, without control characters");
	ok(strstr(err.buf, "too many errors") != NULL, "  the last says too many errors");

	/* Many random small inputs made of the syntax's own characters. */
	static const char alphabet[] = "setbindcolorsource \"'\\#%\t\n-<>C1abj\xea\xb0\x80\xff";
	int survived = 1;
	for (int round = 0; round < 3000; round++) {
		strbuf_reset(&bin);
		if (round % 3 == 0)
			strbuf_addstr(&bin, (const char *[]){ "set ", "bind ", "color ", "source " }[round % 4]);
		int len = (int)(seed % 40);
		for (int i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			strbuf_addch(&bin, alphabet[(seed >> 16) % (sizeof(alphabet) - 1)]);
		}
		config_free(&cfg);
		config_init_defaults(&cfg);
		strbuf_reset(&err);
		n = config_load_string(&cfg, "f", bin.buf, bin.len, &err);
		if ((n == 0) != (err.len == 0))
			survived = 0;
	}
	ok(survived, "3000 random lines: errors are counted and listed consistently");
	strbuf_release(&bin);
}

static void test_binds(void)
{
	enum action a;
	unsigned j, x;
	keyname_parse("j", &j);
	keyname_parse("x", &x);
	is_int(load("bind x quit\nbind list J move-down\nbind view <F5> redraw\n"
		    "bind C-x help\nbind \"#\" search\nbind help <PageDown> page-down"), 0,
	       "binds with and without a pane");
	is_int((long)cfg.nbinds, 6, "  six binds");
	ok(config_key_action(&cfg, "list", x, &a) && a == ACTION_QUIT, "  x quits in the list");
	ok(config_key_action(&cfg, NULL, x, &a) && a == ACTION_QUIT, "  and in every pane");
	unsigned key;
	keyname_parse("J", &key);
	ok(config_key_action(&cfg, "list", key, &a) && a == ACTION_MOVE_DOWN,
	   "  J moves down in the list");
	ok(!config_key_action(&cfg, "view", key, &a), "  but not in the view (defaults apply)");
	ok(cfg.binds[1].pane && !strcmp(cfg.binds[1].pane, "list"), "  the pane is recorded");
	keyname_parse("<F5>", &key);
	ok(cfg.binds[2].key == key && cfg.binds[2].action == ACTION_REDRAW, "  <F5> redraw");
	ok(cfg.binds[3].key == 0x18 && cfg.binds[3].action == ACTION_HELP, "  C-x help");
	ok(cfg.binds[4].key == '#' && cfg.binds[4].action == ACTION_SEARCH, "  a quoted # key");
	ok(!config_key_action(&cfg, "list", j, &a), "j is left to the defaults");

	/* Every action of the table can be bound. */
	struct strbuf all = STRBUF_INIT;
	for (int i = 1; i < ACTION_COUNT; i++)
		strbuf_addf(&all, "bind <F%d> %s\n", i % 12 + 1, action_info[i].name);
	is_int(load(all.buf), 0, "every action of the action table can be bound");
	strbuf_release(&all);

	is_int(load("unbind j\nunbind view <Down>"), 0, "unbind with and without a pane");
	ok(config_key_action(&cfg, "list", j, &a) && a == ACTION_NONE, "  j does nothing anywhere");
	keyname_parse("<Down>", &key);
	ok(config_key_action(&cfg, "view", key, &a) && a == ACTION_NONE, "  <Down> nothing in the view");
	ok(!config_key_action(&cfg, "list", key, &a), "  but the default in the list");

	/* The later line wins; a line without a pane replaces the pane lines. */
	load("bind list j quit\nunbind j");
	ok(config_key_action(&cfg, "list", j, &a) && a == ACTION_NONE &&
	   cfg.nbinds == 0 && cfg.nunbinds == 1, "unbind after bind: unbound");
	load("unbind j\nbind j quit");
	ok(config_key_action(&cfg, "view", j, &a) && a == ACTION_QUIT && cfg.nunbinds == 0,
	   "bind after unbind: bound");
	load("bind j quit\nbind list j help");
	ok(config_key_action(&cfg, "list", j, &a) && a == ACTION_HELP &&
	   config_key_action(&cfg, "view", j, &a) && a == ACTION_QUIT,
	   "a later pane line overrides for its pane only");
	load("bind list j help\nbind j quit");
	ok(config_key_action(&cfg, "list", j, &a) && a == ACTION_QUIT && cfg.nbinds == 1,
	   "a later line for all panes replaces the pane line");
	load("bind j quit\nunbind list j");
	ok(config_key_action(&cfg, "list", j, &a) && a == ACTION_NONE &&
	   config_key_action(&cfg, "help", j, &a) && a == ACTION_QUIT,
	   "unbind in one pane keeps the others");
	load("bind j quit\nbind j help");
	ok(cfg.nbinds == 1 && cfg.binds[0].action == ACTION_HELP, "rebinding replaces");

	error_is("\n\n\n\n\n\n\n\n\n\n\nbind j frobnicate",
		 "config:12:8: unknown action 'frobnicate' (expected an action name such as "
		 "move-down or quit; the actions are listed by ? and in digest-tui(1))");
	error_is("bind j qiut",
		 "config:1:8: unknown action 'qiut' (did you mean 'quit'? the actions are listed "
		 "by ? and in digest-tui(1))");
	error_is("bind xyz quit",
		 "config:1:6: unknown key 'xyz' (expected a character such as j, C-x for Ctrl-x, "
		 "or a name such as <Enter>, <PageDown> or <F5>)");
	error_is("bind PageDown quit",
		 "config:1:6: unknown key 'PageDown' (expected a character such as j, C-x for "
		 "Ctrl-x, or a name such as <Enter>, <PageDown> or <F5>; did you mean "
		 "'<PageDown>'?)");
	error_is("bind 가 quit",
		 "config:1:6: unknown key '가' (expected a character such as j, C-x for Ctrl-x, "
		 "or a name such as <Enter>, <PageDown> or <F5>)");
	error_is("bind lst j quit",
		 "config:1:6: unknown pane 'lst' (expected list, view or help)");
	error_is("bind j", "config:1:8: missing action (expected bind [PANE] KEY ACTION)");
	error_is("bind list j", "config:1:13: missing action (expected bind [PANE] KEY ACTION)");
	error_is("bind # quit",
		 "config:1:6: missing key (expected bind [PANE] KEY ACTION; write \"#\" in quotes "
		 "for the # key)");
	error_is("bind j quit now",
		 "config:1:13: unexpected 'now' after the action (expected the end of the line; "
		 "quote a value that contains spaces)");
	error_is("unbind", "config:1:8: missing key (expected unbind [PANE] KEY; write \"#\" in "
		 "quotes for the # key)");
	error_is("unbind j k",
		 "config:1:10: unexpected 'k' after the key (expected the end of the line; quote "
		 "a value that contains spaces)");
	error_is("unbind lst k",
		 "config:1:8: unknown pane 'lst' (expected list, view or help)");
	error_is("unbind list j k",
		 "config:1:15: unexpected 'k' after the key (expected the end of the line; quote "
		 "a value that contains spaces)");
}

static void test_colors(void)
{
	is_int(load("color heading red default bold underline\n"
		    "color selected color236 color15\n"
		    "color border default default\n"
		    "color match black yellow reverse italic dim"), 0, "color lines");
	const struct config_color *h = &cfg.colors[CONFIG_ELEMENT_HEADING];
	ok(h->fg == 1 && h->bg == -1 &&
	   h->attrs == (CONFIG_ATTR_BOLD | CONFIG_ATTR_UNDERLINE) && h->from_file,
	   "  heading red on default, bold underline");
	const struct config_color *s = &cfg.colors[CONFIG_ELEMENT_SELECTED];
	ok(s->fg == 236 && s->bg == 15 && s->attrs == 0, "  selected color236 on color15");
	const struct config_color *m = &cfg.colors[CONFIG_ELEMENT_MATCH];
	ok(m->fg == 0 && m->bg == 3 &&
	   m->attrs == (CONFIG_ATTR_REVERSE | CONFIG_ATTR_ITALIC | CONFIG_ATTR_DIM),
	   "  match black on yellow, reverse italic dim");
	ok(!cfg.colors[CONFIG_ELEMENT_LINK].from_file && cfg.colors[CONFIG_ELEMENT_LINK].fg == 4,
	   "  other elements keep the defaults");
	static const char *const elements[] = { "title", "heading", "label", "code", "link",
		"dim", "match", "selected", "header", "status", "border" };
	int good = 1;
	for (size_t i = 0; i < sizeof(elements) / sizeof(elements[0]); i++) {
		char line[80];
		snprintf(line, sizeof(line), "color %s white blue", elements[i]);
		if (load(line) != 0 || cfg.colors[i].fg != 7 || cfg.colors[i].bg != 4)
			good = 0;
	}
	ok(good, "all eleven elements can be colored");
	ok(load("color title color0 color255") == 0 && cfg.colors[0].fg == 0 &&
	   cfg.colors[0].bg == 255, "color0 and color255");
	error_is("color title color256 default",
		 "config:1:13: 'color256' is not a color (expected default, black, red, green, "
		 "yellow, blue, magenta, cyan, white, or color0 to color255)");
	error_is("color title purple default",
		 "config:1:13: 'purple' is not a color (expected default, black, red, green, "
		 "yellow, blue, magenta, cyan, white, or color0 to color255)");
	error_is("color title red",
		 "config:1:17: missing background color (expected color ELEMENT FOREGROUND "
		 "BACKGROUND [ATTRIBUTE]...)");
	error_is("color title red default blink",
		 "config:1:25: 'blink' is not an attribute (expected bold, dim, underline, "
		 "reverse or italic)");
	error_is("color body red default",
		 "config:1:7: unknown element 'body' (expected one of: title, heading, label, "
		 "code, link, dim, match, selected, header, status, border)");
}

static void test_sources(void)
{
	const char *tmpl = "https://raw.githubusercontent.com/hahngt/hahngt.github.io/main/"
			   "_posts/%Y-%m-%d-daily-papers-%Y%m%d.md";
	char dir[] = "/tmp/digest-tui-test-config.XXXXXX";
	if (!mkdtemp(dir)) {
		ok(0, "a temporary directory for dir sources");
		return;
	}
	char sub[sizeof(dir) + 16], line[1024];
	snprintf(sub, sizeof(sub), "%s/papers", dir);
	mkdir(sub, 0700);
	snprintf(line, sizeof(line), "source hahngt template %s\n"
		 "source one url https://example.org/post.md\n"
		 "source local dir %s\n", tmpl, dir);
	is_int(load(line), 0, "template, url and dir sources");
	if (err.len)
		printf("# %s", err.buf);
	is_int((long)cfg.nsources, 3, "  three sources");
	ok(cfg.nsources == 3 && !strcmp(cfg.sources[0].name, "hahngt") &&
	   cfg.sources[0].kind == SOURCE_TEMPLATE && cfg.sources[0].nargs == 1 &&
	   !strcmp(cfg.sources[0].args[0], tmpl), "  the template source by value");
	ok(cfg.nsources == 3 && cfg.sources[1].kind == SOURCE_URL &&
	   !strcmp(cfg.sources[1].args[0], "https://example.org/post.md"), "  the url source");
	ok(cfg.nsources == 3 && cfg.sources[2].kind == SOURCE_DIR &&
	   !strcmp(cfg.sources[2].args[0], dir), "  the dir source");

	struct source_list list;
	source_list_init(&list);
	strbuf_reset(&err);
	is_int(config_add_sources(&cfg, &list, &err), 0, "they go into the fetcher's list");
	ok(list.n == 3 && !strcmp(list.v[0].name, "hahngt") && list.v[0].kind == SOURCE_TEMPLATE &&
	   !strcmp(list.v[1].name, "one") && list.v[2].kind == SOURCE_DIR,
	   "  with their names and kinds");
	source_list_free(&list);

	/* github OWNER/REPO [BRANCH] [PATH]. */
	ok(load("source blog github me/blog gh-pages posts\nsource b2 github me/b2\n") == 0 &&
	   cfg.nsources == 2 && cfg.sources[0].kind == SOURCE_GITHUB &&
	   cfg.sources[0].nargs == 3 && cfg.sources[1].nargs == 1, "github sources");
	source_list_init(&list);
	strbuf_reset(&err);
	ok(config_add_sources(&cfg, &list, &err) == 0 && list.n == 2 &&
	   !strcmp(list.v[0].name, "blog") && !strcmp(list.v[0].location, "me/blog gh-pages posts") &&
	   !strcmp(list.v[1].location, "me/b2 main _posts"), "  go into the fetcher's list");
	source_list_free(&list);
	{
		struct strbuf pr = STRBUF_INIT;
		config_print(&cfg, &pr);
		ok(strstr(pr.buf, "source blog github me/blog gh-pages posts\n") != NULL,
		   "  and are printed as written");
		strbuf_release(&pr);
	}
	error_is("source a github",
		 "config:1:17: github: missing OWNER/REPO (expected github OWNER/REPO [BRANCH] [PATH])");
	error_is("source a github me/../x",
		 "config:1:25: github: not an OWNER/REPO of letters, digits, '.', '_' and '-'");
	error_is("source a github a/b c d e",
		 "config:1:27: github: too many words (expected github OWNER/REPO [BRANCH] [PATH])");

	/* The token is never printed: --check-config says it is set. */
	ok(load("set github-token 'ghp_s3cr3t'\n") == 0 && cfg.github_token &&
	   !strcmp(cfg.github_token, "ghp_s3cr3t"), "github-token is read");
	{
		struct strbuf pr = STRBUF_INIT;
		config_print(&cfg, &pr);
		ok(!strstr(pr.buf, "s3cr3t") && strstr(pr.buf, "set github-token \"\"  # set, not shown"),
		   "  and never printed");
		strbuf_release(&pr);
	}

	setenv("HOME", dir, 1);
	ok(load("source mine dir ~/papers") == 0 && cfg.nsources == 1 &&
	   !strcmp(cfg.sources[0].args[0], sub), "~/ in a dir means $HOME");
	ok(load("source x template 'https://e.org/%Y/%20x%%.md'") == 0,
	   "percent-encoding and %%%% in a template");
	snprintf(line, sizeof(line), "source mine dir %s/nothing-here", dir);
	load(line);
	char want[1024];
	snprintf(want, sizeof(want), "config:1:17: '%s/nothing-here': No such file or "
		 "directory (expected a directory of posts, as /path or ~/path)\n", dir);
	is_str(err.buf, want, "a missing directory");
	snprintf(line, sizeof(line), "source mine url %s", dir);
	snprintf(want, sizeof(want), "config:1:17: '%s' is a directory (expected the kind "
		 "dir for it)", dir);
	error_is(line, want);
	rmdir(sub);
	rmdir(dir);

	error_is("source hahngt template https://example.org/daily.md",
		 "config:1:24: 'https://example.org/daily.md' has no date field (expected date "
		 "fields such as %Y-%m-%d in it, or the kind url for a single post)");
	error_is("source hahngt url https://example.org/%Y/daily.md",
		 "config:1:19: 'https://example.org/%Y/daily.md' has date fields (expected the "
		 "kind template for it)");
	error_is("source hahngt template example.org/%Y.md",
		 "config:1:24: 'example.org/%Y.md' is not a URL or an absolute path (expected a "
		 "URL template with date fields, such as "
		 "https://example.org/%Y-%m-%d-daily-papers-%Y%m%d.md)");
	error_is("source a url ftp://x",
		 "config:1:14: 'ftp://x': unsupported protocol (only http, https and "
		 "file) (expected the URL of one post, starting with https://, http:// or file://)");
	error_is("source a url http:///x",
		 "config:1:14: 'http:///x': a URL without a host (expected the URL of one post, "
		 "starting with https://, http:// or file://)");
	error_is("source a dir posts",
		 "config:1:14: 'posts' is not a URL or an absolute path (expected a directory of "
		 "posts, as /path or ~/path)");
	error_is("source a feed https://x",
		 "config:1:10: unknown source kind 'feed' (expected template, url, dir or github)");
	error_is("source a url",
		 "config:1:14: missing url for source 'a' (expected the URL of one post, starting "
		 "with https://, http:// or file://)");
	error_is("source a", "config:1:10: missing source kind (expected template, url, dir or github)");
	error_is("source", "config:1:8: missing source name (expected source NAME template|url|dir ARG, or source NAME "
		 "github OWNER/REPO [BRANCH] [PATH])");
	error_is("source 'a b' dir /",
		 "config:1:8: 'a b' is not a source name (expected 1 to 32 of a-z, 0-9 and _)");
	error_is("source Hahn dir /",
		 "config:1:8: 'Hahn' is not a source name (expected 1 to 32 of a-z, 0-9 and _)");
	error_is("source a dir /\n\nsource a dir /",
		 "config:3:8: source 'a' is already defined on line 1 (expected a new name)");
	error_is("source a dir /x /y",
		 "config:1:17: unexpected '/y' after the source (expected the end of the line; "
		 "quote a value that contains spaces)");
}

static void test_print(void)
{
	const char *text =
		"set days 30\nset browser \"firefox --new-tab %u\"\nset compact yes\n"
		"set list-width 50\nset mark-read 12\nset yank-command 'wl-copy'\n"
		"set line-break normal\nset layout stacked\nset alphaxiv-lang en\n"
		"source a template 'https://e.org/#/%Y-%m-%d.md'\n"
		"source b url \"file:///posts/a b.md\"\n"
		"bind list j quit\nunbind k\nbind \"#\" help\nbind view <Space> page-down\n"
		"bind '\"' help\nunbind help C-d\nbind <F5> redraw\n"
		"color title color100 default bold italic\n";
	is_int(load(text), 0, "a full configuration loads");
	struct strbuf once = STRBUF_INIT, twice = STRBUF_INIT;
	config_print(&cfg, &once);
	ok(strstr(once.buf, "set days 30\n") != NULL, "  printed: set days 30");
	ok(strstr(once.buf, "set browser \"firefox --new-tab %u\"\n") != NULL,
	   "  printed: the browser, quoted");
	ok(strstr(once.buf, "set list-width 50\n") != NULL, "  printed: list-width in columns");
	ok(strstr(once.buf, "set mark-read 12\n") != NULL, "  printed: mark-read seconds");
	ok(strstr(once.buf, "set timeout 20\n") != NULL, "  printed: defaults too");
	ok(strstr(once.buf, "source a template \"https://e.org/#/%Y-%m-%d.md\"\n") != NULL,
	   "  printed: sources, # quoted");
	ok(strstr(once.buf, "bind list j quit\n") != NULL, "  printed: binds");
	ok(strstr(once.buf, "unbind help C-d\n") != NULL, "  printed: unbinds");
	ok(strstr(once.buf, "bind \"#\" help\n") != NULL, "  printed: the # key quoted");
	ok(strstr(once.buf, "bind view <Space> page-down\n") != NULL, "  printed: <Space>");
	ok(strstr(once.buf, "color title color100 default bold italic\n") != NULL,
	   "  printed: colors");
	ok(strstr(once.buf, "color heading yellow default bold\n") != NULL,
	   "  printed: default colors");
	ok(strstr(once.buf, "# bind <Down> move-down\n") != NULL,
	   "  printed: default bindings as comments");
	ok(strstr(once.buf, "# bind k move-up\n") == NULL, "  but not those unbound");
	for (size_t i = 0; i < 13; i++) {
		static const char *const names[] = { "days", "parallel", "timeout", "browser",
			"browser-terminal", "alphaxiv-lang", "yank-command", "ambiguous-width",
			"line-break", "layout", "list-width", "compact", "mark-read" };
		char want[64];
		snprintf(want, sizeof(want), "\nset %s ", names[i]);
		ok(strstr(once.buf, want) != NULL, "  printed: set %s", names[i]);
	}
	struct config again;
	config_init_defaults(&again);
	strbuf_reset(&err);
	is_int(config_load_string(&again, "printed", once.buf, once.len, &err), 0,
	       "the printed configuration loads without errors");
	if (err.len)
		printf("# %s", err.buf);
	config_print(&again, &twice);
	/* The first comment lines name the file; compare from the settings on. */
	const char *a = strstr(once.buf, "\nset "), *b = strstr(twice.buf, "\nset ");
	ok(a && b && !strcmp(a, b), "  and prints the same again");
	config_free(&again);

	config_free(&cfg);
	config_init_defaults(&cfg);
	strbuf_reset(&once);
	config_print(&cfg, &once);
	ok(strstr(once.buf, "set browser \"\"") != NULL, "unset browser prints as \"\"");
	ok(strstr(once.buf, "set list-width 40%\n") != NULL, "list-width 40%% by default");
	ok(strstr(once.buf, "# read from: no file") != NULL, "the defaults say so");
	strbuf_release(&once);
	strbuf_release(&twice);
}

static void test_helpers(void)
{
	/* Commands are split later by launch_split(): shell-like quoting. */
	ok(load("set browser 'my\\ browser --x=\"a b\" %u'") == 0 && cfg.browser &&
	   !strcmp(cfg.browser, "my\\ browser --x=\"a b\" %u"),
	   "a command with quotes and backslashes inside is kept as written");
	ok(load("set browser 'sh -c \"echo \\\"x\\\"\"'") == 0,
	   "escaped double quotes inside a command's double quotes");
	ok(load("set yank-command \"it\\\\'s\"") == 0 && !strcmp(cfg.yank_command, "it\\'s"),
	   "a backslash-escaped single quote in a command");
	is_int(load("set browser 'a \"b'"), 1, "an unclosed double quote in a command is an error");
	is_int(load("set yank-command \"x 'y\""), 1, "an unclosed single quote too");

	config_free(&cfg);
	config_init_defaults(&cfg);
	is_int(config_list_width(&cfg, 100), 40, "list width: 40%% of 100 columns");
	cfg.list_width = 50, cfg.list_width_percent = 0;
	is_int(config_list_width(&cfg, 100), 50, "list width: 50 columns");
	is_int(config_list_width(&cfg, 30), 30, "list width: at most the screen");

	setenv("XDG_CONFIG_HOME", "/xdg", 1);
	char *p = config_default_path();
	is_str(p, "/xdg/digest-tui/config", "default path under XDG_CONFIG_HOME");
	free(p);
	setenv("XDG_CONFIG_HOME", "relative", 1);
	setenv("HOME", "/home/u", 1);
	p = config_default_path();
	is_str(p, "/home/u/.config/digest-tui/config", "a relative XDG_CONFIG_HOME is ignored");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	p = config_default_path();
	is_str(p, "/home/u/.config/digest-tui/config", "else ~/.config/digest-tui/config");
	free(p);
	/* The cache's and the marks' rule (xdg.h): never the password
	 * database's home, which a process without HOME may not own. */
	unsetenv("HOME");
	p = config_default_path();
	ok(p == NULL, "without HOME no default file, whatever the password database says");
	free(p);
	setenv("HOME", "relative", 1);
	p = config_default_path();
	ok(p == NULL, "nor with a relative HOME");
	free(p);
	setenv("HOME", "/home/u", 1);

	config_free(&cfg);
	config_init_defaults(&cfg);
	strbuf_reset(&err);
	is_int(config_load_file(&cfg, "/nonexistent/digest-tui/config", &err), 1,
	       "a missing -c file is an error");
	is_str(err.buf, "/nonexistent/digest-tui/config: cannot read: No such file or directory\n",
	       "  naming the file and the reason");
	strbuf_reset(&err);
	is_int(config_load_optional(&cfg, "/nonexistent/digest-tui/config", &err), 0,
	       "a missing default file is not");
	is_int((long)err.len, 0, "  and says nothing");
	strbuf_reset(&err);
	is_int(config_load_file(&cfg, "/", &err), 1, "a directory is an error");
	is_str(err.buf, "/: a directory, not a regular file\n", "  saying so");
	strbuf_reset(&err);
	is_int(config_load_file(&cfg, "/dev/null", &err), 1, "a device is an error");
	is_str(err.buf, "/dev/null: a device, not a regular file\n", "  saying so");

	/* A file over the limit (1 MiB) is refused whole, not half read. */
	char big[] = "/tmp/digest-tui-test-big.XXXXXX";
	int fd = mkstemp(big);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (f) {
		for (int i = 0; i < 50000; i++)
			fputs("set days 3    # a comment to fill\n", f);
		fclose(f);
	}
	config_free(&cfg);
	config_init_defaults(&cfg);
	strbuf_reset(&err);
	is_int(config_load_file(&cfg, big, &err), 1, "a config file over 1 MiB is an error");
	ok(strstr(err.buf, ": larger than 1048576 bytes (expected a small text file)\n") != NULL,
	   "  saying it is too large");
	is_int(cfg.days, 14, "  and no line of it is applied");
	/* 100 whole lines of 34 bytes. */
	if (f && truncate(big, 3400) == 0) {
		strbuf_reset(&err);
		is_int(config_load_file(&cfg, big, &err), 0, "100 of the same lines load");
		is_int(cfg.days, 3, "  and apply");
	} else {
		ok(0, "could not write %s", big);
	}
	unlink(big);
}

static void test_sample(void)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	snprintf(path, sizeof(path), "%s/config/digest-tui.conf", top ? top : ".");
	config_free(&cfg);
	config_init_defaults(&cfg);
	strbuf_reset(&err);
	int n = config_load_file(&cfg, path, &err);
	if (!is_int(n, 0, "the sample config/digest-tui.conf loads without errors"))
		printf("# %s", err.buf);
	struct config defaults;
	config_init_defaults(&defaults);
	ok(cfg.days == defaults.days && cfg.parallel == defaults.parallel &&
	   cfg.timeout == defaults.timeout && cfg.ambiguous_width == defaults.ambiguous_width &&
	   cfg.line_break == defaults.line_break && cfg.layout == defaults.layout &&
	   cfg.list_width == defaults.list_width && cfg.compact == defaults.compact &&
	   cfg.mark_read == defaults.mark_read && cfg.browser_terminal == defaults.browser_terminal &&
	   !cfg.browser && !cfg.yank_command && !strcmp(cfg.alphaxiv_lang, "ko"),
	   "  and changes no setting from its default");
	config_free(&defaults);

	/* Its example dir source is ~/papers/digests. */
	char home[] = "/tmp/digest-tui-test-home.XXXXXX", papers[64], digests[96];
	if (mkdtemp(home)) {
		snprintf(papers, sizeof(papers), "%s/papers", home);
		snprintf(digests, sizeof(digests), "%s/digests", papers);
		mkdir(papers, 0700);
		mkdir(digests, 0700);
		setenv("HOME", home, 1);
	}

	/* Every setting is documented in the sample, set or commented out. */
	char *data;
	size_t len;
	if (fileio_read(path, FILEIO_FILE_MAX, 0, &data, &len, NULL) == 0) {
		static const char *const names[] = { "days", "parallel", "timeout", "browser",
			"browser-terminal", "alphaxiv-lang", "yank-command", "ambiguous-width",
			"line-break", "layout", "list-width", "compact", "mark-read" };
		for (size_t i = 0; i < 13; i++) {
			char want[64];
			snprintf(want, sizeof(want), "set %s ", names[i]);
			ok(strstr(data, want) != NULL, "  the sample documents %s", names[i]);
		}
		/* Its commented-out examples are good lines too. */
		struct strbuf uncommented = STRBUF_INIT;
		for (char *line = data; line < data + len;) {
			char *nl = memchr(line, '\n', (size_t)(data + len - line));
			size_t l = nl ? (size_t)(nl - line) : (size_t)(data + len - line);
			if (l > 2 && line[0] == '#' && line[1] == ' ' &&
			    (!strncmp(line + 2, "set ", 4) || !strncmp(line + 2, "bind ", 5) ||
			     !strncmp(line + 2, "unbind ", 7) || !strncmp(line + 2, "color ", 6) ||
			     !strncmp(line + 2, "source ", 7))) {
				strbuf_add(&uncommented, line + 2, l - 2);
				strbuf_addch(&uncommented, '\n');
			}
			line += l + 1;
		}
		n = load(uncommented.buf);
		if (!is_int(n, 0, "  its commented-out example lines are valid too"))
			printf("# %s", err.buf);
		struct config fresh;
		config_init_defaults(&fresh);
		int same = 1;
		for (int e = 0; e < CONFIG_ELEMENT_COUNT; e++)
			if (cfg.colors[e].fg != fresh.colors[e].fg ||
			    cfg.colors[e].bg != fresh.colors[e].bg ||
			    cfg.colors[e].attrs != fresh.colors[e].attrs ||
			    !cfg.colors[e].from_file)
				same = 0;
		ok(same, "  and its color lines give every element its default style");
		config_free(&fresh);
		strbuf_release(&uncommented);
		free(data);
	}
	rmdir(digests);
	rmdir(papers);
	rmdir(home);
}

/* The settings table itself: every default is a good value, every setting
 * has a summary and a shape, and config_set is `set` by another door. */
static void test_table(void)
{
	struct strbuf e = STRBUF_INIT, m = STRBUF_INIT;
	int bad_default = 0, no_text = 0, options = 0;
	for (int i = 0; i < CONFIG_SETTING_COUNT; i++) {
		const struct config_setting_info *s = config_setting_info((enum config_setting_id)i);
		strbuf_reset(&e);
		if (config_set(NULL, s->name, s->def, &e) < 0) {
			bad_default++;
			printf("# default of %s: %s\n", s->name, e.buf);
		}
		strbuf_reset(&e);
		strbuf_reset(&m);
		config_setting_expect((enum config_setting_id)i, &e);
		config_setting_metavar((enum config_setting_id)i, &m);
		if (!e.len || !m.len || !*s->summary || strchr(s->summary, '\n'))
			no_text++;
		ok((int)config_setting_by_name(s->name) == i, "setting %s found by its name", s->name);
		options += s->option;
	}
	ok(bad_default == 0, "every setting's default is a valid value of it");
	ok(no_text == 0, "every setting has a one-line summary, an expected text and a metavar");
	ok(options == 5, "five settings are options too (--days, --ambiguous-width, --line-break, "
	   "--sort, --metadata)");
	ok(config_setting_by_name("dayz") == CONFIG_SETTING_COUNT, "an unknown name is no setting");
	ok(config_setting_info(CONFIG_SETTING_COUNT) == NULL, "nor is an id past the table");

	strbuf_reset(&e);
	config_setting_expect(CONFIG_SET_DAYS, &e);
	is_str(e.buf, "a whole number from 1 to 3660", "days: its bounds");
	strbuf_reset(&e);
	config_setting_expect(CONFIG_SET_LAYOUT, &e);
	is_str(e.buf, "auto, side or stacked", "layout: its choices");
	strbuf_reset(&m);
	config_setting_metavar(CONFIG_SET_LINE_BREAK, &m);
	is_str(m.buf, "keep-all|normal", "line-break's metavar");
	strbuf_reset(&m);
	config_setting_metavar(CONFIG_SET_AMBIGUOUS_WIDTH, &m);
	is_str(m.buf, "1|2", "ambiguous-width's metavar");

	config_free(&cfg);
	config_init_defaults(&cfg);
	strbuf_reset(&e);
	ok(config_set(&cfg, "days", "30", &e) == 0 && cfg.days == 30, "config_set days 30");
	ok(config_set(&cfg, "line-break", "normal", &e) == 0 &&
	   cfg.line_break == LAYOUT_BREAK_NORMAL, "config_set line-break normal");
	ok(config_set(&cfg, "mark-read", "15", &e) == 0 &&
	   cfg.mark_read == CONFIG_MARK_READ_AFTER && cfg.mark_read_after == 15,
	   "config_set mark-read 15: after 15 seconds");
	ok(config_set(&cfg, "mark-read", "never", &e) == 0 &&
	   cfg.mark_read == CONFIG_MARK_READ_NEVER && cfg.mark_read_after == 0,
	   "config_set mark-read never: the seconds are dropped");
	ok(config_set(&cfg, "list-width", "35", &e) == 0 && cfg.list_width == 35 &&
	   !cfg.list_width_percent, "config_set list-width 35: columns");
	ok(config_set(&cfg, "days", "0", &e) < 0 && cfg.days == 30,
	   "config_set days 0 fails and keeps the value");
	is_str(e.buf, "'0' is out of range for days (expected a whole number from 1 to 3660)",
	       "  with the same words as the file's error");
	strbuf_reset(&e);
	ok(config_set(&cfg, "line-break", "x\x1b[2J", &e) < 0, "a hostile value is refused");
	ok(!strchr(e.buf, '\x1b'), "  and its escape is not in the message");
	strbuf_reset(&e);
	ok(config_set(&cfg, "nope", "1", &e) < 0, "config_set of an unknown setting fails");
	is_str(e.buf, "unknown setting 'nope'", "  and says so");
	strbuf_reset(&e);
	is_str(config_choice_name(CONFIG_SET_LAYOUT, CONFIG_LAYOUT_STACKED), "stacked",
	       "config_choice_name: a layout's name");
	is_str(config_choice_name(CONFIG_SET_SORT, CONFIG_SORT_FOR_ME), "for-me", "  a sort order's");
	ok(config_choice_name(CONFIG_SET_DAYS, 1) == NULL, "  none for a setting without choices");
	int v = -1;
	ok(config_choice_value(CONFIG_SET_SORT, "upvotes", &v) == 0 && v == CONFIG_SORT_UPVOTES,
	   "config_choice_value: upvotes");
	ok(config_choice_value(CONFIG_SET_SORT, "stacked", &v) < 0, "  a name of another setting: -1");
	ok(config_set(&cfg, "dayz", "1", &e) < 0, "config_set of a misspelt setting fails");
	is_str(e.buf, "unknown setting 'dayz' (did you mean 'days'? the settings are listed by "
	       "--check-config and in digest-tui.conf(5))", "  and names the nearest");
	strbuf_release(&e);
	strbuf_release(&m);
}

/* The carriers of sync.h: one at a time, each value of its shape. */
static void test_sync_settings(void)
{
	char *home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	setenv("HOME", "/home/u", 1);
	ok(load("set sync-dir ~/Sync/digest/\n") == 0 && cfg.sync_dir &&
	   !strcmp(cfg.sync_dir, "/home/u/Sync/digest"),
	   "sync-dir: ~/ is the home directory, a trailing slash dropped");
	error_is("set sync-dir Sync",
		 "config:1:14: 'Sync' is not an absolute directory (expected an absolute directory "
		 "(~/ for the home directory), or \"\" for none)");
	static const char *const good[] = { "ssh://host/srv/marks.git", "git@host:marks.git",
					    "host:marks", "https://example.org/me/marks.git",
					    "/srv/git/marks.git", "file:///srv/git/m.git",
					    "git://host/marks" };
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		char line[200];
		snprintf(line, sizeof(line), "set sync-git %s\n", good[i]);
		ok(load(line) == 0 && cfg.sync_git && !strcmp(cfg.sync_git, good[i]),
		   "sync-git %s", good[i]);
	}
	static const char *const bad[] = { "-oProxyCommand=x", "host:", "relative/path",
					   "ftp://host/x", "ssh:///x", "\"a b:c\"" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char line[200];
		snprintf(line, sizeof(line), "set sync-git %s\n", bad[i]);
		ok(load(line) == 1 && strstr(err.buf, "is not a git remote"), "not a remote: %s", bad[i]);
	}
	error_is("set sync-dir /a\nset sync-git host:m",
		 "config:2:14: 'host:m' cannot be set: sync-dir is set already (one of sync-dir "
		 "and sync-git; set the other to \"\" first)");
	error_is("set sync-git host:m\nset sync-dir /a",
		 "config:2:14: '/a' cannot be set: sync-git is set already (one of sync-dir "
		 "and sync-git; set the other to \"\" first)");
	ok(load("set sync-dir /a\nset sync-dir \"\"\nset sync-git host:m\n") == 0 &&
	   !cfg.sync_dir && cfg.sync_git, "unset first, the other may be set");
	unsetenv("HOME");
	error_is("set sync-dir ~/Sync",
		 "config:1:14: '~/Sync' is not an absolute directory (expected an absolute directory "
		 "(~/ for the home directory), or \"\" for none)");
	error_is("source mine dir ~/papers",
		 "config:1:17: '~/papers' is not a URL or an absolute path (expected a directory "
		 "of posts, as /path or ~/path)");
	if (home)
		setenv("HOME", home, 1);
	else
		unsetenv("HOME");
	free(home);
}

int main(void)
{
	config_init_defaults(&cfg);
	test_defaults();
	test_table();
	test_settings_good();
	test_settings_bad();
	test_quoting();
	test_hostile();
	test_binds();
	test_colors();
	test_sources();
	test_print();
	test_helpers();
	test_sample();
	test_sync_settings();
	config_free(&cfg);
	strbuf_release(&err);
	return tap_done();
}
