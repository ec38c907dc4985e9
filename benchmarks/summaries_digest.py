"""One digest of every summary our configs write on the named datasets: the check that a
refactoring changed no output. Run it on two checkouts (e.g. a ``git worktree`` of the
commit before) and compare the last line; ``--out FILE`` keeps the summaries as JSON to
diff them when the digests differ.

    python benchmarks/summaries_digest.py
    (cd /tmp/old && PYTHONPATH=/tmp/old python /path/to/benchmarks/summaries_digest.py)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile

DATASETS = ["duc2003", "duc2006", "tac2011-en", "multinews-dev", "multiling2011-arabic",
            "multiling2011-english", "multiling2011-french", "multiling2011-greek"]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", help="the shared data folder (default: found as evaluate does)")
    p.add_argument("--out", help="write {dataset/cluster: summary} here as JSON")
    p.add_argument("--datasets", nargs="+", default=DATASETS, metavar="NAME")
    p.add_argument("--systems", nargs="+", default=["default"], metavar="SYSTEM",
                   help="systems as evaluate names them (default: default)")
    args = p.parse_args()
    from summarizer.evaluation import evaluate

    summaries = {}
    with tempfile.TemporaryDirectory(prefix="digest-cache-") as cache:  # never a cached result
        for name in args.datasets:
            run = evaluate(name, systems=args.systems, samples=20, cache_dir=cache,
                           data=args.data).run
            for system, results in run.results.items():
                prefix = name if args.systems == ["default"] else f"{name}/{system}"
                for r in results:
                    summaries[f"{prefix}/{r.cluster}"] = r.summary
            print(f"{name}: {sum(1 for k in summaries if k.startswith(name + '/'))} clusters",
                  flush=True)
    text = json.dumps(summaries, ensure_ascii=False, sort_keys=True)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    print(len(summaries), hashlib.sha256(text.encode()).hexdigest())


if __name__ == "__main__":
    main()
