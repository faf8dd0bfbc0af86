/* Unit tests for ui/app.c, ui/listing.c and ui/reading.c, linked without
 * curses: selection, switching listings ("views" to the user), the order
 * (:sort), digests by direction and date, the archive search, messages (one
 * line, errors of lazily parsed posts included), a yes/no question and what
 * its answer runs, when a paper becomes read, reloading the archive; and
 * the prompt editor of ui/prompt.c as a state fed key by key. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "fileio.h"
#include "forme_ui.h"
#include "keyname.h"
#include "prompt.h"
#include "reading.h"
#include "strbuf.h"
#include "util.h"
#include "listing.h"
#include "news.h"
#include "seen.h"
#include "tap.h"

static char base[] = "/tmp/digest-tui-app.XXXXXX";

struct fixture {
	struct archive archive;
	struct marks *marks;
	struct config cfg;
	struct cli cli;
	struct layout_opts lo;
	struct app a;
};

static void setup(struct fixture *f)
{
	struct strbuf err = STRBUF_INIT;
	archive_init(&f->archive);
	archive_load_sample(&f->archive);
	archive_sort(&f->archive);
	f->marks = marks_open(base, 0, &err);
	config_init_defaults(&f->cfg);
	memset(&f->cli, 0, sizeof(f->cli));
	f->cli.offline = 1;
	layout_opts_init(&f->lo);
	app_init(&f->a, &f->archive, f->marks, &f->cfg, &f->cli, &f->lo);
	listing_build(&f->a);
	strbuf_release(&err);
}

static void teardown(struct fixture *f)
{
	app_free(&f->a);
	marks_close(f->marks);
	archive_free(&f->archive);
	config_free(&f->cfg);
}

static int count_flag(struct app *a, unsigned flag)
{
	int n = 0;
	for (size_t i = 0; i < a->nitems; i++)
		n += (marks_get(a->marks, app_key(a, &a->items[i])) & flag) != 0;
	return n;
}

static void test_selection(void)
{
	struct fixture f;
	setup(&f);
	struct app *a = &f.a;
	is_int((long)a->digest, (long)f.archive.n - 1, "starts on the newest digest");
	is_int(a->listing, LISTING_DIGEST, "in the Digest view");
	is_int((long)a->nitems, 8, "the newest sample digest lists 8 papers");
	is_int((long)a->selected, 0, "the first selected");
	app_select(a, 3);
	is_int((long)a->selected, 3, "app_select 3");
	ok(app_paper(a) == &f.archive.v[a->digest].papers[3], "app_paper is the 4th paper");
	app_select(a, 1000);
	is_int((long)a->selected, 7, "app_select past the end: the last");
	ok(app_digest(a) == &f.archive.v[a->digest], "app_digest: the selected paper's digest");
	app_select(a, 2);
	listing_build(a);
	is_int((long)a->selected, 2, "rebuilding keeps the selection");
	teardown(&f);
}

static void test_listings(void)
{
	struct fixture f;
	setup(&f);
	struct app *a = &f.a;
	struct strbuf err = STRBUF_INIT;

	listing_show(a, LISTING_STARRED);
	is_int(a->listing, LISTING_STARRED, "listing_show: Starred");
	is_int((long)a->nitems, 0, "nothing starred yet");
	is_str(a->status, "starred: 0 papers", "the status says so");
	ok(app_paper(a) == NULL, "an empty view selects no paper");

	listing_show(a, LISTING_DIGEST);
	app_select(a, 1);
	const char *key = app_key(a, &a->items[1]);
	marks_set(a->marks, key, MARK_STAR, 1, &err);
	listing_show(a, LISTING_STARRED);
	is_int((long)a->nitems, 1, "one starred paper: one row");
	is_int(count_flag(a, MARK_STAR), 1, "and it is starred");
	is_str(a->status, "starred: 1 paper", "the status counts it");

	listing_show(a, LISTING_UNREAD);
	is_int((long)a->nitems, 13, "Unread: the 13 papers of both digests, each once");
	app_select(a, 5);
	listing_show(a, LISTING_UNREAD);
	is_int((long)a->selected, 5, "the same view again keeps the selection");
	listing_show(a, LISTING_LATER);
	is_int((long)a->selected, 0, "another view starts at its top");

	enum listing_kind v;
	ok(listing_by_name("later", &v) == 0 && v == LISTING_LATER, "listing_by_name later");
	ok(listing_by_name("nope", &v) < 0, "listing_by_name of no view");
	strbuf_release(&err);
	teardown(&f);
}

/* The order by name (what :sort and the remembered order use), the blog's
 * order in every listing, a re-sort that keeps the selected paper, and
 * for-me with too few labels: by upvotes, saying so (nothing is learned). */
