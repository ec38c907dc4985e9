"""Query-focused summaries: the relevance of Otterbacher et al. (rank/query.py), biased
LexRank, the cluster's own topic (``query.from_topic``), the CLI and configs/query.yaml."""

import json
import logging
import math
import subprocess
import sys

import numpy as np
import pytest

from summarizer.config import Config, QueryConfig, RankConfig, load_config
from summarizer.documents import Unit
from summarizer.language import get_language
from summarizer.rank import Query
from summarizer.rank.lexrank import score as lexrank
from summarizer.rank.query import make_query, query_text, relevance
from summarizer.similarity import TfidfBackend

from conftest import EXAMPLE, REPO

EN = get_language("en")


def _units(texts):
    return [Unit(t, [(0, i)]) for i, t in enumerate(texts)]


def test_relevance_golden():
    """By hand. Words after stop words and stemming: s0 {storm, hit, bridg}, s1
    {storm: 2, rain}, s2 {citi, toll, rise}; query {storm, bridg}. N = 3; sf(storm) = 2,
    sf(bridg) = 1, so idf = log(4 / 2.5) and log(4 / 1.5)."""
    units = _units(["Storm hits the bridge.", "Storm after storm, and rain.",
                    "City tolls rise."])
    got = relevance(units, "the storm and the bridge", EN)
    l2 = math.log(2)
    want = [l2 * l2 * math.log(4 / 2.5) + l2 * l2 * math.log(4 / 1.5),
            math.log(3) * l2 * math.log(4 / 2.5), 0.0]
    np.testing.assert_allclose(got, want, rtol=1e-12)


def test_relevance_zero_without_shared_words():
    units = _units(["Storm hits the bridge.", "City tolls rise."])
    assert not relevance(units, "football results", EN).any()


_BRIDGE = [
    "The Harbor Bridge closed on Tuesday after a barge struck a pier of the bridge.",
    "Officials kept the Harbor Bridge closed while divers inspected the bridge piers.",
    "Drivers faced long detours while the Harbor Bridge stayed closed.",
    "The barge that hit the bridge pier broke loose in the storm.",
    "Engineers said the bridge pier fender cracked when the barge hit it.",
    "The city ferry doubled its sailings and waived fares for passengers.",
]


def test_biased_lexrank_puts_relevant_sentences_first():
    units = _units(_BRIDGE)
    X = TfidfBackend().vectors(_BRIDGE, language=EN)
    generic = lexrank(X, units, RankConfig())
    assert np.argmax(generic) != 5  # the ferry sentence is the odd one out
    rel = relevance(units, "ferry sailings and fares", EN)
    biased = lexrank(X, units, RankConfig(), Query("ferry", rel, bias=0.7))
    assert np.argmax(biased) == 5
    # bias 0: the query is ignored
    same = lexrank(X, units, RankConfig(), Query("ferry", rel, bias=0.0))
    np.testing.assert_allclose(same, generic)


def _write_cluster(path, topic=True):
    obj = {"id": "T1", "documents": [
        {"id": "d1", "text": " ".join(_BRIDGE[:3])},
        {"id": "d2", "text": " ".join(_BRIDGE[3:])}]}
    if topic:
        obj["topic_title"] = "Ferry service"
        obj["topic_narrative"] = "Describe the ferry sailings and fares."
    path.write_text(json.dumps(obj) + "\n", encoding="utf-8")
    return path


def test_from_topic_reads_title_and_narrative(tmp_path):
    from summarizer.ingest import read_path

    (cluster,) = read_path(_write_cluster(tmp_path / "clusters.jsonl"))
    cfg = QueryConfig(from_topic=True)
    assert query_text(cfg, cluster.meta) == (
        "Ferry service Describe the ferry sailings and fares.")
    # --query wins over the topic; without from_topic the topic is not used
    assert query_text(QueryConfig(text=" boats ", from_topic=True), cluster.meta) == "boats"
    assert query_text(QueryConfig(), cluster.meta) is None


def _summarize(*args):
    out = subprocess.run([sys.executable, "-m", "summarizer", "summarize", *args,
                          "--format", "json"], capture_output=True, text=True, cwd=REPO,
                         check=True)
    return json.loads(out.stdout), out.stderr


def test_from_topic_end_to_end(tmp_path):
    path = _write_cluster(tmp_path / "clusters.jsonl")
    generic, _ = _summarize(str(path), "--words", "15")
    focused, _ = _summarize(str(path), "--config", "configs/query.yaml", "--words", "15")
    assert "ferry" not in generic["summary"].lower()
    assert "ferry" in focused["summary"].lower()


def test_from_topic_without_topic_falls_back_to_generic(tmp_path, caplog):
    meta: dict = {"source": "x"}
    with caplog.at_level(logging.WARNING, logger="summarizer"):
        assert query_text(QueryConfig(from_topic=True), meta) is None
        assert make_query(QueryConfig(from_topic=True), meta, _units(_BRIDGE), EN) is None
    assert "no topic_title or topic_narrative" in caplog.text
    path = _write_cluster(tmp_path / "clusters.jsonl", topic=False)
    generic, _ = _summarize(str(path), "--words", "15")
    focused, err = _summarize(str(path), "--config", "configs/query.yaml", "--words", "15",
                              "--set", "select.truncate=false")
    plain, _ = _summarize(str(path), "--config", "configs/tac.yaml", "--words", "15",
                          "--set", "select.truncate=false", "--method", "ilp",
                          "--set", "rank.ilp.position=3")
    assert focused["summary"] == plain["summary"]
    assert "no topic_title or topic_narrative" in err


def test_cli_query_moves_the_summary_toward_it():
    query = "ferry passengers and fares"
    generic, _ = _summarize(str(EXAMPLE), "--words", "60")
    focused, _ = _summarize(str(EXAMPLE), "--words", "60", "--query", query)
    assert focused["summary"] != generic["summary"]
    assert "ferry" not in generic["summary"].lower()
    assert "ferry" in focused["summary"].lower()
    units = _units([s["text"] for s in focused["sentences"]])
    base = _units([s["text"] for s in generic["sentences"]])
    assert relevance(units, query, EN).sum() > relevance(base, query, EN).sum()


def test_query_yaml_loads():
    cfg = load_config(REPO / "configs" / "query.yaml")
    assert isinstance(cfg, Config)
    assert cfg.query.from_topic is True and cfg.query.text is None
    assert cfg.query.bias == pytest.approx(0.7)
    assert cfg.rank.method == "ilp" and cfg.rank.ilp.position == 3.0
    assert cfg.select.words == 250 and cfg.select.truncate is True  # from tac.yaml
    assert cfg.evaluate.protocol == "tac"


def test_duc2006_clusters_carry_their_topic():
    from conftest import require_shared

    from summarizer.evaluation.datasets import load_dataset

    require_shared("duc2006")
    ds = load_dataset("duc2006")
    clusters = ds.clusters
    assert len(clusters) == 50
    for c in clusters:
        assert query_text(QueryConfig(from_topic=True), c.meta)
        assert c.meta["topic_title"] and c.meta["topic_narrative"]
