"""Bootstrap over clusters: confidence intervals of a mean, and the paired test.

Clusters are the unit of resampling (as in ROUGE-1.5.5 and Koehn 2004): a system's score
is a mean over clusters, and the uncertainty that matters is which clusters happened to be
in the test set. Seeded, so the same inputs always give the same interval and p-value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..config import RESAMPLES, SEEDS, check_int
from ..errors import InputError


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


def check_resampling(samples: int | None, seed: int | None = None) -> None:
    """A UsageError unless ``samples`` and ``seed`` (None: not given) are in the domain of
    ``evaluate.bootstrap`` and ``evaluate.seed``: called before any work is done, and where
    they are used, so the API holds the same bounds as the CLI."""
    if samples is not None:
        check_int(samples, "bootstrap resamples", *RESAMPLES)
    if seed is not None:
        check_int(seed, "bootstrap seed", *SEEDS)


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
    check_resampling(samples, seed)
    values = np.asarray(values, dtype=float)
    if len(values) == 0:
        return Interval(float("nan"), float("nan"), float("nan"))
    mean = float(values.mean())
    if len(values) == 1:
        return Interval(mean, mean, mean)
    means = _resampled_means(values, samples, seed)
    alpha = (1 - level) / 2
    low, high = np.quantile(means, [alpha, 1 - alpha])
    return Interval(mean, float(low), float(high))


def paired_bootstrap(a, b, samples: int = 1000, seed: int = 0,
                     level: float = 0.95) -> PairedResult:
    """Paired bootstrap test of B against A on the same clusters, in the same order.
    A score that is not a finite number is an error: NaN compares false with zero, so it
    would read as "no difference"."""
    check_resampling(samples, seed)
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"paired test needs the same clusters on both sides ({len(a)} vs {len(b)})")
    if not (np.isfinite(a).all() and np.isfinite(b).all()):
        raise InputError("a score to compare is not a finite number (NaN or infinite)")
    diffs = b - a
    n = len(diffs)
    if n == 0:
        return PairedResult(float("nan"), float("nan"), float("nan"), 1.0, 0)
    diff = float(diffs.mean())
    if n == 1 or np.all(diffs == diffs[0]):
        p = 1.0 if diff == 0 else 0.0
        return PairedResult(diff, diff, diff, p if n > 1 else 1.0, n)
    means = _resampled_means(diffs, samples, seed)
    alpha = (1 - level) / 2
    low, high = np.quantile(means, [alpha, 1 - alpha])
    below = float(np.mean(means <= 0))
    above = float(np.mean(means >= 0))
    p = min(1.0, 2 * min(below, above))
    return PairedResult(diff, float(low), float(high), p, n)


def pooled_paired_bootstrap(pairs, samples: int = 1000, seed: int = 0,
                            level: float = 0.95) -> PairedResult:
    """The paired test of B against A pooled over several datasets, each weighed
    equally: the difference is the mean over datasets of each one's mean difference, and
    each resample draws every dataset's clusters from that dataset (a stratified
    bootstrap), so 5,000 clusters of one set do not drown 30 of another. ``pairs`` is one
    ``(a, b)`` of per-cluster scores per dataset; ``n`` is the clusters in all."""
    check_resampling(samples, seed)
    diffs = []
    for a, b in pairs:
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        if a.shape != b.shape:
            raise ValueError(f"paired test needs the same clusters on both sides "
                             f"({len(a)} vs {len(b)})")
        if not (np.isfinite(a).all() and np.isfinite(b).all()):
            raise InputError("a score to compare is not a finite number (NaN or infinite)")
        if len(a):
            diffs.append(b - a)
    n = sum(len(d) for d in diffs)
    if not diffs:
        return PairedResult(float("nan"), float("nan"), float("nan"), 1.0, 0)
    diff = float(np.mean([d.mean() for d in diffs]))
    if all(len(d) == 1 for d in diffs):  # one cluster per dataset: nothing to resample
        return PairedResult(diff, diff, diff, 1.0, n)
    means = np.mean([_resampled_means(d, samples, seed + i) if len(d) > 1
                     else np.full(samples, d.mean()) for i, d in enumerate(diffs)], axis=0)
    if np.all(means == means[0]):
        return PairedResult(diff, diff, diff, 1.0 if diff == 0 else 0.0, n)
    alpha = (1 - level) / 2
    low, high = np.quantile(means, [alpha, 1 - alpha])
    p = min(1.0, 2 * min(float(np.mean(means <= 0)), float(np.mean(means >= 0))))
    return PairedResult(diff, float(low), float(high), p, n)
