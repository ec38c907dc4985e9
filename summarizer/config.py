"""One typed config for every stage, loaded from YAML and overridable from the CLI.

``load_config("configs/duc.yaml", ["rank.method=textrank"])`` returns a validated
:class:`Config`. Files may ``extends:`` another file (path relative to the extending file).
Unknown keys and wrong types raise :class:`ConfigError` with a message that names the key,
the value and what was expected; every field has a default, so an empty file is valid.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from pathlib import Path
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import ConfigError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class IngestConfig(_Strict):
    """How files become articles."""

    extensions: list[str] = [".txt", ".md", ".html", ".htm", ".json", ".jsonl"]
    max_file_mb: float = 50.0
    min_text_ratio: float = 0.9  # share of printable characters below which a file is binary


class CleanConfig(_Strict):
    """Boilerplate removal by general rules (see clean.py)."""

    enabled: bool = True
    min_article_words: int = 20
    max_caption_words: int = 40


class SplitConfig(_Strict):
    """Sentence splitting with offline Punkt."""

    method: str = "punkt"
    train_on_cluster: bool = False
    extra_abbreviations: list[str] = []
    include_titles: bool = False
    # A "sentence" longer than this (text without punctuation) is cut at clause marks,
    # then into word windows, so no piece is longer; 80 = select.max_words, the longest
    # unit selection takes. None: never cut.
    max_words: Optional[int] = Field(80, gt=0)



class DedupConfig(_Strict):
    """Collapse exact, near-duplicate and (optionally) paraphrase copies across articles."""

    enabled: bool = True
    near: bool = True
    # Character 4-grams at 0.45 catch rewritten copies (a clause swapped, "Beijing" for
    # "China") that word 3-grams miss, while distinct sentences stay far below it.
    threshold: float = 0.45
    shingle: Literal["word", "char"] = "char"
    shingle_size: int = 4
    method: Literal["auto", "jaccard", "minhash"] = "auto"
    minhash_above: int = 3000
    num_perm: int = 128
    paraphrase: bool = False
    paraphrase_threshold: float = 0.9
    seed: int = 1


class SimilarityConfig(_Strict):
    """Sentence vectors: sparse TF-IDF or dense sentence embeddings."""

    backend: str = "tfidf"
    # auto: the stop words of the cluster's language; english: always English; null: none
    stop_words: Optional[Literal["auto", "english"]] = "auto"
    sublinear_tf: bool = True
    stem: bool = True
    ngram_max: int = 1
    model: str = "sentence-transformers/all-MiniLM-L6-v2"
    batch_size: int = 64
    device: str = "cpu"



class PriorsConfig(_Strict):
    """Multiplicative priors on centrality; 0 turns one off.

    position: favours early sentences of an article, weight * 1/(1+position).
    support: favours sentences repeated across articles, weight * (articles - 1).
    length: favours longer sentences, weight * min(words, 30)/30.
    """

    # Chosen on the dev sets (duc2003, multinews-dev): repeated and early sentences
    # are what reference writers pick first.
    position: float = 1.0
    support: float = 0.5
    length: float = 0.0


class LexRankConfig(_Strict):
    """``rank.lexrank``: continuous LexRank (rank/lexrank.py)."""

    threshold: float = 0.1
    # LexRank's graph keeps each sentence's k most similar others (exact top-k, built in
    # row blocks), so it holds at most n*k edges however dense the cluster is. 100 is
    # above the largest degree any dev-set cluster reaches at threshold 0.1 (duc2003 70,
    # multinews-dev 82, tac2011-en 59), so their graphs are unchanged; see
    # eval/experiments.md "Scale". None: every edge above the threshold (unbounded).
    max_neighbors: Optional[int] = Field(100, ge=1)
    damping: float = 0.85
    tol: float = 1e-6
    max_iter: int = 200


class TextRankConfig(_Strict):
    """``rank.textrank``: TextRank's random walk (rank/textrank.py)."""

    damping: float = 0.85
    tol: float = 1e-6
    max_iter: int = 200


class CentroidConfig(_Strict):
    """``rank.centroid``: cosine with the cluster centroid (rank/centroid.py); no
    parameters."""


