/* commands: the ':' command table's data, parsing and completion (see
 * commands.h). */
#include "config.h"

#include <string.h>

#include "commands.h"
#include "launch.h"
#include "strbuf.h"

const struct command_info command_info[COMMAND_COUNT] = {
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL },
#define COMMAND_INFO(id, name, alias, args, min, max, flags, handler, needs, summary) \
	{ name, alias, args, min, max, flags, needs, summary },
	COMMAND_TABLE(COMMAND_INFO)
#undef COMMAND_INFO
};

enum command command_by_name(const char *name)
{
	for (int c = 1; c < COMMAND_COUNT; c++)
		if (!strcmp(command_info[c].name, name) ||
		    (command_info[c].alias && !strcmp(command_info[c].alias, name)))
			return (enum command)c;
	return COMMAND_NONE;
}

void command_usage(enum command c, struct strbuf *out)
{
	strbuf_addf(out, ":%s%s%s%s", command_info[c].name,
		    command_info[c].flags & COMMAND_BANG ? "[!]" : "",
		    *command_info[c].args ? " " : "", command_info[c].args);
}

/* The phrase for required argument i (0-based) from the needs column. */
static void add_need(const char *needs, int i, struct strbuf *out)
{
	for (; i > 0 && needs; i--) {
		needs = strchr(needs, '|');
		needs = needs ? needs + 1 : NULL;
	}
	if (!needs || !*needs) {
		strbuf_addstr(out, "more arguments");
		return;
	}
	strbuf_add(out, needs, strcspn(needs, "|"));
}

static void add_names(struct strbuf *out)
{
	for (int c = 1; c < COMMAND_COUNT; c++)
		strbuf_addf(out, "%s%s", c > 1 ? ", " : "", command_info[c].name);
}

int command_parse(const char *line, struct command_call *call, struct strbuf *err)
{
	memset(call, 0, sizeof(*call));
	const char *why = NULL;
	int argc = 0;
	char **argv = launch_split(line, &argc, &why);
	if (!argv) {
		if (why && strcmp(why, "empty command")) {
			strbuf_addstr(err, why);
			return -1;
		}
		return 1;
	}
	/* "export!": the command's name, and its bang. */
	size_t len = strlen(argv[0]);
	int bang = len > 1 && argv[0][len - 1] == '!';
	if (bang)
		argv[0][len - 1] = '\0';
	enum command c = command_by_name(argv[0]);
	if (bang)
		argv[0][len - 1] = '!';
	const struct command_info *ci = &command_info[c];
	int nargs = argc - 1;
	if (c == COMMAND_NONE) {
		strbuf_addf(err, "unknown command '%s' (", argv[0]);
		add_names(err);
		strbuf_addch(err, ')');
	} else if (bang && !(ci->flags & COMMAND_BANG)) {
		strbuf_addf(err, ":%s takes no !", ci->name);
	} else if (nargs < ci->min_args) {
		strbuf_addf(err, ":%s needs ", ci->name);
		add_need(ci->needs, nargs, err);
	} else if (ci->max_args != COMMAND_REST && nargs > ci->max_args) {
		if (ci->max_args == 0)
			strbuf_addf(err, ":%s takes no argument", ci->name);
		else
			strbuf_addf(err, "too many arguments: ");
		if (ci->max_args)
			command_usage(c, err);
	} else {
		call->cmd = c;
		call->argv = argv;
		call->argc = argc;
		call->bang = bang;
		const char *p = line + strspn(line, " \t");
		call->rest = p + strcspn(p, " \t");
		return 0;
	}
	launch_argv_free(argv);
	return -1;
}

void command_call_free(struct command_call *call)
{
	if (call->argv)
		launch_argv_free(call->argv);
	memset(call, 0, sizeof(*call));
}

size_t command_complete(const char *prefix, size_t len, struct strbuf *out)
{
	const char *first = NULL;
	size_t n = 0, common = 0;
	for (int c = 1; c < COMMAND_COUNT; c++) {
		const char *name = command_info[c].name;
		if (strncmp(name, prefix, len) || strlen(name) < len)
			continue;
		if (!n++) {
			first = name;
			common = strlen(name);
		} else {
			size_t k = len;
			while (k < common && first[k] == name[k])
				k++;
			common = k;
		}
	}
	if (n)
		strbuf_add(out, first + len, common - len);
	if (n == 1)
		strbuf_addch(out, ' ');
	return n;
}
