"""Groups of sentences joined by duplicate pairs: a Python union-find for the driver's
passes, and its numpy counterpart for the millions of pairs the near pass may give."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


class _Components:
    """Groups of texts joined by near-duplicate pairs, in numpy: each text's label is the
    smallest index of its group."""

    def __init__(self, n: int):
        self.label = np.arange(n, dtype=np.int64)

    def apart(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        return self.label[i] != self.label[j]

    def join(self, i: np.ndarray, j: np.ndarray) -> None:
        if not len(i):
            return
        from scipy.sparse.csgraph import connected_components

        touched, inv = np.unique(np.concatenate([self.label[i], self.label[j]]),
                                 return_inverse=True)
        k = len(touched)
        graph = sp.coo_matrix((np.ones(len(i)), (inv[:len(i)], inv[len(i):])), shape=(k, k))
        _, group = connected_components(graph, directed=False)
        smallest = np.full(group.max() + 1, len(self.label), dtype=np.int64)
        np.minimum.at(smallest, group, touched)
        relabel = np.arange(len(self.label), dtype=np.int64)
        relabel[touched] = smallest[group]
        self.label = relabel[self.label]
