"""DPP greedy MAP (summarizer/rank/dpp.py): a hand-computed tiny case, the budget and
eligibility under random inputs and speed (the CLI: test_methods_cli.py)."""

import time

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.config import RankConfig
from summarizer.documents import Unit
from summarizer.rank import METHODS, Context
from summarizer.rank.dpp import choose, greedy_map, quality
from summarizer.budget import Budget


def _context(X, lengths, budget, eligible=None, priors=None, query=None):
    n = len(lengths)
    units = [Unit(" ".join(["word"] * int(k)) + ".", [(0, i)]) for i, k in enumerate(lengths)]
    return Context(units, X, np.ones(n, bool) if eligible is None else np.asarray(eligible),
                   budget, np.asarray(lengths, float),
                   np.ones(n) if priors is None else np.asarray(priors), None, 1, query,
                   RankConfig(method="dpp"))


# a and b are near-duplicates (cosine 0.99), c is orthogonal to both.
_B3 = np.sqrt(1 - 0.99 ** 2)
_X = np.array([[1.0, 0.0, 0.0], [0.99, 0.0, _B3], [0.0, 1.0, 0.0]])


def test_golden_picks_the_diverse_pair():
    """By hand: step 1 takes a (q^2 = 1 beats 0.9025 and 0.36). Step 2: b keeps
    r = 1 - 0.99^2 = 0.0199 of itself outside span{a}, gain 0.9025 * 0.0199 = 0.01796;
    c keeps r = 1, gain 0.36: c. Then b's residual is still 0.0199 (c is orthogonal)."""
    ctx = _context(_X, [5, 5, 5], Budget(sentences=2))
    chosen, scores = greedy_map(ctx, np.array([1.0, 0.95, 0.6]))
    assert chosen == [0, 2]
    np.testing.assert_allclose(scores, [1.0, 0.9025 * 0.0199, 0.36], rtol=1e-9)


def test_golden_all_three_when_they_fit():
    """With room for three, b comes last: det(L) = 1 * 0.36 * 0.01796."""
    ctx = _context(_X, [5, 5, 5], Budget(words=15))
    chosen, scores = greedy_map(ctx, np.array([1.0, 0.95, 0.6]))
    assert chosen == [0, 2, 1]
    L = np.diag([1, 0.95, 0.6]) @ (_X @ _X.T) @ np.diag([1, 0.95, 0.6])
    assert np.prod(scores[chosen]) == pytest.approx(np.linalg.det(L))


def test_centroid_quality_prefers_the_duplicates_but_the_dpp_does_not():
    """Three near-copies dominate the centroid, so the two best by quality are
    duplicates; the DPP takes one of them and the different sentence."""
    X = sp.csr_matrix(np.array([[1.0, 0.0, 0.0], [0.99, 0.0, _B3], [0.98, 0.0, 0.199],
                                [0.3, 0.95, 0.0]]))
    ctx = _context(X, [8, 8, 8, 8], Budget(sentences=2))
    q = quality(ctx, RankConfig(method="dpp"))
    assert set(np.argsort(-q)[:2]) <= {0, 1, 2}
    got = choose(ctx, RankConfig(method="dpp"))
    assert len(got.indices) == 2 and 3 in got.indices
    assert got.notes == []


def test_exact_duplicate_is_never_taken():
    X = np.array([[1.0, 0.0], [1.0, 0.0]])
    ctx = _context(X, [5, 5], Budget(words=100))
    assert choose(ctx, RankConfig(method="dpp")).indices == [0]


def test_query_moves_the_choice():
    """Our extension: quality times (1 + weight * relevance / max relevance)."""
    from summarizer.rank import Query

    X = np.eye(3)
    ctx = _context(X, [5, 5, 5], Budget(sentences=1), priors=[1.0, 0.9, 0.8])
    assert choose(ctx, RankConfig(method="dpp")).indices == [0]
    ctx.query = Query("q", np.array([0.0, 0.0, 2.0]), weight=1.0)
    assert choose(ctx, RankConfig(method="dpp")).indices == [2]


