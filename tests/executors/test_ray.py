"""--executor ray: the same files, bytes and scores as the local executor, on a real
local Ray (one module-scoped session of 2 CPUs; the CLI tests join it with --address,
so Ray starts once)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import REPO, require_shared

os.environ.setdefault("RAY_DEDUP_LOGS", "0")
# Ray Data's own DataContext names deprecated settings when it is set up
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

STORIES = [
    ("The river rose overnight and flooded the lower town, officials said on Monday after "
     "the storm hit the coast. Crews worked through the night to pump water out of the "
     "homes along the bank. The mayor said the town would open two shelters for the "
     "families who had to leave. Schools stayed closed on Tuesday while engineers checked "
     "the old stone bridge for damage."),
    ("A fire at the chemical plant north of the city burned for six hours before crews put "
     "it out on Friday. Nobody was hurt, the company said, but residents were told to keep "
     "their windows shut. The cause of the blaze is not yet known. Inspectors from the "
     "state agency will visit the site next week to test the air and the water."),
    ("The city council voted on Wednesday to build a new library in the old market hall. "
     "The project will cost twelve million dollars and take three years. Supporters said "
     "the town has needed more space for books and classes for a decade. Opponents asked "
     "why the money was not spent on roads and the bus service instead."),
]


def _docs(k: int, n: int = 3) -> list[dict]:
    """``n`` articles on story ``k``: the story, and versions with words swapped, so
    every cluster has near copies to deduplicate and sentences to rank."""
    base = STORIES[k % len(STORIES)]
    docs = []
    for j in range(n):
        text = base if j == 0 else base.replace("the", "that", j).replace(".", f" ({j}).", 1)
        docs.append({"id": f"d{j}", "title": f"Report {k}-{j}", "text": text})
    return docs


def _records(count: int) -> list[dict]:
    return [{"id": f"c{k:02d}", "documents": _docs(k, 2 + k % 3),
             "references": [{"id": "A", "text": STORIES[k % 3].split(". ")[0] + "."},
                            {"id": "B", "text": STORIES[(k + 1) % 3].split(". ")[1] + "."}]}
            for k in range(count)]


GOOD_A = {"id": "a", "documents": [{"id": "a1", "text": STORIES[0]}]}
GOOD_B = {"id": "b", "documents": [{"id": "b1", "text": STORIES[1]}]}
BAD = {"id": "bad", "documents": [{"id": "x", "text": "too short"}]}


def write_jsonl(path: Path, records) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n"
                            for r in records))
    return path


def write_folders(root: Path) -> Path:
    """A folder of cluster folders, one of them one level deeper (id ``group/deep``)."""
    for k, name in enumerate(["flood", "fire", "group/deep"]):
        folder = root / name
        (folder / "references").mkdir(parents=True)
        for j, doc in enumerate(_docs(k)):
            (folder / f"{j}.txt").write_text(f"{doc['title']}\n\n{doc['text']}\n")
        (folder / "references" / "A.txt").write_text(STORIES[k].split(". ")[0] + ".\n")
    return root


HOSTILE_IDS = ["a/b", "a_b", "a_b", "x" * 300, "..", "/etc/passwd", "../secret"]


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def ray_session():
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             logging_level="ERROR")
    yield ray.get_runtime_context().gcs_address
    ray.shutdown()


def run_cli(*args, cwd, pythonpath=None):
    env = {**os.environ, "RAY_DEDUP_LOGS": "0"}
    env.pop("RAY_ADDRESS", None)
    if pythonpath:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run([sys.executable, "-m", "summarizer", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


# ------------------------------------------------------------------ summarize


def test_summarize_a_glob_of_jsonl_and_a_folder_of_folders_give_the_local_bytes(
        ray_session, tmp_path):
    from summarizer import summarize_to

    records = _records(12)
    for part in range(3):  # a quoted glob, expanded by the driver
        write_jsonl(tmp_path / f"part-{part}.jsonl", records[part * 4:part * 4 + 4])
    # ids that are no file names, collide or are too long: named as the local executor does
    hostile = [{**records[k], "id": cid} for k, cid in enumerate(HOSTILE_IDS)]
    write_jsonl(tmp_path / "part-3.jsonl", hostile)
    folders = write_folders(tmp_path / "archive")
    sources = [str(tmp_path / "part-*.jsonl"), str(folders)]
    # JSON: every selected sentence with its score and support, so the strictest bytes
    local = summarize_to(sources, tmp_path / "local", words=40, output={"format": "json"})
    remote = summarize_to(sources, tmp_path / "ray", words=40, output={"format": "json"},
                          executor="ray", jobs=2)
    assert local.ok and remote.ok, (local, remote)
    assert remote.written == local.written
    assert local.written == [r["id"] for r in records + hostile] + ["fire", "flood", "group/deep"]
    a, b = files_of(tmp_path / "local"), files_of(tmp_path / "ray")
    assert a == b and len(a) == 15 + len(HOSTILE_IDS) and "group_deep.json" in a


def test_html_pages_and_their_index_are_the_local_bytes(ray_session, tmp_path):
    """The index a Ray driver writes from its actors' rows equals the local one; a
    cluster named ``index`` never takes its place."""
    from summarizer import summarize_to

    records = _records(3)
    records[0] = {**records[0], "id": "index"}
    write_jsonl(tmp_path / "c.jsonl", records)
    local = summarize_to(tmp_path / "c.jsonl", tmp_path / "local", words=40,
                         output={"format": "html"})
    remote = summarize_to(tmp_path / "c.jsonl", tmp_path / "ray", words=40,
                          output={"format": "html"}, executor="ray", jobs=2)
    assert local.ok and remote.ok, (local, remote)
    a, b = files_of(tmp_path / "local"), files_of(tmp_path / "ray")
    assert a == b and len(a) == 4 and "index.html" in a
    assert all(f'>{r["id"]}</a>' in a["index.html"].decode() for r in records)


def test_cli_failing_cluster_is_named_others_written_exit_1(ray_session, tmp_path):
    path = write_jsonl(tmp_path / "clusters.jsonl", [GOOD_A, BAD, "{not json", GOOD_B])
    local = run_cli("summarize", str(path), "--out-dir", "local", cwd=tmp_path)
    r = run_cli("summarize", str(path), "--out-dir", "ray", "--executor", "ray",
                "--address", ray_session, cwd=tmp_path)
    assert local.returncode == r.returncode == 1, r.stderr
    assert r.stdout == ""  # nothing from Ray or its workers on stdout
    assert "cluster bad failed" in r.stderr and "1 cluster(s) failed: bad" in r.stderr
    assert "line 3: invalid JSON" in r.stderr and "1 record(s) skipped" in r.stderr
    assert "wrote 2 summaries to ray" in r.stderr and "Traceback" not in r.stderr
    assert files_of(tmp_path / "ray") == files_of(tmp_path / "local")
    assert sorted(files_of(tmp_path / "ray")) == ["a.txt", "b.txt"]


def test_an_input_that_reads_as_nothing_is_the_local_error(ray_session, tmp_path):
    """An empty folder, or one with nothing we read, is the same error line and exit
    status under Ray as locally; nothing is written."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "photo.png").write_bytes(b"\x89PNG")
    for folder, says in (("empty", "is empty"), ("pictures", "has no supported files")):
        local = run_cli("summarize", folder, "--out-dir", "local", cwd=tmp_path)
        r = run_cli("summarize", folder, "--out-dir", "ray", "--executor", "ray",
                    "--address", ray_session, cwd=tmp_path)
        assert local.returncode == r.returncode != 0, r.stderr
        assert local.stderr == r.stderr, r.stderr
        assert r.stderr.startswith(f"summarizer: error: folder {folder} {says}")
        assert r.stderr.count("\n") == 1
        assert "Traceback" not in r.stderr and not list((tmp_path / "ray").glob("*"))


