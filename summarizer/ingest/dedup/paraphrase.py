"""The optional paraphrase pass: sentences that say the same thing in other words
share few shingles, so only their sentence embeddings find them."""

from __future__ import annotations

from typing import Callable

import numpy as np


def paraphrase_pairs(texts: list[str], embed: Callable[[list[str]], np.ndarray],
                     threshold: float) -> list[tuple[int, int]]:
    """Index pairs (i < j) of texts whose embedding cosine reaches ``threshold``
    (``embed`` gives L2-normalised vectors, so the dot product is the cosine)."""
    vecs = embed(texts)
    sims = vecs @ vecs.T
    ii, jj = np.nonzero(np.triu(sims >= threshold, k=1))
    return list(zip(ii.tolist(), jj.tolist()))
