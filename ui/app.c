/* app: the reader's shared state and its helpers (see app.h). No curses and
 * nothing else of ui/: the unit tests link it alone. */
#include "config.h"

#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "clock.h"
#include "facts.h"
#include "i18n.h"
#include "notes.h"
#include "strbuf.h"
#include "strmap.h"
#include "util.h"

/* Below this many columns the list and the paper pane are stacked. */
#define SIDE_BY_SIDE_MIN_COLS 80

/* ---- marks keys ---------------------------------------------------------- */

/* Distinct keys get small consecutive numbers, so the aggregate listings can
 * list a paper once without comparing strings: a table from key (owned by
 * a->keys) to number. */
struct keytab {
	struct strmap map;
};

static size_t key_id(struct app *a, const char *key)
{
	int added;
	struct strmap_slot *s = strmap_add(&a->keytab->map, key, strlen(key), &added);
	if (added)
		s->val.num = a->nids++;
	return s->val.num;
}

/* Digest d was parsed: its papers get their keys. */
static void digest_loaded(struct app *a, size_t d)
{
	const struct digest *dg = &a->archive->v[d];
	if (a->keys[d] || !dg->npapers)
		return;
	/* NULL-terminated: freed by its own count (a reload may move the
	 * parsed digest away before the keys are freed). */
	a->keys[d] = xcalloc(dg->npapers + 1, sizeof(**a->keys));
	a->ids[d] = xcalloc(dg->npapers, sizeof(**a->ids));
	for (size_t p = 0; p < dg->npapers; p++) {
		a->keys[d][p] = marks_paper_key(dg, &dg->papers[p]);
		a->ids[d][p] = key_id(a, a->keys[d][p]);
	}
}

static void init_positions(struct app *a)
{
	size_t n = a->archive->n ? a->archive->n : 1;
	a->digest_paper = xmalloc(n * sizeof(*a->digest_paper));
	for (size_t d = 0; d < n; d++)
		a->digest_paper[d] = (size_t)-1;
	for (size_t v = 0; v < sizeof(a->listing_item) / sizeof(a->listing_item[0]); v++)
		a->listing_item[v] = (struct item){ (size_t)-1, (size_t)-1 };
}

static void init_keys(struct app *a)
{
	init_positions(a);
	a->keys = xcalloc(a->archive->n ? a->archive->n : 1, sizeof(*a->keys));
	a->ids = xcalloc(a->archive->n ? a->archive->n : 1, sizeof(*a->ids));
	a->keytab = xcalloc(1, sizeof(struct keytab));
	a->nids = 0;
	for (size_t d = 0; d < a->archive->n; d++)
		digest_loaded(a, d);
}

static void free_keys(struct app *a)
{
	for (size_t d = 0; a->keys && d < a->archive->n; d++) {
		for (size_t p = 0; a->keys[d] && a->keys[d][p]; p++)
			free(a->keys[d][p]);
		free(a->keys[d]);
		free(a->ids[d]);
	}
	free(a->keys);
	free(a->ids);
	free(a->digest_paper);
	a->digest_paper = NULL;
	a->keys = NULL;
	a->ids = NULL;
	if (a->keytab) {
		strmap_free(&a->keytab->map);
		free(a->keytab);
		a->keytab = NULL;
	}
	a->nids = 0;
}

/* ---- the state ------------------------------------------------------------ */

/* Forgets the question; its arg is freed. */
static void drop_question(struct app_question *q)
{
	if (q->free_arg)
		q->free_arg(q->arg);
	q->yes = NULL;
	q->arg = NULL;
	q->free_arg = NULL;
}

/* The notes' search text points into the archive by index. */
static void forget_notes_extra(struct app *a)
{
	if (a->notes_extra) {
		search_extra_free(a->notes_extra);
		free(a->notes_extra);
		a->notes_extra = NULL;
	}
}

/* The archive search's index and hits belong to one archive. */
static void forget_search(struct app *a)
{
	forget_notes_extra(a);
	if (a->search_index)
		search_index_free(a->search_index);
	a->search_index = NULL;
	a->hits.n = 0;
	free(a->hits_text);
	a->hits_text = NULL;
}

