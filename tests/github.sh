#!/bin/sh
# The github source against a loopback stand-in of GitHub's trees
# API and raw host (tests/lib/github_httpd.py): a fixture repository of our
# own, and the real posts of ../shared/corpus as the blog (skipped when
# absent), with "today" months after the newest post. Checks: the newest
# posts and no 404s on an empty cache, one listing per fetch, a second fetch
# downloads nothing, a changed post is the only one fetched again, a post
# removed upstream stays, rate limits and truncation fall back to the date
# template with one line, and the token is sent to the API only, never shown,
# and never over plain http to a host other than this machine.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/fetchlib.sh"

# like GOT ERE DESCRIPTION
like() {
	if printf '%s\n' "$1" | grep -q -E -- "$2"; then
		pass "$3"
	else
		fail "$3"
		diag "got:  $1" "want: /$2/"
	fi
}

REPOS="$TMP/repos"
start_github
CONF="$XDG_CONFIG_HOME/digest-tui/config"
printf 'set metadata no\nset github-api-url %s/api\nset github-raw-url %s/raw\n' "$GH" "$GH" >"$CONF"
unset GITHUB_TOKEN

api_requests() { grep -c "	/api/" "$1" | tr -d ' '; }
raw_requests() { grep -c "	/raw/" "$1" | tr -d ' '; }

# --- a fixture repository: fx/blog, posts in _posts with gaps -------------
# 2025-05-05..2025-05-23 on weekdays (15 posts), a README, a draft in a
# subdirectory, a dated file that is not .md, and an image tree.
FX="$REPOS/fx/blog/main"
mkdir -p "$FX/_posts/drafts" "$FX/assets/img"
d=2025-05-05
while [ "$d" != 2025-05-24 ]; do
	case $(date -u -d "$d" +%u) in
	6|7) ;;
	*) make_post "$FX/_posts/$d-daily-papers-$(echo "$d" | tr -d -).md" "$d" 2 ;;
	esac
	d=$(date -u -d "$d + 1 day" +%F)
done
printf '# the blog\n' >"$FX/_posts/README.md"
make_post "$FX/_posts/drafts/2025-05-30-daily-papers-20250530.md" 2025-05-30 1
printf 'x\n' >"$FX/_posts/2025-05-31-notes.txt"
printf 'png\n' >"$FX/assets/img/2025-05-29-x.md"
FXSRC="fx=github fx/blog"
# "today": ten months after the newest post.
TODAY=2026-03-20

# --- an empty cache: the newest posts, no 404 -----------------------------
log_mark
run_fetch --source "$FXSRC" --days 14 --until $TODAY
log_since >"$TMP/r1"
is "$rc" 0 "a first fetch exits 0"
is "$COUNTS" "fx: 10 new, 0 updated, 0 unchanged, 0 missing (404), 0 failed" \
	"the 10 weekday posts of the 14 days before the newest post"
is "$ERR" "" "nothing on stderr"
is "$(api_requests "$TMP/r1")" 1 "the listing is asked once"
is "$(raw_requests "$TMP/r1")" 10 "each post once"
is "$(awk -F'\t' '$3 == 404' "$TMP/r1" | wc -l | tr -d ' ')" 0 "no 404s"
check "the newest post is cached" test -f "$CACHE/posts/2025-05-23-fx-daily-papers-20250523.md"
check "the oldest in the window is cached" test -f "$CACHE/posts/2025-05-12-fx-daily-papers-20250512.md"
check "an older one is not" test ! -e "$CACHE/posts/2025-05-09-fx-daily-papers-20250509.md"
is "$(ls "$CACHE/posts" | grep -c -e drafts -e notes -e README -e '2025-05-29')" 0 \
	"drafts, README, non-.md and other trees are not posts"
cmp -s "$FX/_posts/2025-05-23-daily-papers-20250523.md" \
	"$CACHE/posts/2025-05-23-fx-daily-papers-20250523.md"
is "$?" 0 "a cached post is the served file"

