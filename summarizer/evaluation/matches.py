"""Which n-grams of a summary ROUGE counts as matched against a reference, as character
spans a page can highlight.

The tokens are the protocol's own (:mod:`.protocols`): its cut of the summary (and of
each reference when ``cut_references``), its tokenizer (rouge-score's lowercase
``[a-z0-9]`` runs with Porter stems over 3 characters, or Unicode words), and for the
ROUGE-1.5.5 protocols the script's own reading (:mod:`.rouge155`: ASCII runs, WordNet
exceptions then Porter, its ``-l`` cut). ROUGE-N's hits are, over distinct n-grams,
``min(count in summary, count in reference)``; the first that many occurrences on each
side are marked, so the marks count exactly what the score counts.

Counts always come from the scorer's token sequence; the spans only place them. A token
is found inside its whitespace word (lowercasing or NFKC may change lengths); one that
cannot be found highlights its whole word.

Usage::

    found = match_cluster(summary, [ref_a, ref_b], get_protocol("duc"))
    found.matches[(0, 2)].hits  # ROUGE-2 hits against the first reference
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .protocols import TOKEN_PATTERNS, Protocol, cut, one_sentence_per_line
from .rouge import make_tokenizer

NGRAMS = (1, 2)
_WORD = re.compile(r"\S+")
_ASCII_RUN = TOKEN_PATTERNS["rouge_score"]  # the scorer's own token pattern
_PERL_RUN = re.compile(r"[A-Za-z0-9]+")
Span = tuple[int, int]


@dataclass(frozen=True)
class Tokens:
    """A text as a protocol scores it: ``tokens`` of the scored part, where each stands in
    ``text`` (``spans``), and where the protocol's cut ends (``scored_end``: what follows
    is shown but not scored)."""

    text: str
    tokens: tuple[str, ...]
    spans: tuple[Span, ...]
    scored_end: int


@dataclass(frozen=True)
class Match:
    """ROUGE-``n`` of a summary against one reference: ``hits`` (recall is hits over
    ``reference_total``, precision hits over ``summary_total``) and the token indices
    where each matched n-gram starts on either side."""

    n: int
    hits: int
    reference_total: int
    summary_total: int
    summary_starts: tuple[int, ...]
    reference_starts: tuple[int, ...]


@dataclass(frozen=True)
class ClusterMatches:
    """One summary against every reference: ``matches[(reference index, n)]``. ``note``
    says how highlighting differs from the scorer's tokens, if it does."""

    summary: Tokens
    references: tuple[Tokens, ...]
    matches: dict[tuple[int, int], Match]
    note: str = ""


def match_cluster(summary: str, references: list[str], protocol: Protocol,
                  ns: tuple[int, ...] = NGRAMS) -> ClusterMatches:
    """The summary's matched n-grams against each reference under ``protocol``."""
    return match_summaries([summary], references, protocol, ns)[0]


def match_summaries(summaries: list[str], references: list[str], protocol: Protocol,
                    ns: tuple[int, ...] = NGRAMS) -> list[ClusterMatches]:
    """:func:`match_cluster` of several summaries of one cluster (the systems'), each
    reference read once."""
    note = highlight_note(protocol)
    side = _reader(protocol, note)
    refs = tuple(side(r, protocol.cut_references) for r in references)
    out = []
    for summary in summaries:
        mine = side(summary, True)
        found = {(j, n): match(mine, ref, n) for j, ref in enumerate(refs) for n in ns}
        out.append(ClusterMatches(mine, refs, found, note))
    return out


def highlight_note(protocol: Protocol) -> str:
    """Empty when the highlights follow the protocol's scorer token for token; else the
    line a page shows (a ROUGE-1.5.5 reading this module does not reproduce)."""
    if protocol.engine != "rouge155" or _options155(protocol) is not None:
        return ""
    return (f"Highlighting for {protocol.name} follows rouge-score's tokens (lowercase "
            "[a-z0-9] runs, Porter stems), not ROUGE-1.5.5's own reading of these flags; "
            "the scores are ROUGE-1.5.5's.")


def match(summary: Tokens, reference: Tokens, n: int) -> Match:
    """ROUGE-``n`` hits of ``summary`` against ``reference``, as rouge-score and
    ROUGE-1.5.5 count them, with the first ``min(count, count)`` occurrences of each
    shared n-gram marked on both sides."""
    mine, theirs = _grams(summary.tokens, n), _grams(reference.tokens, n)
    counts = Counter(theirs)
    quota = {g: min(c, counts[g]) for g, c in Counter(mine).items() if g in counts}
    return Match(n, sum(quota.values()), len(theirs), len(mine),
                 _first(mine, quota), _first(theirs, quota))


def tokens_of(text: str, protocol: Protocol, cut_it: bool = True) -> Tokens:
    """``text`` as ``protocol`` reads it (``cut_it``: apply its length cut)."""
    return _reader(protocol, highlight_note(protocol))(text, cut_it)


def _reader(protocol: Protocol, note: str):
    if protocol.engine == "rouge155" and not note:
        options = _options155(protocol)
        return lambda text, cut_it: _tokens155(text, protocol, options)
    if protocol.engine == "rouge155":  # the stated approximation: rouge-score's tokens
        protocol = Protocol(protocol.name, protocol.metrics, protocol.measure)
    return lambda text, cut_it: _tokens_rouge_score(text, protocol, cut_it)


def _grams(tokens: tuple[str, ...], n: int) -> list[tuple[str, ...]]:
    return [tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]


def _first(grams: list[tuple[str, ...]], quota: dict) -> tuple[int, ...]:
    if not quota:
        return ()
    left, out = dict(quota), []
    for i, g in enumerate(grams):
        if left.get(g, 0) > 0:
            left[g] -= 1
            out.append(i)
    return tuple(out)


