"""The one-call Python entry point, :func:`summarize`; a thin door onto
:class:`~summarizer.pipeline.Pipeline` like the CLI.

>>> from summarizer import summarize
>>> summary = summarize("examples/harbor-bridge", words=60)
>>> print(summary.text)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Union

from .config import Config, load_config
from .documents import Article, Cluster, Summary
from .errors import InputError

Source = Union[str, Path, Cluster, Iterable[Union[str, Article]]]


def _cluster(source: Source, config: Config) -> Cluster:
    """One cluster from a path, a Cluster, or a list of texts or Articles."""
    if isinstance(source, Cluster):
        return source
    if isinstance(source, (str, Path)):
        from .ingest import read_path

        if str(source) != "-" and not Path(source).exists():
            raise InputError(f"input not found: {source} (to summarize texts, pass a list "
                             "of strings)")
        clusters = read_path(source, config.ingest)
        if len(clusters) > 1:
            raise InputError(f"{source} holds {len(clusters)} clusters; summarize() takes one "
                             "(use read_path() and Pipeline.summarize_many() for many)")
        return clusters[0]
    articles = []
    for i, item in enumerate(source, 1):
        if isinstance(item, Article):
            articles.append(item)
        elif isinstance(item, str):
            articles.append(Article(id=f"doc{i}", text=item))
        else:
            raise InputError(f"item {i} of the source is a {type(item).__name__}; expected "
                             "a string or an Article")
    if not any(a.text.strip() for a in articles):
        raise InputError("no article has text")
    return Cluster(id="cluster", articles=articles)


def resolve(config: Config | str | Path | None = None, words: int | None = None,
            method: str | None = None, query: str | None = None,
            **overrides: Any) -> Config:
    """A validated Config from ``config`` (a Config, a YAML path or a shipped name such as
    ``"duc"``, or None for the defaults) with ``overrides``, then ``words``
    (``select.words``), ``method`` (``rank.method``) and ``query`` (``query.text``) applied.

    Overrides are sections (``rank={"method": "textrank"}``) or dotted keys passed as
    ``**{"rank.method": "textrank"}``; they go the way ``--set`` goes
    (:func:`summarizer.config.apply_overrides`), so a bad key or value is the same one
    ConfigError line as on the command line."""
    named = {"select.words": words, "rank.method": method, "query.text": query}
    items = {**overrides, **{k: v for k, v in named.items() if v is not None}}
    if isinstance(config, Config):
        return config.with_overrides(items)
    return load_config(config, items)


def summarize(source: Source, words: int | None = None,
              config: Config | str | Path | None = None, method: str | None = None,
              query: str | None = None, **overrides: Any) -> Summary:
    """Summarize one cluster of articles.

    Args:
        source: a folder of article files, one file (article or one-cluster file), a
            :class:`~summarizer.documents.Cluster`, or a list of article texts or
            :class:`~summarizer.documents.Article` objects.
        words: the word budget (``select.words``); None keeps the config's (100 in the
            built-in defaults).
        config: a :class:`~summarizer.config.Config`, a YAML file, a shipped config name
            (``"duc"``, ``"multinews"``, ...) or None for the defaults.
        method: a method of ``summarizer.rank.METHODS`` (``"lexrank"``, ``"ilp"``...).
        query: summarize for this question or topic (``query.text``).
        **overrides: config sections or dotted keys, e.g. ``rank={"method": "textrank"}``,
            ``language="fr"``.

    Returns:
        The :class:`~summarizer.documents.Summary`; ``summary.to_dict()`` is the CLI's JSON.

    Raises:
        ConfigError, InputError (both :class:`~summarizer.errors.UsageError`) for a bad
        config or an input with nothing to summarize.
    """
    from .pipeline import Pipeline

    cfg = resolve(config, words, method, query, **overrides)
    return Pipeline(cfg).summarize(_cluster(source, cfg))


def summarize_to(source, out_dir: str | Path, config: Config | str | Path | None = None,
                 words: int | None = None, executor: str = "local",
                 address: str | None = None, jobs: int | None = None,
                 progress: bool = False, method: str | None = None, **overrides: Any):
    """Summarize every cluster of ``source`` into one file per cluster in ``out_dir``
    (``<cluster id>.txt``, ``.md`` or ``.json`` by ``output.format``; names from
    :func:`summarizer.fileio.unique_names`), each written atomically; the CLI's
    ``summarize SOURCE... --out-dir``.

    Args:
        source: a path or a list of paths: cluster files (JSONL), folders (of cluster
            folders), or glob patterns such as ``"archive/*.jsonl"``.
        out_dir: the output folder; with ``executor="ray"`` on a cluster, a path every
            node can write (a shared file system).
        config, words, method, **overrides: as for :func:`summarize`.
        executor: ``"local"`` (this process) or ``"ray"`` (a pool of Ray actors, each
            building its pipeline once; needs the ``ray`` extra).
        address: the Ray cluster (``"auto"``, ``"ray://host:10001"``); None starts a
            local one (or uses the session already started by ``ray.init``).
        jobs: at most this many Ray actors (default: one per CPU, or per GPU when
            refining on a GPU).

    Returns:
        An :class:`~summarizer.executors.Outcome`: ``written`` (ids), ``failed``
        (id, reason per cluster that could not be summarized; the others are still
        written), ``skipped`` (records that could not be read) and ``ok``.
    """
    from .executors import get_executor

    cfg = resolve(config, words, method, **overrides)
    return get_executor(executor, address, jobs).summarize_to(source, out_dir, cfg,
                                                              progress=progress)
