"""What every line rule shares: the rule's signature, English as the default language,
sentence ends and word counts by the language's profile, and rules made of one pattern."""

from __future__ import annotations

import re
from typing import Callable

from ...config import CleanConfig
from ...language import Language, get_language
from ...text import ends_like_a_sentence, word_count

# A line rule: (line, its whitespace-separated words, the config, the language) -> whether
# the line is boilerplate.
Rule = Callable[[str, list[str], CleanConfig, Language], bool]

ENGLISH = get_language("en")


def ends_like_sentence(line: str, language: Language = ENGLISH) -> bool:
    """The last character ends a sentence or clause, by the language's ``line_ends``
    (``text.ends_like_a_sentence`` with ``clause_marks``). The rules that read English
    words judge English sentence ends, whatever the language."""
    return ends_like_a_sentence(line, clause_marks=True, language=language)


def count_words(line: str, words: list[str], language: Language) -> int:
    """Words in ``line``: the spaced pieces, except that in a language written without
    spaces each ideograph or kana counts as a word (:func:`summarizer.text.word_count`);
    a URL or Latin word stays one."""
    return len(words) if language.spaced else word_count(line)


def line_re(pattern: str, max_words: int, flags=re.I) -> Rule:
    """A rule: at most ``max_words`` words, and ``pattern`` found in the line."""
    rx = re.compile(pattern, flags)

    def rule(line: str, words: list[str], _cfg, _language) -> bool:
        return len(words) <= max_words and rx.search(line) is not None

    return rule