# ------------------------------------------------------------------ evaluate


def _scores(doc: dict) -> dict:
    return {name: system["metrics"] for name, system in doc["systems"].items()}


def test_cli_evaluate_harbor_bridge_same_scores(ray_session, tmp_path):
    args = ["evaluate", "--dataset", "harbor-bridge", "--systems", "default,lead,oracle",
            "--no-cache"]
    local = run_cli(*args, "--report", "local", cwd=tmp_path)
    r = run_cli(*args, "--report", "ray", "--executor", "ray", "--address", ray_session,
                cwd=tmp_path)
    assert local.returncode == r.returncode == 0, r.stderr
    assert r.stdout == local.stdout  # the table, and nothing else on stdout
    a = json.loads((tmp_path / "local" / "results.json").read_text())
    b = json.loads((tmp_path / "ray" / "results.json").read_text())
    assert _scores(a) == _scores(b) and set(_scores(a)) == {"default", "lead", "oracle"}
    assert _rows(tmp_path / "local" / "clusters.csv") == _rows(tmp_path / "ray" / "clusters.csv")


def _rows(path: Path) -> list[dict]:
    """clusters.csv without its timings, which vary from run to run."""
    import csv

    with open(path, newline="") as f:
        return [{k: v for k, v in row.items() if k != "seconds"} for row in csv.DictReader(f)]


