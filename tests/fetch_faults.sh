#!/bin/sh
# --fetch against a misbehaving local server: errors are retried or reported,
# never stored, and after every one the cache holds every post it held before,
# byte for byte. Then a bad cache, and a fetch killed with SIGKILL. Then the
# faults that need a server: a month of wrong 404s, two posts of
# one date in a DIR, a dripping server against `timeout`, oversized and
# refused validators, FIFOs in a DIR, a doubled message.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/fetchlib.sh"

# Five posts cached from a good server (2025-09-26 .. 2025-09-30); the
# server has more (up to 2025-10-10) that are not cached yet.
make_posts "$WWW/p" 2025-09-26 15
start_server --stall-s 20
SRC="t=$BASE/ok/p/%F.md"
run_fetch --source "$SRC" --days 5 --until 2025-09-30
is "$COUNTS" "t: 5 new, 0 updated, 0 unchanged, 0 missing (404), 0 failed" "five posts cached to begin with"
snapshot "$TMP/snap"

# fault NAME MODE DAYS UNTIL: fetch source t through a fault mode. The
# window reaches back to the newest cached post (catch-up), which is asked
# through the fault mode too: the checks name the day they are about.
fault() {
	log_mark
	run_fetch --source "t=$BASE/$2/p/%F.md" --days "$3" --until "$4"
}

# --- 500, then success ----------------------------------------------------------------
fault flaky flaky2 1 2025-10-01
is "$rc" 0 "500 twice, then 200: exits 0"
is "$COUNTS" "t: 1 new, 0 updated, 1 unchanged, 0 missing (404), 0 failed" \
	"the post arrives (the newest cached one, 09-30, re-checked: unchanged)"
is "$(log_since | grep /flaky2/p/2025-10-01 | cut -f3 | tr '\n' ' ')" "500 500 200 " "after two retries"
check "it is stored" cmp -s "$WWW/p/2025-10-01.md" "$CACHE/posts/2025-10-01-t-post.md"
same_snapshot "$TMP/snap" "the cache still holds its posts (500)"
snapshot "$TMP/snap"

fault flaky flaky3 1 2025-10-02
is "$rc" 1 "500 three times: exits 1"
is "$COUNTS" "t: 0 new, 0 updated, 0 unchanged, 0 missing (404), 2 failed" \
	"the new day failed (and 10-01, the newest cached, re-checked through it)"
contains "$ERR" "t 2025-10-02: $BASE/flaky3/p/2025-10-02.md: HTTP status 500" "naming the URL and the status"
is "$(log_since | grep -c /flaky3/p/2025-10-02)" 3 "three requests, no more"
same_snapshot "$TMP/snap" "the cache still holds its posts (500 x3)"

fault forbidden status/403 1 2025-09-30
is "$rc" 1 "403: exits 1"
is "$(log_since | grep -c /status/403/)" 1 "and is not retried"
same_snapshot "$TMP/snap" "the cache still holds its posts (403)"

# --- connection refused -------------------------------------------------------------
dead=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
run_fetch --source "t=http://127.0.0.1:$dead/ok/p/%F.md" --days 5 --until 2025-09-30
is "$rc" 1 "connection refused: exits 1"
is "$COUNTS" "t: 0 new, 0 updated, 0 unchanged, 0 missing (404), 5 failed" "five failed"
contains "$ERR" "127.0.0.1 port $dead" "saying where"
check "quickly (${SECS}s)" test "$SECS" -lt 10
same_snapshot "$TMP/snap" "the cache still holds its posts (refused)"

# --- a stalled server ---------------------------------------------------------------
export DIGEST_TUI_RETRIES=1
fault stall stall 1 2025-09-30
unset DIGEST_TUI_RETRIES
is "$rc" 1 "a stalled transfer fails"
contains "$ERR" "timed out" "as a timeout"
check "after the low-speed time and one retry (${SECS}s)" test "$SECS" -lt 15
is "$(log_since | grep /stall/ | awk -F'\t' '$4 == 0' | wc -l | tr -d ' ')" 2 \
	"two tries, each given up before any of the body came"
same_snapshot "$TMP/snap" "the cache still holds its posts (stall)"

# --- truncated, oversized, redirect loop, not a post ---------------------------------
fault truncate truncate 2 2025-10-03
is "$rc" 1 "a truncated body fails"
is "$COUNTS" "t: 0 new, 0 updated, 0 unchanged, 0 missing (404), 3 failed" \
	"both days (and 10-01, the newest cached)"
