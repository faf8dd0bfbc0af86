/* actions: the action table's data and name lookup (see actions.h). */
#include "config.h"

#include <string.h>

#include "actions.h"
#include "i18n.h"

const struct action_info action_info[ACTION_COUNT] = {
	{ NULL, NULL, 0, NULL },
#define ACTION_INFO(id, name, keys, where, handler, arg, help) \
	{ name, keys, ACTION_IN_##where, help },
	ACTION_TABLE(ACTION_INFO)
#undef ACTION_INFO
};

enum action action_by_name(const char *name)
{
	for (int a = 1; a < ACTION_COUNT; a++)
		if (!strcmp(action_info[a].name, name))
			return (enum action)a;
	return ACTION_NONE;
}
