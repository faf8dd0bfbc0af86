#!/bin/sh
# Opening URLs and yanking them (src/launch.c) through tests/unit/launch_driver
# and fake browsers that record their argv: the exact URL arrives as one
# argument whatever it holds, no shell ever runs it, unsafe URLs are refused,
# $BROWSER lists are searched in order, nothing is left to reap.
. "$top_srcdir/tests/lib/tap.sh"

DRIVER="$top_builddir/tests/unit/launch_driver"
[ -x "$DRIVER" ] || skip_all "launch_driver not built"

BIN="$TMP/bin"
mkdir -p "$BIN" "$TMP/empty" "$TMP/work"
# A fake browser: records its name and arguments, NUL-terminated, then where
# its stdout goes and its session, and publishes the record atomically.
cat >"$BIN/fakebrowser" <<'EOF'
#!/bin/sh
PATH=/usr/bin:/bin
out=${FAKE_OUT:?}
printf '%s\0' "${0##*/}" "$@" >"$out.tmp"
stdout_is=$(readlink /proc/$$/fd/1 2>/dev/null)
printf '%s\n' "$stdout_is" >"$out.stdout"
sid=$(awk '{ print $6 }' /proc/$$/stat 2>/dev/null)
printf '%s\n' "$sid" >"$out.sid"
mv "$out.tmp" "$out"
exit "${FAKE_STATUS:-0}"
EOF
chmod +x "$BIN/fakebrowser"
cp "$BIN/fakebrowser" "$BIN/fakebrowser2"
# A fake clipboard: records its standard input.
cat >"$BIN/fakecopy" <<'EOF'
#!/bin/sh
cat >"${FAKE_OUT:?}.tmp" && mv "$FAKE_OUT.tmp" "$FAKE_OUT"
EOF
chmod +x "$BIN/fakecopy"

PATH="$BIN:$PATH"
export PATH
unset BROWSER TMUX
OUT="$TMP/record"
FAKE_OUT=$OUT
export FAKE_OUT

# wait_for FILE: up to 5 s for a detached child's record.
wait_for() {
	n=0
	while [ ! -e "$1" ] && [ $n -lt 100 ]; do
		sleep 0.05
		n=$((n + 1))
	done
	[ -e "$1" ]
}

# expect_argv DESCRIPTION WORD...: the record holds exactly these words.
expect_argv() {
	d=$1; shift
	printf '%s\0' "$@" >"$TMP/want"
	if wait_for "$OUT" && cmp -s "$TMP/want" "$OUT"; then
		pass "$d"
	else
		fail "$d"
		[ -e "$OUT" ] && diag "got: $(od -c "$OUT" | head -5)"
	fi
}

no_canary() {
	sleep 0.2
	if ls "$TMP/work" | grep -q canary || [ -e "$TMP/canary" ]; then
		fail "$1"
	else
		pass "$1"
	fi
}

# --- hostile but valid URLs arrive as one argument, normalized: every byte
# outside RFC 3986's plain set percent-encoded, so no shell could act on them
while IFS='	' read -r url want; do
	rm -f "$OUT"
	(cd "$TMP/work" && "$DRIVER" --command 'fakebrowser --new-tab %u' "$url") 2>"$TMP/err"
	is "$?" 0 "opens: $url"
	expect_argv "one argument, shell-safe: $want" fakebrowser --new-tab "$want"
done <<'EOF'
https://example.com/a;touch canary;b	https://example.com/a%3Btouch%20canary%3Bb
https://example.com/$(touch canary)	https://example.com/%24%28touch%20canary%29
https://example.com/`touch canary`	https://example.com/%60touch%20canary%60
https://example.com/it's "quoted"	https://example.com/it%27s%20%22quoted%22
https://example.com/a b  c	https://example.com/a%20b%20%20c
https://example.com/x|touch canary&&touch canary2>canary3	https://example.com/x%7Ctouch%20canary%26%26touch%20canary2%3Ecanary3
https://example.com/%u %s %% $HOME ~ * ?	https://example.com/%25u%20%25s%20%25%25%20%24HOME%20~%20%2A%20?
https://example.com/back\slash!	https://example.com/back%5Cslash%21
https://ko.wikipedia.org/wiki/강화학습	https://ko.wikipedia.org/wiki/%EA%B0%95%ED%99%94%ED%95%99%EC%8A%B5
https://arxiv.org/abs/2501.00007$(touch pwned)	https://arxiv.org/abs/2501.00007%24%28touch%20pwned%29
HTTPS://arxiv.org/abs/2501.00007?a=1#x	https://arxiv.org/abs/2501.00007?a=1#x
EOF
no_canary "no shell ran any of them (no canary file)"

