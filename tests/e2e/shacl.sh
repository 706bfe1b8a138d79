#!/usr/bin/env bash
# SHACL: the output of every example and every seed (../shared/seeds,
# skipped with a message when absent), each alone and all together, conforms
# to ontology/shapes.ttl, checked by rdf-validate-shacl (npm, installed by
# tests/node/ensure.sh with npm ci). A deliberately broken graph
# (tests/data/shacl-broken.ttl) must be reported with each of its violations,
# so this test can fail.
#   tests/e2e/shacl.sh build/newsgraph
set -u
prog=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
shared="$root/../shared"
"$root/tests/node/ensure.sh" || exit $?
validate() { node "$root/tests/node/shacl-validate.mjs" "$root/ontology/shapes.ttl" "$@"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

inputs=("$root"/examples/articles/*.txt)
if [ -d "$shared/seeds" ]; then
  inputs+=("$shared"/seeds/*.txt)
else
  echo "SKIP: $shared/seeds not found; seeds are not validated (examples still are)"
fi
files=()
for f in "${inputs[@]}"; do
  out="$tmp/$(basename "$f" .txt).ttl"
  "$prog" extract "$f" -o "$out" --quiet || bad "extract $f: exit $?"
  files+=("$out")
done
# All together, in the other syntaxes: cross-article identity must hold too
# (one name per person, organisation and country across articles).
"$prog" extract "${inputs[@]}" -o "$tmp/all.nq" --quiet
"$prog" extract "${inputs[@]}" -o "$tmp/all.trig" --quiet
files+=("$tmp/all.nq" "$tmp/all.trig")
if validate "${files[@]}" >"$tmp/report" 2>&1; then
  ok
else
  bad "SHACL violations in newsgraph's output:"
  grep -v '^ok ' "$tmp/report"
fi
n=$(grep -c '^ok ' "$tmp/report")
[ "$n" -eq ${#files[@]} ] && ok || bad "only $n of ${#files[@]} outputs validated"

# The broken graph: invalid (exit 1), and each broken node named.
validate "$root/tests/data/shacl-broken.ttl" >"$tmp/broken" 2>&1; code=$?
[ $code -eq 1 ] && ok || { bad "broken graph: exit $code, not 1"; cat "$tmp/broken"; }
for want in \
  'article/bad> <http://schema.org/datePublished> .*MaxCount' \
  'bad#char=10,5> .*beginIndex.*LessThan' \
  'person/ana-diaz> .*favouriteColour.*Closed' \
  'person/nameless> <http://schema.org/name> .*MinCount' \
  'person/linked> .*sameAs.*Pattern' \
  'country/pe> .*countryCode.*Pattern' \
  'meeting/1> .*participant.*MinCount' \
  'position/1> .*confidence.*MaxInclusive' \
  'visit/1> .*foundBy.*MinCount' \
  'visit/1> .*wasDerivedFrom.*MinCount'; do
  grep -q "$want" "$tmp/broken" && ok || bad "violation not reported: $want"
done

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
