#!/bin/sh
# What is new since the last look, at a glance (loopback stand-ins of GitHub
# and of Hugging Face; tmux, 100x30): a cache fetched through one date, then
# 22 posts published over four weeks. One start fetches every one of them
# and learns their facts, with no --until; the reader opens on the oldest
# new digest, at its first paper; the status line names the new digests; new
# papers carry N, and a star does not hide it; :digests lists every digest
# newest first with its papers, unread count, new marker and top upvotes
# (also at 60x20); Space reads forward through all of them. After quitting
# and one more published post, the next start opens on that one. The
# opening screen's paper stays unread when the user leaves without a key. A
# digest a cron --fetch brings while reading is named, and w goes to it.
# Under ko_KR.UTF-8 the overview's headings are Korean and each stands over
# its column, at 100x30 and 60x20.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/fetchlib.sh"
. "$top_srcdir/tests/lib/factslib.sh"
. "$top_srcdir/tests/lib/tmux.sh"
trap '[ -n "$FPID" ] && kill "$FPID" 2>/dev/null; stop_github; _tui_cleanup' EXIT
tui_require_tmux

# The reader's own directories (tmux.sh points XDG_* into $TMP/home).
TCONF="$TMP/home/.config/digest-tui/config"
TCACHE="$TMP/home/.cache"
STATE="$TMP/home/.local/state/digest-tui"
mkdir -p "${TCONF%/*}" "$STATE"
cli() {
	HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" XDG_CACHE_HOME="$TCACHE" \
		XDG_STATE_HOME="$TMP/home/.local/state" "$DIGEST_TUI" "$@"
}

# The blog, on the GitHub stand-in; each post has two papers with IDs of
# their own (YYMM.DD00K), and Hugging Face knows their upvotes.
start_github
BLOG="$REPOS/fx/blog/main/_posts"
mkdir -p "$BLOG"
FIX="$TMP/facts"
mkdir -p "$FIX"
cp "$top_srcdir"/tests/lib/facts/arxiv-db.json "$FIX/"
# publish DATE UPVOTES: a post of DATE, and its papers' upvotes (UPVOTES and
# a third of it) at Hugging Face.
id_of() { printf '%s.%s00%s' "$(echo "$1" | sed 's/^..\(..\)-\(..\).*/\1\2/')" "${1#????-??-}" "$2"; }
# up_of DATE: ten upvotes a day of the month (110 on the 11th).
up_of() { echo $(($(echo "$1" | cut -c9-10 | sed 's/^0//') * 10)); }
publish() {
	facts_post "$BLOG/$1-daily-papers-$(echo "$1" | tr -d -).md" "$1" "$(id_of "$1" 1)" "$(id_of "$1" 2)"
	printf '[{"paper": {"id": "%s", "title": "One", "upvotes": %s}},\n {"paper": {"id": "%s", "title": "Two", "upvotes": %s}}]\n' \
		"$(id_of "$1" 1)" "$2" "$(id_of "$1" 2)" $(($2 / 3)) >"$FIX/hf-$1.json"
}
for d in 2025-11-03 2025-11-04 2025-11-05 2025-11-06 2025-11-07; do publish "$d" 5; done
start_facts_server
printf 'set github-api-url %s/api\nset github-raw-url %s/raw\n' "$GH" "$GH" >"$TCONF"
printf 'set metadata yes\nset metadata-hf-url "%s/hf/daily_papers?date=%%F"\nset metadata-arxiv-url ""\n' \
	"$FBASE" >>"$TCONF"
SRC="fx=github fx/blog"
cli --fetch --source "$SRC" >"$TMP/out" 2>&1
is "$?" 0 "the cache is fetched through 2025-11-07"

# Four weeks of posts: 22 of the 26 days from 11-10 to 12-05.
NEW=
d=2025-11-10
while [ "$d" != 2025-12-06 ]; do
	case $d in 2025-11-16 | 2025-11-23 | 2025-11-30 | 2025-12-01) ;; *)
		publish "$d" "$(up_of "$d")"
		NEW="$NEW $d" ;;
	esac
	d=$(date -u -d "$d + 1 day" +%F)
done
set -- $NEW
NNEW=$#
FIRST=$1
LAST=$(echo "$NEW" | awk '{ print $NF }')
is "$NNEW" 22 "22 posts published over four weeks"

