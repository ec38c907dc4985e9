"""Paths -> clusters: folders, single files, cluster files and stdin.

Layouts of a folder:

* article files at its top level (or a ``references/`` subfolder, or no subfolders):
  ONE cluster named after the folder, holding every article file below it (recursive,
  sorted by relative path), with ``references/*.txt`` as reference summaries;
* no article files at its top level but subfolders: one cluster per subfolder, each
  laid out as above (deeper grouping folders are followed the same way).

Cluster files (``.jsonl``/``.json`` whose records have ``documents`` or ``document``)
found in a folder contribute their own clusters.

Only regular files are read (through a symbolic link too): a FIFO, a socket or a
device (a link to ``/dev/zero``) is skipped with a warning naming it, never opened.
What cannot be read costs its own file or record, named, and the rest goes on.

:func:`list_clusters` applies these rules without reading any article: it returns the
:class:`ClusterSource` units a path's clusters come from (each cluster folder, the file,
or stdin), which :meth:`ClusterSource.read` reads. :func:`read_path` is the two in one
process; the Ray executor lists on its driver and reads each unit in a worker.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..config import IngestConfig
from ..documents import Article, Cluster, Reference
from ..errors import InputError
from .decode import _MB, Unreadable, decode_bytes, read_text
from .formats import (
    Records,
    TooDeep,
    looks_like_jsonl,
    parse_html,
    parse_json,
    parse_jsonl,
    parse_text,
)

log = logging.getLogger("summarizer")

REFERENCES_DIR = "references"
_KINDS = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
}


class _Tally:
    """Files seen and skipped while reading one input, for the final error message, and
    the records skipped inside cluster files (each already logged as a warning)."""

    def __init__(self) -> None:
        self.files = 0
        self.skipped = 0
        self.ignored = 0
        self.problems: list[str] = []


def _extensions(config: IngestConfig) -> set[str]:
    return {e.lower() if e.startswith(".") else "." + e.lower() for e in config.extensions}


def _kind(path: Path) -> str:
    return _KINDS.get(path.suffix.lower(), "text")


def _hidden(path: Path) -> bool:
    return path.name.startswith(".")


# ----------------------------------------------------------------------------- one file


def _parse_file(path: Path, rel: str, config: IngestConfig, tally: _Tally) -> Records:
    """Read one supported file into records; raises Unreadable. A cluster file whose one
    record is refused (invalid, nested too deeply) is refused with that reason."""
    text = read_text(path, config, str(path))
    source = str(path)
    kind = _kind(path)
    if kind not in ("json", "jsonl"):
        article = (parse_html(text, rel, source) if kind == "html"
                   else parse_text(text, rel, source, markdown=kind == "markdown"))
        if not article.text:
            raise Unreadable("no text in the page" if kind == "html" else "no text")
        return Records(articles=[article])
    records = (parse_json if kind == "json" else parse_jsonl)(text, rel, source)
    empty = [a for a in records.articles if not a.text]
    records.articles = [a for a in records.articles if a.text]
    nothing = not records.articles and not records.clusters
    if nothing and len(records.problems) == 1 and not empty:
        tally.problems.append(f"{path}: {records.problems[0]}")
        raise Unreadable(records.problems[0])
    for problem in records.problems:
        log.warning("%s: skipping %s", path, problem)
        tally.problems.append(f"{path}: {problem}")
    if records.dropped_empty:
        log.info("%s: dropped %d empty article(s)", path, records.dropped_empty)
    for a in empty:
        log.warning("%s: skipping article %s: no text", path, a.id)
    if nothing:
        raise Unreadable("no article with text")
    return records


def _read_file(path: Path, config: IngestConfig, tally: _Tally) -> list[Cluster]:
    """A file named directly (its type checked by :func:`list_clusters`): any failure is
    an InputError."""
    try:
        records = _parse_file(path, path.name, config, tally)
    except Unreadable as e:
        raise InputError(f"cannot read {path}: {e}") from None
    clusters = list(records.clusters)
    if records.articles:
        clusters.insert(0, Cluster(id=path.stem, articles=records.articles))
    clusters = [c for c in clusters if c.articles]
    if not clusters:
        raise InputError(f"no readable articles in {path}")
    return clusters


# ----------------------------------------------------------------------------- folders


def _walk(folder: Path, skip_references: bool):
    """Files below ``folder`` in sorted order, skipping hidden entries and (below the
    top) folders named ``references``."""
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as e:
        log.warning("skipping %s: %s", folder, e.strerror or e)
        return
    files = [p for p in entries if not _hidden(p) and not p.is_dir()]
    dirs = [p for p in entries if not _hidden(p) and p.is_dir()]
    yield from files
    for d in dirs:
        if d.name.lower() == REFERENCES_DIR and skip_references:
            continue
        if d.is_symlink():
            log.warning("skipping %s: symbolic link to a folder", d)
            continue
        yield from _walk(d, skip_references)


def _references(folder: Path, config: IngestConfig, tally: _Tally) -> list[Reference]:
    refs = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if _hidden(path) or not path.is_file():
            continue
        if path.suffix.lower() != ".txt":
            log.debug("ignoring %s: references must be .txt files", path)
            continue
        try:
            text = read_text(path, config, str(path)).strip()
        except Unreadable as e:  # a reference, not an article file: not in the tally
            log.warning("skipping %s: %s", path, e)
            continue
        if text:
            refs.append(Reference(id=path.stem, text=text))
        else:
            log.warning("skipping %s: empty reference", path)
    return refs


def _references_dir(folder: Path) -> Path | None:
    for p in folder.iterdir():
        if p.is_dir() and p.name.lower() == REFERENCES_DIR:
            return p
    return None


def _cluster_folder(folder: Path, cluster_id: str, config: IngestConfig,
                    tally: _Tally) -> list[Cluster]:
    """Every article file below ``folder`` -> one cluster (plus clusters from cluster
    files found there)."""
    extensions = _extensions(config)
    articles: list[Article] = []
    extra: list[Cluster] = []
    for path in _walk(folder, skip_references=True):
        if path.suffix.lower() not in extensions:
            log.debug("ignoring %s: unsupported extension", path)
            tally.ignored += 1
            continue
        tally.files += 1
        rel = path.relative_to(folder).as_posix()
        try:
            records = _parse_file(path, rel, config, tally)
        except Unreadable as e:
            log.warning("skipping %s: %s", path, e)
            tally.skipped += 1
            continue
        articles.extend(records.articles)
        extra.extend(c for c in records.clusters if c.articles)
    refs_dir = _references_dir(folder)
    refs = _references(refs_dir, config, tally) if refs_dir else []
    clusters = []
    if articles:
        clusters.append(Cluster(id=cluster_id, articles=articles, references=refs))
    elif refs:
        log.warning("skipping %s: references but no readable articles", folder)
    return clusters + extra


def _has_article_files(folder: Path, extensions: set[str]) -> bool:
    return any(
        p.is_file() and not _hidden(p) and p.suffix.lower() in extensions
        for p in folder.iterdir()
    )


def cluster_folders(folder: Path, root: Path, config: IngestConfig):
    """``(folder, cluster id)`` of every cluster folder at or below ``folder`` (``root``
    is the folder the ids are relative to): a folder with article files, a references/
    folder or no subfolders is one cluster; else each subfolder is looked at in turn.

    A symbolic link to a folder is never followed here, as inside a cluster (a link to
    ``.`` or to a parent would be read again below itself, without end); when the
    subfolders are read, each link among them is skipped with a warning."""
    entries = sorted((p for p in folder.iterdir() if p.is_dir() and not _hidden(p)
                      and p.name.lower() != REFERENCES_DIR), key=lambda p: p.name)
    subdirs = [p for p in entries if not p.is_symlink()]
    cluster_id = folder.name if folder == root else folder.relative_to(root).as_posix()
    if not cluster_id:  # "." or "/"
        cluster_id = folder.resolve().name or "cluster"
    if (_has_article_files(folder, _extensions(config)) or _references_dir(folder)
            or not subdirs):
        yield folder, cluster_id
        return
    for link in entries:
        if link.is_symlink():
            log.warning("skipping %s: symbolic link to a folder", link)
    for sub in subdirs:
        yield from cluster_folders(sub, root, config)


def _nothing_read(path: Path, config: IngestConfig, tally: _Tally) -> InputError:
    """Why the folder ``path`` gave no cluster: empty, nothing supported, nothing readable."""
    known = ", ".join(sorted(_extensions(config)))
    if tally.files == 0:
        what = "is empty" if tally.ignored == 0 else f"has no supported files ({known})"
        return InputError(f"folder {path} {what}")
    return InputError(
        f"no readable articles in folder {path} ({tally.skipped} of {tally.files} file(s) "
        "skipped; see the warnings above)"
    )


# ----------------------------------------------------------------------------- stdin


def _stdin(stdin: TextIO | None, config: IngestConfig, tally: _Tally) -> list[Cluster]:
    stream = sys.stdin if stdin is None else stdin
    buffer = getattr(stream, "buffer", None)
    # Read at most one byte (or character) past the limit, so an endless pipe cannot fill
    # the memory before it is refused.
    limit = int(config.max_file_mb * _MB)
    if stdin is None and buffer is not None:
        data = buffer.read(limit + 1)
    else:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"stdin is larger than ingest.max_file_mb={config.max_file_mb:g} MB; "
                         "raise the limit with --set ingest.max_file_mb=N or pass a file")
    try:
        text = decode_bytes(data, config, "stdin") if isinstance(data, bytes) else data
    except Unreadable as e:
        raise InputError(f"cannot read stdin: {e}") from None
    if not text.strip():
        raise InputError("stdin is empty")
    stripped = text.strip()
    records = None
    if stripped[0] in "{[":
        try:
            records = parse_json(stripped, "stdin")
        except Unreadable as e:
            if looks_like_jsonl(stripped):
                records = parse_jsonl(stripped, "stdin")
            elif isinstance(e, TooDeep):
                raise InputError(f"cannot read stdin: {e}") from None
            else:
                log.warning("stdin looks like JSON but is not (%s); reading it as plain text", e)
    if records is not None:
        clusters = list(records.clusters)
        articles = [a for a in records.articles if a.text]
        if articles:
            clusters.insert(0, Cluster(id="stdin", articles=articles))
        clusters = [c for c in clusters if c.articles]
        if not clusters:
            why = f" ({records.problems[0]})" if len(records.problems) == 1 else ""
            raise InputError(f"no readable articles on stdin{why}")
        for problem in records.problems:
            log.warning("stdin: skipping %s", problem)
            tally.problems.append(f"stdin: {problem}")
        return clusters
    return [Cluster(id="stdin", articles=[Article(id="stdin", text=stripped, source="stdin")])]


# ----------------------------------------------------------------------------- entry


@dataclass(frozen=True)
class ClusterSource:
    """Where clusters are read from: a cluster ``folder`` (one cluster, ``cluster_id``),
    a ``file`` (a cluster file or one article; its records name their clusters) or
    ``stdin``. Listed by :func:`list_clusters` without reading; read by :meth:`read`,
    in this process or another."""

    kind: str
    path: Path
    cluster_id: str = ""

    def read(self, config: IngestConfig = IngestConfig(), stdin: TextIO | None = None,
             problems: list[str] | None = None) -> list[Cluster]:
        """The clusters of this source (a folder with nothing readable: none, with the
        warnings). A file or stdin that cannot be read raises
        :class:`~summarizer.errors.InputError`; records skipped inside cluster files are
        appended to ``problems`` when it is a list, as :func:`read_path` does."""
        tally = _Tally()
        try:
            return _read_source(self, config, tally, stdin)
        finally:
            if problems is not None:
                problems.extend(tally.problems)


def _read_source(source: ClusterSource, config: IngestConfig, tally: _Tally,
                 stdin: TextIO | None) -> list[Cluster]:
    if source.kind == "folder":
        return _cluster_folder(source.path, source.cluster_id, config, tally)
    if source.kind == "stdin":
        return _stdin(stdin, config, tally)
    return _read_file(source.path, config, tally)


def list_clusters(path: str | Path, config: IngestConfig = IngestConfig()) -> list[ClusterSource]:
    """The sources of the clusters of ``path`` (a folder, a file or ``-`` for stdin), in
    reading order, without reading an article: each cluster folder of a folder (the
    layouts above), the file itself, or stdin. A missing path, a file of an unsupported
    type or a folder that cannot be listed raises :class:`~summarizer.errors.InputError`."""
    if str(path) == "-":
        return [ClusterSource("stdin", Path("-"))]
    p = Path(path)
    if not p.exists():
        raise InputError(f"input not found: {p}")
    if p.is_dir():
        try:
            return [ClusterSource("folder", folder, cluster_id)
                    for folder, cluster_id in cluster_folders(p, p, config)]
        except OSError as e:
            raise InputError(f"cannot read folder {p}: {e.strerror or e}") from None
    if p.suffix.lower() not in _extensions(config):
        known = ", ".join(sorted(_extensions(config)))
        raise InputError(f"unsupported file type {p.suffix or '(none)'!r} for {p}; "
                         f"supported: {known}")
    return [ClusterSource("file", p)]


def read_path(path: str | Path, config: IngestConfig = IngestConfig(),
              stdin: TextIO | None = None, problems: list[str] | None = None) -> list[Cluster]:
    """Read a folder, a file or ``-`` (stdin) into clusters: :func:`list_clusters`, then
    each source read.

    Unreadable files inside a folder are skipped with a warning on the ``summarizer``
    logger; a missing path, an empty folder or nothing readable raises
    :class:`~summarizer.errors.InputError`. Records skipped inside cluster files (a JSONL
    line that is not JSON, ...) are warned about and, when ``problems`` is a list,
    appended to it, so a caller can count them as failures.
    """
    tally = _Tally()
    try:
        sources = list_clusters(path, config)
        try:
            clusters = [c for source in sources
                        for c in _read_source(source, config, tally, stdin)]
        except OSError as e:
            if sources[0].kind != "folder":
                raise
            raise InputError(f"cannot read folder {path}: {e.strerror or e}") from None
        if not clusters:  # only a folder reads as nothing without an error of its own
            raise _nothing_read(Path(path), config, tally)
        return clusters
    finally:
        if problems is not None:
            problems.extend(tally.problems)


__all__ = ["read_path", "list_clusters", "ClusterSource"]
