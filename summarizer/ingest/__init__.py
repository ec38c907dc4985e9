"""Ingest: files, folders, cluster files and stdin -> :class:`~summarizer.documents.Cluster`.

``read_path("data/seed-cluster")`` returns one cluster per event. Formats: ``.txt`` and
``.md`` (first line is the title), ``.html``/``.htm`` (trafilatura), ``.json``/``.jsonl``
(article objects, unified cluster records, or Multi-News raw records), and ``-`` for stdin.
See :mod:`.files` for folder layouts and :mod:`.formats` for the record formats.
"""

from .decode import Unreadable, decode_bytes, read_text
from .files import read_path
from .formats import (
    cluster_from_multinews,
    cluster_from_unified,
    parse_html,
    parse_json,
    parse_jsonl,
    parse_text,
)

__all__ = [
    "read_path",
    "read_text",
    "decode_bytes",
    "Unreadable",
    "parse_text",
    "parse_html",
    "parse_json",
    "parse_jsonl",
    "cluster_from_unified",
    "cluster_from_multinews",
]
