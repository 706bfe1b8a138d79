#!/usr/bin/env bash
# Real SPARQL stores: starts Virtuoso open source on free loopback ports (its
# own virtuoso.ini in a temp folder), loads the graphs of examples/ and of the
# seeds with `newsgraph load` (one named graph per article, Graph Store HTTP
# Protocol), asks every query of examples/queries/ over HTTP and compares the
# answers with Oxigraph's (in-process, tests/node/sparql-compare.mjs) and with
# `newsgraph query`'s; then checks that `load` reports a store's refusals.
# Virtuoso is stopped by its PID on every exit.
#   tests/stores/run.sh build/newsgraph
set -euo pipefail
bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

for tool in virtuoso-t isql-vt curl; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool not installed (scripts/install-deps installs it)"; exit 77; }
done
tests/node/ensure.sh

tmp=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

fail=0
check() {  # check DESCRIPTION COMMAND...: runs it, counts a failure
  if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}

# Two free loopback ports: the SQL port (isql) and the HTTP port.
read -r sql_port http_port < <(python3 -c '
import socket
ss = [socket.socket() for _ in range(2)]
for s in ss: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in ss])')

mkdir "$tmp/db"
cat > "$tmp/db/virtuoso.ini" <<EOF
[Database]
DatabaseFile = $tmp/db/virtuoso.db
ErrorLogFile = $tmp/db/virtuoso.log
LockFile = $tmp/db/virtuoso.lck
TransactionFile = $tmp/db/virtuoso.trx
xa_persistent_file = $tmp/db/virtuoso.pxa
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = $tmp/db/virtuoso-temp.db
TransactionFile = $tmp/db/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:$sql_port
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = $tmp/db
CheckpointInterval = 0
ThreadsPerQuery = 1

[HTTPServer]
ServerPort = 127.0.0.1:$http_port
ServerRoot = $tmp/db
MaxClientConnections = 4
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
EOF

virtuoso-t -f -c "$tmp/db/virtuoso.ini" > "$tmp/db/stdout.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$http_port"
up=0
for _ in $(seq 120); do
  if curl -sf -o /dev/null "$base/sparql?query=ASK%7B%7D"; then up=1; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
if [ $up = 0 ]; then
  echo "FAIL Virtuoso did not start:"; tail -20 "$tmp/db/stdout.log"; exit 1
fi
echo "Virtuoso $(virtuoso-t -? 2>&1 | grep -om1 'Version [0-9.]*') on $base (pid $pid)"
# The anonymous SPARQL user may then write through /sparql-graph-crud.
isql-vt "127.0.0.1:$sql_port" dba dba exec='GRANT SPARQL_UPDATE TO "SPARQL";' > "$tmp/isql.log" 2>&1 ||
  { echo "FAIL isql-vt:"; cat "$tmp/isql.log"; exit 1; }

clear_store() {  # drops every article graph newsgraph loaded
  curl -sf -o /dev/null "$base/sparql" --data-urlencode \
    'query=DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?g a <http://schema.org/NewsArticle> . ?s ?p ?o } }'
}

query_engine=()
"$bin" query --help >/dev/null 2>&1 && query_engine=(--newsgraph "$bin")

sets=(examples/articles)
if [ -d ../shared/seeds ]; then sets+=(../shared/seeds); else echo "note: ../shared/seeds absent, examples only"; fi
for set in "${sets[@]}"; do
  name=$(basename "$(dirname "$set")")-$(basename "$set")
  "$bin" extract "$set" -o "$tmp/$name.nq" -q
  clear_store
  articles=$(grep -c 'schema.org/NewsArticle> <' "$tmp/$name.nq" || true)
  check "$set: load into Virtuoso" "$bin" load "$tmp/$name.nq" --endpoint "$base/sparql-graph-crud"
  graphs=$(curl -sf "$base/sparql" -H 'Accept: text/csv' --data-urlencode \
    'query=SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a <http://schema.org/NewsArticle> } }' | tail -1)
  check "$set: $articles articles, $graphs named graphs in the store" test "$graphs" = "$articles"
  echo "== $set: Oxigraph vs Virtuoso${query_engine:+ vs newsgraph query}"
  check "$set: every query answers the same" node tests/node/sparql-compare.mjs --data "$tmp/$name.nq" \
    --queries examples/queries --endpoint "$base/sparql" "${query_engine[@]}"
