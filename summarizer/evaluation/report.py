"""Aggregate per-cluster results and write a report folder.

A report folder holds everything needed to check or redo a comparison without us:
``results.json`` (means with intervals, protocol, dataset and code versions),
``clusters.csv`` (one row per system and cluster), ``results.md`` (the table),
``scores.png`` (per-cluster scores of every system), ``index.html`` with a page per
cluster in ``clusters/`` (:mod:`summarizer.html.report`: the tables, the plots and each
summary's ROUGE matches highlighted; ``cluster_pages`` in ``results.json`` maps each id to
its page) and ``summaries/<system>/<id>.txt``
so anyone can re-score the summaries with another ROUGE (``summary_files`` in
``results.json`` maps each id to its file: ids are names, made unique and safe by
:func:`summarizer.fileio.unique_names`). The folder is written by
:func:`summarizer.fileio.write_report_dir`: it owns only the paths its manifest lists.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import logging
import math
import statistics
import time
from collections import ChainMap
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from .. import __version__
from ..config import excerpt, first_error
from ..errors import InputError, SummarizerError
from ..fileio import Unreadable, read_regular, unique_names, write_report_dir
from .bootstrap import bootstrap_ci
from .overlap import overlap_lines, train_overlap
from .protocols import METRIC_LABELS
from .runner import RunResults, code_version

log = logging.getLogger("summarizer")


class ReportNotWritten(SummarizerError):
    """The run finished but its report folder could not be written. It carries the
    finished evaluation, so nothing computed is lost (the CLI still prints the table)."""

    def __init__(self, message: str, exit_code: int, evaluation=None):
        super().__init__(message)
        self.exit_code = exit_code
        self.evaluation = evaluation


def aggregate(run: RunResults, samples: int = 1000, seed: int = 0) -> dict:
    """The ``results.json`` document for a finished run."""
    systems = {}
    for spec in run.systems:
        rows = run.results[spec.name]
        metrics = {}
        for m in run.protocol.metrics:
            ci = bootstrap_ci([r.scores[m] for r in rows], samples, seed)
            metrics[m] = {"mean": round(ci.mean, 4), "low": round(ci.low, 4),
                          "high": round(ci.high, 4)}
        rates = [r.unsupported for r in rows if r.unsupported is not None]
        times = [r.seconds for r in rows]
        systems[spec.name] = {
            "kind": spec.kind, "source": spec.source, "key": spec.key(),
            "config_hash": spec.config.hash(), "clusters": len(rows),
            "errors": sum(1 for r in rows if r.error),
            "metrics": metrics,
            "unsupported_per_100_words": round(statistics.fmean(rates), 4) if rates else None,
            "words": round(statistics.fmean(r.words for r in rows), 2) if rows else 0,
            "seconds": {"total": round(sum(times), 3),
                        "median": round(statistics.median(times), 6) if times else 0},
        }
        overlap = train_overlap(spec, run.dataset)
        if overlap is not None:  # a trained model: how many of these clusters it saw
            systems[spec.name]["train_overlap"] = overlap
    return {
        "dataset": {"name": run.dataset.name, "path": str(run.dataset.path),
                    "digest": run.dataset.digest, "clusters": len(run.dataset.clusters),
                    "files": run.dataset.files},
        "protocol": {**{k: v for k, v in run.protocol.__dict__.items()},
                     "description": run.protocol.describe()},
        "bootstrap": {"samples": samples, "seed": seed, "level": 0.95},
        "summarizer_version": __version__, "code_version": code_version(),
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "cached": run.cached, "computed": run.computed,
        "wall_seconds": round(run.seconds, 3),
        "systems": systems,
        "summary_files": {spec.name: {r.cluster: path for r, path in
                                      zip(run.results[spec.name], paths)}
                          for spec, paths in zip(run.systems, summary_paths(run))},
        "cluster_pages": dict(zip((c.id for c in run.dataset.clusters), cluster_paths(run))),
    }


def summary_paths(run: RunResults) -> list[list[str]]:
    """Each system's summary file for each of its clusters, in order:
    ``summaries/<system>/<id>.txt``, where both names come from
    :func:`~summarizer.fileio.unique_names` (never two alike, never a path)."""
    folders = unique_names([spec.name for spec in run.systems])
    return [[f"summaries/{folder}/{stem}.txt"
             for stem in unique_names([r.cluster for r in run.results[spec.name]])]
            for spec, folder in zip(run.systems, folders)]


def cluster_paths(run: RunResults) -> list[str]:
    """Each cluster's page, in the dataset's order: ``clusters/<id>.html``, the name from
    :func:`~summarizer.fileio.unique_names` as for the summary files."""
    return [f"clusters/{stem}.html" for stem in _cluster_stems(run)]


def _cluster_stems(run: RunResults) -> list[str]:
    return unique_names([c.id for c in run.dataset.clusters])


class LazyPages(Mapping):
    """Report files made when the folder writer reads each one, once, so a big report
    never holds all its cluster pages at once (multinews-val's 5,622 pages, 125 MB:
    writing the report raised peak RSS by 180 MB instead of 387 MB)."""

    def __init__(self, makers: dict[str, Callable[[], str]]):
        self._makers = makers

    def __getitem__(self, rel: str) -> str:
        return self._makers[rel]()

    def __iter__(self):
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)


def html_pages(run: RunResults, doc: dict) -> LazyPages:
    """``index.html`` and one page per cluster (:mod:`summarizer.html.report`), each
    built when it is written."""
    from ..html.cluster_page import Neighbours, cluster_page
    from ..html.report import index_page

    stems = _cluster_stems(run)
    names = [spec.name for spec in run.systems]
    rows = {n: {r.cluster: r for r in run.results[n]} for n in names}
    total = len(stems)

    def one(i: int, cluster) -> Callable[[], str]:
        around = Neighbours(i + 1, total, stems[i - 1] if i else None,
                            stems[i + 1] if i + 1 < total else None)
        return lambda: cluster_page(cluster, run.protocol,
                                    {n: rows[n].get(cluster.id) for n in names}, around)

    makers = {"index.html": lambda: index_page(run, doc, stems)}
    for i, (cluster, stem) in enumerate(zip(run.dataset.clusters, stems)):
        makers[f"clusters/{stem}.html"] = one(i, cluster)
    return LazyPages(makers)


def table(doc: dict) -> str:
    """Markdown table: one row per system, mean [95% CI] per metric."""
    metrics = list(doc["protocol"]["metrics"])
    head = ["system"] + [METRIC_LABELS.get(m, m) for m in metrics] + ["words", "unsupported/100w"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, s in doc["systems"].items():
        cells = [name]
        for m in metrics:
            v = s["metrics"][m]
            cells.append(f"{v['mean']:.2f} [{v['low']:.2f}, {v['high']:.2f}]")
        rate = s["unsupported_per_100_words"]
        cells += [f"{s['words']:.0f}", "-" if rate is None else f"{rate:.2f}"]
        lines.append("| " + " | ".join(cells) + " |")
    d = doc["dataset"]
    caption = (f"{d['name']} ({d['clusters']} clusters), protocol {doc['protocol']['description']}; "
               f"mean x100 with 95% bootstrap CI over clusters ({doc['bootstrap']['samples']} "
               f"resamples, seed {doc['bootstrap']['seed']}).")
    notes = "".join(f"\n{line}\n" for line in overlap_lines(doc))
    return "\n".join(lines) + "\n\n" + caption + "\n" + notes


def clusters_csv(run: RunResults) -> str:
    buf = io.StringIO()
    metrics = list(run.protocol.metrics)
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["system", "cluster", *metrics, "words", "unsupported", "seconds", "error"])
    for spec in run.systems:
        for r in run.results[spec.name]:
            writer.writerow([r.system, r.cluster, *(f"{r.scores[m]:.4f}" for m in metrics),
                             r.words, "" if r.unsupported is None else f"{r.unsupported:.4f}",
                             f"{r.seconds:.6f}", r.error or ""])
    return buf.getvalue()


def plot_png(run: RunResults) -> bytes:
    """One panel per metric: each system's per-cluster scores, sorted (a quantile plot,
    readable for 10 clusters or 5,000)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    metrics = list(run.protocol.metrics)
    fig, axes = plt.subplots(1, len(metrics), figsize=(4.2 * len(metrics), 3.6), squeeze=False)
    for ax, m in zip(axes[0], metrics):
        for spec in run.systems:
            values = sorted(r.scores[m] for r in run.results[spec.name])
            marker = "o" if len(values) <= 40 else None
            ax.plot(range(1, len(values) + 1), values, marker=marker, markersize=3,
                    linewidth=1.2, label=spec.name)
        ax.set_title(f"{METRIC_LABELS.get(m, m)} {run.protocol.measure}")
        ax.set_xlabel("clusters, sorted by score")
        ax.set_ylabel("score x100")
        ax.grid(alpha=0.3)
    axes[0][0].legend(fontsize=8)
    fig.suptitle(f"{run.dataset.name}: per-cluster scores ({run.protocol.name} protocol)",
                 fontsize=10)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    return buf.getvalue()


