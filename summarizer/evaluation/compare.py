"""Is B better than A? A paired bootstrap over the clusters both reports scored.

A report folder may come from anywhere (a colleague, an old version, a hand edit): one
that is malformed is one line naming the file, never a traceback, and a score that is not
a finite number is an error, never "no significant difference"."""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from ..config import excerpt
from ..errors import InputError, UsageError
from .bootstrap import check_resampling, paired_bootstrap
from .protocols import METRIC_LABELS
from .report import load_report


@dataclass(frozen=True)
class MetricComparison:
    metric: str
    a: float
    b: float
    diff: float
    low: float
    high: float
    p_value: float
    n: int


class _Protocol(BaseModel):
    name: str
    metrics: list[str] = Field(min_length=1)
    description: str


class _Dataset(BaseModel):
    name: str
    digest: str


class _Results(BaseModel):
    """What compare reads of a results.json (other keys are not its business)."""

    protocol: _Protocol
    dataset: _Dataset
    systems: dict[str, Any] = Field(min_length=1)


def _check_results(folder: Path, doc: Any) -> None:
    """An InputError naming results.json when ``doc`` lacks what compare reads."""
    path = folder / "results.json"
    try:
        _Results.model_validate(doc)
    except ValidationError as e:
        err = e.errors(include_url=False)[0]
        where = ".".join(str(p) for p in err["loc"])
        where = f"{excerpt(where, 60)}: " if where else ""
        raise InputError(f"{path} is not a valid evaluation report: {where}"
                         f"{err['msg'].lower()}") from None


def _check_scores(folder: Path, per: dict[str, dict[str, dict[str, float]]]) -> None:
    for system, clusters in per.items():
        for cluster, scores in clusters.items():
            for metric, value in scores.items():
                if not math.isfinite(value):
                    raise InputError(f"{folder / 'clusters.csv'}: {metric} of system "
                                     f"{excerpt(system)} on cluster {excerpt(cluster)} is "
                                     f"{value}, not a score")


def _load(run: str) -> tuple[dict, dict[str, dict[str, dict[str, float]]]]:
    """:func:`load_report`, with anything malformed one InputError naming its file."""
    folder = Path(run)
    try:
        doc, per = load_report(folder)
    except OSError as e:
        raise InputError(f"cannot read the report {folder}: {e.strerror or e}") from None
    except (KeyError, IndexError, TypeError, AttributeError, ValueError, csv.Error) as e:
        # results.json parsed (load_report reads it first): it, or else clusters.csv, is
        # what does not hold the report's shape.
        _check_results(folder, json.loads((folder / "results.json").read_text(encoding="utf-8")))
        what = f"no column {excerpt(e.args[0] if e.args else '')}" if isinstance(e, KeyError) \
            else excerpt(str(e), 120)
        raise InputError(f"{folder / 'clusters.csv'} is not a valid evaluation report "
                         f"({what})") from None
    _check_results(folder, doc)
    _check_scores(folder, per)
    return doc, per


def _pick(doc: dict, per: dict, wanted: str | None, where: str) -> str:
    names = list(doc["systems"])
    listed = excerpt(", ".join(names), 200)
    if wanted:
        if wanted not in per:
            raise UsageError(f"{where} has no system {excerpt(wanted)} (it has {listed})")
        return wanted
    if len(names) == 1:
        return names[0]
    if "default" in names:
        return "default"
    raise UsageError(f"{where} holds several systems ({listed}); choose one with "
                     f"--system-a/--system-b")


def compare(run_a: str, run_b: str | None = None, system_a: str | None = None,
            system_b: str | None = None, samples: int = 1000, seed: int = 0
            ) -> tuple[str, str, list[MetricComparison]]:
    """Compare system A of ``run_a`` with system B of ``run_b`` (or of ``run_a`` itself).
    Returns (label A, label B, one comparison per metric)."""
    check_resampling(samples, seed)
    doc_a, per_a = _load(run_a)
    if run_b is None:
        doc_b, per_b = doc_a, per_a
        if not (system_a and system_b):
            raise UsageError("comparing inside one report needs --system-a and --system-b")
    else:
        doc_b, per_b = _load(run_b)
    pa, pb, da, db = doc_a["protocol"], doc_b["protocol"], doc_a["dataset"], doc_b["dataset"]
    if pa["name"] != pb["name"] or pa["metrics"] != pb["metrics"]:
        raise UsageError(f"the reports use different protocols ({excerpt(pa['description'])} vs "
                         f"{excerpt(pb['description'])}); their scores do not compare")
    if da["digest"] != db["digest"]:
        raise UsageError(f"the reports score different datasets ({excerpt(da['name'])} "
                         f"{excerpt(da['digest'])} vs {excerpt(db['name'])} "
                         f"{excerpt(db['digest'])})")
    name_a = _pick(doc_a, per_a, system_a, str(run_a))
    name_b = _pick(doc_b, per_b, system_b or (name_a if name_a in per_b and run_b else None),
                   str(run_b or run_a))
    scores_a, scores_b = per_a[name_a], per_b[name_b]
    common = [c for c in scores_a if c in scores_b]
    if not common:
        raise UsageError("the two reports share no cluster")
    rows = []
    for m in doc_a["protocol"]["metrics"]:
        a = [scores_a[c][m] for c in common]
        b = [scores_b[c][m] for c in common]
        r = paired_bootstrap(a, b, samples, seed)
        rows.append(MetricComparison(m, sum(a) / len(a), sum(b) / len(b), r.diff, r.low, r.high,
                                     r.p_value, r.n))
    label_a = f"{run_a}:{name_a}"
    label_b = f"{run_b or run_a}:{name_b}"
    return label_a, label_b, rows


def format_comparison(label_a: str, label_b: str, rows: list[MetricComparison],
                      samples: int) -> str:
    lines = [f"A = {label_a}", f"B = {label_b}", "",
             "| metric | A | B | B - A [95% CI] | p | verdict |", "|---|---|---|---|---|---|"]
    floor = 1.0 / samples
    for r in rows:
        p = f"< {floor:.3g}" if r.p_value < floor else f"{r.p_value:.3f}"
        verdict = ("B better" if r.p_value < 0.05 and r.diff > 0 else
                   "B worse" if r.p_value < 0.05 and r.diff < 0 else "no significant difference")
        lines.append(f"| {METRIC_LABELS.get(r.metric, r.metric)} | {r.a:.2f} | {r.b:.2f} | "
                     f"{r.diff:+.2f} [{r.low:+.2f}, {r.high:+.2f}] | {p} | {verdict} |")
    n = rows[0].n if rows else 0
    lines += ["", f"paired bootstrap over {n} clusters, {samples} resamples, two-sided p."]
    return "\n".join(lines) + "\n"
