#!/usr/bin/env python3
"""Checks that a --dump broke Korean text only at spaces (keep-all): every
white-space separated token holding Hangul in the dump must be a whole token of
the source posts (after trimming punctuation and Markdown markers), unless it
is a piece of a source word too wide for the line (--width W: wider than W
minus the deepest hanging indent), which is cut by cluster. Prints the tokens
that are not (a syllable-level break shows up as two half-words), and exits 1
when there are any."""
import re
import sys
import unicodedata

TRIM = " \t*_`[]()<>\"'“”‘’.,;:!?·—-…|#>"
HANGUL = re.compile("[\uac00-\ud7a3]")


def tokens(text):
    for tok in text.split():
        tok = tok.strip(TRIM)
        if tok and HANGUL.search(tok):
            yield tok


def width(tok):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in tok)


def main():
    args = sys.argv[1:]
    line_width = None
    if args and args[0] == "--width":
        line_width = int(args[1])
        args = args[2:]
    dump, sources = args[0], args[1:]
    known = set()
    for path in sources:
        with open(path, encoding="utf-8", errors="replace") as f:
            for tok in tokens(f.read()):
                known.add(tok)
                # Markdown inside a word (**굵게**는) splits differently.
                for part in re.split(r"[*_`\[\]()]+", tok):
                    known.add(part.strip(TRIM))
                known.add(re.sub(r"[*_`]", "", tok).strip(TRIM))
                known.add(re.sub(r"\\(.)", r"\1", tok).strip(TRIM))  # b\*x is b*x
    bad = []
    with open(dump, encoding="utf-8") as f:
        for line in f:
            for tok in tokens(line):
                if tok in known:
                    continue
                # "- Contribution: " is the deepest hanging indent (18 columns).
                if line_width and any(tok in k and width(k) > line_width - 18
                                      for k in known):
                    continue
                bad.append(tok)
    for tok in bad[:20]:
        print(tok)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
