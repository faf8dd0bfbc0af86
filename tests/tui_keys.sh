#!/bin/sh
# The keys, on the bundled sample at 100x30, checked by the screen they leave:
# list movement (position in the header), focus and view scrolling, section
# jumps, digests by date, search with n/N, the help overlay, the layout
# toggles v/z/c, Ctrl-L, and q leaving with status 0 and the terminal modes
# as they were.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux.sh"
tui_require_tmux

W=100 H=30
# The terminal description decides which special keys and attributes exist
# (TUI_TERM=vt100 has no Home, End, PageUp/PageDown, nor dim).
term=${TUI_TERM:-tmux-256color}
has_cap() { [ -n "$(tput -T"$term" "$1" 2>/dev/null)" ]; }
pagekeys="Space C-d"
has_cap knp && has_cap kpp && pagekeys="NPage $pagekeys"
sample27="$SAMPLE_DIR/2026-11-27-daily-papers-20261127.md"
# Keys here, not marks: nothing is read by being shown (every start is on
# paper 1), and the triage keys stay put.
mkdir -p "$TMP/home/.config/digest-tui"
printf 'set metadata no\nset mark-read never\nset advance no\n' \
	>"$TMP/home/.config/digest-tui/config"

_vrow_not() { [ "$(tui_vrow "$1")" != "$2" ]; }
_pos_not() { p=$(tui_pos); [ -n "$p" ] && [ "$p" != "$1" ]; }
_geom_is() { [ "$(tui_geom "$TUI_SCREEN" $W | cut -d' ' -f1)" = "$1" ]; }
_raw_grew() { [ "$(wc -c <"$TUI_RAW")" -gt "$1" ]; }

indented() { case $1 in "  "*) return 0 ;; *) return 1 ;; esac; }
# goal_prefix SHOWN GOAL: SHOWN (maybe truncated with …) starts GOAL.
goal_prefix() {
	python3 -c '
import sys
shown, goal = sys.argv[1].strip(), sys.argv[2]
if shown.endswith("\u2026"):
    shown = shown[:-1].rstrip()
sys.exit(0 if shown and goal.startswith(shown) else 1)' "$1" "$2"
}
_zoomed_view() { sed -n 2p "$TUI_SCREEN" | grep -q '^ \{0,2\}1\. LoRA: Low-Rank Adaptation of Large Language Models$'; }

# --- list movement ---------------------------------------------------------
if tui_restart 1/8; then
	tui_key_pos "j" j 2/8
	is "$(tui_sel)" 2 "j: '>' marks paper 2 in the list"
	check "j: the view follows the selection" tui_vrow_has 0 "2. Learning Transferable"
	tui_key_pos "k" k 1/8
	tui_key_pos "Down" Down 2/8
	tui_key_pos "Up" Up 1/8
	tui_key_pos "G" G 8/8
	is "$(tui_sel)" 8 "G: '>' marks paper 8"
	tui_key_pos "g" g 1/8
	if has_cap kend && has_cap khome; then
		tui_key_pos "End" End 8/8
		tui_key_pos "Home" Home 1/8
	else
		skip "no Home/End keys on $term"
	fi
	for k in $pagekeys; do
		[ "$k" = Space ] && continue # read-next: pages the paper from the list too
		tui_keys "$k"
		tui_check "$k in the list moves the selection down a page" \
			tui_wait_until "$TUI_TIMEOUT" _pos_not 1/8
		diag "$k: $(tui_pos)"
		case $k in NPage) back=PPage ;; Space) back=b ;; C-d) back=C-u ;; esac
		tui_key_pos "$back in the list pages back up" "$back" 1/8
	done
fi

