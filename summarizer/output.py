"""Render a Summary as plain text, Markdown or JSON. Pure functions of the Summary."""

from __future__ import annotations

import json
from dataclasses import asdict

from .documents import Summary
from .text import word_count


def to_dict(summary: Summary, timings: bool = False) -> dict:
    """The JSON document of a summary (``Summary.to_dict`` is this)."""
    out = {
        "cluster": summary.cluster_id,
        "summary": summary.text,
        "words": word_count(summary.text),
        "language": summary.language,
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


def render(summary: Summary, fmt: str = "text", timings: bool = False) -> str:
    if fmt == "json":
        return json.dumps(to_dict(summary, timings), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return to_markdown(summary)
    return summary.text + "\n"


EXTENSIONS = {"text": ".txt", "markdown": ".md", "json": ".json"}
