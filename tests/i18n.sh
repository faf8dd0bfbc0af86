#!/bin/sh
# The translations: po/ko.po translates every message the sources mark (none
# untranslated, none fuzzy, none the sources no longer have, the C formats
# alike), and so does the po/ko.gmo make built; every file that marks one is
# in po/POTFILES.in. Under a ko_KR.UTF-8 locale --help (every line of it but
# the option names and values), the usage errors, the configuration's errors
# (at the same FILE:LINE:COLUMN) and --check-config's comments, and
# --fetch's lines against the loopback stand-in (the same counts) are Korean,
# while what scripts read (--list, --search, --export, --dump,
# --check-config's settings, the exit statuses) is byte for byte the English
# run's, from the same cache and from a cache the Korean --fetch filled; the
# language setting forces either language, LANGUAGE counts as gettext says;
# and the reader runs in tmux under that locale.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/locale.sh"

po="$top_srcdir/po"

# ---- the catalogue against the sources ---------------------------------------
if ! command -v msgfmt >/dev/null 2>&1 || ! command -v xgettext >/dev/null 2>&1 ||
	! command -v msgcmp >/dev/null 2>&1; then
	skip_all "gettext's tools (msgfmt, xgettext, msgcmp) are not installed"
fi

msgfmt --check --statistics -o /dev/null "$po/ko.po" >"$TMP/stats" 2>&1; rc=$?
is "$rc" 0 "msgfmt --check accepts po/ko.po (header, C formats, plural forms)"
[ "$rc" -eq 0 ] || diag "$(head -n 20 "$TMP/stats")"
if grep -q 'translated message' "$TMP/stats" && ! grep -qE 'untranslated|fuzzy' "$TMP/stats"; then
	pass "po/ko.po: $(cat "$TMP/stats")"
else
	fail "po/ko.po has no untranslated and no fuzzy message"
	diag "$(cat "$TMP/stats")"
fi

