"""The cosine similarity graph of L2-normalised sentence vectors, sparse or dense.

:func:`similarity_graph` keeps the entries above a threshold and, optionally, each row's
k largest, computing the similarities in row blocks of bounded memory; :func:`cosine_rows`
gives a dense block of similarities (what MMR reads).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp


def cosine_rows(X, rows, Y=None) -> np.ndarray:
    """Dense cosine similarities of rows ``rows`` of X against all rows of Y (default X)."""
    Y = X if Y is None else Y
    block = X[rows] @ Y.T
    return block.toarray() if sp.issparse(block) else np.asarray(block)


# Scratch memory one row block of the graph may use (the block's similarities, dense or
# sparse, and the temporaries of selecting from them): peak memory of the graph is this
# plus the kept edges, whatever the cluster.
GRAPH_BLOCK_BYTES = 128 * 2**20


def _row_blocks(bound: np.ndarray, per_entry: int, block_bytes: int, max_rows: int | None = None):
    """Contiguous row ranges whose summed ``bound`` (entries each row may produce) times
    ``per_entry`` bytes stays under ``block_bytes``; a block has at least one row and at
    most ``max_rows``."""
    cap = max(block_bytes // per_entry, 1)
    n = len(bound)
    start = 0
    cum = np.cumsum(bound, dtype=np.int64)
    while start < n:
        base = cum[start - 1] if start else 0
        end = int(np.searchsorted(cum, base + cap, side="right"))
        end = min(max(end, start + 1), n, start + max_rows if max_rows else n)
        yield start, end
        start = end


def _top_k_csr(indptr: np.ndarray, data: np.ndarray, k: int) -> np.ndarray | None:
    """Mask of the entries to keep so each CSR row keeps its ``k`` largest (None: keep
    all). Over-full rows are grouped by the power of two of their length and padded to
    the group's longest, then one argpartition per group: O(entries), no sort."""
    counts = np.diff(indptr)
    over = np.flatnonzero(counts > k)
    if not len(over):
        return None
    keep = np.ones(len(data), dtype=bool)
    spans = np.repeat(indptr[over], counts[over]) + (
        np.arange(counts[over].sum()) - np.repeat(np.cumsum(counts[over]) - counts[over], counts[over]))
    keep[spans] = False
    del spans
    level = np.log2(counts[over]).astype(np.int64)
    for lv in np.unique(level):
        rows = over[level == lv]
        width = int(counts[rows].max())
        offs = np.arange(width)
        pos = indptr[rows][:, None] + offs[None, :]
        valid = offs[None, :] < counts[rows][:, None]
        vals = np.where(valid, data[np.where(valid, pos, 0)], -np.inf)
        top = np.argpartition(vals, width - k, axis=1)[:, width - k:]
        keep[np.take_along_axis(pos, top, axis=1).ravel()] = True
    return keep


def _top_k_dense(D: np.ndarray, k: int, cut: float):
    """Row, column and value of the entries >= cut (and > 0) among the ``k`` largest of
    each row of D."""
    n = D.shape[1]
    top = np.argpartition(D, n - k, axis=1)[:, n - k:]
    vals = np.take_along_axis(D, top, axis=1)
    ok = (vals >= cut) & (vals > 0)
    r = np.repeat(np.arange(D.shape[0]), k).reshape(D.shape[0], k)
    return r[ok], top[ok], vals[ok]