contains "$ERR" "truncated" "as truncated"
check "and is not stored" test ! -e "$CACHE/posts/2025-10-03-t-post.md"
same_snapshot "$TMP/snap" "the cache still holds its posts (truncated)"

fault big big 1 2025-09-30
is "$rc" 1 "a 5 MiB body is refused"
contains "$ERR" "larger than 4194304 bytes; refused" "as too large"
same_snapshot "$TMP/snap" "the cache still holds its posts (big)"
fault bigchunked bigchunked 1 2025-09-30
is "$rc" 1 "a 5 MiB chunked body is refused too"
contains "$ERR" "larger than 4194304 bytes; refused" "by its size as it arrives"
same_snapshot "$TMP/snap" "the cache still holds its posts (big, chunked)"

fault loop loop 1 2025-09-30
is "$rc" 1 "a redirect loop fails"
contains "$ERR" "more than 5 redirects" "after five redirects"
is "$(log_since | grep -c /loop/)" 6 "six requests"
same_snapshot "$TMP/snap" "the cache still holds its posts (loop)"

fault redirect redirect 1 2025-10-04
is "$rc" 0 "a plain redirect is followed"
check "to the post" cmp -s "$WWW/p/2025-10-04.md" "$CACHE/posts/2025-10-04-t-post.md"
snapshot "$TMP/snap"

mkdir -p "$WWW/junk"
printf '<html>Sign in to the Wi-Fi</html>\n' >"$WWW/junk/2025-09-30.md"
run_fetch --source "t=$BASE/ok/junk/%F.md" --days 1 --until 2025-09-30
is "$rc" 1 "a body that is not a post fails"
contains "$ERR" "not a digest post" "saying so"
same_snapshot "$TMP/snap" "and does not replace the cached post"

# --- a bad cache is repaired ---------------------------------------------------------
post="$CACHE/posts/2025-09-28-t-post.md"
printf 'garbage' | dd of="$post" bs=1 seek=100 conv=notrunc 2>/dev/null
printf 'not metadata\n' >"$CACHE/meta/2025-09-27-t-post.meta"
rm "$CACHE/meta/2025-09-26-t-post.meta"
log_mark
run_fetch --source "$SRC" --days 5 --until 2025-09-30
is "$rc" 0 "a fetch over a damaged cache exits 0"
contains "$ERR" "2025-09-28-t-post.md: checksum mismatch; asking for it again" "reports the changed post"
contains "$ERR" "2025-09-27-t-post.meta: corrupt metadata (" \
	"reports the garbage metadata"
contains "$ERR" "2025-09-26-t-post.md: no metadata; asking for it again" "reports the missing metadata"
is "$COUNTS" "t: 0 new, 1 updated, 4 unchanged, 0 missing (404), 0 failed" "and repairs them"
is "$(log_since | grep '/ok/p/2025-09-2[678]' | awk -F'\t' '$6 == 0' | wc -l | tr -d ' ')" 3 \
	"asking in full for the three"
same_snapshot "$TMP/snap" "every post is back as it was"
run_fetch --source "$SRC" --days 5 --until 2025-09-30
is "$ERR" "" "the next fetch has nothing to report"

# --- TLS: certificates are always verified ------------------------------------------
# An HTTPS server on 127.0.0.1 with a self-signed certificate (made here):
# a client that trusts it reads the post; digest-tui, which trusts only the
# system's authorities, refuses the connection before any request is sent.
if ! command -v openssl >/dev/null 2>&1; then
	skip "TLS: openssl not installed (Debian package openssl, with ca-certificates)"
elif ! openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
	-addext subjectAltName=IP:127.0.0.1 -keyout "$TMP/key.pem" -out "$TMP/cert.pem" \
	>/dev/null 2>&1; then
	skip "TLS: openssl could not make a certificate"
else
	snapshot "$TMP/snap"
	n_before=$(count_posts)
	start_server --tls-cert "$TMP/cert.pem" --tls-key "$TMP/key.pem"
	TLS="https://127.0.0.1:$PORT"
	check "TLS: a client trusting the certificate reads the post" python3 -c '
