#!/usr/bin/env bash
# A battery of bad input for the newsgraph program. For each case: a clear
# message naming the file (and line), no crash, the exit status the README
# gives, and output that serdi and rapper parse, holding all that was readable.
set -u
prog=$1
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0 fail=0 cases=0
bad() { fail=$((fail + 1)); echo "FAIL [$case]: $*"; }
ok() { pass=$((pass + 1)); }
check() { if eval "$2"; then ok; else bad "$1"; fi; }
good='Kenyan President William Ruto met Indian Prime Minister Narendra Modi in Nairobi on Monday.'

# run CASE EXPECTED_EXIT ARGS...: runs newsgraph, checks exit status, no
# crash (signal or sanitizer report) and that the output parses.
run() {
  case=$1 want=$2; shift 2
  cases=$((cases + 1))
  /usr/bin/time -f "%M" -o "$tmp/rss" "$prog" extract "$@" -o "$tmp/out.ttl" 2>"$tmp/err"
  code=$?
  if [ $code -ge 128 ] || grep -q "Sanitizer" "$tmp/err"; then bad "crashed (exit $code)"; head -20 "$tmp/err"; return; fi
  if [ $code -eq $want ]; then ok; else bad "exit $code, expected $want: $(head -3 "$tmp/err")"; fi
  if [ $want -ne 2 ]; then
    if serdi -i turtle -o ntriples "$tmp/out.ttl" >"$tmp/out.nt" 2>/dev/null &&
       rapper -q -i turtle -c "$tmp/out.ttl" >/dev/null 2>&1; then ok; else bad "output does not parse"; fi
  fi
  rss_kb=$(tail -1 "$tmp/rss")
}
says() { if grep -qE "$1" "$tmp/err"; then ok; else bad "stderr lacks /$1/: $(head -3 "$tmp/err")"; fi; }
holds() { if grep -qE "$1" "$tmp/out.nt"; then ok; else bad "output lacks /$1/"; fi; }

: >"$tmp/empty.txt"
run empty 1 "$tmp/empty.txt"; says "empty.txt: warning: no article text; skipped"

printf ' \n\t\n   \n' >"$tmp/blank.txt"
run whitespace 1 "$tmp/blank.txt"; says "blank.txt: warning: no article text; skipped"

printf 'Overlong \xc0\xaf slash, surrogate \xed\xa0\x80 half, truncated \xe2\x82. %s\n' "$good" >"$tmp/utf8.txt"
run invalid-utf8 0 "$tmp/utf8.txt"; says "utf8.txt: warning: [0-9]+ bytes of invalid UTF-8 replaced by U\+FFFD"; holds "metWith"

printf '%s\n' "$good" | iconv -f UTF-8 -t UTF-16 >"$tmp/utf16.txt"
run utf16-bom 0 "$tmp/utf16.txt"; says "utf16.txt: warning: UTF-16 input converted to UTF-8"; holds "metWith"

printf 'Nul\0bytes\0here. %s\0\n' "$good" >"$tmp/nul.txt"
run nul-bytes 0 "$tmp/nul.txt"; says "nul.txt: warning: 3 control characters replaced by spaces"; holds "metWith"

python3 - "$tmp" <<'PY'
import json, sys
d = sys.argv[1]
good = "Kenyan President William Ruto met Indian Prime Minister Narendra Modi in Nairobi on Monday."
with open(f"{d}/huge.jsonl", "w") as f:
    f.write(json.dumps({"id": "before", "text": good}) + "\n")
    f.write(json.dumps({"id": "huge", "text": ("word " * 10_500_000)}) + "\n")   # 52 MB on one line
    f.write(json.dumps({"id": "after", "text": good}) + "\n")
with open(f"{d}/huge.txt", "w") as f:
    f.write(good + " " + "x" * 52_000_000 + "\n")
with open(f"{d}/many.jsonl", "w") as f:
    for i in range(100_000):
        f.write(json.dumps({"id": f"a{i}", "text": "Short note %d." % i}) + "\n")
with open(f"{d}/nested.jsonl", "w") as f:
    f.write("[" * 100_000 + "\n")
    f.write('{"id": "x", "text": {"deep": ' + "[" * 50_000 + "]" * 50_000 + "}}\n")
    f.write('{"id": "cut", "text": "Kenyan President William Ruto met' + "\n")
    f.write(json.dumps({"id": "fine", "text": good}) + "\n")
