"""The trained ranker's features: one row per unit of a cluster, read from the
:class:`~summarizer.rank.Context` every method gets, so training and summarizing see the
same units and the same numbers.

Most are what the methods already compute (LexRank, TextRank, the centroid, concepts
weighted by their document frequency as the ILP weighs them, the query relevance), each
made comparable across clusters of any size: a score whose scale depends on the cluster
(a random walk's mass shrinks as 1/n) is divided by the cluster's maximum; shares and
cosines are kept as they are. The
rest are the surface cues trained extractors have used since Kupiec, Pedersen & Chen
(1995, "A trainable document summarizer"): position, length, support across articles,
numbers, quotes.

Deterministic and finite for any context: a constant column (one unit, no query) is 0
or 1, never a division by zero.
"""

from __future__ import annotations

import math
import re

import numpy as np

from ..rank import Context

# name -> what it is, in column order (the model file lists the names it was trained on).
_DOCS: tuple[tuple[str, str], ...] = (
    ("position", "1 / (1 + the earliest sentence index in any article holding the unit)"),
    ("first_sentence", "1 when the unit opens one of its articles"),
    ("relative_position", "its sentence's index / its article's sentence count (0: lead)"),
    ("article_order", "index of the unit's own article / the cluster's article count"),
    ("support", "share of the cluster's articles that hold the unit (or a near copy)"),
    ("length", "words, as the budget counts them"),
    ("length_share", "words / the longest unit's words"),
    ("content_ratio", "its distinct terms (content words: stop words out) / its words"),
    ("lexrank", "LexRank score (no query) / the cluster's maximum"),
    ("textrank", "TextRank score / the cluster's maximum"),
    ("centroid", "cosine with the cluster centroid (the centroid method's score)"),
    ("term_df_mean", "mean over its terms of the share of the articles holding them"),
    ("term_df_max", "the largest of those shares"),
    ("term_sum", "total article count of its terms held by 2+ articles / cluster max"),
    ("query", "query relevance / the cluster's maximum; 0 without a query"),
    ("has_number", "1 when the unit has a digit"),
    ("has_quote", "1 when the unit has a quotation mark"),
    ("articles", "log(1 + the cluster's article count)"),
    ("units", "log(1 + the cluster's unit count)"),
)

FEATURES: tuple[str, ...] = tuple(name for name, _ in _DOCS)
DESCRIPTIONS: dict[str, str] = dict(_DOCS)

_DIGIT = re.compile(r"\d")
_QUOTE = re.compile("[\"\u201c\u201d\u201e\u00ab\u00bb]|``|''")


def feature_matrix(ctx: Context) -> np.ndarray:
    """The (units x :data:`FEATURES`) float64 matrix of ``ctx``'s units; all finite."""
    n = len(ctx.units)
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    columns = {**_position(ctx), **_surface(ctx), **_centrality(ctx), **_concepts(ctx)}
    columns["query"] = _by_max(ctx.query.relevance) if ctx.query is not None else np.zeros(n)
    columns["articles"] = np.full(n, math.log1p(ctx.n_articles))
    columns["units"] = np.full(n, math.log1p(n))
    F = np.column_stack([np.asarray(columns[name], dtype=np.float64) for name in FEATURES])
    return np.nan_to_num(F, nan=0.0, posinf=0.0, neginf=0.0)


def _by_max(values) -> np.ndarray:
    """``values`` over their maximum (zeros when none is positive)."""
    values = np.asarray(values, dtype=np.float64)
    top = values.max() if len(values) else 0.0
    return values / top if top > 0 else np.zeros(len(values))


def _position(ctx: Context) -> dict[str, np.ndarray]:
    """Where the units stand: their earliest place in any article of their support."""
    units = ctx.units
    size: dict[int, int] = {}  # article -> sentences, as the units' support shows them
    for u in units:
        for a, p in u.support:
            size[a] = max(size.get(a, 0), p + 1)
    earliest = np.array([min(p for _, p in u.support) for u in units], dtype=np.float64)
    own = np.array([size[u.article] for u in units], dtype=np.float64)
    n_articles = max(ctx.n_articles, 1)
    return {
        "position": 1.0 / (1.0 + earliest),
        "first_sentence": (earliest == 0).astype(np.float64),
        "relative_position": np.array([u.position for u in units]) / own,
        "article_order": np.array([u.article for u in units], dtype=np.float64) / n_articles,
        "support": np.array([u.n_articles for u in units], dtype=np.float64) / n_articles,
    }


