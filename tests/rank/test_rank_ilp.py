"""rank/ilp.py: the concept ILP of Gillick & Favre (2009) against hand-computed optima,
the time-limit fallback, budgets, the query term (the CLI: test_methods_cli.py)."""

import logging

import numpy as np
import scipy.optimize
from hypothesis import given, settings, strategies as st

from summarizer.config import RankConfig, load_config
from summarizer.documents import Unit
from summarizer.language import get_language
from summarizer.pipeline import summarize_cluster
from summarizer.rank import Context, Query
from summarizer.rank.ilp import choose, concept_weights
from summarizer.budget import Budget
from summarizer.text import word_count

EN = get_language("en")


def context(texts, budget, supports=None, eligible=None, query=None):
    supports = supports or [((a, i) for a in range(3)) for i in range(len(texts))]
    units = [Unit(t, tuple(s)) for t, s in zip(texts, supports)]
    n = len(units)
    eligible = np.ones(n, dtype=bool) if eligible is None else np.asarray(eligible)
    lengths = np.array([word_count(t) for t in texts], dtype=np.float64)
    return Context(units, np.eye(max(n, 1))[:n], eligible, budget, lengths, np.ones(n), EN,
                   len({a for u in units for a, _ in u.support}), query)


# Every unit is in all three articles, so each of its bigrams weighs 3 (df = 3).
# 0: 4 words, bigrams k1k2 k2k3 k3k4: 9, 2.25 a word.
# 1, 2: 3 words, 2 bigrams each: 6, 2.00 a word.
# Under 6 words the greedy (best weight per word) takes 0, then nothing fits: 9. The ILP
# takes 1 and 2: 12, the optimum (0 with either is 7 words).
GREEDY_TRAP = ["Kilo1 kilo2 kilo3 kilo4.", "Lima1 lima2 lima3.", "Mike1 mike2 mike3."]


def test_ilp_finds_the_optimum_greedy_misses():
    out = choose(context(GREEDY_TRAP, Budget(words=6)), RankConfig(method="ilp"))
    assert out.indices == [1, 2]
    assert out.notes == []
    assert np.allclose(out.scores, [9, 6, 6])
    # With 7 words 0 and 1 (or 0 and 2: 15) beat 1 and 2 (12).
    out = choose(context(GREEDY_TRAP, Budget(words=7)), RankConfig(method="ilp"))
    assert out.indices[0] == 0 and len(out.indices) == 2


def test_concepts_shared_between_sentences_count_once():
    # 1 holds every concept of 0 (alpha bravo, bravo charlie) and one more; 2 has its
    # own. Two sentences: 1 and 2 cover all 5 concepts (15); 0 and 1 only 3.
    texts = ["Alpha bravo charlie.", "Alpha bravo charlie delta.", "Echo foxtrot golf."]
    out = choose(context(texts, Budget(words=None, sentences=2)), RankConfig(method="ilp"))
    assert out.indices == [1, 2]


def test_concepts_are_stemmed_bigrams_without_stop_word_pairs_and_df_weighted():
    units = [Unit("The bridges of the city closed.", ((0, 0), (1, 3))),
             Unit("The bridge of the city reopened.", ((2, 1),))]
    concepts, weights = concept_weights(units, EN, min_df=1)
    # "of the" (two stop words) is no concept; "the bridg" (one stop word) is.
    assert len(concepts[0]) == 4 and len(concepts[1]) == 4
    shared = set(concepts[0]) & set(concepts[1])
    assert len(shared) == 3  # the bridg, bridg of, the citi
    assert sorted(weights[list(shared)]) == [3, 3, 3]  # articles 0, 1 and 2
    assert sorted(weights[list(set(concepts[0]) - shared)]) == [2]  # citi close
    # min_df 3 in a cluster of 10 articles: only the concepts in three articles are kept.
    concepts, weights = concept_weights(units, EN, min_df=3, n_articles=10)
    assert len(weights) == 3 and all(len(c) == 3 for c in concepts)
    # A 3-article cluster takes min_df in proportion: round(3 * 3 / 10) = 1, every
    # concept is kept; so is every concept with min_df 5 (round(1.5) = 2 keeps df >= 2).
    concepts, weights = concept_weights(units, EN, min_df=3)
    assert len(weights) == 5  # the bridg, bridg of, the citi, citi close, citi reopen
    _, weights = concept_weights(units, EN, min_df=5)
    assert len(weights) == 4
    # The position prior: 1 + 1 / (1 + earliest position); unit 0 is at position 0 (in
    # article 0), unit 1 at 1, so only "citi reopen" is first seen at position 1.
    _, plain = concept_weights(units, EN, min_df=1)
    _, prior = concept_weights(units, EN, min_df=1, position=1.0)
    assert sorted(prior / plain) == sorted([2.0] * 4 + [1.5])


def test_only_eligible_units_are_variables():
    ctx = context(GREEDY_TRAP, Budget(words=6), eligible=[True, False, True])
    assert choose(ctx, RankConfig(method="ilp")).indices == [0]


