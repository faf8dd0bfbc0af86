#!/usr/bin/env python3
"""The layout's promises, checked on a --dump against the posts it came from
(an independent reading: nothing here asks the engine what it did).

  layoutprops.py [--width W] [--amb 1|2] [--only PROP,...] DUMP POST...

  fit    every line is at most W columns (East-Asian ambiguous characters
         counted --amb columns, as the terminal that option is for does);
  words  no Hangul word is split unless alone it is wider than the line
         (tests/lib/keepall.py's rule, widths
         counted with punctuation and --amb);
  urls   no URL is broken: each URL-looking token of the dump is a URL of
         the posts, whole, or its start and end around an ellipsis;
  punct  no line starts with closing punctuation or ends with opening
         punctuation, unless the posts have that line's edge themselves
         (a paragraph that starts with ')').

Prints one '# property: example' line per violation (at most 10 each) and
exits 1 when there is any.
"""
import re
import sys
import unicodedata

CLOSING = set(")]}%,.!?:;") | set("’”、。，．！？：；％）］｝〉》」』】〕〗〙〛｠｡｣､")
OPENING = set("([{") | set("‘“（［｛〈《「『【〔〖〘〚｟｢")
ELLIPSES = "…⋯"
TRIM = " \t*_`[]()<>\"'“”‘’.,;:!?·—-…|#>"
HANGUL = re.compile("[\uac00-\ud7a3]")
URL = re.compile(r"https?://(?:(?![<>\"`{}|\\^])[\x21-\x7e])+", re.I)


def width(s, amb):
    w = 0
    for ch in s:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        ea = unicodedata.east_asian_width(ch)
        w += 2 if ea in "WF" or (ea == "A" and amb == 2) else 1
    return w


def trim_url(u):
    """What the engine calls the URL: without trailing sentence punctuation
    and unbalanced closing brackets."""
    while u:
        c = u[-1]
        if c in ".,;:!?'*_":
            u = u[:-1]
        elif c in ")]" and u.count("([" [c == "]"]) < u.count(c):
            u = u[:-1]
        else:
            break
    return u


def main():
    sys.stdout.reconfigure(errors="replace")
    args = sys.argv[1:]
    W, amb, only = None, 1, None
    while args and args[0].startswith("--"):
        if args[0] == "--width":
            W = int(args[1])
        elif args[0] == "--amb":
            amb = int(args[1])
        elif args[0] == "--only":  # e.g. "urls,punct": check only those
            only = args[1].split(",")
        args = args[2:]
    dump, posts = args[0], args[1:]
    src = ""
    for p in posts:
        with open(p, encoding="utf-8", errors="replace") as f:
            src += f.read() + "\n"
    src_lines = {l.strip() for l in src.split("\n")}
    # A link's text and destination are one run of URL characters in the
    # Markdown ("x https://a](https://b)"): their parts count too.
    urls = set()
    for u in URL.findall(src):
        for part in [u] + u.split("]("):
            urls.add(trim_url(part))
    lines = open(dump, encoding="utf-8").read().split("\n")
    bad = {"fit": [], "words": [], "urls": [], "punct": []}

    for line in lines:
        if W and width(line, amb) > W:
            bad["fit"].append(line)
        body = line.strip()
        if not body:
            continue
        # A line edge the posts have themselves is no break's doing.
        if body[0] in CLOSING and not any(l.startswith(body[:3]) for l in src_lines):
            bad["punct"].append("starts: " + line)
        if body[-1] in OPENING and not any(l.endswith(body[-3:]) for l in src_lines):
            bad["punct"].append("ends: " + line)
        for tok in re.findall(r"https?://\S*", body, re.I):
            m = URL.match(tok)
            u = trim_url(m.group(0)) if m else tok
            parts = re.split("[" + ELLIPSES + "]", tok, maxsplit=1)
            if len(parts) == 2 and parts[1]:
                # What follows the URL on its line (a particle) is not its tail.
                head, tail = parts[0], trim_url(re.match(r"[\x21-\x7e]*", parts[1]).group(0))
                if any(s.startswith(head) and s.endswith(tail) and len(s) > len(head) + len(tail)
                       for s in urls):
                    continue
            elif len(parts) == 2:  # shortened to the ellipsis at its end
                if any(s.startswith(parts[0]) for s in urls):
                    continue
            if u in urls:
                continue
            bad["urls"].append(tok)

    # words: every Hangul-holding token of the dump is a token of the posts
    # (as tests/lib/keepall.py reads them), unless it is a piece of a
    # source token that alone, punctuation and all, is wider than the
    # line less the deepest hanging indent: a label's ("  - Goal: " 10,
    # "  - Motivation: " 16, "  - Contribution: " 18) where it leaves 20
    # columns and half the line, else 6 (a nested bullet, a title's "12. ").
    hang = max([6] + [h for h in (10, 16, 18)
                      if W and W - h >= 20 and 2 * (W - h) >= W])
    known, wide = set(), []
    for raw in src.split():
        tok = raw.strip(TRIM)
        if not tok or not HANGUL.search(tok):
            continue
        known.add(tok)
        for part in re.split(r"[*_`\[\]()]+", tok):
            known.add(part.strip(TRIM))
        known.add(re.sub(r"[*_`]", "", tok).strip(TRIM))
        known.add(tok.split("](")[0].strip(TRIM))  # a link text's last word
        known.add(re.sub(r"[<>]", "", tok).strip(TRIM))  # <autolink>
        known.add(re.sub(r"\\(.)", r"\1", tok).strip(TRIM))
        if W and width(re.sub(r"[*_`]|^[-*]$", "", raw), amb) > W - hang:
            wide.append(re.sub(r"[*_`]", "", raw))
    for line in lines:
        for tok in line.split():
            tok = tok.strip(TRIM)
            if not tok or not HANGUL.search(tok) or tok in known:
                continue
            head = re.split("[" + ELLIPSES + "]", tok)[0]
            if head != tok and head and (head.lower().startswith("http") or
                                         "https://".startswith(head.lower())):
                continue  # a shortened URL with its particle: see urls
            if any(tok in k for k in wide):
                continue
            # A link's reference number ("구현[1]과") and an image's brackets
            # ("[image: 구조도]과") stand where the Markdown had its syntax.
            pieces = [q.strip(TRIM) for q in re.split(r"\[\d+\]|[\[\]]", tok)]
            if len(pieces) > 1 and all(q in known for q in pieces if HANGUL.search(q)):
                continue
            bad["words"].append(tok)
    n = 0
    if only:
        bad = {k: v for k, v in bad.items() if k in only}
    for prop, v in bad.items():
        for ex in v[:10]:
            print("# %s: %s" % (prop, ex))
        if v:
            print("# %s: %d violation(s)" % (prop, len(v)))
        n += len(v)
    sys.exit(1 if n else 0)


if __name__ == "__main__":
    main()
