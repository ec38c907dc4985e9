"""The trained ranker (``rank.method: learned``): a model that learns from reference
summaries which sentences they keep.

Modules: :mod:`.model` (the model: fitted with scikit-learn, kept as a documented JSON
file that is data, never code, read back strictly and predicted with numpy alone),
:mod:`.features` (what the model sees of each unit), :mod:`.labels` (what it learns to
predict, from the references), :mod:`.training` (``summarizer train``: both over a
dataset, then the fit).

The names below are imported on first use, so importing the package (the config, the
CLI's ``--help``) loads no numpy and no scikit-learn.
"""

from __future__ import annotations

from importlib import import_module

# Re-exported names -> the module that defines them.
_LAZY = {
    "Model": "model", "fit": "model", "load": "model", "hash_ids": "model",
    "FORMAT": "model", "VERSION": "model",
    "FEATURES": "features", "feature_matrix": "features", "LABEL": "labels",
    "unit_labels": "labels", "train": "training",
}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = sorted(_LAZY)
