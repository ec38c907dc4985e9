"""Choose sentences under a budget, with redundancy control, in a readable order.

``mmr`` (Carbonell & Goldstein, 1998) picks, at each step, the candidate maximising
``lambda * relevance - (1 - lambda) * max cosine to what is already chosen``, skips any
candidate more similar than ``redundancy_threshold`` to a chosen one, and skips
candidates that do not fit the remaining budget (a shorter one may still fit).
``topk`` takes the best-scored candidates that fit, ignoring redundancy.

Every budget that is set (words, sentences, bytes, ratio of the cluster's words) holds;
the only way past it is ``truncate: true``, which cuts one last sentence to fill the word
budget exactly, as DUC-style evaluations do.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .config import SelectConfig
from .documents import Article, Selected, Unit
from .tables import SELECTORS
from .similarity import cosine_rows
from .text import cut_words, ends_like_a_sentence, word_count


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


@dataclass
class Budget:
    """All set limits at once; ``ratio`` is resolved against the cluster's word count."""

    words: int | None = None
    sentences: int | None = None
    bytes: int | None = None

    @classmethod
    def from_config(cls, config: SelectConfig, total_words: int) -> "Budget":
        words = config.words
        if config.ratio is not None:
            by_ratio = max(1, math.floor(config.ratio * total_words))
            words = by_ratio if words is None else min(words, by_ratio)
        return cls(words=words, sentences=config.sentences, bytes=config.bytes)

    def fits(self, used_words: int, used_sents: int, used_bytes: int, text: str) -> bool:
        if self.sentences is not None and used_sents + 1 > self.sentences:
            return False
        if self.words is not None and used_words + word_count(text) > self.words:
            return False
        sep = 1 if used_sents else 0
        if self.bytes is not None and used_bytes + sep + len(text.encode("utf-8")) > self.bytes:
            return False
        return True


def reading_order(selected: list[Selected], articles: Sequence[Article]) -> list[Selected]:
    """Order by (article date, article index, position); undated articles after dated."""
    def key(s: Selected):
        a, pos = s.unit.support[0]
        date = articles[a].date if a < len(articles) else None
        return (date is None, date or "", a, pos)

    return sorted(selected, key=key)


def _truncate(text: str, words: int) -> str:
    return " ".join(cut_words(text, words).split())


_ALL_PAIRS = 2048  # sentences up to which selection computes all similarities at once


def _greedy(units, scores, X, articles, config: SelectConfig, redundancy: bool) -> list[Selected]:
    n = len(units)
    if n == 0:
        return []
    total_words = sum(word_count(u.text) for u in units)
    budget = Budget.from_config(config, total_words)
    rel = np.asarray(scores, dtype=np.float64)
    rel = rel / rel.max() if rel.max() > 0 else rel
    shaped = np.array([not _reads_badly(u.text, config) for u in units])
    ended = np.array([ends_like_a_sentence(u.text) for u in units])
    ok = shaped & (ended | (config.unterminated == "allow"))
    # "last": unterminated but otherwise fine sentences are used only once the
    # well-formed ones have run out (inputs cut off mid-sentence, such as the truncated
    # Multi-News copy).
    reserve = shaped & ~ended if config.unterminated == "last" else np.zeros(n, dtype=bool)
    if not ok.any() and not reserve.any():
        ok[:] = True  # everything is a fragment: better a fragment than nothing
    max_sim = np.zeros(n)
    # Small clusters: every similarity at once (the same numbers as row by row, without a
    # sparse product per chosen sentence); large ones row by row, so memory stays linear.
    sims = cosine_rows(X, slice(None)) if redundancy and n <= _ALL_PAIRS else None
    lam = config.mmr_lambda if redundancy else 1.0
    chosen: list[Selected] = []
    used_words = used_bytes = 0
    for pool in (ok, reserve):
        alive = pool.copy()
        ran_out = True  # False once something no longer fits: the budget is spent
        while alive.any():
            # Gains change only when something is chosen, so walk the candidates in gain
            # order until one is taken, then recompute.
            gain = np.where(alive, lam * rel - (1 - lam) * max_sim, -np.inf)
            order = np.argsort(-gain, kind="stable")[: int(alive.sum())]
            taken = None
            for i in order.tolist():
                alive[i] = False
                text = units[i].text
                if redundancy and chosen and max_sim[i] > config.redundancy_threshold:
                    continue
                if budget.fits(used_words, len(chosen), used_bytes, text):
                    taken = i
                    break
                ran_out = False
                if config.truncate and budget.words is not None and used_words < budget.words and (
                        budget.sentences is None or len(chosen) < budget.sentences):
                    cut = _truncate(text, budget.words - used_words)
                    chosen.append(Selected(Unit(cut, units[i].support), float(scores[i]), i))
                    alive[:] = False
                    break
            if taken is None:
                break
            chosen.append(Selected(units[taken], float(scores[taken]), taken))
            used_words += word_count(units[taken].text)
            used_bytes += len(units[taken].text.encode("utf-8")) + (1 if len(chosen) > 1 else 0)
            if redundancy:
                row = sims[taken] if sims is not None else cosine_rows(X, [taken]).ravel()
                max_sim = np.maximum(max_sim, row)
        if not ran_out:
            break
    if config.order == "position":
        return reading_order(chosen, articles)
    return chosen


