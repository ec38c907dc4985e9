"""Command-line interface: a thin layer over the pipeline.

Heavy libraries are imported inside the command handlers, so ``summarizer --help`` is
instant. Every user error becomes one ``summarizer: error: ...`` line and a non-zero exit.
"""

from __future__ import annotations

import argparse
import logging
import sys

from . import __version__

log = logging.getLogger("summarizer")


def _config_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", "-c", help="YAML config file (default: built-in defaults)")
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                   help="override a config key, e.g. --set rank.method=textrank (repeatable)")


def _load(args) -> "Config":  # noqa: F821
    from .config import load_config

    overrides = list(args.overrides)
    for flag in ("words", "sentences", "bytes"):
        value = getattr(args, flag, None)
        if value is not None:
            overrides.append(f"select.{flag}={value}")
    if getattr(args, "format", None):
        overrides.append(f"output.format={args.format}")
    if getattr(args, "timings", False):
        overrides.append("output.timings=true")
    return load_config(args.config, overrides)


def cmd_summarize(args) -> int:
    from .fileio import atomic_write, safe_name
    from .ingest import read_path
    from .output import EXTENSIONS, render
    from .pipeline import Pipeline
    from .errors import SummarizerError

    config = _load(args)
    clusters = read_path(args.path, config.ingest, stdin=sys.stdin)
    pipeline = Pipeline(config)
    fmt, timings = config.output.format, config.output.timings
    if args.out_dir:
        from pathlib import Path

        out_dir = Path(args.out_dir)
        failed = []
        for cluster in _progress(clusters, args):
            try:
                text = render(pipeline.summarize(cluster), fmt, timings)
            except SummarizerError as e:
                log.error("cluster %s failed: %s", cluster.id, e)
                failed.append(cluster.id)
                continue
            atomic_write(out_dir / f"{safe_name(cluster.id)}{EXTENSIONS[fmt]}", text)
        done = len(clusters) - len(failed)
        print(f"wrote {done} summaries to {out_dir}", file=sys.stderr)
        if failed:
            print(f"summarizer: {len(failed)} cluster(s) failed: {', '.join(failed)}", file=sys.stderr)
            return 1
        return 0
    parts = []
    for cluster in clusters:
        text = render(pipeline.summarize(cluster), fmt, timings)
        if len(clusters) > 1 and fmt == "json":
            import json

            text = json.dumps(json.loads(text), ensure_ascii=False) + "\n"
        elif len(clusters) > 1:
            text = f"== {cluster.id} ==\n{text}\n"
        parts.append(text)
    output = "".join(parts)
    if args.output:
        atomic_write(args.output, output)
    else:
        sys.stdout.write(output)
    return 0


def _progress(items, args):
    if getattr(args, "quiet", False) or len(items) < 2:
        return items
    from tqdm import tqdm

    return tqdm(items, desc="summarizing", unit="cluster", file=sys.stderr)


def cmd_config_show(args) -> int:
    import yaml

    config = _load(args)
    sys.stdout.write(yaml.safe_dump(config.model_dump(mode="json"), sort_keys=False))
    print(f"# config hash: {config.hash()}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarizer",
        description="Multi-document news summarization: a folder of articles in, one summary out.")
    parser.add_argument("--version", action="version", version=f"summarizer {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    parser.add_argument("-q", "--quiet", action="store_true", help="only errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("summarize", help="summarize a folder, file, cluster file or - (stdin)")
    p.add_argument("path", help="folder of articles, article file, clusters .jsonl, or -")
    _config_args(p)
    p.add_argument("--words", type=int, help="word budget (select.words)")
    p.add_argument("--sentences", type=int, help="sentence budget (select.sentences)")
    p.add_argument("--bytes", type=int, help="byte budget (select.bytes)")
    p.add_argument("--format", "-f", choices=["text", "markdown", "json"], help="output format")
    p.add_argument("--timings", action="store_true", help="include stage timings in JSON")
    p.add_argument("-o", "--output", help="write the output to this file instead of stdout")
    p.add_argument("--out-dir", help="write one file per cluster (<cluster id>.txt|.md|.json)")
    p.set_defaults(func=cmd_summarize)

    p = sub.add_parser("config", help="inspect configs")
    csub = p.add_subparsers(dest="config_command", metavar="ACTION")
    show = csub.add_parser("show", help="print the resolved config")
    show.add_argument("config", nargs="?", help="YAML config file")
    show.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")
    show.set_defaults(func=cmd_config_show)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.ERROR if args.quiet else (logging.INFO if args.verbose else logging.WARNING),
        format="summarizer: %(levelname)s: %(message)s", stream=sys.stderr)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from .errors import SummarizerError

    try:
        return args.func(args)
    except SummarizerError as e:
        print(f"summarizer: error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("summarizer: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
