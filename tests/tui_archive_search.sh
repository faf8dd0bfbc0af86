#!/bin/sh
# The reader's archive search (f) over the cache uses the persistent index:
# no post is parsed to search, the index file is made or read, the hits are
# those of --search, a post changed since the index was written is searched
# as it is now, and a post that turned bad is left out.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/fetchlib.sh"
. "$top_srcdir/tests/lib/tmux.sh"
tui_require_tmux

TUI_CACHE="$TMP/home/.cache"
IDX="$TUI_CACHE/digest-tui/index"
# Twelve days; the word 희귀어 only in 2026-10-03's post and 2026-10-10's.
# (Each day's papers have the same arXiv IDs, so the Search results view
# lists the two papers once, at their newest digest with a hit.)
make_posts "$WWW" 2026-10-01 12
make_post "$WWW/2026-10-03.md" 2026-10-03 2 희귀어
make_post "$WWW/2026-10-10.md" 2026-10-10 2 희귀어
XDG_CACHE_HOME=$TUI_CACHE "$DIGEST_TUI" --fetch --source "file://$WWW/%F.md" --days 12 \
	--until 2026-10-12 >"$TMP/out" 2>&1
is "$?" 0 "twelve days in the reader's cache"
rm -f "$IDX"
XDG_CACHE_HOME=$TUI_CACHE XDG_STATE_HOME=$TMP/state "$DIGEST_TUI" --search 희귀어 >"$TMP/want"
is "$(wc -l <"$TMP/want" | tr -d ' ')" 4 "--search finds the word's four papers"
rm -f "$IDX"

tui_start 100 30
tui_check "the reader shows the newest digest" tui_wait_for "Daily Papers — 2026-10-12"
check "no index before the search" test ! -e "$IDX"
tui_keys f
tui_type 희귀어
# The digest shown has two papers too: the header says it is the search.
tui_check "f finds the two papers" tui_wait_until "$TUI_TIMEOUT" tui_pos_and_header 1/2 "search: 희귀어"
check "  through the persistent index, written by the search" test -s "$IDX"
tui_check "  the newest first: 2026-10-10's" tui_wait_row 1 "Paper 1 of 2026-10-10"
tui_keys Escape q
tui_wait_exit 5

# A post changed since the index was written: the search sees it as it is.
mtime=$(stat -c %Y "$IDX")
make_post "$WWW/2026-10-05.md" 2026-10-05 2 희귀어
make_post "$WWW/2026-10-10.md" 2026-10-10 2
XDG_CACHE_HOME=$TUI_CACHE "$DIGEST_TUI" --fetch --source "file://$WWW/%F.md" --days 12 \
	--until 2026-10-12 >"$TMP/out" 2>&1
contains "$(cat "$TMP/out")" "2 updated" "two posts changed in the cache"
tui_start 100 30
tui_check "the reader starts" tui_wait_for "Daily Papers — 2026-10-12"
tui_keys f
tui_type 희귀어
tui_check "f finds the changed posts' papers, not the old ones" tui_wait_pos 1/2
tui_check "  2026-10-05's now first" tui_wait_row 1 "Paper 1 of 2026-10-05"
check "  2026-10-10's are gone" sh -c "! grep -q 'of 2026-10-10' '$TUI_SCREEN'"
tui_keys Escape q
tui_wait_exit 5

# A post that turned bad in the cache (edited behind its metadata's back).
printf 'garbage\n' >>"$(ls "$TUI_CACHE"/digest-tui/posts/2026-10-05-*.md)"
tui_start 100 30
tui_check "the reader starts" tui_wait_for "Daily Papers — 2026-10-12"
tui_keys f
tui_type 희귀어
tui_check "f leaves the bad post out: 2026-10-03's remain" tui_wait_row 1 "Paper 1 of 2026-10-03"
check "  no 2026-10-05" sh -c "! grep -q 'of 2026-10-05' '$TUI_SCREEN'"
tui_keys Escape q
tui_wait_exit 5
tui_check "stderr is clean" tui_stderr_clean

# A hit below the first screen of its paper: the view opens at it, with a
# little context above, as less does, so the reader sees why the paper was
# found; n, to the next result, does the same; a hit in the first screen
# leaves the paper at its top.
mkdir -p "$TMP/deep"
make_post "$TMP/deep/2026-11-01.md" 2026-11-01 2 표면어
# long_paper N TITLE STEP LAST: paper N, a Method of 30 bullets (STEP with
# its number), then the bullet LAST.
long_paper() {
	printf '\n# %d. [%s](https://arxiv.org/abs/2611.%05d)\n\n## Method\n\n' "$1" "$2" "$1"
	seq 30 | while read -r i; do printf -- "- $3\n" "$i"; done
	printf -- '- %s\n' "$4"
}
{
	long_paper 3 "A long paper" '방법의 %d번째 단계를 자세히 설명한다.' '마지막 단계에서 심층어를 쓴다.'
	printf '\n## Conclusion\n\n결론.\n'
	long_paper 4 "Another long paper" '둘째 논문의 %d번째 단계.' '끝에서 둘째 심층어가 나온다.'
} >>"$TMP/deep/2026-11-01.md"
tui_start 80 16 "$TMP/deep"
tui_check "the reader shows the long post" tui_wait_for "Daily Papers — 2026-11-01"
tui_keys f
tui_type 심층어
tui_check "f finds the two long papers" tui_wait_pos 1/2
tui_check "  the view opens at the hit, 31 steps down" tui_wait_for "마지막 단계에서"
check "  with context above it" grep -q "30번째 단계" "$TUI_SCREEN"
tui_keys Enter n
tui_check "n: the next result opens at its hit too" tui_wait_for "끝에서 둘째"
tui_keys f
tui_type 표면어
tui_check "a hit in the first screen: the paper from its top" tui_wait_for "Introduction"
tui_keys Escape q
tui_wait_exit 5
tui_check "stderr is clean" tui_stderr_clean

plan_done
