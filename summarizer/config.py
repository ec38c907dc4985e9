"""One typed config for every stage, loaded from YAML and overridable from the CLI.

``load_config("configs/duc.yaml", ["rank.method=textrank"])`` returns a validated
:class:`Config`. Files may ``extends:`` another file (path relative to the extending file).
Every override goes one way, :func:`apply_overrides`: ``--set`` and the CLI's flags, the
API's keyword arguments (:meth:`Config.with_overrides`) and a sweep's grid points.
Unknown keys and wrong types raise :class:`ConfigError` with a message that names the key,
the value and what was expected; every field has a default, so an empty file is valid.

Every number has a domain (finite, and a range taken from how the code uses it), and YAML
is read within bounds (:func:`load_yaml`): a config is data from anyone, so a value out of
range, a huge file or an alias bomb is one short error line, never a hang or a traceback.
"""

from __future__ import annotations

import copy
import difflib
import functools
import hashlib
import json
import operator
import os
import re
from pathlib import Path
from typing import Annotated, Any, Iterable, Literal, Mapping, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import ConfigError, UsageError

# A real config is a few KB and a few hundred values, a few levels deep.
MAX_YAML_BYTES = 1 << 20
MAX_YAML_VALUES = 10_000  # after aliases expand
MAX_YAML_DEPTH = 64
# No setting needs a longer number, and a longer integer can be slow to read: YAML 1.1's
# base 60 (1:2:3...) is a big-number product per digit, quadratic in the length.
MAX_NUMBER_CHARS = 100
MAX_EXTENDS = 16  # files in one chain of extends:
# The largest count any setting needs (words, sentences, clusters): far above every real
# one, and it keeps an absurd number one error line instead of a hang deep in a stage.
MAX_COUNT = 10**9
# Weights multiply scores; above this their products could overflow to inf and NaN.
MAX_WEIGHT = 1e6
SEEDS = (0, 2**32 - 1)  # numpy's and transformers' seeds are unsigned 32-bit
# Bootstrap resamples: an interval's ends and a p-value are read off the resampled means,
# so a handful is no interval at all (0 or 1: zero width). 20 is a floor for quick checks
# (p-values in steps of 0.1), the default 1000 is for results; 100,000 is far past where
# the interval stops moving, and bounds time and memory.
RESAMPLES = (20, 100_000)

Count = Annotated[int, Field(ge=1, le=MAX_COUNT)]  # sizes and budgets: at least one
Amount = Annotated[int, Field(ge=0, le=MAX_COUNT)]  # counts where 0 means none
Share = Annotated[float, Field(ge=0, le=1)]  # probabilities, ratios, similarity thresholds
Weight = Annotated[float, Field(ge=0, le=MAX_WEIGHT)]  # 0 turns the term off
Damping = Annotated[float, Field(gt=0, lt=1)]  # a random walk that both moves and restarts
Seed = Annotated[int, Field(ge=SEEDS[0], le=SEEDS[1])]


class _Strict(BaseModel):
    # NaN and infinities are never a setting: NaN compares false with every bound.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)


class IngestConfig(_Strict):
    """How files become articles."""

    extensions: list[str] = [".txt", ".md", ".html", ".htm", ".json", ".jsonl"]
    # Above 4 GB is no news text; stdin is read with a buffer of this size.
    max_file_mb: float = Field(50.0, gt=0, le=4096)
    min_text_ratio: Share = 0.9  # share of printable characters below which a file is binary


class CleanConfig(_Strict):
    """Boilerplate removal by general rules (see clean.py)."""

    enabled: bool = True
    min_article_words: Amount = 20
    max_caption_words: Amount = 40


class SplitConfig(_Strict):
    """Sentence splitting with offline Punkt."""

    method: str = "punkt"
    train_on_cluster: bool = False
    extra_abbreviations: list[str] = []
    include_titles: bool = False
    # A "sentence" longer than this (text without punctuation) is cut at clause marks,
    # then into word windows, so no piece is longer; 80 = select.max_words, the longest
    # unit selection takes. None: never cut.
    max_words: Optional[Count] = 80



