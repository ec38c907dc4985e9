"""The bounded (top-k) cosine graph of similarity_graph, against brute force."""

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings, strategies as st

from summarizer.config import RankConfig
from summarizer.documents import Unit
from summarizer.rank import rank
from summarizer.rank.walk import power_iteration
from summarizer.similarity import TfidfBackend, similarity_graph


def brute(X, threshold, self_loops=True):
    """The thresholded graph as a dense array: cosines >= threshold and > 0."""
    D = X.toarray() if sp.issparse(X) else np.asarray(X, dtype=np.float64)
    S = D @ D.T
    S[(S < max(threshold, 0.0)) | (S <= 0)] = 0
    if not self_loops:
        np.fill_diagonal(S, 0)
    return S


def random_rows(draw_seed, n, d, density, dense):
    rng = np.random.default_rng(draw_seed)
    if dense:
        X = rng.normal(size=(n, d))
    else:
        X = sp.random(n, d, density=density, random_state=rng, format="csr").toarray()
        X[X.sum(axis=1) == 0, 0] = 1.0
    X = X / np.linalg.norm(X, axis=1, keepdims=True)
    return X.astype(np.float32) if dense else sp.csr_matrix(X.astype(np.float32))


graphs = st.tuples(st.integers(0, 10**6), st.integers(1, 60), st.integers(1, 30),
                   st.floats(0.05, 0.6), st.booleans(), st.floats(-0.2, 0.6), st.booleans())


@settings(max_examples=60, deadline=None)
@given(graphs)
def test_k_at_least_n_is_the_thresholded_graph(case):
    seed, n, d, density, dense, threshold, self_loops = case
    X = random_rows(seed, n, d, density, dense)
    want = brute(X, threshold, self_loops)
    for k in (None, n, n + 5):
        W = similarity_graph(X, threshold, max_neighbors=k, self_loops=self_loops)
        assert W.shape == (n, n)
        np.testing.assert_allclose(W.toarray(), want, atol=1e-5)


@settings(max_examples=60, deadline=None)
@given(graphs, st.integers(1, 8))
def test_each_row_keeps_its_k_largest(case, k):
    seed, n, d, density, dense, threshold, self_loops = case
    X = random_rows(seed, n, d, density, dense)
    full = brute(X, threshold, self_loops)
    W = similarity_graph(X, threshold, max_neighbors=k, self_loops=self_loops)
    W.sort_indices()
    A = W.toarray()
    for i in range(n):
        kept = np.flatnonzero(A[i])
        assert len(kept) == min(k, np.count_nonzero(full[i]))
        np.testing.assert_allclose(A[i, kept], full[i, kept], atol=1e-5)  # true cosines
        dropped = np.setdiff1d(np.flatnonzero(full[i]), kept)
        if len(dropped) and len(kept):
            assert full[i, dropped].max() <= A[i, kept].min() + 1e-5


@pytest.mark.parametrize("dense", [False, True])
def test_blocks_do_not_change_the_graph(dense):
    # Sparse rows over a wide vocabulary stay on the sparse route at any block size.
    X = random_rows(7, 300, 40 if dense else 3000, 0.1 if dense else 0.005, dense)
    one = similarity_graph(X, 0.0, max_neighbors=10, self_loops=False)
    # A few KB of scratch forces blocks of a row or two.
    many = similarity_graph(X, 0.0, max_neighbors=10, self_loops=False, block_bytes=4096)
    chunked = similarity_graph(X, 0.0, max_neighbors=10, self_loops=False, chunk=7)
    for other in (many, chunked):
        # Same edges; dense BLAS may round the last bit differently for other shapes.
        assert (one.indptr == other.indptr).all() and (one.indices == other.indices).all()
        np.testing.assert_allclose(one.data, other.data, rtol=1e-6)


def test_small_vocabulary_dense_route_equals_sparse_route():
    """Sentences drawn from one short text: tiny vocabulary, every pair similar; the
    graph goes through dense BLAS blocks and must equal the sparse computation."""
    rng = np.random.default_rng(3)
    vocab = [f"w{i}" for i in range(15)]
    texts = [" ".join(rng.choice(vocab, 8)) for _ in range(400)]
    X = TfidfBackend(stop_words=None, stem=False).vectors(texts)
    dense_route = similarity_graph(X, 0.1, max_neighbors=12, self_loops=False)
    # No scratch to spare for a dense copy of X: the sparse route.
    sparse_route = similarity_graph(X, 0.1, max_neighbors=12, self_loops=False, block_bytes=40_000)
    full = brute(X, 0.1, self_loops=False)
    for W in (dense_route, sparse_route):
        assert np.diff(W.indptr).max() == 12
        A = W.toarray()
        for i in range(len(texts)):
            kept = np.flatnonzero(A[i])
            rest = np.setdiff1d(np.flatnonzero(full[i]), kept)
            assert full[i, rest].max() <= A[i, kept].min() + 1e-5
    # Ties may be broken differently by the two routes; the kept values agree.
    assert np.allclose(np.sort(dense_route.toarray(), axis=1), np.sort(sparse_route.toarray(), axis=1),
                       atol=1e-5)


def test_top_k_graph_is_not_symmetric():
    # A hub: 0 is every row's nearest, but 0 keeps only one neighbour.
    X = np.array([[1.0, 0, 0], [0.9, 0.436, 0], [0.9, 0, 0.436]], dtype=np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    W = similarity_graph(X, 0.0, max_neighbors=1, self_loops=False).toarray()
    assert (np.count_nonzero(W, axis=1) == 1).all()
    assert W[1, 0] > 0 and W[2, 0] > 0 and (W[0, 1] == 0 or W[0, 2] == 0)
    assert not np.allclose(W, W.T)


def test_lexrank_with_default_k_equals_the_unbounded_graph():
    """On a cluster whose largest degree is under max_neighbors the scores are exactly
    those of the thresholded graph (what lexrank computed before the bound)."""
    rng = np.random.default_rng(0)
    words = [f"t{i}" for i in range(60)]
    texts = [" ".join(rng.choice(words, 10)) for _ in range(150)]
    X = TfidfBackend(stop_words=None, stem=False).vectors(texts)
    units = [Unit(t, ((0, i),)) for i, t in enumerate(texts)]
    cfg = RankConfig()
    lex = cfg.lexrank
    full = brute(X, lex.threshold, self_loops=False)
    assert np.count_nonzero(full, axis=1).max() <= lex.max_neighbors
    want = power_iteration(sp.csr_matrix(full), lex.damping, lex.tol, lex.max_iter)
    got = rank(X, units, cfg.model_copy(update={"priors": cfg.priors.model_copy(
        update={"position": 0.0, "support": 0.0})}))
    np.testing.assert_allclose(got, want, rtol=1e-5)
    # A smaller k changes the graph, and the walk still gives a distribution.
    small = rank(X, units, RankConfig(lexrank={"max_neighbors": 3}, priors={"position": 0, "support": 0}))
    assert small.sum() == pytest.approx(1.0) and not np.allclose(small, want)


def test_max_neighbors_must_be_positive():
    with pytest.raises(ValueError):
        similarity_graph(np.eye(3), 0.0, max_neighbors=0)


def test_empty_input():
    assert similarity_graph(sp.csr_matrix((0, 4)), 0.1, max_neighbors=5).shape == (0, 0)
