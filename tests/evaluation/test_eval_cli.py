"""`summarizer evaluate` and `summarizer compare` through a subprocess: tables, reports,
the cache, a killed run resumed, every user error as one line, and (with ../shared/data)
the committed duc2003 numbers reproduced exactly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import REPO, require_shared
from evalkit import CLUSTERS, write_unified
from summarizer.evaluation import evaluate
from summarizer.evaluation.report import table

DUC_YAML = str(REPO / "configs" / "duc.yaml")


def cli(*args, env=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "summarizer.cli", *args], capture_output=True,
                          text=True, timeout=300, cwd=cwd, env={**os.environ, **(env or {})})


def one_error_line(r, code=2):
    assert r.returncode == code, (r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarizer: error: "), r.stderr
    assert "Traceback" not in r.stderr
    return lines[0]


@pytest.fixture
def data(tmp_path):
    return str(write_unified(tmp_path / "tiny.jsonl"))


def test_evaluate_prints_the_table_and_writes_the_report(data, tmp_path):
    report, cache = tmp_path / "report", tmp_path / "cache"
    args = ["evaluate", "--dataset", data, "--protocol", "duc", "--systems", "default,lead,oracle",
            "--report", str(report), "--cache-dir", str(cache), "--bootstrap", "200"]
    r = cli(*args)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("| system | R-1 | R-2 |")
    for name in ("default", "lead", "oracle"):
        assert any(line.startswith(f"| {name} | ") for line in lines), r.stdout
    assert "4 clusters x 3 systems: 12 computed, 0 from cache" in r.stderr
    assert r.stdout == (report / "results.md").read_text()
    doc = json.loads((report / "results.json").read_text())
    assert list(doc["systems"]) == ["default", "lead", "oracle"]
    # the same command again: everything from the cache, the same table
    again = cli(*args)
    assert again.returncode == 0 and "0 computed, 12 from cache" in again.stderr
    assert again.stdout.split("\n\n")[0] == r.stdout.split("\n\n")[0]


def test_jobs_2_gives_the_same_numbers(data, tmp_path):
    r = cli("-q", "evaluate", "--dataset", data, "--systems", "default,lead,oracle", "--no-cache",
            "--bootstrap", "200", "--jobs", "2", "--report", str(tmp_path / "two"))
    assert r.returncode == 0, r.stderr
    one = evaluate(data, systems="default,lead,oracle", samples=200, jobs=1)
    assert r.stdout == table(one.doc)
    two = json.loads((tmp_path / "two" / "results.json").read_text())
    for name in ("default", "lead", "oracle"):
        assert two["systems"][name]["metrics"] == one.doc["systems"][name]["metrics"]


def test_protocol_comes_from_the_config_for_a_path(data):
    # A path has no protocol of its own: the config's evaluate.protocol decides.
    ev = evaluate(data, config=str(REPO / "configs" / "multinews.yaml"), systems="lead",
                  samples=50)
    assert ev.run.protocol.name == "multinews"
    assert table(ev.doc).startswith("| system | R-1 | R-2 | R-Lsum |")
    assert evaluate(data, systems="lead", samples=50).run.protocol.name == "duc"


def test_a_bad_system_name_is_one_error_line(data, tmp_path):
    line = one_error_line(cli("evaluate", "--dataset", data, "--systems", "default,leed",
                              "--no-cache", "--report", str(tmp_path / "r")))
    assert "unknown system 'leed'" in line
    assert not (tmp_path / "r").exists()


def test_a_system_named_twice_or_a_missing_config_is_one_error_line(data, tmp_path):
    assert "named twice" in one_error_line(cli("evaluate", "--dataset", data, "--systems",
                                               "lead,lead", "--no-cache"))
    assert "not found" in one_error_line(cli("evaluate", "--dataset", data, "--systems",
                                             str(tmp_path / "nope.yaml"), "--no-cache"))


def test_a_missing_dataset_is_one_error_line(tmp_path):
    line = one_error_line(cli("evaluate", "--dataset", str(tmp_path / "nothing.jsonl"),
                              "--no-cache"))
    assert "nothing.jsonl" in line
    line = one_error_line(cli("evaluate", "--dataset", "duc2003", "--no-cache",
                              env={"SUMMARIZER_DATA": str(tmp_path / "empty")}))
    assert "duc2003" in line and "SUMMARIZER_DATA" in line


def test_bad_jobs_and_bad_custom_metrics_are_one_error_line(data, tmp_path):
    assert "--jobs" in one_error_line(cli("evaluate", "--dataset", data, "--jobs", "0"))
    line = one_error_line(cli("evaluate", "--dataset", data, "--protocol", "custom", "--set",
                              "evaluate.metrics=[rouge7]", "--no-cache"))
    assert "evaluate.metrics" in line


def test_a_dataset_without_references_is_one_error_line(tmp_path):
    path = write_unified(tmp_path / "norefs.jsonl", [dict(CLUSTERS[0], references=[])])
    line = one_error_line(cli("evaluate", "--dataset", str(path), "--no-cache"))
    assert "millbrook-fire" in line


def test_compare_prints_the_paired_test(data, tmp_path):
    for name, system in (("a", "lead"), ("b", "oracle")):
        evaluate(data, systems=system, report=tmp_path / name, samples=100)
    r = cli("compare", str(tmp_path / "a"), str(tmp_path / "b"), "--bootstrap", "200")
    assert r.returncode == 0, r.stderr
    assert "| metric | A | B | B - A [95% CI] | p | verdict |" in r.stdout
    r1 = next(line for line in r.stdout.splitlines() if line.startswith("| R-1 |"))
    assert "B better" in r1 and "< 0.005" in r1  # the oracle wins on every cluster
    assert "paired bootstrap over 4 clusters, 200 resamples" in r.stdout
    same = cli("compare", str(tmp_path / "a"), str(tmp_path / "a"))
    assert same.returncode == 0 and "+0.00 [+0.00, +0.00] | 1.000 |" in same.stdout


def test_compare_errors_are_one_line(data, tmp_path):
    assert "not an evaluation report" in one_error_line(
        cli("compare", str(tmp_path), str(tmp_path)))
    evaluate(data, systems="lead,oracle", report=tmp_path / "r", samples=100)
    assert "--system-a" in one_error_line(cli("compare", str(tmp_path / "r")))
    ok = cli("compare", str(tmp_path / "r"), "--system-a", "lead", "--system-b", "oracle")
    assert ok.returncode == 0 and ":oracle" in ok.stdout


def test_a_killed_run_resumes_without_recomputing(tmp_path):
    # 60 clusters x 2 systems take a few seconds; kill -9 once a few results are cached.
    records = [dict(CLUSTERS[i % len(CLUSTERS)], id=f"c{i:02d}") for i in range(60)]
    data = str(write_unified(tmp_path / "many.jsonl", records))
    cache, report = tmp_path / "cache", tmp_path / "report"
    args = [sys.executable, "-m", "summarizer.cli", "-q", "evaluate", "--dataset", data,
            "--config", DUC_YAML, "--systems", "default,lead", "--cache-dir", str(cache),
            "--report", str(report), "--bootstrap", "100"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    try:
        while len(list(cache.rglob("*.json"))) < 5:
            assert proc.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.01)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    done = list(cache.rglob("*.json"))
    assert 5 <= len(done) < 120 and not report.exists()
    for f in done:
        json.loads(f.read_text())  # every cached result is whole
    r = cli(*args[3:])
    assert r.returncode == 0, r.stderr
    resumed = json.loads((report / "results.json").read_text())
    assert resumed["cached"] == len(done) and resumed["computed"] == 120 - len(done)
    fresh = evaluate(data, config=DUC_YAML, systems="default,lead", samples=100)
    assert (report / "results.md").read_text() == table(fresh.doc)


def _group_gone(pgid: int, wait: float) -> bool:
    deadline = time.monotonic() + wait
    while True:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


def _default_sigint():
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_with_two_jobs_stops_within_2_s_and_resumes_to_the_same_scores(tmp_path):
    # Clusters of 12 articles, three systems: with --jobs 2 several seconds of work are
    # queued when Ctrl-C comes, and the old pool waited for all of it.
    records = []
    for i in range(60):
        c = CLUSTERS[i % len(CLUSTERS)]
        docs = [dict(d, id=f"{d['id']}-{k}") for k in range(4) for d in c["documents"]]
        records.append(dict(c, id=f"c{i:02d}", documents=docs))
    data = str(write_unified(tmp_path / "many.jsonl", records))
    cache = tmp_path / "cache"
    common = ["evaluate", "--dataset", data, "--config", DUC_YAML, "--systems",
              "default,lead,oracle", "--jobs", "2", "--bootstrap", "100"]
    log = tmp_path / "stderr.txt"
    with open(log, "w") as err:
        # A session of its own, so the signal goes to the whole group as a terminal's
        # Ctrl-C does: the parent and its workers.
        proc = subprocess.Popen([sys.executable, "-m", "summarizer.cli", *common,
                                 "--cache-dir", str(cache), "--report", str(tmp_path / "cut")],
                                stdout=subprocess.DEVNULL, stderr=err, start_new_session=True,
                                    # a runner started in the background (CI) may pass
                                    # SIGINT on ignored; Python then never raises
                                    # KeyboardInterrupt, as a terminal's process would
                                    preexec_fn=_default_sigint)
        deadline = time.monotonic() + 120
        try:
            while len(list(cache.rglob("*.json"))) < 6 or "evaluating" not in log.read_text():
                assert proc.poll() is None, "the run ended before it could be interrupted"
                assert time.monotonic() < deadline
                time.sleep(0.01)
            os.killpg(proc.pid, signal.SIGINT)
            sent = time.monotonic()
            code = proc.wait(timeout=30)
            elapsed = time.monotonic() - sent
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    stderr = log.read_text()
    assert code == 130 and elapsed < 2.0, (code, elapsed, stderr)
    assert "Traceback" not in stderr
    lines = [line for line in stderr.replace("\r", "\n").splitlines()
             if line.strip() and not line.startswith("evaluating")]
    assert lines == ["summarizer: interrupted"], stderr
    assert _group_gone(proc.pid, 1.0), "worker processes outlived the interrupted run"
    done = list(cache.rglob("*.json"))
    assert 6 <= len(done) < 180 and not list(cache.rglob("*.tmp"))
    for f in done:
        json.loads(f.read_text())

    resumed = cli("-q", *common, "--cache-dir", str(cache), "--report", str(tmp_path / "resumed"))
    assert resumed.returncode == 0, resumed.stderr
    fresh = cli("-q", *common, "--no-cache", "--report", str(tmp_path / "fresh"))
    assert fresh.returncode == 0, fresh.stderr
    assert resumed.stdout == fresh.stdout  # the printed table
    a = json.loads((tmp_path / "resumed" / "results.json").read_text())
    b = json.loads((tmp_path / "fresh" / "results.json").read_text())
    assert a["cached"] == len(done) and a["computed"] == 180 - len(done)
    assert {n: s["metrics"] for n, s in a["systems"].items()} == \
        {n: s["metrics"] for n, s in b["systems"].items()}

    def per_cluster(folder):  # every column but the seconds it took
        rows = (folder / "clusters.csv").read_text().splitlines()
        return [",".join(r.split(",")[:-2] + r.split(",")[-1:]) for r in rows]

    assert per_cluster(tmp_path / "resumed") == per_cluster(tmp_path / "fresh")


# ------------------------------------------------------------------ shared data


@pytest.mark.shared
def test_duc2003_reproduces_the_committed_baseline(tmp_path):
    require_shared("duc2003")
    committed = json.loads((REPO / "eval" / "baselines" / "duc2003.json").read_text())
    r = cli("-q", "evaluate", "--dataset", "duc2003", "--systems", "default,lead", "--jobs", "2",
            "--no-cache", "--bootstrap", "200", "--report", str(tmp_path / "r"),
            env={"SUMMARIZER_DATA": ""})
    assert r.returncode == 0, r.stderr
    doc = json.loads((tmp_path / "r" / "results.json").read_text())
    assert doc["dataset"]["clusters"] == 30 and doc["protocol"]["name"] == "duc"
    default = doc["systems"]["default"]["metrics"]
    for metric, value in committed["metrics"].items():
        assert round(default[metric]["mean"], 2) == value, (metric, default[metric], value)
    assert default["rouge2"]["mean"] > doc["systems"]["lead"]["metrics"]["rouge2"]["mean"]


def test_method_and_language_flags_reach_the_evaluated_config(tmp_path):
    """--method and --language are config keys for evaluate as for summarize: the same
    config (hash) as the --set spelling, another than without them."""
    import json as _json

    from conftest import EXAMPLE

    def config_hash(*flags: str) -> str:
        report = tmp_path / str(len(list(tmp_path.iterdir())))
        r = subprocess.run([sys.executable, "-m", "summarizer.cli", "-q", "evaluate",
                            "--dataset", str(EXAMPLE), *flags, "--no-cache",
                            "--report", str(report)], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        doc = _json.loads((report / "results.json").read_text())
        return doc["systems"]["default"]["config_hash"]

    flagged = config_hash("--method", "centroid", "--language", "en")
    assert flagged == config_hash("--set", "rank.method=centroid", "--set", "language=en")
    assert flagged != config_hash()
