#!/bin/sh
# make bench: digest-tui against its peers on an archive of about 900 posts
# (the real corpus repeated under other dates, else synthetic posts), as one
# table of medians, each row measured side by side with its peer:
#   1 --dump vs cmark, 2 first full frame vs sfeed_curses, 3 search per
#   keystroke, 4 peak RSS vs the archive's size, 5 CPU to scroll 1,000 papers,
#   6 fetch parallel vs sequential (tools/bench-fetch.sh), 7 --search, --list
#   and --export over the cache vs grep -rl, 8 peak RSS of --search ㄱ, 9 first
#   full frame from a DIR argument vs sfeed_curses, 10 paper facts for a 30-day
#   window vs arXiv's 3 s floor, 11 the reader's archive search (f), 12 the
#   for-me model: training and scoring (tests/unit/bench_rank), 13 the
#   merge of two machines' marks journals (ten years) and the first frame
#   with sync settings.
#
#   tools/bench.sh [--posts N] [--runs N] [--rows ROWS]
#   make bench [BENCH_FLAGS='--posts 2400']     (2,400 posts: ten years)
#
# The work is in tools/bench/bench.py; see its header. Options win over the
# environment:
#   DIGEST_TUI    the program (default ./digest-tui)
#   CORPUS_DIR    the real posts' parent (default ../shared/corpus)
#   BENCH_SEARCH  tests/unit/bench_search (default ./tests/unit/bench_search)
#   BENCH_RANK    tests/unit/bench_rank (default ./tests/unit/bench_rank)
#   BENCH_MARKS   tests/unit/bench_marks (default ./tests/unit/bench_marks)
#   RUNS          runs per row, at least 5 (default 7)
#   POSTS         posts in the archive (default 900)
#   BENCH_ROWS    which rows to run, e.g. 125 (default 123456789abcd: a is row
#                 10, paper facts; b row 11, the reader's archive search; c
#                 row 12, for-me; d row 13, marks of two machines)
set -eu
while [ $# -gt 0 ]; do
	case $1 in
	--posts) POSTS=${2:?--posts wants a number}; shift 2 ;;
	--runs) RUNS=${2:?--runs wants a number}; shift 2 ;;
	--rows) BENCH_ROWS=${2:?--rows wants rows, e.g. 789}; shift 2 ;;
	*) echo "bench: unknown option $1 (--posts N, --runs N, --rows ROWS)" >&2; exit 2 ;;
	esac
done
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${DIGEST_TUI:-./digest-tui}
corpus=${CORPUS_DIR:-$top/../shared/corpus}/posts
search=${BENCH_SEARCH:-./tests/unit/bench_search}
rank=${BENCH_RANK:-./tests/unit/bench_rank}
marks=${BENCH_MARKS:-./tests/unit/bench_marks}
command -v python3 >/dev/null || { echo "bench: python3 is missing" >&2; exit 1; }
[ -x "$bin" ] || { echo "bench: no digest-tui at $bin (set DIGEST_TUI)" >&2; exit 1; }

# The peers come from Debian only: cmark, and sfeed (sfeed_curses), installed
# here when missing and we are root; otherwise their rows say they are missing.
if ! command -v sfeed_curses >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "bench: installing the Debian package sfeed (for sfeed_curses)" >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q sfeed >/dev/null 2>&1 ||
			echo "bench: apt-get install sfeed failed; row 2 has no peer" >&2
	else
		echo "bench: sfeed_curses (Debian package sfeed) is missing; row 2 has no peer" >&2
	fi
fi
command -v cmark >/dev/null 2>&1 ||
	echo "bench: cmark (Debian package cmark) is missing; row 1 has no peer" >&2

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
exec python3 "$top/tools/bench/bench.py" --bin "$bin" --top "$top" --corpus "$corpus" \
	--bench-search "$search" --bench-rank "$rank" --bench-marks "$marks" --runs "${RUNS:-7}" \
	--posts "${POSTS:-900}" --only "${BENCH_ROWS:-123456789abcd}"