class SumBasicConfig(_Strict):
    """``rank.sumbasic``: SumBasic (rank/sumbasic.py). ``update: square`` is Nenkova &
    Vanderwende's probability update after each pick; ``none`` is FreqSum."""

    update: Literal["square", "none"] = "square"


class KLSumConfig(_Strict):
    """``rank.klsum``: greedy KL-Sum (rank/klsum.py); the summary's word distribution is
    smoothed by adding ``smoothing`` to every cluster word's count."""

    smoothing: float = Field(0.01, gt=0)


class SubmodularConfig(_Strict):
    """``rank.submodular``: Lin & Bilmes (2011) coverage + diversity (rank/submodular.py).

    alpha: coverage saturates at ``alpha / n`` of a sentence's total similarity (their
    a / N, a = 5); diversity: weight of the diversity reward (their lambda = 6);
    clusters: diversity partitions as a share of the sentences (k-means on the vectors);
    cost_scaling: the budgeted greedy's r (gain / cost^r, their 0.3)."""

    alpha: float = Field(5.0, gt=0)
    diversity: float = Field(6.0, ge=0)
    clusters: float = Field(0.2, gt=0, le=1)
    cost_scaling: float = Field(0.3, ge=0)


class IlpConfig(_Strict):
    """``rank.ilp``: concept-coverage ILP (Gillick & Favre 2009; rank/ilp.py).

    min_df: a bigram is a concept when at least this many articles contain it (3 in the
    ICSI systems, for 10-article clusters; smaller clusters in proportion); time_limit: seconds for HiGHS, after
    which the greedy fallback is used and reported; position: weight of a prior favouring
    concepts that appear early in their articles (0: off)."""

    min_df: int = Field(3, ge=1)
    time_limit: float = Field(10.0, gt=0)
    position: float = Field(0.0, ge=0)


class DppConfig(_Strict):
    """``rank.dpp``: determinantal point process, greedy MAP (Kulesza & Taskar 2011;
    rank/dpp.py). quality: the unsupervised quality term, ``centroid`` or ``lexrank``
    scores (times the priors); alpha: exponent on the quality (kernel L = diag(q^alpha)
    S diag(q^alpha))."""

    quality: Literal["centroid", "lexrank"] = "centroid"
    alpha: float = Field(1.0, ge=0)


class RankConfig(_Strict):
    """Which method makes the summary (``rank.method``, a name in rank/__init__.py) and
    each method's own parameters in its own section (``rank.lexrank.threshold``), so a
    parameter of one method cannot be given to another."""

    method: str = "lexrank"
    # A cluster with more sentences than this after dedup is cut to the max_sentences
    # best by centroid similarity times the priors before the graph, with a warning
    # (rank.prefilter); the graph's cost grows with n^2 on dense clusters, the cut
    # bounds it. None: never cut.
    max_sentences: Optional[int] = Field(20_000, ge=1)
    priors: PriorsConfig = PriorsConfig()
    lexrank: LexRankConfig = LexRankConfig()
    textrank: TextRankConfig = TextRankConfig()
    centroid: CentroidConfig = CentroidConfig()
    sumbasic: SumBasicConfig = SumBasicConfig()
    klsum: KLSumConfig = KLSumConfig()
    submodular: SubmodularConfig = SubmodularConfig()
    ilp: IlpConfig = IlpConfig()
    dpp: DppConfig = DppConfig()


class QueryConfig(_Strict):
    """Query-focused summaries: ``text`` (``--query``), or with ``from_topic`` each
    cluster's own topic (DUC 2006: ``topic_title`` and ``topic_narrative``). bias: the
    share of the random walk's jumps that go to sentences by their relevance to the query
    (biased LexRank, Otterbacher, Erkan & Radev 2005); weight: the relevance term in the
    submodular, ILP and DPP objectives."""

    text: Optional[str] = None
    from_topic: bool = False
    bias: float = Field(0.7, ge=0, le=1)
    weight: float = Field(1.0, ge=0)


