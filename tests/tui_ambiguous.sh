#!/bin/sh
# --ambiguous-width 2 on a terminal that draws East-Asian-ambiguous characters
# two columns wide: the program runs in tmux, and its output bytes (pipe-pane)
# are replayed by tests/lib/vtscreen.py drawing ambiguous characters 2 wide,
# which tmux itself cannot. On every body row the border stays in one column —
# the column it has with ambiguous width 1 — with and without ambiguous
# characters in the titles (— “ ” · × α π …), and the chrome (borders,
# truncation mark, header) holds no ambiguous character. First, the emulator
# replays an ambiguous-width-1 run exactly as tmux shows it.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux.sh"
tui_require_tmux
export PYTHONPATH="$top_srcdir/tests/lib"

post() { # post FILE DATE TITLE...: a digest with one paper per TITLE
	f=$1 date=$2; shift 2
	{
		printf -- '---\ntitle: "Ambiguous — %s"\ndate: %s\n---\n\n' "$date" "$date"
		i=1
		for t in "$@"; do
			printf '# %d. [%s](https://arxiv.org/abs/2511.%05d)\n\n' "$i" "$t" "$i"
			printf '> [Alphaxiv](https://www.alphaxiv.org/ko/overview/2511.%05d)\n\n' "$i"
			printf '## Introduction\n\n- Goal: 본 연구는 “%s” — 모델의 성능을 ±3%% 향상시키는 α·β 방법을 제안한다.\n\n' "$t"
			i=$((i + 1))
		done
	} >"$f"
}
mkdir -p "$TMP/amb" "$TMP/plain"
post "$TMP/amb/2025-11-20-amb.md" 2025-11-20 \
	"Attention — “All” You Need · ×2 α-Scaling β-VAE for π₀ Policies and More Words" \
	"Short ±" "대규모 언어 모델의 “추론” — 효율적인 α 학습 방법에 대한 아주 긴 제목입니다" \
	"Plain Title" "°C × µs ‘quoted’ — … ¼ ½ ¾ §"
post "$TMP/plain/2025-11-21-plain.md" 2025-11-21 \
	"A Plain ASCII Title That Is Long Enough To Be Truncated In The List Pane" \
	"대규모 언어 모델의 효율적인 학습 방법에 대한 아주 긴 제목입니다 정말로" "Short"

# run COLS ROWS AMB FILE [KEYS...]: one run, KEYS typed once it shows paper 1;
# the raw output in $TMP/raw, tmux's screen in $TMP/screen.
run() {
	tui_start "$1" "$2" --ambiguous-width "$3" "$4"
	shift 4
	tui_wait_for "1/" || { tui_dump_screen; }
	for k in "$@"; do
		tui_keys "$k"
		tui_settle 0.3
	done
	tui_settle 1 # the screen is in $TUI_SCREEN, $TMP/screen
	cp "$TUI_RAW" "$TMP/raw"
	tui_stop
}

# The emulator agrees with tmux (ambiguous 1, where tmux is right).
run 100 30 1 "$TMP/amb/2025-11-20-amb.md"
python3 "$top_srcdir/tests/lib/vtscreen.py" 100 30 "$TMP/raw" >"$TMP/emu"
sed 's/ *$//' "$TMP/screen" >"$TMP/tmux"
if cmp -s "$TMP/tmux" "$TMP/emu"; then
	pass "vtscreen replays the program's output as tmux shows it"
else
	fail "vtscreen replays the program's output as tmux shows it"
	diag "$(diff "$TMP/tmux" "$TMP/emu" | head -20)"
fi

# geom COLS ROWS AMB RAW: "side N" (the border's column on every body row),
# "stacked N" (the row that is all border), or "broken: why"; and the chrome
# characters that are ambiguous, if any.
geom() {
	python3 - "$@" <<'PY'
import sys, unicodedata
from vtscreen import Screen
cols, rows, amb, raw = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
s = Screen(cols, rows, amb).feed(open(raw, "rb").read())
body = range(1, rows - 1)
border = "|│"
full = [y for y in body if all(c in "-─" for c in s.cells[y])]
chrome = []  # the border's cells, and where the list's truncation mark goes
if full:
    print("stacked", full[0])
    chrome = s.cells[full[0]] + [s.cells[y][cols - 1] for y in range(1, full[0])]
else:
    cand = [x for x in range(cols) if all(s.cells[y][x] in border for y in body)]
    if cand:
        print("side", cand[0])
        chrome = [s.cells[y][x] for y in body for x in (cand[0] - 1, cand[0])]
    else:
        where = [",".join(str(x) for x in range(cols) if s.cells[y][x] in border) for y in body]
        print("broken: border columns per row:", " ".join(w or "-" for w in where))
amb_chrome = sorted({c for c in chrome if c and unicodedata.east_asian_width(c[0]) == "A"}
                    if amb == 2 else set())
print("ambiguous-chrome", "".join(amb_chrome) or "none")
PY
}

