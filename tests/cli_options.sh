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

# The options that mirror settings are read by the settings table's parser.
"$DIGEST_TUI" --days 0 --list "$SAMPLE_DIR" >/dev/null 2>"$TMP/err"; rc=$?
is "$rc" 2 "--days 0 is a usage error"
contains "$(cat "$TMP/err")" "--days: '0' is out of range for days (expected a whole number from 1 to 3660)" \
	"  in the configuration file's words"
"$DIGEST_TUI" --days +5 --list "$SAMPLE_DIR" >/dev/null 2>&1; rc=$?
is "$rc" 2 "--days +5 is a usage error, as 'set days +5' is an error"
printf '\033[2J' >"$TMP/esc"
"$DIGEST_TUI" --line-break "x$(cat "$TMP/esc")" --list "$SAMPLE_DIR" >/dev/null 2>"$TMP/err"; rc=$?
is "$rc" 2 "a hostile --line-break is a usage error"
check "  whose escape does not reach stderr" sh -c '! grep -q "$(printf "\033")" "$1"' - "$TMP/err"
: >"$TMP/empty.conf"
"$DIGEST_TUI" -c "$TMP/empty.conf" --days 30 --line-break normal --ambiguous-width 2 --check-config \
	>"$TMP/eff" 2>&1; rc=$?
is "$rc" 0 "--check-config with options that mirror settings"
for line in "set days 30" "set line-break normal" "set ambiguous-width 2"; do
	check "  prints \"$line\": the option wins over the file" grep -q -x -F "$line" "$TMP/eff"
done
printf 'set days 20\nset line-break normal\n' >"$TMP/conf"
"$DIGEST_TUI" -c "$TMP/conf" --days 7 --check-config >"$TMP/eff" 2>&1
check "--days wins over the file's days" grep -q -x "set days 7" "$TMP/eff"
check "  and leaves the file's other settings" grep -q -x "set line-break normal" "$TMP/eff"
out=$("$DIGEST_TUI" --help)
contains "$out" "--days N" "--help shows --days from the settings table"
contains "$out" "(default 14)" "  with its default"

"$DIGEST_TUI" --list "$TMP/does-not-exist.md" >"$TMP/out" 2>"$TMP/err"; rc=$?
is "$rc" 2 "a missing file exits 2"
is "$(wc -l <"$TMP/err" | tr -d ' ')" 1 "with exactly one line on stderr"
contains "$(cat "$TMP/err")" "does-not-exist.md: cannot read" "naming the file and the reason"

# Not a regular file: the configuration named with -c, the default one, a
# post and the marks journal give the same words, naming the file.
mkfifo "$TMP/fifo"
# not_regular NAME WANT ARGS...: digest-tui ARGS (never waiting) says WANT.
not_regular() {
	_what=$1 _want=$2
	shift 2
	timeout 20 "$DIGEST_TUI" "$@" >"$TMP/out" 2>"$TMP/err"
	_rc=$?
	is "$_rc:$(cat "$TMP/err")" "2:digest-tui: $_want" "$_what: one line saying so, status 2"
}
not_regular "-c FIFO" "$TMP/fifo: a FIFO, not a regular file" -c "$TMP/fifo" --list "$SAMPLE_DIR"
not_regular "-c /dev/zero" "/dev/zero: a device, not a regular file" -c /dev/zero --list "$SAMPLE_DIR"
not_regular "-c DIR" "$TMP: a directory, not a regular file" -c "$TMP" --check-config
not_regular "--list FIFO" "$TMP/fifo: a FIFO, not a regular file" --list "$TMP/fifo"
CONF=$XDG_CONFIG_HOME/digest-tui/config
mv "$CONF" "$TMP/conf.saved" && mkfifo "$CONF"
not_regular "a FIFO as the default configuration" "$CONF: a FIFO, not a regular file" \
	--list "$SAMPLE_DIR"
rm "$CONF" && mv "$TMP/conf.saved" "$CONF"
mkdir -p "$XDG_STATE_HOME/digest-tui"
mkfifo "$XDG_STATE_HOME/digest-tui/marks"
timeout 20 "$DIGEST_TUI" --list "$SAMPLE_DIR" >"$TMP/out" 2>"$TMP/err"; rc=$?
is "$rc:$(cat "$TMP/err")" \
	"0:digest-tui: $XDG_STATE_HOME/digest-tui/marks: a FIFO, not a regular file" \
	"a FIFO as the marks journal: --list says so in one line, status 0"
rm "$XDG_STATE_HOME/digest-tui/marks"

plan_done
