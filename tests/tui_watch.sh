#!/bin/sh
# A running reader sees what another process stores in its cache: with the
# reader open, a separate --fetch (the man page's cron setup, from a local
# server on 127.0.0.1) stores a new day and a retitled post; the reader shows
# both without a restart — by itself (it watches the cache's posts) and on R
# — and keeps the selected paper selected.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/fetchlib.sh"
. "$top_srcdir/tests/lib/tmux.sh"
tui_require_tmux

TUI_CACHE="$TMP/home/.cache"
# cron_fetch UNTIL DAYS: a --fetch into the reader's cache, as cron runs it.
cron_fetch() {
	XDG_CACHE_HOME=$TUI_CACHE "$DIGEST_TUI" --fetch --source "$BASE/ok/%F.md" \
		--days "$2" --until "$1" >"$TMP/out" 2>&1
}
make_posts "$WWW" 2026-11-20 2
start_server
cron_fetch 2026-11-21 2
is "$?" 0 "two days fetched into the reader's cache first"

tui_start 100 30
tui_check "the reader shows the newest digest" tui_wait_for "Daily Papers — 2026-11-21"
tui_keys j
tui_check "paper 2 selected" tui_wait_pos 2/2

# 1. By itself: the retitled paper and the new day, selection kept.
sed -i 's/Paper 2 of 2026-11-21/Paper Two Retitled/' "$WWW/2026-11-21.md"
make_post "$WWW/2026-11-22.md" 2026-11-22 2
cron_fetch 2026-11-22 3
is "$?" 0 "another process fetches a new day and the retitled post"
contains "$(cat "$TMP/out")" "1 new, 1 updated" "  one new, one updated"
tui_check "the reader shows the new title without a key or a restart" \
	tui_wait_for "Paper Two Retitled" 10
tui_check "  the same paper stays selected" tui_wait_pos 2/2
tui_check "  in the same digest" tui_wait_for "Daily Papers — 2026-11-21"
tui_keys "]"
tui_check "] shows the new day" tui_wait_for "Daily Papers — 2026-11-22"
tui_keys "["
tui_check "[ goes back" tui_wait_for "Daily Papers — 2026-11-21"
tui_keys j
tui_check "paper 2 selected again" tui_wait_pos 2/2

# 2. R (offline: it fetches nothing) looks at the cache too.
sed -i 's/Paper Two Retitled/Paper Two Renamed Again/' "$WWW/2026-11-21.md"
cron_fetch 2026-11-22 3
tui_keys R
tui_check "R shows what another process stored" tui_wait_for "Paper Two Renamed Again" 10
tui_check "  selection kept" tui_wait_pos 2/2

# 3. A post removed from the cache disappears.
rm -f "$TUI_CACHE"/digest-tui/posts/2026-11-22-*.md
tui_keys "]"
tui_check "a removed post is no longer listed" tui_wait_for "no newer digest" 10
tui_keys q
tui_wait_exit 5
tui_check "stderr is clean" tui_stderr_clean

# 4. A first start: no cache directory at all. The reader waits on the
# nearest directory above it (no looking every few seconds: idle is idle),
# and shows the first post stored there.
rm -rf "$TUI_CACHE"
tui_start 100 30
tui_check "no cache yet: the bundled sample" tui_wait_for "Daily Papers — 2026-11-27"
cron_fetch 2026-11-22 1
is "$?" 0 "another process makes the cache and stores a post"
tui_check "the reader shows it, by itself" tui_wait_for "Daily Papers — 2026-11-22" 10
tui_keys q
tui_wait_exit 5

plan_done
