"""The evaluation runner: every system on every cluster, cached per cluster, resumable
after an interruption, the same in parallel, and robust to clusters it cannot summarize."""

from __future__ import annotations

import json
from dataclasses import asdict, replace

import pytest

from conftest import REPO
from evalkit import CLUSTERS, EMPTY_AFTER_CLEANING, write_unified
from summarizer.config import load_config
from summarizer.evaluation import evaluate, runner
from summarizer.evaluation.datasets import load_dataset
from summarizer.evaluation.protocols import PROTOCOLS, score
from summarizer.evaluation.report import aggregate, table
from summarizer.evaluation.runner import Cache, run
from summarizer.evaluation.systems import parse_systems

DUC = PROTOCOLS["duc"]
DUC_YAML = str(REPO / "configs" / "duc.yaml")


@pytest.fixture
def dataset(tmp_path):
    return load_dataset(str(write_unified(tmp_path / "tiny.jsonl")))


def specs(names="default,lead", overrides=()):
    return parse_systems(names, load_config(DUC_YAML, list(overrides)), DUC_YAML,
                         list(overrides))


def rows(result, keep_seconds=False):
    """Per-cluster results as plain dicts (seconds differ run to run unless cached)."""
    out = {}
    for name, rs in result.results.items():
        out[name] = [{k: v for k, v in asdict(r).items() if keep_seconds or k != "seconds"}
                     for r in rs]
    return out


def cache_files(root):
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_run_scores_every_system_on_every_cluster(dataset):
    result = run(dataset, specs(), DUC, progress=False)
    assert list(result.results) == ["default", "lead"]
    assert (result.computed, result.cached) == (8, 0)
    for name, rs in result.results.items():
        assert [r.cluster for r in rs] == [c.id for c in dataset.clusters]
        for r, cluster in zip(rs, dataset.clusters):
            assert r.system == name and r.error is None and r.summary
            assert r.words == len(r.summary.split()) <= 100
            direct = score(r.summary, [x.text for x in cluster.references], DUC)
            assert r.scores == pytest.approx(direct, abs=1e-5)
    assert all(r.words == 100 for r in result.results["lead"])  # lead fills the budget


def test_second_run_comes_from_the_cache_unchanged(dataset, tmp_path):
    cache = Cache(tmp_path / "cache")
    first = run(dataset, specs(), DUC, cache=cache, progress=False)
    assert (first.computed, first.cached) == (8, 0)
    assert len(cache_files(tmp_path / "cache")) == 8
    second = run(dataset, specs(), DUC, cache=cache, progress=False)
    assert (second.computed, second.cached) == (0, 8)
    assert rows(second, keep_seconds=True) == rows(first, keep_seconds=True)


def test_changing_the_config_changes_the_key_and_recomputes(dataset, tmp_path):
    cache = Cache(tmp_path / "cache")
    run(dataset, specs(), DUC, cache=cache, progress=False)
    # rank.method changes the default system only: lead comes from the cache.
    ranked = run(dataset, specs(overrides=["rank.method=textrank"]), DUC, cache=cache,
                 progress=False)
    assert (ranked.computed, ranked.cached) == (4, 4)
    # the word budget changes both
    shorter = run(dataset, specs(overrides=["select.words=50"]), DUC, cache=cache,
                  progress=False)
    assert (shorter.computed, shorter.cached) == (8, 0)
    assert all(r.words <= 50 for rs in shorter.results.values() for r in rs)
    # and through evaluate() with --set, as the CLI does it
    ev = evaluate(dataset, config=DUC_YAML, overrides=["select.mmr.lambda=0.3"],
                  systems="default,lead", cache_dir=tmp_path / "cache", samples=100)
    assert (ev.run.computed, ev.run.cached) == (4, 4)
    # the language changes the sentences every system sees, the baselines' too
    french = run(dataset, specs(overrides=["language=fr"]), DUC, cache=cache, progress=False)
    assert (french.computed, french.cached) == (8, 0)


def test_a_protocol_change_or_a_code_change_recomputes(dataset, tmp_path, monkeypatch):
    cache = Cache(tmp_path / "cache")
    run(dataset, specs("lead"), DUC, cache=cache, progress=False)
    assert run(dataset, specs("lead"), PROTOCOLS["tac"], cache=cache,
               progress=False).computed == 4
    monkeypatch.setattr(runner, "code_version", lambda: "another-version")
    assert run(dataset, specs("lead"), DUC, cache=cache, progress=False).computed == 4


def test_a_data_change_recomputes(tmp_path):
    path = write_unified(tmp_path / "tiny.jsonl")
    cache = Cache(tmp_path / "cache")
    run(load_dataset(str(path)), specs("lead"), DUC, cache=cache, progress=False)
    edited = [dict(CLUSTERS[0], references=[{"id": "A", "text": "A new reference."}])]
    write_unified(path, edited + CLUSTERS[1:])
    again = run(load_dataset(str(path)), specs("lead"), DUC, cache=cache, progress=False)
    assert again.computed == 4


