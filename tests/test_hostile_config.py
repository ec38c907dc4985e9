"""Bounded configs and numbers (issue 19, part 3): every numeric config key has a domain,
YAML is read within bounds (size, alias expansion, depth), flags and API arguments are
checked before any work, and a malformed report never reads as a result. Each failure is
one short line (exit 2 from the CLI), never a hang, a traceback or a 50 MB message."""

from __future__ import annotations

import csv
import json
import os
import resource
import subprocess
import sys
import time
import typing

import pytest
from pydantic import BaseModel

from conftest import REPO
from summarizer.config import Config, load_config
from summarizer.errors import ConfigError, InputError, UsageError
from summarizer.evaluation import evaluate
from summarizer.evaluation.bootstrap import paired_bootstrap
from summarizer.evaluation.compare import compare
from summarizer.evaluation.report import load_report

SHORT = 300  # an error line quotes a value, it never copies it

# A billion laughs: 9 levels of 9 aliases each, 9^9 = 387 million values, in 500 bytes.
LAUGHS = ["&l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"] + [
    f"&l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]
BOMB_FLOW = "[" + ", ".join(LAUGHS) + "]"
BOMB_FILE = "".join(f"  l{i}: {text}\n" for i, text in enumerate(LAUGHS))


def cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "summarizer", *args], capture_output=True,
                          text=True, cwd=REPO, timeout=timeout)


def one_error_line(r: subprocess.CompletedProcess, *words: str) -> str:
    """The run failed with exit 2 and one short ``summarizer: error:`` line holding
    ``words``; returns the line."""
    assert r.returncode == 2, r.stderr[-2000:]
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarizer: error: "), r.stderr[-2000:]
    assert len(lines[0]) < SHORT and "Traceback" not in r.stderr
    for word in words:
        assert word in lines[0]
    return lines[0]


def bounded_cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """The CLI within 30 s and 4 GiB of address space: a read that would hang (a FIFO) or
    never end (a link to /dev/zero) fails the test instead of blocking the suite or
    filling the machine's memory."""
    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))

    return subprocess.run([sys.executable, "-m", "summarizer", *args], capture_output=True,
                          text=True, cwd=REPO, timeout=30, preexec_fn=cap, **kwargs)


def config_error(*overrides: str, path=None) -> str:
    """The ConfigError message of loading ``path`` with ``overrides``, checked short."""
    with pytest.raises(ConfigError) as err:
        load_config(path, list(overrides))
    message = str(err.value)
    assert len(message) < SHORT and "\n" not in message, message[:1000]
    return message


# --- every numeric key of the schema ---------------------------------------------------

def _number_type(annotation) -> type | None:
    """int or float when ``annotation`` is one (bare, Optional, Annotated), else None."""
    for arg in typing.get_args(annotation) or (annotation,):
        if typing.get_origin(arg) is typing.Annotated:
            arg = typing.get_args(arg)[0]
        if arg in (int, float):
            return arg
    return None


def numeric_keys(model: type[BaseModel] = Config, prefix: str = ""):
    """(dotted key, int or float, default) of every numeric field, every section."""
    for name, field in model.model_fields.items():
        ann = field.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            yield from numeric_keys(ann, prefix + name + ".")
        elif _number_type(ann) is not None:
            yield prefix + (field.alias or name), _number_type(ann), field.default


NUMERIC = list(numeric_keys())
HOSTILE = {"NaN": ".nan", "+inf": ".inf", "-inf": "-.inf", "negative": "-1",
           "huge": str(10**30), "10,000 digits": "9" * 10_000}
# The only key where a hostile value is a legitimate setting: a negative length penalty
# favours shorter beams. Everything else is refused.
ACCEPTED = {("refine.transformers.length_penalty", "negative")}


def test_the_schema_walk_sees_every_section():
    keys = {key for key, _, _ in NUMERIC}
    assert len(keys) >= 50
    assert {"rank.lexrank.damping", "dedup.shingle_size", "ingest.max_file_mb",
            "evaluate.bootstrap", "select.words", "parallel.workers"} <= keys


