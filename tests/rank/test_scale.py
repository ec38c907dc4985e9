"""A cluster with more sentences than rank.max_sentences: the documented pre-filter
(centroid similarity x priors), a warning naming the cluster, a summary all the same."""

import logging
import random
import re
import subprocess
import sys

import numpy as np

from summarizer.config import RankConfig, load_config
from summarizer.documents import Article, Cluster, Unit
from summarizer.pipeline import Pipeline
from summarizer.rank import prefilter
from summarizer.rank.centroid import score as centroid
from summarizer.similarity import TfidfBackend

TOPIC = ("harbor bridge inspection divers found corrosion in the steel piles and the "
         "authority closed two lanes while engineers reviewed the findings").split()
OTHER = ("a bakery on main street won a regional prize for its sourdough and rye loaves "
         "after a tasting by judges").split()


def invented_articles(n_articles=6, per_article=40, seed=0):
    """Invented sentences: most about one topic, some off-topic; every one distinct."""
    rng = random.Random(seed)
    arts = []
    for a in range(n_articles):
        sents = []
        for i in range(per_article):
            words = OTHER if i % 5 == 4 else TOPIC
            picked = [rng.choice(words) for _ in range(12)] + [f"item{a}x{i}"]
            sents.append(" ".join(picked).capitalize() + ".")
        arts.append(Article(f"a{a}", "\n".join(" ".join(sents[j:j + 4]) for j in range(0, per_article, 4))))
    return arts


def test_prefilter_keeps_the_most_central_in_order():
    texts = [" ".join(TOPIC[i:i + 8]) for i in range(10)] + [" ".join(OTHER[i:i + 8]) for i in range(5)]
    X = TfidfBackend().vectors(texts)
    units = [Unit(t, ((0, i),)) for i, t in enumerate(texts)]
    cfg = RankConfig(max_sentences=8, priors={"position": 0.0, "support": 0.0})
    keep = prefilter(X, units, cfg)
    assert len(keep) == 8 and list(keep) == sorted(keep)
    scores = centroid(X, units, cfg)
    assert scores[keep].min() >= np.delete(scores, keep).max()
    assert all(k < 10 for k in keep)  # the off-topic sentences went
    assert prefilter(X, units, RankConfig(max_sentences=15)) is None
    assert prefilter(X, units, RankConfig(max_sentences=None)) is None


def test_prefilter_applies_the_position_prior():
    texts = [" ".join(TOPIC[i:i + 8]) for i in range(10)]
    X = TfidfBackend().vectors(texts)
    units = [Unit(t, ((0, i),)) for i, t in enumerate(texts)]
    keep = prefilter(X, units, RankConfig(max_sentences=3, priors={"position": 50.0, "support": 0.0}))
    assert list(keep) == [0, 1, 2]


def test_pipeline_above_max_sentences_warns_and_summarizes(caplog):
    cluster = Cluster("big-invented", invented_articles())
    cfg = load_config(None, ["rank.max_sentences=50", "select.words=60"])
    with caplog.at_level(logging.WARNING, logger="summarizer"):
        summary, ranked = Pipeline(cfg).extract(cluster)
    msgs = [r.getMessage() for r in caplog.records if r.name == "summarizer"]
    n = len(ranked)  # every unit after dedup: the dropped ones come last
    assert n > 150
    assert any("'big-invented'" in m and f"{n} sentences after dedup" in m
               and "max_sentences=50" in m and f"{n - 50} dropped" in m for m in msgs), msgs
    assert summary.sentences and 0 < len(summary.text.split()) <= 60
    assert "prefilter" in summary.timings
    # Under the limit: no warning, no prefilter.
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="summarizer"):
        small, _ = Pipeline(load_config(None, ["select.words=60"])).extract(cluster)
    assert not [r for r in caplog.records if "max_sentences" in r.getMessage()]
    assert "prefilter" not in small.timings


def test_cli_above_max_sentences(tmp_path):
    folder = tmp_path / "cluster-x"
    folder.mkdir()
    for art in invented_articles(n_articles=3, per_article=30, seed=1):
        (folder / f"{art.id}.txt").write_text(art.text, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "summarizer", "summarize", str(folder),
                        "--set", "rank.max_sentences=20", "--words", "50"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    m = re.search(r"cluster '([^']+)': (\d+) sentences after dedup, above "
                  r"rank.max_sentences=20; .* (\d+) dropped", r.stderr)
    assert m, r.stderr
    assert "cluster-x" in m.group(1) and int(m.group(2)) > 40
    assert int(m.group(3)) == int(m.group(2)) - 20
    assert 0 < len(r.stdout.split()) <= 50


def test_clean_and_split_in_worker_processes_give_the_same_summary(tmp_path):
    """parallel.above_chars=0 sends even a small cluster to 2 worker processes: the
    summary, its scores and support are those of one process."""
    import json
    import subprocess
    import sys

    from conftest import EXAMPLE

    def run(*overrides):
        out = tmp_path / f"{len(list(tmp_path.iterdir()))}.json"
        r = subprocess.run([sys.executable, "-m", "summarizer", "summarize", str(EXAMPLE),
                            "--format", "json", "-o", str(out), *overrides],
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        doc = json.loads(out.read_text())
        doc.pop("config")
        return doc

    one = run("--set", "parallel.workers=1", "--set", "parallel.above_chars=0")
    two = run("--set", "parallel.workers=2", "--set", "parallel.above_chars=0")
    default = run()
    assert one == two == default


def test_parallel_map_keeps_order_across_chunks():
    from summarizer.parallel import parallel_map, workers_for
    from summarizer.config import ParallelConfig

    items = list(range(103))
    assert parallel_map(str, items, 3) == [str(i) for i in items]
    assert parallel_map(str, [], 3) == []
    assert workers_for(ParallelConfig(), 1000) == 1
    assert workers_for(ParallelConfig(workers=3, above_chars=10), 1000) == 3
