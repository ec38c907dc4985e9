"""Systems under evaluation: any config, the baselines, and the peers.

A :class:`SystemSpec` is plain, picklable data (name, kind, config) so worker processes
can build the system themselves; :func:`build` turns it into a callable
``cluster -> Output``. The spec's :meth:`~SystemSpec.key` names everything its output
depends on, which is what the result cache is keyed by.

Every name ``--systems`` takes is a row of :data:`SYSTEMS`, a :class:`~summarizer.registry.Table`
(``default``, the baselines of :mod:`.baselines`, the peers of :mod:`.peers`,
``participants``), or matches the pattern of one (``dir:FOLDER``, ``PATH.yaml``); the CLI's
help and the unknown-name error are read from it. Adding a baseline or a peer is one
function and one row.

* every summarization method of :data:`summarizer.rank.METHODS` by its name
  (``sumbasic``, ``ilp``...; the base config with ``rank.method`` set), and any as
  ``method:NAME`` (``method:lexrank``, since ``lexrank`` names the lexrank package peer);
* ``dir:FOLDER`` is the summaries someone else made, one ``<cluster id>.txt`` per cluster,
  labelled ``dir:<folder name>``; a cluster without its file is an error naming it. The
  file is found by name among the folder's entries, never by joining an id to a path:
  the name :func:`~summarizer.fileio.unique_names` gives the id among the dataset's ids
  (as ``summarize --out-dir`` and a report's ``summaries/<system>/`` name their files,
  so ``a/b`` is ``a_b.txt``), else ``<id>.txt``. A link out of the folder, a FIFO or a
  device is never read;
* ``participants`` is every participant folder a named dataset ships (the MultiLing 2011
  sets: ``multiling2011/peers/<language>/ID*``), each a ``dir:`` system labelled by its
  folder name, a topline (an upper bound built from the references, not a peer) as
  ``ID10 (topline)``. It is expanded by the runner, which knows the dataset.

Baselines and peers use the base config's cleaning, splitting and word budget, so every
system is compared at the same length on the same sentences. A ``dir:`` system's text is
used as it is; the protocol's cut applies to it as to every system.

This module imports no stage at import time, only the method table (the CLI reads
:data:`SYSTEMS` to build its ``--help``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..documents import Cluster
from ..errors import InputError, UsageError
from ..rank import METHODS
from ..registry import Entry, Table

if TYPE_CHECKING:
    from ..budget import Budget
    from ..config import Config
    from .protocols import Protocol

DIR_PREFIX = "dir:"
METHOD_PREFIX = "method:"
PARTICIPANTS = "participants"


@dataclass(frozen=True, eq=False)
class SystemSpec:
    name: str
    kind: str  # "config", "baseline", "peer", "dir" or "participants" (expanded by the runner)
    config: Config
    source: str = ""  # the config file it came from (a dir system: its folder), for reports
    digest: str = ""  # a dir system: hash of its summary of each cluster (check_dir_systems)
    role: str = ""  # "topline" for an upper bound that is not a peer
    summaries: dict[str, str] | None = None  # a dir system: cluster id -> its summary file

    def key(self) -> str:
        """Everything the system's output depends on, hashed (not its name: two names for
        one config share results)."""
        cfg = self.config.model_dump(mode="json")
        if self.kind == "dir":
            # Its summaries are its files: nothing in the config changes them.
            parts = {"kind": "dir", "digest": self.digest}
        elif self.kind == "config":
            cfg.pop("evaluate", None)
            cfg.pop("output", None)
            cfg.pop("parallel", None)  # where the work runs, not what it computes
            cfg["refine"].pop("cache", None)  # whether answers are reused, not what they are
            for k in OPERATIONAL_SERVER:  # how the server is reached, not what it writes
                cfg["refine"]["openai"].pop(k, None)
            parts = {"kind": "config", "config": cfg}
            if self.config.rank.method == "learned":  # a model retrained at the same path
                from ..rank.learned import model_for

                parts["model"] = model_for(self.config.rank.learned.model).digest
        else:
            budget = {k: cfg["select"][k] for k in ("words", "sentences", "bytes", "ratio")}
            # what prepare() reads (the language, cleaning, splitting) and the budget
            parts = {"kind": self.kind, "name": self.name, "language": cfg["language"],
                     "clean": cfg["clean"], "split": cfg["split"], "budget": budget,
                     "seed": cfg["evaluate"]["seed"]}
        blob = json.dumps(parts, sort_keys=True)
        prefix = self.kind if self.kind in ("config", "dir") else self.name
        return f"{prefix}-{hashlib.sha256(blob.encode()).hexdigest()[:12]}"


# refine.openai settings that change how answers arrive, never their text. (base_url stays
# in the key: the server there decides the context and the tokenizer the prompt is fitted by.)
OPERATIONAL_SERVER = ("api_key_env", "timeout", "concurrency", "retries", "backoff",
                      "cache_dir")


@dataclass
class Output:
    text: str
    unsupported: float | None = None  # unsupported names/numbers per 100 words (refined text)


def summary_files(folder: Path) -> tuple[dict[str, Path], dict[str, str]]:
    """The ``*.txt`` entries of a dir system's folder, by file name: those that are
    summaries (a regular file, or a link to one inside the folder) and those that are
    not, with why. Found by listing the folder, so a cluster id never becomes a path, and
    a link out of the folder (or to a device, a FIFO) is never read."""
    usable: dict[str, Path] = {}
    refused: dict[str, str] = {}
    root = folder.resolve()
    with os.scandir(folder) as entries:
        for entry in entries:
            if not entry.name.endswith(".txt"):
                continue
            path = Path(entry.path)
            if entry.is_symlink():
                try:
                    path = path.resolve(strict=True)
                except (OSError, RuntimeError):  # dangling, or a loop
                    refused[entry.name] = "a link to nothing"
                    continue
                if not path.is_relative_to(root):
                    refused[entry.name] = "a link out of the folder (not followed)"
                    continue
            if path.is_file():
                usable[entry.name] = path
            elif not entry.is_dir(follow_symlinks=False):
                refused[entry.name] = "not a regular file"
    return usable, refused


def _read_summary(spec: SystemSpec, cluster_id: str, path: str) -> str:
    """The text of a dir system's summary file: a regular file, never read through a link
    at its own name (one swapped in after the folder was listed), at most
    ``ingest.max_file_mb``, UTF-8."""
    from ..config import excerpt
    from ..ingest.decode import Unreadable, read_bytes

    try:
        return read_bytes(path, spec.config.ingest, follow=False).decode("utf-8")
    except (Unreadable, UnicodeDecodeError) as e:
        why = "not UTF-8 text" if isinstance(e, UnicodeDecodeError) else e
        raise InputError(f"system {spec.name}: cannot read the summary of cluster "
                         f"{excerpt(cluster_id)}, {path}: {why}") from None


def dir_system(folder: str | Path, base: Config, name: str | None = None,
               role: str = "") -> SystemSpec:
    """The summaries in ``folder`` as a system; which file is each cluster's is found with
    the dataset (:func:`check_dir_systems`)."""
    path = Path(folder).expanduser()
    if not path.is_dir():
        what = "is not a folder" if path.exists() else "does not exist"
        raise UsageError(f"system {DIR_PREFIX}{folder}: {path} {what} (expected a folder "
                         f"of <cluster id>.txt summaries)")
    try:
        usable = summary_files(path)[0]
    except OSError as e:
        raise UsageError(f"system {DIR_PREFIX}{folder}: cannot read {path} "
                         f"({e.strerror or e})") from None
    if not usable:
        raise UsageError(f"system {DIR_PREFIX}{folder}: no <cluster id>.txt summaries in {path}")
    label = name or f"{DIR_PREFIX}{path.resolve().name}"
    return SystemSpec(label, "dir", base, str(path), role=role)


def participant_systems(dataset, base: Config) -> list[SystemSpec]:
    """Every participant folder of ``dataset`` (a :class:`~.datasets.Dataset`) as a dir
    system, in natural order (ID1, ID2, ..., ID10); toplines labelled ``NAME (topline)``."""
    folder = getattr(dataset, "participants", None)
    if folder is None:
        raise UsageError(f"--systems {PARTICIPANTS}: dataset {dataset.name!r} ships no "
                         "participants' summaries (the multiling2011-* datasets do)")
    if not Path(folder).is_dir():
        raise UsageError(f"--systems {PARTICIPANTS}: {folder} not found for dataset "
                         f"{dataset.name!r}")
    subs = sorted((p for p in Path(folder).iterdir() if p.is_dir()), key=_natural)
    if not subs:
        raise UsageError(f"--systems {PARTICIPANTS}: no participant folders in {folder}")
    toplines = set(getattr(dataset, "toplines", ()))
    return [dir_system(p, base, f"{p.name} (topline)" if p.name in toplines else p.name,
                       "topline" if p.name in toplines else "")
            for p in subs]


def _natural(path: Path):
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", path.name)]


def _default_spec(name, base, base_source, overrides):
    return SystemSpec("default", "config", base, base_source)


def _named_spec(name, base, base_source, overrides):
    """A baseline or a peer: the base config's cleaning, splitting and budget."""
    row = SYSTEMS.entry(name)
    if row.needs:
        from .peers import require

        require(row.needs, name)
    return SystemSpec(name, row.tag, base, base_source)


