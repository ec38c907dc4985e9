"""The local executor: everything in this process (``summarize``) or in the
``--jobs`` process pool of the evaluation runner (``evaluate``)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from . import Failure, Outcome, expand_sources, summary_files

log = logging.getLogger("summarizer")


class LocalExecutor:
    name = "local"

    def __init__(self, address: str | None = None, jobs: int | None = None):
        self.jobs = jobs

    def summarize_to(self, sources, out_dir: str | Path, config, progress: bool = False,
                     stdin=None) -> Outcome:
        """Summarize every cluster of ``sources`` (paths, patterns, or ``-``) into one
        file per cluster in ``out_dir`` (named by :func:`summary_files`), written
        atomically as each one is done; a summary that cannot be written fails its own
        cluster."""
        from ..errors import SummarizerError
        from ..fileio import atomic_write, check_output_dir
        from ..ingest import read_path
        from ..output import render
        from ..pipeline import Pipeline

        check_output_dir(out_dir)
        outcome = Outcome()
        clusters = []
        for source in expand_sources(sources):
            clusters.extend(read_path(source, config.ingest, stdin=stdin or sys.stdin,
                                      problems=outcome.skipped))
        outcome.total = len(clusters)
        pipeline = Pipeline(config)
        fmt, timings = config.output.format, config.output.timings
        paths = summary_files(out_dir, [c.id for c in clusters], fmt)
        items = clusters
        if progress and len(clusters) > 1:
            from tqdm import tqdm

            items = tqdm(clusters, desc="summarizing", unit="cluster", file=sys.stderr)
        for (cluster, result), path in zip(pipeline.summarize_each(items), paths):
            if not isinstance(result, SummarizerError):
                try:
                    atomic_write(path, render(result, fmt, timings))
                    outcome.written.append(cluster.id)
                    continue
                except OSError as e:
                    result = SummarizerError(f"cannot write its summary ({e.strerror or e})")
            if outcome.total > 1:  # a lone cluster's error is the one line the CLI prints
                log.error("cluster %s failed: %s", cluster.id, result)
            outcome.failed.append(Failure(cluster.id, str(result), result.exit_code))
        return outcome
