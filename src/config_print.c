/* config_print: the effective configuration written in the file's own syntax
 * (config_print in configfile.h, for --check-config): every setting with
 * its summary and shape as a comment, the sources, the bind and unbind
 * lines, the default bindings still in effect (as comments) and every
 * element's color. Loading what it writes gives the same configuration. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "config_lex.h"
#include "config_values.h"
#include "configfile.h"
#include "i18n.h"
#include "keyname.h"
#include "strbuf.h"
#include "util.h"

static void print_setting(const struct config *c, enum config_setting_id id,
			  struct strbuf *out)
{
	const struct config_setting_info *info = config_setting_info(id);
	strbuf_addf(out, "# %s (", _(info->summary));
	config_setting_expect(id, out);
	strbuf_addf(out, ")\nset %s ", info->name);
	config_values_print(c, id, out);
	strbuf_addch(out, '\n');
}

static void print_sources(const struct config *c, struct strbuf *out)
{
	strbuf_addf(out, "\n# %s\n", _("sources"));
	if (!c->nsources)
		strbuf_addf(out, "# %s\n", _("(none)"));
	for (size_t i = 0; i < c->nsources; i++) {
		const struct config_source *s = &c->sources[i];
		strbuf_addstr(out, "source ");
		config_lex_add_word(out, s->name);
		strbuf_addf(out, " %s", config_source_kind_name(s->kind));
		for (size_t k = 0; k < s->nargs; k++) {
			strbuf_addch(out, ' ');
			config_lex_add_word(out, s->args[k]);
		}
		strbuf_addch(out, '\n');
	}
}

static void print_bind(struct strbuf *out, const struct config_bind *b)
{
	struct strbuf key = STRBUF_INIT;
	keyname_format(b->key, &key);
	strbuf_addstr(out, b->action != ACTION_NONE ? "bind " : "unbind ");
	if (b->pane)
		strbuf_addf(out, "%s ", b->pane);
	config_lex_add_word(out, key.buf);
	if (b->action != ACTION_NONE)
		strbuf_addf(out, " %s", action_info[b->action].name);
	strbuf_addch(out, '\n');
	strbuf_release(&key);
}

static void print_binds(const struct config *c, struct strbuf *out)
{
	/* Lines for all panes first: a later one would replace the pane lines. */
	strbuf_addf(out, "\n# %s\n", _("key bindings"));
	if (!c->nbinds && !c->nunbinds)
		strbuf_addf(out, "# %s\n", _("(none besides the defaults)"));
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < c->nunbinds; i++)
			if (!c->unbinds[i].pane == !pass)
				print_bind(out, &c->unbinds[i]);
		for (size_t i = 0; i < c->nbinds; i++)
			if (!c->binds[i].pane == !pass)
				print_bind(out, &c->binds[i]);
	}
	strbuf_addf(out, "# %s\n", _("the action table's default bindings still in effect:"));
	for (int a = 1; a < ACTION_COUNT; a++) {
		char *keys = xstrdup(action_info[a].keys);
		for (char *save = NULL, *tok = strtok_r(keys, " ", &save); tok;
		     tok = strtok_r(NULL, " ", &save)) {
			unsigned k;
			enum action got;
			if (keyname_parse(tok, &k) < 0 || config_key_action(c, NULL, k, &got))
				continue;
			strbuf_addstr(out, "# ");
			print_bind(out, &(struct config_bind){ NULL, k, (enum action)a });
		}
		free(keys);
	}
}

static void print_colors(const struct config *c, struct strbuf *out)
{
	strbuf_addf(out, "\n# %s\n", _("colors"));
	for (int e = 0; e < CONFIG_ELEMENT_COUNT; e++) {
		const struct config_color *col = &c->colors[e];
		strbuf_addf(out, "color %s ", config_element_name((enum config_element)e));
		config_values_add_color(out, col->fg);
		strbuf_addch(out, ' ');
		config_values_add_color(out, col->bg);
		config_values_add_attrs(out, col->attrs);
		strbuf_addch(out, '\n');
	}
}

void config_print(const struct config *c, struct strbuf *out)
{
	/* Only the comments are translated: loading the output gives the
	 * same configuration in every language. */
	struct strbuf from = STRBUF_INIT;
	if (c->path)
		config_lex_add_safe(&from, c->path, strlen(c->path));
	else
		strbuf_addstr(&from, _("no file (the defaults)"));
	strbuf_addf(out, "# %s\n# ", _("digest-tui: the effective configuration"));
	/* TRANSLATORS: the configuration file's path. */
	strbuf_addf(out, _("read from: %s"), from.buf);
	strbuf_addstr(out, "\n\n");
	strbuf_release(&from);
	for (int i = 0; i < CONFIG_SETTING_COUNT; i++)
		print_setting(c, (enum config_setting_id)i, out);
	print_sources(c, out);
	print_binds(c, out);
	print_colors(c, out);
}
