/* watch: what other processes change while the reader runs — the marks
 * journal's directory (another instance's marks; with sync-dir, DIR/journals,
 * where a file syncer brings other machines' journals), the cache's posts (a
 * cron --fetch, another instance's fetch) and the notes' directory (an
 * editor, a file syncer's DIR/notes, a sync) — watched with inotify, or
 * (the marks and posts) looked at every so often without it, and taken in:
 * the marks read again, the archive reloaded from the cache without moving
 * the selection (the paper pane notices through app->archive_gen), the notes
 * forgotten (app_forget_notes). The loop sleeps on watch_fds and calls
 * watch_check when one is readable or watch_due says it is time; refresh.c
 * reloads through watch_reload when its own fetch stored posts. */
#ifndef DIGEST_WATCH_H
#define DIGEST_WATCH_H

#include "result.h"

struct app;

#define WATCH_NFDS 3

/* Starts watching the marks journal, the notes and, unless the reader
 * reads named files, the cache's posts. */
void watch_start(struct app *a);
void watch_stop(struct app *a);
/* The descriptors that become readable on a change (inotify), each -1
 * when that one is looked at every so often instead. */
void watch_fds(const struct app *a, int fds[WATCH_NFDS]);
/* Without inotify: ms until the next look (0: now), or -1 when nothing is
 * looked at so. */
long watch_due(const struct app *a);
/* Looks at what changed (readable[i]: watch_fds' fds[i] was readable; a
 * look that is due is taken too): marks changed by another instance are
 * read again, a note changed is read again, changed posts reload the
 * archive (UI_REBUILD), and the
 * digests that arrived with them are named in the status line ("1 new
 * digest: Dec 12") — unless fetching: our own fetch stores posts one by
 * one, and its end reloads them all. */
ui_result watch_check(struct app *a, const int readable[WATCH_NFDS], int fetching);
/* Looks at the cache's posts now (the refresh key offline, a fetch that
 * stored nothing new). */
ui_result watch_check_posts(struct app *a);
/* Reloads the archive from the cache now (our fetch stored posts), taking
 * in what the watch reports: only the changed posts are parsed again.
 * Returns how many digests arrived (news.h: new in this session). */
size_t watch_reload(struct app *a);

#endif