static void test_sort(void)
{
	struct fixture f;
	setup(&f);
	struct app *a = &f.a;
	is_str(app_sort_name(a), "number", "the order starts as the sort setting's");
	ok(app_set_sort_name(a, "upvotes") == 0 && a->sort == CONFIG_SORT_UPVOTES,
	   "app_set_sort_name upvotes");
	is_str(app_sort_name(a), "upvotes", "app_sort_name names it");
	ok(app_set_sort_name(a, "title") < 0 && a->sort == CONFIG_SORT_UPVOTES,
	   "a name that is no order changes nothing");

	/* No upvotes are known: the blog's order, newest digest first. */
	listing_show(a, LISTING_UNREAD);
	int blog = 1;
	for (size_t i = 1; i < a->nitems; i++) {
		const struct item *p = &a->items[i - 1], *q = &a->items[i];
		blog &= p->digest > q->digest || (p->digest == q->digest && p->paper < q->paper);
	}
	ok(blog, "Unread by upvotes, none known: newest digest first, each in post order");
	app_select(a, 4);
	struct item kept = *app_item(a);
	app_set_sort_name(a, "number");
	listing_resort(a);
	ok(app_item(a)->digest == kept.digest && app_item(a)->paper == kept.paper,
	   "a re-sort keeps the selected paper selected");

	ok(app_set_sort_name(a, "for-me") == 0, "app_set_sort_name for-me");
	app_clear_message(a);
	listing_resort(a);
	ok(!strncmp(a->status, "by upvotes: too few labels for for-me (", 39),
	   "for-me with too few labels: by upvotes, and the status says why (%s)", a->status);
	ok(app_item(a)->digest == kept.digest && app_item(a)->paper == kept.paper,
	   "the same paper selected");
	forme_ui_stop(a);
	teardown(&f);
}

static void test_digests(void)
{
	struct fixture f;
	setup(&f);
	struct app *a = &f.a;
	size_t newest = a->digest;
	app_clear_message(a);
	listing_change_digest(a, 1);
	is_int((long)a->digest, (long)newest, "no newer digest: stays");
	is_str(a->status, "no newer digest", "and says so");
	app_clear_message(a);
	listing_change_digest(a, -1);
	is_int((long)a->digest, (long)newest - 1, "[: the older digest");
	is_int((long)a->nitems, 5, "its 5 papers");
	is_str(a->status, "", "no message");

	ok(listing_goto_date(a, "2026-11-27") == 0 && a->digest == newest,
	   "listing_goto_date finds the digest by date");
	ok(listing_goto_date(a, "1999-01-01") == 0, "listing_goto_date of no digest goes to the nearest");
	is_str(a->status, "no digest dated 1999-01-01: the nearest is 2026-11-26", "saying so");
	is_int((long)a->digest, (long)newest - 1, "the oldest digest, the nearest to 1999");
	ok(listing_goto_date(a, "2026-13-45") < 0, "listing_goto_date of a non-date fails");
	is_str(a->status, ":date needs a date as YYYY-MM-DD, not '2026-13-45'", "saying so");
	listing_goto_date(a, "2026-11-27");

	listing_show(a, LISTING_STARRED);
	listing_change_digest(a, -1);
	is_int(a->listing, LISTING_DIGEST, "[ outside the Digest view goes back to it");
	teardown(&f);
}

