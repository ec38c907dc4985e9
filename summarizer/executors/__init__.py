"""Where the work runs: one name, one implementation.

``local`` is this machine: the pipeline in this process for ``summarize``, the
``--jobs`` process pool of :mod:`summarizer.evaluation.runner` for ``evaluate``. ``ray``
is a Ray cluster (:mod:`.ray`, the ``ray`` extra): clusters are read as a Ray Dataset
and summarized or scored by a pool of actors, each building its pipeline once.

All give the same files and the same scores; the CLI (``--executor``, ``--address``)
and the Python API (:func:`summarizer.api.summarize_to`,
:func:`summarizer.evaluation.evaluate`) only choose one of them by name, from
:data:`EXECUTORS`. An executor is a class taking ``(address, jobs)`` with
``summarize_to`` and ``evaluate_tasks``; adding one is a module and a row.
"""

from __future__ import annotations

import glob
import logging
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from ..registry import Entry, Table, UnknownName

log = logging.getLogger("summarizer")

EXECUTORS = Table("executor", [
    Entry("local", "summarizer.executors.local:LocalExecutor",
          "this machine (default): this process, or the --jobs pool of evaluate"),
    Entry("ray", "summarizer.executors.ray:RayExecutor",
          "a Ray cluster, joined at --address (needs the 'ray' extra)"),
])


@dataclass
class Failure:
    """A cluster that could not be summarized: its id, the one-line reason and the exit
    status the error carries (2 for a usage error such as a budget nothing fits)."""

    cluster: str
    message: str
    exit_code: int = 1


@dataclass
class Outcome:
    """What :meth:`summarize_to` did: how many clusters it read, the ids it wrote (in
    input order), the clusters that failed, and the records skipped while reading (a
    JSONL line that is not JSON, a file that cannot be read), each named; for HTML
    pages, the folder's ``index.html``."""

    total: int = 0
    written: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    index: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.failed and not self.skipped


def get_executor(name: str = "local", address: str | None = None,
                 jobs: int | None = None):
    """The executor called ``name`` (a row of :data:`EXECUTORS`). ``address`` is the
    cluster to join (Ray: ``auto``, ``ray://host:10001``; None starts a local one);
    ``jobs`` caps the number of workers (None: every CPU the executor has)."""
    try:
        executor = EXECUTORS.get(name)
    except UnknownName:
        raise UsageError(f"unknown executor {name!r}; choose one of: "
                         f"{', '.join(EXECUTORS.names())}") from None
    return executor(address=address, jobs=jobs)


_GLOB = set("*?[")


def expand_sources(sources) -> list[str]:
    """Each source as given, or, for a pattern that names no existing path
    (``'archive/*.jsonl'`` quoted for the driver), the paths it matches, sorted. A
    pattern that matches nothing is an error naming it."""
    if isinstance(sources, (str, Path)):
        sources = [sources]
    out: list[str] = []
    for source in sources:
        source = str(source)
        if source != "-" and not Path(source).exists() and _GLOB & set(source):
            matches = sorted(glob.glob(source, recursive=True))
            if not matches:
                from ..errors import InputError

                raise InputError(f"no input matches {source}")
            out.extend(matches)
        else:
            out.append(source)
    if not out:
        raise UsageError("no input given")
    return out


def summary_files(out_dir: str | Path, ids: list[str], fmt: str) -> list[Path]:
    """Where each cluster's summary goes, in the order of ``ids`` (every cluster read,
    so a failed one does not move the names of the others): in ``out_dir``, never below
    or outside it, under :func:`~summarizer.fileio.unique_names` plus the format's
    extension. Ids are names from data, never paths, and no two clusters share a file:
    a duplicate id, two ids that clean to one name (``a/b``, ``a_b``) or an id too long
    for a file name gets a short hash suffix, and a warning says which file holds it.
    HTML pages share the folder with its ``index.html``: an id named ``index`` is
    renamed as if another cluster had that name."""
    from ..config import excerpt
    from ..fileio import safe_name, unique_names
    from ..output import EXTENSIONS

    ext = EXTENSIONS[fmt]
    names = unique_names(["index", *ids])[1:] if fmt == "html" else unique_names(ids)
    for cluster_id, name in zip(ids, names):
        if name != safe_name(cluster_id):
            log.warning("cluster id %s written as %s%s", excerpt(cluster_id), name, ext)
    return [Path(out_dir) / f"{name}{ext}" for name in names]


def write_index(out_dir: str | Path, outcome: Outcome, entries: list[dict]) -> None:
    """The ``index.html`` of a folder of HTML pages: the pages written (``entries``, in
    input order) and the clusters that failed; its path goes in ``outcome.index``. An
    index that cannot be written is an error after the pages are written."""
    from ..errors import SummarizerError
    from ..html.folder import INDEX, write_index as write

    try:
        outcome.index = write(out_dir, entries, [(f.cluster, f.message) for f in outcome.failed])
    except OSError as e:
        raise SummarizerError(f"cannot write {Path(out_dir) / INDEX} ({e.strerror or e}); "
                              f"the {len(entries)} pages are written") from None


__all__ = ["EXECUTORS", "get_executor", "Outcome", "Failure", "expand_sources",
           "summary_files", "write_index"]
