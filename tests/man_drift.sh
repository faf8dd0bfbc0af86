#!/bin/sh
# The man pages against the program: every option of `digest-tui --help`, every
# action of the action table (src/actions.h), every ':' command of the command
# table (src/commands.h), every setting the configuration
# parser knows and every color element must be documented; the bash
# completion's built-in option list must be complete; and both pages must pass
# `mandoc -Tlint` and `groff -man -ww -z` without a word (skipped when the tool
# is missing). A translation (man/ko/) names what its English page names and
# keeps its structure; one that is not there yet is skipped, saying so.
. "$top_srcdir/tests/lib/tap.sh"

man1="$top_srcdir/man/digest-tui.1"
man5="$top_srcdir/man/digest-tui.conf.5"
sample="$top_srcdir/config/digest-tui.conf"
completion="$top_srcdir/config/digest-tui.bash-completion"

# The pages as text to search: \- as -, font escapes dropped.
plain() { sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\(aq/'"'"'/g' "$1"; }
plain "$man1" >"$TMP/man1"
plain "$man5" >"$TMP/man5"

# has_word FILE WORD: WORD appears in FILE, not as part of a longer name.
has_word() { grep -qE -- "(^|[^a-zA-Z0-9-])$2([^a-zA-Z0-9-]|\$)" "$1"; }

# ---- options -------------------------------------------------------------
"$DIGEST_TUI" --help >"$TMP/help" 2>&1
opts=$( { grep -oE -- '--[a-z][a-z0-9-]*' "$TMP/help"
	  sed -n 's/^ *\(-[a-zA-Z]\),.*/\1/p' "$TMP/help"; } | sort -u)
n=$(printf '%s\n' "$opts" | grep -c .)
if [ "$n" -ge 10 ]; then pass "--help lists $n options"; else fail "--help lists $n options"; fi
missing=
for o in $opts; do
	has_word "$TMP/man1" "$o" || missing="$missing $o"
done
is "${missing:-none}" none "digest-tui(1) documents every option of --help"
missing=
for o in $opts; do
	case $o in --*) grep -q -- "$o" "$completion" || missing="$missing $o" ;; esac
done
is "${missing:-none}" none "the bash completion's built-in list has every option of --help"

# ---- actions -------------------------------------------------------------
actions=$(sed -n 's/^[[:space:]]*_([A-Z0-9_]*,[[:space:]]*"\([^"]*\)".*/\1/p' \
	"$top_srcdir/src/actions.h")
n=$(printf '%s\n' "$actions" | grep -c .)
if [ "$n" -ge 20 ]; then pass "src/actions.h has $n actions"; else fail "src/actions.h has $n actions"; fi
missing=
for a in $actions; do
	# In bold on a macro line, as the KEY BINDINGS entries name them.
	grep -qE "^\.(B|BR|RB|BI) (.* )?$a[:,]?( |\$)" "$TMP/man1" || missing="$missing $a"
done
is "${missing:-none}" none "digest-tui(1) documents every action of the action table"

# ---- ':' commands --------------------------------------------------------------
# Each row of COMMAND_TABLE (src/commands.h) has an entry: a macro line, or a
# tag line in font escapes, starting with :NAME.
commands=$(sed -n 's/^[[:space:]]*_([A-Z0-9_]*,[[:space:]]*"\([a-z]*\)".*/\1/p' \
	"$top_srcdir/src/commands.h")
n=$(printf '%s\n' "$commands" | grep -c .)
if [ "$n" -ge 5 ]; then pass "src/commands.h has $n commands"; else fail "src/commands.h has $n commands"; fi
missing=
for c in $commands; do
	grep -qE "^(\.(B|BI|BR) )?:$c( |\$)" "$TMP/man1" || missing="$missing :$c"
done
is "${missing:-none}" none "digest-tui(1) documents every ':' command"
# A command whose row has COMMAND_BANG has an entry for :NAME! too.
bangs=$(awk 'match($0, /^[[:space:]]*_\([A-Z0-9_]*,[[:space:]]*"[a-z]*"/) {
		name = $0; sub(/^[^"]*"/, "", name); sub(/".*/, "", name) }
	/(COMMAND_REST|[0-9]),[[:space:]]*COMMAND_BANG,/ && name != "" { print name }' "$top_srcdir/src/commands.h" | sort -u)
if [ -n "$bangs" ]; then pass "src/commands.h has commands with a '!': $bangs"; else fail "src/commands.h has commands with a '!'"; fi
missing=
for c in $bangs; do
	grep -qE "^(\.(B|BI|BR) )?:$c!( |\$)" "$TMP/man1" || missing="$missing :$c!"
done
is "${missing:-none}" none "digest-tui(1) documents the '!' of every command that has one"

# ---- settings ------------------------------------------------------------
# From src/configfile.h's SETTING_TABLE, as --check-config prints it: above
# each `set NAME DEFAULT` line (with an empty file: the defaults), a comment
# "# SUMMARY (EXPECTED VALUES)".
: >"$TMP/empty.conf"
"$DIGEST_TUI" -c "$TMP/empty.conf" --check-config >"$TMP/effective" 2>"$TMP/err"
is "$?" 0 "--check-config prints the defaults"
settings=$(awk '$1 == "set" { print $2 }' "$TMP/effective")
n=$(printf '%s\n' "$settings" | grep -c .)
if [ "$n" -ge 13 ]; then pass "the settings table has $n settings"; else fail "the settings table has $n settings"; fi
# default NAME: the value of `set NAME` in the defaults, quotes dropped.
default() { sed -n "s/^set $1 //p" "$TMP/effective" | tr -d '"'; }
# expected NAME: the numbers (and percentages) of the comment above `set NAME`.
expected() {
	awk -v n="$1" '$1 == "set" && $2 == n { print prev } { prev = $0 }' "$TMP/effective" |
		sed 's/.*(\([^()]*\))$/\1/' | grep -oE '[0-9]+%?' | sort -u
}
# man_entry NAME: the text of NAME's entry under SETTINGS in digest-tui.conf(5).
man_entry() {
	awk -v n="$1" '/^\.SH / { in_s = ($2 == "SETTINGS") }
		in_s && $0 == ".B " n { on = 1; next }
		on && /^\.(TP|SH)/ { exit } on' "$TMP/man5"
}
# sample_entry NAME: the comment block just above `set NAME` in the sample.
sample_entry() {
	awk -v n="$1" '/^#/ { block = block $0 "\n"; next }
		$1 == "set" && $2 == n { printf "%s", block; exit } { block = "" }' "$sample"
}
missing= nodefault= nobounds= sample_missing= sample_nobounds=
for s in $settings; do
	entry=$(man_entry "$s")
	if [ -z "$entry" ]; then
		missing="$missing $s"
		continue
	fi
	d=$(default "$s")
	if [ -n "$d" ]; then
		printf '%s\n' "$entry" | grep -qF -- "$d" || nodefault="$nodefault $s($d)"
	fi
	for num in $(expected "$s"); do
		printf '%s\n' "$entry" | grep -qE "(^|[^0-9])$num([^0-9]|\$)" ||
			nobounds="$nobounds $s($num)"
	done
	grep -qxF "set $s $(sed -n "s/^set $s //p" "$TMP/effective")" "$sample" ||
		sample_missing="$sample_missing $s"
	block=$(sample_entry "$s")
	for num in $(expected "$s"); do
		printf '%s\n' "$block" | grep -qE "(^|[^0-9])$num([^0-9]|\$)" ||
			sample_nobounds="$sample_nobounds $s($num)"
	done
done
is "${missing:-none}" none "digest-tui.conf(5) has an entry for every setting"
is "${nodefault:-none}" none "each entry names the setting's default"
is "${nobounds:-none}" none "each entry names the setting's bounds"
is "${sample_missing:-none}" none "the sample config sets every setting to its default"
is "${sample_nobounds:-none}" none "the sample config's comment names each setting's bounds"
"$DIGEST_TUI" -c "$sample" --check-config >"$TMP/sample-eff" 2>"$TMP/err"
is "$?" 0 "the sample config loads without an error"
grep -v '^# read from' "$TMP/effective" >"$TMP/a"
grep -v '^# read from' "$TMP/sample-eff" >"$TMP/b"
check "the sample config, as shipped, changes nothing" cmp -s "$TMP/a" "$TMP/b"

# The options that take a fixed set of values: the completion offers those.
bad=
for spec in $(sed -n 's/^ *\(--[a-z-]*\) \([a-z0-9|-]*|[a-z0-9|-]*\) .*/\1=\2/p' "$TMP/help"); do
	opt=${spec%%=*}
	words=$(printf '%s' "${spec#*=}" | tr '|' ' ')
	awk -v o="$opt)" '$1 == o { on = 1; next } on { print; exit }' "$completion" |
		grep -qF "compgen -W '$words'" || bad="$bad $opt"
done
is "${bad:-none}" none "the completion offers the values --help names for each option"

elements=$(sed -n '/CONFIG_ELEMENT_TABLE(_)/,/^$/s/^[[:space:]]*_([A-Z_]*,[[:space:]]*"\([a-z]*\)".*/\1/p' \
	"$top_srcdir/src/configfile.h")
missing=
for e in $elements; do
	grep -qx "\.B $e" "$TMP/man5" || missing="$missing $e"
done
is "${missing:-none}" none "digest-tui.conf(5) describes every color element"
missing=
for d in set source bind unbind color; do
	grep -qE "^\.BI $d( |\$)" "$TMP/man5" || missing="$missing $d"
done
is "${missing:-none}" none "digest-tui.conf(5) describes every directive"

# ---- the formatters ---------------------------------------------------------
for page in "$man1" "$man5"; do
	name=$(basename "$page")
	if command -v mandoc >/dev/null 2>&1; then
		out=$(mandoc -Tlint "$page" 2>&1)
		is "$out" "" "mandoc -Tlint $name prints nothing"
	else
		skip "mandoc is not installed"
	fi
	if command -v groff >/dev/null 2>&1; then
		out=$(groff -man -ww -z "$page" 2>&1)
		is "$out" "" "groff -man -ww -z $name prints nothing"
	else
		skip "groff is not installed"
	fi
done

# ---- the translations ----------------------------------------------------------
# A translated page, man/LANG/PAGE, names the same options, ':' commands,
# actions, settings, color elements, directives and key bindings as the
# English page (tests/lib/man_names.awk reads them from the words in bold),
# keeps its sections, entries and examples (the same .SH .SS .TP .IP .PP
# .RS .RE .EX .EE lines in the same order, the examples word for word but
# the messages of one marked as the program's messages), says
# which commit of the English page it translates, and passes the formatters
# (groff with -k, whose preconv reads the page's coding line).
names() {
	awk -v actions="$(printf '%s ' $actions)" -v settings="$(printf '%s ' $settings)" \
		-v elements="$(printf '%s ' $elements)" \
		-f "$top_srcdir/tests/lib/man_names.awk" "$1" | sort -u
}
# skeleton PAGE: LINE:MACRO for each line that opens a section, an entry or
# an example.
skeleton() { grep -nE '^\.(SH|SS|TP|IP|PP|RS|RE|EX|EE)( |$)' "$1" | sed 's/ .*//'; }
# examples PAGE "N...": the lines of its examples, but of the Nth ones
# (counted from 1) only each line's first word, a message's FILE:LINE:COLUMN.
# marked PAGE: the numbers of the examples that a translated page marks, with
# a comment line `.\" messages:' before the .EX, as the program's messages,
# which it shows as its language prints them.
examples() {
	awk -v numbers=" $2 " '/^\.EX/ { n++; on = 1; first = index(numbers, " " n " ") > 0 }
		on { print (first && !/^\.E[XE]/) ? $1 : $0 } /^\.EE/ { on = 0 }' "$1"
}
marked() { awk '/^\.\\" messages:/ { m = 1 } /^\.EX/ { n++; if (m) printf "%d ", n; m = 0 }' "$1"; }
for lang in ko; do
	for page in "$man1" "$man5"; do
		name=$(basename "$page")
		tr_page="$top_srcdir/man/$lang/$name"
		if [ ! -f "$tr_page" ]; then
			skip "man/$lang/$name is not there: its checks wait for it"
			continue
		fi
		names "$page" >"$TMP/names.en"
		names "$tr_page" >"$TMP/names.tr"
		missing=$(comm -23 "$TMP/names.en" "$TMP/names.tr" | tr '\n' ';' | sed 's/;$//')
		is "${missing:-none}" none "man/$lang/$name names every option, command, action, setting and key of man/$name"
		extra=$(comm -13 "$TMP/names.en" "$TMP/names.tr" | tr '\n' ';' | sed 's/;$//')
		is "${extra:-none}" none "man/$lang/$name names none that man/$name does not"
		skeleton "$page" >"$TMP/skel.en"
		skeleton "$tr_page" >"$TMP/skel.tr"
		paste -d ' ' "$TMP/skel.en" "$TMP/skel.tr" | awk -v en="man/$name" -v tr="man/$lang/$name" '
			{ split($1, a, ":"); split($2, b, ":") }
			a[2] != b[2] { printf "first difference: %s line %s %s, %s line %s %s\n",
				en, a[1], a[2], tr, b[1], b[2]; exit 1 }' >"$TMP/skel.diff"
		verdict $? "man/$lang/$name has the sections and entries of man/$name, in its order" \
			"$TMP/skel.diff"
		marked=$(marked "$tr_page")
		examples "$page" "$marked" >"$TMP/ex.en"
		examples "$tr_page" "$marked" >"$TMP/ex.tr"
		diff "$TMP/ex.en" "$TMP/ex.tr" >"$TMP/ex.diff"
		verdict $? "man/$lang/$name has the examples of man/$name, word for word" "$TMP/ex.diff"
		check "man/$lang/$name names the commit of man/$name it translates" \
			grep -qE "^\.\\\\\" translated from man/$name at [0-9a-f]{7,40}\$" "$tr_page"
		if command -v mandoc >/dev/null 2>&1; then
			out=$(mandoc -Tlint "$tr_page" 2>&1)
			is "$out" "" "mandoc -Tlint $lang/$name prints nothing"
		else
			skip "mandoc is not installed"
		fi
		if command -v groff >/dev/null 2>&1 && command -v preconv >/dev/null 2>&1; then
			out=$(groff -k -man -ww -Tutf8 -z "$tr_page" 2>&1)
			is "$out" "" "groff -k -man -ww -Tutf8 -z $lang/$name prints nothing"
		else
			skip "groff (with preconv) is not installed"
		fi
	done
done

plan_done
