#!/bin/sh
# The configuration file in the reader, end to end in tmux on the
# bundled sample: bind/unbind change what keys do and what the ? help shows;
# a pane-specific bind works in its pane only; set layout, list-width and
# compact decide how the reader starts; a file with errors stops the program
# with status 2 and FILE:LINE:COLUMN: messages before it touches the
# terminal; --check-config prints the configuration in effect, in a form that
# reads back the same.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux.sh"
tui_require_tmux

W=100 H=30
CONFDIR="$TMP/home/.config/digest-tui"
sample27="$SAMPLE_DIR/2026-11-27-daily-papers-20261127.md"

_geom_is() { [ "$(tui_geom "$TUI_SCREEN" "$W")" = "$1" ]; }
_geom_kind_is() { [ "$(tui_geom "$TUI_SCREEN" "$W" | cut -d' ' -f1)" = "$1" ]; }

# help_keys ACTION: the keys the ? overlay shows for ACTION, sorted, one a
# line (the column between the box's left border and the action's name).
help_keys() {
	grep -F " $1 " "$TUI_SCREEN" | head -n 1 |
		sed -e "s/^[^│]*│//" -e "s/ $1 .*//" | tr -s ' ' '\n' | sed '/^$/d' | sort
}

# --- bind and unbind -----------------------------------------------------------
cat >"$TMP/keys.conf" <<'EOF'
# x moves down instead of j; J jumps to the next section, in the view only.
bind x move-down
unbind j
bind view J next-section
EOF
if tui_restart 1/8 -c "$TMP/keys.conf"; then
	tui_key_pos "x (bind x move-down) moves the selection" x 2/8
	tui_key_pos "j (unbind j) does nothing: j then x" "j x" 3/8
	tui_settle
	is "$(tui_pos)" 3/8 "j did not move the selection"
	tui_key_pos "<Down> is still bound to move-down" Down 4/8
	tui_key_pos "k still moves up" k 3/8

	cp "$TUI_SCREEN" "$TMP/before-help"
	tui_keys "?"
	tui_check "? opens the help" tui_wait_until "$TUI_TIMEOUT" tui_differs "$TMP/before-help"
	is "$(help_keys move-down | tr '\n' ' ')" "<Down> C-n x " \
		"the help shows x (and not j) for move-down"
	is "$(help_keys move-up | tr '\n' ' ')" "<Up> C-p k " "the help shows the default keys of move-up"
	tui_keys q
	tui_check "q closes the help" tui_wait_until "$TUI_TIMEOUT" tui_same_as "$TMP/before-help"
	check "q in the help does not quit" tui_running

	# bind view J next-section: J in the view jumps, J in the list does nothing.
	v0=$(tui_vrow 0)
	tui_keys J c
	_compact_on() { tui_list "$TUI_SCREEN" "$W" | awk -F'\t' 'NR == 2 { exit $3 != "" }'; }
	tui_check "J in the list, then c: compact mode" tui_wait_until "$TUI_TIMEOUT" _compact_on
	is "$(tui_vrow 0)" "$v0" "J in the list does not move the view"
	is "$(tui_pos)" 3/8 "J in the list does not move the selection"
	tui_keys c Tab
	_compact_off() { ! _compact_on; }
	tui_check "c again: compact mode off" tui_wait_until "$TUI_TIMEOUT" _compact_off
	v1=$(tui_vrow 1)
	tui_keys x
	tui_check "x in the view scrolls a line (a bind without a pane is for every pane)" \
		tui_wait_until "$TUI_TIMEOUT" tui_vrow_is 0 "$v1"
	is "$(tui_pos)" 3/8 "x in the view keeps the selection"
	tui_keys g J
	tui_check "J in the view jumps to Introduction" tui_wait_until "$TUI_TIMEOUT" tui_vrow_is 0 Introduction
	tui_keys J
	tui_check "J again in the view: Method" tui_wait_until "$TUI_TIMEOUT" tui_vrow_is 0 Method
	tui_keys q
	tui_check "q quits" tui_wait_exit
	is "$(tui_exit_status)" 0 "exit status 0"
fi

