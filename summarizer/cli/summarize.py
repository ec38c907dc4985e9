"""``summarizer summarize``: sources in, summaries out, through an executor.

One source to stdout (or ``-o FILE``) and several sources, a glob or ``--executor ray``
to ``--out-dir`` both go through :mod:`summarizer.executors`, as the API's
:func:`~summarizer.api.summarize_to` does: the CLI only renders and reports.
"""

from __future__ import annotations

import argparse
import logging
import sys

from .common import (config_args, executor_args, integer, literal_choices, load,
                     report_problems, say, write_stdout)

log = logging.getLogger("summarizer")


def add_parser(sub) -> None:
    p = sub.add_parser("summarize", help="summarize a folder, file, cluster file or - (stdin)")
    p.add_argument("path", nargs="+", help="folder of articles, article file, clusters .jsonl, "
                   "or -; several (or a quoted glob) with --out-dir")
    config_args(p)
    p.add_argument("--words", type=integer, help="word budget (select.words)")
    p.add_argument("--sentences", type=integer, help="sentence budget (select.sentences)")
    p.add_argument("--bytes", type=integer, help="byte budget (select.bytes)")
    p.add_argument("--format", "-f", choices=[*literal_choices("output", "format"), "md"],
                   help="output format (output.format; md: markdown; html: one page to "
                   "check the summary against its sources; -o NAME.html alone means html)")
    p.add_argument("--timings", action="store_true",
                   help="include stage timings in JSON and HTML")
    p.add_argument("--query", help="summarize for this question or topic (query.text; "
                   "query-focused LexRank, submodular, ILP and DPP)")
    p.add_argument("-o", "--output", help="write the output to this file instead of stdout")
    p.add_argument("--out-dir", help="write one file per cluster (<cluster id>.txt|.md|.json"
                   "|.html, and index.html for html; an id that is not a plain file name, is "
                   "over 80 characters or collides with another gets a short hash, and a note "
                   "says so)")
    p.add_argument("--no-cache", action="store_true", help="ask the refine server again "
                   "instead of reusing its cached answers (refine.cache=false)")
    executor_args(p)
    p.set_defaults(func=cmd_summarize)


def cmd_summarize(args: argparse.Namespace) -> int:
    """Every cluster is summarized even when some fail: failures (and records skipped
    while reading) are named on stderr and make the exit status 1; nothing computed is
    lost (an output file that cannot be written at the end sends the text to stdout)."""
    from pathlib import Path

    from ..errors import UsageError

    config = load(args)
    if args.output and args.out_dir:
        raise UsageError("use either -o/--output or --out-dir, not both")
    if _html_by_name(args.output, config):  # the config read once: a pipe reads once
        args.format = "html"
        config = config.model_copy(
            update={"output": config.output.model_copy(update={"format": "html"})})
    if args.out_dir or args.executor != "local" or args.address or len(args.path) > 1 or (
            not Path(args.path[0]).exists() and set("*?[") & set(args.path[0])):
        return _to_folder(args, config)
    return _to_stdout(args, config)


def _html_by_name(output: str | None, config) -> bool:
    """``-o NAME.html`` asks for a page unless a format was chosen (a flag, ``--set`` or
    the config file all name it)."""
    from pathlib import Path

    return bool(output) and Path(output).suffix.lower() in (".html", ".htm") and \
        "format" not in config.output.model_fields_set


def _to_stdout(args, config) -> int:
    """One source: its summaries rendered together, to stdout or ``-o``."""
    from ..errors import SummarizerError, UsageError
    from ..executors import Outcome, get_executor
    from ..fileio import atomic_write, check_output_file

    if args.output:
        check_output_file(args.output)
    executor, outcome = get_executor("local"), Outcome()
    clusters = executor.read(args.path[0], config, outcome, stdin=sys.stdin)
    if config.output.format == "html" and len(clusters) > 1:
        raise UsageError(f"{len(clusters)} clusters read and an HTML page shows one: give "
                         "--out-dir DIR for a page each and an index.html")
    failed: list[str] = []
    done = []
    for cluster, result in executor.summarize_each(clusters, config):
        if isinstance(result, SummarizerError):
            if len(clusters) == 1:
                raise result
            log.error("cluster %s failed: %s", cluster.id, result)
            failed.append(cluster.id)
            continue
        done.append((cluster, result))
    output = _render_many(done, config.output.format, config.output.timings,
                          multi=len(clusters) > 1)
    if args.output:
        try:
            atomic_write(args.output, output)
        except OSError as e:
            write_stdout(output)
            say(f"error: cannot write {args.output} ({e.strerror or e}); the output went "
                "to stdout instead")
            return 1
    else:
        write_stdout(output)
    return report_problems(failed, outcome.skipped)


def _render_many(done, fmt: str, timings: bool, multi: bool) -> str:
    """One output for the (cluster, summary) pairs in ``done``: for a ``multi``-cluster
    input JSON lines, or each text under a ``== id ==`` heading; else the one summary.
    Ids are data: the headings are made :func:`~summarizer.text.printable` as the
    texts are."""
    from ..output import json_text, render, to_dict
    from ..text import printable

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


def _to_folder(args, config) -> int:
    """Several sources, a glob, or another executor: one file per cluster in --out-dir,
    with the messages and exit status of the one-source path."""
    from ..errors import UsageError
    from ..executors import get_executor
    from ..text import printable

    if not args.out_dir:
        raise UsageError("several inputs, a glob or --executor ray write one file per "
                         "cluster: give --out-dir")
    executor = get_executor(args.executor, args.address)
    outcome = executor.summarize_to(args.path, args.out_dir, config,
                                    progress=not getattr(args, "quiet", False), stdin=sys.stdin)
    if outcome.total == 1 and outcome.failed and not outcome.skipped:
        say(f"error: {outcome.failed[0].message}")
        return outcome.failed[0].exit_code
    print(printable(f"wrote {len(outcome.written)} summaries to {args.out_dir}"),
          file=sys.stderr)
    if outcome.index is not None:
        print(printable(f"index of the pages: {outcome.index}"), file=sys.stderr)
    return report_problems([f.cluster for f in outcome.failed], outcome.skipped)
