/* watch: the marks journal and the cache's posts, changed by other processes
 * (see watch.h). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "app.h"
#include "cache.h"
#include "listing.h"
#include "news.h"
#include "notes.h"
#include "strbuf.h"
#include "util.h"
#include "watch.h"

/* Without inotify, another instance's marks are looked for this often. */
#define MARKS_POLL_MS 1000
/* Without inotify, the posts are looked at this often. */
#define POSTS_POLL_MS 5000

struct watch {
	int marks_fd;              /* inotify on the journal's directory, or -1 */
	long marks_checked;        /* without: the last look (ms) */
	int posts;                 /* the cache's posts are watched */
	struct cache_watch *cw;
	int posts_fd;              /* inotify on posts/ (or on the nearest
				    * directory above it while it does not
				    * exist), or -1 */
	int on_posts;              /* posts_fd watches posts/ itself */
	long posts_checked;        /* without: the last look (ms) */
	int notes_fd;              /* inotify on the notes' directory (or on the
				    * nearest one above it), or -1 */
	int on_notes;              /* notes_fd watches the notes' directory */
};

static void drain(int fd)
{
	char buf[4096];
	while (read(fd, buf, sizeof(buf)) > 0)
		;
}

/* ms until a look every poll_ms after last is due (0: now). */
static long poll_due(long last, long poll_ms)
{
	long due = last + poll_ms - app_now_ms();
	return due > 0 ? due : 0;
}

/* An inotify descriptor on directory path for mask, or, while it does not
 * exist, on the nearest directory above it that does, for its making
 * (*on_dir says which); -1 when there is none. */
static int watch_dir(const char *path, uint32_t mask, int *on_dir)
{
	struct strbuf dir = STRBUF_INIT;
	strbuf_addstr(&dir, path);
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	*on_dir = fd >= 0 && inotify_add_watch(fd, dir.buf, mask) >= 0;
	int watching = *on_dir;
	while (fd >= 0 && !watching && errno == ENOENT) {
		char *slash = strrchr(dir.buf, '/');
		if (!slash || slash == dir.buf)
			break;
		strbuf_setlen(&dir, (size_t)(slash - dir.buf));
		watching = inotify_add_watch(fd, dir.buf, IN_CREATE | IN_MOVED_TO) >= 0;
	}
	if (fd >= 0 && !watching) {
		close(fd);
		fd = -1;
	}
	strbuf_release(&dir);
	return fd;
}

/* ---- the marks journal ---------------------------------------------------- */

/* Watches the directory of the marks journal: another instance appends to
 * it or renames a compacted one over it. */
static int marks_watch_fd(const struct app *a)
{
	const char *path = marks_path(a->marks);
	if (!path)
		return -1;
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0)
		return -1;
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	if (inotify_add_watch(fd, slash ? (*dir ? dir : "/") : ".",
			      IN_MODIFY | IN_MOVED_TO | IN_CREATE | IN_CLOSE_WRITE) < 0) {
		close(fd);
		fd = -1;
	}
	free(dir);
	return fd;
}

static ui_result check_marks(struct app *a)
{
	struct strbuf err = STRBUF_INIT;
	ui_result r = 0;
	int rc = marks_refresh(a->marks, &err);
	if (rc > 0) {
		r = UI_HANDLED | UI_REBUILD; /* another instance changed marks */
	} else if (rc < 0 && err.len) {
		app_message(a, "%s", err.buf);
		r = UI_HANDLED;
	}
	strbuf_release(&err);
	return r;
}

/* ---- the cache's posts ---------------------------------------------------- */

static void posts_start(struct watch *w)
{
	if (!w->cw)
		w->cw = cache_watch_new(NULL);
	w->posts_checked = app_now_ms();
	if (w->posts_fd >= 0)
		return;
	struct strbuf dir = STRBUF_INIT, err = STRBUF_INIT;
	if (cache_default_dir(&dir, &err) == 0) {
		strbuf_addstr(&dir, "/posts");
		/* A post is renamed in, or removed; its temporary files are
		 * created and written there too, but change no *.md. No posts/
		 * yet (a first start, offline): the directory above tells when
		 * it is made, so an idle reader never needs to look. */
		w->posts_fd = watch_dir(dir.buf, IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE |
						 IN_CLOSE_WRITE,
					&w->on_posts);
	}
	strbuf_release(&dir);
	strbuf_release(&err);
}

/* Without inotify: ms until the posts are looked at (0: now), else -1. */
static long posts_due(const struct watch *w)
{
	return w->posts && w->posts_fd < 0 ? poll_due(w->posts_checked, POSTS_POLL_MS) : -1;
}

/* The posts' parsed digests go over to the reloaded archive (src/archive.c)
 * unless they changed (ch). */
static void reuse_parsed(struct app *a, struct archive *fresh, const struct cache_changes *ch)
{
	const char **changed = xmalloc((ch->n + 1) * sizeof(*changed));
	for (size_t i = 0; i < ch->n; i++)
		changed[i] = ch->v[i].path;
	archive_reuse_parsed(fresh, a->archive, changed, ch->n);
	free(changed);
}

/* Loads the cache again and puts the reader back where it was: the posts in
 * known (what the watch reported; NULL: none known) and any the watch
 * reports now are read anew, the others kept as parsed. The digests that
 * arrived are learned (news.c), and named in the status line with say. A
 * problem with the cache joins the status line's message. Returns how many
 * digests arrived. */
