"""One cluster of an evaluation report as a page: every system's summary with the n-grams
ROUGE counts as matched highlighted (:mod:`summarizer.evaluation.matches`), the
references beside them with their side of each match, the sources collapsible.

Each token of a match is a ``<span>`` whose ``data-m`` lists the ``"j.n"`` keys (in a
summary: reference ``j``; in a reference: system ``j``) of the matched ``n``-grams it is
part of and ``data-s`` those it starts; the page's script marks the chosen key's spans
(``hit``, and ``hs`` on each start), so counting ``.hs`` counts the hits.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..evaluation.matches import NGRAMS, ClusterMatches, Tokens, match_summaries
from ..evaluation.protocols import METRIC_LABELS, Protocol
from ..text import printable
from .page import attr, esc, json_block, page

NGRAM_NAMES = {1: "unigrams", 2: "bigrams"}

CSS = """
nav.pager { display: flex; gap: 1rem; margin-bottom: .6rem; }
.controls { display: flex; gap: 1rem; flex-wrap: wrap; align-items: center; margin: .6rem 0;
            padding: .4rem .6rem; background: var(--soft); border-radius: 4px; }
.columns { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.4rem; }
.system, .reference { border: 1px solid var(--line); border-radius: 4px; padding: .5rem .8rem;
                      margin-bottom: .8rem; }