def _surface(ctx: Context) -> dict[str, np.ndarray]:
    """Length, numbers and quotes."""
    lengths = np.asarray(ctx.lengths, dtype=np.float64)
    texts = [u.text for u in ctx.units]
    return {
        "length": lengths,
        "length_share": _by_max(lengths),
        "has_number": np.array([bool(_DIGIT.search(t)) for t in texts], dtype=np.float64),
        "has_quote": np.array([bool(_QUOTE.search(t)) for t in texts], dtype=np.float64),
    }


def _centrality(ctx: Context) -> dict[str, np.ndarray]:
    """The scorers' own scores: LexRank and TextRank (their walks' mass shrinks with the
    cluster, so over the maximum) and the centroid cosine (already on one scale). LexRank
    is the generic one: the query has a column of its own."""
    from ..config import RankConfig
    from ..rank import centroid, lexrank, textrank

    config = ctx.config or RankConfig()
    return {
        "lexrank": _by_max(lexrank.score(ctx.X, ctx.units, config, None)),
        "textrank": _by_max(textrank.score(ctx.X, ctx.units, config, None)),
        "centroid": centroid.score(ctx.X, ctx.units, config, None),
    }


def _concepts(ctx: Context) -> dict[str, np.ndarray]:
    """Concept weights in the manner of the ILP's (:mod:`summarizer.rank.ilp`: a concept
    weighs the number of articles that hold it), on the units' terms (:func:`_terms`).
    The ILP's own concepts, word bigrams, need every unit tokenized again: 2.5 ms of a
    duc2003 cluster, where the whole ranker may add 8 ms (20%) to LexRank's 40."""
    import scipy.sparse as sp

    n = len(ctx.units)
    T = _terms(ctx)
    held = [(a, i) for i, u in enumerate(ctx.units) for a in {a for a, _ in u.support}]
    S = sp.csr_matrix((np.ones(len(held)), tuple(zip(*held))),
                      shape=(max(a for a, _ in held) + 1, n))
    df = np.bincount((S @ T).indices, minlength=T.shape[1]).astype(np.float64)
    count = np.diff(T.indptr)
    weight = df[T.indices]  # per (unit, term) entry, row by row
    top = np.zeros(n)
    if len(weight):
        top[count > 0] = np.maximum.reduceat(weight, T.indptr[:-1][count > 0])
    shared = np.asarray(T @ np.where(df >= 2, df, 0.0)).ravel()
    size = max(ctx.n_articles, 1)
    return {
        "content_ratio": _ratio(count.astype(np.float64), np.asarray(ctx.lengths, float)),
        "term_df_mean": _ratio(np.asarray(T @ df).ravel(), count.astype(np.float64)) / size,
        "term_df_max": top / size,
        "term_sum": _by_max(shared),
    }


def _terms(ctx: Context):
    """Units x terms, 1 where a unit has the term: the columns of the unit vectors when
    they are sparse (TF-IDF: the content words, stop words out and stemmed, as
    ``ctx.tokens`` has them, found once already), else the words of ``ctx.tokens``."""
    import scipy.sparse as sp

    if sp.issparse(ctx.X):
        T = sp.csr_matrix(ctx.X, dtype=np.float64, copy=True)
        T.eliminate_zeros()
        T.data[:] = 1.0
        return T
    ids: dict = {}
    rows, cols = [], []
    for i, words in enumerate(ctx.tokens):
        for w in dict.fromkeys(words):
            rows.append(i)
            cols.append(ids.setdefault(w, len(ids)))
    return sp.csr_matrix((np.ones(len(rows)), (rows, cols)),
                         shape=(len(ctx.units), max(len(ids), 1)))


def _ratio(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a / b``, 0 where ``b`` is 0."""
    return np.divide(a, b, out=np.zeros(len(a)), where=b > 0)
