#!/bin/sh
# The persistent index of the cache (src/index.c) is validated, never
# trusted: whatever happens to it between runs — corrupted anywhere,
# truncated, from another version, swapped for an older one or for another
# cache's — --list, --search and --export print exactly what they print from
# the posts themselves (the posts directory given as a DIR argument, which
# parses every post), and nothing on stderr. A post rewritten in place with
# its size and mtime kept is noticed too.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/fetchlib.sh"

export XDG_STATE_HOME="$TMP/state"
IX=$CACHE/index

# Posts with Korean text (the 초성 index too), several sources, and the
# corpus when there is one.
make_posts "$WWW/p" 2025-10-01 6
make_post "$WWW/p/2025-10-03.md" 2025-10-03 4 강화학습
make_post "$WWW/p/2025-10-05.md" 2025-10-05 3 "Reinforcement 학습"
run_fetch --source "d=file://$WWW/p/%F.md" --days 6 --until 2025-10-06
is "$rc" 0 "six posts cached"
if have_corpus; then
	python3 "$top_srcdir/tools/bench/mkarchive.py" --corpus "$CORPUS_DIR/posts" \
		--count 60 --last 2025-09-30 "$WWW/c" >/dev/null
	run_fetch --source "$WWW/c" --days 60 --until 2025-09-30
	is "$rc" 0 "and 60 posts made from the corpus"
else
	skip "no corpus: the made-up posts only"
fi
mkdir -p "$XDG_STATE_HOME/digest-tui"
printf '%s\n' "# digest-tui marks v1" "2025-11-01T10:00:00Z +s 2510.00001" \
	"2025-11-01T10:00:00Z +sl 2510.00002" "2025-11-01T10:00:00Z +s 2510.00003" \
	>"$XDG_STATE_HOME/digest-tui/marks"

# The commands compared; one per line, split on blanks (no quoting needed).
cat >"$TMP/cmds" <<'EOF'
--list
--search 강화학습
--search ㄱㅎㅎㅅ
--search paper
--search 학습
--search ㄱ
--export starred
--export later --format bibtex
--export starred --format tsv
EOF

# same_as_posts LABEL: every command from the cache (through the index) and
# over the posts directory gives the same bytes, and nothing on stderr.
same_as_posts() {
	_bad=0
	: >"$TMP/why"
	while read -r _cmd; do
		# shellcheck disable=SC2086
		"$DIGEST_TUI" $_cmd >"$TMP/got" 2>"$TMP/goterr"
		_rc=$?
		# shellcheck disable=SC2086
		"$DIGEST_TUI" $_cmd "$CACHE/posts" >"$TMP/want" 2>/dev/null
		if [ "$_rc" -ne 0 ] || [ -s "$TMP/goterr" ] || ! cmp -s "$TMP/got" "$TMP/want"; then
			_bad=1
			echo "$_cmd: status $_rc, $(wc -l <"$TMP/got") lines, want $(wc -l <"$TMP/want"); stderr: $(head -c 300 "$TMP/goterr")" >>"$TMP/why"
		fi
	done <"$TMP/cmds"
	verdict "$_bad" "$1" "$TMP/why"
}

# A byte of the index, and its header fields.
field() { # field NAME: light_off, text_off, init_off, file_len, nrec
	python3 - "$IX" "$1" <<'EOF'
import struct, sys
h = open(sys.argv[1], "rb").read(112)
names = ["nrec", "table_off", "light_off", "light_len", "text_off", "text_len",
         "init_off", "init_len", "file_len"]
v = struct.unpack("=" + "Q" * 9, h[24:96])
print(dict(zip(names, v))[sys.argv[2]])
EOF
}
flip() { # flip OFFSET: inverts one byte of the index in place
	python3 - "$IX" "$1" <<'EOF'
import sys
with open(sys.argv[1], "r+b") as f:
    f.seek(int(sys.argv[2]))
    b = f.read(1)
    f.seek(int(sys.argv[2]))
    f.write(bytes([b[0] ^ 0x5A]))
EOF
}
inode() { stat -c %i "$IX"; }

rm -f "$IX"
same_as_posts "no index: every output as from the posts"
check "the index was written" test -s "$IX"
i1=$(inode)
same_as_posts "with the index: the same"
is "$(inode)" "$i1" "an index that matches is not rewritten"
cp "$IX" "$TMP/good"

# Corruption, one byte at a time, in each part of the file.
for where in 9 20 100 table light text init last; do
	cp "$TMP/good" "$IX"
	case $where in
	table) off=$(( $(field table_off) + 300 )) ;;
	light) off=$(( $(field light_off) + $(field light_len) / 2 )) ;;
	text) off=$(( $(field text_off) + $(field text_len) / 2 )) ;;
	init) off=$(( $(field init_off) + $(field init_len) / 3 )) ;;
	last) off=$(( $(field file_len) - 1 )) ;;
	*) off=$where ;;
	esac
	flip "$off"
	same_as_posts "a byte flipped at $off ($where): the same outputs"
	check "  and the index is rewritten whole" cmp -s "$IX" "$TMP/good"
done

