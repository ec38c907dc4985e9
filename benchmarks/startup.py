"""Start-up: ``summarizer summarize examples/harbor-bridge`` wall time, median of N runs,
beside a bare ``python -c pass`` (and, with ``--old-tree DIR``, the same command run
from another checkout, e.g. a ``git worktree`` of an earlier commit, in the same run).

    python benchmarks/startup.py
    git worktree add /tmp/old HEAD~1 && python benchmarks/startup.py --old-tree /tmp/old
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def median_wall(cmd: list[str], runs: int, env: dict | None = None, cwd: Path = REPO) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env, cwd=cwd)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--old-tree", type=Path, help="another checkout to time the same way")
    args = p.parse_args()
    summarize = [sys.executable, "-m", "summarizer", "summarize", "examples/harbor-bridge",
                 "--words", "100"]
    rows = [("python -c pass", median_wall([sys.executable, "-c", "pass"], args.runs)),
            ("summarizer summarize examples/harbor-bridge", median_wall(summarize, args.runs))]
    if args.old_tree:
        env = dict(os.environ, PYTHONPATH=str(args.old_tree.resolve()))
        rows.append((f"the same from {args.old_tree}",
                     median_wall(summarize, args.runs, env, args.old_tree.resolve())))
    print(f"median of {args.runs} runs, {os.cpu_count()} CPUs\n")
    print("| command | wall (s) |\n|---|---:|")
    for name, t in rows:
        print(f"| {name} | {t:.2f} |")


if __name__ == "__main__":
    main()
