"""The rows of the Ray Dataset: units of input listed on the driver, read in the
workers into a row per cluster, and the statuses and log records the actors send back.

Every row carries the same columns between the reading stage, the actors and the
driver (:func:`row`); a row's ``unit`` and ``index`` give the input order. Clusters and
results travel as JSON (:func:`to_json`, :func:`cluster_of`, :func:`result_of`): data,
never pickles, so nothing a row holds can run as code.
"""

from __future__ import annotations

import json
import logging
import os
from contextlib import contextmanager
from pathlib import Path

from ...errors import SummarizerError, UsageError
from .. import expand_sources

log = logging.getLogger("summarizer")

TODO, READ, WRITTEN, FAILED = "todo", "read", "written", "failed"
FATAL = "fatal"  # the actor could not build its pipeline: the run stops


def row(unit: int, index: int, status: str, cluster_id: str = "", message: str = "",
        exit_code: int = 0, logs=(), cluster: str = "") -> dict:
    return {"unit": unit, "index": index, "status": status, "cluster_id": cluster_id,
            "message": message, "exit_code": exit_code, "logs": json.dumps(list(logs)),
            "cluster": cluster}


def to_json(record) -> str:
    """A :class:`~summarizer.documents.Cluster` or a
    :class:`~summarizer.evaluation.runner.ClusterResult` (plain dataclasses) as JSON."""
    from dataclasses import asdict

    return json.dumps(asdict(record), ensure_ascii=False)


def cluster_of(text: str):
    """The :class:`~summarizer.documents.Cluster` :func:`to_json` wrote."""
    from ...documents import Article, Cluster, Reference

    data = json.loads(text)
    return Cluster(data["id"], [Article(**a) for a in data["articles"]],
                   [Reference(**r) for r in data["references"]], data["meta"])


def result_of(text: str):
    """The :class:`~summarizer.evaluation.runner.ClusterResult` :func:`to_json` wrote."""
    from ...evaluation.runner import ClusterResult

    return ClusterResult(**json.loads(text))


# ------------------------------------------------------------------ log records


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[list] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append([record.levelno, record.getMessage()])


@contextmanager
def captured(level: int):
    """The ``summarizer`` log records of the block, at ``level`` and above, kept to be
    sent to the driver instead of printed in the worker."""
    logger = logging.getLogger("summarizer")
    handler, old = _Capture(), (logger.level, logger.propagate)
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old[0])
        logger.propagate = old[1]


def replay(logs: str) -> None:
    """Log on the driver the records a worker captured (a row's ``logs``)."""
    for level_no, message in json.loads(logs):
        log.log(level_no, "%s", message)


# ------------------------------------------------------------------ units of input


def list_units(sources, ingest) -> list[dict]:
    """The units of work of ``sources``, listed on the driver without reading them
    (:func:`summarizer.ingest.list_clusters`): a file (read whole by one worker) or a
    cluster folder. Inputs that the local path refuses before any work (missing,
    unsupported) are refused here with the same message."""
    from ...ingest import list_clusters

    units: list[dict] = []
    for source in expand_sources(sources):
        if source == "-":
            raise UsageError("--executor ray reads files and folders, not stdin (-)")
        for found in list_clusters(source, ingest):
            units.append({"kind": found.kind, "path": str(found.path.resolve()),
                          "given": str(found.path), "cluster_id": found.cluster_id,
                          "source": source})
    for n, unit in enumerate(units):
        unit["n"] = n
    return units


def read_unit(unit: dict, ingest, level: int) -> list[dict]:
    """One unit of input -> a row per cluster, then one row with what reading it
    skipped and logged (the records and messages of a local run)."""
    from ...ingest import ClusterSource

    problems: list[str] = []
    clusters = []
    with captured(level) as logs:
        path = Path(unit["path"])
        given = Path(unit["given"])  # as the user named it, for the same messages
        if given.exists() and os.path.samefile(given, path):
            path = given
        try:
            source = ClusterSource(unit["kind"], path, unit["cluster_id"])
            clusters = source.read(ingest, problems=problems)
        except SummarizerError as e:
            problems.append(str(e))
        except OSError as e:
            problems.append(f"cannot read {path}: {e.strerror or e}")
    rows = [row(unit["n"], k, TODO, c.id, cluster=to_json(c))
            for k, c in enumerate(clusters)]
    rows.append(row(unit["n"], len(rows), READ, message=json.dumps(problems), logs=logs))
    return rows