static void test_search(void)
{
	struct fixture f;
	setup(&f);
	struct app *a = &f.a;
	listing_search(a, "LoRA");
	is_int(a->listing, LISTING_SEARCH, "listing_search shows Search results");
	ok(a->nitems >= 1, "LoRA is found (%zu)", a->nitems);
	ok(a->has_query && !strcmp(a->query.text, "LoRA"), "and highlighted");
	ok(!strcmp(a->status, "1 paper matches") || strstr(a->status, "papers match"),
	   "the status counts matches: %s", a->status);
	listing_search(a, "zzqqxx-nothing");
	is_int((long)a->nitems, 0, "a query without match: no rows");
	is_str(a->status, "0 papers match", "0 papers match");
	teardown(&f);
}

static void test_messages(void)
{
	struct fixture f;
	setup(&f);
	struct app *a = &f.a;
	ok(a->nmessages == 0, "no message yet");
	app_message(a, "first line\nsecond line");
	is_str(a->status, "first line\u2026", "a message is one line, an ellipsis for the rest");
	ok(a->nmessages == 1 && !strcmp(a->messages[0].text, "first line\nsecond line"),
	   "  kept whole in the session's messages");
	ok(a->messages[0].when > 0, "  with the time");
	char big[2000];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	memcpy(big + 507, "\xed\x95\x9c", 3); /* 한 across the cut */
	app_message(a, "%s", big);
	is_int((long)strlen(a->status), (long)sizeof(a->status) - 2, "a long message is cut");
	is_str(a->status + strlen(a->status) - 4, "x\u2026", "  before the character it would split, with an ellipsis");
	is_int((long)strlen(a->messages[1].text), (long)sizeof(big) - 1, "  and kept whole");
	app_clear_message(a);
	is_str(a->status, "", "app_clear_message");
	ok(a->nmessages == 2, "  keeps the messages");

	app_message(a, "no newer digest");
	app_message(a, "no newer digest");
	ok(a->nmessages == 3 && a->messages[2].repeats == 1, "a message said twice in a row is kept once, counted");
	a->as_you_type = 1;
	app_message(a, "3 papers match");
	app_message(a, "1 paper matches");
	app_message(a, "1 paper matches");
	a->as_you_type = 0;
	ok(a->nmessages == 4 && !strcmp(a->messages[3].text, "1 paper matches") &&
		   !a->messages[3].repeats,
	   "what a search says as the user types is kept once, as it ended");
	app_message(a, "%s", "");
	is_int((long)a->nmessages, 4, "an empty message is not kept");
	for (int i = 0; i < APP_MESSAGES_MAX + 10; i++)
		app_message(a, "message %d", i);
	is_int((long)a->nmessages, APP_MESSAGES_MAX, "the session keeps the last APP_MESSAGES_MAX");
	is_str(a->messages[0].text, "message 10", "  the oldest go first");
	is_str(a->messages[APP_MESSAGES_MAX - 1].text, "message 209", "  the newest last");
	teardown(&f);
}

/* A yes that counts its runs and, the first time, asks again. */
static ui_result count_yes(struct app *a, void *arg)
{
	int *n = arg;
	if (++*n == 1)
		app_ask(a, count_yes, arg, NULL, "not again", "and again? (y/n)");
	return UI_HANDLED | UI_REBUILD;
}

/* An owned argument: counts its frees. */
static int freed;
static void count_free(void *arg)
{
	freed++;
	free(arg);
}

static ui_result nothing_yes(struct app *a, void *arg)
{
	return UI_HANDLED;
}

