"""The leaderboard of recorded runs: one table per (sweep, dataset) with each run tested
against its sweep's base run, and, for a sweep over several datasets, each run's gain
pooled over all of them, each dataset weighed equally (a setting is chosen on the gain
pooled over every dev set it is meant for, never on one set)."""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass
from typing import Iterable

from ..errors import InputError
from .bootstrap import PairedResult
from .experiments import BASE_RUN, RunRecord

log = logging.getLogger("summarizer")


@dataclass
class BoardRow:
    sweep: str
    dataset: str
    run: str
    metrics: dict[str, dict]
    primary: str
    best: bool = False
    versus_base: dict | None = None  # metric -> (diff, p)


def _primary(metrics: list[str]) -> str:
    return "rouge2" if "rouge2" in metrics else metrics[0]


def boards(records: list[RunRecord], samples: int = 1000, seed: int = 0
           ) -> tuple[list[BoardRow], list["PooledRow"]]:
    """:func:`leaderboard` and :func:`pooled` of ``records``, each run's report read once
    (a skipped run warned about once)."""
    read: dict = {}
    return leaderboard(records, samples, seed, read), pooled(records, samples, seed, read)


def leaderboard(records: list[RunRecord], samples: int = 1000, seed: int = 0,
                read: dict | None = None) -> list[BoardRow]:
    """One row per run, grouped by (sweep, dataset), best primary metric marked, each run
    tested against its sweep's base run with a paired bootstrap. A run whose report
    cannot be read, or that was scored under other metrics than its group's base run,
    is skipped with a warning naming it."""
    from .bootstrap import paired_bootstrap

    rows = []
    groups: dict[tuple[str, str], list[RunRecord]] = {}
    for r in records:
        groups.setdefault((r.sweep, r.dataset), []).append(r)
    for (sweep, dataset), group in sorted(groups.items()):
        first = next((r for r in group if r.meta["run"] == BASE_RUN), group[0])
        metrics = list(first.meta["protocol"]["metrics"])
        primary = _primary(metrics)
        per = {r.folder: scores for r in group
               if (scores := _cluster_scores(r, metrics, read)) is not None}
        group = [r for r in group if r.folder in per]
        if not group:
            continue
        base = per.get(first.folder) if first.meta["run"] == BASE_RUN else None
        best = max(group, key=lambda r: r.meta["scores"][primary]["mean"])
        for r in sorted(group, key=lambda r: -r.meta["scores"][primary]["mean"]):
            versus = None
            mine = per[r.folder]
            if base is not None and r is not first:
                common = [c for c in base if c in mine]
                versus = {}
                for m in metrics:
                    res = paired_bootstrap([base[c][m] for c in common],
                                           [mine[c][m] for c in common], samples, seed)
                    versus[m] = (res.diff, res.p_value)
            rows.append(BoardRow(sweep, dataset, r.meta["run"], r.meta["scores"], primary,
                                 r is best, versus))
    return rows


def _cluster_scores(record: RunRecord, metrics: list[str], read: dict | None = None
                    ) -> dict | None:
    """The run's per-cluster scores ({cluster: {metric: score}}) from its report, or None
    (with a warning) when they cannot be read or are not scores of ``metrics``; ``read``
    keeps what was read (or not) for the next caller."""
    if read is None:
        return _read_scores(record, metrics)
    key = (record.folder, tuple(metrics))
    if key not in read:
        read[key] = _read_scores(record, metrics)
    return read[key]


def _read_scores(record: RunRecord, metrics: list[str]) -> dict | None:
    from .report import load_report

    own = list(record.meta["protocol"]["metrics"])
    if own != metrics:
        log.warning("skipping run %s: scored with %s, not %s as its group's base run",
                    record.folder, ", ".join(own), ", ".join(metrics))
        return None
    try:
        doc, per = load_report(record.folder)
    except InputError as e:
        log.warning("skipping run %s: %s", record.folder, e)
        return None
    if list(doc["protocol"]["metrics"]) != metrics or len(per) != 1:
        log.warning("skipping run %s: its results.json is not the report of this one run",
                    record.folder)
        return None
    return next(iter(per.values()))


def _mark(versus: dict | None, metric: str) -> str:
    if not versus:
        return ""
    diff, p = versus[metric]
    if p < 0.05:
        return " ▲" if diff > 0 else " ▼"
    return ""


def board_markdown(rows: list[BoardRow], pooled_rows: Iterable[PooledRow] = ()) -> str:
    """Markdown leaderboard; ▲/▼: significantly better/worse than the base run (paired
    bootstrap, p < 0.05); the best run per dataset (primary metric) in bold; then the
    gains pooled over datasets (:func:`pooled`), when there are some."""
    from .protocols import METRIC_LABELS

    out = []
    groups: dict[tuple[str, str], list[BoardRow]] = {}
    for r in rows:
        groups.setdefault((r.sweep, r.dataset), []).append(r)
    for (sweep, dataset), group in groups.items():
        metrics = list(group[0].metrics)
        out += [f"### {sweep} on {dataset}", "",
                "| run | " + " | ".join(METRIC_LABELS.get(m, m) for m in metrics)
                + f" | Δ{METRIC_LABELS.get(group[0].primary, group[0].primary)} vs base (p) |",
                "|---|" + "---|" * (len(metrics) + 1)]
        for r in group:
            cells = []
            for m in metrics:
                v = r.metrics[m]
                cells.append(f"{v['mean']:.2f} [{v['low']:.2f}, {v['high']:.2f}]{_mark(r.versus_base, m)}")
            if r.versus_base:
                d, p = r.versus_base[r.primary]
                delta = f"{d:+.2f} ({p:.3f})"
            else:
                delta = "-"
            name = f"**{r.run}**" if r.best else r.run
            out.append(f"| {name} | " + " | ".join(cells) + f" | {delta} |")
        out.append("")
    out.append("Mean x100 [95% bootstrap CI]. Bold: best run on the dataset by "
               "R-2 (or the first metric). ▲/▼: significantly better/worse than the base "
               "run (paired bootstrap over clusters, p < 0.05).")
    pooled_lines = _pooled_markdown(list(pooled_rows))
    if pooled_lines:
        out += [""] + pooled_lines[:-1]
    return "\n".join(out) + "\n"