@pytest.mark.parametrize("key,kind,default", NUMERIC, ids=[k for k, _, _ in NUMERIC])
def test_every_numeric_key_has_a_domain(key, kind, default):
    assert load_config(None, [f"{key}={json.dumps(default)}"]) is not None  # default inside
    for name, value in HOSTILE.items():
        start = time.perf_counter()
        if (key, name) in ACCEPTED:
            load_config(None, [f"{key}={value}"])
        else:
            message = config_error(f"{key}={value}")
            assert key in message, message
        assert time.perf_counter() - start < 1


def test_out_of_domain_values_from_the_issue_name_key_and_domain():
    assert "finite" in config_error("rank.lexrank.damping=.nan")
    assert "greater than 0" in config_error("dedup.threshold=-1")
    assert "greater than or equal to 1" in config_error("dedup.shingle_size=0")
    assert "finite" in config_error("ingest.max_file_mb=.inf")
    assert "less than or equal to 4096" in config_error("ingest.max_file_mb=1e300")


# --- YAML within bounds ------------------------------------------------------------------

def test_alias_bombs_fail_fast_everywhere(tmp_path):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("select:\n  words: 50\nrank:\n" + BOMB_FILE)  # under a known key
    loop = tmp_path / "loop.yaml"
    loop.write_text("select:\n  extra: &a [1, *a]\n")  # an alias inside itself
    start = time.perf_counter()
    for path, overrides in ((bomb, []), (bomb, ["select.words=60"]), (loop, [])):
        assert "aliases" in config_error(*overrides, path=path)
    assert "aliases" in config_error(f"select.words={BOMB_FLOW}")
    assert "aliases" in config_error(f"extensions={BOMB_FLOW}")  # unknown key: same
    assert time.perf_counter() - start < 2


def test_big_deep_and_unreadable_files_are_one_line(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("language: en\n#" + "x" * (2 << 20) + "\n")
    assert "larger than 1024 KB" in config_error(path=big)
    many = tmp_path / "many.yaml"
    many.write_text("select:\n  extra: [" + ", ".join(["1"] * 30_000) + "]\n")
    assert "more than 10000 values" in config_error(path=many)
    deep = tmp_path / "deep.yaml"
    deep.write_text("select: " + "[" * 5000 + "]" * 5000 + "\n")
    assert "not valid YAML" in config_error(path=deep)
    digits = tmp_path / "digits.yaml"
    digits.write_text("select:\n  words: " + "9" * 10_000 + "\n")
    assert "not valid YAML" in config_error(path=digits)
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"select:\n  words: \xff\xfe\n")
    assert "not UTF-8" in config_error(path=binary)
    extends = tmp_path / "extends.yaml"
    extends.write_text("extends: [a, b]\n")
    assert "extends must name a file" in config_error(path=extends)


def test_slow_numbers_loops_and_long_chains_are_one_line(tmp_path):
    # YAML 1.1 reads 1:59:59... as base 60, a big-number product per digit: 300,000
    # digits took 20 s. A symlink loop gave a traceback; a chain of extends: is bounded.
    start = time.perf_counter()
    sixty = tmp_path / "sixty.yaml"
    sixty.write_text("select:\n  words: 1" + ":59" * 300_000 + "\n")
    assert "not valid YAML" in config_error(path=sixty)
    assert "select.words" in config_error("select.words=1" + ":59" * 300_000)
    assert load_config(None, ["select.words=1:40"]).select.words == 100  # still base 60
    assert time.perf_counter() - start < 3
    (tmp_path / "loop-a.yaml").symlink_to(tmp_path / "loop-b.yaml")
    (tmp_path / "loop-b.yaml").symlink_to(tmp_path / "loop-a.yaml")
    assert "not found" in config_error(path=tmp_path / "loop-a.yaml")
    through = tmp_path / "through.yaml"
    through.write_text("extends: loop-a.yaml\n")
    assert "symlink loop" in config_error(path=through)
    for i in range(40):
        (tmp_path / f"chain{i}.yaml").write_text(f"extends: chain{i + 1}.yaml\n")
    (tmp_path / "chain40.yaml").write_text("select:\n  words: 60\n")
    assert "longer than 16 files" in config_error(path=tmp_path / "chain0.yaml")
    assert load_config(tmp_path / "chain30.yaml").select.words == 60  # 10 files: fine


