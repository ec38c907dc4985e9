"""``summarize --format html``: one self-contained page per summary (the CLI's ``-f html``,
``-o x.html`` and ``--out-dir`` with its index.html), built from the outside; the page's
behaviour in a browser is test_summary_browser.py's.

The clusters here are written for these tests: a ferry strike told by three articles (the
lead sentence stated three times, once in other words, so dedup merges a near copy), with
boilerplate the cleaner drops, and a hostile article."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys

from conftest import EXAMPLE, REPO

from summarizer.api import summarize
from summarizer.documents import Article, Cluster, Selected, Summary, Unit
from summarizer.output import render

LEAD = ("Ferry crews on the Tamsin line walked off the job at dawn on Thursday, stranding "
        "about 3,000 passengers on both sides of the strait.")
LEAD_NEAR = LEAD.replace("at dawn on Thursday", "at dawn Thursday")
F1 = (f"{LEAD}\nThe union said the strike would last 48 hours unless the operator reopened "
      "pay talks.\nShare this: Facebook Twitter Email\nIsland shops said deliveries of fresh "
      "food had already stopped by noon.\nThe harbor master asked drivers not to queue at "
      "the terminal overnight.")
F2 = ("The operator said it had offered a four percent raise and would meet the union on "
      f"Monday.\n{LEAD_NEAR}\n(Photo: Tamsin Ferries handout)\nA charter boat carried twelve "
      "patients to the mainland hospital.\nIslanders said the last strike, two years ago, "
      "emptied the shops within three days.")
F3 = (f"{LEAD}\nTalks between the union and the operator are set to resume on Monday in the "
      "port offices.\nShops on the island said fresh food deliveries had stopped by noon on "
      "Thursday.")

HOSTILE = ('<script>document.title="pwned"</script><img src=x onerror="alert(1)">'
           '<a href="javascript:alert(2)">timetable</a> \u202egnp.exe\x07')
HOSTILE_TEXT = (f"{LEAD}\nResidents posted {HOSTILE} on the town forum about the closed "
                "quay on Thursday morning.\nThe note asked \u202eevery\u202c reader to "
                "share the\x1b[31m timetable with friends on the island.")


def ferry(hostile: bool = False) -> Cluster:
    """The ferry cluster; ``hostile`` adds an article whose id, title and text are markup,
    controls and bidi overrides (and names the cluster the same way)."""
    articles = [Article("tamsin-1", F1, title="Ferry strike halts island crossings",
                        date="2025-05-02"),
                Article("tamsin-2", F2, title="Islanders stranded as ferry crews strike",
                        date="2025-05-02"),
                Article("tamsin-3", F3, title="Strike strands ferry passengers")]
    if hostile:
        articles.append(Article(f"x{HOSTILE}", HOSTILE_TEXT, title=f"Forum {HOSTILE}",
                                date="2025-05-03"))
    return Cluster(f"ferry{HOSTILE}" if hostile else "ferry", articles)


def ferry_summary(hostile: bool = False, **overrides) -> Summary:
    """The ferry cluster summarized by centroid, whose first sentence is the lead (so the
    page has a near copy to show)."""
    return summarize(ferry(hostile), words=60, method="centroid", **overrides)


def run_cli(*args: str, cwd) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "summarizer", "summarize", *args],
                          capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def test_o_html_writes_one_self_contained_page(tmp_path, sentinel):
    out = tmp_path / "page.html"
    done = run_cli(str(EXAMPLE), "--words", "100", "-o", str(out), cwd=tmp_path)
    sentinel.check()
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in page
    assert page.count("<script>") == 1 and page.count("<style>") == 1
    assert not re.search(r'(src|href)="(?!#)', page), "the page links or loads something"
    assert "<title>Summary of harbor-bridge</title>" in page
    assert page.count('class="sent"') == 5
    assert "&quot;format&quot;: &quot;html&quot;" in page  # the config it was made with


def test_o_html_keeps_a_config_read_from_a_pipe(tmp_path):
    """``-o x.html`` picks the format after the config is read: a config from a pipe
    (read once) still sets the budget."""
    read, write = os.pipe()
    os.write(write, b"select:\n  words: 42\n")
    os.close(write)
    out = tmp_path / "page.html"
    try:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        done = subprocess.run([sys.executable, "-m", "summarizer", "summarize", str(EXAMPLE),
                               "--config", f"/dev/fd/{read}", "-o", str(out)], pass_fds=(read,),
                              capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    finally:
        os.close(read)
    assert done.returncode == 0, done.stderr
    assert "&quot;words&quot;: 42" in out.read_text(encoding="utf-8")


def test_out_dir_writes_a_page_per_cluster_and_an_index(tmp_path, sentinel):
    records = [{"id": "index", "documents": [{"id": a.id, "title": a.title, "text": a.text}
                                              for a in ferry().articles]},
               {"id": "ferry", "documents": [{"id": a.id, "text": a.text}
                                             for a in ferry().articles[:2]]}]
    source = tmp_path / "clusters.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records))
    refused = run_cli(str(source), "-f", "html", cwd=tmp_path)
    assert refused.returncode == 2 and refused.stdout == ""
    assert "--out-dir" in refused.stderr and "Traceback" not in refused.stderr

    out = tmp_path / "pages"
    out.mkdir()
    (out / "index.html").symlink_to(sentinel.victim)  # replaced, never written through
    done = run_cli(str(source), "-f", "html", "--out-dir", str(out), "--method", "centroid",
                   cwd=tmp_path)
    sentinel.check()
    assert done.returncode == 0, done.stderr
    assert f"{out / 'index.html'}" in done.stderr
    index = out / "index.html"
    assert index.is_file() and not index.is_symlink()
    pages = sorted(p.name for p in out.iterdir())
    assert len(pages) == 3 and "ferry.html" in pages
    renamed = next(p for p in pages if p.startswith("index-"))
    assert renamed in done.stderr  # the warning names where cluster "index" went
    html = index.read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', html)
    assert links == [(renamed, "index"), ("ferry.html", "ferry")]
    assert "Ferry crews on the Tamsin line" in html
    assert "<title>Summary of index</title>" in (out / renamed).read_text(encoding="utf-8")


def test_the_page_shows_summary_sources_and_what_was_removed():
    summary = ferry_summary()
    page = render(summary, "html")
    assert page == render(summary, "html"), "the page is a pure function of the summary"
    for selected in summary.sentences:
        assert f'<span class="words" dir="auto">{selected.unit.text}</span>' in page
    # every article as its sentences, each one an element the panel can highlight
    for s in summary.article_sentences:
        assert re.search(rf'id="a{s.article}-s{s.position}" data-p="{s.position}">'
                         rf"{re.escape(s.text)}</span>", page)
    data = json.loads(re.search(r'id="support-data">(.*?)</script>', page).group(1))
    first = data["support"][0]
    assert first == [[0, 0, 0], [1, 1, 2], [2, 0, 1]]  # kept, near copy, same words
    # the boilerplate, collapsed, with its rule
    assert page.count('<details class="dropped">') == 2
    assert '<span class="rule">share-ui</span><span dir="auto">Share this: Facebook' in page
    assert '<span class="rule">credit</span>' in page
    assert 'id="language">Language: english (en; detected' in page
    assert '<details id="config"><summary>Config</summary>' in page
    assert 'id="timings"' not in page
    timed = render(summary, "html", timings=True)
    assert 'id="timings"' in timed and "<td>dedup</td>" in timed


def test_a_hostile_article_is_text():
    summary = ferry_summary(hostile=True)
    page = render(summary, "html")
    body = page.split("<body>", 1)[1]
    assert "<title>Summary of ferry&lt;script&gt;" in page and "U+202E" in page.split("</title>")[0]
    assert body.count("<script") == 2  # the data block and the page's own script
    assert "<img" not in body and "<a href=\"javascript" not in body.lower()
    assert "&lt;script&gt;document.title=&quot;pwned&quot;" in body
    assert "onerror=&quot;alert(1)&quot;" in body
    assert "\u202e" not in page and "\x07" not in page and "\x1b" not in page
    assert body.count('<span class="ctl"') >= 6


def test_text_markdown_and_json_are_unchanged():
    """The split sentences travel with the summary but never reach the other outputs."""
    summary = ferry_summary()
    assert summary.article_sentences
    bare = dataclasses.replace(summary, article_sentences=[])
    for fmt in ("text", "markdown", "json"):
        assert render(summary, fmt, True) == render(bare, fmt, True)
    assert set(summary.to_dict()) == {"cluster", "summary", "words", "language", "sentences",
                                      "articles", "dropped", "config"}
    assert "article_sentences" not in render(summary, "json")


def test_a_summary_built_by_hand_still_renders():
    """No split sentences, no language: the article's text, with the summary sentence
    found in it."""
    article = Article("a1", "The ferry stopped. Crews walked off the job at dawn. Shops shut.")
    unit = Unit("Crews walked off the job at dawn.", ((0, 1),))
    summary = Summary("by-hand", [Selected(unit, 1.0, 0)], [article])
    page = render(summary, "html")
    assert ('The ferry stopped. <span class="s used" id="a0-s1" data-p="1">Crews walked off '
            "the job at dawn.</span> Shops shut.") in page
    assert "Nothing was removed." in page and 'id="language"' not in page
