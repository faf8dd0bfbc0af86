#!/bin/sh
# The reader's first start on an empty cache with the default source (github
# hahngt/hahngt.github.io, here a loopback stand-in whose newest post is
# months before today): the sample while nothing has arrived, then the
# newest real digest, with its papers, once the background fetch brings it.
# The stand-in answers after 500 ms, so the sample is seen first.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/fetchlib.sh"
. "$top_srcdir/tests/lib/tmux.sh"
tui_require_tmux

BLOG="$TMP/repos/hahngt/hahngt.github.io/main/_posts"
mkdir -p "$BLOG"
for d in 2026-02-02 2026-02-03 2026-02-04 2026-02-06; do
	make_post "$BLOG/$d-daily-papers-$(echo "$d" | tr -d -).md" "$d" 3
done
start_github --latency-ms 500
mkdir -p "$TMP/home/.config/digest-tui"
printf 'set metadata no\nset github-api-url %s/api\nset github-raw-url %s/raw\n' "$GH" "$GH" \
	>"$TMP/home/.config/digest-tui/config"

if ! default_is_github; then
	fail "the default source is github hahngt/hahngt.github.io (not started: it would be the public blog)"
	plan_done
	exit 1
fi
TUI_ONLINE=1 tui_start 100 30
tui_check "an empty cache: the reader starts, fetching" tui_wait_for "fetching"
tui_check "the bundled sample while nothing has arrived" grep -q "Daily Papers — 2026-11-27" "$TUI_SCREEN"
tui_check "the newest digest, months old, arrives" tui_wait_for "caught up 14 days: 4 new digests (" 30
tui_check "and is on screen with its papers" tui_wait_for "Daily Papers — 2026-02-06"
tui_check "its first paper is listed" tui_wait_for "Paper 1 of 2026-02-06"
tui_check "the sample is gone" tui_wait_gone "2026-11-27"
tui_keys q
tui_wait_exit
is "$(tui_exit_status)" 0 "quits with status 0"
log_settle
is "$(grep -c '	/api/' "$GH_LOG" | tr -d ' ')" 1 "the reader listed the blog once"
is "$(awk -F'\t' '$3 == 404' "$GH_LOG" | wc -l | tr -d ' ')" 0 "and asked for no missing day"
plan_done