.reference.dim { opacity: .45; }
.text { white-space: pre-wrap; }
.hit { background: var(--hit1); border-radius: 2px; }
body.n2 .hit { background: var(--hit2); }
.unscored { color: var(--muted); text-decoration: line-through dotted; }
.count { font-weight: 600; }
.error { color: #b42318; }
.article { white-space: pre-wrap; }
@media (max-width: 900px) { .columns { grid-template-columns: 1fr; } }
"""

SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById('cluster-data').textContent);
  var refSel = document.getElementById('pick-ref'), nSel = document.getElementById('pick-n'),
      sysSel = document.getElementById('pick-sys');
  function mark(root, key) {
    root.querySelectorAll('[data-m~="' + key + '"]').forEach(function (e) {
      e.classList.add('hit'); });
    root.querySelectorAll('[data-s~="' + key + '"]').forEach(function (e) {
      e.classList.add('hs'); });
  }
  function apply() {
    var j = refSel.value, n = nSel.value, k = sysSel.value;
    document.body.classList.toggle('n2', n === '2');
    document.querySelectorAll('.hit, .hs').forEach(function (e) {
      e.classList.remove('hit', 'hs'); });
    document.querySelectorAll('.system').forEach(function (box) {
      var s = box.dataset.sys, c = data.counts[s], text = box.querySelector('.text');
      if (!text) { return; }  // a system with no summary of this cluster
      mark(text, j + '.' + n);
      var line = box.querySelector('.count');
      var h = c && c[j + '.' + n];
      if (h) {
        line.textContent = data.labels[n] + ': ' + h[0] + ' of ' + h[1] + ' reference ' +
          data.names[n] + ' matched (the summary has ' + h[2] + ')';
      }
    });
    document.querySelectorAll('.reference').forEach(function (box) {
      var mine = box.dataset.ref === j;
      box.classList.toggle('dim', !mine);
      if (mine) { mark(box.querySelector('.text'), k + '.' + n); }
    });
  }
  [refSel, nSel, sysSel].forEach(function (s) { s.addEventListener('change', apply); });
  apply();
})();
"""


@dataclass(frozen=True)
class Neighbours:
    """Where a cluster page stands: its position, and the stems of the pages around it."""

    position: int
    total: int
    previous: str | None
    next: str | None


def cluster_page(cluster, protocol: Protocol, rows: dict, around: Neighbours) -> str:
    """The page of ``cluster`` (its articles and references), ``rows`` mapping each
    system's name to its result row (or None where it has none)."""
    names = list(rows)
    texts = [rows[n].summary if rows[n] is not None else "" for n in names]
    refs = [r.text for r in cluster.references]
    found = match_summaries(texts, refs, protocol) if refs else [None] * len(names)
    body = [_nav(around), f'<h1 dir="auto">Cluster {esc(cluster.id)}</h1>',
            f'<p class="meta">{esc(protocol.describe())}. {esc(_how_scored(protocol))}</p>']
    note = found[0].note if refs and found[0] else ""
    if note:
        body.append(f'<p class="note">{esc(note)}</p>')
    body.append(_controls(names, cluster.references))
    systems = "".join(_system(k, name, rows[name], m, protocol)
                      for k, (name, m) in enumerate(zip(names, found)))
    references = "".join(_reference(j, ref, found) for j, ref in enumerate(cluster.references))
    body.append(f'<div class="columns"><section><h2>Summaries</h2>{systems}</section>'
                f'<section><h2>References</h2>{references or "<p>No references.</p>"}'
                '</section></div>')
    body.append(_sources(cluster.articles))
    body.append(json_block("cluster-data", _data(names, found, refs)))
    # printable: a <title> shows text only, so control marks cannot be spans there
    return page(f"{printable(cluster.id)} - evaluation", "\n".join(body), css=CSS,
                script=SCRIPT)


def _how_scored(protocol: Protocol) -> str:
    if protocol.engine == "rouge155":
        return ("ROUGE-N counts hits and n-grams over all references together (-f A); "
                "the highlights show each reference's share.")
    return "A score is the mean over references of each reference's score."


def _nav(around: Neighbours) -> str:
    prev = (f'<a href="{attr(around.previous)}.html" rel="prev">previous</a>'
            if around.previous is not None else "<span>previous</span>")
    nxt = (f'<a href="{attr(around.next)}.html" rel="next">next</a>'
           if around.next is not None else "<span>next</span>")
    return (f'<nav class="pager"><a href="../index.html">index</a>{prev}{nxt}'
            f'<span class="muted">cluster {around.position} of {around.total}</span></nav>')


def _controls(names: list[str], references) -> str:
    refs = "".join(f'<option value="{j}">{j + 1}: {esc(r.id)}</option>'
                   for j, r in enumerate(references))
    ns = "".join(f'<option value="{n}">{NGRAM_NAMES[n]}</option>' for n in NGRAMS)
    systems = "".join(f'<option value="{k}">{esc(name)}</option>'
                      for k, name in enumerate(names))
    return ('<div class="controls">'
            f'<label>reference <select id="pick-ref">{refs}</select></label>'
            f'<label>n-grams <select id="pick-n">{ns}</select></label>'
            f'<label>reference matches of <select id="pick-sys">{systems}</select></label>'
            '</div>')


def _system(k: int, name: str, row, found: ClusterMatches | None, protocol) -> str:
    if row is None:
        return (f'<div class="system" data-sys="{k}"><h3 dir="auto">{esc(name)}</h3>'
                '<p class="muted">no result for this cluster</p><p class="count"></p></div>')
    scores = ", ".join(f"{METRIC_LABELS.get(m, m)} {row.scores.get(m, 0.0):.2f}"
                       for m in protocol.metrics)
    error = f'<p class="error" dir="auto">{esc(row.error)}</p>' if row.error else ""
    text = (_marked(found.summary, _keys(found, "summary")) if found is not None
            else esc(row.summary))
    return (f'<div class="system" data-sys="{k}"><h3 dir="auto">{esc(name)}</h3>'
            f'<p class="meta">{esc(scores)} ({protocol.measure}); {row.words} words</p>'
            f'{error}<p class="count"></p><div class="text" dir="auto">{text}</div></div>')


def _reference(j: int, ref, found: list[ClusterMatches | None]) -> str:
    keys: dict[int, tuple[set, set]] = {}
    for k, m in enumerate(found):
        if m is not None:
            _merge(keys, _keys(m, "reference", j), k)
    tokens = next(m.references[j] for m in found if m is not None)
    return (f'<div class="reference" data-ref="{j}"><h3 dir="auto">{j + 1}: {esc(ref.id)}'
            f'</h3><div class="text" dir="auto">{_marked(tokens, keys)}</div></div>')


def _keys(found: ClusterMatches, side: str, only: int | None = None
          ) -> dict[int, tuple[set, set]]:
    """Token index -> (keys of the matches it is in, keys of those it starts): on the
    summary side keyed by reference, on a reference's side (``only``) by n alone."""
    out: dict[int, tuple[set, set]] = {}
    for (j, n), m in found.matches.items():
        if only is not None and j != only:
            continue
        key = f"{j}.{n}" if only is None else str(n)
        for start in (m.summary_starts if side == "summary" else m.reference_starts):
            for i in range(start, start + n):
                out.setdefault(i, (set(), set()))[0].add(key)
            out[start][1].add(key)
    return out


def _merge(into: dict, keys: dict, k: int) -> None:
    """A reference's keys from system ``k`` as ``"k.n"``."""
    for i, (member, starts) in keys.items():
        m, s = into.setdefault(i, (set(), set()))
        m.update(f"{k}.{n}" for n in member)
        s.update(f"{k}.{n}" for n in starts)


def _marked(tokens: Tokens, keys: dict[int, tuple[set, set]]) -> str:
    """The text with each matched token in a ``<span>`` carrying its keys; a token that
    shares its place with the one before (a whole-word fallback) gets an empty span, so
    every start stays countable; the part past the cut marked as not scored."""
    text, out, cursor = tokens.text, [], 0
    for i in sorted(keys):
        start, end = tokens.spans[i]
        if start < cursor:
            start = end = cursor
        member, starts = keys[i]
        out.append(esc(text[cursor:start]))
        s_attr = f' data-s="{" ".join(sorted(starts))}"' if starts else ""
        out.append(f'<span data-m="{" ".join(sorted(member))}"{s_attr}>'
                   f'{esc(text[start:end])}</span>')
        cursor = end
    end = max(cursor, tokens.scored_end)
    out.append(esc(text[cursor:end]))
    if text[end:].strip():
        out.append(f'<span class="unscored" title="beyond the protocol\'s length cut: not '
                   f'scored">{esc(text[end:])}</span>')
    else:
        out.append(esc(text[end:]))
    return "".join(out)


def _sources(articles) -> str:
    items = []
    for a in articles:
        head = " - ".join(x for x in (a.title, a.date or "") if x) or a.id
        items.append(f'<details><summary dir="auto">{esc(a.id)}: {esc(head)}</summary>'
                     f'<div class="article" dir="auto">{esc(a.text)}</div></details>')
    return f'<h2>Sources ({len(articles)})</h2>' + "".join(items)


def _data(names: list[str], found: list, refs: list[str]) -> dict:
    counts = {}
    for k, m in enumerate(found):
        if m is not None:
            counts[str(k)] = {f"{j}.{n}": [x.hits, x.reference_total, x.summary_total]
                              for (j, n), x in m.matches.items()}
    return {"counts": counts, "names": {str(n): NGRAM_NAMES[n] for n in NGRAMS},
            "labels": {str(n): f"R-{n}" for n in NGRAMS}, "references": len(refs)}
