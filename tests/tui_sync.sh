#!/bin/sh
# Sync in the reader, end to end in tmux: machine A is the reader (set
# sync-git to a bare repository, real git), machine B a script with
# digest-tui --sync (tests/lib/synclib.sh).
#   - at start a sync runs in the background: the status line shows it, and
#     marking goes on while its git waits (a git that holds its fetch until
#     the test lets it go); its end brings B's star and says what came (the marks made
#     meanwhile go with the next sync)
#   - a star made on B and sent with --sync shows in A after R
#   - a note changed on both machines: the status line says so, the Notes
#     section shows both versions between the conflict markers
#   - quitting syncs this session's marks; a sync that does not end in time
#     is left to finish in the background, and says so
#   - an unreachable remote is one line; marking goes on
#   - --offline syncs nothing
#   - sync-dir: a journal and a note a file syncer brings show at once
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/fetchlib.sh"
. "$top_srcdir/tests/lib/synclib.sh"
. "$top_srcdir/tests/lib/tmux.sh"
tui_require_tmux

W=100 H=30
REMOTE=$TMP/remote.git
git init -q --bare "$REMOTE" || skip_all "git init --bare failed"
machine B "set sync-git $REMOTE"
CONFIG=$TMP/home/.config/digest-tui/config
mkdir -p "$(dirname "$CONFIG")"
STATE=$TMP/home/.local/state/digest-tui

# The user's git, but for a fetch while $TMP/git.hold exists: that waits
# until it is gone (and says it waits with $TMP/git.held).
REAL_GIT=$(command -v git)
mkdir -p "$TMP/gitbin"
cat >"$TMP/gitbin/git" <<EOF
#!/bin/sh
for a; do
	if [ "\$a" = fetch ] && [ -e "$TMP/git.hold" ]; then
		touch "$TMP/git.held"
		while [ -e "$TMP/git.hold" ]; do sleep 0.02; done
	fi
done
exec "$REAL_GIT" "\$@"
EOF
chmod +x "$TMP/gitbin/git"
TUI_ENV="GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null PATH=$TMP/gitbin:$PATH"
TUI_ONLINE=1 # the reader reads $POST, named: nothing is fetched, and it syncs

# _flag N FLAG: paper N's flag column in the list (* + x or blank).
_flag() {
	[ "$(tui_list "$TUI_SCREEN" "$TUI_COLS" | awk -F'\t' -v n="$1" '$3 == n { print $6 }')" = "$2" ]
}
# _noted N: paper N has the note glyph.
_noted() {
	[ "$(tui_list "$TUI_SCREEN" "$TUI_COLS" | awk -F'\t' -v n="$1" '$3 == n { print $7 }')" = "=" ]
}
# _right_has TEXT: the status line's right end holds TEXT.
_right_has() { tui_row $((TUI_ROWS - 1)) | grep -q -F -e "$1"; }
# _b_has N MARKS: machine B, synced, shows MARKS for paper N.
_b_has() { sync_on B && [ "$(mark_of B "$1")" = "$2" ]; }

mark B star 5
sync_on B
is "$rc:$ERR" "0:" "B stars paper 5 and sends it"

# ---- at start --------------------------------------------------------------------
printf 'set metadata no\nset sync-git %s\n' "$REMOTE" >"$CONFIG"
touch "$TMP/git.hold"
tui_restart "1/60" "$POST"
wait_until "$TUI_TIMEOUT" test -e "$TMP/git.held"
tui_check "at start a sync runs: the status line says so" \
	tui_wait_until "$TUI_TIMEOUT" _right_has " syncing"
