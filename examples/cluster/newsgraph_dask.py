#!/usr/bin/python3
"""Runs `newsgraph extract` over a corpus as tasks of a Dask cluster and merges the parts.

The corpus is split into N shards by `newsgraph extract --shard K/N` (record K,
K+N, K+2N, ... of the inputs, JSON lines and text files counted in order), so
nothing is copied or split beforehand: every worker reads the same input paths
(a shared file system, as on an HPC cluster or a mounted bucket) and writes its
part beside the others in --workdir. When all parts are written, `newsgraph
merge` joins them into one graph on the machine running this driver. IRIs are
minted from names and article keys alone, so the parts agree without any
coordination and the merged graph equals the merge of a single run.

    dask scheduler --host 10.0.0.1 &                       # once
    dask worker tcp://10.0.0.1:8786 --nthreads 1 &         # on each machine
    examples/cluster/newsgraph_dask.py --scheduler tcp://10.0.0.1:8786 \\
        --shards 64 --workdir /shared/parts -o graph.nq /shared/corpus/*.jsonl

Exit status: 0 when every shard read all its input, 1 when some shard skipped
input (as `newsgraph extract`), 2 for usage errors or a failed shard or merge.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time


def run_shard(newsgraph, inputs, shard, shards, part, jobs, extra):
    """One Dask task: extract shard K/N of the inputs to `part`. Runs on a worker."""
    from distributed import get_worker  # only on a worker

    started = time.time()
    cmd = [newsgraph, "extract", *inputs, "--shard", f"{shard}/{shards}", "-j", str(jobs), "-q", "-o", part, *extra]
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        worker = get_worker().name
    except ValueError:
        worker = "local"
    return {
        "shard": shard,
        "part": part,
        "status": proc.returncode,
        "stderr": proc.stderr[-4000:],
        "worker": str(worker),
        "seconds": time.time() - started,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="JSONL or text files, or folders (paths the workers can read)")
    ap.add_argument("-o", "--output", required=True, help="merged graph (syntax from the extension)")
    ap.add_argument("--scheduler", required=True, help="address of the Dask scheduler, e.g. tcp://127.0.0.1:8786")
    ap.add_argument("--shards", type=int, default=0, help="number of shards (default: 4 per worker thread)")
    ap.add_argument("--newsgraph", default=shutil.which("newsgraph") or "newsgraph",
                    help="the newsgraph program, as the workers see it (default: newsgraph on PATH)")
    ap.add_argument("--workdir", help="where the parts go (a folder every worker can write; default: a "
                                      "temporary folder beside --output, removed afterwards)")
    ap.add_argument("--format", default="nquads", help="syntax of the parts (default nquads: article graphs kept)")
    ap.add_argument("--jobs", type=int, default=1, help="threads per extract task (default 1: one task per worker thread)")
    ap.add_argument("--min-workers", type=int, default=1, help="wait for this many workers before starting")
    ap.add_argument("--timeout", type=float, default=60, help="seconds to wait for the scheduler and workers")
    ap.add_argument("--extract-arg", action="append", default=[],
                    help="passed on to newsgraph extract (repeatable), e.g. --extract-arg=--date=2024-06-29")
    a = ap.parse_args()

    try:
        from distributed import Client
    except ImportError:
        print("newsgraph_dask: Dask distributed is not installed (Debian: python3-distributed)", file=sys.stderr)
        return 2
    newsgraph = os.path.abspath(a.newsgraph) if os.path.sep in a.newsgraph else a.newsgraph
    inputs = [i if i == "-" else os.path.abspath(i) for i in a.inputs]
    if "-" in inputs:
        print("newsgraph_dask: stdin cannot be shared with the workers; give files", file=sys.stderr)
        return 2
    extra = []
    for e in a.extract_arg:  # --date=X -> --date X (extract takes separate values)
        extra += e.split("=", 1) if e.startswith("--") and "=" in e else [e]

    ext = {"nquads": "nq", "trig": "trig", "turtle": "ttl", "ntriples": "nt"}.get(a.format)
    if not ext:
        print(f"newsgraph_dask: unknown --format '{a.format}'", file=sys.stderr)
        return 2
    out_dir = os.path.dirname(os.path.abspath(a.output))
    workdir = a.workdir or tempfile.mkdtemp(prefix=".newsgraph-parts-", dir=out_dir)
    os.makedirs(workdir, exist_ok=True)
    try:
        with Client(a.scheduler, timeout=a.timeout) as client:
            client.wait_for_workers(a.min_workers, timeout=a.timeout)
            threads = sum(client.nthreads().values())
            shards = a.shards or 4 * max(1, threads)
            parts = [os.path.join(workdir, f"part-{k:05d}-of-{shards:05d}.{ext}") for k in range(shards)]
            futures = [client.submit(run_shard, newsgraph, inputs, k, shards, parts[k], a.jobs, extra,
                                     key=f"newsgraph-extract-{k}-of-{shards}-{os.getpid()}", pure=False)
                       for k in range(shards)]
            results = client.gather(futures)
        status = 0
        by_worker = {}
        for r in sorted(results, key=lambda r: r["shard"]):
            by_worker[r["worker"]] = by_worker.get(r["worker"], 0) + 1
            if r["stderr"]:
                sys.stderr.write("".join(f"shard {r['shard']}: {line}\n" for line in r["stderr"].splitlines()))
            if r["status"] == 1:
                status = max(status, 1)
            elif r["status"] != 0:
                print(f"newsgraph_dask: shard {r['shard']} failed on {r['worker']} (exit {r['status']})", file=sys.stderr)
                return 2
        print(f"newsgraph_dask: {shards} shards on {len(by_worker)} workers: " +
              ", ".join(f"{w} {n}" for w, n in sorted(by_worker.items())), file=sys.stderr)
        merge = subprocess.run([newsgraph, "merge", *parts, "-o", a.output, "-q"])
        if merge.returncode not in (0, 1):
            print(f"newsgraph_dask: newsgraph merge failed (exit {merge.returncode})", file=sys.stderr)
            return 2
        return max(status, merge.returncode)
    finally:
        if not a.workdir:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
