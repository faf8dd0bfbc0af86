#!/bin/sh
# The reader's layering, from its object files (nm): no ui/ module calls
# another that calls it back, directly or around a circle (panes, triage,
# listing and refresh return ui_result bits to the loop instead); app.c,
# listing.c, reading.c, news.c, input.c and prompt.c use no curses; app.c calls no
# other ui/ module; only app.c writes the selection.
. "$top_srcdir/tests/lib/tap.sh"

command -v nm >/dev/null 2>&1 || skip_all "nm (binutils) is not installed"
command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"
set -- "$top_builddir"/ui/digest_tui-*.o
[ -f "$1" ] || skip_all "the reader's objects are not built"

python3 - "$@" >"$TMP/graph" <<'PY'
import os, subprocess, sys
defs, undef = {}, {}
for o in sys.argv[1:]:
    m = os.path.basename(o)[len("digest_tui-"):-2]
    out = subprocess.run(["nm", o], capture_output=True, text=True, check=True).stdout
    defs[m], undef[m] = set(), set()
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3 and f[1] in "TDBR":
            defs[m].add(f[2])
        elif len(f) == 2 and f[0] == "U":
            undef[m].add(f[1])
calls = {m: sorted(n for n in defs if n != m and undef[m] & defs[n]) for m in defs}
for m in sorted(calls):
    print("calls %s %s" % (m, " ".join(calls[m]) or "-"))
# Every circle, once, from its smallest module.
def walk(start, m, path):
    for n in calls[m]:
        if n == start:
            print("circle " + " -> ".join(path + [start]))
        elif n > start and n not in path:
            walk(start, n, path + [n])
for m in sorted(calls):
    walk(m, m, [m])
curses = {"initscr", "newterm", "wrefresh", "doupdate", "wgetch", "wget_wch", "endwin",
          "waddnstr", "wmove", "stdscr", "curscr", "LINES", "COLS"}
for m in ("app", "listing", "reading", "news", "input", "prompt"):
    if m in undef:
        used = sorted(undef[m] & curses)
        print("curses %s %s" % (m, " ".join(used) or "-"))
PY
is "$?" 0 "the call graph of ui/ is read from the objects"
diag "$(grep '^calls' "$TMP/graph")"
is "$(grep '^circle' "$TMP/graph")" "" "no ui/ module calls another that calls it back"
is "$(awk '$1 == "calls" && $2 == "app" { print $3 }' "$TMP/graph")" "-" \
	"app.c calls no other ui/ module"
for m in app listing reading news input prompt; do
	is "$(awk -v m=$m '$1 == "curses" && $2 == m { print $3 }' "$TMP/graph")" "-" \
		"$m.c uses no curses"
done
is "$(grep -c '^#include <n\{0,1\}curses' "$top_srcdir/ui/app.c")" 0 "app.c includes no curses header"
# The selection has one owner: every other module selects through
# app_select.
is "$(cd "$top_srcdir" && grep -n '[^a-z_]a->selected *\([-+*/]\{0,1\}=[^=]\|++\|--\)' ui/*.c |
	grep -v '^ui/app\.c:')" "" "only app.c writes the selection"

plan_done
