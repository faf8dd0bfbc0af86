/* commands: the ':' command table's data, parsing and completion (see
 * commands.h). */
#include "config.h"

#include <string.h>

#include "commands.h"
#include "i18n.h"
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

/* ":date needs a date (YYYY-MM-DD)": what command c lacks when it has i
 * arguments, the phrase for argument i (0-based) of its needs column. */
static void add_need(enum command c, int i, struct strbuf *out)
{
	const char *needs = *command_info[c].needs ? _(command_info[c].needs) : NULL;
	for (; i > 0 && needs; i--) {
		needs = strchr(needs, '|');
		needs = needs ? needs + 1 : NULL;
	}
	if (!needs || !*needs) {
		strbuf_addf(out, _(":%s needs more arguments"), command_info[c].name);
		return;
	}
	struct strbuf need = STRBUF_INIT;
	strbuf_add(&need, needs, strcspn(needs, "|"));
	/* TRANSLATORS: a ':' command's name, and what its next argument is
	 * (a phrase of the command table's needs column). */
	strbuf_addf(out, _(":%s needs %s"), command_info[c].name, need.buf);
	strbuf_release(&need);
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
			strbuf_addstr(err, _(why));
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
		struct strbuf names = STRBUF_INIT;
		add_names(&names);
		/* TRANSLATORS: what was typed, then the commands' names. */
		strbuf_addf(err, _("unknown command '%s' (%s)"), argv[0], names.buf);
		strbuf_release(&names);
	} else if (bang && !(ci->flags & COMMAND_BANG)) {
		strbuf_addf(err, _(":%s takes no !"), ci->name);
	} else if (nargs < ci->min_args) {
		add_need(c, nargs, err);
	} else if (ci->max_args != COMMAND_REST && nargs > ci->max_args) {
		if (ci->max_args == 0) {
			strbuf_addf(err, _(":%s takes no argument"), ci->name);
		} else {
			struct strbuf usage = STRBUF_INIT;
			command_usage(c, &usage);
			/* TRANSLATORS: the command's usage, as ":date YYYY-MM-DD". */
			strbuf_addf(err, _("too many arguments: %s"), usage.buf);
			strbuf_release(&usage);
		}
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