def mmr(units, scores, X, articles, config: SelectConfig) -> list[Selected]:
    return _greedy(units, scores, X, articles, config, redundancy=True)


def topk(units, scores, X, articles, config: SelectConfig) -> list[Selected]:
    return _greedy(units, scores, X, articles, config, redundancy=False)


def select(units: Sequence[Unit], scores: np.ndarray, X, articles: Sequence[Article],
           config: SelectConfig = SelectConfig()) -> list[Selected]:
    """Selected units under ``config``'s budget, in ``config.order``."""
    return SELECTORS.get(config.method)(units, scores, X, articles, config)


def choose(method, units: Sequence[Unit], X, articles: Sequence[Article], rank_config,
           config: SelectConfig, language, query=None
           ) -> tuple[list[Selected], np.ndarray, list[str]]:
    """The summary a selector method (``rank.method`` of kind ``selector``) chooses, under
    the same budget and fragment rules as MMR: the method sees only well-formed units
    (unterminated ones too when the well-formed cannot fill a word budget, as
    ``unterminated: last`` does, or with ``unterminated: allow``). With
    ``select.truncate`` the best-scored unit left is cut to fill the word budget. Returns
    the selected units in ``select.order``, the method's score of every unit and its
    notes (a fallback it used)."""
    from .rank import Context, apply_priors

    n = len(units)
    if n == 0:
        return [], np.zeros(0), []
    lengths = np.array([word_count(u.text) for u in units], dtype=np.float64)
    budget = Budget.from_config(config, int(lengths.sum()))
    shaped = np.array([not _reads_badly(u.text, config) for u in units])
    ended = np.array([ends_like_a_sentence(u.text) for u in units])
    eligible = shaped & (ended | (config.unterminated == "allow"))
    if config.unterminated == "last" and budget.words is not None and (
            lengths[eligible].sum() < budget.words):
        eligible = shaped
    if not eligible.any():
        eligible = np.ones(n, dtype=bool)  # everything is a fragment: better than nothing
    priors = apply_priors(np.ones(n), units, rank_config.priors)
    ctx = Context(units, X, eligible, budget, lengths, priors, language,
                  len({a for u in units for a, _ in u.support}), query, rank_config)
    result = method.load().choose(ctx, rank_config)
    scores = np.asarray(result.scores, dtype=np.float64)
    chosen = [Selected(units[i], float(scores[i]), i) for i in result.indices]
    used = int(sum(lengths[i] for i in result.indices))
    if config.truncate and budget.words is not None and used < budget.words and (
            budget.sentences is None or len(chosen) < budget.sentences):
        taken = set(result.indices)
        rest = [i for i in np.argsort(-scores, kind="stable").tolist()
                if i not in taken and eligible[i]]
        if rest:
            i = rest[0]
            cut = _truncate(units[i].text, budget.words - used)
            chosen.append(Selected(Unit(cut, units[i].support), float(scores[i]), i))
    if config.order == "position":
        chosen = reading_order(chosen, articles)
    return chosen, scores, list(result.notes)
