#!/bin/sh
# Hostile posts through --list and --dump. The posts are written
# here, at test time, into $TMP (the big ones would be megabytes in git):
#
#   escapes         CSI, OSC 52 clipboard writes, OSC 8 links, OSC 0/2 window
#                   titles, DCS, an unterminated OSC, raw and UTF-8-encoded C1
#                   controls, bidi overrides, isolates and marks - in titles,
#                   body text, the front-matter title and tags
#   invalid-utf8    every class of invalid UTF-8 (overlong forms, surrogates
#                   ED A0 80, truncated sequences, stray continuation bytes,
#                   F5..FF, above U+10FFFF) and NUL bytes, in titles and body
#   long-line       a 1 MB line of words, and a 1 MB line with no space at all
#   many-papers     100,000 papers in one post
#   deep-nesting    10,000 levels of nested lists, block quotes, ordered lists,
#                   emphasis and brackets, and 200 indented list levels
#   huge-front-matter      1 MB of front matter (terminated)
#   unterminated-*         front matter never closed, with and without papers
#   long-title-url  a 10,000-character title, URLs and front-matter title
# plus every input that once crashed the post fuzz target
# (tests/fixtures/regress/fuzz-post-*).
#
# For each: the exit status, the papers (count, numbers, IDs and titles, by
# value), the text the dump must show, nothing on stdout or stderr a terminal
# would act on (no ESC, no other C0 control but newline and tab, no DEL, no C1,
# no bidi control; valid UTF-8), every dump line within its width, a hang
# guard (60 s) and peak RSS under 50 x the input + 100 MB (x3 under
# AddressSanitizer or valgrind, which cost memory of their own); the peak RSS
# figures are printed as diagnostics.
. "$top_srcdir/tests/lib/tap.sh"
command -v python3 >/dev/null 2>&1 || skip_all "python3 not installed"

H=$TMP/hostile
mkdir -p "$H"
python3 - "$H" <<'PY' || { echo "Bail out! could not write the hostile posts"; exit 1; }
import os, sys
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.environ["top_srcdir"], "tests", "lib"))
import hostile_posts as hp
from hostile_posts import fm, paper
out = sys.argv[1]

hp.write(out, "2025-01-01-escapes.md", hp.escapes(b"2025-01-01", b"2501"))
hp.write(out, "2025-01-03-invalid-utf8.md", hp.invalid_utf8(b"2025-01-03", b"2501.03"))
hp.write(out, "2025-01-05-long-line.md", fm(b"Long line", b"2025-01-05") +
         paper(1, b"Long Line Paper One", b"2501.05001", b"\n## Method\n\n" + hp.long_line() + b"\n") +
         paper(2, b"No Space Paper Two", b"2501.05002", b"\n## Method\n\n" + hp.long_word() + b"\n"))
hp.write(out, "2025-01-06-many-papers.md", hp.many_papers(b"2025-01-06"))
hp.write(out, "2025-01-07-deep-nesting.md", hp.deep_nesting(b"2025-01-07", b"2501.07"))
# The front matter's date (2024-12-01) is the digest's, not the file name's.
hp.write(out, "2025-01-08-huge-front-matter.md", hp.huge_front_matter(b"2024-12-01", b"2501.08"))
hp.write(out, "2025-01-09-unterminated-front-matter.md",
         b"---\ntitle: Unterminated\ndate: 2024-12-31\n" +
         paper(1, b"Unterminated Paper One", b"2501.09001") +
         paper(2, b"Unterminated Paper Two", b"2501.09002"))
hp.write(out, "2025-01-10-unterminated-no-papers.md",
         b"---\ntitle: Unterminated\ndate: 2024-12-31\n\nJust text, no papers.\n")
hp.write(out, "2025-01-11-long-title-url.md", hp.long_title_url(b"2025-01-11", b"2501.11001"))
PY

# AddressSanitizer, or valgrind (tools/valgrind-check.sh runs the program
# through a wrapper, DIGEST_TUI_UNDER_TEST), use memory of their own.
heavy=
if grep -q -a -e __asan_init -e AddressSanitizer "$DIGEST_TUI" 2>/dev/null ||
	[ -n "${DIGEST_TUI_UNDER_TEST:-}" ]; then
	heavy=1
fi

