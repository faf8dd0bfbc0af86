/* marks_driver: marks papers as a script does, through the marks at the
 * configured place (sync_marks_open), for tests/sync_git.sh and
 * tests/sync_dir.sh (a check program, not a test by itself).
 *   marks_driver star|unstar|later|unlater|hide|unhide|read|unread ID...
 *   marks_driver note ID      print the path of the paper's note file
 * The configuration is read as digest-tui reads it (XDG_CONFIG_HOME). One
 * change for all the IDs: one step to undo. Exit status 0 once the change
 * is on disk, or 1 with the message on stderr. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "configfile.h"
#include "marks.h"
#include "strbuf.h"
#include "sync.h"

static const struct {
	const char *word;
	unsigned flag;
	int on;
} verbs[] = {
	{ "star", MARK_STAR, 1 },   { "unstar", MARK_STAR, 0 },
	{ "later", MARK_LATER, 1 }, { "unlater", MARK_LATER, 0 },
	{ "hide", MARK_HIDDEN, 1 }, { "unhide", MARK_HIDDEN, 0 },
	{ "read", MARK_READ, 1 },   { "unread", MARK_READ, 0 },
};

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: marks_driver VERB|note ID...\n");
		return 2;
	}
	struct config cfg;
	struct strbuf err = STRBUF_INIT;
	config_init_defaults(&cfg);
	char *path = config_default_path();
	int bad = path ? config_load_optional(&cfg, path, &err) : 0;
	free(path);
	int rc = 1;
	if (bad) {
		fprintf(stderr, "%s", err.buf);
	} else if (!strcmp(argv[1], "note")) {
		struct strbuf p = STRBUF_INIT;
		if (sync_note_path(&cfg, argv[2], &p, &err) == 0) {
			printf("%s\n", p.buf);
			rc = 0;
		}
		strbuf_release(&p);
	} else {
		size_t v = 0;
		while (v < sizeof(verbs) / sizeof(verbs[0]) && strcmp(verbs[v].word, argv[1]))
			v++;
		if (v == sizeof(verbs) / sizeof(verbs[0])) {
			fprintf(stderr, "marks_driver: no verb %s\n", argv[1]);
		} else {
			struct marks *m = sync_marks_open(&cfg, 0, &err);
			rc = marks_set_many(m, (const char *const *)argv + 2, (size_t)argc - 2,
					    verbs[v].flag, verbs[v].on, &err) < 0;
			marks_close(m);
		}
	}
	if (err.len)
		fprintf(stderr, "%s", err.buf);
	strbuf_release(&err);
	config_free(&cfg);
	return rc;
}
