#!/bin/sh
# Notes in the reader, end to end in tmux on the bundled sample: :export
# carries a paper's note as --export does, byte for byte, in each format
# (Markdown, BibTeX, TSV), the note read as it is when the export runs.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux.sh"
tui_require_tmux

W=100 H=30
NOTES="$TMP/home/.local/share/digest-tui/notes"
ID=1706.03762       # Attention Is All You Need, 2026-11-26 #1

# command TEXT: types :TEXT and Enter.
command() {
	tui_keys :
	tui_type "$1"
	tui_keys Enter
}

tui_restart 1/8 "$SAMPLE_DIR"
# Written while the reader runs, as an editor would.
mkdir -p "$NOTES"
printf '%s\n' "# Attention Is All You Need" "" "- Date: 2026-11-26" "" \
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
