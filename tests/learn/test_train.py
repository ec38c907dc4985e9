"""``summarizer train`` and :func:`summarizer.learn.train` from the outside: a model file
from a tiny dataset written here, read back by :func:`summarizer.learn.load` and used by
``summarizer summarize --method learned``; the same model whatever ``--jobs``; skipped
clusters counted; every user error one line, before any work and without writing."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import EXAMPLE
from evalkit import CLUSTERS, EMPTY_AFTER_CLEANING, write_unified
from summarizer.learn import FEATURES, LABEL, hash_ids, load, train


def cli(*args):
    return subprocess.run([sys.executable, "-m", "summarizer", *args], capture_output=True,
                          text=True, timeout=300)


def one_error_line(r, code=2) -> str:
    assert r.returncode == code, (r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarizer: error: "), r.stderr
    return lines[0]


def test_train_writes_a_model_that_summarize_uses(tmp_path, sentinel):
    data = write_unified(tmp_path / "news.jsonl")
    models = tmp_path / "models"
    models.mkdir()
    out = models / "ranker.json"
    out.symlink_to(sentinel.victim)  # replaced, never followed
    r = cli("-q", "train", "--dataset", str(data), "--out", str(out), "--jobs", "2",
            "--set", "select.words=60")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"trained on {len(CLUSTERS)} clusters (") and r.stdout.endswith(
        f"; model in {out}\n") and r.stdout.count("\n") == 1
    assert not out.is_symlink() and os.listdir(models) == ["ranker.json"]
    sentinel.check()

    model = load(out)
    trained = model.meta["trained_on"]
    assert model.features == FEATURES and model.meta["label"] == LABEL
    assert trained["dataset"] == "news" and trained["clusters"] == len(CLUSTERS)
    assert trained["ids"] == hash_ids(c["id"] for c in CLUSTERS) and trained["language"] == "en"
    assert model.meta["config"]["select"]["words"] == 60
    assert model.meta["training"]["units"] > 4 * len(CLUSTERS)

    s = cli("summarize", str(EXAMPLE), "--method", "learned", "--set",
            f"rank.learned.model={out}", "--words", "60")
    assert s.returncode == 0, s.stderr
    assert 10 <= len(s.stdout.split()) <= 60

    # in process with one job: the same trees as two worker processes gave
    report = train(str(data), overrides=["select.words=60"], jobs=1)
    assert report["out"] is None and report["clusters"] == len(CLUSTERS)
    assert report["model"].document()["model"] == model.document()["model"]


def test_a_cluster_that_cannot_be_used_is_skipped_and_counted(tmp_path, caplog):
    data = write_unified(tmp_path / "mixed.jsonl", [CLUSTERS[0], EMPTY_AFTER_CLEANING])
    out = tmp_path / "model.json"
    report = train(str(data), out=out)
    assert report["clusters"] == 1 and list(report["skipped"]) == ["only-boilerplate"]
    assert "no article has text left" in report["skipped"]["only-boilerplate"]
    assert "cluster 'only-boilerplate' skipped" in caplog.text
    meta = load(out).meta
    assert meta["trained_on"]["ids"] == hash_ids([CLUSTERS[0]["id"]])
    assert meta["training"]["skipped"] == 1


def test_several_datasets_train_one_model_on_all_their_clusters(tmp_path):
    """``--dataset a,b``: one model over both sets' clusters, in that order, named by
    both, its ids those of both (so evaluating on either is refused); a path whose own
    name holds a comma is still one dataset."""
    first = write_unified(tmp_path / "first.jsonl", CLUSTERS[:1])
    second = write_unified(tmp_path / "second.jsonl", CLUSTERS[1:])
    both = train(f"{first},{second}")
    model = both["model"]
    assert both["clusters"] == len(CLUSTERS) and model.meta["trained_on"]["dataset"] == \
        "first+second"
    assert model.meta["trained_on"]["ids"] == hash_ids(c["id"] for c in CLUSTERS)
    together = train(str(write_unified(tmp_path / "all.jsonl", CLUSTERS)))
    assert model.document()["model"] == together["model"].document()["model"]
    comma = write_unified(tmp_path / "a,b.jsonl", CLUSTERS[:1])
    assert train(str(comma))["clusters"] == 1
    r = cli("train", "--dataset", f"{first},{first}", "--out", str(tmp_path / "m.json"))
    assert "is named twice" in one_error_line(r)
    assert not (tmp_path / "m.json").exists()


def test_user_errors_are_one_line_and_write_nothing(tmp_path):
    good = write_unified(tmp_path / "tiny.jsonl", CLUSTERS[:2])
    norefs = write_unified(tmp_path / "norefs.jsonl", [dict(CLUSTERS[0], references=[])])
    before = sorted(os.listdir(tmp_path))
    cases = [
        (["--dataset", "no-such-dataset", "--out", str(tmp_path / "m.json")],
         "neither a known name"),
        (["--dataset", str(norefs), "--out", str(tmp_path / "m.json")],
         "have no reference summaries"),
        (["--dataset", str(good), "--out", str(tmp_path / "missing" / "m.json")],
         "does not exist"),
        (["--dataset", str(good), "--out", str(tmp_path)], "is a folder"),
        (["--dataset", str(good), "--out", str(tmp_path / "m.json"), "--jobs", "0"], "jobs"),
    ]
    for args, expected in cases:
        assert expected in one_error_line(cli("train", *args)), args
    assert sorted(os.listdir(tmp_path)) == before
