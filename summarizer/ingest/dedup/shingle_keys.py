"""Exact integer keys of character or word shingles (Broder 1997), vectorised with
numpy over the normalised texts' code points or word ids: never Python sets of
strings, so a cluster of a million sentences fits in memory and time."""

from __future__ import annotations

from typing import Sequence

import numpy as np
import scipy.sparse as sp

_WINDOWS = 1 << 21  # shingle windows handled at once (~50 bytes each while in flight)


def _token_ids(norms: Sequence[str], kind: str) -> tuple[np.ndarray, np.ndarray, int]:
    """The normalised texts as one flat array of token ids (>= 1), each text's length in
    tokens and the id base (largest id + 1): characters (numpy over the UTF-32 code
    points) for ``char`` shingles, words for ``word``."""
    if kind == "char":
        lengths = np.fromiter(map(len, norms), dtype=np.int64, count=len(norms))
        cp = np.frombuffer("".join(norms).encode("utf-32-le"), dtype=np.uint32)
        if not cp.size:
            return np.zeros(0, np.int64), lengths, 1
        present = np.zeros(int(cp.max()) + 1, dtype=np.int64)
        present[cp] = 1
        dense = np.cumsum(present)  # code point -> 1..A over the characters present
        return dense[cp], lengths, int(dense[-1]) + 1
    vocab: dict[str, int] = {}
    words = [t.split() for t in norms]
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    ids = np.fromiter((vocab.setdefault(w, len(vocab) + 1) for ws in words for w in ws),
                      dtype=np.int64, count=int(lengths.sum()))
    return ids, lengths, len(vocab) + 1


def _ranks(x: np.ndarray) -> np.ndarray:
    """Dense ranks of the values of x (equal values, equal rank), by one sort (numpy's
    hash-based ``unique`` is far slower on millions of int64)."""
    if not len(x):
        return np.zeros(0, dtype=np.int64)
    order = np.argsort(x, kind="stable")
    xs = x[order]
    step = np.empty(len(x), dtype=np.int64)
    step[0] = 0
    np.not_equal(xs[1:], xs[:-1], out=step[1:])
    out = np.empty(len(x), dtype=np.int64)
    out[order] = np.cumsum(step)
    return out


def _sorted_unique(x: np.ndarray) -> np.ndarray:
    x = np.sort(x)
    keep = np.ones(len(x), dtype=bool)
    keep[1:] = x[1:] != x[:-1]
    return x[keep]


