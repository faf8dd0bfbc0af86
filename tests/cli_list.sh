#!/bin/sh
# --list over the bundled sample and the project's fixtures: the format by value;
# --export all leaves hidden papers out, as digest-tui(1) says.
. "$top_srcdir/tests/lib/tap.sh"

"$DIGEST_TUI" --list "$SAMPLE_DIR" >"$TMP/list" 2>"$TMP/err"; rc=$?
is "$rc" 0 "--list of the sample directory exits 0"
is "$(wc -l <"$TMP/list" | tr -d ' ')" 13 "13 papers in the two sample posts"
is "$(awk -F'\t' 'NF != 5' "$TMP/list" | wc -l | tr -d ' ')" 0 "every line has five tab-separated fields"
is "$(cut -f1 "$TMP/list" | uniq | tr '\n' ' ')" "2026-11-26 2026-11-27 " "posts in date order"
is "$(cut -f4 "$TMP/list" | sort -u)" "-" "MARKS is - before triage marks exist"
is "$(awk -F'\t' '$1 == "2026-11-27" {print $2}' "$TMP/list" | tr '\n' ' ')" \
	"1 2 3 4 5 6 7 8 " "numbers in post order"

# The same output without arguments: the reader falls back to the embedded sample.
"$DIGEST_TUI" --list >"$TMP/embedded" 2>/dev/null
check "--list without FILE lists the embedded sample" cmp -s "$TMP/list" "$TMP/embedded"

# File order on the command line does not matter: digests come by date.
"$DIGEST_TUI" --list "$SAMPLE_DIR/2026-11-27-daily-papers-20261127.md" \
	"$SAMPLE_DIR/2026-11-26-daily-papers-20261126.md" >"$TMP/rev"
check "several files are listed by date" cmp -s "$TMP/list" "$TMP/rev"

# A directory with a non-post .md in it: the good posts are listed, the bad
# one gets one line, and the exit status says bad input.
mkdir "$TMP/dir"
cp "$SAMPLE_DIR"/*.md "$TMP/dir/"
printf 'just some notes\n' >"$TMP/dir/notes.md"
"$DIGEST_TUI" --list "$TMP/dir" >"$TMP/out" 2>"$TMP/err"; rc=$?
is "$rc" 2 "a directory holding a non-post exits 2"
is "$(wc -l <"$TMP/out" | tr -d ' ')" 13 "but still lists the good posts"
is "$(cat "$TMP/err")" "digest-tui: $TMP/dir/notes.md: not a digest post (no front matter and no numbered paper headings)" \
	"one clear line names the bad file"

# --export all: every paper but the hidden ones (digest-tui(1): hidden papers
# are left out of --export). Marks written as the reader writes them.
mkdir -p "$XDG_STATE_HOME/digest-tui"
printf '%s\n' "# digest-tui marks v1" "2026-11-27T09:00:00Z +h 2106.09685" \
	"2026-11-27T09:00:01Z +sh 1706.03762" "2026-11-27T09:00:02Z +s 1512.03385" \
	>"$XDG_STATE_HOME/digest-tui/marks"
"$DIGEST_TUI" --export all --format tsv "$SAMPLE_DIR" >"$TMP/all" 2>"$TMP/err"; rc=$?
is "$rc" 0 "--export all exits 0"
is "$(wc -l <"$TMP/all" | tr -d ' ')" 11 "--export all: 13 papers less the two hidden ones"
is "$(grep -c -e 2106.09685 -e 1706.03762 "$TMP/all")" 0 "  the hidden papers are not there"
"$DIGEST_TUI" --export all "$SAMPLE_DIR" >"$TMP/all.md" 2>/dev/null
check "  nor in the Markdown export" sh -c "! grep -q -e 2106.09685 -e 1706.03762 '$TMP/all.md'"
is "$(grep -c '^- ' "$TMP/all.md")" 11 "  which has the eleven others"
"$DIGEST_TUI" --export starred --format tsv "$SAMPLE_DIR" >"$TMP/starred"
is "$(cut -f3 "$TMP/starred")" 1512.03385 "--export starred: the starred paper that is not hidden"
rm -f "$XDG_STATE_HOME/digest-tui/marks"

plan_done
