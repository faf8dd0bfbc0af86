/* Unit tests for choices.c: the reader's remembered choices — the file's
 * text both ways, damage forgotten line by line, the setting's value that
 * lets a later edit of the configuration win, writing whole beside what
 * another reader remembered, and the files that are not ours. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "choices.h"
#include "tap.h"
#include "util.h"

static char tmpdir[] = "/tmp/digest-tui-test-choices.XXXXXX";

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	struct strbuf sb = STRBUF_INIT;
	char buf[256];
	size_t n;
	while (f && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	if (f)
		fclose(f);
	return strbuf_detach(&sb, NULL);
}

static void test_text(void)
{
	struct choices c;
	choices_init(&c);
	ok(choices_get(&c, CHOICE_SORT, NULL) == NULL, "nothing remembered at first");
	const char *text = "# a comment\n"
			   "sort upvotes -\n"
			   "layout stacked auto\n";
	choices_parse(text, strlen(text), &c);
	is_str(choices_get(&c, CHOICE_SORT, NULL), "upvotes", "the sort order, by name");
	is_str(choices_get(&c, CHOICE_LAYOUT, "auto"), "stacked",
	       "the layout, while the setting says what it said");
	ok(choices_get(&c, CHOICE_LAYOUT, "side") == NULL,
	   "  not once the configuration's setting was changed");
	ok(choices_get(&c, CHOICE_SORT, "upvotes") == NULL,
	   "a choice made without a setting is not one made with it");
	struct strbuf out = STRBUF_INIT;
	choices_format(&c, &out);
	is_str(out.buf,
	       "# digest-tui: the reader's remembered choices (it rewrites this file)\n"
	       "sort upvotes -\n"
	       "layout stacked auto\n",
	       "formatted as read");
	strbuf_release(&out);

	/* A name the reader does not know yet is kept as it is: a new order
	 * needs no new format. */
	choices_init(&c);
	const char *newer = "sort for-me\nlayout\tside  stacked\n";
	choices_parse(newer, strlen(newer), &c);
	is_str(choices_get(&c, CHOICE_SORT, NULL), "for-me", "any order's name (no setting: '-')");
	is_str(choices_get(&c, CHOICE_LAYOUT, "stacked"), "side", "tabs and blanks between words");

	/* Damage: each line that does not read is skipped, the others count. */
	choices_init(&c);
	static const char damaged[] = "sort number -\n"
				      "sort UPVOTES -\n"           /* not a name */
				      "sort up/votes -\n"
				      "colour red -\n"             /* no such choice */
				      "layout\n"                   /* no value */
				      "layout side auto extra\n"   /* too many words */
				      "layout - auto\n"            /* "-" is no value */
				      "layout st\0cked auto\n"     /* a NUL */
				      "layout aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa auto\n"
				      "\xff\xfe garbage\n"
				      "layout stacked side"; /* no newline at the end */
	choices_parse(damaged, sizeof(damaged) - 1, &c);
	is_str(choices_get(&c, CHOICE_SORT, NULL), "number", "a damaged file: the good line counts");
	is_str(choices_get(&c, CHOICE_LAYOUT, "side"), "stacked",
	       "  the last line too, without its newline");
}

static void test_files(void)
{
	struct strbuf err = STRBUF_INIT, path = STRBUF_INIT;
	struct choices c;
	strbuf_addf(&path, "%s/state", tmpdir);
	is_int(choices_load(path.buf, &c, &err), 0, "no directory yet: nothing remembered");
	ok(!err.len && choices_get(&c, CHOICE_SORT, NULL) == NULL, "  quietly");
	is_int(choices_remember(path.buf, CHOICE_SORT, "upvotes", NULL, &err), 0,
	       "remembering the sort creates the directory and the file");
	is_str(err.buf, "", "  quietly");
	is_int(choices_remember(path.buf, CHOICE_LAYOUT, "stacked", "auto", &err), 0,
	       "remembering the layout");
	is_int(choices_load(path.buf, &c, &err), 0, "read back");
	is_str(choices_get(&c, CHOICE_SORT, NULL), "upvotes", "  the sort is kept beside the layout");
	is_str(choices_get(&c, CHOICE_LAYOUT, "auto"), "stacked", "  and the layout");
	strbuf_addstr(&path, "/" CHOICES_FILE);
	struct stat st;
	ok(stat(path.buf, &st) == 0 && (st.st_mode & 0777) == 0600, "the file is the user's alone");
	char *text = read_all(path.buf);
	is_str(text,
	       "# digest-tui: the reader's remembered choices (it rewrites this file)\n"
	       "sort upvotes -\n"
	       "layout stacked auto\n",
	       "the file, as documented");
	free(text);

	/* Another reader changed it meanwhile: its choice stays. */
	put(path.buf, "sort number -\nlayout side side\n");
	strbuf_setlen(&path, path.len - strlen("/" CHOICES_FILE));
	is_int(choices_remember(path.buf, CHOICE_LAYOUT, "stacked", "auto", &err), 0,
	       "remembering over another reader's file");
	choices_load(path.buf, &c, &err);
	is_str(choices_get(&c, CHOICE_SORT, NULL), "number", "  keeps the sort it remembered");

	ok(choices_remember(path.buf, CHOICE_SORT, "Bad Name", NULL, &err) < 0,
	   "a value that is not a name is refused");
	is_str(err.buf, "cannot remember sort 'Bad Name': not a name", "  saying so");
	strbuf_reset(&err);

	/* Files that are not ours: a directory where the file goes. */
	struct strbuf odd = STRBUF_INIT;
	strbuf_addf(&odd, "%s/odd", tmpdir);
	mkdir(odd.buf, 0700);
	strbuf_addstr(&odd, "/" CHOICES_FILE);
	mkdir(odd.buf, 0700);
	strbuf_setlen(&odd, odd.len - strlen("/" CHOICES_FILE));
	is_int(choices_load(odd.buf, &c, &err), -1, "a directory in the file's place: -1");
	ok(err.len && !strchr(err.buf, '\n'), "  one line: %s", err.buf);
	ok(choices_get(&c, CHOICE_SORT, NULL) == NULL, "  nothing remembered");
	strbuf_reset(&err);
	ok(choices_remember(odd.buf, CHOICE_SORT, "upvotes", NULL, &err) < 0,
	   "  and nothing written over it");
	ok(err.len && !strchr(err.buf, '\n'), "  one line: %s", err.buf);
	strbuf_release(&odd);

	/* Neither XDG_STATE_HOME nor HOME: nothing to read, nowhere to write. */
	char *home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	char *state = getenv("XDG_STATE_HOME") ? xstrdup(getenv("XDG_STATE_HOME")) : NULL;
	unsetenv("HOME");
	unsetenv("XDG_STATE_HOME");
	strbuf_reset(&err);
	is_int(choices_load(NULL, &c, &err), 0, "no state directory: nothing remembered");
	ok(choices_remember(NULL, CHOICE_SORT, "upvotes", NULL, &err) < 0, "  and nothing kept");
	is_str(err.buf, "no state directory (neither XDG_STATE_HOME nor HOME is set)",
	       "  saying why");
	if (home)
		setenv("HOME", home, 1);
	if (state)
		setenv("XDG_STATE_HOME", state, 1);
	free(home);
	free(state);
	strbuf_release(&err);
	strbuf_release(&path);
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		tap_skip_all("no temporary directory");
		return 0;
	}
	test_text();
	test_files();
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		printf("# cannot remove %s\n", tmpdir);
	return tap_done();
}
