"""The trained ranker's model file (summarizer/learn/model.py): what fit makes predicts
what scikit-learn predicts, with numpy alone, through a save and a load; a file that is
not exactly such a model (tampered, foreign, a pickle, code, a device) is one error line
and nothing in it runs."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import EXAMPLE
from summarizer.errors import ConfigError
from summarizer.learn.features import FEATURES
from summarizer.learn.model import FORMAT, VERSION, fit, hash_ids, load

PARAMS = {"max_iter": 30, "min_samples_leaf": 5}
META = {"trained_on": {"ids": hash_ids(["a", "b"]), "dataset": "tiny", "clusters": 2,
                       "language": "en"}, "config": {"split": {"method": "punkt"}}}


def _data(seed: int = 1, n: int = 800):
    """Random features, a third of one column missing, and a target that hangs on the
    missing values (so the trees split missing from present: a null threshold)."""
    rng = np.random.default_rng(seed)
    F = rng.normal(size=(n, len(FEATURES)))
    F[rng.random(n) < 0.3, 1] = np.nan
    y = 3 * np.isnan(F[:, 1]) + F[:, 0] + rng.normal(0, 0.1, n)
    return F, y


@pytest.fixture(scope="module")
def fitted():
    F, y = _data()
    return fit(F, y, FEATURES, META, PARAMS, seed=3), F, y


@pytest.fixture
def saved(fitted, tmp_path):
    path = tmp_path / "model.json"
    fitted[0].save(path)
    return path


def test_predictions_equal_scikit_learns_through_a_save_and_a_load(fitted, tmp_path, sentinel):
    """Exactly equal: the same trees, the same sums in the same order. A change in
    scikit-learn's fitted trees (their private node arrays) fails here."""
    from sklearn.ensemble import HistGradientBoostingRegressor
    from threadpoolctl import threadpool_limits

    model, F, y = fitted
    with threadpool_limits(1, user_api="openmp"):  # as fit runs it
        reference = HistGradientBoostingRegressor(**PARAMS, random_state=3,
                                                  categorical_features=None).fit(F, y)
    rng = np.random.default_rng(2)
    X = rng.normal(scale=3, size=(500, len(FEATURES)))  # wider than the training range
    X[rng.random(X.shape) < 0.2] = np.nan  # missing where training had none too
    X[:3] = 1e300
    X[3, 0] = np.inf
    expected = reference.predict(X)
    assert np.array_equal(model.predict(X), expected)
    path = tmp_path / "model.json"
    os.symlink(sentinel.victim, path)  # a planted link is replaced, never written through
    model.save(path)
    sentinel.check()
    assert not path.is_symlink()
    loaded = load(path)
    assert np.array_equal(loaded.predict(X), expected)
    assert np.array_equal(loaded.predict(X[:0]), np.zeros(0))
    doc = json.loads(path.read_text(encoding="utf-8"))
    thresholds = [t for tree in doc["model"]["trees"] for t in tree["threshold"]]
    assert None in thresholds  # missing vs present: +infinity, kept as null


def test_the_round_trip_keeps_every_field(fitted, saved):
    model = fitted[0]
    loaded = load(saved)
    assert loaded.document() == model.document()
    doc = json.loads(saved.read_text(encoding="utf-8"))
    assert (doc["format"], doc["version"], doc["features"]) == (FORMAT, VERSION, list(FEATURES))
    assert doc["meta"]["trained_on"] == META["trained_on"]
    assert doc["meta"]["config"] == META["config"]
    learner = doc["meta"]["learner"]
    assert learner["name"].endswith("HistGradientBoostingRegressor") and learner["seed"] == 3
    assert learner["params"]["max_iter"] == 30 and learner["params"]["loss"] == "squared_error"
    assert len(doc["model"]["trees"]) == len(model.trees) == learner["iterations"]
    assert loaded.overlap(["a", "b", "b", "c"]) == 2 and loaded.overlap(["c"]) == 0
    assert hash_ids(["b", "a", "a"]) == sorted(hash_ids(["a", "b"]))
    assert len(hash_ids(["a"])[0]) == 16


