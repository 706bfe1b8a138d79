#!/usr/bin/env bash
# End-to-end tests of the newsgraph program:
#  - every example article and every seed (../shared/seeds, skipped with a
#    message when absent) in all four syntaxes, parsed by serdi and rapper;
#  - the same input gives byte-identical output;
#  - exit statuses, messages naming file and line, atomic -o, stdin.
set -u
prog=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
shared="$root/../shared"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { if eval "$2"; then ok; else bad "$1"; fi; }

for tool in serdi rapper; do
  command -v $tool >/dev/null || { echo "FAIL: $tool not installed (scripts/setup installs it)"; exit 1; }
done

# Every example and seed, in every syntax, parses with serdi and rapper.
inputs=("$root"/examples/articles/*.txt)
if [ -d "$shared/seeds" ]; then
  inputs+=("$shared"/seeds/*.txt)
else
  echo "SKIP: $shared/seeds not found; seeds are not checked (examples still are)"
fi
for f in "${inputs[@]}"; do
  for fmt in turtle:ttl ntriples:nt nquads:nq trig:trig; do
    syntax=${fmt%%:*} ext=${fmt##*:}
    out="$tmp/out.$ext"
    if ! "$prog" extract "$f" -o "$out" --quiet 2>"$tmp/err"; then bad "$f ($syntax): exit $?: $(cat "$tmp/err")"; continue; fi
    if serdi -i "$syntax" -o ntriples "$out" >"$tmp/serdi.nt" 2>"$tmp/serdi.err"; then ok; else bad "serdi rejects $f as $syntax: $(head -3 "$tmp/serdi.err")"; fi
    n=$(rapper -i "$syntax" -c "$out" 2>&1 | sed -n 's/.*returned \([0-9]*\) .*/\1/p')
    if [ -n "$n" ] && [ "$n" -gt 0 ]; then ok; else bad "rapper rejects $f as $syntax"; fi
  done
done

# Byte-identical output, run to run, for the whole examples folder.
"$prog" extract "$root/examples/articles" -o "$tmp/a.ttl" --quiet
"$prog" extract "$root/examples/articles" -o "$tmp/b.ttl" --quiet
check "output is not deterministic" 'cmp -s "$tmp/a.ttl" "$tmp/b.ttl"'
"$prog" extract "$root/examples/articles" -f nquads --quiet >"$tmp/a.nq"
"$prog" extract "$root/examples/articles" -f nquads --quiet >"$tmp/b.nq"
check "N-Quads output is not deterministic" 'cmp -s "$tmp/a.nq" "$tmp/b.nq"'

# The extension picks the syntax; --format overrides it.
"$prog" extract "$root/examples/articles/01_kenya_india_trade.txt" -o "$tmp/x.nt" --quiet
check ".nt output is not N-Triples" '! grep -q "^@prefix" "$tmp/x.nt" && grep -q "^<" "$tmp/x.nt"'
"$prog" extract "$root/examples/articles/01_kenya_india_trade.txt" -o "$tmp/x.nt" -f turtle --quiet
check "--format does not override the extension" 'grep -q "^@prefix" "$tmp/x.nt"'

# stdin, and the summary on stderr.
"$prog" extract - <"$root/examples/articles/01_kenya_india_trade.txt" >"$tmp/stdin.ttl" 2>"$tmp/summary"
check "stdin gives no meeting" 'grep -q "ng:Meeting" "$tmp/stdin.ttl"'
check "summary lacks counts" 'grep -q "1 articles from 1 inputs" "$tmp/summary" && grep -q "facts:.*meeting" "$tmp/summary" && grep -q "time:" "$tmp/summary"'

# --stats names the allocator serving malloc; a build with NEWSGRAPH_MIMALLOC
# (tests/CMakeLists.txt sets NEWSGRAPH_EXPECT_ALLOCATOR) must really use it.
"$prog" extract "$root/examples/articles/01_kenya_india_trade.txt" -q --stats -o "$tmp/s.ttl" 2>"$tmp/stats"
check "--stats does not name the allocator" 'grep -q "allocator: " "$tmp/stats"'
if [ -n "${NEWSGRAPH_EXPECT_ALLOCATOR:-}" ]; then
  check "allocator is not $NEWSGRAPH_EXPECT_ALLOCATOR: $(grep -o "allocator: .*" "$tmp/stats")" \
    'grep -q "allocator: $NEWSGRAPH_EXPECT_ALLOCATOR " "$tmp/stats"'
fi

# JSON Lines with a malformed line: exit 1, file:line named, the rest kept.
printf '%s\n' '{"id":"j1","text":"Kenyan President William Ruto met Indian Prime Minister Narendra Modi in Nairobi."}' \
  '{"id":"j2","text":"broken' \
  '{"id":"j3","text":"Chilean President Gabriel Boric visited Lima on Monday.","date":"2024-06-04"}' >"$tmp/in.jsonl"
"$prog" extract "$tmp/in.jsonl" -o "$tmp/j.ttl" 2>"$tmp/err"; code=$?
check "malformed JSON line: exit $code, not 1" '[ $code -eq 1 ]'
check "malformed JSON line not named" 'grep -q "in.jsonl:2:[0-9]*: error: malformed JSON" "$tmp/err"'
check "records after the bad line lost" 'grep -q "article/j3" "$tmp/j.ttl" && grep -q "article/j1" "$tmp/j.ttl"'
check "skipped input not in summary" 'grep -q "skipped: 0 unreadable inputs, 1 records" "$tmp/err"'

# A missing input: exit 1 with its name; the others are still read.
"$prog" extract "$tmp/nope.txt" "$root/examples/articles/01_kenya_india_trade.txt" -o "$tmp/m.ttl" 2>"$tmp/err"; code=$?
check "missing file: exit $code, not 1" '[ $code -eq 1 ]'
check "missing file not named" 'grep -q "nope.txt: error: no such file or folder" "$tmp/err"'
check "other input not read" 'grep -q "ng:Meeting" "$tmp/m.ttl"'

# Invalid UTF-8 and binary junk: a warning, valid output.
printf 'Kenyan President William Ruto met \xff\xfe Indian Prime Minister Narendra Modi in Nairobi.\x00\n' >"$tmp/bad.txt"
"$prog" extract "$tmp/bad.txt" -o "$tmp/bad.ttl" 2>"$tmp/err"; code=$?
check "invalid UTF-8: exit $code, not 0" '[ $code -eq 0 ]'
check "invalid UTF-8 not reported" 'grep -q "bad.txt: warning: 2 bytes of invalid UTF-8" "$tmp/err"'
check "invalid UTF-8 output does not parse" 'serdi -i turtle -o ntriples "$tmp/bad.ttl" >/dev/null 2>&1'

# Usage and rule errors: exit 2, nothing written.
"$prog" extract "$tmp/bad.txt" -f rdfxml >/dev/null 2>"$tmp/err"; code=$?
check "bad format: exit $code, not 2" '[ $code -eq 2 ] && grep -q "unknown format" "$tmp/err"'
"$prog" >/dev/null 2>&1; code=$?
check "no command: exit $code, not 2" '[ $code -eq 2 ]'
mkdir -p "$tmp/rules"
printf 'rule: mine\nphase: facts\nexample: x\npattern: p:@PERSN met\nemit: visit(person=p, place=p)\n' >"$tmp/rules/my.rules"
"$prog" extract "$tmp/bad.txt" --rules "$tmp/rules" -o "$tmp/r.ttl" 2>"$tmp/err"; code=$?
check "rule error: exit $code, not 2" '[ $code -eq 2 ]'
check "rule error not located" 'grep -q "my.rules:4:13: rule mine: unknown label .PERSN." "$tmp/err"'
check "rule error wrote output" '[ ! -e "$tmp/r.ttl" ]'

# A user's own rule, added without recompiling, is used.
printf 'rule: chaired\nphase: facts\nexample: Ana Diaz chaired talks with Kenyan President William Ruto.\npattern: a:@PERSON chaired talks with b:$official\nemit: meeting(person1=a, person2=b)\n' >"$tmp/rules/my.rules"
echo "Kenyan President William Ruto spoke. Chilean President Gabriel Boric chaired talks with Ruto." >"$tmp/c.txt"
"$prog" extract "$tmp/c.txt" --rules "$tmp/rules" -o "$tmp/c.ttl" --quiet
check "user rule not applied" 'grep -q "ng:foundBy \"chaired\"" "$tmp/c.ttl"'

# Atomic output: a run that fails leaves an existing output as it was.
echo "old content" >"$tmp/keep.ttl"
"$prog" extract "$tmp/bad.txt" --rules "$tmp/no-such-rules" -o "$tmp/keep.ttl" 2>/dev/null; code=$?
check "failed run: exit $code, not 2" '[ $code -eq 2 ]'
check "failed run damaged the old output" '[ "$(cat "$tmp/keep.ttl")" = "old content" ]'
# Writing fails at the end (the output path is a folder): exit 3, no temporary left.
mkdir -p "$tmp/out/dir.ttl"
"$prog" extract "$root/examples/articles/01_kenya_india_trade.txt" -o "$tmp/out/dir.ttl" --quiet 2>"$tmp/err"; code=$?
check "unwritable output: exit $code, not 3" '[ $code -eq 3 ] && grep -q "dir.ttl" "$tmp/err"'
check "temporary file left behind" '[ -z "$(ls "$tmp/out" | grep tmp-)" ]'
if [ "$(id -u)" != 0 ]; then
  chmod a-w "$tmp/out"
  "$prog" extract "$root/examples/articles/01_kenya_india_trade.txt" -o "$tmp/out/x.ttl" --quiet 2>/dev/null; code=$?
  chmod u+w "$tmp/out"
  check "read-only folder: exit $code, not 3" '[ $code -eq 3 ]'
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
