"""multinews-dev rewritten in the form of the truncated Multi-News validation copy, to
study that form on dev data instead of on the held-out set.

The validation copy (``multinews-val``) gives each cluster at most ~480 words of input
(each article cut to an equal share, often mid-sentence) and lowercases the text except
sentence starts. This script applies the same to multinews-dev and writes the result
outside the repository (the data is research-only):

    .venv/bin/python benchmarks/truncated_dev.py            # -> out/multinews-dev-truncated.jsonl
    summarizer experiment configs/sweeps/multinews-truncated.yaml --jobs 2
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from summarizer.evaluation.datasets import data_root

BUDGET = 480
_SENTENCE_START = re.compile(r"(^|[.!?]\s+)([a-z])")


def truncate_cluster(record: dict, budget: int = BUDGET) -> dict:
    """One Multi-News raw record with every article cut to ``budget / articles`` words and
    lowercased except for sentence starts."""
    docs = [d.replace("NEWLINE_CHAR", " ") for d in record["document"].split("|||||")]
    docs = [d for d in docs if d.strip()]
    share = budget // max(1, len(docs))
    cut = []
    for d in docs:
        text = " ".join(d.split()[:share]).lower()
        cut.append(_SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text))
    return {**record, "document": " ||||| ".join(cut)}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--source", type=Path, default=data_root() / "multinews-dev" / "dev.jsonl")
    p.add_argument("--out", type=Path, default=Path("out") / "multinews-dev-truncated.jsonl")
    args = p.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.source.open(encoding="utf-8") as src, args.out.open("w", encoding="utf-8") as dst:
        for line in src:
            if line.strip():
                dst.write(json.dumps(truncate_cluster(json.loads(line)), ensure_ascii=False) + "\n")
    print(args.out)


if __name__ == "__main__":
    main()
