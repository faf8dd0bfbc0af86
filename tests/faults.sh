#!/bin/sh
# Faults: the cache and the marks under a full disk, a read-only
# directory and corrupted files.
#
#   1. cache files truncated or replaced by garbage between runs: --list and
#      --dump with no FILE (they read the cache) give one clear line per bad
#      file, list the good posts, never crash; the reader opens on the good
#      post; a fetch repairs every entry
#   2. a corrupted marks file of an earlier version: --list reports it and
#      leaves it alone; the reader moves its good marks into this machine's
#      journal, keeps the original as marks.v1-migrated (the same bytes),
#      reports it, and keeps every good mark
#   3. a full disk (a 64 KiB tmpfs): a fetch fails with a clear message and
#      every post cached before keeps its SHA-256, no temporary file is left,
#      and the next fetch with room completes; starring a paper in the reader
#      says the mark was not saved, and the marks file is as it was, also
#      when the disk fills in the middle of the line (it is cut back: no
#      half line, no corrupt copy needed later)
#   4. a read-only cache or state directory (a read-only bind mount): a fetch
#      fails with a clear message, the cache still reads; the reader says
#      marks are kept in memory only, and the marks file is as it was
#   5. kills between the renames of a store (an LD_PRELOAD shim
#      built here), FIFOs and /dev/zero where cache, marks and lock files go,
#      a planted marks.tmp symlink, HOME unset, a heading link that would run
#      a command through `set browser "sh -c ..."`
#
# Parts 3 and 4 mount file systems: as root, in a private mount namespace
# (unshare), so that nothing outlives the test. Where mounting is not
# possible they are skipped with the reason; without root, part 4 uses a
# directory without write permission instead.
if [ -z "${FAULTS_UNSHARED:-}" ] && [ "$(id -u)" -eq 0 ] &&
	command -v unshare >/dev/null 2>&1 &&
	unshare --mount --propagation private true 2>/dev/null; then
	FAULTS_UNSHARED=1
	export FAULTS_UNSHARED
	exec unshare --mount --propagation private sh "$0" "$@"
fi

. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/fetchlib.sh"
. "$top_srcdir/tests/lib/tmux.sh"

# Mounts are undone before the libraries' cleanup removes $TMP.
MOUNTS=
faults_cleanup() {
	for _m in $MOUNTS; do
		umount "$_m" 2>/dev/null || umount -l "$_m" 2>/dev/null
	done
	MOUNTS=
	chmod -R u+w "$TMP" 2>/dev/null
	_tui_cleanup
}
trap 'faults_cleanup' EXIT
trap 'faults_cleanup; exit 129' HUP
trap 'faults_cleanup; exit 130' INT
trap 'faults_cleanup; exit 143' TERM

have_tmux=
command -v tmux >/dev/null 2>&1 && [ -x "$DIGEST_TUI" ] && have_tmux=1

# The reader (tmux.sh) keeps its state under $TMP/home/.local/state; so do
# the command-line runs here.
XDG_STATE_HOME=$TMP/home/.local/state
export XDG_STATE_HOME
STATE=$XDG_STATE_HOME/digest-tui
mkdir -p "$TMP/home/.config/digest-tui" "$TMP/home/.cache"
# Only the s key marks: no paper is marked read by being shown. No paper
# facts are fetched (they would be asked of the network).
printf 'set mark-read never\nset metadata no\n' >"$TMP/home/.config/digest-tui/config"
export XDG_CONFIG_HOME=$TMP/home/.config
# No marks at all: no journal, no machine name, no file of earlier versions.
reset_marks() { rm -rf "$STATE/journals" "$STATE/machine" "$STATE"/marks*; }
# v2_journal BYTES: this machine's journal holding one star (paper 1) padded
# with comment lines to BYTES bytes (the last line ends at BYTES).
v2_journal() {
	reset_marks
	mkdir -p "$STATE/journals"
	echo faults-0a0b0c >"$STATE/machine"
	JOURNAL=$STATE/journals/faults-0a0b0c.marks
	python3 - "$JOURNAL" "$1" <<'PY'
import sys
j = b"# digest-tui marks v2\n2025-11-01T10:00:00.000000Z +s 2509.00001\n"
n = int(sys.argv[2])
pad = b"# padding\n"
while len(j) + len(pad) <= n - 12:
    j += pad
j += b"#" * (n - len(j) - 1) + b"\n"
assert len(j) == n
open(sys.argv[1], "wb").write(j)
PY
	: >"$STATE/marks.lock"
}

