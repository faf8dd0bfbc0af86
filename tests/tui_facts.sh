#!/bin/sh
# Paper facts in the reader: the background fetch learns them
# after the posts from a local server (127.0.0.1 only) without blocking a
# key, the paper view shows them under the title ("et al. (N)", e for every
# author), 6 jumps to the Abstract, C opens the code link, and author: /
# abstract: / cat: work in f and /. Facts survive a restart. Also :open N,
# which opens the link [N] of a paper's text.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux.sh"
tui_require_tmux

FIX="$top_srcdir/tests/lib/facts"
WWW="$TMP/www"
mkdir -p "$WWW" "$TMP/home/.config/digest-tui"
FPID=
trap '[ -n "$FPID" ] && kill "$FPID" 2>/dev/null; tui_stop; rm -rf "$TMP"' EXIT

# One digest: Hugging Face knows 2510.10001 (five authors, a code link) and
# 2510.10002 (hostile strings); 2510.10004 is known nowhere.
{
	printf -- '---\nlayout: post\ntitle: "Daily Papers — 2025-10-01"\ndate: 2025-10-01 08:00:00\n---\n'
	k=1
	for id in 2510.10001 2510.10002 2510.10004; do
		printf '\n# %d. [Paper %s](https://arxiv.org/abs/%s)\n\n' "$k" "$id" "$id"
		printf '## Introduction\n\n- Goal: %s 논문의 목표.\n\n## Conclusion\n\n결론.\n' "$id"
		if [ "$id" = 2510.10004 ]; then
			printf '\n[코드](https://example.org/ref-code)와 [데이터](https://example.org/ref-data).\n'
		fi
		k=$((k + 1))
	done
} >"$WWW/2025-10-01.md"

python3 "$top_srcdir/tests/lib/facts_httpd.py" --fixtures "$FIX" --port-file "$TMP/fport" \
	--log "$TMP/flog" --lifetime 200 &
FPID=$!
i=0
while [ ! -s "$TMP/fport" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$TMP/fport" ] || { echo "Bail out! the facts server did not start"; exit 1; }
FBASE="http://127.0.0.1:$(cat "$TMP/fport")"
CONF="$TMP/home/.config/digest-tui/config"
use_hf() {
	printf 'set metadata yes\nset metadata-hf-url "%s/%s/daily_papers?date=%%F"\nset metadata-arxiv-url ""\nset mark-read never\n' \
		"$FBASE" "$1" >"$CONF"
}
SRC="d=file://$WWW/%F.md"

# 1. A Hugging Face that answers nothing for 20 s: the reader is not held up.
use_hf hfslow
TUI_ONLINE=1 tui_start 120 30 --source "$SRC" --days 1 --until 2025-10-01
tui_check "the post is fetched and shown" tui_wait_for "Paper 2510.10001" 10
tui_check "then the facts are asked for, progress in the status line" \
	tui_wait_for "learning paper facts 0/3" 10
tui_keys j
tui_check "keys work meanwhile: j selects paper 2" tui_wait_pos 2/3
tui_keys q
tui_check "q leaves at once, the facts request still stalled" tui_wait_exit 5
is "$(tui_exit_status)" 0 "  exit status 0"
check "nothing was stored for the stalled request" test ! -e "$TMP/home/.cache/digest-tui/facts/2510.10001.json"

# 1b. The facts child killed while it waits: the reader says so and goes on.
TUI_ONLINE=1 tui_start 120 30 --source "$SRC" --days 1 --until 2025-10-01
tui_check "the facts are asked for again" tui_wait_for "learning paper facts 0/3" 10
reader=$(tui_pid)
_facts_child() { child=$(pgrep -P "$reader" | head -n 1); [ -n "$child" ]; }
if wait_until 5 _facts_child; then
	kill -9 "$child"
	tui_check "the child killed: paper facts: stopped (killed by signal 9)" \
		tui_wait_for "paper facts: stopped (killed by signal 9)" 10
	tui_check "  after the posts' summary" tui_wait_for "fetched: 0 new, 0 updated, 1 unchanged;"
	check "  and the progress is gone" sh -c "! grep -q 'learning paper facts' '$TUI_SCREEN'"
	tui_keys j
	tui_check "  keys still work: j selects paper 2" tui_wait_pos 2/3
else
	fail "the reader's facts child is found"
fi
tui_keys q
tui_check "  q leaves" tui_wait_exit 5
is "$(tui_exit_status)" 0 "  exit status 0"

# 2. A Hugging Face that answers: the facts appear when they arrive.
use_hf hf
TUI_ONLINE=1 tui_start 120 30 --source "$SRC" --days 1 --until 2025-10-01
tui_check "the fetch ends with the facts' summary" tui_wait_for "facts: 2 learned" 15
tui_check "the authors under the title, shortened: et al. (5)" \
	tui_wait_for "Authors  Ada Lovelace, Alan Turing, Grace Hopper et al. (5)"
tui_check "upvotes and the first version" tui_wait_for "first version 2025-09-29 · 42 upvotes"
tui_check "the code link" tui_wait_for "Code  https://github.com/example/tool-agents"
tui_keys e
tui_check "e shows every author" tui_wait_for "Grace Hopper, Edsger Dijkstra and"
tui_check "  the last one too (wrapped under the label)" tui_wait_for "  Barbara Liskov"
tui_keys e
tui_check "  e again: the short form" tui_wait_for "et al. (5)"
tui_keys 6
tui_check "6 jumps to the Abstract: the view's top line" tui_wait_row 1 "Abstract"
tui_check "  the English abstract under it" tui_wait_for "We study how agents that call tools"
tui_keys C
tui_check "C opens the code link in the browser" tui_wait_until "$TUI_TIMEOUT" \
	grep -q "github.com/example/tool-agents" "$TMP/launched"
tui_keys f
tui_type "author:turing"
tui_keys Enter
tui_check "f author:turing: the one paper by Alan Turing" tui_wait_for "1 paper matches"
tui_keys f
tui_type "author:segolene"
tui_keys Enter
tui_check "f author:segolene: accents ignored (Ségolène Müller)" tui_wait_for "1 paper matches"
tui_check "  the hostile paper" tui_wait_for "Paper 2510.10002"
tui_keys D
tui_keys /
tui_type "author:muller"
tui_keys Enter
tui_check "/ author:muller in the list selects that paper" tui_wait_pos 2/3
tui_keys q
tui_wait_exit 5
tui_raw_lacks "no OSC 52 or title escape of the hostile facts reaches the terminal" '\x1b\][0-9]'
tui_raw_utf8 "the terminal gets valid UTF-8"

# 3. A restart, offline: the facts are in the cache.
tui_start 120 30
tui_check "offline, the facts survive a restart" tui_wait_for "et al. (5)"
tui_keys j j
tui_check "paper 3 selected" tui_wait_pos 3/3
check "a paper found nowhere has no facts" sh -c "! grep -q 'Authors' '$TUI_SCREEN'"
tui_keys 6
tui_check "  and 6 says it has no Abstract" tui_wait_for "this paper has no Abstract section"
tui_check "its text's links are numbered and listed" tui_wait_for "[2]  https://example.org/ref-data"
tui_keys : "open 2" Enter
tui_check ":open 2 opens link [2] in the browser" tui_wait_until "$TUI_TIMEOUT" \
	grep -q "example.org/ref-data" "$TMP/launched"
tui_keys : "open 7" Enter
tui_check ":open 7: this paper has no link [7]" tui_wait_for "this paper has no link [7]"
tui_keys q
tui_wait_exit 5
tui_check "stderr is clean" tui_stderr_clean

plan_done