static void test_question(void)
{
	struct fixture f;
	setup(&f);
	struct app *a = &f.a;
	int runs = 0;
	ok(app_question(a) == NULL, "no question at first");
	app_ask(a, count_yes, &runs, NULL, "not opened", "open %d tabs? (y/n)", 3);
	is_str(app_question(a), "open 3 tabs? (y/n)", "app_ask: the question waits");
	ok(a->nmessages && !strcmp(a->messages[a->nmessages - 1].text, "open 3 tabs? (y/n)"),
	   "  kept in the session's messages");
	app_message(a, "something");
	is_int((long)app_answer(a, 0), UI_HANDLED, "n: handled");
	is_int(runs, 0, "  and what y does did not run");
	ok(app_question(a) == NULL, "  the question is gone");
	is_str(a->status, "not opened", "  and the status line says it was declined");
	app_ask(a, count_yes, &runs, NULL, "not opened", "open %d tabs? (y/n)", 3);
	is_int((long)app_answer(a, 1), UI_HANDLED | UI_REBUILD, "y: what the yes returned");
	is_int(runs, 1, "  it ran once");
	is_str(app_question(a), "and again? (y/n)", "  and could ask another question");
	app_answer(a, 1);
	is_int(runs, 2, "which y answers in turn");
	ok(app_question(a) == NULL, "  no question left");

	/* An argument the question owns is freed once, however it ends. */
	freed = 0;
	app_ask(a, nothing_yes, xstrdup("FILE"), count_free, "not replaced", "replace? (y/n)");
	app_answer(a, 1);
	is_int(freed, 1, "an owned argument is freed after its yes ran");
	app_ask(a, nothing_yes, xstrdup("FILE"), count_free, "not replaced", "replace? (y/n)");
	app_answer(a, 0);
	is_int(freed, 2, "  and after a no");
	is_str(a->status, "not replaced", "  which says so");
	app_ask(a, nothing_yes, xstrdup("FILE"), count_free, "not replaced", "replace? (y/n)");
	app_ask(a, nothing_yes, xstrdup("FILE"), count_free, "not replaced", "replace? (y/n)");
	is_int(freed, 3, "  and when another question takes its place");
	teardown(&f);
	is_int(freed, 4, "  and when the reader ends with it open");
}

/* :sort and v are remembered for the next run, each only while the
 * configuration's setting (sort, layout) says what it said then. */
static void test_choices(void)
{
	struct strbuf dir = STRBUF_INIT;
	strbuf_addf(&dir, "%s/state", base);
	setenv("XDG_STATE_HOME", dir.buf, 1);
	struct fixture f;
	setup(&f);
	app_recall_choices(&f.a);
	ok(f.a.sort == CONFIG_SORT_NUMBER && f.a.layout == LAYOUT_AUTO,
	   "nothing remembered: post order, auto");
	f.a.sort = CONFIG_SORT_UPVOTES;
	app_remember_choice(&f.a, CHOICE_SORT);
	f.a.layout = LAYOUT_STACKED;
	app_remember_choice(&f.a, CHOICE_LAYOUT);
	is_str(f.a.status, "", "remembered quietly");
	teardown(&f);

	setup(&f);
	app_recall_choices(&f.a);
	ok(f.a.sort == CONFIG_SORT_UPVOTES, "the next run sorts by upvotes");
	ok(f.a.layout == LAYOUT_STACKED, "  stacked");
	teardown(&f);

	setup(&f);
	f.cfg.layout = CONFIG_LAYOUT_SIDE; /* the file was edited since */
	app_recall_choices(&f.a);
	ok(f.a.sort == CONFIG_SORT_UPVOTES, "an edited layout setting: the sort is still remembered");
	ok(f.a.layout == LAYOUT_AUTO, "  the layout is the configuration's (as app_init set it)");
	teardown(&f);

	setup(&f);
	f.cfg.sort = f.a.sort = CONFIG_SORT_FOR_ME; /* set sort for-me since (or --sort) */
	app_recall_choices(&f.a);
	ok(f.a.sort == CONFIG_SORT_FOR_ME, "an edited sort setting: the setting's order wins");
	ok(f.a.layout == LAYOUT_STACKED, "  the layout is still remembered");
	teardown(&f);

	strbuf_addstr(&dir, "/digest-tui");
	mkdir(dir.buf, 0700);
	strbuf_addstr(&dir, "/choices");
	FILE *fp = fopen(dir.buf, "w");
	if (fp) {
		fputs("sort for-me number\nlayout side auto\n", fp);
		fclose(fp);
	}
	setup(&f);
	app_recall_choices(&f.a);
	ok(f.a.sort == CONFIG_SORT_FOR_ME && f.a.layout == LAYOUT_SIDE,
	   "for-me remembered: the next run sorts for you, side by side");
	is_str(app_sort_name(&f.a), "for-me", "  by the sort setting's name");
	teardown(&f);
	unsetenv("XDG_STATE_HOME");
	strbuf_release(&dir);
}

