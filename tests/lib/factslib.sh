# factslib.sh: helpers for the paper-facts tests (sourced after tap.sh and
# fetchlib.sh). The stand-in for Hugging Face and arXiv is
# tests/lib/facts_httpd.py, on 127.0.0.1 only.
#
#   facts_post FILE DATE ID...          a post with one paper per arXiv ID
#   start_facts_server                  sets FBASE; its log is FLOG (and LOG,
#                                       so fetchlib's log_settle reads it)
#   use_server HF_MODE ARXIV_MODE [CONFIG LINE...]
#                                       the configuration: facts on, asked of
#                                       those routes (ARXIV_MODE "": not asked)
#   flog_mark / flog_since              the facts server's log since a mark
#   holds_lock FILE                     true while another process flock()s FILE

FIX="$top_srcdir/tests/lib/facts"
FLOG="$TMP/facts.log"
LOG=$FLOG
FPID=
CONF="$XDG_CONFIG_HOME/digest-tui/config"
FACTS="$CACHE/facts"
trap '[ -n "$FPID" ] && kill "$FPID" 2>/dev/null; stop_server; stop_github; rm -rf "$TMP"' EXIT

facts_post() {
	_f=$1 _d=$2
	shift 2
	{
		printf -- '---\nlayout: post\ntitle: "Daily Papers — %s"\ndate: %s 08:00:00\n---\n' "$_d" "$_d"
		_k=1
		for _id in "$@"; do
			printf '\n# %d. [Paper %s](https://arxiv.org/abs/%s)\n\n' "$_k" "$_id" "$_id"
			printf '## Introduction\n\n- Goal: %s 논문의 목표.\n\n## Conclusion\n\n결론.\n' "$_id"
			_k=$((_k + 1))
		done
	} >"$_f"
}

start_facts_server() {
	rm -f "$TMP/fport"
	python3 "$top_srcdir/tests/lib/facts_httpd.py" --fixtures "$FIX" --port-file "$TMP/fport" \
		--log "$FLOG" --lifetime 240 &
	FPID=$!
	_i=0
	while [ ! -s "$TMP/fport" ] && [ $_i -lt 100 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	[ -s "$TMP/fport" ] || { echo "Bail out! the facts server did not start"; exit 1; }
	FBASE="http://127.0.0.1:$(cat "$TMP/fport")"
}

use_server() {
	{
		printf 'set metadata yes\n'
		printf 'set metadata-hf-url "%s/%s/daily_papers?date=%%F"\n' "$FBASE" "$1"
		if [ -n "$2" ]; then
			printf 'set metadata-arxiv-url %s/%s/query\n' "$FBASE" "$2"
		else
			printf 'set metadata-arxiv-url ""\n'
		fi
		shift 2
		for _l in "$@"; do printf '%s\n' "$_l"; done
	} >"$CONF"
}

flog_mark() { _fmark=$(wc -l <"$FLOG" | tr -d ' '); }
flog_since() { tail -n +"$((_fmark + 1))" "$FLOG"; }

holds_lock() {
	python3 - "$1" <<'PY'
import fcntl, sys
try:
    with open(sys.argv[1]) as f:
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
except BlockingIOError:
    sys.exit(0)
except OSError:
    pass
sys.exit(1)
PY
}
