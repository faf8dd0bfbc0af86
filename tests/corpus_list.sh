#!/bin/sh
# --list over the real posts in ../shared/corpus: per-post paper counts, and a
# sample of numbers, arXiv IDs and titles, by value. SKIPs without the corpus.
. "$top_srcdir/tests/lib/tap.sh"
have_corpus || skip_all "no corpus at ${CORPUS_DIR:-(unset)}"
posts="$CORPUS_DIR/posts"

# FILE COUNT: the number of paper headings each post has.
cat >"$TMP/counts" <<'COUNTS'
2025-08-29-daily-papers-20250829.md 10
2025-08-30-daily-papers-20250830.md 10
2025-08-31-daily-papers-20250831.md 10
2025-09-01-Arxiv.md 19
2025-09-01-daily-papers-20250901.md 9
2025-09-02-Arxiv.md 20
2025-09-02-daily-papers-20250902.md 7
2025-09-03-daily-papers-20250903.md 39
2025-09-04-daily-papers-20250904.md 9
2025-09-05-daily-papers-20250905.md 14
2025-09-06-daily-papers-20250906.md 14
2025-09-07-daily-papers-20250907.md 14
2025-09-08-daily-papers-20250908.md 12
2025-09-09-daily-papers-20250909.md 25
2025-09-10-daily-papers-20250910.md 18
2025-09-11-daily-papers-20250911.md 12
2025-09-12-daily-papers-20250912.md 25
2025-09-13-daily-papers-20250913.md 4
2025-09-15-daily-papers-20250915.md 7
2025-09-16-daily-papers-20250916.md 2
2025-09-17-daily-papers-20250917.md 4
2025-09-18-daily-papers-20250918.md 6
2025-09-19-daily-papers-20250919.md 5
2025-09-22-daily-papers-20250922.md 6
2025-09-23-Arxiv.md 10
2025-09-23-daily-papers-20250923.md 11
2025-09-24-daily-papers-20250924.md 7
2025-09-25-daily-papers-20250925.md 2
2025-09-26-daily-papers-20250926.md 6
2025-09-29-daily-papers-20250929.md 13
2025-09-30-daily-papers-20250930.md 16
2025-10-01-daily-papers-20251001.md 15
2025-10-02-daily-papers-20251002.md 5
2025-10-03-daily-papers-20251003.md 13
2025-10-06-daily-papers-20251006.md 6
2025-10-07-daily-papers-20251007.md 10
2025-10-08-daily-papers-20251008.md 8
2025-10-09-daily-papers-20251009.md 10
2025-10-10-daily-papers-20251010.md 11
2025-10-13-daily-papers-20251013.md 7
2025-10-14-daily-papers-20251014.md 12
2025-10-15-daily-papers-20251015.md 16
2025-10-17-daily-papers-20251017.md 12
2025-10-20-daily-papers-20251020.md 4
2025-10-21-daily-papers-20251021.md 8
2025-10-22-daily-papers-20251022.md 12
2025-10-23-daily-papers-20251023.md 11
2025-10-24-daily-papers-20251024.md 11
2025-10-27-daily-papers-20251027.md 8
2025-10-28-daily-papers-20251028.md 14
2025-10-29-daily-papers-20251029.md 8
2025-10-30-daily-papers-20251030.md 4
2025-10-31-daily-papers-20251031.md 3
COUNTS

while read -r f n; do
	"$DIGEST_TUI" --list "$posts/$f" >"$TMP/out" 2>"$TMP/err"; rc=$?
	got=$(wc -l <"$TMP/out" | tr -d ' ')
	if [ "$rc" = 0 ] && [ "$got" = "$n" ] &&
	   [ "$(cut -f2 "$TMP/out" | tr '\n' ' ')" = "$(seq 1 "$n" | tr '\n' ' ')" ] &&
	   [ "$(awk -F'\t' '$3 == "-" || $5 == "-" || $5 ~ /[[]|]\(/' "$TMP/out" | wc -l)" -eq 0 ]; then
		pass "$f: $n papers numbered 1..$n, each with an ID and a clean title"
	else
		fail "$f: $n papers numbered 1..$n (got $got, exit $rc)"
		head -3 "$TMP/err" | sed 's/^/# /'
	fi
done <"$TMP/counts"

"$DIGEST_TUI" --list "$posts" >"$TMP/all" 2>"$TMP/err"; rc=$?
is "$rc" 0 "the whole corpus directory lists"
is "$(wc -l <"$TMP/all" | tr -d ' ')" 574 "574 papers in all"
is "$(cut -f1 "$TMP/all" | sort -c && echo sorted)" "sorted" "digests come in date order"

# DATE NUMBER ID TITLE, as they must appear.
cat >"$TMP/sample" <<'SAMPLE'
2025-09-29	1	2509.22622	LongLive: Real-time Interactive Long Video Generation
2025-09-29	3	2509.21679	ReviewScore: Misinformed Peer Review Detection with Large Language Models
2025-09-29	9	2509.22636	Scale-Wise VAR is Secretly Discrete Diffusion
2025-09-11	9	2509.08358	<think> So let's replace this phrase with insult... </think> Lessons learned from generation of toxic texts with LLMs
2025-09-01	1	2508.21824	DriveQA: Passing the Driving Knowledge Test
2025-09-01	9	2508.21581	Integrating Pathology and CT Imaging for Personalized Recurrence Risk Prediction in Renal Cancer
2025-10-31	1	2510.26794	The Quest for Generalizable Motion Generation: Data, Model, and Evaluation
2025-09-03	39	-	-
2025-08-29	8	2508.21046	CogVLA: Cognition-Aligned Vision-Language-Action Model via Instruction-Driven Routing & Sparsification
2025-08-29	10	2508.21070	Dress&Dance: Dress up and Dance as You Like It - Technical Preview
2025-09-12	7	2509.09680	FLUX-Reason-6M & PRISM-Bench: A Million-Scale Text-to-Image Reasoning Dataset and Comprehensive Benchmark
SAMPLE
while IFS='	' read -r date num id title; do
	line=$(awk -F'\t' -v d="$date" -v n="$num" -v i="$id" '$1 == d && $2 == n && (i == "-" || $3 == i)' "$TMP/all")
	if [ "$id" = "-" ]; then
		check "$date #$num exists" [ -n "$line" ]
	else
		is "$(printf '%s\n' "$line" | cut -f5 | head -1)" "$title" "$date #$num $id title"
	fi
done <"$TMP/sample"

# The seed copy carries its date only in the front matter.
"$DIGEST_TUI" --list "$CORPUS_DIR"/seed/*.txt >"$TMP/seed" 2>"$TMP/err"; rc=$?
is "$rc" 0 "the seed post (no date in its name) parses"
is "$(cut -f1 "$TMP/seed" | sort -u)" "2025-09-29" "its date comes from the front matter"
is "$(head -1 "$TMP/seed" | cut -f3)" "2509.22622" "and its first paper is LongLive"

plan_done