void app_init(struct app *a, struct archive *archive, struct marks *marks,
	      const struct config *cfg, const struct cli *cli,
	      const struct layout_opts *lo)
{
	memset(a, 0, sizeof(*a));
	a->archive = archive;
	a->marks = marks;
	a->cfg = cfg;
	a->cli = cli;
	a->lo = *lo;
	a->layout = cfg->layout == CONFIG_LAYOUT_SIDE      ? LAYOUT_SIDE
		    : cfg->layout == CONFIG_LAYOUT_STACKED ? LAYOUT_STACKED
							   : LAYOUT_AUTO;
	a->compact = cfg->compact;
	a->sort = cfg->sort;
	a->focus = &a->list;
	a->rows = 24;
	a->cols = 80;
	search_results_init(&a->hits);
	init_keys(a);
	struct strbuf err = STRBUF_INIT;
	a->notes = notes_open(cfg, &err);
	if (!a->notes)
		a->notes_why = strbuf_detach(&err, NULL);
	strbuf_release(&err);
	/* The newest readable digest first. */
	a->digest = archive->n ? archive->n - 1 : 0;
	while (a->digest > 0 && (app_ensure(a, a->digest), archive->v[a->digest].bad))
		a->digest--;
}

void app_free(struct app *a)
{
	drop_question(&a->question);
	for (size_t i = 0; i < a->nmessages; i++)
		free(a->messages[i].text);
	free(a->messages);
	a->messages = NULL;
	a->nmessages = 0;
	app_set_query(a, NULL);
	forget_search(a);
	search_results_free(&a->hits);
	free_keys(a);
	free(a->items);
	a->items = NULL;
	free(a->noted);
	a->noted = NULL;
	a->nitems = a->items_cap = 0;
	app_forget_facts(a);
	notes_free(a->notes);
	a->notes = NULL;
	free(a->notes_why);
	a->notes_why = NULL;
}

const struct paper *app_item_paper(const struct app *a, const struct item *it)
{
	return &a->archive->v[it->digest].papers[it->paper];
}

const char *app_key(const struct app *a, const struct item *it)
{
	return a->keys[it->digest][it->paper];
}

const struct item *app_item(const struct app *a)
{
	return a->selected < a->nitems ? &a->items[a->selected] : NULL;
}

const struct digest *app_digest(const struct app *a)
{
	const struct item *it = app_item(a);
	if (it)
		return &a->archive->v[it->digest];
	return a->listing == LISTING_DIGEST && a->archive->n ? &a->archive->v[a->digest] : NULL;
}

const struct paper *app_paper(const struct app *a)
{
	const struct item *it = app_item(a);
	return it ? app_item_paper(a, it) : NULL;
}

void app_select(struct app *a, size_t i)
{
	a->selected = a->nitems ? (i < a->nitems ? i : a->nitems - 1) : 0;
}

/* Keeps text in the session's messages. */
static void log_message(struct app *a, const char *text)
{
	time_t now = time(NULL);
	struct app_logged *last = a->nmessages ? &a->messages[a->nmessages - 1] : NULL;
	if (last && last->typed && a->as_you_type) {
		/* A key later, the search says what it finds now instead. */
		free(last->text);
		last->text = xstrdup(text);
		last->when = now;
		return;
	}
	if (last && !strcmp(last->text, text)) {
		last->repeats++;
		last->when = now;
		last->typed = a->as_you_type;
		return;
	}
	if (!a->messages)
		a->messages = xcalloc(APP_MESSAGES_MAX, sizeof(*a->messages));
	if (a->nmessages == APP_MESSAGES_MAX) {
		free(a->messages[0].text);
		memmove(a->messages, a->messages + 1, (APP_MESSAGES_MAX - 1) * sizeof(*a->messages));
		a->nmessages--;
	}
	a->messages[a->nmessages++] = (struct app_logged){ xstrdup(text), now, 0, a->as_you_type };
}

/* The status line's part of text: its first line, cut (at a character)
 * to fit a->status; an ellipsis says something was left out. */
static void set_status(struct app *a, const char *text)
{
	static const char ellipsis[] = "\u2026";
	size_t n = strcspn(text, "\n"), room = sizeof(a->status) - 1;
	int cut = text[n] != '\0';
	if (n > room) {
		n = room;
		cut = 1;
	}
	if (cut && n > room - (sizeof(ellipsis) - 1))
		n = room - (sizeof(ellipsis) - 1);
	while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
		n--; /* not inside a character */
	memcpy(a->status, text, n);
	a->status[n] = '\0';
	if (cut)
		strcat(a->status, ellipsis);
}

