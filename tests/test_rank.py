import numpy as np
import pytest
import scipy.sparse as sp

from summarizer.config import PriorsConfig, RankConfig
from summarizer.documents import Unit
from summarizer.rank import apply_priors, rank
from summarizer.rank.walk import power_iteration
from summarizer.similarity import TfidfBackend, similarity_graph

TEXTS = [
    "The storm closed the harbor bridge on Monday.",
    "Officials closed the harbor bridge after the storm.",
    "The harbor bridge stayed closed as the storm passed.",
    "A local bakery won a prize for its bread.",
]
UNITS = [Unit(t, ((0, i),)) for i, t in enumerate(TEXTS)]


def test_power_iteration_matches_dense_eigenvector():
    rng = np.random.default_rng(0)
    A = rng.random((6, 6))
    A = (A + A.T) / 2
    p = power_iteration(sp.csr_matrix(A), damping=0.85, tol=1e-12, max_iter=1000)
    M = A / A.sum(axis=1, keepdims=True)
    G = 0.85 * M + 0.15 / 6
    vals, vecs = np.linalg.eig(G.T)
    v = np.real(vecs[:, np.argmax(np.real(vals))])
    assert np.allclose(p, v / v.sum(), atol=1e-9)


def test_power_iteration_handles_isolated_nodes():
    W = sp.csr_matrix(np.array([[0, 1, 0], [1, 0, 0], [0, 0, 0]], dtype=float))
    p = power_iteration(W)
    assert p.sum() == pytest.approx(1.0) and p[0] == pytest.approx(p[1]) and p[2] > 0


def test_negative_cosines_are_clipped_and_threshold_applies():
    X = np.array([[1.0, 0.0], [-1.0, 0.0], [0.6, 0.8]])
    W = similarity_graph(X, 0.0).toarray()
    assert (W >= 0).all() and W[0, 1] == 0
    assert similarity_graph(X, 0.7).toarray()[0, 2] == 0


@pytest.mark.parametrize("method", ["lexrank", "textrank", "centroid"])
def test_rankers_prefer_central_sentences(method):
    X = TfidfBackend().vectors(TEXTS)
    scores = rank(X, UNITS, RankConfig(method=method))
    assert scores.shape == (4,) and (scores >= 0).all()
    assert np.argmin(scores) == 3


def test_lexrank_golden_values():
    X = TfidfBackend().vectors(TEXTS)
    scores = rank(X, UNITS, RankConfig(method="lexrank", lexrank={"threshold": 0.0, "tol": 1e-12,
                                                                   "max_iter": 1000},
                                        priors=PriorsConfig(position=0, support=0)))
    # The bakery sentence shares no word: it is a dangling node that only receives the
    # teleport mass and a quarter of its own jump, p = 0.15/4 + 0.85 * p/4.
    assert scores.sum() == pytest.approx(1.0)
    assert scores[3] == pytest.approx((0.15 / 4) / (1 - 0.85 / 4), rel=1e-6)
    assert scores[0] == pytest.approx(scores[1]) and min(scores[:3]) > 0.3


def test_priors_multiply_scores():
    units = [Unit("a b c", ((0, 0), (1, 0))), Unit("d e f g h i j k", ((0, 5),))]
    base = np.array([1.0, 1.0])
    s = apply_priors(base, units, PriorsConfig(position=1.0, support=0))
    assert s[0] == pytest.approx(2.0) and s[1] == pytest.approx(1 + 1 / 6)
    s = apply_priors(base, units, PriorsConfig(position=0, support=0.5))
    assert list(s) == [1.5, 1.0]
    s = apply_priors(base, units, PriorsConfig(position=0, support=0, length=1.0))
    assert s[1] > s[0]
