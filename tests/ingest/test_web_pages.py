"""Real saved news pages as plain text (../shared/data/web-pages/txt: every visible line,
title first), each summarized alone through the CLI at 100 and 280 words: no summary may
carry site furniture. The shapes below are general (an e-mail address, a copyright
notice, consent and privacy vocabulary, calls to subscribe or download an app, comment
rules), not phrases of these pages."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import require_shared

BOILERPLATE_SHAPES = {
    "e-mail address": r"[\w.+-]+@[\w-]+\.[\w.]+",
    "copyright": r"©|\bcopyright\s*(?:©|\(c\)|\d{4})|\ball rights reserved\b|\bsubject to copyright\b",
    "cookie / privacy / opt-out": r"\bcookies?\b|\bprivacy (?:policy|notice|statement|settings)\b"
                                  r"|\bopt[- ]out\b|\bterms of (?:use|service)\b",
    "subscribe / newsletter": r"\bnewsletters?\b|\b(?:sign up|subscribe)\b.{0,60}\b(?:e-?mails?|inbox|alerts)\b",
    "app download": r"\b(?:download|get|install) (?:the|our)\b.{0,40}\bapps?\b|\bapp store\b|\bgoogle play\b",
    "comment policy": r"\bcomments?\b.{0,60}\b(?:relevant|respectful|policy|guidelines|moderat\w*)\b"
                      r"|\bcommunity (?:guidelines|standards)\b",
    "language setting": r"\blanguage settings?\b",
}
_SHAPES = {name: re.compile(rx, re.I) for name, rx in BOILERPLATE_SHAPES.items()}


def _shapes(line: str) -> list[str]:
    return [name for name, rx in _SHAPES.items() if rx.search(line)]


def test_shapes_catch_invented_furniture_and_pass_news():
    assert _shapes("Write to us at desk@example.org.") == ["e-mail address"]
    assert _shapes("© 2024 Example Media. All rights reserved.") == ["copyright"]
    assert _shapes("Read our Privacy Policy to opt out.") == ["cookie / privacy / opt-out"]
    assert _shapes("Get our free newsletter.") == ["subscribe / newsletter"]
    assert _shapes("Download the Example News app today!") == ["app download"]
    assert _shapes("Please keep comments respectful.") == ["comment policy"]
    assert _shapes("The bridge reopened on Friday after eight months of repairs.") == []


@pytest.fixture(scope="module")
def page_summaries(tmp_path_factory):
    """{words: {page: summary lines}} from two CLI runs over a folder holding one
    sub-folder (= one cluster, one page) per txt page."""
    pages = require_shared("web-pages") / "txt"
    root = tmp_path_factory.mktemp("web-pages")
    names = sorted(p.stem for p in pages.glob("*.txt"))
    assert names, f"no pages in {pages}"
    for name in names:  # links, not copies: the data stays where it is
        (root / "in" / name).mkdir(parents=True)
        os.symlink(pages / f"{name}.txt", root / "in" / name / f"{name}.txt")
    out = {}
    for words in (100, 280):
        target = root / f"out{words}"
        r = subprocess.run([sys.executable, "-m", "summarizer", "summarize", str(root / "in"),
                            "--words", str(words), "--out-dir", str(target)],
                           capture_output=True, text=True, timeout=600)
        assert r.returncode == 0, r.stderr
        out[words] = {p.stem: p.read_text(encoding="utf-8").splitlines()
                      for p in target.glob("*.txt")}
        assert sorted(out[words]) == names
    return out


@pytest.mark.parametrize("words", [100, 280])
def test_every_page_gets_a_summary_within_budget(page_summaries, words):
    for page, lines in page_summaries[words].items():
        text = " ".join(lines)
        assert text.strip(), f"{page}: empty summary at {words} words"
        assert len(text.split()) <= words, page


@pytest.mark.parametrize("words", [100, 280])
def test_no_summary_line_has_a_boilerplate_shape(page_summaries, words):
    bad = [f"{page}: {shapes}: {line}"
           for page, lines in page_summaries[words].items()
           for line in lines if (shapes := _shapes(line))]
    assert bad == []