void app_message(struct app *a, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	while (sb.len && sb.buf[sb.len - 1] == '\n')
		strbuf_setlen(&sb, sb.len - 1); /* an error's last newline */
	if (sb.len)
		log_message(a, sb.buf);
	set_status(a, sb.buf);
	strbuf_release(&sb);
}

void app_clear_message(struct app *a)
{
	a->status[0] = '\0';
}

void app_ask(struct app *a, app_yes_fn *yes, void *arg, void (*free_arg)(void *arg),
	     const char *no, const char *fmt, ...)
{
	drop_question(&a->question); /* one question at a time */
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->question.text, sizeof(a->question.text), fmt, ap);
	va_end(ap);
	snprintf(a->question.no, sizeof(a->question.no), "%s", no ? no : "");
	log_message(a, a->question.text); /* read whole in :messages, with its answer */
	a->question.yes = yes;
	a->question.arg = arg;
	a->question.free_arg = free_arg;
}

const char *app_question(const struct app *a)
{
	return a->question.yes ? a->question.text : NULL;
}

ui_result app_answer(struct app *a, int answer)
{
	struct app_question q = a->question;
	memset(&a->question, 0, sizeof(a->question));
	app_clear_message(a);
	if (!q.yes)
		return UI_HANDLED;
	ui_result r = UI_HANDLED;
	if (answer)
		r = q.yes(a, q.arg);
	else
		app_message(a, "%s", q.no);
	drop_question(&q);
	return r;
}

void app_open_digests(struct app *a)
{
	a->digests_open = 1;
	a->digests_opened++;
	a->overlay = NULL;
}

void app_close_digests(struct app *a)
{
	a->digests_open = 0;
}

const char *app_sort_name(const struct app *a)
{
	return config_choice_name(CONFIG_SET_SORT, (int)a->sort);
}

int app_set_sort_name(struct app *a, const char *name)
{
	int v;
	if (config_choice_value(CONFIG_SET_SORT, name, &v) < 0)
		return -1;
	a->sort = (enum config_sort)v;
	return 0;
}

/* ---- the remembered choices ------------------------------------------------ */

/* The reader's layout by the configuration's name for it ("stacked"). */
static const char *layout_name(enum layout_mode m)
{
	return config_choice_name(CONFIG_SET_LAYOUT, m == LAYOUT_SIDE	  ? CONFIG_LAYOUT_SIDE
						     : m == LAYOUT_STACKED ? CONFIG_LAYOUT_STACKED
									   : CONFIG_LAYOUT_AUTO);
}

/* The configuration's layout and sort settings, by name. */
static const char *configured_layout(const struct app *a)
{
	return config_choice_name(CONFIG_SET_LAYOUT, (int)a->cfg->layout);
}

static const char *configured_sort(const struct app *a)
{
	return config_choice_name(CONFIG_SET_SORT, (int)a->cfg->sort);
}

void app_recall_choices(struct app *a)
{
	struct choices c;
	struct strbuf err = STRBUF_INIT;
	if (choices_load(NULL, &c, &err) < 0)
		app_message(a, _("remembered choices not read: %s"), err.buf);
	strbuf_release(&err);
	int v;
	/* The sort setting, as the layout setting, wins once edited (or
	 * overridden by --sort) since the order was chosen. */
	const char *sort = choices_get(&c, CHOICE_SORT, configured_sort(a));
	if (sort)
		app_set_sort_name(a, sort);
	const char *layout = choices_get(&c, CHOICE_LAYOUT, configured_layout(a));
	if (layout && config_choice_value(CONFIG_SET_LAYOUT, layout, &v) == 0)
		a->layout = v == CONFIG_LAYOUT_SIDE	 ? LAYOUT_SIDE
			    : v == CONFIG_LAYOUT_STACKED ? LAYOUT_STACKED
							 : LAYOUT_AUTO;
}

