#!/bin/sh
# Installs the Debian packages digest-tui needs to build, run and test, and only
# calls apt-get when something is actually missing (so it is quick and quiet on a
# machine that already has everything).
set -eu

# ca-certificates: libcurl checks every https server against them, and they
# are only a Recommends of libcurl4 (not installed below): without them no
# digest could be fetched. It brings openssl, which the TLS test uses.
# libjansson-dev and libexpat1-dev read the paper facts (authors, abstracts)
# that Hugging Face (JSON) and the arXiv API (Atom XML) answer.
# liblinear-dev trains the "for me" ranking (logistic regression).
# gettext (msgfmt, xgettext, msgmerge) makes the translations' catalogues,
# autopoint gives autoreconf gettext's build files (po/Makefile.in.in, m4/),
# and locales has the sources from which tests/lib/locale.sh makes a
# ko_KR.UTF-8 locale (localedef) where the system has none.
# git carries the marks between machines (set sync-git; the sync tests run it
# against a bare repository), rsync stands in for a file syncer in a test.
packages="build-essential autoconf automake autopoint gettext pkgconf libncurses-dev \
libcurl4-openssl-dev ca-certificates libcmark-dev cmark libunistring-dev \
libjansson-dev libexpat1-dev liblinear-dev tmux python3 locales mandoc groff-base valgrind \
git rsync"

missing=""
for p in $packages; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done

if [ -n "$missing" ]; then
	echo "install-deps: installing:$missing" >&2
	if [ "$(id -u)" -eq 0 ]; then
		sudo=""
	elif command -v sudo >/dev/null 2>&1; then
		sudo="sudo"
	else
		echo "install-deps: need root or sudo to install:$missing" >&2
		exit 1
	fi
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi

# The tests and the reader want a UTF-8 locale; C.UTF-8 ships with libc on Debian 12.
exit 0
