"""Coverage plus diversity, maximised by the budgeted greedy of Lin & Bilmes (2011), "A
class of submodular functions for document summarization" (ACL).

The objective over a set S of sentences of the cluster V (N sentences) is

    F(S) = L(S) + lambda * R(S)
    L(S) = sum_i min(C_i(S), alpha * C_i(V)),   C_i(S) = sum_{j in S} w_ij
    R(S) = sum_k sqrt(sum_{j in P_k and S} r_j), r_j = (1/N) sum_i w_ij

with w_ij their tf-idf cosine (``rank.submodular.similarity: paper``, as their
experiments define it): each sentence a vector of raw term counts times idf, the terms
its words and word bigrams ("terms up to bigrams"), the words being the pipeline's tokens
(``ctx.tokens``: the language's stop words removed, stemmed where the language has a
stemmer; theirs were Porter stems). ``similarity: vectors`` takes the cosine of the
pipeline's own vectors instead (``ctx.X``: TF-IDF or embeddings, clipped at 0).
alpha = ``rank.submodular.alpha`` / N (their a / N, a = 5), lambda =
``rank.submodular.diversity`` (6), both tuned on DUC 2003 in the paper (their Figure 1)
and used unchanged on DUC 2004, and the partitions P_k a k-means clustering of the same
vectors into K = ceil(``clusters`` * N) groups (their K = 0.2 N). Their Algorithm 1 (the
modified greedy of Lin & Bilmes 2010) picks, while something fits, the sentence of
largest gain F(S + k) - F(S) over cost c_k^r (c_k its word count, r = ``cost_scaling``,
0.3), and finally returns the best single sentence that fits instead when that alone
scores higher. Gains only shrink as S grows (F is submodular), so the greedy is evaluated
lazily (Minoux's accelerated greedy): the same choices as recomputing every gain at every
step, ties to the lower index. SumRepo's "Submodular" (Hong et al., LREC 2014, on DUC
2004) is this system run by its author; they report ROUGE-1 recall 39.35 on DUC 2004 at
665 bytes. On duc2003 (``configs/duc.yaml``, 100 words) this module scores R-1 / R-2 38.71 /
9.63 (with ``similarity: vectors`` 37.62 / 8.27).

Where this differs from the paper:

* **idf over the cluster's sentences**, log(N / df) with df the sentences holding the
  term. Their text computes idf over "the articles in the document cluster"; read so,
  a term in every article (the topic's own words: the person, the event) weighs 0, and
  on duc2003 the summaries fall to R-1 / R-2 30.57 / 5.23; the sentences as documents,
  as LexRank's TF-IDF has them, keep the topic words (the paper may have meant the
  collection of all clusters, which a per-cluster pipeline does not have). The one
  choice made on duc2003, where the text leaves it open. Bigrams are
  adjacent tokens after stop-word removal (Mogren et al.'s reimplementation, MULTSUM,
  keeps stop words inside bigrams; the paper does not say).
* **Budget in words** (``ctx.fits``) where DUC 2004 counted 665 bytes, so c_k is a word
  count; with ``select.truncate`` the pipeline adds one sentence cut to fill the word
  budget, as the 100-word ROUGE evaluations of SumRepo cut every summary.
* **Query** (our extension, not Lin & Bilmes'): with a query, the modular term
  ``query.weight * top * sum_{j in S} rel_j`` is added to F, rel the query relevance
  (:mod:`.query`) normalised to a maximum of 1 and ``top`` the largest F({j}) without
  it. F grows with N (a sentence covers up to N others), so a bare ``rel`` would vanish
  in a 500-sentence cluster; scaled by ``top``, weight 1 makes the most relevant
  sentence's relevance worth as much as the best sentence's coverage and diversity, in
  any cluster (the ILP scales its query term the same way). Their query-focused runs
  mix relevance into the singleton rewards r_j instead.
* **Large clusters**: above :data:`DENSE_MAX` sentences the N x N similarities are not
  held densely; w is the top-100 graph :func:`summarizer.similarity.similarity_graph`
  (each sentence's 100 most similar, so C_i sums over i's nearest neighbours only), and
  k-means runs on a 100-dimensional truncated SVD of the vectors.
* k-means is scikit-learn's, seeded (``random_state=0``, ``n_init=1``): deterministic.
* The shared budget (``ctx.fits``: words, sentences and bytes) and fragment rules
  (``ctx.eligible``) decide what may be taken; ``rank.priors`` are not read.
"""

