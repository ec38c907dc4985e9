import numpy as np
import pytest
import scipy.sparse as sp

from conftest import assert_within_budget
from summarizer.config import PriorsConfig, RankConfig, load_config
from summarizer.documents import Article, Unit
from summarizer.language import get_language
from summarizer.rank import METHODS, apply_priors, context, pick, rank
from summarizer.rank.walk import power_iteration
from summarizer.select import select
from summarizer.similarity import TfidfBackend, similarity_graph
from summarizer.text import word_count

TEXTS = [
    "The storm closed the harbor bridge on Monday.",
    "Officials closed the harbor bridge after the storm.",
    "The harbor bridge stayed closed as the storm passed.",
    "A local bakery won a prize for its bread.",
]
UNITS = [Unit(t, ((0, i),)) for i, t in enumerate(TEXTS)]


def test_power_iteration_matches_dense_eigenvector():
    rng = np.random.default_rng(0)
    A = rng.random((6, 6))
    A = (A + A.T) / 2
    p = power_iteration(sp.csr_matrix(A), damping=0.85, tol=1e-12, max_iter=1000)
    M = A / A.sum(axis=1, keepdims=True)
    G = 0.85 * M + 0.15 / 6
    vals, vecs = np.linalg.eig(G.T)
    v = np.real(vecs[:, np.argmax(np.real(vals))])
    assert np.allclose(p, v / v.sum(), atol=1e-9)


def test_power_iteration_handles_isolated_nodes():
    W = sp.csr_matrix(np.array([[0, 1, 0], [1, 0, 0], [0, 0, 0]], dtype=float))
    p = power_iteration(W)
    assert p.sum() == pytest.approx(1.0) and p[0] == pytest.approx(p[1]) and p[2] > 0


def test_negative_cosines_are_clipped_and_threshold_applies():
    X = np.array([[1.0, 0.0], [-1.0, 0.0], [0.6, 0.8]])
    W = similarity_graph(X, 0.0).toarray()
    assert (W >= 0).all() and W[0, 1] == 0
    assert similarity_graph(X, 0.7).toarray()[0, 2] == 0


@pytest.mark.parametrize("method", ["lexrank", "textrank", "centroid"])
def test_rankers_prefer_central_sentences(method):
    X = TfidfBackend().vectors(TEXTS)
    scores = rank(X, UNITS, RankConfig(method=method))
    assert scores.shape == (4,) and (scores >= 0).all()
    assert np.argmin(scores) == 3


def test_lexrank_golden_values():
    X = TfidfBackend().vectors(TEXTS)
    scores = rank(X, UNITS, RankConfig(method="lexrank", lexrank={"threshold": 0.0, "tol": 1e-12,
                                                                   "max_iter": 1000},
                                        priors=PriorsConfig(position=0, support=0)))
    # The bakery sentence shares no word: it is a dangling node that only receives the
    # teleport mass and a quarter of its own jump, p = 0.15/4 + 0.85 * p/4.
    assert scores.sum() == pytest.approx(1.0)
    assert scores[3] == pytest.approx((0.15 / 4) / (1 - 0.85 / 4), rel=1e-6)
    assert scores[0] == pytest.approx(scores[1]) and min(scores[:3]) > 0.3


def test_priors_multiply_scores():
    units = [Unit("a b c", ((0, 0), (1, 0))), Unit("d e f g h i j k", ((0, 5),))]
    base = np.array([1.0, 1.0])
    s = apply_priors(base, units, PriorsConfig(position=1.0, support=0))
    assert s[0] == pytest.approx(2.0) and s[1] == pytest.approx(1 + 1 / 6)
    s = apply_priors(base, units, PriorsConfig(position=0, support=0.5))
    assert list(s) == [1.5, 1.0]
    s = apply_priors(base, units, PriorsConfig(position=0, support=0, length=1.0))
    assert s[1] > s[0]


# ------------------------------------------------- one contract for every method

