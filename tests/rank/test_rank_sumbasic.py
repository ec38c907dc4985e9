"""SumBasic (summarizer/rank/sumbasic.py): a hand-checked cluster, budgets, properties,
(the CLI: test_methods_cli.py)."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from conftest import assert_within_budget
from summarizer.config import RankConfig
from summarizer.documents import Unit
from summarizer.language import get_language
from summarizer.rank import Context
from summarizer.rank.sumbasic import choose
from summarizer.budget import Budget
from summarizer.text import word_count


# Invented words: none is a stop word and the Porter stemmer leaves each as it is.
# U0 stands for two input sentences (articles 0 and 1), so its words count twice.
GOLDEN = [
    Unit("Plim felk.", ((0, 0), (1, 0))),   # U0
    Unit("Zorb quax drov.", ((0, 1),)),      # U1
    Unit("Zorb tund grop.", ((1, 1),)),      # U2
    Unit("Zorb mirt velk.", ((2, 0),)),      # U3
]
# Counts (U0 twice): plim 2, felk 2, zorb 3, quax drov tund grop mirt velk 1 each; N = 13.
# Step 1. p = count/13. Weights (x 1/13): U0 (2+2)/2 = 2, U1 = U2 = U3 = (3+1+1)/3 = 5/3.
#   The top word is zorb (3/13): U1, U2, U3 qualify, tied at 5/3 -> U1 (lowest index),
#   although U0 weighs more (step 3 is what picks U1). Score U1 = 5/39.
#   Square zorb, quax, drov. In units of 1/169: plim 26, felk 26, zorb 9, quax 1, drov 1,
#   tund grop mirt velk 13.
# Step 2. Top words plim and felk (26, tied): only U0 has them, weight (26+26)/2 = 26 ->
#   U0, score 26/169 = 2/13. Square plim, felk. In units of 1/169^2: plim felk 676,
#   zorb 1521, quax drov 169, tund grop mirt velk 2197.
# Step 3. Top words tund, grop, mirt, velk (2197): U2 and U3 qualify, both
#   (1521+2197+2197)/3 = 5915/3 -> U2 (lowest index), score 5915/85683.
# Step 4. U3 is all that is left: taken last.
# So: U1, U0, U2, U3 with no budget. Words: U1 3, U0 2, U2 3, U3 3 -> a budget of 8
# words takes U1, U0, U2 (8); of 7 takes U1, U0 (U2 would make 8; U3 too).
# FreqSum (no update): zorb stays on top while a sentence has it: U1, U2, U3, then U0.


def context(units, budget=Budget(), eligible=None, language="en"):
    n = len(units)
    lengths = np.array([word_count(u.text) for u in units], dtype=np.float64)
    eligible = np.ones(n, dtype=bool) if eligible is None else np.asarray(eligible)
    n_articles = len({a for u in units for a, _ in u.support})
    return Context(units, None, eligible, budget, lengths, np.ones(n),
                   get_language(language), n_articles)


def rank_config(update="square"):
    return RankConfig(method="sumbasic", sumbasic={"update": update})


def test_golden_order_and_scores():
    result = choose(context(GOLDEN), rank_config())
    assert result.indices == [1, 0, 2, 3]
    assert result.scores[1] == pytest.approx(float(F(5, 39)))
    assert result.scores[0] == pytest.approx(float(F(2, 13)))
    assert result.scores[2] == pytest.approx(float(F(5915, 85683)))


def test_golden_word_budget_skips_what_does_not_fit():
    assert choose(context(GOLDEN, Budget(words=8)), rank_config()).indices == [1, 0, 2]
    assert choose(context(GOLDEN, Budget(words=7)), rank_config()).indices == [1, 0]


def test_golden_freqsum_has_no_update():
    assert choose(context(GOLDEN), rank_config("none")).indices == [1, 2, 3, 0]


def test_unchosen_units_keep_their_initial_weight():
    result = choose(context(GOLDEN, Budget(sentences=1)), rank_config())
    assert result.indices == [1]
    assert result.scores[0] == pytest.approx(2 / 13)
    assert result.scores[3] == pytest.approx(5 / 39)


def test_only_eligible_units():
    result = choose(context(GOLDEN, eligible=[True, False, True, True]), rank_config())
    # Without U1, step 1's zorb sentences U2, U3 tie -> U2 first.
    assert result.indices[0] == 2 and 1 not in result.indices


@pytest.mark.parametrize("budget", [Budget(words=5), Budget(sentences=2), Budget(bytes=30),
                                    Budget(words=6, sentences=3, bytes=40)])
def test_budgets_hold(budget):
    result = choose(context(GOLDEN, budget), rank_config())
    texts = [GOLDEN[i].text for i in result.indices]
    assert result.indices
    assert_within_budget(texts, budget)


WORDS = ["zorb", "plim", "quax", "drov", "felk", "the", "of", "mirt"]


@st.composite
def clusters(draw):
    n = draw(st.integers(1, 8))
    units, eligible = [], []
    for i in range(n):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6))
        support = tuple((a, i) for a in range(draw(st.integers(1, 3))))
        units.append(Unit(" ".join(words).capitalize() + ".", support))
        eligible.append(draw(st.booleans()))
    budget = Budget(words=draw(st.none() | st.integers(1, 20)),
                    sentences=draw(st.none() | st.integers(1, 4)),
                    bytes=draw(st.none() | st.integers(5, 80)))
    return units, eligible, budget


@settings(max_examples=150, deadline=None)
@given(clusters(), st.sampled_from(["square", "none"]))
def test_properties(cluster, update):
    units, eligible, budget = cluster
    ctx = context(units, budget, eligible)
    result = choose(ctx, rank_config(update))
    chosen = result.indices
    assert len(set(chosen)) == len(chosen)
    assert all(eligible[i] for i in chosen)
    texts = [units[i].text for i in chosen]
    assert budget.words is None or sum(word_count(t) for t in texts) <= budget.words
    assert budget.sentences is None or len(texts) <= budget.sentences
    assert budget.bytes is None or len("\n".join(texts).encode()) <= budget.bytes
    assert result.scores.shape == (len(units),) and np.isfinite(result.scores).all()
    # Nothing left out that still fits and has a content word.
    left = [i for i in range(len(units)) if eligible[i] and i not in chosen and ctx.tokens[i]]
    assert not any(ctx.fits(chosen, i) for i in left)
    again = choose(context(units, budget, eligible), rank_config(update))
    assert again.indices == chosen and np.array_equal(again.scores, result.scores)
