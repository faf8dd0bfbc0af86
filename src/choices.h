/* choices: what the reader remembers of the choices made in it from one run
 * to the next — the order of the views (:sort) and the layout (v) —
 * in a small text file beside the marks, $XDG_STATE_HOME/digest-tui/choices.
 * It owns that file: reading it, forgiving damage, writing it whole. What
 * the values mean, and which of them win over the configuration, is the
 * reader's (ui/app.c). No curses.
 *
 * Each choice is kept by name, as the configuration names such values
 * ("upvotes", "stacked"), so a new sort order or layout needs no new
 * format; with it, the value the configuration's own setting had when the
 * choice was made (or "-" where there is none), so that the reader can let
 * a later edit of that setting win:
 *
 *	# digest-tui: the reader's remembered choices (it rewrites this file)
 *	sort for-me number
 *	layout stacked auto
 *
 * A line that does not read (an unknown choice, a value that is not a name,
 * a line too long) is skipped: a damaged file forgets what it cannot say,
 * nothing more. The file is written whole and atomically (fileio_replace),
 * after reading it again, so two readers open at once lose no choice but
 * the one both made. */
#ifndef DIGEST_CHOICES_H
#define DIGEST_CHOICES_H

#include <stddef.h>

#include "strbuf.h"

#define CHOICES_FILE "choices"
/* A value's name: 1 to 31 of a-z, 0-9 and '-'. */
#define CHOICES_NAME_MAX 32

enum choice_kind {
	CHOICE_SORT,    /* the order of the views: the sort setting's names */
	CHOICE_LAYOUT,  /* side or stacked: the layout setting's names */
	CHOICE_COUNT
};

struct choices {
	struct choice {
		char value[CHOICES_NAME_MAX];      /* "": none remembered */
		char configured[CHOICES_NAME_MAX]; /* the setting's value then, or "-" */
	} v[CHOICE_COUNT];
};

/* Nothing remembered. */
void choices_init(struct choices *c);

/* The file's text into c (over what c holds; later lines win). */
void choices_parse(const char *data, size_t len, struct choices *c);
/* c as the file's text (what choices_parse reads back). */
void choices_format(const struct choices *c, struct strbuf *out);

/* Reads dir/CHOICES_FILE (dir NULL: marks_default_dir()) into c, after
 * choices_init. No file, or no state directory, is nothing remembered (0);
 * a file that cannot be read (a directory, a FIFO, too large) is -1 with
 * one line in err, c holding nothing. */
int choices_load(const char *dir, struct choices *c, struct strbuf *err);

/* Remembers value for kind, made while the configuration's setting said
 * configured (NULL: no setting), in dir (NULL: marks_default_dir(),
 * created when missing). Returns 0, or -1 with one line in err (no state
 * directory, a write that failed; the file is then as it was). */
int choices_remember(const char *dir, enum choice_kind kind, const char *value,
		     const char *configured, struct strbuf *err);

/* The remembered value of kind when it was made while the setting said
 * what it says now (configured; NULL: no setting), else NULL. */
const char *choices_get(const struct choices *c, enum choice_kind kind,
			const char *configured);

#endif
