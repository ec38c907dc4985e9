"""Faithfulness guard: names, numbers and dates in a rewritten summary that no source
article states.

An extract copies source sentences, so it cannot invent a fact; a rewrite can (a name the
model saw in training, a figure rounded the wrong way, a weekday from nowhere). These are
plain string rules with no model, cheap enough to run on every summary and in evaluation:

- a *name* is a run of capitalised words not opening a sentence (function words,
  honorifics and common acronyms aside); each word must occur in the sources, in any case,
  or share its Porter stem with a source word ("Americans" ~ "American");
- a *number* is digits ("1,000", "2.5", "5%", "$3m", "1.5 million") or number words
  ("three", "twenty-five", "two hundred thousand"), compared by value, so "1,000" == "1000"
  == "one thousand" and "5 percent" == "5%"; a lone "one" is not counted;
- a *date* is a year (1000-2100), a decade ("1990s"), a month or a weekday.

A sentence-initial single word is not checked (its capital is grammar, not a name), so a
made-up surname opening a sentence goes unnoticed; that is the price of no false flags on
"Meanwhile" or "Officials".

Other languages (``language``: a :class:`~summarizer.language.Language` or a code; None
is English, which keeps exactly the rules above):

- numbers are digits of any script: every Unicode decimal digit is read as its ASCII
  value (Arabic-Indic ``٣٠``, Persian ``۳۰``, Devanagari ``३०`` ... == ``30``), the
  Arabic separators ``٫`` (decimal) and ``٬`` (thousands) and no-break-space thousands
  ("1 000") are understood, and a number whose separators are ambiguous ("2,5", "1.000")
  is supported by any of its readings. Number words and scale words are English only, so
  in other languages "trois", "τρία" or "two million" are not read as numbers;
- dates are numbers: a year (1000-2100, in any digits) and ISO dates are checked; month
  and weekday names are not (no English month list is applied to other languages);
- names: the capitalised-word rule with the language's stop words and Snowball stemmer
  (:mod:`summarizer.text`) instead of English ones, in languages written with case.
  Scripts without case (Arabic, Hebrew, Persian, Devanagari, Chinese, Japanese, Thai ...)
  have no capital to mark a name, and German capitalises every noun, so there only
  numbers and dates are checked.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Iterable

from .. import text as _text
from ..language import Language, get_language

ACTIONS = ("off", "flag", "drop", "fallback")

_WORD = re.compile(r"[^\W_]+(?:['’.\-&][^\W_]+)*")
# "(?:\s*-)?\s*" is "\s*-?\s*" read one way only (a number before 10,000 spaces is not
# tried at every split of them).
_NUMBER = re.compile(
    r"(?<![\w.])(?<!\w-)(\d+(?:,\d{3})*(?:\.\d+)?)(s|st|nd|rd|th)?"
    r"(?:(?:\s*-)?\s*(thousand|million|billion|trillion)\b|(bn|m|k)\b)?", re.IGNORECASE)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_OPENERS = set(":\"“‘([—–•*#")

_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
           "k": 10**3, "m": 10**6, "bn": 10**9}
_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
# Sources only: "the third day" supports "3rd day".
_ORDINALS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(),
    start=1)}
_NUMBER_WORDS = set(_UNITS) | set(_TENS) | {"hundred", "dozen"} | set(_SCALES) - {"k", "m", "bn"}

_MONTHS = _text.MONTHS
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

# Capitalised words that are not names of anything a source must state.
_GENERIC = {"i", "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col",
            "sgt", "st", "jr", "sr", "inc", "co", "corp", "ltd", "ceo", "cfo", "tv", "am", "pm",
            "ok", "ad", "bc"}
# Short forms a faithful rewrite may swap for the long ones, and back.
_ALIASES = [{"us", "usa", "america", "american", "americans", "united", "states"},
            {"uk", "britain", "british", "united", "kingdom"},
            {"un", "united", "nations"},
            {"eu", "european", "union"}]
_ACRONYM_ALIASES = {"us", "usa", "uk", "un", "eu"}


def _stop_words() -> frozenset[str]:
    return _text.stop_words("en")


def _stem(word: str, code: str = "en") -> str:
    return _text.stem(word, code)


ENGLISH = get_language("en")

# Languages whose script has no letter case (a capital cannot mark a name), and German,
# which capitalises every noun: the guard checks only numbers and dates there.
_NO_NAMES = frozenset("""
    ar he fa ur ps sd yi dv hi mr ne sa bn as gu pa or ta te kn ml si th lo km my bo zh ja
    ko ka am ti de lb