def test_long_keys_and_values_are_quoted_short(tmp_path):
    long = "x" * 1_000_000
    assert "characters" in config_error(f"{long}=1")  # unknown key
    assert "characters" in config_error(f"select.words={long}")  # wrong type
    assert "characters" in config_error(f"language={long}")  # a validator's message
    assert "characters" in config_error(f"rank.method={long}")  # unknown name
    many = tmp_path / "many-keys.yaml"
    many.write_text("".join(f"key{i}: 1\n" for i in range(2000)))
    assert "and 1997 more" in config_error(path=many)


def test_sweep_files_are_read_within_the_same_bounds(tmp_path):
    from summarizer.evaluation.experiments import load_sweep

    sweep = tmp_path / "sweep.yaml"
    sweep.write_text("name: s\ndatasets: [harbor-bridge]\ngrid:\n" + BOMB_FILE)
    start = time.perf_counter()
    with pytest.raises(ConfigError, match="aliases"):
        load_sweep(sweep)
    assert time.perf_counter() - start < 2
    sweep.write_text("name: s\ndatasets: [harbor-bridge\ngrid: {}\n")  # a YAML error
    with pytest.raises(ConfigError, match="not valid YAML") as err:
        load_sweep(sweep)
    assert "\n" not in str(err.value) and len(str(err.value)) < SHORT


def test_a_sweeps_base_config_or_dataset_must_be_a_regular_file(tmp_path, sentinel):
    """Paths from a sweep file are data, read as ``extends:`` is: a FIFO (it hung waiting
    for a writer) or a link to /dev/zero is one line before any work."""
    os.mkfifo(tmp_path / "fifo.yaml")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "data.jsonl")
    runs = tmp_path / "runs"
    for i, sweep in enumerate(({"base": "fifo.yaml"}, {"base": {"harbor-bridge": "zero.yaml"}},
                               {"datasets": [str(tmp_path / "data.jsonl")]})):
        path = tmp_path / f"sweep{i}.yaml"
        path.write_text(json.dumps({"name": "s", "datasets": ["harbor-bridge"], **sweep}))
        r = bounded_cli("experiment", str(path), "--runs-dir", str(runs), "--cache-dir",
                        str(tmp_path / "cache"))
        one_error_line(r, "not a regular file")
    assert not runs.exists()
    sentinel.check()


def test_a_config_the_user_pipes_in_is_read():
    """``--config <(cat x.yaml)``: a path the user names may be a pipe."""
    read, write = os.pipe()
    os.write(write, b"select:\n  words: 77\n")
    os.close(write)
    try:
        r = bounded_cli("config", "show", f"/dev/fd/{read}", pass_fds=(read,))
    finally:
        os.close(read)
    assert r.returncode == 0 and "words: 77" in r.stdout, r.stderr[-2000:]


def test_cli_config_show_refuses_bombs_and_huge_files(tmp_path):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("rank:\n" + BOMB_FILE)
    huge = tmp_path / "huge.yaml"
    huge.write_text("language: en\n#" + "x" * (50 << 20) + "\n")  # 50 MB
    os.mkfifo(tmp_path / "fifo.yaml")  # extended, it hung waiting for a writer
    fifo = tmp_path / "extends-fifo.yaml"
    fifo.write_text("extends: fifo.yaml\n")
    for args in (("config", "show", str(bomb), "--set", "select.words=60"),
                 ("config", "show", "--set", f"select.words={BOMB_FLOW}"),
                 ("config", "show", str(huge)), ("config", "show", str(fifo))):
        start = time.perf_counter()
        r = cli(*args, timeout=20)
        assert time.perf_counter() - start < 15
        one_error_line(r, "config" if args[2:3] != ("--set",) else "--set")


# --- resampling, limits and jobs, in the CLI and the API ----------------------------------

