"""Concept coverage by integer linear programming: Gillick & Favre (2009), "A scalable
global model for summarization" (NAACL workshop on ILP for NLP), the model behind the
ICSI summarizers of TAC 2008-2011.

Concepts are the word bigrams of each sentence (:func:`summarizer.text.words`, stemmed
with :func:`summarizer.text.stem`), without the bigrams whose two words are both stop
words, as ICSI did. A concept's weight is its document frequency: the number of articles
with a sentence containing it (a deduplicated unit counts every article of its
``support``). Concepts in fewer than ``rank.ilp.min_df`` articles (3) are dropped. That
threshold is the paper's for TAC's 10-article clusters; a smaller cluster of n articles
uses it in proportion, ``max(1, round(min_df * n / 10))`` (3 articles: 1), since at
Multi-News sizes (2-9 articles) a concept in 3 articles is rare or absent and the
program would have almost nothing to cover; larger clusters keep ``min_df``. The program:

    maximise   sum_c w_c c_c
    subject to sum_j l_j s_j <= words budget   (and the sentence and byte budgets, if set)
               s_j <= c_c        for every concept c of sentence j
               sum_{j ∋ c} s_j >= c_c
               s_j, c_c in {0, 1}

over the ``ctx.eligible`` units that fit the budget alone (the others are not variables:
fixed at 0). Only the s_j are declared integer: once they are 0 or 1 the constraints
force every c_c to 0 or 1 as well (c_c >= s_j and c_c <= sum s_j), so the optimum is the
paper's, and HiGHS branches on sentences only (the hardest duc2003 cluster: 1 s instead
of 12). The byte budget, "bytes of the chosen plus one separator between each two",
is written exactly as sum_j (bytes_j + 1) s_j <= bytes + 1. It is solved with HiGHS
(``scipy.optimize.milp``; deterministic) within ``rank.ilp.time_limit`` seconds.

Where this differs from the paper:

* **Time limit**: when HiGHS stops at the limit, the better of its best solution so far
  (if any) and a greedy (largest new concept weight per word, ties to the lower index)
  is used, and :class:`~summarizer.rank.Choice` carries a note saying so (the pipeline
  logs it as a warning).
* **Position prior** (``rank.ilp.position`` > 0; off by default, as in the paper): a
  concept's weight is multiplied by ``1 + position / (1 + p)``, p the earliest position
  (sentence index in its article) at which it occurs. (ICSI's TAC systems used a similar
  first-sentence boost.)
* **Query** (our extension): with a query, each sentence's objective coefficient gains
  ``query.weight * rel_j * top``, rel the query relevance (:mod:`.query`) normalised to
  a maximum of 1 and ``top`` the largest total concept weight of a sentence, so weight 1
  makes the most relevant sentence worth as much as the richest sentence's concepts.
* Sentence compression and the ICSI pre-filters (length, overlap with the query) are not
  done; the shared fragment rules (``ctx.eligible``) stand for the latter.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from itertools import takewhile
from typing import Sequence

import numpy as np
import scipy.sparse as sp

from ..budget import first_fit
from . import Choice, Context


def choose(ctx: Context, config) -> Choice:
    """The optimal concept coverage under the budget (see the module docstring).
    Returns the chosen indices in index order and, as each unit's score, its objective
    coefficient: the total weight of its concepts (plus the query term)."""
    n = len(ctx.units)
    if n == 0:
        return Choice([], np.zeros(0))
    cfg = config.ilp
    concepts, weights = concept_weights(ctx.units, ctx.language, cfg.min_df, cfg.position,
                                        ctx.n_articles)
    # Unit x concept incidence (0/1), over the kept concepts.
    rows = [j for j, cs in enumerate(concepts) for _ in cs]
    cols = [c for cs in concepts for c in cs]
    A = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(weights)))
    coef = A @ weights
    query = _query_term(ctx, coef)
    coef = coef + query
    candidates = [j for j in range(n) if ctx.eligible[j] and ctx.fits([], j)]
    if not candidates:
        return Choice([], coef)
    chosen, note = _solve(ctx, A, weights, query, candidates, cfg.time_limit)
    return Choice(sorted(chosen), coef, [note] if note else [])


@contextmanager
def _stdout_silenced():
    """File descriptor 1 sent to /dev/null while HiGHS runs: with ``disp`` off it still
    prints some messages ("HighsMipSolverData::...") from C++ straight to the process's
    stdout, where they would land inside a summary or a JSON document."""
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no file descriptor 1 (an embedding host): nothing to guard
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def concept_weights(units: Sequence, language, min_df: int, position: float = 0.0,
                    n_articles: int | None = None) -> tuple[list[list[int]], np.ndarray]:
    """Each unit's concepts (ids into the weights) and each concept's weight: the number
    of articles containing it, times the position prior when ``position`` > 0. Concepts
    below ``min_df`` articles are dropped (in proportion for clusters of fewer than 10
    articles; see the module docstring)."""
    from ..text import is_stop_word, stem, words

    code = getattr(language, "code", language)
    if n_articles is None:
        n_articles = len({a for u in units for a, _ in u.support})
    if n_articles < 10:
        min_df = min(min_df, max(1, round(min_df * n_articles / 10)))
    grams: list[set[tuple[str, str]]] = []
    articles: dict[tuple[str, str], set[int]] = {}
    earliest: dict[tuple[str, str], int] = {}
    for u in units:
        toks = words(u.text, language)
        stops = [is_stop_word(t, language) for t in toks]
        stems = [stem(t, code) for t in toks]
        mine = {(stems[i], stems[i + 1]) for i in range(len(toks) - 1)
                if not (stops[i] and stops[i + 1])}
        grams.append(mine)
        arts = {a for a, _ in u.support}
        first = min(p for _, p in u.support)
        for g in mine:
            articles.setdefault(g, set()).update(arts)
            earliest[g] = min(earliest.get(g, first), first)
    kept = sorted(g for g, arts in articles.items() if len(arts) >= min_df)
    ids = {g: i for i, g in enumerate(kept)}
    weights = np.array([len(articles[g]) for g in kept], dtype=np.float64)
    if position > 0 and len(kept):
        weights *= 1.0 + position / (1.0 + np.array([earliest[g] for g in kept], dtype=np.float64))
    concepts = [sorted(ids[g] for g in mine if g in ids) for mine in grams]
    return concepts, weights


def _query_term(ctx: Context, coef: np.ndarray) -> np.ndarray:
    """``weight * rel / max(rel) * max(coef)`` per unit; zeros without a query."""
    n = len(ctx.units)
    if ctx.query is None:
        return np.zeros(n)
    rel = np.asarray(ctx.query.relevance, dtype=np.float64)
    if not len(rel) or rel.max() <= 0:
        return np.zeros(n)
    top = coef.max() if len(coef) and coef.max() > 0 else 1.0
    return ctx.query.weight * top * rel / rel.max()


def _solve(ctx: Context, A: sp.csr_matrix, weights: np.ndarray, query: np.ndarray,
           candidates: list[int], time_limit: float) -> tuple[list[int], str | None]:
    """The ILP over ``candidates``; (chosen unit indices, a note or None)."""
    from scipy.optimize import LinearConstraint, milp

    cand = np.asarray(candidates)
    sub = A[cand]  # candidates x concepts
    used = np.flatnonzero(np.asarray(sub.sum(axis=0)).ravel() > 0)
    sub = sub[:, used].tocsr()
    w = weights[used]
    m, k = sub.shape
    # Variables: s (m sentences), then c (k concepts); milp minimises.
    c = -np.concatenate([query[cand], w])
    blocks, lower, upper = [], [], []
    budget = ctx.budget
    lengths = np.asarray(ctx.lengths, dtype=np.float64)[cand]
    zeros_k = sp.csr_matrix((1, k))
    if budget.words is not None:
        blocks.append(sp.hstack([sp.csr_matrix(lengths[None, :]), zeros_k]))
        upper.append(budget.words)
    if budget.sentences is not None:
        blocks.append(sp.hstack([sp.csr_matrix(np.ones((1, m))), zeros_k]))
        upper.append(budget.sentences)
    if budget.bytes is not None:
        size = np.array([len(ctx.units[j].text.encode("utf-8")) + 1 for j in cand], dtype=np.float64)
        blocks.append(sp.hstack([sp.csr_matrix(size[None, :]), zeros_k]))
        upper.append(budget.bytes + 1)
    lower.extend([-np.inf] * len(blocks))
    if sub.nnz:
        coo = sub.tocoo()
        e = np.arange(coo.nnz)
        # s_j - c_c <= 0, one row per (sentence, concept) occurrence
        occ = sp.csr_matrix((np.concatenate([np.ones(coo.nnz), -np.ones(coo.nnz)]),
                             (np.concatenate([e, e]), np.concatenate([coo.row, m + coo.col]))),
                            shape=(coo.nnz, m + k))
        blocks.append(occ)
        lower.extend([-np.inf] * coo.nnz)
        upper.extend([0.0] * coo.nnz)
        # c_c - sum_{j ∋ c} s_j <= 0
        blocks.append(sp.hstack([-sub.T, sp.identity(k, format="csr")]))
        lower.extend([-np.inf] * k)
        upper.extend([0.0] * k)
    if blocks:
        cons = [LinearConstraint(sp.vstack(blocks).tocsr(), np.array(lower), np.array(upper))]
    else:
        cons = []
    # s binary; c continuous in [0, 1] (see the module docstring)
    integrality = np.concatenate([np.ones(m), np.zeros(k)])
    with _stdout_silenced():
        res = milp(c, constraints=cons, integrality=integrality,
                   bounds=(0, 1), options={"time_limit": float(time_limit), "disp": False})
    if res.status == 0 and res.x is not None:
        return cand[res.x[:m] > 0.5].tolist(), None
    greedy = _greedy(ctx, sub, w, query, cand)
    value = _value(sub, w, query, cand, greedy)
    why = ("hit the %g s time limit" % time_limit if res.status == 1
           else f"returned no solution ({res.message})")
    if res.x is not None:
        found = cand[res.x[:m] > 0.5].tolist()
        if _fits_all(ctx, found) and _value(sub, w, query, cand, found) >= value:
            return found, (f"ilp: HiGHS {why}; its best solution so far used "
                           "(not proven optimal)")
    return greedy, f"ilp: HiGHS {why}; greedy fallback used"


def _value(sub, w, query, cand, chosen) -> float:
    pos = np.flatnonzero(np.isin(cand, chosen))
    covered = np.asarray(sub[pos].sum(axis=0)).ravel() > 0
    return float(w[covered].sum() + query[cand[pos]].sum())


def _fits_all(ctx: Context, chosen: list[int]) -> bool:
    return all(ctx.fits(chosen[:i], j) for i, j in enumerate(chosen))


def _greedy(ctx: Context, sub: sp.csr_matrix, w: np.ndarray, query: np.ndarray,
            cand: np.ndarray) -> list[int]:
    """Repeatedly the candidate of largest new concept weight (plus query term) per word
    that still fits, ties to the lower index, while one adds anything."""
    covered = np.zeros(len(w), dtype=bool)
    alive = np.ones(len(cand), dtype=bool)
    lengths = np.maximum(np.asarray(ctx.lengths, dtype=np.float64)[cand], 1.0)
    chosen: list[int] = []
    while alive.any():
        gain = sub @ np.where(covered, 0.0, w) + query[cand]
        ratio = np.where(alive, gain / lengths, -np.inf)
        order = np.argsort(-ratio, kind="stable")[: int(alive.sum())].tolist()
        adding = takewhile(lambda p: gain[p] > 0, order)
        taken = first_fit(adding, lambda p: ctx.fits(chosen, int(cand[p])), alive)
        if taken is None:
            break
        chosen.append(int(cand[taken]))
        covered[sub[taken].indices] = True
    return sorted(chosen)
