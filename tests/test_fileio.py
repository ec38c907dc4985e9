"""fileio's naming rule: ids from data become file names, never paths, and never collide."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.errors import UsageError
from summarizer.fileio import MANIFEST, NAME_LIMIT, safe_name, unique_names, write_report_dir

ids = st.lists(st.one_of(
    st.text(max_size=200),
    st.sampled_from(["a/b", "a_b", "A_B", "..", ".", "/etc/passwd", "../x", "x" * 300, "", "\x00"]),
), max_size=12)


@given(ids)
@settings(max_examples=300, deadline=None)
def test_unique_names_are_distinct_plain_names_and_deterministic(values):
    names = unique_names(values)
    assert len(names) == len(values)
    assert len({n.casefold() for n in names}) == len(names)
    for n in names:
        assert n and "/" not in n and "\x00" not in n and n not in (".", "..")
        assert not n.startswith(".")
        assert len(n) <= NAME_LIMIT + 20
    assert unique_names(values) == names


def test_unique_names_keep_a_plain_id_and_mark_the_others():
    names = unique_names(["d30003t", "a/b", "a_b", "x", "x", "y" * 300, "../secret"])
    assert names[0] == "d30003t"
    assert names[6] == "secret"
    assert names[1] != names[2] and names[1].startswith("a_b-") and names[2].startswith("a_b-")
    assert names[3] != names[4] and names[3].startswith("x-")
    assert len(names[5]) == NAME_LIMIT + 9
    # a name depends on the ids given, not on the order they are asked in later
    assert unique_names(["a_b", "a/b"]) == [names[2], names[1]]


def test_safe_name_never_leaves_a_path():
    for raw in ["../../etc/passwd", "/abs", "..", ".hidden", "a\\b", "con:x"]:
        assert "/" not in safe_name(raw) and not safe_name(raw).startswith(".")


def test_write_report_dir_checks_ownership_itself(tmp_path):
    """The check at write time, not only the one before the work: a folder holding files
    no report wrote is refused untouched; once ours, a report replaces only its own."""
    folder = tmp_path / "rep"
    (folder / ".summarizer-stage-0123").mkdir(parents=True)  # a killed run's: ours
    write_report_dir(folder, {"a.txt": "x"})
    (folder / "notes.txt").write_text("mine\n")
    write_report_dir(folder, {"b/c.txt": "y"})  # a manifest: no force needed
    assert sorted(os.listdir(folder)) == sorted([MANIFEST, ".summarizer-stage-0123", "b",
                                                 "notes.txt"])
    (folder / MANIFEST).unlink()
    before = sorted(os.listdir(folder))
    with pytest.raises(UsageError, match="no report of ours"):
        write_report_dir(folder, {"b/c.txt": "z"})
    assert sorted(os.listdir(folder)) == before and (folder / "b" / "c.txt").read_text() == "y"
    write_report_dir(folder, {"b/c.txt": "z"}, force=True)
    assert (folder / "b" / "c.txt").read_text() == "z"
    assert (folder / "notes.txt").read_text() == "mine\n"
