"""Command-line interface: a thin layer over the pipeline.

Heavy libraries are imported inside the command handlers, so ``summarizer --help`` is
instant. Every user error becomes one ``summarizer: error: ...`` line and a non-zero exit.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys

from . import __version__

log = logging.getLogger("summarizer")


def _config_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", "-c", help="YAML config file (default: built-in defaults)")
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                   help="override a config key, e.g. --set rank.method=textrank (repeatable)")
    p.add_argument("--method", "-m", metavar="NAME",
                   help="the summarization method (rank.method): " + _method_names())
    p.add_argument("--language", metavar="LANG",
                   help="the input's language: an ISO 639-1 code (fr, el, ar, hi...) or an "
                   "English name (the config key language; default auto: what a cluster "
                   "declares, else detected)")


def _method_names() -> str:
    from .rank import METHODS  # the table alone: no method module is imported

    return ", ".join(METHODS.names())


def _executor_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--executor", choices=["local", "ray"], default="local",
                   help="where the work runs: this machine (default) or a Ray cluster "
                   "(needs the 'ray' extra)")
    p.add_argument("--address", help="Ray cluster to join: auto, ray://host:10001 "
                   "(default: $RAY_ADDRESS, else a local Ray)")


def _integer(text: str) -> int:
    """An integer flag's value. Its range is checked where the value is used (the config
    schema, evaluate(), compare()), one error line for the API and the CLI alike; here a
    value that is no integer, or one of thousands of digits, is quoted short."""
    if len(text) <= 30:
        try:
            return int(text)
        except ValueError:
            pass
    shown = text if len(text) <= 30 else f"{text[:30]}... ({len(text)} characters)"
    raise argparse.ArgumentTypeError(f"not an integer of at most 30 digits: {shown!r}")


def _load(args) -> "Config":  # noqa: F821
    from .config import load_config

    return load_config(args.config, _overrides(args))


def _overrides(args) -> list[str]:
    """``--set`` and every flag that stands for a config key, as ``key=value`` items."""
    overrides = list(args.overrides)
    if getattr(args, "language", None):
        overrides.append(f"language={args.language}")
    if getattr(args, "method", None):
        overrides.append(f"rank.method={args.method}")
    if getattr(args, "query", None):
        overrides.append(f"query.text={json.dumps(args.query)}")
    for flag in ("words", "sentences", "bytes"):
        value = getattr(args, flag, None)
        if value is not None:
            overrides.append(f"select.{flag}={value}")
    if getattr(args, "format", None):
        overrides.append(f"output.format={'markdown' if args.format == 'md' else args.format}")
    if getattr(args, "timings", False):
        overrides.append("output.timings=true")
    if getattr(args, "no_cache", False):
        overrides.append("refine.cache=false")
    return overrides


def _render_many(done, fmt: str, timings: bool, multi: bool) -> str:
    """One output for the (cluster, summary) pairs in ``done``: for a ``multi``-cluster
    input JSON lines, or each text under a ``== id ==`` heading; else the one summary.
    Ids are data: the headings are made :func:`~summarizer.text.printable` as the
    texts are."""
    from .output import json_text, render, to_dict
    from .text import printable

    parts = []
    for cluster, summary in done:
        if multi and fmt == "json":
            text = json_text(to_dict(summary, timings), indent=None) + "\n"
        elif multi:
            text = f"== {printable(cluster.id)} ==\n{render(summary, fmt, timings)}\n"
        else:
            text = render(summary, fmt, timings)
        parts.append(text)
    return "".join(parts)


def _write_stdout(text: str) -> None:
    """Write ``text`` to stdout and flush it, so a full disk or a file size limit is an
    error (exit 1, one line) instead of output silently cut: an unbuffered stdout
    (``PYTHONUNBUFFERED``) loses the rest of a short write without a word, so the bytes
    are written until all are taken. A closed pipe stays BrokenPipeError (quiet)."""
    from .errors import SummarizerError
    from .text import printable

    text = printable(text)  # tables and lists quote names from data too
    stream = sys.stdout
    if stream is None:  # started with stdout closed (>&-)
        raise SummarizerError("cannot write the output (stdout is closed)")
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is None:  # a replaced stdout (a test's StringIO): its own write
            stream.write(text)
        else:
            stream.flush()
            data = memoryview(text.encode(stream.encoding or "utf-8", "backslashreplace"))
            while data:
                data = data[buffer.write(data) or 0:]
            buffer.flush()
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as e:
        _discard_stdout()
        raise SummarizerError(f"cannot write the output ({e.strerror or e})") from None


def _discard_stdout() -> None:
    """Point stdout at the null device, so what is still buffered for a stream that
    failed is not written again (and failing again) when Python exits."""
    import os

    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


def _say(line: str) -> None:
    """One ``summarizer: ...`` line on stderr; it quotes data (ids, file names), so it is
    made :func:`~summarizer.logs.one_line`, as every log record is."""
    from .logs import one_line

    print(one_line(f"summarizer: {line}"), file=sys.stderr)


def cmd_summarize(args) -> int:
    """Every cluster is summarized even when some fail: failures (and records skipped
    while reading) are named on stderr and make the exit status 1; nothing computed is
    lost (an output file that cannot be written at the end sends the text to stdout)."""
    from pathlib import Path

    from .errors import SummarizerError
    from .fileio import atomic_write, check_output_file
    from .ingest import read_path
    from .pipeline import Pipeline

    config = _load(args)
    if args.output and args.out_dir:
        from .errors import UsageError

        raise UsageError("use either -o/--output or --out-dir, not both")
    if args.out_dir or args.executor != "local" or args.address or len(args.path) > 1 or (
            not Path(args.path[0]).exists() and set("*?[") & set(args.path[0])):
        return _summarize_to(args, config)
    args.path = args.path[0]
    if args.output:
        check_output_file(args.output)
    skipped: list[str] = []
    clusters = read_path(args.path, config.ingest, stdin=sys.stdin, problems=skipped)
    pipeline = Pipeline(config)
    fmt, timings = config.output.format, config.output.timings
    failed: list[str] = []
    done = []
    for cluster, result in pipeline.summarize_each(clusters):
        if isinstance(result, SummarizerError):
            if len(clusters) == 1:
                raise result
            log.error("cluster %s failed: %s", cluster.id, result)
            failed.append(cluster.id)
            continue
        done.append((cluster, result))
    output = _render_many(done, fmt, timings, multi=len(clusters) > 1)
    if args.output:
        try:
            atomic_write(args.output, output)
        except OSError as e:
            _write_stdout(output)
            _say(f"error: cannot write {args.output} ({e.strerror or e}); the output went "
                 "to stdout instead")
            return 1
    else:
        _write_stdout(output)
    problems = [f"{len(failed)} cluster(s) failed: {', '.join(failed)}"] if failed else []
    if skipped:
        problems.append(f"{len(skipped)} record(s) skipped while reading: {'; '.join(skipped)}")
    for line in problems:
        _say(line)
    return 1 if problems else 0


def _summarize_to(args, config) -> int:
    """Several sources, a glob, or another executor: one file per cluster in --out-dir,
    through :mod:`summarizer.executors`, with the messages and exit status of the
    one-source path."""
    from .errors import UsageError
    from .executors import get_executor

    if not args.out_dir:
        raise UsageError("several inputs, a glob or --executor ray write one file per "
                         "cluster: give --out-dir")
    executor = get_executor(args.executor, args.address)
    outcome = executor.summarize_to(args.path, args.out_dir, config,
                                    progress=not getattr(args, "quiet", False), stdin=sys.stdin)
    if outcome.total == 1 and outcome.failed and not outcome.skipped:
        _say(f"error: {outcome.failed[0].message}")
        return outcome.failed[0].exit_code
    from .text import printable

    print(printable(f"wrote {len(outcome.written)} summaries to {args.out_dir}"),
          file=sys.stderr)
    failed = [f.cluster for f in outcome.failed]
    problems = [f"{len(failed)} cluster(s) failed: {', '.join(failed)}"] if failed else []
    if outcome.skipped:
        problems.append(f"{len(outcome.skipped)} record(s) skipped while reading: "
                        f"{'; '.join(outcome.skipped)}")
    for line in problems:
        _say(line)
    return 1 if problems else 0


def cmd_config_show(args) -> int:
    import yaml

    config = _load(args)
    _write_stdout(yaml.safe_dump(config.shown(), sort_keys=False)
                  + f"# config hash: {config.hash()}\n")
    return 0


def cmd_evaluate(args) -> int:
    from pathlib import Path

    from .evaluation import default_cache_dir, evaluate
    from .evaluation.report import ReportNotWritten, table

    if args.jobs < 1:
        from .errors import UsageError

        raise UsageError("--jobs must be at least 1")
    report = args.report
    if report is None:
        import time

        report = Path("out") / "eval" / f"{Path(args.dataset).name}-{time.strftime('%Y%m%d-%H%M%S')}"
    cache = None if args.no_cache else (args.cache_dir or default_cache_dir())
    try:
        ev = evaluate(args.dataset, config=args.config, overrides=_overrides(args),
                      systems=args.systems, protocol=args.protocol, jobs=args.jobs,
                      cache_dir=cache, report=report, samples=args.bootstrap, seed=args.seed,
                      limit=args.limit, progress=not args.quiet, data=args.data,
                      executor=args.executor, address=args.address, force=args.force)
    except ReportNotWritten as e:  # the scores are not lost with the report
        _write_stdout(table(e.evaluation.doc))
        raise
    _write_stdout(table(ev.doc))
    run = ev.run
    from .text import printable

    print(printable(f"\n{len(run.dataset.clusters)} clusters x {len(run.systems)} systems: "
                    f"{run.computed} computed, {run.cached} from cache, {run.seconds:.1f} s; "
                    f"report in {ev.report}"), file=sys.stderr)
    return 0


def cmd_compare(args) -> int:
    from .evaluation.compare import compare, format_comparison

    label_a, label_b, rows = compare(args.run_a, args.run_b, args.system_a, args.system_b,
                                     args.bootstrap, args.seed)
    _write_stdout(format_comparison(label_a, label_b, rows, args.bootstrap))
    return 0


def cmd_experiment(args) -> int:
    from .evaluation import default_cache_dir
    from .evaluation.experiments import board_markdown, leaderboard, run_sweep

    cache = None if args.no_cache else (args.cache_dir or default_cache_dir())
    records = run_sweep(args.sweep, jobs=args.jobs, runs_dir=args.runs_dir, cache_dir=cache,
                        progress=not args.quiet, force=args.force)
    rows = leaderboard(records)
    _write_stdout(board_markdown(rows))
    sweep = records[0].sweep if records else "?"
    print(f"\n{len(records)} runs recorded in {args.runs_dir}/{sweep}/ "
          f"(leaderboard.md, leaderboard.csv)", file=sys.stderr)
    return 0


def cmd_runs_list(args) -> int:
    from .evaluation.bootstrap import check_resampling
    from .evaluation.experiments import board_csv, board_markdown, collect_runs, leaderboard

    check_resampling(args.bootstrap)  # even when no run has a base to be tested against
    records = collect_runs(args.runs_dir, args.sweep)
    if args.dataset:
        records = [r for r in records if r.dataset == args.dataset]
    if not records:
        print(f"no recorded runs in {args.runs_dir}"
              f"{' for sweep ' + args.sweep if args.sweep else ''}; run `summarizer experiment "
              f"SWEEP.yaml` first", file=sys.stderr)
        return 1
    rows = leaderboard(records, args.bootstrap)
    _write_stdout(board_csv(rows) if args.csv else board_markdown(rows))
    return 0


def cmd_runs_compare(args) -> int:
    from .evaluation.compare import compare, format_comparison
    from .evaluation.experiments import find_run

    a, b = find_run(args.run_a, args.runs_dir), find_run(args.run_b, args.runs_dir)
    label_a, label_b, rows = compare(str(a), str(b), samples=args.bootstrap, seed=args.seed)
    _write_stdout(format_comparison(label_a, label_b, rows, args.bootstrap))
    return 0


def cmd_rouge155(args) -> int:
    from .evaluation.rouge155 import run

    sys.stdout.write(run(args.perl_args, warn=lambda line: _say(line), auto_jobs=True))
    return 0


def cmd_rouge(args) -> int:
    from .evaluation.rouge155 import PRESETS, parse_options, score_folders

    flags = (args.options or PRESETS[args.preset]).split()
    options = parse_options(flags + ["--unicode"] * (args.unicode and "--unicode" not in flags))
    results = score_folders(args.refs, args.sys, options, warn=lambda line: _say(line))
    if args.json:
        from dataclasses import asdict

        data = {system: {tag: asdict(score) for tag, score in metrics.items()}
                for system, metrics in results.items()}
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    from .text import printable

    print(f"ROUGE-1.5.5 {args.options or _preset_flags(args.preset)}"
          f"{' --unicode' if options.unicode else ''}: averages of the bootstrap samples "
          f"x100 [{options.confidence}% interval]")
    print()
    print("| system | metric | recall | precision | F |")
    print("|---|---|---|---|---|")
    for system, metrics in results.items():
        for tag, sc in metrics.items():
            cells = [f"{100 * v:.3f} [{100 * sc.interval[k][0]:.3f}, "
                     f"{100 * sc.interval[k][1]:.3f}]"
                     for k, v in zip("RPF", (sc.recall, sc.precision, sc.fscore))]
            print(f"| {printable(system)} | {tag} | " + " | ".join(cells) + " |")
    return 0


def _preset_flags(name: str) -> str:
    from .evaluation.rouge155 import PRESETS

    return f"--preset {name} ({PRESETS[name]})"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarizer",
        description="Multi-document news summarization: a folder of articles in, one summary out.")
    parser.add_argument("--version", action="version", version=f"summarizer {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    parser.add_argument("-q", "--quiet", action="store_true", help="only errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("summarize", help="summarize a folder, file, cluster file or - (stdin)")
    p.add_argument("path", nargs="+", help="folder of articles, article file, clusters .jsonl, "
                   "or -; several (or a quoted glob) with --out-dir")
    _config_args(p)
    p.add_argument("--words", type=_integer, help="word budget (select.words)")
    p.add_argument("--sentences", type=_integer, help="sentence budget (select.sentences)")
    p.add_argument("--bytes", type=_integer, help="byte budget (select.bytes)")
    p.add_argument("--format", "-f", choices=["text", "markdown", "md", "json"], help="output format")
    p.add_argument("--timings", action="store_true", help="include stage timings in JSON")
    p.add_argument("--query", help="summarize for this question or topic (query.text; "
                   "query-focused LexRank, submodular, ILP and DPP)")
    p.add_argument("-o", "--output", help="write the output to this file instead of stdout")
    p.add_argument("--out-dir", help="write one file per cluster (<cluster id>.txt|.md|.json; "
                   "an id that is not a plain file name, is over 80 characters or collides "
                   "with another gets a short hash, and a note says so)")
    p.add_argument("--no-cache", action="store_true", help="ask the refine server again "
                   "instead of reusing its cached answers (refine.cache=false)")
    _executor_args(p)
    p.set_defaults(func=cmd_summarize)

    p = sub.add_parser("evaluate", help="score systems with ROUGE on a dataset",
                       description="Summarize every cluster of a dataset with each system and "
                       "score it against the references: mean ROUGE x100 with 95% bootstrap "
                       "intervals, plus a report folder (results.json, clusters.csv, "
                       "results.md, scores.png, summaries/).")
    p.add_argument("--dataset", "-d", required=True,
                   help="duc2003, duc2006, tac2011-en, multinews-dev, multinews-val, "
                   "multiling2011-arabic|english|french|greek, seed-cluster, harbor-bridge, "
                   "or a path (clusters .jsonl or folders)")
    _config_args(p)
    from .evaluation.systems import describe

    p.add_argument("--systems", "-s", default="default",
                   help=f"comma-separated: {describe()}")
    p.add_argument("--protocol", "-p", choices=["duc", "tac", "multinews", "multiling",
                                                "duc-1.5.5", "tac-1.5.5", "multinews-1.5.5",
                                                "multiling-1.5.5", "custom"],
                   help="ROUGE protocol (default: the dataset's own, else evaluate.protocol); "
                   "multiling: Unicode words, for text in any script; *-1.5.5: the same "
                   "settings scored as ROUGE-1.5.5.pl scores them")
    p.add_argument("--report", "-r", help="report folder (default: out/eval/<dataset>-<time>); "
                   "a re-run replaces only what the earlier report there wrote")
    p.add_argument("--force", action="store_true", help="write the report into a folder that "
                   "holds other files (they are left alone; files at the report's own paths "
                   "are replaced)")
    p.add_argument("--jobs", "-j", type=_integer, default=1, help="worker processes")
    p.add_argument("--limit", type=_integer, help="only the first N clusters")
    p.add_argument("--data", help="shared data folder of the named datasets (default: "
                   "$SUMMARIZER_DATA, else ../shared/data next to the working directory or "
                   "the source checkout)")
    p.add_argument("--bootstrap", type=_integer, help="bootstrap resamples (evaluate.bootstrap)")
    p.add_argument("--seed", type=_integer, help="bootstrap seed (evaluate.seed)")
    p.add_argument("--cache-dir", help="result cache (default: .cache/summarizer/eval or "
                   "$SUMMARIZER_CACHE/eval)")
    p.add_argument("--no-cache", action="store_true", help="recompute everything, cache nothing "
                   "(results, and the refine server's answers)")
    _executor_args(p)
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("compare", help="paired bootstrap test between two evaluation reports",
                       description="Is B better than A? Paired bootstrap over the clusters "
                       "both reports scored; prints B - A with its 95% interval and p-value.")
    p.add_argument("run_a", help="report folder A (the baseline)")
    p.add_argument("run_b", nargs="?", help="report folder B (default: A itself, with "
                   "--system-a/--system-b)")
    p.add_argument("--system-a", help="system in A (default: its only system, or default)")
    p.add_argument("--system-b", help="system in B (default: the same name as A's)")
    p.add_argument("--bootstrap", type=_integer, default=1000, help="resamples")
    p.add_argument("--seed", type=_integer, default=0)
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("experiment", help="run a sweep (grid of configs x datasets)",
                       description="Run every grid point of a sweep file on its datasets, "
                       "record each run in RUNS_DIR/<sweep>/<dataset>/<run>/ and print the "
                       "leaderboard. Cached per cluster, so a killed sweep resumes.")
    p.add_argument("sweep", help="sweep YAML (see configs/sweeps/)")
    p.add_argument("--jobs", "-j", type=_integer, default=1, help="worker processes")
    p.add_argument("--runs-dir", default="runs", help="where runs are recorded (default: runs)")
    p.add_argument("--force", action="store_true", help="record runs in run folders that "
                   "hold files no run of ours wrote (they are kept; see evaluate --force)")
    p.add_argument("--cache-dir", help="result cache (default: .cache/summarizer/eval)")
    p.add_argument("--no-cache", action="store_true", help="recompute every result (a refine "
                   "server's cached answers are still used)")
    p.set_defaults(func=cmd_experiment)

    p = sub.add_parser("runs", help="recorded runs: leaderboard and comparisons")
    rsub = p.add_subparsers(dest="runs_command", metavar="ACTION")
    ls = rsub.add_parser("list", help="leaderboard of recorded runs")
    ls.add_argument("--runs-dir", default="runs")
    ls.add_argument("--sweep", help="only this sweep")
    ls.add_argument("--dataset", help="only this dataset")
    ls.add_argument("--csv", action="store_true", help="CSV instead of Markdown")
    ls.add_argument("--bootstrap", type=_integer, default=1000, help="resamples for the tests")
    ls.set_defaults(func=cmd_runs_list)
    cp = rsub.add_parser("compare", help="paired bootstrap between two recorded runs")
    cp.add_argument("run_a", help="run folder, or sweep/dataset/run under --runs-dir")
    cp.add_argument("run_b")
    cp.add_argument("--runs-dir", default="runs")
    cp.add_argument("--bootstrap", type=_integer, default=1000)
    cp.add_argument("--seed", type=_integer, default=0)
    cp.set_defaults(func=cmd_runs_compare)

    p = sub.add_parser("rouge155", add_help=False,
                       help="ROUGE-1.5.5.pl without Perl: same options, same output "
                       "(summarizer rouge155 -h)")
    p.add_argument("perl_args", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_rouge155)

    from .evaluation.rouge155 import PRESETS

    p = sub.add_parser("rouge", help="ROUGE-1.5.5 of folders of summaries",
                       description="Score each system folder (one file per topic, named "
                       "TOPIC or TOPIC.anything) against a reference folder (files named "
                       "TOPIC.anything, or one subfolder per topic) with ROUGE-1.5.5's "
                       "numbers, computed in Python.")
    p.add_argument("--refs", required=True, help="folder of reference summaries")
    p.add_argument("--sys", required=True, action="append",
                   help="folder of one system's summaries (repeatable)")
    p.add_argument("--preset", default="duc2004", choices=list(PRESETS),
                   help="; ".join(f"{k}: {v}" for k, v in PRESETS.items()))
    p.add_argument("--options", metavar="FLAGS",
                   help="ROUGE-1.5.5.pl flags instead of a preset, e.g. '-n 2 -m -l 100'")
    p.add_argument("--unicode", action="store_true",
                   help="UTF-8 text, Unicode letters and digits as tokens (an extension: "
                   "the script sees only ASCII letters and digits)")
    p.add_argument("--json", action="store_true", help="print JSON (scores in 0..1)")
    p.set_defaults(func=cmd_rouge)

    p = sub.add_parser("config", help="inspect configs")
    csub = p.add_subparsers(dest="config_command", metavar="ACTION")
    show = csub.add_parser("show", help="print the resolved config")
    show.add_argument("config", nargs="?", help="YAML config file")
    show.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")
    show.set_defaults(func=cmd_config_show)
    return parser


class _LogFormatter(logging.Formatter):
    """``summarizer: LEVEL: message`` for our records, ``<logger>: LEVEL: message`` for
    another library's (shown with -v only), made :func:`~summarizer.text.printable`:
    messages quote file names, ids and lines of data."""

    def __init__(self) -> None:
        super().__init__("%(levelname)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        from .text import printable

        who = "summarizer" if _ours(record) else record.name
        return printable(f"{who}: {super().format(record)}")


def _ours(record: logging.LogRecord) -> bool:
    return record.name == "summarizer" or record.name.startswith("summarizer.")


def _log_handler(verbose: bool) -> logging.Handler:
    """The stderr handler: a library's own log lines (trafilatura's "empty HTML tree")
    are not ours to print unless asked for with -v; what matters from them is said in
    our own warning, naming the file."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_LogFormatter())
    if not verbose:
        handler.addFilter(_ours)
    return handler


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    # rouge155 takes ROUGE-1.5.5.pl's own options, which argparse must not read.
    cut = next((i for i, a in enumerate(argv) if not a.startswith("-")), None)
    if cut is not None and argv[cut] == "rouge155":
        args = parser.parse_args(argv[:cut + 1])
        args.perl_args = argv[cut + 1:]
    else:
        args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.ERROR if args.quiet else (logging.INFO if args.verbose else logging.WARNING),
        handlers=[_log_handler(args.verbose)])
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from .errors import SummarizerError

    try:
        return args.func(args)
    except SummarizerError as e:
        _say(f"error: {e}")
        return e.exit_code
    except KeyboardInterrupt:
        client = sys.modules.get("summarizer.refine.client")
        if client is not None:  # server requests still in flight retry no more
            client.STOP.set()
        print("summarizer: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _discard_stdout()
        return 0


if __name__ == "__main__":
    sys.exit(main())
