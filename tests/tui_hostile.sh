#!/bin/sh
# Text from a post never reaches the terminal as a control sequence. The
# program shows tests/fixtures/hostile.md (escape sequences, C1 controls and
# bidi overrides in the title and the body); we move through both papers and
# scroll the view, quit, and then read the raw bytes the program wrote to the
# terminal (pipe-pane): no OSC, no DCS, no C1, no bidi controls, none of the
# post's own sequences with the text that follows them in the post - while
# the words around them are on screen and the layout stays intact.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux.sh"
tui_require_tmux

post="$FIXTURES/hostile.md"
[ -f "$post" ] || skip_all "tests/fixtures/hostile.md not written yet"

W=80 H=24
ALL="$TMP/all-screens"
: >"$ALL"

# keep: the current screen, checked and added to everything seen.
nscreens=0 badfit=0 badgeom=0
keep() {
	nscreens=$((nscreens + 1))
	cat "$TUI_SCREEN" >>"$ALL"
	if ! tui_fits "$TUI_SCREEN" $W; then
		badfit=$((badfit + 1))
		[ "$badfit" -eq 1 ] && { diag "a screen wider than $W:"; tui_dump_screen; }
	fi
	if [ "$(tui_geom "$TUI_SCREEN" $W | cut -d' ' -f1)" != side ]; then
		badgeom=$((badgeom + 1))
		[ "$badgeom" -eq 1 ] && { diag "a screen without its border column:"; tui_dump_screen; }
	fi
}

vtop() { tui_view "$TUI_SCREEN" $W | head -n 1; }
_vtop_not() { [ "$(vtop)" != "$1" ]; }

# scroll_view: focus the view and scroll through it, half a page (C-d) at a
# time, until it stops.
scroll_view() {
	tui_keys Tab
	i=0
	while [ $i -lt 60 ]; do
		top=$(vtop)
		tui_keys C-d
		tui_wait_until 1 _vtop_not "$top" || break
		keep
		i=$((i + 1))
	done
	tui_keys h
	[ $i -gt 0 ]
}

tui_start $W $H "$post"
if ! tui_wait_pos 1/2; then
	fail "the hostile post opens: header shows 1/2"
	tui_dump_screen
	plan_done
	exit
fi
pass "the hostile post opens: header shows 1/2"
keep
tui_check "paper 1: the view scrolls" scroll_view
for k in 1 2 3 4 5; do
	tui_keys l "$k"
	tui_settle
	keep
	tui_keys h
done
tui_keys j
tui_check "paper 2: header shows 2/2" tui_wait_pos 2/2
keep
tui_check "paper 2: the view scrolls" scroll_view
tui_keys l k
tui_check "paper 2: the view scrolls by lines too" tui_wait_until "$TUI_TIMEOUT" _vtop_not "$(vtop)"
keep
tui_keys q
tui_check "q quits" tui_wait_exit
is "$(tui_exit_status)" 0 "exit status 0"
check "the terminal modes (stty -g) are restored" tui_stty_same
check "no sanitizer report" tui_stderr_clean
tui_stop

is "$badfit" 0 "every screen's rows fit $W columns ($nscreens screens)"
is "$badgeom" 0 "every screen keeps its border in one column (no cursor moved by the post)"

# --- the raw bytes ------------------------------------------------------------
check "the program wrote to the terminal ($(wc -c <"$TUI_RAW" | tr -d ' ') bytes)" test -s "$TUI_RAW"
tui_raw_lacks "no OSC sequence (ESC ]) at all" '\x1b\]'
tui_raw_lacks "no OSC 52 clipboard write" '\x1b\]52;|\]52;c;'
tui_raw_lacks "the clipboard payload cHduZWQ= never reaches the terminal" 'cHduZWQ='
tui_raw_lacks "no window title set to pwned (OSC 0/1/2)" '\x1b\][012];[^\x07\x1b]*pwned'
tui_raw_lacks "no OSC 8 hyperlink to evil.example" '\x1b\]8;[^\x07\x1b]*evil\.example'
tui_raw_lacks "no DCS (ESC P)" '\x1bP'
tui_raw_lacks "no C1 control encoded as UTF-8 (C2 80..9F)" '\xc2[\x80-\x9f]'
tui_raw_lacks "no bidi override or isolate (U+202A..202E, U+2066..2069)" \
	'\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]'
tui_raw_utf8 "the terminal got valid UTF-8 only (no raw C1 or stray byte)"

# Every escape sequence, C1 control and bidi control in the post, with the
# text that follows it there, and the words on both sides of it.
python3 - "$post" "$TUI_RAW" "$ALL" >"$TMP/seq" <<'PY'
import re, sys
# The post as text; a byte that is not UTF-8 stays as a surrogate (\udcXX).
post = open(sys.argv[1], "rb").read().decode("utf-8", "surrogateescape")
raw = open(sys.argv[2], "rb").read()
screens = open(sys.argv[3], encoding="utf-8", errors="replace").read()
SEQ = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"            # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1bP.*?\x1b\\"                   # DCS
    r"|[\x80-\x9f]"                       # C1 (encoded as UTF-8)
    r"|[\udc80-\udc9f]"                   # C1 as a raw byte
    r"|[\u202a-\u202e\u2066-\u2069]")     # bidi overrides and isolates
TRIM = " \t*_`[]()<>\"'“”‘’.,;:!?·—-…|#>"
seqs, words = 0, set()
for line in post.split("\n"):
    for m in SEQ.finditer(line):
        s = m.group(0)
        seqs += 1
        c1 = len(s) == 1 and ("\x80" <= s <= "\x9f" or "\udc80" <= s <= "\udc9f")
        after = line[m.end():m.end() + 3]
        if s[0] == "\x1b" and after.strip():
            if (s + after).encode("utf-8", "surrogateescape") in raw:
                print("raw\t%s" % ascii(s + after))
        before = SEQ.sub("", line[:m.start()]).split()
        if before:
            words.add(before[-1].strip(TRIM))
        if not c1:
            rest = SEQ.sub("", line[m.end():]).split()
            if rest:
                words.add(rest[0].strip(TRIM))
print("count\t%d" % seqs)
for w in sorted(w for w in words if len(w) >= 2):
    print("%s\t%s" % ("word" if w in screens else "missing", w))
PY
n=$(awk -F'\t' '$1 == "count" { print $2 }' "$TMP/seq")
check "the fixture holds hostile sequences ($n)" test "${n:-0}" -ge 10
if grep -q '^raw' "$TMP/seq"; then
	fail "none of the post's sequences reaches the terminal with its text"
	diag "$(awk -F'\t' '$1 == "raw" { print $2 }' "$TMP/seq")"
else
	pass "none of the post's sequences reaches the terminal with its text"
fi
nw=$(grep -c '^word' "$TMP/seq")
if grep -q '^missing' "$TMP/seq"; then
	fail "the words around the sequences are on screen"
	diag "missing: $(awk -F'\t' '$1 == "missing" { print $2 }' "$TMP/seq" | tr '\n' ' ')"
else
	check "the words around the sequences are on screen ($nw words)" test "$nw" -ge 10
fi
check "the header shows the title without its OSC" grep -q 'Daily Papers.*2025-09-25' "$ALL"

plan_done