PY
run huge-line 1 "$tmp/huge.jsonl"; says "huge.jsonl:2: error: line longer than 8 MB; record skipped"; holds "article/before"; holds "article/after"
check "huge line: peak RSS ${rss_kb} kB over 200 MB" '[ "$rss_kb" -lt 204800 ]'
run huge-file 1 "$tmp/huge.txt"; says "huge.txt: error: file of [0-9]+ MB is larger than an article can be"
run many-articles 0 "$tmp/many.jsonl"; says "100000 articles from 1 inputs"
check "100 000 articles: peak RSS ${rss_kb} kB over 1 GB" '[ "$rss_kb" -lt 1048576 ]'
run nested-json 1 "$tmp/nested.jsonl"; says "nested.jsonl:1:[0-9]+: error: malformed JSON"; says "nested.jsonl:2: error: JSON record has no string 'text'"
says "nested.jsonl:3:[0-9]+: error: malformed JSON"; holds "article/fine"

mkdir -p "$tmp/loop/sub"; printf '%s\n' "$good" >"$tmp/loop/sub/a.txt"; ln -s .. "$tmp/loop/sub/up"; ln -s "$tmp/loop" "$tmp/loop/sub/self"
run symlink-loop 0 "$tmp/loop"; says "1 articles from 1 inputs"

mkdir -p "$tmp/unread"; printf '%s\n' "$good" >"$tmp/unread/ok.txt"; ln -s "$tmp/nowhere" "$tmp/unread/gone.txt"
run unreadable 1 "$tmp/unread"; says "gone.txt: error: not a readable file; skipped"; holds "metWith"
if [ "$(id -u)" != 0 ]; then
  printf '%s\n' "$good" >"$tmp/locked.txt"; chmod 000 "$tmp/locked.txt"
  run no-permission 1 "$tmp/locked.txt" "$tmp/unread/ok.txt"; says "locked.txt: error: cannot read file"
fi

printf 'title: A "quoted" \\ back <tag> {brace} title\nurl: https://example.org/a b"<x>\nid: weird "id" \\ {1}\n\nKenyan President William Ruto met "Big" Modi. %s\nLine\x01with\x1bcontrols and a tab\there.\n' "$good" >"$tmp/escape.txt"
run escaping 0 "$tmp/escape.txt"
holds 'schema.org/headline> "A \\"quoted\\" \\\\ back <tag> \{brace\} title"'
holds 'schema.org/identifier> "weird \\"id\\" \\\\ \{1\}"'
check "a bad url became an IRI" '! grep -q "schema.org/url" "$tmp/out.nt"'

mkdir -p "$tmp/rules"; printf 'rule: r1\nphase: facts\nexample: x\npattern: (a\nemit: visit(person=p, place=p)\n\nrule: r2\nphase: nope\nexample: y\npattern: p:@PERSON\nemit: visit(person=p, place=q)\n' >"$tmp/rules/bad.rules"
run bad-rules 2 "$tmp/utf8.txt" --rules "$tmp/rules"; says "bad.rules:4:12: rule r1: missing '\)'"; says "bad.rules:8:8: rule r2: phase must be"
check "bad rules wrote output" '[ ! -e "$tmp/out.ttl" ] || [ "$(stat -c %Y "$tmp/out.ttl")" -le "$(date +%s)" ]'

# A run killed half-way leaves an existing output as it was.
case=killed; cases=$((cases + 1))
echo "old graph" >"$tmp/keep.ttl"
timeout -s KILL 0.5 "$prog" extract "$tmp/many.jsonl" "$tmp/many.jsonl" "$tmp/many.jsonl" -o "$tmp/keep.ttl" 2>/dev/null
check "killed run damaged the old output" '[ "$(cat "$tmp/keep.ttl")" = "old graph" ]'

# extract -j N parses the records in its worker threads: the diagnostics of
# reading (a missing input) and of parsing (a malformed last line) still come
# in input order, and stderr is the same for every N. The reading thread is
# far ahead of the workers, so an error of reading shown as met would come
# before that of the malformed line.
case=diagnostics-order; cases=$((cases + 1))
{ for i in $(seq 60); do printf '{"id": "o%d", "text": "%s"}\n' "$i" "$good"; done
  echo '{"id": "bad", "text": "unterminated'; } >"$tmp/order.jsonl"
for j in 1 2 4; do
  "$prog" extract "$tmp/order.jsonl" "$tmp/order-missing.jsonl" -q -j $j -o "$tmp/order$j.ttl" 2>"$tmp/order$j.err"
  check "-j $j exit status" "[ $? -eq 1 ]"
done
check "-j 1: parse error first" 'head -1 "$tmp/order1.err" | grep -q "order.jsonl:61:[0-9]*: error: malformed JSON"'
check "-j 1: then the missing file" 'sed -n 2p "$tmp/order1.err" | grep -q "order-missing.jsonl: error: no such file"'
check "-j 2 stderr differs from -j 1" 'cmp -s "$tmp/order1.err" "$tmp/order2.err"'
check "-j 4 stderr differs from -j 1" 'cmp -s "$tmp/order1.err" "$tmp/order4.err"'
check "-j 2 output differs from -j 1" 'cmp -s "$tmp/order1.ttl" "$tmp/order2.ttl"'

echo "bad-input cases: $cases"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
