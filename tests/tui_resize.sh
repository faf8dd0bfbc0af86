#!/bin/sh
# Resizing the terminal under the program: from 100x30 with paper 3 selected
# down to 80x24, 60x20, 20x6, 1x1, 40x10, a burst of resizes, and back to
# 100x30. After each the screen is redrawn consistently (every row fits, the
# header shows 3/8 at the right when there is room, the layout matches the
# width) and the program still answers keys; q then leaves cleanly.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux.sh"
tui_require_tmux

# redrawn COLS ROWS: the screen is the program's drawing for COLS x ROWS: as
# many rows, each fitting, and (from 20 columns) the header ends with 3/8 at
# the right edge, so a cropped or stale screen does not count.
redrawn() {
	[ "$(wc -l <"$TUI_SCREEN" | tr -d ' ')" -eq "$2" ] || return 1
	tui_fits "$TUI_SCREEN" "$1" || return 1
	[ "$1" -lt 20 ] && return 0
	[ "$(tui_pos)" = 3/8 ] || return 1
	tui_row 0 >"$TMP/row0"
	[ "$(max_width "$TMP/row0")" -ge $(($1 - 3)) ]
}

sel() { tui_list "$TUI_SCREEN" "$1" | awk -F'\t' '$2 == ">" { print $3; exit }'; }

# after_resize COLS ROWS: the checks once the window is COLS x ROWS.
after_resize() {
	w=$1 h=$2
	if tui_wait_until "$TUI_TIMEOUT" redrawn "$w" "$h"; then
		pass "${w}x$h: redrawn, every row fits$([ "$w" -ge 20 ] && echo ', header shows 3/8 at the right')"
	else
		fail "${w}x$h: redrawn, every row fits$([ "$w" -ge 20 ] && echo ', header shows 3/8 at the right')"
		diag "widths: $(tui_widths "$TUI_SCREEN" | tr '\n' ' ')"
		tui_dump_screen
	fi
	check "${w}x$h: the program is still running" sh -c "! test -e '$TUI_EXIT_FILE'"
	if [ "$w" -ge 80 ] && [ "$h" -ge 10 ]; then
		set -- $(tui_geom "$TUI_SCREEN" "$w")
		is "$1" side "${w}x$h: side-by-side, one border column on every body row"
	elif [ "$w" -ge 40 ] && [ "$h" -ge 10 ]; then
		set -- $(tui_geom "$TUI_SCREEN" "$w")
		is "$1" stacked "${w}x$h: stacked"
	fi
	if [ "$w" -ge 40 ] && [ "$h" -ge 10 ]; then
		is "$(sel "$w")" 3 "${w}x$h: '>' still marks paper 3"
		check "${w}x$h: the view still shows paper 3" \
			grep -q -F '3. Chain-of-Thought' "$TUI_SCREEN"
	fi
}

tui_start 100 30
if ! tui_wait_pos 1/8; then
	fail "the program starts on 1/8"
	tui_dump_screen
	plan_done
	exit
fi
tui_keys j j
tui_check "paper 3 selected" tui_wait_pos 3/8

for size in "80 24" "60 20" "20 6" "1 1" "40 10" "100 30"; do
	set -- $size
	if tui_resize "$1" "$2"; then
		after_resize "$1" "$2"
	else
		fail "tmux resized the window to ${1}x$2 (it is $(tui_size))"
	fi
done

# A burst: several resizes with no wait between them; the last one wins.
for size in "90 28" "30 8" "120 40" "70 22" "2 2" "100 30"; do
	set -- $size
	_tmux resize-window -t "$TUI_SESSION:0" -x "$1" -y "$2"
done
if [ "$(tui_size)" = 100x30 ]; then
	after_resize 100 30
else
	fail "tmux resized the window to 100x30 after the burst"
fi

# Still answering keys, at the same selection.
tui_keys j
tui_check "j after the resizes: header shows 4/8" tui_wait_pos 4/8
is "$(sel 100)" 4 "'>' marks paper 4"

# Small and then a key: moving at 20x6 works too.
tui_resize 20 6 && tui_keys k
tui_resize 100 30
tui_check "k at 20x6, back at 100x30: header shows 3/8" tui_wait_pos 3/8

tui_keys q
tui_check "q quits after the resizes" tui_wait_exit
is "$(tui_exit_status)" 0 "exit status 0"
check "the terminal modes (stty -g) are restored" tui_stty_same
check "no sanitizer report" tui_stderr_clean
[ -s "$TMP/tui.stderr" ] && diag "stderr:" "$(head -n 5 "$TMP/tui.stderr")"
tui_stop

# Starting tiny: the first layout at 1x1 and at 20x6, then grown to 100x30.
for size in "1 1" "20 6"; do
	set -- $size
	tui_start "$1" "$2"
	tui_check "started at ${1}x$2: the program draws" tui_wait_drawn
	if [ "$1" -ge 20 ]; then
		tui_check "started at ${1}x$2: header shows 1/8" tui_wait_pos 1/8
	fi
	check "started at ${1}x$2: every row fits" tui_fits "$TUI_SCREEN" "$1"
	tui_keys j
	tui_resize 100 30
	tui_check "started at ${1}x$2, j, grown to 100x30: header shows 2/8" tui_wait_pos 2/8
	tui_keys q
	tui_check "started at ${1}x$2: q quits" tui_wait_exit
	is "$(tui_exit_status)" 0 "started at ${1}x$2: exit status 0"
	check "started at ${1}x$2: no sanitizer report" tui_stderr_clean
	tui_stop
done

plan_done
