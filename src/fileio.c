/* fileio: mkdir -p, locks, atomic replace, bounded reads (see fileio.h). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"
#include "i18n.h"
#include "util.h"

void (*fileio_before_rename)(const char *tmp, const char *dst);

/* "PATH: what: why", what (N_(), or NULL for none) the step that failed:
 * "cannot read". */
static void fail_msg(struct strbuf *err, const char *path, const char *what, int e)
{
	if (err) {
		strbuf_addpath(err, path);
		if (what)
			strbuf_addf(err, ": %s", _(what));
		strbuf_addf(err, ": %s", strerror(e));
	}
	errno = e;
}

/* The one wording of a refusal: "a FIFO, not a regular file". */
static void add_not_regular(struct strbuf *out, mode_t mode)
{
	const char *refusal = S_ISDIR(mode) ? _("a directory, not a regular file")
			      : S_ISFIFO(mode) ? _("a FIFO, not a regular file")
			      : S_ISCHR(mode) || S_ISBLK(mode) ? _("a device, not a regular file")
			      : S_ISSOCK(mode) ? _("a socket, not a regular file")
					       : _("not a regular file");
	strbuf_addstr(out, refusal);
}

int fileio_add_refusal(struct strbuf *out, const char *path, int e)
{
	struct stat st;
	if ((e != EINVAL && e != EISDIR) || stat(path, &st) < 0 || S_ISREG(st.st_mode))
		return 0;
	add_not_regular(out, st.st_mode);
	return 1;
}

/* open() that never blocks on a FIFO and accepts a regular file only. */
static int open_regular(const char *path, int oflags, mode_t mode, const char *what,
			struct strbuf *err)
{
	int fd;
	do
		fd = open(path, oflags | O_NONBLOCK | O_CLOEXEC, mode);
	while (fd < 0 && errno == EINTR);
	if (fd < 0) {
		fail_msg(err, path, what, errno);
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) < 0) {
		int e = errno;
		close(fd);
		fail_msg(err, path, what, e);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		if (err) {
			strbuf_addpath(err, path);
			strbuf_addstr(err, ": ");
			add_not_regular(err, st.st_mode);
		}
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		return -1;
	}
	/* Regular files ignore O_NONBLOCK; cleared all the same so that later
	 * writes behave as everyone expects. */
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	return fd;
}

int fileio_open(const char *path, int writable, int create, int append,
		mode_t mode, struct strbuf *err)
{
	int oflags = writable ? O_RDWR : O_RDONLY;
	if (create)
		oflags |= O_CREAT;
	if (append)
		oflags |= O_APPEND;
	return open_regular(path, oflags, mode, N_("cannot open"), err);
}

int fileio_read(const char *path, size_t max, unsigned flags, char **data,
		size_t *len, struct strbuf *err)
{
	int fd = open_regular(path, O_RDONLY | (flags & FILEIO_NOFOLLOW ? O_NOFOLLOW : 0),
			      0, N_("cannot read"), err);
	if (fd < 0)
		return -1;
	struct stat st;
	size_t cap = 4096;
	/* The size is a hint only: the file may grow or shrink meanwhile. */
	if (fstat(fd, &st) == 0 && st.st_size > 0 && (uintmax_t)st.st_size < max)
		cap = (size_t)st.st_size + 1;
	size_t n = 0;
	char *buf = xmalloc(cap);
	int e = 0;
	for (;;) {
		if (n + 1 >= cap) {
			cap = cap * 2 > max + 2 ? max + 2 : cap * 2;
			buf = xrealloc(buf, cap);
		}
		ssize_t r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			e = errno;
			break;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			e = EFBIG;
			break;
		}
	}
	close(fd);
	if (e) {
		free(buf);
		if (e == EFBIG && err) {
			strbuf_addpath(err, path);
			strbuf_addstr(err, ": ");
			strbuf_addf(err, ngettext("larger than %zu byte", "larger than %zu bytes",
						  (unsigned long)max), max);
		} else {
			fail_msg(err, path, N_("cannot read"), e);
		}
		errno = e;
		return -1;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

int fileio_mkdirs(const char *path, mode_t mode, struct strbuf *err)
{
	char *p = xstrdup(path);
	int rc = 0, e = 0;
	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s)
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, mode) < 0 && errno != EEXIST) {
			e = errno;
			rc = -1;
			break;
		}
		if (!c)
			break;
		*s = c;
	}
	if (rc == 0) {
		struct stat st;
		if (stat(path, &st) < 0)
			e = errno, rc = -1;
		else if (!S_ISDIR(st.st_mode))
			e = ENOTDIR, rc = -1;
	}
	free(p);
	if (rc < 0)
		fail_msg(err, path, N_("cannot create the directory"), e);
	return rc;
}

