"""A trained model scored on the clusters it was trained on: refused, or stated.

A model that has seen a cluster's references scores that cluster far above what it
would score on news it has not seen, so such a score is no result. A system that runs
the trained ranker (``rank.method: learned``) on a dataset with clusters its model was
trained on (the model names them by hash: ``meta.trained_on.ids``) is refused before any
work, in one line, unless ``allow_train_overlap`` (``--allow-train-overlap``); then the
report says so: ``results.json`` gives each such system's ``train_overlap`` and the
table (``results.md``, the CLI) a line under it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import UsageError

if TYPE_CHECKING:
    from .datasets import Dataset
    from .systems import SystemSpec


def train_overlap(spec: "SystemSpec", dataset: "Dataset") -> dict | None:
    """``{"model", "trained_on", "clusters"}``: how many of the dataset's clusters the
    system's model was trained on; None for a system without a trained model."""
    if spec.kind != "config" or spec.config.rank.method != "learned":
        return None
    from ..rank.learned import model_for

    path = spec.config.rank.learned.model
    ids = [c.id for c in dataset.clusters]
    return {"model": path, "trained_on": model_for(path).overlap(ids), "clusters": len(ids)}


def check_train_overlap(specs: list["SystemSpec"], dataset: "Dataset",
                        allow: bool = False) -> None:
    """Refuse, before any work, a system whose model was trained on clusters of
    ``dataset`` (unless ``allow``); a model that cannot be read is its one error line."""
    for spec in specs:
        found = train_overlap(spec, dataset)
        if found and found["trained_on"] and not allow:
            raise UsageError(f"model {found['model']} was trained on {found['trained_on']} of "
                             f"the {found['clusters']} clusters of {dataset.name}; "
                             "--allow-train-overlap to score it anyway")


def overlap_lines(doc: dict) -> list[str]:
    """The report's statement of each system scored on clusters its model saw."""
    return [f"{name}: its model {s['train_overlap']['model']} was trained on "
            f"{s['train_overlap']['trained_on']} of these {s['train_overlap']['clusters']} "
            "clusters (scored with --allow-train-overlap): not a held-out result."
            for name, s in doc["systems"].items()
            if (s.get("train_overlap") or {}).get("trained_on")]
