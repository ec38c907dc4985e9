"""``summarizer config show``: the resolved config, as a run records it."""

from __future__ import annotations

import argparse

from .common import load, write_stdout


def add_parser(sub) -> None:
    p = sub.add_parser("config", help="inspect configs")
    csub = p.add_subparsers(dest="config_command", metavar="ACTION")
    show = csub.add_parser("show", help="print the resolved config")
    show.add_argument("config", nargs="?", help="YAML config file")
    show.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")
    show.set_defaults(func=cmd_config_show)


def cmd_config_show(args: argparse.Namespace) -> int:
    import yaml

    config = load(args)
    write_stdout(yaml.safe_dump(config.shown(), sort_keys=False)
                 + f"# config hash: {config.hash()}\n")
    return 0
