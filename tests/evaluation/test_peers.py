"""The peers (sumy LexRank/TextRank, the `lexrank` package) as the harness drives them."""

from __future__ import annotations

import pytest

from summarizer.budget import Budget
from summarizer.config import Config
from summarizer.evaluation import peers
from summarizer.evaluation.protocols import get_protocol
from summarizer.evaluation.systems import build, names_of, parse_systems

from evalkit import CLUSTERS, as_cluster

pytest.importorskip("sumy")
pytest.importorskip("lexrank")

# A short story (a ferry strike), used where only the mechanics matter.
STORY = [
    "Ferry workers in Port Alder went on strike on Monday over pay.",
    "The ferry strike in Port Alder stopped every crossing to the islands.",
    "Island residents said the ferry strike left them without deliveries.",
    "The union said the Port Alder ferry strike would last until pay talks resume.",
    "A local bakery won a prize for its rye bread.",
]
OFF_TOPIC = "A local bakery won a prize for its rye bread."


@pytest.mark.parametrize("score", [
    lambda s: peers.sumy_scores(s, "lexrank"),
    lambda s: peers.sumy_scores(s, "textrank"),
    peers.lexrank_scores,
], ids=["sumy-lexrank", "sumy-textrank", "lexrank"])
def test_peers_rate_every_sentence_and_rank_the_story_above_an_off_topic_line(score):
    sentences = [line for d in CLUSTERS[0]["documents"] for line in d["text"].split("\n")]
    sentences.append(OFF_TOPIC)
    scores = [float(x) for x in score(sentences)]
    assert len(scores) == len(sentences)
    assert len(set(scores)) > 1
    # The highest-rated sentence is about the fire, and above the line that shares
    # nothing with the rest.
    best = max(range(len(scores)), key=scores.__getitem__)
    assert "fire" in sentences[best].lower() or "blaze" in sentences[best].lower()
    assert scores[best] > scores[-1]


def test_lexrank_package_default_corpus_is_the_sentences():
    """With the articles as idf corpus, words every article shares weigh nothing; the
    default (each sentence one idf document) is what the harness uses."""
    assert peers.lexrank_scores(STORY) == peers.lexrank_scores(STORY, [[s] for s in STORY])


def test_top_sentences_keeps_the_budget_and_document_order():
    scores = [0.1, 0.9, 0.5, 0.8, 0.0]
    chosen = peers.top_sentences(STORY, scores, Budget(words=25))
    assert sum(len(s.split()) for s in chosen) <= 25
    assert chosen == [s for s in STORY if s in chosen]
    assert STORY[1] in chosen and STORY[4] not in chosen


@pytest.mark.parametrize("name", names_of("peer"))
def test_peer_systems_extract_whole_source_sentences_within_the_budget(name):
    protocol = get_protocol("duc")
    [spec] = parse_systems(name, Config())
    run = build(spec, protocol)
    cluster = as_cluster(CLUSTERS[0])
    out = run(cluster)
    lines = out.text.splitlines()
    assert lines, "a peer summary of a readable cluster is not empty"
    assert sum(len(line.split()) for line in lines) <= Config().select.words
    source = " ".join(a.text for a in cluster.articles)
    assert all(line in source for line in lines)
