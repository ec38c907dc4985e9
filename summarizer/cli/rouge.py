"""``summarizer rouge155`` (ROUGE-1.5.5.pl's own options, drop-in) and ``summarizer
rouge`` (folders of summaries, presets): ROUGE-1.5.5 computed in Python."""

from __future__ import annotations

import argparse
import json
import sys

from .common import say


def add_parsers(sub) -> None:
    from ..evaluation.rouge155 import PRESETS

    p = sub.add_parser("rouge155", add_help=False,
                       help="ROUGE-1.5.5.pl without Perl: same options, same output "
                       "(summarizer rouge155 -h)")
    p.add_argument("perl_args", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_rouge155)

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


def split_rouge155(argv: list[str]) -> tuple[list[str], list[str]] | None:
    """(what argparse reads, ROUGE-1.5.5.pl's own options) when ``argv`` runs rouge155,
    whose options argparse must not read; else None."""
    cut = next((i for i, a in enumerate(argv) if not a.startswith("-")), None)
    if cut is not None and argv[cut] == "rouge155":
        return argv[:cut + 1], argv[cut + 1:]
    return None


def cmd_rouge155(args: argparse.Namespace) -> int:
    from ..evaluation.rouge155 import run

    sys.stdout.write(run(args.perl_args, warn=say, auto_jobs=True))
    return 0


def cmd_rouge(args: argparse.Namespace) -> int:
    from ..evaluation.rouge155 import PRESETS, parse_options, score_folders
    from ..text import printable

    flags = (args.options or PRESETS[args.preset]).split()
    options = parse_options(flags + ["--unicode"] * (args.unicode and "--unicode" not in flags))
    results = score_folders(args.refs, args.sys, options, warn=say)
    if args.json:
        from dataclasses import asdict

        data = {system: {tag: asdict(score) for tag, score in metrics.items()}
                for system, metrics in results.items()}
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    shown = args.options or f"--preset {args.preset} ({PRESETS[args.preset]})"
    print(f"ROUGE-1.5.5 {shown}{' --unicode' if options.unicode else ''}: averages of the "
          f"bootstrap samples x100 [{options.confidence}% interval]")
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
