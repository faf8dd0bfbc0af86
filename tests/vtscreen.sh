#!/bin/sh
# tests/lib/vtscreen.py, the terminal emulator of the ambiguous-width tests:
# known byte sequences give known screens (wide and ambiguous characters,
# cursor motion, erasing, repeat, DEC line drawing, scrolling regions).
. "$top_srcdir/tests/lib/tap.sh"
command -v python3 >/dev/null 2>&1 || skip_all "python3 not installed"

PYTHONPATH="$top_srcdir/tests/lib" python3 - <<'PY' >"$TMP/out"
from vtscreen import Screen

def rows(data, amb=1, cols=10, n=3):
    return Screen(cols, n, amb).feed(data.encode() if isinstance(data, str) else data).rows()

def cells(data, amb=1, cols=10):
    return Screen(cols, 2, amb).feed(data.encode()).cells[0]

cases = [
    ("plain text", rows("abc"), ["abc", "", ""]),
    ("a wide character takes two cells", cells("가b"), ["가", "", "b"] + [" "] * 7),
    ("ambiguous 1: one cell", cells("—b"), ["—", "b"] + [" "] * 8),
    ("ambiguous 2: two cells", cells("—b", 2), ["—", "", "b"] + [" "] * 7),
    ("cursor position (CUP) and erase to end of line",
     rows("hello\x1b[1;3H\x1b[K\x1b[2;2Hx"), ["he", " x", ""]),
    ("CR, LF and relative motion", rows("ab\r\nc\x1b[Cd\x1b[2De"), ["ab", "ced", ""]),
    ("repeat (REP)", rows("x\x1b[3b"), ["xxxx", "", ""]),
    ("erase characters (ECH) and column (HPA)", rows("abcdef\x1b[3G\x1b[2X"), ["ab  ef", "", ""]),
    ("DEC line drawing after SO", rows("\x1b)0\x0eqx\x0fq"), ["─│q", "", ""]),
    ("wrap at the last column", rows("abcdefghijKL"), ["abcdefghij", "KL", ""]),
    ("a wide character that does not fit goes to the next line",
     rows("abcdefghi가"), ["abcdefghi", "가", ""]),
    ("overwriting half a wide character blanks the other half",
     rows("가나\x1b[1;2Hx"), [" x나", "", ""]),
    ("scrolling region and reverse index",
     rows("1\r\n2\r\n3\x1b[2;3r\x1b[2;1H\x1bM"), ["1", "", "2"]),
    ("OSC strings are skipped", rows("a\x1b]0;title\x07b"), ["ab", "", ""]),
    ("SGR does not print", rows("\x1b[1;31ma\x1b[m"), ["a", "", ""]),
]
for name, got, want in cases:
    print(("ok" if got == want else "FAIL") + "\t" + name + ("" if got == want else "\t%r != %r" % (got, want)))
PY
while IFS='	' read -r verdict name why; do
	if [ "$verdict" = ok ]; then pass "$name"; else fail "$name"; diag "$why"; fi
done <"$TMP/out"
check "all cases ran" [ "$(wc -l <"$TMP/out")" -eq 15 ]
plan_done
