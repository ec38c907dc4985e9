"""Numbers and dates as the guard reads them, in two grammars.

English (the rules the guard was tuned on): digits with English separators ("1,000",
"2.5", "5%", "$3m", "1.5 million", "5th", "1990s") and number words ("three",
"twenty-five", "two hundred thousand"), compared by value, so "1,000" == "1000" ==
"one thousand"; a year is 1000-2100, a decade "1990s"; month and weekday names are dates.

Any other language: digits of any script, every Unicode decimal digit read as its ASCII
value (Arabic-Indic ``٣٠``, Persian ``۳۰``, Devanagari ``३०`` ... == ``30``); the
Arabic separators ``٫`` (decimal) and ``٬`` (thousands) and no-break-space thousands
("1 000") are understood, and a number whose separators are ambiguous ("2,5", "1.000")
stands for every one of its readings. Number words, scale words and month names are
English only, so "trois", "τρία" or "two million" are not read as numbers there.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Callable, NamedTuple

from .. import text as _text


class Number(NamedTuple):
    """A number in a text: where it is, every value it may mean, "number" or "date"."""

    start: int
    end: int
    values: frozenset[Decimal]
    kind: str


MONTHS = _text.MONTHS
# Full weekday names only: "Sun" or "Wed" in a rewrite are too often something else.
WEEKDAYS = frozenset(w for w in _text.WEEKDAYS if re.fullmatch(_text.WEEKDAY_PATTERN, w))

# ----------------------------------------------------------------------------- English

# "(?:\s*-)?\s*" is "\s*-?\s*" read one way only (a number before 10,000 spaces is not
# tried at every split of them).
_NUMBER = re.compile(
    r"(?<![\w.])(?<!\w-)(\d+(?:,\d{3})*(?:\.\d+)?)(s|st|nd|rd|th)?"
    r"(?:(?:\s*-)?\s*(thousand|million|billion|trillion)\b|(bn|m|k)\b)?", re.IGNORECASE)

_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
           "k": 10**3, "m": 10**6, "bn": 10**9}
_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
# Sources only: "the third day" supports "3rd day".
ORDINALS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(),
    start=1)}
_NUMBER_WORDS = set(_UNITS) | set(_TENS) | {"hundred", "dozen"} | set(_SCALES) - {"k", "m", "bn"}

# The longest number in words ("nine hundred and ninety-nine trillion ... ninety-nine")
# has about 30 words: a longer run is read as several numbers, so "hundred hundred ..."
# never builds a number of millions of digits.
MAX_NUMBER_WORDS = 40


def _value(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "")).normalize()
    except InvalidOperation:
        return None


def english_digits(text: str) -> list[Number]:
    """Every number written with digits, English separators and scale words; a plain
    four-digit 1000-2100 (or its decade, "1990s") is a year ("date")."""
    out = []
    for m in _NUMBER.finditer(text):
        digits, suffix, word_scale, short_scale = m.groups()
        value = _value(digits)
        if value is None:
            continue
        scale = (word_scale or short_scale or "").lower()
        if scale:
            value = (value * _SCALES[scale]).normalize()
        kind = "number"
        if (not scale and "," not in digits and "." not in digits and len(digits) == 4
                and 1000 <= int(digits) <= 2100 and (suffix or "").lower() in ("", "s")):
            kind = "date"
        out.append(Number(m.start(), m.end(), frozenset({value}), kind))
    return out


def word_numbers(text: str, lone_one: bool) -> list[Number]:
    """Every run of English number words ("twenty-five", "two million"), at most
    ``MAX_NUMBER_WORDS`` words each; a lone "one" only when ``lone_one``."""
    tokens = [(m.start(), m.end(), m.group().lower()) for m in re.finditer(r"[A-Za-z]+", text)]
    out, i = [], 0
    while i < len(tokens):
        if tokens[i][2] not in _NUMBER_WORDS or tokens[i][2] in ("hundred", *_SCALES):
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and j + 1 - i < MAX_NUMBER_WORDS and (
                tokens[j + 1][2] in _NUMBER_WORDS
                or (tokens[j + 1][2] == "and" and j + 2 < len(tokens)
                    and tokens[j + 2][2] in _NUMBER_WORDS)):
            gap = text[tokens[j][1]:tokens[j + 1][0]]
            if gap.strip(" -") or "\n" in gap:
                break
            j += 1
        words = [t[2] for t in tokens[i:j + 1] if t[2] != "and"]
        if words == ["one"] and not lone_one:
            i = j + 1
            continue
        value = _words_value(words)
        if value is not None:
            out.append(Number(tokens[i][0], tokens[j][1], frozenset({Decimal(value)}), "number"))
        i = j + 1
    return out


def _words_value(words: list[str]) -> int | None:
    total, current = 0, 0
    for w in words:
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w == "dozen":
            current = max(current, 1) * 12
        elif w in _SCALES:
            total += max(current, 1) * _SCALES[w]
            current = 0
    return total + current


# ----------------------------------------------------------------------------- any script

# "1,000", "1.000", "2,5", "1 000" (no-break or thin space), "٣٠٫٥", "١٬٠٠٠"; no scale words.
_NUMBER_ANY = re.compile(
    r"(?<![\d.,٫٬])(?<!\d-)(\d+(?:[,.٫٬\u00a0\u202f\u2009]\d+)*)")


def _ascii_digits(s: str) -> str:
    """Every Unicode decimal digit as its ASCII digit ("٣٠" -> "30", "३०" -> "30")."""
    if s.isascii():
        return s
    return "".join(str(unicodedata.decimal(c)) if unicodedata.decimal(c, None) is not None
                   else c for c in s)


def _readings(digits: str) -> set[Decimal]:
    """Every value a run of digits and separators may mean: "2,5" is 2.5 or 25, "1.000"
    is 1 or 1000, "1,000" is 1000 or 1, "1.234,5" is 1234.5."""
    d = _ascii_digits(digits).replace("٫", ".").replace("٬", ",")
    d = re.sub("[\u00a0\u202f\u2009]", "", d)
    seps = set(re.findall(r"[,.]", d))
    if not seps:
        candidates = [d]
    elif len(seps) == 2:  # "1.234,5" or "1,234.5": the last one is the decimal mark
        dec = d[max(d.rfind(","), d.rfind("."))]
        other = "," if dec == "." else "."
        candidates = [d.replace(other, "").replace(dec, ".")]
    else:
        sep = seps.pop()
        parts = d.split(sep)
        candidates = []
        if all(len(p) == 3 for p in parts[1:]):  # thousands groups
            candidates.append(d.replace(sep, ""))
        if len(parts) == 2:  # a decimal mark
            candidates.append(d.replace(sep, "."))
        if not candidates:
            candidates = [d.replace(sep, "")]
    out = set()
    for c in candidates:
        v = _value(c)
        if v is not None:
            out.add(v)
    return out


def script_digits(text: str) -> list[Number]:
    """Every number written with digits of any script; a plain four-digit 1000-2100 is a
    year ("date")."""
    out = []
    for m in _NUMBER_ANY.finditer(text):
        values = frozenset(_readings(m.group(1)))
        if not values:
            continue
        ascii_ = _ascii_digits(m.group(1))
        kind = "date" if (ascii_.isdigit() and len(ascii_) == 4
                          and 1000 <= int(ascii_) <= 2100) else "number"
        out.append(Number(m.start(), m.end(), values, kind))
    return out


# ----------------------------------------------------------------------------- grammars

@dataclass(frozen=True)
class Numerals:
    """How one language's numbers and dates are read.

    ``digits`` finds the numbers written with digits; ``iso_date`` the ISO dates of the
    sources, of which the groups in ``iso_numbers`` count as stated numbers (English
    leaves the month out: it states its months by name); ``words``: number words,
    ordinals and month and weekday names are read too; ``group_spaces``: a no-break
    space between digit groups ("1 000") belongs to the number."""

    digits: Callable[[str], list[Number]]
    iso_date: re.Pattern[str]
    iso_numbers: tuple[int, ...]
    words: bool
    group_spaces: bool

    def numbers(self, text: str, lone_one: bool) -> list[Number]:
        """Every number in ``text``, digits first; a lone "one" in words only when
        ``lone_one`` (in a source, not in a checked sentence)."""
        found = self.digits(text)
        return found + word_numbers(text, lone_one) if self.words else found


ENGLISH = Numerals(english_digits, re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), (1, 3),
                   words=True, group_spaces=False)
ANY_SCRIPT = Numerals(script_digits, re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"),
                      (1, 2, 3), words=False, group_spaces=True)
