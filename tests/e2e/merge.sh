#!/usr/bin/env bash
# End-to-end tests of `newsgraph merge`:
#  - merge(x, x) = x and merge(a, b) = merge(b, a), byte for byte;
#  - extracting the examples (and seeds) in two parts and merging equals one
#    extract run over all of them, in N-Quads, TriG and Turtle;
#  - a re-extracted article's graph replaces the old one (the later input wins);
#  - mixed syntaxes, blank nodes of different files kept apart, prefixes kept;
#  - a file with a syntax error is named with its line and left out (exit 1),
#    an unknown extension is a usage error (exit 2).
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
ex() { "$prog" extract "$@" --quiet; }
mg() { "$prog" merge "$@" --quiet; }

sets=("examples:$root/examples/articles")
if [ -d "$shared/seeds" ]; then
  sets+=("seeds:$shared/seeds")
else
  echo "SKIP: $shared/seeds not found; seeds are not merged (examples still are)"
fi
for set in "${sets[@]}"; do
  name=${set%%:*} dir=${set#*:}
  files=("$dir"/*.txt)
  half=$(( ${#files[@]} / 2 ))
  part1=("${files[@]:0:$half}") part2=("${files[@]:$half}")
  # extract streams (articles in input order, sorted within each; a triple
  # of several articles repeated in Turtle and N-Triples); merge writes one
  # sorted graph. So one run's graph in merge's form is `merge all`.
  for ext in nq trig ttl nt; do
    ex "${files[@]}" -o "$tmp/all.$ext"
    ex "${part1[@]}" -o "$tmp/p1.$ext"
    ex "${part2[@]}" -o "$tmp/p2.$ext"
    mg "$tmp/all.$ext" -o "$tmp/one.$ext"
    mg "$tmp/p1.$ext" "$tmp/p2.$ext" -o "$tmp/m12.$ext"
    mg "$tmp/p2.$ext" "$tmp/p1.$ext" -o "$tmp/m21.$ext"
    mg "$tmp/all.$ext" "$tmp/all.$ext" -o "$tmp/mxx.$ext"
    check "$name: merge of two parts != one run ($ext)" 'cmp -s "$tmp/m12.$ext" "$tmp/one.$ext"'
    check "$name: merge(a, b) != merge(b, a) ($ext)" 'cmp -s "$tmp/m12.$ext" "$tmp/m21.$ext"'
    check "$name: merge(x, x) != x ($ext)" 'cmp -s "$tmp/mxx.$ext" "$tmp/one.$ext"'
    syn=$(case $ext in nq) echo nquads;; trig) echo trig;; ttl) echo turtle;; nt) echo ntriples;; esac)
    serdi -i $syn -o nquads "$tmp/all.$ext" | sort -u >"$tmp/all.set"
    serdi -i $syn -o nquads "$tmp/one.$ext" | sort -u >"$tmp/one.set"
    check "$name: one run and its merge differ as sets ($ext)" '[ -s "$tmp/all.set" ] && cmp -s "$tmp/all.set" "$tmp/one.set"'
  done
  # Any syntax in, any syntax out: the parts in two syntaxes give the one run's Turtle.
  mg "$tmp/p1.trig" "$tmp/p2.nt" -o "$tmp/mixed.ttl"
  check "$name: TriG + N-Triples merged != one Turtle run" 'cmp -s "$tmp/mixed.ttl" "$tmp/one.ttl"'
  mg "$tmp/all.nq" -o "$tmp/all-again.trig"
  check "$name: N-Quads -> TriG != extract's TriG" 'cmp -s "$tmp/all-again.trig" "$tmp/one.trig"'
done

# A re-extracted article replaces its named graph: drop the article's last
# paragraph, extract it again (same id, so the same graph IRI) and merge the
# new version after the corpus.
art="$root/examples/articles/01_kenya_india_trade.txt"
g='<https://w3id.org/newsgraph/id/article/example-01>'
ex "$root/examples/articles" -o "$tmp/corpus.nq"
mkdir -p "$tmp/v2"
awk 'BEGIN{RS=""; ORS="\n\n"} {p[NR]=$0} END{for(i=1;i<NR;i++) print p[i]}' "$art" >"$tmp/v2/01.txt"
ex "$tmp/v2/01.txt" -o "$tmp/v2.nq"
check "fixture: the shortened article has the same graph name" 'grep -q " $g .\$" "$tmp/v2.nq"'
check "fixture: the shortened article has fewer quads" '[ $(grep -c " $g .\$" "$tmp/v2.nq") -lt $(grep -c " $g .\$" "$tmp/corpus.nq") ]'
"$prog" merge "$tmp/corpus.nq" "$tmp/v2.nq" -o "$tmp/updated.nq" 2>"$tmp/err"
check "re-extracted graph is not the new version" 'diff <(grep " $g .\$" "$tmp/updated.nq") <(grep " $g .\$" "$tmp/v2.nq") >/dev/null'
check "other articles' graphs changed" 'diff <(grep -v " $g .\$" "$tmp/updated.nq" | sort) <(grep -v " $g .\$" "$tmp/corpus.nq" | sort) >/dev/null'
check "summary does not count the replaced graph" 'grep -q "1 named graphs replaced" "$tmp/err"'
mg "$tmp/v2.nq" "$tmp/corpus.nq" -o "$tmp/old.nq"
mg "$tmp/corpus.nq" -o "$tmp/corpus-merged.nq"
check "the later input does not win" 'cmp -s "$tmp/old.nq" "$tmp/corpus-merged.nq"'
# The output may be one of the inputs.
cp "$tmp/corpus.nq" "$tmp/inplace.nq"
mg "$tmp/inplace.nq" "$tmp/v2.nq" -o "$tmp/inplace.nq"
check "merging into an input file" 'cmp -s "$tmp/inplace.nq" "$tmp/updated.nq"'

# Other people's data: prefixes kept, blank nodes of two files kept apart,
# the same file twice gives the same blank nodes (merge(x, x) = x).
cat >"$tmp/w1.ttl" <<'EOF'
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
wd:Q1 wdt:P39 [ wdt:P642 wd:Q2 ] .
EOF
cat >"$tmp/w2.ttl" <<'EOF'
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
wd:Q3 wdt:P39 [ wdt:P642 wd:Q4 ] .
EOF
mg "$tmp/w1.ttl" "$tmp/w2.ttl" -o "$tmp/w.nt"
check "blank nodes of two files merged into one" '[ $(cut -d" " -f1 "$tmp/w.nt" | grep -c "^_:" ) -eq 2 ] && [ $(cut -d" " -f1 "$tmp/w.nt" | grep "^_:" | sort -u | wc -l) -eq 2 ]'
mg "$tmp/w1.ttl" "$tmp/w1.ttl" -o "$tmp/w11.nt"
check "same file twice duplicates its blank nodes" '[ $(wc -l <"$tmp/w11.nt") -eq 2 ]'
mg "$tmp/w1.ttl" -o "$tmp/w1-out.ttl"
check "input prefixes lost" 'grep -q "^@prefix wdt: <http://www.wikidata.org/prop/direct/>" "$tmp/w1-out.ttl" && grep -q "wd:Q1" "$tmp/w1-out.ttl"'
check "merged Turtle does not parse" 'serdi -i turtle -o ntriples "$tmp/w1-out.ttl" >/dev/null 2>&1'

# Bad input: a syntax error names file:line:col, that file is left out
# whole, the others are written, exit 1.
printf '<http://x.org/a> <http://x.org/b> <http://x.org/c> .\n<http://x.org/a> <http://x.org/b> "unterminated .\n' >"$tmp/broken.nt"
"$prog" merge "$tmp/broken.nt" "$tmp/w1.ttl" -o "$tmp/b.nt" 2>"$tmp/err"; code=$?
check "syntax error: exit $code, not 1" '[ $code -eq 1 ]'
check "syntax error not located" 'grep -q "broken.nt:2:[0-9]*: error: " "$tmp/err"'
check "broken file merged in part" '! grep -q "x.org" "$tmp/b.nt"'
check "other input lost after a broken one" 'grep -q "wikidata.org/entity/Q1" "$tmp/b.nt"'
"$prog" merge "$tmp/missing.nq" "$tmp/w1.ttl" -o "$tmp/b.nt" 2>"$tmp/err"; code=$?
check "missing input: exit $code, not 1" '[ $code -eq 1 ] && grep -q "missing.nq: error: cannot open" "$tmp/err"'
"$prog" merge "$art" -o "$tmp/b.nt" 2>"$tmp/err"; code=$?
check "unknown extension: exit $code, not 2" '[ $code -eq 2 ] && grep -q "unknown extension" "$tmp/err"'
"$prog" merge "$art" -i ntriples -o "$tmp/b.nt" 2>"$tmp/err"; code=$?
check "--input-format: text read as N-Triples gives exit $code, not 1" '[ $code -eq 1 ]'
"$prog" merge 2>/dev/null; code=$?
check "no input: exit $code, not 2" '[ $code -eq 2 ]'
mkdir -p "$tmp/ro/dir.nq"
"$prog" merge "$tmp/w1.ttl" -o "$tmp/ro/dir.nq" 2>/dev/null; code=$?
check "unwritable output: exit $code, not 3" '[ $code -eq 3 ]'

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
