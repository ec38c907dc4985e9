"""The summary page in a real browser (Chromium through Playwright): a summary sentence
shows its sources and highlights itself in the opened article, near copies show their
own wording, the boilerplate folds, a rewrite sits beside its extract with the guard's
findings marked, the index opens the pages, and a hostile article runs nothing. Pages
are built through the API (the page is a pure function of the summary)."""

from __future__ import annotations

import dataclasses
import json

import pytest
from browser import open_page
from test_summary_html import HOSTILE, LEAD, LEAD_NEAR, ferry, ferry_summary

from summarizer.api import summarize_to
from summarizer.faithfulness import apply_guard
from summarizer.output import render


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    """The ferry summary and its page."""
    summary = ferry_summary()
    path = tmp_path_factory.mktemp("plain") / "ferry.html"
    path.write_text(render(summary, "html"), encoding="utf-8")
    return summary, path


def test_a_sentence_shows_its_sources_and_itself_in_the_article(browser, plain):
    summary, path = plain
    visit = open_page(browser, path)
    p = visit.page
    assert p.locator("#panel-support li").count() == 0
    p.click('button.sent[data-k="0"]')
    entries = p.locator("#panel-support button.support")
    assert entries.count() == 3  # tamsin-1 (kept), tamsin-2 (near copy), tamsin-3 (same)
    hit = p.locator("#panel-article .hl")
    assert hit.count() == 1 and hit.inner_text() == LEAD
    assert "Ferry strike halts island crossings" in p.inner_text("#panel-article h3")
    assert hit.is_visible()

    near = entries.nth(1)
    assert "near copy" in near.inner_text()
    assert near.locator("q.wording").inner_text() == LEAD_NEAR
    assert "tamsin-2" in near.inner_text() and "sentence 2" in near.inner_text()
    assert "near copy" not in entries.nth(2).inner_text()
    near.click()
    assert p.locator("#panel-article .hl").inner_text() == LEAD_NEAR
    assert "Islanders stranded" in p.inner_text("#panel-article h3")
    assert "on" in (near.get_attribute("class") or "")

    # the keyboard reaches the next sentence: focus shows it, Enter keeps it
    second = summary.sentences[1]
    p.focus('button.sent[data-k="1"]')
    p.keyboard.press("Enter")
    assert p.inner_text("#panel-sentence") == second.unit.text
    assert p.locator("#panel-article .hl").inner_text() == second.unit.text
    assert p.get_attribute('button.sent[data-k="1"]', "aria-pressed") == "true"
    # a numbered link opens that article at that sentence
    p.click('a.ref[data-k="0"][data-a="2"]')
    assert "Strike strands" in p.inner_text("#panel-article h3")
    assert p.locator("#panel-article .hl").inner_text() == LEAD
    visit.check_clean(path.resolve().as_uri())


def test_the_removed_boilerplate_opens_and_closes(browser, plain):
    _, path = plain
    visit = open_page(browser, path)
    p = visit.page
    block = p.locator("details.dropped").first
    piece = block.locator("li").first
    assert not piece.is_visible()
    block.locator("summary").click()
    assert piece.is_visible() and "share-ui" in piece.inner_text()
    assert "Share this: Facebook Twitter Email" in piece.inner_text()
    block.locator("summary").click()
    assert not piece.is_visible()
    visit.check_clean(path.resolve().as_uri())


def test_a_rewrite_sits_beside_its_extract_with_the_guard_marks(browser, plain, tmp_path):
    summary, _ = plain
    rewrite = ("Tamsin line ferry crews went on strike at dawn on Thursday. The strike leaves "
               "3,000 passengers stranded. Captain Orla Whitby said 900 cars were stuck at "
               "the quay.")
    refined = apply_guard(dataclasses.replace(summary, refined=rewrite), "flag")
    flagged = {i["text"] for e in refined.unsupported for i in e["items"]}
    assert {"Orla Whitby", "900"} <= flagged  # the guard's own findings, not ours
    path = tmp_path / "refined.html"
    path.write_text(render(refined, "html"), encoding="utf-8")
    visit = open_page(browser, path)
    p = visit.page
    extract, rewritten = p.locator("#extract").bounding_box(), p.locator("#rewrite").bounding_box()
    assert rewritten["x"] >= extract["x"] + extract["width"] - 1  # side by side
    assert abs(rewritten["y"] - extract["y"]) < 5
    assert p.inner_text("#rewrite .rewrite") == rewrite
    assert p.inner_text("#rewrite mark.flag").startswith("Captain Orla Whitby")
    marked = p.locator("#rewrite mark.item").all_inner_texts()
    assert set(marked) == flagged
    assert "flagged" in p.inner_text("#guard").lower()
    p.click('#extract button.sent[data-k="0"]')  # the extract keeps its sources
    assert p.locator("#panel-article .hl").inner_text() == LEAD
    visit.check_clean(path.resolve().as_uri())


def test_the_index_opens_the_pages(browser, tmp_path):
    source = tmp_path / "clusters.jsonl"
    records = [{"id": cid, "documents": [{"id": a.id, "title": a.title, "text": a.text}
                                         for a in ferry().articles[:n]]}
               for cid, n in (("ferry-a", 3), ("ferry-b", 2))]
    source.write_text("".join(json.dumps(r) + "\n" for r in records))
    out = tmp_path / "pages"
    outcome = summarize_to(source, out, words=60, method="centroid",
                           **{"output.format": "html"})
    assert outcome.ok and outcome.index == out / "index.html"
    visit = open_page(browser, outcome.index)
    p = visit.page
    assert p.locator("#clusters a").all_inner_texts() == ["ferry-a", "ferry-b"]
    p.click("text=ferry-b")
    p.wait_for_url("**/ferry-b.html")
    assert p.inner_text("h1") == "Summary of ferry-b"
    p.click('button.sent[data-k="0"]')
    assert p.locator("#panel-support li").count() >= 1
    assert not visit.console_errors()
    assert {u.split("#")[0] for u in visit.requests} == {
        outcome.index.resolve().as_uri(), (out / "ferry-b.html").resolve().as_uri()}


def test_a_hostile_article_runs_nothing_and_shows_as_text(browser, tmp_path):
    summary = ferry_summary(hostile=True)
    path = tmp_path / "hostile.html"
    path.write_text(render(summary, "html"), encoding="utf-8")
    visit = open_page(browser, path)
    p = visit.page
    dialogs = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    title = p.title()
    assert title.startswith("Summary of ferry<script>") and "U+202E" in title
    for k in range(len(summary.sentences)):  # every panel the page can show
        p.click(f'button.sent[data-k="{k}"]')
        for entry in p.locator("#panel-support button.support").all():
            entry.click()
    hostile = len(summary.articles) - 1
    p.click(f'a.ref[data-k="0"][data-a="{hostile}"]')
    panel = p.inner_text("#panel")
    assert HOSTILE.split("\u202e")[0] in panel  # the title, as text
    assert "U+202E" in panel and "U+0007" in panel
    assert "<script>" in p.inner_text(f"#a{hostile} .text")
    assert p.evaluate("document.querySelectorAll('img, a[href^=javascript], iframe').length") == 0
    assert p.evaluate("document.scripts.length") == 2
    assert p.title() == title and dialogs == []
    visit.check_clean(path.resolve().as_uri())
