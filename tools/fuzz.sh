#!/bin/sh
# fuzz.sh: builds the libFuzzer targets (make fuzz) and runs each for a
# bounded time, then reports executions per target and any crash.
#
#   tools/fuzz.sh [TARGET...]     TARGET: post layout config search facts_hf
#                                 facts_arxiv (default: all)
#
# Environment:
#   FUZZ_SECONDS   seconds per target (default 60)
#   FUZZ_PARALLEL  targets run at once (default 1)
#   FUZZ_DIR       work directory: corpora, crashes, logs (default
#                  ${TMPDIR:-/tmp}/digest-tui-fuzz; kept between runs, so the
#                  corpora grow)
#   FUZZ_BUILDDIR  the configured build tree (default: the current directory
#                  when it has a Makefile, else the source tree)
#   FUZZ_NOBUILD   set: do not run make fuzz
#   FUZZ_ARGS      more libFuzzer options for every target
#
# Seeds come from the project's own files: tests/fixtures (and the inputs
# that once crashed a target, tests/fixtures/regress), data/sample and
# config/digest-tui.conf. A crash is saved as FUZZ_DIR/crashes/TARGET-crash-*
# and makes the script exit 1; reproduce it with
#   tests/fuzz/fuzz_TARGET FILE
# and keep it as a regression fixture in tests/fixtures/regress.
# Exit status: 0 no crash, 1 a crash (or a target that did not run), 2 usage.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
seconds=${FUZZ_SECONDS:-60}
parallel=${FUZZ_PARALLEL:-1}
work=${FUZZ_DIR:-${TMPDIR:-/tmp}/digest-tui-fuzz}
if [ -n "${FUZZ_BUILDDIR:-}" ]; then
	build=$FUZZ_BUILDDIR
elif [ -f Makefile ] && grep -q '^fuzz:' Makefile 2>/dev/null; then
	build=$(pwd)
else
	build=$top
fi
build=$(cd "$build" && pwd)

case "$seconds$parallel" in
*[!0-9]*) echo "fuzz.sh: FUZZ_SECONDS and FUZZ_PARALLEL want whole numbers" >&2; exit 2 ;;
esac
[ "$parallel" -ge 1 ] || parallel=1

targets=${*:-post layout config search facts_hf facts_arxiv}
for t in $targets; do
	case $t in
	post | layout | config | search | facts_hf | facts_arxiv) ;;
	*) echo "fuzz.sh: unknown target '$t' (post, layout, config, search, facts_hf, facts_arxiv)" >&2; exit 2 ;;
	esac
done

if [ -z "${FUZZ_NOBUILD:-}" ]; then
	echo "fuzz.sh: make fuzz in $build"
	make -C "$build" fuzz >"$work.build.log" 2>&1 || {
		cat "$work.build.log" >&2
		echo "fuzz.sh: make fuzz failed" >&2
		exit 1
	}
fi

mkdir -p "$work/crashes" "$work/logs"

# max_len per target: whole posts (a 16 KB post has room for every section
# and block kind), paragraphs, config files, a query and some text.
max_len() {
	case $1 in
	post) echo 16384 ;;
	layout) echo 4096 ;;
	config) echo 4096 ;;
	search) echo 2048 ;;
	facts_hf | facts_arxiv) echo 16384 ;;
	esac
}