class DedupConfig(_Strict):
    """Collapse exact, near-duplicate and (optionally) paraphrase copies across articles."""

    enabled: bool = True
    near: bool = True
    # Character 4-grams at 0.45 catch rewritten copies (a clause swapped, "Beijing" for
    # "China") that word 3-grams miss, while distinct sentences stay far below it.
    # Similarities are >= 0, so a threshold of 0 would call every pair a duplicate.
    threshold: float = Field(0.45, gt=0, le=1)
    shingle: Literal["word", "char"] = "char"
    # Each shingle position is a pass over the text; past 64 characters or words a
    # shingle is a whole sentence.
    shingle_size: int = Field(4, ge=1, le=64)
    method: Literal["auto", "jaccard", "minhash"] = "auto"
    minhash_above: Amount = 3000
    # The LSH banding search grows as n log n in it (4 s per cluster at 4096); 128
    # already estimates a Jaccard to +-0.044.
    num_perm: int = Field(128, ge=1, le=1024)
    paraphrase: bool = False
    paraphrase_threshold: float = Field(0.9, gt=0, le=1)
    seed: Seed = 1


class TfidfConfig(_Strict):
    """``similarity.tfidf``: TF-IDF on the cluster's own sentences (similarity/tfidf.py)."""

    # auto: the stop words of the cluster's language; english: always English; null: none
    stop_words: Optional[Literal["auto", "english"]] = "auto"
    sublinear_tf: bool = True
    stem: bool = True
    ngram_max: int = Field(1, ge=1, le=10)  # one pass per n over every sentence


class EmbeddingsConfig(_Strict):
    """``similarity.embeddings``: the sentence encoder (similarity/embeddings.py), also
    the one ``dedup.paraphrase`` uses whatever the backend."""

    model: str = "sentence-transformers/all-MiniLM-L6-v2"
    batch_size: Count = 64
    device: str = "cpu"


class SimilarityConfig(_Strict):
    """Sentence vectors: sparse TF-IDF or dense sentence embeddings (``backend``, a name
    in summarizer/tables.py), each backend's parameters in the section of its name, so
    a parameter of one backend cannot be given to the other."""

    backend: str = "tfidf"
    tfidf: TfidfConfig = TfidfConfig()
    embeddings: EmbeddingsConfig = EmbeddingsConfig()

    @model_validator(mode="before")
    @classmethod
    def _moved_keys(cls, data: Any) -> Any:
        """The keys that sat flat in ``similarity`` before it had a section per backend
        say where they went."""
        if isinstance(data, dict):
            for key in data:
                if f"similarity.{key}" in MOVED_KEYS:
                    raise ValueError(_moved(f"similarity.{key}"))
        return data


# Keys that moved, old -> new: a config that still has one is told where it went.
MOVED_KEYS = {**{f"similarity.{k}": f"similarity.tfidf.{k}" for k in TfidfConfig.model_fields},
              **{f"similarity.{k}": f"similarity.embeddings.{k}"
                 for k in EmbeddingsConfig.model_fields}}


def _moved(key: str) -> str:
    return f"{key} is now {MOVED_KEYS[key]} (a section per backend)"



class PriorsConfig(_Strict):
    """Multiplicative priors on centrality; 0 turns one off.

    position: favours early sentences of an article, weight * 1/(1+position).
    support: favours sentences repeated across articles, weight * (articles - 1).
    length: favours longer sentences, weight * min(words, 30)/30.
    """

    # Chosen on the dev sets (duc2003, multinews-dev): repeated and early sentences
    # are what reference writers pick first.
    position: Weight = 1.0
    support: Weight = 0.5
    length: Weight = 0.0


class LexRankConfig(_Strict):
    """``rank.lexrank``: continuous LexRank (rank/lexrank.py)."""

    threshold: Share = 0.1
    # LexRank's graph keeps each sentence's k most similar others (exact top-k, built in
    # row blocks), so it holds at most n*k edges however dense the cluster is. 100 is
    # above the largest degree any dev-set cluster reaches at threshold 0.1 (duc2003 70,
    # multinews-dev 82, tac2011-en 59), so their graphs are unchanged; see
    # eval/experiments.md "Scale". None: every edge above the threshold (unbounded).
    max_neighbors: Optional[Count] = 100
    damping: Damping = 0.85
    tol: Share = 1e-6  # L1 change of the scores, which sum to one
    max_iter: int = Field(200, ge=1, le=100_000)


class TextRankConfig(_Strict):
    """``rank.textrank``: TextRank's random walk (rank/textrank.py)."""

    damping: Damping = 0.85
    tol: Share = 1e-6
    max_iter: int = Field(200, ge=1, le=100_000)


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

    smoothing: float = Field(0.01, gt=0, le=MAX_WEIGHT)