def similarity_graph(X, threshold: float = 0.0, chunk: int | None = None,
                     max_neighbors: int | None = None, self_loops: bool = True,
                     block_bytes: int = GRAPH_BLOCK_BYTES) -> sp.csr_matrix:
    """Sparse cosine similarity graph of the rows of X (L2-normalised, sparse or dense).

    Entries below ``threshold`` and all non-positive cosines are dropped; without
    ``self_loops`` the diagonal is dropped before anything else. With ``max_neighbors``
    = k each row keeps only its k largest remaining entries (exact top-k: every
    similarity of the row is computed), so the graph has at most n·k edges. The result
    is then **not symmetric**: row i holds i's k nearest neighbours, and i may be among
    j's without j being among i's (for a random walk on it, out-degree is bounded and
    in-degree is not). With k at least the largest row degree (n - 1 always is) the graph
    equals the thresholded one. Ties at the k-th value are broken deterministically, not
    by column. ``max_neighbors=None`` keeps every edge above the threshold, so the result
    can grow with n² (dense clusters).

    The similarities are computed in row blocks sized so that one block's scratch stays
    under ``block_bytes`` (a dense block × n array when the vectors are dense or the
    block's products are, the sparse product otherwise), so peak memory is that plus the
    kept edges. ``chunk`` caps the rows of a block (kept for callers that set it)."""
    n = X.shape[0]
    if n == 0:
        return sp.csr_matrix((0, 0), dtype=np.float32)
    if max_neighbors is not None and max_neighbors < 1:
        raise ValueError(f"max_neighbors must be at least 1, got {max_neighbors}")
    cut = max(float(threshold), 0.0)
    k = None if max_neighbors is None or max_neighbors >= n else int(max_neighbors)
    dense_route = not sp.issparse(X)
    if dense_route:
        Xd = np.asarray(X, dtype=np.float32)
        bound = np.full(n, n, dtype=np.int64)
    else:
        X = sp.csr_matrix(X, dtype=np.float32)
        XT = X.T.tocsr()
        # Entries row i's products can produce: sum of its terms' document frequencies.
        ones = sp.csr_matrix((np.ones(X.nnz), X.indices, X.indptr), shape=X.shape)
        bound = np.minimum(ones @ np.diff(XT.indptr).astype(np.float64), n).astype(np.int64)
        # A small vocabulary with dense products (sentences drawn from one text) is far
        # cheaper as dense BLAS than as a sparse product.
        if X.shape[1] * n * 4 <= block_bytes // 2 and bound.mean() > 0.25 * n:
            dense_route = True
            Xd = X.toarray()
            bound = np.full(n, n, dtype=np.int64)
    if dense_route:
        XdT = np.ascontiguousarray(Xd.T)
    # Bytes per entry of a block: dense scratch (float32 + the selection's copies) or
    # sparse product (index + value, then the filtered copies and the sort).
    per_entry = 32 if dense_route else 40
    rows_out, cols_out, vals_out = [], [], []
    for start, end in _row_blocks(np.maximum(bound, 1), per_entry, block_bytes, chunk):
        b = end - start
        if dense_route:
            D = Xd[start:end] @ XdT
            if not self_loops:
                D[np.arange(b), np.arange(start, end)] = 0
            if k is None:
                D[D < cut] = 0  # cut >= 0: negative cosines go too
                r, c = np.nonzero(D)
                v = D[r, c]
            else:
                r, c, v = _top_k_dense(D, k, cut)
            del D
        else:
            S = (X[start:end] @ XT).tocsr()
            S.data[S.data < cut] = 0
            S.eliminate_zeros()  # in place: the entries >= cut and != 0 are left
            c, v, indptr = S.indices, S.data, S.indptr
            del S
            counts = np.diff(indptr)
            if not self_loops:
                r = np.repeat(np.arange(b, dtype=np.int64), counts)
                off = c != r + start
                c, v = c[off], v[off]
                counts = np.bincount(r[off], minlength=b)
                del r, off
                indptr = np.concatenate(([0], np.cumsum(counts)))
            if k is not None:
                keep = _top_k_csr(indptr, v, k)
                if keep is not None:
                    c, v = c[keep], v[keep]
                    counts = np.minimum(counts, k)
                    del keep
            r = np.repeat(np.arange(b, dtype=np.int64), counts)
        rows_out.append(np.bincount(r, minlength=b))  # r is sorted: entries are in row order
        cols_out.append(c.astype(np.int32, copy=False))
        vals_out.append(v.astype(np.float32, copy=False))
    counts = np.concatenate(rows_out)
    idx = np.int32 if counts.sum() < 2**31 - 1 else np.int64
    indptr = np.zeros(n + 1, dtype=idx)
    np.cumsum(counts, out=indptr[1:])
    W = sp.csr_matrix((np.concatenate(vals_out), np.concatenate(cols_out).astype(idx, copy=False),
                       indptr), shape=(n, n))
    W.sort_indices()
    return W
