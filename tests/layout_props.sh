#!/bin/sh
# The layout's promises, checked on --dump by tests/lib/layoutprops.py
# at widths 20, 30, 46 and 80, and 46 with --ambiguous-width 2 (measured with
# ambiguous characters 2 columns wide): every line fits; no Hangul word is
# split unless alone it is wider than the line; no URL is broken (whole, or
# shortened with an ellipsis); no line starts with closing or ends with opening
# punctuation. Over the real posts (skipped when absent), the fixtures, and
# generated posts full of what makes breaking hard (tests/lib/gen_layout_posts.py).
. "$top_srcdir/tests/lib/tap.sh"
command -v python3 >/dev/null 2>&1 || skip_all "python3 not installed"
props="$top_srcdir/tests/lib/layoutprops.py"

python3 "$top_srcdir/tests/lib/gen_layout_posts.py" "$TMP/gen" 16 16
mkdir -p "$TMP/fixtures"
# The fixtures that are posts, but those made of hostile bytes (invalid
# UTF-8, NULs, escapes: what the sanitizer removes, the checker cannot read
# the way the program does; tests/hostile.sh and the fuzzers have them).
for f in "$FIXTURES"/*.md; do
	"$DIGEST_TUI" --list "$f" >/dev/null 2>&1 || continue
	python3 -c 'import re, sys
b = open(sys.argv[1], "rb").read().decode("utf-8")
sys.exit(1 if re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]", b) else 0)' "$f" 2>/dev/null &&
		cp "$f" "$TMP/fixtures/"
done
check "some fixtures are checked ($(ls "$TMP/fixtures" | wc -l))" [ "$(ls "$TMP/fixtures" | wc -l)" -ge 10 ]

# prop NAME DIR: the four properties at every width over the posts of DIR.
prop() {
	for cfg in "20 1" "30 1" "46 1" "80 1" "46 2"; do
		set -- $cfg
		"$DIGEST_TUI" --offline --dump --width "$1" --ambiguous-width "$2" "$dir" >"$TMP/dump" 2>"$TMP/err"
		rc=$?
		if [ $rc -eq 0 ] && python3 "$props" --width "$1" --amb "$2" "$TMP/dump" "$dir"/*.md >"$TMP/bad"; then
			pass "$name at $1 columns, ambiguous $2: lines fit, words, URLs and punctuation kept"
		else
			fail "$name at $1 columns, ambiguous $2: lines fit, words, URLs and punctuation kept (exit $rc)"
			diag "$(cat "$TMP/bad" "$TMP/err")"
		fi
	done
}

name=generated dir=$TMP/gen prop
name=fixtures dir=$TMP/fixtures prop
if have_corpus; then
	name=corpus dir=$CORPUS_DIR/posts prop
else
	skip "corpus: ../shared/corpus is absent"
fi
plan_done
