"""Hostile inputs to the evaluation harness, from the outside: ids from data are names
(a ``dir:`` system finds each cluster's file by name inside its folder, as summarize and
reports name them, and never reads one outside), sweep names never write above
``--runs-dir`` and grids are bounded, a run folder we did not write is refused before any
work, a damaged recorded run is skipped with one warning, and a damaged or unusable
result cache costs only its re-use.

Every command that writes runs inside the ``sentinel`` check: a tree outside its
destination (with a secret a hostile id points at) is byte-identical afterwards."""

from __future__ import annotations

import copy
import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from evalkit import CLUSTERS, write_unified

from summarizer.errors import ConfigError, InputError, UsageError
from summarizer.evaluation import evaluate
from summarizer.evaluation.experiments import load_sweep, run_ids, run_sweep

SECRET = "secret outside the folder"  # what the sentinel's secret.txt holds


def cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "summarizer", *args], capture_output=True,
                          text=True, timeout=120, cwd=cwd, env={**os.environ, **(env or {})})


def records(ids: list[str]) -> list[dict]:
    """Clusters of invented news (tests/evalkit.py), one per id, texts reused in turn."""
    out = []
    for i, cid in enumerate(ids):
        rec = copy.deepcopy(CLUSTERS[i % len(CLUSTERS)])
        rec["id"] = cid
        out.append(rec)
    return out


def summaries_folder(root: Path, ids: list[str]) -> Path:
    """A dir system's folder with a one-line summary for each of ``ids``."""
    root.mkdir(parents=True, exist_ok=True)
    for cid in ids:
        (root / f"{cid}.txt").write_text("A fire destroyed the library on Monday.\n")
    return root


# ------------------------------------------------------------------ dir: systems


def test_a_path_like_id_names_a_file_inside_the_folder_never_one_outside(tmp_path, sentinel):
    """The sentinel's secret.txt sits at ../outside/secret.txt from the dir system's folder:
    the id is looked up by its safe name (outside_secret.txt) among the folder's files."""
    data = write_unified(tmp_path / "d.jsonl", records(["../outside/secret", "kestrel-dam"]))
    ours = summaries_folder(tmp_path / "ours", ["kestrel-dam"])
    r = cli("evaluate", "-d", str(data), "--systems", f"dir:{ours}", "--report",
            str(tmp_path / "report"), "--cache-dir", str(tmp_path / "cache"), cwd=tmp_path)
    sentinel.check()
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "'../outside/secret'" in lines[0] and "no summary" in lines[0]
    assert SECRET not in r.stdout + r.stderr and not (tmp_path / "report").exists()
    (ours / "outside_secret.txt").write_text("A fire destroyed the library on Monday.\n")
    ev = evaluate(str(data), systems=f"dir:{ours}", cache_dir=tmp_path / "cache")
    assert [r.error for r in ev.run.results["dir:ours"]] == [None, None]
    assert all(SECRET not in r.summary for r in ev.run.results["dir:ours"])
    sentinel.check()


@pytest.mark.parametrize("make_id", [
    lambda s: str(s.root / "secret"),  # an absolute path
    lambda s: "a/../../outside/secret",
    lambda s: "ours\0secret",
], ids=["absolute", "dotdot-inside", "nul"])
def test_an_id_that_is_not_a_file_name_is_never_joined_as_a_path(tmp_path, sentinel, make_id):
    bad = make_id(sentinel)
    data = write_unified(tmp_path / "d.jsonl", records([bad, "kestrel-dam"]))
    ours = summaries_folder(tmp_path / "ours", ["kestrel-dam"])
    with pytest.raises(InputError, match="1 of 2 clusters have no summary") as e:
        evaluate(str(data), systems=f"dir:{ours}", cache_dir=tmp_path / "cache")
    assert repr(bad)[:40] in str(e.value) and SECRET not in str(e.value)
    sentinel.check()


