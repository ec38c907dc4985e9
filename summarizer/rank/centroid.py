"""Centroid scoring (Radev, Jing, Styś & Tam, 2004, "Centroid-based summarization of
multiple documents"): each sentence's cosine with the mean of the cluster's sentence
vectors. Radev et al. add position and first-sentence overlap terms; here the shared
priors (``rank.priors``) play that part."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ..documents import Unit
from . import Choice, Context, by_score


def score(X, units: Sequence[Unit], config=None, query=None) -> np.ndarray:
    """Cosine of every row of X with the normalised centroid, clipped at 0."""
    if X.shape[0] == 0:
        return np.zeros(0)
    c = np.asarray(X.mean(axis=0)).ravel()
    norm = np.linalg.norm(c)
    if norm == 0:
        return np.full(X.shape[0], 1.0 / X.shape[0])
    scores = X @ (c / norm)
    return np.clip(np.asarray(scores).ravel(), 0, None)


def choose(ctx: Context, config) -> Choice:
    """The centroid scores, taken by the selection step under the budget (:func:`.by_score`)."""
    return by_score(ctx, score(ctx.X, ctx.units, config, ctx.query))
