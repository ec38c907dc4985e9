"""The name -> implementation tables of the stages: the config checks every name against
them (in one place, :meth:`summarizer.config.Config._known_names`), the CLI lists them,
the stages build from them. An entry is ``"module:attribute"``, imported when it is used,
so reading a table imports no stage. Adding an implementation is one module and one row.
The summarization methods' table, whose rows also carry a kind and a description, is
``summarizer.rank.METHODS``.
"""

from __future__ import annotations

from .registry import Table

SPLITTERS = Table("splitter", {"punkt": "summarizer.split:PunktSplitter"})
SELECTORS = Table("selector", {"mmr": "summarizer.select:mmr",
                               "topk": "summarizer.select:topk"})
SIMILARITY = Table("similarity backend",
                   {"embeddings": "summarizer.similarity.embeddings:EmbeddingBackend",
                    "tfidf": "summarizer.similarity.tfidf:TfidfBackend"})