# run NAME ARGS...: digest-tui ARGS with a 60 s hang guard; stdout in
# $TMP/out, stderr in $TMP/err; sets rc (124 on timeout), RSS (peak, KB)
# and SECS.
run() {
	_name=$1; shift
	set -- $(python3 - "$TMP/out" "$TMP/err" "$DIGEST_TUI" "$@" <<'PY'
import resource, subprocess, sys, time
out, err, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
t = time.time()
with open(out, "wb") as o, open(err, "wb") as e:
    p = subprocess.Popen(cmd, stdout=o, stderr=e)
    try:
        rc = p.wait(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        rc = 124
print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "%.2f" % (time.time() - t))
PY
)
	rc=$1 RSS=$2 SECS=$3
	[ "$rc" -eq 124 ] && diag "$_name: still running after 60 s: killed"
}

# bounded NAME FILE...: the last run's peak RSS is under the bound for the
# size of the input files.
bounded() {
	_name=$1; shift
	_bytes=$(cat "$@" | wc -c | tr -d ' ')
	_bound=$(( (50 * _bytes + 100 * 1048576) / 1024 ))
	[ -n "$heavy" ] && _bound=$((3 * _bound))
	if [ "$RSS" -lt "$_bound" ]; then
		pass "$_name: peak RSS $((RSS / 1024)) MB for $((_bytes / 1024)) KB of input, in ${SECS} s (bound $((_bound / 1024)) MB)"
	else
		fail "$_name: peak RSS $((RSS / 1024)) MB for $((_bytes / 1024)) KB of input (bound $((_bound / 1024)) MB)"
	fi
}

# clean NAME FILE [tabs]: FILE is valid UTF-8 without ESC, other C0 controls
# (but newline, and tab when asked), DEL, C1 controls or bidi controls.
clean() {
	python3 - "$2" "${3:-}" >"$TMP/found" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
tabs = sys.argv[2] == "tabs"
bad = []
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    bad.append("invalid UTF-8 at byte %d: %r" % (e.start, data[max(0, e.start - 20):e.start + 20]))
    text = data.decode("utf-8", "replace")
ctl = "[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]" if tabs else \
      "[\x00-\x09\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]"
for m in list(re.finditer(ctl, text))[:3]:
    bad.append("%r at %d: %r" % (m.group(0), m.start(), text[max(0, m.start() - 20):m.start() + 20]))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
	verdict $? "$1: nothing a terminal would act on" "$TMP/found"
}

# lacks NAME FILE STRING...: FILE holds none of the strings.
lacks() {
	_n=$1 _f=$2; shift 2
	_hit=
	for _s in "$@"; do
		grep -q -F -e "$_s" "$_f" && _hit="$_hit '$_s'"
	done
	if [ -z "$_hit" ]; then pass "$_n"; else fail "$_n"; diag "found:$_hit"; fi
}

# has NAME FILE STRING...: FILE holds every string.
has() {
	_n=$1 _f=$2; shift 2
	_miss=
	for _s in "$@"; do
		grep -q -F -e "$_s" "$_f" || _miss="$_miss '$_s'"
	done
	if [ -z "$_miss" ]; then pass "$_n"; else fail "$_n"; diag "missing:$_miss"; fi
}

# titles FILE: the --list lines of FILE with each title's blanks collapsed.
titles() { awk -F'\t' -v OFS='\t' '{ gsub(/ +/, " ", $5); sub(/ $/, "", $5); print }' "$1"; }

# fits NAME FILE WIDTH: every line of FILE is at most WIDTH columns.
fits() {
	_w=$(max_width "$2")
	if [ "$_w" -le "$3" ]; then pass "$1: every line fits $3 columns"; else fail "$1: a line is $_w columns wide (width $3)"; fi
}

# list_and_dump NAME FILE WIDTH: runs both modes with the common checks;
# leaves the --list output in $TMP/NAME.list, the --dump in $TMP/NAME.dump.
list_and_dump() {
	_n=$1 _f=$2 _w=$3
	run "$_n --list" --list "$_f"
	cp "$TMP/out" "$TMP/$_n.list"
	is "$rc" 0 "$_n --list: exit status 0"
	no_crash "$_n --list"
	is "$(cat "$TMP/err")" "" "$_n --list: nothing on stderr"
	clean "$_n --list" "$TMP/out" tabs
	bounded "$_n --list" "$_f"
	run "$_n --dump" --dump --width "$_w" "$_f"
	cp "$TMP/out" "$TMP/$_n.dump"
	is "$rc" 0 "$_n --dump: exit status 0"
	no_crash "$_n --dump"
	clean "$_n --dump" "$TMP/out"
	bounded "$_n --dump" "$_f"
}

