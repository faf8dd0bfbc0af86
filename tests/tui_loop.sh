#!/bin/sh
# The reader's daily loop, in tmux on the bundled sample (2026-11-26: 5
# papers, 2026-11-27: 8) at 100x30: where the reader opens, shown papers
# counting as read, next unread and Space at the end of a paper, triage keys
# moving on and u naming what it undid, the Hidden view and what hidden
# papers are left out of, positions kept per digest and view, focus without
# colour, y inside tmux, O asking and marking read, long prompts, dates with
# the year, :sort, messages, and --search's exit status and --help.
# The mark-read delay is shortened through DIGEST_TUI_TEST_MARK_READ_MS
# (src/testknob.h) where a check waits for it; the checks wait for the read
# mark (on screen or in the marks journal), never for the clock.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux.sh"
tui_require_tmux

W=100 H=30
STATE="$TMP/home/.local/state/digest-tui"
CONF="$TMP/home/.config/digest-tui/config"
mkdir -p "$STATE" "${CONF%/*}"

# marks DATE N: the MARKS column of paper N of DATE in --list.
marks() { tui_cli --list "$SAMPLE_DIR" | awk -F '\t' -v d="$1" -v n="$2" '$1 == d && $2 == n { print $4 }'; }
# id DATE N: its arXiv ID.
id() { tui_cli --list "$SAMPLE_DIR" | awk -F '\t' -v d="$1" -v n="$2" '$1 == d && $2 == n { print $3 }'; }
# premark LETTERS DATE N...: a journal where those papers carry LETTERS.
premark() {
	_l=$1 _d=$2; shift 2
	for _n in "$@"; do
		printf '2026-11-28T04:00:00Z +%s %s\n' "$_l" "$(id "$_d" "$_n")"
	done
}
# journal: a v1 journal of earlier versions, in place of every mark so far
# (the reader moves it into this machine's journal at start).
journal() {
	rm -rf "$STATE/journals" "$STATE"/marks.v1-migrated*
	{ echo "# digest-tui marks v1"; cat; } >"$STATE/marks"
}
config() { printf 'set metadata no\n%s' "$1" >"$CONF"; }
# journaled LETTER DATE N [TIMEOUT]: wait until the marks journal has a line
# that gives paper N of DATE the mark LETTER (r, s, l, h): OPS (src/marks.h)
# with LETTER in a + group.
_journals_have() { cat "$STATE"/journals/*.marks 2>/dev/null | grep -q -E -e "$1"; }
journaled() {
	wait_until "${4:-$TUI_TIMEOUT}" _journals_have " [^ ]*[+][a-z]*$1[^ ]* $(id "$2" "$3")\$"
}

# start [ARGS]: the reader on the sample, drawn and showing a paper.
start() { tui_restart '[1-9]*/[1-9]*' "$@" "$SAMPLE_DIR"; }
quit() { tui_quit; }

# ---- opens where the work is -------------------------------------------------
config ''
premark r 2026-11-27 1 2 | journal
start
tui_check "papers 1 and 2 read: the reader opens on 3/8 of 2026-11-27" \
	tui_wait_until "$TUI_TIMEOUT" tui_pos_and_header 3/8 2026-11-27
quit
premark r 2026-11-27 1 2 3 4 5 6 7 8 | journal
start
tui_check "2026-11-27 all read: the reader opens on 2026-11-26, 1/5" \
	tui_wait_until "$TUI_TIMEOUT" tui_pos_and_header 1/5 2026-11-26
quit
premark r 2026-11-26 1 2 3 4 5 | journal
premark r 2026-11-27 1 2 3 4 5 6 7 8 >>"$STATE/marks"
start
tui_check "all read: the newest digest with papers, 2026-11-27" \
	tui_wait_until "$TUI_TIMEOUT" tui_pos_and_header 1/8 2026-11-27
quit

# ---- papers the user moves to count as read -----------------------------
# mark-read in 1 ms (the test knob): a paper a key moved to is read at once;
# the opening screen's, shown all the while, is not.
_row_read() { tui_list "$TUI_SCREEN" $W | awk -F'\t' -v n="$1" '$3 == n { exit !($5 == " ") }'; }
: | journal
config ''
TUI_ENV="DIGEST_TUI_TEST_MARK_READ_MS=1" start
tui_wait_pos 1/8
tui_keys j
tui_check "paper 2, moved to with j, is read" tui_wait_until "$TUI_TIMEOUT" _row_read 2
quit
is "$(marks 2026-11-27 1)" - "paper 1, the opening screen's, shown with no key, is not read"
is "$(marks 2026-11-27 2)" r "paper 2, moved to, is"
is "$(marks 2026-11-27 3)" - "paper 3, never shown, is not"
: | journal
start
tui_wait_pos 1/8
tui_keys j
tui_wait_pos 2/8
quit
is "$(marks 2026-11-27 1)" - "paper 1, shown less than 2 s, is not read"
: | journal
config 'set mark-read 3600
'
start
tui_wait_pos 1/8
tui_keys Tab j
journaled r 2026-11-27 1
quit
is "$(marks 2026-11-27 1)" r "scrolling a paper's text marks it read"
: | journal
config 'set mark-read on-open
'
start
tui_wait_pos 1/8
tui_keys j
tui_wait_pos 2/8
tui_wait_until "$TUI_TIMEOUT" _row_read 2
quit
is "$(marks 2026-11-27 1)$(marks 2026-11-27 2)" -r \
	"on-open: paper 2 read as soon as j shows it; the opening paper 1 not"
: | journal
# A delay of 20 ms, were it running, is over once the scrolled paper has
# stayed on screen for two captures.
config 'set mark-read never
'
TUI_ENV="DIGEST_TUI_TEST_MARK_READ_MS=20" start
tui_wait_pos 1/8
v0=$(tui_vrow 0)
tui_keys Enter Tab j
_scrolled() { [ "$(tui_vrow 0)" != "$v0" ]; }
tui_wait_until "$TUI_TIMEOUT" _scrolled
tui_settle
quit
is "$(marks 2026-11-27 1)" - "never: opening and scrolling mark nothing"

# ---- next unread -------------------------------------------------------------
config 'set mark-read never
'
premark r 2026-11-27 2 3 5 | journal
start
tui_wait_pos 1/8
tui_keys .
tui_check ". skips the read papers 2 and 3: 4/8" tui_wait_pos 4/8
tui_keys .
tui_check ". again: 6/8" tui_wait_pos 6/8
tui_keys ,
tui_check ", goes back: 4/8" tui_wait_pos 4/8
tui_keys G .
tui_check ". on the newest digest's last paper says there is none after" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "no unread paper after this one"
tui_keys g ,
tui_check ", at the top crosses into the older digest: 5/5 of 2026-11-26" \
	tui_wait_until "$TUI_TIMEOUT" tui_pos_and_header 5/5 2026-11-26
tui_keys .
tui_check ". at its end crosses into the newer digest: 1/8 of 2026-11-27" \
	tui_wait_until "$TUI_TIMEOUT" tui_pos_and_header 1/8 2026-11-27
# Space pages the paper; at its end it goes to the next unread one.
tui_read_on 1/8
n=$TUI_PRESSES
tui_check "Space at the end of paper 1 goes to the next unread paper, 4/8" \
	tui_wait_pos 4/8
if [ $n -gt 1 ]; then pass "Space paged paper 1 first ($n presses)"; else fail "Space paged paper 1 first ($n presses)"; fi
quit
is "$(marks 2026-11-27 1)" - "mark-read never: leaving with Space marks nothing"
# The mark-read delay (an hour) cannot be what marks paper 8 read.
config 'set mark-read 3600
'
: | journal
start
tui_wait_pos 1/8
tui_keys G
tui_wait_pos 8/8
tui_read_on 8/8
quit
is "$(marks 2026-11-27 8)" r "Space at the end of a paper marks it read"

# ---- triage keys move on, u names what it undid ------------------------------
config 'set mark-read never
'
: | journal
start
tui_wait_pos 1/8
tui_keys s
tui_check "s stars paper 1 and selects paper 2" tui_wait_pos 2/8
tui_keys L r
tui_check "L and r move on too: 4/8" tui_wait_pos 4/8
tui_keys d
tui_check "d hides paper 4 and selects the next (4/7)" tui_wait_pos 4/7
tui_keys u
tui_check "u brings paper 4 back and selects it" tui_wait_pos 4/8
tui_check "u names what it undid" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "shown again 2026-11-27 #4 Training language models"
tui_keys u u
tui_check "u u: back to paper 2, undoing its later" tui_wait_pos 2/8
tui_keys u
tui_check "the next u: unstarred 2026-11-27 #1, selected" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "unstarred 2026-11-27 #1 LoRA"
tui_check "paper 1 selected again" tui_wait_pos 1/8
quit
is "$(tui_cli --list "$SAMPLE_DIR" | cut -f4 | sort -u | tr '\n' ' ')" "- " "every change undone"
config 'set mark-read never
set advance no
'
start
tui_wait_pos 1/8
tui_keys s
tui_check "advance no: s stays on paper 1" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has starred
is "$(tui_pos)" 1/8 "advance no: still 1/8"
quit

# ---- hidden papers come back -------------------------------------------------
config 'set mark-read never
'
premark h 2026-11-27 2 | journal
premark s 2026-11-27 1 2 >>"$STATE/marks"
start
tui_wait_pos 1/7
tui_keys X
tui_check "X lists the hidden paper: hidden, 1 paper" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "hidden: 1 paper"
tui_check "the Hidden view shows paper 2" tui_wait_for "Learning Transferable"
tui_keys d
tui_check "d in the Hidden view shows the paper again" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "no longer hidden"
tui_keys D
tui_check "the digest has 8 papers again" tui_wait_pos 1/8
tui_keys :
tui_type "view hidden"
tui_keys Enter
tui_check ":view hidden: now empty" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "hidden: 0 papers"
tui_keys y
tui_check "y with no paper says so" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "no paper here to copy"
tui_keys D u
journaled h 2026-11-27 2
quit
is "$(tui_cli --export starred --format tsv "$SAMPLE_DIR" | cut -f3 | tr '\n' ' ')" "$(id 2026-11-27 1) " \
	"--export starred leaves the hidden starred paper out"
start
tui_wait_pos 1/7
tui_keys O
tui_check "O opens the one starred paper that is not hidden" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "opened 1 starred paper"
quit
is "$(wc -l <"$TMP/launched" | tr -d ' ')" 1 "the browser ran once"
is "$(marks 2026-11-27 1)" rs "what O opened is marked read"

# ---- u keeps working after a restart -----------------------------------------
config 'set mark-read on-open
'
journal </dev/null
start
tui_wait_pos 1/8
tui_keys Enter s
tui_check "Enter reads paper 1, s stars it and moves on" tui_wait_pos 2/8
tui_keys L
tui_check "L puts paper 2 in the queue and moves on" tui_wait_pos 3/8
journaled l 2026-11-27 2
quit
is "$(marks 2026-11-27 1)$(marks 2026-11-27 2)" "rsrl" "the marks are saved"
start
tui_wait_drawn
tui_keys u
tui_check "after a restart u takes back the last decision, by name" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "out of the reading queue 2026-11-27 #2"
tui_check "and selects that paper" tui_wait_pos 2/8
tui_keys [
tui_wait_until "$TUI_TIMEOUT" tui_header_has 2026-11-26
tui_keys u
tui_check "u again: the star of the session before" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "unstarred 2026-11-27 #1"
tui_check "from another digest, u goes to that paper's own" \
	tui_wait_until "$TUI_TIMEOUT" tui_pos_and_header 1/8 2026-11-27
tui_keys u
tui_check "papers read by being shown are no step to undo" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "nothing to undo"
quit
is "$(marks 2026-11-27 1)$(marks 2026-11-27 2)" "rr" "both undone, still read"

# ---- O asks above open-many --------------------------------------------------
config 'set mark-read never
set open-many 2
'
premark s 2026-11-27 3 4 5 | journal
rm -f "$TMP/launched"
start
tui_wait_pos 1/8
tui_keys O
tui_check "O asks before opening 3 tabs when open-many is 2" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "open 3 starred papers in the browser? (y/n)"
tui_keys n
tui_wait_gone "(y/n)"
is "$(cat "$TMP/launched" 2>/dev/null | wc -l | tr -d ' ')" 0 "n opens nothing"
quit

# ---- y inside tmux -----------------------------------------------------------
config 'set mark-read never
'
: | journal
TUI_ENV="TMUX=/tmp/tmux-test/default,1,0" start
_tmux set -g set-clipboard on
tui_wait_pos 1/8
_tmux delete-buffer >/dev/null 2>&1
tui_keys y
tui_check "y inside tmux says copied" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "copied https://arxiv.org/abs/2106.09685"
_buffer_is() { [ "$(_tmux show-buffer 2>/dev/null)" = "$1" ]; }
wait_until "$TUI_TIMEOUT" _buffer_is https://arxiv.org/abs/2106.09685
is "$(_tmux show-buffer 2>/dev/null)" https://arxiv.org/abs/2106.09685 \
	"tmux's buffer holds the URL (plain OSC 52, set-clipboard on)"
quit
if infocmp dumb >/dev/null 2>&1; then
	TUI_TERM=dumb tui_start $W $H "$SAMPLE_DIR"
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "? help"
	tui_keys y
	tui_check "no OSC 52 and no yank-command: y says it cannot copy" \
		tui_wait_until "$TUI_TIMEOUT" _tui_has "cannot copy"
	quit
else
	skip "no dumb terminfo"
fi

# ---- messages ----------------------------------------------------------------
config 'set mark-read never
bind <F2> help
unbind ?
'
start
tui_wait_pos 1/8
tui_check "the status line's hint names the bound help key" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "<F2> help"
tui_keys :
tui_type "date 2026-11-30"
tui_keys Enter
tui_check ":date without a digest goes to the nearest and says so" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "no digest dated 2026-11-30: the nearest is 2026-11-27"
tui_keys :
tui_type "export starred ~/out.md"
tui_keys Enter
tui_check ":export expands ~/" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "to $TMP/home/out.md"
quit
if [ -f "$TMP/home/out.md" ]; then pass "the export is in HOME"; else fail "the export is in HOME"; fi
before=$(cat "$STATE"/journals/*.marks | cksum)
tui_stop
tui_start $W $H "$FIXTURES/empty-post.md"
tui_wait_drawn
tui_keys A
tui_check "A on an empty digest does nothing and says so" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "no paper in this digest to mark read"
quit
is "$(cat "$STATE"/journals/*.marks | cksum)" "$before" "and writes no mark"

# ---- positions are kept ------------------------------------------------------
config 'set mark-read never
'
: | journal
start
tui_wait_pos 1/8
tui_keys j j
tui_wait_pos 3/8
tui_keys [
tui_wait_until "$TUI_TIMEOUT" tui_pos_and_header 1/5 2026-11-26
tui_keys j
tui_wait_pos 2/5
tui_keys ]
tui_check "] comes back to 2026-11-27 on paper 3, where it was left" \
	tui_wait_until "$TUI_TIMEOUT" tui_pos_and_header 3/8 2026-11-27
tui_keys [
tui_check "[ comes back to 2026-11-26 on paper 2" \
	tui_wait_until "$TUI_TIMEOUT" tui_pos_and_header 2/5 2026-11-26
tui_keys U j j j
tui_wait_pos 4/13
tui_keys S
tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "starred: 0 papers"
tui_keys U
tui_check "U again: All unread where it was left, 4/13" tui_wait_pos 4/13
tui_keys G D
tui_check "D from All unread: the selected paper's own digest, that paper selected" \
	tui_wait_until "$TUI_TIMEOUT" tui_pos_and_header 5/5 2026-11-26
quit

# ---- focus is visible without colour -----------------------------------------
# row_sgr N: the SGR parameters used on screen row N of a capture-pane -e, one
# per line.
row_sgr() {
	tui_capture_attrs "$TMP/attrs"
	python3 - "$TMP/attrs" "$1" <<'PY'
import re, sys
row = open(sys.argv[1], encoding="utf-8", errors="replace").read().split("\n")[int(sys.argv[2])]
for m in re.finditer(r"\x1b\[([0-9;]*)m", row):
    for p in (m.group(1) or "0").split(";"):
        print(p)
PY
}
_sel_reverse() { row_sgr 1 | grep -qx 7; }
_sel_underlined() { row_sgr 1 | grep -qx 4 && ! row_sgr 1 | grep -qx 7; }
config 'set mark-read never
'
TUI_ENV="NO_COLOR=1" start
tui_wait_pos 1/8
tui_check "NO_COLOR, list focused: the selected row is in reverse video" \
	tui_wait_until "$TUI_TIMEOUT" _sel_reverse
tui_keys Tab
tui_check "NO_COLOR, paper focused: the selection is underlined, not reversed" \
	tui_wait_until "$TUI_TIMEOUT" _sel_underlined
tui_keys Tab
tui_check "Tab back: reverse again" tui_wait_until "$TUI_TIMEOUT" _sel_reverse
quit

# ---- prompts scroll horizontally ---------------------------------------------
config 'set mark-read never
'
start
tui_wait_pos 1/8
long="searchSTART$(printf 'x%.0s' $(seq 1 150))TAILEND"
tui_keys :
tui_type "$long"
tui_check "a long ':' line shows its end, where the cursor is" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "xxTAILEND"
tui_check "the lead and an ellipsis stay at the left" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has ":…xx"
tui_resize 60 20
tui_check "after a resize the end is still shown" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "xxTAILEND"
_tail_only() { tui_last_row_has "xxTAIL" && ! tui_last_row_has "TAILE"; }
tui_keys BSpace BSpace BSpace
tui_check "editing keeps the text: TAIL, the cursor after it" \
	tui_wait_until "$TUI_TIMEOUT" _tail_only
tui_keys Escape
quit

# ---- dates carry the year; the sample says it is one -------------------------
mkdir -p "$TMP/years"
sed 's/2026-11-26/2025-12-31/g' "$SAMPLE_DIR/2026-11-26-daily-papers-20261126.md" \
	>"$TMP/years/2025-12-31-daily-papers-20251231.md"
cp "$SAMPLE_DIR/2026-11-27-daily-papers-20261127.md" "$TMP/years/"
: | journal
tui_stop
tui_start $W $H "$TMP/years"
tui_wait_pos 1/8
tui_keys U
tui_check "All unread over two years: the rows carry the year" \
	tui_wait_until "$TUI_TIMEOUT" _tui_has "O  2025-12-31 Attention Is All"
quit
tui_stop
tui_start $W $H "$SAMPLE_DIR/2026-11-27-daily-papers-20261127.md"
tui_wait_pos 1/8
tui_keys U
tui_check "within one year the rows show MM-DD" \
	tui_wait_until "$TUI_TIMEOUT" _tui_has "O  11-27 LoRA"
quit
tui_stop
tui_start $W $H
tui_check "the bundled sample says so in the header" \
	tui_wait_until "$TUI_TIMEOUT" tui_header_has "sample: Daily Papers"
quit

# ---- :sort upvotes|number ----------------------------------------------------
FACTS="$TMP/home/.cache/digest-tui/facts"
mkdir -p "$FACTS"
for v in "5 50" "2 10"; do
	i=$(id 2026-11-27 "${v% *}")
	printf '{"id": "%s", "fetched": %s, "origin": "huggingface", "upvotes": %s}\n' \
		"$i" "$(date +%s)" "${v#* }" >"$FACTS/$i.json"
done
config 'set mark-read never
'
: | journal
start
tui_wait_pos 1/8
_row1_has() { tui_row 1 | grep -q -F -e "$1"; }
_row2_has() { tui_row 2 | grep -q -F -e "$1"; }
tui_keys :
tui_type "sort upvotes"
tui_keys Enter
tui_check ":sort upvotes: the 50-upvote paper 5 first" \
	tui_wait_until "$TUI_TIMEOUT" _row1_has "5 An Image is Worth"
tui_check ":sort upvotes: then the 10-upvote paper 2" _row2_has "2 Learning Transferable"
tui_keys c
tui_check ":sort upvotes, compact: the upvotes before the title" \
	tui_wait_until "$TUI_TIMEOUT" _row1_has "5 50^ An Image"
tui_keys c :
tui_type "sort number"
tui_keys Enter
tui_check ":sort number: post order again" \
	tui_wait_until "$TUI_TIMEOUT" _row1_has "1 LoRA"
tui_keys :
tui_type "sort title"
tui_keys Enter
tui_check ":sort title says what it sorts by" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has ":sort sorts by for-me, upvotes or number, not 'title'"
quit

# ---- help lists pane-specific bindings ---------------------------------------
config 'set mark-read never
bind list <Space> show-paper
'
start
tui_wait_pos 1/8
tui_keys '?'
tui_check "help from the list: <Space> shows the paper here" \
	tui_wait_until "$TUI_TIMEOUT" _tui_has "<Space> <Enter>  show-paper"
tui_check "and pages the paper only in the view: <Space>(view) for read-next" \
	tui_wait_until "$TUI_TIMEOUT" _tui_has "<Space>(view)"
tui_keys Escape
quit

# ---- the command line --------------------------------------------------------
tui_cli --search zzzqqqnothing "$SAMPLE_DIR" >"$TMP/out" 2>&1
is "$?" 1 "--search with no match exits 1"
is "$(wc -c <"$TMP/out" | tr -d ' ')" 0 "and prints nothing"
tui_cli --search LoRA "$SAMPLE_DIR" >/dev/null 2>&1
is "$?" 0 "--search with a match exits 0"
"$DIGEST_TUI" --help >"$TMP/help" 2>&1
if grep -q "the bundled sample digest only when the cache is empty" "$TMP/help"; then
	pass "--help says the sample is shown only when the cache is empty"
else
	fail "--help says the sample is shown only when the cache is empty"
fi

tui_stop

plan_done