def test_evaluate_a_generated_dataset_same_scores_and_cache(ray_session, tmp_path):
    from summarizer import evaluate

    data = write_jsonl(tmp_path / "set.jsonl", _records(10))
    kw = dict(systems="default,lead-rr", protocol="duc", samples=200)
    local = evaluate(str(data), **kw)
    remote = evaluate(str(data), executor="ray", cache_dir=tmp_path / "cache", **kw)
    assert remote.run.computed == 20 and remote.run.cached == 0
    assert _scores(local.doc) == _scores(remote.doc)
    for name in ("default", "lead-rr"):
        assert [(r.cluster, r.scores, r.summary) for r in local.run.results[name]] == \
            [(r.cluster, r.scores, r.summary) for r in remote.run.results[name]]
    # the driver checks the cache and sends only the misses: none left
    again = evaluate(str(data), executor="ray", cache_dir=tmp_path / "cache", **kw)
    assert again.run.computed == 0 and again.run.cached == 20
    assert _scores(again.doc) == _scores(local.doc)


def test_a_trained_ranker_runs_on_ray_as_it_runs_here(ray_session, tmp_path):
    """A model trained on some clusters summarizes and scores the others the same on
    Ray's actors as locally (each actor reads the model file by its path); the clusters
    it was trained on are refused there too."""
    from summarizer import evaluate, summarize_to
    from summarizer.errors import UsageError
    from summarizer.learn import train

    records = _records(12)
    seen = write_jsonl(tmp_path / "seen.jsonl", records[:8])
    unseen = write_jsonl(tmp_path / "unseen.jsonl", records[8:])
    model = tmp_path / "model.json"
    train(str(seen), out=model, protocol="duc", params={"max_iter": 20})
    local = summarize_to(str(unseen), tmp_path / "local", words=40, method="learned",
                         output={"format": "json"}, rank={"learned": {"model": str(model)}})
    remote = summarize_to(str(unseen), tmp_path / "ray", words=40, method="learned",
                          output={"format": "json"}, rank={"learned": {"model": str(model)}},
                          executor="ray", jobs=2)
    assert local.ok and remote.ok and len(local.written) == 4, (local, remote)
    assert files_of(tmp_path / "local") == files_of(tmp_path / "ray")
    overrides = [f"rank.learned.model={model}"]
    kw = dict(systems="method:learned", protocol="duc", samples=200, overrides=overrides)
    here = evaluate(str(unseen), **kw)
    there = evaluate(str(unseen), executor="ray", cache_dir=tmp_path / "cache", **kw)
    assert _scores(here.doc) == _scores(there.doc)
    with pytest.raises(UsageError, match="was trained on 8 of the 8 clusters"):
        evaluate(str(seen), executor="ray", cache_dir=tmp_path / "cache", **kw)