class SubmodularConfig(_Strict):
    """``rank.submodular``: Lin & Bilmes (2011) coverage + diversity (rank/submodular.py).

    alpha: coverage saturates at ``alpha / n`` of a sentence's total similarity (their
    a / N, a = 5); diversity: weight of the diversity reward (their lambda = 6);
    clusters: diversity partitions as a share of the sentences (k-means on the vectors);
    cost_scaling: the budgeted greedy's r (gain / cost^r, their 0.3)."""

    alpha: float = Field(5.0, gt=0, le=MAX_WEIGHT)
    diversity: Weight = 6.0
    clusters: float = Field(0.2, gt=0, le=1)
    # gain / cost^r: past 10 a sentence's length (up to 80 words) outweighs any gain
    cost_scaling: float = Field(0.3, ge=0, le=10)


class IlpConfig(_Strict):
    """``rank.ilp``: concept-coverage ILP (Gillick & Favre 2009; rank/ilp.py).

    min_df: a bigram is a concept when at least this many articles contain it (3 in the
    ICSI systems, for 10-article clusters; smaller clusters in proportion); time_limit: seconds for HiGHS, after
    which the greedy fallback is used and reported; position: weight of a prior favouring
    concepts that appear early in their articles (0: off)."""

    min_df: Count = 3
    time_limit: float = Field(10.0, gt=0, le=86_400)  # seconds: a day at most
    position: Weight = 0.0


class DppConfig(_Strict):
    """``rank.dpp``: determinantal point process, greedy MAP (Kulesza & Taskar 2011;
    rank/dpp.py). quality: the unsupervised quality term, ``centroid`` or ``lexrank``
    scores (times the priors); alpha: exponent on the quality (kernel L = diag(q^alpha)
    S diag(q^alpha))."""

    quality: Literal["centroid", "lexrank"] = "centroid"
    # q^alpha with q up to the priors' factor: past 10 it overflows and keeps only the top
    alpha: float = Field(1.0, ge=0, le=10)


class RankConfig(_Strict):
    """Which method makes the summary (``rank.method``, a name in rank/__init__.py) and
    each method's own parameters in its own section (``rank.lexrank.threshold``), so a
    parameter of one method cannot be given to another."""

    method: str = "lexrank"
    # A cluster with more sentences than this after dedup is cut to the max_sentences
    # best by centroid similarity times the priors before the graph, with a warning
    # (rank.prefilter); the graph's cost grows with n^2 on dense clusters, the cut
    # bounds it. None: never cut.
    max_sentences: Optional[Count] = 20_000
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
    bias: Share = 0.7
    weight: Weight = 1.0


class MmrConfig(_Strict):
    """``select.mmr``: maximal marginal relevance (Carbonell & Goldstein 1998), the
    selection step a scorer's scores go through with ``select.method: mmr``. ``lambda``
    weighs relevance against similarity to what is already chosen."""

    model_config = ConfigDict(serialize_by_alias=True)  # the key is ``lambda``, a keyword

    lambda_: Share = Field(0.7, alias="lambda")
    redundancy_threshold: Share = 0.5  # a cosine: 1 turns redundancy control off


class SelectConfig(_Strict):
    """The budget every method chooses under (every limit that is set holds), the
    fragment rules, and how a scorer's scores are taken (``method``: mmr, with its
    section ``mmr``, or topk)."""

    method: str = "mmr"
    # A budget of 0 or less can only give an empty summary, so it is a config error.
    words: Optional[Count] = 100
    sentences: Optional[Count] = None
    bytes: Optional[Count] = None
    ratio: Optional[float] = Field(None, gt=0, le=1)
    mmr: MmrConfig = MmrConfig()
    min_words: Amount = 6
    max_words: Count = 80
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


MOVED_KEYS.update({"select.mmr_lambda": "select.mmr.lambda",
                   "select.redundancy_threshold": "select.mmr.redundancy_threshold"})


@functools.cache
def _warn_once(line: str) -> None:
    """``line`` in the ``summarizer`` log once per process: a config is validated again
    each time it is copied with overrides."""
    import logging

    logging.getLogger("summarizer").warning(line)


