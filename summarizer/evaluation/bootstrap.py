"""Bootstrap over clusters: confidence intervals of a mean, and the paired test.

Clusters are the unit of resampling (as in ROUGE-1.5.5 and Koehn 2004): a system's score
is a mean over clusters, and the uncertainty that matters is which clusters happened to be
in the test set. Seeded, so the same inputs always give the same interval and p-value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Interval:
    mean: float
    low: float
    high: float

    def __str__(self) -> str:
        return f"{self.mean:.2f} [{self.low:.2f}, {self.high:.2f}]"


@dataclass(frozen=True)
class PairedResult:
    """B minus A: the mean difference, its interval, and the two-sided p-value of "no
    difference" (the share of resamples on the other side of zero, doubled)."""

    diff: float
    low: float
    high: float
    p_value: float
    n: int


def _resampled_means(values: np.ndarray, samples: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    n = len(values)
    means = np.empty(samples)
    step = max(1, 2_000_000 // max(n, 1))  # bound memory for large sets
    for start in range(0, samples, step):
        k = min(step, samples - start)
        idx = rng.integers(0, n, size=(k, n))
        means[start:start + k] = values[idx].mean(axis=1)
    return means


def bootstrap_ci(values, samples: int = 1000, seed: int = 0, level: float = 0.95) -> Interval:
    """Percentile bootstrap interval of the mean of ``values``."""
    values = np.asarray(values, dtype=float)
    if len(values) == 0:
        return Interval(float("nan"), float("nan"), float("nan"))
    mean = float(values.mean())
    if len(values) == 1 or samples <= 0:
        return Interval(mean, mean, mean)
    means = _resampled_means(values, samples, seed)
    alpha = (1 - level) / 2
    low, high = np.quantile(means, [alpha, 1 - alpha])
    return Interval(mean, float(low), float(high))


def paired_bootstrap(a, b, samples: int = 1000, seed: int = 0,
                     level: float = 0.95) -> PairedResult:
    """Paired bootstrap test of B against A on the same clusters, in the same order."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"paired test needs the same clusters on both sides ({len(a)} vs {len(b)})")
    diffs = b - a
    n = len(diffs)
    if n == 0:
        return PairedResult(float("nan"), float("nan"), float("nan"), 1.0, 0)
    diff = float(diffs.mean())
    if n == 1 or samples <= 0 or np.all(diffs == diffs[0]):
        p = 1.0 if diff == 0 else 0.0
        return PairedResult(diff, diff, diff, p if n > 1 else 1.0, n)
    means = _resampled_means(diffs, samples, seed)
    alpha = (1 - level) / 2
    low, high = np.quantile(means, [alpha, 1 - alpha])
    below = float(np.mean(means <= 0))
    above = float(np.mean(means >= 0))
    p = min(1.0, 2 * min(below, above))
    return PairedResult(diff, float(low), float(high), p, n)