@pytest.mark.shared
def test_evaluate_duc2003_same_scores(ray_session, tmp_path):
    from summarizer import evaluate

    require_shared("duc2003")
    local = evaluate("duc2003", limit=4, samples=200)
    remote = evaluate("duc2003", limit=4, samples=200, executor="ray")
    assert remote.run.computed == 4
    assert _scores(local.doc) == _scores(remote.doc)


def test_an_actor_that_cannot_build_its_pipeline_stops_the_run_with_its_error(ray_session,
                                                                             tmp_path):
    from summarizer import SummarizerError, summarize_to

    path = write_jsonl(tmp_path / "clusters.jsonl", [GOOD_A, GOOD_B])
    refine = {"enabled": True, "model": str(tmp_path / "no-such-model"),
              "transformers": {"device": "cpu"}}
    with pytest.raises(SummarizerError) as local:
        summarize_to(path, tmp_path / "local", refine=refine)
    with pytest.raises(SummarizerError) as remote:  # the error itself, not a Ray traceback
        summarize_to(path, tmp_path / "ray", refine=refine, executor="ray")
    assert str(remote.value) == str(local.value) and remote.value.exit_code == 2
    assert not (tmp_path / "ray").exists() or not any((tmp_path / "ray").iterdir())


def test_refining_actors_ask_for_gpus_only_where_there_are_some(ray_session):
    import ray

    from summarizer.api import resolve
    from summarizer.errors import UsageError
    from summarizer.executors.ray.session import gpus_per_actor

    def cfg(enabled=True, **transformers):
        return resolve(None, refine={"enabled": enabled, "transformers": transformers})

    assert ray.cluster_resources().get("GPU", 0) == 0  # this local session: CPUs only
    assert gpus_per_actor(ray, [cfg(False, device="cuda")]) == 0  # no refinement: CPU actors
    assert gpus_per_actor(ray, [cfg(device="auto")]) == 0  # auto falls back to CPU
    assert gpus_per_actor(ray, [cfg(device="cpu")]) == 0
    with pytest.raises(UsageError, match="refine.transformers.device=cuda but the Ray "
                                         "cluster has no GPUs"):
        gpus_per_actor(ray, [cfg(device="cuda")])


# ------------------------------------------------------------------ without the extra


def test_without_the_extra_executor_ray_is_one_line(tmp_path):
    (tmp_path / "sitecustomize.py").write_text(textwrap.dedent("""
        import sys
        class _Hide:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] == "ray":
                    raise ModuleNotFoundError(name)
        sys.meta_path.insert(0, _Hide())
    """))
    example = REPO / "examples" / "harbor-bridge"
    for args in (["summarize", str(example), "--out-dir", "out", "--executor", "ray"],
                 ["evaluate", "--dataset", "harbor-bridge", "--no-cache", "--executor", "ray"]):
        r = run_cli(*args, cwd=tmp_path, pythonpath=tmp_path)
        assert r.returncode == 2, r.stderr
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and "pip install 'summarizer[ray]'" in lines[0], lines
        assert lines[0].startswith("summarizer: error: --executor ray needs the 'ray' extra")
    # the local executor does not need it
    r = run_cli("summarize", str(example), "--out-dir", "out", cwd=tmp_path,
                pythonpath=tmp_path)
    assert r.returncode == 0 and (tmp_path / "out" / "harbor-bridge.txt").is_file(), r.stderr


def test_executor_ray_without_out_dir_is_one_line(tmp_path):
    r = run_cli("summarize", str(REPO / "examples" / "harbor-bridge"), "--executor", "ray",
                cwd=tmp_path)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "--out-dir" in r.stderr