class OpenAIRefineConfig(_Strict):
    """``refine.openai``: a model behind an OpenAI-compatible server (refine/server.py).

    The API key is read from the environment variable ``api_key_env`` names (never from a
    file); ``timeout`` seconds per answer; ``concurrency`` clusters in flight; ``retries``
    on 429, 5xx and lost connections, ``backoff`` seconds doubling (or the server's
    Retry-After); ``context_tokens`` the model's context when the server does not say it;
    ``seed`` for servers that take one; answers are kept under ``cache_dir`` (default
    ``$SUMMARIZER_CACHE/generations``)."""

    base_url: str = "http://127.0.0.1:8000/v1"
    api_key_env: Optional[str] = None
    timeout: float = Field(120.0, gt=0, le=86_400)  # seconds: a day at most
    concurrency: int = Field(4, ge=1, le=256)
    retries: int = Field(3, ge=0, le=20)
    backoff: float = Field(1.0, ge=0, le=3600)
    context_tokens: Optional[int] = Field(None, ge=64, le=MAX_COUNT)
    seed: Seed = 0
    cache_dir: Optional[str] = None

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


class TransformersRefineConfig(_Strict):
    """``refine.transformers``: the model loaded into this process (refine/generation.py).

    kind: auto reads seq2seq/causal from the model's config; max_input_tokens: a cap below
    the model's own input length (speed on CPU); generation is greedy or beam search
    (``num_beams``), ``batch_size`` clusters at a time."""

    kind: Literal["auto", "seq2seq", "causal"] = "auto"
    device: str = "auto"
    dtype: Literal["auto", "float32", "float16", "bfloat16"] = "auto"
    local_files_only: bool = False
    trust_remote_code: bool = False
    max_input_tokens: Optional[int] = Field(None, ge=16, le=MAX_COUNT)
    num_beams: int = Field(4, ge=1, le=64)  # each beam is a copy of the model's state
    min_new_tokens: int = Field(0, ge=0, le=100_000)
    no_repeat_ngram_size: int = Field(3, ge=0, le=1000)  # transformers slices per position
    # Beam scores are divided by length^penalty: negative favours shorter; beyond +-10
    # the power overflows.
    length_penalty: float = Field(1.0, ge=-10, le=10)
    batch_size: Count = 4


class RefineConfig(_Strict):
    """Optional abstractive rewrite of the extract (refine/), then the guard.

    backend (a name in summarizer/tables.py): ``transformers`` loads ``model`` (a hub id or
    a local directory) into this process; ``openai`` sends the prompt to an
    OpenAI-compatible server (vLLM, llama.cpp, Ollama, TGI, ``transformers serve``) that
    serves ``model``. Each backend's own parameters are in the section of its name
    (``refine.openai``, ``refine.transformers``); when refinement is on, one set for the
    backend not chosen is a config error, never silently ignored. What both read:
    prompt: for causal and server models, ``{text}`` stands for the extract's sentences.
    extra_sentences: next-best sentences added after the extract while they fit.
    max_new_tokens: the longest answer, in tokens.
    cache: reuse stored answers (``--no-cache``: false; only a server's are stored).
    guard: what to do with names, numbers and dates no source states (faithfulness/)."""

    enabled: bool = False
    backend: str = "transformers"
    model: str = "facebook/bart-large-cnn"
    prompt: str = (
        "Summarize the following news sentences into one short, factual paragraph. "
        "Use only facts stated in them.\n\n{text}"
    )
    extra_sentences: Amount = 0
    # A summary, not a book: what is read from a server is capped from this.
    max_new_tokens: int = Field(160, ge=1, le=100_000)
    cache: bool = True
    guard: Literal["off", "flag", "drop", "fallback"] = "flag"
    openai: OpenAIRefineConfig = OpenAIRefineConfig()
    transformers: TransformersRefineConfig = TransformersRefineConfig()

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

    @model_validator(mode="after")
    def _one_backend(self) -> "RefineConfig":
        """In a config that refines, a parameter of a backend other than ``backend`` would
        be silently ignored: one that differs from its default is an error (a dumped
        config, which lists every default, loads again). Refinement off reads no refine
        setting, so an evaluation's ``--set`` may reach its extractive base config too.
        An unknown backend is left to Config._known_names."""
        from .tables import REFINE_BACKENDS

        if not self.enabled or self.backend not in REFINE_BACKENDS:
            return self
        for other in [name for name in REFINE_BACKENDS.names() if name != self.backend]:
            changed = _changed(getattr(self, other))
            if changed:
                raise ValueError(f"config key refine.{other}.{changed[0]}: a setting of the "
                                 f"{other} backend, but refine.backend is {self.backend} "
                                 f"(set refine.backend={other}, or leave it out)")
        return self


