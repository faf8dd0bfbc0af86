#!/bin/sh
# The reader's finish, end to end in tmux on the bundled sample: :export
# writes byte for byte what --export prints and replaces an existing file
# only after a yes or with :export!; a declined question says so.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux.sh"
tui_require_tmux

W=100 H=30
CONF="$TMP/home/.config/digest-tui/config"
FACTS="$TMP/home/.cache/digest-tui/facts"
mkdir -p "$TMP/home/.config/digest-tui" "$FACTS"
printf 'set metadata no\nset mark-read never\nset advance no\n' >"$CONF"

# The program outside tmux, with the reader's files.
cli() {
	HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" \
		XDG_STATE_HOME="$TMP/home/.local/state" XDG_CACHE_HOME="$TMP/home/.cache" \
		"$DIGEST_TUI" --offline "$@"
}
_last_row_has() { tui_row $((H - 1)) | grep -q -F -e "$1"; }
# command TEXT: types :TEXT and Enter.
command() {
	tui_keys :
	tui_type "$1"
	tui_keys Enter
}

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

tui_start $W $H "$SAMPLE_DIR"
tui_check "the reader starts on the newest sample digest" tui_wait_pos 1/8
tui_keys s j s
tui_check "two papers starred" tui_wait_until "$TUI_TIMEOUT" _last_row_has "starred"
cli --export starred --format bibtex "$SAMPLE_DIR" >"$TMP/want.bib"
check "--export's BibTeX has the authors" \
	grep -q -F "author = {Edward J. Hu and Yelong Shen}" "$TMP/want.bib"
check "  and primaryClass" grep -q "primaryClass = {cs.CV}" "$TMP/want.bib"

command "export starred F.bib"
tui_check ":export starred F.bib names the absolute path, relative to the start directory" \
	tui_wait_until "$TUI_TIMEOUT" _last_row_has "exported 2 starred papers to $TMP/cwd/F.bib"
check ":export starred F.bib is byte for byte --export starred --format bibtex" \
	cmp "$TMP/want.bib" "$TMP/cwd/F.bib"

printf 'old\n' >"$TMP/cwd/F.bib"
command "export starred F.bib"
tui_check "an existing file is refused without !: the reader asks" \
	tui_wait_until "$TUI_TIMEOUT" _last_row_has "$TMP/cwd/F.bib already exists: replace it? (y/n)"
tui_keys n
tui_check "n: the status line says it was not replaced" \
	tui_wait_until "$TUI_TIMEOUT" _last_row_has "not replaced"
is "$(cat "$TMP/cwd/F.bib")" old "  and the file is unchanged"
command "export starred F.bib"
tui_check "asked again" tui_wait_until "$TUI_TIMEOUT" _last_row_has "replace it? (y/n)"
tui_keys y
tui_check "y replaces it" \
	tui_wait_until "$TUI_TIMEOUT" _last_row_has "exported 2 starred papers to $TMP/cwd/F.bib"
check "  with the export" cmp "$TMP/want.bib" "$TMP/cwd/F.bib"
printf 'old\n' >"$TMP/cwd/F.bib"
command "export! starred F.bib"
tui_check ":export! replaces it without asking" \
	tui_wait_until "$TUI_TIMEOUT" _last_row_has "exported 2 starred papers to $TMP/cwd/F.bib"
check "  with the export" cmp "$TMP/want.bib" "$TMP/cwd/F.bib"
command "export later notes.txt"
tui_check "a name that says no format: one line naming the choices" \
	tui_wait_until "$TUI_TIMEOUT" _last_row_has "cannot tell the format of notes.txt"

# Declining O (more starred papers than open-many) says so too.
printf 'set metadata no\nset mark-read never\nset advance no\nset open-many 1\n' >"$CONF"
tui_start $W $H "$SAMPLE_DIR"
tui_check "the reader again" tui_wait_pos 1/8
tui_keys O
tui_check "O asks first" tui_wait_until "$TUI_TIMEOUT" _last_row_has "open 2 starred papers in the browser? (y/n)"
tui_keys n
tui_check "n: 'not opened'" tui_wait_until "$TUI_TIMEOUT" _last_row_has "not opened"
check "  and nothing was opened" test ! -e "$TMP/launched"
tui_keys q
tui_check "q leaves" tui_wait_exit
check "no sanitizer report" tui_stderr_clean

plan_done
