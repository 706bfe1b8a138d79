#!/usr/bin/env bash
# Threads, shards and streaming memory of `newsgraph extract`:
#  - -j 1, -j 2 and -j 4 give byte-identical output (examples in Turtle and
#    N-Quads, and 600 articles of the BBC corpus file);
#  - the quads of --shard K/3 for K = 0, 1, 2 together are those of one run;
#  - peak RSS does not grow with the input: 600 and 2400 distinct articles
#    streamed through stdin stay within a few MB of each other.
# Needs ../shared/corpus/bbc.jsonl for the corpus parts (skipped without it).
set -u
prog=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
corpus="$root/../shared/corpus/bbc.jsonl"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi; }

# -j N is byte-identical to -j 1.
for fmt in ttl nq; do
  for j in 1 2 4; do
    "$prog" extract "$root/examples/articles" -q -j $j -o "$tmp/ex-j$j.$fmt"
  done
  check "examples .$fmt: -j 2 differs from -j 1" "cmp -s $tmp/ex-j1.$fmt $tmp/ex-j2.$fmt"
  check "examples .$fmt: -j 4 differs from -j 1" "cmp -s $tmp/ex-j1.$fmt $tmp/ex-j4.$fmt"
done
"$prog" extract "$root/examples/articles" -q -j 0 -o "$tmp/x.ttl" 2>/dev/null
check "-j 0 exits 2" "[ $? -eq 2 ]"
"$prog" extract "$root/examples/articles" -q --shard 3/3 -o "$tmp/x.ttl" 2>/dev/null
check "--shard 3/3 exits 2" "[ $? -eq 2 ]"

if [ ! -f "$corpus" ]; then
  echo "SKIP: $corpus not found; corpus, shard and memory checks not run ($pass passed)"
  [ $fail -eq 0 ] || exit 1
  exit 77
fi
head -n 600 "$corpus" > "$tmp/part.jsonl"
for j in 1 2 4; do "$prog" extract "$tmp/part.jsonl" -q -j $j -o "$tmp/c-j$j.nq"; done
check "corpus: -j 2 differs from -j 1" "cmp -s $tmp/c-j1.nq $tmp/c-j2.nq"
check "corpus: -j 4 differs from -j 1" "cmp -s $tmp/c-j1.nq $tmp/c-j4.nq"
check "corpus: no quads" "[ -s $tmp/c-j1.nq ]"

# Shards: each record in exactly one shard, and the union is the whole graph.
for k in 0 1 2; do "$prog" extract "$tmp/part.jsonl" -q --shard $k/3 -o "$tmp/s$k.nq"; done
cat "$tmp"/s[012].nq | sort > "$tmp/shards.sorted"
sort "$tmp/c-j1.nq" > "$tmp/one.sorted"
check "shards 0..2 of 3 together differ from one run" "cmp -s $tmp/shards.sorted $tmp/one.sorted"
check "shard 0 of 3 holds everything" "! cmp -s $tmp/s0.nq $tmp/c-j1.nq"
"$prog" extract "$tmp/part.jsonl" --shard 1/3 -o "$tmp/s1b.nq" 2> "$tmp/s1.log"
check "the summary names the shard" "grep -q 'shard 1/3, 400 records left to other shards' $tmp/s1.log"

# Memory: the same 600 articles under fresh ids, 1x and 4x, through stdin.
peak_kb() {  # peak RSS in kB of extract reading file $1 from stdin
  /usr/bin/time -f '%M' -o "$tmp/rss" "$prog" extract - -q -j 2 -f nquads -o "$1.nq" < "$1" || return 1
  cat "$tmp/rss"
}
copies() {
  for i in $(seq "$1"); do sed "s/^{\"id\": \"/{\"id\": \"copy$i-/" "$tmp/part.jsonl"; done > "$tmp/in$1.jsonl"
}
if grep -qa "__asan_init" "$prog"; then
  # AddressSanitizer keeps freed memory in quarantine (256 MB): RSS says
  # nothing about the program's own bound there.
  echo "SKIP: memory bound not measured on a sanitizer build"
elif [ -x /usr/bin/time ]; then
  copies 1
  copies 4
  small=$(peak_kb "$tmp/in1.jsonl")
  big=$(peak_kb "$tmp/in4.jsonl")
  check "4x input wrote 4x the quads" "[ \$(wc -l < $tmp/in4.jsonl.nq) -eq \$((4 * \$(wc -l < $tmp/in1.jsonl.nq))) ]"
  echo "peak RSS: $small kB for 600 articles, $big kB for 2400"
  check "peak RSS grows with the input ($small kB -> $big kB)" "[ $big -le $((small + small / 5 + 4096)) ]"
  check "peak RSS over 200 MB" "[ $big -lt 204800 ]"
else
  echo "SKIP: /usr/bin/time (Debian package time) not installed: memory not measured"
fi

echo "scale: $pass passed, $fail failed"
[ $fail -eq 0 ]
