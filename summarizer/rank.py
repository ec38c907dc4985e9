"""Centrality ranking of deduplicated sentences.

Each ranker takes the row-normalised sentence vectors X (sparse TF-IDF or dense
embeddings) and returns one non-negative score per row:

- ``lexrank``: continuous LexRank (Erkan & Radev, 2004): cosine graph, edges below
  ``threshold`` and negative cosines dropped, row-stochastic, damped power iteration
  with tolerance and an iteration cap, all on a sparse matrix. Self-loops are removed,
  so a sentence similar to nothing does not keep its own mass.
- ``textrank``: TextRank (Mihalcea & Tarau, 2004): the same random walk on word-overlap
  similarity normalised by log sentence lengths.
- ``centroid``: cosine with the cluster centroid (Radev et al., 2004).

Priors (see :class:`PriorsConfig`) multiply the scores afterwards.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
import scipy.sparse as sp

from .config import PriorsConfig, RankConfig
from .documents import Unit
from .registry import Registry
from .similarity import similarity_graph
from .text import word_count

RANKERS: Registry[Callable] = Registry("ranker")


def power_iteration(W: sp.csr_matrix, damping: float = 0.85, tol: float = 1e-6,
                    max_iter: int = 200) -> np.ndarray:
    """Stationary distribution of the damped random walk on weighted graph W.

    Rows of W are normalised to sum to one; a row with no edges jumps uniformly
    (its mass is spread over all nodes), so the walk is always well defined."""
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
    for _ in range(max_iter):
        spread = p[dangling].sum() / n
        new = (1.0 - damping) / n + damping * (WT @ (inv * p) + spread)
        new /= new.sum()
        if np.abs(new - p).sum() < tol:
            return new
        p = new
    return p


@RANKERS.register("lexrank")
def lexrank(X, units: Sequence[Unit], config: RankConfig) -> np.ndarray:
    # Top-k graph without self-loops: each sentence keeps its ``max_neighbors`` most
    # similar others, so memory is bounded by n * k edges (not symmetric; see
    # similarity_graph).
    W = similarity_graph(X, config.threshold, max_neighbors=config.max_neighbors,
                         self_loops=False)
    return power_iteration(W, config.damping, config.tol, config.max_iter)


@RANKERS.register("textrank")
def textrank(X, units: Sequence[Unit], config: RankConfig) -> np.ndarray:
    B = X.copy() if sp.issparse(X) else None
    if B is None:
        # Dense embeddings have no word overlap: use clipped cosine instead.
        W = similarity_graph(X, 0.0)
    else:
        B = B.tocsr()
        B.data[:] = 1.0
        lengths = np.asarray(B.sum(axis=1)).ravel()
        overlap = (B @ B.T).tocoo()
        off = overlap.row != overlap.col
        r, c, v = overlap.row[off], overlap.col[off], overlap.data[off]
        denom = np.log1p(lengths[r]) + np.log1p(lengths[c])
        W = sp.csr_matrix((v / np.maximum(denom, 1e-9), (r, c)), shape=overlap.shape)
    return power_iteration(W, config.damping, config.tol, config.max_iter)


@RANKERS.register("centroid")
def centroid(X, units: Sequence[Unit], config: RankConfig) -> np.ndarray:
    if X.shape[0] == 0:
        return np.zeros(0)
    c = np.asarray(X.mean(axis=0)).ravel()
    norm = np.linalg.norm(c)
    if norm == 0:
        return np.full(X.shape[0], 1.0 / X.shape[0])
    scores = X @ (c / norm)
    return np.clip(np.asarray(scores).ravel(), 0, None)


def apply_priors(scores: np.ndarray, units: Sequence[Unit], priors: PriorsConfig) -> np.ndarray:
    """Multiply centrality by documented priors on position, support and length."""
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


def prefilter(X, units: Sequence[Unit], config: RankConfig = RankConfig()) -> np.ndarray | None:
    """Indices of the units to rank when there are more than ``config.max_sentences``,
    else None.

    The strategy for clusters too large for the graph: score every unit by its cosine
    with the cluster centroid (the ``centroid`` ranker) times the configured priors
    (position, support, length: the same factors the final scores get), and keep the
    ``max_sentences`` best, returned in their original order; ties keep the earlier
    unit. This costs O(nnz(X)), and drops the sentences least like the cluster as a
    whole, which the graph would rank low anyway."""
    n = X.shape[0]
    m = config.max_sentences
    if m is None or n <= m:
        return None
    scores = apply_priors(centroid(X, units, config), units, config.priors)
    best = np.argsort(-scores, kind="stable")[:m]
    return np.sort(best)


def rank(X, units: Sequence[Unit], config: RankConfig = RankConfig()) -> np.ndarray:
    """Scores for ``units`` (rows of X) by the configured ranker and priors."""
    scores = RANKERS.get(config.method)(X, units, config)
    return apply_priors(scores, units, config.priors)
