"""What the guard reads for a language, taken from its :class:`~summarizer.language.Language`
profile once: the number grammar, whether capitalised words are names, the stop words and
the marks that open a quote."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..language import Detected, Language, get_language
from .names import stop_set
from .numerals import ANY_SCRIPT, ENGLISH, Numerals

# Marks after which a capital is grammar, not a name: a quote, a list, a heading.
_OPENERS = frozenset(":\"“‘([—–•*#")
# ... and the quote marks of other languages.
_OPENERS_ANY = _OPENERS | frozenset("«„¿¡「『")


@dataclass(frozen=True)
class Rules:
    """The guard's rules for ``language``. ``names``: a capital marks a name, so runs of
    capitalised words are checked (not in scripts without case, where there is no
    capital, nor in German, which capitalises every noun)."""

    language: Language
    numerals: Numerals
    names: bool
    stops: frozenset[str]
    openers: frozenset[str]


def as_language(language: Language | Detected | str | None) -> Language:
    """The profile a ``language`` argument names: None is English, a string a code or an
    English name (:func:`~summarizer.language.get_language`)."""
    if not language:
        return get_language("en")
    if isinstance(language, Detected):
        return language.language
    if isinstance(language, Language):
        return language
    return get_language(str(language))


@lru_cache(maxsize=64)
def rules(language: Language) -> Rules:
    """The rules for ``language``: English news has its own number grammar and quote
    marks, every other language the script-general ones."""
    english = language.english_rules
    return Rules(language, ENGLISH if english else ANY_SCRIPT,
                 names=language.cased and not language.capitalises_nouns,
                 stops=stop_set(language.code),
                 openers=_OPENERS if english else _OPENERS_ANY)