def test_summaries_written_by_summarize_and_by_a_report_are_read_back(tmp_path, sentinel):
    """`summarize --out-dir` and a report's summaries/<system>/ name files by
    unique_names; a dir: system finds every cluster's file again, whatever its id."""
    ids = ["a/b", "a_b", "x" * 300, "../up", "plain"]
    data = write_unified(tmp_path / "d.jsonl", records(ids))
    out = tmp_path / "out"
    r = cli("summarize", str(data), "--out-dir", str(out), cwd=tmp_path)
    assert r.returncode == 0 and f"wrote {len(ids)} summaries" in r.stderr, r.stderr
    report = tmp_path / "report"
    first = evaluate(str(data), systems=f"dir:{out},default", report=report)
    again = evaluate(str(data), systems=f"dir:{report / 'summaries' / 'default'}")
    sentinel.check()
    made = first.run.results["default"]
    for rows in (first.run.results["dir:out"], again.run.results["dir:default"]):
        assert [r.cluster for r in rows] == ids
        assert all(r.error is None and r.scores["rouge1"] > 0 for r in rows)
        assert [r.scores for r in rows] == [r.scores for r in made], "the very same texts"


def test_only_each_clusters_summary_is_read_and_it_within_the_size_limit(tmp_path):
    """Another file in the folder is not read (the cache stays valid); a cluster's summary
    past ingest.max_file_mb (a sparse 60 MB file) is refused by its size, unread."""
    ids = ["millbrook-fire", "kestrel-dam"]
    data = write_unified(tmp_path / "d.jsonl", records(ids))
    ours = summaries_folder(tmp_path / "ours", ids)
    cache = tmp_path / "cache"
    evaluate(str(data), systems=f"dir:{ours}", cache_dir=cache)
    (ours / "notes.txt").write_text("not a summary of this dataset\n")
    assert evaluate(str(data), systems=f"dir:{ours}", cache_dir=cache).run.computed == 0
    os.truncate(ours / "kestrel-dam.txt", 60 << 20)
    with pytest.raises(InputError, match="'kestrel-dam'.*too large"):
        evaluate(str(data), systems=f"dir:{ours}", cache_dir=cache)


def test_a_link_out_of_the_folder_or_a_fifo_is_never_read(tmp_path, sentinel):
    ids = ["millbrook-fire", "kestrel-dam"]
    data = write_unified(tmp_path / "d.jsonl", records(ids))
    ours = summaries_folder(tmp_path / "ours", ids[1:])
    link = ours / "millbrook-fire.txt"
    link.symlink_to(sentinel.root / "secret.txt")
    with pytest.raises(InputError, match="millbrook-fire.*link out of the folder"):
        evaluate(str(data), systems=f"dir:{ours}", cache_dir=tmp_path / "cache")
    link.unlink()
    os.mkfifo(link)  # reading it would wait for a writer forever
    with pytest.raises(InputError, match="millbrook-fire.*not a regular file"):
        evaluate(str(data), systems=f"dir:{ours}", cache_dir=tmp_path / "cache")
    sentinel.check()


def test_a_link_to_a_summary_inside_the_folder_is_read(tmp_path):
    ids = ["millbrook-fire", "kestrel-dam"]
    data = write_unified(tmp_path / "d.jsonl", records(ids))
    plain = summaries_folder(tmp_path / "plain", ids)
    linked = summaries_folder(tmp_path / "linked", ids[1:])
    (linked / "stored").write_text((plain / "millbrook-fire.txt").read_text())
    (linked / "millbrook-fire.txt").symlink_to("stored")
    ev = evaluate(str(data), systems=f"dir:{plain},dir:{linked}")
    systems = ev.doc["systems"]
    assert systems["dir:linked"]["metrics"] == systems["dir:plain"]["metrics"]


# ------------------------------------------------------------------ sweep names


@pytest.mark.parametrize("name", ["..", ".", "/tmp/x", "a/b", "../up", ".hidden", "x" * 101])
def test_a_sweep_name_that_is_not_a_folder_name_is_refused(tmp_path, name):
    sweep = tmp_path / "s.yaml"
    sweep.write_text(json.dumps({"name": name, "datasets": ["harbor-bridge"]}))
    with pytest.raises(ConfigError, match="sweep key 'name'"):
        load_sweep(sweep)


def test_an_unknown_sweep_key_is_quoted_short(tmp_path):
    sweep = tmp_path / "s.yaml"
    sweep.write_text(f"name: t\ndatasets: [x]\n? {'k' * 100_000}\n: 1\n")  # a long key
    with pytest.raises(ConfigError, match="sweep key 'kkk") as e:
        load_sweep(sweep)
    assert len(str(e.value)) < 400


