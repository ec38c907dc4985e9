"""The trained ranker's model: gradient-boosted regression trees, kept as data.

A model file is read from wherever a user downloaded it, so it must never be code: no
pickle, joblib or skops (loading a pickle runs whatever it names). :func:`fit` trains
scikit-learn's ``HistGradientBoostingRegressor`` (squared error) and converts the fitted
trees into the JSON document below; :func:`load` reads one back strictly and within
bounds (:func:`_document`), and :meth:`Model.predict` evaluates the trees with numpy
alone, so using a model imports no scikit-learn.

The file (UTF-8 JSON, at most 64 MB), format ``summarizer-ranker`` version 1::

    {"format": "summarizer-ranker", "version": 1,
     "features": [NAME, ...],         # the columns of the feature matrix, in order; they
                                      # must be summarizer.learn.features.FEATURES
     "meta": {                        # what the model was trained on and with
       "trained_on": {"ids": [HEX16, ...],  # sha256 of each training cluster's id, its
                                            # first 16 hex digits, sorted (hash_ids)
                      "dataset": NAME, "clusters": N, "language": CODE or null},
       "config": {...},               # the config it was trained with (config show)
       "learner": {...},              # the learner, its version and its parameters
       ...},                          # anything else train records (JSON, finite)
     "model": {
       "baseline": NUMBER,            # the prediction before any tree
       "trees": [                     # each adds the value of the leaf a row reaches
         {"feature": [...],           # per node: the column it splits on, -1 at a leaf
          "threshold": [...],         # a row goes left when its value <= this; null is
                                      # +infinity (every value that is not missing)
          "missing_left": [...],      # true: a missing value (NaN) goes left
          "left": [...], "right": [...],  # the children's node indices, -1 at a leaf;
                                          # always after their parent: no cycle
          "value": [...]}]}}          # the node's value: a leaf's is what it adds

Node 0 is a tree's root. The arrays of a tree have one entry per node. A prediction is
the baseline plus, tree after tree, each tree's leaf value: the same sums in the same
order as scikit-learn's ``predict`` (the tests compare the two).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from ..errors import ConfigError

FORMAT = "summarizer-ranker"
VERSION = 1
MAX_BYTES = 64 << 20  # a model of thousands of trees is a few MB
MAX_FEATURES = 10_000
_NUMBER_DIGITS = 30  # an integer longer than this is no count or index of ours
_HEX16 = re.compile(r"[0-9a-f]{16}")
_TREE_KEYS = ("feature", "threshold", "missing_left", "left", "right", "value")
_CHUNK = 1 << 16  # (tree, row) pairs walked at once: memory, and cache-sized


class _Bad(ValueError):
    """What is wrong with a model document, for the one line :func:`load` raises."""


def hash_ids(ids: Iterable[str]) -> list[str]:
    """The ``trained_on.ids`` of clusters: the first 16 hex digits of each id's sha256
    (UTF-8), sorted, each once. A model names its training clusters without holding them."""
    return sorted({hashlib.sha256(str(i).encode("utf-8", "surrogatepass")).hexdigest()[:16]
                   for i in ids})


@dataclass(frozen=True, eq=False)
class Tree:
    """One regression tree, an array per node field (see the module docstring)."""

    feature: np.ndarray  # int64, -1 at a leaf
    threshold: np.ndarray  # float64, +inf allowed
    missing_left: np.ndarray  # bool
    left: np.ndarray  # int64, -1 at a leaf
    right: np.ndarray  # int64, -1 at a leaf
    value: np.ndarray  # float64

    @property
    def leaf(self) -> np.ndarray:
        return self.left < 0

    def depth(self) -> int:
        """Edges on the longest path from the root: children come after every parent
        they have, so one pass in node order finds each node's deepest path."""
        depth = np.zeros(len(self.left), dtype=np.int64)
        for i in np.flatnonzero(~self.leaf):
            for child in (self.left[i], self.right[i]):
                depth[child] = max(depth[child], depth[i] + 1)
        return int(depth.max())

    def document(self) -> dict:
        threshold = [None if math.isinf(t) else t for t in self.threshold.tolist()]
        return {"feature": self.feature.tolist(), "threshold": threshold,
                "missing_left": self.missing_left.tolist(), "left": self.left.tolist(),
                "right": self.right.tolist(), "value": self.value.tolist()}


