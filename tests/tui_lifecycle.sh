#!/bin/sh
# The reader never outlives its terminal and never spins: in every state
# (list, paper, help, an aggregate view, the "/", "search: " and ":" prompts, a
# yes/no question) a closed terminal (the tmux server killed, the pane's
# shell with it) or SIGTERM ends it within 2 s; SIGINT cancels a prompt and
# ends the reader outside one; without a terminal it does not start (exit 2,
# one line); idle in the list and in a prompt it sleeps with no timer set
# (/proc/PID/syscall) and is neither woken nor charged CPU over 2 s
# (/proc/PID/status, /proc/PID/stat), yet sees marks another instance writes;
# the lazy loader reads the whole archive with a prompt open as it does
# without (/proc/PID/io).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux.sh"
tui_require_tmux

W=100 H=30

# native PID: the reader runs as itself, not under valgrind (tools/
# valgrind-check.sh), which takes its time to exit and reads files of its own.
native() { [ "$(cat "/proc/$1/comm" 2>/dev/null)" = digest-tui ]; }

# gone PID: the process has ended (a zombie counts as ended) within 2 s (60 s
# under valgrind).
_alive() { [ -e "/proc/$1" ] && [ "$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" != Z ]; }
_dead() { ! _alive "$1"; }
gone() {
	_lim=2
	native "$1" || _lim=60
	wait_until "$_lim" _dead "$1"
}

# The process's CPU time so far, in clock ticks (utime + stime).
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# Times it has gone to sleep and been woken: a timer shows here even when
# its work is too little to be charged a tick.
wakeups() { awk '$1 == "voluntary_ctxt_switches:" { print $2 }' "/proc/$1/status"; }
# Bytes it has read so far (files and terminal).
rchar() { awk '$1 == "rchar:" { print $2 }' "/proc/$1/io"; }
# The system call it is blocked in, with its arguments (/proc/PID/syscall:
# "NUMBER ARG1 ... ARG6 SP PC", or "running").
syscall() { cat "/proc/$1/syscall" 2>/dev/null; }
# sleeps_forever PID: blocked in ppoll with no timeout (its third argument,
# NULL), so no timer of any period is set. The system call numbers of ppoll:
# x86_64 271, aarch64 73; elsewhere this says "unknown" (status 2).
sleeps_forever() {
	case $(uname -m) in
	x86_64) _ppoll=271 ;;
	aarch64) _ppoll=73 ;;
	*) return 2 ;;
	esac
	set -- $(syscall "$1")
	[ "$1" = "$_ppoll" ] && [ "$4" = 0x0 ]
}

# enter STATE: from a fresh reader on the sample, into STATE.
enter() {
	case $1 in
	list) return 0 ;;
	paper) tui_keys Enter; tui_keys j; tui_settle ;;
	help) tui_keys '?'; tui_wait_for "Keys (q, Esc" ;;
	unread) tui_keys U; tui_wait_until "$TUI_TIMEOUT" tui_header_has unread ;;
	search) tui_keys /; tui_wait_until "$TUI_TIMEOUT" tui_last_row_is "/" ;;
	find) tui_keys f; tui_wait_until "$TUI_TIMEOUT" tui_last_row_is "search:" ;;
	command) tui_keys :; tui_wait_until "$TUI_TIMEOUT" tui_last_row_is ":" ;;
	ask)
		# Six starred papers: O asks before opening six tabs (s moves on
		# to the next paper itself).
		tui_keys s s s s s s
		tui_wait_until "$TUI_TIMEOUT" tui_header_has 7/8 || return 1
		tui_settle
		tui_keys O
		tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "open 6 starred papers in the browser? (y/n)"
		;;
	esac
}

# fresh STATE: a new reader in STATE; its pid in $pid.
fresh() {
	tui_stop
	rm -rf "$TMP/home/.local/state" # no marks from the run before
	pid=
	tui_restart 1/8 || return 1
	pid=$(tui_pid) || { fail "$1: the reader's pid"; return 1; }
	echo "$pid" >>"$TMP/pids"
	if ! enter "$1"; then
		fail "$1: the reader gets into the state"
		tui_dump_screen
		return 1
	fi
	return 0
}

# A reader that would not end is not left behind (a spinning one least of all).
reap() {
	[ -s "$TMP/pids" ] || return 0
	while read -r _p; do
		_alive "$_p" && kill -KILL "$_p" 2>/dev/null
	done <"$TMP/pids"
	: >"$TMP/pids"
}

STATES="list paper help unread search find command ask"

# --- the terminal goes away ------------------------------------------------
for s in $STATES; do
	fresh "$s" || continue
	tui_stop # the tmux server, the pty and the pane's shell go
	if gone "$pid"; then
		pass "$s: a closed terminal ends the reader within 2 s"
	else
		fail "$s: a closed terminal ends the reader within 2 s"
		diag "still running: $(ps -o pid,stat,time,args -p "$pid" | tail -n 1)"
		kill -KILL "$pid" 2>/dev/null
	fi
done
reap

