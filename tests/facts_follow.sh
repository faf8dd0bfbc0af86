#!/bin/sh
# Paper facts follow the posts, not today's date, and go quiet offline,
# against loopback stand-ins only (tests/lib/facts_httpd.py for Hugging Face
# and arXiv, tests/lib/github_httpd.py for the blog): with the blog's newest
# post more than a year before today, --fetch without --until learns the
# facts of the posts it fetched, asking Hugging Face for their days; cached
# papers without facts (the backlog) are learned too, newest first, at most
# 7 days and 300 papers a run, and a paper found nowhere is not asked again
# the next run; a facts host that does not resolve, or refuses the
# connection, is one line and no further request.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/fetchlib.sh"
. "$top_srcdir/tests/lib/factslib.sh"

export DIGEST_TUI_ARXIV_BATCH=2 DIGEST_TUI_TEST_ARXIV_GAP_MS=50
unset GITHUB_TOKEN

# The blog: three posts of October 2025, a year and more before today.
# 2510.10001-2 and 2510.20001: Hugging Face knows them. 2510.10003,
# 2510.20002-3 and 2510.30001: only arXiv. 2510.10004: neither.
REPOS="$TMP/repos"
start_github
start_facts_server
LOG=$FLOG
FX="$REPOS/fx/blog/main/_posts"
mkdir -p "$FX"
facts_post "$FX/2025-10-01-daily-papers-20251001.md" 2025-10-01 \
	2510.10001 2510.10002 2510.10003 2510.10004
facts_post "$FX/2025-10-02-daily-papers-20251002.md" 2025-10-02 2510.20001 2510.20002 2510.20003
facts_post "$FX/2025-10-03-daily-papers-20251003.md" 2025-10-03 2510.30001 2510.10001
SRC="fx=github fx/blog"
GHCONF="set github-api-url $GH/api"
GHRAW="set github-raw-url $GH/raw"
TODAY=$(date +%F)

# asked ROUTE: what the requests to ROUTE since the mark asked for (days,
# arXiv IDs), in the order they came, space-separated.
asked() {
	log_settle
	flog_since | grep "$1" | sort -s -n -k1,1 | cut -f5 | tr ',' '\n' | tr '\n' ' ' | sed 's/ $//'
}
# facts_line: the summary line of the last run_fetch.
facts_line() { printf '%s\n' "$OUT" | grep '^facts: '; }

# --- the facts follow the posts ----------------------------------------------
use_server hf arxiv "$GHCONF" "$GHRAW"
flog_mark
run_fetch --source "$SRC"
is "$rc" 0 "--fetch without --until, the newest post long before today ($TODAY): exit 0"
contains "$OUT" "fx: 3 new" "  the posts are fetched (the window follows the newest post)"
is "$(facts_line)" \
	"facts: 7 learned, 1 not found, 0 known, 0 failed (3 Hugging Face requests, 3 arXiv requests)" \
	"  and so are their papers' facts, whatever today's date"
is "$ERR" "" "  nothing on stderr"
is "$(asked /hf/daily_papers)" "2025-10-03 2025-10-02 2025-10-01" \
	"  Hugging Face is asked for the days of the posts, newest first"
is "$(flog_since | grep -c "date=${TODAY%-*}")" 0 "  not for days of a window ending today"
is "$(asked /arxiv/query)" "2510.30001 2510.20002 2510.20003 2510.10003 2510.10004" \
	"  arXiv for the papers Hugging Face does not know, newest first"
check "  their facts are cached" sh -c "test -s '$FACTS/2510.10001.json' && test -s '$FACTS/2510.30001.json'"

# --- offline: one line a host -------------------------------------------------
# A port nothing listens on: connecting is refused at once.
closed=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
rm -rf "$FACTS"
{
	printf 'set metadata yes\nset metadata-hf-url "http://127.0.0.1:%s/hf/daily_papers?date=%%F"\n' "$closed"
	printf 'set metadata-arxiv-url %s/arxiv/query\n%s\n%s\n' "$FBASE" "$GHCONF" "$GHRAW"
} >"$CONF"
flog_mark
# --until: the same papers as a build that followed today's date would ask.
run_fetch --source "$SRC" --until 2025-10-03
is "$rc" 1 "Hugging Face refuses the connection: exit status 1"
is "$(printf '%s\n' "$ERR" | grep -c 'facts: ')" 1 "  one line for it, not one per day (three days)"
contains "$ERR" "facts: cannot reach 127.0.0.1:$closed (" "  naming the host"
contains "$ERR" "; not asked again this time" "  and saying it is asked no more"
contains "$(facts_line)" "(1 Hugging Face request, 4 arXiv requests)" \
	"  one request to it; arXiv is still asked, for every paper"
contains "$(facts_line)" "facts: 4 learned, 4 not found" "  and arXiv's papers are learned"

