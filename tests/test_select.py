import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from summarizer.config import SelectConfig
from summarizer.documents import Article, Unit
from summarizer.budget import Budget, Used, fill, first_fit
from summarizer.select import eligibility, is_fragment, select
from summarizer.text import word_count
from summarizer.similarity import TfidfBackend

ARTICLES = [Article("x", "", date="2024-01-02"), Article("y", "", date="2024-01-01")]


def units_of(texts):
    return [Unit(t, ((i % 2, i),)) for i, t in enumerate(texts)]


TEXTS = [
    "The storm closed the harbor bridge for three days this week.",
    "The storm closed the harbor bridge for three days, officials said.",
    "Shops near the port lost most of their weekend trade to the closure.",
    "Engineers found two cracked cables during the first inspection.",
    "What happens next?",
    "said the mayor, who declined to give a date.",
]


def test_unterminated_sentences_are_fragments_unless_allowed():
    cfg = SelectConfig()
    assert cfg.unterminated == "last"
    assert is_fragment("Firefighters from three stations fought the blaze for four", cfg)
    assert is_fragment("Harbor Bridge Reopens To Traffic After Storm Damage", cfg)
    for done in ("The bridge reopened to cars on Friday, officials said.",
                 "Did the storm damage the main span of the bridge?!",
                 '"We will reopen soon," the mayor said on Friday night.',
                 'He called the closure "a disaster for the town."',
                 "The mayor said the repairs would take a while\u2026",
                 "Traffic was light on the bridge (police said so.)"):
        assert not is_fragment(done, cfg), done
    loose = SelectConfig(unterminated="allow")
    assert not is_fragment("Firefighters from three stations fought the blaze for four", loose)


CUT_OFF = [
    "The storm closed the harbor bridge for three days this week.",
    "Divers inspected all six piers of the bridge on Wednesday morning.",
    "The bridge will reopen to cars on Friday with one lane each way.",
    "Engineers said the main steel structure of the bridge appeared",  # cut off
]


@pytest.mark.parametrize("mode, words, expected", [
    # Plenty of budget: the well-formed sentences run out, then "last" takes the fragment.
    ("last", 100, [0, 1, 2, 3]),
    ("skip", 100, [0, 1, 2]),
    ("allow", 100, [0, 1, 2, 3]),
    # A tight budget: something well-formed no longer fits, so "last" never reaches for
    # the fragment, while "allow" ranks it like any sentence (it scores highest here).
    ("last", 24, [0, 1]),
    ("allow", 24, [0, 3]),
])
def test_unterminated_modes(mode, words, expected):
    units = units_of(CUT_OFF)
    X = TfidfBackend().vectors(CUT_OFF)
    scores = np.array([0.9, 0.8, 0.7, 1.0])
    chosen = select(units, scores, X, ARTICLES,
                    SelectConfig(words=words, unterminated=mode, order="score",
                                 mmr={"lambda": 1.0}))
    assert sorted(s.index for s in chosen) == expected


def test_fragments():
    cfg = SelectConfig()
    assert is_fragment("What happens next to the bridge and the ferries?", cfg)
    assert is_fragment("said the mayor, who declined to give a date for it.", cfg)
    assert is_fragment('He said "we will reopen soon and then see what happens.', cfg)
    assert is_fragment("Too short.", cfg)
    assert not is_fragment('"We will reopen soon," the mayor said on Friday.', cfg)


def test_mmr_skips_redundant_and_respects_budget():
    units = units_of(TEXTS)
    X = TfidfBackend().vectors(TEXTS)
    scores = np.array([1.0, 0.99, 0.5, 0.4, 0.9, 0.9])
    chosen = select(units, scores, X, ARTICLES, SelectConfig(words=40, order="score"))
    texts = [s.unit.text for s in chosen]
    assert texts[0] == TEXTS[0] and TEXTS[1] not in texts
    assert TEXTS[4] not in texts and TEXTS[5] not in texts
    assert sum(word_count(t) for t in texts) <= 40


def test_topk_ignores_redundancy():
    units = units_of(TEXTS)
    X = TfidfBackend().vectors(TEXTS)
    scores = np.array([1.0, 0.99, 0.5, 0.4, 0.9, 0.9])
    chosen = select(units, scores, X, ARTICLES, SelectConfig(method="topk", sentences=2, order="score"))
    assert [s.index for s in chosen] == [0, 1]


def test_reading_order_by_date_then_position():
    units = units_of(TEXTS[:4])
    X = TfidfBackend().vectors(TEXTS[:4])
    chosen = select(units, np.array([0.1, 0.2, 0.9, 0.8]), X, ARTICLES,
                    SelectConfig(words=None, sentences=3, mmr={"lambda": 1.0}))
    # article y (index 1) is older, so its sentences come first
    assert [s.unit.support[0] for s in chosen] == [(1, 1), (1, 3), (0, 2)]


def test_byte_budget_counts_separators():
    units = units_of(TEXTS[:4])
    X = TfidfBackend().vectors(TEXTS[:4])
    cfg = SelectConfig(words=None, bytes=len(TEXTS[2].encode()) + 1 + len(TEXTS[3].encode()))
    chosen = select(units, np.array([0.1, 0.2, 0.9, 0.8]), X, ARTICLES, cfg)
    assert len("\n".join(s.unit.text for s in chosen).encode()) <= cfg.bytes
    assert len(chosen) == 2


def test_ratio_budget():
    b = Budget.from_config(SelectConfig(words=None, ratio=0.1), total_words=500)
    assert b.words == 50


def test_truncate_fills_word_budget_exactly():
    units = units_of(TEXTS[:4])
    X = TfidfBackend().vectors(TEXTS[:4])
    chosen = select(units, np.array([0.9, 0.1, 0.8, 0.7]), X, ARTICLES,
                    SelectConfig(words=15, truncate=True, order="score"))
    assert sum(word_count(s.unit.text) for s in chosen) == 15


