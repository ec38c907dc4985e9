"""The whole pipeline on hand-written clusters: golden output and invariants."""


from hypothesis import given, settings, strategies as st

from summarizer.config import Config, load_config
from summarizer.ingest.dedup import deduplicate
from summarizer.documents import Article, Cluster
from summarizer.errors import InputError
from summarizer.ingest import read_path
from summarizer.output import render
from summarizer.pipeline import Pipeline, summarize_cluster
from summarizer.ingest.split import split_articles

from conftest import EXAMPLE


def test_tiny_cluster_golden(tiny_cluster):
    cfg = load_config(None, ["select.words=40", "select.order=score", "rank.priors.support=1.0"])
    summary = summarize_cluster(tiny_cluster, cfg)
    texts = [s.unit.text for s in summary.sentences]
    assert texts[0] == "Heavy rain flooded the Riverside primary school on Monday, officials said."
    # the near copies in a2 and a3 are one unit supported by all three articles
    assert summary.sentences[0].unit.support == ((0, 0), (1, 1), (2, 1))
    assert sum(len(t.split()) for t in texts) <= 40


def test_example_cluster_collapses_copies_and_drops_boilerplate():
    (cluster,) = read_path(EXAMPLE)
    summary = Pipeline(Config()).summarize(cluster)
    rules = {d.rule for d in summary.dropped}
    assert {"share-ui", "teaser"} <= rules
    text = summary.text
    assert "More news" not in text and "Leave a Reply" not in text and "Share this" not in text
    assert len(text.split()) <= 100
    supports = [s.unit.n_articles for s in summary.sentences]
    assert max(supports) >= 2


def test_example_references_exist():
    refs = read_path(EXAMPLE)[0].references
    assert len(refs) == 2 and all(80 <= len(r.text.split()) <= 120 for r in refs)


def test_deterministic_output(tiny_cluster):
    cfg = Config()
    a = render(summarize_cluster(tiny_cluster, cfg), "json")
    b = render(summarize_cluster(tiny_cluster, cfg), "json")
    assert a == b


word = st.sampled_from("storm bridge harbor mayor council river flood school crews repair cost "
                       "city port rain wind officials said Tuesday closed opened million".split())
sentence = st.lists(word, min_size=6, max_size=18).map(lambda ws: " ".join(ws).capitalize() + ".")
article = st.lists(sentence, min_size=1, max_size=6).map(lambda ss: " ".join(ss))


@settings(max_examples=40, deadline=None)
@given(st.lists(article, min_size=1, max_size=5), st.integers(10, 120),
       st.sampled_from(["lexrank", "textrank", "centroid"]))
def test_every_selected_sentence_traces_back_and_budget_holds(texts, words, method):
    cluster = Cluster("c", [Article(f"a{i}", t) for i, t in enumerate(texts)])
    cfg = load_config(None, [f"select.words={words}", f"rank.method={method}",
                             "clean.min_article_words=0"])
    try:
        summary = Pipeline(cfg).summarize(cluster)
    except InputError as e:
        # never an empty summary: only when no sentence fits the budget, and it says so
        # (a short near copy of a long sentence is represented by the long one)
        units = deduplicate(split_articles(cluster.articles, cfg.split), cfg.dedup)
        assert min(len(u.text.split()) for u in units) > words
        assert "no sentence fits the budget" in str(e)
        return
    assert summary.sentences
    sents = split_articles(summary.articles, cfg.split)
    by_pos = {(s.article, s.position): s.text for s in sents}
    assert len(summary.text.split()) <= words
    for sel in summary.sentences:
        # the text is a sentence of an input article, and every supporting sentence is a copy
        assert sel.unit.text == by_pos[sel.unit.support[0]]
        assert sel.unit.text in summary.articles[sel.unit.article].text
        for a, p in sel.unit.support:
            assert a < len(summary.articles) and (a, p) in by_pos
    assert render(summary, "json") == render(Pipeline(cfg).summarize(cluster), "json")
