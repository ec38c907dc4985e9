"""rank/submodular.py: Lin & Bilmes (2011) on hand-computed clusters, budgets, the query
term, their tf-idf similarity (the CLI: test_methods_cli.py)."""

import math


import numpy as np
from hypothesis import given, settings, strategies as st

from summarizer.config import RankConfig
from summarizer.documents import Unit
from summarizer.language import get_language
from summarizer.rank import Context, Query
from summarizer.rank.submodular import choose, paper_vectors
from summarizer.budget import Budget
from summarizer.text import word_count
from summarizer.similarity import TfidfBackend


def context(vectors, lengths, budget, eligible=None, query=None, texts=None):
    X = np.asarray(vectors, dtype=np.float64)
    n = len(X)
    texts = texts or [" ".join(["Word"] * int(k)) + "." for k in lengths]
    units = [Unit(t, ((i, 0),)) for i, t in enumerate(texts)]
    eligible = np.ones(n, dtype=bool) if eligible is None else np.asarray(eligible)
    return Context(units, X, eligible, budget, np.asarray(lengths, dtype=np.float64),
                   np.ones(n), get_language("en"), n, query)


def rank(**submodular):
    """The objective on the given vectors (``similarity: vectors``) unless told."""
    return RankConfig(method="submodular", submodular={"similarity": "vectors", **submodular})


E1, E2, E3 = [1, 0, 0], [0, 1, 0], [0, 0, 1]


def test_coverage_saturates():
    # w = [[1,1,0],[1,1,0],[0,0,1]]; a = 1.5 so alpha = 1.5/3 and the caps alpha*C_i(V)
    # are (1, 1, 0.5). F({0}) = F({1}) = 1 + 1 = 2, F({2}) = 0.5; after 0, unit 1 adds
    # nothing (0 and 1 saturated) and unit 2 adds 0.5: [0, 2], not the top two [0, 1].
    ctx = context([E1, E1, E2], [5, 5, 5], Budget(words=None, sentences=2))
    out = choose(ctx, rank(alpha=1.5, diversity=0, cost_scaling=0))
    assert out.indices == [0, 2]
    assert np.allclose(out.scores, [2, 2, 0.5])


def test_diversity_reward_prefers_a_new_partition():
    # Two pairs of identical vectors: k-means with K = ceil(0.5 * 4) = 2 puts each pair in
    # one partition. w is two 2x2 blocks of ones, C_i(V) = 2, caps 2.5: no saturation, so
    # L({0,1}) = L({0,2}) = 4. r_j = 2/4 = 0.5. F({0,1}) = 4 + 6*sqrt(1) = 10 and
    # F({0,2}) = 4 + 6*2*sqrt(0.5) = 12.49: the greedy takes 0 (ties by index), then 2.
    ctx = context([E1, E1, E2, E2], [5] * 4, Budget(words=None, sentences=2))
    assert choose(ctx, rank(clusters=0.5)).indices == [0, 2]
    # Without the diversity term the two are worth the same: the lower index wins.
    assert choose(ctx, rank(clusters=0.5, diversity=0)).indices == [0, 1]
    singleton = 2 + 6 * np.sqrt(0.5)
    assert np.allclose(choose(ctx, rank(clusters=0.5)).scores, singleton)


def test_best_single_sentence_beats_the_greedy_set():
    # Unit 0 (10 words) and three ineligible copies of it: F({0}) = 4. Units 1 and 2
    # (1 word each, orthogonal to everything) are worth 1 each. With r = 1 the greedy
    # takes 1 and 2 (ratio 1 > 4/10), then 0 no longer fits 10 words: F = 2 < 4, so
    # Algorithm 1's last step returns the single sentence [0].
    vectors = [E1, E2, E3, E1, E1, E1]
    ctx = context(vectors, [10, 1, 1, 10, 10, 10], Budget(words=10),
                  eligible=[True, True, True, False, False, False])
    out = choose(ctx, rank(alpha=100, diversity=0, cost_scaling=1))
    assert out.indices == [0]
    assert np.allclose(out.scores[:3], [4, 1, 1])
    # With 12 words all three fit: the greedy set (value 6) wins.
    ctx.budget = Budget(words=12)
    assert choose(ctx, rank(alpha=100, diversity=0, cost_scaling=1)).indices == [1, 2, 0]


