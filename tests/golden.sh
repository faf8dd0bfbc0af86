#!/bin/sh
# golden.sh: --list and --dump print exactly what they printed when the
# outputs were recorded (tests/golden/cli-outputs.tsv), over the project's
# fixtures and the real posts of ../shared/corpus (skipped when absent).
# A deliberate change of output is re-recorded with
#   DIGEST_TUI=./digest-tui top_srcdir=. sh tests/golden.sh --record
# and the diff of the .tsv, with a word on why, goes into the same commit.
# Only hashes are kept: the corpus is not ours to copy.
. "$top_srcdir/tests/lib/tap.sh"

GOLDEN="$top_srcdir/tests/golden/cli-outputs.tsv"

# Every input, named relative to its root so the file is the same on any machine.
inputs() {
	for f in "$FIXTURES"/*.md; do echo "fixtures/${f##*/}"; done
	if have_corpus; then
		for f in "$CORPUS_DIR"/posts/*.md; do echo "corpus/${f##*/}"; done
	fi
}
dir_of() {
	case $1 in
	fixtures/*) echo "$FIXTURES" ;;
	corpus/*) echo "$CORPUS_DIR/posts" ;;
	esac
}
# The commands recorded for each input (one per line, arguments before FILE).
COMMANDS='--list
--dump --width 20
--dump --width 46
--dump --width 80
--dump --width 46 --ambiguous-width 2 --line-break normal'

# run NAME ARGS: "NAME<TAB>ARGS<TAB>STATUS:SHA" for one command on one input.
run() {
	name=$1; shift
	# shellcheck disable=SC2086
	# Run beside the file: messages name it, and must not name this machine's paths.
	(cd "$(dir_of "$name")" && exec "$DIGEST_TUI" --offline $1 "./${name#*/}") > "$TMP/out" 2>&1
	st=$?
	printf '%s\t%s\tst=%s %s\n' "$name" "$1" "$st" "$(sha256sum < "$TMP/out" | cut -c1-32)"
}

all_outputs() {
	inputs | while read -r name; do
		echo "$COMMANDS" | while read -r args; do run "$name" "$args"; done
	done
}

if [ "${1:-}" = "--record" ]; then
	all_outputs | sort > "$GOLDEN"
	echo "recorded $(wc -l < "$GOLDEN") outputs in $GOLDEN"
	exit 0
fi

[ -f "$GOLDEN" ] || skip_all "no recorded outputs"
all_outputs | sort > "$TMP/now"
for kind in fixtures corpus; do
	if [ $kind = corpus ] && ! have_corpus; then
		skip "corpus outputs: ../shared/corpus is absent"
		continue
	fi
	grep "^$kind/" "$GOLDEN" > "$TMP/want" || true
	grep "^$kind/" "$TMP/now" > "$TMP/got" || true
	diff "$TMP/want" "$TMP/got" > "$TMP/diff"
	verdict $? "$kind: --list and --dump outputs as recorded ($(wc -l < "$TMP/want") outputs)" "$TMP/diff"
done
plan_done
