"""A report folder owns only what a report wrote (issue 19): foreign files survive,
planted symlinks are never followed, file names from ids are unique, a full disk keeps the
previous report, and a bad --report is found before any work. Every command that writes
is wrapped in the ``sentinel`` check: a tree outside the destination stays byte-identical."""

from __future__ import annotations

import csv
import errno
import json
import os
import subprocess
import sys
import time

import pytest

from summarizer.errors import UsageError
from summarizer.evaluation import evaluate
from summarizer.evaluation.report import ReportNotWritten, table
from summarizer.fileio import MANIFEST

REPORT_FILES = ["results.json", "clusters.csv", "results.md", "scores.png",
                "summaries/lead/harbor-bridge.txt", "index.html", "clusters/harbor-bridge.html"]


def cli(*args, cache, limit_kb=None):
    """``summarizer evaluate -d harbor-bridge ARGS`` (under ``ulimit -f`` when asked)."""
    cmd = [sys.executable, "-m", "summarizer", "-q", "evaluate", "-d", "harbor-bridge",
           "--cache-dir", str(cache), "--bootstrap", "50", *map(str, args)]
    if limit_kb:
        cmd = ["bash", "-c", f'ulimit -f {limit_kb}; exec "$@"', "bash", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)


def one_error(r, code: int) -> str:
    assert r.returncode == code, (r.stdout, r.stderr)
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("summarizer: error: "), r.stderr
    return lines[0]


