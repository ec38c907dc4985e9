"""Run systems over a dataset's clusters: in parallel, cached, resumable.

Each (system, cluster) result is one small JSON file in the cache, written atomically as
soon as it is computed, under a folder named by a hash of (dataset digest, system key,
protocol, code version). A run that is killed therefore resumes where it stopped, and a
change to the code, the config or the data never reuses a stale result.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ..documents import Cluster
from ..errors import SummarizerError
from ..fileio import atomic_write
from .datasets import Dataset
from .protocols import Protocol, score
from .systems import SystemSpec, build

log = logging.getLogger("summarizer")


@dataclass
class ClusterResult:
    system: str
    cluster: str
    scores: dict[str, float]
    summary: str
    words: int
    seconds: float
    unsupported: float | None = None
    error: str | None = None


@dataclass
class RunResults:
    dataset: Dataset
    protocol: Protocol
    systems: list[SystemSpec]
    results: dict[str, list[ClusterResult]] = field(default_factory=dict)
    cached: int = 0
    computed: int = 0
    seconds: float = 0.0


# Modules that only present or drive results; editing them keeps the cache valid.
_PRESENTATION = frozenset({"cli.py", "evaluation/report.py", "evaluation/compare.py",
                           "evaluation/gate.py", "experiments.py", "output.py"})


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of the package's source that can change a summary or a score: such a code
    change invalidates cached results."""
    from .. import __version__

    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*.py")):
        if path.relative_to(root).as_posix() in _PRESENTATION:
            continue
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


class Cache:
    """Per-cluster results on disk; ``None`` root disables caching."""

    def __init__(self, root: str | Path | None):
        self.root = Path(root) if root else None

    def folder(self, dataset: Dataset, spec: SystemSpec, protocol: Protocol) -> Path | None:
        if self.root is None:
            return None
        blob = json.dumps([dataset.name, dataset.digest, spec.key(), protocol.key(),
                           code_version()])
        return self.root / f"{spec.kind}-{hashlib.sha256(blob.encode()).hexdigest()[:16]}"

    @staticmethod
    def _file(folder: Path, cluster_id: str) -> Path:
        return folder / (hashlib.sha1(cluster_id.encode()).hexdigest()[:20] + ".json")

    def get(self, folder: Path | None, cluster_id: str) -> ClusterResult | None:
        if folder is None:
            return None
        path = self._file(folder, cluster_id)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("cluster") != cluster_id:
            return None
        return ClusterResult(**data)

    def put(self, folder: Path | None, result: ClusterResult) -> None:
        if folder is not None:
            atomic_write(self._file(folder, result.cluster),
                         json.dumps(asdict(result), ensure_ascii=False))


def default_cache_dir() -> Path:
    return Path(os.environ.get("SUMMARIZER_CACHE", ".cache/summarizer")) / "eval"


# ------------------------------------------------------------------ worker side

_WORKER: dict = {}


def _init_worker(specs: list[SystemSpec], protocol: Protocol) -> None:
    _WORKER.clear()
    _WORKER.update(specs={s.name: s for s in specs}, protocol=protocol, built={})


def _system(name: str):
    built = _WORKER["built"]
    if name not in built:
        built[name] = build(_WORKER["specs"][name], _WORKER["protocol"])
    return built[name]


def evaluate_one(name: str, cluster: Cluster) -> ClusterResult:
    """Summarize and score one cluster with one system (in whichever process runs it).
    A cluster the system cannot summarize scores zero and keeps the reason."""
    protocol: Protocol = _WORKER["protocol"]
    start = time.perf_counter()
    error, unsupported = None, None
    try:
        out = _system(name)(cluster)
        text, unsupported = out.text, out.unsupported
    except SummarizerError as e:
        text, error = "", str(e)
    elapsed = time.perf_counter() - start
    refs = [r.text for r in cluster.references]
    scores = score(text, refs, protocol)
    return ClusterResult(name, cluster.id, {k: round(v, 6) for k, v in scores.items()},
                         text, len(text.split()), round(elapsed, 6), unsupported, error)


def _evaluate_chunk(tasks: list[tuple[str, Cluster]]) -> list[ClusterResult]:
    return [evaluate_one(name, cluster) for name, cluster in tasks]


# ------------------------------------------------------------------ driver


def _progress(total: int, show: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc="evaluating", unit="summary", file=sys.stderr,
                disable=not show or total < 2, smoothing=0.05)


def run(dataset: Dataset, specs: list[SystemSpec], protocol: Protocol, jobs: int = 1,
        cache: Cache | None = None, progress: bool = True) -> RunResults:
    """Every system on every cluster: cached results first, the rest computed (in
    ``jobs`` processes) and cached as they arrive."""
    cache = cache or Cache(None)
    start = time.perf_counter()
    out = RunResults(dataset, protocol, specs)
    folders = {s.name: cache.folder(dataset, s, protocol) for s in specs}
    # Systems with the same key (e.g. a sweep point equal to its base) are computed once.
    owner: dict[str, str] = {}
    for spec in specs:
        owner.setdefault(spec.key(), spec.name)
    found: dict[tuple[str, str], ClusterResult] = {}
    todo: list[tuple[str, Cluster]] = []
    for spec in specs:
        if owner[spec.key()] != spec.name:
            continue
        for cluster in dataset.clusters:
            hit = cache.get(folders[spec.name], cluster.id)
            if hit is not None:
                found[(spec.name, cluster.id)] = hit
            else:
                todo.append((spec.name, cluster))
    out.cached = len(found)
    bar = _progress(len(todo), progress)

    def keep(result: ClusterResult) -> None:
        cache.put(folders[result.system], result)
        found[(result.system, result.cluster)] = result
        bar.update(1)

    try:
        if jobs <= 1 or len(todo) < 2:
            _init_worker(specs, protocol)
            for name, cluster in todo:
                keep(evaluate_one(name, cluster))
        else:
            size = max(1, min(16, len(todo) // (jobs * 8)))
            chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
            with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                                     initargs=(specs, protocol)) as pool:
                futures = [pool.submit(_evaluate_chunk, chunk) for chunk in chunks]
                for future in as_completed(futures):
                    for result in future.result():
                        keep(result)
    finally:
        bar.close()
    out.computed = len(todo)
    out.results = {}
    for spec in specs:
        first = owner[spec.key()]
        rows = [found[(first, c.id)] for c in dataset.clusters]
        out.results[spec.name] = rows if first == spec.name else [replace(r, system=spec.name)
                                                                  for r in rows]
    out.seconds = time.perf_counter() - start
    failed = [r for rs in out.results.values() for r in rs if r.error]
    if failed:
        shown = "; ".join(f"{r.system}/{r.cluster}: {r.error}" for r in failed[:3])
        log.warning("%d summaries could not be made and score 0 (%s%s)", len(failed), shown,
                    " ..." if len(failed) > 3 else "")
    return out
