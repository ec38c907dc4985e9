"""The damped random walk shared by the graph methods (LexRank, TextRank)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp


def power_iteration(W: sp.csr_matrix, damping: float = 0.85, tol: float = 1e-6,
                    max_iter: int = 200, jump: np.ndarray | None = None) -> np.ndarray:
    """Stationary distribution of the damped random walk on weighted graph W.

    Rows of W are normalised to sum to one; a row with no edges jumps like a random
    restart, so the walk is always well defined. ``jump`` (non-negative, summing to one)
    is where restarts land; None: uniformly (biased LexRank passes query relevance)."""
    n = W.shape[0]
    if n == 0:
        return np.zeros(0)
    W = sp.csr_matrix(W)
    out = np.asarray(W.sum(axis=1), dtype=np.float64).ravel()
    dangling = out == 0
    inv = np.where(dangling, 0.0, 1.0 / np.where(dangling, 1.0, out))
    # M^T p with M = D^-1 W is W^T (D^-1 p): no normalised copy of W is ever built,
    # and W.T is a free CSC view.
    WT = W.T
    p = np.full(n, 1.0 / n)
    if jump is None:
        for _ in range(max_iter):
            spread = p[dangling].sum() / n
            new = (1.0 - damping) / n + damping * (WT @ (inv * p) + spread)
            new /= new.sum()
            if np.abs(new - p).sum() < tol:
                return new
            p = new
        return p
    for _ in range(max_iter):
        lost = p[dangling].sum()
        new = (1.0 - damping) * jump + damping * (WT @ (inv * p) + lost * jump)
        new /= new.sum()
        if np.abs(new - p).sum() < tol:
            return new
        p = new
    return p