# --- SIGTERM --------------------------------------------------------------
for s in $STATES; do
	fresh "$s" || continue
	kill -TERM "$pid"
	if gone "$pid"; then
		pass "$s: SIGTERM ends the reader within 2 s"
		tui_wait_exit
		is "$(tui_exit_status)" 143 "$s: killed by SIGTERM (status 143)"
		check "$s: the terminal modes are restored" tui_stty_same
	else
		fail "$s: SIGTERM ends the reader within 2 s"
		kill -KILL "$pid" 2>/dev/null
	fi
done
tui_stop
reap

# --- SIGINT: cancels a prompt, else ends the reader ----------------------------
if fresh search; then
	tui_type "LoRA"
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_is "/LoRA"
	kill -INT "$pid"
	tui_check "SIGINT in the / prompt cancels it" \
		tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "? help"
	check "and the reader goes on" _alive "$pid"
	kill -INT "$pid"
	if gone "$pid"; then
		pass "SIGINT in the list ends the reader"
		tui_wait_exit
		is "$(tui_exit_status)" 130 "killed by SIGINT (status 130)"
	else
		fail "SIGINT in the list ends the reader"
		kill -KILL "$pid" 2>/dev/null
	fi
fi
tui_stop
reap

# --- the question: y and n -----------------------------------------------------
if fresh ask; then
	cat >"$TMP/bin/stub" <<EOS
#!/bin/sh
printf '%s\n' "\$@" >>"$TMP/argv"
EOS
	tui_keys n
	tui_check "n: the question goes, and the status line says so" \
		tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "not opened"
	check "n: nothing is opened" test ! -e "$TMP/argv"
	tui_keys O
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "(y/n)"
	tui_keys y
	tui_check "y: the six papers are opened" \
		tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "opened 6 starred papers"
	is "$(wc -l <"$TMP/argv" 2>/dev/null | tr -d ' ')" 6 "y: the browser ran six times"
fi
tui_stop
reap

# --- not a terminal --------------------------------------------------------------
timeout 10 "$DIGEST_TUI" --offline </dev/null >"$TMP/out" 2>"$TMP/err"
is "$?" 2 "stdin from /dev/null: exit status 2"
is "$(wc -l <"$TMP/err" | tr -d ' ')" 1 "one line on stderr"
contains "$(cat "$TMP/err")" "use --list, --dump or --fetch" "saying what to use instead"
check "nothing on stdout (no screen drawn)" test ! -s "$TMP/out"

# --- idle costs nothing ----------------------------------------------------------
# Idle, the reader sleeps in ppoll with no timeout: a timer of any period
# (a poll every few seconds) would show as one. Over a window of 1 s (a
# sample: ticks and wake-ups would catch a busy loop or a short timer) it is
# not woken and charged no CPU.
IDLE_S=1
idle() {
	t0=$(ticks "$pid") w0=$(wakeups "$pid")
	sleep "$IDLE_S" # the window measured: nothing is waited for
	t1=$(ticks "$pid") w1=$(wakeups "$pid")
	sleeps_forever "$pid"
	case $? in
	0) pass "$1: it sleeps with no timer set" ;;
	2) skip "$1: no ppoll number known for $(uname -m)" ;;
	*) fail "$1: it sleeps with no timer set"; diag "/proc/PID/syscall: $(syscall "$pid")" ;;
	esac
	is "$((t1 - t0))" 0 "$1: no CPU tick in $IDLE_S s idle"
	is "$((w1 - w0))" 0 "$1: not woken once in $IDLE_S s (no cache yet: it waits on inotify, never looks)"
}
if fresh list; then
	if ! native "$pid"; then
		for _i in 1 2 3 4 5 6; do
			skip "the reader runs under $(cat "/proc/$pid/comm"): no CPU measure"
		done
	else
		# No mark-read timer runs: the opening paper was not moved to.
		idle "the list"
		tui_keys /
		tui_wait_until "$TUI_TIMEOUT" tui_last_row_is "/"
		idle "the / prompt"
	fi
fi
tui_stop

# --- a yank command that never reads its pipe -----------------------------------
if fresh list; then
	mkdir -p "$TMP/home/.config/digest-tui"
	tui_stop
	echo "set yank-command true" >"$TMP/home/.config/digest-tui/config"
	tui_start $W $H
	tui_wait_pos 1/8
	pid=$(tui_pid) && echo "$pid" >>"$TMP/pids"
	tui_keys y y y y y j
	tui_check "y with a yank command that exits at once: the reader goes on" tui_wait_pos 2/8
	check "and is still running" _alive "$pid"
	rm -f "$TMP/home/.config/digest-tui/config"
fi
tui_stop
reap

