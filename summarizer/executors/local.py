"""The local executor: everything in this process (``summarize``) or in the
``--jobs`` process pool of the evaluation runner (``evaluate``)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from . import Failure, Outcome, expand_sources, summary_path

log = logging.getLogger("summarizer")


class LocalExecutor:
    name = "local"

    def __init__(self, address: str | None = None, jobs: int | None = None):
        self.jobs = jobs

    def summarize_to(self, sources, out_dir: str | Path, config, progress: bool = False,
                     stdin=None) -> Outcome:
        """Summarize every cluster of ``sources`` (paths, patterns, or ``-``) into one
        file per cluster in ``out_dir``, written atomically as each one is done."""
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
        items = clusters
        if progress and len(clusters) > 1:
            from tqdm import tqdm

            items = tqdm(clusters, desc="summarizing", unit="cluster", file=sys.stderr)
        for cluster, result in pipeline.summarize_each(items):
            if isinstance(result, SummarizerError):
                if outcome.total > 1:  # a lone cluster's error is the one line the CLI prints
                    log.error("cluster %s failed: %s", cluster.id, result)
                outcome.failed.append(Failure(cluster.id, str(result), result.exit_code))
                continue
            atomic_write(summary_path(out_dir, cluster.id, fmt), render(result, fmt, timings))
            outcome.written.append(cluster.id)
        return outcome