# --- focus, view scrolling, sections -----------------------------------------
if tui_restart 1/8; then
	v0=$(tui_vrow 0) v1=$(tui_vrow 1)
	tui_keys Tab j
	tui_check "Tab then j scrolls the view one line" tui_wait_until "$TUI_TIMEOUT" tui_vrow_is 0 "$v1"
	is "$(tui_pos)" 1/8 "j in the view keeps the selection"
	tui_keys k
	tui_check "k in the view scrolls back" tui_wait_until "$TUI_TIMEOUT" tui_vrow_is 0 "$v0"
	tui_key_pos "h focuses the list, j moves the selection" "h j" 2/8
	tui_key_pos "k" k 1/8
	tui_keys l j
	tui_check "l then j scrolls the view" tui_wait_until "$TUI_TIMEOUT" tui_vrow_is 0 "$v1"
	tui_keys k h Enter j
	tui_check "h, Enter then j scrolls the view" tui_wait_until "$TUI_TIMEOUT" tui_vrow_is 0 "$v1"
	is "$(tui_pos)" 1/8 "Enter keeps the selection"
	tui_keys k
	tui_wait_until "$TUI_TIMEOUT" tui_vrow_is 0 "$v0"
	for k in $pagekeys; do
		tui_keys "$k"
		tui_check "$k in the view scrolls it" tui_wait_until "$TUI_TIMEOUT" _vrow_not 0 "$v0"
		case $k in NPage) back=PPage ;; Space) back=b ;; C-d) back=C-u ;; esac
		tui_keys "$back"
		tui_check "$back in the view scrolls back to the top" \
			tui_wait_until "$TUI_TIMEOUT" tui_vrow_is 0 "$v0"
	done
	for s in "3 Results" "1 Introduction" "2 Method" "} Results" "{ Method" \
		"4 Limitations" "5 Conclusion"; do
		k=${s%% *} name=${s#* }
		tui_keys "$k"
		tui_check "$k in the view puts \"$name\" on the view's first row" \
			tui_wait_until "$TUI_TIMEOUT" tui_vrow_is 0 "$name"
	done
	is "$(tui_pos)" 1/8 "section jumps keep the selection"
fi

# --- digests by date ---------------------------------------------------------
if tui_restart 1/8; then
	tui_keys "["
	tui_check "[ shows the previous digest, 2026-11-26" tui_wait_row 0 "Daily Papers — 2026-11-26"
	is "$(tui_pos)" 1/5 "[: the 2026-11-26 digest has 5 papers"
	check "[: the list shows its first paper" tui_vrow_has 0 "1. Attention Is All You Need"
	tui_keys "]"
	tui_check "] comes back to 2026-11-27" tui_wait_row 0 "Daily Papers — 2026-11-27"
	is "$(tui_pos)" 1/8 "]: 8 papers again"
fi

# --- search ------------------------------------------------------------------
# "Large" is in the titles of papers 1 and 3 only.
if tui_restart 1/8; then
	tui_capture_attrs "$TMP/nosearch.attrs"
	check "before any search, Large is not highlighted" \
		sh -c '! python3 "$1" highlighted "$2" Large' - "$TMP/screen.py" "$TMP/nosearch.attrs"
	tui_keys /
	tui_check "/ opens a prompt in the status line" \
		tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "/"
	tui_type Large
	tui_check "the prompt shows /Large" tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "/Large"
	tui_keys Enter
	tui_settle
	tui_capture_attrs "$TMP/search.attrs"
	tui_check "the matches of Large are highlighted" tui_highlighted "$TMP/search.attrs" Large
	p0=$(tui_pos)
	case $p0 in
	1/8) tui_key_pos "n goes to the next title with Large" n 3/8
	     tui_key_pos "N goes back to the previous one" N 1/8 ;;
	3/8) tui_key_pos "N goes to the previous title with Large" N 1/8
	     tui_key_pos "n goes to the next one" n 3/8 ;;
	*) fail "Enter selects a paper whose title has Large (at $p0)"; tui_dump_screen ;;
	esac
	p=$(tui_pos)
	is "$(tui_sel)" "${p%/*}" "'>' follows n/N in the list"
fi

