"""How long does a full evaluation take? The default extractive config on the whole
5,622-cluster Multi-News validation copy, end to end (read, summarize, score, report), with
no cache, through the CLI exactly as a user runs it. Target: under 10 minutes on 2 cores.

    .venv/bin/python benchmarks/eval_speed.py --jobs 2 [--repeats 1]

Prints and appends to benchmarks/results.json: wall seconds, clusters/s and the peak RSS of
the run (parent and workers together, sampled).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and its children, in bytes (Linux /proc)."""
    total = 0
    pids = [pid]
    try:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True,
                             text=True).stdout
        pids += [int(p) for p in out.split()]
    except OSError:
        pass
    for p in pids:
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def run_once(dataset: str, jobs: int, config: str | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "summarizer.cli", "-q", "evaluate", "--dataset", dataset,
               "--jobs", str(jobs), "--no-cache", "--report", str(Path(tmp) / "report")]
        if config:
            cmd += ["--config", config]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.5)
        wall = time.perf_counter() - start
        out, err = proc.communicate()
        if proc.returncode:
            raise SystemExit(f"evaluation failed ({proc.returncode}): {err.strip()[-500:]}")
        doc = json.loads((Path(tmp) / "report" / "results.json").read_text())
    return {"wall_s": round(wall, 2), "peak_rss_mb": round(peak / 2**20), "table": out.strip(),
            "clusters": doc["dataset"]["clusters"]}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--dataset", default="multinews-val")
    p.add_argument("--config")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--repeats", type=int, default=1)
    args = p.parse_args()
    runs = [run_once(args.dataset, args.jobs, args.config) for _ in range(args.repeats)]
    wall = statistics.median(r["wall_s"] for r in runs)
    clusters = runs[0]["clusters"]
    result = {"benchmark": "eval_speed", "dataset": args.dataset, "jobs": args.jobs,
              "cpus": os.cpu_count(), "repeats": args.repeats, "median_wall_s": wall,
              "clusters": clusters, "clusters_per_s": round(clusters / wall, 1),
              "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
              "date": time.strftime("%Y-%m-%d")}
    print(runs[0]["table"])
    print(json.dumps(result, indent=2))
    path = HERE / "results.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data["eval_speed"] = result
    path.write_text(json.dumps(data, indent=2) + "\n")


if __name__ == "__main__":
    main()