def write_report(run: RunResults, folder: str | Path, doc: dict, force: bool = False,
                 extra: dict[str, str | bytes] | None = None) -> Path:
    """Write the report folder as one unit: it replaces an earlier report there and
    nothing else (see :func:`~summarizer.fileio.write_report_dir`; ``force`` writes into
    a folder holding other things); ``extra`` files (a run's ``config.yaml`` and
    ``run.json``) are part of the report, owned like the rest."""
    files: dict[str, str | bytes] = {
        "results.json": json.dumps(doc, indent=2, ensure_ascii=False) + "\n",
        "clusters.csv": clusters_csv(run), "results.md": table(doc), "scores.png": plot_png(run)}
    renamed = set()
    for spec, paths in zip(run.systems, summary_paths(run)):
        for r, path in zip(run.results[spec.name], paths):
            files[path] = r.summary + "\n"
            if path.rsplit("/", 1)[1] != f"{r.cluster}.txt":
                renamed.add(r.cluster)
    if renamed:
        log.warning("%d cluster id(s) are not file names as they stand (characters a file name "
                    "cannot hold, ids that collide or are too long): results.json's "
                    "summary_files maps each id to its file", len(renamed))
    write_report_dir(folder, ChainMap(extra or {}, files, html_pages(run, doc)),
                     "report folder", force)
    return Path(folder)


