"""Experiments end to end: sweep file -> recorded runs -> leaderboard, through the CLI,
on clusters written here; plus resume after an interrupted sweep."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import REPO

from summarizer.evaluation import experiments
from summarizer.errors import ConfigError
from summarizer.evaluation import runner

TOWNS = ["Alder Creek", "Brookmoor", "Calloway"]
EVENTS = [
    ("a storm knocked out power", "utility crews restored electricity", "18,000 homes"),
    ("a warehouse fire burned overnight", "firefighters contained the blaze", "40 workers"),
    ("the river burst its banks", "volunteers filled sandbags", "300 families"),
]


def _cluster(i: int) -> dict:
    town, (event, response, count) = TOWNS[i], EVENTS[i]
    docs = []
    for d, outlet in enumerate(["Gazette", "Courier", "Tribune"]):
        text = "\n".join([
            f"In {town}, {event} on Tuesday, the {outlet} reported.",
            f"Officials said {count} were affected in the first hours.",
            f"By Wednesday morning {response} across most districts.",
            f"The mayor of {town} thanked residents for their patience during the emergency.",
            f"Schools in {town} stayed closed for a second day as a precaution.",
            "A spokesperson for the county said an inquiry would begin next month.",
            f"Local shops reported losses, and the {outlet} counted {d + 3} businesses shut.",
        ])
        docs.append({"id": f"{town[:3].lower()}-{d}", "date": f"2025-05-0{d + 1}", "text": text})
    refs = [
        {"id": "A", "text": f"In {town}, {event} on Tuesday. Officials said {count} were "
                            f"affected. By Wednesday {response}. Schools stayed closed."},
        {"id": "B", "text": f"{town} officials reported {count} affected after {event}; "
                            f"{response}, and the county plans an inquiry."},
    ]
    return {"id": f"c{i}", "documents": docs, "references": refs}


@pytest.fixture
def sweep_dir(tmp_path):
    data = tmp_path / "clusters.jsonl"
    data.write_text("\n".join(json.dumps(_cluster(i)) for i in range(3)) + "\n")
    (tmp_path / "base.yaml").write_text("select:\n  words: 40\nevaluate:\n  protocol: duc\n")
    sweep = tmp_path / "tiny.yaml"
    sweep.write_text(
        "name: tiny\n"
        "base: base.yaml\n"
        f"datasets: [{data}]\n"
        "bootstrap: 200\n"
        "grid:\n"
        "  rank.method: [lexrank, centroid]\n"
        "  select.mmr.lambda: [0.5]\n")
    return tmp_path


def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "summarizer.cli", "-q", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=300)


def test_sweep_end_to_end_through_the_cli(sweep_dir):
    runs, cache = sweep_dir / "runs", sweep_dir / "cache"
    r = _cli("experiment", str(sweep_dir / "tiny.yaml"), "--runs-dir", str(runs),
             "--cache-dir", str(cache), "--jobs", "2")
    assert r.returncode == 0, r.stderr
    assert "### tiny on clusters" in r.stdout
    folder = runs / "tiny" / "clusters"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["base", "rank.method=centroid,select.mmr.lambda=0.5",
                     "rank.method=lexrank,select.mmr.lambda=0.5"]
    meta = json.loads((folder / "base" / "run.json").read_text())
    for key in ("config_hash", "git", "versions", "dataset", "scores", "seconds", "protocol"):
        assert key in meta
    assert meta["dataset"]["clusters"] == 3 and meta["dataset"]["files"]
    assert set(meta["scores"]) == {"rouge1", "rouge2"}
    assert meta["versions"]["rouge-score"]
    for name in names:
        run = folder / name
        for f in ("config.yaml", "run.json", "results.json", "clusters.csv", "results.md"):
            assert (run / f).exists(), f"{name}/{f}"
        assert len(list((run / "summaries").rglob("*.txt"))) == 3
    assert (runs / "tiny" / "leaderboard.md").read_text().count("| **") == 1
    assert "p_vs_base" in (runs / "tiny" / "leaderboard.csv").read_text()

    listed = _cli("runs", "list", "--runs-dir", str(runs))
    assert listed.returncode == 0 and "rank.method=centroid" in listed.stdout
    csv = _cli("runs", "list", "--runs-dir", str(runs), "--csv")
    assert csv.stdout.startswith("sweep,dataset,run,metric")
    cmp = _cli("runs", "compare", "tiny/clusters/base",
               "tiny/clusters/rank.method=centroid,select.mmr.lambda=0.5", "--runs-dir", str(runs))
    assert cmp.returncode == 0, cmp.stderr
    assert "paired bootstrap over 3 clusters" in cmp.stdout


def test_readme_flow_after_an_evaluate_filled_the_cache(sweep_dir):
    # README "Experiments": `evaluate` first (its system is called default), then a sweep
    # whose base run is the same config, so its results come from that cache; then
    # `runs compare` and `compare` on the recorded folders. Names are labels of a run: the
    # base run's rows must say base, not the name they were first computed under.
    runs, cache = sweep_dir / "runs", sweep_dir / "cache"
    data = str(sweep_dir / "clusters.jsonl")
    ev = _cli("evaluate", "--dataset", data, "--config", str(sweep_dir / "base.yaml"),
              "--cache-dir", str(cache), "--report", str(sweep_dir / "ev"), "--bootstrap", "200")
    assert ev.returncode == 0, ev.stderr
    r = _cli("experiment", str(sweep_dir / "tiny.yaml"), "--runs-dir", str(runs),
             "--cache-dir", str(cache), "--jobs", "2")
    assert r.returncode == 0, r.stderr
    folder = runs / "tiny" / "clusters"
    meta = json.loads((folder / "base" / "run.json").read_text())
    assert meta["cluster_results"]["cached"] == 3  # the base came from evaluate's cache
    rows = (folder / "base" / "clusters.csv").read_text().splitlines()
    assert [line.split(",")[0] for line in rows[1:]] == ["base"] * 3

    other = "rank.method=centroid,select.mmr.lambda=0.5"
    cmp = _cli("runs", "compare", "tiny/clusters/base", f"tiny/clusters/{other}",
               "--runs-dir", str(runs))
    assert cmp.returncode == 0, cmp.stderr
    lines = cmp.stdout.splitlines()
    assert lines[0] == f"A = {folder / 'base'}:base"
    assert lines[1] == f"B = {folder / other}:{other}"
    assert "| metric | A | B | B - A [95% CI] | p | verdict |" in lines
    assert [line.split(" | ")[0] for line in lines if line.startswith("| R-")] == \
        ["| R-1", "| R-2"]
    assert "paired bootstrap over 3 clusters, 1000 resamples" in cmp.stdout

    folders = _cli("compare", str(folder / "base"), str(folder / other))
    assert folders.returncode == 0, folders.stderr
    assert folders.stdout == cmp.stdout  # the same two folders, the same table

    # evaluate's report and the base run are one config on one dataset: no difference.
    same = _cli("compare", str(sweep_dir / "ev"), str(folder / "base"))
    assert same.returncode == 0, same.stderr
    r1, r2 = [line for line in same.stdout.splitlines() if line.startswith("| R-")]
    for row in (r1, r2):
        assert "| +0.00 [+0.00, +0.00] | 1.000 | no significant difference |" in row


def test_interrupted_sweep_resumes_without_recomputing(sweep_dir, monkeypatch):
    sweep = sweep_dir / "tiny.yaml"
    reference = experiments.run_sweep(sweep, runs_dir=sweep_dir / "ref",
                                      cache_dir=sweep_dir / "ref-cache")
    expected = (sweep_dir / "ref" / "tiny" / "leaderboard.md").read_text()

    real, calls = runner.evaluate_one, {"n": 0}

    def flaky(name, cluster):
        calls["n"] += 1
        if calls["n"] > 4:
            raise KeyboardInterrupt
        return real(name, cluster)

    monkeypatch.setattr(runner, "evaluate_one", flaky)
    with pytest.raises(KeyboardInterrupt):
        experiments.run_sweep(sweep, runs_dir=sweep_dir / "runs", cache_dir=sweep_dir / "cache")
    monkeypatch.setattr(runner, "evaluate_one", real)
    assert not list((sweep_dir / "cache").rglob("*.tmp"))

    resumed = experiments.run_sweep(sweep, runs_dir=sweep_dir / "runs",
                                    cache_dir=sweep_dir / "cache")
    done = resumed[0].meta["cluster_results"]
    total = reference[0].meta["cluster_results"]["computed"]
    assert done["cached"] == 4 and done["computed"] == total - 4
    assert (sweep_dir / "runs" / "tiny" / "leaderboard.md").read_text() == expected

    again = experiments.run_sweep(sweep, runs_dir=sweep_dir / "runs",
                                  cache_dir=sweep_dir / "cache")
    assert again[0].meta["cluster_results"]["computed"] == 0


def test_identical_points_are_computed_once(sweep_dir):
    # base.yaml already uses lexrank, so the lexrank point shares the base's results.
    records = experiments.run_sweep(sweep_dir / "tiny.yaml", runs_dir=sweep_dir / "runs",
                                    cache_dir=None)
    assert records[0].meta["cluster_results"]["computed"] == 3 * 3
    lam = sweep_dir / "tiny.yaml"
    lam.write_text(lam.read_text().replace("[0.5]", "[0.7]"))  # 0.7 is the default
    records = experiments.run_sweep(lam, runs_dir=sweep_dir / "runs2", cache_dir=None)
    assert records[0].meta["cluster_results"]["computed"] == 2 * 3


def test_grid_points_and_ids():
    points = experiments.grid_points({"a.b": [1, 2], "c": ["x"]})
    assert points == [{"a.b": 1, "c": "x"}, {"a.b": 2, "c": "x"}]
    assert experiments.run_id({}) == "base"
    assert experiments.run_id({"select.words": 250, "x": [1, 2]}) == "select.words=250,x=_1,_2_"
    with pytest.raises(ConfigError):
        experiments.grid_points({"a": []})


@pytest.mark.parametrize("text, message", [
    ("name: t\ndatasets: [x]\ngird: {}\n", "sweep key 'gird'"),
    ("name: t\n", "sweep key 'datasets'"),
    ("name: 'bad name'\ndatasets: [x]\n", "sweep key 'name'"),
    ("- a\n- b\n", "a sweep file is a mapping"),
    ("name: t\ndatasets: [x\n", "not valid YAML"),
])
def test_bad_sweep_files(tmp_path, text, message):
    path = tmp_path / "s.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message):
        experiments.load_sweep(path)


def test_bad_grid_key_names_the_point_and_suggests(sweep_dir):
    sweep = sweep_dir / "tiny.yaml"
    sweep.write_text(sweep.read_text().replace("rank.method:", "rank.methd:"))
    r = _cli("experiment", str(sweep), "--runs-dir", str(sweep_dir / "runs"), "--no-cache")
    assert r.returncode == 2
    assert r.stderr.startswith("summarizer: error:") and "rank.method" in r.stderr
    assert "Traceback" not in r.stderr


def test_missing_sweep_and_empty_runs(tmp_path):
    r = _cli("experiment", str(tmp_path / "nope.yaml"))
    assert r.returncode == 2 and "sweep file not found" in r.stderr
    r = _cli("runs", "list", "--runs-dir", str(tmp_path / "none"))
    assert r.returncode == 1 and "no recorded runs" in r.stderr
    r = _cli("runs", "compare", "a", "b", "--runs-dir", str(tmp_path))
    assert r.returncode == 2 and "no recorded run 'a'" in r.stderr


def test_shipped_sweeps_are_valid():
    paths = sorted((REPO / "configs" / "sweeps").glob("*.yaml"))
    assert paths  # the folder moved: this test would check nothing
    for path in paths:
        sweep, _ = experiments.load_sweep(path)
        for dataset in sweep.datasets:
            base = experiments.base_config(sweep, path, dataset)
            for point in experiments.grid_points(sweep.grid) or [{}]:
                overrides = list(sweep.set) + [f"{k}={experiments._value(v)}"
                                               for k, v in point.items()]
                experiments.load_config(base, overrides)


def test_a_sweep_runs_a_trained_ranker_and_refuses_its_training_clusters(sweep_dir):
    """A model trained on other clusters is a grid point like any method; a sweep over
    the clusters it was trained on stops with the overlap line, before any run."""
    from summarizer.learn import train

    other = sweep_dir / "other.jsonl"
    other.write_text("\n".join(json.dumps({**_cluster(i), "id": f"o{i}"})
                               for i in range(3)) + "\n")
    model = sweep_dir / "model.json"
    train(str(other), protocol="duc", out=model, params={"max_iter": 10})
    sweep = sweep_dir / "learned.yaml"
    sweep.write_text(sweep_dir.joinpath("tiny.yaml").read_text().replace("name: tiny", "name: learned")
                     .replace("[lexrank, centroid]", "[lexrank, learned]")
                     + f"  rank.learned.model: [{model}]\n")
    runs = sweep_dir / "runs"
    r = _cli("experiment", str(sweep), "--runs-dir", str(runs), "--cache-dir",
             str(sweep_dir / "cache"))
    assert r.returncode == 0, r.stderr
    assert (runs / "learned" / "clusters").is_dir()
    assert any("rank.method=learned" in p.name for p in (runs / "learned" / "clusters").iterdir())
    seen = sweep.read_text().replace(f"datasets: [{sweep_dir / 'clusters.jsonl'}]",
                                     f"datasets: [{other}]").replace("name: learned",
                                                                      "name: seen")
    sweep.write_text(seen)
    r = _cli("experiment", str(sweep), "--runs-dir", str(runs), "--cache-dir",
             str(sweep_dir / "cache"))
    assert r.returncode != 0 and "was trained on 3 of the 3 clusters" in r.stderr, r.stderr
    assert r.stderr.count("\n") == 1 and not (runs / "seen").exists()


def test_a_sweep_over_two_datasets_pools_each_run_gain(sweep_dir):
    """The gain a default is chosen on: each run against the base, pooled over the
    datasets with each weighed equally (the mean of the per-dataset gains), in the
    leaderboard's Markdown and CSV."""
    import csv as csv_module
    import io

    other = sweep_dir / "more.jsonl"
    other.write_text("\n".join(json.dumps({**_cluster(i), "id": f"m{i}"}) for i in (2, 0)) + "\n")
    sweep = sweep_dir / "tiny.yaml"
    sweep.write_text(sweep.read_text().replace(
        f"datasets: [{sweep_dir / 'clusters.jsonl'}]",
        f"datasets: [{sweep_dir / 'clusters.jsonl'}, {other}]"))
    runs = sweep_dir / "runs"
    r = _cli("experiment", str(sweep), "--runs-dir", str(runs), "--no-cache", "--jobs", "2")
    assert r.returncode == 0, r.stderr
    assert "### tiny: pooled over 2 datasets" in r.stdout
    rows = list(csv_module.DictReader(io.StringIO(
        (runs / "tiny" / "leaderboard.csv").read_text())))
    pooled = {row["run"]: row for row in rows if row["dataset"] == "pooled"}
    assert set(pooled) == {"rank.method=centroid,select.mmr.lambda=0.5",
                           "rank.method=lexrank,select.mmr.lambda=0.5"}
    for run, row in pooled.items():
        assert row["metric"] == "rouge2"
        per = [float(x["diff_vs_base"]) for x in rows
               if x["run"] == run and x["metric"] == "rouge2" and x["dataset"] != "pooled"]
        assert len(per) == 2
        assert float(row["mean"]) == pytest.approx(sum(per) / 2, abs=1e-3)
        assert float(row["low"]) <= float(row["mean"]) <= float(row["high"])
    listed = _cli("runs", "list", "--runs-dir", str(runs))
    assert "### tiny: pooled over 2 datasets" in listed.stdout


