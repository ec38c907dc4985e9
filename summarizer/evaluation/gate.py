"""CI quality gate: evaluate the default configs and fail when quality regresses.

``python -m summarizer.evaluation.gate`` reads every ``eval/baselines/<dataset>.json``
(dataset, config, protocol, margin, committed metric means), evaluates that config on
that dataset, prints the tables, and exits 1 when any metric falls below its baseline by
more than the margin. ``--update`` rewrites the baselines from the current code: raising
them is a deliberate, reviewed commit.

Shared data that is absent is skipped with a message, except under ``CI=true``, where
the data is always present and its absence is a failure.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ..errors import InputError, SummarizerError
from ..fileio import atomic_write
from . import evaluate
from .datasets import REPO, DatasetMissing
from .protocols import METRIC_LABELS
from .report import table

BASELINES = REPO / "eval" / "baselines"
DEFAULT_MARGIN = 0.5


def load_baselines(folder: Path = BASELINES) -> list[tuple[Path, dict]]:
    files = sorted(folder.glob("*.json"))
    if not files:
        raise InputError(f"no baselines (*.json) in {folder}")
    return [(f, json.loads(f.read_text(encoding="utf-8"))) for f in files]


def check(doc: dict, baseline: dict) -> list[tuple[str, float, float, bool]]:
    """(metric, measured, committed, ok) for every committed metric."""
    measured = doc["systems"]["default"]["metrics"]
    margin = float(baseline.get("margin", DEFAULT_MARGIN))
    rows = []
    for metric, committed in baseline["metrics"].items():
        value = measured[metric]["mean"]
        rows.append((metric, value, committed, value >= committed - margin))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m summarizer.evaluation.gate",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--baselines", type=Path, default=BASELINES)
    parser.add_argument("--update", action="store_true",
                        help="rewrite the committed baselines with today's numbers")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--systems", default="default",
                        help="systems printed next to the gated default (e.g. default,lead)")
    args = parser.parse_args(argv)
    ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
    failures, skipped = [], []
    try:
        baselines = load_baselines(args.baselines)
    except SummarizerError as e:
        print(f"gate: error: {e}", file=sys.stderr)
        return 2
    cache = None if args.no_cache else ".cache/summarizer/eval"
    for path, base in baselines:
        name = base["dataset"]
        systems = args.systems if "default" in args.systems.split(",") else f"default,{args.systems}"
        try:
            ev = evaluate(name, config=str(REPO / base["config"]), systems=systems,
                          protocol=base["protocol"], jobs=args.jobs, cache_dir=cache)
        except DatasetMissing as e:
            if ci:
                print(f"gate: error: {e} (CI=true, so the shared data must be there)",
                      file=sys.stderr)
                failures.append(name)
            else:
                print(f"gate: skipped {name}: {e}", file=sys.stderr)
                skipped.append(name)
            continue
        except SummarizerError as e:
            print(f"gate: error: {name}: {e}", file=sys.stderr)
            failures.append(name)
            continue
        print(f"\n### {name} ({base['config']})\n")
        print(table(ev.doc))
        if args.update:
            base["metrics"] = {m: round(v["mean"], 2)
                               for m, v in ev.doc["systems"]["default"]["metrics"].items()}
            atomic_write(path, json.dumps(base, indent=2) + "\n")
            print(f"gate: baseline {path.name} updated: {base['metrics']}")
            continue
        for metric, value, committed, ok in check(ev.doc, base):
            label = METRIC_LABELS.get(metric, metric)
            verdict = "ok" if ok else "REGRESSION"
            print(f"gate: {name} {label}: {value:.2f} vs baseline {committed:.2f} "
                  f"(margin {base.get('margin', DEFAULT_MARGIN)}) {verdict}")
            if not ok:
                failures.append(f"{name} {label}")
    if failures:
        print(f"\ngate: FAILED: {', '.join(failures)}", file=sys.stderr)
        return 1
    print(f"\ngate: passed ({len(baselines) - len(skipped)} datasets"
          f"{', skipped ' + ', '.join(skipped) if skipped else ''})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
