"""Nothing computed is lost and nothing fails silently: output destinations, file
permissions, partial failures and budgets, through the CLI."""

import json
import os
import stat
import subprocess
import sys

import pytest

from conftest import EXAMPLE

STORY = ("The river rose overnight and flooded the lower town, officials said on Monday "
         "after the storm hit the coast. Crews worked through the night to pump water out of "
         "the homes along the bank. The mayor said the town would open two shelters for the "
         "families who had to leave.")


def run(*args, stdin=None, cwd=None, umask=None):
    def preexec():
        if umask is not None:
            os.umask(umask)
    return subprocess.run([sys.executable, "-m", "summarizer", *args], input=stdin, cwd=cwd,
                          capture_output=True, text=True, timeout=300, preexec_fn=preexec)


def one_error_line(r, *fragments):
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarizer: error:"), r.stderr
    for f in fragments:
        assert f in lines[0], lines[0]
    assert "Traceback" not in r.stderr


def clusters_file(tmp_path, *records):
    path = tmp_path / "clusters.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n")
    return path


GOOD_A = {"id": "a", "documents": [{"id": "a1", "text": STORY}]}
GOOD_B = {"id": "b", "documents": [{"id": "b1", "text": STORY.replace("river", "lake")}]}
BAD = {"id": "bad", "documents": [{"id": "x", "text": "too short"}]}


def test_output_to_a_folder_is_refused_before_the_work(tmp_path):
    r = run("summarize", str(EXAMPLE), "-o", str(tmp_path))
    assert r.returncode == 2
    one_error_line(r, str(tmp_path), "is a folder")


def test_output_somewhere_unwritable(tmp_path):
    # /sys refuses new files even to root, unlike a chmod-ed folder
    r = run("summarize", str(EXAMPLE), "-o", "/sys/summary.txt")
    assert r.returncode == 2
    one_error_line(r, "/sys", "cannot write")
    r = run("summarize", str(EXAMPLE), "--out-dir", "/sys/summaries")
    assert r.returncode == 2
    one_error_line(r, "cannot write")


def test_out_dir_on_an_existing_file(tmp_path):
    existing = tmp_path / "taken.txt"
    existing.write_text("keep me")
    r = run("summarize", str(EXAMPLE), "--out-dir", str(existing))
    assert r.returncode == 2
    one_error_line(r, "is a file, not a folder")
    assert existing.read_text() == "keep me"


