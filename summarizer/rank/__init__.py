"""Methods that make the summary, by name: one file per method, the table below.

One contract: every method chooses the summary under the budget,
``choose(ctx: Context, config) -> Choice``, ``config`` being the ``rank`` section (each
method reads only its own sub-section: ``config.lexrank``, ``config.ilp``...). The
:class:`Context` is the same for all: the cluster's units and vectors, the fragment rules
(``eligible``), the :class:`~summarizer.budget.Budget`, the priors, a query. Two families
fill it in (the row's tag):

* **scorers** give every sentence a score (``score(X, units, config, query=None)``, also
  :func:`rank`); their ``choose`` is :func:`by_score`: the scores times the priors, taken
  by the selection step (``select.method``: MMR or topk): ``lexrank``, ``textrank``,
  ``centroid``.
* **selectors** optimise a summary-level objective under the budget themselves.

:func:`pick` runs the configured method on a cluster and puts its choice in reading order
(with ``select.truncate``, one more unit cut to fill the word budget). The package imports
no numpy until a method runs, so the config and the CLI read the table at no cost. Adding
a method is one file and one row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Sequence

from ..documents import Unit
from ..registry import Entry, Table

if TYPE_CHECKING:
    import numpy as np

    from ..budget import Budget
    from ..config import Config, PriorsConfig, RankConfig, SelectConfig
    from ..documents import Article, Selected
    from ..language import Language

__all__ = ["METHODS", "Context", "Choice", "Query", "by_score", "context", "pick", "rank",
           "apply_priors", "prefilter"]


METHODS = Table("method", [
    Entry("lexrank", "summarizer.rank.lexrank", "continuous LexRank, query-biased with a "
          "query (Erkan & Radev 2004; Otterbacher et al. 2005)", tag="scorer"),
    Entry("textrank", "summarizer.rank.textrank", "TextRank on word overlap (Mihalcea & "
          "Tarau 2004)", tag="scorer"),
    Entry("centroid", "summarizer.rank.centroid", "cosine with the cluster centroid (Radev "
          "et al. 2004)", tag="scorer"),
    Entry("sumbasic", "summarizer.rank.sumbasic", "SumBasic word probabilities (Nenkova & "
          "Vanderwende 2005)", tag="selector"),
    Entry("klsum", "summarizer.rank.klsum", "greedy KL-Sum (Haghighi & Vanderwende 2009)",
          tag="selector"),
    Entry("submodular", "summarizer.rank.submodular", "coverage + diversity, budgeted "
          "greedy (Lin & Bilmes 2011)", tag="selector"),
    Entry("ilp", "summarizer.rank.ilp", "bigram concept coverage ILP (Gillick & Favre "
          "2009)", tag="selector"),
    Entry("dpp", "summarizer.rank.dpp", "determinantal point process, greedy MAP (Kulesza "
          "& Taskar 2011)", tag="selector"),
    Entry("learned", "summarizer.rank.learned", "a model trained on reference summaries "
          "(summarizer train; rank.learned.model)", tag="scorer"),
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
    """What every method sees: the cluster's units and vectors, which units it may take
    (``eligible``: the fragment rules every method shares), the budget, each unit's word
    count and prior factor, the language and an optional query. A greedy down a ranking
    (:func:`by_score`) reads ``pools`` instead of ``eligible``: the well-formed units first,
    the unterminated ones (``select.unterminated: last``) once those ran out."""

    units: Sequence[Unit]
    X: object
    eligible: np.ndarray
    budget: Budget
    lengths: np.ndarray
    priors: np.ndarray
    language: "Language"
    n_articles: int
    query: Query | None = None
    config: "RankConfig | None" = None  # the rank section (quality terms call other methods)
    select: "SelectConfig | None" = None  # None: the defaults
    pools: tuple[np.ndarray, ...] | None = None  # None: (eligible,)

    @cached_property
    def tokens(self) -> list[list[str]]:
        """Each unit's words in its language: stop words removed, stemmed."""
        from ..text import tokenize

        return [tokenize(u.text, self.language) for u in self.units]

    def fits(self, chosen: Sequence[int], i: int) -> bool:
        """Whether unit ``i`` still fits the budget after ``chosen``."""
        from ..budget import Used

        used_bytes = sum(len(self.units[j].text.encode("utf-8")) for j in chosen)
        used = Used(int(sum(self.lengths[j] for j in chosen)), len(chosen),
                    used_bytes + max(len(chosen) - 1, 0))
        return self.budget.fits(used, self.units[i].text)


