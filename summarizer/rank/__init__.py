"""Methods that make the summary, by name: one file per method, the table below.

Two kinds:

* **scorers** give every sentence a score; the priors (``rank.priors``) multiply it and
  ``select`` picks under the budget with MMR: ``lexrank``, ``textrank``, ``centroid``.
  A scorer module has ``score(X, units, config, query=None) -> scores``.
* **selectors** optimise a summary-level objective under the budget themselves; a
  selector module has ``choose(ctx: Context, config) -> Choice``. ``select`` builds the
  :class:`Context` (the same sentences, fragment rules and budget every method gets) and
  puts the chosen sentences in reading order.

The package imports no numpy until a method runs, so the CLI reads the table for its
help at no cost. ``config`` is the ``rank`` section; each method reads only its own sub-section
(``config.lexrank``, ``config.ilp``...). Adding a method is one file and one row.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Sequence

from ..documents import Unit
from ..registry import UnknownName

if TYPE_CHECKING:
    import numpy as np

    from ..config import PriorsConfig, RankConfig
    from ..language import Language

__all__ = ["METHODS", "Method", "Context", "Choice", "Query", "rank", "apply_priors",
           "prefilter"]


@dataclass(frozen=True)
class Method:
    name: str
    kind: str  # "scorer" or "selector"
    summary: str  # one line for --help: what it does, after whom
    module: str  # summarizer/rank/<module>.py

    def load(self):
        return importlib.import_module(f"{__name__}.{self.module}")


class _Table:
    """Name -> Method; modules are imported only when a method runs."""

    kind = "method"

    def __init__(self, methods: Sequence[Method]):
        self._items = {m.name: m for m in methods}

    def get(self, name: str) -> Method:
        try:
            return self._items[name]
        except KeyError:
            raise UnknownName(f"unknown {self.kind} {name!r}; known: "
                              f"{', '.join(self.names())}") from None

    def names(self) -> list[str]:
        return list(self._items)

    def __contains__(self, name: str) -> bool:
        return name in self._items

    def __iter__(self):
        return iter(self._items.values())


METHODS = _Table([
    Method("lexrank", "scorer", "continuous LexRank, query-biased with a query "
           "(Erkan & Radev 2004; Otterbacher et al. 2005)", "lexrank"),
    Method("textrank", "scorer", "TextRank on word overlap (Mihalcea & Tarau 2004)",
           "textrank"),
    Method("centroid", "scorer", "cosine with the cluster centroid (Radev et al. 2004)",
           "centroid"),
    Method("sumbasic", "selector", "SumBasic word probabilities (Nenkova & Vanderwende "
           "2005)", "sumbasic"),
    Method("klsum", "selector", "greedy KL-Sum (Haghighi & Vanderwende 2009)", "klsum"),
    Method("submodular", "selector", "coverage + diversity, budgeted greedy (Lin & "
           "Bilmes 2011)", "submodular"),
    Method("ilp", "selector", "bigram concept coverage ILP (Gillick & Favre 2009)", "ilp"),
    Method("dpp", "selector", "determinantal point process, greedy MAP (Kulesza & Taskar "
           "2011)", "dpp"),
])


@dataclass
class Query:
    """A query and each unit's relevance to it (non-negative, one per unit)."""

    text: str
    relevance: np.ndarray
    bias: float = 0.7
    weight: float = 1.0


@dataclass
class Context:
    """What a selector sees: the cluster's units and vectors, which units it may take
    (``eligible``: the fragment rules every method shares), the budget, each unit's word
    count and prior factor, the language and an optional query."""

    units: Sequence[Unit]
    X: object
    eligible: np.ndarray
    budget: object  # select.Budget: .fits(used_words, used_sentences, used_bytes, text)
    lengths: np.ndarray
    priors: np.ndarray
    language: "Language"
    n_articles: int
    query: Query | None = None
    config: object = None  # the whole rank section (quality terms call other methods)

    @cached_property
    def tokens(self) -> list[list[str]]:
        """Each unit's words in its language: stop words removed, stemmed."""
        from ..text import tokenize

        return [tokenize(u.text, self.language) for u in self.units]

    def fits(self, chosen: Sequence[int], i: int) -> bool:
        """Whether unit ``i`` still fits the budget after ``chosen``."""
        words = int(sum(self.lengths[j] for j in chosen))
        used_bytes = sum(len(self.units[j].text.encode("utf-8")) for j in chosen)
        used_bytes += max(len(chosen) - 1, 0)
        return self.budget.fits(words, len(chosen), used_bytes, self.units[i].text)


@dataclass
class Choice:
    """A selector's answer: unit indices in the order chosen, a score per unit (for
    ordering by score and the JSON output), and a note (e.g. a fallback that was used)."""

    indices: list[int]
    scores: np.ndarray
    notes: list[str] = field(default_factory=list)


def apply_priors(scores: np.ndarray, units: Sequence[Unit], priors: "PriorsConfig") -> np.ndarray:
    """Multiply centrality by documented priors on position, support and length."""
    import numpy as np

    from ..text import word_count

    scores = np.asarray(scores, dtype=np.float64)
    if not len(units):
        return scores
    factor = np.ones(len(units))
    if priors.position:
        pos = np.array([min(p for _, p in u.support) for u in units], dtype=np.float64)
        factor *= 1.0 + priors.position / (1.0 + pos)
    if priors.support:
        arts = np.array([u.n_articles for u in units], dtype=np.float64)
        factor *= 1.0 + priors.support * (arts - 1.0)
    if priors.length:
        words = np.array([word_count(u.text) for u in units], dtype=np.float64)
        factor *= 1.0 + priors.length * np.minimum(words, 30.0) / 30.0
    return scores * factor


def prefilter(X, units: Sequence[Unit], config: "RankConfig") -> np.ndarray | None:
    """Indices of the units to rank when there are more than ``config.max_sentences``,
    else None.

    The strategy for clusters too large for the graph: score every unit by its cosine
    with the cluster centroid (the ``centroid`` method) times the configured priors
    (position, support, length: the same factors the final scores get), and keep the
    ``max_sentences`` best, returned in their original order; ties keep the earlier
    unit. This costs O(nnz(X)), and drops the sentences least like the cluster as a
    whole, which the graph would rank low anyway."""
    import numpy as np

    from .centroid import score as centroid

    n = X.shape[0]
    m = config.max_sentences
    if m is None or n <= m:
        return None
    scores = apply_priors(centroid(X, units), units, config.priors)
    best = np.argsort(-scores, kind="stable")[:m]
    return np.sort(best)


def rank(X, units: Sequence[Unit], config: "RankConfig | None" = None,
         query: Query | None = None) -> np.ndarray:
    """Scores for ``units`` (rows of X) by the configured scorer, times the priors."""
    if config is None:
        from ..config import RankConfig

        config = RankConfig()
    method = METHODS.get(config.method)
    if method.kind != "scorer":
        raise ValueError(f"rank.method {method.name!r} is a selector: it chooses the "
                         "summary itself (select.choose), it gives no ranking")
    scores = method.load().score(X, units, config, query)
    return apply_priors(scores, units, config.priors)
