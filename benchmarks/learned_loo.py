"""Leave one dataset out: the evidence ``configs/learned.yaml`` was chosen on (issue 22:
a trained model is judged on data it never saw, and a default on the gain pooled over
every dev set it is meant for, never on one set).

For each dataset of ``--datasets``, a model is trained on all the others
(:func:`summarizer.learn.train`, ``--dataset a,b`` in the CLI's words) under ``--config``
and the held-out dataset is evaluated with its own config and protocol, LexRank against
the trained ranker (and any ``--also`` system) in one run. Then each system's paired
gain over LexRank per dataset and pooled over all of them, each weighed equally
(:func:`summarizer.evaluation.bootstrap.pooled_paired_bootstrap`).

    python benchmarks/learned_loo.py                     # duc2003, duc2006, tac2011-en
    python benchmarks/learned_loo.py --protocol duc      # labels as configs/learned.yaml's
    python benchmarks/learned_loo.py --also method:ilp --set rank.ilp.position=3
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

BASE = "method:lexrank"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--datasets", default="duc2003,duc2006,tac2011-en")
    p.add_argument("--config", default=str(REPO / "configs" / "duc.yaml"),
                   help="the config the models are trained under")
    p.add_argument("--protocol", help="the protocol the training labels count in (default: "
                   "each training set's own)")
    p.add_argument("--also", action="append", default=[], help="another system to score")
    p.add_argument("--set", dest="overrides", action="append", default=[],
                   help="a config override for the evaluations (repeatable)")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--data", help="the shared data folder")
    p.add_argument("--out", help="also write the table to this file")
    args = p.parse_args()

    from summarizer.evaluation import evaluate
    from summarizer.evaluation.bootstrap import paired_bootstrap, pooled_paired_bootstrap
    from summarizer.evaluation.report import load_report
    from summarizer.learn import train

    names = [n.strip() for n in args.datasets.split(",")]
    systems = [BASE, "method:learned", *args.also]
    pairs: dict[tuple[str, str], dict[str, tuple[list, list]]] = {}  # (system, metric)
    lines = []
    with tempfile.TemporaryDirectory(prefix="learned-loo-") as tmp:
        for i, held in enumerate(names):  # a name may be a path: files named by index
            others = ",".join(n for n in names if n != held)
            model = Path(tmp) / f"without-{i}.json"
            report = train(others, config=args.config, out=model, jobs=args.jobs,
                           data=args.data, protocol=args.protocol)
            start = time.perf_counter()
            evaluate(held, overrides=[*args.overrides, f"rank.learned.model={model}"],
                     systems=systems, jobs=args.jobs, report=Path(tmp) / f"report-{i}",
                     data=args.data)
            _, per = load_report(Path(tmp) / f"report-{i}")
            clusters = sorted(per[BASE])
            for system in systems[1:]:
                for metric in ("rouge1", "rouge2"):
                    pairs.setdefault((system, metric), {})[held] = (
                        [per[BASE][c][metric] for c in clusters],
                        [per[system][c][metric] for c in clusters])
            lines.append(f"{held}: trained on {others} ({report['clusters']} clusters, "
                         f"{report['seconds']:.1f} s); evaluated in "
                         f"{time.perf_counter() - start:.1f} s")
    table = ["| system | metric | " + " | ".join(f"Δ {n} (p)" for n in names)
             + " | pooled Δ [95% CI] (p) |", "|---|---|" + "---|" * (len(names) + 1)]
    for (system, metric), by in pairs.items():
        cells = []
        for n in names:
            r = paired_bootstrap(*by[n])
            cells.append(f"{r.diff:+.2f} ({r.p_value:.3f})")
        r = pooled_paired_bootstrap([by[n] for n in names])
        table.append(f"| {system} | {metric} | " + " | ".join(cells)
                     + f" | {r.diff:+.2f} [{r.low:+.2f}, {r.high:+.2f}] ({r.p_value:.3f}) |")
    text = "\n".join(lines + ["", f"Against {BASE}, each dataset under its own config "
                              "and protocol (x100):", ""] + table)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
