"""Choose sentences under a budget: the fragment rules every method shares, the greedy
that a scorer's scores go through, the cut that fills a word budget and the reading
order. Depends on nothing above it (:mod:`summarizer.rank` builds on it).

``mmr`` (Carbonell & Goldstein, 1998) picks, at each step, the candidate maximising
``lambda * relevance - (1 - lambda) * max cosine to what is already chosen``
(``select.mmr.lambda``), skips any candidate more similar than
``select.mmr.redundancy_threshold`` to a chosen one, and skips candidates that do not fit
the remaining budget (a shorter one may still fit). ``topk`` takes the best-scored
candidates that fit, ignoring redundancy.

Every budget that is set holds (:class:`~summarizer.budget.Budget`); ``truncate: true``
adds one last sentence cut to fill the word budget exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .budget import Budget, Used, first_fit
from .config import SelectConfig
from .documents import Article, Selected, Unit
from .similarity import cosine_rows
from .tables import SELECTORS
from .text import ends_like_a_sentence, word_count

_QUOTES = re.compile(r"[\"\u201c\u201d]")
# A sentence ends with a sentence-final mark of any script (. ! ? … ؟ । 。...), possibly
# inside closing quotes or brackets: ``text.ends_like_a_sentence``.


def _reads_badly(text: str, config: SelectConfig) -> bool:
    """Every fragment rule except the sentence ending (see ``is_fragment``)."""
    words = word_count(text)
    if words < config.min_words or words > config.max_words:
        return True
    stripped = text.strip()
    if config.skip_questions and stripped.rstrip("\"'\u201d)").endswith("?"):
        return True
    if len(_QUOTES.findall(stripped)) % 2 == 1:
        opening, closing = stripped.count("\u201c"), stripped.count("\u201d")
        if opening != closing or stripped.count('"') % 2 == 1:
            return True
    first = stripped[:1]
    if not first or first.islower() or first in ",;:.)]-_":
        return True
    return not any(ch.isalpha() for ch in stripped)


def is_fragment(text: str, config: SelectConfig) -> bool:
    """Sentences that read badly out of context: too short or long, questions, unmatched
    quotes, starting in lower case or with punctuation, no letters, and (unless
    ``unterminated`` is ``allow``) not ending like a sentence (an article cut off
    mid-sentence, a heading)."""
    if _reads_badly(text, config):
        return True
    return config.unterminated != "allow" and not ends_like_a_sentence(text)


@dataclass(frozen=True)
class Eligibility:
    """Which units a summary may take under the fragment rules: ``formed``, the units no
    rule objects to; ``last``, those that only fail to end like a sentence, kept for
    when the well-formed run out (``unterminated: last``; none under ``skip`` and
    ``allow``). When neither holds a unit, every unit may be taken: better a fragment
    than nothing."""

    formed: np.ndarray
    last: np.ndarray

    def pools(self) -> tuple[np.ndarray, np.ndarray]:
        """For a greedy that goes down a ranking (MMR, topk): the well-formed units, then
        the others of ``last``, reached only when the well-formed ran out before the
        budget did."""
        if not self.formed.any() and not self.last.any():
            return np.ones_like(self.formed), self.last
        return self.formed, self.last

    def at_once(self, lengths: np.ndarray, budget: Budget) -> np.ndarray:
        """For a method that weighs whole summaries: the well-formed units, with ``last``
        too when the well-formed cannot fill the word budget."""
        mask = self.formed
        if self.last.any() and budget.words is not None and lengths[mask].sum() < budget.words:
            mask = self.formed | self.last
        return mask if mask.any() else np.ones_like(mask)


def eligibility(units: Sequence[Unit], config: SelectConfig) -> Eligibility:
    """The one place the fragment rules and ``unterminated`` are applied to a cluster."""
    n = len(units)
    shaped = np.array([not _reads_badly(u.text, config) for u in units], dtype=bool)
    ended = np.array([ends_like_a_sentence(u.text) for u in units], dtype=bool)
    formed = shaped & (ended | (config.unterminated == "allow"))
    last = shaped & ~ended if config.unterminated == "last" else np.zeros(n, dtype=bool)
    return Eligibility(formed, last)


def reading_order(selected: list[Selected], articles: Sequence[Article]) -> list[Selected]:
    """Order by (article date, article index, position); undated articles after dated."""
    def key(s: Selected):
        a, pos = s.unit.support[0]
        date = articles[a].date if a < len(articles) else None
        return (date is None, date or "", a, pos)

    return sorted(selected, key=key)


_ALL_PAIRS = 2048  # sentences up to which selection computes all similarities at once


def _greedy(scores, X, texts: Sequence[str], pools, budget: Budget, config: SelectConfig,
            redundancy: bool) -> tuple[list[int], int | None]:
    """Down the ranking by MMR gain (by score alone without ``redundancy``), each pool
    in turn: the indices taken, in order, and with ``config.truncate`` the unit it
    stopped at because it no longer fit whole (the one to cut), else None."""
    n = len(texts)
    rel = np.asarray(scores, dtype=np.float64)
    rel = rel / rel.max() if n and rel.max() > 0 else rel
    max_sim = np.zeros(n)
    # Small clusters: every similarity at once (the same numbers as row by row, without a
    # sparse product per chosen sentence); large ones row by row, so memory stays linear.
    sims = cosine_rows(X, slice(None)) if redundancy and 0 < n <= _ALL_PAIRS else None
    lam = config.mmr.lambda_ if redundancy else 1.0
    chosen: list[int] = []
    used = Used()
    for pool in pools:
        alive = pool.copy()
        spent = False  # something no longer fit: the budget is spent, the next pool waits
        while alive.any():
            if redundancy and chosen:  # similarity only grows: out for good
                alive &= max_sim <= config.mmr.redundancy_threshold
            # Gains change only when something is chosen, so walk the candidates in gain
            # order until one is taken, then recompute.
            gain = np.where(alive, lam * rel - (1 - lam) * max_sim, -np.inf)
            left = int(alive.sum())
            order = np.argsort(-gain, kind="stable")[:left].tolist()
            cut = config.truncate and budget.can_cut(used)
            taken = first_fit(order, lambda i: cut or budget.fits(used, texts[i]), alive)
            passed_over = left - int(alive.sum()) - (taken is not None)  # did not fit
            spent = spent or passed_over > 0
            if taken is None:
                break
            if not budget.fits(used, texts[taken]):
                return chosen, taken
            chosen.append(taken)
            used = used.plus(texts[taken])
            if redundancy:
                row = sims[taken] if sims is not None else cosine_rows(X, [taken]).ravel()
                max_sim = np.maximum(max_sim, row)
        if spent:
            break
    return chosen, None


def mmr(scores, X, texts, pools, budget, config) -> tuple[list[int], int | None]:
    return _greedy(scores, X, texts, pools, budget, config, redundancy=True)


def topk(scores, X, texts, pools, budget, config) -> tuple[list[int], int | None]:
    return _greedy(scores, X, texts, pools, budget, config, redundancy=False)


def arrange(units: Sequence[Unit], scores: np.ndarray, indices: Sequence[int],
            cut: Sequence[int], budget: Budget, articles: Sequence[Article],
            config: SelectConfig) -> list[Selected]:
    """The summary of the whole units ``indices`` (in the order chosen), then with
    ``config.truncate`` the start of ``cut[0]`` filling what is left of the word budget,
    in ``config.order``."""
    chosen = [Selected(units[i], float(scores[i]), i) for i in indices]
    used = Used.of(units[i].text for i in indices)
    if config.truncate and cut and budget.can_cut(used):
        i = cut[0]
        text = budget.cut(units[i].text, used)
        if text:
            chosen.append(Selected(Unit(text, units[i].support), float(scores[i]), i))
    if config.order == "position":
        return reading_order(chosen, articles)
    return chosen


def select(units: Sequence[Unit], scores: np.ndarray, X, articles: Sequence[Article],
           config: SelectConfig = SelectConfig()) -> list[Selected]:
    """Units chosen by ``scores`` (one per unit) with ``config.method`` under
    ``config``'s budget and fragment rules, in ``config.order``: what a scorer's scores
    go through (:func:`summarizer.rank.by_score`), for scores of any origin."""
    texts = [u.text for u in units]
    budget = Budget.from_config(config, sum(word_count(t) for t in texts))
    pools = eligibility(units, config).pools()
    indices, stop = SELECTORS.get(config.method)(scores, X, texts, pools, budget, config)
    return arrange(units, scores, indices, [] if stop is None else [stop], budget, articles,
                   config)
