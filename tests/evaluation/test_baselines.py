"""Baselines: lead, round-robin lead, seeded random and the greedy ROUGE oracle."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings, strategies as st

from evalkit import CLUSTERS, as_cluster
from summarizer.budget import Budget
from summarizer.config import load_config
from summarizer.documents import Article, Cluster, Reference, Sentence
from summarizer.evaluation import baselines, systems
from summarizer.evaluation.protocols import PROTOCOLS, score
from summarizer.evaluation.systems import SystemSpec, build

DUC = PROTOCOLS["duc"]

# Three articles; the most recent one (2024-01-05) is the second.
ARTICLES = [Article("old", "", date="2024-01-01"), Article("new", "", date="2024-01-05"),
            Article("mid", "", date="2024-01-03")]
SENTENCES = [
    Sentence("Old article opens with six words.", 0, 0),
    Sentence("Old article goes on with a second sentence here.", 0, 1),
    Sentence("The newest report leads with this sentence of ten words.", 1, 0),
    Sentence("Its second sentence has exactly nine words in it.", 1, 1),
    Sentence("A third sentence closes the newest report.", 1, 2),
    Sentence("The middle article starts like this.", 2, 0),
    Sentence("The newest report leads with this sentence of ten words.", 2, 1),
    Sentence("Then the middle article ends.", 2, 2),
]


def words(lines):
    return sum(len(line.split()) for line in lines)


# --------------------------------------------------------------- lead


def test_lead_takes_the_most_recent_article_and_cuts_at_exactly_n_words():
    out = baselines.lead(SENTENCES, ARTICLES, Budget(words=15))
    # 10 words of its first sentence, then 5 of its second (9 words long)
    assert out == ["The newest report leads with this sentence of ten words.",
                   "Its second sentence has exactly"]
    assert words(out) == 15


def test_lead_continues_with_the_other_articles_in_order_when_short():
    out = baselines.lead(SENTENCES, ARTICLES, Budget(words=35))
    # the newest article holds 10 + 9 + 7 words; then the oldest: 6 words, then 3 of 9
    assert out == [SENTENCES[2].text, SENTENCES[3].text, SENTENCES[4].text,
                   SENTENCES[0].text, "Old article goes"]
    assert words(out) == 35


def test_lead_without_dates_uses_the_first_article_and_ties_the_earliest():
    undated = [Article(a.id, "") for a in ARTICLES]
    assert baselines.lead(SENTENCES, undated, Budget(words=5)) == ["Old article opens with six"]
    tied = [Article("a", "", date="2024-01-05"), Article("b", "", date="2024-01-05"),
            Article("c", "")]
    assert baselines.most_recent(tied) == 0
    assert baselines.most_recent([Article("a", ""), Article("b", "", date="2020-01-01")]) == 1


def test_lead_of_a_whole_cluster_fills_the_budget_from_the_newest_article():
    cluster = as_cluster(CLUSTERS[0])
    out = build(SystemSpec("lead", "baseline", load_config("configs/duc.yaml")), DUC)(cluster)
    lines = out.text.split("\n")
    assert len(out.text.split()) == 100
    newest = CLUSTERS[0]["documents"][2]["text"].split("\n")
    assert lines[:5] == newest  # the 2024-04-05 article first, whole


# --------------------------------------------------------------- round robin


def test_lead_round_robin_order_and_repeats():
    out = baselines.lead_round_robin(SENTENCES, Budget(words=200))
    assert out == [
        SENTENCES[0].text, SENTENCES[2].text, SENTENCES[5].text,  # first sentences
        SENTENCES[1].text, SENTENCES[3].text,  # second ones; article 2's repeats article 1's
        SENTENCES[4].text, SENTENCES[7].text,  # third ones
    ]


def test_lead_round_robin_cuts_at_exactly_n_words():
    out = baselines.lead_round_robin(SENTENCES, Budget(words=12))
    assert out == [SENTENCES[0].text, "The newest report leads with this"]
    assert words(out) == 12


# --------------------------------------------------------------- random


def test_random_is_seeded_and_reproducible_and_within_budget():
    unique = SENTENCES[:6] + SENTENCES[7:]  # no repeated text, so positions are known
    runs = {s: baselines.random_baseline(unique, Budget(words=25), seed=s) for s in range(8)}
    assert baselines.random_baseline(unique, Budget(words=25), seed=3) == runs[3]
    assert len({tuple(v) for v in runs.values()}) > 1  # the seed matters
    texts = [s.text for s in unique]
    for out in runs.values():
        assert words(out) <= 25 and out
        assert all(line in texts for line in out)  # whole sentences only
        positions = [texts.index(line) for line in out]
        assert positions == sorted(positions)  # shown in document order


def test_random_baseline_through_the_system_uses_the_config_seed():
    cluster = as_cluster(CLUSTERS[1])
    cfg = load_config("configs/duc.yaml")
    a = build(SystemSpec("random", "baseline", cfg), DUC)(cluster).text
    again = build(SystemSpec("random", "baseline", cfg), DUC)(cluster).text
    other = build(SystemSpec("random", "baseline", load_config(
        "configs/duc.yaml", ["evaluate.seed=5"])), DUC)(cluster).text
    assert a == again and a != other
    assert len(a.split()) <= 100


# --------------------------------------------------------------- oracle


def test_oracle_picks_the_sentence_equal_to_the_reference_first():
    ref = "Its second sentence has exactly nine words in it."
    # Budget for that sentence alone: other shorter sentences would fit, but it wins.
    assert baselines.oracle(SENTENCES, [ref], Budget(words=9)) == [ref]
    out = baselines.oracle(SENTENCES, [ref], Budget(words=40))
    assert ref in out and words(out) <= 40


def test_oracle_respects_the_budget_and_stops_when_nothing_helps():
    ref = "The newest report leads with this sentence of ten words."
    out = baselines.oracle(SENTENCES, [ref], Budget(words=200))
    # Once the reference is copied, no sentence raises recall any more.
    assert out == [SENTENCES[2].text]
    # Only the 5-word sentence fits; it shares "the" with the reference.
    assert baselines.oracle(SENTENCES, [ref], Budget(words=5)) == ["Then the middle article ends."]
    assert baselines.oracle(SENTENCES, ["zebra quartz"], Budget(words=100)) == []


def test_oracle_beats_lead_and_random_on_invented_clusters():
    # Greedy is not a proof of optimality, and lead fills the budget with a cut sentence
    # while the oracle adds whole ones; so per cluster the oracle is compared on its
    # objective (R-1 + R-2), and per metric on the mean over the clusters.
    cfg = load_config("configs/duc.yaml")
    names = ("oracle", "lead", "lead-rr", "random", "default")
    systems = {name: build(SystemSpec(name, "config" if name == "default" else "baseline",
                                      cfg), DUC) for name in names}
    means = {name: dict.fromkeys(DUC.metrics, 0.0) for name in names}
    for record in CLUSTERS:
        cluster = as_cluster(record)
        refs = [r.text for r in cluster.references]
        got = {name: score(fn(cluster).text, refs, DUC) for name, fn in systems.items()}
        for name in names:
            for m in DUC.metrics:
                means[name][m] += got[name][m] / len(CLUSTERS)
            assert sum(got["oracle"].values()) >= sum(got[name].values()), (record["id"], got)
    for name in names[1:]:
        for m in DUC.metrics:
            assert means["oracle"][m] > means[name][m], (name, m, means)


def test_oracle_optimises_the_references_as_the_protocol_cuts_them(monkeypatch):
    # Words 101+ of a DUC reference are never scored; a sentence matching only them is
    # worth nothing, so the oracle must prefer the one matching the scored part.
    head = " ".join(f"w{i}" for i in range(90)) + " the ferry resumed service on monday"
    tail = "crews repainted the whole harbor bridge in bright green paint over the summer"
    ref = head + " " + " ".join(f"x{i}" for i in range(4)) + " " + tail
    assert len(ref.split()) > 100 and tail not in " ".join(ref.split()[:100])
    cluster = Cluster("c", [Article("a", "x")], [Reference("A", ref)])
    sentences = [Sentence("Crews repainted the whole harbor bridge in bright green paint over "
                          "the summer.", 0, 0),
                 Sentence("The ferry resumed service on Monday.", 0, 1)]
    monkeypatch.setattr(systems, "_sentences", lambda c, cfg: (cluster.articles, sentences))
    oracle = build(SystemSpec("oracle", "baseline", load_config(None, ["select.words=14"])), DUC)
    text = oracle(cluster).text  # only one of the two sentences fits 14 words
    assert text == "The ferry resumed service on Monday."
    assert score(text, [ref], DUC)["rouge1"] > 0


# --------------------------------------------------------------- traceability

WORD = st.sampled_from("bridge ferry storm crews mayor repaired closed opened river the a "
                       "on monday friday council voted".split())
SENT = st.lists(WORD, min_size=1, max_size=12).map(lambda ws: " ".join(ws).capitalize() + ".")


@st.composite
def clusters(draw):
    n_articles = draw(st.integers(1, 4))
    sentences = []
    for a in range(n_articles):
        for p, text in enumerate(draw(st.lists(SENT, min_size=1, max_size=5))):
            sentences.append(Sentence(text, a, p))
    dates = draw(st.lists(st.sampled_from([None, "2024-01-01", "2024-02-01", "2023-12-31"]),
                          min_size=n_articles, max_size=n_articles))
    articles = [Article(str(i), "", date=d) for i, d in enumerate(dates)]
    refs = draw(st.lists(SENT.map(lambda s: s + " " + s.lower()), min_size=1, max_size=3))
    return sentences, articles, refs


def _traces(line: str, texts: list[str], may_be_cut: bool) -> bool:
    if line in texts:
        return True
    return may_be_cut and any(t.split()[:len(line.split())] == line.split() for t in texts)


@settings(max_examples=80, deadline=None)
@given(clusters(), st.integers(1, 60), st.integers(0, 5))
def test_every_baseline_line_traces_to_a_source_sentence(data, budget, seed):
    sentences, articles, refs = data
    texts = [s.text for s in sentences]
    outputs = {
        "lead": baselines.lead(sentences, articles, Budget(words=budget)),
        "lead-rr": baselines.lead_round_robin(sentences, Budget(words=budget)),
        "random": baselines.random_baseline(sentences, Budget(words=budget), seed),
        "oracle": baselines.oracle(sentences, refs, Budget(words=budget)),
    }
    for name, lines in outputs.items():
        assert words(lines) <= budget, name
        cut = name in ("lead", "lead-rr")
        for i, line in enumerate(lines):
            # only the last line of a lead may be a sentence cut short
            assert _traces(line, texts, cut and i == len(lines) - 1), (name, line)
        if name in ("random", "oracle"):  # no sentence more often than the input has it
            have = Counter(texts)
            assert all(n <= have[line] for line, n in Counter(lines).items()), name
    total = sum(len(t.split()) for t in texts)
    assert words(outputs["lead"]) == min(budget, total)


# --------------------------------------------------------------- the systems table

EXTRACTS = systems.names_of("baseline") + systems.names_of("peer")


def test_the_table_holds_the_baselines_and_the_peers():
    assert systems.names_of("baseline") == ["lead", "lead-rr", "random", "oracle"]
    assert systems.names_of("peer") == ["sumy-lexrank", "sumy-textrank", "lexrank"]
    for row in systems.SYSTEMS:
        assert row.summary and "\n" not in row.summary, row.name
        assert (row.tag in ("baseline", "peer")) == (row.name in EXTRACTS), row.name
        assert callable(row.load()), row.name


@pytest.mark.parametrize("name", EXTRACTS)
def test_every_baseline_and_peer_of_the_table_runs_within_the_word_budget(name):
    row = systems.SYSTEMS.entry(name)
    if row.needs:
        pytest.importorskip(row.needs)
    cfg = load_config(None, ["select.words=30"])
    [spec] = systems.parse_systems(name, cfg)
    assert (spec.name, spec.kind) == (name, row.tag)
    cluster = as_cluster(CLUSTERS[0])
    lines = build(spec, DUC)(cluster).text.splitlines()
    assert lines, name
    assert words(lines) <= 30, name
    source = " ".join(a.text for a in cluster.articles)
    # every line is a source sentence (a lead's last one may be cut short)
    assert all(" ".join(line.split()[:-1]) in source for line in lines), name


@pytest.mark.parametrize("name, row", [
    ("default", "default"), ("lead-rr", "lead-rr"), ("participants", "participants"),
    ("dir:runs/x", "dir:FOLDER"), ("dir:a.yaml", "dir:FOLDER"),
    ("configs/duc.yaml", "CONFIG.yaml"), ("x.yml", "CONFIG.yaml"),
])
def test_a_name_finds_its_row_exact_names_first_then_patterns_in_table_order(name, row):
    assert systems.lookup(name) is systems.SYSTEMS.entry(row)


def test_an_unknown_name_lists_every_row_and_the_help_describes_every_row():
    from summarizer.errors import UsageError

    with pytest.raises(UsageError) as err:
        systems.lookup("leed")
    assert str(err.value).startswith("unknown system 'leed'; known: ")
    assert all(name in str(err.value) for name in systems.SYSTEMS.names())
    assert all(f"{row.name}: {row.summary}" in systems.SYSTEMS.help() for row in systems.SYSTEMS)


def test_every_method_is_a_system(method_needs):
    """Methods are systems by name (the base config with rank.method set), and every
    method as method:NAME; the lexrank name stays the lexrank package's peer."""
    from summarizer.config import Config
    from summarizer.evaluation.systems import lookup, parse_systems
    from summarizer.rank import METHODS

    base = Config().with_overrides([item for needs in method_needs.values() for item in needs])
    for m in METHODS:
        spec, = parse_systems(f"method:{m.name}", base)
        assert spec.kind == "config" and spec.config.rank.method == m.name
        if m.name != "lexrank":
            assert lookup(m.name).tag == "method"
    assert lookup("lexrank").tag == "peer"
    ilp, default = parse_systems("ilp,default", base)
    assert ilp.key() != default.key() and ilp.config.select == default.config.select