def test_lexrank_quality_runs():
    rng = np.random.default_rng(0)
    X = sp.csr_matrix(rng.random((12, 30)) * (rng.random((12, 30)) < 0.3))
    cfg = RankConfig(method="dpp", dpp={"quality": "lexrank"})
    ctx = _context(X, [7] * 12, Budget(words=30))
    ctx.config = cfg
    got = choose(ctx, cfg)
    assert 1 <= len(got.indices) <= 4


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 25).flatmap(lambda n: st.tuples(
    st.lists(st.integers(1, 40), min_size=n, max_size=n),
    st.lists(st.booleans(), min_size=n, max_size=n),
    st.integers(1, 120), st.integers(0, 2 ** 31 - 1))))
def test_budget_eligibility_and_maximality(case):
    lengths, eligible, words, seed = case
    n = len(lengths)
    rng = np.random.default_rng(seed)
    dense = rng.random((n, 6)) * (rng.random((n, 6)) < 0.5)
    ctx = _context(sp.csr_matrix(dense), lengths, Budget(words=words), eligible=eligible,
                   priors=rng.uniform(0.5, 2.0, n))
    got = choose(ctx, RankConfig(method="dpp"))
    again = choose(ctx, RankConfig(method="dpp"))
    assert got.indices == again.indices  # deterministic
    assert len(set(got.indices)) == len(got.indices)
    assert all(eligible[i] for i in got.indices)
    assert sum(lengths[i] for i in got.indices) <= words
    assert got.scores.shape == (n,)
    if got.notes:
        return
    # Maximal: every eligible unit left out either does not fit or adds nothing
    # (its vector lies in the span of the chosen ones, or it has no quality).
    U = dense / np.maximum(np.linalg.norm(dense, axis=1, keepdims=True), 1e-300)
    S = U @ U.T
    base = np.linalg.det(S[np.ix_(got.indices, got.indices)]) if got.indices else 1.0
    q = quality(ctx, RankConfig(method="dpp"))
    for i in range(n):
        if i in got.indices or not eligible[i] or not ctx.fits(got.indices, i):
            continue
        idx = got.indices + [i]
        assert q[i] == 0 or np.linalg.det(S[np.ix_(idx, idx)]) <= 1e-8 * max(base, 1e-300)


def test_fast_on_thousands_of_sentences():
    rng = np.random.default_rng(1)
    n = 4000
    X = sp.random(n, 5000, density=0.003, random_state=1, format="csr")
    ctx = _context(X, rng.integers(8, 35, n), Budget(words=250))
    start = time.perf_counter()
    got = choose(ctx, RankConfig(method="dpp"))
    assert time.perf_counter() - start < 10
    assert sum(ctx.lengths[i] for i in got.indices) <= 250


def test_in_the_table():
    assert METHODS.entry("dpp").tag == "selector"
    assert METHODS.get("dpp").choose is choose


def test_plain_log_det_gain_not_per_word_and_no_single_sentence_step():
    """Three orthogonal units: a (q 1, 5 words) first. Then c (q 0.95, 5 words) adds
    log 0.9025, b (q 0.9, 30 words) log 0.81: c. Kulesza & Taskar's gain per word would
    take b ((0.81 - 1) / 30 > (0.9025 - 1) / 5). The same choice with q scaled up (the
    plain gain's argmax ignores the scale), and the pair, not the more probable single
    sentence, is the summary."""
    X = np.eye(3)
    ctx = _context(X, [5, 30, 5], Budget(sentences=2))
    q = np.array([1.0, 0.9, 0.95])
    assert greedy_map(ctx, q)[0] == [0, 2]
    assert greedy_map(ctx, 3 * q)[0] == [0, 2]
    ctx = _context(X, [5, 30, 5], Budget(sentences=2), priors=[1.0, 0.9, 0.95])
    assert choose(ctx, RankConfig(method="dpp", dpp={"alpha": 1.0})).indices == [0, 2]
