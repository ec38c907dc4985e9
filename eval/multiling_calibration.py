"""How our `multiling` ROUGE protocol ranks the MultiLing 2011 participants, against the
organisers' published ROUGE-1.5.5 averages.

For each language (arabic, english, french, greek): every participant folder under
``multiling2011/peers/<language>/`` is scored with the ``multiling`` protocol (Unicode
words, no stemming, summary and references cut to 250 words, ROUGE-1/2 recall, mean over
references then clusters) and printed beside the published recall
(``published-rouge/<LANG>_ROUGE-{1,2}.csv``, x100), with the difference and the Spearman
rank correlation over the peers ID1-ID9 (ID10, the topline, is shown but not ranked).

    .venv/bin/python eval/multiling_calibration.py [--data ../shared/data]

The data is research-only and is read in place; nothing of it is written anywhere.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

LANGUAGES = ("arabic", "english", "french", "greek")


def published(root: Path, language: str, metric: str) -> dict[str, float]:
    """``{ID: recall x100}`` from the organisers' ``<LANG>_ROUGE-<n>.csv``."""
    path = root / "multiling2011" / "published-rouge" / f"{language.upper()}_ROUGE-{metric}.csv"
    out = {}
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out[row["runid"].rsplit("_ROUGE", 1)[0]] = 100.0 * float(row["recall"])
    return out


def ours(language: str, data: Path | None) -> dict[str, tuple[float, float]]:
    """``{ID: (R-1, R-2)}`` of every participant under the multiling protocol."""
    import statistics

    from summarizer.config import load_config
    from summarizer.evaluation.datasets import load_dataset
    from summarizer.evaluation.protocols import get_protocol
    from summarizer.evaluation.runner import run
    from summarizer.evaluation.systems import participant_systems

    ds = load_dataset(f"multiling2011-{language}", data=data)
    specs = participant_systems(ds, load_config(None))
    result = run(ds, specs, get_protocol("multiling"), progress=False)
    out = {}
    for spec in specs:
        rows = result.results[spec.name]
        ident = Path(spec.source).name
        out[ident] = (statistics.fmean(r.scores["rouge1"] for r in rows),
                      statistics.fmean(r.scores["rouge2"] for r in rows))
    return out


def table(language: str, data: Path | None, root: Path) -> str:
    from scipy.stats import spearmanr

    mine = ours(language, data)
    pub1, pub2 = published(root, language, "1"), published(root, language, "2")
    lines = [f"### {language}", "",
             "| participant | our R-1 | published R-1 | diff | our R-2 | published R-2 | diff |",
             "|---|---|---|---|---|---|---|"]
    order = sorted(mine, key=lambda s: int(s.lstrip("ID")))
    for ident in order:
        r1, r2 = mine[ident]
        p1, p2 = pub1.get(ident), pub2.get(ident)
        label = f"{ident} (topline)" if ident == "ID10" else ident
        cells = [label, f"{r1:.2f}", _num(p1), _diff(r1, p1), f"{r2:.2f}", _num(p2),
                 _diff(r2, p2)]
        lines.append("| " + " | ".join(cells) + " |")
    peers = [i for i in order if i != "ID10" and i in pub1 and i in pub2]
    rho1 = spearmanr([mine[i][0] for i in peers], [pub1[i] for i in peers])
    rho2 = spearmanr([mine[i][1] for i in peers], [pub2[i] for i in peers])
    lines += ["", f"Spearman over {len(peers)} peers ({', '.join(peers)}): "
              f"R-1 rho {rho1.statistic:.3f} (p {rho1.pvalue:.3f}), "
              f"R-2 rho {rho2.statistic:.3f} (p {rho2.pvalue:.3f}).", ""]
    return "\n".join(lines)


def _num(v: float | None) -> str:
    return "-" if v is None else f"{v:.2f}"


def _diff(a: float, b: float | None) -> str:
    return "-" if b is None else f"{a - b:+.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", help="shared data folder (default: ../shared/data)")
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    args = parser.parse_args(argv)
    from summarizer.evaluation.datasets import data_root

    root = data_root(args.data)
    print("Our `multiling` protocol (Unicode words, no stemming, 250-word cut on both sides, "
          "recall x100) against the published ROUGE-1.5.5 averages (no stemming, no length "
          "cut, recall x100).\n")
    for language in args.languages.split(","):
        print(table(language.strip(), args.data, root))
    return 0


if __name__ == "__main__":
    sys.exit(main())
