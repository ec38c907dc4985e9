"""The trained ranker as a method (``rank.method: learned``, summarizer/rank/learned.py)
and in the evaluation harness: it summarizes by its model's scores, through the API and
the CLI; its model is read once, before any work; a missing model is one line; a model
trained under other settings is one warning; and scoring a model on clusters it was
trained on is refused unless allowed, and then stated in the report."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

import numpy as np
import pytest

from conftest import EXAMPLE
from evalkit import CLUSTERS, write_unified
from summarizer.config import load_config
from summarizer.errors import ConfigError, UsageError
from summarizer.evaluation import evaluate
from summarizer.evaluation.report import table
from summarizer.learn.features import FEATURES, feature_matrix
from summarizer.learn.model import fit, hash_ids, load
from summarizer.pipeline import Pipeline


def _model(path, target: str = "length_share", sign: float = 1.0, ids=(),
           language: str | None = "en", config: dict | None = None):
    """A model of ``sign`` x one feature, fitted on random features, saved at ``path``."""
    F = np.random.default_rng(0).random((2000, len(FEATURES)))
    meta = {"trained_on": {"ids": hash_ids(ids), "dataset": "tiny", "clusters": len(ids),
                           "language": language}, "config": config or {}}
    fit(F, sign * F[:, FEATURES.index(target)], FEATURES, meta,
        {"max_iter": 20, "min_samples_leaf": 5}).save(path)
    return path


def cli(*args):
    return subprocess.run([sys.executable, "-m", "summarizer", *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def one_error_line(r) -> str:
    assert r.returncode == 2, (r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarizer: error: "), r.stderr
    return lines[0].removeprefix("summarizer: error: ")


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_the_summary_is_the_models_choice_without_the_priors(tiny_cluster, tmp_path, sign):
    """Each sentence's score is the model's prediction (shifted to start at 0), not times
    the position prior; topk takes the best, so the model that likes long sentences and
    the one that likes short ones choose different sentences."""
    path = _model(tmp_path / "m.json", sign=sign)
    cfg = load_config(None, ["rank.method=learned", f"rank.learned.model={path}",
                             "select.method=topk", "select.words=null", "select.sentences=1",
                             "rank.priors.position=5"])
    pipeline = Pipeline(cfg)
    ctx = pipeline.candidates(tiny_cluster).ctx
    expected = load(path).predict(feature_matrix(ctx))
    expected -= expected.min()
    (chosen,) = pipeline.summarize(tiny_cluster).sentences
    assert chosen.score == pytest.approx(expected[chosen.index])
    assert chosen.index == int(np.argmax(np.where(ctx.eligible, expected, -1)))
    lengths = ctx.lengths[ctx.eligible]
    assert ctx.lengths[chosen.index] == (lengths.max() if sign > 0 else lengths.min())


def test_priors_on_top_multiply_the_models_scores(tiny_cluster, tmp_path):
    """``rank.learned.priors: true`` multiplies the model's (shifted) scores by the
    config's priors: a strong position prior moves the choice of a model that likes
    short sentences from the shortest to a lead sentence; off, the prior changes nothing."""
    path = _model(tmp_path / "m.json", sign=-1.0)
    base = ["rank.method=learned", f"rank.learned.model={path}", "select.method=topk",
            "select.words=null", "select.sentences=1", "rank.priors.position=50"]
    chosen = {}
    for priors in ("false", "true"):
        pipeline = Pipeline(load_config(None, [*base, f"rank.learned.priors={priors}"]))
        ctx = pipeline.candidates(tiny_cluster).ctx
        expected = load(path).predict(feature_matrix(ctx))
        expected -= expected.min()
        if priors == "true":
            expected *= ctx.priors
        (chosen[priors],) = pipeline.summarize(tiny_cluster).sentences
        assert chosen[priors].score == pytest.approx(expected[chosen[priors].index])
        assert chosen[priors].index == int(np.argmax(np.where(ctx.eligible, expected, -1)))
    assert chosen["true"].index != chosen["false"].index
    assert min(p for _, p in ctx.units[chosen["true"].index].support) == 0


def test_summarize_through_the_cli_and_its_one_line_errors(tmp_path):
    path = _model(tmp_path / "m.json")
    r = cli("summarize", EXAMPLE, "--method", "learned", "--set", f"rank.learned.model={path}")
    assert r.returncode == 0, r.stderr
    text = " ".join(p.read_text(encoding="utf-8") for p in EXAMPLE.glob("*.txt"))
    lines = r.stdout.strip().splitlines()
    assert lines and all(line in text for line in lines)
    line = one_error_line(cli("summarize", EXAMPLE, "--method", "learned"))
    assert line.startswith("config key rank.learned.model: required")
    line = one_error_line(cli("summarize", EXAMPLE, "--method", "learned", "--set",
                              f"rank.learned.model={tmp_path / 'none.json'}"))
    assert line.startswith(f"model '{tmp_path / 'none.json'}': cannot read it")


def test_a_missing_model_fails_when_the_pipeline_is_built(tmp_path):
    cfg = load_config(None, ["rank.method=learned", f"rank.learned.model={tmp_path / 'x'}"])
    with pytest.raises(ConfigError, match="^model .*: cannot read it"):
        Pipeline(cfg)
    with pytest.raises(ConfigError, match="rank.learned.model: required"):
        load_config(None, ["rank.method=learned"])


def test_the_model_is_read_once_per_version_of_its_file(tiny_cluster, tmp_path, monkeypatch):
    import summarizer.learn.model as model

    reads = []
    monkeypatch.setattr(model, "load", lambda p: reads.append(p) or load(p))
    path = _model(tmp_path / "m.json")
    cfg = load_config(None, ["rank.method=learned", f"rank.learned.model={path}"])
    for _ in range(2):
        Pipeline(cfg).summarize_many([tiny_cluster, tiny_cluster])
    assert len(reads) == 1
    _model(path, sign=-1.0)  # trained again: the new file is read
    os.utime(path, ns=(1, 1))
    Pipeline(cfg).summarize(tiny_cluster)
    assert len(reads) == 2


def test_a_model_trained_under_other_settings_is_one_warning(tiny_cluster, tmp_path, caplog):
    caplog.set_level(logging.WARNING, logger="summarizer")
    path = _model(tmp_path / "m.json", language="fr",
                  config={"similarity": {"tfidf": {"ngram_max": 2}}, "split": {}})
    cfg = load_config(None, ["rank.method=learned", f"rank.learned.model={path}"])
    for _ in range(2):
        Pipeline(cfg).summarize_many([tiny_cluster, tiny_cluster])
    lines = [r.getMessage() for r in caplog.records if str(path) in r.getMessage()]
    assert len(lines) == 2, lines
    assert any("'fr'" in line and "'en'" in line for line in lines)
    assert any("similarity.tfidf.ngram_max=2 (now 1)" in line for line in lines)
    caplog.clear()
    same = _model(tmp_path / "same.json")  # trained under these settings: no warning
    Pipeline(load_config(None, ["rank.method=learned", f"rank.learned.model={same}"])
             ).summarize(tiny_cluster)
    assert not caplog.records


def test_scoring_a_model_on_its_training_clusters_is_refused_unless_allowed(tmp_path, sentinel):
    data = write_unified(tmp_path / "tiny.jsonl")
    path = _model(tmp_path / "m.json", ids=[c["id"] for c in CLUSTERS[:2]])
    system = tmp_path / "learned.yaml"
    system.write_text(f"rank:\n  method: learned\n  learned:\n    model: {path}\n")
    args = ["evaluate", "--dataset", data, "--systems", f"lead,{system}", "--bootstrap", "20",
            "--cache-dir", tmp_path / "cache"]
    line = one_error_line(cli(*args, "--report", tmp_path / "refused"))
    assert line == (f"model {path} was trained on 2 of the 4 clusters of tiny; "
                    "--allow-train-overlap to score it anyway")
    assert not (tmp_path / "refused").exists() and not (tmp_path / "cache").exists()
    report = tmp_path / "allowed"
    r = cli(*args, "--report", report, "--allow-train-overlap")
    assert r.returncode == 0, r.stderr
    statement = (f"learned: its model {path} was trained on 2 of these 4 clusters (scored "
                 "with --allow-train-overlap): not a held-out result.")
    assert statement in r.stdout and statement in (report / "results.md").read_text()
    systems = json.loads((report / "results.json").read_text())["systems"]
    assert systems["learned"]["train_overlap"] == {"model": str(path), "trained_on": 2,
                                                   "clusters": 4}
    assert "train_overlap" not in systems["lead"]
    sentinel.check()


def test_a_held_out_model_is_scored_and_a_retrained_one_is_not_taken_from_the_cache(tmp_path):
    data = write_unified(tmp_path / "tiny.jsonl", CLUSTERS[2:])
    path = _model(tmp_path / "m.json", ids=[c["id"] for c in CLUSTERS[:2]])
    run = dict(overrides=[f"rank.learned.model={path}"], systems="learned", samples=20,
               cache_dir=tmp_path / "cache")
    ev = evaluate(str(data), **run)
    overlap = ev.doc["systems"]["learned"]["train_overlap"]
    assert overlap == {"model": str(path), "trained_on": 0, "clusters": 2}
    assert "allow-train-overlap" not in table(ev.doc)
    assert evaluate(str(data), **run).run.cached == 2
    _model(path, sign=-1.0, ids=[c["id"] for c in CLUSTERS[:2]])
    assert evaluate(str(data), **run).run.cached == 0
    with pytest.raises(UsageError, match="trained on 2 of the 4 clusters"):
        evaluate(str(write_unified(tmp_path / "all.jsonl")), **run)
    assert evaluate(str(write_unified(tmp_path / "all.jsonl")), **run,
                    allow_train_overlap=True).doc["systems"]["learned"]["train_overlap"][
                        "trained_on"] == 2
