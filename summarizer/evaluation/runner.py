"""Run systems over a dataset's clusters: in parallel, cached, resumable.

Each (system, cluster) result is one small JSON file in the cache, written atomically as
soon as it is computed, under a folder named by a hash of (dataset digest, system key,
protocol, code version). A run that is killed therefore resumes where it stopped, and a
change to the code, the config or the data never reuses a stale result. An entry that is
not exactly such a result is computed again; a cache that cannot be written is one
warning (:class:`Cache`).

``jobs`` processes never outnumber the chunks of work, and each exits when the process
that started it dies, even by ``kill -9`` (:func:`summarizer.parallel.process_pool`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import sys
import threading
import time
from concurrent.futures import as_completed
from dataclasses import asdict, dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path

from ..documents import Cluster
from ..errors import ServerError, ServerUnavailable, SummarizerError
from ..fileio import Unreadable, atomic_write, read_regular
from ..parallel import map_ordered, process_pool
from ..text import word_count
from .datasets import Dataset
from .protocols import Protocol, check_references, score
from .systems import SystemSpec, build, check_dir_systems, expand

log = logging.getLogger("summarizer")


@dataclass
class ClusterResult:
    system: str  # the system's key while computed and cached; its name in RunResults
    cluster: str
    scores: dict[str, float]
    summary: str
    words: int
    seconds: float
    unsupported: float | None = None
    error: str | None = None
    transient: bool = False  # a server failure: not cached, so the next run retries it


@dataclass
class RunResults:
    dataset: Dataset
    protocol: Protocol
    systems: list[SystemSpec]
    results: dict[str, list[ClusterResult]] = field(default_factory=dict)
    cached: int = 0
    computed: int = 0
    seconds: float = 0.0


# Modules (a package: its folder and /) that only present or drive results; editing them
# keeps the cache valid.
_PRESENTATION = ("cli/", "evaluation/report.py", "evaluation/compare.py",
                 "evaluation/gate.py", "evaluation/experiments.py", "evaluation/leaderboard.py",
                 "evaluation/matches.py", "html/", "output.py")


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of the package's source that can change a summary or a score: such a code
    change invalidates cached results."""
    from .. import __version__

    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*.py")):
        if path.relative_to(root).as_posix().startswith(_PRESENTATION):
            continue
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


_ENTRY_LIMIT = 64 << 20  # bytes of a cache entry read (one summary and its scores)


class Cache:
    """Per-cluster results on disk; ``None`` root disables caching.

    An entry that is not a result of this protocol (damaged, hand-edited, ``null``, a
    missing metric, an extra key, a wrong type) is a miss: computed again and rewritten.
    A cache that cannot be written (a read-only folder, a path that is a file) costs
    only the re-use: one warning, and the run goes on without it."""

    def __init__(self, root: str | Path | None):
        self.root = Path(root) if root else None
        self._writable = True

    def folder(self, dataset: Dataset, spec: SystemSpec, protocol: Protocol) -> Path | None:
        if self.root is None:
            return None
        blob = json.dumps([dataset.name, dataset.digest, spec.key(), protocol.key(),
                           code_version()])
        return self.root / f"{spec.kind}-{hashlib.sha256(blob.encode()).hexdigest()[:16]}"

    @staticmethod
    def _file(folder: Path, cluster_id: str) -> Path:
        digest = hashlib.sha1(cluster_id.encode("utf-8", "surrogatepass")).hexdigest()
        return folder / (digest[:20] + ".json")

    def get(self, folder: Path | None, cluster_id: str,
            metrics: tuple[str, ...] | None = None) -> ClusterResult | None:
        """The cached result of ``cluster_id`` (with exactly ``metrics``, when given), or
        None: no entry, or one that is not such a result."""
        if folder is None:
            return None
        try:
            raw = read_regular(self._file(folder, cluster_id), _ENTRY_LIMIT, follow=False)
            data = json.loads(raw.decode("utf-8"))
        except (Unreadable, ValueError, RecursionError):
            return None
        return _result(data, cluster_id, metrics)

    def put(self, folder: Path | None, result: ClusterResult) -> None:
        if folder is None or result.transient or not self._writable:
            return
        try:
            # ASCII JSON: an id or a summary with a lone surrogate is stored as it is
            atomic_write(self._file(folder, result.cluster), json.dumps(asdict(result)))
        except OSError as e:
            self._writable = False
            log.warning("cannot write the evaluation cache in %s (%s); results are not "
                        "cached this run", self.root, e.strerror or e)


