#!/bin/sh
# --dump through the layout engine: the sample and the corpus at 40, 80 and 120
# columns fit their width (measured with wcwidth), Korean breaks at spaces
# (keep-all), hostile bytes never reach the output, and the text is all there.
. "$top_srcdir/tests/lib/tap.sh"
kp="$top_srcdir/tests/lib/keepall.py"

for w in 40 80 120; do
	"$DIGEST_TUI" --dump --width "$w" "$SAMPLE_DIR" >"$TMP/dump" 2>"$TMP/err"; rc=$?
	is "$rc" 0 "sample --dump --width $w exits 0"
	mw=$(max_width "$TMP/dump")
	check "sample at $w: every line fits (widest $mw)" [ "$mw" -le "$w" ]
	check "sample at $w: Korean wrapped at spaces only" python3 "$kp" --width "$w" "$TMP/dump" "$SAMPLE_DIR"/*.md
done

"$DIGEST_TUI" --dump --width 80 "$SAMPLE_DIR" >"$TMP/dump"
out=$(cat "$TMP/dump")
contains "$out" "Attention Is All You Need" "the dump shows paper titles"
contains "$out" "Introduction" "section headings"
contains "$out" "- Goal: " "Goal bullets keep their label"
contains "$out" "arXiv 1706.03762" "arXiv IDs"
contains "$out" "Alphaxiv  https://www.alphaxiv.org/ko/overview/" "Alphaxiv links"

# Hanging indent: a wrapped Goal bullet continues under the text after "- Goal: ".
python3 - "$TMP/dump" <<'PY' && pass "wrapped bullets hang under their text" || fail "wrapped bullets hang under their text"
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
hung = 0
for a, b in zip(lines, lines[1:]):
    if a.startswith("  - Goal: ") and b.strip() and not b.lstrip().startswith("- "):
        if not b.startswith(" " * len("  - Goal: ")) or b[len("  - Goal: ")] == " ":
            print("# bad continuation:", repr(b)); sys.exit(1)
        hung += 1
sys.exit(0 if hung else 1)
PY

# normal (UAX #14) breaks between syllables, so at a narrow width it must fill
# lines at least as well as keep-all, and differ somewhere.
"$DIGEST_TUI" --dump --width 30 "$SAMPLE_DIR" >"$TMP/keep"
"$DIGEST_TUI" --dump --width 30 --line-break normal "$SAMPLE_DIR" >"$TMP/normal"
check "--line-break normal changes the wrapping" sh -c "! cmp -s '$TMP/keep' '$TMP/normal'"
check "--line-break normal never makes more lines" \
	[ "$(wc -l <"$TMP/normal")" -le "$(wc -l <"$TMP/keep")" ]
mw=$(max_width "$TMP/normal")
check "normal mode fits 30 columns (widest $mw)" [ "$mw" -le 30 ]

# Ambiguous-width 2 measures · — “ ” as two columns: lines still fit.
"$DIGEST_TUI" --dump --width 40 --ambiguous-width 2 "$SAMPLE_DIR" >"$TMP/amb"
check "--ambiguous-width 2 output fits when ambiguous are wide" python3 - "$TMP/amb" <<'PY'
import sys, unicodedata
for line in open(sys.argv[1], encoding="utf-8"):
    w = 0
    for ch in line.rstrip("\n"):
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 1
    if w > 40:
        print("# too wide:", w, line); sys.exit(1)
PY

# Markdown that digests of other blogs use, against the expected dumps:
# a link's reference [N] and its URL listed under the paper, an image as
# [image: alt], $$ display blocks on their own lines, a wrapped code line
# continuing under ↪, tabs to the stops of the line they land on.
md="$FIXTURES/markdown-constructs.md"
for w in 24 60; do
	"$DIGEST_TUI" --dump --width "$w" "$md" >"$TMP/md" 2>&1
	if cmp -s "$FIXTURES/dumps/markdown-constructs.w$w.txt" "$TMP/md"; then
		pass "markdown-constructs at $w columns: the dump as expected"
	else
		fail "markdown-constructs at $w columns: the dump as expected"
		diag "$(diff "$FIXTURES/dumps/markdown-constructs.w$w.txt" "$TMP/md")"
	fi
done
"$DIGEST_TUI" --dump --width 60 "$md" >"$TMP/md"
for want in "[1]  https://github.com/example/markdown-digest" "공식 구현[1]과" \
	"[3]  https://example.org/appendix" "그림 [image: 모델" "    \$\$" \
	"    + \\lambda \\|\\theta\\|^2" "    \$\$E = mc^2\$\$" "    ↪ weight_decay=0.01" \
	"  name    size    score 모델      7B      81.2"; do
	tui_line=$(grep -n -F -e "$want" "$TMP/md" | head -1)
	check "markdown-constructs: a line holds '$want'" [ -n "$tui_line" ]
done
check "markdown-constructs: an autolink shows its URL once, with no reference" \
	sh -c "grep -q -F 'https://example.org/results와' '$TMP/md' && ! grep -q -F '[4]' '$TMP/md'"

if have_corpus; then
	for w in 40 80 120; do
		"$DIGEST_TUI" --dump --width "$w" "$CORPUS_DIR/posts" >"$TMP/corpus" 2>"$TMP/err"; rc=$?
		is "$rc" 0 "corpus --dump --width $w exits 0"
		mw=$(max_width "$TMP/corpus")
		check "corpus at $w: every line fits (widest $mw)" [ "$mw" -le "$w" ]
		if python3 "$kp" --width "$w" "$TMP/corpus" "$CORPUS_DIR"/posts/*.md >"$TMP/bad"; then
			pass "corpus at $w: Korean wrapped at spaces only"
		else
			fail "corpus at $w: Korean wrapped at spaces only"
			sed 's/^/# split word: /' "$TMP/bad"
		fi
	done
else
	skip "corpus dumps: no corpus at ${CORPUS_DIR:-(unset)}"
fi

plan_done