@dataclass
class Choice:
    """A method's answer: unit indices in the order chosen, a score per unit (for
    ordering by score and the JSON output), notes (e.g. a fallback that was used), and
    ``cut``: the units ``select.truncate`` may cut to fill the word budget, best first. A
    greedy that stopped at a unit because it no longer fit whole names it (or none);
    None leaves it to :func:`pick`: the eligible units not taken, best-scored first."""

    indices: list[int]
    scores: np.ndarray
    notes: list[str] = field(default_factory=list)
    cut: list[int] | None = None


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
    entry = METHODS.entry(config.method)
    if entry.tag != "scorer":
        raise ValueError(f"rank.method {entry.name!r} is a selector: it chooses the "
                         "summary itself (rank.pick), it gives no ranking")
    scores = entry.load().score(X, units, config, query)
    return apply_priors(scores, units, config.priors)


def context(units: Sequence[Unit], X, config: "Config", language, query: Query | None = None
            ) -> Context:
    """The :class:`Context` of a cluster's units under ``config``: its budget (a ratio
    of the units' words), the fragment rules, the priors."""
    import numpy as np

    from ..budget import Budget
    from ..select import eligibility
    from ..text import word_count

    lengths = np.array([word_count(u.text) for u in units], dtype=np.float64)
    budget = Budget.from_config(config.select, int(lengths.sum()))
    rules = eligibility(units, config.select)
    priors = apply_priors(np.ones(len(units)), units, config.rank.priors)
    return Context(units, X, rules.at_once(lengths, budget), budget, lengths, priors, language,
                   len({a for u in units for a, _ in u.support}), query, config.rank,
                   config.select, rules.pools())


def by_score(ctx: Context, scores) -> Choice:
    """A scorer's choice: its ``scores`` times the priors, taken down the ranking by the
    selection step (``select.method``: MMR or topk) under the budget."""
    import numpy as np

    from ..config import SelectConfig
    from ..tables import SELECTORS

    scores = np.asarray(scores, dtype=np.float64) * ctx.priors
    config = ctx.select or SelectConfig()
    pools = ctx.pools or (np.asarray(ctx.eligible, dtype=bool),)
    indices, stop = SELECTORS.get(config.method)(scores, ctx.X, [u.text for u in ctx.units],
                                                 pools, ctx.budget, config)
    return Choice(indices, scores, cut=[] if stop is None else [stop])


def pick(units: Sequence[Unit], X, articles: Sequence["Article"], config: "Config", language,
         query: Query | None = None, ctx: Context | None = None
         ) -> tuple[list["Selected"], np.ndarray, list[str]]:
    """The summary ``config.rank.method`` chooses under ``config.select``: the selected
    units in ``select.order`` (with ``select.truncate``, one more cut to fill the word
    budget), every unit's score and the method's notes. ``ctx``: the :func:`context` of
    these units when the caller has built it already (the pipeline's candidates)."""
    import numpy as np

    from ..select import arrange

    if not units:
        return [], np.zeros(0), []
    if ctx is None:
        ctx = context(units, X, config, language, query)
    choice = METHODS.get(config.rank.method).choose(ctx, config.rank)
    scores = np.asarray(choice.scores, dtype=np.float64)
    cut = choice.cut
    if cut is None and config.select.truncate:
        taken = set(choice.indices)
        cut = [i for i in np.argsort(-scores, kind="stable").tolist()
               if ctx.eligible[i] and i not in taken]
    chosen = arrange(units, scores, choice.indices, cut or [], ctx.budget, articles,
                     config.select)
    return chosen, scores, list(choice.notes)
