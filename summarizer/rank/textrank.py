"""TextRank (Mihalcea & Tarau, 2004, "TextRank: Bringing order into texts"): the damped
random walk on word-overlap similarity normalised by the log sentence lengths (with
dense embeddings, which have no word overlap: clipped cosine instead)."""

from __future__ import annotations

from typing import Sequence

import numpy as np
import scipy.sparse as sp

from ..documents import Unit
from . import Choice, Context, by_score
from .walk import power_iteration


def score(X, units: Sequence[Unit], config, query=None) -> np.ndarray:
    """TextRank scores of the rows of X (``config`` is the ``rank`` section)."""
    from ..similarity import similarity_graph

    cfg = config.textrank
    if not sp.issparse(X):
        W = similarity_graph(X, 0.0)
    else:
        B = X.copy().tocsr()
        B.data[:] = 1.0
        lengths = np.asarray(B.sum(axis=1)).ravel()
        overlap = (B @ B.T).tocoo()
        off = overlap.row != overlap.col
        r, c, v = overlap.row[off], overlap.col[off], overlap.data[off]
        denom = np.log1p(lengths[r]) + np.log1p(lengths[c])
        W = sp.csr_matrix((v / np.maximum(denom, 1e-9), (r, c)), shape=overlap.shape)
    return power_iteration(W, cfg.damping, cfg.tol, cfg.max_iter)


def choose(ctx: Context, config) -> Choice:
    """TextRank's scores, taken by the selection step under the budget (:func:`.by_score`)."""
    return by_score(ctx, score(ctx.X, ctx.units, config, ctx.query))