def _participants_spec(name, base, base_source, overrides):
    return SystemSpec(PARTICIPANTS, "participants", base, base_source)


def _yaml_spec(name, base, base_source, overrides):
    from ..config import load_config

    if not Path(name).exists():
        raise UsageError(f"system config {name!r} not found")
    return SystemSpec(Path(name).stem, "config", load_config(name, overrides or []), name)


def _dir_spec(name, base, base_source, overrides):
    return dir_system(name[len(DIR_PREFIX):], base)


def _method_spec(name, base, base_source, overrides):
    """The base config with another summarization method (``rank.method``)."""
    config = base.with_overrides({"rank.method": name.removeprefix(METHOD_PREFIX)})
    return SystemSpec(name, "config", config, base_source)


def lookup(name: str) -> System:
    """The row of :data:`SYSTEMS` for a name on ``--systems``: the row of that name, else
    the first row whose pattern the name matches."""
    if name in SYSTEMS and not SYSTEMS.entry(name).pattern:
        return SYSTEMS.entry(name)
    for row in SYSTEMS:
        if row.pattern and re.fullmatch(row.pattern, name, re.S):
            return row
    raise UsageError(f"unknown {SYSTEMS.kind} {name!r}; known: {', '.join(SYSTEMS.names())}")


def names_of(family: str) -> list[str]:
    """The names of the rows of one family (``"baseline"``, ``"peer"``, ...), in table
    order."""
    return [row.name for row in SYSTEMS if row.tag == family and not row.pattern]