# --- escapes ----------------------------------------------------------------------
f=$H/2025-01-01-escapes.md
list_and_dump escapes "$f" 80
FFFD=$(printf '\357\277\275')
is "$(titles "$TMP/escapes.list")" "$(printf '%s\n' \
	"2025-01-01	1	2501.00001	-	Alpha Red Title Cleared" \
	"2025-01-01	2	2501.00002	-	Bravo Clipboard" \
	"2025-01-01	3	2501.00003	-	Charlie Link Text" \
	"2025-01-01	4	2501.00004	-	Delta Sixel" \
	"2025-01-01	5	2501.00005	-	Echo Window" \
	"2025-01-01	6	2501.00006	-	Foxtrot ${FFFD}31m ${FFFD}0;owned${FFFD} Raw C1" \
	"2025-01-01	7	2501.00007	-	Golf Encoded C1" \
	"2025-01-01	8	2501.00008	-	Hotel gnp.exe isolate mark Bidi" \
	"2025-01-01	9	2501.00009	-	India")" \
	"escapes --list: the nine titles without their sequences (an unterminated OSC runs to the end of the line, as in a terminal; raw C1 bytes are invalid UTF-8: U+FFFD)"
for k in list dump; do
	lacks "escapes --$k: no payload of a sequence (clipboard data, link target, sixel, OSC numbers)" \
		"$TMP/escapes.$k" 'cHduZWQ=' 'evil.example' '#0;2;0;0;0' ']52;' ']8;;' ']0;' ']2;' 'AAAA'
done
has "escapes --dump: the words around every sequence, in the body too" "$TMP/escapes.dump" \
	"Body Alpha Red Title  Cleared end." "Body Bravo  Clipboard end." \
	"Body Charlie Link Text end." "Body Delta  Sixel end." "Body Golf   Encoded C1 end." \
	"Body Hotel gnp.exe isolate mark Bidi end." "- Goal: Bravo  Clipboard" "9 papers"
is "$(sed -n 1p "$TMP/escapes.dump" | tr -s ' ')" "Escapes title" \
	"escapes --dump: the front-matter title without its OSC"

# --- invalid UTF-8 and NUL ------------------------------------------------------
f=$H/2025-01-03-invalid-utf8.md
list_and_dump invalid-utf8 "$f" 80
python3 - "$TMP/invalid-utf8.list" >"$TMP/found" <<'PY'
import re, sys
rows = [l.split("\t") for l in open(sys.argv[1], encoding="utf-8").read().splitlines()]
want = ["Overlong", "Surrogate", "Truncated", "Stray", "HighBytes", "Nul"]
bad = []
if [r[:4] for r in rows] != [["2025-01-03", str(i + 1), "2501.03%03d" % (i + 1), "-"] for i in range(6)]:
    bad.append("fields: %r" % [r[:4] for r in rows])
for i, name in enumerate(want):
    t = rows[i][4] if i < len(rows) else ""
    inner = "a\ufffdb \ufffd" if name == "Nul" else "[\ufffd ]*\ufffd[\ufffd ]*"
    if not re.fullmatch(re.escape(name) + " Start " + inner + " Finish", t):
        bad.append("title %d: %r" % (i + 1, t))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
verdict $? "invalid-utf8 --list: six papers; each bad sequence (and NUL) became U+FFFD between the words" "$TMP/found"
has "invalid-utf8 --dump: the body text around the bad bytes" "$TMP/invalid-utf8.dump" \
	"Overlong body" "Surrogate body" "Truncated body" "Stray body" "HighBytes body" \
	"Nul body a${FFFD}b" "last line truncated ${FFFD}" "Invalid ${FFFD}"

# --- a 1 MB line ------------------------------------------------------------------
f=$H/2025-01-05-long-line.md
list_and_dump long-line "$f" 80
is "$(titles "$TMP/long-line.list")" "$(printf '%s\n' \
	"2025-01-05	1	2501.05001	-	Long Line Paper One" \
	"2025-01-05	2	2501.05002	-	No Space Paper Two")" "long-line --list: both papers"
fits long-line "$TMP/long-line.dump" 80
want=$(python3 -c 'import sys; d = open(sys.argv[1], "rb").read(); print(d.count("가나다라ABC마바사 ".encode()), d.count("가".encode()))' "$f")
got=$(python3 -c 'import sys; d = open(sys.argv[1], "rb").read(); print(d.count("가나다라ABC마바사".encode()), d.count("가".encode()))' "$TMP/long-line.dump")
is "$got" "$want" "long-line --dump: every word of the 1 MB lines is there, whole (words, syllables: $want)"
has "long-line --dump: to the end of both lines" "$TMP/long-line.dump" LONGLINEEND NOSPACEEND