# A name that does not resolve: in a network namespace of its own (only a
# loopback, down), so that no lookup leaves this machine.
if unshare -rn true 2>/dev/null; then
	offline_fetch() {
		_t0=$(date +%s)
		unshare -rn "$DIGEST_TUI" --fetch --source "fx=$TMP/noposts" --until 2025-10-03 >"$TMP/out" 2>"$TMP/err"
		rc=$?
		SECS=$(($(date +%s) - _t0))
		OUT=$(cat "$TMP/out")
		ERR=$(cat "$TMP/err")
	}
	mkdir -p "$TMP/noposts"
	rm -rf "$FACTS"
	printf 'set metadata yes\nset metadata-hf-url "%s"\nset metadata-arxiv-url %s\n' \
		'http://nohost.invalid/hf/daily_papers?date=%F' http://other.invalid/arxiv/query >"$CONF"
	offline_fetch
	is "$rc" 1 "two facts hosts that do not resolve: exit status 1"
	is "$(printf '%s\n' "$ERR" | grep -c 'facts: ')" 2 "  one line each, not one per request"
	contains "$ERR" "facts: cannot reach nohost.invalid (" "  for Hugging Face's host"
	contains "$ERR" "facts: cannot reach other.invalid (" "  for arXiv's"
	contains "$(facts_line)" "(1 Hugging Face request, 1 arXiv request)" "  one request each"
	check "  at once, not after a timeout ($SECS s)" test "$SECS" -lt 10
	printf 'set metadata yes\nset metadata-hf-url "%s"\nset metadata-arxiv-url %s\n' \
		'http://nohost.invalid/hf/daily_papers?date=%F' http://nohost.invalid/arxiv/query >"$CONF"
	offline_fetch
	is "$(printf '%s\n' "$ERR" | grep -c 'facts: ')" 1 "both on one host that does not resolve: one line"
	contains "$(facts_line)" "(1 Hugging Face request, 0 arXiv requests)" "  and one request in all"
else
	for t in 1 2 3 4 5 6 7 8; do skip "a name that does not resolve: no network namespace here (unshare -rn)"; done
fi

# --- the backlog ---------------------------------------------------------------
# The blog's facts learned again; then ten older posts of the same source
# (August 2025, a paper each, unknown to both: found nowhere) cached
# without facts, outside the window.
rm -rf "$FACTS"
use_server hf arxiv "$GHCONF" "$GHRAW"
run_fetch --source "$SRC"
contains "$(facts_line)" "facts: 7 learned, 1 not found" "the blog's facts learned again"
mkdir -p "$WWW/old"
d=2025-08-01
while [ "$d" != 2025-08-11 ]; do
	facts_post "$WWW/old/$d.md" "$d" "2508.000$(echo "$d" | cut -c9-10)"
	d=$(date -u -d "$d + 1 day" +%F)
done
run_fetch --metadata no --source "fx=file://$WWW/old/%F.md" --days 10 --until 2025-08-10
is "$rc" 0 "ten older posts are cached, without facts"

flog_mark
run_fetch --source "$SRC"
is "$rc" 0 "the next --fetch: exit 0"
is "$(facts_line)" \
	"facts: 0 learned, 7 not found, 8 known, 0 failed (7 Hugging Face requests, 4 arXiv requests)" \
	"  the fetched posts' papers are known; 7 days of the backlog are asked"
is "$(asked /hf/daily_papers)" \
	"2025-08-10 2025-08-09 2025-08-08 2025-08-07 2025-08-06 2025-08-05 2025-08-04" \
	"  newest first, Hugging Face a request a day"
is "$(asked /arxiv/query)" \
	"2508.00010 2508.00009 2508.00008 2508.00007 2508.00006 2508.00005 2508.00004" \
	"  then arXiv, newest first"
check "  a paper found nowhere is remembered" grep -q '"missing": true' "$FACTS/2508.00010.json"

flog_mark
run_fetch --source "$SRC"
is "$(facts_line)" \
	"facts: 0 learned, 3 not found, 8 known, 0 failed (3 Hugging Face requests, 2 arXiv requests)" \
	"the run after asks for the rest of the backlog"
is "$(asked /arxiv/query)" "2508.00003 2508.00002 2508.00001" "  the oldest papers, not those asked before"

flog_mark
run_fetch --source "$SRC"
is "$(facts_line)" \
	"facts: 0 learned, 0 not found, 8 known, 0 failed (0 Hugging Face requests, 0 arXiv requests)" \
	"then nothing is left: papers found nowhere are not asked every run"
is "$(flog_since | wc -l | tr -d ' ')" 0 "  no request"

# One older day of 305 papers: 300 a run.
ids=$(seq -f '2507.%05g' 1 305 | tr '\n' ' ')
# shellcheck disable=SC2086 # one word an ID
facts_post "$WWW/old/2025-07-01.md" 2025-07-01 $ids
run_fetch --metadata no --source "fx=file://$WWW/old/%F.md" --days 1 --until 2025-07-01
export DIGEST_TUI_ARXIV_BATCH=100
flog_mark
run_fetch --source "$SRC"
is "$(facts_line)" \
	"facts: 0 learned, 300 not found, 8 known, 0 failed (1 Hugging Face request, 3 arXiv requests)" \
	"a backlog day of 305 papers: 300 are asked in one run"
flog_mark
run_fetch --source "$SRC"
is "$(facts_line)" \
	"facts: 0 learned, 5 not found, 8 known, 0 failed (0 Hugging Face requests, 1 arXiv request)" \
	"  the other 5 in the next (Hugging Face answered for that day within the hour)"
is "$(asked /arxiv/query)" "2507.00301 2507.00302 2507.00303 2507.00304 2507.00305" "  which are those"

plan_done