def parse_systems(names: str | list[str], base: Config, base_source: str = "",
                  overrides: list[str] | None = None) -> list[SystemSpec]:
    """``"default,lead,configs/embeddings.yaml,dir:runs/x"`` -> specs (order kept,
    duplicates an error). ``overrides`` (``--set``) apply to every config system.
    ``participants`` stays one placeholder spec until :func:`expand` sees the dataset."""
    if isinstance(names, str):
        names = [n.strip() for n in names.split(",") if n.strip()]
    if not names:
        raise UsageError("--systems: name at least one system")
    specs = [lookup(name).make(name, base, base_source, overrides) for name in names]
    _no_twice(specs)
    return specs


def _no_twice(specs: list[SystemSpec]) -> None:
    seen = set()
    for spec in specs:
        if spec.name in seen:
            raise UsageError(f"system {spec.name!r} named twice")
        seen.add(spec.name)


def expand(specs: list[SystemSpec], dataset) -> list[SystemSpec]:
    """``participants`` replaced by the dataset's participant systems."""
    if not any(s.kind == "participants" for s in specs):
        return specs
    out = []
    for spec in specs:
        out.extend(participant_systems(dataset, spec.config)
                   if spec.kind == "participants" else [spec])
    _no_twice(out)
    return out


def check_dir_systems(specs: list[SystemSpec], clusters: list[Cluster]) -> list[SystemSpec]:
    """``specs`` with each dir system's summary of every cluster found (:func:`_summaries`),
    before any work: a cluster without one is one line naming a few of the missing ids."""
    from ..fileio import unique_names

    if not any(spec.kind == "dir" for spec in specs):
        return specs
    stems = unique_names([c.id for c in clusters])  # the same for every dir system
    return [_summaries(spec, clusters, stems) if spec.kind == "dir" else spec
            for spec in specs]


