"""What a model reads and what is kept of what it writes, for every backend.

The input is the extract in its order (plus ``refine.extra_sentences`` next-best units),
fitted to the model's input by whole sentences: :func:`fit_prefix` finds the longest
prefix whose rendering fits, with a length function the backend supplies (its own
tokenizer, a server's tokenizer endpoint, or an estimate).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

from ..documents import Summary, Unit

Sentences = list[tuple[int, str]]  # (article index, sentence text)

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s|$)")
_MARKER = re.compile(r"\[\d{1,3}\]\s*")


def input_sentences(summary: Summary, ranked: list[Unit], extra: int) -> Sentences:
    """(article index, text) of the extract in its order, then the ``extra`` best units
    that are not in it (dropped first when the input is too long)."""
    chosen = [s.unit for s in summary.sentences]
    taken = {u.text for u in chosen}
    more = [u for u in ranked if u.text not in taken][:extra]
    return [(u.article, u.text) for u in chosen + more]


def numbered(sentences: Sentences) -> str:
    """One sentence per line, each after its article's number: ``[2] The bridge ...``."""
    return "\n".join(f"[{article + 1}] {text}" for article, text in sentences)


def fit_prefix(sentences: Sentences, render: Callable[[Sentences], str],
               length: Callable[[str], int], budget: int) -> tuple[str | None, int]:
    """(input, sentences kept) for the longest prefix of ``sentences`` whose ``render``
    is at most ``budget`` by ``length``; (None, 0) when not even the first sentence fits.
    Sentences are never cut. Binary search: log2(n) calls of ``length``."""
    if not sentences:
        return None, 0
    full = render(sentences)
    if length(full) <= budget:
        return full, len(sentences)
    lo, hi = 0, len(sentences) - 1  # lo fits (0 = nothing), hi + 1 does not
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if length(render(sentences[:mid])) <= budget:
            lo = mid
        else:
            hi = mid - 1
    return (render(sentences[:lo]), lo) if lo else (None, 0)


def tidy(text: str) -> str:
    """Whitespace normalised, control characters and copied ``[n]`` article markers
    removed, without a trailing fragment cut off by the token limit (when at least one
    whole sentence precedes it)."""
    text = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)
    text = " ".join(_MARKER.sub("", text).split())
    ends = list(_SENTENCE_END.finditer(text))
    if ends and ends[-1].end() < len(text):
        text = text[:ends[-1].end()]
    return text
