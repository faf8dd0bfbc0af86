#!/bin/sh
# The reader's finish, end to end in tmux on the bundled sample: :export
# writes byte for byte what --export prints and replaces an existing file
# only after a yes or with :export!; a declined question says so; the
# configuration file names the nearest setting for a misspelt one;
# compact triage's upvotes are right-aligned; :sort and v are remembered
# (the configuration's layout wins once edited); the stacked list is as tall
# as its papers need; the paper's text keeps the text-width measure; a
# message cut in the status line ends in an ellipsis and :messages shows it
# whole.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux.sh"
tui_require_tmux

W=100 H=30
CONF="$TMP/home/.config/digest-tui/config"
FACTS="$TMP/home/.cache/digest-tui/facts"
mkdir -p "$TMP/home/.config/digest-tui" "$FACTS"
printf 'set metadata no\nset mark-read never\nset advance no\n' >"$CONF"

# command TEXT: types :TEXT and Enter.
command() {
	tui_keys :
	tui_type "$1"
	tui_keys Enter
}

# ---- the configuration's did you mean ------------------------------------------
printf 'set dayz 3\nbind j move-donw\n' >"$TMP/typo.conf"
tui_cli -c "$TMP/typo.conf" --check-config >/dev/null 2>"$TMP/err"
is "$?" 2 "a misspelt setting stops --check-config (exit status 2)"
contains "$(cat "$TMP/err")" "typo.conf:1:5: unknown setting 'dayz' (did you mean 'days'?" \
	"  naming the nearest setting"
contains "$(cat "$TMP/err")" "typo.conf:2:8: unknown action 'move-donw' (did you mean 'move-down'?" \
	"  as a misspelt action names the nearest action"

# ---- :export ---------------------------------------------------------------------
# Paper facts for the two papers starred below, so that the BibTeX has
# authors, keys of family names and primaryClass.
fact() {
	printf '{"id": "%s", "fetched": 1, "origin": "arxiv", "title": "%s", "authors": [%s], "primary_category": "%s", "categories": ["%s"]}\n' \
		"$1" "$2" "$3" "$4" "$4" >"$FACTS/$1.json"
}
fact 2106.09685 "LoRA: Low-Rank Adaptation of Large Language Models" \
	'"Edward J. Hu", "Yelong Shen"' cs.CL
fact 2103.00020 "Learning Transferable Visual Models From Natural Language Supervision" \
	'"Alec Radford", "Jong Wook Kim"' cs.CV

tui_restart 1/8 "$SAMPLE_DIR"
tui_keys s j s
tui_check "two papers starred" tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "starred"
tui_cli --export starred --format bibtex "$SAMPLE_DIR" >"$TMP/want.bib"
check "--export's BibTeX has the authors" \
	grep -q -F "author = {Edward J. Hu and Yelong Shen}" "$TMP/want.bib"
check "  and primaryClass" grep -q "primaryClass = {cs.CV}" "$TMP/want.bib"

command "export starred F.bib"
tui_check ":export starred F.bib names the absolute path, relative to the start directory" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "exported 2 starred papers to $TMP/cwd/F.bib"
check ":export starred F.bib is byte for byte --export starred --format bibtex" \
	cmp "$TMP/want.bib" "$TMP/cwd/F.bib"

printf 'old\n' >"$TMP/cwd/F.bib"
command "export starred F.bib"
tui_check "an existing file is refused without !: the reader asks" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "$TMP/cwd/F.bib already exists: replace it? (y/n)"
tui_keys n
tui_check "n: the status line says it was not replaced" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "not replaced"
is "$(cat "$TMP/cwd/F.bib")" old "  and the file is unchanged"
command "export starred F.bib"
tui_check "asked again" tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "replace it? (y/n)"
tui_keys y
tui_check "y replaces it" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "exported 2 starred papers to $TMP/cwd/F.bib"
check "  with the export" cmp "$TMP/want.bib" "$TMP/cwd/F.bib"
printf 'old\n' >"$TMP/cwd/F.bib"
command "export! starred F.bib"
tui_check ":export! replaces it without asking" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "exported 2 starred papers to $TMP/cwd/F.bib"
check "  with the export" cmp "$TMP/want.bib" "$TMP/cwd/F.bib"
command "export later notes.txt"
tui_check "a name that says no format: one line naming the choices" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "cannot tell the format of notes.txt"

# Declining O (more starred papers than open-many) says so too.
printf 'set metadata no\nset mark-read never\nset advance no\nset open-many 1\n' >"$CONF"
tui_restart 1/8 "$SAMPLE_DIR"
tui_keys O
tui_check "O asks first" tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "open 2 starred papers in the browser? (y/n)"
tui_keys n
tui_check "n: 'not opened'" tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "not opened"
check "  and nothing was opened" test ! -e "$TMP/launched"
tui_quit