from __future__ import annotations

import heapq
import math
import warnings
from collections import Counter
from typing import Sequence

import numpy as np
import scipy.sparse as sp

from . import Choice, Context

# Sentences up to which the similarities are a dense N x N array (200 MB at 5,000).
DENSE_MAX = 5000
_NEIGHBORS = 100
_SVD_DIMS = 100


def choose(ctx: Context, config) -> Choice:
    """Lin & Bilmes' budgeted greedy on F (see the module docstring). Returns the chosen
    indices in the order chosen and, as each unit's score, its value alone, F({j})."""
    n = len(ctx.units)
    if n == 0:
        return Choice([], np.zeros(0))
    cfg = config.submodular
    X = paper_vectors(ctx.tokens) if cfg.similarity == "paper" else ctx.X
    objective = _Objective(X, cfg)
    scores = objective.singletons()
    query = _query_term(ctx)
    if query is not None:
        objective.query = query * max(float(scores.max()), 0.0)
        scores = scores + objective.query
    cost = np.maximum(np.asarray(ctx.lengths, dtype=np.float64), 1.0) ** cfg.cost_scaling
    candidates = [i for i in range(n) if ctx.eligible[i] and ctx.fits([], i)]

    chosen: list[int] = []
    # Heap of (-upper bound on gain / cost, index); a stale entry is recomputed when it
    # reaches the top, and taken when it still beats the next bound.
    heap = [(-scores[i] / cost[i], i) for i in candidates]
    heapq.heapify(heap)
    fresh = {i: 0 for i in candidates}  # step at which each bound was computed
    while heap:
        _, i = heapq.heappop(heap)
        if not ctx.fits(chosen, i):
            continue  # the budget only shrinks: it never fits again
        if fresh[i] != len(chosen):
            fresh[i] = len(chosen)
            heapq.heappush(heap, (-objective.gain(i) / cost[i], i))
            continue
        chosen.append(i)
        objective.add(i)

    # Their last step: the best single sentence that fits, if it beats the greedy set.
    if candidates:
        best = max(candidates, key=lambda i: (scores[i], -i))
        if scores[best] > objective.value:
            chosen = [best]
    return Choice(chosen, scores)


def paper_vectors(tokens: Sequence[Sequence[str]]) -> sp.csr_matrix:
    """Lin & Bilmes' sentence vectors, L2-normalised: each term's count in the sentence
    (raw tf) times its idf, log(N / df) over the N sentences of the cluster (a term in
    every sentence weighs 0), the terms being the sentence's tokens and their adjacent
    pairs ("terms up to bigrams")."""
    docs = [list(toks) + list(zip(toks, toks[1:])) for toks in tokens]
    df = Counter(t for terms in docs for t in set(terms))
    order = sorted(df, key=repr)  # a fixed column order: deterministic k-means
    ids = {t: k for k, t in enumerate(order)}
    idf = np.log(len(docs) / np.array([df[t] for t in order], dtype=np.float64))
    rows, cols, vals = [], [], []
    for i, terms in enumerate(docs):
        for t, count in Counter(terms).items():
            if idf[ids[t]] > 0:
                rows.append(i)
                cols.append(ids[t])
                vals.append(count * idf[ids[t]])
    X = sp.csr_matrix((vals, (rows, cols)), shape=(len(docs), max(len(ids), 1)))
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    return sp.diags(np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)) @ X


