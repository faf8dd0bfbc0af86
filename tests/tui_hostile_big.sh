#!/bin/sh
# Hostile posts in the reader, end to end in tmux at 100x30. The
# posts are written here into $TMP and opened together as one directory:
#
#   2025-02-01 escapes        CSI, OSC 52, OSC 8, OSC 0/2, DCS, an unterminated
#                             OSC, raw and encoded C1, bidi controls - in the
#                             titles, the body and the front matter
#   2025-02-02 invalid-utf8   every class of invalid UTF-8, and NUL bytes
#   2025-02-03 long-lines     a 1 MB body line, a 1 MB title, a 1 MB line
#                             without a space
#   2025-02-04 deep-nesting   10,000 levels of lists and block quotes
#   2025-02-05 huge-front-matter (1 MB)
#   2025-02-06 unterminated front matter
#   2025-02-07 long-title-url a 10,000-character title and URLs
#   2025-02-08 many-papers    100,000 papers (the newest: shown first)
#
# The reader opens on the newest digest and must answer: j/k move the
# selection (header N/M), G/g jump to the ends of 100,000 papers, [ goes to
# the older digest each time, l/G/g scroll the view of the giant papers, q
# quits with status 0 and the terminal modes restored. Each wait is bounded
# ($TUI_TIMEOUT: 5 s, 20 s under ASan; opening 100,000 papers gets 60 s): a
# hang fails. Titles and text are checked on screen by value; the peak RSS
# (VmHWM) stays under 50 x the input + 100 MB (x3 under ASan); and the raw
# bytes written to the terminal hold no OSC, DCS, C1 or bidi control and none
# of the posts' payloads.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux.sh"
tui_require_tmux

P=$TMP/posts
mkdir -p "$P"
python3 - "$P" <<'PY' || { echo "Bail out! could not write the hostile posts"; exit 1; }
import os, sys
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.environ["top_srcdir"], "tests", "lib"))
import hostile_posts as hp
from hostile_posts import fm, paper
out = sys.argv[1]

hp.write(out, "2025-02-01-escapes.md", hp.escapes(b"2025-02-01", b"2502", body_in_every_paper=True))
hp.write(out, "2025-02-02-invalid-utf8.md", hp.invalid_utf8(b"2025-02-02", b"2502.02"))
mega = ("제목이 아주 긴 논문 MegaTitle ".encode() * 40000)[:1048576] + b"MEGAEND"
hp.write(out, "2025-02-03-long-lines.md", fm(b"Long lines", b"2025-02-03") +
         paper(1, b"Long Line Paper One", b"2502.03001", b"\n## Method\n\n" + hp.long_line() + b"\n") +
         b"\n# 2. [" + mega + b"](https://arxiv.org/abs/2502.03002)\n\n## Method\n\nMega body.\n" +
         paper(3, b"No Space Paper Three", b"2502.03003", b"\n## Method\n\n" + hp.long_word() + b"\n"))
hp.write(out, "2025-02-04-deep-nesting.md", hp.deep_nesting(b"2025-02-04", b"2502.04"))
hp.write(out, "2025-02-05-huge-front-matter.md", hp.huge_front_matter(b"2025-02-05", b"2502.05"))
hp.write(out, "2025-02-06-unterminated.md", b"---\ntitle: Unterminated\n" +
         paper(1, b"Unterminated Paper One", b"2502.06001") +
         paper(2, b"Unterminated Paper Two", b"2502.06002"))
hp.write(out, "2025-02-07-long-title-url.md",
         hp.long_title_url(b"2025-02-07", b"2502.07001", b"short one.", b"short two."))
hp.write(out, "2025-02-08-many-papers.md", hp.many_papers(b"2025-02-08"))
PY

W=100 H=30
ALL=$TMP/all-screens
: >"$ALL"
keep() { cat "$TUI_SCREEN" >>"$ALL"; }
badfit=0
fitcheck() {
	keep
	if ! tui_fits "$TUI_SCREEN" $W; then
		badfit=$((badfit + 1))
		[ "$badfit" -eq 1 ] && { diag "a screen wider than $W:"; tui_dump_screen; }
	fi
}

# ms: milliseconds since the epoch.
ms() { echo $(($(date +%s%N) / 1000000)); }

