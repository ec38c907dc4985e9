"""The sentence check: the names, numbers and dates in a rewrite that the sources do not
state, sentence by sentence, by one set of rules read from the language's profile."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ..language import Language
from .facts import Facts, source_facts
from .names import WORD, NameRuns, is_candidate, norm
from .numerals import MONTHS, WEEKDAYS
from .rules import Rules, rules


@dataclass(frozen=True)
class Item:
    """One unsupported fact: its text as written and its type (name, number or date)."""

    text: str
    type: str


@dataclass(frozen=True)
class SentenceCheck:
    """A sentence of the checked text and the facts in it that no source states."""

    index: int
    text: str
    items: tuple[Item, ...]


def check_sentence(sentence: str, facts: Facts) -> list[Item]:
    """The names, numbers and dates in one sentence that the sources do not state (in the
    language ``facts`` were indexed in)."""
    r = rules(facts.language)
    items: list[tuple[int, Item]] = []  # (position, item)
    number_spans = []
    for number in r.numerals.numbers(sentence, lone_one=False):
        number_spans.append((number.start, number.end))
        if not number.values & facts.numbers:
            items.append((number.start, Item(sentence[number.start:number.end].strip(),
                                             number.kind)))
    if r.names or r.numerals.words:
        _check_words(sentence, facts, r, _covered(number_spans), items)
    return _unique([item for _, item in sorted(items, key=lambda p: p[0])])


def _check_words(sentence: str, facts: Facts, r: Rules, in_number, items: list) -> None:
    """Add the unsupported names and named dates of ``sentence`` to ``items``; words
    inside a number (``in_number``) are neither."""
    names = NameRuns(sentence, facts, lambda pos, text: items.append((pos, Item(text, "name"))))
    previous_end = 0
    for i, m in enumerate(WORD.finditer(sentence)):
        tok, gap = m.group(), sentence[previous_end:m.start()]
        previous_end = m.end()
        if tok[0].isdigit() or in_number(m.start()):
            names.close()
            continue
        opens = i == 0 or any(c in r.openers for c in gap)
        n = norm(tok)
        if r.numerals.words and tok[0].isupper() and (n in WEEKDAYS or n in MONTHS):
            names.close()
            item = _date_item(tok, n, opens, sentence, m.end(), facts)
            if item:
                items.append((m.start(), item))
        elif r.names and is_candidate(tok, r.stops):
            names.add(m, gap, opens)
        else:
            names.close()
    names.close()


def _covered(spans: list[tuple[int, int]]):
    """A test of whether a position lies in one of ``spans`` (start, end), for positions
    asked in increasing order: one pass over the spans, however many numbers and words a
    sentence has."""
    ordered, i, reach = sorted(spans), 0, -1

    def inside(pos: int) -> bool:
        nonlocal i, reach
        while i < len(ordered) and ordered[i][0] <= pos:
            reach = max(reach, ordered[i][1])
            i += 1
        return pos < reach

    return inside


_BEFORE_NUMBER = re.compile(r"\.?\s+\d")


def _date_item(tok: str, n: str, opens: bool, sentence: str, end: int,
               facts: Facts) -> Item | None:
    """A weekday or month (``tok``, ending at ``end`` in ``sentence``) the sources do not
    mention. "May" and "March" opening a sentence and abbreviations ("Dec") count only
    before a day number ("May 3")."""
    if n in WEEKDAYS:
        return None if n in facts.words else Item(tok, "date")
    before_number = _BEFORE_NUMBER.match(sentence, end) is not None
    full = len(n) > 3 and n != "sept"
    if before_number or (full and not (opens and n in ("may", "march"))):
        return None if MONTHS[n] in facts.months else Item(tok, "date")
    return None


def _unique(items: list[Item]) -> list[Item]:
    seen, out = set(), []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


# A no-break space between digit groups ("1 000") is a thousands separator; the
# splitter turns every white space into a plain one, so it is read before splitting.
_GROUP_SPACE = re.compile(r"(?<=\d)[\u00a0\u202f](?=\d{3}(?!\d))")


def _sentences(text: str, language: Language) -> list[str]:
    from ..ingest.split import split_text

    if rules(language).numerals.group_spaces:
        text = _GROUP_SPACE.sub("", text)
    return split_text(text, language)


def check(text: str, sources: Facts | Iterable[str], language=None) -> list[SentenceCheck]:
    """Every sentence of ``text`` with the facts in it that ``sources`` do not state.
    ``language`` (None: English) applies when ``sources`` are texts; indexed ``Facts``
    carry their own."""
    facts = sources if isinstance(sources, Facts) else source_facts(sources, language)
    return [SentenceCheck(i, s, tuple(check_sentence(s, facts)))
            for i, s in enumerate(_sentences(text, facts.language))]
