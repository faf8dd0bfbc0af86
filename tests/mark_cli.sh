#!/bin/sh
# --mark OP ARXIV_ID...: marks from the shell, as the reader makes them — the
# journal's lines (one step for the call), every operation, IDs in any arXiv
# form, an unknown ID (nothing marked, exit 2), usage errors, and u in a
# reader started afterwards taking the whole call back. On the project's own
# posts (tests/fixtures/forme).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux.sh"

# The reader's places (tests/lib/tmux.sh), for the commands too.
XDG_CONFIG_HOME=$TMP/home/.config XDG_CACHE_HOME=$TMP/home/.cache
XDG_STATE_HOME=$TMP/home/.local/state HOME=$TMP/home
export XDG_CONFIG_HOME XDG_CACHE_HOME XDG_STATE_HOME HOME
mkdir -p "$XDG_CONFIG_HOME/digest-tui"
printf 'set metadata no\n' >"$XDG_CONFIG_HOME/digest-tui/config"
# This machine's journal (journals/MACHINE.marks), once the first mark made it.
journal_file() { ls "$XDG_STATE_HOME"/digest-tui/journals/*.marks 2>/dev/null || echo /nonexistent; }

"$DIGEST_TUI" --fetch --source "$FIXTURES/forme" --days 30 --until 2026-01-08 \
	>"$TMP/out" 2>"$TMP/err"
is "$?" 0 "the fixtures fill the cache"

# ---- one call, one step ------------------------------------------------------
"$DIGEST_TUI" --mark star 2601.00202 2601.00101 >"$TMP/out" 2>"$TMP/err"; rc=$?
is "$rc" 0 "--mark star with two cached papers exits 0"
is "$(cat "$TMP/out" "$TMP/err")" "" "and says nothing"
is "$(grep -v '^#' "$(journal_file)" | cut -d' ' -f2- | tr '\n' ' ')" \
	"+s 2601.00101 &+s 2601.00202 " "one step in the journal: the second line joins the first (&)"
is "$("$DIGEST_TUI" --list | awk -F'\t' '$4 ~ /s/ { print $3 }' | tr '\n' ' ')" \
	"2601.00101 2601.00202 " "--list shows both starred"

# IDs in other arXiv forms; a paper already starred writes nothing.
"$DIGEST_TUI" --mark star arXiv:2601.00101v2 https://arxiv.org/abs/2601.00202 \
	>"$TMP/out" 2>"$TMP/err"; rc=$?
is "$rc" 0 "arXiv:ID, versions and arXiv URLs are read as the ID"
is "$(grep -vc '^#' "$(journal_file)")" 2 "a change that changes nothing writes no line"

# Every operation, with its journal letters; read is a decision (no '.').
n=2
for op in later:+l unlater:-l hide:+h unhide:-h read:+r unread:-r unstar:-s; do
	"$DIGEST_TUI" --mark "${op%%:*}" 2601.00101 2>"$TMP/err"; rc=$?
	n=$((n + 1))
	is "$rc $(tail -n 1 "$(journal_file)" | cut -d' ' -f2-)" "0 ${op#*:} 2601.00101" \
		"--mark ${op%%:*} writes ${op#*:}"
done

# ---- unknown IDs: nothing marked ------------------------------------------------
before=$(cat "$(journal_file)")
"$DIGEST_TUI" --mark hide 2601.00101 2601.99999 not-an-id >"$TMP/out" 2>"$TMP/err"; rc=$?
is "$rc" 2 "an ID that is not a cached paper exits 2"
contains "$(cat "$TMP/err")" "2601.99999 is not a paper of the cached digests" "and is named"
contains "$(cat "$TMP/err")" "'not-an-id' is not an arXiv ID" "as is one that is no arXiv ID"
contains "$(cat "$TMP/err")" "nothing was marked" "the message says nothing was marked"
is "$(cat "$(journal_file)")" "$before" "and the journal is untouched (the known ID is not hidden)"

# ---- usage ---------------------------------------------------------------------------
"$DIGEST_TUI" --mark frob 2601.00101 >"$TMP/out" 2>"$TMP/err"; rc=$?
is "$rc" 2 "an unknown operation is a usage error"
contains "$(cat "$TMP/err")" "--mark wants star|unstar|later|unlater|hide|unhide|read|unread" \
	"which names the operations"
"$DIGEST_TUI" --mark star >"$TMP/out" 2>"$TMP/err"; rc=$?
is "$rc" 2 "--mark without an ID is a usage error"

# ---- u in the reader takes the call back -------------------------------------------
tui_require_tmux
"$DIGEST_TUI" --mark later 2601.00303 2601.00404 2>"$TMP/err"
is "$?" 0 "--mark later with two papers"
tui_start 100 30
check "the reader starts" tui_wait_drawn
tui_keys u
check "u undoes the whole --mark call" tui_wait_for "out of the reading queue: 2 papers"
tui_keys q
tui_wait_exit
is "$("$DIGEST_TUI" --list | awk -F'\t' '$4 ~ /l/' | wc -l | tr -d ' ')" 0 \
	"neither paper is in the reading queue any more"
is "$(tail -n 2 "$(journal_file)" | cut -d' ' -f2 | tr '\n' ' ')" "<-l <&-l " \
	"the undo is journalled as one step"

plan_done
