"""The ``summarizer`` parser, logging and error handling: every user error becomes one
``summarizer: error: ...`` line and a non-zero exit, never a traceback."""

from __future__ import annotations

import argparse
import logging
import sys

from .. import __version__
from . import config, evaluate, rouge, summarize, train
from .common import discard_stdout, say


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarizer",
        description="Multi-document news summarization: a folder of articles in, one summary out.")
    parser.add_argument("--version", action="version", version=f"summarizer {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    parser.add_argument("-q", "--quiet", action="store_true", help="only errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    summarize.add_parser(sub)
    evaluate.add_parsers(sub)
    train.add_parser(sub)
    rouge.add_parsers(sub)
    config.add_parser(sub)
    return parser


class _LogFormatter(logging.Formatter):
    """``summarizer: LEVEL: message`` for our records, ``<logger>: LEVEL: message`` for
    another library's (shown with -v only), made :func:`~summarizer.text.printable`:
    messages quote file names, ids and lines of data."""

    def __init__(self) -> None:
        super().__init__("%(levelname)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        from ..text import printable

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
    perl = rouge.split_rouge155(argv)
    if perl is not None:
        args = parser.parse_args(perl[0])
        args.perl_args = perl[1]
    else:
        args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.ERROR if args.quiet else (logging.INFO if args.verbose else logging.WARNING),
        handlers=[_log_handler(args.verbose)])
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from ..errors import SummarizerError

    try:
        return args.func(args)
    except SummarizerError as e:
        say(f"error: {e}")
        return e.exit_code
    except KeyboardInterrupt:
        client = sys.modules.get("summarizer.refine.client")
        if client is not None:  # server requests still in flight retry no more
            client.STOP.set()
        print("summarizer: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        discard_stdout()
        return 0
