#!/bin/sh
# Notes in the reader, end to end in tmux on the bundled sample:
#   - :note (and m) runs $EDITOR (a script that appends a line) on the
#     selected paper's note, made from the template, with the terminal
#     handed over and taken back; the Notes section shows the note after the
#     paper's sections, 7 and } reach it, the list marks the paper with =
#   - the archive search finds it: note:WORD and a plain word only the note
#     holds
#   - an editor that fails, or is not there, is one line in the status line;
#     the editor setting wins over $EDITOR
#   - the terminal resized while the editor runs: the reader comes back at
#     the new size
#   - :export carries the note as --export does, byte for byte, in each
#     format (Markdown, BibTeX, TSV), the note read as it is when the export
#     runs (one written meanwhile, as another editor would)
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux.sh"
tui_require_tmux

W=100 H=30
NOTES="$TMP/home/.local/share/digest-tui/notes"
ID=2106.09685       # LoRA, 2026-11-27 #1: where the reader opens
WORD=Zebraword      # in no post of the sample
CONFIG="$TMP/home/.config/digest-tui/config"

# command TEXT: types :TEXT and Enter.
command() {
	tui_keys :
	tui_type "$1"
	tui_keys Enter
}

# The editor: appends a line to the file it is given (its last argument),
# after waiting for $TMP/editor.go when $TMP/editor.wait exists (it says it
# runs with $TMP/editor.running).
mkdir -p "$TMP/bin"
cat >"$TMP/bin/note-editor" <<EOF
#!/bin/sh
for f; do :; done
echo "\$f" >>"$TMP/edited"
if [ -e "$TMP/editor.wait" ]; then
	touch "$TMP/editor.running"
	while [ ! -e "$TMP/editor.go" ]; do sleep 0.02; done
fi
printf '%s\n' "$WORD: positional encodings matter." >>"\$f"
EOF
printf '#!/bin/sh\nexit 3\n' >"$TMP/bin/fail-editor"
chmod +x "$TMP/bin/note-editor" "$TMP/bin/fail-editor"

# _list_row N: paper N's row of the list (tui_list's fields).
_list_row() { tui_list "$TUI_SCREEN" "$TUI_COLS" | awk -F'\t' -v n="$1" '$3 == n'; }
# _noted N: paper N's row has the note glyph.
_noted() { [ "$(_list_row "$1" | cut -f7)" = "=" ]; }
# _vtop TEXT: the view's first row is TEXT.
_vtop() { tui_vrow_is 0 "$1"; }
# _marks N READ FLAG: paper N's read and flag columns.
_marks() { [ "$(_list_row "$1" | cut -f5,6)" = "$2	$3" ]; }
# _flag N FLAG: paper N's flag column.
_flag() { [ "$(_list_row "$1" | cut -f6)" = "$2" ]; }
# _only_row_noted: the list has one row, with the glyph.
_only_row_noted() { [ "$(tui_list "$TUI_SCREEN" "$TUI_COLS" | cut -f7 | tr '\n' /)" = "=/" ]; }
# _laid_out_at C R: every row fits C columns, R rows, stacked below 80.
_laid_out_at() {
	tui_fits "$TUI_SCREEN" "$1" && [ "$(wc -l <"$TUI_SCREEN")" -eq "$2" ] &&
		tui_geom "$TUI_SCREEN" "$1" | grep -q '^stacked '
}

# ---- :note --------------------------------------------------------------------
TUI_ENV="VISUAL= EDITOR=$TMP/bin/note-editor"
tui_restart 1/8 "$SAMPLE_DIR"
tui_keys 7
tui_check "7 without a note says how to write one" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "this paper has no note (:note writes one)"
tui_list "$TUI_SCREEN" $W >"$TMP/list.before"
is "$(cut -f7 "$TMP/list.before" | sort -u | tr -d '\n')" " " "no paper has the note glyph yet"
command note
tui_check ":note: the status line says the note was saved" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "note saved (7 shows it): "
is "$(cat "$TMP/edited")" "$NOTES/$ID.md" "  \$EDITOR was run on the paper's note, its path the last word"
is "$(cat "$NOTES/$ID.md")" "# LoRA: Low-Rank Adaptation of Large Language Models

- Date: 2026-11-27
- arXiv: https://arxiv.org/abs/$ID
- Alphaxiv: https://www.alphaxiv.org/ko/overview/$ID

$WORD: positional encodings matter." "  made from the template, with what the editor wrote"
tui_check "  the view shows the Notes section at its top" _vtop Notes
tui_check "  the note's text under it" tui_vrow_is 1 "$WORD: positional encodings matter."
tui_check "  the list marks the paper with =" _noted 1
is "$(tui_list "$TUI_SCREEN" $W | awk -F'\t' '$7 == "="' | wc -l | tr -d ' ')" 1 \
	"  and no other paper"
