"""A query's relevance to each sentence, for query-focused summaries.

The relevance of Otterbacher, Erkan & Radev (2005): rel(s | q) = sum over the query's
words w of log(1 + tf(w, s)) * log(1 + tf(w, q)) * idf(w), with idf over the cluster's
sentences (the units), on the same words TF-IDF compares (the language's stop words
removed, stemmed), and idf(w) = log((N + 1) / (0.5 + sf(w))) for N sentences of which
sf(w) contain w, as they define it.

A cluster asked for its topic (``query.from_topic``) that has none (no ``topic_title`` or
``topic_narrative``) gets the generic summary, with a warning in the ``summarizer`` log.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from typing import Sequence

import numpy as np

from ..documents import Unit


def query_text(config, meta: dict) -> str | None:
    """The query a cluster is summarized for: ``query.text``, else with
    ``query.from_topic`` the cluster's topic (``topic_title`` and ``topic_narrative``,
    as DUC 2005-2007 give them), else None."""
    if config.text and config.text.strip():
        return config.text.strip()
    if config.from_topic:
        parts = [str(meta.get(k) or "").strip() for k in ("topic_title", "topic_narrative")]
        text = " ".join(p for p in parts if p)
        if not text:
            logging.getLogger("summarizer").warning(
                "query.from_topic: the cluster has no topic_title or topic_narrative; "
                "summarizing it without a query")
        return text or None
    return None


def relevance(units: Sequence[Unit], query: str, language) -> np.ndarray:
    """rel(s | q) for every unit (see the module docstring); zeros when no word of the
    query occurs in the cluster."""
    from ..text import tokenize

    docs = [Counter(tokenize(u.text, language)) for u in units]
    q = Counter(tokenize(query, language))
    n = len(docs)
    df = Counter(w for d in docs for w in d.keys() & q.keys())
    idf = {w: math.log((n + 1) / (df[w] + 0.5)) for w in q if df[w]}
    out = np.zeros(n)
    for i, d in enumerate(docs):
        out[i] = sum(math.log1p(d[w]) * math.log1p(q[w]) * idf[w] for w in idf if d[w])
    return out


def make_query(config, meta: dict, units: Sequence[Unit], language):
    """The :class:`~summarizer.rank.Query` for a cluster, or None without one."""
    from . import Query

    text = query_text(config, meta)
    if text is None:
        return None
    return Query(text, relevance(units, text, language), config.bias, config.weight)
