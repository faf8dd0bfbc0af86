#!/bin/sh
# Paper facts against a local server (tests/lib/facts_httpd.py, on
# 127.0.0.1 only) that plays Hugging Face's daily papers and the arXiv API:
# --fetch learns them (one daily-papers request per date, arXiv in batches
# spaced by the gap, here a short one: tests/facts_pacing.sh checks the real
# 3 s, across processes too), keeps them in the cache, does not ask again, never
# asks --offline, and survives faults (429 with Retry-After, malformed JSON,
# a DOCTYPE, 503, a stalled server) with one line each and nothing lost.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/fetchlib.sh"
. "$top_srcdir/tests/lib/factslib.sh"

mkdir -p "$WWW/f"
# 2510.10001-2 and 2510.20001: Hugging Face knows them. 2510.10003,
# 2510.20002-3 and 2510.30001: only arXiv. 2510.10004: neither.
facts_post "$WWW/f/2025-10-01.md" 2025-10-01 2510.10001 2510.10002 2510.10003 2510.10004
facts_post "$WWW/f/2025-10-02.md" 2025-10-02 2510.20001 2510.20002 2510.20003
facts_post "$WWW/f/2025-10-03.md" 2025-10-03 2510.30001 2510.10001
SRC="d=file://$WWW/f/%F.md"

start_facts_server

export DIGEST_TUI_ARXIV_BATCH=2 DIGEST_TUI_TEST_ARXIV_GAP_MS=50

# --- the first fetch -----------------------------------------------------------
use_server hf arxiv
flog_mark
run_fetch --source "$SRC" --days 3 --until 2025-10-03
is "$rc" 0 "--fetch with facts exits 0"
contains "$OUT" "d: 3 new" "the posts are fetched first"
contains "$OUT" "facts: 7 learned, 1 not found, 0 known, 0 failed (3 Hugging Face requests, 3 arXiv requests)" \
	"then the facts: a summary line"
is "$ERR" "" "nothing on stderr"
flog_since >"$TMP/run1"
is "$(grep -c '/hf/daily_papers?date=' "$TMP/run1")" 3 "one daily-papers request per digest date"
for d in 2025-10-01 2025-10-02 2025-10-03; do
	check "  for $d" grep -q "date=$d" "$TMP/run1"
done
grep '/arxiv/query' "$TMP/run1" >"$TMP/arxiv1"
is "$(wc -l <"$TMP/arxiv1" | tr -d ' ')" 3 "three arXiv requests for the five papers Hugging Face lacks"
check "  each asks for at most DIGEST_TUI_ARXIV_BATCH (2) IDs" \
	awk -F'\t' '$4 > 2 || $4 < 1 { exit 1 }' "$TMP/arxiv1"
check "  with max_results" sh -c "grep -c 'max_results=' '$TMP/arxiv1' | grep -qx 3"
check "  and none for a paper Hugging Face answered" sh -c "! grep -q '2510.10001\|2510.20001' '$TMP/arxiv1'"
gaps=$(awk -F'\t' 'NR > 1 { printf "%.3f\n", $1 - prev } { prev = $1 }' "$TMP/arxiv1")
check "  at least the gap (DIGEST_TUI_TEST_ARXIV_GAP_MS, 50 ms) apart (gaps: $(echo $gaps))" \
	sh -c "echo '$gaps' | awk '\$1 < 0.05 { exit 1 }'"
for id in 2510.10001 2510.10002 2510.10003 2510.20001 2510.20002 2510.20003 2510.30001; do
	check "facts of $id are cached" test -s "$FACTS/$id.json"
done
check "the paper neither knows is remembered as missing" grep -q '"missing": true' "$FACTS/2510.10004.json"
check "a paper of that day that no digest lists is not kept" test ! -e "$FACTS/2509.99999.json"
check "Hugging Face facts: authors" grep -q '"Grace Hopper"' "$FACTS/2510.10001.json"
check "  upvotes" grep -q '"upvotes": 42' "$FACTS/2510.10001.json"
check "  code link" grep -q 'github.com/example/tool-agents' "$FACTS/2510.10001.json"
check "arXiv facts: comment" grep -q 'Accepted at NeurIPS 2025' "$FACTS/2510.10003.json"
check "  primary category" grep -q '"primary_category": "cs.CL"' "$FACTS/2510.10003.json"
check "  the abstract, white space collapsed" grep -q '"abstract": "We retrieve. Quickly."' "$FACTS/2510.10003.json"
check "hostile strings are stored without their escapes" \
	sh -c "! grep -q -i -e '\\\\u001b' -e '\\\\u009b' -e '\\\\u202e' -e '\\\\u0007' '$FACTS/2510.10002.json'"
