#!/bin/sh
# Paper-facts pacing belongs to the cache, not to a process: two --fetch at
# once (cron and a reader's fetch, with windows that overlap) against the
# local stand-in (tests/lib/facts_httpd.py, 127.0.0.1 only) keep arXiv's real
# 3 s between any two arXiv requests, and neither asks arXiv for a paper, nor
# Hugging Face for a day, that the other has asked. A fetch killed while it
# holds the pacing lock blocks no one.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/fetchlib.sh"
. "$top_srcdir/tests/lib/factslib.sh"

# The real gap: this test is the one that checks it.
unset DIGEST_TUI_TEST_ARXIV_GAP_MS
export DIGEST_TUI_ARXIV_BATCH=2
# One --fetch waits for the other's posts step instead of giving up.
export DIGEST_TUI_LOCK_WAIT_MS=60000

# 2510.10001 and 2510.20001: Hugging Face knows them; 2510.10003,
# 2510.20002-3 and 2510.30001: only arXiv; 2510.10004: neither.
mkdir -p "$WWW/f"
facts_post "$WWW/f/2025-10-01.md" 2025-10-01 2510.10001 2510.10003 2510.10004
facts_post "$WWW/f/2025-10-02.md" 2025-10-02 2510.20001 2510.20002 2510.20003
facts_post "$WWW/f/2025-10-03.md" 2025-10-03 2510.30001
SRC="d=file://$WWW/f/%F.md"
start_facts_server
use_server hf arxiv
"$DIGEST_TUI" --fetch --metadata no --source "$SRC" --days 3 --until 2025-10-03 >/dev/null 2>&1
is "$?" 0 "the posts are cached first"

# arxiv_gaps LOG: the gaps between the arXiv requests of LOG, in the order
# they came, one a line.
arxiv_gaps() {
	grep '/arxiv/query' "$1" | sort -n |
		awk -F'\t' 'NR > 1 { printf "%.3f\n", $1 - prev } { prev = $1 }'
}
# asked LOG ROUTE: what the requests to ROUTE asked for (arXiv IDs, days),
# sorted, space-separated; asked_twice: what of it more than once.
asked() { grep "$2" "$1" | cut -f5 | tr ',' '\n' | sort | tr '\n' ' '; }
asked_twice() { grep "$2" "$1" | cut -f5 | tr ',' '\n' | sort | uniq -d | tr '\n' ' '; }
# gaps_at_least MIN GAPS: whether every one of the gaps is MIN or more.
gaps_at_least() {
	printf '%s\n' $2 | awk -v min="$1" 'NF && $1 < min { bad = 1 } END { exit bad }'
}
not_held() { ! holds_lock "$1"; }
# summary FILE WORD: the number before WORD in FILE's "facts: ..." line.
summary() {
	sed -n "s/^facts: .*\\b\\([0-9][0-9]*\\) $2.*/\\1/p" "$1"
}

# --- two at once ---------------------------------------------------------------
# Days 1-2 and days 2-3: each has arXiv papers of its own, so both ask arXiv,
# and both want day 2.
flog_mark
"$DIGEST_TUI" --fetch --source "$SRC" --days 2 --until 2025-10-02 >"$TMP/out1" 2>"$TMP/err1" &
p1=$!
"$DIGEST_TUI" --fetch --source "$SRC" --days 2 --until 2025-10-03 >"$TMP/out2" 2>"$TMP/err2" &
p2=$!
wait "$p1"
rc1=$?
wait "$p2"
rc2=$?
log_settle
flog_since >"$TMP/both"
is "$rc1 $rc2" "0 0" "two --fetch at once both exit 0"
is "$(cat "$TMP/err1" "$TMP/err2")" "" "  with nothing on stderr"
gaps=$(arxiv_gaps "$TMP/both" | tr '\n' ' ')
is "$(grep -c '/arxiv/query' "$TMP/both")" 3 \
	"  three arXiv requests in all (five IDs, two a request)"
check "  at least 3 s between any two, whichever process sent them (gaps: $gaps)" \
	gaps_at_least 3.0 "$gaps"
is "$(asked_twice "$TMP/both" /arxiv/query)" "" "  no arXiv ID asked twice"
is "$(asked "$TMP/both" /arxiv/query)" "2510.10003 2510.10004 2510.20002 2510.20003 2510.30001 " \
	"  every paper Hugging Face lacks asked once"
is "$(asked_twice "$TMP/both" /hf/daily_papers)" "" "  no Hugging Face day asked twice"
is "$(asked "$TMP/both" /hf/daily_papers)" "2025-10-01 2025-10-02 2025-10-03 " \
	"  every day asked once"
is "$(($(summary "$TMP/out1" learned) + $(summary "$TMP/out2" learned)))" 6 \
	"  the six papers someone knows are learned once in all"
is "$(($(summary "$TMP/out1" 'not found') + $(summary "$TMP/out2" 'not found')))" 1 \
	"  the one nobody knows is found nowhere once"
for id in 2510.10001 2510.10003 2510.20001 2510.20002 2510.20003 2510.30001; do
	check "  facts of $id are cached" test -s "$FACTS/$id.json"
done
nhf=$(grep -c '/hf/' "$TMP/both")
nax=$(grep -c '/arxiv/' "$TMP/both")
diag "two at once: arXiv gaps $gaps; $nhf Hugging Face and $nax arXiv requests" \
	"days 1-2: $(grep '^facts:' "$TMP/out1")" "days 2-3: $(grep '^facts:' "$TMP/out2")"

# --- killed while holding the lock ---------------------------------------------
# The arXiv papers forgotten: a fetch asks for them, two a request; after its
# first request it waits out the gap holding the pacing lock, and is killed.
rm -f "$FACTS"/2510.10003.json "$FACTS"/2510.10004.json "$FACTS"/2510.20002.json \
	"$FACTS"/2510.20003.json "$FACTS"/2510.30001.json
flog_mark
"$DIGEST_TUI" --fetch --source "$SRC" --days 3 --until 2025-10-03 >/dev/null 2>&1 &
p1=$!
_w=0
# Its first answer stored (a slow machine, or valgrind, could otherwise
# have it killed before then: that answer would be lost and asked again).
_stored() {
	for _f in 10003 10004 20002 20003; do [ -e "$FACTS/2510.$_f.json" ] && return 0; done
	[ -e "$FACTS/2510.30001.json" ]
}
while { [ "$(flog_since | grep -c '/arxiv/query')" -lt 1 ] || ! _stored; } && [ $_w -lt 600 ]; do
	sleep 0.1
	_w=$((_w + 1))
done
_w=0
while ! holds_lock "$FACTS/.pace" && [ $_w -lt 50 ]; do
	sleep 0.1
	_w=$((_w + 1))
done
check "a fetch waiting out the arXiv gap holds the pacing lock (facts/.pace)" \
	holds_lock "$FACTS/.pace"
kill -9 "$p1" 2>/dev/null
wait "$p1" 2>/dev/null
check "  killed, it holds it no more" not_held "$FACTS/.pace"
run_fetch --source "$SRC" --days 3 --until 2025-10-03
is "$rc" 0 "the next --fetch is not blocked by it"
log_settle
flog_since >"$TMP/after"
is "$(asked "$TMP/after" /arxiv/query)" \
	"2510.10003 2510.10004 2510.20002 2510.20003 2510.30001 " \
	"  and asks for the rest: with the killed one's request, each paper once"
gaps=$(arxiv_gaps "$TMP/after" | tr '\n' ' ')
check "  still 3 s after the killed one's request (gaps: $gaps)" gaps_at_least 3.0 "$gaps"

plan_done
