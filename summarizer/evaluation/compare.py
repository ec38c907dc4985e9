"""Is B better than A? A paired bootstrap over the clusters both reports scored.

A malformed report is one line naming its file (:func:`.report.load_report`), and a score
that is not a finite number is an error, never "no significant difference"."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import excerpt
from ..errors import UsageError
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


@dataclass(frozen=True)
class Pair:
    """Two reports' chosen systems on the clusters both scored (in A's order)."""

    run_a: str
    run_b: str
    doc_a: dict
    doc_b: dict
    name_a: str
    name_b: str
    scores_a: dict[str, dict[str, float]]
    scores_b: dict[str, dict[str, float]]
    common: list[str]


def load_pair(run_a: str, run_b: str | None = None, system_a: str | None = None,
              system_b: str | None = None) -> Pair:
    """System A of ``run_a`` and system B of ``run_b`` (or of ``run_a`` itself), refused
    (UsageError) where their scores do not compare."""
    doc_a, per_a = load_report(run_a)
    if run_b is None:
        doc_b, per_b = doc_a, per_a
        if not (system_a and system_b):
            raise UsageError("comparing inside one report needs --system-a and --system-b")
    else:
        doc_b, per_b = load_report(run_b)
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
    return Pair(str(run_a), str(run_b or run_a), doc_a, doc_b, name_a, name_b, scores_a,
                scores_b, common)


def compare(run_a: str, run_b: str | None = None, system_a: str | None = None,
            system_b: str | None = None, samples: int = 1000, seed: int = 0
            ) -> tuple[str, str, list[MetricComparison]]:
    """Compare system A of ``run_a`` with system B of ``run_b`` (or of ``run_a`` itself).
    Returns (label A, label B, one comparison per metric)."""
    check_resampling(samples, seed)
    pair = load_pair(run_a, run_b, system_a, system_b)
    return (f"{pair.run_a}:{pair.name_a}", f"{pair.run_b}:{pair.name_b}",
            compare_pair(pair, samples, seed))


def compare_pair(pair: Pair, samples: int = 1000, seed: int = 0) -> list[MetricComparison]:
    """The paired bootstrap of B against A, one comparison per metric."""
    rows = []
    for m in pair.doc_a["protocol"]["metrics"]:
        a = [pair.scores_a[c][m] for c in pair.common]
        b = [pair.scores_b[c][m] for c in pair.common]
        r = paired_bootstrap(a, b, samples, seed)
        rows.append(MetricComparison(m, sum(a) / len(a), sum(b) / len(b), r.diff, r.low, r.high,
                                     r.p_value, r.n))
    return rows


def differences_page(run_a: str, run_b: str | None, html: str, system_a: str | None = None,
                     system_b: str | None = None, metric: str | None = None,
                     samples: int = 1000, seed: int = 0, top: int | None = None
                     ) -> tuple[str, str, list]:
    """Write ``html``: the comparison table and the ``top`` clusters (default 50) where
    the two systems differ most on ``metric`` (default the first), see
    :func:`summarizer.html.compare_page.differences`. ``html`` is checked before any work
    and written atomically (a symlink there is replaced, never followed). Returns what
    :func:`compare` returns."""
    from ..fileio import atomic_write, check_output_file
    from ..html.compare_page import TOP, differences

    check_resampling(samples, seed)
    check_output_file(html, "--html")
    target = Path(html).absolute().resolve()
    for run in filter(None, (run_a, run_b)):
        if target.is_relative_to(Path(run).absolute().resolve()):
            raise UsageError(f"--html {excerpt(html)} is inside the report {excerpt(run)}, "
                             "whose files are its own; write the page elsewhere")
    pair = load_pair(run_a, run_b, system_a, system_b)
    metrics = pair.doc_a["protocol"]["metrics"]
    metric = metric or metrics[0]
    if metric not in metrics:
        raise UsageError(f"--metric {excerpt(metric)}: the reports score "
                         f"{', '.join(metrics)}")
    rows = compare_pair(pair, samples, seed)
    atomic_write(html, differences(pair, rows, metric, samples, html, top or TOP))
    return f"{pair.run_a}:{pair.name_a}", f"{pair.run_b}:{pair.name_b}", rows


def format_comparison(label_a: str, label_b: str, rows: list[MetricComparison],
                      samples: int) -> str:
    lines = [f"A = {label_a}", f"B = {label_b}", "",
             "| metric | A | B | B - A [95% CI] | p | verdict |", "|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {METRIC_LABELS.get(r.metric, r.metric)} | {r.a:.2f} | {r.b:.2f} | "
                     f"{r.diff:+.2f} [{r.low:+.2f}, {r.high:+.2f}] | "
                     f"{p_text(r.p_value, samples)} | {verdict(r)} |")
    n = rows[0].n if rows else 0
    lines += ["", f"paired bootstrap over {n} clusters, {samples} resamples, two-sided p."]
    return "\n".join(lines) + "\n"


def p_text(p_value: float, samples: int) -> str:
    """A p-value as printed: below one resample's weight it is only "< 1/samples"."""
    floor = 1.0 / samples
    return f"< {floor:.3g}" if p_value < floor else f"{p_value:.3f}"


def verdict(r: MetricComparison) -> str:
    return ("B better" if r.p_value < 0.05 and r.diff > 0 else
            "B worse" if r.p_value < 0.05 and r.diff < 0 else "no significant difference")
