"""Evaluation harness: systems x dataset -> ROUGE with confidence intervals and reports.

``evaluate("duc2003", systems="default,lead,oracle")`` reads the dataset, builds each
system, summarizes and scores every cluster (cached, in parallel), and aggregates. The
modules, one job each: :mod:`.protocols` (what ROUGE sees), :mod:`.datasets` (names and
readers), :mod:`.systems` and :mod:`.baselines` and :mod:`.peers` (what is evaluated),
:mod:`.runner` (parallel, cached execution), :mod:`.bootstrap` (intervals, paired test),
:mod:`.report` and :mod:`.compare` (files and significance), :mod:`.gate` (CI),
:mod:`.experiments` (sweeps, recorded runs, leaderboards).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config import Config
    from .datasets import Dataset
    from .protocols import Protocol
    from .runner import RunResults
    from .systems import SystemSpec

# Re-exported names -> the module that defines them, imported on first use, so that
# reading the systems table (the CLI's --help) does not load the stages.
_LAZY = {"load_dataset": "datasets", "Dataset": "datasets", "get_protocol": "protocols",
         "Protocol": "protocols", "default_cache_dir": "runner", "Cache": "runner",
         "RunResults": "runner", "SystemSpec": "systems", "parse_systems": "systems"}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class Evaluation:
    run: RunResults
    doc: dict  # the results.json document
    config: Config
    report: Path | None = None


def resolve_config(dataset: Dataset, config: str | None, overrides: list[str]) -> tuple[Config, str]:
    """The base config: ``--config``, else the dataset's own config, else (for a dataset
    given as a path) the built-in defaults. A named dataset whose own config is missing is
    an error, never a silent fall-back to the defaults."""
    from ..config import load_config

    if config:
        return load_config(config, overrides), str(config)
    if dataset.config is not None:
        if not dataset.config.is_file():
            from ..errors import ConfigError

            raise ConfigError(f"dataset {dataset.name!r}: its config {dataset.config} is missing "
                              "(a broken install?); pass --config")
        return load_config(dataset.config, overrides), dataset.config.name
    return load_config(None, overrides), "built-in defaults"


def evaluate(dataset: str | Dataset, config: str | None = None, overrides: list[str] = (),
             systems: str | list[str] = "default", protocol: str | None = None, jobs: int = 1,
             cache_dir: str | Path | None = None, report: str | Path | None = None,
             samples: int | None = None, seed: int | None = None, limit: int | None = None,
             progress: bool = False, specs: list[SystemSpec] | None = None,
             data: str | Path | None = None, executor: str = "local",
             address: str | None = None, force: bool = False,
             allow_train_overlap: bool = False) -> Evaluation:
    """Run ``systems`` on ``dataset`` and aggregate; write a report folder if asked.

    The protocol is the one named, else the dataset's own (duc2003 -> duc, ...), else the
    config's ``evaluate.protocol``. ``specs`` replaces ``systems`` with ready-built
    system specs (the experiment runner names each grid point). ``data`` is the shared
    data folder (``--data``), else it is searched for (:func:`.datasets.data_roots`).
    ``executor="ray"`` computes the summaries and scores that are not cached in a pool
    of Ray actors (``address``: the cluster to join, None for a local one; ``jobs`` > 1
    caps the actors); the same scores as the local executor's. A system whose trained
    model (``rank.method: learned``) saw clusters of the dataset is refused before any
    work unless ``allow_train_overlap``, which the report then states (:mod:`.overlap`).

    ``report`` is checked before any work (a file, an uncreatable folder, or a folder
    holding things no report of ours wrote unless ``force``). A report that cannot be
    written at the end raises :class:`.report.ReportNotWritten` carrying the finished
    evaluation; the per-cluster results are in the cache already."""
    from ..config import check_int, load_config
    from ..fileio import check_report_dir
    from .bootstrap import check_resampling
    from .datasets import Dataset, load_dataset
    from .overlap import check_train_overlap
    from .protocols import get_protocol
    from .runner import Cache, run
    from .systems import parse_systems

    check_resampling(samples, seed)  # before the work, not when aggregating after it
    check_int(jobs, "jobs", 1)
    if report:
        check_report_dir(report, "report folder", force)
    overrides = list(overrides)
    runner_executor = None
    if executor != "local" or address:
        from ..executors import get_executor

        runner_executor = get_executor(executor, address, jobs if jobs > 1 else None)
    base_ingest = load_config(config, overrides).ingest if config else None
    ds = dataset if isinstance(dataset, Dataset) else load_dataset(
        dataset, base_ingest or load_config(None, overrides).ingest, limit, data)
    cfg, source = resolve_config(ds, config, overrides)
    proto = get_protocol(protocol or ds.protocol or cfg.evaluate.protocol, cfg.evaluate)
    if specs is None:
        specs = parse_systems(systems, cfg, source, overrides)
    check_train_overlap(specs, ds, allow_train_overlap)
    result = run(ds, specs, proto, jobs=jobs, cache=Cache(cache_dir), progress=progress,
                 executor=runner_executor)
    from .report import aggregate

    doc = aggregate(result, samples if samples is not None else cfg.evaluate.bootstrap,
                    seed if seed is not None else cfg.evaluate.seed)
    ev = Evaluation(result, doc, cfg)
    if report:
        ev.report = _write(ev, report, force, cache_dir)
    return ev


def _write(ev: Evaluation, report: str | Path, force: bool, cache_dir) -> Path:
    """The report folder, or :class:`.report.ReportNotWritten` carrying ``ev``."""
    from ..errors import SummarizerError
    from .report import ReportNotWritten, write_report

    try:
        return write_report(ev.run, report, ev.doc, force)
    except SummarizerError as e:
        cached = "; the results are cached: the same command again computes nothing" \
            if cache_dir else ""
        raise ReportNotWritten(f"{e}{cached}", e.exit_code, ev) from None


__all__ = ["evaluate", "Evaluation", "load_dataset", "get_protocol", "default_cache_dir",
           "Dataset", "Protocol"]