@pytest.mark.parametrize("args,words", [
    (("--bootstrap", "0"), "bootstrap resamples"),
    (("--bootstrap", "1000000000"), "bootstrap resamples"),
    (("--limit", "0"), "limit"),
    (("--limit", "-3"), "limit"),
])
def test_cli_evaluate_checks_numbers_before_any_work(tmp_path, sentinel, args, words):
    report = tmp_path / "report"
    r = cli("evaluate", "-d", "harbor-bridge", "--report", str(report), "--cache-dir",
            str(tmp_path / "cache"), *args)
    one_error_line(r, words, args[1])
    assert not report.exists() and not (tmp_path / "cache").exists()
    sentinel.check()


def test_api_holds_the_same_bounds(tmp_path):
    nothing = str(tmp_path / "no-such-dataset")  # checked before the dataset is looked for
    for kwargs, words in (({"samples": 0}, "bootstrap resamples"),
                          ({"samples": -5}, "bootstrap resamples"),
                          ({"samples": 10**9}, "bootstrap resamples"),
                          ({"seed": -1}, "bootstrap seed"),
                          ({"limit": 0}, "limit"), ({"limit": -3}, "limit"),
                          ({"limit": 2.5}, "limit"), ({"jobs": 0}, "jobs")):
        with pytest.raises(UsageError, match=words):
            evaluate(nothing, **kwargs)
    with pytest.raises(UsageError, match="bootstrap resamples"):
        paired_bootstrap([1.0, 2.0], [2.0, 3.0], 0)
    with pytest.raises(InputError, match="not a finite number"):
        paired_bootstrap([1.0, float("nan")], [2.0, 3.0], 100)


# --- compare on malformed reports ----------------------------------------------------------

GOOD_DOC = {"protocol": {"name": "duc", "metrics": ["rouge1", "rouge2"],
                         "description": "duc (recall, 100 words)"},
            "dataset": {"name": "tiny", "digest": "abc"},
            "bootstrap": {"samples": 100, "seed": 0, "level": 0.95},
            "systems": {"lead": {}}}


