"""Cross-validation of the trained ranker (``rank.method: learned``) on one dataset: the
evidence its settings are chosen on (issue 22: "cross-validation folds on multinews-val
for a trained model", never one held-out set).

Clusters go to ``--folds`` folds by a hash of their id (fixed: the same cluster is in the
same fold in every run). One pass reads every cluster once, in ``--jobs`` processes: its
candidates (:meth:`summarizer.pipeline.Pipeline.candidates`), features
(:func:`summarizer.learn.features.feature_matrix`), labels (every ``--label`` kind, from
:mod:`summarizer.learn.labels`) and the scores of the systems that need no model (the
config itself, lead, lead-rr), keeping only those arrays, not the clusters' contexts.
Then, fold by fold, a model is fitted on the other folds (:func:`summarizer.learn.model.fit`)
and every held-out cluster is summarized with it under the config plus ``--set`` (the
pipeline, as ``summarize`` and ``evaluate`` run it) and scored with the protocol
(:func:`summarizer.evaluation.protocols.score`). Intervals and the paired tests are the
evaluation's own bootstrap (:mod:`summarizer.evaluation.bootstrap`), over every cluster.

    python benchmarks/learned_cv.py --limit 500                        # a quick look
    python benchmarks/learned_cv.py --set rank.learned.priors=true --out /tmp/cv.md
    python benchmarks/learned_cv.py --label oracle --cache /tmp/cv-cache

``--cache DIR`` keeps the first pass (features, labels, the model-free systems' scores) in
one ``.npz`` per setting, keyed by the dataset, the config, the features, the labels and
the source of the learn package, so trials that change only the model or ``--set``
read it back. It is not the evaluation cache and does not depend on it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from concurrent.futures import as_completed
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

BASELINES = ("lead", "lead-rr")
LABELS = ("recall_word", "recall", "r2_word", "oracle")
LABEL_HELP = {
    "recall_word": "ROUGE-1 + ROUGE-2 recall per word (summarizer train's label)",
    "recall": "ROUGE-1 + ROUGE-2 recall, not per word",
    "r2_word": "ROUGE-2 recall per word",
    "oracle": "1 when the greedy ROUGE-1+2 oracle takes the unit, else 0",
}


def fold_of(cluster_id: str, folds: int) -> int:
    """The fold of a cluster: its id's sha256, modulo ``folds`` (fixed across runs)."""
    return int(hashlib.sha256(cluster_id.encode("utf-8", "surrogatepass")).hexdigest()[:8],
               16) % folds


# ------------------------------------------------------------------ worker side

_STATE: dict = {}


def _start_read(cfg, proto, specs) -> None:
    from summarizer.evaluation.systems import build
    from summarizer.pipeline import Pipeline

    _STATE.clear()
    _STATE.update(pipeline=Pipeline(cfg), protocol=proto,
                  systems=[build(s, proto) for s in specs])


def _start_score(specs, proto) -> None:
    from summarizer.evaluation.systems import build

    _STATE.clear()
    _STATE.update(protocol=proto, systems=[build(s, proto) for s in specs])


def _scores(system, cluster, proto) -> list[float]:
    """One system's scores of one cluster, as the evaluation runner takes them: a cluster
    the system cannot summarize scores as an empty summary."""
    from summarizer.errors import SummarizerError
    from summarizer.evaluation.protocols import score

    try:
        text = system(cluster).text
    except SummarizerError:
        text = ""
    got = score(text, [r.text for r in cluster.references], proto, cluster=cluster.id)
    return [got[m] for m in proto.metrics]


