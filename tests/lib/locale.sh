# locale.sh: a Korean locale and the build's Korean catalogue for the tests
# of translated messages (sourced, after tap.sh).
#
#   ko_locale        sets KO_LOCALE to ko_KR.UTF-8 when the system has it;
#                    else makes it with localedef under $TMP/locale and
#                    exports LOCPATH there (which C.UTF-8, built into the C
#                    library, survives), and LSAN_OPTIONS with a
#                    suppression of the C library's leak under LOCPATH.
#                    Returns 1 with the reason in KO_LOCALE_WHY when neither
#                    can be had (no localedef, or no sources of the locales
#                    package)
#   ko_catalogue     compiles po/ko.po into $TMP/localedir/ko/LC_MESSAGES/
#                    digest-tui.mo and exports DIGEST_TUI_TEST_LOCALEDIR (the
#                    program's stand-in for LOCALEDIR, src/testknob.h).
#                    Returns 1 without msgfmt
#   in_ko CMD...     runs CMD with LC_ALL=$KO_LOCALE and no LANGUAGE
#   in_c CMD...      runs CMD with LC_ALL=C.UTF-8 and no LANGUAGE
#
# KO_ENV holds "LC_ALL=... [LOCPATH=...] DIGEST_TUI_TEST_LOCALEDIR=..." for
# tmux.sh's TUI_ENV.

: "${TMP:?source tap.sh first}"

KO_LOCALE=
KO_LOCALE_WHY=
KO_ENV=

# _ko_works: the C library accepts $KO_LOCALE as a UTF-8 locale.
_ko_works() {
	[ "$(LC_ALL=$KO_LOCALE locale charmap 2>/dev/null)" = UTF-8 ] &&
		! LC_ALL=$KO_LOCALE locale 2>&1 >/dev/null | grep -q .
}

ko_locale() {
	KO_LOCALE=ko_KR.UTF-8
	if locale -a 2>/dev/null | grep -qiE '^ko_KR\.utf-?8$' && _ko_works; then
		KO_ENV="LC_ALL=$KO_LOCALE"
		return 0
	fi
	if ! command -v localedef >/dev/null 2>&1; then
		KO_LOCALE_WHY="no ko_KR.UTF-8 locale, and no localedef to make one"
		return 1
	fi
	_i18n=${I18NPATH:-/usr/share/i18n}
	if [ ! -f "$_i18n/locales/ko_KR" ] ||
		{ [ ! -f "$_i18n/charmaps/UTF-8" ] && [ ! -f "$_i18n/charmaps/UTF-8.gz" ]; }; then
		KO_LOCALE_WHY="no ko_KR.UTF-8 locale, and localedef lacks its sources ($_i18n/locales/ko_KR, charmaps/UTF-8: the Debian package locales)"
		return 1
	fi
	mkdir -p "$TMP/locale"
	localedef -i ko_KR -f UTF-8 "$TMP/locale/ko_KR.UTF-8" >"$TMP/localedef.log" 2>&1
	LOCPATH=$TMP/locale
	export LOCPATH
	if ! _ko_works; then
		unset LOCPATH
		KO_LOCALE_WHY="localedef could not make ko_KR.UTF-8: $(head -n 1 "$TMP/localedef.log")"
		return 1
	fi
	# glibc's newlocale keeps its copy of LOCPATH (argz) for good, and
	# p11-kit (under libcurl) calls it at load time: not the program's leak.
	# LeakSanitizer's frames stop at __argz_add_sep; valgrind's
	# (tools/valgrind.supp) reach newlocale. Its use is not reported: the
	# tests read the program's stderr line by line.
	printf 'leak:__argz_add_sep\n' >"$TMP/lsan.supp"
	LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$TMP/lsan.supp:print_suppressions=0"
	export LSAN_OPTIONS
	KO_ENV="LC_ALL=$KO_LOCALE LOCPATH=$LOCPATH LSAN_OPTIONS=$LSAN_OPTIONS"
	return 0
}

ko_catalogue() {
	command -v msgfmt >/dev/null 2>&1 || return 1
	mkdir -p "$TMP/localedir/ko/LC_MESSAGES"
	msgfmt -o "$TMP/localedir/ko/LC_MESSAGES/digest-tui.mo" "$top_srcdir/po/ko.po" ||
		return 1
	DIGEST_TUI_TEST_LOCALEDIR=$TMP/localedir
	export DIGEST_TUI_TEST_LOCALEDIR
	KO_ENV="$KO_ENV DIGEST_TUI_TEST_LOCALEDIR=$DIGEST_TUI_TEST_LOCALEDIR"
}

in_ko() { env -u LANGUAGE LC_ALL="$KO_LOCALE" "$@"; }
in_c() { env -u LANGUAGE LC_ALL=C.UTF-8 "$@"; }
