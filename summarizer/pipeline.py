"""Wire the stages together: Cluster -> clean -> split -> dedup -> vectors -> the method's
choice under the budget (rank.pick: rank and select in one step) -> (refine) -> Summary.

``Pipeline(config)`` builds its parts once (so a model is loaded once per process) and
``Pipeline.summarize(cluster)`` is a pure function of the cluster after that.
``Pipeline.summarize_many(clusters)`` refines in batches across clusters.
``Pipeline.candidates(cluster)`` is what a method sees (the trained ranker learns from it).
"""

from __future__ import annotations

import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from .ingest.clean import clean_cluster
from .config import Config
from .ingest.dedup import deduplicate
from .documents import Article, Cluster, Sentence, Summary, Unit
from .errors import InputError
from .extras import require_extras
from .language import resolve as resolve_language
from .parallel import workers_for
from .rank import Context, context, pick
from .rank.query import make_query
from .similarity import EmbeddingBackend, make_backend
from .ingest.split import split_articles
from .text import word_count


@dataclass
class Prepared:
    """The first half of every system: the cluster's language, its articles cleaned in
    that language (and what cleaning dropped), their sentences split in it."""

    cluster: Cluster
    language: object  # language.Detection
    articles: list[Article]
    dropped: list
    sentences: list[Sentence]
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class Candidates:
    """What a method sees for one cluster (:meth:`Pipeline.candidates`): the prepared
    cluster, the rank :class:`~summarizer.rank.Context` of its units, and the units the
    prefilter left out (``rank.max_sentences``; they are never ranked)."""

    prepared: Prepared
    ctx: Context
    dropped_units: list[Unit]

    @property
    def units(self) -> Sequence[Unit]:
        return self.ctx.units

    @property
    def X(self):
        return self.ctx.X


@contextmanager
def _timed(timings: dict[str, float], stage: str):
    """Time a stage; a stage timed in two pieces (``select``: its context, then the
    method's choice) gets their sum."""
    start = time.perf_counter()
    yield
    timings[stage] = round(timings.get(stage, 0.0) + time.perf_counter() - start, 6)


def prepare(cluster: Cluster, config: Config) -> Prepared:
    """Language, clean, split: the one first half that our configs, the baselines, the
    oracle and the peers all run (so a baseline outside English sees the sentences our
    system sees). A cluster with no text left, or no sentence, is an InputError."""
    timings: dict[str, float] = {}
    workers = workers_for(config.parallel, sum(len(a.text) for a in cluster.articles))
    with _timed(timings, "language"):
        detected = resolve_language(config.language, [a.text for a in cluster.articles],
                                    cluster.meta.get("language"))
    lang = detected.language
    with _timed(timings, "clean"):
        cleaned, dropped = clean_cluster(cluster, config.clean, workers, language=lang)
    articles = cleaned.articles
    if not articles:
        raise InputError(f"cluster {cluster.id!r}: no article has text left after cleaning")
    with _timed(timings, "split"):
        sentences = split_articles(articles, config.split, workers, language=lang)
    if not sentences:
        raise InputError(f"cluster {cluster.id!r}: no sentences found")
    return Prepared(cluster, detected, articles, dropped, sentences, timings)


