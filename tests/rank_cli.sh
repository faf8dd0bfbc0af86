#!/bin/sh
# --list --sort number|upvotes|for-me (and `set sort`): the blog's order, upvotes
# (paper facts), and for-me — the fallback to upvotes with a note below 5 + 5
# labels, then, after labelling through --mark, a robot paper the blog lists
# last comes first, scores as a last column; the model file in the state
# directory: written once, kept while the marks stay, trained again when they
# change, rebuilt when damaged; a FILE argument scored with the cache's model.
# On the project's own posts (tests/fixtures/forme).
. "$top_srcdir/tests/lib/tap.sh"

model=$XDG_STATE_HOME/digest-tui/forme.model
last=$FIXTURES/forme/2026-01-08-daily-papers-20260108.md
"$DIGEST_TUI" --fetch --source "$FIXTURES/forme" --days 30 --until 2026-01-08 \
	>"$TMP/out" 2>"$TMP/err"
is "$?" 0 "the fixtures fill the cache"
"$DIGEST_TUI" --list >"$TMP/number"

# ---- number and upvotes ------------------------------------------------------------
"$DIGEST_TUI" --list --sort number >"$TMP/out" 2>"$TMP/err"
check "--sort number is the blog's order" cmp -s "$TMP/number" "$TMP/out"
# Upvotes from the paper facts --fetch would learn: two papers have some.
facts=$XDG_CACHE_HOME/digest-tui/facts
mkdir -p "$facts"
for f in 2601.00302:7 2601.00104:30; do
	printf '{"id": "%s", "fetched": 1, "origin": "huggingface", "upvotes": %s}\n' \
		"${f%%:*}" "${f#*:}" >"$facts/${f%%:*}.json"
done
"$DIGEST_TUI" --list --sort upvotes >"$TMP/up" 2>"$TMP/err"; rc=$?
is "$rc" 0 "--sort upvotes exits 0"
is "$(cut -f3 "$TMP/up" | head -n 2 | tr '\n' ' ')" "2601.00104 2601.00302 " \
	"the most upvoted first"
is "$(tail -n +3 "$TMP/up" | cut -f3)" "$(grep -v -e 2601.00104 -e 2601.00302 "$TMP/number" | cut -f3)" \
	"then the papers of unknown upvotes, in the blog's order"
is "$(awk -F'\t' 'NF != 5' "$TMP/up" | wc -l | tr -d ' ')" 0 "in the --list format"

# ---- for-me without labels: upvotes, and a note ---------------------------------
"$DIGEST_TUI" --list --sort for-me >"$TMP/out" 2>"$TMP/err"; rc=$?
is "$rc" 0 "--sort for-me with no labels exits 0"
is "$(cat "$TMP/err")" "digest-tui: too few labels for for-me (0 starred or later, 0 hidden or read; it needs 5 of each): sorted by upvotes instead" \
	"one line on stderr says why"
check "and the papers come by upvotes" cmp -s "$TMP/up" "$TMP/out"
check "no model is written" test ! -e "$model"

# ---- labelled through --mark -------------------------------------------------------
# The first three days: robot papers starred (or later), the others hidden.
robots="2601.00101 2601.00104 2601.00202 2601.00301 2601.00304"
others=$(awk -F'\t' '$1 < "2026-01-08" { print $3 }' "$TMP/number" |
	grep -v -e 2601.00101 -e 2601.00104 -e 2601.00202 -e 2601.00301 -e 2601.00304)
"$DIGEST_TUI" --mark star 2601.00101 2601.00104 2601.00202 && "$DIGEST_TUI" --mark hide $others
is "$?" 0 "three robot papers starred, seven others hidden"
"$DIGEST_TUI" --list --sort for-me >"$TMP/out" 2>"$TMP/err"; rc=$?
is "$rc" 0 "--sort for-me exits 0"
contains "$(cat "$TMP/err")" "too few labels for for-me (3 starred or later, 7 hidden or read" \
	"3 starred are still too few"
"$DIGEST_TUI" --mark later 2601.00301 2601.00304 >/dev/null 2>&1
"$DIGEST_TUI" --list --sort for-me >"$TMP/out" 2>"$TMP/err"; rc=$?
is "$rc $(cat "$TMP/err")" "0 " "with 5 wanted (starred or later) and 7 not: no note"
is "$(awk -F'\t' 'NF != 6' "$TMP/out" | wc -l | tr -d ' ')" 0 "each line has the score as a sixth field"
is "$(awk -F'\t' '$6 < 0 || $6 > 1 || $6 !~ /^[01]\.[0-9][0-9][0-9]$/' "$TMP/out" | wc -l | tr -d ' ')" 0 \
	"a probability with three decimals"
