#!/bin/sh
# Fetch throughput: 90 posts from a local test server (127.0.0.1, no network)
# that answers every request after 50 ms, fetched into an empty cache with
# PARALLEL transfers at once (default 4, as digest-tui does) and with 1
# (sequential); medians of RUNS runs each (default 5), interleaved so machine
# drift hits both alike. Parallelism is set with DIGEST_TUI_PARALLEL.
# Then discovery: requests and time of the github listing source
# against the date template over the same 30 days (see below).
set -eu
bin=${DIGEST_TUI:-./digest-tui}
top=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-5}
parallel=${PARALLEL:-4}
latency=${LATENCY_MS:-50}
posts=90
command -v python3 >/dev/null || { echo "bench-fetch: python3 is missing" >&2; exit 1; }
[ -x "$bin" ] || { echo "bench-fetch: no digest-tui at $bin (set DIGEST_TUI)" >&2; exit 1; }

tmp=$(mktemp -d)
pid=
cleanup() { [ -z "$pid" ] || kill "$pid" 2>/dev/null || :; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM

# 90 small posts, one a day up to 2025-12-31.
python3 - "$tmp/www/p" "$posts" <<'EOF'
import datetime, os, sys
root, n = sys.argv[1], int(sys.argv[2])
os.makedirs(root)
last = datetime.date(2025, 12, 31)
for i in range(n):
    d = last - datetime.timedelta(days=i)
    with open(os.path.join(root, d.isoformat() + ".md"), "w", encoding="utf-8") as f:
        f.write('---\ntitle: "Daily Papers — %s"\ndate: %s 08:00:00\n---\n' % (d, d))
        for k in range(1, 6):
            f.write("\n# %d. [Paper %d](https://arxiv.org/abs/2512.%05d)\n\n"
                    "## Introduction\n\n- Goal: %d번째 논문의 목표를 설명한다.\n\n"
                    "## Method\n\n%s\n" % (k, k, i * 10 + k, k, "방법을 설명하는 문장. " * 40))
EOF

python3 "$top/tests/lib/httpd.py" --root "$tmp/www" --port-file "$tmp/port" \
	--log "$tmp/log" --latency-ms "$latency" --lifetime 900 &
pid=$!
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$tmp/port" ] || { echo "bench-fetch: the test server did not start" >&2; exit 1; }
src="bench=http://127.0.0.1:$(cat "$tmp/port")/ok/p/%F.md"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY

now_ns() { date +%s%N; }
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

# one_run PARALLELISM: ns for a fetch of every post into an empty cache.
one_run() {
	rm -rf "$tmp/cache"
	t0=$(now_ns)
	out=$(DIGEST_TUI_PARALLEL=$1 XDG_CACHE_HOME="$tmp/cache" "$bin" --fetch \
		--metadata no --source "$src" --days "$posts" --until 2025-12-31 2>&1) || {
		echo "bench-fetch: the fetch failed: $out" >&2; exit 1; }
	t1=$(now_ns)
	case "$out" in
	*"$posts new,"*) ;;
	*) echo "bench-fetch: unexpected result: $out" >&2; exit 1 ;;
	esac
	echo $((t1 - t0))
}

i=0
while [ $i -lt "$runs" ]; do
	one_run "$parallel" >>"$tmp/par"
	one_run 1 >>"$tmp/seq"
	i=$((i + 1))
done
p=$(median <"$tmp/par")
s=$(median <"$tmp/seq")
echo "fetch: $posts posts, ${latency} ms server latency per response; medians of $runs runs"
awk -v p="$p" -v s="$s" -v n="$parallel" 'BEGIN {
	printf "%-26s %8.0f ms\n", "parallel (" n " at once)", p / 1e6
	printf "%-26s %8.0f ms\n", "sequential (1 at once)", s / 1e6
	printf "%-26s %8.2f x\n", "speed-up sequential/parallel", s / p
}'

