"""Continuous LexRank (Erkan & Radev, 2004, "LexRank: Graph-based lexical centrality as
salience in text summarization").

Cosine graph of the sentence vectors, edges below ``rank.lexrank.threshold`` and negative
cosines dropped, each sentence keeping at most ``max_neighbors`` most similar others;
self-loops removed (a sentence similar to nothing does not keep its own mass); the
damped random walk's stationary distribution, all on sparse matrices.

With a query (``query.text``, or the cluster's topic with ``query.from_topic``) this is
biased LexRank (Otterbacher, Erkan & Radev, 2005, "Using random walks for
question-focused sentence retrieval"): a share ``query.bias`` of the walk's steps jumps
to sentences in proportion to their relevance to the query.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ..documents import Unit
from . import Choice, Context, by_score
from .walk import power_iteration


def score(X, units: Sequence[Unit], config, query=None) -> np.ndarray:
    """LexRank scores of the rows of X (``config`` is the ``rank`` section)."""
    from ..similarity import similarity_graph

    cfg = config.lexrank
    # Top-k graph without self-loops: each sentence keeps its ``max_neighbors`` most
    # similar others, so memory is bounded by n * k edges (not symmetric; see
    # similarity_graph).
    W = similarity_graph(X, cfg.threshold, max_neighbors=cfg.max_neighbors,
                         self_loops=False)
    if query is None or query.bias == 0 or not query.relevance.any():
        return power_iteration(W, cfg.damping, cfg.tol, cfg.max_iter)
    jump = query.relevance / query.relevance.sum()
    return power_iteration(W, 1.0 - query.bias, cfg.tol, cfg.max_iter, jump=jump)


def choose(ctx: Context, config) -> Choice:
    """LexRank's scores, taken by the selection step under the budget (:func:`.by_score`)."""
    return by_score(ctx, score(ctx.X, ctx.units, config, ctx.query))