def _query_term(ctx: Context) -> np.ndarray | None:
    """``weight * rel / max(rel)`` per unit, or None without a query (or relevance)."""
    if ctx.query is None:
        return None
    rel = np.asarray(ctx.query.relevance, dtype=np.float64)
    top = rel.max() if len(rel) else 0.0
    if top <= 0 or ctx.query.weight == 0:
        return None
    return ctx.query.weight * rel / top


class _Objective:
    """F(S) of the module docstring, with S grown one sentence at a time."""

    def __init__(self, X, cfg, query: np.ndarray | None = None):
        n = X.shape[0]
        self.n = n
        if n <= DENSE_MAX:
            from ..similarity import cosine_rows

            W = np.clip(cosine_rows(X, slice(None)), 0.0, None)
            self._cols = W  # symmetric: column k is row k
            self._sparse = False
            totals = W.sum(axis=1)
        else:
            from ..similarity import similarity_graph

            G = similarity_graph(X, 0.0, max_neighbors=_NEIGHBORS).astype(np.float64)
            self._cols = G.T.tocsr()  # row k of this: column k of w (the i with w_ik)
            self._sparse = True
            totals = np.asarray(G.sum(axis=1)).ravel()
        self.cap = (cfg.alpha / n) * totals  # alpha * C_i(V), alpha = a / N
        self.reward = totals / n  # r_j = (1/N) sum_i w_ij
        self.labels = _partitions(X, max(1, min(n, math.ceil(cfg.clusters * n))))
        self.lam = cfg.diversity
        self.query = query
        self.cover = np.zeros(n)  # C_i(S)
        self.mass = np.zeros(int(self.labels.max()) + 1)  # sum of r_j over P_k and S
        self.value = 0.0

    def _column(self, k: int) -> tuple[object, np.ndarray]:
        if self._sparse:
            a, b = self._cols.indptr[k], self._cols.indptr[k + 1]
            return self._cols.indices[a:b], self._cols.data[a:b]
        return slice(None), self._cols[k]

    def gain(self, k: int) -> float:
        """F(S + k) - F(S)."""
        rows, w = self._column(k)
        c, cap = self.cover[rows], self.cap[rows]
        cov = float(np.sum(np.minimum(c + w, cap) - np.minimum(c, cap)))
        m = self.mass[self.labels[k]]
        div = math.sqrt(m + self.reward[k]) - math.sqrt(m)
        q = float(self.query[k]) if self.query is not None else 0.0
        return cov + self.lam * div + q

    def add(self, k: int) -> None:
        self.value += self.gain(k)
        rows, w = self._column(k)
        self.cover[rows] += w
        self.mass[self.labels[k]] += self.reward[k]

    def singletons(self) -> np.ndarray:
        """F({j}) for every j, before a query term is set (S is empty)."""
        if self._sparse:
            C = self._cols.copy()
            C.data = np.minimum(C.data, self.cap[C.indices])
            cov = np.asarray(C.sum(axis=1)).ravel()
        else:
            cov = np.minimum(self._cols, self.cap[None, :]).sum(axis=1)
        out = cov + self.lam * np.sqrt(self.reward)
        if self.query is not None:
            out = out + self.query
        return out


def _partitions(X, k: int) -> np.ndarray:
    """A k-means label for every row of X (k groups; deterministic)."""
    n = X.shape[0]
    if k >= n:
        return np.arange(n)
    if k == 1:
        return np.zeros(n, dtype=np.int64)
    from sklearn.cluster import KMeans

    data = X
    if n > DENSE_MAX and min(X.shape) > _SVD_DIMS:
        from sklearn.decomposition import TruncatedSVD

        data = TruncatedSVD(_SVD_DIMS, random_state=0).fit_transform(X)
    elif sp.issparse(X):
        data = sp.csr_matrix(X, dtype=np.float64)
    else:
        data = np.asarray(X, dtype=np.float64)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # fewer distinct points than groups
        return KMeans(k, n_init=1, random_state=0).fit_predict(data)
