"""The script's averages and what it prints: the mean of the bootstrap samples, each
sample ``srand(i)`` then ``int(rand(n))`` with Perl's drand48, the confidence interval
interpolated from them, and ``printResults``'s lines."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, cmp_to_key
from typing import TYPE_CHECKING

from .options import Options
from .perl import f5, perl_number, perl_str

if TYPE_CHECKING:
    from .evaluate import MetricScores


def _by_eval_id(a: str, b: str) -> int:
    """``-d``'s order: by the IDs' leading numbers where both have one, else as text."""
    ma, mb = re.match("[0-9]+", a), re.match("[0-9]+", b)
    if ma and mb:
        x, y = int(ma.group()), int(mb.group())
        return (x > y) - (x < y)
    return (a > b) - (a < b)


_A, _C48, _MASK = 0x5DEECE66D, 0xB, (1 << 48) - 1


@cache
def resample_indices(n: int, samples: int):
    """The instance each draw of each bootstrap sample picks: sample ``i`` is
    ``srand(i)`` then ``n`` times ``int(rand(n))`` with Perl's drand48 (x' = a x + c mod
    2**48, seeded x = (seed << 16) + 0x330E)."""
    import numpy as np

    x = (np.arange(samples, dtype=np.uint64) << np.uint64(16)) + np.uint64(0x330E)
    out = np.empty((samples, n), dtype=np.int64)
    a, c, mask = np.uint64(_A), np.uint64(_C48), np.uint64(_MASK)
    for k in range(n):
        x = (a * x + c) & mask
        out[:, k] = (np.ldexp(x.astype(np.float64), -48) * n).astype(np.int64)
    out.setflags(write=False)
    return out


@dataclass
class Averages:
    """``computeAverages``' figures as printed: means, intervals, raw totals (``-t 2``)."""

    recall: str = ""
    precision: str = ""
    fscore: str = ""
    ci: tuple[tuple[str, str], ...] = ()
    counts: tuple[float, float, float] = (0, 0, 0)


def averages(scores: dict[str, tuple[float, float, float]], o: Options) -> Averages:
    """``computeAverages``: the mean of the bootstrap samples' means and the confidence
    interval the script interpolates from them (``-t 1``: corpus-level ratios per
    sample; ``-t 2``: the raw counts only)."""
    import numpy as np

    ids = sorted(scores)
    totals = [0.0, 0.0, 0.0]
    for i in ids:
        for k in range(3):
            totals[k] += scores[i][k]
    if o.counting == 2:
        return Averages(counts=tuple(totals))
    samples = math.ceil(o.samples)
    n = len(ids)
    if n:
        values = np.array([scores[i] for i in ids], dtype=np.float64)
        idx = resample_indices(n, samples)
        sums = values[idx[:, 0]].copy()
        for k in range(1, n):
            sums += values[idx[:, k]]
    else:
        sums = np.zeros((samples, 3))
    if o.counting == 0:
        if n:
            sums /= n
        table = sums
    else:
        model, peer, hit = sums[:, 0], sums[:, 1], sums[:, 2]
        with np.errstate(divide="ignore", invalid="ignore"):
            r = np.where(model > 0, hit / np.where(model > 0, model, 1), 0.0)
            p = np.where(peer > 0, hit / np.where(peer > 0, peer, 1), 0.0)
            den = (1 - o.alpha) * p + o.alpha * r
            f = np.where(den > 0, (r * p) / np.where(den > 0, den, 1), 0.0)
        table = np.stack([r, p, f], axis=1)
    ranked = np.sort(table, axis=0)
    means = np.cumsum(ranked, axis=0)[-1] / samples
    conf = perl_number(o.confidence)
    delta = o.samples * ((100 - conf) / 2.0) / 100.0
    up_a = int(o.samples - delta - 1)
    low_a = int(delta)
    ratio = o.samples - delta - 1 - up_a

    def at(col, i):
        return float(ranked[i, col]) if -len(ranked) <= i < len(ranked) else 0.0

    def interval(col):
        lo = at(col, low_a) + (at(col, low_a + 1) - at(col, low_a)) * ratio
        hi = at(col, up_a) + (at(col, up_a + 1) - at(col, up_a)) * ratio
        return f5(lo), f5(hi)

    return Averages(f5(means[0]), f5(means[1]), f5(means[2]),
                    tuple(interval(c) for c in range(3)), tuple(totals))


def format_metric(s: MetricScores, o: Options) -> str:
    """``printResults``: the lines the script prints for one metric of one system."""
    lines = ["-" * 45]
    a = s.averages
    head = f"{s.system} {s.tag}"
    if o.counting != 2:
        for label, value, (lo, hi) in zip("RPF", (a.recall, a.precision, a.fscore), a.ci):
            lines.append(f"{head} Average_{label}: {value} "
                         f"({o.confidence}%-conf.int. {lo} - {hi})")
    else:
        m, p, h = (perl_str(float(int(x))) for x in a.counts)
        lines.append(f"{head} M_count: {m} P_count: {p} H_count: {h}")
    if o.per_eval:
        lines.append("." * 45)
        for key in sorted(s.per_eval, key=cmp_to_key(_by_eval_id)):
            r = s.per_eval[key]
            if o.counting == 0:
                values = (r.recall, r.precision, r.fscore)
            else:
                values = tuple(perl_str(float(x)) for x in (r.count, r.count_p, r.hit))
            lines.append(f"{head} Eval {key} R:{values[0]} P:{values[1]} F:{values[2]}")
    return "\n".join(lines) + "\n"
