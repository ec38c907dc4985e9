"""Inline SVG charts for the HTML views: drawn here, so a page needs no image file, no
plotting library in the browser and no network.

Colours are SVG presentation attributes (``stroke``, ``fill``), which the pages'
Content-Security-Policy allows; no ``style=`` attribute is written.
"""

from __future__ import annotations

from .page import attr, esc

# Colour-blind-safe (Okabe-Ito), in the order systems are listed.
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000",
           "#f0e442")
MAX_POINTS = 400  # per line: a 5,622-cluster curve is drawn from its quantiles
MARKED = 40  # lines of at most this many clusters mark each one
_W, _H = 360, 250
_LEFT, _RIGHT, _TOP, _BOTTOM = 46, 10, 24, 40


def colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def _thin(values: list[float]) -> list[tuple[float, float]]:
    """(rank from 1, value) of the sorted ``values``, at most :data:`MAX_POINTS` of them
    (evenly spaced ranks, the first and last kept)."""
    n = len(values)
    if n <= MAX_POINTS:
        return [(i + 1, v) for i, v in enumerate(values)]
    picks = sorted({round(k * (n - 1) / (MAX_POINTS - 1)) for k in range(MAX_POINTS)})
    return [(i + 1, values[i]) for i in picks]


def _ticks(high: float) -> list[float]:
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000) if high / s <= 6)
    return [k * step for k in range(int(high // step) + 1)]


def quantile_plot(title: str, series: dict[str, list[float]], x_label: str,
                  y_label: str) -> str:
    """One panel: each series sorted and drawn against its rank, as
    :func:`summarizer.evaluation.report.plot_png` draws it; a legend names the lines."""
    n = max((len(v) for v in series.values()), default=0)
    high = max((max(v) for v in series.values() if v), default=0.0)
    high = max(high, 1.0) * 1.05
    width, height = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM

    def x(rank: float) -> float:
        return _LEFT + (width * (rank - 1) / (n - 1) if n > 1 else width / 2)

    def y(value: float) -> float:
        return _TOP + height * (1 - value / high)

    parts = [f'<svg class="plot" viewBox="0 0 {_W} {_H}" width="{_W}" height="{_H}" '
             f'role="img" aria-label="{attr(title)}">',
             f'<text x="{_W / 2:.0f}" y="15" text-anchor="middle" font-size="12" '
             f'font-weight="600">{esc(title)}</text>',
             f'<rect x="{_LEFT}" y="{_TOP}" width="{width}" height="{height}" fill="none" '
             'stroke="#aab"/>']
    for t in _ticks(high):
        parts.append(f'<line x1="{_LEFT}" x2="{_LEFT + width}" y1="{y(t):.1f}" '
                     f'y2="{y(t):.1f}" stroke="#e3e6ea"/><text x="{_LEFT - 4}" '
                     f'y="{y(t) + 3:.1f}" text-anchor="end" font-size="10">{t:g}</text>')
    for rank in sorted({1, n}) if n else []:
        parts.append(f'<text x="{x(rank):.1f}" y="{_TOP + height + 13}" text-anchor="middle" '
                     f'font-size="10">{rank}</text>')
    parts.append(f'<text x="{_LEFT + width / 2:.0f}" y="{_H - 6}" text-anchor="middle" '
                 f'font-size="11">{esc(x_label)}</text>')
    parts.append(f'<text transform="translate(12 {_TOP + height / 2:.0f}) rotate(-90)" '
                 f'text-anchor="middle" font-size="11">{esc(y_label)}</text>')
    for i, (name, values) in enumerate(series.items()):
        kept = _thin(sorted(values))
        points = " ".join(f"{x(r):.1f},{y(v):.1f}" for r, v in kept)
        parts.append(f'<polyline fill="none" stroke="{colour(i)}" stroke-width="1.6" '
                     f'points="{points}"><title>{esc(name)}</title></polyline>')
        if len(kept) <= MARKED:  # few clusters: each one a dot, as the PNG draws them
            parts.extend(f'<circle cx="{x(r):.1f}" cy="{y(v):.1f}" r="2.6" '
                         f'fill="{colour(i)}"/>' for r, v in kept)
    parts.append("</svg>")
    return "".join(parts)


def legend(names: list[str]) -> str:
    """The colour of each system's line, as HTML (names escaped, text direction auto)."""
    items = "".join(f'<li><svg width="18" height="10" aria-hidden="true"><line x1="0" y1="5" '
                    f'x2="18" y2="5" stroke="{colour(i)}" stroke-width="3"/></svg> '
                    f'<span dir="auto">{esc(name)}</span></li>' for i, name in enumerate(names))
    return f'<ul class="legend">{items}</ul>'
