"""Training the ranker on a dataset's references: ``summarizer train`` and
:func:`summarizer.learn.train`.

For every cluster, the pipeline's candidates (:meth:`summarizer.pipeline.Pipeline.candidates`:
the units and the context any method sees, under the config being trained for), their
features (:mod:`.features`) and their labels from the references (:mod:`.labels`); then
one regression over every unit of every cluster (:func:`.model.fit`) and the model file.
Clusters are read in worker processes with ``jobs`` > 1 (:func:`summarizer.parallel.process_pool`),
in order, so the model does not depend on ``jobs``. A cluster that cannot be used (no
text left after cleaning, no sentence) is skipped with a warning and counted.

(The module is ``training``, not ``train``: a submodule ``train`` would replace the
function :func:`summarizer.learn.train` on the package once imported.)
"""

from __future__ import annotations

import logging
import sys
import time
from collections import Counter
from concurrent.futures import as_completed
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

import numpy as np

from ..errors import InputError, SummarizerError, UsageError

log = logging.getLogger("summarizer")


@dataclass
class Rows:
    """One cluster's part of the training set, or why it has none (``error``)."""

    cluster: str
    F: np.ndarray | None = None
    y: np.ndarray | None = None
    language: str | None = None
    error: str | None = None


def train(dataset: str, config: str | None = None, overrides: Sequence = (),
          out: str | Path | None = None, jobs: int = 1, limit: int | None = None,
          data: str | Path | None = None, protocol: str | None = None,
          params: dict | None = None, seed: int = 0, progress: bool = False) -> dict:
    """Train the ranker on ``dataset`` (a name as ``summarizer evaluate`` takes it, or a
    path, or several of them comma-separated) under ``config`` (default: the dataset's own config, as evaluate's) with
    ``overrides``; write the model to ``out`` (atomically, nothing else) when given.
    ``protocol`` decides the labels' tokens (default: the dataset's, as evaluate's).
    Returns the report: ``model``, ``clusters``, ``skipped`` (id -> why), ``units``,
    ``seconds``, ``out``."""
    from threadpoolctl import threadpool_limits  # scikit-learn's own dependency

    from ..config import check_int
    from .features import FEATURES
    from .labels import LABEL
    from .model import fit, hash_ids

    start = time.perf_counter()
    check_int(jobs, "jobs", 1)
    if out is not None:
        check_model_path(out)
    name, cfg, parts = _setting(dataset, config, list(overrides), limit, data, protocol)
    rows = [r for clusters, proto in parts for r in _all_rows(clusters, cfg, proto, jobs,
                                                               progress)]
    used = [r for r in rows if r.error is None]
    skipped = {r.cluster: r.error for r in rows if r.error is not None}
    if not used:
        shown = "; ".join(f"{k}: {v}" for k, v in list(skipped.items())[:2])
        raise InputError(f"dataset {dataset!r}: no cluster could be used for training "
                         f"({shown})")
    F = np.vstack([r.F for r in used])
    y = np.concatenate([r.y for r in used])
    read = time.perf_counter() - start
    protocols = "+".join(dict.fromkeys(proto.name for _, proto in parts))
    meta = _meta(name, used, cfg, protocols, LABEL, hash_ids(r.cluster for r in used),
                 {"seconds_reading": round(read, 3), "units": int(len(y)),
                  "skipped": len(skipped), "jobs": jobs})
    with threadpool_limits(limits=jobs):  # --jobs cores: on a busy machine more threads
        model = fit(F, y, FEATURES, meta, params, seed)  # mostly wait on each other
    seconds = round(time.perf_counter() - start, 3)
    model = replace(model, meta={**model.meta, "training_seconds": seconds})
    if out is not None:
        model.save(out)
    return {"model": model, "clusters": len(used), "skipped": skipped, "units": int(len(y)),
            "seconds": seconds, "out": None if out is None else str(out)}


def _setting(dataset: str, config, overrides: list, limit, data, protocol):
    """The dataset's name, the config, and each dataset's clusters with the protocol
    that labels them, as ``summarizer evaluate`` reads them; refinement off (the ranker
    learns from extracts: no generator to load for it). ``dataset`` may name several,
    comma-separated (``duc2003,duc2006``): the config is the first one's unless given,
    and each is labelled in its own protocol (as it is scored) unless ``protocol`` is
    given; ``limit`` applies to each."""
    from ..config import load_config
    from ..evaluation import resolve_config
    from ..evaluation.datasets import load_dataset
    from ..evaluation.protocols import get_protocol

    ingest = load_config(config, overrides).ingest
    sets = [load_dataset(name, ingest, limit, data) for name in _names(dataset)]
    cfg, _ = resolve_config(sets[0], config, overrides)
    if cfg.refine.enabled:
        cfg = cfg.with_overrides([("refine.enabled", False)])
    parts = [(ds.clusters, get_protocol(protocol or ds.protocol or cfg.evaluate.protocol,
                                        cfg.evaluate)) for ds in sets]
    return "+".join(ds.name for ds in sets), cfg, parts


