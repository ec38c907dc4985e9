"""Greedy KL-Sum (Haghighi & Vanderwende, 2009, "Exploring content models for
multi-document summarization", NAACL): the summary whose unigram distribution is
closest to the cluster's, found greedily.

P is the cluster's unigram distribution; Q_S the summary S's, smoothed by adding
``rank.klsum.smoothing`` (delta) to the count of every cluster word:
``Q_S(w) = (c_S(w) + delta) / (|S| + delta V)``. At each step the eligible sentence
that fits the budget and minimises KL(P || Q_{S + s}) is added.

Where this deviates from the paper, or fills in what it leaves open:

* Words are the pipeline's tokens (:attr:`Context.tokens`: stop words removed, stemmed),
  the same vocabulary the other methods use; V is the number of distinct tokens in the
  cluster.
* P counts the input as written, before deduplication: a unit standing for k sentences
  (``len(unit.support)``) counts k times. The summary counts each chosen unit once.
* Stopping: only when no eligible sentence fits the budget (``ctx.fits``; a sentence
  that does not fit is passed over for good, budgets only fill up), as the paper's
  objective is the divergence under a length limit. We do not also stop when no
  addition lowers the divergence: with a small delta the empty summary's smoothed
  distribution is uniform over the cluster's words, which is closer to P than any
  one-sentence summary (whose delta-smoothed Q puts almost nothing on the words it
  lacks), so that rule would end most summaries before their first sentence.
* Only ``ctx.eligible`` units are candidates (the fragment rules every method shares,
  applied before). Equal divergences go by unit index (the earlier first).
* The priors (``rank.priors``) and a query are not used: the paper has neither.
* A cluster without a single content word has no P: its eligible units are taken in
  input order while they fit, with a note.

The greedy step is vectorised: KL(P || Q) = sum P log P - sum P log Q, and adding s
changes sum P log Q only on s's words and in the normaliser, so every candidate's gain
costs one pass over the nonzeros of the count matrix.

Scores: how much a chosen unit lowered the divergence when it was added; every other
unit's decrease when added to the empty summary. Both can be negative (the first
sentence usually raises the divergence from the uniform Q, see above); higher is
better either way.
"""

from __future__ import annotations

import numpy as np

from ..budget import fill, first_fit
from . import Choice, Context
from .sumbasic import token_counts


def _gains(C, rows_of_nnz, P, c_s, n_s, lengths, delta, V) -> np.ndarray:
    """The decrease of KL(P || Q) from adding each unit (row of C) to the summary with
    counts ``c_s`` and ``n_s`` tokens."""
    base = c_s[C.indices] + delta
    term = P[C.indices] * (np.log(base + C.data) - np.log(base))
    covered = np.bincount(rows_of_nnz, weights=term, minlength=C.shape[0])
    norm = np.log(n_s + lengths + delta * V) - np.log(n_s + delta * V)
    return covered - norm


def choose(ctx: Context, config) -> Choice:
    """Greedy KL-Sum's summary of ``ctx`` (``config`` is the ``rank`` section)."""
    n = len(ctx.units)
    delta = float(config.klsum.smoothing)
    C = token_counts(ctx.tokens)
    V = C.shape[1]
    notes = []
    if V == 0:
        # No content word anywhere: the divergence is undefined; units in input order.
        notes.append("klsum: the cluster has no content words; sentences taken in order")
        chosen = fill(np.flatnonzero(ctx.eligible).tolist(), ctx.fits)
        return Choice(indices=chosen, scores=np.zeros(n), notes=notes)
    lengths = np.asarray(C.sum(axis=1)).ravel()
    rows_of_nnz = np.repeat(np.arange(n), np.diff(C.indptr))
    support = np.array([len(u.support) for u in ctx.units], dtype=np.float64)
    total = np.asarray(C.T @ support).ravel()
    P = total / total.sum() if total.sum() > 0 else total
    c_s = np.zeros(V)
    n_s = 0.0
    gain = _gains(C, rows_of_nnz, P, c_s, n_s, lengths, delta, V)
    scores = gain.copy()
    alive = np.asarray(ctx.eligible, dtype=bool).copy()
    chosen: list[int] = []
    while alive.any():
        idx = np.flatnonzero(alive)
        order = idx[np.argsort(-gain[idx], kind="stable")]
        taken = first_fit(order.tolist(), lambda i: ctx.fits(chosen, i), alive)
        if taken is None:
            break
        chosen.append(taken)
        scores[taken] = gain[taken]
        lo, hi = C.indptr[taken], C.indptr[taken + 1]
        c_s[C.indices[lo:hi]] += C.data[lo:hi]
        n_s += lengths[taken]
        gain = _gains(C, rows_of_nnz, P, c_s, n_s, lengths, delta, V)
    return Choice(indices=chosen, scores=scores, notes=notes)
