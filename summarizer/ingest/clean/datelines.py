"""Datelines: "LONDON (AP) _ ", "WASHINGTON (Reuters) - ", "(CNN) -- ", "BEIJING, Jan. 8
(Xinhua) -- ", cut from an article's first lines, the rest of the sentence kept."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import regex

from ...language import Language
from .base import ENGLISH


_AGENCIES = (
    r"ap|reuters|afp|upi|cnn|xinhua|dpa|ians|pti|bloomberg|kyodo|yonhap|tass|efe|ansa"
    r"|anadolu|bernama|cbs|nbc|abc|bbc|ktla|wabc|nyt|nytimes|the\s+associated\s+press"
    r"|associated\s+press|ny\s+times"
)
# "LONDON (AP) _ ", "WASHINGTON (Reuters) - ", "BEIJING, Jan. 8 (Xinhua) -- ",
# "Sycamore, Illinois (CNN) ", "(CNN) -- ", "LANCASTER (CBSLA) — ".
_PLACE = r"[A-Za-z][\w.'’/&-]*(?:,?\s+[A-Za-z0-9][\w.'’/&-]*){0,6}?"
_DASH = r"(?:_|--+|—|–|-)"
_AGENCY_DATELINE = re.compile(
    r"^(?:" + _PLACE + r"\s*,?\s*)?"
    r"\(\s*(?:(?P<known>" + _AGENCIES + r")|(?P<other>[A-Z][A-Za-z0-9&.]{1,11}(?:\s+[A-Z][A-Za-z0-9&.]{1,11}){0,2}))\s*\)"
    r"\s*(?P<dash>" + _DASH + r")?\s*",
    re.I,
)
_CAPS_WORD = r"[A-Z][A-Z.'’/&-]*[A-Z.]"
_WIRE_DATELINE = re.compile(
    r"^(?:" + _CAPS_WORD + r"(?:\s+" + _CAPS_WORD + r"){0,3})"
    r"(?:,\s+[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,2})?"
    r"(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"(?:\s*(?:_|--+|—|–)|\s+-)\s*(?=[A-Z0-9\"“‘'])"
)


# The same shapes in any script, for languages other than English: a place in any letters
# ("МОСКВА, 8 января (РИА Новости) — ", "القاهرة (رويترز) - "), an agency in parentheses
# (known by the English list above, or any one to three words followed by a dash), or a
# place in capitals of any cased script before a dash ("ΑΘΗΝΑ — ").
_PLACE_ANY = r"[^\W\d_][\w.'’/&-]*(?:,?\s+[^\W_][\w.'’/&-]*){0,6}?"
_AGENCY_DATELINE_ANY = re.compile(
    r"^(?:" + _PLACE_ANY + r"\s*,?\s*)?"
    r"\(\s*(?:(?P<known>" + _AGENCIES + r")|(?P<other>[^\W\d_][\w&.]{0,15}(?:\s+[\w&.]{1,15}){0,2}))\s*\)"
    r"\s*(?P<dash>" + _DASH + r")?\s*",
    re.I,
)
_CAPS_WORD_ANY = r"\p{Lu}[\p{Lu}.'’/&-]*[\p{Lu}.]"
_WIRE_DATELINE_ANY = regex.compile(
    r"^(?:" + _CAPS_WORD_ANY + r"(?:\s+" + _CAPS_WORD_ANY + r"){0,3})"
    r"(?:,\s+\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,2})?"
    r"(?:,\s+\d{1,2}\.?\s+\p{L}{2,12}\.?|,\s+\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2})?"
    r"(?:\s*(?:_|--+|—|–)|\s+-)\s*(?=[\p{Lu}\p{Lo}\d\"“‘'«„])"
)
_DATELINE_CHARS = 1000


class _DatelineShapes(NamedTuple):
    agency: re.Pattern  # "PLACE (Agency) -", "(CNN) --"
    wire: Any  # "PLACE, Jan. 8 -": a pattern of ``re`` or of ``regex``
    quotes: str  # what may open the sentence after an agency dateline
    window: int | None  # characters of a line the wire shape reads (None: all)


# The English shapes in ASCII letters, and the same shapes in any script. The ``regex``
# module backtracks through a long run of capitals and hyphens in time quadratic in its
# length; a dateline is a few short words, well inside the window.
_DATELINES = {True: _DatelineShapes(_AGENCY_DATELINE, _WIRE_DATELINE, "\"“‘'", None),
              False: _DatelineShapes(_AGENCY_DATELINE_ANY, _WIRE_DATELINE_ANY,
                                     "\"“‘'«„「『", _DATELINE_CHARS)}


def dateline(line: str, strong_only: bool, language: Language = ENGLISH) -> str | None:
    """The dateline prefix of ``line`` or None: an agency dateline, or (unless
    ``strong_only``) a wire dateline of a few words, in the shapes the language's rules
    take."""
    shapes = _DATELINES[language.english_rules]
    m = shapes.agency.match(line)
    if m:
        other = m.group("other")
        agency_ok = m.group("known") or (other and not other[0].islower())
        # an unknown parenthesized acronym ("Apple Inc (AAPL) said") needs a dash after it
        if agency_ok and (m.group("known") or m.group("dash")):
            rest = line[m.end():]
            if rest[:1].isalnum() or rest[:1] in shapes.quotes or not rest:
                return line[: m.end()]
    if strong_only:
        return None
    m = shapes.wire.match(line, 0, shapes.window or len(line))
    if m and len(m.group(0).split()) <= 8:
        return m.group(0)
    return None
