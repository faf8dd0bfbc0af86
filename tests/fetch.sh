#!/bin/sh
# --fetch against a local server: posts fetched in parallel into the cache,
# conditional refreshes that move no bodies, days without a post, EUC-KR,
# file:// and directory sources, --offline, the lock, and --list from the cache.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/fetchlib.sh"

# 30 posts, one a day from 2025-09-11 to 2025-10-10.
make_posts "$WWW/p" 2025-09-11 30
start_server --latency-ms 40
SRC="t=$BASE/ok/p/%F.md"

# --- 30 posts in parallel ---------------------------------------------------
log_mark
run_fetch --source "$SRC" --days 30 --until 2025-10-10
is "$rc" 0 "fetching 30 posts exits 0"
is "$COUNTS" "t: 30 new, 0 updated, 0 unchanged, 0 missing (404), 0 failed" "the summary line"
is "$CATCHUP" "caught up 30 days: 30 new digests ($(short_date 2025-09-11) … $(short_date 2025-10-10))" \
	"then the catch-up line, naming the new digests"
is "$ERR" "" "nothing on stderr when it is not a terminal"
is "$(count_posts)" 30 "the cache holds 30 posts"
bad=0
for f in "$WWW"/p/*.md; do
	d=$(basename "$f" .md)
	cmp -s "$f" "$CACHE/posts/$d-t-post.md" || bad=$((bad + 1))
done
is "$bad" 0 "each cached post is the served file, byte for byte"
log_since >"$TMP/run1"
is "$(awk -F'\t' '$3 == 200' "$TMP/run1" | wc -l | tr -d ' ')" 30 "30 requests answered 200"
most=$(awk -F'\t' '$5 > m {m = $5} END {print m + 0}' "$TMP/run1")
check "requests overlapped (at most $most at once)" test "$most" -gt 1
conns=$(cut -f7 "$TMP/run1" | sort -u | wc -l | tr -d ' ')
check "connections were reused ($conns for 30 requests)" test "$conns" -le 4
is "$(cut -f8 "$TMP/run1" | sort -u)" "digest-tui/$(sed -n 's/^AC_INIT(\[digest-tui\], \[\([^]]*\)\].*/\1/p' "$top_srcdir/configure.ac")" \
	"User-Agent is digest-tui/VERSION"
meta="$CACHE/meta/2025-10-01-t-post.meta"
check "metadata is kept per post" test -f "$meta"
for key in "url: $BASE/ok/p/2025-10-01.md" "status: 200" "etag: \"" "last-modified: " "sha256: " \
	"bytes: $(wc -c <"$WWW/p/2025-10-01.md" | tr -d ' ')" "fetched: " "source: t"; do
	contains "$(cat "$meta")" "$key" "the metadata has $key"
done
snapshot "$TMP/snap1"

# --- a refresh: only 304s, no bodies --------------------------------------------
log_mark
run_fetch --source "$SRC" --days 30 --until 2025-10-10
is "$rc" 0 "a refresh exits 0"
is "$OUT" "t: 0 new, 0 updated, 30 unchanged, 0 missing (404), 0 failed" \
	"everything is unchanged: no catch-up line without a new digest"
log_since >"$TMP/run2"
is "$(awk -F'\t' '$3 == 304' "$TMP/run2" | wc -l | tr -d ' ')" 30 "30 answers 304"
is "$(awk -F'\t' '{s += $4} END {print s + 0}' "$TMP/run2")" 0 "zero body bytes sent"
is "$(awk -F'\t' '$6 != 1' "$TMP/run2" | wc -l | tr -d ' ')" 0 "every request was conditional"
same_snapshot "$TMP/snap1" "the cache is as it was"

# A changed post is fetched and replaces the old one.
make_post "$WWW/p/2025-10-10.md" 2025-10-10 3 연구
touch -d '2025-10-11 00:00' "$WWW/p/2025-10-10.md"
run_fetch --source "$SRC" --days 2 --until 2025-10-10
is "$COUNTS" "t: 0 new, 1 updated, 1 unchanged, 0 missing (404), 0 failed" "a changed post is updated"
check "with the new bytes" cmp -s "$WWW/p/2025-10-10.md" "$CACHE/posts/2025-10-10-t-post.md"
snapshot "$TMP/snap1"