# %u inside a word, quoting in the command, URL appended when there is no %u.
rm -f "$OUT"
"$DRIVER" --command "fakebrowser 'a b' \"c \\\"d\\\"\" --url=%u" 'https://e.com/?q=1' 2>/dev/null
expect_argv "quoted words and %u inside a word" fakebrowser 'a b' 'c "d"' '--url=https://e.com/?q=1'
rm -f "$OUT"
"$DRIVER" --command 'fakebrowser --private' 'https://e.com/' 2>/dev/null
expect_argv "without %u the URL is the last argument" fakebrowser --private 'https://e.com/'

# --- unsafe URLs are refused, nothing runs ---------------------------------
nl='
'
for url in 'javascript:alert(1)' 'JavaScript:alert(document.cookie)' 'file:///etc/passwd' \
	"https://example.com/${nl}touch canary" "$(printf 'https://example.com/\033]52;c;eA==\007')" \
	'-https://example.com' '--help' 'data:text/html,<script>alert(1)</script>' 'ftp://example.com/'
do
	rm -f "$OUT"
	(cd "$TMP/work" && "$DRIVER" --command 'fakebrowser %u' "$url") >/dev/null 2>"$TMP/err"
	rc=$?
	cat "$TMP/err" >>"$TMP/allerr"
	shown=$(printf '%s' "$url" | tr '\n\033' '??')
	if [ "$rc" -ne 0 ] && grep -q 'refusing to open' "$TMP/err" && [ "$(wc -l <"$TMP/err")" -eq 1 ]; then
		pass "refused with one message: $shown"
	else
		fail "refused with one message: $shown"
		diag "rc=$rc" "$(cat "$TMP/err")"
	fi
	sleep 0.1
	if [ -e "$OUT" ]; then fail "the browser did not run for: $shown"; else pass "the browser did not run for: $shown"; fi
done
no_canary "no canary after the refused URLs"
if grep -q "$(printf '\033')" "$TMP/allerr"; then
	fail "the refusal messages hold no raw escape"
else
	pass "the refusal messages hold no raw escape"
fi

# --- detached: own session, stdio on /dev/null, nothing left to reap --------
rm -f "$OUT" "$OUT.sid" "$OUT.stdout"
res=$("$DRIVER" --no-children --command fakebrowser 'https://example.com/d')
is "$res" "children: none" "the detached browser leaves no child or zombie"
wait_for "$OUT"
is "$(cat "$OUT.stdout")" "/dev/null" "the detached browser's stdout is /dev/null"
mysid=$(awk '{ print $6 }' /proc/$$/stat)
if [ -s "$OUT.sid" ] && [ "$(cat "$OUT.sid")" != "$mysid" ]; then
	pass "the detached browser runs in its own session"
else
	fail "the detached browser runs in its own session"
fi

# --- terminal browser: waits, keeps stdio, reports failure -----------------
rm -f "$OUT"
"$DRIVER" --wait --command fakebrowser 'https://example.com/w' >"$TMP/wout" 2>&1
is "$?" 0 "--wait returns once the browser exited"
if [ -e "$OUT" ]; then pass "the record exists as soon as --wait returns"; else fail "the record exists as soon as --wait returns"; fi
is "$(cat "$OUT.stdout")" "$TMP/wout" "a waited-for browser keeps the caller's stdout"
FAKE_STATUS=3 "$DRIVER" --wait --command fakebrowser 'https://example.com/w' 2>"$TMP/err"
rc=$?
if [ "$rc" -ne 0 ] && grep -q 'exited with status 3' "$TMP/err"; then
	pass "a failing terminal browser is reported"
