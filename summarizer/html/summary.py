"""A summary as one page an editor checks against its sources
(``summarizer summarize --format html``).

Everything is plain HTML first: the summary, each article as its sentences, what the
cleaner removed, the language, notes and config, so the page reads without JavaScript.
The one script only adds the side panel: a summary sentence (a button: click, Enter or
focus) lists every article and position that states it, near copies merged by dedup with
their own wording, and opens the article with that sentence highlighted.

The script reads indices only (:func:`~summarizer.html.page.json_block`); every text it
shows is a copy of an element already in the page, escaped once by
:func:`~summarizer.html.page.esc`. The page is a pure function of the summary: the same
summary gives the same bytes (timings only when asked for).
"""

from __future__ import annotations

import json
from functools import partial

from ..documents import Summary
from ..text import UNSAFE_CHARACTERS, surrogate_text, word_count
from .page import attr, esc, json_block, page

CSS = """
body.js .layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, .9fr);
                  gap: 1.6rem; align-items: start; }
#panel { display: none; }
body.js #panel { display: flex; flex-direction: column; position: sticky; top: .6rem;
                 height: calc(100vh - 1.2rem); border-left: 3px solid var(--line);
                 padding: 0 .2rem 0 1rem; }
#panel-places { flex: 0 1 auto; max-height: 45%; overflow: auto; }
#panel-article { flex: 1 1 auto; min-height: 0; overflow: auto; }
@media (max-width: 900px) { body.js .layout { display: block; }
  body.js #panel { position: static; height: auto; border-left: 0; padding: 0; }
  #panel-places, #panel-article { max-height: none; overflow: visible; } }
ol.summary { padding-left: 1.6rem; } ol.summary li { margin: .3rem 0; }
button.sent, button.support { font: inherit; color: inherit; text-align: start;
  background: none; border: 1px solid transparent; border-radius: 4px; padding: .1rem .3rem;
  cursor: pointer; }
button.sent:hover, button.support:hover { background: var(--soft); border-color: var(--line); }
button.sent:focus-visible, button.support:focus-visible { outline: 2px solid var(--accent); }
button.sent.on, button.support.on { background: var(--pick); border-color: var(--accent); }
a.ref { font-size: .78rem; margin-left: .15rem; text-decoration: none; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1.2rem; }
@media (max-width: 700px) { .pair { grid-template-columns: 1fr; } }
.pair > section { border: 1px solid var(--line); border-radius: 6px; padding: 0 .8rem .6rem; }
.rewrite { white-space: pre-line; }
mark.flag { background: var(--hit2); } mark.item { background: #ff8f8f; font-weight: 600; }
.guard li { margin: .3rem 0; } .action { font-weight: 600; text-transform: uppercase;
  font-size: .72rem; letter-spacing: .03em; margin-right: .4rem; }
.article { border-top: 1px solid var(--line); padding-top: .3rem; }
.article .text { white-space: pre-line; }
.s.used { border-bottom: 2px dotted #c9a400; }
.s.hl { background: var(--hit1); outline: 2px solid #e0b000; border-radius: 2px; }
#panel-support { list-style: none; padding: 0; margin: .4rem 0; }
#panel-support li { margin: .2rem 0; } button.support { width: 100%; }
button.support .title { font-weight: 600; }
.badge { font-size: .72rem; border-radius: 3px; padding: 0 .3rem; margin-left: .3rem;
         background: var(--soft); border: 1px solid var(--line); }
.badge.near { background: #ffe8cc; border-color: #f0b46a; }
q.wording { display: block; font-style: italic; margin-top: .15rem; }
#panel-article .article { border-top: 2px solid var(--accent); }
.rule { font-family: ui-monospace, Menlo, monospace; font-size: .8rem; background: var(--soft);
        padding: 0 .3rem; margin-right: .4rem; }
"""

SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("support-data").textContent);
  var said = document.getElementById("panel-sentence");
  var list = document.getElementById("panel-support");
  var view = document.getElementById("panel-article");
  var sentences = Array.prototype.slice.call(document.querySelectorAll("button.sent"));
  var KINDS = [["kept", "the sentence kept"], ["same", "the same words"],
               ["near", "near copy, merged by dedup"]];
  document.body.classList.add("js");

  function bare(node) {
    var copy = node.cloneNode(true);
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach(function (e) { e.removeAttribute("id"); });
    return copy;
  }
  function make(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text) { e.textContent = text; }
    return e;
  }
  function openArticle(a, p) {
    var source = document.getElementById("a" + a);
    view.replaceChildren();
    if (!source) { return; }
    var copy = make("div", "article");
    ["h3", ".meta", ".text"].forEach(function (sel) {
      var part = source.querySelector(sel);
      if (part) { copy.appendChild(bare(part)); }
    });
    view.appendChild(copy);
    list.querySelectorAll("button.support").forEach(function (b) {
      b.classList.toggle("on", b.dataset.a === String(a) && b.dataset.p === String(p));
    });
    var hit = copy.querySelector('.s[data-p="' + p + '"]');
    if (hit) {
      hit.classList.add("hl");
      var top = hit.getBoundingClientRect().top - view.getBoundingClientRect().top;
      view.scrollTop += top - view.clientHeight / 3;
    }
  }
  function entry(a, p, kind) {
    var source = document.getElementById("a" + a);
    var b = make("button", "support");
    b.type = "button";
    b.dataset.a = a;
    b.dataset.p = p;
    if (source) { b.appendChild(bare(source.querySelector(".title"))); }
    b.appendChild(make("span", "badge " + KINDS[kind][0], KINDS[kind][1]));
    var meta = make("div", "meta");
    if (source) { meta.appendChild(bare(source.querySelector(".aid"))); }
    var date = source && source.querySelector(".date");
    if (date) { meta.appendChild(document.createTextNode(" \\u00b7 ")); meta.appendChild(bare(date)); }
    meta.appendChild(document.createTextNode(" \\u00b7 sentence " + (p + 1)));
    b.appendChild(meta);
    var own = document.getElementById("a" + a + "-s" + p);
    if (kind === 2 && own) {
      var q = make("q", "wording");
      q.appendChild(bare(own));
      b.appendChild(q);
    }
    b.addEventListener("click", function () { openArticle(a, p); });
    var li = make("li");
    li.appendChild(b);
    return li;
  }
  function show(k, a, p) {
    var support = data.support[k];
    sentences.forEach(function (b) {
      var on = b.dataset.k === String(k);
      b.classList.toggle("on", on);
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
    said.replaceChildren(bare(sentences[k].querySelector(".words")));
    list.replaceChildren();
    support.forEach(function (e) { list.appendChild(entry(e[0], e[1], e[2])); });
    document.getElementById("panel-count").textContent =
      support.length + (support.length === 1 ? " place states it" : " places state it");
    if (a === undefined) { a = support[0][0]; p = support[0][1]; }
    openArticle(a, p);
  }
  sentences.forEach(function (b) {
    var k = Number(b.dataset.k);
    b.addEventListener("click", function () { show(k); });
    b.addEventListener("focus", function () { if (!b.classList.contains("on")) { show(k); } });
  });
  document.querySelectorAll("a.ref").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      show(Number(link.dataset.k), Number(link.dataset.a), Number(link.dataset.p));
    });
  });
}());
"""

_SOURCES = {"config": "set in the config", "input": "declared by the input",
            "detected": "detected"}
_NEAR, _SAME, _KEPT = 2, 1, 0


def summary_page(summary: Summary, timings: bool = False) -> str:
    """The summary's page (``render(summary, "html")``); ``timings`` adds the stage times,
    the one part that differs between two runs of the same input and config."""
    places = _places(summary)
    code = summary.language.language.code if summary.language is not None else ""
    body = "\n".join([
        _header(summary),
        '<div class="layout">\n<main>',
        _summary_part(summary, places),
        _articles(summary, places),
        _removed(summary),
        _about(summary, timings),
        "</main>",
        _panel(),
        "</div>",
        json_block("support-data", {"support": places}),
    ])
    return page(f"Summary of {_plain(summary.cluster_id)}", body, css=CSS, script=SCRIPT,
                lang=code)


def _plain(text: str) -> str:
    """``text`` for a place that holds no markup (the window title): each control or bidi
    character written as a visible ``U+XXXX``, as :func:`esc` shows it in the page."""
    return UNSAFE_CHARACTERS.sub(
        lambda m: surrogate_text(m.group()) if "\ud800" <= m.group() <= "\udfff"
        else f"U+{ord(m.group()):04X}", str(text))


def _places(summary: Summary) -> list[list[tuple[int, int, int]]]:
    """For each selected sentence, every (article, position, kind) that states it: its own
    origin first, then the same words elsewhere, or a near copy dedup merged into it (the
    sentence at that place reads differently). Without the split sentences (a summary
    built by hand) no wording is known, so nothing is called a near copy."""
    said = {(s.article, s.position): s.text for s in summary.article_sentences}
    out = []
    for selected in summary.sentences:
        row = []
        for j, (a, p) in enumerate(selected.unit.support):
            own = said.get((a, p), selected.unit.text)
            kind = _KEPT if j == 0 else (_SAME if own == selected.unit.text else _NEAR)
            row.append((a, p, kind))
        out.append(row)
    return out


def _header(summary: Summary) -> str:
    text = summary.text
    facts = [f"{word_count(text)} words", f"{len(summary.sentences)} sentences chosen",
             f"{len(summary.articles)} articles"]
    if summary.language is not None:
        facts.append("language: " + _language(summary))
    if summary.refined is not None:
        facts.append("rewritten by the refine stage")
    return (f'<header>\n<h1>Summary of <span dir="auto">{esc(summary.cluster_id)}</span></h1>\n'
            f'<p class="meta">{" · ".join(esc(f) for f in facts)}</p>\n</header>')


def _language(summary: Summary) -> str:
    d = summary.language
    how = _SOURCES.get(d.source, d.source)
    if d.confidence is not None:
        how += f", confidence {round(d.confidence, 4)}"
    return f"{d.language.name} ({d.language.code}; {how})"


def _summary_part(summary: Summary, places) -> str:
    """The summary sentences as buttons; for a rewrite, the extract beside the rewrite and
    what the guard found."""
    hint = ('<p class="muted">Click a sentence (or Tab to it) to see every article that '
            'states it; the numbers link to the sentence in its article.</p>')
    extract = _sentence_list(summary, places)
    if summary.refined is None:
        return f'<section id="summary">\n<h2>Summary</h2>\n{hint}\n{extract}\n</section>'
    return ('<section id="summary">\n<h2>Summary</h2>\n<div class="pair">\n'
            f'<section id="extract">\n<h3>Extract</h3>\n{hint}\n{extract}\n</section>\n'
            f'<section id="rewrite">\n<h3>Rewrite</h3>\n<p class="rewrite" dir="auto">'
            f'{_rewrite(summary.refined, summary.unsupported)}</p>\n</section>\n</div>\n'
            f'{_guard(summary.unsupported)}\n</section>')


def _sentence_list(summary: Summary, places) -> str:
    items = []
    for k, (selected, where) in enumerate(zip(summary.sentences, places)):
        refs = [f'<a class="ref" href="#a{a}-s{p}" data-k="{k}" data-a="{a}" data-p="{p}" '
                f'title="article {a + 1}, sentence {p + 1}">[{a + 1}.{p + 1}]</a>'
                for a, p, _ in where]
        items.append(f'<li><button type="button" class="sent" data-k="{k}" '
                     f'aria-pressed="false"><span class="words" dir="auto">'
                     f'{esc(selected.unit.text)}</span></button> {"".join(refs)}</li>')
    return '<ol class="summary" id="sentences">\n' + "\n".join(items) + "\n</ol>"


def _rewrite(refined: str, unsupported: list[dict]) -> str:
    """The rewrite with each flagged sentence marked, and inside it each fact no source
    states."""
    flagged = [e for e in unsupported if e.get("action") == "flagged"]
    return _marked(refined, [(str(e.get("text", "")), '<mark class="flag">', "</mark>",
                              partial(_facts_marked, e.get("items", []))) for e in flagged])


def _facts_marked(items: list[dict], sentence: str) -> str:
    return _marked(sentence, [(str(i.get("text", "")), '<mark class="item" title="no source '
                               'states this">', "</mark>", esc) for i in items])


def _marked(text: str, wanted) -> str:
    """``text`` escaped, with the first free occurrence of each wanted piece wrapped:
    ``wanted`` holds (piece, open tag, close tag, how the piece itself is written)."""
    spans = []
    for piece, open_tag, close_tag, inner in wanted:
        start = _free_find(text, piece, spans)
        if start >= 0:
            spans.append((start, start + len(piece), (open_tag, close_tag, inner)))
    out, last = [], 0
    for start, end, (open_tag, close_tag, inner) in sorted(spans, key=lambda s: s[0]):
        out += [esc(text[last:start]), open_tag, inner(text[start:end]), close_tag]
        last = end
    out.append(esc(text[last:]))
    return "".join(out)


def _free_find(text: str, piece: str, taken) -> int:
    """Where ``piece`` first occurs in ``text`` without overlapping a ``taken`` span."""
    if not piece:
        return -1
    start = text.find(piece)
    while start >= 0:
        end = start + len(piece)
        if all(end <= s or start >= e for s, e, _ in taken):
            return start
        start = text.find(piece, start + 1)
    return -1


def _guard(unsupported: list[dict]) -> str:
    """What the guard flagged (kept, marked in the rewrite), dropped or fell back on."""
    if not unsupported:
        return '<p class="muted">The guard found no name, number or date the sources lack.</p>'
    items = []
    for entry in unsupported:
        facts = ", ".join(f'<mark class="item">{esc(i.get("text", ""))}</mark> '
                          f'({esc(i.get("type", ""))})' for i in entry.get("items", []))
        action = str(entry.get("action", ""))
        items.append(f'<li class="{attr(action)}"><span class="action">{esc(action)}</span>'
                     f'<span dir="auto">{esc(entry.get("text", ""))}</span>'
                     f'<div class="meta">not in any source: {facts}</div></li>')
    return ('<h3>What the guard found</h3>\n<ul class="guard" id="guard">\n'
            + "\n".join(items) + "\n</ul>")


def _articles(summary: Summary, places) -> str:
    """Every article as its sentences (each one an element the panel can highlight)."""
    by_article: dict[int, list] = {}
    for s in summary.article_sentences:
        by_article.setdefault(s.article, []).append(s)
    used = {(a, p) for where in places for a, p, _ in where}
    wanted = {}  # a summary built by hand: the sentences to find in the article's text
    for selected, where in zip(summary.sentences, places):
        for a, p, _ in where:
            wanted.setdefault(a, []).append((p, selected.unit.text))
    parts = []
    for i, article in enumerate(summary.articles):
        if by_article.get(i):
            text = _sentences_html(i, article.text, sorted(by_article[i],
                                                           key=lambda s: s.position), used)
        else:
            text = _found_html(i, article.text, wanted.get(i, []))
        parts.append(f'<article class="article" id="a{i}">\n<h3>{i + 1}. <span class="title" '
                     f'dir="auto">{esc(article.title or article.id)}</span></h3>\n'
                     f'<p class="meta">{_meta(article)}</p>\n<div class="text" dir="auto">'
                     f"{text}</div>\n</article>")
    return '<section id="articles">\n<h2>Sources</h2>\n' + "\n".join(parts) + "\n</section>"


def _meta(article) -> str:
    """The article's id, date and address, as text (an address is data, never a link)."""
    meta = f'<span class="aid" dir="auto">{esc(article.id)}</span>'
    if article.date:
        meta += f' · <span class="date" dir="auto">{esc(article.date)}</span>'
    if article.url:
        meta += f' · <span class="url" dir="auto">{esc(article.url)}</span>'
    return meta


