"""``summarizer evaluate``, ``compare``, ``experiment`` and ``runs``: scoring systems on
datasets, testing one against another, sweeps and their recorded runs."""

from __future__ import annotations

import argparse
import sys

from .common import (config_args, executor_args, integer, listed, literal_choices, overrides,
                     write_stdout)


def add_parsers(sub) -> None:
    _evaluate_parser(sub)
    _compare_parser(sub)
    _experiment_parser(sub)
    _runs_parser(sub)


def _evaluate_parser(sub) -> None:
    from ..evaluation.systems import SYSTEMS

    p = sub.add_parser("evaluate", help="score systems with ROUGE on a dataset",
                       description="Summarize every cluster of a dataset with each system and "
                       "score it against the references: mean ROUGE x100 with 95% bootstrap "
                       "intervals, plus a report folder (results.json, clusters.csv, "
                       "results.md, scores.png, summaries/).")
    p.add_argument("--dataset", "-d", required=True,
                   help="duc2003, duc2006, tac2011-en, multinews-dev, multinews-val, "
                   "multiling2011-arabic|english|french|greek, seed-cluster, harbor-bridge, "
                   "or a path (clusters .jsonl or folders)")
    config_args(p)
    p.add_argument("--systems", "-s", default="default",
                   help=f"comma-separated: {listed(SYSTEMS)}")
    p.add_argument("--protocol", "-p", choices=literal_choices("evaluate", "protocol"),
                   help="ROUGE protocol (default: the dataset's own, else evaluate.protocol); "
                   "multiling: Unicode words, for text in any script; *-1.5.5: the same "
                   "settings scored as ROUGE-1.5.5.pl scores them")
    p.add_argument("--report", "-r", help="report folder (default: out/eval/<dataset>-<time>); "
                   "a re-run replaces only what the earlier report there wrote")
    p.add_argument("--force", action="store_true", help="write the report into a folder that "
                   "holds other files (they are left alone; files at the report's own paths "
                   "are replaced)")
    p.add_argument("--allow-train-overlap", action="store_true", help="score a trained model "
                   "(rank.method learned) on clusters it was trained on (refused otherwise); "
                   "the report says so")
    p.add_argument("--jobs", "-j", type=integer, default=1, help="worker processes")
    p.add_argument("--limit", type=integer, help="only the first N clusters")
    p.add_argument("--data", help="shared data folder of the named datasets (default: "
                   "$SUMMARIZER_DATA, else ../shared/data next to the working directory or "
                   "the source checkout)")
    p.add_argument("--bootstrap", type=integer, help="bootstrap resamples (evaluate.bootstrap)")
    p.add_argument("--seed", type=integer, help="bootstrap seed (evaluate.seed)")
    p.add_argument("--cache-dir", help="result cache (default: .cache/summarizer/eval or "
                   "$SUMMARIZER_CACHE/eval)")
    p.add_argument("--no-cache", action="store_true", help="recompute everything, cache nothing "
                   "(results, and the refine server's answers)")
    executor_args(p)
    p.set_defaults(func=cmd_evaluate)


def _compare_parser(sub) -> None:
    p = sub.add_parser("compare", help="paired bootstrap test between two evaluation reports",
                       description="Is B better than A? Paired bootstrap over the clusters "
                       "both reports scored; prints B - A with its 95% interval and p-value.")
    p.add_argument("run_a", help="report folder A (the baseline)")
    p.add_argument("run_b", nargs="?", help="report folder B (default: A itself, with "
                   "--system-a/--system-b)")
    p.add_argument("--system-a", help="system in A (default: its only system, or default)")
    p.add_argument("--system-b", help="system in B (default: the same name as A's)")
    p.add_argument("--bootstrap", type=integer, default=1000, help="resamples")
    p.add_argument("--seed", type=integer, default=0)
    p.add_argument("--html", metavar="FILE", help="also write a page of the clusters where "
                   "the two differ most (both summaries side by side, links to each report's "
                   "cluster page)")
    p.add_argument("--metric", help="the metric --html sorts the clusters by (default: the "
                   "protocol's first)")
    p.set_defaults(func=cmd_compare)


def _experiment_parser(sub) -> None:
    p = sub.add_parser("experiment", help="run a sweep (grid of configs x datasets)",
                       description="Run every grid point of a sweep file on its datasets, "
                       "record each run in RUNS_DIR/<sweep>/<dataset>/<run>/ and print the "
                       "leaderboard. Cached per cluster, so a killed sweep resumes.")
    p.add_argument("sweep", help="sweep YAML (see configs/sweeps/)")
    p.add_argument("--jobs", "-j", type=integer, default=1, help="worker processes")
    p.add_argument("--runs-dir", default="runs", help="where runs are recorded (default: runs)")
    p.add_argument("--force", action="store_true", help="record runs in run folders that "
                   "hold files no run of ours wrote (they are kept; see evaluate --force)")
    p.add_argument("--cache-dir", help="result cache (default: .cache/summarizer/eval)")
    p.add_argument("--no-cache", action="store_true", help="recompute every result (a refine "
                   "server's cached answers are still used)")
    p.set_defaults(func=cmd_experiment)