import ssl, sys, urllib.request
ctx = ssl.create_default_context(cafile=sys.argv[1])
body = urllib.request.urlopen(sys.argv[2], context=ctx, timeout=10).read()
sys.exit(0 if body == open(sys.argv[3], "rb").read() else 1)' \
		"$TMP/cert.pem" "$TLS/ok/p/2025-10-04.md" "$WWW/p/2025-10-04.md"
	log_mark
	run_fetch --source "t=$TLS/ok/p/%F.md" --days 1 --until 2025-10-04
	is "$rc" 1 "TLS: digest-tui refuses a certificate no authority signed: exits 1"
	is "$COUNTS" "t: 0 new, 0 updated, 0 unchanged, 0 missing (404), 1 failed" "  one failed"
	contains "$ERR" "t 2025-10-04: $TLS/ok/p/2025-10-04.md: " "  naming the URL"
	contains "$ERR" "certificate" "  and the certificate"
	is "$(log_since | wc -l | tr -d ' ')" 0 "  no request reached the server"
	is "$(count_posts)" "$n_before" "  nothing is stored"
	same_snapshot "$TMP/snap" "the cache still holds its posts (TLS)"
fi

# --- SIGKILL mid-transfer ---------------------------------------------------------------
# Slow responses; kills at several moments, including while posts are stored.
start_server --latency-ms 150
snapshot "$TMP/snap"
make_posts "$WWW/p" 2025-10-11 20
bad=0
for delay in 0.2 0.4 0.6 0.9 1.3; do
	"$DIGEST_TUI" --fetch --source "t=$BASE/ok/p/%F.md" --days 35 --until 2025-10-30 \
		>/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	# Every *.md in the cache is a whole post as served.
	for f in "$CACHE"/posts/*.md; do
		d=$(basename "$f" | cut -c1-10)
		cmp -s "$f" "$WWW/p/$d.md" || { bad=$((bad + 1)); diag "not whole: $f"; }
	done
done
is "$bad" 0 "after each kill, every cached *.md is a whole post"
same_snapshot "$TMP/snap" "and every post stored before is intact"
check "no temporary file is named *.md" sh -c "! ls -a '$CACHE/posts' '$CACHE/meta' | grep '^\.tmp-.*\.md\$'"
"$DIGEST_TUI" --list "$CACHE/posts" >/dev/null 2>"$TMP/err"; rc=$?
is "$rc" 0 "all of them read as posts"
run_fetch --source "t=$BASE/ok/p/%F.md" --days 35 --until 2025-10-30
is "$rc" 0 "the next fetch works (the lock died with the process)"
is "$(count_posts)" 35 "and completes the cache"
is "$(ls -a "$CACHE/posts" "$CACHE/meta" | grep -c '^\.tmp-')" 0 "leftover temporary files are removed"


# ===========================================================================
# The faults that need a server, each in a cache of its own
# ===========================================================================
export XDG_CACHE_HOME="$TMP/c15"
CACHE="$XDG_CACHE_HOME/digest-tui"
start_server # without the latency the kills above needed

# --- 1. a month of wrong 404s, then the server recovers ---------------------
mkdir -p "$WWW/gone"
run_fetch --source "g=$BASE/ok/gone/%F.md" --days 30 --until 2025-10-30
is "$COUNTS" "g: 0 new, 0 updated, 0 unchanged, 30 missing (404), 0 failed" \
	"404: a month of 404s (the server is wrong)"
make_posts "$WWW/gone" 2025-10-01 30
log_mark
run_fetch --source "g=$BASE/ok/gone/%F.md" --days 30 --until 2025-10-30
is "$COUNTS" "g: 4 new, 0 updated, 0 unchanged, 26 missing (404), 0 failed" \
	"404: right after, the recent days are asked, old 404 days wait (backoff)"
is "$(log_since | grep -c /gone/)" 4 "  four requests"
# A day later (the metadata aged by a day): the old days are asked again.
for m in "$CACHE"/meta/*-g-*.meta; do
	grep -q '^status: 404' "$m" &&
		sed -i "s/^fetched: .*/fetched: $(date -u -d '25 hours ago' +%Y-%m-%dT%H:%M:%SZ)/" "$m"
done
log_mark
run_fetch --source "g=$BASE/ok/gone/%F.md" --days 30 --until 2025-10-30
is "$COUNTS" "g: 26 new, 0 updated, 4 unchanged, 0 missing (404), 0 failed" \
	"404: a day later every old 404 day is asked again and the month comes back"
