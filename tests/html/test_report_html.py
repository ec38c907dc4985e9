"""The evaluation report's HTML views as files: ``evaluate --report`` writes index.html and
a page per cluster (listed in results.json and the manifest), ``compare A B --html`` writes
its page atomically with links to each report's cluster pages, and ids, references,
articles and summaries from data are escaped everywhere."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from evalkit import write_jsonl
from summarizer.cli.main import main
from summarizer.errors import UsageError
from summarizer.evaluation import evaluate
from summarizer.evaluation.compare import differences_page
from summarizer.fileio import MANIFEST

HOSTILE_ID = 'x"><script>document.title="pwned"</script>\u202e'
HOSTILE = ('<script>document.title="pwned"</script> The ferry <img src=x onerror="alert(1)"> '
           'sailed on Monday <a href="javascript:alert(2)">link</a> \u202eevil text.')


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "summarizer", "-q", *args],
                          capture_output=True, text=True, timeout=300)


def tags(html: str) -> list[str]:
    """Every start tag of the page."""
    return re.findall(r"<[a-zA-Z][^>]*>", html)


def assert_inert(html: str) -> None:
    """Only our one script; no event handler, javascript: link or raw bidi override."""
    assert len(re.findall(r"<script(?![^>]*application/json)", html)) <= 1
    assert not [t for t in tags(html) if re.search(r"\son\w+\s*=", t)]
    assert not [t for t in tags(html) if "javascript:" in t.lower()]
    assert not [t for t in tags(html) if t.startswith("<img")]
    assert "\u202e" not in html


def test_evaluate_writes_pages_and_compare_links_them(tmp_path, sentinel):
    rep, cache = tmp_path / "rep", tmp_path / "cache"
    r = cli("evaluate", "-d", "harbor-bridge", "-s", "lead,random", "--cache-dir", str(cache),
            "--bootstrap", "50", "--report", str(rep))
    assert r.returncode == 0, r.stderr
    doc = json.loads((rep / "results.json").read_text())
    assert doc["cluster_pages"] == {"harbor-bridge": "clusters/harbor-bridge.html"}
    listed = (rep / MANIFEST).read_text()
    assert "index.html" in listed and "clusters/harbor-bridge.html" in listed
    index = (rep / "index.html").read_text()
    data = json.loads(re.search(r'id="cluster-rows">(.*?)</script>', index).group(1))
    assert data["systems"] == ["lead", "random"] and data["metrics"] == ["R-1", "R-2"]
    assert data["rows"][0][:2] == ["harbor-bridge", "harbor-bridge"]
    assert index.count("<svg class=\"plot\"") == 2 and index.count("<polyline") == 4
    page = (rep / "clusters" / "harbor-bridge.html").read_text()
    assert 'href="../index.html"' in page and page.count('class="system"') == 2
    assert page.count('class="reference"') == 2 and "<details>" in page
    assert "not scored" in page  # the references past the 100-word cut

    out = tmp_path / "out" / "sub" / "cmp.html"
    out.parent.mkdir(parents=True)
    out.symlink_to(sentinel.victim)  # replaced, never written through
    r = cli("compare", str(rep), "--system-a", "lead", "--system-b", "random", "--html",
            str(out))
    assert r.returncode == 0, r.stderr
    assert "| R-1 |" in r.stdout and f"comparison page: {out}" in r.stderr
    sentinel.check()
    assert not out.is_symlink()
    html = out.read_text()
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert hrefs and all(not h.startswith("/") for h in hrefs)
    assert all((out.parent / unquote(h)).resolve() == (rep / "clusters" / "harbor-bridge.html")
               .resolve() for h in hrefs)
    assert 'id="comparison"' in html and html.count('class="summary"') == 2
    assert '<span class="only">' in html


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory) -> Path:
    """A report of one cluster whose id, reference and articles are hostile."""
    tmp_path = tmp_path_factory.mktemp("hostile")
    article = ("The harbor ferry sailed again on Monday after repairs to its engine were "
               "finished over the weekend by the port crews. ")
    records = [{"id": HOSTILE_ID, "documents": [
        {"id": "a<1>", "title": "<b>bold</b>", "date": "2024-01-02",
         "text": f"{HOSTILE}\n{article}\n{article.replace('Monday', 'Tuesday')}"},
        {"id": "a2", "title": "javascript:alert(3)", "date": "2024-01-03",
         "text": f"{article}\nCrews said the repairs cost less than expected. {HOSTILE}"}],
        "references": [{"id": "<i>ref</i>", "text": HOSTILE + " The ferry sailed again."}]}]
    data = write_jsonl(tmp_path / "hostile.jsonl", records)
    evaluate(str(data), systems="lead,random", protocol="duc", report=tmp_path / "rep",
             samples=50, cache_dir=None)
    return tmp_path / "rep"


def test_hostile_ids_and_texts_are_escaped(hostile_report, tmp_path):
    rep = hostile_report
    doc = json.loads((rep / "results.json").read_text())
    (page_path,) = doc["cluster_pages"].values()
    assert re.fullmatch(r"clusters/[A-Za-z0-9._-]+\.html", page_path)
    index, page = (rep / "index.html").read_text(), (rep / page_path).read_text()
    for html in (index, page):
        assert_inert(html)
    assert "&lt;script&gt;document.title=&quot;pwned&quot;" in page  # shown, as text
    assert "U+202E" in page and "&lt;i&gt;ref&lt;/i&gt;" in page and "&lt;b&gt;bold" in page
    # the id reaches the index only inside the JSON block, with < escaped
    assert "\\u003cscript\\u003e" in index and "<script>document" not in index
    out = tmp_path / "cmp.html"
    differences_page(str(rep), None, str(out), "lead", "random", "rouge2", samples=50)
    html = out.read_text()
    assert_inert(html)
    assert "&lt;script&gt;" in html


def test_compare_html_refuses_a_metric_the_reports_lack(hostile_report, tmp_path, capsys):
    rep = hostile_report
    out = tmp_path / "cmp.html"
    with pytest.raises(UsageError, match="--metric 'rouge9'"):
        differences_page(str(rep), None, str(out), "lead", "random", "rouge9", samples=50)
    assert not out.exists()
    code = main(["compare", str(rep), "--system-a", "lead", "--system-b", "random",
                 "--metric", "rouge1"])
    assert code == 2 and "add --html FILE" in capsys.readouterr().err
    before = (rep / "index.html").read_bytes()
    with pytest.raises(UsageError, match="inside the report"):  # the report's own file
        differences_page(str(rep), None, str(rep / "index.html"), "lead", "random")
    assert (rep / "index.html").read_bytes() == before


def test_compare_html_never_copies_a_file_a_report_links_to(hostile_report, tmp_path, sentinel):
    """A report from someone else whose summary file is a link out of it: the page says
    nothing of the file the link points to."""
    rep = hostile_report
    doc = json.loads((rep / "results.json").read_text())
    victim = sentinel.victim
    secret = victim.read_text(errors="replace")
    link = rep / doc["summary_files"]["lead"][next(iter(doc["summary_files"]["lead"]))]
    link.unlink()
    link.symlink_to(victim)
    out = tmp_path / "cmp.html"
    differences_page(str(rep), None, str(out), "lead", "random", samples=50)
    assert secret.strip() and secret.strip()[:40] not in out.read_text()
    sentinel.check()