# --- a second fetch downloads no post -----------------------------------
snapshot "$TMP/snap1"
log_mark
run_fetch --source "$FXSRC" --days 14 --until $TODAY
log_since >"$TMP/r2"
is "$COUNTS" "fx: 0 new, 0 updated, 10 unchanged, 0 missing (404), 0 failed" "a refresh: all unchanged"
is "$(api_requests "$TMP/r2")" 1 "the listing asked once"
is "$(awk -F'\t' '$2 ~ /^\/api\// {print $3}' "$TMP/r2")" 304 "conditionally: 304"
is "$(raw_requests "$TMP/r2")" 0 "and no post asked for at all"
same_snapshot "$TMP/snap1" "the cache is as it was"

# --- one post changed upstream: only that one ------------------------------
make_post "$FX/_posts/2025-05-20-daily-papers-20250520.md" 2025-05-20 3 변경
log_mark
run_fetch --source "$FXSRC" --days 14 --until $TODAY
log_since >"$TMP/r3"
is "$COUNTS" "fx: 0 new, 1 updated, 9 unchanged, 0 missing (404), 0 failed" "one post changed upstream"
is "$(awk -F'\t' '$2 ~ /^\/raw\// {print $2}' "$TMP/r3")" \
	"/raw/fx/blog/main/_posts/2025-05-20-daily-papers-20250520.md" "only it is fetched again"
cmp -s "$FX/_posts/2025-05-20-daily-papers-20250520.md" \
	"$CACHE/posts/2025-05-20-fx-daily-papers-20250520.md"
is "$?" 0 "with its new bytes"

# --- a cached post edited on disk is fetched again (validated, not trusted)
printf '\n' >>"$CACHE/posts/2025-05-19-fx-daily-papers-20250519.md"
log_mark
run_fetch --source "$FXSRC" --days 14 --until $TODAY
log_since >"$TMP/r4"
is "$(awk -F'\t' '$2 ~ /^\/raw\// {print $2}' "$TMP/r4")" \
	"/raw/fx/blog/main/_posts/2025-05-19-daily-papers-20250519.md" \
	"a post edited in the cache is asked for again"
cmp -s "$FX/_posts/2025-05-19-daily-papers-20250519.md" \
	"$CACHE/posts/2025-05-19-fx-daily-papers-20250519.md"
is "$?" 0 "and put right"

# --- a post removed upstream stays in the cache ----------------------------
rm "$FX/_posts/2025-05-21-daily-papers-20250521.md"
log_mark
run_fetch --source "$FXSRC" --days 14 --until $TODAY
log_since >"$TMP/r5"
is "$rc" 0 "a post removed upstream is no failure"
is "$(raw_requests "$TMP/r5")" 0 "and nothing is asked for"
check "it stays in the cache" test -f "$CACHE/posts/2025-05-21-fx-daily-papers-20250521.md"
contains "$("$DIGEST_TUI" --list 2>&1)" "2025-05-21" "--list still shows it"

# --- --until before the newest post: the window ends with the post before
run_fetch --source "$FXSRC" --days 1 --until 2025-05-18
is "$COUNTS" "fx: 0 new, 0 updated, 1 unchanged, 0 missing (404), 0 failed" \
	"--until on a Sunday: the Friday before"

# --- rate limited: one line, the date template over the same repository ---
touch "$REPOS/.ratelimit"
log_mark
run_fetch --source "$FXSRC" --days 3 --until 2025-05-23
log_since >"$TMP/r6"
is "$rc" 0 "a rate-limited listing is no failure"
is "$(printf '%s\n' "$ERR" | wc -l | tr -d ' ')" 1 "one line on stderr"
like "$ERR" "^digest-tui: fx: GitHub's rate limit is reached \(HTTP 403\); it can be asked again at [0-9][0-9]:[0-9][0-9]; using the date template instead$" \
	"saying so, with the time"