int fileio_write_all(int fd, const void *data, size_t len)
{
	for (const char *p = data; len;) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Takes the file back to size bytes after a failed append; errno is kept. */
static int cut_back(int fd, off_t size)
{
	int e = errno, rc = 0;
	struct stat st;
	/* Nothing written (the common ENOSPC): nothing to cut, nothing to
	 * fail at. */
	if (fstat(fd, &st) < 0 || st.st_size != size) {
		int r;
		do
			r = ftruncate(fd, size);
		while (r < 0 && errno == EINTR);
		rc = r < 0 ? -1 : 0;
		if (rc == 0)
			fsync(fd); /* best effort: the length is right either way */
	}
	errno = e;
	return rc;
}

int fileio_append(int fd, const void *data, size_t len, off_t size)
{
	ssize_t w;
	do
		w = write(fd, data, len);
	while (w < 0 && errno == EINTR);
	if (w < 0 ||
	    ((size_t)w < len &&
	     fileio_write_all(fd, (const char *)data + w, len - (size_t)w) < 0) ||
	    fsync(fd) < 0)
		return cut_back(fd, size) < 0 ? -2 : -1;
	return 0;
}

int fileio_sync_dir(const char *dir, struct strbuf *err)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		fail_msg(err, dir, N_("cannot sync the directory"), errno);
		return -1;
	}
	int rc = fsync(fd);
	int e = errno;
	close(fd);
	/* Some file systems cannot fsync a directory; that is not a failure. */
	if (rc < 0 && e != EINVAL && e != EROFS) {
		fail_msg(err, dir, N_("cannot sync the directory"), e);
		return -1;
	}
	return 0;
}

/* Writes and syncs fd, leaving it open; on failure closes it and returns -1
 * (errno) with *what naming the step. */
static int write_sync(int fd, const void *data, size_t len, const char **what)
{
	*what = N_("cannot write");
	if (fileio_write_all(fd, data, len) < 0)
		goto fail;
	*what = N_("cannot sync");
	if (fsync(fd) < 0)
		goto fail;
	return 0;
fail:;
	int e = errno;
	close(fd);
	errno = e;
	return -1;
}

/* write_sync, then close (whose failure counts too). */
static int finish_file(int fd, const void *data, size_t len, const char **what)
{
	if (write_sync(fd, data, len, what) < 0)
		return -1;
	*what = N_("cannot close");
	return close(fd);
}

int fileio_create(const char *path, const void *data, size_t len, mode_t mode,
		  struct strbuf *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
	if (fd < 0) {
		fail_msg(err, path, N_("cannot create"), errno);
		return -1;
	}
	const char *what;
	if (finish_file(fd, data, len, &what) < 0) {
		int e = errno;
		unlink(path);
		fail_msg(err, path, what, e);
		return -1;
	}
	return 0;
}

/* Claims the temporary file just created as fd: its writer holds an
 * exclusive flock on it until the rename, which tells fileio_clean_temp that
 * it is alive. A cleaner may have locked and removed the file between our
 * open and our lock (it could not tell a writer about to lock from a dead
 * one): then its link count is 0 and another name is tried. A file system
 * without flock leaves it unlocked, and fileio_clean_temp, which cannot lock
 * it either, leaves it alone. Returns 0, or -1 (fd closed). */