def tree(folder) -> dict[str, object]:
    """Every entry below ``folder``: a link's target, a file's bytes, a folder as 'dir'."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, folder)
            if os.path.islink(path):
                out[rel] = ("link", os.readlink(path))
            elif os.path.isdir(path):
                out[rel] = "dir"
            else:
                with open(path, "rb") as f:
                    out[rel] = f.read()
    return out


def manifest(folder) -> list[str]:
    return json.loads((folder / MANIFEST).read_text())["files"]


def api(report, cache, systems="lead", **kw):
    return evaluate("harbor-bridge", systems=systems, report=report, cache_dir=cache,
                    samples=50, **kw)


# ------------------------------------------------------------------ foreign folders


def test_a_foreign_folder_is_refused_before_work_and_force_keeps_its_files(tmp_path, sentinel):
    # The issue: summaries/notes/todo.txt was silently deleted (exit 0).
    d, cache = tmp_path / "d", tmp_path / "cache"
    (d / "summaries" / "notes").mkdir(parents=True)
    (d / "summaries" / "notes" / "todo.txt").write_text("x\n")
    before = tree(d)
    r = cli("--report", d, cache=cache)
    line = one_error(r, 2)
    assert "--force" in line and str(d) in line and "computed" not in r.stderr
    assert tree(d) == before and not cache.exists()  # nothing summarized, nothing written
    sentinel.check()
    r = cli("--systems", "default,lead", "--report", d, "--force", cache=cache)
    assert r.returncode == 0, r.stderr
    assert (d / "summaries" / "notes" / "todo.txt").read_text() == "x\n"
    assert set(manifest(d)) == set(REPORT_FILES) | {"summaries/default/harbor-bridge.txt"}
    sentinel.check()


def test_a_symlinked_summaries_folder_is_never_followed(tmp_path, sentinel):
    # The issue: every *.txt in the link's target was deleted, then a traceback.
    r_dir, cache = tmp_path / "r", tmp_path / "cache"
    (r_dir / "summaries").mkdir(parents=True)
    (r_dir / "summaries" / "x").symlink_to(sentinel.folder)
    r = cli("--report", r_dir, cache=cache)
    assert "Traceback" not in r.stderr and "--force" in one_error(r, 2)
    sentinel.check()
    # A link at one of the report's own folders is replaced (the link, not its target).
    (r_dir / "summaries" / "lead").symlink_to(sentinel.folder)
    r = cli("-s", "lead", "--report", r_dir, "--force", cache=cache)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    sentinel.check()
    assert os.readlink(r_dir / "summaries" / "x") == str(sentinel.folder)  # not ours: kept
    lead = r_dir / "summaries" / "lead"
    assert not lead.is_symlink() and (lead / "harbor-bridge.txt").is_file()
    # In our own report, a link swapped in at our folder is replaced without --force.
    (lead / "harbor-bridge.txt").unlink()
    lead.rmdir()
    lead.symlink_to(sentinel.folder)
    api(r_dir, cache)
    assert not lead.is_symlink() and (lead / "harbor-bridge.txt").is_file()
    sentinel.check()


def test_planted_symlinks_at_every_report_path_are_replaced_never_written(tmp_path, sentinel):
    rep, cache = tmp_path / "rep", tmp_path / "cache"
    api(rep, cache)
    # Someone swaps every report file for a link to the victim, and plants links at the
    # names a temp file or a stage could have.
    decoys = [".scores.png.tmp", ".results.json.tmp", ".summarizer-stage-0000000000000000"]
    for rel in REPORT_FILES + decoys:
        (rep / rel).unlink(missing_ok=True)
        (rep / rel).symlink_to(sentinel.victim)
    api(rep, cache)
    sentinel.check()
    for rel in REPORT_FILES:
        assert not (rep / rel).is_symlink() and (rep / rel).stat().st_size > 0, rel
    assert all((rep / rel).is_symlink() for rel in decoys)  # not ours: left alone
    # A manifest that is a link is not ours: the folder is refused; --force replaces it.
    (rep / MANIFEST).rename(rep / "saved.json")
    (rep / MANIFEST).symlink_to(rep / "saved.json")
    with pytest.raises(UsageError, match="no report of ours"):
        api(rep, cache)
    api(rep, cache, force=True)
    assert not (rep / MANIFEST).is_symlink()
    sentinel.check()


def test_the_issue_temp_name_symlink_leaves_its_target_alone(tmp_path, sentinel):
    r2, cache = tmp_path / "r2", tmp_path / "cache"
    r2.mkdir()
    (r2 / ".scores.png.tmp").symlink_to(sentinel.victim)
    one_error(cli("--report", r2, cache=cache), 2)
    r = cli("--systems", "lead", "--report", r2, "--force", cache=cache)
    assert r.returncode == 0, r.stderr
    assert (r2 / "scores.png").read_bytes()[:4] == b"\x89PNG"
    assert os.readlink(r2 / ".scores.png.tmp") == str(sentinel.victim)
    sentinel.check()


def test_a_hostile_manifest_deletes_nothing_outside_the_report(tmp_path, sentinel):
    rep, cache = tmp_path / "rep", tmp_path / "cache"
    api(rep, cache)
    (rep / "summaries" / "x").symlink_to(sentinel.folder)
    listed = manifest(rep) + ["../outside/victim.txt", str(sentinel.victim),
                              "summaries/x/a.txt", "summaries/x/deep/b.txt", "summaries/x"]
    (rep / MANIFEST).write_text(json.dumps({"owner": "summarizer", "files": listed}))
    api(rep, cache)  # removes what the manifest lists inside the folder, through no link
    sentinel.check()
    assert set(manifest(rep)) == set(REPORT_FILES)


def test_manifest_entries_no_report_could_own_are_ignored_fast(tmp_path, sentinel):
    # A name the file system cannot hold (a lone surrogate) gave a traceback mid-swap and
    # a union manifest that failed every later run the same way; a path 100,000 folders
    # deep hung (quadratic) or overflowed the stack. Neither is ours: both are ignored.
    rep, cache = tmp_path / "rep", tmp_path / "cache"
    api(rep, cache)
    (rep / "notes.txt").write_text("mine\n")
    listed = manifest(rep) + ["\ud800x.txt", "a/" * 100_000 + "b.txt", "n" * 300,
                              "summaries/" + "x" * 5000]
    (rep / MANIFEST).write_text(json.dumps({"owner": "summarizer", "files": listed}))
    start = time.monotonic()
    api(rep, cache)
    assert time.monotonic() - start < 20
    assert set(manifest(rep)) == set(REPORT_FILES)
    assert (rep / "notes.txt").read_text() == "mine\n"
    assert not [n for n in os.listdir(rep) if n.startswith(".summarizer-stage")]
    sentinel.check()


# ------------------------------------------------------------------ re-runs


def test_a_rerun_removes_only_what_the_old_manifest_listed(tmp_path, sentinel):
    rep, cache = tmp_path / "rep", tmp_path / "cache"
    api(rep, cache, systems="lead,oracle")
    old = set(manifest(rep))
    assert "summaries/oracle/harbor-bridge.txt" in old
    (rep / "notes.txt").write_text("mine\n")
    (rep / "summaries" / "oracle" / "mine.txt").write_text("mine too\n")
    (rep / "summaries" / "lead" / "draft.txt").write_text("a draft\n")
    api(rep, cache, systems="lead")
    sentinel.check()
    assert not (rep / "summaries" / "oracle" / "harbor-bridge.txt").exists()
    for rel in ("notes.txt", "summaries/oracle/mine.txt", "summaries/lead/draft.txt"):
        assert (rep / rel).exists(), rel
    assert set(manifest(rep)) == set(REPORT_FILES)
    assert not [n for n in os.listdir(rep) if n.startswith(".summarizer-stage")]
    # A file no report wrote at a path the new report needs: refused, then --force.
    (rep / "summaries" / "oracle" / "harbor-bridge.txt").write_text("my own summary\n")
    with pytest.raises(ReportNotWritten, match="no earlier report wrote it") as e:
        api(rep, cache, systems="lead,oracle")  # found when the paths are known
    assert e.value.exit_code == 2 and "| oracle |" in table(e.value.evaluation.doc)
    assert (rep / "summaries" / "oracle" / "harbor-bridge.txt").read_text() == "my own summary\n"
    api(rep, cache, systems="lead,oracle", force=True)
    assert (rep / "summaries" / "oracle" / "harbor-bridge.txt").read_text() != "my own summary\n"
    assert (rep / "summaries" / "oracle" / "mine.txt").exists()
    sentinel.check()


# ------------------------------------------------------------------ names from ids

FERRY = ["The ferry Aurora ran aground near Pell Island on Tuesday morning, the harbour "
         "office said.",
         "All forty passengers were taken ashore by lifeboats and nobody was hurt.",
         "Divers will inspect the hull on Thursday before tugs tow the ferry to the yard."]
FERRY_REF = ("The Aurora ferry ran aground off Pell Island; lifeboats brought its forty "
             "passengers ashore unhurt, and divers will check the hull.")


def test_colliding_and_long_ids_get_distinct_files_and_a_true_map(tmp_path, sentinel):
    ids = ["a/b", "a_b", "A_B", "x" * 300, "../up", ".hidden", "results"]
    data = tmp_path / "ids.jsonl"
    with open(data, "w", encoding="utf-8") as f:
        for i, cid in enumerate(ids):
            text = "\n".join(FERRY[i % 3:] + FERRY[:i % 3])  # a different summary each
            f.write(json.dumps({"id": cid, "documents": [{"id": "d1", "title": "Aground",
                                                          "text": text}],
                                "references": [{"id": "A", "text": FERRY_REF}]}) + "\n")
    rep = tmp_path / "rep"
    r = subprocess.run([sys.executable, "-m", "summarizer", "evaluate", "-d", str(data),
                        "-s", "lead", "--bootstrap", "50", "--report", str(rep),
                        "--cache-dir", str(tmp_path / "cache")], capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    sentinel.check()
    assert "7 clusters x 1 systems" in r.stderr and "summary_files" in r.stderr
    doc = json.loads((rep / "results.json").read_text())
    files = doc["summary_files"]["lead"]
    assert list(files) == ids and len(set(files.values())) == len(ids)
    on_disk = sorted(p.relative_to(rep).as_posix() for p in (rep / "summaries").rglob("*")
                     if p.is_file())
    assert on_disk == sorted(files.values()) and all(
        f.startswith("summaries/lead/") and len(f) < 120 for f in on_disk)
    with open(rep / "clusters.csv", newline="", encoding="utf-8") as f:
        assert [row["cluster"] for row in csv.DictReader(f)] == ids  # the real ids
    for i, cid in enumerate(ids):  # each file holds its own cluster's summary
        assert (rep / files[cid]).read_text().startswith(FERRY[i % 3]), cid


# ------------------------------------------------------------------ full disk


def test_a_full_disk_keeps_the_previous_report_and_loses_no_work(tmp_path, sentinel):
    rep, cache = tmp_path / "rep", tmp_path / "cache"
    assert cli("-s", "lead", "--report", rep, cache=cache).returncode == 0
    before = tree(rep)
    # scores.png (~40 KB) cannot be written under an 8 KB file size limit.
    r = cli("-s", "lead,oracle", "--report", rep, cache=cache, limit_kb=8)
    line = one_error(r, 1)
    assert "Traceback" not in r.stderr
    assert f"cannot write the report in {rep}" in line and "unchanged" in line, line
    assert "| oracle |" in r.stdout  # the scores still reach stdout
    assert tree(rep) == before  # byte-identical, no temp file or stage left
    assert sorted(os.listdir(tmp_path)) == ["cache", "outside", "rep"]
    sentinel.check()
    again = cli("-s", "lead,oracle", "--report", rep, cache=cache)
    assert again.returncode == 0 and "0 computed, 2 from cache" in again.stderr, again.stderr
    assert "summaries/oracle/harbor-bridge.txt" in manifest(rep)


def test_a_folder_that_cannot_be_made_keeps_the_previous_report(tmp_path, sentinel,
                                                                monkeypatch):
    # A full disk can refuse the new system's folder after every file was staged: that
    # used to happen mid-swap, the previous report half replaced. (ulimit -f cannot
    # refuse a folder, so the file system's answer is simulated.)
    rep, cache = tmp_path / "rep", tmp_path / "cache"
    api(rep, cache)
    before = tree(rep)
    real_mkdir = os.mkdir

    def full(path, mode=0o777, *, dir_fd=None):
        if dir_fd is not None and not str(path).startswith(".summarizer-stage-"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)
        return real_mkdir(path, mode, dir_fd=dir_fd)

    monkeypatch.setattr(os, "mkdir", full)
    with pytest.raises(ReportNotWritten, match="unchanged"):
        api(rep, cache, systems="lead,oracle")
    assert tree(rep) == before  # no new folder, no stage, the old manifest
    sentinel.check()


def test_a_new_report_on_a_full_disk_leaves_nothing_behind(tmp_path, sentinel):
    rep, cache = tmp_path / "new" / "rep", tmp_path / "cache"
    r = cli("-s", "lead", "--report", rep, cache=cache, limit_kb=8)
    assert "nothing there was changed" in one_error(r, 1)
    assert not rep.exists() and not (tmp_path / "new").exists()
    sentinel.check()


# ------------------------------------------------------------------ bad destinations


@pytest.mark.parametrize("where", ["file", "under-file", "broken-link", "under-broken-link",
                                   "read-only"])
def test_a_report_path_that_cannot_be_a_folder_fails_first(tmp_path, sentinel, where):
    target = tmp_path / "target"
    if "broken-link" in where:
        target.symlink_to(tmp_path / "nowhere")
    elif where == "read-only":
        if os.geteuid() == 0:
            pytest.skip("root writes in a read-only folder")
        target.mkdir(mode=0o500)
    else:
        target.write_text("a file\n")
    report = target if where in ("file", "broken-link") else target / "rep"
    cache = tmp_path / "cache"
    start = time.monotonic()
    line = one_error(cli("--report", report, cache=cache), 2)
    assert time.monotonic() - start < 30 and str(target) in line
    assert not cache.exists() and "computed" not in line
    with pytest.raises(UsageError):  # the API checks first too
        api(report, cache)
    assert not cache.exists() and not (tmp_path / "nowhere").exists()
    sentinel.check()