# --- days without a post ----------------------------------------------------------
# 2025-09-09 and -10 are old; 2025-10-11 and -12 are within 3 days of --until.
log_mark
run_fetch --source "$SRC" --days 34 --until 2025-10-12
is "$rc" 0 "404s are no failure"
is "$COUNTS" "t: 0 new, 0 updated, 30 unchanged, 4 missing (404), 0 failed" "four days are missing"
is "$(log_since | awk -F'\t' '$3 == 404' | wc -l | tr -d ' ')" 4 "each asked once"
log_mark
run_fetch --source "$SRC" --days 34 --until 2025-10-12
is "$COUNTS" "t: 0 new, 0 updated, 30 unchanged, 4 missing (404), 0 failed" "the next run says the same"
log_since >"$TMP/run4"
is "$(grep -c '2025-09-09\|2025-09-10' "$TMP/run4")" 0 "old missing days are not asked again"
is "$(grep -c '2025-10-11\|2025-10-12' "$TMP/run4")" 2 "recent missing days are"
make_post "$WWW/p/2025-10-12.md" 2025-10-12 1
run_fetch --source "$SRC" --days 34 --until 2025-10-12
is "$COUNTS" "t: 1 new, 0 updated, 30 unchanged, 3 missing (404), 0 failed" \
	"a recent day that gets its post later is fetched"
is "$CATCHUP" "caught up 2 days: 1 new digest ($(short_date 2025-10-12))" \
	"one new digest: its date"
same_snapshot "$TMP/snap1" "the posts held before are unchanged"

# --- EUC-KR and CP949 -------------------------------------------------------------
mkdir -p "$WWW/k"
cat >"$WWW/k/2025-10-01.md" <<'EOF'
---
title: "한국어 다이제스트 2025-10-01"
date: 2025-10-01 08:00:00
---

# 1. [한글 제목의 논문](https://arxiv.org/abs/2510.10001)

## Introduction

- Goal: 완성형 한글로 인코딩된 게시물을 올바르게 읽는다.

## Conclusion

변환된 결과는 UTF-8이어야 한다.
EOF
run_fetch --source "k=$BASE/euckr/k/%F.md" --days 1 --until 2025-10-01
is "$rc" 0 "a post served as EUC-KR is fetched"
check "and stored as the same text in UTF-8" cmp -s "$WWW/k/2025-10-01.md" "$CACHE/posts/2025-10-01-k-post.md"
contains "$(cat "$CACHE/meta/2025-10-01-k-post.meta")" "charset: cp949" "its metadata says it was converted"
check "the served bytes were not UTF-8" python3 -c '
import sys, urllib.request
body = urllib.request.urlopen(sys.argv[1]).read()
try:
    body.decode("utf-8")
except UnicodeDecodeError:
    sys.exit(0)
sys.exit(1)' "$BASE/euckr/k/2025-10-01.md"
run_fetch --source "c=$BASE/cp949/k/%F.md" --days 1 --until 2025-10-01
is "$rc" 0 "an unlabelled CP949 post is fetched"
check "and converted too" cmp -s "$WWW/k/2025-10-01.md" "$CACHE/posts/2025-10-01-c-post.md"
contains "$("$DIGEST_TUI" --list "$CACHE/posts/2025-10-01-c-post.md")" "한글 제목의 논문" \
	"its title reads right"

# --- file:// and directory sources ----------------------------------------------
run_fetch --source "$WWW/p" --days 30 --until 2025-10-10
is "$rc" 0 "a directory source"
is "$COUNTS" "p: 30 new, 0 updated, 0 unchanged, 0 missing (404), 0 failed" "is named after the directory"
run_fetch --source "$WWW/p" --days 30 --until 2025-10-10
is "$COUNTS" "p: 0 new, 0 updated, 30 unchanged, 0 missing (404), 0 failed" "and unchanged the second time"
run_fetch --source "f=file://$WWW/p/%F.md" --days 3 --until 2025-10-12
is "$rc" 0 "a file:// template"
is "$COUNTS" "f: 2 new, 0 updated, 0 unchanged, 1 missing (404), 0 failed" "missing files are missing days"
is "$CATCHUP" "caught up 3 days: 2 new digests ($(short_date 2025-10-10), $(short_date 2025-10-12))" \
	"two new digests: both dates"
