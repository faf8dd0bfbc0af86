#!/bin/sh
# The full-screen layout, read back from tmux by value: at 100x30, 80x24, 60x20
# and 40x20, on the bundled sample and on a real corpus post, every row fits the
# width (wcwidth), side-by-side has its border in one column on every body row,
# stacked has one horizontal border, list titles are truncated with … and never
# wrap, the view shows the selected paper with Korean wrapped at spaces, its
# links unbroken and its bullets' continuation rows indented at most half the
# view, and the header shows the digest title and the position.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux.sh"
# Layout, not marks: every start is on the first paper (nothing is read by
# being shown).
mkdir -p "$TMP/home/.config/digest-tui"
printf 'set metadata no\nset mark-read never\n' >"$TMP/home/.config/digest-tui/config"
tui_require_tmux

kp="$top_srcdir/tests/lib/keepall.py"
corpus_post="${CORPUS_DIR:-/nonexistent}/posts/2025-09-29-daily-papers-20250929.md"

# no_vbar FILE: no body row holds a │.
no_vbar() { ! sed '1d;$d' "$1" | grep -q '│'; }

# layout LABEL COLS ROWS TITLE TITLES SOURCE ARGS...: one run of the program.
# TITLES holds the paper titles of the digest shown first, one per line.
layout() {
	label=$1 w=$2 h=$3 title=$4 titles=$5 src=$6; shift 6
	m=$(wc -l <"$titles" | tr -d ' ')
	tui_start "$w" "$h" "$@"
	if ! tui_wait_pos "1/$m"; then
		fail "$label ${w}x$h: the header shows 1/$m"
		tui_dump_screen
		tui_stop
		return
	fi
	pass "$label ${w}x$h: the header shows 1/$m"
	scr="$TMP/layout-$w"
	cp "$TUI_SCREEN" "$scr"
	tui_capture_attrs "$scr.attrs"

	is "$(wc -l <"$scr" | tr -d ' ')" "$h" "$label ${w}x$h: $h rows captured"
	mw=$(max_width "$scr")
	tui_check "$label ${w}x$h: every row fits $w columns (widest $mw)" [ "$mw" -le "$w" ]
	contains "$(tui_row 0 "$scr")" "$title" "$label ${w}x$h: the header shows the digest title"
	hw=$(tui_row 0 "$scr" >"$TMP/row0"; max_width "$TMP/row0")
	tui_check "$label ${w}x$h: the position is at the right end of the header" \
		[ "$hw" -ge $((w - 3)) ]

	set -- $(tui_geom "$scr" "$w")
	kind=$1 at=$2
	if [ "$w" -ge 80 ]; then
		if [ "$kind" = side ] && [ "$at" -gt 0 ] && [ "$at" -lt $((w - 1)) ]; then
			pass "$label ${w}x$h: side-by-side, the border is in column $at on every body row"
		else
			fail "$label ${w}x$h: side-by-side, the border is in one column on every body row"
			diag "geometry: $kind $at; border columns per body row:" \
				"$(tui_vbars "$scr" | tr '\n' ' ')"
			tui_dump_screen "$scr"
		fi
		vw=$((w - at - 1))
	else
		is "$kind" stacked "$label ${w}x$h: below 80 columns the layout is stacked (one horizontal border)"
		tui_check "$label ${w}x$h: stacked has no vertical border" no_vbar "$scr"
		vw=$w
	fi

	# The list: paper rows 1, 2, 3... on consecutive rows, nothing between them.
	tui_list "$scr" "$w" >"$TMP/list"
	python3 - "$TMP/list" "$titles" <<'PY' >"$TMP/listcheck"
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
titles = [l.rstrip("\n") for l in open(sys.argv[2], encoding="utf-8")]
errs = []
numbered = [r for r in rows if r[2]]
if not numbered:
    errs.append("no numbered list rows")
for i, r in enumerate(rows):
    if not r[2]:
        errs.append("row %s is not a paper row (wrapped title?): %r" % (r[0], r[3]))
        continue
    if int(r[2]) != i + 1:
        errs.append("row %s: number %s, want %d" % (r[0], r[2], i + 1))
    if i and int(r[0]) != int(rows[i - 1][0]) + 1:
        errs.append("row %s: not right below the previous paper" % r[0])
sel = [r for r in rows if r[1] == ">"]
print("selected", ",".join(r[2] for r in sel))
trunc = 0
for r in numbered:
    n, shown = int(r[2]), r[3]
    full = titles[n - 1] if n <= len(titles) else ""
    if shown.endswith("…"):
        trunc += 1
        if not shown[:-1].rstrip() or not full.startswith(shown[:-1].rstrip()):
            errs.append("paper %d: %r is not a truncation of %r" % (n, shown, full))
    elif shown != full:
        errs.append("paper %d: shows %r, want %r" % (n, shown, full))
print("visible", len(numbered))
print("truncated", trunc)
for e in errs:
    print("error", e)
PY
	errs=$(sed -n 's/^error //p' "$TMP/listcheck")
	if [ -z "$errs" ]; then
		pass "$label ${w}x$h: one list row per paper, titles whole or truncated with …"
	else
		fail "$label ${w}x$h: one list row per paper, titles whole or truncated with …"
		diag "$errs"
		tui_dump_screen "$scr"
	fi
	vis=$(sed -n 's/^visible //p' "$TMP/listcheck")
	if [ "$kind" = side ] && [ "$m" -le $((h - 2)) ]; then
		is "$vis" "$m" "$label ${w}x$h: all $m papers are listed"
	fi
	trunc=$(sed -n 's/^truncated //p' "$TMP/listcheck")
	tui_check "$label ${w}x$h: long titles are truncated with … ($trunc rows)" [ "${trunc:-0}" -gt 0 ]
	is "$(sed -n 's/^selected //p' "$TMP/listcheck")" 1 \
		"$label ${w}x$h: '>' in column 0 marks paper 1 only"
	selrow=$(awk -F'\t' '$2 == ">" { print $1; exit }' "$TMP/list")
	if [ -n "$selrow" ]; then
		tui_check "$label ${w}x$h: the selected row is in reverse video" \
			tui_sgr_has "$scr.attrs" "$selrow" 7
	else
		fail "$label ${w}x$h: the selected row is in reverse video (no selected row)"
	fi

	# The view: the selected paper, its links, sections, Korean broken at spaces.
	tui_view "$scr" "$w" >"$TMP/view"
	t1=$(head -n 1 "$titles")
	view=$(cat "$TMP/view")
	contains "$view" "1. $(printf '%s' "$t1" | cut -c1-12)" "$label ${w}x$h: the view starts with the selected paper's title"
	id=$(awk -F'\t' '$2 == 1 { print $3; exit }' "$TMP/ids")
	tui_check "$label ${w}x$h: the view has an arXiv line with the ID $id" \
		grep -q "arXiv.*$id" "$TMP/view"
	tui_check "$label ${w}x$h: the view has an Alphaxiv line" grep -q '^ *Alphaxiv\( \|$\)' "$TMP/view"
	# A link is whole on one row wherever it fits (with some indent).
	for url in "https://arxiv.org/abs/$id" "https://www.alphaxiv.org/ko/overview/$id"; do
		if [ "$vw" -ge $((${#url} + 4)) ]; then
			tui_check "$label ${w}x$h: $url is whole on one row" grep -q -F "$url" "$TMP/view"
		fi
	done
	# No link is broken across rows: whole, or shortened with ….
	if python3 "$top_srcdir/tests/lib/layoutprops.py" --only urls,punct "$TMP/view" "$src" >"$TMP/lp"; then
		pass "$label ${w}x$h: the view's links are unbroken, no row starts with closing punctuation"
	else
		fail "$label ${w}x$h: the view's links are unbroken, no row starts with closing punctuation"
		diag "$(cat "$TMP/lp")"
		tui_dump_screen "$scr"
	fi
	# A bullet's continuation rows leave the text at least half the view.
	maxind=$(awk '{ match($0, /^ */); if (RLENGTH > m) m = RLENGTH } END { print m + 0 }' "$TMP/view")
	tui_check "$label ${w}x$h: no row of the view is indented past half of it ($maxind of $vw)" \
		[ "$maxind" -le $((vw / 2)) ]
	tui_check "$label ${w}x$h: the view shows the Introduction heading" grep -q '^ *Introduction *$' "$TMP/view"
	tui_check "$label ${w}x$h: the view shows the Goal bullet" grep -q -- '- Goal: ' "$TMP/view"
	vmw=$(max_width "$TMP/view")
	tui_check "$label ${w}x$h: view rows fit the view's $vw columns (widest $vmw)" [ "$vmw" -le "$vw" ]
	nk=$(python3 -c '
import re, sys
print(len(re.findall("[\uac00-\ud7a3]+", open(sys.argv[1], encoding="utf-8").read())))' "$TMP/view")
	if [ "$nk" -ge 5 ] && python3 "$kp" "$TMP/view" "$src" >"$TMP/kp"; then
		pass "$label ${w}x$h: the view's Korean is broken only at spaces ($nk words)"
	else
		fail "$label ${w}x$h: the view's Korean is broken only at spaces ($nk words)"
		diag "split words: $(tr '\n' ' ' <"$TMP/kp")"
		tui_dump_screen "$scr"
	fi
	tui_check "$label ${w}x$h: no sanitizer report" tui_stderr_clean
	tui_stop
}

# The sample: the program opens the newest digest, 2026-11-27.
"$DIGEST_TUI" --list "$SAMPLE_DIR" | awk -F'\t' '$1 == "2026-11-27"' >"$TMP/ids"
cut -f5 "$TMP/ids" >"$TMP/titles"
for size in "100 30" "80 24" "60 20" "40 20"; do
	set -- $size
	layout sample "$1" "$2" "Daily Papers — 2026-11-27" "$TMP/titles" \
		"$SAMPLE_DIR/2026-11-27-daily-papers-20261127.md"
done

if [ -f "$corpus_post" ]; then
	"$DIGEST_TUI" --list "$corpus_post" >"$TMP/ids"
	cut -f5 "$TMP/ids" >"$TMP/titles"
	for size in "100 30" "80 24" "60 20" "40 20"; do
		set -- $size
		layout corpus "$1" "$2" "Daily Papers — 2025-09-29" "$TMP/titles" \
			"$corpus_post" "$corpus_post"
	done
else
	skip "corpus post $corpus_post absent: layout on a real post"
fi

plan_done