class _Protocol(BaseModel):
    name: str
    metrics: list[str] = Field(min_length=1)
    description: str


class _Dataset(BaseModel):
    name: str
    digest: str


class _Results(BaseModel):
    """What is read back of a results.json (other keys are not checked)."""

    protocol: _Protocol
    dataset: _Dataset
    systems: dict[str, Any] = Field(min_length=1)


_REPORT_FILE_MAX = 256 << 20  # bytes of a results.json or clusters.csv read


def _read(path: Path, what: str) -> str:
    """A report file as text: a regular file only (a FIFO would hang ``compare``, a link
    to ``/dev/zero`` fill the memory), capped, UTF-8."""
    try:
        return read_regular(path, _REPORT_FILE_MAX).decode("utf-8")
    except Unreadable as e:
        if e.errno == errno.ENOENT:
            raise InputError(f"{path.parent} is not an evaluation report (missing "
                             f"{path.name})") from None
        raise InputError(f"cannot read {path}: {e}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path} is not {what} (not UTF-8)") from None


def _results(folder: Path) -> dict:
    """results.json, with what is read of it checked."""
    path = folder / "results.json"
    text = _read(path, "valid JSON")
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError) as e:
        raise InputError(f"{path} is not valid JSON: {excerpt(str(e), 120)}") from None
    try:
        _Results.model_validate(doc)
    except ValidationError as e:
        raise InputError(f"{path} is not a valid evaluation report: {first_error(e)}") from None
    return doc


def _scores(folder: Path, metrics: list[str]) -> dict[str, dict[str, dict[str, float]]]:
    """clusters.csv as {system: {cluster: {metric: score}}}; every score a finite number
    (NaN would compare as "no difference")."""
    path = folder / "clusters.csv"
    per: dict[str, dict[str, dict[str, float]]] = {}
    try:
        for row in csv.DictReader(io.StringIO(_read(path, "a CSV file"))):
            scores = {m: float(row[m]) for m in metrics}
            bad = next((m for m, v in scores.items() if not math.isfinite(v)), None)
            if bad is not None:
                raise InputError(f"{path}: {bad} of system {excerpt(row['system'])} on cluster "
                                 f"{excerpt(row['cluster'])} is {scores[bad]}, not a score")
            per.setdefault(row["system"], {})[row["cluster"]] = scores
    except KeyError as e:
        raise InputError(f"{path} is not a valid evaluation report (no column "
                         f"{excerpt(e.args[0])})") from None
    except (TypeError, ValueError, csv.Error) as e:  # a short row, a word for a score
        raise InputError(f"{path} is not a valid evaluation report ({excerpt(str(e), 120)})"
                         ) from None
    return per


def load_report(folder: str | Path) -> tuple[dict, dict[str, dict[str, dict[str, float]]]]:
    """(results.json, {system: {cluster: {metric: score}}}) of a report folder. A report
    may come from anywhere (a colleague, an old version, a hand edit): a malformed one is
    one InputError naming its file, never a traceback."""
    folder = Path(folder)
    doc = _results(folder)
    per = _scores(folder, list(doc["protocol"]["metrics"]))
    names = list(doc["systems"])
    if len(names) == 1 and len(per) == 1 and names[0] not in per:
        # Written before rows were labelled by the run: a single system's rows could carry
        # the name its cached results were first computed under. One system, one set.
        per = {names[0]: next(iter(per.values()))}
    missing = [n for n in names if n not in per]
    if missing:
        raise InputError(f"{folder}/clusters.csv has no rows for system {excerpt(missing[0])} "
                         f"(it has {excerpt(', '.join(per) or 'none', 200)}); evaluate it again")
    return doc, per