def test_query_term_moves_the_choice_toward_the_query():
    ctx = context([E1, E2], [5, 5], Budget(words=5))
    assert choose(ctx, rank()).indices == [0]  # equal value: the lower index
    ctx.query = Query("bridge", np.array([0.0, 2.0]))
    out = choose(ctx, rank())
    assert out.indices == [1]
    # weight 1 * rel / max(rel) * the largest F({j}) without the query (2/2 + 6 sqrt(1/2))
    assert np.isclose(out.scores[1] - out.scores[0], 1 + 6 * np.sqrt(0.5))
    ctx.query = Query("bridge", np.array([0.0, 2.0]), weight=0.0)
    assert choose(ctx, rank()).indices == [0]


def test_deterministic_and_empty():
    ctx = context([], [], Budget(words=10))
    assert choose(ctx, rank()).indices == []
    texts = [f"The harbor bridge story number {i} tells of cable {i % 3} and pier {i % 5}."
             for i in range(40)]
    X = TfidfBackend().vectors(texts)
    ctx = context(X.toarray(), [word_count(t) for t in texts], Budget(words=60), texts=texts)
    ctx.X = X
    first = choose(ctx, rank())
    assert first.indices == choose(ctx, rank()).indices
    assert first.indices


def test_sparse_route_for_large_clusters(monkeypatch):
    # Above DENSE_MAX the top-100 graph stands for w; with fewer than 100 sentences it
    # holds every positive similarity, so the choice is the dense one.
    import summarizer.rank.submodular as sub

    texts = [f"Divers checked pier {i % 7} while crews tested cable {i % 4} today."
             for i in range(30)]
    X = TfidfBackend().vectors(texts)
    ctx = context(X.toarray(), [word_count(t) for t in texts], Budget(words=40), texts=texts)
    ctx.X = X
    dense = choose(ctx, rank(clusters=1.0))
    monkeypatch.setattr(sub, "DENSE_MAX", 5)
    sparse = choose(ctx, rank(clusters=1.0))
    # float32 graph against float64 dense: equal up to rounding, so ties may break apart;
    # the two choices are worth the same.
    assert np.allclose(sparse.scores, dense.scores, rtol=1e-5)

    def value(indices):
        objective = sub._Objective(X, RankConfig().submodular.model_copy(
            update={"clusters": 1.0}), None)
        for i in indices:
            objective.add(i)
        return objective.value

    assert np.isclose(value(sparse.indices), value(dense.indices), rtol=1e-5)


WORDS = st.sampled_from(["bridge", "harbor", "cable", "pier", "storm", "crew", "mayor",
                         "closed", "repairs", "traffic"])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(WORDS, min_size=1, max_size=12), min_size=1, max_size=12),
       st.lists(st.booleans(), min_size=12, max_size=12),
       st.one_of(st.none(), st.integers(1, 40)), st.one_of(st.none(), st.integers(1, 4)),
       st.one_of(st.none(), st.integers(10, 300)))
def test_budget_holds_and_only_eligible(sentences, mask, words, sents, nbytes):
    texts = [" ".join(s).capitalize() + "." for s in sentences]
    X = TfidfBackend().vectors(texts)
    n = len(texts)
    ctx = context(X.toarray(), [word_count(t) for t in texts],
                  Budget(words=words, sentences=sents, bytes=nbytes), eligible=mask[:n],
                  texts=texts)
    for cfg in (rank(), RankConfig(method="submodular")):  # vectors, then the paper's
        out = choose(ctx, cfg)
        assert len(set(out.indices)) == len(out.indices)
        assert all(ctx.eligible[i] for i in out.indices)
        for k, i in enumerate(out.indices):
            assert ctx.fits(out.indices[:k], i)
        assert len(out.scores) == n