def test_empty_input():
    assert select([], np.zeros(0), np.zeros((0, 2)), ARTICLES, SelectConfig()) == []


sentence = st.lists(st.sampled_from("alpha beta gamma delta storm bridge city port rain".split()),
                    min_size=1, max_size=25).map(lambda ws: " ".join(ws).capitalize() + ".")


@settings(max_examples=60, deadline=None)
@given(st.lists(sentence, min_size=1, max_size=20), st.integers(5, 80),
       st.sampled_from(["mmr", "topk"]), st.floats(0.0, 1.0))
def test_budget_always_holds(texts, words, method, lam):
    units = units_of(texts)
    X = TfidfBackend(stop_words=None).vectors(texts)
    scores = np.linspace(1, 0.1, len(texts))
    cfg = SelectConfig(words=words, method=method, mmr={"lambda": lam}, min_words=1)
    chosen = select(units, scores, X, ARTICLES, cfg)
    assert sum(word_count(s.unit.text) for s in chosen) <= words
    assert all(s.unit in units for s in chosen)
    assert len({s.index for s in chosen}) == len(chosen)


# ------------------------------------------------------------ the one budget


def test_first_fit_passes_over_what_does_not_fit_for_good():
    alive = np.ones(5, dtype=bool)
    assert first_fit([3, 1, 4, 0], lambda i: i < 2, alive) == 1
    assert alive.tolist() == [True, False, True, False, True]  # 3 passed over, 1 taken
    assert first_fit([4, 2], lambda i: False, alive) is None and not alive[[2, 4]].any()
    budget = Budget(words=5, sentences=2)
    texts = ["one two three", "four five six seven", "eight nine", "ten"]
    assert budget.take(texts, [0, 1, 2, 3]) == [0, 2]  # the sentence budget ends it
    assert fill([3, 0, 1], lambda chosen, i: len(chosen) < 2) == [3, 0]


def test_used_counts_one_separator_between_sentences_and_the_cut_fills_the_words():
    used = Used.of(["Ab cd.", "Éf."])
    assert (used.words, used.sentences, used.bytes) == (3, 2, len("Ab cd.\nÉf.".encode()))
    budget = Budget(words=5, bytes=used.bytes + 1 + 3)
    assert budget.fits(used, "Gh.") and not budget.fits(used, "Ghi.")
    assert budget.can_cut(used) and budget.cut("One  two\nthree four.", used) == "One"
    assert Budget(words=5).cut("One  two\nthree four.", used) == "One two"
    assert Budget(words=5, bytes=used.bytes + 1 + 6).cut("Ghi jk lm", used) == "Ghi jk"
    assert Budget(words=5, bytes=used.bytes + 1 + 2).cut("Ghi jk lm", used) == ""
    assert not Budget(words=3).can_cut(used) and not Budget(sentences=2).can_cut(used)


def test_unterminated_last_is_a_second_pool_for_a_greedy_and_a_widening_for_a_set():
    """The one eligibility rule, read two ways: a greedy down a ranking reaches the
    unterminated units only once the well-formed ran out; a method weighing whole sets
    gets them when the well-formed cannot fill the word budget."""
    units = units_of(CUT_OFF)
    rules = eligibility(units, SelectConfig())
    assert rules.formed.tolist() == [True, True, True, False]
    assert rules.last.tolist() == [False, False, False, True]
    assert [p.tolist() for p in rules.pools()] == [rules.formed.tolist(), rules.last.tolist()]
    lengths = np.array([word_count(t) for t in CUT_OFF], dtype=float)
    assert rules.at_once(lengths, Budget(words=100)).all()
    assert rules.at_once(lengths, Budget(words=20)).tolist() == [True, True, True, False]
    assert not eligibility(units, SelectConfig(unterminated="skip")).last.any()
    none = eligibility(units_of(["said so.", "Too short."]), SelectConfig())
    assert all(p.all() for p in none.pools()[:1])  # only fragments: all of them
    assert none.at_once(np.array([2.0, 2.0]), Budget(words=10)).all()


def test_mmr_reads_its_own_section():
    units = units_of(TEXTS)
    X = TfidfBackend().vectors(TEXTS)
    scores = np.array([1.0, 0.99, 0.5, 0.4, 0.9, 0.9])
    cfg = {"words": 40, "order": "score"}
    loose = select(units, scores, X, ARTICLES,
                   SelectConfig(**cfg, mmr={"redundancy_threshold": 1.0}))
    assert [s.index for s in loose][:2] == [0, 1]  # no redundancy control: the near copy
    strict = select(units, scores, X, ARTICLES, SelectConfig(**cfg))
    assert 1 not in [s.index for s in strict]


def test_the_baselines_keep_the_budget_the_system_keeps(tmp_path):
    """evaluate's baselines are held to the pipeline's Budget: a sentence and a byte
    budget hold, not only the word budget."""
    from summarizer.evaluation import evaluate

    systems = "lead,lead-rr,random,oracle"
    ev = evaluate("harbor-bridge", overrides=["select.sentences=2", "select.bytes=300"],
                  systems=systems, cache_dir=tmp_path / "cache", samples=20)
    assert set(ev.run.results) == set(systems.split(","))
    for name, results in ev.run.results.items():
        for r in results:
            assert 0 < len(r.summary.splitlines()) <= 2, name
            assert len(r.summary.encode("utf-8")) <= 300, name
    words = evaluate("harbor-bridge", systems="lead", cache_dir=tmp_path / "cache", samples=20)
    assert all(len(r.summary.splitlines()) > 2 for r in words.run.results["lead"])