# step DESC TEXT KEY...: sends the keys and waits until TEXT is on screen.
# The time it took goes into the description.
step() {
	_d=$1 _t=$2; shift 2
	_t0=$(ms)
	[ $# -gt 0 ] && tui_keys "$@"
	if tui_wait_for "$_t"; then
		pass "$_d ($(($(ms) - _t0)) ms)"
		fitcheck
	else
		fail "$_d (no '$_t' after ${TUI_TIMEOUT}s)"
		tui_dump_screen
	fi
}

# pos DESC N/M KEY...: sends the keys and waits for the header's position.
pos() {
	_d=$1 _p=$2; shift 2
	_t0=$(ms)
	[ $# -gt 0 ] && tui_keys "$@"
	if tui_wait_pos "$_p"; then
		pass "$_d: $_p ($(($(ms) - _t0)) ms)"
		fitcheck
	else
		fail "$_d: $_p (header shows '$(tui_pos)' after ${TUI_TIMEOUT}s)"
		tui_dump_screen
	fi
}

# older TITLE N: [ to the next older digest, which opens on 1/N showing TITLE.
older() {
	tui_keys h
	step "[: the older digest, '$1'" "$1" '['
	pos "  on its first paper" "1/$2"
}

tui_start $W $H "$P"
t0=$(ms)
if ! tui_wait_pos 1/100000 60; then
	fail "the reader opens the newest digest, 100,000 papers: 1/100000"
	tui_dump_screen
	tui_keys q
	plan_done
	exit
fi
pass "the reader opens the newest digest, 100,000 papers: 1/100000 ($(($(ms) - t0)) ms)"
fitcheck
pos "j" 2/100000 j
pos "k" 1/100000 k
pos "G: the last of 100,000 papers" 100000/100000 G
step "  is shown" "100000. Paper 100000 of many"
pos "k from the last" 99999/100000 k
pos "g: the first again" 1/100000 g

older "Blog Post With A Long URL" 2
step "  the 10,000-character title in the view" "1. 긴제목 LongTitle"
pos "j" 2/2 j
step "  the paper with the 10,000-character URL" "2. Blog Post With A Long URL"
step "  its view scrolls to the end" "short two." l G

older "Unterminated Paper One" 2
pos "j" 2/2 j
older "Huge Front Matter Paper" 2
pos "j" 2/2 j
step "  shows the second paper" "2. Second Huge Paper"

older "Deep Nesting Paper" 2
step "  the view scrolls to the end of 10,000 levels" "level199" l G
step "  and back to the top" "1. Deep Nesting Paper" g
pos "j" 2/2 h j

older "Long Line Paper One" 3
step "  the end of the 1 MB line" "LONGLINEEND" l G
tui_keys C-u
tui_check "  C-u scrolls back from it" tui_wait_gone LONGLINEEND
pos "j: the paper with the 1 MB title" 2/3 h j
step "  its view scrolls to the end" "Mega body." l G
pos "j: the 1 MB line without a space" 3/3 h j
step "  to its end" "NOSPACEEND" l G
pos "k" 2/3 h k

older "Overlong Start" 6
for n in 2 3 4 5 6; do
	pos "j" "$n/6" j
done
fffd=$(printf '\357\277\275')
step "  NUL shows as U+FFFD" "Nul Start a${fffd}b $fffd Finish"

older "Alpha Red Title" 9
n=1
while [ $n -lt 9 ]; do
	n=$((n + 1))
	pos "j" "$n/9" j
done
step "  the view of paper 9 scrolls" "Body Hotel gnp.exe isolate mark Bidi end." l G
step "  and back" "India" g

# Peak memory of the reader, before it quits.
pane_pid=$(tmux -S "$TUI_SOCK" -f /dev/null display -p -t "$TUI_TARGET" '#{pane_pid}')
pid=$(pgrep -P "$pane_pid" 2>/dev/null | head -n 1)
hwm=$(sed -n 's/^VmHWM:[^0-9]*\([0-9]*\).*/\1/p' "/proc/$pid/status" 2>/dev/null)
bytes=$(cat "$P"/*.md | wc -c | tr -d ' ')
bound=$(( (50 * bytes + 100 * 1048576) / 1024 ))
grep -q -a -e __asan_init -e AddressSanitizer "$DIGEST_TUI" 2>/dev/null && bound=$((3 * bound))
if [ -z "$hwm" ]; then
	skip "peak RSS: /proc/PID/status of the reader not readable"
elif [ "$hwm" -lt "$bound" ]; then
	pass "peak RSS (VmHWM) $((hwm / 1024)) MB for $((bytes / 1048576)) MB of posts (bound $((bound / 1024)) MB)"
else
	fail "peak RSS (VmHWM) $((hwm / 1024)) MB for $((bytes / 1048576)) MB of posts (bound $((bound / 1024)) MB)"
fi

tui_keys h q
tui_check "q quits" tui_wait_exit
is "$(tui_exit_status)" 0 "exit status 0"
check "the terminal modes (stty -g) are restored" tui_stty_same
check "no sanitizer report" tui_stderr_clean
tui_stop
is "$badfit" 0 "every screen's rows fit $W columns"

# --- what was on screen -----------------------------------------------------------
tr -s ' ' <"$ALL" >"$ALL.1"
for t in "1. Alpha Red Title Cleared" "2. Bravo Clipboard" "3. Charlie Link Text" \
	"4. Delta Sixel" "5. Echo Window" "7. Golf Encoded C1" "8. Hotel gnp.exe isolate mark Bidi" \
	"9. India" "Escapes title" "Body Charlie Link Text end." "Body Delta Sixel end."; do
	check "on screen: '$t'" grep -q -F -e "$t" "$ALL.1"
done

# --- the raw bytes ------------------------------------------------------------------
check "the program wrote to the terminal ($(wc -c <"$TUI_RAW" | tr -d ' ') bytes)" test -s "$TUI_RAW"
tui_raw_lacks "no OSC sequence (ESC ]) at all" '\x1b\]'
tui_raw_lacks "no DCS (ESC P), SOS, PM or APC" '\x1b[PX^_]'
tui_raw_lacks "no C1 control encoded as UTF-8 (C2 80..9F)" '\xc2[\x80-\x9f]'
tui_raw_lacks "no bidi control (U+202A..202E, U+2066..2069, U+200E/F, U+061C)" \
	'\xe2\x80[\xaa-\xae\x8e\x8f]|\xe2\x81[\xa6-\xa9]|\xd8\x9c'
tui_raw_lacks "no payload: clipboard data, link target, sixel, window title" \
	'cHduZWQ=|evil\.example|#0;2;0;0;0|;pwned|AAAA'
tui_raw_utf8 "the terminal got valid UTF-8 only (no raw C1 or stray byte)"

plan_done
