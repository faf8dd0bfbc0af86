#!/bin/sh
# A whole morning on the real posts (../shared/corpus/posts; SKIP without
# them), at 100x30 and at 80x24 (stacked): open the reader, read four papers
# with Space (three of the newest digest, then one of the day before, across
# the "no unread paper after this one" stop), star one, queue one for later,
# hide one (each key moving on), go to the next digest, search with 초성, open
# a paper in a fake browser, yank one, quit — then --list shows exactly those
# marks and nothing else changed.
# mark-read is 30 seconds here so that only what the morning does marks read,
# however slow the machine: scrolling and Space count at once.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux.sh"
tui_require_tmux

have_corpus || skip_all "no corpus at ${CORPUS_DIR:-(unset)}"
CORPUS="$CORPUS_DIR/posts"

STATE="$TMP/home/.local/state/digest-tui"
CONF="$TMP/home/.config/digest-tui/config"
mkdir -p "$STATE" "${CONF%/*}"
printf 'set metadata no\nset mark-read 30\n' >"$CONF"

tui_cli --list "$CORPUS" >"$TMP/before" || fail "--list before the morning"
# The newest three dates and their paper counts.
dates=$(cut -f1 "$TMP/before" | uniq | tail -n 3 | tac)
d0=$(echo "$dates" | sed -n 1p) d1=$(echo "$dates" | sed -n 2p) d2=$(echo "$dates" | sed -n 3p)
n0=$(awk -F '\t' -v d="$d0" '$1 == d' "$TMP/before" | wc -l | tr -d ' ')
n1=$(awk -F '\t' -v d="$d1" '$1 == d' "$TMP/before" | wc -l | tr -d ' ')
n2=$(awk -F '\t' -v d="$d2" '$1 == d' "$TMP/before" | wc -l | tr -d ' ')
[ "$n0" -ge 1 ] && [ "$n0" -le 3 ] && [ "$n1" -ge 4 ] ||
	skip_all "the corpus's newest digests are not the expected shape ($d0: $n0, $d1: $n1)"
id() { awk -F '\t' -v d="$1" -v n="$2" '$1 == d && $2 == n { print $3 }' "$TMP/before"; }

morning() {
	W=$1 H=$2
	rm -rf "$STATE/journals" "$STATE"/marks*
	rm -f "$TMP/launched"
	tui_stop
	tui_start $W $H "$CORPUS"
	tui_check "${W}x$H: opens on the newest digest, $d0, 1/$n0" \
		tui_wait_until "$TUI_TIMEOUT" tui_pos_and_header "1/$n0" "$d0"
	i=1
	while [ $i -lt "$n0" ]; do
		tui_read_on "$i/$n0"
		i=$((i + 1))
	done
	tui_check "${W}x$H: Space read $d0 to its last paper" tui_wait_pos "$n0/$n0"
	tui_read_on "$n0/$n0"
	tui_check "${W}x$H: Space at the end of the newest digest says so" \
		tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "no unread paper after this one"
	tui_keys [
	tui_check "${W}x$H: [ goes to $d1" tui_wait_until "$TUI_TIMEOUT" tui_pos_and_header "1/$n1" "$d1"
	tui_read_on "1/$n1"
	tui_check "${W}x$H: Space read paper 1 of $d1 and went on" tui_wait_pos "2/$n1"
	tui_keys s
	tui_check "${W}x$H: s starred paper 2 and moved on" tui_wait_pos "3/$n1"
	tui_keys L
	tui_check "${W}x$H: L queued paper 3 and moved on" tui_wait_pos "4/$n1"
	tui_keys d
	tui_check "${W}x$H: d hid paper 4: one paper fewer" tui_wait_until "$TUI_TIMEOUT" tui_last_row_has hidden
	tui_keys [
	tui_check "${W}x$H: [ goes to $d2" tui_wait_until "$TUI_TIMEOUT" tui_pos_and_header "1/$n2" "$d2"
	tui_keys f
	tui_type "ㄱㅎㅎㅅ"
	tui_keys Enter
	tui_check "${W}x$H: f ㄱㅎㅎㅅ: the Search results" \
		tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "papers match"
	tui_keys o
	tui_check "${W}x$H: o opens the selected result" \
		tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "opened https://arxiv.org/abs/"
	if grep -q "https://arxiv.org/abs/" "$TMP/launched" 2>/dev/null; then
		pass "${W}x$H: the fake browser got the arXiv URL"
	else
		fail "${W}x$H: the fake browser got the arXiv URL"
	fi
	tui_keys y
	tui_check "${W}x$H: y copies the URL" \
		tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "copied https://arxiv.org/abs/"
	tui_keys q
	tui_wait_exit
	is "$(tui_exit_status)" 0 "${W}x$H: q quits with status 0"

	# What the morning did, by arXiv ID (a paper in several digests shows
	# its marks on every one of its lines).
	{
		i=1
		while [ $i -le "$n0" ]; do printf '%s\tr\n' "$(id "$d0" $i)"; i=$((i + 1)); done
		printf '%s\tr\n%s\ts\n%s\tl\n%s\th\n' "$(id "$d1" 1)" "$(id "$d1" 2)" \
			"$(id "$d1" 3)" "$(id "$d1" 4)"
	} >"$TMP/want.ids"
	awk -F '\t' -v OFS='\t' 'NR == FNR { m[$1] = $2; next }
		{ if ($3 in m) $4 = m[$3]; print }' "$TMP/want.ids" "$TMP/before" >"$TMP/want"
	tui_cli --list "$CORPUS" >"$TMP/after"
	if cmp -s "$TMP/want" "$TMP/after"; then
		pass "${W}x$H: --list shows exactly the morning's marks, nothing else changed"
	else
		fail "${W}x$H: --list shows exactly the morning's marks, nothing else changed"
		diff "$TMP/want" "$TMP/after" | head -20 | sed 's/^/# /'
	fi
}

morning 100 30
morning 80 24
tui_stop

plan_done