def _changed(section: BaseModel) -> list[str]:
    """The fields of ``section`` whose value is not their default."""
    default = type(section)()
    return [k for k in type(section).model_fields if getattr(section, k) != getattr(default, k)]


MOVED_KEYS.update({f"refine.{key}": f"refine.{name}.{key}"
                   for name, section in (("openai", OpenAIRefineConfig),
                                         ("transformers", TransformersRefineConfig))
                   for key in section.model_fields})


class EvaluateConfig(_Strict):
    """ROUGE protocol and resampling for the evaluation harness.

    Named protocols (duc, tac, multinews, multiling) fix every setting; metrics, measure,
    the length limits, truncate_references, stemming and tokenizer apply to ``custom``
    only."""

    protocol: Literal["duc", "tac", "multinews", "multiling", "duc-1.5.5", "tac-1.5.5",
                      "multinews-1.5.5", "multiling-1.5.5", "custom"] = "duc"
    metrics: list[str] = ["rouge1", "rouge2"]
    measure: Literal["precision", "recall", "fmeasure"] = "recall"
    limit_words: Optional[Count] = 100
    limit_bytes: Optional[Count] = None
    truncate_references: bool = False
    stemming: bool = True
    # custom only: a name in tables.ROUGE_TOKENIZERS: rouge-score's [a-z0-9] tokens, or
    # Unicode words (any script; multiling)
    tokenizer: str = "rouge_score"
    bootstrap: int = Field(1000, ge=RESAMPLES[0], le=RESAMPLES[1])
    seed: Seed = 0


class ParallelConfig(_Strict):
    """Clean and split one very large cluster in worker processes (parallel.py); the
    output is the same as in one process. Clusters under ``above_chars`` characters of
    text stay in one process; ``workers`` None means one per CPU, 1 turns it off."""

    workers: Optional[Count] = None
    above_chars: Amount = 4_000_000


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
        """Every method name against its table, in one place. The tables name their
        implementations without importing them, so a config imports no stage."""
        from .rank import METHODS
        from .tables import REFINE_BACKENDS, ROUGE_TOKENIZERS, SELECTORS, SPLITTERS
        from .tables import SIMILARITY as BACKENDS

        for key, value, table in (("split.method", self.split.method, SPLITTERS),
                                  ("similarity.backend", self.similarity.backend, BACKENDS),
                                  ("rank.method", self.rank.method, METHODS),
                                  ("select.method", self.select.method, SELECTORS),
                                  ("refine.backend", self.refine.backend, REFINE_BACKENDS),
                                  ("evaluate.tokenizer", self.evaluate.tokenizer,
                                   ROUGE_TOKENIZERS)):
            if value not in table:
                raise ValueError(f"config key {key}: unknown {table.kind} {excerpt(value)}; known: "
                                 f"{', '.join(table.names())}")
        return self

    @model_validator(mode="after")
    def _mmr_read(self) -> "Config":
        """``select.mmr`` is read only when a scorer's scores go through MMR; a setting of
        it that would be ignored is named in one warning line, not refused, since a sweep
        may vary rank.method or select.method over a config that sets it."""
        from .rank import METHODS

        changed = _changed(self.select.mmr)
        if not changed or self.rank.method not in METHODS:
            return self
        if self.select.method != "mmr":
            why = f"select.method is {self.select.method}"
        elif METHODS.entry(self.rank.method).tag != "scorer":
            why = f"rank.method {self.rank.method} chooses the summary itself"
        else:
            return self
        key = MmrConfig.model_fields[changed[0]].alias or changed[0]
        value = getattr(self.select.mmr, changed[0])
        _warn_once(f"select.mmr.{key}={value} is set but not used: {why}")
        return self

    @field_validator("language")
    @classmethod
    def _known_language(cls, v: str) -> str:
        from .language import check_language

        try:
            return check_language(v)
        except ConfigError as e:
            raise ValueError(str(e)) from None

    def shown(self) -> dict:
        """The resolved config as it is shown and recorded (``config show``, JSON output):
        a password in ``refine.openai.base_url`` (``http://user:key@host``) is a key, so it
        is hidden."""
        from .refine.client import redact_url  # stdlib only: the config stays a leaf

        data = self.model_dump(mode="json")
        server = data["refine"]["openai"]
        server["base_url"] = redact_url(server["base_url"])
        return data

    def hash(self) -> str:
        """A short stable hash of the resolved config (cache keys, run records)."""
        blob = json.dumps(self.model_dump(mode="json"), sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:12]

    def with_overrides(self, overrides: "Overrides") -> "Config":
        """This config with ``overrides`` applied and validated again, by the same code
        and with the same one-line errors as ``--set`` (:func:`apply_overrides`)."""
        return build_config(apply_overrides(self.model_dump(mode="json"), overrides))