def test_fit_refuses_what_predict_could_not_follow():
    F, y = _data(n=50)
    for args, params, what in (((F, y[:-1]), None, "one target per row"),
                               ((F[:, :3], y), None, "rows x"),
                               ((F, np.where(y > 1, np.inf, y)), None, "finite"),
                               ((F, y), {"loss": "poisson"}, "cannot be changed")):
        with pytest.raises(ValueError, match=what):
            fit(*args, FEATURES, META, params)


def _doc(saved: Path) -> dict:
    return json.loads(saved.read_text(encoding="utf-8"))


def _edit(change):
    """A document edit: ``change(doc)`` changes it in place."""
    def make(saved: Path) -> bytes:
        doc = _doc(saved)
        change(doc)
        return json.dumps(doc).encode()
    return make


def _tree(doc: dict) -> dict:
    return doc["model"]["trees"][0]


def _set(tree_key: str, index: int, value):
    def change(doc):
        _tree(doc)[tree_key][index] = value
    return change


def _internal(doc: dict) -> int:
    return next(i for i, left in enumerate(_tree(doc)["left"]) if left != -1)


def _cycle(doc):
    i = next(i for i, left in enumerate(_tree(doc)["left"]) if left > 1)
    _tree(doc)["left"][i] = i  # the node is its own child


def _back_edge(doc):
    tree = _tree(doc)
    i = max(i for i, left in enumerate(tree["left"]) if left != -1)
    tree["right"][i] = 0  # back to the root


# name -> (how the file is made from a good one, a word of the one error line)
TAMPERED = {
    "truncated": (lambda p: p.read_bytes()[: len(p.read_bytes()) // 2], "not JSON"),
    "empty": (lambda p: b"", "not JSON"),
    "python code": (lambda p: b"import os\nos.system('touch pwned')\n", "not JSON"),
    "not UTF-8": (lambda p: b"\xff\xfe{}", "UTF-8"),
    "a JSON list": (lambda p: b"[1, 2]", "not a summarizer-ranker model"),
    "another format": (_edit(lambda d: d.update(format="lightgbm")), "not a summarizer-ranker"),
    "another version": (_edit(lambda d: d.update(version=2)), "version 2"),
    "an unknown key": (_edit(lambda d: d.update(code="print(1)")), "unknown key 'code'"),
    "no meta": (_edit(lambda d: d.pop("meta")), "lacks 'meta'"),
    "NaN": (lambda p: p.read_bytes().replace(b'"baseline":', b'"baseline":NaN,"x":', 1),
            "not finite"),
    "a huge float": (lambda p: p.read_bytes().replace(b'"baseline":', b'"baseline":1e999,"x":',
                                                      1), "too large"),
    "a huge integer": (_edit(_set("left", 0, 10**40)), "too large"),
    "an int64 overflow": (_edit(_set("left", 0, 2**70)), "too large"),
    "a repeated key": (lambda p: p.read_bytes().replace(b'"baseline":',
                                                        b'"baseline":1,"baseline":', 1),
                       "given twice"),
    "deep nesting": (lambda p: p.read_bytes()[:-2] + b',"deep":' + b"[" * 100_000
                     + b"]" * 100_000 + b"}\n", "nested too deep"),
    "a cycle": (_edit(_cycle), "later nodes"),
    "a back edge": (_edit(_back_edge), "later nodes"),
    "a child past the end": (_edit(lambda d: _set("right", _internal(d), 10**6)(d)),
                             "later nodes"),
    "half a leaf": (_edit(lambda d: _set("right", _internal(d), -1)(d)), "later nodes"),
    "unequal arrays": (_edit(lambda d: _tree(d)["value"].pop()), "equal"),
    "no nodes": (_edit(lambda d: d["model"]["trees"][0].update(
        {k: [] for k in _tree(d)})), "equal, non-zero"),
    "a feature past the list": (_edit(lambda d: _set("feature", _internal(d), len(FEATURES))(d)),
                                "feature index"),
    "a leaf with a feature": (_edit(lambda d: _set("feature", _tree(d)["left"].index(-1), 0)(d)),
                              "feature index"),
    "a bool for an index": (_edit(_set("left", 0, True)), "not an int"),
    "a string for a value": (_edit(_set("value", 0, "1")), "not a number"),
    "a bool for missing_left": (_edit(_set("missing_left", 0, 1)), "not a bool"),
    "trees not a list": (_edit(lambda d: d["model"].update(trees={"0": 1})), "not a list"),
    "other features": (_edit(lambda d: d["features"].reverse()), "other features"),
    "fewer features": (_edit(lambda d: d["features"].pop()), "feature"),
    "a repeated feature": (_edit(lambda d: d["features"].__setitem__(1, d["features"][0])),
                           "distinct"),
    "ids that are not hashes": (_edit(lambda d: d["meta"]["trained_on"].update(ids=["a"])),
                                "16 hex"),
    "ids as a string": (_edit(lambda d: d["meta"]["trained_on"].update(ids="0" * 16)), "16 hex"),
    "no trained_on": (_edit(lambda d: d["meta"].pop("trained_on")), "trained_on"),
    "a bool for clusters": (_edit(lambda d: d["meta"]["trained_on"].update(clusters=True)),
                            "clusters"),
}


@pytest.mark.parametrize("name", TAMPERED)
def test_a_tampered_or_foreign_file_is_one_line(name, saved, tmp_path):
    make, word = TAMPERED[name]
    bad = tmp_path / "bad.json"
    bad.write_bytes(make(saved))
    with pytest.raises(ConfigError) as e:
        load(bad)
    line = str(e.value)
    assert line.startswith(f"model '{bad}': ") and "\n" not in line and len(line) < 400, line
    assert word in line, line


class _Touch:
    """Unpickled, it creates ``path``: what a model file must never get to do."""

    def __init__(self, path: str):
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))