def _labels(units, ctx, cluster, proto) -> dict[str, np.ndarray]:
    """Every label kind of :data:`LABELS` for the units."""
    from summarizer.evaluation.baselines import oracle
    from summarizer.evaluation.protocols import cut
    from summarizer.learn.labels import rouge_recalls
    from summarizer.text import word_count

    texts = [u.text for u in units]
    refs = [r.text for r in cluster.references]
    words = np.array([max(word_count(t), 1) for t in texts], dtype=np.float64)
    recalls = 100.0 * rouge_recalls(texts, refs, proto)
    cut_refs = [cut(r, proto) if proto.cut_references else r for r in refs]
    taken = set(oracle(units, cut_refs, ctx.budget, measure=proto.measure,
                       stemming=proto.stemming, tokenizer=proto.tokenizer))
    return {"recall_word": recalls.sum(axis=1) / words, "recall": recalls.sum(axis=1),
            "r2_word": recalls[:, 1] / words,
            "oracle": np.array([t in taken for t in texts], dtype=np.float64)}


def _read(cluster):
    """(id, features, labels, the model-free systems' scores) of one cluster, or (id,
    error)."""
    from summarizer.errors import SummarizerError
    from summarizer.learn.features import feature_matrix

    proto = _STATE["protocol"]
    scores = [_scores(s, cluster, proto) for s in _STATE["systems"]]
    try:
        found = _STATE["pipeline"].candidates(cluster)
        F = feature_matrix(found.ctx)
        y = _labels(found.units, found.ctx, cluster, proto)
    except SummarizerError as e:
        return cluster.id, None, None, scores, str(e)
    return cluster.id, F, y, scores, None


def _score_held_out(task):
    fold, cluster = task
    return cluster.id, _scores(_STATE["systems"][fold], cluster, _STATE["protocol"])


def _chunk(fn, tasks):
    return [fn(t) for t in tasks]


