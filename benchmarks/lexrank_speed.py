"""LexRank speed and memory: ours vs sumy's LexRank vs the `lexrank` package.

Run with `make bench` (installs the peers). Every measurement runs in a fresh
subprocess so its peak RSS is its own. Sentences come from the Multi-News validation
copy in ../shared/data (real news text), cleaned and split by our own stages, and every
system ranks exactly the same sentences. Writes benchmarks/results.json and prints a
Markdown table (copied into benchmarks/README.md).

    python benchmarks/lexrank_speed.py                  # everything
    python benchmarks/lexrank_speed.py --sizes 250 2000 --peer-max 2000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = Path(os.environ.get("SUMMARIZER_DATA", REPO.parent / "shared" / "data"))
VAL = DATA / "multinews-validation-truncated" / "validation.jsonl"
DEV = DATA / "multinews-dev" / "dev.jsonl"
CACHE = REPO / ".cache" / "bench"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))


from scale import _articles, big_cluster  # noqa: E402  (one copy of the data readers)


def sentences(n: int) -> list[str]:
    """The first n sentences of Multi-News validation, split once and cached on disk."""
    CACHE.mkdir(parents=True, exist_ok=True)
    cache = CACHE / "sentences.txt"
    if not cache.exists():
        from summarizer.ingest.split import split_text

        out = []
        for _, docs in _articles(VAL):
            for d in docs:
                out.extend(s.replace("\n", " ") for s in split_text(d))
            if len(out) >= 110_000:
                break
        cache.write_text("\n".join(out), encoding="utf-8")
    sents = cache.read_text(encoding="utf-8").split("\n")
    if len(sents) < n:
        raise SystemExit(f"only {len(sents)} sentences available, {n} asked")
    return sents[:n]


def run_ours(sents):
    from summarizer.config import RankConfig
    from summarizer.documents import Unit
    from summarizer.rank import rank
    from summarizer.similarity import TfidfBackend

    X = TfidfBackend().vectors(sents)
    return rank(X, [Unit(s, ((0, i),)) for i, s in enumerate(sents)], RankConfig())


def run_sumy(sents):
    from summarizer.evaluation.peers import sumy_scores

    return sumy_scores(sents, "lexrank")


def run_lexrank_pkg(sents):
    from summarizer.evaluation.peers import lexrank_scores

    return lexrank_scores(sents)


SYSTEMS = {"ours": run_ours, "sumy-lexrank": run_sumy, "lexrank": run_lexrank_pkg}


def one(system: str, n: int, repeats: int) -> dict:
    """Child process: time `repeats` runs of one system on n sentences."""
    sents = sentences(n)
    fn = SYSTEMS[system]
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn(sents)
        times.append(time.perf_counter() - start)
        if times[-1] > 30:
            break
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"system": system, "n": n, "median_s": statistics.median(times), "runs": len(times),
            "peak_rss_mb": round(rss, 1)}


def end_to_end(n: int) -> dict:
    """Child process: a whole cluster of ~n sentences through the default pipeline."""
    from summarizer.config import Config
    from summarizer.pipeline import Pipeline

    cluster = big_cluster(n)
    pipe = Pipeline(Config())
    start = time.perf_counter()
    summary = pipe.summarize(cluster)
    wall = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"system": "ours-end-to-end", "n": n, "articles": len(cluster.articles), "median_s": wall,
            "runs": 1, "peak_rss_mb": round(rss, 1), "timings": summary.timings,
            "words": len(summary.text.split())}


def small_clusters(limit: int = 100) -> dict:
    """Child process: per-cluster wall time on Multi-News dev after one warm-up cluster."""
    from summarizer.config import Config
    from summarizer.documents import Article, Cluster
    from summarizer.pipeline import Pipeline

    clusters = [Cluster(cid, [Article(str(j), d) for j, d in enumerate(docs)])
                for cid, docs in _articles(DEV)][:limit]
    pipe = Pipeline(Config())
    pipe.summarize(clusters[0])
    times, sizes = [], []
    for c in clusters:
        start = time.perf_counter()
        s = pipe.summarize(c)
        times.append(time.perf_counter() - start)
        sizes.append(sum(len(a.text.split()) for a in s.articles))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"system": "ours-multinews-dev-cluster", "n": len(clusters),
            "median_s": statistics.median(times), "p90_s": sorted(times)[int(0.9 * len(times))],
            "runs": len(times), "peak_rss_mb": round(rss, 1)}


def child(args: list[str], timeout: float) -> dict | None:
    cmd = [sys.executable, str(Path(__file__).resolve()), *args]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as e:
        sys.stderr.write(e.stderr)
        raise
    return json.loads(out.stdout.strip().splitlines()[-1])


def table(rows: list[dict]) -> str:
    by = {(r["system"], r["n"]): r for r in rows if r}
    sizes = sorted({r["n"] for r in rows if r and r["system"] in SYSTEMS})
    lines = ["| sentences | ours (s) | ours RSS (MB) | sumy LexRank (s) | ratio | lexrank pkg (s) | ratio |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    for n in sizes:
        ours = by.get(("ours", n))
        cells = [f"{n:,}", f"{ours['median_s']:.3f}" if ours else "–",
                 f"{ours['peak_rss_mb']:.0f}" if ours else "–"]
        for peer in ("sumy-lexrank", "lexrank"):
            r = by.get((peer, n))
            if r is None or not ours:
                cells += ["not run (minutes+)" if r is None else "–", "–"]
            else:
                cells += [f"{r['median_s']:.2f}", f"{r['median_s'] / ours['median_s']:.0f}x"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="*", default=[250, 1000, 2000, 10000, 100000])
    p.add_argument("--peer-max", type=int, default=2000, help="largest size the peers are run at")
    p.add_argument("--peer-timeout", type=float, default=900)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--skip-e2e", action="store_true")
    p.add_argument("--one", nargs=2, metavar=("SYSTEM", "N"), help=argparse.SUPPRESS)
    p.add_argument("--e2e", type=int, help=argparse.SUPPRESS)
    p.add_argument("--small", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], int(args.one[1]), args.repeats)))
        return
    if args.e2e:
        print(json.dumps(end_to_end(args.e2e)))
        return
    if args.small:
        print(json.dumps(small_clusters()))
        return
    if not VAL.exists():
        raise SystemExit(f"{VAL} is absent: the benchmark reads Multi-News from ../shared/data")
    sentences(max(args.sizes))
    rows = []
    for n in args.sizes:
        for system in SYSTEMS:
            if system != "ours" and n > args.peer_max:
                continue
            r = child(["--one", system, str(n), "--repeats", str(args.repeats if system == "ours" else 1)],
                      args.peer_timeout)
            print(f"{system:>14} n={n:>7}: " + (f"{r['median_s']:.3f}s rss {r['peak_rss_mb']}MB" if r else "timeout"),
                  file=sys.stderr)
            if r:
                rows.append(r)
    extra = []
    if not args.skip_e2e:
        extra.append(child(["--e2e", "100000"], 600))
        extra.append(child(["--small"], 600))
    md = table(rows)
    print(md)
    for r in extra:
        if r:
            print(f"\n{r['system']}: n={r['n']} median {r['median_s'] * 1000:.1f} ms"
                  if r["median_s"] < 1 else f"\n{r['system']}: n={r['n']} {r['median_s']:.1f} s",
                  f"peak RSS {r['peak_rss_mb']:.0f} MB")
    out = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
           "lexrank": rows, "end_to_end": [r for r in extra if r], "table": md}
    (HERE / "results.json").write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