def _valid_keys(model: type[BaseModel], prefix: str = "") -> list[str]:
    keys = []
    for name, field in model.model_fields.items():
        key = prefix + (field.alias or name)
        keys.append(key)
        ann = field.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            keys.extend(_valid_keys(ann, key + "."))
    return keys


def excerpt(value: Any, limit: int = 80) -> str:
    """``repr(value)`` cut to ``limit`` characters: an error line quotes a value, it never
    copies a 50 MB one."""
    try:
        text = repr(value)
    except ValueError:  # an int past Python's 4300-digit str limit
        return f"<an integer of {value.bit_length()} bits>"
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


def first_error(err: ValidationError) -> str:
    """The first error of a document from a file (a sweep, a run.json, a results.json) on
    one short line: ``'where': what``."""
    e = err.errors(include_url=False)[0]
    where = ".".join(str(p) for p in e["loc"])
    return f"{excerpt(where, 60)}: {e['msg'].lower()}" if where else e["msg"].lower()


def check_int(value: Any, what: str, low: int, high: int = MAX_COUNT) -> int:
    """``value`` if it is a whole number in [low, high], else a UsageError naming ``what``:
    the domain of a number given as a flag or an API argument instead of a config key."""
    try:
        number = operator.index(value) if not isinstance(value, bool) else None
    except TypeError:
        number = None
    if number is None or not low <= number <= high:
        raise UsageError(f"{what} must be a whole number from {low} to {high}, "
                         f"got {excerpt(value)}")
    return number


def _unknown_key_message(key: str) -> str:
    if key in MOVED_KEYS:
        return _moved(key)
    valid = _valid_keys(Config)
    near = difflib.get_close_matches(key, valid, n=1, cutoff=0.5) if len(key) < 100 else []
    hint = f"; did you mean {near[0]!r}?" if near else ""
    return f"unknown config key {excerpt(key)}{hint}"


def _check_expansion(root) -> None:
    """Refuse a document whose values, with every alias expanded, are more than
    MAX_YAML_VALUES or deeper than MAX_YAML_DEPTH (a billion-laughs bomb is a few lines
    that expand to 10^9 values). The walk stops at the bound, so it is fast either way;
    a recursive alias never ends, so it is refused the same way."""
    import yaml

    stack, seen = [(root, 1)], 0
    while stack:
        node, depth = stack.pop()
        seen += 1
        if seen > MAX_YAML_VALUES or depth > MAX_YAML_DEPTH:
            raise ConfigError(f"its values, with aliases (*name) expanded, are more than "
                              f"{MAX_YAML_VALUES} or nest deeper than {MAX_YAML_DEPTH} levels")
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend((child, depth + 1) for pair in node.value for child in pair)


@functools.cache
def _bounded_loader():
    import yaml

    class BoundedLoader(yaml.SafeLoader):
        """yaml.SafeLoader that stops composing past the bound (a 1 MB list of numbers is
        500,000 values) and measures a document before building it."""

        composed = 0

        def compose_node(self, parent, index):
            self.composed += 1
            if self.composed > MAX_YAML_VALUES:
                raise ConfigError(f"it holds more than {MAX_YAML_VALUES} values")
            return super().compose_node(parent, index)

        def construct_document(self, node):
            _check_expansion(node)
            return super().construct_document(node)

        def construct_yaml_int(self, node):
            if len(node.value) > MAX_NUMBER_CHARS:
                raise ValueError(f"a number of {len(node.value)} characters")
            return super().construct_yaml_int(node)

    BoundedLoader.add_constructor("tag:yaml.org,2002:int", BoundedLoader.construct_yaml_int)
    return BoundedLoader


def _too_large(what: str) -> ConfigError:
    return ConfigError(f"{what} is larger than {MAX_YAML_BYTES // 1024} KB; a config is a few KB")


