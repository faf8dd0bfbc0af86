#!/bin/sh
# Catch-up and offline, against the loopback stand-ins (tests/lib/httpd.py,
# tests/lib/github_httpd.py): a cache fetched through one date, then weeks of
# posts; one --fetch with no --days or --until brings every one and names
# them in its catch-up line, for a URL template and for a github listing. A
# template far behind stops at the cap and says so (a paused blog whose days
# are known says nothing). A host that does not resolve, or refuses the
# connection, gets one request and one line; a listing that cannot reach the
# API makes no request of its date template; a 404 or a 500 of a host's first
# request hides nothing.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/fetchlib.sh"

TODAY=$(date +%F)
# day N: the date N days from today (N < 0: before).
day() { date -d "$TODAY $1 days" +%F; }
HTTPD_LOG=$LOG

# asked_before DATE LOG: how many requests of an httpd.py log asked for a
# day before DATE (paths /MODE/DIR/YYYY-MM-DD.md).
asked_before() {
	awk -F'\t' -v d="$1" '{ split($2, p, "/"); if (substr(p[4], 1, 10) < d) n++ }
		END { print n + 0 }' "$2"
}

# --- a URL template: a cache fetched through a date, then four weeks --------
# Cached: the six days up to 30 days ago. Then a post on every day since but
# one a week (25 posts over 29 days) and none today (a day without a post, so
# the host's first request is a 404).
make_posts "$WWW/c" "$(day -35)" 6
start_server
SRC="c=$BASE/ok/c/%F.md"
run_fetch --source "$SRC" --days 6 --until "$(day -30)"
is "$COUNTS" "c: 6 new, 0 updated, 0 unchanged, 0 missing (404), 0 failed" \
	"template: the cache holds the posts through $(day -30)"
i=29
while [ $i -ge 1 ]; do
	[ $((i % 7)) -ne 0 ] && make_post "$WWW/c/$(day -$i).md" "$(day -$i)" 2
	i=$((i - 1))
done
snapshot "$TMP/snap0"
log_mark
run_fetch --source "$SRC"
log_since >"$TMP/r1"
is "$rc" 0 "template: a fetch after four weeks, with no --days or --until, exits 0"
is "$COUNTS" "c: 25 new, 0 updated, 1 unchanged, 5 missing (404), 0 failed" \
	"  every post published meanwhile is new (the newest cached one unchanged)"
is "$CATCHUP" "caught up 30 days: 25 new digests ($(short_date "$(day -29)") … $(short_date "$(day -1)"))" \
	"  the catch-up line names the days and the new digests"