def test_same_config_under_two_names_is_computed_once(dataset, tmp_path):
    result = run(dataset, specs(f"default,{DUC_YAML}"), DUC, cache=Cache(tmp_path / "c"),
                 progress=False)
    assert list(result.results) == ["default", "duc"]
    assert result.computed == 4
    a, b = rows(result)["default"], rows(result)["duc"]
    assert [dict(r, system="duc") for r in a] == b


def test_results_cached_under_one_name_are_labelled_by_the_run_that_reads_them(dataset,
                                                                               tmp_path):
    # A system is its key; a name is the label one run gives it. A sweep's "base" whose
    # results an earlier `evaluate` cached as "default" reports them as "base".
    cache = Cache(tmp_path / "c")
    first = run(dataset, specs("default"), DUC, cache=cache, progress=False)
    base = replace(specs("default")[0], name="base")
    again = run(dataset, [base], DUC, cache=cache, progress=False)
    assert (again.computed, again.cached) == (0, 4)
    assert list(again.results) == ["base"]
    assert [r.system for r in again.results["base"]] == ["base"] * 4
    assert [dict(r, system="default") for r in rows(again)["base"]] == rows(first)["default"]
    doc = aggregate(again, 100, 0)
    assert list(doc["systems"]) == ["base"]
    assert doc["systems"]["base"]["key"] == first.systems[0].key()


def test_interrupted_run_resumes_where_it_stopped(dataset, tmp_path, monkeypatch):
    reference = run(dataset, specs(), DUC, cache=Cache(tmp_path / "uninterrupted"),
                    progress=False)
    real_build, calls = runner.build, {"n": 0}

    def flaky_build(spec, protocol):
        system = real_build(spec, protocol)

        def summarize(cluster):
            calls["n"] += 1
            if calls["n"] > 3:
                raise KeyboardInterrupt  # Ctrl-C during the 4th summary
            return system(cluster)

        return summarize

    monkeypatch.setattr(runner, "build", flaky_build)
    cache_root = tmp_path / "cache"
    with pytest.raises(KeyboardInterrupt):
        run(dataset, specs(), DUC, cache=Cache(cache_root), progress=False)
    assert len(cache_files(cache_root)) == 3  # each result was saved as it came
    assert not list(cache_root.rglob("*.tmp"))
    for f in cache_files(cache_root):
        json.loads(f.read_text())  # whole JSON, never half a file

    monkeypatch.setattr(runner, "build", real_build)
    resumed = run(dataset, specs(), DUC, cache=Cache(cache_root), progress=False)
    assert (resumed.computed, resumed.cached) == (5, 3)
    assert rows(resumed) == rows(reference)
    assert table(aggregate(resumed, 200, 0)) == table(aggregate(reference, 200, 0))
    assert len(cache_files(cache_root)) == 8 and not list(cache_root.rglob("*.tmp"))


def test_a_damaged_cache_file_is_recomputed(dataset, tmp_path):
    cache = Cache(tmp_path / "cache")
    first = run(dataset, specs("lead"), DUC, cache=cache, progress=False)
    victim = cache_files(tmp_path / "cache")[0]
    victim.write_text(victim.read_text()[:40])  # as if cut off mid-write by an old tool
    again = run(dataset, specs("lead"), DUC, cache=cache, progress=False)
    assert (again.computed, again.cached) == (1, 3)
    assert rows(again) == rows(first)


def test_two_jobs_give_the_same_results_as_one(dataset, tmp_path):
    one = run(dataset, specs("default,lead,oracle"), DUC, jobs=1, progress=False)
    two = run(dataset, specs("default,lead,oracle"), DUC, jobs=2,
              cache=Cache(tmp_path / "cache"), progress=False)
    assert two.computed == 12
    assert rows(two) == rows(one)
    assert not list((tmp_path / "cache").rglob("*.tmp"))
    assert len(cache_files(tmp_path / "cache")) == 12


def test_a_cluster_the_pipeline_cannot_summarize_scores_zero_with_the_reason(tmp_path, caplog):
    path = write_unified(tmp_path / "mixed.jsonl", CLUSTERS[:2] + [EMPTY_AFTER_CLEANING])
    ds = load_dataset(str(path))
    assert [c.id for c in ds.clusters][-1] == "only-boilerplate"
    with caplog.at_level("WARNING", logger="summarizer"):
        result = run(ds, specs("default,lead,oracle"), DUC, progress=False)
    bad = result.results["default"][-1]
    assert bad.scores == {"rouge1": 0.0, "rouge2": 0.0}
    assert bad.summary == "" and bad.words == 0
    assert "no article has text left" in bad.error
    assert "only-boilerplate" in caplog.text
    # the baselines run the same first half (pipeline.prepare): the same reason, zero
    for name in ("lead", "oracle"):
        r = result.results[name][-1]
        assert r.summary == "" and r.scores == {"rouge1": 0.0, "rouge2": 0.0}
        assert "no article has text left" in r.error
    # the other clusters are unaffected
    assert all(r.error is None and r.scores["rouge1"] > 0 for r in result.results["default"][:2])
    doc = aggregate(result, 100, 0)
    assert doc["systems"]["default"]["errors"] == 1 and doc["systems"]["lead"]["errors"] == 1
