#!/bin/sh
# valgrind-check.sh: a representative part of the test suite under valgrind
# memcheck: every C unit test (tests/unit/test_*, and the fuzz
# targets' replay_* over every fixture), and the --list / --dump / --search /
# --check-config command line over the fixtures, the bundled sample, the
# inputs that once crashed a fuzz target and, when present, the real posts of
# ../shared/corpus; then every shell test of the suite (the reader's tmux
# tests included), with every digest-tui they start under valgrind.
#
#   tools/valgrind-check.sh            from a configured build tree (not one
#                                      built with --enable-sanitizers)
#
# Environment: VALGRIND_JOBS (runs at once, default: the number of CPUs),
# VALGRIND_BUILDDIR (the build tree, default: the current directory when it
# has digest-tui, else the source tree), CORPUS_DIR, VALGRIND (the command).
#
# Each run is valgrind --error-exitcode=1 --leak-check=full
# --errors-for-leak-kinds=definite; a run fails on any memcheck error or a
# definite leak (read from its log, so the program's own exit status, 2 for a
# file that is not a post, does not count). Logs go to $VALGRIND_LOGS
# (default: a temporary directory, kept when something failed). Exit status:
# 0 all clean, 1 errors, 2 cannot run (no valgrind, nothing built).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "${VALGRIND_BUILDDIR:-}" ]; then
	build=$VALGRIND_BUILDDIR
elif [ -x ./digest-tui ]; then
	build=.
else
	build=$top
fi
build=$(cd "$build" && pwd)
valgrind=${VALGRIND:-valgrind}
supp=$top/tools/valgrind.supp
jobs=${VALGRIND_JOBS:-$(nproc 2>/dev/null || echo 2)}
corpus=${CORPUS_DIR:-$top/../shared/corpus}

command -v "$valgrind" >/dev/null 2>&1 || {
	echo "valgrind-check: valgrind not found (Debian package valgrind; tools/install-deps.sh installs it)" >&2
	exit 2
}
# An absolute path: a test may run the program with a PATH of its own
# (sync_git.sh hides git so), and the wrapper must still find valgrind.
valgrind=$(command -v "$valgrind")
[ -x "$build/digest-tui" ] || {
	echo "valgrind-check: $build/digest-tui not built (run make, and make check for the unit tests)" >&2
	exit 2
}
if grep -q -a -e __asan_init -e AddressSanitizer "$build/digest-tui" 2>/dev/null; then
	echo "valgrind-check: $build/digest-tui is built with AddressSanitizer; valgrind needs a plain build" >&2
	exit 2
fi

logs=${VALGRIND_LOGS:-$(mktemp -d "${TMPDIR:-/tmp}/digest-tui-valgrind.XXXXXX")}
mkdir -p "$logs"
work=$(mktemp -d "${TMPDIR:-/tmp}/digest-tui-vgwork.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The environment of make check, with private configuration, cache and marks.
top_srcdir=$top top_builddir=$build DIGEST_TUI=$build/digest-tui CORPUS_DIR=$corpus
HOME=$work/home XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/cache XDG_STATE_HOME=$work/state
LC_ALL=C.UTF-8
export top_srcdir top_builddir DIGEST_TUI CORPUS_DIR HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_STATE_HOME LC_ALL
mkdir -p "$HOME"

# The runs, one per line: NAME<TAB>COMMAND, one program and its arguments
# quoted for sh (run in $build).
list=$work/runs
: >"$list"
add() { printf '%s\t%s\n' "$1" "$2" >>"$list"; }
q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

n_unit=0
for t in "$build"/tests/unit/test_* "$build"/tests/fuzz/replay_*; do
	[ -f "$t" ] && [ -x "$t" ] || continue
	case $t in *.c | *.o | *.h) continue ;; esac
	add "unit/$(basename "$t")" "$(q "$t")"
	n_unit=$((n_unit + 1))
done
[ "$n_unit" -gt 0 ] || echo "valgrind-check: no unit test built in $build (make check builds them); running the CLI only" >&2

dt=$(q "$build/digest-tui")
for w in 80 33; do
	add "dump-fixtures-w$w" "$dt --dump --width $w $(q "$top/tests/fixtures")"
done
add "list-fixtures" "$dt --list $(q "$top/tests/fixtures")"
add "list-sample" "$dt --list"
add "dump-sample" "$dt --dump --width 72 --line-break normal --ambiguous-width 2"
add "search-sample" "$dt --search attention"
add "search-initials" "$dt --search 'ㅁㄷ'"
add "check-config" "$dt -c $(q "$top/config/digest-tui.conf") --check-config"
for f in "$top"/tests/fixtures/regress/fuzz-post-*; do
	[ -f "$f" ] || continue
	add "regress-list-$(basename "$f")" "$dt --list $(q "$f")"
	add "regress-dump-$(basename "$f")" "$dt --dump --width 20 $(q "$f")"
done
if [ -d "$corpus/posts" ]; then
	add "list-corpus" "$dt --list $(q "$corpus/posts")"
	add "dump-corpus" "$dt --dump --width 100 $(q "$corpus/posts")"
	add "search-corpus" "$dt --search 강화학습 $(q "$corpus/posts")"
else
	echo "valgrind-check: no corpus at $corpus/posts: its runs are skipped" >&2
fi

# run NAME COMMAND: one run under valgrind; prints NAME and its verdict.
cat >"$work/run1.sh" <<'EOF'
name=$1 cmd=$2 valgrind=$3 logs=$4 supp=$5
log="$logs/$(echo "$name" | tr '/ ' '__').log"
start=$(date +%s)
eval "set -- $cmd"
"$valgrind" --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \
	--show-leak-kinds=definite --num-callers=30 --suppressions="$supp" --log-file="$log.%p" \
	"$@" >/dev/null 2>"$log.stderr"