def load_yaml(text: str, what: str) -> Any:
    """The YAML document in ``text`` (a config, a sweep, a ``--set`` value), read within
    bounds: over MAX_YAML_BYTES or MAX_YAML_VALUES expanded values is a ConfigError that
    starts with ``what``. Unreadable YAML (nested past Python's recursion, a number of
    over MAX_NUMBER_CHARS characters) is a ``yaml.YAMLError`` like any other syntax error,
    its message one short line."""
    import yaml

    if len(text) > MAX_YAML_BYTES:
        raise _too_large(what)
    loader = _bounded_loader()(text)
    try:
        return loader.get_single_data()
    except ConfigError as e:
        raise ConfigError(f"{what}: {e}") from None
    except RecursionError:
        raise yaml.YAMLError("nested too deeply") from None
    except ValueError as e:  # a number too long, an impossible date
        raise yaml.YAMLError(f"cannot read a value: {excerpt(str(e), 120)}") from None
    except yaml.YAMLError as e:  # its messages span lines and quote the text
        raise yaml.YAMLError(_one_line(str(e))) from None
    finally:
        loader.dispose()


def read_yaml(path: Path, what: str, from_data: bool = False) -> Any:
    """``load_yaml`` of the file at ``path``, of which at most MAX_YAML_BYTES are read (a
    device or a huge file is refused without reading it all). A path that comes from data
    (``from_data``: an ``extends:``, a sweep's base config) must name a regular file, read
    by :func:`~summarizer.fileio.read_regular` (a FIFO would hang the run); a file the
    user names may be a pipe (``--config <(...)``). OSError (a missing file, one refused)
    and ``yaml.YAMLError`` pass through for the caller's message."""
    if from_data:
        from .fileio import Unreadable, read_regular

        try:
            raw = read_regular(path, MAX_YAML_BYTES, f"{MAX_YAML_BYTES // 1024} KB")
        except Unreadable as e:  # ENOENT makes it a FileNotFoundError
            raise OSError(e.errno, str(e)) from None
    else:
        with Path(path).open("rb") as f:
            raw = f.read(MAX_YAML_BYTES + 1)
    if len(raw) > MAX_YAML_BYTES:  # before decoding: the cut may split a character
        raise _too_large(what)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{what} is not UTF-8 text") from None
    return load_yaml(text, what)


def _one_line(message: str, limit: int = 300) -> str:
    """A message from a library (YAML errors span lines) as one short line."""
    text = " ".join(message.split())
    return text if len(text) <= limit else text[:limit] + "..."