# --- help overlay ------------------------------------------------------------
if tui_restart 1/8; then
	cp "$TUI_SCREEN" "$TMP/before-help"
	for close in q Escape "?"; do
		tui_keys "?"
		if tui_wait_until "$TUI_TIMEOUT" tui_differs "$TMP/before-help"; then
			pass "? opens the help overlay"
		else
			fail "? opens the help overlay"
			continue
		fi
		check "help lists the key j" grep -q '\(^\|[^[:alnum:]]\)j\([^[:alnum:]]\|$\)' "$TUI_SCREEN"
		check "help lists the key ?" grep -q -F '?' "$TUI_SCREEN"
		tui_check "help names the actions (move-down or its help text)" \
			grep -q -i -E 'move-down|next paper' "$TUI_SCREEN"
		check "help names quit" grep -q -i 'quit' "$TUI_SCREEN"
		# Between the header and the status line, every row is the box
		# and blanks: nothing of the panes shows beside it.
		_beside_box() {
			sed '1d;$d' "$TUI_SCREEN" | sed 's/^ *[┌│└].*[┐│┘] *$//' | grep -v '^ *$'
		}
		is "$(_beside_box)" "" "the help box stands on blanks: nothing of the panes beside it"
		tui_keys "$close"
		tui_check "$close closes the help: the list is back as it was" \
			tui_wait_until "$TUI_TIMEOUT" tui_same_as "$TMP/before-help"
		check "$close in the help does not quit" tui_running
	done
	# The end of the help: every ':' command of the command table.
	tui_keys "?" G
	for c in view date search export quit; do
		tui_check "help, at its end, lists :$c" tui_wait_for ":$c"
	done
	tui_keys q
fi

# --- help texts wrap, never cut ------------------------------------------------
# A help text longer than its column goes on under itself; in an overlay too
# narrow for the columns, under the keys and name. (Before, each was one row
# cut with an ellipsis: at 72 columns prev-unread's ended "(into…".)
if tui_restart 1/8; then
	tui_resize 72 24
	tui_keys "?"
	tui_check "help at 72 columns: prev-unread's text wraps, its end shows" \
		tui_wait_for "older digests at the top)"
	tui_keys q
	tui_resize 34 14
	tui_keys "?"
	tui_check "help at 34 columns: move-down's text under its keys, whole" \
		tui_wait_for "down a line"
	check "help at 34 columns: the keys are not cut" grep -q -F "j <Down> C-n  move-down" "$TUI_SCREEN"
	tui_keys G
	tui_check "help at 34 columns, at its end: :quit's summary" tui_wait_for "leave the reader"
	tui_keys q
	tui_resize $W $H
fi