def failed_milp(*args, **kwargs):
    return scipy.optimize.OptimizeResult(status=1, x=None, success=False,
                                         message="Time limit reached.")


def test_time_limit_uses_the_greedy_and_says_so(monkeypatch):
    monkeypatch.setattr(scipy.optimize, "milp", failed_milp)
    out = choose(context(GREEDY_TRAP, Budget(words=6)), RankConfig(method="ilp"))
    assert out.indices == [0]  # the greedy's answer
    assert out.notes == ["ilp: HiGHS hit the 10 s time limit; greedy fallback used"]


def test_time_limit_is_reported_through_the_pipeline(monkeypatch, caplog, tiny_cluster):
    monkeypatch.setattr(scipy.optimize, "milp", failed_milp)
    config = load_config(None, ["rank.method=ilp", "rank.ilp.time_limit=0.5",
                                "select.words=40"])
    with caplog.at_level(logging.WARNING, logger="summarizer"):
        summary = summarize_cluster(tiny_cluster, config)
    assert summary.sentences
    assert "ilp: HiGHS hit the 0.5 s time limit; greedy fallback used" in caplog.text


def test_a_real_time_limit_keeps_the_budget():
    # A generated cluster large enough that a 1 ms limit stops HiGHS: whatever it
    # returns (its incumbent or the greedy) fits, and a note says so.
    rng = np.random.default_rng(0)
    vocab = [f"w{i}" for i in range(60)]
    texts = [" ".join(rng.choice(vocab, 12)).capitalize() + "." for _ in range(300)]
    supports = [tuple((int(a), i) for a in rng.choice(8, 3, replace=False))
                for i in range(300)]
    ctx = context(texts, Budget(words=100), supports=supports)
    out = choose(ctx, RankConfig(method="ilp", ilp={"time_limit": 0.001}))
    assert out.notes and out.notes[0].startswith("ilp: HiGHS hit the 0.001 s time limit")
    for k, i in enumerate(out.indices):
        assert ctx.fits(out.indices[:k], i)


def test_query_term_moves_the_choice_toward_the_query():
    texts = ["Kilo1 kilo2 kilo3.", "Lima1 lima2 lima3."]
    ctx = context(texts, Budget(words=3))
    assert choose(ctx, RankConfig(method="ilp")).indices == [0]  # equal: lowest index
    ctx.query = Query("lima", np.array([0.0, 1.5]))
    out = choose(ctx, RankConfig(method="ilp"))
    assert out.indices == [1]
    assert np.allclose(out.scores, [6, 12])  # 6 + weight * (1.5 / 1.5) * max coefficient


def test_byte_budget_is_exact():
    # 3 units of 10 bytes; 21 bytes hold two (10 + 1 + 10), not three.
    texts = ["Aaaa bbbb.", "Cccc dddd.", "Eeee ffff."]
    for nbytes, count in ((20, 1), (21, 2), (31, 2), (32, 3)):
        out = choose(context(texts, Budget(words=None, bytes=nbytes)), RankConfig(method="ilp"))
        assert len(out.indices) == count


WORDS = st.sampled_from(["bridge", "harbor", "cable", "pier", "storm", "crew", "mayor",
                         "closed", "repairs", "traffic"])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(WORDS, min_size=1, max_size=12), min_size=1, max_size=12),
       st.lists(st.booleans(), min_size=12, max_size=12),
       st.one_of(st.none(), st.integers(1, 40)), st.one_of(st.none(), st.integers(1, 4)),
       st.one_of(st.none(), st.integers(10, 300)), st.booleans())
def test_budget_holds_and_only_eligible(sentences, mask, words, sents, nbytes, fallback):
    texts = [" ".join(s).capitalize() + "." for s in sentences]
    supports = [((i % 3, i), ((i + 1) % 3, i)) for i in range(len(texts))]
    ctx = context(texts, Budget(words=words, sentences=sents, bytes=nbytes),
                  supports=supports, eligible=mask[:len(texts)])
    cfg = RankConfig(method="ilp", ilp={"min_df": 1})
    if fallback:
        original = scipy.optimize.milp
        scipy.optimize.milp = failed_milp
    try:
        out = choose(ctx, cfg)
    finally:
        if fallback:
            scipy.optimize.milp = original
    assert out.indices == sorted(set(out.indices))
    assert all(ctx.eligible[i] for i in out.indices)
    for k, i in enumerate(out.indices):
        assert ctx.fits(out.indices[:k], i)


def test_what_the_solver_prints_to_fd_1_never_reaches_stdout():
    """HiGHS writes some messages from C++ to file descriptor 1 even with disp off; in a
    JSON-lines run they broke the output. The solve runs with fd 1 on /dev/null."""
    import subprocess
    import sys

    code = ("import os\nfrom summarizer.rank.ilp import _stdout_silenced\n"
            "print('before', flush=True)\n"
            "with _stdout_silenced():\n    os.write(1, b'HighsMipSolverData noise\\n')\n"
            "print('after')\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout == "before\nafter\n"
