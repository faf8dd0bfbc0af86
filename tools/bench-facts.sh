#!/bin/sh
# Paper facts for a 30-day window: 30 posts of 7 papers (210) in the cache,
# then `digest-tui --fetch` learning their facts from a local server
# (tests/lib/facts_httpd.py on 127.0.0.1, no network) that plays Hugging Face
# (which knows 3 of each day's 7 papers) and the arXiv API (the other 120:
# two requests).
# Prints the requests made and the wall time against the floor arXiv's
# 3-second spacing sets: (arXiv requests - 1) x 3 s. Medians of RUNS runs
# (default 3), each into a cache without facts; then one run right after,
# which must ask nothing.
set -eu
bin=${DIGEST_TUI:-./digest-tui}
top=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-3}
days=30
per_day=7
command -v python3 >/dev/null || { echo "bench-facts: python3 is missing" >&2; exit 1; }
[ -x "$bin" ] || { echo "bench-facts: no digest-tui at $bin (set DIGEST_TUI)" >&2; exit 1; }

tmp=$(mktemp -d)
pid=
cleanup() { [ -z "$pid" ] || kill "$pid" 2>/dev/null || :; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM

# The posts, the daily-papers answers and the arXiv database.
python3 - "$tmp" "$days" "$per_day" <<'PY'
import datetime, json, os, sys
tmp, days, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(tmp + "/posts"); os.makedirs(tmp + "/fix")
last = datetime.date(2025, 10, 31)
db = {}
for i in range(days):
    d = last - datetime.timedelta(days=i)
    hf = []
    with open("%s/posts/%s.md" % (tmp, d), "w", encoding="utf-8") as f:
        f.write('---\ntitle: "Daily Papers — %s"\ndate: %s 08:00:00\n---\n' % (d, d))
        for k in range(1, per + 1):
            pid = "2510.%05d" % (i * 10 + k)
            f.write("\n# %d. [Paper %s](https://arxiv.org/abs/%s)\n\n## Introduction\n\n"
                    "- Goal: 목표.\n" % (k, pid, pid))
            authors = ["Author %d-%d" % (k, a) for a in range(6)]
            abstract = "An abstract of a few sentences. " * 30
            if k % 3 == 1:
                hf.append({"paper": {"id": pid, "title": "Paper " + pid, "summary": abstract,
                                     "authors": [{"name": a} for a in authors],
                                     "upvotes": k, "publishedAt": "%sT00:00:00.000Z" % d}})
            else:
                db[pid] = {"title": "Paper " + pid, "summary": abstract, "authors": authors,
                           "published": "%sT00:00:00Z" % d, "primary": "cs.CL",
                           "categories": ["cs.CL", "cs.LG"], "comment": "10 pages"}
    json.dump(hf, open("%s/fix/hf-%s.json" % (tmp, d), "w"))
json.dump(db, open(tmp + "/fix/arxiv-db.json", "w"))
PY

python3 "$top/tests/lib/facts_httpd.py" --fixtures "$tmp/fix" --port-file "$tmp/port" \
	--log "$tmp/log" --lifetime 900 &
pid=$!
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$tmp/port" ] || { echo "bench-facts: the test server did not start" >&2; exit 1; }
base="http://127.0.0.1:$(cat "$tmp/port")"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export no_proxy='*' NO_PROXY='*'
export XDG_CACHE_HOME="$tmp/cache" XDG_CONFIG_HOME="$tmp/config" HOME="$tmp/home"
mkdir -p "$XDG_CONFIG_HOME/digest-tui" "$HOME"
printf 'set metadata-hf-url "%s/hf/daily_papers?date=%%F"\nset metadata-arxiv-url %s/arxiv/query\n' \
	"$base" "$base" >"$XDG_CONFIG_HOME/digest-tui/config"
src="b=file://$tmp/posts/%F.md"
# The posts first, without facts.
"$bin" --fetch --metadata no --source "$src" --days "$days" --until 2025-10-31 >/dev/null

now_ns() { date +%s%N; }
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
: >"$tmp/times"
r=0
while [ $r -lt "$runs" ]; do
	rm -rf "$XDG_CACHE_HOME/digest-tui/facts"
	: >"$tmp/log"
	t0=$(now_ns)
	out=$("$bin" --fetch --source "$src" --days "$days" --until 2025-10-31 2>&1) || {
		echo "bench-facts: the fetch failed: $out" >&2; exit 1; }
	t1=$(now_ns)
	echo $((t1 - t0)) >>"$tmp/times"
	r=$((r + 1))
done
hf=$(grep -c '/hf/' "$tmp/log" || :)
ax=$(grep -c '/arxiv/' "$tmp/log" || :)
learned=$(printf '%s\n' "$out" | sed -n 's/^facts: \([0-9]*\) learned.*/\1/p')
wall=$(median <"$tmp/times")
floor=$(( ax > 1 ? (ax - 1) * 3000 : 0 ))
: >"$tmp/log"
t0=$(now_ns)
again=$("$bin" --fetch --source "$src" --days "$days" --until 2025-10-31 2>&1)
t1=$(now_ns)
asked=$(wc -l <"$tmp/log" | tr -d ' ')
printf 'facts, %d-day window (%d papers): %s learned; %d Hugging Face + %d arXiv requests; wall %d ms (median of %d) against a floor of %d ms (arXiv 3 s spacing): %d ms over\n' \
	"$days" $((days * per_day)) "$learned" "$hf" "$ax" $((wall / 1000000)) "$runs" "$floor" \
	$((wall / 1000000 - floor))
printf 'facts, again right after: %d requests, %d ms (%s)\n' "$asked" $(((t1 - t0) / 1000000)) \
	"$(printf '%s\n' "$again" | grep '^facts:')"
