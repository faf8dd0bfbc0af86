#!/bin/sh
# A cached post rewritten so that every key the index keeps of it (size,
# mtime, ctime, inode, device) stays the same is never served stale: an
# entry whose times are not older than the index file itself is checked by
# content (src/index.c, racy()). Each case caches a post whose paper is
# "Alpha paper", indexes it (--list), rewrites it to "Bravo paper" (the same
# size, and its metadata's checksum), then runs --list and --search, and
# again in a later second:
#   - on ext4 made with 128-byte inodes (whole-second times), where a post
#     rewritten within the second gets back the inode it had: a small image
#     loop-mounted in a private mount namespace (root, a loop device,
#     mkfs.ext4 and unshare needed, else SKIP);
#   - on any file system, with DIGEST_TUI_TEST_COARSE_TIMESTAMPS=1 (the
#     index sees whole-second times and no inodes), the same rewrite;
#   - on any file system, with that knob, a rewrite through a shared mapping
#     of pages already dirty, which changes no time at all.
# And the fast path: an index written after its posts' times reads no post;
# a racy entry's post, and only that one, is read and checked.

# The whole test in a mount namespace of its own when it can have one: the
# ext4 image is mounted there, and gone with it whatever happens.
if [ -z "${INDEX_RACY_NS:-}" ] && [ "$(id -u)" = 0 ] &&
   command -v unshare >/dev/null 2>&1 && unshare -m true 2>/dev/null; then
	INDEX_RACY_NS=1 exec unshare -m --propagation private sh "$0" "$@"
fi
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/fetchlib.sh"

COARSE=DIGEST_TUI_TEST_COARSE_TIMESTAMPS
MNT=
cleanup() {
	[ -n "$MNT" ] && umount "$MNT" 2>/dev/null
	stop_server
	rm -rf "$TMP"
}
trap cleanup EXIT

# The post of 2025-10-01 upstream, its one paper titled "WORD paper".
upstream() {
	mkdir -p "$WWW/p"
	printf -- '---\nlayout: post\ntitle: "Daily Papers"\ndate: 2025-10-01 08:15:00\n---\n\n# 1. [%s paper](https://arxiv.org/abs/2510.00001)\n\n## Introduction\n\n- Goal: %s.\n' \
		"$1" "$1" >"$WWW/p/2025-10-01.md"
}
fetch_post() {
	rm -rf "$CACHE"
	"$DIGEST_TUI" --fetch --source "d=file://$WWW/p/%F.md" --days 1 \
		--until 2025-10-01 >/dev/null 2>&1
}
post() { ls "$CACHE/posts/"*.md; }
meta() { ls "$CACHE/meta/"*.meta; }
# keys FORMAT: stat's FORMAT of the post and its metadata.
keys() { stat -c "$1" "$(post)" "$(meta)" | tr '\n' ' '; }
sha() { sha256sum <"$1" | cut -c1-64; }

# rewrite: Alpha becomes Bravo in the cached post, its metadata's checksum
# follows; each written as a new file in place of the old one, removed first
# (as a store that gets back the inode just freed). The new bytes are made
# outside the cache, so no other file takes that inode.
rewrite() {
	_p=$(post) _m=$(meta)
	sed 's/Alpha/Bravo/g' "$_p" >"$TMP/newpost"
	sed "s/^sha256: .*/sha256: $(sha "$TMP/newpost")/" "$_m" >"$TMP/newmeta"
	rm "$_m" && cat "$TMP/newmeta" >"$_m"
	rm "$_p" && cat "$TMP/newpost" >"$_p"
}

# A later second than that of every file of the cache (by the clock that
# stamps them: a file written now).
later_second() {
	_last=$(stat -c %Y "$CACHE/index" "$CACHE/posts/"*.md "$CACHE/meta/"*.meta |
		sort -n | tail -n 1)
	while :; do
		: >"$TMP/now"
		[ "$(stat -c %Y "$TMP/now")" -gt "$_last" ] && break
		sleep 0.05
	done
}

# shows_new LABEL [ENV...]: --list and --search show the new title, not the
# old one, now and in a later second.
shows_new() {
	_l=$1
	shift
	for _when in "" "a later second"; do
		[ -n "$_when" ] && later_second && _l="  $_when"
		_out=$(env "$@" "$DIGEST_TUI" --list 2>&1)
		is "$(echo "$_out" | cut -f5)" "Bravo paper" "$_l: --list shows the new title"
		env "$@" "$DIGEST_TUI" --search Bravo >"$TMP/found" 2>&1
		_rc=$?
		is "$_rc:$(cut -f5 "$TMP/found")" "0:Bravo paper" "$_l: --search finds the new word"
		env "$@" "$DIGEST_TUI" --search Alpha >"$TMP/found" 2>&1
		_rc=$?
		is "$_rc:$(cat "$TMP/found")" "1:" "$_l: and not the old one"
	done
}

# same_second FORMAT ENV...: caches and indexes the post, rewrites it, and
# succeeds when the rewrite kept the keys FORMAT (it fell within the second
# of the first write); else the next try.
same_second() {
	_f=$1
	shift
	upstream Alpha
	fetch_post
	env "$@" "$DIGEST_TUI" --list >/dev/null 2>&1
	_k1=$(keys "$_f")
	rewrite
	[ "$(keys "$_f")" = "$_k1" ]
}

# tries N COMMAND...: COMMAND until it succeeds, N times at most.
tries() {
	_n=$1
	shift
	while [ "$_n" -gt 0 ]; do
		"$@" && return 0
		_n=$((_n - 1))
	done
	return 1
}

