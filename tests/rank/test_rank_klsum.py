"""Greedy KL-Sum (summarizer/rank/klsum.py): hand-checked clusters for the greedy step,
the sentence-length floor, the redundancy rule and the cut, budgets, properties, one run
through the public API (the CLI: test_methods_cli.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from conftest import assert_greedy_with_floor, assert_within_budget
from summarizer import api
from summarizer.config import RankConfig
from summarizer.documents import Unit
from summarizer.rank.klsum import choose
from summarizer.budget import Budget

from test_rank_sumbasic import _long, clusters, context

# Invented words (no stop words; the Porter stemmer keeps them). U0 stands for two input
# sentences, so its words count twice in P.
GOLDEN = [
    Unit("Zorb plim.", ((0, 0), (1, 0))),  # U0
    Unit("Zorb quax.", ((0, 1),)),         # U1
    Unit("Felk mirt.", ((1, 1),)),         # U2
]
# P: zorb 3/8, plim 2/8, quax felk mirt 1/8 each; V = 5, delta = 0.01 (the default).
# Adding s to S lowers KL(P || Q) by
#   gain = sum_{w in s} P(w) log((c_S(w) + c_s(w) + d) / (c_S(w) + d))
#          - log((|S| + |s| + dV) / (|S| + dV)).
# Step 1 (S empty, dV = 0.05; log(1.01/0.01) = log 101 = 4.61512, log(2.05/0.05) = 3.71357):
#   U0: (3/8 + 2/8) * 4.61512 - 3.71357 = -0.82912
#   U1: (3/8 + 1/8) * 4.61512 - 3.71357 = -1.40601
#   U2: (1/8 + 1/8) * 4.61512 - 3.71357 = -2.55979      -> U0 (every gain < 0: see klsum.py)
# Step 2 (S = U0: zorb 1, plim 1, |S| = 2; log(4.05/2.05) = 0.68088):
#   U1: 3/8 * log(2.01/1.01) + 1/8 * log 101 - 0.68088 = 0.25806 + 0.57689 - 0.68088 = 0.15407
#   U2: 2 * 1/8 * log 101 - 0.68088 = 1.15378 - 0.68088 = 0.47290   -> U2: new words beat
#   U1's second zorb, although U1 ranks above U2 on its own.
# Step 3: U1. A 4-word budget stops after U0 (2 words) and U2 (2 words).


def rank_config(smoothing=0.01, **settings):
    return RankConfig(method="klsum", klsum={"smoothing": smoothing, **settings})


def test_golden_order_and_scores():
    result = choose(context(GOLDEN), rank_config())
    assert result.indices == [0, 2, 1]
    assert result.scores[0] == pytest.approx(5 / 8 * math.log(101) - math.log(41))
    assert result.scores[0] == pytest.approx(-0.82912, abs=1e-5)
    assert result.scores[2] == pytest.approx(0.47290, abs=1e-5)


def test_golden_word_budget():
    result = choose(context(GOLDEN, Budget(words=4)), rank_config())
    assert result.indices == [0, 2]
    assert result.scores[1] == pytest.approx(-1.40601, abs=1e-5)  # initial gain, unchosen


def test_golden_cut_is_the_next_greedy_choice():
    # 4 words: U0, U2; U1 (2 words) no longer fits and is what the greedy adds next.
    assert choose(context(GOLDEN, Budget(words=4)), rank_config()).cut == [1]
    assert choose(context(GOLDEN), rank_config()).cut == []  # nothing left to cut


def test_paper_settings_are_the_defaults():
    cfg = RankConfig().klsum
    assert (cfg.smoothing, cfg.min_words, cfg.redundancy) == (0.01, 15, 1.0)


# The floor. F0 stands for three input sentences: zorb and plim are P's commonest words,
# and F0, all of them in two words, lowers the divergence most at the first step.
FLOOR = [
    Unit("Zorb plim.", ((0, 0), (1, 0), (2, 0))),  # F0, 2 words
    Unit("Zorb quax felk.", ((0, 1),)),            # F1, 3 words
    Unit("Plim mirt velk.", ((1, 1),)),            # F2, 3 words
]


def test_short_sentence_waits_for_the_long_ones():
    assert choose(context(FLOOR), rank_config(min_words=0)).indices == [0, 1, 2]
    assert choose(context(FLOOR), rank_config(min_words=3)).indices == [1, 2, 0]
    # 8 words: the long ones ran out with 2 words left, so F0 fills them.
    assert choose(context(FLOOR, Budget(words=8)), rank_config(min_words=3)).indices == [1, 2, 0]


def test_short_sentence_never_fills_a_spent_budget():
    # 5 words: F1, then F2 no longer fits: the budget is spent, so F0 (it would fit) is
    # not used, and F2, the greedy's next choice, is the one to cut.
    spent = choose(context(FLOOR, Budget(words=5)), rank_config(min_words=3))
    assert spent.indices == [1] and spent.cut == [2]
    assert choose(context(FLOOR, Budget(words=6)), rank_config(min_words=3)).cut == [0]


# Redundancy: R1 repeats R0 (cosine 3/4) but adds a word P values; R2 shares nothing.
REPEAT = [
    Unit("Zorb quax drov.", ((0, 0), (1, 0), (2, 0))),  # R0
    Unit("Zorb quax drov plim.", ((0, 1), (1, 1))),     # R1
    Unit("Mirt velk.", ((2, 1),)),                      # R2
]


def test_near_duplicate_of_a_chosen_sentence_is_skipped():
    off = choose(context(REPEAT, Budget(words=7)), rank_config(1.0, min_words=0))
    on = choose(context(REPEAT, Budget(words=7)), rank_config(1.0, min_words=0, redundancy=0.5))
    assert off.indices == [0, 1] and on.indices == [0, 2]


def test_floor_through_the_public_api():
    # A six-word sentence of the cluster's commonest words lowers the divergence most at
    # the first step; under the default floor the 15-word sentences go first and fill
    # the 31-word budget.
    short = "Zorb quax drov plim felk mirt."
    articles = [short + " " + _long("Zorb", 0) + " " + _long("Zorb", 1),
                _long("Zorb quax", 2) + " " + _long("Zorb", 3),
                _long("Zorb quax", 4) + " " + _long("Zorb", 5)]

    def kept(**overrides):
        summary = api.summarize(articles, words=31, method="klsum", language="en",
                                **overrides)
        return [s.unit.text for s in summary.sentences]

    assert short not in kept() and len(kept()) == 2
    assert short in kept(**{"rank.klsum.min_words": 0})


def test_only_eligible_units():
    assert choose(context(GOLDEN, eligible=[False, True, True]), rank_config()).indices[0] == 1


@pytest.mark.parametrize("budget", [Budget(words=3), Budget(sentences=2), Budget(bytes=22),
                                    Budget(words=4, sentences=3, bytes=40)])
def test_budgets_hold(budget):
    result = choose(context(GOLDEN, budget), rank_config())
    texts = [GOLDEN[i].text for i in result.indices]
    assert result.indices
    assert_within_budget(texts, budget)


@settings(max_examples=150, deadline=None)
@given(clusters(), st.sampled_from([0.01, 0.5]), st.sampled_from([0, 3, 15]))
def test_properties(cluster, smoothing, min_words):
    # min_words 3 splits the drawn sentences (1 to 6 words) between the two pools
    units, eligible, budget = cluster
    ctx = context(units, budget, eligible)
    result = choose(ctx, rank_config(smoothing, min_words=min_words))
    assert_greedy_with_floor(ctx, result, min_words)
    again = choose(context(units, budget, eligible), rank_config(smoothing, min_words=min_words))
    assert again.indices == result.indices and np.array_equal(again.scores, result.scores)
