/* notes: the notes on papers (see notes.h). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "archive.h"
#include "configfile.h"
#include "fileio.h"
#include "i18n.h"
#include "launch.h"
#include "layout.h"
#include "marks.h"
#include "notes.h"
#include "post.h"
#include "render.h"
#include "search.h"
#include "strmap.h"
#include "sync.h"
#include "urls.h"
#include "util.h"

struct notes {
	char *dir;
	/* notes_lookup's snapshot: file name (owned) -> its body (owned), or
	 * NULL until read; `none` once read and found empty or unreadable. */
	struct strmap files;
	int scanned;
	struct strbuf errors;
};

static char none[] = "";

struct notes *notes_open_dir(const char *dir)
{
	struct notes *n = xcalloc(1, sizeof(*n));
	n->dir = xstrdup(dir);
	strbuf_init(&n->errors);
	return n;
}

struct notes *notes_open(const struct config *cfg, struct strbuf *err)
{
	struct sync_place p;
	if (sync_place_init(&p, cfg, err) < 0)
		return NULL;
	struct notes *n = notes_open_dir(p.notes_dir);
	sync_place_free(&p);
	return n;
}

void notes_free(struct notes *n)
{
	if (!n)
		return;
	notes_forget(n);
	strbuf_release(&n->errors);
	free(n->dir);
	free(n);
}

const char *notes_dir(const struct notes *n)
{
	return n->dir;
}

void notes_path(const struct notes *n, const char *key, struct strbuf *out)
{
	strbuf_addf(out, "%s/", n->dir);
	sync_note_name(key, out);
}

/* ---- what a note holds ------------------------------------------------------------ */

static const char *const field_lines[] = { "- Date:", "- arXiv:", "- Alphaxiv:" };

static int is_blank_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ')
			return 0;
	return 1;
}

/* Whether the line s[0..n) is one the template's head may hold; `first`:
 * no non-blank line came before it. */
static int head_line(const char *s, size_t n, int first)
{
	if (is_blank_line(s, n))
		return 1;
	if (first && n >= 2 && s[0] == '#' && s[1] == ' ')
		return 1;
	for (size_t i = 0; i < sizeof(field_lines) / sizeof(field_lines[0]); i++) {
		size_t k = strlen(field_lines[i]);
		if (n >= k && !memcmp(s, field_lines[i], k))
			return 1;
	}
	return 0;
}

void notes_body(const char *text, size_t len, struct strbuf *out)
{
	struct strbuf c = STRBUF_INIT;
	layout_sanitize(text, len, &c); /* line breaks kept, as '\n' */
	size_t at = 0;
	int first = 1;
	while (at < c.len) {
		const char *nl = memchr(c.buf + at, '\n', c.len - at);
		size_t n = nl ? (size_t)(nl - (c.buf + at)) : c.len - at;
		if (!head_line(c.buf + at, n, first))
			break;
		first &= is_blank_line(c.buf + at, n);
		at += n + (nl != NULL);
	}
	size_t end = c.len;
	while (end > at && (c.buf[end - 1] == '\n' || c.buf[end - 1] == ' '))
		end--;
	strbuf_add(out, c.buf + at, end - at);
	strbuf_release(&c);
}

void notes_template(const struct digest *d, const struct paper *p, const char *lang,
		    struct strbuf *out)
{
	size_t at = out->len;
	strbuf_addstr(out, "# ");
	layout_sanitize_line(p->title.s ? p->title.s : "", p->title.s ? p->title.len : 0, out);
	if (out->len == at + 2)
		strbuf_addstr(out, "(untitled)");
	strbuf_addstr(out, "\n\n");
	if (d && d->date)
		strbuf_addf(out, "%s %s\n", field_lines[0], d->date);
	char *abs = url_for_paper(p, URL_ABS, NULL);
	char *ax = url_for_paper(p, URL_ALPHAXIV, lang);
	if (abs)
		strbuf_addf(out, "%s %s\n", field_lines[1], abs);
	if (ax)
		strbuf_addf(out, "%s %s\n", field_lines[2], ax);
	free(abs);
	free(ax);
	strbuf_addch(out, '\n'); /* the user's line */
}

/* Reads the note at path: 1 with its body in body, 0 when none (no file,
 * an empty body), -1 with one line in err. */
