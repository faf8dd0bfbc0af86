"""Hostile digest posts for the hardening tests.

tests/hostile.sh (--list and --dump) and tests/tui_hostile_big.sh (the
reader in tmux) write the same kinds of posts under their own dates and
arXiv ID prefixes; the posts are built here, so the two cannot drift apart.
Every function returns the bytes of a post or of a part of one.

Use from a test's Python heredoc:

    sys.dont_write_bytecode = True  # no __pycache__ in the source tree
    sys.path.insert(0, os.environ["top_srcdir"] + "/tests/lib")
    import hostile_posts as hp
"""
import os

ESC = b"\x1b"

# Titles carrying terminal sequences: CSI (colors, clear screen, cursor
# home), OSC 52 (clipboard), OSC 8 (hyperlink), DCS (sixel), OSC 0/2 (window
# title), raw and UTF-8-encoded C1 controls, bidi overrides, isolates and
# marks, and an OSC that is never terminated. The words around each sequence
# must survive; the sequences and their payloads (cHduZWQ=, evil.example,
# #0;2;0;0;0, pwned, AAAA) must not. The raw C1 title says "owned", not
# "pwned": its C1 bytes are invalid UTF-8, so "0;owned" stays as text.
ESCAPE_TITLES = [
    b"Alpha " + ESC + b"[31mRed" + ESC + b"[0m Title " + ESC + b"[2J" + ESC + b"[H Cleared",
    b"Bravo " + ESC + b"]52;c;cHduZWQ=\x07 Clipboard",
    b"Charlie " + ESC + b"]8;;https://evil.example/" + ESC + b"\\Link" + ESC + b"]8;;" +
    ESC + b"\\ Text",
    b"Delta " + ESC + b"Pq#0;2;0;0;0#1;2;100;100;0" + ESC + b"\\ Sixel",
    b"Echo " + ESC + b"]0;pwned\x07 " + ESC + b"]2;pwned" + ESC + b"\\ Window",
    b"Foxtrot \x9b31m \x9d0;owned\x9c Raw C1",
    b"Golf \xc2\x9b31m \xc2\x9d0;pwned\xc2\x9c Encoded C1",
    "Hotel \u202egnp.exe\u202c \u2066isolate\u2069 \u200fmark\u200e Bidi".encode(),
    b"India " + ESC + b"]52;c;AAAA unterminated OSC",
]

# Every class of invalid UTF-8, and NUL bytes: (name, bytes).
INVALID_UTF8 = [
    (b"Overlong", b"\xc0\xaf \xe0\x80\xaf \xf0\x80\x80\xaf \xc1\xbf"),
    (b"Surrogate", b"\xed\xa0\x80 \xed\xbf\xbf \xed\xa0\xbd\xed\xb8\x80"),
    (b"Truncated", b"\xe3\x81 \xf0\x9f\x98 \xe2\x82"),
    (b"Stray", b"\x80 \xbf \x80\x80\x80"),
    (b"HighBytes", b"\xf5 \xf8\x88\x80\x80\x80 \xfc\x84\x80\x80\x80\x80 \xfe \xff \xf4\x90\x80\x80"),
    (b"Nul", b"a\x00b \x00"),
]


def fm(title, date, extra=b""):
    """Front matter."""
    return (b'---\nlayout: post\ntitle: "' + title + b'"\ndate: ' + date +
            b" 08:00:00\ntags: [papers]\n" + extra + b"---\n")


def md(b):
    """Literal text inside a Markdown link label."""
    return b.replace(b"\\", b"\\\\").replace(b"]", b"\\]").replace(b"[", b"\\[")


def paper(n, title, aid, body=b""):
    """Paper n: heading, Alphaxiv line, a Goal, then body."""
    return (b"\n# %d. [" % n + md(title) + b"](https://arxiv.org/abs/" + aid + b")\n\n"
            b"> [Alphaxiv](https://www.alphaxiv.org/ko/overview/" + aid + b")\n\n"
            b"## Introduction\n\n- Goal: \xeb\xaa\xa9\xed\x91\x9c %d.\n" % n + body)


