"""The trained ranker (``rank.method: learned``): a model fitted to what reference
summaries keep (``summarizer train``) scores every unit from its features
(:mod:`summarizer.learn.features`), and the selection step (``select.method``: MMR or
topk) takes the best under the budget, as for every scorer. Supervised sentence scoring
with a regression model in the manner of Kupiec, Pedersen & Chen (1995) and the
learned salience of Hong & Nenkova (2014, "Improving the estimation of word importance
for news multi-document summarization").

``rank.priors`` are not applied by default (``rank.learned.priors: false``): position,
support and length are features the model weighed itself. With ``rank.learned.priors:
true`` the model's scores are multiplied by them as every other scorer's are. Its
predictions are shifted so the lowest of a cluster is 0 (MMR divides by the largest
score, so they must not be negative).

The model file (``rank.learned.model``) is read when the pipeline is built, so a missing
or damaged file is one error before any work, and once per process for each version of
the file (its path, size and modification time). A model trained on another language or
with other ``split``, ``dedup`` or ``similarity`` settings than the ones in use is one
warning per process: its features may not mean what they meant in training.
"""

from __future__ import annotations

import functools
import logging
import os
import threading
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from . import Choice, Context, by_score

if TYPE_CHECKING:
    from ..config import Config
    from ..learn.model import Model

# the sections the features are computed under: trained under others, they may differ
_FEATURE_SECTIONS = ("split", "dedup", "similarity")

_MODELS: dict[str, tuple[tuple[int, int], "Model"]] = {}  # path -> (size, mtime), model
_LOCK = threading.Lock()  # threads of one process (server systems) read a file once


def model_for(path: str) -> "Model":
    """The model at ``path``, read once per process for each version of the file."""
    from ..config import excerpt
    from ..errors import ConfigError
    from ..learn.model import load

    try:
        info = os.stat(path)
    except (OSError, ValueError) as e:  # ValueError: a NUL in the path
        raise ConfigError(f"model {excerpt(path, 200)}: cannot read it: "
                          f"{getattr(e, 'strerror', None) or e}") from None
    where, version = os.path.abspath(path), (info.st_size, info.st_mtime_ns)
    with _LOCK:
        if where not in _MODELS or _MODELS[where][0] != version:
            _MODELS[where] = version, load(path)
        return _MODELS[where][1]


def setup(config: "Config") -> None:
    """Read the model before any work (:class:`~summarizer.pipeline.Pipeline` calls this
    for the configured method), and warn when it was trained under other settings."""
    model = model_for(config.rank.learned.model)
    trained = model.meta.get("config") or {}
    used = config.model_dump(mode="json")
    changed = [key for section in _FEATURE_SECTIONS if section in trained
               for key in _differences(trained[section], used.get(section), section)]
    if changed:
        shown = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3
                                          else "")
        _warn_once(f"model {config.rank.learned.model} was trained with other settings "
                   f"than this config's ({shown}): its scores may not carry over")


def _differences(trained, used, prefix: str) -> list[str]:
    """The dotted keys under ``prefix`` whose values differ, ``key=trained (now used)``;
    a key the model's config does not record (one added since) is not a difference."""
    if isinstance(trained, dict) and isinstance(used, dict):
        return [d for k in sorted(trained)
                for d in _differences(trained[k], used.get(k), f"{prefix}.{k}")]
    return [] if trained == used else [f"{prefix}={trained} (now {used})"]


@functools.cache
def _warn_once(line: str) -> None:
    logging.getLogger("summarizer").warning(line)


def choose(ctx: Context, config) -> Choice:
    """The model's scores of the units, taken by the selection step under the budget
    (:func:`.by_score`), times the priors only with ``rank.learned.priors``."""
    from ..learn.features import feature_matrix

    model = model_for(config.learned.model)
    trained = (model.meta.get("trained_on") or {}).get("language")
    if trained and trained != ctx.language.code:
        _warn_once(f"model {config.learned.model} was trained on clusters in {trained!r}, "
                   f"used on clusters in {ctx.language.code!r}: its scores may not carry over")
    predicted = model.predict(feature_matrix(ctx))
    scores = predicted - predicted.min() if len(predicted) else predicted
    if not config.learned.priors:
        ctx = replace(ctx, priors=np.ones(len(ctx.units)))
    return by_score(ctx, scores)


def score(X, units, config, query=None):
    """The model reads every feature of a :class:`Context` (the budget, the language),
    not the vectors alone: it is run through :func:`choose`."""
    raise ValueError("rank.method 'learned' scores a cluster's whole context: use "
                     "summarizer.rank.pick (or the Pipeline), not rank()")