bad=0
for f in "$WWW"/c/*.md; do
	cmp -s "$f" "$CACHE/posts/$(basename "$f" .md)-c-post.md" || bad=$((bad + 1))
done
is "$bad" 0 "  the cache holds every served post, byte for byte"
same_snapshot "$TMP/snap0" "  the posts held before are as they were"
is "$(grep -c /ok/c/ "$TMP/r1")" 31 "  one request a day, from the newest cached post to today"
is "$(asked_before "$(day -30)" "$TMP/r1")" 0 \
	"  nothing before the newest cached post is asked"
is "$(head -n 1 "$TMP/r1" | cut -f2,3)" "/ok/c/$TODAY.md	404" \
	"  the host's first request was a 404 (today has no post): the rest went on"
run_fetch --source "$SRC"
is "$rc:$CATCHUP" "0:" "template: the next fetch brings nothing new and says nothing about catch-up"

# --- a github listing: cached through a date, then 27 days of posts ---------
REPOS="$TMP/repos"
start_github
CONF="$XDG_CONFIG_HOME/digest-tui/config"
printf 'set metadata no\nset github-api-url %s/api\nset github-raw-url %s/raw\n' "$GH" "$GH" >"$CONF"
unset GITHUB_TOKEN
FX="$REPOS/fx/blog/main/_posts"
mkdir -p "$FX"
# gh_posts FIRST LAST: a post a day from FIRST to LAST, Sundays left out.
gh_posts() {
	_d=$1
	while [ "$_d" != "$(date -u -d "$2 + 1 day" +%F)" ]; do
		[ "$(date -u -d "$_d" +%u)" = 7 ] ||
			make_post "$FX/$_d-daily-papers-$(echo "$_d" | tr -d -).md" "$_d" 2
		_d=$(date -u -d "$_d + 1 day" +%F)
	done
}
gh_posts 2025-03-03 2025-03-14
run_fetch --source "fx=github fx/blog" --until 2025-03-14
is "$COUNTS" "fx: 11 new, 0 updated, 0 unchanged, 0 missing (404), 0 failed" \
	"github: the cache holds the posts through 2025-03-14"
gh_posts 2025-03-15 2025-04-10
new=$(ls "$FX" | awk '$0 > "2025-03-15"' | wc -l | tr -d ' ')
log_mark
run_fetch --source "fx=github fx/blog"
log_since >"$TMP/r2"
is "$rc" 0 "github: a fetch after 27 days of posts, with no --days or --until, exits 0"
is "$COUNTS" "fx: $new new, 0 updated, 1 unchanged, 0 missing (404), 0 failed" \
	"  all $new posts published meanwhile are new"
is "$CATCHUP" "caught up 27 days: $new new digests ($(short_date 2025-03-15) … $(short_date 2025-04-10))" \
	"  the catch-up line names them"
is "$(grep -c '	/raw/' "$TMP/r2")" "$new" "  each downloaded once, nothing else"
missing=0
for f in "$FX"/*.md; do
	b=$(basename "$f")
	cmp -s "$f" "$CACHE/posts/$(echo "$b" | cut -c1-10)-fx-$(echo "$b" | cut -c12-)" ||
		missing=$((missing + 1))
done
is "$missing" 0 "  the cache holds every listed post"

# --- a template far behind: the cap -----------------------------------------
LOG=$HTTPD_LOG
cap=$(sed -n 's/^#define SOURCE_CATCHUP_MAX_DAYS \([0-9]*\).*/\1/p' "$top_srcdir/src/source.h")
is "$cap" 92 "the template's catch-up bound is 92 days (src/source.h)"
contains "$(tr -s ' \n' '  ' <"$top_srcdir/man/digest-tui.1")" "$cap days from the window's last day" \
	"  and digest-tui(1) says so"
# Cached: a post 140 days ago. Then a post every ten days, up to 10 days ago.
mkdir -p "$WWW/q"
make_post "$WWW/q/$(day -140).md" "$(day -140)" 2
run_fetch --source "q=$BASE/ok/q/%F.md" --days 1 --until "$(day -140)"
for k in 1 2 3 4 5 6 7 8 9 10 11 12 13; do
	make_post "$WWW/q/$(day -$((k * 10))).md" "$(day -$((k * 10)))" 2
done
log_mark
run_fetch --source "q=$BASE/ok/q/%F.md"
log_since >"$TMP/r3"
is "$rc" 0 "cap: 140 days behind, a fetch exits 0"
is "$COUNTS" "q: 9 new, 0 updated, 0 unchanged, 83 missing (404), 0 failed" \
	"  the last 92 days are fetched: 9 new posts"
is "$CATCHUP" "caught up 92 of 140 days: 9 new digests ($(short_date "$(day -90)") … $(short_date "$(day -10)")); older days not fetched; use --days 140" \
	"  and the catch-up line says the older days were not fetched, and how to"
is "$(grep -c /ok/q/ "$TMP/r3")" 92 "  92 requests, one a day"
is "$(asked_before "$(day -91)" "$TMP/r3")" 0 \
	"  none before the cap"
