"""The evaluation report in a real browser: the per-cluster table sorts by a system's
score and by the difference of two systems (checked against the page's own data), pages
past the first 100 rows, a cluster page highlights exactly the n-grams ROUGE counts
(recomputed here with rouge-score), switching reference or n-gram size changes them, and
a hostile cluster id, reference or article runs nothing. Every page loads nothing but
itself and logs no error."""

from __future__ import annotations

import json
import random

import pytest
from browser import open_page
from conftest import Sentinel
from rouge_score import rouge_scorer
from rouge_score.tokenize import tokenize

from evalkit import write_jsonl
from summarizer.evaluation import evaluate
from summarizer.evaluation.compare import differences_page
from summarizer.evaluation.protocols import cut, get_protocol

TOWNS = ["Alder", "Brisk", "Corran", "Dunmere", "Elstow", "Fenwick", "Gorse", "Hallam"]
EVENTS = ["a storm flooded the market square", "the council approved a new bridge",
          "a fire closed the old mill", "the school opened a science wing",
          "a ferry ran aground near the harbor", "the river rose above its banks",
          "the museum found a lost painting", "a train stalled in the tunnel"]
DETAILS = ["officials said on Monday", "residents gathered to help", "crews worked all night",
           "the mayor promised a review", "repairs will take six weeks",
           "no one was hurt", "traffic was diverted for hours", "volunteers cleared debris"]
HOSTILE_ID = '<script>document.title="pwned"</script>\u202eid'
HOSTILE = ('<script>document.title="pwned"</script> <img src=x onerror="document.title=\'pwned\'"> '
           '<a href="javascript:document.title=\'pwned\'">click me</a> \u202egnp.exe ')
CLUSTERS = 104  # and the hostile one: more than one page of 100 rows


def _sentence(rng: random.Random, town: str) -> str:
    return f"In {town}, {rng.choice(EVENTS)} and {rng.choice(DETAILS)}."


def _cluster(i: int, rng: random.Random) -> dict:
    town = TOWNS[i % len(TOWNS)]
    docs = [{"id": f"d{i}-{k}", "date": f"2024-03-{k + 10}", "title": f"{town} news {k}",
             "text": "\n".join(_sentence(rng, town) for _ in range(5))} for k in range(2)]
    refs = [{"id": f"r{k}", "text": " ".join(_sentence(rng, town) for _ in range(3))}
            for k in range(2)]
    return {"id": f"c{i:03d}", "documents": docs, "references": refs}


def _hostile() -> dict:
    text = ("The harbor ferry sailed again on Monday after repairs to its engine were "
            "finished by the port crews over the weekend. ")
    return {"id": HOSTILE_ID, "documents": [
        {"id": "h1", "date": "2024-04-01", "title": "<b>x</b>", "text": HOSTILE + text + text},
        {"id": "h2", "date": "2024-04-02", "title": "javascript:alert(1)",
         "text": text + "Crews said the work cost less than expected. " + HOSTILE}],
        "references": [{"id": "<i>r</i>", "text": HOSTILE + "The ferry sailed on Monday."}]}


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser-report")
    sentinel = Sentinel(tmp / "outside")
    rng = random.Random(23)
    data = write_jsonl(tmp / "towns.jsonl",
                       [_cluster(i, rng) for i in range(CLUSTERS)] + [_hostile()])
    ev = evaluate(str(data), systems="lead,random", protocol="duc", report=tmp / "rep",
                  samples=50, cache_dir=None)
    sentinel.check()
    return ev, tmp / "rep", json.loads((tmp / "rep" / "results.json").read_text())


def _shown_ids(page) -> list[str]:
    return page.locator("#rows tr td:first-child").all_inner_texts()


def _expected(rows: list, key, ascending: bool = False) -> list[str]:
    """Row ids as the page should order them by ``key``, ties in data order."""
    sign = 1 if ascending else -1
    order = sorted(range(len(rows)), key=lambda i: (sign * key(rows[i]), i))
    return [rows[i][0].replace("\u202e", " U+202E ") for i in order]  # shown as a mark


