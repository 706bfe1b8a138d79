#!/usr/bin/env bash
# The module boundaries the link graph cannot catch: only export/ includes
# serd or sord, only store/ includes curl, and only ontology/vocab.hpp spells
# out namespace IRIs.
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
fail=0
if grep -rnE '#include <(serd|sord)/' base extract ontology store cli; then
  echo "FAIL: serd/sord included outside export/"; fail=1
fi
if grep -rnE '#include <curl/' base extract ontology export cli; then
  echo "FAIL: curl included outside store/"; fail=1
fi
if grep -rnE '"https?://' base extract ontology export store cli --include='*.cpp' --include='*.hpp' | grep -v '^ontology/vocab.hpp:'; then
  echo "FAIL: an IRI written outside ontology/vocab.hpp"; fail=1
fi
[ $fail -eq 0 ] && echo "layering ok"
exit $fail