_FIELDS = {f.name: f for f in fields(ClusterResult)}


def _number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


# Each field of a cached ClusterResult -> the test its value must pass.
_CHECKS = {"system": lambda v: isinstance(v, str), "cluster": lambda v: isinstance(v, str),
           "scores": lambda v: isinstance(v, dict) and all(_number(x) for x in v.values()),
           "summary": lambda v: isinstance(v, str),
           "words": lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
           "seconds": lambda v: _number(v) and v >= 0,
           "unsupported": lambda v: v is None or _number(v),
           "error": lambda v: v is None or isinstance(v, str),
           "transient": lambda v: v is False}


def _result(data, cluster_id: str, metrics: tuple[str, ...] | None) -> ClusterResult | None:
    """A cache entry as a ClusterResult, or None when it is not exactly one (every field,
    no other, each of its type; the cluster asked for; the metrics asked for)."""
    if not isinstance(data, dict) or set(data) != set(_FIELDS):
        return None
    if not all(check(data[name]) for name, check in _CHECKS.items()):
        return None
    if data["cluster"] != cluster_id:
        return None
    if metrics is not None and set(data["scores"]) != set(metrics):
        return None
    return ClusterResult(**data)


def default_cache_dir() -> Path:
    return Path(os.environ.get("SUMMARIZER_CACHE", ".cache/summarizer")) / "eval"


# ------------------------------------------------------------------ worker side

_WORKER: dict = {}


def init_worker(specs: list[SystemSpec], protocol: Protocol) -> None:
    """Make this process (a pool worker, a Ray actor, or the driver itself) ready for
    :func:`evaluate_one` of ``specs`` under ``protocol``; systems are built on first use."""
    _WORKER.clear()
    _WORKER.update(specs={s.key(): s for s in specs}, protocol=protocol, built={})


_BUILD_LOCK = threading.Lock()


def _system(key: str):
    built = _WORKER["built"]
    with _BUILD_LOCK:  # threads of one process (server systems) build each system once
        if key not in built:
            built[key] = build(_WORKER["specs"][key], _WORKER["protocol"])
    return built[key]


def evaluate_one(key: str, cluster: Cluster) -> ClusterResult:
    """Summarize and score one cluster with the system whose :meth:`SystemSpec.key` is
    ``key`` (in whichever process runs it); the result's ``system`` is that key until
    :func:`run` labels it. A cluster the system cannot summarize scores zero and keeps
    the reason."""
    protocol: Protocol = _WORKER["protocol"]
    start = time.perf_counter()
    error, unsupported, transient = None, None, False
    try:
        out = _system(key)(cluster)
        text, unsupported = out.text, out.unsupported
    except ServerUnavailable:
        raise  # the whole system cannot run: one error, not a zero per cluster
    except SummarizerError as e:
        text, error, transient = "", str(e), e.transient
    elapsed = time.perf_counter() - start
    refs = [r.text for r in cluster.references]
    scores = score(text, refs, protocol, cluster=cluster.id,
                   system_name=_WORKER["specs"][key].name)
    return ClusterResult(key, cluster.id, {k: round(v, 6) for k, v in scores.items()},
                         text, word_count(text), round(elapsed, 6), unsupported, error,
                         transient)


def _evaluate_chunk(tasks: list[tuple[str, Cluster]]) -> list[ClusterResult]:
    return [evaluate_one(key, cluster) for key, cluster in tasks]


# ------------------------------------------------------------------ driver


def _progress(total: int, show: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc="evaluating", unit="summary", file=sys.stderr,
                disable=not show or total < 2, smoothing=0.05)


def _server_specs(specs: list[SystemSpec]) -> list[SystemSpec]:
    return [s for s in specs if s.kind == "config" and s.config.refine.enabled
            and s.config.refine.backend == "openai"]


def server_concurrency(specs: list[SystemSpec]) -> int:
    """Threads for an in-process run: the largest ``refine.openai.concurrency`` of the
    systems that refine through a server (1 when none does)."""
    return max([s.config.refine.openai.concurrency for s in _server_specs(specs)], default=1)


