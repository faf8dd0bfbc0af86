#!/bin/sh
# The reader fetches in the background from a local server (127.0.0.1 only):
# cached digests are on screen at once, keys keep working while a transfer
# stalls, new posts appear without moving the selection, R fetches again, the
# fetch goes on (its progress shown) while a prompt is open, and an
# unreachable source still leaves a working reader.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/fetchlib.sh"
. "$top_srcdir/tests/lib/tmux.sh"
tui_require_tmux

# The reader's own cache: tmux.sh points XDG_CACHE_HOME there.
TUI_CACHE="$TMP/home/.cache"
export DIGEST_TUI_LOW_SPEED_TIME=20 DIGEST_TUI_RETRIES=0
make_posts "$WWW" 2026-11-20 3
start_server --stall-s 2
XDG_CACHE_HOME=$TUI_CACHE "$DIGEST_TUI" --fetch --source "$BASE/ok/%F.md" --days 2 \
	--until 2026-11-21 >"$TMP/out" 2>&1; rc=$?
is "$rc" 0 "two days fetched into the reader's cache first"

# 1. Every response stalls for 2 s: the cache is shown meanwhile.
TUI_ONLINE=1 tui_start 100 30 --source "$BASE/stall/%F.md" --days 3 --until 2026-11-22
tui_check "the newest cached digest is shown while fetching" \
	tui_wait_for "Daily Papers — 2026-11-21"
tui_check "the status line shows the fetch progress" tui_wait_for "fetching 0/3"
tui_keys j
tui_check "keys work while the transfers stall: j selects paper 2" tui_wait_pos 2/2
tui_check "the fetch ends and the new digest is counted" tui_wait_for "digest 2/3" 30
tui_check "the selection did not move" tui_wait_pos 2/2
tui_check "the digest shown did not change" tui_wait_for "Daily Papers — 2026-11-21"
tui_check "a summary of the fetch: the catch-up line" tui_wait_for "caught up 1 day: 1 new digest ("
tui_keys "]"
tui_check "] shows the new digest" tui_wait_for "Daily Papers — 2026-11-22"

# 2. R fetches again: nothing new, and no body is transferred twice.
log_mark
tui_keys R
tui_check "R fetches again" tui_wait_for "fetched: 0 new, 0 updated" 30
tui_keys q
tui_wait_exit
is "$(tui_exit_status)" 0 "quits with status 0"

# 3. The source refuses connections: cached content all the same.
TUI_ONLINE=1 tui_start 100 30 --source "http://127.0.0.1:1/%F.md" --days 3 \
	--until 2026-11-22
tui_check "unreachable source: the cache is on screen" \
	tui_wait_for "Daily Papers — 2026-11-22" "$TUI_TIMEOUT"
tui_check "the failure is reported in one line" tui_wait_for "3 failed" 30
tui_keys j
tui_check "and the reader answers keys" tui_wait_pos 2/2
tui_keys q
tui_wait_exit
is "$(tui_exit_status)" 0 "quits with status 0"

# 3b. The fetch goes on behind a prompt: one more day while "/" is open.
make_posts "$WWW" 2026-11-23 1
TUI_ONLINE=1 tui_start 100 30 --source "$BASE/stall/%F.md" --days 4 --until 2026-11-23
tui_check "a fetch of four days starts" tui_wait_for "fetching 0/4"
tui_keys /
_prompt_fetching() { tui_row 29 | grep -q '^/ .*fetching [0-9]/4 *$'; }
_prompt_alone() { [ "$(tui_row 29 | sed 's/ *$//')" = "/" ]; }
tui_check "/ open: the prompt line shows the fetch's progress" \
	tui_wait_until "$TUI_TIMEOUT" _prompt_fetching
tui_check "the fetch ends while the prompt is open" tui_wait_until "$((TUI_TIMEOUT * 6))" _prompt_alone
tui_keys Escape
tui_check "the new digest was loaded meanwhile: there at once after Esc" tui_wait_for "digest 3/4" 1
tui_keys q
tui_wait_exit

# 4. No cache and no network: the bundled sample, and the reason why.
rm -rf "$TUI_CACHE"
TUI_ONLINE=1 tui_start 100 30 --source "http://127.0.0.1:1/%F.md" --days 1
tui_check "no cache: the bundled sample" tui_wait_for "Daily Papers — 2026-11-27"
tui_keys q
tui_wait_exit
tui_start 100 30
tui_check "--offline says why it shows the sample" \
	tui_wait_for "offline - showing the bundled sample"
tui_keys q
tui_wait_exit
tui_check "no sanitizer report" tui_stderr_clean
tui_stop
plan_done