def _summaries(spec: SystemSpec, clusters: list[Cluster], stems: list[str]) -> SystemSpec:
    """``spec`` with the file of each cluster (the first of its :func:`unique_names` stem,
    ``stems``, and its id, plus ``.txt``, that the folder lists) and a digest of their
    texts: its cache key, so an edited, added or removed summary is scored again."""
    from ..config import excerpt

    folder = Path(spec.source)
    try:
        usable, refused = summary_files(folder)
    except OSError as e:
        raise InputError(f"system {spec.name}: cannot read {folder} ({e.strerror or e})") from None
    found: dict[str, str] = {}
    missing: list[str] = []
    digest = hashlib.sha256()
    for cluster, stem in zip(clusters, stems):
        listed = [n for n in (f"{stem}.txt", f"{cluster.id}.txt") if n in usable or n in refused]
        if not listed:
            missing.append(cluster.id)
            continue
        if listed[0] in refused:
            raise InputError(f"system {spec.name}: the summary of cluster {excerpt(cluster.id)} "
                             f"in {folder} is {refused[listed[0]]}")
        found[cluster.id] = str(usable[listed[0]])
        text = _read_summary(spec, cluster.id, found[cluster.id])
        digest.update(json.dumps([cluster.id, text]).encode() + b"\n")
    if missing:
        shown = ", ".join(excerpt(i, 60) for i in missing[:5]) + (
            f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise InputError(f"system {spec.name}: {len(missing)} of {len(clusters)} clusters have "
                         f"no summary in {folder} (expected <cluster id>.txt, or the name "
                         f"summarize --out-dir gives it): {shown}")
    return replace(spec, digest=digest.hexdigest()[:16], summaries=found)


def _budget(config: Config, sentences) -> Budget:
    """The budget our pipeline holds itself to (every limit ``select`` sets; a ratio of the
    words of the cluster's sentences), so a baseline or a peer is held to the same."""
    from ..budget import Budget
    from ..text import word_count

    return Budget.from_config(config.select, sum(word_count(s.text) for s in sentences))


def _sentences(cluster: Cluster, config: Config):
    """The articles and sentences our own pipeline sees (:func:`summarizer.pipeline.prepare`)."""
    from ..pipeline import prepare

    prepared = prepare(cluster, config)
    return prepared.articles, prepared.sentences


def _refined_rate(summary) -> float:
    """Unsupported names/numbers per 100 words of refined text (0 for extracts, which
    copy source sentences)."""
    if summary.refined is None:
        return 0.0
    from ..faithfulness import unsupported_rate

    return unsupported_rate(summary)


def _build_config(spec: SystemSpec, protocol: Protocol):
    from ..pipeline import Pipeline

    pipeline = Pipeline(spec.config)

    def run_config(cluster: Cluster) -> Output:
        summary = pipeline.summarize(cluster)
        return Output(summary.text, _refined_rate(summary))

    return run_config


def _lead(cluster, articles, sentences, budget, cfg, protocol):
    from . import baselines

    return baselines.lead(sentences, articles, budget)


def _lead_rr(cluster, articles, sentences, budget, cfg, protocol):
    from . import baselines

    return baselines.lead_round_robin(sentences, budget)


def _random(cluster, articles, sentences, budget, cfg, protocol):
    from . import baselines

    return baselines.random_baseline(sentences, budget, seed=cfg.evaluate.seed)


def _oracle(cluster, articles, sentences, budget, cfg, protocol):
    from . import baselines
    from .protocols import cut

    # The references as the protocol scores them (duc/tac/multiling cut them to the word
    # limit), in the protocol's tokens: words it never sees must not steer the oracle.
    refs = [cut(r.text, protocol) if protocol.cut_references else r.text
            for r in cluster.references]
    return baselines.oracle(sentences, refs, budget, measure=protocol.measure,
                            stemming=protocol.stemming, tokenizer=protocol.tokenizer)


def _peer(score: Callable[[list[str]], list[float]]):
    """A peer's pick: its ratings of the sentences (``score``), then the best-rated
    sentences that fit the budget, in document order."""

    def pick(cluster, articles, sentences, budget, cfg, protocol):
        from .peers import top_sentences

        texts = [s.text for s in sentences]
        return top_sentences(texts, score(texts), budget) if texts else []

    return pick


def _sumy(algorithm: str):
    def score(texts):
        from .peers import sumy_scores

        return sumy_scores(texts, algorithm)

    return score


def _lexrank_package(texts):
    from .peers import lexrank_scores

    return lexrank_scores(texts)


def _build_extract(spec: SystemSpec, protocol: Protocol):
    """A baseline or a peer: its row's pick on the cleaned, split sentences."""
    cfg, pick = spec.config, SYSTEMS.get(spec.name)

    def run_extract(cluster: Cluster) -> Output:
        articles, sentences = _sentences(cluster, cfg)
        budget = _budget(cfg, sentences)
        return Output("\n".join(pick(cluster, articles, sentences, budget, cfg, protocol)), 0.0)

    return run_extract


def _build_dir(spec: SystemSpec, protocol: Protocol):
    from ..config import excerpt

    def run_dir(cluster: Cluster) -> Output:
        path = (spec.summaries or {}).get(cluster.id)
        if path is None:
            raise InputError(f"system {spec.name}: no summary of cluster "
                             f"{excerpt(cluster.id)} in {spec.source}")
        return Output(_read_summary(spec, cluster.id, path).strip(), None)

    return run_dir


# SystemSpec.kind -> builder(spec, protocol) -> (cluster -> Output).
_BUILDERS = {"config": _build_config, "baseline": _build_extract, "peer": _build_extract,
             "dir": _build_dir}


def build(spec: SystemSpec, protocol: Protocol) -> Callable[[Cluster], Output]:
    """A callable that summarizes one cluster (models and parameters loaded once)."""
    try:
        builder = _BUILDERS[spec.kind]
    except KeyError:
        raise UsageError(f"system {spec.name!r} of kind {spec.kind!r} cannot be run "
                         "(participants must be expanded with the dataset first)") from None
    return builder(spec, protocol)


@dataclass(frozen=True)
class System(Entry):
    """One row of :data:`SYSTEMS`: what a name on ``--systems`` stands for. ``target`` is
    what runs for it: a baseline's or a peer's pick (``pick(cluster, articles, sentences,
    budget, config, protocol)`` -> its summary lines), the pipeline for a config, the folder
    reader for ``dir:``; ``tag`` its family, which makes its spec (:data:`_MAKE`);
    ``needs`` a package beyond ours; ``pattern`` (a regex) makes the row stand for a
    family of names (``dir:FOLDER``), tried in table order after the exact names."""

    needs: str = ""
    pattern: str = ""

    def make(self, name: str, base: Config, base_source: str,
             overrides: list | None) -> SystemSpec:
        return _MAKE[self.tag](name, base, base_source, overrides)


# A row's family -> make(name, base, base_source, overrides) -> its SystemSpec.
_MAKE = {"config": _default_spec, "baseline": _named_spec, "peer": _named_spec,
         "participants": _participants_spec, "dir": _dir_spec, "file": _yaml_spec,
         "method": _method_spec}
_PIPELINE = "summarizer.pipeline:Pipeline"
_HERE = __name__


def _pick(name: str, target: str, summary: str, family: str, needs: str = "") -> System:
    return System(name, f"{_HERE}:{target}", summary, family, needs)


_sumy_lexrank = _peer(_sumy("lexrank"))
_sumy_textrank = _peer(_sumy("textrank"))
_lexrank = _peer(_lexrank_package)

# Every name --systems takes, in the order --help lists them. Every summarization method
# is a system by its own name too, where no baseline or peer has that name (the `lexrank`
# peer is the lexrank package; `method:lexrank` is ours).
_ROWS = [
    System("default", _PIPELINE, "the config: --config, else the dataset's own", "config"),
    _pick("lead", "_lead", "the first N words of the most recent article", "baseline"),
    _pick("lead-rr", "_lead_rr", "sentence 1 of every article, then sentence 2, ..., to N "
          "words", "baseline"),
    _pick("random", "_random", "whole sentences in a seeded random order", "baseline"),
    _pick("oracle", "_oracle", "greedy ROUGE-1+2 oracle on the references, an upper bound",
          "baseline"),
    _pick("sumy-lexrank", "_sumy_lexrank", "sumy's LexRank", "peer", "sumy"),
    _pick("sumy-textrank", "_sumy_textrank", "sumy's TextRank", "peer", "sumy"),
    _pick("lexrank", "_lexrank", "the lexrank package", "peer", "lexrank"),
    System(PARTICIPANTS, f"{_HERE}:participant_systems", "every participant a "
           "multiling2011-* dataset ships, ID1..ID9, ID10 marked as a topline",
           "participants"),
    System(f"{DIR_PREFIX}FOLDER", f"{_HERE}:dir_system", "summaries made elsewhere, one "
           "<cluster id>.txt per cluster, labelled dir:<folder name>", "dir",
           pattern=f"{re.escape(DIR_PREFIX)}.*"),
    System("CONFIG.yaml", _PIPELINE, "a config file, labelled by its file name", "file",
           pattern=r".*\.ya?ml"),
    System(f"{METHOD_PREFIX}NAME", _PIPELINE, "the config with rank.method=NAME (any method)",
           "method", pattern=f"{re.escape(METHOD_PREFIX)}.*"),
]
_TAKEN = {row.name for row in _ROWS}
SYSTEMS = Table("system", _ROWS + [
    System(m.name, _PIPELINE, f"the config with rank.method={m.name}: {m.summary}", "method")
    for m in METHODS if m.name not in _TAKEN])
