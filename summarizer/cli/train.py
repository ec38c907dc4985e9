"""``summarizer train``: the learned ranker from a dataset's reference summaries."""

from __future__ import annotations

import argparse

from .common import integer, literal_choices, overrides, write_stdout


def add_parser(sub) -> None:
    p = sub.add_parser("train", help="train the learned ranker on a dataset's references",
                       description="Learn from a dataset's reference summaries which "
                       "sentences they keep, and write the model (a JSON file) for "
                       "--method learned --set rank.learned.model=MODEL.")
    p.add_argument("--dataset", "-d", required=True,
                   help="a dataset as evaluate names it (duc2003, multinews-val, ...) or a "
                   "path (clusters .jsonl or folders), with reference summaries; several, "
                   "comma-separated (duc2006,tac2011-en), train one model on all of them "
                   "(the first one's config and protocol unless given)")
    p.add_argument("--config", "-c", help="the YAML config the model is trained for "
                   "(default: the dataset's own, as evaluate's)")
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                   help="override a config key (repeatable)")
    p.add_argument("--language", metavar="LANG", help="the input's language (the config key "
                   "language; default auto)")
    p.add_argument("--out", "-o", required=True, metavar="MODEL",
                   help="the model file to write (in a folder that exists)")
    p.add_argument("--protocol", "-p", choices=literal_choices("evaluate", "protocol"),
                   help="whose tokens the labels count (default: the dataset's protocol)")
    p.add_argument("--jobs", "-j", type=integer, default=1, help="worker processes")
    p.add_argument("--limit", type=integer, help="only the first N clusters")
    p.add_argument("--data", help="shared data folder of the named datasets (as evaluate's)")
    p.add_argument("--seed", type=integer, default=0, help="the learner's seed")
    p.set_defaults(func=cmd_train)


def cmd_train(args: argparse.Namespace) -> int:
    from ..learn import train

    report = train(args.dataset, config=args.config, overrides=overrides(args), out=args.out,
                   jobs=args.jobs, limit=args.limit, data=args.data, protocol=args.protocol,
                   seed=args.seed, progress=not args.quiet)
    skipped = len(report["skipped"])
    write_stdout(f"trained on {report['clusters']} clusters ({report['units']} units"
                 f"{f', {skipped} skipped' if skipped else ''}) in {report['seconds']:.1f} s; "
                 f"model in {report['out']}\n")
    return 0
