"""The script's options as it reads them (Perl's ``getopts``), checked as it checks
them, and the named presets of published flags."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from ...errors import UsageError
from .perl import perl_number, perl_str

BE_MODES = ("H", "HM", "HMR", "HM1", "HMR1", "HMR2")


@dataclass(frozen=True)
class Options:
    """The script's options (its letter in each comment). Text fields keep what the user
    typed where the script prints it back (``-c 95``, ``-w 1.2``, ``-2 4``)."""

    ngram: int = 0                # -n (0: no ROUGE-N)
    words: float = 0              # -l
    bytes: float = 0              # -b
    stem: bool = False            # -m
    stem_models: bool = False     # -M (undocumented: stem the models only)
    remove_stopwords: bool = False  # -s
    lcs: bool = True              # not -x
    weight: str | None = None     # -w
    skip: str | None = None       # -2 (negative: no gap limit)
    unigrams: bool = False        # -u
    both_skip: bool = False       # -U
    be_mode: str | None = None    # -3
    formula: str = "A"            # -f
    alpha: float = 0.5            # -p
    counting: int = 0             # -t
    confidence: str = "95"        # -c
    samples: float = 1000         # -r
    per_eval: bool = False        # -d
    input_format: str | None = None  # -z
    all_systems: bool = False     # -a
    unicode: bool = False         # extension: Unicode tokens, UTF-8 text

    def __post_init__(self):
        if self.words and self.bytes:
            raise UsageError("Please specify length limit in words or bytes but not both.")
        conf = perl_number(self.confidence)
        if conf < 0 or conf > 100:
            raise UsageError("Confidence interval should be within 0 and 100.")
        if self.weight is not None and perl_number(self.weight) <= 0:
            raise UsageError("ROUGE-W weight factor must greater than 0.")
        if self.alpha < 0 or self.alpha > 1:
            raise UsageError("Relative importance of ROUGE recall and precision has to be "
                             "between 0 and 1 inclusively.")
        if self.samples < 1:
            raise UsageError(f"-r {perl_str(self.samples)}: the bootstrap needs at least "
                             f"one sample (the script divides by their number)")
        if self.be_mode is not None and self.be_mode not in BE_MODES:
            raise UsageError(f"-3 {self.be_mode}: choose one of {', '.join(BE_MODES)}")


OPTION_SPEC = "ahHb:c:de:f:l:mMn:p:st:r:2:3:w:uUvxz:"


def getopts(argv: list[str], spec: str = OPTION_SPEC, warn=None):
    """Perl's ``Getopt::Std::getopts``: bundled flags (``-mx``), values attached or
    next (``-n4``, ``-n 4``), options end at the first non-option or ``--``; an unknown
    option is warned about and skipped, as the script does."""
    takes = {spec[i]: i + 1 < len(spec) and spec[i + 1] == ":"
             for i in range(len(spec)) if spec[i] != ":"}
    opts: dict[str, str] = {}
    args = list(argv)
    while args and len(args[0]) >= 2 and args[0][0] == "-":
        first, rest = args[0][1], args[0][2:]
        if args[0] == "--":
            args.pop(0)
            break
        if first in takes:
            if takes[first]:
                args.pop(0)
                if rest == "":
                    if not args:
                        raise UsageError(f"option -{first} needs a value")
                    rest = args.pop(0)
                opts[first] = rest
            else:
                opts[first] = "1"
                if rest == "":
                    args.pop(0)
                else:
                    args[0] = f"-{rest}"
        else:
            (warn or (lambda line: print(line, file=sys.stderr)))(f"Unknown option: {first}")
            if rest:
                args[0] = f"-{rest}"
            else:
                args.pop(0)
    return opts, args


def options_from(opts: dict[str, str], unicode: bool = False) -> Options:
    counting = int(perl_number(opts.get("t", "0")))
    return Options(
        ngram=int(perl_number(opts["n"])) if "n" in opts else 0,
        words=perl_number(opts["l"]) if "l" in opts else 0,
        bytes=perl_number(opts["b"]) if "b" in opts else 0,
        stem="m" in opts, stem_models="M" in opts, remove_stopwords="s" in opts,
        lcs="x" not in opts, weight=opts.get("w"), skip=opts.get("2"),
        unigrams="u" in opts, both_skip="U" in opts, be_mode=opts.get("3"),
        formula=opts.get("f", "A"), alpha=perl_number(opts.get("p", "0.5")),
        counting=counting if counting in (1, 2) else 0,
        confidence=opts.get("c", "95"), samples=perl_number(opts.get("r", "1000")),
        per_eval="d" in opts, input_format=opts.get("z"),
        all_systems="a" in opts and "z" not in opts, unicode=unicode)


PRESETS = {
    # Hong et al. (2014), SumRepo's DUC 2004 table; DUC 2003/2004 summaries are 100 words.
    "duc2004": "-n 4 -x -m -l 100 -p 0.5 -c 95 -r 1000 -f A -t 0",
    # DUC 2005-2007 and the TAC 2008-2011 main tasks: ROUGE-2 and SU4 recall, stemmed,
    # summaries of 250 (DUC) or 100 (TAC) words.
    "duc2006": "-n 2 -x -m -2 4 -u -l 250 -p 0.5 -c 95 -r 1000 -f A -t 0",
    "tac2008": "-n 2 -x -m -2 4 -u -l 100 -p 0.5 -c 95 -r 1000 -f A -t 0",
    # The TAC 2011 MultiLing pilot's published averages (its README's flags): no stemming,
    # no length cut.
    "multiling2011": "-n 2 -x -2 4 -u -p 0.5 -c 95 -r 1000 -f A -t 0",
}


def parse_options(flags: str | list[str]) -> Options:
    """An :class:`Options` from the script's flags (``"-n 2 -m -l 100"``) or a preset
    name (:data:`PRESETS`)."""
    if isinstance(flags, str):
        flags = PRESETS.get(flags, flags).split()
    argv = list(flags)
    unicode = "--unicode" in argv
    if unicode:
        argv.remove("--unicode")
    opts, rest = getopts(argv, warn=_refuse_unknown)
    if rest:
        raise UsageError(f"not a ROUGE-1.5.5 option: {rest[0]!r}")
    return options_from(opts, unicode)


def _refuse_unknown(line: str) -> None:
    raise UsageError(f"ROUGE-1.5.5 options: {line}")