run_fetch --source "one=file://$WWW/p/2025-10-01.md"
is "$COUNTS" "one: 1 new, 0 updated, 0 unchanged, 0 missing (404), 0 failed" "a single file:// URL"
check "stored by its date" cmp -s "$WWW/p/2025-10-01.md" "$CACHE/posts/2025-10-01-one-post.md"
run_fetch --source "$WWW/p" --source "$SRC" --days 1 --until 2025-10-10
is "$(printf '%s\n' "$COUNTS" | cut -d: -f1 | tr '\n' ' ')" "p t " "several sources, one summary line each"

# --- a progress bar on a terminal (script(1) gives it one) -------------------------
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
	XDG_CACHE_HOME="$TMP/ttycache" script -qec \
		"'$DIGEST_TUI' --fetch --source '$SRC' --days 30 --until 2025-10-10" /dev/null \
		>"$TMP/tty" 2>&1 </dev/null
	tty_out=$(tr '\r' '\n' <"$TMP/tty")
	contains "$tty_out" "fetching 30/30 [" "a progress bar on a terminal"
	contains "$tty_out" "t: 30 new, 0 updated" "then the summary"
else
	skip "no script(1) to give --fetch a terminal"
	skip "no script(1) to give --fetch a terminal"
fi

# --- usage ----------------------------------------------------------------------
snapshot "$TMP/snap2"
run_fetch --offline --source "$SRC"
is "$rc" 2 "--fetch --offline is a usage error"
contains "$ERR" "--offline" "saying why"
run_fetch --source "ftp://example.com/%F.md"
is "$rc" 2 "an unsupported protocol is a usage error"
contains "$ERR" "unsupported protocol" "saying so"
run_fetch --source "$TMP/no-such-dir"
is "$rc" 2 "a directory that does not exist is a usage error"
same_snapshot "$TMP/snap2" "none of them touched the cache"

# --- two at once --------------------------------------------------------------------
# (The holder's sleep goes on after flock is killed: not on the TAP pipe.)
flock -o "$CACHE/fetch.lock" sleep 3 >/dev/null 2>&1 &
holder=$!
_held() { ! flock -n "$CACHE/fetch.lock" true; }
wait_until 5 _held
run_fetch --source "$SRC" --days 1 --until 2025-10-10
is "$rc" 1 "a second fetch while one runs exits 1"
is "$ERR" "digest-tui: another digest-tui is updating the cache" "saying so"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
run_fetch --source "$SRC" --days 1 --until 2025-10-10
is "$rc" 0 "once it is done, fetching works"

# --- --list with no FILE: the cache, offline-first --------------------------------
if grep -q cache_load "$top_srcdir/src/main.c"; then
	stop_server   # nothing listens now: the network is "down"
	t0=$(date +%s%N)
	"$DIGEST_TUI" --list >"$TMP/list" 2>"$TMP/err"; rc=$?
	t1=$(date +%s%N)
	is "$rc" 0 "--list with no FILE lists the cache"
	check "quickly ($(( (t1 - t0) / 1000000 )) ms)" test $(( (t1 - t0) / 1000000 )) -lt 3000
	contains "$(cat "$TMP/list")" "Paper 1 of 2025-09-11" "the cached posts"
	contains "$(cat "$TMP/list")" "한글 제목의 논문" "of every source"
	XDG_CACHE_HOME="$TMP/empty" "$DIGEST_TUI" --list >"$TMP/list" 2>/dev/null
	"$DIGEST_TUI" --list "$SAMPLE_DIR" >"$TMP/sample"
	check "with no cache, the bundled sample" cmp -s "$TMP/list" "$TMP/sample"
else
	skip "--list from the cache: main.c does not call cache_load_archive yet"
fi

plan_done
