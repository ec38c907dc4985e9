"""``summarizer compare A B --html FILE``: the comparison table, then the clusters where
the two systems differ most on one metric, each with both scores, both summaries side by
side (the words only one of them has marked) and links to each report's cluster page."""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from ..errors import SummarizerError
from ..evaluation.protocols import METRIC_LABELS
from ..fileio import Unreadable, read_regular
from ..text import printable
from .page import attr, esc, page

TOP = 50
_SUMMARY_MAX = 4 << 20  # bytes of one summary file read from a report

CSS = """
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.cluster { border-top: 1px solid var(--line); padding-top: .4rem; margin-top: 1rem; }
.summary { white-space: pre-wrap; border: 1px solid var(--line); border-radius: 4px;
           padding: .4rem .6rem; }
.only { background: var(--hit1); border-radius: 2px; }
"""


def differences(pair, rows, metric: str, samples: int, html: str | Path, top: int = TOP) -> str:
    """The page (``pair``: a :class:`summarizer.evaluation.compare.Pair`; ``rows``: its
    comparisons; ``html``: where it will be written, for relative links; ``top``: how
    many clusters it shows)."""
    from ..evaluation.compare import p_text, verdict

    label = METRIC_LABELS.get(metric, metric)
    head = (f'<h1>Comparison: <span dir="auto">{esc(pair.name_b)}</span> against '
            f'<span dir="auto">{esc(pair.name_a)}</span></h1>'
            f'<p class="meta">A = <span dir="auto">{esc(pair.run_a)}:{esc(pair.name_a)}</span>'
            f'<br>B = <span dir="auto">{esc(pair.run_b)}:{esc(pair.name_b)}</span></p>')
    lines = "".join(
        f'<tr><td>{esc(METRIC_LABELS.get(r.metric, r.metric))}</td><td class="num">{r.a:.2f}'
        f'</td><td class="num">{r.b:.2f}</td><td class="num">{r.diff:+.2f} [{r.low:+.2f}, '
        f'{r.high:+.2f}]</td><td class="num">{esc(p_text(r.p_value, samples))}</td>'
        f'<td>{esc(verdict(r))}</td></tr>' for r in rows)
    table = ('<table id="comparison"><thead><tr><th>metric</th><th class="num">A</th>'
             '<th class="num">B</th><th class="num">B - A [95% CI]</th><th class="num">p</th>'
             f'<th>verdict</th></tr></thead><tbody>{lines}</tbody></table>'
             f'<p class="meta">paired bootstrap over {rows[0].n if rows else 0} clusters, '
             f'{samples} resamples, two-sided p.</p>')
    picked = _most_different(pair, metric, top)
    where = Path(html).absolute().parent
    items = "".join(_cluster(pair, c, metric, where) for c in picked)
    title = (f"<h2>The {len(picked)} clusters where they differ most on {esc(label)}</h2>"
             f'<p class="meta">sorted by |B - A|; highlighted: words only that summary has</p>')
    return page(printable(f"{pair.name_b} vs {pair.name_a}"), head + table + title + items,
                css=CSS)


def _most_different(pair, metric: str, top: int) -> list[str]:
    """The ``top`` common clusters with the largest |B - A|, ties in A's order."""
    order = sorted(range(len(pair.common)), key=lambda i: (
        -abs(pair.scores_b[pair.common[i]][metric] - pair.scores_a[pair.common[i]][metric]), i))
    return [pair.common[i] for i in order[:top]]


def _cluster(pair, cluster: str, metric: str, where: Path) -> str:
    a, b = pair.scores_a[cluster][metric], pair.scores_b[cluster][metric]
    text_a = _summary(pair.run_a, pair.doc_a, pair.name_a, cluster)
    text_b = _summary(pair.run_b, pair.doc_b, pair.name_b, cluster)
    words_a, words_b = _words(text_a), _words(text_b)
    links = " ".join(x for x in (_link(pair.run_a, pair.doc_a, cluster, where, "A's page"),
                                 _link(pair.run_b, pair.doc_b, cluster, where, "B's page")) if x)
    return (f'<div class="cluster"><h3 dir="auto">{esc(cluster)}</h3>'
            f'<p>A {a:.2f}, B {b:.2f}, B - A {b - a:+.2f} {links}</p><div class="pair">'
            f'<div><h4>A</h4><div class="summary" dir="auto">{_marked(text_a, words_b)}</div></div>'
            f'<div><h4>B</h4><div class="summary" dir="auto">{_marked(text_b, words_a)}</div></div>'
            '</div></div>')


def _relative(doc: dict, key: str, system: str | None, cluster: str) -> str | None:
    """A report's own path for ``cluster`` (``summary_files`` or ``cluster_pages``), if
    it is a plain path inside the report (a hand-edited report may say anything)."""
    table = doc.get(key)
    if isinstance(table, dict) and system is not None:
        table = table.get(system)
    rel = table.get(cluster) if isinstance(table, dict) else None
    if not isinstance(rel, str) or not rel:
        return None
    parts = PurePosixPath(rel).parts
    if rel.startswith("/") or ".." in parts or "\\" in rel or "\0" in rel:
        return None
    return rel


def _summary(run: str, doc: dict, system: str, cluster: str) -> str | None:
    rel = _relative(doc, "summary_files", system, cluster)
    if rel is None:
        return None
    root, path = Path(run).resolve(), (Path(run) / rel)
    try:
        if not path.resolve().is_relative_to(root):  # a link in a report sent to you
            return None
        return read_regular(path, _SUMMARY_MAX, follow=False).decode(
            "utf-8", "replace").rstrip("\n")
    except (Unreadable, OSError, SummarizerError):
        return None


def _link(run: str, doc: dict, cluster: str, where: Path, text: str) -> str:
    rel = _relative(doc, "cluster_pages", None, cluster)
    if rel is None:
        return ""
    target = os.path.relpath(Path(run).absolute() / rel, where)
    return f'<a href="{attr(quote(Path(target).as_posix()))}">{esc(text)}</a>'


_WORD = re.compile(r"\S+")
_INNER = re.compile(r"\w+")


def _key(word: str) -> str:
    return "".join(_INNER.findall(word.lower()))


def _words(text: str | None) -> set[str]:
    return {_key(w) for w in _WORD.findall(text or "")} - {""}


def _marked(text: str | None, other: set[str]) -> str:
    """``text`` with each word the other summary lacks in a highlighted span."""
    if text is None:
        return '<span class="muted">(summary file not found in the report)</span>'
    out, last = [], 0
    for m in _WORD.finditer(text):
        out.append(esc(text[last:m.start()]))
        key = _key(m.group())
        word = esc(m.group())
        out.append(f'<span class="only">{word}</span>' if key and key not in other else word)
        last = m.end()
    out.append(esc(text[last:]))
    return "".join(out)