static int selected_read(struct app *a)
{
	return (marks_get(a->marks, app_key(a, app_item(a))) & MARK_READ) != 0;
}

static void test_reading(void)
{
	struct fixture f;
	setup(&f);
	struct app *a = &f.a;
	long due;
	struct strbuf err = STRBUF_INIT;
	a->paper_pane.h = a->paper_pane.w = 10;
	f.cfg.mark_read = CONFIG_MARK_READ_ON_OPEN;
	is_int((long)reading_note(a, READING_SHOWN, &due), 0,
	       "on-open: the opening screen's paper is not read");
	is_int(due, -1, "  and runs no timer");
	ok(!selected_read(a), "  unread");
	reading_note(a, READING_MOVED, NULL);
	a->paper_pane.h = a->paper_pane.w = 0;
	is_int((long)reading_note(a, READING_SHOWN, &due), 0,
	       "on-open: moved to, but the paper pane hidden: not read");
	is_int(due, -1, "  and runs no timer");
	a->paper_pane.h = a->paper_pane.w = 10;
	is_int((long)reading_note(a, READING_SHOWN, &due), UI_HANDLED,
	       "on-open: moved to by a key and shown: read");
	ok(selected_read(a), "  marked read");

	app_select(a, 1);
	f.cfg.mark_read = CONFIG_MARK_READ_AFTER;
	f.cfg.mark_read_after = 60;
	setenv("DIGEST_TUI_TEST_MARK_READ_MS", "100000", 1);
	is_int((long)reading_note(a, READING_SHOWN, &due), 0,
	       "mark-read 60: selected without a key (a view change): not read");
	is_int(due, -1, "  no timer runs");
	reading_note(a, READING_MOVED, NULL);
	is_int((long)reading_note(a, READING_SHOWN, &due), 0, "moved to by a key: not read at once");
	ok(due > 90000 && due <= 100000, "  due when the test knob says (%ld ms)", due);
	app_select(a, 2);
	is_int((long)reading_note(a, READING_SHOWN, &due), 0, "another paper selected without a key");
	is_int(due, -1, "  runs no timer");
	app_select(a, 1);
	reading_note(a, READING_SHOWN, &due);
	is_int(due, -1, "back on the paper without a key: the timer does not come back");
	setenv("DIGEST_TUI_TEST_MARK_READ_MS", "0", 1);
	reading_note(a, READING_SHOWN, &due);
	ok(!selected_read(a), "  so it stays unread");
	reading_note(a, READING_MOVED, NULL);
	is_int((long)reading_note(a, READING_SHOWN, &due), UI_HANDLED,
	       "moved to again, the knob at 0 ms: read at the next look");
	unsetenv("DIGEST_TUI_TEST_MARK_READ_MS");

	app_select(a, 2);
	is_int((long)reading_note(a, READING_OPENED, &due), UI_HANDLED, "opened on purpose: read");
	ok(selected_read(a), "  marked read");
	is_int((long)reading_note(a, READING_OPENED, NULL), 0, "  once");
	reading_note(a, READING_DECIDED, NULL);
	marks_set(a->marks, app_key(a, app_item(a)), MARK_READ, 0, &err);
	is_int((long)reading_note(a, READING_OPENED, NULL), 0,
	       "made unread by hand: opening it again leaves it unread");
	reading_note(a, READING_MOVED, NULL);
	setenv("DIGEST_TUI_TEST_MARK_READ_MS", "0", 1);
	is_int((long)reading_note(a, READING_SHOWN, &due), 0, "  and so does the timer");
	unsetenv("DIGEST_TUI_TEST_MARK_READ_MS");

	app_select(a, 3);
	f.cfg.mark_read = CONFIG_MARK_READ_NEVER;
	reading_note(a, READING_MOVED, NULL);
	is_int((long)reading_note(a, READING_SHOWN, &due), 0, "never: moved to and shown is not read");
	is_int((long)reading_note(a, READING_FINISHED, NULL), 0, "  nor finished");
	ok(!selected_read(a), "  unread");
	reading_free(a);
	strbuf_release(&err);
	teardown(&f);
}

