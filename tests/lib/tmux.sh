# tmux.sh: drives the real digest-tui in a private tmux server (sourced,
# after tap.sh). Every test gets its own server on "$TMP/tmux.sock", started
# with -f /dev/null, so tests run in parallel and never touch the user's tmux.
#
#   tui_require_tmux              skip_all when tmux (or python3) is missing
#   tui_start COLS ROWS ARGS...   run "$DIGEST_TUI" ARGS in a detached session
#                                 of that size; TERM=${TUI_TERM:-tmux-256color};
#                                 HOME and XDG_* point into $TMP; the raw bytes
#                                 the program writes go to $TMP/pty.raw
#                                 TUI_ENV="NAME=VALUE ..." adds to its
#                                 environment (after LC_ALL=C.UTF-8 and an
#                                 unset NO_COLOR)
#   tui_keys KEY...               tmux send-keys (key names: j Down C-d NPage ...)
#   tui_type TEXT                 send TEXT literally (send-keys -l)
#   tui_mouse KIND COL ROW        a click or wheel-up/-down at COL, ROW
#   tui_capture FILE              the screen as plain text, one line per row
#   tui_capture_attrs FILE        the same with SGR attributes (capture-pane -e)
#   tui_row N [FILE]              row N (0-based) of FILE (default $TUI_SCREEN)
#   tui_wait_for TEXT [TIMEOUT]   wait until TEXT is on screen (and drawn)
#   tui_wait_gone TEXT [TIMEOUT]  wait until TEXT is no longer on screen
#   tui_wait_row N TEXT [TIMEOUT] wait until row N holds TEXT
#   tui_wait_until TIMEOUT CMD... wait until CMD succeeds; CMD reads $TUI_SCREEN
#   tui_settle [TIMEOUT]          wait until the screen stops changing
#   tui_wait_drawn [TIMEOUT]      wait until the program has drawn, and settled
#   tui_resize COLS ROWS          resize the window (and wait for the pane)
#   tui_size                      prints the pane's "COLSxROWS"
#   tui_wait_exit [TIMEOUT]       wait until the program has exited
#   tui_exited                    true once the program has exited
#   tui_exit_status               the program's exit status
#   tui_stty_same                 true when `stty -g` after == before
#   tui_stderr_clean              true when the program's stderr has no
#                                 sanitizer report
#   tui_raw_lacks DESC REGEX      TAP: the bytes written to the terminal hold
#                                 no match of the Python bytes REGEX
#   tui_raw_utf8 DESC             TAP: those bytes are valid UTF-8 (no raw C1
#                                 or stray byte)
#   tui_stop                      kill the private tmux server
#
# At the end of the file: reading a captured screen (tui_list, tui_view,
# tui_geom, ...), the reader's screen in its own words (tui_last_row_has,
# tui_pos_is, tui_vrow, ...) and starting it (tui_restart, tui_quit,
# tui_cli, ...).
#
# Every wait polls every $WAIT_POLL seconds (tap.sh), returns 1 on timeout
# and leaves the last screen in $TUI_SCREEN (a file); nothing depends on
# fixed sleeps. Timeouts default to
# $TUI_TIMEOUT (5 s; 20 s when the binary is built with AddressSanitizer).
# The program's stderr goes to $TMP/tui.stderr (TUI_STDERR=pty keeps it on
# the terminal).

: "${TMP:?source tap.sh first}"

TUI_SESSION=tui
TUI_TARGET="$TUI_SESSION:0.0"
TUI_SCREEN="$TMP/screen"
TUI_RAW="$TMP/pty.raw"
TUI_EXIT_FILE="$TMP/exit"

# A Unix socket path must stay short (108 bytes); a long $TMPDIR gets a
# private directory under /tmp for the socket only.
TUI_SOCK="$TMP/tmux.sock"
if [ "${#TUI_SOCK}" -gt 90 ]; then
	TUI_SOCK="$(mktemp -d /tmp/dtui.XXXXXX)/s"
fi