tui_check "  beside the read and flag columns (read: it was opened)" _marks 1 " " " "
tui_check "  the header and status line are back (the terminal taken back)" tui_header_has "1/8"
tui_capture "$TMP/screen.notes"

tui_keys g
tui_check "g: the paper's top" tui_wait_until "$TUI_TIMEOUT" tui_vrow_has 0 "LoRA: Low-Rank"
tui_keys 7
tui_check "7 jumps to the Notes section" tui_wait_until "$TUI_TIMEOUT" _vtop Notes
tui_keys g
tui_wait_until "$TUI_TIMEOUT" tui_vrow_has 0 "LoRA: Low-Rank"
n=0
while [ $n -lt 8 ] && ! _vtop Notes; do
	tui_keys '}'
	n=$((n + 1))
	tui_settle
done
is "$n" 6 "} reaches the Notes section after the five sections"
tui_keys '{'
tui_check "{ goes back to the Conclusion" tui_wait_until "$TUI_TIMEOUT" _vtop Conclusion

# ---- the archive search -----------------------------------------------------------
tui_keys h f
tui_type "note:$(printf '%s' "$WORD" | tr 'A-Z' 'a-z')"
tui_keys Enter
tui_check "f note:WORD finds the paper by its note" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "1 paper matches"
tui_check "  in the Search results" tui_header_has "search: note:zebraword"
tui_check "  it is the one row, with its glyph" _only_row_noted
tui_keys f C-u
tui_type "positional encodings matter"
tui_keys Enter
tui_check "f with the note's words (in no post) finds it too" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "1 paper matches"
tui_check "  as the Search results' one row" _only_row_noted
tui_keys D

# ---- an editor that fails, or is not there -----------------------------------------
tui_quit
printf 'set metadata no\nset editor %s\n' "$TMP/bin/fail-editor" >"$CONFIG"
tui_restart 2/8 "$SAMPLE_DIR"
tui_keys j m
tui_check "the editor setting wins; one that exits 3 is one line" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "note: $TMP/bin/fail-editor exited with status 3"
tui_check "  the reader is back, on paper 3" tui_pos_is 3/8
tui_keys s
tui_check "  and marks as ever" tui_wait_until "$TUI_TIMEOUT" _flag 3 "*"
tui_quit
printf 'set metadata no\nset editor "no-such-editor --flag"\n' >"$CONFIG"
tui_restart "*/8" "$SAMPLE_DIR"
tui_keys m
tui_check "an editor not found: one line" tui_wait_until "$TUI_TIMEOUT" \
	tui_last_row_has "note: cannot run 'no-such-editor': not found in PATH"
tui_quit
printf 'set metadata no\n' >"$CONFIG"

# ---- resized while the editor runs -----------------------------------------------
touch "$TMP/editor.wait"
tui_restart "*/8" "$SAMPLE_DIR"
tui_keys g j m
wait_until "$TUI_TIMEOUT" test -e "$TMP/editor.running"
tui_resize 60 20
touch "$TMP/editor.go"
tui_check "resized during the editor: the note is saved" \
	tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "note saved"
tui_check "  the reader is laid out at 60x20: stacked, every row fits" _laid_out_at 60 20
tui_check "  the header on the first row, the status on the last" \
	eval 'tui_header_has 2/8 && tui_row 19 | grep -q "note saved"'
tui_check "  the Notes section in view" tui_wait_until "$TUI_TIMEOUT" _vtop Notes
rm -f "$TMP/editor.wait"
tui_quit
check "  no sanitizer report on its stderr" tui_stderr_clean

# ---- :export carries the notes ------------------------------------------------------
tui_restart "*/8" "$SAMPLE_DIR"
# Written while the reader runs, as another editor would.
printf '%s\n' "# LoRA" "" "- Date: 2026-11-27" "" \
	"## Verdict" "Read section 3.2 again." >"$NOTES/$ID.md"
for f in md bib tsv; do
	command "export all F.$f"
	tui_check ":export all F.$f" \
		tui_wait_until "$TUI_TIMEOUT" tui_last_row_has "exported 13 papers to $TMP/cwd/F.$f"
done
tui_quit

tui_cli --export all "$SAMPLE_DIR" >"$TMP/want.md"
tui_cli --export all --format bibtex "$SAMPLE_DIR" >"$TMP/want.bib"
tui_cli --export all --format tsv "$SAMPLE_DIR" >"$TMP/want.tsv"
contains "$(cat "$TMP/want.md")" "  > Read section 3.2 again." "--export's Markdown has the note"
for f in md bib tsv; do
	check ":export's .$f is byte for byte --export's, the note included" \
		cmp "$TMP/want.$f" "$TMP/cwd/F.$f"
done

plan_done