/* A loader whose posts are all bad, with a two-line error as some parsers
 * give: only the first line reaches the status line, with an ellipsis
 * (:messages has both). */
static int bad_loader(void *ctx, const char *path, struct digest *out, struct strbuf *err)
{
	(void)ctx;
	(void)out;
	strbuf_addf(err, "%s: not a post\nsecond line\n", path);
	return -1;
}

static void test_lazy_errors(void)
{
	struct fixture f;
	setup(&f);
	struct app *a = &f.a;
	app_free(a);
	archive_add_pending(&f.archive, "/nowhere/2027-01-01-bad.md", "2027-01-01");
	f.archive.loader = bad_loader;
	app_init(a, &f.archive, f.marks, &f.cfg, &f.cli, &f.lo);
	listing_build(a);
	is_str(a->status, "/nowhere/2027-01-01-bad.md: not a post\u2026",
	       "a bad post found while loading lazily reaches the status line, one line");
	ok(!f.archive.v[a->digest].bad, "the reader starts on the newest readable digest");
	ok(app_load_slice(a, 20, -1) == 0, "app_load_slice: nothing left pending");
	teardown(&f);
}

/* A loader that counts the posts it was asked for (each one bad). */
static int loads;
static int counting_loader(void *ctx, const char *path, struct digest *out, struct strbuf *err)
{
	loads++;
	return bad_loader(ctx, path, out, err);
}

/* The loader's slice stops after the digest it is parsing once a key is
 * waiting, and runs its budget when none is. */
static void test_load_slice_yields_to_keys(void)
{
	struct fixture f;
	setup(&f);
	struct app *a = &f.a;
	app_free(a);
	char path[64], date[16];
	for (int i = 1; i <= 6; i++) {
		snprintf(date, sizeof(date), "2020-01-%02d", i);
		snprintf(path, sizeof(path), "/nowhere/%s-bad.md", date);
		archive_add_pending(&f.archive, path, date);
	}
	archive_sort(&f.archive); /* older than the sample's: not where it opens */
	f.archive.loader = counting_loader;
	app_init(a, &f.archive, f.marks, &f.cfg, &f.cli, &f.lo);
	listing_build(a);
	int fds[2];
	if (pipe(fds) < 0) {
		ok(0, "pipe: %s", strerror(errno));
		teardown(&f);
		return;
	}
	ok(write(fds[1], "j", 1) == 1, "a key waits on the terminal");
	loads = 0;
	ok(app_load_slice(a, 10000, fds[0]) == 1, "a slice with a key waiting leaves digests pending");
	is_int(loads, 1, "  after parsing one digest");
	char c;
	ok(read(fds[0], &c, 1) == 1, "the key is read");
	loads = 0;
	ok(app_load_slice(a, 10000, fds[0]) == 0, "with no key waiting, the slice parses the rest");
	ok(loads >= 4, "  every digest left (%d)", loads);
	close(fds[0]);
	close(fds[1]);
	teardown(&f);
}

/* What is new since the last session: where the reader opens, the next new
 * digest, the line naming them, and what is saved as seen. */