# Truncated.
for size in 0 50 112 2000 half minus1; do
	cp "$TMP/good" "$IX"
	len=$(stat -c %s "$IX")
	case $size in
	half) size=$((len / 2)) ;;
	minus1) size=$((len - 1)) ;;
	esac
	truncate -s "$size" "$IX"
	same_as_posts "cut to $size bytes: the same outputs"
done
check "  and rebuilt as it was" cmp -s "$IX" "$TMP/good"

# A writer killed before its rename leaves a temporary file: the next run
# removes it, old or young, as no live writer holds its lock (a live writer's
# is left alone: tests/index_temp.sh).
: >"$CACHE/.tmp-1-1"
touch -d '2 hours ago' "$CACHE/.tmp-1-1"
: >"$CACHE/.tmp-2-1"
flip 9
"$DIGEST_TUI" --list >/dev/null 2>&1
check "a killed writer's old temporary file is removed when the index is rewritten" \
	test ! -e "$CACHE/.tmp-1-1"
check "  a young one too" test ! -e "$CACHE/.tmp-2-1"

# Another version, and garbage.
cp "$TMP/good" "$IX"
printf '\143\000\000\000' | dd of="$IX" bs=1 seek=8 conv=notrunc 2>/dev/null
same_as_posts "an index of version 99: the same outputs"
check "  and it is replaced" cmp -s "$IX" "$TMP/good"
head -c 100000 /dev/urandom >"$IX"
same_as_posts "random bytes as the index: the same outputs"

# Not a file: a FIFO (nothing may block on it), a symlink, a directory.
rm -f "$IX" && mkfifo "$IX"
same_as_posts "a FIFO as the index: the same outputs, no hang"
rm -f "$IX" && ln -s /dev/zero "$IX"
same_as_posts "a symlink to /dev/zero as the index: the same outputs"
rm -f "$IX" && mkdir "$IX"
same_as_posts "a directory as the index: the same outputs"
rmdir "$IX"
"$DIGEST_TUI" --list >/dev/null 2>&1
check "  and the index is written again once it can be" cmp -s "$IX" "$TMP/good"

# Swapped for an older one: a post changed upstream, one added, one removed.
cp "$TMP/good" "$TMP/old-index"
make_post "$WWW/p/2025-10-02.md" 2025-10-02 5 변경된
make_post "$WWW/p/2025-10-07.md" 2025-10-07 2 새로운
run_fetch --source "d=file://$WWW/p/%F.md" --days 7 --until 2025-10-07
rm "$CACHE/posts/"*2025-10-04*.md "$CACHE/meta/"*2025-10-04*.meta
same_as_posts "after a change, an addition and a removal: the same outputs"
cp "$TMP/old-index" "$IX"
same_as_posts "the index from before them put back: the same outputs"
contains "$("$DIGEST_TUI" --search 변경된)" "2025-10-02" "  the changed post is found by its new text"
is "$("$DIGEST_TUI" --list | grep -c '^2025-10-04')" 0 "  the removed post is not listed"

# Swapped for another cache's index, whose posts have the same names.
OTHER=$TMP/other
mkdir -p "$OTHER/www"
for d in 2025-10-01 2025-10-02 2025-10-03 2025-10-05 2025-10-06 2025-10-07; do
	make_post "$OTHER/www/$d.md" "$d" 1 외딴섬표식
done
XDG_CACHE_HOME=$OTHER/cache "$DIGEST_TUI" --fetch \
	--source "d=file://$OTHER/www/%F.md" --days 7 --until 2025-10-07 >/dev/null 2>&1
XDG_CACHE_HOME=$OTHER/cache "$DIGEST_TUI" --search 외딴섬표식 >/dev/null 2>&1
check "  (the other cache has its index)" test -s "$OTHER/cache/digest-tui/index"
cp "$OTHER/cache/digest-tui/index" "$IX"
same_as_posts "another cache's index (same post names): the same outputs"
is "$("$DIGEST_TUI" --search 외딴섬표식)" "" "  nothing of the other cache is found"

# A post rewritten in place, same size, its mtime set back: the index sees
# the change (and the cache reports the post, whose checksum no longer
# matches its metadata, as it does without an index).
f=$(ls "$CACHE/posts/"*2025-10-06*.md)
"$DIGEST_TUI" --list >/dev/null 2>&1
touch -r "$f" "$TMP/stamp"
sed 's/Paper 1 of/Paper X of/' "$f" >"$TMP/same-size"
cat "$TMP/same-size" >"$f"
touch -r "$TMP/stamp" "$f"
"$DIGEST_TUI" --list >"$TMP/out" 2>"$TMP/err"
contains "$(cat "$TMP/err")" "2025-10-06" "a post changed in place, size and mtime kept: reported"
is "$(grep -c 'bad cache entry' "$TMP/err")" 1 "  in one line"
is "$(grep -c '^2025-10-06' "$TMP/out")" 0 "  and not listed from the index"
"$DIGEST_TUI" --search "Paper X" >"$TMP/out" 2>"$TMP/err"
is "$(wc -l <"$TMP/out" | tr -d ' ')" 0 "  nor found by its new text"
plan_done
