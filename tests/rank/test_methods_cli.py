"""Every method of the table through the CLI, the way a user runs it: in English and in
French, with a word budget, and with a query; the same JSON shape for each."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import EXAMPLE, REPO
from summarizer.rank import METHODS
from summarizer.text import word_count

FRENCH = REPO / "tests" / "fixtures" / "languages" / "fr"


def summarize(*args: str) -> dict:
    r = subprocess.run([sys.executable, "-m", "summarizer.cli", "summarize", *args,
                        "--format", "json"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def source_text(folder) -> str:
    return " ".join(" ".join(p.read_text(encoding="utf-8").split())
                    for p in sorted(folder.glob("*.txt")))


@pytest.mark.parametrize("method", METHODS.names())
@pytest.mark.parametrize("folder,words,extra", [
    (EXAMPLE, 60, []),
    (FRENCH, 40, ["--query", "le coût du pont"]),
], ids=["english", "french-query"])
def test_every_method_end_to_end(method, folder, words, extra, method_needs):
    needs = [a for item in method_needs.get(method, []) for a in ("--set", item)]
    out = summarize(str(folder), "--method", method, "--words", str(words), *extra, *needs)
    assert out["config"]["rank"]["method"] == method
    assert 0 < out["words"] <= words
    assert sum(word_count(s["text"]) for s in out["sentences"]) <= words
    source = source_text(folder)
    texts = [s["text"] for s in out["sentences"]]
    assert len(set(texts)) == len(texts)
    for s in out["sentences"]:
        assert " ".join(s["text"].split()) in source
        assert isinstance(s["score"], float) and s["support"]
    if folder == FRENCH:
        assert out["language"]["code"] == "fr" and out["config"]["query"]["text"]


def test_an_unknown_method_lists_the_table():
    r = subprocess.run([sys.executable, "-m", "summarizer.cli", "summarize", str(EXAMPLE),
                        "--method", "pagerank"], capture_output=True, text=True)
    assert r.returncode == 2
    assert all(name in r.stderr for name in METHODS.names())