done

# Loading again replaces each graph instead of adding to it.
before=$(curl -sf "$base/sparql" -H 'Accept: text/csv' --data-urlencode 'query=SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?g a <http://schema.org/NewsArticle> . ?s ?p ?o } }' | tail -1)
"$bin" load "$tmp/$name.nq" --endpoint "$base/sparql-graph-crud" -q
after=$(curl -sf "$base/sparql" -H 'Accept: text/csv' --data-urlencode 'query=SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?g a <http://schema.org/NewsArticle> . ?s ?p ?o } }' | tail -1)
check "loading twice keeps $before quads" test "$before" = "$after"

# Triples into one named graph with --graph.
"$bin" extract examples/articles/01_kenya_india_trade.txt -o "$tmp/one.ttl" -q
check "--graph puts a Turtle file into one graph" "$bin" load "$tmp/one.ttl" --endpoint "$base/sparql-graph-crud" \
  --graph https://example.org/g/one -q
n=$(curl -sf "$base/sparql" -H 'Accept: text/csv' --data-urlencode 'query=SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://example.org/g/one> { ?s ?p ?o } }' | tail -1)
check "graph <https://example.org/g/one> holds the file's $(grep -c . <("$bin" extract examples/articles/01_kenya_india_trade.txt -q -f nt)) triples" \
  test "$n" = "$(grep -c . <("$bin" extract examples/articles/01_kenya_india_trade.txt -q -f nt))"

# Refusals: exit status 3 and a message with the HTTP status and the store's words.
expect_error() {  # expect_error DESCRIPTION STATUS PATTERN COMMAND...
  local desc=$1 want=$2 pattern=$3 got=0
  shift 3
  "$@" > "$tmp/out" 2> "$tmp/err" || got=$?
  if [ "$got" = "$want" ] && grep -qE "$pattern" "$tmp/err"; then
    echo "ok   $desc: $(head -1 "$tmp/err")"
  else
    echo "FAIL $desc: exit $got (want $want), stderr:"; cat "$tmp/err"; fail=1
  fi
}
expect_error "wrong password" 3 'HTTP 401' \
  "$bin" load "$tmp/one.ttl" --endpoint "$base/sparql-graph-crud-auth" --graph https://example.org/g/x --user dba --password wrong
expect_error "no Graph Store at that path" 3 'HTTP (404|501)' \
  "$bin" load "$tmp/one.ttl" --endpoint "$base/no-such-service" --graph https://example.org/g/x
closed_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
expect_error "nothing listening" 3 "Failed to connect|Couldn't connect" \
  "$bin" load "$tmp/one.ttl" --endpoint "http://127.0.0.1:$closed_port/store" --graph https://example.org/g/x
expect_error "not a URL" 2 'http:// or https://' "$bin" load "$tmp/one.ttl" --endpoint localhost:8890
printf '<https://example.org/a> <https://example.org/b> "unterminated .\n' > "$tmp/bad.nt"
expect_error "a broken file is skipped, named with its line" 1 'bad\.nt:1:[0-9]+: ' \
  "$bin" load "$tmp/bad.nt" "$tmp/one.ttl" --endpoint "$base/sparql-graph-crud" --graph https://example.org/g/two
n2=$(curl -sf "$base/sparql" -H 'Accept: text/csv' --data-urlencode 'query=SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://example.org/g/two> { ?s ?p ?o } }' | tail -1)
check "the good file beside it was loaded ($n2 triples)" test "$n2" = "$n"
# With the password the authenticated endpoint takes it.
check "dba through /sparql-graph-crud-auth (digest)" "$bin" load "$tmp/one.ttl" \
  --endpoint "$base/sparql-graph-crud-auth" --graph https://example.org/g/auth --user dba --password dba -q

if [ $fail = 0 ]; then echo "stores: all checks passed"; else echo "stores: some checks FAILED"; tail -5 "$tmp/db/virtuoso.log" || true; fi
exit $fail