is "$(count_posts)" 30 "  all 30 posts cached"
# The backoff doubles, up to a week: a day with 3 misses in a row waits 4 days.
mkdir -p "$WWW/gone2"
# 2025-10-01 is an old day of a window ending 2025-10-05.
H="h=$BASE/ok/gone2/%F.md"
run_fetch --source "$H" --days 5 --until 2025-10-05
m=$(ls "$CACHE"/meta/2025-10-01-h-*.meta)
sed -i -e "s/^fetched: .*/fetched: $(date -u -d '3 days ago' +%Y-%m-%dT%H:%M:%SZ)/" \
	-e 's/^status: 404$/status: 404\nmisses: 3/' "$m"
log_mark
run_fetch --source "$H" --days 5 --until 2025-10-05
is "$(log_since | grep -c /gone2/2025-10-01)" 0 "404: after 3 misses in a row, 3 days later: not asked yet"
sed -i "s/^fetched: .*/fetched: $(date -u -d '5 days ago' +%Y-%m-%dT%H:%M:%SZ)/" "$m"
log_mark
run_fetch --source "$H" --days 5 --until 2025-10-05
is "$(log_since | grep -c /gone2/2025-10-01)" 1 "  5 days later: asked"
contains "$(cat "$m")" "misses: 4" "  the miss counted"
sed -i -e "s/^fetched: .*/fetched: $(date -u -d '8 days ago' +%Y-%m-%dT%H:%M:%SZ)/" \
	-e 's/^misses: .*/misses: 40/' "$m"
log_mark
run_fetch --source "$H" --days 5 --until 2025-10-05
is "$(log_since | grep -c /gone2/2025-10-01)" 1 "  40 misses, 8 days later: asked (never more than a week)"
log_mark
run_fetch --source "$H" --days 5 --until 2025-10-05
is "$(log_since | grep -c /gone2/2025-10-01)" 0 "  and not again right after"
# --refetch asks every day at once.
log_mark
run_fetch --refetch --source "$H" --days 5 --until 2025-10-05
is "$(log_since | grep -c /gone2/2025-10-01)" 1 "--fetch --refetch asks a day just found missing"
make_posts "$WWW/gone2" 2025-09-20 12
run_fetch --refetch --source "$H" --days 12 --until 2025-10-01
is "$COUNTS" "h: 12 new, 0 updated, 0 unchanged, 0 missing (404), 0 failed" \
	"  and, the server recovered, brings every day back"
"$DIGEST_TUI" --refetch --list >/dev/null 2>"$TMP/err"; rc=$?
is "$rc:$(head -n 1 "$TMP/err")" "2:digest-tui: --refetch goes with --fetch" "--refetch without --fetch: usage error"

# --- 2. two posts of one date in a DIR ---------------------------------------
D2=$TMP/dir2
mkdir -p "$D2"
make_post "$D2/2025-11-03-논문.md" 2025-11-03 6 논문
make_post "$D2/2025-11-03-요약.md" 2025-11-03 4 요약
# Two posts, not two copies of one: papers of their own (a date lists an
# arXiv ID once).
sed -i 's/2511\.0000/2511.1000/g' "$D2/2025-11-03-요약.md"
run_fetch --source "d=$D2" --days 3 --until 2025-11-04
is "$COUNTS" "d: 2 new, 0 updated, 0 unchanged, 0 missing (404), 0 failed" \
	"DIR: two posts of one date, non-ASCII names: both cached"
"$DIGEST_TUI" --list >"$TMP/list" 2>"$TMP/err"
is "$(grep -c 2025-11-03 "$TMP/list")" 10 "  the cache lists all 10 papers, as --list DIR does"
run_fetch --source "d=$D2" --days 3 --until 2025-11-04
is "$COUNTS" "d: 0 new, 0 updated, 2 unchanged, 0 missing (404), 0 failed" "  a second fetch: both unchanged"

# --- 6. a server dripping 15 bytes a second against `timeout 1` -----------
mkdir -p "$WWW/slow"
make_post "$WWW/slow/2025-10-01.md" 2025-10-01 3
printf 'set timeout 1\n' >"$TMP/t1.conf"
run_fetch -c "$TMP/t1.conf" --source "s=$BASE/drip/slow/%F.md" --days 1 --until 2025-10-01
is "$rc" 1 "timeout 1, a dripping server: the URL fails"
check "  within the timeout, retries included (took ${SECS}s)" test "$SECS" -le 3
contains "$ERR" "given up after 1 s (the timeout setting)" "  saying the timeout ended it"
contains "$(man "$top_srcdir/man/digest-tui.conf.5" 2>/dev/null | tr -s ' \n' '  ')" \
	"retries included" "  digest-tui.conf(5) says timeout bounds a URL, retries included"
