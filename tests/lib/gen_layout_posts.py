#!/usr/bin/env python3
"""Writes generated digest posts into DIR for the layout property test
(tests/layout_props.sh): text of the digests' shape with what makes line
breaking hard, mixed at random (a fixed seed, so runs are repeatable):
long URLs (bare, in brackets, before particles), long Latin compounds with
hyphens and slashes, parenthesized terms glued to Hangul words and
particles, numbers before counters, CJK and ASCII punctuation, East-Asian
ambiguous characters, Hangul words longer than narrow lines.

  gen_layout_posts.py DIR [N_POSTS] [SEED]
"""
import os
import random
import sys

HANGUL_WORDS = ["모델", "학습", "데이터셋", "강화학습", "벤치마크", "추론", "성능을", "향상시키는",
                "대규모", "멀티모달", "프레임워크를", "제안하였다.", "방법론", "효율적이고", "실험에서",
                "초장문단어하나로만이루어진매우긴낱말", "평가한다", "기존", "연구는", "한계가"]
LATIN = ["LLM", "Vision-Language-Action", "reference-to-video", "Streamo-Instruct-465K",
         "CultureBench", "input/output", "GPT-4o", "state-of-the-art", "LoRA",
         "Mixture-of-Experts-based-Sparse-Routing-Transformer", "R2V", "INT8", "MXINT8"]
PARTICLES = ["를", "을", "의", "와", "과", "에서", "은", "는", "이", "가", "로"]
COUNTERS = ["가지", "개의", "단계", "번째", "명", "배", "개", "차례"]
NUMERALS = ["두", "세", "네", "다섯", "3070만", "70억", "12", "1,024", "여러"]
AMBIGUOUS = ["—", "·", "“인용”", "‘강조’", "±", "×", "°C", "α", "β-VAE", "…"]
CJK_PUNCT = ["「용어」", "（주）", "『제목』", "【참고】", "값、", "끝。"]


def url(r):
    host = r.choice(["https://www.alphaxiv.org/ko/overview/", "https://arxiv.org/abs/",
                     "https://github.com/some-org/some-very-long-repository-name/tree/main/",
                     "http://example.com/a/b/c/d/"])
    tail = "%04d.%05d" % (r.randrange(2300, 2600), r.randrange(0, 99999))
    if r.random() < 0.3:
        tail += "?q=" + "x" * r.randrange(1, 90)
    return host + tail


def token(r):
    k = r.random()
    if k < 0.40:
        return r.choice(HANGUL_WORDS)
    if k < 0.50:
        return r.choice(LATIN) + r.choice(PARTICLES + [""])
    if k < 0.58:
        return r.choice(HANGUL_WORDS).rstrip(".") + "(" + r.choice(LATIN) + ")" + r.choice(PARTICLES)
    if k < 0.66:
        return r.choice(NUMERALS) + " " + r.choice(COUNTERS)
    if k < 0.72:
        u = url(r)
        return r.choice([u, "(" + u + ")", u + r.choice(PARTICLES), "<" + u + ">", "주소:" + u])
    if k < 0.80:
        return r.choice(AMBIGUOUS)
    if k < 0.86:
        return r.choice(CJK_PUNCT)
    if k < 0.92:
        return r.choice(LATIN) + r.choice([",", ".", ")", ":", ";"])
    return r.choice(HANGUL_WORDS) + r.choice(["%", "!", "?"])


def sentence(r, n):
    return " ".join(token(r) for _ in range(n))


def post(r, date, npapers):
    out = ["---", "title: Generated %s" % date, "date: %s" % date, "---", ""]
    for i in range(1, npapers + 1):
        aid = "25%02d.%05d" % (r.randrange(1, 13), r.randrange(0, 99999))
        out += ["# %d. [%s](https://arxiv.org/abs/%s)" % (i, sentence(r, r.randrange(3, 12)), aid), "",
                "> [Alphaxiv](https://www.alphaxiv.org/ko/overview/%s)" % aid, "",
                "## Introduction", "",
                "- Goal: " + sentence(r, r.randrange(5, 30)),
                "- Motivation: " + sentence(r, r.randrange(5, 30)),
                "- Contribution: " + sentence(r, r.randrange(5, 30)), "",
                "## Method", "", sentence(r, r.randrange(10, 60)), "",
                "## Results", "", sentence(r, r.randrange(10, 40)), ""]
    return "\n".join(out) + "\n"


def main():
    d = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    r = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 16)
    os.makedirs(d, exist_ok=True)
    for k in range(n):
        date = "2025-11-%02d" % (k % 28 + 1)
        with open(os.path.join(d, "%s-generated-%02d.md" % (date, k)), "w", encoding="utf-8") as f:
            f.write(post(r, date, r.randrange(2, 6)))


if __name__ == "__main__":
    main()