def write(out, name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def escapes(date, id_prefix, body_in_every_paper=False):
    """Nine papers titled ESCAPE_TITLES; a Method of every title as body text
    (in the first paper, or in all), sequences in the front matter too."""
    body = (b"\n## Method\n\n" + b"\n\n".join(b"Body " + t + b" end." for t in ESCAPE_TITLES) +
            b"\n\n- Goal: " + ESCAPE_TITLES[1] + b"\n")
    post = [fm(b"Escapes " + ESC + b"]0;pwned\x07 title", date,
               b'tags: ["' + ESC + b'[31mred", "' + ESC + b']52;c;cHduZWQ=\x07"]\n')]
    for i, t in enumerate(ESCAPE_TITLES):
        post.append(paper(i + 1, t, id_prefix + b".%05d" % (i + 1),
                          body if i == 0 or body_in_every_paper else b""))
    return b"".join(post)


def invalid_utf8(date, id_prefix):
    """Six papers "NAME Start BYTES Finish" (IDs PREFIX001..006) with
    "NAME body BYTES tail" as Method, and a last line cut mid-character."""
    post = [fm(b"Invalid \x00 \xff\xfe \xc0\xaf title", date)]
    for i, (name, b) in enumerate(INVALID_UTF8):
        post.append(paper(i + 1, name + b" Start " + b + b" Finish", id_prefix + b"%03d" % (i + 1),
                          b"\n## Method\n\n" + name + b" body " + b + b" tail\n"))
    post.append(b"\nlast line truncated \xe3\x81")
    return b"".join(post)


def long_line():
    """1 MB of Hangul and Latin words, then LONGLINEEND."""
    word = "가나다라ABC마바사 ".encode()
    return (word * (1048576 // len(word) + 1))[:1048576] + b" LONGLINEEND"


def long_word():
    """1 MB of Hangul without a space, then NOSPACEEND."""
    return "가".encode() * (1048576 // 3) + b"NOSPACEEND"


def deep_nesting(date, id_prefix):
    """Two papers (IDs PREFIX001, 002): "Deep Nesting Paper", whose Method
    has 10,000 levels of lists, quotes, emphasis and brackets, then a list
    indented 0 to 199 levels (level0 .. level199); "After The Deep One"."""
    deep = (b"\n## Method\n\n" + b"- " * 10000 + b"DEEPLIST\n\n" + b"> " * 10000 + b"DEEPQUOTE\n\n" +
            b">" * 10000 + b" TIGHTQUOTE\n\n" + b"1. " * 10000 + b"DEEPORDERED\n\n" +
            b"> - " * 5000 + b"DEEPMIXED\n\n" + b"*" * 10000 + b"EMPH" + b"*" * 10000 + b"\n\n" +
            b"[" * 10000 + b"BRACKETS" + b"]" * 10000 + b"\n\n" +
            b"".join(b"  " * i + b"- level%d\n" % i for i in range(200)) + b"\n")
    return (fm(b"Deep", date) + paper(1, b"Deep Nesting Paper", id_prefix + b"001", deep) +
            paper(2, b"After The Deep One", id_prefix + b"002"))


def huge_front_matter(date, id_prefix):
    """About 1 MB of front-matter keys, then two papers (IDs PREFIX001, 002):
    "Huge Front Matter Paper", "Second Huge Paper"."""
    keys = b"".join(b"key%d: value %d \xea\xb0\x92\n" % (i, i) for i in range(60000))
    return (fm(b"Huge front matter", date, keys) +
            paper(1, b"Huge Front Matter Paper", id_prefix + b"001") +
            paper(2, b"Second Huge Paper", id_prefix + b"002"))


def long_title_url(date, aid, short1=b"short.", short2=b"short."):
    """A 10,000-character title (ending TITLEEND) with a 10,000-character
    arXiv URL, and a blog post with a 10,000-character URL; front-matter
    title 10,000 L's."""
    title = ("긴제목 LongTitle " * 700).encode()[:9992] + b"TITLEEND"
    return (fm(b"L" * 10000, date) +
            b"\n# 1. [" + title + b"](https://arxiv.org/abs/" + aid + b"?" + b"q" * 10000 + b")\n\n"
            b"## Method\n\n" + short1 + b"\n"
            b"\n# 2. [Blog Post With A Long URL](https://blog.example/" + b"p" * 10000 + b")\n\n"
            b"## Method\n\n" + short2 + b"\n")


def many_papers(date):
    """100,000 papers "Paper N of many", IDs 2501.00001..2502.50000."""
    post = [fm(b"Many papers", date)]
    for i in range(1, 100001):
        aid = b"%d.%05d" % (2501 + (i - 1) // 50000, (i - 1) % 50000 + 1)
        post.append(b"\n# %d. [Paper %d of many](https://arxiv.org/abs/%s)\n\n- Goal: g%d\n" % (i, i, aid, i))
    return b"".join(post)
