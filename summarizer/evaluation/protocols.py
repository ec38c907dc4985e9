"""Named ROUGE protocols: how long a summary may be, which metrics, which measure.

A protocol is fixed data so that numbers from different runs compare. Scores come from
Google's ``rouge_score`` package unchanged; this module only decides what strings it sees:

* ``duc``: system summary **and each reference** cut to their first 100 words (as
  ROUGE-1.5.5 ``-l 100``); ROUGE-1/2 recall, Porter stemming; mean over references.
* ``tac``: the same with 250 words (DUC 2005-2007 and TAC summaries are 250 words).
* ``multinews``: summary cut to 300 words, references whole; ROUGE-1/2/Lsum F1 with
  stemming; both sides one sentence per line from our own splitter (rouge-score's
  ``split_summaries`` needs an NLTK download that fails offline).
* ``multiling``: as ``tac`` (summary and each reference cut to 250 words, ROUGE-1/2
  recall, mean over references) but on Unicode word tokens
  (:func:`summarizer.text.unicode_words`: NFKC, lowercased runs of letters, combining
  marks and digits, one token per CJK character) and without stemming: the MultiLing
  2011 setting (ROUGE-1.5.5 without stemming), for text in any script.
* ``duc-1.5.5``, ``tac-1.5.5``, ``multinews-1.5.5``, ``multiling-1.5.5``: the same
  settings scored by :mod:`summarizer.evaluation.rouge155`, ROUGE-1.5.5's own numbers
  (its tokens, WordNet-exception stemming ``-m``, its ``-l`` cut of both sides, per-topic
  scores rounded to 5 decimals), with the flags in :data:`PROTOCOLS` (``flags``). These
  are the per-topic numbers of the Perl script; the harness averages them plainly, where
  the script prints the mean of its bootstrap samples (``summarizer rouge155`` prints that).
* ``custom``: metrics, measure, length cut and tokenizer (``evaluate.tokenizer``:
  ``rouge_score``, the default, or ``unicode``) taken from the ``evaluate`` config
  section.

Every score is reported x100.

Every protocol refuses a text its tokenizer cannot read (:func:`check_visible`): a
reference or summary with letters of which fewer than :data:`MIN_VISIBLE` (half) are
inside its tokens. rouge-score's tokenizer keeps ``[a-z0-9]`` after lowercasing, so on
Greek, Arabic or Hindi text the English protocols would compare digits alone (Greek
tac2011-style runs scored R-1 45.7 that way); French, whose accented letters are a few
per cent of its letters, still passes.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from functools import lru_cache

from ..config import EvaluateConfig
from ..errors import ConfigError, InputError
from ..text import cut_words as text_cut_words

MEASURES = ("precision", "recall", "fmeasure")

# Tokenizer name (Protocol.tokenizer, tables.ROUGE_TOKENIZERS) -> the pattern of its tokens
# on the lowercased text, and how a message names it.
_ROUGE_SCORE_TOKEN = re.compile(r"[a-z0-9]+")
TOKEN_PATTERNS = {"rouge_score": _ROUGE_SCORE_TOKEN, "unicode": None}  # None: text.UNICODE_WORD
TOKENIZER_LABELS = {"rouge_score": "rouge-score's [a-z0-9] tokens",
                    "unicode": "Unicode words"}
# A text with letters is refused when fewer than this share of them are inside tokens.
MIN_VISIBLE = 0.5


@dataclass(frozen=True)
class Protocol:
    name: str
    metrics: tuple[str, ...]
    measure: str
    limit_words: int | None = None
    limit_bytes: int | None = None
    cut_references: bool = False
    stemming: bool = True
    tokenizer: str = "rouge_score"  # a name in tables.ROUGE_TOKENIZERS
    engine: str = "rouge_score"  # or "rouge155": ROUGE-1.5.5 with ``flags``
    flags: str = ""

    def key(self) -> str:
        """Stable text identifying every setting (part of the cache key)."""
        return json.dumps(asdict(self), sort_keys=True)

    def describe(self) -> str:
        if self.engine == "rouge155":
            metrics = "/".join(METRIC_LABELS.get(m, m) for m in self.metrics)
            return f"{self.name}: {metrics} {self.measure}, ROUGE-1.5.5 {self.flags}"
        limit = (f"{self.limit_words} words" if self.limit_words else
                 f"{self.limit_bytes} bytes" if self.limit_bytes else "no length cut")
        refs = " (references cut too)" if self.cut_references else ""
        metrics = "/".join(METRIC_LABELS.get(m, m) for m in self.metrics)
        tokens = "" if self.tokenizer == "rouge_score" else f", {self.tokenizer} tokens"
        return (f"{self.name}: {metrics} {self.measure}, {limit}{refs}, "
                f"stemming={self.stemming}{tokens}")


METRIC_LABELS = {"rouge1": "R-1", "rouge2": "R-2", "rougeL": "R-L", "rougeLsum": "R-Lsum",
                 "rougeSU4": "R-SU4"}
# A ROUGE-1.5.5 protocol's metric -> the tag the script prints it under.
ROUGE155_TAGS = {"rouge1": "ROUGE-1", "rouge2": "ROUGE-2", "rouge3": "ROUGE-3",
                 "rouge4": "ROUGE-4", "rougeL": "ROUGE-L", "rougeSU4": "ROUGE-SU4"}
_COMMON = "-p 0.5 -c 95 -r 1000 -f A -t 0"

PROTOCOLS: dict[str, Protocol] = {
    "duc": Protocol("duc", ("rouge1", "rouge2"), "recall", limit_words=100, cut_references=True),
    "tac": Protocol("tac", ("rouge1", "rouge2"), "recall", limit_words=250, cut_references=True),
    "multinews": Protocol("multinews", ("rouge1", "rouge2", "rougeLsum"), "fmeasure",
                          limit_words=300),
    "multiling": Protocol("multiling", ("rouge1", "rouge2"), "recall", limit_words=250,
                          cut_references=True, stemming=False, tokenizer="unicode"),
    # DUC 2003/2004: 100 words (Hong et al. 2014's SumRepo flags, ROUGE-1/2 shown).
    "duc-1.5.5": Protocol("duc-1.5.5", ("rouge1", "rouge2"), "recall", engine="rouge155",
                          flags=f"-n 2 -x -m -l 100 {_COMMON}"),
    # DUC 2005-2007 (250 words): ROUGE-2 and SU4 recall, stemmed.
    "tac-1.5.5": Protocol("tac-1.5.5", ("rouge1", "rouge2", "rougeSU4"), "recall",
                          engine="rouge155", flags=f"-n 2 -x -m -2 4 -u -l 250 {_COMMON}"),
    "multinews-1.5.5": Protocol("multinews-1.5.5", ("rouge1", "rouge2", "rougeSU4", "rougeL"),
                                "fmeasure", engine="rouge155",
                                flags=f"-n 2 -m -2 4 -u -l 300 {_COMMON}"),
    # The TAC 2011 MultiLing pilot's published table: no stemming, no length cut.
    "multiling-1.5.5": Protocol("multiling-1.5.5", ("rouge1", "rouge2", "rougeSU4"), "recall",
                                engine="rouge155", flags=f"-n 2 -x -2 4 -u {_COMMON}"),
}

_VALID_METRICS = {"rouge1", "rouge2", "rouge3", "rouge4", "rougeL", "rougeLsum"}


def get_protocol(name: str, config: EvaluateConfig | None = None) -> Protocol:
    """The named protocol, or ``custom`` built from the ``evaluate`` config section."""
    if name in PROTOCOLS:
        return PROTOCOLS[name]
    if name != "custom":
        raise ConfigError(f"unknown protocol {name!r}; choose one of "
                          f"{', '.join([*PROTOCOLS, 'custom'])}")
    cfg = config or EvaluateConfig()
    bad = [m for m in cfg.metrics if m not in _VALID_METRICS]
    if bad or not cfg.metrics:
        raise ConfigError(f"evaluate.metrics: {bad or cfg.metrics} not valid; choose from "
                          f"{', '.join(sorted(_VALID_METRICS))}")
    for key in ("limit_words", "limit_bytes"):
        value = getattr(cfg, key)
        if value is not None and value < 1:
            # cut_words/cut_bytes read 0 as "no cut" and a negative limit as "drop the
            # end": neither is what such a setting asks for.
            raise ConfigError(f"evaluate.{key}: {value} is not a length; use a positive "
                              f"number, or null for no cut")
    return Protocol("custom", tuple(cfg.metrics), cfg.measure, cfg.limit_words, cfg.limit_bytes,
                    cut_references=cfg.truncate_references, stemming=cfg.stemming,
                    tokenizer=cfg.tokenizer)


def cut_words(text: str, limit: int | None) -> str:
    """The first ``limit`` words, keeping line breaks (one sentence per line survives the
    cut, which ROUGE-Lsum needs): whitespace words, each ideograph or kana of Chinese or
    Japanese one word (:func:`summarizer.text.cut_words`)."""
    return text_cut_words(text, limit)


def cut_bytes(text: str, limit: int | None) -> str:
    """The first ``limit`` bytes of the UTF-8 text (never a broken character)."""
    if not limit:
        return text
    return text.encode("utf-8")[:limit].decode("utf-8", errors="ignore")


def cut(text: str, protocol: Protocol) -> str:
    return cut_bytes(cut_words(text, protocol.limit_words), protocol.limit_bytes)


def one_sentence_per_line(text: str) -> str:
    """Re-split every line with our splitter, so refined paragraphs and references
    become one sentence per line (for ROUGE-Lsum)."""
    from ..ingest.split import split_text

    lines = []
    for line in text.splitlines():
        if line.strip():
            lines.extend(split_text(line))
    return "\n".join(lines)


@lru_cache(maxsize=8)
def _scorer(metrics: tuple[str, ...], stemming: bool, tokenizer: str = "rouge_score"):
    from .rouge import Scorer

    return Scorer(metrics, stemming, tokenizer)


def _token_pattern(tokenizer: str):
    pattern = TOKEN_PATTERNS.get(tokenizer)
    if pattern is None:
        from ..text import UNICODE_WORD

        pattern = UNICODE_WORD
    return pattern


def check_visible(text: str, protocol: Protocol, what: str = "a text",
                  cluster: str | None = None) -> None:
    """Refuse (InputError, one line) a text with letters of which fewer than
    :data:`MIN_VISIBLE` are inside the protocol's tokens: its score would come from the
    digits and the few letters the tokenizer keeps, not from its words."""
    letters, seen = _letters_seen(text, protocol.tokenizer)
    if letters and seen < MIN_VISIBLE * letters:
        where = f"cluster {cluster!r}: " if cluster else ""
        hint = ("; use --protocol multiling (Unicode words, any script)"
                if protocol.tokenizer != "unicode" else "")
        raise InputError(
            f"{where}{what} cannot be scored with the {protocol.name} protocol: its tokenizer "
            f"({TOKENIZER_LABELS.get(protocol.tokenizer, protocol.tokenizer)}) sees "
            f"{seen} of its {letters} letters (under {MIN_VISIBLE:.0%}), so ROUGE would "
            f"count digits, not words{hint}")


@lru_cache(maxsize=4096)
def _letters_seen(text: str, tokenizer: str) -> tuple[int, int]:
    from ..text import letters_seen

    return letters_seen(text, _token_pattern(tokenizer))


def check_references(clusters, protocol: Protocol) -> None:
    """:func:`check_visible` on every reference of every cluster (as the protocol cuts
    it), before anything is summarized."""
    for cluster in clusters:
        for i, ref in enumerate(cluster.references, 1):
            text = cut(ref.text, protocol) if protocol.cut_references else ref.text
            check_visible(text, protocol, f"reference {ref.id or i}", cluster.id)


def score(summary: str, references: list[str], protocol: Protocol,
          cluster: str | None = None, system_name: str | None = None) -> dict[str, float]:
    """ROUGE of one summary against its references under ``protocol``: the mean over
    references of each metric's chosen measure, x100. A summary or reference the
    protocol's tokenizer cannot read is refused (:func:`check_visible`); ``cluster`` and
    ``system_name`` only name it in that message."""
    if not references:
        raise InputError("cannot score a cluster without reference summaries")
    if protocol.engine == "rouge155":
        return _score155(summary, references, protocol, cluster, system_name)
    lsum = "rougeLsum" in protocol.metrics
    system = cut(summary, protocol)
    check_visible(system, protocol,
                  f"the summary of system {system_name!r}" if system_name else "the summary",
                  cluster)
    if lsum:
        system = one_sentence_per_line(system)
    scorer = _scorer(protocol.metrics, protocol.stemming, protocol.tokenizer)
    totals = dict.fromkeys(protocol.metrics, 0.0)
    for i, ref in enumerate(references, 1):
        target = cut(ref, protocol) if protocol.cut_references else ref
        check_visible(target, protocol, f"reference {i}", cluster)
        if lsum:
            target = one_sentence_per_line(target)
        result = scorer.score(target, system)
        for m in protocol.metrics:
            totals[m] += getattr(result[m], protocol.measure)
    return {m: 100.0 * v / len(references) for m, v in totals.items()}


def _score155(summary: str, references: list[str], protocol: Protocol,
              cluster: str | None, system_name: str | None) -> dict[str, float]:
    """The Perl script's per-topic score of this cluster (x100) for each metric."""
    from .rouge155 import score_texts

    check_visible(summary, protocol,
                  f"the summary of system {system_name!r}" if system_name else "the summary",
                  cluster)
    for i, ref in enumerate(references, 1):
        check_visible(ref, protocol, f"reference {i}", cluster)
    if "rougeL" in protocol.metrics:  # ROUGE-L's units are sentences, one per line
        summary = one_sentence_per_line(summary)
        references = [one_sentence_per_line(r) for r in references]
    scores = score_texts({"c": summary}, {"c": references}, _options155(protocol.flags))
    column = {"recall": 0, "precision": 1, "fmeasure": 2}[protocol.measure]
    return {m: 100.0 * scores[ROUGE155_TAGS[m]].topics["c"][column] for m in protocol.metrics}


@lru_cache(maxsize=16)
def _options155(flags: str):
    """The protocol's flags as options, with one bootstrap sample: a single topic's
    score needs none, and the harness draws its own intervals."""
    from dataclasses import replace

    from .rouge155 import parse_options

    return replace(parse_options(flags), samples=1)
