"""Abstractive refinement on a dataset: ROUGE, the faithfulness guard and throughput.

Each cluster is refined once with the guard off; the guard actions are then applied to
the same generations, so ``off``, ``drop`` and ``fallback`` differ only in the guard.
ROUGE under the harness's `multinews` protocol (R-1/2/Lsum F1 x100, stemming, first 300
words, one sentence per line for Lsum); the extract is scored the same way for comparison.

    python benchmarks/abstractive.py ../shared/data/multinews-dev/dev.jsonl \\
        --model google/pegasus-multi_news --device cuda --limit 100
    python benchmarks/abstractive.py DATA --model ~/.cache/summarizer/smollm2-135m-instruct \\
        --kind causal --set refine.transformers.num_beams=1 --limit 30
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from summarizer.config import load_config  # noqa: E402
from summarizer.errors import SummarizerError  # noqa: E402
from summarizer.evaluation.protocols import get_protocol, score  # noqa: E402
from summarizer.ingest import read_path  # noqa: E402
from summarizer.pipeline import Pipeline  # noqa: E402
from summarizer.refine import load_generator  # noqa: E402
from summarizer.faithfulness import ACTIONS, apply_guard, extract_text, guard_stats  # noqa: E402

PROTOCOL = get_protocol("multinews")
METRICS = PROTOCOL.metrics


def rouge(summary: str, references: list[str]) -> dict[str, float]:
    """The harness's ``multinews`` protocol: mean F1 x100 over references of the first 300
    words, one sentence per line for Lsum (the same numbers `summarizer evaluate` gives)."""
    return score(summary, references, PROTOCOL)


def _row(scores: list[dict], stats: list[dict]) -> dict:
    row = {m: round(statistics.fmean(s[m] for s in scores), 2) for m in METRICS}
    row["words"] = round(statistics.fmean(s["words"] for s in stats), 1)
    row["unsupported_per_100_words"] = round(statistics.fmean(s["per_100_words"] for s in stats), 3)
    row["sentences_with_unsupported"] = round(statistics.fmean(s["sentence_share"] for s in stats), 4)
    return row


def _reuse(saved: dict, clusters, config):
    """Summaries whose refined text is the generation saved by an earlier run (for
    re-scoring after a guard change without running the model again)."""
    generated = {r["cluster"]: r["generated"] for r in saved["per_cluster"]}
    clusters = [c for c in clusters if c.id in generated]
    extractive = config.model_copy(update={"refine": config.refine.model_copy(update={"enabled": False})})
    summaries = [dataclasses.replace(s, refined=generated[s.cluster_id])
                 for s in Pipeline(extractive).summarize_many(clusters)]
    return summaries, clusters


def run(args) -> dict:
    overrides = ["refine.enabled=true", f"refine.model={args.model}",
                 f"refine.transformers.kind={args.kind}",
                 f"refine.transformers.device={args.device}",
                 f"refine.transformers.dtype={args.dtype}", "refine.guard=off", *args.overrides]
    if args.batch_size:
        overrides.append(f"refine.transformers.batch_size={args.batch_size}")
    config = load_config(args.config, overrides)
    clusters = [c for c in read_path(args.dataset, config.ingest) if c.references]
    if args.limit:
        clusters = clusters[:args.limit]
    if not clusters:
        raise SummarizerError(f"{args.dataset}: no cluster with reference summaries")
    if args.generations:
        saved = json.loads(args.generations.read_text(encoding="utf-8"))
        summaries, clusters = _reuse(saved, clusters, config)
        device, seconds = saved["device"], saved["seconds"]
    else:
        t0 = time.perf_counter()
        device = load_generator(config.refine).device
        load_s = time.perf_counter() - t0
        t1 = time.perf_counter()
        summaries = Pipeline(config).summarize_many(clusters)
        seconds = {"load": round(load_s, 2), "summarize": round(time.perf_counter() - t1, 2),
                   "refine": round(sum(s.timings.get("refine", 0.0) for s in summaries), 2)}

    extract = [dataclasses.replace(s, refined=None, unsupported=[]) for s in summaries]
    variants = {"extract": extract, **{f"refined, guard {a}": [apply_guard(s, a) for s in summaries]
                                       for a in args.guards}}
    systems, per_cluster = {}, [{"cluster": c.id, "generated": s.refined, "systems": {}}
                                for c, s in zip(clusters, summaries)]
    for name, outs in variants.items():
        scores = [rouge(s.text, [r.text for r in c.references]) for s, c in zip(outs, clusters)]
        stats = [guard_stats(s) for s in outs]
        systems[name] = _row(scores, stats)
        for record, score, stat in zip(per_cluster, scores, stats):
            record["systems"][name] = {**{m: round(v, 2) for m, v in score.items()},
                                       "words": stat["words"], "unsupported": stat["items"]}
    fell_back = sum(1 for s in summaries if apply_guard(s, "fallback").text == extract_text(s))
    return {
        "dataset": str(args.dataset), "clusters": len(clusters), "model": args.model,
        "device": device,
        "config": args.config, "overrides": overrides,
        "systems": systems,
        "fallback_clusters": fell_back,
        "seconds": seconds,
        "clusters_per_second": {
            "refine": round(len(clusters) / seconds["refine"], 4) if seconds["refine"] else None,
            "end_to_end": round(len(clusters) / seconds["summarize"], 4) if seconds["summarize"] else None},
        "per_cluster": per_cluster,
    }


def table(result: dict) -> str:
    head = ["system", "R-1", "R-2", "R-Lsum", "words", "unsupported/100w", "sentences w/ unsupported"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, r in result["systems"].items():
        lines.append(f"| {name} | {r['rouge1']:.2f} | {r['rouge2']:.2f} | {r['rougeLsum']:.2f} | "
                     f"{r['words']:.0f} | {r['unsupported_per_100_words']:.2f} | "
                     f"{100 * r['sentences_with_unsupported']:.1f}% |")
    cps = result["clusters_per_second"]
    lines.append(f"\n{result['clusters']} clusters, model {result['model']} on {result['device']}: "
                 f"refinement {cps['refine']} clusters/s, end to end {cps['end_to_end']} clusters/s; "
                 f"fallback returned the extract for {result['fallback_clusters']} clusters")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dataset", help="a dataset file or folder that read_path understands, with references")
    p.add_argument("--model", required=True, help="hub id or local model directory")
    p.add_argument("--kind", default="auto", choices=["auto", "seq2seq", "causal"])
    p.add_argument("--device", default="auto")
    p.add_argument("--dtype", default="auto", choices=["auto", "float32", "float16", "bfloat16"])
    p.add_argument("--limit", type=int, default=None, help="first N clusters only")
    p.add_argument("--batch-size", type=int, default=None)
    p.add_argument("--config", default=str(REPO / "configs" / "multinews.yaml"))
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--guards", default="off,drop,fallback",
                   type=lambda v: [a for a in v.split(",") if a])
    p.add_argument("--generations", type=Path, default=None,
                   help="score the generations saved in this earlier --out file instead of "
                        "running the model (after a guard change)")
    p.add_argument("--out", type=Path, default=None, help="write the result as JSON here")
    args = p.parse_args(argv)
    unknown = set(args.guards) - set(ACTIONS)
    if unknown:
        p.error(f"--guards: unknown {', '.join(sorted(unknown))} (choose from {', '.join(ACTIONS)})")
    try:
        result = run(args)
    except SummarizerError as e:
        print(f"abstractive.py: error: {e}", file=sys.stderr)
        return e.exit_code
    sys.stdout.write(table(result))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
