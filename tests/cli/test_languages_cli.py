"""End to end through the CLI in every script with a fixture: the language is detected
(or taken from the config), and the summary is made of the input's own sentences,
within the budget, each ending like a sentence of its script."""

from __future__ import annotations

import json
import subprocess
import sys

import conftest
import pytest

from summarizer.language import SENTENCE_FINAL
from summarizer.text import word_count

FIXTURES = conftest.FIXTURES / "languages"
CODES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "summarizer.cli", *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


@pytest.mark.parametrize("code", CODES)
def test_summarize_each_script(code):
    r = cli("summarize", str(FIXTURES / code), "--words", "40", "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["language"]["code"] == code and doc["language"]["source"] == "detected"
    assert doc["config"]["language"] == "auto"
    source = " ".join(" ".join(p.read_text(encoding="utf-8").split())
                      for p in (FIXTURES / code).glob("*.txt"))
    assert doc["sentences"], "an empty summary"
    for s in doc["sentences"]:
        assert s["text"] in source
        assert s["text"].rstrip("\"'”»)")[-1] in SENTENCE_FINAL
    assert word_count(doc["summary"]) <= 40 and doc["words"] == word_count(doc["summary"])
    # the two articles tell the same story: something from each is kept or supported
    assert {x["article_index"] for s in doc["sentences"] for x in s["support"]} == {0, 1}


def test_language_from_the_config_wins_and_is_recorded():
    r = cli("summarize", str(FIXTURES / "el"), "--words", "40", "--format", "json",
            "--set", "language=greek")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["language"] == {"code": "el", "name": "greek", "source": "config"}
    r = cli("summarize", str(FIXTURES / "he"), "--words", "30", "--format", "json",
            "--language", "he")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["language"]["source"] == "config"


def test_a_misspelt_language_is_one_line_and_exit_2():
    r = cli("summarize", str(FIXTURES / "el"), "--set", "language=gr")
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and "language 'gr'" in r.stderr


def test_the_declared_language_of_a_jsonl_cluster_is_used(tmp_path):
    text = (FIXTURES / "ar" / "a1.txt").read_text(encoding="utf-8")
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "c1", "language": "arabic",
                                "documents": [{"id": "d1", "text": text}]},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    r = cli("summarize", str(path), "--words", "30", "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["language"]["source"] == "input"