void app_remember_choice(struct app *a, enum choice_kind kind)
{
	struct strbuf err = STRBUF_INIT;
	int rc = kind == CHOICE_SORT
			 ? choices_remember(NULL, CHOICE_SORT, app_sort_name(a), configured_sort(a),
					    &err)
			 : choices_remember(NULL, CHOICE_LAYOUT, layout_name(a->layout),
					    configured_layout(a), &err);
	if (rc < 0)
		app_message(a, kind == CHOICE_SORT ? _("the sort order not remembered: %s")
						   : _("the layout not remembered: %s"),
			    err.buf);
	strbuf_release(&err);
}

int app_is_stacked(const struct app *a)
{
	if (a->layout == LAYOUT_AUTO)
		return a->cols < SIDE_BY_SIDE_MIN_COLS;
	return a->layout == LAYOUT_STACKED;
}

int app_item_rows(const struct app *a)
{
	return a->compact ? 2 : 1;
}

int app_ensure(struct app *a, size_t d)
{
	if (d >= a->archive->n || !a->archive->v[d].pending)
		return 0;
	struct strbuf err = STRBUF_INIT;
	int rc = archive_ensure(a->archive, d, &err);
	if (rc < 0)
		app_message(a, "%s", err.buf);
	strbuf_release(&err);
	digest_loaded(a, d);
	return rc;
}

void app_ensure_all(struct app *a)
{
	for (size_t d = a->archive->n; a->archive->npending && d-- > 0;)
		app_ensure(a, d);
}

long app_now_ms(void)
{
	return (long)clock_mono_ms();
}

/* Whether fd (when >= 0) has input waiting. */
static int has_input(int fd)
{
	struct pollfd p = { fd, POLLIN, 0 };
	return fd >= 0 && poll(&p, 1, 0) > 0;
}

int app_load_slice(struct app *a, int budget_ms, int key_fd)
{
	long t0 = app_now_ms();
	for (size_t d = a->archive->n; a->archive->npending && d-- > 0;) {
		if (!a->archive->v[d].pending)
			continue;
		app_ensure(a, d);
		if (app_now_ms() - t0 >= budget_ms || has_input(key_fd))
			break;
	}
	return a->archive->npending > 0;
}

struct facts_lookup *app_facts(struct app *a)
{
	if (!a->facts) {
		a->facts = xmalloc(sizeof(*a->facts));
		/* Unreadable files are skipped quietly: the status line is
		 * not the place for a list, and --dump reports them. */
		facts_lookup_init(a->facts, NULL, NULL);
	}
	return a->facts;
}

void app_forget_facts(struct app *a)
{
	if (a->facts) {
		facts_lookup_free(a->facts);
		free(a->facts);
		a->facts = NULL;
	}
	a->facts_gen++;
}

void app_forget_notes(struct app *a)
{
	if (a->notes)
		notes_forget(a->notes);
	forget_notes_extra(a);
	a->notes_gen++;
}

int app_key_parsed(const struct app *a, const char *key)
{
	return strmap_find(&a->keytab->map, key, strlen(key)) != NULL;
}

void app_set_query(struct app *a, const char *text)
{
	if (a->has_query)
		search_query_free(&a->query);
	a->has_query = 0;
	if (text && search_query_parse(text, strlen(text), &a->query) == 0)
		a->has_query = 1;
	else if (text)
		search_query_free(&a->query); /* nothing to search, but parsed */
}

size_t app_search_around(struct app *a, size_t n, size_t from, int dir,
			 int (*match)(struct app *a, const void *ctx, size_t i), const void *ctx)
{
	for (size_t k = 1; k <= n; k++) {
		size_t i = (from + n + (size_t)((long)dir * (long)k)) % n;
		if (match(a, ctx, i)) {
			if ((dir > 0 && i <= from) || (dir < 0 && i >= from))
				app_message(a, "%s", _("search wrapped around"));
			return i;
		}
	}
	return (size_t)-1;
}

void app_replace_archive(struct app *a, struct archive *fresh)
{
	const struct digest *d = app_digest(a);
	char *date = d && d->date ? xstrdup(d->date) : NULL;

	free_keys(a);
	forget_search(a);
	a->nitems = 0;
	archive_free(a->archive);
	*a->archive = *fresh;
	archive_init(fresh);
	a->archive_gen++;
	init_keys(a);

	a->digest = a->archive->n ? a->archive->n - 1 : 0;
	for (size_t i = 0; date && i < a->archive->n; i++)
		if (a->archive->v[i].date && !strcmp(a->archive->v[i].date, date))
			a->digest = i;
	free(date);
}
