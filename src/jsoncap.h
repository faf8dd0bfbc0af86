/* jsoncap: reading JSON from outside (Hugging Face's answers, GitHub's
 * listings) with jansson, whose parser recurses: the nesting is counted
 * first, and text nested deeper than the cap is refused before jansson
 * sees it. Size caps and what the JSON means are the callers'. */
#ifndef DIGEST_JSONCAP_H
#define DIGEST_JSONCAP_H

#include <jansson.h>
#include <stddef.h>

#include "strbuf.h"

/* The deepest nesting of arrays and objects in data (strings skipped),
 * counting no further once past limit. */
int jsoncap_depth(const char *data, size_t len, int limit);

/* data[0..len) parsed by json_loadb with flags, when it nests at most
 * max_depth deep: a new reference (json_decref it), or NULL with a line in
 * err naming it as `what`, translated ("WHAT nests deeper than N levels",
 * "WHAT is not JSON (line L, column C)"). */
json_t *jsoncap_load(const char *data, size_t len, int max_depth, size_t flags,
		     const char *what, struct strbuf *err);

#endif
