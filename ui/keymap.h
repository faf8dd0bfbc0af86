/* keymap: which key runs which action. Built from the action table's default
 * keys (names parsed by src/keyname.c); maps curses key codes to key names'
 * codes, and lists the bindings in effect for the help overlay. */
#ifndef DIGEST_KEYMAP_H
#define DIGEST_KEYMAP_H

#include "actions.h"

struct strbuf;

void keymap_init_defaults(void);
/* Applies the configuration's bind and unbind lines for all panes (lines for
 * one pane are looked up per key with config_key_action). */
struct config;
void keymap_apply_config(const struct config *cfg);
/* The key code (see keyname.h) of what get_wch() returned. */
unsigned keymap_from_curses(int is_function_key, unsigned ch);
void keymap_bind(unsigned key, enum action a);
enum action keymap_lookup(unsigned key);
/* Appends the names of the keys bound to a, separated by spaces. */
void keymap_describe(enum action a, struct strbuf *out);

#endif
