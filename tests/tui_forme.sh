#!/bin/sh
# The reader's for-me order: with no labels, :sort for-me falls back to
# upvotes and says so in the status line; after labelling through --mark
# (5 robot papers wanted, the others hidden), :sort for-me learns in the
# background ("ranking: learning your taste…" meanwhile), then puts the
# robot paper the blog lists last first in its digest, and the paper's view
# says why under its title (a robot term); the model is saved beside the
# marks; a star made in the reader is learned from in the background and
# re-sorts the list, the selected paper kept selected, while papers read
# are learned from without moving the list under the reader; the Unread view
# sorted for-me puts the robot papers of every digest first; :sort number gives
# the blog's order back and the why line goes; the order is remembered for
# the next start; `set sort for-me` starts the reader sorted; the model file
# deleted is learned again. Without for-me nothing of the ranking
# (liblinear) is loaded. On the project's own posts (tests/fixtures/forme).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux.sh"

tui_require_tmux
# The reader's places (tests/lib/tmux.sh), for the commands too.
XDG_CONFIG_HOME=$TMP/home/.config XDG_CACHE_HOME=$TMP/home/.cache
XDG_STATE_HOME=$TMP/home/.local/state HOME=$TMP/home
export XDG_CONFIG_HOME XDG_CACHE_HOME XDG_STATE_HOME HOME
mkdir -p "$XDG_CONFIG_HOME/digest-tui"
config() {
	printf 'set metadata no\nset mark-read never\nset advance no\n%s' "${1:-}" \
		>"$XDG_CONFIG_HOME/digest-tui/config"
}
config
model=$XDG_STATE_HOME/digest-tui/forme.model
# A quiet time of a tenth of a second after a mark, not a second.
TUI_ENV="DIGEST_TUI_TEST_FORME_DEBOUNCE_MS=100"

"$DIGEST_TUI" --fetch --source "$FIXTURES/forme" --days 30 --until 2026-01-08 \
	>"$TMP/out" 2>"$TMP/err"
is "$?" 0 "the fixtures fill the cache"

_row_has() { tui_row "$1" | grep -q -F -e "$2"; }
# Row N is the selected one (its marker, >) and shows TEXT.
_selected_has() { tui_row "$1" | grep '^>' | grep -q -F -e "$2"; }
_status_has() { tui_row 29 | grep -q -F -e "$1"; }
# The view pane's line that says why.
why() { tui_view "$TUI_SCREEN" 100 | grep -m 1 'for you:'; }
_why_has() { why | grep -q "$@"; }
_no_why() { ! tui_view "$TUI_SCREEN" 100 | grep -q 'for you:'; }
ROBOT="-e VLA -e 로봇 -e 조작 -e [Mm]anipulation -e 양팔 -e [Rr]obot"
sort_cmd() {
	tui_keys :
	tui_type "sort $1"
	tui_keys Enter
}

# ---- no labels: by upvotes, and the status line says so -------------------------
# Upvotes from the paper facts --fetch would learn: one paper has some.
facts=$XDG_CACHE_HOME/digest-tui/facts
mkdir -p "$facts"
printf '{"id": "2601.00405", "fetched": 1, "origin": "huggingface", "upvotes": 30}\n' \
	>"$facts/2601.00405.json"
tui_start 100 30
check "the reader starts on the newest digest" tui_wait_for "Medical Image Segmentation"
sort_cmd for-me
tui_check ":sort for-me with no labels says it sorts by upvotes, and why" \
	tui_wait_until "$TUI_TIMEOUT" _status_has \
	"by upvotes: too few labels for for-me (0 starred or later, 0 hidden or read"
tui_check "the upvoted paper first" _row_has 1 "5 Code Agents"
tui_check "then the others in the blog's order" _row_has 2 "1 Medical Image Segmentation"
check "no why line" _no_why
check "no model is learned" test ! -e "$model"
# :sort is remembered for the next start: back to the blog's order.
sort_cmd number
tui_check ":sort number" tui_wait_until "$TUI_TIMEOUT" _status_has "in the blog's order"
tui_keys q
tui_wait_exit

# ---- labelled through --mark: the robot paper first ---------------------------------
others=$("$DIGEST_TUI" --list | awk -F'\t' '$1 < "2026-01-08" { print $3 }' |
	grep -v -e 2601.00101 -e 2601.00104 -e 2601.00202 -e 2601.00301 -e 2601.00304)
"$DIGEST_TUI" --mark star 2601.00101 2601.00104 2601.00202 &&
	"$DIGEST_TUI" --mark later 2601.00301 2601.00304 &&
	"$DIGEST_TUI" --mark hide $others
is "$?" 0 "five robot papers starred or kept for later, seven others hidden"

TUI_ENV="$TUI_ENV LD_DEBUG=libs"
tui_start 100 30
tui_check "the reader starts in the blog's order" \
	tui_wait_until "$TUI_TIMEOUT" _row_has 1 "1 Medical Image Segmentation"
tui_check "where the robot paper is the last" _row_has 6 "6 Bimanual Assembly with VLA Plann"
# glibc's loader names what it loads under LD_DEBUG=libs.
if grep -q 'libc\.so' "$TMP/tui.stderr"; then
	is "$(grep -c 'liblinear' "$TMP/tui.stderr")" 0 "the reader starts without liblinear"
else
	skip "LD_DEBUG=libs names no library here (not glibc's loader)"
fi
sort_cmd for-me
tui_check ":sort for-me: the robot paper the blog lists last comes first" \
	tui_wait_until "$TUI_TIMEOUT" _row_has 1 "6 Bimanual Assembly with VLA Plann"
tui_check "the selected paper stays selected" _selected_has 2 "1 Medical Image"
tui_check "the status line says it is sorted for you" \
	_status_has "sorted for you: best first (learned from 5 wanted, 7 not)"
