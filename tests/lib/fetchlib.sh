# fetchlib.sh: helpers for the fetch tests (sourced after tap.sh). They run a
# local server (tests/lib/httpd.py) on 127.0.0.1 only, never the network.
#
#   start_server [httpd.py options]   sets PORT, BASE (http://127.0.0.1:PORT)
#   stop_server
#   make_post FILE DATE N [WORD]      a small valid post with N papers
#   make_posts DIR FIRST_DATE COUNT   one post a day (DIR/DATE.md)
#   run_fetch ARGS...                 digest-tui --fetch ARGS; sets rc, OUT, ERR,
#                                     COUNTS (OUT but the catch-up line), CATCHUP
#   short_date YYYY-MM-DD             as the catch-up line writes a date
#   snapshot FILE / same_snapshot FILE DESCRIPTION
#   log_mark / log_since              the server's request log since a mark
#                                     (LOG; LOG_BUSY its server's count of
#                                     requests being answered, serve.py)
#   start_github                      the GitHub stand-in (github_httpd.py)
#                                     over $REPOS/OWNER/REPO/BRANCH; sets GH
#                                     (its base URL), GH_LOG; LOG=GH_LOG

command -v python3 >/dev/null 2>&1 || skip_all "python3 is missing"

# --fetch must reach fetch_cli_run (main.c); it refuses --offline with 2.
"$DIGEST_TUI" --fetch --offline >/dev/null 2>"$TMP/probe"; _probe=$?
if [ "$_probe" -ne 2 ] || ! grep -q -- "--offline" "$TMP/probe"; then
	skip_all "digest-tui --fetch does not run fetch_cli_run yet (main.c)"
fi

export XDG_CACHE_HOME="$TMP/cache" HOME="$TMP/home"
# Paper facts are fetched only where a test asks for them (tests/facts.sh),
# from 127.0.0.1: no test reaches huggingface.co or arxiv.org.
export XDG_CONFIG_HOME="$TMP/config"
mkdir -p "$XDG_CONFIG_HOME/digest-tui"
printf 'set metadata no\n' >"$XDG_CONFIG_HOME/digest-tui/config"
CACHE="$XDG_CACHE_HOME/digest-tui"
# Fast failures for tests; the server is local, so no proxy either.
export DIGEST_TUI_RETRY_MS=50 DIGEST_TUI_LOW_SPEED_TIME=1 \
	DIGEST_TUI_CONNECT_TIMEOUT_MS=3000 DIGEST_TUI_LOCK_WAIT_MS=300
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export no_proxy='*' NO_PROXY='*'
WWW="$TMP/www"
mkdir -p "$WWW" "$HOME"
SERVER_PID=
PORT=
BASE=
LOG="$TMP/httpd.log"
LOG_BUSY="$TMP/port.busy"

stop_server() {
	if [ -n "$SERVER_PID" ]; then
		kill "$SERVER_PID" 2>/dev/null
		wait "$SERVER_PID" 2>/dev/null
	fi
	rm -f "$TMP/port.busy"
	SERVER_PID=
}
GH_PID=
stop_github() {
	if [ -n "$GH_PID" ]; then
		kill "$GH_PID" 2>/dev/null
		wait "$GH_PID" 2>/dev/null
	fi
	rm -f "$TMP/ghport.busy"
	GH_PID=
}
at_exit stop_server
at_exit stop_github

start_server() {
	stop_server
	rm -f "$TMP/port"
	python3 "$top_srcdir/tests/lib/httpd.py" --root "$WWW" --port-file "$TMP/port" \
		--log "$LOG" --lifetime 240 "$@" &
	SERVER_PID=$!
	wait_until 10 test -s "$TMP/port" || { echo "Bail out! the test server did not start"; exit 1; }
	PORT=$(cat "$TMP/port")
	BASE="http://127.0.0.1:$PORT"
}

# make_post FILE DATE N [WORD]
make_post() {
	_f=$1 _d=$2 _n=$3 _w=${4:-논문}
	{
		printf -- '---\nlayout: post\ntitle: "Daily Papers — %s"\n' "$_d"
		printf 'date: %s 08:15:00\ntags: [papers]\ncategories: []\n---\n' "$_d"
		_k=1
		while [ $_k -le "$_n" ]; do
			_id=$(printf '%s.%05d' "$(echo "$_d" | sed 's/^..\(..\)-\(..\).*/\1\2/')" "$_k")
			printf '\n# %d. [Paper %d of %s](https://arxiv.org/abs/%s)\n\n' "$_k" "$_k" "$_d" "$_id"
			printf '> [Alphaxiv](https://www.alphaxiv.org/ko/overview/%s)\n\n' "$_id"
			printf '## Introduction\n\n- Goal: 이 %s는 %d번째 문제를 푼다.\n' "$_w" "$_k"
			printf -- '- Motivation: 동기.\n- Contribution: 기여.\n\n'
			printf '## Method\n\n방법을 설명한다.\n\n## Conclusion\n\n결론.\n'
			_k=$((_k + 1))
		done
	} >"$_f"
}

