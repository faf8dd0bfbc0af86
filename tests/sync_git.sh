#!/bin/sh
# Marks and notes carried by git (set sync-git URL, digest-tui --sync)
# between two machines, A and B, through a bare repository made by
# `git init --bare` (real git, nothing stood in):
#   - A stars 3 papers and hides 1, B (not synced yet) marks 2 others;
#     --sync on A, B, A: both list the union
#   - starred on A, unstarred later on B: unstarred on both
#   - a note edited on both machines keeps both texts, between conflict
#     markers, and the sync says so in one line
#   - 50 syncs killed (kill -9) at random moments, the git they run too:
#     no mark a script was told is saved is lost, the next sync heals, the
#     repositories pass git fsck
#   - the remote gone: marking and --list go on, --sync says why in one line
#     and exits 1; back, the next sync sends what waited
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/fetchlib.sh"
. "$top_srcdir/tests/lib/synclib.sh"

REMOTE=$TMP/remote.git
git init -q --bare "$REMOTE" || skip_all "git init --bare failed"
machine A "set sync-git $REMOTE"
machine B "set sync-git $REMOTE"

# ---- settings -------------------------------------------------------------------
on A "$DIGEST_TUI" --check-config >/dev/null 2>"$TMP/err"
is "$?:$(cat "$TMP/err")" "0:" "--check-config: sync-git with git installed is fine"
on A env PATH=/nonexistent "$DIGEST_TUI" --check-config >/dev/null 2>"$TMP/err"
is "$?:$(cat "$TMP/err")" "2:digest-tui: sync-git is set, but git is not installed (not found in PATH)" \
	"--check-config: sync-git without git is an error, status 2"
on A env PATH=/nonexistent "$DIGEST_TUI" --sync >/dev/null 2>"$TMP/err"
is "$?:$(cat "$TMP/err")" "1:digest-tui: sync: cannot run 'git': not found in PATH" \
	"--sync without git: status 1, one line"

# ---- the union ----------------------------------------------------------------
mark A star 1 2 3 && mark A hide 4
mark B star 5 && mark B later 6
sync_on A
is "$rc:$ERR" "0:" "--sync on A: status 0, nothing on stderr"
contains "$OUT" "sync: $REMOTE: received 0 changes, sent 1" "  it says what it sent"
sync_on B
is "$rc:$ERR" "0:" "--sync on B: status 0"
contains "$OUT" "received 1 change, sent 1" "  B received A's change and sent its own"
sync_on A
is "$rc" 0 "--sync on A again"
is "$(marks_of A)" "1:s 2:s 3:s 4:h 5:s 6:l " "A lists the union of both machines' marks"
is "$(marks_of B)" "1:s 2:s 3:s 4:h 5:s 6:l " "B lists the same"
is "$(cat "$TMP/list.err")" "" "  with nothing to report"
MA=$(machine_name A) MB=$(machine_name B)
check "each machine wrote only its own journal in the repository ($MA, $MB)" \
	test "$(git --git-dir="$REMOTE" log --format=%an main -- "journals/$MA.marks" | sort -u)" = "$MA" -a \
	"$(git --git-dir="$REMOTE" log --format=%an main -- "journals/$MB.marks" | sort -u)" = "$MB"

# ---- last writer wins ----------------------------------------------------------
mark A star 7
sync_on A
sync_on B
is "$(mark_of B 7)" s "starred on A: B sees it after a sync"
mark B unstar 7
sync_on B
sync_on A
is "$(mark_of A 7)" - "unstarred later on B: unstarred on A"
is "$(mark_of B 7)" - "  and on B"

# ---- a note edited on both machines -------------------------------------------------
NA=$(note_of A 1) NB=$(note_of B 1)
is "$NA" "$TMP/A/state/digest-tui/sync/notes/$(id 1).md" "a paper's note is notes/ID.md in the work tree"
mkdir -p "$(dirname "$NA")"
printf 'Why it matters:\nto be written\n' >"$NA"
sync_on A
sync_on B
check "the note came to B" grep -q "to be written" "$NB"
printf 'Why it matters:\nA: the method is cheap\n' >"$NA"
printf 'Why it matters:\nB: the results hold up\n' >"$NB"
sync_on A
is "$rc" 0 "A sends its version of the note"
sync_on B
is "$rc" 0 "B syncs its own version over it: status 0"
check "  B's note holds A's text" grep -q "A: the method is cheap" "$NB"
check "  and B's" grep -q "B: the results hold up" "$NB"
check "  between conflict markers" sh -c "grep -q '^<<<<<<<' '$NB' && grep -q '^=======' '$NB' && grep -q '^>>>>>>>' '$NB'"
is "$ERR" "digest-tui: sync: note $(id 1) was changed on two machines: both versions are kept in it between conflict markers" \
	"  and the sync says so in one line"
sync_on A
check "A gets the note with both texts" sh -c "grep -q 'A: the method' '$NA' && grep -q 'B: the results' '$NA'"

