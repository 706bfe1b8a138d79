#!/usr/bin/env bash
# newsgraph's output on the seeds, merged (`newsgraph merge`) with a small
# Wikidata-style file (tests/data/wikidata-sample.ttl), answers SPARQL
# queries that join the two through owl:sameAs (Oxigraph from npm, in
# tests/node). Without the owl:sameAs links, or without the Wikidata file,
# the same queries return nothing (checked too, so the join is what answers).
# Skips (77) without ../shared/seeds or node.
#   tests/e2e/wikidata_join.sh build/newsgraph
set -u
prog=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
shared="$root/../shared"
[ -d "$shared/seeds" ] || { echo "SKIP: $shared/seeds not found"; exit 77; }
"$root/tests/node/ensure.sh" || exit $?
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi; }
sparql() { node "$root/tests/node/sparql-select.mjs" "$@"; }
data="$root/tests/data"

"$prog" extract "$shared/seeds" -o "$tmp/seeds.nq" --quiet
"$prog" merge "$tmp/seeds.nq" "$data/wikidata-sample.ttl" -o "$tmp/joined.nq" --quiet
check "merge failed" '[ -s "$tmp/joined.nq" ]'

# Who met a person Wikidata knows, that person's citizenship by ISO code, and
# whether newsgraph's nationality agrees with Wikidata's.
sparql "$data/wikidata-meetings.rq" "$tmp/joined.nq" >"$tmp/meetings.tsv"
printf 'Dina Boluarte\tXi Jinping\tCN\ttrue\n' >"$tmp/want-meetings.tsv"
check "meetings joined with Wikidata: got [$(tr '\t\n' '|;' <"$tmp/meetings.tsv")]" 'cmp -s "$tmp/meetings.tsv" "$tmp/want-meetings.tsv"'
# Visits, joined through the destination country's Wikidata item.
sparql "$data/wikidata-visits.rq" "$tmp/joined.nq" >"$tmp/visits.tsv"
printf 'Dina Boluarte\tCN\n' >"$tmp/want-visits.tsv"
check "visits joined with Wikidata: got [$(tr '\t\n' '|;' <"$tmp/visits.tsv")]" 'cmp -s "$tmp/visits.tsv" "$tmp/want-visits.tsv"'

# The join needs both sides: newsgraph alone, or without its owl:sameAs, gives no row.
sparql "$data/wikidata-meetings.rq" "$tmp/seeds.nq" >"$tmp/alone.tsv"
check "newsgraph alone answers the join" '[ ! -s "$tmp/alone.tsv" ]'
grep -v 'owl#sameAs' "$tmp/joined.nq" >"$tmp/nolinks.nq"
sparql "$data/wikidata-visits.rq" "$tmp/nolinks.nq" >"$tmp/nolinks.tsv"
check "the join works without owl:sameAs" '[ ! -s "$tmp/nolinks.tsv" ]'

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