def test_the_cluster_table_sorts_by_score_and_by_difference(browser, report):
    _, rep, _ = report
    visit = open_page(browser, rep / "index.html")
    page = visit.page
    data = json.loads(page.locator("#cluster-rows").text_content())
    rows = data["rows"]
    assert len(rows) == CLUSTERS + 1 and page.locator("#rows tr").count() == 100
    page.select_option("#metric", "1")
    page.select_option("#sort", "0")  # lead's score
    assert _shown_ids(page) == _expected(rows, lambda r: r[2][0][1])[:100]
    page.select_option("#sort", "diff")
    page.select_option("#sys-b", "1")
    page.select_option("#sys-a", "0")
    want = _expected(rows, lambda r: round(r[2][1][1] - r[2][0][1], 2))
    assert _shown_ids(page) == want[:100]
    assert want != _expected(rows, lambda r: r[2][0][1])  # the difference is its own order
    page.click("#more")
    assert _shown_ids(page) == want and page.locator("#more").is_hidden()
    page.select_option("#order", "asc")
    assert _shown_ids(page) == _expected(rows, lambda r: round(r[2][1][1] - r[2][0][1], 2), True)[:100]
    own = (rep / "index.html").resolve().as_uri()
    visit.check_clean(own)
    page.click("#rows tr:first-child a")
    page.wait_for_url("**/clusters/*.html")
    assert page.locator("h1").inner_text().startswith("Cluster ")
    assert set(visit.requests) == {own, page.url} and not visit.console_errors()


def _hits(summary: str, reference: str, n: int) -> tuple[int, int]:
    """(hits, reference n-grams) by rouge-score itself on the duc protocol's cuts:
    recall x the reference's n-gram count."""
    proto = get_protocol("duc")
    ref = cut(reference, proto)
    recall = rouge_scorer.RougeScorer([f"rouge{n}"], use_stemmer=True).score(
        ref, cut(summary, proto))[f"rouge{n}"].recall
    total = max(0, len(tokenize(ref, None)) - n + 1)
    return round(recall * total), total


def test_a_cluster_page_highlights_what_rouge_counts(browser, report):
    ev, rep, doc = report
    cluster = ev.run.dataset.clusters[3]
    path = rep / doc["cluster_pages"][cluster.id]
    visit = open_page(browser, path)
    page = visit.page
    summaries = {name: next(r.summary for r in ev.run.results[name] if r.cluster == cluster.id)
                 for name in ("lead", "random")}
    seen = set()
    for j, ref in enumerate(cluster.references):
        page.select_option("#pick-ref", str(j))
        for n in (1, 2):
            page.select_option("#pick-n", str(n))
            for k, name in enumerate(summaries):
                page.select_option("#pick-sys", str(k))
                hits, total = _hits(summaries[name], ref.text, n)
                box = page.locator(f'.system[data-sys="{k}"]')
                assert box.locator(".hs").count() == hits, (j, n, name)
                assert box.locator(".count").inner_text().startswith(
                    f"R-{n}: {hits} of {total} reference")
                assert page.locator(f'.reference[data-ref="{j}"] .hs').count() == hits
                seen.add((j, n, k, hits))
            assert page.locator(f'.reference[data-ref="{1 - j}"].dim').count() == 1
    assert len({h for *_, h in seen}) > 1  # switching changed what is highlighted
    visit.check_clean(path.resolve().as_uri())


def test_hostile_text_runs_nothing_and_shows_as_text(browser, report, tmp_path):
    _, rep, doc = report
    compared = tmp_path / "compare.html"
    differences_page(str(rep), None, str(compared), "lead", "random", samples=50, top=200)
    for path in (rep / doc["cluster_pages"][HOSTILE_ID], rep / "index.html", compared):
        visit = open_page(browser, path)
        page = visit.page
        title = page.title()
        assert title.endswith((" - evaluation", " - evaluation report", " vs lead"))
        for link in page.locator("a").all():
            assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
        assert page.locator("img, iframe").count() == 0
        assert page.locator("script:not([type])").count() == (path != compared)  # ours
        if path.name == "index.html":
            page.select_option("#sort", "0")
            page.select_option("#order", "asc")
            shown = [t for t in _shown_ids(page) if "<script>" in t]
            assert len(shown) == 1 and "U+202E" in shown[0] and "\u202e" not in shown[0]
        else:
            text = page.locator("body").inner_text()
            assert "<script>" in text and "U+202E" in text
            assert "onerror=" in text or path == compared  # the summaries lost that tag
            for details in page.locator("details").all():
                details.locator("summary").click()
            page.get_by_text("click me").first.click()
        assert page.title() == title
        visit.check_clean(path.resolve().as_uri())
