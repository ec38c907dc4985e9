"""Config-driven experiments: a sweep file in, recorded runs and a leaderboard out
(:mod:`.leaderboard`).

A sweep names a base config, a grid of overrides and datasets::

    name: rankers
    base: dataset          # each dataset's own config (configs/duc.yaml, ...); or a path,
                           # or a mapping {dataset: config path}
    datasets: [duc2003, multinews-dev]
    set: [select.mmr.lambda=0.7]      # fixed overrides for every point (optional)
    grid:
      rank.method: [lexrank, textrank, centroid]

Every grid point x dataset is a run, plus one run of the base itself (the reference that
the leaderboard tests every other run against). All points of a dataset are evaluated in
one pass of the cached, parallel runner, so a killed sweep resumes without recomputing.
Each run is recorded in ``runs/<sweep>/<run id>/``: the report files of
:mod:`summarizer.evaluation.report` plus ``config.yaml`` and ``run.json`` (config hash, git
commit and dirty flag, package versions, dataset file hashes, scores, wall time).

Every part of that path is a folder name, never a path: a sweep name is up to 100
letters, digits, ``.``, ``_`` and ``-``, not starting with ``.`` (``..`` or ``/x`` is
refused); a run id is its point made file-safe, with a hash suffix where two points would
meet; two datasets of one name in a sweep are refused. A record never holds the
credentials of a URL (``refine.base_url``): they are written as ``user:***``. A run folder
is a report folder (:func:`summarizer.fileio.write_report_dir`): checked before any work,
and one that holds files no report of ours wrote is written only with ``force``.

A runs folder may hold anything (an older version's runs, a hand edit, a copy): a run
whose ``run.json`` or report cannot be read as one is skipped with a warning naming it.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import math
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Optional, Union

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    FiniteFloat,
    TypeAdapter,
    ValidationError,
    field_validator,
)
from typing_extensions import TypedDict

from ..config import first_error, load_config, read_yaml
from ..errors import ConfigError, InputError, UsageError
from ..fileio import Unreadable, atomic_write, check_report_dir, read_regular, safe_name
from ..refine.client import redact_url

log = logging.getLogger("summarizer")

PACKAGES = ("numpy", "scipy", "scikit-learn", "nltk", "rouge-score", "pydantic", "PyYAML",
            "transformers", "torch")
BASE_RUN = "base"


class Sweep(BaseModel):
    """A sweep file, validated: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")

    name: str
    datasets: list[str]
    base: Union[str, dict[str, str]] = "dataset"
    set: list[str] = []
    grid: dict[str, list[Any]] = {}
    protocol: Optional[str] = None
    bootstrap: int = 1000
    seed: int = 0

    @field_validator("name")
    @classmethod
    def _safe(cls, v: str) -> str:
        # It names a folder under --runs-dir: a name, never a path ('..', '/x', 'a/b').
        if not re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}", v):
            raise ValueError("use up to 100 letters, digits, '.', '_' and '-', not starting "
                             "with '.' (it names a folder under --runs-dir)")
        return v

    @field_validator("datasets")
    @classmethod
    def _some(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError("name at least one dataset")
        twice = sorted({d for d in v if v.count(d) > 1})
        if twice:
            raise ValueError(f"{twice[0]!r} is named twice")
        return v


def load_sweep(path: str | Path) -> tuple[Sweep, Path]:
    path = Path(path)
    try:
        data = read_yaml(path, f"sweep file {path}")
    except FileNotFoundError:
        raise InputError(f"sweep file not found: {path}") from None
    except yaml.YAMLError as e:
        raise ConfigError(f"{path}: not valid YAML: {e}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a sweep file is a mapping (name, datasets, grid, ...)")
    try:
        return Sweep(**data), path
    except ValidationError as e:
        raise ConfigError(f"{path}: sweep key {first_error(e)}") from None


def _value(v: Any) -> str:
    return v if isinstance(v, str) else json.dumps(v)


MAX_POINTS = 10_000  # grid points of a sweep: ten keys of ten values are 10**10 runs


def grid_points(grid: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """Every combination of the grid, keys in file order; at most :data:`MAX_POINTS`."""
    if not grid:
        return []
    keys = list(grid)
    for k in keys:
        if not grid[k]:
            raise ConfigError(f"sweep grid {k!r} has no values")
    total = math.prod(len(v) for v in grid.values())
    if total > MAX_POINTS:
        raise ConfigError(f"sweep grid has {total:,} points (every combination of its "
                          f"values); at most {MAX_POINTS:,}: split the sweep")
    return [dict(zip(keys, combo)) for combo in itertools.product(*(grid[k] for k in keys))]


def run_id(point: dict[str, Any]) -> str:
    """A readable, file-safe id for a grid point: ``rank.method=textrank,select.words=250``;
    the password of a URL in it is not part of it (it names a folder, leaderboard rows)."""
    if not point:
        return BASE_RUN
    text = redact_url(",".join(f"{k}={_value(v)}" for k, v in point.items()))
    return re.sub(r"[^A-Za-z0-9.,=_+-]+", "_", text)[:150]


def run_ids(points: list[dict[str, Any]]) -> list[str]:
    """:func:`run_id` of each point, made unique: points whose ids meet (values that
    differ only in characters a file name cannot hold, or past the 150-character cut)
    get ``-`` and 8 hex digits of their full text, so no run overwrites another's."""
    ids = [run_id(p) for p in points]
    texts = [json.dumps(p, sort_keys=True) for p in points]
    seen: dict[str, set[str]] = {}
    for i, t in zip(ids, texts):
        seen.setdefault(i, set()).add(t)
    clash = {i for i, found in seen.items() if len(found) > 1}
    return [f"{i[:140]}-{hashlib.sha256(t.encode()).hexdigest()[:8]}" if i in clash else i
            for i, t in zip(ids, texts)]


def base_config(sweep: Sweep, sweep_path: Path, dataset: str) -> str | None:
    """Config file for a dataset: ``dataset`` -> its own, a path, or a per-dataset map
    (paths relative to the sweep file, then to the current folder)."""
    from .datasets import NAMED, configs_dir

    spec = sweep.base
    if isinstance(spec, dict):
        if dataset not in spec:
            raise ConfigError(f"sweep base: no config for dataset {dataset!r}")
        spec = spec[dataset]
    if spec == "dataset":
        named = NAMED.get(dataset)
        return str(configs_dir() / named.config) if named else None
    for candidate in (sweep_path.parent / spec, Path(spec)):
        if candidate.exists():
            return str(candidate)
    raise ConfigError(f"sweep base config {spec!r} not found (looked beside {sweep_path} "
                      f"and in the current folder)")


def _git() -> dict:
    def out(*args):
        try:
            return subprocess.run(["git", *args], capture_output=True, text=True, timeout=10,
                                  cwd=Path(__file__).resolve().parent).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    commit = out("rev-parse", "HEAD")
    return {"commit": commit or None,
            "dirty": bool(out("status", "--porcelain", "--untracked-files=no")) if commit else None}


def _versions() -> dict:
    from importlib import metadata

    from .. import __version__

    found = {"summarizer": __version__}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


@dataclass
class RunRecord:
    folder: Path
    meta: dict  # run.json

    @property
    def sweep(self) -> str:
        return self.meta["sweep"]

    @property
    def dataset(self) -> str:
        return self.meta["dataset"]["name"]


def run_sweep(path: str | Path, jobs: int = 1, runs_dir: str | Path = "runs",
              cache_dir: str | Path | None = None, progress: bool = False,
              force: bool = False) -> list[RunRecord]:
    """Run every grid point on every dataset and record each run. Each run folder is
    checked before its dataset is evaluated; ``force`` writes into one that holds files no
    report of ours wrote (a run folder of a version before manifests)."""
    from . import evaluate, load_dataset
    from .leaderboard import board_csv, board_markdown, boards
    from .report import aggregate, write_report
    from .runner import RunResults
    from .systems import SystemSpec

    sweep, sweep_path = load_sweep(path)
    points = [{}] + grid_points(sweep.grid)
    git, versions = _git(), _versions()
    records = []
    folders: dict[str, str] = {}  # dataset folder name -> the sweep's dataset entry
    for dataset_name in sweep.datasets:
        config_path = base_config(sweep, sweep_path, dataset_name)
        configs = {}
        for point, rid in zip(points, run_ids(points)):
            overrides = list(sweep.set) + [f"{k}={_value(v)}" for k, v in point.items()]
            try:  # the grid's values as YAML read them, not as text to read again
                configs[rid] = (point, overrides, load_config(
                    config_path, list(sweep.set) + list(point.items()), from_data=True))
            except ConfigError as e:
                raise ConfigError(f"sweep {sweep.name}, point {rid}: {e}") from None
        ingest = next(iter(configs.values()))[2].ingest
        dataset = load_dataset(dataset_name, ingest)
        other = folders.setdefault(safe_name(dataset.name), dataset_name)
        if other != dataset_name:
            raise ConfigError(f"sweep {sweep.name}: datasets {other!r} and {dataset_name!r} "
                              f"are both named {dataset.name!r}; their runs would share a "
                              "folder (rename one)")
        where = Path(runs_dir) / sweep.name / safe_name(dataset.name)
        for rid in configs:
            check_report_dir(where / rid, "run folder", force)
        start = time.perf_counter()
        ev = evaluate(dataset, config=config_path, overrides=list(sweep.set),
                      protocol=sweep.protocol, jobs=jobs, cache_dir=cache_dir,
                      samples=sweep.bootstrap, seed=sweep.seed, progress=progress,
                      specs=[SystemSpec(rid, "config", cfg, config_path or "built-in")
                             for rid, (_, _, cfg) in configs.items()])
        wall = time.perf_counter() - start
        for rid, (point, overrides, cfg) in configs.items():
            spec = next(s for s in ev.run.systems if s.name == rid)
            single = RunResults(ev.run.dataset, ev.run.protocol, [spec],
                                {rid: ev.run.results[rid]}, ev.run.cached, ev.run.computed,
                                ev.run.seconds)
            doc = aggregate(single, sweep.bootstrap, sweep.seed)
            folder = where / rid
            meta = {
                "sweep": sweep.name, "sweep_file": str(sweep_path), "run": rid,
                "dataset": {k: doc["dataset"][k] for k in ("name", "path", "digest", "clusters",
                                                           "files")},
                "base_config": config_path, "overrides": overrides, "point": point,
                "config_hash": cfg.hash(), "protocol": doc["protocol"],
                "git": git, "versions": versions, "code_version": doc["code_version"],
                "scores": doc["systems"][rid]["metrics"],
                "unsupported_per_100_words": doc["systems"][rid]["unsupported_per_100_words"],
                "seconds": doc["systems"][rid]["seconds"],
                "wall_seconds_dataset": round(wall, 3),
                "cluster_results": {"cached": ev.run.cached, "computed": ev.run.computed},
                "recorded": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            }
            # a record never holds a secret: the config as shown, a URL's password in
            # the overrides and the point hidden (the run id already has none)
            extra = {"config.yaml": yaml.safe_dump(cfg.shown(), sort_keys=False),
                     "run.json": redact_url(json.dumps(meta, indent=2, ensure_ascii=False)) + "\n"}
            write_report(single, folder, doc, force, extra)
            records.append(RunRecord(folder, meta))
    board, gains = boards(records, sweep.bootstrap, sweep.seed)
    out = Path(runs_dir) / sweep.name
    atomic_write(out / "leaderboard.md", board_markdown(board, gains))
    atomic_write(out / "leaderboard.csv", board_csv(board, gains))
    return records


def collect_runs(runs_dir: str | Path = "runs", sweep: str | None = None) -> list[RunRecord]:
    """Every recorded run under ``runs_dir`` (optionally one sweep's); a folder whose
    run.json is not a run's record is skipped with a warning naming it."""
    root = Path(runs_dir)
    pattern = f"{sweep}/*/*/run.json" if sweep else "*/*/*/run.json"
    records = []
    for path in sorted(root.glob(pattern)):
        try:
            records.append(RunRecord(path.parent, _read_meta(path)))
        except InputError as e:
            log.warning("skipping run %s: %s", path.parent, e)
    return records


class _Interval(TypedDict):
    mean: FiniteFloat
    low: FiniteFloat
    high: FiniteFloat


class _Named(TypedDict):
    name: str


class _Metrics(TypedDict):
    metrics: Annotated[list[str], Field(min_length=1)]


class _RunMeta(TypedDict):
    """What the leaderboard reads of a run.json (other keys are not checked)."""

    sweep: str
    run: str
    dataset: _Named
    protocol: _Metrics
    scores: dict[str, _Interval]


_RUN_META = TypeAdapter(_RunMeta)
_META_LIMIT = 16 << 20  # bytes of a run.json read


def _read_meta(path: Path) -> dict:
    """A run.json, checked (:class:`_RunMeta`), or an InputError saying why not."""
    from ..config import excerpt

    try:
        meta = json.loads(read_regular(path, _META_LIMIT).decode("utf-8"))
        _RUN_META.validate_python(meta, strict=True)  # a score is a number, never "1"
    except Unreadable as e:
        raise InputError(f"run.json: {e}") from None
    except ValidationError as e:
        raise InputError(f"run.json is not a run's record: {first_error(e)}") from None
    except (ValueError, RecursionError) as e:  # not UTF-8, not JSON, nested too deep
        raise InputError(f"run.json is not valid JSON ({excerpt(str(e), 120)})") from None
    if set(meta["scores"]) != set(meta["protocol"]["metrics"]):
        raise InputError("run.json is not a run's record: its scores are not those of "
                         "protocol.metrics")
    return meta


def find_run(ref: str, runs_dir: str | Path = "runs") -> Path:
    """A run by folder path or by ``sweep/dataset/run`` under ``runs_dir``."""
    for candidate in (Path(ref), Path(runs_dir) / ref):
        if (candidate / "run.json").exists() or (candidate / "results.json").exists():
            return candidate
    raise UsageError(f"no recorded run {ref!r} (give a run folder or sweep/dataset/run under "
                     f"{runs_dir}; `summarizer runs list` shows them)")