def check_servers(specs: list[SystemSpec]) -> None:
    """Connect to the refine server of every system with work left, before any work: a
    server that is down, or does not serve the model, is one error now instead of a
    failure per cluster (a run served wholly from the cache needs no server)."""
    from ..refine import load_generator

    for spec in _server_specs(specs):
        load_generator(spec.config.refine)


def run(dataset: Dataset, specs: list[SystemSpec], protocol: Protocol, jobs: int = 1,
        cache: Cache | None = None, progress: bool = True, executor=None) -> RunResults:
    """Every system on every cluster: cached results first, the rest computed (in
    ``jobs`` processes) and cached as they arrive.

    A system is identified by its :meth:`~SystemSpec.key` (its config hash); its name is
    only the label this run gives it. Systems with one key (a sweep point equal to its
    base, a config cached earlier under another name) share one set of results, each
    labelled with its own name in ``results``. ``executor`` (one of
    :mod:`summarizer.executors` other than local, e.g. Ray) computes the misses instead
    of this process and its pool; caching and labelling stay here.

    Before any work: ``participants`` is replaced by the dataset's participant systems,
    every reference is checked to be readable by the protocol's tokenizer, and every
    ``dir:`` system must have a summary for every cluster (one error line otherwise)."""
    cache = cache or Cache(None)
    start = time.perf_counter()
    specs = expand(list(specs), dataset)
    check_references(dataset.clusters, protocol)
    specs = check_dir_systems(specs, dataset.clusters)
    out = RunResults(dataset, protocol, specs)
    keys = {spec.name: spec.key() for spec in specs}
    unique: dict[str, SystemSpec] = {}
    for spec in specs:
        unique.setdefault(keys[spec.name], spec)
    folders = {key: cache.folder(dataset, spec, protocol) for key, spec in unique.items()}
    found: dict[tuple[str, str], ClusterResult] = {}
    todo: list[tuple[str, Cluster]] = []
    for key in unique:
        for cluster in dataset.clusters:
            hit = cache.get(folders[key], cluster.id, protocol.metrics)
            if hit is not None:
                found[(key, cluster.id)] = hit
            else:
                todo.append((key, cluster))
    out.cached = len(found)
    check_servers(list({key: unique[key] for key, _ in todo}.values()))
    bar = _progress(len(todo), progress)

    def keep(result: ClusterResult) -> None:  # result.system: the key it was run under
        cache.put(folders[result.system], result)
        found[(result.system, result.cluster)] = result
        bar.update(1)

    try:
        if executor is not None:
            executor.evaluate_tasks(todo, list(unique.values()), protocol, keep)
        elif jobs <= 1 or len(todo) < 2:
            init_worker(list(unique.values()), protocol)
            threads = server_concurrency([unique[key] for key, _ in todo])
            for result in map_ordered(lambda task: evaluate_one(*task), todo, threads):
                keep(result)
        else:
            size = max(1, min(16, len(todo) // (jobs * 8)))
            chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
            with process_pool(jobs, len(chunks), init_worker,
                              (list(unique.values()), protocol)) as pool:
                futures = [pool.submit(_evaluate_chunk, chunk) for chunk in chunks]
                for future in as_completed(futures):
                    for result in future.result():
                        keep(result)
    finally:
        bar.close()
    out.computed = len(todo)
    out.results = {spec.name: [replace(found[(keys[spec.name], c.id)], system=spec.name)
                               for c in dataset.clusters] for spec in specs}
    out.seconds = time.perf_counter() - start
    lost = [r for r in found.values() if r.transient]
    if lost:
        shown = "; ".join(f"{r.cluster}: {r.error}" for r in lost[:2])
        raise ServerError(f"{len(lost)} of {len(found)} summaries failed on the refine server "
                          f"({shown}{' ...' if len(lost) > 2 else ''}); the others are "
                          "cached: run again to resume")
    failed = [r for rs in out.results.values() for r in rs if r.error]
    if failed:
        shown = "; ".join(f"{r.system}/{r.cluster}: {r.error}" for r in failed[:3])
        log.warning("%d summaries could not be made and score 0 (%s%s)", len(failed), shown,
                    " ..." if len(failed) > 3 else "")
    return out