def _read_yaml(given: Path, seen: tuple[Path, ...] = (), from_data: bool = False) -> dict:
    """The mapping of the config file ``given``, its ``extends:`` chain merged in. The file
    is read at the name given (``/dev/fd/63`` is a pipe, its resolved name none); an
    ``extends:`` comes from data, so it must be a regular file (:func:`read_yaml`)."""
    import yaml

    try:
        path = given.resolve()
    except (OSError, RuntimeError):  # a symlink loop (RuntimeError before Python 3.13)
        raise ConfigError(f"cannot read config {given}: a symlink loop") from None
    if path in seen:
        raise ConfigError(f"config {path} extends itself (cycle: {' -> '.join(map(str, seen))})")
    if len(seen) >= MAX_EXTENDS:
        raise ConfigError(f"config {seen[0]}: its chain of extends: is longer than "
                          f"{MAX_EXTENDS} files")
    try:
        data = read_yaml(given, f"config {path}", from_data)
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except OSError as e:
        raise ConfigError(f"cannot read config {path}: {e.strerror or e}") from None
    except yaml.YAMLError as e:
        raise ConfigError(f"config {path} is not valid YAML: {e}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"config {path} must be a mapping of sections, not {type(data).__name__}")
    parent = data.pop("extends", None)
    if parent is not None and not isinstance(parent, str):
        raise ConfigError(f"config {path}: extends must name a file, not {excerpt(parent)}")
    if parent:
        data = _merge(_read_yaml(path.parent / parent, seen + (path,), True), data)
    return data


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


def parse_override(item: str) -> tuple[str, Any]:
    """``"select.words=250"`` -> ("select.words", 250); values are read as YAML
    scalars, so ``null``, ``true``, numbers and ``[a, b]`` lists work."""
    import yaml

    if "=" not in item:
        raise ConfigError(f"override {excerpt(item)} must look like section.key=value")
    key, raw = item.split("=", 1)
    key = key.strip()
    if not key:
        raise ConfigError(f"override {excerpt(item)} has an empty key")
    try:
        value = load_yaml(raw, f"--set {excerpt(key)}") if raw.strip() else ""
    except yaml.YAMLError:
        value = raw
    return key, value


# What apply_overrides takes: ``--set`` items ("key=value"), (key, value) pairs, or both
# in one list, or a mapping of keys to values (the API's keyword arguments).
Overrides = Union[Mapping[str, Any], Iterable[Union[str, tuple[str, Any]]]]


def apply_overrides(data: dict, overrides: Overrides) -> dict:
    """A copy of the config mapping ``data`` with ``overrides`` put in, in order. A dotted
    key must name a config key or section (else one line: :func:`_unknown_key_message`);
    a mapping given for a section is merged into it key by key. The one way the CLI's
    ``--set`` and flags, the API's keyword arguments and a sweep's points change a config
    (:func:`load_config`, :meth:`Config.with_overrides`)."""
    data = copy.deepcopy(data)  # values are bounded by load_yaml; YAML dates are kept
    items = overrides.items() if isinstance(overrides, Mapping) else overrides
    for item in items:
        key, value = parse_override(item) if isinstance(item, str) else item
        _put(data, str(key), value)
    return data


def _put(data: dict, key: str, value: Any) -> None:
    sections = _config_keys()
    if key not in sections:
        raise ConfigError(_unknown_key_message(key))
    if sections[key] and isinstance(value, Mapping):
        for k, v in value.items():
            _put(data, f"{key}.{k}", v)
        return
    *path, last = key.split(".")
    node = data
    for part in path:
        node = node.setdefault(part, {})
        if not isinstance(node, dict):
            raise ConfigError(f"config key {key!r}: {part!r} is not a section")
    node[last] = value


@functools.cache
def _config_keys() -> dict[str, bool]:
    """Every dotted key of :class:`Config` -> whether it is a section."""
    keys = _valid_keys(Config)
    return {k: any(other.startswith(k + ".") for other in keys) for k in keys}


_MAX_ERRORS = 3  # a file of 10,000 wrong keys is not 10,000 messages


def _error_line(e: dict) -> str:
    loc = ".".join(str(p) for p in e["loc"])
    if e["type"] == "extra_forbidden":
        return _unknown_key_message(loc)
    value = e.get("input")
    expected = e["msg"]
    if e["type"] in ("value_error", "assertion_error"):
        expected = expected.removeprefix("Value error, ")
        if isinstance(value, str) and len(value) > 80:  # a validator that quotes it whole
            expected = expected.replace(repr(value), excerpt(value))
        line = (expected if expected.startswith("config key ")
                else f"config key {_one_line(loc, 100) or '(root)'}: {expected}")
    else:
        line = f"config key {excerpt(loc)} has value {excerpt(value)}: {expected.lower()}"
    return _one_line(line, 400)


def _format_validation_error(err: ValidationError) -> str:
    errors = err.errors(include_url=False)
    lines = [_error_line(e) for e in errors[:_MAX_ERRORS]]
    if len(errors) > _MAX_ERRORS:
        lines.append(f"and {len(errors) - _MAX_ERRORS} more")
    return "; ".join(lines)


def build_config(data: dict | None = None) -> Config:
    """Validate a plain mapping into a Config, turning pydantic errors into ConfigError."""
    data = data or {}
    try:
        return Config.model_validate(data)
    except ValidationError as e:
        raise ConfigError(_format_validation_error(e)) from None


def config_file(path: str | Path) -> Path:
    """The file a ``--config`` value names: an existing path, else a shipped config
    (``duc``, ``duc.yaml`` or ``configs/duc.yaml``), else a ConfigError listing them."""
    from .resources import find_config, shipped_configs

    p = Path(path).expanduser()
    try:
        if p.exists():
            return p
    except OSError:  # a name too long for the file system
        raise ConfigError(f"config file not found: {excerpt(str(path))}") from None
    shipped = find_config(str(path))
    if shipped is not None:
        return shipped
    raise ConfigError(f"config file not found: {excerpt(os.path.abspath(p), 300)} (shipped "
                      f"configs: {', '.join(shipped_configs())})")


def load_config(path: str | Path | None = None, overrides: Overrides | None = None,
                from_data: bool = False) -> Config:
    """Read ``path`` (or the defaults), apply ``overrides`` (:func:`apply_overrides`),
    validate. ``path`` may also name a shipped config: ``load_config("duc")``;
    ``from_data``: it comes from a file (a sweep's base), so it must be a regular file
    (:func:`read_yaml`)."""
    data = _read_yaml(config_file(path), from_data=from_data) if path else {}
    if overrides:
        data = apply_overrides(data, overrides)
    return build_config(data)
