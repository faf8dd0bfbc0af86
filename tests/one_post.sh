#!/bin/sh
# One post, one digest: the same real posts fetched under
# two source names, as the man page's example configuration invites, show
# once: --list, --search and --dump print each paper and digest once, the
# reader's [ and ] visit each date once, and a paper's "in the digests of"
# names its date once. A mirror whose copy is a few bytes apart (it lags
# behind) counts as the same post for [ and ] and for --list. Both copies
# stay in the cache: nothing cached is lost.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux.sh"
have_corpus || skip_all "no corpus at ${CORPUS_DIR:-(unset)}"
tui_require_tmux

P="$CORPUS_DIR/posts"
for f in 2025-09-01-Arxiv.md 2025-09-01-daily-papers-20250901.md \
	2025-09-05-daily-papers-20250905.md 2025-09-08-daily-papers-20250908.md; do
	[ -f "$P/$f" ] || skip_all "the corpus lacks $f"
done
# The blog and its mirror; the mirror's 2025-09-08 has one more line.
mkdir -p "$TMP/blog" "$TMP/mirror"
cp "$P"/2025-09-01-*.md "$P/2025-09-05-daily-papers-20250905.md" \
	"$P/2025-09-08-daily-papers-20250908.md" "$TMP/blog/"
cp "$TMP"/blog/*daily-papers*.md "$TMP/mirror/"
printf '\n' >>"$TMP/mirror/2025-09-08-daily-papers-20250908.md"

# The reader's home (tui_start's) is where --fetch stores, too.
mkdir -p "$TMP/home/.config/digest-tui"
printf 'set metadata no\n' >"$TMP/home/.config/digest-tui/config"
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" \
	XDG_CACHE_HOME="$TMP/home/.cache" XDG_STATE_HOME="$TMP/home/.local/state"
"$DIGEST_TUI" --fetch --days 8 --until 2025-09-08 \
	--source "hahngt=file://$TMP/blog/%F-daily-papers-%Y%m%d.md" \
	--source "mirror=file://$TMP/mirror/%F-daily-papers-%Y%m%d.md" \
	--source "arx=file://$TMP/blog/2025-09-01-Arxiv.md" >"$TMP/fetch.out" 2>&1
is "$?" 0 "three sources fetched"
is "$(ls "$XDG_CACHE_HOME/digest-tui/posts" | wc -l | tr -d ' ')" 7 \
	"the cache keeps all seven copies"

# What the four posts print when each is named once.
one="$TMP/blog/2025-09-01-Arxiv.md $TMP/blog/2025-09-01-daily-papers-20250901.md"
one="$one $TMP/blog/2025-09-05-daily-papers-20250905.md $TMP/blog/2025-09-08-daily-papers-20250908.md"
# shellcheck disable=SC2086
"$DIGEST_TUI" --list $one | cut -f1-4 >"$TMP/want.list"
"$DIGEST_TUI" --list | cut -f1-4 >"$TMP/got.list"
check "--list prints each paper once ($(wc -l <"$TMP/want.list" | tr -d ' ') lines)" \
	cmp -s "$TMP/want.list" "$TMP/got.list"
is "$(cut -f1,3 "$TMP/got.list" | sort | uniq -d | wc -l | tr -d ' ')" 0 \
	"no date holds an arXiv ID twice"
# shellcheck disable=SC2086
"$DIGEST_TUI" --search model $one | cut -f1-4 >"$TMP/want.search"
"$DIGEST_TUI" --search model | cut -f1-4 >"$TMP/got.search"
check "--search prints each hit once" cmp -s "$TMP/want.search" "$TMP/got.search"
check "and finds some" test -s "$TMP/got.search"
is "$("$DIGEST_TUI" --dump | grep -c '^Daily Papers — \|^Arxiv - ')" 5 \
	"--dump shows five digests: the lagging mirror's copy is another post"
"$DIGEST_TUI" --list "$TMP/blog/2025-09-05-daily-papers-20250905.md" \
	"$TMP/mirror/2025-09-05-daily-papers-20250905.md" | cut -f1-4 >"$TMP/twice"
"$DIGEST_TUI" --list "$TMP/blog/2025-09-05-daily-papers-20250905.md" | cut -f1-4 >"$TMP/once"
check "a post named twice on the command line is listed once" cmp -s "$TMP/once" "$TMP/twice"

# The reader: the newest date first, then each date once going back.
tui_start 100 30
tui_check "the reader opens on 2025-09-08" tui_wait_row 0 "Daily Papers — 2025-09-08"
tui_keys '['
tui_check "[ goes to 2025-09-05" tui_wait_row 0 "Daily Papers — 2025-09-05"
tui_keys '['
tui_check "[ goes to 2025-09-01's daily papers" tui_wait_row 0 "Daily Papers — 2025-09-01"
tui_keys '['
tui_check "[ goes to 2025-09-01's Arxiv post" tui_wait_row 0 "Arxiv - 2025-09-01"
tui_keys '['
tui_check "and no further" tui_wait_for "no older digest"
tui_keys ']' ']' ']'
tui_check "] ] ] come back to 2025-09-08" tui_wait_row 0 "Daily Papers — 2025-09-08"
tui_keys ']'
tui_check "which is the newest: its mirror copy is passed over" tui_wait_for "no newer digest"
# The Unread view names the days a paper was in, each once.
tui_keys U
tui_check "the Unread view" tui_wait_for "in the digests of 2025-09-08"
named_once() { ! grep -q '2025-09-08, 2025-09-08' "$TUI_SCREEN"; }
check "names 2025-09-08 once" named_once
tui_keys q
tui_wait_exit
is "$(tui_exit_status)" 0 "quits with status 0"
plan_done
