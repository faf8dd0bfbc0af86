/* choices: the reader's remembered choices (see choices.h). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "choices.h"
#include "fileio.h"
#include "i18n.h"
#include "marks.h"
#include "util.h"

/* Far more than the file ever holds: anything larger is not ours. */
#define CHOICES_FILE_MAX ((size_t)64 << 10)

static const char *const kind_names[CHOICE_COUNT] = { "sort", "layout" };

/* "-" in the file: the choice has no setting in the configuration. */
static const char no_setting[] = "-";

void choices_init(struct choices *c)
{
	memset(c, 0, sizeof(*c));
}

/* Whether s[0..n) is a value's name (or "-"). */
static int is_name(const char *s, size_t n)
{
	if (n == 1 && s[0] == '-')
		return 1;
	if (n == 0 || n >= CHOICES_NAME_MAX)
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") >= n;
}

/* The words of one line (blanks between them), at most max: their count,
 * or max + 1 when there are more. */
static size_t split(const char *line, size_t len, const char **w, size_t *wn, size_t max)
{
	size_t n = 0, i = 0;
	while (i < len) {
		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i == len)
			break;
		if (n == max)
			return max + 1;
		w[n] = line + i;
		while (i < len && line[i] != ' ' && line[i] != '\t')
			i++;
		wn[n] = (size_t)(line + i - w[n]);
		n++;
	}
	return n;
}

static void parse_line(const char *line, size_t len, struct choices *c)
{
	const char *w[3];
	size_t wn[3];
	size_t n = split(line, len, w, wn, 3);
	if (n < 2 || n > 3 || w[0][0] == '#')
		return;
	for (int k = 0; k < CHOICE_COUNT; k++) {
		if (wn[0] != strlen(kind_names[k]) || memcmp(w[0], kind_names[k], wn[0]))
			continue;
		if (!is_name(w[1], wn[1]) || (wn[1] == 1 && w[1][0] == '-') ||
		    (n == 3 && !is_name(w[2], wn[2])))
			return;
		struct choice *ch = &c->v[k];
		memcpy(ch->value, w[1], wn[1]);
		ch->value[wn[1]] = '\0';
		if (n == 3) {
			memcpy(ch->configured, w[2], wn[2]);
			ch->configured[wn[2]] = '\0';
		} else {
			strcpy(ch->configured, no_setting);
		}
		return;
	}
}

void choices_parse(const char *data, size_t len, struct choices *c)
{
	const char *end = data + len;
	while (data < end) {
		const char *nl = memchr(data, '\n', (size_t)(end - data));
		size_t n = nl ? (size_t)(nl - data) : (size_t)(end - data);
		if (memchr(data, '\0', n) == NULL)
			parse_line(data, n, c);
		data += n + (nl != NULL);
	}
}

void choices_format(const struct choices *c, struct strbuf *out)
{
	strbuf_addstr(out, "# digest-tui: the reader's remembered choices (it rewrites this file)\n");
	for (int k = 0; k < CHOICE_COUNT; k++)
		if (c->v[k].value[0])
			strbuf_addf(out, "%s %s %s\n", kind_names[k], c->v[k].value,
				    c->v[k].configured[0] ? c->v[k].configured : no_setting);
}

/* dir, or the marks' directory; NULL when there is none. */
static char *state_dir(const char *dir)
{
	return dir ? xstrdup(dir) : marks_default_dir();
}

int choices_load(const char *dir, struct choices *c, struct strbuf *err)
{
	choices_init(c);
	char *d = state_dir(dir);
	if (!d)
		return 0;
	struct strbuf path = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s", d, CHOICES_FILE);
	free(d);
	char *data = NULL;
	size_t len = 0;
	struct strbuf why = STRBUF_INIT;
	int rc = 0;
	if (fileio_read(path.buf, CHOICES_FILE_MAX, FILEIO_NOFOLLOW, &data, &len, &why) == 0)
		choices_parse(data, len, c);
	else if (errno != ENOENT) {
		strbuf_add(err, why.buf, why.len); /* fileio names the path */
		rc = -1;
	}
	free(data);
	strbuf_release(&why);
	strbuf_release(&path);
	return rc;
}

int choices_remember(const char *dir, enum choice_kind kind, const char *value,
		     const char *configured, struct strbuf *err)
{
	if (!is_name(value, strlen(value)) || !strcmp(value, no_setting) ||
	    (configured && !is_name(configured, strlen(configured)))) {
		/* TRANSLATORS: a setting's name (sort or layout), then the value. */
		strbuf_addf(err, _("cannot remember %s '%s': not a name"), kind_names[kind], value);
		return -1;
	}
	char *d = state_dir(dir);
	if (!d) {
		strbuf_addstr(err, _("no state directory (neither XDG_STATE_HOME nor HOME is set)"));
		return -1;
	}
	struct choices c;
	struct strbuf ignored = STRBUF_INIT, data = STRBUF_INIT;
	choices_load(d, &c, &ignored); /* what another reader remembered meanwhile */
	snprintf(c.v[kind].value, sizeof(c.v[kind].value), "%s", value);
	snprintf(c.v[kind].configured, sizeof(c.v[kind].configured), "%s",
		 configured ? configured : no_setting);
	choices_format(&c, &data);
	int rc = fileio_mkdirs(d, 0700, err) < 0 ||
			 fileio_replace(d, CHOICES_FILE, data.buf, data.len, 0600, err) < 0
		 ? -1 : 0;
	strbuf_release(&ignored);
	strbuf_release(&data);
	free(d);
	return rc;
}

const char *choices_get(const struct choices *c, enum choice_kind kind,
			const char *configured)
{
	const struct choice *ch = &c->v[kind];
	if (!ch->value[0])
		return NULL;
	if (strcmp(ch->configured, configured ? configured : no_setting))
		return NULL; /* the setting was changed since: it wins */
	return ch->value;
}