""".split())


def _language(language) -> Language:
    """None (English), a code or name, a Language, anything with a ``language``
    attribute that is one (a ``Detected``), or a ``Detected.to_dict()`` (``Summary.language``)."""
    if isinstance(language, dict):
        language = language.get("code")
    if not language:
        return ENGLISH
    if isinstance(language, Language):
        return language
    inner = getattr(language, "language", None)
    if isinstance(inner, Language):
        return inner
    return get_language(str(language))


def _ascii_digits(s: str) -> str:
    """Every Unicode decimal digit as its ASCII digit ("٣٠" -> "30", "३०" -> "30")."""
    if s.isascii():
        return s
    return "".join(str(unicodedata.decimal(c)) if unicodedata.decimal(c, None) is not None
                   else c for c in s)


# Digits of any script, for languages other than English: "1,000", "1.000", "2,5",
# "1 000" (no-break or thin space), "٣٠٫٥", "١٬٠٠٠"; no scale words.
_NUMBER_ANY = re.compile(
    r"(?<![\d.,٫٬])(?<!\d-)(\d+(?:[,.٫٬\u00a0\u202f\u2009]\d+)*)")
_ISO_DATE_ANY = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


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


def _digit_numbers_any(text: str) -> list[tuple[int, int, frozenset[Decimal], str]]:
    """(start, end, possible values, type) of every number written with digits of any
    script; a plain four-digit 1000-2100 is a year ("date")."""
    out = []
    for m in _NUMBER_ANY.finditer(text):
        values = frozenset(_readings(m.group(1)))
        if not values:
            continue
        ascii_ = _ascii_digits(m.group(1))
        kind = "date" if (ascii_.isdigit() and len(ascii_) == 4
                          and 1000 <= int(ascii_) <= 2100) else "number"
        out.append((m.start(), m.end(), values, kind))
    return out


@lru_cache(maxsize=64)
def _stop_set(code: str) -> frozenset[str]:
    """The language's stop words, also in ``_norm`` form (no accents)."""
    words = _text.stop_words(code)
    return frozenset(words) | frozenset(_norm(w) for w in words)


@lru_cache(maxsize=200_000)
def _norm(token: str) -> str:
    """Lower case, no accents ("Isère" -> "isere"), no dots ("U.S." -> "us"), no
    possessive ("Ortiz's" -> "ortiz")."""
    t = unicodedata.normalize("NFKD", token.replace("’", "'").lower())
    t = "".join(c for c in t if not unicodedata.combining(c))
    if t.endswith("'s"):
        t = t[:-2]
    return t.replace(".", "")


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


@dataclass(frozen=True)
class Facts:
    """What the sources state, in the forms the checks compare."""

    words: frozenset[str]
    stems: frozenset[str]
    acronyms: frozenset[str]
    numbers: frozenset[Decimal]
    months: frozenset[int]
    language: str = "en"


def _value(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "")).normalize()
    except InvalidOperation:
        return None


def _digit_numbers(text: str) -> list[tuple[int, int, Decimal, str]]:
    """(start, end, value, type) of every number written with digits."""
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
        out.append((m.start(), m.end(), value, kind))
    return out


# The longest number in words ("nine hundred and ninety-nine trillion ... ninety-nine")
# has about 30 words: a longer run is read as several numbers, so "hundred hundred ..."
# never builds a number of millions of digits.
MAX_NUMBER_WORDS = 40


def _word_numbers(text: str, lone_one: bool) -> list[tuple[int, int, Decimal]]:
    """(start, end, value) of every run of number words ("twenty-five", "two million"),
    at most ``MAX_NUMBER_WORDS`` words each."""
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
            out.append((tokens[i][0], tokens[j][1], Decimal(value)))
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


