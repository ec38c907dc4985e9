"""The sections of the scoring: sentence vectors (``similarity``), the methods
(``rank``, one section per method) and the query they may be focused on (``query``)."""

from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import Field, model_validator

from .bounds import MAX_WEIGHT, Count, Damping, Share, Weight, _Strict
from .messages import _moved


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
                old = f"similarity.{key}"
                if old in SIMILARITY_MOVED:
                    raise ValueError(_moved(old, SIMILARITY_MOVED[old]))
        return data


# The keys that sat flat in ``similarity``, old -> new (MOVED_KEYS).
SIMILARITY_MOVED = {**{f"similarity.{k}": f"similarity.tfidf.{k}"
                       for k in TfidfConfig.model_fields},
                    **{f"similarity.{k}": f"similarity.embeddings.{k}"
                       for k in EmbeddingsConfig.model_fields}}


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
    """``rank.sumbasic``: FreqSum / SumBasic (rank/sumbasic.py).

    pick: ``top_word``, the best of the sentences containing the most probable word
    (SumBasic 2005, step 3), or ``best``, the sentence of highest mean word probability
    (Nenkova et al. 2006); update: ``square`` squares the probabilities
    of a chosen sentence's words (both papers' context adjustment), ``none`` leaves them;
    min_words: sentences of fewer words wait until the longer ones run out (0: no floor);
    redundancy: skip a sentence whose cosine with a chosen one exceeds this (1: off, as
    in both papers, where the update removes duplicates)."""

    pick: Literal["best", "top_word"] = "top_word"
    update: Literal["square", "none"] = "square"
    min_words: int = Field(15, ge=0, le=1000)  # words; 0: no floor
    redundancy: Share = 1.0


class KLSumConfig(_Strict):
    """``rank.klsum``: greedy KL-Sum (rank/klsum.py); the summary's word distribution is
    smoothed by adding ``smoothing`` to every cluster word's count; min_words: sentences
    of fewer words wait until the longer ones run out (0: no floor); redundancy: skip a
    sentence whose cosine with a chosen one exceeds this (1: off, as in the paper)."""

    smoothing: float = Field(0.01, gt=0, le=MAX_WEIGHT)
    min_words: int = Field(15, ge=0, le=1000)  # words; 0: no floor
    redundancy: Share = 1.0


class SubmodularConfig(_Strict):
    """``rank.submodular``: Lin & Bilmes (2011) coverage + diversity (rank/submodular.py).

    alpha: coverage saturates at ``alpha / n`` of a sentence's total similarity (their
    a / N, a = 5); diversity: weight of the diversity reward (their lambda = 6);
    clusters: diversity partitions as a share of the sentences (k-means on the vectors);
    cost_scaling: the budgeted greedy's r (gain / cost^r, their 0.3); similarity: the
    w_ij, ``paper`` (their tf-idf cosine: term counts times log(sentences / df) over
    the tokens and token bigrams) or ``vectors`` (cosine of the pipeline's vectors,
    ``similarity.backend``: TF-IDF or embeddings)."""

    similarity: Literal["paper", "vectors"] = "paper"
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


class LearnedConfig(_Strict):
    """``rank.learned``: the trained ranker (rank/learned.py). model: the model file
    ``summarizer train`` writes (JSON, never code: summarizer/learn/model.py); in a config
    file a relative path is relative to that file, given with ``--set`` or through the API
    relative to the current folder; required when ``rank.method`` is ``learned``.
    priors: multiply the model's scores by ``rank.priors`` (position, support, length)
    as the other scorers' are; off, the model's own order is kept."""

    model: Optional[str] = Field(None, min_length=1, max_length=4096)
    priors: bool = False


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
    learned: LearnedConfig = LearnedConfig()

    @model_validator(mode="after")
    def _model_given(self) -> "RankConfig":
        """The trained ranker cannot run without its model: said when the config is read,
        not at the first cluster."""
        if self.method == "learned" and self.learned.model is None:
            raise ValueError("config key rank.learned.model: required when rank.method is "
                             "learned (the model file `summarizer train` writes)")
        return self


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