# --- the first start: catching up ------------------------------------------
flog_mark
TUI_ONLINE=1 tui_start 100 30 --source "$SRC"
_facts_done() { tui_row 29 | grep -q "facts: "; }
tui_check "one start fetches and learns the facts (no --until)" tui_wait_until "$((TUI_TIMEOUT * 12))" _facts_done
tui_check "the status line names the new digests" \
	grep -q "caught up [0-9]* days: 22 new digests ($(short_date "$FIRST") … $(short_date "$LAST"))" "$TUI_SCREEN"
tui_check "  and the facts learned" grep -q "facts: [1-9][0-9]* learned" "$TUI_SCREEN"
missing=0
for d in $NEW; do grep -q "date=$d" "$FLOG" || missing=$((missing + 1)); done
is "$missing" 0 "Hugging Face was asked about each new digest's day" || diag "$(cut -f2 "$FLOG")"
tui_check "the reader opens on the oldest new digest, $FIRST" \
	grep -q "Daily Papers — $FIRST" "$TUI_SCREEN"
is "$(tui_pos)" 1/2 "  at its first paper"
_row_starts() { tui_list "$TUI_SCREEN" 100 | awk -F'\t' -v n="$1" -v m="$2" -v f="$3" \
	'$3 == n { found = ($5 == m && $6 == f) } END { exit !found }'; }
tui_check "its papers carry the new marker N" _row_starts 1 N " "

# --- the digests overview ---------------------------------------------------
tui_keys :
tui_type digests
tui_keys Enter
tui_check ":digests opens the overview" tui_wait_for "digests, newest first (22 new)"
tui_capture "$TMP/overview-100x30"
# row_of DATE: the overview's row of DATE (below the headings, above the
# status line), blanks squeezed.
row_of() { sed '1,2d;$d' "$TUI_SCREEN" | grep -F " $1 " | tr -s ' '; }
tui_check "the newest digest first, selected: the current one is $FIRST" \
	test "$(tui_row 2 | tr -s ' ' | cut -c1-13)" = " N $LAST"
bad=
for d in $NEW; do
	row_of "$d" | grep -qE "^>? ?N $d Daily Papers — $d 2 2 $(up_of "$d")\$" || bad="$bad $d"
done
is "${bad:-none}" none "each new digest: N, date, title, 2 papers, 2 unread, the top upvotes"
row_of 2025-11-07 | grep -qE "^ 2025-11-07 Daily Papers — 2025-11-07 2 2 5\$"
is "$?" 0 "an old digest: no N"
tui_resize 60 20
tui_check "60x20: the overview fits" tui_wait_until "$TUI_TIMEOUT" tui_fits "$TUI_SCREEN" 60
tui_check "60x20: the columns are still there" tui_wait_for "papers unread top^"
tui_capture "$TMP/overview-60x20"
tui_resize 100 30
tui_keys q
tui_check "q returns to the digest" tui_wait_for "Daily Papers — $FIRST"
tui_keys s
tui_check "a star does not hide the new marker" tui_wait_until "$TUI_TIMEOUT" _row_starts 1 N "*"
tui_keys k

# --- Space reads forward through everything new ------------------------------
_done_reading() { tui_row 29 | grep -q "no unread paper after this one"; }
k=0
tui_capture "$TUI_SCREEN"
while ! _done_reading && [ $k -lt 60 ]; do
	tui_keys Space Space Space Space
	tui_settle 2 >/dev/null
	k=$((k + 1))
done
tui_check "Space read on to the end of the new digests" _done_reading
tui_check "  which is $LAST" grep -q "Daily Papers — $LAST" "$TUI_SCREEN"
tui_keys : && tui_type digests && tui_keys Enter
tui_wait_for "digests, newest first" >/dev/null
bad=
for d in $NEW; do row_of "$d" | grep -qE " 2 0 [0-9]+\$" || bad="$bad $d"; done
is "${bad:-none}" none "the overview: no unread paper left in any new digest"
row_of 2025-11-07 | grep -qE " 2 2 5\$"
is "$?" 0 "  and the old digests as they were"
tui_keys Escape
tui_keys q
tui_wait_exit
is "$(tui_exit_status)" 0 "q quits with status 0"
# Seen: the new digests, and the newest cached one on screen while the fetch
# ran; the others known.
is "$(grep -c " s\$" "$STATE/seen-digests")" 23 "the new digests are remembered as seen"
is "$(grep " k\$" "$STATE/seen-digests" | tr '\n' ' ')" \
	"2025-11-03 k 2025-11-04 k 2025-11-05 k 2025-11-06 k " "  the older ones as known"