class Pipeline:
    """The configured summarizer; cheap to call repeatedly on many clusters."""

    def __init__(self, config: Config | None = None):
        self.config = config or Config()
        require_extras(self.config)
        self.backend = make_backend(self.config.similarity)
        from .rank import METHODS

        method = METHODS.get(self.config.rank.method)
        if hasattr(method, "setup"):  # a method's own file (a trained model): read now
            method.setup(self.config)
        self._embedder = None
        self._refine = None
        if self.config.refine.enabled:
            from .refine import load_generator, refine_summaries

            # a missing model or a server that is down fails here, before any work
            load_generator(self.config.refine)
            self._refine = refine_summaries

    def _embed(self, texts: list[str]):
        if self._embedder is None:
            self._embedder = EmbeddingBackend(**self.config.similarity.embeddings.model_dump())
        return self._embedder.vectors(texts)

    def summarize(self, cluster: Cluster) -> Summary:
        """The summary of one cluster (refined when the config says so)."""
        return self.summarize_many([cluster])[0]

    def summarize_each(self, clusters):
        """(cluster, Summary or the SummarizerError it raised) for each cluster, in order,
        so one bad cluster costs only itself. With a transformers model, clusters go to it
        ``refine.transformers.batch_size`` at a time (a batch that fails is redone one by
        one); with a server, each cluster is extracted and sent in one of
        ``refine.openai.concurrency`` threads (:func:`summarizer.parallel.map_ordered`)."""
        from itertools import islice

        from .parallel import map_ordered
        from .errors import SummarizerError

        def one(cluster):
            try:
                return cluster, self.summarize(cluster)
            except SummarizerError as e:
                return cluster, e

        refine = self.config.refine
        if self._refine is not None and refine.backend == "openai":
            yield from map_ordered(one, clusters, refine.openai.concurrency)
            return
        it = iter(clusters)
        size = refine.transformers.batch_size if self._refine is not None else 1
        while batch := list(islice(it, size)):
            try:
                results = self.summarize_many(batch)
            except SummarizerError as e:
                results = [e] if len(batch) == 1 else [one(c)[1] for c in batch]
            yield from zip(batch, results)

    def summarize_many(self, clusters: list[Cluster]) -> list[Summary]:
        """Summaries of ``clusters`` in order; refinement runs on all of them together
        (a transformers model in batches of ``refine.transformers.batch_size``, a server
        ``refine.openai.concurrency`` at a time), its time shared out evenly. The first
        cluster's error, if any, is raised."""
        extracted = [self.extract(c) for c in clusters]
        summaries = [s for s, _ in extracted]
        if self._refine is None or not summaries:
            return summaries
        start = time.perf_counter()
        refined = self._refine(summaries, self.config.refine, units=[u for _, u in extracted])
        share = round((time.perf_counter() - start) / len(refined), 6)
        for s in refined:
            s.timings["refine"] = share
        return refined

    def candidates(self, cluster: Cluster) -> Candidates:
        """What a method sees for ``cluster``: prepare -> dedup -> vectors (-> the
        prefilter above ``rank.max_sentences``) -> the rank :class:`~summarizer.rank.Context`
        (units, vectors, budget, fragment rules, priors, query). :meth:`extract` chooses
        from it; training reads its features from it, so both see the same units."""
        cfg = self.config
        prepared = prepare(cluster, cfg)
        timings, lang = prepared.timings, prepared.language.language
        with _timed(timings, "dedup"):
            units = deduplicate(prepared.sentences, cfg.dedup, embed=self._embed)
        with _timed(timings, "similarity"):
            X = self.backend.vectors([u.text for u in units], language=lang)
        dropped_units: list = []
        if cfg.rank.max_sentences is not None and len(units) > cfg.rank.max_sentences:
            from .rank import prefilter

            with _timed(timings, "prefilter"):
                keep = prefilter(X, units, cfg.rank)
                kept = set(keep.tolist())
                dropped_units = [u for i, u in enumerate(units) if i not in kept]
                logging.getLogger("summarizer").warning(
                    "cluster %r: %d sentences after dedup, above rank.max_sentences=%d; "
                    "ranking the %d most central (centroid similarity x priors), %d dropped",
                    cluster.id, len(units), cfg.rank.max_sentences, len(keep), len(dropped_units))
                units = [units[i] for i in keep]
                X = X[keep]
        query = make_query(cfg.query, cluster.meta, units, lang)
        with _timed(timings, "select"):
            ctx = context(units, X, cfg, lang, query)
        return Candidates(prepared, ctx, dropped_units)

    def extract(self, cluster: Cluster) -> tuple[Summary, list]:
        """The extractive summary and the cluster's units, best first."""
        cfg = self.config
        found = self.candidates(cluster)
        prepared, units = found.prepared, found.units
        timings, lang = prepared.timings, prepared.language.language
        with _timed(timings, "select"):
            chosen, scores, notes = pick(units, found.X, prepared.articles, cfg, lang,
                                         found.ctx.query, ctx=found.ctx)
        for note in notes:
            logging.getLogger("summarizer").warning("cluster %r: %s", cluster.id, note)
        if not chosen:
            raise InputError(f"cluster {cluster.id!r}: {_why_empty(units, cfg, notes)}")
        summary = Summary(cluster_id=cluster.id, sentences=chosen, articles=prepared.articles,
                          dropped=prepared.dropped, timings=timings,
                          config=cfg.shown(), language=prepared.language,
                          notes=notes, article_sentences=prepared.sentences)
        ranked = [units[i] for i in np.argsort(-np.asarray(scores), kind="stable")]
        return summary, ranked + found.dropped_units


def _why_empty(units: list, cfg: Config, notes: list[str]) -> str:
    """Why the method chose nothing, on one line: no sentence fits the budget on its own,
    or only sentences the fragment rules refuse do, or the method's own reason."""
    from .budget import Budget, Used
    from .select import eligibility

    budget = Budget.from_config(cfg.select, sum(word_count(u.text) for u in units))
    fits = np.array([budget.fits(Used(), u.text) for u in units], dtype=bool)
    if not fits.any():
        shortest = min(word_count(u.text) for u in units)
        return (f"no sentence fits the budget ({_budget(cfg.select)}); the shortest of its "
                f"{len(units)} sentences has {shortest} words")
    rules = eligibility(units, cfg.select)
    may = rules.formed | rules.last
    if notes:
        why = "; ".join(notes)
    elif may.any() and not (fits & may).any():
        why = "the sentences that fit read badly out of context (select's fragment rules)"
    else:
        why = "none adds to its objective"
    return f"rank.method {cfg.rank.method} chose no sentence of {len(units)} ({why})"


def _budget(select_config) -> str:
    limits = {"words": select_config.words, "sentences": select_config.sentences,
              "bytes": select_config.bytes, "ratio": select_config.ratio}
    return ", ".join(f"{k}={v}" for k, v in limits.items() if v is not None)


def summarize_cluster(cluster: Cluster, config: Config | None = None) -> Summary:
    """One-shot convenience: build a Pipeline and summarize one cluster."""
    return Pipeline(config).summarize(cluster)
