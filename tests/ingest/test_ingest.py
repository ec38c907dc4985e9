"""Ingest: folders, files, cluster files and stdin -> clusters. All fixtures are written
here into tmp_path; nothing is copied from the evaluation data."""

from __future__ import annotations

import io
import json
import logging
import os
import pathlib
from pathlib import Path

import pytest

from summarizer.config import IngestConfig
from summarizer.errors import InputError
from summarizer.ingest import ClusterSource, decode_bytes, list_clusters, parse_text, read_path
from summarizer.ingest.decode import Unreadable
from summarizer.ingest.formats import parse_date_line, strip_tags
from conftest import require_shared

BODY = (
    "The city council approved a new budget on Tuesday after a long debate about "
    "road repairs, school funding and the cost of running the public library."
)
BODY2 = (
    "Residents who spoke at the meeting asked for more street lights in the old town "
    "and for longer opening hours at the swimming pool during the summer."
)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def warnings(caplog):
    caplog.set_level(logging.WARNING, logger="summarizer")
    return caplog


# ----------------------------------------------------------------------------- formats


def test_txt_title_and_text(tmp_path):
    write(tmp_path / "c" / "a.txt", f"\n\nCouncil passes budget\n\n{BODY}\n\n{BODY2}\n")
    (cluster,) = read_path(tmp_path / "c")
    assert cluster.id == "c"
    (article,) = cluster.articles
    assert article.id == "a.txt"
    assert article.title == "Council passes budget"
    assert article.text == f"{BODY}\n\n{BODY2}"
    assert article.date is None
    assert article.source.endswith("a.txt")


def test_txt_date_line_after_title():
    art = parse_text(f"Budget passes\nTuesday, March 3, 2020\n\n{BODY}", "a.txt")
    assert art.date == "2020-03-03"
    assert art.text == BODY
    art = parse_text(f"Budget passes\n2021-07-09\n{BODY}", "a.txt")
    assert art.date == "2021-07-09" and art.text == BODY


def test_txt_single_line_is_text_without_title():
    art = parse_text(BODY + "\n", "a.txt")
    assert art.title == "" and art.text == BODY


@pytest.mark.parametrize(
    "line,iso",
    [
        ("Saturday, January 8, 2005", "2005-01-08"),
        ("Jan. 7, 2019", "2019-01-07"),
        ("7 March 2018", "2018-03-07"),
        ("Posted: Sept. 30, 2016", "2016-09-30"),
        ("The vote was on Jan. 7, 2019", None),
        ("February 30, 2019", None),
    ],
)
def test_parse_date_line(line, iso):
    assert parse_date_line(line) == iso


def test_markdown(tmp_path):
    md = (
        "---\nlayout: post\n---\n"
        "# Council passes budget #\n\n"
        f"## Vote\n\n{BODY} See [the minutes](http://example.org/m) for **details**.\n\n"
        "![chart](chart.png)\n\n> A quoted line.\n"
    )
    write(tmp_path / "c" / "a.md", md)
    (cluster,) = read_path(tmp_path / "c")
    art = cluster.articles[0]
    assert art.title == "Council passes budget"
    assert art.text == f"Vote\n\n{BODY} See the minutes for details.\n\nA quoted line."


HTML = f"""<!DOCTYPE html>
<html><head><title>Council passes budget | Example Gazette</title>
<meta property="og:title" content="Council passes budget">
<meta name="date" content="2020-03-03">
<script>var tracking = "do not read me";</script></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Council passes budget</h1>
<p>{BODY}</p><p>{BODY2}</p>
<p>The mayor said the first repairs would start in April, weather permitting, and
that the library would stay open on Sundays for the rest of the year.</p>
</article><footer>Contact us | About</footer></body></html>
"""


def test_html_via_trafilatura(tmp_path):
    write(tmp_path / "c" / "page.html", HTML)
    (cluster,) = read_path(tmp_path / "c")
    art = cluster.articles[0]
    assert art.id == "page.html"
    assert art.title == "Council passes budget"
    assert art.date == "2020-03-03"
    assert BODY in art.text and BODY2 in art.text
    assert "tracking" not in art.text and "Home" not in art.text
    assert not art.text.startswith("Council passes budget")