def _map(fn, tasks: list, jobs: int, start, initargs) -> list:
    """``fn`` of every task, in order, in ``jobs`` processes (each set up by ``start``)."""
    from functools import partial

    from summarizer.parallel import process_pool

    if jobs <= 1:
        start(*initargs)
        return [fn(t) for t in tasks]
    size = max(1, min(16, len(tasks) // (jobs * 8)))
    chunks = [tasks[i:i + size] for i in range(0, len(tasks), size)]
    parts: dict[int, list] = {}
    with process_pool(jobs, len(chunks), start, initargs) as pool:
        futures = {pool.submit(partial(_chunk, fn), c): i for i, c in enumerate(chunks)}
        for future in as_completed(futures):
            parts[futures[future]] = future.result()
    return [r for i in range(len(chunks)) for r in parts[i]]


# ------------------------------------------------------------------ driver


def _cache_key(args, cfg, ids: list[str]) -> str:
    from summarizer.learn.features import FEATURES

    source = b"".join(p.read_bytes() for p in
                      sorted((REPO / "summarizer" / "learn").glob("*.py")))
    config = cfg.model_dump(mode="json")
    config["rank"].pop("learned")  # the first pass runs no model
    blob = json.dumps({"dataset": args.dataset, "ids": ids, "config": config,
                       "features": FEATURES, "labels": LABELS, "baselines": BASELINES,
                       "protocol": args.protocol}, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode() + source).hexdigest()[:16]


def first_pass(clusters, cfg, proto, args) -> dict:
    """Features, labels and the model-free systems' scores of every cluster (cached with
    ``--cache``): ``ids``, ``offsets`` (rows of cluster i: offsets[i]:offsets[i+1]; a
    skipped cluster has none), ``F``, one array per label, ``base`` (clusters x systems x
    metrics)."""
    from summarizer.evaluation.systems import parse_systems

    ids = [c.id for c in clusters]
    path = None
    if args.cache:
        Path(args.cache).mkdir(parents=True, exist_ok=True)
        path = Path(args.cache) / f"cv-{_cache_key(args, cfg, ids)}.npz"
        if path.is_file():
            with np.load(path, allow_pickle=False) as z:
                return {k: z[k] for k in z.files}
    specs = parse_systems(["default", *BASELINES], cfg, str(args.config))
    rows = _map(_read, clusters, args.jobs, _start_read, (cfg, proto, specs))
    lengths = [0 if F is None else len(F) for _, F, _, _, _ in rows]
    skipped = [(i, e) for i, _, _, _, e in rows if e is not None]
    for i, e in skipped:
        print(f"cluster {i!r} has no candidates: {e}", file=sys.stderr)
    used = [r for r in rows if r[1] is not None]
    out = {"ids": np.array(ids), "offsets": np.concatenate([[0], np.cumsum(lengths)]),
           "F": np.vstack([r[1] for r in used]),
           "base": np.array([r[3] for r in rows], dtype=np.float64)}
    for label in LABELS:
        out[f"y_{label}"] = np.concatenate([r[2][label] for r in used])
    if path is not None:
        np.savez(path, **out)
    return out


def fit_folds(data: dict, folds: np.ndarray, args, cfg, work: Path) -> list[str]:
    """One model per fold, trained on every other fold's clusters; their file paths."""
    from summarizer.learn.features import FEATURES
    from summarizer.learn.model import fit, hash_ids

    offsets, F, y = data["offsets"], data["F"], data[f"y_{args.label}"]
    F = F.copy()
    for name in args.drop:
        F[:, FEATURES.index(name)] = 0.0  # a constant column: no tree splits on it
    row_fold = np.repeat(folds, np.diff(offsets))
    if args.center:  # each cluster's labels less their mean: learn the order within it
        sizes = np.diff(offsets)
        sums = np.add.reduceat(y, offsets[:-1][sizes > 0])
        y = y - np.repeat(sums / sizes[sizes > 0], sizes[sizes > 0])
    params = json.loads(args.params) if args.params else None
    paths = []
    for k in range(args.folds):
        train = row_fold != k
        ids = [str(i) for i, f in zip(data["ids"], folds) if f != k]
        meta = {"trained_on": {"dataset": args.dataset, "clusters": len(ids),
                               "ids": hash_ids(ids), "language": "en"},
                "config": cfg.shown(), "label": args.label}
        model = fit(F[train], y[train], FEATURES, meta, params, seed=args.seed)
        path = work / f"fold{k}.json"
        model.save(path)
        paths.append(str(path))
    return paths


def _table(names: list[str], scores: np.ndarray, metrics: tuple[str, ...], primary: int,
           samples: int, seed: int) -> str:
    """Markdown: each system's mean and 95% CI per metric, and its paired difference on
    the primary metric against the config (row 0) and lead (row 1)."""
    from summarizer.evaluation.bootstrap import bootstrap_ci, paired_bootstrap

    short = {"rouge1": "R-1", "rouge2": "R-2", "rougeL": "R-L", "rougeLsum": "R-Lsum"}
    head = [short.get(m, m) for m in metrics]
    p_name = head[primary]
    lines = ["| system | " + " | ".join(head) + f" | Δ{p_name} vs config (p) | "
             f"Δ{p_name} vs lead (p) |", "|---" * (len(head) + 3) + "|"]
    for s, name in enumerate(names):
        cells = [str(bootstrap_ci(scores[:, s, m], samples, seed)) for m in range(len(metrics))]
        for ref in (0, 1):
            if s == ref:
                cells.append("–")
                continue
            r = paired_bootstrap(scores[:, ref, primary], scores[:, s, primary], samples, seed)
            cells.append(f"{r.diff:+.2f} [{r.low:+.2f}, {r.high:+.2f}] (p = {r.p_value:.3f})")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _per_fold(scores: np.ndarray, folds: np.ndarray, primary: int, k: int) -> str:
    """The learned ranker's difference from the config and from lead in each fold."""
    parts = []
    for f in range(k):
        rows = scores[folds == f]
        parts.append(f"fold {f} (n={len(rows)}): {rows[:, -1, primary].mean() - rows[:, 0, primary].mean():+.2f}"
                     f" / {rows[:, -1, primary].mean() - rows[:, 1, primary].mean():+.2f}")
    return "per-fold Δ learned vs config / vs lead: " + "; ".join(parts)


def run(args) -> str:
    from summarizer.config import load_config
    from summarizer.evaluation import resolve_config
    from summarizer.evaluation.datasets import load_dataset
    from summarizer.evaluation.protocols import get_protocol
    from summarizer.evaluation.systems import SystemSpec

    start = time.perf_counter()
    ds = load_dataset(args.dataset, load_config(args.config).ingest, args.limit, args.data)
    cfg, _ = resolve_config(ds, args.config, [])
    proto = get_protocol(args.protocol or ds.protocol or cfg.evaluate.protocol, cfg.evaluate)
    clusters = ds.clusters
    folds = np.array([fold_of(c.id, args.folds) for c in clusters])
    data = first_pass(clusters, cfg, proto, args)
    read = time.perf_counter() - start
    with tempfile.TemporaryDirectory(prefix="learned-cv-", dir=args.work) as tmp:
        paths = fit_folds(data, folds, args, cfg, Path(tmp))
        fitted = time.perf_counter() - start - read
        specs = [SystemSpec(f"learned-fold{k}", "config", cfg.with_overrides(
            [("rank.method", "learned"), ("rank.learned.model", p), *_pairs(args.set)]))
            for k, p in enumerate(paths)]
        got = dict(_map(_score_held_out, list(zip(folds.tolist(), clusters)), args.jobs,
                        _start_score, (specs, proto)))
    learned = np.array([got[c.id] for c in clusters], dtype=np.float64)
    scores = np.concatenate([data["base"], learned[:, None, :]], axis=1)
    names = ["config", *BASELINES, "learned"]
    primary = proto.metrics.index("rouge2") if "rouge2" in proto.metrics else 0
    total = time.perf_counter() - start
    setting = " ".join([f"label={args.label}", *(["centered"] if args.center else []), *args.set, *(f"drop={d}" for d in args.drop),
                        *([f"params={args.params}"] if args.params else [])])
    return "\n".join([
        f"{args.dataset}: {len(clusters)} clusters, {args.folds} folds by id hash, "
        f"{len(data['F'])} units; config {args.config}; protocol {proto.name}; learned: {setting}",
        "", _table(names, scores, proto.metrics, primary, args.samples, args.seed), "",
        _per_fold(scores, folds, primary, args.folds), "",
        f"time: first pass {read:.0f} s, {args.folds} fits {fitted:.0f} s, total {total:.0f} s"])


def _pairs(items: list[str]) -> list[tuple[str, str]]:
    from summarizer.errors import UsageError

    out = []
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise UsageError(f"--set {item!r}: expected KEY=VALUE")
        out.append((key.strip(), value.strip()))
    return out


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dataset", default="multinews-val")
    p.add_argument("--config", default=str(REPO / "configs" / "multinews.yaml"))
    p.add_argument("--protocol", help="default: the dataset's, as evaluate's")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--limit", type=int, help="the first N clusters only (a quick run)")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                   help="an override for the learned system only (e.g. select.mmr.lambda=0.5)")
    p.add_argument("--label", choices=LABELS, default="recall_word",
                   help="; ".join(f"{k}: {v}" for k, v in LABEL_HELP.items()))
    p.add_argument("--center", action="store_true",
                   help="train on each cluster's labels less their mean")
    p.add_argument("--drop", action="append", default=[], metavar="FEATURE",
                   help="train without this feature (held constant)")
    p.add_argument("--params", help="learner parameters, JSON (HistGradientBoostingRegressor)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--samples", type=int, default=1000, help="bootstrap resamples")
    p.add_argument("--cache", help="a folder to keep the first pass in")
    p.add_argument("--work", help="where the fold models go while they are used (a temporary "
                   "folder inside it; default: the system's)")
    p.add_argument("--data", help="the shared data folder (default: found as evaluate does)")
    p.add_argument("--out", help="also write the table to this file")
    args = p.parse_args(argv)
    from summarizer.learn.features import FEATURES

    unknown = [d for d in args.drop if d not in FEATURES]
    if unknown:
        p.error(f"--drop {unknown[0]}: not a feature ({', '.join(FEATURES)})")
    text = run(args)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