else
	fail "a failing terminal browser is reported"
	diag "rc=$rc" "$(cat "$TMP/err")"
fi

# --- $BROWSER: the first one found in PATH ----------------------------------
rm -f "$OUT"
BROWSER="no-such-browser-1:no-such-browser-2 --x:fakebrowser2 --from-env %s:fakebrowser" \
	"$DRIVER" 'https://example.com/b' 2>"$TMP/err"
is "$?" 0 "BROWSER list"
expect_argv "BROWSER: the first existing entry, %s replaced" fakebrowser2 --from-env 'https://example.com/b'
rm -f "$OUT"
BROWSER="no-such-browser:fakebrowser" "$DRIVER" 'https://example.com/c' 2>/dev/null
expect_argv "BROWSER: the URL appended without %s" fakebrowser 'https://example.com/c'
rm -f "$OUT"
BROWSER="fakebrowser2" "$DRIVER" --command 'fakebrowser' 'https://example.com/c' 2>/dev/null
expect_argv "a configured command wins over BROWSER" fakebrowser 'https://example.com/c'

# --- xdg-open last; nothing at all is an error ------------------------------
cp "$BIN/fakebrowser" "$TMP/empty/xdg-open"
rm -f "$OUT"
PATH="$TMP/empty" BROWSER="no-such-browser" "$DRIVER" 'https://example.com/x' 2>/dev/null
expect_argv "xdg-open when BROWSER has nothing usable" xdg-open 'https://example.com/x'
rm -f "$TMP/empty/xdg-open" "$OUT"
PATH="$TMP/empty" "$DRIVER" 'https://example.com/x' 2>"$TMP/err"
rc=$?
if [ "$rc" -ne 0 ] && grep -q 'no browser found' "$TMP/err"; then
	pass "no browser at all: a clear error"
else
	fail "no browser at all: a clear error"
	diag "rc=$rc" "$(cat "$TMP/err")"
fi
"$DRIVER" --command 'no-such-browser-9 %u' 'https://example.com/x' 2>"$TMP/err"
rc=$?
if [ "$rc" -ne 0 ] && grep -q 'not found' "$TMP/err"; then
	pass "a configured browser that does not exist: a clear error"
else
	fail "a configured browser that does not exist: a clear error"
fi
"$DRIVER" --command "fakebrowser 'unterminated" 'https://example.com/x' 2>"$TMP/err"
rc=$?
if [ "$rc" -ne 0 ] && grep -q 'unterminated' "$TMP/err"; then
	pass "a badly quoted command: a clear error"
else
	fail "a badly quoted command: a clear error"
fi

# --- yank -------------------------------------------------------------------
rm -f "$OUT"
url='https://example.com/y;$(touch canary) `x`'
(cd "$TMP/work" && "$DRIVER" --yank 'fakecopy' "$url")
is "$?" 0 "yank command runs"
wait_for "$OUT"
is "$(cat "$OUT")" "$url" "the yank command gets the text on stdin, exactly"
no_canary "yank: no shell"
"$DRIVER" --yank 'no-such-copier' 'x' 2>"$TMP/err"
if [ $? -ne 0 ] && grep -q 'not found' "$TMP/err"; then
	pass "missing yank command: a clear error"
else
	fail "missing yank command: a clear error"
fi

url='https://arxiv.org/abs/2509.22622'
b64=$(printf '%s' "$url" | base64 | tr -d '\n')
"$DRIVER" --osc52 "$url" >"$TMP/osc"
printf '\033]52;c;%s\007' "$b64" >"$TMP/want"
check "OSC 52 sequence" cmp -s "$TMP/osc" "$TMP/want"
TMUX=/tmp/tmux-0/default,1,0 "$DRIVER" --osc52 "$url" >"$TMP/osc"
printf '\033Ptmux;\033\033]52;c;%s\007\033\\' "$b64" >"$TMP/want"
check "OSC 52 through tmux passthrough" cmp -s "$TMP/osc" "$TMP/want"

plan_done