def source_facts(texts: Iterable[str], language=None) -> Facts:
    """Index the source texts (article bodies, titles, dates) once per cluster, in
    ``language`` (None: English)."""
    lang = _language(language)
    if not lang.is_english:
        return _source_facts_any(texts, lang)
    words, acronyms, numbers, months = set(), set(), set(), set()
    for text in texts:
        if not text:
            continue
        for n in _index_words(text, words, acronyms):
            if n in _MONTHS:
                months.add(_MONTHS[n])
            if n in _ORDINALS:
                numbers.add(Decimal(_ORDINALS[n]))
        numbers.update(v for _, _, v, _ in _digit_numbers(text))
        numbers.update(v for _, _, v in _word_numbers(text, lone_one=True))
        for y, mo, d in _ISO_DATE.findall(text):
            numbers.update({Decimal(int(y)), Decimal(int(d))})
            months.add(int(mo))
    stems = frozenset(_stem(w) for w in words)
    return Facts(frozenset(words), stems, frozenset(acronyms), frozenset(numbers), frozenset(months))


def _index_words(text: str, words: set, acronyms: set) -> list[str]:
    """Add every word of ``text`` (and each part of a hyphenated or ``&`` word) to
    ``words`` in ``_norm`` form, the all-capital ones to ``acronyms`` too; returns them."""
    out: list[str] = []
    for m in _WORD.finditer(text):
        tok = m.group()
        for part in {tok, *re.split(r"[-&]", tok)}:
            if not part:
                continue
            n = _norm(part)
            words.add(n)
            if part.replace(".", "").isupper():
                acronyms.add(n)
            out.append(n)
    return out


def _source_facts_any(texts: Iterable[str], lang: Language) -> Facts:
    words, acronyms, numbers, months = set(), set(), set(), set()
    names = lang.code not in _NO_NAMES
    for text in texts:
        if not text:
            continue
        if names:
            _index_words(text, words, acronyms)
        for _, _, values, _ in _digit_numbers_any(text):
            numbers.update(values)
        for y, mo, d in _ISO_DATE_ANY.findall(text):
            numbers.update({Decimal(int(y)), Decimal(int(mo)), Decimal(int(d))})
            months.add(int(mo))
    stems = frozenset(_stem(w, lang.code) for w in words)
    return Facts(frozenset(words), stems, frozenset(acronyms), frozenset(numbers),
                 frozenset(months), lang.code)


def _name_supported(token: str, facts: Facts) -> bool:
    n = _norm(token)
    if n in facts.words:  # also "NBC4" when a source writes "NBC4"
        return True
    joined = re.fullmatch(r"([a-z]+)(\d+)", n)  # "Route9" for "Route 9"
    if joined:
        return joined[1] in facts.words and Decimal(int(joined[2])) in facts.numbers
    parts = [p for p in re.split(r"[-&]", n) if p]
    if n in facts.words or n in _GENERIC or all(p in facts.words for p in parts):
        return True
    if _stem(n, facts.language) in facts.stems:
        return True
    return any((a in facts.acronyms) if a in _ACRONYM_ALIASES else (a in facts.words)
               for group in _ALIASES if n in group for a in group if a != n)


def _is_name_candidate(token: str) -> bool:
    if not token[0].isupper():
        return False
    return _is_acronym(token) or _norm(token) not in _stop_words()