# make_posts DIR FIRST_DATE COUNT: DIR/YYYY-MM-DD.md for COUNT days.
make_posts() {
	mkdir -p "$1"
	_i=0
	while [ $_i -lt "$3" ]; do
		_d=$(date -u -d "$2 + $_i days" +%F)
		make_post "$1/$_d.md" "$_d" 2
		_i=$((_i + 1))
	done
}

# run_fetch ARGS...: rc, OUT (stdout), ERR (stderr), SECS (wall time, seconds);
# COUNTS, the lines of stdout but the catch-up line, which is CATCHUP.
run_fetch() {
	_t0=$(date +%s%N)
	"$DIGEST_TUI" --fetch "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	_t1=$(date +%s%N)
	SECS=$(( (_t1 - _t0) / 1000000000 ))
	OUT=$(cat "$TMP/out")
	ERR=$(cat "$TMP/err")
	_catchup_re='^(caught up |[0-9]+ new digests? )'
	COUNTS=$(grep -v -E "$_catchup_re" "$TMP/out")
	CATCHUP=$(grep -E "$_catchup_re" "$TMP/out")
}

# short_date YYYY-MM-DD: a date as the catch-up line writes it, MM-DD in
# the current year.
short_date() {
	case $1 in
	"$(date +%Y)"-*) printf '%s\n' "${1#????-}" ;;
	*) printf '%s\n' "$1" ;;
	esac
}

snapshot() {
	(cd "$CACHE/posts" && sha256sum -- *.md) >"$1"
}

# same_snapshot FILE DESCRIPTION: every post in FILE is still there, unchanged.
same_snapshot() {
	if (cd "$CACHE/posts" && sha256sum --quiet -c "$1" >/dev/null 2>&1); then
		pass "$2"
	else
		fail "$2"
		diag "$(cd "$CACHE/posts" && sha256sum -c "$1" 2>&1 | grep -v ': OK$')"
	fi
}

# The server logs a request just after answering it, so a client can finish
# before its last request is logged: before taking the mark or reading what
# came since, wait until the server answers no request (LOG_BUSY), or, with
# no count to read, until the log has been still for 0.2 s (at most 5 s).
_log_idle() { [ "$(cat "$LOG_BUSY" 2>/dev/null)" = 0 ]; }
log_settle() {
	if [ -e "$LOG_BUSY" ]; then
		wait_until 5 _log_idle
		return 0
	fi
	_n=-1 _still=0 _waited=0
	while [ $_still -lt 2 ] && [ $_waited -lt 50 ]; do
		_now=$(wc -l <"$LOG" | tr -d ' ')
		if [ "$_now" = "$_n" ]; then _still=$((_still + 1)); else _still=0; fi
		_n=$_now
		sleep 0.1
		_waited=$((_waited + 1))
	done
}
# log_wait PATTERN N: waits (at most 10 s) until N lines of the log match.
log_wait() {
	_w=0
	while [ "$(grep -c -- "$1" "$LOG")" -lt "$2" ] && [ $_w -lt 100 ]; do
		sleep 0.1
		_w=$((_w + 1))
	done
}
log_mark() { log_settle; _mark=$(wc -l <"$LOG" | tr -d ' '); }
log_since() { log_settle; tail -n +"$((_mark + 1))" "$LOG"; }

count_posts() { find "$CACHE/posts" -name '*.md' | wc -l | tr -d ' '; }

# start_github: the trees API at $GH/api and the raw host at $GH/raw, serving
# the repositories under $REPOS (created); its log is also log_mark's.
start_github() {
	REPOS=${REPOS:-$TMP/repos}
	GH_LOG="$TMP/gh.log"
	LOG=$GH_LOG
	LOG_BUSY="$TMP/ghport.busy"
	mkdir -p "$REPOS"
	: >"$GH_LOG"
	rm -f "$TMP/ghport"
	python3 "$top_srcdir/tests/lib/github_httpd.py" --repos "$REPOS" \
		--port-file "$TMP/ghport" --log "$GH_LOG" --lifetime 240 "$@" &
	GH_PID=$!
	wait_until 10 test -s "$TMP/ghport" || { echo "Bail out! the GitHub stand-in did not start"; exit 1; }
	GH="http://127.0.0.1:$(cat "$TMP/ghport")"
}

# default_is_github: true when the default source is the github listing, so
# that a test relying on settings to point it at 127.0.0.1 cannot reach the
# public blog from a build of before (whose default was the public template).
default_is_github() {
	"$DIGEST_TUI" --help 2>/dev/null | grep -q 'github hahngt/hahngt.github.io'
}