is "$(api_requests "$TMP/r6")" 1 "the listing was asked once"
is "$(awk -F'\t' '$2 ~ /^\/raw\// {print $2}' "$TMP/r6" | sort | tr '\n' ' ')" \
	"/raw/fx/blog/main/_posts/2025-05-21-daily-papers-20250521.md /raw/fx/blog/main/_posts/2025-05-22-daily-papers-20250522.md /raw/fx/blog/main/_posts/2025-05-23-daily-papers-20250523.md " \
	"then the template's URLs, one a day"
is "$COUNTS" "fx: 0 new, 0 updated, 2 unchanged, 1 missing (404), 0 failed" "which finds what exists"
rm "$REPOS/.ratelimit"
touch "$REPOS/.retry-after"
run_fetch --source "$FXSRC" --days 1 --until 2025-05-23
like "$ERR" "rate limit is reached \(HTTP 429\); it can be asked again at [0-9:]{5}; using the date template" \
	"429 with Retry-After too"
rm "$REPOS/.retry-after"
# A reset in the past (GitHub's clock and ours apart) or one that is no
# number: no time to name, and the sentence still reads.
for reset in 1000000000 soon; do
	printf '%s\n' "$reset" >"$REPOS/.ratelimit"
	run_fetch --source "$FXSRC" --days 1 --until 2025-05-23
	is "$ERR" "digest-tui: fx: GitHub's rate limit is reached (HTTP 403); it can be asked again later; using the date template instead" \
		"X-RateLimit-Reset: $reset: it can be asked again later"
done
rm "$REPOS/.ratelimit"

# --- truncated: fall back, say so ----------------------------------------
touch "$REPOS/.truncated"
rm -f "$CACHE"/github-*.listing
run_fetch --source "$FXSRC" --days 2 --until 2025-05-23
is "$ERR" "digest-tui: fx: GitHub cut the listing of fx/blog short (truncated); using the date template instead" \
	"a truncated listing falls back, saying so"
is "$COUNTS" "fx: 0 new, 0 updated, 2 unchanged, 0 missing (404), 0 failed" "to the template"
rm "$REPOS/.truncated"

# --- no such repository: fall back, one line -----------------------------
run_fetch --source "nr=github fx/nothing" --days 1 --until 2025-05-23
like "$ERR" "^digest-tui: nr: the GitHub listing of fx/nothing: HTTP status 404; using the date template instead" \
	"an unknown repository falls back, saying so"

