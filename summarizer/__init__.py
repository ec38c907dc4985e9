"""summarizer: multi-document news summarization.

Files -> Articles -> cleaned Articles -> Sentences -> deduplicated Units (with support)
-> centrality scores -> selected Summary -> (refined Summary) -> ROUGE against references.

>>> from summarizer import summarize
>>> print(summarize("examples/harbor-bridge", words=60).text)

The public names below are imported on first use, so ``import summarizer`` (and
``summarizer --help``) stays instant. Every stage is also a small module that can be
called alone.
"""

from __future__ import annotations

import logging
from importlib import import_module
from typing import TYPE_CHECKING

from .logs import printable_record

__version__ = "0.1.0"

logging.getLogger("summarizer").addFilter(printable_record)

# public name -> the module that defines it
_PUBLIC = {
    "summarize": "api",
    "summarize_to": "api",
    "Pipeline": "pipeline",
    "Config": "config",
    "load_config": "config",
    "read_path": "ingest",
    "evaluate": "evaluation",
    "Article": "documents",
    "Cluster": "documents",
    "Reference": "documents",
    "Summary": "documents",
    "Support": "documents",
    "SummarizerError": "errors",
    "UsageError": "errors",
    "ConfigError": "errors",
    "InputError": "errors",
    "ModelUnavailable": "errors",
}

__all__ = [*_PUBLIC, "__version__"]

if TYPE_CHECKING:
    from .api import summarize, summarize_to
    from .config import Config, load_config
    from .documents import Article, Cluster, Reference, Summary, Support
    from .errors import ConfigError, InputError, ModelUnavailable, SummarizerError, UsageError
    from .evaluation import evaluate
    from .ingest import read_path
    from .pipeline import Pipeline


def __getattr__(name: str):
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
