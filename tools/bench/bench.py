#!/usr/bin/env python3
"""make bench: digest-tui against its peers on an archive of about 900 posts.

    bench.py --bin DIGEST_TUI --top SRCDIR [--corpus DIR] [--runs N]
             [--posts N] [--work DIR] [--bench-search PROG] [--only ROWS]

Builds the archive (the real corpus repeated under other dates, or synthetic
posts when there is no corpus: tools/bench/mkarchive.py), fills a private
cache from it with `digest-tui --fetch --source DIR`, writes the same papers
as an sfeed TSV (tools/bench/mktsv.py), then measures, each row side by side
with its peer (interleaved A B A B ...), and prints one table of medians:

 1  --dump --width 80 of the archive   vs  cmark FILES (HTML), in CPU time
 2  time to the first full frame       vs  sfeed_curses TSV
 3  search per keystroke               (tests/unit/bench_search on the archive)
 4  peak RSS (VmHWM) once loaded       vs  the archive's bytes (sfeed_curses too)
 5  CPU to hold j through 1,000 papers of the All unread view
 6  fetch of 90 posts, 50 ms latency   parallel vs sequential (tools/bench-fetch.sh)
 6b the same 30 days (22 posts) through the github listing vs the date template:
    requests and time of a first fetch and a refresh (tools/bench-fetch.sh)
 7  --search, --list, --export over    vs  grep -rl over the cached posts
    the cache (the index built before,
    by one untimed run)
 8  peak RSS (ru_maxrss) of --search ㄱ  vs  the cached posts' bytes
 9  first full frame, DIR argument     vs  sfeed_curses TSV
10  paper facts, 30-day window         vs  arXiv's 3-second floor (tools/bench-facts.sh)
11  the reader's archive search (f)    first results after f, and per keystroke
    on the cache                       (p95), 강화학습, ㄱ and "model"
12  for-me on the cache, 1,000 labels  training (<= 200 ms) and scoring every
    (tests/unit/bench_rank, CPU time)  paper (<= 50 ms: the scores a refit
                                       stored); scoring every paper from its
                                       text, and the model file, as notes
13  merging two machines' marks        journals of 50,000 lines each (ten years):
                                       tests/unit/bench_marks, opened as one of
                                       the machines; the first full frame with
                                       sync-dir or sync-git set vs none, and with
                                       those ten years of marks as two machines'
                                       vs as one journal

Rows 10 to 13 are selected with the letters a, b, c and d (--only 123456789abcd).

--posts 2400 is a ten-year archive (about 250 digests a year).

The terminal is a pty of 100x30, TERM=xterm-256color, LC_ALL=C.UTF-8.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ptyrun  # noqa: E402

ROWS, COLS = 30, 100
SCROLL_KEYS = 1000
SCROLL_CHUNK = 25


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


def median(v):
    return statistics.median(v) if v else None


def human_mb(n):
    return "%.1f MB" % (n / 1e6)


def run_timed(argv, env, stdout=subprocess.DEVNULL, ok=(0,), rss=False):
    """Runs argv to the end; returns (wall seconds, utime+stime seconds),
    and with rss the peak RSS in bytes too."""
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, env=env, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode not in ok:
        raise subprocess.CalledProcessError(p.returncode, argv)
    if rss:
        return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss * 1024
    return wall, ru.ru_utime + ru.ru_stime


class Bench:
    def __init__(self, a):
        self.a = a
        self.bin = os.path.abspath(a.bin)
        self.top = os.path.abspath(a.top)
        self.work = a.work
        self.rows = []     # (no, what, ours, peer, ratio, target, verdict)
        self.notes = []
        self.base_env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LC_ALL": "C.UTF-8", "TERM": "xterm-256color",
            "HOME": os.path.join(self.work, "home"),
        }
        os.makedirs(self.base_env["HOME"], exist_ok=True)
        self.load = "%.2f" % os.getloadavg()[0]

    # -- setup -----------------------------------------------------------
    def setup(self):
        a = self.a
        self.archive = os.path.join(self.work, "bench")
        corpus = a.corpus if a.corpus and os.path.isdir(a.corpus) and any(
            n.endswith(".md") for n in os.listdir(a.corpus)) else None
        cmd = [sys.executable, os.path.join(self.top, "tools/bench/mkarchive.py"),
               "--count", str(a.posts), "--last", "2025-10-31", self.archive]
        if corpus:
            cmd[2:2] = ["--corpus", corpus]
        else:
            self.notes.append("no corpus at %s: the archive is synthetic posts" % a.corpus)
        self.archive_desc = subprocess.run(cmd, check=True, capture_output=True,
                                           text=True).stdout.strip()
        self.files = sorted(os.path.join(self.archive, n) for n in os.listdir(self.archive)
                            if n.endswith(".md"))
        self.archive_bytes = sum(os.path.getsize(f) for f in self.files)
        self.papers = subprocess.run([self.bin, "--list", self.archive], env=self.base_env,
                                     check=True, capture_output=True).stdout.count(b"\n")
        log("archive: %s; %d papers" % (self.archive_desc, self.papers))

        # The reader's cache, filled the way a user fills it.
        self.xdg = os.path.join(self.work, "xdg")
        env = dict(self.base_env, XDG_CACHE_HOME=os.path.join(self.xdg, "cache"))
        t = time.perf_counter()
        r = subprocess.run([self.bin, "--fetch", "--metadata", "no", "--source", self.archive,
                            "--days", str(a.posts), "--until", "2025-10-31"], env=env,
                           capture_output=True, text=True)
        if r.returncode != 0 or ("%d new" % a.posts) not in r.stdout:
            raise SystemExit("bench: filling the cache failed: %s%s" % (r.stdout, r.stderr))
        posts_dir = os.path.join(self.xdg, "cache", "digest-tui", "posts")
        self.cache_bytes = sum(os.path.getsize(os.path.join(posts_dir, n))
                               for n in os.listdir(posts_dir) if n.endswith(".md"))
        log("cache filled in %.1f s (%s of posts)" % (time.perf_counter() - t,
                                                      human_mb(self.cache_bytes)))

        self.sfeed = shutil.which("sfeed_curses")
        self.cmark = shutil.which("cmark")
        if self.sfeed:
            self.tsv = os.path.join(self.work, "papers.tsv")
            out = subprocess.run([sys.executable, os.path.join(self.top, "tools/bench/mktsv.py"),
                                  self.bin, self.archive, self.tsv], check=True,
                                 capture_output=True, text=True).stdout.strip()
            self.tsv_bytes = os.path.getsize(self.tsv)
            with open(self.tsv, "rb") as f:
                first = f.readline().split(b"\t")
            # sfeed_curses shows the selected (first) item's link in its
            # status bar, the last line it draws.
            self.sfeed_marker = first[2]
            log("sfeed TSV: %s" % out)

    def tui_env(self, fresh_state=True):
        env = dict(self.base_env,
                   XDG_CACHE_HOME=os.path.join(self.xdg, "cache"),
                   XDG_CONFIG_HOME=os.path.join(self.xdg, "config"),
                   XDG_STATE_HOME=os.path.join(self.xdg, "state"))
        if fresh_state:
            # No marks, no seen digests: every paper unread, every run alike.
            # The machine's name stays: it is made once per machine (written
            # and synced to disk at the first start ever, ~2 ms), not at
            # every start a user makes.
            state = os.path.join(env["XDG_STATE_HOME"], "digest-tui")
            for name in os.listdir(state) if os.path.isdir(state) else []:
                path = os.path.join(state, name)
                if name == "machine":
                    continue
                if os.path.isdir(path) and not os.path.islink(path):
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    os.unlink(path)
        os.makedirs(env["XDG_STATE_HOME"], exist_ok=True)
        os.makedirs(env["XDG_CONFIG_HOME"], exist_ok=True)
        return env

    def ours(self):
        return ptyrun.Session([self.bin, "--offline"], self.tui_env(), ROWS, COLS)

    def peer(self):
        return ptyrun.Session([self.sfeed, self.tsv], self.base_env, ROWS, COLS)

    def row(self, *cells):
        self.rows.append(cells)

    # -- 1: --dump vs cmark ---------------------------------------------------
    def bench_dump(self):
        ours, peer = [], []
        for _ in range(self.a.runs):
            ours.append(run_timed([self.bin, "--dump", "--width", "80", self.archive],
                                  self.base_env))
            if self.cmark:
                peer.append(run_timed([self.cmark] + self.files, self.base_env))
        # The target is in CPU time (user+sys); wall time is noted.
        o = median([c for _, c in ours])
        what = "--dump --width 80 (all posts), CPU"
        if self.cmark:
            p = median([c for _, c in peer])
            self.row("1", what, "%.0f ms" % (o * 1e3), "cmark to HTML %.0f ms" % (p * 1e3),
                     "%.2fx" % (o / p), "<= 1.3x", verdict(o / p <= 1.3))
            ow, pw = median([w for w, _ in ours]), median([w for w, _ in peer])
            self.notes.append("--dump vs cmark in wall time: %.0f ms vs %.0f ms, %.2fx"
                              % (ow * 1e3, pw * 1e3, ow / pw))
        else:
            self.row("1", what, "%.0f ms" % (o * 1e3), "cmark missing", "-", "<= 1.3x", "SKIP")

    # -- 2: first frame ---------------------------------------------------------
    def bench_frame(self):
        ours, peer = [], []
        for _ in range(self.a.runs):
            s = self.ours()
            try:
                ours.append(s.first_frame(b"? help"))
            finally:
                s.quit(b"q")
            if self.sfeed:
                s = self.peer()
                try:
                    peer.append(s.first_frame(self.sfeed_marker))
                finally:
                    s.quit(b"q")
        o = median(ours)
        what = "first full frame, %dx%d, cache" % (COLS, ROWS)
        if self.sfeed:
            p = median(peer)
            self.row("2", what, "%.0f ms" % (o * 1e3), "sfeed_curses %.0f ms" % (p * 1e3),
                     "%.2fx" % (o / p), "<= 2x", verdict(o / p <= 2))
        else:
            self.row("2", what, "%.0f ms" % (o * 1e3), "sfeed_curses missing", "-",
                     "<= 2x", "SKIP")

    # -- 3: search ------------------------------------------------------------------
    def bench_search(self):
        """tests/unit/bench_search on the archive, RUNS times: per query, the
        median over runs of its median and of its p95 (each run times every
        query 20 times, and each keystroke of the typed queries once)."""
        prog = self.a.bench_search
        what = "search per keystroke"
        if not prog or not os.access(prog, os.X_OK):
            self.row("3", what, "-", "-", "-", "p95 < 20 ms",
                     "SKIP (no tests/unit/bench_search: make tests/unit/bench_search)")
            return
        pat = re.compile(r"^(.*?)\s+(\d+) hits\s+median\s+([\d.]+) ms\s+p95\s+([\d.]+) ms")
        order, meds, p95s, hits, head = [], {}, {}, {}, ""
        for _ in range(self.a.runs):
            r = subprocess.run([prog, "-r", "1", "-n", "20", self.archive],
                               env=self.base_env, capture_output=True, text=True)
            if r.returncode != 0:
                self.row("3", what, "-", "-", "-", "p95 < 20 ms",
                         "FAIL (bench_search exited %d)" % r.returncode)
                return
            lines = r.stdout.splitlines()
            head = head or (lines[0] if lines else "")
            for line in lines[1:]:
                m = pat.match(line)
                if not m:
                    continue
                label = m.group(1).strip()
                if label not in meds:
                    order.append(label)
                    meds[label], p95s[label] = [], []
                hits[label] = m.group(2)
                meds[label].append(float(m.group(3)))
                p95s[label].append(float(m.group(4)))
        first = True
        for label in order:
            med, q95 = median(meds[label]), median(p95s[label])
            self.row("3" if first else "", "search " + label,
                     "med %.2f, p95 %.2f ms" % (med, q95), "%s hits" % hits[label], "-",
                     "p95 < 20 ms", verdict(q95 < 20))
            first = False
        self.notes.append("search: tests/unit/bench_search -r 1 -n 20 on the archive, %d runs "
                          "(median of the runs' medians and p95s; 'typing' rows time each "
                          "keystroke's search_run/search_refine): %s" % (self.a.runs, head))

    # -- 4: peak RSS ------------------------------------------------------------------
    def loaded(self, s, limit=15.0):
        """Waits ~1 s after the frame, then until the CPU time stops growing
        (background loading has finished)."""
        time.sleep(1.0)
        s.drain()
        prev = s.cpu_ticks()
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            time.sleep(0.3)
            s.drain()
            cur = s.cpu_ticks()
            if cur == prev:
                return
            prev = cur

    def bench_rss(self):
        ours, peer = [], []
        runs = max(5, self.a.runs // 2 + 1)
        for _ in range(runs):
            s = self.ours()
            try:
                s.first_frame(b"? help")
                self.loaded(s)
                ours.append(s.vm_hwm_kb() * 1024)
            finally:
                s.quit(b"q")
            if self.sfeed:
                s = self.peer()
                try:
                    s.first_frame(self.sfeed_marker)
                    self.loaded(s)
                    peer.append(s.vm_hwm_kb() * 1024)
                finally:
                    s.quit(b"q")
        o = median(ours)
        ratio = o / self.cache_bytes
        self.row("4", "peak RSS (VmHWM), all loaded", human_mb(o),
                 "archive %s%s" % (human_mb(self.cache_bytes),
                                   "; sfeed_curses %s" % human_mb(median(peer)) if peer else ""),
                 "%.2fx" % ratio, "<= 2x archive", verdict(ratio <= 2))
        self.rss_runs = runs

    # -- 5: scrolling -----------------------------------------------------------------
    def scroll_once(self, keys):
        """Starts the reader, opens the All unread view, holds j `keys` times,
        quits. Returns (rusage CPU of the whole run, /proc CPU of the keys,
        papers in the view)."""
        s = self.ours()
        try:
            s.first_frame(b"? help")
            mark = len(s.out)
            s.send(b"U")
            s.wait_for(b"unread", quiet=0.2, start=mark)
            m = re.search(rb"1/(\d+)", bytes(s.out[mark:]))
            listed = int(m.group(1)) if m else None
            before = s.cpu_ticks()
            sent = 0
            while sent < keys:
                n = min(SCROLL_CHUNK, keys - sent)
                s.send(b"j" * n)
                sent += n
                s._read(0.002)
                s.drain()
            s.settle(quiet=0.3)
            during = s.cpu_ticks() - before
            # C-l redraws the whole screen: the header's "N/M" then tells
            # where the selection is (both runs pay for it alike).
            mark = len(s.out)
            s.send(b"\x0c")
            s.settle(quiet=0.2)
            m = re.findall(rb"(\d+)/%d\b" % (listed or 0), bytes(s.out[mark:]))
            at = int(m[-1]) if m else None
        except BaseException:
            s.kill()
            raise
        total = s.quit(b"q")
        if at != keys + 1:
            raise ptyrun.Timeout("after %d j the selection is at %s of %s, not %d"
                                 % (keys, at, listed, keys + 1))
        return total, during, listed

    def bench_scroll(self):
        with_keys, without, during, listed = [], [], [], None
        runs = max(5, self.a.runs // 2 + 1)
        for _ in range(runs):
            t, d, n = self.scroll_once(SCROLL_KEYS)
            with_keys.append(t)
            during.append(d)
            listed = n if listed is None or (n is not None and n < listed) else listed
            t, _, _ = self.scroll_once(0)
            without.append(t)
        diffs = [a - b for a, b in zip(with_keys, without)]
        o = median(diffs)
        what = "hold j: %d papers (U view)" % SCROLL_KEYS
        if listed is None or listed < SCROLL_KEYS + 1:
            self.row("5", what, "%.3f s CPU" % o, "-", "-", "< 0.5 s CPU",
                     "FAIL (the view lists %s papers, < %d)" % (listed, SCROLL_KEYS + 1))
        else:
            self.row("5", what, "%.3f s CPU" % o,
                     "run %.2f s - same run w/o j %.2f s" % (median(with_keys), median(without)),
                     "-", "< 0.5 s CPU", verdict(o < 0.5))
        self.notes.append("scrolling: the U view listed %s papers; CPU of the j keys alone from "
                          "/proc/PID/stat: median %.3f s; %d runs each" % (listed, median(during),
                                                                          runs))

    # -- 6: fetch -------------------------------------------------------------------------
    def bench_fetch(self):
        env = dict(os.environ, DIGEST_TUI=self.bin, RUNS=str(min(self.a.runs, 5)))
        r = subprocess.run(["sh", os.path.join(self.top, "tools/bench-fetch.sh")], env=env,
                           capture_output=True, text=True)
        par = re.search(r"^parallel \((\d+) at once\)\s+(\d+) ms", r.stdout, re.M)
        seq = re.search(r"^sequential \(1 at once\)\s+(\d+) ms", r.stdout, re.M)
        what = "fetch 90 posts, 50 ms latency"
        if r.returncode != 0 or not par or not seq:
            self.row("6", what, "-", "-", "-", ">= 3x", "FAIL (%s)" % (
                (r.stderr or r.stdout).strip().splitlines() or ["bench-fetch.sh failed"])[-1])
            return
        p, q = int(par.group(2)), int(seq.group(1))
        self.row("6", what, "parallel(%s) %d ms" % (par.group(1), p), "sequential %d ms" % q,
                 "%.2fx" % (q / p), ">= 3x faster", verdict(q / p >= 3))
        # Discovery: the github listing vs the date template, same 30 days.
        got = {k: re.search(r"^%s\s+(\d+) requests\s+(\d+) ms" % k, r.stdout, re.M)
               for k in ("listing first fetch", "listing refresh", "template first fetch",
                         "template refresh")}
        what = "30 days: github listing vs template"
        if not all(got.values()):
            self.row("6b", what, "-", "-", "-", "-", "FAIL (no discovery lines)")
            return
        n = {k: (int(m.group(1)), int(m.group(2))) for k, m in got.items()}
        self.row("6b", what,
                 "first %d req %d ms, refresh %d req %d ms" % (n["listing first fetch"] +
                                                                n["listing refresh"]),
                 "first %d req %d ms, refresh %d req %d ms" % (n["template first fetch"] +
                                                                n["template refresh"]),
                 "refresh %.1fx fewer" % (n["template refresh"][0] /
                                          max(1, n["listing refresh"][0])),
                 "refresh: 1 request",
                 verdict(n["listing refresh"][0] == 1 and
                         n["listing first fetch"][0] <= n["template first fetch"][0]))

    # -- 7: whole-archive commands vs grep -rl ----------------------------------------
    def archive_env(self):
        """The reader's cache, and marks starring every 7th paper (so that
        --export has something to write)."""
        env = dict(self.base_env, XDG_CACHE_HOME=os.path.join(self.xdg, "cache"),
                   XDG_CONFIG_HOME=os.path.join(self.xdg, "config"),
                   XDG_STATE_HOME=os.path.join(self.work, "state-archive"))
        marks = os.path.join(env["XDG_STATE_HOME"], "digest-tui", "marks")
        if not os.path.exists(marks):
            os.makedirs(os.path.dirname(marks), exist_ok=True)
            out = subprocess.run([self.bin, "--list"], env=env, check=True,
                                 capture_output=True).stdout.decode("utf-8", "replace")
            ids = [line.split("\t")[2] for line in out.splitlines()[::7]
                   if line.count("\t") >= 4 and line.split("\t")[2] != "-"]
            with open(marks, "w") as f:
                f.write("# digest-tui marks v1\n")
                for i in ids:
                    f.write("2025-11-01T00:00:00Z +s %s\n" % i)
        return env

    QUERY = "강화학습"

    def bench_archive(self):
        env = self.archive_env()
        posts = os.path.join(self.xdg, "cache", "digest-tui", "posts")
        cmds = [("--search " + self.QUERY, [self.bin, "--search", self.QUERY]),
                ("--list", [self.bin, "--list"]),
                ("--export starred", [self.bin, "--export", "starred"])]
        # The first run after a fetch (re)builds the index: once, untimed
        # in the rows, reported as a note.
        index = os.path.join(self.xdg, "cache", "digest-tui", "index")
        if os.path.exists(index):
            os.unlink(index)
        w, c = run_timed(cmds[0][1], env)
        self.notes.append("archive commands: the first --search after the fetch (no index) "
                          "took %.2f s (%.2f s CPU); the rows time the runs after it" % (w, c))
        grep = [shutil.which("grep") or "grep", "-rl", self.QUERY, posts]
        peer, ours = [], {name: [] for name, _ in cmds}
        for _ in range(self.a.runs):
            peer.append(run_timed(grep, self.base_env, ok=(0, 1))[0])
            for name, argv in cmds:
                ours[name].append(run_timed(argv, env)[0])
        # The index changes no byte: each output as over the posts
        # directory itself (every post parsed, no index).
        differ = []
        for name, argv in cmds + [("--search ㄱ", [self.bin, "--search", "ㄱ"])]:
            got = subprocess.run(argv, env=env, capture_output=True).stdout
            want = subprocess.run(argv + [posts], env=env, capture_output=True).stdout
            if got != want:
                differ.append(name)
        p = median(peer)
        first = True
        for name, _ in cmds:
            o = median(ours[name])
            ok = verdict(o / p <= 2) if name not in differ else "FAIL (output differs)"
            self.row("7" if first else "", name + " (cache)", "%.0f ms" % (o * 1e3),
                     "grep -rl %.0f ms" % (p * 1e3), "%.2fx" % (o / p), "<= 2x", ok)
            first = False
        self.notes.append("archive commands: outputs (and --search ㄱ's) %s those over the "
                          "posts directory" % ("differ from: " + ", ".join(differ)
                                               if differ else "byte-identical to"))

    # -- 8: peak RSS of --search ㄱ -----------------------------------------------------
    def bench_search_rss(self):
        env = self.archive_env()
        run_timed([self.bin, "--search", "ㄱ"], env)  # the index, if it is missing
        v = [run_timed([self.bin, "--search", "ㄱ"], env, rss=True)[2]
             for _ in range(max(3, self.a.runs // 2))]
        o = median(v)
        ratio = o / self.cache_bytes
        # ru_maxrss of a child forked by Python never reads below the
        # interpreter's own size (the child is its copy until exec): for a
        # small archive the row shows that floor, not less.
        self.row("8", "peak RSS, --search ㄱ (cache)", human_mb(o),
                 "archive %s" % human_mb(self.cache_bytes), "%.2fx" % ratio,
                 "<= 2x archive", verdict(ratio <= 2))

    # -- 9: first frame from a DIR argument ----------------------------------------------
    def bench_frame_dir(self):
        ours, peer = [], []
        for _ in range(self.a.runs):
            s = ptyrun.Session([self.bin, "--offline", self.archive], self.tui_env(),
                               ROWS, COLS)
            try:
                ours.append(s.first_frame(b"? help"))
            finally:
                s.quit(b"q")
            if self.sfeed:
                s = self.peer()
                try:
                    peer.append(s.first_frame(self.sfeed_marker))
                finally:
                    s.quit(b"q")
        o = median(ours)
        what = "first full frame, %dx%d, DIR" % (COLS, ROWS)
        if self.sfeed:
            p = median(peer)
            self.row("9", what, "%.0f ms" % (o * 1e3), "sfeed_curses %.0f ms" % (p * 1e3),
                     "%.2fx" % (o / p), "<= 2x", verdict(o / p <= 2))
        else:
            self.row("9", what, "%.0f ms" % (o * 1e3), "sfeed_curses missing", "-",
                     "<= 2x", "SKIP")

    # -- 10: paper facts ----------------------------------------------------------------
    def bench_facts(self):
        env = dict(os.environ, DIGEST_TUI=self.bin, RUNS="3")
        r = subprocess.run(["sh", os.path.join(self.top, "tools/bench-facts.sh")], env=env,
                           capture_output=True, text=True)
        m = re.search(r"\((\d+) papers\): (\d+) learned; (\d+) Hugging Face \+ (\d+) arXiv "
                      r"requests; wall (\d+) ms .*floor of (\d+) ms", r.stdout)
        again = re.search(r"again right after: (\d+) requests", r.stdout)
        what = "facts, 30-day window"
        if r.returncode != 0 or not m or not again:
            self.row("10", what, "-", "-", "-", "<= floor + 3 s", "FAIL (%s)" % (
                (r.stderr or r.stdout).strip().splitlines() or ["bench-facts.sh failed"])[-1])
            return
        papers, learned, hf, ax, wall, floor = (int(m.group(k)) for k in range(1, 7))
        self.row("10", "%s (%d papers)" % (what, papers),
                 "%d ms, %d+%d requests" % (wall, hf, ax), "floor %d ms" % floor,
                 "+%d ms" % (wall - floor), "<= floor + 3 s",
                 verdict(wall - floor <= 3000 and learned == papers and int(again.group(1)) == 0))
        self.notes.append("facts: %d of %d papers learned; a second --fetch right after made "
                          "%s requests" % (learned, papers, again.group(1)))

    # -- 11: the reader's archive search -------------------------------------------------
    def keystroke(self, s, data, quiet=0.04):
        """Sends data and waits until the screen stops changing: the time
        from the send to the last byte drawn."""
        s.drain()
        s.last_byte = None
        t = time.perf_counter()
        s.send(data)
        if s.last_byte is None:
            s._read(10.0)  # the first byte drawn, however long it takes
        s.settle(quiet=quiet)
        if s.last_byte is None:
            raise ptyrun.Timeout("nothing drawn after %r" % data)
        return s.last_byte - t

    def bench_find(self):
        """The reader just started on the cache (its index built before by
        one untimed --list): f and the first character of a query — the
        time to the first results (the persistent index loaded, searched,
        the newest hits parsed and drawn); then, once the reader has parsed
        the archive in the background, the rest of it and the other queries
        typed a character at a time, each keystroke timed (Esc, f between
        queries)."""
        queries = ["강화학습", "ㄱ", "model"]
        first, per = [], []
        subprocess.run([self.bin, "--list"], env=self.tui_env(), check=True,
                       stdout=subprocess.DEVNULL)
        for _ in range(self.a.runs):
            s = self.ours()
            try:
                s.first_frame(b"? help")
                self.keystroke(s, b"f")
                # The first results: the list's header counts the hits
                # ("1/N"); the loader goes on drawing as it parses more.
                s.drain()
                mark = len(s.out)
                t = time.perf_counter()
                s.send(queries[0][0].encode())
                while not re.search(rb"\b1/\d+", bytes(s.out[mark:])):
                    if time.perf_counter() - t > 10 or s.eof:
                        raise ptyrun.Timeout("f %s showed no results" % queries[0][0])
                    s._read(0.2)
                first.append(s.last_byte - t)
                self.loaded(s)  # then each keystroke once the archive is parsed
                for ch in queries[0][1:]:
                    per.append(self.keystroke(s, ch.encode()))
                for q in queries[1:]:
                    self.keystroke(s, b"\x1b")
                    self.keystroke(s, b"f")
                    for ch in q:
                        per.append(self.keystroke(s, ch.encode()))
            finally:
                s.quit(b"\x1bq")
        o = median(first)
        per.sort()
        p95 = per[min(len(per) - 1, int(round(0.95 * (len(per) - 1))))] if per else 0
        self.row("11", "reader f: first results", "%.0f ms" % (o * 1e3), "-", "-",
                 "<= 100 ms", verdict(o <= 0.1))
        self.row("", "reader f: per keystroke p95", "%.1f ms" % (p95 * 1e3),
                 "%d keystrokes" % len(per), "-", "< 16 ms", verdict(p95 < 0.016))
        self.notes.append("reader f: from the send to the last byte drawn (the screen quiet "
                          "for 40 ms, not counted); first results: f, then '%s'; per "
                          "keystroke: every character of %s" % (queries[0][0], ", ".join(queries)))

    # -- 12: for-me -------------------------------------------------------------------------
    def bench_rank(self):
        """tests/unit/bench_rank over the reader's cache: each figure is the
        median of RUNS timings in CPU time (the program runs once)."""
        prog = self.a.bench_rank
        if not prog or not os.access(prog, os.X_OK):
            self.row("12", "for-me", "-", "-", "-", "-",
                     "SKIP (no tests/unit/bench_rank: make tests/unit/bench_rank)")
            return
        env = dict(self.base_env, XDG_CACHE_HOME=os.path.join(self.xdg, "cache"))
        r = subprocess.run([prog, "-l", "1000", "-n", str(self.a.runs)], env=env,
                           capture_output=True, text=True)
        if r.returncode != 0:
            self.row("12", "for-me", "-", "-", "-", "-",
                     "FAIL (bench_rank exited %d: %s)" % (r.returncode, r.stderr.strip()))
            return
        v = {}
        for line in r.stdout.splitlines():
            f = line.split()
            if len(f) >= 2:
                v[f[0]] = float(f[1])
        papers = int(v.get("papers", 0))
        self.row("12", "for-me: train, 1,000 labels", "%.0f ms" % v["train"],
                 "%d terms" % v.get("terms", 0), "-", "<= 200 ms", verdict(v["train"] <= 200))
        self.row("", "for-me: score %d papers" % papers, "%.1f ms" % v["score"],
                 "stored by the refit", "-", "<= 50 ms", verdict(v["score"] <= 50))
        self.notes.append("for-me: tests/unit/bench_rank -l 1000 -n %d on the cache (CPU time, "
                          "medians): scoring every paper from its text, as a refit does after "
                          "training (in the background), %.0f ms; the model file written %.1f ms, "
                          "read %.1f ms; %d of %d scores had to be computed"
                          % (self.a.runs, v["remember"], v["save"], v["load"],
                             int(v.get("computed", 0)), papers))
    # -- 12: marks of two machines ----------------------------------------------------------
    def frames_with(self, configs):
        """The first full frame's median for each (config, state) of configs,
        interleaved: config is the configuration file's text, state a
        directory copied as the state directory (or None). Steady state: one
        untimed run first (the machine's name made), then the state kept."""
        envs = []
        for i, (config, state) in enumerate(configs):
            env = self.tui_env()
            for key in ("XDG_CONFIG_HOME", "XDG_STATE_HOME"):
                env[key] = "%s-12-%d" % (env[key], i)
                shutil.rmtree(env[key], ignore_errors=True)
            os.makedirs(os.path.join(env["XDG_CONFIG_HOME"], "digest-tui"))
            with open(os.path.join(env["XDG_CONFIG_HOME"], "digest-tui", "config"), "w") as f:
                f.write("set metadata no\n" + config)
            if state:
                shutil.copytree(state, os.path.join(env["XDG_STATE_HOME"], "digest-tui"))
            else:
                os.makedirs(env["XDG_STATE_HOME"])
            envs.append(env)
        times = [[] for _ in configs]
        for run in range(self.a.runs + 1):
            for i, env in enumerate(envs):
                s = ptyrun.Session([self.bin, "--offline"], env, ROWS, COLS)
                try:
                    t = s.first_frame(b"? help")
                finally:
                    s.quit(b"q")
                if run:
                    times[i].append(t)
        return [median(t) for t in times]

    def bench_sync(self):
        prog = self.a.bench_marks and os.path.abspath(self.a.bench_marks)
        if not prog or not os.access(prog, os.X_OK):
            self.row("13", "merge of two machines' marks", "-", "-", "-", "<= 200 ms",
                     "SKIP (tests/unit/bench_marks not built: make check builds it)")
            return
        keep = os.path.join(self.work, "marks")
        shutil.rmtree(keep, ignore_errors=True)
        os.makedirs(keep)
        out = subprocess.run([prog, "--runs", str(self.a.runs), "--keep", keep],
                             check=True, capture_output=True, text=True).stdout.strip()
        m = re.search(r"merge 2 x (\d+) lines: ([\d.]+) ms as one of the machines, "
                      r"([\d.]+) ms read-only; (\d+) papers", out)
        merge = float(m.group(2))
        self.row("13", "merge 2 x %s journal lines (ten years)" % m.group(1),
                 "%.0f ms" % merge, "read-only %.0f ms" % float(m.group(3)), "-",
                 "<= 200 ms", verdict(merge <= 200))
        # Ten years of marks as this machine's journal alone (no sync), and
        # as two machines' journals in a sync-dir, this machine one of them.
        journals = os.path.join(keep, "sync", "journals")
        lines = []
        for name in sorted(os.listdir(journals)):
            with open(os.path.join(journals, name)) as f:
                lines += [x for x in f.read().splitlines() if not x.startswith("#")]
        lines.sort()
        one = os.path.join(keep, "one")
        os.makedirs(os.path.join(one, "journals"))
        with open(os.path.join(one, "journals", "lab-ws-000001.marks"), "w") as f:
            f.write("# digest-tui marks v2\n" + "\n".join(lines) + "\n")
        for state in (one, os.path.join(keep, "a")):
            with open(os.path.join(state, "machine"), "w") as f:
                f.write("lab-ws-000001\n")
        none, with_dir, with_git, ten_one, ten_two = self.frames_with([
            ("", None), ("set sync-dir %s/empty\n" % self.work, None),
            ("set sync-git %s/no-such-remote.git\n" % self.work, None),
            ("", one), ("set sync-dir %s\n" % os.path.join(keep, "sync"), os.path.join(keep, "a"))])
        worst = max(with_dir, with_git)
        self.row("", "first frame, sync-dir / sync-git set", "%.0f / %.0f ms" % (
            with_dir * 1e3, with_git * 1e3), "none set %.0f ms" % (none * 1e3),
            "%+.0f ms" % ((worst - none) * 1e3), "<= +5 ms", verdict(worst - none <= 0.005))
        self.row("", "first frame, ten years of marks, 2 machines", "%.0f ms" % (ten_two * 1e3),
                 "1 journal %.0f ms" % (ten_one * 1e3), "%.2fx" % (ten_two / ten_one),
                 "<= 1.1x", verdict(ten_two / ten_one <= 1.1))
        self.notes.append("13: %s; first frames: medians of %d runs after an untimed one, "
                          "interleaved; the sync settings run no git and touch no network at "
                          "start" % (out, self.a.runs))

    # -- the table ----------------------------------------------------------------------
    def table(self, elapsed):
        hdr = ("#", "row", "digest-tui", "peer / reference", "ratio", "target", "verdict")
        rows = [hdr] + [tuple(str(c) for c in r) for r in self.rows]
        widths = [max(dispw(r[i]) for r in rows) for i in range(len(hdr) - 1)]
        out = []
        out.append("digest-tui bench: %s; %d papers; %s of posts in the cache" % (
            self.archive_desc, self.papers, human_mb(self.cache_bytes)))
        out.append("medians of %d runs (RSS and scrolling: %d), each row interleaved with its "
                   "peer; pty %dx%d, TERM=xterm-256color, LC_ALL=C.UTF-8; %d CPUs, load %s at start" % (
                       self.a.runs, getattr(self, "rss_runs", max(5, self.a.runs // 2 + 1)),
                       COLS, ROWS, os.cpu_count() or 0, self.load))
        for i, r in enumerate(rows):
            cells = [pad(c, widths[k]) for k, c in enumerate(r[:-1])] + [r[-1]]
            out.append("  ".join(cells).rstrip())
            if i == 0:
                out.append("  ".join("-" * w for w in widths) + "  -------")
        for n in self.notes:
            out.append("note: " + n)
        out.append("total %.0f s" % elapsed)
        print("\n".join(out))


def verdict(ok):
    return "ok" if ok else "MISSED"


def dispw(s):
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def pad(s, w):
    return s + " " * (w - dispw(s))


def main():
    p = argparse.ArgumentParser(description="digest-tui benchmark (make bench)")
    p.add_argument("--bin", required=True)
    p.add_argument("--top", required=True)
    p.add_argument("--corpus")
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--posts", type=int, default=900)
    p.add_argument("--work")
    p.add_argument("--bench-search")
    p.add_argument("--bench-rank")
    p.add_argument("--bench-marks")
    p.add_argument("--only", default="123456789abcd")
    a = p.parse_args()
    if a.runs < 5:
        p.error("--runs must be at least 5")
    t0 = time.perf_counter()
    tmp = None
    if not a.work:
        tmp = a.work = tempfile.mkdtemp(prefix="digest-bench.")
    try:
        b = Bench(a)
        b.setup()
        steps = [("1", "dump", b.bench_dump), ("2", "first frame", b.bench_frame),
                 ("3", "search", b.bench_search), ("4", "peak RSS", b.bench_rss),
                 ("5", "scrolling", b.bench_scroll), ("6", "fetch", b.bench_fetch),
                 ("7", "archive commands", b.bench_archive),
                 ("8", "peak RSS of --search", b.bench_search_rss),
                 ("9", "first frame from a DIR", b.bench_frame_dir),
                 ("a", "paper facts", b.bench_facts),
                 ("b", "the reader's archive search", b.bench_find),
                 ("c", "for-me", b.bench_rank),
                 ("d", "marks of two machines", b.bench_sync)]
        for no, name, fn in steps:
            if no not in a.only:
                continue
            no = {"a": "10", "b": "11", "c": "12", "d": "13"}.get(no, no)
            log("%s: %s" % (no, name))
            try:
                fn()
            except (ptyrun.Timeout, OSError, subprocess.SubprocessError) as e:
                b.row(no, name, "-", "-", "-", "-", "FAIL (%s)" % e)
        b.table(time.perf_counter() - t0)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