@dataclass(frozen=True, eq=False)
class Model:
    """A trained ranker: its feature names (the columns :meth:`predict` takes), what it
    was trained on and with (``meta``), and its trees."""

    features: tuple[str, ...]
    meta: dict
    baseline: float = 0.0
    trees: tuple[Tree, ...] = ()
    digest: str = ""  # sha256 of the file it was loaded from ("" when not from a file)

    def predict(self, F) -> np.ndarray:
        """One score per row of ``F`` (rows x len(features), NaN = missing), numpy only:
        the (tree, row) pairs of a chunk of rows walk down together, one level per step,
        those that reached a leaf left behind; no more steps than the deepest tree."""
        F = np.ascontiguousarray(F, dtype=np.float64)
        if F.ndim != 2 or F.shape[1] != len(self.features):
            raise ValueError(f"predict takes rows of {len(self.features)} features, "
                             f"got an array of shape {F.shape}")
        out = np.full(F.shape[0], self.baseline, dtype=np.float64)
        if not self.trees or not F.shape[0]:
            return out
        step = max(1, _CHUNK // len(self.trees))
        for start in range(0, F.shape[0], step):
            rows = F[start:start + step]
            for values in self._leaf_values(rows):  # tree after tree, as scikit-learn adds
                out[start:start + len(rows)] += values
        return out

    def _leaf_values(self, F: np.ndarray) -> np.ndarray:
        """(trees, rows): the value of the leaf each row reaches in each tree."""
        flat = self._flat
        n, width = F.shape
        values = F.ravel()
        node = np.repeat(flat["roots"], n)
        cell = np.tile(np.arange(n, dtype=np.int64) * width, len(self.trees))
        walking = np.flatnonzero(~flat["leaf"][node])
        for _ in range(flat["depth"]):
            if not walking.size:
                break
            at = node[walking]
            x = values[cell[walking] + flat["feature"][at]]
            left = (x <= flat["threshold"][at]) | (np.isnan(x) & flat["missing_left"][at])
            node[walking] = at = flat["children"][at, (~left).view(np.int8)]
            walking = walking[~flat["leaf"][at]]
        return flat["value"][node].reshape(len(self.trees), n)

    @cached_property
    def _flat(self) -> dict:
        """Every tree's nodes in one array each (children as indices into them)."""
        sizes = [len(t.left) for t in self.trees]
        offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
        parts: dict[str, list] = {k: [] for k in ("feature", "threshold", "missing_left",
                                                  "leaf", "children", "value")}
        for tree, off in zip(self.trees, offsets):
            parts["feature"].append(np.where(tree.leaf, 0, tree.feature))
            parts["threshold"].append(tree.threshold)
            parts["missing_left"].append(tree.missing_left)
            parts["leaf"].append(tree.leaf)
            parts["children"].append(np.where(tree.leaf[:, None], 0,
                                              np.stack([tree.left, tree.right], 1) + off))
            parts["value"].append(tree.value)
        flat = {k: np.concatenate(v) for k, v in parts.items()}
        flat.update(roots=offsets, depth=max(t.depth() for t in self.trees))
        return flat

    @cached_property
    def _trained_on(self) -> frozenset:
        return frozenset(self.meta["trained_on"]["ids"])

    def overlap(self, cluster_ids: Iterable[str]) -> int:
        """How many of ``cluster_ids`` (each counted once) the model was trained on."""
        return sum(h in self._trained_on for h in hash_ids(cluster_ids))

    def document(self) -> dict:
        """The model as the JSON document of the module docstring."""
        return {"format": FORMAT, "version": VERSION, "features": list(self.features),
                "meta": self.meta,
                "model": {"baseline": self.baseline,
                          "trees": [t.document() for t in self.trees]}}

    def save(self, path: str | Path) -> None:
        """Write the model to ``path`` atomically (a killed run leaves no half file)."""
        from ..fileio import atomic_write

        text = json.dumps(self.document(), ensure_ascii=False, allow_nan=False,
                          separators=(",", ":"))
        atomic_write(path, text + "\n")


# ------------------------------------------------------------------ fitting

# Fixed whatever ``params`` say: the trees must be ones predict() can walk (numeric
# splits, an identity link).
_FIXED = {"loss": "squared_error", "categorical_features": None}


def fit(F, y, features: Sequence[str], meta: dict, params: dict | None = None,
        seed: int = 0, threads: int = 1) -> Model:
    """A :class:`Model` of ``y`` (one target per row) given ``F`` (rows x features), by
    scikit-learn's ``HistGradientBoostingRegressor`` with ``params`` over its defaults,
    converted to our trees. ``meta`` is kept as given, with ``learner`` added.

    ``threads``: the learner's OpenMP threads. One by default: where the cores are busy
    (other processes, training's own workers) OpenMP threads waiting for each other spin,
    and a fit of a second took half a minute on 2 shared cores; one thread never does."""
    import sklearn
    from sklearn.ensemble import HistGradientBoostingRegressor
    from threadpoolctl import threadpool_limits

    F = np.asarray(F, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if F.ndim != 2 or y.shape != (F.shape[0],) or F.shape[1] != len(features):
        raise ValueError(f"fit takes rows x {len(features)} features and one target per "
                         f"row, got {F.shape} and {y.shape}")
    if not np.isfinite(y).all() or np.isinf(F).any():
        raise ValueError("fit takes finite targets and features (NaN for a missing feature)")
    clash = {k: v for k, v in (params or {}).items() if k in _FIXED and v != _FIXED[k]}
    if clash:
        raise ValueError(f"learner parameters {sorted(clash)} cannot be changed: {_FIXED}")
    settings = {**(params or {}), **_FIXED, "random_state": seed}
    with threadpool_limits(threads, user_api="openmp"):
        estimator = HistGradientBoostingRegressor(**settings).fit(F, y)
    learner = {"name": "sklearn.ensemble.HistGradientBoostingRegressor",
               "sklearn_version": sklearn.__version__, "seed": seed,
               "iterations": int(estimator.n_iter_),
               "params": {k: v for k, v in estimator.get_params().items()
                          if v is None or isinstance(v, (str, bool, int, float))}}
    model = Model(tuple(features), {**meta, "learner": learner},
                  float(np.ravel(estimator._baseline_prediction)[0]),
                  tuple(_tree(p.nodes) for (p,) in estimator._predictors))
    # what fit makes, load reads: the same checks (and a JSON-safe meta) now, not later
    return _model(json.loads(json.dumps(model.document(), allow_nan=False)))


def _tree(nodes) -> Tree:
    """Our tree of one of scikit-learn's fitted predictors (its ``nodes`` record array:
    ``is_leaf``, ``feature_idx``, ``num_threshold``, ``missing_go_to_left``, ``left``,
    ``right``, ``value``)."""
    leaf = nodes["is_leaf"].astype(bool)
    if nodes["is_categorical"].any():
        raise ValueError("a categorical split: the model has numeric features only")

    def field(name: str, dtype, at_leaf):
        return np.where(leaf, at_leaf, nodes[name].astype(dtype))

    return Tree(field("feature_idx", np.int64, -1), field("num_threshold", np.float64, 0.0),
                field("missing_go_to_left", bool, False), field("left", np.int64, -1),
                field("right", np.int64, -1),
                nodes["value"].astype(np.float64))


# ------------------------------------------------------------------ loading


def load(path: str | Path) -> Model:
    """The model in the file at ``path``, or a ConfigError of one line,
    ``model PATH: what is wrong``: a file that is not a regular file or is too large,
    not UTF-8 JSON, not this format and version, or any field of the wrong type, not
    finite, out of range (a child that is not after its parent, a feature index past the
    features) or a feature list that is not this version's. Nothing in it is run."""
    from ..config import excerpt
    from ..fileio import Unreadable, read_regular

    try:
        raw = read_regular(path, MAX_BYTES, "64 MB")
    except (Unreadable, ValueError) as e:  # ValueError: a NUL in the path
        raise ConfigError(f"model {excerpt(str(path), 200)}: cannot read it: {e}") from None
    try:
        model = _model(_document(raw), hashlib.sha256(raw).hexdigest())
        _same_features(model.features)
    except _Bad as e:
        raise ConfigError(f"model {excerpt(str(path), 200)}: {e}") from None
    return model


def _document(raw: bytes) -> dict:
    """The JSON document in ``raw``, every number finite and of bounded size, every
    object without a repeated key."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _Bad("not a model file: not UTF-8 text") from None
    try:
        return json.loads(text, parse_constant=_constant, parse_float=_float,
                          parse_int=_int, object_pairs_hook=_object)
    except _Bad:
        raise
    except RecursionError:
        raise _Bad("not a model file: JSON nested too deep") from None
    except ValueError as e:
        raise _Bad(f"not a model file: not JSON ({e})") from None


def _constant(name: str):
    raise _Bad(f"a number that is not finite ({name})")


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Bad(f"a number too large ({text[:40]})")
    return value


def _int(text: str) -> int:
    if len(text) > _NUMBER_DIGITS:
        raise _Bad(f"a number too large ({text[:40]}...)")
    return int(text)


def _object(pairs: list[tuple[str, Any]]) -> dict:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        twice = next(k for k, _ in pairs if k in seen or seen.add(k))
        raise _Bad(f"key {twice!r} given twice")
    return out


def _model(doc, digest: str = "") -> Model:
    """A :class:`Model` of a parsed document, every field checked (module docstring)."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        found = doc.get("format") if isinstance(doc, dict) else type(doc).__name__
        raise _Bad(f"not a {FORMAT} model (format {str(found)[:60]!r})")
    if doc.get("version") != VERSION:
        raise _Bad(f"format version {str(doc.get('version'))[:20]}; this summarizer reads "
                   f"version {VERSION} (train the model again)")
    _keys(doc, ("format", "version", "features", "meta", "model"), "the file")
    features = _features(doc["features"])
    meta = _meta(doc["meta"])
    body = doc["model"]
    _keys(body, ("baseline", "trees"), "model")
    baseline = _number(body["baseline"], "model.baseline")
    if not isinstance(body["trees"], list):
        raise _Bad("model.trees is not a list")
    trees = tuple(_parse_tree(t, f"model.trees[{i}]", len(features))
                  for i, t in enumerate(body["trees"]))
    return Model(features, meta, baseline, trees, digest)


def _keys(obj, keys: tuple[str, ...], where: str) -> None:
    if not isinstance(obj, dict):
        raise _Bad(f"{where} is not an object")
    missing = [k for k in keys if k not in obj]
    extra = sorted(set(obj) - set(keys))
    if missing or extra:
        what = f"lacks {missing[0]!r}" if missing else f"has an unknown key {extra[0][:40]!r}"
        raise _Bad(f"{where} {what}")


def _features(value) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or len(value) > MAX_FEATURES:
        raise _Bad(f"features is not a list of 1 to {MAX_FEATURES} names")
    if not all(isinstance(v, str) and v for v in value) or len(set(value)) != len(value):
        raise _Bad("features are not distinct non-empty names")
    return tuple(value)


def _meta(meta) -> dict:
    if not isinstance(meta, dict):
        raise _Bad("meta is not an object")
    trained = meta.get("trained_on")
    if not isinstance(trained, dict):
        raise _Bad("meta.trained_on is not an object")
    ids = trained.get("ids")
    if not isinstance(ids, list) or not all(isinstance(i, str) and _HEX16.fullmatch(i)
                                            for i in ids):
        raise _Bad("meta.trained_on.ids is not a list of 16 hex digit hashes")
    for key, kinds in (("dataset", (str,)), ("language", (str, type(None))), ("clusters", (int,))):
        if key in trained and (not isinstance(trained[key], kinds)
                               or isinstance(trained[key], bool)):
            raise _Bad(f"meta.trained_on.{key} is not a {kinds[0].__name__}")
    if not isinstance(meta.get("config", {}), dict):
        raise _Bad("meta.config is not an object")
    return meta


def _number(v, where: str) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise _Bad(f"{where} is not a number")
    return float(v)


def _column(tree: dict, key: str, where: str, kind: str) -> np.ndarray:
    """One node field of a tree as an array, every entry of its kind (``int``, ``bool``,
    ``number``, or ``threshold``: a number or null)."""
    values = tree[key]
    if not isinstance(values, list):
        raise _Bad(f"{where}.{key} is not a list")
    if kind == "int" and all(type(v) is int for v in values):
        return np.array(values, dtype=np.int64)  # _int bounds them below 10**30: checked
    if kind == "bool" and all(type(v) is bool for v in values):
        return np.array(values, dtype=bool)
    if kind in ("number", "threshold") and all(
            type(v) in (int, float) or (v is None and kind == "threshold") for v in values):
        return np.array([math.inf if v is None else v for v in values], dtype=np.float64)
    raise _Bad(f"{where}.{key} holds a value that is not {'an' if kind == 'int' else 'a'} "
               f"{'number or null' if kind == 'threshold' else kind}")


def _parse_tree(tree, where: str, n_features: int) -> Tree:
    _keys(tree, _TREE_KEYS, where)
    kinds = {"feature": "int", "threshold": "threshold", "missing_left": "bool",
             "left": "int", "right": "int", "value": "number"}
    try:
        cols = {k: _column(tree, k, where, kinds[k]) for k in _TREE_KEYS}
    except OverflowError:
        raise _Bad(f"{where}: an index too large") from None
    n = len(cols["left"])
    if n == 0 or any(len(c) != n for c in cols.values()):
        raise _Bad(f"{where}: its node fields are not lists of one equal, non-zero length")
    here = np.arange(n)
    leaf = cols["left"] == -1
    inside = [(c > here) & (c < n) for c in (cols["left"], cols["right"])]
    wrong = ~np.where(leaf, cols["right"] == -1, inside[0] & inside[1])
    if wrong.any():
        raise _Bad(f"{where}: node {int(np.flatnonzero(wrong)[0])}'s children are not both "
                   "-1 (a leaf) or both later nodes of the tree")
    feature = cols["feature"]
    if not (np.where(leaf, feature == -1, (feature >= 0) & (feature < n_features))).all():
        raise _Bad(f"{where}: a feature index that is not one of the {n_features} features "
                   "(or -1 at a leaf)")
    return Tree(feature, cols["threshold"], cols["missing_left"], cols["left"],
                cols["right"], cols["value"])


def _same_features(features: tuple[str, ...]) -> None:
    """A model's columns must be the features this version computes, in its order."""
    from .features import FEATURES

    if tuple(features) != tuple(FEATURES):
        diff = next((f"{a!r} where this version has {b!r}" for a, b in zip(features, FEATURES)
                     if a != b), f"{len(features)} features, this version {len(FEATURES)}")
        raise _Bad(f"trained on other features than this version computes ({diff}); "
                   "train it again")
