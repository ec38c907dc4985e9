"""Text of one file -> articles or clusters, one parser per format.

Every parser works on already decoded text (see :mod:`.decode`) and knows nothing about
folders. Problems with a single record (a JSONL line that is not JSON, an object without
``text``) are reported through :class:`Records.problems` so the caller can log them with
the file name; a whole file that cannot be parsed raises :class:`~.decode.Unreadable`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser

from ..documents import Article, Cluster, Reference
from ..text import MONTH_PATTERN, MONTHS, WEEKDAY_PATTERN
from .decode import Unreadable

MULTINEWS_SEPARATOR = "|||||"
MULTINEWS_NEWLINE = "NEWLINE_CHAR"
# The Multi-News reference summaries start with an en dash and a space.
_SUMMARY_DASH = re.compile(r"^\s*[–—-]\s*")

# ----------------------------------------------------------------------------- text


# "(?:\s*:)?\s*" is "\s*:?\s*" read one way only: a label before 100,000 spaces is not
# tried at every split of them.
_DATE_LINE = re.compile(
    r"^(?:(?:posted|published|updated|date)(?:\s*:)?\s*)?"
    r"(?:" + WEEKDAY_PATTERN + r",?\s+)?"
    r"(?:(?P<iso>\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+Z?)?"
    r"|(?P<mon>" + MONTH_PATTERN + r")\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})"
    r"|(?P<day2>\d{1,2})\s+(?P<mon2>" + MONTH_PATTERN + r")\.?,?\s+(?P<year2>\d{4}))\.?$",
    re.IGNORECASE,
)


def parse_date_line(line: str) -> str | None:
    """``"Saturday, January 8, 2005"`` -> ``"2005-01-08"``; None when the line is not
    only a date."""
    m = _DATE_LINE.match(line.strip())
    if not m:
        return None
    if m.group("iso"):
        return m.group("iso")
    mon, day, year = (
        (m.group("mon"), m.group("day"), m.group("year"))
        if m.group("mon")
        else (m.group("mon2"), m.group("day2"), m.group("year2"))
    )
    try:
        return datetime(int(year), MONTHS[mon[:3].lower()], int(day)).date().isoformat()
    except ValueError:
        return None


def _tidy(lines: list[str]) -> str:
    """Strip each line, collapse runs of blank lines, strip the whole."""
    out: list[str] = []
    for line in lines:
        line = line.strip()
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def parse_text(text: str, article_id: str, source: str = "", markdown: bool = False) -> Article:
    """A plain-text or Markdown article: the first non-empty line is the title, the rest
    is the text. A date-only line right after the title becomes ``Article.date``.

    A file of one line only, or whose first line is far too long for a headline
    (over 40 words), has no title: all of it is text.
    """
    lines = text.split("\n")
    if markdown:
        lines = _markdown_lines(lines)
    nonempty = [i for i, line in enumerate(lines) if line.strip()]
    if not nonempty:
        return Article(id=article_id, text="", source=source)
    first = nonempty[0]
    title = lines[first].strip()
    if len(nonempty) == 1 or len(title.split()) > 40:
        return Article(id=article_id, text=_tidy(lines), source=source)
    rest = lines[first + 1 :]
    date = None
    for i in [i for i, line in enumerate(rest) if line.strip()][:2]:
        date = parse_date_line(rest[i])
        if date:
            rest = rest[:i] + rest[i + 1 :]
            break
    return Article(id=article_id, text=_tidy(rest), title=title, date=date, source=source)


# A heading's marks; its text is the rest without the closing marks and white space
# around them (what "\s*(.*?)\s*#*\s*$" keeps, found in one pass by strip: the
# expression took time cubic in a run of spaces).
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}")
# Linear in the line's length: no part may run past the next bracket of its own kind (a
# line of 100,000 "[" would otherwise be scanned to its end from each one: a hang). A
# target may hold one level of parentheses (a Wikipedia URL).
_MD_TARGET = r"\((?:[^()]|\([^()]*\))*\)"
_MD_IMAGE = re.compile(r"!\[[^\[\]]*\]" + _MD_TARGET)
_MD_LINK = re.compile(r"\[([^\[\]]+)\]" + _MD_TARGET)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")


def _markdown_lines(lines: list[str]) -> list[str]:
    """Light Markdown to text: headings, links, images, bold, quotes, rules."""
    out = []
    in_front_matter = bool(lines) and lines[0].strip() == "---"
    for n, line in enumerate(lines):
        if in_front_matter:
            if n > 0 and line.strip() == "---":
                in_front_matter = False
            out.append("")
            continue
        if _MD_RULE.match(line):
            out.append("")
            continue
        m = _MD_HEADING.match(line)
        if m:
            line = line[m.end():].strip().rstrip("#").rstrip()
        line = _MD_QUOTE.sub("", line)
        line = _MD_IMAGE.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        out.append(line)
    return out


# ----------------------------------------------------------------------------- html


class _TagStripper(HTMLParser):
    """Fallback HTML -> text: drop scripts, styles and page chrome, one line per block."""

    SKIP = {"script", "style", "noscript", "template", "svg", "nav", "footer", "form", "head"}
    BLOCK = {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
        "table", "section", "article", "blockquote", "pre", "header", "main", "aside",
        "figure", "figcaption", "dd", "dt", "hr",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title = ""
        self.h1 = ""
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        if tag in ("title", "h1"):
            self._in = tag
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        if tag == self._in:
            self._in = None
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in == "title" and not self.title:
            self.title = " ".join(data.split())
        elif self._in == "h1" and not self.h1:
            self.h1 = " ".join(data.split())
        if not self.skip:
            self.parts.append(data)


def strip_tags(html: str) -> tuple[str, str]:
    """Plain tag-strip fallback: (title, text)."""
    parser = _TagStripper()
    try:
        parser.feed(html)
        # What the parser still holds is an unclosed "<a ", "</", "<!--" ... and what
        # follows it; closing would look for its end again from every "<" after it (time
        # quadratic in their number before Python 3.13.4), so it is read as text.
        parser.rawdata = parser.rawdata.replace("<", "&lt;")
        parser.close()
    except Exception:  # html.parser is lenient; this is belt and braces
        pass
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    return parser.title or parser.h1, _tidy(lines)


def parse_html(html: str, article_id: str, source: str = "") -> Article:
    """Main text by trafilatura ``extract``, title/date/url from its metadata; a plain
    tag-strip when trafilatura finds nothing, with a warning naming the page (the text
    then holds the page's menus and notices too; the cleaner takes out what it can)."""
    import logging

    name = source or article_id
    text = title = ""
    date = url = None
    try:
        import trafilatura

        text = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
        meta = trafilatura.extract_metadata(html)
        if meta is not None:
            title = meta.title or ""
            date = meta.date or None
            url = meta.url or None
    except Exception:  # a parser crash on odd markup must not stop the run
        text = ""
    if not text.strip():
        fallback_title, text = strip_tags(html)
        title = title or fallback_title
        if text.strip():
            logging.getLogger("summarizer").warning(
                "%s: no main text found in the HTML; using all of its visible text", name)
    lines = [line.strip() for line in text.split("\n")]
    # trafilatura often repeats the headline as the first line of the text
    first = next((i for i, line in enumerate(lines) if line), None)
    if title and first is not None and lines[first] == title.strip():
        lines = lines[first + 1 :]
    return Article(id=article_id, text=_tidy(lines), title=title.strip(), date=date, url=url,
                   source=source)


# ----------------------------------------------------------------------------- json


@dataclass
class Records:
    """What a JSON/JSONL text holds: whole clusters, loose articles, and problems."""

    clusters: list[Cluster] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    dropped_empty: int = 0


def _str(value) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def article_from_mapping(obj: dict, article_id: str, source: str = "") -> Article:
    """An article object: ``text`` plus optional ``title``, ``date``, ``url``."""
    text = obj.get("text")
    if not isinstance(text, str):
        raise ValueError("no 'text' string")
    return Article(
        id=article_id,
        text=_tidy(text.split("\n")),
        title=(_str(obj.get("title")) or "").strip(),
        date=_str(obj.get("date")),
        url=_str(obj.get("url")),
        source=_str(obj.get("source")) or source,
    )


def cluster_from_unified(obj: dict, default_id: str, source: str = "") -> tuple[Cluster, int]:
    """``{"id", "documents": [...], "references": [...], ...}``; other keys go to
    ``meta``. Returns the cluster and how many empty documents were dropped."""
    cid = _str(obj.get("id")) or default_id
    docs = obj.get("documents")
    if not isinstance(docs, list):
        raise ValueError("'documents' is not a list")
    articles, empty = [], 0
    for k, doc in enumerate(docs):
        if isinstance(doc, str):
            doc = {"text": doc}
        if not isinstance(doc, dict):
            raise ValueError(f"document {k} is not an object")
        art = article_from_mapping(doc, _str(doc.get("id")) or str(k), source)
        if art.text:
            articles.append(art)
        else:
            empty += 1
    references = _references(obj.get("references") or [])
    meta = {k: v for k, v in obj.items() if k not in ("id", "documents", "references")}
    return Cluster(id=cid, articles=articles, references=references, meta=meta), empty


def _references(items) -> list[Reference]:
    if isinstance(items, (str, dict)):
        items = [items]
    refs = []
    for k, item in enumerate(items):
        if isinstance(item, str):
            rid, text = str(k), item
        elif isinstance(item, dict) and isinstance(item.get("text"), str):
            rid, text = _str(item.get("id")) or str(k), item["text"]
        else:
            raise ValueError(f"reference {k} has no 'text'")
        if text.strip():
            refs.append(Reference(id=rid, text=text.strip()))
    return refs


def cluster_from_multinews(obj: dict, default_id: str, source: str = "") -> tuple[Cluster, int]:
    """Multi-News raw format: articles joined by ``|||||``, line breaks written as
    ``NEWLINE_CHAR``, the reference ``summary`` prefixed by an en dash. Article ids are
    the 0-based positions in ``document``; empty articles are dropped."""
    cid = _str(obj.get("id")) or default_id
    document = obj.get("document")
    if not isinstance(document, str):
        raise ValueError("'document' is not a string")
    articles, empty = [], 0
    for k, raw in enumerate(document.split(MULTINEWS_SEPARATOR)):
        text = _tidy(raw.replace(MULTINEWS_NEWLINE, "\n").split("\n"))
        if text:
            articles.append(Article(id=str(k), text=text, source=source))
        else:
            empty += 1
    references = []
    summary = obj.get("summary")
    if isinstance(summary, str):
        summary = _SUMMARY_DASH.sub("", summary.replace(MULTINEWS_NEWLINE, "\n"), count=1)
        summary = _tidy(summary.split("\n"))
        if summary:
            references.append(Reference(id="summary", text=summary))
    meta = {k: v for k, v in obj.items() if k not in ("id", "document", "summary")}
    return Cluster(id=cid, articles=articles, references=references, meta=meta), empty


def add_record(records: Records, obj, index: int, where: str, article_id: str,
               source: str = "") -> None:
    """Classify one JSON value (cluster, article, or junk) and add it to ``records``.
    ``where`` names the record in problem messages (``"line 3"``)."""
    if not isinstance(obj, dict):
        records.problems.append(f"{where}: expected a JSON object, got {type(obj).__name__}")
        return
    try:
        if "documents" in obj:
            cluster, empty = cluster_from_unified(obj, str(index), source)
        elif "document" in obj:
            cluster, empty = cluster_from_multinews(obj, str(index), source)
        elif "text" in obj:
            records.articles.append(article_from_mapping(obj, article_id, source))
            return
        else:
            records.problems.append(f"{where}: no 'text', 'documents' or 'document' key")
            return
    except ValueError as e:
        records.problems.append(f"{where}: {e}")
        return
    records.dropped_empty += empty
    records.clusters.append(cluster)


# Deeper than any article or cluster record: a value nested further is refused, so a
# hostile record costs its own line, not the run (the JSON parser recurses, and a value
# that survives it could still break a later stage that walks it, such as pickling).
MAX_JSON_DEPTH = 100


class TooDeep(Unreadable):
    """A JSON value nested more than :data:`MAX_JSON_DEPTH` levels deep."""

    def __init__(self) -> None:
        super().__init__(f"JSON nested more than {MAX_JSON_DEPTH} levels deep")


def load_json(text: str):
    """``json.loads``, refusing a value nested more than :data:`MAX_JSON_DEPTH` levels
    deep with :class:`TooDeep`; invalid JSON raises ``json.JSONDecodeError``."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise TooDeep from None
    stack = [(value, 1)] if isinstance(value, (dict, list)) else []
    while stack:  # iterative: the walk itself must not recurse
        item, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise TooDeep
        children = item.values() if isinstance(item, dict) else item
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))
    return value


def _json_id(obj, fallback: str) -> str:
    if isinstance(obj, dict) and obj.get("id") is not None:
        return str(obj["id"])
    return fallback


def parse_json(text: str, name: str, source: str = "") -> Records:
    """A ``.json`` file: one object (article or cluster) or a list of them. Article ids
    are ``name`` for a single object, ``name#<id or index>`` inside a list."""
    try:
        value = load_json(text)
    except json.JSONDecodeError as e:
        raise Unreadable(f"invalid JSON ({e.msg} at line {e.lineno} column {e.colno})") from None
    records = Records()
    if isinstance(value, list):
        for i, obj in enumerate(value):
            add_record(records, obj, i, f"item {i}", f"{name}#{_json_id(obj, str(i))}", source)
    else:
        add_record(records, value, 0, "top level", name, source)
    return records


def parse_jsonl(text: str, name: str, source: str = "") -> Records:
    """A ``.jsonl`` file: each line a cluster (unified or Multi-News raw) or an article,
    detected per line. Ids default to the 0-based line number; problems name the 1-based
    line, as editors do."""
    records = Records()
    for lineno, line in enumerate(text.split("\n")):
        if not line.strip():
            continue
        try:
            obj = load_json(line)
        except json.JSONDecodeError as e:
            records.problems.append(f"line {lineno + 1}: invalid JSON ({e.msg})")
            continue
        except TooDeep as e:
            records.problems.append(f"line {lineno + 1}: {e}")
            continue
        add_record(records, obj, lineno, f"line {lineno + 1}",
                   f"{name}#{_json_id(obj, str(lineno))}", source)
    return records


def looks_like_jsonl(text: str) -> bool:
    """Whether the first non-empty line parses as a JSON object on its own (or is JSON
    refused only for its depth: read as JSONL, that line is named and skipped)."""
    for line in text.split("\n"):
        if line.strip():
            try:
                return isinstance(load_json(line), dict)
            except json.JSONDecodeError:
                return False
            except TooDeep:
                return True
    return False