def test_a_sweep_named_dotdot_writes_nothing_above_runs_dir(tmp_path, sentinel):
    runs = tmp_path / "work" / "runs"
    runs.mkdir(parents=True)
    sweep = tmp_path / "s.yaml"
    sweep.write_text('name: ".."\ndatasets: [harbor-bridge]\n')
    before = sorted(p for p in tmp_path.rglob("*") if "outside" not in p.parts)
    r = cli("experiment", str(sweep), "--runs-dir", str(runs), "--cache-dir",
            str(runs / "cache"), cwd=tmp_path)
    sentinel.check()
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "name" in r.stderr
    assert sorted(p for p in tmp_path.rglob("*") if "outside" not in p.parts) == before


def test_grid_points_that_clean_to_one_run_id_get_distinct_ids():
    points = [{}, {"query.text": "a b"}, {"query.text": "a_b"}, {"query.text": "a/b"},
              {"rank.method": "x" * 200}, {"rank.method": "x" * 199 + "y"}]
    ids = run_ids(points)
    assert len(set(ids)) == len(ids) and ids[0] == "base"
    assert run_ids(points) == ids, "deterministic"
    assert all("/" not in i and len(i) <= 150 for i in ids)


def test_a_grid_past_ten_thousand_points_is_one_line_before_any_point_is_made(tmp_path):
    """Ten keys of ten values would be 10**10 runs: a MemoryError, or days of work."""
    sweep = tmp_path / "s.yaml"
    sweep.write_text("name: bomb\ndatasets: [harbor-bridge]\ngrid:\n" + "".join(
        f"  key{k}: [{', '.join(map(str, range(11)))}]\n" for k in range(4)))
    with pytest.raises(ConfigError, match="14,641 points"):
        run_sweep(sweep, runs_dir=tmp_path / "runs", cache_dir=tmp_path / "cache")
    assert not (tmp_path / "runs").exists()


def test_datasets_sharing_a_name_never_share_a_runs_folder(tmp_path, sentinel):
    for sub in ("a", "b"):
        write_unified(tmp_path / sub / "tiny.jsonl", records(["millbrook-fire", "kestrel-dam"]))
    sweep = tmp_path / "s.yaml"
    sweep.write_text(f"name: twice\ndatasets: [{tmp_path}/a/tiny.jsonl, {tmp_path}/b/tiny.jsonl]\n")
    with pytest.raises(ConfigError, match="both named 'tiny'"):
        run_sweep(sweep, runs_dir=tmp_path / "runs", cache_dir=tmp_path / "cache")
    assert (tmp_path / "runs" / "twice" / "tiny" / "base" / "run.json").is_file()
    sweep.write_text("name: twice\ndatasets: [a.jsonl, a.jsonl]\n")
    with pytest.raises(ConfigError, match="named twice"):
        load_sweep(sweep)
    sentinel.check()


