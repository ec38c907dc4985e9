"""Rules that read a line's shape and the language's profile: separators, timestamps,
teasers cut off by an ellipsis, words mixing Latin and Cyrillic letters, all-capitals
headings, date-only lines, and fragments of one to three words."""

from __future__ import annotations

import re

from ...language import Language
from ...text import MONTHS, WEEKDAYS
from ..formats import parse_date_line
from .base import count_words, ends_like_sentence


# Timestamp lines: "PUBLISHED: May 3, 2021 at 4:56 p.m. | UPDATED: ...", "May 3, 2021 |
# 6:03 pm": digits plus only date, time and label words.
_TIME_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset("""
    am pm a m p
    published updated posted modified last first on at by edt est cdt cst mdt mst pdt pst
    gmt utc bst cet cest et pt ist hrs h st nd rd th
""".split())
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


_TIME_LABELS = frozenset("published updated posted modified last first on at by".split())


def timestamp(line: str, words: list[str], _cfg, _language) -> bool:
    if len(words) > 25 or not any(c.isdigit() for c in line):
        return False
    runs = [w.lower() for r in _LETTER_RUN.findall(line) for w in _CAMEL.split(r)]
    return (all(w in _TIME_WORDS for w in runs)
            and any(w not in _TIME_LABELS for w in runs))  # a month, a day or am/pm


# Teasers cut off by the site: a short line ending in an ellipsis right after a word
# ("Minister urges calm over the...", "Storm damage costs top…", "... over the …"); a
# quotation that trails off ends with its closing quote instead.
_TRUNCATED = re.compile(r"[^\W_](?:\.\.\.|\s?…)$")


def truncated(line: str, words: list[str], _cfg, language: Language) -> bool:
    return count_words(line, words, language) <= 30 and _TRUNCATED.search(line) is not None


# Latin and Cyrillic letters inside one word ("Cоntact" with a Cyrillic "о"): text
# disguised from filters, i.e. advertising, in two or more words. (Greek is left out:
# science writes "TNFα".)
_MIXED_SCRIPT = re.compile(r"\b(?=\w*[A-Za-z])(?=\w*[\u0400-\u04ff])\w+\b")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")


def mixed_script(line: str, words: list[str], _cfg, language: Language) -> bool:
    """Off in a language written in Cyrillic, where such a word is a typing slip (a Latin
    "c" typed for its Cyrillic twin) or a Latin brand with a Cyrillic ending. Outside the
    English rules, only in a line written mostly in Latin letters (a Russian quotation
    in a French article is not disguised text)."""
    # the word-by-word look-aheads are slow on long lines; most lines have no Cyrillic
    if language.cyrillic or _CYRILLIC.search(line) is None:
        return False
    return len(_MIXED_SCRIPT.findall(line)) >= 2 and (
        language.english_rules or len(_LATIN.findall(line)) > len(_CYRILLIC.findall(line)))


_ALNUM = re.compile(r"[^\W_]")


def separator(line: str, words: list[str], _cfg, _language) -> bool:
    return not _ALNUM.search(line)


def heading(line: str, words: list[str], _cfg, language: Language) -> bool:
    """An all-capitals label: "UPDATE:", "LATEST HEADLINES", "NATIONAL FORECAST": no
    lower-case letter, and two letters or more (English rules), else two capitals or more
    and at least as many as the letters without case, so that a line of Arabic, Hebrew,
    Devanagari or CJK letters (no lower case because it cannot have any) is not one."""
    if len(words) > 10:  # before counting letters: most lines are long paragraphs
        return False
    upper = caseless = letters = 0
    for c in line:
        if c.islower():
            return False
        if c.isupper():
            upper += 1
        elif c.isalpha():
            caseless += 1
        letters += c.isalpha()
    if language.english_rules:
        return letters >= 2
    return upper >= 2 and upper >= caseless


def date_only(line: str, words: list[str], _cfg, language: Language) -> bool:
    """A line that is only a date: with English month names, or (outside the English
    rules) by shape in any language (:func:`_any_date_line`)."""
    return len(words) <= 8 and (parse_date_line(line) is not None or (
        not language.english_rules and _any_date_line(line)))


def fragment(line: str, words: list[str], _cfg, language: Language) -> bool:
    """One to three words without sentence punctuation: a label, a source name, a
    section head ("Bloomberg", "Abstract"), never a sentence."""
    return count_words(line, words, language) <= 3 and not ends_like_sentence(line, language)


# Date-only lines by shape, in any language, digits of any script and no month names: a
# day number (1-31, "1er", "1st") and a year (1000-2100) last, with at most four words
# around them (weekday, month of one or two words, "de", "Le") and no other number:
# "Samedi 1er janvier 2005", "Σάββατο, 8 Ιανουαρίου 2005", "8 января 2005 г.", "sábado, 8
# de enero de 2005", "الخميس 27 كانون الأول 2005", "Saturday, January 8, 2005"; or all
# digits ("08/01/2005", "2005-01-08"); or "2005年1月8日 星期六".
_DATE_TOKEN = re.compile(r"(\d+)([^\W\d_]{0,3})|([^\W\d_]+)|(\S)")
_DATE_PUNCT = frozenset(",،./-()")
_NUMERIC_DATE = re.compile(r"^(?:[^\W\d_]+[,،]?\s+)?(\d{1,4})([/.\-])(\d{1,2})\2(\d{1,4})\.?$")
_CJK_DATE = re.compile(
    r"^(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]"
    r"(?:\s*[(（]?\s*[^\W\d_]{1,4}\s*[)）]?)?$")


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and 1000 <= int(digits) <= 2100


def _any_date_line(line: str) -> bool:
    line = line.strip()
    m = _NUMERIC_DATE.match(line)
    if m:  # a year at one end, day and month numbers
        a, _, b, c = m.groups()
        if _is_year(a) and len(c) <= 2:
            return 1 <= int(b) <= 12 and 1 <= int(c) <= 31
        return _is_year(c) and len(a) <= 2 and 1 <= int(a) <= 31 and 1 <= int(b) <= 31
    m = _CJK_DATE.match(line)
    if m:
        return _is_year(m.group(1)) and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31
    kinds = []  # "d" a day, "y" a year, "w" a word
    for m in _DATE_TOKEN.finditer(line):  # one at a time: most lines fail at once
        number, suffix, word, punct = m.groups(default="")
        if punct:
            if punct not in _DATE_PUNCT:
                return False
        elif word:
            if len(word) > 15:
                return False
            kinds.append("w")
        elif _is_year(number) and not suffix:
            kinds.append("y")
        elif len(number) <= 2 and 1 <= int(number) <= 31:
            kinds.append("d")
        else:
            return False
    if kinds.count("y") != 1 or kinds.count("d") != 1 or kinds.count("w") > 5:
        return False
    y, d = kinds.index("y"), kinds.index("d")
    # the year last, or before one short word ("г.", "года"); the day before it
    return d < y and y >= len(kinds) - 2 and 1 <= kinds.count("w") and y - d <= 3