# Lin & Bilmes' similarity (section 5.1): raw counts times idf = log(N / df) over the
# cluster's sentences, terms up to bigrams, the words being the pipeline's tokens.

def test_paper_vectors_by_hand():
    # N = 4; df: a 3, b 2, c 1, d 1, (a, b) 2, (a, c) 1.
    la, lb, lc = math.log(4 / 3), math.log(2), math.log(4)
    P = paper_vectors([["a", "b"], ["a", "b"], ["a", "c"], ["d"]])
    W = (P @ P.T).toarray()
    s0 = math.sqrt(la ** 2 + lb ** 2 + lb ** 2)  # a, b, (a, b)
    s2 = math.sqrt(la ** 2 + lc ** 2 + lc ** 2)  # a, c, (a, c)
    assert np.isclose(W[0, 1], 1.0)
    assert np.isclose(W[0, 2], la ** 2 / (s0 * s2))  # 0.0409: only "a" is shared
    assert np.allclose(W[3, :3], 0) and np.isclose(W[3, 3], 1.0)


def test_paper_vectors_count_raw_terms_and_bigrams_and_drop_ubiquitous_words():
    # "a b a b": a, b and the bigram (a, b) twice, (b, a) once, all with idf log 2
    # (raw counts, not 1 + log count): the row is (2, 2, 2, 1) / sqrt(13).
    P = paper_vectors([["a", "b", "a", "b"], ["c"]]).toarray()
    assert np.allclose(sorted(P[0][P[0] > 0]), np.array([1, 2, 2, 2]) / math.sqrt(13))
    # A word in every sentence weighs log(N / N) = 0: "x" links nothing.
    P = paper_vectors([["x", "a"], ["x", "b"]])
    assert (P @ P.T).toarray()[0, 1] == 0


TEXTS = ["Harbor bridge cables snapped in the storm.",
         "The harbor bridge cables snapped overnight.",
         "Crews said the bridge cables snapped.",
         "Bridge traffic stopped for hours.",
         "The mayor closed the bridge to traffic.",
         "Bridge repairs will take weeks, the mayor said."]


def test_the_default_similarity_reads_the_tokens_not_the_vectors():
    """By default w comes from ``ctx.tokens`` (paper); ``similarity: vectors`` reads
    ctx.X. Orthogonal vectors make every sentence worth the same, so the cost ratio
    takes the shortest (unit 3, then 1); the tokens link the cable sentences: 1, 2."""
    lengths = [word_count(t) for t in TEXTS]
    ctx = context(np.eye(len(TEXTS)), lengths, Budget(sentences=2), texts=TEXTS)
    default = RankConfig(method="submodular", submodular={"clusters": 0.5})
    assert choose(ctx, rank(clusters=0.5)).indices == [3, 1]
    assert choose(ctx, default).indices == [1, 2]
    ctx.X = paper_vectors(ctx.tokens)
    assert choose(ctx, rank(clusters=0.5)).indices == [1, 2]


def test_the_default_through_pick_fills_the_budget():
    """rank.pick with the defaults (similarity paper) and select.truncate: 20 words
    exactly, in reading order, from this cluster's sentences."""
    from summarizer.config import load_config
    from summarizer.documents import Article
    from summarizer.rank import pick

    units = [Unit(t, ((i % 3, i // 3),)) for i, t in enumerate(TEXTS)]
    cfg = load_config(None, ["rank.method=submodular", "select.words=20",
                             "select.truncate=true"])
    X = TfidfBackend().vectors(TEXTS)
    articles = [Article(str(a), "") for a in range(3)]
    chosen, scores, notes = pick(units, X, articles, cfg, get_language("en"))
    assert sum(word_count(s.unit.text) for s in chosen) == 20
    assert len(scores) == len(TEXTS) and notes == []
    assert all(TEXTS[s.index].startswith(s.unit.text) for s in chosen)
