"""No text can hang a stage or exhaust the machine: about a megabyte of each shape that
once took time quadratic (or exponential) in its length, or memory far beyond it,
goes through the public API and ends with a summary, a clean InputError or a guard
result; a few shapes that never did stand guard too. Each runs in a forked process
with a generous wall-clock limit (a hang fails, a slow machine does not) and a bound
on its peak memory."""

from __future__ import annotations

import multiprocessing
import os
import resource
import traceback

import pytest

import summarizer
from summarizer.documents import Article
from summarizer.errors import InputError

MB = 1_000_000
WALL_SECONDS = 30
PEAK_MB = 1000  # the test process itself, forked, is about 250

OTHER = ("The harbor bridge closed on Monday after inspectors found cracks in a steel beam. "
         "City officials said repairs would cost two million dollars and take three months.")
ARABIC = "ذهب الرجل إلى السوق صباح يوم الاثنين واشترى الخبز والحليب. " * 3


def _summarize(text: str, **overrides):
    return lambda tmp: summarizer.summarize([text, OTHER], words=50, **overrides).text


def _file(name: str, text: str):
    def run(tmp):
        path = os.path.join(tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return summarizer.summarize(path, words=50).text
    return run


def _guard(text: str, sources: list[str]):
    def run(tmp):
        from summarizer.faithfulness import check

        return check(text, sources)
    return run


def _titled(title: str):
    return lambda tmp: summarizer.summarize(
        [Article(id="t", text=OTHER, title=title), OTHER], words=50).text


CASES = {
    # clean: one token of many "@" (the address-line rule)
    "at-signs": _summarize("a@" * (MB // 2)),
    # clean: a run of dashes inside a line (the tweet-signature cut)
    "dash-run": _summarize("The " + "-" * MB + " end."),
    # clean: unclosed annotation tags, with and without their ">"
    "open-notes": _summarize("<note>" * (MB // 6)),
    "open-notes-no-gt": _summarize("<note x" * (MB // 7)),
    # clean: "cookie" many times in one token (the consent notice's look-ahead)
    "cookies": _summarize("cookies." * (MB // 8)),
    # clean: a 40-word caption credit with a "/" in every word (exponential before)
    "credit-slashes": _summarize(OTHER + "\nREUTERS/Mike Segar" + " /a" * 38 + "!\n" + OTHER),
    # clean: a dateline of capitals and hyphens in another language
    "caps-hyphens-fr": _summarize("A-" * (MB // 2) + " fin.", language="fr"),
    # split by rules: a run of full stops and a run of initials in Arabic
    "full-stops-ar": _summarize(ARABIC + "مرحبا" + "." * MB + " مرحبا بكم في المدينة.",
                                language="ar"),
    "initials-ar": _summarize(ARABIC + "ب. " * (MB // 3), language="ar"),
    # a title with a run of spaces (the site-name suffix)
    "title-spaces": _titled("Storm closes" + " " * MB + "harbor - Example News"),
    # ingest: a Markdown heading and a date line with a run of spaces
    "markdown-heading": _file("page.md", "# Storm" + " " * MB + "x\n\n" + OTHER + "\n"),
    "date-line": _file("page.txt", "Storm closes harbor\nposted" + " " * MB + "x\n" + OTHER),
    # ingest: a page of unclosed tags (the plain tag-strip fallback)
    "html-unclosed-tags": _file("page.html", "<a " * (MB // 3)),
    # guard: a number before a run of spaces, numbers between words, and a source of
    # "one hundred hundred ..." (a number of a million digits, built digit by digit)
    "guard-spaces": _guard(OTHER, ["1" + " " * MB + "x"]),
    "guard-numbers": _guard("1 a " * (MB // 4), [OTHER]),
    "guard-hundreds": _guard(OTHER, ["one " + "hundred " * (6 * MB // 8)]),
    # dedup: tens of thousands of near-copies (memory grew with every candidate pair)
    "near-copies": _summarize(" ".join(f"Word{i} went {('home', 'north')[i % 2]} with the crew "
                                       "today." for i in range(MB // 40))),
    # many identical short lines, one token, combining marks, CJK without spaces
    "short-lines": _summarize("Word.\n" * (MB // 6)),
    "one-token": _summarize("a" * MB),
    "combining-marks": _summarize(("a" + "\u0301" * 1000) * (MB // 1001)),
    "cjk-unspaced": _summarize("中文字" * (MB // 3)),
}


def _child(case: str, tmp: str, conn) -> None:
    try:
        CASES[case](tmp)
        outcome = "done"
    except InputError as e:
        outcome = f"input error: {e}"
    except BaseException:  # reported to the parent, which fails the test with it
        outcome = "traceback:\n" + traceback.format_exc()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    conn.send((outcome, peak))


@pytest.fixture(scope="module")
def warm():
    """Everything imported once, before the forks."""
    summarizer.summarize([OTHER, OTHER], words=20)
    from summarizer.ingest import parse_html
    from summarizer.faithfulness import check

    parse_html(f"<p>{OTHER}</p>", "warm")
    check(OTHER, [OTHER])


@pytest.mark.parametrize("case", CASES)
def test_hostile_text_finishes(case, warm, tmp_path):
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(case, str(tmp_path), child))
    proc.start()
    child.close()
    try:
        if not parent.poll(WALL_SECONDS):
            pytest.fail(f"{case}: still running after {WALL_SECONDS} s")
        outcome, peak = parent.recv()
    finally:
        proc.kill()
        proc.join()
    assert outcome == "done" or outcome.startswith("input error:"), outcome
    assert "\n" not in outcome
    assert peak < PEAK_MB, f"{case}: peak memory {peak} MB"
