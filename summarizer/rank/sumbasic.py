"""SumBasic (Nenkova & Vanderwende, 2005, "The impact of frequency on summarization",
MSR-TR-2005-101): a selector driven by word probabilities in the cluster alone.

1. p(w) = n(w) / N over the cluster's words;
2. a sentence's weight is the mean p(w) of its words;
3. take the best-weighted sentence among those containing the highest-probability word;
4. p(w) <- p(w)^2 for every word of that sentence (``rank.sumbasic.update: square``;
   ``none`` leaves p unchanged: frequency alone, FreqSum in the config's words);
5. back to 2 until the summary is full.

Where this deviates from the paper:

* Words are the pipeline's tokens (:attr:`Context.tokens`: the language's stop words
  removed, then stemmed). Nenkova & Vanderwende counted the surface words of English
  news, without stemming. We stem so that SumBasic counts the same vocabulary as every
  other method here (TF-IDF, the centroid, KL-Sum), and because outside English raw
  forms split one word's count over its inflections (French ``pont``/``ponts``, Greek
  and Russian case endings), which would hide the frequent words step 3 looks for.
* Counts are over the input as written, before deduplication: a unit standing for k
  sentences (``len(unit.support)``) counts k times, so a fact many articles repeat keeps
  the weight the paper gives it. A sentence's weight (step 2) counts its own tokens
  once each occurrence.
* Only ``ctx.eligible`` units are candidates (the fragment rules every method shares,
  applied before), and a candidate that does not fit the budget (``ctx.fits``) is
  passed over for good: budgets only fill up. When no fitting candidate contains the
  highest-probability word, step 3 uses the highest-probability word that a fitting
  candidate contains. Selection ends when no eligible candidate fits, or none has a
  token left (a sentence of stop words alone contains no word for step 3).
* Ties: when several words share the highest probability, any of them qualifies a
  sentence in step 3; sentences of equal weight go by unit index (the earlier first).
* The priors (``rank.priors``) and a query are not used: the paper has neither.

Scores: a chosen unit's weight when it was chosen; every other unit's initial weight.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import scipy.sparse as sp

from ..budget import first_fit
from . import Choice, Context


def token_counts(tokens: Sequence[Sequence[str]]) -> sp.csr_matrix:
    """Units x vocabulary matrix of token counts (vocabulary in order of first use).

    Args:
        tokens: each unit's tokens.
    Returns:
        a float64 CSR matrix, one row per unit, one column per distinct token."""
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, toks in enumerate(tokens):
        for t in toks:
            rows.append(i)
            cols.append(vocab.setdefault(t, len(vocab)))
    C = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(tokens), len(vocab)))
    C.sum_duplicates()
    return C


def _support(ctx: Context) -> np.ndarray:
    """How many input sentences each unit stands for."""
    return np.array([len(u.support) for u in ctx.units], dtype=np.float64)


def _best(candidates: np.ndarray, weight: np.ndarray) -> list[int]:
    """Candidate indices by weight, best first, ties by index."""
    idx = np.flatnonzero(candidates)
    return idx[np.argsort(-weight[idx], kind="stable")].tolist()


def choose(ctx: Context, config) -> Choice:
    """SumBasic's summary of ``ctx`` (``config`` is the ``rank`` section)."""
    C = token_counts(ctx.tokens)
    length = np.asarray(C.sum(axis=1)).ravel()
    present = C.copy()
    present.data[:] = 1.0
    present = present.tocsc()
    total = np.asarray(C.T @ _support(ctx)).ravel()
    p = total / total.sum() if total.sum() > 0 else total

    def weights() -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(length > 0, (C @ p) / np.maximum(length, 1), 0.0)

    weight = weights()
    scores = weight.copy()
    alive = np.asarray(ctx.eligible, dtype=bool) & (length > 0)
    square = config.sumbasic.update == "square"
    chosen: list[int] = []
    while alive.any():
        # The words some candidate still contains, and the best of them (step 3).
        reachable = np.asarray(present.T @ alive.astype(np.float64)).ravel() > 0
        top = p[reachable].max()
        words = np.flatnonzero(reachable & (p == top))
        has_top = np.asarray(present[:, words].sum(axis=1)).ravel() > 0
        taken = first_fit(_best(alive & has_top, weight), lambda i: ctx.fits(chosen, i), alive)
        if taken is None:
            continue  # none with the top word fits: the next word (they are gone now)
        chosen.append(taken)
        scores[taken] = weight[taken]
        if square:
            row = C.indices[C.indptr[taken]:C.indptr[taken + 1]]
            p[row] = p[row] ** 2
            weight = weights()
    return Choice(indices=chosen, scores=scores)
