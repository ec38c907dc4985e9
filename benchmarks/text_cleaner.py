"""How well the plain-text cleaner keeps a web page's story and drops its furniture.

``../shared/data/web-pages`` holds real saved news pages twice: the HTML (``html/``) and a
plain-text dump of every visible line (``txt/``: menus, captions, cookie, newsletter and
comment notices, title first). The HTML path (trafilatura) is clean, so its main text
is the silver standard for the text path:

* **units**: the non-empty lines of the text the cleaner receives, i.e. the txt page
  after :func:`summarizer.ingest.formats.parse_text` (title line and a date-only line
  taken out), whitespace collapsed;
* **main text**: a txt line is main text when, after normalisation (NFKC, whitespace
  collapsed, zero-width characters and soft hyphens removed, curly quotes and dashes
  folded to ASCII, case folded), it equals a line of
  ``trafilatura.extract(html)`` (the call ``parse_html`` makes), or it has at least
  ``MIN_CONTAINED_WORDS`` words and occurs inside one such line (trafilatura sometimes
  joins a paragraph the dump splits). Short lines ("Share", "Advertisement") must match a
  whole trafilatura line, so they are not counted as story because the word occurs in
  a sentence;
* **kept**: a txt line is kept when the cleaner's output has a line that equals it or
  occurs inside it (the cleaner only removes lines or cuts pieces out of one: datelines,
  inline credits and share buttons); output lines are matched in order;
* precision = kept main lines / kept lines, recall = kept main lines / main lines; per
  page, then macro (mean of pages) and micro (pooled lines).

``--ref REV`` measures the package as it is at git revision ``REV`` (``git archive`` into a
temporary folder, this script run again there), to measure a change without touching the
checkout.
``--summaries`` also summarizes every page alone at 100 and 280 words (the default
pipeline, the same as ``summarizer summarize PAGE.txt --words N``) and flags summary lines
with the boilerplate shapes of ``tests/ingest/test_web_pages.py``; flags are a screen, read
the printed summaries to judge.

    .venv/bin/python benchmarks/text_cleaner.py                  # working tree
    .venv/bin/python benchmarks/text_cleaner.py --ref HEAD~1 --summaries
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGES = REPO.parent / "shared" / "data" / "web-pages"
MIN_CONTAINED_WORDS = 4

# Boilerplate shapes a summary line must not have (the same list as the test's).
BOILERPLATE = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+"                                   # e-mail address
    r"|©|\bcopyright\s*(?:©|\(c\)|\d{4})|\ball rights reserved"  # copyright notice
    r"|\bcookies?\b|\bprivacy (?:policy|notice|settings)|\bopt[- ]out\b"
    r"|\b(?:sign up|subscribe)\b.{0,60}\b(?:newsletter|e-?mails?|inbox|alerts)"
    r"|\bnewsletter\b|\b(?:download|get) (?:the|our)\b.{0,40}\bapp\b"
    r"|\bcomments?\b.{0,60}\b(?:relevant|respectful|policy|guidelines|moderat)",
    re.I,
)

_FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-",
                       "\u00a0": " "})


_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")  # the cleaner drops these


def norm(s: str) -> str:
    s = _INVISIBLE.sub("", unicodedata.normalize("NFKC", s))
    return " ".join(s.translate(_FOLD).split()).casefold()


def load_clean():
    """The cleaner of the package on ``sys.path`` (the working tree's, or a revision's
    under ``--ref``); it moved from ``summarizer/clean.py`` to ``summarizer/ingest/clean/``."""
    try:
        import summarizer.ingest.clean as module
    except ImportError:
        import summarizer.clean as module
    return module


def run_at(ref: str, argv: list[str]) -> int:
    """This script again, on the package as it is at git revision ``ref``."""
    import tarfile
    import tempfile

    with tempfile.TemporaryDirectory(prefix="text-cleaner-") as tmp:
        archive = subprocess.run(["git", "archive", "--format=tar", ref, "summarizer"],
                                 cwd=REPO, check=True, capture_output=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        env = dict(os.environ, PYTHONPATH=tmp, TEXT_CLEANER_REF=ref)
        return subprocess.run([sys.executable, __file__, *argv], env=env).returncode


def silver_lines(html: str) -> list[str]:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
    return [norm(line) for line in text.split("\n") if line.strip()]


def is_main(line: str, silver: list[str], silver_set: set[str]) -> bool:
    if line in silver_set:
        return True
    return len(line.split()) >= MIN_CONTAINED_WORDS and any(line in s for s in silver)


def kept_flags(units: list[str], output: list[str]) -> list[bool]:
    """Which of ``units`` (normalised input lines) survive in ``output`` (normalised
    cleaned lines), matching output lines in order."""
    flags, j = [], 0
    for unit in units:
        hit = j < len(output) and output[j] in unit
        flags.append(hit)
        j += hit
    if j != len(output):  # never expected: the cleaner does not invent lines
        raise RuntimeError(f"{len(output) - j} cleaned line(s) not found in the input")
    return flags


def score_page(clean, txt_path: Path, html_path: Path) -> dict:
    from summarizer.ingest.formats import parse_text

    article = parse_text(txt_path.read_text(encoding="utf-8"), txt_path.name)
    units = [norm(line) for line in article.text.split("\n") if line.strip()]
    silver = silver_lines(html_path.read_text(encoding="utf-8", errors="replace"))
    silver_set = set(silver)
    text, _ = clean.clean_text(article.text, article.id, article.title)
    output = [norm(line) for line in text.split("\n") if line.strip()]
    kept = kept_flags(units, output)
    main = [is_main(u, silver, silver_set) for u in units]
    tp = sum(k and m for k, m in zip(kept, main))
    n_kept, n_main = sum(kept), sum(main)
    return {"page": txt_path.stem, "lines": len(units), "main": n_main, "kept": n_kept,
            "tp": tp, "precision": tp / n_kept if n_kept else 0.0,
            "recall": tp / n_main if n_main else 0.0}


def summaries(clean, txt_path: Path, words: int) -> list[str]:
    """The page summarized alone with the default pipeline and ``clean``'s cleaner."""
    import summarizer.pipeline as pipeline
    from summarizer.config import load_config
    from summarizer.ingest import read_path

    pipeline.clean_cluster = clean.clean_cluster
    config = load_config(None, [f"select.words={words}"])  # what `--words N` does
    cluster = read_path(txt_path, config.ingest)[0]
    return [s.unit.text for s in pipeline.Pipeline(config).summarize(cluster).sentences]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--ref", help="git revision whose cleaner to measure")
    p.add_argument("--summaries", action="store_true",
                   help="also summarize each page at 100 and 280 words and flag boilerplate")
    p.add_argument("--json", type=Path, help="write the numbers here")
    args = p.parse_args()
    if not PAGES.exists():
        sys.exit(f"{PAGES} is absent")
    if args.ref:
        rest = [a for a in sys.argv[1:] if a != "--ref" and a != args.ref
                and a != f"--ref={args.ref}"]
        sys.exit(run_at(args.ref, rest))
    ref = os.environ.get("TEXT_CLEANER_REF")
    clean = load_clean()
    rows = []
    for txt in sorted((PAGES / "txt").glob("*.txt")):
        row = score_page(clean, txt, PAGES / "html" / (txt.stem + ".html"))
        if args.summaries:
            for words in (100, 280):
                lines = summaries(clean, txt, words)
                flagged = [s for s in lines if BOILERPLATE.search(s)]
                row[f"summary{words}"] = lines
                row[f"flagged{words}"] = flagged
        rows.append(row)

    print(f"cleaner: {ref or 'working tree'}")
    print("| page | lines | main | kept | precision | recall |" +
          (" flagged 100 | flagged 280 |" if args.summaries else ""))
    print("|---|---:|---:|---:|---:|---:|" + ("---:|---:|" if args.summaries else ""))
    for r in rows:
        extra = (f" {len(r['flagged100'])} | {len(r['flagged280'])} |"
                 if args.summaries else "")
        print(f"| {r['page']} | {r['lines']} | {r['main']} | {r['kept']} | "
              f"{r['precision']:.3f} | {r['recall']:.3f} |" + extra)
    macro_p = sum(r["precision"] for r in rows) / len(rows)
    macro_r = sum(r["recall"] for r in rows) / len(rows)
    tp = sum(r["tp"] for r in rows)
    micro_p = tp / max(1, sum(r["kept"] for r in rows))
    micro_r = tp / max(1, sum(r["main"] for r in rows))
    print(f"| macro | | | | {macro_p:.3f} | {macro_r:.3f} |")
    print(f"| micro | {sum(r['lines'] for r in rows)} | {sum(r['main'] for r in rows)} | "
          f"{sum(r['kept'] for r in rows)} | {micro_p:.3f} | {micro_r:.3f} |")
    if args.summaries:
        for r in rows:
            for words in (100, 280):
                for s in r[f"flagged{words}"]:
                    print(f"FLAG {r['page']} @{words}: {s}")
    if args.json:
        args.json.write_text(json.dumps({"ref": ref, "pages": rows,
                                         "macro": [macro_p, macro_r],
                                         "micro": [micro_p, micro_r]}, indent=1))


if __name__ == "__main__":
    main()