# Three articles; indices 4, 5 and 7 read badly out of context (a question, a lower-case
# start, too short), every other sentence is well formed.
CLUSTER = [
    (0, "The storm closed the harbor bridge for three days this week."),
    (0, "Engineers found two cracked cables during the first inspection of the bridge."),
    (0, "Shops near the port lost most of their weekend trade to the closure."),
    (1, "The harbor bridge will reopen to cars on Friday with one lane each way."),
    (1, "What happens next to the ferries and the port workers?"),
    (1, "said the mayor, who declined to give a date for the work."),
    (2, "Divers inspected all six piers of the bridge on Wednesday morning."),
    (2, "Too short."),
    (2, "City officials said repairs to the bridge would cost two million dollars."),
]
FRAGMENTS = {4, 5, 7}
ARTICLES = [Article(str(a), "", date=f"2024-01-0{a + 1}") for a in range(3)]
BUDGETS = {"words": ["select.words=30"],
           "sentences": ["select.words=null", "select.sentences=2"],
           "bytes": ["select.words=null", "select.bytes=160"]}


def _units(pairs):
    return [Unit(t, ((a, i),)) for i, (a, t) in enumerate(pairs)]


def _choose(method: str, units, overrides=()):
    """``method``'s Choice on ``units`` under the config ``overrides`` make, through the
    contract every entry of METHODS keeps: ``choose(context, rank config)``."""
    cfg = load_config(None, [f"rank.method={method}", *overrides])
    X = TfidfBackend().vectors([u.text for u in units])
    ctx = context(units, X, cfg, get_language("en"))
    return ctx, METHODS.get(method).choose(ctx, cfg.rank)


@pytest.mark.parametrize("budget", BUDGETS)
@pytest.mark.parametrize("method", METHODS.names())
def test_every_method_chooses_eligible_units_under_every_budget(method, budget, method_needs):
    units = _units(CLUSTER)
    ctx, choice = _choose(method, units, [*method_needs.get(method, []), *BUDGETS[budget]])
    assert getattr(ctx.budget, budget) is not None
    assert choice.indices, (method, budget)
    assert len(set(choice.indices)) == len(choice.indices)
    assert not set(choice.indices) & FRAGMENTS
    assert all(ctx.eligible[i] for i in choice.indices)
    assert len(choice.scores) == len(units)
    assert_within_budget([units[i].text for i in choice.indices], ctx.budget)


@pytest.mark.parametrize("method", METHODS.names())
def test_every_method_takes_a_lone_unit_and_a_cluster_of_fragments(method, method_needs):
    needs = method_needs.get(method, [])
    lone = _units(CLUSTER[:1])
    assert _choose(method, lone, [*needs, "select.words=30"])[1].indices == [0]
    fragments = _units([CLUSTER[i] for i in sorted(FRAGMENTS)])
    ctx, choice = _choose(method, fragments, [*needs, "select.words=25"])
    assert ctx.eligible.all()  # better a fragment than nothing
    assert choice.indices
    assert_within_budget([fragments[i].text for i in choice.indices], ctx.budget)


@pytest.mark.parametrize("method", METHODS.names())
def test_every_method_fills_the_word_budget_exactly_when_asked_to_cut(method, method_needs):
    units = _units(CLUSTER)
    cfg = load_config(None, [f"rank.method={method}", *method_needs.get(method, []),
                             "select.words=25", "select.truncate=true"])
    X = TfidfBackend().vectors([u.text for u in units])
    chosen, scores, _ = pick(units, X, ARTICLES, cfg, get_language("en"))
    assert sum(word_count(s.unit.text) for s in chosen) == 25
    assert len(scores) == len(units)
    # in reading order, every line the start of an eligible sentence of the cluster
    assert [s.unit.support for s in chosen] == sorted(s.unit.support for s in chosen)
    assert all(units[s.index].text.startswith(s.unit.text) and s.index not in FRAGMENTS
               for s in chosen)


def test_a_scorer_chooses_what_its_scores_and_the_selection_step_choose():
    """A scorer's choice is its scores times the priors, taken by MMR (select.method)."""
    units = _units(CLUSTER)
    cfg = load_config(None, ["rank.method=centroid", "select.words=40", "select.order=score"])
    X = TfidfBackend().vectors([u.text for u in units])
    _, choice = _choose("centroid", units, ["select.words=40", "select.order=score"])
    alone = select(units, rank(X, units, cfg.rank), X, ARTICLES, cfg.select)
    assert [s.index for s in alone] == choice.indices
    assert np.array_equal(choice.scores, rank(X, units, cfg.rank))
    with pytest.raises(ValueError, match="selector"):
        rank(X, units, RankConfig(method="ilp"))