def fake_report(folder, doc=GOOD_DOC, rows=None, header=("system", "cluster", "rouge1", "rouge2")):
    """A report folder as :func:`load_report` reads it: results.json and clusters.csv."""
    folder.mkdir(parents=True)
    (folder / "results.json").write_text(doc if isinstance(doc, str) else json.dumps(doc))
    rows = rows if rows is not None else [
        ("lead", f"c{i}", f"{30 + i * 1.5:.4f}", f"{8 + i:.4f}") for i in range(6)]
    with open(folder / "clusters.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return str(folder)


def _without(doc: dict, section: str, key: str | None = None) -> dict:
    doc = json.loads(json.dumps(doc))
    if key is None:
        del doc[section]
    else:
        del doc[section][key]
    return doc


def _with(doc: dict, section: str, key: str, value) -> dict:
    doc = json.loads(json.dumps(doc))
    doc[section][key] = value
    return doc


ROWS = [("lead", f"c{i}", "31.0000", "9.0000") for i in range(6)]
MALFORMED = {
    "a list": ({"doc": []}, "results.json"),
    "no protocol": ({"doc": _without(GOOD_DOC, "protocol")}, "results.json"),
    "no digest": ({"doc": _without(GOOD_DOC, "dataset", "digest")}, "results.json"),
    "metrics a string": ({"doc": _with(GOOD_DOC, "protocol", "metrics", "rouge1")},
                         "results.json"),
    "digest a number": ({"doc": _with(GOOD_DOC, "dataset", "digest", 5)}, "results.json"),
    "no metric column": ({"header": ("system", "cluster", "rouge1"),
                          "rows": [r[:3] for r in ROWS]}, "clusters.csv"),
    "no system column": ({"header": ("name", "cluster", "rouge1", "rouge2"), "rows": ROWS},
                         "clusters.csv"),
    "a word for a score": ({"rows": ROWS[:-1] + [("lead", "c5", "high", "9")]}, "clusters.csv"),
    "a short row": ({"rows": ROWS[:-1] + [("lead", "c5")]}, "clusters.csv"),
    "a NaN score": ({"rows": ROWS[:-1] + [("lead", "c5", "nan", "9")]}, "clusters.csv"),
    "an infinite score": ({"rows": ROWS[:-1] + [("lead", "c5", "31", "-inf")]}, "clusters.csv"),
    "nested 100,000 deep": ({"doc": "[" * 100_000 + "]" * 100_000}, "results.json"),
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_compare_names_the_malformed_file(tmp_path, name):
    kwargs, filename = MALFORMED[name]
    good = fake_report(tmp_path / "good")
    bad = fake_report(tmp_path / "bad", **kwargs)
    for call in (lambda: compare(good, bad, samples=100), lambda: compare(bad, good, samples=100),
                 lambda: load_report(bad)):  # load_report: what `runs list` reads too
        with pytest.raises(InputError) as err:
            call()
        message = str(err.value)
        assert filename in message and str(tmp_path / "bad") in message, message
        assert len(message) < SHORT


@pytest.mark.parametrize("filename", ["results.json", "clusters.csv"])
def test_a_report_file_that_is_not_utf8_is_named(tmp_path, filename):
    bad = tmp_path / "bad"
    fake_report(bad)
    (bad / filename).write_bytes(b"\xff\xfe" + (bad / filename).read_bytes())
    with pytest.raises(InputError, match="not UTF-8") as err:
        load_report(bad)
    assert str(bad / filename) in str(err.value)


def test_compare_on_a_fifo_or_a_device_in_a_report_is_one_line(tmp_path):
    good = fake_report(tmp_path / "good")
    fifo = fake_report(tmp_path / "fifo")
    (tmp_path / "fifo" / "results.json").unlink()
    os.mkfifo(tmp_path / "fifo" / "results.json")  # it hung waiting for a writer
    zero = fake_report(tmp_path / "zero")
    (tmp_path / "zero" / "clusters.csv").unlink()
    (tmp_path / "zero" / "clusters.csv").symlink_to("/dev/zero")  # it filled the memory
    one_error_line(bounded_cli("compare", good, fifo), "results.json", "not a regular file")
    one_error_line(bounded_cli("compare", zero, good), "clusters.csv", "not a regular file")


def test_fake_reports_compare_when_well_formed(tmp_path):
    _, _, rows = compare(fake_report(tmp_path / "a"), fake_report(tmp_path / "b", rows=ROWS),
                         samples=100)
    assert [r.metric for r in rows] == ["rouge1", "rouge2"] and rows[0].n == 6


def test_cli_compare_and_runs_compare_on_malformed_reports(tmp_path):
    good = fake_report(tmp_path / "good")
    nan = fake_report(tmp_path / "nan", rows=ROWS[:-1] + [("lead", "c5", "nan", "9")])
    r = cli("compare", good, nan)
    one_error_line(r, "clusters.csv", "not a score")
    assert "no significant difference" not in r.stdout
    fake_report(tmp_path / "runs" / "s" / "d" / "keys", doc=_without(GOOD_DOC, "dataset"))
    r = cli("runs", "compare", good, "s/d/keys", "--runs-dir", str(tmp_path / "runs"))
    one_error_line(r, "results.json", "dataset")
    r = cli("runs", "list", "--runs-dir", str(tmp_path / "runs"), "--bootstrap", "0")
    one_error_line(r, "bootstrap resamples")


def test_a_password_in_the_server_url_is_never_shown():
    """config show and the JSON output record the config; a key in refine.openai.base_url is
    hidden there (the config itself keeps it, to connect)."""
    url = "refine.openai.base_url=http://alice:pa55-w0rd@127.0.0.1:9/v1"
    shown = cli("config", "show", "--set", url)
    assert shown.returncode == 0 and "pa55-w0rd" not in shown.stdout
    assert "http://alice:***@127.0.0.1:9/v1" in shown.stdout
    from summarizer import summarize

    summary = summarize(["The harbour bridge closed on Monday after inspectors found a "
                         "crack in a steel beam, and repairs will take about two weeks."],
                        **{"refine.openai.base_url": url.split("=", 1)[1]})
    assert "pa55-w0rd" not in json.dumps(summary.to_dict())
    assert load_config(None, [url]).refine.openai.base_url.endswith("pa55-w0rd@127.0.0.1:9/v1")