# ---- what a killed git leaves --------------------------------------------------------
# The states a kill -9 can leave in the work tree, made by hand, each healed
# by the next sync.
W=$TMP/A/state/digest-tui/sync
gitA() { on A env GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t \
	GIT_COMMITTER_EMAIL=t@t git -C "$W" "$@"; }
: >"$W/.git/index.lock"
mark A star 9
sync_on A
is "$rc:$ERR" "0:" "a lock file a killed git left (.git/index.lock): the next sync goes through"
check "  and removes it" test ! -e "$W/.git/index.lock"
head -c 30 "$W/journals/$MB.marks" >"$TMP/cut" && cp "$TMP/cut" "$W/journals/$MB.marks"
sync_on A
is "$rc:$ERR" "0:" "another machine's journal cut short in the work tree (a checkout killed)"
check "  is put back as committed" sh -c "git -C '$W' show HEAD:journals/$MB.marks | cmp -s - '$W/journals/$MB.marks'"
printf 'Why it matters:\nB: a third thought\n' >"$NB"
sync_on B
printf 'Why it matters:\nA: and a fourth\n' >"$NA"
gitA add -A notes >/dev/null && gitA commit -q -m "a commit of a sync that was killed" &&
	gitA fetch -q origin && gitA rebase -q origin/main >/dev/null 2>&1
check "a rebase stopped half-way, as a killed sync leaves it" test -d "$W/.git/rebase-merge"
sync_on A
is "$rc" 0 "  the next sync finishes the work"
check "  with no rebase left in progress" test ! -d "$W/.git/rebase-merge"
check "  and both texts in the note" sh -c "grep -q 'B: a third' '$NA' && grep -q 'A: and a fourth' '$NA'"
sync_on B

# ---- killed at random moments ------------------------------------------------------
# Each round: a script stars a paper (acknowledged: the driver exited 0),
# then a sync is killed after 2 to 90 ms; every other round the git it ran
# is killed too (found by its -C work tree). Every fifth round B sends a
# change first, so that A's syncs have to rebase, and are killed doing it.
acked= killed=0 rebases=0 locks=0 n=10
while [ $n -lt 60 ]; do
	if [ $((n % 5)) -eq 0 ]; then
		mark B later "$n" && sync_on B
	fi
	if mark A star $n; then acked="$acked $n"; fi
	(on_exec A "$DIGEST_TUI" --sync) >/dev/null 2>&1 &
	pid=$!
	sleep "$(seconds "$(random_ms 2 90)")"
	exec 3>&2 2>/dev/null # the shell's own word on the kill, too
	kill -9 $pid && killed=$((killed + 1))
	if [ $((n % 2)) -eq 1 ]; then
		for g in $(pgrep -f -- "-C $W "); do kill -9 "$g"; done
	fi
	wait $pid
	exec 2>&3 3>&-
	[ -d "$W/.git/rebase-merge" ] && rebases=$((rebases + 1))
	[ -n "$(find "$W/.git" -name '*.lock' 2>/dev/null)" ] && locks=$((locks + 1))
	n=$((n + 1))
done
diag "killed syncs left a rebase half-done $rebases times, a git lock file $locks times"
is "$(echo $acked | wc -w | tr -d ' ')" 50 "50 marks given while syncs were killed ($killed killed mid-sync)"
stars=$(for k in $acked; do printf '%d:s ' "$k"; done)
got=$(marks_of A | tr ' ' '\n' | awk -F: '$1 >= 10 && $2 ~ /s/ { printf "%d:s ", $1 }')
is "$got" "$stars" "no acknowledged mark is lost on A"
sync_on A
is "$rc:$ERR" "0:" "the next sync heals: status 0, nothing to report"
check "A's work tree passes git fsck" git -C "$W" fsck --no-progress --strict
check "the bare repository passes git fsck" git --git-dir="$REMOTE" fsck --no-progress --strict
check "  and no lock of a killed git is left in it" sh -c "! find '$REMOTE' -name '*.lock' | grep -q ."
sync_on B
want=$(for k in $acked; do printf '%d:s%s ' "$k" "$([ $((k % 5)) -eq 0 ] && echo l)"; done)
got=$(marks_of B | tr ' ' '\n' | awk -F: '$1 >= 10' | tr '\n' ' ')
is "$got" "$want" "B receives every one of them, beside its own"
sync_on A
got=$(marks_of A | tr ' ' '\n' | awk -F: '$1 >= 10' | tr '\n' ' ')
is "$got" "$want" "and A B's"

# ---- the remote gone ------------------------------------------------------------------
mv "$REMOTE" "$TMP/remote.away"
mark A star 8
is "$?" 0 "the remote gone: marking goes on"
is "$(mark_of A 8)" s "  --list shows it"
sync_on A
is "$rc" 1 "  --sync exits 1"
is "$(printf '%s\n' "$ERR" | wc -l | tr -d ' ')" 1 "  with one line on stderr"
contains "$ERR" "sync: cannot reach $REMOTE: " "  saying it cannot reach the remote"
contains "$ERR" "does not appear to be a git repository" "  and why"
mv "$TMP/remote.away" "$REMOTE"
sync_on A
sync_on B
is "$(mark_of B 8)" s "the remote back: the next syncs carry what waited"

plan_done
