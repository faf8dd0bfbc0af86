#!/bin/sh
# The core's layering, from its object files (nm), as ui_layers.sh reads the
# reader's: no src/ module calls another that calls it back, directly or
# around a circle; the low modules stand at the bottom — util.c (allocation
# and messages) calls none but utf8.c, strbuf.c none but util.c, and utf8.c,
# date.c, clock.c and http.c none at all; main.c reaches the reader through
# tui_run alone.
. "$top_srcdir/tests/lib/tap.sh"

command -v nm >/dev/null 2>&1 || skip_all "nm (binutils) is not installed"
command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"
[ -f "$top_builddir/src/util.o" ] && [ -f "$top_builddir/src/digest_tui-main.o" ] ||
	skip_all "the core's objects are not built"

python3 - "$top_srcdir" "$top_builddir" >"$TMP/graph" <<'PY'
import glob, os, subprocess, sys
src, build = sys.argv[1], sys.argv[2]
def symbols(path):
    out = subprocess.run(["nm", path], capture_output=True, text=True, check=True).stdout
    d, u = set(), set()
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3 and f[1] in "TDBR":
            d.add(f[2])
        elif len(f) == 2 and f[0] == "U":
            u.add(f[1])
    return d, u
defs, undef = {}, {}
for o in sorted(glob.glob(os.path.join(build, "src", "*.o"))):
    m = os.path.basename(o)[:-2]
    if m.startswith("digest_tui-"):
        m = m[len("digest_tui-"):]
    if not os.path.exists(os.path.join(src, "src", m + ".c")):
        continue  # left over from a module since removed
    defs[m], undef[m] = symbols(o)
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
# What main.c uses of the reader (ui/).
ui = set()
for o in glob.glob(os.path.join(build, "ui", "digest_tui-*.o")):
    ui |= symbols(o)[0]
print("reader " + (" ".join(sorted(undef.get("main", set()) & ui)) or "-"))
PY
is "$?" 0 "the call graph of src/ is read from the objects"
diag "$(grep '^calls' "$TMP/graph")"
is "$(grep '^circle' "$TMP/graph")" "" "no src/ module calls another that calls it back"
callees() { awk -v m="$1" '$1 == "calls" && $2 == m { $1 = ""; $2 = ""; sub(/^ +/, ""); print }' "$TMP/graph"; }
is "$(callees util)" "utf8" "util.c calls no module but utf8.c"
is "$(callees strbuf)" "util" "strbuf.c calls no module but util.c"
for m in utf8 date clock http; do
	is "$(callees $m)" "-" "$m.c calls no other module"
done
is "$(awk '$1 == "reader" { print $2 }' "$TMP/graph")" "tui_run" \
	"main.c reaches the reader through tui_run alone"

plan_done
