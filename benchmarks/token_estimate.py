"""How the prompt-length estimate of the server backend compares with a real tokenizer.

``refine.backend=openai`` counts prompt tokens with the server's tokenizer endpoint when
it has one, else with :func:`summarizer.refine.server.estimate_tokens` (UTF-8 bytes per
token by language). This measures real / estimated tokens for the first clusters of each
dataset (the articles' text, cut to 3,000 characters, as one chat message with the
tokenizer's chat template): an estimate that is safe has every ratio below 1 (the
margin of the budget, 0.9, is on top).

    python benchmarks/token_estimate.py --tokenizer ~/.cache/summarizer/smollm2-135m-instruct

The default tokenizer is SmolLM2-135M-Instruct's (an English-centric 49k BPE, which
`python -m summarizer.refine.smollm2` makes; the worst case of the tokenizers one meets);
the data is read from ../shared/data and never written anywhere.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from summarizer.evaluation import load_dataset  # noqa: E402
from summarizer.refine.server import estimate_tokens  # noqa: E402

DATASETS = {"multinews-dev": "en", "duc2003": "en", "tac2011-en": "en",
            "multiling2011-english": "en", "multiling2011-french": "fr",
            "multiling2011-greek": "el", "multiling2011-arabic": "ar"}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokenizer", default=str(Path("~/.cache/summarizer/smollm2-135m-instruct").expanduser()))
    parser.add_argument("--clusters", type=int, default=10)
    parser.add_argument("--chars", type=int, default=3000)
    args = parser.parse_args(argv)
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(args.tokenizer)
    print("| dataset | language | bytes/token (median) | real/estimate median | max |")
    print("|---|---|---:|---:|---:|")
    for name, lang in DATASETS.items():
        ratios, per = [], []
        for cluster in load_dataset(name).clusters[:args.clusters]:
            text = " ".join(a.text for a in cluster.articles)[:args.chars]
            out = tok.apply_chat_template([{"role": "user", "content": text}], tokenize=True,
                                          add_generation_prompt=True)
            real = len(out["input_ids"] if hasattr(out, "keys") else out)
            ratios.append(real / estimate_tokens(text, lang))
            per.append(len(text.encode("utf-8")) / real)
        print(f"| {name} | {lang} | {statistics.median(per):.2f} | "
              f"{statistics.median(ratios):.2f} | {max(ratios):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
