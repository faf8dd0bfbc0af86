/* fileio: the one home of low-level file work — mkdir -p, locks with a
 * bounded wait, atomic replacement of a file, appends that reach the disk,
 * bounded reads that refuse anything but a regular file without blocking,
 * and the current directory as the user's shell names it.
 * It knows nothing of posts, caches or marks; those modules call it.
 *
 * Conventions of every function here:
 *   - return 0 (or a descriptor >= 0) on success, -1 on failure with errno
 *     set and, when err is not NULL, one line appended to err naming the
 *     path and what failed — no trailing newline;
 *   - never leave a temporary file behind on failure, and never write
 *     through a symbolic link planted where a temporary file goes;
 *   - no global state but the test hook below (NULL unless a test sets it).
 *
 * Atomic replace (fileio_replace): the data is written in full to a new
 * temporary file ".tmp-PID-N-RANDOM" in the same directory, created with
 * O_CREAT|O_EXCL|O_NOFOLLOW (so an existing file or a planted symlink of that
 * name makes the call fail instead of being written through), fsync()ed,
 * renamed over the final name (rename replaces a symlink there, it does not
 * follow it), and the directory fsync()ed. A crash at any point leaves either
 * the old file or the new one, never a mix; at worst a ".tmp-*" file, which
 * fileio_clean_temp removes.
 *
 * Temporary files and liveness: from its creation to its rename, the writer
 * holds an exclusive flock() on its temporary file, which the kernel drops
 * when the writer dies. fileio_clean_temp removes only the temporaries whose
 * lock it can take itself, holding it while it removes them: those of dead
 * writers, however young, never a live writer's, however old — so any
 * process may clean any directory at any time. (A writer of a version older
 * than this protocol holds no such lock: a cleaner running beside it may take
 * its temporary, which fails its rename; nothing is lost but that write.)
 *
 * Bounded read (fileio_read): opens with O_NONBLOCK (a FIFO does not block
 * the open), fstat()s the descriptor and refuses everything that is not a
 * regular file (errno EISDIR for a directory, EINVAL for a FIFO, device or
 * socket), then reads at most max bytes (EFBIG beyond), so /dev/zero behind a
 * symlink can neither hang the program nor exhaust its memory. */
#ifndef DIGEST_FILEIO_H
#define DIGEST_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

#include "strbuf.h"

/* The cap for fetched posts, as the fetcher accepts them: a larger file in
 * the cache is not one the fetcher stored. */
#define FILEIO_POST_MAX ((size_t)4 << 20)
/* The cap for a post file the user names (FILE, DIR): generous, since such
 * files are the user's own (100,000 papers take 7 MiB), yet bounded. */
#define FILEIO_FILE_MAX ((size_t)64 << 20)

enum fileio_read_flags {
	FILEIO_NOFOLLOW = 1 << 0,  /* refuse a symlink as the last component
				    * (files the program made itself) */
};

/* Reads the regular file at path, at most max bytes, into *data (malloc'ed,
 * NUL-terminated; the NUL not counted in *len; free it). Errors (errno):
 * ENOENT and the other open() errors, ELOOP for a symlink with
 * FILEIO_NOFOLLOW, EISDIR, EINVAL for a non-regular file, EFBIG when larger
 * than max. */
int fileio_read(const char *path, size_t max, unsigned flags, char **data,
		size_t *len, struct strbuf *err);

/* For a message about a failure of fileio_read or fileio_open on path with
 * errno e, by a caller that passed no err: when e is their refusal of a file
 * that is not regular (EISDIR, EINVAL) and path is indeed none, appends
 * their words ("a FIFO, not a regular file") to out and returns 1; else
 * returns 0 and appends nothing (strerror(e) says it then). */
int fileio_add_refusal(struct strbuf *out, const char *path, int e);

/* Opens path for reading (or O_RDWR with writable), refusing non-regular
 * files without blocking (as fileio_read); with create, O_CREAT with mode
 * (a symlink the user made there is followed). append adds O_APPEND.
 * Returns the descriptor (close-on-exec, blocking mode restored), or -1. */
int fileio_open(const char *path, int writable, int create, int append,
		mode_t mode, struct strbuf *err);

/* mkdir -p: creates path and its missing parents with mode (an existing
 * directory is fine; an existing non-directory is ENOTDIR). */
int fileio_mkdirs(const char *path, mode_t mode, struct strbuf *err);

/* Writes all of data to fd (retrying short writes and EINTR). */
int fileio_write_all(int fd, const void *data, size_t len);

/* Appends data to an O_APPEND descriptor with one write() when the system
 * allows (so concurrent appenders never interleave within it), then fsync()s:
 * on success the data survives a crash. A failed append (a disk that fills
 * half-way) is cut back (ftruncate) to size, the file's length before the
 * call, so that the file never ends in a part of data: the caller holds the
 * lock that keeps other appenders out meanwhile. Returns 0; -1 (errno: the
 * write's) with the file cut back; -2 (errno: the write's) when even the
 * cut-back failed and the file may end in a part of data. */
int fileio_append(int fd, const void *data, size_t len, off_t size);

/* Atomically replaces dir/name with data (see above); the file gets mode. */
int fileio_replace(const char *dir, const char *name, const void *data,
		   size_t len, mode_t mode, struct strbuf *err);

/* The same for a file that must not exist yet: fails with errno EEXIST
 * (nothing written) when dir/name does, even when it appears meanwhile —
 * the complete temporary file is link()ed into place, which refuses an
 * existing name, where a rename would replace it. */
int fileio_create_atomic(const char *dir, const char *name, const void *data,
			 size_t len, mode_t mode, struct strbuf *err);

/* Creates path (which must not exist: O_EXCL|O_NOFOLLOW) holding data,
 * fsync()ed. For copies kept aside. */
int fileio_create(const char *path, const void *data, size_t len, mode_t mode,
		  struct strbuf *err);

/* fsync of a directory, so a rename in it is durable. File systems that
 * cannot sync a directory (EINVAL, EROFS) count as success. */
int fileio_sync_dir(const char *dir, struct strbuf *err);

/* Opens (creating with mode 0600 when create; a regular file only) the lock
 * file at path and flock()s it, shared or exclusive, retrying every 20 ms for
 * up to wait_ms (0: one try; negative: wait as long as it takes). Returns the
 * descriptor (closing it releases the lock), or -1: errno EWOULDBLOCK (with
 * "PATH: locked by another process" in err) when still held after wait_ms. */
int fileio_lock(const char *path, int shared, int wait_ms, int create,
		struct strbuf *err);
/* The same wait on a descriptor already open. Returns 0 or -1 (errno). */
int fileio_lock_fd(int fd, int shared, int wait_ms);
/* Releases a lock taken with fileio_lock_fd, keeping fd open. */
void fileio_unlock_fd(int fd);

/* Removes the ".tmp-*" files that dead writers left in dir (see above);
 * a live writer's are left alone. */
void fileio_clean_temp(const char *dir);
/* Whether name is such a temporary file's name. */
int fileio_is_temp_name(const char *name);

/* For tests only: when set, called by fileio_replace with the temporary file
 * (complete and synced) and the final path, just before the rename. */
extern void (*fileio_before_rename)(const char *tmp, const char *dst);

/* The current directory as the user knows it: $PWD when it is absolute,
 * free of "." and "..", and names the current directory (as a shell's pwd
 * shows it, symbolic links kept), else getcwd(). A new string (free it), or
 * NULL when neither tells (the directory was removed). */
char *fileio_current_dir(void);

#endif
