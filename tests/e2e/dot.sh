#!/usr/bin/env bash
# newsgraph dot: the network of one small example holds the persons, meetings,
# visits and nationalities its article states, Graphviz reads it, and the same
# files give the same text (also from another syntax of the same graph).
#   tests/e2e/dot.sh build/newsgraph
set -euo pipefail
bin=$(realpath "$1")
cd "$(dirname "$0")/../.."
command -v dot >/dev/null || { echo "SKIP: graphviz (dot) not installed (scripts/install-deps installs it)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }

"$bin" extract examples/articles/01_kenya_india_trade.txt -q -o "$tmp/01.nq"
"$bin" extract examples/articles/01_kenya_india_trade.txt -q -o "$tmp/01.ttl"
"$bin" dot "$tmp/01.nq" -o "$tmp/01.dot"
check "dot -Tsvg reads it" dot -Tsvg "$tmp/01.dot" -o "$tmp/01.svg"
check "the SVG names the persons" grep -q 'William Ruto' "$tmp/01.svg"
# Node ids by label, then the edges between them.
id() { grep -F "[label=\"$1\"," "$tmp/01.dot" | awk '{print $1}'; }
has_edge() { grep -qE "^  ($(id "$1") -- $(id "$2")|$(id "$2") -- $(id "$1")) \[$3" "$tmp/01.dot"; }
check "Ruto met Modi on 2024-03-11" has_edge "William Ruto" "Narendra Modi" 'label="2024-03-11"'
check "Mudavadi met Modi on 2024-03-10" has_edge "Musalia Mudavadi" "Narendra Modi" 'label="[^"]*2024-03-10"'
check "Goyal met Miano" has_edge "Piyush Goyal" "Rebecca Miano" 'label='
check "Modi visited Nairobi (dashed)" has_edge "Narendra Modi" "Nairobi" 'label="visit 2024-03-10", style=dashed'
check "Modi is of India (dotted)" has_edge "Narendra Modi" "India" 'style=dotted'
check "the planned visit to Mombasa is not drawn" bash -c "! grep -q Mombasa '$tmp/01.dot'"
check "8 nodes, 9 edges" test "$(grep -cE '^  n[0-9]+ \[label=' "$tmp/01.dot")/$(grep -c ' -- ' "$tmp/01.dot")" = "8/9"
"$bin" dot "$tmp/01.ttl" -o "$tmp/01b.dot"
check "Turtle and N-Quads of the graph draw the same" cmp -s "$tmp/01.dot" "$tmp/01b.dot"
"$bin" extract examples/articles -q -o "$tmp/all.nq"
"$bin" dot "$tmp/all.nq" -o "$tmp/a.dot"
"$bin" dot "$tmp/all.nq" -o "$tmp/b.dot"
check "examples: same text twice, and dot reads it" bash -c "cmp -s '$tmp/a.dot' '$tmp/b.dot' && dot -Tsvg '$tmp/a.dot' -o /dev/null"
printf '<a> <b> .\n' > "$tmp/bad.nt"
st=0; "$bin" dot "$tmp/bad.nt" "$tmp/01.nq" -o "$tmp/c.dot" 2> "$tmp/err" || st=$?
check "a broken file: exit 1, named with its line, the rest drawn" \
  bash -c "[ $st = 1 ] && grep -q 'bad.nt:1:' '$tmp/err' && cmp -s '$tmp/c.dot' '$tmp/01.dot'"
exit $fail
