/* links: the browser and the clipboard (see links.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "facts_ui.h"
#include "i18n.h"
#include "launch.h"
#include "links.h"
#include "render.h"
#include "screen.h"
#include "strbuf.h"
#include "util.h"

/* What an action that may have started a browser returns: a terminal
 * browser had the screen meanwhile. */
static ui_result opened(const struct app *a)
{
	return UI_HANDLED | (a->cfg->browser_terminal ? UI_REPAINT : 0);
}

int links_open_url(struct app *a, const char *url)
{
	struct strbuf err = STRBUF_INIT;
	int in_terminal = a->cfg->browser_terminal;
	if (in_terminal)
		screen_suspend();
	int rc = launch_browser(a->cfg->browser, url,
				in_terminal ? LAUNCH_WAIT : LAUNCH_DETACHED, &err);
	if (in_terminal)
		screen_resume();
	if (rc < 0)
		app_message(a, "%s", err.buf);
	strbuf_release(&err);
	return rc;
}

/* Opens url (owned: freed here) and says so; NULL: nothing to open. */
static ui_result open_and_say(struct app *a, char *url)
{
	if (url && links_open_url(a, url) == 0)
		app_message(a, _("opened %s"), url);
	free(url);
	return opened(a);
}

ui_result links_open_paper(struct app *a, enum url_kind kind)
{
	const struct paper *p = app_paper(a);
	if (!p) {
		app_message(a, _("no paper here to open"));
		return opened(a);
	}
	char *url = url_for_paper(p, kind, a->cfg->alphaxiv_lang);
	if (!url)
		/* TRANSLATORS: %s is a link's kind as the configuration names
		 * it (link, abs, pdf, alphaxiv, hf). */
		app_message(a, _("this paper has no %s link"), url_kind_name(kind));
	return open_and_say(a, url);
}

ui_result links_open_reference(struct app *a, const char *n)
{
	const char *why = NULL;
	char *url = app_paper(a) ? render_reference_url(app_paper(a), n, &why) : NULL;
	if (!url && why)
		app_message(a, _("not opening link [%s]: %s"), n, _(why));
	else if (!url)
		app_message(a, _("this paper has no link [%s]"), n);
	return open_and_say(a, url);
}

/* The code link is a URL from the network: normalised like a post's. */
ui_result links_open_code(struct app *a)
{
	const struct paper_facts *f = facts_ui_paper(a, app_paper(a));
	if (!f || !f->code_url) {
		app_message(a, _("no code link is known for this paper"));
		return opened(a);
	}
	const char *why = NULL;
	char *url = url_normalize(f->code_url, &why);
	if (!url)
		app_message(a, _("not opening the code link: %s"), why ? _(why) : _("not a URL"));
	return open_and_say(a, url);
}

/* The starred papers to open, each once (a paper in several digests shares
 * its key), hidden ones left out: items into *out, their number returned. */
static size_t starred_items(struct app *a, struct item **out)
{
	unsigned char *seen = xcalloc(a->nids ? a->nids : 1, 1);
	size_t n = 0, cap = 0;
	*out = NULL;
	for (size_t d = 0; d < a->archive->n; d++)
		for (size_t i = 0; a->keys[d] && i < a->archive->v[d].npapers; i++) {
			unsigned m = marks_get(a->marks, a->keys[d][i]);
			if (!(m & MARK_STAR) || (m & MARK_HIDDEN) || seen[a->ids[d][i]])
				continue;
			seen[a->ids[d][i]] = 1;
			ALLOC_GROW(*out, n, cap);
			(*out)[n++] = (struct item){ d, i };
		}
	free(seen);
	return n;
}

static ui_result open_starred(struct app *a, int ask);

static ui_result open_starred_yes(struct app *a, void *arg)
{
	return open_starred(a, 0);
}

/* ask: more tabs than open-many are asked about first. What opened counts
 * as read. */
static ui_result open_starred(struct app *a, int ask)
{
	int n_opened = 0, failed = 0;
	app_ensure_all(a);
	struct item *v;
	size_t n = starred_items(a, &v);
	if (!n) {
		app_message(a, _("no starred paper to open (s stars one)"));
		return UI_HANDLED;
	}
	if (ask && n > (size_t)a->cfg->open_many) {
		app_ask(a, open_starred_yes, NULL, NULL, _("not opened"),
			ngettext("open %lu starred paper in the browser? (y/n)",
				 "open %lu starred papers in the browser? (y/n)", (unsigned long)n),
			(unsigned long)n);
		free(v);
		return UI_HANDLED;
	}
	struct strbuf err = STRBUF_INIT;
	for (size_t k = 0; k < n; k++) {
		char *url = url_for_paper(app_item_paper(a, &v[k]), URL_ABS, NULL);
		if (url && links_open_url(a, url) == 0) {
			n_opened++;
			marks_set_seen(a->marks, app_key(a, &v[k]), &err);
		} else {
			failed++;
		}
		free(url);
	}
	free(v);
	if (err.len)
		app_message(a, "%s", err.buf);
	else if (!failed)
		app_message(a, ngettext("opened %lu starred paper (marked read)",
					"opened %lu starred papers (marked read)",
					(unsigned long)n_opened),
			    (unsigned long)n_opened);
	strbuf_release(&err);
	return opened(a) | UI_REBUILD;
}

ui_result links_open_starred(struct app *a)
{
	return open_starred(a, 1);
}

ui_result links_yank(struct app *a)
{
	const struct paper *p = app_paper(a);
	if (!p) {
		app_message(a, _("no paper here to copy"));
		return UI_HANDLED;
	}
	char *url = url_for_paper(p, URL_ABS, NULL);
	if (!url)
		url = url_for_paper(p, URL_LINK, NULL);
	if (!url) {
		app_message(a, _("this paper has no URL to copy"));
		return UI_HANDLED;
	}
	struct strbuf err = STRBUF_INIT;
	int sent = screen_copy(url, strlen(url));
	if (a->cfg->yank_command) {
		if (launch_yank_command(a->cfg->yank_command, url, strlen(url), &err) < 0)
			app_message(a, "%s", err.buf);
		else
			app_message(a, _("copied %s"), url);
	} else if (sent) {
		app_message(a, osc52_in_tmux() ? _("copied %s (to tmux's clipboard)") : _("copied %s"),
			    url);
	} else {
		app_message(a, _("cannot copy %s: this terminal takes no OSC 52 (set yank-command)"),
			    url);
	}
	strbuf_release(&err);
	free(url);
	return UI_HANDLED;
}
