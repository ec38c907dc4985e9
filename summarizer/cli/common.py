"""What the commands share: the config flags and how they become overrides, integer
flags, stdout that reports a failed write, one-line messages, lists read from the tables.

Imports here are light (argparse, sys): ``summarizer --help`` builds every parser.
"""

from __future__ import annotations

import argparse
import sys

# Flags that stand for one config key each (a string flag given empty is left out).
FLAG_KEYS = {"language": "language", "method": "rank.method", "query": "query.text",
             "words": "select.words", "sentences": "select.sentences",
             "bytes": "select.bytes"}


def listed(table) -> str:
    """A table's rows as ``name: summary`` items on one help line (argparse joins lines)."""
    return "; ".join(table.help().splitlines())


def literal_choices(section: str, key: str) -> list[str]:
    """The values a config key of fixed choices takes (``output.format``), as the config
    declares them: the CLI offers no other."""
    from typing import get_args

    from ..config import Config

    model = Config.model_fields[section].annotation
    return list(get_args(model.model_fields[key].annotation))


def config_args(p: argparse.ArgumentParser) -> None:
    from ..rank import METHODS  # the table alone: no method module is imported

    p.add_argument("--config", "-c", help="YAML config file (default: built-in defaults)")
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                   help="override a config key, e.g. --set rank.method=textrank (repeatable)")
    p.add_argument("--method", "-m", metavar="NAME",
                   help="the summarization method (rank.method): " + ", ".join(METHODS.names()))
    p.add_argument("--language", metavar="LANG",
                   help="the input's language: an ISO 639-1 code (fr, el, ar, hi...) or an "
                   "English name (the config key language; default auto: what a cluster "
                   "declares, else detected)")


def executor_args(p: argparse.ArgumentParser) -> None:
    from ..executors import EXECUTORS

    p.add_argument("--executor", choices=EXECUTORS.names(), default="local",
                   help="where the work runs: " + listed(EXECUTORS))
    p.add_argument("--address", help="Ray cluster to join: auto, ray://host:10001 "
                   "(default: $RAY_ADDRESS, else a local Ray)")


def integer(text: str) -> int:
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


def overrides(args) -> list:
    """``--set`` items, then each flag that stands for a config key as a (key, value)
    pair: what :func:`summarizer.config.apply_overrides` takes, as the API's keyword
    arguments are (one way to change a config)."""
    items: list = list(args.overrides)
    for flag, key in FLAG_KEYS.items():
        value = getattr(args, flag, None)
        if value is not None and value != "":
            items.append((key, value))
    if getattr(args, "format", None):
        items.append(("output.format", "markdown" if args.format == "md" else args.format))
    if getattr(args, "timings", False):
        items.append(("output.timings", True))
    if getattr(args, "no_cache", False):
        items.append(("refine.cache", False))
    return items


def load(args):
    """The config of ``--config`` with every override of :func:`overrides`."""
    from ..config import load_config

    return load_config(args.config, overrides(args))


def write_stdout(text: str) -> None:
    """Write ``text`` to stdout and flush it, so a full disk or a file size limit is an
    error (exit 1, one line) instead of output silently cut: an unbuffered stdout
    (``PYTHONUNBUFFERED``) loses the rest of a short write without a word, so the bytes
    are written until all are taken. A closed pipe stays BrokenPipeError (quiet)."""
    from ..errors import SummarizerError
    from ..text import printable

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
        discard_stdout()
        raise SummarizerError(f"cannot write the output ({e.strerror or e})") from None


def discard_stdout() -> None:
    """Point stdout at the null device, so what is still buffered for a stream that
    failed is not written again (and failing again) when Python exits."""
    import os

    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


def say(line: str) -> None:
    """One ``summarizer: ...`` line on stderr; it quotes data (ids, file names), so it is
    made :func:`~summarizer.logs.one_line`, as every log record is."""
    from ..logs import one_line

    print(one_line(f"summarizer: {line}"), file=sys.stderr)


def report_problems(failed: list[str], skipped: list[str]) -> int:
    """The lines for clusters that failed and records skipped while reading; the exit
    status they make (1 if any)."""
    problems = [f"{len(failed)} cluster(s) failed: {', '.join(failed)}"] if failed else []
    if skipped:
        problems.append(f"{len(skipped)} record(s) skipped while reading: {'; '.join(skipped)}")
    for line in problems:
        say(line)
    return 1 if problems else 0