check "  and a javascript: code link is dropped" sh -c "! grep -q javascript '$FACTS/2510.10002.json'"
(cd "$FACTS" && sha256sum -- *.json) >"$TMP/facts.sum"

# --- --dump shows them -------------------------------------------------------------
"$DIGEST_TUI" --dump --width 200 >"$TMP/dump" 2>"$TMP/dumperr"
is "$?" 0 "--dump of the cache exits 0"
is "$(cat "$TMP/dumperr")" "" "  with nothing on stderr"
awk '/^1\. Paper 2510.10001/ { on = 1 } on && /^$/ { exit } on' "$TMP/dump" >"$TMP/head"
check "the authors under the title, every one in --dump" grep -qx \
	"Authors  Ada Lovelace, Alan Turing, Grace Hopper, Edsger Dijkstra and Barbara Liskov" "$TMP/head"
check "  after the title and link lines" sh -c "sed -n 3p '$TMP/head' | grep -q '^Authors  '"
check "the first-version date and upvotes" grep -qx "first version 2025-09-29 · 42 upvotes" "$TMP/head"
check "the code link" grep -qx "Code  https://github.com/example/tool-agents" "$TMP/head"
check "the arXiv comment and category" sh -c "grep -qx 'Comment  Accepted at NeurIPS 2025' '$TMP/dump' &&
	grep -qx 'cs.CL · first version 2025-09-28' '$TMP/dump'"
awk '/^3\. Paper 2510.10003/ { on = 1 } /^4\. Paper/ { on = 0 } on' "$TMP/dump" >"$TMP/p3"
check "an Abstract section after the digest's sections" sh -c "grep -v '^\$' '$TMP/p3' |
	tail -3 | tr '\n' '|' | grep -qx '  결론.|Abstract|  We retrieve. Quickly.|'"
check "no escape, C1 or bidi control of the hostile facts reaches --dump" python3 - "$TMP/dump" <<'PY'
import sys
t = open(sys.argv[1], encoding="utf-8").read()
bad = [c for c in t if (ord(c) < 32 and c != "\n") or 0x7f <= ord(c) < 0xa0 or 0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069]
sys.exit(1 if bad else 0)
PY
check "  while its text is there" grep -q "Ségolène Müller" "$TMP/dump"
check "a paper found nowhere shows no facts" sh -c "awk '/^4\\. Paper 2510.10004/ { on = 1 } on && /^\$/ { exit } on' '$TMP/dump' | grep -q -v -e Authors -e upvote"

# --- --search with field prefixes ---------------------------------------------------
# search_ids QUERY: the arXiv IDs --search QUERY lists, sorted, space-separated.
search_ids() {
	"$DIGEST_TUI" --search "$1" 2>"$TMP/serr" | grep -o '25[01][0-9]\.[0-9]*' | sort -u | tr '\n' ' ' | sed 's/ $//'
}
is "$(search_ids 'author:turing')" "2510.10001" "--search author: finds a paper by an author's name"
is "$(search_ids 'author:GRACE')" "2510.10001" "  case-insensitively"
is "$(search_ids 'author:segolene')" "2510.10002" "  ignoring accents (Ségolène Müller)"
is "$(search_ids 'author:Ségolène')" "2510.10002" "  and with them"
is "$(search_ids 'author:"Ada Lovelace"')" "2510.10001 2510.30001" "  a quoted name with a space (she wrote two)"
is "$(search_ids 'author:"Lovelace Ada"')" "" "  matched as a phrase"
is "$(search_ids 'author:nobody-at-all')" "" "  an unknown author finds nothing"
is "$(search_ids 'abstract:quickly')" "2510.10003" "abstract: searches the English abstract"
is "$(search_ids 'cat:cs.CL')" "$(search_ids 'cat:CS.cl')" "cat: is case-insensitive"
check "cat:cs.CL finds the arXiv-only paper of that category" sh -c "echo '$(search_ids 'cat:cs.CL')' | grep -q 2510.10003"
is "$(search_ids 'cat:cs.C')" "" "  a category is matched whole, not as a prefix of a name"
is "$(search_ids 'author:turing 2510.10001')" "2510.10001" "a prefix AND a plain word that both match"
is "$(search_ids 'author:turing 2510.20001')" "" "  AND: the plain word must match the same paper"
is "$(search_ids 'author:turing abstract:quickly')" "" "  two prefixes AND-combined"
is "$(search_ids 'author:')" "" "an empty prefix alone is an empty query"
"$DIGEST_TUI" --search 'author:' >/dev/null 2>&1
is "$?" 2 "  which exits 2"