# ---- upvotes, right-aligned ---------------------------------------------------
# col TEXT: the column (from 1) where TEXT starts on the first row that holds
# it (the list's rows are ASCII up to their titles).
col() { awk -v t="$1" 'index($0, t) { print index($0, t); exit }' "$TUI_SCREEN"; }
upvotes() { printf '{"id": "%s", "fetched": 1, "origin": "huggingface", "upvotes": %s}\n' "$1" "$2" >"$FACTS/$1.json"; }
upvotes 2106.09685 84
upvotes 2103.00020 6
tui_restart 1/8 "$SAMPLE_DIR"
tui_keys c
tui_check "c: compact triage shows the upvotes" tui_wait_for "84^ LoRA"
_aligned() {
	[ -n "$(col '84^')" ] && [ "$(col ' 6^ Learning')" = "$(col '84^')" ] &&
		[ "$(col 'Chain-of-Thought')" = "$(col 'LoRA:')" ] &&
		[ "$(col 'Learning Transferable')" = "$(col 'LoRA:')" ]
}
tui_check "upvotes right-aligned (' 6^' under '84^'), every title in one column" \
	tui_wait_until "$TUI_TIMEOUT" _aligned
tui_quit

# ---- :sort and v are remembered ------------------------------------------------
STATE="$TMP/home/.local/state/digest-tui"
upvotes 2410.24164 500
# first: the number of the list's first paper.
first() { tui_list "$TUI_SCREEN" $W | head -n 1 | cut -f3; }
_first_is() { [ "$(first)" = "$1" ]; }
_geom_is() { [ "$(tui_geom "$TUI_SCREEN" $W)" = "$1" ]; }
tui_restart "*/8" "$SAMPLE_DIR"
tui_check "post order: paper 1 first, side by side at ${W} columns" \
	tui_wait_until "$TUI_TIMEOUT" _geom_is "side 40"
command "sort upvotes"
tui_check ":sort upvotes: paper 8 (500 upvotes) first" tui_wait_until "$TUI_TIMEOUT" _first_is 8
tui_keys v
tui_check "v: stacked" tui_wait_until "$TUI_TIMEOUT" _geom_is "stacked 9"
tui_quit
is "$(grep -v '^#' "$STATE/choices")" "sort upvotes number
layout stacked auto" "the choices file names them, and the sort and layout settings then"
tui_restart "*/8" "$SAMPLE_DIR"
tui_check "the next start sorts by upvotes" tui_wait_until "$TUI_TIMEOUT" _first_is 8
tui_check "  and is stacked" tui_wait_until "$TUI_TIMEOUT" _geom_is "stacked 9"
tui_quit
printf 'set metadata no\nset mark-read never\nset layout side\n' >"$CONF"
tui_restart "*/8" "$SAMPLE_DIR"
tui_check "layout edited in the configuration since: the file wins (side by side)" \
	tui_wait_until "$TUI_TIMEOUT" _geom_is "side 40"
check "  the sort is still remembered" _first_is 8
tui_keys v
tui_check "v: stacked again" tui_wait_until "$TUI_TIMEOUT" _geom_is "stacked 9"
tui_quit
tui_restart "*/8" "$SAMPLE_DIR"
tui_check "a choice made under the new setting wins again" \
	tui_wait_until "$TUI_TIMEOUT" _geom_is "stacked 9"
tui_quit
printf 'sort up\0votes\n\377\376 layout\nlayout diagonal auto\n' >"$STATE/choices"
tui_restart "*/8" "$SAMPLE_DIR"
tui_check "a damaged choices file: the reader starts as configured" \
	tui_wait_until "$TUI_TIMEOUT" _geom_is "side 40"
check "  in post order" _first_is 1
command "sort number"
tui_check ":sort number" tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "in the blog's order"
tui_quit
is "$(grep -v '^#' "$STATE/choices")" "sort number number
layout diagonal auto" "the damaged file is written anew: its bad lines gone, a name it does not know kept"
printf 'set metadata no\nset mark-read never\n' >"$CONF"

# ---- :messages ---------------------------------------------------------------------
W=60 H=20
# boxed: the text inside the overlay's frame, times and blanks dropped, in one
# line (what the layout engine wrapped, joined again).
boxed() {
	sed -n 's/^ *│\(.*\)│ *$/\1/p' "$TUI_SCREEN" | sed 's/^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]//' |
		tr -d ' \n'
}
_boxed_has() { boxed | grep -q -F -e "$(printf '%s' "$1" | tr -d ' ')"; }
long="unknown view 'no-such-view-with-a-long-name' (digest, unread, starred, later, hidden, search)"
tui_restart 1/8 "$SAMPLE_DIR"
command "view no-such-view-with-a-long-name"
_status_cut() { tui_row $((H - 1)) | grep -q "^unknown view 'no-such-view.*…"; }
tui_check "a message too long for the status line ends in an ellipsis" \
	tui_wait_until "$TUI_TIMEOUT" _status_cut