def test_html_fallback_tag_strip(tmp_path, monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: None)
    write(tmp_path / "c" / "page.htm", HTML)
    (cluster,) = read_path(tmp_path / "c")
    art = cluster.articles[0]
    assert art.title == "Council passes budget"
    assert art.text.split("\n")[0] == BODY  # the h1 repeating the title is removed
    assert BODY2 in art.text
    assert "tracking" not in art.text and "Home" not in art.text and "Contact" not in art.text


def test_strip_tags():
    title, text = strip_tags("<html><head><title>T</title><style>p{}</style></head>"
                             "<body><p>One &amp; two</p><div>three<br>four</div></body></html>")
    assert title == "T"
    assert text == "One & two\n\nthree\nfour"


def test_json_single_and_list(tmp_path):
    write(tmp_path / "c" / "one.json", json.dumps(
        {"title": "Budget", "text": BODY, "date": "2020-03-03", "url": "http://x.org/1"}))
    write(tmp_path / "c" / "many.json", json.dumps(
        [{"id": "k1", "text": BODY2}, {"text": "  "}, {"text": BODY, "title": "Again"}]))
    (cluster,) = read_path(tmp_path / "c")
    ids = [a.id for a in cluster.articles]
    assert ids == ["many.json#k1", "many.json#2", "one.json"]
    one = cluster.articles[2]
    assert (one.title, one.date, one.url, one.text) == ("Budget", "2020-03-03", "http://x.org/1", BODY)


def test_jsonl_articles_in_folder(tmp_path, warnings):
    lines = [json.dumps({"text": BODY, "title": "A"}), "", "{not json",
             json.dumps({"id": 7, "text": BODY2}), json.dumps({"headline": "no text"})]
    write(tmp_path / "c" / "arts.jsonl", "\n".join(lines))
    (cluster,) = read_path(tmp_path / "c")
    assert [a.id for a in cluster.articles] == ["arts.jsonl#0", "arts.jsonl#7"]
    assert "line 3: invalid JSON" in warnings.text  # 1-based, as editors number lines
    assert "line 5: no 'text'" in warnings.text
    assert "arts.jsonl" in warnings.text


def test_jsonl_of_articles_as_file_is_one_cluster(tmp_path):
    path = write(tmp_path / "event.jsonl",
                 json.dumps({"text": BODY}) + "\n" + json.dumps({"text": BODY2}) + "\n")
    (cluster,) = read_path(path)
    assert cluster.id == "event"
    assert [a.text for a in cluster.articles] == [BODY, BODY2]


# ----------------------------------------------------------------------------- cluster files


def test_unified_cluster_jsonl(tmp_path):
    rows = [
        {"id": "d1", "topic_title": "Budget", "topic_narrative": "Describe the vote.",
         "documents": [{"id": "X1", "date": "2020-03-03", "text": BODY},
                       {"id": "X2", "text": "   "},
                       {"id": "X3", "text": BODY2, "title": "Pool hours"}],
         "references": [{"id": "A", "text": "The council passed a budget."}, "Plain reference."]},
        {"documents": [{"text": BODY}], "references": []},
    ]
    path = write(tmp_path / "clusters.jsonl", "\n".join(json.dumps(r) for r in rows))
    c1, c2 = read_path(path)
    assert c1.id == "d1"
    assert [a.id for a in c1.articles] == ["X1", "X3"]  # the empty document is dropped
    assert c1.articles[0].date == "2020-03-03"
    assert c1.articles[1].title == "Pool hours"
    assert [(r.id, r.text) for r in c1.references] == [
        ("A", "The council passed a budget."), ("1", "Plain reference.")]
    assert c1.meta == {"topic_title": "Budget", "topic_narrative": "Describe the vote."}
    assert c2.id == "1"  # no id: the 0-based line number
    assert [a.id for a in c2.articles] == ["0"]