# --- exports name the authors ------------------------------------------------------
"$DIGEST_TUI" --export all --format bibtex >"$TMP/bib" 2>"$TMP/biberr"
is "$?" 0 "--export all --format bibtex exits 0"
is "$(grep -c '^@misc{' "$TMP/bib")" 8 "  every paper once (2510.10001 is in two digests)"
check "a key of family name, year and first title word" grep -qx '@misc{lovelace2025scaling,' "$TMP/bib"
check "  authors joined with and" grep -qx \
	'  author = {Ada Lovelace and Alan Turing and Grace Hopper and Edsger Dijkstra and Barbara Liskov},' "$TMP/bib"
check "  title, year, eprint, archivePrefix and url" sh -c "grep -A7 '^@misc{lovelace2025scaling,' '$TMP/bib' |
	grep -c -e '^  title = ' -e '^  year = {2025},' -e '^  eprint = {2510.10001},' \
	-e '^  archivePrefix = {arXiv},' -e '^  url = {https://arxiv.org/abs/2510.10001},' | grep -qx 5"
check "arXiv's facts: its primary category as primaryClass" sh -c "grep -A8 '^@misc{knuth2025retrieval,' '$TMP/bib' |
	grep -qx '  primaryClass = {cs.CL},'"
check "accents folded in the key, kept in the author" sh -c "grep -q '^@misc{noether2025only,' '$TMP/bib' &&
	grep -q 'Ségolène Müller' '$TMP/bib'"
check "a paper without facts keeps its arXiv ID as the key" grep -qx '@misc{2510.10004,' "$TMP/bib"
check "the BibTeX is balanced and clean" python3 - "$TMP/bib" <<'PY'
import sys
t = open(sys.argv[1], encoding="utf-8").read()
for e in t.split("\n\n"):
    depth = 0
    for c in e.replace("\\{", "").replace("\\}", ""):
        depth += c == "{"
        depth -= c == "}"
        if depth < 0:
            sys.exit(1)
    if depth:
        sys.exit(1)
sys.exit(1 if any(ord(c) < 32 and c != "\n" for c in t) else 0)
PY
"$DIGEST_TUI" --export all >"$TMP/md"
check "the Markdown export lists the authors" grep -q \
	'^- \[Paper 2510.10001\](https://arxiv.org/abs/2510.10001) — Ada Lovelace, Alan Turing, Grace Hopper, Edsger Dijkstra, Barbara Liskov — arXiv:2510.10001' "$TMP/md"

# --- asked again? ----------------------------------------------------------------
flog_mark
run_fetch --source "$SRC" --days 3 --until 2025-10-03
is "$rc" 0 "a second --fetch right after exits 0"
contains "$OUT" "facts: 0 learned, 0 not found, 8 known, 0 failed (0 Hugging Face requests, 0 arXiv requests)" \
	"  and knows every paper"
is "$(flog_since | wc -l | tr -d ' ')" 0 "  asking nothing"
flog_mark
"$DIGEST_TUI" --fetch --offline --source "$SRC" >/dev/null 2>&1
is "$(flog_since | wc -l | tr -d ' ')" 0 "--offline asks nothing"
run_fetch --metadata no --source "$SRC" --days 3 --until 2025-10-03
check "--metadata no: no facts line" sh -c "! echo \"\$1\" | grep -q facts:" - "$OUT"
is "$(flog_since | wc -l | tr -d ' ')" 0 "  and no request"

# --- faults: each one line, rc 1, nothing cached lost ------------------------------
# fresh_cache: the posts are kept, the facts forgotten but for a copy.
forget_facts() { rm -rf "$FACTS"; }
same_facts() {
	if (cd "$FACTS" 2>/dev/null && sha256sum --quiet -c "$TMP/facts.sum" >/dev/null 2>&1); then
		pass "$1"
	else
		fail "$1"
	fi
}

