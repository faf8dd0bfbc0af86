#!/bin/sh
# --search over two copies of one date's post (two sources, or a post renamed
# upstream), which --list prints a paper of once: a paper is printed once when
# any copy of it that date matches, the first copy or only a later one, over
# FILE and DIR arguments and over the cache (read through its index).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/fetchlib.sh"

# The blog's post and its mirror's, a few bytes apart: the mirror's paper 2
# says "zebrafish", the blog's paper 3 says "axolotl".
mkdir -p "$WWW/blog" "$WWW/mirror"
make_post "$WWW/blog/2025-09-05.md" 2025-09-05 3
make_post "$WWW/mirror/2025-09-05.md" 2025-09-05 3
sed -i 's/이 논문는 2번째/이 zebrafish 논문는 2번째/' "$WWW/mirror/2025-09-05.md"
sed -i 's/이 논문는 3번째/이 axolotl 논문는 3번째/' "$WWW/blog/2025-09-05.md"
BLOG=$WWW/blog/2025-09-05.md MIRROR=$WWW/mirror/2025-09-05.md
is "$(grep -c zebrafish "$MIRROR"):$(grep -c zebrafish "$BLOG")" "1:0" "only the mirror's copy says zebrafish"

# s ARGS...: the --search lines without MARKS and TITLE, each ended by ";",
# then the exit status.
s() {
	"$DIGEST_TUI" --search "$@" >"$TMP/s.out" 2>"$TMP/s.err"
	_rc=$?
	printf '%s status %s' "$(cut -f1-3 "$TMP/s.out" | tr '\t\n' ' ;')" "$_rc"
}

is "$(s zebrafish "$MIRROR")" "2025-09-05 2 2509.00002; status 0" "the mirror's copy alone: found"
is "$(s zebrafish "$BLOG" "$MIRROR")" "2025-09-05 2 2509.00002; status 0" \
	"both copies, only the later one matching: printed once, status 0"
is "$(s zebrafish "$MIRROR" "$BLOG")" "2025-09-05 2 2509.00002; status 0" \
	"whatever order they are named in"
is "$(s axolotl "$BLOG" "$MIRROR")" "2025-09-05 3 2509.00003; status 0" \
	"only the first copy matching: printed once"
is "$(s 'Paper 1 of' "$BLOG" "$MIRROR")" "2025-09-05 1 2509.00001; status 0" \
	"both copies matching: printed once"
is "$(s 'Paper' "$BLOG" "$MIRROR")" \
	"2025-09-05 1 2509.00001;2025-09-05 2 2509.00002;2025-09-05 3 2509.00003; status 0" \
	"every paper of the date once"

# A post renamed upstream: both names in one DIR.
mkdir -p "$TMP/dir"
cp "$BLOG" "$TMP/dir/2025-09-05-daily-papers-20250905.md"
cp "$MIRROR" "$TMP/dir/2025-09-05-daily-papers.md"
is "$(s zebrafish "$TMP/dir")" "2025-09-05 2 2509.00002; status 0" "a DIR holding both names: printed once"
is "$(s axolotl "$TMP/dir")" "2025-09-05 3 2509.00003; status 0" "  from either copy"

# The cache, fetched from both sources; --search reads it through the index.
run_fetch --days 1 --until 2025-09-05 --source "blog=file://$WWW/blog/%F.md" \
	--source "mirror=file://$WWW/mirror/%F.md"
is "$rc" 0 "both copies fetched into the cache"
is "$(ls "$CACHE/posts" | wc -l | tr -d ' ')" 2 "the cache keeps both"
is "$(s zebrafish)" "2025-09-05 2 2509.00002; status 0" "the cache: a later copy's match is printed once"
check "  the index is written" test -s "$CACHE/index"
is "$(s zebrafish)" "2025-09-05 2 2509.00002; status 0" "  and read: the same"
is "$(s axolotl)" "2025-09-05 3 2509.00003; status 0" "  the first copy's match"
is "$(s 'Paper 2 of')" "2025-09-05 2 2509.00002; status 0" "  a match in both, once"
is "$(s 'ㄴㅁ' | tr ';' '\n' | grep -c 2025-09-05)" 3 "  초성: every paper of the date once"
is "$("$DIGEST_TUI" --list | wc -l | tr -d ' ')" 3 "--list prints each paper once, as before"

plan_done