# --- the token: to the API only, as a bearer; never printed -----------------
log_mark
GITHUB_TOKEN=tok_s3cr3t_value run_fetch --source "$FXSRC" --days 3 --until $TODAY
log_since >"$TMP/r7"
is "$(awk -F'\t' '$2 ~ /^\/api\// {print $4}' "$TMP/r7")" "bearer:16" "GITHUB_TOKEN is sent to the API as a bearer token"
printf 'set github-token tok_from_config\n' >>"$CONF"
touch "$REPOS/.ratelimit"
rm -f "$CACHE"/github-*.listing "$CACHE"/posts/*2025-05-23* "$CACHE"/meta/*2025-05-23*
log_mark
GITHUB_TOKEN=tok_s3cr3t_value run_fetch --source "$FXSRC" --days 1 --until 2025-05-23
log_since >"$TMP/r8"
is "$(awk -F'\t' '$2 ~ /^\/api\// {print $4}' "$TMP/r8")" "bearer:15" "the setting wins over GITHUB_TOKEN"
is "$(awk -F'\t' '$2 ~ /^\/raw\// {print $4}' "$TMP/r8" | sort -u)" "-" "the raw host never gets it"
check "no output names the token (rate-limited run)" sh -c "! grep -r -e tok_s3cr3t -e tok_from_config '$TMP/out' '$TMP/err'"
"$DIGEST_TUI" --check-config >"$TMP/cc" 2>&1
check "--check-config does not print it" sh -c "! grep -q tok_from_config '$TMP/cc'"
contains "$(cat "$TMP/cc")" 'set github-token ""  # set, not shown' "it says the token is set"
check "the cache does not hold it" sh -c "! grep -r -q -e tok_from_config -e tok_s3cr3t '$CACHE'"
printf 'set github-token "a b"\n' >>"$CONF"
run_fetch --source "$FXSRC" --days 1 --until 2025-05-23
is "$rc" 2 "a token with a blank is a usage error"
is "$ERR" "digest-tui: the GitHub token (github-token) holds a blank or a byte that is not visible ASCII; not used" \
	"in one line that does not quote it"
rm "$REPOS/.ratelimit"

# --- plain http to another host: the token is not sent --------------------
# An API named by a host that is not this machine, reached through the
# stand-in as an HTTP proxy: nothing leaves 127.0.0.1, and no name is looked up.
printf 'set metadata no\nset github-api-url http://api.github.invalid/api\nset github-raw-url %s/raw\n' \
	"$GH" >"$CONF"
export http_proxy="$GH" no_proxy=127.0.0.1 NO_PROXY=127.0.0.1 GITHUB_TOKEN=tok_s3cr3t_value
rm -f "$CACHE"/github-*.listing
log_mark
run_fetch --source "$FXSRC" --days 1 --until 2025-05-23
log_since >"$TMP/r9"
unset http_proxy GITHUB_TOKEN
export no_proxy='*' NO_PROXY='*'
is "$(awk -F'\t' '$2 ~ /^\/api\// {print $3 " " $4}' "$TMP/r9")" "200 -" \
	"plain http to another host: the listing is asked for without the token"
is "$ERR" "digest-tui: the GitHub token is not sent over plain http to api.github.invalid (github-api-url): only over https, or to 127.0.0.1, localhost or ::1; the listings are asked for without it" \
	"  saying so in one line"
is "$rc" 0 "  and the fetch goes on (status 0)"
check "  no output names the token" sh -c "! grep -r -q tok_s3cr3t '$TMP/out' '$TMP/err'"
printf 'set metadata no\nset github-api-url %s/api\nset github-raw-url %s/raw\n' "$GH" "$GH" >"$CONF"

# --- the real blog: the default source, no dates, "today" (the clock) ------
if ! default_is_github; then
	fail "the default source is github hahngt/hahngt.github.io (not run: it would be the public blog)"
elif have_corpus && ls "$CORPUS_DIR"/posts/*.md >/dev/null 2>&1; then
	CORPUS="$CORPUS_DIR/posts"
	BLOG="$REPOS/hahngt/hahngt.github.io/main/_posts"
	mkdir -p "$BLOG"
	cp "$CORPUS"/*.md "$BLOG"/
	newest=$(ls "$BLOG" | sort | tail -n 1)
	today=$(date +%F)
	rm -rf "$CACHE"
	log_mark
	run_fetch
	log_since >"$TMP/c1"
	is "$rc" 0 "the default source on an empty cache, no dates given (today $today, newest ${newest%%-daily*})"
	like "$COUNTS" "^hahngt: [1-9][0-9]* new, 0 updated, 0 unchanged, 0 missing \(404\), 0 failed$" \
		"brings the newest posts of the blog and no 404 ($OUT)"
	is "$(api_requests "$TMP/c1")" 1 "one listing"
	is "$(awk -F'\t' '$3 == 404' "$TMP/c1" | wc -l | tr -d ' ')" 0 "no 404s"
	check "the newest post is cached" test -f "$CACHE/posts/${newest%.md}" -o -f \
		"$CACHE/posts/$(echo "$newest" | sed 's/^\(..........\)-/\1-hahngt-/')"
	first=$(awk -F'\t' '{print $1}' <<EOT
$("$DIGEST_TUI" --list 2>/dev/null | sort -r | head -n 1)
EOT
)
	is "$first" "${newest%%-daily*}" "--list's newest digest is the blog's newest post"
	log_mark
	run_fetch
	log_since >"$TMP/c2"
	is "$(raw_requests "$TMP/c2")" 0 "a refresh asks for no post"
else
	for _k in 1 2 3 4 5 6 7; do skip "../shared/corpus is absent: the real-blog checks"; done
fi
plan_done