def test_multinews_raw(tmp_path):
    doc = (f"First line of one. NEWLINE_CHAR NEWLINE_CHAR {BODY} ||||| "
           f"  NEWLINE_CHAR   ||||| {BODY2} NEWLINE_CHAR Last line. |||||")
    rows = [
        {"id": "mn-1", "document": doc, "summary": "– The council passed a budget."},
        {"document": BODY, "summary": "–Summary without space."},
    ]
    path = write(tmp_path / "mn.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    c1, c2 = read_path(path)
    assert c1.id == "mn-1"
    assert [a.id for a in c1.articles] == ["0", "2"]  # empty articles dropped, ids kept
    assert c1.articles[0].text == f"First line of one.\n\n{BODY}"
    assert c1.articles[1].text == f"{BODY2}\nLast line."
    assert "NEWLINE_CHAR" not in c1.articles[0].text
    assert [r.text for r in c1.references] == ["The council passed a budget."]
    assert c2.id == "1"
    assert c2.references[0].text == "Summary without space."


def test_formats_detected_per_line(tmp_path):
    rows = [
        {"id": "u", "documents": [{"id": "d", "text": BODY}], "references": []},
        {"id": "m", "document": f"{BODY} ||||| {BODY2}", "summary": "– S."},
    ]
    path = write(tmp_path / "mixed.jsonl", "\n".join(json.dumps(r) for r in rows))
    clusters = read_path(path)
    assert [(c.id, len(c.articles)) for c in clusters] == [("u", 1), ("m", 2)]


def test_cluster_file_inside_folder_adds_clusters(tmp_path):
    write(tmp_path / "data" / "clusters.jsonl",
          json.dumps({"id": "u1", "documents": [{"id": "d", "text": BODY}]}))
    clusters = read_path(tmp_path / "data")
    assert [c.id for c in clusters] == ["u1"]


# ----------------------------------------------------------------------------- encodings


def test_latin1_file_falls_back_with_warning(tmp_path, warnings):
    text = ("Café fermé\n\nLe café du coin a fermé ses portes après trente années de service. "
            "Les habitués regrettent déjà les croissants et le thé à la menthe du matin.\n")
    write(tmp_path / "c" / "latin.txt", text.encode("latin-1"))
    write(tmp_path / "c" / "utf8.txt", f"Title\n{BODY}")
    (cluster,) = read_path(tmp_path / "c")
    latin = cluster.articles[0]
    assert latin.title == "Café fermé"
    assert "habitués regrettent déjà" in latin.text
    assert "latin.txt" in warnings.text and "not valid UTF-8" in warnings.text
    assert "utf8.txt" not in warnings.text


@pytest.mark.parametrize(
    "text,encoding",
    [
        ("The caf\u00e9 owner said \u201cwe are closed\u201d \u2014 for good. " * 3, "cp1252"),
        ("Zielona G\u00f3ra: \u017c\u00f3\u0142ty \u017curaw lecia\u0142 nad \u0142\u0105k\u0105 "
         "i g\u0119\u015bl\u0105 ja\u017a\u0144 pod miastem. " * 4, "cp1250"),
        ("\u041f\u0440\u0430\u0432\u0438\u0442\u0435\u043b\u044c\u0441\u0442\u0432\u043e "
         "\u0443\u0442\u0432\u0435\u0440\u0434\u0438\u043b\u043e \u043d\u043e\u0432\u044b\u0439 "
         "\u0431\u044e\u0434\u0436\u0435\u0442 \u0433\u043e\u0440\u043e\u0434\u0430. " * 6, "cp1251"),
    ],
)
def test_legacy_encodings(text, encoding, warnings):
    assert decode_bytes(text.encode(encoding), name="legacy.txt") == text
    assert "legacy.txt" in warnings.text


def test_utf8_bom_and_crlf():
    text = decode_bytes(b"\xef\xbb\xbfTitle\r\nLine one\rLine two")
    assert text == "Title\nLine one\nLine two"
    assert decode_bytes("Caf\u00e9".encode("utf-16")) == "Café"


def test_decode_rejects_binary():
    with pytest.raises(Unreadable, match="NUL"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(Unreadable, match="min_text_ratio"):
        decode_bytes(bytes(range(1, 9)) * 20 + b"some text")
    # the threshold comes from the config
    decode_bytes(bytes(range(1, 9)) * 2 + b"x" * 200, IngestConfig(min_text_ratio=0.9))


# ----------------------------------------------------------------------------- skipping


def test_unreadable_files_skipped_with_warnings(tmp_path, warnings, monkeypatch):
    folder = tmp_path / "c"
    write(folder / "good.txt", f"Budget\n{BODY}")
    write(folder / "binary.txt", b"abc\x00\x01\x02" * 50)
    write(folder / "controls.txt", bytes(range(1, 9)) * 40)
    write(folder / "broken.json", '{"text": "unterminated')
    write(folder / "big.txt", "Big\n" + "word " * 400_000)
    write(folder / "locked.txt", f"Locked\n{BODY}")
    write(folder / "empty.txt", "  \n\n")
    write(folder / "picture.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(folder / ".hidden.txt", f"Hidden\n{BODY}")

    real_open = os.open

    def locked_open(path, *args, **kwargs):  # chmod 000 does not stop root
        if pathlib.Path(path).name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", locked_open)
    (cluster,) = read_path(folder, IngestConfig(max_file_mb=1))
    assert [a.id for a in cluster.articles] == ["good.txt"]
    log = warnings.text
    for name, reason in [
        ("binary.txt", "NUL"),
        ("controls.txt", "binary content"),
        ("broken.json", "invalid JSON"),
        ("big.txt", "too large"),
        ("locked.txt", "permission denied"),
        ("empty.txt", "no text"),
    ]:
        assert any(name in r.getMessage() and reason in r.getMessage() for r in warnings.records), (
            name, reason, log)
    assert "picture.png" not in log  # unknown extensions in a folder are silently ignored
    assert ".hidden" not in log
    assert all(r.levelno == logging.WARNING for r in warnings.records)


def test_config_extensions_respected(tmp_path):
    write(tmp_path / "c" / "a.txt", f"A\n{BODY}")
    write(tmp_path / "c" / "b.md", f"B\n{BODY2}")
    (cluster,) = read_path(tmp_path / "c", IngestConfig(extensions=[".md"]))
    assert [a.id for a in cluster.articles] == ["b.md"]


# ----------------------------------------------------------------------------- errors


def test_missing_path():
    with pytest.raises(InputError, match="not found"):
        read_path("/nonexistent/folder/for/sure")


def test_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="is empty") as err:
        read_path(tmp_path / "empty")
    assert err.value.exit_code == 2


def test_folder_without_supported_files(tmp_path):
    write(tmp_path / "c" / "photo.png", b"\x89PNG\x00")
    with pytest.raises(InputError, match="no supported files"):
        read_path(tmp_path / "c")


def test_folder_with_nothing_readable(tmp_path, warnings):
    write(tmp_path / "c" / "a.txt", b"\x00\x01" * 10)
    write(tmp_path / "c" / "b.json", "[1, 2")
    with pytest.raises(InputError, match=r"no readable articles .*2 of 2 file\(s\) skipped"):
        read_path(tmp_path / "c")


def test_direct_file_errors(tmp_path):
    png = write(tmp_path / "x.png", b"\x89PNG\x00")
    with pytest.raises(InputError, match="unsupported file type '.png'"):
        read_path(png)
    binary = write(tmp_path / "x.txt", b"\x00" * 10)
    with pytest.raises(InputError, match=r"cannot read .*x\.txt: binary content"):
        read_path(binary)
    bad = write(tmp_path / "x.json", "{")
    with pytest.raises(InputError, match="invalid JSON"):
        read_path(bad)
    nothing = write(tmp_path / "y.jsonl", json.dumps({"other": 1}) + "\n")
    with pytest.raises(InputError, match="y.jsonl"):
        read_path(nothing)


def test_direct_text_file(tmp_path):
    path = write(tmp_path / "story.txt", f"Budget\n{BODY}")
    (cluster,) = read_path(str(path))
    assert cluster.id == "story" and cluster.articles[0].id == "story.txt"


# ----------------------------------------------------------------------------- layouts


def test_folder_per_cluster_with_references(tmp_path):
    root = tmp_path / "eval"
    write(root / "c2" / "b.txt", f"B\n{BODY2}")
    write(root / "c2" / "a.txt", f"A\n{BODY}")
    write(root / "c2" / "references" / "B.txt", "Second reference.\n")
    write(root / "c2" / "references" / "A.txt", "First reference.\n")
    write(root / "c1" / "x.html", HTML)
    write(root / "c1" / "references" / "notes.md", "ignored: references are .txt")
    (root / "empty").mkdir()
    clusters = read_path(root)
    assert [c.id for c in clusters] == ["c1", "c2"]
    c1, c2 = clusters
    assert [a.id for a in c2.articles] == ["a.txt", "b.txt"]
    assert [(r.id, r.text) for r in c2.references] == [("A", "First reference."),
                                                       ("B", "Second reference.")]
    assert c1.references == []
    assert all("reference" not in a.text for c in clusters for a in c.articles)


def test_single_cluster_recursive_with_references(tmp_path):
    root = tmp_path / "event"
    write(root / "top.txt", f"Top\n{BODY}")
    write(root / "sub" / "deeper" / "z.txt", f"Z\n{BODY2}")
    write(root / "sub" / "a.json", json.dumps({"text": BODY2}))
    write(root / "references" / "R1.txt", "A reference summary.")
    (cluster,) = read_path(root)
    assert cluster.id == "event"
    assert [a.id for a in cluster.articles] == ["top.txt", "sub/a.json", "sub/deeper/z.txt"]
    assert [r.id for r in cluster.references] == ["R1"]


def test_references_folder_marks_the_cluster_root(tmp_path):
    root = tmp_path / "event"
    write(root / "docs" / "a.txt", f"A\n{BODY}")
    write(root / "references" / "R.txt", "Ref.")
    (cluster,) = read_path(root)
    assert cluster.id == "event" and [a.id for a in cluster.articles] == ["docs/a.txt"]


def test_read_order_is_deterministic(tmp_path):
    root = tmp_path / "c"
    for name in ["b.txt", "a.txt", "C.txt", "a/b.txt"]:
        write(root / name, f"T\n{BODY}")
    ids = [a.id for a in read_path(root)[0].articles]
    assert ids == ["C.txt", "a.txt", "b.txt", "a/b.txt"]


def test_list_clusters_lists_each_source_without_reading_it(tmp_path, warnings):
    root = tmp_path / "eval"
    write(root / "c1" / "binary.txt", b"abc\x00\x01\x02" * 50)  # unreadable: found on reading
    write(root / "c2" / "a.txt", f"A\n{BODY}")
    write(root / "c2" / "references" / "A.txt", "A reference.\n")
    (root / "empty").mkdir()
    write(root / "group" / "deep" / "x.txt", f"X\n{BODY2}")
    inner = {"id": "inner", "documents": [{"id": "d", "text": BODY}]}
    write(root / "group" / "deep" / "more.jsonl", json.dumps(inner))
    sources = list_clusters(root)
    assert [(s.kind, s.cluster_id) for s in sources] == [
        ("folder", "c1"), ("folder", "c2"), ("folder", "empty"), ("folder", "group/deep")]
    assert not warnings.records  # nothing was read
    problems: list[str] = []
    read = [c for s in sources for c in s.read(problems=problems)]
    assert "binary.txt" in warnings.text and problems == []
    assert [(c.id, [a.id for a in c.articles], len(c.references)) for c in read] == [
        ("c2", ["a.txt"], 1), ("group/deep", ["x.txt"], 0), ("inner", ["d"], 0)]
    assert [c.id for c in read_path(root)] == [c.id for c in read]
    file = write(tmp_path / "clusters.jsonl", json.dumps(inner) + "\nnot json\n")
    assert list_clusters(file) == [ClusterSource("file", file)]
    (cluster,) = list_clusters(file)[0].read(problems=problems)
    assert cluster.id == "inner" and len(problems) == 1 and "line 2" in problems[0]
    assert [s.kind for s in list_clusters("-")] == ["stdin"]
    with pytest.raises(InputError, match="input not found"):
        list_clusters(tmp_path / "missing")
    with pytest.raises(InputError, match="unsupported file type '.pdf'"):
        list_clusters(write(tmp_path / "paper.pdf", "x"))


# ----------------------------------------------------------------------------- stdin


def test_stdin_plain_text():
    (cluster,) = read_path("-", stdin=io.StringIO(f"\n{BODY}\n\n{BODY2}\n"))
    assert cluster.id == "stdin"
    (art,) = cluster.articles
    assert art.id == "stdin" and art.title == "" and art.text == f"{BODY}\n\n{BODY2}"


def test_stdin_cluster_jsonl():
    rows = [{"id": "s1", "documents": [{"id": "d", "text": BODY}], "references": []},
            {"id": "s2", "document": f"{BODY} ||||| {BODY2}", "summary": "– S."}]
    clusters = read_path("-", stdin=io.StringIO("\n".join(json.dumps(r) for r in rows)))
    assert [c.id for c in clusters] == ["s1", "s2"]
    assert clusters[1].references[0].text == "S."


def test_stdin_json_article_and_list():
    (cluster,) = read_path("-", stdin=io.StringIO(json.dumps({"title": "T", "text": BODY})))
    assert cluster.articles[0].title == "T" and cluster.articles[0].text == BODY
    (cluster,) = read_path("-", stdin=io.StringIO(json.dumps([{"text": BODY}, {"text": BODY2}])))
    assert len(cluster.articles) == 2


def test_stdin_bytes_are_decoded():
    class Binary(io.StringIO):
        def read(self, *a):
            return "Café au lait was served. ".encode("latin-1") * 5

    (cluster,) = read_path("-", stdin=Binary())
    assert "Café" in cluster.articles[0].text


def test_stdin_empty_or_bad():
    with pytest.raises(InputError, match="stdin is empty"):
        read_path("-", stdin=io.StringIO("  \n"))
    with pytest.raises(InputError, match="no readable articles on stdin"):
        read_path("-", stdin=io.StringIO('{"nothing": 1}'))


def test_stdin_brace_text_is_plain_text(warnings):
    (cluster,) = read_path("-", stdin=io.StringIO("{Editor's note} " + BODY))
    assert cluster.articles[0].text.startswith("{Editor's note}")
    assert "stdin looks like JSON" in warnings.text


# ----------------------------------------------------------------------------- shared data

def _shared() -> Path:
    return require_shared()


@pytest.mark.shared
def test_shared_seed_cluster():
    (cluster,) = read_path(_shared() / "seed-cluster")
    assert cluster.id == "seed-cluster"
    assert len(cluster.articles) == 5 and cluster.references == []
    assert all(a.title and len(a.text.split()) > 200 for a in cluster.articles)
    assert [a.id for a in cluster.articles] == sorted(a.id for a in cluster.articles)


@pytest.mark.shared
@pytest.mark.parametrize(
    "path,n_clusters,n_refs",
    [
        ("duc2003/clusters.jsonl", 30, 4),
        ("duc2006/clusters.jsonl", 50, 4),
        ("tac2011-en/clusters.jsonl", 10, 3),
        ("multinews-dev/dev.jsonl", 100, 1),
    ],
)
def test_shared_cluster_files(path, n_clusters, n_refs):
    clusters = read_path(_shared() / path)
    assert len(clusters) == n_clusters
    assert len({c.id for c in clusters}) == n_clusters
    for c in clusters:
        assert c.articles and len(c.references) == n_refs
        assert all(a.text.strip() for a in c.articles)
        assert all("NEWLINE_CHAR" not in a.text and "|||||" not in a.text for a in c.articles)
        assert all(not r.text.startswith("–") for r in c.references)
    if path.startswith("duc2006"):
        assert all("topic_title" in c.meta for c in clusters)


def test_stdin_over_max_file_mb_is_refused(tmp_path):
    import subprocess
    import sys

    text = "The harbour council met on Monday and voted to rebuild the bridge.\n" * 40_000
    r = subprocess.run([sys.executable, "-m", "summarizer", "summarize", "-",
                        "--set", "ingest.max_file_mb=1"], input=text,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [
        "summarizer: error: stdin is larger than ingest.max_file_mb=1 MB; raise the limit "
        "with --set ingest.max_file_mb=N or pass a file"]