# Discovery: the same 30 days — 22 weekday posts, as the blog
# publishes — through the github source (one trees-API listing, then the
# posts) and through the date template (one request a day), from the
# loopback stand-in of GitHub (tests/lib/github_httpd.py) with the same
# latency: requests and time of a first fetch into an empty cache, and of a
# refresh right after it. Medians of RUNS runs each.
python3 - "$tmp/repos/bn/blog/main/_posts" <<'EOF2'
import datetime, os, sys
root = sys.argv[1]
os.makedirs(root)
last = datetime.date(2025, 12, 31)
for i in range(30):
    d = last - datetime.timedelta(days=i)
    if d.weekday() >= 5:
        continue
    with open(os.path.join(root, "%s-daily-papers-%s.md" % (d.isoformat(), d.strftime("%Y%m%d"))),
              "w", encoding="utf-8") as f:
        f.write('---\ntitle: "Daily Papers — %s"\ndate: %s 08:00:00\n---\n' % (d, d))
        for k in range(1, 6):
            f.write("\n# %d. [Paper %d](https://arxiv.org/abs/2512.%05d)\n\n"
                    "## Introduction\n\n- Goal: %d번째 논문의 목표를 설명한다.\n\n"
                    "## Method\n\n%s\n" % (k, k, i * 10 + k, k, "방법을 설명하는 문장. " * 40))
EOF2
python3 "$top/tests/lib/github_httpd.py" --repos "$tmp/repos" --port-file "$tmp/ghport" \
	--log "$tmp/ghlog" --latency-ms "$latency" --lifetime 900 &
ghpid=$!
trap 'kill "$ghpid" 2>/dev/null || :; cleanup' EXIT INT TERM
i=0
while [ ! -s "$tmp/ghport" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$tmp/ghport" ] || { echo "bench-fetch: the GitHub stand-in did not start" >&2; exit 1; }
gh="http://127.0.0.1:$(cat "$tmp/ghport")"
mkdir -p "$tmp/config/digest-tui"
printf 'set metadata no\nset github-api-url %s/api\nset github-raw-url %s/raw\n' "$gh" "$gh" \
	>"$tmp/config/digest-tui/config"
: >"$tmp/ghlog"

# gh_run SOURCE FRESH: "NS REQUESTS" of one fetch of the 30 days (FRESH: into
# an empty cache).
gh_run() {
	[ "$2" = 1 ] && rm -rf "$tmp/ghcache"
	before=$(wc -l <"$tmp/ghlog")
	t0=$(now_ns)
	XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/ghcache" "$bin" --fetch \
		--source "$1" --days 30 --until 2025-12-31 >/dev/null 2>&1 || {
		echo "bench-fetch: the fetch of $1 failed" >&2; exit 1; }
	t1=$(now_ns)
	sleep 0.3   # the stand-in logs just after answering
	echo "$((t1 - t0)) $(( $(wc -l <"$tmp/ghlog") - before ))"
}
lsrc="bench=github bn/blog"
tsrc="bench=$gh/raw/bn/blog/main/_posts/%Y-%m-%d-daily-papers-%Y%m%d.md"
i=0
while [ $i -lt "$runs" ]; do
	gh_run "$lsrc" 1 >>"$tmp/l1"; gh_run "$lsrc" 0 >>"$tmp/l2"
	gh_run "$tsrc" 1 >>"$tmp/t1"; gh_run "$tsrc" 0 >>"$tmp/t2"
	i=$((i + 1))
done
echo "discovery: 30 days, 22 posts, ${latency} ms latency; medians of $runs runs"
for k in l1 l2 t1 t2; do
	ms=$(cut -d' ' -f1 <"$tmp/$k" | median)
	rq=$(cut -d' ' -f2 <"$tmp/$k" | median)
	case $k in
	l1) name="listing first fetch" ;; l2) name="listing refresh" ;;
	t1) name="template first fetch" ;; t2) name="template refresh" ;;
	esac
	awk -v n="$name" -v ms="$ms" -v rq="$rq" 'BEGIN {
		printf "%-26s %4d requests %6.0f ms\n", n, rq, ms / 1e6 }'
done