static size_t reload(struct app *a, const struct cache_changes *known, int say)
{
	struct watch *w = a->watch;
	struct cache_changes ch = { NULL, 0, 0 };
	for (size_t i = 0; known && i < known->n; i++) {
		ALLOC_GROW(ch.v, ch.n, ch.cap);
		ch.v[ch.n].path = xstrdup(known->v[i].path);
		ch.v[ch.n++].kind = known->v[i].kind;
	}
	/* Polled before listing: a post stored after it is reported next
	 * time, never lost. Without a watch nothing is known: all is read. */
	int reuse = 0;
	if (w && w->posts) {
		if (!w->cw)
			posts_start(w);
		cache_watch_poll(w->cw, &ch);
		reuse = w->cw != NULL;
	}
	struct archive fresh;
	struct strbuf err = STRBUF_INIT;
	archive_init(&fresh);
	cache_list_archive(&fresh, &err);
	if (reuse)
		reuse_parsed(a, &fresh, &ch);
	cache_changes_free(&ch);
	size_t arrived = 0;
	struct strbuf line = STRBUF_INIT;
	if (fresh.n) {
		listing_reload_archive(a, &fresh);
		arrived = news_learn(a, &line);
	} else {
		archive_free(&fresh);
	}
	if (say && line.len)
		app_message(a, "%s", line.buf);
	strbuf_release(&line);
	if (err.len) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s; %s", a->status, err.buf);
		app_message(a, "%s", sb.buf);
		strbuf_release(&sb);
	}
	strbuf_release(&err);
	return arrived;
}

static ui_result check_posts(struct app *a, int fetching)
{
	struct watch *w = a->watch;
	if (!w || !w->posts)
		return 0;
	if (w->posts_fd >= 0) {
		drain(w->posts_fd);
		if (!w->on_posts) {
			/* Something was made above posts/: watch closer. */
			close(w->posts_fd);
			w->posts_fd = -1;
		}
	}
	w->posts_checked = app_now_ms();
	if (fetching)
		return 0;
	if (w->posts_fd < 0)
		posts_start(w); /* posts/ may exist by now */
	struct cache_changes ch = { NULL, 0, 0 };
	size_t n = cache_watch_poll(w->cw, &ch);
	if (n)
		reload(a, &ch, 1);
	cache_changes_free(&ch);
	return n ? UI_HANDLED | UI_REBUILD : 0;
}

/* ---- the notes ---------------------------------------------------------------- */

/* The notes' directory: our editor, another instance's, a file syncer
 * (sync-dir) or git (sync-git) writes a note there, or renames one in. */
static void notes_start(struct app *a, struct watch *w)
{
	if (w->notes_fd < 0 && a->notes)
		w->notes_fd = watch_dir(notes_dir(a->notes), IN_CLOSE_WRITE | IN_MOVED_TO |
								   IN_MOVED_FROM | IN_DELETE,
					&w->on_notes);
}

static ui_result check_notes(struct app *a)
{
	struct watch *w = a->watch;
	drain(w->notes_fd);
	if (!w->on_notes) {
		/* Something was made above the directory: watch closer. */
		close(w->notes_fd);
		w->notes_fd = -1;
		notes_start(a, w);
	}
	app_forget_notes(a);
	return UI_HANDLED | UI_REBUILD;
}

/* ---- all of them ------------------------------------------------------------- */

void watch_start(struct app *a)
{
	struct watch *w = xcalloc(1, sizeof(*w));
	w->marks_fd = marks_watch_fd(a);
	w->marks_checked = app_now_ms();
	w->posts_fd = -1;
	w->posts = !a->cli->npaths;
	w->notes_fd = -1;
	a->watch = w;
	if (w->posts)
		posts_start(w);
	notes_start(a, w);
}

void watch_stop(struct app *a)
{
	struct watch *w = a->watch;
	if (!w)
		return;
	if (w->marks_fd >= 0)
		close(w->marks_fd);
	if (w->posts_fd >= 0)
		close(w->posts_fd);
	if (w->notes_fd >= 0)
		close(w->notes_fd);
	cache_watch_free(w->cw);
	free(w);
	a->watch = NULL;
}

void watch_fds(const struct app *a, int fds[WATCH_NFDS])
{
	fds[0] = a->watch ? a->watch->marks_fd : -1;
	fds[1] = a->watch ? a->watch->posts_fd : -1;
	fds[2] = a->watch ? a->watch->notes_fd : -1;
}

long watch_due(const struct app *a)
{
	const struct watch *w = a->watch;
	if (!w)
		return -1;
	long t = w->marks_fd < 0 && marks_path(a->marks) ? poll_due(w->marks_checked,
								   MARKS_POLL_MS)
							 : -1;
	long posts = posts_due(w);
	return posts >= 0 && (t < 0 || posts < t) ? posts : t;
}

ui_result watch_check(struct app *a, const int readable[WATCH_NFDS], int fetching)
{
	struct watch *w = a->watch;
	ui_result r = 0;
	if (!w)
		return 0;
	if (w->marks_fd >= 0 && readable[0]) {
		drain(w->marks_fd);
		r |= check_marks(a);
	} else if (w->marks_fd < 0 && marks_path(a->marks) &&
		   app_now_ms() - w->marks_checked >= MARKS_POLL_MS) {
		w->marks_checked = app_now_ms();
		r |= check_marks(a);
	}
	if (readable[1] || posts_due(w) == 0)
		r |= check_posts(a, fetching);
	if (w->notes_fd >= 0 && readable[2])
		r |= check_notes(a);
	return r;
}

ui_result watch_check_posts(struct app *a)
{
	return check_posts(a, 0);
}

size_t watch_reload(struct app *a)
{
	return reload(a, NULL, 0);
}
