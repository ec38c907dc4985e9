"""SumBasic / FreqSum (summarizer/rank/sumbasic.py): hand-checked clusters for the
update, the sentence-length floor, the redundancy rule and the cut, budgets, properties,
one run through the public API (the CLI: test_methods_cli.py)."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from conftest import assert_greedy_with_floor, assert_within_budget
from summarizer import api
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


def rank_config(update="square", **settings):
    return RankConfig(method="sumbasic", sumbasic={"update": update, **settings})


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


def test_paper_settings_are_the_defaults():
    cfg = RankConfig().sumbasic
    assert (cfg.pick, cfg.update, cfg.min_words, cfg.redundancy) == ("top_word", "square",
                                                                     15, 1.0)


# The floor. Counts: zorb 3, every other word 1; N = 11. Weights (x 1/11): S0 (3+1)/2 = 2,
# S1 (3+4)/5 = 7/5, S2 (3+3)/4 = 3/2. Zorb is the top word, in all three.
SHORT = [
    Unit("Zorb quax.", ((0, 0),)),                  # S0, 2 words
    Unit("Zorb plim felk drov mirt.", ((1, 0),)),   # S1, 5 words
    Unit("Zorb tund grop velk.", ((2, 0),)),        # S2, 4 words
]


def test_short_sentence_waits_for_the_long_ones():
    # No floor: S0 weighs most and goes first. Floor 4: S2 then S1, S0 last.
    assert choose(context(SHORT), rank_config(min_words=0)).indices[0] == 0
    assert choose(context(SHORT), rank_config(min_words=4)).indices == [2, 1, 0]
    assert choose(context(SHORT, Budget(words=9)), rank_config(min_words=4)).indices == [2, 1]


def test_short_sentence_never_fills_a_spent_budget():
    # 8 words: S2 (4), then S1 (5) no longer fits. The budget is spent, so S0 (2 words,
    # it would fit) is not used, and S1, the greedy's next choice, is the one to cut.
    result = choose(context(SHORT, Budget(words=8)), rank_config(min_words=4))
    assert result.indices == [2] and result.cut == [1]
    assert choose(context(SHORT, Budget(words=8)), rank_config(min_words=0)).indices[0] == 0


# Redundancy. R0 counts twice: zorb quax drov 3, plim 2, felk mirt velk tund grop 1.
# Weights: R0 (3+3+3+2)/4, R1 (3+3+3+1)/4, R2 1: R0, R1, R2 without the update. The cosine
# of R0 and R1 (3 shared words of 4) is 3/4.
REPEAT = [
    Unit("Zorb quax drov plim.", ((0, 0), (1, 0))),  # R0
    Unit("Zorb quax drov felk.", ((2, 0),)),         # R1
    Unit("Mirt velk tund grop.", ((2, 1),)),         # R2
]


@pytest.mark.parametrize("threshold, expected", [(1.0, [0, 1]), (0.8, [0, 1]), (0.7, [0, 2])])
def test_near_duplicate_of_a_chosen_sentence_is_skipped(threshold, expected):
    config = rank_config("none", min_words=0, redundancy=threshold)
    assert choose(context(REPEAT, Budget(words=8)), config).indices == expected


def test_pick_best_ignores_the_top_word():
    # GOLDEN without step 3: U0 weighs most (2/13 against 5/39) and goes first.
    assert choose(context(GOLDEN), rank_config(pick="best")).indices[0] == 0
    assert choose(context(GOLDEN), rank_config(pick="top_word")).indices[0] == 1


def _long(first: str, n: int) -> str:
    """A 15-word sentence: ``first``, then 14 invented words no other sentence has."""
    syllables = ["ka", "lo", "mi", "nu", "pe", "ri", "so", "tu", "ve", "do"]
    words = [syllables[(n + i) % 10] + syllables[(3 * n + i) // 10 % 10] + "x" + "bcdfg"[n % 5]
             for i in range(14)]
    return first + " " + " ".join(words) + "."


def test_floor_through_the_public_api():
    # The six-word sentence has the two most frequent words (zorb in every sentence, quax
    # in three): it weighs most, but under the default floor (15 words) the 15-word
    # sentences go first and fill the 31-word budget.
    short = "Zorb quax drov plim felk mirt."
    articles = [short + " " + _long("Zorb", 0) + " " + _long("Zorb", 1),
                _long("Zorb quax", 2) + " " + _long("Zorb", 3),
                _long("Zorb quax", 4) + " " + _long("Zorb", 5)]

    def kept(**overrides):
        summary = api.summarize(articles, words=31, method="sumbasic", language="en",
                                **overrides)
        return [s.unit.text for s in summary.sentences]

    assert short not in kept() and len(kept()) == 2
    assert short in kept(**{"rank.sumbasic.min_words": 0})


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
@given(clusters(), st.sampled_from(["square", "none"]), st.sampled_from([0, 3, 15]))
def test_properties(cluster, update, min_words):
    # min_words 3 splits the drawn sentences (1 to 6 words) between the two pools
    units, eligible, budget = cluster
    ctx = context(units, budget, eligible)
    result = choose(ctx, rank_config(update, min_words=min_words))
    assert_greedy_with_floor(ctx, result, min_words)
    again = choose(context(units, budget, eligible), rank_config(update, min_words=min_words))
    assert again.indices == result.indices and np.array_equal(again.scores, result.scores)