def test_pooled_test_weighs_each_dataset_equally():
    from summarizer.evaluation.bootstrap import paired_bootstrap, pooled_paired_bootstrap

    big = ([0.5] * 400, [0.5] * 400)  # no difference on 400 clusters
    small = ([0.1, 0.2, 0.3], [0.4, 0.5, 0.6])  # +0.3 on 3 clusters
    res = pooled_paired_bootstrap([big, small], samples=500)
    assert res.diff == pytest.approx(0.15) and res.n == 403
    assert res.low == pytest.approx(0.15) and res.p_value == 0.0  # each side is constant
    alone = paired_bootstrap(*small, samples=500)
    one = pooled_paired_bootstrap([small], samples=500)
    assert (one.diff, one.p_value) == (pytest.approx(alone.diff), alone.p_value)
    noisy = pooled_paired_bootstrap([([0, 1, 0, 1], [1, 0, 1, 0]), small], samples=500)
    assert noisy.low < noisy.diff < noisy.high and 0 < noisy.p_value <= 1
    with pytest.raises(ValueError, match="same clusters"):
        pooled_paired_bootstrap([([1, 2], [1])])
    singles = pooled_paired_bootstrap([([0.1], [0.3]), ([0.2], [0.3])])
    assert singles.diff == pytest.approx(0.15) and singles.p_value == 1.0  # nothing to resample