# dt ARGS...: digest-tui; stdout in $TMP/out, stderr in $TMP/err, status in rc.
dt() {
	"$DIGEST_TUI" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

# clean_text NAME FILE: nothing in FILE a terminal would act on (ESC, other
# C0 but newline and tab, DEL, C1, invalid UTF-8).
clean_text() {
	python3 - "$2" >"$TMP/found" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    print("invalid UTF-8 at %d: %r" % (e.start, data[max(0, e.start - 30):e.start + 30]))
    sys.exit(1)
m = re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)
if m:
    print("%r at %d: %r" % (m.group(0), m.start(), text[max(0, m.start() - 30):m.start() + 30]))
    sys.exit(1)
PY
	verdict $? "$1" "$TMP/found"
}

# mount_tmpfs DIR SIZE / mount_ro DIR: 0 when mounted (DIR then unmounts at
# exit), else 1 with the reason in $why.
mount_tmpfs() {
	mkdir -p "$1"
	if [ "$(id -u)" -ne 0 ]; then why="not root"; return 1; fi
	if mount -t tmpfs -o "size=$2,mode=0755" tmpfs "$1" 2>"$TMP/mount.err"; then
		MOUNTS="$1 $MOUNTS"
		return 0
	fi
	why="mount -t tmpfs failed: $(head -n 1 "$TMP/mount.err")"
	return 1
}
mount_ro() {
	if [ "$(id -u)" -ne 0 ]; then why="not root"; return 1; fi
	if mount --bind "$1" "$1" 2>"$TMP/mount.err"; then
		MOUNTS="$1 $MOUNTS"
		if mount -o remount,bind,ro "$1" 2>"$TMP/mount.err" && ! touch "$1/.probe" 2>/dev/null; then
			return 0
		fi
		umount "$1"
		MOUNTS=${MOUNTS#"$1 "}
	fi
	why="read-only bind mount failed: $(head -n 1 "$TMP/mount.err")"
	return 1
}
unmount() {
	umount "$1" || umount -l "$1"
	MOUNTS=$(echo "$MOUNTS" | tr ' ' '\n' | grep -v -x -F -e "$1" | tr '\n' ' ')
}

# fill DIR: writes a file into DIR until the file system is full.
fill() {
	dd if=/dev/zero of="$1/filler" bs=4096 2>/dev/null
	dd if=/dev/zero of="$1/filler2" bs=1 2>/dev/null
	sync
}

# sum FILE: its SHA-256.
sum() { sha256sum "$1" | cut -d' ' -f1; }

# ---------------------------------------------------------------------------
# 1. A corrupted cache, read by --list, --dump and the reader
# ---------------------------------------------------------------------------
make_posts "$WWW/p" 2025-09-26 7
start_server
SRC="t=$BASE/ok/p/%F.md"
run_fetch --source "$SRC" --days 7 --until 2025-10-02
is "$COUNTS" "t: 7 new, 0 updated, 0 unchanged, 0 missing (404), 0 failed" "seven posts cached to begin with"
posts=$CACHE/posts meta=$CACHE/meta

truncate -s 100 "$posts/2025-09-26-t-post.md"
python3 - "$posts/2025-09-27-t-post.md" <<'PY'
import random, sys
random.seed(8)
n = len(open(sys.argv[1], "rb").read())
open(sys.argv[1], "wb").write(bytes(random.randrange(256) for _ in range(n)))
PY
printf 'version: 1\nsource: t\n\033]52;c;cHduZWQ=\007\033[2J\000\377garbage\n' >"$meta/2025-09-28-t-post.meta"
: >"$meta/2025-09-29-t-post.meta"
# A file that is no post, with metadata that agrees with it.
printf 'Sign in to the Wi-Fi\n' >"$posts/2025-09-30-t-post.md"
sed -i -e "s/^bytes: .*/bytes: $(wc -c <"$posts/2025-09-30-t-post.md" | tr -d ' ')/" \
	-e "s/^sha256: .*/sha256: $(sum "$posts/2025-09-30-t-post.md")/" "$meta/2025-09-30-t-post.meta"
printf 'version: 1\n\033]0;pwned\007\302\233\342\200\256 title\n\377\376\n' >"$meta/2025-10-01-t-post.meta"
# A stray file whose name holds an escape sequence.
printf 'junk\n' >"$posts/$(printf 'x\033]0;pwned\007.md')"

bad_lines() {
	sed 's/^digest-tui: //' "$TMP/err" | sort
}
want_bad=$(printf '%s\n' \
	"$posts/2025-09-26-t-post.md: bad cache entry (100 bytes where the metadata says $(wc -c <"$WWW/p/2025-09-26.md" | tr -d ' ')); it will be fetched again" \
	"$posts/2025-09-27-t-post.md: bad cache entry (checksum mismatch); it will be fetched again" \
	"$posts/2025-09-28-t-post.md: bad cache entry (corrupt metadata (NUL bytes in the metadata)); it will be fetched again" \
	"$posts/2025-09-29-t-post.md: bad cache entry (corrupt metadata (empty)); it will be fetched again" \
	"$posts/2025-09-30-t-post.md: not a digest post (no front matter and no numbered paper headings)" \
	"$posts/2025-10-01-t-post.md: bad cache entry (corrupt metadata (a line that is not 'key: value')); it will be fetched again" | sort)

for mode in --list --dump; do
	dt $mode --width 80
	is "$rc" 0 "corrupt cache, $mode with no FILE: exit status 0"
	no_crash "corrupt cache, $mode"
	got=$(bad_lines | grep -v "/x")
	is "$got" "$want_bad" "corrupt cache, $mode: one line per bad file, naming it and what is wrong"
	is "$(grep -c "$posts/x" "$TMP/err")" 1 "  and one for the stray file with an escape sequence in its name"
	clean_text "  nothing on stderr a terminal would act on (the garbage, the name)" "$TMP/err"
	if [ $mode = --list ]; then
		is "$(cat "$TMP/out")" "$(printf '%s\n' "2025-10-02	1	2510.00001	-	Paper 1 of 2025-10-02" \
			"2025-10-02	2	2510.00002	-	Paper 2 of 2025-10-02")" "  the good post is listed"
	else
		check "  the good post is shown" grep -q '^2. Paper 2 of 2025-10-02$' "$TMP/out"
	fi
done

if [ -n "$have_tmux" ]; then
	# The reader's cache is the one above.
	ln -s "$CACHE" "$TMP/home/.cache/digest-tui"
	tui_start 100 30
	tui_check "corrupt cache, the reader: opens on the good post" tui_wait_pos 1/2
	tui_check "  shows it" tui_wait_for "Paper 1 of 2025-10-02"
	tui_keys j
	tui_check "  answers j" tui_wait_pos 2/2
	tui_keys '['
	tui_settle
	tui_keys q
	tui_check "  q quits" tui_wait_exit
	is "$(tui_exit_status)" 0 "  exit status 0"
	check "  no sanitizer report" tui_stderr_clean
	check "  no OSC from the garbage reaches the terminal" sh -c "! grep -q -a -F -e \"$(printf '\033]')\" '$TUI_RAW'"
	tui_stop
	rm "$TMP/home/.cache/digest-tui"
else
	skip "the reader on a corrupt cache: tmux not installed"
fi

rm -f "$posts/$(printf 'x\033]0;pwned\007.md')"
run_fetch --source "$SRC" --days 7 --until 2025-10-02
is "$rc" 0 "a fetch over the corrupt cache exits 0"
# 09-26 and 09-27 come again (updated), and 09-30, the non-post whose
# metadata agrees with it (a checksum is no proof of a post); 09-28, 09-29
# and 10-01 too, the same bytes as the post kept (unchanged) with new
# metadata.
is "$COUNTS" "t: 0 new, 3 updated, 4 unchanged, 0 missing (404), 0 failed" "  and fetches the bad ones again"
contains "$ERR" "2025-09-30-t-post.md: not a digest post" "  saying why the agreeing non-post is asked for again"
dt --list
is "$(wc -l <"$TMP/out" | tr -d ' '):$(cat "$TMP/err")" "14:" "  then --list lists all 14 papers, with nothing to report"
rm "$meta/2025-09-30-t-post.meta"
run_fetch --source "$SRC" --days 7 --until 2025-10-02
dt --list
is "$(wc -l <"$TMP/out" | tr -d ' '):$(cat "$TMP/err")" "14:" "  without its metadata it is fetched again: 14 papers, nothing to report"
snapshot "$TMP/snap"
ok_all=1
for f in "$posts"/*.md; do
	d=$(basename "$f" | cut -c1-10)
	cmp -s "$f" "$WWW/p/$d.md" || { ok_all=; diag "differs: $f"; }
done
check "  every cached post is the server's, byte for byte" test -n "$ok_all"

# ---------------------------------------------------------------------------
# 2. A corrupted marks file
# ---------------------------------------------------------------------------
MP=$TMP/marks-post.md
make_post "$MP" 2025-09-20 4
mkdir -p "$STATE"
reset_marks
printf '%s\n' "# digest-tui marks v1" "2025-11-01T10:00:00Z +s 2509.00001" >"$STATE/marks"
printf '\000\377 garbage \033]52;c;cHduZWQ=\007\n' >>"$STATE/marks"
printf '%s\n' "2025-11-01T10:00:01Z +l 2509.00002" "not a mark line at all" \
	"2025-11-01T10:00:02Z +r 2509.00003" >>"$STATE/marks"
printf '2025-11-01T10:00:03Z +s 25' >>"$STATE/marks"   # cut short
cp "$STATE/marks" "$TMP/marks.orig"

marks_col() { cut -f2,4 "$TMP/out" | tr '\t\n' ': '; }
dt --list "$MP"
is "$rc" 0 "corrupt marks, --list: exit status 0"
is "$(marks_col)" "1:s 2:l 3:r 4:- " "  the good marks are read"
is "$(cat "$TMP/err")" "digest-tui: $STATE/marks:3: unreadable marks line skipped (3 bad lines in all); the file is left as it is" \
	"  the bad lines are reported in one line"
check "  the file is left as it was" cmp -s "$STATE/marks" "$TMP/marks.orig"
is "$(ls "$STATE" | grep -c corrupt)" 0 "  and no copy is made by a read-only run"

if [ -n "$have_tmux" ]; then
	tui_start 100 30 "$MP"
	tui_check "corrupt marks, the reader: opens" tui_wait_pos 1/4
	tui_keys j j j s
	tui_check "  s stars paper 4" tui_wait_for starred
	tui_keys q
	tui_check "  q quits" tui_wait_exit
	is "$(tui_exit_status)" 0 "  exit status 0"
	check "  no sanitizer report" tui_stderr_clean
	tui_stop
	backup=marks.v1-migrated
	check "  the original is kept aside as $backup" test -f "$STATE/$backup"
	check "  with the original bytes" cmp -s "$STATE/$backup" "$TMP/marks.orig"
	check "  and no longer read as marks" test ! -e "$STATE/marks"
	contains "$(cat "$TMP/tui.stderr")" "$STATE/marks:3: unreadable marks line skipped (3 bad lines in all); the original is kept as $STATE/$backup" \
		"  and reported, naming it"
	dt --list "$MP"
	is "$(marks_col)" "1:s 2:l 3:r 4:s " "  every good mark is still there, and the new one"
	is "$(cat "$TMP/err")" "" "  this machine's journal reads without a report"
	check "  and holds no bad line" sh -c "! cat '$STATE'/journals/*.marks | grep -a -q -e garbage -e 'not a mark'"
else
	skip "the reader on a corrupt marks file: tmux not installed"
fi

# ---------------------------------------------------------------------------
# 3. A full disk
# ---------------------------------------------------------------------------
FULL=$TMP/full
if mount_tmpfs "$FULL" 64k; then
	# 3a. --fetch into a cache on a full disk.
	mkdir -p "$WWW/f"
	make_post "$WWW/f/2025-08-01.md" 2025-08-01 2
	make_post "$WWW/f/2025-08-02.md" 2025-08-02 2
	export XDG_CACHE_HOME=$FULL
	CACHE=$FULL/digest-tui
	run_fetch --source "f=$BASE/ok/f/%F.md" --days 2 --until 2025-08-02
	is "$COUNTS" "f: 2 new, 0 updated, 0 unchanged, 0 missing (404), 0 failed" "full disk: two posts cached on a 64 KiB tmpfs"
	snapshot "$TMP/snap-full"
	fill "$FULL"
	is "$(python3 -c 'import os, sys; print(os.statvfs(sys.argv[1]).f_bavail)' "$FULL")" 0 "  then the tmpfs is filled"
	# A new version of a cached day, and two new days, all bigger than a page.
	for d in 2025-08-02 2025-08-03 2025-08-04; do
		make_post "$WWW/f/$d.md" "$d" 8 "큰논문"
	done
	run_fetch --source "f=$BASE/ok/f/%F.md" --days 4 --until 2025-08-04
	is "$rc" 1 "  a fetch on the full disk exits 1"
	contains "$ERR" "No space left on device" "  saying the disk is full"
	is "$(echo "$ERR" | grep -c '^digest-tui: f 2025-08-0[234]: .*: No space left on device$')" 3 \
		"  naming each of the three posts it could not store"
	contains "$OUT" "3 failed" "  counting them as failed"
	same_snapshot "$TMP/snap-full" "  both posts cached before keep their SHA-256"
	is "$(ls -a "$CACHE/posts" "$CACHE/meta" | grep -c '^\.tmp-')" 0 "  no temporary file is left"
	dt --list
	is "$rc:$(cut -f1 "$TMP/out" | uniq | tr '\n' ' ')" "0:2025-08-01 2025-08-02 " "  --list still lists the posts cached before"
	is "$(cat "$TMP/err")" "" "  with nothing to report"
	rm -f "$FULL/filler" "$FULL/filler2"
	run_fetch --source "f=$BASE/ok/f/%F.md" --days 4 --until 2025-08-04
	is "$rc:$COUNTS" "0:f: 2 new, 1 updated, 1 unchanged, 0 missing (404), 0 failed" "  with room again, the next fetch completes"
	check "  with the new version of 2025-08-02" cmp -s "$CACHE/posts/2025-08-02-f-post.md" "$WWW/f/2025-08-02.md"
	unmount "$FULL"
	export XDG_CACHE_HOME=$TMP/cache
	CACHE=$XDG_CACHE_HOME/digest-tui

	# 3b. Starring a paper in the reader on a full disk.
	if [ -n "$have_tmux" ] && mount_tmpfs "$STATE" 64k; then
		# A journal of exactly one page (4096 bytes): the next line needs a
		# page of its own, which the full tmpfs does not have.
		v2_journal 4096
		cp "$JOURNAL" "$TMP/marks.full"
		fill "$STATE"
		tui_start 160 30 "$MP"
		tui_check "full disk, the reader: opens" tui_wait_pos 1/4
		tui_keys j s
		tui_check "  s on paper 2 says the mark was not saved, and why" \
			tui_wait_for "No space left on device"
		tui_check "  (not saved)" tui_wait_for "not saved"
		tui_keys q
		tui_check "  q quits" tui_wait_exit
		is "$(tui_exit_status)" 0 "  exit status 0"
		check "  no sanitizer report" tui_stderr_clean
		tui_stop
		check "  the marks file is as it was" cmp -s "$JOURNAL" "$TMP/marks.full"
		rm -f "$STATE/filler" "$STATE/filler2"
		dt --list "$MP"
		is "$(marks_col)" "1:s 2:- 3:- 4:- " "  and paper 1 is still starred"
		unmount "$STATE"
	elif [ -z "$have_tmux" ]; then
		skip "full disk, the reader: tmux not installed"
	else
		skip "full disk, the reader: $why"
	fi

	# 3c. A disk that fills in the middle of a marks line: the journal
	# ends 10 bytes before a page, so the first 10 bytes of the line fit.
	if [ -n "$have_tmux" ] && mount_tmpfs "$STATE" 64k; then
		v2_journal 4086
		cp "$JOURNAL" "$TMP/marks.half"
		fill "$STATE"
		tui_start 160 30 "$MP"
		tui_check "a disk full mid-line, the reader: opens" tui_wait_pos 1/4
		tui_keys j s
		tui_check "  s on paper 2 says the mark was not saved" tui_wait_for "not saved"
		tui_keys q
		tui_check "  q quits" tui_wait_exit
		tui_stop
		check "  the journal is cut back to what it was (no half line)" \
			cmp -s "$JOURNAL" "$TMP/marks.half"
		rm -f "$STATE/filler" "$STATE/filler2"
		tui_start 160 30 "$MP"
		tui_check "  with room again: opens" tui_wait_pos 1/4
		tui_keys j j s
		tui_check "  s on paper 3 stars it" tui_wait_for starred
		tui_keys q
		tui_check "  q quits" tui_wait_exit
		check "  no sanitizer report" tui_stderr_clean
		check "  nothing to report about the marks file" \
			sh -c "! grep -q 'unreadable marks line' '$TMP/tui.stderr'"
		tui_stop
		is "$(ls "$STATE/journals" | grep -c '\.corrupt-')" 0 "  no corrupt copy was needed"
		is "$(tail -c 1 "$JOURNAL" | od -An -c | tr -d ' ')" '\n' "  the journal ends with a newline"
		dt --list "$MP"
		is "$(marks_col)" "1:s 2:- 3:s 4:- " "  papers 1 and 3 are starred"
		is "$(cat "$TMP/err")" "" "  and --list reports nothing"
		unmount "$STATE"
	elif [ -z "$have_tmux" ]; then
		skip "a disk full mid-line, the reader: tmux not installed"
	else
		skip "a disk full mid-line, the reader: $why"
	fi
else
	skip "full disk: $why"
fi

# ---------------------------------------------------------------------------
# 4. A read-only cache or state directory
# ---------------------------------------------------------------------------
# ro_dir DIR: makes DIR read-only (a read-only bind mount as root, else no
# write permission on it and what it holds); 1 with $why when neither works.
# RO_ERROR: the error to expect.
ro_dir() {
	RO_ERROR="Read-only file system"
	if mount_ro "$1"; then
		return 0
	fi
	if [ "$(id -u)" -ne 0 ]; then
		RO_ERROR="Permission denied"
		chmod -R a-w "$1" && return 0
	fi
	return 1
}
ro_undo() {
	case " $MOUNTS " in
	*" $1 "*) unmount "$1" ;;
	esac
	chmod -R u+w "$1" 2>/dev/null
}

# 4a. --fetch into a read-only cache.
snapshot "$TMP/snap-ro"
make_posts "$WWW/p" 2025-10-03 2
if ro_dir "$CACHE"; then
	run_fetch --source "$SRC" --days 9 --until 2025-10-04
	is "$rc" 1 "read-only cache: a fetch exits 1"
	contains "$ERR" "$RO_ERROR" "  saying the cache is read-only ($RO_ERROR)"
	same_snapshot "$TMP/snap-ro" "  every cached post keeps its SHA-256"
	dt --list
	is "$rc:$(wc -l <"$TMP/out" | tr -d ' ')" "0:14" "  --list still reads all 14 papers from the cache"
	is "$(cat "$TMP/err")" "" "  with nothing to report"
	ro_undo "$CACHE"
else
	skip "read-only cache: $why"
fi

# 4b. The reader with a read-only state directory.
mkdir -p "$STATE"
reset_marks
printf '%s\n' "# digest-tui marks v1" "2025-11-01T10:00:00Z +s 2509.00001" >"$STATE/marks"
cp "$STATE/marks" "$TMP/marks.ro"
if [ -z "$have_tmux" ]; then
	skip "read-only state directory: tmux not installed"
elif ro_dir "$STATE"; then
	tui_start 160 30 "$MP"
	tui_check "read-only state directory, the reader: opens" tui_wait_pos 1/4
	tui_keys j s
	tui_check "  s on paper 2 stars it" tui_wait_for starred
	tui_check "  the status line says the mark is not saved (marks in memory only)" \
		tui_wait_for "memory only"
	tui_keys q
	tui_check "  q quits" tui_wait_exit
	is "$(tui_exit_status)" 0 "  exit status 0"
	check "  no sanitizer report" tui_stderr_clean
	contains "$(cat "$TMP/tui.stderr")" "marks are kept in memory only" "  and says so on stderr too"
	tui_stop
	check "  the marks file is as it was" cmp -s "$STATE/marks" "$TMP/marks.ro"
	dt --list "$MP"
	is "$(marks_col)" "1:s 2:- 3:- 4:- " "  paper 1 is still starred"
	ro_undo "$STATE"
else
	skip "read-only state directory: $why"
fi


# ===========================================================================
# 5. Kills mid-store, FIFOs, planted symlinks, HOME unset, hostile links
# ===========================================================================
C15=$TMP/c15
export XDG_CACHE_HOME=$C15
CACHE=$C15/digest-tui
W15=$TMP/www15
mkdir -p "$W15"
make_posts "$W15" 2025-10-01 5
SRC15="k=file://$W15/%F.md"

# --- fault 3: a kill between the renames of a store never hides a post -------
run_fetch --source "$SRC15" --days 5 --until 2025-10-05
is "$COUNTS" "k: 5 new, 0 updated, 0 unchanged, 0 missing (404), 0 failed" "crash: five posts cached"
cp -a "$CACHE" "$TMP/c15.v1"
# Version 2 of every post (a paper more), and two days more.
for d in 01 02 03 04 05 06 07; do make_post "$W15/2025-10-$d.md" "2025-10-$d" 3 개정; done
cat >"$TMP/killshim.c" <<'EOF'
/* Test-only LD_PRELOAD shim: SIGKILLs the process just before its Nth
 * rename() (N from KILL_AT_RENAME), as a crash would strike. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdlib.h>
static int seen;
int rename(const char *from, const char *to)
{
	const char *at = getenv("KILL_AT_RENAME");
	if (at && ++seen == atoi(at))
		raise(SIGKILL);
	int (*real)(const char *, const char *) =
		(int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
	return real(from, to);
}
EOF
shim=
if ldd "$DIGEST_TUI" 2>/dev/null | grep -q 'libasan\|libtsan'; then
	why="the binary is built with a sanitizer, which must come first in LD_PRELOAD"
elif ${CC:-cc} -shared -fPIC -o "$TMP/killshim.so" "$TMP/killshim.c" -ldl 2>"$TMP/cc.err"; then
	shim=$TMP/killshim.so
else
	why="cannot build the shim: $(head -n 1 "$TMP/cc.err")"
fi
if [ -n "$shim" ]; then
	runs=0 killed=0 hidden=0 unhealed=0 missing=0 torn=0
	# 5 updates and 2 new posts: 14 renames in a fetch; each run kills at a
	# random one of them (and a few runs at none, past the last).
	for i in $(seq 1 100); do
		rm -rf "$CACHE" && cp -a "$TMP/c15.v1" "$CACHE"
		k=$(awk -v s="$i" 'BEGIN { srand(s * 7919); print int(rand() * 15) + 1 }')
		KILL_AT_RENAME=$k LD_PRELOAD=$shim "$DIGEST_TUI" --fetch --source "$SRC15" \
			--days 7 --until 2025-10-07 >/dev/null 2>&1
		[ $? -eq 137 ] && killed=$((killed + 1))
		runs=$((runs + 1))
		# Every post of before is there, whole (version 1 or 2).
		for d in 01 02 03 04 05; do
			f=$CACHE/posts/2025-10-$d-k-post.md
			if [ ! -f "$f" ]; then missing=$((missing + 1)); continue; fi
			cmp -s "$f" "$TMP/c15.v1/posts/2025-10-$d-k-post.md" ||
				cmp -s "$f" "$W15/2025-10-$d.md" || torn=$((torn + 1))
		done
		# Offline, the next run shows every post in posts/ (none hidden) ...
		"$DIGEST_TUI" --list >"$TMP/out" 2>"$TMP/err"
		n=$(grep -c 'bad cache entry' "$TMP/err")
		hidden=$((hidden + n))
		[ "$n" -eq 0 ] || diag "run $i (kill at rename $k): $(cat "$TMP/err")"
		# ... and has healed every metadata file, without the network.
		for m in "$CACHE"/meta/*.meta; do
			f=$CACHE/posts/$(basename "$m" .meta).md
			[ -f "$f" ] || continue
			want=$(sed -n 's/^sha256: //p' "$m")
			[ "$(sum "$f")" = "$want" ] || unhealed=$((unhealed + 1))
		done
	done
	diag "crash runs: $runs, killed between renames: $killed, hidden: $hidden, unhealed: $unhealed, torn: $torn, missing: $missing"
	check "crash: 100 runs, most killed mid-store ($killed)" test "$killed" -ge 80
	is "$hidden" 0 "crash: no complete post is ever hidden (--list after each kill)"
	is "$torn:$missing" "0:0" "crash: every post of before is there, whole, old or new"
	is "$unhealed" 0 "crash: the next run heals the metadata without the network"
	run_fetch --source "$SRC15" --days 7 --until 2025-10-07
	is "$rc" 0 "crash: the next fetch completes"
	dt --list
	is "$(wc -l <"$TMP/out" | tr -d ' '):$(cat "$TMP/err")" "21:" "  7 posts of 3 papers, nothing to report"
else
	skip "crash between renames: $why"
fi

# --- fault 7: FIFOs and /dev/zero where files go ----------------------------
rm -rf "$CACHE"
make_posts "$W15" 2025-10-01 5
run_fetch --source "$SRC15" --days 5 --until 2025-10-05
P15=$CACHE/posts M15=$CACHE/meta
rm "$P15/2025-10-01-k-post.md" && mkfifo "$P15/2025-10-01-k-post.md"
rm "$M15/2025-10-02-k-post.meta" && mkfifo "$M15/2025-10-02-k-post.meta"
rm "$P15/2025-10-03-k-post.md" && ln -s /dev/zero "$P15/2025-10-03-k-post.md"
mkdir -p "$STATE"
reset_marks
mkfifo "$STATE/marks" "$STATE/marks.lock"
for mode in "--list" "--search Paper" "--export starred" "--dump --width 80"; do
	# shellcheck disable=SC2086
	timeout 20 "$DIGEST_TUI" $mode >"$TMP/out" 2>"$TMP/err"
	rc=$?
	check "FIFOs in the cache and the marks, $mode: no hang (status $rc)" test "$rc" -ne 124
	no_crash "FIFOs, $mode"
	if [ "$mode" = --list ]; then
		is "$(wc -l <"$TMP/out" | tr -d ' ')" 4 "  the two good posts listed"
		contains "$(cat "$TMP/err")" "2025-10-01-k-post.md: bad cache entry (the post is not a regular file)" \
			"  the FIFO post reported"
		contains "$(cat "$TMP/err")" "2025-10-02-k-post.meta: a FIFO, not a regular file" \
			"  the FIFO metadata reported"
		contains "$(cat "$TMP/err")" "2025-10-03-k-post.md: bad cache entry (the post is a symbolic link)" \
			"  a symlink to /dev/zero refused, not read until memory runs out"
		contains "$(cat "$TMP/err")" "marks: a FIFO, not a regular file" "  the FIFO marks file reported"
	fi
done
timeout 30 "$DIGEST_TUI" --fetch --source "$SRC15" --days 5 --until 2025-10-05 >"$TMP/out" 2>"$TMP/err"
rc=$?
is "$rc" 0 "FIFOs and /dev/zero in the cache: --fetch does not hang, exits 0"
is "$(head -n 1 "$TMP/out")" "k: 0 new, 2 updated, 3 unchanged, 0 missing (404), 0 failed" \
	"  and replaces the two bad posts (and repairs the FIFO metadata)"
check "  with regular files" test -f "$P15/2025-10-01-k-post.md" -a ! -p "$P15/2025-10-01-k-post.md" \
	-a ! -L "$P15/2025-10-03-k-post.md" -a ! -p "$M15/2025-10-02-k-post.meta"
timeout 20 "$DIGEST_TUI" --list >"$TMP/out" 2>"$TMP/err"
is "$(wc -l <"$TMP/out" | tr -d ' ')" 10 "  then all five posts list"
rm -f "$STATE/marks" "$STATE/marks.lock"
# A DIR source given a FIFO *.md: --list, --search, --dump never wait on it.
mkdir -p "$TMP/fifodir"
make_post "$TMP/fifodir/2025-10-01-a.md" 2025-10-01 2
mkfifo "$TMP/fifodir/2025-10-02-b.md"
for mode in "--list" "--search Paper" "--dump --width 80"; do
	# shellcheck disable=SC2086
	timeout 20 "$DIGEST_TUI" $mode "$TMP/fifodir" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	check "a FIFO *.md in a DIR, $mode: no hang (status $rc)" test "$rc" -ne 124
	contains "$(cat "$TMP/err")" "2025-10-02-b.md: a FIFO, not a regular file" "  one line naming it"
done

# --- fault 9: compaction never follows a planted symlink -----------------------
reset_marks
printf 'precious\n' >"$TMP/victim"
printf '%s\n' "# digest-tui marks v1" "2025-11-01T10:00:00Z +s 2509.00001" "garbage line" >"$STATE/marks"
ln -s "$TMP/victim" "$STATE/marks.tmp"
if [ -n "$have_tmux" ]; then
	tui_start 120 30 "$MP"
	tui_check "planted marks.tmp symlink, corrupt journal: the reader opens" tui_wait_pos 1/4
	tui_keys q
	tui_check "  q quits" tui_wait_exit
	tui_stop
	is "$(cat "$TMP/victim")" "precious" "  the symlink's target is untouched"
	journal=$(ls "$STATE"/journals/*.marks)
	check "  the journal is a regular file, not a link to the victim" test -f "$journal" -a ! -L "$journal"
	contains "$(cat "$journal")" "+s 2509.00001" "  holding the good mark (moved from the v1 file)"
else
	skip "planted marks.tmp: tmux not installed"
fi

# --- fault 10: HOME unset, fetch and marks follow one rule --------------------
# A build that falls back on the password database's home would write there:
# that home is covered by a tmpfs of this test's mount namespace first, or
# the fetch is not run.
pwhome=$(getent passwd "$(id -u)" | cut -d: -f6)
if [ -n "${FAULTS_UNSHARED:-}" ] && [ -n "$pwhome" ] && mount_tmpfs "$pwhome" 1m; then
	env -u HOME -u XDG_CACHE_HOME -u XDG_STATE_HOME "$DIGEST_TUI" --fetch --source "$SRC15" \
		--days 1 --until 2025-10-05 >"$TMP/out" 2>"$TMP/err"
	rc=$?
	is "$rc:$(cat "$TMP/err")" "1:digest-tui: no cache directory: neither XDG_CACHE_HOME nor HOME is set" \
		"HOME unset: --fetch says why, in one line"
	is "$(find "$pwhome" -mindepth 1 | wc -l | tr -d ' ')" 0 \
		"  and writes nothing under the password database's home"
	unmount "$pwhome"
else
	skip "HOME unset, --fetch: needs root and a private mount namespace to guard the real home"
fi
env -u HOME -u XDG_CACHE_HOME -u XDG_STATE_HOME "$DIGEST_TUI" --list "$MP" >"$TMP/out" 2>"$TMP/err"
contains "$(cat "$TMP/err")" "neither XDG_STATE_HOME nor HOME is set" "HOME unset: the marks say the same"

# --- fault 5: a heading link that would run a command ---------------------------
SP=$TMP/shell-post.md
{
	printf -- '---\ntitle: "Daily Papers — 2025-10-09"\ndate: 2025-10-09 08:00:00\n---\n\n'
	printf '# 1. [Hostile](<https://arxiv.org/abs/2501.00007$(touch pwned)>)\n\n## Method\n\n방법.\n'
} >"$SP"
if [ -n "$have_tmux" ]; then
	cp "$TMP/home/.config/digest-tui/config" "$TMP/config.saved"
	printf 'set browser "sh -c '\''echo opened %%u >> %s/opened'\''"\n' "$TMP" \
		>>"$TMP/home/.config/digest-tui/config"
	tui_start 120 30 "$SP"
	tui_check "a shell in the browser setting, a hostile link: the reader opens" tui_wait_pos 1/1
	tui_keys o
	tui_wait_until "$TUI_TIMEOUT" test -s "$TMP/opened"
	tui_keys q
	tui_wait_exit
	tui_stop
	is "$(cat "$TMP/opened" 2>/dev/null)" "opened https://arxiv.org/abs/2501.00007%24%28touch%20pwned%29" \
		"  o opens the URL with \$( ) and the blank percent-encoded"
	check "  and no command from the link ran" test ! -e "$TMP/cwd/pwned" -a ! -e pwned
	cp "$TMP/config.saved" "$TMP/home/.config/digest-tui/config"
else
	skip "a hostile link and sh -c: tmux not installed"
fi

plan_done