def check_sentence(sentence: str, facts: Facts) -> list[Item]:
    """The names, numbers and dates in one sentence that the sources do not state (in the
    language ``facts`` were indexed in)."""
    if facts.language != "en":
        return _check_sentence_any(sentence, facts)
    items: list[tuple[int, Item]] = []  # (position, item)
    number_spans = []
    for start, end, value, kind in _digit_numbers(sentence):
        number_spans.append((start, end))
        if value not in facts.numbers:
            items.append((start, Item(sentence[start:end].strip(), kind)))
    for start, end, value in _word_numbers(sentence, lone_one=False):
        number_spans.append((start, end))
        if value not in facts.numbers:
            items.append((start, Item(sentence[start:end], "number")))

    names = _NameRuns(sentence, facts, items)
    in_number = _covered(number_spans)
    previous_end = 0
    for i, m in enumerate(_WORD.finditer(sentence)):
        tok, gap = m.group(), sentence[previous_end:m.start()]
        previous_end = m.end()
        if tok[0].isdigit() or in_number(m.start()):
            names.close()
            continue
        opens = i == 0 or any(c in _OPENERS for c in gap)
        n = _norm(tok)
        if tok[0].isupper() and (n in _WEEKDAYS or n in _MONTHS):
            names.close()
            item = _date_item(tok, n, opens, sentence, m.end(), facts)
            if item:
                items.append((m.start(), item))
        elif _is_name_candidate(tok):
            names.add(m, gap, opens)
        else:
            names.close()
    names.close()
    return _unique([item for _, item in sorted(items, key=lambda p: p[0])])


class _NameRuns:
    """Runs of capitalised words in a sentence, each checked against the sources when it
    ends: the first unsupported word to the last is one ``name`` item. A run that opens
    the sentence (or a quote) leaves its first word out, unless it is an acronym."""

    def __init__(self, sentence: str, facts: Facts, items: list):
        self.sentence, self.facts, self.items = sentence, facts, items
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
        checked = span[1:] if self.opens and not _is_acronym(span[0].group()) else span
        bad = [m for m in checked if not _name_supported(m.group(), self.facts)]
        if bad:
            self.items.append((bad[0].start(), Item(
                self.sentence[bad[0].start():bad[-1].end()], "name")))
        self.span = []


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


_OPENERS_ANY = _OPENERS | set("«„¿¡「『")


def _check_sentence_any(sentence: str, facts: Facts) -> list[Item]:
    """``check_sentence`` for a language other than English (see the module docstring)."""
    items: list[tuple[int, Item]] = []
    number_spans = []
    for start, end, values, kind in _digit_numbers_any(sentence):
        number_spans.append((start, end))
        if not values & facts.numbers:
            items.append((start, Item(sentence[start:end].strip(), kind)))
    if facts.language in _NO_NAMES:
        return _unique([item for _, item in sorted(items, key=lambda p: p[0])])
    stops = _stop_set(facts.language)
    names = _NameRuns(sentence, facts, items)
    in_number = _covered(number_spans)
    previous_end = 0
    for i, m in enumerate(_WORD.finditer(sentence)):
        tok, gap = m.group(), sentence[previous_end:m.start()]
        previous_end = m.end()
        if tok[0].isdigit() or in_number(m.start()):
            names.close()
            continue
        opens = i == 0 or any(c in _OPENERS_ANY for c in gap)
        if tok[0].isupper() and (
                _is_acronym(tok) or (tok.lower() not in stops and _norm(tok) not in stops)):
            names.add(m, gap, opens)
        else:
            names.close()
    names.close()
    return _unique([item for _, item in sorted(items, key=lambda p: p[0])])


_BEFORE_NUMBER = re.compile(r"\.?\s+\d")


def _date_item(tok: str, n: str, opens: bool, sentence: str, end: int,
               facts: Facts) -> Item | None:
    """A weekday or month (``tok``, ending at ``end`` in ``sentence``) the sources do not
    mention. "May" and "March" opening a sentence and abbreviations ("Dec") count only
    before a day number ("May 3")."""
    if n in _WEEKDAYS:
        return None if n in facts.words else Item(tok, "date")
    before_number = _BEFORE_NUMBER.match(sentence, end) is not None
    full = len(n) > 3 and n != "sept"
    if before_number or (full and not (opens and n in ("may", "march"))):
        return None if _MONTHS[n] in facts.months else Item(tok, "date")
    return None


def _is_acronym(token: str) -> bool:
    bare = token.replace(".", "")
    return len(bare) > 1 and bare.isupper()


def _unique(items: list[Item]) -> list[Item]:
    seen, out = set(), []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


def _as_facts(sources, language=None) -> Facts:
    return sources if isinstance(sources, Facts) else source_facts(sources, language)


# A no-break space between digit groups ("1 000") is a thousands separator; the
# splitter turns every white space into a plain one, so it is read before splitting.
_GROUP_SPACE = re.compile(r"(?<=\d)[\u00a0\u202f](?=\d{3}(?!\d))")


def _sentences(text: str, language: str) -> list[str]:
    from ..language import get_language
    from ..split import split_text

    if language == "en":
        return split_text(text)
    return split_text(_GROUP_SPACE.sub("", text), get_language(language))


def check(text: str, sources: Facts | Iterable[str], language=None) -> list[SentenceCheck]:
    """Every sentence of ``text`` with the facts in it that ``sources`` do not state.
    ``language`` (None: English) applies when ``sources`` are texts; indexed ``Facts``
    carry their own."""
    facts = _as_facts(sources, language)
    return [SentenceCheck(i, s, tuple(check_sentence(s, facts)))
            for i, s in enumerate(_sentences(text, facts.language))]


def summary_sources(summary) -> list[str]:
    """The texts a summary may draw facts from: its articles' bodies, titles and dates."""
    out = []
    for a in summary.articles:
        out.extend([a.text, a.title, a.date or ""])
    return out


def extract_text(summary) -> str:
    return "\n".join(s.unit.text for s in summary.sentences)


def _entry(c: SentenceCheck, action: str) -> dict:
    return {"sentence": c.index, "text": c.text, "action": action,
            "items": [{"text": i.text, "type": i.type} for i in c.items]}


def _summary_language(summary, language) -> Language:
    if language is not None:
        return _language(language)
    found = getattr(summary, "language", None)
    try:
        return _language(found) if found is not None else ENGLISH
    except Exception:  # an unreadable label: English, as before languages existed
        return ENGLISH


def apply_guard(summary, action: str, facts: Facts | None = None, language=None):
    """A copy of ``summary`` (which has ``refined`` text) with ``action`` applied.

    off: nothing checked. flag: the text stays, ``unsupported`` lists what no source
    states. drop: sentences with such facts are removed (the extract is used if none is
    left). fallback: the extract replaces the whole rewrite if any sentence has one.
    ``language``: the summary's language (None: the summary's own ``language`` if it has
    one, else English)."""
    if action not in ACTIONS:
        raise ValueError(f"guard action {action!r} is not one of {', '.join(ACTIONS)}")
    if action == "off" or summary.refined is None:
        return dataclasses.replace(summary, unsupported=[])
    lang = _summary_language(summary, language)
    checks = check(summary.refined, facts or source_facts(summary_sources(summary), lang))
    bad = [c for c in checks if c.items]
    if not bad or action == "flag":
        return dataclasses.replace(summary, unsupported=[_entry(c, "flagged") for c in bad])
    kept = [c.text for c in checks if not c.items]
    if action == "drop" and kept:
        return dataclasses.replace(summary, refined=" ".join(kept),
                                   unsupported=[_entry(c, "dropped") for c in bad])
    return dataclasses.replace(summary, refined=extract_text(summary),
                               unsupported=[_entry(c, "fallback") for c in bad])


def guard_stats(summary, language=None) -> dict:
    """Unsupported facts in the summary's final text, recomputed from its articles, so the
    number is the same whatever guard action produced the text."""
    text = summary.text
    words = len(text.split())
    if not words:
        return {"words": 0, "sentences": 0, "items": 0, "sentences_with_items": 0,
                "per_100_words": 0.0, "sentence_share": 0.0}
    checks = check(text, summary_sources(summary), _summary_language(summary, language))
    items = sum(len(c.items) for c in checks)
    flagged = sum(1 for c in checks if c.items)
    return {"words": words, "sentences": len(checks), "items": items,
            "sentences_with_items": flagged,
            "per_100_words": 100.0 * items / words,
            "sentence_share": flagged / len(checks) if checks else 0.0}


def unsupported_rate(summary, language=None) -> float:
    """Unsupported names, numbers and dates per 100 words of the summary's final text."""
    return guard_stats(summary, language)["per_100_words"]


def unsupported_sentence_share(summary, language=None) -> float:
    """Share of the summary's sentences that state at least one unsupported fact."""
    return guard_stats(summary, language)["sentence_share"]