is "$(cut -f6 "$TMP/out" | sort -rn | tr '\n' ' ')" "$(cut -f6 "$TMP/out" | tr '\n' ' ')" "best first"
is "$(cut -f3 "$TMP/out" | sort | tr '\n' ' ')" "$(cut -f3 "$TMP/number" | sort | tr '\n' ' ')" \
	"the same papers as --list"
is "$(awk -F'\t' '$1 == "2026-01-08" { print $3; exit }' "$TMP/out")" 2601.00406 \
	"the last day's robot paper, which the blog lists last, comes first of its day"
is "$(awk -F'\t' '$4 == "-" { print $3; exit }' "$TMP/out")" 2601.00406 \
	"and first of the papers not labelled yet"
check "the model is saved beside the marks" test -s "$model"
is "$(head -n 1 "$model")" "digest-tui for-me model 1" "with its version"

# liblinear is loaded when for-me ranks, not by every start (glibc's loader
# names what it loads under LD_DEBUG=libs).
LD_DEBUG=libs "$DIGEST_TUI" --list >/dev/null 2>"$TMP/ld"
if grep -q 'libc\.so' "$TMP/ld"; then
	is "$(grep -c 'liblinear' "$TMP/ld")" 0 "--list does not load liblinear"
	LD_DEBUG=libs "$DIGEST_TUI" --list --sort for-me >/dev/null 2>"$TMP/ld"
	check "--list --sort for-me does" grep -q 'liblinear' "$TMP/ld"
else
	skip "LD_DEBUG=libs names no library here (not glibc's loader)"
	skip "LD_DEBUG=libs names no library here (not glibc's loader)"
fi

# ---- the model file ----------------------------------------------------------------------
cp "$model" "$TMP/model.before"
"$DIGEST_TUI" --list --sort for-me >"$TMP/again" 2>"$TMP/err"
check "asked again: the same list" cmp -s "$TMP/out" "$TMP/again"
check "from the same model, not trained again" cmp -s "$model" "$TMP/model.before"
"$DIGEST_TUI" --mark star 2601.00405 >/dev/null 2>&1
"$DIGEST_TUI" --list --sort for-me >"$TMP/again" 2>"$TMP/err"
check "a new star: trained again (the stamp changed)" sh -c \
	"! cmp -s '$model' '$TMP/model.before' && test \"\$(sed -n 2p '$model')\" != \"\$(sed -n 2p '$TMP/model.before')\""
"$DIGEST_TUI" --mark unstar 2601.00405 >/dev/null 2>&1
printf 'digest-tui for-me model 1\nnot a model\n' >"$model"
"$DIGEST_TUI" --list --sort for-me >"$TMP/again" 2>"$TMP/err"; rc=$?
is "$rc $(cat "$TMP/err")" "0 " "a damaged model: no complaint"
check "the list is as before" cmp -s "$TMP/out" "$TMP/again"
is "$(head -n 1 "$model")" "digest-tui for-me model 1" "and the model is rebuilt"
printf 'digest-tui for-me model 99\n' >"$model"
"$DIGEST_TUI" --list --sort for-me >"$TMP/again" 2>"$TMP/err"
check "a model of another version is rebuilt too" cmp -s "$TMP/out" "$TMP/again"

# ---- a FILE, and the setting -----------------------------------------------------------
"$DIGEST_TUI" --list --sort for-me "$last" >"$TMP/file" 2>"$TMP/err"; rc=$?
is "$rc" 0 "--sort for-me over a FILE exits 0"
is "$(cut -f3 "$TMP/file" | head -n 1) $(wc -l <"$TMP/file" | tr -d ' ')" "2601.00406 6" \
	"its six papers, the robot paper first (the cache's model)"
is "$(cut -f3,6 "$TMP/file")" "$(awk -F'\t' '$1 == "2026-01-08"' "$TMP/out" | cut -f3,6)" \
	"scored as over the cache"
printf 'set metadata no\nset sort for-me\n' >"$XDG_CONFIG_HOME/digest-tui/config"
"$DIGEST_TUI" --list >"$TMP/set" 2>"$TMP/err"
check "set sort for-me: --list sorts for-me" cmp -s "$TMP/out" "$TMP/set"
"$DIGEST_TUI" --list --sort number >"$TMP/set" 2>"$TMP/err"
is "$(cut -f1-3,5 "$TMP/set")" "$(cut -f1-3,5 "$TMP/number")" "--sort number wins over the setting"

plan_done
