/* keymap: which key runs which action. Built from the action table's default
 * keys (names parsed by src/keyname.c); maps curses key codes to key names'
 * codes, and lists the bindings in effect for the help overlay. */
#ifndef DIGEST_KEYMAP_H
#define DIGEST_KEYMAP_H

#include "actions.h"

struct strbuf;

void keymap_init_defaults(void);
struct config;
/* The key code (see keyname.h) of what get_wch() returned. */
unsigned keymap_from_curses(int is_function_key, unsigned ch);
void keymap_bind(unsigned key, enum action a);
enum action keymap_lookup(unsigned key);
/* The action of key in a pane ("list", "view": the paper pane, "help"): the
 * configuration's lines for that pane first, then the bindings. */
enum action keymap_action_in(const struct config *cfg, const char *pane, unsigned key);
/* Appends the names of the keys that run a in that pane, space-separated. */
void keymap_describe(const struct config *cfg, const char *pane, enum action a,
		     struct strbuf *out);

#endif