class SelectConfig(_Strict):
    """Budgeted selection with MMR redundancy control. Every limit that is set holds."""

    method: str = "mmr"
    # A budget of 0 or less can only give an empty summary, so it is a config error.
    words: Optional[int] = Field(100, gt=0)
    sentences: Optional[int] = Field(None, gt=0)
    bytes: Optional[int] = Field(None, gt=0)
    ratio: Optional[float] = Field(None, gt=0, le=1)
    mmr_lambda: float = 0.7
    redundancy_threshold: float = 0.5
    min_words: int = 6
    max_words: int = 80
    skip_questions: bool = True
    # Sentences that do not end like one (cut off mid-way, headings): "skip" them, use them
    # only if the rest cannot fill the budget ("last"), or treat them like any other.
    unterminated: Literal["skip", "last", "allow"] = "last"
    order: Literal["position", "score"] = "position"
    truncate: bool = False


    @model_validator(mode="after")
    def _some_budget(self) -> "SelectConfig":
        if all(getattr(self, k) is None for k in ("words", "sentences", "bytes", "ratio")):
            raise ValueError("select needs at least one of words, sentences, bytes, ratio")
        return self


class RefineConfig(_Strict):
    """Optional abstractive rewrite of the extract (refine/), then the guard.

    backend: ``transformers`` loads ``model`` (a hub id or a local directory) into this
    process; ``openai`` sends the prompt to an OpenAI-compatible server at ``base_url``
    (vLLM, llama.cpp, Ollama, TGI, ``transformers serve``) that serves ``model``.
    kind (transformers): auto reads seq2seq/causal from the model's config.
    prompt: for causal and server models, ``{text}`` stands for the extract's sentences.
    extra_sentences: next-best sentences added after the extract while they fit.
    max_input_tokens: a cap below the model's own input length (speed on CPU).
    guard: what to do with names, numbers and dates no source states (guard.py).

    openai backend (refine/server.py): the API key is read from the environment variable
    ``api_key_env`` names (never from a file); ``timeout`` seconds per answer;
    ``concurrency`` clusters in flight; ``retries`` on 429, 5xx and lost connections,
    ``backoff`` seconds doubling (or the server's Retry-After); ``context_tokens`` the
    model's context when the server does not say it; ``seed`` for servers that take one.
    Answers are cached under ``cache_dir`` (default ``$SUMMARIZER_CACHE/generations``)
    unless ``cache`` is false (``--no-cache``)."""

    enabled: bool = False
    backend: Literal["transformers", "openai"] = "transformers"
    model: str = "facebook/bart-large-cnn"
    base_url: str = "http://127.0.0.1:8000/v1"
    api_key_env: Optional[str] = None
    timeout: float = Field(120.0, gt=0)
    concurrency: int = Field(4, ge=1, le=256)
    retries: int = Field(3, ge=0, le=20)
    backoff: float = Field(1.0, ge=0)
    context_tokens: Optional[int] = Field(None, ge=64)
    seed: int = 0
    cache: bool = True
    cache_dir: Optional[str] = None
    kind: Literal["auto", "seq2seq", "causal"] = "auto"
    device: str = "auto"
    dtype: Literal["auto", "float32", "float16", "bfloat16"] = "auto"
    local_files_only: bool = False
    trust_remote_code: bool = False
    prompt: str = (
        "Summarize the following news sentences into one short, factual paragraph. "
        "Use only facts stated in them.\n\n{text}"
    )
    extra_sentences: int = Field(0, ge=0)
    max_input_tokens: Optional[int] = Field(None, ge=16)
    num_beams: int = Field(4, ge=1)
    max_new_tokens: int = Field(160, ge=1)
    min_new_tokens: int = Field(0, ge=0)
    no_repeat_ngram_size: int = Field(3, ge=0)
    length_penalty: float = 1.0
    batch_size: int = Field(4, ge=1)
    guard: Literal["off", "flag", "drop", "fallback"] = "flag"

    @field_validator("guard", mode="before")
    @classmethod
    def _yaml_off(cls, v):
        return "off" if v is False else v  # YAML reads a bare `off` as false

    @field_validator("prompt")
    @classmethod
    def _prompt_has_text(cls, v: str) -> str:
        if "{text}" not in v:
            raise ValueError("must contain {text}, where the sentences go")
        return v

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, v: str) -> str:
        v = v.strip().rstrip("/")
        if not v.startswith(("http://", "https://")) or len(v.split("://", 1)[1]) == 0:
            raise ValueError("must be an http:// or https:// URL, e.g. http://127.0.0.1:8000/v1")
        return v

    @field_validator("api_key_env")
    @classmethod
    def _env_name(cls, v: Optional[str]) -> Optional[str]:
        if v is not None and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", v):
            raise ValueError("must be the NAME of an environment variable (the key itself "
                             "never goes in a config), e.g. OPENAI_API_KEY")
        return v