# --- 100,000 papers --------------------------------------------------------------------
f=$H/2025-01-06-many-papers.md
list_and_dump many-papers "$f" 80
bad=$(awk -F'\t' '{
	n = NR; id = sprintf("%d.%05d", 2501 + int((n - 1) / 50000), (n - 1) % 50000 + 1)
	if ($1 != "2025-01-06" || $2 != n || $3 != id || $4 != "-" || $5 != "Paper " n " of many") { print NR ": " $0; exit }
} END { if (NR != 100000) print "lines: " NR }' "$TMP/many-papers.list")
is "$bad" "" "many-papers --list: 100,000 lines, each paper's number, ID and title in order"
is "$(grep -c '^[0-9]*\. Paper [0-9]* of many$' "$TMP/many-papers.dump")" 100000 \
	"many-papers --dump: 100,000 paper titles"
is "$(sed -n 2p "$TMP/many-papers.dump")" "2025-01-06 · 100000 papers · papers" \
	"many-papers --dump: the header counts 100000 papers"
has "many-papers --dump: the last paper, whole" "$TMP/many-papers.dump" \
	"100000. Paper 100000 of many" "arXiv 2502.50000  https://arxiv.org/abs/2502.50000" "- Goal: g100000"

# --- 10,000 levels -----------------------------------------------------------------------
f=$H/2025-01-07-deep-nesting.md
list_and_dump deep-nesting "$f" 60
is "$(titles "$TMP/deep-nesting.list")" "$(printf '%s\n' \
	"2025-01-07	1	2501.07001	-	Deep Nesting Paper" \
	"2025-01-07	2	2501.07002	-	After The Deep One")" "deep-nesting --list: both papers"
has "deep-nesting --dump: the text at the bottom of every nest" "$TMP/deep-nesting.dump" \
	DEEPLIST DEEPQUOTE TIGHTQUOTE DEEPORDERED DEEPMIXED EMPH '- level0' level199 \
	"2. After The Deep One"
# Cut where no line then starts with ']' or ends with '[': inside the word.
tr -d '\n ' <"$TMP/deep-nesting.dump" >"$TMP/deep-nesting.joined"
has "deep-nesting --dump: the bracketed word, maybe cut" "$TMP/deep-nesting.joined" '[BRACKETS]' 
fits deep-nesting "$TMP/deep-nesting.dump" 60

# --- front matter ------------------------------------------------------------------------
f=$H/2025-01-08-huge-front-matter.md
list_and_dump huge-front-matter "$f" 80
# Front matter over 64 KB is no header (frontmatter.c): the date comes from
# the file name then; from the header were it ever read.
got=$(titles "$TMP/huge-front-matter.list" | sed 's/^2024-12-01	/2025-01-08	/')
is "$got" "$(printf '%s\n' \
	"2025-01-08	1	2501.08001	-	Huge Front Matter Paper" \
	"2025-01-08	2	2501.08002	-	Second Huge Paper")" "huge-front-matter --list: both papers"
lacks "huge-front-matter --dump: the header's lines are not shown as text" \
	"$TMP/huge-front-matter.dump" "key123: value" "key59999"
has "huge-front-matter --dump: the papers are" "$TMP/huge-front-matter.dump" \
	"1. Huge Front Matter Paper" "2. Second Huge Paper"

f=$H/2025-01-09-unterminated-front-matter.md
list_and_dump unterminated "$f" 80
is "$(titles "$TMP/unterminated.list")" "$(printf '%s\n' \
	"2025-01-09	1	2501.09001	-	Unterminated Paper One" \
	"2025-01-09	2	2501.09002	-	Unterminated Paper Two")" \
	"unterminated front matter: both papers, dated by the file name"

f=$H/2025-01-10-unterminated-no-papers.md
run "unterminated, no papers" --list "$f"
is "$rc" 2 "unterminated front matter and no papers: exit status 2 (not a post)"
is "$(cat "$TMP/out")" "" "  nothing listed"
is "$(wc -l <"$TMP/err" | tr -d ' ')" 1 "  one line on stderr"
contains "$(cat "$TMP/err")" "$f: not a digest post" "  naming the file and the reason"

