"""compare(): paired bootstrap between reports, or between systems of one report."""

from __future__ import annotations

import csv

import pytest

from conftest import REPO
from evalkit import CLUSTERS, write_unified
from summarizer.errors import InputError, UsageError
from summarizer.evaluation import evaluate
from summarizer.evaluation.compare import compare, format_comparison

DUC_YAML = str(REPO / "configs" / "duc.yaml")


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("compare")
    data = str(write_unified(tmp / "tiny.jsonl"))
    other = str(write_unified(tmp / "other.jsonl", CLUSTERS[:3]))

    def report(name, dataset=data, systems="default,lead,oracle", protocol="duc"):
        evaluate(dataset, config=DUC_YAML, systems=systems, protocol=protocol,
                 report=tmp / name, samples=100)
        return str(tmp / name)

    return {"all": report("all"), "lead": report("lead", systems="lead"),
            "oracle": report("oracle", systems="oracle"),
            "multinews": report("multinews", protocol="multinews"),
            "other": report("other", dataset=other)}


def per_cluster(folder, system, metric):
    with open(f"{folder}/clusters.csv", newline="") as f:
        return [float(r[metric]) for r in csv.DictReader(f) if r["system"] == system]


def test_a_report_against_itself_has_no_difference(reports):
    label_a, label_b, rows = compare(reports["all"], reports["all"], samples=200)
    assert label_a.endswith(":default") and label_b.endswith(":default")  # default is picked
    assert [r.metric for r in rows] == ["rouge1", "rouge2"]
    for r in rows:
        assert (r.diff, r.low, r.high, r.p_value, r.n) == (0.0, 0.0, 0.0, 1.0, len(CLUSTERS))
        assert r.a == r.b
    assert "no significant difference" in format_comparison(label_a, label_b, rows, 200)


def test_selecting_systems_within_one_report_gives_b_minus_a(reports):
    label_a, label_b, rows = compare(reports["all"], None, "lead", "oracle", samples=200)
    assert label_a.endswith(":lead") and label_b.endswith(":oracle")
    for r in rows:
        lead = per_cluster(reports["all"], "lead", r.metric)
        oracle = per_cluster(reports["all"], "oracle", r.metric)
        assert r.a == pytest.approx(sum(lead) / len(lead))
        assert r.b == pytest.approx(sum(oracle) / len(oracle))
        assert r.diff == pytest.approx(r.b - r.a) and r.diff > 0
    _, _, back = compare(reports["all"], None, "oracle", "lead", samples=200)
    assert [b.diff for b in back] == pytest.approx([-r.diff for r in rows])


def test_comparison_is_deterministic_under_a_seed(reports):
    a = compare(reports["all"], None, "default", "lead", samples=200, seed=3)
    assert compare(reports["all"], None, "default", "lead", samples=200, seed=3) == a


def test_two_single_system_reports(reports):
    label_a, label_b, rows = compare(reports["lead"], reports["oracle"], samples=200)
    assert label_a.endswith(":lead") and label_b.endswith(":oracle")
    # the same numbers as the same two systems inside one report
    _, _, inside = compare(reports["all"], None, "lead", "oracle", samples=200)
    assert [(r.a, r.b, r.diff, r.p_value) for r in rows] == \
        [(r.a, r.b, r.diff, r.p_value) for r in inside]
    text = format_comparison(label_a, label_b, rows, 200)
    assert "| metric | A | B | B - A [95% CI] | p | verdict |" in text
    assert "| R-1 |" in text and "| R-2 |" in text


def test_named_system_from_a_multi_system_report(reports):
    _, label_b, _ = compare(reports["lead"], reports["all"], samples=100)
    assert label_b.endswith(":lead")  # B defaults to A's system name when B has it
    _, label_b, _ = compare(reports["lead"], reports["all"], system_b="oracle", samples=100)
    assert label_b.endswith(":oracle")


def test_different_protocols_do_not_compare(reports):
    with pytest.raises(UsageError, match="different protocols"):
        compare(reports["all"], reports["multinews"])


def test_different_datasets_do_not_compare(reports):
    with pytest.raises(UsageError, match="different datasets"):
        compare(reports["all"], reports["other"])


def test_one_report_needs_both_systems_named(reports):
    with pytest.raises(UsageError, match="--system-a and --system-b"):
        compare(reports["all"], None, "lead")


def test_unknown_system_is_named(reports):
    with pytest.raises(UsageError, match="no system 'textrank'"):
        compare(reports["all"], None, "textrank", "lead")


def test_a_folder_that_is_not_a_report(tmp_path):
    (tmp_path / "results.json").write_text("{not json")
    (tmp_path / "clusters.csv").write_text("system,cluster\n")
    with pytest.raises(InputError, match="not valid JSON"):
        compare(str(tmp_path), str(tmp_path))
    with pytest.raises(InputError, match="not an evaluation report"):
        compare(str(tmp_path / "nothing-here"), str(tmp_path))


def test_reports_whose_rows_carry_another_name(reports, tmp_path):
    # Reports recorded before rows were labelled by their run: a sweep's single-system
    # "base" run whose clusters.csv calls the system by the name its cached results were
    # first computed under. One system, one set of rows: it still compares.
    import json
    import shutil

    legacy = tmp_path / "legacy"
    shutil.copytree(reports["lead"], legacy)
    doc = json.loads((legacy / "results.json").read_text())
    doc["systems"] = {"base": doc["systems"]["lead"]}
    (legacy / "results.json").write_text(json.dumps(doc))
    label_a, label_b, rows = compare(str(legacy), reports["lead"], samples=200)
    assert label_a.endswith(":base") and label_b.endswith(":lead")
    assert all(r.diff == 0.0 and r.n == len(CLUSTERS) for r in rows)
    # With several systems the rows cannot be told apart: one clear error, not a KeyError.
    many = tmp_path / "many"
    shutil.copytree(reports["all"], many)
    doc = json.loads((many / "results.json").read_text())
    doc["systems"] = {("base" if k == "default" else k): v for k, v in doc["systems"].items()}
    (many / "results.json").write_text(json.dumps(doc))
    with pytest.raises(InputError, match="no rows for system 'base'"):
        compare(str(many), reports["all"], system_a="base", system_b="default")
