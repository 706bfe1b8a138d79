#!/usr/bin/env bash
# Installs the test tools of tests/node/package-lock.json with `npm ci` when
# they are missing (a clean clone), under a lock so that tests running in
# parallel install once. Exits 77 (ctest's skip) when node or npm is absent.
set -euo pipefail
dir=$(cd "$(dirname "$0")" && pwd)
command -v node >/dev/null && command -v npm >/dev/null || { echo "SKIP: node and npm are needed (scripts/install-deps)"; exit 77; }
exec 9>"$dir/.npm-install.lock"
flock 9
# Missing, or installed before the lock file last changed (a merge added a tool).
if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
