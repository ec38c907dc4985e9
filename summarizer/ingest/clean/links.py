"""Link lists: runs of short link-like lines (a menu, a list of other stories'
headlines), told apart from the story's own highlights by the words they share with it."""

from __future__ import annotations

import re

import regex

from ...documents import Dropped
from ...language import Language
from ...text import is_stop_word
from .base import ENGLISH, count_words, ends_like_sentence


LINK_LIST_RUN = 4
_LINK_ITEM_WORDS = 20
# Hard-wrapped prose is not a list: its lines start in lower case, end on a word that
# needs a continuation, or hold a sentence end inside.
_OPEN_END = frozenset("""
    the a an of to and or in on for with by at from that this his her their its our is
    was are were be been as than but who which whose if
""".split())
_INNER_STOP = re.compile(r"[a-z)][.?!]\s+[A-Z]")
_INNER_STOP_ANY = regex.compile(r"[\p{L})][.?!؟।。！？]\s+[\p{Lu}\p{Lo}]")


def drop_link_lists(kept: list[str], article_id: str, dropped: list[Dropped],
                     language: Language = ENGLISH) -> list[str]:
    """Drop runs of ``LINK_LIST_RUN`` or more consecutive lines (blank lines between them
    do not break a run) that all look like link text: short, starting with a capital or
    a digit, no sentence end inside or at the end, not ending on a word that needs more
    (hard-wrapped prose). That is a menu or a list of other stories' headlines. A run
    where half the lines or more share most of their words with the article's sentences
    is the story's own highlights or list, and stays.

    Outside the English rules the sentence ends are those of every script, the words
    that need more are also the language's stop words, and a line in a script without case
    counts only when it starts with a digit."""
    inner_stop = _INNER_STOP if language.english_rules else _INNER_STOP_ANY

    def item(line: str) -> bool:
        words = line.split()
        return (bool(words) and count_words(line, words, language) <= _LINK_ITEM_WORDS
                and not ends_like_sentence(line, language)
                and (line[0].isupper() or line[0].isdigit())
                and words[-1].lower() not in _OPEN_END
                and (language.english_rules or not is_stop_word(words[-1].lower(), language))
                and not inner_stop.search(line))

    out: list[str] = []
    run: list[int] = []  # indexes into ``out`` of the current run's lines

    body = {w for line in kept if line and not item(line) for w in _content_words(line)}

    def close() -> None:
        if len(run) >= LINK_LIST_RUN:
            on_topic = sum(_on_topic(out[k], body) for k in run)
            if 2 * on_topic < len(run):
                for k in run:
                    dropped.append(Dropped(article_id, out[k], "link-list"))
                    out[k] = ""
        run.clear()

    for line in kept:
        if not line:
            out.append(line)
            continue
        is_item = item(line)
        if not is_item:
            close()
        out.append(line)
        if is_item:
            run.append(len(out) - 1)
    close()
    return [line for k, line in enumerate(out) if line or (k and out[k - 1])]


def _content_words(line: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]{4,}", line.lower())}


def _on_topic(line: str, body: set[str]) -> bool:
    """Half or more of the line's longer words occur in the article's sentences: a
    story's own highlights or list, not another story's headline."""
    words = _content_words(line)
    return bool(words) and 2 * len(words & body) >= len(words)
