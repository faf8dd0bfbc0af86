#!/bin/sh
# Marks and notes in a folder a file syncer keeps in step (set sync-dir DIR)
# on two machines, A and B, each with a DIR of its own; `rsync -a` copying
# one DIR into the other stands in for Syncthing, Nextcloud or Dropbox: it
# copies what changed, never the receiver's own journal back onto it (only
# its machine writes it), and keeps the loser of a note changed on both as a
# conflict copy, as Syncthing does.
#   - A stars 3 papers and hides 1, B marks 2 others; carried both ways,
#     both list the union
#   - starred on A, unstarred later on B: unstarred on both
#   - a copy of A's journal made while a line was written (its last line cut
#     short): B reads the whole lines, reports nothing, reads the last line
#     once a whole copy comes
#   - a note edited on both machines: both texts stay in the notes folder,
#     and --sync says so in one line
#   - a v1 marks file (earlier versions) moves into the journal in DIR
#   - 50 copies killed (kill -9) at random moments, half of them written in
#     place (so they leave a journal cut anywhere): B never reports anything,
#     and once a copy completes, lists every mark A acknowledged
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/fetchlib.sh"
. "$top_srcdir/tests/lib/synclib.sh"
command -v rsync >/dev/null 2>&1 || skip_all "rsync is not installed (Debian package rsync)"

machine A "set sync-dir $TMP/A/Sync"
machine B "set sync-dir ~/Sync"

# carry FROM TO [RSYNC OPTION...]: the file syncer's work, one way.
carry() {
	_from=$TMP/$1/Sync _to=$TMP/$2/Sync _own=$(machine_name "$2")
	shift 2
	mkdir -p "$_to/journals" "$_to/notes"
	rsync -a --update --exclude "/$_own.marks" "$@" "$_from/journals/" "$_to/journals/"
	[ ! -d "$_from/notes" ] ||
		rsync -a --update --backup --suffix=".sync-conflict-$(basename "$(dirname "$_from")")" \
			"$_from/notes/" "$_to/notes/"
}

# ---- settings -------------------------------------------------------------------
on A "$DIGEST_TUI" --check-config >/dev/null 2>"$TMP/err"
is "$?:$(cat "$TMP/err")" "0:" "--check-config: a sync-dir that can be made is fine"
: >"$TMP/file"
machine C "set sync-dir $TMP/file"
on C "$DIGEST_TUI" --check-config >/dev/null 2>"$TMP/err"
is "$?:$(cat "$TMP/err")" "2:digest-tui: sync-dir $TMP/file: not a directory" \
	"--check-config: a sync-dir that is a file is an error, status 2"
machine C "set sync-dir $TMP/file/notes"
on C "$DIGEST_TUI" --check-config >/dev/null 2>"$TMP/err"
is "$?:$(cat "$TMP/err")" \
	"2:digest-tui: sync-dir $TMP/file/notes: does not exist and cannot be made (no writable directory above it)" \
	"--check-config: one that cannot be made, too"
machine C "set sync-dir $TMP/C/Sync
set sync-git host:marks.git"
on C "$DIGEST_TUI" --check-config >/dev/null 2>"$TMP/err"
contains "$?:$(cat "$TMP/err")" "2:digest-tui: $TMP/C/config/digest-tui/config:3:14: 'host:marks.git' cannot be set: sync-dir is set already" \
	"sync-dir and sync-git together: an error naming the line, status 2"
machine C ""
on C "$DIGEST_TUI" --sync >"$TMP/out" 2>"$TMP/err"
is "$?:$(cat "$TMP/err")" "2:digest-tui: sync: neither sync-dir nor sync-git is set (see SYNC in digest-tui(1))" \
	"--sync with neither set: a usage error, status 2"

# ---- the union ----------------------------------------------------------------
mark A star 1 2 3 && mark A hide 4
mark B star 5 && mark B later 6
MA=$(machine_name A) MB=$(machine_name B)
check "A's journal is written in its sync-dir (journals/$MA.marks)" test -s "$TMP/A/Sync/journals/$MA.marks"
check "B's in its own, ~/ read as the home directory" test -s "$TMP/B/Sync/journals/$MB.marks"
check "nothing is written in the state directory's journals/" \
	test ! -e "$TMP/A/state/digest-tui/journals/$MA.marks"
carry A B
carry B A
is "$(marks_of A)" "1:s 2:s 3:s 4:h 5:s 6:l " "carried both ways: A lists the union"
is "$(marks_of B)" "1:s 2:s 3:s 4:h 5:s 6:l " "B lists the same"
is "$(cat "$TMP/list.err")" "" "  with nothing to report"
sync_on A
is "$rc:$ERR" "0:" "--sync with sync-dir: status 0, nothing to report"
is "$OUT" "sync: $TMP/A/Sync is kept in step by your file syncer; nothing to run" "  it says there is nothing to run"

# ---- last writer wins ----------------------------------------------------------
mark A star 7
carry A B
is "$(mark_of B 7)" s "starred on A: B sees it once carried"
mark B unstar 7
carry B A
is "$(mark_of A 7)" - "unstarred later on B: unstarred on A"
is "$(mark_of B 7)" - "  and on B"

