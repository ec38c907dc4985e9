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
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _measure import measure  # noqa: E402


def run_once(dataset: str, jobs: int, config: str | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "summarizer.cli", "-q", "evaluate", "--dataset", dataset,
               "--jobs", str(jobs), "--no-cache", "--report", str(Path(tmp) / "report")]
        if config:
            cmd += ["--config", config]
        wall, peak, out, err, code = measure(cmd)
        if code:
            raise SystemExit(f"evaluation failed ({code}): {err.strip()[-500:]}")
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
