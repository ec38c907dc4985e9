"""The local executor: everything in this process (``summarize``) or in the
``--jobs`` process pool of the evaluation runner (``evaluate``)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from ..errors import UsageError
from . import Failure, Outcome, expand_sources, summary_files, write_index

log = logging.getLogger("summarizer")


class LocalExecutor:
    name = "local"

    def __init__(self, address: str | None = None, jobs: int | None = None):
        if address:
            raise UsageError("--address is for --executor ray")
        self.jobs = jobs

    def summarize_to(self, sources, out_dir: str | Path, config, progress: bool = False,
                     stdin=None) -> Outcome:
        """Summarize every cluster of ``sources`` (paths, patterns, or ``-``) into one
        file per cluster in ``out_dir`` (named by :func:`summary_files`), written
        atomically as each one is done; a summary that cannot be written fails its own
        cluster."""
        from ..errors import SummarizerError
        from ..fileio import atomic_write, check_output_dir
        from ..html.folder import index_entry
        from ..output import render

        check_output_dir(out_dir)
        outcome = Outcome()
        clusters = self.read(sources, config, outcome, stdin)
        results = self.summarize_each(clusters, config, progress)
        fmt, timings = config.output.format, config.output.timings
        paths = summary_files(out_dir, [c.id for c in clusters], fmt)
        pages: list[dict] = []  # html: what the folder's index lists
        for (cluster, result), path in zip(results, paths):
            if not isinstance(result, SummarizerError):
                try:
                    atomic_write(path, render(result, fmt, timings))
                    outcome.written.append(cluster.id)
                    if fmt == "html":
                        pages.append(index_entry(result, path))
                    continue
                except OSError as e:
                    result = SummarizerError(f"cannot write its summary ({e.strerror or e})")
            if outcome.total > 1:  # a lone cluster's error is the one line the CLI prints
                log.error("cluster %s failed: %s", cluster.id, result)
            outcome.failed.append(Failure(cluster.id, str(result), result.exit_code))
        if fmt == "html":
            write_index(out_dir, outcome, pages)
        return outcome

    def read(self, sources, config, outcome: Outcome, stdin=None) -> list:
        """Every cluster of ``sources`` (paths, patterns, or ``-``); ``outcome`` counts
        them and names the records skipped while reading."""
        from ..ingest import read_path

        clusters = []
        for source in expand_sources(sources):
            clusters.extend(read_path(source, config.ingest, stdin=stdin or sys.stdin,
                                      problems=outcome.skipped))
        outcome.total = len(clusters)
        return clusters

    def summarize_each(self, clusters: list, config, progress: bool = False):
        """(cluster, Summary or the SummarizerError it met) for each cluster, in order:
        :meth:`summarize_to` writes them to files, ``summarizer summarize`` to stdout."""
        from ..pipeline import Pipeline

        pipeline = Pipeline(config)
        items = clusters
        if progress and len(clusters) > 1:
            from tqdm import tqdm

            items = tqdm(clusters, desc="summarizing", unit="cluster", file=sys.stderr)
        return pipeline.summarize_each(items)