@pytest.mark.parametrize("code", ["zh", "hi", "ar", "el"])
def test_baselines_see_the_sentences_the_pipeline_sees(code, tmp_path):
    """Every system's first half is the pipeline's (language, clean, split): outside
    English the lead and the oracle pick among the very sentences our system ranks."""
    import shutil

    from summarizer.config import Config
    from summarizer.evaluation import evaluate
    from summarizer.evaluation.datasets import load_dataset
    from summarizer.pipeline import prepare

    from conftest import REPO

    source = REPO / "tests" / "fixtures" / "languages" / code
    cluster_dir = tmp_path / "data" / f"{code}-bridge"
    shutil.copytree(source, cluster_dir)
    lines = (source / "a1.txt").read_text(encoding="utf-8").splitlines()
    first = max(lines, key=len)  # a sentence of our own fixture as the reference
    (cluster_dir / "references").mkdir()
    (cluster_dir / "references" / "A.txt").write_text(first, encoding="utf-8")
    run = evaluate(str(tmp_path / "data"), systems="lead,oracle", protocol="multiling",
                   samples=20, cache_dir=tmp_path / "cache").run
    cluster = load_dataset(str(tmp_path / "data")).clusters[0]
    seen = {s.text for s in prepare(cluster, Config()).sentences}
    for system, results in run.results.items():
        lines = [line for line in results[0].summary.split("\n") if line]
        assert lines, system
        assert set(lines[:-1]) <= seen, (system, lines)  # a lead's last line may be cut