if [ -z "${TUI_TIMEOUT:-}" ]; then
	TUI_TIMEOUT=5
	if [ -n "${DIGEST_TUI:-}" ] && [ -f "$DIGEST_TUI" ] &&
		grep -q -a -e __asan_init -e AddressSanitizer "$DIGEST_TUI" 2>/dev/null; then
		TUI_TIMEOUT=20
	fi
fi
# A slow program (AddressSanitizer, valgrind: a longer TUI_TIMEOUT) may take
# longer than two captures to answer a key: there the screen is polled every
# 50 ms, and a wait's first capture is not trusted before the second poll.
TUI_SLOW=
if [ "$TUI_TIMEOUT" -gt 5 ]; then
	TUI_SLOW=1
	WAIT_POLL=0.05
fi

_tmux() { tmux -S "$TUI_SOCK" -f /dev/null "$@"; }

_tui_end() {
	_tmux kill-server >/dev/null 2>&1
	case "$TUI_SOCK" in
	"$TMP"/*) ;;
	*) rm -rf "${TUI_SOCK%/s}" ;;
	esac
}
at_exit _tui_end
# The whole cleanup at once (tap.sh's), for a test whose own trap calls it.
_tui_cleanup() { tap_cleanup; }

tui_require_tmux() {
	command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
	command -v python3 >/dev/null 2>&1 || skip_all "python3 not installed"
	[ -x "$DIGEST_TUI" ] || skip_all "$DIGEST_TUI not built"
}

# _tui_q ARG: ARG quoted for sh.
_tui_q() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}


tui_start() {
	_cols=$1 _rows=$2; shift 2
	TUI_COLS=$_cols TUI_ROWS=$_rows
	_term=${TUI_TERM:-tmux-256color}
	if ! infocmp "$_term" >/dev/null 2>&1; then
		if [ -z "${TUI_TERM:-}" ] && infocmp screen-256color >/dev/null 2>&1; then
			_term=screen-256color
		else
			skip_all "no terminfo entry for $_term"
		fi
	fi
	mkdir -p "$TMP/home/.config" "$TMP/home/.local/share" "$TMP/home/.cache" \
		"$TMP/home/.local/state" "$TMP/run" "$TMP/cwd" "$TMP/bin"
	chmod 700 "$TMP/run"
	# Paper facts off unless the test writes its own config (a reader
	# online would ask Hugging Face and arXiv after the posts).
	if [ ! -e "$TMP/home/.config/digest-tui/config" ]; then
		mkdir -p "$TMP/home/.config/digest-tui"
		printf 'set metadata no\n' >"$TMP/home/.config/digest-tui/config"
	fi
	# Anything that would open a browser or a pager only leaves a note.
	printf '#!/bin/sh\necho "$0 $*" >> "%s/launched"\n' "$TMP" >"$TMP/bin/stub"
	chmod +x "$TMP/bin/stub"
	_tmux kill-server >/dev/null 2>&1   # one program at a time
	rm -f "$TMP/go" "$TUI_EXIT_FILE" "$TMP/stty.before" "$TMP/stty.after"
	: >"$TUI_RAW"

	_cmd=$(_tui_q "$DIGEST_TUI")
	# Never the public default source: a test that fetches names its own
	# 127.0.0.1 source and sets TUI_ONLINE=1.
	[ -n "${TUI_ONLINE:-}" ] || _cmd="$_cmd --offline"
	for _a in "$@"; do _cmd="$_cmd $(_tui_q "$_a")"; done
	if [ "${TUI_STDERR:-}" = pty ]; then
		_err=
	else
		_err="2>$(_tui_q "$TMP/tui.stderr")"
	fi
	_t=$(_tui_q "$TMP")
	cat >"$TMP/run.sh" <<EOF
#!/bin/sh
# Generated by tests/lib/tmux.sh: waits until the pane is piped, runs the
# program, then records its exit status and the terminal modes.
T=$_t
HOME=\$T/home XDG_CONFIG_HOME=\$T/home/.config XDG_DATA_HOME=\$T/home/.local/share
XDG_CACHE_HOME=\$T/home/.cache XDG_STATE_HOME=\$T/home/.local/state
XDG_RUNTIME_DIR=\$T/run XDG_CONFIG_DIRS=\$T/home/.config XDG_DATA_DIRS=\$T/home/.local/share
BROWSER=\$T/bin/stub PAGER=\$T/bin/stub EDITOR=\$T/bin/stub VISUAL=\$T/bin/stub
TERM=$(_tui_q "$_term") LC_ALL=C.UTF-8
export HOME XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_STATE_HOME
export XDG_RUNTIME_DIR XDG_CONFIG_DIRS XDG_DATA_DIRS BROWSER PAGER EDITOR VISUAL TERM LC_ALL
unset LANG LANGUAGE TMUX TMUX_PANE COLUMNS LINES DISPLAY WAYLAND_DISPLAY NO_COLOR
$([ -n "${TUI_ENV:-}" ] && echo "export $TUI_ENV")
while [ ! -e "\$T/go" ]; do sleep 0.02; done
stty -g >"\$T/stty.before" 2>/dev/null
$_cmd $_err
rc=\$?
stty -g >"\$T/stty.after" 2>/dev/null
echo "exit=\$rc" >"\$T/exit.tmp" && mv "\$T/exit.tmp" "\$T/exit"
EOF
	_tmux new-session -d -s "$TUI_SESSION" -x "$_cols" -y "$_rows" -c "$TMP/cwd" \
		"sh $(_tui_q "$TMP/run.sh")" \; \
		set -g status off \; set -g window-size manual \; \
		set -g remain-on-exit on \; set -g history-limit 0 \; \
		set -g default-terminal "$_term" \; \
		set -g allow-rename off \; set -g set-titles off || return 1
	_tmux pipe-pane -o -t "$TUI_TARGET" "cat >>$(_tui_q "$TUI_RAW")" || return 1
	touch "$TMP/go"
	_tui_size_is "$_cols" "$_rows"
	return 0
}

tui_keys() { _tmux send-keys -t "$TUI_TARGET" "$@"; }
tui_type() { _tmux send-keys -t "$TUI_TARGET" -l "$1"; }
# tui_mouse click|wheel-up|wheel-down COL ROW: a mouse event at COL, ROW
# (1-based, below 95), typed in the encoding the terminal type's kmous names:
# SGR (ESC [ <) or X10 (ESC [ M).
tui_mouse() {
	_seq=$(infocmp -x "$_term" 2>/dev/null | python3 -c '
import re, sys
kind, x, y = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sgr = re.search(r"kmous=\\E\[<", sys.stdin.read()) is not None
button = {"click": 0, "wheel-up": 64, "wheel-down": 65}[kind]
def ev(b, up=False):
    if sgr:
        return "\x1b[<%d;%d;%d%s" % (b, x, y, "m" if up else "M")
    return "\x1b[M" + chr(32 + (3 if up else b)) + chr(32 + x) + chr(32 + y)
sys.stdout.write(ev(button) + (ev(button, True) if kind == "click" else ""))
' "$1" "$2" "$3")
	tui_type "$_seq"
}

# On a terminal whose line drawing goes through the alternate character set
# (vt100, linux: SO/SI with G1 = DEC graphics), tmux keeps the ASCII letter
# (x for │) and marks the cell; capture-pane -e shows the marking as SO/SI,
# so the capture is taken with -e and mapped to the Unicode characters.
tui_capture() {
	case ${_term:-tmux} in
	tmux* | screen*)
		_tmux capture-pane -p -t "$TUI_TARGET" >"$1"
		;;
	*)
		_tmux capture-pane -p -e -t "$TUI_TARGET" >"$1.e" &&
			python3 "$TMP/screen.py" acs "$1.e" >"$1"
		;;
	esac
}
tui_capture_attrs() { _tmux capture-pane -p -e -t "$TUI_TARGET" >"$1"; }

tui_row() { sed -n "$(($1 + 1))p" "${2:-$TUI_SCREEN}"; }

tui_size() { _tmux display -p -t "$TUI_TARGET" '#{pane_width}x#{pane_height}'; }

_tui_size_eq() { [ "$(tui_size 2>/dev/null)" = "$1x$2" ]; }
_tui_size_is() { wait_until "$TUI_TIMEOUT" _tui_size_eq "$1" "$2"; }

# tui_wait_until TIMEOUT CMD...: polls the screen into $TUI_SCREEN (every
# $WAIT_POLL seconds) until CMD succeeds on two identical captures in a row
# (so a half-drawn screen never counts). CMD runs only on a capture that is
# the same as the one before: many read the screen through Python. The
# first two captures are taken one after the other (a capture takes a few
# ms): a screen already drawn is not waited for (but see TUI_SLOW).
tui_wait_until() {
	_n=$(wait_polls "$1"); shift
	: >"$TUI_SCREEN.prev"
	_first=1
	[ -z "$TUI_SLOW" ] || _first=
	while :; do
		tui_capture "$TUI_SCREEN" 2>/dev/null
		if cmp -s "$TUI_SCREEN" "$TUI_SCREEN.prev"; then
			"$@" && return 0
		else
			cp "$TUI_SCREEN" "$TUI_SCREEN.prev"
		fi
		if [ -n "$_first" ]; then
			_first=
			continue
		fi
		[ "$_n" -le 0 ] && return 1
		_n=$((_n - 1))
		sleep "$WAIT_POLL"
	done
}

_tui_has() { grep -q -F -e "$1" "$TUI_SCREEN"; }
_tui_hasnt() { ! grep -q -F -e "$1" "$TUI_SCREEN"; }
_tui_row_has() { tui_row "$1" | grep -q -F -e "$2"; }
_tui_true() { :; }

tui_wait_for() { tui_wait_until "${2:-$TUI_TIMEOUT}" _tui_has "$1"; }
tui_wait_gone() { tui_wait_until "${2:-$TUI_TIMEOUT}" _tui_hasnt "$1"; }
tui_wait_row() { tui_wait_until "${3:-$TUI_TIMEOUT}" _tui_row_has "$1" "$2"; }
tui_settle() { tui_wait_until "${1:-$TUI_TIMEOUT}" _tui_true; }

tui_resize() {
	_tmux resize-window -t "$TUI_SESSION:0" -x "$1" -y "$2" || return 1
	TUI_COLS=$1 TUI_ROWS=$2
	_tui_size_is "$1" "$2"
}

# tui_wait_drawn [TIMEOUT]: the program has written to the terminal and the
# screen has settled (for sizes where no text can be waited for).
_tui_raw_nonempty() { [ -s "$TUI_RAW" ]; }
tui_wait_drawn() { tui_wait_until "${1:-$TUI_TIMEOUT}" _tui_raw_nonempty; }

tui_exited() { [ -e "$TUI_EXIT_FILE" ]; }

tui_wait_exit() { wait_until "${1:-$TUI_TIMEOUT}" tui_exited; }

tui_exit_status() {
	[ -e "$TUI_EXIT_FILE" ] && sed -n 's/^exit=//p' "$TUI_EXIT_FILE"
}

tui_stty_same() {
	[ -s "$TMP/stty.before" ] && cmp -s "$TMP/stty.before" "$TMP/stty.after"
}

tui_stderr_clean() {
	[ ! -s "$TMP/tui.stderr" ] && return 0
	! crash_report "$TMP/tui.stderr"
}

tui_stop() {
	_tmux kill-server >/dev/null 2>&1
	return 0
}

# tui_raw_lacks DESC REGEX: the program never wrote a match of REGEX (Python,
# over bytes) to its terminal. tui_raw_utf8 DESC: what it wrote is valid
# UTF-8. A failure shows the first three places.
tui_raw_lacks() { _tui_raw_check "$1" lacks "$2"; }
tui_raw_utf8() { _tui_raw_check "$1" utf8; }
_tui_raw_check() {
	python3 - "$TUI_RAW" "$2" "${3:-}" >"$TMP/raw.found" <<'PY'
import re, sys
raw = open(sys.argv[1], "rb").read()
if sys.argv[2] == "lacks":
    hits = [m.start() for m in re.finditer(sys.argv[3].encode(), raw, re.S)]
    shown = [repr(raw[max(0, at - 20):at + 40]) for at in hits[:3]]
else:
    text = raw.decode("utf-8", "surrogateescape")
    hits = [i for i, ch in enumerate(text) if "\udc80" <= ch <= "\udcff"]
    shown = [ascii(text[max(0, i - 20):i + 20]) for i in hits[:3]]
print("\n".join(shown))
sys.exit(1 if hits else 0)
PY
	verdict $? "$1" "$TMP/raw.found"
}


# --- reading a captured screen ----------------------------------------------
# The screen is rows of text; columns are display columns (wcwidth, as the
# terminal counts them). Row 0 is the header, the last row the status line,
# the rows between the body. A vertical border is │ (also | when TUI_TERM is
# a terminal without line drawing); a horizontal border row is mostly ─ or -.
#
#   tui_fits FILE COLS        every row is at most COLS columns wide
#   tui_widths FILE           each row's width, one per line
#   tui_geom FILE COLS        "side C" (vertical border at column C on every
#                             body row), "stacked R" (one horizontal border
#                             row R), "none" (no border: zoomed) or "other"
#   tui_vbars FILE            per body row, the columns holding a vertical
#                             border character ("-" when none)
#   tui_list FILE COLS        the list pane's non-blank rows, tab-separated:
#                             ROW MARKER NUMBER TITLE READ FLAG NOTE (NUMBER
#                             empty when the row does not start with a paper
#                             number; READ: N new, O unread, blank read; FLAG:
#                             * + x or blank; NOTE: = a note, or blank)
#   tui_view FILE COLS        the view pane's rows, one per line
#   tui_slice FILE ROW A B    the text of ROW between display columns A and B
#   tui_sgr_has FILE ROW N    (capture_attrs FILE) some SGR on ROW sets N
#   tui_highlighted FILE TEXT (capture_attrs FILE) TEXT starts right after an
#                             attribute change, inside a row

case "${TUI_TERM:-}" in
vt100* | vt102* | vt220* | linux* | dumb | ansi*) TUI_VBARS='│┃║|' ;;
*) TUI_VBARS='│┃║' ;;
esac
export TUI_VBARS

cat >"$TMP/screen.py" <<'PY'
import ctypes, ctypes.util, locale, os, re, signal, sys
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
locale.setlocale(locale.LC_ALL, "C.UTF-8")
_libc = ctypes.CDLL(ctypes.util.find_library("c"))
_libc.wcwidth.restype = ctypes.c_int
_libc.wcwidth.argtypes = [ctypes.c_wchar]
VB = os.environ.get("TUI_VBARS", "│┃║")
HB = "─━═-"
SGR = re.compile(r"\x1b\[([0-9;:]*)m")
DEC = dict(zip("`afgjklmnopqrstuvwxyz{|}~", "◆▒°±┘┐┌└┼⎺⎻─⎼⎽├┤┴┬│≤≥π≠£·"))


def wcw(ch):
    w = _libc.wcwidth(ch)
    return 10**6 if w < 0 else w


def width(s):
    return sum(wcw(c) for c in s)


def rows(path):
    r = open(path, encoding="utf-8", errors="replace").read().split("\n")
    if r and r[-1] == "":
        r.pop()
    return r


def cells(line):
    col = 0
    for ch in line:
        yield col, ch
        col += wcw(ch)


def slice_(line, a, b):
    return "".join(ch for col, ch in cells(line) if a <= col < b)


def geom(rs, w):
    body = range(1, len(rs) - 1)
    common = None
    for r in body:
        cols = {col for col, ch in cells(rs[r]) if ch in VB}
        common = cols if common is None else common & cols
    hb = [r for r in body
          if sum(1 for ch in rs[r] if ch in HB) >= max(3, w // 2)]
    if common:
        return "side", min(common)
    if len(hb) == 1:
        return "stacked", hb[0]
    if not hb:
        return "none", -1
    return "other", -1


def areas(rs, w):
    """(list rows, view rows): lists of (row, text)."""
    kind, at = geom(rs, w)
    last = len(rs) - 1
    if kind == "side":
        return ([(r, slice_(rs[r], 0, at)) for r in range(1, last)],
                [(r, slice_(rs[r], at + 1, w)) for r in range(1, last)])
    if kind == "stacked":
        return ([(r, rs[r]) for r in range(1, at)],
                [(r, rs[r]) for r in range(at + 1, last)])
    body = [(r, rs[r]) for r in range(1, last)]
    return body, body


def sgr_params(s):
    out = set()
    for m in SGR.finditer(s):
        ps = [p for p in re.split("[;:]", m.group(1))] or ["0"]
        i = 0
        while i < len(ps):
            p = ps[i] or "0"
            if p in ("38", "48", "58"):
                i += 3 if (i + 1 < len(ps) and ps[i + 1] == "5") else 5
                continue
            out.add(int(p))
            i += 1
    return out


def main():
    cmd, path = sys.argv[1], sys.argv[2]
    if cmd == "acs":
        # capture-pane -e to plain text: SO ... SI runs are DEC graphics.
        text = open(path, encoding="utf-8", errors="replace").read()
        text = re.sub(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)", "", text)
        text = re.sub(r"\x1b\[[0-?]*[ -/]*[@-~]", "", text)
        out, acs = [], False
        for c in text:
            if c in "\x0e\x0f":
                acs = c == "\x0e"
            else:
                out.append(DEC.get(c, c) if acs else c)
        text = "".join(out)
        sys.stdout.write("\n".join(l.rstrip() for l in text.split("\n")))
        return
    rs = rows(path)
    if cmd == "fits":
        sys.exit(0 if all(width(r) <= int(sys.argv[3]) for r in rs) else 1)
    if cmd == "geom":
        print("%s %d" % geom(rs, int(sys.argv[3])))
    elif cmd == "vbars":
        for r in range(1, len(rs) - 1):
            cols = [str(col) for col, ch in cells(rs[r]) if ch in VB]
            print(",".join(cols) or "-")
    elif cmd == "list":
        for r, text in areas(rs, int(sys.argv[3]))[0]:
            text = text.rstrip()
            if not text.strip():
                continue
            # Column 0: '>' on the selected row; column 1: the read state
            # ('N' new, 'O' unread, ' ' read); column 2: '*' starred, '+'
            # later, 'x' hidden, ' ' none; column 3: '=' a note, ' ' none.
            marker = text[0] if text[0] == ">" else ""
            text = text.ljust(4)
            read, flag, note, rest = text[1], text[2], text[3], text[4:]
            if read not in " NO" or flag not in " *+x" or note not in " =":
                read, flag, note, rest = " ", " ", " ", text[1:]
            m = re.match(r"\s*(\d+)[.):]?\s+(.*)$", rest)
            if m:
                print("%d\t%s\t%s\t%s\t%s\t%s\t%s" % (r, marker, m.group(1), m.group(2).strip(), read, flag, note))
            else:
                print("%d\t%s\t\t%s\t%s\t%s\t%s" % (r, marker, rest.strip(), read, flag, note))
    elif cmd == "view":
        for r, text in areas(rs, int(sys.argv[3]))[1]:
            print(text.rstrip())
    elif cmd == "slice":
        r = int(sys.argv[3])
        print(slice_(rs[r] if r < len(rs) else "", int(sys.argv[4]), int(sys.argv[5])))
    elif cmd == "sgr_has":
        r = int(sys.argv[3])
        sys.exit(0 if int(sys.argv[4]) in sgr_params(rs[r] if r < len(rs) else "") else 1)
    elif cmd == "highlighted":
        pat = re.compile(r"[^\s\x1b]\s*(?:\x1b\[[0-9;:]*m)+" + re.escape(sys.argv[3]))
        sys.exit(0 if any(pat.search(r) for r in rs) else 1)


main()
PY

tui_fits() { python3 "$TMP/screen.py" fits "$1" "$2"; }
tui_widths() { python3 "$top_srcdir/tests/lib/termwidth.py" --each "$1"; }
tui_geom() { python3 "$TMP/screen.py" geom "$1" "$2"; }
tui_vbars() { python3 "$TMP/screen.py" vbars "$1"; }
tui_list() { python3 "$TMP/screen.py" list "$1" "$2"; }
tui_view() { python3 "$TMP/screen.py" view "$1" "$2"; }
tui_slice() { python3 "$TMP/screen.py" slice "$1" "$2" "$3" "$4"; }
tui_sgr_has() { python3 "$TMP/screen.py" sgr_has "$1" "$2" "$3"; }
tui_highlighted() { python3 "$TMP/screen.py" highlighted "$1" "$2"; }

# tui_pos [FILE]: the "N/M" position at the right of the header, or nothing.
tui_pos() {
	tui_row 0 "${1:-$TUI_SCREEN}" | sed -n 's#.*[^0-9]\([0-9][0-9]*/[0-9][0-9]*\)[^0-9]*$#\1#p;s#^\([0-9][0-9]*/[0-9][0-9]*\)[^0-9]*$#\1#p' | head -n 1
}