# --- layout toggles: v, z, c -------------------------------------------------
if tui_restart 1/8; then
	col=$(tui_geom "$TUI_SCREEN" $W | cut -d' ' -f2)
	tui_keys v
	tui_check "v switches to the stacked layout" tui_wait_until "$TUI_TIMEOUT" _geom_is stacked
	tui_keys v
	tui_check "v again: side-by-side" tui_wait_until "$TUI_TIMEOUT" _geom_is side
	is "$(tui_geom "$TUI_SCREEN" $W)" "side $col" "the border is back in column $col"

	tui_keys z
	tui_check "z zooms the list: no border" tui_wait_until "$TUI_TIMEOUT" _geom_is none
	is "$(tui_sel)" 1 "the zoomed list still marks paper 1"
	tui_keys z
	tui_check "z again: side-by-side" tui_wait_until "$TUI_TIMEOUT" _geom_is side
	tui_keys Tab z
	tui_check "Tab z zooms the view: no border" tui_wait_until "$TUI_TIMEOUT" _geom_is none
	check "the zoomed view shows the paper at the left edge" _zoomed_view
	tui_keys z h
	tui_check "z again: side-by-side" tui_wait_until "$TUI_TIMEOUT" _geom_is side

	tui_keys c
	# Compact: paper N on a row, its Goal (dimmed, indented) on the next.
	_compact() { tui_list "$TUI_SCREEN" $W | awk -F'\t' 'NR == 2 && $3 == "" { ok = 1 } NR == 3 && $3 == 2 { print ok }' | grep -q 1; }
	if tui_wait_until "$TUI_TIMEOUT" _compact; then
		pass "c: compact triage puts each paper on two list rows"
		r1=$(tui_list "$TUI_SCREEN" $W | awk -F'\t' '$3 == 1 { print $1 }')
		goal=$(awk '/^# 1\./ { p = 1 } p && /^- Goal: / { sub(/^- Goal: /, ""); print; exit }' "$sample27")
		second=$(tui_slice "$TUI_SCREEN" $((r1 + 1)) 0 "$(tui_geom "$TUI_SCREEN" $W | cut -d' ' -f2)")
		check "c: the second row is indented" indented "$second"
		if goal_prefix "$second" "$goal"; then
			pass "c: the second row is paper 1's Goal"
		else
			fail "c: the second row is paper 1's Goal"
			diag "shown: $second" "goal:  $goal"
		fi
		tui_capture_attrs "$TMP/compact.attrs"
		if has_cap dim; then
			check "c: the Goal row is dimmed" tui_sgr_has "$TMP/compact.attrs" $((r1 + 1)) 2
		else
			skip "no dim attribute on $term"
		fi
		tui_key_pos "j in compact moves to paper 2" j 2/8
		is "$(tui_sel)" 2 "compact: '>' marks paper 2"
		tui_keys c
		_plain() { tui_list "$TUI_SCREEN" $W | awk -F'\t' 'NR == 2 { print $3 }' | grep -q '^2$'; }
		tui_check "c again: one row per paper" tui_wait_until "$TUI_TIMEOUT" _plain
	else
		fail "c: compact triage puts each paper on two list rows"
		tui_dump_screen
	fi
fi

# --- mouse ---------------------------------------------------------------------
# Row 0 is the header: paper N is on screen row N (1-based: N + 1).
if tui_restart 1/8; then
	tui_mouse click 10 5
	tui_check "a click on paper 4's row selects it" tui_wait_pos 4/8
	top=$(tui_vrow 0)
	tui_mouse wheel-down 60 10
	tui_check "the wheel over the paper scrolls it" tui_wait_until "$TUI_TIMEOUT" _vrow_not 0 "$top"
	is "$(tui_pos)" 4/8 "  and leaves the selection alone"
	tui_mouse wheel-up 60 10
	tui_check "the wheel up scrolls back" tui_wait_until "$TUI_TIMEOUT" tui_vrow_is 0 "$top"
	tui_mouse wheel-down 10 10
	_pos_past_4() { case $(tui_pos) in [5-8]/8) return 0 ;; *) return 1 ;; esac; }
	tui_check "the wheel over the list moves the selection down" \
		tui_wait_until "$TUI_TIMEOUT" _pos_past_4
	tui_mouse wheel-up 10 10
	tui_check "and back up" tui_wait_pos 4/8
fi

# --- Ctrl-L, quit ------------------------------------------------------------
if tui_restart 1/8; then
	cp "$TUI_SCREEN" "$TMP/before-redraw"
	size=$(wc -c <"$TUI_RAW")
	tui_keys C-l
	tui_check "Ctrl-L redraws (the program writes the screen again)" \
		tui_wait_until "$TUI_TIMEOUT" _raw_grew "$size"
	tui_settle
	tui_check "Ctrl-L leaves the same screen (but the status line)" tui_same_as "$TMP/before-redraw"
	tui_keys q
	tui_check "q quits" tui_wait_exit
	is "$(tui_exit_status)" 0 "exit status 0"
	check "the terminal modes (stty -g) are restored" tui_stty_same
	check "no sanitizer report" tui_stderr_clean
	[ -s "$TMP/tui.stderr" ] && diag "stderr:" "$(head -n 5 "$TMP/tui.stderr")"
fi
tui_stop

plan_done
