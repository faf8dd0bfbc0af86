#!/usr/bin/env python3
"""Builds the benchmark archive: COUNT daily posts, one a day up to LAST.

    mkarchive.py [--corpus DIR] [--count N] [--last YYYY-MM-DD] OUT

With --corpus (a directory of real posts), post i is corpus post i mod 53
(in name order) moved to its new day: the front matter's date and the dates in
its title are rewritten, and the file is named DATE-daily-papers-YYYYMMDD.md.
The k-th repetition of a post adds k to the year of its arXiv IDs (2509.22622
becomes 2609.22622 in the second copy), so every paper of the archive is a
distinct paper, as in a real archive of that size. Without --corpus (or when
it holds no posts), synthetic posts of the same shape are written: 11 papers
each, Korean sections of the corpus's typical length. Prints a summary line:
posts, papers (approximate for the corpus) and bytes.
"""
import argparse
import datetime
import glob
import os
import random
import re
import sys

ID_RE = re.compile(r"((?:arxiv|alphaxiv)\.org/[A-Za-z/]*?)(\d\d)(\d\d)\.(\d{4,5})")
DATE_LINE_RE = re.compile(r"^date:\s*\d{4}-\d{2}-\d{2}", re.M)
ANY_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
TITLE_LINE_RE = re.compile(r"^title:.*$", re.M)


def rewrite(text, day, copy):
    iso = day.isoformat()
    # Front matter: between the first two '---' lines.
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end > 0:
            fm, body = text[:end], text[end:]
            fm = DATE_LINE_RE.sub("date: " + iso, fm, count=1)
            fm = TITLE_LINE_RE.sub(lambda m: ANY_DATE_RE.sub(iso, m.group(0)), fm, count=1)
            text = fm + body
    if copy:
        text = ID_RE.sub(lambda m: "%s%02d%s.%s" % (m.group(1), (int(m.group(2)) + copy) % 100,
                                                   m.group(3), m.group(4)), text)
    return text


WORDS = ("모델 학습 데이터 성능 방법 제안 언어 이미지 생성 추론 강화학습 에이전트 "
         "diffusion transformer attention benchmark LLM reasoning 평가 효율 구조").split()


def synthetic(day, n_papers, seq, rng):
    iso = day.isoformat()
    out = ['---\nlayout: post\ntitle: "Daily Papers — %s"\ndate: %s 08:15:00\n'
           'tags: [papers]\ncategories: []\n---\n' % (iso, iso)]
    for k in range(1, n_papers + 1):
        pid = "%02d%02d.%05d" % (day.year % 100, day.month, (seq * 40 + k) % 100000)
        title = " ".join(rng.choice(WORDS) for _ in range(8)).title()
        out.append("\n# %d. [%s](https://arxiv.org/abs/%s)\n\n"
                   "> [Alphaxiv](https://www.alphaxiv.org/ko/overview/%s)\n\n" % (k, title, pid, pid))
        for sec, n in (("Introduction", 0), ("Method", 6), ("Results", 4),
                       ("Limitations", 2), ("Conclusion", 2)):
            out.append("## %s\n\n" % sec)
            if not n:
                for item in ("Goal", "Motivation", "Contribution"):
                    out.append("- %s: %s.\n" % (item, " ".join(rng.choice(WORDS) for _ in range(14))))
                out.append("\n")
            else:
                out.append(" ".join(" ".join(rng.choice(WORDS) for _ in range(12)) + "다."
                                    for _ in range(n)) + "\n\n")
    return "".join(out)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--corpus")
    p.add_argument("--count", type=int, default=900)
    p.add_argument("--last", default="2025-10-31")
    p.add_argument("out")
    a = p.parse_args()
    last = datetime.date.fromisoformat(a.last)
    posts = sorted(glob.glob(os.path.join(a.corpus, "*.md"))) if a.corpus else []
    os.makedirs(a.out, exist_ok=True)
    rng = random.Random(42)
    total = 0
    for i in range(a.count):
        day = last - datetime.timedelta(days=a.count - 1 - i)
        if posts:
            with open(posts[i % len(posts)], encoding="utf-8") as f:
                text = rewrite(f.read(), day, i // len(posts))
        else:
            text = synthetic(day, 11, i, rng)
        name = "%s-daily-papers-%s.md" % (day.isoformat(), day.strftime("%Y%m%d"))
        data = text.encode("utf-8")
        with open(os.path.join(a.out, name), "wb") as f:
            f.write(data)
        total += len(data)
    first = last - datetime.timedelta(days=a.count - 1)
    print("%d posts (%s), %s to %s, %d bytes" % (
        a.count, "corpus x%.1f" % (a.count / len(posts)) if posts else "synthetic",
        first.isoformat(), last.isoformat(), total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
