/* keyname: names of keys as users write them — in the action table, the
 * config's `bind` and the help overlay: a printable character (j, ?, [), C-x for
 * Ctrl-x, or <Name> for a special key (<PageDown>, <F5>). Codes are Unicode
 * characters, or KEYNAME_* values above the Unicode range for special keys; the
 * UI maps curses key codes onto them. No curses here. */
#ifndef DIGEST_KEYNAME_H
#define DIGEST_KEYNAME_H

struct strbuf;

enum {
	KEYNAME_SPECIAL = 0x110000,
	KEYNAME_DOWN = KEYNAME_SPECIAL, KEYNAME_UP, KEYNAME_LEFT, KEYNAME_RIGHT,
	KEYNAME_HOME, KEYNAME_END, KEYNAME_PAGEDOWN, KEYNAME_PAGEUP,
	KEYNAME_BACKSPACE, KEYNAME_DELETE, KEYNAME_INSERT, KEYNAME_BACKTAB,
	KEYNAME_F1, /* .. KEYNAME_F1 + 11 */
	KEYNAME_LIMIT = KEYNAME_F1 + 12,
};

/* Parses a key name into *code. Returns 0, or -1 when it is not a key name. */
int keyname_parse(const char *name, unsigned *code);
/* Appends the canonical name of code ("j", "C-d", "<Enter>"). */
void keyname_format(unsigned code, struct strbuf *out);

#endif