def board_csv(rows: list[BoardRow], pooled_rows: Iterable[PooledRow] = ()) -> str:
    """One line per run and metric; a pooled gain is a line of dataset ``pooled`` whose
    mean, low and high are the difference and its interval."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["sweep", "dataset", "run", "metric", "mean", "low", "high", "best",
                "diff_vs_base", "p_vs_base"])
    for r in rows:
        for m, v in r.metrics.items():
            d, p = (r.versus_base or {}).get(m, ("", ""))
            w.writerow([r.sweep, r.dataset, r.run, m, v["mean"], v["low"], v["high"],
                        int(r.best), d if d == "" else f"{d:.4f}", p if p == "" else f"{p:.4f}"])
    for r in pooled_rows:
        p = r.pooled
        w.writerow([r.sweep, "pooled", r.run, r.metric, p.diff, p.low, p.high, 0,
                    f"{p.diff:.4f}", f"{p.p_value:.4f}"])
    return buf.getvalue()


@dataclass
class PooledRow:
    """One run's gain over its base on the sweep's primary metric, per dataset and pooled
    (:func:`summarizer.evaluation.bootstrap.pooled_paired_bootstrap`)."""

    sweep: str
    run: str
    metric: str
    datasets: dict[str, float]  # dataset -> mean difference over its clusters
    pooled: PairedResult


def pooled(records: list[RunRecord], samples: int = 1000, seed: int = 0,
           read: dict | None = None) -> list[PooledRow]:
    """Each run of a sweep over two or more datasets, pooled over the datasets where both
    it and the base ran, best first; a sweep whose datasets have different primary
    metrics is not pooled (a warning names it)."""
    from .bootstrap import pooled_paired_bootstrap

    sweeps: dict[str, dict[str, dict[str, RunRecord]]] = {}
    for r in records:
        sweeps.setdefault(r.sweep, {}).setdefault(r.dataset, {})[r.meta["run"]] = r
    rows = []
    for sweep, datasets in sorted(sweeps.items()):
        bases = {d: runs[BASE_RUN] for d, runs in datasets.items() if BASE_RUN in runs}
        if len(bases) < 2:
            continue
        primaries = {_primary(list(b.meta["protocol"]["metrics"])) for b in bases.values()}
        if len(primaries) != 1:
            log.warning("sweep %s: not pooled over datasets, their primary metrics differ "
                        "(%s)", sweep, ", ".join(sorted(primaries)))
            continue
        metric = primaries.pop()
        scores = {}  # (dataset, run) -> {cluster: score}
        for d in bases:
            metrics = list(bases[d].meta["protocol"]["metrics"])
            for run, r in datasets[d].items():
                per = _cluster_scores(r, metrics, read)
                if per is not None:
                    scores[d, run] = {c: v[metric] for c, v in per.items()}
        names = sorted({run for d in bases for run in datasets[d]} - {BASE_RUN})
        for run in names:
            pairs, means = [], {}
            for d in bases:
                base, mine = scores.get((d, BASE_RUN)), scores.get((d, run))
                if base is None or mine is None:
                    continue
                common = [c for c in base if c in mine]
                if not common:
                    continue
                pairs.append(([base[c] for c in common], [mine[c] for c in common]))
                means[d] = (sum(pairs[-1][1]) - sum(pairs[-1][0])) / len(common)
            if len(pairs) >= 2:
                rows.append(PooledRow(sweep, run, metric, means,
                                      pooled_paired_bootstrap(pairs, samples, seed)))
    return sorted(rows, key=lambda r: (r.sweep, -r.pooled.diff))


def _pooled_markdown(rows: list[PooledRow]) -> list[str]:
    from .protocols import METRIC_LABELS

    out = []
    by_sweep: dict[str, list[PooledRow]] = {}
    for r in rows:
        by_sweep.setdefault(r.sweep, []).append(r)
    for sweep, group in by_sweep.items():
        datasets = sorted({d for r in group for d in r.datasets})
        label = METRIC_LABELS.get(group[0].metric, group[0].metric)
        out += [f"### {sweep}: pooled over {len(datasets)} datasets", "",
                "| run | " + " | ".join(f"Δ{label} {d}" for d in datasets)
                + f" | pooled Δ{label} [95% CI] (p) |",
                "|---|" + "---|" * (len(datasets) + 1)]
        for r in group:
            cells = [f"{r.datasets[d]:+.2f}" if d in r.datasets else "-" for d in datasets]
            p = r.pooled
            mark = (" ▲" if p.diff > 0 else " ▼") if p.p_value < 0.05 else ""
            out.append(f"| {r.run} | " + " | ".join(cells)
                       + f" | {p.diff:+.2f} [{p.low:+.2f}, {p.high:+.2f}] ({p.p_value:.3f}){mark} |")
        out.append("")
    if out:
        out.append("Pooled: the mean over datasets of each one's mean paired difference "
                   "against the base run (each dataset weighed equally), with a bootstrap "
                   "that resamples every dataset's clusters from that dataset; ▲/▼: p < 0.05.")
        out.append("")
    return out
