"""Hostile input to `summarize`: bytes that would drive a terminal, ids that are not file
names, files that are not files, JSON nested without end, file names that are not UTF-8,
a full disk, and other libraries' log lines. Each is one warning or one error line, the
rest of the work goes on, and nothing outside the destination is touched."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXAMPLE
from summarizer.config import IngestConfig
from summarizer.errors import InputError
from summarizer.ingest import Unreadable, read_path, read_text

BRIDGE = ("The harbor bridge closed on Monday after inspectors found cracks in a steel beam "
          "near the eastern tower, officials said. Repairs will cost two million dollars and "
          "take six weeks, the city council said on Tuesday.")
FERRY = ("Commuters crowded the ferry terminal on Wednesday while the bridge stayed shut, and "
         "the ferry company added four crossings an hour. The mayor asked employers to let "
         "staff work from home until the repairs are finished.")
ESC = "\x1b]0;PWNED\x07\x1b[2J"  # set the window title, clear the screen
BIDI = "\u202e"  # right-to-left override
C1 = "\x9b"  # CSI, ESC [ in one character
# Bytes a terminal obeys: C0 controls but tab and newline, and DEL.
C0_BYTES = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]")
# The same, C1 controls and the bidi embeddings, overrides and isolates, in text.
UNSAFE_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run(*args, stdin: bytes | None = None, timeout=120):
    """The CLI with bytes in and bytes out: what a terminal would receive."""
    return subprocess.run([sys.executable, "-m", "summarizer", *args], input=stdin,
                          capture_output=True, timeout=timeout)


def assert_terminal_safe(raw: bytes) -> str:
    assert not C0_BYTES.search(raw), raw
    text = raw.decode("utf-8")  # strict: nothing undecodable either
    assert not UNSAFE_TEXT.search(text), ascii(text)
    return text


def one_error_line(r, *fragments) -> str:
    lines = r.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarizer: error:"), r.stderr
    for f in fragments:
        assert f in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def warnings(caplog):
    caplog.set_level("WARNING", logger="summarizer")
    return caplog


def article(folder: Path, name: str | bytes, title: str, text: str) -> None:
    folder = os.fsencode(folder)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, os.fsencode(name)), "w", encoding="utf-8") as f:
        f.write(f"{title}\n{text}\n")


# ----------------------------------------------------------------------------- terminal


def test_the_issue_example_reaches_stdout_without_its_escape_sequences():
    raw = f"H\nThe bridge closed {ESC} on Monday after inspectors found cracks in a beam and " \
          "officials said repairs would cost two million dollars.\n"
    r = run("summarize", "-", stdin=raw.encode())
    assert r.returncode == 0, r.stderr
    out = assert_terminal_safe(r.stdout)
    assert_terminal_safe(r.stderr)
    assert "The bridge closed ]0;PWNED[2J on Monday" in out  # only the controls are gone
    r = run("summarize", "-", "--format", "json", stdin=raw.encode())
    assert r.returncode == 0, r.stderr
    assert_terminal_safe(r.stdout)
    assert "\\u001b]0;PWNED\\u0007\\u001b[2J" in r.stdout.decode()
    doc = json.loads(r.stdout)
    assert ESC in doc["summary"]  # JSON keeps the text itself


@pytest.fixture
def evil_folder(tmp_path) -> Path:
    """Two clusters whose ids, titles, texts and file names carry terminal controls, and
    an unreadable file whose name a warning has to quote."""
    root = tmp_path / "in"
    article(root / f"bridge{ESC}{BIDI}", f"a{ESC}.txt", f"Bridge {C1}shut{BIDI}",
            BRIDGE.replace("officials", f"officials{ESC}{BIDI}{C1}"))
    article(root / f"bridge{ESC}{BIDI}", "b.txt", "Ferry", FERRY)
    article(root / "ferry", "c.txt", f"Ferry{ESC}", FERRY.replace("mayor", f"mayor{C1}"))
    article(root / "ferry", "d.txt", "Bridge", BRIDGE)
    (root / "ferry" / f"bad{ESC}{BIDI}.txt").write_bytes(b"\x00\x01 not text")
    return root


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_text_and_markdown_carry_no_control_or_bidi_override(evil_folder, fmt, tmp_path,
                                                             sentinel):
    r = run("summarize", str(evil_folder), "--format", fmt)
    assert r.returncode == 0, r.stderr
    out = assert_terminal_safe(r.stdout)
    err = assert_terminal_safe(r.stderr)
    assert "== bridge]0;PWNED[2J ==" in out  # the heading of a cluster is data too
    assert "skipping" in err and "bad]0;PWNED[2J.txt" in err  # the file is still named
    # a file written with -o may be cat-ed: the same characters are kept out of it
    out_file = tmp_path / f"summary.{fmt}"
    r = run("summarize", str(evil_folder), "--format", fmt, "-o", str(out_file))
    assert r.returncode == 0, r.stderr
    assert assert_terminal_safe(out_file.read_bytes()) == out
    sentinel.check()


def test_json_escapes_what_a_terminal_obeys_and_parses_back_to_the_text(evil_folder):
    from summarizer import summarize_to

    r = run("summarize", str(evil_folder), "--format", "json")
    assert r.returncode == 0, r.stderr
    assert_terminal_safe(r.stdout)
    docs = [json.loads(line) for line in r.stdout.decode().splitlines()]
    assert [d["cluster"] for d in docs] == [f"bridge{ESC}{BIDI}", "ferry"]
    assert any(C1 in s["text"] for d in docs for s in d["sentences"])
    assert "\\u009b" in r.stdout.decode() and "\\u202e" in r.stdout.decode()
    # the files of --out-dir are the same JSON
    outcome = summarize_to(evil_folder, evil_folder.parent / "out", output={"format": "json"})
    assert outcome.ok and len(outcome.written) == 2
    docs = [json.loads(assert_terminal_safe(path.read_bytes()))
            for path in (evil_folder.parent / "out").iterdir()]
    assert sorted(d["cluster"] for d in docs) == [f"bridge{ESC}{BIDI}", "ferry"]


# ----------------------------------------------------------------------------- --out-dir


IDS = ["a/b", "a_b", "a_b", "x" * 300, "..", "/etc/passwd", "../secret", "plain", "linked"]


def test_out_dir_gives_every_cluster_its_own_file_inside_the_folder(tmp_path, sentinel):
    from summarizer import summarize_to

    clusters = tmp_path / "ids.jsonl"
    clusters.write_text("".join(json.dumps({"id": cid, "documents": [BRIDGE, FERRY]}) + "\n"
                                for cid in IDS))
    out = tmp_path / "out"
    out.mkdir()
    # links planted at the names two clusters will get: each is replaced, not followed
    (out / "plain.json").symlink_to(sentinel.victim)
    (out / "linked.json").symlink_to(sentinel.folder)
    before = set(tmp_path.iterdir())
    r = run("summarize", str(clusters), "--out-dir", str(out), "--format", "json")
    assert r.returncode == 0, r.stderr
    err = r.stderr.decode()
    assert f"wrote {len(IDS)} summaries to {out}" in err
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == len(IDS)  # the count printed is the files written
    assert all(p.is_file() and not p.is_symlink() for p in out.iterdir())
    assert sorted(json.loads(p.read_text())["cluster"] for p in out.iterdir()) == sorted(IDS)
    assert all(len(name) < 100 for name in files) and "plain.json" in files
    assert re.search(r"cluster id 'a/b' written as a_b-[0-9a-f]{8}\.json", err)
    assert set(tmp_path.iterdir()) == before  # nothing beside the folder either
    sentinel.check()
    # the same names again, through the Python API: deterministic, one rule for both
    again = summarize_to(clusters, tmp_path / "again", output={"format": "json"})
    assert again.ok and again.written == IDS
    assert sorted(p.name for p in (tmp_path / "again").iterdir()) == files


def test_a_summary_that_cannot_be_written_fails_its_own_cluster_only(tmp_path, sentinel):
    clusters = tmp_path / "ids.jsonl"
    clusters.write_text("".join(json.dumps({"id": cid, "documents": [BRIDGE, FERRY]}) + "\n"
                                for cid in ["first", "blocked", "last"]))
    (tmp_path / "out" / "blocked.txt").mkdir(parents=True)  # a folder where the file goes
    r = run("summarize", str(clusters), "--out-dir", str(tmp_path / "out"))
    assert r.returncode == 1 and b"Traceback" not in r.stderr
    err = r.stderr.decode()
    assert "cluster blocked failed: cannot write its summary" in err
    assert "wrote 2 summaries" in err and "1 cluster(s) failed: blocked" in err
    assert (tmp_path / "out" / "first.txt").is_file() and (tmp_path / "out" / "last.txt").is_file()
    sentinel.check()


# ----------------------------------------------------------------------------- not files


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(),
                    reason="needs FIFOs and /dev/zero")
def test_fifos_devices_and_other_libraries_logs_in_an_input_folder(tmp_path, sentinel):
    folder = tmp_path / "in"
    article(folder, "a.txt", "Bridge shut", BRIDGE)
    os.mkfifo(folder / "pipe.txt")  # opening it would block the run forever
    (folder / "zero.txt").symlink_to("/dev/zero")  # reading it would fill the memory
    (folder / "empty.html").write_text("")  # trafilatura logs its own errors on this
    outside = tmp_path / "ferry.txt"
    outside.write_text(f"Ferry crossings\n{FERRY}\n")
    (folder / "ferry.txt").symlink_to(outside)  # a link to a regular file is read
    r = run("summarize", str(folder), "-o", str(tmp_path / "s.txt"), timeout=30)
    assert r.returncode == 0, r.stderr
    err = r.stderr.decode()
    assert f"skipping {folder / 'pipe.txt'}: not a regular file (a FIFO)" in err
    assert f"skipping {folder / 'zero.txt'}: not a regular file (a character device)" in err
    assert f"skipping {folder / 'empty.html'}: no text" in err
    assert all(line.startswith("summarizer: WARNING: skipping") for line in err.splitlines())
    assert "ferry" in (tmp_path / "s.txt").read_text().lower()
    sentinel.check()


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_the_size_limit_holds_for_what_is_read_not_what_the_size_says():
    path = Path("/proc/self/status")  # a regular file whose size says 0
    assert path.stat().st_size == 0
    with pytest.raises(Unreadable, match="too large"):
        read_text(path, IngestConfig(max_file_mb=0.0001))


def test_skipped_files_are_counted_once():
    with pytest.raises(InputError, match=r"\(5 of 5 file\(s\) skipped"):
        read_path(EXAMPLE, IngestConfig(max_file_mb=0.0001))  # and the 2 references


def test_links_to_a_parent_in_a_folder_of_folders_are_not_followed(tmp_path):
    """Two links to ``.`` would read the folder again below itself, 2**40 times."""
    folder = tmp_path / "in"
    article(folder / "bridge", "a.txt", "Bridge shut", BRIDGE)
    (folder / "again").symlink_to(".")
    (folder / "twice").symlink_to("..")
    r = run("summarize", str(folder), "--out-dir", str(tmp_path / "out"), timeout=60)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["bridge.txt"]
    err = r.stderr.decode()
    for link in ("again", "twice"):
        assert f"skipping {folder / link}: symbolic link to a folder" in err


def test_markdown_that_would_make_its_patterns_backtrack_reads_in_linear_time(tmp_path):
    folder = tmp_path / "in"
    article(folder, "a.md", "Bridge shut", BRIDGE)
    lines = ["[" * 200_000, "![a](" * 50_000, "[a](" + "(b" * 100_000]
    article(folder, "b.md", "Ferry", f"{FERRY}\n" + "\n".join(lines))
    start = time.monotonic()
    (cluster,) = read_path(folder)
    assert time.monotonic() - start < 10, "each line is read once, not once a bracket"
    assert "[[[" in cluster.articles[1].text
    one = tmp_path / "one.md"  # a link's target may hold parentheses, as a Wikipedia URL
    one.write_text("Title\n\nSee [the page](https://x.org/Foo_(bar)) and ![i](p.png).\n")
    assert read_path(one)[0].articles[0].text == "See the page and ."


# ----------------------------------------------------------------------------- deep JSON


DEEP = '{"a": ' * 100_000 + "1" + "}" * 100_000


def test_a_record_nested_without_end_is_skipped_by_name(tmp_path, warnings):
    folder = tmp_path / "in"
    article(folder, "a.txt", "Bridge shut", BRIDGE)
    (folder / "deep.json").write_text(DEEP)
    (folder / "more.jsonl").write_text(json.dumps({"text": FERRY, "title": "Ferry"}) + "\n"
                                       + DEEP + "\n")
    problems: list[str] = []
    (cluster,) = read_path(folder, problems=problems)
    assert [a.id for a in cluster.articles] == ["a.txt", "more.jsonl#0"]
    assert problems == [f"{folder / 'more.jsonl'}: line 2: JSON nested more than 100 levels deep"]
    assert "deep.json: JSON nested more than 100 levels deep" in warnings.text
    with pytest.raises(InputError, match="line 1: JSON nested more than 100 levels deep"):
        read_path("-", stdin=io.StringIO(DEEP))


def test_a_cluster_file_of_one_deep_record_is_one_error_line(tmp_path):
    (tmp_path / "deep.jsonl").write_text(DEEP + "\n")
    r = run("summarize", str(tmp_path / "deep.jsonl"))
    assert r.returncode == 2 and r.stdout == b""
    one_error_line(r, "deep.jsonl", "line 1: JSON nested more than 100 levels deep")


# ----------------------------------------------------------------------------- file names


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="needs non-UTF-8 file names")
def test_file_names_that_are_not_utf8_are_escaped_everywhere(tmp_path, sentinel):
    from summarizer import summarize_to

    folder = tmp_path / os.fsdecode(b"caf\xe9")
    article(folder, b"caf\xe9 news.txt", "Bridge shut", BRIDGE)
    article(folder, "b.txt", "Ferry", FERRY)
    (folder / os.fsdecode(b"bad\xff.txt")).write_bytes(b"\x00\x01 not text")
    r = run("summarize", str(folder), "--format", "json", "-o", str(tmp_path / "s.json"))
    assert r.returncode == 0, r.stderr
    assert "bad\\xff.txt: binary content" in assert_terminal_safe(r.stderr)
    doc = json.loads((tmp_path / "s.json").read_bytes().decode("utf-8"))
    assert doc["cluster"] == "caf\\xe9"
    assert "caf\\xe9 news.txt" in [a["id"] for a in doc["articles"]]
    outcome = summarize_to(folder, tmp_path / "out", output={"format": "markdown"})
    assert outcome.ok, outcome
    (md,) = (tmp_path / "out").iterdir()
    assert "`caf\\xe9 news.txt`" in md.read_bytes().decode("utf-8")
    sentinel.check()


# ----------------------------------------------------------------------------- stdout


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("unbuffered", ["", "1"])
def test_a_full_disk_on_stdout_is_one_error_line_and_exit_1(unbuffered):
    with open("/dev/full", "wb") as full:
        r = subprocess.run([sys.executable, "-m", "summarizer", "summarize", str(EXAMPLE)],
                           stdout=full, stderr=subprocess.PIPE, timeout=120,
                           env={**os.environ, "PYTHONUNBUFFERED": unbuffered})
    assert r.returncode == 1
    one_error_line(r, "cannot write the output (No space left on device)")


@pytest.mark.skipif(sys.platform == "win32", reason="needs ulimit")
def test_a_file_size_limit_on_stdout_is_not_a_silent_cut(tmp_path):
    # unbuffered stdout: a short write used to lose the rest of the output without a word
    command = (f"ulimit -f 1; PYTHONUNBUFFERED=1 {sys.executable} -m summarizer summarize "
               f"{EXAMPLE} --format json > {tmp_path / 'out.json'}")
    r = subprocess.run(["bash", "-c", command], capture_output=True, timeout=120)
    assert r.returncode == 1
    one_error_line(r, "cannot write the output (File too large)")


def test_library_log_records_are_printable_one_line(tmp_path, caplog):
    """A library user's own handler (here pytest's) gets our records already printable and
    on one line: a file name with an escape sequence, a line break and an undecodable byte
    reaches no handler raw."""
    from summarizer import read_path

    folder = tmp_path / "in"
    article(folder, "a.txt", "Bridge shut", BRIDGE)
    (folder / os.fsdecode(b"x\x1b[2J\nforged\xff.txt")).write_bytes(b"\x00\x01 binary")
    with caplog.at_level("WARNING", logger="summarizer"):
        read_path(folder)
    (message,) = [r.getMessage() for r in caplog.records if "binary" in r.getMessage()]
    assert "\x1b" not in message and "\n" not in message and "\\xff" in message
    message.encode("utf-8")  # no lone surrogate left
