"""Evaluation datasets: a name or a path in, clusters with references out.

Named datasets live in the shared data folder (see :func:`data_root`) or ship inside the
package (the example cluster, our handwritten seed-cluster references).
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
from ..resources import configs_dir, resource

REPO = Path(__file__).resolve().parents[2]  # the source checkout, when running from one


class DatasetMissing(InputError):
    """A named dataset whose files are not on this machine."""


@dataclass(frozen=True)
class NamedDataset:
    name: str
    path: str  # relative to the data root, or to the package resources when ``shipped``
    protocol: str
    config: str  # a shipped config (summarizer/resources/configs/)
    shipped: bool = False
    references: str | None = None  # resources folder holding our handwritten references
    about: str = ""
    # Folder (relative to the data root) of other systems' summaries, one sub-folder per
    # participant holding <cluster id>.txt: ``--systems participants`` scores them all.
    participants: str | None = None
    toplines: tuple[str, ...] = ()  # participants that are upper bounds, not peers


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
    *[NamedDataset(f"multiling2011-{lang}", f"multiling2011/{lang}.jsonl", "multiling",
                   "multiling.yaml", participants=f"multiling2011/peers/{lang}",
                   toplines=("ID10",),
                   about=f"TAC 2011 MultiLing pilot, {lang.capitalize()}, 10 clusters, "
                   f"3-4 references of 250 words; participants ID1-ID9, ID10 a topline")
      for lang in ("arabic", "english", "french", "greek")],
    NamedDataset("seed-cluster", "seed-cluster", "duc", "duc.yaml",
                 references="references/seed-cluster",
                 about="5 articles on one event; 3 handwritten references in eval/"),
    NamedDataset("harbor-bridge", "examples/harbor-bridge", "duc", "duc.yaml", shipped=True,
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
    participants: Path | None = None  # folder of participants' summaries (named datasets)
    toplines: tuple[str, ...] = ()


def data_roots(explicit: str | Path | None = None) -> list[tuple[str, Path]]:
    """Where the shared evaluation data is looked for, in order, with what each place is:
    ``--data``, ``$SUMMARIZER_DATA``, ``../shared/data`` next to the working directory,
    ``../shared/data`` next to the source checkout (when running from one)."""
    if explicit:
        return [("--data", Path(explicit).expanduser())]
    env = os.environ.get("SUMMARIZER_DATA")
    if env:
        return [("$SUMMARIZER_DATA", Path(env).expanduser())]
    roots = [("../shared/data next to the working directory",
              Path.cwd().parent / "shared" / "data")]
    if (REPO / "pyproject.toml").exists():
        roots.append(("../shared/data next to the source checkout",
                      REPO.parent / "shared" / "data"))
    return roots


def data_root(explicit: str | Path | None = None) -> Path:
    """The shared data folder: the first of :func:`data_roots` that exists (the first one
    named when none does)."""
    roots = data_roots(explicit)
    return next((p for _, p in roots if p.is_dir()), roots[0][1])


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


def resolve(name_or_path: str, data: str | Path | None = None) -> tuple[Path, NamedDataset | None]:
    """The path a dataset name stands for (a path stays a path); ``data`` is ``--data``."""
    named = NAMED.get(name_or_path)
    if named is None:
        path = Path(name_or_path).expanduser()
        if not path.exists():
            raise InputError(f"dataset {name_or_path!r} is neither a known name "
                             f"({', '.join(NAMED)}) nor an existing path")
        return path, None
    if named.shipped:
        return resource(named.path), named
    roots = data_roots(data)
    for _, root in roots:
        if (root / named.path).exists():
            return root / named.path, named
    searched = "; ".join(f"{root / named.path} ({what})" for what, root in roots)
    raise DatasetMissing(f"dataset {named.name!r}: {named.path} not found; searched {searched}. "
                         "Point --data or SUMMARIZER_DATA at the shared data folder")


def load_dataset(name_or_path: str, ingest: IngestConfig = IngestConfig(),
                 limit: int | None = None, data: str | Path | None = None) -> Dataset:
    """Read every cluster of a dataset; clusters without references are an error (they
    cannot be scored). ``data`` is the shared data folder (``--data``; see
    :func:`data_roots`)."""
    from ..config import check_int
    from ..ingest import read_path

    if limit is not None:  # 0 would read as "all", -3 as "all but 3"
        check_int(limit, "limit (clusters)", 1)
    path, named = resolve(name_or_path, data)
    clusters = read_path(path, ingest)
    files = _hash_files(path)
    if named and named.references:
        ref_dir = resource(named.references)
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
        digest=_digest(files, path), files=files,
        participants=_participants(path, named), toplines=named.toplines if named else ())


def _participants(path: Path, named: NamedDataset | None) -> Path | None:
    """The participants' folder of a named dataset found at ``path`` (same data root)."""
    if named is None or not named.participants:
        return None
    root = path
    for _ in Path(named.path).parts:
        root = root.parent
    return root / named.participants
