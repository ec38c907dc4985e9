"""The actors of the Ray pools: each builds its work once (a pipeline, the evaluated
systems; a model is loaded once per actor), then takes batches of rows."""

from __future__ import annotations

import json

from ...errors import SummarizerError
from .dataset import FAILED, FATAL, TODO, WRITTEN, captured, cluster_of, row, to_json


class Summarizer:
    """Summarizes batches of clusters with :class:`~summarizer.pipeline.Pipeline` (the
    one first half, :func:`summarizer.pipeline.prepare`, and the rest) and writes each
    summary to its file (an HTML page's row carries what the folder's index shows of
    it, as JSON); passes the other rows on."""

    def __init__(self, config, files: dict[str, str], level: int):
        from ...pipeline import Pipeline

        self.level, self.files = level, files  # "unit:index" -> the summary's path
        self.fmt, self.timings = config.output.format, config.output.timings
        self.fatal: SummarizerError | None = None
        with captured(level) as logs:
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
        from ...fileio import atomic_write
        from ...output import render

        if isinstance(result, BaseException):
            code = getattr(result, "exit_code", 1)
            text = str(result) if isinstance(result, SummarizerError) else \
                f"{type(result).__name__}: {result}"
            return FAILED, text, code
        try:
            atomic_write(path, render(result, self.fmt, self.timings))
        except OSError as e:
            return FAILED, f"cannot write its summary ({e.strerror or e})", 1
        if self.fmt == "html":  # the driver's index.html lists the page
            from ...html.folder import index_entry

            return WRITTEN, json.dumps(index_entry(result, path), ensure_ascii=False), 0
        return WRITTEN, "", 0

    def __call__(self, batch: dict) -> dict:
        rows, todo = [], []
        if self.fatal is not None:
            fatal = row(-1, -1, FATAL, message=str(self.fatal),
                        exit_code=self.fatal.exit_code, logs=self.pending_logs)
            del fatal["cluster"]
            return {k: [v] for k, v in fatal.items()}
        for i in range(len(batch["status"])):
            if batch["status"][i] == TODO:
                todo.append((i, cluster_of(batch["cluster"][i])))
            else:
                rows.append(row(int(batch["unit"][i]), int(batch["index"][i]),
                                str(batch["status"][i]), str(batch["cluster_id"][i]),
                                str(batch["message"][i]), int(batch["exit_code"][i]),
                                json.loads(batch["logs"][i])))
        with captured(self.level) as logs:
            clusters = [c for _, c in todo]
            try:
                results = [r for _, r in self.pipeline.summarize_each(clusters)]
            except Exception:
                results = [self._one(c) for c in clusters]
            for (i, cluster), result in zip(todo, results):
                key = f"{int(batch['unit'][i])}:{int(batch['index'][i])}"
                status, message, code = self._write(self.files[key], result)
                rows.append(row(int(batch["unit"][i]), int(batch["index"][i]), status,
                                cluster.id, message, code))
        logs = self.pending_logs + logs
        self.pending_logs = []
        if rows and logs:
            rows[0]["logs"] = json.dumps(json.loads(rows[0]["logs"]) + logs)
        for r in rows:
            del r["cluster"]
        return {k: [r[k] for r in rows] for k in rows[0]} if rows else {}


class Scorer:
    """Summarizes and scores batches of (system key, cluster) with the evaluation's
    systems, built once (:func:`summarizer.evaluation.runner.evaluate_one`)."""

    def __init__(self, specs, protocol, level: int):
        from ...evaluation.runner import init_worker

        self.level = level
        init_worker(specs, protocol)

    def __call__(self, batch: dict) -> dict:
        from ...evaluation.runner import evaluate_one

        with captured(self.level) as logs:
            results = [to_json(evaluate_one(str(k), cluster_of(c)))
                       for k, c in zip(batch["key"], batch["cluster"])]
        out_logs = [json.dumps(logs)] + ["[]"] * (len(results) - 1)
        return {"result": results, "logs": out_logs}


def bound(cls, *args):
    """``cls`` with its constructor arguments baked in (shipped with the class, not as
    object-store arguments that an actor restart could lose)."""
    return type(cls.__name__, (cls,), {"__init__": lambda self: cls.__init__(self, *args)})