def test_output_files_honour_the_umask(tmp_path):
    out = tmp_path / "s.txt"
    assert run("summarize", str(EXAMPLE), "-o", str(out), umask=0o022).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert run("summarize", str(EXAMPLE), "--out-dir", str(tmp_path / "d"),
               umask=0o022).returncode == 0
    (summary,) = (tmp_path / "d").iterdir()
    assert stat.S_IMODE(summary.stat().st_mode) == 0o644
    r = run("evaluate", "--dataset", "harbor-bridge", "--report", str(tmp_path / "rep"),
            "--cache-dir", str(tmp_path / "cache"), umask=0o027)
    assert r.returncode == 0, r.stderr
    files = [p for p in (tmp_path / "rep").rglob("*") if p.is_file()]
    files += [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert files and {stat.S_IMODE(p.stat().st_mode) for p in files} == {0o640}


def test_stdout_keeps_the_clusters_that_worked(tmp_path):
    path = clusters_file(tmp_path, GOOD_A, BAD, GOOD_B)
    r = run("summarize", str(path))
    assert r.returncode == 1
    assert "== a ==" in r.stdout and "== b ==" in r.stdout and "== bad ==" not in r.stdout
    assert "1 cluster(s) failed: bad" in r.stderr
    r = run("summarize", str(path), "--format", "json")
    assert r.returncode == 1
    assert [json.loads(line)["cluster"] for line in r.stdout.splitlines()] == ["a", "b"]


def test_unreadable_jsonl_line_is_a_failure_with_its_1_based_number(tmp_path):
    path = clusters_file(tmp_path, GOOD_A, "{not json", GOOD_B)
    r = run("summarize", str(path))
    assert r.returncode == 1
    assert "line 2: invalid JSON" in r.stderr and "1 record(s) skipped" in r.stderr
    assert "== a ==" in r.stdout and "== b ==" in r.stdout
    r = run("summarize", str(path), "--out-dir", str(tmp_path / "out"))
    assert r.returncode == 1 and "line 2" in r.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.txt", "b.txt"]


def test_one_cluster_that_fails_is_one_error_line(tmp_path):
    path = clusters_file(tmp_path, BAD)
    r = run("summarize", str(path))
    assert r.returncode == 2 and r.stdout == "" and "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    errors = [line for line in lines if line.startswith("summarizer: error:")]
    assert errors == [lines[-1]] and "'bad'" in errors[0]
    # the article the cleaner emptied is named in a warning before the error
    assert all("WARNING" in line and "'x'" in line for line in lines[:-1])


@pytest.mark.parametrize("flag,value", [("--words", "0"), ("--words", "-5"),
                                        ("--sentences", "0"), ("--bytes", "-1")])
def test_empty_budgets_are_config_errors(flag, value):
    r = run("summarize", str(EXAMPLE), flag, value)
    assert r.returncode == 2 and r.stdout == ""
    # names the budget's key and value, and the smallest budget allowed
    one_error_line(r, f"select.{flag[2:]}", f"has value {value}", "greater than or equal to 1")


def test_a_budget_nothing_fits_is_an_error_not_an_empty_summary():
    r = run("summarize", str(EXAMPLE), "--words", "3")
    assert r.returncode == 2 and r.stdout == ""
    one_error_line(r, "no sentence fits the budget (words=3)", "shortest")


def test_a_write_that_fails_after_the_work_sends_the_summary_to_stdout(tmp_path, monkeypatch,
                                                                        capsys):
    import summarizer.fileio
    from summarizer.cli import main

    def disk_full(path, text):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(summarizer.fileio, "atomic_write", disk_full)
    assert main(["summarize", str(EXAMPLE), "--words", "40", "-o", str(tmp_path / "s.txt")]) == 1
    out, err = capsys.readouterr()
    assert out.strip() and len(out.split()) <= 40
    assert "No space left on device" in err and "went to stdout" in err


def test_summarize_to_stdout_runs_the_executors_loop(monkeypatch, capsys):
    """The CLI has no summarize loop of its own: one source to stdout goes through the
    local executor's, as --out-dir and the API's summarize_to do."""
    from summarizer.cli import main
    from summarizer.executors.local import LocalExecutor

    seen = []
    original = LocalExecutor.summarize_each

    def spy(self, clusters, config, progress=False):
        seen.append(len(clusters))
        return original(self, clusters, config, progress)

    monkeypatch.setattr(LocalExecutor, "summarize_each", spy)
    assert main(["summarize", str(EXAMPLE), "--words", "40"]) == 0
    assert seen == [1] and 0 < len(capsys.readouterr().out.split()) <= 40


def test_choices_and_help_lists_are_read_from_the_tables(monkeypatch, capsys):
    from typing import get_args

    from summarizer.cli import main
    from summarizer.config import EvaluateConfig
    from summarizer.evaluation.systems import SYSTEMS
    from summarizer.executors import EXECUTORS
    from summarizer.rank import METHODS

    monkeypatch.setenv("COLUMNS", "100000")  # no wrapping: each row stays on its line
    with pytest.raises(SystemExit):
        main(["evaluate", "--help"])
    text = capsys.readouterr().out
    assert all(f"{row.name}: {row.summary}" in text for row in SYSTEMS)
    assert all(f"{row.name}: {row.summary}" in text for row in EXECUTORS)
    assert ", ".join(METHODS.names()) in text
    protocols = get_args(EvaluateConfig.model_fields["protocol"].annotation)
    assert "{" + ",".join(protocols) + "}" in text