check "having said it was learning meanwhile" \
	grep -a -q -F "ranking: learning your taste" "$TUI_RAW"
check "the model is saved beside the marks" test -s "$model"
if grep -q 'libc\.so' "$TMP/tui.stderr"; then
	check "liblinear is loaded now" grep -q 'liblinear' "$TMP/tui.stderr"
else
	skip "LD_DEBUG=libs names no library here (not glibc's loader)"
fi
tui_keys g
tui_check "the robot paper's view says why under its title, naming a robot term" \
	tui_wait_until "$TUI_TIMEOUT" _why_has $ROBOT
tui_capture "$TMP/why.screen"
diag "the robot paper: $(why)"
check "the why line is the row under the title" sh -c \
	"tui_view() { python3 '$TMP/screen.py' view \"\$1\" \"\$2\"; }; \
	 tui_view '$TMP/why.screen' 100 | sed -n 2p | grep -q 'for you:'"

# ---- a star in the reader: learned again in the background ------------------------
# "5 Code Agents" (the blog's 5th) is 5th for you; a star lifts it to 2nd.
tui_check "Code Agents is 5th" _row_has 5 "5 Code Agents"
tui_keys j j j j s
tui_check "learned again from the star: Code Agents moves up to 2nd" \
	tui_wait_until "$TUI_TIMEOUT" _row_has 2 "5 Code Agents"
tui_check "still selected" _selected_has 2 "5 Code Agents"
tui_check "the status line says so" _status_has "sorted for you again"
tui_check "and the model file holds the new labels" \
	grep -q -E '^stamp 6 7 0 ' "$model"
tui_keys s
tui_check "the star taken back: Code Agents goes back down, still selected" \
	tui_wait_until "$TUI_TIMEOUT" _selected_has 5 "5 Code Agents"

# ---- every view: Unread for-me is what to read first ------------------------------
tui_keys U
tui_check "Unread sorted for-me: the robot papers of every digest first" \
	tui_wait_until "$TUI_TIMEOUT" _row_has 1 "Grasp-VLA"
tui_capture "$TMP/unread"
robots=$(sed -n 2,7p "$TMP/unread" | cut -c1-42 |
	grep -c -e Grasp-VLA -e "Tactile Policies" -e HumanoidBench -e "Embodied Navigation" \
		-e "Bimanual Assembly")
is "$robots" 6 "its first six rows are the six robot papers (from four digests)"
tui_check "the newest digest's robot paper first of those not labelled" \
	_row_has 6 "01-08 Bimanual Assembly"
sort_cmd number
tui_check ":sort number: the blog's order again, newest digest first" \
	tui_wait_until "$TUI_TIMEOUT" _row_has 1 "01-08 Medical Image Segmentation"
tui_check "and no why line" _no_why
tui_check "the status line says so" _status_has "in the blog's order"
sort_cmd title
tui_check ":sort title says what it sorts by" \
	tui_wait_until "$TUI_TIMEOUT" _status_has ":sort sorts by for-me, upvotes or number, not 'title'"

# ---- papers read: learned from, the list kept still ---------------------------------
# Read, the two first papers would sink and "2 Speech" pass "3 Scaling"
# (--list --sort for-me says so), but the list does not move under the
# reader: the new scores sort it at its next change.
tui_keys :
tui_type "date 2026-01-08"
tui_keys Enter
sort_cmd for-me
tui_check "back in the digest, sorted for you" \
	tui_wait_until "$TUI_TIMEOUT" _row_has 3 "3 Scaling Laws"
tui_keys g r j r
# The reader's process, and whether a learning child of it is still there
# (ended children are reaped as the model is read back).
reader_pid() { ps -o pid= --ppid "$(_tmux display -p -t "$TUI_TARGET" '#{pane_pid}')" | tr -d ' '; }
_learned_reads() {
	grep -q '^stamp 5 7 2 ' "$model" && [ -z "$(ps -o pid= --ppid "$(reader_pid)")" ]
}
check "the papers read are learned from in the background" \
	tui_wait_until "$TUI_TIMEOUT" _learned_reads
tui_check "and the list stays as it was" _row_has 3 "3 Scaling Laws"
tui_check "the selection too" _selected_has 2 "1 Medical Image"
sort_cmd for-me
tui_check "at the list's next change the new scores sort it" \
	tui_wait_until "$TUI_TIMEOUT" _row_has 3 "2 Speech Tokenizers"
tui_keys q
tui_wait_exit
check "no sanitizer report" tui_stderr_clean

# ---- remembered; set sort for-me; the model deleted ---------------------------------
TUI_ENV="DIGEST_TUI_TEST_FORME_DEBOUNCE_MS=100"
tui_start 100 30
tui_check "the order is remembered: the next start sorts for you" \
	tui_wait_until "$TUI_TIMEOUT" _row_has 1 "6 Bimanual Assembly with VLA Plann"
tui_keys q
tui_wait_exit
config 'set sort for-me
'
rm -f "$XDG_STATE_HOME/digest-tui/choices"
tui_start 100 30
tui_check "set sort for-me: the reader starts sorted for you" \
	tui_wait_until "$TUI_TIMEOUT" _row_has 1 "6 Bimanual Assembly with VLA Plann"
tui_keys q
tui_wait_exit
rm -f "$model"
tui_start 100 30
tui_check "the model deleted: learned again, the robot paper first" \
	tui_wait_until "$TUI_TIMEOUT" _row_has 1 "6 Bimanual Assembly with VLA Plann"
check "and saved again" test -s "$model"
tui_keys q
tui_wait_exit
is "$(tui_exit_status)" 0 "the reader exits 0"
check "with nothing on stderr" test ! -s "$TMP/tui.stderr"

plan_done
