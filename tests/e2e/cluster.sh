#!/usr/bin/env bash
# The Dask cluster example (examples/cluster/newsgraph_dask.py) on loopback:
# starts a `dask scheduler` and two `dask worker` processes (one thread each),
# runs the driver over a corpus file (the first 400 BBC articles; the example
# articles when ../shared is absent) in 6 shards, and checks that the merged
# graph equals `newsgraph merge` of a single-process run over the same input
# and that the shards ran on the workers. Every process it starts is stopped
# by PID when it exits (workers run without a nanny, so the PID is the worker). Skipped (77) when Dask distributed is not installed.
set -u
prog=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
corpus="$root/../shared/corpus/bbc.jsonl"
py=/usr/bin/python3  # Debian's Python, which python3-distributed is for
tmp=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
pass=0 fail=0
check() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi; }

if ! command -v dask >/dev/null || ! "$py" -c 'import distributed' 2>/dev/null; then
  echo "SKIP: Dask distributed not installed (scripts/install-deps installs python3-distributed)"
  exit 77
fi
if [ -f "$corpus" ]; then
  head -n 400 "$corpus" > "$tmp/input.jsonl"
  input=("$tmp/input.jsonl")
else
  echo "note: $corpus not found; the example articles are used"
  input=("$root/examples/articles")
fi

port=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dask scheduler --host 127.0.0.1 --port "$port" --no-dashboard --no-show > "$tmp/scheduler.log" 2>&1 &
pids+=($!)
for w in 1 2; do
  mkdir -p "$tmp/w$w"
  dask worker "tcp://127.0.0.1:$port" --name "w$w" --nthreads 1 --no-nanny --no-dashboard \
    --local-directory "$tmp/w$w" > "$tmp/worker$w.log" 2>&1 &
  pids+=($!)
done

"$py" "$root/examples/cluster/newsgraph_dask.py" --scheduler "tcp://127.0.0.1:$port" --min-workers 2 \
  --timeout 60 --shards 6 --newsgraph "$prog" --workdir "$tmp/parts" -o "$tmp/cluster.nq" "${input[@]}" 2> "$tmp/driver.log"
status=$?
check "driver exited $status (log: $(tail -3 "$tmp/driver.log" | tr '\n' ' '))" "[ $status -eq 0 ]"
check "6 parts written" "[ \$(ls $tmp/parts | wc -l) -eq 6 ]"
check "shards ran on the two workers, not elsewhere" "grep -Eq '6 shards on [12] workers: (w[12] [0-9]+(, )?)+\$' $tmp/driver.log"
grep 'shards on' "$tmp/driver.log"

"$prog" extract "${input[@]}" -q -j 1 -o "$tmp/single.nq"
"$prog" merge "$tmp/single.nq" -q -o "$tmp/single-merged.nq"
check "no quads" "[ -s $tmp/cluster.nq ]"
check "cluster graph differs from one run's" "cmp -s $tmp/cluster.nq $tmp/single-merged.nq"

echo "cluster: $pass passed, $fail failed"
[ $fail -eq 0 ]
