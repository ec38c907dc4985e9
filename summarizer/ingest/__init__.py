"""Ingest: files, folders, cluster files and stdin -> :class:`~summarizer.documents.Cluster`.

``read_path("data/seed-cluster")`` returns one cluster per event. Formats: ``.txt`` and
``.md`` (first line is the title), ``.html``/``.htm`` (trafilatura), ``.json``/``.jsonl``
(article objects, unified cluster records, or Multi-News raw records), and ``-`` for stdin.
``list_clusters(path)`` lists where a path's clusters come from (each cluster folder, the
file, stdin) without reading them; each :class:`ClusterSource` reads itself.
See :mod:`.files` for folder layouts and :mod:`.formats` for the record formats.

Then the first stages, each in the cluster's :class:`~summarizer.language.Language`:
:mod:`.clean` (boilerplate out, by general rules), :mod:`.split` (sentences), and
:mod:`.dedup` (near-duplicate sentences merged, with their support). Their names are
imported on first use: Punkt's parameters and numpy load only when a stage runs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from .decode import Unreadable, decode_bytes, read_text
from .files import ClusterSource, list_clusters, read_path
from .formats import (
    cluster_from_multinews,
    cluster_from_unified,
    parse_html,
    parse_json,
    parse_jsonl,
    parse_text,
)

# public name -> the module of this package that defines it, imported on first use
_STAGES = {
    "clean_cluster": "clean",
    "clean_article": "clean",
    "clean_text": "clean",
    "line_rule": "clean",
    "PunktSplitter": "split",
    "make_splitter": "split",
    "split_text": "split",
    "split_articles": "split",
    "deduplicate": "dedup",
    "near_duplicate_pairs": "dedup",
}

if TYPE_CHECKING:
    from .clean import clean_article, clean_cluster, clean_text, line_rule
    from .dedup import deduplicate, near_duplicate_pairs
    from .split import PunktSplitter, make_splitter, split_articles, split_text

__all__ = [
    "read_path",
    "list_clusters",
    "ClusterSource",
    "read_text",
    "decode_bytes",
    "Unreadable",
    "parse_text",
    "parse_html",
    "parse_json",
    "parse_jsonl",
    "cluster_from_unified",
    "cluster_from_multinews",
    "clean_cluster",
    "clean_article",
    "clean_text",
    "line_rule",
    "PunktSplitter",
    "make_splitter",
    "split_text",
    "split_articles",
    "deduplicate",
    "near_duplicate_pairs",
]


def __getattr__(name: str):
    module = _STAGES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