# --- one more post: the next start opens on it --------------------------------
publish 2025-12-08 70
TUI_ONLINE=1 tui_start 100 30 --source "$SRC"
tui_check "the next start fetches the new post" tui_wait_until "$((TUI_TIMEOUT * 12))" _facts_done
tui_check "  names it" grep -q "1 new digest (" "$TUI_SCREEN"
tui_check "  and opens on it" grep -q "Daily Papers — 2025-12-08" "$TUI_SCREEN"
tui_check "  its first paper new" _row_starts 1 N " "
tui_capture "$TMP/opening-100x30"
tui_keys q
tui_wait_exit

# --- the opening screen reads nothing -----------------------------------------
# mark-read in 1 ms: the opening screen's paper would be read at the first
# look. A star that another process sets, once the reader shows it, proves
# that time went by; then q, the only key.
OPEN_ID=$(id_of 2025-12-08 1)
TUI_ENV="DIGEST_TUI_TEST_MARK_READ_MS=1" tui_start 100 30
tui_check "offline: the newest digest with unread papers" tui_wait_for "Daily Papers — 2025-12-08"
cli --mark star "$(id_of 2025-12-08 2)" >/dev/null 2>&1
tui_check "  shows the star another process set" tui_wait_until "$((TUI_TIMEOUT * 2))" _row_starts 2 O "*"
tui_keys q
tui_wait_exit
cli --offline --list >"$TMP/list"
is "$(awk -F'\t' -v id="$OPEN_ID" '$3 == id { print $4 }' "$TMP/list")" - \
	"the opening screen's paper is still unread after a look without a key"

# --- a digest that arrives while reading: named, and one key away --------------
tui_start 100 30
tui_check "reading again (offline)" tui_wait_for "Daily Papers — 2025-12-08"
publish 2025-12-09 90
cli --fetch --source "$SRC" >/dev/null 2>&1
tui_check "a cron --fetch's new digest is named in the status line" \
	tui_wait_for "1 new digest: Dec 9" 10
tui_keys w
tui_check "w goes to it" tui_wait_for "Daily Papers — 2025-12-09"
tui_check "  at its first paper, new" _row_starts 1 N " "
tui_keys q
tui_wait_exit

# --- the overview in Korean: headings as wide as they read ---------------------
# Each number column's heading ends where its numbers end, and the date's
# starts where the dates start, whatever the headings' width in columns (a
# Hangul syllable takes two).
# _lined_up FILE: the headings (row 1) and the first digest's row (row 2) of
# the overview in FILE line up so.
_lined_up() {
	python3 - "$1" "$top_srcdir/tests/lib" <<'PY'
import sys
sys.path.insert(0, sys.argv[2])
from termwidth import width
rows = open(sys.argv[1], encoding="utf-8").read().split("\n")
def cells(line):
    out = []
    for ch in line:
        out += [ch] + [""] * (width(ch) - 1)
    return out
head, row = cells(rows[1]), cells(rows[2])
ends, prev = [], " "
for i, c in enumerate(row + [" "]):
    if c == " " and prev != " ":
        ends.append(i)
    prev = c
blank = lambda l, i: i >= len(l) or l[i] == " "
ok = all(not blank(head, e - 1) and blank(head, e) for e in ends[-3:])
ok = ok and all(not blank(l, 3) and blank(l, 2) for l in (head, row))
sys.exit(0 if ok and any(width(c) == 2 for c in rows[1]) else 1)
PY
}
. "$top_srcdir/tests/lib/locale.sh"
if ko_locale && ko_catalogue; then
	for size in "100 30" "60 20"; do
		TUI_ENV=$KO_ENV tui_start $size --offline
		tui_check "Korean, ${size% *} columns: the reader opens" tui_wait_for "Daily Papers — "
		tui_keys :
		tui_type digests
		tui_keys Enter
		tui_check "  :digests: the headings are Korean, each over its column" \
			tui_wait_until "$TUI_TIMEOUT" _lined_up "$TUI_SCREEN"
		tui_check "  and the overview fits" tui_fits "$TUI_SCREEN" "${size% *}"
		tui_keys q q
		tui_wait_exit
	done
else
	for n in 1 2 3 4 5 6; do skip "no Korean locale: $KO_LOCALE_WHY"; done
fi

plan_done