grep -rn 'DIGEST_TUI_TIMEOUT' "$top_srcdir/src" >/dev/null 2>&1
is "$?" 1 "  no DIGEST_TUI_TIMEOUT in src/ any more"

# --- 8. oversized and refused validators -------------------------------------
mkdir -p "$WWW/v"
make_post "$WWW/v/2025-10-01.md" 2025-10-01 2
run_fetch --source "b=$BASE/bigetag/v/%F.md" --days 1 --until 2025-10-01
is "$rc" 0 "a 90,000-byte ETag: the post is stored"
m=$(ls "$CACHE"/meta/*-b-*.meta)
check "  the ETag is not" sh -c "! grep -q '^etag:' '$m'"
run_fetch --source "b=$BASE/bigetag/v/%F.md" --days 1 --until 2025-10-01
is "$rc:$COUNTS" "0:b: 0 new, 0 updated, 1 unchanged, 0 missing (404), 0 failed" \
	"  so the next fetch works (no 431 for ever)"
run_fetch --source "c=$BASE/cond431/v/%F.md" --days 1 --until 2025-10-01
log_wait /cond431/ 1
log_mark
run_fetch --source "c=$BASE/cond431/v/%F.md" --days 1 --until 2025-10-01
log_wait /cond431/ 3
is "$rc:$COUNTS" "0:c: 0 new, 0 updated, 1 unchanged, 0 missing (404), 0 failed" \
	"431 to a conditional request: retried once without validators, unchanged"
# Under load a transfer can be retried for slowness (low-speed-time 1 s), so
# the unconditional 200 may come more than once; the 431 must not.
is "$(log_since | grep /cond431/ | cut -f3,6 | tr '\t\n' ': ' | sed 's/\(200:0 \)\(200:0 \)*$/\1/')" "431:1 200:0 " \
	"  one 431, then unconditional 200s only"

# --- 11. a non-post said once ------------------------------------------------
D11=$TMP/dir11
mkdir -p "$D11"
printf 'Sign in to the Wi-Fi\n' >"$D11/2025-10-03-portal.md"
run_fetch --source "n=$D11" --days 3 --until 2025-10-03
is "$ERR" "digest-tui: n 2025-10-03: file://$D11/2025-10-03-portal.md: not a digest post (no front matter and no numbered paper headings); not stored" \
	"a body that is not a post: 'not a digest post' said once"

# --- 7 and 11. FIFOs and a non-post in a DIR, a newline in a name -------------
D7=$TMP/dir7
mkdir -p "$D7"
make_post "$D7/2025-10-01-good.md" 2025-10-01 2
mkfifo "$D7/2025-10-02-fifo.md"
printf 'Sign in to the Wi-Fi\n' >"$D7/2025-10-03-portal.md"
make_post "$D7/2025-10-04-a
b.md" 2025-10-04 1
printf 'no post\n' >"$D7/2025-10-05-x
y.md"
timeout 20 "$DIGEST_TUI" --fetch --source "f=$D7" --days 10 --until 2025-10-05 >"$TMP/out" 2>"$TMP/err"
rc=$?
check "DIR with a FIFO *.md: --fetch does not hang (status $rc)" test "$rc" -ne 124
is "$(head -n 1 "$TMP/out")" "f: 2 new, 0 updated, 0 unchanged, 0 missing (404), 3 failed" \
	"  the posts are cached, the FIFO and the non-posts fail"
contains "$(cat "$TMP/err")" "2025-10-02-fifo.md: not a regular file" "  the FIFO named, in one line"
is "$(grep -c 'not a digest post (not a digest post' "$TMP/err")" 0 "  'not a digest post' said once"
is "$(grep -c 'not a digest post (no front matter' "$TMP/err")" 2 "  for each non-post"
is "$(wc -l <"$TMP/err" | tr -d ' ')" 3 "  one line per failure: a newline in a name makes no fake line"
timeout 20 "$DIGEST_TUI" --list "$D7" >"$TMP/out" 2>"$TMP/err"
rc=$?
check "--list DIR with a FIFO: does not hang (status $rc: bad input)" test "$rc" -eq 2
is "$(wc -l <"$TMP/out" | tr -d ' ')" 3 "  the good posts listed"
is "$(wc -l <"$TMP/err" | tr -d ' ')" 3 "  one line for the FIFO, one per non-post (names with newlines escaped)"
contains "$(cat "$TMP/err")" "2025-10-05-x\\ny.md: not a digest post" "  the newline shown as \\n"

plan_done