# --- settings: layout, list-width, compact ---------------------------------------
mkdir -p "$CONFDIR"
printf 'set layout stacked\nset compact yes\n' >"$CONFDIR/config"
if tui_restart 1/8; then
	check "set layout stacked (default config file): stacked at $W columns" _geom_kind_is stacked
	# Compact: paper 1 on a row, its Goal on the next, paper 2 below.
	_compact() {
		tui_list "$TUI_SCREEN" "$W" | awk -F'\t' '
			NR == 1 && $3 == 1 { a = 1 } NR == 2 && $3 == "" { b = 1 }
			NR == 3 && $3 == 2 { c = 1 } END { exit !(a && b && c) }'
	}
	tui_check "set compact yes: the reader starts in compact mode" _compact
	goal=$(awk '/^# 1\./ { p = 1 } p && /^- Goal: / { sub(/^- Goal: /, ""); print; exit }' "$sample27")
	second=$(tui_list "$TUI_SCREEN" "$W" | sed -n 2p | cut -f4)
	second=${second%…}
	case $goal in
	"${second% }"*) pass "compact: the second row is the start of paper 1's Goal" ;;
	*) fail "compact: the second row is the start of paper 1's Goal"; diag "shown: $second" "goal:  $goal" ;;
	esac
	tui_keys v
	tui_check "v switches the configured stacked layout to side by side" \
		tui_wait_until "$TUI_TIMEOUT" _geom_kind_is side
	tui_keys q
	tui_wait_exit
fi

printf 'set layout side\nset list-width 30\n' >"$CONFDIR/config"
W=70
if tui_restart 1/8; then
	check "set layout side, list-width 30: side by side at $W columns, the border in column 30" \
		_geom_is "side 30"
	tui_keys q
	tui_wait_exit
fi
W=100
rm -f "$CONFDIR/config"

# --- errors: status 2, FILE:LINE:COLUMN:, terminal untouched ------------------------
bad="$TMP/bad.conf"
cat >"$bad" <<'EOF'
set layout diagonal
bind list Q no-such-action
set compact yes
frobnicate now
EOF
# expect_errors FILE: the error lines of FILE (stdin), one per bad line,
# each FILE:LINE:COLUMN: and a word of the cause.
expect_errors() {
	python3 -c '
import re, sys
path, text = sys.argv[1], sys.stdin.read().replace("\r\n", "\n")
want = [(1, 12, "diagonal"), (2, 13, "no-such-action"), (4, 1, "frobnicate")]
lines = [l for l in text.split("\n") if l.strip()]
ok = len(lines) == len(want)
for l, (n, c, word) in zip(lines, want):
    m = re.match(r"(digest-tui: )?(.*):(\d+):(\d+): (.*)$", l)
    ok = ok and bool(m) and m.group(2) == path and int(m.group(3)) == n \
        and int(m.group(4)) == c and word in m.group(5)
if not ok:
    print("got:\n" + "\n".join(lines))
sys.exit(0 if ok else 1)' "$1"
}
tui_cli -c "$bad" >"$TMP/out" 2>"$TMP/err"
is "$?" 2 "a bad config file (-c): exit status 2"
is "$(wc -c <"$TMP/out" | tr -d ' ')" 0 "a bad config file: nothing on stdout"
if expect_errors "$bad" <"$TMP/err" >"$TMP/why"; then
	pass "a bad config file: one FILE:LINE:COLUMN: message per bad line, and only those"
else
	fail "a bad config file: one FILE:LINE:COLUMN: message per bad line, and only those"
	diag "$(cat "$TMP/why")"
fi

TUI_STDERR=pty
tui_stop
tui_start "$W" "$H" -c "$bad"
tui_check "in a terminal, the program with a bad config exits" tui_wait_exit
is "$(tui_exit_status)" 2 "in a terminal: exit status 2"
tui_settle
# (tmux scrolls the screen a line to write "Pane is dead" at the bottom.)
tui_check "the errors are on the screen" grep -q -F "$bad:4:1:" "$TUI_SCREEN"
if expect_errors "$bad" <"$TUI_RAW" >"$TMP/why"; then
	pass "the terminal got the error lines, and only those"
else
	fail "the terminal got the error lines, and only those"
	diag "$(cat "$TMP/why")"