static int read_note(const char *path, struct strbuf *body, struct strbuf *err)
{
	char *data;
	size_t len;
	struct strbuf why = STRBUF_INIT;
	if (fileio_read(path, NOTES_MAX_BYTES, 0, &data, &len, &why) < 0) {
		int e = errno;
		if (e == EFBIG) {
			struct strbuf shown = STRBUF_INIT;
			strbuf_addpath(&shown, path);
			strbuf_addf(err, ngettext("note %s: larger than %zu KiB: not read",
						  "note %s: larger than %zu KiB: not read",
						  (unsigned long)(NOTES_MAX_BYTES >> 10)),
				    shown.buf, (size_t)(NOTES_MAX_BYTES >> 10));
			strbuf_release(&shown);
		} else if (e != ENOENT) {
			/* TRANSLATORS: the note's path and why it was not read. */
			strbuf_addf(err, _("note %s"), why.buf);
		}
		strbuf_release(&why);
		return e == ENOENT ? 0 : -1;
	}
	strbuf_release(&why);
	notes_body(data, len, body);
	free(data);
	return body->len ? 1 : 0;
}

int notes_get(const struct notes *n, const char *key, struct strbuf *body,
	      struct strbuf *err)
{
	struct strbuf path = STRBUF_INIT;
	strbuf_reset(body);
	notes_path(n, key, &path);
	int rc = read_note(path.buf, body, err);
	strbuf_release(&path);
	return rc;
}

