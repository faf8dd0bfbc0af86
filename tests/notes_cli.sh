#!/bin/sh
# Notes from the command line, over the bundled sample: --list's MARKS says
# n for a paper with a note (and nothing changes without notes); --search
# finds a paper by a word only its note holds, and note:WORD (초성 too) by
# its note alone; the three exports carry the note (a block quote under the
# Markdown item, BibTeX's note field, TSV's sixth column); an untouched
# template is no note; a hostile note reaches no output raw; with sync-dir
# the notes are read from DIR/notes.
. "$top_srcdir/tests/lib/tap.sh"

NOTES="$XDG_DATA_HOME/digest-tui/notes"
ID=1706.03762       # Attention Is All You Need, 2026-11-26 #1
TPL=1512.03385      # Deep Residual Learning, 2026-11-26 #2: the untouched template
dt() { "$DIGEST_TUI" "$@" "$SAMPLE_DIR"; }

# ---- without notes: as before notes were ----
dt --list >"$TMP/list0" 2>"$TMP/err"
is "$(cut -f4 "$TMP/list0" | sort -u)" "-" "--list: MARKS is - without marks or notes"
dt --export all --format tsv >"$TMP/tsv0"
is "$(awk -F'\t' 'NF != 6 || $6 != "-"' "$TMP/tsv0" | wc -l | tr -d ' ')" 0 \
	"TSV export: a sixth column, NOTE, '-' for every paper without a note"
check "  the first five are the --list lines" \
	sh -c "cut -f1-5 '$TMP/tsv0' | cmp -s - '$TMP/list0'"
dt --export all >"$TMP/md0"
dt --export all --format bibtex >"$TMP/bib0"

# ---- a note, and an untouched template ----
mkdir -p "$NOTES"
printf '%s\n' "# Attention Is All You Need" "" "- Date: 2026-11-26" \
	"- arXiv: https://arxiv.org/abs/$ID" "- Alphaxiv: https://www.alphaxiv.org/ko/overview/$ID" "" \
	"## Verdict" "Positional encodings: a zebraword trick, 흥미롭다." "	tab {brace} 100%" \
	>"$NOTES/$ID.md"
printf '%s\n' "# Deep Residual Learning for Image Recognition" "" "- Date: 2026-11-26" \
	"- arXiv: https://arxiv.org/abs/$TPL" "- Alphaxiv: https://www.alphaxiv.org/ko/overview/$TPL" "" \
	>"$NOTES/$TPL.md"

dt --list >"$TMP/list" 2>"$TMP/err"
is "$(awk -F'\t' -v id=$ID '$3 == id { print $4 }' "$TMP/list")" "n" "--list: n in MARKS for a paper with a note"
is "$(awk -F'\t' -v id=$TPL '$3 == id { print $4 }' "$TMP/list")" "-" \
	"  none for an untouched template"
is "$(grep -v "$ID" "$TMP/list")" "$(grep -v "$ID" "$TMP/list0")" "  the other lines as they were"
is "$(cat "$TMP/err")" "" "  nothing on stderr"

# ---- search ----
check "the post itself has no zebraword" sh -c "! grep -q zebraword '$SAMPLE_DIR'/*.md"
is "$(dt --search zebraword | cut -f3,4)" "$ID	n" "--search: a word only the note holds finds the paper"
is "$(dt --search note:ZEBRAWORD | cut -f3)" "$ID" "--search note:WORD, case-folded"
is "$(dt --search 'note:ㅎㅁ' | cut -f3)" "$ID" "  note: with 초성 (흥미롭다)"
is "$(dt --search 'note:zebraword attention' | cut -f3)" "$ID" "  AND the plain words"
dt --search 'note:zebraword residual' >"$TMP/none"; rc=$?
is "$rc:$(wc -c <"$TMP/none" | tr -d ' ')" "1:0" "  both must match: no hit, status 1"
dt --search note:arxiv >"$TMP/none"; rc=$?
is "$rc" 1 "  the template's head is not searched"
is "$(dt --search residual | cut -f3,4)" "$TPL	-" \
	"plain words still find the posts"

# ---- exports ----
dt --export all --format tsv >"$TMP/tsv"
is "$(awk -F'\t' -v id=$ID '$3 == id { print $6 }' "$TMP/tsv")" \
	'## Verdict\nPositional encodings: a zebraword trick, 흥미롭다.\n        tab {brace} 100%' \
	"TSV: the note one field, newlines as \\n"
is "$(awk -F'\t' 'NF != 6' "$TMP/tsv" | wc -l | tr -d ' ')" 0 "  six fields on every line"
is "$(grep -v "$ID" "$TMP/tsv")" "$(grep -v "$ID" "$TMP/tsv0")" "  the other papers as they were"

dt --export all >"$TMP/md"
is "$(grep -A3 "arXiv:$ID" "$TMP/md" | tail -n +2)" \
	"  > ##### Verdict
  > Positional encodings: a zebraword trick, 흥미롭다.
  >         tab {brace} 100%" \
	"Markdown: the note quoted under its item, its heading three levels down"
is "$(grep -v '^  >' "$TMP/md")" "$(cat "$TMP/md0")" "  the items as they were"

dt --export all --format bibtex >"$TMP/bib"
is "$(grep '^  note = ' "$TMP/bib")" \
	'  note = {\#\# Verdict Positional encodings: a zebraword trick, 흥미롭다. tab \textbraceleft{}brace\textbraceright{} 100\%},' \
	"BibTeX: note = {...}, escaped, its lines folded"
is "$(grep -v '^  note = ' "$TMP/bib")" "$(cat "$TMP/bib0")" "  the entries as they were"

# ---- a hostile note (it may come from another machine) ----
printf '# T\n\nred \033[31mRED\033[0m \033]52;c;aGk=\007 bell\007 \342\200\256evil\n' >"$NOTES/$ID.md"
for fmt in markdown bibtex tsv; do
	dt --export all --format $fmt >"$TMP/h.$fmt"
done
dt --search note:red >"$TMP/h.search"
is "$(cat "$TMP"/h.* | LC_ALL=C tr -dc '\033\007' | wc -c | tr -d ' '):$(cat "$TMP"/h.* |
	grep -c "$(printf '\342\200\256')")" "0:0" \
	"no escape, bell or bidi control reaches an export or --search"
contains "$(cat "$TMP/h.tsv")" "red RED  bell evil" "  the text itself is kept"

# ---- too large: not read, and said ----
head -c 300000 /dev/zero | tr '\0' x >"$NOTES/$ID.md"
dt --export all --format tsv >"$TMP/big" 2>"$TMP/err"
contains "$(cat "$TMP/err")" "larger than 256 KiB: not read" "a note over 256 KiB is said on stderr"
is "$(awk -F'\t' -v id=$ID '$3 == id { print $6 }' "$TMP/big")" "-" "  and not exported"

# ---- with sync-dir, the notes of DIR/notes ----
rm -rf "$NOTES"
mkdir -p "$TMP/Sync/notes"
printf 'carried by the syncer\n' >"$TMP/Sync/notes/$ID.md"
printf 'set metadata no\nset sync-dir %s\n' "$TMP/Sync" >"$XDG_CONFIG_HOME/digest-tui/config"
is "$(dt --search note:syncer | cut -f3,4)" "$ID	n" "with sync-dir, the notes are DIR/notes"

plan_done