tui_keys "]"
tui_check "] at the newest digest: another message" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "no newer digest"
tui_keys "]"
command "messages"
tui_check ":messages opens the session's messages" tui_wait_for "Messages, newest last"
tui_check "  the cut one whole, wrapped in the box" tui_wait_until "$TUI_TIMEOUT" _boxed_has "$long"
_times() { [ "$(grep -c '│[0-9][0-9]:[0-9][0-9]:[0-9][0-9]  ' "$TUI_SCREEN")" -eq 2 ]; }
check "  each with its time" _times
check "  one said twice in a row is listed once, counted" _boxed_has "no newer digest (2 times)"
_newest_last() { boxed | grep -q "search).*nonewerdigest"; }
check "  the newest last" _newest_last
tui_keys q
tui_check "q closes it" tui_wait_gone "Messages, newest last"
# Enough messages to scroll: the box opens on the newest, k goes back.
i=1
while [ $i -le 30 ]; do
	command "date 2026-11-$(printf '%02d' $i)"
	i=$((i + 1))
done
command "date 1999-01-01"
tui_check "a last message" tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "no digest dated 1999-01-01"
command "messages"
tui_check ":messages opens on its last page: the newest shown" \
	tui_wait_until "$TUI_TIMEOUT" _boxed_has "no digest dated 1999-01-01"
check "  not the oldest" eval '! _boxed_has "$long"'
tui_keys g
tui_check "g: the oldest" tui_wait_until "$TUI_TIMEOUT" _boxed_has "$long"
tui_keys G
tui_check "G: the newest again" tui_wait_until "$TUI_TIMEOUT" _boxed_has "no digest dated 1999-01-01"
tui_keys Escape
tui_check "Esc closes it" tui_wait_gone "Messages, newest last"
tui_quit

# ---- the stacked list fits its papers -----------------------------------------------
# post FILE DATE N: a digest of N papers, each with a Korean Introduction.
post() {
	{
		printf -- '---\nlayout: post\ntitle: "Daily Papers — %s"\ndate: %s 08:00:00\n---\n' "$2" "$2"
		k=1
		while [ $k -le "$3" ]; do
			printf '\n# %d. [Paper %d of %s](https://arxiv.org/abs/2512.%05d)\n\n' $k $k "$2" $k
			printf '## Introduction\n\n- Goal: %s\n' "$KOREAN"
			k=$((k + 1))
		done
	} >"$1"
}
KOREAN="대규모 언어 모델이 긴 문맥에서 추론할 때 생기는 오류를 줄이기 위해 검색과 검증을 번갈아 수행하는 새로운 방법을 제안하고 여러 벤치마크에서 기존 방법보다 일관되게 높은 정확도를 보인다는 것을 실험으로 확인한다. 또한 계산 비용이 크게 늘지 않는다는 점도 보인다."
mkdir -p "$TMP/two"
post "$TMP/two/2026-12-02-daily-papers-20261202.md" 2026-12-02 2
_geom_is() { [ "$(tui_geom "$TUI_SCREEN" $W)" = "$1" ]; }
tui_restart 1/2 "$TMP/two"
tui_check "the stacked list takes its 2 rows, the border under them (row 3)" \
	tui_wait_until "$TUI_TIMEOUT" _geom_is "stacked 3"
cp "$TUI_SCREEN" "$TMP/stacked-60x20.txt"
tui_keys c
tui_check "compact triage: 2 rows a paper, 4 rows (border row 5)" \
	tui_wait_until "$TUI_TIMEOUT" _geom_is "stacked 5"
tui_quit
tui_restart 1/8 "$SAMPLE_DIR"
tui_check "  more papers than two fifths of the body: 7 rows (border row 8)" \
	tui_wait_until "$TUI_TIMEOUT" _geom_is "stacked 8"
tui_quit

# ---- text-width: the measure of the paper's text ---------------------------------
W=200 H=30
# widest: the widest body row of the screen (trailing blanks dropped), in
# display columns.
widest() {
	sed '1d;$d' "$TUI_SCREEN" | sed 's/ *$//' >"$TMP/body"
	python3 "$top_srcdir/tests/lib/termwidth.py" "$TMP/body"
}
# zoomed: the paper pane of the 2-paper digest, zoomed to the whole screen.
zoomed() {
	tui_start $W $H "$TMP/two"
	tui_wait_pos 1/2 && tui_keys l z && tui_wait_until "$TUI_TIMEOUT" _geom_is "none -1" &&
		tui_wait_for "대규모 언어 모델이"
}
tui_check "the paper zoomed at ${W}x$H" zoomed
w=$(widest)
check "Korean lines keep the text-width measure: at most 100 columns and the margin ($w)" \
	test "$w" -le 101
check "  and fill it ($w)" test "$w" -ge 90
tui_quit
printf 'set metadata no\nset mark-read never\nset text-width 0\n' >"$CONF"
tui_check "text-width 0: the paper zoomed again" zoomed
w=$(widest)
check "text-width 0: the whole pane ($w columns)" test "$w" -gt 150
tui_quit
printf 'set metadata no\nset mark-read never\nset text-width 40\n' >"$CONF"
tui_check "text-width 40: the paper zoomed again" zoomed
w=$(widest)
check "text-width 40: at most 41 columns ($w)" test "$w" -le 41
tui_quit
check "no sanitizer report" tui_stderr_clean

plan_done
