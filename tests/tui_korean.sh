#!/bin/sh
# The reader under a ko_KR.UTF-8 locale, in tmux at 80x24, 60x20 and 100x30:
# the fetch's summary and catch-up line, the status line, the ? help, a
# question (O, declined), a : command's error and a search prompt are Korean
# (each checked against its translation in po/ko.po), every screen row fits
# the terminal's width, and no English message of the catalogue reaches the
# screen. The same keys in C.UTF-8 give the English messages, so the checks
# can tell the two apart.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/locale.sh"
. "$top_srcdir/tests/lib/fetchlib.sh"
. "$top_srcdir/tests/lib/tmux.sh"
tui_require_tmux

if ! grep -q '^#define ENABLE_NLS 1' "$top_builddir/config.h" 2>/dev/null; then
	skip_all "built without NLS (configure --disable-nls): the messages stay English"
fi
command -v msgfmt >/dev/null 2>&1 || skip_all "gettext's msgfmt is not installed"
ko_locale || skip_all "$KO_LOCALE_WHY"
ko_catalogue || skip_all "po/ko.po does not compile"
MO=$DIGEST_TUI_TEST_LOCALEDIR/ko/LC_MESSAGES/digest-tui.mo
# ko MSGID [PLURAL]: the longest literal piece of its translation; a
# message without one gives a piece no screen shows.
ko() {
	python3 "$top_srcdir/tests/lib/ko_screen.py" "$MO" tr "$@" ||
		{ echo "(untranslated: $1)"; return 1; }
}

# Three posts on the loopback stand-in, two of them in the cache already:
# the reader's own fetch brings the third and says so.
export DIGEST_TUI_LOW_SPEED_TIME=20 DIGEST_TUI_RETRIES=0
TUI_CACHE="$TMP/home/.cache"
make_posts "$WWW" 2026-11-20 3
start_server
mkdir -p "$TMP/home/.config/digest-tui"
cat >"$TMP/home/.config/digest-tui/config" <<EOF
set metadata no
set open-many 1
EOF

# The translations the checks look for (they fail when one is missing).
k_caught=$(ko "caught up %ld day" "caught up %ld days") || fail "no Korean catch-up line"
k_nostar=$(ko "no starred paper to open (s stars one)") || fail "no Korean for O without stars"
k_ask=$(ko "open %zu starred papers in the browser? (y/n)") ||
	k_ask=$(ko "open %lu starred paper in the browser? (y/n)" \
		"open %lu starred papers in the browser? (y/n)") || fail "no Korean O question"
k_declined=$(ko "not opened") || fail "no Korean for a declined O"
k_unknown=$(ko "unknown command '%s' (%s)") || fail "no Korean for an unknown command"

# english SCREEN...: no English message of the catalogue on them.
english() {
	python3 "$top_srcdir/tests/lib/ko_screen.py" "$MO" english "$@" >"$TMP/english"
}

# fresh_marks: no marks and no seen digests, as at a first start.
fresh_marks() {
	rm -rf "$TMP/home/.local/state/digest-tui" "$TMP/home/.local/share/digest-tui"
}

# one_size COLS ROWS: the whole walk at one terminal size.
one_size() {
	c=$1 r=$2 n=0
	screens=
	rm -rf "$TUI_CACHE"
	XDG_CACHE_HOME=$TUI_CACHE "$DIGEST_TUI" --fetch --source "$BASE/ok/%F.md" --days 2 \
		--until 2026-11-21 >/dev/null 2>&1
	fresh_marks
	TUI_ENV=$KO_ENV TUI_ONLINE=1 tui_start "$c" "$r" --source "$BASE/ok/%F.md" --days 3 \
		--until 2026-11-22
	tui_check "${c}x$r: the reader's fetch ends with the Korean catch-up line" \
		tui_wait_for "$k_caught"
	keep() {
		n=$((n + 1))
		cp "$TUI_SCREEN" "$TMP/screen-$c-$n"
		screens="$screens $TMP/screen-$c-$n"
	}
	keep
	tui_keys O
	tui_check "  O without a starred paper says so in Korean" tui_wait_for "$k_nostar"
	keep
	tui_keys s j s O
	tui_check "  O with two starred papers asks in Korean" tui_wait_for "$k_ask"
	keep
	tui_keys n
	tui_check "  declined: said in Korean" tui_wait_for "$k_declined"
	keep
	tui_keys : ; tui_type "nosuchcommand"; tui_keys Enter
	tui_check "  an unknown : command: the error in Korean" tui_wait_for "$k_unknown"
	keep
	tui_keys '?'
	tui_check "  ? shows the help" tui_wait_for "move-down"
	keep
	tui_keys q
	tui_wait_gone "move-down"
	tui_keys /
	tui_settle
	keep
	tui_keys Escape q
	tui_wait_exit
	is "$(tui_exit_status)" 0 "  q leaves it with status 0"
	bad=
	for s in $screens; do
		tui_fits "$s" "$c" >/dev/null 2>&1 || bad="$bad $(basename "$s")"
	done
	is "${bad:-none}" none "  every row of every screen fits $c columns"
	[ -z "$bad" ] || diag "$(cat $screens)"
	english $screens
	verdict $? "  no English message of the catalogue on any screen" "$(cat "$TMP/english")"
}

one_size 80 24
one_size 60 20
one_size 100 30

# The same walk in English shows the English messages: the checks above
# tell the languages apart.
fresh_marks
TUI_ONLINE=1 tui_start 80 24 --source "$BASE/ok/%F.md" --days 3 --until 2026-11-22
tui_wait_for "fetched: 0 new"
tui_keys O
tui_check "in C.UTF-8 the same key says it in English" \
	tui_wait_for "no starred paper to open (s stars one)"
tui_keys q
tui_wait_exit

plan_done