def test_a_pickle_a_device_a_fifo_and_a_huge_file_are_refused_unread(tmp_path):
    marker = tmp_path / "pwned"
    files = {"pickle": pickle.dumps(_Touch(str(marker))),
             "ascii pickle": pickle.dumps(_Touch(str(marker)), protocol=0)}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "zero").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "fifo")  # opening it would wait for a writer forever
    with open(tmp_path / "huge", "wb") as f:
        f.truncate(65 << 20)  # sparse: costs no disk
    words = {"pickle": "UTF-8", "ascii pickle": "not JSON", "zero": "character device",
             "fifo": "FIFO", "huge": "too large", "missing": "No such file", ".": "folder",
             "a\0b": "null byte"}
    for name, word in words.items():
        with pytest.raises(ConfigError) as e:
            load(tmp_path / name)
        line = str(e.value)
        assert line.startswith("model ") and "\n" not in line and word in line, (name, line)
    assert not marker.exists()


def test_through_the_cli_a_pickle_is_one_line_and_never_run(tmp_path, saved):
    """The CLI reads the model before any work: one line, exit 2, nothing run. And using a
    model imports no scikit-learn."""
    marker = tmp_path / "pwned"
    evil = tmp_path / "model.pkl"
    evil.write_bytes(pickle.dumps(_Touch(str(marker))))
    r = subprocess.run([sys.executable, "-m", "summarizer", "summarize", str(EXAMPLE),
                        "--method", "learned", "--set", f"rank.learned.model={evil}"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and not r.stdout, r.stderr
    assert r.stderr.count("\n") == 1
    assert r.stderr.startswith(f"summarizer: error: model '{evil}': ")
    assert not marker.exists()
    code = ("import sys, numpy as np; from summarizer.learn.model import load; "
            f"m = load({str(saved)!r}); m.predict(np.zeros((3, len(m.features)))); "
            "print(sorted({k.split('.')[0] for k in sys.modules} & "
            "{'sklearn', 'joblib', 'skops'}))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout.strip() == "[]", r.stderr
