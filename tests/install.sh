#!/bin/sh
# `make install` and `make uninstall` with DESTDIR: the program, both man pages
# in English and in Korean, the sample configuration, the sample digest, the
# bash completion and the Korean catalogue land under the prefix, work from
# there (man shows the Korean pages to a Korean reader), and uninstall leaves
# no file behind.
. "$top_srcdir/tests/lib/tap.sh"
: "${top_builddir:?run through make check}"

command -v make >/dev/null 2>&1 || skip_all "make is not installed"
[ -f "$top_builddir/Makefile" ] || skip_all "no Makefile in $top_builddir"

dest="$TMP/dest"
prefix=/usr/local
root="$dest$prefix"
# A make of its own: not a part of the make check that runs this test.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES GNUMAKEFLAGS

make -C "$top_builddir" install DESTDIR="$dest" prefix="$prefix" \
	>"$TMP/install.log" 2>&1; rc=$?
is "$rc" 0 "make install DESTDIR=... prefix=$prefix succeeds"
[ "$rc" -eq 0 ] || diag "$(tail -20 "$TMP/install.log")"

# installed WHAT PATH-PATTERN: exactly one file under the prefix matches.
installed() {
	found=$(cd "$root" 2>/dev/null && find . -type f -path "./$2" | sed 's|^\./||')
	if [ -n "$found" ] && [ "$(printf '%s\n' "$found" | wc -l)" -eq 1 ]; then
		pass "$1 is installed ($found)"
	else
		fail "$1 is installed"
		diag "no single file matches $root/$2; got: ${found:-nothing}"
	fi
}
installed "the program" "bin/digest-tui"
installed "digest-tui(1)" "share/man/man1/digest-tui.1"
installed "digest-tui.conf(5)" "share/man/man5/digest-tui.conf.5"
installed "digest-tui(1) in Korean" "share/man/ko/man1/digest-tui.1"
installed "digest-tui.conf(5) in Korean" "share/man/ko/man5/digest-tui.conf.5"
installed "the sample configuration" "share/digest-tui/digest-tui.conf"
installed "the bash completion" "share/bash-completion/completions/digest-tui"
if grep -q '^#define ENABLE_NLS 1' "$top_builddir/config.h" 2>/dev/null; then
	installed "the Korean catalogue" "share/locale/ko/LC_MESSAGES/digest-tui.mo"
else
	skip "built without NLS (configure --disable-nls): no catalogue"
fi
for post in "$SAMPLE_DIR"/*.md; do
	installed "the sample post $(basename "$post")" "share/digest-tui/sample/$(basename "$post")"
done

bin="$root/bin/digest-tui"
check "the installed program is executable" test -x "$bin"
out=$("$bin" --version 2>&1); rc=$?
is "$rc" 0 "the installed program runs"
contains "$out" "digest-tui " "  and names itself"
"$bin" --list "$root/share/digest-tui/sample" >"$TMP/list" 2>&1; rc=$?
is "$rc" 0 "the installed sample digest can be listed"

cmp -s "$root/share/digest-tui/digest-tui.conf" "$top_srcdir/config/digest-tui.conf"
is $? 0 "the installed sample configuration is config/digest-tui.conf"
cmp -s "$root/share/bash-completion/completions/digest-tui" \
	"$top_srcdir/config/digest-tui.bash-completion"
is $? 0 "the installed completion is config/digest-tui.bash-completion"
if command -v bash >/dev/null 2>&1; then
	out=$(bash -c '. "$1" && complete -p digest-tui' sh \
		"$root/share/bash-completion/completions/digest-tui" 2>&1)
	contains "$out" "_digest_tui" "the completion registers itself with bash"
else
	skip "bash is not installed"
fi

# `man digest-tui` finds the installed page (when man-db is there to ask).
if command -v man >/dev/null 2>&1 && man --version >/dev/null 2>&1; then
	out=$(MANPATH="$root/share/man" MANWIDTH=80 man -P cat digest-tui 2>/dev/null)
	contains "$out" "terminal reader for daily" "man digest-tui shows the installed page"
	out=$(MANPATH="$root/share/man" MANWIDTH=80 man -P cat 5 digest-tui.conf 2>/dev/null)
	contains "$out" "ambiguous-width" "man 5 digest-tui.conf shows the installed page"
	# A Korean reader gets the Korean pages: man -L ko, and a Korean locale
	# (made under $TMP when the system has none).
	out=$(MANPATH="$root/share/man" MANWIDTH=80 man -L ko -P cat digest-tui 2>/dev/null)
	contains "$out" "터미널 리더" "man -L ko digest-tui shows the Korean page"
	out=$(MANPATH="$root/share/man" MANWIDTH=80 man -L ko -P cat 5 digest-tui.conf 2>/dev/null)
	contains "$out" "DIGEST-TUI.CONF(5)" "man -L ko 5 digest-tui.conf shows a page"
	contains "$out" "이름" "  the Korean one"
	. "$top_srcdir/tests/lib/locale.sh"
	if ko_locale; then
		out=$(env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG="$KO_LOCALE" \
			MANPATH="$root/share/man" MANWIDTH=80 man -P cat digest-tui 2>/dev/null)
		contains "$out" "터미널 리더" "LANG=$KO_LOCALE man digest-tui shows the Korean page"
	else
		skip "no Korean locale: $KO_LOCALE_WHY"
	fi
else
	skip "man is not usable here"
	skip "man is not usable here"
fi

make -C "$top_builddir" uninstall DESTDIR="$dest" prefix="$prefix" \
	>"$TMP/uninstall.log" 2>&1; rc=$?
is "$rc" 0 "make uninstall DESTDIR=... succeeds"
left=$(find "$dest" ! -type d 2>/dev/null)
is "${left:-nothing}" nothing "make uninstall leaves no file behind"

plan_done