check "  the older posts are not cached yet" test ! -e "$CACHE/posts/$(day -100)-q-post.md"
run_fetch --source "q=$BASE/ok/q/%F.md" --days 140
is "$rc" 0 "cap: --days 140 reaches further"
bad=0
for f in "$WWW"/q/*.md; do
	cmp -s "$f" "$CACHE/posts/$(basename "$f" .md)-q-post.md" || bad=$((bad + 1))
done
is "$bad" 0 "  and brings the older posts too"
contains "$CATCHUP" "4 new digests ($(short_date "$(day -130)") … $(short_date "$(day -100)"))" \
	"  naming them"

# A paused blog: its last post 140 days ago, every day since known to have
# none (a --days 140 fetch asked each). The cap leaves out only known days.
mkdir -p "$WWW/z"
make_post "$WWW/z/$(day -140).md" "$(day -140)" 2
run_fetch --source "z=$BASE/ok/z/%F.md" --days 141
run_fetch --source "z=$BASE/ok/z/%F.md"
is "$rc:$OUT" "0:z: 0 new, 0 updated, 0 unchanged, 92 missing (404), 0 failed" \
	"a paused blog, every day since known: no 'older days not fetched' at every fetch"

# --- offline ----------------------------------------------------------------
# A shim counts the resolutions of *.invalid names (answered "no such name"
# at once, so no DNS query leaves the machine) and the connections to
# 127.0.0.1, by port: each one is a request attempt.
cat >"$TMP/netshim.c" <<'EOF'
/* Test-only LD_PRELOAD shim: logs each getaddrinfo() of a *.invalid name
 * (and fails it, as a resolver would) and each connect() to an IPv4 port. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
static void note(const char *line)
{
	const char *log = getenv("NETSHIM_LOG");
	int fd = log ? open(log, O_WRONLY | O_APPEND | O_CREAT, 0644) : -1;
	if (fd >= 0) {
		if (write(fd, line, strlen(line)) < 0) {
			/* a lost line fails the count, which is the point */
		}
		close(fd);
	}
}
int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
		struct addrinfo **res)
{
	size_t n = node ? strlen(node) : 0;
	if (n > 8 && !strcmp(node + n - 8, ".invalid")) {
		char line[300];
		snprintf(line, sizeof(line), "resolve %.250s\n", node);
		note(line);
		return EAI_NONAME;
	}
	int (*real)(const char *, const char *, const struct addrinfo *, struct addrinfo **) =
		(int (*)(const char *, const char *, const struct addrinfo *,
			 struct addrinfo **))dlsym(RTLD_NEXT, "getaddrinfo");
	return real(node, service, hints, res);
}
int connect(int fd, const struct sockaddr *sa, socklen_t len)
{
	if (sa && sa->sa_family == AF_INET) {
		char line[64];
		snprintf(line, sizeof(line), "connect %u\n",
			 (unsigned)ntohs(((const struct sockaddr_in *)(const void *)sa)->sin_port));
		note(line);
	}
	int (*real)(int, const struct sockaddr *, socklen_t) =
		(int (*)(int, const struct sockaddr *, socklen_t))dlsym(RTLD_NEXT, "connect");
	return real(fd, sa, len);
}
EOF
shim= why=
if ldd "$DIGEST_TUI" 2>/dev/null | grep -q 'libasan\|libtsan'; then
	why="the binary is built with a sanitizer, which must come first in LD_PRELOAD"
elif ${CC:-cc} -shared -fPIC -o "$TMP/netshim.so" "$TMP/netshim.c" -ldl 2>"$TMP/cc.err"; then
	shim=$TMP/netshim.so
else
	why="cannot build the shim: $(head -n 1 "$TMP/cc.err")"
fi
export NETSHIM_LOG="$TMP/net.log"
# net_fetch ARGS...: run_fetch under the shim (when there is one).
net_fetch() {
	: >"$NETSHIM_LOG"
	if [ -n "$shim" ]; then LD_PRELOAD=$shim run_fetch "$@"; else run_fetch "$@"; fi
}
# attempts PATTERN DESCRIPTION: one attempt logged by the shim.
attempts() {
	if [ -n "$shim" ]; then
		is "$(grep -c -- "$1" "$NETSHIM_LOG" | tr -d ' ')" 1 "$2"
	else
		skip "$2: $why"
	fi
}

