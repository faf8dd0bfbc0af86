#!/bin/sh
# The reader on the terminal types users have (xterm, xterm-256color, screen,
# tmux-256color, linux, vt100), with NO_COLOR, and in a locale that is not
# UTF-8: each draws a whole screen that fits, with its border in one column,
# answers keys and quits leaving the terminal as it was. vt100 and NO_COLOR
# get no color at all, the selection still shown in reverse video; in the
# POSIX locale the Korean text is still drawn.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux.sh"
tui_require_tmux

W=100 H=30

# colors FILE: the SGR parameters of FILE (raw bytes written to the pty) that
# set a foreground or background color, one per line.
colors() {
	python3 - "$1" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
for m in re.finditer(rb"\x1b\[([0-9;:]*)m", data):
    ps = [p for p in re.split(rb"[;:]", m.group(1)) if p]
    for p in ps:
        n = int(p)
        if 30 <= n <= 49 and n not in (39, 49) or 90 <= n <= 107:
            print(n)
# Color set by other means than SGR (setaf/setab of some terminals).
for m in re.finditer(rb"\x1b\[(3|4)8;5;[0-9]+m", data):
    print(m.group(0))
PY
}
# reverse FILE: some SGR of FILE turns on reverse video (7), or the vt100
# string for it.
reverse() { grep -q -a -E "$(printf '\033')\\[([0-9;]*;)?7(;[0-9;]*)?m" "$1"; }

# run LABEL TERM VBARS [ENV]: one reader on the sample, its checks.
run() {
	label=$1 TUI_TERM=$2 TUI_VBARS=$3 TUI_ENV=${4:-}
	export TUI_VBARS
	if ! infocmp "$TUI_TERM" >/dev/null 2>&1; then
		skip "$label: no terminfo entry for $TUI_TERM (Debian package ncurses-term)"
		return
	fi
	tui_start $W $H
	if ! tui_wait_pos 1/8; then
		fail "$label: the reader starts on 1/8"
		tui_dump_screen
		tui_stop
		return
	fi
	pass "$label: the reader starts on 1/8"
	scr=$TMP/$label.screen
	cp "$TUI_SCREEN" "$scr"
	mw=$(max_width "$scr")
	check "$label: every row fits $W columns (widest $mw)" [ "$mw" -le $W ]
	set -- $(tui_geom "$scr" $W)
	if [ "$1" = side ] && [ "$2" -gt 0 ]; then
		pass "$label: the border is in column $2 on every body row"
	else
		fail "$label: the border is in one column on every body row"
		diag "border columns per body row: $(tui_vbars "$scr" | tr '\n' ' ')"
		tui_dump_screen "$scr"
	fi
	check "$label: the view shows the Korean text" grep -q '사전학습된 가중치는' "$scr"
	tui_keys j
	tui_check "$label: j selects paper 2" tui_wait_pos 2/8
	tui_keys q
	tui_check "$label: q quits" tui_wait_exit
	is "$(tui_exit_status)" 0 "$label: exit status 0"
	check "$label: the terminal modes (stty -g) are restored" tui_stty_same
	check "$label: nothing on stderr" sh -c '! [ -s "$1" ]' - "$TMP/tui.stderr"
	[ -s "$TMP/tui.stderr" ] && diag "$(head -n 3 "$TMP/tui.stderr")"
	cp "$TUI_RAW" "$TMP/$label.raw"
	tui_stop
}

run xterm xterm '│┃║'
run xterm-256color xterm-256color '│┃║'
if [ -f "$TMP/xterm-256color.raw" ]; then
	colors "$TMP/xterm-256color.raw" >"$TMP/c256"
	check "xterm-256color: the program sets colors (so the checks below can see them)" [ -s "$TMP/c256" ]
fi
run screen screen '│┃║'
run tmux-256color tmux-256color '│┃║'
# On TERM=linux ncurses asks libgpm for the console mouse; with no gpm
# daemon (as here) libgpm keeps 10 bytes that LeakSanitizer reports as ours.
run linux linux '│┃║|' NCURSES_GPM_TERMS=
run vt100 vt100 '│┃║|'
if [ -f "$TMP/vt100.raw" ]; then
	is "$(colors "$TMP/vt100.raw" | sort -u | tr '\n' ' ')" "" "vt100: no color is ever set"
	check "vt100: the selection is in reverse video" reverse "$TMP/vt100.raw"
fi
run no-color xterm-256color '│┃║' NO_COLOR=1
if [ -f "$TMP/no-color.raw" ]; then
	is "$(colors "$TMP/no-color.raw" | sort -u | tr '\n' ' ')" "" "NO_COLOR: no color is ever set"
	check "NO_COLOR: the selection is in reverse video" reverse "$TMP/no-color.raw"
fi
# Not UTF-8: the reader switches to C.UTF-8 for itself.
run posix tmux-256color '│┃║' "LC_ALL=POSIX LANG=POSIX"

plan_done