static void test_news(void)
{
	struct fixture f;
	setup(&f);
	struct app *a = &f.a;
	struct strbuf err = STRBUF_INIT, line = STRBUF_INIT;
	char state[300], file[340];
	snprintf(state, sizeof(state), "%s/news", base);
	snprintf(file, sizeof(file), "%s/%s", state, SEEN_FILE);
	f.archive.sample = 0; /* the sample's two digests stand for the cache's */

	news_start(a, state);
	listing_open_where_the_work_is(a);
	is_int((long)news_count(a), 0, "a first run: nothing is new");
	is_int((long)a->digest, 1, "  the reader opens on the newest digest with unread papers");
	news_stop(a, &err);
	is_str(err.buf, "", "  saved");

	/* The previous session knew 2026-11-27 only: 11-26 arrived since. */
	FILE *fp = fopen(file, "w");
	if (fp) {
		fputs("# digest-tui seen digests v1\n2026-11-27 s\n", fp);
		fclose(fp);
	}
	news_start(a, state);
	is_str(a->status, "1 new digest: Nov 26", "the status line names the new digest");
	listing_open_where_the_work_is(a);
	is_int((long)a->digest, 0, "the reader opens on the oldest new digest, not the newest");
	ok(news_digest_is_new(a, 0) && !news_digest_is_new(a, 1), "  only it is new");
	news_line(a, &line);
	is_str(line.buf, "1 new digest: Nov 26", "news_line");
	size_t papers, unread;
	listing_digest_counts(a, 0, &papers, &unread);
	ok(papers == 5 && unread == 5, "its 5 papers, all unread (%zu, %zu)", papers, unread);

	listing_change_digest(a, 1);
	is_int(listing_next_new(a), 0, "w from the newest digest goes around to the new one");
	is_int((long)a->digest, 0, "  2026-11-26");
	is_str(a->status, "2026-11-26: a new digest, 5 of 5 papers unread", "  saying so");
	marks_digest_read(a->marks, &f.archive.v[0], &err);
	is_int(listing_next_new(a), -1, "w when every new paper is read: nowhere");
	is_str(a->status, "no unread paper left in the new digests", "  saying so");

	a->list.h = a->list.w = 10;
	news_note_shown(a);
	ok(seen_get(a->seen, "2026-11-26") & SEEN_SEEN, "the digest on screen is seen");
	ok(news_digest_is_new(a, 0), "  and stays new in this session");
	news_stop(a, &err);
	char *data = NULL;
	size_t len = 0;
	fileio_read(file, 1 << 20, 0, &data, &len, NULL);
	is_str(data, "# digest-tui seen digests v1\n2026-11-26 s\n2026-11-27 s\n",
	       "the seen state is saved when the session ends");
	free(data);
	news_start(a, state);
	is_int((long)news_count(a), 0, "the next session: nothing new");
	news_stop(a, &err);
	strbuf_release(&line);
	strbuf_release(&err);
	teardown(&f);
}

static void test_reload(void)
{
	struct fixture f;
	setup(&f);
	struct app *a = &f.a;
	app_select(a, 4);
	char *key = xstrdup(app_key(a, &a->items[4]));
	unsigned gen = a->archive_gen;
	struct archive fresh;
	archive_init(&fresh);
	archive_load_sample(&fresh);
	archive_sort(&fresh);
	listing_reload_archive(a, &fresh);
	ok(a->archive_gen != gen, "a reload bumps archive_gen (the paper pane lays out anew)");
	is_int((long)fresh.n, 0, "the fresh archive is taken over");
	is_str(app_key(a, &a->items[a->selected]), key, "the same paper stays selected");
	free(key);

	listing_search(a, "LoRA");
	archive_init(&fresh);
	archive_load_sample(&fresh);
	archive_sort(&fresh);
	listing_reload_archive(a, &fresh);
	is_int(a->listing, LISTING_SEARCH, "a reload keeps Search results");
	ok(a->nitems >= 1, "searched again in the new archive");
	teardown(&f);
}

/* A reload moves the digests parsed before whose posts did not change into
 * the fresh archive (src/archive.c), so that only the changed are parsed. */
static void test_reuse_parsed(void)
{
	struct archive old, fresh;
	archive_init(&old);
	archive_load_sample(&old);
	archive_sort(&old);
	archive_init(&fresh);
	for (size_t i = 0; i < old.n; i++)
		archive_add_pending(&fresh, old.v[i].path, old.v[i].date);
	archive_add_pending(&fresh, "/new/2027-01-01-new.md", "2027-01-01");
	const struct paper *kept = old.v[0].papers;
	const char *changed[] = { old.v[1].path };
	is_int((long)archive_reuse_parsed(&fresh, &old, changed, 1), 1,
	       "archive_reuse_parsed: the one unchanged digest moves");
	ok(!fresh.v[0].pending && fresh.v[0].papers == kept, "  parsed as it was, not parsed again");
	ok(fresh.v[1].pending && fresh.v[2].pending, "  the changed post and the new one stay pending");
	is_int((long)fresh.npending, 2, "  fresh counts 2 pending");
	ok(old.v[0].pending && old.npending == 1, "  its pending entry went to the old archive");
	archive_free(&old);
	archive_free(&fresh);
}