# --- the mark-read timer runs while a prompt is open -------------------------------
# (The timer starts when a key moves to a paper: j to paper 2.)
_second_read() { tui_list "$TUI_SCREEN" $W | awk -F'\t' 'NR == 2 { exit !($5 == " ") }'; }
_second_unread() { tui_list "$TUI_SCREEN" $W | awk -F'\t' 'NR == 2 { exit !($5 == "O") }'; }
if fresh list; then
	tui_stop
	mkdir -p "$TMP/home/.config/digest-tui"
	echo "set mark-read 2" >"$TMP/home/.config/digest-tui/config"
	TUI_ENV="DIGEST_TUI_TEST_MARK_READ_MS=$((TUI_TIMEOUT * 200))" tui_start $W $H
	tui_wait_pos 1/8
	pid=$(tui_pid) && echo "$pid" >>"$TMP/pids"
	tui_keys j /
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_is "/"
	check "mark-read 2: paper 2, moved to with j, is unread when / opens" _second_unread
	tui_check "mark-read 2: with / open, paper 2 is read once the delay is over" tui_wait_until "$TUI_TIMEOUT" _second_read
	check "and the prompt is still open" tui_last_row_is "/"
	rm -f "$TMP/home/.config/digest-tui/config"
fi
tui_stop
reap

# --- sleeping, it still sees marks another instance writes ------------------------
# (It sleeps until the journal's directory changes: no polling.)
_first_starred() { tui_list "$TUI_SCREEN" $W | awk -F'\t' 'NR == 1 { exit !($6 == "*") }'; }
if fresh list; then
	tui_settle
	journal=$(ls "$TMP"/home/.local/state/digest-tui/journals/*.marks 2>/dev/null)
	if [ -f "$journal" ]; then
		printf '2026-11-30T00:00:00.000000Z +s 2106.09685\n' >>"$journal"
		tui_check "a star another instance gave paper 1 shows within 3 s" \
			tui_wait_until 3 _first_starred
	else
		fail "the reader made its marks journal ($journal)"
	fi
fi
tui_stop
reap

# --- the lazy loader goes on behind a prompt --------------------------------------
# A cache of 600 generated posts, parsed lazily after the first frame.
CACHE_HOME=$TMP/home/.cache
mkdir -p "$CACHE_HOME"
python3 "$top_srcdir/tools/bench/mkarchive.py" --count 600 --last 2026-11-20 \
	"$TMP/archive" >/dev/null
XDG_CACHE_HOME=$CACHE_HOME "$DIGEST_TUI" --fetch --source "$TMP/archive" --days 600 \
	--until 2026-11-20 >/dev/null 2>&1
rm -rf "$TMP/archive"

# plateau: waits until the reader's rchar stays the same for 0.5 s (at most
# 90 s); prints it. (Loading, the reader reads on without a pause.)
plateau() {
	_last=-1 _same=0 _n=1800
	while [ "$_n" -gt 0 ]; do
		_r=$(rchar "$pid") || return 1
		if [ "$_r" = "$_last" ]; then
			_same=$((_same + 1))
			[ "$_same" -ge 10 ] && { echo "$_r"; return 0; }
		else
			_same=0
		fi
		_last=$_r
		sleep 0.05; _n=$((_n - 1))
	done
	echo "$_last"
}

_drawn_header() { [ -n "$(tui_pos)" ]; }
if [ ! -r /proc/self/io ]; then
	skip "no /proc/PID/io here"
elif [ "$(head -c 2 "$DIGEST_TUI")" = "#!" ]; then
	skip "the reader runs under a wrapper: its reads are not the loader's alone"
else
	# A first start leaves the digests it knew in the state directory
	# (seen-digests), which every later start reads: both starts measured
	# below are later ones.
	tui_stop
	tui_start $W $H
	tui_wait_until 30 _drawn_header
	tui_stop
	_seen_saved() { [ -s "$TMP/home/.local/state/digest-tui/seen-digests" ]; }
	_n=100
	while ! _seen_saved && [ "$_n" -gt 0 ]; do sleep 0.1; _n=$((_n - 1)); done
	tui_start $W $H
	tui_wait_until 30 _drawn_header
	pid=$(tui_pid)
	echo "$pid" >>"$TMP/pids"
	loaded=$(plateau)
	tui_stop

	tui_start $W $H
	# The prompt opens as soon as the first frame is out, while the
	# loader has most of the archive still to read.
	_n=3000
	while [ ! -s "$TUI_RAW" ] && [ "$_n" -gt 0 ]; do sleep 0.01; _n=$((_n - 1)); done
	tui_keys /
	pid=$(tui_pid)
	echo "$pid" >>"$TMP/pids"
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_is "/"
	at_open=$(rchar "$pid")
	behind=$(plateau)
	tui_capture "$TUI_SCREEN"
	check "the / prompt is still open" tui_last_row_is "/"
	diag "read: $loaded bytes without a prompt; $at_open when / opened, $behind with it open"
	if [ "$at_open" -ge $((loaded * 9 / 10)) ]; then
		skip "the archive was loaded before the prompt opened"
	else
		d=$((behind - loaded))
		[ "$d" -lt 0 ] && d=$((-d))
		if [ "$d" -le 1024 ]; then
			pass "with / open the lazy loader reads the whole archive, as without"
		else
			fail "with / open the lazy loader reads the whole archive, as without"
		fi
	fi
fi
tui_stop
reap

plan_done
