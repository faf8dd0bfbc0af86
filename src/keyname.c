/* keyname: key names (see keyname.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "keyname.h"
#include "strbuf.h"

static const struct {
	const char *name;
	unsigned code;
} named[] = {
	{ "Down", KEYNAME_DOWN },         { "Up", KEYNAME_UP },
	{ "Left", KEYNAME_LEFT },         { "Right", KEYNAME_RIGHT },
	{ "Home", KEYNAME_HOME },         { "End", KEYNAME_END },
	{ "PageDown", KEYNAME_PAGEDOWN }, { "PageUp", KEYNAME_PAGEUP },
	{ "Backspace", KEYNAME_BACKSPACE }, { "Delete", KEYNAME_DELETE },
	{ "Insert", KEYNAME_INSERT },     { "BackTab", KEYNAME_BACKTAB },
	{ "Enter", '\n' },                { "Tab", '\t' },
	{ "Space", ' ' },                 { "Esc", 27 },
};
#define NNAMED (sizeof(named) / sizeof(named[0]))

int keyname_parse(const char *name, unsigned *code)
{
	size_t len = strlen(name);
	if (len >= 3 && name[0] == '<' && name[len - 1] == '>') {
		for (size_t i = 0; i < NNAMED; i++)
			if (strlen(named[i].name) == len - 2 &&
			    !strncmp(named[i].name, name + 1, len - 2)) {
				*code = named[i].code;
				return 0;
			}
		if (name[1] == 'F' && len >= 4 && len <= 5) {
			char *end;
			long n = strtol(name + 2, &end, 10);
			if (end == name + len - 1 && n >= 1 && n <= 12) {
				*code = KEYNAME_F1 + (unsigned)n - 1;
				return 0;
			}
		}
		return -1;
	}
	if (len == 3 && name[0] == 'C' && name[1] == '-' &&
	    ((name[2] >= 'a' && name[2] <= 'z') || (name[2] >= 'A' && name[2] <= 'Z'))) {
		*code = (unsigned)(name[2] & 0x1f);
		return 0;
	}
	if (len == 1 && name[0] > ' ' && name[0] < 0x7f) {
		*code = (unsigned char)name[0];
		return 0;
	}
	return -1;
}

void keyname_format(unsigned code, struct strbuf *out)
{
	for (size_t i = 0; i < NNAMED; i++)
		if (named[i].code == code) {
			strbuf_addf(out, "<%s>", named[i].name);
			return;
		}
	if (code >= KEYNAME_F1 && code < KEYNAME_LIMIT)
		strbuf_addf(out, "<F%u>", code - KEYNAME_F1 + 1);
	else if (code < 0x20)
		strbuf_addf(out, "C-%c", (char)(code | 0x60));
	else if (code < 0x7f)
		strbuf_addch(out, (int)code);
	else
		strbuf_addf(out, "<U+%04X>", code);
}
