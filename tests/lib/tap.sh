# tap.sh: TAP helpers for the shell tests (sourced). Each test script calls
# `plan_done` at the end; automake's tap-driver reads the output.
# Environment from make check: DIGEST_TUI, top_srcdir, top_builddir, CORPUS_DIR.

: "${DIGEST_TUI:?run through make check}"
: "${top_srcdir:?run through make check}"
FIXTURES="$top_srcdir/tests/fixtures"
SAMPLE_DIR="$top_srcdir/data/sample"
export LC_ALL=C.UTF-8
_tap_n=0
_tap_failed=0

TMP=$(mktemp -d "${TMPDIR:-/tmp}/digest-tui-test.XXXXXX")

# at_exit CMD: runs the shell command CMD when the test ends, however it ends
# (the last registered first), then $TMP goes. This is the one EXIT trap: a
# library or test that set its own would replace the others' cleanup, and a
# test server left running holds the harness's pipe open until its lifetime
# is over. tap_cleanup runs it all now (for a test whose own trap must run
# something first; it runs once).
_tap_at_exit=
at_exit() { _tap_at_exit="$1; $_tap_at_exit"; }
tap_cleanup() {
	_c=$_tap_at_exit
	_tap_at_exit=
	eval "$_c"
	rm -rf "$TMP"
}
trap 'tap_cleanup' EXIT
trap 'tap_cleanup; exit 129' HUP
trap 'tap_cleanup; exit 130' INT
trap 'tap_cleanup; exit 141' PIPE
trap 'tap_cleanup; exit 143' TERM
# The developer's own configuration, cache, marks and notes never take part.
XDG_CONFIG_HOME=$TMP/xdg/config XDG_CACHE_HOME=$TMP/xdg/cache XDG_STATE_HOME=$TMP/xdg/state
XDG_DATA_HOME=$TMP/xdg/data
export XDG_CONFIG_HOME XDG_CACHE_HOME XDG_STATE_HOME XDG_DATA_HOME
# No test reaches a public address: paper facts (asked of Hugging Face and
# arXiv by --fetch) are off unless a test sets them up against 127.0.0.1.
# A test that writes its own configuration file keeps this line.
mkdir -p "$XDG_CONFIG_HOME/digest-tui"
printf 'set metadata no\n' >"$XDG_CONFIG_HOME/digest-tui/config"

# python3 once resolved: a version manager's shim (pyenv) in PATH runs a
# shell script or two before each start of the interpreter, and the tests
# start it hundreds of times. Calls from this shell go through the function,
# with -S: the test scripts use the standard library alone, and the site
# module's scan of site-packages can take most of a start (35 ms of 42 with
# pyenv's interpreter, 5 of 11 with Debian's).
if TAP_PYTHON3=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null) &&
	[ -x "$TAP_PYTHON3" ]; then
	python3() { "$TAP_PYTHON3" -S "$@"; }
fi

pass() { _tap_n=$((_tap_n + 1)); echo "ok $_tap_n - $*"; }
fail() { _tap_n=$((_tap_n + 1)); _tap_failed=$((_tap_failed + 1)); echo "not ok $_tap_n - $*"; }
diag() { printf '%s\n' "$@" | sed 's/^/# /'; }

# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() {
	d=$1; shift
	if "$@"; then pass "$d"; else fail "$d"; fi
}

# verdict STATUS DESCRIPTION [FILE]: passes when STATUS is 0; a failure
# shows FILE (what the check found) as diagnostics.
verdict() {
	if [ "$1" -eq 0 ]; then
		pass "$2"
	else
		fail "$2"
		[ -n "${3:-}" ] && [ -s "$3" ] && diag "$(cat "$3")"
	fi
	return 0
}

# is GOT WANT DESCRIPTION
is() {
	if [ "$1" = "$2" ]; then
		pass "$3"
	else
		fail "$3"
		diag "got:  $1" "want: $2"
	fi
}

# contains HAYSTACK NEEDLE DESCRIPTION
contains() {
	case "$1" in
	*"$2"*) pass "$3" ;;
	*) fail "$3"; diag "missing: $2" ;;
	esac
}

skip() { _tap_n=$((_tap_n + 1)); echo "ok $_tap_n # SKIP $*"; }
skip_all() { echo "1..0 # SKIP $*"; exit 0; }

# crash_report FILE: true when FILE (a program's stderr) holds a sanitizer
# report or a crash.
crash_report() {
	grep -q -E 'AddressSanitizer|LeakSanitizer|runtime error:|Segmentation fault|Aborted' "$1"
}

# no_crash NAME [FILE]: passes when FILE (default $TMP/err) holds no crash.
no_crash() {
	if crash_report "${2:-$TMP/err}"; then
		fail "$1: no crash, no sanitizer report"
		diag "$(head -n 30 "${2:-$TMP/err}")"
	else
		pass "$1: no crash, no sanitizer report"
	fi
}

# wait_until TIMEOUT CMD...: runs CMD every $WAIT_POLL seconds until it
# succeeds (returns 0) or TIMEOUT seconds have passed (returns 1): the way to
# wait for a state outside the terminal (a line in a file, a process gone).
WAIT_POLL=0.02
wait_polls() {
	awk -v t="$1" -v p="$WAIT_POLL" 'BEGIN { n = int(t / p); print (n < 1 ? 1 : n) }'
}
wait_until() {
	_wu_n=$(wait_polls "$1"); shift
	until "$@"; do
		[ "$_wu_n" -le 0 ] && return 1
		_wu_n=$((_wu_n - 1))
		sleep "$WAIT_POLL"
	done
	return 0
}
# wait_grep TIMEOUT REGEX FILE: FILE (it may not exist yet) has a line
# matching the extended REGEX.
wait_grep() { wait_until "$1" grep -q -E -e "$2" "$3" 2>/dev/null; }

have_corpus() { [ -n "${CORPUS_DIR:-}" ] && [ -d "$CORPUS_DIR/posts" ]; }

# max_width FILE: the widest line of FILE in terminal columns (wcwidth).
max_width() { python3 "$top_srcdir/tests/lib/termwidth.py" "$1"; }

plan_done() {
	echo "1..$_tap_n"
	[ "$_tap_failed" -eq 0 ]
}
