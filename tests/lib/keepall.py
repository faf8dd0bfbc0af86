#!/usr/bin/env python3
"""Checks that a --dump broke Korean text only at spaces (keep-all): every
white-space separated token holding Hangul in the dump must be a whole token of
the source posts (after trimming punctuation and Markdown markers). Prints the
tokens that are not (a syllable-level break shows up as two half-words), and
exits 1 when there are any."""
import re
import sys

TRIM = " \t*_`[]()<>\"'“”‘’.,;:!?·—-…|#>"
HANGUL = re.compile("[\uac00-\ud7a3]")


def tokens(text):
    for tok in text.split():
        tok = tok.strip(TRIM)
        if tok and HANGUL.search(tok):
            yield tok


def main():
    dump, sources = sys.argv[1], sys.argv[2:]
    known = set()
    for path in sources:
        with open(path, encoding="utf-8", errors="replace") as f:
            for tok in tokens(f.read()):
                known.add(tok)
                # Markdown inside a word (**굵게**는) splits differently.
                for part in re.split(r"[*_`\[\]()]+", tok):
                    known.add(part.strip(TRIM))
                known.add(re.sub(r"[*_`]", "", tok).strip(TRIM))
    bad = []
    with open(dump, encoding="utf-8") as f:
        for line in f:
            for tok in tokens(line):
                if tok not in known:
                    bad.append(tok)
    for tok in bad[:20]:
        print(tok)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
