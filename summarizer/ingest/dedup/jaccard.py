"""Exact Jaccard similarity of shingle sets: every pair of a small cluster, or the
candidate pairs MinHash proposes, so no false pair is ever kept."""

from __future__ import annotations

import numpy as np

from .shingle_keys import _Shingles, _sorted_unique


def _jaccard_pairs(sh: _Shingles, threshold: float, chunk: int = 4096) -> list[tuple[int, int]]:
    """All pairs (i < j) with Jaccard >= threshold, from the sparse shingle matrix
    (every pair sharing a shingle is computed: quadratic, for small clusters)."""
    A = sh.matrix()
    sizes = np.diff(A.indptr)
    pairs: list[tuple[int, int]] = []
    for start in range(0, A.shape[0], chunk):
        inter = (A[start:start + chunk] @ A.T).tocoo()
        r = inter.row + start
        c = inter.col
        upper = c > r
        r, c, v = r[upper], c[upper], inter.data[upper]
        union = sizes[r] + sizes[c] - v
        keep = v / np.maximum(union, 1) >= threshold
        pairs.extend(zip(r[keep].tolist(), c[keep].tolist()))
    return sorted(pairs)


def _verified(sh: _Shingles, codes: np.ndarray, threshold: float, batch: int) -> np.ndarray:
    """The distinct pairs of ``codes`` (i * n + j) whose exact Jaccard reaches the
    threshold."""
    codes = _sorted_unique(codes)
    if not len(codes):
        return codes
    i, j = codes // sh.n, codes % sh.n
    texts = _sorted_unique(np.concatenate([i, j]))
    A = sh.matrix(texts)
    row = np.full(sh.n, -1, dtype=np.int64)
    row[texts] = np.arange(len(texts))
    ri, rj = row[i], row[j]
    sizes = np.diff(A.indptr).astype(np.float64)
    keep = np.zeros(len(i), dtype=bool)
    for s in range(0, len(i), batch):
        a, b = ri[s:s + batch], rj[s:s + batch]
        inter = np.asarray(A[a].multiply(A[b]).sum(axis=1)).ravel()
        keep[s:s + batch] = inter / np.maximum(sizes[a] + sizes[b] - inter, 1) >= threshold
    return codes[keep]
