/* keymap: key bindings (see keymap.h). */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "configfile.h"
#include "keymap.h"
#include "keyname.h"
#include "strbuf.h"
#include "util.h"

static const struct {
	int curses;
	unsigned key;
} curses_keys[] = {
	{ KEY_DOWN, KEYNAME_DOWN },       { KEY_UP, KEYNAME_UP },
	{ KEY_LEFT, KEYNAME_LEFT },       { KEY_RIGHT, KEYNAME_RIGHT },
	{ KEY_HOME, KEYNAME_HOME },       { KEY_END, KEYNAME_END },
	{ KEY_NPAGE, KEYNAME_PAGEDOWN },  { KEY_PPAGE, KEYNAME_PAGEUP },
	{ KEY_BACKSPACE, KEYNAME_BACKSPACE }, { KEY_DC, KEYNAME_DELETE },
	{ KEY_IC, KEYNAME_INSERT },       { KEY_BTAB, KEYNAME_BACKTAB },
	{ KEY_ENTER, '\n' },
};

unsigned keymap_from_curses(int is_function_key, unsigned ch)
{
	if (!is_function_key)
		return ch == '\r' ? '\n' : ch; /* Enter arrives as CR under nonl() */
	for (size_t i = 0; i < sizeof(curses_keys) / sizeof(curses_keys[0]); i++)
		if ((unsigned)curses_keys[i].curses == ch)
			return curses_keys[i].key;
	if (ch >= (unsigned)KEY_F(1) && ch <= (unsigned)KEY_F(12))
		return KEYNAME_F1 + ch - (unsigned)KEY_F(1);
	return 0;
}

struct binding {
	unsigned key;
	enum action action;
};

/* Few bindings: a linear scan per keystroke costs nothing measurable. */
static struct binding *bindings;
static size_t nbindings, bindings_cap;

void keymap_bind(unsigned key, enum action a)
{
	for (size_t i = 0; i < nbindings; i++)
		if (bindings[i].key == key) {
			bindings[i].action = a;
			return;
		}
	ALLOC_GROW(bindings, nbindings, bindings_cap);
	bindings[nbindings++] = (struct binding){ key, a };
}

void keymap_init_defaults(void)
{
	nbindings = 0;
	for (int a = 1; a < ACTION_COUNT; a++) {
		char *keys = xstrdup(action_info[a].keys);
		for (char *save = NULL, *tok = strtok_r(keys, " ", &save); tok;
		     tok = strtok_r(NULL, " ", &save)) {
			unsigned k;
			if (keyname_parse(tok, &k) == 0)
				keymap_bind(k, (enum action)a);
		}
		free(keys);
	}
}

enum action keymap_lookup(unsigned key)
{
	for (size_t i = 0; i < nbindings; i++)
		if (bindings[i].key == key)
			return bindings[i].action;
	return ACTION_NONE;
}

enum action keymap_action_in(const struct config *cfg, const char *pane, unsigned key)
{
	enum action act;
	if (cfg && config_key_action(cfg, pane, key, &act))
		return act;
	return keymap_lookup(key);
}

static void describe_key(unsigned key, size_t start, struct strbuf *out)
{
	if (out->len > start)
		strbuf_addch(out, ' ');
	keyname_format(key, out);
}

void keymap_describe(const struct config *cfg, const char *pane, enum action a,
		     struct strbuf *out)
{
	size_t start = out->len;
	/* Every key bound anywhere, once, by what it does in this pane. */
	for (size_t i = 0; i < nbindings; i++)
		if (keymap_action_in(cfg, pane, bindings[i].key) == a)
			describe_key(bindings[i].key, start, out);
	for (size_t i = 0; cfg && i < cfg->nbinds; i++) {
		unsigned key = cfg->binds[i].key;
		int seen = 0;
		for (size_t j = 0; j < nbindings && !seen; j++)
			seen = bindings[j].key == key;
		for (size_t j = 0; j < i && !seen; j++)
			seen = cfg->binds[j].key == key;
		if (!seen && keymap_action_in(cfg, pane, key) == a)
			describe_key(key, start, out);
	}
}
