"""Render a Summary as plain text, Markdown, JSON or an HTML page
(:mod:`summarizer.html.summary`). Pure functions of the Summary.

What is rendered may reach a terminal (stdout, a file that is ``cat``-ed), and articles
are data from anywhere: text and Markdown go through :func:`~summarizer.text.printable`
(no control character, bidi override or undecodable byte of a file name is written),
and JSON escapes the same characters, so it parses back to the summary's own text.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict

from .documents import Summary
from .text import UNSAFE_CHARACTERS, printable, surrogate_text, word_count


def to_dict(summary: Summary, timings: bool = False) -> dict:
    """The JSON document of a summary (``Summary.to_dict`` is this)."""
    out = {
        "cluster": summary.cluster_id,
        "summary": summary.text,
        "words": word_count(summary.text),
        "language": summary.language.to_dict() if summary.language is not None else {},
        "sentences": [
            {"text": s.unit.text, "score": round(s.score, 8),
             "support": [asdict(x) for x in summary.support_of(s)]}
            for s in summary.sentences
        ],
        "articles": [{"id": a.id, "title": a.title, "date": a.date, "url": a.url}
                     for a in summary.articles],
        "dropped": [{"article": d.article_id, "rule": d.rule, "text": d.text}
                    for d in summary.dropped],
        "config": summary.config,
    }
    if summary.notes:
        out["notes"] = summary.notes
    if summary.refined is not None:
        out["extract"] = "\n".join(s.unit.text for s in summary.sentences)
        out["unsupported"] = summary.unsupported
    if timings:
        out["timings"] = summary.timings
    return out


def to_markdown(summary: Summary) -> str:
    lines = [f"# Summary of {summary.cluster_id}", ""]
    if summary.refined is not None:
        lines += [summary.refined, ""]
    else:
        for s in summary.sentences:
            refs = sorted({a + 1 for a, _ in s.unit.support})
            lines.append(f"- {s.unit.text} [{', '.join(map(str, refs))}]")
        lines.append("")
    lines += ["## Sources", ""]
    for i, a in enumerate(summary.articles, 1):
        title = a.title or a.id
        date = f" ({a.date})" if a.date else ""
        lines.append(f"{i}. {title}{date} — `{a.id}`")
    return "\n".join(lines) + "\n"


def json_text(value, indent: int | None = 2) -> str:
    """``value`` as JSON, UTF-8 text as it is except the characters a terminal would obey
    (C1 controls, DEL, bidi overrides; C0 ones JSON escapes itself), written as
    ``\\uXXXX`` escapes that parse back to the same text. A surrogate escape (a byte a
    file name could not decode) is written as the text ``\\xNN``: no JSON reader has
    to accept a lone surrogate."""
    return UNSAFE_CHARACTERS.sub(_json_escape, json.dumps(value, ensure_ascii=False,
                                                          indent=indent))


def _json_escape(m: re.Match[str]) -> str:
    char = m.group()
    if "\ud800" <= char <= "\udfff":
        return json.dumps(surrogate_text(char), ensure_ascii=False)[1:-1]
    return f"\\u{ord(char):04x}"


def render(summary: Summary, fmt: str = "text", timings: bool = False) -> str:
    """The summary as ``text``, ``markdown``, ``json`` or ``html``, safe to show (see the
    module docstring; the page escapes every piece of data itself)."""
    if fmt == "html":
        from .html.summary import summary_page

        return summary_page(summary, timings)
    if fmt == "json":
        return json_text(to_dict(summary, timings)) + "\n"
    if fmt == "markdown":
        return printable(to_markdown(summary))
    return printable(summary.text) + "\n"


EXTENSIONS = {"text": ".txt", "markdown": ".md", "json": ".json", "html": ".html"}