# ---- a copy made mid-write -------------------------------------------------------
mark A star 8
JA=$TMP/A/Sync/journals/$MA.marks
size=$(wc -c <"$JA")
head -c $((size - 6)) "$JA" >"$TMP/cut"
cp "$TMP/cut" "$TMP/B/Sync/journals/$MA.marks"
# The copy bears the time of the write it caught (older than the journal
# now), as a syncer's copy does: rsync --update then carries the whole one,
# whatever second the clock is in.
touch -d "@$(($(stat -c %Y "$JA") - 10))" "$TMP/B/Sync/journals/$MA.marks"
is "$(mark_of B 8)" - "a copy cut in the middle of its last line: that line is not read"
is "$(cat "$TMP/list.err")" "" "  and nothing is reported"
is "$(mark_of B 1)" s "  the whole lines before it are"
mark B later 9
is "$?" 0 "  B marks on meanwhile"
check "  its copy of A's journal is left as it is" cmp -s "$TMP/cut" "$TMP/B/Sync/journals/$MA.marks"
is "$(ls "$TMP/B/Sync/journals" | wc -l | tr -d ' ')" 2 "  and not kept aside: two journals there"
carry A B
is "$(mark_of B 8)" s "the whole copy comes: the line is read"

# ---- a note edited on both machines -------------------------------------------------
NA=$(note_of A 1) NB=$(note_of B 1)
is "$NA" "$TMP/A/Sync/notes/$(id 1).md" "a paper's note is DIR/notes/ID.md"
mkdir -p "$(dirname "$NA")"
printf 'Why it matters:\nto be written\n' >"$NA"
carry A B
check "the note came to B" grep -q "to be written" "$NB"
printf 'Why it matters:\nA: the method is cheap\n' >"$NA"
touch -d '2 seconds ago' "$NA"
printf 'Why it matters:\nB: the results hold up\n' >"$NB"
carry A B
carry B A
carry A B
for m in A B; do
	check "machine $m keeps both texts in its notes folder" \
		sh -c "cat '$TMP/$m/Sync/notes/'* | grep -q 'A: the method' && cat '$TMP/$m/Sync/notes/'* | grep -q 'B: the results'"
done
sync_on B
is "$rc" 0 "--sync on B: status 0"
is "$ERR" "digest-tui: sync: note $(id 1) has a copy your file syncer kept in a conflict ($(id 1).md.sync-conflict-B): both versions are there, merge them in the note" \
	"  and one line says the note has a conflict copy"

# ---- marks of an earlier version -------------------------------------------------------
# A machine that kept its marks in the v1 file sets sync-dir: the first
# change moves them all into its journal in DIR.
machine D "set sync-dir $TMP/D/Sync"
mkdir -p "$TMP/D/state/digest-tui"
printf '%s\n' "# digest-tui marks v1" "2025-11-01T10:00:00Z +s $(id 31)" \
	"2025-11-01T10:00:00Z .+r $(id 32)" "2025-11-01T10:00:05Z +l $(id 33)" \
	"2025-11-01T10:00:05Z &+l $(id 34)" "2025-11-01T10:01:00Z +h $(id 35)" \
	"2025-11-01T10:01:01Z <-h $(id 35)" >"$TMP/D/state/digest-tui/marks"
cp "$TMP/D/state/digest-tui/marks" "$TMP/v1"
is "$(marks_of D)" "31:s 32:r 33:l 34:l " "a v1 marks file is read as it is by --list"
check "  and left in place" cmp -s "$TMP/v1" "$TMP/D/state/digest-tui/marks"
mark D star 36
is "$(marks_of D)" "31:s 32:r 33:l 34:l 36:s " "the first change: every v1 mark kept, and the new one"
MD=$(machine_name D)
check "  in D's journal in DIR" grep -q "+l $(id 34)" "$TMP/D/Sync/journals/$MD.marks"
check "  the v1 file kept as marks.v1-migrated" cmp -s "$TMP/v1" "$TMP/D/state/digest-tui/marks.v1-migrated"
check "  and no longer in the way" test ! -e "$TMP/D/state/digest-tui/marks"

# ---- copies killed at random moments -------------------------------------------------
# Each round: a script stars a paper on A (acknowledged: the driver exited
# 0), a copy to B is killed after 1 to 80 ms (every other one written in
# place), and B lists its marks.
before=$(cksum <"$TMP/B/Sync/journals/$MB.marks")
acked= n=10 reports=0
while [ $n -lt 60 ]; do
	if mark A star $n; then acked="$acked $n"; fi
	inplace=
	[ $((n % 2)) -eq 0 ] && inplace=--inplace
	exec 3>&2 2>/dev/null # the shell's own word on the kill, too
	timeout -s KILL "$(seconds "$(random_ms 1 80)")" \
		rsync -a $inplace --exclude "/$MB.marks" "$TMP/A/Sync/journals/" "$TMP/B/Sync/journals/"
	exec 2>&3 3>&-
	marks_of B >/dev/null
	[ -s "$TMP/list.err" ] && reports=$((reports + 1))
	n=$((n + 1))
done
is "$(echo $acked | wc -w | tr -d ' ')" 50 "50 marks given on A while copies to B were killed"
is "$reports" 0 "B never reported anything about the copies it read"
is "$(cksum <"$TMP/B/Sync/journals/$MB.marks")" "$before" "B's own journal was never written by a copy"
carry A B
want=$(for k in $acked; do printf '%d:s ' "$k"; done)
got=$(marks_of B | tr ' ' '\n' | awk -F: '$1 >= 10' | tr '\n' ' ')
is "$got" "$want" "a whole copy at last: B lists every mark A acknowledged"
is "$(cat "$TMP/list.err")" "" "  with nothing to report"

plan_done