class EvaluateConfig(_Strict):
    """ROUGE protocol and resampling for the evaluation harness.

    Named protocols (duc, tac, multinews, multiling) fix every setting; metrics, measure,
    the length limits, truncate_references, stemming and tokenizer apply to ``custom``
    only."""

    protocol: Literal["duc", "tac", "multinews", "multiling", "custom"] = "duc"
    metrics: list[str] = ["rouge1", "rouge2"]
    measure: Literal["precision", "recall", "fmeasure"] = "recall"
    limit_words: Optional[int] = 100
    limit_bytes: Optional[int] = None
    truncate_references: bool = False
    stemming: bool = True
    # custom only: rouge-score's [a-z0-9] tokens, or Unicode words (any script; multiling)
    tokenizer: Literal["rouge_score", "unicode"] = "rouge_score"
    bootstrap: int = 1000
    seed: int = 0


class ParallelConfig(_Strict):
    """Clean and split one very large cluster in worker processes (parallel.py); the
    output is the same as in one process. Clusters under ``above_chars`` characters of
    text stay in one process; ``workers`` None means one per CPU, 1 turns it off."""

    workers: Optional[int] = Field(None, ge=1)
    above_chars: int = Field(4_000_000, ge=0)


class OutputConfig(_Strict):
    """How summaries are written. Timings vary run to run, so they appear in JSON only
    when asked for; everything else is byte-identical for the same input and config."""

    format: Literal["text", "markdown", "json"] = "text"
    timings: bool = False


class Config(_Strict):
    """The whole pipeline. ``Config()`` is the default system."""

    # ISO 639-1 code or English name; ``auto`` takes the language a cluster declares, else
    # detects it (see language.py). Every stage reads it.
    language: str = "auto"
    ingest: IngestConfig = IngestConfig()
    clean: CleanConfig = CleanConfig()
    split: SplitConfig = SplitConfig()
    dedup: DedupConfig = DedupConfig()
    similarity: SimilarityConfig = SimilarityConfig()
    rank: RankConfig = RankConfig()
    select: SelectConfig = SelectConfig()
    query: QueryConfig = QueryConfig()
    refine: RefineConfig = RefineConfig()
    evaluate: EvaluateConfig = EvaluateConfig()
    parallel: ParallelConfig = ParallelConfig()
    output: OutputConfig = OutputConfig()

    @model_validator(mode="after")
    def _known_names(self) -> "Config":
        """Every method name against its table, in one place. The tables are imported
        here, when a config is validated, so no stage module is imported by this one."""
        from .rank import METHODS
        from .select import SELECTORS
        from .similarity import BACKENDS
        from .split import SPLITTERS

        for key, value, table in (("split.method", self.split.method, SPLITTERS),
                                  ("similarity.backend", self.similarity.backend, BACKENDS),
                                  ("rank.method", self.rank.method, METHODS),
                                  ("select.method", self.select.method, SELECTORS)):
            if value not in table:
                raise ValueError(f"config key {key}: unknown {table.kind} {value!r}; known: "
                                 f"{', '.join(table.names())}")
        return self

    @field_validator("language")
    @classmethod
    def _known_language(cls, v: str) -> str:
        from .language import check_language

        try:
            return check_language(v)
        except ConfigError as e:
            raise ValueError(str(e)) from None

    def hash(self) -> str:
        """A short stable hash of the resolved config (cache keys, run records)."""
        blob = json.dumps(self.model_dump(mode="json"), sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:12]


