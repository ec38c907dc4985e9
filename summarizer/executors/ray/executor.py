"""The driver of the Ray executor: a Dataset of the input, a pool of actors, and the
rows that come back turned into an :class:`~summarizer.executors.Outcome` (summarize) or
cached results (evaluate)."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from ...errors import SummarizerError
from .. import Failure, Outcome, summary_files, write_index
from . import dataset
from .actors import Scorer, Summarizer, bound
from .session import connect, gpus_per_actor, import_ray, unwrap

log = logging.getLogger("summarizer")


class RayExecutor:
    """``summarize_to`` and ``evaluate_tasks`` on the Ray cluster at ``address`` (None:
    ``$RAY_ADDRESS``, else a local one), with at most ``jobs`` actors."""

    name = "ray"

    def __init__(self, address: str | None = None, jobs: int | None = None):
        import_ray()  # the missing extra is one line, before any work
        self.address, self.jobs = address, jobs

    def _actors(self, ray, gpus: int, work: int) -> int:
        resources = ray.cluster_resources()
        have = int(resources.get("GPU", 0)) if gpus else int(resources.get("CPU", 1))
        n = max(1, have)
        if self.jobs and self.jobs > 0:
            n = min(n, self.jobs) if gpus else self.jobs
        return max(1, min(n, work))

    def summarize_to(self, sources, out_dir: str | Path, config, progress: bool = False,
                     stdin=None) -> Outcome:
        """Summarize every cluster of ``sources`` into one file per cluster in
        ``out_dir`` (a path every node of the cluster can write)."""
        from ...fileio import check_output_dir

        check_output_dir(out_dir)
        units = dataset.list_units(sources, config.ingest)
        ray = connect(self.address)
        gpus = gpus_per_actor(ray, [config])
        n = self._actors(ray, gpus, len(units) if len(units) > 1 else 1 << 30)
        level = log.getEffectiveLevel()
        ds = ray.data.from_items(units, override_num_blocks=max(1, min(len(units), 8 * n)))
        # Reading needs no CPU of its own (the actors hold them all) and cuts what it
        # reads into blocks of about 1/8 per actor of the input, so that one big cluster
        # file is spread over every actor while it is still being read.
        ds = ds.flat_map(dataset.read_unit, fn_args=(config.ingest, level), num_cpus=0)
        ctx = ray.data.DataContext.get_current()
        saved_block_size = ctx.target_max_block_size
        input_bytes = sum(Path(u["path"]).stat().st_size for u in units if u["kind"] == "file")
        if input_bytes:
            ctx.target_max_block_size = int(min(max(input_bytes // (8 * n), 64 << 10),
                                                saved_block_size or 128 << 20))
        size = config.refine.transformers.batch_size if config.refine.enabled else 4
        bar = None
        written, failed, skipped = [], [], []
        try:
            ds = ds.materialize()  # a file's name needs every id read (summary_files)
            files = self._summary_files(ds, out_dir, config.output.format)
            _refuse_what_reads_nothing(units, files, config.ingest)
            ds = ds.map_batches(bound(Summarizer, config, files, level), batch_size=size,
                                compute=ray.data.ActorPoolStrategy(size=n), num_cpus=1,
                                num_gpus=gpus)
            if progress:
                from tqdm import tqdm

                bar = tqdm(desc="summarizing", unit="cluster", total=len(files),
                           file=sys.stderr)
            for row in ds.iter_rows():
                dataset.replay(row["logs"])
                order = (int(row["unit"]), int(row["index"]))
                if row["status"] == dataset.FATAL:
                    fatal = SummarizerError(row["message"])
                    fatal.exit_code = int(row["exit_code"])
                    raise fatal
                if row["status"] == dataset.READ:
                    skipped.extend((order, p) for p in json.loads(row["message"]))
                    continue
                if row["status"] == dataset.FAILED:
                    log.error("cluster %s failed: %s", row["cluster_id"], row["message"])
                    failed.append((order, Failure(row["cluster_id"], row["message"],
                                                  int(row["exit_code"]))))
                else:
                    written.append((order, row["cluster_id"], row["message"]))
                if bar is not None:
                    bar.update(1)
        except Exception as e:
            cause = unwrap(e)
            if cause is not None:
                raise cause from None
            raise
        finally:
            ctx.target_max_block_size = saved_block_size
            if bar is not None:
                bar.close()
        outcome = Outcome(total=len(written) + len(failed))
        written.sort(key=lambda x: x[0])
        outcome.written = [cid for _, cid, _ in written]
        outcome.failed = [f for _, f in sorted(failed, key=lambda x: x[0])]
        outcome.skipped = [p for _, p in sorted(skipped, key=lambda x: x[0])]
        if config.output.format == "html":
            write_index(out_dir, outcome, [json.loads(page) for _, _, page in written])
        return outcome

    @staticmethod
    def _summary_files(read, out_dir, fmt: str) -> dict[str, str]:
        """``"unit:index"`` -> the summary's path, for every cluster of the read
        dataset ``read``: the names the local path gives the same ids in the same
        order."""
        rows = read.select_columns(["unit", "index", "status", "cluster_id"]).iter_rows()
        order = sorted((int(r["unit"]), int(r["index"]), r["cluster_id"]) for r in rows
                       if r["status"] == dataset.TODO)
        paths = summary_files(Path(out_dir).resolve(), [cid for _, _, cid in order], fmt)
        return {f"{unit}:{index}": str(path) for (unit, index, _), path in zip(order, paths)}

    def evaluate_tasks(self, tasks, specs, protocol, keep, progress: bool = False) -> None:
        """Summarize and score ``tasks`` ((system key, cluster) pairs) in a pool of
        actors; ``keep`` gets each :class:`~summarizer.evaluation.runner.ClusterResult`
        on the driver as it arrives."""
        if not tasks:
            return
        ray = connect(self.address)
        gpus = gpus_per_actor(ray, [s.config for s in specs if s.kind == "config"])
        n = self._actors(ray, gpus, len(tasks))
        level = log.getEffectiveLevel()
        rows = [{"key": key, "cluster": dataset.to_json(cluster)} for key, cluster in tasks]
        ds = ray.data.from_items(rows, override_num_blocks=max(1, min(len(rows), 8 * n)))
        size = max(1, min(16, len(tasks) // (n * 8)))
        ds = ds.map_batches(bound(Scorer, list(specs), protocol, level), batch_size=size,
                            compute=ray.data.ActorPoolStrategy(size=n), num_cpus=1,
                            num_gpus=gpus)
        try:
            for row in ds.iter_rows():
                dataset.replay(row["logs"])
                keep(dataset.result_of(row["result"]))
        except Exception as e:
            cause = unwrap(e)
            if cause is not None:
                raise cause from None
            raise


def _refuse_what_reads_nothing(units: list[dict], files: dict[str, str], ingest) -> None:
    """An input that gave no cluster at all (an empty folder, nothing supported or
    readable in it) is the error the local executor raises for it, before any work:
    :func:`summarizer.ingest.read_path` on the driver says which (it reads nothing)."""
    from ...ingest import read_path

    read = {int(key.split(":")[0]) for key in files}
    sources = {u["source"]: [] for u in units}
    for u in units:
        sources[u["source"]].append(u["n"])
    for source, ns in sources.items():
        if not read.intersection(ns):
            read_path(source, ingest)  # raises the local executor's InputError
