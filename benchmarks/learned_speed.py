"""What the trained ranker costs per cluster: ``rank.method: learned`` against
``lexrank`` (the issue's bound: at most 20% more), the whole extract (clean, split,
dedup, vectors, the method, selection) of every cluster of a dataset, under the
dataset's own config.

Each cluster is summarized by the two methods in turn, ``--repeat`` times, keeping each
one's fastest time (the machine's other load only ever adds), after one warm-up pass (the
model file, the stemmer's and the stop words' caches). Prints the median per-cluster time
of each and their ratio, and the median of the per-cluster ratios. numpy's BLAS runs on
``--threads`` threads (default 1, as in ``evaluate --jobs`` workers; on a busy machine
more threads mostly wait on each other and make both times noisy).

    python benchmarks/learned_speed.py                       # duc2003, a model trained here
    python benchmarks/learned_speed.py --dataset multinews-dev --model model.json
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def fastest(pipe, cluster, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        pipe.extract(cluster)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dataset", default="duc2003")
    p.add_argument("--model", help="a trained model (default: train one on --dataset first)")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--limit", type=int)
    p.add_argument("--data", help="the shared data folder (default: found as evaluate does)")
    p.add_argument("--threads", type=int, default=1, help="BLAS/OpenMP threads (0: as is)")
    args = p.parse_args()
    if args.threads:  # before numpy is imported: its BLAS reads these once
        for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[name] = str(args.threads)
    run(args)


def run(args) -> None:
    from summarizer.evaluation import resolve_config
    from summarizer.evaluation.datasets import load_dataset
    from summarizer.learn import train
    from summarizer.pipeline import Pipeline

    ds = load_dataset(args.dataset, limit=args.limit, data=args.data)
    with tempfile.TemporaryDirectory(prefix="learned-speed-") as tmp:
        model = args.model
        if model is None:
            model = str(Path(tmp) / "model.json")
            report = train(args.dataset, out=model, limit=args.limit, data=args.data)
            print(f"model trained on {report['clusters']} clusters in "
                  f"{report['seconds']:.1f} s", flush=True)
        base, _ = resolve_config(ds, None, [])
        pipes = {"lexrank": Pipeline(base.with_overrides([("rank.method", "lexrank")])),
                 "learned": Pipeline(base.with_overrides([("rank.method", "learned"),
                                                          ("rank.learned.model", model)]))}
        for pipe in pipes.values():  # warm-up: the model, the caches
            for cluster in ds.clusters:
                pipe.extract(cluster)
        times = {name: [] for name in pipes}
        for cluster in ds.clusters:
            for name, pipe in pipes.items():
                times[name].append(fastest(pipe, cluster, args.repeat))
    lex, learned = (statistics.median(times[k]) for k in ("lexrank", "learned"))
    ratios = [b / a for a, b in zip(times["lexrank"], times["learned"])]
    print(f"{args.dataset}: {len(ds.clusters)} clusters, fastest of {args.repeat} each, "
          f"{args.threads or 'default'} BLAS thread(s), the dataset's config with "
          "rank.method set")
    print("| method | median per cluster (ms) |\n|---|---:|")
    print(f"| lexrank | {1000 * lex:.1f} |\n| learned | {1000 * learned:.1f} |")
    print(f"\nratio of the medians: {learned / lex:.3f}; median per-cluster ratio: "
          f"{statistics.median(ratios):.3f}")


if __name__ == "__main__":
    main()
