#!/bin/sh
# --fetch learns the facts of exactly the posts it fetched, against a
# loopback stand-in of Hugging Face (tests/lib/facts_httpd.py): after a
# break of four weeks with a `days` window of 3, the catch-up brings 22 posts
# reaching far back past the window, and the facts of every one of them are
# learned in that run — not only those of the window's days, nor the
# backlog's bounded 7 days of papers without facts.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/fetchlib.sh"
. "$top_srcdir/tests/lib/factslib.sh"

# Hugging Face knows every paper of the posts published below: its own
# fixtures, one file a day.
FIX="$TMP/facts"
mkdir -p "$FIX" "$WWW/blog"
cp "$top_srcdir"/tests/lib/facts/arxiv-db.json "$FIX/"
# id_of DATE K: the K-th paper of DATE's post (YYMM.DD00K).
id_of() { printf '%s.%s00%s' "$(echo "$1" | sed 's/^..\(..\)-\(..\).*/\1\2/')" "${1#????-??-}" "$2"; }
publish() {
	facts_post "$WWW/blog/$1.md" "$1" "$(id_of "$1" 1)" "$(id_of "$1" 2)"
	printf '[{"paper": {"id": "%s", "title": "One", "upvotes": 7}},\n {"paper": {"id": "%s", "title": "Two", "upvotes": 3}}]\n' \
		"$(id_of "$1" 1)" "$(id_of "$1" 2)" >"$FIX/hf-$1.json"
}
start_facts_server
use_server hf ""
SRC="fx=file://$WWW/blog/%F.md"

for d in 2025-11-05 2025-11-06 2025-11-07; do publish "$d"; done
run_fetch --source "$SRC" --days 3 --until 2025-11-07
is "$rc" 0 "the cache is fetched through 2025-11-07, facts and all"
contains "$OUT" "facts: 6 learned" "  its three posts' facts learned"

# Four weeks of posts: 22 of the 26 days from 11-10 to 12-05.
NEW=
d=2025-11-10
while [ "$d" != 2025-12-06 ]; do
	case $d in 2025-11-16 | 2025-11-23 | 2025-11-30 | 2025-12-01) ;; *)
		publish "$d"
		NEW="$NEW $d" ;;
	esac
	d=$(date -u -d "$d + 1 day" +%F)
done

flog_mark
run_fetch --source "$SRC" --days 3 --until 2025-12-05
is "$rc" 0 "--fetch --days 3 after four weeks: exit 0"
contains "$OUT" "fx: 22 new" "  the catch-up brings 22 posts, 19 of them older than the window"
is "$(printf '%s\n' "$OUT" | grep '^facts: ')" \
	"facts: 44 learned, 0 not found, 2 known, 0 failed (22 Hugging Face requests, 0 arXiv requests)" \
	"  the facts of all 44 papers of those posts are learned in that run (11-07's, asked again, are fresh)"
log_settle
missing=
for d in $NEW; do flog_since | grep -q "date=$d" || missing="$missing $d"; done
is "${missing:-none}" none "  Hugging Face is asked for each new post's day, the oldest too"
check "  the oldest new post's facts are cached" test -s "$FACTS/$(id_of 2025-11-10 1).json"
is "$(flog_since | grep -c 'date=2025-11-0[567]')" 0 \
	"  the posts of before the break are not asked about again"
is "$ERR" "" "  nothing on stderr"

plan_done
