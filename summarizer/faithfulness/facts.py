"""What the sources of a summary state, indexed once per cluster in the forms the checks
compare: words (for names), numbers by value, months."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable

from .. import text as _text
from ..language import Language, get_language
from .names import index_words
from .numerals import MONTHS, ORDINALS
from .rules import as_language, rules


@dataclass(frozen=True)
class Facts:
    """What the sources state, in ``language``."""

    words: frozenset[str]
    stems: frozenset[str]
    acronyms: frozenset[str]
    numbers: frozenset[Decimal]
    months: frozenset[int]
    language: Language = field(default_factory=lambda: get_language("en"))


def source_facts(texts: Iterable[str], language=None) -> Facts:
    """Index the source texts (article bodies, titles, dates) once per cluster, in
    ``language`` (a :class:`~summarizer.language.Language`, a code or name; None:
    English)."""
    lang = as_language(language)
    r = rules(lang)
    numerals = r.numerals
    words, acronyms, numbers, months = set(), set(), set(), set()
    for text in texts:
        if not text:
            continue
        if r.names or numerals.words:
            for n in index_words(text, words, acronyms):
                if numerals.words and n in MONTHS:
                    months.add(MONTHS[n])
                if numerals.words and n in ORDINALS:
                    numbers.add(Decimal(ORDINALS[n]))
        for number in numerals.numbers(text, lone_one=True):
            numbers.update(number.values)
        for m in numerals.iso_date.finditer(text):
            numbers.update(Decimal(int(m[g])) for g in numerals.iso_numbers)
            months.add(int(m[2]))
    stems = frozenset(_text.stem(w, lang.code) for w in words)
    return Facts(frozenset(words), stems, frozenset(acronyms), frozenset(numbers),
                 frozenset(months), lang)
