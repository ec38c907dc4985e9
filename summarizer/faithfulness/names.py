"""Names: runs of capitalised words, and whether the sources state each word.

A *name* is a run of capitalised words not opening a sentence (function words,
honorifics and common acronyms aside); each word must occur in the sources, in any case,
or share its stem with a source word ("Americans" ~ "American"). A sentence-initial single
word is not checked (its capital is grammar, not a name), so a made-up surname opening a
sentence goes unnoticed; that is the price of no false flags on "Meanwhile" or
"Officials".
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Callable

from .. import text as _text

if TYPE_CHECKING:
    from .facts import Facts

WORD = re.compile(r"[^\W_]+(?:['’.\-&][^\W_]+)*")

# Capitalised words that are not names of anything a source must state: titles before a
# name, and company and time abbreviations.
_GENERIC = _text.HONORIFICS | {"i", "st", "jr", "sr", "inc", "co", "corp", "ltd", "ceo", "cfo",
                               "tv", "am", "pm", "ok", "ad", "bc"}
# Short forms a faithful rewrite may swap for the long ones, and back.
_ALIASES = [{"us", "usa", "america", "american", "americans", "united", "states"},
            {"uk", "britain", "british", "united", "kingdom"},
            {"un", "united", "nations"},
            {"eu", "european", "union"}]
_ACRONYM_ALIASES = {"us", "usa", "uk", "un", "eu"}


@lru_cache(maxsize=200_000)
def norm(token: str) -> str:
    """Lower case, no accents ("Isère" -> "isere"), no dots ("U.S." -> "us"), no
    possessive ("Ortiz's" -> "ortiz")."""
    t = unicodedata.normalize("NFKD", token.replace("’", "'").lower())
    t = "".join(c for c in t if not unicodedata.combining(c))
    if t.endswith("'s"):
        t = t[:-2]
    return t.replace(".", "")


@lru_cache(maxsize=64)
def stop_set(code: str) -> frozenset[str]:
    """The language's stop words, also in ``norm`` form (no accents)."""
    words = _text.stop_words(code)
    return frozenset(words) | frozenset(norm(w) for w in words)


def is_acronym(token: str) -> bool:
    bare = token.replace(".", "")
    return len(bare) > 1 and bare.isupper()


def is_candidate(token: str, stops: frozenset[str]) -> bool:
    """A capitalised word that may be part of a name: an acronym or no stop word."""
    if not token[0].isupper():
        return False
    return is_acronym(token) or (token.lower() not in stops and norm(token) not in stops)


def index_words(text: str, words: set, acronyms: set) -> list[str]:
    """Add every word of ``text`` (and each part of a hyphenated or ``&`` word) to
    ``words`` in ``norm`` form, the all-capital ones to ``acronyms`` too; returns them."""
    out: list[str] = []
    for m in WORD.finditer(text):
        tok = m.group()
        for part in {tok, *re.split(r"[-&]", tok)}:
            if not part:
                continue
            n = norm(part)
            words.add(n)
            if part.replace(".", "").isupper():
                acronyms.add(n)
            out.append(n)
    return out


def supported(token: str, facts: Facts) -> bool:
    """Whether the sources state the word ``token`` of a name, as written, in parts, by
    stem or by a known alias ("U.S." for "United States")."""
    n = norm(token)
    if n in facts.words:  # also "NBC4" when a source writes "NBC4"
        return True
    joined = re.fullmatch(r"([a-z]+)(\d+)", n)  # "Route9" for "Route 9"
    if joined:
        return joined[1] in facts.words and Decimal(int(joined[2])) in facts.numbers
    parts = [p for p in re.split(r"[-&]", n) if p]
    if n in facts.words or n in _GENERIC or all(p in facts.words for p in parts):
        return True
    if _text.stem(n, facts.language.code) in facts.stems:
        return True
    return any((a in facts.acronyms) if a in _ACRONYM_ALIASES else (a in facts.words)
               for group in _ALIASES if n in group for a in group if a != n)


class NameRuns:
    """Runs of capitalised words in a sentence, each checked against the sources when it
    ends: the first unsupported word to the last is one name, reported as
    ``report(position, text)``. A run that opens the sentence (or a quote) leaves its
    first word out, unless it is an acronym."""

    def __init__(self, sentence: str, facts: Facts, report: Callable[[int, str], None]):
        self.sentence, self.facts, self.report = sentence, facts, report
        self.span: list[re.Match] = []
        self.opens = False

    def add(self, m: re.Match, gap: str, opens: bool) -> None:
        if self.span and (gap.strip() or opens):
            self.close()
        if not self.span:
            self.opens = opens
        self.span.append(m)

    def close(self) -> None:
        span = self.span
        if not span:
            return
        checked = span[1:] if self.opens and not is_acronym(span[0].group()) else span
        bad = [m for m in checked if not supported(m.group(), self.facts)]
        if bad:
            self.report(bad[0].start(), self.sentence[bad[0].start():bad[-1].end()])
        self.span = []