fi
check "the program wrote no escape sequence (curses never started)" \
	sh -c '! grep -q "$(printf "\033")" "$1"' - "$TUI_RAW"
check "the terminal modes (stty -g) are as before" tui_stty_same

# The default file is read the same way.
cp "$bad" "$CONFDIR/config"
tui_stop
tui_start "$W" "$H"
tui_check "a bad default config file: the program exits" tui_wait_exit
is "$(tui_exit_status)" 2 "a bad default config file: exit status 2"
tui_settle
tui_check "the errors are on the screen" grep -q -F "config:4:1:" "$TUI_SCREEN"
if expect_errors "$CONFDIR/config" <"$TUI_RAW" >"$TMP/why"; then
	pass "the terminal got the error lines, naming the default file"
else
	fail "the terminal got the error lines, naming the default file"
	diag "$(cat "$TMP/why")"
fi
check "no escape sequence either" sh -c '! grep -q "$(printf "\033")" "$1"' - "$TUI_RAW"
rm -f "$CONFDIR/config"
TUI_STDERR=
tui_stop

tui_cli -c "$TMP/no-such.conf" >/dev/null 2>"$TMP/err"
is "$?" 2 "-c FILE that does not exist: exit status 2"
check "-c FILE that does not exist: the message names it" grep -q -F "$TMP/no-such.conf" "$TMP/err"

# --- --check-config ----------------------------------------------------------------
cat >"$CONFDIR/config" <<'EOF'
set layout stacked
set compact yes
set list-width 35%
set mark-read never
bind x move-down
unbind j
bind view J next-section
color match red default bold
EOF
tui_cli --check-config >"$TMP/eff" 2>"$TMP/err"
is "$?" 0 "--check-config on a good file: exit status 0"
is "$(wc -c <"$TMP/err" | tr -d ' ')" 0 "--check-config: nothing on stderr"
for line in "set layout stacked" "set compact yes" "set list-width 35%" "set mark-read never" \
	"set days 14" "set line-break keep-all" "bind x move-down" "unbind j" \
	"bind view J next-section" "color match red default bold" "# bind <Down> move-down"; do
	check "--check-config prints \"$line\"" grep -q -x -F "$line" "$TMP/eff"
done
check "--check-config: j is no longer among the default bindings in effect" \
	sh -c '! grep -q "^# bind j " "$1"' - "$TMP/eff"
check "--check-config names the file it read" grep -q -F "$CONFDIR/config" "$TMP/eff"
# Read back, the output gives the same configuration.
cp "$TMP/eff" "$TMP/eff.conf"
tui_cli -c "$TMP/eff.conf" --check-config >"$TMP/eff2" 2>"$TMP/err"
is "$?" 0 "--check-config's output is a valid config file"
grep -v -F "$CONFDIR/config" "$TMP/eff" >"$TMP/eff.a"
grep -v -F "$TMP/eff.conf" "$TMP/eff2" >"$TMP/eff.b"
check "read back, it prints the same configuration" cmp -s "$TMP/eff.a" "$TMP/eff.b"
rm -f "$CONFDIR/config"
tui_cli --check-config >"$TMP/defaults"
is "$?" 0 "--check-config without a file: exit status 0"
check "--check-config without a file: the defaults (layout auto)" grep -q -x "set layout auto" "$TMP/defaults"
check "--check-config without a file: the defaults (compact no)" grep -q -x "set compact no" "$TMP/defaults"
check "--check-config without a file: j is move-down" grep -q -x "# bind j move-down" "$TMP/defaults"
tui_cli -c "$bad" --check-config >"$TMP/out" 2>"$TMP/err"
is "$?" 2 "--check-config on a bad file: exit status 2"
is "$(wc -c <"$TMP/out" | tr -d ' ')" 0 "--check-config on a bad file: no configuration printed"
if expect_errors "$bad" <"$TMP/err" >"$TMP/why"; then
	pass "--check-config on a bad file: every error, as FILE:LINE:COLUMN:"
else
	fail "--check-config on a bad file: every error, as FILE:LINE:COLUMN:"
	diag "$(cat "$TMP/why")"
fi

plan_done
