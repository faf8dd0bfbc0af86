#!/bin/sh
# --list over the bundled sample and the project's fixtures: the format by value.
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

plan_done