# tui_wait_pos N/M [TIMEOUT]: wait until the header shows position N/M.
tui_wait_pos() { tui_wait_until "${2:-$TUI_TIMEOUT}" tui_pos_is "$1"; }

# --- the reader's screen in its own words ------------------------------------
# Conditions on $TUI_SCREEN, for tui_wait_until and checks; the size is the
# one tui_start or tui_resize set ($TUI_COLS x $TUI_ROWS).
#
#   tui_header_has TEXT          the header (row 0) holds TEXT
#   tui_last_row_has TEXT        the status line (the last row) holds TEXT
#   tui_last_row_is TEXT         the status line is TEXT (trailing blanks aside)
#   tui_pos_is N/M               the header shows position N/M
#   tui_pos_and_header N/M TEXT  that position, and TEXT in the header
#   tui_vrow N                   row N (0-based) of the view pane, without
#                                leading blanks
#   tui_vrow_is N TEXT           that row is TEXT
#   tui_vrow_has N TEXT          that row holds TEXT
#   tui_sel                      the number of the paper selected in the list
#   tui_same_as FILE             the screen is FILE's (a capture), but for
#                                the status line, which holds timed messages
#   tui_differs FILE             it is not
#   tui_running                  the program has not exited
#   tui_first_mark MARK          the list's first row has the mark column
#                                MARK (" " read, N unread, "*", "+")
tui_header_has() { tui_row 0 | grep -q -F -e "$1"; }
tui_last_row_has() { tui_row $((TUI_ROWS - 1)) | grep -q -F -e "$1"; }
tui_last_row_is() { [ "$(tui_row $((TUI_ROWS - 1)) | sed 's/ *$//')" = "$1" ]; }
tui_pos_is() { [ "$(tui_pos)" = "$1" ]; }
tui_pos_and_header() { tui_pos_is "$1" && tui_header_has "$2"; }
tui_vrow() { tui_view "$TUI_SCREEN" "$TUI_COLS" | sed -n "$(($1 + 1))p" | sed 's/^ *//'; }
tui_vrow_is() { [ "$(tui_vrow "$1")" = "$2" ]; }
tui_vrow_has() { tui_vrow "$1" | grep -q -F -e "$2"; }
tui_sel() { tui_list "$TUI_SCREEN" "$TUI_COLS" | awk -F'\t' '$2 == ">" { print $3; exit }'; }
tui_same_as() {
	sed '$d' "$TUI_SCREEN" >"$TMP/cmp.a"
	sed '$d' "$1" >"$TMP/cmp.b"
	cmp -s "$TMP/cmp.a" "$TMP/cmp.b"
}
tui_differs() { ! tui_same_as "$1"; }
tui_running() { ! tui_exited; }
tui_first_mark() {
	tui_list "$TUI_SCREEN" "$TUI_COLS" | awk -F'\t' -v m="$1" 'NR == 1 { exit !($5 == m) }'
}