snapshot "$TMP/snap1"
net_fetch --source "n=http://nohost.invalid/%F.md"
is "$rc" 1 "offline: a host that does not resolve exits 1"
is "$ERR" "digest-tui: offline: cannot resolve nohost.invalid; the cache is unchanged" \
	"  one line says so"
is "$COUNTS" "n: 0 new, 0 updated, 0 unchanged, 0 missing (404), 14 failed" \
	"  its 14 days count as failed"
attempts "resolve nohost.invalid" "  one request attempt, not one a day"
check "  quickly (${SECS}s)" test "$SECS" -lt 10
same_snapshot "$TMP/snap1" "  the cache is unchanged"

dead=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
net_fetch --source "d=http://127.0.0.1:$dead/ok/c/%F.md" --days 5
is "$rc" 1 "offline: a refused connection exits 1"
is "$ERR" "digest-tui: offline: cannot connect to 127.0.0.1 port $dead; the cache is unchanged" \
	"  one line says so"
attempts "connect $dead\$" "  one connection attempt"

# A github source whose API does not resolve: no date-template fallback.
LOG=$GH_LOG
printf 'set metadata no\nset github-api-url http://nohost.invalid/api\nset github-raw-url %s/raw\n' \
	"$GH" >"$CONF"
log_mark
net_fetch --source "off=github fx/blog"
is "$rc" 1 "offline: a github listing that does not resolve exits 1"
is "$ERR" "digest-tui: offline: cannot resolve nohost.invalid; the cache is unchanged" \
	"  one line, no 'using the date template instead'"
is "$(log_since | wc -l | tr -d ' ')" 0 "  no request of the date template (the raw host is up)"
attempts "resolve nohost.invalid" "  one request attempt"
printf 'set metadata no\n' >"$CONF"

# One source offline, another fine: the line does not claim the cache is
# unchanged.
LOG=$HTTPD_LOG
make_posts "$WWW/m" "$(day -2)" 2
net_fetch --source "m=$BASE/ok/m/%F.md" --source "n=http://nohost.invalid/%F.md" --days 3
is "$rc" 1 "offline, one source of two: exits 1"
is "$ERR" "digest-tui: offline: cannot resolve nohost.invalid; nothing fetched from it" \
	"  the line is about that host"
contains "$COUNTS" "m: 2 new" "  the other source's posts arrive"

# A host's first answer is a 500: a failure of its own, not an outage. The
# source b comes first, so its newest day is the host's first request.
mkdir -p "$WWW/a"
make_post "$WWW/a/$(day -1).md" "$(day -1)" 2
log_mark
run_fetch --source "b=$BASE/status/500/a/%F.md" --source "a=$BASE/ok/a/%F.md" --days 3
log_since >"$TMP/r5"
is "$rc" 1 "a 500 first: exits 1"
is "$(head -n 1 "$TMP/r5" | cut -f2,3)" "/status/500/a/$TODAY.md	500" "  the host's first answer was the 500"
is "$(printf '%s\n' "$ERR" | grep -c 'HTTP status 500')" 3 "  each of b's days fails on its own, one line each"
check "  no 'offline' line" sh -c "! printf '%s\n' \"\$1\" | grep -q offline" - "$ERR"
is "$(grep -c /status/500/ "$TMP/r5")" 9 "  each of b's days asked, with its retries"
is "$COUNTS" "b: 0 new, 0 updated, 0 unchanged, 0 missing (404), 3 failed
a: 1 new, 0 updated, 0 unchanged, 2 missing (404), 0 failed" "  and a's post arrives, its days without one missing"
plan_done
