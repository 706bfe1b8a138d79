#!/usr/bin/env bash
# Golden tests: tests/golden/<case>.txt -> <case>.ttl, compared byte for byte,
# and every .ttl re-read with serdi to prove it parses.
# Regenerate with: NEWSGRAPH_UPDATE_GOLDEN=1 ctest --test-dir build -R golden
# (then review the diff like code).
set -u
prog=$1
here=$(cd "$(dirname "$0")" && pwd)
cd "$here" || exit 1
fail=0
for txt in *.txt; do
  case=${txt%.txt}
  out=$(mktemp)
  "$prog" extract "$txt" --quiet >"$out" 2>"$out.err"
  code=$?
  if [ $code -ne 0 ]; then
    echo "FAIL $case: exit $code"; cat "$out.err"; fail=1
  elif [ "${NEWSGRAPH_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$out" "$case.ttl"; echo "updated $case.ttl"
  elif ! cmp -s "$out" "$case.ttl"; then
    echo "FAIL $case: output differs from $case.ttl"; diff -u "$case.ttl" "$out" | head -40; fail=1
  elif command -v serdi >/dev/null && ! serdi -i turtle -o ntriples "$case.ttl" >/dev/null; then
    echo "FAIL $case: $case.ttl does not parse"; fail=1
  else
    echo "ok   $case"
  fi
  rm -f "$out" "$out.err"
done
exit $fail
