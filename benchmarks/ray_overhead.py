"""What does --executor ray cost on one machine? The same evaluation through the CLI, as
a user runs it, with no cache: the local executor (``--jobs 2``, a process pool) against
a local Ray started by the command itself (2 CPUs here: 2 actors). Default system (the
dataset's own config) on multinews-val.

    .venv/bin/python benchmarks/ray_overhead.py [--limit 1000] [--repeats 3]

Prints, per executor, the median wall time of the whole command (Ray's start and actor
start-up included), clusters/s, the runner's own seconds (from the CLI's last line:
summarizing and scoring, after the dataset is read; with Ray it includes joining Ray
and starting the actors), the peak resident memory of the whole process tree (driver,
pool workers or Ray's gcs/raylet/actors, sampled every 0.5 s; shared pages counted once
per process, so the Ray figure includes its object store mappings), and checks that
both gave the same scores.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
from pathlib import Path

from _measure import measure


def run_once(executor: str, dataset: str, limit: int | None, jobs: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report"
        cmd = [sys.executable, "-m", "summarizer", "-q", "evaluate", "--dataset", dataset,
               "--jobs", str(jobs), "--no-cache", "--report", str(report),
               "--executor", executor]
        if limit:
            cmd += ["--limit", str(limit)]
        wall, peak, out, err, code = measure(cmd)
        if code != 0:
            raise SystemExit(f"{executor}: exit {code}\n{err[-2000:]}")
        doc = json.loads((report / "results.json").read_text())
    m = re.search(r"(\d+) clusters x \d+ systems: (\d+) computed.*?, ([\d.]+) s;", err)
    clusters = int(m.group(1)) if m else None
    return {"wall_s": round(wall, 2), "runner_s": float(m.group(3)) if m else None,
            "clusters": clusters, "peak_rss_mb": round(peak / 2**20),
            "scores": {n: s["metrics"] for n, s in doc["systems"].items()}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dataset", default="multinews-val")
    ap.add_argument("--limit", type=int, default=None, help="first N clusters (default all)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    runs: dict[str, list[dict]] = {"local": [], "ray": []}
    for i in range(args.repeats):  # interleaved, so load from elsewhere hits both alike
        for executor in runs:
            r = run_once(executor, args.dataset, args.limit, args.jobs)
            runs[executor].append(r)
            print(f"run {i + 1} {executor}: {r['wall_s']} s wall, {r['runner_s']} s runner, "
                  f"{r['peak_rss_mb']} MB peak", file=sys.stderr, flush=True)
    summary = {}
    for executor, rs in runs.items():
        wall = statistics.median(r["wall_s"] for r in rs)
        runner = statistics.median(r["runner_s"] for r in rs)
        n = rs[0]["clusters"]
        summary[executor] = {"wall_s": wall, "runner_s": runner, "clusters": n,
                             "clusters_per_s": round(n / wall, 1),
                             "clusters_per_s_runner": round(n / runner, 1),
                             "peak_rss_mb": max(r["peak_rss_mb"] for r in rs),
                             "walls": [r["wall_s"] for r in rs]}
    same = all(r["scores"] == runs["local"][0]["scores"] for rs in runs.values() for r in rs)
    summary["ratio_wall_ray_over_local"] = round(summary["ray"]["wall_s"] /
                                                 summary["local"]["wall_s"], 2)
    summary["ratio_runner_ray_over_local"] = round(summary["ray"]["runner_s"] /
                                                   summary["local"]["runner_s"], 2)
    summary["same_scores"] = same
    summary["scores"] = runs["local"][0]["scores"]
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
