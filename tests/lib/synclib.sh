# synclib.sh: two machines, A and B, for the sync tests (sourced after
# tap.sh and fetchlib.sh). Each machine is a home of its own under $TMP
# (configuration, state, data, cache), with no git configuration but the
# test's (GIT_CONFIG_GLOBAL=/dev/null); marks are given as a script gives
# them (tests/unit/marks_driver, the marks API --mark uses).
command -v git >/dev/null 2>&1 || skip_all "git is not installed (Debian package git)"
DRIVER=$top_builddir/tests/unit/marks_driver
[ -x "$DRIVER" ] || skip_all "tests/unit/marks_driver is not built (make check builds it)"

# One post of 60 papers, 2511.00001 to 2511.00060, read by --list.
POST=$TMP/post.md
make_post "$POST" 2025-11-01 60
id() { printf '2511.%05d' "$1"; }

# on M CMD...: runs CMD as machine M. on_exec does it in place of the
# (sub)shell, so that ( on_exec M CMD ) & makes $! the command's own pid.
on_exec() {
	_h=$TMP/$1
	shift
	exec env HOME="$_h" XDG_CONFIG_HOME="$_h/config" XDG_STATE_HOME="$_h/state" \
		XDG_DATA_HOME="$_h/data" XDG_CACHE_HOME="$_h/cache" \
		GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null "$@"
}
on() { (on_exec "$@"); }
# machine M LINE: makes machine M's home with LINE in its configuration.
machine() {
	mkdir -p "$TMP/$1/config/digest-tui"
	printf 'set metadata no\n%s\n' "$2" >"$TMP/$1/config/digest-tui/config"
}
# mark M VERB N...: machine M gives papers N... a mark, as a script does.
mark() {
	_m=$1 _v=$2
	shift 2
	_ids=
	for _n in "$@"; do _ids="$_ids $(id "$_n")"; done
	# shellcheck disable=SC2086
	on "$_m" "$DRIVER" "$_v" $_ids
}
# marks_of M: "N:MARKS" of every marked paper, as machine M's --list shows.
marks_of() {
	on "$1" "$DIGEST_TUI" --list "$POST" 2>"$TMP/list.err" |
		awk -F '\t' '$4 != "-" { printf "%d:%s ", $2, $4 }'
}
# mark_of M N: paper N's marks on machine M ("-" for none).
mark_of() {
	on "$1" "$DIGEST_TUI" --list "$POST" 2>/dev/null | awk -F '\t' -v n="$2" '$2 == n { print $4 }'
}
# note_of M N: the path of paper N's note on machine M.
note_of() { on "$1" "$DRIVER" note "$(id "$2")"; }
# sync_on M: digest-tui --sync on machine M; $rc, $OUT and $ERR.
sync_on() {
	on "$1" "$DIGEST_TUI" --sync >"$TMP/sync.out" 2>"$TMP/sync.err"
	rc=$?
	OUT=$(cat "$TMP/sync.out") ERR=$(cat "$TMP/sync.err")
}
# machine_name M: the name machine M made for itself.
machine_name() { cat "$TMP/$1/state/digest-tui/machine"; }
# random_ms LO HI: a random number of milliseconds from LO to HI.
random_ms() {
	_r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
	echo $(($1 + _r % ($2 - $1 + 1)))
}
# seconds MS: MS milliseconds as seconds for sleep and timeout (0.045).
seconds() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }
