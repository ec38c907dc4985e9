"""Markup: block tags become line breaks, inline tags go, SGML wire codes (``&QL;``)
and editorial annotation blocks are removed and reported, HTML entities are unescaped."""

from __future__ import annotations

import html
import re
from html.entities import html5

# Zero-width characters and soft hyphens: dropped before the line rules read a line.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


# Block tags become line breaks; SGML wire codes (&QL; &UR; ...) that are not HTML
# entities are removed; <ANNOTATION> blocks are editorial notes: an opening tag
# (``<note ...>``) to the nearest closing tag of its name, in any case.
_ANNOTATION_OPEN = re.compile(r"<(annotation|note|comment)\b", re.I)
_ANNOTATION_CLOSE = {name: re.compile(rf"</{name}\s*>", re.I)
                     for name in ("annotation", "note", "comment")}
_BLOCK_TAG = re.compile(
    r"</?(?:p|br|div|section|article|blockquote|li|ul|ol|h[1-6]|tr|table|text|body"
    r"|headline|hl|dateline|graphic)\b[^>]{0,200}>",
    re.I,
)
_INLINE_TAG = re.compile(r"</?(?:span|a|b|i|em|strong|font|u|sup|sub|small|img)\b[^>]{0,300}>", re.I)
_CODE = re.compile(r"&([A-Z]{2,4});")
# wire-service slugs closing an article: "(scl)", "(vs/krt)", "(tc-pfg-dkt)"
WIRE_SLUG = re.compile(r"\s*\((?:[a-z]{2,3}|[a-z]{1,5}(?:[-/][a-z]{1,5}){1,4})\)\s*$")


def _annotation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each annotation block, left to right, as one regular expression
    ``<(name)\\b[^>]*>.*?</\\1\\s*>`` would find them, in one pass: the next ``>`` and
    each name's next closing tag are looked up once and reused, so a text of 100,000
    unclosed ``<note>`` tags is not scanned to its end from each one (a hang)."""
    spans: list[tuple[int, int]] = []
    pos, gt = 0, -1  # gt: the first ">" at or after the last opening tag looked at
    closing: dict[str, re.Match | None] = {}  # name -> its next closing tag, None: none left
    while (m := _ANNOTATION_OPEN.search(text, pos)) is not None:
        if gt < m.end():
            gt = text.find(">", m.end())
            if gt < 0:  # no ">" left: no opening tag can be complete
                break
        name = m.group(1).lower()
        close = closing.get(name, False)
        if close is False or (close is not None and close.start() <= gt):
            close = closing[name] = _ANNOTATION_CLOSE[name].search(text, gt + 1)
        if close is None:
            pos = m.start() + 1
            continue
        spans.append((m.start(), close.end()))
        pos = close.end()
    return spans


def strip_markup(text: str, dropped: list[str]) -> str:
    if "<" in text:
        pieces, last = [], 0
        for start, end in _annotation_spans(text):
            inner = " ".join(re.sub(r"<[^>]+>", " ", text[start:end]).split())
            if inner:
                dropped.append(inner)
            pieces += [text[last:start], "\n"]
            last = end
        text = "".join(pieces) + text[last:]
        text = _BLOCK_TAG.sub("\n", text)
        text = _INLINE_TAG.sub("", text)

    if "&" in text:
        def code(m: re.Match) -> str:
            if m.group(1) + ";" in html5:
                return m.group(0)  # a real entity, unescaped below
            dropped.append(m.group(0))
            return " "

        text = _CODE.sub(code, text)
        text = html.unescape(text)
    return text
