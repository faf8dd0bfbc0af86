#!/bin/sh
# Parsing and layout cost over the real corpus, against cmark rendering the
# same files to HTML, measured in the same run: medians of RUNS runs each,
# interleaved so machine drift hits all three alike.
#   parse  = digest-tui --list DIR         (read + parse every post)
#   layout = digest-tui --dump --width 80  (parse + lay out + print)
#   cmark  = cmark FILES > /dev/null       (the peer: parse + render HTML)
set -eu
bin=${DIGEST_TUI:-./digest-tui}
corpus=${CORPUS_DIR:-$(dirname "$0")/../../shared/corpus}/posts
runs=${RUNS:-11}
[ -d "$corpus" ] || { echo "bench-parse: no corpus at $corpus" >&2; exit 1; }
command -v cmark >/dev/null || { echo "bench-parse: cmark (Debian package cmark) is missing" >&2; exit 1; }

now_ns() { date +%s%N; }
time_ns() { t0=$(now_ns); "$@" >/dev/null; t1=$(now_ns); echo $((t1 - t0)); }
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
i=0
while [ $i -lt "$runs" ]; do
	time_ns "$bin" --list "$corpus" >>"$tmp/parse"
	time_ns "$bin" --dump --width 80 "$corpus" >>"$tmp/dump"
	time_ns cmark "$corpus"/*.md >>"$tmp/cmark"
	i=$((i + 1))
done
p=$(median <"$tmp/parse"); d=$(median <"$tmp/dump"); c=$(median <"$tmp/cmark")
files=$(ls "$corpus"/*.md | wc -l); bytes=$(cat "$corpus"/*.md | wc -c)
echo "corpus: $files posts, $bytes bytes; medians of $runs runs"
awk -v p="$p" -v d="$d" -v c="$c" 'BEGIN {
	printf "%-34s %8.2f ms\n", "parse (--list)", p / 1e6
	printf "%-34s %8.2f ms\n", "parse + layout (--dump --width 80)", d / 1e6
	printf "%-34s %8.2f ms\n", "cmark to HTML", c / 1e6
	printf "%-34s %8.2f   (target <= 2.0)\n", "ratio parse / cmark", p / c
	printf "%-34s %8.2f   (target <= 1.5)\n", "ratio (parse+layout) / parse", d / p
}'