def _valid_keys(model: type[BaseModel], prefix: str = "") -> list[str]:
    keys = []
    for name, field in model.model_fields.items():
        key = prefix + name
        keys.append(key)
        ann = field.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            keys.extend(_valid_keys(ann, key + "."))
    return keys


def _unknown_key_message(key: str) -> str:
    valid = _valid_keys(Config)
    near = difflib.get_close_matches(key, valid, n=1, cutoff=0.5)
    hint = f"; did you mean {near[0]!r}?" if near else ""
    return f"unknown config key {key!r}{hint}"


def _read_yaml(path: Path, seen: tuple[Path, ...] = ()) -> dict:
    import yaml

    path = path.resolve()
    if path in seen:
        raise ConfigError(f"config {path} extends itself (cycle: {' -> '.join(map(str, seen))})")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except yaml.YAMLError as e:
        raise ConfigError(f"config {path} is not valid YAML: {e}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"config {path} must be a mapping of sections, not {type(data).__name__}")
    parent = data.pop("extends", None)
    if parent:
        base = _read_yaml(path.parent / parent, seen + (path,))
        data = _merge(base, data)
    return data


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


def parse_override(item: str) -> tuple[list[str], Any]:
    """``"select.words=250"`` -> (["select", "words"], 250); values are read as YAML
    scalars, so ``null``, ``true``, numbers and ``[a, b]`` lists work."""
    import yaml

    if "=" not in item:
        raise ConfigError(f"override {item!r} must look like section.key=value")
    key, raw = item.split("=", 1)
    key = key.strip()
    if not key:
        raise ConfigError(f"override {item!r} has an empty key")
    try:
        value = yaml.safe_load(raw) if raw.strip() else ""
    except yaml.YAMLError:
        value = raw
    return key.split("."), value


def apply_overrides(data: dict, overrides: list[str]) -> dict:
    data = json.loads(json.dumps(data))
    valid = set(_valid_keys(Config))
    for item in overrides:
        path, value = parse_override(item)
        dotted = ".".join(path)
        if dotted not in valid:
            raise ConfigError(_unknown_key_message(dotted))
        node = data
        for part in path[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise ConfigError(f"config key {dotted!r}: {part!r} is not a section")
        node[path[-1]] = value
    return data


def _format_validation_error(err: ValidationError, data: dict) -> str:
    lines = []
    for e in err.errors():
        loc = ".".join(str(p) for p in e["loc"])
        if e["type"] == "extra_forbidden":
            lines.append(_unknown_key_message(loc))
            continue
        value = e.get("input")
        expected = e["msg"]
        if e["type"] in ("value_error", "assertion_error"):
            expected = expected.removeprefix("Value error, ")
            lines.append(expected if not loc and expected.startswith("config key ")
                         else f"config key {loc or '(root)'}: {expected}")
        else:
            lines.append(f"config key {loc!r} has value {value!r}: {expected.lower()}")
    return "; ".join(lines)


def build_config(data: dict | None = None) -> Config:
    """Validate a plain mapping into a Config, turning pydantic errors into ConfigError."""
    data = data or {}
    try:
        return Config.model_validate(data)
    except ValidationError as e:
        raise ConfigError(_format_validation_error(e, data)) from None


def config_file(path: str | Path) -> Path:
    """The file a ``--config`` value names: an existing path, else a shipped config
    (``duc``, ``duc.yaml`` or ``configs/duc.yaml``), else a ConfigError listing them."""
    from .resources import find_config, shipped_configs

    p = Path(path).expanduser()
    if p.exists():
        return p
    shipped = find_config(str(path))
    if shipped is not None:
        return shipped
    raise ConfigError(f"config file not found: {p.resolve()} (shipped configs: "
                      f"{', '.join(shipped_configs())})")


def load_config(path: str | Path | None = None, overrides: list[str] | None = None) -> Config:
    """Read ``path`` (or the defaults), apply ``--set`` overrides, validate. ``path`` may
    also name a shipped config: ``load_config("duc")``."""
    data = _read_yaml(config_file(path)) if path else {}
    if overrides:
        data = apply_overrides(data, overrides)
    return build_config(data)