# The template as po/Makefile makes it (po/Makevars' options), afresh.
opts=$(awk '/^XGETTEXT_OPTIONS[ \t]*=/ { on = 1; sub(/^[^=]*=/, "") }
	on { more = sub(/\\$/, ""); printf "%s ", $0; if (!more) exit }' "$po/Makevars")
# shellcheck disable=SC2086
xgettext $opts --add-comments=TRANSLATORS: --directory="$top_srcdir" \
	--files-from="$po/POTFILES.in" -o "$TMP/digest-tui.pot" 2>"$TMP/xgettext.err"
is "$?" 0 "xgettext makes the template from po/POTFILES.in with po/Makevars' options"
[ -s "$TMP/xgettext.err" ] && diag "$(head -n 10 "$TMP/xgettext.err")"

# msgcmp_entries: each entry that msgcmp's report ($TMP/msgcmp) names
# (FILE:LINE: why, LINE its msgstr's), as its msgctxt and msgid lines and
# the why.
msgcmp_entries() {
	grep -v ': warning: ' "$TMP/msgcmp" | sed -n 's/^\(.*\):\([0-9][0-9]*\): \(this message .*\)$/\1|\2|\3/p' |
		while IFS='|' read -r file line why; do
			awk -v n="$line" -v why="$why" '/^$/ { entry = ""; next }
				NR == n { print entry "(" why ")"; exit }
				!/^#/ && !/^msgstr/ { entry = entry $0 " " }' "$file"
		done
}
msgcmp -N "$po/ko.po" "$TMP/digest-tui.pot" >"$TMP/msgcmp" 2>&1; rc=$?
is "$rc" 0 "every message of the sources has a Korean translation in po/ko.po"
if [ "$rc" -ne 0 ]; then
	diag "untranslated, fuzzy or missing (translate them in po/ko.po; make update-po adds them):"
	diag "$(msgcmp_entries)"
fi
msgattrib --no-obsolete -o "$TMP/ko-live.po" "$po/ko.po"
msgcmp -N --use-untranslated --use-fuzzy "$TMP/digest-tui.pot" "$TMP/ko-live.po" \
	>"$TMP/msgcmp" 2>&1; rc=$?
is "$rc" 0 "po/ko.po holds no message that the sources no longer have"
if [ "$rc" -ne 0 ]; then
	diag "gone from the sources (make update-po makes them obsolete):"
	diag "$(msgcmp_entries)"
fi

# The catalogue make built (and make install installs) holds them too: it is
# po/ko.po merged with the template, which a plain make does not refresh.
if [ -f "$po/ko.gmo" ]; then
	msgunfmt -o "$TMP/ko-built.po" "$po/ko.gmo" &&
		msgcmp -N "$TMP/ko-built.po" "$TMP/ko-live.po" >"$TMP/msgcmp" 2>&1
	rc=$?
	is "$rc" 0 "po/ko.gmo, as built, has every translation of po/ko.po"
	if [ "$rc" -ne 0 ]; then
		diag "missing from po/ko.gmo (make update-po refreshes the template it is made with):"
		diag "$(msgcmp_entries)"
	fi
else
	skip "po/ko.gmo is not built (configure --disable-nls)"
fi

# Every file of src/ and ui/ that marks a message is in POTFILES.in (and
# every file listed exists): else its messages stay English unnoticed.
marked=$(cd "$top_srcdir" && grep -lE '(^|[^A-Za-z0-9_])(_|N_|C_)\("|ngettext \(|ngettext\(' \
	src/*.[ch] ui/*.[ch] 2>/dev/null | grep -v '^src/i18n\.h$')
listed=$(grep -v -e '^#' -e '^[[:space:]]*$' "$po/POTFILES.in")
missing=
for f in $marked; do
	printf '%s\n' "$listed" | grep -qxF "$f" || missing="$missing $f"
done
is "${missing:-none}" none "po/POTFILES.in lists every file that marks a message"
gone=
for f in $listed; do
	[ -f "$top_srcdir/$f" ] || gone="$gone $f"
done
is "${gone:-none}" none "every file po/POTFILES.in lists exists"

# ---- the program under a Korean locale ----------------------------------------
if ! grep -q '^#define ENABLE_NLS 1' "$top_builddir/config.h" 2>/dev/null; then
	skip "built without NLS (configure --disable-nls): the messages stay English"
	plan_done
	exit $?
fi
if ! ko_locale; then
	skip "$KO_LOCALE_WHY"
	plan_done
	exit $?
fi
ko_catalogue
pass "a ko_KR.UTF-8 locale${LOCPATH:+ (made by localedef in LOCPATH)} and the Korean catalogue"

in_c "$DIGEST_TUI" --help >"$TMP/help.en" 2>&1
in_ko "$DIGEST_TUI" --help >"$TMP/help.ko" 2>&1; rc=$?
is "$rc" 0 "--help under $KO_LOCALE exits 0"
contains "$(head -n 1 "$TMP/help.ko")" "사용법: digest-tui [OPTION]..." "--help under $KO_LOCALE is Korean"
contains "$(head -n 1 "$TMP/help.en")" "Usage: digest-tui [OPTION]..." "  and under C.UTF-8 English"
# Option names are typed: every one of the English help is in the Korean.
missing=
for o in $(grep -oE -- '--[a-z][a-z0-9-]*' "$TMP/help.en" | sort -u); do
	grep -qF -- "$o" "$TMP/help.ko" || missing="$missing $o"
done
is "${missing:-none}" none "  and names every option as the English does"
if command -v python3 >/dev/null 2>&1; then
	head -n 6 "$TMP/help.ko" >"$TMP/usage.ko"
	w=$(max_width "$TMP/usage.ko")
	check "  its usage paragraph fits 80 columns (Hangul counted as two): $w" \
		[ "$w" -le 80 ]
else
	skip "python3 is not installed: widths are not measured"
fi
# english_lines FILE: the lines of a --help without Hangul that still hold
# an English word once what is typed is taken out: option names, the values
# an option takes (all|starred|later) and the program's name.
english_lines() {
	python3 - "$1" <<'PY'
import re, sys
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    if re.search("[\uac00-\ud7a3]", line):
        continue
    rest = re.sub(r"--?[a-z][a-z0-9-]*", "", line.replace("digest-tui", ""))
    rest = re.sub(r"[a-z0-9-]+(\|[a-z0-9-]+)+", "", rest)
    if re.search("[a-z]{2,}", rest):
        print("%d: %s" % (n, line.rstrip()))
PY
}
if command -v python3 >/dev/null 2>&1; then
	is "$(english_lines "$TMP/help.ko")" "" \
		"  and no line of it is English but for option names and values"
	n=$(english_lines "$TMP/help.en" | grep -c .)
	check "  (the same check finds the English lines of the C.UTF-8 --help: $n)" [ "$n" -ge 20 ]
	is "$(grep -c . "$TMP/help.ko")" "$(grep -c . "$TMP/help.en")" \
		"  and it has a line for each line of the English"
else
	skip "python3 is not installed: the lines of --help are not read"
fi
in_ko "$DIGEST_TUI" --days 0 --list >/dev/null 2>"$TMP/err"; rc=$?
is "$rc" 2 "a bad option value is exit 2 under $KO_LOCALE"
contains "$(cat "$TMP/err")" "--days: '0': days 설정의 범위를 벗어났습니다 (가능한 값: 1에서 3660 사이의 정수)" \
	"  and said in Korean, the option's name and value as typed"
contains "$(cat "$TMP/err")" "'digest-tui --help'를 실행하십시오" "  with the hint in Korean"

# ---- what scripts read is the same in every language ---------------------------
XDG_CONFIG_HOME=$TMP/home/.config XDG_CACHE_HOME=$TMP/home/.cache
XDG_STATE_HOME=$TMP/home/.local/state HOME=$TMP/home
export XDG_CONFIG_HOME XDG_CACHE_HOME XDG_STATE_HOME HOME
mkdir -p "$XDG_CONFIG_HOME/digest-tui"
printf 'set metadata no\n' >"$XDG_CONFIG_HOME/digest-tui/config"
in_c "$DIGEST_TUI" --fetch --source "$FIXTURES/forme" --days 30 --until 2026-01-08 \
	>"$TMP/out" 2>"$TMP/err"
is "$?" 0 "the fixtures fill the cache"
in_c "$DIGEST_TUI" --mark star 2601.00101 2601.00202 2>"$TMP/err" &&
	in_c "$DIGEST_TUI" --mark later 2601.00202 2>>"$TMP/err" &&
	in_c "$DIGEST_TUI" --mark hide 2601.00301 2>>"$TMP/err" &&
	in_c "$DIGEST_TUI" --mark read 2601.00102 2>>"$TMP/err"
verdict $? "some papers are starred, queued for later, hidden and read" "$TMP/err"

# same NAME STATUS ARGS...: stdout alike under both locales (and not empty
# for a status 0), and the exit status STATUS under both.
same() {
	_name=$1 _want=$2; shift 2
	in_c "$DIGEST_TUI" "$@" >"$TMP/same.en" 2>"$TMP/same.err"; _en=$?
	in_ko "$DIGEST_TUI" "$@" >"$TMP/same.ko" 2>>"$TMP/same.err"; _ko=$?
	if [ "$_en $_ko" = "$_want $_want" ] && cmp -s "$TMP/same.en" "$TMP/same.ko" &&
		{ [ "$_want" -ne 0 ] || [ -s "$TMP/same.en" ]; }; then
		pass "$_name: the same bytes and exit status ($_want) under $KO_LOCALE as under C.UTF-8"
	else
		fail "$_name: the same bytes and exit status ($_want) under $KO_LOCALE as under C.UTF-8"
		diag "exit $_en and $_ko" "$(diff "$TMP/same.en" "$TMP/same.ko" | head -n 10)" \
			"$(head -n 10 "$TMP/same.err")"
	fi
}
same "--list" 0 --list
same "--list FILE" 0 --list "$FIXTURES/forme"
same "--list --sort upvotes" 0 --list --sort upvotes
same "--search" 0 --search model
for sel in all starred later; do
	for fmt in markdown bibtex tsv; do
		same "--export $sel --format $fmt" 0 --export "$sel" --format "$fmt"
	done
done
same "--dump" 0 --dump --width 70
same "--search with no match" 1 --search zzzznomatchzzzz
settings() {
	"$@" -c "$TMP/empty.conf" --check-config 2>&1 | grep -v '^#'
}
: >"$TMP/empty.conf"
is "$(settings in_ko "$DIGEST_TUI")" "$(settings in_c "$DIGEST_TUI")" \
	"--check-config's settings are the same under $KO_LOCALE (its comments may be translated)"

# ---- messages, counts, and the language setting -----------------------------
in_ko "$DIGEST_TUI" --mark star 2601.99999 >/dev/null 2>"$TMP/err"; rc=$?
is "$rc" 2 "an unknown ID is exit 2 under $KO_LOCALE as in English"
contains "$(cat "$TMP/err")" "2601.99999: 캐시에 있는 다이제스트의 논문이 아닙니다" \
	"  and is named in Korean"
contains "$(cat "$TMP/err")" "(ID 1개 중 1개를 알 수 없음)" "  with the count in Korean (ngettext, one form)"
in_c "$DIGEST_TUI" --mark star 2601.99999 >/dev/null 2>"$TMP/err"
contains "$(cat "$TMP/err")" "(1 of 1 IDs is unknown)" "in English one unknown ID is singular"
in_c "$DIGEST_TUI" --mark star 2601.99999 2601.99998 2601.00101 >/dev/null 2>"$TMP/err"
contains "$(cat "$TMP/err")" "(2 of 3 IDs are unknown)" "  and two are plural"

printf 'set metadata no\nset language ko\n' >"$TMP/ko.conf"
printf 'set metadata no\nset language en\n' >"$TMP/en.conf"
printf 'set metadata no\nset language auto\n' >"$TMP/auto.conf"
# mark_msg CONF ENV...: the --mark message for an unknown ID.
mark_msg() {
	_conf=$1; shift
	env -u LANGUAGE -u LC_ALL -u LANG -u LC_MESSAGES "$@" \
		"$DIGEST_TUI" -c "$_conf" --mark star 2601.99999 2>&1 | head -n 1
}
contains "$(mark_msg "$TMP/ko.conf" LC_ALL=C)" "캐시에 있는" \
	"set language ko: Korean even when the locale is C (LC_MESSAGES made C.UTF-8)"
contains "$(mark_msg "$TMP/ko.conf" LC_ALL=C.UTF-8)" "캐시에 있는" "set language ko: Korean under C.UTF-8"
contains "$(mark_msg "$TMP/en.conf" LC_ALL="$KO_LOCALE")" "is not a paper of the cached digests" \
	"set language en: English under $KO_LOCALE"
contains "$(mark_msg "$TMP/en.conf" LC_ALL="$KO_LOCALE" LANGUAGE=ko)" \
	"is not a paper of the cached digests" "  and over LANGUAGE=ko"
contains "$(mark_msg "$TMP/auto.conf" LANG="$KO_LOCALE")" "캐시에 있는" \
	"set language auto: LANG=$KO_LOCALE gives Korean"
contains "$(mark_msg "$TMP/auto.conf" LC_ALL=C.UTF-8 LANGUAGE=ko)" "캐시에 있는" \
	"  LANGUAGE=ko under C.UTF-8 too"
contains "$(mark_msg "$TMP/auto.conf" LC_ALL=C LANGUAGE=ko)" "is not a paper of the cached digests" \
	"  but not under the C locale, where gettext ignores LANGUAGE"
contains "$(mark_msg "$TMP/auto.conf" LC_ALL=C.UTF-8 LC_MESSAGES="$KO_LOCALE")" \
	"is not a paper of the cached digests" "  LC_ALL wins over LC_MESSAGES"
contains "$(mark_msg "$TMP/auto.conf" LANG=C.UTF-8 LC_MESSAGES="$KO_LOCALE")" "캐시에 있는" \
	"  LC_MESSAGES=$KO_LOCALE gives Korean"
printf 'set language fr\n' >"$TMP/fr.conf"
in_c "$DIGEST_TUI" -c "$TMP/fr.conf" --check-config >/dev/null 2>"$TMP/err"; rc=$?
is "$rc" 2 "set language fr is a configuration error"
contains "$(cat "$TMP/err")" "auto, en or ko" "  that names the languages"

# ---- the configuration's errors --------------------------------------------------
# hangul_free FILE...: the lines that hold no Hangul syllable (no byte 0xEA to
# 0xED, which start the UTF-8 of U+A000 to U+DFFF, the syllables among them; a
# range of Hangul in a pattern is refused by C.UTF-8's collation).
hangul_free() { LC_ALL=C grep -h -v "$(printf '[\352-\355]')" "$@"; }
# A file with one error a line: under the Korean locale each is Korean, at
# the same FILE:LINE:COLUMN as in English, and the words the user typed stay
# as typed.
cat >"$TMP/bad.conf" <<'CONF'
set dayz 3
set days 0
set layout diagonal
set list-width 300
bind list Q frob
color title purple default
source a url https://example.org/%Y-%m-%d.md
frob
set timeout 9 extra
set line-break
CONF
in_c "$DIGEST_TUI" -c "$TMP/bad.conf" --check-config >/dev/null 2>"$TMP/conf.en"; rc_en=$?
in_ko "$DIGEST_TUI" -c "$TMP/bad.conf" --check-config >"$TMP/conf.out" 2>"$TMP/conf.ko"; rc_ko=$?
is "$rc_en $rc_ko" "2 2" "--check-config with a bad file is exit 2 under both locales"
is "$(grep -c . "$TMP/conf.ko")" 10 "  one line for each of the 10 errors under $KO_LOCALE"
is "$(cut -d: -f1-4 "$TMP/conf.ko")" "$(cut -d: -f1-4 "$TMP/conf.en")" \
	"  at the same FILE:LINE:COLUMN as in English"
is "$(hangul_free "$TMP/conf.ko")" "" "  and every one of them is Korean"
is "$(cat "$TMP/conf.out")" "" "  nothing on stdout"
ko_err=$(cat "$TMP/conf.ko")
contains "$ko_err" ":1:5: 알 수 없는 설정 'dayz' (혹시 'days'입니까? 설정 목록은 --check-config와 digest-tui.conf(5)에 있습니다)" \
	"  an unknown setting, with the nearest name"
contains "$ko_err" ":2:10: '0': days 설정의 범위를 벗어났습니다 (가능한 값: 1에서 3660 사이의 정수)" \
	"  a value out of range, with the range in Korean"
contains "$ko_err" "'diagonal': layout 설정에 쓸 수 없는 값입니다 (가능한 값: auto, side 또는 stacked)" \
	"  a choice, its values as typed"
contains "$ko_err" "(가능한 값: 10에서 200 사이의 칸 수, 또는 10%에서 90% 사이의 백분율)" \
	"  a width, columns or percentage"
contains "$ko_err" "알 수 없는 동작 'frob'" "  an unknown action"
contains "$ko_err" "값 뒤에 예상하지 못한 'extra'" "  a word too many, in Korean word order"
contains "$ko_err" "line-break 설정의 값이 없습니다 (가능한 값: keep-all 또는 normal)" "  a missing value"
contains "$ko_err" "'https://example.org/%Y-%m-%d.md': 날짜 필드가 있습니다 (template 종류를 쓰십시오)" \
	"  a source of the wrong kind"
contains "$(cat "$TMP/conf.en")" ":2:10: '0' is out of range for days (expected a whole number from 1 to 3660)" \
	"  and the English messages are as they were"
: >"$TMP/empty.conf"
in_ko "$DIGEST_TUI" -c "$TMP/empty.conf" --check-config >"$TMP/eff.ko" 2>&1
contains "$(cat "$TMP/eff.ko")" "# 읽은 파일: $TMP/empty.conf" "--check-config's comments are Korean"
contains "$(cat "$TMP/eff.ko")" "# 메시지의 언어: 로캘의 언어(auto), 영어, 한국어 (auto, en 또는 ko)" \
	"  a setting's summary and values among them"

# ---- --fetch against the loopback stand-in -------------------------------------------
# The posts and the paper facts from tests/lib/facts_httpd.py (127.0.0.1), once
# under each locale into a cache of its own: --fetch's lines are Korean under
# ko_KR.UTF-8 with the same numbers, and what the two caches give --list,
# --export, --search and --dump is byte for byte the same.
if command -v python3 >/dev/null 2>&1; then
	mkdir -p "$TMP/www"
	for d in 2025-10-01:2510.10001:2510.10002:2510.10003 2025-10-02:2510.20001:2510.20002; do
		day=${d%%:*} ids=$(echo "${d#*:}" | tr : ' ')
		{
			printf -- '---\nlayout: post\ntitle: "Daily Papers — %s"\ndate: %s 08:00:00\n---\n' "$day" "$day"
			k=1
			for id in $ids; do
				printf '\n# %d. [Paper %s](https://arxiv.org/abs/%s)\n\n' "$k" "$id" "$id"
				printf '## Introduction\n\n- Goal: %s 논문의 목표.\n\n## Conclusion\n\n결론.\n' "$id"
				k=$((k + 1))
			done
		} >"$TMP/www/$day.md"
	done
	python3 "$top_srcdir/tests/lib/facts_httpd.py" --fixtures "$top_srcdir/tests/lib/facts" \
		--posts "$TMP/www" --port-file "$TMP/fport" --log "$TMP/flog" --lifetime 120 &
	fpid=$!
	at_exit "kill $fpid 2>/dev/null"
	wait_until 10 test -s "$TMP/fport"
	verdict $? "the posts and facts stand-in listens on 127.0.0.1"
	fbase="http://127.0.0.1:$(cat "$TMP/fport")"
	{
		printf 'set metadata yes\n'
		printf 'set metadata-hf-url "%s/hf/daily_papers?date=%%F"\n' "$fbase"
		printf 'set metadata-arxiv-url %s/arxiv/query\n' "$fbase"
	} >"$TMP/facts.conf"
	export DIGEST_TUI_TEST_ARXIV_GAP_MS=50 DIGEST_TUI_RETRY_MS=50
	unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
	export no_proxy='*' NO_PROXY='*'
	# fetch_in LANG: --fetch under C or ko into $TMP/LANG-cache, the days
	# 2025-10-01 to 2025-10-03 (the third has no post: 404); a second source
	# on a closed port of 127.0.0.1 cannot be reached.
	fetch_in() {
		XDG_CACHE_HOME=$TMP/$1-cache "in_$1" "$DIGEST_TUI" -c "$TMP/facts.conf" --fetch \
			--source "d=$fbase/posts/%F.md" --source "down=http://127.0.0.1:1/%F.md" \
			--days 3 --until 2025-10-03 >"$TMP/fetch.$1" 2>"$TMP/fetch-err.$1"
	}
	fetch_in c; rc_en=$?
	fetch_in ko; rc_ko=$?
	is "$rc_en $rc_ko" "1 1" "--fetch with a source that cannot be reached is exit 1 under both locales"
	is "$(grep -c . "$TMP/fetch.ko") $(grep -c . "$TMP/fetch-err.ko")" \
		"$(grep -c . "$TMP/fetch.c") $(grep -c . "$TMP/fetch-err.c")" \
		"  the same number of lines on stdout and stderr as in English"
	is "$(hangul_free "$TMP/fetch.ko" "$TMP/fetch-err.ko")" "" \
		"  every one of them Korean under $KO_LOCALE"
	# digits: the numbers of each line (but the "(404)" of its label).
	digits() { sed 's/(404)//' "$1" | tr -cd '0-9\n'; }
	is "$(digits "$TMP/fetch.ko")" "$(digits "$TMP/fetch.c")" \
		"  with the same counts, in the same order"
	contains "$(cat "$TMP/fetch.ko")" "d: 새 게시물 2개, 갱신 0개, 그대로 0개, 없음(404) 1개, 실패 0개" \
		"  a source's counts"
	contains "$(cat "$TMP/fetch.ko")" "논문 정보: 알아냄 " "  the facts' summary line"
	contains "$(cat "$TMP/fetch-err.ko")" "오프라인: 127.0.0.1의 1번 포트에 연결 못 함" \
		"  and the host that cannot be reached"
	contains "$(cat "$TMP/fetch.c")" "d: 2 new, 0 updated, 0 unchanged, 1 missing (404), 0 failed" \
		"  (in English: the lines as they were)"
	# same_caches NAME ARGS...: ARGS read the English run's cache under
	# C.UTF-8 and the Korean run's under ko_KR.UTF-8: the same bytes.
	same_caches() {
		_name=$1; shift
		XDG_CACHE_HOME=$TMP/c-cache in_c "$DIGEST_TUI" "$@" >"$TMP/same.en" 2>"$TMP/same.err"
		_en=$?
		XDG_CACHE_HOME=$TMP/ko-cache in_ko "$DIGEST_TUI" "$@" >"$TMP/same.ko" 2>>"$TMP/same.err"
		_ko=$?
		if [ "$_en $_ko" = "0 0" ] && [ -s "$TMP/same.en" ] && cmp -s "$TMP/same.en" "$TMP/same.ko"; then
			pass "$_name after the Korean --fetch: the bytes of the English one"
		else
			fail "$_name after the Korean --fetch: the bytes of the English one"
			diag "exit $_en and $_ko" "$(diff "$TMP/same.en" "$TMP/same.ko" | head -n 10)" \
				"$(head -n 10 "$TMP/same.err")"
		fi
	}
	same_caches "--list" --list
	same_caches "--list --sort upvotes" --list --sort upvotes
	same_caches "--search" --search 목표
	same_caches "--search author:" --search author:hopper
	for fmt in markdown bibtex tsv; do
		same_caches "--export all --format $fmt" --export all --format "$fmt"
	done
	same_caches "--dump (with the paper facts)" --dump --width 100
	check "  (the dump holds the facts: authors and upvotes)" \
		grep -q '^Authors  ' "$TMP/same.ko"
else
	skip "python3 is not installed: --fetch is not run against the stand-in"
fi

# ---- the reader under the Korean locale ----------------------------------------
if command -v tmux >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1; then
	. "$top_srcdir/tests/lib/tmux.sh"
	mkdir -p "$TMP/home/.config/digest-tui"
	printf 'set metadata no\n' >"$TMP/home/.config/digest-tui/config"
	TUI_ENV=$KO_ENV tui_start 100 30 "$FIXTURES/forme"
	tui_wait_for "Medical Image Segmentation"
	verdict $? "the reader starts under $KO_LOCALE in tmux and draws" "$TUI_SCREEN"
	tui_raw_utf8 "  what it writes to the terminal is valid UTF-8"
	tui_keys q
	tui_wait_exit
	is "$(tui_exit_status)" 0 "  and q leaves it with status 0"
else
	skip "tmux or python3 is not installed: the reader is not driven"
fi

plan_done
