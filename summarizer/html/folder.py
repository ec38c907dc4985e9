"""The ``index.html`` of a ``summarize --out-dir`` folder of pages: every cluster linked to
its page, with its length, language and first words, so a folder of summaries is
browsed from one place."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from ..text import word_count
from .page import attr, esc, page

INDEX = "index.html"
LEAD_WORDS = 24

CSS = """
td.lead { max-width: 46rem; }
tr.failed td { color: var(--muted); }
"""


def index_entry(summary, path: str | Path) -> dict:
    """What the index shows of one written page (plain data: a Ray actor sends it back
    to the driver as JSON)."""
    words = summary.text.split()
    lead = " ".join(words[:LEAD_WORDS]) + (" …" if len(words) > LEAD_WORDS else "")
    language = summary.language.language.code if summary.language is not None else ""
    return {"id": summary.cluster_id, "file": Path(path).name,
            "words": word_count(summary.text), "language": language, "lead": lead}


def index_page(entries: list[dict], failed: list[tuple[str, str]] = ()) -> str:
    """The index of ``entries`` (:func:`index_entry`, in input order) and of the clusters
    that ``failed`` (id, why)."""
    rows = [f'<tr><td dir="auto"><a href="{attr(quote(e["file"]))}">{esc(e["id"])}</a></td>'
            f'<td class="num">{int(e["words"])}</td><td>{esc(e["language"])}</td>'
            f'<td class="lead" dir="auto">{esc(e["lead"])}</td></tr>' for e in entries]
    rows += [f'<tr class="failed"><td dir="auto">{esc(cluster)}</td><td></td><td></td>'
             f'<td dir="auto">failed: {esc(why)}</td></tr>' for cluster, why in failed]
    body = (f"<h1>Summaries</h1>\n<p class=\"meta\">{len(entries)} clusters"
            + (f", {len(failed)} failed" if failed else "") + "</p>\n"
            '<table id="clusters">\n<tr><th>cluster</th><th class="num">words</th>'
            "<th>language</th><th>summary</th></tr>\n" + "\n".join(rows) + "\n</table>")
    return page("Summaries", body, css=CSS)


def write_index(out_dir: str | Path, entries: list[dict],
                failed: list[tuple[str, str]] = ()) -> Path:
    """Write the folder's index as the pages are written: atomically, replacing (never
    following) a symlink planted at its name."""
    from ..fileio import atomic_write

    path = Path(out_dir) / INDEX
    atomic_write(path, index_page(entries, failed))
    return path