def _runs_parser(sub) -> None:
    p = sub.add_parser("runs", help="recorded runs: leaderboard and comparisons")
    rsub = p.add_subparsers(dest="runs_command", metavar="ACTION")
    ls = rsub.add_parser("list", help="leaderboard of recorded runs")
    ls.add_argument("--runs-dir", default="runs")
    ls.add_argument("--sweep", help="only this sweep")
    ls.add_argument("--dataset", help="only this dataset")
    ls.add_argument("--csv", action="store_true", help="CSV instead of Markdown")
    ls.add_argument("--bootstrap", type=integer, default=1000, help="resamples for the tests")
    ls.set_defaults(func=cmd_runs_list)
    cp = rsub.add_parser("compare", help="paired bootstrap between two recorded runs")
    cp.add_argument("run_a", help="run folder, or sweep/dataset/run under --runs-dir")
    cp.add_argument("run_b")
    cp.add_argument("--runs-dir", default="runs")
    cp.add_argument("--bootstrap", type=integer, default=1000)
    cp.add_argument("--seed", type=integer, default=0)
    cp.set_defaults(func=cmd_runs_compare)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..evaluation import default_cache_dir, evaluate
    from ..evaluation.report import ReportNotWritten, table
    from ..text import printable

    if args.jobs < 1:
        from ..errors import UsageError

        raise UsageError("--jobs must be at least 1")
    report = args.report
    if report is None:
        import time

        stamp = time.strftime("%Y%m%d-%H%M%S")
        report = Path("out") / "eval" / f"{Path(args.dataset).name}-{stamp}"
    cache = None if args.no_cache else (args.cache_dir or default_cache_dir())
    try:
        ev = evaluate(args.dataset, config=args.config, overrides=overrides(args),
                      systems=args.systems, protocol=args.protocol, jobs=args.jobs,
                      cache_dir=cache, report=report, samples=args.bootstrap, seed=args.seed,
                      limit=args.limit, progress=not args.quiet, data=args.data,
                      executor=args.executor, address=args.address, force=args.force,
                      allow_train_overlap=args.allow_train_overlap)
    except ReportNotWritten as e:  # the scores are not lost with the report
        write_stdout(table(e.evaluation.doc))
        raise
    write_stdout(table(ev.doc))
    run = ev.run
    print(printable(f"\n{len(run.dataset.clusters)} clusters x {len(run.systems)} systems: "
                    f"{run.computed} computed, {run.cached} from cache, {run.seconds:.1f} s; "
                    f"report in {ev.report}"), file=sys.stderr)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from ..evaluation.compare import compare, differences_page, format_comparison
    from ..text import printable

    if args.metric and not args.html:
        from ..errors import UsageError

        raise UsageError("--metric chooses the order of the --html page; add --html FILE")
    if args.html:
        label_a, label_b, rows = differences_page(
            args.run_a, args.run_b, args.html, args.system_a, args.system_b, args.metric,
            args.bootstrap, args.seed)
    else:
        label_a, label_b, rows = compare(args.run_a, args.run_b, args.system_a, args.system_b,
                                         args.bootstrap, args.seed)
    write_stdout(format_comparison(label_a, label_b, rows, args.bootstrap))
    if args.html:
        print(printable(f"comparison page: {args.html}"), file=sys.stderr)
    return 0


def cmd_experiment(args: argparse.Namespace) -> int:
    from ..evaluation import default_cache_dir
    from ..evaluation.experiments import load_sweep, run_sweep
    from ..evaluation.leaderboard import board_markdown, boards

    cache = None if args.no_cache else (args.cache_dir or default_cache_dir())
    records = run_sweep(args.sweep, jobs=args.jobs, runs_dir=args.runs_dir, cache_dir=cache,
                        progress=not args.quiet, force=args.force)
    sweep = load_sweep(args.sweep)[0]  # the bootstrap its leaderboard.md was written with
    write_stdout(board_markdown(*boards(records, sweep.bootstrap, sweep.seed)))
    print(f"\n{len(records)} runs recorded in {args.runs_dir}/{sweep.name}/ "
          f"(leaderboard.md, leaderboard.csv)", file=sys.stderr)
    return 0


def cmd_runs_list(args: argparse.Namespace) -> int:
    from ..evaluation.bootstrap import check_resampling
    from ..evaluation.experiments import collect_runs
    from ..evaluation.leaderboard import board_csv, board_markdown, boards

    check_resampling(args.bootstrap)  # even when no run has a base to be tested against
    records = collect_runs(args.runs_dir, args.sweep)
    if args.dataset:
        records = [r for r in records if r.dataset == args.dataset]
    if not records:
        print(f"no recorded runs in {args.runs_dir}"
              f"{' for sweep ' + args.sweep if args.sweep else ''}; run `summarizer experiment "
              f"SWEEP.yaml` first", file=sys.stderr)
        return 1
    rows, gains = boards(records, args.bootstrap)
    write_stdout(board_csv(rows, gains) if args.csv else board_markdown(rows, gains))
    return 0


def cmd_runs_compare(args: argparse.Namespace) -> int:
    from ..evaluation.compare import compare, format_comparison
    from ..evaluation.experiments import find_run

    a, b = find_run(args.run_a, args.runs_dir), find_run(args.run_b, args.runs_dir)
    label_a, label_b, rows = compare(str(a), str(b), samples=args.bootstrap, seed=args.seed)
    write_stdout(format_comparison(label_a, label_b, rows, args.bootstrap))
    return 0
