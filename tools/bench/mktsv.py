#!/usr/bin/env python3
"""Writes the sfeed(5) TSV of an archive, for sfeed_curses: one item a paper.

    mktsv.py DIGEST_TUI DIR OUT.tsv

Items come from `digest-tui --list DIR` (date, number, arXiv ID, title); each
item's content is the paper's text as `digest-tui --dump --width 80 DIR` prints
it, so the file holds what the reader shows. Newest first, as sfeed_update
sorts a feed. Prints the number of items and bytes.
"""
import calendar
import re
import subprocess
import sys

HEADER_RE = re.compile(r"^\d{4}-\d{2}-\d{2} · \d+ papers?")


def esc(s):
    # sfeed(5): in the content field \n, \t and \ are escaped.
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def field(s):
    # Other fields may hold no TAB or newline at all.
    return s.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def split_dump(lines, rows):
    """The dump's text of each row's paper, matched in order by its number."""
    out = [""] * len(rows)
    starts = []
    pos = 0
    for r, row in enumerate(rows):
        prefix = "%s. " % row[1]
        j = pos
        while j < len(lines) and not lines[j].startswith(prefix):
            j += 1
        if j == len(lines):
            starts.append(None)
            continue
        starts.append(j)
        pos = j + 1
    bounds = [s for s in starts if s is not None] + [len(lines)]
    k = 0
    for r, s in enumerate(starts):
        if s is None:
            out[r] = rows[r][4]
            continue
        end = bounds[k + 1]
        k += 1
        block = lines[s:end]
        # Drop the next digest's header (its title and its date line).
        for i, line in enumerate(block):
            if HEADER_RE.match(line):
                block = block[:max(i - 1, 0)]
                break
        out[r] = "\n".join(block).rstrip("\n")
    return out


def main():
    bin_, d, out = sys.argv[1:4]
    env = {"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"}
    listing = subprocess.run([bin_, "--list", d], check=True, capture_output=True,
                             env=env).stdout.decode("utf-8", "replace")
    dump = subprocess.run([bin_, "--dump", "--width", "80", d], check=True,
                          capture_output=True, env=env).stdout.decode("utf-8", "replace")
    rows = [line.split("\t", 4) for line in listing.splitlines() if line.count("\t") >= 4]
    texts = split_dump(dump.splitlines(), rows)
    items = []
    for row, text in zip(rows, texts):
        date, num, aid, _marks, title = row
        y, m, dd = (int(x) for x in date.split("-")) if date != "-" else (1970, 1, 1)
        ts = calendar.timegm((y, m, dd, 8, 15, 0)) - int(num)  # keeps the order
        link = "https://arxiv.org/abs/%s" % aid if aid != "-" else ""
        items.append((ts, "\t".join([str(ts), field("%s. %s" % (num, title)), link, esc(text),
                                     "plain", aid if aid != "-" else "%s-%s" % (date, num),
                                     "", "", "papers"])))
    items.sort(key=lambda t: -t[0])
    data = "".join(line + "\n" for _, line in items).encode("utf-8")
    with open(out, "wb") as f:
        f.write(data)
    print("%d items, %d bytes" % (len(items), len(data)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