for f in "$TMP/amb/2025-11-20-amb.md" "$TMP/plain/2025-11-21-plain.md"; do
	name=${f##*/}
	for size in "100 30" "60 20"; do
		set -- $size
		run "$1" "$2" 1 "$f"
		want=$(geom "$1" "$2" 1 "$TMP/raw" | head -1)
		run "$1" "$2" 2 "$f"
		geom "$1" "$2" 2 "$TMP/raw" >"$TMP/geom"
		got=$(head -1 "$TMP/geom")
		case $want in
		broken*) fail "$name $1x$2: ambiguous 1 has a border (reference): $want" ;;
		*) is "$got" "$want" "$name $1x$2, ambiguous 2 drawn 2 wide: the border as with ambiguous 1 ($want)" ;;
		esac
		is "$(sed -n 2p "$TMP/geom")" "ambiguous-chrome none" \
			"$name $1x$2, ambiguous 2: no ambiguous character in borders or marks"
		python3 "$top_srcdir/tests/lib/vtscreen.py" --ambiguous-width 2 "$1" "$2" "$TMP/raw" >"$TMP/emu2"
		case $name in
		*amb*) tui_check "$name $1x$2, ambiguous 2: the ambiguous title is on the screen" \
			grep -q -F "Attention — “All”" "$TMP/emu2" ;;
		esac
	done
done
# After moving through the list and scrolling the paper (each frame rewrites
# what changed, and the ambiguous characters after it), the same.
f=$TMP/amb/2025-11-20-amb.md
run 100 30 1 "$f" j j Tab J J k G g
want=$(geom 100 30 1 "$TMP/raw" | head -1)
run 100 30 2 "$f" j j Tab J J k G g
is "$(geom 100 30 2 "$TMP/raw" | head -1)" "$want" \
	"after j j Tab J J k G g, ambiguous 2 drawn 2 wide: the border as with ambiguous 1 ($want)"
python3 "$top_srcdir/tests/lib/vtscreen.py" 100 30 "$TMP/raw" >/dev/null
python3 - "$TMP/raw" "$TMP/screen" <<'PY' >"$TMP/cmp"
import sys
from vtscreen import Screen
# The screen as a wide-ambiguous terminal shows it, read cell by cell, is
# what tmux shows with its one-column ambiguous characters, once each
# ambiguous character's second cell is dropped and rows are compared
# without the blanks that follow.
s = Screen(100, 30, 2).feed(open(sys.argv[1], "rb").read())
tm = [l.rstrip("\n").rstrip(" ") for l in open(sys.argv[2], encoding="utf-8")]
bad = [y for y, row in enumerate(s.cells)
       if "".join(c for c in row).replace(" ", "") != tm[y].replace(" ", "")]
print(" ".join(map(str, bad)))
PY
is "$(cat "$TMP/cmp")" "" "after the keys, every row holds the text tmux shows (ambiguous 2 overlays in place)"
# Where a frame has a blank and the frame before had an ambiguous character,
# the character goes: paper 1 after j and k looks as it did at the start.
for keys in "" "j k" "j j j j k k k k"; do
	# shellcheck disable=SC2086
	run 100 30 2 "$f" $keys
	python3 "$top_srcdir/tests/lib/vtscreen.py" --ambiguous-width 2 100 30 "$TMP/raw" |
		sed '$d' >"$TMP/emu-${keys:-start}"
done
for keys in "j k" "j j j j k k k k"; do
	cmp -s "$TMP/emu-start" "$TMP/emu-$keys"
	verdict $? "ambiguous 2: after $keys the screen is the first one again (no character left behind)" \
		"$TMP/emu-$keys"
done
plan_done