def _names(dataset: str) -> list[str]:
    """The datasets ``dataset`` names: itself when it is one (a name, or a path that
    exists, commas and all), else its comma-separated parts, each named once."""
    from ..evaluation.datasets import NAMED

    if dataset in NAMED or "," not in dataset or Path(dataset).exists():
        return [dataset]
    names = [n.strip() for n in dataset.split(",")]
    if not all(names):
        raise UsageError(f"--dataset {dataset!r}: an empty name between commas")
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise UsageError(f"--dataset {dataset!r}: {twice[0]!r} is named twice")
    return names


def check_model_path(out: str | Path) -> None:
    """Fail before any work when ``out`` cannot take the model file: a folder, a folder
    that does not exist (a typo there would otherwise create folders), or not writable."""
    from ..fileio import check_output_file

    path = Path(out)
    if not path.is_dir() and not path.parent.is_dir():
        raise UsageError(f"--out {path}: the folder {path.parent} does not exist")
    check_output_file(path, "--out")


def _meta(name: str, used: list[Rows], cfg, protocols: str, label: str, ids: list[str],
          training: dict) -> dict:
    """What the model records of its training: the clusters (hashed ids), their language
    (the most common of the clusters', each counted in ``languages``), the config, the
    label and protocol, the version and the time it took."""
    from .. import __version__

    languages = Counter(r.language for r in used)
    return {"trained_on": {"dataset": name, "clusters": len(used), "ids": ids,
                           "language": languages.most_common(1)[0][0],
                           "languages": dict(sorted(languages.items()))},
            "config": cfg.shown(), "label": label, "protocol": protocols,
            "summarizer_version": __version__,
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "training": training}


# ------------------------------------------------------------------ per cluster

_STATE: dict = {}  # this process's pipeline and protocol (set once per worker)


def _start(cfg, proto) -> None:
    from ..pipeline import Pipeline

    _STATE.update(pipeline=Pipeline(cfg), protocol=proto)


def _cluster_rows(cluster) -> Rows:
    """Features and labels of one cluster's units (or the error that skips it)."""
    from .features import feature_matrix
    from .labels import unit_labels

    try:
        found = _STATE["pipeline"].candidates(cluster)
        F = feature_matrix(found.ctx)
        y = unit_labels([u.text for u in found.units], [r.text for r in cluster.references],
                        _STATE["protocol"])
    except SummarizerError as e:
        return Rows(cluster.id, error=str(e))
    return Rows(cluster.id, F, y, found.prepared.language.language.code)


def _chunk_rows(chunk: list) -> list[Rows]:
    return [_cluster_rows(c) for c in chunk]


def _all_rows(clusters: list, cfg, proto, jobs: int, progress: bool) -> list[Rows]:
    """:func:`_cluster_rows` of every cluster, in the clusters' order (in ``jobs``
    processes), a warning for each skipped one."""
    from tqdm import tqdm

    from ..parallel import process_pool

    bar = tqdm(total=len(clusters), desc="training", unit="cluster", file=sys.stderr,
               disable=not progress or len(clusters) < 2, smoothing=0.05)
    found: list[Rows] = []
    try:
        if jobs <= 1 or len(clusters) < 2:
            _start(cfg, proto)
            for cluster in clusters:
                found.append(_cluster_rows(cluster))
                bar.update(1)
        else:
            size = max(1, min(16, len(clusters) // (jobs * 8)))
            chunks = [clusters[i:i + size] for i in range(0, len(clusters), size)]
            parts: dict[int, list[Rows]] = {}
            with process_pool(jobs, len(chunks), _start, (cfg, proto)) as pool:
                futures = {pool.submit(_chunk_rows, chunk): i for i, chunk in enumerate(chunks)}
                for future in as_completed(futures):
                    parts[futures[future]] = future.result()
                    bar.update(len(parts[futures[future]]))
            found = [r for i in range(len(chunks)) for r in parts[i]]
    finally:
        bar.close()
        _STATE.clear()  # this process's pipeline (jobs=1) is not kept after training
    for r in found:
        if r.error is not None:
            log.warning("cluster %r skipped: %s", r.cluster,
                        r.error.removeprefix(f"cluster {r.cluster!r}: "))
    return found
