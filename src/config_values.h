/* config_values: what the value of each setting may be and how it is written
 * — SETTING_TABLE (configfile.h) expanded into data, and a value read from
 * text by its row's type and limits, stored into its field of struct config,
 * and printed back in the file's syntax — and the other words a value can
 * be: colors, attributes and the elements they style. The table's rows are
 * configfile.h's; the code here is by type, so a new row needs nothing here
 * (a new type does). The configfile.h functions on settings
 * (config_setting_info, _expect, _metavar, _by_name) and
 * config_element_name live here too.
 *
 * Internal to the configuration: configfile.h is the public header. */
#ifndef DIGEST_CONFIG_VALUES_H
#define DIGEST_CONFIG_VALUES_H

#include "configfile.h"
#include "strbuf.h"

/* A value read from text, before it is stored in its field. */
struct config_value {
	int i;          /* INT, BOOL, WIDTH's number; a CHOICE's value */
	int n;          /* WIDTH: a percentage; CHOICE_OR_SECONDS: the seconds */
	const char *s;  /* the string types; "" for unset */
	char *owned;    /* what s points to when parsing made it */
};

/* Reads text as a value of setting id into *out. Returns 0, or -1 with
 * the message in why (when not NULL), text quoted in it: "'0' is out of
 * range for days (expected a whole number from 1 to 3660)".
 * Either way the caller ends with config_values_release(out). */
int config_values_parse(enum config_setting_id id, const char *text,
			struct config_value *out, struct strbuf *why);

/* Sets setting id of c to v (a string is copied; "" is NULL). */
void config_values_store(struct config *c, enum config_setting_id id,
			 const struct config_value *v);

/* Sets every string setting of c to unset (NULL), freeing its string. */
void config_values_clear(struct config *c);

/* Frees what config_values_parse made for v. */
void config_values_release(struct config_value *v);

/* Appends setting id's value in c as `set` takes it back (a string quoted
 * when it has to be; a SECRET never, only whether it is set, as a comment). */
void config_values_print(const struct config *c, enum config_setting_id id,
			 struct strbuf *out);

/* A color as a `color` line writes it: default, black, red, green, yellow,
 * blue, magenta, cyan, white (any case), or color0 to color255. Returns 0
 * with *v set (CONFIG_COLOR_DEFAULT or 0-255), or -1. */
int config_values_color(const char *s, int *v);
/* Appends color v by its name: default, black to white, or colorN. */
void config_values_add_color(struct strbuf *out, int v);

/* The CONFIG_ATTR_* bit of an attribute's name (bold, dim, underline,
 * reverse, italic; any case), or 0. */
unsigned config_values_attr(const char *s);
/* Appends " NAME" for each CONFIG_ATTR_* bit of attrs. */
void config_values_add_attrs(struct strbuf *out, unsigned attrs);

/* The element called name (CONFIG_ELEMENT_TABLE), or -1. */
int config_values_element(const char *name);

#endif