# seed TARGET DIR: the project's files as inputs for TARGET.
seed() {
	_d=$2
	rm -rf "$_d"
	mkdir -p "$_d"
	case $1 in
	post)
		cp "$top"/tests/fixtures/*.md "$top"/tests/fixtures/*.bin \
			"$top"/tests/fixtures/*.txt "$top"/data/sample/*.md "$_d"/ 2>/dev/null
		;;
	config)
		cp "$top"/config/digest-tui.conf "$_d"/ 2>/dev/null
		# One seed per directive, from the sample's own lines.
		grep -E '^#? ?(set|source|bind|unbind|color) ' "$top"/config/digest-tui.conf |
			sed 's/^# \{0,1\}//' | split -l 8 - "$_d/lines-"
		;;
	facts_hf)
		cp "$top"/tests/lib/facts/*.json "$_d"/ 2>/dev/null
		;;
	facts_arxiv)
		cp "$top"/tests/lib/facts/*.xml "$_d"/ 2>/dev/null
		;;
	layout | search)
		# Paragraphs of the posts (lines of up to 2000 bytes), with the
		# parameter bytes the target reads first.
		python3 - "$1" "$_d" "$top"/tests/fixtures/*.md "$top"/data/sample/*.md <<'PY'
import os, random, sys
target, out, files = sys.argv[1], sys.argv[2], sys.argv[3:]
random.seed(8)
n = 0
for f in files:
    data = open(f, "rb").read()
    paras = [p for p in data.split(b"\n\n") if p.strip()]
    for p in paras[:40]:
        p = p[:2000]
        if target == "layout":
            params = bytes([random.choice([1, 2, 3, 5, 10, 20, 40, 79, 80, 120, 210]),
                            random.randrange(4), random.randrange(8, 24),
                            random.randrange(8, 24), random.randrange(256)])
            blob = params + p
        else:
            words = p.split()
            q = random.choice(words)[:255] if words else b"x"
            blob = bytes([len(q)]) + q + p
        with open(os.path.join(out, "seed-%05d" % n), "wb") as fh:
            fh.write(blob)
        n += 1
if target == "search":
    for q in ["ㄱㅎㅎㅅ", "ㅎㅎ", "강화 학습", "ATTENTION is", "é", "ﬁ"]:
        q = q.encode()
        with open(os.path.join(out, "seed-q%05d" % n), "wb") as fh:
            fh.write(bytes([len(q)]) + q + "강화학습 Attention is all you need 논문 ﬁnal Café\n".encode())
        n += 1
PY
		;;
	esac
	# Inputs that once crashed this target.
	for f in "$top"/tests/fixtures/regress/fuzz-"$1"-*; do
		[ -f "$f" ] && cp "$f" "$_d"/
	done
	return 0
}

# run TARGET: fuzzes it for $seconds seconds; the summary line goes to
# $work/logs/TARGET.result.
run() {
	_t=$1
	_bin=$build/tests/fuzz/fuzz_$_t
	_log=$work/logs/$_t.log
	_corpus=$work/corpus/$_t
	_seeds=$work/seeds/$_t
	mkdir -p "$_corpus"
	seed "$_t" "$_seeds"
	_t0=$(date +%s)
	# -timeout: one input taking 10 s is a hang; -rss_limit_mb: 2 GB is a leak
	# or a blow-up. New inputs go to the corpus (the first directory).
	# shellcheck disable=SC2086
	"$_bin" -max_total_time="$seconds" -max_len="$(max_len "$_t")" -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 -close_fd_mask=1 \
		-artifact_prefix="$work/crashes/$_t-" ${FUZZ_ARGS:-} \
		"$_corpus" "$_seeds" >"$_log" 2>&1
	_rc=$?
	_t1=$(date +%s)
	_execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$_log" | tail -n 1)
	_rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$_log" | tail -n 1)
	_units=$(ls "$_corpus" | wc -l | tr -d ' ')
	_crash=$(grep -m1 -o "Test unit written to .*" "$_log" | sed 's/Test unit written to //')
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$_t" "$_rc" "${_execs:-0}" "$((_t1 - _t0))" \
		"${_rss:--}" "$_units" "${_crash:--}" >"$work/logs/$_t.result"
}

echo "fuzz.sh: ${seconds}s per target, $parallel at a time, work directory $work"
rm -f "$work"/logs/*.result
start=$(date +%s)
running=0
for t in $targets; do
	if [ ! -x "$build/tests/fuzz/fuzz_$t" ]; then
		printf '%s\t127\t0\t0\t-\t0\t-\n' "$t" >"$work/logs/$t.result"
		continue
	fi
	run "$t" &
	running=$((running + 1))
	if [ "$running" -ge "$parallel" ]; then
		wait
		running=0
	fi
done
wait
end=$(date +%s)

status=0
total=0
printf '%-8s %12s %8s %9s %8s %7s  %s\n' target executions seconds "execs/s" "rss MB" corpus result
for t in $targets; do
	IFS='	' read -r name rc execs secs rss units crash <"$work/logs/$t.result"
	total=$((total + execs))
	rate=0
	[ "$secs" -gt 0 ] && rate=$((execs / secs))
	if [ "$rc" -eq 127 ]; then
		result="not built ($build/tests/fuzz/fuzz_$t)"
		status=1
	elif [ "$crash" != "-" ]; then
		result="CRASH: $crash"
		status=1
	elif [ "$rc" -ne 0 ]; then
		result="exit $rc (see $work/logs/$t.log)"
		status=1
	else
		result=ok
	fi
	printf '%-8s %12s %8s %9s %8s %7s  %s\n' "$name" "$execs" "$secs" "$rate" "$rss" "$units" "$result"
done
echo "fuzz.sh: $total executions in $((end - start)) s over: $targets"
if [ "$status" -ne 0 ]; then
	for t in $targets; do
		grep -q -E 'ERROR|invariant broken|deadly signal' "$work/logs/$t.log" 2>/dev/null || continue
		echo "--- $t: $work/logs/$t.log"
		grep -E -A25 'ERROR|invariant broken' "$work/logs/$t.log" | head -n 40
	done
	echo "fuzz.sh: reproduce with $build/tests/fuzz/fuzz_TARGET CRASH-FILE; keep the input in tests/fixtures/regress" >&2
fi
exit $status
