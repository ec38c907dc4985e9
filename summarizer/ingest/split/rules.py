"""Sentences by rules, for a language that Punkt has no parameters for: a run of the
language's sentence-final marks and closing marks before white space (after the
full-width marks of Chinese and Japanese, with or without it); not after an initial,
not before a lower-case letter."""

from __future__ import annotations

import re
from functools import lru_cache

from ...language import UNSPACED_FINAL


_CLOSERS = "\"'\u201d\u2019\u00bb\u300d\u300f\uff09)\\]"


@lru_cache(maxsize=8)
def _rule_end(ends: tuple[str, ...]) -> re.Pattern[str]:
    """A run of ``ends`` and closing marks before white space (after the full-width marks
    of Chinese and Japanese, with or without it). A run is tried from its first mark
    only (a line of 100,000 "." is not tried from each)."""
    spaced = re.escape("".join(c for c in ends if c not in UNSPACED_FINAL))
    unspaced = "".join(c for c in ends if c in UNSPACED_FINAL)
    return re.compile(f"(?<![{spaced}])[{spaced}]+[{_CLOSERS}]*(?=\\s)"
                      + (f"|[{unspaced}]+[{_CLOSERS}]*" if unspaced else ""))


_INITIAL = re.compile(r"(?:^|\s)[^\W\d_]$")
_NEXT_VISIBLE = re.compile(r"\s*(\S?)")


def _after_initial(line: str, start: int, end: int) -> bool:
    """Whether ``line[start:end]`` ends with an initial: one letter after a space or at
    its start (only its last two characters are read)."""
    return _INITIAL.search(line[max(start, end - 2):end]) is not None


def rule_spans(line: str, ends: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``line`` by the rules in ``PunktSplitter``."""
    spans, start = [], 0
    for m in _rule_end(ends).finditer(line):
        end = m.end()
        if m.group().startswith(".") and m.group().rstrip(_CLOSERS) == ".":
            if _after_initial(line, start, m.start()):
                continue
        after = _NEXT_VISIBLE.match(line, end).group(1)
        if after and after.islower():
            continue
        if line[start:end].strip():
            spans.append((start, end))
        start = end
    if line[start:].strip():
        spans.append((start, len(line)))
    return spans