static int claim_temp(int fd)
{
	struct stat st;
	if (fileio_lock_fd(fd, 0, 1000) < 0 && errno == EWOULDBLOCK) {
		close(fd);   /* a cleaner that does not let go: another name */
		return -1;
	}
	if (fstat(fd, &st) == 0 && st.st_nlink == 0) {
		close(fd);
		return -1;
	}
	return 0;
}

/* Writes data to a new temporary file in dir (tmp: its path), complete and
 * synced, and leaves it open and locked in *fdp: the first half of
 * fileio_replace and fileio_create_atomic, whose caller closes *fdp only
 * after the file is in place (the lock keeps a cleaner off it until then). */
static int write_temp(const char *dir, const void *data, size_t len, mode_t mode,
		      struct strbuf *tmp, const char **what, int *fdp)
{
	static unsigned long counter;
	int fd = -1;
	*what = N_("cannot create a temporary file");
	/* Unpredictable names, so nobody can plant one in advance; O_EXCL
	 * makes a planted one a failure all the same. */
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	for (int tries = 0; tries < 10 && fd < 0; tries++) {
		unsigned long n = ++counter;
		unsigned long mix = ((unsigned long)ts.tv_nsec * 2654435761UL + n * 40503UL) &
				    0xffffffffUL;
		strbuf_reset(tmp);
		strbuf_addf(tmp, "%s/.tmp-%ld-%lu-%08lx", dir, (long)getpid(), n, mix);
		fd = open(tmp->buf, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
		if (fd < 0 && errno != EEXIST)
			break;
		if (fd >= 0 && claim_temp(fd) < 0) {
			fd = -1;
			errno = EEXIST;
		}
	}
	if (fd < 0)
		return -1;
	if (write_sync(fd, data, len, what) < 0) {
		int e = errno;
		unlink(tmp->buf);
		errno = e;
		return -1;
	}
	*fdp = fd;
	return 0;
}

/* Puts the temporary file tmp in place at dst: rename() over whatever is
 * there, or, without replace, link() (which refuses an existing name,
 * EEXIST) then unlink(). A file system without hard links gets a check
 * just before the rename instead. */
static int place_temp(const char *tmp, const char *dst, int replace, const char **what)
{
	if (fileio_before_rename)
		fileio_before_rename(tmp, dst);
	int rc;
	if (replace) {
		*what = N_("cannot rename into place");
		rc = rename(tmp, dst);
		if (rc == 0)
			return 0;
	} else {
		*what = N_("cannot link into place");
		rc = link(tmp, dst);
		if (rc == 0) {
			unlink(tmp);
			return 0;
		}
		if (errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP ||
		    errno == EMLINK || errno == ENOSYS) {
			/* No hard links on this file system. */
			struct stat st;
			*what = N_("cannot rename into place");
			if (lstat(dst, &st) == 0)
				errno = EEXIST;
			else if (rename(tmp, dst) == 0)
				return 0;
		}
	}
	int e = errno;
	unlink(tmp);
	errno = e;
	return -1;
}

static int install(const char *dir, const char *name, const void *data, size_t len,
		   mode_t mode, int replace, struct strbuf *err)
{
	struct strbuf tmp = STRBUF_INIT, dst = STRBUF_INIT;
	strbuf_addf(&dst, "%s/%s", dir, name);
	const char *what;
	int fd = -1;
	if (write_temp(dir, data, len, mode, &tmp, &what, &fd) < 0 ||
	    place_temp(tmp.buf, dst.buf, replace, &what) < 0) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		fail_msg(err, dst.buf, e == EEXIST && !replace ? N_("cannot create") : what, e);
		strbuf_release(&tmp);
		strbuf_release(&dst);
		errno = e;
		return -1;
	}
	/* Closed (and so unlocked) only now: until the file is in place, the
	 * lock is what keeps a cleaner off it. The data is synced, so close
	 * has nothing left to report. */
	close(fd);
	strbuf_release(&tmp);
	strbuf_release(&dst);
	/* The file is in place; only its durability can still be in doubt. */
	return fileio_sync_dir(dir, err);
}

int fileio_replace(const char *dir, const char *name, const void *data,
		   size_t len, mode_t mode, struct strbuf *err)
{
	return install(dir, name, data, len, mode, 1, err);
}

