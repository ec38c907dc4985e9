"""Evaluation datasets: a name or a path in, clusters with references out.

Named datasets live in the shared data folder (``../shared/data`` beside the repository,
or ``$SUMMARIZER_DATA``) and in this repository's ``eval/`` and ``examples/`` folders.
Each name also fixes the protocol its numbers are published under and the config that is
its "default" system, so ``summarizer evaluate --dataset duc2003`` needs nothing else.
Any path that :func:`summarizer.ingest.read_path` reads is a dataset too (unified JSONL,
Multi-News raw JSONL, or one folder per cluster with ``references/``).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..config import IngestConfig
from ..documents import Cluster, Reference
from ..errors import InputError

REPO = Path(__file__).resolve().parents[2]


class DatasetMissing(InputError):
    """A named dataset whose files are not on this machine."""


@dataclass(frozen=True)
class NamedDataset:
    name: str
    path: str  # relative to the data root, or to the repository when ``in_repo``
    protocol: str
    config: str  # file under configs/
    in_repo: bool = False
    references: str | None = None  # repository folder holding handwritten references
    about: str = ""


NAMED: dict[str, NamedDataset] = {d.name: d for d in [
    NamedDataset("duc2003", "duc2003/clusters.jsonl", "duc", "duc.yaml",
                 about="DUC 2003 task 2, 30 clusters, 4 references of 100 words"),
    NamedDataset("duc2006", "duc2006/clusters.jsonl", "tac", "tac.yaml",
                 about="DUC 2006, 50 query-focused clusters, 4 references of 250 words"),
    NamedDataset("tac2011-en", "tac2011-en/clusters.jsonl", "tac", "tac.yaml",
                 about="TAC 2011 MultiLing English, 10 clusters, 3 references of 250 words"),
    NamedDataset("multinews-dev", "multinews-dev/dev.jsonl", "multinews", "multinews.yaml",
                 about="100 Multi-News test clusters, full articles"),
    NamedDataset("multinews-val", "multinews-validation-truncated/validation.jsonl",
                 "multinews", "multinews.yaml",
                 about="Multi-News validation, 5,622 clusters, truncated and lowercased"),
    NamedDataset("seed-cluster", "seed-cluster", "duc", "duc.yaml",
                 references="eval/seed-cluster/references",
                 about="5 articles on one event; 3 handwritten references in eval/"),
    NamedDataset("harbor-bridge", "examples/harbor-bridge", "duc", "duc.yaml", in_repo=True,
                 about="the invented example cluster; 2 handwritten references"),
]}


@dataclass
class Dataset:
    name: str
    path: Path
    clusters: list[Cluster]
    protocol: str | None  # the dataset's own protocol; None for an arbitrary path
    config: Path | None  # its default system's config
    digest: str = ""
    files: dict[str, str] = field(default_factory=dict)  # file -> sha256, for run records


def data_root() -> Path:
    """Where the shared evaluation data lives."""
    env = os.environ.get("SUMMARIZER_DATA")
    if env:
        return Path(env).expanduser()
    return REPO.parent / "shared" / "data"


def configs_dir() -> Path:
    return REPO / "configs"


def _hash_files(path: Path) -> dict[str, str]:
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    out = {}
    for f in files:
        h = hashlib.sha256()
        with open(f, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        out[str(f)] = h.hexdigest()
    return out


def _digest(files: dict[str, str], root: Path) -> str:
    h = hashlib.sha256()
    for name, sha in sorted(files.items()):
        rel = os.path.relpath(name, root if root.is_dir() else root.parent)
        h.update(f"{rel}\0{sha}\n".encode())
    return h.hexdigest()[:16]


def _read_references(folder: Path) -> list[Reference]:
    refs = [Reference(id=p.stem, text=p.read_text(encoding="utf-8"))
            for p in sorted(folder.glob("*.txt"))]
    if not refs:
        raise InputError(f"no reference summaries (*.txt) in {folder}")
    return refs


def resolve(name_or_path: str) -> tuple[Path, NamedDataset | None]:
    """The path a dataset name stands for (a path stays a path)."""
    named = NAMED.get(name_or_path)
    if named is None:
        path = Path(name_or_path).expanduser()
        if not path.exists():
            raise InputError(f"dataset {name_or_path!r} is neither a known name "
                             f"({', '.join(NAMED)}) nor an existing path")
        return path, None
    path = (REPO if named.in_repo else data_root()) / named.path
    if not path.exists():
        where = "this repository" if named.in_repo else (
            f"the shared data folder {data_root()} (set SUMMARIZER_DATA to point elsewhere)")
        raise DatasetMissing(f"dataset {named.name!r} needs {named.path} in {where}, "
                         f"but {path} does not exist")
    return path, named


def load_dataset(name_or_path: str, ingest: IngestConfig = IngestConfig(),
                 limit: int | None = None) -> Dataset:
    """Read every cluster of a dataset; clusters without references are an error (they
    cannot be scored)."""
    from ..ingest import read_path

    path, named = resolve(name_or_path)
    clusters = read_path(path, ingest)
    files = _hash_files(path)
    if named and named.references:
        ref_dir = REPO / named.references
        refs = _read_references(ref_dir)
        clusters = [Cluster(id=named.name, articles=c.articles, references=refs, meta=c.meta)
                    for c in clusters]
        files.update(_hash_files(ref_dir))
    missing = [c.id for c in clusters if not c.references]
    if missing:
        shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        raise InputError(f"dataset {name_or_path!r}: {len(missing)} cluster(s) have no reference "
                         f"summaries to score against: {shown}")
    ids = [c.id for c in clusters]
    if len(set(ids)) != len(ids):
        raise InputError(f"dataset {name_or_path!r}: cluster ids are not unique")
    if limit:
        clusters = clusters[:limit]
    return Dataset(
        name=named.name if named else path.stem if path.is_file() else path.name,
        path=path, clusters=clusters,
        protocol=named.protocol if named else None,
        config=configs_dir() / named.config if named else None,
        digest=_digest(files, path), files=files)