# ---- whole-second times, as the knob gives them, on any file system -------
if tries 10 same_second '%s %Y %Z' "$COARSE=1"; then
	pass "(whole seconds: rewritten with size and times kept)"
	shows_new "whole-second times, inode ignored" "$COARSE=1"
else
	skip "whole seconds: no rewrite within one second in 10 tries"
fi

# ---- a change no time shows: writes through a shared mapping ---------------
# Writes to a mapped page already dirty update neither mtime nor ctime (on
# tmpfs no mapped write does); the keys stay exactly as they were. With the
# knob the index's times are whole seconds, so a post of the index's second
# is checked by content.
cat >"$TMP/unseen.py" <<'EOF'
import hashlib, mmap, os, subprocess, sys
post, meta, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
fds = [os.open(p, os.O_RDWR) for p in (post, meta)]
maps = [mmap.mmap(fd, 0) for fd in fds]
for m in maps:
    m[0:1] = m[0:1]          # dirty: the times are set now, once
def key(p):
    s = os.stat(p)
    return (s.st_size, s.st_mtime_ns, s.st_ctime_ns, s.st_ino, s.st_dev)
before = [key(p) for p in (post, meta)]
subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
p, m = maps
new = p[:].replace(b"Alpha", b"Bravo")
old_sum = hashlib.sha256(p[:]).hexdigest().encode()
p[:] = new
at = m[:].find(old_sum)
m[at:at + 64] = hashlib.sha256(new).hexdigest().encode()
same = [key(x) for x in (post, meta)] == before
sys.exit(0 if same else 3)
EOF
unseen() {
	upstream Alpha
	fetch_post
	python3 "$TMP/unseen.py" "$(post)" "$(meta)" env "$COARSE=1" "$DIGEST_TUI" --list &&
		[ "$(stat -c %Y "$CACHE/index")" = "$(stat -c %Z "$(post)")" ]
}
if tries 10 unseen; then
	pass "(a shared mapping: rewritten with every key kept, in the index's second)"
	shows_new "every key kept" "$COARSE=1"
else
	skip "shared mapping: no rewrite with every key kept in 10 tries (a sync between?)"
fi

# ---- ext4 with 128-byte inodes: whole-second times for real ----------------
ext4_why=
if [ -z "${INDEX_RACY_NS:-}" ]; then
	ext4_why="no private mount namespace (needs root and unshare -m)"
elif ! command -v mkfs.ext4 >/dev/null 2>&1; then
	ext4_why="no mkfs.ext4"
elif [ ! -e /dev/loop-control ]; then
	ext4_why="no loop device"
else
	truncate -s 16M "$TMP/ext4.img" &&
		mkfs.ext4 -q -F -I 128 "$TMP/ext4.img" >/dev/null 2>&1 &&
		mkdir -p "$TMP/mnt" && mount -o loop "$TMP/ext4.img" "$TMP/mnt" 2>/dev/null &&
		MNT=$TMP/mnt
	[ -n "$MNT" ] || ext4_why="cannot loop-mount an ext4 image"
fi
if [ -n "$ext4_why" ]; then
	skip "ext4 -I 128: $ext4_why"
else
	XDG_CACHE_HOME=$MNT/cache
	CACHE=$XDG_CACHE_HOME/digest-tui
	if tries 10 same_second '%s %Y %Z %i'; then
		pass "(ext4 -I 128: rewritten with size, whole-second times and inode kept)"
		shows_new "ext4 -I 128"
	else
		skip "ext4 -I 128: no rewrite with the same keys in 10 tries"
	fi
	XDG_CACHE_HOME=$TMP/cache
	CACHE=$XDG_CACHE_HOME/digest-tui
fi

# ---- the fast path: only racy entries are read -----------------------------
# posts_read ENV...: how many posts --list opens (LeakSanitizer cannot work
# under ptrace: off there).
posts_read() {
	strace -f -qq -e trace=open,openat -o "$TMP/trace" env "$@" \
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" "$DIGEST_TUI" --list \
		>/dev/null 2>&1
	grep -c '/posts/[^"]*\.md"' "$TMP/trace"
}
if ! command -v strace >/dev/null 2>&1 || ! strace -qq -o /dev/null true 2>/dev/null; then
	skip "the fast path: no strace to count the posts read"
else
	make_posts "$WWW/p" 2025-10-01 3
	rm -rf "$CACHE"
	run_fetch --source "d=file://$WWW/p/%F.md" --days 3 --until 2025-10-03
	"$DIGEST_TUI" --list >/dev/null 2>&1
	later_second
	rm -f "$CACHE/index"
	env "$COARSE=1" "$DIGEST_TUI" --list >/dev/null 2>&1
	is "$(posts_read "$COARSE=1")" 0 "an index written in a later second than its posts: --list reads no post"
	# A post stored in the second the index is then written in: racy.
	racy_one() {
		make_post "$WWW/p/2025-10-04.md" 2025-10-04 2
		rm -f "$CACHE/posts/"*2025-10-04* "$CACHE/meta/"*2025-10-04*
		run_fetch --source "d=file://$WWW/p/%F.md" --days 1 --until 2025-10-04
		env "$COARSE=1" "$DIGEST_TUI" --list >/dev/null 2>&1
		[ "$(stat -c %Y "$CACHE/index")" = "$(stat -c %Z "$CACHE/posts/"*2025-10-04*)" ]
	}
	if tries 10 racy_one; then
		is "$(posts_read "$COARSE=1")" 1 "a post of the index's own second: only it is read (and checked)"
		if grep '/posts/[^"]*\.md"' "$TMP/trace" | grep -q 2025-10-04; then
			pass "  the racy one"
		else
			fail "  the racy one"
		fi
	else
		skip "the fast path: no post stored in the index's second in 10 tries"
	fi
fi
plan_done