class _Shingles:
    """Exact integer keys of the shingles of many normalised texts, vectorised.

    A shingle's key packs the ids of its ``size`` tokens in base A (A - 1 distinct
    tokens): no hashing, so equal keys are equal shingles. When A**size would not fit
    in 62 bits the keys are built one token at a time, ranking the partial keys. A text
    shorter than one shingle has a single window padded with id 0, so it equals only the
    same short text (as :func:`shingles` yields the text itself); an empty text has no
    shingle."""

    def __init__(self, norms: Sequence[str], kind: str, size: int):
        self.ids, self.lengths, self.base = _token_ids(norms, kind)
        self.size = size
        self.n = len(norms)
        self.starts = np.concatenate(([0], np.cumsum(self.lengths)[:-1])).astype(np.int64)
        self.nwin = np.where(self.lengths >= size, self.lengths - size + 1,
                             np.minimum(self.lengths, 1))
        self.packed = self.base ** size < 2**62
        self.space = self.base ** size if self.packed else None
        if not self.packed:  # rank once over everything, so keys agree across chunks
            sid, key = self._windows(0, self.n, rank=True)
            self._all = (sid, key)
            self.space = int(key.max()) + 1 if len(key) else 1

    def _windows(self, a: int, b: int, rank: bool = False) -> tuple[np.ndarray, np.ndarray]:
        if self.packed:
            return self._packed_windows(a, b)
        return self._general_windows(a, b, rank)

    def _packed_windows(self, a: int, b: int) -> tuple[np.ndarray, np.ndarray]:
        """Keys of texts a..b-1 rolled over their flat token ids at once; texts shorter
        than one shingle are done apart (padded)."""
        size, base = self.size, self.base
        lo = int(self.starts[a]) if a < self.n else 0
        hi = int(self.starts[b - 1] + self.lengths[b - 1]) if b > a else lo
        ids = self.ids[lo:hi]
        length = max(len(ids) - size + 1, 0)
        key = np.zeros(length, dtype=np.int64)
        for q in range(size):
            key *= base
            key += ids[q:q + length]
        lengths = self.lengths[a:b]
        long = lengths >= size
        valid = np.zeros(length, dtype=bool)
        # Windows start at every position of a long text but its last size - 1.
        starts = self.starts[a:b][long] - lo
        delta = np.zeros(length + 1, dtype=np.int64)
        np.add.at(delta, starts, 1)
        np.add.at(delta, starts + lengths[long] - size + 1, -1)
        valid = np.cumsum(delta[:-1]) > 0
        sid = np.repeat(np.arange(a, b, dtype=np.int64)[long], self.nwin[a:b][long])
        key = key[valid]
        short = np.flatnonzero(~long & (lengths > 0)) + a
        if len(short):
            ssid, skey = self._general_windows_of(short)
            sid, key = np.concatenate([sid, ssid]), np.concatenate([key, skey])
        return sid, key

    def _general_windows(self, a: int, b: int, rank: bool = False) -> tuple[np.ndarray, np.ndarray]:
        return self._general_windows_of(np.arange(a, b, dtype=np.int64), rank)

    def _general_windows_of(self, texts: np.ndarray, rank: bool = False
                            ) -> tuple[np.ndarray, np.ndarray]:
        nwin = self.nwin[texts]
        total = int(nwin.sum())
        sid = np.repeat(texts, nwin)
        first = np.concatenate(([0], np.cumsum(nwin)[:-1]))
        pos = np.repeat(self.starts[texts] - first, nwin) + np.arange(total, dtype=np.int64)
        end = np.repeat(self.starts[texts] + self.lengths[texts], nwin)
        last = max(len(self.ids) - 1, 0)
        key = np.zeros(total, dtype=np.int64)
        for q in range(self.size):
            p = pos + q
            comp = np.where(p < end, self.ids[np.minimum(p, last)], 0) if len(self.ids) else 0
            if rank:
                key = _ranks(key * self.base + comp) if total else key
            else:
                key *= self.base
                key += comp
        return sid, key

    def chunks(self):
        """(text index, key) of every window, with repeats, a range of texts at a time."""
        if not self.packed:
            yield self._all
            return
        cum = np.cumsum(self.nwin)
        a = 0
        while a < self.n:
            base = cum[a - 1] if a else 0
            b = min(max(int(np.searchsorted(cum, base + _WINDOWS, side="right")), a + 1), self.n)
            yield self._windows(a, b)
            a = b

    def distinct(self, sid: np.ndarray, key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The (text, key) pairs without repeats, sorted by text then key."""
        if not len(sid):
            return sid, key
        if (int(sid.max()) + 1) * self.space < 2**62:
            comb = np.sort(sid * self.space + key)
            keep = np.ones(len(comb), dtype=bool)
            keep[1:] = comb[1:] != comb[:-1]
            comb = comb[keep]
            return comb // self.space, comb % self.space
        order = np.lexsort((key, sid))
        sid, key = sid[order], key[order]
        keep = np.ones(len(sid), dtype=bool)
        keep[1:] = (sid[1:] != sid[:-1]) | (key[1:] != key[:-1])
        return sid[keep], key[keep]

    def matrix(self, texts: np.ndarray | None = None) -> sp.csr_matrix:
        """Binary (texts x shingles) matrix, rows in the order of ``texts`` (default all),
        columns the distinct keys ranked so the matrix is no wider than they are."""
        rows = np.arange(self.n) if texts is None else np.asarray(texts, dtype=np.int64)
        want = np.zeros(self.n, dtype=bool)
        want[rows] = True
        sids, keys = [], []
        for sid, key in self.chunks():
            m = want[sid]
            s, k = self.distinct(sid[m], key[m])
            sids.append(s)
            keys.append(k)
        sid = np.concatenate(sids) if sids else np.zeros(0, np.int64)
        key = np.concatenate(keys) if keys else np.zeros(0, np.int64)
        cols = _ranks(key) if len(key) else key
        # Rows of ``texts`` in its order: relabel each text to its row.
        row_of = np.full(self.n, -1, dtype=np.int64)
        row_of[rows] = np.arange(len(rows))
        r = row_of[sid]
        order = np.argsort(r, kind="stable")
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(np.bincount(r, minlength=len(rows)), out=indptr[1:])
        width = int(cols.max()) + 1 if len(cols) else 1
        return sp.csr_matrix((np.ones(len(cols), dtype=np.float32), cols[order], indptr),
                             shape=(len(rows), width))
