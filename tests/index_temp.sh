#!/bin/sh
# The index's temporary files (src/index.c through fileio_replace, named
# .tmp-PID-N-RANDOM): a writer killed before its rename leaves one, as big
# as the index; the next run of --list removes it, however young, even when
# the index needs no rewrite. A live writer holds a lock on its temporary
# file from its creation to its rename, and no other run ever removes it.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/fetchlib.sh"

IX=$CACHE/index
make_posts "$WWW/p" 2025-10-01 6
run_fetch --source "d=file://$WWW/p/%F.md" --days 6 --until 2025-10-06
is "$rc" 0 "six posts cached"
"$DIGEST_TUI" --list >"$TMP/want" 2>&1
check "the index is written" test -s "$IX"

temps() { find "$CACHE" -maxdepth 1 -name '.tmp-*' | wc -l | tr -d ' '; }
# Each part starts without temporary files, whatever the last one left.
no_temps() { find "$CACHE" -maxdepth 1 -name '.tmp-*' -exec rm -f {} +; }
# same_list DESCRIPTION: --list prints what it printed at first.
same_list() {
	"$DIGEST_TUI" --list >"$TMP/got" 2>&1
	check "$1" cmp -s "$TMP/got" "$TMP/want"
}
# Writers are stopped or killed by strace at their first fsync, that of the
# index's complete temporary file, before the rename. (LeakSanitizer cannot
# work under ptrace: it is off there.)
# Not under valgrind (tools/valgrind-check.sh runs the program through a
# wrapper, DIGEST_TUI_UNDER_TEST): the fsync strace stops would be valgrind's.
have_strace() {
	[ -z "${DIGEST_TUI_UNDER_TEST:-}" ] && command -v strace >/dev/null 2>&1 &&
		strace -qq -o /dev/null true 2>/dev/null
}
# wait_for COMMAND...: until COMMAND succeeds (10 s at most).
wait_for() {
	_i=0
	until "$@"; do
		_i=$((_i + 1))
		[ $_i -ge 200 ] && return 1
		sleep 0.05
	done
}

# Dead writers' files, as fileio names them: a fresh one and one two hours
# old, each a copy of the index.
cp "$IX" "$CACHE/.tmp-999991-1-0badcafe"
cp "$IX" "$CACHE/.tmp-999992-3-00c0ffee"
touch -d '2 hours ago' "$CACHE/.tmp-999992-3-00c0ffee"
ino=$(stat -c %i "$IX")
same_list "dead writers' temporary files beside the index: --list as before"
is "$(stat -c %i "$IX")" "$ino" "  with nothing to rewrite"
is "$(temps)" 0 "  and both are removed, the fresh one and the old one"

# A --list killed (kill -9) while it writes the index.
if have_strace; then
	no_temps
	rm -f "$IX"
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -qq -o /dev/null \
		-e trace=fsync -e inject=fsync:signal=SIGKILL:when=1 \
		"$DIGEST_TUI" --list >/dev/null 2>&1
	killed=$?
	is "$killed:$(temps):$(test -e "$IX" && echo index)" "137:1:" \
		"a --list killed while it writes the index leaves its temporary file"
	same_list "  the next --list lists as before"
	is "$(temps)" 0 "  and removes it"
else
	skip "no strace to kill a writer at its fsync (or under valgrind)"
fi

# Live writers: processes holding the locks of their temporary files, one
# of them two hours old. Neither a plain run nor one that rewrites the index
# takes them; once the holder is gone, the next run does.
if command -v flock >/dev/null 2>&1; then
	no_temps
	L1=$CACHE/.tmp-999993-1-11111111
	L2=$CACHE/.tmp-999994-1-22222222
	cp "$IX" "$L1"
	cp "$IX" "$L2"
	touch -d '2 hours ago' "$L2"
	mkfifo "$TMP/release"
	flock -x "$L1" flock -x "$L2" sh -c ': >"$1"; read -r _ <"$2"' sh "$TMP/held" "$TMP/release" &
	holder=$!
	check "(the locks are held)" wait_for test -e "$TMP/held"
	same_list "live writers' temporary files beside the index: --list as before"
	is "$(temps)" 2 "  and both are left alone"
	rm -f "$IX"
	same_list "a run that rewrites the index"
	is "$(temps)" 2 "  leaves them alone too"
	echo go >"$TMP/release"
	wait "$holder"
	same_list "the writer gone, the next run"
	is "$(temps)" 0 "  removes them"
else
	skip "no flock(1) to hold a temporary file's lock"
fi

# A real writer stopped between the write and the rename of its temporary
# file, while another --list runs: the other run leaves the file, and the
# writer's rename succeeds when it goes on.
if have_strace; then
	no_temps
	rm -f "$IX"
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -qq -o /dev/null \
		-e trace=fsync -e inject=fsync:signal=SIGSTOP:when=1 \
		"$DIGEST_TUI" --list >"$TMP/paused" 2>"$TMP/paused-err" &
	tracer=$!
	writer=
	# Stopped by the injected SIGSTOP, not in one of strace's passing
	# stops at a syscall (also state t): still stopped a moment later,
	# with its temporary file written.
	stopped_now() {
		writer=$(pgrep -P "$tracer" | head -n 1)
		[ -n "$writer" ] && grep -q '^State:.*[tT] (' "/proc/$writer/status" 2>/dev/null
	}
	stopped() { stopped_now && [ "$(temps)" = 1 ] && sleep 0.1 && stopped_now; }
	if wait_for stopped; then
		pass "(a writer stopped before its rename)"
		check "  with its temporary file" [ "$(temps)" = 1 ]
		same_list "another --list meanwhile"
		is "$(temps)" 1 "  leaves the writer's temporary file"
		other=$(stat -c %i "$IX")
		kill -CONT "$writer"
		wait "$tracer"
		status=$?
		is "$status:$(temps)" "0:0" "the writer goes on"
		check "  and lists as before" cmp -s "$TMP/paused" "$TMP/want"
		check "  with nothing on stderr" [ ! -s "$TMP/paused-err" ]
		check "  its rename succeeds: its index replaces the other run's" \
			[ "$(stat -c %i "$IX")" != "$other" ]
		ino=$(stat -c %i "$IX")
		same_list "  its index serves the next run"
		is "$(stat -c %i "$IX")" "$ino" "  unchanged"
	else
		fail "(a writer stopped before its rename)"
		[ -n "$writer" ] && kill -CONT "$writer"
		wait "$tracer"
	fi
else
	skip "no strace to stop a writer before its rename (or under valgrind)"
fi
plan_done
