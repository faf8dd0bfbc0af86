#!/bin/sh
# Start-up reads the cache afresh (the reader lazily; --list through the
# index, which is checked against every post: tests/index.sh): a post
# changed, added, removed or truncated between two runs shows as it is now at
# the next start — changed and added posts with their new content, a removed
# one gone, a truncated one reported and never shown half.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/fetchlib.sh"
. "$top_srcdir/tests/lib/tmux.sh"

make_posts "$WWW/p" 2025-10-01 3
run_fetch --source "d=file://$WWW/p/%F.md" --days 3 --until 2025-10-03
is "$rc" 0 "three posts cached"
"$DIGEST_TUI" --list >"$TMP/before" 2>"$TMP/err"
is "$(wc -l <"$TMP/before" | tr -d ' ')" 6 "--list from the cache: 6 papers"

# Changed upstream (and fetched), added, removed, truncated in the cache.
make_post "$WWW/p/2025-10-02.md" 2025-10-02 3 변경
make_post "$WWW/p/2025-10-04.md" 2025-10-04 1
run_fetch --source "d=file://$WWW/p/%F.md" --days 4 --until 2025-10-04
is "$rc" 0 "the change and the new day fetched"
rm "$CACHE/posts/"*2025-10-01*.md
f3=$(ls "$CACHE/posts/"*2025-10-03*.md)
head -c 100 "$f3" >"$TMP/cut" && cat "$TMP/cut" >"$f3"

"$DIGEST_TUI" --list >"$TMP/after" 2>"$TMP/err"
is "$(cut -f1,2 "$TMP/after" | tr '\t\n' ': ')" \
	"2025-10-02:1 2025-10-02:2 2025-10-02:3 2025-10-04:1 " \
	"next start: the changed post has 3 papers, the new one is there, the removed and the cut ones are not"
contains "$(cat "$TMP/err")" "2025-10-03" "the truncated post is reported"
is "$(grep -c 'bad cache entry' "$TMP/err")" 1 "in one line"

# The reader itself, which parses the cache lazily: the same, on screen.
tui_require_tmux
mkdir -p "$TMP/home/.cache"
cp -a "$XDG_CACHE_HOME/digest-tui" "$TMP/home/.cache/"
tui_start 100 30
tui_check "the reader opens the newest digest" tui_wait_for "Daily Papers — 2025-10-04"
tui_keys "["
tui_check "[ passes over the truncated post: the changed digest" \
	tui_wait_for "Daily Papers — 2025-10-02"
tui_check "the truncated post is reported, never shown half" tui_wait_for "bad cache entry"
tui_check "the changed digest has its new content" tui_wait_for "이 변경는 1번째"
tui_check "and three papers" tui_wait_pos 1/3
tui_keys "["
tui_check "the removed day is gone: nothing older" tui_wait_for "no older digest"
tui_keys q
tui_wait_exit
is "$(tui_exit_status)" 0 "quits with status 0"
tui_stop

# A DIR argument starts like the cache: the newest digest first, the others
# parsed when needed; a bad one (dated by its name) is reported when reached,
# and the reader still exits 2 for it (bad input), as when all were parsed
# at the start.
D=$TMP/dir
make_posts "$D" 2025-10-01 3
printf 'not a post at all\n' >"$D/2025-09-30-broken.md"
tui_start 100 30 "$D"
tui_check "DIR: the reader opens the newest digest" tui_wait_for "Daily Papers — 2025-10-03"
tui_keys "[" "[" "["
tui_check "DIR: the bad post is reported when reached (and passed over)" \
	tui_wait_for "passed over 2025-09-30: not a digest post"
tui_keys q
tui_wait_exit
is "$(tui_exit_status)" 2 "DIR: exits 2 for the bad post"
tui_stop
plan_done