def _span(i: int, p: int, text: str, used) -> str:
    cls = "s used" if (i, p) in used else "s"
    return f'<span class="{cls}" id="a{i}-s{p}" data-p="{p}">{esc(text)}</span>'


def _sentences_html(i: int, text: str, sentences, used) -> str:
    """The article's sentences in its own layout (paragraph breaks kept) when each one is
    found in its text in order; else one after another."""
    out, cursor = [], 0
    for s in sentences:
        start = text.find(s.text, cursor)
        if start < 0:
            return " ".join(_span(i, s.position, s.text, used) for s in sentences)
        out += [esc(text[cursor:start]), _span(i, s.position, s.text, used)]
        cursor = start + len(s.text)
    out.append(esc(text[cursor:]))
    return "".join(out)


def _found_html(i: int, text: str, wanted) -> str:
    """An article without its split sentences: its text, with each summary sentence that
    it supports marked where it is found."""
    return _marked(text, [(sentence, f'<span class="s used" id="a{i}-s{p}" data-p="{p}">',
                           "</span>", esc) for p, sentence in wanted])


def _removed(summary: Summary) -> str:
    """What the cleaner dropped, one collapsed block per article, each piece with its rule."""
    if not summary.dropped:
        return ('<section id="removed">\n<h2>Removed by the cleaner</h2>\n'
                '<p class="muted">Nothing was removed.</p>\n</section>')
    titles = {}
    for article in summary.articles:
        titles.setdefault(article.id, article.title or article.id)
    groups: dict[str, list] = {}
    for d in summary.dropped:
        groups.setdefault(d.article_id, []).append(d)
    blocks = []
    for article_id, pieces in groups.items():
        name = titles.get(article_id, article_id)
        items = "\n".join(f'<li><span class="rule">{esc(d.rule)}</span>'
                          f'<span dir="auto">{esc(d.text)}</span></li>' for d in pieces)
        blocks.append(f'<details class="dropped">\n<summary><span dir="auto">{esc(name)}</span>'
                      f' <span class="meta">({esc(article_id)}): {len(pieces)} removed</span>'
                      f"</summary>\n<ul>\n{items}\n</ul>\n</details>")
    return ('<section id="removed">\n<h2>Removed by the cleaner</h2>\n'
            + "\n".join(blocks) + "\n</section>")


