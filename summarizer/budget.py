"""The summary's budget, shared by every method, the selection step, the baselines and
refine: every limit that is set holds (words as :func:`~summarizer.text.word_count`
counts them, sentences, bytes of the sentences joined by one separator, a ratio of the
cluster's words). ``select.truncate`` adds one last sentence cut to fill the word budget
exactly (:meth:`Budget.cut`, within the other limits), as DUC-style evaluations do.

Budgets only fill up: a candidate that does not fit now never will, which is what lets
:func:`first_fit` pass over it for good. Imports no numpy (the config reads nothing here,
but the baselines and refine do).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from .text import cut_words, word_count

if TYPE_CHECKING:
    from .config import SelectConfig


@dataclass(frozen=True)
class Used:
    """What a summary has used of its budget: words, sentences and bytes (one separator
    between each two sentences)."""

    words: int = 0
    sentences: int = 0
    bytes: int = 0

    @classmethod
    def of(cls, texts: Iterable[str]) -> "Used":
        used = cls()
        for text in texts:
            used = used.plus(text)
        return used

    def plus(self, text: str) -> "Used":
        """This usage with ``text`` added as one more sentence."""
        separator = 1 if self.sentences else 0
        return Used(self.words + word_count(text), self.sentences + 1,
                    self.bytes + separator + len(text.encode("utf-8")))


@dataclass(frozen=True)
class Budget:
    """All set limits at once; None: no limit of that kind."""

    words: int | None = None
    sentences: int | None = None
    bytes: int | None = None

    @classmethod
    def from_config(cls, config: "SelectConfig", total_words: int) -> "Budget":
        """The budget ``config`` (the ``select`` section) sets for a cluster of
        ``total_words`` words: ``ratio`` resolved against them, the smaller of it and
        ``words`` when both are set."""
        words = config.words
        if config.ratio is not None:
            by_ratio = max(1, math.floor(config.ratio * total_words))
            words = by_ratio if words is None else min(words, by_ratio)
        return cls(words=words, sentences=config.sentences, bytes=config.bytes)

    def fits(self, used: Used, text: str) -> bool:
        """Whether ``text`` still fits after ``used``."""
        if self.sentences is not None and used.sentences + 1 > self.sentences:
            return False
        if self.words is not None and used.words + word_count(text) > self.words:
            return False
        size = (1 if used.sentences else 0) + len(text.encode("utf-8"))  # with its separator
        return self.bytes is None or used.bytes + size <= self.bytes

    def can_cut(self, used: Used) -> bool:
        """Whether a cut sentence could still be added after ``used``: words are left and
        a sentence is (a cut only ever fills the word budget)."""
        return (self.words is not None and used.words < self.words
                and (self.sentences is None or used.sentences < self.sentences))

    def cut(self, text: str, used: Used) -> str:
        """The first words of ``text`` that fill what ``used`` left of the word budget (as
        many as fit what it left of a byte budget), on one line; "" when not one word
        fits. The one truncation every summary and baseline uses."""
        room = None
        if self.bytes is not None:
            room = self.bytes - used.bytes - (1 if used.sentences else 0)
        for n in range(self.words - used.words, 0, -1):
            kept = " ".join(cut_words(text, n).split())
            if room is None or len(kept.encode("utf-8")) <= room:
                return kept
        return ""

    def take(self, texts: Sequence[str], order: Iterable[int]) -> list[int]:
        """Every index of ``order`` whose text still fits after those taken before it."""
        return fill(order, lambda chosen, i: self.fits(Used.of(texts[j] for j in chosen),
                                                       texts[i]))


def first_fit(order: Iterable[int], fits: Callable[[int], bool], alive=None) -> int | None:
    """The first candidate of ``order`` that ``fits``, or None. Every candidate looked at,
    the one returned too, is marked False in ``alive`` (a boolean array, when given): one
    that does not fit now never will, and the one taken is no longer a candidate."""
    for i in order:
        if alive is not None:
            alive[i] = False
        if fits(i):
            return i
    return None


def fill(order: Iterable[int], fits: Callable[[list[int], int], bool]) -> list[int]:
    """Every candidate of ``order``, in order, that ``fits(chosen, i)`` after the ones
    taken before it: :func:`first_fit` again and again down one pass of ``order``."""
    rest, chosen = iter(order), []
    while (i := first_fit(rest, lambda i: fits(chosen, i))) is not None:
        chosen.append(i)
    return chosen
