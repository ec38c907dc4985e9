"""The report folder: every file there, and summaries that re-score to the CSV values with
rouge-score called directly."""

from __future__ import annotations

import csv
import json

import pytest
from rouge_score import rouge_scorer

from conftest import REPO
from evalkit import CLUSTERS, write_unified
from summarizer.evaluation import evaluate
from summarizer.evaluation.report import load_report, table
from summarizer.fileio import MANIFEST

DUC_YAML = str(REPO / "configs" / "duc.yaml")
SYSTEMS = ["default", "lead", "oracle"]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report")
    data = write_unified(tmp / "tiny.jsonl")
    ev = evaluate(str(data), config=DUC_YAML, systems=",".join(SYSTEMS), protocol="duc",
                  report=tmp / "rep", samples=200, seed=1)
    return ev, tmp / "rep"


def read_csv(folder):
    with open(folder / "clusters.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_report_folder_holds_every_file(report):
    ev, folder = report
    assert ev.report == folder
    names = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    expected = {"results.json", "clusters.csv", "results.md", "scores.png", MANIFEST} | {
        f"summaries/{s}/{c['id']}.txt" for s in SYSTEMS for c in CLUSTERS} | {"index.html"} | {
        f"clusters/{c['id']}.html" for c in CLUSTERS}
    assert names == expected  # nothing else, no temp files left behind
    assert (folder / "scores.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (folder / "results.md").read_text() == table(ev.doc)


def test_results_json_describes_the_run(report):
    ev, folder = report
    doc = json.loads((folder / "results.json").read_text())
    assert doc["dataset"]["name"] == "tiny" and doc["dataset"]["clusters"] == len(CLUSTERS)
    assert doc["dataset"]["digest"] == ev.run.dataset.digest
    assert doc["protocol"]["name"] == "duc" and doc["protocol"]["metrics"] == ["rouge1", "rouge2"]
    assert doc["bootstrap"] == {"samples": 200, "seed": 1, "level": 0.95}
    assert list(doc["systems"]) == SYSTEMS
    rows = read_csv(folder)
    for name in SYSTEMS:
        s = doc["systems"][name]
        assert s["clusters"] == len(CLUSTERS) and s["errors"] == 0
        for m in ("rouge1", "rouge2"):
            values = [float(r[m]) for r in rows if r["system"] == name]
            v = s["metrics"][m]
            assert v["mean"] == pytest.approx(sum(values) / len(values), abs=1e-3)
            assert v["low"] <= v["mean"] <= v["high"]


def test_clusters_csv_has_one_row_per_system_and_cluster(report):
    _, folder = report
    rows = read_csv(folder)
    assert [(r["system"], r["cluster"]) for r in rows] == [
        (s, c["id"]) for s in SYSTEMS for c in CLUSTERS]
    assert set(rows[0]) == {"system", "cluster", "rouge1", "rouge2", "words", "unsupported",
                            "seconds", "error"}
    assert all(r["error"] == "" for r in rows)


def test_summaries_rescored_with_rouge_score_match_the_csv(report):
    _, folder = report
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    refs = {c["id"]: [r["text"] for r in c["references"]] for c in CLUSTERS}

    def first_100(text):
        return " ".join(text.split()[:100])

    for row in read_csv(folder):
        summary = (folder / "summaries" / row["system"] / f"{row['cluster']}.txt").read_text()
        assert len(summary.split()) == int(row["words"]) <= 100
        results = [scorer.score(first_100(ref), first_100(summary)) for ref in refs[row["cluster"]]]
        for m in ("rouge1", "rouge2"):
            direct = 100 * sum(r[m].recall for r in results) / len(results)
            assert float(row[m]) == pytest.approx(direct, abs=1e-4), (row, m)


def test_load_report_reads_back_the_per_cluster_scores(report):
    ev, folder = report
    doc, per = load_report(folder)
    assert doc["systems"].keys() == per.keys()
    for name, rs in ev.run.results.items():
        for r in rs:
            assert per[name][r.cluster] == pytest.approx(r.scores, abs=1e-4)


def test_table_lists_every_system_with_intervals(report):
    ev, _ = report
    text = table(ev.doc)
    lines = text.splitlines()
    assert lines[0].startswith("| system | R-1 | R-2 |")
    for name in SYSTEMS:
        row = next(line for line in lines if line.startswith(f"| {name} |"))
        assert row.count("[") == 2  # an interval per metric
    assert "tiny (4 clusters)" in text and "200 resamples, seed 1" in text


def test_a_rerun_into_the_same_folder_leaves_no_stale_summaries(report, tmp_path):
    ev, _ = report
    folder = tmp_path / "out"
    evaluate(ev.run.dataset, config=DUC_YAML, systems="default,lead", report=folder,
             samples=50)
    again = evaluate(str(write_unified(tmp_path / "two.jsonl", CLUSTERS[:2])),
                     config=DUC_YAML, systems="lead", protocol="duc", report=folder,
                     samples=50)
    doc, per = load_report(again.report)
    assert list(per) == ["lead"] and doc["bootstrap"]["samples"] == 50
    assert set(per["lead"]) == {"millbrook-fire", "kestrel-dam"}
    # Every summary in the folder belongs to the run that results.json describes.
    summaries = sorted(p.relative_to(folder).as_posix()
                       for p in (folder / "summaries").rglob("*.txt"))
    assert summaries == ["summaries/lead/kestrel-dam.txt", "summaries/lead/millbrook-fire.txt"]
