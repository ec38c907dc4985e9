"""Systems under evaluation: any config, the baselines, and the peers.

A :class:`SystemSpec` is plain, picklable data (name, kind, config) so worker processes
can build the system themselves; :func:`build` turns it into a callable
``cluster -> Output``. The spec's :meth:`~SystemSpec.key` names everything its output
depends on, which is what the result cache is keyed by.

Names on the command line (``--systems default,lead,oracle``):

* ``default``: the ``--config`` (or the dataset's own config from ``configs/``);
* a path to a YAML config: that config, named after the file;
* baselines: ``lead``, ``lead-rr``, ``random``, ``oracle`` (see :mod:`.baselines`);
* peers: ``sumy-lexrank``, ``sumy-textrank``, ``lexrank`` (see :mod:`.peers`).

Baselines and peers use the base config's cleaning, splitting and word budget, so every
system is compared at the same length on the same sentences.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..config import Config, load_config
from ..documents import Cluster
from ..errors import UsageError
from .protocols import Protocol, cut

BASELINES = ("lead", "lead-rr", "random", "oracle")
PEERS = {"sumy-lexrank": "sumy", "sumy-textrank": "sumy", "lexrank": "lexrank"}


@dataclass(frozen=True, eq=False)
class SystemSpec:
    name: str
    kind: str  # "config", "baseline" or "peer"
    config: Config
    source: str = ""  # the config file it came from, for reports

    def key(self) -> str:
        """Everything the system's output depends on, hashed (not its name: two names for
        one config share results)."""
        cfg = self.config.model_dump(mode="json")
        if self.kind == "config":
            cfg.pop("evaluate", None)
            cfg.pop("output", None)
            cfg.pop("parallel", None)  # where the work runs, not what it computes
            parts = {"kind": "config", "config": cfg}
        else:
            parts = {"kind": self.kind, "name": self.name, "clean": cfg["clean"],
                     "split": cfg["split"], "words": cfg["select"]["words"],
                     "seed": cfg["evaluate"]["seed"]}
        blob = json.dumps(parts, sort_keys=True)
        prefix = "config" if self.kind == "config" else self.name
        return f"{prefix}-{hashlib.sha256(blob.encode()).hexdigest()[:12]}"


@dataclass
class Output:
    text: str
    unsupported: float | None = None  # unsupported names/numbers per 100 words (refined text)


def parse_systems(names: str | list[str], base: Config, base_source: str = "",
                  overrides: list[str] | None = None) -> list[SystemSpec]:
    """``"default,lead,configs/embeddings.yaml"`` -> specs (order kept, duplicates an
    error). ``overrides`` (``--set``) apply to every config system."""
    if isinstance(names, str):
        names = [n.strip() for n in names.split(",") if n.strip()]
    if not names:
        raise UsageError("--systems: name at least one system")
    specs, seen = [], set()
    for name in names:
        if name == "default":
            spec = SystemSpec("default", "config", base, base_source)
        elif name in BASELINES:
            spec = SystemSpec(name, "baseline", base, base_source)
        elif name in PEERS:
            from .peers import require

            require(PEERS[name], name)
            spec = SystemSpec(name, "peer", base, base_source)
        elif name.endswith((".yaml", ".yml")):
            if not Path(name).exists():
                raise UsageError(f"system config {name!r} not found")
            spec = SystemSpec(Path(name).stem, "config", load_config(name, overrides or []), name)
        else:
            raise UsageError(f"unknown system {name!r}; use default, a config .yaml path, "
                             f"{', '.join(BASELINES)}, or {', '.join(PEERS)}")
        if spec.name in seen:
            raise UsageError(f"system {spec.name!r} named twice")
        seen.add(spec.name)
        specs.append(spec)
    return specs


def _budget(config: Config, protocol: Protocol) -> int:
    return config.select.words or protocol.limit_words or 100


def _sentences(cluster: Cluster, config: Config):
    from ..clean import clean_cluster
    from ..split import split_articles

    cleaned, _ = clean_cluster(cluster, config.clean)
    return cleaned.articles, split_articles(cleaned.articles, config.split)


def _refined_rate(summary) -> float:
    """Unsupported names/numbers per 100 words of refined text (0 for extracts, which
    copy source sentences)."""
    if summary.refined is None:
        return 0.0
    from ..guard import unsupported_rate

    return unsupported_rate(summary)


def build(spec: SystemSpec, protocol: Protocol) -> Callable[[Cluster], Output]:
    """A callable that summarizes one cluster (models and parameters loaded once)."""
    cfg = spec.config
    if spec.kind == "config":
        from ..pipeline import Pipeline

        pipeline = Pipeline(cfg)

        def run_config(cluster: Cluster) -> Output:
            summary = pipeline.summarize(cluster)
            return Output(summary.text, _refined_rate(summary))

        return run_config

    words = _budget(cfg, protocol)
    if spec.kind == "baseline":
        from . import baselines

        def run_baseline(cluster: Cluster) -> Output:
            articles, sentences = _sentences(cluster, cfg)
            if spec.name == "lead":
                lines = baselines.lead(sentences, articles, words)
            elif spec.name == "lead-rr":
                lines = baselines.lead_round_robin(sentences, words)
            elif spec.name == "random":
                lines = baselines.random_baseline(sentences, words, seed=cfg.evaluate.seed)
            else:
                # The references as the protocol scores them (duc/tac cut them to the
                # word limit): words it never sees must not steer the oracle.
                refs = [cut(r.text, protocol) if protocol.cut_references else r.text
                        for r in cluster.references]
                lines = baselines.oracle(sentences, refs, words, measure=protocol.measure,
                                         stemming=protocol.stemming)
            return Output("\n".join(lines), 0.0)

        return run_baseline

    from . import peers

    def run_peer(cluster: Cluster) -> Output:
        _, sentences = _sentences(cluster, cfg)
        texts = [s.text for s in sentences]
        if not texts:
            return Output("", 0.0)
        if spec.name == "lexrank":
            scores = peers.lexrank_scores(texts)
        else:
            scores = peers.sumy_scores(texts, spec.name.split("-", 1)[1])
        return Output("\n".join(peers.top_sentences(texts, scores, words)), 0.0)

    return run_peer