def test_a_run_folder_no_report_of_ours_wrote_is_refused_before_any_work(tmp_path, sentinel):
    """A run folder of a version before manifests: one line naming --force, nothing
    computed; with force the run is recorded there, and the next sweep needs no force."""
    data = write_unified(tmp_path / "tiny.jsonl", records(["millbrook-fire", "kestrel-dam"]))
    sweep = tmp_path / "s.yaml"
    sweep.write_text(f"name: old\ndatasets: [{data}]\nbootstrap: 20\n")
    old = tmp_path / "runs" / "old" / "tiny" / "base"
    old.mkdir(parents=True)
    (old / "results.json").write_text("{}\n")
    cache = tmp_path / "cache"
    with pytest.raises(UsageError, match="run folder .*base.*--force"):
        run_sweep(sweep, runs_dir=tmp_path / "runs", cache_dir=cache)
    assert not cache.exists(), "refused before any work"
    assert (old / "results.json").read_text() == "{}\n"
    r = cli("experiment", str(sweep), "--runs-dir", str(tmp_path / "runs"), "--cache-dir",
            str(cache), "--force", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    owned = json.loads((old / ".summarizer-report.json").read_text())["files"]
    assert {"config.yaml", "run.json", "results.json"} <= set(owned)
    recorded = run_sweep(sweep, runs_dir=tmp_path / "runs", cache_dir=cache)
    assert [r.folder for r in recorded] == [old] and (old / "run.json").is_file()
    sentinel.check()


def test_a_run_record_never_holds_the_password_of_a_url(tmp_path, sentinel):
    """refine.openai.base_url with credentials, in the sweep's `set` and in a grid point: every
    file of the run folders shows them as user:***."""
    data = write_unified(tmp_path / "tiny.jsonl", records(["millbrook-fire", "kestrel-dam"]))
    url = "http://alice:pa55-w0rd@127.0.0.1:9/v1"
    sweep = tmp_path / "s.yaml"
    sweep.write_text(f"name: keyed\ndatasets: [{data}]\nbootstrap: 20\n"
                     f"set: ['refine.openai.base_url={url}']\n"
                     f"grid:\n  refine.openai.base_url: ['{url}/x']\n")
    recorded = run_sweep(sweep, runs_dir=tmp_path / "runs", cache_dir=tmp_path / "cache")
    sentinel.check()
    assert len(recorded) == 2
    written = [p for p in (tmp_path / "runs").rglob("*") if p.is_file()]
    for name in ("config.yaml", "run.json"):
        assert len([p for p in written if p.name == name]) == 2, name
    for p in written:  # the run id names a folder and leaderboard rows: it has none either
        assert "pa55-w0rd" not in str(p) + p.read_text(errors="replace"), p
    runs = [p for p in written if p.name == "run.json"]
    assert all("alice:***@127.0.0.1" in p.read_text() for p in runs)


def _damaged_runs() -> dict[str, object]:
    """How a recorded run can be damaged -> a function of its folder that damages it."""
    def meta(change):
        def apply(folder):
            doc = json.loads((folder / "run.json").read_text())
            change(doc)
            (folder / "run.json").write_text(json.dumps(doc))
        return apply

    def write(name, text):
        return lambda folder: (folder / name).write_text(text)

    def fifo(folder):
        (folder / "run.json").unlink()
        os.mkfifo(folder / "run.json")

    return {
        "missing-key": meta(lambda d: d.pop("scores")),
        "wrong-type": meta(lambda d: d.update(dataset="tiny")),
        "string-score": meta(lambda d: d["scores"]["rouge2"].update(mean="47.1")),
        "nan-score": meta(lambda d: d["scores"]["rouge2"].update(mean=math.nan)),
        "other-metrics": meta(lambda d: (d["scores"].pop("rouge2"),
                                         d["protocol"].update(metrics=["rouge1"]))),
        "null": write("run.json", "null"), "nested": write("run.json", "[" * 100_000),
        "fifo": fifo, "broken-report": write("clusters.csv", "not,a\nreport\n"),
    }


def test_runs_list_skips_each_damaged_run_with_one_warning(tmp_path):
    data = write_unified(tmp_path / "tiny.jsonl", records(["millbrook-fire", "kestrel-dam"]))
    sweep = tmp_path / "s.yaml"
    sweep.write_text(f"name: s\ndatasets: [{data}]\nbootstrap: 20\n"
                     "grid:\n  rank.method: [centroid]\n")
    runs = tmp_path / "runs"
    good = run_sweep(sweep, runs_dir=runs, cache_dir=tmp_path / "cache")
    for name, damage in _damaged_runs().items():
        folder = runs / "s" / "tiny" / name
        shutil.copytree(good[1].folder, folder)
        meta = json.loads((folder / "run.json").read_text())
        (folder / "run.json").write_text(json.dumps({**meta, "run": name}))
        damage(folder)
    r = cli("runs", "list", "--runs-dir", str(runs), cwd=tmp_path)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    warned = r.stderr.strip().splitlines()
    assert len(warned) == len(_damaged_runs()), r.stderr
    for name in _damaged_runs():
        assert sum(f"/s/tiny/{name}: " in line for line in warned) == 1, name
    assert "| **base** |" in r.stdout and "| rank.method=centroid |" in r.stdout
    r = cli("runs", "compare", "s/tiny/base", "s/tiny/broken-report", "--runs-dir", str(runs),
            cwd=tmp_path)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "broken-report" in r.stderr and "Traceback" not in r.stderr


# ------------------------------------------------------------------ the result cache


def _bad_entries() -> dict[str, object]:
    """How an entry can be damaged -> a function of (path, entry) that damages it."""
    def write(value):
        return lambda path, entry: path.write_text(value if isinstance(value, str)
                                                   else json.dumps(value))

    def edit(change):
        def apply(path, entry):
            entry = copy.deepcopy(entry)
            change(entry)
            path.write_text(json.dumps(entry))  # NaN is written as NaN, as json allows
        return apply

    def replace_with(make):
        def apply(path, entry):
            path.unlink()
            make(path)
        return apply

    return {
        "null": write("null"), "list": write("[]"), "not json": write("{not json"),
        "empty": write(""), "nested without end": write("[" * 100_000),
        "extra key": edit(lambda e: e.update(extra=1)),
        "missing metric": edit(lambda e: e["scores"].pop("rouge2")),
        "missing field": edit(lambda e: e.pop("words")),
        "wrong type": edit(lambda e: e.update(words="many")),
        "scores not a dict": edit(lambda e: e.update(scores=[1, 2])),
        "nan score": edit(lambda e: e["scores"].update(rouge1=math.nan)),
        "other cluster": edit(lambda e: e.update(cluster="someone-else")),
        "link to /dev/zero": replace_with(lambda p: p.symlink_to("/dev/zero")),
        "fifo": replace_with(os.mkfifo),
    }


def test_a_damaged_cache_entry_is_a_miss_recomputed_and_rewritten(tmp_path):
    bad = _bad_entries()
    ids = [f"c{i}" for i in range(len(bad) + 2)]
    data = write_unified(tmp_path / "d.jsonl", records(ids))
    cache = tmp_path / "cache"
    first = evaluate(str(data), systems="lead", cache_dir=cache)
    entries = {}
    for path in cache.rglob("*.json"):
        entry = json.loads(path.read_text())
        entries[entry["cluster"]] = (path, entry)
    assert sorted(entries) == sorted(ids)
    for (kind, damage), cid in zip(bad.items(), ids):
        damage(*entries[cid])
    second = evaluate(str(data), systems="lead", cache_dir=cache)
    assert (second.run.computed, second.run.cached) == (len(bad), 2)
    assert second.doc["systems"]["lead"]["metrics"] == first.doc["systems"]["lead"]["metrics"]
    for cid, (path, entry) in entries.items():
        assert path.is_file() and not path.is_symlink(), cid
        again = json.loads(path.read_text())
        assert {**again, "seconds": 0} == {**entry, "seconds": 0}, f"{cid} rewritten as it was"
    third = evaluate(str(data), systems="lead", cache_dir=cache)
    assert (third.run.computed, third.run.cached) == (0, len(ids))


def test_an_uncreatable_cache_is_one_warning_and_the_run_goes_on(tmp_path, sentinel):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    data = write_unified(tmp_path / "d.jsonl", records(["millbrook-fire", "kestrel-dam"]))
    report = tmp_path / "report"
    r = cli("evaluate", "-d", str(data), "--systems", "lead", "--report", str(report),
            cwd=tmp_path, env={"SUMMARIZER_CACHE": str(blocker / "cache")})
    sentinel.check()
    assert r.returncode == 0, r.stderr
    assert "| lead |" in r.stdout and (report / "results.json").is_file()
    assert r.stderr.count("WARNING") == 1 and "are not cached" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    assert blocker.read_text() == "not a folder\n"


def test_a_cache_path_that_is_a_file_or_read_only_costs_only_the_reuse(tmp_path, caplog):
    data = write_unified(tmp_path / "d.jsonl", records(["millbrook-fire", "kestrel-dam"]))
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    caplog.set_level("WARNING", logger="summarizer")
    ev = evaluate(str(data), systems="lead", cache_dir=blocker)
    assert ev.run.computed == 2 and blocker.read_text() == "x"
    assert len([r for r in caplog.records if "cache" in r.getMessage()]) == 1
    if os.geteuid() == 0:
        return  # root writes in a read-only folder: nothing to see there
    caplog.clear()
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    try:
        ev = evaluate(str(data), systems="lead", cache_dir=locked)
    finally:
        locked.chmod(0o700)
    assert ev.run.computed == 2 and not any(locked.iterdir())
    assert len([r for r in caplog.records if "cache" in r.getMessage()]) == 1