static enum prompt_event type(struct prompt *p, const char *s)
{
	enum prompt_event ev = PROMPT_IGNORED;
	for (; *s; s++)
		ev = prompt_key(p, (unsigned char)*s);
	return ev;
}

static void test_prompt(void)
{
	struct prompt p;
	struct strbuf sb = STRBUF_INIT;
	prompt_open(&p, "/");
	is_int(type(&p, "abc"), PROMPT_EDITED, "typing edits");
	prompt_line(&p, &sb);
	is_str(sb.buf, "/abc", "the line shows the lead and the text");
	is_int(prompt_key(&p, KEYNAME_BACKSPACE), PROMPT_EDITED, "Backspace edits");
	prompt_text(&p, &sb);
	is_str(sb.buf, "ab", "and drops a character");
	is_int(prompt_key(&p, 0xAC00), PROMPT_EDITED, "a Hangul syllable");
	prompt_text(&p, &sb);
	is_str(sb.buf, "ab\xEA\xB0\x80", "is kept as UTF-8");
	is_int(prompt_key(&p, KEYNAME_BACKSPACE), PROMPT_EDITED, "Backspace");
	prompt_text(&p, &sb);
	is_str(sb.buf, "ab", "drops the whole syllable");
	type(&p, " cd");
	prompt_key(&p, 23);
	prompt_text(&p, &sb);
	is_str(sb.buf, "ab ", "C-w drops the last word");
	is_int(prompt_key(&p, '\t'), PROMPT_COMPLETE, "Tab asks for completion");
	prompt_insert(&p, "xy");
	prompt_text(&p, &sb);
	is_str(sb.buf, "ab xy", "prompt_insert appends");
	is_int(prompt_key(&p, '\n'), PROMPT_ENTER, "Enter ends");
	prompt_close(&p);

	prompt_open(&p, "/");
	is_int(prompt_key(&p, KEYNAME_UP), PROMPT_EDITED, "Up recalls");
	prompt_text(&p, &sb);
	is_str(sb.buf, "ab xy", "what was entered before");
	is_int(prompt_key(&p, KEYNAME_DOWN), PROMPT_EDITED, "Down");
	prompt_text(&p, &sb);
	is_str(sb.buf, "", "comes back to the draft");
	is_int(prompt_key(&p, KEYNAME_BACKSPACE), PROMPT_CANCEL,
	       "Backspace on an empty line cancels");
	prompt_close(&p);

	prompt_open(&p, ":");
	is_int(prompt_key(&p, KEYNAME_UP), PROMPT_IGNORED, "another lead has its own history");
	type(&p, "x\x1b");
	is_int(prompt_key(&p, 27), PROMPT_CANCEL, "Esc cancels");
	is_int(prompt_key(&p, KEYNAME_PAGEDOWN), PROMPT_IGNORED, "other special keys mean nothing");
	prompt_close(&p);
	prompt_forget();
	strbuf_release(&sb);
}

int main(void)
{
	/* The prompt stores what is typed as UTF-8, as in the reader. */
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		tap_skip_all("no C.UTF-8 locale");
		return 0;
	}
	if (!mkdtemp(base)) {
		tap_skip_all("cannot make a temporary directory");
		return 0;
	}
	test_selection();
	test_listings();
	test_sort();
	test_digests();
	test_search();
	test_messages();
	test_question();
	test_choices();
	test_reading();
	test_news();
	test_lazy_errors();
	test_load_slice_yields_to_keys();
	test_reload();
	test_reuse_parsed();
	test_prompt();
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", base);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", base);
	return tap_done();
}
