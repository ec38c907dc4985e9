"""The Ray executor: the same ``summarize`` and ``evaluate`` on a Ray cluster.

``summarize``: the driver lists the units of work (each cluster file, each cluster
folder of a folder of cluster folders) without reading them; a Ray Dataset reads each
unit in the workers with the parsers the local path uses (:func:`summarizer.ingest.
read_path`, so ids, skipped records and their messages are the same); the driver then
names every cluster's file from all the ids read, as the local path does
(:func:`~summarizer.executors.summary_files`: a name needs every id, so reading is
done before summarizing starts), and a ``map_batches`` pool of actors, each building its
:class:`~summarizer.pipeline.Pipeline` once (a model is loaded once per actor),
summarizes the clusters and writes each summary atomically into the output folder under
that name. Only ids, statuses and messages come back to the driver. A cluster that fails
is reported by id and the others go on.

``evaluate``: the driver reads the dataset, checks the per-cluster cache and sends only
the misses to a pool of actors that summarize and score them
(:func:`summarizer.evaluation.runner.evaluate_one`); the results come back to the driver,
which caches them and aggregates exactly as a local run does.

Actors of a config that refines on ``cuda``/``auto`` ask Ray for one GPU each. Worker
output is not forwarded to the driver (the CLI's stdout stays clean); the warnings of
the ``summarizer`` logger raised in the workers are sent back and logged by the driver.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import sys
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError, SummarizerError, UsageError
from . import Failure, Outcome, expand_sources, summary_files

log = logging.getLogger("summarizer")

# the columns every row carries between the reading stage, the actors and the driver
_STATUS_TODO, _STATUS_READ, _STATUS_WRITTEN, _STATUS_FAILED = "todo", "read", "written", "failed"
_STATUS_FATAL = "fatal"  # the actor could not build its pipeline: the run stops


def import_ray():
    """The ``ray`` module (with Ray Data), or :class:`~summarizer.extras.MissingExtra`
    naming the extra in one line."""
    from ..extras import EXTRAS, MissingExtra, _installed

    missing = [m for m in EXTRAS["ray"] if not _installed(m)]
    if missing:
        raise MissingExtra(f"--executor ray needs the 'ray' extra ({', '.join(missing)} not "
                           "installed): pip install 'summarizer[ray]'")
    os.environ.setdefault("RAY_DEDUP_LOGS", "0")
    import warnings

    warnings.filterwarnings("ignore", message="The minimum number of concurrent actors")
    import ray
    import ray.data  # noqa: F401

    return ray


def connect(address: str | None = None):
    """Join the Ray cluster at ``address`` (``auto``, ``ray://host:10001``), or start a
    local one when it is None (and ``RAY_ADDRESS`` is unset); an already initialized
    session (``ray.init`` called by the caller) is used as it is."""
    ray = import_ray()
    quiet = not log.isEnabledFor(logging.INFO)
    if not ray.is_initialized():
        kwargs = dict(log_to_driver=False, logging_level=logging.ERROR if quiet else logging.INFO)
        if address:
            kwargs["address"] = address
        elif not os.environ.get("RAY_ADDRESS"):
            kwargs["include_dashboard"] = False
        if address and address.startswith("ray://"):
            kwargs.pop("log_to_driver")
        try:
            ray.init(**kwargs)
        except (ConnectionError, ValueError, RuntimeError) as e:
            where = address or os.environ.get("RAY_ADDRESS") or "a local cluster"
            raise UsageError(f"cannot start or join Ray at {where}: "
                             f"{str(e).splitlines()[0] if str(e) else type(e).__name__}") from None
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False  # the driver shows its own
    ctx.print_on_execution_start = False
    ctx.enable_auto_log_stats = False
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR if quiet else logging.INFO)
    return ray


# ------------------------------------------------------------------ worker side


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[list] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append([record.levelno, record.getMessage()])


@contextmanager
def _captured(level: int):
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


def _row(unit: int, index: int, status: str, cluster_id: str = "", message: str = "",
         exit_code: int = 0, logs=(), cluster: bytes = b"") -> dict:
    return {"unit": unit, "index": index, "status": status, "cluster_id": cluster_id,
            "message": message, "exit_code": exit_code, "logs": json.dumps(list(logs)),
            "cluster": cluster}


def _read_unit(unit: dict, ingest, level: int) -> list[dict]:
    """One unit of input -> a row per cluster, then one row with what reading it
    skipped and logged (the records and messages of a local run)."""
    from ..ingest import files, read_path

    problems: list[str] = []
    clusters = []
    with _captured(level) as logs:
        path = Path(unit["path"])
        given = Path(unit["given"])  # as the user named it, for the same messages
        if given.exists() and os.path.samefile(given, path):
            path = given
        try:
            if unit["kind"] == "folder":
                tally = files._Tally()
                clusters = files._cluster_folder(path, unit["cluster_id"], ingest, tally)
                problems = tally.problems
            else:
                clusters = read_path(path, ingest, problems=problems)
        except SummarizerError as e:
            problems.append(str(e))
        except OSError as e:
            problems.append(f"cannot read {path}: {e.strerror or e}")
    rows = [_row(unit["n"], k, _STATUS_TODO, c.id, cluster=pickle.dumps(c))
            for k, c in enumerate(clusters)]
    rows.append(_row(unit["n"], len(rows), _STATUS_READ, message=json.dumps(problems),
                     logs=logs))
    return rows


class _Summarizer:
    """A pool actor: builds the pipeline once, then summarizes and writes batches."""

    def __init__(self, config, files: dict[str, str], level: int):
        from ..pipeline import Pipeline

        self.level, self.files = level, files  # "unit:index" -> the summary's path
        self.fmt, self.timings = config.output.format, config.output.timings
        self.fatal: SummarizerError | None = None
        with _captured(level) as logs:
            try:
                self.pipeline = Pipeline(config)
            except SummarizerError as e:  # a missing model or extra: one line on the driver
                self.fatal = e
        self.pending_logs = logs

    def _one(self, cluster):
        try:
            return next(self.pipeline.summarize_each([cluster]))[1]
        except Exception as e:  # a bug must cost one cluster, not the whole run
            return e

    def _write(self, path: str, result) -> tuple[str, str, int]:
        from ..fileio import atomic_write
        from ..output import render

        if isinstance(result, BaseException):
            code = getattr(result, "exit_code", 1)
            text = str(result) if isinstance(result, SummarizerError) else \
                f"{type(result).__name__}: {result}"
            return _STATUS_FAILED, text, code
        try:
            atomic_write(path, render(result, self.fmt, self.timings))
        except OSError as e:
            return _STATUS_FAILED, f"cannot write its summary ({e.strerror or e})", 1
        return _STATUS_WRITTEN, "", 0

    def __call__(self, batch: dict) -> dict:
        rows, todo = [], []
        if self.fatal is not None:
            row = _row(-1, -1, _STATUS_FATAL, message=str(self.fatal),
                       exit_code=self.fatal.exit_code, logs=self.pending_logs)
            del row["cluster"]
            return {k: [v] for k, v in row.items()}
        for i in range(len(batch["status"])):
            if batch["status"][i] == _STATUS_TODO:
                todo.append((i, pickle.loads(batch["cluster"][i])))
            else:
                rows.append(_row(int(batch["unit"][i]), int(batch["index"][i]),
                                 str(batch["status"][i]), str(batch["cluster_id"][i]),
                                 str(batch["message"][i]), int(batch["exit_code"][i]),
                                 json.loads(batch["logs"][i])))
        with _captured(self.level) as logs:
            clusters = [c for _, c in todo]
            try:
                results = [r for _, r in self.pipeline.summarize_each(clusters)]
            except Exception:
                results = [self._one(c) for c in clusters]
            for (i, cluster), result in zip(todo, results):
                key = f"{int(batch['unit'][i])}:{int(batch['index'][i])}"
                status, message, code = self._write(self.files[key], result)
                rows.append(_row(int(batch["unit"][i]), int(batch["index"][i]), status,
                                 cluster.id, message, code))
        logs = self.pending_logs + logs
        self.pending_logs = []
        if rows and logs:
            rows[0]["logs"] = json.dumps(json.loads(rows[0]["logs"]) + logs)
        for row in rows:
            del row["cluster"]
        return {k: [row[k] for row in rows] for k in rows[0]} if rows else {}


class _Scorer:
    """A pool actor of the evaluation: the systems built once, then summarize and score."""

    def __init__(self, specs, protocol, level: int):
        from ..evaluation import runner

        self.level = level
        runner._init_worker(specs, protocol)

    def __call__(self, batch: dict) -> dict:
        from ..evaluation.runner import evaluate_one

        with _captured(self.level) as logs:
            results = [pickle.dumps(evaluate_one(str(k), pickle.loads(c)))
                       for k, c in zip(batch["key"], batch["cluster"])]
        out_logs = [json.dumps(logs)] + ["[]"] * (len(results) - 1)
        return {"result": results, "logs": out_logs}


def _bound(cls, *args):
    """``cls`` with its constructor arguments baked in (shipped with the class, not as
    object-store arguments that an actor restart could lose)."""
    return type(cls.__name__.lstrip("_"), (cls,),
                {"__init__": lambda self: cls.__init__(self, *args)})


# ------------------------------------------------------------------ driver


def list_units(sources, ingest) -> list[dict]:
    """The units of work of ``sources``, listed on the driver without reading them: a
    file (read whole by one worker) or a cluster folder. Inputs that the local path
    refuses before any work (missing, unsupported, an empty folder) are refused here
    with the same message."""
    from ..ingest import files, read_path

    units: list[dict] = []
    for source in expand_sources(sources):
        if source == "-":
            raise UsageError("--executor ray reads files and folders, not stdin (-)")
        path = Path(source)
        if not path.exists():
            raise InputError(f"input not found: {path}")
        if path.is_dir():
            try:
                found = [{"kind": "folder", "path": str(folder.resolve()), "given": str(folder),
                          "cluster_id": cluster_id}
                         for folder, cluster_id in files.cluster_folders(path, path, ingest)]
            except OSError as e:
                raise InputError(f"cannot read folder {path}: {e.strerror or e}") from None
            if not found:
                read_path(path, ingest)  # raises the local error for this folder
            units.extend(found)
        else:
            if path.suffix.lower() not in files._extensions(ingest):
                read_path(path, ingest)  # unsupported file type: the local error
            units.append({"kind": "file", "path": str(path.resolve()), "given": source,
                          "cluster_id": ""})
    for n, unit in enumerate(units):
        unit["n"] = n
    return units


def _unwrap(error: BaseException) -> SummarizerError | None:
    """The SummarizerError behind a Ray error (an actor that could not build its
    pipeline: a missing model, a missing extra on the workers)."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, SummarizerError):
            return error
        error = getattr(error, "cause", None) or error.__cause__
    return None


def _gpus(ray, configs) -> int:
    """GPUs per actor: 1 for a config that refines on cuda (or auto, when the cluster
    has GPUs), else 0."""
    devices = [c.refine.device for c in configs if c.refine.enabled]
    wants = [d for d in devices if d == "auto" or d.startswith("cuda")]
    if not wants:
        return 0
    if ray.cluster_resources().get("GPU", 0) >= 1:
        return 1
    if any(d.startswith("cuda") for d in wants):
        raise UsageError(f"refine.device={wants[0]} but the Ray cluster has no GPUs")
    return 0


class RayExecutor:
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
        from ..fileio import check_output_dir

        check_output_dir(out_dir)
        units = list_units(sources, config.ingest)
        ray = connect(self.address)
        gpus = _gpus(ray, [config])
        n = self._actors(ray, gpus, len(units) if len(units) > 1 else 1 << 30)
        level = log.getEffectiveLevel()
        ds = ray.data.from_items(units, override_num_blocks=max(1, min(len(units), 8 * n)))
        # Reading needs no CPU of its own (the actors hold them all) and cuts what it
        # reads into blocks of about 1/8 per actor of the input, so that one big cluster
        # file is spread over every actor while it is still being read.
        ds = ds.flat_map(_read_unit, fn_args=(config.ingest, level), num_cpus=0)
        ctx = ray.data.DataContext.get_current()
        saved_block_size = ctx.target_max_block_size
        input_bytes = sum(Path(u["path"]).stat().st_size for u in units if u["kind"] == "file")
        if input_bytes:
            ctx.target_max_block_size = int(min(max(input_bytes // (8 * n), 64 << 10),
                                                saved_block_size or 128 << 20))
        size = config.refine.batch_size if config.refine.enabled else 4
        bar = None
        written, failed, skipped = [], [], []
        try:
            ds = ds.materialize()  # a file's name needs every id read (summary_files)
            files = self._summary_files(ds, out_dir, config.output.format)
            ds = ds.map_batches(_bound(_Summarizer, config, files, level), batch_size=size,
                                compute=ray.data.ActorPoolStrategy(size=n), num_cpus=1,
                                num_gpus=gpus)
            if progress:
                from tqdm import tqdm

                bar = tqdm(desc="summarizing", unit="cluster", total=len(files),
                           file=sys.stderr)
            for row in ds.iter_rows():
                for level_no, message in json.loads(row["logs"]):
                    log.log(level_no, "%s", message)
                order = (int(row["unit"]), int(row["index"]))
                if row["status"] == _STATUS_FATAL:
                    fatal = SummarizerError(row["message"])
                    fatal.exit_code = int(row["exit_code"])
                    raise fatal
                if row["status"] == _STATUS_READ:
                    skipped.extend((order, p) for p in json.loads(row["message"]))
                    continue
                if row["status"] == _STATUS_FAILED:
                    log.error("cluster %s failed: %s", row["cluster_id"], row["message"])
                    failed.append((order, Failure(row["cluster_id"], row["message"],
                                                  int(row["exit_code"]))))
                else:
                    written.append((order, row["cluster_id"]))
                if bar is not None:
                    bar.update(1)
        except Exception as e:
            cause = _unwrap(e)
            if cause is not None:
                raise cause from None
            raise
        finally:
            ctx.target_max_block_size = saved_block_size
            if bar is not None:
                bar.close()
        outcome = Outcome(total=len(written) + len(failed))
        outcome.written = [cid for _, cid in sorted(written)]
        outcome.failed = [f for _, f in sorted(failed, key=lambda x: x[0])]
        outcome.skipped = [p for _, p in sorted(skipped, key=lambda x: x[0])]
        return outcome

    @staticmethod
    def _summary_files(read, out_dir, fmt: str) -> dict[str, str]:
        """``"unit:index"`` -> the summary's path, for every cluster of the read
        dataset ``read``: the names the local path gives the same ids in the same
        order."""
        rows = read.select_columns(["unit", "index", "status", "cluster_id"]).iter_rows()
        order = sorted((int(r["unit"]), int(r["index"]), r["cluster_id"]) for r in rows
                       if r["status"] == _STATUS_TODO)
        paths = summary_files(Path(out_dir).resolve(), [cid for _, _, cid in order], fmt)
        return {f"{unit}:{index}": str(path) for (unit, index, _), path in zip(order, paths)}

    def evaluate_tasks(self, tasks, specs, protocol, keep, progress: bool = False) -> None:
        """Summarize and score ``tasks`` ((system key, cluster) pairs) in a pool of
        actors; ``keep`` gets each :class:`~summarizer.evaluation.runner.ClusterResult`
        on the driver as it arrives."""
        if not tasks:
            return
        ray = connect(self.address)
        gpus = _gpus(ray, [s.config for s in specs if s.kind == "config"])
        n = self._actors(ray, gpus, len(tasks))
        level = log.getEffectiveLevel()
        rows = [{"key": key, "cluster": pickle.dumps(cluster)} for key, cluster in tasks]
        ds = ray.data.from_items(rows, override_num_blocks=max(1, min(len(rows), 8 * n)))
        size = max(1, min(16, len(tasks) // (n * 8)))
        ds = ds.map_batches(_bound(_Scorer, list(specs), protocol, level), batch_size=size,
                            compute=ray.data.ActorPoolStrategy(size=n), num_cpus=1,
                            num_gpus=gpus)
        try:
            for row in ds.iter_rows():
                for level_no, message in json.loads(row["logs"]):
                    log.log(level_no, "%s", message)
                keep(pickle.loads(row["result"]))
        except Exception as e:
            cause = _unwrap(e)
            if cause is not None:
                raise cause from None
            raise