# Day 2's facts forgotten (the other days' are known: no backlog to ask).
rm -f "$FACTS"/2510.2000*.json "$FACTS/.pace"
use_server hf429 arxiv
flog_mark
run_fetch --source "$SRC" --days 1 --until 2025-10-02
is "$rc" 0 "429 with Retry-After: 1 is waited out"
flog_since >"$TMP/run429"
is "$(grep -c '/hf429/' "$TMP/run429")" 2 "  and asked once more"
check "  no sooner than a second later" awk -F'\t' '/hf429/ { if (n++ && $1 - prev < 1.0) exit 1; prev = $1 }' "$TMP/run429"
contains "$OUT" "facts: 3 learned" "  then learned"

# Keep the good facts; the faults below must not touch them.
forget_facts
use_server hf arxiv
run_fetch --source "$SRC" --days 3 --until 2025-10-03
(cd "$FACTS" && sha256sum -- *.json) >"$TMP/facts.sum"
# Make them stale (26 h old) so that they are asked for again.
for f in "$FACTS"/*.json; do
	python3 - "$f" <<'PY'
import json, sys, time
p = sys.argv[1]
d = json.load(open(p))
d["fetched"] = int(time.time()) - 26 * 3600
open(p, "w").write(json.dumps(d, indent=1) + "\n")
PY
done
# So are the days Hugging Face answered (the pacing record keeps them an hour).
rm -f "$FACTS/.pace"
(cd "$FACTS" && sha256sum -- *.json) >"$TMP/facts.sum"

use_server hfbad arxivdoctype
run_fetch --source "$SRC" --days 3 --until 2025-10-03
is "$rc" 1 "malformed JSON and a DOCTYPE: exit status 1"
contains "$ERR" "is not JSON" "  the JSON is named"
contains "$ERR" "DOCTYPE (refused)" "  the DOCTYPE is refused"
bad=$(printf '%s\n' "$ERR" | grep -v -c '^digest-tui: facts: ')
is "$bad" 0 "  one line each, nothing else"
same_facts "  and the cached facts are as they were"

use_server hf arxiv503
run_fetch --source "$SRC" --days 3 --until 2025-10-03
is "$rc" 1 "503 with Retry-After: 3600: exit status 1"
contains "$ERR" "HTTP 503, asked to wait 3600 s (Retry-After): not asked again before then" \
	"  without waiting an hour"
check "  in well under a minute ($SECS s)" test "$SECS" -lt 30
flog_mark
run_fetch --source "$SRC" --days 3 --until 2025-10-03
is "$(flog_since | grep -c '/arxiv503/')" 0 "the next --fetch does not ask arXiv within the hour"
contains "$ERR" "facts: arXiv asked to wait: not asked for" "  and says so"
is "$rc" 0 "  which is no failure"
check "  and the facts only arXiv knows are still as they were" \
	sh -c "cd '$FACTS' && grep ' 2510.10003.json\$' '$TMP/facts.sum' | sha256sum --quiet -c"
rm -f "$FACTS/.hold-arxiv" "$FACTS/.pace"

use_server hfslow "" "set timeout 2"
run_fetch --source "$SRC" --days 1 --until 2025-10-03
is "$rc" 1 "a stalled server: exit status 1"
check "  after the timeout, not the stall ($SECS s)" test "$SECS" -lt 15
is "$(printf '%s\n' "$ERR" | grep -c 'facts: ')" 1 "  one line (arXiv is not asked: its URL is \"\")"

# --- the pacing record (facts/.pace) -----------------------------------------------
# A clock set back: the record's last arXiv request is an hour ahead, and a
# line is damaged. The gap is waited for at most, not the hour.
forget_facts
mkdir -p "$FACTS"
printf 'arxiv %s\nasked x\nhf 2025-10\n' "$(( ($(date +%s) + 3600) * 1000 ))" >"$FACTS/.pace"
use_server hf arxiv
flog_mark
timeout 60 "$DIGEST_TUI" --fetch --source "$SRC" --days 3 --until 2025-10-03 >"$TMP/out" 2>"$TMP/err"
is "$?" 0 "a pacing record from an hour ahead: the fetch waits the gap, not the hour"
contains "$(cat "$TMP/out")" "facts: 7 learned" "  and learns"
is "$(flog_since | grep -c '/hf/')" 3 "  a damaged day line is passed over"
check "  the record is rewritten: the last arXiv request, in wall-clock ms" \
	awk -v now="$(date +%s)" '$1 == "arxiv" && $2 / 1000 <= now + 1 && $2 / 1000 > now - 60 { ok = 1 }
		END { exit !ok }' "$FACTS/.pace"

plan_done