# --- starting, typing, the command line ---------------------------------------
#   tui_restart POS [ARGS...]    a new reader (tui_start $W $H ARGS: the
#                                test's size) that shows position POS (a
#                                shell pattern: 1/8, "1/*"); else a TAP
#                                failure with the screen, and 1
#   tui_key_pos DESC KEYS POS    TAP: KEYS (tui_keys) bring the header to POS
#   tui_quit                     q, then wait for the exit (a TAP failure
#                                when it does not come)
#   tui_read_on POS              Space (read-next) until the selection leaves
#                                POS or the status line says no unread paper
#                                is after it (80 presses at most), each press
#                                waited for (the screen changes); sets
#                                TUI_PRESSES
#   tui_cli ARGS...              digest-tui --offline ARGS outside tmux, with
#                                the reader's HOME and XDG directories (so
#                                with the marks, cache, config and notes it
#                                has)
#   tui_pid                      the reader's process id (the child of the
#                                pane's shell), once it runs
_tui_pos_matches() { case $(tui_pos) in $1) return 0 ;; *) return 1 ;; esac; }
tui_restart() {
	_want=$1; shift
	tui_start "$W" "$H" "$@"
	if ! tui_wait_until "$TUI_TIMEOUT" _tui_pos_matches "$_want"; then
		fail "the reader starts on $_want${1:+ ($*)}"
		tui_dump_screen
		return 1
	fi
}
tui_key_pos() {
	tui_keys $2
	tui_check "$1: the header shows $3" tui_wait_pos "$3"
}
tui_quit() {
	tui_keys q
	tui_wait_exit || fail "the reader quits with q"
}
_tui_read_on_done() {
	! tui_pos_is "$1" || tui_last_row_has "no unread paper after this one"
}
_tui_pressed() { _tui_read_on_done "$1" || ! cmp -s "$TUI_SCREEN" "$TMP/read-on.before"; }
tui_read_on() {
	TUI_PRESSES=0
	tui_capture "$TUI_SCREEN"
	while ! _tui_read_on_done "$1" && [ "$TUI_PRESSES" -lt 80 ]; do
		cp "$TUI_SCREEN" "$TMP/read-on.before"
		tui_keys Space
		TUI_PRESSES=$((TUI_PRESSES + 1))
		tui_wait_until "$TUI_TIMEOUT" _tui_pressed "$1" || return 1
	done
}
tui_cli() {
	HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" \
		XDG_STATE_HOME="$TMP/home/.local/state" XDG_CACHE_HOME="$TMP/home/.cache" \
		XDG_DATA_HOME="$TMP/home/.local/share" "$DIGEST_TUI" --offline "$@"
}
_tui_reader_child() {
	for _c in $(pgrep -P "$_pp" 2>/dev/null); do
		case $(cat "/proc/$_c/comm" 2>/dev/null) in
		sleep | stty | "") ;;
		*) _child=$_c; return 0 ;;
		esac
	done
	return 1
}
tui_pid() {
	_pp=$(_tmux display -p -t "$TUI_TARGET" '#{pane_pid}' 2>/dev/null) || return 1
	wait_until "$TUI_TIMEOUT" _tui_reader_child || return 1
	echo "$_child"
}

# tui_dump_screen [FILE]: the screen as TAP diagnostics (for a failure).
tui_dump_screen() {
	sed 's/^/# |/' "${1:-$TUI_SCREEN}"
}

# tui_check DESC CMD...: a TAP check whose failure shows the last screen.
tui_check() {
	_d=$1; shift
	if "$@"; then
		pass "$_d"
	else
		fail "$_d"
		tui_dump_screen
	fi
}
