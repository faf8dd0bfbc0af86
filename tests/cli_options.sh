#!/bin/sh
# Command-line behaviour: --help, --version, usage errors and exit statuses.
. "$top_srcdir/tests/lib/tap.sh"

out=$("$DIGEST_TUI" --help); rc=$?
is "$rc" 0 "--help exits 0"
for opt in --list --dump --width --ambiguous-width --line-break --help --version; do
	contains "$out" "$opt" "--help names $opt"
done

out=$("$DIGEST_TUI" --version); rc=$?
is "$rc" 0 "--version exits 0"
contains "$out" "digest-tui " "--version names the program"
contains "$out" "cmark " "--version names cmark's version"
contains "$out" "libcurl " "--version names libcurl's version"
contains "$out" "libunistring " "--version names libunistring's version"

"$DIGEST_TUI" --no-such-option >"$TMP/out" 2>"$TMP/err"; rc=$?
is "$rc" 2 "an unknown option exits 2"
is "$(wc -c <"$TMP/out" | tr -d ' ')" 0 "and prints nothing on stdout"
contains "$(cat "$TMP/err")" "unknown option '--no-such-option'" "and names the option on stderr"

for bad in 0 -3 abc 99999; do
	"$DIGEST_TUI" --dump --width "$bad" "$SAMPLE_DIR" >/dev/null 2>"$TMP/err"; rc=$?
	is "$rc" 2 "--width $bad is a usage error"
done
"$DIGEST_TUI" --dump --width >/dev/null 2>"$TMP/err"; rc=$?
is "$rc" 2 "--width without a value is a usage error"
"$DIGEST_TUI" --line-break sometimes --list >/dev/null 2>&1; rc=$?
is "$rc" 2 "a bad --line-break is a usage error"

"$DIGEST_TUI" --list "$TMP/does-not-exist.md" >"$TMP/out" 2>"$TMP/err"; rc=$?
is "$rc" 2 "a missing file exits 2"
is "$(wc -l <"$TMP/err" | tr -d ' ')" 1 "with exactly one line on stderr"
contains "$(cat "$TMP/err")" "does-not-exist.md: cannot read" "naming the file and the reason"

plan_done