# -- rouge-score's tokenizers


def _tokens_rouge_score(text: str, protocol: Protocol, cut_it: bool) -> Tokens:
    scored = cut(text, protocol) if cut_it else text
    end = _cut_end(text, scored) if cut_it else len(text)
    tokenizer = _tokenizer(protocol.tokenizer, protocol.stemming)
    real = tokenizer.tokenize(scored)
    surface = _ascii_runs if protocol.tokenizer == "rouge_score" else _unicode_runs
    spans = _place(text[:end], real, tokenizer.tokenize, surface)
    return Tokens(text, tuple(real), tuple(spans), end)


@lru_cache(maxsize=4)
def _tokenizer(name: str, stemming: bool):
    """One tokenizer per setting, so its memoised stems serve every text of a report."""
    return make_tokenizer(name, stemming)


def _cut_end(text: str, kept: str) -> int:
    """Where in ``text`` its cut ``kept`` ends: the cut keeps whole whitespace pieces
    (rejoined) and a prefix of the last one."""
    pieces = kept.split()
    if not pieces:
        return 0
    last = list(_WORD.finditer(text))[len(pieces) - 1]
    return last.start() + len(pieces[-1])


def _lowered(text: str) -> tuple[str, list[int]]:
    """``text.lower()`` and, for each of its characters, the index in ``text`` it came
    from (a character may lowercase to two)."""
    low = text.lower()
    if len(low) == len(text):
        return low, list(range(len(text)))
    index = [i for i, ch in enumerate(text) for _ in ch.lower()]
    return low, index if len(index) == len(low) else []


def _runs(text: str, pattern) -> list[Span] | None:
    low, index = _lowered(text)
    if not index and text:
        return None
    return [(index[m.start()], index[m.end() - 1] + 1) for m in pattern.finditer(low)]


def _ascii_runs(text: str) -> list[Span] | None:
    """rouge-score's token positions before stemming: ``[a-z0-9]`` runs of the
    lowercased text."""
    return _runs(text, _ASCII_RUN)


def _unicode_runs(text: str) -> list[Span] | None:
    """Unicode word positions (:func:`summarizer.text.unicode_words`), or None where
    NFKC would change the text (its tokens are then found word by word)."""
    from ..text import UNICODE_WORD, unicode_words

    if not unicodedata.is_normalized("NFKC", text):
        return None
    runs = _runs(text, UNICODE_WORD)
    if runs is None:
        return None
    spans = []
    for start, end in runs:  # a word of an unspaced script is one token per character
        pieces = unicode_words(text[start:end])
        if len(pieces) == 1:
            spans.append((start, end))
            continue
        joined = "".join(pieces)
        if joined != text[start:end].lower() or len(joined) != end - start:
            return None
        for p in pieces:
            spans.append((start, start + len(p)))
            start += len(p)
    return spans


def _place(text: str, real: list[str], tokenize, surface) -> list[Span]:
    """A span in ``text`` for each of the ``real`` tokens: the surface runs when they
    are as many, else word by word, a token not found there taking its whole word."""
    runs = surface(text)
    if runs is not None and len(runs) == len(real):
        return runs
    spans: list[Span] = []
    for m in _WORD.finditer(text):
        count = len(tokenize(m.group()))
        inner = surface(m.group())
        if inner is not None and len(inner) == count:
            spans.extend((m.start() + s, m.start() + e) for s, e in inner)
        else:
            spans.extend([m.span()] * count)
    if len(spans) != len(real):  # the tokenizer is not word by word here: keep the count
        spans = (spans + [(0, len(text))] * len(real))[:len(real)]
    return spans


# -- ROUGE-1.5.5's reading


def _options155(protocol: Protocol):
    """The protocol's ROUGE-1.5.5 options when this module reads text as the script
    does with them (SPL units, ASCII tokens, ``-m``, ``-l``), else None."""
    from .rouge155 import parse_options

    o = parse_options(protocol.flags)
    if o.unicode or o.bytes or o.remove_stopwords or o.stem_models:
        return None
    return o


def _tokens155(text: str, protocol: Protocol, options) -> Tokens:
    """The script's ROUGE-N tokens of ``text`` (``readText`` with its ``-l`` cut, then
    ``tokenizeText``) and their places: every token is a ``[A-Za-z0-9]`` run of the
    text read as bytes, so the kept tokens are the first runs of the whole text."""
    from .rouge155.text import cut_joined, normalize, tokens, units

    scored = one_sentence_per_line(text) if "rougeL" in protocol.metrics else text
    read = _as_bytes(scored)
    real = tokens(normalize(cut_joined(units(read, "SPL"), options) or ""), options,
                  options.stem)
    raw = _as_bytes(text)
    chars = _char_of_byte(text)
    runs = [(chars[m.start()], chars[m.end() - 1] + 1) for m in _PERL_RUN.finditer(raw)]
    # The scorer's tokens are the first runs of the text, stemmed; should the sentence
    # re-split ever change a word, the counts still come from ``real``.
    spans = (runs[:len(real)] + [(0, len(text))] * len(real))[:len(real)]
    # scored up to the first run the cut left out (punctuation after the last kept word
    # is not "past the cut")
    end = runs[len(real)][0] if len(runs) > len(real) else len(text)
    return Tokens(text, tuple(real), tuple(spans), end)


def _as_bytes(text: str) -> str:
    """The text as the script reads it: its UTF-8 bytes, one character each."""
    return text.encode("utf-8", "surrogateescape").decode("latin-1")


def _char_of_byte(text: str) -> list[int]:
    """For each UTF-8 byte of ``text``, the index of the character it encodes."""
    return [i for i, ch in enumerate(text)
            for _ in range(len(ch.encode("utf-8", "surrogateescape")))]