rc=$?
secs=$(($(date +%s) - start))
errors=0 leaks=0
for l in "$log".*; do
	case $l in *.stderr) continue ;; esac
	[ -f "$l" ] || continue
	e=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$l" | tail -n 1)
	d=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$l" | tr -d , | tail -n 1)
	# A child that exec()ed or _exit()ed leaves a log without a summary:
	# count its error reports, if any.
	[ -z "$e" ] && e=$(grep -c -E '== (Invalid (read|write|free)|Conditional jump|Use of uninitialised|Syscall param|Mismatched free|Source and destination overlap|Process terminating)' "$l")
	errors=$((errors + ${e:-0}))
	leaks=$((leaks + ${d:-0}))
done
# A crash (signal) or a valgrind-reported error exit is a failure too.
if [ "$errors" -eq 0 ] && [ "$leaks" -eq 0 ] && [ "$rc" -lt 128 ] &&
	! grep -q -E 'Process terminating|Segmentation fault' "$log".* 2>/dev/null; then
	printf 'ok\t%s\t%ss\n' "$name" "$secs"
else
	printf 'FAIL\t%s\t%ss\t%s errors, %s bytes definitely lost, exit %s: %s.*\n' \
		"$name" "$secs" "$errors" "$leaks" "$rc" "$log"
fi
EOF

echo "valgrind-check: $(wc -l <"$list" | tr -d ' ') runs, $jobs at a time, logs in $logs"
start=$(date +%s)
cd "$build" || exit 2
tr '\n' '\0' <"$list" | xargs -0 -P "$jobs" -I{} sh -c '
	name=$(printf "%s" "$1" | cut -f1); cmd=$(printf "%s" "$1" | cut -f2-)
	sh "$2" "$name" "$cmd" "$3" "$4" "$5"' _ {} "$work/run1.sh" "$valgrind" "$logs" \
	"$supp" >"$work/results"
end=$(date +%s)

sort -k2 "$work/results" | while IFS='	' read -r verdict name secs rest; do
	printf '%-4s %-44s %6s  %s\n' "$verdict" "$name" "$secs" "$rest"
done
runs=$(wc -l <"$work/results" | tr -d ' ')
bad=$(grep -c '^FAIL' "$work/results")
echo "valgrind-check: $runs runs in $((end - start)) s: $((runs - bad)) clean, $bad with memcheck errors or definite leaks"
if [ "$bad" -gt 0 ]; then
	for f in $(grep '^FAIL' "$work/results" | sed 's/.*: \(.*\)\.\*$/\1/'); do
		for l in "$f".*; do
			case $l in *.stderr) continue ;; esac
			grep -q -E 'ERROR SUMMARY: [1-9]|definitely lost|Invalid|uninitialised|Process terminating' "$l" 2>/dev/null || continue
			echo "--- $l"
			head -n 60 "$l"
		done
	done
fi

# Part 2: every shell test of the suite, every digest-tui they start under
# valgrind: make check with DIGEST_TUI_UNDER_TEST naming a wrapper. A
# memcheck error or a definite leak makes that run exit 97, which fails its
# test, and leaves a log: both count. The tmux tests wait up to TUI_TIMEOUT
# (60 s here) for each screen: valgrind runs the reader ~30x slower.
# VALGRIND_NO_SUITE=1 leaves this part out.
suite_tests=$(cd "$top" && ls tests/*.sh)
suite_bad=0
if [ -z "${VALGRIND_NO_SUITE:-}" ] && [ -f "$build/Makefile" ]; then
	mkdir -p "$logs/suite"
	{
		echo '#!/bin/sh'
		echo "exec $(q "$valgrind") --quiet --error-exitcode=97 --leak-check=full \\"
		echo "	--errors-for-leak-kinds=definite --show-leak-kinds=definite --num-callers=30 \\"
		echo "	--suppressions=$(q "$supp") --log-file=$(q "$logs/suite")/%p.log \\"
		echo "	$(q "$build/digest-tui") \"\$@\""
	} >"$work/digest-tui"
	chmod +x "$work/digest-tui"
	echo "valgrind-check: make check under valgrind: $(echo $suite_tests | wc -w | tr -d ' ') shell tests"
	start=$(date +%s)
	# shellcheck disable=SC2086
	make -C "$build" -j"$jobs" check TESTS="$(echo $suite_tests)" \
		DIGEST_TUI_UNDER_TEST="$work/digest-tui" TUI_TIMEOUT="${TUI_TIMEOUT:-60}" \
		>"$work/suite.out" 2>&1
	suite_rc=$?
	end=$(date +%s)
	grep -E '^(# [A-Z]+:|FAIL|ERROR)' "$work/suite.out"
	# Quiet valgrind writes nothing for a clean run.
	reports=$(find "$logs/suite" -name '*.log' -size +0 | wc -l | tr -d ' ')
	runs=$(find "$logs/suite" -name '*.log' | wc -l | tr -d ' ')
	echo "valgrind-check: $runs runs of digest-tui by the tests in $((end - start)) s: $reports with memcheck errors or definite leaks"
	for l in $(find "$logs/suite" -name '*.log' -size +0 | head -n 5); do
		echo "--- $l"
		head -n 60 "$l"
	done
	[ "$suite_rc" -eq 0 ] && [ "$reports" -eq 0 ] || suite_bad=1
fi

if [ "$bad" -gt 0 ] || [ "$suite_bad" -gt 0 ]; then
	exit 1
fi
[ -n "${VALGRIND_LOGS:-}" ] || rm -rf "$logs"
exit 0