int notes_has(const struct notes *n, const char *key)
{
	if (!n)
		return 0;
	struct strbuf path = STRBUF_INIT, body = STRBUF_INIT, err = STRBUF_INIT;
	struct stat st;
	notes_path(n, key, &path);
	int has = stat(path.buf, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
		  read_note(path.buf, &body, &err) != 0;
	strbuf_release(&path);
	strbuf_release(&body);
	strbuf_release(&err);
	return has;
}

/* ---- making and editing ----------------------------------------------------------- */

int notes_create(const struct notes *n, const struct digest *d, const struct paper *p,
		 const char *lang, struct strbuf *path, struct strbuf *err)
{
	char *key = marks_paper_key(d, p);
	struct strbuf name = STRBUF_INIT, text = STRBUF_INIT;
	sync_note_name(key, &name);
	strbuf_addf(path, "%s/%s", n->dir, name.buf);
	int rc = 1;
	struct stat st;
	if (stat(path->buf, &st) == 0) {
		rc = 0; /* whatever it is, the editor says what it makes of it */
	} else if (fileio_mkdirs(n->dir, 0700, err) < 0) {
		rc = -1;
	} else {
		notes_template(d, p, lang, &text);
		if (fileio_create_atomic(n->dir, name.buf, text.buf, text.len, 0600, err) < 0) {
			/* Made meanwhile (another reader): that one is the note. */
			rc = errno == EEXIST ? 0 : -1;
			if (rc == 0)
				strbuf_reset(err);
		}
	}
	free(key);
	strbuf_release(&name);
	strbuf_release(&text);
	return rc;
}

char **notes_editor_argv(const char *editor, const char *path, struct strbuf *err)
{
	const char *from = _("the editor setting"), *cmd = editor;
	if (!cmd || !cmd[strspn(cmd, " \t")]) {
		from = "$VISUAL";
		cmd = getenv("VISUAL");
	}
	if (!cmd || !cmd[strspn(cmd, " \t")]) {
		from = "$EDITOR";
		cmd = getenv("EDITOR");
	}
	if (!cmd || !cmd[strspn(cmd, " \t")]) {
		from = _("the default");
		cmd = "vi";
	}
	const char *why;
	int argc;
	char **words = launch_split(cmd, &argc, &why);
	if (!words) {
		/* TRANSLATORS: where the command came from ("the editor
		 * setting", "$VISUAL", "$EDITOR" or "the default"), then why. */
		strbuf_addf(err, _("cannot read the editor command (%s): %s"), from, _(why));
		return NULL;
	}
	/* One more word: the path, whatever it holds. */
	char **argv = xcalloc((size_t)argc + 2, sizeof(*argv));
	memcpy(argv, words, (size_t)argc * sizeof(*argv));
	argv[argc] = xstrdup(path);
	free(words); /* the vector only: its words are argv's now */
	return argv;
}

int notes_edit(const struct notes *n, const struct config *cfg, const struct digest *d,
	       const struct paper *p, struct strbuf *err)
{
	struct strbuf path = STRBUF_INIT;
	int rc = notes_create(n, d, p, cfg->alphaxiv_lang, &path, err) < 0 ? -1 : 0;
	char **argv = rc == 0 ? notes_editor_argv(cfg->editor, path.buf, err) : NULL;
	if (rc == 0 && !argv)
		rc = -1;
	if (argv && launch_wait(argv, err) < 0)
		rc = -1;
	launch_argv_free(argv);
	strbuf_release(&path);
	return rc;
}

/* ---- many papers at once ---------------------------------------------------------- */

static int is_note_name(const char *name)
{
	size_t k = strlen(name);
	return name[0] != '.' && k > 3 && !strcmp(name + k - 3, ".md");
}

static void scan(struct notes *n)
{
	n->scanned = 1;
	DIR *dir = opendir(n->dir);
	if (!dir)
		return; /* no notes yet */
	struct dirent *de;
	size_t seen = 0;
	while ((de = readdir(dir))) {
		if (!is_note_name(de->d_name))
			continue;
		if (++seen > NOTES_SCAN_MAX) {
			struct strbuf shown = STRBUF_INIT;
			strbuf_addpath(&shown, n->dir);
			/* TRANSLATORS: the most notes read, then their directory. */
			strbuf_addf(&n->errors, ngettext("notes: more than %d in %s: the others are "
							 "left out", "notes: more than %d in %s: "
							 "the others are left out",
							 (unsigned long)NOTES_SCAN_MAX),
				    NOTES_SCAN_MAX, shown.buf);
			strbuf_addch(&n->errors, '\n');
			strbuf_release(&shown);
			break;
		}
		int added;
		struct strmap_slot *s = strmap_add(&n->files, de->d_name, strlen(de->d_name),
						   &added);
		if (added)
			s->key = xstrdup(de->d_name);
	}
	closedir(dir);
}

/* The body of the note a slot of the scan names (read when first asked
 * for), or NULL when it has none. */
static const char *slot_body(struct notes *n, struct strmap_slot *s)
{
	if (!s->val.ptr) {
		struct strbuf path = STRBUF_INIT, body = STRBUF_INIT, err = STRBUF_INIT;
		strbuf_addf(&path, "%s/%s", n->dir, s->key);
		if (read_note(path.buf, &body, &err) > 0)
			s->val.ptr = strbuf_detach(&body, NULL);
		else
			s->val.ptr = none;
		if (err.len)
			strbuf_addf(&n->errors, "%s\n", err.buf);
		strbuf_release(&path);
		strbuf_release(&body);
		strbuf_release(&err);
	}
	return s->val.ptr != none ? s->val.ptr : NULL;
}

const char *notes_lookup(struct notes *n, const char *key)
{
	if (!n)
		return NULL;
	if (!n->scanned)
		scan(n);
	if (!n->files.n)
		return NULL;
	struct strbuf name = STRBUF_INIT;
	sync_note_name(key, &name);
	struct strmap_slot *s = strmap_find(&n->files, name.buf, name.len);
	strbuf_release(&name);
	return s ? slot_body(n, s) : NULL;
}

void notes_foreach_key(struct notes *n, notes_key_fn *fn, void *ctx)
{
	if (!n)
		return;
	if (!n->scanned)
		scan(n);
	struct strbuf key = STRBUF_INIT;
	for (size_t i = 0; i < n->files.cap; i++) {
		struct strmap_slot *s = &n->files.slots[i];
		if (!s->key || !slot_body(n, s))
			continue;
		strbuf_reset(&key);
		int whole = sync_note_key(s->key, &key);
		fn(key.buf, whole, ctx);
	}
	strbuf_release(&key);
}

void notes_forget(struct notes *n)
{
	for (size_t i = 0; i < n->files.cap; i++) {
		struct strmap_slot *s = &n->files.slots[i];
		if (!s->key)
			continue;
		free((char *)s->key);
		if (s->val.ptr != none)
			free(s->val.ptr);
	}
	strmap_free(&n->files);
	n->scanned = 0;
}

const char *notes_errors(const struct notes *n)
{
	return n ? n->errors.buf : "";
}

size_t notes_search_extra(struct notes *n, const struct archive *a, struct search_extra *x)
{
	if (!n)
		return 0;
	notes_forget(n);
	scan(n);
	size_t got = 0;
	for (size_t i = 0; i < a->n && n->files.n; i++) {
		const struct digest *d = &a->v[i];
		for (size_t j = 0; j < d->npapers; j++) {
			char *key = marks_paper_key(d, &d->papers[j]);
			const char *body = notes_lookup(n, key);
			free(key);
			if (body) {
				search_extra_add(x, i, j, body, strlen(body));
				got++;
			}
		}
	}
	return got;
}

/* ---- the Notes section ------------------------------------------------------------- */

/* Whether a line of the body starts with a conflict marker of git's. */
static int has_conflict(const char *body)
{
	for (const char *line = body; line;) {
		if (!strncmp(line, "<<<<<<<", 7))
			return 1;
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	return 0;
}

void notes_render_into(const char *body, const struct layout_opts *o, struct rendered_paper *r)
{
	struct section s;
	memset(&s, 0, sizeof(s));
	s.name = xstrdup("Notes");
	if (has_conflict(body)) {
		/* Both versions, each line as it is: Markdown would make a
		 * heading of "=======" and quotes of ">>>>>>>". */
		struct block *b = section_add_block(&s, BLOCK_CODE);
		text_append_str(&b->text, body, STYLE_PLAIN);
	} else {
		post_parse_blocks(body, strlen(body), &s);
	}
	render_section_into(&s, NOTES_SECTION, o, r);
	section_free(&s);
}
