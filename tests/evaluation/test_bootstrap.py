"""Bootstrap intervals and the paired test: seeded, sensible, and B - A."""

from __future__ import annotations

import numpy as np
import pytest

from summarizer.errors import UsageError
from summarizer.evaluation.bootstrap import bootstrap_ci, paired_bootstrap


def scores(n: int, seed: int = 1, mean: float = 30.0, sd: float = 8.0) -> np.ndarray:
    return np.random.default_rng(seed).normal(mean, sd, n)


def test_interval_is_deterministic_under_a_seed():
    x = scores(40)
    assert bootstrap_ci(x, 500, seed=3) == bootstrap_ci(x, 500, seed=3)
    assert bootstrap_ci(list(x), 500, seed=3) == bootstrap_ci(x, 500, seed=3)
    assert bootstrap_ci(x, 500, seed=3) != bootstrap_ci(x, 500, seed=4)


def test_interval_contains_the_mean_and_is_the_plain_mean():
    for seed in range(5):
        x = scores(30, seed)
        ci = bootstrap_ci(x, 400, seed=seed)
        assert ci.mean == pytest.approx(float(np.mean(x)))
        assert ci.low < ci.mean < ci.high


def test_interval_width_shrinks_with_more_data():
    small = bootstrap_ci(scores(20), 400)
    large = bootstrap_ci(scores(500), 400)
    assert large.high - large.low < 0.5 * (small.high - small.low)


def test_interval_width_roughly_matches_the_standard_error():
    x = scores(200, sd=10.0)
    ci = bootstrap_ci(x, 1000)
    se = np.std(x, ddof=1) / np.sqrt(len(x))
    assert ci.high - ci.low == pytest.approx(2 * 1.96 * se, rel=0.2)


def test_degenerate_inputs():
    one = bootstrap_ci([42.0], 200)
    assert (one.mean, one.low, one.high) == (42.0, 42.0, 42.0)
    same = bootstrap_ci([5.0] * 10, 200)
    assert (same.low, same.high) == (5.0, 5.0)
    assert np.isnan(bootstrap_ci([], 200).mean)
    with pytest.raises(UsageError, match="bootstrap resamples"):  # no zero-width "CI"
        bootstrap_ci([1.0, 2.0, 3.0], 0)


def test_paired_identical_systems_have_no_difference():
    a = scores(25)
    r = paired_bootstrap(a, a.copy(), 500, seed=0)
    assert (r.diff, r.low, r.high, r.p_value, r.n) == (0.0, 0.0, 0.0, 1.0, 25)


def test_paired_clearly_better_system_is_significant_and_sign_is_b_minus_a():
    a = scores(30)
    b = a + 3.0 + np.random.default_rng(9).normal(0, 1.0, 30)  # better on nearly every cluster
    r = paired_bootstrap(a, b, 500, seed=0)
    assert r.diff == pytest.approx(float(np.mean(b - a)))
    assert r.diff > 0 and r.low > 0 and r.p_value < 0.05
    back = paired_bootstrap(b, a, 500, seed=0)
    assert back.diff == pytest.approx(-r.diff) and back.high < 0 and back.p_value < 0.05


def test_paired_noise_is_not_significant():
    a = scores(30)
    b = a + np.random.default_rng(5).normal(0, 3.0, 30)
    b = b - np.mean(b - a)  # exactly zero mean difference
    r = paired_bootstrap(a, b, 500, seed=0)
    assert r.low < 0 < r.high and r.p_value > 0.5


def test_paired_test_is_deterministic_under_a_seed():
    a, b = scores(30, 1), scores(30, 2)
    assert paired_bootstrap(a, b, 300, seed=7) == paired_bootstrap(a, b, 300, seed=7)
    assert paired_bootstrap(a, b, 300, seed=7) != paired_bootstrap(a, b, 300, seed=8)


def test_paired_test_pairs_by_position():
    # B is A plus one point on 19 of 20 clusters: the two score lists overlap almost
    # entirely (spread 0..20), yet paired by cluster the gain is clear.
    a = np.arange(20, dtype=float)
    b = a + 1.0
    b[0] = 0.5  # one exception keeps the diffs from being constant
    r = paired_bootstrap(a, b, 400, seed=0)
    assert r.diff > 0 and r.p_value < 0.05


def test_paired_constant_nonzero_difference():
    a = scores(10)
    r = paired_bootstrap(a, a + 2.0, 300)
    assert r.diff == pytest.approx(2.0) and r.p_value == 0.0


def test_paired_mismatched_lengths_raise():
    with pytest.raises(ValueError, match="same clusters"):
        paired_bootstrap([1.0, 2.0, 3.0], [1.0, 2.0], 100)