# --- 10,000-character title and URLs ------------------------------------------------------
f=$H/2025-01-11-long-title-url.md
list_and_dump long-title-url "$f" 80
python3 - "$f" "$TMP/long-title-url.list" "$TMP/long-title-url.dump" >"$TMP/found" <<'PY'
import sys
post = open(sys.argv[1], "rb").read().decode("utf-8")
rows = [l.split("\t") for l in open(sys.argv[2], encoding="utf-8").read().splitlines()]
dump = open(sys.argv[3], encoding="utf-8").read()
start = post.index("# 1. [") + 6
title = post[start:post.index("](", start)]
bad = []
if len(rows) != 2 or rows[0][:4] != ["2025-01-11", "1", "2501.11001", "-"] or rows[0][4] != title.strip():
    bad.append("paper 1: %r" % [r[:4] + [r[4][:40] + "..." + r[4][-20:]] for r in rows[:1]])
if len(rows) != 2 or rows[1] != ["2025-01-11", "2", "-", "-", "Blog Post With A Long URL"]:
    bad.append("paper 2: %r" % rows[1:])
# Wrapped lines, joined again: the whole title, both URLs, the header title.
joined = "".join(dump.split())
for what, s in (("title", title.replace(" ", "")), ("header", "L" * 10000)):
    if s not in joined:
        bad.append("the dump lacks the whole %s" % what)
# URLs are never broken across lines: shortened in the middle.
for what, s in (("arXiv URL", "https://arxiv.org/abs/2501.11001?" + "q" * 10000),
                ("blog URL", "https://blog.example/" + "p" * 10000)):
    if not any("\u2026" in l and s.startswith(l.strip().split("\u2026")[0]) and
               s.endswith(l.strip().split("\u2026")[1]) for l in dump.split("\n")):
        bad.append("the dump lacks the %s, shortened on one line" % what)
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
verdict $? "long-title-url: the 10,000-character title whole in --list; title and header whole in --dump, URLs shortened" "$TMP/found"
fits long-title-url "$TMP/long-title-url.dump" 80

# --- all of them at once, as a directory --------------------------------------------------
run "directory" --list "$H"
is "$rc" 2 "the directory: exit status 2 (one file is not a post)"
is "$(wc -l <"$TMP/out" | tr -d ' ')" 100025 "  every paper of every other post is listed (100,025)"
is "$(sed 's/^digest-tui: //' "$TMP/err")" "$H/2025-01-10-unterminated-no-papers.md: not a digest post (no front matter and no numbered paper headings)" \
	"  one line on stderr, for the one bad file"
is "$(cut -f1 "$TMP/out" | uniq | tr '\n' ' ')" \
	"2025-01-01 2025-01-03 2025-01-05 2025-01-06 2025-01-07 2025-01-08 2025-01-09 2025-01-11 " \
	"  in date order"
bounded "directory --list" "$H"/*.md

# --- search through invisible characters --------------------------------------------------
# A soft hyphen between a letter and its combining mark (E U+00AD U+032D) is
# shown as the one letter Ḙ; searching for what is shown finds the paper
# (fuzz_search found the miss: tests/fixtures/regress/fuzz-search-*).
f=$H/2025-01-12-soft-hyphen.md
printf -- '---\ntitle: Soft\ndate: 2025-01-12\n---\n\n# 1. [Soft E\302\255\314\255 Hyphen](https://arxiv.org/abs/2501.12001)\n\n# 2. [Other Paper](https://arxiv.org/abs/2501.12002)\n' >"$f"
run "search" --search "$(printf '\341\270\230')" "$f"
is "$rc:$(cut -f2,3 "$TMP/out" | tr '\t\n' ': ')" "0:1:2501.12001 " \
	"--search Ḙ finds the title written E, soft hyphen, U+032D"
run "search" --search "$(printf 'soft \341\270\231 hyphen')" "$f"
is "$(cut -f3 "$TMP/out")" "2501.12001" "  and so does 'soft ḙ hyphen', in lower case"
rm "$f"

# --- inputs that once crashed the post fuzz target --------------------------------------
n=0
for f in "$top_srcdir"/tests/fixtures/regress/fuzz-post-*; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	name=regress/$(basename "$f")
	for mode in --list --dump; do
		if [ $mode = --list ]; then
			run "$name $mode" --list "$f"
		else
			run "$name $mode" --dump --width 40 "$f"
		fi
		case $rc in
		0 | 2) pass "$name $mode: exit status $rc" ;;
		*) fail "$name $mode: exit status $rc" ;;
		esac
		no_crash "$name $mode"
		clean "$name $mode" "$TMP/out" tabs
	done
done
[ "$n" -gt 0 ] || skip "no fuzz-post-* inputs in tests/fixtures/regress"

plan_done