tui_keys s
tui_check "  marking goes on while its git waits (s)" tui_wait_until "$TUI_TIMEOUT" _flag 1 "*"
tui_keys L
tui_check "  (L)" tui_wait_until "$TUI_TIMEOUT" _flag 2 "+"
check "  the marks are in A's journal at once" grep -q "+s 2511.00001" "$STATE"/journals/*.marks
rm -f "$TMP/git.hold"
tui_check "its end says what came" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "sync: $REMOTE: received 1 change, sent 0"
tui_check "  and shows it: B's star on paper 5" _flag 5 "*"
tui_check "  the progress is gone" eval '! _right_has " syncing"'

# ---- R ---------------------------------------------------------------------------
mark B star 6
sync_on B
is "$rc" 0 "B stars paper 6 and sends it"
check "  A has not seen it yet" eval '! _flag 6 "*"'
tui_keys R
tui_check "R syncs: B's star on paper 6 shows" tui_wait_until "$TUI_TIMEOUT" _flag 6 "*"
tui_check "  and the status line says what came" tui_wait_until "$TUI_TIMEOUT" \
	tui_last_row_has "received 1 change"
check "A's marks made during the first sync reached B with R's" _b_has 1 s

# ---- a note changed on both machines -----------------------------------------------
NA=$STATE/sync/notes/$(id 3).md
NB=$(note_of B 3)
mkdir -p "$(dirname "$NA")"
printf '# Paper 3\n\nWhy it matters:\nto be written\n' >"$NA"
tui_keys R
# The whole line: R's line before ("received 1 change, sent 1") must not
# pass for this sync's.
tui_check "a note written on A is sent with R" tui_wait_until "$TUI_TIMEOUT" \
	tui_last_row_has "sync: $REMOTE: received 0 changes, sent 1"
sync_on B
check "  B has it" grep -q "to be written" "$NB"
printf '# Paper 3\n\nWhy it matters:\nA: the method is cheap\n' >"$NA"
printf '# Paper 3\n\nWhy it matters:\nB: the results hold up\n' >"$NB"
sync_on B
tui_keys R
tui_check "changed on both: the status line says both versions are kept" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has \
	"sync: note $(id 3) was changed on two machines: both versions are kept in it"
tui_check "  the paper has its glyph" _noted 3
tui_keys g j j 7
tui_check "  its Notes section shows both versions" \
	tui_wait_until "$TUI_TIMEOUT" eval 'tui_vrow_is 0 Notes && tui_vrow_has 1 "Why it matters:" &&
		tui_view "$TUI_SCREEN" $W | grep -q "^ *<<<<<<<" &&
		tui_view "$TUI_SCREEN" $W | grep -q "A: the method is cheap" &&
		tui_view "$TUI_SCREEN" $W | grep -q "^ *=======" &&
		tui_view "$TUI_SCREEN" $W | grep -q "B: the results hold up" &&
		tui_view "$TUI_SCREEN" $W | grep -q "^ *>>>>>>>"'

# ---- quitting -----------------------------------------------------------------------
tui_keys h g j j j j j j s
tui_check "A stars paper 7" tui_wait_until "$TUI_TIMEOUT" _flag 7 "*"
tui_quit
is "$(tui_exit_status)" 0 "quitting: status 0"
is "$(cat "$TMP/tui.stderr")" "" "  nothing on stderr"
check "  its sync sent the star made just before" _b_has 7 s

printf 'set metadata no\nset sync-git %s\n' "$REMOTE" >"$CONFIG"
TUI_ENV="$TUI_ENV DIGEST_TUI_TEST_QUIT_SYNC_MS=200"
tui_restart "*/60" "$POST"
tui_check "(its start sync ends)" tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "received"
touch "$TMP/git.hold"
rm -f "$TMP/git.held"
tui_keys g j j j j j j j s
tui_check "A stars paper 8" tui_wait_until "$TUI_TIMEOUT" _flag 8 "*"
tui_keys q
wait_until "$TUI_TIMEOUT" test -e "$TMP/git.held"
tui_check "quitting while the sync's git waits: the reader says it syncs" \
	tui_wait_until "$TUI_TIMEOUT" eval 'tui_exited || tui_last_row_has "syncing before quitting"'
tui_wait_exit
is "$(tui_exit_status)" 0 "  and leaves when the wait is over: status 0"
is "$(cat "$TMP/tui.stderr")" "digest-tui: sync: not done yet; it finishes in the background" \
	"  saying the sync goes on"
rm -f "$TMP/git.hold"
check "  which sends the star once its git goes on" wait_until "$TUI_TIMEOUT" _b_has 8 s

# ---- an unreachable remote ----------------------------------------------------------
printf 'set metadata no\nset sync-git %s\n' "$TMP/nowhere.git" >"$CONFIG"
TUI_ENV="GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null PATH=$TMP/gitbin:$PATH"
tui_restart "*/60" "$POST"
tui_check "an unreachable remote: one line" tui_wait_until "$TUI_TIMEOUT" \
	tui_last_row_has "sync: cannot reach $TMP/nowhere.git:"
tui_keys g j j j j j j j j s
tui_check "  marking goes on" tui_wait_until "$TUI_TIMEOUT" _flag 9 "*"
tui_quit
is "$(tui_exit_status)" 0 "  quitting: status 0"
contains "$(cat "$TMP/tui.stderr")" "digest-tui: sync: cannot reach $TMP/nowhere.git:" \
	"  the quit's sync says why on stderr, in one line"
is "$(wc -l <"$TMP/tui.stderr" | tr -d ' ')" 1 "  (one)"

# ---- offline ------------------------------------------------------------------------
printf 'set metadata no\nset sync-git %s\n' "$REMOTE" >"$CONFIG"
touch "$TMP/git.hold"
rm -f "$TMP/git.held"
TUI_ONLINE=
tui_restart "*/60" "$POST"
tui_keys R
tui_check "--offline: R does not sync" tui_wait_until "$TUI_TIMEOUT" \
	tui_last_row_has "offline: not fetching"
tui_quit
check "  nor did the start, nor the quit" test ! -e "$TMP/git.held"
rm -f "$TMP/git.hold"

# ---- sync-dir: what a file syncer brings -------------------------------------------
DIR=$TMP/Sync
printf 'set metadata no\nset sync-dir %s\n' "$DIR" >"$CONFIG"
mkdir -p "$DIR/journals" "$DIR/notes"
tui_restart "*/60" "$POST"
printf '# digest-tui marks v2\n2030-01-01T00:00:00.000000Z +l %s\n' "$(id 10)" \
	>"$DIR/journals/.peer.tmp" && mv "$DIR/journals/.peer.tmp" "$DIR/journals/laptop-0a1b2c.marks"
tui_check "sync-dir: another machine's journal a file syncer brings shows at once" \
	tui_wait_until "$TUI_TIMEOUT" _flag 10 "+"
printf 'Brought by the syncer.\n' >"$DIR/notes/$(id 11).md"
tui_check "  and a note" tui_wait_until "$TUI_TIMEOUT" _noted 11
tui_quit
is "$(cat "$TMP/tui.stderr")" "" "  nothing is run, nothing said on stderr"

plan_done