def _about(summary: Summary, timings: bool) -> str:
    """The language and how it was decided, the method's notes, the config, and the
    stage times when asked for."""
    parts = ['<section id="about">\n<h2>How it was made</h2>']
    if summary.language is not None:
        parts.append(f'<p id="language">Language: {esc(_language(summary))}</p>')
    if summary.notes:
        parts.append('<h3>Notes</h3>\n<ul id="notes">' + "".join(
            f'<li dir="auto">{esc(n)}</li>' for n in summary.notes) + "</ul>")
    config = json.dumps(summary.config, indent=2, ensure_ascii=False)
    parts.append(f'<details id="config"><summary>Config</summary>\n<pre>{esc(config)}</pre>'
                 "\n</details>")
    if timings:
        rows = "".join(f'<tr><td>{esc(stage)}</td><td class="num">{seconds:.3f}</td></tr>'
                       for stage, seconds in summary.timings.items())
        parts.append('<h3>Timings</h3>\n<table id="timings"><tr><th>stage</th>'
                     f'<th class="num">seconds</th></tr>{rows}</table>')
    return "\n".join(parts) + "\n</section>"


def _panel() -> str:
    return ('<aside id="panel" aria-live="polite">\n<h2>Where it is said</h2>\n'
            '<div id="panel-places">\n<div id="panel-sentence" class="muted">Click a summary '
            'sentence.</div>\n<p id="panel-count" class="meta"></p>\n'
            '<ol id="panel-support"></ol>\n</div>\n<div id="panel-article"></div>\n</aside>')
