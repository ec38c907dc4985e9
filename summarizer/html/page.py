"""The one shell every HTML view is written in: a self-contained page that opens from
``file://`` and asks the network for nothing.

Every piece of data (article, reference, id, model text) reaches the page through
:func:`esc` (or :func:`json_block` for data a script reads), and the page's
Content-Security-Policy allows only its own style and script, named by their SHA-256
hashes: even text that escaped escaping (an inline ``<script>``, an ``onerror=``
attribute, a ``javascript:`` link) would not run, and nothing remote loads.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re

from ..text import UNSAFE_CHARACTERS, surrogate_text

BASE_CSS = """
:root { --fg: #1d232a; --muted: #5b6670; --line: #d8dde2; --soft: #f4f6f8; --accent: #1f5fa8;
        --hit1: #fff0a8; --hit2: #ffc98a; --pick: #dcebff; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg);
       margin: 0; padding: 1.2rem 1.6rem 3rem; max-width: 1400px; }
h1 { font-size: 1.35rem; margin: 0 0 .4rem; } h2 { font-size: 1.1rem; margin: 1.4rem 0 .5rem; }
h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
a { color: var(--accent); }
.muted, .meta { color: var(--muted); font-size: .88rem; }
table { border-collapse: collapse; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--line); padding: .25rem .6rem; text-align: left;
         vertical-align: top; }
th { background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
details { margin: .4rem 0; } summary { cursor: pointer; }
pre, code { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: .85rem; }
pre { background: var(--soft); padding: .6rem; overflow: auto; white-space: pre-wrap; }
.ctl { color: #a40000; font-size: .75rem; border: 1px solid #e3b5b5; border-radius: 3px; }
.up { color: #1a7f37; } .down { color: #b42318; }
"""


_SPECIAL = re.compile(f"[&<>\"'{UNSAFE_CHARACTERS.pattern[1:-1]}]")


def attr(text: object) -> str:
    """``text`` as an attribute value: :func:`esc`'s escaping, with each control character
    written as the plain text ``U+XXXX`` (an attribute cannot hold esc's mark element)."""
    return html.escape(UNSAFE_CHARACTERS.sub(lambda m: f"U+{ord(m.group()):04X}", str(text)))


def esc(text: object) -> str:
    """``text`` as HTML text (in attributes use :func:`attr`): ``& < > " '`` escaped, and each
    character a terminal or a bidi algorithm would obey (C0/C1 controls but tab and line
    feed, bidi overrides and isolates) shown as a visible ``U+XXXX`` mark instead of
    acting on the text around it; a byte a file name could not decode shows as ``\\xNN``."""
    text = str(text)
    if not _SPECIAL.search(text):  # most words of a page: nothing to escape
        return text
    parts, last = [], 0
    for m in UNSAFE_CHARACTERS.finditer(text):
        parts.append(html.escape(text[last:m.start()]))
        char = m.group()
        shown = surrogate_text(char) if "\ud800" <= char <= "\udfff" else f"U+{ord(char):04X}"
        parts.append(f'<span class="ctl" title="a control character in the text">'
                     f'{html.escape(shown)}</span>')
        last = m.end()
    parts.append(html.escape(text[last:]))
    return "".join(parts)


def json_block(element_id: str, value: object) -> str:
    """``value`` as a ``<script type="application/json">`` data block a page script reads
    with ``JSON.parse``: never executed, and ``<``, ``>``, ``&`` and the JavaScript line
    separators escaped so no text inside can close the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                       ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    text = UNSAFE_CHARACTERS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return f'<script type="application/json" id="{attr(element_id)}">{text}</script>'


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy(style: str, script: str) -> str:
    """The Content-Security-Policy of a page whose one ``<style>`` and one ``<script>``
    are ``style`` and ``script``: nothing else runs, styles, loads or submits."""
    scripts = _hash(script) if script else "'none'"
    return ("default-src 'none'; img-src data:; style-src " + _hash(style) +
            "; script-src " + scripts + "; base-uri 'none'; form-action 'none'")


def page(title: str, body: str, *, css: str = "", script: str = "", lang: str = "") -> str:
    """A whole HTML document: ``body`` (already HTML, data escaped with :func:`esc`) under
    the shared style plus ``css``, with ``script`` as the page's one inline script (run
    when the document has loaded). ``lang`` is the content's language code, if known."""
    style = BASE_CSS + css
    lang_attr = f' lang="{attr(lang)}"' if lang else ""
    script_tag = f"<script>{script}</script>" if script else ""
    return ("<!DOCTYPE html>\n"
            f"<html{lang_attr}>\n<head>\n<meta charset=\"utf-8\">\n"
            f'<meta http-equiv="Content-Security-Policy" content="{policy(style, script)}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="referrer" content="no-referrer">\n'
            f"<title>{esc(title)}</title>\n<style>{style}</style>\n</head>\n"
            f"<body>\n{body}\n{script_tag}\n</body>\n</html>\n")
