/* jsoncap: JSON under a cap on nesting (see jsoncap.h). */
#include "config.h"

#include <jansson.h>

#include "i18n.h"
#include "jsoncap.h"
#include "strbuf.h"

int jsoncap_depth(const char *data, size_t len, int limit)
{
	int depth = 0, max = 0, in_string = 0;
	for (size_t i = 0; i < len; i++) {
		char c = data[i];
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = 0;
		} else if (c == '"') {
			in_string = 1;
		} else if (c == '[' || c == '{') {
			if (++depth > max && (max = depth) > limit)
				break;
		} else if (c == ']' || c == '}') {
			depth--;
		}
	}
	return max;
}

json_t *jsoncap_load(const char *data, size_t len, int max_depth, size_t flags,
		     const char *what, struct strbuf *err)
{
	if (jsoncap_depth(data, len, max_depth) > max_depth) {
		/* TRANSLATORS: what was read ("the listing", "the answer"), then
		 * the most levels allowed. */
		strbuf_addf(err, ngettext("%s nests deeper than %d level",
					  "%s nests deeper than %d levels", (unsigned long)max_depth),
			    what, max_depth);
		return NULL;
	}
	json_error_t je;
	json_t *root = json_loadb(data, len, flags, &je);
	if (!root)
		/* TRANSLATORS: what was read ("the listing", "the answer"). */
		strbuf_addf(err, _("%s is not JSON (line %d, column %d)"), what, je.line, je.column);
	return root;
}
