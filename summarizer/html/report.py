"""An evaluation report's ``index.html``: the systems table with intervals, paired tests
of every system against the first, the per-cluster score plots as inline SVG, and a
per-cluster table sortable by any system's score or by the difference of two systems.

The index stays small and fast at 5,622 clusters: the per-cluster rows are one JSON data
block (scores to two decimals) that the page's script sorts and shows 100 rows at a
time; each cluster's page (:mod:`.cluster_page`) is a file of its own.
"""

from __future__ import annotations

from ..evaluation.bootstrap import paired_bootstrap
from ..evaluation.protocols import METRIC_LABELS
from ..text import printable
from .page import esc, json_block, page
from .svg import legend, quantile_plot

PAGE_ROWS = 100

CSS = """
.plots { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
.legend { list-style: none; padding: 0; display: flex; gap: 1rem; flex-wrap: wrap; }
.controls { display: flex; gap: 1rem; flex-wrap: wrap; align-items: center; margin: .6rem 0;
            padding: .4rem .6rem; background: var(--soft); border-radius: 4px; }
.hidden { display: none; }
th button { font: inherit; font-weight: 600; border: 0; background: none; cursor: pointer;
            padding: 0; color: var(--accent); }
"""

SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById('cluster-rows').textContent);
  var $ = function (id) { return document.getElementById(id); };
  var metric = $('metric'), sort = $('sort'), a = $('sys-a'), b = $('sys-b'),
      order = $('order'), body = $('rows'), head = $('rows-head'), more = $('more');
  var shown = data.page;
  function score(row, s) { return row[2][s][+metric.value]; }
  function key(row) {
    var v = sort.value;
    if (v === 'id') { return null; }
    if (v === 'diff') {
      var x = score(row, +a.value), y = score(row, +b.value);
      return (x === null || y === null) ? null : Math.round((y - x) * 100) / 100;
    }
    return score(row, +v);
  }
  function sorted() {
    var idx = data.rows.map(function (r, i) { return i; });
    if (sort.value === 'id') { return idx; }
    var keys = data.rows.map(key), sign = order.value === 'asc' ? 1 : -1;
    idx.sort(function (i, j) {
      var x = keys[i], y = keys[j];
      if (x === null || y === null) { return (x === null) - (y === null) || i - j; }
      return sign * (x - y) || i - j;
    });
    return idx;
  }
  function cell(text, cls) {
    var td = document.createElement('td');
    td.textContent = text;
    if (cls) { td.className = cls; }
    return td;
  }
  function fmt(v) { return v === null ? '-' : v.toFixed(2); }
  // Controls and bidi overrides shown as marks, as esc() shows them in the page's HTML.
  var UNSAFE = /[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]/g;
  function visible(text) {
    return text.replace(UNSAFE, function (c) {
      return ' U+' + ('000' + c.charCodeAt(0).toString(16).toUpperCase()).slice(-4) + ' ';
    });
  }
  function header() {
    head.textContent = '';
    var tr = document.createElement('tr');
    var names = ['cluster'].concat(data.systems);
    names.forEach(function (name, i) {
      var th = document.createElement('th'), btn = document.createElement('button');
      btn.textContent = name;
      btn.dataset.sort = i === 0 ? 'id' : String(i - 1);
      btn.addEventListener('click', function () { sort.value = btn.dataset.sort; render(); });
      th.appendChild(btn);
      if (i > 0) { th.className = 'num'; }
      tr.appendChild(th);
    });
    if (sort.value === 'diff') {
      var th = document.createElement('th');
      th.className = 'num';
      th.textContent = data.systems[+b.value] + ' - ' + data.systems[+a.value];
      tr.appendChild(th);
    }
    head.appendChild(tr);
  }
  function render() {
    $('pair').classList.toggle('hidden', sort.value !== 'diff');
    header();
    var idx = sorted();
    body.textContent = '';
    idx.slice(0, shown).forEach(function (i) {
      var row = data.rows[i], tr = document.createElement('tr'), td = document.createElement('td');
      var link = document.createElement('a');
      link.href = 'clusters/' + encodeURIComponent(row[1]) + '.html';
      link.textContent = visible(row[0]);
      link.dir = 'auto';
      td.appendChild(link);
      tr.appendChild(td);
      data.systems.forEach(function (s, k) { tr.appendChild(cell(fmt(score(row, k)), 'num')); });
      if (sort.value === 'diff') {
        var d = key(row);
        tr.appendChild(cell(d === null ? '-' : (d >= 0 ? '+' : '') + d.toFixed(2), 'num'));
      }
      body.appendChild(tr);
    });
    var n = Math.min(shown, idx.length);
    $('shown').textContent = 'showing ' + n + ' of ' + idx.length + ' clusters';
    more.classList.toggle('hidden', n >= idx.length);
  }
  [metric, sort, a, b, order].forEach(function (s) {
    s.addEventListener('change', function () { shown = data.page; render(); });
  });
  more.addEventListener('click', function () { shown += data.page; render(); });
  render();
})();
"""


def index_page(run, doc: dict, stems: list[str]) -> str:
    """``index.html`` of the report of ``run`` (``doc``: its results.json; ``stems``:
    each cluster's page name, in the dataset's order)."""
    metrics = list(run.protocol.metrics)
    names = [spec.name for spec in run.systems]
    d = doc["dataset"]
    body = [f'<h1 dir="auto">Evaluation: {esc(d["name"])}</h1>',
            f'<p class="meta">{d["clusters"]} clusters; protocol {esc(doc["protocol"]["description"])}; '
            f'mean x100 with 95% bootstrap intervals over clusters '
            f'({doc["bootstrap"]["samples"]} resamples, seed {doc["bootstrap"]["seed"]}).</p>',
            "<h2>Systems</h2>", _systems_table(doc, metrics),
            _paired_table(run, doc, metrics),
            "<h2>Per-cluster scores</h2>", _plots(run, metrics, names),
            "<h2>Clusters</h2>", _cluster_controls(metrics, names),
            '<table><thead id="rows-head"></thead><tbody id="rows"></tbody></table>',
            '<p><span id="shown" class="muted"></span> <button id="more" type="button">show '
            f'{PAGE_ROWS} more</button></p>',
            json_block("cluster-rows", _rows(run, metrics, names, stems))]
    return page(f"{printable(d['name'])} - evaluation report", "\n".join(body), css=CSS,
                script=SCRIPT)


def _label(metric: str) -> str:
    return METRIC_LABELS.get(metric, metric)


def _systems_table(doc: dict, metrics: list[str]) -> str:
    head = "".join(f'<th class="num">{esc(_label(m))}</th>' for m in metrics)
    rows = []
    for name, s in doc["systems"].items():
        cells = "".join(f'<td class="num">{v["mean"]:.2f} [{v["low"]:.2f}, {v["high"]:.2f}]</td>'
                        for v in (s["metrics"][m] for m in metrics))
        rate = s["unsupported_per_100_words"]
        rows.append(f'<tr><td dir="auto">{esc(name)}</td>{cells}<td class="num">'
                    f'{s["words"]:.0f}</td><td class="num">{"-" if rate is None else f"{rate:.2f}"}'
                    f'</td><td class="num">{s["errors"]}</td></tr>')
    return (f'<table id="systems"><thead><tr><th>system</th>{head}<th class="num">words</th>'
            '<th class="num">unsupported/100w</th><th class="num">errors</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _paired_table(run, doc: dict, metrics: list[str]) -> str:
    """Each system against the first, on the clusters both scored: B - A [95% CI], p."""
    if len(run.systems) < 2:
        return ""
    boot = doc["bootstrap"]
    first = run.systems[0].name
    base = {r.cluster: r.scores for r in run.results[first]}
    rows = []
    for spec in run.systems[1:]:
        mine = [r for r in run.results[spec.name] if r.cluster in base]
        cells = []
        for m in metrics:
            t = paired_bootstrap([base[r.cluster][m] for r in mine], [r.scores[m] for r in mine],
                                 boot["samples"], boot["seed"])
            p = f"< {1 / boot['samples']:.3g}" if t.p_value < 1 / boot["samples"] else \
                f"{t.p_value:.3f}"
            cls = "up" if t.p_value < 0.05 and t.diff > 0 else \
                "down" if t.p_value < 0.05 and t.diff < 0 else ""
            cells.append(f'<td class="num {cls}">{t.diff:+.2f} [{t.low:+.2f}, {t.high:+.2f}]'
                         f'</td><td class="num">{p}</td>')
        rows.append(f'<tr><td dir="auto">{esc(spec.name)}</td>{"".join(cells)}</tr>')
    head = "".join(f'<th class="num">{esc(_label(m))} diff [95% CI]</th><th class="num">p</th>'
                   for m in metrics)
    return (f'<h2>Against <span dir="auto">{esc(first)}</span></h2>'
            '<p class="meta">Paired bootstrap over the clusters both systems scored; '
            f'two-sided p.</p><table id="paired"><thead><tr><th>system</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _plots(run, metrics: list[str], names: list[str]) -> str:
    panels = [quantile_plot(f"{_label(m)} {run.protocol.measure}",
                            {n: [r.scores[m] for r in run.results[n]] for n in names},
                            "clusters, sorted by score", "score x100") for m in metrics]
    return legend(names) + f'<div class="plots">{"".join(panels)}</div>'


def _cluster_controls(metrics: list[str], names: list[str]) -> str:
    def options(items):
        return "".join(f'<option value="{v}">{esc(t)}</option>' for v, t in items)

    systems = list(enumerate(names))
    sorts = [("id", "dataset order")] + [(k, f"score of {n}") for k, n in systems]
    if len(names) > 1:
        sorts.append(("diff", "difference of two systems"))
    second = [(k, n) for k, n in systems[1:]] + systems[:1]
    return ('<div class="controls">'
            f'<label>metric <select id="metric">{options(enumerate(map(_label, metrics)))}'
            f'</select></label><label>sort by <select id="sort">{options(sorts)}</select>'
            '</label><span id="pair" class="hidden">'
            f'<label>B <select id="sys-b">{options(second)}</select></label> minus '
            f'<label>A <select id="sys-a">{options(systems)}</select></label></span>'
            '<label>order <select id="order"><option value="desc">highest first</option>'
            '<option value="asc">lowest first</option></select></label></div>')


def _rows(run, metrics: list[str], names: list[str], stems: list[str]) -> dict:
    """The per-cluster table's data: [id, page stem, [[score per metric] per system]]
    (null where a system has no row for the cluster)."""
    by_system = [{r.cluster: r.scores for r in run.results[n]} for n in names]
    rows = []
    for cluster, stem in zip(run.dataset.clusters, stems):
        scores = [[round(s[cluster.id][m], 2) for m in metrics] if cluster.id in s
                  else [None] * len(metrics) for s in by_system]
        rows.append([cluster.id, stem, scores])
    return {"systems": names, "metrics": [_label(m) for m in metrics], "rows": rows,
            "page": PAGE_ROWS}