int fileio_create_atomic(const char *dir, const char *name, const void *data,
			 size_t len, mode_t mode, struct strbuf *err)
{
	return install(dir, name, data, len, mode, 0, err);
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

int fileio_lock_fd(int fd, int shared, int wait_ms)
{
	int op = shared ? LOCK_SH : LOCK_EX;
	for (int waited = 0;;) {
		if (flock(fd, op | LOCK_NB) == 0)
			return 0;
		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK || (wait_ms >= 0 && waited >= wait_ms)) {
			if (errno == EAGAIN)
				errno = EWOULDBLOCK;
			return -1;
		}
		sleep_ms(20);
		waited += 20;
	}
}

void fileio_unlock_fd(int fd)
{
	if (fd >= 0)
		flock(fd, LOCK_UN);
}

int fileio_lock(const char *path, int shared, int wait_ms, int create,
		struct strbuf *err)
{
	int fd = open_regular(path, create ? O_RDWR | O_CREAT | O_NOFOLLOW : O_RDONLY,
			      0600, N_("cannot open the lock"), NULL);
	if (fd < 0 && create && (errno == EACCES || errno == EROFS))
		fd = open_regular(path, O_RDONLY, 0, NULL, NULL);  /* a read-only cache */
	if (fd < 0) {
		int e = errno;
		if (e == EINVAL && err) {
			strbuf_addpath(err, path);
			strbuf_addf(err, ": %s", _("cannot open the lock: not a regular file"));
		} else
			fail_msg(err, path, N_("cannot open the lock"), e);
		errno = e;
		return -1;
	}
	if (fileio_lock_fd(fd, shared, wait_ms) < 0) {
		int e = errno;
		close(fd);
		if (e == EWOULDBLOCK && err) {
			strbuf_addpath(err, path);
			strbuf_addf(err, ": %s", _("locked by another process"));
		} else
			fail_msg(err, path, N_("cannot lock"), e);
		errno = e;
		return -1;
	}
	return fd;
}

int fileio_is_temp_name(const char *name)
{
	return !strncmp(name, ".tmp-", 5);
}

/* Removes the temporary file name in dirfd if it is a dead writer's: one
 * whose lock (see claim_temp) no process holds. The lock is taken here and
 * held while the file is removed, so that a writer still about to lock it
 * finds it gone. Writers make regular files only: anything else there but a
 * directory goes at once. */
static void remove_if_dead(int dirfd, const char *name)
{
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ELOOP)
			unlinkat(dirfd, name, 0);   /* a symbolic link */
		return;
	}
	struct stat st;
	if (fstat(fd, &st) == 0 &&
	    (S_ISREG(st.st_mode) ? flock(fd, LOCK_EX | LOCK_NB) == 0 : !S_ISDIR(st.st_mode)))
		unlinkat(dirfd, name, 0);
	close(fd);
}

void fileio_clean_temp(const char *path)
{
	DIR *dir = opendir(path);
	if (!dir)
		return;
	struct dirent *de;
	while ((de = readdir(dir)))
		if (fileio_is_temp_name(de->d_name))
			remove_if_dead(dirfd(dir), de->d_name);
	closedir(dir);
}

/* Whether an absolute path has a "." or ".." component (POSIX pwd -L does
 * not trust such a $PWD). */
static int has_dot_component(const char *p)
{
	for (const char *s = p; (s = strchr(s, '/')); s++)
		if (s[1] == '.' && (s[2] == '/' || !s[2] ||
				    (s[2] == '.' && (s[3] == '/' || !s[3]))))
			return 1;
	return 0;
}

char *fileio_current_dir(void)
{
	const char *pwd = getenv("PWD");
	struct stat a, b;
	if (pwd && pwd[0] == '/' && !has_dot_component(pwd) && stat(pwd, &a) == 0 &&
	    stat(".", &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
		return xstrdup(pwd);
	for (size_t size = 256; size <= ((size_t)1 << 20); size *= 2) {
		char *buf = xmalloc(size);
		if (getcwd(buf, size))
			return buf;
		free(buf);
		if (errno != ERANGE)
			break;
	}
	return NULL;
}
