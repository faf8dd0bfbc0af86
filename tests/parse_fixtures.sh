#!/bin/sh
# Every project fixture parses to the papers tests/fixtures/expected.tsv lists:
# date, number, arXiv ID and title by value; files that are not posts fail with
# one line and exit status 2.
. "$top_srcdir/tests/lib/tap.sh"

expected="$FIXTURES/expected.tsv"
[ -f "$expected" ] || { fail "tests/fixtures/expected.tsv exists"; plan_done; exit 1; }

files=$(grep -v '^#' "$expected" | cut -f1 | sort -u)
for f in $files; do
	path="$FIXTURES/$f"
	want=$(grep -v '^#' "$expected" | awk -F'\t' -v f="$f" '$1 == f')
	if printf '%s\n' "$want" | awk -F'\t' '$2 == "ERROR" {e=1} END {exit !e}'; then
		"$DIGEST_TUI" --list "$path" >"$TMP/out" 2>"$TMP/err"; rc=$?
		is "$rc" 2 "$f: not a post, exit 2"
		is "$(wc -l <"$TMP/err" | tr -d ' ')" 1 "$f: one line on stderr"
		is "$(wc -c <"$TMP/out" | tr -d ' ')" 0 "$f: nothing on stdout"
		continue
	fi
	"$DIGEST_TUI" --list "$path" >"$TMP/out" 2>"$TMP/err"; rc=$?
	is "$rc" 0 "$f: parses"
	# expected: FILE DATE NUMBER ID TITLE; --list: DATE NUMBER ID MARKS TITLE
	printf '%s\n' "$want" | awk -F'\t' -v OFS='\t' '$3 != "0" {print $2, $3, $4, $5}' >"$TMP/want"
	awk -F'\t' -v OFS='\t' '{print $1, $2, $3, $5}' "$TMP/out" >"$TMP/got"
	if cmp -s "$TMP/want" "$TMP/got"; then
		pass "$f: papers, IDs and titles as expected"
	else
		fail "$f: papers, IDs and titles as expected"
		diff "$TMP/want" "$TMP/got" | sed 's/^/# /'
	fi
	"$DIGEST_TUI" --dump --width 60 "$path" >"$TMP/dump" 2>"$TMP/err"; rc=$?
	is "$rc" 0 "$f: --dump exits 0"
	w=$(max_width "$TMP/dump")
	check "$f: --dump fits 60 columns (widest $w)" [ "$w" -le 60 ]
	check "$f: --dump writes no control characters" \
		sh -c "! LC_ALL=C grep -q '[[:cntrl:]]' '$TMP/dump'"
done

plan_done
